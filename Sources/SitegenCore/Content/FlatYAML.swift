/// Reads the front matter almost every content file has — one `field: value` per line, values
/// plain, quoted without escapes, or a flow list of ids such as `[fiji, japan]` — into the
/// same values, with the same positions, that composing with Yams gives. Anything else (comments,
/// nesting, block lists, escapes, anchors, duplicate fields...) returns nil and is left to Yams.
/// Composing through Yams was the largest part of reading a content file.
enum FlatYAML {
    static func compose(_ yaml: Substring) -> [(key: FieldValue, value: FieldValue)]? {
        var pairs: [(key: FieldValue, value: FieldValue)] = []
        // A handful of fields: a list compares faster than a set hashes.
        var seen: [Substring] = []
        var lineNumber = 0
        for lineBytes in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = Substring(lineBytes)
            lineNumber += 1
            if line.isEmpty { continue }
            guard let (key, valueColumn, value) = splitField(line), !seen.contains(key),
                  let node = valueNode(value, line: lineNumber, column: valueColumn) else { return nil }
            seen.append(key)
            pairs.append((.text(String(key), isPlain: true, YAMLPosition(line: lineNumber, column: 1)), node))
        }
        return pairs.isEmpty ? nil : pairs
    }

    /// `key: value` → the key, the 1-based column where the value starts, and the value with
    /// trailing spaces removed.
    private static func splitField(_ line: Substring) -> (Substring, Int, Substring)? {
        let bytes = line.utf8
        guard let first = bytes.first, isLetter(first) || first == UInt8(ascii: "_") else { return nil }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = line[line.startIndex..<colon]
        guard key.utf8.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }) else { return nil }
        var start = bytes.index(after: colon)
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: " ") else { return nil }
        while start < bytes.endIndex, bytes[start] == UInt8(ascii: " ") { start = bytes.index(after: start) }
        var end = bytes.endIndex
        while end > start, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        guard start < end else { return nil }
        return (key, bytes.distance(from: bytes.startIndex, to: start) + 1, line[start..<end])
    }

    private static func valueNode(_ value: Substring, line: Int, column: Int) -> FieldValue? {
        let mark = YAMLPosition(line: line, column: column)
        let bytes = value.utf8
        guard isPrintable(value) else { return nil }
        switch bytes.first! {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let quote = bytes.first!
            let inner = bytes.dropFirst().dropLast()
            guard bytes.count >= 2, bytes.last == quote, !inner.contains(quote), !inner.contains(UInt8(ascii: "\\")) else { return nil }
            return .text(String(Substring(inner)), isPlain: false, mark)
        case UInt8(ascii: "["):
            guard bytes.last == UInt8(ascii: "]") else { return nil }
            let inner = value.dropFirst().dropLast()
            var items: [FieldValue] = []
            if !inner.utf8.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                var itemStart = inner.startIndex
                for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                    let leading = part.utf8.prefix { $0 == UInt8(ascii: " ") }.count
                    let item = part.dropFirst(leading).trimmingSuffix(" ")
                    guard !item.isEmpty, item.utf8.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }) else {
                        return nil
                    }
                    let itemColumn = column + value.utf8.distance(from: value.startIndex, to: itemStart) + leading
                    items.append(.text(String(item), isPlain: true, YAMLPosition(line: line, column: itemColumn)))
                    itemStart = part.endIndex < inner.endIndex ? inner.index(after: part.endIndex) : part.endIndex
                }
            }
            return .list(items, mark)
        default:
            // A plain scalar: no indicator first, and nothing that would end it early or make it a mapping.
            guard !isIndicator(bytes.first!), bytes.last != UInt8(ascii: ":"), !endsEarly(bytes) else { return nil }
            return .text(String(value), isPlain: true, mark)
        }
    }

    /// `: ` would make a mapping of the rest of the line, ` #` a comment.
    private static func endsEarly(_ bytes: Substring.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) {
                return true
            }
            previous = byte
        }
        return false
    }

    /// The characters that may not start a plain scalar: ``-?:,[]{}#&*!|>'"%@` ``.
    private static func isIndicator(_ byte: UInt8) -> Bool {
        let low: UInt64 = 1 << 0x2D | 1 << 0x3F | 1 << 0x3A | 1 << 0x2C | 1 << 0x23 | 1 << 0x26 | 1 << 0x2A | 1 << 0x21
            | 1 << 0x3E | 1 << 0x27 | 1 << 0x22 | 1 << 0x25
        let high: UInt64 = 1 << (0x5B - 64) | 1 << (0x5D - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64) | 1 << (0x7C - 64)
            | 1 << (0x40 - 64) | 1 << (0x60 - 64)
        return byte < 64 ? (low >> UInt64(byte)) & 1 == 1 : byte < 128 && (high >> UInt64(byte - 64)) & 1 == 1
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// What YAML accepts in a document, without tabs (which YAML treats specially in places).
    private static func isPrintable(_ value: Substring) -> Bool {
        if value.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return true }
        return value.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0x10000...0x10FFFF: true
            case 0xE000...0xFFFD: scalar.value != 0xFEFF
            default: false
            }
        }
    }
}

private extension Substring {
    func trimmingSuffix(_ character: Character) -> Substring {
        var result = self
        while result.last == character { result = result.dropLast() }
        return result
    }
}
