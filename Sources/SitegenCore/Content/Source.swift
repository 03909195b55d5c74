/// A public record the portal's facts come from: a press release, a ministry page, a document.
public struct Source: Sendable, Equatable {
    static let declaredFields: [RecordField] = [
        RecordField(name: "title", kind: .text, isRequired: true),
        RecordField(name: "publisher", kind: .text, isRequired: true),
        RecordField(name: "url", kind: .url, isRequired: true),
        RecordField(name: "published", kind: .date),
        RecordField(name: "language", kind: .text),
    ]

    public let document: ContentDocument
    let values: RecordValues

    public var id: String { document.id }
    public var title: String { values.text("title") ?? "" }
    public var publisher: String { values.text("publisher") ?? "" }
    public var url: String { values.text("url") ?? "" }
    public var published: PartialDate? { values.date("published") }
    /// BCP 47 tag of the record's language.
    public var language: String { values.text("language") ?? "en" }
    /// Where it is listed on the portal's `/sources/` page.
    public var anchor: String { "source-" + id }
}
