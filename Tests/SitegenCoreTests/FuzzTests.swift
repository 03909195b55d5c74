import Testing
@testable import SitegenCore

/// Seeded random inputs: whatever bytes arrive, reading a file gives a model or diagnostics,
/// never a crash or a hang, and rendered Markdown never carries script.
@Suite struct FuzzTests {
    /// SplitMix64: reproducible across runs and platforms.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seed = "---\ntitle: \"A & <b>\"\ndate: 2024-06-21\nend_date: 2024-06-22\npartners: [a, b]\nsummary: s\n---\n# Head\n\nText [l](/partners/a/) <i>x</i>\n\n| a | b |\n| - | - |\n| 1 | 2 |\n"
    static let alphabet: [UInt8] = Array("-:[]{}&*!|>'\"%@`#\n\t \\,?0123456789<>/=()javascript".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0xE6, 0x97, 0xA5]

    @Test func mutatedContentFilesNeverCrash() {
        var random = Generator(state: 1325)
        let reader = ContentReader(markdown: MarkdownRenderer(basePath: "/wps/"))
        for round in 0..<400 {
            var bytes = Array(Self.seed.utf8)
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = Self.alphabet.randomElement(using: &random)!
                case 1: bytes.insert(Self.alphabet.randomElement(using: &random)!, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            var log = DiagnosticLog()
            if let (fields, document) = reader.document(id: "x", path: "fuzz-\(round).md", bytes: bytes, log: &log) {
                let activity = reader.activity(fields, document, log: &log)
                #expect(activity != nil || log.hasErrors, "round \(round): no model and no error")
                #expect(!document.body.html.contains("<script"))
                #expect(!document.body.html.lowercased().contains("href=\"javascript:"))
            } else {
                #expect(log.hasErrors, "round \(round): rejected without an error")
            }
            #expect(log.entries.allSatisfy { $0.path == "fuzz-\(round).md" })
        }
    }

    @Test func randomDateStringsParseOnlyWhenReal() {
        var random = Generator(state: 2000)
        let characters = Array("0123456789-")
        for _ in 0..<5_000 {
            let text = String((0..<Int.random(in: 0...11, using: &random)).map { _ in characters.randomElement(using: &random)! })
            guard let date = PartialDate(text) else { continue }
            #expect(date.text == text)
            if let month = date.month { #expect((1...12).contains(month)) }
            if let day = date.day { #expect(day <= PartialDate.daysIn(month: date.month!, year: date.year)) }
        }
    }

    @Test func randomMarkdownNeverCarriesScript() {
        var random = Generator(state: 1820)
        let pieces = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](data:text/html,x)", "<a href=\"javascript:x\">a</a>",
                      "**b**", "\n\n", "| a |\n| - |\n| 1 |\n", "[^1]\n\n[^1]: n", "<img src=x onerror=alert(1)>", "`code`", "# h\n", "www.x.org ",
                      "[r](/partners/a/)", "&amp;", "<", "](", "javas\ncript:", "\u{0}"]
        let renderer = MarkdownRenderer(basePath: "/")
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...20, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let html = renderer.render(text).html.lowercased()
            #expect(!html.contains("<script"))
            #expect(!html.contains("onerror="))
            #expect(!html.contains("href=\"javascript:"))
            #expect(!html.contains("src=\"data:"))
        }
    }
}
