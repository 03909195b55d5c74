import Foundation

/// The Equal Earth projection (Šavrič, Patterson and Jenny, 2018), in which
/// `Templates/map/world-countries.json` is drawn, with the canvas the file uses: enough to take
/// a point of the file back to longitude and latitude and to draw it again around another meridian.
enum EqualEarth {
    static let a1 = 1.340264, a2 = -0.081106, a3 = 0.000893, a4 = 0.003796
    static let m = 3.0.squareRoot() / 2

    /// Projected units to the file's canvas: `x = originX + scale·X`, `y = originY − scale·Y`. Fitted to
    /// the file's own lines: the Egypt–Sudan border on 22°N meets the Libyan border (25°E) at
    /// (568.3, 163.4), Fiji's islands on the 180th meridian reach x 0 and 1000, and the US–Canada
    /// border on 49°N lies at y 72.0 (0.05 units from where these constants put it).
    static let scale = 188.27122
    static let originX = 500.0
    static let originY = 246.21955

    /// Longitude and latitude in degrees to projected units, the central meridian at 0.
    static func project(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        let lambda = longitude * .pi / 180, phi = latitude * .pi / 180
        let theta = asin(m * sin(phi))
        let t2 = theta * theta, t6 = t2 * t2 * t2
        let x = lambda * cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
        let y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
        return (x, y)
    }

    /// Projected units back to longitude and latitude in degrees (Newton's method on the latitude).
    static func inverse(x: Double, y: Double) -> (longitude: Double, latitude: Double) {
        var theta = y
        for _ in 0..<12 {
            let t2 = theta * theta, t6 = t2 * t2 * t2
            let delta = (theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2)) - y) / (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2))
            theta -= delta
            if abs(delta) < 1e-12 { break }
        }
        let t2 = theta * theta, t6 = t2 * t2 * t2
        let lambda = m * x * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)) / cos(theta)
        let phi = asin(max(-1, min(1, sin(theta) / m)))
        return (lambda * 180 / .pi, phi * 180 / .pi)
    }

    /// A point of the file's canvas to longitude and latitude.
    static func geographic(canvasX: Double, canvasY: Double) -> (longitude: Double, latitude: Double) {
        inverse(x: (canvasX - originX) / scale, y: (originY - canvasY) / scale)
    }
}

extension WorldMapData {
    /// The map drawn again around the meridian `centre` (degrees east), at the same scale: outlines
    /// that cross the new edge (the meridian opposite) are cut there and drawn on both sides, and the
    /// cut follows the curved edge of the projection. The canvas is as wide as the land it holds.
    /// Centred near 150°E, Asia and the Pacific are whole (Fiji, which the file splits at the 180th
    /// meridian, is one again) and the edge runs through the Atlantic.
    func recentred(on centre: Double) -> WorldMapData {
        var shapes: [(country: Country, rings: [[Double]], label: (x: Double, y: Double))] = []
        var minX = Double.infinity, maxX = -Double.infinity
        for country in countries {
            var rings: [[Double]] = []
            for ring in country.rings {
                for piece in Self.recentre(ring.points, centre: centre) {
                    var points: [Double] = []
                    points.reserveCapacity(piece.count * 2)
                    for (longitude, latitude) in piece {
                        let p = EqualEarth.project(longitude: longitude, latitude: latitude)
                        let x = EqualEarth.originX + EqualEarth.scale * p.x
                        points.append(x)
                        points.append(EqualEarth.originY - EqualEarth.scale * p.y)
                        minX = min(minX, x)
                        maxX = max(maxX, x)
                    }
                    rings.append(points)
                }
            }
            let label = EqualEarth.geographic(canvasX: country.label.x, canvasY: country.label.y)
            let moved = EqualEarth.project(longitude: Self.wrapped(label.longitude - centre), latitude: label.latitude)
            shapes.append((country, rings, (EqualEarth.originX + EqualEarth.scale * moved.x, EqualEarth.originY - EqualEarth.scale * moved.y)))
        }
        // Whole units of margin on the left, so that the canvas starts at 0.
        let shift = -(minX.rounded(.down))
        var moved: [Country] = []
        moved.reserveCapacity(shapes.count)
        for shape in shapes {
            // Bytes, made a string once, at the file's resolution (tenths).
            var d: [UInt8] = []
            d.reserveCapacity(shape.rings.reduce(0) { $0 + $1.count * 5 })
            for ring in shape.rings {
                for index in stride(from: 0, to: ring.count, by: 2) {
                    d.append(index == 0 ? UInt8(ascii: "M") : UInt8(ascii: "L"))
                    SVGText.appendNumber(ring[index] + shift, to: &d)
                    d.append(UInt8(ascii: " "))
                    SVGText.appendNumber(ring[index + 1], to: &d)
                }
                d.append(UInt8(ascii: "Z"))
            }
            let country = shape.country
            // The rings come from rings the file already had: they parse.
            if let recentred = try? Country(iso: country.iso, name: country.name, subregion: country.subregion, continent: country.continent,
                                            label: (shape.label.x + shift, shape.label.y), path: String(decoding: d, as: UTF8.self)) {
                moved.append(recentred)
            }
        }
        var data = WorldMapData(width: (maxX + shift).rounded(.up), height: height, countries: moved)
        data.centre = centre
        data.shift = shift
        return data
    }

    /// A point given in degrees on this map's canvas.
    func canvasPoint(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        let p = EqualEarth.project(longitude: Self.wrapped(longitude - centre), latitude: latitude)
        return (EqualEarth.originX + EqualEarth.scale * p.x + shift, EqualEarth.originY - EqualEarth.scale * p.y)
    }

    /// A longitude in [-180, 180).
    static func wrapped(_ longitude: Double) -> Double {
        var value = (longitude + 180).truncatingRemainder(dividingBy: 360)
        if value < 0 { value += 360 }
        return value - 180
    }

    /// One outline of the file (flat canvas points) as outlines in degrees around `centre`: made
    /// continuous across the new edge, then cut at it into a piece on each side it reaches.
    static func recentre(_ points: [Double], centre: Double) -> [[(Double, Double)]] {
        var ring: [(Double, Double)] = []
        ring.reserveCapacity(points.count / 2)
        var previous: Double?
        for index in stride(from: 0, to: points.count - 1, by: 2) {
            let point = EqualEarth.geographic(canvasX: points[index], canvasY: points[index + 1])
            var longitude = wrapped(point.longitude - centre)
            if let previous {
                while longitude - previous > 180 { longitude -= 360 }
                while longitude - previous < -180 { longitude += 360 }
            }
            ring.append((longitude, point.latitude))
            previous = longitude
        }
        guard ring.count >= 3 else { return [] }
        let low = ring.map(\.0).min()!, high = ring.map(\.0).max()!
        var pieces: [[(Double, Double)]] = []
        let first = Int(((low + 180) / 360).rounded(.down)), last = Int(((high + 180) / 360).rounded(.down))
        for copy in first...last {
            let offset = Double(copy) * 360
            var piece = ring.map { ($0.0 - offset, $0.1) }
            piece = clip(piece, keepAbove: -180)
            piece = clip(piece.map { (-$0.0, $0.1) }, keepAbove: -180).map { (-$0.0, $0.1) }
            if piece.count >= 3 { pieces.append(alongEdge(piece)) }
        }
        return pieces
    }

    /// The part of an outline east of `edge` (Sutherland–Hodgman against one meridian).
    private static func clip(_ ring: [(Double, Double)], keepAbove edge: Double) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for index in ring.indices {
            let p = ring[index], q = ring[(index + 1) % ring.count]
            let pIn = p.0 >= edge, qIn = q.0 >= edge
            if pIn { out.append(p) }
            if pIn != qIn {
                let t = (edge - p.0) / (q.0 - p.0)
                out.append((edge, p.1 + t * (q.1 - p.1)))
            }
        }
        return out
    }

    /// Points every degree of latitude along a stretch of the edge, which is curved once projected.
    private static func alongEdge(_ ring: [(Double, Double)]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for index in ring.indices {
            let p = ring[index], q = ring[(index + 1) % ring.count]
            out.append(p)
            if abs(p.0) == 180, p.0 == q.0, abs(q.1 - p.1) > 1 {
                let steps = Int(abs(q.1 - p.1).rounded(.up))
                for step in 1..<steps { out.append((p.0, p.1 + (q.1 - p.1) * Double(step) / Double(steps))) }
            }
        }
        return out
    }
}
