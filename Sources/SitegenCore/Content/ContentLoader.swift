import Foundation

/// Reads the whole content folder in parallel into a checked `SiteContent`, collecting every problem.
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
        var cache: ContentCache?
        return load(log: &log, cache: &cache)
    }

    /// Loads the folder reusing what `cache` holds for unchanged files; `cache` comes back
    /// describing every file of this load (nil when site.yml could not be read).
    /// `knownFiles` holds keys of files already examined in this build (`InputFingerprint.fileKeys()`).
    /// `walk`, when the build has walked the inputs, also gives each section's listing.
    func load(log: inout DiagnosticLog, cache: inout ContentCache?, knownFiles: [String: ContentCache.FileKey] = [:],
              walk: InputFingerprint? = nil) -> SiteContent? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.root, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.error(SourceLocation(path: folder.display(folder.root)), "content folder not found")
            return nil
        }
        let settings = SiteSettingsReader(folder: folder, baseURLOverride: baseURLOverride).read(log: &log)
        let reader = ContentReader(markdown: MarkdownRenderer(basePath: settings?.basePath ?? "/"))

        var files: [(ContentFolder.Section, ContentFileScanner.File)] = []
        for section in ContentFolder.Section.allCases {
            files += ContentFileScanner.files(in: section, of: folder, listing: walk?.listing(of: folder.folder(section)), log: &log)
                .map { (section, $0) }
        }
        // Parsing depends on the base path, how paths are shown, and this very build of sitegen.
        let context = ContentCache.context(basePath: settings?.basePath ?? "-", folder: folder)
        let previous = cache?.context == context ? cache : nil
        // Files are opened by name within their section's folder, opened once here.
        var sectionFolders: [ContentFolder.Section: Int32] = [:]
        for section in ContentFolder.Section.allCases {
            let descriptor = open(folder.folder(section), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 { sectionFolders[section] = descriptor }
        }
        defer { for descriptor in sectionFolders.values { close(descriptor) } }
        let loaded = ParallelMap.map(files) { [sectionFolders] section, file -> (entry: ContentCache.Entry, reused: Bool) in
            // A file the walk left unexamined gets its key as it is read, unless a cache entry may spare reading it.
            let key = knownFiles[file.absolutePath] ?? (previous == nil ? nil : ContentCache.FileKey(path: file.absolutePath))
            if let cached = previous?.entry(for: file.absolutePath, key: key) { return (cached, true) }
            var fileLog = DiagnosticLog()
            let (parsed, readKey) = parse(section, file, in: sectionFolders[section], knownKey: key, reader: reader, log: &fileLog)
            return (ContentCache.Entry(key: key ?? readKey, parsed: parsed, diagnostics: fileLog.entries), false)
        }
        // What follows the parse is one-core work: the cache's table and the cross-file checks go
        // to the other core while this one sorts the content.
        let cacheWork = BackgroundWork { [previous, files] in
            var updated = ContentCache(context: context)
            if let previous {
                updated.encodedEntries = previous.encodedEntries
                updated.encodedFragments = previous.encodedFragments
                updated.file = previous.file
            }
            updated.entries.reserveCapacity(files.count)
            updated.reusedDocuments.reserveCapacity(files.count)
            for (file, result) in zip(files, loaded) {
                updated.entries[file.1.absolutePath] = result.entry
                if result.reused { updated.reusedDocuments.insert(file.1.displayPath) }
            }
            return updated
        }

        // One pass over what the other cores made: each entry and activity is read here for the first time on this core.
        var activities: [Activity] = [], published: [Activity] = [], partners: [Partner] = [], plans: [ActionPlan] = [], pages: [Page] = []
        activities.reserveCapacity(loaded.count)
        published.reserveCapacity(loaded.count)
        for result in loaded {
            let entry = result.entry
            for diagnostic in entry.diagnostics { log.append(diagnostic) }
            switch entry.parsed {
            case .activity(let value):
                activities.append(value)
                if includeDrafts || !value.draft { published.append(value) }
            case .partner(let value): partners.append(value)
            case .actionPlan(let value): plans.append(value)
            case .page(let value): pages.append(value)
            case nil: break
            }
        }
        let partnerFileIDs = Set(files.lazy.filter { $0.0 == .partners }.map(\.1.id))
        let checksWork = BackgroundWork { [self, activities, published, partners, plans] in
            var checksLog = DiagnosticLog()
            checkReferences(activities: activities, partnerFileIDs: partnerFileIDs, log: &checksLog)
            checkEditions(plans, log: &checksLog)
            warnAboutGaps(published: published, partners: partners, log: &checksLog)
            return checksLog
        }
        var staticLog = DiagnosticLog()
        let staticFiles = StaticFiles.list(in: folder, log: &staticLog)
        let content = settings.map {
            SiteContent(settings: $0, activities: published, partners: partners, actionPlans: plans, pages: pages, staticFiles: staticFiles)
        }
        log.append(contentsOf: checksWork.wait())
        log.append(contentsOf: staticLog)
        cache = settings == nil ? nil : cacheWork.wait()
        return content
    }

    /// The file's model, and its key as it was read (nil when it could not be). `folder`: the
    /// section's folder, open, to read the file by name in. `knownKey`: the key the build found
    /// the file with, which its document then carries, as its cache entry does.
    func parse(_ section: ContentFolder.Section, _ file: ContentFileScanner.File, in folder: Int32? = nil,
               knownKey: ContentCache.FileKey? = nil, reader: ContentReader, log: inout DiagnosticLog) -> (ParsedFile?, ContentCache.FileKey?) {
        let read = folder.map { FileBytes.contentsAndKey(of: file.id + ".md", in: $0) } ?? FileBytes.contentsAndKey(of: file.absolutePath)
        guard let (bytes, key) = read else {
            log.error(SourceLocation(path: file.displayPath), "cannot read file")
            return (nil, nil)
        }
        return (parse(section, file, bytes: bytes, fileKey: knownKey ?? key, reader: reader, log: &log), key)
    }

    private func parse(_ section: ContentFolder.Section, _ file: ContentFileScanner.File, bytes: [UInt8], fileKey: ContentCache.FileKey,
                       reader: ContentReader, log: inout DiagnosticLog) -> ParsedFile? {
        guard let (fields, document) = reader.document(id: file.id, path: file.displayPath, bytes: bytes, fileKey: fileKey, log: &log) else {
            return nil
        }
        return switch section {
        case .activities: reader.activity(fields, document, log: &log).map(ParsedFile.activity)
        case .partners: reader.partner(fields, document, log: &log).map(ParsedFile.partner)
        case .actionPlans: reader.actionPlan(fields, document, log: &log).map(ParsedFile.actionPlan)
        case .pages: reader.page(fields, document, log: &log).map(ParsedFile.page)
        }
    }

    /// A partner whose own file has errors is reported there, not again as unknown here.
    private func checkReferences(activities: [Activity], partnerFileIDs: Set<String>, log: inout DiagnosticLog) {
        for activity in activities {
            for partnerID in activity.partnerIDs where !partnerFileIDs.contains(partnerID) {
                log.error(activity.partnerLocations[partnerID] ?? activity.document.location,
                          "unknown partner `\(partnerID)`\(NameSuggester.hint(for: partnerID, among: partnerFileIDs)); partner ids are the file names in partners/")
            }
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
