import CSystemShims
import Foundation

/// Writes a build so that a failed or interrupted build leaves the previous output as it was.
///
/// A first build (or `--force`) goes into a staging folder beside the output, swapped in whole
/// when the build succeeded. A rebuild of sitegen's own output stages only the files whose bytes
/// changed, then moves them in under a journal: an interrupted move is finished by the next build.
/// The manifest names every file sitegen wrote; files it did not write are never deleted.
public final class OutputWriter: @unchecked Sendable {
    static let manifestName = OutputManifest.fileName

    public let output: String
    let staging: String
    /// The output's manifest when this build updates the output in place; nil when it swaps in a new folder.
    let previous: OutputManifest?
    private let display: PathDisplay
    private let lock = NSLock()
    private var written: [String: String] = [:]
    /// Each path once (pages and files have paths of their own): a list, so writing one hashes its path once.
    private var staged: [String] = []
    /// The staging folder, open: files are created relative to it, without walking its path
    /// again for each of them. It follows the folder when the folder is moved into place.
    private let stagingDescriptor: Int32

    /// Every file of the previous build was found in place when this build began, so a page
    /// whose key is unchanged need not be looked for again.
    private let previousFilesChecked: Bool

    /// Checks that `output` may be written and prepares an empty staging folder.
    init(output: String, protectedFolders: [String], force: Bool, display: PathDisplay,
         previousFilesChecked: Bool = false) throws(BuildError) {
        self.output = output
        self.display = display
        self.previousFilesChecked = previousFilesChecked
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        self.staging = parent + "/.\(name).sitegen-staging-\(getpid())"

        let shown = display.display(output)
        if output == "/" { throw BuildError(Diagnostic(path: shown, message: "refusing to use the root folder as output")) }
        for folder in protectedFolders where folder == output || folder.hasPrefix(output + "/") {
            throw BuildError(Diagnostic(path: shown, message: "refusing to write the output into `\(shown)`: it holds \(display.display(folder)); choose another --output"))
        }
        Self.finishInterruptedCommits(parent: parent, name: name, output: output)
        var previous: OutputManifest?
        switch FileKind.of(output, within: "/") {
        case .missing: break
        case .directory:
            previous = OutputManifest.read(output)
            if previous == nil && !Self.isEmptyFolder(output) && !force {
                throw BuildError(Diagnostic(path: shown, message: "output folder is not empty and was not written by sitegen; refusing to replace it (use --force to build into it anyway: its files are kept)"))
            }
        default:
            throw BuildError(Diagnostic(path: shown, message: "output path exists and is not a folder"))
        }
        self.previous = force ? nil : previous
        Self.removeLeftovers(parent: parent, name: name)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw BuildError(Diagnostic(path: display.display(staging), message: "cannot create staging folder: \(error.localizedDescription)"))
        }
        stagingDescriptor = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard stagingDescriptor >= 0 else {
            throw BuildError(Diagnostic(path: display.display(staging), message: "cannot open staging folder: \(String(cString: strerror(errno)))"))
        }
    }

    deinit {
        close(stagingDescriptor)
    }

    /// True when the page at `relativePath` was rendered from inputs with this `key` and is still there.
    func isCurrent(_ relativePath: String, key: String) -> Bool {
        guard let previous, !key.isEmpty, previous.files[relativePath] == key else { return false }
        if previousFilesChecked { return true }
        var info = stat()
        return stat(output + "/" + relativePath, &info) == 0
    }

    /// Writes one file of the site; `relativePath` uses `/` and no leading slash.
    func write(_ relativePath: String, _ text: String, key: String = "") throws {
        var text = text
        try text.withUTF8 { buffer in try write(relativePath, UnsafeRawBufferPointer(buffer), key: key) }
    }

    func write(_ relativePath: String, _ bytes: UnsafeRawBufferPointer, key: String = "") throws {
        try withRun { run in try write(relativePath, bytes, key: key, in: &run) }
    }

    /// Writes many files from one thread (`OutputWriter.Run`); what it wrote is listed as the run ends.
    func withRun<Result>(_ body: (inout Run) throws -> Result) rethrows -> Result {
        var run = Run(root: openat(stagingDescriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC))
        defer {
            run.close()
            lock.withLock {
                for (path, key) in run.written { written[path] = key }
                staged += run.staged
            }
        }
        return try body(&run)
    }

    /// `write(_:_:key:)` within a run: a file whose bytes the output already has is left as it is.
    func write(_ relativePath: String, _ bytes: UnsafeRawBufferPointer, key: String = "", in run: inout Run) throws {
        if let previous, previous.files[relativePath] != nil, Self.file(output + "/" + relativePath, holds: bytes) {
            run.written.append((relativePath, key))
            return
        }
        let (folder, name) = run.folder(of: relativePath, in: stagingDescriptor)
        try writeFile(relativePath, bytes, in: folder, as: name)
        run.written.append((relativePath, key))
        run.staged.append(relativePath)
    }

    /// Leaves a page whose inputs have not changed as it is; it stays in the manifest.
    func keep(_ relativePath: String, key: String, in run: inout Run) {
        run.written.append((relativePath, key))
    }

    func copyFile(from source: String, to relativePath: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else { throw failure(relativePath, "cannot read \(display.display(source))") }
        try data.withUnsafeBytes { buffer in try write(relativePath, buffer) }
    }

    /// Puts the build in place: the whole staging folder, or the changed files under a journal.
    func commit(fingerprint: InputFingerprint? = nil) throws {
        let manifest = OutputManifest(fingerprint: fingerprint?.value, files: writtenKeys)
        try manifest.bytes.withUnsafeBytes { try writeFile(Self.manifestName, $0) }
        if let previous {
            // Only the changed files are staged: they mean nothing without the folder they update.
            guard FileManager.default.fileExists(atPath: output) else {
                throw failure("", "the output folder disappeared during the build; build again")
            }
            let removed = previous.files.keys.filter { manifest.files[$0] == nil }
            let journal = CommitJournal(staged: lock.withLock { staged }.sorted(), removed: removed.sorted())
            try journal.write(into: staging)
            journal.apply(from: staging, to: output, ours: previous.files)
            try? FileManager.default.removeItem(atPath: staging)
        } else if FileManager.default.fileExists(atPath: output) {
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

    /// How many files the new output has, written or kept.
    var fileCount: Int { lock.withLock { written.count } }
    /// How many files this build actually wrote the bytes of.
    var stagedCount: Int { lock.withLock { staged.count } }
    private var writtenKeys: [String: String] { lock.withLock { written } }

    // MARK: Helpers

    /// Creates `relativePath` in the staging folder, and its folder if need be.
    private func writeFile(_ relativePath: String, _ bytes: UnsafeRawBufferPointer) throws {
        try writeFile(relativePath, bytes, in: stagingDescriptor, as: relativePath[...])
    }

    /// Creates `relativePath` as `name` within the open staging folder `folder` (the staging folder
    /// itself or one of its top folders, `name` the rest of the path).
    private func writeFile(_ relativePath: String, _ bytes: UnsafeRawBufferPointer, in folder: Int32, as name: Substring) throws {
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        // The staging folder starts empty and most pages have a folder of their own: make the
        // folder first rather than fail to open the file in it.
        if let slash = name.utf8.lastIndex(of: UInt8(ascii: "/")) {
            if mkdirat(folder, String(name[..<slash]), 0o755) != 0 && errno != EEXIST {
                try makeFolder(staging + "/" + relativePath[..<relativePath.utf8.lastIndex(of: UInt8(ascii: "/"))!])
            }
        }
        let descriptor = openat(folder, String(name), flags, 0o644)
        guard descriptor >= 0 else { throw failure(relativePath, "cannot create file") }
        defer { close(descriptor) }
        guard FileBytes.writeAll(descriptor, bytes) else { throw failure(relativePath, "cannot write file") }
    }

    private static func file(_ path: String, holds bytes: UnsafeRawBufferPointer) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        guard bytes.count > 0 else { return true }
        let existing = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { existing.deallocate() }
        guard FileBytes.readAll(descriptor, existing) else { return false }
        return memcmp(existing.baseAddress!, bytes.baseAddress!, bytes.count) == 0
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
        let ours = OutputManifest.read(output)?.files ?? [:]
        guard let enumerator = FileManager.default.enumerator(atPath: output) else { return }
        var foreign: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let path = output + "/" + relative
            guard relative != Self.manifestName, ours[relative] == nil else { continue }
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
        OutputManifest.read(folder) != nil
    }

    private static func isEmptyFolder(_ folder: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: folder).isEmpty) ?? false
    }

    private static func leftovers(parent: String, name: String) -> [(path: String, running: Bool)] {
        let prefix = ".\(name).sitegen-staging-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        return names.filter { $0.hasPrefix(prefix) }.map { leftover in
            let pidText = leftover.dropFirst(prefix.count).prefix { $0.isASCIIDigit }
            let running = Int32(pidText).map { $0 != getpid() && kill($0, 0) == 0 } ?? false
            return (parent + "/" + leftover, running)
        }
    }

    /// True while another build of `output` runs, or one that stopped left its staging folder:
    /// only the whole pipeline finishes or clears what it left.
    static func hasOtherBuilds(of output: String) -> Bool {
        !leftovers(parent: (output as NSString).deletingLastPathComponent, name: (output as NSString).lastPathComponent).isEmpty
    }

    /// A build stopped while moving its files in left its journal: finish what it started.
    private static func finishInterruptedCommits(parent: String, name: String, output: String) {
        for leftover in leftovers(parent: parent, name: name) where !leftover.running {
            CommitJournal.read(from: leftover.path)?.apply(from: leftover.path, to: output)
        }
    }

    /// Staging folders of interrupted builds are sitegen's own; clear those whose process is gone.
    private static func removeLeftovers(parent: String, name: String) {
        for leftover in leftovers(parent: parent, name: name) where !leftover.running {
            try? FileManager.default.removeItem(atPath: leftover.path)
        }
    }
}
