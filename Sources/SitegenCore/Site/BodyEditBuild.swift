import Foundation

/// A rebuild after edits that changed only the bodies of some documents, in ways no other page
/// sees: the same front matter, headings and first paragraph, and the same diagnostics. Each new
/// body is written into the places the last build's `DocumentIndex` says show it — the document's
/// page, and the feed for the latest activities — and nothing else is loaded, parsed or rendered.
///
/// One edited activity that shows something new to other pages, but is placed on them as before,
/// goes to `FrontMatterEditBuild`. Any other change, or any doubt (a file added or removed, a
/// theme or settings edit, a body the index cannot place, an output file that is not as the
/// index says, a file of the output missing, an error or a broken link in the edited file,
/// another build's staging folder beside the output), returns nil before anything is written,
/// and the full pipeline builds.
struct BodyEditBuild {
    let options: BuildOptions
    let index: DocumentIndex
    let fingerprint: InputFingerprint
    let indexFile: String
    /// The templates, being read (`Site.readTheme`): an edit of an activity renders its page.
    let theme: Site.ThemeRead
    /// `fingerprint.entryHashes` in order, as the index keeps them: compared with the index's, and written into it.
    let sortedEntryHashes: [UInt64]
    /// Whether every file the output's manifest names is still there (`OutputCheck`), asked just
    /// before anything is written: the look-ups go on while the edit is read and placed.
    let outputIsIntact: @Sendable () -> Bool

    init(options: BuildOptions, index: DocumentIndex, fingerprint: InputFingerprint, indexFile: String, theme: Site.ThemeRead,
         outputIsIntact: @escaping @Sendable () -> Bool) {
        self.options = options
        self.index = index
        self.fingerprint = fingerprint
        self.indexFile = indexFile
        self.theme = theme
        self.outputIsIntact = outputIsIntact
        sortedEntryHashes = fingerprint.entryHashes.sortedHashes()
    }

    /// More edits than this go to the full pipeline, which parses on every core.
    static let maximumEdits = 64

    private struct Edit {
        let record: Int
        let hash: UInt64
        let html: String
    }

    /// `cache`: the content cache file and its changes file, mapped, for an edit of an activity's
    /// front matter (`FrontMatterEditBuild`).
    func run(timings: inout StageTimings, cache: (CacheBytes, CacheBytes?)?) throws(BuildError) -> BuildReport? {
        guard let edited = timings.measure("find edited files", { editedFiles() }) else { return nil }
        guard let edits = timings.measure("parse edited files", { parse(edited) }) else {
            guard edited.count == 1, let cache else { return nil }
            return try FrontMatterEditBuild(base: self, edit: edited[0], cache: cache).run(timings: &timings)
        }
        guard let files = timings.measure("place edited bodies", { placeBodies(edits) }),
              timings.measure("check output", { outputIsIntact() }) else { return nil }
        try write(files, timings: &timings) { [self] in updatedIndex(files, edits) }
        return BuildReport(pagesWritten: index.pageCount, filesWritten: index.fileCount, filesChanged: files.count,
                           warnings: index.warnings, timings: timings, bodiesWrittenInPlace: edits.count)
    }

    // MARK: Finding the edits

    /// The records of the files whose keys changed, with their new hashes; nil unless that is the only change.
    func editedFiles() -> [(record: Int, path: String, hash: UInt64)]? {
        let folder = options.contentFolder
        guard index.walkHeader == fingerprint.header, !OutputWriter.hasOtherBuilds(of: options.outputFolder),
              index.context == ContentCache.context(basePath: index.basePath, folder: folder) else { return nil }
        let current = sortedEntryHashes, previous = index.entryHashes
        var added: Set<UInt64> = [], removed: Set<UInt64> = []
        var i = 0, j = 0
        while i < current.count || j < previous.count {
            if j == previous.count || (i < current.count && current[i] < previous[j]) {
                added.insert(current[i])
                i += 1
            } else if i == current.count || previous[j] < current[i] {
                removed.insert(previous[j])
                j += 1
            } else {
                i += 1
                j += 1
            }
            if added.count > Self.maximumEdits || removed.count > Self.maximumEdits { return nil }
        }
        guard !added.isEmpty, added.count == removed.count else { return nil }
        var edited: [(record: Int, path: String, hash: UInt64)] = []
        for file in fingerprint.walked(where: added.contains) {
            guard let record = index.records.firstIndex(where: { $0.path == file.path }),
                  removed.contains(index.records[record].entryHash) else { return nil }
            edited.append((record, file.path, file.hash))
        }
        // Anything else added (a folder, an entry that could not be examined) is not an edit of a known file.
        guard edited.count == added.count, Set(edited.map { index.records[$0.record].entryHash }) == removed else { return nil }
        return edited
    }

    /// Each edited file parsed again; nil if one has errors, shows anything new to other pages,
    /// links to a page or heading that does not exist, or has a body the index cannot place.
    private func parse(_ edited: [(record: Int, path: String, hash: UInt64)]) -> [Edit]? {
        let folder = options.contentFolder
        let loader = ContentLoader(folder: folder)
        let reader = ContentReader(markdown: MarkdownRenderer(basePath: index.basePath))
        let links = LinkChecker(targets: index.linkTargets)
        var edits: [Edit] = []
        for (recordIndex, path, hash) in edited {
            let record = index.records[recordIndex]
            guard record.slots != nil, case .regular = FileKind.of(path, within: folder.root) else { return nil }
            var log = DiagnosticLog()
            guard let parsed = loader.parse(record.section, ContentFileScanner.File(path: path, in: folder), reader: reader, log: &log).0, !log.hasErrors,
                  DocumentIndex.surfaceDigests(of: parsed, diagnostics: log.entries).surface == record.surface.surface else { return nil }
            links.check(parsed.document, log: &log)
            guard !log.hasErrors else { return nil }
            edits.append(Edit(record: recordIndex, hash: hash, html: parsed.document.body.html))
        }
        return edits
    }

    // MARK: Writing

    /// The new bytes of every file that shows an edited body; nil if one is not as the index says.
    private func placeBodies(_ edits: [Edit]) -> [ChangedFile]? {
        var byFile: [String: [(slot: DocumentIndex.Slot, text: [UInt8])]] = [:]
        for edit in edits {
            for slot in index.records[edit.record].slots ?? [] {
                byFile[slot.file, default: []].append((slot, Array((slot.escaped ? Escape.xml(edit.html) : edit.html).utf8)))
            }
        }
        var changed: [ChangedFile] = []
        for (file, slots) in byFile.sorted(by: { $0.key < $1.key }) {
            guard let old = FileBytes.contents(of: options.outputFolder + "/" + file) else { return nil }
            let ordered = slots.sorted { $0.slot.range.lowerBound < $1.slot.range.lowerBound }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(old.count + ordered.reduce(0) { $0 + $1.text.count - $1.slot.range.count })
            var replaced: [(old: Range<Int>, new: Range<Int>)] = []
            var copied = 0
            for (slot, text) in ordered {
                guard slot.fileSize == old.count, slot.range.lowerBound >= copied,
                      old.withUnsafeBufferPointer({ DocumentIndex.digest(UnsafeBufferPointer(rebasing: $0[slot.range])) }) == slot.digest
                else { return nil }
                bytes += old[copied..<slot.range.lowerBound]
                replaced.append((slot.range, bytes.count..<bytes.count + text.count))
                bytes += text
                copied = slot.range.upperBound
            }
            bytes += old[copied...]
            // A save that changed nothing leaves the file as it is.
            if bytes != old { changed.append(ChangedFile(path: file, bytes: bytes, replaced: replaced)) }
        }
        return changed
    }

    /// Moves the new files in (each renamed over the old one), then the manifest, then the index:
    /// until the manifest names the new inputs, the next build finds the output unlike the index
    /// and builds in full.
    func write(_ files: [ChangedFile], timings: inout StageTimings, updatedIndex: @escaping @Sendable () -> DocumentIndex) throws(BuildError) {
        // The new index is encoded and written beside the old one while the pages and the
        // manifest go in, and put in place only after them.
        let indexWrite = BackgroundWork { [indexFile] in updatedIndex().writeTemporaryFile(for: indexFile) }
        var start = DispatchTime.now().uptimeNanoseconds
        let output = options.outputFolder
        let staging = (output as NSString).deletingLastPathComponent + "/." + (output as NSString).lastPathComponent + ".sitegen-staging-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do throws(BuildError) {
            guard mkdir(staging, 0o755) == 0 || errno == EEXIST else { throw failure(staging, "cannot create staging folder") }
            @Sendable func install(_ file: ChangedFile, number: Int) throws(BuildError) {
                let temporary = staging + "/\(number)"
                let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { throw failure(temporary, "cannot create file") }
                let written = file.write(to: descriptor)
                close(descriptor)
                guard written, rename(temporary, output + "/" + file.path) == 0 else { throw failure(output + "/" + file.path, "cannot write file") }
            }
            // On every core: a front-matter edit rewrites the timeline and the data files, megabytes each.
            let installed = ParallelMap.map(Array(files.indices)) { number in
                Result { () throws(BuildError) in try install(files[number], number: number) }
            }
            for outcome in installed { try outcome.get() }
            timings.record("write files in place", since: start)
            start = DispatchTime.now().uptimeNanoseconds
            guard let manifest = CacheBytes(mapping: output + "/" + OutputManifest.fileName) else {
                throw failure(output + "/" + OutputManifest.fileName, "cannot read the output's manifest")
            }
            // The rewritten pages lose their keys: the next full build compares them by content
            // instead of trusting keys made from the old files.
            try install(OutputManifest.updating(manifest, fingerprint: fingerprint.value, droppingKeysOf: Set(files.map(\.path))),
                        number: files.count)
            timings.record("update manifest", since: start)
        } catch {
            DocumentIndex.discard(indexWrite.wait())
            throw error
        }
        timings.measure("write index") { DocumentIndex.install(indexWrite.wait(), at: indexFile) }
    }

    /// The index as this build leaves the output: new hashes for the edited files, and every slot
    /// in a rewritten file moved by what was replaced before it.
    private func updatedIndex(_ files: [ChangedFile], _ edits: [Edit]) -> DocumentIndex {
        var updated = index
        updated.fingerprint = fingerprint.value
        updated.entryHashes = sortedEntryHashes
        for edit in edits { updated.updateRecord(edit.record) { $0.entryHash = edit.hash } }
        updated.moveSlots(in: files)
        return updated
    }

    private func failure(_ path: String, _ message: String) -> BuildError {
        BuildError(Diagnostic(path: options.pathDisplay.display(path), message: message))
    }
}

extension ParsedFile {
    var document: ContentDocument {
        switch self {
        case .activity(let activity): activity.document
        case .partner(let partner): partner.document
        case .actionPlan(let plan): plan.document
        case .page(let page): page.document
        }
    }
}
