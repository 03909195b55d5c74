import Foundation

/// A digest of everything a build reads — options, and the path, size, time and inode of every
/// file under the content and templates folders — so an unchanged site is not rebuilt.
struct InputFingerprint: Equatable, Sendable {
    let value: String

    static func compute(_ options: BuildOptions) -> InputFingerprint {
        var hash = FNV1a()
        hash.add("sitegen-1|\(options.baseURL ?? "")|\(options.includeDrafts)|")
        for root in [options.contentFolder.root, options.templatesFolder] {
            hash.add(root)
            var pending = [root]
            while let folder = pending.popLast() {
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
                for name in names.sorted() {
                    let path = folder + "/" + name
                    var info = stat()
                    guard stat(path, &info) == 0 else { hash.add("?" + path); continue }
                    if (info.st_mode & S_IFMT) == S_IFDIR {
                        pending.append(path)
                        hash.add("d" + path)
                    } else {
                        hash.add("f\(path)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)|\(info.st_ino)")
                    }
                }
            }
        }
        return InputFingerprint(value: String(hash.value, radix: 16))
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
}
