import Foundation
import Testing
@testable import SitegenCore

/// Each case is the fixture site with one defect: the build must fail with the file (and line)
/// named, and leave the previous output exactly as it was.
@Suite struct BadInputTests {
    struct Defect: CustomTestStringConvertible, Sendable {
        let name: String
        let file: String
        let text: String?
        let expected: String
        var testDescription: String { name }
    }

    static let activity = "activities/2024-09-30-across-months.md"

    static let defects: [Defect] = [
        Defect(name: "unreadable YAML", file: activity, text: "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n",
               expected: "activities/2024-09-30-across-months.md:3:"),
        Defect(name: "missing title", file: activity, text: "---\ndate: 2024-01-01\n---\nBody\n",
               expected: "activities/2024-09-30-across-months.md:1:1: error: missing required field `title`"),
        Defect(name: "malformed date", file: activity, text: "---\ntitle: T\ndate: 2024-13-01\n---\n",
               expected: "activities/2024-09-30-across-months.md:3:7: error: `date` is `2024-13-01`, not a real date"),
        Defect(name: "impossible day", file: activity, text: "---\ntitle: T\ndate: 2023-02-29\n---\n",
               expected: "activities/2024-09-30-across-months.md:3:7: error:"),
        Defect(name: "end before start", file: activity, text: "---\ntitle: T\ndate: 2024-05-02\nend_date: 2024-05-01\n---\n",
               expected: "activities/2024-09-30-across-months.md:4:11: error: `end_date` 2024-05-01 is before `date` 2024-05-02"),
        Defect(name: "unknown partner", file: activity, text: "---\ntitle: T\ndate: 2024-05-02\npartners: [philipines]\n---\n",
               expected: "activities/2024-09-30-across-months.md:4:12: error: unknown partner `philipines`; did you mean `philippines`?"),
        Defect(name: "duplicate edition", file: "action-plans/third.md", text: "---\ntitle: T\nedition: 2\nadopted: 2024\n---\n",
               expected: "action-plans/third.md:3:10: error: edition 2 is already used"),
        Defect(name: "bad file name", file: "activities/My Activity.md", text: "---\ntitle: T\ndate: 2024\n---\n",
               expected: "activities/My Activity.md: error: file name `My Activity.md` is not a valid id"),
        Defect(name: "upper-case file name", file: "partners/Fiji.md", text: "---\nname: Fiji\nkind: country\niso: FJ\n---\n",
               expected: "partners/Fiji.md: error: file name"),
        Defect(name: "source not http", file: activity, text: "---\ntitle: T\ndate: 2024\nsource: ftp://example.org/x\n---\n",
               expected: "activities/2024-09-30-across-months.md:4:9: error: `source` must be an absolute http:// or https:// URL"),
        Defect(name: "unknown kind", file: "partners/norway.md", text: "---\nname: Norway\nkind: nation\n---\n",
               expected: "partners/norway.md:3:7: error: unknown kind `nation`"),
        Defect(name: "country without iso", file: "partners/norway.md", text: "---\nname: Norway\nkind: country\n---\n",
               expected: "partners/norway.md:1:1: error: missing required field `iso` for a country"),
        Defect(name: "lower-case iso", file: "partners/norway.md", text: "---\nname: Norway\nkind: country\niso: no\n---\n",
               expected: "partners/norway.md:4:6: error: `iso` is `no`, not an ISO 3166-1 alpha-2 country code; write it in upper case: `NO`"),
        Defect(name: "broken body link", file: activity, text: "---\ntitle: T\ndate: 2024\n---\nFirst.\n\nSee [x](/partners/nowhere/).\n",
               expected: "activities/2024-09-30-across-months.md:7:5: error: link to `/partners/nowhere/`, a page that does not exist"),
        Defect(name: "broken fragment", file: activity, text: "---\ntitle: T\ndate: 2024\n---\n[x](/activities/2024-09-09-course/#nope)\n",
               expected: "activities/2024-09-30-across-months.md:5:1: error: link to `/activities/2024-09-09-course/#nope`"),
        Defect(name: "number as title", file: activity, text: "---\ntitle: 1325\ndate: 2024\n---\n",
               expected: "activities/2024-09-30-across-months.md:2:8: error: `title` must be text, not a number"),
        Defect(name: "list as title", file: activity, text: "---\ntitle: [a, b]\ndate: 2024\n---\n",
               expected: "activities/2024-09-30-across-months.md:2:8: error: `title` must be text, not a list"),
        Defect(name: "front matter is a list", file: activity, text: "---\n- a\n- b\n---\n",
               expected: "activities/2024-09-30-across-months.md:2:1: error: front matter must be a set of `field: value` lines"),
        Defect(name: "empty file", file: activity, text: "",
               expected: "activities/2024-09-30-across-months.md:1:1: error: file is empty"),
        Defect(name: "unclosed front matter", file: activity, text: "---\ntitle: T\ndate: 2024\n",
               expected: "activities/2024-09-30-across-months.md:1:1: error: front matter is not closed"),
        Defect(name: "no front matter", file: activity, text: "Just text\n",
               expected: "activities/2024-09-30-across-months.md:1:1: error: expected `---`"),
        Defect(name: "duplicate field", file: activity, text: "---\ntitle: T\ntitle: U\ndate: 2024\n---\n",
               expected: "activities/2024-09-30-across-months.md:3:1: error: field `title` is given twice"),
        Defect(name: "missing site.yml", file: "site.yml", text: nil,
               expected: "site.yml: error: missing site settings"),
        Defect(name: "relative base_url", file: "site.yml", text: "title: T\nbase_url: /wps/\n",
               expected: "site.yml:2:11: error: `base_url` must be an absolute http:// or https:// URL"),
        Defect(name: "licence address that is not a URL", file: "site.yml",
               text: "title: T\nbase_url: https://example.org/\ndata_license: CC BY 4.0\ndata_license_url: licence.html\n",
               expected: "site.yml:4:19: error: `data_license_url` must be an absolute http:// or https:// URL"),
        Defect(name: "licence address without its name", file: "site.yml",
               text: "title: T\nbase_url: https://example.org/\ndata_license_url: https://creativecommons.org/licenses/by/4.0/\n",
               expected: "site.yml:3:19: error: `data_license_url` needs `data_license`"),
        Defect(name: "page taking a portal path", file: "pages/timeline.md", text: "---\ntitle: T\n---\n",
               expected: "pages/timeline.md:1:1: error: page id `timeline` is taken"),
        Defect(name: "static file over a page", file: "static/timeline/index.html", text: "<p>x</p>",
               expected: "static/timeline/index.html: error: static file would replace `/timeline/index.html`"),
        Defect(name: "draft with an error", file: "activities/2025-02-01-draft.md", text: "---\ntitle: T\ndate: 2025-02-30\ndraft: true\n---\n",
               expected: "activities/2025-02-01-draft.md:3:7: error:"),
    ]

    @Test(arguments: defects)
    func failsClearlyAndKeepsThePreviousOutput(_ defect: Defect) throws {
        let content = TestSupport.copyOfFixture()
        let output = (content as NSString).deletingLastPathComponent + "/public"
        _ = try Site.build(TestSupport.options(content: content, output: output))
        let before = TestSupport.snapshot(output)

        let path = content + "/" + defect.file
        if let text = defect.text { TestSupport.write(text, to: path) } else { try FileManager.default.removeItem(atPath: path) }

        let diagnostics: [Diagnostic]
        do {
            _ = try Site.build(TestSupport.options(content: content, output: output))
            Issue.record("build succeeded despite: \(defect.name)")
            return
        } catch {
            diagnostics = error.diagnostics
        }
        let prefix = content.dropFirst() + "/"  // paths are shown relative to the working directory, "/"
        let printed = diagnostics.map { $0.description.replacingOccurrences(of: String(prefix), with: "") }
        #expect(printed.contains { $0.hasPrefix(defect.expected) }, "got: \(printed)")
        #expect(TestSupport.snapshot(output) == before)
        let check = Site.check(TestSupport.options(content: content, output: output))
        #expect(check.contains { $0.severity == .error })
    }

    @Test func reportsEveryErrorAtOnceSortedByPathAndLine() throws {
        let content = TestSupport.copyOfFixture()
        TestSupport.write("---\ntitle: T\ndate: nope\nend_date: also-nope\n---\n", to: content + "/activities/b.md")
        TestSupport.write("---\ndate: 2024\n---\n", to: content + "/activities/a.md")
        TestSupport.write("---\nname: X\nkind: planet\n---\n", to: content + "/partners/x.md")
        let diagnostics = Site.check(TestSupport.options(content: content, output: "/nonexistent/out")).filter { $0.severity == .error }
        #expect(diagnostics.count == 4)
        #expect(diagnostics == diagnostics.sorted())
        #expect(diagnostics.map { ($0.path as NSString).lastPathComponent } == ["a.md", "b.md", "b.md", "x.md"])
    }

    @Test func unknownFieldIsAWarningNotAnError() throws {
        let content = TestSupport.copyOfFixture()
        TestSupport.write("---\ntitle: T\ndate: 2024\npartner: [norway]\n---\nBody\n", to: content + "/activities/typo.md")
        let output = TestSupport.temporaryFolder() + "/public"
        let report = try Site.build(TestSupport.options(content: content, output: output))
        #expect(report.warnings.contains { $0.message.contains("unknown field `partner`") && $0.line == 4 })
    }

    @Test func aMisspeltSiteSettingIsAWarningThatNamesTheField() throws {
        let content = TestSupport.copyOfFixture()
        TestSupport.edit(content + "/site.yml") { $0 + "data_licence: CC BY 4.0\n" }
        let warnings = Site.check(TestSupport.options(content: content, output: "/nonexistent/out")).filter { $0.severity == .warning }
        #expect(warnings.contains { $0.message.contains("unknown field `data_licence`") && $0.message.contains("`data_license`") })
    }

    @Test func anOpenDataColumnWithoutADescriptionIsAnError() throws {
        let templates = TestSupport.copyOfTemplates()
        TestSupport.edit(templates + "/i18n/en.yml") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("column_role:") }.joined(separator: "\n")
        }
        var options = TestSupport.options(content: TestSupport.fixtureContent, output: "/nonexistent/out")
        options.templates = templates
        let errors = Site.check(options).filter { $0.severity == .error }
        #expect(errors.contains { $0.message.contains("add `column_role: ...`") && $0.path.hasSuffix("en.yml") })
    }

    /// What `sitegen check` says of the fixture with a copy of the templates in which these templates (by name) are replaced.
    private func checkWithTemplates(_ replaced: [String: String]) -> [Diagnostic] {
        let templates = TestSupport.copyOfTemplates()
        for (name, text) in replaced { TestSupport.write(text, to: templates + "/" + name + ".mustache") }
        var options = TestSupport.options(content: TestSupport.fixtureContent, output: "/nonexistent/out")
        options.templates = templates
        return Site.check(options)
    }

    @Test func templateThatDoesNotParseIsAnErrorAtItsLine() throws {
        let diagnostics = checkWithTemplates(["page": "<p>\n{{#page}}\n{{title}\n{{/page}}\n"])
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.path.hasSuffix("page.mustache"))
        #expect(error.line == 3)
    }

    @Test func aTemplateThatIncludesItselfIsAnErrorButRecursionInASectionIsNot() throws {
        let errors = checkWithTemplates([
            "partials/node": "<ul>\n{{#partners}}<li>{{> partials/node}}</li>{{/partners}}\n</ul>\n",
            "partials/loop-a": "<p>\n  {{> partials/loop-b}}\n",
            "partials/loop-b": "{{#page}}x{{/page}}{{> partials/loop-a}}\n",
        ]).filter { $0.severity == .error }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.path.hasSuffix("partials/loop-a.mustache"))
        #expect(error.line == 2 && error.column == 3)
        #expect(error.message.contains("partials/loop-a → partials/loop-b → partials/loop-a"))
    }

    /// A name no view has, or a label missing from a strings file, is an error where it is written.
    @Test func unknownNamesAndLabelsAreErrorsAtTheirTag() throws {
        let diagnostics = checkWithTemplates(["page": "{{<layout}}{{$content}}\n{{#page}}<h1>{{titel}}</h1>\n  <p>{{t.no_such_label}}</p>{{/page}}{{/content}}{{/layout}}\n"])
            .filter { $0.severity == .error }
        #expect(diagnostics.contains { $0.path.hasSuffix("page.mustache") && $0.line == 2 && $0.column == 16
            && $0.message.hasPrefix("no view has a value named `titel`") })
        #expect(diagnostics.contains { $0.path.hasSuffix("page.mustache") && $0.line == 3 && $0.column == 8
            && $0.message.hasPrefix("`t.no_such_label` is not in ") && $0.message.contains("i18n/en.yml") })
    }

    @Test func missingPartialIsAnError() throws {
        let diagnostics = checkWithTemplates(["page": "{{<layout}}{{$content}}{{> partials/nope}}{{/content}}{{/layout}}\n"])
        #expect(diagnostics.contains { $0.message.contains("no template named `partials/nope`") && $0.line == 1 })
    }

    @Test func missingPartialIsReportedAtItsLineAndColumnInAWindowsFile() throws {
        let diagnostics = checkWithTemplates(["page": "{{<layout}}{{$content}}\r\n<p>Résumé</p>\r\n  é {{> partials/nope}}\r\n{{/content}}{{/layout}}\r\n"])
        let error = try #require(diagnostics.first { $0.message.contains("no template named `partials/nope`") })
        #expect(error.line == 3 && error.column == 5)
    }

    @Test(arguments: [[UInt8](repeating: 0x41, count: 4) + [0xFF, 0xFE], Array("---\ntitle: T\u{0}\n---\n".utf8)])
    func binaryContentIsAnErrorWithPosition(_ bytes: [UInt8]) throws {
        let content = TestSupport.copyOfFixture()
        #expect(FileManager.default.createFile(atPath: content + "/" + Self.activity, contents: Data(bytes)))
        let diagnostics = Site.check(TestSupport.options(content: content, output: "/nonexistent/out"))
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.path.hasSuffix(Self.activity))
        #expect(error.line != nil && error.column != nil)
    }

    @Test func symlinkOutsideTheContentFolderIsNotFollowed() throws {
        let content = TestSupport.copyOfFixture()
        let outside = TestSupport.temporaryFolder() + "/secret.md"
        TestSupport.write("---\ntitle: Secret\ndate: 2024\n---\nsecret text\n", to: outside)
        try FileManager.default.createSymbolicLink(atPath: content + "/activities/linked.md", withDestinationPath: outside)
        let diagnostics = Site.check(TestSupport.options(content: content, output: "/nonexistent/out"))
        #expect(diagnostics.contains { $0.path.hasSuffix("activities/linked.md") && $0.message.contains("outside the content folder") })
    }

    @Test func hugeFileIsRejectedQuickly() throws {
        let content = TestSupport.copyOfFixture()
        let huge = "---\ntitle: T\ndate: 2024\n---\n" + String(repeating: "word ", count: 2_000_000)
        TestSupport.write(huge, to: content + "/activities/huge.md")
        let start = Date()
        let diagnostics = Site.check(TestSupport.options(content: content, output: "/nonexistent/out"))
        #expect(diagnostics.contains { $0.path.hasSuffix("huge.md") && $0.message.contains("limited to") })
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
