import Foundation

/// A digest of everything a build reads — the sitegen executable, options, and the path, size,
/// time and inode of every file under the content and templates folders — so an unchanged site
/// is not rebuilt, and a new sitegen rebuilds it.
struct InputFingerprint: Sendable {
    let value: String
    /// Every file the walk found, by folder (an index into `folders`) and name (a range of
    /// `names`), with its key and the hash of both, in the order found. Names stay bytes, as
    /// `readdir` gave them: paths are put together only when a build goes ahead.
    private let files: [(folder: Int, name: Range<Int>, key: ContentCache.FileKey, hash: UInt64)]
    private let names: [UInt8]
    private let folders: [String]
    /// Every entry of each folder (by `folders` index), as `readdir` listed it: the content
    /// loader takes its listing of a section from here instead of reading the folder again.
    private let folderEntries: [[(name: Range<Int>, isRegularFile: Bool)]]
    /// The hash of every entry the walk found, files and folders, in the order found.
    let entryHashes: [UInt64]
    /// What the digest covers besides the entries: sitegen, options and folders.
    let header: UInt64

    /// Each file's key by path: the loader and the page keys use these instead of examining
    /// every file again. Built only when a build goes ahead; an up-to-date site never needs it.
    func fileKeys() -> [String: ContentCache.FileKey] {
        var keys: [String: ContentCache.FileKey] = [:]
        keys.reserveCapacity(files.count)
        for (path, key, _) in walked { keys[path] = key }
        return keys
    }

    /// Every file the walk found, by path, with its key and hash, in the order found.
    var walked: [(path: String, key: ContentCache.FileKey, hash: UInt64)] { walked { _ in true } }

    /// The files whose hash passes `include`.
    func walked(where include: (UInt64) -> Bool) -> [(path: String, key: ContentCache.FileKey, hash: UInt64)] {
        files.filter { include($0.hash) }.map { (folders[$0.folder] + "/" + String(decoding: names[$0.name], as: UTF8.self), $0.key, $0.hash) }
    }

    /// The entries the walk found in `folder`, in byte order of their names, as
    /// `DirectoryEntries.list` gives them; nil for a folder the walk did not list.
    func listing(of folder: String) -> [DirectoryEntries.Entry]? {
        guard let index = folders.firstIndex(of: folder) else { return nil }
        return names.withUnsafeBufferPointer { bytes in
            folderEntries[index]
                .sorted { UnsafeBufferPointer(rebasing: bytes[$0.name]).lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: bytes[$1.name])) }
                .map { DirectoryEntries.Entry(name: String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.name]), as: UTF8.self), isRegularFile: $0.isRegularFile) }
        }
    }

    static func compute(_ options: BuildOptions) -> InputFingerprint {
        var files: [(folder: Int, name: Range<Int>, key: ContentCache.FileKey, hash: UInt64)] = []
        var names: [UInt8] = []
        var folders: [String] = []
        var folderEntries: [[(name: Range<Int>, isRegularFile: Bool)]] = []
        var entryHashes: [UInt64] = []
        var header = FNV1a()
        header.add("sitegen-3|\(ContentCache.executableIdentity)|\(options.baseURL ?? "")|\(options.includeDrafts)|")
        // Each entry is hashed on its own and the hashes are added up, so the digest does not
        // depend on the order readdir returns names in and the names need no sorting.
        var sum: UInt64 = 0
        for root in [options.contentFolder.root, options.templatesFolder] {
            header.add(root)
            var pending = [root]
            while let folder = pending.popLast() {
                guard let directory = opendir(folder) else { continue }
                defer { closedir(directory) }
                // Each name ends in the NUL that `fstatat` needs: no string is made per entry.
                var starts: [Int] = []
                var regular: [Bool] = []
                while let entry = readdir(directory) {
                    let name = DirectoryEntries.name(of: entry)
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { continue }  // . and ..
                    starts.append(names.count)
                    names.append(contentsOf: UnsafeRawBufferPointer(start: name, count: strlen(name) + 1))
                    regular.append(DirectoryEntries.isRegularFile(entry))
                }
                var inFolder = FNV1a()
                inFolder.add(folder)
                let entries = examine(names, starts, end: names.count, in: dirfd(directory), folderHash: inFolder)
                folders.append(folder)
                folderEntries.append(starts.indices.map { index in
                    (starts[index]..<(index + 1 < starts.count ? starts[index + 1] : names.count) - 1, regular[index])
                })
                for (index, entry) in entries.enumerated() {
                    let name = folderEntries[folderEntries.count - 1][index].name
                    switch entry.kind {
                    case .folder: pending.append(folder + "/" + String(decoding: names[name], as: UTF8.self))
                    case .file(let key): files.append((folders.count - 1, name, key, entry.hash))
                    case .unreadable: break
                    }
                    entryHashes.append(entry.hash)
                    sum &+= entry.hash
                }
            }
        }
        let headerDigest = header.value
        header.add(sum)
        header.add(UInt64(entryHashes.count))
        return InputFingerprint(value: String(header.value, radix: 16), files: files, names: names, folders: folders,
                                folderEntries: folderEntries, entryHashes: entryHashes, header: headerDigest)
    }

    private enum EntryKind {
        case file(ContentCache.FileKey)
        case folder
        case unreadable
    }

    /// Each name of the open folder `descriptor` (NUL-terminated, starting at `starts` in `names`,
    /// the last ending before `end`) looked up, with its hash: on every core for a large folder,
    /// as an up-to-date build does little else.
    private static func examine(_ names: [UInt8], _ starts: [Int], end: Int, in descriptor: Int32,
                                folderHash: FNV1a) -> [(kind: EntryKind, hash: UInt64)] {
        let chunk = 512
        let chunks = (starts.count + chunk - 1) / chunk
        return ParallelMap.map(Array(0..<chunks)) { index in
            names.withUnsafeBufferPointer { bytes in
                (index * chunk..<min(starts.count, (index + 1) * chunk)).map { entry in
                    let start = starts[entry], stop = (entry + 1 < starts.count ? starts[entry + 1] : end) - 1
                    var hash = folderHash
                    hash.add(UnsafeBufferPointer(rebasing: bytes[start..<stop]))
                    var info = stat()
                    let kind: EntryKind
                    let found = bytes.baseAddress!.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: stop - start + 1) {
                        fstatat(descriptor, $0, &info, 0) == 0
                    }
                    if !found {
                        hash.add(0x3F)
                        kind = .unreadable
                    } else if (info.st_mode & S_IFMT) == S_IFDIR {
                        hash.add(0x64)
                        kind = .folder
                    } else {
                        let key = ContentCache.FileKey(info)
                        return (.file(key), fileHash(hash, key))
                    }
                    return (kind, mix(hash.value))
                }
            }
        }.flatMap { $0 }
    }

    /// The walk's hash of a file: `named` has its folder and name added already.
    private static func fileHash(_ named: FNV1a, _ key: ContentCache.FileKey) -> UInt64 {
        var hash = named
        hash.add(UInt64(bitPattern: key.size))
        hash.add(UInt64(bitPattern: key.modified))
        hash.add(key.inode)
        return mix(hash.value)
    }

    /// The hash the walk gives the file at `path` while it has `key`.
    static func fileHash(path: String, key: ContentCache.FileKey) -> UInt64 {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.utf8.startIndex
        var hash = FNV1a()
        hash.add(String(path[..<slash]))
        hash.add(String(path[path.utf8.index(after: slash)...]))
        return fileHash(hash, key)
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
