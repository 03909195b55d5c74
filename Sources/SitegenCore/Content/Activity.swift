/// One dated item of the timeline: a meeting, seminar, dialogue, statement...
/// A class: every list, page and index of a large build refers to the same activity.
public final class Activity: Sendable, Equatable {
    /// Every front-matter field of an activity. To add one: declare it here, show it in the
    /// templates (by its name: `{{location}}`; a choice also as `{{NAME_label}}`), and give it a
    /// label in every strings file. Reading, checking, the pages' views and the JSON and CSV
    /// rows follow from this list.
    static let declaredFields: [RecordField] = [
        RecordField(name: "title", kind: .text, isRequired: true, isTranslatable: true),
        RecordField(name: "date", kind: .date, isRequired: true),
        RecordField(name: "end_date", kind: .date),
        RecordField(name: "type", kind: .text),
        RecordField(name: "organizer", kind: .text, isTranslatable: true),
        RecordField(name: "partners", kind: .references(.partners)),
        RecordField(name: "location", kind: .text, isTranslatable: true),
        RecordField(name: "source", kind: .url),
        RecordField(name: "role", kind: .choice(["host", "co-host", "participant"])),
        RecordField(name: "sources", kind: .references(.sources)),
        RecordField(name: "updated", kind: .date),
        RecordField(name: "summary", kind: .text, isExported: false, isTranslatable: true),
        RecordField(name: "draft", kind: .flag, isExported: false),
    ]
    static let defaultType = "activity"
    /// The fields that name other records, whose ids are checked.
    static let referenceFields = declaredFields.filter { if case .references = $0.kind { true } else { false } }

    public let document: ContentDocument
    let values: RecordValues
    /// The summary as given, or the body's first paragraph.
    public let summary: String
    /// `/activities/ID/`.
    public let sitePath: String

    init(document: ContentDocument, values: RecordValues, summary: String? = nil) {
        self.document = document
        self.values = values
        self.summary = summary ?? values.text("summary") ?? document.body.firstParagraph ?? ""
        sitePath = "/activities/\(document.id)/"
        title = values.text("title") ?? ""
        date = values.date("date")!
        endDate = values.date("end_date")
        type = values.text("type") ?? Self.defaultType
        partnerIDs = values.ids("partners")
        sourceIDs = values.ids("sources")
        draft = values.flag("draft") ?? false
        updated = values.date("updated") ?? endDate ?? date
    }

    public var id: String { document.id }
    // The fields every list, check and file reads, taken from `values` once: each read of
    // `values` hashes the name, and a build reads them many times over for every activity.
    public let title: String
    public let date: PartialDate
    public let endDate: PartialDate?
    public let type: String
    public let partnerIDs: [String]
    public let sourceIDs: [String]
    public let draft: Bool
    /// When the record last changed: `updated`, else the activity's own last day.
    public let updated: PartialDate
    public var organizer: String? { values.text("organizer") }
    public var role: String? { values.text("role") }
    public var location: String? { values.text("location") }
    public var source: String? { values.text("source") }

    public static func == (left: Activity, right: Activity) -> Bool {
        left === right || (left.document == right.document && left.values == right.values)
    }
}
