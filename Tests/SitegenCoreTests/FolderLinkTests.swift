import Foundation
import Testing
@testable import SitegenCore

/// A symbolic link to a folder, anywhere the content or templates folders are walked, is an
/// error at the link and is never followed: not out of the input folder, not round a loop.
@Suite struct FolderLinkTests {
    static let message = "is a symbolic link to a folder; sitegen does not follow links to folders"

    /// Runs `work` on a thread of its own and waits at most `seconds`: a walk that never ends
    /// fails the test instead of holding the suite.
    func finishes<T: Sendable>(within seconds: Double, _ work: @escaping @Sendable () -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Thread {
            box.value = work()
            done.signal()
        }.start()
        guard done.wait(timeout: .now() + seconds) == .success else {
            Issue.record("did not finish within \(seconds) s")
            return nil
        }
        return box.value
    }

    func link(_ path: String, to destination: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: destination)
    }

    func errors(_ diagnostics: [Diagnostic], at suffix: String) -> [Diagnostic] {
        diagnostics.filter { $0.severity == .error && $0.path.hasSuffix(suffix) && $0.message.contains(Self.message) }
    }

    @Test func aLinkToItsOwnStaticFolderIsAnErrorAndNothingIsCopiedTwice() throws {
        let content = TestSupport.copyOfFixture()
        try link(content + "/static/self", to: ".")
        let output = TestSupport.temporaryFolder() + "/public"
        let options = TestSupport.options(content: content, output: output)
        let diagnostics = try #require(finishes(within: 10) { Site.check(options) })
        #expect(errors(diagnostics, at: "static/self").count == 1, "got: \(diagnostics)")
        #expect(errors(diagnostics, at: "static/self").first?.message.hasPrefix("`self` is a symbolic link to a folder") == true)
        #expect(throws: BuildError.self) { try Site.build(options) }
        #expect(!FileManager.default.fileExists(atPath: output + "/self"))
    }

    @Test func twoLinksToTheStaticFolderFinishAtOnce() throws {
        let content = TestSupport.copyOfFixture()
        try link(content + "/static/a", to: ".")
        try link(content + "/static/b", to: "..")
        let options = TestSupport.options(content: content, output: "/nonexistent/out")
        let diagnostics = try #require(finishes(within: 10) { Site.check(options) })
        #expect(errors(diagnostics, at: "static/a").count == 1)
        #expect(errors(diagnostics, at: "static/b").count == 1)
    }

    /// A build, not only a check, stops at once: nothing walks the inputs before they are loaded.
    @Test(arguments: [["a": ".", "b": "."], ["root": "/"]])
    func aBuildWithLinksToFoldersFinishesAtOnce(_ links: [String: String]) throws {
        let content = TestSupport.copyOfFixture()
        for (name, destination) in links { try link(content + "/static/" + name, to: destination) }
        let options = TestSupport.options(content: content, output: TestSupport.temporaryFolder() + "/public")
        let failed = try #require(finishes(within: 10) { () -> Bool in
            do { _ = try Site.build(options); return false } catch { return true }
        })
        #expect(failed)
    }

    @Test func aLinkToTheRootOfTheFileSystemIsAnErrorNotAWalk() throws {
        let content = TestSupport.copyOfFixture()
        try link(content + "/static/files/root", to: "/")
        let options = TestSupport.options(content: content, output: "/nonexistent/out")
        let diagnostics = try #require(finishes(within: 10) { Site.check(options) })
        #expect(errors(diagnostics, at: "static/files/root").count == 1, "got: \(diagnostics)")
    }

    @Test func aStaticFolderThatIsALinkIsAnError() throws {
        let content = TestSupport.copyOfFixture()
        try FileManager.default.moveItem(atPath: content + "/static", toPath: content + "/shared")
        try link(content + "/static", to: "shared")
        let diagnostics = Site.check(TestSupport.options(content: content, output: "/nonexistent/out"))
        #expect(errors(diagnostics, at: "content/static").count == 1, "got: \(diagnostics)")
    }

    @Test func aSectionFolderThatIsALinkIsAnError() throws {
        let content = TestSupport.copyOfFixture()
        try FileManager.default.moveItem(atPath: content + "/pages", toPath: content + "/pages-real")
        try link(content + "/pages", to: "pages-real")
        let diagnostics = Site.check(TestSupport.options(content: content, output: "/nonexistent/out"))
        #expect(errors(diagnostics, at: "content/pages").count == 1, "got: \(diagnostics)")
    }

    @Test func linksToFilesInsideTheContentFolderStillWorkAndOutsideStillDoNot() throws {
        let content = TestSupport.copyOfFixture()
        TestSupport.write("inside", to: content + "/notes/inside.txt")
        let outside = TestSupport.temporaryFolder() + "/secret.txt"
        TestSupport.write("TOP-SECRET", to: outside)
        try link(content + "/static/files/inside.txt", to: "../../notes/inside.txt")
        try link(content + "/static/files/outside.txt", to: outside)
        let output = TestSupport.temporaryFolder() + "/public"
        let report = try Site.build(TestSupport.options(content: content, output: output))
        #expect(TestSupport.read(output + "/files/inside.txt") == "inside")
        #expect(!FileManager.default.fileExists(atPath: output + "/files/outside.txt"))
        #expect(report.warnings.contains { $0.path.hasSuffix("static/files/outside.txt") && $0.message.contains("outside the content folder") })
    }

    @Test func aLinkToAFolderInTheTemplatesIsAnError() throws {
        let templates = TestSupport.copyOfTemplates()
        try link(templates + "/partials/loop", to: ".")
        try link(templates + "/assets/root", to: "/")
        var options = TestSupport.options(content: TestSupport.fixtureContent, output: "/nonexistent/out")
        options.templates = templates
        let checked = options
        let diagnostics = try #require(finishes(within: 10) { Site.check(checked) })
        #expect(errors(diagnostics, at: "partials/loop").count == 1, "got: \(diagnostics)")
        #expect(errors(diagnostics, at: "assets/root").count == 1, "got: \(diagnostics)")
    }

    @Test func theWatcherDoesNotFollowALinkToAFolder() throws {
        let root = TestSupport.temporaryFolder("sitegen-watch")
        let outside = TestSupport.temporaryFolder("sitegen-watch-outside")
        TestSupport.write("a", to: root + "/content/site.yml")
        try link(root + "/content/static/elsewhere", to: outside)
        let seen = ResultBox<[String]>()
        seen.value = []
        let watcher = FileWatcher(roots: [root + "/content"], excluded: [], pollInterval: 0.05) { change in
            seen.lock.withLock { seen.unsafeValue.append(change.path) }
        }
        watcher.start(mode: .polling)
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.3)
        TestSupport.write("changed", to: outside + "/file.txt")
        Thread.sleep(forTimeInterval: 0.5)
        TestSupport.write("b", to: root + "/content/site.yml")
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, !(seen.value ?? []).contains(where: { $0.hasSuffix("site.yml") }) { Thread.sleep(forTimeInterval: 0.05) }
        let paths = seen.value ?? []
        #expect(paths.contains { $0.hasSuffix("site.yml") }, "the watcher saw nothing")
        #expect(!paths.contains { $0.contains("elsewhere/") }, "followed the link: \(paths)")
    }
}

/// A value handed from another thread.
final class ResultBox<T>: @unchecked Sendable {
    let lock = NSLock()
    var unsafeValue: T!
    var value: T? {
        get { lock.withLock { unsafeValue } }
        set { lock.withLock { unsafeValue = newValue } }
    }
}
