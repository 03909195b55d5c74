import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SitegenCore

/// Builds the fixture site, full of awkward input, and checks what a reader and a data user get.
@Suite struct EndToEndTests {
    let output: String
    let report: BuildReport

    init() throws {
        output = TestSupport.temporaryFolder("sitegen-e2e") + "/public"
        report = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
    }

    func page(_ path: String) -> String { TestSupport.read(output + "/" + path) }

    @Test func writesEveryOutputOfTheContract() {
        for path in ["index.html", "timeline/index.html", "partners/index.html", "partners/norway/index.html",
                     "activities/2024-09-09-course/index.html", "action-plans/index.html", "action-plans/first/index.html",
                     "about/index.html", "hidden/index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt",
                     "data/activities.json", "data/activities.csv", "data/partners.json", "data/action-plans.json",
                     "files/report.txt", "assets/style.css"] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + path), "missing \(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/activities/2025-02-01-draft/index.html"))
    }

    @Test func timelineIsNewestFirstGroupedByYear() {
        let timeline = page("timeline/index.html")
        let order = ["2024-12-28-across-years", "2024-09-30-across-months", "2024-09-09-course", "2024-06-21-second",
                     "2024-06-21-first", "2023-01-month-only", "2015-year-only"]
        let positions = order.map { timeline.range(of: "/wps/activities/\($0)/")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(timeline.contains("id=\"y2024\""))
        #expect(timeline.contains("id=\"y2015\""))
        #expect(!timeline.contains("A draft activity"))
    }

    @Test func datesShowAtTheirPrecision() {
        let timeline = page("timeline/index.html")
        #expect(timeline.contains(">9–20 September 2024<"))
        #expect(timeline.contains(">30 September – 2 October 2024<"))
        #expect(timeline.contains(">28 December 2024 – 3 January 2025<"))
        #expect(timeline.contains(">January 2023<"))
        #expect(timeline.contains("<time datetime=\"2015\">2015</time>"))
    }

    @Test func everyInternalLinkCarriesTheBasePath() throws {
        let home = page("index.html")
        #expect(home.contains("href=\"/wps/timeline/\""))
        #expect(home.contains("href=\"/wps/assets/style.css\""))
        let pageHTML = page("activities/2024-09-09-course/index.html")
        #expect(pageHTML.contains("href=\"/wps/partners/norway/\""))
        #expect(pageHTML.contains("<link rel=\"canonical\" href=\"https://example.org/wps/activities/2024-09-09-course/\">"))
        let hrefs = pageHTML.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        for href in hrefs where href.hasPrefix("/") {
            #expect(href.hasPrefix("/wps/"), "\(href) lacks the base path")
        }
    }

    @Test func textIsEscapedEverywhere() throws {
        let activity = page("activities/2024-06-21-first/index.html")
        #expect(activity.contains("Quotes &quot;here&quot; &amp; &lt;b&gt;tags&lt;/b&gt;"))
        #expect(!activity.contains("<b>tags</b>"))
        #expect(page("index.html").contains("Fixture &amp; &lt;Portal&gt;"))
        let feed = page("feed.xml")
        #expect(feed.contains("<title>Quotes &quot;here&quot; &amp; &lt;b&gt;tags&lt;/b&gt;"))
        let csv = page("data/activities.csv")
        #expect(csv.contains("\"Quotes \"\"here\"\" & <b>tags</b> & 'apostrophes'\""))
        #expect(csv.contains(",'=cmd|' /C calc'!A0,"))
        let partners = try JSONSerialization.jsonObject(with: Data(page("data/partners.json").utf8)) as? [[String: Any]]
        #expect(partners?.first?["name"] as? String == "ASEAN <Association> & \"Friends\"")
    }

    @Test func absentOptionalFieldsAreLeftOut() {
        let html = page("activities/2024-12-28-across-years/index.html")
        #expect(!html.contains(">nil<"))
        #expect(!html.contains("\"nil\""))
        #expect(!html.contains("Organizer"))
    }

    @Test func rawHTMLAndScriptURLsNeverReachThePage() {
        let html = page("activities/2024-09-09-course/index.html")
        #expect(!html.contains("alert("))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("data:image"))
    }

    @Test func openDataMatchesTheContract() throws {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(page("data/activities.json").utf8)) as? [[String: Any]])
        #expect(rows.count == 7)
        let first = rows[0]
        #expect(Set(first.keys) == ["id", "title", "date", "end_date", "type", "organizer", "partners", "location", "source", "url",
                                    "role", "sources", "updated"])
        #expect(first["id"] as? String == "2024-12-28-across-years")
        #expect(first["end_date"] as? String == "2025-01-03")
        #expect(first["organizer"] is NSNull)
        #expect(first["url"] as? String == "https://example.org/wps/activities/2024-12-28-across-years/")
        let yearOnly = try #require(rows.last)
        #expect(yearOnly["date"] as? String == "2015")
        let japanese = try #require(rows.first { $0["id"] as? String == "2024-06-21-second" })
        #expect(japanese["title"] as? String == "女性・平和・安全保障タスクフォース第2回会合")
        #expect(japanese["partners"] as? [String] == ["norway", "asean"])

        let partners = try #require(try JSONSerialization.jsonObject(with: Data(page("data/partners.json").utf8)) as? [[String: Any]])
        #expect(partners.map { $0["id"] as? String } == ["asean", "norway", "philippines"])
        let norway = try #require(partners.first { $0["id"] as? String == "norway" })
        #expect(norway["iso"] as? String == "NO")
        #expect(norway["activity_count"] as? Int == 2)

        let plans = try #require(try JSONSerialization.jsonObject(with: Data(page("data/action-plans.json").utf8)) as? [[String: Any]])
        #expect(plans.map { $0["edition"] as? Int } == [1, 2])
        #expect(plans[1]["period_end"] as? String == "2029-03")
        #expect(plans[0]["period_start"] is NSNull)

        // After the byte order mark: the contract's columns in their order, then the spreadsheet columns.
        let csvLines = page("data/activities.csv").split(separator: "\r\n")
        // (The byte order mark before it is checked below, on the file's bytes.)
        #expect(csvLines.first?.replacingOccurrences(of: "\u{FEFF}", with: "") == "id,title,date,end_date,type,organizer,partners,location,source,url,role,sources,updated,partner_names,regions")
        #expect(csvLines.count == 8)
        #expect(csvLines.contains { $0.contains(",norway;asean,") })
    }

    @Test func csvOpensCleanlyInSpreadsheetPrograms() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output + "/data/activities.csv")))
        // UTF-8 with a byte order mark, which Excel needs to read it as UTF-8.
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(!bytes.dropFirst(3).starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(10)) == ["id", "title", "date", "end_date", "type", "organizer", "partners", "location", "source", "url"])
        #expect(Array(header.suffix(2)) == ["partner_names", "regions"])
        // The partners' names beside their ids, in the same order, and their regions each once; quoted as RFC 4180 asks.
        let second = try #require(lines.first { $0.hasPrefix("2024-06-21-second,") })
        #expect(second.contains(",norway;asean,"))
        #expect(second.hasSuffix(",\"Norway;ASEAN <Association> & \"\"Friends\"\"\",Europe;Southeast Asia"))
        // Every row has every column, the empty ones too.
        let noPartners = try #require(lines.first { $0.hasPrefix("2024-12-28-across-years,") })
        #expect(noPartners.hasSuffix(",,"))
        #expect(noPartners.split(separator: ",", omittingEmptySubsequences: false).count == header.count)
    }

    @Test func everyPageNamesTheDataDateAndTheLicence() {
        for path in ["index.html", "timeline/index.html", "partners/index.html", "partners/norway/index.html",
                     "activities/2024-09-09-course/index.html", "action-plans/first/index.html", "about/index.html",
                     "sources/index.html", "search/index.html", "data/index.html", "404.html"] {
            let html = page(path)
            // The newest change of any record: the across-years activity ends on 3 January 2025.
            #expect(html.contains("<p class=\"footer-data-date\">Data as of <time datetime=\"2025-01-03\">3 January 2025</time></p>"), "\(path)")
            #expect(html.contains("<a href=\"https://creativecommons.org/licenses/by/4.0/?lang=en&amp;x=1\" rel=\"license external\">CC BY 4.0 &lt;international&gt; &amp; more</a>"), "\(path)")
            #expect(html.contains("<li><a href=\"/wps/data/\">About the open data</a></li>"), "\(path)")
            #expect(!html.contains("<international>"))
        }
    }

    @Test func theDataPageDocumentsEveryFileAndColumn() throws {
        let html = page("data/index.html")
        #expect(html.contains("<h1>Open data</h1>"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/wps/data/\">"))
        for file in ["activities.json", "activities.csv", "partners.json", "action-plans.json", "sources.json"] {
            #expect(html.contains("<a href=\"/wps/data/\(file)\"><code>\(file)</code></a>"), "\(file)")
        }
        // Every column of the CSV, and every key of every JSON file's rows, each with its meaning from the strings file.
        let header = page("data/activities.csv").replacingOccurrences(of: "\u{FEFF}", with: "").prefix { $0 != "\r\n" }.split(separator: ",")
        for column in header { #expect(html.contains("<th scope=\"row\"><code>\(column)</code>"), "\(column)") }
        for file in ["activities.json", "partners.json", "action-plans.json", "sources.json"] {
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(page("data/" + file).utf8)) as? [[String: Any]])
            for key in Set(rows.flatMap(\.keys)) { #expect(html.contains("<code>\(key)</code>"), "\(file): \(key)") }
        }
        #expect(html.contains("<td>The activity&#39;s title</td>"))
        #expect(html.contains("<td>One of: host, co-host, participant</td>"))
        #expect(html.contains("<td>List of ids in partners.json</td>"))
        // Examples come from the data, escaped.
        #expect(html.contains("<code>ASEAN &lt;Association&gt; &amp; &quot;Friends&quot;</code>"))
        #expect(html.contains("<code>Southeast Asia</code>"))
        #expect(html.contains("<code>NO</code>"))
        // A site in one language has no translations to document.
        #expect(!html.contains("id=\"data-translations\""))
        #expect(html.contains("CC BY 4.0 &lt;international&gt; &amp; more"))
        #expect(page("sitemap.xml").contains("<loc>https://example.org/wps/data/</loc>"))
    }

    @Test func theDataDictionaryFollowsTheDeclaredFields() throws {
        var log = DiagnosticLog()
        let loaded = try SiteLoader(TestSupport.options(content: TestSupport.fixtureContent, output: output)).load(log: &log)
        let content = try #require(loaded.first).content
        let strings = try #require(loaded.first).templates.strings
        let columns = DataDictionary(export: DataExport(content: content), strings: strings).activityColumns()
        let exported = Activity.declaredFields.filter(\.isExported).map(\.name)
        #expect(columns.map(\.name) == ["id"] + DataExport.columns.map(\.name) + ["partner_names", "regions"])
        #expect(Set(columns.map(\.name)).isSuperset(of: exported))
        #expect(columns.allSatisfy { !$0.meaning.hasPrefix("column_") && !$0.type.hasPrefix("column_") })
        #expect(DataDictionary.meaningKeys.contains("column_updated"))
        #expect(columns.filter(\.csvOnly).map(\.name) == ["partner_names", "regions"])
    }

    @Test func partnerPagesListTheirActivitiesNewestFirst() {
        let philippines = page("partners/philippines/index.html")
        let across = philippines.range(of: "2024-09-30-across-months")
        let course = philippines.range(of: "2024-09-09-course")
        #expect(across != nil && course != nil)
        if let across, let course { #expect(across.lowerBound < course.lowerBound) }
        let index = page("partners/index.html")
        #expect(index.contains("Countries"))
        #expect(index.contains("Organizations"))
    }

    @Test func feedAndSitemapAreWellFormedXML() throws {
        for file in ["feed.xml", "sitemap.xml"] {
            let document = try XMLDocument(data: Data(page(file).utf8))
            #expect(document.rootElement() != nil)
        }
        let sitemap = page("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/wps/partners/norway/</loc>"))
        #expect(!sitemap.contains("404"))
    }

    @Test func actionPlansAreInEditionOrder() {
        let plans = page("action-plans/index.html")
        let first = plans.range(of: "First plan"), second = plans.range(of: "Second plan")
        #expect(first != nil && second != nil)
        if let first, let second { #expect(first.lowerBound < second.lowerBound) }
        #expect(plans.contains("April 2023 – March 2029"))
    }

    @Test func navigationHoldsOrderedPagesOnly() {
        let home = page("index.html")
        #expect(home.contains("<a href=\"/wps/about/\""))
        let navigation = home.components(separatedBy: "<nav class=\"site-nav\"").last?.components(separatedBy: "</nav>").first ?? ""
        #expect(!navigation.contains("Not in navigation"))
    }

    @Test func draftsAreBuiltWithTheFlag() throws {
        let output = TestSupport.temporaryFolder() + "/public"
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output, drafts: true))
        #expect(FileManager.default.fileExists(atPath: output + "/activities/2025-02-01-draft/index.html"))
    }

    @Test func baseURLOptionOverridesSiteSettings() throws {
        let output = TestSupport.temporaryFolder() + "/public"
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output, baseURL: "https://other.example/deep/path"))
        let home = TestSupport.read(output + "/index.html")
        #expect(home.contains("href=\"/deep/path/timeline/\""))
        #expect(TestSupport.read(output + "/sitemap.xml").contains("https://other.example/deep/path/timeline/"))
    }

    @Test func rebuildIsByteIdentical() throws {
        let before = TestSupport.snapshot(output)
        _ = try Site.build(TestSupport.options(content: TestSupport.fixtureContent, output: output))
        #expect(TestSupport.snapshot(output) == before)
    }
}
