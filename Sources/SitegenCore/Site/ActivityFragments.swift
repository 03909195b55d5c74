/// The parts of the site each activity contributes to pages and files it shares with others:
/// its entry in lists, and its rows in the JSON, CSV and search-index data files. Built once
/// per build in parallel, and kept in the content cache with the key of what they show.
/// A class, so that passing ten thousand of them around retains one reference each. Each
/// part is the UTF-8 it was built as: pages and files take bytes, and strings of them were
/// each checked and copied once more.
final class ActivityFragments: Sendable {
    let key: String
    let listHTML: [UInt8]
    let jsonRow: [UInt8]
    let csvRow: [UInt8]
    let searchRow: [UInt8]

    init(key: String, listHTML: [UInt8], jsonRow: [UInt8], csvRow: [UInt8], searchRow: [UInt8]) {
        self.key = key
        self.listHTML = listHTML
        self.jsonRow = jsonRow
        self.csvRow = csvRow
        self.searchRow = searchRow
    }
}

extension Site {
    /// One set of fragments per activity, in timeline order, with the list item each new set was
    /// rendered from; a cached set whose key matches is reused.
    static func activityFragments(content: SiteContent, templates: TemplateLibrary, views: ViewFactory, keys: [String]?,
                                  previous: [String: ActivityFragments]) -> [(fragments: ActivityFragments, item: ActivityItem?)] {
        let export = DataExport(content: content)
        let activities = content.activities
        return ParallelMap.map(Array(activities.indices)) { index in
            let activity = activities[index]
            let key = keys?[index] ?? ""
            if !key.isEmpty, let cached = previous[activity.id], cached.key == key { return (cached, nil) }
            return activityFragments(at: index, key: key, content: content, templates: templates, views: views, export: export)
        }
    }

    /// The fragments of `content.activities[index]`, rendered, with the list item they were rendered from.
    static func activityFragments(at index: Int, key: String, content: SiteContent, templates: TemplateLibrary, views: ViewFactory,
                                  export: DataExport) -> (fragments: ActivityFragments, item: ActivityItem?) {
        let activity = content.activities[index]
        let item = views.makeItem(index)
        return (ActivityFragments(
            key: key,
            listHTML: templates.renderListEntry(views, item).compacted(),
            jsonRow: export.jsonRow(activity).compacted(),
            csvRow: export.csvRow(activity).compacted(),
            searchRow: export.searchRow(activity, partners: content.partnerIndexesByActivity[index], typeLabel: views.typeLabel(activity.type),
                                        dateText: item.dateText).compacted()), item)
    }
}

extension [UInt8] {
    /// The bytes in a buffer of their size when the one they were built in is an eighth or more
    /// too large: fragments are kept to the end of the build, and the room left over in forty
    /// thousand buffers reserved or doubled while they were built came to 8 MB.
    func compacted() -> [UInt8] {
        // Copied from a pointer: `Array(self)` would share the same buffer.
        capacity - count < count / 8 ? self : withUnsafeBufferPointer { Array($0) }
    }
}
