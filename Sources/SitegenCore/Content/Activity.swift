/// One dated item of the timeline: a meeting, seminar, dialogue, statement...
public struct Activity: Sendable {
    public var document: ContentDocument
    public var title: String
    public var date: PartialDate
    public var endDate: PartialDate?
    public var type: String
    public var organizer: String?
    public var partnerIDs: [String]
    public var location: String?
    public var source: String?
    public var summary: String
    public var draft: Bool
    /// Where each partner id is written, for diagnostics.
    var partnerLocations: [String: SourceLocation] = [:]

    public var id: String { document.id }
    public var sitePath: String { "/activities/\(id)/" }

    static let fields = ["title", "date", "end_date", "type", "organizer", "partners", "location", "source", "summary", "draft"]
    static let defaultType = "activity"
}

/// Newest first; on the same day, the later id first so the order never depends on the file system.
extension Activity {
    static func newestFirst(_ a: Activity, _ b: Activity) -> Bool {
        if a.date != b.date { return a.date > b.date }
        return a.id > b.id
    }
}
