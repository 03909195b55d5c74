/// The `page` of each template. Rendered HTML (bodies, charts, maps) is named `...HTML`
/// and is the only thing templates put through triple braces.

struct HomeView {
    let latest: [ActivityItem]
    let sections: [SectionLink]
    let pages: [PageLink]
    let activityCount: Int
    let partnerCount: Int
    let planCount: Int
    let yearsChartHTML: String
    let typesChartHTML: String
}

struct SectionLink {
    let title: String
    let url: String
    let description: String
}

struct PageLink {
    let title: String
    let url: String
    let summary: String
}

struct TimelineView {
    let total: Int
    let years: [YearGroup]
    let filters: TimelineFilters
}

struct YearGroup {
    let year: Int
    let anchor: String
    let count: Int
    let months: [MonthGroup]
}

struct MonthGroup {
    let label: String
    let anchor: String
    let count: Int
    let items: [ActivityItem]
}

struct TimelineFilters {
    let types: [FilterOption]
    let partners: [FilterOption]
    let regions: [FilterOption]
    let years: [FilterOption]
}

struct FilterOption {
    let value: String
    let label: String
    let count: Int
}

struct ActivityView {
    let title: String
    let dateText: String
    let datetime: String
    let type: String
    let typeLabel: String
    let organizer: String?
    let location: String?
    let source: String?
    let partners: [PartnerReference]
    let hasPartners: Bool
    let summary: String
    let bodyHTML: String
    let previous: ActivityItem?
    let next: ActivityItem?
}

struct PartnersView {
    let groups: [PartnerKindGroup]
    let mapHTML: String
    let total: Int
}

struct PartnerKindGroup {
    let kind: String
    let label: String
    let regions: [PartnerRegionGroup]
}

struct PartnerRegionGroup {
    let region: String
    let partners: [PartnerSummary]
}

struct PartnerSummary {
    let id: String
    let name: String
    let url: String
    let iso: String?
    let activityCount: Int
}

struct PartnerView {
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
}

struct CompanionPartner {
    let name: String
    let url: String
    let count: Int
}

struct ActionPlansView {
    let plans: [ActionPlanSummary]
    let chartHTML: String
}

struct ActionPlanSummary {
    let title: String
    let url: String
    let edition: Int
    let adoptedText: String
    let adoptedDatetime: String
    let periodText: String?
    let summary: String
}

struct ActionPlanView {
    let title: String
    let edition: Int
    let adoptedText: String
    let adoptedDatetime: String
    let periodText: String?
    let source: String?
    let bodyHTML: String
    let previous: ActionPlanSummary?
    let next: ActionPlanSummary?
}

struct PageView {
    let title: String
    let summary: String
    let bodyHTML: String
}

struct SearchView {
    let indexURL: String
}

struct NotFoundView {
    let sections: [SectionLink]
}
