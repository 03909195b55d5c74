/// Builds the view models of every page from the checked content, in the interface language.
struct ViewFactory: Sendable {
    let content: SiteContent
    let strings: InterfaceStrings
    let site: SiteView
    /// Each activity's list entry and data rows, in `content.activities` order, made once
    /// before the pages (`SiteResolver`).
    var fragments: [ActivityFragments] = []
    /// The site view of each section, with its header and footer rendered once before the pages.
    var sectionSites: [String: SiteView] = [:]

    /// Every section a page can belong to: the home page's is "".
    var sectionIDs: [String] { ["", "timeline", "partners", "action-plans", "sources", "search", "data", "404"] + content.pages.map(\.id) }

    /// Worked out once per build: each activity's item needs them, and slugging text is slow.
    private let typeLabels: [String: String]
    private let regionFilterValues: [String: String]
    /// Each partner's page link, in `content.partners` order: every list entry links its partners.
    private let partnerURLs: [String]

    init(content: SiteContent, strings: InterfaceStrings) {
        self.content = content
        self.strings = strings
        sourceIndexByID = Dictionary(content.sources.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let dates = content.activities.map(\.updated) + content.partners.compactMap(\.citations.updated)
            + content.actionPlans.map { $0.citations.updated ?? $0.adopted } + content.pages.compactMap(\.citations.updated)
        dataAsOf = dates.max { $0.endKey < $1.endKey }
        var typeLabels: [String: String] = [:]
        for type in Set(content.activities.map(\.type)) { typeLabels[type] = TypeLabels(strings: strings).label(type) }
        self.typeLabels = typeLabels
        var regionFilterValues: [String: String] = [:]
        for region in Set(content.partners.compactMap(\.region)) { regionFilterValues[region] = FilterValue.make(region) }
        self.regionFilterValues = regionFilterValues
        let settings = content.settings
        partnerURLs = content.partners.map { settings.link($0.sitePath) }
        var navigation = [
            NavigationItem(id: "timeline", title: strings.label("nav_timeline"), url: settings.link("/timeline/"), current: false),
            NavigationItem(id: "partners", title: strings.label("nav_partners"), url: settings.link("/partners/"), current: false),
            NavigationItem(id: "action-plans", title: strings.label("nav_action_plans"), url: settings.link("/action-plans/"), current: false),
        ]
        for page in content.pages where page.order != nil {
            navigation.append(NavigationItem(id: page.id, title: page.title, url: settings.link(page.sitePath), current: false))
        }
        navigation.append(NavigationItem(id: "search", title: strings.label("nav_search"), url: settings.link("/search/"), current: false))
        site = SiteView(
            title: settings.title, description: settings.description ?? "", language: settings.language,
            homeURL: settings.link("/"), feedURL: settings.link("/feed.xml"),
            stylesheetURL: settings.rootPath + "assets/style.css", scriptURL: settings.rootPath + "assets/site.js",
            searchURL: settings.link("/search/"), dataURL: settings.rootPath + "data/activities.json",
            navigation: navigation, strings: InterfaceLabels(strings.labels), rootURL: settings.rootPath,
            trust: SiteTrust(dataAsOfText: dataAsOf.map(strings.dates.format), dataAsOfDatetime: dataAsOf?.text,
                             license: settings.dataLicense, licenseURL: settings.dataLicenseURL, dataPageURL: settings.link("/data/")))
    }

    /// Each source by id, for the records that cite it.
    let sourceIndexByID: [String: Int]
    /// The newest change of any record: the site's "data as of" date, and the last change of a
    /// record that gives none of its own.
    let dataAsOf: PartialDate?

    func sourceReference(_ source: Source) -> SourceReference {
        SourceReference(id: source.id, title: source.title, publisher: source.publisher,
                        publishedText: source.published.map(strings.dates.format), publishedDatetime: source.published?.text,
                        url: source.url, language: source.language,
                        entryURL: content.settings.link("/sources/") + "#" + source.anchor)
    }

    /// The provenance block of a record's page. `updated`: when it last changed; without one, the site's data date.
    func facts(sourceIDs: [String], title: String, sitePath: String, updated: PartialDate?) -> RecordFacts {
        let byID = sourceIndexByID
        let sources = sourceIDs.compactMap { byID[$0] }.map { sourceReference(content.sources[$0]) }
        let date = updated ?? dataAsOf
        let permalink = content.settings.absoluteURL(sitePath)
        let updatedText = date.map(strings.dates.format) ?? ""
        let citation = strings.label("cite_template").replacingPlaceholders([
            "site": content.settings.title, "title": title, "url": permalink, "date": updatedText,
        ])
        return RecordFacts(sources: sources, updatedText: updatedText, updatedDatetime: date?.text ?? "",
                           permalink: permalink, citation: citation)
    }

    /// Gives every section its site view, with the header and footer rendered for it.
    mutating func install(chrome: [String: (header: String, footer: String)]) {
        for (section, pieces) in chrome {
            sectionSites[section] = site.forSection(section, headerHTML: pieces.header, footerHTML: pieces.footer)
        }
    }

    // MARK: Shared pieces

    func context(title: String, description: String, sitePath: String, section: String, page: any TemplateObject) -> PageContext {
        let view = sectionSites[section] ?? site.forSection(section)
        let settings = content.settings
        let documentTitle = sitePath == "/" ? settings.title : "\(title) — \(settings.title)"
        let languages = settings.languages
        var alternates: [LanguageLink] = []
        var switchLinks: [LanguageLink] = []
        if languages.count > 1 {
            for language in languages {
                let name = strings.label("language_\(language)")
                alternates.append(LanguageLink(code: language, name: name, url: settings.absoluteURL(sitePath, in: language), current: false))
                switchLinks.append(LanguageLink(code: language, name: name,
                                                url: settings.rootPath + SiteSettings.prefix(of: language, in: languages) + sitePath.dropFirst(),
                                                current: language == settings.language))
            }
            alternates.append(LanguageLink(code: "x-default", name: "", url: settings.absoluteURL(sitePath, in: languages[0]), current: false))
        }
        let meta = PageMeta(
            title: title, documentTitle: documentTitle,
            description: description.isEmpty ? (settings.description ?? settings.title) : description,
            canonical: settings.absoluteURL(sitePath), section: section, bodyClass: section.isEmpty ? "home" : section,
            alternates: alternates, languages: switchLinks)
        return PageContext(site: view, meta: meta, page: page)
    }

    /// A region as partners' files write it ("Southeast Asia"), in the interface language:
    /// `region_southeast-asia` from the strings file, or the region as written.
    func regionLabel(_ region: String) -> String {
        strings.labels["region_" + FilterValue.make(region)] ?? region
    }

    /// A record's text language when it differs from this edition's (an untranslated record), for its `lang`.
    func foreignLanguage(_ language: String) -> String? {
        language.isEmpty || language == content.settings.language ? nil : language
    }

    func typeLabel(_ type: String) -> String { typeLabels[type] ?? TypeLabels(strings: strings).label(type) }

    /// "seminar" → "Seminar" from the strings file, or the type capitalised.
    struct TypeLabels {
        let strings: InterfaceStrings
        func label(_ type: String) -> String {
            strings.labels["type_\(type)"] ?? type.prefix(1).uppercased() + type.dropFirst()
        }
    }

    /// A new item for `content.activities[index]`.
    func makeItem(_ index: Int) -> ActivityItem {
        let activity = content.activities[index]
        let partners = content.partnerIndexesByActivity[index]
        let regions = Set(partners.compactMap { content.partners[$0].region }).sorted()
        return ActivityItem(
            fields: DeclaredValues(declared: Activity.declaredFields, values: activity.values, strings: strings),
            id: activity.id, title: activity.title, url: content.settings.link(activity.sitePath),
            dateText: strings.dates.format(from: activity.date, to: activity.endDate),
            datetime: activity.date.text, year: activity.date.year,
            type: activity.type, typeLabel: typeLabel(activity.type),
            partners: references(partners), regions: regions.map { regionFilterValues[$0] ?? FilterValue.make($0) }.joined(separator: " "),
            location: activity.location, summary: activity.summary,
            textLang: foreignLanguage(activity.document.textLanguage))
    }

    func listed(at index: Int) -> ListedActivity {
        ListedActivity(html: index < fragments.count ? fragments[index].listHTML : [])
    }

    /// Links to the partners at these indexes of `content.partners`.
    func references(_ partners: [Int]) -> [PartnerReference] {
        partners.enumerated().map { position, index in
            PartnerReference(id: content.partners[index].id, name: content.partners[index].name, url: partnerURLs[index],
                             last: position == partners.count - 1)
        }
    }

    /// The activities at these indexes of `content.activities` (in timeline order) grouped by
    /// year, then month (newest first), each group with its count.
    func yearGroups(_ indexes: [Int]) -> [YearGroup] {
        let activities = content.activities
        var years: [YearGroup] = []
        var position = 0
        func date(_ position: Int) -> PartialDate { activities[indexes[position]].date }
        while position < indexes.count {
            let year = date(position).year
            var months: [MonthGroup] = []
            var yearCount = 0
            while position < indexes.count, date(position).year == year {
                let month = date(position).month
                var items: [ListedActivity] = []
                while position < indexes.count, date(position).year == year, date(position).month == month {
                    items.append(listed(at: indexes[position]))
                    position += 1
                }
                let label = month.map { strings.dates.format(PartialDate(year: year, month: $0)) } ?? strings.label("month_unknown")
                let anchor = MonthGroup.anchor(year, month)
                months.append(MonthGroup(label: label, anchor: anchor, count: items.count, items: items))
                yearCount += items.count
            }
            years.append(YearGroup(year: year, anchor: YearGroup.anchor(year), count: yearCount, months: months))
        }
        return years
    }

    var sections: [SectionLink] {
        let settings = content.settings
        return [
            SectionLink(title: strings.label("nav_timeline"), url: settings.link("/timeline/"), description: strings.label("timeline_intro")),
            SectionLink(title: strings.label("nav_partners"), url: settings.link("/partners/"), description: strings.label("partners_intro")),
            SectionLink(title: strings.label("nav_action_plans"), url: settings.link("/action-plans/"), description: strings.label("action_plans_intro")),
            SectionLink(title: strings.label("nav_search"), url: settings.link("/search/"), description: strings.label("search_intro")),
        ]
    }

    func summary(_ plan: ActionPlan) -> ActionPlanSummary {
        ActionPlanSummary(
            title: plan.title, url: content.settings.link(plan.sitePath), edition: plan.edition,
            adoptedText: strings.dates.format(plan.adopted), adoptedDatetime: plan.adopted.text,
            periodText: plan.periodStart.map { strings.dates.format(from: $0, to: plan.periodEnd) }
                ?? plan.periodEnd.map { strings.dates.format($0) },
            summary: plan.summary)
    }
}

/// Turns a label into a value for `data-` attributes and filter options: no spaces.
enum FilterValue {
    static func make(_ label: String) -> String {
        let slug = HeadingSlug.make(from: label)
        return slug.isEmpty ? "other" : slug
    }
}
