/// A free-standing page such as the background or about page.
public struct Page: Sendable, Equatable {
    public var document: ContentDocument
    public var title: String
    public var order: Int?
    public var summary: String
    var citations = Citations(values: RecordValues())

    public var id: String { document.id }
    public var sitePath: String { "/\(id)/" }

    static let fields = ["title", "order", "summary"] + Citations.declaredFields.map(\.name)
}
