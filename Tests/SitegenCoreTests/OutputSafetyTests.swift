import Foundation
import Testing
@testable import SitegenCore

@Suite struct OutputSafetyTests {
    @Test func refusesAnOutputFolderHoldingTheContent() throws {
        let root = TestSupport.temporaryFolder()
        try FileManager.default.copyItem(atPath: TestSupport.fixtureContent, toPath: root + "/content")
        for output in [root, root + "/content"] {
            #expect(throws: BuildError.self) {
                try Site.build(TestSupport.options(content: root + "/content", output: output, force: true))
            }
        }
        #expect(FileManager.default.fileExists(atPath: root + "/content/site.yml"))
    }

    @Test func refusesANonEmptyFolderItDidNotWrite() throws {
        let output = TestSupport.temporaryFolder()
        TestSupport.write("keep me", to: output + "/notes.txt")
        #expect(throws: BuildError.self) {
            try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        }
        #expect(TestSupport.read(output + "/notes.txt") == "keep me")
        #expect(!FileManager.default.fileExists(atPath: output + "/index.html"))
    }

    @Test func forceKeepsFilesItDidNotWrite() throws {
        let output = TestSupport.temporaryFolder()
        TestSupport.write("keep me", to: output + "/notes.txt")
        TestSupport.write("mine", to: output + "/deep/own.txt")
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output, force: true))
        #expect(TestSupport.read(output + "/notes.txt") == "keep me")
        #expect(TestSupport.read(output + "/deep/own.txt") == "mine")
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
        // A later build without --force accepts its own output and still keeps the foreign files.
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        #expect(TestSupport.read(output + "/notes.txt") == "keep me")
    }

    @Test func filesAddedToAnEarlierOutputAreKept() throws {
        let output = TestSupport.temporaryFolder() + "/public"
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        TestSupport.write("verification", to: output + "/google123.html")
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        #expect(TestSupport.read(output + "/google123.html") == "verification")
    }

    @Test func pagesThatDisappearAreRemovedFromTheOutput() throws {
        let content = TestSupport.copyOfFixture()
        let output = (content as NSString).deletingLastPathComponent + "/public"
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(FileManager.default.fileExists(atPath: output + "/hidden/index.html"))
        try FileManager.default.removeItem(atPath: content + "/pages/hidden.md")
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(!FileManager.default.fileExists(atPath: output + "/hidden/index.html"))
    }

    @Test func leavesNothingBesideTheOutput() throws {
        let parent = TestSupport.temporaryFolder()
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: parent + "/public"))
        let content = TestSupport.copyOfFixture()
        TestSupport.write("---\ntitle: T\n---\n", to: content + "/activities/broken.md")
        _ = try? Site.build(TestSupport.options(content: content, output: parent + "/public"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == ["public"])
    }

    /// A rebuild with nothing changed writes no file: every modification time stays as it was.
    @Test func anUnchangedRebuildWritesNothing() throws {
        let content = TestSupport.copyOfFixture()
        let output = (content as NSString).deletingLastPathComponent + "/public"
        _ = try Site.build(TestSupport.options(content: content, output: output))
        let times = TestSupport.modificationTimes(output)
        let report = try Site.build(TestSupport.options(content: content, output: output))
        #expect(report.filesChanged == 0)
        #expect(TestSupport.modificationTimes(output) == times)
    }
}
