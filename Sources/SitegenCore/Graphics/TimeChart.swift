import Foundation

/// A span on a time axis, for the National Action Plan history. `start`, `end` and `marker` are fractional
/// years (2023.25 is April 2023); `marker` is the adoption date; `end == nil` means no period is known, and
/// only the marker is drawn (at `start` when `marker` is nil too).
struct TimeSpan: Sendable {
    let label: String
    let url: String?
    let start: Double
    let end: Double?
    let marker: Double?
    let startText: String
    let endText: String?
    let markerText: String?
}

/// A time chart written at build time as HTML: one row per span, its title (a link) and its dates as text
/// above (or, on wide screens, beside) a track drawn as a small stretched SVG, and a year axis under the
/// tracks. The text is HTML, so it keeps its size on a phone and wraps instead of being cut.
///
/// A span with a period is a solid bar from start to end with the adoption marked; a span without one is
/// drawn from its adoption to the start of the next span, as a light bar ("until the next edition"), so
/// that every edition shows, and the legend says what the light bar means. The axis labels every year on
/// wide screens (`tick-wide`, from 48em) and every few years on phones (`tick-narrow`).
enum TimeChart {
    struct Labels: Sendable {
        let caption: String
        let adopted: String
        let period: String
        /// "Until the next edition": the light bar of a span without a period, and its legend.
        let untilNext: String
        /// The legend of the solid bar: "Period covered".
        let periodLegend: String
    }

    /// A span as drawn: its bar (solid or light) and marker, in fractional years.
    struct Drawn {
        let span: TimeSpan
        let barStart: Double
        let barEnd: Double
        let inferred: Bool
        let marker: Double
    }

    static func layout(_ spans: [TimeSpan]) -> [Drawn] {
        let spans = spans.filter { $0.start.isFinite && ($0.end?.isFinite ?? true) && ($0.marker?.isFinite ?? true) }
        var drawn: [Drawn] = []
        for (index, span) in spans.enumerated() {
            let marker = span.marker ?? span.start
            if let end = span.end {
                drawn.append(Drawn(span: span, barStart: min(span.start, end), barEnd: max(span.start, end), inferred: false, marker: marker))
            } else {
                // Until the next span that starts later; the last one is drawn a year long.
                let next = spans[(index + 1)...].map(\.start).filter { $0 > marker }.min()
                drawn.append(Drawn(span: span, barStart: marker, barEnd: next ?? (marker + 1), inferred: true, marker: marker))
            }
        }
        return drawn
    }

    /// The year axis: one cell per year from `first` to `last`, with the steps at which years are labelled
    /// on phones (`major`) and on wide screens (`minor`).
    static func axis(_ drawn: [Drawn]) -> (first: Int, last: Int, major: Int, minor: Int) {
        let lowest = drawn.map { min($0.barStart, $0.marker) }.min() ?? 0
        let highest = drawn.map { max($0.barEnd, $0.marker) }.max() ?? 1
        let first = Int(lowest.rounded(.down))
        let last = max(Int(highest.rounded(.up)) - 1, first)
        let years = last - first + 1
        func step(room: Double) -> Int {
            // A label needs about 3 em of room: at most `room` labels fit.
            let wanted = Double(years) / room
            return [1, 2, 5, 10, 20, 50, 100].first { Double($0) >= wanted } ?? 100
        }
        return (first, last, step(room: 6), step(room: 10))
    }

    static func html(id: String, spans: [TimeSpan], labels: Labels) -> String {
        let id = SVGText.identifier(id)
        var out = "<figure class=\"chart time-chart\" id=\"\(id)\" aria-labelledby=\"\(id)-caption\">\n"
        out += "<figcaption id=\"\(id)-caption\">\(SVGText.escape(labels.caption))</figcaption>\n"
        let drawn = layout(spans)
        guard !drawn.isEmpty else { return out + "</figure>" }
        let axis = axis(drawn)
        let cells = axis.last - axis.first + 1
        let width = Double(cells) * 10
        func x(_ year: Double) -> Double { min(max((year - Double(axis.first)) * 10, 0), width) }

        out += "<ol class=\"time-rows\">\n"
        for row in drawn {
            let span = row.span
            out += "<li class=\"time-row\"><div class=\"time-text\">"
            out += span.url.map { "<a class=\"time-title\" href=\"\(SVGText.escape($0))\">" } ?? "<span class=\"time-title\">"
            out += SVGText.escape(span.label)
            out += span.url == nil ? "</span>" : "</a>"
            var details: [String] = []
            if let adopted = markerText(of: span) { details.append("\(labels.adopted) \(adopted)") }
            if let period = periodText(of: span) {
                details.append("\(labels.period) \(period)")
            } else if row.inferred {
                details.append(labels.untilNext)
            }
            if !details.isEmpty { out += " <span class=\"time-detail\">\(SVGText.escape(details.joined(separator: " · ")))</span>" }
            out += "</div>"
            out += "<svg class=\"time-track\" viewBox=\"0 0 \(SVGText.number(width)) 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">"
            for cell in 1..<max(cells, 1) {
                let gx = SVGText.number(Double(cell) * 10)
                out += "<line class=\"chart-grid\" x1=\"\(gx)\" y1=\"0\" x2=\"\(gx)\" y2=\"10\" vector-effect=\"non-scaling-stroke\"/>"
            }
            let x1 = x(row.barStart), x2 = x(row.barEnd)
            out += "<rect class=\"chart-bar\(row.inferred ? " chart-bar-light" : "")\" x=\"\(SVGText.number(x1))\" y=\"2.5\" width=\"\(SVGText.number(max(x2 - x1, 0.6)))\" height=\"5\"/>"
            let mx = SVGText.number(x(row.marker))
            out += "<line class=\"chart-marker\" x1=\"\(mx)\" y1=\"0\" x2=\"\(mx)\" y2=\"10\" vector-effect=\"non-scaling-stroke\"/>"
            out += "</svg></li>\n"
        }
        out += "</ol>\n"
        out += "<div class=\"time-axis\" aria-hidden=\"true\"><span class=\"time-axis-spacer\"></span><ol class=\"time-axis-years\">"
        for year in axis.first...axis.last {
            let offset = year - axis.first
            var kinds: [String] = []
            if offset % axis.major == 0 { kinds.append("tick-narrow") }
            if offset % axis.minor == 0 { kinds.append("tick-wide") }
            out += kinds.isEmpty ? "<li><span>\(year)</span></li>" : "<li class=\"\(kinds.joined(separator: " "))\"><span>\(year)</span></li>"
        }
        out += "</ol></div>\n"
        out += "<ul class=\"chart-legend\">"
        out += "<li><span class=\"legend-key legend-period\" aria-hidden=\"true\"></span>\(SVGText.escape(labels.periodLegend))</li>"
        if drawn.contains(where: \.inferred) {
            out += "<li><span class=\"legend-key legend-light\" aria-hidden=\"true\"></span>\(SVGText.escape(labels.untilNext))</li>"
        }
        out += "<li><span class=\"legend-key legend-marker\" aria-hidden=\"true\"></span>\(SVGText.escape(labels.adopted))</li>"
        out += "</ul>\n"
        out += "</figure>"
        return out
    }

    /// The text of the adoption date: `markerText`, or `startText` for a span drawn only as a marker.
    static func markerText(of span: TimeSpan) -> String? {
        if let text = span.markerText { return text }
        return span.end == nil && span.marker == nil ? span.startText : nil
    }

    /// "start–end" when the span has a period.
    static func periodText(of span: TimeSpan) -> String? {
        guard span.end != nil else { return nil }
        guard let endText = span.endText, endText != span.startText else { return span.startText }
        return "\(span.startText)–\(endText)"
    }
}
