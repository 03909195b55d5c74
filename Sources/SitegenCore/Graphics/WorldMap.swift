import Foundation

/// One highlighted country on the partners map.
struct MapHighlight: Sendable {
    let iso: String
    let name: String
    let count: Int
    let url: String
}

/// The country the portal is about (Japan): drawn in a style of its own and named on the map, not a partner.
struct MapHome: Sendable {
    let iso: String
    let name: String
}

/// The words of the partners map: the legend's title, a count range with its unit ("{range} activities"),
/// the entry for the home country, and a country's label ("{name}: {count}", its count as `countLabel` writes it).
struct MapLegend: Sendable {
    var title = ""
    var range = "{range}"
    var home = ""
    var country = "{name}: {count}"
}

/// An enlarged part of the map shown beside it on narrow screens, bounded by meridians and parallels
/// (degrees; `east` may pass 180 for a box across the date line).
struct MapInset: Sendable {
    let title: String
    let west: Double
    let east: Double
    let north: Double
    let south: Double

    /// Southeast Asia and the Pacific, Japan to Fiji and Tonga: the partners a world map shows as specks.
    static func asiaPacific(title: String) -> MapInset {
        MapInset(title: title, west: 91, east: 188, north: 46, south: -27)
    }
}

/// The partners world map and the small locator maps of country pages, drawn as inline SVG at build time.
/// Colours come from the site's stylesheet through classes: `land`, `home` (Japan), `partner level-1` …
/// `level-4`, `marker`, `legend`, `current` (the country of a locator map).
enum WorldMap {
    /// The credit line Natural Earth's data asks for (public domain, but credited).
    static let credit = "Map data: Natural Earth"

    /// The meridian the portal's maps are centred on (degrees east): Asia and the Pacific whole, Fiji
    /// far from the edge, which runs through the Atlantic (30°W).
    static let centralMeridian = 150.0

    /// The simplification of the partners map's outlines, in canvas units (`pathData`).
    static let displayTolerance = 1.0

    /// The partners map. Countries that are not partners are one `land` path; the home country
    /// (`home`, Japan) a `land home` path named by a text label; partner countries are filled in steps
    /// by activity count (`partner level-1` … `level-4`), each a link with an `aria-label` and a
    /// `<title>` "Name: countLabel(count)", and `data-label`, `data-x` and `data-y` (its label point, in
    /// percent of the map) for the visible label `site.js` shows on hover and focus (`map-tooltip`).
    /// The legend has a title and names the unit of each step. With `inset`, an enlarged copy of that
    /// region follows for narrow screens (`map-inset`, hidden on wide ones by the stylesheet).
    /// Highlights whose code is not in the map data are left out; for a code given twice the first counts;
    /// the home country is never a partner.
    static func svg(id: String, data: WorldMapData, highlights: [MapHighlight], caption: String, home: MapHome? = nil,
                    legend: MapLegend = MapLegend(), inset: MapInset? = nil, countLabel: (Int) -> String) -> String {
        let id = SVGText.identifier(id)
        let homeISO = home?.iso.uppercased()
        var byISO: [String: MapHighlight] = [:]
        for highlight in highlights {
            let code = highlight.iso.uppercased()
            if byISO[code] == nil && code != homeISO { byISO[code] = highlight }
        }
        let present = data.countries.compactMap { country in country.iso.flatMap { byISO[$0] } }
        let steps = LevelSteps(counts: present.map(\.count))
        let whole = GraphicsBounds(minX: 0, minY: 0, maxX: data.width, maxY: data.height)

        var out = ""
        out.reserveCapacity(data.countries.reduce(0) { $0 + $1.path.utf8.count / 2 } + highlights.count * 600 + 4096)
        out += "<figure class=\"world-map\" id=\"\(id)\">\n"
        // The map is shown at most about 1,200 px wide (1.2 px a unit): outlines are simplified to whole units.
        out += panel(id: id, data: data, window: whole, tolerance: displayTolerance, clipped: false, byISO: byISO, steps: steps,
                     home: home, title: caption, svgClass: "world-map-svg", legend: legend, countLabel: countLabel)
        if let inset {
            let window = insetWindow(inset, in: data)
            // Shown about 350 px wide on a phone: whole units are about a pixel and a half.
            out += "<div class=\"map-inset\">\n<p class=\"map-inset-title\" id=\"\(id)-inset-heading\">\(SVGText.escape(inset.title))</p>\n"
            out += panel(id: id + "-inset", data: data, window: window, tolerance: max(displayTolerance, window.width / 300), clipped: true,
                         byISO: byISO, steps: steps, home: home, title: inset.title, svgClass: "map-inset-svg", legend: legend, countLabel: countLabel)
            out += "</div>\n"
        }
        if !present.isEmpty {
            out += "<div class=\"legend\">"
            if !legend.title.isEmpty { out += "<p class=\"legend-title\" id=\"\(id)-legend\">\(SVGText.escape(legend.title))</p>" }
            out += legend.title.isEmpty ? "<ul>" : "<ul aria-labelledby=\"\(id)-legend\">"
            for step in steps.ranges {
                out += "<li><svg class=\"legend-swatch\" viewBox=\"0 0 10 10\" width=\"1em\" height=\"1em\" aria-hidden=\"true\"><rect class=\"partner level-\(step.level)\" width=\"10\" height=\"10\"/></svg> "
                out += SVGText.escape(step.text == "1" ? countLabel(1) : legend.range.replacingPlaceholders(["range": step.text]))
                out += "</li>"
            }
            if home != nil && !legend.home.isEmpty {
                out += "<li><svg class=\"legend-swatch\" viewBox=\"0 0 10 10\" width=\"1em\" height=\"1em\" aria-hidden=\"true\"><rect class=\"land home\" width=\"10\" height=\"10\"/></svg> "
                out += SVGText.escape(legend.home) + "</li>"
            }
            out += "</ul></div>\n"
        }
        out += "<figcaption>\(SVGText.escape(caption)) <small class=\"map-credit\">\(credit)</small></figcaption>\n"
        out += "</figure>"
        return out
    }

    /// The canvas box of an inset's meridians and parallels (the projection curves them: sampled along each side).
    static func insetWindow(_ inset: MapInset, in data: WorldMapData) -> GraphicsBounds {
        var box = GraphicsBounds.empty
        for step in 0...20 {
            let longitude = inset.west + (inset.east - inset.west) * Double(step) / 20
            let latitude = inset.south + (inset.north - inset.south) * Double(step) / 20
            for point in [data.canvasPoint(longitude: longitude, latitude: inset.north), data.canvasPoint(longitude: longitude, latitude: inset.south),
                          data.canvasPoint(longitude: inset.west, latitude: latitude), data.canvasPoint(longitude: inset.east, latitude: latitude)] {
                box.add(x: point.x, y: point.y)
            }
        }
        return GraphicsBounds(minX: box.minX.rounded(.down), minY: box.minY.rounded(.down), maxX: box.maxX.rounded(.up), maxY: box.maxY.rounded(.up))
    }

    /// One map of the figure: the `window` of the canvas, with its land, home country and partner links, and
    /// an overlay (`map-overlay`, CSS pixels, not scaled with the map) naming the home country and holding
    /// the hover label.
    private static func panel(id: String, data: WorldMapData, window: GraphicsBounds, tolerance: Double, clipped: Bool,
                              byISO: [String: MapHighlight], steps: LevelSteps, home: MapHome?, title: String, svgClass: String,
                              legend: MapLegend, countLabel: (Int) -> String) -> String {
        let homeISO = home?.iso.uppercased()
        let clip = clipped ? window : nil
        // A partner smaller than this (in canvas units) also gets a dot, so that it can be seen and clicked;
        // on the inset, which phones show, a larger one that a finger can tap.
        let smallSize = window.width * (clipped ? 0.05 : 0.012)
        let dotRadius = window.width * (clipped ? 0.015 : 0.004)
        func percent(_ value: Double, of start: Double, _ length: Double) -> String {
            SVGText.number((value - start) / length * 1000 / 10)
        }
        var out = "<div class=\"map-frame\">\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(svgClass)\" viewBox=\"\(SVGText.number(window.minX)) \(SVGText.number(window.minY)) \(SVGText.number(window.width)) \(SVGText.number(window.height))\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"\(id)-title\">\n"
        out += "<title id=\"\(id)-title\">\(SVGText.escape(title))</title>\n"
        var land = ""
        var homeShape = ""
        for country in data.countries where country.bounds.intersects(window) {
            if let code = country.iso, byISO[code] != nil { continue }
            let d = pathData(of: country, in: window, tolerance: tolerance, relative: true, clip: clip)
            if country.iso != nil && country.iso == homeISO { homeShape += d } else { land += d }
        }
        out += "<g aria-hidden=\"true\"><path class=\"land\" d=\"\(land)\"/>"
        if !homeShape.isEmpty { out += "<path class=\"land home\" d=\"\(homeShape)\"/>" }
        out += "</g>\n"
        for country in data.countries {
            guard let code = country.iso, let highlight = byISO[code], country.bounds.intersects(window) else { continue }
            let core = mainPart(of: country)
            let anchor: (x: Double, y: Double) = window.contains(x: country.label.x, y: country.label.y) ? country.label : (core.midX, core.midY)
            guard window.contains(x: anchor.x, y: anchor.y) else { continue }
            let level = steps.level(of: highlight.count)
            let text = SVGText.escape(legend.country.replacingPlaceholders(["name": highlight.name, "count": countLabel(highlight.count)]))
            out += "<a href=\"\(SVGText.escape(highlight.url))\" aria-label=\"\(text)\" data-label=\"\(text)\""
            out += " data-x=\"\(percent(anchor.x, of: window.minX, window.width))\" data-y=\"\(percent(anchor.y, of: window.minY, window.height))\">"
            out += "<title>\(text)</title>"
            let d = pathData(of: country, in: window, tolerance: tolerance, relative: true, clip: clip)
            if !d.isEmpty { out += "<path class=\"land partner level-\(level)\" d=\"\(d)\"/>" }
            if d.isEmpty || max(core.width, core.height) < smallSize {
                out += "<circle class=\"partner level-\(level) marker\" cx=\"\(SVGText.number(anchor.x))\" cy=\"\(SVGText.number(anchor.y))\" r=\"\(SVGText.number(dotRadius))\"/>"
            }
            out += "</a>\n"
        }
        out += "</svg>\n"
        // Text in CSS pixels over the map: an svg without a view box, positioned in percent.
        out += "<svg class=\"map-overlay\" width=\"100%\" height=\"100%\" aria-hidden=\"true\">"
        if let home, let country = data.country(iso: home.iso) {
            let core = mainPart(of: country)
            if window.contains(x: country.label.x, y: country.label.y) {
                // Beside the country's east coast, level with its label point.
                let x = min(core.maxX, window.maxX)
                out += "<text class=\"map-home-label\" x=\"\(percent(x, of: window.minX, window.width))%\" y=\"\(percent(country.label.y, of: window.minY, window.height))%\" dx=\"6\" dy=\"4\">\(SVGText.escape(home.name))</text>"
            }
        }
        out += "</svg>\n"
        out += "<p class=\"map-tooltip\" aria-hidden=\"true\" hidden></p>\n"
        out += "</div>\n"
        return out
    }

    /// A small map of the region around one country, the country highlighted (class `land partner level-4 current`).
    /// The view box is cropped around the country's main part (far-off islands and territories are left out of the
    /// crop, not of the drawing) with a margin and a minimum size; only the outlines that meet the crop are written.
    /// A very small country also gets a `marker` circle at its label point. `role="img"`, `aria-label` = `altText`.
    /// nil when no country has the code `iso`.
    static func locator(id: String, data: WorldMapData, iso: String, altText: String) -> String? {
        guard let target = data.country(iso: iso) else { return nil }
        let id = SVGText.identifier(id)
        let core = mainPart(of: target)

        // The crop: the main part with a margin, at least `minWidth` wide, in a 4:3 box.
        let aspect = 4.0 / 3.0
        let minWidth = data.width * 0.07
        var w = max(core.width * 1.5, minWidth)
        var h = max(core.height * 1.5, minWidth / aspect)
        if w / h < aspect { w = h * aspect } else { h = w / aspect }
        var x = core.midX - w / 2
        var y = core.midY - h / 2
        // Keep the crop on the canvas where it fits; centre it where it does not.
        if w <= data.width { x = min(max(x, 0), data.width - w) } else { x = (data.width - w) / 2 }
        if h <= data.height { y = min(max(y, 0), data.height - h) } else { y = (data.height - h) / 2 }
        let window = GraphicsBounds(minX: x, minY: y, maxX: x + w, maxY: y + h)

        // The locator is drawn some hundred pixels wide: detail finer than about a pixel is left out.
        let tolerance = w / 400
        var out = ""
        out.reserveCapacity(16_384)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"locator-map\" id=\"\(id)\" viewBox=\"\(SVGText.number(x)) \(SVGText.number(y)) \(SVGText.number(w)) \(SVGText.number(h))\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"\(SVGText.escape(altText))\">\n"
        for country in data.countries where country.bounds.intersects(window) {
            if country.iso == target.iso && country.name == target.name { continue }
            let d = pathData(of: country, in: window, tolerance: tolerance)
            if !d.isEmpty { out += "<path class=\"land\" d=\"\(d)\"/>\n" }
        }
        let d = pathData(of: target, in: window, tolerance: tolerance)
        if !d.isEmpty { out += "<path class=\"land partner level-4 current\" d=\"\(d)\"/>\n" }
        // A country too small to see (Andorra, Singapore) or made of specks (the Maldives) is also circled.
        let coreSize = max(core.width, core.height)
        let coreArea = target.rings.reduce(0) { $1.bounds.intersects(core) ? $0 + $1.area : $0 }
        if coreSize < w * 0.1 || coreArea < (w * 0.03) * (w * 0.03) {
            let radius = coreSize < w * 0.1 ? max(coreSize / 2 + w * 0.02, w * 0.035) : w * 0.035
            out += "<circle class=\"marker\" cx=\"\(SVGText.number(target.label.x))\" cy=\"\(SVGText.number(target.label.y))\" r=\"\(SVGText.number(radius))\"/>\n"
        }
        out += "</svg>"
        return out
    }

    /// The outlines of a country that meet `window`, as path data. With a tolerance above the data's own
    /// resolution (about 0.2 units), points closer than it to the last one written are left out, outlines
    /// smaller than it are dropped, and coordinates are rounded to whole units when it reaches 1.
    /// `relative`: every point after the first of an outline as a move from the one before (`l` with
    /// implicit repeats), which writes whole units in about half the bytes.
    /// `clip`: each outline is cut to this box first (an inset draws only what it shows).
    static func pathData(of country: WorldMapData.Country, in window: GraphicsBounds, tolerance: Double, relative: Bool = false,
                         clip: GraphicsBounds? = nil) -> String {
        // Bytes, made a string once: appending each number as a string was most of a locator's time.
        var d: [UInt8] = []
        for ring in country.rings where ring.bounds.intersects(window) {
            if tolerance <= 0.25 && clip == nil {
                d += ring.d.utf8
                continue
            }
            if max(ring.bounds.width, ring.bounds.height) < tolerance { continue }
            let points = clip.map { box in
                box.contains(ring.bounds) ? ring.points : clipped(ring.points, to: box)
            } ?? ring.points
            let count = points.count / 2
            guard count >= 3 else { continue }
            let step = tolerance >= 1 ? 1.0 : 0.1
            func rounded(_ v: Double) -> Double { (v / step).rounded() * step }
            var kept: [Double] = [rounded(points[0]), rounded(points[1])]
            kept.reserveCapacity(points.count)
            var lastX = kept[0], lastY = kept[1]
            for index in 1..<count {
                let px = rounded(points[2 * index]), py = rounded(points[2 * index + 1])
                let isLast = index == count - 1
                if max(abs(px - lastX), abs(py - lastY)) >= tolerance || (isLast && (px != lastX || py != lastY)) {
                    kept.append(px)
                    kept.append(py)
                    lastX = px
                    lastY = py
                }
            }
            // For display, a point is also left out where the outline stays within half the tolerance
            // of a straight line without it (Douglas–Peucker): long smooth coasts take a few points.
            if relative { kept = simplified(kept, within: tolerance / 2) }
            guard kept.count >= 6 else { continue }
            if relative {
                d.append(UInt8(ascii: "M"))
                SVGText.appendNumber(kept[0], to: &d)
                d.append(UInt8(ascii: " "))
                SVGText.appendNumber(kept[1], to: &d)
                d.append(UInt8(ascii: "l"))
                for index in stride(from: 2, to: kept.count, by: 2) {
                    let dx = kept[index] - kept[index - 2], dy = kept[index + 1] - kept[index - 1]
                    // A minus sign separates numbers by itself.
                    if index > 2 && (dx * 10).rounded() >= 0 { d.append(UInt8(ascii: " ")) }
                    SVGText.appendNumber(dx, to: &d)
                    if (dy * 10).rounded() >= 0 { d.append(UInt8(ascii: " ")) }
                    SVGText.appendNumber(dy, to: &d)
                }
                d.append(UInt8(ascii: "z"))
                continue
            }
            d.append(UInt8(ascii: "M"))
            for index in stride(from: 0, to: kept.count, by: 2) {
                if index > 0 { d.append(UInt8(ascii: "L")) }
                SVGText.appendNumber(kept[index], to: &d)
                d.append(UInt8(ascii: " "))
                SVGText.appendNumber(kept[index + 1], to: &d)
            }
            d.append(UInt8(ascii: "Z"))
        }
        return String(decoding: d, as: UTF8.self)
    }

    /// The points of an outline (flat, closed) that keep it within `epsilon` of the original (Douglas–Peucker,
    /// with an explicit stack), first and last kept.
    static func simplified(_ points: [Double], within epsilon: Double) -> [Double] {
        let count = points.count / 2
        guard count > 3 else { return points }
        var keep = [Bool](repeating: false, count: count)
        keep[0] = true
        keep[count - 1] = true
        // A closed outline starts and ends near one point: split it at the point furthest from the start first.
        var far = 0, farDistance = -1.0
        for index in 1..<count {
            let dx = points[2 * index] - points[0], dy = points[2 * index + 1] - points[1]
            if dx * dx + dy * dy > farDistance { farDistance = dx * dx + dy * dy; far = index }
        }
        keep[far] = true
        var stack = [(0, far), (far, count - 1)]
        let limit = epsilon * epsilon
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            let ax = points[2 * first], ay = points[2 * first + 1]
            let dx = points[2 * last] - ax, dy = points[2 * last + 1] - ay
            let length = dx * dx + dy * dy
            var worst = -1, worstDistance = limit
            for index in (first + 1)..<last {
                let px = points[2 * index] - ax, py = points[2 * index + 1] - ay
                let distance: Double
                if length == 0 {
                    distance = px * px + py * py
                } else {
                    let cross = px * dy - py * dx
                    distance = cross * cross / length
                }
                if distance > worstDistance { worstDistance = distance; worst = index }
            }
            if worst >= 0 {
                keep[worst] = true
                stack.append((first, worst))
                stack.append((worst, last))
            }
        }
        var out: [Double] = []
        out.reserveCapacity(points.count)
        for index in 0..<count where keep[index] {
            out.append(points[2 * index])
            out.append(points[2 * index + 1])
        }
        return out
    }

    /// An outline (flat points) cut to a box, one side after the other (Sutherland–Hodgman); the cut runs
    /// along the box's sides.
    static func clipped(_ points: [Double], to box: GraphicsBounds) -> [Double] {
        var ring = points
        // Each side as (axis, bound, keep the side above it).
        for (axis, bound, above) in [(0, box.minX, true), (0, box.maxX, false), (1, box.minY, true), (1, box.maxY, false)] {
            let count = ring.count / 2
            guard count >= 3 else { return [] }
            var out: [Double] = []
            out.reserveCapacity(ring.count + 8)
            func inside(_ index: Int) -> Bool { above ? ring[2 * index + axis] >= bound : ring[2 * index + axis] <= bound }
            for index in 0..<count {
                let next = (index + 1) % count
                let pIn = inside(index), qIn = inside(next)
                if pIn { out.append(ring[2 * index]); out.append(ring[2 * index + 1]) }
                if pIn != qIn {
                    let p = ring[2 * index + axis], q = ring[2 * next + axis]
                    let t = (bound - p) / (q - p)
                    let other = 1 - axis
                    let value = ring[2 * index + other] + t * (ring[2 * next + other] - ring[2 * index + other])
                    if axis == 0 { out.append(bound); out.append(value) } else { out.append(value); out.append(bound) }
                }
            }
            ring = out
        }
        return ring.count >= 6 ? ring : []
    }

    /// The bounding box of a country's main part: its largest outline and the outlines near it, so that the
    /// overseas territories of France, Alaska and Hawaii's distance from the other states, or the Aleutians
    /// across the date line do not blow the crop up to half the world.
    static func mainPart(of country: WorldMapData.Country) -> GraphicsBounds {
        guard let largest = country.rings.indices.max(by: { country.rings[$0].area < country.rings[$1].area }) else {
            return country.bounds
        }
        var included = [Bool](repeating: false, count: country.rings.count)
        included[largest] = true
        var box = country.rings[largest].bounds
        var grew = true
        while grew {
            grew = false
            let reach = max(6, 0.5 * max(box.width, box.height))
            for (index, ring) in country.rings.enumerated() where !included[index] && box.gap(to: ring.bounds) <= reach {
                included[index] = true
                box = box.union(ring.bounds)
                grew = true
            }
        }
        return box
    }
}

/// The steps of the partners map: up to four levels of activity counts with "nice" bounds (1, 2, 3, 5, 10, 20, …).
struct LevelSteps: Sendable {
    /// The lowest count of each level, increasing; `lows[0]` is the first level.
    let lows: [Int]
    let maxCount: Int
    let minCount: Int

    init(counts: [Int]) {
        let maxCount = max(counts.max() ?? 1, 1)
        let minCount = max(min(counts.min() ?? 1, 1), 0)
        self.maxCount = maxCount
        self.minCount = minCount
        if maxCount <= 4 {
            lows = Array(1...maxCount)
            return
        }
        var nice: [Int] = [1, 2, 3]
        var magnitude = 5
        while magnitude <= maxCount {
            nice.append(magnitude)
            nice.append(magnitude * 2)
            if magnitude * 3 <= maxCount { nice.append(magnitude * 3) }
            magnitude *= 10
        }
        nice = Array(Set(nice.filter { $0 <= maxCount })).sorted()
        var lows = [1]
        for k in 1...3 {
            let target = Foundation.exp(Foundation.log(Double(maxCount)) * Double(k) / 4)
            let candidates = nice.filter { $0 > lows.last! }
            guard let best = candidates.min(by: { abs(Foundation.log(Double($0)) - Foundation.log(target)) < abs(Foundation.log(Double($1)) - Foundation.log(target)) }) else { break }
            lows.append(best)
        }
        self.lows = lows
    }

    /// The level (1-based) of a count.
    func level(of count: Int) -> Int {
        var level = 1
        for (index, low) in lows.enumerated() where count >= low { level = index + 1 }
        return level
    }

    /// Each level and its count range, e.g. "1", "2–4", "5+".
    var ranges: [(level: Int, text: String)] {
        lows.enumerated().map { index, low in
            let from = index == 0 ? minCount : low
            if index == lows.count - 1 {
                return (index + 1, from == maxCount ? "\(from)" : "\(from)+")
            }
            let to = lows[index + 1] - 1
            return (index + 1, from == to ? "\(from)" : "\(from)–\(to)")
        }
    }
}
