/// A calendar date known to a year, a month or a day, as editors write it:
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; or, for an action plan's period, a Japanese fiscal year
/// `FY2023` (April 2023 to March 2024). It keeps the text as written for the open data.
public struct PartialDate: Sendable, Hashable {
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?
    /// A Japanese fiscal year: `year` is the calendar year it starts in, in April.
    public let isFiscalYear: Bool

    public var precision: Precision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// `text` appended to `out` as UTF-8.
    func append(to out: inout [UInt8]) {
        if isFiscalYear { out.append(contentsOf: "FY".utf8) }
        // `value` with zeros before it up to `count` digits.
        func digits(_ value: Int, count: Int) {
            var threshold = 10
            for _ in 1..<count {
                if value < threshold { out.append(UInt8(ascii: "0")) }
                threshold *= 10
            }
            out.appendDecimal(value)
        }
        digits(year, count: 4)
        if let month { out.append(UInt8(ascii: "-")); digits(month, count: 2) }
        if let day { out.append(UInt8(ascii: "-")); digits(day, count: 2) }
    }

    /// The date as written: `2015`, `2023-04`, `2024-06-21`.
    public var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(10)
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        isFiscalYear = false
    }

    /// The Japanese fiscal year that starts in April of `year`.
    public init(fiscalYear year: Int) {
        self.year = year
        month = nil
        day = nil
        isFiscalYear = true
    }

    /// Parses `FY2023`; nil for anything else.
    public init?(fiscalYear string: String) {
        let bytes = Array(string.utf8)
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "F"), bytes[1] == UInt8(ascii: "Y"),
              bytes[2...].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let year = bytes[2...].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard year >= 1 else { return nil }
        self.init(fiscalYear: year)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil for anything else, including impossible days.
    public init?(_ string: String) {
        // YYYY, YYYY-MM or YYYY-MM-DD, ASCII digits only: read as bytes.
        let bytes = Array(string.utf8)
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10,
              bytes.indices.allSatisfy({ [4, 7].contains($0) ? bytes[$0] == UInt8(ascii: "-") : (0x30...0x39).contains(bytes[$0]) })
        else { return nil }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let year = number(0..<4)
        guard year >= 1 else { return nil }
        var month: Int?
        var day: Int?
        if bytes.count >= 7 {
            let value = number(5..<7)
            guard (1...12).contains(value) else { return nil }
            month = value
        }
        if bytes.count == 10, let month {
            let value = number(8..<10)
            guard (1...Self.daysIn(month: month, year: year)).contains(value) else { return nil }
            day = value
        }
        self.init(year: year, month: month, day: day)
    }

    /// The first day of the period, for sorting: a coarser date sorts as the start of its period.
    public var sortKey: Int { isFiscalYear ? year * 10_000 + 401 : year * 10_000 + (month ?? 1) * 100 + (day ?? 1) }

    /// The last day of the period, for checking that a range does not end before it starts.
    public var endKey: Int {
        if isFiscalYear { return (year + 1) * 10_000 + 331 }
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
