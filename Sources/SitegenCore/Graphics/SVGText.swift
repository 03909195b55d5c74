/// Text and number helpers for the build-time graphics. Self-contained on purpose: the graphics
/// depend on no other file of the project.
enum SVGText {
    /// Escapes text for an SVG/HTML text node or a quoted attribute value: `& < > " '`.
    /// Control characters other than tab, newline and carriage return are dropped (not allowed in XML 1.0).
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 < 0x20 }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A number written compactly with at most one decimal: `12`, `3.5`, `-0.2`; never `-0`, never an exponent.
    static func number(_ value: Double) -> String {
        var out: [UInt8] = []
        appendNumber(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `number(value)` appended to `out` as UTF-8: a locator map writes some hundred thousand of them.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { return out.append(UInt8(ascii: "0")) }
        let tenths = (value * 10).rounded()
        // Beyond 15 digits the tenths do not matter (and Int64 ends at 9.2e18): clamp, never crash.
        guard abs(tenths) < 9e15 else { return out.append(contentsOf: String(Int64(min(max(value, -9e18), 9e18).rounded())).utf8) }
        let t = Int64(tenths)
        if t == 0 { return out.append(UInt8(ascii: "0")) }
        if t < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = t.magnitude
        out.appendDecimal(Int(magnitude / 10))
        let fraction = magnitude % 10
        if fraction != 0 {
            out.append(UInt8(ascii: "."))
            out.append(UInt8(ascii: "0") + UInt8(fraction))
        }
    }

    /// An element id made safe for `id` and for the space-separated id lists of `aria-labelledby`:
    /// ASCII letters, digits, `-` and `_` are kept, anything else becomes `-`. Never empty.
    static func identifier(_ raw: String) -> String {
        var result = ""
        result.reserveCapacity(raw.utf8.count)
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                // One `-` for each byte would make ids of non-ASCII text long; one per run is enough.
                if !result.hasSuffix("-") { result += "-" }
            }
        }
        if result.isEmpty { return "chart" }
        if let first = result.utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: "-") {
            return "g" + result
        }
        return result
    }

    /// A rough width of `text` set in the site's sans-serif font at `fontSize` (in the same units).
    /// Charts use it to keep labels apart and inside the view box; wide (CJK) characters count one em.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x2E, 0x2C, 0x3A, 0x3B, 0x27, 0x69, 0x6A, 0x6C, 0x49, 0x7C, 0x21: ems += 0.3   // space . , : ; ' i j l I | !
            case 0x30...0x39: ems += 0.56
            case 0x41...0x5A: ems += 0.66
            case 0x6D, 0x77, 0x4D, 0x57: ems += 0.85
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
                ems += 1.0
            case 0x300...0x36F, 0x200B...0x200F: break   // combining marks, zero-width characters
            default: ems += 0.55
            }
        }
        return ems * fontSize
    }

    /// `text`, shortened with `…` when it would be wider than `width`.
    static func truncated(_ text: String, toWidth width: Double, fontSize: Double) -> String {
        guard estimatedWidth(text, fontSize: fontSize) > width else { return text }
        let ellipsis = estimatedWidth("…", fontSize: fontSize)
        var kept = ""
        var used = 0.0
        for character in text {
            let w = estimatedWidth(String(character), fontSize: fontSize)
            if used + w + ellipsis > width { break }
            kept.append(character)
            used += w
        }
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }
}

/// An axis-aligned box in canvas units.
struct GraphicsBounds: Sendable, Equatable {
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double

    static let empty = GraphicsBounds(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    var isEmpty: Bool { minX > maxX || minY > maxY }
    var width: Double { isEmpty ? 0 : maxX - minX }
    var height: Double { isEmpty ? 0 : maxY - minY }
    var midX: Double { (minX + maxX) / 2 }
    var midY: Double { (minY + maxY) / 2 }

    mutating func add(x: Double, y: Double) {
        if x < minX { minX = x }
        if x > maxX { maxX = x }
        if y < minY { minY = y }
        if y > maxY { maxY = y }
    }

    func union(_ other: GraphicsBounds) -> GraphicsBounds {
        GraphicsBounds(minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    func contains(x: Double, y: Double) -> Bool { x >= minX && x <= maxX && y >= minY && y <= maxY }

    func contains(_ other: GraphicsBounds) -> Bool {
        !other.isEmpty && other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    func intersects(_ other: GraphicsBounds) -> Bool {
        !isEmpty && !other.isEmpty && minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    /// The distance between the two boxes along the axis where they are furthest apart; 0 when they touch or overlap.
    func gap(to other: GraphicsBounds) -> Double {
        let dx = max(0, max(other.minX - maxX, minX - other.maxX))
        let dy = max(0, max(other.minY - maxY, minY - other.maxY))
        return max(dx, dy)
    }
}
