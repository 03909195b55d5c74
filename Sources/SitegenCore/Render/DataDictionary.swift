import Foundation

/// The `/data/` page's data dictionary: every open-data file and every column or key of each,
/// with its type, its meaning (from the strings file: `column_NAME` for activities,
/// `partner_column_NAME`, `plan_column_NAME` and `source_column_NAME` for the others) and an
/// example taken from the files themselves. The activity columns follow `DataExport.columns`,
/// so a field declared in `Activity.declaredFields` is documented as soon as it is exported.
struct DataDictionary {
    /// The site's own files, in the first language, with the other languages' text beside it.
    let export: DataExport
    /// The interface strings of the edition the page is shown in.
    let strings: InterfaceStrings

    /// How many rows of the smaller JSON files are read for examples.
    static let exampleRows = 40
    /// How many activities are read for examples: a field first used after them shows none,
    /// and a page of ten thousand activities is not read whole for it.
    static let exampleActivities = 1_000
    /// Examples longer than this are shortened with "…".
    static let exampleLength = 72

    /// The keys of `partners.json`, `action-plans.json` and `sources.json`, in the files' order.
    static let partnerKeys = ["id", "name", "kind", "iso", "region", "activity_count", "url", "translations"]
    static let planKeys = ["id", "title", "edition", "adopted", "period_start", "period_end", "url", "translations"]
    static let sourceKeys = ["id", "title", "publisher", "url", "published", "language", "record_count", "portal_url"]

    /// Every strings key the dictionary reads for the meaning of a column: each must be in every strings file.
    static var meaningKeys: [String] {
        ["column_id"] + DataExport.columns.map { "column_" + $0.name } + DataExport.spreadsheetColumns.map { "column_" + $0 }
            + partnerKeys.map { "partner_column_" + $0 } + planKeys.map { "plan_column_" + $0 }
            + sourceKeys.map { "source_column_" + $0 }
    }

    var content: SiteContent { export.content }

    // MARK: Files

    func files() -> [DataFileEntry] {
        let root = content.settings.rootPath
        let count = { (n: Int) in
            strings.label(n == 1 ? "data_rows_one" : "data_rows_other").replacingPlaceholders(["count": String(n)])
        }
        return [
            DataFileEntry(name: "activities.json", url: root + "data/activities.json", format: "JSON",
                          description: strings.label("data_file_activities_json"), rows: count(content.activities.count), anchor: "activities"),
            DataFileEntry(name: "activities.csv", url: root + "data/activities.csv", format: "CSV",
                          description: strings.label("data_file_activities_csv"), rows: count(content.activities.count), anchor: "activities"),
            DataFileEntry(name: "partners.json", url: root + "data/partners.json", format: "JSON",
                          description: strings.label("data_file_partners_json"), rows: count(content.partners.count), anchor: "partners"),
            DataFileEntry(name: "action-plans.json", url: root + "data/action-plans.json", format: "JSON",
                          description: strings.label("data_file_action_plans_json"), rows: count(content.actionPlans.count), anchor: "action-plans"),
            DataFileEntry(name: "sources.json", url: root + "data/sources.json", format: "JSON",
                          description: strings.label("data_file_sources_json"), rows: count(content.sources.count), anchor: "sources"),
        ]
    }

    // MARK: Activities

    /// Every column of the activity files: `id`, the exported fields (with `url`), the translated
    /// text columns of each further language and the spreadsheet columns (the last two in the CSV only).
    func activityColumns() -> [DataColumnEntry] {
        let activities = content.activities
        var columns = [DataColumnEntry(name: "id", type: strings.label("column_type_id"), meaning: strings.label("column_id"),
                                       example: activities.first.map(\.id))]
        // Each field's example from the first activity that has it, in one pass that ends once every field has one.
        var examples: [String: String] = [:]
        let fields = DataExport.columns.compactMap { if case .field(let field) = $0 { field.name } else { nil } }
        for activity in activities.prefix(Self.exampleActivities) where examples.count < fields.count {
            for name in fields where examples[name] == nil {
                if let text = Self.exampleText(activity.values[name]) { examples[name] = text }
            }
        }
        for column in DataExport.columns {
            let type: String
            var example: String?
            switch column {
            case .url:
                type = strings.label("column_type_url")
                example = activities.first.map { Self.shortened(content.settings.absoluteURL($0.sitePath)) }
            case .field(let field):
                type = typeText(field)
                example = examples[field.name]
            }
            columns.append(DataColumnEntry(name: column.name, type: type, meaning: strings.label("column_" + column.name), example: example))
        }
        for edition in export.translations {
            let language = edition.settings.language
            let languageName = strings.label("language_name_" + language)
            for name in DataExport.translatedColumns {
                let translated = activities.prefix(Self.exampleActivities).lazy.compactMap { activity in
                    self.export.translatedTexts([name], of: activity.id, in: .activities).first { $0.language == language }?.texts.first?.1
                }.first
                columns.append(DataColumnEntry(
                    name: name + "_" + language, type: strings.label("column_type_text"),
                    meaning: strings.label("column_translated").replacingPlaceholders(["field": name, "language": languageName]),
                    example: translated.map(Self.shortened), csvOnly: true))
            }
        }
        let withPartners = content.partnerIndexesByActivity.first { !$0.isEmpty }.map { $0.map { content.partners[$0] } }
        let regions = content.partnerIndexesByActivity.lazy
            .map { FirstOccurrences($0.compactMap { content.partners[$0].region }).values }.first { !$0.isEmpty }
        columns.append(DataColumnEntry(name: "partner_names", type: strings.label("column_type_names"),
                                       meaning: strings.label("column_partner_names"),
                                       example: withPartners.map { Self.shortened($0.map(\.name).joined(separator: ";")) }, csvOnly: true))
        columns.append(DataColumnEntry(name: "regions", type: strings.label("column_type_names"),
                                       meaning: strings.label("column_regions"),
                                       example: regions.map { Self.shortened($0.joined(separator: ";")) }, csvOnly: true))
        return columns
    }

    /// The type of a declared field as the files write it.
    func typeText(_ field: RecordField) -> String {
        switch field.kind {
        case .text:
            if field.name == "type", let types = content.settings.types {
                return strings.label("column_type_choice").replacingPlaceholders(["values": types.joined(separator: ", ")])
            }
            return strings.label("column_type_text")
        case .date: return strings.label("column_type_date")
        case .url: return strings.label("column_type_url")
        case .flag: return strings.label("column_type_flag")
        case .choice(let values):
            return strings.label("column_type_choice").replacingPlaceholders(["values": values.joined(separator: ", ")])
        case .references(let section):
            return strings.label("column_type_ids").replacingPlaceholders(["file": section.rawValue + ".json"])
        }
    }

    /// The `translations` member of an activity row with every translated field, as the JSON file writes it.
    func translationsExample() -> String? {
        guard !export.translations.isEmpty else { return nil }
        let fields = DataExport.translatedColumns + ["summary"]
        for activity in content.activities {
            let id = activity.id
            let texts = export.translatedTexts(fields, of: id, in: .activities)
            guard !texts.isEmpty else { continue }
            let json = export.translationsJSON(fields, of: id, in: .activities)
            return json.hasPrefix(", ") ? String(json.dropFirst(2)) : json
        }
        return "\"translations\": {}"
    }

    // MARK: Partners, plans, sources

    func partnerColumns() -> [DataColumnEntry] {
        let types = ["id": "column_type_id", "name": "column_type_text", "iso": "column_type_iso", "region": "column_type_text",
                     "activity_count": "column_type_integer", "url": "column_type_url", "translations": "column_type_translations"]
        return columns(of: export.partnersJSON(), keys: Self.partnerKeys, prefix: "partner_column_") { key in
            key == "kind" ? strings.label("column_type_choice").replacingPlaceholders(["values": Partner.Kind.allCases.map(\.rawValue).joined(separator: ", ")])
                : strings.label(types[key] ?? "column_type_text")
        }
    }

    func planColumns() -> [DataColumnEntry] {
        let types = ["id": "column_type_id", "title": "column_type_text", "edition": "column_type_integer", "adopted": "column_type_date",
                     "period_start": "column_type_period", "period_end": "column_type_period", "url": "column_type_url",
                     "translations": "column_type_translations"]
        return columns(of: export.actionPlansJSON(), keys: Self.planKeys, prefix: "plan_column_") { strings.label(types[$0] ?? "column_type_text") }
    }

    func sourceColumns() -> [DataColumnEntry] {
        let types = ["id": "column_type_id", "title": "column_type_text", "publisher": "column_type_text", "url": "column_type_url",
                     "published": "column_type_date", "language": "column_type_language", "record_count": "column_type_integer",
                     "portal_url": "column_type_url"]
        return columns(of: export.sourcesJSON(), keys: Self.sourceKeys, prefix: "source_column_") { strings.label(types[$0] ?? "column_type_text") }
    }

    /// The keys of a JSON file's rows, each with an example from the first rows that give one.
    private func columns(of json: String, keys: [String], prefix: String, type: (String) -> String) -> [DataColumnEntry] {
        let rows = ((try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] ?? []).prefix(Self.exampleRows)
        return keys.compactMap { key in
            // A site in one language writes no `translations`.
            if key == "translations" && export.translations.isEmpty { return nil }
            return DataColumnEntry(name: key, type: type(key), meaning: strings.label(prefix + key),
                                   example: rows.lazy.compactMap { Self.exampleText($0[key]) }.first)
        }
    }

    // MARK: Examples

    /// A declared field's value as an example, as the CSV writes it; nil when absent or an empty list.
    static func exampleText(_ value: RecordValues.Value?) -> String? {
        switch value {
        case .text(let text): text.isEmpty ? nil : shortened(text)
        case .date(let date): date.text
        case .flag(let flag): flag ? "true" : "false"
        case .ids(let ids): ids.isEmpty ? nil : shortened(ids.joined(separator: ";"))
        case nil: nil
        }
    }

    /// A JSON value as an example: text as it is, numbers as written, lists joined with `;`, objects
    /// as compact JSON; nil for `null`, empty text and empty lists.
    static func exampleText(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text.isEmpty ? nil : shortened(text)
        case let number as Int: return String(number)
        case let number as NSNumber: return number.stringValue
        case let list as [Any]:
            let items = list.compactMap { $0 as? String }
            return items.isEmpty ? nil : shortened(items.joined(separator: ";"))
        case let object as [String: Any]:
            guard !object.isEmpty, let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            else { return nil }
            return shortened(String(decoding: data, as: UTF8.self))
        default: return nil
        }
    }

    static func shortened(_ text: String) -> String {
        text.count > exampleLength ? String(text.prefix(exampleLength - 1)) + "…" : text
    }
}

/// One file of the open data, for the `/data/` page.
struct DataFileEntry: TemplateFields {
    let name: String
    let url: String
    let format: String
    let description: String
    /// "52 rows", in the edition's language.
    let rows: String
    /// The section of the page that documents its columns.
    let anchor: String
    static let fields: [String: @Sendable (DataFileEntry) -> TemplateValue] = [
        "name": { $0.name.templateValue },
        "url": { $0.url.templateValue },
        "format": { $0.format.templateValue },
        "description": { $0.description.templateValue },
        "rows": { $0.rows.templateValue },
        "anchor": { $0.anchor.templateValue },
    ]
}

/// One column of a data file (a key of its JSON rows, a column of its CSV).
struct DataColumnEntry: TemplateFields {
    let name: String
    let type: String
    let meaning: String
    let example: String?
    /// In `activities.csv` only, not in the JSON rows.
    var csvOnly = false
    static let fields: [String: @Sendable (DataColumnEntry) -> TemplateValue] = [
        "name": { $0.name.templateValue },
        "type": { $0.type.templateValue },
        "meaning": { $0.meaning.templateValue },
        "example": { $0.example.templateValue },
        "csvOnly": { $0.csvOnly.templateValue },
    ]
}

/// One table of the data dictionary: the columns of one file (or of the two activity files).
struct DataTable: TemplateFields {
    let id: String
    let caption: String
    let columns: [DataColumnEntry]
    static let fields: [String: @Sendable (DataTable) -> TemplateValue] = [
        "id": { $0.id.templateValue },
        "caption": { $0.caption.templateValue },
        "columns": { $0.columns.templateValue },
    ]
}

/// The `/data/` page: the files, their columns, the translations' shape and the licence (`site`).
struct DataView: TemplateFields {
    let files: [DataFileEntry]
    let activitiesTable: DataTable
    let partnersTable: DataTable
    let plansTable: DataTable
    let sourcesTable: DataTable
    /// What the translations hold, with the languages and fields named; nil for a site in one language.
    let translationsText: String?
    /// `"translations": {"ja": {...}}` as an activity row writes it; nil for a site in one language.
    let translationsExample: String?
    static let fields: [String: @Sendable (DataView) -> TemplateValue] = [
        "files": { $0.files.templateValue },
        "activitiesTable": { $0.activitiesTable.templateValue },
        "partnersTable": { $0.partnersTable.templateValue },
        "plansTable": { $0.plansTable.templateValue },
        "sourcesTable": { $0.sourcesTable.templateValue },
        "translationsText": { $0.translationsText.templateValue },
        "translationsExample": { $0.translationsExample.templateValue },
    ]
}
