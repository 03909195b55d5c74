/// Decides which link targets may reach a page: relative links, fragments and the schemes below.
enum LinkSafety {
    static let allowedSchemes = ["http", "https", "mailto", "tel"].map { Array($0.utf8) }

    static func isSafe(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { isSafe($0) }
    }

    /// The same for a URL's UTF-8 bytes.
    static func isSafe(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        // No allowed scheme is longer than six letters; a longer one is not allowed.
        var scheme: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
        var length = 0
        for byte in url {
            // Browsers ignore ASCII whitespace and control characters inside a scheme: `java\tscript:`.
            if byte <= 0x20 || byte == 0x7F { continue }
            switch byte {
            case UInt8(ascii: ":"):
                guard length <= 6 else { return false }
                return withUnsafeBytes(of: &scheme) { letters in
                    allowedSchemes.contains { $0.elementsEqual(letters.prefix(length)) }
                }
            // A path, query or fragment before any colon: a relative link.
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): return true
            default:
                // Only ASCII letters can spell an allowed scheme, so only they need lowering.
                if length < 6 {
                    withUnsafeMutableBytes(of: &scheme) { $0[length] = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
                }
                length += 1
            }
        }
        return true
    }
}
