/// One activity as a list entry (timeline, partner pages, home), with what the filters need.
final class ActivityItem: TemplateObject {
    /// Every declared field by its name (`{{role_label}}`, `{{sources}}`), after the names below.
    let fields: DeclaredValues
    /// The language of its title and summary where it differs from the page's (not translated).
    let textLang: String?
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

    init(fields: DeclaredValues, id: String, title: String, url: String, dateText: String, datetime: String, year: Int, type: String,
         typeLabel: String, partners: [PartnerReference], regions: String, location: String?, summary: String,
         textLang: String? = nil) {
        self.fields = fields
        self.textLang = textLang
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

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .id: id.templateValue
        case .title: title.templateValue
        case .url: url.templateValue
        case .dateText: dateText.templateValue
        case .datetime: datetime.templateValue
        case .year: year.templateValue
        case .type: type.templateValue
        case .typeLabel: typeLabel.templateValue
        case .partners: partners.isEmpty ? .missing : partners.templateValue
        case .hasPartners: .bool(!partners.isEmpty)
        case .partnerIDs: .text(partners.map(\.id).joined(separator: " "))
        case .regions: regions.templateValue
        case .location: location.templateValue
        case .summary: summary.isEmpty ? .missing : .text(summary)
        default: key.name == "textLang" ? textLang.templateValue : fields.value(for: key)
        }
    }
}

/// An activity in a list (timeline, partner pages, home): its entry rendered once per build
/// from `partials/activity-item` and shared by every list it appears in.
struct ListedActivity: TemplateObject {
    let html: [UInt8]

    func value(for key: TemplateKey) -> TemplateValue { key.field == .html ? .markup(html) : .missing }


    /// The entries' HTML one after another, in one buffer of the right size.
    static func joined(_ entries: [ListedActivity]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.reduce(0) { $0 + $1.html.count })
        for entry in entries { bytes += entry.html }
        return bytes
    }
}

/// A class: a struct of three strings is too large for a template value's inline storage, and
/// boxing one for every partner of every list entry and page allocated each time.
final class PartnerReference: TemplateObject {
    let id: String
    let name: String
    let url: String
    let last: Bool

    init(id: String, name: String, url: String, last: Bool) {
        self.id = id
        self.name = name
        self.url = url
        self.last = last
    }

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .id: id.templateValue
        case .name: self.name.templateValue
        case .url: url.templateValue
        case .last: last.templateValue
        default: .missing
        }
    }
}

/// What `partials/activity-item` sees when rendered on its own: the item, with `site` and `t` behind it.
final class ListEntryContext: TemplateObject {
    let item: ActivityItem
    let site: SiteView

    init(item: ActivityItem, site: SiteView) {
        self.item = item
        self.site = site
    }

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .site, .t: SiteRoot(site: site).value(for: key)
        default: item.value(for: key)
        }
    }
}
