/// The Atom feed of the latest activities, the sitemap and robots.txt.
struct Feeds {
    let content: SiteContent
    let strings: InterfaceStrings
    static let feedLength = 50

    /// The feed, and where each activity's escaped body lies in it (UTF-8 offsets), by its index in `content.activities`.
    /// `bodyHTML` holds the bodies of the first `feedLength` activities, in order.
    func atomPlacingBodies(_ bodyHTML: [[UInt8]]) -> (text: String, bodies: [(activity: Int, range: Range<Int>)]) {
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
        var bodies: [(activity: Int, range: Range<Int>)] = []
        for (index, activity) in zip(latest.indices, latest) {
            let start = out.utf8.count
            let (entry, body) = self.entry(activity, bodyHTML: bodyHTML[index])
            out += entry
            bodies.append((index, start + body.lowerBound..<start + body.upperBound))
        }
        return (out + "</feed>\n", bodies)
    }

    /// One activity's `<entry>` (from its first byte, `entryStart`, to its last line break), and
    /// where its escaped body lies in it (UTF-8 offsets).
    func entry(_ activity: Activity, bodyHTML: [UInt8]) -> (text: String, body: Range<Int>) {
        let url = Escape.xml(content.settings.absoluteURL(activity.sitePath))
        var out = """
          <entry>
            <title>\(Escape.xml(activity.title))</title>
            <id>\(url)</id>
            <link rel="alternate" type="text/html" href="\(url)"/>
            <updated>\(Self.timestamp(activity.date))</updated>
            <category term="\(Escape.xml(activity.type))"/>
            <summary>\(Escape.xml(strings.dates.format(from: activity.date, to: activity.endDate) + (activity.summary.isEmpty ? "" : " — " + activity.summary)))</summary>
            <content type="html">
        """
        let start = out.utf8.count
        out += Escape.xml(String(decoding: bodyHTML, as: UTF8.self))
        let body = start..<out.utf8.count
        out += """
        </content>
          </entry>

        """
        return (out, body)
    }

    /// How every entry begins and ends: an escaped text has neither.
    static let entryStart = Array("  <entry>\n".utf8), entryEnd = Array("</entry>\n".utf8)

    /// RFC 3339 at the start of the date's period.
    static func timestamp(_ date: PartialDate) -> String {
        let month = date.month ?? 1, day = date.day ?? 1
        return "\(date.year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T00:00:00Z"
    }

    func sitemap(paths: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths {
            out += "  <url><loc>\(Escape.xml(content.settings.absoluteURL(path)))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\nSitemap: \(content.settings.absoluteURL("/sitemap.xml"))\n"
    }
}
