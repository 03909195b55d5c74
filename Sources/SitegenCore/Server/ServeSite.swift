import Foundation

/// Where `sitegen serve` reports what it does: lines for the terminal.
public struct ServeConsole: Sendable {
    public var info: @Sendable (String) -> Void
    public var error: @Sendable (String) -> Void

    public init(info: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void) {
        self.info = info
        self.error = error
    }

    /// Standard output for progress, standard error for diagnostics.
    public static let standard = ServeConsole(
        info: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) },
        error: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) })

    public static let silent = ServeConsole(info: { _ in }, error: { _ in })
}

/// The site being served: builds it, and keeps what the server needs to know about the last build.
final class ServeSite: @unchecked Sendable {
    let options: BuildOptions
    let console: ServeConsole
    let hub: LiveReloadHub
    private let lock = NSLock()
    private var _basePath = "/"
    private var _status = BuildStatus(build: 0, errors: [])
    /// The files of a build between rendering and writing: served from here meanwhile.
    let unwritten = UnwrittenFiles()
    private let live: LiveSite
    private let verbose: Bool

    init(options: BuildOptions, console: ServeConsole, hub: LiveReloadHub, verbose: Bool = false) {
        self.options = options
        self.console = console
        self.hub = hub
        self.verbose = verbose
        live = LiveSite(options: options)
    }

    var basePath: String { lock.withLock { _basePath } }
    func setBasePath(_ path: String) { lock.withLock { _basePath = path } }
    var status: BuildStatus { lock.withLock { _status } }
    var outputFolder: String { options.outputFolder }
    var contentFolder: String { options.contentFolder.root }
    var templatesFolder: String { options.templatesFolder }

    /// True when there is a site to serve: files of a build not written yet, or an output folder
    /// that holds a site sitegen wrote (or `--force` allows whatever is there).
    var hasOutput: Bool {
        if !unwritten.isEmpty { return true }
        var info = stat()
        guard stat(outputFolder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        return options.force || OutputManifest.exists(in: outputFolder)
    }

    func display(_ path: String) -> String { options.pathDisplay.display(path) }

    /// Builds once, updates the status and tells the open tabs: `reload` once the first new files
    /// are rendered (they are served from memory until they are written; a request for a file
    /// the build changes and has not rendered yet waits for it), `error` (with every
    /// `PATH:LINE:COLUMN: error:` line) after a failed build.
    @discardableResult
    func build(changed: [String]) -> Bool {
        let started = DispatchTime.now().uptimeNanoseconds
        let existing = changed.filter { FileManager.default.fileExists(atPath: $0) }
        let reason = changed.isEmpty ? "" : " (" + Self.summarize((existing.isEmpty ? changed : existing).map(display)) + ")"
        // Once written (or not), files are served from the output folder again.
        defer { unwritten.clear() }
        do {
            var published = false
            // The watcher reports every change: files it did not name need no second look.
            let report = try live.rebuild(changed: changed.isEmpty ? nil : changed) { publication in
                publish(publication)
                guard !published else { return }
                published = true
                let status = lock.withLock {
                    _status = BuildStatus(build: _status.build + 1, errors: [])
                    return _status
                }
                hub.broadcastReload(status)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            for warning in report.warnings.sorted() { console.error(warning.description) }
            let what = "\(changed.isEmpty ? "Built" : "Rebuilt") \(report.pagesWritten) pages, \(report.filesChanged) files changed"
            let stages = verbose ? " [" + report.timings.stages.map { "\($0.name) \(Self.milliseconds($0.seconds))" }.joined(separator: ", ") + "]" : ""
            console.info("\(what) in \(Self.milliseconds(seconds))\(reason)\(stages)")
            return true
        } catch {
            let diagnostics = error.diagnostics.sorted()
            let errors = diagnostics.filter { $0.severity == .error }.map(\.description)
            let status = lock.withLock {
                _status = BuildStatus(build: _status.build, errors: errors.isEmpty ? diagnostics.map(\.description) : errors)
                return _status
            }
            for diagnostic in diagnostics { console.error(diagnostic.description) }
            let count = status.errors.count
            console.error("Build failed\(reason): \(count) error\(count == 1 ? "" : "s"); \(status.build > 0 || hasOutput ? "still serving the last good site" : "no site to serve yet") — fix and save to rebuild.")
            hub.broadcastErrors(status)
            return false
        }
    }

    /// Adds a build's files to those served from memory until they are written.
    func publish(_ publication: LiveSite.Publication) {
        setBasePath(publication.basePath)
        unwritten.add(publication.files, pending: publication.pending)
    }

    /// The path of `base_url` (`/wps/`), from `site.yml` or `--base-url`; nil when it cannot be read.
    static func readBasePath(_ options: BuildOptions) -> String? {
        var log = DiagnosticLog()
        return SiteSettingsReader(folder: options.contentFolder, baseURLOverride: options.baseURL).read(log: &log)?.basePath
    }

    static func summarize(_ paths: [String]) -> String {
        paths.count <= 3 ? paths.joined(separator: ", ") : paths.prefix(3).joined(separator: ", ") + " and \(paths.count - 3) more"
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }
}
