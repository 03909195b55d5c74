import Foundation

/// The content and the theme of a site, read and parsed, not yet cross-checked against each other.
struct LoadedSite: Sendable {
    let options: BuildOptions
    let content: SiteContent
    let templates: TemplateLibrary
    /// Each partner's name in every language of the site, so that search finds it by any of them.
    var partnerNames: [String: [String]] = [:]
}

/// The load stage: every content file parsed (in parallel), and the templates read and compiled
/// beside them, once for each language the site is published in. Problems of both are reported
/// together.
struct SiteLoader {
    let options: BuildOptions

    init(_ options: BuildOptions) {
        self.options = options
    }

    func load(log: inout DiagnosticLog) throws(BuildError) -> [LoadedSite] {
        var parsed = ParsedFiles()
        return try load(log: &log, reusing: &parsed)
    }

    /// One loaded site per language, the first language's first. `parsed`: what each content
    /// file parsed to in an earlier load of this process (`serve`).
    func load(log: inout DiagnosticLog, reusing parsed: inout ParsedFiles) throws(BuildError) -> [LoadedSite] {
        let themeWork = BackgroundWork { [options] in
            var themeLog = DiagnosticLog()
            let theme = TemplateLibrary.readTheme(folder: options.templatesFolder, pathDisplay: options.pathDisplay, log: &themeLog)
            return (theme, themeLog)
        }
        var editions: [SiteContent] = []
        let first = loader(language: nil).load(log: &log, reusing: &parsed)
        if let first {
            editions.append(first)
            for language in first.settings.languages.dropFirst() {
                var editionLog = DiagnosticLog()
                if let edition = loader(language: language).load(log: &editionLog, reusing: &parsed) { editions.append(edition) }
                log.appendNew(editionLog)
            }
        }
        // Parses for a base path no edition has now (`base_url` changed) are out of date.
        let basePaths = Set(editions.map(\.settings.basePath))
        parsed.entries = parsed.entries.filter { basePaths.contains($0.key) }
        let (theme, themeLog) = themeWork.wait()
        log.append(contentsOf: themeLog)
        var sites: [LoadedSite] = []
        for content in editions {
            guard let theme, let templates = TemplateLibrary.load(theme, folder: options.templatesFolder, language: content.settings.language,
                                                                   pathDisplay: options.pathDisplay, log: &log) else { continue }
            SiteResolver.checkTypeLabels(content.settings, strings: templates.strings, log: &log)
            SiteResolver.checkColumnDescriptions(strings: templates.strings, log: &log)
            sites.append(LoadedSite(options: options, content: content, templates: templates))
        }
        guard first != nil, sites.count == editions.count, !log.hasErrors else { throw BuildError(log.entries) }
        var names: [String: [String]] = [:]
        for content in editions {
            for partner in content.partners where !(names[partner.id]?.contains(partner.name) ?? false) { names[partner.id, default: []].append(partner.name) }
        }
        return sites.map { var site = $0; site.partnerNames = names; return site }
    }

    private func loader(language: String?) -> ContentLoader {
        ContentLoader(folder: options.contentFolder, includeDrafts: options.includeDrafts, baseURLOverride: options.baseURL, language: language)
    }
}
