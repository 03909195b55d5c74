/// Decides which link targets may reach a page: relative links, fragments and the schemes below.
enum LinkSafety {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    static func isSafe(_ url: String) -> Bool {
        var scheme: [UInt8] = []
        for byte in url.utf8 {
            // Browsers ignore ASCII whitespace and control characters inside a scheme: `java\tscript:`.
            if byte <= 0x20 || byte == 0x7F { continue }
            switch byte {
            case UInt8(ascii: ":"): return allowedSchemes.contains(String(decoding: scheme, as: UTF8.self))
            // A path, query or fragment before any colon: a relative link.
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): return true
            // Only ASCII letters can spell an allowed scheme, so only they need lowering.
            default: scheme.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            }
        }
        return true
    }
}
