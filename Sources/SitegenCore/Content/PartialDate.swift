/// A calendar date known to a year, a month or a day, as editors write it:
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. It keeps the text as written for the open data.
public struct PartialDate: Sendable, Hashable {
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: Precision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// The date as written: `2015`, `2023-04`, `2024-06-21`.
    public var text: String {
        let digits = String(year)
        var result = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        if let month { result += "-" + Self.twoDigits(month) }
        if let day { result += "-" + Self.twoDigits(day) }
        return result
    }

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil for anything else, including impossible days.
    public init?(_ string: String) {
        let parts = string.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, let year = Int(parts[0]), parts[0].allSatisfy(\.isASCIIDigit), year >= 1
        else { return nil }
        var month: Int?
        var day: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, parts[1].allSatisfy(\.isASCIIDigit), let value = Int(parts[1]), (1...12).contains(value)
            else { return nil }
            month = value
        }
        if parts.count == 3, let month {
            guard parts[2].count == 2, parts[2].allSatisfy(\.isASCIIDigit), let value = Int(parts[2]),
                  (1...Self.daysIn(month: month, year: year)).contains(value)
            else { return nil }
            day = value
        }
        self.init(year: year, month: month, day: day)
    }

    /// The first day of the period, for sorting: a coarser date sorts as the start of its period.
    public var sortKey: Int { year * 10_000 + (month ?? 1) * 100 + (day ?? 1) }

    /// The last day of the period, for checking that a range does not end before it starts.
    public var endKey: Int {
        let lastMonth = month ?? 12
        return year * 10_000 + lastMonth * 100 + (day ?? Self.daysIn(month: lastMonth, year: year))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}

extension PartialDate: Comparable {
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        if lhs.sortKey != rhs.sortKey { return lhs.sortKey < rhs.sortKey }
        return lhs.precision < rhs.precision
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
