/// Escaping for each output format. Work on UTF-8 bytes: these run over every string of a build.
enum Escape {
    /// Text and attribute values in HTML and XML. Other control characters than tab and line
    /// breaks are not allowed in XML 1.0 at all and are dropped.
    static func xml(_ text: String) -> String {
        var text = text
        guard text.withUTF8({ $0.contains(where: needsXMLEscape) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        appendXML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `xml(text)` appended to `out` as UTF-8.
    static func appendXML(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // The text between escapes is copied in runs, not byte by byte.
            var start = 0
            while let special = firstXMLEscape(in: bytes, from: start) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<special]))
                switch bytes[special] {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                case 0x09, 0x0A, 0x0D: out.append(bytes[special])
                default: break
                }
                start = special + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Where the first byte `needsXMLEscape` accepts is, looking at eight bytes at a time: most
    /// values need no escape at all, and a byte at a time was most of the cost of escaping.
    private static func firstXMLEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            // Whether a byte of `word` is zero (with `ones &* 0x20`: below 0x20); exact for bytes up to 0x80.
            func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
            while index + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if (word &- ones &* 0x20) & ~word & highs != 0 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x26))
                    || hasZero(word ^ (ones &* 0x27)) || hasZero(word ^ (ones &* 0x3C)) || hasZero(word ^ (ones &* 0x3E)) {
                    break
                }
                index += 8
            }
        }
        while index < bytes.count {
            if needsXMLEscape(bytes[index]) { return index }
            index += 1
        }
        return nil
    }

    /// `&`, `<`, `>`, `"`, `'` and control characters, as one test of a 64-bit mask.
    @inline(__always)
    private static func needsXMLEscape(_ byte: UInt8) -> Bool {
        let mask: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E
        return byte < 64 && (mask >> UInt64(byte)) & 1 == 1
    }

    /// A JSON string literal, quotes included. `<` is escaped so the JSON is safe inside HTML too.
    static func jsonString(_ text: String) -> String {
        // Most strings need no escape at all; 0xE2 starts U+2028 and U+2029.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func json(_ text: String?) -> String { text.map(jsonString) ?? "null" }

    /// `jsonString(text)` appended to `out` as UTF-8.
    static func appendJSON(_ text: String, to out: inout [UInt8]) {
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 }) {
            out.append(contentsOf: jsonString(text).utf8)
        } else {
            out.append(0x22)
            out.append(contentsOf: text.utf8)
            out.append(0x22)
        }
    }

    /// `json(text)` appended to `out` as UTF-8.
    static func appendJSON(_ text: String?, to out: inout [UInt8]) {
        if let text { appendJSON(text, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// `csv(text)` appended to `out` as UTF-8.
    static func appendCSV(_ text: String?, to out: inout [UInt8]) {
        guard let text, let first = text.utf8.first else { return }
        // `=`, `+`, `-`, `@`, tab and carriage return start what a spreadsheet would run.
        let formula = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first)
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            if formula { out.append(UInt8(ascii: "'")) }
            return out.append(contentsOf: text.utf8)
        }
        out.append(0x22)
        if formula { out.append(UInt8(ascii: "'")) }
        for byte in text.utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    /// An RFC 4180 cell. Cells a spreadsheet would run as a formula get a leading `'`.
    static func csv(_ text: String?) -> String {
        guard var text else { return "" }
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
