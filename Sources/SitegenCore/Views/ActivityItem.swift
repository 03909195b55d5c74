import Mustache

/// One activity as a list entry (timeline, partner pages, home), with what the filters need.
struct ActivityItem: MustacheParent {
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
        case "location": location
        case "summary": summary.isEmpty ? nil : summary
        default: nil
        }
    }
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
