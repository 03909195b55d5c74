/// Parses Mustache template text into nodes: variables, sections, inverted sections, comments,
/// partials, template inheritance (`{{<parent}}` with `{{$block}}`), set delimiters, the
/// `CONTENT_TYPE: HTML` pragma and transforms like `empty(summary)`.
///
/// Lines that hold nothing but a section, comment, partial, block or delimiter tag leave no
/// trace in the output ("standalone" tags, as the Mustache specification describes). Inside
/// an inheriting tag, its first block tag counts as starting a line, and a block's text loses
/// the indentation of its first line, so that `{{<layout}}{{$content}}` may share a line.
/// A block alone on its line is indented like its first line of content: its text loses that
/// indentation, and whatever renders in its place gets it back.
struct TemplateParser {
    struct Failure: Error, Equatable {
        let message: String
        /// UTF-8 offset in the template text.
        let offset: Int
    }

    private struct State {
        var section: (name: String, transforms: [String], offset: Int)?
        var newLine = true
        /// Lines lose `blockIndentation`: inside the blocks of an inheriting tag, and inside a block alone on its line.
        var dedents = false
        var atParentTopLevel = false
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var blockIndentation: [UInt8]?

        func enteringSection(_ name: String, transforms: [String] = [], offset: Int, standalone: Bool) -> State {
            var state = self
            state.section = (name, transforms, offset)
            state.atParentTopLevel = false
            if !standalone { state.newLine = false }
            return state
        }

        func enteringParent(_ name: String, offset: Int) -> State {
            var state = self
            state.section = (name, [], offset)
            state.newLine = true
            state.dedents = true
            state.atParentTopLevel = true
            return state
        }
    }

    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ text: String) throws(Failure) -> [TemplateNode] {
        var parser = TemplateParser(bytes: Array(text.utf8))
        return try parser.parse(State())
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func parse(_ initial: State) throws(Failure) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whitespaceBefore: ArraySlice<UInt8> = []
        while position < bytes.count {
            if state.newLine {
                let whitespace = readSpacesAndTabs()
                if state.dedents && !state.atParentTopLevel {
                    if let indentation = state.blockIndentation {
                        whitespaceBefore = whitespace.dropFirst(indentation.count)
                    } else {
                        state.blockIndentation = Array(whitespace)
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let (text, foundTag) = readTextUntilTagOrNewline(state)
            if let newline = readNewline() {
                nodes.append(.text(Self.string(whitespaceBefore, text, newline)))
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Self.string(whitespaceBefore, text)))
                whitespaceBefore = []
                state.newLine = false
            }
            guard foundTag else { break }
            let tagOffset = position - state.open.count
            guard position < bytes.count else { throw Failure(message: "a tag is not closed with `\(Self.string(state.close[...]))`", offset: tagOffset) }
            var standalone = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let (raw, name) = try readName(state)
                if isStandalone(state) {
                    standalone = true
                } else if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Self.string(whitespaceBefore)))
                    whitespaceBefore = []
                }
                let children = try parse(state.enteringSection(raw.name, transforms: raw.transforms, offset: tagOffset, standalone: standalone))
                nodes.append(inverted ? .invertedSection(name, children) : .section(name, children))
            case UInt8(ascii: "/"):
                position += 1
                let nameOffset = position
                let (raw, _) = try readName(state)
                guard let section = state.section else {
                    throw Failure(message: "`\(raw.name)` is closed but was never opened", offset: nameOffset)
                }
                guard raw.name == section.name, raw.transforms == section.transforms else {
                    throw Failure(message: "a section is closed with another name than it was opened with", offset: nameOffset)
                }
                if !isStandalone(state), !whitespaceBefore.isEmpty {
                    nodes.append(.text(Self.string(whitespaceBefore)))
                }
                return nodes
            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(state.close, from: position) else {
                    throw Failure(message: "a comment is not closed with `\(Self.string(state.close[...]))`", offset: tagOffset)
                }
                position = end + state.close.count
                standalone = isStandalone(state)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Self.string(whitespaceBefore)))
                    whitespaceBefore = []
                }
                position += 1
                let (_, name) = try readName(state)
                if triple {
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                        throw Failure(message: "a tag is not closed with `}\(Self.string(state.close[...]))`", offset: position)
                    }
                    position += 1
                }
                nodes.append(.variable(name, escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                let name = try readPartialName(state)
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Self.string(whitespaceBefore)))
                }
                if isStandalone(state) {
                    standalone = true
                    nodes.append(.partial(name, indentation: Self.string(whitespaceBefore), offset: tagOffset))
                } else {
                    nodes.append(.partial(name, indentation: nil, offset: tagOffset))
                }
                whitespaceBefore = []
            case UInt8(ascii: "<"):
                position += 1
                let name = try readPartialName(state)
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Self.string(whitespaceBefore)))
                }
                standalone = isStandalone(state)
                var overrides: [String: [TemplateNode]] = [:]
                for child in try parse(state.enteringParent(name, offset: tagOffset)) {
                    switch child {
                    case .blockDefinition(let block, let children): overrides[block] = children
                    case .text: break
                    default: throw Failure(message: "only blocks may stand inside an inheriting tag", offset: tagOffset)
                    }
                }
                nodes.append(.parent(name, indentation: Self.string(whitespaceBefore), overrides: overrides, offset: tagOffset))
                whitespaceBefore = []
            case UInt8(ascii: "$"):
                position += 1
                let (raw, _) = try readName(state)
                guard raw.transforms.isEmpty else {
                    throw Failure(message: "a transform cannot apply to a block", offset: tagOffset)
                }
                if state.atParentTopLevel {
                    standalone = isStandalone(state)
                    let children = try parse(state.enteringSection(raw.name, offset: tagOffset, standalone: standalone))
                    nodes.append(.blockDefinition(raw.name, children))
                } else {
                    standalone = isStandalone(state)
                    var inner = state.enteringSection(raw.name, offset: tagOffset, standalone: standalone)
                    // Alone on its line, the block takes the indentation of the line after it (its
                    // first line of content, within the block around it if any), or keeps the tag's
                    // when it has no content.
                    let enclosing = state.dedents ? state.blockIndentation ?? [] : []
                    let own = standalone ? spacesAndTabs(at: position).dropFirst(enclosing.count) : whitespaceBefore
                    if standalone {
                        inner.dedents = true
                        inner.blockIndentation = enclosing + own
                    }
                    let children = try parse(inner)
                    let indentation = children.isEmpty ? whitespaceBefore : own
                    if !indentation.isEmpty {
                        nodes.append(.text(Self.string(indentation)))
                    }
                    nodes.append(.block(raw.name, defaultNodes: children, indentation: Self.string(indentation)))
                    whitespaceBefore = []
                }
            case UInt8(ascii: "="):
                position += 1
                try readDelimiters(&state)
                standalone = isStandalone(state)
            case UInt8(ascii: "%"):
                position += 1
                try readPragma(state)
                standalone = isStandalone(state)
            default:
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Self.string(whitespaceBefore)))
                    whitespaceBefore = []
                }
                let (_, name) = try readName(state)
                nodes.append(.variable(name, escaped: true))
            }
            state.newLine = standalone
        }
        if let section = state.section {
            throw Failure(message: "`\(section.name)` is opened but never closed", offset: section.offset)
        }
        return nodes
    }

    // MARK: Tags

    /// Which bytes a name may hold, by byte: a table read, where a set hashed every byte of every tag.
    private static let nameCharacters = ByteClass("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*()")
    private static let partialNameCharacters = ByteClass("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*()/")

    /// A tag's name up to the closing delimiter, and what it means.
    private mutating func readName(_ state: State) throws(Failure) -> (raw: (name: String, transforms: [String]), name: TemplateName) {
        skipWhitespace()
        let start = position
        // A closing delimiter may be made of name characters, as `)` in `{{=( )=}}`: it ends the name.
        while position < bytes.count, Self.nameCharacters.contains(bytes[position]), !matches(state.close, at: position) { position += 1 }
        let text = Self.string(bytes[start..<position])
        skipWhitespace()
        try expectClose(state)
        let (name, transformNames) = try Self.splitTransforms(text, offset: start)
        var transforms: [TemplateTransform] = []
        for transformName in transformNames {
            guard let transform = TemplateTransform(rawValue: transformName) else {
                let known = TemplateTransform.allCases.map(\.rawValue)
                throw Failure(message: "unknown transform `\(transformName)`\(NameSuggester.hint(for: transformName, among: known))", offset: start)
            }
            transforms.append(transform)
        }
        return ((name, transformNames), TemplateName(name, transforms: transforms.reversed(), offset: start))
    }

    /// `equalzero(minusone(count))` → (`count`, [`equalzero`, `minusone`]).
    private static func splitTransforms(_ text: String, offset: Int) throws(Failure) -> (String, [String]) {
        // Bytes: `String.contains` with a string went through Foundation's search for every tag.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) else { return (text, []) }
        var transforms: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "(") {
            let transform = rest[..<open]
            guard !transform.isEmpty, !transform.utf8.contains(UInt8(ascii: ")")) else { break }
            transforms.append(String(transform))
            rest = rest[rest.index(after: open)...]
        }
        let name = rest.prefix { $0 != ")" }
        let closing = rest.dropFirst(name.count)
        guard !transforms.isEmpty, !name.utf8.contains(UInt8(ascii: "(")), closing.count == transforms.count, closing.allSatisfy({ $0 == ")" }) else {
            throw Failure(message: "`\(text)` is not a name or a transform of one, like `empty(summary)`", offset: offset)
        }
        return (String(name), transforms)
    }

    private mutating func readPartialName(_ state: State) throws(Failure) -> String {
        skipWhitespace()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
            throw Failure(message: "partials named by a value (`*name`) are not supported", offset: start)
        }
        while position < bytes.count, Self.partialNameCharacters.contains(bytes[position]), !matches(state.close, at: position) {
            position += 1
        }
        let name = Self.string(bytes[start..<position])
        skipWhitespace()
        try expectClose(state)
        return name
    }

    /// `{{=<% %>=}}`
    private mutating func readDelimiters(_ state: inout State) throws(Failure) {
        let start = position
        let failure = Failure(message: "a delimiter change must read like `{{=<% %>=}}`", offset: start)
        skipWhitespace()
        let openStart = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]) { position += 1 }
        let open = Array(bytes[openStart..<position])
        skipWhitespace()
        let closeStart = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "=") { position += 1 }
        let close = Array(bytes[closeStart..<position])
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "="), !open.isEmpty, !close.isEmpty else { throw failure }
        position += 1
        guard matches(state.close, at: position) else { throw failure }
        position += state.close.count
        state.open = open
        state.close = close
        state.atParentTopLevel = false
    }

    /// `{{% CONTENT_TYPE: HTML }}`: templates always produce HTML, so that is the only one accepted.
    private mutating func readPragma(_ state: State) throws(Failure) {
        let start = position
        guard let end = find(state.close, from: position) else {
            throw Failure(message: "a tag is not closed with `\(Self.string(state.close[...]))`", offset: start)
        }
        let text = Self.string(bytes[start..<end]).filter { !$0.isWhitespace }
        guard text == "CONTENT_TYPE:HTML" else {
            throw Failure(message: "unknown pragma `\(text)`: templates produce HTML, `{{% CONTENT_TYPE: HTML }}` is the only one", offset: start)
        }
        position = end + state.close.count
    }

    // MARK: Reading

    private mutating func expectClose(_ state: State) throws(Failure) {
        guard matches(state.close, at: position) else {
            throw Failure(message: "a tag is not closed with `\(Self.string(state.close[...]))`", offset: position)
        }
        position += state.close.count
    }

    /// Text up to the next opening delimiter (consumed) or newline (left in place).
    private mutating func readTextUntilTagOrNewline(_ state: State) -> (ArraySlice<UInt8>, foundTag: Bool) {
        let start = position
        let first = state.open[0]
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x0A || (byte == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A) {
                return (bytes[start..<position], false)
            }
            if byte == first, matches(state.open, at: position) {
                let text = bytes[start..<position]
                position += state.open.count
                return (text, true)
            }
            position += 1
        }
        return (bytes[start..<position], false)
    }

    private mutating func readNewline() -> ArraySlice<UInt8>? {
        guard position < bytes.count else { return nil }
        let start = position
        if bytes[position] == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A {
            position += 2
        } else if bytes[position] == 0x0A {
            position += 1
        } else {
            return nil
        }
        return bytes[start..<position]
    }

    private mutating func readSpacesAndTabs() -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        return bytes[start..<position]
    }

    /// The spaces and tabs from `offset` on, left in place.
    private func spacesAndTabs(at offset: Int) -> ArraySlice<UInt8> {
        var end = offset
        while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
        return bytes[offset..<end]
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// A tag that began its line and ends it, except for spaces and tabs: the rest of the line,
    /// newline included, is consumed.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if position >= bytes.count { return true }
        var end = position
        while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
        let saved = position
        position = end
        if readNewline() != nil { return true }
        position = saved
        return false
    }

    private func matches(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= bytes.count else { return false }
        for index in delimiter.indices where bytes[offset + index] != delimiter[index] { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from offset: Int) -> Int? {
        var index = offset
        while index + delimiter.count <= bytes.count {
            if matches(delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func string(_ parts: ArraySlice<UInt8>...) -> String {
        var bytes: [UInt8] = []
        for part in parts { bytes.append(contentsOf: part) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

