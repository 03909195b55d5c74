import Foundation

/// The first stage of a build: reads the whole content folder, parsing every file in parallel,
/// into a checked `SiteContent`, collecting every problem.
public struct ContentLoader: Sendable {
    public let folder: ContentFolder
    public let includeDrafts: Bool
    /// Overrides `base_url` from site.yml (the `--base-url` option).
    public let baseURLOverride: String?
    /// The edition to load: a language of `languages` in site.yml; nil for the first. A further
    /// language's edition shows each record's translation (`ID.LANG.md`) where there is one.
    public let language: String?

    public init(folder: ContentFolder, includeDrafts: Bool = false, baseURLOverride: String? = nil, language: String? = nil) {
        self.folder = folder
        self.includeDrafts = includeDrafts
        self.baseURLOverride = baseURLOverride
        self.language = language
    }

    public func load(log: inout DiagnosticLog) -> SiteContent? {
        var parsed = ParsedFiles()
        return load(log: &log, reusing: &parsed)
    }

    /// Loads the folder; a file `parsed` already holds for this base path is taken from there
    /// instead of being parsed again when the watcher did not name it (`changedPaths`) or its
    /// stamp (size, times and inode) is the same. `parsed` comes back describing this load.
    /// `sitegen build` starts with an empty one; `serve` keeps it in memory.
    func load(log: inout DiagnosticLog, reusing parsed: inout ParsedFiles) -> SiteContent? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.root, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.error(SourceLocation(path: folder.display(folder.root)), "content folder not found")
            return nil
        }
        var settings = SiteSettingsReader(folder: folder, baseURLOverride: baseURLOverride).read(log: &log)
        let languages = settings?.languages ?? []
        if let language, let read = settings {
            guard languages.contains(language) else {
                log.error(SourceLocation(path: folder.display(folder.siteFile)), "`\(language)` is not one of the site's `languages`")
                return nil
            }
            settings = SiteSettingsReader(folder: folder, baseURLOverride: baseURLOverride).translate(read.edition(language), log: &log)
        }
        let basePath = settings?.basePath ?? "/"
        // Loaded in a further language, a document's text is marked as the original's until a translation replaces it.
        let reader = ContentReader(markdown: MarkdownRenderer(basePath: basePath, rootPath: settings?.rootPath), language: languages.count > 1 ? languages[0] : "")
        let edition = settings?.isTranslation == true ? settings?.language : nil

        var files: [(ContentFolder.Section, ContentFileScanner.File)] = []
        var translations: [(ContentFolder.Section, ContentFileScanner.File)] = []
        let listing = parsed.unchangedListing(of: folder) ?? ParsedFiles.Listing(folder)
        parsed.listing = listing
        log.append(contentsOf: listing.diagnostics)
        for section in ContentFolder.Section.allCases {
            for file in listing.files[section] ?? [] {
                if file.language == nil {
                    files.append((section, file))
                } else if !languages.contains(file.language!) || file.language == languages.first {
                    log.error(SourceLocation(path: file.displayPath),
                              "`\(file.language!)` is not a further language of the site (site.yml `languages`: \(languages.joined(separator: ", "))); name the file `\(file.id).md` or add the language")
                } else if file.language == edition {
                    translations.append((section, file))
                }
            }
        }
        let previous = parsed
        // Files are parsed for each edition's base path: a body's links carry it.
        let known = parsed.entries[basePath] ?? [:]
        let all = files + translations
        let results = ParallelMap.map(all) { section, file -> (entry: ParsedFiles.Entry, isNew: Bool) in
            // A translation is checked against its original: read again when either changed.
            let original = file.language == nil ? nil : folder.folder(section) + "/" + file.id + ".md"
            let known = known[file.absolutePath]
            if let known, !previous.mayHaveChanged(file, original: original) { return (known, false) }
            let stamp = FileStamp(path: file.absolutePath)
            let originalStamp = original.flatMap(FileStamp.init(path:))
            if let stamp, let known, known.stamp == stamp, known.originalStamp == originalStamp { return (known, false) }
            var fileLog = DiagnosticLog()
            let model = file.language == nil ? parse(section, file, reader: reader, log: &fileLog).map(ParsedFiles.Model.record)
                : readTranslation(section, file, reader: reader, log: &fileLog).map(ParsedFiles.Model.translation)
            return (ParsedFiles.Entry(stamp: stamp, originalStamp: originalStamp, parsed: model, diagnostics: fileLog.entries), true)
        }
        for ((_, file), result) in zip(all, results) where result.isNew {
            // An entry without a stamp (the file could not be examined) is never kept.
            parsed.entries[basePath, default: [:]][file.absolutePath] = result.entry.stamp == nil ? nil : result.entry
        }
        let entries = results.map(\.entry)
        // The ids of the folders something names: a reference field its folder's, a translation its original's.
        let named = Set((Activity.referenceFields + Citations.declaredFields).compactMap(\.referencedSection) + translations.map(\.0))
        var fileIDs: [ContentFolder.Section: Set<String>] = [:]
        for (section, file) in files where named.contains(section) { fileIDs[section, default: []].insert(file.id) }
        // Translations by folder and id, and a check that each has its original.
        var translated: [ContentFolder.Section: [String: Translation]] = [:]
        for ((section, file), entry) in zip(translations, entries.suffix(translations.count)) {
            guard fileIDs[section]?.contains(file.id) == true else {
                log.error(SourceLocation(path: file.displayPath), "translation without an original: there is no `\(file.id).md` in \(section.rawValue)/")
                continue
            }
            if case .translation(let translation) = entry.parsed { translated[section, default: [:]][file.id] = translation }
        }

        var activities: [Activity] = [], published: [Activity] = [], partners: [Partner] = [], plans: [ActionPlan] = [], pages: [Page] = []
        var sources: [Source] = []
        activities.reserveCapacity(entries.count)
        published.reserveCapacity(entries.count)
        let translatedActivities = translated[.activities] ?? [:]
        for entry in entries {
            for diagnostic in entry.diagnostics { log.append(diagnostic) }
            guard case .record(let model) = entry.parsed else { continue }
            switch model {
            case .activity(let value):
                let value = translatedActivities.isEmpty ? value : translatedActivities[value.id]?.localized(value) ?? value
                activities.append(value)
                if includeDrafts || !value.draft { published.append(value) }
            case .partner(let value): partners.append(translated[.partners]?[value.id]?.localized(value) ?? value)
            case .actionPlan(let value): plans.append(translated[.actionPlans]?[value.id]?.localized(value) ?? value)
            case .page(let value): pages.append(translated[.pages]?[value.id]?.localized(value) ?? value)
            case .source(let value): sources.append(value)
            }
        }
        let references = ReferenceChecker(fileIDs: fileIDs)
        let referenceLogs = ParallelMap.runs(count: activities.count, length: 1024) { [activities] run in
            var runLog = DiagnosticLog()
            // Each field's ids looked up once per run, not once per activity.
            for (field, known) in Activity.referenceFields.map({ ($0, references.ids(named: $0)) }) {
                for activity in activities[run] {
                    references.check(field, of: activity.values, among: known, at: activity.document.location, log: &runLog)
                }
            }
            return runLog
        }
        for runLog in referenceLogs { log.append(contentsOf: runLog) }
        if let types = settings?.types {
            for activity in activities where activity.values.text("type") != nil && !types.contains(activity.type) {
                log.error(activity.values.location(of: "type") ?? activity.document.location,
                          "unknown type `\(activity.type)`\(NameSuggester.nearestHint(for: activity.type, among: types)); the types are listed under `types` in site.yml")
            }
        }
        let citing = partners.map { ($0.citations, $0.document) } + plans.map { ($0.citations, $0.document) } + pages.map { ($0.citations, $0.document) }
        for (citations, document) in citing {
            for field in Citations.declaredFields { references.check(field, of: citations.values, at: document.location, log: &log) }
        }
        checkEditions(plans, log: &log)
        let staticFiles = StaticFiles.list(in: folder, log: &log)
        guard let settings else { return nil }
        let content = SiteContent(settings: settings, activities: published, partners: partners, actionPlans: plans, pages: pages,
                                  sources: sources, staticFiles: staticFiles)
        warnAboutGaps(content, log: &log)
        return content
    }

    /// A translation (`ID.LANG.md`), its facts checked against its original `ID.md`.
    func readTranslation(_ section: ContentFolder.Section, _ file: ContentFileScanner.File, reader: ContentReader,
                         log: inout DiagnosticLog) -> Translation? {
        let originalPath = folder.folder(section) + "/" + file.id + ".md"
        // The original's own problems are reported with it; here it gives the facts to compare,
        // and its headings' ids, which the translation's headings take in order.
        var ignored = DiagnosticLog()
        let originalFile = ContentFileScanner.File(id: file.id, absolutePath: originalPath, displayPath: folder.display(originalPath))
        guard let originalBytes = read(originalFile, log: &ignored),
              let (original, originalDocument) = reader.document(id: file.id, path: originalFile.displayPath, bytes: originalBytes, log: &ignored),
              let bytes = read(file, log: &log),
              let (fields, document) = reader.document(id: file.id, path: file.displayPath, bytes: bytes,
                                                       headingIDs: originalDocument.body.headingIDs, log: &log)
        else { return nil }
        return Translation.read(fields, document, language: file.language ?? "", section: section, original: original, log: &log)
    }

    private func read(_ file: ContentFileScanner.File, log: inout DiagnosticLog) -> [UInt8]? {
        switch FileBytes.read(file.absolutePath, limit: SourceText.maximumBytes) {
        case .success(let bytes): return bytes
        case .failure(let failure):
            log.error(SourceLocation(path: file.displayPath), failure.message(kind: "content files"))
            return nil
        }
    }

    /// The file's model; nil (with diagnostics) when it cannot be read or is not valid.
    func parse(_ section: ContentFolder.Section, _ file: ContentFileScanner.File, reader: ContentReader, log: inout DiagnosticLog) -> ParsedFile? {
        guard let bytes = read(file, log: &log), let (fields, document) = reader.document(id: file.id, path: file.displayPath, bytes: bytes, log: &log) else {
            return nil
        }
        return switch section {
        case .activities: reader.activity(fields, document, log: &log).map(ParsedFile.activity)
        case .partners: reader.partner(fields, document, log: &log).map(ParsedFile.partner)
        case .actionPlans: reader.actionPlan(fields, document, log: &log).map(ParsedFile.actionPlan)
        case .pages: reader.page(fields, document, log: &log).map(ParsedFile.page)
        case .sources: reader.source(fields, document, log: &log).map(ParsedFile.source)
        }
    }

    /// Not wrong, but probably unfinished: `check --strict` fails on these.
    private func warnAboutGaps(_ content: SiteContent, log: inout DiagnosticLog) {
        for partner in content.partners where content.activityIndexesByPartner[partner.id] == nil {
            log.warning(partner.document.location, "partner `\(partner.id)` has no published activities; its page lists nothing")
        }
        for activity in content.activities where activity.document.body.isEmpty {
            log.warning(activity.document.location, "activity has no body text below its front matter")
        }
    }

    private func checkEditions(_ plans: [ActionPlan], log: inout DiagnosticLog) {
        var firstByEdition: [Int: ActionPlan] = [:]
        for plan in plans.sorted(by: { $0.document.path < $1.document.path }) {
            if let first = firstByEdition[plan.edition] {
                log.error(plan.editionLocation, "edition \(plan.edition) is already used by \(first.document.path)")
            } else {
                firstByEdition[plan.edition] = plan
            }
        }
    }
}

/// The model one content file parses to.
enum ParsedFile: Sendable {
    case activity(Activity)
    case partner(Partner)
    case actionPlan(ActionPlan)
    case page(Page)
    case source(Source)
}
