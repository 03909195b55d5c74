/// Decides which link targets may reach a page: relative links, fragments and the schemes below.
enum LinkSafety {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    static func isSafe(_ url: String) -> Bool {
        // Browsers ignore ASCII whitespace and control characters inside a scheme: `java\tscript:`.
        let compact = url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }
        let text = String(String.UnicodeScalarView(compact)).lowercased()
        guard let colon = text.firstIndex(of: ":") else { return true }
        let beforeColon = text[..<colon]
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return allowedSchemes.contains(String(beforeColon))
    }
}
