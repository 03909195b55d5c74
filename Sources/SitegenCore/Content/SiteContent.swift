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
    /// Files copied as they are, relative to the static folder.
    public var staticFiles: [String]

    /// Indexes into `activities` for each partner id, newest first.
    public private(set) var activityIndexesByPartner: [String: [Int]] = [:]
    public private(set) var partnerIndexByID: [String: Int] = [:]
    /// Where each activity's known partners are in `partners`, by the activity's index: views read
    /// partners in place, since a `Partner` copied out retains every field of it and its document.
    private(set) var partnerIndexesByActivity: [[Int]] = []

    init(settings: SiteSettings, activities: [Activity], partners: [Partner], actionPlans: [ActionPlan], pages: [Page], staticFiles: [String]) {
        self.settings = settings
        self.activities = activities.sorted(by: Activity.newestFirst)
        self.partners = partners.sorted { $0.id < $1.id }
        self.actionPlans = actionPlans.sorted { $0.edition < $1.edition }
        self.pages = pages.sorted { ($0.order ?? .max, $0.title, $0.id) < ($1.order ?? .max, $1.title, $1.id) }
        self.staticFiles = staticFiles
        for (index, partner) in self.partners.enumerated() { partnerIndexByID[partner.id] = index }
        partnerIndexesByActivity.reserveCapacity(self.activities.count)
        for (index, activity) in self.activities.enumerated() {
            for partnerID in activity.partnerIDs { activityIndexesByPartner[partnerID, default: []].append(index) }
            partnerIndexesByActivity.append(activity.partnerIDs.compactMap { partnerIndexByID[$0] })
        }
    }
}
