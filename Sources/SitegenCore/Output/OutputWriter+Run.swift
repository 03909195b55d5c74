import Glibc

extension OutputWriter {
    /// Files written one after another by one thread: the pages of a run of jobs. Each run opens
    /// the staging folder and the top folder it writes into (`activities/`, `partners/`) for
    /// itself: threads creating files relative to one shared descriptor contend for its
    /// reference count, and a path looked up from its top folder is a folder shorter. What the
    /// run wrote joins the writer's lists once, as it ends, rather than under the lock per file.
    struct Run {
        /// The staging folder, or -1 when it could not be opened again (the writer's own is used then).
        let root: Int32
        private var top: (name: Substring, descriptor: Int32)?
        var written: [(path: String, key: String)] = []
        var staged: [String] = []

        init(root: Int32) {
            self.root = root
        }

        /// The open folder to create `relativePath` in, and its path from there: its top folder,
        /// made if need be, when it has one; else the staging folder (`staging`, the writer's
        /// descriptor, stands in for a root that could not be opened).
        mutating func folder(of relativePath: String, in staging: Int32) -> (Int32, Substring) {
            let root = self.root >= 0 ? self.root : staging
            guard let slash = relativePath.firstIndex(of: "/") else { return (root, relativePath[...]) }
            let name = relativePath[..<slash]
            if top?.name != name {
                if let top, top.descriptor >= 0 { Glibc.close(top.descriptor) }
                let folder = String(name)
                var descriptor = openat(root, folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if descriptor < 0 && errno == ENOENT && (mkdirat(root, folder, 0o755) == 0 || errno == EEXIST) {
                    descriptor = openat(root, folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                }
                top = (name, descriptor)
            }
            guard let top, top.descriptor >= 0 else { return (root, relativePath[...]) }
            return (top.descriptor, relativePath[relativePath.index(after: slash)...])
        }

        mutating func close() {
            if let top, top.descriptor >= 0 { Glibc.close(top.descriptor) }
            top = nil
            if root >= 0 { Glibc.close(root) }
        }
    }
}
