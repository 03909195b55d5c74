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
}

extension Site {
    /// Loads, checks, renders and writes the site; on any error the output folder is left as it was.
    public static func build(_ options: BuildOptions) throws(BuildError) -> BuildReport {
        var log = DiagnosticLog()
        var timings = StageTimings()
        let cacheFile = options.cacheFile
        // While this core walks the inputs, the other checks what the last build left and then
        // maps the cache: an unchanged site is known as soon as the walk ends. The cache is
        // decoded afterwards on both cores (a pool thread that waits blocks the pool's others).
        let outputFolder = options.outputFolder
        let previousBuild = options.force ? nil : BackgroundWork { OutputManifest.intactFingerprint(in: outputFolder) }
        let cacheMapping = options.force ? nil : BackgroundWork { [previousBuild] in
            _ = previousBuild?.wait()
            return CacheBytes(mapping: cacheFile)
        }
        let (fingerprint, upToDate) = timings.measure("compare inputs") {
            let fingerprint = InputFingerprint.compute(options)
            return (fingerprint, previousBuild?.wait() == fingerprint.value)
        }
        if upToDate {
            return BuildReport(pagesWritten: 0, filesWritten: 0, warnings: [], timings: timings, upToDate: true)
        }
        var cache = timings.measure("read cache") { cacheMapping?.wait().flatMap { try? ContentCache(decoding: $0) } }
        guard let site = load(options, log: &log, timings: &timings, cache: &cache, knownFiles: fingerprint.fileKeys()) else { throw BuildError(log.entries) }
        let cacheWrite = cache.map { cache in BackgroundWork { cache.writeTemporaryFile(for: cacheFile) } }
        let writer = try OutputWriter(
            output: options.outputFolder,
            protectedFolders: [options.contentFolder.root, options.templatesFolder],
            force: options.force, display: options.pathDisplay,
            previousFilesChecked: previousBuild?.wait() != nil)
        do {
            try timings.measure("render pages") { try site.renderPages(into: writer) }
            try timings.measure("write data files") { try site.writeDataFiles(into: writer) }
            try timings.measure("copy assets and static files") { try site.copyFiles(into: writer) }
            try timings.measure("swap output") { try writer.commit(fingerprint: fingerprint) }
            timings.measure("write cache") {
                if let written = cacheWrite?.wait() { ContentCache.install(written, at: cacheFile) }
            }
        } catch {
            writer.abandon()
            if let written = cacheWrite?.wait() { unlink(written) }
            throw (error as? BuildError) ?? BuildError(Diagnostic(path: options.output, message: "\(error)"))
        }
        RetainedBuild.keep([site, cache, writer])
        return BuildReport(pagesWritten: site.jobs.count, filesWritten: writer.writtenFiles.count,
                           filesChanged: writer.stagedFiles.count, warnings: log.warnings, timings: timings)
    }

    /// Everything `build` checks, without writing anything.
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        var log = DiagnosticLog()
        var timings = StageTimings()
        _ = load(options, log: &log, timings: &timings)
        return log.sorted
    }

    func renderPage(_ job: PageJob) -> String {
        let context: PageContext = switch job {
        case .home: views.home(graphics: graphics)
        case .timeline: views.timeline()
        case .partners: views.partners(graphics: graphics)
        case .actionPlans: views.actionPlans(graphics: graphics)
        case .search: views.search()
        case .notFound: views.notFound()
        case .activity(let index): views.activity(at: index)
        case .partner(let index): views.partner(at: index, graphics: graphics)
        case .actionPlan(let index): views.actionPlan(at: index)
        case .page(let index): views.page(at: index)
        }
        return templates.render(context, with: job.template)
    }

    /// Renders every page but the activity and partner pages whose key says they are current.
    func renderPages(into writer: OutputWriter) throws {
        let failures = ParallelMap.map(jobs) { job -> BuildError? in
            do {
                let path = job.outputPath(in: content)
                var key = ""
                switch job {
                case .activity(let index): key = activityKeys?[index] ?? ""
                case .partner(let index): key = partnerKeys?[index] ?? ""
                default: break
                }
                if writer.isCurrent(path, key: key) {
                    writer.keep(path, key: key)
                    return nil
                }
                try writer.write(path, renderPage(job), key: key)
                return nil
            } catch {
                return (error as? BuildError) ?? BuildError(Diagnostic(path: job.outputPath(in: content), message: "\(error)"))
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

    /// The data files, feed and sitemap, each built on whichever core is free.
    func writeDataFiles(into writer: OutputWriter) throws {
        let export = DataExport(content: content)
        let feeds = Feeds(content: content, strings: templates.strings)
        let files: [(String, @Sendable () -> String)] = [
            ("data/search-index.json", { [views, fragments] in
                export.searchIndexJSON(activityRows: fragments.map(\.searchRow), typeLabel: views.typeLabel) }),
            ("data/activities.json", { [fragments] in export.activitiesJSON(rows: fragments.map(\.jsonRow)) }),
            ("data/activities.csv", { [fragments] in export.activitiesCSV(rows: fragments.map(\.csvRow)) }),
            ("data/partners.json", export.partnersJSON),
            ("data/action-plans.json", export.actionPlansJSON),
            ("feed.xml", feeds.atom),
            ("sitemap.xml", { [jobs, content] in feeds.sitemap(paths: jobs.filter { $0 != .notFound }.map { $0.sitePath(in: content) }) }),
            ("robots.txt", feeds.robots),
        ]
        let failures = ParallelMap.map(files.indices.map { $0 }) { index -> BuildError? in
            do {
                try writer.write(files[index].0, files[index].1())
                return nil
            } catch {
                return (error as? BuildError) ?? BuildError(Diagnostic(path: files[index].0, message: "\(error)"))
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
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
