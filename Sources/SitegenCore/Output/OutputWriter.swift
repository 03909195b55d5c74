import CSystemShims
import Foundation

/// The write stage: puts a rendered site in the output folder so that a failed or interrupted
/// build leaves the previous output as it was.
///
/// - A first build goes into a staging folder beside the output, moved in whole at the end.
/// - A rebuild compares every file with the output's and stages only those whose bytes changed
///   (with `--force`, every file); once all are written in full, they are moved in under a
///   journal that the next build finishes if this one is stopped. Nothing changed: nothing is
///   written, and every modification time stays as it was.
/// - `.sitegen-manifest` names every file sitegen wrote. Files it did not write are never
///   removed; one standing where a new file goes is kept beside it as `NAME.sitegen-kept`.
/// - The output may not be, hold, or lie inside the content or templates folder (compared as
///   real paths, so through symbolic links too), whatever `--force` says.
struct OutputWriter {
    /// The output folder's real path (its last components as given while they do not exist yet).
    let output: String
    let display: PathDisplay
    let force: Bool
    private let parent: String
    private let name: String

    /// Checks that the output folder may be written, before anything is built.
    init(_ options: BuildOptions) throws(BuildError) {
        display = options.pathDisplay
        force = options.force
        let shown = options.output
        let output = ResolvedPath.real(options.outputFolder)
        self.output = output
        parent = (output as NSString).deletingLastPathComponent
        name = (output as NSString).lastPathComponent
        if output == "/" || name.isEmpty {
            throw BuildError(Diagnostic(path: shown, message: "refusing to use the root folder as output"))
        }
        let inputs = [(options.contentFolder.root, "content"), (options.templatesFolder, "templates")]
        for (folder, kind) in inputs {
            let input = ResolvedPath.real(folder)
            if input == output || output.hasPrefix(input + "/") {
                throw BuildError(Diagnostic(path: shown, message: "refusing to write the output inside the \(kind) folder \(display.display(folder)); choose an --output outside it"))
            }
            if input.hasPrefix(output + "/") {
                throw BuildError(Diagnostic(path: shown, message: "refusing to write the output into `\(shown)`: it holds the \(kind) folder \(display.display(folder)); choose another --output"))
            }
        }
        var info = stat()
        if lstat(output, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw BuildError(Diagnostic(path: shown, message: "output path exists and is not a folder"))
            }
            if !force, !OutputManifest.exists(in: output), !Self.isEmptyFolder(output) {
                throw BuildError(Diagnostic(path: shown, message: "output folder is not empty and was not written by sitegen; refusing to replace it (use --force to build into it anyway: its files are kept)"))
            }
            _ = try OutputManifest.read(output, display: display)
        }
    }

    /// What `write` did.
    struct Outcome {
        /// Files whose bytes this build wrote.
        var changed: Int
    }

    /// Writes `site`; on any error the output is as it was before.
    func write(_ site: RenderedSite) throws(BuildError) -> Outcome {
        let output = try begin()
        try output.add(site.files)
        return try output.commit()
    }

    /// Starts writing a build whose files come in parts (`StagedOutput.add`), so that the whole
    /// site need never be in memory at once; the output folder changes only in `commit`. Holds
    /// the lock on the output until the build is committed or given up.
    func begin() throws(BuildError) -> StagedOutput {
        try makeFolder(parent)
        // One build of a folder at a time: a second waits for the first to finish.
        let lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw failure(parent, "cannot open folder: \(Self.reason())") }
        while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        do throws(BuildError) {
            finishInterruptedBuilds()
            var info = stat()
            if lstat(output, &info) != 0 || Self.isEmptyFolder(output) {
                return StagedOutput(writer: self, lock: lock, previous: nil)
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw failure(output, "output path exists and is not a folder") }
            let previous = try OutputManifest.read(output, display: display)
            guard previous != nil || force else {
                throw failure(output, "output folder is not empty and was not written by sitegen; refusing to replace it (use --force to build into it anyway: its files are kept)")
            }
            return StagedOutput(writer: self, lock: lock, previous: previous ?? OutputManifest(paths: []))
        } catch {
            close(lock)
            throw error
        }
    }

    /// Whether `file` must be staged: always into a new folder or with `--force`, else when the
    /// output does not hold its bytes under a path sitegen wrote.
    func needsWriting(_ file: OutputFile, ours: Set<String>?) -> Bool {
        guard let bytes = file.bytes else { return false }
        guard let ours, !force else { return true }
        return !ours.contains(file.path) || !Self.file(output + "/" + file.path, holds: bytes)
    }

    /// Moves a staging folder holding a whole first build in place of the empty or missing output.
    func moveInNewFolder(_ staging: String) throws(BuildError) {
        // Over an empty folder, `rename` replaces it; a folder that filled meanwhile is left alone.
        guard rename(staging, output) == 0 else {
            let reason = Self.reason()
            removeTree(staging)
            throw failure(output, "cannot move the new output in place: \(reason)")
        }
    }

    /// Writes each file in full into the staging folder (made if missing); the first problem,
    /// with the system's reason, as an error.
    func stage(_ files: [(String, [UInt8])], in staging: String) throws(BuildError) {
        try makeStagingFolder(staging)
        let outcomes = ParallelMap.runs(count: files.count, length: 64) { run -> Diagnostic? in
            for index in run {
                if let problem = Self.writeFile(files[index].1, to: staging + "/" + files[index].0) {
                    return Diagnostic(path: display.display(output + "/" + files[index].0), message: problem)
                }
            }
            return nil
        }
        let problems = outcomes.compactMap { $0 }
        if !problems.isEmpty { throw BuildError(problems) }
    }

    /// Writes the manifest into the staging folder, after every file.
    func stage(_ manifest: OutputManifest, in staging: String) throws(BuildError) {
        try makeStagingFolder(staging)
        if let problem = Self.writeFile(manifest.bytes, to: staging + "/" + OutputManifest.fileName) {
            throw BuildError(Diagnostic(path: display.display(output + "/" + OutputManifest.fileName), message: problem))
        }
    }

    /// The staging folder, made by the first part of a build that stages anything.
    private func makeStagingFolder(_ staging: String) throws(BuildError) {
        var info = stat()
        guard lstat(staging, &info) != 0 else { return }
        guard mkdir(staging, 0o755) == 0 else { throw failure(staging, "cannot create the staging folder: \(Self.reason())") }
    }

    /// This process's staging folder, beside the output: `.public.sitegen-staging-PID`.
    var stagingFolder: String { parent + "/." + name + ".sitegen-staging-\(getpid())" }

    /// Staging folders beside the output are sitegen's own, and while this build holds the lock
    /// no other build of this output runs: each was left by a build that stopped. One that holds
    /// a whole journal for this output was stopped while moving files in, which is finished now.
    /// State files of earlier versions of sitegen beside the output go too.
    private func finishInterruptedBuilds() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let stagingPrefix = "." + name + ".sitegen-staging-"
        let olderStatePrefixes = ["cache", "index", "listings"].map { "." + name + ".sitegen-" + $0 }
        for entry in names.sorted() {
            let path = parent + "/" + entry
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            if entry.hasPrefix(stagingPrefix) {
                if isFolder, let journal = CommitJournal.read(from: path, for: output),
                   let manifest = try? OutputManifest.read(output, display: display) {
                    journal.apply(from: path, ours: Set(manifest.paths))
                }
                removeTree(path)
            } else if olderStatePrefixes.contains(where: { entry.hasPrefix($0) }), !isFolder {
                unlink(path)
            }
        }
    }

    // MARK: Files

    /// Creates the file and the folders it needs; the system's reason when it cannot.
    private static func writeFile(_ bytes: [UInt8], to path: String) -> String? {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                return "cannot create folder: \(error.localizedDescription)"
            }
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { return "cannot create file: \(reason())" }
        let failure = bytes.withUnsafeBytes { FileBytes.writeAll(descriptor, $0) }
        let closed = close(descriptor) == 0 ? nil : reason()
        if let failure = failure ?? closed { return "cannot write file: \(failure)" }
        return nil
    }

    /// Whether the regular file at `path` holds exactly `bytes`.
    private static func file(_ path: String, holds bytes: [UInt8]) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        guard case .success(let existing) = FileBytes.read(path, limit: bytes.count) else { return false }
        return existing == bytes
    }

    /// Removes a folder of sitegen's own; a symbolic link in its place is removed, not followed.
    func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            unlink(path)
        }
    }

    private func makeFolder(_ path: String) throws(BuildError) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw failure(path, "cannot create folder: \(error.localizedDescription)")
        }
    }

    private static func isEmptyFolder(_ folder: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: folder).isEmpty) ?? false
    }

    private static func reason() -> String { String(cString: strerror(errno)) }

    private func failure(_ path: String, _ message: String) -> BuildError {
        BuildError(Diagnostic(path: display.display(path), message: message))
    }
}
