import Foundation

/// The resolve stage: the content and the theme put together — the views of every page, each
/// activity's list entry and data rows, the charts and maps — and every internal link and
/// output path checked.
struct SiteResolver {
    let loaded: LoadedSite

    init(_ loaded: LoadedSite) {
        self.loaded = loaded
    }

    /// Every edition, the first language's first; each edition's problems are reported once.
    static func resolve(_ loaded: [LoadedSite], log: inout DiagnosticLog, reusable: [FragmentReuse?] = []) throws(BuildError) -> [Site] {
        var sites: [Site] = []
        var failure: BuildError?
        for (index, edition) in loaded.enumerated() {
            var editionLog = DiagnosticLog()
            do {
                // The site's open data, made with the first language's edition.
                let openData = index == 0 ? DataExport(editions: loaded.map(\.content)) : nil
                sites.append(try SiteResolver(edition).resolve(log: &editionLog, reusable: index < reusable.count ? reusable[index] : nil,
                                                               openData: openData))
            } catch {
                failure = error
            }
            log.appendNew(editionLog)
        }
        if failure != nil { throw BuildError(log.entries) }
        return sites
    }

    /// `reusable`: fragments an earlier resolve of this process made, kept while the activity,
    /// its partners and the theme are as they were (`serve`). `openData`: the site's open data,
    /// whose rows the first language's edition makes with its fragments.
    func resolve(log: inout DiagnosticLog, reusable: FragmentReuse? = nil, openData: DataExport? = nil) throws(BuildError) -> Site {
        let content = loaded.content, templates = loaded.templates, options = loaded.options
        let jobs = PageJob.all(for: content)
        // The graphics need nothing the views produce: drawn on the other core meanwhile.
        let graphicsWork = BackgroundWork { [strings = templates.strings, templatesFolder = options.templatesFolder] in
            var graphicsLog = DiagnosticLog()
            let graphics = SiteGraphics.draw(content: content, strings: strings, templatesFolder: templatesFolder, log: &graphicsLog)
            return (graphics, graphicsLog)
        }
        var views = ViewFactory(content: content, strings: templates.strings)
        views.install(chrome: templates.renderChrome(views))
        let fragments = ActivityFragments.make(content: content, templates: templates, views: views, reusable: reusable,
                                               partnerNames: loaded.partnerNames, openData: openData)
        views.fragments = fragments

        let earlierTargets = reusable?.linkTargets(jobs: jobs, content: content, assets: templates.assets)
        let linkTargets = earlierTargets ?? Self.linkTargets(jobs: jobs, content: content, assets: templates.assets)
        let links = LinkReport.check(content, with: LinkChecker(targets: linkTargets, missingAnchorsAreWarnings: content.settings.isTranslation),
                                     earlier: earlierTargets == nil ? nil : reusable?.links, log: &log)
        Self.checkCollisions(options: options, content: content, jobs: jobs, assets: templates.assets, log: &log)
        let (graphics, graphicsLog) = graphicsWork.wait()
        log.append(contentsOf: graphicsLog)
        if log.hasErrors { throw BuildError(log.entries) }
        return Site(options: options, content: content, templates: templates, graphics: graphics, views: views,
                    jobs: jobs, fragments: fragments, linkTargets: linkTargets, links: links, partnerNames: loaded.partnerNames)
    }

    /// Every page and file the build writes, as site paths, with the anchors of pages whose headings are known.
    static func linkTargets(jobs: [PageJob], content: SiteContent, assets: [String]) -> [String: Set<String>?] {
        var targets: [String: Set<String>?] = [:]
        // Pages with a body are added below, with their headings.
        for job in jobs where !job.isRecordPage { targets[job.sitePath(in: content)] = .some(nil) }
        for activity in content.activities { targets[activity.sitePath] = Set(activity.document.body.headingIDs) }
        for partner in content.partners { targets[partner.sitePath] = Set(partner.document.body.headingIDs) }
        for plan in content.actionPlans { targets[plan.sitePath] = Set(plan.document.body.headingIDs) }
        for page in content.pages { targets[page.sitePath] = Set(page.document.body.headingIDs) }
        // A few hundred months across thousands of activities: each anchor is made once.
        var months = Set<Int>()
        for activity in content.activities { months.insert(activity.date.year * 13 + (activity.date.month ?? 0)) }
        var timelineAnchors = Set<String>()
        for key in months {
            let year = key / 13, month = key % 13
            timelineAnchors.insert(YearGroup.anchor(year))
            timelineAnchors.insert(MonthGroup.anchor(year, month == 0 ? nil : month))
        }
        targets["/timeline/"] = timelineAnchors
        for file in SiteFiles.dataFiles { targets["/" + file] = .some(nil) }
        for asset in assets { targets["/assets/" + asset] = .some(nil) }
        for file in content.staticFiles { targets["/" + file] = .some(nil) }
        return targets
    }

    /// Every type of the site's closed list needs a label in the strings file.
    static func checkTypeLabels(_ settings: SiteSettings, strings: InterfaceStrings, log: inout DiagnosticLog) {
        for type in settings.types ?? [] where strings.labels["type_\(type)"] == nil {
            log.error(settings.typesLocation ?? SourceLocation(path: "site.yml"),
                      "type `\(type)` has no label: add `type_\(type): ...` to \(strings.path)")
        }
    }

    /// Every column of the open data needs its meaning in the strings file, for the `/data/` page:
    /// a field added to `Activity.declaredFields` is documented there once it has `column_NAME`.
    static func checkColumnDescriptions(strings: InterfaceStrings, log: inout DiagnosticLog) {
        for key in DataDictionary.meaningKeys where strings.labels[key] == nil {
            log.error(SourceLocation(path: strings.path), "an open-data column has no description for the /data/ page: add `\(key): ...` to \(strings.path)")
        }
    }

    /// A static file may not take the place of a page or file the portal writes.
    static func checkCollisions(options: BuildOptions, content: SiteContent, jobs: [PageJob], assets: [String], log: inout DiagnosticLog) {
        guard !content.staticFiles.isEmpty else { return }
        var generated = Set(jobs.map { $0.outputPath(in: content) })
        generated.formUnion(SiteFiles.dataFiles)
        generated.formUnion(assets.map { "assets/" + $0 })
        for file in content.staticFiles where generated.contains(file) || file == OutputManifest.fileName {
            log.error(SourceLocation(path: options.contentFolder.display(options.contentFolder.staticFolder + "/" + file)),
                      "static file would replace `/\(file)`, which the portal writes itself; rename or move it")
        }
    }
}
