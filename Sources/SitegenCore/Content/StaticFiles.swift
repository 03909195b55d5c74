import Foundation

/// Lists `static/`, whose files are copied to the output as they are.
enum StaticFiles {
    static func list(in folder: ContentFolder, log: inout DiagnosticLog) -> [String] {
        let root = folder.staticFolder
        guard case .directory = FileKind.of(root, within: folder.root) else { return [] }
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                switch FileKind.of(root + "/" + child, within: folder.root) {
                case .regular: result.append(child)
                case .directory: pending.append(child)
                case .linkOutside:
                    log.warning(SourceLocation(path: folder.display(root + "/" + child)), "symbolic link points outside the content folder; not copied")
                default: break
                }
            }
        }
        return result.sorted()
    }
}
