/// A record's version in another language, `ID.ja.md` beside `ID.md`: its text fields and body.
/// Every other field comes from the original; a translation that gives one differently, or has
/// no original, is an error at its line.
struct Translation: Sendable {
    let language: String
    let document: ContentDocument
    /// The text fields it gives, by name.
    let texts: [String: String]

    /// The text fields a translation may give, by folder.
    static func textFields(of section: ContentFolder.Section) -> [String] {
        switch section {
        case .activities: Activity.declaredFields.filter(\.isTranslatable).map(\.name)
        case .partners: ["name"]
        case .actionPlans, .pages: ["title", "summary"]
        case .sources: []
        }
    }

    /// Reads a translation of a record of `section`, checking every other field it sets against
    /// the original's front matter (`original`).
    static func read(_ fields: FrontMatter, _ document: ContentDocument, language: String, section: ContentFolder.Section,
                     original: FrontMatter, log: inout DiagnosticLog) -> Translation? {
        guard section != .sources else {
            log.error(document.location, "source records are not translated: a source is cited in the language it was published in")
            return nil
        }
        let allowed = textFields(of: section)
        var texts: [String: String] = [:]
        for key in fields.keys {
            if allowed.contains(key) {
                if let text = fields.text(key, log: &log) { texts[key] = text }
            } else if fields.comparableText(key) != original.comparableText(key) {
                let given = original.comparableText(key).map { "`\($0)`" } ?? "nothing"
                log.error(fields.location(of: key),
                          "a translation holds only text fields (\(allowed.map { "`\($0)`" }.joined(separator: ", ")) and the body); `\(key)` comes from the original, which gives \(given)")
            }
        }
        return Translation(language: language, document: document, texts: texts)
    }
}

extension Translation {
    /// The document as the edition shows it: the translation's body where it has one.
    func localized(_ original: ContentDocument) -> ContentDocument {
        var document = original
        document.textLanguage = texts.isEmpty ? original.textLanguage : language
        if !self.document.body.isEmpty {
            document.body = self.document.body
            document.bodyLanguage = language
            document.translationPath = self.document.path
        }
        return document
    }

    func localized(_ activity: Activity) -> Activity {
        var values = activity.values
        for (name, text) in texts { values[name] = .text(text) }
        return Activity(document: localized(activity.document), values: values,
                        summary: texts["summary"] ?? (document.body.isEmpty ? activity.summary : document.body.firstParagraph ?? activity.summary))
    }

    func localized(_ partner: Partner) -> Partner {
        var partner = partner
        partner.name = texts["name"] ?? partner.name
        partner.document = localized(partner.document)
        return partner
    }

    /// An action plan or a page: its title, summary and body in this language.
    func localized<Record: TitledRecord>(_ record: Record) -> Record {
        var record = record
        record.title = texts["title"] ?? record.title
        record.summary = texts["summary"] ?? (document.body.firstParagraph ?? record.summary)
        record.document = localized(record.document)
        return record
    }
}

/// A record a translation gives a title, a summary and a body: action plans and pages.
protocol TitledRecord {
    var title: String { get set }
    var summary: String { get set }
    var document: ContentDocument { get set }
}

extension ActionPlan: TitledRecord {}
extension Page: TitledRecord {}
