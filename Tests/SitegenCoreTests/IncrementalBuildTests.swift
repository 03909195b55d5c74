import Foundation
import Testing
@testable import SitegenCore

/// Rebuilds reuse the content cache and leave current pages alone, and always end byte for byte
/// where a clean build of the same content ends.
@Suite struct IncrementalBuildTests {
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
        #expect(inode(untouched) == before, "an activity page with unchanged inputs was written again")
        #expect(inode(untouchedPartner) == partnerBefore, "a partner page with unchanged inputs was written again")
        #expect(TestSupport.read(output + "/activities/2024-09-09-course/index.html").contains("Course across September &amp; October"))
        #expect(TestSupport.read(output + "/timeline/index.html").contains("Course across September &amp; October"))
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    /// An unchanged site is left alone only while every file the last build wrote is still there.
    @Test func aDeletedOutputFileIsWrittenAgainByAnOtherwiseUpToDateBuild() throws {
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(try Site.build(TestSupport.options(content: content, output: output)).upToDate)
        for deleted in ["activities/2015-year-only/index.html", "data/activities.json", "index.html"] {
            unlink(output + "/" + deleted)
            let report = try Site.build(TestSupport.options(content: content, output: output))
            #expect(!report.upToDate, "\(deleted) was deleted, yet the output counted as up to date")
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

    /// Unchanged bodies skip the link check only while every link target stays as it was.
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
        // What a build killed while moving its files in leaves: a staging folder of a process that is gone, with its journal.
        let staging = (output as NSString).deletingLastPathComponent + "/.public.sitegen-staging-999999"
        TestSupport.write("new home", to: staging + "/index.html")
        TestSupport.write("new file", to: staging + "/extra/index.html")
        try CommitJournal(staged: ["index.html", "extra/index.html"], removed: ["robots.txt"]).write(into: staging)
        _ = try OutputWriter(output: output, protectedFolders: [], force: false, display: PathDisplay(workingDirectory: "/")).abandon()
        #expect(TestSupport.read(output + "/index.html") == "new home")
        #expect(TestSupport.read(output + "/extra/index.html") == "new file")
        #expect(!FileManager.default.fileExists(atPath: output + "/robots.txt"))
        #expect(!FileManager.default.fileExists(atPath: staging))
    }

    /// The cache goes beside the output, in a folder the first build may have to make.
    @Test func aFirstBuildIntoANewFolderLeavesItsCache() throws {
        let options = TestSupport.options(content: content, output: TestSupport.temporaryFolder() + "/not/yet/public")
        _ = try Site.build(options)
        #expect(ContentCache.read(from: options.cacheFile) != nil)
        #expect(DocumentIndex.read(from: DocumentIndex.file(for: options)) != nil)
    }

    @Test func aCorruptCacheIsIgnored() throws {
        let options = TestSupport.options(content: content, output: output)
        _ = try Site.build(options)
        TestSupport.write("not a cache", to: options.cacheFile)
        // A new title, which lists show: a body-only edit would not read the cache at all (`BodyEditBuild`).
        let path = content + "/activities/2015-year-only.md"
        TestSupport.write(TestSupport.read(path).replacingOccurrences(of: "title: Year-only plan", with: "title: Year-only action plan"), to: path)
        _ = try Site.build(options)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
        #expect(ContentCache.read(from: options.cacheFile) != nil)
    }

    /// A cache cut short (some with a byte changed as well) is refused: never trusted, never a crash.
    @Test func damagedCacheBytesAreRefused() throws {
        let options = TestSupport.options(content: content, output: output)
        _ = try Site.build(options)
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: options.cacheFile)))
        #expect((try? bytes.withUnsafeBufferPointer { try ContentCache(decoding: $0) }) != nil)
        var random = FuzzTests.Generator(state: 1325)
        for _ in 0..<300 {
            var damaged = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
            if !damaged.isEmpty, Bool.random(using: &random) {
                damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            #expect((try? damaged.withUnsafeBufferPointer { try ContentCache(decoding: $0) }) == nil)
        }
    }
}
