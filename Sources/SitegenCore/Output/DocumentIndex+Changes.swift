import Foundation

/// `.NAME.sitegen-index-changes`, beside the index file: what the edits in place since the index
/// file was written changed in it — the inputs digest and hashes, the list entries and rows
/// written in place, and the records whose bodies moved or changed. Writing the whole index again
/// after each edit (4 MB at 10,000 activities) was a sixth of the bytes a title edit wrote.
/// It names the index file it goes with (`id`). Beside another one, or damaged, it is left out:
/// the index file alone then describes an older output than the manifest does, and the next
/// build, finding them unlike, builds in full.
extension DocumentIndex {
    static let changesFormatVersion = 1

    static func changesFile(for indexFile: String) -> String { indexFile + "-changes" }

    /// What `writeTemporaryFile` wrote, for `install`.
    enum Written: Sendable {
        /// A whole index: the changes file beside it, which went with the one before, is removed.
        case whole(String)
        /// The changes since the index file, which stays.
        case changes(String)
    }

    /// More changed records than this and the whole index is written again.
    var changesLimit: Int { max(64, records.count / 32) }

    /// Writes the index, or only its changes since the index file it was read from when they are
    /// few, to a temporary file beside `path` (the index file), for `install` once the build is in place.
    func writeTemporaryFile(for path: String) -> Written? {
        if let source, changedRecords.count <= changesLimit {
            return CacheWriter.writeTemporaryFile(for: Self.changesFile(for: path)) { encodeChanges(since: source, to: &$0) }
                .map(Written.changes)
        }
        var whole = self
        whole.id = UInt64.random(in: .min ... .max)
        return CacheWriter.writeTemporaryFile(for: path) { whole.encode(to: &$0) }.map(Written.whole)
    }

    /// Renamed into place, so a reader never sees half an index; with nothing written, no index is left.
    static func install(_ written: Written?, at path: String) {
        let changes = changesFile(for: path)
        switch written {
        case .whole(let temporary):
            if rename(temporary, path) != 0 {
                unlink(temporary)
                unlink(path)
            }
            unlink(changes)
        case .changes(let temporary):
            if rename(temporary, changes) != 0 {
                unlink(temporary)
                unlink(changes)
            }
        case nil:
            unlink(path)
            unlink(changes)
        }
    }

    /// A temporary file `writeTemporaryFile` wrote, removed after a failed build.
    static func discard(_ written: Written?) {
        switch written {
        case .whole(let temporary), .changes(let temporary): unlink(temporary)
        case nil: break
        }
    }

    /// Layout: format, the index file's id; its head as `encode` writes it, the timeline only when
    /// it differs from the index file's; the list entries and rows written in place; the changed
    /// records, each with its place. Warnings and link targets are always the index file's: an
    /// edit in place changes neither.
    private func encodeChanges(since source: Source, to writer: inout CacheWriter) {
        writer.write(Self.changesFormatVersion)
        writer.write(Int64(bitPattern: id))
        writeHead(to: &writer)
        let sameTimeline = timeline.withUnsafeBufferPointer { timeline in
            // The file holds the timeline's length, then its bytes.
            let stored = UnsafeBufferPointer(rebasing: source.bytes.buffer[source.timeline.lowerBound + 8..<source.timeline.upperBound])
            return stored.count == timeline.count && (timeline.isEmpty || memcmp(stored.baseAddress!, timeline.baseAddress!, timeline.count) == 0)
        }
        writer.write(!sameTimeline)
        if !sameTimeline { writer.write(bytes: timeline) }
        writeFragmentOverrides(to: &writer)
        let changed = changedRecords.sorted()
        writer.write(changed.count)
        for index in changed {
            writer.write(index)
            writer.write(records[index])
        }
    }

    /// Applies a changes file written for this index file; throws, changing nothing, if it was
    /// written for another or is damaged.
    mutating func apply(_ changes: CacheBytes) throws(CacheReader.Corrupt) {
        var reader = CacheReader(changes.buffer)
        guard source != nil, try reader.int() == Self.changesFormatVersion, UInt64(bitPattern: try reader.int64()) == id else {
            throw CacheReader.Corrupt()
        }
        // Read whole before anything is applied.
        let head = try Self.readHead(&reader)
        let timeline = try reader.bool() ? try Self.readTimeline(&reader) : nil
        let fragmentOverrides = try Self.readFragmentOverrides(&reader)
        var changed: [(index: Int, record: Record)] = []
        for _ in 0..<(try reader.count()) {
            let index = try reader.int()
            guard records.indices.contains(index) else { throw CacheReader.Corrupt() }
            changed.append((index, try reader.read()))
        }
        guard reader.isAtEnd else { throw CacheReader.Corrupt() }

        (fingerprint, walkHeader, basePath, context, pageCount, fileCount, entryHashes) = head
        if let timeline { self.timeline = timeline }
        self.fragmentOverrides = fragmentOverrides
        for (index, record) in changed { updateRecord(index) { $0 = record } }
    }
}
