import Mustache

// The views that every page reads are classes: swift-mustache casts each object on its
// context stack to `MustacheParent` for every name it looks up, and casting a struct copies
// all of its fields, where casting a class instance only retains it.

/// What every template receives: the site, the interface strings `t`, the page's metadata,
/// and `page`, the view of the kind being rendered.
final class PageContext: MustacheParent, Sendable {
    let site: SiteView
    let meta: PageMeta
    let page: any Sendable

    init(site: SiteView, meta: PageMeta, page: any Sendable) {
        self.site = site
        self.meta = meta
        self.page = page
    }

    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "t": site.strings
        case "meta": meta
        case "page": page
        default: nil
        }
    }
}

/// The page's own `<head>` facts.
final class PageMeta: MustacheParent, Sendable {
    let title: String
    /// "Title — Site", or the site title alone on the home page.
    let documentTitle: String
    let description: String
    let canonical: String
    /// Which navigation entry is current: `timeline`, `partners`, a page id...
    let section: String
    let bodyClass: String

    init(title: String, documentTitle: String, description: String, canonical: String, section: String, bodyClass: String) {
        self.title = title
        self.documentTitle = documentTitle
        self.description = description
        self.canonical = canonical
        self.section = section
        self.bodyClass = bodyClass
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "documentTitle": documentTitle
        case "description": description
        case "canonical": canonical
        case "section": section
        case "bodyClass": bodyClass
        default: nil
        }
    }
}

/// Site-wide facts for the layout: title, language, navigation, asset links; one per section,
/// which marks its navigation entry as current and carries its rendered header and footer.
final class SiteView: MustacheParent, Sendable {
    let title: String
    let description: String
    let language: String
    let homeURL: String
    let feedURL: String
    let stylesheetURL: String
    let scriptURL: String
    let searchURL: String
    let dataURL: String
    let navigation: [NavigationItem]
    let strings: InterfaceLabels
    /// `partials/header` and `partials/footer` rendered once for the section (see `Site.load`).
    let headerHTML: String
    let footerHTML: String

    init(title: String, description: String, language: String, homeURL: String, feedURL: String,
         stylesheetURL: String, scriptURL: String, searchURL: String, dataURL: String,
         navigation: [NavigationItem], strings: InterfaceLabels, headerHTML: String = "", footerHTML: String = "") {
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
                 strings: strings, headerHTML: headerHTML, footerHTML: footerHTML)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "headerHTML": headerHTML
        case "footerHTML": footerHTML
        case "title": title
        case "description": description
        case "language": language
        case "homeURL": homeURL
        case "feedURL": feedURL
        case "stylesheetURL": stylesheetURL
        case "scriptURL": scriptURL
        case "searchURL": searchURL
        case "dataURL": dataURL
        case "navigation": navigation
        default: nil
        }
    }
}

/// The interface strings as templates read them: `{{t.home_link}}`.
final class InterfaceLabels: MustacheParent, Sendable {
    let labels: [String: String]

    init(_ labels: [String: String]) { self.labels = labels }

    func child(named name: String) -> Any? { labels[name] }
}

struct NavigationItem: MustacheParent {
    let id: String
    let title: String
    let url: String
    var current: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "url": url
        case "current": current
        default: nil
        }
    }
}
