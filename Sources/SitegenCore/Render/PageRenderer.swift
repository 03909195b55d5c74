import Foundation

/// The render stage: every page, data file and feed of the resolved site, in memory, rendered
/// in parallel; assets and static files read to be written with them. Each edition (language)
/// has its pages, feed and search index under its own prefix (`ja/`); the open data, sitemap,
/// assets and static files are the site's, once.
struct PageRenderer {
    /// The editions, the first language's first.
    let editions: [Site]
    /// The open data: the first language's records with the other languages' text beside them.
    let openData: DataExport
    /// Every file of the site, in a fixed order, with what makes it: pages by edition and job,
    /// files by a function (ten thousand pages need no closure each).
    private let work: [(path: String, work: Work)]

    private enum Work {
        case page(edition: Int, job: PageJob)
        case file(@Sendable () -> [UInt8])
    }

    init(_ editions: [Site]) {
        self.editions = editions
        openData = DataExport(editions: editions.map(\.content))
        var work: [(path: String, work: Work)] = []
        for (index, site) in editions.enumerated() {
            let prefix = site.outputPrefix
            work.reserveCapacity(work.count + site.jobs.count + 2)
            for job in site.jobs { work.append((prefix + job.outputPath(in: site.content), .page(edition: index, job: job))) }
            work += site.editionFiles.map { (prefix + $0.0, .file($0.1)) }
        }
        work += Self.sharedFiles(of: editions, openData: openData).map { ($0.0, .file($0.1)) }
        self.work = work
    }

    /// Every file of the site.
    func render() throws(BuildError) -> RenderedSite {
        var files: [OutputFile] = []
        try render { part throws(BuildError) in files += part }
        return RenderedSite(files: files)
    }

    /// How many files are rendered (in parallel) before they are handed on: a site's files are
    /// never all in memory at once, which at ten thousand pages would double the build's memory.
    static let partSize = 512

    /// Every file of the site, handed to `take` in parts of `partSize`, each rendered in parallel.
    func render(into take: ([OutputFile]) throws(BuildError) -> Void) throws(BuildError) {
        for start in stride(from: 0, to: work.count, by: Self.partSize) { try take(render(indexes: Array(start..<min(start + Self.partSize, work.count)))) }
        try take(try copiedFiles())
    }

    /// Just the pages and files at `paths` (not the assets and static files: `copiedFiles`), for
    /// `serve`, rendered together wherever they are in the site, the large site-wide files first,
    /// each on a core of its own.
    func render(_ paths: Set<String>) -> [OutputFile] {
        var files: [Int] = [], pages: [Int] = []
        for (index, item) in work.enumerated() where paths.contains(item.path) {
            if case .file = item.work { files.append(index) } else { pages.append(index) }
        }
        return render(indexes: files + pages)
    }

    /// Every page and file of the site but those at `paths`, without bytes: unchanged, for the writer.
    func unrendered(except paths: Set<String>) -> [OutputFile] {
        work.filter { !paths.contains($0.path) }.map { OutputFile(path: $0.path, bytes: nil) }
    }

    /// The files of `work` at `indexes`, one per turn on every core: a few files (the timeline,
    /// the search index, the data files) take most of the time, and grouped with their neighbours
    /// they would keep one core busy while the other waits.
    private func render(indexes: [Int]) -> [OutputFile] {
        let work = self.work, editions = self.editions, export = openData
        let rendered = ParallelMap.map(indexes) { index in
            switch work[index].work {
            case .page(let edition, let job): editions[edition].renderPage(job, openData: export)
            case .file(let make): make()
            }
        }
        return zip(indexes, rendered).map { OutputFile(path: work[$0].path, bytes: $1) }
    }

    /// The files made from the whole site — its lists, feeds, search indexes and data files — as
    /// opposed to the page of one record.
    var siteWidePaths: Set<String> {
        var paths = Set<String>()
        for item in work {
            if case .page(_, let job) = item.work, job.isRecordPage { continue }
            paths.insert(item.path)
        }
        return paths
    }

    /// The site's own files, in the first language, with the other languages' text beside it.
    static func sharedFiles(of editions: [Site], openData export: DataExport) -> [(String, @Sendable () -> [UInt8])] {
        let first = editions[0]
        let content = first.content
        let feeds = Feeds(content: content, strings: first.templates.strings)
        return [
            ("sitemap.xml", { Array(feeds.sitemap(editions: editions.map(\.content.settings),
                                                  paths: first.jobs.filter { $0 != .notFound }.map { $0.sitePath(in: content) }).utf8) }),
            ("robots.txt", { Array(feeds.robots().utf8) }),
            ("data/activities.json", { export.activitiesJSON(rows: first.fragments.map(\.jsonRow)) }),
            ("data/activities.csv", { export.activitiesCSV(rows: first.fragments.map(\.csvRow)) }),
            ("data/partners.json", { Array(export.partnersJSON().utf8) }),
            ("data/action-plans.json", { Array(export.actionPlansJSON().utf8) }),
            ("data/sources.json", { Array(export.sourcesJSON().utf8) }),
        ]
    }

    /// The theme's assets and the content's static files, read as they are now.
    func copiedFiles() throws(BuildError) -> [OutputFile] {
        let site = editions[0], options = site.options
        var sources = site.templates.assets.map { (options.templatesFolder + "/assets/" + $0, "assets/" + $0, "assets") }
        sources += site.content.staticFiles.map { (options.contentFolder.staticFolder + "/" + $0, $0, "static files") }
        var files: [OutputFile] = []
        for (source, path, kind) in sources {
            switch FileBytes.read(source, limit: StaticFiles.maximumBytes) {
            case .success(let bytes): files.append(OutputFile(path: path, bytes: bytes))
            case .failure(let failure): throw BuildError(Diagnostic(path: options.pathDisplay.display(source), message: failure.message(kind: kind)))
            }
        }
        return files
    }
}

extension Site {
    /// Where this edition's files go in the output: "" for the first language, `ja/` for Japanese.
    var outputPrefix: String { SiteSettings.prefix(of: content.settings.language, in: content.settings.languages) }

    /// `openData`: the site's data files, which the `/data/` page of every edition documents.
    func renderPage(_ job: PageJob, openData: DataExport) -> [UInt8] {
        templates.render(context(of: job, openData: openData), with: job.template)
    }

    /// The view a page's template is given.
    func context(of job: PageJob, openData: DataExport) -> PageContext {
        switch job {
        case .home: views.home(graphics: graphics)
        case .timeline: views.timeline()
        case .partners: views.partners(graphics: graphics)
        case .actionPlans: views.actionPlans(graphics: graphics)
        case .sources: views.sources()
        case .search: views.search()
        case .data: views.dataPage(export: openData)
        case .notFound: views.notFound()
        case .activity(let index): views.activity(at: index, bodyHTML: content.activities[index].document.body.htmlBytes)
        case .partner(let index): views.partner(at: index, graphics: graphics, bodyHTML: content.partners[index].document.body.htmlBytes)
        case .actionPlan(let index): views.actionPlan(at: index, bodyHTML: content.actionPlans[index].document.body.htmlBytes)
        case .page(let index): views.page(at: index, bodyHTML: content.pages[index].document.body.htmlBytes)
        }
    }

    /// The files each edition has in its own language: its feed and its search index.
    var editionFiles: [(String, @Sendable () -> [UInt8])] {
        let content = self.content, fragments = self.fragments, views = self.views, partnerNames = self.partnerNames
        let export = DataExport(content: content)
        let feeds = Feeds(content: content, strings: templates.strings)
        return [
            ("feed.xml", { Array(feeds.atom().utf8) }),
            ("data/search-index.json", { export.searchIndexJSON(activityRows: fragments.map(\.searchRow), typeLabel: views.typeLabel,
                                                                regionLabel: views.regionLabel,
                                                                partnerNames: partnerNames) }),
        ]
    }
}
