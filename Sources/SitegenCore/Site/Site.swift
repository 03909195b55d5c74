import Foundation

/// A resolved site in one language (an edition): content checked and cross-referenced, the
/// theme, the views and the graphics, every link checked — everything the render stage needs,
/// nothing on disk. A site published in several languages has one per language, the first
/// language's first.
///
/// A build is four stages, each a type of its own:
/// `SiteLoader` (read and parse every file) → `SiteResolver` (views, graphics, links) →
/// `PageRenderer` (every output file, in memory) → `OutputWriter` (staged, then moved in).
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
        let rendered = try timings.measure("render") { () throws(BuildError) in try PageRenderer(editions).render() }
        let written = try timings.measure("write") { () throws(BuildError) in try writer.write(rendered) }
        return BuildReport(pagesWritten: editions.reduce(0) { $0 + $1.jobs.count }, filesWritten: rendered.files.count,
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
            return (log.entries.filter { $0.severity == .warning } + error.diagnostics).sorted()
        }
    }
}
