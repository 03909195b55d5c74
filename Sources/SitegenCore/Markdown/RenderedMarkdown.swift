/// A Markdown body turned into safe HTML, with what later stages need to know about it.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The HTML as UTF-8, as cmark wrote it: pages take the bytes as they are.
    var htmlBytes: [UInt8]
    /// Root-relative links (`/partners/fiji/`) found in the body, for the link checker.
    public var internalLinks: [InternalLink]
    /// The `id` of every heading, for checking `#fragment` links.
    public var headingIDs: [String]
    /// The first paragraph as plain text; the default summary.
    public var firstParagraph: String?

    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }

    public init(html: String, internalLinks: [InternalLink], headingIDs: [String], firstParagraph: String?) {
        self.init(htmlBytes: Array(html.utf8), internalLinks: internalLinks, headingIDs: headingIDs, firstParagraph: firstParagraph)
    }

    init(htmlBytes: [UInt8], internalLinks: [InternalLink], headingIDs: [String], firstParagraph: String?) {
        self.htmlBytes = htmlBytes
        self.internalLinks = internalLinks
        self.headingIDs = headingIDs
        self.firstParagraph = firstParagraph
    }

    public static let empty = RenderedMarkdown(html: "", internalLinks: [], headingIDs: [], firstParagraph: nil)

    public var isEmpty: Bool { htmlBytes.isEmpty }
}

/// A link from a body to a path of the site, as written (before the base path is added).
public struct InternalLink: Sendable, Hashable {
    public var path: String
    public var fragment: String?
    /// 1-based line and column in the content file.
    public var line: Int
    public var column: Int
}
