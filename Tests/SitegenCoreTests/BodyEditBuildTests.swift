import Foundation
import Testing
@testable import SitegenCore

/// An edit that changes only a body, in ways no other page sees, is written into the page and the
/// feed in place; every other edit goes through the whole build. Either way the output ends byte
/// for byte where a clean build of the same content ends.
@Suite struct BodyEditBuildTests {
    let content = TestSupport.copyOfFixture()
    var output: String { (content as NSString).deletingLastPathComponent + "/public" }
    var options: BuildOptions { TestSupport.options(content: content, output: output) }

    func edit(_ relative: String, _ change: (String) -> String) { TestSupport.edit(content + "/" + relative, change) }

    @Test func aNewParagraphIsWrittenIntoThePageAndTheFeed() throws {
        _ = try Site.build(options)
        edit("activities/2024-09-09-course.md") { $0 + "\nA closing paragraph about the *outcomes*.\n" }
        let report = try Site.build(options)
        #expect(report.bodiesWrittenInPlace == 1)
        #expect(report.filesChanged == 2)
        #expect(TestSupport.read(output + "/activities/2024-09-09-course/index.html").contains("A closing paragraph about the <em>outcomes</em>."))
        #expect(TestSupport.read(output + "/feed.xml").contains("A closing paragraph about the &lt;em&gt;outcomes&lt;/em&gt;."))
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
        #expect(try Site.build(options).upToDate)
    }

    /// An edit in place writes only once the output's files are all found where the last build
    /// left them: with one gone, the whole build runs and puts it back.
    @Test(arguments: ["activities/2024-06-21-first/index.html", "data/activities.json", "index.html"])
    func anEditWithAnOutputFileMissingGoesThroughTheWholeBuild(missing: String) throws {
        _ = try Site.build(options)
        edit("activities/2024-09-09-course.md") { $0 + "\nA closing paragraph.\n" }
        unlink(output + "/" + missing)
        let report = try Site.build(options)
        #expect(report.bodiesWrittenInPlace == 0)
        #expect(FileManager.default.fileExists(atPath: output + "/" + missing))
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    /// A save that changed nothing touches no page.
    @Test func aSaveWithoutChangesWritesNothing() throws {
        _ = try Site.build(options)
        let page = output + "/activities/2024-06-21-first/index.html"
        let modified = try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date
        edit("activities/2024-06-21-first.md") { $0 }
        let report = try Site.build(options)
        #expect(report.bodiesWrittenInPlace == 1 && report.filesChanged == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date == modified)
        #expect(try Site.build(options).upToDate)
    }

    /// A draft's body is shown nowhere, unless drafts are built; then it is on its page.
    @Test func draftsAreEditedInPlaceWhereTheyAreShown() throws {
        _ = try Site.build(options)
        edit("activities/2025-02-01-draft.md") { $0 + "\nStill not ready.\n" }
        let report = try Site.build(options)
        #expect(report.bodiesWrittenInPlace == 1 && report.filesChanged == 0)

        let drafts = TestSupport.options(content: content, output: output, drafts: true)
        _ = try Site.build(drafts)
        edit("activities/2025-02-01-draft.md") { $0 + "\nAlmost ready.\n" }
        #expect(try Site.build(drafts).bodiesWrittenInPlace == 1)
        #expect(TestSupport.read(output + "/activities/2025-02-01-draft/index.html").contains("Almost ready."))
        let clean = TestSupport.temporaryFolder() + "/clean"
        _ = try Site.build(TestSupport.options(content: content, output: clean, drafts: true))
        #expect(TestSupport.siteFiles(output) == TestSupport.siteFiles(clean))
    }

    /// The second edit finds every body of the feed where the first one moved it.
    @Test func editsInARowAndTogetherKeepEveryBodyInPlace() throws {
        _ = try Site.build(options)
        edit("activities/2024-06-21-first.md") { $0 + "\nFirst addition, long enough to move what follows it in the feed.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 1)
        edit("activities/2015-year-only.md") { $0 + "\nSecond addition.\n" }
        edit("activities/2024-12-28-across-years.md") { $0 + "\nThird addition.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 2)
        edit("activities/2024-06-21-first.md") { $0.replacingOccurrences(of: "First addition, long enough to move what follows it in the feed.", with: "Shorter.") }
        #expect(try Site.build(options).bodiesWrittenInPlace == 1)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    @Test func partnersPagesAndPlansAreEditedInPlaceToo() throws {
        _ = try Site.build(options)
        edit("partners/norway.md") { $0 + "\nA later paragraph on the partnership.\n" }
        edit("pages/about.md") { $0 + "\nA later paragraph about the portal.\n" }
        edit("action-plans/first.md") { $0 + "\nA later paragraph on the plan.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 3)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    /// What other pages show of a document: its front matter, its summary, its headings.
    @Test func editsThatOtherPagesSeeGoThroughTheWholeBuild() throws {
        _ = try Site.build(options)
        let edits: [(String, (String) -> String)] = [
            ("activities/2024-09-09-course.md", { $0.replacingOccurrences(of: "title: Course across September", with: "title: Course in September") }),
            // No `summary:` field: the first paragraph is the summary lists show.
            ("activities/2015-year-only.md", { $0.replacingOccurrences(of: "Only the year is known.", with: "Only the year is known for sure.") }),
            ("activities/2024-09-09-course.md", { $0 + "\n## A new heading\n\nLinks may point to it.\n" }),
            ("partners/norway.md", { "\($0)".replacingOccurrences(of: "\n---\n", with: "\n---\nA new first paragraph.\n\n") }),
        ]
        for (file, change) in edits {
            edit(file, change)
            #expect(try Site.build(options).bodiesWrittenInPlace == 0, "\(file) was edited in place")
            #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
        }
    }

    @Test func aBrokenLinkInAnEditedBodyFailsAndChangesNothing() throws {
        _ = try Site.build(options)
        let before = TestSupport.siteFiles(output)
        edit("activities/2024-06-21-first.md") { $0 + "\nSee [the plan](/action-plans/third/).\n" }
        let error = #expect(throws: BuildError.self) { try Site.build(options) }
        #expect(error?.diagnostics.contains { $0.path.hasSuffix("2024-06-21-first.md") && $0.message.contains("/action-plans/third/") } == true)
        #expect(TestSupport.siteFiles(output) == before)
    }

    /// The bytes where the body should be are checked first: a page changed by hand is rendered again.
    @Test func aPageChangedByHandIsRenderedAgain() throws {
        _ = try Site.build(options)
        let page = output + "/activities/2024-06-21-first/index.html"
        TestSupport.write(TestSupport.read(page).replacingOccurrences(of: "<p>", with: "<p class=\"edited\">"), to: page)
        edit("activities/2024-06-21-first.md") { $0 + "\nAn addition.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 0)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    /// A theme that shows a body twice, or escaped, cannot have it replaced in place.
    @Test func aBodyShownTwiceIsRenderedAgain() throws {
        var options = options
        options.templates = TestSupport.templatesShowingBodyTwice()
        _ = try Site.build(options)
        edit("activities/2024-06-21-first.md") { $0 + "\nAn addition.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 0)
        #expect(TestSupport.read(output + "/activities/2024-06-21-first/index.html").contains("<template>&lt;p&gt;"))
        let clean = TestSupport.temporaryFolder() + "/clean"
        options.output = clean
        _ = try Site.build(options)
        #expect(TestSupport.siteFiles(output) == TestSupport.siteFiles(clean))
    }

    /// A build stopped while moving its files in is finished by the whole pipeline, not built over.
    @Test func aCommitStoppedHalfwayIsFinishedFirst() throws {
        _ = try Site.build(options)
        let staging = (output as NSString).deletingLastPathComponent + "/.public.sitegen-staging-999999"
        TestSupport.write("new file", to: staging + "/extra/index.html")
        try CommitJournal(staged: ["extra/index.html"], removed: []).write(into: staging)
        edit("activities/2024-06-21-first.md") { $0 + "\nAn addition.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 0)
        #expect(TestSupport.read(output + "/extra/index.html") == "new file")
        #expect(!FileManager.default.fileExists(atPath: staging))
    }

    /// A damaged index is never a crash: cut short it is refused, and with bytes changed the
    /// build still ends where a clean build does (offsets and digests are checked before use).
    @Test func aDamagedIndexIsRefusedOrCaught() throws {
        _ = try Site.build(options)
        let file = DocumentIndex.file(for: options)
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: file)))
        #expect(DocumentIndex.read(from: file) != nil)
        var random = FuzzTests.Generator(state: 1325)
        for round in 0..<200 {
            var damaged = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
            let decoded = damaged.withUnsafeBufferPointer { buffer in
                var reader = CacheReader(buffer)
                return try? DocumentIndex(from: &reader)
            }
            #expect(decoded == nil, "an index cut short was read")
            guard round % 20 == 0 else { continue }
            damaged = bytes
            for _ in 0..<4 { damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            _ = FileManager.default.createFile(atPath: file, contents: Data(damaged))
            edit("activities/2024-06-21-first.md") { $0 + "\nRound \(round).\n" }
            _ = try? Site.build(options)
            #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
        }
    }

    /// A slot whose numbers were damaged into huge ones is refused, not added up into an overflow.
    @Test func aSlotWithHugeNumbersIsRefused() {
        func encoded(start: Int, count: Int, fileSize: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 } }
            int(4)
            bytes += Array("a.md".utf8)
            int(start)
            int(count)
            int(fileSize)
            int(0)
            bytes.append(0)
            return bytes
        }
        func decodes(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBufferPointer { buffer in
                var reader = CacheReader(buffer)
                return (try? DocumentIndex.Slot(from: &reader)) != nil
            }
        }
        #expect(decodes(encoded(start: 10, count: 20, fileSize: 100)))
        #expect(!decodes(encoded(start: Int.max, count: 10, fileSize: 100)))
        #expect(!decodes(encoded(start: 10, count: Int.max, fileSize: Int.max)))
        #expect(!decodes(encoded(start: 90, count: 20, fileSize: 100)))
    }

    /// After an edit in place the whole build still ends where a clean build does: the pages
    /// written in place lost their keys, and their neighbours are compared by content.
    @Test func aWholeBuildAfterAnEditInPlaceMatchesACleanBuild() throws {
        _ = try Site.build(options)
        edit("activities/2024-06-21-second.md") { $0 + "\nAn addition.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 1)
        edit("activities/2024-06-21-first.md") { $0.replacingOccurrences(of: "type: ", with: "type: x") }
        edit("activities/2024-06-21-second.md") { $0 + "\nAnother addition.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 0)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }
}
