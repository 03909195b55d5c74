/// A bar in a chart.
struct ChartBar: Sendable {
    let label: String
    let value: Int
    let url: String?
}

/// Accessible bar charts drawn as inline SVG at build time.
///
/// Output: `<figure class="chart bar-chart …">` holding the svg (a `<title>` and a `<desc>` with the data),
/// a `visually-hidden` table with every label and value, and the `<figcaption>`. Without links the svg is
/// `role="img"`; when some bar has a url the svg is `role="group"` instead, since the children of an image are
/// hidden from assistive technology and its links would be focusable but unnamed: each link then has an
/// `aria-label` and the parts that are not links are `aria-hidden`.
/// Colours come from the stylesheet: `chart-bar`, `chart-label`, `chart-value`, `chart-axis`, `chart-grid`.
/// The view box is 400 units wide, text 11–12 units: give `.chart svg` a `max-width` (about 40rem) in the CSS.
enum BarChart {
    enum Orientation: Sendable { case horizontal, vertical }

    static let width = 400.0

    static func svg(id: String, caption: String, bars: [ChartBar], orientation: Orientation, valueHeader: String, labelHeader: String) -> String {
        let id = SVGText.identifier(id)
        let kind = orientation == .horizontal ? "horizontal" : "vertical"
        var out = "<figure class=\"chart bar-chart bar-chart-\(kind)\" id=\"\(id)\">\n"
        if !bars.isEmpty {
            let hasLinks = bars.contains { $0.url != nil }
            let summary = bars.map { "\($0.label): \($0.value)" }.joined(separator: ", ")
            let body: (width: Double, height: Double, content: String)
            switch orientation {
            case .horizontal: body = horizontal(bars: bars, valueHeader: valueHeader, hasLinks: hasLinks)
            case .vertical: body = vertical(bars: bars, valueHeader: valueHeader, hasLinks: hasLinks)
            }
            out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGText.number(body.width)) \(SVGText.number(body.height))\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" font-size=\"12\" fill=\"currentColor\""
            out += "\(hasLinks ? "" : " role=\"img\"") aria-labelledby=\"\(id)-title\" aria-describedby=\"\(id)-desc\">\n"
            out += "<title id=\"\(id)-title\">\(SVGText.escape(caption))</title>\n"
            out += "<desc id=\"\(id)-desc\">\(SVGText.escape(summary))</desc>\n"
            out += body.content
            out += "</svg>\n"
        }
        out += "<table class=\"visually-hidden\">\n"
        out += "<thead><tr><th scope=\"col\">\(SVGText.escape(labelHeader))</th><th scope=\"col\">\(SVGText.escape(valueHeader))</th></tr></thead>\n<tbody>\n"
        for bar in bars {
            out += "<tr><th scope=\"row\">\(SVGText.escape(bar.label))</th><td>\(bar.value)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<figcaption id=\"\(id)-caption\">\(SVGText.escape(caption))</figcaption>\n"
        out += "</figure>"
        return out
    }

    /// Opens one bar's group: a link when the bar has a url, otherwise a plain group (hidden from assistive
    /// technology when the chart is a group of links, since the table says the same).
    private static func open(_ bar: ChartBar, valueHeader: String, hasLinks: Bool) -> (open: String, close: String) {
        if let url = bar.url {
            let name = SVGText.escape("\(bar.label), \(valueHeader): \(bar.value)")
            return ("<a href=\"\(SVGText.escape(url))\" aria-label=\"\(name)\">", "</a>\n")
        }
        return (hasLinks ? "<g aria-hidden=\"true\">" : "<g>", "</g>\n")
    }

    /// Labels above bars growing to the right, the value after each bar: long labels get the full width.
    private static func horizontal(bars: [ChartBar], valueHeader: String, hasLinks: Bool) -> (Double, Double, String) {
        let width = Self.width
        let row = 36.0, labelFont = 12.0, valueFont = 11.0, barHeight = 12.0
        let maxValue = max(bars.map(\.value).max() ?? 0, 1)
        let valueRoom = (bars.map { SVGText.estimatedWidth(String($0.value), fontSize: valueFont) }.max() ?? 0) + 6
        let plotWidth = width - valueRoom - 1
        var out = ""
        for (index, bar) in bars.enumerated() {
            let top = Double(index) * row + 2
            let length = bar.value > 0 ? max(plotWidth * Double(bar.value) / Double(maxValue), 1) : 0
            let (open, close) = open(bar, valueHeader: valueHeader, hasLinks: hasLinks)
            let label = SVGText.truncated(bar.label, toWidth: width - 2, fontSize: labelFont)
            out += open
            out += "<title>\(SVGText.escape("\(bar.label): \(bar.value)"))</title>"
            out += "<text class=\"chart-label\" x=\"1\" y=\"\(SVGText.number(top + 12))\">\(SVGText.escape(label))</text>"
            out += "<rect class=\"chart-bar\" x=\"1\" y=\"\(SVGText.number(top + 17))\" width=\"\(SVGText.number(length))\" height=\"\(SVGText.number(barHeight))\"/>"
            out += "<text class=\"chart-value\" x=\"\(SVGText.number(1 + length + 4))\" y=\"\(SVGText.number(top + 17 + barHeight - 2))\" font-size=\"\(SVGText.number(valueFont))\">\(bar.value)</text>"
            out += close
        }
        let height = Double(bars.count) * row + 4
        out += "<line class=\"chart-axis\" x1=\"1\" y1=\"\(SVGText.number(18))\" x2=\"1\" y2=\"\(SVGText.number(height - 6))\" stroke=\"currentColor\" aria-hidden=\"true\"/>\n"
        return (width, height, out)
    }

    /// Columns over a value axis with grid lines; with many bars only every k-th label is written.
    private static func vertical(bars: [ChartBar], valueHeader: String, hasLinks: Bool) -> (Double, Double, String) {
        let width = Self.width, plotHeight = 160.0, top = 16.0, labelFont = 11.0
        let maxValue = max(bars.map(\.value).max() ?? 0, 0)
        let ticks = niceTicks(max: maxValue)
        let axisTop = Double(ticks.last ?? 1)
        let tickWidth = ticks.map { SVGText.estimatedWidth(String($0), fontSize: labelFont) }.max() ?? 8
        let left = (tickWidth + 6).rounded(.up)
        let baseline = top + plotHeight
        let labelWidth = bars.map { SVGText.estimatedWidth($0.label, fontSize: labelFont) }.max() ?? 0
        // Room on the right for half of the last label, which is centred under the last bar.
        let lastLabel = min(SVGText.estimatedWidth(bars[bars.count - 1].label, fontSize: labelFont), 60)
        let roughSlot = (width - left - 2) / Double(bars.count)
        let right = max(2, (lastLabel / 2 - roughSlot / 2 + 2).rounded(.up))
        let slot = (width - left - right) / Double(bars.count)
        let barWidth = min(max(slot * 0.72, 1), 48)
        let labelEvery = max(1, Int(((labelWidth + 4) / slot).rounded(.up)))
        let digits = Double(String(maxValue).count)
        let valueFont = min(11, max(5, (slot * 0.95) / (0.56 * digits)))

        var out = "<g aria-hidden=\"true\">"
        for tick in ticks {
            let y = baseline - plotHeight * Double(tick) / axisTop
            if tick != 0 {
                out += "<line class=\"chart-grid\" x1=\"\(SVGText.number(left))\" y1=\"\(SVGText.number(y))\" x2=\"\(SVGText.number(width - right))\" y2=\"\(SVGText.number(y))\" stroke=\"currentColor\" stroke-opacity=\"0.2\"/>"
            }
            out += "<text class=\"chart-axis\" x=\"\(SVGText.number(left - 4))\" y=\"\(SVGText.number(y + 4))\" text-anchor=\"end\" font-size=\"\(SVGText.number(labelFont))\">\(tick)</text>"
        }
        out += "</g>\n"
        for (index, bar) in bars.enumerated() {
            let center = left + slot * (Double(index) + 0.5)
            let length = bar.value > 0 ? max(plotHeight * Double(bar.value) / axisTop, 1) : 0
            let (open, close) = open(bar, valueHeader: valueHeader, hasLinks: hasLinks)
            out += open
            out += "<title>\(SVGText.escape("\(bar.label): \(bar.value)"))</title>"
            out += "<rect class=\"chart-bar\" x=\"\(SVGText.number(center - barWidth / 2))\" y=\"\(SVGText.number(baseline - length))\" width=\"\(SVGText.number(barWidth))\" height=\"\(SVGText.number(length))\"/>"
            out += "<text class=\"chart-value\" x=\"\(SVGText.number(center))\" y=\"\(SVGText.number(baseline - length - 3))\" text-anchor=\"middle\" font-size=\"\(SVGText.number(valueFont))\">\(bar.value)</text>"
            if (bars.count - 1 - index) % labelEvery == 0 {
                let label = SVGText.truncated(bar.label, toWidth: max(slot * Double(labelEvery) - 2, 24), fontSize: labelFont)
                out += "<text class=\"chart-label\" x=\"\(SVGText.number(center))\" y=\"\(SVGText.number(baseline + 14))\" text-anchor=\"middle\" font-size=\"\(SVGText.number(labelFont))\">\(SVGText.escape(label))</text>"
            }
            out += close
        }
        out += "<line class=\"chart-axis\" x1=\"\(SVGText.number(left))\" y1=\"\(SVGText.number(baseline))\" x2=\"\(SVGText.number(width - right))\" y2=\"\(SVGText.number(baseline))\" stroke=\"currentColor\" aria-hidden=\"true\"/>\n"
        return (width, baseline + 20, out)
    }

    /// Axis ticks from 0 to a "nice" top at or above `max`, in steps of 1, 2 or 5 times a power of ten, at most 5 steps.
    static func niceTicks(max: Int) -> [Int] {
        guard max > 0 else { return [0, 1] }
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] {
                let step = factor * magnitude
                let steps = (max + step - 1) / step
                if steps <= 5 { return (0...steps).map { $0 * step } }
            }
            magnitude *= 10
        }
    }
}
