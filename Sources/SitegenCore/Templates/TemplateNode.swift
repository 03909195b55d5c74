/// One piece of a parsed template. Templates are parsed once per build into these, checked, and
/// compiled into a `TemplateProgram` for rendering; names and transforms are resolved at parse time.
indirect enum TemplateNode: Sendable {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}...{{/name}}`
    case section(TemplateName, [TemplateNode])
    /// `{{^name}}...{{/name}}`
    case invertedSection(TemplateName, [TemplateNode])
    /// `{{> name}}`; a partial alone on its line indents every line it renders like the tag.
    /// `offset` is where the tag starts in the template's text, for diagnostics.
    case partial(String, indentation: String?, offset: Int)
    /// `{{< name}}{{$block}}...{{/block}}{{/name}}`: `name` rendered with these blocks replaced.
    case parent(String, indentation: String, overrides: [String: [TemplateNode]], offset: Int)
    /// `{{$name}}default{{/name}}`: replaced by an inheriting template's block of that name.
    case block(String, defaultNodes: [TemplateNode], indentation: String)
    /// A block definition directly inside `{{< name}}`; only the parser sees these.
    case blockDefinition(String, [TemplateNode])
}

/// A name as a tag writes it: `title`, `site.title`, `.`, `.title`, with transforms such as
/// `empty(summary)` or `equalzero(minusone(count))`.
struct TemplateName: Sendable, Equatable {
    /// The first dotted part, looked up through the values around; empty for `.`, the current value.
    let first: TemplateKey
    /// The parts after the first, each looked up in the value before it.
    let rest: [TemplateKey]
    /// `.title`: looked up in the current value only, not in the values around it.
    let anchored: Bool
    /// Applied first to last, that is innermost first.
    let transforms: [TemplateTransform]
    /// `first()`, `index()`...: about the position in the list being iterated.
    let readsLoopPosition: Bool
    /// Where the name is written in its template (UTF-8 offset), for diagnostics.
    let offset: Int

    init(_ text: String, transforms: [TemplateTransform], offset: Int = 0) {
        self.offset = offset
        readsLoopPosition = text.isEmpty && !transforms.isEmpty
        // Names are ASCII (`TemplateParser.readName`): split as bytes, not as Characters.
        anchored = text.utf8.first == UInt8(ascii: ".") && text != "."
        let parts = text == "." ? [] : text.utf8.split(separator: UInt8(ascii: ".")).map { String(decoding: $0, as: UTF8.self) }
        first = TemplateKey(parts.first ?? "")
        rest = parts.dropFirst().map(TemplateKey.init)
        self.transforms = transforms
    }
}

/// The transforms a tag may apply to a value, as in `{{^empty(summary)}}`.
enum TemplateTransform: String, Sendable, CaseIterable {
    case empty, count, first, last, reversed, index
    case capitalized, lowercased, uppercased
    case equalzero, plusone, minusone, even, odd
}
