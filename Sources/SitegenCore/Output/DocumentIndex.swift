import Foundation

/// `.NAME.sitegen-index`, beside the output like the content cache (it names input paths, so it is
/// never published): for each content document, a digest of what the rest of the site takes from
/// it, and where its body lies in the files that show it, and the activities' order. With it, an
/// edit of a body alone is written into those files without loading the site again
/// (`BodyEditBuild`), and so is an edit of what an activity shows (`FrontMatterEditBuild`). It
/// describes the output whose manifest carries the same inputs digest, and is ignored otherwise.
struct DocumentIndex: Sendable {
    static let formatVersion = 3

    /// Where a body lies in one output file; the bytes there are checked against `digest` before
    /// they are replaced.
    struct Slot: Sendable, Equatable {
        /// Relative to the output folder.
        var file: String
        var range: Range<Int>
        var fileSize: Int
        var digest: UInt64
        /// XML-escaped, as in the Atom feed, rather than verbatim.
        var escaped: Bool
    }

    struct Record: Sendable {
        /// Absolute, as the inputs walk names it.
        var path: String
        var section: ContentFolder.Section
        /// The walk's hash of the file's path and key.
        var entryHash: UInt64
        /// `surfaceDigests` of what the file parsed to.
        var surface: Surface
        /// Every place the body is shown; nil when one of them cannot be replaced in place.
        var slots: [Slot]?
    }

    /// Drawn anew each time the whole index is written; a changes file names the index it goes with by it.
    var id = UInt64.random(in: .min ... .max)
    /// The inputs digest of the build this index describes, as its manifest has it.
    var fingerprint: String
    /// `InputFingerprint.header` of that build: the same sitegen, options and folders.
    var walkHeader: UInt64
    /// The base path bodies were rendered with.
    var basePath: String
    /// `ContentCache.context` of that build: base path, how paths are shown, and sitegen.
    var context: String
    var pageCount: Int
    var fileCount: Int
    /// Every entry the inputs walk found, sorted.
    var entryHashes: [UInt64]
    /// The published activities' ids in timeline order, each between line breaks (`"\nA\nB\n"`):
    /// where an activity's neighbours are. Empty when an id has a line break.
    var timeline: [UInt8]
    /// The list entries and data rows of activities whose front matter a `FrontMatterEditBuild`
    /// wrote in place since the last full build, by id: the content cache has the older ones.
    var fragmentOverrides: [String: ActivityFragments] = [:]
    let warnings: [Diagnostic]
    /// `Site.linkTargets`: read from an index file on another core, while an edit in place finds
    /// and parses the edited files (10,000 paths and their headings took 3 ms).
    var linkTargets: [String: Set<String>?] { linkTargetsRead.wait() }
    private let linkTargetsRead: BackgroundWork<[String: Set<String>?]>
    private(set) var records: [Record]
    /// The file this index was read from, and where its parts lie in it: what a body edit leaves
    /// as it was is written back byte for byte instead of encoded again.
    typealias Source = (bytes: CacheBytes, timeline: Range<Int>, warningsAndTargets: Range<Int>, records: [Range<Int>])
    var source: Source?
    /// Records changed since the index file was written (`DocumentIndex+Changes`).
    var changedRecords: Set<Int> = []

    init(fingerprint: String, walkHeader: UInt64, basePath: String, context: String, pageCount: Int, fileCount: Int,
         entryHashes: [UInt64], timeline: [UInt8], warnings: [Diagnostic], linkTargets: [String: Set<String>?], records: [Record]) {
        self.fingerprint = fingerprint
        self.walkHeader = walkHeader
        self.basePath = basePath
        self.context = context
        self.pageCount = pageCount
        self.fileCount = fileCount
        self.entryHashes = entryHashes
        self.timeline = timeline
        self.warnings = warnings
        linkTargetsRead = BackgroundWork(done: linkTargets)
        self.records = records
    }

    /// Changes a record, which is then encoded again when the index is written.
    mutating func updateRecord(_ index: Int, _ change: (inout Record) -> Void) {
        change(&records[index])
        changedRecords.insert(index)
    }

    /// Beside the output, not in it: `public/` gets `.public.sitegen-index`.
    static func file(for options: BuildOptions) -> String { options.fileBesideOutput("sitegen-index") }

    /// Digests of what a document gives pages other than its own.
    struct Surface: Sendable, Equatable {
        /// All of it, and the diagnostics it gave: the model with the body reduced to its
        /// headings, first paragraph and whether it is empty.
        var surface: UInt64
        /// For an activity, only what places it on other pages (`Activity.encodeSurface`);
        /// for other documents the same as `surface`.
        var placement: UInt64
    }

    static func surfaceDigests(of parsed: ParsedFile, diagnostics: [Diagnostic]) -> Surface {
        var writer = CacheWriter(digesting: ())
        writer.writesSurfaceOnly = true
        writer.write(parsed)
        writer.write(diagnostics)
        return Surface(surface: writer.digest, placement: writer.placementDigest ?? writer.digest)
    }

    /// `timeline` for activities with these ids, in order.
    static func timeline(of ids: some Sequence<String>) -> [UInt8] {
        var bytes: [UInt8] = [0x0A]
        for id in ids {
            guard !id.utf8.contains(0x0A) else { return [] }
            bytes += id.utf8
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Where `id` is in `timeline` (counted from 0), and the ids before and after it, up to
    /// `count` on each side, nearest first; nil when `id` is not there.
    func neighbours(of id: String, count: Int) -> (position: Int, newer: [String], older: [String])? {
        let needle = [0x0A] + Array(id.utf8) + [0x0A]
        guard let found = ByteSearch.first(needle, in: timeline) else { return nil }
        var newer: [String] = [], older: [String] = []
        var end = found  // the line break before the id
        while newer.count < count, end > 0 {
            var start = end - 1
            while start > 0, timeline[start - 1] != 0x0A { start -= 1 }
            newer.append(String(decoding: timeline[start..<end], as: UTF8.self))
            end = start - 1
        }
        var start = found + needle.count  // after the line break that ends the id
        while older.count < count, start < timeline.count {
            var stop = start
            while timeline[stop] != 0x0A { stop += 1 }
            older.append(String(decoding: timeline[start..<stop], as: UTF8.self))
            start = stop + 1
        }
        return (timeline[..<found].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }, newer, older)
    }

    /// A digest of a body's bytes in an output file, eight bytes at a time: every page's body is
    /// hashed as the page is written.
    static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < raw.count {
            tail = tail << 8 | UInt64(raw[offset])
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }

    // MARK: Reading and writing

    /// The index at `path`, if this version of sitegen wrote it and it is whole, with the changes
    /// file beside it applied when that goes with it (without them the index describes an older
    /// output than the manifest does, and is not used).
    static func read(from path: String) -> DocumentIndex? {
        guard let bytes = CacheBytes(mapping: path) else { return nil }
        var reader = CacheReader(bytes.buffer)
        guard var index = try? DocumentIndex(from: &reader, source: bytes) else { return nil }
        if let changes = CacheBytes(mapping: changesFile(for: path)) { try? index.apply(changes) }
        return index
    }
}

extension DocumentIndex {
    /// What an index file and a changes file both hold after their id (`DocumentIndex+Changes`).
    typealias Head = (fingerprint: String, walkHeader: UInt64, basePath: String, context: String, pageCount: Int, fileCount: Int,
                      entryHashes: [UInt64])

    func writeHead(to writer: inout CacheWriter) {
        writer.write(fingerprint)
        writer.write(Int64(bitPattern: walkHeader))
        writer.write(basePath)
        writer.write(context)
        writer.write(pageCount)
        writer.write(fileCount)
        writer.write(entryHashes.count)
        for hash in entryHashes { writer.write(Int64(bitPattern: hash)) }
    }

    static func readHead(_ reader: inout CacheReader) throws(CacheReader.Corrupt) -> Head {
        let fingerprint = try reader.string()
        let walkHeader = UInt64(bitPattern: try reader.int64())
        let basePath = try reader.string(), context = try reader.string()
        let pageCount = try reader.int(), fileCount = try reader.int()
        let hashCount = try reader.count()
        var entryHashes: [UInt64] = []
        entryHashes.reserveCapacity(hashCount)
        for _ in 0..<hashCount { entryHashes.append(UInt64(bitPattern: try reader.int64())) }
        return (fingerprint, walkHeader, basePath, context, pageCount, fileCount, entryHashes)
    }

    /// The timeline as read from a file: empty, or ids between line breaks.
    static func readTimeline(_ reader: inout CacheReader) throws(CacheReader.Corrupt) -> [UInt8] {
        let timeline = try reader.rawBytes()
        guard timeline.isEmpty || (timeline.first == 0x0A && timeline.last == 0x0A) else { throw CacheReader.Corrupt() }
        return timeline
    }

    func writeFragmentOverrides(to writer: inout CacheWriter) {
        writer.write(fragmentOverrides.count)
        for (id, fragments) in fragmentOverrides.sorted(by: { $0.key < $1.key }) {
            writer.write(id)
            writer.write(fragments)
        }
    }

    static func readFragmentOverrides(_ reader: inout CacheReader) throws(CacheReader.Corrupt) -> [String: ActivityFragments] {
        var overrides: [String: ActivityFragments] = [:]
        for _ in 0..<(try reader.count()) {
            let id = try reader.string()
            overrides[id] = try reader.read(ActivityFragments.self)
        }
        return overrides
    }
}

extension DocumentIndex: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(Self.formatVersion)
        writer.write(Int64(bitPattern: id))
        writeHead(to: &writer)
        writer.write(bytes: timeline)
        writeFragmentOverrides(to: &writer)
        if let source {
            writer.append(CacheBytes.Slice(bytes: source.bytes, range: source.warningsAndTargets))
        } else {
            writer.write(warnings)
            writer.write(linkTargets.count)
            for (path, anchors) in linkTargets {
                writer.write(path)
                writer.write(anchors != nil)
                if let anchors { writer.write(Array(anchors)) }
            }
        }
        writer.write(records.count)
        guard let source else {
            for record in records { writer.write(record) }
            return
        }
        // Unchanged records that lie one after another in the file read are written back as one
        // piece: an index written whole after edits in place is still mostly the file read.
        var unchanged: Range<Int>?
        for (index, record) in records.enumerated() {
            guard changedRecords.contains(index) else {
                let range = source.records[index]
                if let run = unchanged, run.upperBound == range.lowerBound {
                    unchanged = run.lowerBound..<range.upperBound
                } else {
                    if let run = unchanged { writer.append(CacheBytes.Slice(bytes: source.bytes, range: run)) }
                    unchanged = range
                }
                continue
            }
            if let run = unchanged { writer.append(CacheBytes.Slice(bytes: source.bytes, range: run)) }
            unchanged = nil
            writer.write(record)
        }
        if let run = unchanged { writer.append(CacheBytes.Slice(bytes: source.bytes, range: run)) }
    }

    /// The link targets as `encode` wrote them, which must fill `buffer`; already checked to be whole.
    private static func linkTargets(_ buffer: UnsafeBufferPointer<UInt8>) throws(CacheReader.Corrupt) -> [String: Set<String>?] {
        var reader = CacheReader(buffer)
        let count = try reader.count()
        var targets: [String: Set<String>?] = Dictionary(minimumCapacity: count)
        for _ in 0..<count {
            let path = try reader.string()
            targets[path] = try reader.bool() ? .some(Set(try reader.array(String.self))) : .some(nil)
        }
        guard reader.isAtEnd else { throw CacheReader.Corrupt() }
        return targets
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        try self.init(from: &reader, source: nil)
    }

    private init(from reader: inout CacheReader, source bytes: CacheBytes?) throws(CacheReader.Corrupt) {
        guard try reader.int() == Self.formatVersion else { throw CacheReader.Corrupt() }
        id = UInt64(bitPattern: try reader.int64())
        (fingerprint, walkHeader, basePath, context, pageCount, fileCount, entryHashes) = try Self.readHead(&reader)
        let timelineStart = reader.position
        timeline = try Self.readTimeline(&reader)
        let timelineBytes = timelineStart..<reader.position
        fragmentOverrides = try Self.readFragmentOverrides(&reader)
        let middleStart = reader.position
        warnings = try reader.array()
        // Read past here, decoded apart (`linkTargets`) from the bytes, which the index keeps.
        let targetsStart = reader.position
        for _ in 0..<(try reader.count()) {
            _ = try reader.rawRange()
            if try reader.bool() {
                for _ in 0..<(try reader.count()) { _ = try reader.rawRange() }
            }
        }
        let targets = targetsStart..<reader.position
        if let bytes {
            linkTargetsRead = BackgroundWork { (try? Self.linkTargets(UnsafeBufferPointer(rebasing: bytes.buffer[targets]))) ?? [:] }
        } else {
            linkTargetsRead = BackgroundWork(done: try Self.linkTargets(UnsafeBufferPointer(rebasing: reader.buffer[targets])))
        }
        let middle = middleStart..<reader.position
        let recordCount = try reader.count()
        records = []
        records.reserveCapacity(recordCount)
        var recordBytes: [Range<Int>] = []
        recordBytes.reserveCapacity(recordCount)
        for _ in 0..<recordCount {
            let start = reader.position
            records.append(try reader.read())
            recordBytes.append(start..<reader.position)
        }
        guard reader.isAtEnd else { throw CacheReader.Corrupt() }
        source = bytes.map { ($0, timelineBytes, middle, recordBytes) }
    }
}

extension DocumentIndex.Record: CacheCodable {
    typealias Surface = DocumentIndex.Surface

    func encode(to writer: inout CacheWriter) {
        writer.write(path)
        writer.write(section.rawValue)
        writer.write(Int64(bitPattern: entryHash))
        writer.write(Int64(bitPattern: surface.surface))
        writer.write(Int64(bitPattern: surface.placement))
        writer.write(slots)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        path = try reader.string()
        guard let section = ContentFolder.Section(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
        self.section = section
        entryHash = UInt64(bitPattern: try reader.int64())
        surface = Surface(surface: UInt64(bitPattern: try reader.int64()), placement: UInt64(bitPattern: try reader.int64()))
        slots = try reader.bool() ? try reader.array() : nil
    }
}

extension DocumentIndex.Slot: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(file)
        writer.write(range.lowerBound)
        writer.write(range.count)
        writer.write(fileSize)
        writer.write(Int64(bitPattern: digest))
        writer.write(escaped)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        file = try reader.string()
        let start = try reader.int(), count = try reader.int()
        fileSize = try reader.int()
        // Compared without adding: a damaged index's numbers can be anything, and a sum overflowed.
        guard start >= 0, count >= 0, start <= fileSize, count <= fileSize - start else { throw CacheReader.Corrupt() }
        range = start..<start + count
        digest = UInt64(bitPattern: try reader.int64())
        escaped = try reader.bool()
    }
}

extension Array: CacheCodable where Element: CacheCodable {
    func encode(to writer: inout CacheWriter) { writer.write(self) }
    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) { self = try reader.array() }
}
