import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists every file under an input folder (static files, the templates folder) without ever
/// following a symbolic link to a folder: such a link is an error at its path. Followed, a
/// link to `/` walked the whole file system, and a link to `.` never ended (or copied the
/// folder into itself until the path grew too long).
enum FolderWalk {
    /// A file, by its path relative to the walked folder, with its size by `lstat` (or `stat`
    /// for a link to a file).
    struct File: Sendable, Equatable {
        let path: String
        let size: Int
    }

    /// What becomes of a symbolic link to a file outside `boundary`.
    enum OutsideLink {
        /// Listed like any file (the templates folder's rule).
        case listed
        /// Left out, with this warning at the link (content: it must not reach other files).
        case warned(String)
    }

    /// Every file below `root`, sorted by path; names starting with `.` are left out, folders
    /// included. `root` itself may be a link (it was named on the command line).
    static func files(under root: String, boundary: String, outsideLink: OutsideLink, pathDisplay: PathDisplay,
                      log: inout DiagnosticLog) -> [File] {
        var result: [File] = []
        var pending = [""]
        // Each folder once by device and inode: a bind mount can make a loop without a link.
        var visited = Set<[UInt64]>()
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            var info = stat()
            guard stat(folder, &info) == 0, visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { continue }
            guard let entries = DirectoryEntries.list(folder) else {
                log.error(SourceLocation(path: pathDisplay.display(folder)), "cannot list folder")
                continue
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                let path = folder + "/" + entry.name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFREG: result.append(File(path: child, size: Int(status.st_size)))
                case S_IFDIR: pending.append(child)
                case S_IFLNK:
                    if let file = linkedFile(path, child: child, boundary: boundary, outsideLink: outsideLink, pathDisplay: pathDisplay, log: &log) {
                        result.append(file)
                    }
                default: continue  // pipes, sockets, devices: nothing to copy or read
                }
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// The file a link leads to, if it is to be listed; a link to a folder is an error.
    private static func linkedFile(_ path: String, child: String, boundary: String, outsideLink: OutsideLink,
                                   pathDisplay: PathDisplay, log: inout DiagnosticLog) -> File? {
        let location = SourceLocation(path: pathDisplay.display(path))
        var target = stat()
        guard stat(path, &target) == 0 else {
            log.warning(location, "symbolic link points to nothing; ignored")
            return nil
        }
        switch target.st_mode & S_IFMT {
        case S_IFDIR:
            log.error(location, folderLinkMessage(path))
            return nil
        case S_IFREG:
            if case .warned(let warning) = outsideLink, !ResolvedPath.isInside(path, boundary) {
                log.warning(location, warning)
                return nil
            }
            return File(path: child, size: Int(target.st_size))
        default:
            return nil
        }
    }

    /// The error for a symbolic link to a folder at `path`, wherever the inputs are walked.
    static func folderLinkMessage(_ path: String) -> String {
        let name = ControlCharacterEscaping.escaped((path as NSString).lastPathComponent)
        return "`\(name)` is a symbolic link to a folder; sitegen does not follow links to folders (copy the folder in, or link its files one by one)"
    }

    /// Whether `path` is a symbolic link that leads to a folder.
    static func isLinkToFolder(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }
}
