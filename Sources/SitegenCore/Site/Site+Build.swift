import Foundation

/// What a build did, for the one-line summary.
public struct BuildReport: Sendable {
    public var pagesWritten: Int
    public var filesWritten: Int
    /// Files whose bytes this build changed; the rest were left as they were.
    public var filesChanged = 0
    public var warnings: [Diagnostic]
    public var timings: StageTimings
    /// True when nothing had changed since the last build and the output was left as it was.
    public var upToDate = false
    /// Edited bodies written into the files that show them, without building the rest (`BodyEditBuild`).
    public var bodiesWrittenInPlace = 0
    /// Edited activities written into the files that show them, with their neighbours' pages (`FrontMatterEditBuild`).
    public var activitiesWrittenInPlace = 0
}

extension Site {
    /// Loads, checks, renders and writes the site; on any error the output folder is left as it was.
    public static func build(_ options: BuildOptions) throws(BuildError) -> BuildReport {
        var log = DiagnosticLog()
        var timings = StageTimings()
        let cacheFile = options.cacheFile
        // While this core walks the inputs, the other checks what the last build left (and
        // helps with the walk first): an unchanged site is known as soon as both are done, a
        // changed one as soon as the walk is.
        let outputFolder = options.outputFolder
        let check = options.force ? nil : OutputCheck(folder: outputFolder)
        // With no output to compare, the content files are examined as they are read, not walked twice.
        let nothingToCompare = options.force || access(outputFolder + "/" + OutputManifest.fileName, F_OK) != 0
        let listingsFile = FolderListings.file(for: options)
        let (walk, upToDate) = timings.measure("compare inputs") {
            let walk = InputFingerprint.compute(options, leavingContentFiles: nothingToCompare,
                                                previousListings: options.force ? nil : FolderListings.read(from: listingsFile))
            let unchanged = walk.isComplete && check?.recordedFingerprint == walk.value
            return (walk, unchanged && check?.intactFingerprint != nil)
        }
        // Facts about the input folders, whatever becomes of this build; written beside it.
        let listingsWrite = walk.listingsChanged ? BackgroundWork { walk.listings.install(at: listingsFile) } : nil
        defer { listingsWrite?.wait() }
        if upToDate {
            return BuildReport(pagesWritten: 0, filesWritten: 0, warnings: [], timings: timings, upToDate: true)
        }
        AllocatorTuning.reserveHeapsForBuild()
        // Read only now: an up-to-date build never needs it, and reading it beside the walk slowed that down.
        let indexFile = DocumentIndex.file(for: options)
        let previousIndex = options.force ? nil : BackgroundWork { DocumentIndex.read(from: indexFile) }
        // Every build that is not up to date needs the theme: an edit in place of an activity as
        // much as the whole pipeline, which would otherwise read it beside the content.
        let theme = readTheme(options)
        let cacheMapping = options.force ? nil : CacheBytes(mapping: cacheFile).map { ($0, CacheBytes(mapping: ContentCache.changesFile(for: cacheFile))) }
        // An edit in place goes ahead on the digest the manifest records, and writes only once
        // the output's files are all found where the last build left them.
        if walk.isComplete, let check, let previousFingerprint = check.recordedFingerprint,
           let index = timings.measure("read index", { previousIndex?.wait() }), index.fingerprint == previousFingerprint,
           let report = try BodyEditBuild(options: options, index: index, fingerprint: walk, indexFile: indexFile, theme: theme,
                                          outputIsIntact: { check.intactFingerprint != nil })
               .run(timings: &timings, cache: cacheMapping) {
            // Freed entry by entry on the way out, the walk and the index took 10 ms, a fifth of an edit in place.
            RetainedBuild.keep([walk, index])
            return report
        }
        var cache = timings.measure("read cache") { cacheMapping.flatMap { try? ContentCache(decoding: $0.0, changes: $0.1) } }
        guard let site = load(options, log: &log, timings: &timings, cache: &cache, knownFiles: walk.fileKeys(), walk: walk, theme: theme) else {
            throw BuildError(log.entries)
        }
        let fingerprint = walk.completed { [cache] path in cache?.entries[path]?.key }
        let writer = try OutputWriter(
            output: options.outputFolder,
            protectedFolders: [options.contentFolder.root, options.templatesFolder],
            force: options.force, display: options.pathDisplay,
            previousFilesChecked: check?.intactFingerprint != nil)
        // After the writer: on a first build it makes the folder the cache goes in.
        let cacheWrite = cache.map { cache in BackgroundWork { cache.writeTemporaryFile(for: cacheFile) } }
        // The data files need no page: written beside the pages, they no longer end the build on one core.
        let dataFiles = BackgroundWork { [site] in Result { try site.writeDataFiles(into: writer) } }
        // What the last stages made, kept with the site (`RetainedBuild`): freeing the index and
        // the pages' body places one by one took 1-3 ms at the end of a 10,000 build.
        var lastStages: [any Sendable] = []
        do {
            let pageBodies = try timings.measure("render pages") { try site.renderPages(into: writer) }
            let feedSlots = try timings.measure("write data files") { try dataFiles.wait().get() }
            try timings.measure("copy assets and static files") { try site.copyFiles(into: writer) }
            // Slots carried over from the last index are valid only if it describes the output this build updated.
            let previous = previousIndex?.wait().flatMap { $0.fingerprint == writer.previous?.fingerprint ? $0 : nil }
            let index = timings.measure("index documents") {
                cache.map { site.documentIndex(fingerprint: fingerprint, cache: $0, warnings: log.warnings, pageBodies: pageBodies,
                                               feedSlots: feedSlots, previous: previous, fileCount: writer.fileCount) }
            }
            let indexWrite = BackgroundWork { index?.writeTemporaryFile(for: indexFile) }
            try timings.measure("swap output") { try writer.commit(fingerprint: fingerprint) }
            timings.measure("write cache") {
                if let written = cacheWrite?.wait() { ContentCache.install(written, at: cacheFile) }
            }
            timings.measure("write index") { DocumentIndex.install(indexWrite.wait(), at: indexFile) }
            lastStages = [pageBodies, feedSlots, index]
        } catch {
            _ = dataFiles.wait()  // it may still be writing into the staging folder
            writer.abandon()
            if let written = cacheWrite?.wait() { ContentCache.discard(written) }
            throw (error as? BuildError) ?? BuildError(Diagnostic(path: options.output, message: "\(error)"))
        }
        RetainedBuild.keep([site, cache, writer] + lastStages)
        return BuildReport(pagesWritten: site.jobs.count, filesWritten: writer.fileCount,
                           filesChanged: writer.stagedCount, warnings: log.warnings, timings: timings)
    }

    /// Everything `build` checks, without writing anything.
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        var log = DiagnosticLog()
        var timings = StageTimings()
        _ = load(options, log: &log, timings: &timings)
        return log.sorted
    }

    /// `bodyHTML`: the body of the document the page shows, if it shows one (`bodyHTML(of:file:)`).
    func renderPage(_ job: PageJob, bodyHTML: [UInt8]) -> (bytes: [UInt8], body: BodyPlacement) {
        let context: PageContext = switch job {
        case .home: views.home(graphics: graphics)
        case .timeline: views.timeline()
        case .partners: views.partners(graphics: graphics)
        case .actionPlans: views.actionPlans(graphics: graphics)
        case .search: views.search()
        case .notFound: views.notFound()
        case .activity(let index): views.activity(at: index, bodyHTML: bodyHTML)
        case .partner(let index): views.partner(at: index, graphics: graphics, bodyHTML: bodyHTML)
        case .actionPlan(let index): views.actionPlan(at: index, bodyHTML: bodyHTML)
        case .page(let index): views.page(at: index, bodyHTML: bodyHTML)
        }
        // Pages that list activities get room for their entries and the year and month groups around
        // them at once: a buffer doubled ten times held the timeline three times over at its peak.
        var expectedSize = 16 * 1024
        switch job {
        case .timeline: expectedSize += listedSize(of: fragments.indices)
        case .partner(let index): expectedSize += listedSize(of: content.activityIndexesByPartner[content.partners[index].id] ?? [])
        default: break
        }
        return templates.renderPlacingBody(context, with: job.template, expectedSize: expectedSize)
    }

    /// The bytes of these activities' list entries, and an eighth more for the markup between them.
    private func listedSize(of indexes: some Sequence<Int>) -> Int {
        let entries = indexes.reduce(0) { $0 + (fragments.indices.contains($1) ? fragments[$1].listHTML.count : 0) }
        return entries + entries / 8
    }

    /// Renders every page but the activity and partner pages whose key says they are current.
    /// Returns what each document's page showed of its body, by the document's file.
    func renderPages(into writer: OutputWriter) throws -> [String: PageBody] {
        let folders = documentFolders()
        let outcomes = ParallelMap.map(Self.pageRuns(jobs)) { run in
            writer.withRun { written in run.map { renderPage(jobs[$0], folders: folders, into: writer, run: &written) } }
        }
        var bodies: [String: PageBody] = Dictionary(minimumCapacity: jobs.count)
        for outcome in outcomes.joined() {
            if let (source, body) = try outcome.get() { bodies[source] = body }
        }
        return bodies
    }

    /// The jobs cut into runs for `renderPages`, the longest pages first so that the cores end
    /// together: the pages that list activities one to a run, then the other pages eight to a
    /// run, then the activity pages, all much alike, 32 to a run.
    static func pageRuns(_ jobs: [PageJob]) -> [Range<Int>] {
        var listing: [Range<Int>] = [], others: [Int] = [], activities: [Int] = []
        for (index, job) in jobs.enumerated() {
            switch job {
            case .timeline, .partner, .home, .partners: listing.append(index..<index + 1)
            case .activity: activities.append(index)
            default: others.append(index)
            }
        }
        // Jobs of one kind come together (`PageJob.all`): consecutive indexes cut into runs.
        func runs(_ indexes: [Int], length: Int) -> [Range<Int>] {
            var runs: [Range<Int>] = []
            for index in indexes {
                if let last = runs.last, last.upperBound == index, last.count < length {
                    runs[runs.count - 1] = last.lowerBound..<index + 1
                } else {
                    runs.append(index..<index + 1)
                }
            }
            return runs
        }
        return listing + runs(others, length: 8) + runs(activities, length: 32)
    }

    /// Renders and writes one page, or keeps it when its key says it is current.
    private func renderPage(_ job: PageJob, folders: [ContentFolder.Section: String], into writer: OutputWriter,
                            run: inout OutputWriter.Run) -> Result<(String, PageBody)?, BuildError> {
        do {
            let path = job.outputPath(in: content)
            let source = documentFile(of: job, in: folders)
            var key = ""
            switch job {
            case .activity(let index): key = activityKeys?[index] ?? ""
            case .partner(let index): key = partnerKeys?[index] ?? ""
            default: break
            }
            if writer.isCurrent(path, key: key) {
                writer.keep(path, key: key, in: &run)
                return .success(source.map { ($0, .kept) })
            }
            let bodyHTML = try source.map { try self.bodyHTML(of: job, file: $0) } ?? []
            let (page, body) = renderPage(job, bodyHTML: bodyHTML)
            try page.withUnsafeBytes { bytes in try writer.write(path, bytes, key: key, in: &run) }
            guard let source else { return .success(nil) }
            switch body {
            case .absent: return .success((source, .shown([])))
            case .untracked: return .success((source, .untracked))
            case .at(let range):
                let slot = page.withUnsafeBufferPointer { bytes in
                    DocumentIndex.Slot(file: path, range: range, fileSize: bytes.count,
                                       digest: DocumentIndex.digest(UnsafeBufferPointer(rebasing: bytes[range])), escaped: false)
                }
                return .success((source, .shown([slot])))
            }
        } catch {
            return .failure((error as? BuildError) ?? BuildError(Diagnostic(path: job.outputPath(in: content), message: "\(error)")))
        }
    }

    /// The content file a page shows the body of, by absolute path; `folders` from `documentFolders()`.
    func documentFile(of job: PageJob, in folders: [ContentFolder.Section: String]) -> String? {
        switch job {
        case .activity(let index): folders[.activities]! + content.activities[index].id + ".md"
        case .partner(let index): folders[.partners]! + content.partners[index].id + ".md"
        case .actionPlan(let index): folders[.actionPlans]! + content.actionPlans[index].id + ".md"
        case .page(let index): folders[.pages]! + content.pages[index].id + ".md"
        default: nil
        }
    }

    /// The content document whose body the page shows.
    private func document(of job: PageJob) -> ContentDocument? {
        switch job {
        case .activity(let index): content.activities[index].document
        case .partner(let index): content.partners[index].document
        case .actionPlan(let index): content.actionPlans[index].document
        case .page(let index): content.pages[index].document
        default: nil
        }
    }

    /// The body the page shows, as HTML; `file` is its document's (`documentFile(of:in:)`).
    private func bodyHTML(of job: PageJob, file: String) throws(BuildError) -> [UInt8] {
        guard let document = document(of: job) else { return [] }
        return try bodyHTML(of: document, file: file)
    }

    /// A document's body as HTML. The content cache keeps none: a body read from it is rendered
    /// again from `file` (its absolute path), which the walk found unchanged.
    func bodyHTML(of document: ContentDocument, file: String) throws(BuildError) -> [UInt8] {
        switch document.body.storedHTML {
        case .bytes(let html): return html
        case .notKept(let isEmpty):
            if isEmpty { return [] }
            guard let bytes = FileBytes.contents(of: file), case .success(let text) = SourceText.decode(bytes, path: document.path),
                  case .success(let split) = FrontMatterSplitter.split(text.text, path: document.path) else {
                throw BuildError(Diagnostic(path: document.path, message: "cannot read the file again to render its body; it changed during the build"))
            }
            return MarkdownRenderer(basePath: content.settings.basePath).render(split.body, firstLine: split.bodyFirstLine).htmlBytes
        }
    }

    /// Each section's folder with a final slash, worked out once: `options.contentFolder` resolves its paths anew on each use.
    func documentFolders() -> [ContentFolder.Section: String] {
        let folder = options.contentFolder
        return Dictionary(uniqueKeysWithValues: ContentFolder.Section.allCases.map { ($0, folder.folder($0) + "/") })
    }

    /// The data files, feed and sitemap, each built on whichever core is free. Returns where the
    /// feed shows each activity's body, by the activity's file.
    func writeDataFiles(into writer: OutputWriter) throws -> [String: DocumentIndex.Slot] {
        let export = DataExport(content: content)
        let feeds = Feeds(content: content, strings: templates.strings)
        let files: [(String, @Sendable () -> [UInt8])] = [
            ("data/search-index.json", { [views, fragments] in
                export.searchIndexJSON(activityRows: fragments.map(\.searchRow), typeLabel: views.typeLabel) }),
            ("data/activities.json", { [fragments] in export.activitiesJSON(rows: fragments.map(\.jsonRow)) }),
            ("data/activities.csv", { [fragments] in export.activitiesCSV(rows: fragments.map(\.csvRow)) }),
            ("data/partners.json", { Array(export.partnersJSON().utf8) }),
            ("data/action-plans.json", { Array(export.actionPlansJSON().utf8) }),
            ("sitemap.xml", { [jobs, content] in Array(feeds.sitemap(paths: jobs.filter { $0 != .notFound }.map { $0.sitePath(in: content) }).utf8) }),
            ("robots.txt", { Array(feeds.robots().utf8) }),
        ]
        let feedFile = "feed.xml"
        // The files of the activities the feed shows, by index.
        let folders = documentFolders()
        let feedSources = content.activities.indices.prefix(Feeds.feedLength).map { documentFile(of: .activity($0), in: folders)! }
        let failures = ParallelMap.map(Array(files.indices) + [files.count]) { index -> Result<[String: DocumentIndex.Slot], BuildError> in
            let path = index < files.count ? files[index].0 : feedFile
            do {
                guard index == files.count else {
                    try files[index].1().withUnsafeBytes { try writer.write(path, $0) }
                    return .success([:])
                }
                let shown = try feedSources.indices.map { index throws(BuildError) in
                    try bodyHTML(of: content.activities[index].document, file: feedSources[index])
                }
                var (text, bodies) = feeds.atomPlacingBodies(shown)
                return .success(try text.withUTF8 { bytes in
                    try writer.write(feedFile, UnsafeRawBufferPointer(bytes))
                    var slots: [String: DocumentIndex.Slot] = [:]
                    for (activity, range) in bodies {
                        slots[feedSources[activity]] =
                            DocumentIndex.Slot(file: feedFile, range: range, fileSize: bytes.count,
                                               digest: DocumentIndex.digest(UnsafeBufferPointer(rebasing: bytes[range])), escaped: true)
                    }
                    return slots
                })
            } catch {
                return .failure((error as? BuildError) ?? BuildError(Diagnostic(path: path, message: "\(error)")))
            }
        }
        var feedSlots: [String: DocumentIndex.Slot] = [:]
        for outcome in failures { feedSlots.merge(try outcome.get()) { first, _ in first } }
        return feedSlots
    }

    func copyFiles(into writer: OutputWriter) throws {
        for asset in templates.assets {
            try writer.copyFile(from: options.templatesFolder + "/assets/" + asset, to: "assets/" + asset)
        }
        for file in content.staticFiles {
            try writer.copyFile(from: options.contentFolder.staticFolder + "/" + file, to: file)
        }
    }
}
