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
        // Split on the byte: as Characters, "\r\n" is one grapheme and would not split on "\n".
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .lazy.map { Substring($0) }.makeIterator()
        guard let first = lines.next(), first.trimmingTrailingCarriageReturn == "---" else {
            return .failure(Diagnostic(path: path, line: 1, column: 1, message: "expected `---` on the first line to open the front matter"))
        }
        let yamlStart = first.endIndex < text.endIndex ? text.index(after: first.endIndex) : text.endIndex
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            let trimmed = line.trimmingTrailingCarriageReturn
            if trimmed == "---" || trimmed == "..." {
                let bodyStart = line.endIndex < text.endIndex ? text.index(after: line.endIndex) : text.endIndex
                return .success(FrontMatterSplit(
                    yaml: text[yamlStart..<line.startIndex], yamlFirstLine: 2,
                    body: text[bodyStart...], bodyFirstLine: lineNumber + 1))
            }
        }
        return .failure(Diagnostic(path: path, line: 1, column: 1, message: "front matter is not closed: expected a `---` line after the YAML"))
    }
}

extension Substring {
    var trimmingTrailingCarriageReturn: Substring {
        utf8.last == UInt8(ascii: "\r") ? Substring(utf8.dropLast()) : self
    }
}
