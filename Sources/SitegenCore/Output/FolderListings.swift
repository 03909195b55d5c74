import Foundation

/// `.NAME.sitegen-listings`, beside the output like the content cache: the names in each large
/// input folder as a build last read them, with the folder as it was then. Reading a folder of
/// 10,000 files took 4 of the 20 ms of an up-to-date build. Adding, removing or renaming an entry
/// changes the folder's modification and change times, so a folder whose times and inode are
/// those recorded has the same names; a folder changed shortly before it was read is read again
/// next time, since a change soon after could fall within the same tick of the file system's clock.
struct FolderListings: Sendable {
    /// Folders with fewer entries are read each time: reading them costs next to nothing.
    static let minimumEntries = 256
    /// How much older than its listing a folder's last change must be for the listing to be kept.
    static let settleNanoseconds: Int64 = 2_000_000_000
    static let formatVersion = 1

    /// A folder as `fstat` sees it: any change to its entries changes one of these.
    struct Identity: Sendable, Equatable {
        var inode: UInt64
        var modified: Int64
        var changed: Int64

        init(_ info: stat) {
            inode = UInt64(info.st_ino)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        }

        init(inode: UInt64, modified: Int64, changed: Int64) {
            self.inode = inode
            self.modified = modified
            self.changed = changed
        }
    }

    struct Listing: Sendable {
        var identity: Identity
        /// Each name, ending in a NUL, one after another, in the order read.
        let names: NameBytes
        /// Where each name starts in the names.
        var starts: [Int]
        /// Whether each entry is a plain file, as the folder listing said.
        var isRegularFile: [Bool]
    }

    /// By folder path, as the walk names folders.
    private(set) var listings: [String: Listing] = [:]

    /// The listing of `folder` if it still holds: read while the folder had `identity`, and that
    /// identity older than the listing by the settling time.
    func listing(of folder: String, identity: Identity) -> Listing? {
        guard let listing = listings[folder], listing.identity == identity else { return nil }
        return listing
    }

    /// Records what a walk read of `folder` at `readAt` (nanoseconds since 1970), if it is worth
    /// keeping and settled enough to be trusted later: `names` as the walk holds them, `starts`
    /// where each begins in the walk's whole buffer. Returns whether it was kept.
    @discardableResult
    mutating func record(_ folder: String, identity: Identity, names: ArraySlice<UInt8>, starts: [Int], isRegularFile: [Bool],
                         readAt: Int64) -> Bool {
        guard isRegularFile.count >= Self.minimumEntries,
              max(identity.modified, identity.changed) < readAt - Self.settleNanoseconds else { return false }
        let first = names.startIndex
        listings[folder] = Listing(identity: identity, names: NameBytes(Array(names)), starts: starts.map { $0 - first }, isRegularFile: isRegularFile)
        return true
    }

    /// Kept from the last build unchanged.
    mutating func keep(_ folder: String, _ listing: Listing) {
        listings[folder] = listing
    }

    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Beside the output, not in it: `public/` gets `.public.sitegen-listings`.
    static func file(for options: BuildOptions) -> String { options.fileBesideOutput("sitegen-listings") }

    static func read(from path: String) -> FolderListings? {
        guard let bytes = CacheBytes(mapping: path) else { return nil }
        var reader = CacheReader(bytes.buffer)
        return try? FolderListings(from: &reader, mapped: bytes)
    }

    /// Written whole beside `path` and renamed over it, so a reader never sees half of it.
    func install(at path: String) {
        guard let temporary = CacheWriter.writeTemporaryFile(for: path, { encode(to: &$0) }) else { return }
        CacheWriter.install(temporary, at: path)
    }

    init() {}

    private func encode(to writer: inout CacheWriter) {
        writer.write(Self.formatVersion)
        writer.write(listings.count)
        for (folder, listing) in listings {
            writer.write(folder)
            writer.write(Int64(bitPattern: listing.identity.inode))
            writer.write(listing.identity.modified)
            writer.write(listing.identity.changed)
            listing.names.withBytes { writer.write(bytes: $0) }
            writer.write(listing.starts)
            writer.write(bytes: listing.isRegularFile.map { $0 ? 1 : 0 })
        }
    }

    private init(from reader: inout CacheReader, mapped bytes: CacheBytes) throws(CacheReader.Corrupt) {
        guard try reader.int() == Self.formatVersion else { throw CacheReader.Corrupt() }
        for _ in 0..<(try reader.count()) {
            let folder = try reader.string()
            let identity = Identity(inode: UInt64(bitPattern: try reader.int64()), modified: try reader.int64(), changed: try reader.int64())
            let range = try reader.rawRange()
            let names = UnsafeBufferPointer(rebasing: bytes.buffer[range])
            let starts: [Int] = try reader.array()
            let isRegularFile = try reader.rawBytes().map { $0 != 0 }
            // Names follow one another, each after the NUL ending the one before, the last ending the
            // bytes: anything else is damage.
            guard starts.count == isRegularFile.count, names.isEmpty ? starts.isEmpty : names.last == 0 && starts.first == 0,
                  starts.indices.allSatisfy({ index in
                      let start = starts[index], end = index + 1 < starts.count ? starts[index + 1] : names.count
                      return start < end && end <= names.count && names[end - 1] == 0
                  }) else { throw CacheReader.Corrupt() }
            listings[folder] = Listing(identity: identity, names: NameBytes(CacheBytes.Slice(bytes: bytes, range: range)), starts: starts,
                                       isRegularFile: isRegularFile)
        }
        guard reader.isAtEnd else { throw CacheReader.Corrupt() }
    }
}

/// Names of a folder's entries, each ending in a NUL, one after another: bytes a walk read, or
/// the listings file's as it is mapped. Read into fresh memory and copied out again, the 600 KB
/// of a 10,000-file folder's names took 0.5 ms before an up-to-date build's walk could begin.
struct NameBytes: Sendable {
    private enum Storage: Sendable {
        case bytes([UInt8])
        case mapped(CacheBytes.Slice)
    }

    private let storage: Storage

    init(_ bytes: [UInt8]) {
        storage = .bytes(bytes)
    }

    init(_ mapped: CacheBytes.Slice) {
        storage = .mapped(mapped)
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .bytes(let bytes): bytes.withUnsafeBufferPointer(body)
        case .mapped(let slice): body(UnsafeBufferPointer(rebasing: slice.bytes.buffer[slice.range]))
        }
    }

    var count: Int {
        switch storage {
        case .bytes(let bytes): bytes.count
        case .mapped(let slice): slice.range.count
        }
    }

    var array: [UInt8] { withBytes { Array($0) } }
}
