/// Turns heading text into an `id`: lower case, letters and digits of any script, words joined by `-`.
enum HeadingSlug {
    static func make(from text: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(character)
            } else if character == "-" || character == "_" || character.isWhitespace {
                pendingDash = true
            }
        }
        return slug
    }
}
