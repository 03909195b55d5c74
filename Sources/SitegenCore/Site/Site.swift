import Foundation

/// A loaded site: checked content, the theme and the graphics, ready to render.
/// `Site.load` then `build` or `check`, each a flat list of named stages.
public struct Site: Sendable {
    public let options: BuildOptions
    public let content: SiteContent
    let templates: TemplateLibrary
    let graphics: SiteGraphics
    let views: ViewFactory
    let jobs: [PageJob]
    /// Each activity's list entry and data rows, in timeline order.
    let fragments: [ActivityFragments]
    /// Each activity and partner page's dependency key, when the build has a content cache.
    var activityKeys: [String]?
    var partnerKeys: [String]?
    /// Every page and file the build writes, with the anchors of pages whose headings are known.
    var linkTargets: [String: Set<String>?] = [:]

    /// Loads and checks content and templates; nil with errors in `log` when either is broken.
    public static func load(_ options: BuildOptions, log: inout DiagnosticLog, timings: inout StageTimings) -> Site? {
        var cache: ContentCache?
        return load(options, log: &log, timings: &timings, cache: &cache)
    }

    /// `cache` holds what the last build parsed; it comes back describing this load.
    /// `knownFiles`: the keys of the files the build has already examined; `walk`, that walk itself.
    static func load(_ options: BuildOptions, log: inout DiagnosticLog, timings: inout StageTimings, cache: inout ContentCache?,
                     knownFiles: [String: ContentCache.FileKey] = [:], walk: InputFingerprint? = nil, theme: ThemeRead? = nil) -> Site? {
        let folder = options.contentFolder
        let previousFragments = cache?.fragments ?? [:]
        let previousLinkTargets = cache?.linkTargetsDigest
        // The templates do not depend on the content: read and compiled on the other core while
        // the content loads; only the interface strings wait for the site's language.
        let themeWork = theme ?? readTheme(options)
        let content = timings.measure("load content") {
            ContentLoader(folder: folder, includeDrafts: options.includeDrafts, baseURLOverride: options.baseURL).load(log: &log, cache: &cache, knownFiles: knownFiles, walk: walk)
        }
        let templates = timings.measure("load templates") { () -> TemplateLibrary? in
            let (theme, themeLog) = themeWork.wait()
            log.append(contentsOf: themeLog)
            return theme.flatMap {
                TemplateLibrary.load($0, folder: options.templatesFolder, language: content?.settings.language ?? "en",
                                     pathDisplay: options.pathDisplay, log: &log)
            }
        }
        guard let content, var templates else { return nil }
        let jobs = PageJob.all(for: content)
        // Each on a core of its own, while the page keys and list entries are worked out: the
        // graphics and the link check are mostly one-core work, and need nothing those produce.
        let graphicsWork = BackgroundWork { [strings = templates.strings, templatesFolder = options.templatesFolder] in
            var graphicsLog = DiagnosticLog()
            let graphics = SiteGraphics.draw(content: content, strings: strings, templatesFolder: templatesFolder, log: &graphicsLog)
            return (graphics, graphicsLog)
        }
        let reused = cache?.reusedDocuments ?? []
        let linkWork = BackgroundWork { [assets = templates.assets] in
            let targets = collectLinkTargets(jobs: jobs, content: content, assets: assets)
            let digest = LinkChecker.digest(targets)
            // A body taken from the cache passed against these very targets in the last build.
            let unchanged = digest == previousLinkTargets ? reused : []
            var linkLog = DiagnosticLog()
            checkLinks(LinkChecker(targets: targets), content: content, skipping: unchanged, log: &linkLog)
            checkCollisions(options: options, content: content, jobs: jobs, assets: assets, log: &linkLog)
            return (targets, digest, linkLog)
        }
        var views = timings.measure("render header and footer") { () -> ViewFactory in
            let views = makeViews(content: content, templates: templates)
            // Each section's site values written into a program of its own, for ten thousand pages.
            // An edit in place (`FrontMatterEditBuild`) renders a handful and looks them up instead.
            templates.writeOutSiteValues(of: [views.site] + views.sectionSites.keys.sorted().compactMap { views.sectionSites[$0] })
            return views
        }
        let keys = cache.map { cache in timings.measure("compare pages") { PageKeys(options: options, content: content, cache: cache, knownFiles: knownFiles) } }
        // The pages' keys need no list entry: worked out beside them rather than on one core after.
        let pageKeys = keys.map { keys in BackgroundWork { (activities: keys.activityKeys(), partners: keys.partnerKeys()) } }
        let rendered = timings.measure("render list entries and data rows") {
            activityFragments(content: content, templates: templates, views: views, keys: keys?.listEntryKeys(), previous: previousFragments)
        }
        let fragments = rendered.map(\.fragments)
        views.items = rendered.map(\.item)
        views.fragments = fragments
        // The table by id is filled on the other core while this one works out the page keys.
        let byID = BackgroundWork { [activities = content.activities] in
            var fragmentsByID: [String: ActivityFragments] = Dictionary(minimumCapacity: fragments.count)
            for (activity, fragment) in zip(activities, fragments) where fragmentsByID[activity.id] == nil {
                fragmentsByID[activity.id] = fragment
            }
            return fragmentsByID
        }
        let computedKeys = pageKeys?.wait()
        cache?.fragments = byID.wait()
        let (graphics, graphicsLog) = timings.measure("draw graphics") { graphicsWork.wait() }
        log.append(contentsOf: graphicsLog)
        var site = Site(options: options, content: content, templates: templates, graphics: graphics,
                        views: views, jobs: jobs, fragments: fragments,
                        activityKeys: computedKeys?.activities, partnerKeys: computedKeys?.partners)
        let (targets, digest, linkLog) = timings.measure("check links") { linkWork.wait() }
        site.linkTargets = targets
        cache?.linkTargetsDigest = digest
        log.append(contentsOf: linkLog)
        return log.hasErrors ? nil : site
    }

    /// The templates folder read and compiled on another core, with what it found wrong.
    typealias ThemeRead = BackgroundWork<(TemplateLibrary.Theme?, DiagnosticLog)>

    static func readTheme(_ options: BuildOptions) -> ThemeRead {
        BackgroundWork { [templatesFolder = options.templatesFolder, pathDisplay = options.pathDisplay] in
            var themeLog = DiagnosticLog()
            let theme = TemplateLibrary.readTheme(folder: templatesFolder, pathDisplay: pathDisplay, log: &themeLog)
            return (theme, themeLog)
        }
    }

    /// The views of `content`, each section's header and footer rendered.
    static func makeViews(content: SiteContent, templates: TemplateLibrary) -> ViewFactory {
        var views = ViewFactory(content: content, strings: templates.strings)
        views.install(chrome: templates.renderChrome(views))
        return views
    }

    /// Every page and file the build writes, as site paths, with the anchors of pages whose headings are known.
    static func collectLinkTargets(jobs: [PageJob], content: SiteContent, assets: [String]) -> [String: Set<String>?] {
        var targets: [String: Set<String>?] = [:]
        targets.reserveCapacity(jobs.count + SiteFiles.dataFiles.count + assets.count + content.staticFiles.count)
        for job in jobs {
            switch job {
            // Pages with a body are added below, with their headings.
            case .activity, .partner, .actionPlan, .page: continue
            default: targets[job.sitePath(in: content)] = .some(nil)
            }
        }
        for (index, activity) in content.activities.enumerated() { targets[PageJob.activity(index).sitePath(in: content)] = Set(activity.document.body.headingIDs) }
        for partner in content.partners { targets[partner.sitePath] = Set(partner.document.body.headingIDs) }
        for plan in content.actionPlans { targets[plan.sitePath] = Set(plan.document.body.headingIDs) }
        for page in content.pages { targets[page.sitePath] = Set(page.document.body.headingIDs) }
        // Each year and month once, as numbers: making and hashing two anchors per activity was slow.
        var months = Set<Int>()
        for activity in content.activities { months.insert(activity.date.year * 100 + (activity.date.month ?? 0)) }
        var timelineAnchors = Set<String>()
        for month in months {
            timelineAnchors.insert(YearGroup.anchor(month / 100))
            timelineAnchors.insert(MonthGroup.anchor(month / 100, month % 100 == 0 ? nil : month % 100))
        }
        targets["/timeline/"] = timelineAnchors
        for file in SiteFiles.dataFiles { targets["/" + file] = .some(nil) }
        for asset in assets { targets["/assets/" + asset] = .some(nil) }
        for file in content.staticFiles { targets["/" + file] = .some(nil) }
        return targets
    }

    /// Checks the links of every body but those in `unchanged` (paths as shown).
    private static func checkLinks(_ checker: LinkChecker, content: SiteContent, skipping unchanged: Set<String>, log: inout DiagnosticLog) {
        // Documents by section and index, read where they are: a document copied out for the
        // check retained each of its fields, and ten thousand pages at once share them.
        func included(_ document: ContentDocument) -> Bool { unchanged.isEmpty || !unchanged.contains(document.path) }
        var documents: [(section: ContentFolder.Section, index: Int)] = []
        for (index, activity) in content.activities.enumerated() where included(activity.document) { documents.append((.activities, index)) }
        for (index, partner) in content.partners.enumerated() where included(partner.document) { documents.append((.partners, index)) }
        for (index, plan) in content.actionPlans.enumerated() where included(plan.document) { documents.append((.actionPlans, index)) }
        for (index, page) in content.pages.enumerated() where included(page.document) { documents.append((.pages, index)) }
        let logs = ParallelMap.map(documents) { section, index in
            var documentLog = DiagnosticLog()
            switch section {
            case .activities: checker.check(content.activities[index].document.body.internalLinks, of: content.activities[index].document.path, log: &documentLog)
            case .partners: checker.check(content.partners[index].document.body.internalLinks, of: content.partners[index].document.path, log: &documentLog)
            case .actionPlans: checker.check(content.actionPlans[index].document.body.internalLinks, of: content.actionPlans[index].document.path, log: &documentLog)
            case .pages: checker.check(content.pages[index].document.body.internalLinks, of: content.pages[index].document.path, log: &documentLog)
            }
            return documentLog
        }
        for documentLog in logs { log.append(contentsOf: documentLog) }
    }

    /// A static file may not take the place of a page the portal writes.
    private static func checkCollisions(options: BuildOptions, content: SiteContent, jobs: [PageJob], assets: [String], log: inout DiagnosticLog) {
        // Every file the portal writes is a page (.html), a data file or an asset.
        let candidates = content.staticFiles.filter {
            $0.hasSuffix(".html") || $0.hasPrefix("assets/") || SiteFiles.dataFiles.contains($0) || $0 == OutputWriter.manifestName
        }
        guard !candidates.isEmpty else { return }
        var generated = Set(jobs.map { $0.outputPath(in: content) })
        generated.formUnion(SiteFiles.dataFiles)
        generated.formUnion(assets.map { "assets/" + $0 })
        for file in candidates where generated.contains(file) || file == OutputWriter.manifestName {
            log.error(SourceLocation(path: options.contentFolder.display(options.contentFolder.staticFolder + "/" + file)),
                      "static file would replace `/\(file)`, which the portal writes itself; rename or move it")
        }
    }
}
