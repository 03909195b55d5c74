/// One edition of the National Action Plan on UNSCR 1325.
public struct ActionPlan: Sendable, Equatable {
    public var document: ContentDocument
    public var title: String
    public var edition: Int
    public var adopted: PartialDate
    public var periodStart: PartialDate?
    public var periodEnd: PartialDate?
    public var source: String?
    public var summary: String
    /// Where `edition` is written, for duplicate-edition diagnostics.
    var editionLocation: SourceLocation
    var citations = Citations(values: RecordValues())

    public var id: String { document.id }
    public var sitePath: String { "/action-plans/\(id)/" }

    static let fields = ["title", "edition", "adopted", "period_start", "period_end", "source", "summary"] + Citations.declaredFields.map(\.name)
}
