/// The parts of an edition each activity contributes to pages and files it shares with others:
/// its entry in lists, its row in the search index and, in the first language's edition, its rows
/// of the open data. Made once per activity in parallel, before the pages and files that join them.
/// A class, so that ten thousand of them are passed around as references.
final class ActivityFragments: Sendable {
    /// What they were made from: the same activity with the same partners makes the same fragments.
    let activity: Activity
    let partners: [Partner]
    /// Its partners' names in every language, which its search row lists.
    let partnerNames: [[String]]
    /// The same activity in each further language, whose text the open-data rows carry.
    let translations: [Activity?]
    let listHTML: [UInt8]
    let searchRow: [UInt8]
    /// Its rows of `activities.json` and `activities.csv`; empty but in the first language's edition.
    let jsonRow: [UInt8]
    let csvRow: [UInt8]

    init(activity: Activity, partners: [Partner], partnerNames: [[String]], translations: [Activity?], listHTML: [UInt8],
         searchRow: [UInt8], jsonRow: [UInt8], csvRow: [UInt8]) {
        self.activity = activity
        self.partners = partners
        self.partnerNames = partnerNames
        self.translations = translations
        self.listHTML = listHTML
        self.searchRow = searchRow
        self.jsonRow = jsonRow
        self.csvRow = csvRow
    }

    /// One set per activity, in timeline order; a set in `reusable` made from an equal activity
    /// with equal partners is taken as it is.
    /// `partnerNames`: each partner's name in every language, for the search row.
    /// `openData`: the site's open data, for the first language's edition only.
    static func make(content: SiteContent, templates: TemplateLibrary, views: ViewFactory, reusable: FragmentReuse?,
                     partnerNames: [String: [String]] = [:], openData: DataExport? = nil) -> [ActivityFragments] {
        let export = DataExport(content: content)
        let activities = content.activities
        return ParallelMap.runs(count: activities.count, length: 64) { run in
            run.map { index in
                let activity = activities[index]
                let translations = openData?.translations.map { $0.activity(id: activity.id) } ?? []
                let known = reusable?.fragments(of: activity, at: index)
                // With every partner as it was, the same activity has the same partners.
                if let known, reusable?.hasSamePartners == true, known.activity == activity, known.translations == translations,
                   known.jsonRow.isEmpty == (openData == nil) {
                    return known
                }
                let partners = content.partnerIndexesByActivity[index].map { content.partners[$0] }
                let names = partners.map { partnerNames[$0.id] ?? [] }
                if let known, known.activity == activity, known.partners == partners, known.partnerNames == names,
                   known.translations == translations, known.jsonRow.isEmpty == (openData == nil) {
                    return known
                }
                let item = views.makeItem(index)
                return ActivityFragments(
                    activity: activity, partners: partners, partnerNames: names, translations: translations,
                    listHTML: templates.renderListEntry(views, item),
                    searchRow: export.searchRow(activity, partners: content.partnerIndexesByActivity[index],
                                                typeLabel: views.typeLabel(activity.type), dateText: item.dateText,
                                                partnerNames: partnerNames),
                    jsonRow: openData?.jsonRow(at: index) ?? [], csvRow: openData?.csvRow(at: index) ?? [])
            }
        }.flatMap { $0 }
    }
}

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

    /// The earlier link targets, when they are the ones `content` makes: the same pages and files,
    /// each record with the same headings, each activity in the same month.
    func linkTargets(jobs: [PageJob], content: SiteContent, assets: [String]) -> [String: Set<String>?]? {
        let old = earlier.content
        guard earlier.jobs == jobs, earlier.templates.assets == assets, old.staticFiles == content.staticFiles,
              Self.same(old.activities, content.activities, \.document, month: { $0.date.year * 13 + ($0.date.month ?? 0) }),
              Self.same(old.partners, content.partners, \.document), Self.same(old.actionPlans, content.actionPlans, \.document),
              Self.same(old.pages, content.pages, \.document)
        else { return nil }
        return earlier.linkTargets
    }

    private static func same<Record>(_ old: [Record], _ new: [Record], _ document: (Record) -> ContentDocument,
                                     month: (Record) -> Int = { _ in 0 }) -> Bool {
        guard old.count == new.count else { return false }
        for (before, after) in zip(old, new) {
            let a = document(before), b = document(after)
            guard a.id == b.id, a.body.headingIDs == b.body.headingIDs, month(before) == month(after) else { return false }
        }
        return true
    }
}
