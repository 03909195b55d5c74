import Foundation
import Testing
@testable import SitegenCore

/// An edit of one activity that changes what its page, list entry, data rows and feed entry show,
/// but not where it is shown, is written in place; every other edit goes through the whole build.
/// Either way the output ends byte for byte where a clean build of the same content ends.
@Suite struct FrontMatterEditBuildTests {
    let content = TestSupport.copyOfFixture()
    var output: String { (content as NSString).deletingLastPathComponent + "/public" }
    var options: BuildOptions { TestSupport.options(content: content, output: output) }

    func edit(_ relative: String, _ change: (String) -> String) { TestSupport.edit(content + "/" + relative, change) }

    func expectInPlace(_ expected: Bool, _ comment: Comment? = nil) throws {
        let report = try Site.build(options)
        #expect(report.activitiesWrittenInPlace == (expected ? 1 : 0), comment)
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)), comment)
    }

    /// Each edit in turn, built and compared with a clean build.
    func expectEdits(_ edits: [(file: String, change: (String) -> String)], inPlace: Bool) throws {
        for (number, (file, change)) in edits.enumerated() {
            edit(file, change)
            try expectInPlace(inPlace, "edit \(number + 1) of \(file)")
        }
    }

    @Test func aNewTitleIsWrittenWhereverTheActivityIsShown() throws {
        _ = try Site.build(options)
        edit("activities/2024-09-09-course.md") { $0.replacingOccurrences(of: "title: Course across September", with: "title: \"Course & <more> in September\"") }
        let report = try Site.build(options)
        #expect(report.activitiesWrittenInPlace == 1 && report.bodiesWrittenInPlace == 0)
        // Its page, both neighbours' pagers, the timeline, the home page, its partner's page, three data files and the feed.
        #expect(report.filesChanged == 10)
        for file in ["activities/2024-09-09-course/index.html", "activities/2024-09-30-across-months/index.html",
                     "activities/2024-06-21-second/index.html", "timeline/index.html", "index.html", "partners/philippines/index.html"] {
            #expect(TestSupport.read(output + "/" + file).contains("Course &amp; &lt;more&gt; in September"), "\(file)")
        }
        #expect(!TestSupport.read(output + "/data/activities.json").contains("Course across September"))
        #expect(TestSupport.read(output + "/feed.xml").contains("Course &amp; &lt;more&gt; in September"))
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
        #expect(try Site.build(options).upToDate)
    }

    /// The second edit finds the entry the first one wrote, which the content cache does not have.
    @Test func editsInARowFindWhatTheLastOneWrote() throws {
        _ = try Site.build(options)
        let edits: [(String, (String) -> String)] = [
            ("activities/2024-06-21-first.md", { $0.replacingOccurrences(of: "summary: \"A summary", with: "summary: \"A new summary") }),
            ("activities/2024-06-21-first.md", { $0.replacingOccurrences(of: "location: \"=cmd|' /C calc'!A0\"", with: "location: Oslo, Norway") }),
            ("activities/2024-06-21-first.md", { $0.replacingOccurrences(of: "organizer: ", with: "organizer: The ") }),
            ("activities/2024-09-30-across-months.md", { $0.replacingOccurrences(of: "end_date: 2024-10-02", with: "end_date: 2024-10-05") }),
            ("activities/2024-09-30-across-months.md", { $0.replacingOccurrences(of: "title: Across months", with: "title: Across two months") + "\nAnd a new paragraph.\n" }),
            // The oldest and the newest published activities: one neighbour each, the newest first on the home page and in the feed.
            ("activities/2015-year-only.md", { $0.replacingOccurrences(of: "title: Year-only plan", with: "title: A year-only plan") }),
            ("activities/2024-12-28-across-years.md", { $0.replacingOccurrences(of: "title: Across years", with: "title: Across the years") }),
            // No `summary:` field: the first paragraph is the summary lists show.
            ("activities/2015-year-only.md", { $0.replacingOccurrences(of: "Only the year is known.", with: "Only the year is known for sure.") }),
        ]
        try expectEdits(edits, inPlace: true)
        #expect(try Site.build(options).upToDate)
    }

    /// What places an activity elsewhere: its date (order and groups), type (filters and charts),
    /// partners (their pages), headings (link targets) and whether it is published.
    @Test func editsThatMoveTheActivityGoThroughTheWholeBuild() throws {
        _ = try Site.build(options)
        let edits: [(String, (String) -> String)] = [
            ("activities/2024-09-09-course.md", { $0.replacingOccurrences(of: "date: 2024-09-09", with: "date: 2024-09-08") }),
            ("activities/2024-09-09-course.md", { $0.replacingOccurrences(of: "type: training", with: "type: seminar") }),
            ("activities/2024-09-09-course.md", { $0.replacingOccurrences(of: "partners: [philippines]", with: "partners: [philippines, norway]") }),
            ("activities/2024-09-09-course.md", { $0 + "\n## A new heading\n\nLinks may point to it.\n" }),
            ("activities/2023-01-month-only.md", { $0.replacingOccurrences(of: "type: meeting", with: "type: meeting\ndraft: true") }),
            ("partners/norway.md", { $0.replacingOccurrences(of: "\n---\n", with: "\n---\nA new first paragraph.\n\n") }),
        ]
        try expectEdits(edits, inPlace: false)
    }

    @Test func twoEditedActivitiesGoThroughTheWholeBuild() throws {
        _ = try Site.build(options)
        edit("activities/2024-09-09-course.md") { $0.replacingOccurrences(of: "title: Course across September", with: "title: Course in September") }
        edit("activities/2023-01-month-only.md") { $0.replacingOccurrences(of: "title: Month-only meeting", with: "title: A month-only meeting") }
        try expectInPlace(false)
    }

    /// A file with a warning is built whole, so that the warning is reported as a full build reports it.
    @Test func anEditWithAWarningGoesThroughTheWholeBuild() throws {
        _ = try Site.build(options)
        edit("activities/2024-09-09-course.md") { $0.replacingOccurrences(of: "title: Course across September", with: "title: Course in September\ncolour: blue") }
        let report = try Site.build(options)
        #expect(report.activitiesWrittenInPlace == 0)
        #expect(report.warnings.contains { $0.path.hasSuffix("2024-09-09-course.md") })
        #expect(TestSupport.siteFiles(output) == (try TestSupport.cleanBuild(of: content)))
    }

    /// The old entry is looked for where it should be: a timeline changed by hand is rendered again.
    @Test func aListChangedByHandIsRenderedAgain() throws {
        _ = try Site.build(options)
        let timeline = output + "/timeline/index.html"
        TestSupport.write(TestSupport.read(timeline).replacingOccurrences(of: "Course across September", with: "Course by hand"), to: timeline)
        edit("activities/2024-09-09-course.md") { $0.replacingOccurrences(of: "title: Course across September", with: "title: Course in September") }
        try expectInPlace(false)
    }

    /// Without the content cache the old entry is unknown, and the whole build runs.
    @Test func withoutTheCacheTheWholeBuildRuns() throws {
        _ = try Site.build(options)
        unlink(options.cacheFile)
        edit("activities/2024-09-09-course.md") { $0.replacingOccurrences(of: "title: Course across September", with: "title: Course in September") }
        try expectInPlace(false)
    }

    @Test func aBrokenLinkInTheEditedActivityFailsAndChangesNothing() throws {
        _ = try Site.build(options)
        let before = TestSupport.siteFiles(output)
        edit("activities/2024-09-09-course.md") {
            $0.replacingOccurrences(of: "title: Course across September", with: "title: Course in September") + "\nSee [the plan](/action-plans/third/).\n"
        }
        #expect(throws: BuildError.self) { try Site.build(options) }
        #expect(TestSupport.siteFiles(output) == before)
    }

    /// A theme that shows a body twice leaves its place in the feed unknown: an activity the feed
    /// shows is then built whole, and so is the body edit after it.
    @Test func aBodyShownTwiceKeepsFeedActivitiesOutOfEditsInPlace() throws {
        var options = options
        options.templates = TestSupport.templatesShowingBodyTwice()
        _ = try Site.build(options)
        edit("activities/2024-09-09-course.md") { $0.replacingOccurrences(of: "title: Course across September", with: "title: Course in September") }
        #expect(try Site.build(options).activitiesWrittenInPlace == 0)
        edit("activities/2024-09-09-course.md") { $0 + "\nA closing paragraph.\n" }
        #expect(try Site.build(options).bodiesWrittenInPlace == 0)
        let clean = TestSupport.temporaryFolder() + "/clean"
        options.output = clean
        _ = try Site.build(options)
        options.output = output
        #expect(TestSupport.siteFiles(output) == TestSupport.siteFiles(clean))
    }

    /// After edits in place, a whole build (here for a theme edit) still ends where a clean build does.
    @Test func aWholeBuildAfterEditsInPlaceMatchesACleanBuild() throws {
        let templates = TestSupport.copyOfTemplates()
        var options = options
        options.templates = templates
        _ = try Site.build(options)
        edit("activities/2024-09-09-course.md") { $0.replacingOccurrences(of: "title: Course across September", with: "title: Course in September") }
        #expect(try Site.build(options).activitiesWrittenInPlace == 1)
        TestSupport.edit(templates + "/partials/activity-item.mustache") { $0 + "\n" }
        #expect(try Site.build(options).activitiesWrittenInPlace == 0)
        let clean = TestSupport.temporaryFolder() + "/clean"
        options.output = clean
        _ = try Site.build(options)
        #expect(TestSupport.siteFiles(output) == TestSupport.siteFiles(clean))
    }
}
