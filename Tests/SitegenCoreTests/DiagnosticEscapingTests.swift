import Foundation
import Testing
@testable import SitegenCore

/// A file name may hold any byte but `/` and NUL: printed, it must stay on its one line.
@Suite struct DiagnosticEscapingTests {
    @Test func controlCharactersInThePathAreEscaped() {
        let diagnostic = Diagnostic(path: "activities/a\nb\rc\td\u{7}e\u{1B}[31m\u{7F}\u{85}.md", line: 3, column: 4, message: "bad")
        #expect(diagnostic.description == #"activities/a\nb\rc\td\u{7}e\u{1b}[31m\u{7f}\u{85}.md:3:4: error: bad"#)
    }

    @Test func ordinaryPathsAreUnchanged() {
        let diagnostic = Diagnostic(path: "activities/日本 語 (1).md", line: 1, message: "bad")
        #expect(diagnostic.description == "activities/日本 語 (1).md:1: error: bad")
    }

    @Test func aFileNamedWithANewlineGivesOneLinePerError() throws {
        let content = TestSupport.copyOfFixture()
        TestSupport.write("---\ntitle: T\ndate: nope\n---\n", to: content + "/activities/evil\nname.md")
        let diagnostics = Site.check(TestSupport.options(content: content, output: "/nonexistent/out"))
        let printed = try #require(diagnostics.first { $0.path.hasSuffix("evil\nname.md") }).description
        #expect(!printed.contains("\n"))
        #expect(printed.contains(#"activities/evil\nname.md: error: file name `evil\nname.md` is not a valid id"#))
    }
}
