/// Formats partial dates and ranges at the precision they were written, from the patterns
/// of a strings file: `{day}`, `{month}` (a month name) and `{year}`, plus `{end_day}`,
/// `{end_month}`, `{start}` and `{end}` in range patterns.
public struct DateFormatting: Sendable {
    public var monthNames: [String]
    public var year: String
    public var month: String
    public var day: String
    /// "9–20 September 2024"
    public var rangeSameMonth: String
    /// "30 September – 2 October 2024"
    public var rangeSameYear: String
    /// "28 December 2024 – 3 January 2025", and any mixed precision.
    public var range: String

    public static let english = DateFormatting(
        monthNames: ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"],
        year: "{year}", month: "{month} {year}", day: "{day} {month} {year}",
        rangeSameMonth: "{day}–{end_day} {month} {year}",
        rangeSameYear: "{day} {month} – {end_day} {end_month} {year}",
        range: "{start} – {end}")

    public func format(_ date: PartialDate) -> String {
        let pattern = switch date.precision {
        case .year: year
        case .month: month
        case .day: day
        }
        return fill(pattern, date, nil)
    }

    public func format(from start: PartialDate, to end: PartialDate?) -> String {
        guard let end, end != start else { return format(start) }
        if start.precision == .day, end.precision == .day, start.year == end.year {
            return fill(start.month == end.month ? rangeSameMonth : rangeSameYear, start, end)
        }
        return range.replacingPlaceholders(["start": format(start), "end": format(end)])
    }

    private func fill(_ pattern: String, _ start: PartialDate, _ end: PartialDate?) -> String {
        var values = ["year": String(start.year)]
        if let month = start.month { values["month"] = monthNames[month - 1] }
        if let day = start.day { values["day"] = String(day) }
        if let end {
            if let month = end.month { values["end_month"] = monthNames[month - 1] }
            if let day = end.day { values["end_day"] = String(day) }
        }
        return pattern.replacingPlaceholders(values)
    }
}

extension String {
    /// Replaces `{name}` with `values[name]`; unknown names stay as written.
    func replacingPlaceholders(_ values: [String: String]) -> String {
        guard contains("{") else { return self }
        var result = ""
        var rest = self[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
