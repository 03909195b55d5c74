import Foundation

/// A digest of everything a build reads — the sitegen executable, options, and the path, size,
/// time and inode of every file under the content and templates folders — so an unchanged site
/// is not rebuilt, and a new sitegen rebuilds it.
struct InputFingerprint: Sendable {
    /// The digest; empty while the walk `isComplete` not.
    private(set) var value: String
    /// Every file the walk found, by folder (an index into `folders`) and name (a range of that
    /// folder's `names`), with its key and the hash of both, in the order found. Names stay bytes,
    /// as `readdir` gave them: paths are put together only when a build goes ahead. A nil key is
    /// one the walk left for the content loader to take as it reads the file (`completed`).
    private var files: [(folder: Int, name: Range<Int>, key: ContentCache.FileKey?, hash: UInt64)]
    /// Each folder's names: read by the walk, or its kept listing's as the listings file is mapped.
    private let names: [NameBytes]
    private let folders: [String]
    /// Every entry of each folder (by `folders` index), as `readdir` listed it: where each name
    /// starts in the folder's `names` (it ends before the next one's NUL), and whether it is a plain file.
    /// The content loader takes its listing of a section from here instead of reading the folder again.
    private let folderEntries: [(starts: [Int], end: Int, isRegularFile: [Bool])]
    /// The hash of every entry the walk found, files and folders, in the order found.
    private(set) var entryHashes: [UInt64]
    /// Where each file's hash is in `entryHashes`.
    private var entryIndexes: [Int]
    /// What the digest covers besides the entries: sitegen, options and folders.
    let header: UInt64
    /// The large folders' listings as this walk found them, and whether any was read afresh
    /// (`FolderListings`): then they are worth writing for the next build.
    let listings: FolderListings
    let listingsChanged: Bool

    /// Each file's key by path: the loader and the page keys use these instead of examining
    /// every file again. Built only when a build goes ahead; an up-to-date site never needs it.
    func fileKeys() -> [String: ContentCache.FileKey] {
        var keys: [String: ContentCache.FileKey] = [:]
        keys.reserveCapacity(files.count)
        for file in files {
            if let key = file.key { keys[path(of: file)] = key }
        }
        return keys
    }

    /// False while some files' keys are still to come from reading them (`completed(keys:)`).
    var isComplete: Bool { !value.isEmpty }

    private func path(of file: (folder: Int, name: Range<Int>, key: ContentCache.FileKey?, hash: UInt64)) -> String {
        folders[file.folder] + "/" + names[file.folder].withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[file.name]), as: UTF8.self) }
    }

    /// The walk with every key filled in: from `keys` (by path, as the loader read each file),
    /// else from the file now. The digest is the one a walk examining every file gives.
    func completed(keys: @Sendable (String) -> ContentCache.FileKey?) -> InputFingerprint {
        guard !isComplete else { return self }
        var complete = self
        // On every core, each name hashed with its folder's digest as the walk hashes it: one core
        // putting paths together, looking them up and splitting and hashing them again took 5 to
        // 8 ms of a 10,000 build in a `perf` timeline.
        let missing = files.indices.filter { files[$0].key == nil }
        let folderHashes = folders.map { folder in
            var hash = FNV1a()
            hash.add(folder)
            return hash.value
        }
        let found = ParallelMap.runs(count: missing.count, length: 512) { [self] run in
            missing[run].map { index -> (key: ContentCache.FileKey?, hash: UInt64) in
                let file = files[index], path = path(of: file)
                let named = names[file.folder].withBytes { Self.nameHash(folderHashes[file.folder], UnsafeBufferPointer(rebasing: $0[file.name])) }
                guard let key = keys(path) ?? ContentCache.FileKey(path: path) else { return (nil, Self.mix(named &+ Self.unreadableMark)) }
                return (key, Self.fileHash(named, key))
            }
        }.flatMap { $0 }
        var vanished: [Int] = []
        for (index, found) in zip(missing, found) {
            if let key = found.key {
                complete.files[index].key = key
                complete.files[index].hash = found.hash
            } else {
                // Gone since it was listed: hashed as the walk hashes what it cannot examine, and no file.
                vanished.append(index)
            }
            complete.entryHashes[entryIndexes[index]] = found.hash
        }
        for index in vanished.reversed() {
            complete.files.remove(at: index)
            complete.entryIndexes.remove(at: index)
        }
        complete.value = Self.digest(header: header, of: complete.entryHashes)
        return complete
    }

    /// The files whose hash passes `include`, by path, with key and hash, in the order found.
    func walked(where include: (UInt64) -> Bool) -> [(path: String, key: ContentCache.FileKey, hash: UInt64)] {
        files.compactMap { file in file.key.flatMap { include(file.hash) ? (path(of: file), $0, file.hash) : nil } }
    }

    /// The entries the walk found in `folder`, in byte order of their names, as
    /// `DirectoryEntries.list` gives them; nil for a folder the walk did not list.
    func listing(of folder: String) -> [DirectoryEntries.Entry]? {
        guard let index = folders.firstIndex(of: folder) else { return nil }
        let (starts, end, isRegularFile) = folderEntries[index]
        let entries = starts.indices.map { entry in (name: Self.nameRange(entry, starts, end: end), isRegularFile: isRegularFile[entry]) }
        return names[index].withBytes { bytes in
            entries
                .sorted { UnsafeBufferPointer(rebasing: bytes[$0.name]).lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: bytes[$1.name])) }
                .map { DirectoryEntries.Entry(name: String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.name]), as: UTF8.self), isRegularFile: $0.isRegularFile) }
        }
    }

    /// The walk of every input. With `leavingContentFiles`, the plain `.md` files of the content
    /// sections are listed but not examined: a build with no output to compare reads each of
    /// them anyway, and takes its key then (`completed(keys:)`), saving a lookup per file.
    /// `previousListings`: the listings the last build kept, for folders that have not changed since.
    static func compute(_ options: BuildOptions, leavingContentFiles: Bool = false, previousListings: FolderListings? = nil) -> InputFingerprint {
        var listings = FolderListings()
        var listingsChanged = false
        var files: [(folder: Int, name: Range<Int>, key: ContentCache.FileKey?, hash: UInt64)] = []
        var entryIndexes: [Int] = []
        let sectionFolders = leavingContentFiles ? Set(ContentFolder.Section.allCases.map { options.contentFolder.folder($0) }) : []
        var names: [NameBytes] = []
        var folders: [String] = []
        var folderEntries: [(starts: [Int], end: Int, isRegularFile: [Bool])] = []
        var entryHashes: [UInt64] = []
        var header = FNV1a()
        header.add("sitegen-3|\(ContentCache.executableIdentity)|\(options.baseURL ?? "")|\(options.includeDrafts)|")
        // A folder of more than one run is examined after all the others: its runs are shared with
        // the thread checking the output (`SharedRuns`), and small folders walked after it kept
        // that thread waiting for half a millisecond.
        let roots = [options.contentFolder.root, options.templatesFolder]
        for root in roots { header.add(root) }
        var pending = Array(roots.reversed())
        var large: [ListedFolder] = []

        func visit(_ listed: ListedFolder) {
            defer { closedir(listed.directory) }
            let folder = listed.path, folderNames = listed.names, starts = listed.starts
            var inFolder = FNV1a()
            inFolder.add(folder)
            let leaving = sectionFolders.contains(folder) ? listed.isRegularFile : nil
            let entries = examine(folderNames, starts, in: dirfd(listed.directory), folderHash: inFolder, leaving: leaving)
            folders.append(folder)
            names.append(folderNames)
            folderEntries.append((starts, folderNames.count, listed.isRegularFile))
            files.reserveCapacity(files.count + entries.count)
            entryHashes.reserveCapacity(entryHashes.count + entries.count)
            entryIndexes.reserveCapacity(entryIndexes.count + entries.count)
            for (index, entry) in entries.enumerated() {
                let name = nameRange(index, starts, end: folderNames.count)
                switch entry.kind {
                case .folder: pending.append(folder + "/" + folderNames.withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[name]), as: UTF8.self) })
                case .file(let key):
                    files.append((folders.count - 1, name, key, entry.hash))
                    entryIndexes.append(entryHashes.count)
                case .left:
                    files.append((folders.count - 1, name, nil, 0))
                    entryIndexes.append(entryHashes.count)
                case .unreadable: break
                }
                entryHashes.append(entry.hash)
            }
        }

        while !pending.isEmpty || !large.isEmpty {
            guard let folder = pending.popLast() else {
                let listed = large.removeFirst()
                visit(listed)
                continue
            }
            guard let directory = opendir(folder) else { continue }
            var info = stat()
            let identity = fstat(dirfd(directory), &info) == 0 ? FolderListings.Identity(info) : nil
            let listed: ListedFolder
            if let identity, let listing = previousListings?.listing(of: folder, identity: identity) {
                listed = ListedFolder(path: folder, directory: directory, names: listing.names, starts: listing.starts, isRegularFile: listing.isRegularFile)
                listings.keep(folder, listing)
            } else {
                // Each name ends in the NUL that `fstatat` needs: no string is made per entry.
                let readAt = FolderListings.now()
                var read: [UInt8] = []
                var starts: [Int] = []
                var regular: [Bool] = []
                while let entry = readdir(directory) {
                    let name = DirectoryEntries.name(of: entry)
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { continue }  // . and ..
                    starts.append(read.count)
                    read.append(contentsOf: UnsafeRawBufferPointer(start: name, count: strlen(name) + 1))
                    regular.append(DirectoryEntries.isRegularFile(entry))
                }
                if let identity, listings.record(folder, identity: identity, names: read[...], starts: starts,
                                                 isRegularFile: regular, readAt: readAt) {
                    listingsChanged = true
                }
                listed = ListedFolder(path: folder, directory: directory, names: NameBytes(read), starts: starts, isRegularFile: regular)
            }
            if listed.starts.count > examinedRunLength {
                large.append(listed)
            } else {
                visit(listed)
            }
        }

        let complete = !files.contains { $0.key == nil }
        // A listing the last build kept and this walk could not use is dropped: the file is rewritten.
        listingsChanged = listingsChanged || listings.listings.count != previousListings?.listings.count ?? 0
        return InputFingerprint(value: complete ? digest(header: header.value, of: entryHashes) : "", files: files, names: names,
                                folders: folders, folderEntries: folderEntries, entryHashes: entryHashes, entryIndexes: entryIndexes,
                                header: header.value, listings: listings, listingsChanged: listingsChanged)
    }

    /// The digest of a walk: what it covers besides the entries, then the entries' hashes added
    /// up, so that it does not depend on the order readdir returns names in, and their number.
    private static func digest(header: UInt64, of entryHashes: [UInt64]) -> String {
        var sum: UInt64 = 0
        for hash in entryHashes { sum &+= hash }
        var digest = FNV1a(value: header)
        digest.add(sum)
        digest.add(UInt64(entryHashes.count))
        return String(digest.value, radix: 16)
    }

    /// Where the name of entry `index` lies in the names buffer: from its start to the NUL before
    /// the next name's (or before `end`, for the last).
    private static func nameRange(_ index: Int, _ starts: [Int], end: Int) -> Range<Int> {
        starts[index]..<(index + 1 < starts.count ? starts[index + 1] : end) - 1
    }

    /// A folder opened and listed by the walk, to be examined.
    private struct ListedFolder {
        let path: String
        let directory: OpaquePointer
        let names: NameBytes
        let starts: [Int]
        let isRegularFile: [Bool]
    }

    /// How many entries of a large folder one thread looks up at a time: small enough that the
    /// last run, which one thread finishes alone, is short.
    private static let examinedRunLength = 256

    private enum EntryKind {
        case file(ContentCache.FileKey)
        /// A plain file left for the loader to examine as it reads it.
        case left
        case folder
        case unreadable
    }

    /// Each name of the open folder `descriptor` (NUL-terminated, starting at `starts` in `names`)
    /// looked up, with its hash: a large folder in runs any idle thread takes (`SharedRuns`), as
    /// an up-to-date build does little else.
    /// `leaving`: for each entry, whether it is a plain file to leave unexamined if it is a `.md` file.
    private static func examine(_ names: NameBytes, _ starts: [Int], in descriptor: Int32,
                                folderHash: FNV1a, leaving: [Bool]?) -> [(kind: EntryKind, hash: UInt64)] {
        let end = names.count
        return SharedRuns.runs(count: starts.count, length: examinedRunLength) { run -> [(kind: EntryKind, hash: UInt64)] in
            // A run of a folder cut into several looks up from a descriptor of its own: threads
            // sharing one contend for its reference count on every lookup.
            let own = run.count < starts.count ? openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
            defer { if own >= 0 { close(own) } }
            let descriptor = own >= 0 ? own : descriptor
            return names.withBytes { bytes in
                run.map { entry in
                    let name = nameRange(entry, starts, end: end), start = name.lowerBound, stop = name.upperBound
                    if let leaving, leaving[entry], stop - start > 3,
                       bytes[stop - 3] == 0x2E, bytes[stop - 2] == 0x6D, bytes[stop - 1] == 0x64 {  // ".md"
                        return (.left, 0)
                    }
                    let named = nameHash(folderHash.value, UnsafeBufferPointer(rebasing: bytes[start..<stop]))
                    var info = stat()
                    let kind: EntryKind
                    let found = bytes.baseAddress!.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: stop - start + 1) {
                        fstatat(descriptor, $0, &info, 0) == 0
                    }
                    if !found {
                        kind = .unreadable
                    } else if (info.st_mode & S_IFMT) == S_IFDIR {
                        return (.folder, mix(named &+ folderMark))
                    } else {
                        let key = ContentCache.FileKey(info)
                        return (.file(key), fileHash(named, key))
                    }
                    return (kind, mix(named &+ unreadableMark))
                }
            }
        }.flatMap { $0 }
    }

    /// An entry's name in its folder (whose path has `folderHash`), hashed eight bytes at a time:
    /// a byte at a time, hashing names was a tenth of an up-to-date build's own work.
    private static func nameHash(_ folderHash: UInt64, _ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
        mix(folderHash ^ DocumentIndex.digest(name))
    }

    /// The walk's hash of a file: `named` is the hash of its folder and name.
    private static func fileHash(_ named: UInt64, _ key: ContentCache.FileKey) -> UInt64 {
        let sized = mix(named ^ UInt64(bitPattern: key.size))
        return mix(mix(sized ^ UInt64(bitPattern: key.modified)) ^ key.inode)
    }

    private static let unreadableMark: UInt64 = 0x3F, folderMark: UInt64 = 0x64

    /// The hash of `path`'s folder and name, as the walk makes it.
    private static func nameHash(path: String) -> UInt64 {
        var path = path
        return path.withUTF8 { bytes in
            let slash = bytes.lastIndex(of: UInt8(ascii: "/")) ?? 0
            var folder = FNV1a()
            folder.add(UnsafeBufferPointer(rebasing: bytes[..<slash]))
            return nameHash(folder.value, UnsafeBufferPointer(rebasing: bytes[min(slash + 1, bytes.count)...]))
        }
    }

    /// The hash the walk gives the file at `path` while it has `key`.
    static func fileHash(path: String, key: ContentCache.FileKey) -> UInt64 {
        fileHash(nameHash(path: path), key)
    }

    /// Spreads a hash's bits (the finalizer of SplitMix64), so that sums of hashes stay distinct.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// 64-bit FNV-1a: stable across runs, unlike `Hasher`.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    /// Goes on from a digest taken earlier.
    init(value: UInt64) {
        self.value = value
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    /// The same as adding the text these UTF-8 bytes spell.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var value = value
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        value ^= 0xFF
        value &*= 0x0000_0100_0000_01B3
        self.value = value
    }

    /// Adds the eight bytes of `number`, without spelling it out as text first.
    mutating func add(_ number: UInt64) {
        var rest = number
        for _ in 0..<8 {
            value ^= rest & 0xFF
            value &*= 0x0000_0100_0000_01B3
            rest >>= 8
        }
    }
}
