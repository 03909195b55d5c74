/// Paths the portal itself uses, which pages may not take.
enum SitePaths {
    static let reservedPageIDs: Set<String> = [
        "activities", "partners", "action-plans", "timeline", "data", "assets", "search", "static",
        "feed-xml", "sitemap-xml", "404",
    ]
}
