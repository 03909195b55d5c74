import CSystemShims
import Foundation

/// Writes a build into a staging folder beside the output and swaps it in only when the
/// whole build succeeded, so a failed or interrupted build leaves the previous output as it was.
/// A manifest names every file sitegen wrote; files it did not write are carried over, never deleted.
public final class OutputWriter: @unchecked Sendable {
    static let manifestName = ".sitegen-manifest"
    static let manifestHeader = "sitegen output v1"
    static let fingerprintPrefix = "# inputs "

    public let output: String
    let staging: String
    private let display: PathDisplay
    private let lock = NSLock()
    private var written: Set<String> = []

    /// Checks that `output` may be written and prepares an empty staging folder.
    init(output: String, protectedFolders: [String], force: Bool, display: PathDisplay) throws(BuildError) {
        self.output = output
        self.display = display
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        self.staging = parent + "/.\(name).sitegen-staging-\(getpid())"

        let shown = display.display(output)
        if output == "/" { throw BuildError(Diagnostic(path: shown, message: "refusing to use the root folder as output")) }
        for folder in protectedFolders where folder == output || folder.hasPrefix(output + "/") {
            throw BuildError(Diagnostic(path: shown, message: "refusing to write the output into `\(shown)`: it holds \(display.display(folder)); choose another --output"))
        }
        switch FileKind.of(output, within: "/") {
        case .missing: break
        case .directory:
            if !Self.isSitegenOutput(output) && !Self.isEmptyFolder(output) && !force {
                throw BuildError(Diagnostic(path: shown, message: "output folder is not empty and was not written by sitegen; refusing to replace it (use --force to build into it anyway: its files are kept)"))
            }
        default:
            throw BuildError(Diagnostic(path: shown, message: "output path exists and is not a folder"))
        }
        Self.removeLeftovers(parent: parent, name: name)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw BuildError(Diagnostic(path: display.display(staging), message: "cannot create staging folder: \(error.localizedDescription)"))
        }
    }

    /// Writes one file of the site; `relativePath` uses `/` and no leading slash.
    func write(_ relativePath: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { buffer in try write(relativePath, UnsafeRawBufferPointer(buffer)) }
    }

    func write(_ relativePath: String, _ bytes: UnsafeRawBufferPointer) throws {
        let path = staging + "/" + relativePath
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            try makeFolder((path as NSString).deletingLastPathComponent)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw failure(relativePath, "cannot create file") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(relativePath, "cannot write file")
            }
            offset += count
        }
        record(relativePath)
    }

    func copyFile(from source: String, to relativePath: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else { throw failure(relativePath, "cannot read \(display.display(source))") }
        try data.withUnsafeBytes { buffer in try write(relativePath, buffer) }
    }

    /// Swaps the staging folder in for the output. Files in the old output that sitegen did not write move across.
    func commit(fingerprint: InputFingerprint? = nil) throws {
        let inputs = fingerprint.map { Self.fingerprintPrefix + $0.value + "\n" } ?? ""
        let manifest = Self.manifestHeader + "\n" + inputs + written.sorted().joined(separator: "\n") + "\n"
        try write(Self.manifestName, manifest)
        if FileManager.default.fileExists(atPath: output) {
            try carryOverForeignFiles()
            if sitegen_exchange_paths(staging, output) == 0 {
                try? FileManager.default.removeItem(atPath: staging)
                return
            }
            let old = staging + "-old"
            guard rename(output, old) == 0 else { throw failure("", "cannot move the previous output aside: \(String(cString: strerror(errno)))") }
            guard rename(staging, output) == 0 else {
                _ = rename(old, output)
                throw failure("", "cannot move the new output in place: \(String(cString: strerror(errno)))")
            }
            try? FileManager.default.removeItem(atPath: old)
        } else {
            try makeFolder((output as NSString).deletingLastPathComponent)
            guard rename(staging, output) == 0 else { throw failure("", "cannot move the new output in place: \(String(cString: strerror(errno)))") }
        }
    }

    /// Removes the staging folder after a failed build; the output is untouched.
    func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    var writtenFiles: Set<String> { lock.withLock { written } }

    // MARK: Helpers

    private func record(_ relativePath: String) {
        lock.withLock { _ = written.insert(relativePath) }
    }

    /// `mkdir` first: the parent almost always exists, and FileManager checks every component.
    private func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BuildError(Diagnostic(path: display.display(path), message: "cannot create folder: \(error.localizedDescription)"))
        }
    }

    private func failure(_ relativePath: String, _ message: String) -> BuildError {
        BuildError(Diagnostic(path: display.display(relativePath.isEmpty ? output : output + "/" + relativePath), message: message))
    }

    private func carryOverForeignFiles() throws {
        let ours = Self.manifestEntries(output)
        guard let enumerator = FileManager.default.enumerator(atPath: output) else { return }
        var foreign: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let path = output + "/" + relative
            guard relative != Self.manifestName, !ours.contains(relative) else { continue }
            if case .directory = FileKind.of(path, within: "/") { continue }
            foreign.append(relative)
        }
        for relative in foreign {
            let target = staging + "/" + relative
            if FileManager.default.fileExists(atPath: target) {
                // The new build writes this path too; keep the user's file beside it rather than lose it.
                try moveFile(output + "/" + relative, to: target + ".sitegen-kept")
            } else {
                try moveFile(output + "/" + relative, to: target)
            }
        }
    }

    private func moveFile(_ source: String, to target: String) throws {
        try makeFolder((target as NSString).deletingLastPathComponent)
        guard rename(source, target) == 0 else { throw failure("", "cannot carry over \(display.display(source))") }
    }

    static func isSitegenOutput(_ folder: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifestName) else { return false }
        return String(decoding: data.prefix(manifestHeader.utf8.count), as: UTF8.self) == manifestHeader
    }

    static func manifestEntries(_ folder: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifestName) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst()
            .filter { !$0.hasPrefix(fingerprintPrefix) }.map(String.init))
    }

    /// True when `folder` is sitegen's output of exactly these inputs and every file it wrote is still there.
    static func isUpToDate(_ folder: String, fingerprint: InputFingerprint) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifestName) else { return false }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.count > 1, lines[0] == manifestHeader, lines[1] == fingerprintPrefix + fingerprint.value else { return false }
        var info = stat()
        return lines.dropFirst(2).allSatisfy { stat(folder + "/" + $0, &info) == 0 }
    }

    private static func isEmptyFolder(_ folder: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: folder).isEmpty) ?? false
    }

    /// Staging folders of interrupted builds are sitegen's own; clear those whose process is gone.
    private static func removeLeftovers(parent: String, name: String) {
        let prefix = ".\(name).sitegen-staging-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for leftover in names where leftover.hasPrefix(prefix) {
            let pidText = leftover.dropFirst(prefix.count).prefix { $0.isASCIIDigit }
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(atPath: parent + "/" + leftover)
        }
    }
}
