/// The open-data files: activities as JSON and CSV, partners and action plans as JSON.
struct DataExport {
    let content: SiteContent
    /// The other editions of the site, whose translated text goes beside the original's.
    var translations: [SiteContent] = []

    /// The site's open data: the first language's records with the others' text beside them.
    init(editions: [SiteContent]) {
        self.init(content: editions[0], translations: Array(editions.dropFirst()))
    }

    init(content: SiteContent, translations: [SiteContent] = []) {
        self.content = content
        self.translations = translations
    }

    /// `rows`: each activity's `jsonRow`, in timeline order (made with the activity's fragments).
    func activitiesJSON(rows: [[UInt8]]) -> [UInt8] {
        Self.jsonArray(rows)
    }

    /// The text each other edition gives a record in its own language, by language: for the
    /// `translations` member of the JSON rows and the `NAME_LANG` columns of the CSV.
    func translatedTexts(_ fields: [String], of id: String, in section: ContentFolder.Section) -> [(language: String, texts: [(String, String)])] {
        translations.compactMap { edition in
            let language = edition.settings.language
            let texts: [(String, String)]
            switch section {
            case .activities:
                guard let activity = edition.activity(id: id), activity.document.textLanguage == language else { return nil }
                texts = fields.compactMap { name in
                    (name == "summary" ? activity.summary : activity.values.text(name)).map { (name, $0) }
                }
            case .partners:
                guard let partner = edition.partners.first(where: { $0.id == id }), partner.document.textLanguage == language else { return nil }
                texts = [("name", partner.name)]
            case .actionPlans:
                guard let plan = edition.actionPlans.first(where: { $0.id == id }), plan.document.textLanguage == language else { return nil }
                texts = [("title", plan.title), ("summary", plan.summary)]
            default: return nil
            }
            return (language, texts)
        }
    }

    /// `, "translations": {"ja": {"title": "…"}}`, or nothing for a site in one language.
    func appendTranslationsJSON(_ fields: [String], of id: String, in section: ContentFolder.Section, to out: inout [UInt8]) {
        guard !translations.isEmpty else { return }
        out.append(contentsOf: ", \"translations\": {".utf8)
        for (index, (language, texts)) in translatedTexts(fields, of: id, in: section).enumerated() {
            if index > 0 { out.append(contentsOf: ", ".utf8) }
            Escape.appendJSON(language, to: &out)
            out.append(contentsOf: ": {".utf8)
            for (position, (name, text)) in texts.enumerated() {
                if position > 0 { out.append(contentsOf: ", ".utf8) }
                Escape.appendJSON(name, to: &out)
                out.append(contentsOf: ": ".utf8)
                Escape.appendJSON(text, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
    }

    func translationsJSON(_ fields: [String], of id: String, in section: ContentFolder.Section) -> String {
        var out: [UInt8] = []
        appendTranslationsJSON(fields, of: id, in: section, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The text fields of an activity that have their own columns in each further language.
    static let translatedColumns = Activity.declaredFields.filter { $0.isTranslatable && $0.isExported }.map(\.name)

    /// The rows between `prefix` and `suffix` in one buffer of the right size: joined as strings
    /// and then added to, a large file's text was copied two or three times.
    static func joined(_ rows: [[UInt8]], prefix: String, separator: String, suffix: String) -> [UInt8] {
        var size = prefix.utf8.count + suffix.utf8.count + max(0, rows.count - 1) * separator.utf8.count
        for row in rows { size += row.count }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        out += prefix.utf8
        for (index, row) in rows.enumerated() {
            if index > 0 { out += separator.utf8 }
            out += row
        }
        out += suffix.utf8
        return out
    }

    /// The columns of the activity data files: `id`, the exported fields in declared order, with
    /// `url` after the contract's first columns (up to `source`) and newer fields after it.
    enum Column {
        case field(RecordField)
        case url

        /// The JSON key and CSV column.
        var name: String {
            if case .field(let field) = self { field.name } else { "url" }
        }
    }

    static let columns: [Column] = {
        let exported = Activity.declaredFields.filter(\.isExported)
        let split = (exported.firstIndex { $0.name == "source" } ?? exported.count - 1) + 1
        return exported[..<split].map(Column.field) + [.url] + exported[split...].map(Column.field)
    }()

    /// One activity as a JSON object: every exported field, absent ones as `null`, id lists as arrays.
    func jsonRow(at index: Int) -> [UInt8] {
        let activity = content.activities[index]
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(contentsOf: "  {\"id\": ".utf8)
        Escape.appendJSON(activity.id, to: &out)
        for column in Self.columns {
            guard case .field(let field) = column else {
                out.append(contentsOf: ", \"url\": ".utf8)
                appendAbsoluteURL(of: activity, to: &out, escaped: true)
                continue
            }
            out.append(contentsOf: ", ".utf8)
            Escape.appendJSON(field.name, to: &out)
            out.append(contentsOf: ": ".utf8)
            switch activity.values[field.name] {
            case .text(let text): Escape.appendJSON(text, to: &out)
            case .date(let date): Escape.appendJSON(date.text, to: &out)
            case .flag(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .ids(let ids):
                out.append(UInt8(ascii: "["))
                for (index, id) in ids.enumerated() {
                    if index > 0 { out.append(contentsOf: ", ".utf8) }
                    Escape.appendJSON(id, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            case nil:
                // A list reads as empty, the type as its default; anything else is absent.
                if case .references = field.kind { out.append(contentsOf: "[]".utf8) }
                else if field.name == "type" { Escape.appendJSON(activity.type, to: &out) }
                else { out.append(contentsOf: "null".utf8) }
            }
        }
        appendTranslationsJSON(Self.translatedColumns + ["summary"], of: activity.id, in: .activities, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The columns the CSV adds after all the others, for reading it in a spreadsheet without
    /// `partners.json` beside it: the partners' names (in the ids' order) and their regions.
    static let spreadsheetColumns = ["partner_names", "regions"]

    /// The CSV's header: `id`, `columns`, each further language's translated columns, then `spreadsheetColumns`.
    func csvColumnNames() -> [String] {
        var names = ["id"] + Self.columns.map(\.name)
        for edition in translations { names += Self.translatedColumns.map { $0 + "_" + edition.settings.language } }
        return names + Self.spreadsheetColumns
    }

    /// The byte order mark that tells spreadsheet programs (Excel) the file is UTF-8; CSV readers skip it.
    static let byteOrderMark = "\u{FEFF}"

    /// `rows`: each activity's `csvRow`, in timeline order.
    func activitiesCSV(rows: [[UInt8]]) -> [UInt8] {
        Self.joined(rows, prefix: Self.byteOrderMark + csvColumnNames().joined(separator: ",") + "\r\n", separator: "", suffix: "")
    }

    /// The same row as CSV (RFC 4180): id lists joined with `;`; then the translated text columns.
    func csvRow(at index: Int) -> [UInt8] {
        let activity = content.activities[index]
        var out: [UInt8] = []
        out.reserveCapacity(384)
        Escape.appendCSV(activity.id, to: &out)
        for column in Self.columns {
            out.append(UInt8(ascii: ","))
            guard case .field(let field) = column else {
                appendAbsoluteURL(of: activity, to: &out, escaped: false)
                continue
            }
            switch activity.values[field.name] {
            case .text(let text): Escape.appendCSV(text, to: &out)
            case .date(let date): date.append(to: &out)
            case .flag(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .ids(let ids): Escape.appendCSV(ids.joined(separator: ";"), to: &out)
            case nil: if field.name == "type" { Escape.appendCSV(activity.type, to: &out) }
            }
        }
        let translated = translatedTexts(Self.translatedColumns, of: activity.id, in: .activities)
        for edition in translations {
            let texts = translated.first { $0.language == edition.settings.language }?.texts ?? []
            for name in Self.translatedColumns {
                out.append(UInt8(ascii: ","))
                if let text = texts.first(where: { $0.0 == name })?.1 { Escape.appendCSV(text, to: &out) }
            }
        }
        let partners = content.partnerIndexesByActivity[index].map { content.partners[$0] }
        out.append(UInt8(ascii: ","))
        if !partners.isEmpty { Escape.appendCSV(partners.map(\.name).joined(separator: ";"), to: &out) }
        out.append(UInt8(ascii: ","))
        let regions = FirstOccurrences(partners.compactMap(\.region)).values
        if !regions.isEmpty { Escape.appendCSV(regions.joined(separator: ";"), to: &out) }
        out.append(contentsOf: "\r\n".utf8)
        return out
    }

    /// `settings.absoluteURL(activity.sitePath)`, as a JSON string or a CSV cell.
    private func appendAbsoluteURL(of activity: Activity, to out: inout [UInt8], escaped: Bool) {
        let url = content.settings.absoluteURL(activity.sitePath)
        if escaped { Escape.appendJSON(url, to: &out) } else { Escape.appendCSV(url, to: &out) }
    }

    /// Rows as the data files write a JSON array: one row a line.
    static func jsonArray(_ rows: [[UInt8]]) -> [UInt8] {
        rows.isEmpty ? Array("[\n]\n".utf8) : joined(rows, prefix: "[\n", separator: ",\n", suffix: "\n]\n")
    }

    static func jsonArray(_ rows: [String]) -> String {
        String(decoding: jsonArray(rows.map { Array($0.utf8) }), as: UTF8.self)
    }

    func partnersJSON() -> String {
        let rows = content.partners.map { partner in
            "  {\"id\": \(Escape.jsonString(partner.id)), \"name\": \(Escape.jsonString(partner.name))"
                + ", \"kind\": \(Escape.jsonString(partner.kind.rawValue)), \"iso\": \(Escape.json(partner.iso))"
                + ", \"region\": \(Escape.json(partner.region))"
                + ", \"activity_count\": \(content.activityIndexesByPartner[partner.id]?.count ?? 0)"
                + ", \"url\": \(Escape.jsonString(content.settings.absoluteURL(partner.sitePath)))"
                + translationsJSON(["name"], of: partner.id, in: .partners) + "}"
        }
        return Self.jsonArray(rows)
    }

    func sourcesJSON() -> String {
        var counts: [String: Int] = [:]
        for activity in content.activities { for id in activity.sourceIDs { counts[id, default: 0] += 1 } }
        for id in content.partners.flatMap(\.citations.sourceIDs) + content.actionPlans.flatMap(\.citations.sourceIDs)
            + content.pages.flatMap(\.citations.sourceIDs) { counts[id, default: 0] += 1 }
        let rows = content.sources.map { source in
            "  {\"id\": \(Escape.jsonString(source.id)), \"title\": \(Escape.jsonString(source.title))"
                + ", \"publisher\": \(Escape.jsonString(source.publisher)), \"url\": \(Escape.jsonString(source.url))"
                + ", \"published\": \(Escape.json(source.published?.text)), \"language\": \(Escape.jsonString(source.language))"
                + ", \"record_count\": \(counts[source.id] ?? 0)"
                + ", \"portal_url\": \(Escape.jsonString(content.settings.absoluteURL("/sources/") + "#" + source.anchor))}"
        }
        return Self.jsonArray(rows)
    }

    func actionPlansJSON() -> String {
        let rows = content.actionPlans.map { plan in
            "  {\"id\": \(Escape.jsonString(plan.id)), \"title\": \(Escape.jsonString(plan.title))"
                + ", \"edition\": \(plan.edition), \"adopted\": \(Escape.jsonString(plan.adopted.text))"
                + ", \"period_start\": \(Escape.json(plan.periodStart?.text)), \"period_end\": \(Escape.json(plan.periodEnd?.text))"
                + ", \"url\": \(Escape.jsonString(content.settings.absoluteURL(plan.sitePath)))"
                + translationsJSON(["title", "summary"], of: plan.id, in: .actionPlans) + "}"
        }
        return Self.jsonArray(rows)
    }

    /// The client-side search index: one compact row per activity, partner, plan and page,
    /// `[url, title, type, date, partners, place, summary, body]`, and for a record not
    /// translated into the edition's language `[…, textLanguage, bodyLanguage]` (see `languages`).
    /// `regionLabel`: a partner's region as the edition's strings name it ("東南アジア").
    func searchIndexJSON(activityRows: [[UInt8]], typeLabel: (String) -> String, regionLabel: (String) -> String = { $0 },
                         partnerNames: [String: [String]] = [:]) -> [UInt8] {
        var rows = activityRows
        rows.reserveCapacity(activityRows.count + content.partners.count + content.actionPlans.count + content.pages.count)
        for partner in content.partners {
            let names = ([partner.name] + (partnerNames[partner.id] ?? []).filter { $0 != partner.name }).joined(separator: " / ")
            let summary = partner.document.body.firstParagraph ?? ""
            rows.append(Self.searchRow([content.settings.link(partner.sitePath), names, typeLabel("partner"), "", "",
                                        partner.region.map(regionLabel) ?? "", summary, Self.searchBody(partner.document.body, after: summary)]
                                        + languages(of: partner.document)))
        }
        for plan in content.actionPlans {
            rows.append(Self.searchRow([content.settings.link(plan.sitePath), plan.title, typeLabel("action-plan"), plan.adopted.text,
                                        "", "", plan.summary, Self.searchBody(plan.document.body, after: plan.summary)]
                                        + languages(of: plan.document)))
        }
        for page in content.pages {
            rows.append(Self.searchRow([content.settings.link(page.sitePath), page.title, typeLabel("page"), "", "", "",
                                        page.summary, Self.searchBody(page.document.body, after: page.summary)]
                                        + languages(of: page.document)))
        }
        return Self.joined(rows, prefix: "[\n", separator: ",\n", suffix: "\n]\n")
    }

    /// For a record shown in another language than the edition's (not translated): the language
    /// of its text fields and of its body, which search results mark with `lang`; else nothing.
    func languages(of document: ContentDocument) -> [String] {
        let edition = content.settings.language
        let text = document.textLanguage == edition ? "" : document.textLanguage
        let body = document.bodyLanguage == edition || document.body.plainText.isEmpty ? "" : document.bodyLanguage
        return text.isEmpty && body.isEmpty ? [] : [text, body]
    }

    /// The fields as a JSON array of strings.
    static func searchRow(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(fields.reduce(16) { $0 + $1.utf8.count + 3 })
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Escape.appendJSON(field, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// How much of an activity's body its search row holds, in characters. Activities number in
    /// the thousands, and a reader downloads the index whole: 2,000 characters is every activity
    /// body of the portal whole (the longest has about 1,930) and keeps a row of a large archive
    /// to a few kilobytes. Words after the cut are not found by search. Partners, plans and pages,
    /// a few dozen records, keep up to `RenderedMarkdown.plainTextLimit`.
    static let activityBodyLimit = 2_000

    /// A body's plain text for the search index (at most `limit` characters), without the
    /// summary when the body starts with it: a summary taken from the first paragraph is in the
    /// row already.
    static func searchBody(_ body: RenderedMarkdown, after summary: String, limit: Int = RenderedMarkdown.plainTextLimit) -> String {
        var text = Substring(body.plainText)
        if !summary.isEmpty, text.hasPrefix(summary) { text = text.dropFirst(summary.count).drop { $0 == " " } }
        return PlainText.prefix(String(text), limit: limit)
    }

    /// `partners`: where the activity's partners are in `content.partners`.
    /// `partnerNames`: each partner's names in every language; a row lists them all.
    func searchRow(_ activity: Activity, partners partnerIndexes: [Int], typeLabel: String, dateText: String,
                   partnerNames: [String: [String]] = [:]) -> [UInt8] {
        var partners = ""
        for (position, index) in partnerIndexes.enumerated() {
            if position > 0 { partners += ", " }
            let partner = content.partners[index]
            partners += ([partner.name] + (partnerNames[partner.id] ?? []).filter { $0 != partner.name }).joined(separator: " / ")
        }
        return Self.searchRow([content.settings.link(activity.sitePath), activity.title, typeLabel, dateText, partners,
                               activity.location ?? "", activity.summary, Self.searchBody(activity.document.body, after: activity.summary, limit: Self.activityBodyLimit)]
                              + languages(of: activity.document))
    }
}
