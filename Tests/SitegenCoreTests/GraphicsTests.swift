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
        #expect(html.contains("<a href=\"/partners/philippines/\" aria-label=\"Philippines: 12 activities\"><title>Philippines: 12 activities</title>"))
        #expect(html.contains("<title>Timor-Leste &amp; &lt;Co&gt;: 3 activities</title>"))
        #expect(!html.contains("<Co>"))
        #expect(!html.contains("Nowhere"))
        #expect(Self.count("<a href=", in: html) == 3)
        // Outlines simplified to whole units for display: countries smaller than a unit are left out.
        let land = Self.count("class=\"land\"", in: html)
        #expect(land <= data.countries.count - 3 && land > data.countries.count * 3 / 4)
        #expect(html.contains("l") && !html.contains("d=\"\""))
        #expect(Self.count("class=\"land partner level-", in: html) == 3)
        #expect(html.contains("class=\"land partner level-4\""))
        #expect(html.contains("<ul class=\"legend\">"))
        #expect(html.contains("<figcaption>Partner countries <small class=\"map-credit\">Map data: Natural Earth</small></figcaption>"))
        #expect(html.contains("viewBox=\"0 0 1000 "))
        #expect(html == WorldMap.svg(id: "partners-map", data: data, highlights: highlights, caption: "Partner countries") { "\($0) activities" })
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
        for iso in ["FJ", "FR", "US", "RU", "NZ", "KI", "JP", "ID"] {
            let svg = try #require(WorldMap.locator(id: "l", data: data, iso: iso, altText: "alt"), "\(iso)")
            let viewBox = try #require(Self.viewBox(of: svg))
            #expect(viewBox.w < data.width * 0.9, "\(iso): \(viewBox)")
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
        // Whole units and relative moves: the partners map stays well under 100 KB (the data is about 255 KB).
        #expect(full.utf8.count > 40_000 && full.utf8.count < 90_000)
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
