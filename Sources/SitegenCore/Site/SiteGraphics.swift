import Foundation

/// The charts and maps of a build as inline SVG: the charts and the world map drawn once, each
/// partner's locator map when its page is rendered (a rebuild renders only a few of them).
struct SiteGraphics: Sendable {
    var yearsChart = ""
    var typesChart = ""
    var plansChart = ""
    var worldMap = ""
    /// The map data locators are drawn from, and their alternative text with `{name}`.
    var map: WorldMapData?
    var locatorAltText = ""

    /// The locator map of a country partner; nil for organizations or without map data.
    func locator(for partner: Partner) -> String? {
        guard let map, partner.kind == .country, let iso = partner.iso else { return nil }
        return WorldMap.locator(id: "locator-\(partner.id)", data: map, iso: iso,
                                altText: locatorAltText.replacingPlaceholders(["name": partner.name]))
    }
}

extension SiteGraphics {
    /// The world map needs `map/world-countries.json` in the templates folder; a theme without it has no maps.
    static func draw(content: SiteContent, strings: InterfaceStrings, templatesFolder: String, log: inout DiagnosticLog) -> SiteGraphics {
        var graphics = SiteGraphics()
        let settings = content.settings

        // An earlier year with a milestone is named by its first activity's title ("UNSCR 1325 adopted").
        let labeller = ViewFactory.TypeLabels(strings: strings)
        var perYear: [Int: Int] = [:], perType: [String: Int] = [:], titleOfYear: [Int: String] = [:]
        for activity in content.activities {
            perYear[activity.date.year, default: 0] += 1
            perType[activity.type, default: 0] += 1
            if titleOfYear[activity.date.year] == nil { titleOfYear[activity.date.year] = activity.title }
        }
        // Chart elements open the timeline filtered as its own filters would (`?year=`, `?type=`).
        let timeline = settings.link("/timeline/")
        let noun = CountNoun(one: strings.label("count_activity_one"), other: strings.label("stat_activities"))
        graphics.yearsChart = perYear.isEmpty ? "" : YearChart.html(
            id: "chart-years",
            years: perYear.map { YearCount(year: $0.key, count: $0.value, url: timeline + "?year=\($0.key)", title: titleOfYear[$0.key]) },
            labels: YearChart.Labels(caption: strings.label("chart_years_caption"), noun: noun, earlier: strings.label("chart_years_earlier")))
        let types = perType.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        if !types.isEmpty {
            graphics.typesChart = BarChart.html(
                id: "chart-types", caption: strings.label("chart_types_caption"),
                bars: types.map { ChartBar(label: labeller.label($0.key), value: $0.value, url: timeline + "?type=\($0.key)") },
                orientation: .horizontal, noun: noun)
        }
        if !content.actionPlans.isEmpty {
            let spans = content.actionPlans.map { plan in
                TimeSpan(
                    label: plan.title, url: settings.link(plan.sitePath),
                    start: (plan.periodStart ?? plan.adopted).fractionalYear, end: plan.periodEnd?.fractionalYearEnd,
                    marker: plan.adopted.fractionalYear,
                    startText: strings.dates.format(plan.periodStart ?? plan.adopted),
                    endText: plan.periodEnd.map(strings.dates.format), markerText: strings.dates.format(plan.adopted))
            }
            graphics.plansChart = TimeChart.html(
                id: "chart-plans", spans: spans,
                labels: TimeChart.Labels(caption: strings.label("chart_plans_caption"), adopted: strings.label("adopted_label"),
                                         period: strings.label("period_label"), untilNext: strings.label("chart_plans_until_next"),
                                         periodLegend: strings.label("chart_plans_period_legend")))
        }

        let mapFile = templatesFolder + "/map/world-countries.json"
        guard FileManager.default.fileExists(atPath: mapFile) else { return graphics }
        let map: WorldMapData
        do {
            // Centred on the Pacific: Asia and the Pacific whole, the edge in the Atlantic.
            map = try RecentredMapCache.shared.map(at: mapFile, centre: WorldMap.centralMeridian)
        } catch {
            log.error(SourceLocation(path: mapFile), "cannot read the world map: \(error)")
            return graphics
        }
        let countLabel = { (count: Int) in
            strings.label(count == 1 ? "map_count_one" : "map_count_other").replacingPlaceholders(["count": String(count)])
        }
        let countries = content.partners.filter { $0.kind == .country && $0.iso != nil }
        let highlights = countries.map { partner in
            MapHighlight(iso: partner.iso!, name: partner.name, count: content.activityIndexesByPartner[partner.id]?.count ?? 0,
                         url: settings.link(partner.sitePath))
        }
        // Japan is the country the portal is about: marked and named, never a partner.
        graphics.worldMap = WorldMap.svg(id: "partners-map", data: map, highlights: highlights,
                                         caption: strings.label("map_caption"),
                                         home: MapHome(iso: "JP", name: strings.label("map_home_name")),
                                         legend: MapLegend(title: strings.label("map_legend_title"), range: strings.label("map_legend_range"),
                                                           home: strings.label("map_legend_home"), country: strings.label("map_country_label")),
                                         inset: .asiaPacific(title: strings.label("map_inset_title")), countLabel: countLabel)
        graphics.map = map
        graphics.locatorAltText = strings.label("locator_alt")
        return graphics
    }
}

extension PartialDate {
    /// The start of the period as a fractional year, for time axes.
    var fractionalYear: Double {
        if isFiscalYear { return Double(year) + 0.25 }
        return Double(year) + Double((month ?? 1) - 1) / 12 + Double((day ?? 1) - 1) / 365
    }

    /// The end of the period as a fractional year.
    var fractionalYearEnd: Double {
        if isFiscalYear { return Double(year + 1) + 0.25 }
        return switch precision {
        case .year: Double(year + 1)
        case .month: Double(year) + Double(month!) / 12
        case .day: fractionalYear + 1.0 / 365
        }
    }
}

/// The world map read and centred once per process while its file is unchanged: every edition of a
/// build, and every rebuild of `serve`, draws from it (reading and re-projecting it took a tenth of a
/// second of each).
final class RecentredMapCache: @unchecked Sendable {
    static let shared = RecentredMapCache()

    private struct Key: Equatable {
        let path: String
        let size: Int
        let modified: Date
        let centre: Double
    }

    private let lock = NSLock()
    private var entry: (key: Key, map: WorldMapData)?

    func map(at path: String, centre: Double) throws -> WorldMapData {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let key = Key(path: path, size: (attributes?[.size] as? NSNumber)?.intValue ?? -1,
                      modified: attributes?[.modificationDate] as? Date ?? .distantPast, centre: centre)
        lock.lock()
        if let entry, entry.key == key {
            lock.unlock()
            return entry.map
        }
        lock.unlock()
        let map = try WorldMapData.load(from: path).recentred(on: centre)
        lock.lock()
        entry = (key, map)
        lock.unlock()
        return map
    }
}
