import Foundation
import Testing
@testable import SitegenCore

/// Runs of pages write through descriptors of their own and list what they wrote as they end;
/// the longest pages are handed out first.
@Suite struct OutputWriterRunTests {
    @Test func aRunWritesAtTheTopNestedAndIntoFoldersNotYetMade() throws {
        let output = TestSupport.temporaryFolder() + "/public"
        let writer = try OutputWriter(output: output, protectedFolders: [], force: false, display: PathDisplay(workingDirectory: "/"))
        let files = ["index.html": "home", "activities/a/index.html": "a", "activities/b/index.html": "b",
                     "partners/p/index.html": "p", "activities/c/index.html": "c", "deep/er/still/file.txt": "deep"]
        try writer.withRun { run in
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                try Array(text.utf8).withUnsafeBytes { try writer.write(path, $0, key: "k-\(path)", in: &run) }
            }
            writer.keep("kept.html", key: "old", in: &run)
        }
        // Listed only as the run ended: every file, and the one kept.
        #expect(writer.fileCount == files.count + 1)
        #expect(writer.stagedCount == files.count)
        try writer.commit()
        for (path, text) in files {
            #expect(TestSupport.read(output + "/" + path) == text)
        }
        let manifest = try #require(OutputManifest.read(output))
        #expect(manifest.files["activities/b/index.html"] == "k-activities/b/index.html")
        #expect(manifest.files["kept.html"] == "old")
    }

    @Test func listingPagesComeFirstAndActivityPagesInRuns() {
        let jobs: [PageJob] = [.home, .timeline, .partners, .actionPlans, .search, .notFound]
            + (0..<70).map(PageJob.activity) + (0..<3).map(PageJob.partner) + [.actionPlan(0), .page(0)]
        let runs = Site.pageRuns(jobs)
        // Every job exactly once.
        #expect(runs.flatMap { Array($0) }.sorted() == Array(jobs.indices))
        // The home page, the timeline, the partners index and the partner pages one to a run, before the rest.
        #expect(runs.prefix(6).map(\.lowerBound) == [0, 1, 2, 76, 77, 78])
        #expect(runs.prefix(6).allSatisfy { $0.count == 1 })
        // Activity pages last, in runs of at most 32.
        let activityRuns = runs.suffix(3)
        #expect(activityRuns.map(\.count) == [32, 32, 6])
        #expect(activityRuns.allSatisfy { $0.allSatisfy { if case .activity = jobs[$0] { true } else { false } } })
    }
}
