import Foundation
import Testing
@testable import SitegenCore

/// The pieces an edit in place writes: found, spliced and cut as the whole-file versions would be.
@Suite struct ChangedFileTests {
    func mapped(_ text: String) -> CacheBytes {
        let path = TestSupport.temporaryFolder() + "/file"
        TestSupport.write(text, to: path)
        return CacheBytes(mapping: path)!
    }

    func contents(_ file: ChangedFile) -> String {
        String(decoding: file.withBytes(in: 0..<file.size) { Array($0) }, as: UTF8.self)
    }

    @Test func aLongNeedleIsFoundAroundItsMarkerExactlyWhereItIs() {
        let entry = Array(("<li>" + String(repeating: "x", count: 200) + "<a href=\"/activities/a-1/\">A</a></li>").utf8)
        let other = Array(("<li>" + String(repeating: "x", count: 200) + "<a href=\"/activities/a-2/\">A</a></li>").utf8)
        // The window around the id also occurs where the rest of the entry differs.
        let decoy = Array(("<li>" + String(repeating: "y", count: 200) + "<a href=\"/activities/a-1/\">A</a></li>").utf8)
        let page = other + entry + decoy + other + entry
        page.withUnsafeBufferPointer { page in
            #expect(ByteSearch.all(entry, in: page, around: Array("a-1".utf8)) == ByteSearch.all(entry, in: page))
            #expect(ByteSearch.all(entry, in: page, around: Array("a-1".utf8)) == [other.count, 2 * other.count + entry.count + decoy.count])
            #expect(ByteSearch.all(entry, in: page, around: Array("not-there".utf8)).count == 2)
        }
    }

    @Test func aSpliceReadsAndWritesAsTheWholeFileWould() throws {
        let old = mapped("header\nold entry\nfooter\n")
        let file = ChangedFile(path: "x", splicing: old, cuts: [(0..<6, Array("HEAD".utf8)), (7..<16, Array("a new entry".utf8))])
        #expect(contents(file) == "HEAD\na new entry\nfooter\n")
        #expect(file.size == contents(file).utf8.count)
        #expect(file.replaced.map(\.new) == [0..<4, 5..<16])
        // Across pieces, gathered.
        #expect(String(decoding: file.withBytes(in: 2..<8) { Array($0) }, as: UTF8.self) == "AD\na n")
        let path = TestSupport.temporaryFolder() + "/written"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(file.write(to: descriptor))
        close(descriptor)
        #expect(TestSupport.read(path) == contents(file))
    }

    @Test func theManifestIsCutWhereItsLinesChange() {
        let manifest = mapped("sitegen output v1\n# inputs 1234\na/index.html\tkey-a\nab/index.html\tkey-ab\nb/index.html\n")
        let updated = OutputManifest.updating(manifest, fingerprint: "abcd", droppingKeysOf: ["a/index.html", "b/index.html", "c/index.html"])
        #expect(contents(updated) == "sitegen output v1\n# inputs abcd\na/index.html\nab/index.html\tkey-ab\nb/index.html\n")
    }
}
