/// What a template name resolves to. Views hand templates these typed values, so rendering
/// never has to find out at run time what kind of thing a name holds.
enum TemplateValue {
    case missing
    case text(String)
    /// HTML a view rendered earlier (an activity's list entry), kept as the bytes it was
    /// rendered to: read like text, copied as it is by triple braces. Made a string, ten
    /// thousand entries were each checked as UTF-8 and copied once more for nothing.
    case markup([UInt8])
    case bool(Bool)
    case number(Int)
    case list(any TemplateList)
    case object(any TemplateObject)
}

/// A view templates read by name: `{{title}}`, `{{#partners}}`.
protocol TemplateObject: TemplateRepresentable, Sendable {
    func value(for key: TemplateKey) -> TemplateValue
}

extension TemplateObject {
    var templateValue: TemplateValue { .object(self) }
}

/// A list a section iterates over.
protocol TemplateList {
    var count: Int { get }
    func element(at index: Int) -> TemplateValue
}

/// Anything a view may expose to templates.
protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension String: TemplateRepresentable {
    var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRepresentable {
    var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateRepresentable {
    var templateValue: TemplateValue { .number(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    /// An absent value reads as missing, so `{{#organizer}}` is skipped.
    var templateValue: TemplateValue { self?.templateValue ?? .missing }
}

extension Array: TemplateList where Element: TemplateRepresentable {
    func element(at index: Int) -> TemplateValue { self[index].templateValue }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    var templateValue: TemplateValue { .list(self) }
}

/// A list read back to front, for the `reversed` transform.
struct ReversedTemplateList: TemplateList {
    let base: any TemplateList
    var count: Int { base.count }
    func element(at index: Int) -> TemplateValue { base.element(at: base.count - 1 - index) }
}

/// A view whose fields templates read through a table, one closure per name.
protocol TemplateFields: TemplateObject {
    static var fields: [String: @Sendable (Self) -> TemplateValue] { get }
}

extension TemplateFields {
    func value(for key: TemplateKey) -> TemplateValue {
        Self.fields[key.name]?(self) ?? .missing
    }
}

extension [UInt8] {
    /// A document's rendered body, as markup.
    var bodyValue: TemplateValue { .markup(self) }
}
