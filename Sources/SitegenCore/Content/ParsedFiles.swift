import Foundation

/// What each content file parsed to, by base path and absolute path, with the stamp of the file
/// it was read from.
struct ParsedFiles: Sendable {
    enum Model: Sendable {
        case record(ParsedFile)
        case translation(Translation)
    }

    /// A class: ten thousand entries pass through every load of `serve`, each as one reference.
    final class Entry: Sendable {
        /// nil when the file could not be examined: such an entry is never reused.
        let stamp: FileStamp?
        /// A translation's original, as it was when the translation was checked against it.
        let originalStamp: FileStamp?
        let parsed: Model?
        let diagnostics: [Diagnostic]

        init(stamp: FileStamp?, originalStamp: FileStamp?, parsed: Model?, diagnostics: [Diagnostic]) {
            self.stamp = stamp
            self.originalStamp = originalStamp
            self.parsed = parsed
            self.diagnostics = diagnostics
        }
    }

    /// By base path (bodies carry it in their links: each edition parses its own), then by the
    /// file's absolute path.
    var entries: [String: [String: Entry]] = [:]
    /// What a watcher saw change since the entries were made (absolute paths), when it saw
    /// everything: a plain file not among them is as it was, without a look at its stamp. Only
    /// while every change is a content file's (`.md`): a folder moved, a template edited or a
    /// watcher that lost track has every stamp compared. nil: every stamp is compared.
    var changedPaths: Set<String>? {
        didSet { changedFiles = changedPaths?.allSatisfy { $0.hasSuffix(".md") } == true ? changedPaths : nil }
    }
    private var changedFiles: Set<String>?

    /// The content folder's files as the last load listed them.
    struct Listing: Sendable {
        let root: String
        let files: [ContentFolder.Section: [ContentFileScanner.File]]
        let diagnostics: [Diagnostic]
        let paths: Set<String>

        /// Lists every section of `folder`.
        init(_ folder: ContentFolder) {
            var log = DiagnosticLog()
            var files: [ContentFolder.Section: [ContentFileScanner.File]] = [:]
            for section in ContentFolder.Section.allCases { files[section] = ContentFileScanner.files(in: section, of: folder, log: &log) }
            root = folder.root
            self.files = files
            diagnostics = log.entries
            paths = Set(files.values.joined().map(\.absolutePath))
        }
    }
    var listing: Listing?

    /// The last listing, when the watcher saw only files of it change, each still there: no file
    /// came or went, so listing the folders again would give the same.
    func unchangedListing(of folder: ContentFolder) -> Listing? {
        guard let listing, listing.root == folder.root, let changedFiles else { return nil }
        for path in changedFiles {
            var info = stat()
            guard listing.paths.contains(path), stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        }
        return listing
    }

    /// Whether the file behind an entry may differ from what the entry was made from.
    func mayHaveChanged(_ file: ContentFileScanner.File, original: String?) -> Bool {
        guard let changedFiles, file.isPlainFile else { return true }
        return changedFiles.contains(file.absolutePath) || original.map(changedFiles.contains) ?? false
    }
}
