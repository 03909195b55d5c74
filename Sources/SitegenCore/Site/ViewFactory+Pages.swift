import Foundation

/// One context per page of the portal.
extension ViewFactory {
    /// How many of the latest activities the home page lists.
    static let latestCount = 6

    func home(graphics: SiteGraphics) -> PageContext {
        let pages = content.pages.map { PageLink(title: $0.title, url: content.settings.link($0.sitePath), summary: $0.summary) }
        let view = HomeView(
            latest: content.activities.indices.prefix(Self.latestCount).map(listed), sections: sections, pages: pages,
            activityCount: content.activities.count, partnerCount: content.partners.count,
            planCount: content.actionPlans.count,
            yearsChartHTML: graphics.yearsChart, typesChartHTML: graphics.typesChart)
        return context(title: content.settings.title, description: content.settings.description ?? "", sitePath: "/", section: "", page: view)
    }

    func timeline() -> PageContext {
        var typeCounts: [String: Int] = [:], regionCounts: [String: Int] = [:], yearCounts: [Int: Int] = [:]
        var partnerCounts = Array(repeating: 0, count: content.partners.count)
        var regionLabels: [String: String] = [:]
        var roleCounts: [String: Int] = [:], sourceCounts: [String: Int] = [:]
        // A handful of regions across thousands of activities: each is made a value and labelled once.
        var regionValues: [String: String] = [:]
        var regions: [String] = []
        for (position, activity) in content.activities.enumerated() {
            typeCounts[activity.type, default: 0] += 1
            if let role = activity.role { roleCounts[role, default: 0] += 1 }
            for source in activity.sourceIDs { sourceCounts[source, default: 0] += 1 }
            yearCounts[activity.date.year, default: 0] += 1
            regions.removeAll(keepingCapacity: true)
            for index in content.partnerIndexesByActivity[position] {
                partnerCounts[index] += 1
                guard let region = content.partners[index].region else { continue }
                let value: String
                if let known = regionValues[region] {
                    value = known
                } else {
                    value = FilterValue.make(region)
                    regionValues[region] = value
                    regionLabels[value] = regionLabel(region)
                }
                if !regions.contains(value) { regions.append(value) }
            }
            for region in regions { regionCounts[region, default: 0] += 1 }
        }
        let filters = TimelineFilters(
            types: typeCounts.keys.sorted().map { FilterOption(value: $0, label: typeLabel($0), count: typeCounts[$0]!) },
            partners: content.partners.indices.filter { partnerCounts[$0] > 0 }
                .sorted { content.partners[$0].name.localizedStandardCompareKey < content.partners[$1].name.localizedStandardCompareKey }
                .map { FilterOption(value: content.partners[$0].id, label: content.partners[$0].name, count: partnerCounts[$0]) },
            regions: regionCounts.keys.sorted().map { FilterOption(value: $0, label: regionLabels[$0]!, count: regionCounts[$0]!) },
            years: yearCounts.keys.sorted(by: >).map { FilterOption(value: String($0), label: String($0), count: yearCounts[$0]!) },
            roles: (Activity.declaredFields.first { $0.name == "role" }?.choices ?? []).filter { roleCounts[$0] != nil }
                .map { FilterOption(value: $0, label: strings.label("role_\($0)"), count: roleCounts[$0]!) },
            sources: content.sources.filter { sourceCounts[$0.id] != nil }
                .map { FilterOption(value: $0.id, label: $0.title, count: sourceCounts[$0.id]!, lang: foreignLanguage($0.language)) })
        let view = TimelineView(total: content.activities.count, years: yearGroups(Array(content.activities.indices)), filters: filters,
                                indexURL: content.settings.link("/data/search-index.json"))
        return context(title: strings.label("timeline_title"), description: strings.label("timeline_intro"),
                       sitePath: "/timeline/", section: "timeline", page: view)
    }

    /// `bodyHTML` from `Site.bodyHTML(of:file:)`, as for the other pages that show a document's body.
    func activity(at index: Int, bodyHTML: [UInt8]) -> PageContext {
        let activity = content.activities[index]
        // The timeline runs newest first: "previous" is older, "next" is newer.
        let older = index + 1 < content.activities.count ? makeItem(index + 1) : nil
        let newer = index > 0 ? makeItem(index - 1) : nil
        // The page repeats much of its list entry: the same date, label and partner links.
        let own = makeItem(index)
        let view = ActivityView(
            fields: own.fields,
            record: facts(sourceIDs: activity.sourceIDs, title: activity.title, sitePath: activity.sitePath, updated: activity.updated),
            textLang: foreignLanguage(activity.document.textLanguage), bodyLang: foreignLanguage(activity.document.bodyLanguage),
            title: activity.title,
            dateText: own.dateText, datetime: own.datetime,
            type: activity.type, typeLabel: own.typeLabel, organizer: activity.organizer,
            location: activity.location, source: activity.source,
            partners: own.partners,
            summary: activity.summary,
            bodyHTML: bodyHTML, previous: older, next: newer)
        return context(title: activity.title, description: activity.summary, sitePath: activity.sitePath, section: "timeline", page: view)
    }

    func partners(graphics: SiteGraphics) -> PageContext {
        var groups: [PartnerKindGroup] = []
        for kind in Partner.Kind.allCases {
            let ofKind = content.partners.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            var byRegion: [String: [Partner]] = [:]
            for partner in ofKind { byRegion[partner.region.map(regionLabel) ?? strings.label("region_other"), default: []].append(partner) }
            let regions = byRegion.keys.sorted().map { region in
                PartnerRegionGroup(region: region, partners: byRegion[region]!
                    .sorted { $0.name.localizedStandardCompareKey < $1.name.localizedStandardCompareKey }
                    .map(partnerSummary))
            }
            groups.append(PartnerKindGroup(kind: kind.rawValue, label: strings.label("kind_\(kind.rawValue)_plural"), regions: regions))
        }
        let view = PartnersView(groups: groups, mapHTML: graphics.worldMap, total: content.partners.count)
        return context(title: strings.label("partners_title"), description: strings.label("partners_intro"),
                       sitePath: "/partners/", section: "partners", page: view)
    }

    func partnerSummary(_ partner: Partner) -> PartnerSummary {
        PartnerSummary(id: partner.id, name: partner.name, url: content.settings.link(partner.sitePath), iso: partner.iso,
                       activityCount: content.activityIndexesByPartner[partner.id]?.count ?? 0)
    }

    func partner(at index: Int, graphics: SiteGraphics, bodyHTML: [UInt8]) -> PageContext {
        let partner = content.partners[index]
        let activities = content.activityIndexesByPartner[partner.id] ?? []
        // Counted by partner index: partners are few, and hashing every id of every activity was slow.
        var together = [Int](repeating: 0, count: content.partners.count)
        for activity in activities {
            for other in content.partnerIndexesByActivity[activity] where other != index { together[other] += 1 }
        }
        // Most shared first, then by id (`partners` is in id order).
        let companions = together.indices.filter { together[$0] > 0 }
            .sorted { (together[$1], $0) < (together[$0], $1) }
            .prefix(5)
            .map { CompanionPartner(name: content.partners[$0].name, url: content.settings.link(content.partners[$0].sitePath), count: together[$0]) }
        let view = PartnerView(
            name: partner.name, kindLabel: strings.label("kind_\(partner.kind.rawValue)"), iso: partner.iso,
            region: partner.region.map(regionLabel), activityCount: activities.count, bodyHTML: bodyHTML,
            years: yearGroups(activities), companions: companions, hasCompanions: !companions.isEmpty,
            mapHTML: graphics.locator(for: partner) ?? "",
            record: facts(sourceIDs: partner.citations.sourceIDs, title: partner.name, sitePath: partner.sitePath,
                          updated: partner.citations.updated),
            textLang: foreignLanguage(partner.document.textLanguage), bodyLang: foreignLanguage(partner.document.bodyLanguage))
        let description = partner.document.body.firstParagraph ?? partner.name
        return context(title: partner.name, description: description, sitePath: partner.sitePath, section: "partners", page: view)
    }

    func actionPlans(graphics: SiteGraphics) -> PageContext {
        let view = ActionPlansView(plans: content.actionPlans.map(summary), chartHTML: graphics.plansChart)
        return context(title: strings.label("action_plans_title"), description: strings.label("action_plans_intro"),
                       sitePath: "/action-plans/", section: "action-plans", page: view)
    }

    func actionPlan(at index: Int, bodyHTML: [UInt8]) -> PageContext {
        let plan = content.actionPlans[index]
        let view = ActionPlanView(
            title: plan.title, edition: plan.edition, adoptedText: strings.dates.format(plan.adopted),
            adoptedDatetime: plan.adopted.text, periodText: summary(plan).periodText, source: plan.source,
            bodyHTML: bodyHTML,
            previous: index > 0 ? summary(content.actionPlans[index - 1]) : nil,
            next: index + 1 < content.actionPlans.count ? summary(content.actionPlans[index + 1]) : nil,
            record: facts(sourceIDs: plan.citations.sourceIDs, title: plan.title, sitePath: plan.sitePath,
                          updated: plan.citations.updated ?? plan.adopted),
            textLang: foreignLanguage(plan.document.textLanguage), bodyLang: foreignLanguage(plan.document.bodyLanguage))
        return context(title: plan.title, description: plan.summary, sitePath: plan.sitePath, section: "action-plans", page: view)
    }

    func page(at index: Int, bodyHTML: [UInt8]) -> PageContext {
        let page = content.pages[index]
        let view = PageView(title: page.title, summary: page.summary, bodyHTML: bodyHTML,
                            record: facts(sourceIDs: page.citations.sourceIDs, title: page.title, sitePath: page.sitePath,
                                          updated: page.citations.updated),
                            textLang: foreignLanguage(page.document.textLanguage), bodyLang: foreignLanguage(page.document.bodyLanguage))
        return context(title: page.title, description: page.summary, sitePath: page.sitePath, section: page.id, page: view)
    }

    func sources() -> PageContext {
        var citing: [String: [RecordLink]] = [:]
        var activityCounts: [String: Int] = [:]
        for activity in content.activities {
            for id in activity.sourceIDs {
                citing[id, default: []].append(RecordLink(title: activity.title, url: content.settings.link(activity.sitePath), kindLabel: typeLabel(activity.type)))
                activityCounts[id, default: 0] += 1
            }
        }
        for partner in content.partners {
            for id in partner.citations.sourceIDs {
                citing[id, default: []].append(RecordLink(title: partner.name, url: content.settings.link(partner.sitePath), kindLabel: strings.label("type_partner")))
            }
        }
        for plan in content.actionPlans {
            for id in plan.citations.sourceIDs {
                citing[id, default: []].append(RecordLink(title: plan.title, url: content.settings.link(plan.sitePath), kindLabel: strings.label("type_action-plan")))
            }
        }
        for page in content.pages {
            for id in page.citations.sourceIDs {
                citing[id, default: []].append(RecordLink(title: page.title, url: content.settings.link(page.sitePath), kindLabel: strings.label("type_page")))
            }
        }
        let entries = content.sources.map { source in
            SourceEntry(source: sourceReference(source), anchor: source.anchor, notesHTML: source.document.body.htmlBytes,
                        records: citing[source.id] ?? [], recordCount: citing[source.id]?.count ?? 0,
                        timelineURL: content.settings.link("/timeline/") + "?source=" + source.id,
                        activityCount: activityCounts[source.id] ?? 0)
        }
        return context(title: strings.label("sources_title"), description: strings.label("sources_intro"),
                       sitePath: "/sources/", section: "sources", page: SourcesView(entries: entries))
    }

    func search() -> PageContext {
        context(title: strings.label("search_title"), description: strings.label("search_intro"), sitePath: "/search/",
                section: "search", page: SearchView(indexURL: content.settings.link("/data/search-index.json")))
    }

    /// The `/data/` page. `export`: the site's open data as the files hold it (the first language's
    /// records with the others' text beside them), which every edition's page documents alike.
    func dataPage(export: DataExport) -> PageContext {
        let dictionary = DataDictionary(export: export, strings: strings)
        let languages = export.translations.map { edition in
            let code = edition.settings.language
            return strings.label("language_name_" + code) + " (" + code + ")"
        }
        let caption = { (files: String) in strings.label("data_columns_caption").replacingPlaceholders(["file": files]) }
        let view = DataView(
            files: dictionary.files(),
            activitiesTable: DataTable(id: "columns-activities", caption: caption("activities.json, activities.csv"),
                                       columns: dictionary.activityColumns()),
            partnersTable: DataTable(id: "columns-partners", caption: caption("partners.json"), columns: dictionary.partnerColumns()),
            plansTable: DataTable(id: "columns-action-plans", caption: caption("action-plans.json"), columns: dictionary.planColumns()),
            sourcesTable: DataTable(id: "columns-sources", caption: caption("sources.json"), columns: dictionary.sourceColumns()),
            translationsText: languages.isEmpty ? nil : strings.label("data_translations_text").replacingPlaceholders([
                "languages": languages.joined(separator: ", "),
                "fields": (DataExport.translatedColumns + ["summary"]).joined(separator: ", "),
            ]),
            translationsExample: dictionary.translationsExample())
        return context(title: strings.label("data_title"), description: strings.label("data_intro"), sitePath: "/data/",
                       section: "data", page: view)
    }

    func notFound() -> PageContext {
        context(title: strings.label("not_found_title"), description: strings.label("not_found_intro"), sitePath: "/404.html",
                section: "404", page: NotFoundView(sections: sections))
    }
}

extension String {
    /// Case- and diacritic-blind key so "Åland" sorts with "A".
    var localizedStandardCompareKey: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
