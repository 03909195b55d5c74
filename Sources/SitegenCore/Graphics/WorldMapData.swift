import Foundation

/// Country shapes for the maps: Natural Earth 1:50m (public domain), Equal Earth projection,
/// on a canvas `width` units wide (Templates/map/world-countries.json).
struct WorldMapData: Sendable {
    struct Country: Sendable {
        /// ISO 3166-1 alpha-2 code, upper case; nil for a few disputed areas.
        let iso: String?
        let name: String
        let subregion: String
        let continent: String
        /// A point inside the country, in canvas units.
        let label: (x: Double, y: Double)
        /// SVG path data in canvas units: absolute `M x y`, `L x y` and `Z` only.
        let path: String
        /// The closed outlines (`M … Z`) the path is made of, each with its bounding box.
        let rings: [Ring]
        /// The bounding box of the whole path.
        let bounds: GraphicsBounds

        /// Parses the path data; throws `WorldMapData.DataError` when it is not `M`/`L`/`Z` with numbers.
        init(iso: String?, name: String, subregion: String, continent: String, label: (x: Double, y: Double), path: String) throws {
            self.iso = iso
            self.name = name
            self.subregion = subregion
            self.continent = continent
            self.label = label
            self.path = path
            self.rings = try PathScanner.rings(of: path, country: name)
            self.bounds = rings.reduce(GraphicsBounds.empty) { $0.union($1.bounds) }
        }
    }

    /// One closed outline of a country.
    struct Ring: Sendable {
        /// Its path data, `M … Z`.
        let d: Substring
        let bounds: GraphicsBounds
        /// The enclosed area (absolute shoelace area), in square canvas units.
        let area: Double
        /// Its points, flat: x0, y0, x1, y1, …
        let points: [Double]
    }

    struct DataError: Error, CustomStringConvertible, Sendable {
        let description: String
    }

    let width: Double
    let height: Double
    let countries: [Country]
    /// The meridian the map is centred on, in degrees east (the file's own: 0; see `recentred(on:)`).
    var centre = 0.0
    /// How far the canvas was moved right after the projection, in canvas units.
    var shift = 0.0

    init(width: Double, height: Double, countries: [Country]) {
        self.width = width
        self.height = height
        self.countries = countries
    }

    /// Parses the JSON file `{"width","height","countries":[{"iso","name","subregion","continent","label":[x,y],"path"}]}`.
    /// Throws on unreadable or malformed data, including path data with other commands than M, L, Z.
    static func load(from path: String) throws -> WorldMapData {
        guard case .success(let file) = BoundedFile.read(path, limit: maximumBytes) else {
            throw DataError(description: "cannot read the map data \(path)")
        }
        guard !file.isOverLimit else {
            throw DataError(description: BoundedFile.overLimitMessage(size: file.size, limit: maximumBytes, kind: "map data files"))
        }
        return try decode(Data(file.bytes), source: path)
    }

    /// The theme's map is 270 KB; it is read whole, so a larger file is refused before it is read.
    static let maximumBytes = 16 * 1024 * 1024

    /// Parses the JSON data of the file (see `load(from:)`).
    static func decode(_ bytes: Data, source: String = "map data") throws -> WorldMapData {
        struct RawCountry: Decodable {
            let iso: String?
            let name: String
            let subregion: String?
            let continent: String?
            let label: [Double]
            let path: String
        }
        struct RawFile: Decodable {
            let width: Double
            let height: Double
            let countries: [RawCountry]
        }
        let raw: RawFile
        do {
            raw = try JSONDecoder().decode(RawFile.self, from: bytes)
        } catch {
            throw DataError(description: "\(source): not valid map data: \(error)")
        }
        guard raw.width.isFinite, raw.height.isFinite, raw.width > 0, raw.height > 0 else {
            throw DataError(description: "\(source): width and height must be positive numbers")
        }
        guard !raw.countries.isEmpty else {
            throw DataError(description: "\(source): no countries")
        }
        var countries: [Country] = []
        countries.reserveCapacity(raw.countries.count)
        for rawCountry in raw.countries {
            guard rawCountry.label.count == 2, rawCountry.label.allSatisfy(\.isFinite) else {
                throw DataError(description: "\(source): \(rawCountry.name): label must be [x, y]")
            }
            var iso = rawCountry.iso?.uppercased()
            if let code = iso, code.isEmpty || code == "-99" { iso = nil }
            // Namibia's code is "NA", which some data tools read as "not available": the file has null.
            if iso == nil && rawCountry.name == "Namibia" { iso = "NA" }
            countries.append(try Country(
                iso: iso,
                name: rawCountry.name,
                subregion: rawCountry.subregion ?? "",
                continent: rawCountry.continent ?? "",
                label: (rawCountry.label[0], rawCountry.label[1]),
                path: rawCountry.path
            ))
        }
        return WorldMapData(width: raw.width, height: raw.height, countries: countries)
    }

    /// The country with this ISO code (case-insensitive).
    func country(iso: String) -> Country? {
        let code = iso.uppercased()
        return countries.first { $0.iso == code }
    }
}

/// Reads `M x y L x y … Z` path data into rings with bounding boxes, working on UTF-8 bytes.
private enum PathScanner {
    static func rings(of path: String, country: String) throws -> [WorldMapData.Ring] {
        let bytes = Array(path.utf8)
        var rings: [WorldMapData.Ring] = []
        var index = 0
        var ringStart: Int? = nil
        var bounds = GraphicsBounds.empty
        var area = 0.0
        var firstPoint: (Double, Double)? = nil
        var lastPoint = (0.0, 0.0)
        var command: UInt8 = 0
        var pending: Double? = nil
        var points: [Double] = []

        func fail(_ message: String) -> WorldMapData.DataError {
            WorldMapData.DataError(description: "map data: \(country): \(message)")
        }
        func closeRing(at end: Int) {
            guard let start = ringStart else { return }
            if let first = firstPoint {
                area += lastPoint.0 * first.1 - first.0 * lastPoint.1
            }
            if !bounds.isEmpty {
                let utf8 = path.utf8
                let from = utf8.index(utf8.startIndex, offsetBy: start)
                let to = utf8.index(from, offsetBy: end - start)
                rings.append(WorldMapData.Ring(d: path[from..<to], bounds: bounds, area: abs(area) / 2, points: points))
            }
            points.removeAll(keepingCapacity: true)
            ringStart = nil
            bounds = .empty
            area = 0
            firstPoint = nil
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "M"):
                if pending != nil { throw fail("odd number of coordinates") }
                closeRing(at: index)
                ringStart = index
                command = byte
                index += 1
            case UInt8(ascii: "L"):
                if pending != nil { throw fail("odd number of coordinates") }
                guard ringStart != nil else { throw fail("L before M") }
                command = byte
                index += 1
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                if pending != nil { throw fail("odd number of coordinates") }
                guard ringStart != nil else { throw fail("Z before M") }
                closeRing(at: index + 1)
                command = byte
                index += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard command == UInt8(ascii: "M") || command == UInt8(ascii: "L") else {
                    throw fail("a number outside an M or L command")
                }
                guard let (value, next) = number(in: bytes, from: index) else {
                    throw fail("malformed number (exponents are not supported)")
                }
                index = next
                if let x = pending {
                    pending = nil
                    bounds.add(x: x, y: value)
                    points.append(x)
                    points.append(value)
                    if firstPoint != nil {
                        area += lastPoint.0 * value - x * lastPoint.1
                    } else {
                        firstPoint = (x, value)
                    }
                    lastPoint = (x, value)
                } else {
                    pending = value
                }
            default:
                throw fail("unexpected \"\(Character(Unicode.Scalar(byte)))\" in path data (only M, L and Z are supported)")
            }
        }
        if pending != nil { throw fail("odd number of coordinates") }
        closeRing(at: bytes.count)
        if rings.isEmpty { throw fail("empty path") }
        return rings
    }

    /// A decimal number (`-12.5`, `.5`, `3`) at `start`, and the index after it; nil when malformed.
    private static func number(in bytes: [UInt8], from start: Int) -> (Double, Int)? {
        var index = start
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var value = 0.0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Double(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value += Double(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") { return nil }
        return (negative ? -value : value, index)
    }
}
