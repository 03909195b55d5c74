/// Escaping for each output format. Work on UTF-8 bytes: these run over every string of a build.
enum Escape {
    /// Text and attribute values in HTML and XML. Other control characters than tab and line
    /// breaks are not allowed in XML 1.0 at all and are dropped.
    static func xml(_ text: String) -> String {
        guard text.withUTF8InPlace({ firstXMLEscape(in: $0, from: 0) != nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        appendXML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `xml(text)` appended to `out` as UTF-8.
    static func appendXML(_ text: String, to out: inout [UInt8]) {
        text.withUTF8InPlace { bytes in
            // The text between escapes is copied in runs, not byte by byte.
            var start = 0
            while let special = firstXMLEscape(in: bytes, from: start) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<special]))
                switch bytes[special] {
                case UInt8(ascii: "&"): append("&amp;", to: &out)
                case UInt8(ascii: "<"): append("&lt;", to: &out)
                case UInt8(ascii: ">"): append("&gt;", to: &out)
                case UInt8(ascii: "\""): append("&quot;", to: &out)
                case UInt8(ascii: "'"): append("&#39;", to: &out)
                case 0x09, 0x0A, 0x0D: out.append(bytes[special])
                default: break
                }
                start = special + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// An entity's bytes, copied from where the compiler put them: appending a string's UTF-8
    /// view went through the string each time ("women's" is in many titles and summaries).
    @inline(__always)
    private static func append(_ entity: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
    }

    /// Where the first byte `needsXMLEscape` accepts is, at or after `start`.
    private static func firstXMLEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        firstByte(in: bytes, from: start, needsXMLEscape) { word in
            hasByteBelow0x20(word) || hasByte(0x22, word) || hasByte(0x26, word) || hasByte(0x27, word)
                || hasByte(0x3C, word) || hasByte(0x3E, word)
        }
    }

    /// The first byte at or after `start` that `matches`, skipping eight bytes at a time while
    /// `wordMayMatch` says none of them does: most values need no escape at all, and looking
    /// at a byte at a time was most of the cost of escaping.
    @inline(__always)
    private static func firstByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ matches: (UInt8) -> Bool,
                                  wordMayMatch: (UInt64) -> Bool) -> Int? {
        var index = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + 8 <= bytes.count, !wordMayMatch(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
            }
        }
        while index < bytes.count {
            if matches(bytes[index]) { return index }
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

    /// `jsonString(text)` appended to `out` as UTF-8, escaped byte by byte between runs copied whole.
    static func appendJSON(_ text: String, to out: inout [UInt8]) {
        text.withUTF8InPlace { bytes in
            out.append(0x22)
            var start = 0
            while let special = firstJSONSpecial(in: bytes, from: start) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<special]))
                start = special + 1
                switch bytes[special] {
                case 0x22: out.append(contentsOf: #"\""#.utf8)
                case 0x5C: out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x3C: out.append(contentsOf: #"\u003c"#.utf8)
                case 0xE2:
                    // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end lines in JavaScript; other E2 sequences stay.
                    if special + 2 < bytes.count, bytes[special + 1] == 0x80, bytes[special + 2] == 0xA8 || bytes[special + 2] == 0xA9 {
                        out.append(contentsOf: (bytes[special + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                        start = special + 3
                    } else {
                        out.append(0xE2)
                    }
                case let control:
                    let digits: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(digits[Int(control >> 4)])
                    out.append(digits[Int(control & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(0x22)
        }
    }

    /// The first byte at or after `start` that a JSON string cannot carry as it is: a control
    /// character, `"`, `\`, `<`, or 0xE2, which may start U+2028 or U+2029. Eight bytes at a time.
    private static func firstJSONSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        firstByte(in: bytes, from: start, { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 }) { word in
            hasByteBelow0x20(word) || hasByte(0x22, word) || hasByte(0x5C, word) || hasByte(0x3C, word) || hasByte(0xE2, word)
        }
    }

    /// Whether a byte of `word` equals `byte`: a zero byte of the exclusive or, found without branches.
    @inline(__always)
    private static func hasByte(_ byte: UInt8, _ word: UInt64) -> Bool {
        let difference = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080 != 0
    }

    /// Whether a byte of `word` is below 0x20 (exact, also among bytes of 0x80 and over).
    @inline(__always)
    private static func hasByteBelow0x20(_ word: UInt64) -> Bool {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// `json(text)` appended to `out` as UTF-8.
    static func appendJSON(_ text: String?, to out: inout [UInt8]) {
        if let text { appendJSON(text, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// `csv(text)` appended to `out` as UTF-8.
    static func appendCSV(_ text: String?, to out: inout [UInt8]) {
        guard let text, !text.isEmpty else { return }
        text.withUTF8InPlace { bytes in
            // `=`, `+`, `-`, `@`, tab and carriage return start what a spreadsheet would run.
            let formula = switch bytes[0] {
            case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
            default: false
            }
            guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                if formula { out.append(UInt8(ascii: "'")) }
                return out.append(contentsOf: bytes)
            }
            out.append(0x22)
            if formula { out.append(UInt8(ascii: "'")) }
            for byte in bytes {
                out.append(byte)
                if byte == 0x22 { out.append(0x22) }
            }
            out.append(0x22)
        }
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
