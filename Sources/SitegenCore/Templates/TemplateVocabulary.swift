/// Every name sitegen's views answer, so that a template naming anything else — a typo such as
/// `{{titel}}`, or `{{t.label}}` missing from a strings file — is an error at its file, line and
/// column when the templates are loaded, not an empty string in the built pages.
///
/// The check is by vocabulary: a name must be one that some view answers (Mustache looks a name
/// up through every value around it, so which view answers depends on where a partial is used).
enum TemplateVocabulary {
    /// Names views answer through their written-out switches (`TemplateField`), their field
    /// tables (`TemplateFields`), the few they look up by name, and every declared field of a record.
    static let viewNames: Set<String> = {
        var names = Set(TemplateField.allCases.map(\.rawValue))
        names.formUnion(byName)
        for table in fieldTables { names.formUnion(table) }
        for field in Activity.declaredFields {
            names.insert(field.name)
            if case .choice = field.kind { names.insert(field.name + "_label") }
        }
        names.remove("")
        return names
    }()

    /// Looked up by `TemplateKey.name` in a view's `value(for:)`.
    static let byName: Set<String> = [
        "absoluteHomeURL", "absoluteRootURL", "structuredData", "alternates", "languages", "hasLanguages", "rootURL",
        "record", "textLang", "bodyLang",
        // The site's trust facts (`SiteTrust`): the footer's data date and licence, the data page's address.
        "dataAsOfText", "dataAsOfDatetime", "dataLicense", "dataLicenseURL", "dataPageURL",
    ]

    static let fieldTables: [[String]] = [
        keys(RecordFacts.self), keys(SourceReference.self), keys(SourceEntry.self), keys(RecordLink.self), keys(SourcesView.self),
        keys(LanguageLink.self), keys(HomeView.self), keys(SectionLink.self), keys(PageLink.self), keys(TimelineView.self),
        keys(YearGroup.self), keys(MonthGroup.self), keys(TimelineFilters.self), keys(FilterOption.self), keys(PartnersView.self),
        keys(PartnerKindGroup.self), keys(PartnerRegionGroup.self), keys(PartnerSummary.self), keys(PartnerView.self),
        keys(CompanionPartner.self), keys(ActionPlansView.self), keys(ActionPlanSummary.self), keys(ActionPlanView.self),
        keys(PageView.self), keys(SearchView.self), keys(NotFoundView.self),
        keys(DataView.self), keys(DataTable.self), keys(DataColumnEntry.self), keys(DataFileEntry.self),
    ]

    private static func keys<View: TemplateFields>(_ type: View.Type) -> [String] { Array(View.fields.keys) }

    /// Every name the templates use that no view answers, with where it is written; `t.KEY`
    /// names are checked against `labels` when given (the strings file of each language).
    static func unknownNames(in nodes: [TemplateNode], labels: [String: String]?) -> [(name: String, offset: Int)] {
        var unknown: [(String, Int)] = []
        func check(_ name: TemplateName) {
            guard !name.first.name.isEmpty else { return }
            if name.first.name == "t" {
                if let labels, let key = name.rest.first?.name, labels[key] == nil { unknown.append(("t." + key, name.offset)) }
                return
            }
            guard labels == nil else { return }
            for part in [name.first] + name.rest where !viewNames.contains(part.name) && Int(part.name) == nil {
                unknown.append((part.name, name.offset))
            }
        }
        func walk(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text, .partial: break
                case .variable(let name, _): check(name)
                case .section(let name, let children), .invertedSection(let name, let children): check(name); walk(children)
                case .parent(_, _, let overrides, _): for children in overrides.values { walk(children) }
                case .block(_, let children, _), .blockDefinition(_, let children): walk(children)
                }
            }
        }
        walk(nodes)
        return unknown
    }
}
