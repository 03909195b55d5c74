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
    /// The whole body as plain text (blocks separated by a space, runs of white space as one),
    /// its first `plainTextLimit` characters at most: the text search finds a record by.
    public var plainText: String

    /// How much of a body is kept as plain text, in characters: every page of the portal whole
    /// (the longest, About, has about 3,700), while a body of megabytes, which a content file may
    /// hold, is not held twice. The search index keeps less of an activity's
    /// (`DataExport.activityBodyLimit`).
    public static let plainTextLimit = 8_000

    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }

    public init(html: String, internalLinks: [InternalLink], headingIDs: [String], firstParagraph: String?, plainText: String = "") {
        self.init(htmlBytes: Array(html.utf8), internalLinks: internalLinks, headingIDs: headingIDs, firstParagraph: firstParagraph,
                  plainText: plainText)
    }

    init(htmlBytes: [UInt8], internalLinks: [InternalLink], headingIDs: [String], firstParagraph: String?, plainText: String = "") {
        self.htmlBytes = htmlBytes
        self.internalLinks = internalLinks
        self.headingIDs = headingIDs
        self.firstParagraph = firstParagraph
        self.plainText = plainText
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
