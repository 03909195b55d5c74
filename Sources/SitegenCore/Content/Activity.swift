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
    }

    public var id: String { document.id }
    public var title: String { values.text("title") ?? "" }
    public var date: PartialDate { values.date("date")! }
    public var endDate: PartialDate? { values.date("end_date") }
    public var type: String { values.text("type") ?? Self.defaultType }
    public var organizer: String? { values.text("organizer") }
    public var role: String? { values.text("role") }
    public var partnerIDs: [String] { values.ids("partners") }
    public var sourceIDs: [String] { values.ids("sources") }
    public var location: String? { values.text("location") }
    public var source: String? { values.text("source") }
    public var draft: Bool { values.flag("draft") ?? false }
    /// When the record last changed: `updated`, else the activity's own last day.
    public var updated: PartialDate { values.date("updated") ?? endDate ?? date }

    public static func == (left: Activity, right: Activity) -> Bool {
        left === right || (left.document == right.document && left.values == right.values)
    }
}
