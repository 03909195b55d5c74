import Foundation
import Testing
@testable import SitegenCore

/// Source records, citations, Japan's role, the closed type list and fiscal-year periods (contract v2).
@Suite struct SourcesAndTypesTests {
    let content = TestSupport.copyOfFixture()
    var output: String { (content as NSString).deletingLastPathComponent + "/public" }
    var activity: String { content + "/activities/2024-09-09-course.md" }

    func addSource() {
        TestSupport.write("---\ntitle: \"Initiatives to Promote WPS\"\npublisher: Ministry of Defense of Japan\nurl: https://www.mod.go.jp/en/d_act/wps/index.html\npublished: 2024-12\n---\nThe ministry's list of WPS activities.\n",
                          to: content + "/sources/mod-wps.md")
    }

    @Test func anActivityShowsItsSourcesRoleAndCitation() throws {
        addSource()
        TestSupport.edit(activity) { $0.replacingOccurrences(of: "---\n", with: "---\nrole: co-host\nsources: [mod-wps]\n", options: [], range: $0.range(of: "---\n")) }
        _ = try Site.build(TestSupport.options(content: content, output: output))
        let page = TestSupport.read(output + "/activities/2024-09-09-course/index.html")
        #expect(page.contains("href=\"https://www.mod.go.jp/en/d_act/wps/index.html\" rel=\"external\">Initiatives to Promote WPS</a>"))
        #expect(page.contains("Ministry of Defense of Japan"))
        #expect(page.contains("Co-host"))
        #expect(page.contains("Cite this record"))
        #expect(page.contains("https://example.org/wps/activities/2024-09-09-course/"))
        let sources = TestSupport.read(output + "/sources/index.html")
        #expect(sources.contains("id=\"source-mod-wps\""))
        #expect(sources.contains("/wps/timeline/?source=mod-wps"))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read(output + "/data/activities.json").utf8)) as? [[String: Any]])
        let row = try #require(rows.first { $0["id"] as? String == "2024-09-09-course" })
        #expect(row["role"] as? String == "co-host")
        #expect(row["sources"] as? [String] == ["mod-wps"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read(output + "/data/sources.json").utf8)) as? [[String: Any]])
        #expect(listed.first?["id"] as? String == "mod-wps")
        #expect(listed.first?["record_count"] as? Int == 1)
        #expect(TestSupport.read(output + "/timeline/index.html").contains("data-role=\"co-host\" data-sources=\"mod-wps\""))
    }

    @Test func anUnknownSourceIsAnErrorAtItsLineNamingTheNearest() {
        addSource()
        TestSupport.edit(activity) { $0.replacingOccurrences(of: "---\n", with: "---\nsources: [mod-wsp]\n", options: [], range: $0.range(of: "---\n")) }
        let diagnostics = Site.check(TestSupport.options(content: content, output: output))
        #expect(diagnostics.contains { $0.description.hasSuffix("2024-09-09-course.md:2:11: error: unknown source `mod-wsp`; did you mean `mod-wps`?; source ids are the file names in sources/") })
        TestSupport.edit(activity) { $0.replacingOccurrences(of: "mod-wsp", with: "ministry-page") }
        #expect(Site.check(TestSupport.options(content: content, output: output)).contains { $0.message.contains("unknown source `ministry-page`; the nearest is `mod-wps`") })
    }

    @Test func aSourceNeedsItsFields() {
        TestSupport.write("---\ntitle: Untitled record\nurl: ftp://example.org/x\n---\n", to: content + "/sources/bad.md")
        let messages = Site.check(TestSupport.options(content: content, output: output)).map(\.description)
        #expect(messages.contains { $0.contains("sources/bad.md:1:1: error: missing required field `publisher`") })
        #expect(messages.contains { $0.contains("sources/bad.md:3:6: error: `url` must be an absolute http:// or https:// URL") })
    }

    @Test func anUnknownRoleIsAnError() {
        TestSupport.edit(activity) { $0.replacingOccurrences(of: "---\n", with: "---\nrole: organiser\n", options: [], range: $0.range(of: "---\n")) }
        #expect(Site.check(TestSupport.options(content: content, output: output)).contains {
            $0.message == "`role` is `organiser`; expected one of `host`, `co-host`, `participant`"
        })
    }

    @Test func typesAreAClosedListWithLabels() {
        TestSupport.edit(content + "/site.yml") { $0 + "types: [seminar, meeting, training, workshop, briefing]\n" }
        let diagnostics = Site.check(TestSupport.options(content: content, output: output))
        // The fixture's `plan` is not in the list; `briefing` has no label in the strings file.
        #expect(diagnostics.contains { $0.message.hasPrefix("unknown type `plan`; the nearest is") && $0.line != nil })
        #expect(diagnostics.contains { $0.path.hasSuffix("site.yml") && $0.message.hasPrefix("type `briefing` has no label: add `type_briefing: ...` to") })
    }

    @Test func fiscalYearPeriodsAreShownAsFiscalYears() throws {
        TestSupport.edit(content + "/action-plans/second.md") {
            $0.replacingOccurrences(of: #"period_start: [^\n]*"#, with: "period_start: FY2023", options: .regularExpression)
              .replacingOccurrences(of: #"period_end: [^\n]*"#, with: "period_end: FY2028", options: .regularExpression)
        }
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(TestSupport.read(output + "/action-plans/index.html").contains("FY2023–FY2028"))
        let plans = try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read(output + "/data/action-plans.json").utf8)) as? [[String: Any]])
        #expect(plans[1]["period_end"] as? String == "FY2028")
        #expect(PartialDate(fiscalYear: "FY2028")?.endKey == 2029_03_31)
        #expect(PartialDate(fiscalYear: "FY23") == nil)
        var japanese = DateFormatting.english
        japanese.fiscalYear = "{year}年度"
        japanese.fiscalRange = "{start}～{end}"
        #expect(japanese.format(from: PartialDate(fiscalYear: 2023), to: PartialDate(fiscalYear: 2028)) == "2023年度～2028年度")
    }
}
