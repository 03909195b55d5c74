import Foundation
import Testing
@testable import SitegenCore

@Suite struct GraphicsTests {
    /// Templates/map/world-countries.json, found from this file: Tests/SitegenCoreTests/GraphicsTests.swift.
    static let mapPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Templates/map/world-countries.json").path

    static func mapData() throws -> WorldMapData { try WorldMapData.load(from: mapPath) }

    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    // MARK: Escaping and numbers

    @Test func escapesMarkupCharacters() {
        #expect(SVGText.escape("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(SVGText.escape("plain text") == "plain text")
        #expect(SVGText.escape("a\u{01}b") == "ab")
    }

    @Test func writesNumbersCompactly() {
        #expect(SVGText.number(12) == "12")
        #expect(SVGText.number(12.04) == "12")
        #expect(SVGText.number(3.25) == "3.3")
        #expect(SVGText.number(-0.04) == "0")
        #expect(SVGText.number(-1.5) == "-1.5")
        #expect(!SVGText.number(1e20).contains("e"))
        #expect(SVGText.number(.nan) == "0")
        #expect(SVGText.number(0.5) == "0.5")
        #expect(SVGText.number(-0.5) == "-0.5")
        #expect(SVGText.number(1000.06) == "1000.1")
        #expect(SVGText.number(-20) == "-20")
    }

    @Test func makesSafeIdentifiers() {
        #expect(SVGText.identifier("years-chart") == "years-chart")
        #expect(SVGText.identifier("a b\"c") == "a-b-c")
        #expect(SVGText.identifier("") == "chart")
        #expect(SVGText.identifier("2024") == "g2024")
    }

    // MARK: Bar charts

    static let noun = CountNoun(one: "activity", other: "activities")

    @Test func barChartRowsHaveEveryLabelAndValueAsText() {
        let bars = [
            ChartBar(label: "Training", value: 12, url: "/timeline/?type=training"),
            ChartBar(label: "Seminar", value: 7, url: "/timeline/?type=seminar"),
            ChartBar(label: "Joint statement", value: 1, url: nil),
        ]
        let html = BarChart.html(id: "types", caption: "Activities by type", bars: bars, orientation: .horizontal, noun: Self.noun)
        #expect(html.hasPrefix("<figure class=\"chart bar-chart\" id=\"types\" aria-labelledby=\"types-caption\">"))
        #expect(html.hasSuffix("</figure>"))
        #expect(html.contains("<figcaption id=\"types-caption\">Activities by type</figcaption>"))
        #expect(html.contains("<ol class=\"chart-rows\">"))
        #expect(html.contains("<a class=\"chart-link\" href=\"/timeline/?type=training\"><span class=\"chart-label\">Training</span> <span class=\"chart-value\">12<span class=\"visually-hidden\"> activities</span></span>"))
        #expect(html.contains("<span class=\"chart-label\">Joint statement</span> <span class=\"chart-value\">1<span class=\"visually-hidden\"> activity</span></span>"))
        #expect(Self.count("<rect class=\"chart-bar\"", in: html) == 3)
        #expect(Self.count("<a ", in: html) == 2)
        // The largest bar is the whole track; no text inside any svg, no inline style, no aria-label
        // (a link's name is its visible text).
        #expect(html.contains("width=\"100\" height=\"10\""))
        #expect(!html.contains("<text"))
        #expect(!html.contains("style="))
        #expect(!html.contains("aria-label="))
    }

    @Test func barChartEscapesLabels() {
        let bars = [
            ChartBar(label: "<script>alert(1)</script>", value: 3, url: "/a?x=1&y=\"2\""),
            ChartBar(label: "Peace & Security", value: 2, url: nil),
        ]
        for orientation in [BarChart.Orientation.horizontal, .vertical] {
            let html = BarChart.html(id: "x", caption: "Types <b>&</b>", bars: bars, orientation: orientation,
                                     noun: CountNoun(one: "<one>", other: "N & M"))
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<b>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("Peace &amp; Security"))
            #expect(!html.contains("Peace & Security"))
            #expect(html.contains("href=\"/a?x=1&amp;y=&quot;2&quot;\""))
            #expect(html.contains("Types &lt;b&gt;&amp;&lt;/b&gt;"))
            #expect(html.contains("N &amp; M"))
        }
    }

    @Test func yearChartMarksEarlyYearsAsMilestones() {
        let years = [
            YearCount(year: 2024, count: 30, url: "/timeline/?year=2024", title: "Latest"),
            YearCount(year: 2000, count: 1, url: "/timeline/?year=2000", title: "Adoption of UNSCR 1325 <&>"),
            YearCount(year: 2023, count: 20, url: "/timeline/?year=2023", title: "Some"),
            YearCount(year: 2018, count: 1, url: "/timeline/?year=2018", title: "The G7 initiative"),
        ]
        let split = YearChart.split(years)
        #expect(split.earlier.map(\.year) == [2000, 2018])
        #expect(split.recent.map(\.year) == [2023, 2024])
        let html = YearChart.html(id: "years", years: years, labels: .init(caption: "Activities per year", noun: Self.noun, earlier: "Earlier milestones"))
        #expect(html.contains("<p class=\"chart-note\" id=\"years-earlier\">Earlier milestones</p>"))
        #expect(html.contains("<span class=\"chart-label\">2000</span> <span class=\"milestone-title\">Adoption of UNSCR 1325 &lt;&amp;&gt;</span>"))
        #expect(html.contains("href=\"/timeline/?year=2018\""))
        #expect(html.contains("<ol class=\"chart-columns\">"))
        // Every column labelled with its year and its value; no empty years between 2000 and 2023.
        #expect(html.contains("<span class=\"chart-label\">2023</span> <span class=\"chart-value\">20<"))
        #expect(html.contains("<span class=\"chart-label\">2024</span> <span class=\"chart-value\">30<"))
        #expect(Self.count("<rect class=\"chart-bar\"", in: html) == 2)
        #expect(!html.contains(">2010<"))
        #expect(!html.contains("<text") && !html.contains("style="))
    }

    @Test func yearChartFillsShortGapsAndTurnsLongRunsIntoRows() {
        let gappy = [2020, 2022, 2023].map { YearCount(year: $0, count: 2, url: "/t/?year=\($0)", title: nil) }
        #expect(YearChart.split(gappy).recent.map(\.year) == [2020, 2021, 2022, 2023])
        #expect(YearChart.split(gappy).earlier.isEmpty)
        let html = YearChart.html(id: "y", years: gappy, labels: .init(caption: "c", noun: Self.noun, earlier: "e"))
        #expect(html.contains("<span class=\"chart-label\">2021</span> <span class=\"chart-value\">0<"))
        #expect(Self.count("<a ", in: html) == 3)
        #expect(!html.contains("chart-milestones"))

        let long = (1990...2024).map { YearCount(year: $0, count: $0 % 7 + 1, url: "/t/?year=\($0)", title: nil) }
        let rows = YearChart.html(id: "y", years: long, labels: .init(caption: "c", noun: Self.noun, earlier: "e"))
        #expect(rows.contains("<ol class=\"chart-rows\">"))
        #expect(Self.count("<span class=\"chart-label\">", in: rows) == 35)
        #expect(rows == YearChart.html(id: "y", years: long, labels: .init(caption: "c", noun: Self.noun, earlier: "e")))
    }

    @Test func emptyChartsAreFigures() {
        for orientation in [BarChart.Orientation.horizontal, .vertical] {
            let html = BarChart.html(id: "none", caption: "Nothing yet", bars: [], orientation: orientation, noun: Self.noun)
            #expect(html.hasPrefix("<figure"))
            #expect(html.hasSuffix("</figure>"))
            #expect(html.contains("<figcaption id=\"none-caption\">Nothing yet</figcaption>"))
            #expect(!html.contains("<svg"))
        }
        let zeros = BarChart.html(id: "z", caption: "c", bars: [ChartBar(label: "a", value: 0, url: nil)], orientation: .vertical, noun: Self.noun)
        #expect(zeros.contains("chart-empty"))
        #expect(!zeros.contains("nan") && !zeros.contains("inf"))
        let years = YearChart.html(id: "y", years: [], labels: .init(caption: "c", noun: Self.noun, earlier: "e"))
        #expect(years.hasSuffix("</figure>") && !years.contains("<ol"))
    }

    // MARK: Time chart

    static let planLabels = TimeChart.Labels(caption: "National Action Plans", adopted: "Adopted", period: "Period",
                                             untilNext: "Until the next edition", periodLegend: "Period covered")

    @Test func timeChartOfActionPlans() {
        let spans = [
            TimeSpan(label: "First plan", url: "/action-plans/first-nap/", start: 2015.5, end: nil, marker: nil, startText: "2015", endText: nil, markerText: nil),
            TimeSpan(label: "Second plan", url: "/action-plans/second-nap/", start: 2019.5, end: nil, marker: 2019.5, startText: "2019", endText: nil, markerText: "2019"),
            TimeSpan(label: "Third plan <& more>", url: "/action-plans/third-nap/", start: 2023.25, end: 2029.25, marker: 2023.25, startText: "FY2023", endText: "FY2028", markerText: "April 2023"),
        ]
        let html = TimeChart.html(id: "naps", spans: spans, labels: Self.planLabels)
        #expect(html.hasPrefix("<figure class=\"chart time-chart\" id=\"naps\" aria-labelledby=\"naps-caption\">"))
        #expect(html.contains("<figcaption id=\"naps-caption\">National Action Plans</figcaption>"))
        // Titles are whole HTML text, never cut; every edition has a bar, the two without a period a light one.
        #expect(html.contains("<a class=\"time-title\" href=\"/action-plans/first-nap/\">First plan</a> <span class=\"time-detail\">Adopted 2015 · Until the next edition</span>"))
        #expect(html.contains(">Third plan &lt;&amp; more&gt;</a> <span class=\"time-detail\">Adopted April 2023 · Period FY2023–FY2028</span>"))
        #expect(Self.count("<rect class=\"chart-bar", in: html) == 3)
        #expect(Self.count("<rect class=\"chart-bar chart-bar-light\"", in: html) == 2)
        #expect(Self.count("<line class=\"chart-marker\"", in: html) == 3)
        #expect(html.contains("<span>2015</span>") && html.contains("<span>2029</span>"))
        #expect(html.contains("class=\"tick-narrow tick-wide\"><span>2015</span>"))
        #expect(html.contains("Until the next edition</li>"))
        #expect(!html.contains("<& more>"))
        #expect(!html.contains("x=\"-"))
        #expect(!html.contains("<text") && !html.contains("aria-label="))
        let layout = TimeChart.layout(spans)
        #expect(layout[0].barStart == 2015.5 && layout[0].barEnd == 2019.5)
        #expect(layout[1].barEnd == 2023.25)
        let empty = TimeChart.html(id: "e", spans: [], labels: Self.planLabels)
        #expect(empty.hasSuffix("</figure>") && !empty.contains("<svg"))
    }

    // MARK: Map data

    @Test func loadsTheMapData() throws {
        let data = try Self.mapData()
        #expect(data.width == 1000)
        #expect(data.height > 400 && data.height < 500)
        #expect(data.countries.count > 200)
        let philippines = try #require(data.country(iso: "PH"))
        #expect(philippines.name == "Philippines")
        #expect(philippines.rings.count > 5)
        #expect(philippines.bounds.minX > 800 && philippines.bounds.maxX < 900)
        #expect(data.country(iso: "ph")?.name == "Philippines")
        #expect(data.country(iso: "NA")?.name == "Namibia")
        #expect(data.country(iso: "XX") == nil)
        for country in data.countries {
            #expect(!country.bounds.isEmpty)
            #expect(country.bounds.minX >= -1 && country.bounds.maxX <= data.width + 1)
        }
    }

    @Test func rejectsBadMapData() {
        let curve = #"{"width":10,"height":5,"countries":[{"iso":"AA","name":"A","subregion":"","continent":"","label":[1,1],"path":"M0 0C1 1 2 2 3 3Z"}]}"#
        #expect(throws: WorldMapData.DataError.self) { try WorldMapData.decode(Data(curve.utf8)) }
        let odd = #"{"width":10,"height":5,"countries":[{"iso":"AA","name":"A","subregion":"","continent":"","label":[1,1],"path":"M0 0L1Z"}]}"#
        #expect(throws: WorldMapData.DataError.self) { try WorldMapData.decode(Data(odd.utf8)) }
        #expect(throws: WorldMapData.DataError.self) { try WorldMapData.decode(Data("{}".utf8)) }
        #expect(throws: WorldMapData.DataError.self) { try WorldMapData.load(from: "/nonexistent/world.json") }
        let good = #"{"width":10,"height":5,"countries":[{"iso":null,"name":"A","subregion":"S","continent":"C","label":[1,1],"path":"M0 0L2 0L2 3Z M5 5L6 5L6 6Z"}]}"#
        let data = try? WorldMapData.decode(Data(good.utf8))
        #expect(data?.countries.first?.rings.count == 2)
        #expect(data?.countries.first?.bounds == GraphicsBounds(minX: 0, minY: 0, maxX: 6, maxY: 6))
        #expect(data?.countries.first?.rings.first?.area == 3)
    }

    // MARK: World map

    @Test func worldMapLinksPartners() throws {
        let data = try Self.mapData()
        let highlights = [
            MapHighlight(iso: "PH", name: "Philippines", count: 12, url: "/partners/philippines/"),
            MapHighlight(iso: "FJ", name: "Fiji", count: 1, url: "/partners/fiji/"),
            MapHighlight(iso: "TL", name: "Timor-Leste & <Co>", count: 3, url: "/partners/timor-leste/"),
            MapHighlight(iso: "XX", name: "Nowhere", count: 2, url: "/partners/nowhere/"),
        ]
        let html = WorldMap.svg(id: "partners-map", data: data, highlights: highlights, caption: "Partner countries") { "\($0) activities" }
        #expect(html.hasPrefix("<figure class=\"world-map\""))
        #expect(html.hasSuffix("</figure>"))
        #expect(!html.contains("role=\"group\"") && html.contains("aria-labelledby="))  // no role: links inside stay reachable, and the Nu checker accepts it
        #expect(!html.contains("role=\"img\""))
        #expect(html.contains("aria-labelledby=\"partners-map-title\""))
        #expect(html.contains("<a href=\"/partners/philippines/\" aria-label=\"Philippines: 12 activities\" data-label=\"Philippines: 12 activities\" data-x=\""))
        #expect(html.contains("\"><title>Philippines: 12 activities</title>"))
        #expect(html.contains("<title>Timor-Leste &amp; &lt;Co&gt;: 3 activities</title>"))
        #expect(!html.contains("<Co>"))
        #expect(!html.contains("Nowhere"))
        #expect(Self.count("<a href=", in: html) == 3)
        // Every country that is not a partner in one path, outlines simplified to whole units for display.
        #expect(Self.count("<path class=\"land\" d=\"M", in: html) == 1)
        #expect(html.contains("l") && !html.contains("d=\"\""))
        // Each partner carries its visible label's text and place (percent of the map) for site.js.
        #expect(html.contains("data-label=\"Philippines: 12 activities\""))
        #expect(html.contains("data-label=\"Timor-Leste &amp; &lt;Co&gt;: 3 activities\""))
        #expect(Self.count(" data-x=\"", in: html) == 3 && Self.count(" data-y=\"", in: html) == 3)
        #expect(html.contains("<p class=\"map-tooltip\" aria-hidden=\"true\" hidden></p>"))
        #expect(!html.contains("map-inset") && !html.contains("map-home-label"))
        #expect(Self.count("class=\"land partner level-", in: html) == 3)
        #expect(html.contains("class=\"land partner level-4\""))
        #expect(html.contains("<div class=\"legend\"><ul>"))
        #expect(html.contains("<figcaption>Partner countries <small class=\"map-credit\">Map data: Natural Earth</small></figcaption>"))
        #expect(html.contains("viewBox=\"0 0 1000 "))
        #expect(html == WorldMap.svg(id: "partners-map", data: data, highlights: highlights, caption: "Partner countries") { "\($0) activities" })
    }

    // MARK: The map centred on the Pacific

    @Test func equalEarthRoundTripsAndMatchesTheFile() {
        for (longitude, latitude) in [(0.0, 0.0), (139.7, 35.7), (-179.9, -16.5), (25, 22), (-70, -55), (100, 83)] {
            let p = EqualEarth.project(longitude: longitude, latitude: latitude)
            let back = EqualEarth.inverse(x: p.x, y: p.y)
            #expect(abs(back.longitude - longitude) < 1e-9 && abs(back.latitude - latitude) < 1e-9, "\(longitude), \(latitude)")
        }
        // Where the file's own lines say: the Egypt–Libya–Sudan corner (25°E, 22°N), Fiji on the 180th meridian.
        let corner = EqualEarth.geographic(canvasX: 568.3, canvasY: 163.4)
        #expect(abs(corner.longitude - 25) < 0.05 && abs(corner.latitude - 22) < 0.05)
        #expect(abs(abs(EqualEarth.geographic(canvasX: 1000, canvasY: 306.8).longitude) - 180) < 0.05)
        #expect(abs(EqualEarth.geographic(canvasX: 0, canvasY: 306.8).longitude + 180) < 0.05)
    }

    @Test func theRecentredMapKeepsAsiaAndThePacificWhole() throws {
        let data = try Self.mapData().recentred(on: WorldMap.centralMeridian)
        #expect(data.centre == 150)
        #expect(data.width > 900 && data.width < 1030 && data.height == 446.8)
        #expect(data.countries.count == (try Self.mapData()).countries.count)
        for country in data.countries {
            #expect(country.bounds.minX >= -0.5 && country.bounds.maxX <= data.width + 0.5, "\(country.name): \(country.bounds)")
        }
        // 150°E runs down the middle; Asia and the Pacific, Fiji and its neighbours included, are whole and far from the edge.
        let middle = data.canvasPoint(longitude: 150, latitude: 0)
        #expect(abs(middle.x - data.width / 2) < 15)
        for iso in ["JP", "PH", "ID", "MY", "KH", "LA", "TL", "PG", "AU", "NZ", "FJ", "TO", "WS", "KI", "MN", "RU"] {
            let country = try #require(data.country(iso: iso), "\(iso)")
            let bounds = country.bounds
            #expect(bounds.minX > data.width * 0.04 && bounds.maxX < data.width * 0.96, "\(iso): \(bounds)")
            #expect(bounds.width < data.width / 2, "\(iso) is split: \(bounds)")
        }
        // Fiji, which the file splits at the 180th meridian (x 0 and 1000), is one group of islands.
        let fiji = try #require(data.country(iso: "FJ")).bounds
        #expect(fiji.width < 30 && fiji.minX > data.width * 0.5 && fiji.maxX < data.width * 0.7)
        // The edge runs through the Atlantic at 30°W: Greenland is cut there, and lies on both sides.
        let greenland = try #require(data.country(iso: "GL"))
        #expect(greenland.rings.contains { $0.bounds.maxX < data.width * 0.25 } && greenland.rings.contains { $0.bounds.minX > data.width * 0.7 })
        // Labels moved with their countries.
        let japan = try #require(data.country(iso: "JP"))
        #expect(japan.bounds.contains(x: japan.label.x, y: japan.label.y))
        let tokyo = data.canvasPoint(longitude: 139.7, latitude: 35.7)
        #expect(japan.bounds.contains(x: tokyo.x, y: tokyo.y))
    }

    @Test func outlinesAreCutToABoxAndSimplified() {
        // A square across the box's right side: the part inside, its cut along the side.
        let square: [Double] = [0, 0, 10, 0, 10, 10, 0, 10]
        let box = GraphicsBounds(minX: -5, minY: -5, maxX: 5, maxY: 20)
        let cut = WorldMap.clipped(square, to: box)
        #expect(cut.count >= 8)
        #expect(stride(from: 0, to: cut.count, by: 2).allSatisfy { cut[$0] <= 5 && cut[$0] >= 0 })
        #expect(WorldMap.clipped(square, to: GraphicsBounds(minX: 20, minY: 20, maxX: 30, maxY: 30)).isEmpty)
        // Points on a straight line go; the corners stay.
        let line: [Double] = [0, 0, 1, 0, 2, 0.1, 3, 0, 4, 0, 4, 4, 0, 4]
        let simple = WorldMap.simplified(line, within: 0.5)
        #expect(simple == [0, 0, 4, 0, 4, 4, 0, 4])
    }

    @Test func thePartnersMapMarksJapanAndEnlargesTheAsiaPacific() throws {
        let data = try Self.mapData().recentred(on: WorldMap.centralMeridian)
        let highlights = [
            MapHighlight(iso: "PH", name: "Philippines", count: 12, url: "/partners/philippines/"),
            MapHighlight(iso: "FJ", name: "Fiji", count: 1, url: "/partners/fiji/"),
            MapHighlight(iso: "GB", name: "United Kingdom", count: 2, url: "/partners/united-kingdom/"),
            MapHighlight(iso: "JP", name: "Japan", count: 9, url: "/partners/japan/"),
        ]
        let html = WorldMap.svg(id: "partners-map", data: data, highlights: highlights, caption: "Partner countries",
                                home: MapHome(iso: "JP", name: "Japan & <home>"),
                                legend: MapLegend(title: "Activities with Japan, per partner country", range: "{range} activities", home: "Japan (not a partner)"),
                                inset: .asiaPacific(title: "Southeast Asia and the Pacific, enlarged")) { $0 == 1 ? "1 activity" : "\($0) activities" }
        // Japan: its own style and a label, never a partner link, on the map and on the inset.
        #expect(Self.count("<path class=\"land home\" d=\"M", in: html) == 2)
        #expect(Self.count("<text class=\"map-home-label\"", in: html) == 2)
        #expect(html.contains(">Japan &amp; &lt;home&gt;</text>"))
        #expect(!html.contains("/partners/japan/") && !html.contains("Japan: 9"))
        // The legend: a title, and each step with its unit, and Japan.
        #expect(html.contains("<p class=\"legend-title\" id=\"partners-map-legend\">Activities with Japan, per partner country</p><ul aria-labelledby=\"partners-map-legend\">"))
        #expect(html.contains("</svg> 1 activity</li>"))
        #expect(html.contains(" activities</li>"))
        #expect(html.contains("<rect class=\"land home\" width=\"10\" height=\"10\"/></svg> Japan (not a partner)</li>"))
        // The inset: a second map of Southeast Asia and the Pacific, its own title, with the partners there as links.
        let inset = try #require(html.range(of: "<div class=\"map-inset\">"))
        let insetHTML = String(html[inset.lowerBound...])
        #expect(insetHTML.contains("<p class=\"map-inset-title\" id=\"partners-map-inset-heading\">Southeast Asia and the Pacific, enlarged</p>"))
        #expect(insetHTML.contains("aria-labelledby=\"partners-map-inset-title\""))
        #expect(insetHTML.contains("href=\"/partners/philippines/\"") && insetHTML.contains("href=\"/partners/fiji/\""))
        #expect(!insetHTML.contains("/partners/united-kingdom/"))
        let window = try #require(Self.viewBox(of: insetHTML))
        let fiji = try #require(data.country(iso: "FJ")).bounds
        let philippines = try #require(data.country(iso: "PH")).bounds
        for bounds in [fiji, philippines] {
            #expect(window.x < bounds.minX && window.x + window.w > bounds.maxX && window.y < bounds.minY && window.y + window.h > bounds.maxY)
        }
        // Enlarged: about a quarter of the world's width, so at the same width it shows them four times larger.
        #expect(window.w < data.width * 0.35 && window.w > data.width * 0.2)
        // Fiji, small even there, has a dot a finger can tap.
        #expect(insetHTML.contains("<a href=\"/partners/fiji/\"") && insetHTML.range(of: "class=\"partner level-1 marker\"") != nil)
        // Every partner link knows where its label goes, within the map.
        for match in html.split(separator: "data-x=\"").dropFirst() {
            let value = try #require(Double(match.prefix { $0 != "\"" }))
            #expect(value >= 0 && value <= 100)
        }
        // Small enough for the partners page to stay under 100 KB.
        #expect(html.utf8.count < 80_000)
    }

    @Test func levelSteps() {
        let small = LevelSteps(counts: [1, 2, 3])
        #expect(small.level(of: 1) == 1 && small.level(of: 3) == 3)
        #expect(small.ranges.map(\.text) == ["1", "2", "3"])
        let large = LevelSteps(counts: [1, 4, 12])
        #expect(large.lows == [1, 2, 3, 5])
        #expect(large.ranges.map(\.text) == ["1", "2", "3–4", "5+"])
        #expect(large.level(of: 12) == 4 && large.level(of: 4) == 3 && large.level(of: 0) == 1)
        let withZero = LevelSteps(counts: [0, 2])
        #expect(withZero.ranges.first?.text == "0–1")
    }

    // MARK: Locator maps

    @Test func locatorAroundThePhilippines() throws {
        let data = try Self.mapData()
        let svg = try #require(WorldMap.locator(id: "locator-ph", data: data, iso: "PH", altText: "The Philippines in Southeast Asia"))
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"The Philippines in Southeast Asia\""))
        #expect(svg.contains("class=\"land partner level-4 current\""))
        // The view box holds the Philippines (about x 840–875, y 205–250) and not much more.
        let viewBox = try #require(Self.viewBox(of: svg))
        let philippines = try #require(data.country(iso: "PH")).bounds
        #expect(viewBox.x <= philippines.minX && viewBox.y <= philippines.minY)
        #expect(viewBox.x + viewBox.w >= philippines.maxX && viewBox.y + viewBox.h >= philippines.maxY)
        #expect(viewBox.w < 150 && viewBox.h < 150)
        // Cropped: only the countries around it are drawn.
        #expect(svg.utf8.count < 60_000)
        let drawn = Self.count("<path ", in: svg)
        #expect(drawn > 2 && drawn < 30)
        #expect(svg == WorldMap.locator(id: "locator-ph", data: data, iso: "PH", altText: "The Philippines in Southeast Asia"))
    }

    @Test func locatorUnknownCodeIsNil() throws {
        let data = try Self.mapData()
        #expect(WorldMap.locator(id: "l", data: data, iso: "XX", altText: "x") == nil)
        #expect(WorldMap.locator(id: "l", data: data, iso: "", altText: "x") == nil)
    }

    @Test func locatorCropsCountriesAcrossTheMap() throws {
        let data = try Self.mapData()
        // Far-off territories (Alaska's Aleutians across the date line, French Guiana, Fiji's islands
        // on both sides of the 180th meridian) must not blow the crop up to the whole map.
        for map in [data, data.recentred(on: WorldMap.centralMeridian)] {
            for iso in ["FJ", "FR", "US", "RU", "NZ", "KI", "JP", "ID", "GL", "PT"] {
                let svg = try #require(WorldMap.locator(id: "l", data: map, iso: iso, altText: "alt"), "\(iso)")
                let viewBox = try #require(Self.viewBox(of: svg))
                #expect(viewBox.w < map.width * 0.9, "\(iso): \(viewBox)")
            }
        }
        // A very small country gets a marker and a minimum crop.
        let andorra = try #require(WorldMap.locator(id: "l", data: data, iso: "AD", altText: "Andorra & <France>"))
        #expect(andorra.contains("<circle class=\"marker\""))
        #expect(andorra.contains("aria-label=\"Andorra &amp; &lt;France&gt;\""))
        let viewBox = try #require(Self.viewBox(of: andorra))
        #expect(viewBox.w >= 50)
    }

    @Test func mapTimings() throws {
        let clock = ContinuousClock()
        var data: WorldMapData? = nil
        let loading = clock.measure { data = try? Self.mapData() }
        let map = try #require(data)
        var full = ""
        let drawing = clock.measure {
            full = WorldMap.svg(id: "m", data: map, highlights: [MapHighlight(iso: "PH", name: "Philippines", count: 3, url: "/p/")], caption: "c") { "\($0)" }
        }
        var locator = ""
        let locating = clock.measure {
            for _ in 0..<10 { locator = WorldMap.locator(id: "l", data: map, iso: "PH", altText: "a") ?? "" }
        }
        print("graphics: load \(loading), full map \(drawing) (\(full.utf8.count) bytes), locator \(locating / 10) (\(locator.utf8.count) bytes)")
        // Whole units, relative moves and Douglas–Peucker: the partners map stays well under 100 KB (the data is about 255 KB).
        #expect(full.utf8.count > 30_000 && full.utf8.count < 70_000)
        var recentred: WorldMapData? = nil
        let recentring = clock.measure { recentred = map.recentred(on: WorldMap.centralMeridian) }
        print("graphics: recentred on 150°E in \(recentring)")
        #expect(recentred != nil)
    }

    static func viewBox(of svg: String) -> (x: Double, y: Double, w: Double, h: Double)? {
        guard let start = svg.range(of: "viewBox=\"") else { return nil }
        let rest = svg[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let numbers = rest[..<end].split(separator: " ").compactMap { Double($0) }
        guard numbers.count == 4 else { return nil }
        return (numbers[0], numbers[1], numbers[2], numbers[3])
    }
}
