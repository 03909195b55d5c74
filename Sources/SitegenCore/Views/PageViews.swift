import Mustache

/// The `page` of each template. Rendered HTML (bodies, charts, maps) is named `...HTML`
/// and is the only thing templates put through triple braces.

struct HomeView: MustacheView {
    let latest: [ListedActivity]
    let sections: [SectionLink]
    let pages: [PageLink]
    let activityCount: Int
    let partnerCount: Int
    let planCount: Int
    let yearsChartHTML: String
    let typesChartHTML: String
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<HomeView>] = [
        "latest": \HomeView.latest,
        "sections": \HomeView.sections,
        "pages": \HomeView.pages,
        "activityCount": \HomeView.activityCount,
        "partnerCount": \HomeView.partnerCount,
        "planCount": \HomeView.planCount,
        "yearsChartHTML": \HomeView.yearsChartHTML,
        "typesChartHTML": \HomeView.typesChartHTML,
    ]
}

struct SectionLink: MustacheView {
    let title: String
    let url: String
    let description: String
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SectionLink>] = [
        "title": \SectionLink.title,
        "url": \SectionLink.url,
        "description": \SectionLink.description,
    ]
}

struct PageLink: MustacheView {
    let title: String
    let url: String
    let summary: String
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PageLink>] = [
        "title": \PageLink.title,
        "url": \PageLink.url,
        "summary": \PageLink.summary,
    ]
}

struct TimelineView: MustacheView {
    let total: Int
    let years: [YearGroup]
    let filters: TimelineFilters
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<TimelineView>] = [
        "total": \TimelineView.total,
        "years": \TimelineView.years,
        "filters": \TimelineView.filters,
    ]
}

struct YearGroup: MustacheView {
    let year: Int
    let anchor: String
    let count: Int
    let months: [MonthGroup]
    /// The timeline's fragment id of a year: `#y2024`.
    static func anchor(_ year: Int) -> String { "y\(year)" }

    /// Every entry of the year, already rendered and joined: one string instead of a section per entry.
    var itemsHTML: String { months.map(\.itemsHTML).joined() }
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<YearGroup>] = [
        "itemsHTML": \YearGroup.itemsHTML,
        "year": \YearGroup.year,
        "anchor": \YearGroup.anchor,
        "count": \YearGroup.count,
        "months": \YearGroup.months,
    ]
}

struct MonthGroup: MustacheView {
    let label: String
    let anchor: String
    let count: Int
    let items: [ListedActivity]
    /// The timeline's fragment id of a month, `#m2024-06`, or of a year's undated-month group, `#m2024`.
    static func anchor(_ year: Int, _ month: Int?) -> String {
        month.map { "m\(year)-\($0 < 10 ? "0" : "")\($0)" } ?? "m\(year)"
    }

    /// The entries already rendered and joined; large lists render far faster than through a section.
    var itemsHTML: String { items.map(\.html).joined() }
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MonthGroup>] = [
        "itemsHTML": \MonthGroup.itemsHTML,
        "label": \MonthGroup.label,
        "anchor": \MonthGroup.anchor,
        "count": \MonthGroup.count,
        "items": \MonthGroup.items,
    ]
}

struct TimelineFilters: MustacheView {
    let types: [FilterOption]
    let partners: [FilterOption]
    let regions: [FilterOption]
    let years: [FilterOption]
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<TimelineFilters>] = [
        "types": \TimelineFilters.types,
        "partners": \TimelineFilters.partners,
        "regions": \TimelineFilters.regions,
        "years": \TimelineFilters.years,
    ]
}

struct FilterOption: MustacheView {
    let value: String
    let label: String
    let count: Int
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<FilterOption>] = [
        "value": \FilterOption.value,
        "label": \FilterOption.label,
        "count": \FilterOption.count,
    ]
}

/// A class with a written-out lookup, like `PageContext`: ten thousand of these render in a large build.
final class ActivityView: MustacheParent, Sendable {
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
    let bodyHTML: String
    let previous: ActivityItem?
    let next: ActivityItem?

    init(title: String, dateText: String, datetime: String, type: String, typeLabel: String,
         organizer: String?, location: String?, source: String?, partners: [PartnerReference],
         summary: String, bodyHTML: String, previous: ActivityItem?, next: ActivityItem?) {
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

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "dateText": dateText
        case "datetime": datetime
        case "type": type
        case "typeLabel": typeLabel
        // An absent optional must read as missing, so `{{#organizer}}` is skipped.
        case "organizer": organizer.map { $0 as Any }
        case "location": location.map { $0 as Any }
        case "source": source.map { $0 as Any }
        case "partners": partners
        case "hasPartners": !partners.isEmpty
        case "summary": summary
        case "bodyHTML": bodyHTML
        case "previous": previous.map { $0 as Any }
        case "next": next.map { $0 as Any }
        default: nil
        }
    }
}

struct PartnersView: MustacheView {
    let groups: [PartnerKindGroup]
    let mapHTML: String
    let total: Int
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PartnersView>] = [
        "groups": \PartnersView.groups,
        "mapHTML": \PartnersView.mapHTML,
        "total": \PartnersView.total,
    ]
}

struct PartnerKindGroup: MustacheView {
    let kind: String
    let label: String
    let regions: [PartnerRegionGroup]
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PartnerKindGroup>] = [
        "kind": \PartnerKindGroup.kind,
        "label": \PartnerKindGroup.label,
        "regions": \PartnerKindGroup.regions,
    ]
}

struct PartnerRegionGroup: MustacheView {
    let region: String
    let partners: [PartnerSummary]
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PartnerRegionGroup>] = [
        "region": \PartnerRegionGroup.region,
        "partners": \PartnerRegionGroup.partners,
    ]
}

struct PartnerSummary: MustacheView {
    let id: String
    let name: String
    let url: String
    let iso: String?
    let activityCount: Int
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PartnerSummary>] = [
        "id": \PartnerSummary.id,
        "name": \PartnerSummary.name,
        "url": \PartnerSummary.url,
        "iso": \PartnerSummary.iso,
        "activityCount": \PartnerSummary.activityCount,
    ]
}

struct PartnerView: MustacheView {
    let name: String
    let kindLabel: String
    let iso: String?
    let region: String?
    let activityCount: Int
    let bodyHTML: String
    let years: [YearGroup]
    let companions: [CompanionPartner]
    let hasCompanions: Bool
    let mapHTML: String
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PartnerView>] = [
        "name": \PartnerView.name,
        "kindLabel": \PartnerView.kindLabel,
        "iso": \PartnerView.iso,
        "region": \PartnerView.region,
        "activityCount": \PartnerView.activityCount,
        "bodyHTML": \PartnerView.bodyHTML,
        "years": \PartnerView.years,
        "companions": \PartnerView.companions,
        "hasCompanions": \PartnerView.hasCompanions,
        "mapHTML": \PartnerView.mapHTML,
    ]
}

struct CompanionPartner: MustacheView {
    let name: String
    let url: String
    let count: Int
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CompanionPartner>] = [
        "name": \CompanionPartner.name,
        "url": \CompanionPartner.url,
        "count": \CompanionPartner.count,
    ]
}

struct ActionPlansView: MustacheView {
    let plans: [ActionPlanSummary]
    let chartHTML: String
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ActionPlansView>] = [
        "plans": \ActionPlansView.plans,
        "chartHTML": \ActionPlansView.chartHTML,
    ]
}

struct ActionPlanSummary: MustacheView {
    let title: String
    let url: String
    let edition: Int
    let adoptedText: String
    let adoptedDatetime: String
    let periodText: String?
    let summary: String
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ActionPlanSummary>] = [
        "title": \ActionPlanSummary.title,
        "url": \ActionPlanSummary.url,
        "edition": \ActionPlanSummary.edition,
        "adoptedText": \ActionPlanSummary.adoptedText,
        "adoptedDatetime": \ActionPlanSummary.adoptedDatetime,
        "periodText": \ActionPlanSummary.periodText,
        "summary": \ActionPlanSummary.summary,
    ]
}

struct ActionPlanView: MustacheView {
    let title: String
    let edition: Int
    let adoptedText: String
    let adoptedDatetime: String
    let periodText: String?
    let source: String?
    let bodyHTML: String
    let previous: ActionPlanSummary?
    let next: ActionPlanSummary?
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ActionPlanView>] = [
        "title": \ActionPlanView.title,
        "edition": \ActionPlanView.edition,
        "adoptedText": \ActionPlanView.adoptedText,
        "adoptedDatetime": \ActionPlanView.adoptedDatetime,
        "periodText": \ActionPlanView.periodText,
        "source": \ActionPlanView.source,
        "bodyHTML": \ActionPlanView.bodyHTML,
        "previous": \ActionPlanView.previous,
        "next": \ActionPlanView.next,
    ]
}

struct PageView: MustacheView {
    let title: String
    let summary: String
    let bodyHTML: String
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PageView>] = [
        "title": \PageView.title,
        "summary": \PageView.summary,
        "bodyHTML": \PageView.bodyHTML,
    ]
}

struct SearchView: MustacheView {
    let indexURL: String
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SearchView>] = [
        "indexURL": \SearchView.indexURL,
    ]
}

struct NotFoundView: MustacheView {
    let sections: [SectionLink]
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<NotFoundView>] = [
        "sections": \NotFoundView.sections,
    ]
}
