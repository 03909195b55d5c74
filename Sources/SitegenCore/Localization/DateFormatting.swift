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

    /// One pass over the pattern, without a table of values: ten thousand activities are
    /// dated several times each in a build.
    private func fill(_ pattern: String, _ start: PartialDate, _ end: PartialDate?) -> String {
        pattern.replacingPlaceholders { name in
            switch name {
            case "year": String(start.year)
            case "month": start.month.map { monthNames[$0 - 1] }
            case "day": start.day.map { String($0) }
            case "end_month": end?.month.map { monthNames[$0 - 1] }
            case "end_day": end?.day.map { String($0) }
            default: nil
            }
        }
    }
}

extension String {
    /// Replaces `{name}` with `values[name]`; unknown names stay as written.
    func replacingPlaceholders(_ values: [String: String]) -> String {
        replacingPlaceholders { values[String($0)] }
    }

    /// Replaces `{name}` with `value(name)`; names it has no value for stay as written.
    func replacingPlaceholders(_ value: (Substring) -> String?) -> String {
        guard utf8.contains(UInt8(ascii: "{")) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        var rest = self[...]
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            result += rest[..<open]
            guard let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: "}")) else {
                rest = rest[open...]
                break
            }
            result += value(rest[rest.utf8.index(after: open)..<close]) ?? String(rest[open...close])
            rest = rest[rest.utf8.index(after: close)...]
        }
        result += rest
        return result
    }
}
