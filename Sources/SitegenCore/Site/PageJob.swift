/// One HTML page of the portal: where it goes and which template draws it.
enum PageJob: Sendable, Hashable {
    case home, timeline, partners, actionPlans, sources, search, data, notFound
    case activity(Int)
    case partner(Int)
    case actionPlan(Int)
    case page(Int)

    var template: TemplateLibrary.PageTemplate {
        switch self {
        case .home: .home
        case .timeline: .timeline
        case .partners: .partners
        case .actionPlans: .actionPlans
        case .sources: .sources
        case .search: .search
        case .data: .data
        case .notFound: .notFound
        case .activity: .activity
        case .partner: .partner
        case .actionPlan: .actionPlan
        case .page: .page
        }
    }

    /// The page of one record (an activity, a partner, a plan, a page), not one of the site's lists.
    var isRecordPage: Bool {
        switch self {
        case .activity, .partner, .actionPlan, .page: true
        case .home, .timeline, .partners, .actionPlans, .sources, .search, .data, .notFound: false
        }
    }

    func sitePath(in content: SiteContent) -> String {
        switch self {
        case .home: "/"
        case .timeline: "/timeline/"
        case .partners: "/partners/"
        case .actionPlans: "/action-plans/"
        case .sources: "/sources/"
        case .search: "/search/"
        case .data: "/data/"
        case .notFound: "/404.html"
        case .activity(let index): content.activities[index].sitePath
        case .partner(let index): content.partners[index].sitePath
        case .actionPlan(let index): content.actionPlans[index].sitePath
        case .page(let index): content.pages[index].sitePath
        }
    }

    /// The file under the output folder: `activities/x/index.html`.
    func outputPath(in content: SiteContent) -> String { Self.outputPath(of: sitePath(in: content)) }

    /// The file under the output folder of a site path: `/activities/x/` → `activities/x/index.html`.
    static func outputPath(of sitePath: String) -> String {
        sitePath.hasSuffix("/") ? String(sitePath.dropFirst()) + "index.html" : String(sitePath.dropFirst())
    }

    static func all(for content: SiteContent) -> [PageJob] {
        var jobs: [PageJob] = [.home, .timeline, .partners, .actionPlans, .sources, .search, .data, .notFound]
        jobs += content.activities.indices.map(PageJob.activity)
        jobs += content.partners.indices.map(PageJob.partner)
        jobs += content.actionPlans.indices.map(PageJob.actionPlan)
        jobs += content.pages.indices.map(PageJob.page)
        return jobs
    }
}
