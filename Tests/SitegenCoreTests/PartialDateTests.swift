import Testing
@testable import SitegenCore

@Suite struct PartialDateTests {
    @Test(arguments: ["2015", "2023-04", "2024-06-21", "2024-02-29", "0001"])
    func parsesValidDates(_ text: String) throws {
        let date = try #require(PartialDate(text))
        #expect(date.text == text)
    }

    @Test(arguments: ["", "15", "2015-4", "2015-13", "2015-00", "2023-02-29", "2024-04-31", "2024-06-21T10:00", "abcd", "2024/06/21", "2024-06-21-01", "+2024", "２０２４"])
    func rejectsMalformedOrImpossibleDates(_ text: String) {
        #expect(PartialDate(text) == nil)
    }

    @Test func keepsPrecision() {
        #expect(PartialDate("2015")?.precision == .year)
        #expect(PartialDate("2023-04")?.precision == .month)
        #expect(PartialDate("2024-06-21")?.precision == .day)
    }

    @Test func coarserDateSortsAsStartOfItsPeriod() throws {
        let year = try #require(PartialDate("2024"))
        let january = try #require(PartialDate("2024-01"))
        let firstDay = try #require(PartialDate("2024-01-01"))
        let june = try #require(PartialDate("2024-06-21"))
        #expect(year < january && january < firstDay && firstDay < june)
        #expect(year.sortKey == firstDay.sortKey)
    }

    @Test func formatsAtPrecisionInEnglish() {
        let dates = DateFormatting.english
        #expect(dates.format(PartialDate("2015")!) == "2015")
        #expect(dates.format(PartialDate("2023-04")!) == "April 2023")
        #expect(dates.format(PartialDate("2024-06-21")!) == "21 June 2024")
    }

    @Test func formatsRangesCompactly() {
        let dates = DateFormatting.english
        #expect(dates.format(from: PartialDate("2024-09-09")!, to: PartialDate("2024-09-20")) == "9–20 September 2024")
        #expect(dates.format(from: PartialDate("2024-09-30")!, to: PartialDate("2024-10-02")) == "30 September – 2 October 2024")
        #expect(dates.format(from: PartialDate("2024-12-28")!, to: PartialDate("2025-01-03")) == "28 December 2024 – 3 January 2025")
        #expect(dates.format(from: PartialDate("2023")!, to: PartialDate("2028")) == "2023 – 2028")
        #expect(dates.format(from: PartialDate("2024-06-21")!, to: PartialDate("2024-06-21")) == "21 June 2024")
    }

    @Test func formatsJapaneseFromPatterns() {
        let japanese = DateFormatting(
            monthNames: (1...12).map { "\($0)月" }, year: "{year}年", month: "{year}年{month}", day: "{year}年{month}{day}日",
            rangeSameMonth: "{year}年{month}{day}日～{end_day}日", rangeSameYear: "{year}年{month}{day}日～{end_month}{end_day}日",
            range: "{start}～{end}")
        #expect(japanese.format(PartialDate("2024-06-21")!) == "2024年6月21日")
        #expect(japanese.format(PartialDate("2023-04")!) == "2023年4月")
        #expect(japanese.format(from: PartialDate("2024-09-09")!, to: PartialDate("2024-09-20")) == "2024年9月9日～20日")
    }

    @Test func leavesPlaceholdersWithoutValuesAsWritten() {
        var dates = DateFormatting.english
        // A name it does not know, a value the date lacks, an unclosed brace, and a brace inside a name.
        dates.month = "{month} {year} {era} {day} {{year}"
        #expect(dates.format(PartialDate("2023-04")!) == "April 2023 {era} {day} {{year}")
        dates.year = "{year"
        #expect(dates.format(PartialDate("0042")!) == "{year")
        dates.year = "{year}–{year}"
        #expect(dates.format(PartialDate("0042")!) == "42–42")
    }
}
