import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Paths with every symbolic link resolved, to tell where a link really leads.
enum ResolvedPath {
    /// `path` with its links resolved, or nil if it leads nowhere.
    static func of(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` leads to `root` or somewhere inside it, once both are resolved. (With `/`
    /// as `root`, only `/` itself: `FileKind` has always answered so for the output's checks.)
    static func isInside(_ path: String, _ root: String) -> Bool {
        guard let target = of(path) else { return false }
        let realRoot = of(root) ?? root
        return target == realRoot || target.hasPrefix(realRoot + "/")
    }

    /// The real path of `path` (absolute): symbolic links resolved as far as the path exists,
    /// the missing rest appended as given.
    static func real(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return rest.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            let parent = (existing as NSString).deletingLastPathComponent
            if parent == existing || parent.isEmpty { return path }
            rest.append((existing as NSString).lastPathComponent)
            existing = parent
        }
    }
}
