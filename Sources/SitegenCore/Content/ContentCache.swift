import Foundation

/// What each content file parsed to in the last build, keyed by its size, modification time and
/// inode, so a rebuild reads, parses and renders only the files that changed. Kept beside the
/// output folder (never inside it, where it would be published), written whole after a build
/// that parsed much, and otherwise only its changes beside it (`ContentCache+Changes`).
struct ContentCache: Sendable {
    static let formatVersion = 11

    /// A file as `stat` sees it: any edit, replacement or move changes one of these.
    struct FileKey: Sendable, Equatable {
        var size: Int64
        var modified: Int64
        var inode: UInt64

        init(size: Int64, modified: Int64, inode: UInt64) {
            self.size = size
            self.modified = modified
            self.inode = inode
        }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(info)
        }

        init(_ info: stat) {
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            inode = UInt64(info.st_ino)
        }
    }

    /// A class: ten thousand entries pass from the cache through the loader on every rebuild,
    /// and copying a struct of them retained each of its fields.
    final class Entry: Sendable {
        /// Nil when the file could not be examined; such an entry is never reused.
        let key: FileKey?
        let parsed: ParsedFile?
        let diagnostics: [Diagnostic]
        /// `DocumentIndex.surfaceDigests` of `parsed` and `diagnostics`, worked out as the file is parsed.
        let surface: DocumentIndex.Surface
        /// `parsed`'s section, kept apart: reading it from `parsed` copied the model.
        let section: ContentFolder.Section?

        init(key: FileKey?, parsed: ParsedFile?, diagnostics: [Diagnostic], surface: DocumentIndex.Surface) {
            self.key = key
            self.parsed = parsed
            self.diagnostics = diagnostics
            self.surface = surface
            section = parsed?.section
        }

        convenience init(key: FileKey?, parsed: ParsedFile?, diagnostics: [Diagnostic]) {
            self.init(key: key, parsed: parsed, diagnostics: diagnostics,
                      surface: parsed.map { DocumentIndex.surfaceDigests(of: $0, diagnostics: diagnostics) } ?? DocumentIndex.Surface(surface: 0, placement: 0))
        }
    }

    /// What parsing depends on besides the file: the base path links get, how paths are shown,
    /// and the sitegen executable.
    var context: String
    /// By absolute path.
    var entries: [String: Entry] = [:]
    /// Each activity's list entry and data rows by id, with the key of what they were built from.
    var fragments: [String: ActivityFragments] = [:]
    /// The digest of the link targets every cached body was checked against (`LinkChecker.digest`).
    var linkTargetsDigest: UInt64 = 0
    /// The paths, as shown, of the documents this load took from the cache; not stored.
    var reusedDocuments: Set<String> = []
    /// Each entry and fragment set as it was read, with its key: written back unchanged while the
    /// key is the same, which saves encoding the whole cache again after a one-file edit.
    var encodedEntries: [String: (key: FileKey, bytes: CacheBytes.Slice)] = [:]
    var encodedFragments: [String: (key: String, bytes: CacheBytes.Slice)] = [:]
    /// The cache file this cache was read from, if any: what a build that changed little writes
    /// next is only what differs from it (`ContentCache+Changes`).
    var file: File?

    struct File: Sendable {
        /// Written into the file, new each time a whole cache is written: a changes file names the
        /// cache file it goes with.
        let id: UInt64
        let bytes: CacheBytes
    }

    /// The running sitegen executable, by size and time: output and cache of another build of
    /// sitegen are not trusted.
    static let executableIdentity = FileKey(path: "/proc/self/exe").map { "\($0.size).\($0.modified)" } ?? "?"

    /// What parsing depends on besides the file: `context`.
    static func context(basePath: String, folder: ContentFolder) -> String {
        "\(basePath)|\(folder.display(folder.root))|\(executableIdentity)"
    }

    init(context: String) {
        self.context = context
    }

    func entry(for path: String, key: FileKey?) -> Entry? {
        guard let key, let entry = entries[path], entry.key == key else { return nil }
        return entry
    }

    /// The cache at `path` with the changes file beside it, if this version of sitegen wrote it.
    static func read(from path: String) -> ContentCache? {
        guard let bytes = CacheBytes(mapping: path) else { return nil }
        return try? ContentCache(decoding: bytes, changes: CacheBytes(mapping: changesFile(for: path)))
    }

}

/// One content file's model.
enum ParsedFile: Sendable {
    case activity(Activity)
    case partner(Partner)
    case actionPlan(ActionPlan)
    case page(Page)
}
