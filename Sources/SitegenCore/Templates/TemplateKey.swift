/// A name as a template looks it up, resolved when templates compile to the field it names,
/// so that a view finds it with one switch over integers instead of comparing strings
/// (at 10,000 activities, about 40 string comparisons per page for every name looked up).
struct TemplateKey: Sendable, Equatable {
    let name: String
    let field: TemplateField

    init(_ name: String) {
        self.name = name
        field = TemplateField.byName[name] ?? .other
    }
}

/// The names sitegen's views answer through a written-out switch. Views that keep a table
/// of fields (`TemplateFields`), and the interface strings, look names up by `TemplateKey.name`.
enum TemplateField: String, Sendable, CaseIterable {
    /// `init(rawValue:)` compares the name with every case in turn, for each name of each template.
    static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// A name none of those views has.
    case other = ""
    case site, t, meta, page
    case title, documentTitle, description, canonical, section, bodyClass
    case headerHTML, footerHTML, language, homeURL, feedURL, stylesheetURL, scriptURL, searchURL, dataURL, navigation
    case id, url, current, name, last, html
    case dateText, datetime, year, type, typeLabel, partners, hasPartners, partnerIDs, regions, location, summary
    case organizer, source, bodyHTML, previous, next
}
