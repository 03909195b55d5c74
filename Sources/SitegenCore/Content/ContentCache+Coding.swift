import Foundation

/// How each part of a parsed content file is stored in the content cache.
///
/// Layout: a header (format, the file's id, context, link-targets digest); the entries, then the fragment
/// sets, each a record of an id and its value; a table of where each run of records starts
/// and how many it holds, and of where each fragment set's record starts by its id's digest;
/// and the table's offset in the last eight bytes. The runs are decoded on every core, which
/// takes the cache off the critical path of a one-file rebuild.
extension ContentCache {
    private static let recordsPerRun = 512

    private struct Run {
        var offset: Int
        var count: Int
    }

    func encode(to writer: inout CacheWriter) {
        writer.write(Self.formatVersion)
        writer.write(Int64(bitPattern: UInt64.random(in: .min ... .max)))
        writer.write(context)
        writer.write(Int64(bitPattern: linkTargetsDigest))
        var entryRuns: [Run] = []
        for (index, (path, entry)) in entries.enumerated() {
            if index % Self.recordsPerRun == 0 { entryRuns.append(Run(offset: writer.position, count: 0)) }
            entryRuns[entryRuns.count - 1].count += 1
            writeRecord(path, entry, to: &writer)
        }
        var fragmentRuns: [Run] = []
        var fragmentOffsets: [(digest: UInt64, offset: Int)] = []
        fragmentOffsets.reserveCapacity(fragments.count)
        for (index, (id, fragment)) in fragments.enumerated() {
            if index % Self.recordsPerRun == 0 { fragmentRuns.append(Run(offset: writer.position, count: 0)) }
            fragmentRuns[fragmentRuns.count - 1].count += 1
            fragmentOffsets.append((Self.idDigest(id), writer.position))
            writeRecord(id, fragment, to: &writer)
        }
        let table = writer.position
        for runs in [entryRuns, fragmentRuns] {
            writer.write(runs.count)
            for run in runs {
                writer.write(run.offset)
                writer.write(run.count)
            }
        }
        // Where each fragment set's record starts, by a digest of its id: an edit in place
        // (`FrontMatterEditBuild`) reads one set without going through ten thousand.
        fragmentOffsets.sort { $0.digest < $1.digest }
        writer.write(fragmentOffsets.count)
        for (digest, offset) in fragmentOffsets {
            writer.write(Int64(bitPattern: digest))
            writer.write(offset)
        }
        writer.write(table)
    }

    private static func idDigest(_ id: String) -> UInt64 { id.withUTF8InPlace { DocumentIndex.digest($0) } }

    /// An entry's record: its path, then the bytes it was read from while its key is the same
    /// (which saves encoding the whole cache again after a one-file edit), else the entry encoded.
    func writeRecord(_ path: String, _ entry: Entry, to writer: inout CacheWriter) {
        writer.write(path)
        if let key = entry.key, let encoded = encodedEntries[path], encoded.key == key {
            writer.append(encoded.bytes)
        } else {
            writer.write(entry)
        }
    }

    /// A fragment set's record, as `writeRecord(_:_:to:)` writes an entry's.
    func writeRecord(_ id: String, _ fragment: ActivityFragments, to writer: inout CacheWriter) {
        writer.write(id)
        if !fragment.key.isEmpty, let encoded = encodedFragments[id], encoded.key == fragment.key {
            writer.append(encoded.bytes)
        } else {
            fragment.encode(to: &writer)
        }
    }

    init(decoding bytes: CacheBytes) throws(CacheReader.Corrupt) {
        try self.init(decoding: bytes.buffer, keeping: bytes)
    }

    init(decoding buffer: UnsafeBufferPointer<UInt8>) throws(CacheReader.Corrupt) {
        try self.init(decoding: buffer, keeping: nil)
    }

    private init(decoding buffer: UnsafeBufferPointer<UInt8>, keeping bytes: CacheBytes?) throws(CacheReader.Corrupt) {
        var reader = CacheReader(buffer)
        guard try reader.int() == Self.formatVersion else { throw CacheReader.Corrupt() }
        let id = UInt64(bitPattern: try reader.int64())
        self.init(context: try reader.string())
        file = bytes.map { File(id: id, bytes: $0) }
        linkTargetsDigest = UInt64(bitPattern: try reader.int64())
        let recordsStart = reader.position
        guard buffer.count - recordsStart >= 8 else { throw CacheReader.Corrupt() }
        var trailer = CacheReader(buffer, at: buffer.count - 8)
        let tableStart = try trailer.int()
        guard tableStart >= recordsStart, tableStart <= buffer.count - 8 else { throw CacheReader.Corrupt() }
        var table = CacheReader(buffer, at: tableStart)
        let entryRuns = try Self.runs(&table), fragmentRuns = try Self.runs(&table)
        let lookupCount = try table.count()
        guard lookupCount <= (buffer.count - 8 - table.position) / 16, table.position + lookupCount * 16 == buffer.count - 8 else {
            throw CacheReader.Corrupt()
        }
        // The runs must tile the records exactly, in order.
        let starts = (entryRuns + fragmentRuns).map(\.offset)
        guard (starts.first ?? tableStart) == recordsStart, zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }),
              (starts.last ?? recordsStart) < tableStart || starts.isEmpty else { throw CacheReader.Corrupt() }
        let ends = Array(starts.dropFirst()) + [tableStart]

        nonisolated(unsafe) let memory = buffer
        let decodedEntries = ParallelMap.map(Array(entryRuns.indices)) { index -> [(String, Entry, Range<Int>)]? in
            try? Self.records(Entry.self, memory, owner: bytes, entryRuns[index], end: ends[index])
        }
        let decodedFragments = ParallelMap.map(Array(fragmentRuns.indices)) { index -> [(String, ActivityFragments, Range<Int>)]? in
            try? Self.records(ActivityFragments.self, memory, owner: bytes, fragmentRuns[index], end: ends[entryRuns.count + index])
        }
        guard !decodedEntries.contains(where: { $0 == nil }), !decodedFragments.contains(where: { $0 == nil }) else {
            throw CacheReader.Corrupt()
        }
        // The entries' tables on one core, the fragments' on the other: 40,000 keys hashed one
        // after another were most of reading the cache.
        let entryRecords = decodedEntries.compactMap { $0 }, fragmentRecords = decodedFragments.compactMap { $0 }
        nonisolated(unsafe) var entryTables: ([String: Entry], [String: (key: FileKey, bytes: CacheBytes.Slice)]) = ([:], [:])
        nonisolated(unsafe) var fragmentTables: ([String: ActivityFragments], [String: (key: String, bytes: CacheBytes.Slice)]) = ([:], [:])
        DispatchQueue.concurrentPerform(iterations: 2) { table in
            if table == 0 {
                entryTables = Self.tables(entryRecords, owner: bytes) { $0.key }
            } else {
                fragmentTables = Self.tables(fragmentRecords, owner: bytes) { $0.key }
            }
        }
        (entries, encodedEntries) = entryTables
        (fragments, encodedFragments) = fragmentTables
    }

    /// The decoded records by id and, when they were read from a cache file (`owner`), each one's
    /// bytes with the key it was encoded under (`key`), to be written back as they are while the
    /// key stays the same. Reserved up front: growing a table of 10,000 ids rehashes every id on the way.
    private static func tables<Value, Key>(_ runs: [[(String, Value, Range<Int>)]], owner: CacheBytes?, key: (Value) -> Key?)
        -> ([String: Value], [String: (key: Key, bytes: CacheBytes.Slice)]) {
        let count = runs.reduce(0) { $0 + $1.count }
        var values: [String: Value] = [:]
        var encoded: [String: (key: Key, bytes: CacheBytes.Slice)] = [:]
        values.reserveCapacity(count)
        if owner != nil { encoded.reserveCapacity(count) }
        for run in runs {
            for (id, value, range) in run {
                values[id] = value
                if let owner, let key = key(value) { encoded[id] = (key, CacheBytes.Slice(bytes: owner, range: range)) }
            }
        }
        return (values, encoded)
    }

    /// One activity's fragment set as the cache file `bytes` has it, with the changes file beside
    /// it applied when it goes with it; found through the table of the sets by their ids' digests,
    /// without decoding anything else.
    static func fragments(of id: String, in bytes: CacheBytes, changes: CacheBytes?) -> ActivityFragments? {
        let wanted = Array(id.utf8)
        let buffer = bytes.buffer
        func named(_ range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            range.count == wanted.count && wanted.elementsEqual(UnsafeBufferPointer(rebasing: buffer[range]))
        }
        do throws(CacheReader.Corrupt) {
            var reader = CacheReader(buffer)
            guard try reader.int() == Self.formatVersion else { return nil }
            let fileID = UInt64(bitPattern: try reader.int64())
            let context = try reader.string()
            if let changes {
                var changed = CacheReader(changes.buffer)
                if (try? changed.int()) == Self.changesFormatVersion, (try? changed.int64()).map({ UInt64(bitPattern: $0) }) == fileID,
                   (try? changed.string()) == context, let change = try? Self.fragmentChange(named: named, in: &changed, buffer: changes.buffer) {
                    switch change {
                    case .changed(let fragments): return fragments
                    case .removed: return nil
                    }
                }
            }
            guard buffer.count >= 8 else { return nil }
            var trailer = CacheReader(buffer, at: buffer.count - 8)
            var table = CacheReader(buffer, at: try trailer.int())
            _ = try Self.runs(&table)
            _ = try Self.runs(&table)
            let count = try table.count(), lookup = table.position
            // The first entry with the id's digest, by bisection; then each with that digest.
            func digest(at index: Int) throws(CacheReader.Corrupt) -> UInt64 {
                var reader = CacheReader(buffer, at: lookup + index * 16)
                return UInt64(bitPattern: try reader.int64())
            }
            let wantedDigest = Self.idDigest(id)
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                if try digest(at: middle) < wantedDigest { low = middle + 1 } else { high = middle }
            }
            while low < count, try digest(at: low) == wantedDigest {
                var entry = CacheReader(buffer, at: lookup + low * 16 + 8)
                let offset = try entry.int()
                guard offset >= 0, offset < lookup else { return nil }
                var record = CacheReader(buffer, at: offset)
                if named(try record.rawRange(), in: buffer) { return try record.read(ActivityFragments.self) }
                low += 1
            }
        } catch {}
        return nil
    }

    private enum FragmentChange {
        case changed(ActivityFragments)
        case removed
    }

    /// What a changes file (read past its header) does to the named fragment set; nil if it leaves it as the cache file has it.
    private static func fragmentChange(named: (Range<Int>, UnsafeBufferPointer<UInt8>) -> Bool, in reader: inout CacheReader,
                                       buffer: UnsafeBufferPointer<UInt8>) throws(CacheReader.Corrupt) -> FragmentChange? {
        _ = try reader.int64()  // the link targets' digest
        for _ in 0..<(try reader.count()) { _ = try reader.record(Entry.self) }
        for _ in 0..<(try reader.count()) { _ = try reader.rawRange() }
        var change: FragmentChange?
        for _ in 0..<(try reader.count()) {
            let matches = named(try reader.rawRange(), buffer)
            let fragments = try reader.read(ActivityFragments.self)
            if matches { change = .changed(fragments) }
        }
        for _ in 0..<(try reader.count()) where named(try reader.rawRange(), buffer) { change = .removed }
        return change
    }

    private static func runs(_ reader: inout CacheReader) throws(CacheReader.Corrupt) -> [Run] {
        let count = try reader.count()
        var runs: [Run] = []
        runs.reserveCapacity(count)
        for _ in 0..<count {
            let run = Run(offset: try reader.int(), count: try reader.int())
            guard run.count > 0, run.count <= recordsPerRun else { throw CacheReader.Corrupt() }
            runs.append(run)
        }
        return runs
    }

    /// The records of one run, each with the byte range of its value; the run must end at `end`.
    private static func records<Value: CacheCodable>(_: Value.Type, _ buffer: UnsafeBufferPointer<UInt8>, owner: CacheBytes?, _ run: Run,
                                                     end: Int) throws(CacheReader.Corrupt) -> [(String, Value, Range<Int>)] {
        guard run.offset >= 0, run.offset < end, end <= buffer.count else { throw CacheReader.Corrupt() }
        var reader = CacheReader(UnsafeBufferPointer(rebasing: buffer[..<end]), at: run.offset, owner: owner)
        var records: [(String, Value, Range<Int>)] = []
        records.reserveCapacity(run.count)
        for _ in 0..<run.count { records.append(try reader.record()) }
        guard reader.position == end else { throw CacheReader.Corrupt() }
        return records
    }
}

extension ContentCache.FileKey: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(size)
        writer.write(modified)
        writer.write(Int64(bitPattern: inode))
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(size: try reader.int64(), modified: try reader.int64(), inode: UInt64(bitPattern: try reader.int64()))
    }
}

extension ContentCache.Entry: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(key)
        writer.write(parsed)
        writer.write(diagnostics)
        writer.write(Int64(bitPattern: surface.surface))
        writer.write(Int64(bitPattern: surface.placement))
    }

    convenience init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(key: try reader.optional(), parsed: try reader.optional(), diagnostics: try reader.array(),
                  surface: DocumentIndex.Surface(surface: UInt64(bitPattern: try reader.int64()), placement: UInt64(bitPattern: try reader.int64())))
    }
}

extension ParsedFile: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        switch self {
        case .activity(let activity): writer.write(0); writer.write(activity)
        case .partner(let partner): writer.write(1); writer.write(partner)
        case .actionPlan(let plan): writer.write(2); writer.write(plan)
        case .page(let page): writer.write(3); writer.write(page)
        }
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        switch try reader.int() {
        case 0: self = .activity(try reader.read())
        case 1: self = .partner(try reader.read())
        case 2: self = .actionPlan(try reader.read())
        case 3: self = .page(try reader.read())
        default: throw CacheReader.Corrupt()
        }
    }
}

extension Activity: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        if writer.writesSurfaceOnly { return encodeSurface(to: &writer) }
        writer.write(document)
        writer.write(title)
        writer.write(date)
        writer.write(endDate)
        writer.write(type)
        writer.write(organizer)
        writer.write(partnerIDs)
        writer.write(location)
        writer.write(source)
        writer.write(summary)
        writer.write(draft)
        let located = partnerLocations.sorted { $0.key < $1.key }
        writer.write(located.map(\.key))
        writer.write(located.map(\.value))
    }

    /// What other pages take from the activity, in two parts: first what places it on them (its
    /// id and file, date, type, partners, headings, whether it is a draft), then what only its
    /// list entry, data rows, feed entry and neighbours' pagers show (`FrontMatterEditBuild`).
    private func encodeSurface(to writer: inout CacheWriter) {
        writer.write(document.id)
        writer.write(document.path)
        writer.write(document.body.isEmpty)
        writer.write(document.body.headingIDs)
        writer.write(date)
        writer.write(type)
        writer.write(partnerIDs)
        writer.write(draft)
        writer.markPlacement()
        writer.write(title)
        writer.write(endDate)
        writer.write(organizer)
        writer.write(location)
        writer.write(source)
        writer.write(summary)
        writer.write(document.body.firstParagraph)
        let located = partnerLocations.sorted { $0.key < $1.key }
        writer.write(located.map(\.key))
        writer.write(located.map(\.value))
    }

    convenience init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let document: ContentDocument = try reader.read(), title = try reader.string(), date: PartialDate = try reader.read()
        let endDate: PartialDate? = try reader.optional(), type = try reader.string(), organizer: String? = try reader.optional()
        let partnerIDs: [String] = try reader.array(), location: String? = try reader.optional()
        let source: String? = try reader.optional(), summary = try reader.string(), draft = try reader.bool()
        let keys: [String] = try reader.array()
        let locations: [SourceLocation] = try reader.array()
        guard keys.count == locations.count else { throw CacheReader.Corrupt() }
        self.init(document: document, title: title, date: date, endDate: endDate, type: type, organizer: organizer,
                  partnerIDs: partnerIDs, location: location, source: source, summary: summary, draft: draft,
                  partnerLocations: Dictionary(zip(keys, locations), uniquingKeysWith: { first, _ in first }))
    }
}

extension Partner: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(document)
        writer.write(name)
        writer.write(kind.rawValue)
        writer.write(iso)
        writer.write(region)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let document: ContentDocument = try reader.read()
        let name = try reader.string()
        guard let kind = Kind(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
        self.init(document: document, name: name, kind: kind, iso: try reader.optional(), region: try reader.optional())
    }
}

extension ActionPlan: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(document)
        writer.write(title)
        writer.write(edition)
        writer.write(adopted)
        writer.write(periodStart)
        writer.write(periodEnd)
        writer.write(source)
        writer.write(summary)
        writer.write(editionLocation)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(document: try reader.read(), title: try reader.string(), edition: try reader.int(), adopted: try reader.read(),
                  periodStart: try reader.optional(), periodEnd: try reader.optional(), source: try reader.optional(),
                  summary: try reader.string(), editionLocation: try reader.read())
    }
}

extension Page: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(document)
        writer.write(title)
        writer.write(order)
        writer.write(summary)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(document: try reader.read(), title: try reader.string(), order: try reader.optional(), summary: try reader.string())
    }
}

extension ContentDocument: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(id)
        writer.write(path)
        if writer.writesSurfaceOnly {
            // Other pages take the headings, the first paragraph and whether there is a body at all.
            writer.write(body.isEmpty)
            writer.write(body.headingIDs)
            writer.write(body.firstParagraph)
            return
        }
        writer.write(body.isEmpty)
        writer.write(body.internalLinks)
        writer.write(body.headingIDs)
        writer.write(body.firstParagraph)
        writer.write(fileKey)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let id = try reader.string(), path = try reader.string()
        let body = RenderedMarkdown(storedHTML: .notKept(isEmpty: try reader.bool()), internalLinks: try reader.array(),
                                    headingIDs: try reader.array(), firstParagraph: try reader.optional())
        self.init(id: id, path: path, body: body, fileKey: try reader.optional())
    }
}

extension InternalLink: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(path)
        writer.write(fragment)
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(path: try reader.string(), fragment: try reader.optional(), line: try reader.int(), column: try reader.int())
    }
}

extension PartialDate: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let year = try reader.int(), month: Int? = try reader.optional(), day: Int? = try reader.optional()
        // Dates index month names, sort by day and are counted into year and month numbers: out of
        // the range a date can be written in, they would stop the build.
        guard (1...9999).contains(year), (1...12).contains(month ?? 1), (1...31).contains(day ?? 1) else { throw CacheReader.Corrupt() }
        self.init(year: year, month: month, day: day)
    }
}

extension SourceLocation: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(path)
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(path: try reader.string(), line: try reader.optional(), column: try reader.optional())
    }
}

extension Diagnostic: CacheCodable {
    func encode(to writer: inout CacheWriter) {
        writer.write(SourceLocation(path: path, line: line, column: column))
        writer.write(severity == .error)
        writer.write(message)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let location: SourceLocation = try reader.read()
        self.init(location, severity: try reader.bool() ? .error : .warning, try reader.string())
    }
}

extension CacheReader {
    /// A record as `ContentCache.writeRecord` writes it: its id, its value, and where the value
    /// lies in the bytes read, to be written back as it is while it stays the same.
    mutating func record<Value: CacheCodable>(_: Value.Type = Value.self) throws(Corrupt) -> (String, Value, Range<Int>) {
        let id = try string(), start = position
        let value: Value = try read()
        return (id, value, start..<position)
    }
}
