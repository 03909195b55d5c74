/// One front-matter field of a kind of record, declared once. How it is read and checked, how
/// templates name it, and whether it goes into the open-data rows and the search index all
/// follow from this declaration (`ContentReader`, `RecordValues`, `DataExport`, the views).
struct RecordField: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// One line of text.
        case text
        /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        case date
        /// An absolute http(s) URL.
        case url
        /// `true` or `false`.
        case flag
        /// One of a fixed list of values; templates also get `NAME_label` from the strings file
        /// (`role: host` → `{{role_label}}` from `role_host`).
        case choice([String])
        /// A list of ids of records of another folder, each checked to exist.
        case references(ContentFolder.Section)
    }

    /// The front-matter key, the JSON key and CSV column, and the name templates use.
    let name: String
    let kind: Kind
    var isRequired = false
    /// In `data/activities.json` and `.csv`.
    var isExported = true
    /// Text a translation (`ID.ja.md`) may give in its own language.
    var isTranslatable = false

    /// The values a choice field allows, in their declared order; none for other kinds.
    var choices: [String] {
        if case .choice(let values) = kind { values } else { [] }
    }

    /// The folder whose records a reference field names.
    var referencedSection: ContentFolder.Section? {
        if case .references(let section) = kind { section } else { nil }
    }
}

/// The values a record's declared fields were given, by field name.
struct RecordValues: Sendable, Equatable {
    enum Value: Sendable, Equatable {
        case text(String)
        case date(PartialDate)
        case flag(Bool)
        case ids([String])
    }

    private(set) var values: [String: Value] = [:]
    /// Where each id of a reference list is written, for diagnostics.
    private(set) var idLocations: [String: [String: SourceLocation]] = [:]
    /// Where each field's value is written, for diagnostics.
    var fieldLocations: [String: SourceLocation] = [:]

    subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    mutating func setLocation(_ location: SourceLocation, of id: String, in field: String) {
        if idLocations[field]?[id] == nil { idLocations[field, default: [:]][id] = location }
    }

    func location(of id: String, in field: String) -> SourceLocation? { idLocations[field]?[id] }

    func location(of field: String) -> SourceLocation? { fieldLocations[field] }

    func text(_ name: String) -> String? {
        if case .text(let text) = values[name] { return text }
        return nil
    }

    func date(_ name: String) -> PartialDate? {
        if case .date(let date) = values[name] { return date }
        return nil
    }

    func ids(_ name: String) -> [String] {
        if case .ids(let ids) = values[name] { return ids }
        return []
    }

    func flag(_ name: String) -> Bool? {
        if case .flag(let flag) = values[name] { return flag }
        return nil
    }

    static func == (left: RecordValues, right: RecordValues) -> Bool {
        left.values == right.values && left.idLocations == right.idLocations && left.fieldLocations == right.fieldLocations
    }
}

extension ContentReader {
    /// Reads every declared field of `fields` by its kind; `type` is checked against the site's
    /// vocabulary elsewhere (`TypeVocabulary`).
    func values(of declared: [RecordField], from fields: FrontMatter, log: inout DiagnosticLog) -> RecordValues {
        var values = RecordValues()
        for field in declared {
            if fields.contains(field.name) { values.fieldLocations[field.name] = fields.location(of: field.name) }
            switch field.kind {
            case .text:
                values[field.name] = fields.text(field.name, required: field.isRequired, log: &log).map(RecordValues.Value.text)
            case .date:
                values[field.name] = fields.date(field.name, required: field.isRequired, log: &log).map(RecordValues.Value.date)
            case .flag:
                values[field.name] = fields.boolean(field.name, log: &log).map(RecordValues.Value.flag)
            case .url:
                guard let url = fields.text(field.name, required: field.isRequired, log: &log) else { continue }
                if AbsoluteURL(url) == nil {
                    log.error(fields.location(of: field.name), "`\(field.name)` must be an absolute http:// or https:// URL, not `\(url)`")
                } else {
                    values[field.name] = .text(url)
                }
            case .choice(let allowed):
                guard let value = fields.text(field.name, required: field.isRequired, log: &log) else { continue }
                if allowed.contains(value) {
                    values[field.name] = .text(value)
                } else {
                    log.error(fields.location(of: field.name),
                              "`\(field.name)` is `\(value)`; expected one of \(allowed.map { "`\($0)`" }.joined(separator: ", "))\(NameSuggester.hint(for: value, among: allowed))")
                }
            case .references:
                // Each id once, in the order written.
                var ids = FirstOccurrences(capacity: 4)
                for item in fields.textList(field.name, log: &log) {
                    if ids.insert(item.value) {
                        values.setLocation(item.location, of: item.value, in: field.name)
                    } else {
                        log.warning(item.location, "`\(item.value)` is listed twice in `\(field.name)`")
                    }
                }
                values[field.name] = .ids(ids.values)
            }
        }
        return values
    }
}
