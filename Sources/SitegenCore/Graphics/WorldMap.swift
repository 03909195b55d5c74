import Foundation

/// One highlighted country on the partners map.
struct MapHighlight: Sendable {
    let iso: String
    let name: String
    let count: Int
    let url: String
}

/// The partners world map and the small locator maps of country pages, drawn as inline SVG at build time.
/// Colours come from the site's stylesheet through classes: `land`, `partner level-1` … `level-4`, `marker`,
/// `legend`, `current` (the country of a locator map).
enum WorldMap {
    /// The credit line Natural Earth's data asks for (public domain, but credited).
    static let credit = "Map data: Natural Earth"

    /// The simplification of the partners map's outlines, in canvas units (`pathData`).
    static let displayTolerance = 1.0

    /// The partners map: every country as a `land` path; partner countries filled in steps by activity count
    /// (`partner level-1` … `level-4`, explained by an HTML `legend` list), each a link with an `aria-label`
    /// and a `<title>` "Name: countLabel(count)". The svg is `role="group"` so the links stay reachable.
    /// Highlights whose code is not in the map data are left out; for a code given twice the first counts.
    static func svg(id: String, data: WorldMapData, highlights: [MapHighlight], caption: String, countLabel: (Int) -> String) -> String {
        let id = SVGText.identifier(id)
        var byISO: [String: MapHighlight] = [:]
        for highlight in highlights {
            let code = highlight.iso.uppercased()
            if byISO[code] == nil { byISO[code] = highlight }
        }
        let present = data.countries.compactMap { country in country.iso.flatMap { byISO[$0] } }
        let steps = LevelSteps(counts: present.map(\.count))
        // A partner smaller than this (in canvas units) also gets a dot, so that it can be seen and clicked.
        let smallSize = data.width * 0.012

        var out = ""
        out.reserveCapacity(data.countries.reduce(0) { $0 + $1.path.utf8.count + 24 } + highlights.count * 300 + 1024)
        out += "<figure class=\"world-map\" id=\"\(id)\">\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"world-map-svg\" viewBox=\"0 0 \(SVGText.number(data.width)) \(SVGText.number(data.height))\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"\(id)-title\">\n"
        out += "<title id=\"\(id)-title\">\(SVGText.escape(caption))</title>\n"
        out += "<g aria-hidden=\"true\">\n"
        // The map is shown at most about 1,200 px wide (1.2 px a unit): outlines are simplified to whole
        // units, which keeps the partners page small (the data's own 0.1-unit detail was 255 KB of paths).
        let canvas = GraphicsBounds(minX: -.infinity, minY: -.infinity, maxX: .infinity, maxY: .infinity)
        for country in data.countries where country.iso.flatMap({ byISO[$0] }) == nil {
            let d = pathData(of: country, in: canvas, tolerance: displayTolerance, relative: true)
            if !d.isEmpty { out += "<path class=\"land\" d=\"\(d)\"/>\n" }
        }
        out += "</g>\n"
        for country in data.countries {
            guard let code = country.iso, let highlight = byISO[code] else { continue }
            let level = steps.level(of: highlight.count)
            let text = SVGText.escape("\(highlight.name): \(countLabel(highlight.count))")
            out += "<a href=\"\(SVGText.escape(highlight.url))\" aria-label=\"\(text)\">"
            out += "<title>\(text)</title>"
            let d = pathData(of: country, in: canvas, tolerance: displayTolerance, relative: true)
            if !d.isEmpty { out += "<path class=\"land partner level-\(level)\" d=\"\(d)\"/>" }
            let core = mainPart(of: country)
            if d.isEmpty || max(core.width, core.height) < smallSize {
                out += "<circle class=\"partner level-\(level) marker\" cx=\"\(SVGText.number(country.label.x))\" cy=\"\(SVGText.number(country.label.y))\" r=\"\(SVGText.number(data.width * 0.004))\"/>"
            }
            out += "</a>\n"
        }
        out += "</svg>\n"
        if !present.isEmpty {
            out += "<ul class=\"legend\">"
            for step in steps.ranges {
                out += "<li><svg class=\"legend-swatch\" viewBox=\"0 0 10 10\" width=\"1em\" height=\"1em\" aria-hidden=\"true\"><rect class=\"partner level-\(step.level)\" width=\"10\" height=\"10\"/></svg> "
                out += SVGText.escape(step.text)
                out += "</li>"
            }
            out += "</ul>\n"
        }
        out += "<figcaption>\(SVGText.escape(caption)) <small class=\"map-credit\">\(credit)</small></figcaption>\n"
        out += "</figure>"
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
    static func pathData(of country: WorldMapData.Country, in window: GraphicsBounds, tolerance: Double, relative: Bool = false) -> String {
        // Bytes, made a string once: appending each number as a string was most of a locator's time.
        var d: [UInt8] = []
        for ring in country.rings where ring.bounds.intersects(window) {
            if tolerance <= 0.25 {
                d += ring.d.utf8
                continue
            }
            if max(ring.bounds.width, ring.bounds.height) < tolerance { continue }
            let points = ring.points
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
