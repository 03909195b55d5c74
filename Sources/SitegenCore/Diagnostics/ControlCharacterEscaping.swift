/// Writes control characters as escapes, so that a file name holding a newline or a terminal
/// control sequence cannot split a `PATH:LINE:COLUMN: error:` line or act on the terminal.
enum ControlCharacterEscaping {
    /// `text` with `\n`, `\r` and `\t` written as such and every other control character
    /// (C0, DEL and C1) as `\u{7}`; text without any comes back as it is.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
