import Foundation
import Testing
@testable import SitegenCore

/// A build that parsed few files again writes only what changed beside the content cache, and
/// the cache read back is the one the build left; a changes file that does not go with the
/// cache file, or is damaged, changes nothing.
@Suite struct ContentCacheChangesTests {
    let content = TestSupport.copyOfFixture()
    var output: String { (content as NSString).deletingLastPathComponent + "/public" }
    var options: BuildOptions { TestSupport.options(content: content, output: output) }
    var changesFile: String { ContentCache.changesFile(for: options.cacheFile) }

    /// A new title, and a heading that says it: a title alone is written in place (`FrontMatterEditBuild`),
    /// a new heading goes through the whole build, which writes the cache.
    func retitle(_ name: String, _ old: String, _ new: String) {
        let path = content + "/activities/" + name
        TestSupport.write(TestSupport.read(path).replacingOccurrences(of: "title: " + old, with: "title: " + new) + "\n## \(new)\n", to: path)
    }

    func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    @Test func anEditIsWrittenBesideTheCacheAndReadBackWithIt() throws {
        _ = try Site.build(options)
        let cacheBytes = bytes(options.cacheFile)
        #expect(!FileManager.default.fileExists(atPath: changesFile))

        retitle("2015-year-only.md", "Year-only plan", "Year-only action plan")
        _ = try Site.build(options)
        #expect(bytes(options.cacheFile) == cacheBytes, "the whole cache was written again for one edit")
        #expect(FileManager.default.fileExists(atPath: changesFile))
        let path = content + "/activities/2015-year-only.md"
        let cache = try #require(ContentCache.read(from: options.cacheFile))
        #expect(cache.entries[path]?.key == ContentCache.FileKey(path: path))
        guard case .activity(let activity) = cache.entries[path]?.parsed else { Issue.record("no activity"); return }
        #expect(activity.title.hasPrefix("Year-only action plan"))

        // A second edit adds to the changes; the next build finds nothing to do.
        retitle("2024-09-09-course.md", "Course across September", "Course across September and October")
        _ = try Site.build(options)
        #expect(bytes(options.cacheFile) == cacheBytes)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
        #expect(try Site.build(options).upToDate)
    }

    @Test func aRemovedActivityIsGoneFromTheCacheReadBack() throws {
        _ = try Site.build(options)
        let path = content + "/activities/2024-06-21-second.md"
        #expect(ContentCache.read(from: options.cacheFile)?.entries[path] != nil)
        unlink(path)
        _ = try Site.build(options)
        #expect(FileManager.default.fileExists(atPath: changesFile))
        let cache = try #require(ContentCache.read(from: options.cacheFile))
        #expect(cache.entries[path] == nil)
        #expect(cache.fragments["2024-06-21-second"] == nil)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    /// Changes are only ever read with the cache file they name.
    @Test func changesForAnotherCacheFileAreIgnored() throws {
        _ = try Site.build(options)
        retitle("2015-year-only.md", "Year-only plan", "Year-only action plan")
        _ = try Site.build(options)
        let staleChanges = bytes(changesFile)
        // A whole cache written afresh has a new id.
        unlink(options.cacheFile)
        unlink(changesFile)
        retitle("2015-year-only.md", "Year-only action plan", "Year-only plan")
        _ = try Site.build(options)
        #expect(!FileManager.default.fileExists(atPath: changesFile))
        let alone = try #require(ContentCache.read(from: options.cacheFile))
        _ = FileManager.default.createFile(atPath: changesFile, contents: Data(staleChanges))
        #expect(bytes(changesFile) == staleChanges)
        let withStale = try #require(ContentCache.read(from: options.cacheFile))
        guard case .activity(let activity) = withStale.entries[content + "/activities/2015-year-only.md"]?.parsed else {
            Issue.record("no activity")
            return
        }
        #expect(activity.title.hasPrefix("Year-only plan"), "the stale changes were applied")
        #expect(Set(withStale.entries.keys) == Set(alone.entries.keys))
        #expect(withStale.linkTargetsDigest == alone.linkTargetsDigest)
    }

    /// A changes file cut short, or with a byte changed, leaves the cache as its file has it.
    @Test func damagedChangesAreIgnored() throws {
        _ = try Site.build(options)
        let alone = try #require(ContentCache.read(from: options.cacheFile))
        retitle("2015-year-only.md", "Year-only plan", "Year-only action plan")
        _ = try Site.build(options)
        let changes = bytes(changesFile)
        let base = try #require(CacheBytes(mapping: options.cacheFile))
        var random = FuzzTests.Generator(state: 1325)
        let damagedFile = TestSupport.temporaryFolder() + "/changes"
        for _ in 0..<200 {
            var damaged = Array(changes.prefix(Int.random(in: 1..<changes.count, using: &random)))
            if Bool.random(using: &random) { damaged[Int.random(in: 0..<damaged.count, using: &random)] ^= 0x5A }
            _ = FileManager.default.createFile(atPath: damagedFile, contents: Data(damaged))
            let cache = try ContentCache(decoding: base, changes: CacheBytes(mapping: damagedFile))
            // Either all of the changes or none: a half-applied file would mix two builds.
            let edited = cache.entries[content + "/activities/2015-year-only.md"]?.key
            #expect(edited == alone.entries[content + "/activities/2015-year-only.md"]?.key)
            #expect(Set(cache.entries.keys) == Set(alone.entries.keys))
        }
    }

    @Test func theWholeCacheIsWrittenAgainOnceChangesAreMany() {
        var cache = ContentCache(context: "test")
        #expect(cache.changesLimit == 64)
        for index in 0..<10_000 {
            cache.entries["/content/activities/\(index).md"] = ContentCache.Entry(key: nil, parsed: nil, diagnostics: [])
        }
        #expect(cache.changesLimit == 312)
    }
}
