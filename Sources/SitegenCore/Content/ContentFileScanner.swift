import Foundation

/// Lists the Markdown files of one section, checking names and refusing links that leave the content folder.
enum ContentFileScanner {
    static let idPattern = "^[a-z0-9][a-z0-9-]*$"

    struct File: Sendable {
        var id: String
        var absolutePath: String
        var displayPath: String
        /// The language of a translation, `ID.ja.md`; nil for the original, `ID.md`.
        var language: String? = nil
        /// A file of its own, not a symbolic link: a watcher sees every change to it under its path.
        var isPlainFile = false
    }

    static func files(in section: ContentFolder.Section, of folder: ContentFolder, log: inout DiagnosticLog) -> [File] {
        let directory = folder.folder(section)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [] }
        if FolderWalk.isLinkToFolder(directory) {
            log.error(SourceLocation(path: folder.display(directory)), FolderWalk.folderLinkMessage(directory))
            return []
        }
        guard isDirectory.boolValue else {
            log.error(SourceLocation(path: folder.display(directory)), "`\(section.rawValue)` must be a folder of .md files")
            return []
        }
        guard let entries = DirectoryEntries.list(directory) else {
            log.error(SourceLocation(path: folder.display(directory)), "cannot list folder")
            return []
        }
        // Names are checked on every core, in runs whose files and diagnostics are joined in order.
        let runs = ParallelMap.runs(count: entries.count, length: 1024) { run in
            var runLog = DiagnosticLog()
            let files = check(entries[run], in: directory, section: section, of: folder, log: &runLog)
            return (files, runLog)
        }
        var result: [File] = []
        result.reserveCapacity(entries.count)
        for (files, runLog) in runs {
            result += files
            log.append(contentsOf: runLog)
        }
        return result
    }

    private static func check(_ entries: ArraySlice<DirectoryEntries.Entry>, in directory: String, section: ContentFolder.Section,
                              of folder: ContentFolder, log: inout DiagnosticLog) -> [File] {
        var result: [File] = []
        result.reserveCapacity(entries.count)
        // A file is shown as its folder is, followed by its name (the folder's form worked out
        // once), unless the folder is the working directory itself.
        let displayedDirectory = folder.display(directory) + "/"
        let showsFolder = folder.display(directory + "/-") == displayedDirectory + "-"
        for entry in entries {
            let name = entry.name
            // Names are compared as bytes: ten thousand of them, compared as characters, took
            // a noticeable part of every rebuild in `serve`.
            if name.utf8.first == UInt8(ascii: ".") { continue }
            let path = directory + "/" + name
            let display = showsFolder ? displayedDirectory + name : folder.display(path)
            guard name.utf8.count > 3, name.utf8.reversed().starts(with: "dm.".utf8) else {
                log.warning(SourceLocation(path: display), "ignored: only .md files belong in `\(section.rawValue)/`")
                continue
            }
            // The listing says which entries are plain files; only the others need a closer look.
            let kind = entry.isRegularFile ? .regular : FileKind.of(path, within: folder.root)
            guard case .regular = kind else {
                switch kind {
                case .linkOutside:
                    log.error(SourceLocation(path: display), "symbolic link points outside the content folder; it is not followed")
                case .missing:
                    log.error(SourceLocation(path: display), "symbolic link points to nothing")
                default:
                    log.error(SourceLocation(path: display), "not a regular file")
                }
                continue
            }
            let stem = name.utf8.dropLast(3)
            var id = String(Substring(stem))
            var language: String?
            // `ID.ja.md` is the Japanese version of `ID.md`.
            if let dot = stem.lastIndex(of: UInt8(ascii: ".")), Self.isLanguageCode(Substring(stem[stem.index(after: dot)...])) {
                language = String(Substring(stem[stem.index(after: dot)...]))
                id = String(Substring(stem[..<dot]))
            }
            guard isValidID(id) else {
                log.error(SourceLocation(path: display), "file name `\(ControlCharacterEscaping.escaped(name))` is not a valid id: use lower-case letters a-z, digits and `-`, starting with a letter or digit (e.g. `\(suggestedID(for: id)).md`)")
                continue
            }
            result.append(File(id: id, absolutePath: path, displayPath: display, language: language, isPlainFile: entry.isRegularFile))
        }
        return result
    }

    /// Two or three lower-case letters, as `ja` in `ID.ja.md`.
    static func isLanguageCode(_ code: Substring) -> Bool {
        (2...3).contains(code.utf8.count) && code.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, isLowerAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func suggestedID(for name: String) -> String {
        let slug = Slug.make(name)
        return slug.isEmpty ? "my-file" : slug
    }
}

/// A folder's entries in byte order of their names, with what the listing says about their kind.
enum DirectoryEntries {
    struct Entry: Sendable {
        let name: String
        /// A plain file, not a link: no need to examine it further.
        let isRegularFile: Bool
    }

    /// The name of an entry `readdir` returned, read in place: the record may be shorter than
    /// `dirent`, so copying the whole `d_name` field can read past the end of its buffer.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
        (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \.d_name)!).assumingMemoryBound(to: CChar.self)
    }

    /// Whether `readdir` says the entry is a plain file (not a link, a folder, or unknown).
    static func isRegularFile(_ entry: UnsafeMutablePointer<dirent>) -> Bool {
        UnsafeRawPointer(entry).load(fromByteOffset: MemoryLayout<dirent>.offset(of: \.d_type)!, as: UInt8.self) == UInt8(DT_REG)
    }

    static func list(_ folder: String) -> [Entry]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: [UInt8], isRegularFile: Bool)] = []
        while let entry = readdir(directory) {
            let namePointer = Self.name(of: entry)
            let name = Array(UnsafeRawBufferPointer(start: namePointer, count: strlen(namePointer)))
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            entries.append((name, isRegularFile(entry)))
        }
        // Byte order: ids are ASCII, and comparing Unicode strings took longer than the listing.
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return entries.map { Entry(name: String(decoding: $0.name, as: UTF8.self), isRegularFile: $0.isRegularFile) }
    }
}

/// What a path is, following a symbolic link only when its target stays inside `root`.
enum FileKind {
    case regular, directory, linkOutside, missing, other

    static func of(_ path: String, within root: String) -> FileKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard ResolvedPath.of(path) != nil else { return .missing }
            guard ResolvedPath.isInside(path, root) else { return .linkOutside }
            guard stat(path, &info) == 0 else { return .missing }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
