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

/// A time chart drawn as inline SVG at build time: one row per span, its label (and adoption text) above a bar
/// from start to end with a diamond at the marker, and a year axis with grid lines. Same accessibility scheme
/// as `BarChart` (`role="img"`, or `role="group"` with named links when a span has a url), with a
/// `visually-hidden` table (label, adoption, period) as the text alternative.
enum TimeChart {
    static let width = 400.0

    static func svg(id: String, caption: String, spans: [TimeSpan], headers: (label: String, marker: String, period: String)) -> String {
        let id = SVGText.identifier(id)
        var out = "<figure class=\"chart time-chart\" id=\"\(id)\">\n"
        let spans = spans.filter { $0.start.isFinite }
        if !spans.isEmpty {
            let hasLinks = spans.contains { $0.url != nil }
            let summary = spans.map { description(of: $0, headers: headers) }.joined(separator: "; ")
            let (height, body) = draw(spans, headers: headers, hasLinks: hasLinks)
            out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(width)) \(SVGText.number(height))\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" font-size=\"12\" fill=\"currentColor\""
            out += "\(hasLinks ? "" : " role=\"img\"") aria-labelledby=\"\(id)-title\" aria-describedby=\"\(id)-desc\">\n"
            out += "<title id=\"\(id)-title\">\(SVGText.escape(caption))</title>\n"
            out += "<desc id=\"\(id)-desc\">\(SVGText.escape(summary))</desc>\n"
            out += body
            out += "</svg>\n"
        }
        out += "<table class=\"visually-hidden\">\n"
        out += "<thead><tr><th scope=\"col\">\(SVGText.escape(headers.label))</th><th scope=\"col\">\(SVGText.escape(headers.marker))</th><th scope=\"col\">\(SVGText.escape(headers.period))</th></tr></thead>\n<tbody>\n"
        for span in spans {
            out += "<tr><th scope=\"row\">\(SVGText.escape(span.label))</th><td>\(SVGText.escape(markerText(of: span) ?? "—"))</td><td>\(SVGText.escape(periodText(of: span) ?? "—"))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<figcaption id=\"\(id)-caption\">\(SVGText.escape(caption))</figcaption>\n"
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

    private static func description(of span: TimeSpan, headers: (label: String, marker: String, period: String)) -> String {
        var parts = [span.label]
        if let text = markerText(of: span) { parts.append("\(headers.marker): \(text)") }
        if let text = periodText(of: span) { parts.append("\(headers.period): \(text)") }
        return parts.joined(separator: ", ")
    }

    private static func draw(_ spans: [TimeSpan], headers: (label: String, marker: String, period: String), hasLinks: Bool) -> (Double, String) {
        let margin = 16.0, row = 40.0, labelFont = 12.0, smallFont = 10.0, barHeight = 12.0, diamond = 6.0
        var lowest = Double.infinity, highest = -Double.infinity
        for span in spans {
            for value in [span.start, span.end, span.marker].compactMap({ $0 }) where value.isFinite {
                lowest = min(lowest, value)
                highest = max(highest, value)
            }
        }
        let lo = floor(lowest)
        let hi = max(ceil(highest), lo + 1)
        let domainLow = lo - 0.5, domainHigh = hi + 0.5
        let plotWidth = width - 2 * margin
        func x(_ year: Double) -> Double { margin + (year - domainLow) / (domainHigh - domainLow) * plotWidth }

        let rowsBottom = Double(spans.count) * row + 4
        let years = Int(hi - lo)
        let maxTicks = max(2, Int(plotWidth / 44))
        var step = 1
        for candidate in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] {
            step = candidate
            if years / candidate + 1 <= maxTicks { break }
        }
        // Ticks from the first year on, so that it is labelled.
        let firstTick = Int(lo)

        var out = "<g aria-hidden=\"true\">"
        var tick = firstTick
        while Double(tick) <= hi {
            let tx = SVGText.number(x(Double(tick)))
            out += "<line class=\"chart-grid\" x1=\"\(tx)\" y1=\"0\" x2=\"\(tx)\" y2=\"\(SVGText.number(rowsBottom))\" stroke=\"currentColor\" stroke-opacity=\"0.2\"/>"
            out += "<text class=\"chart-axis\" x=\"\(tx)\" y=\"\(SVGText.number(rowsBottom + 15))\" text-anchor=\"middle\" font-size=\"11\">\(tick)</text>"
            tick += step
        }
        out += "<line class=\"chart-axis\" x1=\"\(SVGText.number(margin))\" y1=\"\(SVGText.number(rowsBottom))\" x2=\"\(SVGText.number(width - margin))\" y2=\"\(SVGText.number(rowsBottom))\" stroke=\"currentColor\"/>"
        out += "</g>\n"

        for (index, span) in spans.enumerated() {
            let top = Double(index) * row + 2
            let barY = top + 19
            let middle = barY + barHeight / 2
            let markerYear = span.marker ?? (span.end == nil ? span.start : nil)
            let firstYear = span.end == nil ? (markerYear ?? span.start) : min(span.start, markerYear ?? span.start)

            if let url = span.url {
                out += "<a href=\"\(SVGText.escape(url))\" aria-label=\"\(SVGText.escape(description(of: span, headers: headers)))\">"
            } else {
                out += hasLinks ? "<g aria-hidden=\"true\">" : "<g>"
            }
            out += "<title>\(SVGText.escape(description(of: span, headers: headers)))</title>"

            // The label (and the adoption text) starts above the span and is moved left to stay in the view box.
            let detail = span.markerText.map { "  " + $0 } ?? ""
            let detailWidth = SVGText.estimatedWidth(detail, fontSize: smallFont)
            let label = SVGText.truncated(span.label, toWidth: width - 2 * 2 - detailWidth, fontSize: labelFont)
            let textWidth = SVGText.estimatedWidth(label, fontSize: labelFont) + detailWidth
            let labelX = max(2, min(x(firstYear) - (span.end == nil ? diamond : 0), width - 2 - textWidth))
            out += "<text class=\"chart-label\" x=\"\(SVGText.number(labelX))\" y=\"\(SVGText.number(top + 13))\">\(SVGText.escape(label))"
            if let markerText = span.markerText {
                out += "<tspan class=\"chart-value\" font-size=\"\(SVGText.number(smallFont))\" dx=\"6\">\(SVGText.escape(markerText))</tspan>"
            }
            out += "</text>"

            if let end = span.end {
                let x1 = x(min(span.start, end)), x2 = x(max(span.start, end))
                out += "<rect class=\"chart-bar\" x=\"\(SVGText.number(x1))\" y=\"\(SVGText.number(barY))\" width=\"\(SVGText.number(max(x2 - x1, 1)))\" height=\"\(SVGText.number(barHeight))\" rx=\"2\"/>"
                if let period = periodText(of: span) {
                    let periodWidth = SVGText.estimatedWidth(period, fontSize: smallFont)
                    let markerRight = markerYear.map { x($0) + diamond } ?? x2
                    let after = max(x2, markerRight) + 4
                    let before = min(x1, markerYear.map { x($0) - diamond } ?? x1) - 4
                    let baselineY = SVGText.number(middle + smallFont * 0.35)
                    if after + periodWidth <= width - 2 {
                        out += "<text class=\"chart-value\" x=\"\(SVGText.number(after))\" y=\"\(baselineY)\" font-size=\"\(SVGText.number(smallFont))\">\(SVGText.escape(period))</text>"
                    } else if before - periodWidth >= 2 {
                        out += "<text class=\"chart-value\" x=\"\(SVGText.number(before))\" y=\"\(baselineY)\" text-anchor=\"end\" font-size=\"\(SVGText.number(smallFont))\">\(SVGText.escape(period))</text>"
                    }
                }
            }
            if let markerYear {
                let cx = x(markerYear)
                out += "<path class=\"marker\" d=\"M\(SVGText.number(cx)) \(SVGText.number(middle - diamond))L\(SVGText.number(cx + diamond)) \(SVGText.number(middle))L\(SVGText.number(cx)) \(SVGText.number(middle + diamond))L\(SVGText.number(cx - diamond)) \(SVGText.number(middle))Z\"/>"
            }
            out += span.url == nil ? "</g>\n" : "</a>\n"
        }
        return (rowsBottom + 20, out)
    }
}
