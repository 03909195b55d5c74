/// Everything in the content folder, checked and cross-referenced once:
/// each partner knows its activities and each activity its partners.
public struct SiteContent: Sendable {
    public var settings: SiteSettings
    /// Published activities, newest first.
    public var activities: [Activity]
    /// Partners sorted by id.
    public var partners: [Partner]
    /// Plans by edition.
    public var actionPlans: [ActionPlan]
    /// Pages by navigation order, then title.
    public var pages: [Page]
    /// Source records by id.
    public var sources: [Source]
    /// Files copied as they are, relative to the static folder.
    public var staticFiles: [String]

    /// Indexes into `activities` for each partner with activities, by id, newest first.
    public private(set) var activityIndexesByPartner: [String: [Int]] = [:]
    public private(set) var partnerIndexByID: [String: Int] = [:]
    public private(set) var activityIndexByID: [String: Int] = [:]

    public func activity(id: String) -> Activity? { activityIndexByID[id].map { activities[$0] } }
    /// Where each activity's known partners are in `partners`, by the activity's index: views read
    /// partners in place, since a `Partner` copied out retains every field of it and its document.
    private(set) var partnerIndexesByActivity: [[Int]] = []

    init(settings: SiteSettings, activities: [Activity], partners: [Partner], actionPlans: [ActionPlan], pages: [Page],
         sources: [Source] = [], staticFiles: [String]) {
        self.settings = settings
        self.activities = Self.newestFirst(activities)
        self.partners = partners.sorted { $0.id < $1.id }
        self.actionPlans = actionPlans.sorted { $0.edition < $1.edition }
        self.pages = pages.sorted { ($0.order ?? .max, $0.title, $0.id) < ($1.order ?? .max, $1.title, $1.id) }
        self.sources = sources.sorted { $0.id < $1.id }
        self.staticFiles = staticFiles
        // Backwards, so that an id given twice keeps its first place, with one look-up each.
        partnerIndexByID.reserveCapacity(self.partners.count)
        for index in self.partners.indices.reversed() { partnerIndexByID[self.partners[index].id] = index }
        activityIndexByID.reserveCapacity(self.activities.count)
        for index in self.activities.indices.reversed() { activityIndexByID[self.activities[index].id] = index }
        // On every core: a table lookup for each partner of each activity took 3 ms on one at 10,000.
        let sorted = self.activities, partnerIndexByID = partnerIndexByID
        partnerIndexesByActivity = ParallelMap.runs(count: sorted.count, length: 1024) { run in
            sorted[run].map { $0.partnerIDs.compactMap { partnerIndexByID[$0] } }
        }.flatMap { $0 }
        // Grouped by partner index, then named once per partner: an append through the table by
        // id for every activity's every partner took longer.
        var byPartner = Array(repeating: [Int](), count: self.partners.count)
        for (index, partnerIndexes) in partnerIndexesByActivity.enumerated() {
            for partner in partnerIndexes { byPartner[partner].append(index) }
        }
        for (partner, indexes) in zip(self.partners, byPartner) where !indexes.isEmpty { activityIndexesByPartner[partner.id] = indexes }
    }

    /// Newest first; on the same date, the later id first, so the order never depends on the file
    /// system. Each date is compared as one number worked out once, not field by field through
    /// each activity.
    private static func newestFirst(_ activities: [Activity]) -> [Activity] {
        // The period's first day, then the precision: the order `PartialDate` defines.
        let dates = activities.map { $0.date.sortKey * 4 + $0.date.precision.rawValue }
        return activities.indices
            .sorted { dates[$0] != dates[$1] ? dates[$0] > dates[$1] : activities[$0].id > activities[$1].id }
            .map { activities[$0] }
    }
}
