import Foundation

/// The first stage of a build: reads the whole content folder, parsing every file in parallel,
/// into a checked `SiteContent`, collecting every problem.
public struct ContentLoader: Sendable {
    public let folder: ContentFolder
    public let includeDrafts: Bool
    /// Overrides `base_url` from site.yml (the `--base-url` option).
    public let baseURLOverride: String?

    public init(folder: ContentFolder, includeDrafts: Bool = false, baseURLOverride: String? = nil) {
        self.folder = folder
        self.includeDrafts = includeDrafts
        self.baseURLOverride = baseURLOverride
    }

    public func load(log: inout DiagnosticLog) -> SiteContent? {
        var parsed = ParsedFiles()
        return load(log: &log, reusing: &parsed)
    }

    /// Loads the folder; a file whose stamp `parsed` already holds (same size, times and inode,
    /// same base path) is taken from there instead of being parsed again. `parsed` comes back
    /// describing this load. `sitegen build` starts with an empty one; `serve` keeps it in memory.
    func load(log: inout DiagnosticLog, reusing parsed: inout ParsedFiles) -> SiteContent? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.root, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.error(SourceLocation(path: folder.display(folder.root)), "content folder not found")
            return nil
        }
        let settings = SiteSettingsReader(folder: folder, baseURLOverride: baseURLOverride).read(log: &log)
        let basePath = settings?.basePath ?? "/"
        let reader = ContentReader(markdown: MarkdownRenderer(basePath: basePath))

        var files: [(ContentFolder.Section, ContentFileScanner.File)] = []
        for section in ContentFolder.Section.allCases {
            // Translations (`ID.ja.md`) are read by the translation stage, not as records of their own.
            files += ContentFileScanner.files(in: section, of: folder, log: &log).filter { $0.language == nil }.map { (section, $0) }
        }
        let previous = parsed
        let entries = ParallelMap.map(files) { section, file -> ParsedFiles.Entry in
            let stamp = FileStamp(path: file.absolutePath)
            if let stamp, let known = previous.entries[file.absolutePath], known.stamp == stamp, known.basePath == basePath {
                return known
            }
            var fileLog = DiagnosticLog()
            let model = parse(section, file, reader: reader, log: &fileLog)
            return ParsedFiles.Entry(stamp: stamp, basePath: basePath, model: model, diagnostics: fileLog.entries)
        }
        parsed = ParsedFiles()
        for ((_, file), entry) in zip(files, entries) where entry.stamp != nil {
            parsed.entries[file.absolutePath] = entry
        }

        var activities: [Activity] = [], published: [Activity] = [], partners: [Partner] = [], plans: [ActionPlan] = [], pages: [Page] = []
        var sources: [Source] = []
        for entry in entries {
            for diagnostic in entry.diagnostics { log.append(diagnostic) }
            switch entry.model {
            case .activity(let value):
                activities.append(value)
                if includeDrafts || !value.draft { published.append(value) }
            case .partner(let value): partners.append(value)
            case .actionPlan(let value): plans.append(value)
            case .page(let value): pages.append(value)
            case .source(let value): sources.append(value)
            case nil: break
            }
        }
        var fileIDs: [ContentFolder.Section: Set<String>] = [:]
        for (section, file) in files { fileIDs[section, default: []].insert(file.id) }
        let references = ReferenceChecker(fileIDs: fileIDs)
        for activity in activities {
            for field in Activity.declaredFields { references.check(field, of: activity.values, at: activity.document, log: &log) }
        }
        if let types = settings?.types {
            for activity in activities where activity.values.text("type") != nil && !types.contains(activity.type) {
                log.error(activity.values.location(of: "type") ?? activity.document.location,
                          "unknown type `\(activity.type)`\(NameSuggester.nearestHint(for: activity.type, among: types)); the types are listed under `types` in site.yml")
            }
        }
        let citing = partners.map { ($0.citations, $0.document) } + plans.map { ($0.citations, $0.document) } + pages.map { ($0.citations, $0.document) }
        for (citations, document) in citing {
            for field in Citations.declaredFields { references.check(field, of: citations.values, at: document, log: &log) }
        }
        checkEditions(plans, log: &log)
        warnAboutGaps(published: published, partners: partners, log: &log)
        let staticFiles = StaticFiles.list(in: folder, log: &log)
        return settings.map {
            SiteContent(settings: $0, activities: published, partners: partners, actionPlans: plans, pages: pages, sources: sources,
                        staticFiles: staticFiles)
        }
    }

    /// The file's model; nil (with diagnostics) when it cannot be read or is not valid.
    func parse(_ section: ContentFolder.Section, _ file: ContentFileScanner.File, reader: ContentReader, log: inout DiagnosticLog) -> ParsedFile? {
        let bytes: [UInt8]
        switch FileBytes.read(file.absolutePath, limit: SourceText.maximumBytes) {
        case .success(let read): bytes = read
        case .failure(let failure):
            log.error(SourceLocation(path: file.displayPath), failure.message)
            return nil
        }
        guard let (fields, document) = reader.document(id: file.id, path: file.displayPath, bytes: bytes, log: &log) else {
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
    private func warnAboutGaps(published: [Activity], partners: [Partner], log: inout DiagnosticLog) {
        let partnersWithActivities = Set(published.flatMap(\.partnerIDs))
        for partner in partners where !partnersWithActivities.contains(partner.id) {
            log.warning(partner.document.location, "partner `\(partner.id)` has no published activities; its page lists nothing")
        }
        for activity in published where activity.document.body.isEmpty {
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

/// What each content file parsed to, by absolute path, with the stamp of the file it was read from.
struct ParsedFiles: Sendable {
    struct Entry: Sendable {
        /// nil when the file could not be examined: such an entry is never reused.
        let stamp: FileStamp?
        /// Bodies carry the base path in their links: a new base path means parsing again.
        let basePath: String
        let model: ParsedFile?
        let diagnostics: [Diagnostic]
    }

    var entries: [String: Entry] = [:]
}
