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

    @Test func barChartTableHasEveryLabelAndValue() {
        let bars = [
            ChartBar(label: "Training", value: 12, url: nil),
            ChartBar(label: "Seminar", value: 7, url: nil),
            ChartBar(label: "Joint statement", value: 1, url: nil),
        ]
        let html = BarChart.svg(id: "types", caption: "Activities by type", bars: bars, orientation: .horizontal, valueHeader: "Activities", labelHeader: "Type")
        #expect(html.hasPrefix("<figure class=\"chart"))
        #expect(html.hasSuffix("</figure>"))
        #expect(html.contains("role=\"img\""))
        #expect(html.contains("aria-labelledby=\"types-title\""))
        #expect(html.contains("<title id=\"types-title\">Activities by type</title>"))
        #expect(html.contains("<desc id=\"types-desc\">"))
        #expect(html.contains("<table class=\"visually-hidden\">"))
        #expect(html.contains("<th scope=\"col\">Type</th><th scope=\"col\">Activities</th>"))
        for bar in bars {
            #expect(html.contains("<tr><th scope=\"row\">\(bar.label)</th><td>\(bar.value)</td></tr>"))
        }
        #expect(Self.count("<rect class=\"chart-bar\"", in: html) == 3)
        #expect(html.contains("<figcaption id=\"types-caption\">Activities by type</figcaption>"))
        #expect(html.contains("viewBox=\"0 0 "))
        #expect(html.contains("width=\"100%\""))
        #expect(!html.contains("<a "))
        #expect(!html.contains("style="))
    }

    @Test func barChartEscapesLabels() {
        let bars = [
            ChartBar(label: "<script>alert(1)</script>", value: 3, url: "/a?x=1&y=\"2\""),
            ChartBar(label: "Peace & Security", value: 2, url: nil),
        ]
        let caption = "Types <b>&</b>"
        for orientation in [BarChart.Orientation.horizontal, .vertical] {
            let html = BarChart.svg(id: "x", caption: caption, bars: bars, orientation: orientation, valueHeader: "N & M", labelHeader: "<L>")
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<b>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("Peace &amp; Security"))
            #expect(!html.contains("Peace & Security"))
            #expect(html.contains("href=\"/a?x=1&amp;y=&quot;2&quot;\""))
            #expect(html.contains("&lt;L&gt;"))
            #expect(html.contains("N &amp; M"))
            // A chart with links is a group, so the links stay reachable, and they are named.
            #expect(!html.contains("role=\"group\"") && html.contains("aria-labelledby="))  // no role: links inside stay reachable, and the Nu checker accepts it
            #expect(!html.contains("role=\"img\""))
            #expect(html.contains("aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt;, N &amp; M: 3\""))
        }
    }

    @Test func verticalChartWithTwentyFiveYears() {
        let bars = (2000..<2025).map { ChartBar(label: String($0), value: ($0 * 7) % 13, url: "/activities/\($0)/") }
        let html = BarChart.svg(id: "years", caption: "Activities by year", bars: bars, orientation: .vertical, valueHeader: "Activities", labelHeader: "Year")
        #expect(Self.count("<rect class=\"chart-bar\"", in: html) == 25)
        #expect(Self.count("<a href=\"/activities/", in: html) == 25)
        for bar in bars {
            #expect(html.contains("<tr><th scope=\"row\">\(bar.label)</th><td>\(bar.value)</td></tr>"))
        }
        // Not every year fits under its bar: the last year is always labelled.
        #expect(html.contains(">2024</text>"))
        let labels = Self.count("class=\"chart-label\"", in: html)
        #expect(labels > 5 && labels <= 25)
        // Bars stay inside the view box.
        #expect(!html.contains("x=\"-"))
        // Deterministic.
        #expect(html == BarChart.svg(id: "years", caption: "Activities by year", bars: bars, orientation: .vertical, valueHeader: "Activities", labelHeader: "Year"))
    }

    @Test func emptyBarChartIsAFigure() {
        for orientation in [BarChart.Orientation.horizontal, .vertical] {
            let html = BarChart.svg(id: "none", caption: "Nothing yet", bars: [], orientation: orientation, valueHeader: "N", labelHeader: "L")
            #expect(html.hasPrefix("<figure"))
            #expect(html.hasSuffix("</figure>"))
            #expect(html.contains("<figcaption id=\"none-caption\">Nothing yet</figcaption>"))
            #expect(!html.contains("<svg"))
        }
        let zeros = BarChart.svg(id: "z", caption: "c", bars: [ChartBar(label: "a", value: 0, url: nil)], orientation: .vertical, valueHeader: "N", labelHeader: "L")
        #expect(zeros.contains("<td>0</td>"))
        #expect(!zeros.contains("nan") && !zeros.contains("inf"))
    }

    @Test func niceTicks() {
        #expect(BarChart.niceTicks(max: 0) == [0, 1])
        #expect(BarChart.niceTicks(max: 3) == [0, 1, 2, 3])
        #expect(BarChart.niceTicks(max: 7) == [0, 2, 4, 6, 8])
        #expect(BarChart.niceTicks(max: 12) == [0, 5, 10, 15])
        #expect(BarChart.niceTicks(max: 100) == [0, 20, 40, 60, 80, 100])
    }

    // MARK: Time chart

    @Test func timeChartOfActionPlans() {
        let spans = [
            TimeSpan(label: "First plan", url: "/action-plans/first-nap/", start: 2015.5, end: nil, marker: nil, startText: "2015", endText: nil, markerText: nil),
            TimeSpan(label: "Second plan", url: "/action-plans/second-nap/", start: 2019.5, end: nil, marker: 2019.5, startText: "2019", endText: nil, markerText: "2019"),
            TimeSpan(label: "Third plan <& more>", url: "/action-plans/third-nap/", start: 2023.25, end: 2029.25, marker: 2023.25, startText: "FY2023", endText: "FY2028", markerText: "April 2023"),
        ]
        let html = TimeChart.svg(id: "naps", caption: "National Action Plans", spans: spans, headers: (label: "Plan", marker: "Adopted", period: "Period"))
        #expect(html.hasPrefix("<figure class=\"chart time-chart\""))
        #expect(html.contains("<table class=\"visually-hidden\">"))
        #expect(html.contains("<th scope=\"col\">Plan</th><th scope=\"col\">Adopted</th><th scope=\"col\">Period</th>"))
        #expect(html.contains("<tr><th scope=\"row\">First plan</th><td>2015</td><td>—</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">Third plan &lt;&amp; more&gt;</th><td>April 2023</td><td>FY2023–FY2028</td></tr>"))
        #expect(Self.count("<path class=\"marker\"", in: html) == 3)
        #expect(Self.count("<rect class=\"chart-bar\"", in: html) == 1)
        #expect(html.contains(">2015</text>"))
        #expect(html.contains(">2029</text>") || html.contains(">2030</text>") || html.contains(">2028</text>"))
        #expect(!html.contains("role=\"group\"") && html.contains("aria-labelledby="))  // no role: links inside stay reachable, and the Nu checker accepts it
        #expect(html.contains("aria-label=\"Third plan &lt;&amp; more&gt;, Adopted: April 2023, Period: FY2023–FY2028\""))
        #expect(!html.contains("<& more>"))
        #expect(!html.contains("x=\"-"))
        let empty = TimeChart.svg(id: "e", caption: "c", spans: [], headers: ("a", "b", "c"))
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
        #expect(Self.count("class=\"land\"", in: html) == data.countries.count - 3)
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
        #expect(full.utf8.count > 100_000)
        // Generous bounds: a debug build on a busy machine.
        #expect(drawing < .milliseconds(200))
        #expect(locating / 10 < .milliseconds(100))
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
