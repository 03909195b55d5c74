import Foundation
import Testing
@testable import SitegenCore

/// Rebuilds write only the files whose bytes changed, and always end byte for byte where a clean
/// build of the same content ends.
@Suite struct RebuildTests {
    let content = TestSupport.copyOfFixture()
    var output: String { (content as NSString).deletingLastPathComponent + "/public" }

    func inode(_ relative: String) -> UInt64 {
        var info = stat()
        return stat(output + "/" + relative, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    @Test func editingOneActivityRewritesOnlyWhatShowsIt() throws {
        _ = try Site.build(TestSupport.options(content: content, output: output))
        let untouched = "activities/2015-year-only/index.html"
        let untouchedPartner = "partners/asean/index.html"
        let before = inode(untouched)
        let partnerBefore = inode(untouchedPartner)
        let path = content + "/activities/2024-09-09-course.md"
        TestSupport.write(TestSupport.read(path).replacingOccurrences(of: "Course across September", with: "Course across September & October"), to: path)

        let report = try Site.build(TestSupport.options(content: content, output: output))
        #expect(report.filesChanged > 0 && report.filesChanged < report.filesWritten / 2)
        #expect(inode(untouched) == before, "an activity page whose bytes did not change was written again")
        #expect(inode(untouchedPartner) == partnerBefore, "a partner page whose bytes did not change was written again")
        #expect(TestSupport.read(output + "/activities/2024-09-09-course/index.html").contains("Course across September &amp; October"))
        #expect(TestSupport.read(output + "/timeline/index.html").contains("Course across September &amp; October"))
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    @Test func aDeletedOutputFileIsWrittenAgain() throws {
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(try Site.build(TestSupport.options(content: content, output: output)).filesChanged == 0)
        for deleted in ["activities/2015-year-only/index.html", "data/activities.json", "index.html"] {
            unlink(output + "/" + deleted)
            let report = try Site.build(TestSupport.options(content: content, output: output))
            #expect(report.filesChanged == 1, "\(deleted) was deleted, yet not written again alone")
            #expect(FileManager.default.fileExists(atPath: output + "/" + deleted), "\(deleted) was not written again")
        }
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    @Test func renamingAPartnerRerendersItsActivities() throws {
        _ = try Site.build(TestSupport.options(content: content, output: output))
        let path = content + "/partners/philippines.md"
        TestSupport.write(TestSupport.read(path).replacingOccurrences(of: "name: Philippines", with: "name: Republic of the Philippines"), to: path)
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(TestSupport.read(output + "/activities/2024-09-09-course/index.html").contains("Republic of the Philippines"))
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    @Test func aBrokenLinkInAnEditedActivityFailsTheRebuild() throws {
        _ = try Site.build(TestSupport.options(content: content, output: output))
        let path = content + "/activities/2015-year-only.md"
        TestSupport.write(TestSupport.read(path) + "\nSee [the plan](/action-plans/third/).\n", to: path)
        let error = #expect(throws: BuildError.self) { try Site.build(TestSupport.options(content: content, output: output)) }
        #expect(error?.diagnostics.contains { $0.path.hasSuffix("2015-year-only.md") && $0.message.contains("/action-plans/third/") } == true)
    }

    @Test func removingAHeadingFailsTheRebuildInTheUnchangedBodyThatLinksToIt() throws {
        let page = content + "/pages/about.md"
        TestSupport.write(TestSupport.read(page) + "\n## Contact points\n\nWrite to us.\n", to: page)
        let linking = content + "/activities/2015-year-only.md"
        TestSupport.write(TestSupport.read(linking) + "\nSee [who to ask](/about/#contact-points).\n", to: linking)
        _ = try Site.build(TestSupport.options(content: content, output: output))

        TestSupport.write(TestSupport.read(page).replacingOccurrences(of: "## Contact points", with: "## Addresses"), to: page)
        let error = #expect(throws: BuildError.self) { try Site.build(TestSupport.options(content: content, output: output)) }
        #expect(error?.diagnostics.contains { $0.path.hasSuffix("2015-year-only.md") && $0.message.contains("contact-points") } == true)
    }

    @Test func changingATemplateRerendersEveryPage() throws {
        let templates = TestSupport.temporaryFolder() + "/Templates"
        try FileManager.default.copyItem(atPath: TestSupport.templates, toPath: templates)
        var options = TestSupport.options(content: content, output: output)
        options.templates = templates
        _ = try Site.build(options)
        let footer = templates + "/partials/footer.mustache"
        TestSupport.write(TestSupport.read(footer).replacingOccurrences(of: "<footer class=\"site-footer\">", with: "<footer class=\"site-footer\" data-edition=\"2\">"), to: footer)
        _ = try Site.build(options)
        let pages = TestSupport.siteFiles(output).filter { $0.key.hasSuffix(".html") }
        #expect(!pages.isEmpty)
        #expect(pages.allSatisfy { String(decoding: $0.value, as: UTF8.self).contains("data-edition=\"2\"") })
    }

    @Test func removingAnActivityRemovesItsPageAndFolder() throws {
        _ = try Site.build(TestSupport.options(content: content, output: output))
        try FileManager.default.removeItem(atPath: content + "/activities/2015-year-only.md")
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(!FileManager.default.fileExists(atPath: output + "/activities/2015-year-only"))
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    @Test func aFileTheOwnerPutWhereANewPageGoesIsKept() throws {
        _ = try Site.build(TestSupport.options(content: content, output: output))
        TestSupport.write("mine", to: output + "/activities/2024-10-01-new/index.html")
        TestSupport.write("---\ntitle: New\ndate: 2024-10-01\n---\nBody.\n", to: content + "/activities/2024-10-01-new.md")
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(TestSupport.read(output + "/activities/2024-10-01-new/index.html.sitegen-kept") == "mine")
        #expect(TestSupport.read(output + "/activities/2024-10-01-new/index.html").contains("<h1>New</h1>"))
    }

    @Test func aCommitStoppedHalfwayIsFinishedByTheNextBuild() throws {
        _ = try Site.build(TestSupport.options(content: content, output: output))
        // What a build killed while moving its files in leaves: a staging folder with its journal.
        let staging = (output as NSString).deletingLastPathComponent + "/.public.sitegen-staging-999999"
        TestSupport.write("new home", to: staging + "/index.html")
        TestSupport.write("new file", to: staging + "/extra/index.html")
        let realOutput = ResolvedPath.real(output)
        try CommitJournal(output: realOutput, staged: ["index.html", "extra/index.html"], removed: ["robots.txt"]).write(into: staging)
        // The next build finishes the move, then builds over it.
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(TestSupport.read(output + "/extra/index.html") == "new file", "the journal's move was not finished")
        #expect(!FileManager.default.fileExists(atPath: staging))
        var clean = try TestSupport.cleanBuild(of: content)
        clean["extra/index.html"] = Data("new file".utf8)
        #expect(TestSupport.siteFiles(output) == clean)
    }
}
