import Foundation

/// Makes ids from titles: diacritics folded, lower case, ASCII letters and digits joined by `-`.
public enum Slug {
    public static func make(_ text: String, maximumLength: Int = 60) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                                  locale: Locale(identifier: "en"))
        var slug = ""
        var pendingDash = false
        for scalar in folded.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        if slug.count > maximumLength {
            slug = String(slug.prefix(maximumLength))
            if let lastDash = slug.lastIndex(of: "-"), slug.distance(from: slug.startIndex, to: lastDash) > maximumLength / 2 {
                slug = String(slug[..<lastDash])
            }
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug
    }
}
