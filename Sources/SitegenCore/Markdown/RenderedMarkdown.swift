/// A Markdown body turned into safe HTML, with what later stages need to know about it.
public struct RenderedMarkdown: Sendable {
    /// The HTML, or a note that the content cache did not keep it. A rebuild shows few bodies
    /// again, and a large site's bodies were most of the cache, written on every build: the few
    /// pages that need one render it again from its file (`Site.bodyHTML(of:file:)`).
    enum HTML: Sendable {
        /// UTF-8 as cmark wrote it: pages take the bytes as they are, and making a string of them
        /// checked every byte of every body once more.
        case bytes([UInt8])
        case notKept(isEmpty: Bool)
    }

    var storedHTML: HTML

    /// The HTML of a body this process rendered; one read from the content cache has none here.
    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }

    /// `html` as UTF-8.
    var htmlBytes: [UInt8] {
        switch storedHTML {
        case .bytes(let bytes): return bytes
        case .notKept: preconditionFailure("a body from the content cache is rendered again with Site.bodyHTML(of:file:)")
        }
    }
    /// Root-relative links (`/partners/fiji/`) found in the body, for the link checker.
    public var internalLinks: [InternalLink]
    /// The `id` of every heading, for checking `#fragment` links.
    public var headingIDs: [String]
    /// The first paragraph as plain text; the default summary.
    public var firstParagraph: String?

    public init(html: String, internalLinks: [InternalLink], headingIDs: [String], firstParagraph: String?) {
        self.init(storedHTML: .bytes(Array(html.utf8)), internalLinks: internalLinks, headingIDs: headingIDs, firstParagraph: firstParagraph)
    }

    init(storedHTML: HTML, internalLinks: [InternalLink], headingIDs: [String], firstParagraph: String?) {
        self.storedHTML = storedHTML
        self.internalLinks = internalLinks
        self.headingIDs = headingIDs
        self.firstParagraph = firstParagraph
    }

    public static let empty = RenderedMarkdown(html: "", internalLinks: [], headingIDs: [], firstParagraph: nil)

    public var isEmpty: Bool {
        switch storedHTML {
        case .bytes(let bytes): bytes.isEmpty
        case .notKept(let isEmpty): isEmpty
        }
    }
}

/// A link from a body to a path of the site, as written (before the base path is added).
public struct InternalLink: Sendable, Hashable {
    public var path: String
    public var fragment: String?
    /// 1-based line and column in the content file.
    public var line: Int
    public var column: Int
}
