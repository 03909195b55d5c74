import Mustache

/// One activity as a list entry (timeline, partner pages, home), with what the filters need.
final class ActivityItem: MustacheParent, Sendable {
    let id: String
    let title: String
    let url: String
    let dateText: String
    /// Machine-readable start, for `<time datetime>`.
    let datetime: String
    let year: Int
    let type: String
    let typeLabel: String
    let partners: [PartnerReference]
    let regions: String
    let location: String?
    let summary: String

    init(id: String, title: String, url: String, dateText: String, datetime: String, year: Int, type: String,
         typeLabel: String, partners: [PartnerReference], regions: String, location: String?, summary: String) {
        self.id = id
        self.title = title
        self.url = url
        self.dateText = dateText
        self.datetime = datetime
        self.year = year
        self.type = type
        self.typeLabel = typeLabel
        self.partners = partners
        self.regions = regions
        self.location = location
        self.summary = summary
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "url": url
        case "dateText": dateText
        case "datetime": datetime
        case "year": year
        case "type": type
        case "typeLabel": typeLabel
        case "partners": partners.isEmpty ? nil : partners
        case "hasPartners": !partners.isEmpty
        case "partnerIDs": partners.map(\.id).joined(separator: " ")
        case "regions": regions
        case "location": location.map { $0 as Any }
        case "summary": summary.isEmpty ? nil : summary
        default: nil
        }
    }
}

/// An activity in a list (timeline, partner pages, home): its entry rendered once per build
/// from `partials/activity-item` and shared by every list it appears in.
struct ListedActivity: MustacheParent {
    let html: String

    func child(named name: String) -> Any? { name == "html" ? html : nil }
}

struct PartnerReference: MustacheParent {
    let id: String
    let name: String
    let url: String
    let last: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "url": url
        case "last": last
        default: nil
        }
    }
}

/// What `partials/activity-item` sees when rendered on its own: the item, with `site` and `t` behind it.
final class ListEntryContext: MustacheParent, Sendable {
    let item: ActivityItem
    let site: SiteView

    init(item: ActivityItem, site: SiteView) {
        self.item = item
        self.site = site
    }

    func child(named name: String) -> Any? {
        switch name {
        case "t": site.strings
        case "site": site
        default: item.child(named: name)
        }
    }
}
