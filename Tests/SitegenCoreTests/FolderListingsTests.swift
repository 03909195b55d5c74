import Foundation
import Testing
@testable import SitegenCore

/// A large folder's listing is reused only while the folder is as it was, and only when it had
/// settled before it was read; whatever the listing, the build sees every file there is.
@Suite struct FolderListingsTests {
    let identity = FolderListings.Identity(inode: 7, modified: 10_000_000_000, changed: 10_000_000_000)
    let names = Array((0..<300).map { "a\($0).md\u{0}" }.joined().utf8)
    var starts: [Int] { names.indices.filter { $0 == 0 || names[$0 - 1] == 0 } }
    let regular = [Bool](repeating: true, count: 300)

    @Test func aFolderChangedJustBeforeItWasReadIsNotKept() {
        var listings = FolderListings()
        listings.record("/f", identity: identity, names: names[...], starts: starts, isRegularFile: regular, readAt: identity.changed + 1_000_000_000)
        #expect(listings.listing(of: "/f", identity: identity) == nil)
        listings.record("/f", identity: identity, names: names[...], starts: starts, isRegularFile: regular, readAt: identity.changed + 3_000_000_000)
        #expect(listings.listing(of: "/f", identity: identity)?.names.array == names)
    }

    @Test func aChangedFolderOrASmallOneHasNoListing() {
        var listings = FolderListings()
        listings.record("/f", identity: identity, names: names[...], starts: starts, isRegularFile: regular, readAt: identity.changed + 3_000_000_000)
        var touched = identity
        touched.changed += 1
        #expect(listings.listing(of: "/f", identity: touched) == nil)
        listings.record("/small", identity: identity, names: Array("a.md\u{0}".utf8)[...], starts: [0], isRegularFile: [true], readAt: identity.changed + 3_000_000_000)
        #expect(listings.listing(of: "/small", identity: identity) == nil)
    }

    @Test func listingsSurviveTheFileAndDamageIsRefused() throws {
        var listings = FolderListings()
        listings.record("/f", identity: identity, names: names[...], starts: starts, isRegularFile: regular, readAt: identity.changed + 3_000_000_000)
        let path = TestSupport.temporaryFolder() + "/listings"
        listings.install(at: path)
        #expect(FolderListings.read(from: path)?.listing(of: "/f", identity: identity)?.isRegularFile == regular)
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes.removeLast(5)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(FolderListings.read(from: path) == nil)
    }

    /// Waits out the settling time once, so that the activities folder's listing is kept.
    @Test func filesAddedToOrRemovedFromAListedFolderAreBuilt() throws {
        let content = TestSupport.copyOfFixture()
        let output = (content as NSString).deletingLastPathComponent + "/public"
        for index in 0..<FolderListings.minimumEntries {
            TestSupport.write("---\ntitle: Meeting \(index)\ndate: 2020-01-01\ntype: meeting\n---\nNotes of meeting \(index).\n",
                              to: content + "/activities/2020-01-01-meeting-\(index).md")
        }
        Thread.sleep(forTimeInterval: Double(FolderListings.settleNanoseconds) / 1e9 + 0.2)
        _ = try Site.build(TestSupport.options(content: content, output: output))
        let listings = FolderListings.read(from: (output as NSString).deletingLastPathComponent + "/.public.sitegen-listings")
        #expect(listings?.listings.keys.contains { $0.hasSuffix("/activities") } == true, "the settled activities folder was not listed")
        #expect(try Site.build(TestSupport.options(content: content, output: output)).upToDate)

        TestSupport.write("---\ntitle: Added later\ndate: 2021-05-05\ntype: meeting\n---\nAdded.\n", to: content + "/activities/2021-05-05-added.md")
        #expect(try !Site.build(TestSupport.options(content: content, output: output)).upToDate)
        #expect(FileManager.default.fileExists(atPath: output + "/activities/2021-05-05-added/index.html"))

        try FileManager.default.removeItem(atPath: content + "/activities/2020-01-01-meeting-3.md")
        _ = try Site.build(TestSupport.options(content: content, output: output))
        #expect(!FileManager.default.fileExists(atPath: output + "/activities/2020-01-01-meeting-3/index.html"))
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }
}
