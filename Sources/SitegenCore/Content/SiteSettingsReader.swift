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
        guard let title, let baseURL else { return nil }
        return SiteSettings(title: title, baseURL: baseURL, description: description, language: language)
    }

    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
