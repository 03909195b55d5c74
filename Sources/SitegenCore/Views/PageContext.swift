import Mustache

/// What every template receives: the site, the interface strings `t`, the page's metadata,
/// and `page`, the view of the kind being rendered.
struct PageContext: MustacheParent {
    let site: SiteView
    let meta: PageMeta
    let page: Any

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
struct PageMeta: MustacheParent {
    let title: String
    /// "Title — Site", or the site title alone on the home page.
    let documentTitle: String
    let description: String
    let canonical: String
    /// Which navigation entry is current: `timeline`, `partners`, a page id...
    let section: String
    let bodyClass: String

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

/// Site-wide facts for the layout: title, language, navigation, asset links.
struct SiteView: MustacheParent {
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
    let strings: [String: String]
    /// `partials/header` and `partials/footer` rendered once for the page's section (see `Site.load`).
    var headerHTML = ""
    var footerHTML = ""

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
