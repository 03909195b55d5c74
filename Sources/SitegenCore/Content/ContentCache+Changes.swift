import Foundation

/// `.NAME.sitegen-cache-changes`, beside the cache file: what a build that parsed few files again
/// changed since the cache file was written. Writing the whole cache again after a title edit
/// (37 MB at 10,000 activities) took longer than rendering the pages the edit changed; the
/// changes file holds only the entries and fragment sets that differ from the cache file's, and
/// the paths and ids it no longer has. It names the cache file it goes with (`File.id`): beside
/// another one it is ignored, and the cache is what the cache file says on its own. That is
/// never wrong, only older, since every entry and fragment set is checked against its key
/// before it is reused.
extension ContentCache {
    static let changesFormatVersion = 1

    /// More changes than this (entries and fragment sets, changed or gone) and the whole cache is written again.
    var changesLimit: Int { max(64, (entries.count + fragments.count) / 32) }

    static func changesFile(for cacheFile: String) -> String { cacheFile + "-changes" }

    /// What `writeTemporaryFile` wrote, for `install`.
    enum Written: Sendable {
        /// A whole cache: the changes file beside it, which went with the one before, is removed.
        case whole(String)
        /// The changes since the cache file, which stays.
        case changes(String)
    }

    /// The cache `bytes` with the changes file `changes` applied, if that goes with it.
    init(decoding bytes: CacheBytes, changes: CacheBytes?) throws(CacheReader.Corrupt) {
        try self.init(decoding: bytes)
        // A changes file that does not go with this cache file, or is damaged, is left out.
        if let changes, let file { try? apply(changes, toFile: file.id) }
    }

    /// Writes the cache, or only its changes since the cache file it was read from when they are
    /// few, to a temporary file beside `path` (the cache file), for `install` once the build has succeeded.
    func writeTemporaryFile(for path: String) -> Written? {
        if let file, let changes = changesSince(file), changes.count <= changesLimit {
            return CacheWriter.writeTemporaryFile(for: Self.changesFile(for: path)) { encode(changes, of: file, to: &$0) }.map(Written.changes)
        }
        return CacheWriter.writeTemporaryFile(for: path) { encode(to: &$0) }.map(Written.whole)
    }

    /// Renames what `writeTemporaryFile` wrote into place, so a reader never sees half of it.
    static func install(_ written: Written, at path: String) {
        switch written {
        case .whole(let temporary):
            CacheWriter.install(temporary, at: path)
            // Named after the new cache file, the old changes would be ignored; removed all the same.
            unlink(changesFile(for: path))
        case .changes(let temporary):
            CacheWriter.install(temporary, at: changesFile(for: path))
        }
    }

    /// A temporary file `writeTemporaryFile` wrote, removed after a failed build.
    static func discard(_ written: Written) {
        switch written {
        case .whole(let temporary), .changes(let temporary): unlink(temporary)
        }
    }

    // MARK: Changes

    struct Changes {
        var entries: [String] = []
        var removedEntries: [String] = []
        var fragments: [String] = []
        var removedFragments: [String] = []

        var count: Int { entries.count + removedEntries.count + fragments.count + removedFragments.count }
    }

    /// What differs from `file`: entries and fragment sets not read from it with their present
    /// key, and what it has that this cache does not. Nil if an entry was never examined, which
    /// only a whole cache records.
    func changesSince(_ file: File) -> Changes? {
        var changes = Changes()
        for (path, entry) in entries {
            guard let key = entry.key else { return nil }
            if let encoded = encodedEntries[path], encoded.key == key, encoded.bytes.bytes === file.bytes { continue }
            changes.entries.append(path)
        }
        for (path, encoded) in encodedEntries where encoded.bytes.bytes === file.bytes && entries[path] == nil {
            changes.removedEntries.append(path)
        }
        for (id, fragment) in fragments {
            if !fragment.key.isEmpty, let encoded = encodedFragments[id], encoded.key == fragment.key,
               encoded.bytes.bytes === file.bytes { continue }
            changes.fragments.append(id)
        }
        for (id, encoded) in encodedFragments where encoded.bytes.bytes === file.bytes && fragments[id] == nil {
            changes.removedFragments.append(id)
        }
        return changes
    }

    /// Layout: format, the cache file's id, context, link-targets digest; the changed entries
    /// (path and entry), the removed paths, the changed fragment sets (id and fragments), the removed ids.
    private func encode(_ changes: Changes, of file: File, to writer: inout CacheWriter) {
        writer.write(Self.changesFormatVersion)
        writer.write(Int64(bitPattern: file.id))
        writer.write(context)
        writer.write(Int64(bitPattern: linkTargetsDigest))
        // Records carried over from the changes file before are written back as they were read.
        writer.write(changes.entries.count)
        for path in changes.entries { writeRecord(path, entries[path]!, to: &writer) }
        writer.write(changes.removedEntries)
        writer.write(changes.fragments.count)
        for id in changes.fragments { writeRecord(id, fragments[id]!, to: &writer) }
        writer.write(changes.removedFragments)
    }

    private mutating func apply(_ changes: CacheBytes, toFile id: UInt64) throws(CacheReader.Corrupt) {
        var reader = CacheReader(changes.buffer, owner: changes)
        guard try reader.int() == Self.changesFormatVersion, UInt64(bitPattern: try reader.int64()) == id,
              try reader.string() == context else { throw CacheReader.Corrupt() }
        // Read whole before anything is applied: a damaged file changes nothing.
        let digest = UInt64(bitPattern: try reader.int64())
        var changedEntries: [(String, Entry, Range<Int>)] = []
        for _ in 0..<(try reader.count()) { changedEntries.append(try reader.record()) }
        let removedEntries: [String] = try reader.array()
        var changedFragments: [(String, ActivityFragments, Range<Int>)] = []
        for _ in 0..<(try reader.count()) { changedFragments.append(try reader.record()) }
        let removedFragments: [String] = try reader.array()
        guard reader.isAtEnd else { throw CacheReader.Corrupt() }

        linkTargetsDigest = digest
        for (path, entry, range) in changedEntries {
            entries[path] = entry
            encodedEntries[path] = entry.key.map { ($0, CacheBytes.Slice(bytes: changes, range: range)) }
        }
        for path in removedEntries {
            entries[path] = nil
            encodedEntries[path] = nil
        }
        for (id, fragment, range) in changedFragments {
            fragments[id] = fragment
            encodedFragments[id] = (fragment.key, CacheBytes.Slice(bytes: changes, range: range))
        }
        for id in removedFragments {
            fragments[id] = nil
            encodedFragments[id] = nil
        }
    }
}

extension ActivityFragments: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        // Raw bytes are written as strings are: length first.
        writer.write(key)
        for part in [listHTML, jsonRow, csvRow, searchRow] { writer.write(bytes: part) }
    }

    convenience init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(key: try reader.string(), listHTML: try reader.rawBytes(), jsonRow: try reader.rawBytes(),
                  csvRow: try reader.rawBytes(), searchRow: try reader.rawBytes())
    }
}
