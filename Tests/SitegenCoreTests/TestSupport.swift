import Foundation
@testable import SitegenCore

/// Paths and temporary folders shared by the suites.
enum TestSupport {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var templates: String { repositoryRoot + "/Templates" }
    static var fixtureContent: String { repositoryRoot + "/Tests/SitegenCoreTests/Fixtures/site/content" }

    /// The folder every temporary folder of this test process is made in, removed as the process
    /// exits: an output's cache, index and listings sit beside it, so they go too.
    static let temporaryRoot: String = {
        let path = NSTemporaryDirectory() + "sitegen-tests-\(getpid())"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestSupport.temporaryRoot) }
        return path
    }()

    /// A fresh empty folder under this process's temporary root.
    static func temporaryFolder(_ name: String = "sitegen-test") -> String {
        let path = temporaryRoot + "/\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A copy of the fixture content folder that a test may change.
    static func copyOfFixture() -> String {
        let folder = temporaryFolder("sitegen-fixture")
        try! FileManager.default.copyItem(atPath: fixtureContent, toPath: folder + "/content")
        return folder + "/content"
    }

    /// Rewrites the text file at `path` through `change`.
    static func edit(_ path: String, _ change: (String) -> String) {
        write(change(read(path)), to: path)
    }

    /// The portal's templates copied into a new folder, to be changed by a test.
    static func copyOfTemplates() -> String {
        let folder = temporaryFolder() + "/Templates"
        try! FileManager.default.copyItem(atPath: templates, toPath: folder)
        return folder
    }

    /// A copy of the templates whose activity page shows its body twice, once escaped: a body no edit in place can replace.
    static func templatesShowingBodyTwice() -> String {
        let folder = copyOfTemplates()
        edit(folder + "/activity.mustache") { $0.replacingOccurrences(of: "{{{bodyHTML}}}", with: "{{{bodyHTML}}}<template>{{bodyHTML}}</template>") }
        return folder
    }

    static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    static func options(content: String, output: String, baseURL: String? = nil, drafts: Bool = false, force: Bool = false) -> BuildOptions {
        BuildOptions(content: content, templates: templates, output: output, baseURL: baseURL, includeDrafts: drafts,
                     force: force, workingDirectory: "/")
    }

    /// A built site, its manifest included.
    static func siteFiles(_ folder: String) -> [String: Data] {
        snapshot(folder)
    }

    /// `siteFiles` of a clean build of `content` into a new folder.
    static func cleanBuild(of content: String) throws -> [String: Data] {
        let folder = temporaryFolder() + "/clean"
        _ = try Site.build(options(content: content, output: folder))
        return siteFiles(folder)
    }

    /// Every file under `folder` with its bytes, to compare outputs.
    static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return files }
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: folder + "/" + relative)
            }
        }
        return files
    }

    /// Every file under `folder` with its modification time in nanoseconds.
    static func modificationTimes(_ folder: String) -> [String: Int] {
        var times: [String: Int] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return times }
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            if lstat(folder + "/" + relative, &info) == 0 {
                times[relative] = info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec
            }
        }
        return times
    }
}
