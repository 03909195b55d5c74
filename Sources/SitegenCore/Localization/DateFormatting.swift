import Foundation

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
    /// A Japanese fiscal year: "FY2023"; in Japanese "2023年度".
    public var fiscalYear: String = "FY{year}"
    /// Two fiscal years: "FY2023–FY2028"; in Japanese "2023年度～2028年度".
    public var fiscalRange: String = "{start}–{end}"

    public static let english = DateFormatting(
        monthNames: ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"],
        year: "{year}", month: "{month} {year}", day: "{day} {month} {year}",
        rangeSameMonth: "{day}–{end_day} {month} {year}",
        rangeSameYear: "{day} {month} – {end_day} {end_month} {year}",
        range: "{start} – {end}")

    public func format(_ date: PartialDate) -> String {
        if date.isFiscalYear { return fiscalYear.replacingPlaceholders(["year": String(date.year)]) }
        let pattern = switch date.precision {
        case .year: year
        case .month: month
        case .day: day
        }
        return fill(pattern, date, nil)
    }

    public func format(from start: PartialDate, to end: PartialDate?) -> String {
        guard let end, end != start else { return format(start) }
        if start.isFiscalYear && end.isFiscalYear {
            return fiscalRange.replacingPlaceholders(["start": format(start), "end": format(end)])
        }
        if start.precision == .day, end.precision == .day, start.year == end.year {
            return fill(start.month == end.month ? rangeSameMonth : rangeSameYear, start, end)
        }
        return range.replacingPlaceholders(["start": format(start), "end": format(end)])
    }

    /// One pass over the pattern's bytes into one buffer, without a table of values or a string
    /// per piece: ten thousand activities are dated several times each in a build.
    private func fill(_ pattern: String, _ start: PartialDate, _ end: PartialDate?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(pattern.utf8.count + 16)
        pattern.withUTF8InPlace { bytes in
            var index = 0
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "{"),
                      let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                    out.append(bytes[index])
                    index += 1
                    continue
                }
                // Names it has no value for stay as written, braces and all.
                if !appendValue(named: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), start, end, to: &out) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...close]))
                }
                index = close + 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func appendValue(named name: UnsafeBufferPointer<UInt8>, _ start: PartialDate, _ end: PartialDate?,
                             to out: inout [UInt8]) -> Bool {
        func appendMonth(_ month: Int?) -> Bool {
            guard let month else { return false }
            monthNames[month - 1].withUTF8InPlace { out.append(contentsOf: $0) }
            return true
        }
        func appendNumber(_ number: Int?) -> Bool {
            guard let number else { return false }
            out.appendDecimal(number)
            return true
        }
        // By length first: a generic comparison with each name cost more than the rest of the fill.
        func named(_ expected: StaticString) -> Bool {
            memcmp(name.baseAddress!, expected.utf8Start, name.count) == 0
        }
        switch name.count {
        case 3 where named("day"): return appendNumber(start.day)
        case 4 where named("year"): return appendNumber(start.year)
        case 5 where named("month"): return appendMonth(start.month)
        case 7 where named("end_day"): return appendNumber(end?.day)
        case 9 where named("end_month"): return appendMonth(end?.month)
        default: break
        }
        return false
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
