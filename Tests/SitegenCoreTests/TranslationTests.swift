import Foundation
import Testing
@testable import SitegenCore

/// A portal in several languages from one content folder (contract v2, "Translations").
@Suite struct TranslationTests {
    let content = TestSupport.copyOfFixture()
    var output: String { (content as NSString).deletingLastPathComponent + "/public" }
    var options: BuildOptions { TestSupport.options(content: content, output: output) }

    init() {
        TestSupport.edit(content + "/site.yml") { $0 + "languages: [en, ja]\n" }
        TestSupport.write("---\ntitle: 9月の研修\nlocation: 米国ホノルル\n---\n[ノルウェー](/partners/norway/)との研修。\n",
                          to: content + "/activities/2024-09-09-course.ja.md")
        TestSupport.write("---\nname: ノルウェー\n---\n北欧の国。\n", to: content + "/partners/norway.ja.md")
    }

    @Test func everyPageIsPublishedInBothLanguagesAndNamesTheOther() throws {
        _ = try Site.build(options)
        let japanese = TestSupport.read(output + "/ja/activities/2024-09-09-course/index.html")
        #expect(japanese.contains("<html lang=\"ja\""))
        #expect(japanese.contains("<h1>9月の研修</h1>"))
        #expect(japanese.contains("href=\"/wps/ja/partners/norway/\""), "a body link goes to the page in the same language")
        #expect(japanese.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/wps/activities/2024-09-09-course/\">"))
        #expect(japanese.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/wps/activities/2024-09-09-course/\">"))
        #expect(japanese.contains("<a href=\"/wps/activities/2024-09-09-course/\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(japanese.contains("href=\"/wps/assets/style.css\""), "assets stay at the site's root")
        let english = TestSupport.read(output + "/activities/2024-09-09-course/index.html")
        #expect(english.contains("<a href=\"/wps/ja/activities/2024-09-09-course/\" hreflang=\"ja\" lang=\"ja\">日本語</a>"))
        for path in ["ja/index.html", "ja/timeline/index.html", "ja/partners/norway/index.html", "ja/404.html", "ja/feed.xml", "ja/data/search-index.json", "ja/sources/index.html"] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + path), "\(path) is missing")
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/ja/data/activities.json"), "open data is the site's, once")
        let sitemap = TestSupport.read(output + "/sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/wps/ja/timeline/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/wps/timeline/\"/>"))
    }

    @Test func theSiteTitleIsTranslatedBySiteLangYml() throws {
        TestSupport.write("title: 日本の取組\ndescription: 説明\n", to: content + "/site.ja.yml")
        _ = try Site.build(options)
        #expect(TestSupport.read(output + "/ja/index.html").contains("<title>日本の取組</title>"))
        #expect(TestSupport.read(output + "/index.html").contains("<title>Fixture &amp; &lt;Portal&gt;</title>"))
        TestSupport.write("title: 日本の取組\nbase_url: https://example.org/ja/\n", to: content + "/site.ja.yml")
        #expect(Site.check(options).contains { $0.path.hasSuffix("site.ja.yml") && $0.line == 2 && $0.message.contains("translates only `title` and `description`") })
    }

    @Test func anUntranslatedRecordIsShownInItsOwnLanguage() throws {
        _ = try Site.build(options)
        let page = TestSupport.read(output + "/ja/activities/2015-year-only/index.html")
        #expect(page.contains("<html lang=\"ja\""))
        #expect(page.contains("<h1 lang=\"en\">"))
        #expect(page.contains("<div class=\"prose\" lang=\"en\">"))
        let translated = TestSupport.read(output + "/ja/activities/2024-09-09-course/index.html")
        #expect(!translated.contains("<h1 lang="))
        // Untranslated text, the body here, keeps its language even on a translated record.
        #expect(translated.contains("<div class=\"prose\">"))
    }

    @Test func theDataFilesCarryTheTranslatedTextBesideTheOriginal() throws {
        _ = try Site.build(options)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read(output + "/data/activities.json").utf8)) as? [[String: Any]])
        let course = try #require(rows.first { $0["id"] as? String == "2024-09-09-course" })
        let translations = try #require(course["translations"] as? [String: [String: String]])
        #expect(translations["ja"]?["title"] == "9月の研修")
        #expect(translations["ja"]?["location"] == "米国ホノルル")
        let header = TestSupport.read(output + "/data/activities.csv").split(separator: "\r\n").first ?? ""
        #expect(header.hasSuffix(",title_ja,organizer_ja,location_ja,partner_names,regions"))
        let partners = try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read(output + "/data/partners.json").utf8)) as? [[String: Any]])
        #expect((partners.first { $0["id"] as? String == "norway" }?["translations"] as? [String: [String: String]])?["ja"]?["name"] == "ノルウェー")
        // Search finds a partner by its name in either language.
        #expect(TestSupport.read(output + "/ja/data/search-index.json").contains("ノルウェー / Norway"))
        #expect(TestSupport.read(output + "/data/search-index.json").contains("Norway / ノルウェー"))
    }

    @Test func theDataPageAndFooterAreInEachLanguage() throws {
        _ = try Site.build(options)
        let english = TestSupport.read(output + "/data/index.html")
        let japanese = TestSupport.read(output + "/ja/data/index.html")
        #expect(japanese.contains("<html lang=\"ja\">") && japanese.contains("<h1>オープンデータ</h1>"))
        #expect(japanese.contains("<p class=\"footer-data-date\">データ更新日：<time datetime=\"2025-01-03\">2025年1月3日</time></p>"))
        #expect(TestSupport.read(output + "/ja/timeline/index.html").contains("データ更新日：<time datetime=\"2025-01-03\">"))
        #expect(japanese.contains("<li><a href=\"/wps/ja/data/\">オープンデータについて</a></li>"))
        // Both document the same files: the first language's rows with the translations beside them.
        for page in [english, japanese] {
            for column in ["title_ja", "organizer_ja", "location_ja", "partner_names", "regions"] {
                #expect(page.contains("<code>\(column)</code>"), "\(column)")
            }
            #expect(page.contains("id=\"data-translations\""))
            #expect(page.contains("&quot;translations&quot;: {&quot;ja&quot;: {&quot;title&quot;: "))
        }
        #expect(english.contains("The title in Japanese; empty where it is not translated"))
        #expect(japanese.contains("日本語の title（翻訳がない場合は空欄）"))
    }

    @Test func eachSearchIndexHoldsTheBodiesItsPagesShowAndMarksUntranslatedRows() throws {
        _ = try Site.build(options)
        func rows(_ path: String) throws -> [[String]] {
            try #require(try JSONSerialization.jsonObject(with: Data(TestSupport.read(output + path).utf8)) as? [[String]])
        }
        let japanese = try rows("/ja/data/search-index.json")
        // [url, title, type, date, partners, place, summary, body]: the translation's body, as plain text.
        let course = try #require(japanese.first { $0[0] == "/wps/ja/activities/2024-09-09-course/" })
        #expect(course[1] == "9月の研修")
        #expect(course[6] == "ノルウェーとの研修。")
        #expect(course.count == 8, "a translated record has no language fields")
        let norway = try #require(japanese.first { $0[0] == "/wps/ja/partners/norway/" })
        #expect(norway[6] == "北欧の国。" && norway[7] == "", "a body that is its summary is not repeated")
        #expect(norway[5] == "欧州", "the region as the edition's strings name it")
        // A record without a translation shows its original text; the row says in which language.
        let untranslated = try #require(japanese.first { $0[0] == "/wps/ja/activities/2015-year-only/" })
        #expect(untranslated.count == 10 && untranslated[8] == "en")
        let english = try rows("/data/search-index.json")
        #expect(english.allSatisfy { $0.count == 8 })
        #expect(english.contains { $0[0].hasPrefix("/wps/activities/") && !$0[7].isEmpty && !$0[7].contains("<") },
                "activity bodies are in the index as text")
    }

    @Test func aTranslationThatContradictsItsOriginalOrHasNoneIsAnError() {
        TestSupport.write("---\ntitle: 研修\ndate: 2024-09-10\npartners: [philippines]\n---\n", to: content + "/activities/2024-09-09-course.ja.md")
        TestSupport.write("---\ntitle: 孤立\n---\n", to: content + "/pages/nothing.ja.md")
        TestSupport.write("---\ntitle: X\n---\n", to: content + "/pages/about.fr.md")
        let messages = Site.check(options).map(\.description)
        #expect(messages.contains { $0.hasSuffix("2024-09-09-course.ja.md:3:7: error: a translation holds only text fields (`title`, `organizer`, `location`, `summary` and the body); `date` comes from the original, which gives `2024-09-09`") })
        #expect(!messages.contains { $0.contains("course.ja.md:4") }, "a fact given as in the original is not an error")
        #expect(messages.contains { $0.hasSuffix("pages/nothing.ja.md: error: translation without an original: there is no `nothing.md` in pages/") })
        #expect(messages.contains { $0.contains("pages/about.fr.md: error: `fr` is not a further language of the site") })
    }

    @Test func aTranslationsLinksAreReportedInTheTranslation() {
        TestSupport.write("---\nname: ノルウェー\n---\n北欧の国。\n\n[なし](/activities/no-such-activity/)と[見出し](/partners/norway/#no-such-heading)。\n",
                          to: content + "/partners/norway.ja.md")
        let messages = Site.check(options).map(\.description)
        #expect(messages.contains { $0.hasSuffix("partners/norway.ja.md:6:1: error: link to `/activities/no-such-activity/`, a page that does not exist") })
        #expect(messages.contains { $0.contains("partners/norway.ja.md:6:43: warning: link to `/partners/norway/#no-such-heading`") })
        #expect(!messages.contains { $0.contains("partners/norway.md:") }, "\(messages)")
        #expect(Set(messages).count == messages.count, "each problem once: \(messages)")
    }

    @Test func coverageAndANewTranslation() throws {
        let coverage = TranslationCoverage.of(options)
        #expect(coverage.map(\.line) == ["ja: activities 1/8, partners 1/3, action-plans 0/2, pages 0/2"])
        let path = try TranslationScaffold(contentFolder: content, workingDirectory: "/").create(language: "ja", of: content + "/pages/about.md", workingDirectory: "/")
        #expect(path.hasSuffix("pages/about.ja.md"))
        let text = TestSupport.read(content + "/pages/about.ja.md")
        #expect(text.contains("title: \"About\"") || text.contains("title: "))
        #expect(!text.contains("order:"))
        #expect(throws: BuildError.self) { try TranslationScaffold(contentFolder: content, workingDirectory: "/").create(language: "ja", of: content + "/pages/about.md", workingDirectory: "/") }
        #expect(Site.check(options).filter { $0.severity == .error }.isEmpty, "a new translation builds as it is")
        #expect(TranslationCoverage.of(options).first?.line == "ja: activities 1/8, partners 1/3, action-plans 0/2, pages 1/2")
    }
}
