import Foundation
import Testing
@testable import SitegenCore

@Suite struct SiteContentTests {
    /// The fixture plus activities whose dates start the same day at different precisions, and
    /// two on the same day.
    static func content() throws -> SiteContent {
        let folder = TestSupport.copyOfFixture()
        for (id, date) in [("2020-a", "2020"), ("2020-01-b", "2020-01"), ("2020-01-01-c", "2020-01-01"),
                           ("2020-01-01-d", "2020-01-01"), ("2019-12-31-e", "2019-12-31")] {
            TestSupport.write("---\ntitle: Activity \(id)\ndate: \(date)\n---\nBody of \(id).\n", to: folder + "/activities/\(id).md")
        }
        var log = DiagnosticLog()
        let content = ContentLoader(folder: ContentFolder(path: folder, workingDirectory: "/")).load(log: &log)
        #expect(!log.hasErrors, "\(log.entries)")
        return try #require(content)
    }

    @Test func activitiesAreNewestFirstAsDatesCompare() throws {
        let activities = try Self.content().activities
        // The order `PartialDate` defines, the later id first on the same date.
        let expected = activities.sorted { $0.date != $1.date ? $0.date > $1.date : $0.id > $1.id }.map(\.id)
        #expect(activities.map(\.id) == expected)
        let added = activities.map(\.id).filter { ["2020-a", "2020-01-b", "2020-01-01-c", "2020-01-01-d", "2019-12-31-e"].contains($0) }
        #expect(added == ["2020-01-01-d", "2020-01-01-c", "2020-01-b", "2020-a", "2019-12-31-e"])
    }

    @Test func eachPartnerListsItsActivitiesByIndexNewestFirst() throws {
        let content = try Self.content()
        for (index, partner) in content.partners.enumerated() {
            let expected = content.activities.indices.filter { content.activities[$0].partnerIDs.contains(partner.id) }
            #expect((content.activityIndexesByPartner[partner.id] ?? []) == expected, "\(partner.id)")
            for activity in expected { #expect(content.partnerIndexesByActivity[activity].contains(index)) }
        }
    }
}
