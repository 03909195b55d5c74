import Foundation

/// Reads `site.yml`, which has no body and no `---` lines: the whole file is YAML.
struct SiteSettingsReader {
    let folder: ContentFolder
    let baseURLOverride: String?

    func read(log: inout DiagnosticLog) -> SiteSettings? {
        let path = folder.display(folder.siteFile)
        guard case .regular = FileKind.of(folder.siteFile, within: folder.root),
              case .success(let file) = BoundedFile.read(folder.siteFile, limit: SourceText.maximumBytes)
        else {
            log.error(SourceLocation(path: path), "missing site settings: create site.yml with `title` and `base_url`")
            return nil
        }
        guard !file.isOverLimit else {
            log.error(SourceLocation(path: path), BoundedFile.overLimitMessage(size: file.size, limit: SourceText.maximumBytes, kind: "content files"))
            return nil
        }
        let text: String
        switch SourceText.decode(file.bytes, path: path) {
        case .success(let decoded): text = decoded.text
        case .failure(let diagnostic): log.append(diagnostic); return nil
        }
        let split = FrontMatterSplit(yaml: Substring(text), yamlFirstLine: 1, body: "", bodyFirstLine: 1)
        guard let fields = FrontMatter.parse(split, path: path, log: &log) else { return nil }
        fields.warnAboutUnknownFields(allowed: SiteSettings.fields, log: &log)
        let title = fields.text("title", required: true, log: &log)
        let description = fields.text("description", log: &log)
        let language = fields.text("language", log: &log) ?? "en"
        if !Self.isLanguageTag(language) {
            log.error(fields.location(of: "language"), "`language` is `\(language)`; expected a BCP 47 tag such as `en` or `ja`")
        }
        var baseURL = fields.text("base_url", required: true, log: &log)
        if let given = baseURL, AbsoluteURL(given) == nil {
            log.error(fields.location(of: "base_url"), "`base_url` must be an absolute http:// or https:// URL such as `https://example.org/wps/`, not `\(given)`")
            baseURL = nil
        }
        if let override = baseURLOverride {
            guard AbsoluteURL(override) != nil else {
                log.error(SourceLocation(path: "--base-url"), "`\(override)` is not an absolute http:// or https:// URL")
                return nil
            }
            baseURL = override
        }
        var languages: [String]?
        if fields.contains("languages") {
            let listed = fields.textList("languages", log: &log)
            for item in listed where !Self.isLanguageTag(item.value) {
                log.error(item.location, "`\(item.value)` in `languages` is not a BCP 47 tag such as `en` or `ja`")
            }
            languages = FirstOccurrences(listed.map(\.value)).values
            if languages?.isEmpty == true { log.error(fields.location(of: "languages"), "`languages` is empty; list at least one, e.g. `[en, ja]`") }
        }
        var types: [String]?
        if fields.contains("types") {
            let listed = fields.textList("types", log: &log)
            for item in listed where !ContentFileScanner.isValidID(item.value) {
                log.error(item.location, "type `\(item.value)` in `types` must be lower-case letters, digits and `-`")
            }
            types = FirstOccurrences(listed.map(\.value)).values
        }
        let dataLicense = fields.text("data_license", log: &log)
        var dataLicenseURL = fields.text("data_license_url", log: &log)
        if let given = dataLicenseURL, AbsoluteURL(given) == nil {
            log.error(fields.location(of: "data_license_url"), "`data_license_url` must be an absolute http:// or https:// URL such as `https://creativecommons.org/licenses/by/4.0/`, not `\(given)`")
            dataLicenseURL = nil
        }
        if dataLicenseURL != nil && dataLicense == nil {
            log.error(fields.location(of: "data_license_url"), "`data_license_url` needs `data_license`, the licence's name as readers see it, e.g. `CC BY 4.0`")
        }
        guard let title, let baseURL else { return nil }
        return SiteSettings(title: title, baseURL: baseURL, description: description, language: language,
                            languages: languages?.isEmpty == false ? languages : nil, types: types,
                            typesLocation: types == nil ? nil : fields.location(of: "types"),
                            dataLicense: dataLicense, dataLicenseURL: dataLicenseURL)
    }

    /// `site.LANG.yml` beside `site.yml`: the site's `title` and `description` in a further
    /// language; nothing else may be set there. Without one, the edition keeps the original's.
    func translate(_ settings: SiteSettings, log: inout DiagnosticLog) -> SiteSettings {
        let file = folder.root + "/site.\(settings.language).yml"
        guard case .regular = FileKind.of(file, within: folder.root) else { return settings }
        let path = folder.display(file)
        guard case .success(let bytes) = FileBytes.read(file, limit: SourceText.maximumBytes),
              case .success(let text) = SourceText.decode(bytes, path: path) else {
            log.error(SourceLocation(path: path), "cannot read file")
            return settings
        }
        let split = FrontMatterSplit(yaml: Substring(text.text), yamlFirstLine: 1, body: "", bodyFirstLine: 1)
        guard let fields = FrontMatter.parse(split, path: path, log: &log) else { return settings }
        for key in fields.keys where key != "title" && key != "description" {
            log.error(fields.location(of: key), "`site.\(settings.language).yml` translates only `title` and `description`; `\(key)` belongs in site.yml")
        }
        var translated = settings
        if let title = fields.text("title", log: &log) { translated.title = title }
        if let description = fields.text("description", log: &log) { translated.description = description }
        return translated
    }

    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
