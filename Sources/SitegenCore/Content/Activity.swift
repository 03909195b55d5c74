/// One dated item of the timeline: a meeting, seminar, dialogue, statement...
/// A class: every list, page and index of a large build refers to the same activity, and
/// copying a struct of a dozen strings at each step was a tenth of a rebuild.
public final class Activity: Sendable, Equatable {
    public let document: ContentDocument
    public let title: String
    public let date: PartialDate
    public let endDate: PartialDate?
    public let type: String
    public let organizer: String?
    public let partnerIDs: [String]
    public let location: String?
    public let source: String?
    public let summary: String
    public let draft: Bool
    /// Where each partner id is written, for diagnostics.
    let partnerLocations: [String: SourceLocation]
    /// `/activities/ID/`: kept, since the page, its list entry, its data rows, the sitemap and
    /// the link check each ask for it.
    public let sitePath: String

    init(document: ContentDocument, title: String, date: PartialDate, endDate: PartialDate?, type: String,
         organizer: String?, partnerIDs: [String], location: String?, source: String?, summary: String,
         draft: Bool, partnerLocations: [String: SourceLocation]) {
        self.document = document
        self.title = title
        self.date = date
        self.endDate = endDate
        self.type = type
        self.organizer = organizer
        self.partnerIDs = partnerIDs
        self.location = location
        self.source = source
        self.summary = summary
        self.draft = draft
        self.partnerLocations = partnerLocations
        sitePath = "/activities/\(document.id)/"
    }

    public var id: String { document.id }

    public static func == (left: Activity, right: Activity) -> Bool {
        left === right || (left.document == right.document && left.title == right.title && left.date == right.date
            && left.endDate == right.endDate && left.type == right.type && left.organizer == right.organizer
            && left.partnerIDs == right.partnerIDs && left.location == right.location && left.source == right.source
            && left.summary == right.summary && left.draft == right.draft && left.partnerLocations == right.partnerLocations)
    }

    static let fields = ["title", "date", "end_date", "type", "organizer", "partners", "location", "source", "summary", "draft"]
    static let defaultType = "activity"
}
