/// A Markdown body turned into safe HTML, with what later stages need to know about it.
public struct RenderedMarkdown: Sendable {
    public var html: String
    /// Root-relative links (`/partners/fiji/`) found in the body, for the link checker.
    public var internalLinks: [InternalLink]
    /// The `id` of every heading, for checking `#fragment` links.
    public var headingIDs: [String]
    /// The first paragraph as plain text; the default summary.
    public var firstParagraph: String?

    public static let empty = RenderedMarkdown(html: "", internalLinks: [], headingIDs: [], firstParagraph: nil)

    public var isEmpty: Bool { html.isEmpty }
}

/// A link from a body to a path of the site, as written (before the base path is added).
public struct InternalLink: Sendable, Hashable {
    public var path: String
    public var fragment: String?
    /// 1-based line and column in the content file.
    public var line: Int
    public var column: Int
}
