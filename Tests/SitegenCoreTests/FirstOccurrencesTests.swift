import Testing
@testable import SitegenCore

@Suite struct FirstOccurrencesTests {
    /// Short lists are searched and long ones looked up in a set: both tell repeats the same way.
    @Test(arguments: [3, 16, 17, 40])
    func keepsFirstOccurrencesInOrder(distinct: Int) {
        var seen = FirstOccurrences()
        var repeats = 0
        for round in 0..<2 {
            for value in (0..<distinct).reversed() where !seen.insert("v\(value)") { repeats += 1 }
            #expect(seen.values.count == distinct, "round \(round)")
        }
        #expect(repeats == distinct)
        #expect(seen.values == (0..<distinct).reversed().map { "v\($0)" })
    }
}
