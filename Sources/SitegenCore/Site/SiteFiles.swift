/// The files other than pages that every build writes.
enum SiteFiles {
    static let dataFiles = [
        "feed.xml", "sitemap.xml", "robots.txt",
        "data/activities.json", "data/activities.csv", "data/partners.json", "data/action-plans.json",
        "data/search-index.json", "data/sources.json",
    ]
}
