import Foundation

/// The content and the theme of a site, read and parsed, not yet cross-checked against each other.
struct LoadedSite: Sendable {
    let options: BuildOptions
    let content: SiteContent
    let templates: TemplateLibrary
}

/// The load stage: every content file parsed (in parallel), and the templates read and compiled
/// beside them. Problems of both are reported together.
struct SiteLoader {
    let options: BuildOptions

    init(_ options: BuildOptions) {
        self.options = options
    }

    func load(log: inout DiagnosticLog) throws(BuildError) -> LoadedSite {
        var parsed = ParsedFiles()
        return try load(log: &log, reusing: &parsed)
    }

    /// `parsed`: what each content file parsed to in an earlier load of this process (`serve`).
    func load(log: inout DiagnosticLog, reusing parsed: inout ParsedFiles) throws(BuildError) -> LoadedSite {
        let theme = BackgroundWork { [options] in
            var themeLog = DiagnosticLog()
            let theme = TemplateLibrary.readTheme(folder: options.templatesFolder, pathDisplay: options.pathDisplay, log: &themeLog)
            return (theme, themeLog)
        }
        let loader = ContentLoader(folder: options.contentFolder, includeDrafts: options.includeDrafts, baseURLOverride: options.baseURL)
        let content = loader.load(log: &log, reusing: &parsed)
        let (readTheme, themeLog) = theme.wait()
        log.append(contentsOf: themeLog)
        let templates = readTheme.flatMap {
            TemplateLibrary.load($0, folder: options.templatesFolder, language: content?.settings.language ?? "en",
                                 pathDisplay: options.pathDisplay, log: &log)
        }
        if let content, let templates { SiteResolver.checkTypeLabels(content.settings, strings: templates.strings, log: &log) }
        guard let content, let templates, !log.hasErrors else { throw BuildError(log.entries) }
        return LoadedSite(options: options, content: content, templates: templates)
    }
}
