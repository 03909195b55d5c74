import Foundation

/// The moves that put a rebuild's changed files in place, written before the first move so that
/// a build stopped halfway is finished by the next one. Applying it twice is harmless.
struct CommitJournal: Sendable {
    static let fileName = ".sitegen-journal"
    static let header = "sitegen journal v1"

    /// Files in the staging folder that replace or join the output's.
    var staged: [String]
    /// Files of the previous build that this build no longer writes.
    var removed: [String]

    func write(into staging: String) throws {
        let lines = [Self.header] + staged.map { "+" + $0 } + removed.map { "-" + $0 }
        try (lines.joined(separator: "\n") + "\n").write(toFile: staging + "/" + Self.fileName, atomically: true, encoding: .utf8)
    }

    static func read(from staging: String) -> CommitJournal? {
        guard let text = try? String(contentsOfFile: staging + "/" + fileName, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n")
        guard lines.first == Substring(header) else { return nil }
        return CommitJournal(staged: lines.filter { $0.hasPrefix("+") }.map { String($0.dropFirst()) },
                             removed: lines.filter { $0.hasPrefix("-") }.map { String($0.dropFirst()) })
    }

    /// Moves each staged file in (a file sitegen did not write is kept beside it as `.sitegen-kept`),
    /// deletes what the build no longer writes, and moves the new manifest in last.
    /// `ours` is the output's manifest before this commit, when the caller has read it already.
    func apply(from staging: String, to output: String, ours: [String: String]? = nil) {
        let ours = ours ?? OutputManifest.read(output)?.files ?? [:]
        for relative in staged {
            let source = staging + "/" + relative
            let target = output + "/" + relative
            guard access(source, F_OK) == 0 else { continue }
            if ours[relative] == nil, access(target, F_OK) == 0 {
                _ = rename(target, target + ".sitegen-kept")
            }
            if rename(source, target) != 0 {
                try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                _ = rename(source, target)
            }
        }
        for relative in removed {
            unlink(output + "/" + relative)
            var folder = (relative as NSString).deletingLastPathComponent
            while !folder.isEmpty, rmdir(output + "/" + folder) == 0 {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        let manifest = staging + "/" + OutputManifest.fileName
        if access(manifest, F_OK) == 0 { _ = rename(manifest, output + "/" + OutputManifest.fileName) }
    }
}
