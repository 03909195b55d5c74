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

    /// A manifest as a build writes it, with files that sort next to each other (prefixes, a
    /// path beyond ASCII): the lines found by halving are the ones the whole manifest would give.
    @Test(arguments: [[0], [1, 2, 3], [0, 57, 199], [10, 11, 12, 150, 151]])
    func theKeysDroppedAreThoseOfTheFilesNamed(dropped: [Int]) {
        var files: [String: String] = [:]
        for number in 0..<200 {
            files["activities/a\(number)/index.html"] = "key\(number)"
            files["activities/a\(number)"] = number.isMultiple(of: 3) ? "" : "bare\(number)"
        }
        files["activities/é/index.html"] = "key-e"
        files["index.html"] = ""
        let names = files.keys.sorted()
        let droppedNames = Set(dropped.map { names[$0 % names.count] } + ["activities/é/index.html", "index.html", "gone/index.html"])
        let before = OutputManifest(fingerprint: "1234", files: files)
        var after = OutputManifest(fingerprint: "abcd", files: files)
        for name in droppedNames where after.files[name] != nil { after.files[name] = "" }
        let updated = OutputManifest.updating(mapped(String(decoding: before.bytes, as: UTF8.self)), fingerprint: "abcd", droppingKeysOf: droppedNames)
        #expect(contents(updated) == String(decoding: after.bytes, as: UTF8.self))
    }

    @Test func everyLineOfAWrittenManifestIsFoundByHalving() {
        var files: [String: String] = ["index.html": "", "activities/é/index.html": "key-e"]
        for number in 0..<300 { files["activities/a\(number)/index.html"] = number.isMultiple(of: 4) ? "" : "key\(number)" }
        let bytes = OutputManifest(fingerprint: "1234", files: files).bytes
        let text = String(decoding: bytes, as: UTF8.self)
        let entries = text.utf8.count - text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n").utf8.count
        bytes.withUnsafeBufferPointer { buffer in
            for name in files.keys {
                let start = OutputManifest.lineStart(of: Array(name.utf8), in: buffer, from: entries)
                #expect(start.map { String(decoding: buffer[$0..<$0 + name.utf8.count], as: UTF8.self) } == name)
            }
            for absent in ["activities/a3", "activities/a30/index.htm", "zzz", "activities/a299/index.html/x"] {
                #expect(OutputManifest.lineStart(of: Array(absent.utf8), in: buffer, from: entries) == nil)
            }
        }
    }
}
