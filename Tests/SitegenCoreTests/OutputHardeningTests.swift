import Foundation
import Testing
@testable import SitegenCore

/// State files, links and paths planted beside or inside the output cannot make a build remove,
/// rename or write anything outside the output folder.
@Suite struct OutputHardeningTests {
    let root = TestSupport.temporaryFolder()
    var output: String { root + "/out" }

    @Test func aPlantedManifestNamingPathsOutsideTheOutputIsRefused() throws {
        TestSupport.write("victim", to: root + "/victim.txt")
        TestSupport.write("victim 2", to: root + "/home/victim2.txt")
        TestSupport.write("sitegen output v1\n../victim.txt\tx\n../home/victim2.txt\n/etc/passwd\n", to: output + "/.sitegen-manifest")
        let error = #expect(throws: BuildError.self) {
            try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        }
        #expect(TestSupport.read(root + "/victim.txt") == "victim")
        #expect(TestSupport.read(root + "/home/victim2.txt") == "victim 2")
        let lines = error?.diagnostics.filter { $0.path.hasSuffix("out/.sitegen-manifest") }.compactMap(\.line) ?? []
        #expect(lines.sorted() == [2, 3, 4])
    }

    @Test func aPlantedJournalBesideTheOutputRemovesNothingOutsideIt() throws {
        let content = TestSupport.copyOfFixture()
        _ = try Site.build(TestSupport.options(content: content, output: output))
        TestSupport.write("victim 3", to: root + "/victim3.txt")
        let staging = root + "/.out.sitegen-staging-999999"
        // Without a digest, and with one but a path outside the output: neither is honoured.
        TestSupport.write("sitegen journal v1\n-../victim3.txt\n", to: staging + "/.sitegen-journal")
        let path = content + "/activities/2015-year-only.md"
        TestSupport.write(TestSupport.read(path) + "\nMore.\n", to: path)
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(TestSupport.read(root + "/victim3.txt") == "victim 3")
        #expect(!FileManager.default.fileExists(atPath: staging))

        let body = "sitegen journal v2\noutput \(ResolvedPath.real(output))\n-../victim3.txt\n"
        TestSupport.write(body + "digest " + CommitJournal.digest(body) + "\n", to: staging + "/.sitegen-journal")
        #expect(CommitJournal.read(from: staging, for: ResolvedPath.real(output)) == nil)
        TestSupport.write(TestSupport.read(path) + "\nEven more.\n", to: path)
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(TestSupport.read(root + "/victim3.txt") == "victim 3")
    }

    @Test func aJournalRemovesOnlyFilesTheManifestNames() throws {
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        TestSupport.write("mine", to: output + "/notes.txt")
        let real = ResolvedPath.real(output)
        let journal = CommitJournal(output: real, staged: [], removed: ["notes.txt", "robots.txt"])
        let staging = root + "/.out.sitegen-staging-1"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try journal.write(into: staging)
        #expect(CommitJournal.read(from: staging, for: real) == journal)
        journal.apply(from: staging, ours: Set(try #require(try OutputManifest.read(output, display: PathDisplay(workingDirectory: "/"))).paths))
        #expect(TestSupport.read(output + "/notes.txt") == "mine")
        #expect(!FileManager.default.fileExists(atPath: output + "/robots.txt"))
    }

    @Test func aSymbolicLinkInTheOutputIsNotFollowedByRemovals() throws {
        let content = TestSupport.copyOfFixture()
        _ = try Site.build(TestSupport.options(content: content, output: output))
        // The folder of a page the next build drops is swapped for a link to a folder outside.
        TestSupport.write("victim", to: root + "/elsewhere/index.html")
        try FileManager.default.removeItem(atPath: output + "/hidden")
        try FileManager.default.createSymbolicLink(atPath: output + "/hidden", withDestinationPath: root + "/elsewhere")
        try FileManager.default.removeItem(atPath: content + "/pages/hidden.md")
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(TestSupport.read(root + "/elsewhere/index.html") == "victim")
    }

    /// Every file is written in full beside the output before the first one is moved in.
    @Test func aFailedWriteLeavesTheOutputExactlyAsItWas() throws {
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        let before = TestSupport.siteFiles(output)
        let writer = try OutputWriter(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        // `index.html` changes, then `robots.txt/x` cannot be made, as `robots.txt` is a file.
        let site = RenderedSite(files: [OutputFile(path: "index.html", bytes: Array("changed".utf8)),
                                        OutputFile(path: "robots.txt", bytes: Array("changed".utf8)),
                                        OutputFile(path: "robots.txt/x", bytes: Array("x".utf8))])
        let error = #expect(throws: BuildError.self) { try writer.write(site) }
        #expect(error?.diagnostics.first?.message.contains(": ") == true, "the message lacks the system's reason")
        #expect(TestSupport.siteFiles(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["out"])
    }

    /// A build hands its files over in parts; a part that cannot be staged gives up the build
    /// with the parts before it, and the output stays as it was.
    @Test func aBuildGivenUpAfterSomePartsLeavesTheOutputAsItWas() throws {
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        let before = TestSupport.siteFiles(output)
        let writer = try OutputWriter(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        let staged = try writer.begin()
        try staged.add([OutputFile(path: "index.html", bytes: Array("changed".utf8))])
        try staged.add([OutputFile(path: "new/index.html", bytes: Array("new".utf8))])
        #expect(TestSupport.read(writer.stagingFolder + "/index.html") == "changed", "a part is staged as it comes")
        #expect(throws: BuildError.self) {
            try staged.add([OutputFile(path: "robots.txt", bytes: Array("changed".utf8)), OutputFile(path: "robots.txt/x", bytes: Array("x".utf8))])
        }
        #expect(TestSupport.siteFiles(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["out"])

        // Released without a commit, a build leaves nothing either, and the next one runs.
        var abandoned: StagedOutput? = try writer.begin()
        try abandoned?.add([OutputFile(path: "index.html", bytes: Array("changed".utf8))])
        abandoned = nil
        #expect(TestSupport.siteFiles(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["out"])
        let next = try writer.begin()
        try next.add([OutputFile(path: "index.html", bytes: Array("committed".utf8))])
        _ = try next.commit()
        #expect(TestSupport.read(output + "/index.html") == "committed")
    }

    @Test func anOutputInsideAnInputIsRefusedEvenWithForce() throws {
        let content = TestSupport.copyOfFixture()
        let folder = (content as NSString).deletingLastPathComponent
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: content)
        let templates = TestSupport.templates
        for (contentPath, outputPath) in [(content, content + "/static"), (content, content + "/x"), (folder + "/linked", content),
                                          (content, folder), (content, templates + "/assets/x"), (folder + "/linked", folder + "/linked/out")] {
            let error = #expect(throws: BuildError.self) {
                try Site.build(TestSupport.options(content: contentPath, output: outputPath, force: true))
            }
            #expect(error?.diagnostics.first?.message.contains("refusing") == true, "\(outputPath)")
        }
        #expect(!FileManager.default.fileExists(atPath: content + "/index.html"))
        #expect(!FileManager.default.fileExists(atPath: content + "/x"))
    }

    @Test func leftoverStateOfEarlierVersionsIsRemoved() throws {
        for name in [".out.sitegen-cache", ".out.sitegen-cache.tmp-123", ".out.sitegen-index-changes.tmp-9", ".out.sitegen-listings"] {
            TestSupport.write("old", to: root + "/" + name)
        }
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["out"])
    }

    @Test func controlCharactersInPathsAreEscapedInDiagnostics() {
        let diagnostic = Diagnostic(path: "content/activities/a\nb\u{7}.md", line: 3, column: 1, message: "bad")
        #expect(diagnostic.description == "content/activities/a\\nb\\u{7}.md:3:1: error: bad")
    }
}
