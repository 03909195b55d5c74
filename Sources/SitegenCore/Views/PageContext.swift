// The views that every page reads are classes: a name that leads to a view wraps it as a
// template value, which for a class instance is a retain and for a large struct a copy on the heap.

/// What every template receives: the site, the interface strings `t`, the page's metadata,
/// and `page`, the view of the kind being rendered.
final class PageContext: TemplateObject {
    let site: SiteView
    let meta: PageMeta
    let page: any TemplateObject

    init(site: SiteView, meta: PageMeta, page: any TemplateObject) {
        self.site = site
        self.meta = meta
        self.page = page
    }

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .site, .t: SiteRoot(site: site).value(for: key)
        case .meta: meta.templateValue
        case .page: page.templateValue
        default:
            switch key.name {
            case "absoluteHomeURL": absoluteHomeURL.templateValue
            case "absoluteRootURL": absolute(site.rootURL).templateValue
            case "structuredData": .markup(Array(structuredData.utf8))
            default: .missing
            }
        }
    }

    /// The home page's absolute URL (for `og:image` and structured data): the canonical URL's scheme and
    /// host with the site's own path.
    var absoluteHomeURL: String { absolute(site.homeURL) }

    /// `path` (a link the site writes, `/wps/timeline/`) as an absolute URL on the canonical URL's host.
    func absolute(_ path: String) -> String {
        guard path.hasPrefix("/"), let scheme = meta.canonical.range(of: "://") else { return path }
        let host = meta.canonical[scheme.upperBound...].firstIndex(of: "/") ?? meta.canonical.endIndex
        return String(meta.canonical[..<host]) + path
    }

    /// schema.org JSON-LD for the page, in a `<script type="application/ld+json">`: an `Event` for an
    /// activity, a `Country` or an `Organization` for a partner, the `WebSite` (with its search) on the
    /// home page; empty for other pages. Every string is escaped so that no `<`, `>` or `&` reaches the
    /// script element (`StructuredData.string`).
    var structuredData: String {
        var fields: [(String, String)] = [("@context", StructuredData.string("https://schema.org"))]
        if let activity = page as? ActivityView {
            fields.append(("@type", StructuredData.string("Event")))
            fields.append(("name", StructuredData.string(activity.title)))
            fields.append(("startDate", StructuredData.string(activity.datetime)))
            fields.append(("url", StructuredData.string(meta.canonical)))
            if !activity.summary.isEmpty { fields.append(("description", StructuredData.string(activity.summary))) }
            fields.append(("eventAttendanceMode", StructuredData.string("https://schema.org/OfflineEventAttendanceMode")))
            if let location = activity.location {
                fields.append(("location", StructuredData.object([("@type", StructuredData.string("Place")), ("name", StructuredData.string(location))])))
            }
            if let organizer = activity.organizer {
                fields.append(("organizer", StructuredData.object([("@type", StructuredData.string("Organization")), ("name", StructuredData.string(organizer))])))
            }
            if !activity.partners.isEmpty {
                fields.append(("attendee", "[" + activity.partners.map { partner in
                    StructuredData.object([("@type", StructuredData.string("Organization")), ("name", StructuredData.string(partner.name)),
                                           ("url", StructuredData.string(absolute(partner.url)))])
                }.joined(separator: ",") + "]"))
            }
        } else if let partner = page as? PartnerView {
            fields.append(("@type", StructuredData.string(partner.iso == nil ? "Organization" : "Country")))
            fields.append(("name", StructuredData.string(partner.name)))
            fields.append(("url", StructuredData.string(meta.canonical)))
            if let iso = partner.iso { fields.append(("identifier", StructuredData.string(iso))) }
            if meta.description != partner.name { fields.append(("description", StructuredData.string(meta.description))) }
        } else if page is HomeView {
            let home = absoluteHomeURL
            fields.append(("@type", StructuredData.string("WebSite")))
            fields.append(("name", StructuredData.string(site.title)))
            fields.append(("url", StructuredData.string(home)))
            fields.append(("inLanguage", StructuredData.string(site.language)))
            if !site.description.isEmpty { fields.append(("description", StructuredData.string(site.description))) }
            fields.append(("potentialAction", StructuredData.object([
                ("@type", StructuredData.string("SearchAction")),
                ("target", StructuredData.string(absolute(site.searchURL) + "?q={search_term_string}")),
                ("query-input", StructuredData.string("required name=search_term_string")),
            ])))
        } else {
            return ""
        }
        return "<script type=\"application/ld+json\">" + StructuredData.object(fields) + "</script>"
    }
}

/// JSON for a `<script type="application/ld+json">`: strings escaped as JSON, and `<`, `>`, `&`, U+2028
/// and U+2029 as `\u` escapes, so that nothing in the text can close the script or start a comment.
enum StructuredData {
    static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || ["<", ">", "&", "\u{2028}", "\u{2029}"].contains(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `{"key": value, ...}` from keys and values already written as JSON.
    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}

/// What the root of every render answers for `site` and `t`: the section's site view and the
/// interface strings.
struct SiteRoot: TemplateObject {
    let site: SiteView

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .site: site.templateValue
        case .t: site.strings.templateValue
        default: .missing
        }
    }
}

/// The page's own `<head>` facts.
final class PageMeta: TemplateObject {
    let title: String
    /// "Title — Site", or the site title alone on the home page.
    let documentTitle: String
    let description: String
    let canonical: String
    /// Which navigation entry is current: `timeline`, `partners`, a page id...
    let section: String
    let bodyClass: String
    /// The page in every language, for `<link rel="alternate" hreflang>` (with `x-default`).
    let alternates: [LanguageLink]
    /// The page in every language, for the language switch; empty for a site in one language.
    let languages: [LanguageLink]

    init(title: String, documentTitle: String, description: String, canonical: String, section: String, bodyClass: String,
         alternates: [LanguageLink] = [], languages: [LanguageLink] = []) {
        self.alternates = alternates
        self.languages = languages
        self.title = title
        self.documentTitle = documentTitle
        self.description = description
        self.canonical = canonical
        self.section = section
        self.bodyClass = bodyClass
    }

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .title: title.templateValue
        case .documentTitle: documentTitle.templateValue
        case .description: description.templateValue
        case .canonical: canonical.templateValue
        case .section: section.templateValue
        case .bodyClass: bodyClass.templateValue
        default:
            switch key.name {
            case "alternates": alternates.isEmpty ? .missing : alternates.templateValue
            case "languages": languages.isEmpty ? .missing : languages.templateValue
            case "hasLanguages": .bool(!languages.isEmpty)
            default: .missing
            }
        }
    }
}

/// A page in one language: its address, and the language's own name for the switch.
struct LanguageLink: TemplateFields {
    let code: String
    let name: String
    let url: String
    let current: Bool
    static let fields: [String: @Sendable (LanguageLink) -> TemplateValue] = [
        "code": { $0.code.templateValue },
        "name": { $0.name.templateValue },
        "url": { $0.url.templateValue },
        "current": { $0.current.templateValue },
    ]
}

/// Site-wide facts for the layout: title, language, navigation, asset links; one per section,
/// which marks its navigation entry as current and carries its rendered header and footer.
final class SiteView: TemplateObject {
    let title: String
    let description: String
    let language: String
    let homeURL: String
    let feedURL: String
    let stylesheetURL: String
    let scriptURL: String
    let searchURL: String
    let dataURL: String
    /// The site's root, where the open data, assets and static files are for every language.
    let rootURL: String
    let navigation: [NavigationItem]
    let strings: InterfaceLabels
    /// `partials/header` and `partials/footer` rendered once for the section (see `Site.load`).
    let headerHTML: String
    let footerHTML: String
    /// The trust facts of the footer and the data page: the newest change of any record, in the
    /// edition's language and as `YYYY-MM-DD` for `<time datetime>`, and the open-data licence.
    let trust: SiteTrust

    init(title: String, description: String, language: String, homeURL: String, feedURL: String,
         stylesheetURL: String, scriptURL: String, searchURL: String, dataURL: String,
         navigation: [NavigationItem], strings: InterfaceLabels, headerHTML: String = "", footerHTML: String = "", rootURL: String = "/",
         trust: SiteTrust = SiteTrust()) {
        self.rootURL = rootURL
        self.trust = trust
        self.title = title
        self.description = description
        self.language = language
        self.homeURL = homeURL
        self.feedURL = feedURL
        self.stylesheetURL = stylesheetURL
        self.scriptURL = scriptURL
        self.searchURL = searchURL
        self.dataURL = dataURL
        self.navigation = navigation
        self.strings = strings
        self.headerHTML = headerHTML
        self.footerHTML = footerHTML
    }

    /// This view for `section`: its navigation entry current, with the given header and footer.
    func forSection(_ section: String, headerHTML: String = "", footerHTML: String = "") -> SiteView {
        SiteView(title: title, description: description, language: language, homeURL: homeURL, feedURL: feedURL,
                 stylesheetURL: stylesheetURL, scriptURL: scriptURL, searchURL: searchURL, dataURL: dataURL,
                 navigation: navigation.map { NavigationItem(id: $0.id, title: $0.title, url: $0.url, current: $0.id == section) },
                 strings: strings, headerHTML: headerHTML, footerHTML: footerHTML, rootURL: rootURL, trust: trust)
    }

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .headerHTML: headerHTML.templateValue
        case .footerHTML: footerHTML.templateValue
        case .title: title.templateValue
        case .description: description.templateValue
        case .language: language.templateValue
        case .homeURL: homeURL.templateValue
        case .feedURL: feedURL.templateValue
        case .stylesheetURL: stylesheetURL.templateValue
        case .scriptURL: scriptURL.templateValue
        case .searchURL: searchURL.templateValue
        case .dataURL: dataURL.templateValue
        case .navigation: navigation.templateValue
        default:
            switch key.name {
            case "rootURL": rootURL.templateValue
            case "dataAsOfText": trust.dataAsOfText.templateValue
            case "dataAsOfDatetime": trust.dataAsOfDatetime.templateValue
            case "dataLicense": trust.license.templateValue
            case "dataLicenseURL": trust.licenseURL.templateValue
            case "dataPageURL": trust.dataPageURL.templateValue
            default: .missing
            }
        }
    }
}

/// What the footer of every page says about the data: how recent it is, and under which licence.
struct SiteTrust: Sendable {
    /// "5 January 2025", in the edition's language; nil for a site with no records.
    var dataAsOfText: String?
    var dataAsOfDatetime: String?
    /// The licence's name and address from `site.yml`, when it names one.
    var license: String?
    var licenseURL: String?
    /// The edition's `/data/` page, which documents the open data.
    var dataPageURL = ""
}

/// The interface strings as templates read them: `{{t.home_link}}`.
final class InterfaceLabels: TemplateObject {
    let labels: [String: String]

    init(_ labels: [String: String]) { self.labels = labels }

    func value(for key: TemplateKey) -> TemplateValue { labels[key.name].templateValue }
}

struct NavigationItem: TemplateObject {
    let id: String
    let title: String
    let url: String
    var current: Bool

    func value(for key: TemplateKey) -> TemplateValue {
        switch key.field {
        case .id: id.templateValue
        case .title: title.templateValue
        case .url: url.templateValue
        case .current: current.templateValue
        default: .missing
        }
    }
}
