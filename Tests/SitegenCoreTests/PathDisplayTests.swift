import Testing
@testable import SitegenCore

/// Paths are made absolute and standard without the file system.
@Suite struct PathDisplayTests {
    @Test func relativePathsAreStandardizedAgainstTheWorkingDirectory() {
        #expect(PathDisplay.absolute("public", from: "/site") == "/site/public")
        #expect(PathDisplay.absolute("./a//b/../c/", from: "/site/") == "/site/a/c")
        #expect(PathDisplay.absolute("/x/./y", from: "/site") == "/x/y")
        #expect(PathDisplay.absolute("../../..", from: "/site") == "/")
        #expect(PathDisplay.absolute(".", from: "/") == "/")
    }

    @Test func pathsInsideTheWorkingDirectoryAreShownRelative() {
        let display = PathDisplay(workingDirectory: "/site")
        #expect(display.display("/site/content/a.md") == "content/a.md")
        #expect(display.display("/elsewhere/a.md") == "/elsewhere/a.md")
    }
}
