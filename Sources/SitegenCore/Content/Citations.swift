/// What every record but an activity may carry to say where its facts come from and when it last
/// changed: `sources: [ids]` of `sources/` files, and `updated`.
struct Citations: Sendable, Equatable {
    static let declaredFields: [RecordField] = [
        RecordField(name: "sources", kind: .references(.sources)),
        RecordField(name: "updated", kind: .date),
    ]

    let values: RecordValues

    var sourceIDs: [String] { values.ids("sources") }
    var updated: PartialDate? { values.date("updated") }
}
