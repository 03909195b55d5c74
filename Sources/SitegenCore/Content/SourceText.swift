import Foundation

/// A content file's text after the checks every file passes: size, UTF-8, no NUL bytes.
struct SourceText: Sendable {
    static let maximumBytes = 8 * 1024 * 1024

    let text: String

    /// Decodes `bytes`, reporting the first problem at its line and column. `fileSize`: the
    /// file's size by its status, when `bytes` may be only the start of a file over the limit.
    static func decode(_ bytes: [UInt8], path: String, fileSize: Int? = nil) -> Result<SourceText, Diagnostic> {
        if bytes.count > maximumBytes {
            let size = max(bytes.count, fileSize ?? 0)
            return .failure(Diagnostic(path: path, message: BoundedFile.overLimitMessage(size: size, limit: maximumBytes, kind: "content files")))
        }
        // Almost every file is fine: the standard library's validation is much faster than the
        // byte-by-byte walk below, which only has to find where a bad file goes wrong.
        if memchr(bytes, 0, bytes.count) == nil, var text = String(validating: bytes, as: UTF8.self) {
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return .success(SourceText(text: text))
        }
        var line = 1, lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 {
                return .failure(Diagnostic(path: path, line: line, column: index - lineStart + 1,
                                           message: "file contains a NUL byte; content files must be UTF-8 text"))
            }
            if byte == 0x0A { line += 1; lineStart = index + 1 }
            if byte < 0x80 { index += 1; continue }
            let length = utf8SequenceLength(bytes, at: index)
            if length == 0 {
                return .failure(Diagnostic(path: path, line: line, column: index - lineStart + 1,
                                           message: "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); save the file as UTF-8"))
            }
            index += length
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(SourceText(text: text))
    }

    /// Length of a well-formed UTF-8 sequence at `index`, or 0 (RFC 3629: no overlongs, no surrogates).
    private static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch lead {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
