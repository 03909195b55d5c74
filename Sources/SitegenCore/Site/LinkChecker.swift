/// Checks every root-relative link of every body against the pages and files the build produces.
struct LinkChecker {
    /// Site paths (`/partners/fiji/`, `/feed.xml`) that exist, with the anchors each is known to have;
    /// nil anchors means the page's anchors are not tracked and any fragment is accepted.
    let targets: [String: Set<String>?]
    /// In a further language's edition a missing anchor is a warning: the page is there, in a
    /// translation that may not have every heading of its original.
    var missingAnchorsAreWarnings = false

    /// The links of the document shown as `path`; taking only these spares copying the whole document.
    func check(_ links: [InternalLink], of path: String, log: inout DiagnosticLog) {
        let documentPath = path
        for link in links {
            // Made only for a broken link: most links are fine.
            var location: SourceLocation { SourceLocation(path: documentPath, line: link.line, column: link.column) }
            let path = Self.normalize(link.path)
            guard let anchors = targets[path] else {
                var hint = ""
                if targets[path + "/"] != nil {
                    hint = "; did you mean `\(path)/`?"
                } else if let near = NameSuggester.suggestion(for: path, among: targets.keys) {
                    hint = "; did you mean `\(near)`?"
                }
                log.error(location, "link to `\(link.path)`, a page that does not exist\(hint)")
                continue
            }
            if let fragment = link.fragment, !fragment.isEmpty, !fragment.hasPrefix("fn"), let anchors, !anchors.contains(fragment) {
                let message = "link to `\(link.path)#\(fragment)`: that page has no heading with id `\(fragment)`\(NameSuggester.hint(for: fragment, among: anchors))"
                if missingAnchorsAreWarnings { log.warning(location, message + " in its translation") } else { log.error(location, message) }
            }
        }
    }

    /// `/partners/fiji/index.html` is `/partners/fiji/`; percent-escapes are decoded.
    static func normalize(_ path: String) -> String {
        var path = path.removingPercentEncodingIfPossible
        if path.hasSuffix("/index.html") { path.removeLast("index.html".count) }
        return path
    }
}

extension String {
    var removingPercentEncodingIfPossible: String {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
