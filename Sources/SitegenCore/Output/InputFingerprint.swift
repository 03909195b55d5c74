import Foundation

/// A digest of everything a build reads — the sitegen executable, options, and the path, size,
/// time and inode of every file under the content and templates folders — so an unchanged site
/// is not rebuilt, and a new sitegen rebuilds it.
struct InputFingerprint: Sendable {
    let value: String
    /// Each file's key as the walk found it, by path: the loader and the page keys use these
    /// instead of examining every file again.
    let files: [String: ContentCache.FileKey]

    static func compute(_ options: BuildOptions) -> InputFingerprint {
        var files: [String: ContentCache.FileKey] = [:]
        var hash = FNV1a()
        hash.add("sitegen-2|\(ContentCache.executableIdentity)|\(options.baseURL ?? "")|\(options.includeDrafts)|")
        for root in [options.contentFolder.root, options.templatesFolder] {
            hash.add(root)
            var pending = [root]
            while let folder = pending.popLast() {
                guard let directory = opendir(folder) else { continue }
                defer { closedir(directory) }
                // Names relative to the open folder: the path is not looked up again for each file.
                let descriptor = dirfd(directory)
                var names: [String] = []
                while let entry = readdir(directory) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                    if name != ".", name != ".." { names.append(name) }
                }
                names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                files.reserveCapacity(files.count + names.count)
                for name in names {
                    let path = folder + "/" + name
                    var info = stat()
                    guard fstatat(descriptor, name, &info, 0) == 0 else { hash.add("?" + path); continue }
                    if (info.st_mode & S_IFMT) == S_IFDIR {
                        pending.append(path)
                        hash.add("d")
                        hash.add(path)
                    } else {
                        let key = ContentCache.FileKey(info)
                        files[path] = key
                        hash.add(path)
                        hash.add(UInt64(bitPattern: key.size))
                        hash.add(UInt64(bitPattern: key.modified))
                        hash.add(key.inode)
                    }
                }
            }
        }
        return InputFingerprint(value: String(hash.value, radix: 16), files: files)
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
