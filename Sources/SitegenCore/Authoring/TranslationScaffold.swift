import Foundation

/// `sitegen new translation LANG PATH`: starts `ID.LANG.md` beside `PATH` (`ID.md`) with the
/// original's text fields and body to translate; every other field stays in the original.
public struct TranslationScaffold {
    public let folder: ContentFolder

    public init(contentFolder: String, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        folder = ContentFolder(path: contentFolder, workingDirectory: workingDirectory)
    }

    /// Writes the translation and returns its path as shown to the user. Never overwrites.
    public func create(language: String, of original: String, workingDirectory: String = FileManager.default.currentDirectoryPath) throws(BuildError) -> String {
        let path = PathDisplay.absolute(original, from: workingDirectory)
        let shown = folder.display(path)
        guard ContentFileScanner.isLanguageCode(Substring(language)) else {
            throw BuildError(Diagnostic(path: shown, message: "`\(language)` is not a language code such as `ja`"))
        }
        let name = (path as NSString).lastPathComponent
        let folderName = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        guard name.hasSuffix(".md"), let section = ContentFolder.Section(rawValue: folderName), section != .sources,
              ContentFileScanner.isValidID(String(name.dropLast(3))) else {
            throw BuildError(Diagnostic(path: shown, message: "expected a record such as content/activities/ID.md to translate"))
        }
        let bytes: [UInt8]
        switch FileBytes.read(path, limit: SourceText.maximumBytes) {
        case .success(let read): bytes = read
        case .failure(let failure): throw BuildError(Diagnostic(path: shown, message: failure.message(kind: "content files")))
        }
        var log = DiagnosticLog()
        guard case .success(let text) = SourceText.decode(bytes, path: shown),
              case .success(let split) = FrontMatterSplitter.split(text.text, path: shown),
              let fields = FrontMatter.parse(split, path: shown, log: &log) else {
            throw BuildError(log.entries.isEmpty ? [Diagnostic(path: shown, message: "cannot read the original's front matter")] : log.entries)
        }
        var lines = ["---", "# The \(language) version of \(name): translate the text below. Dates, partners,",
                     "# sources and every other field come from \(name)."]
        for key in Translation.textFields(of: section) {
            if let value = fields.text(key, log: &log) { lines.append("\(key): \(Self.quoted(value))") }
        }
        lines.append("---")
        let translation = (path as NSString).deletingLastPathComponent + "/" + name.dropLast(3) + "." + language + ".md"
        let shownTranslation = folder.display(translation)
        let descriptor = open(translation, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists; edit that file" : String(cString: strerror(errno))
            throw BuildError(Diagnostic(path: shownTranslation, message: reason))
        }
        defer { close(descriptor) }
        let output = Array((lines.joined(separator: "\n") + "\n" + split.body).utf8)
        if let failure = output.withUnsafeBytes({ FileBytes.writeAll(descriptor, $0) }) {
            throw BuildError(Diagnostic(path: shownTranslation, message: "cannot write file: \(failure)"))
        }
        return shownTranslation
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// How much of the site each further language has translated, by folder.
public struct TranslationCoverage: Sendable, Equatable {
    public let language: String
    /// Folder, translated records, all records.
    public let folders: [(folder: String, translated: Int, total: Int)]

    public var line: String {
        "\(language): " + folders.map { "\($0.folder) \($0.translated)/\($0.total)" }.joined(separator: ", ")
    }

    public static func == (left: TranslationCoverage, right: TranslationCoverage) -> Bool { left.line == right.line }

    /// One per further language of `site.yml`'s `languages`; none for a site in one language.
    public static func of(_ options: BuildOptions) -> [TranslationCoverage] {
        let folder = options.contentFolder
        var log = DiagnosticLog()
        guard let settings = SiteSettingsReader(folder: folder, baseURLOverride: nil).read(log: &log) else { return [] }
        let sections: [ContentFolder.Section] = [.activities, .partners, .actionPlans, .pages]
        let files = sections.map { ($0, ContentFileScanner.files(in: $0, of: folder, log: &log)) }
        return settings.languages.dropFirst().map { language in
            TranslationCoverage(language: language, folders: files.map { section, files in
                let originals = Set(files.filter { $0.language == nil }.map(\.id))
                let translated = Set(files.filter { $0.language == language }.map(\.id)).intersection(originals)
                return (section.rawValue, translated.count, originals.count)
            })
        }
    }
}
