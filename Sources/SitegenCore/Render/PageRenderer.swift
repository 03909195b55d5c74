import Foundation

/// The render stage: every page, data file and feed of a resolved site, in memory, rendered in
/// parallel; assets and static files read to be written with them.
struct PageRenderer {
    let site: Site

    init(_ site: Site) {
        self.site = site
    }

    /// Every file of the site. With `only`, a page or file whose output path is not in it is left
    /// unrendered (`bytes` nil): `serve` knows it has not changed.
    func render(only: Set<String>? = nil) throws(BuildError) -> RenderedSite {
        let jobs = site.jobs, content = site.content
        let pages = ParallelMap.runs(count: jobs.count, length: 16) { run in
            run.map { index -> OutputFile in
                let path = jobs[index].outputPath(in: content)
                guard only?.contains(path) ?? true else { return OutputFile(path: path, bytes: nil) }
                return OutputFile(path: path, bytes: renderPage(jobs[index]))
            }
        }.flatMap { $0 }
        let files = ParallelMap.map(dataFiles) { path, make in
            OutputFile(path: path, bytes: only?.contains(path) ?? true ? make() : nil)
        }
        return RenderedSite(files: pages + files + (try copiedFiles()))
    }

    func renderPage(_ job: PageJob) -> [UInt8] {
        let views = site.views, graphics = site.graphics, content = site.content
        let context: PageContext = switch job {
        case .home: views.home(graphics: graphics)
        case .timeline: views.timeline()
        case .partners: views.partners(graphics: graphics)
        case .actionPlans: views.actionPlans(graphics: graphics)
        case .sources: views.sources()
        case .search: views.search()
        case .notFound: views.notFound()
        case .activity(let index): views.activity(at: index, bodyHTML: content.activities[index].document.body.htmlBytes)
        case .partner(let index): views.partner(at: index, graphics: graphics, bodyHTML: content.partners[index].document.body.htmlBytes)
        case .actionPlan(let index): views.actionPlan(at: index, bodyHTML: content.actionPlans[index].document.body.htmlBytes)
        case .page(let index): views.page(at: index, bodyHTML: content.pages[index].document.body.htmlBytes)
        }
        return site.templates.render(context, with: job.template)
    }

    /// The data files, feed and sitemap, by output path, each made when called.
    var dataFiles: [(String, @Sendable () -> [UInt8])] {
        let content = site.content, fragments = site.fragments, views = site.views, jobs = site.jobs
        let export = DataExport(content: content)
        let feeds = Feeds(content: content, strings: site.templates.strings)
        return [
            ("feed.xml", { Array(feeds.atom().utf8) }),
            ("sitemap.xml", { Array(feeds.sitemap(paths: jobs.filter { $0 != .notFound }.map { $0.sitePath(in: content) }).utf8) }),
            ("robots.txt", { Array(feeds.robots().utf8) }),
            ("data/activities.json", { export.activitiesJSON(rows: fragments.map(\.jsonRow)) }),
            ("data/activities.csv", { export.activitiesCSV(rows: fragments.map(\.csvRow)) }),
            ("data/partners.json", { Array(export.partnersJSON().utf8) }),
            ("data/action-plans.json", { Array(export.actionPlansJSON().utf8) }),
            ("data/sources.json", { Array(export.sourcesJSON().utf8) }),
            ("data/search-index.json", { export.searchIndexJSON(activityRows: fragments.map(\.searchRow), typeLabel: views.typeLabel) }),
        ]
    }

    /// The theme's assets and the content's static files, read as they are now.
    func copiedFiles() throws(BuildError) -> [OutputFile] {
        let options = site.options
        var sources = site.templates.assets.map { (options.templatesFolder + "/assets/" + $0, "assets/" + $0) }
        sources += site.content.staticFiles.map { (options.contentFolder.staticFolder + "/" + $0, $0) }
        var files: [OutputFile] = []
        for (source, path) in sources {
            switch FileBytes.read(source) {
            case .success(let bytes): files.append(OutputFile(path: path, bytes: bytes))
            case .failure(let failure): throw BuildError(Diagnostic(path: options.pathDisplay.display(source), message: failure.message))
            }
        }
        return files
    }
}
