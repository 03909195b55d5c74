/// What an earlier resolve of the same edition made (`serve`), for a site whose theme and
/// settings are unchanged: its fragments by activity id, and its link targets.
struct FragmentReuse: Sendable {
    private let earlier: Site
    /// Whether `content` has its activities in the earlier order; else the earlier fragments by id.
    private let isAligned: Bool
    private let byID: [String: ActivityFragments]

    /// Every partner, and its names in every language, as in the earlier resolve.
    let hasSamePartners: Bool

    init(_ earlier: Site, for content: SiteContent, partnerNames: [String: [String]]) {
        self.earlier = earlier
        hasSamePartners = earlier.content.partners == content.partners && earlier.partnerNames == partnerNames
        let old = earlier.content.activities, new = content.activities
        isAligned = old.count == new.count && zip(old, new).allSatisfy { $0.id == $1.id }
        byID = isAligned ? [:] : Dictionary(earlier.fragments.map { ($0.activity.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The earlier fragments of the activity now at `index`, if it had any.
    func fragments(of activity: Activity, at index: Int) -> ActivityFragments? {
        isAligned ? earlier.fragments[index] : byID[activity.id]
    }

    /// The earlier check of every body's links.
    var links: LinkReport { earlier.links }

    /// The earlier link targets, when they are the ones `content` makes: the same pages and files,
    /// each record with the same headings, each activity in the same month.
    func linkTargets(jobs: [PageJob], content: SiteContent, assets: [String]) -> [String: Set<String>?]? {
        let old = earlier.content
        guard earlier.jobs == jobs, earlier.templates.assets == assets, old.staticFiles == content.staticFiles,
              Self.same(old.activities, content.activities, { ($0.document.id, $0.document.body.headingIDs) },
                        month: { $0.date.year * 13 + ($0.date.month ?? 0) }),
              Self.same(old.partners, content.partners, { ($0.document.id, $0.document.body.headingIDs) }),
              Self.same(old.actionPlans, content.actionPlans, { ($0.document.id, $0.document.body.headingIDs) }),
              Self.same(old.pages, content.pages, { ($0.document.id, $0.document.body.headingIDs) })
        else { return nil }
        return earlier.linkTargets
    }

    /// Whether each record has the id and heading ids (and month) of the one at its place before;
    /// taking only these spares copying ten thousand documents.
    private static func same<Record>(_ old: [Record], _ new: [Record], _ anchors: (Record) -> (id: String, headings: [String]),
                                     month: (Record) -> Int = { _ in 0 }) -> Bool {
        guard old.count == new.count else { return false }
        for (before, after) in zip(old, new) {
            let a = anchors(before), b = anchors(after)
            guard a.id == b.id, a.headings == b.headings, month(before) == month(after) else { return false }
        }
        return true
    }
}
