/// A Markdown body turned into safe HTML, with what later stages need to know about it.
public struct RenderedMarkdown: Sendable {
    /// The HTML, or where it lies in the content cache it was read from: on a rebuild most
    /// bodies are never shown again, so their text is decoded only if a page asks for it.
    enum HTML: Sendable {
        case text(String)
        case cached(CacheBytes.Slice)
    }

    var storedHTML: HTML

    public var html: String {
        get {
            switch storedHTML {
            case .text(let text): text
            case .cached(let slice): String(decoding: UnsafeBufferPointer(rebasing: slice.bytes.buffer[slice.range]), as: UTF8.self)
            }
        }
        set { storedHTML = .text(newValue) }
    }
    /// Root-relative links (`/partners/fiji/`) found in the body, for the link checker.
    public var internalLinks: [InternalLink]
    /// The `id` of every heading, for checking `#fragment` links.
    public var headingIDs: [String]
    /// The first paragraph as plain text; the default summary.
    public var firstParagraph: String?

    public init(html: String, internalLinks: [InternalLink], headingIDs: [String], firstParagraph: String?) {
        self.init(storedHTML: .text(html), internalLinks: internalLinks, headingIDs: headingIDs, firstParagraph: firstParagraph)
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
        case .text(let text): text.isEmpty
        case .cached(let slice): slice.range.isEmpty
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
