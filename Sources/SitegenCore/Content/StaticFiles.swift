import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists `static/`, whose files are copied to the output as they are.
enum StaticFiles {
    static func list(in folder: ContentFolder, log: inout DiagnosticLog) -> [String] {
        let root = folder.staticFolder
        if FolderWalk.isLinkToFolder(root) {
            log.error(SourceLocation(path: folder.display(root)), FolderWalk.folderLinkMessage)
            return []
        }
        var info = stat()
        guard lstat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return [] }
        let files = FolderWalk.files(under: root, boundary: folder.root,
                                     outsideLink: .warned("symbolic link points outside the content folder; not copied"),
                                     pathDisplay: folder.pathDisplay, log: &log)
        return files.map(\.path)
    }
}
