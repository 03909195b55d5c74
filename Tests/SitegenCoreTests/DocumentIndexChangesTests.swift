import Foundation
import Testing
@testable import SitegenCore

/// An edit in place writes only what it changed in the document index, beside the index file; the
/// index read back is the one the edit left. Changes that go with another index file, or are
/// damaged, are left out, and the next build then builds in full.
@Suite struct DocumentIndexChangesTests {
    let content = TestSupport.copyOfFixture()
    var output: String { (content as NSString).deletingLastPathComponent + "/public" }
    var options: BuildOptions { TestSupport.options(content: content, output: output) }
    var indexFile: String { DocumentIndex.file(for: options) }
    var changesFile: String { DocumentIndex.changesFile(for: indexFile) }

    func retitle(_ old: String, _ new: String) {
        TestSupport.edit(content + "/activities/2024-09-09-course.md") { $0.replacingOccurrences(of: "title: " + old, with: "title: " + new) }
    }

    func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    /// The inputs digest the output's manifest names.
    var manifestFingerprint: String? { OutputManifest.read(output)?.fingerprint }

    @Test func editsInPlaceWriteTheirChangesBesideTheIndex() throws {
        _ = try Site.build(options)
        let indexBytes = bytes(indexFile)
        #expect(!FileManager.default.fileExists(atPath: changesFile))

        retitle("Course across September", "Course across all of September")
        #expect(try Site.build(options).activitiesWrittenInPlace == 1)
        #expect(bytes(indexFile) == indexBytes, "the whole index was written again for one edit")
        #expect(FileManager.default.fileExists(atPath: changesFile))
        #expect(bytes(changesFile).count < indexBytes.count)
        let index = try #require(DocumentIndex.read(from: indexFile))
        #expect(index.fingerprint == manifestFingerprint)

        // A second edit finds what the first wrote, through the changes.
        retitle("Course across all of September", "Course across September, again")
        #expect(try Site.build(options).activitiesWrittenInPlace == 1)
        #expect(bytes(indexFile) == indexBytes)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
        #expect(try Site.build(options).upToDate)

        // A build through the whole pipeline writes a whole index, and the changes go.
        TestSupport.edit(content + "/activities/2024-09-09-course.md") { $0 + "\n## A new heading\n" }
        #expect(try Site.build(options).activitiesWrittenInPlace == 0)
        #expect(!FileManager.default.fileExists(atPath: changesFile))
        #expect(DocumentIndex.read(from: indexFile)?.fingerprint == manifestFingerprint)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    /// Changes are only ever read with the index file they name: beside a newer one they are left out.
    @Test func changesForAnotherIndexFileAreIgnored() throws {
        _ = try Site.build(options)
        retitle("Course across September", "Course across all of September")
        _ = try Site.build(options)
        let staleChanges = bytes(changesFile)
        // Through the whole pipeline: a whole index, with a new id.
        TestSupport.edit(content + "/activities/2024-09-09-course.md") { $0 + "\n## A new heading\n" }
        #expect(try Site.build(options).activitiesWrittenInPlace == 0)
        #expect(!FileManager.default.fileExists(atPath: changesFile))
        let alone = try #require(DocumentIndex.read(from: indexFile))
        _ = FileManager.default.createFile(atPath: changesFile, contents: Data(staleChanges))
        let withStale = try #require(DocumentIndex.read(from: indexFile))
        #expect(withStale.fingerprint == alone.fingerprint && withStale.fingerprint == manifestFingerprint)
        #expect(withStale.fragmentOverrides.isEmpty)
    }

    /// A damaged changes file leaves the index as its file has it, which no longer matches the
    /// output: the next edit goes through the whole build, and the output is still right.
    @Test func damagedChangesMakeTheNextBuildWhole() throws {
        _ = try Site.build(options)
        let alone = try #require(DocumentIndex.read(from: indexFile))
        retitle("Course across September", "Course across all of September")
        _ = try Site.build(options)
        let changes = bytes(changesFile)
        var random = FuzzTests.Generator(state: 1325)
        for _ in 0..<100 {
            var damaged = Array(changes.prefix(Int.random(in: 1..<changes.count, using: &random)))
            if Bool.random(using: &random) { damaged[Int.random(in: 0..<damaged.count, using: &random)] ^= 0x5A }
            _ = FileManager.default.createFile(atPath: changesFile, contents: Data(damaged))
            let index = try #require(DocumentIndex.read(from: indexFile))
            // Either all of the changes or none.
            #expect(index.fingerprint == alone.fingerprint || index.fingerprint == manifestFingerprint)
        }
        _ = FileManager.default.createFile(atPath: changesFile, contents: Data(changes.prefix(changes.count / 2)))
        retitle("Course across all of September", "Course across September, again")
        #expect(try Site.build(options).activitiesWrittenInPlace == 0)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }
}
