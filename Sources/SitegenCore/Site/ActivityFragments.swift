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
                // Made from the same activity, in the same languages, for the same kind of edition.
                let known = reusable?.fragments(of: activity, at: index).flatMap { known in
                    known.activity == activity && known.translations == translations && known.jsonRow.isEmpty == (openData == nil) ? known : nil
                }
                // With every partner as it was, the same activity has the same partners.
                if let known, reusable?.hasSamePartners == true { return known }
                let partners = content.partnerIndexesByActivity[index].map { content.partners[$0] }
                let names = partners.map { partnerNames[$0.id] ?? [] }
                if let known, known.partners == partners, known.partnerNames == names { return known }
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
