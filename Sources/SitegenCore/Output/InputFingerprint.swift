import Foundation

/// A digest of everything a build reads — the sitegen executable, options, and the path, size,
/// time and inode of every file under the content and templates folders — so an unchanged site
/// is not rebuilt, and a new sitegen rebuilds it.
struct InputFingerprint: Sendable {
    let value: String
    /// Every file the walk found, with its key and the hash of both, in the order found.
    let walked: [(path: String, key: ContentCache.FileKey, hash: UInt64)]
    /// The hash of every entry the walk found, files and folders, in the order found.
    let entryHashes: [UInt64]
    /// What the digest covers besides the entries: sitegen, options and folders.
    let header: UInt64

    /// Each file's key by path: the loader and the page keys use these instead of examining
    /// every file again. Built only when a build goes ahead; an up-to-date site never needs it.
    func fileKeys() -> [String: ContentCache.FileKey] {
        var keys: [String: ContentCache.FileKey] = [:]
        keys.reserveCapacity(walked.count)
        for (path, key, _) in walked { keys[path] = key }
        return keys
    }

    static func compute(_ options: BuildOptions) -> InputFingerprint {
        var walked: [(path: String, key: ContentCache.FileKey, hash: UInt64)] = []
        var entryHashes: [UInt64] = []
        var header = FNV1a()
        header.add("sitegen-3|\(ContentCache.executableIdentity)|\(options.baseURL ?? "")|\(options.includeDrafts)|")
        // Each entry is hashed on its own and the hashes are added up, so the digest does not
        // depend on the order readdir returns names in and the names need no sorting.
        var sum: UInt64 = 0
        var count: UInt64 = 0
        for root in [options.contentFolder.root, options.templatesFolder] {
            header.add(root)
            var pending = [root]
            while let folder = pending.popLast() {
                guard let directory = opendir(folder) else { continue }
                defer { closedir(directory) }
                // Names relative to the open folder: the path is not looked up again for each file.
                let descriptor = dirfd(directory)
                var inFolder = FNV1a()
                inFolder.add(folder)
                while let entry = readdir(directory) {
                    let name = String(cString: DirectoryEntries.name(of: entry))
                    if name == "." || name == ".." { continue }
                    var hash = inFolder
                    hash.add(name)
                    var info = stat()
                    var file: (path: String, key: ContentCache.FileKey)?
                    if fstatat(descriptor, name, &info, 0) != 0 {
                        hash.add(0x3F)
                    } else if (info.st_mode & S_IFMT) == S_IFDIR {
                        pending.append(folder + "/" + name)
                        hash.add(0x64)
                    } else {
                        let key = ContentCache.FileKey(info)
                        file = (folder + "/" + name, key)
                        hash.add(UInt64(bitPattern: key.size))
                        hash.add(UInt64(bitPattern: key.modified))
                        hash.add(key.inode)
                    }
                    let mixed = Self.mix(hash.value)
                    if let file { walked.append((file.path, file.key, mixed)) }
                    entryHashes.append(mixed)
                    sum &+= mixed
                    count += 1
                }
            }
        }
        let headerDigest = header.value
        header.add(sum)
        header.add(count)
        return InputFingerprint(value: String(header.value, radix: 16), walked: walked, entryHashes: entryHashes, header: headerDigest)
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
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        value ^= 0xFF
        value &*= 0x0000_0100_0000_01B3
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
