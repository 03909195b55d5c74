/// Checks that every id a record names in a reference field (`partners`, `sources`) is the
/// file name of a record in that folder. A record whose own file has errors still counts as
/// there: it is reported in its own file, not again as unknown here.
struct ReferenceChecker {
    let fileIDs: [ContentFolder.Section: Set<String>]

    /// The ids a reference field may name.
    func ids(named field: RecordField) -> Set<String> {
        field.referencedSection.flatMap { fileIDs[$0] } ?? []
    }

    /// `fallback`: where the record is, for an id whose own place is not known.
    func check(_ field: RecordField, of values: RecordValues, at fallback: @autoclosure () -> SourceLocation, log: inout DiagnosticLog) {
        check(field, of: values, among: ids(named: field), at: fallback(), log: &log)
    }

    /// `known`: `ids(named: field)`, looked up once for many records.
    func check(_ field: RecordField, of values: RecordValues, among known: Set<String>, at fallback: @autoclosure () -> SourceLocation,
               log: inout DiagnosticLog) {
        guard let section = field.referencedSection else { return }
        for id in values.ids(field.name) where !known.contains(id) {
            log.error(values.location(of: id, in: field.name) ?? fallback(),
                      "unknown \(Self.noun(section)) `\(id)`\(NameSuggester.nearestHint(for: id, among: known)); \(Self.noun(section)) ids are the file names in \(section.rawValue)/")
        }
    }

    private static func noun(_ section: ContentFolder.Section) -> String {
        switch section {
        case .partners: "partner"
        case .sources: "source"
        case .activities: "activity"
        case .actionPlans: "action plan"
        case .pages: "page"
        }
    }
}
