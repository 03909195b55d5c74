/// A bar in a chart.
struct ChartBar: Sendable {
    let label: String
    let value: Int
    let url: String?
}

/// The noun of a count, singular and plural: "1 activity", "17 activities".
struct CountNoun: Sendable {
    let one: String
    let other: String

    func callAsFunction(_ count: Int) -> String { count == 1 ? one : other }
}

/// Accessible bar charts written at build time as HTML lists, the bars drawn by small inline SVGs.
///
/// All text (labels, values) is HTML text, so it keeps the stylesheet's size at any width: a chart drawn
/// as one scaled SVG shrank its text to 7–9 px on a phone. Each bar is a list item; a bar with a url is one
/// link holding its label and value (so the link's name is its visible text, with the count's noun in a
/// `visually-hidden` span), the bar itself an `aria-hidden` svg stretched by the stylesheet
/// (`preserveAspectRatio="none"`, lengths in hundredths of the largest value). No inline styles.
///
/// Classes for the stylesheet: `chart`, `bar-chart`, `chart-rows` (horizontal), `chart-columns` (vertical),
/// `chart-item`, `chart-label`, `chart-value`, `chart-track`, `chart-column`, `chart-bar`, `chart-empty`.
enum BarChart {
    enum Orientation: Sendable { case horizontal, vertical }

    /// More columns than this do not fit under each other's labels on a phone: such a chart is drawn as rows.
    static let maximumColumns = 12

    static func html(id: String, caption: String, bars: [ChartBar], orientation: Orientation, noun: CountNoun) -> String {
        let id = SVGText.identifier(id)
        let columns = orientation == .vertical && bars.count <= maximumColumns
        var out = "<figure class=\"chart bar-chart\" id=\"\(id)\" aria-labelledby=\"\(id)-caption\">\n"
        out += "<figcaption id=\"\(id)-caption\">\(SVGText.escape(caption))</figcaption>\n"
        out += list(bars, columns: columns, noun: noun)
        out += "</figure>"
        return out
    }

    /// The bars as an ordered list of rows or columns (no list when there are none).
    static func list(_ bars: [ChartBar], columns: Bool, noun: CountNoun) -> String {
        guard !bars.isEmpty else { return "" }
        let maxValue = max(bars.map(\.value).max() ?? 0, 1)
        var out = "<ol class=\"\(columns ? "chart-columns" : "chart-rows")\">\n"
        for bar in bars {
            out += "<li class=\"chart-item\">"
            out += item(label: bar.label, value: bar.value, fraction: Double(max(bar.value, 0)) / Double(maxValue),
                        url: bar.url, vertical: columns, noun: noun)
            out += "</li>\n"
        }
        out += "</ol>\n"
        return out
    }

    /// One bar: its label, its value (with the noun for screen readers) and the drawn bar, in a link when it has a url.
    static func item(label: String, value: Int, fraction: Double, url: String?, vertical: Bool, noun: CountNoun) -> String {
        var out = url.map { "<a class=\"chart-link\" href=\"\(SVGText.escape($0))\">" } ?? "<span class=\"chart-link\">"
        out += "<span class=\"chart-label\">\(SVGText.escape(label))</span> "
        out += "<span class=\"chart-value\">\(value)<span class=\"visually-hidden\"> \(SVGText.escape(noun(value)))</span></span>"
        out += bar(fraction: fraction, vertical: vertical, empty: value <= 0)
        out += url == nil ? "</span>" : "</a>"
        return out
    }

    /// The drawn bar: a 100-unit track with the bar's length, stretched to the box the stylesheet gives it.
    static func bar(fraction: Double, vertical: Bool, empty: Bool) -> String {
        // A value above zero is never drawn thinner than a hair, so that it shows.
        let length = empty ? 0 : min(max(fraction * 100, 1.5), 100)
        let rect = vertical
            ? "<rect class=\"chart-bar\" x=\"0\" y=\"\(SVGText.number(100 - length))\" width=\"10\" height=\"\(SVGText.number(length))\"/>"
            : "<rect class=\"chart-bar\" x=\"0\" y=\"0\" width=\"\(SVGText.number(length))\" height=\"10\"/>"
        let viewBox = vertical ? "0 0 10 100" : "0 0 100 10"
        return "<svg class=\"\(vertical ? "chart-column" : "chart-track")\(empty ? " chart-empty" : "")\" viewBox=\"\(viewBox)\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">\(rect)</svg>"
    }
}

/// One year of the activities-per-year chart.
struct YearCount: Sendable {
    let year: Int
    let count: Int
    let url: String?
    /// What the year's activity is when it has exactly one ("Resolution"): an early year stands for that event.
    let title: String?
}

/// The activities-per-year chart: columns over the recent run of years that have activities, and the years
/// before a long gap (in this portal UNSCR 1325 in 2000, the G7 initiative in 2018) as marked events beside
/// it, instead of a long axis of empty years. A gap of up to `maximumGap` missing years inside the recent
/// run is drawn as years with no activity, so the run stays a true time axis.
enum YearChart {
    static let maximumGap = 2

    struct Labels: Sendable {
        let caption: String
        let noun: CountNoun
        /// The heading of the marked earlier years: "Earlier milestones".
        let earlier: String
    }

    /// The recent run (oldest first, gaps filled with empty years) and the earlier years (oldest first).
    static func split(_ years: [YearCount]) -> (earlier: [YearCount], recent: [YearCount]) {
        let sorted = years.filter { $0.count > 0 }.sorted { $0.year < $1.year }
        guard var start = sorted.indices.last else { return ([], []) }
        while start > 0, sorted[start].year - sorted[start - 1].year - 1 <= maximumGap { start -= 1 }
        var recent: [YearCount] = []
        for (index, year) in sorted[start...].enumerated() {
            if index > 0, let previous = recent.last?.year {
                for missing in (previous + 1)..<year.year { recent.append(YearCount(year: missing, count: 0, url: nil, title: nil)) }
            }
            recent.append(year)
        }
        return (Array(sorted[..<start]), recent)
    }

    static func html(id: String, years: [YearCount], labels: Labels) -> String {
        let id = SVGText.identifier(id)
        let (earlier, recent) = split(years)
        let columns = recent.count <= BarChart.maximumColumns
        var out = "<figure class=\"chart bar-chart year-chart\" id=\"\(id)\" aria-labelledby=\"\(id)-caption\">\n"
        out += "<figcaption id=\"\(id)-caption\">\(SVGText.escape(labels.caption))</figcaption>\n"
        if !recent.isEmpty {
            out += earlier.isEmpty ? "<div class=\"year-chart-body\">\n" : "<div class=\"year-chart-body has-milestones\">\n"
            if !earlier.isEmpty {
                out += "<div class=\"chart-milestones\">\n"
                out += "<p class=\"chart-note\" id=\"\(id)-earlier\">\(SVGText.escape(labels.earlier))</p>\n"
                out += "<ol class=\"milestone-list\" aria-labelledby=\"\(id)-earlier\">\n"
                for year in earlier {
                    out += "<li class=\"milestone\">"
                    out += year.url.map { "<a class=\"chart-link\" href=\"\(SVGText.escape($0))\">" } ?? "<span class=\"chart-link\">"
                    out += "<span class=\"milestone-mark\" aria-hidden=\"true\"></span>"
                    out += "<span class=\"chart-label\">\(year.year)</span> "
                    if let title = year.title, year.count == 1 {
                        out += "<span class=\"milestone-title\">\(SVGText.escape(title))</span>"
                    } else {
                        out += "<span class=\"chart-value\">\(year.count) \(SVGText.escape(labels.noun(year.count)))</span>"
                    }
                    out += year.url == nil ? "</span>" : "</a>"
                    out += "</li>\n"
                }
                out += "</ol>\n</div>\n"
            }
            let bars = recent.map { ChartBar(label: String($0.year), value: $0.count, url: $0.url) }
            out += BarChart.list(bars, columns: columns, noun: labels.noun)
            out += "</div>\n"
        }
        out += "</figure>"
        return out
    }
}
