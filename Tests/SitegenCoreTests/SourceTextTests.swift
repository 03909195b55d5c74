import Testing
@testable import SitegenCore

@Suite struct SourceTextTests {
    @Test func acceptsUTF8AndDropsByteOrderMark() throws {
        let text = try SourceText.decode(Array("\u{FEFF}日本語".utf8), path: "a.md").get()
        #expect(text.text == "日本語")
    }

    @Test func reportsInvalidUTF8AtLineAndColumn() {
        guard case .failure(let diagnostic) = SourceText.decode(Array("ab\ncd".utf8) + [0xFF], path: "a.md") else {
            Issue.record("accepted invalid UTF-8")
            return
        }
        #expect(diagnostic.line == 2)
        #expect(diagnostic.column == 3)
    }

    @Test func reportsNulBytes() {
        guard case .failure(let diagnostic) = SourceText.decode([0x61, 0x00], path: "a.md") else {
            Issue.record("accepted a NUL byte")
            return
        }
        #expect(diagnostic.message.contains("NUL"))
    }

    @Test func rejectsOverlongAndSurrogateEncodings() {
        for bytes: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            guard case .failure = SourceText.decode(bytes, path: "a.md") else {
                Issue.record("accepted \(bytes)")
                continue
            }
        }
    }
}
