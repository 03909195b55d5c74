import Testing
@testable import SitegenCore

@Suite struct FrontMatterTests {
    func parse(_ text: String, log: inout DiagnosticLog) -> (FrontMatter, FrontMatterSplit)? {
        guard case .success(let split) = FrontMatterSplitter.split(text, path: "a.md") else { return nil }
        return FrontMatter.parse(split, path: "a.md", log: &log).map { ($0, split) }
    }

    @Test func splitsFrontMatterAndBodyWithLineNumbers() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: A\n---\nBody\n", path: "a.md").get()
        #expect(split.yaml == "title: A\n")
        #expect(split.body == "Body\n")
        #expect(split.bodyFirstLine == 4)
    }

    @Test func acceptsWindowsLineEndings() throws {
        let split = try FrontMatterSplitter.split("---\r\ntitle: A\r\n---\r\nBody\r\n", path: "a.md").get()
        #expect(split.bodyFirstLine == 4)
        #expect(split.body.hasPrefix("Body"))
    }

    @Test(arguments: ["", "   \n", "title: A\n", "---\ntitle: A\n"])
    func rejectsMissingOrUnclosedFrontMatter(_ text: String) {
        guard case .failure(let diagnostic) = FrontMatterSplitter.split(text, path: "a.md") else {
            Issue.record("accepted \(text.debugDescription)")
            return
        }
        #expect(diagnostic.line == 1)
    }

    @Test func reportsYAMLErrorsAtTheirLineInTheFile() {
        var log = DiagnosticLog()
        _ = parse("---\ntitle: A\ndate: [2024\n---\n", log: &log)
        let error = log.errors.first
        #expect(error?.path == "a.md")
        #expect((error?.line ?? 0) >= 3)
        #expect(error?.message.contains("invalid YAML") == true)
    }

    @Test func readsUnquotedISOCodeAsText() throws {
        var log = DiagnosticLog()
        let (fields, _) = try #require(parse("---\niso: NO\n---\n", log: &log))
        #expect(fields.scalarText("iso", expected: "code", log: &log) == "NO")
        #expect(!log.hasErrors)
    }

    @Test func rejectsNumbersAndListsWhereTextIsExpected() throws {
        var log = DiagnosticLog()
        let (fields, _) = try #require(parse("---\ntitle: 1325\nsummary: [a, b]\nname: '1325'\n---\n", log: &log))
        #expect(fields.text("title", log: &log) == nil)
        #expect(fields.text("summary", log: &log) == nil)
        #expect(fields.text("name", log: &log) == "1325")
        #expect(log.errors.count == 2)
        #expect(log.errors[0].line == 2)
        #expect(log.errors[1].line == 3)
    }

    @Test func missingRequiredFieldPointsAtFrontMatter() throws {
        var log = DiagnosticLog()
        let (fields, _) = try #require(parse("---\ndate: 2024\n---\n", log: &log))
        #expect(fields.text("title", required: true, log: &log) == nil)
        #expect(log.errors.first?.message.contains("missing required field `title`") == true)
        #expect(log.errors.first?.line == 1)
    }

    @Test func warnsAboutUnknownFieldsWithSuggestion() throws {
        var log = DiagnosticLog()
        let (fields, _) = try #require(parse("---\ntitle: A\npartner: [x]\n---\n", log: &log))
        fields.warnAboutUnknownFields(allowed: Activity.declaredFields.map(\.name), log: &log)
        #expect(log.warnings.first?.message == "unknown field `partner` is ignored; did you mean `partners`?")
        #expect(log.warnings.first?.line == 3)
    }

    @Test func aliasBombStaysSmall() throws {
        var yaml = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in 0..<20 {
            let name = "l\(level)"
            yaml += "\(name): &\(name) [*\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous)]\n"
            previous = name
        }
        yaml += "title: Bomb\npartners: *\(previous)\n---\n"
        var log = DiagnosticLog()
        let (fields, _) = try #require(parse(yaml, log: &log))
        _ = fields.textList("partners", log: &log)
        #expect(fields.text("title", log: &log) == "Bomb")
        #expect(log.hasErrors)  // the list holds lists, not ids
    }

    @Test func deepNestingIsRejectedBeforeParsing() {
        var log = DiagnosticLog()
        let yaml = "---\ntitle: " + String(repeating: "[", count: 100_000) + "\n---\n"
        #expect(parse(yaml, log: &log) == nil)
        #expect(log.errors.first?.message.contains("nests deeper") == true)
    }

    @Test func plainScalarsAreTextUnlessYAMLWouldMakeThemNumbersOrBooleans() {
        let expected: [(String, PlainScalarKind)] = [
            ("2024", .number), ("-1.5", .number), ("+1_000", .number), (" 42 ", .number),
            ("YES", .boolean), ("off", .boolean), ("False", .boolean),
            ("Yesterday", .text), ("+_", .text), ("--", .text), ("1e5", .text), ("١٢", .text), ("1\u{301}", .text),
            ("-\u{301}1", .text), ("Nairobi, Kenya", .text), ("offline", .text),
        ]
        for (value, kind) in expected {
            #expect(PlainScalarKind(value) == kind, "\(value)")
        }
    }
}
