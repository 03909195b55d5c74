/// What every record's page shows about where its facts come from: the source records it cites,
/// when it last changed, its permanent address and a citation to copy.
struct RecordFacts: TemplateFields {
    let sources: [SourceReference]
    let updatedText: String
    let updatedDatetime: String
    let permalink: String
    let citation: String
    static let fields: [String: @Sendable (RecordFacts) -> TemplateValue] = [
        "sources": { $0.sources.isEmpty ? .missing : $0.sources.templateValue },
        "hasSources": { .bool(!$0.sources.isEmpty) },
        "updatedText": { $0.updatedText.templateValue },
        "updatedDatetime": { $0.updatedDatetime.templateValue },
        "permalink": { $0.permalink.templateValue },
        "citation": { $0.citation.templateValue },
    ]
}

/// A source record as a record page and the sources page show it.
struct SourceReference: TemplateFields {
    let id: String
    let title: String
    let publisher: String
    let publishedText: String?
    let publishedDatetime: String?
    let url: String
    let language: String
    /// Its entry on the portal's `/sources/` page.
    let entryURL: String
    static let fields: [String: @Sendable (SourceReference) -> TemplateValue] = [
        "id": { $0.id.templateValue },
        "title": { $0.title.templateValue },
        "publisher": { $0.publisher.templateValue },
        "publishedText": { $0.publishedText.templateValue },
        "publishedDatetime": { $0.publishedDatetime.templateValue },
        "url": { $0.url.templateValue },
        "language": { $0.language.templateValue },
        "entryURL": { $0.entryURL.templateValue },
    ]
}

/// One source on the `/sources/` page, with the records drawn from it.
struct SourceEntry: TemplateFields {
    let source: SourceReference
    let anchor: String
    let notesHTML: [UInt8]
    let records: [RecordLink]
    let recordCount: Int
    /// The timeline showing only the activities drawn from this source.
    let timelineURL: String
    let activityCount: Int
    static let fields: [String: @Sendable (SourceEntry) -> TemplateValue] = [
        "source": { $0.source.templateValue },
        "anchor": { $0.anchor.templateValue },
        "notesHTML": { .markup($0.notesHTML) },
        "records": { $0.records.isEmpty ? .missing : $0.records.templateValue },
        "recordCount": { $0.recordCount.templateValue },
        "timelineURL": { $0.timelineURL.templateValue },
        "activityCount": { $0.activityCount.templateValue },
        "hasActivities": { .bool($0.activityCount > 0) },
    ]
}

struct RecordLink: TemplateFields {
    let title: String
    let url: String
    let kindLabel: String
    static let fields: [String: @Sendable (RecordLink) -> TemplateValue] = [
        "title": { $0.title.templateValue },
        "url": { $0.url.templateValue },
        "kindLabel": { $0.kindLabel.templateValue },
    ]
}

struct SourcesView: TemplateFields {
    let entries: [SourceEntry]
    static let fields: [String: @Sendable (SourcesView) -> TemplateValue] = [
        "entries": { $0.entries.templateValue },
        "total": { $0.entries.count.templateValue },
    ]
}
