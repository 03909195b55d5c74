import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// GitHub Flavored Markdown through libcmark-gfm, made safe for the portal:
/// raw HTML is dropped, links with schemes other than http(s), mailto and tel are unlinked,
/// root-relative links get the site's base path, and headings get ids for fragment links.
public struct MarkdownRenderer: Sendable {
    public let basePath: String
    /// The site's root path: links to files that are not pages (`/files/plan.pdf`,
    /// `/data/activities.json`) go there from every language's edition.
    public let rootPath: String

    public init(basePath: String = "/", rootPath: String? = nil) {
        Self.registerExtensions
        self.basePath = basePath
        self.rootPath = rootPath ?? basePath
    }

    private static let registerExtensions: Void = cmark_gfm_core_extensions_ensure_registered()
    /// cmark-gfm 0.29 keeps the inline characters its extensions react to in one process-wide
    /// table that every parse switches on and off: two parses at once can lose strikethrough and
    /// autolinks. Parsing is serialized; walking the tree and rendering HTML run in parallel.
    private static let parseLock = NSLock()
    /// The GFM extensions every body is parsed with, found once: finding them by name made five C
    /// strings per body.
    nonisolated(unsafe) private static let syntaxExtensions: [OpaquePointer] = {
        registerExtensions
        let names: [String] = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]
        return names.compactMap { name in cmark_find_syntax_extension(name) }
    }()

    /// Renders `markdown`, whose first line is line `firstLine` of its file; a body beyond
    /// `MarkdownLimits` is never given to cmark and renders as nothing. `headingIDs`: the ids its
    /// headings take in order (a translation's are its original's, so that `#anchor` links work
    /// in every language); headings beyond them get ids from their text.
    public func render(_ markdown: some StringProtocol, firstLine: Int = 1, headingIDs: [String] = []) -> RenderedMarkdown {
        (try? renderChecked(markdown, firstLine: firstLine, headingIDs: headingIDs).get()) ?? .empty
    }

    /// Renders `markdown` if it keeps within `MarkdownLimits`, or says where it does not
    /// (line and column within `markdown`).
    func renderChecked(_ markdown: some StringProtocol, firstLine: Int = 1, headingIDs: [String] = []) -> Result<RenderedMarkdown, MarkdownLimits.Violation> {
        if let violation = MarkdownLimits.firstViolation(in: markdown) { return .failure(violation) }
        return .success(renderWithinLimits(markdown, firstLine: firstLine, headingIDs: headingIDs))
    }

    private func renderWithinLimits(_ markdown: some StringProtocol, firstLine: Int, headingIDs givenIDs: [String]) -> RenderedMarkdown {
        let memory = cmark_get_default_mem_allocator()!
        let parser = cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES, memory)!
        defer { cmark_parser_free(parser) }
        for syntaxExtension in Self.syntaxExtensions {
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        let parse = {
            // A body is a slice of its file's text: fed in place, not copied out first.
            let fed: Void? = markdown.utf8.withContiguousStorageIfAvailable { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            if fed == nil {
                var text = String(markdown)
                text.withUTF8 { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
                }
            }
            return cmark_parser_finish(parser)
        }
        guard let document = Self.parseLock.withLock(parse) else { return .empty }
        defer { cmark_node_free(document) }

        var edit = DocumentEdit(basePath: basePath, rootPath: rootPath, lineOffset: firstLine - 1, memory: memory)
        edit.collect(from: document)
        edit.apply()
        let headingIDs = edit.injectHeadingIDs(extensions: cmark_parser_get_syntax_extensions(parser), given: givenIDs)

        // Raw HTML was removed above; only our own remains. Style attributes: `align` is obsolete in HTML5.
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        guard let rendered = cmark_render_html_with_mem(document, options, cmark_parser_get_syntax_extensions(parser), memory) else {
            return .empty
        }
        defer { memory.pointee.free(rendered) }
        var html = Array(UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered)))
        // Task-list boxes are disabled and unlabelled; their item text says what they are.
        if strstr(rendered, "<input type=\"checkbox\"") != nil {
            html = Array(String(cString: rendered)
                .replacingOccurrences(of: "<input type=\"checkbox\"", with: "<input type=\"checkbox\" aria-hidden=\"true\"").utf8)
        }
        return RenderedMarkdown(htmlBytes: html, internalLinks: edit.internalLinks,
                                headingIDs: headingIDs, firstParagraph: edit.firstParagraph, plainText: edit.plainText)
    }
}

/// The changes made to a parsed document before it is rendered.
private struct DocumentEdit {
    let basePath: String
    let rootPath: String
    let lineOffset: Int
    /// The arena the document lives in; nodes made here come from it too.
    let memory: UnsafeMutablePointer<cmark_mem>
    var internalLinks: [InternalLink] = []
    var firstParagraph: String?
    var plainText = ""
    private var rawHTML: [OpaquePointer] = []
    private var unsafeLinks: [OpaquePointer] = []
    private var unsafeImages: [OpaquePointer] = []
    private var headings: [OpaquePointer] = []

    init(basePath: String, rootPath: String, lineOffset: Int, memory: UnsafeMutablePointer<cmark_mem>) {
        self.basePath = basePath
        self.rootPath = rootPath
        self.lineOffset = lineOffset
        self.memory = memory
    }

    mutating func collect(from document: OpaquePointer) {
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var text = PlainTextCollector()
        var imageDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_IMAGE { imageDepth -= 1 }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            // The body's text for search: what a reader sees, without raw HTML and image descriptions.
            if imageDepth == 0 {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK: text.append(cmark_node_get_literal(node))
                case CMARK_NODE_SOFTBREAK: text.softBreak()
                case CMARK_NODE_LINEBREAK: text.separate()
                default: if type.rawValue & 0xC000 == 0x8000 { text.separate() }  // a block (CMARK_NODE_TYPE_BLOCK)
                }
            }
            switch type {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                rawHTML.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                inspectLink(node, isImage: type == CMARK_NODE_IMAGE)
                if type == CMARK_NODE_IMAGE { imageDepth += 1 }
            case CMARK_NODE_HEADING:
                headings.append(node)
            case CMARK_NODE_PARAGRAPH where firstParagraph == nil && cmark_node_parent(node) == document:
                let text = Self.plainText(of: node)
                if !text.isEmpty { firstParagraph = text }
            default:
                break
            }
        }
        plainText = text.finished(limit: RenderedMarkdown.plainTextLimit)
    }

    /// Read from cmark's bytes in place: a body has several links, and strings made of each
    /// URL and its parts were a tenth of rendering one.
    private mutating func inspectLink(_ node: OpaquePointer, isImage: Bool) {
        guard let pointer = cmark_node_get_url(node) else { return }
        let url = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
        let slash = UInt8(ascii: "/")
        if url.count > 0, url[0] == slash, url.count == 1 || url[1] != slash {
            let queryStart = url.firstIndex(of: UInt8(ascii: "?")) ?? url.count
            let hash = url[..<queryStart].firstIndex(of: UInt8(ascii: "#"))
            internalLinks.append(InternalLink(
                path: String(decoding: url[..<(hash ?? queryStart)], as: UTF8.self),
                fragment: hash.map { String(decoding: url[($0 + 1)..<queryStart], as: UTF8.self) },
                line: Int(cmark_node_get_start_line(node)) + lineOffset,
                column: Int(cmark_node_get_start_column(node))))
            // Under a base path other than `/`, the link gets it.
            // A page (`/x/`, `/404.html`) in this edition's language; any other file at the site's root.
            let path = url[..<(hash ?? queryStart)]
            let isPage = path.last == slash || path.elementsEqual("/404.html".utf8) || path.count == 1
            let prefix = isPage ? basePath : rootPath
            if prefix != "/" {
                cmark_node_set_url(node, prefix + String(decoding: url.dropFirst(), as: UTF8.self))
            }
        } else if !LinkSafety.isSafe(url) {
            if isImage { unsafeImages.append(node) } else { unsafeLinks.append(node) }
        }
    }

    /// Removes raw HTML and dangerous links; a link's text stays in place as plain inline content.
    mutating func apply() {
        for node in rawHTML + unsafeImages {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for link in unsafeLinks {
            while let child = cmark_node_first_child(link) {
                cmark_node_unlink(child)
                cmark_node_insert_before(link, child)
            }
            cmark_node_unlink(link)
            cmark_node_free(link)
        }
        rawHTML.removeAll()
        unsafeImages.removeAll()
        unsafeLinks.removeAll()
    }

    /// Replaces each heading with the same HTML carrying an `id`, unique within the body.
    mutating func injectHeadingIDs(extensions: UnsafeMutablePointer<cmark_llist>?, given: [String] = []) -> [String] {
        var used: [String: Int] = [:]
        var ids: [String] = []
        for (position, heading) in headings.enumerated() {
            var id = position < given.count ? given[position] : HeadingSlug.make(from: Self.plainText(of: heading))
            if id.isEmpty { id = "section" }
            if let count = used[id] {
                used[id] = count + 1
                id += "-\(count + 1)"
            } else {
                used[id] = 0
            }
            ids.append(id)
            guard let rendered = cmark_render_html_with_mem(heading, CMARK_OPT_UNSAFE, extensions, memory) else { continue }
            var html = String(cString: rendered)
            memory.pointee.free(rendered)
            html.insert(contentsOf: " id=\"\(id)\"", at: html.index(html.startIndex, offsetBy: 3))
            let block = cmark_node_new_with_mem(CMARK_NODE_HTML_BLOCK, memory)
            cmark_node_set_literal(block, html)
            cmark_node_insert_before(heading, block)
            cmark_node_unlink(heading)
            cmark_node_free(heading)
        }
        headings.removeAll()
        return ids
    }

    static func plainText(of node: OpaquePointer) -> String {
        // Bytes gathered first and made a string once, not a string per piece of text.
        var text: [UInt8] = []
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) {
                    text.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal)))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text.append(0x20)
            default:
                break
            }
        }
        return String(decoding: text, as: UTF8.self).trimmingWhitespace
    }
}

/// A body's text as one line for search: blocks apart by a space, white space collapsed, a line
/// break inside Japanese or Chinese text joined without one (as it reads), gathered as bytes up
/// to a bound and cut at a number of characters.
struct PlainTextCollector {
    private(set) var bytes: [UInt8] = []
    private var pendingBreak = false
    private var pendingSpace = false
    /// Enough bytes for `RenderedMarkdown.plainTextLimit` characters of any script.
    static let byteBound = RenderedMarkdown.plainTextLimit * 4 + 64

    /// A new block, a hard line break: a space before the next text.
    mutating func separate() {
        pendingSpace = true
    }

    /// A soft line break: a space, unless it falls between two CJK characters.
    mutating func softBreak() {
        pendingBreak = true
    }

    mutating func append(_ literal: UnsafePointer<CChar>?) {
        guard let literal, bytes.count < Self.byteBound else { return }
        let piece = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        guard let first = piece.first else { return }
        if !bytes.isEmpty {
            if pendingSpace || (pendingBreak && !(Self.endsWithCJK(bytes) && Self.isCJKLead(first))) { space() }
        }
        pendingSpace = false
        pendingBreak = false
        for byte in piece {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { space() } else { bytes.append(byte) }
        }
    }

    private mutating func space() {
        if let last = bytes.last, last != 0x20 { bytes.append(0x20) }
    }

    /// U+3000–U+9FFF (CJK punctuation, kana, ideographs) and U+F900–U+FFFF (compatibility
    /// ideographs, full-width forms) start with these bytes in UTF-8.
    static func isCJKLead(_ byte: UInt8) -> Bool {
        (0xE3...0xE9).contains(byte) || byte == 0xEF
    }

    static func endsWithCJK(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && isCJKLead(bytes[bytes.count - 3]) && bytes[bytes.count - 2] & 0xC0 == 0x80 && bytes[bytes.count - 1] & 0xC0 == 0x80
    }

    /// The text, at most `limit` characters (`PlainText.prefix`).
    func finished(limit: Int) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.last == " " { text.removeLast() }
        return PlainText.prefix(text, limit: limit)
    }
}

enum PlainText {
    /// The first `limit` characters of `text`; a cut falls after the last whole word when a
    /// space is near it (Japanese text, without spaces, is cut at the character).
    static func prefix(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit, let cut = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex),
              cut < text.endIndex else { return text }
        var kept = text[..<cut]
        if text[cut] != " ", let space = kept.suffix(40).lastIndex(of: " ") { kept = kept[..<space] }
        while kept.last == " " { kept = kept.dropLast() }
        return String(kept)
    }
}
