import Foundation
import Testing
@testable import SitegenCore

/// Bodies known to make libcmark-gfm 0.29.0.gfm.6 super-linear (cmark's pathological tests,
/// cmark-gfm's advisories, and what a fuzzer found) are refused by `MarkdownLimits` or render
/// quickly; prose is never near the limits.
@Suite struct MarkdownLimitsTests {
    /// `unit` repeated to about `size` bytes.
    static func repeated(_ unit: String, size: Int = 500_000, prefix: String = "", suffix: String = "") -> String {
        prefix + String(repeating: unit, count: max(1, (size - prefix.utf8.count - suffix.utf8.count) / unit.utf8.count)) + suffix
    }

    /// `open` repeated, then `middle`, then `close` as often: nesting.
    static func nested(_ open: String, _ middle: String, _ close: String, size: Int = 500_000) -> String {
        let count = (size - middle.utf8.count) / (open.utf8.count + close.utf8.count)
        return String(repeating: open, count: count) + middle + String(repeating: close, count: count)
    }

    struct Hostile: CustomTestStringConvertible, CustomStringConvertible, Sendable {
        let name: String
        let body: String
        var testDescription: String { name }
        var description: String { name }
    }

    static let hostile: [Hostile] = [
        Hostile(name: "![[]() repeated", body: repeated("![[]()")),
        Hostile(name: "![[]() spaced", body: repeated("![[]() ")),
        Hostile(name: "[ (]( repeated", body: repeated("[ (](")),
        Hostile(name: "nested brackets", body: nested("[", "a", "]")),
        Hostile(name: "nested images", body: nested("![", "a", "](b)")),
        Hostile(name: "nested strong emphasis", body: nested("*a **a ", "b", " a** a*")),
        Hostile(name: "emphasis openers", body: repeated("_a ")),
        Hostile(name: "mismatched emphasis", body: repeated("*a_ ")),
        Hostile(name: "link openers", body: repeated("[a")),
        Hostile(name: "link closers", body: repeated("a]")),
        Hostile(name: "unclosed links", body: repeated("[a](<b")),
        Hostile(name: "unclosed inline links", body: repeated("[a](b")),
        Hostile(name: "processing instructions", body: repeated("a <?")),
        Hostile(name: "CDATA", body: repeated("a <![CDATA[")),
        Hostile(name: "declarations", body: repeated("a <!A ")),
        Hostile(name: "HTML comments", body: repeated("<!--", prefix: "</")),
        Hostile(name: "unclosed autolinks", body: repeated("<http://a")),
        Hostile(name: "comment ends, URLs and processing instructions", body: repeated("-->http://<?", size: 77_000)),
        Hostile(name: "e-mail autolinks", body: repeated("a.a@a.")),
        Hostile(name: "www autolinks", body: repeated("www.a.b ")),
        Hostile(name: "backticks", body: (1..<1000).map { "e" + String(repeating: "`", count: $0) }.joined()),
        Hostile(name: "block quotes", body: repeated("> ", suffix: "a\n")),
        Hostile(name: "block quotes without spaces", body: repeated(">")),
        Hostile(name: "lists on one line", body: repeated("- ", suffix: "a\n")),
        Hostile(name: "ordered lists on one line", body: repeated("1. ", suffix: "a\n")),
        Hostile(name: "deeply indented lists", body: (0..<700).map { String(repeating: "  ", count: $0) + "* a\n" }.joined()),
        Hostile(name: "5,000-column table", body: "|" + repeated("a|", size: 10_000) + "\n|" + repeated("-|", size: 10_000) + "\n|" + repeated("a|", size: 10_000) + "\n"),
        Hostile(name: "a row of pipes", body: "a|b\n-|-\n" + repeated("|")),
        Hostile(name: "wide delimiter row", body: "a\n" + repeated("-|")),
        Hostile(name: "padded rows", body: "|" + repeated("a|", size: 256) + "\n|" + repeated("-|", size: 256) + "\n" + repeated("a\n")),
        Hostile(name: "delimiter under a long paragraph", body: "x\n" + repeated("a\n") + "-:"),
        Hostile(name: "delimiter under long lines", body: "x\n" + repeated(String(repeating: "a", count: 20) + "\n") + "-:"),
        Hostile(name: "CR line endings", body: repeated(":-\r)", size: 250_000) + repeated(")\r-:", size: 250_000)),
        Hostile(name: "reference definition expansion", body: "[x]: " + String(repeating: "x", count: 5000) + "\n\n" + repeated("[x]")),
        Hostile(name: "footnote references", body: "[^a]: b\n\n" + repeated("[^a]")),
        Hostile(name: "many tables", body: repeated("a|b\n-|-\n\n")),
        Hostile(name: "task list", body: repeated("- [ ] a\n")),
        Hostile(name: "headings", body: repeated("# a\n")),
        Hostile(name: "entities", body: repeated("&a")),
        Hostile(name: "one long line", body: String(repeating: "a", count: 500_000)),
    ]

    /// Within the limits or not, no hostile body keeps a build more than about a second.
    @Test(arguments: hostile)
    func aHostileBodyIsRefusedOrRenderedQuickly(_ hostile: Hostile) {
        let start = ContinuousClock.now
        _ = MarkdownRenderer().renderChecked(hostile.body)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(15), "\(elapsed)")
    }

    /// The reported cases, through a build: the error names the file, the line and the limit.
    static let beyondTheLimits: [String: (body: String, line: Int, message: String)] = [
        "![[]() × 50,000": (String(repeating: "![[]()", count: 50_000), 7, "`[`, `<` and `@`"),
        "5,000 columns": ("Intro.\n\n|" + String(repeating: "a|", count: 5000) + "\n|" + String(repeating: "-|", count: 5000) + "\n", 9,
                          "a table row is limited to 128 columns"),
        "600 KB of prose": (String(repeating: "Words of prose. ", count: 40_000), 6, "a Markdown body is limited to 524288 bytes"),
    ]

    @Test(arguments: beyondTheLimits.keys.sorted())
    func aBodyBeyondTheLimitsIsAnErrorAtItsLine(_ name: String) throws {
        let (body, line, message) = try #require(Self.beyondTheLimits[name])
        let content = TestSupport.copyOfFixture()
        TestSupport.write("---\ntitle: T\ndate: 2024\ntype: seminar\n---\n\n" + body, to: content + "/activities/hostile.md")
        let start = ContinuousClock.now
        let diagnostics = Site.check(TestSupport.options(content: content, output: "/nonexistent/out"))
        #expect(ContinuousClock.now - start < .seconds(15))
        let error = try #require(diagnostics.first { $0.path.hasSuffix("activities/hostile.md") && $0.severity == .error })
        #expect(error.line == line && error.column == 1, "\(error)")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(diagnostics.filter { $0.severity == .error }.count == 1, "one error, not others following from it")
    }

    @Test func richProseIsWellWithinTheLimits() {
        let paragraph = "The [Third National Action Plan](/action-plans/third/) sets out <b>goals</b> for women@example.org, with *emphasis* and `code`.[^1]\n"
        let table = "| Year | Plan | Link |\n| --- | :-: | --: |\n" + String(repeating: "| 2024 | [x](/a/) | <https://example.org/> |\n", count: 500)
        let body = String(repeating: paragraph + "\n", count: 300) + table + "\n> quoted\n> > twice\n\n- a\n  - b\n    1. c\n\n[^1]: A note.\n[ref]: https://example.org/ \"Title\"\n"
        #expect(MarkdownLimits.firstViolation(in: body) == nil)
    }

    @Test func limitsAreCountedPerParagraphAndLine() {
        // The same brackets and `<` split by blank lines stay within the limit.
        let unit = String(repeating: "![[]()", count: 200)
        #expect(MarkdownLimits.firstViolation(in: Array(repeating: unit, count: 300).joined(separator: "\n\n")) == nil)
        #expect(MarkdownLimits.firstViolation(in: Array(repeating: unit, count: 300).joined(separator: "\n")) != nil)
        // 128 columns, and a thematic break of any length, are fine.
        #expect(MarkdownLimits.firstViolation(in: "|" + String(repeating: "a|", count: 127) + "\n") == nil)
        #expect(MarkdownLimits.firstViolation(in: "|" + String(repeating: "a|", count: 128) + "\n")?.line == 1)
        #expect(MarkdownLimits.firstViolation(in: "a\n\n" + String(repeating: "- ", count: 100) + "\n") == nil)
        #expect(MarkdownLimits.firstViolation(in: "a\n\n" + String(repeating: "> ", count: 33) + "a\n")?.line == 3)
        #expect(MarkdownLimits.firstViolation(in: "a\r\n\r\n" + String(repeating: "> ", count: 33) + "a\r\n")?.line == 3)
    }
}
