/// Limits a Markdown body must keep before libcmark-gfm is given it. The system's
/// 0.29.0.gfm.6 is super-linear on some constructs: 300 KB of `![[]()`, of `a <?` or of a
/// paragraph ended by a `-:` line each took 10 to 40 s, and a 1,000-column table padded over
/// 150,000 short rows 43 s and 23 GB. A body within these limits renders in well under a
/// second whatever it holds, and prose never comes near them (the portal's longest body is
/// 4 KB). See docs/editor-limits.md.
///
/// The checks are one pass over the bytes, by lines (ended by LF, CR or CRLF, as CommonMark
/// ends them) and by paragraphs, here any run of lines that are not blank: cmark parses the
/// inline content of each paragraph, heading or table cell on its own, and all of these lie
/// within such a run, so a cost worked out per run can only overestimate cmark's.
enum MarkdownLimits {
    /// A body longer than this is not prose any more.
    static let maximumBytes = 512 * 1024
    /// `|` on one line: a table row's cells are split in time that grows with their square.
    static let maximumTableColumns = 128
    /// Cells of every table of a body, as rows times the widest row: rows are padded to the
    /// header's width, so three short lines per cell could make a page of hundreds of megabytes.
    static let maximumTableCells = 200_000
    /// Block quotes and list items opened on one line.
    static let maximumNesting = 32
    /// Each `[`, `<` and `@` can make cmark scan to the end of its paragraph (an unclosed image
    /// opener, inline HTML or autolink, an e-mail autolink), so a paragraph costs up to their
    /// count times its length; a table delimiter row costs the lines times the bytes of the
    /// paragraph above it. Their sum over the body is held under this: a second at most on the
    /// costliest input found (`-->http://<?` repeated), half a second on most.
    static let maximumInlineWork = 500_000_000
    /// A link reference definition is copied into every link that uses it: the body's `[`
    /// times its longest definition.
    static let maximumReferenceExpansion = 4 * 1024 * 1024

    /// Where a body breaks a limit (line and column within the body, from 1), and which.
    struct Violation: Sendable, Equatable, Error {
        var line: Int
        var column: Int = 1
        var message: String
    }

    /// The first limit `body` breaks, or nil.
    static func firstViolation(in body: some StringProtocol) -> Violation? {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Violation? {
            var scan = Scan(bytes)
            return scan.run()
        }
        if let found = body.utf8.withContiguousStorageIfAvailable(scan) { return found }
        var copy = String(body)
        return copy.withUTF8(scan)
    }

    /// The state of one pass over a body.
    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        var line = 0
        var inlineWork = 0
        var tableCells = 0
        var openBrackets = 0
        /// The longest stretch from a `]:` to the end of its paragraph, and that `]:`'s line.
        var longestDefinition = 0
        var longestDefinitionLine = 0
        var paragraph = Paragraph()

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// One paragraph (run of lines that are not blank) as far as it has been read.
        struct Paragraph {
            var firstLine = 0
            var start = 0
            var lines = 0
            var triggers = 0
            var widestRow = 0
            /// Index within the paragraph of its first line that could be a table delimiter row.
            var delimiterIndex: Int?
            var delimiterLine = 0
            /// Offset of its first `]:`, and that line.
            var definitionStart: Int?
            var definitionLine = 0
        }

        mutating func run() -> Violation? {
            if bytes.count > maximumBytes {
                return Violation(line: 1, message: "the body is \(bytes.count) bytes; a Markdown body is limited to \(maximumBytes) bytes (512 KiB): split the text into several pages")
            }
            var start = 0
            while true {
                line += 1
                var end = start
                if let violation = lineRead(start, &end) { return violation }
                guard end < bytes.count else { break }
                start = end + (bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? 2 : 1)
            }
            if let violation = paragraphEnded(at: bytes.count) { return violation }
            if openBrackets * longestDefinition > maximumReferenceExpansion {
                return Violation(line: longestDefinitionLine, message: "this link reference definition could be copied into \(openBrackets * longestDefinition) bytes of links (\(openBrackets) `[` times up to \(longestDefinition) bytes); a body is limited to \(maximumReferenceExpansion): shorten the definition or use fewer references")
            }
            return nil
        }

        /// What each byte value means to `lineRead`, looked up: most bytes mean nothing but "not
        /// blank", and one test tells them apart. Allocated once for the process and read
        /// without bounds checks, the scan costs about what a loop over the bytes does alone
        /// (1.1 ns a byte; cmark takes 50 on the same prose).
        nonisolated(unsafe) static let kinds: UnsafeBufferPointer<UInt8> = {
            let table = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
            for byte in 0...255 { table[byte] = kind(of: UInt8(byte)) }
            return UnsafeBufferPointer(table)
        }()

        static func kind(of byte: UInt8) -> UInt8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): Kind.space
            case UInt8(ascii: "|"): Kind.pipe
            case UInt8(ascii: "-"): Kind.dash
            case UInt8(ascii: ":"): Kind.colon
            case UInt8(ascii: "["): Kind.bracket
            case UInt8(ascii: "<"), UInt8(ascii: "@"): Kind.trigger
            case 0x0A, 0x0D: Kind.lineBreak
            default: Kind.other
            }
        }

        enum Kind {
            static let other: UInt8 = 0, space: UInt8 = 1, pipe: UInt8 = 2, dash: UInt8 = 3, colon: UInt8 = 4
            static let bracket: UInt8 = 5, trigger: UInt8 = 6, lineBreak: UInt8 = 7
        }

        /// Takes in the line that starts at `start`; `lineEnd` is set to where it ends (its line
        /// break, or the end of the body).
        mutating func lineRead(_ start: Int, _ lineEnd: inout Int) -> Violation? {
            var pipes = 0, triggers = 0, brackets = 0
            // Bytes other than spaces, tabs, `|`, `-` and `:` (which alone make a delimiter row).
            var others = 0, dashes = 0, marks = 0
            var definition: Int?
            let kinds = Self.kinds
            var index = start
            scan: while index < bytes.count {
                let kind = kinds[Int(bytes[index])]
                if kind == Kind.other {
                    others += 1
                    index += 1
                    continue
                }
                switch kind {
                case Kind.lineBreak: break scan
                case Kind.space: break
                case Kind.pipe: pipes += 1
                case Kind.dash: dashes += 1
                case Kind.colon:
                    marks += 1
                    if index > start, bytes[index - 1] == UInt8(ascii: "]"), definition == nil { definition = index - 1 }
                case Kind.bracket: brackets += 1; triggers += 1; others += 1
                default: triggers += 1; others += 1
                }
                index += 1
            }
            let end = index
            lineEnd = end
            let blank = others == 0 && pipes == 0 && dashes == 0 && marks == 0
            let delimiterLike = others == 0 && dashes > 0
            if blank { return paragraphEnded(at: start) }
            if pipes > maximumTableColumns {
                return Violation(line: line, message: "this line has \(pipes) `|`; a table row is limited to \(maximumTableColumns) columns")
            }
            let depth = nesting(start, end)
            if depth > maximumNesting {
                return Violation(line: line, message: "block quotes and lists are nested \(depth) deep on this line; nesting is limited to \(maximumNesting) levels")
            }
            if paragraph.lines == 0 { paragraph = Paragraph(firstLine: line, start: start) }
            if delimiterLike {
                // A delimiter row makes the table extension read the paragraph above it again.
                inlineWork += paragraph.lines * (start - paragraph.start)
                if paragraph.delimiterIndex == nil {
                    paragraph.delimiterIndex = paragraph.lines
                    paragraph.delimiterLine = line
                }
                if inlineWork > maximumInlineWork {
                    return Violation(line: line, message: "this table delimiter row follows \(paragraph.lines) lines of text without a blank line, too many to render quickly (their number times their length counts toward a body's limit of \(maximumInlineWork)): put a blank line before the table's header row")
                }
            }
            if let definition, paragraph.definitionStart == nil {
                paragraph.definitionStart = definition
                paragraph.definitionLine = line
            }
            paragraph.lines += 1
            paragraph.triggers += triggers
            paragraph.widestRow = max(paragraph.widestRow, pipes)
            openBrackets += brackets
            return nil
        }

        /// Counts the paragraph that ends where a blank line or the body starts, at `end`.
        mutating func paragraphEnded(at end: Int) -> Violation? {
            defer { paragraph = Paragraph() }
            guard paragraph.lines > 0 else { return nil }
            let length = end - paragraph.start
            inlineWork += paragraph.triggers * length
            if inlineWork > maximumInlineWork {
                return Violation(line: paragraph.firstLine, message: "this paragraph has \(paragraph.triggers) `[`, `<` and `@` in \(length) bytes, too many to render quickly (their number times the paragraph's length, added up over the body, is limited to \(maximumInlineWork)): break it up with blank lines, or use fewer of them")
            }
            if let delimiterIndex = paragraph.delimiterIndex {
                tableCells += (paragraph.widestRow + 1) * (paragraph.lines - delimiterIndex + 1)
                if tableCells > maximumTableCells {
                    return Violation(line: paragraph.delimiterLine, message: "the tables of this body would have \(tableCells) cells (rows times the widest row); a body is limited to \(maximumTableCells): split the table, or the page")
                }
            }
            if let definitionStart = paragraph.definitionStart, end - definitionStart > longestDefinition {
                longestDefinition = end - definitionStart
                longestDefinitionLine = paragraph.definitionLine
            }
            return nil
        }

        /// Block quote markers and list markers opening the line, each a level of nesting; a
        /// line of markers alone that is a thematic break (`- - -`, `* * *`) opens none.
        func nesting(_ start: Int, _ end: Int) -> Int {
            var index = start, depth = 0
            func isSpace(_ offset: Int) -> Bool { offset < end && (bytes[offset] == 0x20 || bytes[offset] == 0x09) }
            while true {
                while isSpace(index) { index += 1 }
                guard index < end else { break }
                let byte = bytes[index]
                if byte == UInt8(ascii: ">") { depth += 1; index += 1; continue }
                if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+"), index + 1 == end || isSpace(index + 1) {
                    depth += 1; index += 1; continue
                }
                var digits = index
                while digits < end, digits - index < 9, (0x30...0x39).contains(bytes[digits]) { digits += 1 }
                if digits > index, digits < end, bytes[digits] == UInt8(ascii: ".") || bytes[digits] == UInt8(ascii: ")"), digits + 1 == end || isSpace(digits + 1) {
                    depth += 1; index = digits + 1; continue
                }
                break
            }
            return depth > maximumNesting && isThematicBreak(start, end) ? 0 : depth
        }

        /// Three or more of one of `-`, `*`, `_` and nothing else but spaces and tabs.
        func isThematicBreak(_ start: Int, _ end: Int) -> Bool {
            var mark: UInt8 = 0, count = 0
            for index in start..<end {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x09 { continue }
                guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_"), mark == 0 || byte == mark else { return false }
                mark = byte
                count += 1
            }
            return count >= 3
        }
    }
}
