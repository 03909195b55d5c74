/// A country or organization that activities are conducted with or for.
public struct Partner: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case country
        case organization
    }

    public var document: ContentDocument
    public var name: String
    public var kind: Kind
    public var iso: String?
    public var region: String?
    var citations = Citations(values: RecordValues())

    public var id: String { document.id }
    public var sitePath: String { "/partners/\(id)/" }

    static let fields = ["name", "kind", "iso", "region", "summary"] + Citations.declaredFields.map(\.name)
}
