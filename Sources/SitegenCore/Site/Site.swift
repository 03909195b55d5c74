import Foundation

/// A resolved site in one language (an edition): content checked and cross-referenced, the
/// theme, the views and the graphics, every link checked — everything the render stage needs,
/// nothing on disk. A site published in several languages has one per language, the first
/// language's first.
///
/// A build is four stages, each a type of its own:
/// `SiteLoader` (read and parse every file) → `SiteResolver` (views, graphics, links) →
/// `PageRenderer` (output files, in memory, a part at a time) → `OutputWriter` (each part
/// staged as it is rendered, then all moved in at once).
public struct Site: Sendable {
    public let options: BuildOptions
    public let content: SiteContent
    let templates: TemplateLibrary
    let graphics: SiteGraphics
    let views: ViewFactory
    let jobs: [PageJob]
    /// Each activity's list entry and search row, in timeline order.
    let fragments: [ActivityFragments]
    /// Every page and file the build writes, with the anchors of pages whose headings are known.
    let linkTargets: [String: Set<String>?]
    /// Every body's links, checked against `linkTargets`.
    let links: LinkReport
    /// Each partner's name in every language of the site.
    var partnerNames: [String: [String]] = [:]
}

/// What a build did, for the one-line summary.
public struct BuildReport: Sendable {
    public var pagesWritten: Int
    public var filesWritten: Int
    /// Files whose bytes this build changed; the rest were left as they were.
    public var filesChanged: Int
    public var warnings: [Diagnostic]
    public var timings: StageTimings
}

extension Site {
    /// Loads, resolves, renders and writes the site; on any error the output folder is left as it was.
    public static func build(_ options: BuildOptions) throws(BuildError) -> BuildReport {
        var timings = StageTimings()
        var log = DiagnosticLog()
        let writer = try timings.measure("check output folder") { () throws(BuildError) in try OutputWriter(options) }
        let loaded = try timings.measure("load") { () throws(BuildError) in try SiteLoader(options).load(log: &log) }
        let editions = try timings.measure("resolve") { () throws(BuildError) in try SiteResolver.resolve(loaded, log: &log) }
        // Rendered in parts, each staged as it comes: the site is never in memory whole.
        var fileCount = 0
        let written = try timings.measure("render and write") { () throws(BuildError) in
            let output = try writer.begin()
            try PageRenderer(editions).render { files throws(BuildError) in
                fileCount += files.count
                try output.add(files)
            }
            return try output.commit()
        }
        return BuildReport(pagesWritten: editions.reduce(0) { $0 + $1.jobs.count }, filesWritten: fileCount,
                           filesChanged: written.changed, warnings: log.warnings, timings: timings)
    }

    /// Every check of a build (content, templates, links, output paths), writing nothing.
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        var log = DiagnosticLog()
        do {
            let loaded = try SiteLoader(options).load(log: &log)
            _ = try SiteResolver.resolve(loaded, log: &log)
            return BuildError(log.entries).diagnostics
        } catch {
            // The error carries the log's warnings when it was thrown with the whole log; each once.
            return Set(log.entries.filter { $0.severity == .warning } + error.diagnostics).sorted()
        }
    }
}
