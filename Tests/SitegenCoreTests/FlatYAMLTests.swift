import Foundation
import Testing
import Yams
@testable import SitegenCore

/// The quick reader of flat front matter must read exactly what Yams reads, positions included,
/// or leave the text to Yams.
@Suite struct FlatYAMLTests {
    private func composedByYams(_ yaml: String) -> [(key: FieldValue, value: FieldValue)]? {
        guard case .mapping(let mapping)? = try? Yams.compose(yaml: yaml, .basic, .default, .utf8) else { return nil }
        return mapping.map { (FieldValue($0.key), FieldValue($0.value)) }
    }

    private func expectSameAsYams(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let flat = FlatYAML.compose(Substring(yaml)) else { return }
        let yams = composedByYams(yaml)
        #expect(yams != nil, "Yams refuses what the flat reader accepted:\n\(yaml)", sourceLocation: sourceLocation)
        guard let yams else { return }
        #expect(flat.map(\.key) == yams.map(\.key), "keys differ for:\n\(yaml)", sourceLocation: sourceLocation)
        #expect(flat.map(\.value) == yams.map(\.value), "values differ for:\n\(yaml)", sourceLocation: sourceLocation)
    }

    @Test func commonFrontMatterIsReadWithoutYamsAndLikeYams() {
        let common = [
            "title: WPS Seminar in the Japan–Fiji Capacity Building Project\ndate: 2024-02-26\ntype: seminar\npartners: [fiji, japan]\nlocation: Suva, Fiji\n",
            "title: \"Quoted: with a colon\"\nsummary: 'Single quoted # not a comment'\nend_date: 2024-02-28\n",
            "title:   Spaced out   \npartners: []\norder: 3\ndraft: false\n",
            "name: Côte d’Ivoire\nkind: country\niso: CI\nregion: Africa\n",
            "title: 東京での対話\npartners: [ japan ,  fiji-2 ]\n",
            "title: C# and {braces}, [brackets] after the first letter\nsource: https://example.org/a?b=c#d\n",
            "title: x\n\ndate: 2024\n",
            "# comment\ntitle: x\n#another: one\n\n# last\ndate: 2024\n",
            "title: \"Peace & Security Forum: \\\"Women Lead\\\" (Kenya)\"\nsummary: \"a \\\\ b \\/ c\"\n",
            "title: 'it''s ''quoted'''\nsummary: 'a \\ stays'\n",
        ]
        for yaml in common {
            #expect(FlatYAML.compose(Substring(yaml)) != nil, "expected the flat reader to take:\n\(yaml)")
            expectSameAsYams(yaml)
        }
    }

    @Test func anythingElseIsLeftToYams() {
        let others = [
            "title: x\ntitle: y\n",                       // duplicate field: Yams reports it
            "  # indented comment\ntitle: x\n",
            "# only a comment\n",
            "title: x # trailing comment\n",
            "partners:\n  - fiji\n  - japan\n",
            "summary: >\n  folded\n  text\n",
            "title: \"escaped \\t tab\"\n",
            "title: \"unicode \\u00e9\"\n",
            "title: \"ends in a backslash \\\"\n",
            "title: \"inner \" quote\"\n",
            "title: 'lone ' quote'\n",
            "title: &anchor x\nother: *anchor\n",
            "title: a: b\n",
            "title: ends with colon:\n",
            "title: -5\n",
            "title:\n",
            "title: x\r\n",
            "title: tab\there\n",
            "  title: indented\n",
            "partners: [fiji,]\n",
            "partners: [\"fiji\"]\n",
            "nested: {a: b}\n",
            "title: multi\n  line\n",
        ]
        for yaml in others {
            #expect(FlatYAML.compose(Substring(yaml)) == nil, "expected Yams to read:\n\(yaml)")
        }
    }

    @Test func interfaceStringsReadAlikeBothWays() throws {
        let folder = TestSupport.templates + "/i18n"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yml") }
        #expect(files.contains("en.yml"))
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            if file == "en.yml" { #expect(FlatYAML.compose(Substring(text)) != nil, "expected the flat reader to take \(file)") }
            expectSameAsYams(text)
        }
    }

    @Test func everyFixtureAndPortalFileReadsAlikeBothWays() throws {
        let roots = [TestSupport.fixtureContent, URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content").path]
        var compared = 0
        for root in roots {
            for relative in FileManager.default.subpaths(atPath: root) ?? [] where relative.hasSuffix(".md") {
                guard let text = try? String(contentsOfFile: root + "/" + relative, encoding: .utf8),
                      case .success(let split) = FrontMatterSplitter.split(text, path: relative) else { continue }
                expectSameAsYams(String(split.yaml))
                compared += 1
            }
        }
        #expect(compared > 50)
    }
}
