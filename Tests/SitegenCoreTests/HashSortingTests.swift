import Testing
@testable import SitegenCore

@Suite struct HashSortingTests {
    @Test(arguments: [0, 1, 64, 65, 1000, 20_000])
    func sortsLikeSorted(count: Int) {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<count).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
        #expect(random.sortedHashes() == random.sorted())
        // Repeats and values that share their high bytes, which skip passes.
        let narrow = (0..<count).map { UInt64($0 % 300) }
        #expect(narrow.sortedHashes() == narrow.sorted())
        #expect(narrow.reversed().map { $0 }.sortedHashes() == narrow.sorted())
    }
}
