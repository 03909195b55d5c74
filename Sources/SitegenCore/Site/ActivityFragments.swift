/// The parts of the site each activity contributes to pages and files it shares with others:
/// its entry in lists, and its rows in the JSON, CSV and search-index data files. Built once
/// per build in parallel, and kept in the content cache with the key of what they show.
struct ActivityFragments: Sendable {
    var key: String
    var listHTML: String
    var jsonRow: String
    var csvRow: String
    var searchRow: String
}

extension Site {
    /// One set of fragments per activity, in timeline order; a cached set whose key matches is reused.
    static func activityFragments(content: SiteContent, templates: TemplateLibrary, views: ViewFactory, keys: [String]?,
                                  previous: [String: ActivityFragments]) -> [ActivityFragments] {
        let export = DataExport(content: content)
        let strings = templates.strings
        let activities = content.activities
        return ParallelMap.map(Array(activities.indices)) { index in
            let activity = activities[index]
            let key = keys?[index] ?? ""
            if !key.isEmpty, let cached = previous[activity.id], cached.key == key { return cached }
            return ActivityFragments(
                key: key,
                listHTML: templates.renderListEntry(views, activity),
                jsonRow: export.jsonRow(activity),
                csvRow: export.csvRow(activity),
                searchRow: export.searchRow(activity, typeLabel: views.typeLabel(activity.type),
                                            dateText: strings.dates.format(from: activity.date, to: activity.endDate)))
        }
    }
}
