import Foundation

/// The moves that put a rebuild's staged files in place, written into the staging folder before
/// the first move so that a build stopped halfway is finished by the next one. Applying it twice
/// is harmless.
///
/// A journal is honoured only if it is whole and belongs to the output: it names the output
/// folder it was written for and ends with a digest of its own lines, and every path in it is a
/// plain relative path inside the output (`OutputPath`). A removal must also be named by the
/// output's manifest, so no journal can remove what sitegen did not write.
struct CommitJournal: Sendable, Equatable {
    static let fileName = ".sitegen-journal"
    static let header = "sitegen journal v2"

    /// The real path of the output folder it updates.
    var output: String
    /// Files in the staging folder that replace or join the output's.
    var staged: [String]
    /// Files of the previous build that this build no longer writes.
    var removed: [String]

    var text: String {
        let lines = [Self.header, "output " + output] + staged.map { "+" + $0 } + removed.map { "-" + $0 }
        let body = lines.map { $0 + "\n" }.joined()
        return body + "digest " + Self.digest(body) + "\n"
    }

    /// Written and flushed to disk before the first move.
    func write(into staging: String) throws(BuildError) {
        let path = staging + "/" + Self.fileName
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BuildError(Diagnostic(path: path, message: "cannot write the journal: \(String(cString: strerror(errno)))")) }
        defer { close(descriptor) }
        var text = self.text
        let failure = text.withUTF8 { FileBytes.writeAll(descriptor, UnsafeRawBufferPointer($0)) }
        if let failure { throw BuildError(Diagnostic(path: path, message: "cannot write the journal: \(failure)")) }
        guard fsync(descriptor) == 0 else { throw BuildError(Diagnostic(path: path, message: "cannot write the journal: \(String(cString: strerror(errno)))")) }
    }

    /// The journal in `staging`, if it is whole, was written for `output` and names only paths inside it.
    static func read(from staging: String, for output: String) -> CommitJournal? {
        guard case .success(let bytes) = FileBytes.read(staging + "/" + fileName, limit: 256 << 20),
              let text = String(validating: bytes, as: UTF8.self),
              let digestStart = text.range(of: "digest ", options: .backwards),
              digestStart.lowerBound == text.startIndex || text[text.index(before: digestStart.lowerBound)] == "\n"
        else { return nil }
        let body = String(text[..<digestStart.lowerBound])
        guard text[digestStart.upperBound...] == Self.digest(body) + "\n" else { return nil }
        let lines = body.split(separator: "\n")
        guard lines.count >= 2, lines[0] == Substring(header), lines[1] == Substring("output " + output) else { return nil }
        var journal = CommitJournal(output: output, staged: [], removed: [])
        for line in lines.dropFirst(2) {
            let path = String(line.dropFirst())
            guard OutputPath.problem(with: path) == nil else { return nil }
            switch line.first {
            case "+": journal.staged.append(path)
            case "-": journal.removed.append(path)
            default: return nil
            }
        }
        return journal
    }

    /// Moves each staged file in (a file sitegen did not write is kept beside it as
    /// `NAME.sitegen-kept`), removes what the build no longer writes, and moves the new manifest
    /// in last. `ours`: the paths the output's manifest names now.
    func apply(from staging: String, ours: Set<String>) {
        for relative in staged where OutputPath.hasPlainParents(relative, in: output) {
            let source = staging + "/" + relative
            let target = output + "/" + relative
            var info = stat()
            guard lstat(source, &info) == 0 else { continue }  // moved in by an earlier, interrupted apply
            if !ours.contains(relative), lstat(target, &info) == 0 {
                _ = rename(target, target + ".sitegen-kept")
            }
            if rename(source, target) != 0 {
                makeFolders(for: relative)
                _ = rename(source, target)
            }
        }
        for relative in removed where ours.contains(relative) && OutputPath.hasPlainParents(relative, in: output) {
            var info = stat()
            guard lstat(output + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
            unlink(output + "/" + relative)
            var folder = (relative as NSString).deletingLastPathComponent
            while !folder.isEmpty, rmdir(output + "/" + folder) == 0 {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        let manifest = staging + "/" + OutputManifest.fileName
        if access(manifest, F_OK) == 0 { _ = rename(manifest, output + "/" + OutputManifest.fileName) }
    }

    /// Makes the folders `relative` (a checked path) needs inside the output. A file that stands
    /// where a folder goes is not sitegen's to remove: it is kept as `NAME.sitegen-kept`.
    private func makeFolders(for relative: String) {
        var folder = output
        for component in relative.split(separator: "/").dropLast() {
            folder += "/" + component
            var info = stat()
            if lstat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { _ = rename(folder, folder + ".sitegen-kept") }
            _ = mkdir(folder, 0o755)
        }
    }

    /// FNV-1a, 64 bits, in hex: enough to tell a whole journal from a torn or edited one.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
