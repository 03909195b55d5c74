import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists `static/`, whose files are copied to the output as they are.
enum StaticFiles {
    /// Each file is copied through memory: a larger one is refused before it is read.
    static let maximumBytes = 64 * 1024 * 1024

    static func list(in folder: ContentFolder, log: inout DiagnosticLog) -> [String] {
        let root = folder.staticFolder
        if FolderWalk.isLinkToFolder(root) {
            log.error(SourceLocation(path: folder.display(root)), FolderWalk.folderLinkMessage(root))
            return []
        }
        var info = stat()
        guard lstat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return [] }
        let files = FolderWalk.files(under: root, boundary: folder.root,
                                     outsideLink: .warned("symbolic link points outside the content folder; not copied"),
                                     pathDisplay: folder.pathDisplay, log: &log)
        var result: [String] = []
        result.reserveCapacity(files.count)
        for file in files {
            guard file.size <= maximumBytes else {
                log.error(SourceLocation(path: folder.display(root + "/" + file.path)),
                          BoundedFile.overLimitMessage(size: file.size, limit: maximumBytes, kind: "static files"))
                continue
            }
            result.append(file.path)
        }
        return result
    }
}
