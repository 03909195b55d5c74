import Foundation

/// One build on its way into the output folder (`OutputWriter.begin`): files are handed over in
/// parts as they are rendered and staged beside the output, so a large site is never held in
/// memory whole; `commit` then puts them in place. Until then the output is as it was, and a
/// build given up (an error, or the value released without `commit`) removes what it staged.
final class StagedOutput {
    private let writer: OutputWriter
    /// The open output's parent folder, locked for this build.
    private let lock: Int32
    /// The output's manifest; nil for a new or empty output, which gets every file and is
    /// replaced by the staging folder whole.
    private let previous: OutputManifest?
    private let ours: Set<String>?
    private let staging: String
    /// Every path of the build, in order: the new manifest.
    private var paths: [String] = []
    /// Paths whose bytes were staged.
    private var staged: [String] = []
    private var isOpen = true

    init(writer: OutputWriter, lock: Int32, previous: OutputManifest?) {
        self.writer = writer
        self.lock = lock
        self.previous = previous
        ours = previous.map { Set($0.paths) }
        staging = writer.stagingFolder
    }

    deinit {
        if isOpen { release() }
    }

    /// Stages the files among `files` whose bytes the output does not hold yet; a file without
    /// bytes is one `serve` knows to be unchanged.
    func add(_ files: [OutputFile]) throws(BuildError) {
        precondition(isOpen, "files added to a committed build")
        paths += files.map(\.path)
        let writer = self.writer, ours = self.ours
        let needed = ParallelMap.runs(count: files.count, length: 64) { run in
            run.map { writer.needsWriting(files[$0], ours: ours) }
        }.flatMap { $0 }
        let changed = zip(files, needed).compactMap { file, needed in needed ? (file.path, file.bytes!) : nil }
        guard !changed.isEmpty else { return }
        do {
            try writer.stage(changed, in: staging)
        } catch {
            release()
            throw error
        }
        staged += changed.map(\.0)
    }

    /// Puts the staged files in place: a new output by moving the staging folder in; an existing
    /// one under a journal that the next build finishes if this one is stopped. Nothing changed:
    /// nothing is written.
    func commit() throws(BuildError) -> OutputWriter.Outcome {
        precondition(isOpen, "a build committed twice")
        defer { release() }
        let manifest = OutputManifest(paths: paths)
        guard let previous, let ours else {
            try writer.stage(manifest, in: staging)
            try writer.moveInNewFolder(staging)
            return OutputWriter.Outcome(changed: staged.count)
        }
        let kept = Set(manifest.paths)
        let removed = previous.paths.filter { !kept.contains($0) }
        if staged.isEmpty && removed.isEmpty && manifest == previous { return OutputWriter.Outcome(changed: 0) }
        try writer.stage(manifest, in: staging)
        let journal = CommitJournal(output: writer.output, staged: staged, removed: removed)
        try journal.write(into: staging)
        journal.apply(from: staging, ours: ours)
        return OutputWriter.Outcome(changed: staged.count)
    }

    /// Removes what is left of the staging folder and lets other builds of the output go on.
    private func release() {
        guard isOpen else { return }
        isOpen = false
        writer.removeTree(staging)
        close(lock)
    }
}
