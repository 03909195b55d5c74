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
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        while lineStart < bytes.endIndex {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = Substring(bytes[lineStart..<lineEnd]).trimmingTrailingCarriageReturn
            let next = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : bytes.endIndex
            if let start = yamlStart {
                if line == "---" || line == "..." {
                    return .success(FrontMatterSplit(
                        yaml: text[start..<lineStart], yamlFirstLine: 2,
                        body: text[next...], bodyFirstLine: lineNumber + 1))
                }
            } else {
                guard line == "---" else {
                    return .failure(Diagnostic(path: path, line: 1, column: 1, message: "expected `---` on the first line to open the front matter"))
                }
                yamlStart = next
            }
            lineStart = next
        }
        return .failure(Diagnostic(path: path, line: 1, column: 1, message: "front matter is not closed: expected a `---` line after the YAML"))
    }
}

extension Substring {
    var trimmingTrailingCarriageReturn: Substring {
        utf8.last == UInt8(ascii: "\r") ? Substring(utf8.dropLast()) : self
    }
}
