import Foundation

/// Separates the YAML front matter between two `---` lines from the Markdown body,
/// remembering where each starts so diagnostics point at lines of the whole file.
struct FrontMatterSplit: Sendable {
    var yaml: Substring
    /// Line of the file on which the YAML's first line stands.
    var yamlFirstLine: Int
    var body: Substring
    /// Line of the file on which the body's first line stands.
    var bodyFirstLine: Int
}

enum FrontMatterSplitter {
    static func split(_ text: String, path: String) -> Result<FrontMatterSplit, Diagnostic> {
        if text.allSatisfy(\.isWhitespace) {
            return .failure(Diagnostic(path: path, line: 1, column: 1, message: "file is empty; expected front matter between two `---` lines"))
        }
        // Walk lines on UTF-8 bytes, only as far as the closing line: bodies can be long.
        var text = text
        let found: (yamlStart: Int, yamlEnd: Int, bodyStart: Int, bodyLine: Int)?? = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var lineStart = 0
            var lineNumber = 0
            var yamlStart: Int?
            while lineStart < bytes.count {
                lineNumber += 1
                let lineEnd = memchr(base + lineStart, 0x0A, bytes.count - lineStart).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                let next = min(lineEnd + 1, bytes.count)
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<(lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd)])
                let isFence = line.count == 3 && (line.allSatisfy { $0 == 0x2D } || line.allSatisfy { $0 == 0x2E })
                if let start = yamlStart {
                    if isFence { return .some((start, lineStart, next, lineNumber + 1)) }
                } else {
                    guard isFence, line[0] == 0x2D else { return .some(nil) }
                    yamlStart = next
                }
                lineStart = next
            }
            return nil
        }
        switch found {
        case .some(.some(let split)):
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            return .success(FrontMatterSplit(yaml: text[index(split.yamlStart)..<index(split.yamlEnd)], yamlFirstLine: 2,
                                             body: text[index(split.bodyStart)...], bodyFirstLine: split.bodyLine))
        case .some(.none):
            return .failure(Diagnostic(path: path, line: 1, column: 1, message: "expected `---` on the first line to open the front matter"))
        case .none:
            break
        }
        return .failure(Diagnostic(path: path, line: 1, column: 1, message: "front matter is not closed: expected a `---` line after the YAML"))
    }
}

extension Substring {
    var trimmingTrailingCarriageReturn: Substring {
        utf8.last == UInt8(ascii: "\r") ? Substring(utf8.dropLast()) : self
    }
}
