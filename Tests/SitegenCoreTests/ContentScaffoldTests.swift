import Foundation
import Testing
@testable import SitegenCore

/// `sitegen new`: ids editors can keep, front matter filled in, never an overwrite, and files that build as they are.
@Suite struct ContentScaffoldTests {
    let content = TestSupport.copyOfFixture()
    /// Paths come back as shown to the user, relative to the working directory `/`.
    var scaffold: ContentScaffold {
        ContentScaffold(contentFolder: content, today: PartialDate(year: 2026, month: 11, day: 23), workingDirectory: "/")
    }

    @Test func idsFoldDiacriticsAndCarryTheDateForActivities() throws {
        let path = try scaffold.create(.activity, title: "Réunion à Genève: WPS & Innovation")
        #expect(path.hasSuffix("/activities/2026-11-23-reunion-a-geneve-wps-innovation.md"))
        let partner = try scaffold.create(.partner, title: "Côte d'Ivoire")
        #expect(partner.hasSuffix("/partners/cote-d-ivoire.md"))
    }

    @Test func titlesWithoutLatinLettersGetNumberedIDsFromDateAndKind() throws {
        let first = try scaffold.create(.activity, title: "女性・平和・安全保障に関する会合")
        let second = try scaffold.create(.activity, title: "第2回会合")
        #expect(first.hasSuffix("/activities/2026-11-23-activity.md"))
        #expect(second.hasSuffix("/activities/2026-11-23-activity-2.md"))
        #expect(TestSupport.read("/" + first).contains("title: \"女性・平和・安全保障に関する会合\""))
    }

    @Test func actionPlansGetTheNextEdition() throws {
        let path = try scaffold.create(.actionPlan, title: "Third National Action Plan")
        #expect(TestSupport.read("/" + path).contains("edition: 3\n"))
    }

    @Test func refusesToOverwrite() throws {
        let path = try scaffold.create(.page, title: "Contact")
        TestSupport.write("---\ntitle: Edited by hand\n---\n", to: "/" + path)
        #expect(throws: BuildError.self) { try scaffold.create(.page, title: "Contact") }
        #expect(TestSupport.read("/" + path).contains("Edited by hand"))
        #expect(throws: BuildError.self) { try scaffold.create(.page, title: "   ") }
    }

    @Test func newFilesBuildAsTheyAre() throws {
        let activity = try scaffold.create(.activity, title: "He said: \"yes\" & <b>no</b>")
        _ = try scaffold.create(.partner, title: "Pacific Islands Forum")
        _ = try scaffold.create(.actionPlan, title: "Third National Action Plan")
        _ = try scaffold.create(.page, title: "Contact")
        let output = (content as NSString).deletingLastPathComponent + "/public"
        let report = try Site.build(TestSupport.options(content: content, output: output))
        let id = ((activity as NSString).lastPathComponent as NSString).deletingPathExtension
        #expect(TestSupport.read(output + "/activities/\(id)/index.html").contains("He said: &quot;yes&quot; &amp; &lt;b&gt;no&lt;/b&gt;"))
        #expect(FileManager.default.fileExists(atPath: output + "/partners/pacific-islands-forum/index.html"))
        #expect(FileManager.default.fileExists(atPath: output + "/action-plans/third-national-action-plan/index.html"))
        #expect(FileManager.default.fileExists(atPath: output + "/contact/index.html"))
        // A partner nobody has met yet is worth a warning, not an error.
        #expect(report.warnings.contains { $0.path.hasSuffix("partners/pacific-islands-forum.md") && $0.message.contains("no published activities") })
    }
}
