/// The Atom feed of the latest activities, the sitemap and robots.txt.
struct Feeds {
    let content: SiteContent
    let strings: InterfaceStrings
    static let feedLength = 50

    /// The feed of the latest `feedLength` activities, each with its body.
    func atom() -> String {
        let settings = content.settings
        let latest = content.activities.prefix(Self.feedLength)
        let updated = latest.map(\.date).max().map(Self.timestamp) ?? "2000-01-01T00:00:00Z"
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Escape.xml(settings.language))">
          <title>\(Escape.xml(settings.title))</title>

        """
        if let description = settings.description { out += "  <subtitle>\(Escape.xml(description))</subtitle>\n" }
        out += """
          <id>\(Escape.xml(settings.absoluteURL("/")))</id>
          <link rel="alternate" type="text/html" href="\(Escape.xml(settings.absoluteURL("/")))"/>
          <link rel="self" type="application/atom+xml" href="\(Escape.xml(settings.absoluteURL("/feed.xml")))"/>
          <updated>\(updated)</updated>
          <author><name>\(Escape.xml(settings.title))</name></author>

        """
        for activity in latest { out += entry(activity) }
        return out + "</feed>\n"
    }

    func entry(_ activity: Activity) -> String {
        let url = Escape.xml(content.settings.absoluteURL(activity.sitePath))
        return """
          <entry>
            <title>\(Escape.xml(activity.title))</title>
            <id>\(url)</id>
            <link rel="alternate" type="text/html" href="\(url)"/>
            <updated>\(Self.timestamp(activity.date))</updated>
            <category term="\(Escape.xml(activity.type))"/>
            <summary>\(Escape.xml(strings.dates.format(from: activity.date, to: activity.endDate) + (activity.summary.isEmpty ? "" : " — " + activity.summary)))</summary>
            <content type="html">\(Escape.xml(activity.document.body.html))</content>
          </entry>

        """
    }

    /// RFC 3339 at the start of the date's period.
    static func timestamp(_ date: PartialDate) -> String {
        let month = date.month ?? 1, day = date.day ?? 1
        return "\(date.year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T00:00:00Z"
    }

    /// Every page of every edition; with several languages, each entry names its alternates.
    func sitemap(editions: [SiteSettings], paths: [String]) -> String {
        let settings = content.settings
        let alternates = editions.count > 1
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
            + (alternates ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n")
        for edition in editions {
            for path in paths {
                out += "  <url><loc>\(Escape.xml(settings.absoluteURL(path, in: edition.language)))</loc>"
                if alternates {
                    for other in editions {
                        out += "<xhtml:link rel=\"alternate\" hreflang=\"\(Escape.xml(other.language))\" href=\"\(Escape.xml(settings.absoluteURL(path, in: other.language)))\"/>"
                    }
                    out += "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(Escape.xml(settings.absoluteURL(path, in: editions[0].language)))\"/>"
                }
                out += "</url>\n"
            }
        }
        return out + "</urlset>\n"
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\nSitemap: \(content.settings.absoluteURL("/sitemap.xml"))\n"
    }
}
