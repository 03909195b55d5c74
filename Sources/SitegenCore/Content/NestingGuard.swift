/// Rejects YAML nested so deeply that a recursive reader would exhaust its stack,
/// before the YAML is read. Counts open brackets, leading block markers and indentation.
enum NestingGuard {
    /// The 1-based line where nesting first exceeds `limit`, or nil.
    static func firstTooDeepLine(in yaml: String, limit: Int) -> Int? {
        var depth = 0
        var line = 1
        var lineDepth = 0
        var indentation = 0
        var atLineStart = true
        var quote: UInt8?
        for byte in yaml.utf8 {
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineDepth = 0
                indentation = 0
                atLineStart = true
                // A stray apostrophe in a plain scalar must not hide the rest of the file.
                if quote == UInt8(ascii: "'") { quote = nil }
                continue
            }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if !atLineStart { quote = byte }
                atLineStart = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                atLineStart = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                atLineStart = false
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                if atLineStart { lineDepth += 1 }
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if atLineStart { indentation += 1 }
            default:
                atLineStart = false
            }
            // Block nesting costs at least one column of indentation per level.
            if depth > limit || lineDepth > limit || indentation > limit * 4 { return line }
        }
        return nil
    }
}
