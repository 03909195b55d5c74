import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SitegenCore

/// Every input with a size limit is refused by its size before it is read: a sparse 4 GiB file
/// costs no time and no memory.
@Suite struct FileSizeLimitTests {
    static let fourGiB: Int64 = 4 << 30

    /// A sparse file of `size` bytes at `path` (replacing what was there), holding `start` first.
    func makeSparse(_ path: String, size: Int64 = fourGiB, start: String = "") throws {
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        _ = start.withCString { write(descriptor, $0, strlen($0)) }
        try #require(ftruncate(descriptor, off_t(size)) == 0)
    }

    /// The diagnostics of `sitegen check`, which must come at once (reading 4 GiB took 18 s;
    /// the bound leaves room for a debug build checking the whole fixture on a busy machine).
    func quickCheck(_ options: BuildOptions) -> [Diagnostic] {
        let start = ContinuousClock.now
        let diagnostics = Site.check(options)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(15), "took \(elapsed)")
        return diagnostics
    }

    @Test func aSparseFileIsRefusedInMillisecondsWithoutItsSizeInMemory() throws {
        let path = TestSupport.temporaryFolder() + "/huge.md"
        try makeSparse(path, start: "---\n")
        let start = ContinuousClock.now
        let refused = try BoundedFile.read(path, limit: SourceText.maximumBytes).get()
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(refused.isOverLimit && refused.size == Int(Self.fourGiB) && refused.bytes.isEmpty)
        // The loader's read refuses it the same way, reading nothing.
        #expect(FileBytes.read(path, limit: SourceText.maximumBytes) == .failure(.tooLarge(size: Int(Self.fourGiB), limit: SourceText.maximumBytes)))
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    func hasLimitError(_ diagnostics: [Diagnostic], at suffix: String, _ limit: String) -> Bool {
        diagnostics.contains {
            $0.severity == .error && $0.path.hasSuffix(suffix) && $0.message == "file is \(Self.fourGiB) bytes; \(limit)"
        }
    }

    @Test func aSparseContentFileIsRefusedBeforeItIsRead() throws {
        let content = TestSupport.copyOfFixture()
        try makeSparse(content + "/activities/huge.md", start: "---\ntitle: T\ndate: 2024\n---\n")
        let diagnostics = quickCheck(TestSupport.options(content: content, output: "/nonexistent/out"))
        #expect(hasLimitError(diagnostics, at: "activities/huge.md", "content files are limited to 8388608 bytes"), "got: \(diagnostics)")
    }

    @Test func aSparseSiteFileIsRefused() throws {
        let content = TestSupport.copyOfFixture()
        try makeSparse(content + "/site.yml", start: "title: T\n")
        let diagnostics = quickCheck(TestSupport.options(content: content, output: "/nonexistent/out"))
        #expect(hasLimitError(diagnostics, at: "site.yml", "content files are limited to 8388608 bytes"), "got: \(diagnostics)")
    }

    @Test func aSparseStaticFileIsRefused() throws {
        let content = TestSupport.copyOfFixture()
        try makeSparse(content + "/static/files/huge.pdf")
        let diagnostics = quickCheck(TestSupport.options(content: content, output: "/nonexistent/out"))
        #expect(hasLimitError(diagnostics, at: "static/files/huge.pdf", "static files are limited to 67108864 bytes"), "got: \(diagnostics)")
    }

    @Test func sparseTemplatesStringsAndAssetsAreRefused() throws {
        let templates = TestSupport.copyOfTemplates()
        try makeSparse(templates + "/page.mustache")
        try makeSparse(templates + "/i18n/en.yml")
        try makeSparse(templates + "/assets/huge.woff2")
        var options = TestSupport.options(content: TestSupport.fixtureContent, output: "/nonexistent/out")
        options.templates = templates
        let diagnostics = quickCheck(options)
        #expect(hasLimitError(diagnostics, at: "page.mustache", "templates are limited to 8388608 bytes"), "got: \(diagnostics)")
        #expect(hasLimitError(diagnostics, at: "i18n/en.yml", "strings files are limited to 1048576 bytes"), "got: \(diagnostics)")
        #expect(hasLimitError(diagnostics, at: "assets/huge.woff2", "assets are limited to 67108864 bytes"), "got: \(diagnostics)")
    }

    @Test func aSparseMapIsRefused() throws {
        let templates = TestSupport.copyOfTemplates()
        try makeSparse(templates + "/map/world-countries.json")
        var options = TestSupport.options(content: TestSupport.fixtureContent, output: "/nonexistent/out")
        options.templates = templates
        let diagnostics = quickCheck(options)
        #expect(diagnostics.contains {
            $0.path.hasSuffix("map/world-countries.json") && $0.message.contains("file is \(Self.fourGiB) bytes; map data files are limited to 16777216 bytes")
        }, "got: \(diagnostics)")
    }

    @Test func newActionPlansDoNotReadASparsePlan() throws {
        let content = TestSupport.copyOfFixture()
        try makeSparse(content + "/action-plans/huge.md", start: "---\nedition: 9\n")
        let start = ContinuousClock.now
        let path = try ContentScaffold(contentFolder: content, workingDirectory: "/").create(.actionPlan, title: "Next plan")
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(TestSupport.read("/" + path).contains("edition: 3\n"))
    }

    @Test func aFileOfExactlyTheLimitIsReadWholeAndOneMoreByteIsNot() throws {
        let path = TestSupport.temporaryFolder() + "/file"
        let limit = 1000
        TestSupport.write(String(repeating: "a", count: limit), to: path)
        let whole = try BoundedFile.read(path, limit: limit).get()
        #expect(whole.bytes.count == limit && !whole.isOverLimit)
        TestSupport.write(String(repeating: "a", count: limit + 1), to: path)
        let over = try BoundedFile.read(path, limit: limit).get()
        #expect(over.isOverLimit && over.bytes.isEmpty && over.size == limit + 1)
        let prefix = try BoundedFile.read(path, limit: limit, readsPrefixWhenOver: true).get()
        #expect(prefix.isOverLimit && prefix.bytes.count == limit + 1)
    }

    @Test func aPipeIsNotWaitedOn() throws {
        let path = TestSupport.temporaryFolder() + "/pipe.md"
        try #require(mkfifo(path, 0o644) == 0)
        guard case .failure(.notRegularFile) = BoundedFile.read(path, limit: 100) else {
            Issue.record("a named pipe was read")
            return
        }
    }
}
