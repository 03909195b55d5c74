/// The `page` of each template. Rendered HTML (bodies, charts, maps) is named `...HTML`
/// and is the only thing templates put through triple braces.

struct HomeView: TemplateFields {
    let latest: [ListedActivity]
    let sections: [SectionLink]
    let pages: [PageLink]
    let activityCount: Int
    let partnerCount: Int
    let planCount: Int
    let yearsChartHTML: String
    let typesChartHTML: String
    static let fields: [String: @Sendable (HomeView) -> TemplateValue] = [
        "latest": { $0.latest.templateValue },
        "sections": { $0.sections.templateValue },
        "pages": { $0.pages.templateValue },
        "activityCount": { $0.activityCount.templateValue },
        "partnerCount": { $0.partnerCount.templateValue },
        "planCount": { $0.planCount.templateValue },
        "yearsChartHTML": { $0.yearsChartHTML.templateValue },
        "typesChartHTML": { $0.typesChartHTML.templateValue },
    ]
}

struct SectionLink: TemplateFields {
    let title: String
    let url: String
    let description: String
    static let fields: [String: @Sendable (SectionLink) -> TemplateValue] = [
        "title": { $0.title.templateValue },
        "url": { $0.url.templateValue },
        "description": { $0.description.templateValue },
    ]
}

struct PageLink: TemplateFields {
    let title: String
    let url: String
    let summary: String
    static let fields: [String: @Sendable (PageLink) -> TemplateValue] = [
        "title": { $0.title.templateValue },
        "url": { $0.url.templateValue },
        "summary": { $0.summary.templateValue },
    ]
}

struct TimelineView: TemplateFields {
    let total: Int
    let years: [YearGroup]
    let filters: TimelineFilters
    /// The edition's search index, which the keyword box loads to match words of the bodies.
    let indexURL: String
    static let fields: [String: @Sendable (TimelineView) -> TemplateValue] = [
        "total": { $0.total.templateValue },
        "indexURL": { $0.indexURL.templateValue },
        "years": { $0.years.templateValue },
        "filters": { $0.filters.templateValue },
    ]
}

struct YearGroup: TemplateFields {
    let year: Int
    let anchor: String
    let count: Int
    let months: [MonthGroup]
    /// The timeline's fragment id of a year: `#y2024`.
    static func anchor(_ year: Int) -> String { "y\(year)" }

    /// Every entry of the year, already rendered and joined: one piece instead of a section per entry.
    var itemsHTML: [UInt8] { ListedActivity.joined(months.flatMap(\.items)) }
    static let fields: [String: @Sendable (YearGroup) -> TemplateValue] = [
        "itemsHTML": { .markup($0.itemsHTML) },
        "year": { $0.year.templateValue },
        "anchor": { $0.anchor.templateValue },
        "count": { $0.count.templateValue },
        "months": { $0.months.templateValue },
    ]
}

struct MonthGroup: TemplateFields {
    let label: String
    let anchor: String
    let count: Int
    let items: [ListedActivity]
    /// The timeline's fragment id of a month, `#m2024-06`, or of a year's undated-month group, `#m2024`.
    static func anchor(_ year: Int, _ month: Int?) -> String {
        month.map { "m\(year)-\($0 < 10 ? "0" : "")\($0)" } ?? "m\(year)"
    }

    /// The entries already rendered and joined; large lists render far faster than through a section.
    var itemsHTML: [UInt8] { ListedActivity.joined(items) }
    static let fields: [String: @Sendable (MonthGroup) -> TemplateValue] = [
        "itemsHTML": { .markup($0.itemsHTML) },
        "label": { $0.label.templateValue },
        "anchor": { $0.anchor.templateValue },
        "count": { $0.count.templateValue },
        "items": { $0.items.templateValue },
    ]
}

struct TimelineFilters: TemplateFields {
    let types: [FilterOption]
    let partners: [FilterOption]
    let regions: [FilterOption]
    let years: [FilterOption]
    let roles: [FilterOption]
    let sources: [FilterOption]
    static let fields: [String: @Sendable (TimelineFilters) -> TemplateValue] = [
        "roles": { $0.roles.templateValue },
        "sources": { $0.sources.templateValue },
        "types": { $0.types.templateValue },
        "partners": { $0.partners.templateValue },
        "regions": { $0.regions.templateValue },
        "years": { $0.years.templateValue },
    ]
}

struct FilterOption: TemplateFields {
    let value: String
    let label: String
    let count: Int
    /// The label's language where it differs from the page's (a source's own title).
    var lang: String? = nil
    static let fields: [String: @Sendable (FilterOption) -> TemplateValue] = [
        "lang": { $0.lang.templateValue },
        "value": { $0.value.templateValue },
        "label": { $0.label.templateValue },
        "count": { $0.count.templateValue },
    ]
}

/// A class with a written-out lookup, like `PageContext`: ten thousand of these render in a large build.
final class ActivityView: TemplateObject {
    let fields: DeclaredValues
    let record: RecordFacts
    /// The languages of its text and body where they differ from the page's (not translated).
    let textLang: String?
    let bodyLang: String?
    let title: String
    let dateText: String
    let datetime: String
    let type: String
    let typeLabel: String
    let organizer: String?
    let location: String?
    let source: String?
    let partners: [PartnerReference]
    let summary: String
    let bodyHTML: [UInt8]
    let previous: ActivityItem?
    let next: ActivityItem?

    init(fields: DeclaredValues, record: RecordFacts, textLang: String?, bodyLang: String?, title: String, dateText: String, datetime: String, type: String, typeLabel: String,
         organizer: String?, location: String?, source: String?, partners: [PartnerReference],
         summary: String, bodyHTML: [UInt8], previous: ActivityItem?, next: ActivityItem?) {
        self.fields = fields
        self.record = record
        self.textLang = textLang
        self.bodyLang = bodyLang
        self.title = title
        self.dateText = dateText
        self.datetime = datetime
        self.type = type
        self.typeLabel = typeLabel
        self.organizer = organizer
        self.location = location
        self.source = source
        self.partners = partners
        self.summary = summary
        self.bodyHTML = bodyHTML
        self.previous = previous
        self.next = next
    }

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .title: title.templateValue
        case .dateText: dateText.templateValue
        case .datetime: datetime.templateValue
        case .type: type.templateValue
        case .typeLabel: typeLabel.templateValue
        // An absent optional must read as missing, so `{{#organizer}}` is skipped.
        case .organizer: organizer.templateValue
        case .location: location.templateValue
        case .source: source.templateValue
        case .partners: partners.templateValue
        case .hasPartners: .bool(!partners.isEmpty)
        case .summary: summary.templateValue
        case .bodyHTML: bodyHTML.bodyValue
        case .previous: previous.templateValue
        case .next: next.templateValue
        default:
            switch key.name {
            case "record": record.templateValue
            case "textLang": textLang.templateValue
            case "bodyLang": bodyLang.templateValue
            default: fields.value(for: key)
            }
        }
    }
}

struct PartnersView: TemplateFields {
    let groups: [PartnerKindGroup]
    let mapHTML: String
    let total: Int
    static let fields: [String: @Sendable (PartnersView) -> TemplateValue] = [
        "groups": { $0.groups.templateValue },
        "mapHTML": { $0.mapHTML.templateValue },
        "total": { $0.total.templateValue },
    ]
}

struct PartnerKindGroup: TemplateFields {
    let kind: String
    let label: String
    let regions: [PartnerRegionGroup]
    static let fields: [String: @Sendable (PartnerKindGroup) -> TemplateValue] = [
        "kind": { $0.kind.templateValue },
        "label": { $0.label.templateValue },
        "regions": { $0.regions.templateValue },
    ]
}

struct PartnerRegionGroup: TemplateFields {
    let region: String
    let partners: [PartnerSummary]
    static let fields: [String: @Sendable (PartnerRegionGroup) -> TemplateValue] = [
        "region": { $0.region.templateValue },
        "partners": { $0.partners.templateValue },
    ]
}

struct PartnerSummary: TemplateFields {
    let id: String
    let name: String
    let url: String
    let iso: String?
    let activityCount: Int
    static let fields: [String: @Sendable (PartnerSummary) -> TemplateValue] = [
        "id": { $0.id.templateValue },
        "name": { $0.name.templateValue },
        "url": { $0.url.templateValue },
        "iso": { $0.iso.templateValue },
        "activityCount": { $0.activityCount.templateValue },
    ]
}

struct PartnerView: TemplateFields {
    let name: String
    let kindLabel: String
    let iso: String?
    let region: String?
    let activityCount: Int
    let bodyHTML: [UInt8]
    let years: [YearGroup]
    let companions: [CompanionPartner]
    let hasCompanions: Bool
    let mapHTML: String
    let record: RecordFacts
    let textLang: String?
    let bodyLang: String?
    static let fields: [String: @Sendable (PartnerView) -> TemplateValue] = [
        "name": { $0.name.templateValue },
        "takesThe": { PartnerName.takesThe($0.name).templateValue },
        "kindLabel": { $0.kindLabel.templateValue },
        "iso": { $0.iso.templateValue },
        "region": { $0.region.templateValue },
        "activityCount": { $0.activityCount.templateValue },
        "bodyHTML": { $0.bodyHTML.bodyValue },
        "years": { $0.years.templateValue },
        "companions": { $0.companions.templateValue },
        "hasCompanions": { $0.hasCompanions.templateValue },
        "mapHTML": { $0.mapHTML.templateValue },
        "record": { $0.record.templateValue },
        "textLang": { $0.textLang.templateValue },
        "bodyLang": { $0.bodyLang.templateValue },
    ]
}

struct CompanionPartner: TemplateFields {
    let name: String
    let url: String
    let count: Int
    static let fields: [String: @Sendable (CompanionPartner) -> TemplateValue] = [
        "name": { $0.name.templateValue },
        "url": { $0.url.templateValue },
        "count": { $0.count.templateValue },
    ]
}

struct ActionPlansView: TemplateFields {
    let plans: [ActionPlanSummary]
    let chartHTML: String
    static let fields: [String: @Sendable (ActionPlansView) -> TemplateValue] = [
        "plans": { $0.plans.templateValue },
        "chartHTML": { $0.chartHTML.templateValue },
    ]
}

struct ActionPlanSummary: TemplateFields {
    let title: String
    let url: String
    let edition: Int
    let adoptedText: String
    let adoptedDatetime: String
    let periodText: String?
    let summary: String
    static let fields: [String: @Sendable (ActionPlanSummary) -> TemplateValue] = [
        "title": { $0.title.templateValue },
        "url": { $0.url.templateValue },
        "edition": { $0.edition.templateValue },
        "adoptedText": { $0.adoptedText.templateValue },
        "adoptedDatetime": { $0.adoptedDatetime.templateValue },
        "periodText": { $0.periodText.templateValue },
        "summary": { $0.summary.templateValue },
    ]
}

struct ActionPlanView: TemplateFields {
    let title: String
    let edition: Int
    let adoptedText: String
    let adoptedDatetime: String
    let periodText: String?
    let source: String?
    let bodyHTML: [UInt8]
    let previous: ActionPlanSummary?
    let next: ActionPlanSummary?
    let record: RecordFacts
    let textLang: String?
    let bodyLang: String?
    static let fields: [String: @Sendable (ActionPlanView) -> TemplateValue] = [
        "title": { $0.title.templateValue },
        "edition": { $0.edition.templateValue },
        "adoptedText": { $0.adoptedText.templateValue },
        "adoptedDatetime": { $0.adoptedDatetime.templateValue },
        "periodText": { $0.periodText.templateValue },
        "source": { $0.source.templateValue },
        "bodyHTML": { $0.bodyHTML.bodyValue },
        "previous": { $0.previous.templateValue },
        "next": { $0.next.templateValue },
        "record": { $0.record.templateValue },
        "textLang": { $0.textLang.templateValue },
        "bodyLang": { $0.bodyLang.templateValue },
    ]
}

struct PageView: TemplateFields {
    let title: String
    let summary: String
    let bodyHTML: [UInt8]
    let record: RecordFacts
    let textLang: String?
    let bodyLang: String?
    static let fields: [String: @Sendable (PageView) -> TemplateValue] = [
        "title": { $0.title.templateValue },
        "summary": { $0.summary.templateValue },
        "bodyHTML": { $0.bodyHTML.bodyValue },
        "record": { $0.record.templateValue },
        "textLang": { $0.textLang.templateValue },
        "bodyLang": { $0.bodyLang.templateValue },
    ]
}

struct SearchView: TemplateFields {
    let indexURL: String
    static let fields: [String: @Sendable (SearchView) -> TemplateValue] = [
        "indexURL": { $0.indexURL.templateValue },
    ]
}

struct NotFoundView: TemplateFields {
    let sections: [SectionLink]
    static let fields: [String: @Sendable (NotFoundView) -> TemplateValue] = [
        "sections": { $0.sections.templateValue },
    ]
}

/// The `page` of the header and footer, which are rendered once per section and read no page fields.
struct ChromeView: TemplateObject {
    func value(for key: TemplateKey) -> TemplateValue { .missing }
}

/// Partner names that take "the" in running English text: "Activities with the Philippines".
/// The article itself comes from the strings file (`article_the`), empty for languages without one.
enum PartnerName {
    /// Names that start with one of these take "the": plural or descriptive country names, unions, and
    /// organizations named by what they are.
    static let theBefore = [
        "Philippines", "Netherlands", "United ", "Republic ", "Democratic Republic", "Czech Republic", "Dominican Republic",
        "Central African Republic", "Gambia", "Bahamas", "Maldives", "Marshall Islands", "Solomon Islands", "Comoros",
        "Seychelles", "Holy See", "European ", "African Union", "International ", "Nordic ", "Pacific Island", "G7", "G20",
    ]
    /// Names with one of these words also take "the": "the Sasakawa Peace Foundation USA", "the ADMM-Plus".
    static let theWords = ["Foundation", "Centre", "Center", "Movement", "Forum", "Organization", "Organisation",
                           "Union", "Committee", "Council", "Alliance", "Commission", "Agency", "Programme", "ADMM"]

    static func takesThe(_ name: String) -> Bool {
        guard !name.hasPrefix("the "), !name.hasPrefix("The ") else { return false }
        if theBefore.contains(where: { name.hasPrefix($0) }) { return true }
        let words = name.split(whereSeparator: { $0 == " " || $0 == "-" })
        return words.contains { word in theWords.contains { word == $0 } }
    }
}
