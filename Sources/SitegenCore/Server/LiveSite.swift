import Foundation

/// The site as `serve` keeps it in memory between saves: what every content file parsed to, and
/// the last resolved site. A save parses only the files that changed, makes the list entries and
/// search rows of the activities that changed, and renders only the files the change can affect
/// (`SiteChange`); the result is the same as a clean build's, which the test suite checks after
/// hundreds of random edits.
final class LiveSite: @unchecked Sendable {
    let options: BuildOptions
    // Used by one rebuild at a time (`RebuildScheduler`), guarded anyway.
    private let lock = NSLock()
    private var parsed = ParsedFiles()
    private var last: (editions: [Site], theme: [String: FileStamp])?

    init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the site again, reusing what the last build of this process made. `publish` gets
    /// the files this build rendered before they are written, so the server can answer with them
    /// (and the browser reload) while the output folder is brought up to date: once, or twice when
    /// only part of the site changed (`Publication.pending`).
    /// `changed`: what the watcher saw change since the last rebuild, when it saw everything;
    /// nil to compare every content file's stamp.
    func rebuild(changed: [String]? = nil, publish: (Publication) -> Void = { _ in }) throws(BuildError) -> BuildReport {
        lock.lock()
        defer { lock.unlock() }
        var timings = StageTimings()
        var log = DiagnosticLog()
        let previous = last
        // Until this build is written, nothing of it may be taken for what the output holds.
        last = nil
        // The output folder is checked before the first build; later ones check it when they write.
        let firstWriter = previous == nil ? try timings.measure("check output folder") { () throws(BuildError) in try OutputWriter(options) } : nil
        let theme = Self.themeStamps(options.templatesFolder)
        parsed.changedPaths = changed.map(Set.init)
        let loaded = try timings.measure("load") { () throws(BuildError) in try SiteLoader(options).load(log: &log, reusing: &parsed) }
        let sameTheme = previous?.theme == theme
        // Each edition's list entries and link targets are kept while the theme and the settings are as they were.
        let reuse: [FragmentReuse?] = loaded.indices.map { index in
            guard sameTheme, let old = previous?.editions, index < old.count, old[index].content.settings == loaded[index].content.settings
            else { return nil }
            return FragmentReuse(old[index], for: loaded[index].content, partnerNames: loaded[index].partnerNames)
        }
        let editions = try timings.measure("resolve") { () throws(BuildError) in try SiteResolver.resolve(loaded, log: &log, reusable: reuse) }
        let affected = timings.measure("find changes") {
            affectedOutputs(from: previous?.editions, to: editions, sameTheme: sameTheme, output: ResolvedPath.real(options.outputFolder))
        }
        let basePath = editions[0].content.settings.basePath
        let renderer = PageRenderer(editions)
        let rendered: RenderedSite
        if let affected {
            // The records' own pages first, the one being edited among them, with the assets and
            // static files: served (and the tab reloaded) while the site-wide lists and files, the
            // largest, still render.
            let siteWide = affected.intersection(renderer.siteWidePaths)
            let pages = try timings.measure("render pages") { () throws(BuildError) in
                try renderer.render(affected.subtracting(siteWide)) + renderer.copiedFiles()
            }
            publish(Publication(pages, basePath: basePath, pending: siteWide))
            let lists = timings.measure("render lists") { renderer.render(siteWide) }
            publish(Publication(lists, basePath: basePath, pending: []))
            rendered = RenderedSite(files: renderer.unrendered(except: affected) + pages + lists)
        } else {
            rendered = try timings.measure("render") { () throws(BuildError) in try renderer.render() }
            publish(Publication(rendered.files, basePath: basePath, pending: []))
        }
        let written = try timings.measure("write") { () throws(BuildError) in
            let writer: OutputWriter
            if let firstWriter { writer = firstWriter } else { writer = try OutputWriter(options) }
            return try writer.write(rendered)
        }
        last = (editions, theme)
        return BuildReport(pagesWritten: rendered.files.count { $0.bytes != nil && $0.path.hasSuffix(".html") },
                           filesWritten: rendered.files.count, filesChanged: written.changed,
                           warnings: log.warnings, timings: timings)
    }

    /// Files of a rebuild handed to the server before they are written.
    struct Publication {
        /// The files rendered so far that this publication adds, by path in the output folder.
        let files: [String: [UInt8]]
        /// The path of `base_url` they are served under.
        let basePath: String
        /// Files this rebuild renders again and publishes next: until then the output folder may
        /// hold old bytes of theirs, and a request for one waits.
        let pending: Set<String>

        init(_ rendered: [OutputFile], basePath: String, pending: Set<String>) {
            var files: [String: [UInt8]] = [:]
            for file in rendered { if let bytes = file.bytes { files[file.path] = bytes } }
            self.files = files
            self.basePath = basePath
            self.pending = pending
        }
    }

    /// The output paths a change can affect, from every edition; nil for everything.
    private func affectedOutputs(from old: [Site]?, to new: [Site], sameTheme: Bool, output: String) -> Set<String>? {
        // Files written by hand into the output, or a missing manifest: write everything again.
        guard let old, old.count == new.count, OutputManifest.exists(in: output) else { return nil }
        var outputs = Set<String>()
        for (before, after) in zip(old, new) {
            guard let affected = SiteChange(from: before, to: after, sameTheme: sameTheme).affectedOutputs else { return nil }
            outputs.formUnion(affected.map { after.outputPrefix + $0 })
            // The site's own files (open data, sitemap) are written once, with every edition's text.
            outputs.formUnion(affected.filter(SiteFiles.dataFiles.contains))
        }
        return outputs
    }

    /// Every file of the templates folder with its stamp: any change to one means rendering everything.
    static func themeStamps(_ folder: String) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return stamps }
        while let relative = enumerator.nextObject() as? String {
            if let stamp = FileStamp(path: folder + "/" + relative) { stamps[relative] = stamp }
        }
        return stamps
    }
}
