import Foundation

/// Reads the front matter almost every content file has — one `field: value` per line, values
/// plain, quoted (with only the simplest escapes), or a flow list of ids such as `[fiji, japan]`,
/// and comments on lines of their own — into the same values, with the same positions, that
/// composing with Yams gives. Anything else (comments after a value, nesting, block lists, other
/// escapes, anchors, duplicate fields...) returns nil and is left to Yams.
/// Composing through Yams was the largest part of reading a content file.
enum FlatYAML {
    static func compose(_ yaml: Substring) -> [(key: FieldValue, value: FieldValue)]? {
        // Offsets into the bytes: stepping through a substring's UTF-8 view checks every index.
        if let pairs = yaml.utf8.withContiguousStorageIfAvailable({ compose(bytes: $0) }) { return pairs }
        return Array(yaml.utf8).withUnsafeBufferPointer { compose(bytes: $0) }
    }

    private static func compose(bytes: UnsafeBufferPointer<UInt8>) -> [(key: FieldValue, value: FieldValue)]? {
        // A handful of fields: a list compares faster than a set hashes. Both reserved for the
        // usual dozen, rather than grown four times a file.
        var pairs: [(key: FieldValue, value: FieldValue)] = []
        pairs.reserveCapacity(12)
        var seen: [Range<Int>] = []
        seen.reserveCapacity(12)
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = bytes.count
            if lineStart < bytes.count, let newline = memchr(bytes.baseAddress! + lineStart, 0x0A, bytes.count - lineStart) {
                lineEnd = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            lineNumber += 1
            defer { lineStart = lineEnd + 1 }
            // Blank lines, and comments that start their line (the interface strings have a few).
            if lineEnd == lineStart || bytes[lineStart] == UInt8(ascii: "#") { continue }
            guard let (key, value) = splitField(bytes, lineStart..<lineEnd),
                  !seen.contains(where: { sameBytes(bytes, $0, key) }),
                  let node = valueNode(bytes, value, line: lineNumber, column: value.lowerBound - lineStart + 1) else { return nil }
            seen.append(key)
            pairs.append((.text(text(bytes, key), isPlain: true, YAMLPosition(line: lineNumber, column: 1)), node))
        }
        return pairs.isEmpty ? nil : pairs
    }

    private static func sameBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Range<Int>, _ second: Range<Int>) -> Bool {
        first.count == second.count && memcmp(bytes.baseAddress! + first.lowerBound, bytes.baseAddress! + second.lowerBound, first.count) == 0
    }

    /// `key: value` → where the key is, and where the value is with trailing spaces removed.
    private static func splitField(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> (Range<Int>, Range<Int>)? {
        let first = bytes[line.lowerBound]
        guard isLetter(first) || first == UInt8(ascii: "_") else { return nil }
        guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = line.lowerBound..<colon
        guard bytes[key].allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }) else { return nil }
        var start = colon + 1
        guard start < line.upperBound, bytes[start] == UInt8(ascii: " ") else { return nil }
        while start < line.upperBound, bytes[start] == UInt8(ascii: " ") { start += 1 }
        var end = line.upperBound
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard start < end else { return nil }
        return (key, start..<end)
    }

    private static func valueNode(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Range<Int>, line: Int, column: Int) -> FieldValue? {
        let mark = YAMLPosition(line: line, column: column)
        guard isPrintable(bytes, value) else { return nil }
        let first = bytes[value.lowerBound], last = bytes[value.upperBound - 1]
        switch first {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard value.count >= 2, last == first else { return nil }
            let inner = value.lowerBound + 1..<value.upperBound - 1
            let escape = first == UInt8(ascii: "\"") ? UInt8(ascii: "\\") : first
            var index = inner.lowerBound
            while index < inner.upperBound, bytes[index] != first, bytes[index] != escape { index += 1 }
            if index == inner.upperBound { return .text(text(bytes, inner), isPlain: false, mark) }
            return unquoted(bytes, inner, quote: first).map { .text($0, isPlain: false, mark) }
        case UInt8(ascii: "["):
            guard last == UInt8(ascii: "]") else { return nil }
            let inner = value.lowerBound + 1..<value.upperBound - 1
            var items: [FieldValue] = []
            if !bytes[inner].allSatisfy({ $0 == UInt8(ascii: " ") }) {
                var partStart = inner.lowerBound
                while partStart <= inner.upperBound {
                    var partEnd = partStart
                    while partEnd < inner.upperBound, bytes[partEnd] != UInt8(ascii: ",") { partEnd += 1 }
                    var itemStart = partStart, itemEnd = partEnd
                    while itemStart < itemEnd, bytes[itemStart] == UInt8(ascii: " ") { itemStart += 1 }
                    while itemEnd > itemStart, bytes[itemEnd - 1] == UInt8(ascii: " ") { itemEnd -= 1 }
                    guard itemStart < itemEnd, bytes[itemStart..<itemEnd].allSatisfy({
                        isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
                    }) else { return nil }
                    items.append(.text(text(bytes, itemStart..<itemEnd), isPlain: true,
                                       YAMLPosition(line: line, column: column + itemStart - value.lowerBound)))
                    partStart = partEnd + 1
                }
            }
            return .list(items, mark)
        default:
            // A plain scalar: no indicator first, and nothing that would end it early or make it a mapping.
            guard !isIndicator(first), last != UInt8(ascii: ":"), !endsEarly(bytes[value]) else { return nil }
            return .text(text(bytes, value), isPlain: true, mark)
        }
    }

    /// The text between quotes that holds escapes: `\"`, `\\` and `\/` in double quotes (a title
    /// that quotes a name; 2 % of a large archive's files, each read forty times slower by Yams),
    /// `''` in single quotes. Any other escape, or a lone quote, is left to Yams.
    private static func unquoted(_ bytes: UnsafeBufferPointer<UInt8>, _ inner: Range<Int>, quote: UInt8) -> String? {
        let backslash = UInt8(ascii: "\\")
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(inner.count)
        var index = inner.lowerBound
        while index < inner.upperBound {
            let byte = bytes[index]
            guard byte == quote || (quote == UInt8(ascii: "\"") && byte == backslash) else {
                unescaped.append(byte)
                index += 1
                continue
            }
            guard index + 1 < inner.upperBound else { return nil }
            let next = bytes[index + 1]
            if quote == UInt8(ascii: "'") {
                guard next == quote else { return nil }
            } else {
                guard byte == backslash, next == quote || next == backslash || next == UInt8(ascii: "/") else { return nil }
            }
            unescaped.append(next)
            index += 2
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// `: ` would make a mapping of the rest of the line, ` #` a comment.
    private static func endsEarly(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let base = bytes.base
        var index = bytes.startIndex + 1
        while index < bytes.endIndex {
            let previous = base[index - 1], byte = base[index]
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) {
                return true
            }
            index += 1
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
    private static func isPrintable(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        // A plain loop over the bytes: through `allSatisfy` and a range's `contains` each byte
        // of each value cost a dozen instructions.
        var index = range.lowerBound
        while index < range.upperBound, bytes[index] &- 0x20 < 0x5F { index += 1 }
        if index == range.upperBound { return true }
        return text(bytes, range).unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0x10000...0x10FFFF: true
            case 0xE000...0xFFFD: scalar.value != 0xFEFF
            default: false
            }
        }
    }
}
