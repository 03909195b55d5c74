import Testing
@testable import SitegenCore

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer(basePath: "/wps/")

    @Test func rendersGitHubFlavoredMarkdown() {
        let html = renderer.render("| a | b |\n| - | - |\n| 1 | 2 |\n\n~~gone~~ www.example.org\n\n- [x] done\n\nNote[^1].\n\n[^1]: Footnote.\n").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.org\">"))
        #expect(html.contains("<input type=\"checkbox\" aria-hidden=\"true\""))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func plainTextIsTheBodyAsReadWithoutMarkupOrRawHTML() {
        let body = renderer.render("""
            ## Aims &amp; scope

            The **Ministry** met [UN Women](https://example.org) on *HA/DR*.
            Second line & <span class="x">more</span>.

            <div onclick="x()">
            hidden
            </div>

            - one
            - two `code`

            | a | b |
            | - | - |
            | x<y | z |

            ![a chart](/files/chart.png)
            """)
        #expect(body.plainText == "Aims & scope The Ministry met UN Women on HA/DR. Second line & more. one two code a b x<y z")
        // A line break inside Japanese text joins without a space, as the page reads.
        #expect(renderer.render("防衛省の\n取組。\n\nNATO\nと協力").plainText == "防衛省の取組。 NATO と協力")
        #expect(renderer.render("").plainText == "")
    }

    @Test func plainTextIsCutAtItsLimitAfterAWholeWord() {
        let long = String(repeating: "word ", count: 3_000)
        let text = renderer.render(long).plainText
        #expect(text.count <= RenderedMarkdown.plainTextLimit && text.count > RenderedMarkdown.plainTextLimit - 10)
        #expect(text.hasSuffix("word"))
        let japanese = renderer.render(String(repeating: "女性", count: 5_000)).plainText
        #expect(japanese.count == RenderedMarkdown.plainTextLimit)
        #expect(PlainText.prefix("alpha beta gamma", limit: 12) == "alpha beta")
        #expect(PlainText.prefix("short", limit: 12) == "short")
    }

    @Test func dropsRawHTML() {
        let html = renderer.render("<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b>\n\n<iframe src=x></iframe>\n").html
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("<iframe"))
        #expect(html.contains("Text"))
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd"])
    func removesDangerousLinks(_ url: String) {
        let html = renderer.render("[click](\(url)) ![img](\(url))").html
        #expect(!html.lowercased().contains("href=\"java"))
        #expect(!html.contains("data:"))
        #expect(!html.contains("vbscript"))
        #expect(!html.contains("file:"))
        #expect(html.contains("click"))
    }

    @Test func keepsSafeLinks() {
        let html = renderer.render("[a](https://example.org) [b](mailto:x@example.org) [c](#part) [d](../relative/)").html
        #expect(html.contains("href=\"https://example.org\""))
        #expect(html.contains("href=\"mailto:x@example.org\""))
        #expect(html.contains("href=\"#part\""))
        #expect(html.contains("href=\"../relative/\""))
    }

    @Test func prefixesRootLinksWithBasePathAndRecordsThem() {
        let rendered = renderer.render("Intro\n\nSee [Fiji](/partners/fiji/#history).\n", firstLine: 5)
        #expect(rendered.html.contains("href=\"/wps/partners/fiji/#history\""))
        #expect(rendered.internalLinks == [InternalLink(path: "/partners/fiji/", fragment: "history", line: 7, column: 5)])
    }

    @Test func givesHeadingsUniqueIDs() {
        let rendered = renderer.render("## Background & context\n\n## Background & context\n\n### 女性と平和\n")
        #expect(rendered.headingIDs == ["background-context", "background-context-1", "女性と平和"])
        #expect(rendered.html.contains("<h2 id=\"background-context\">Background &amp; context</h2>"))
    }

    @Test func firstParagraphIsPlainText() {
        let rendered = renderer.render("# Title\n\nA *first* paragraph\nwith [a link](https://x.org) and `code`.\n\nSecond.\n")
        #expect(rendered.firstParagraph == "A first paragraph with a link and code.")
    }

    @Test func emptyBodyRendersNothing() {
        #expect(renderer.render("").html.isEmpty)
        #expect(renderer.render("").firstParagraph == nil)
    }

    @Test func onlyWebMailAndPhoneSchemesAreSafe() {
        for url in ["https://example.org", "HTTP://EXAMPLE.org", " https://x", "mailto:a@b.org", "tel:+81", "/partners/fiji/",
                    "relative/path:x", "?q=a:b", "#part:two", "page.html"] {
            #expect(LinkSafety.isSafe(url), "\(url)")
        }
        for url in ["javascript:alert(1)", "JavaScript:x", "java\tscript:x", " \u{1}javascript:x", "data:text/html,x",
                    "vbscript:x", "file:///etc/passwd", "ｊavascript:x"] {
            #expect(!LinkSafety.isSafe(url), "\(url)")
        }
    }

    /// cmark-gfm keeps its extensions' inline characters in one process-wide table; parses on
    /// several threads once dropped strikethrough and autolinks from random bodies of a build.
    @Test func parallelRenderingMatchesSerialRendering() {
        let bodies = (0..<400).map { "Item \($0): ~~old~~ new, see www.example.org/\($0) and https://example.org.\n\n| a | ~~b~~ |\n| - | - |\n| 1 | 2 |\n" }
        let serial = bodies.map { renderer.render($0).html }
        let parallel = ParallelMap.map(bodies) { [renderer] in renderer.render($0).html }
        let differing = zip(parallel, serial).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) of \(bodies.count) bodies rendered differently in parallel")
        let complete = serial.filter { $0.contains("<del>old</del>") && $0.contains("<th><del>b</del></th>") && $0.contains("href=\"http://www.example.org/") }
        #expect(complete.count == bodies.count)
    }

    /// cmark allocates from a per-thread arena that grows in chunks and is reset after each body:
    /// a body far larger than a chunk renders whole, and the bodies after it are unaffected.
    /// (Within `MarkdownLimits`: 512 KiB, whose tables and nodes still take many chunks.)
    @Test func bodiesLargerThanTheArenaRenderWholeAndLeaveItClean() {
        let small = "Para with ~~strike~~ and www.example.org.\n\n# Heading\n"
        let before = renderer.render(small).html
        let rows = 15_000
        let table = "| row | value |\n| - | -: |\n" + (0..<rows).map { "| r\($0) | ~~v\($0)~~ |\n" }.joined()
        let tableHTML = renderer.render(table).html
        #expect(tableHTML.components(separatedBy: "<tr>").count - 1 == rows + 1)
        #expect(tableHTML.contains("<td>r\(rows - 1)</td>\n<td style=\"text-align: right\"><del>v\(rows - 1)</del></td>"))
        let words = (0..<60_000).map { "w\($0)" }.joined(separator: " ")
        #expect(renderer.render(words).html == "<p>\(words)</p>\n")
        #expect(renderer.render(small).html == before)
    }
}
