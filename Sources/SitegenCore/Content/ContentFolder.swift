import Foundation

/// The content folder on disk: where each kind of file lives and how paths are shown to the user.
public struct ContentFolder: Sendable {
    public enum Section: String, Sendable, CaseIterable {
        case activities
        case partners
        case actionPlans = "action-plans"
        case pages
        case sources
    }

    /// Absolute, standardized path of the folder.
    public let root: String
    let pathDisplay: PathDisplay

    public init(path: String, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.root = PathDisplay.absolute(path, from: workingDirectory)
        self.pathDisplay = PathDisplay(workingDirectory: workingDirectory)
    }

    public var siteFile: String { root + "/site.yml" }
    public var staticFolder: String { root + "/static" }

    func folder(_ section: Section) -> String { root + "/" + section.rawValue }

    func display(_ absolutePath: String) -> String { pathDisplay.display(absolutePath) }
}

/// Shows absolute paths relative to the working directory when they lie inside it.
struct PathDisplay: Sendable {
    let workingDirectory: String

    func display(_ absolutePath: String) -> String {
        let prefix = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        if absolutePath.hasPrefix(prefix) { return String(absolutePath.dropFirst(prefix.count)) }
        return absolutePath
    }

    static func absolute(_ path: String, from workingDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        return standardize(joined)
    }

    /// Removes `.`, `..` and repeated slashes without touching the file system.
    static func standardize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        // Appended, not `joined(separator:)`: its first call casts dynamically, and the runtime
        // scans every conformance record for it (half a millisecond of each up-to-date build).
        var standard = parts.isEmpty ? "/" : ""
        for part in parts {
            standard += "/"
            standard += part
        }
        return standard
    }
}
