/// Reads one content file of each kind from its front matter and body into a typed model.
struct ContentReader: Sendable {
    let markdown: MarkdownRenderer
    /// The language documents are written in, when the site has more than one ("" otherwise).
    var language = ""

    /// Splits, parses and renders a file; nil when its front matter cannot be read at all.
    /// `headingIDs`: the ids of the original's headings, for a translation's.
    func document(id: String, path: String, bytes: [UInt8], headingIDs: [String] = [],
                  log: inout DiagnosticLog) -> (FrontMatter, ContentDocument)? {
        let text: SourceText
        switch SourceText.decode(bytes, path: path) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): log.append(diagnostic); return nil
        }
        let split: FrontMatterSplit
        switch FrontMatterSplitter.split(text.text, path: path) {
        case .success(let value): split = value
        case .failure(let diagnostic): log.append(diagnostic); return nil
        }
        guard let frontMatter = FrontMatter.parse(split, path: path, log: &log) else { return nil }
        let body: RenderedMarkdown
        switch markdown.renderChecked(split.body, firstLine: split.bodyFirstLine, headingIDs: headingIDs) {
        case .success(let rendered): body = rendered
        case .failure(let violation):
            // Reported at its place; the fields are still read, so no other error follows from it.
            log.error(SourceLocation(path: path, line: split.bodyFirstLine + violation.line - 1, column: violation.column), violation.message)
            body = .empty
        }
        return (frontMatter, ContentDocument(id: id, path: path, body: body, textLanguage: language, bodyLanguage: language))
    }

    func activity(_ fields: FrontMatter, _ document: ContentDocument, log: inout DiagnosticLog) -> Activity? {
        let declared = Activity.declaredFields
        fields.warnAboutUnknownFields(allowed: declared.map(\.name), log: &log)
        let values = values(of: declared, from: fields, log: &log)
        if let type = values.text("type"), !ContentFileScanner.isValidID(type) {
            log.warning(fields.location(of: "type"), "`type` is usually one lower-case word such as `seminar` or `meeting`")
        }
        if let date = values.date("date"), let endDate = values.date("end_date"), endDate.endKey < date.sortKey {
            log.error(fields.location(of: "end_date"), "`end_date` \(endDate.text) is before `date` \(date.text)")
        }
        guard values.text("title") != nil, values.date("date") != nil else { return nil }
        return Activity(document: document, values: values)
    }

    func partner(_ fields: FrontMatter, _ document: ContentDocument, log: inout DiagnosticLog) -> Partner? {
        fields.warnAboutUnknownFields(allowed: Partner.fields, log: &log)
        let name = fields.text("name", required: true, log: &log)
        let kindText = fields.scalarText("kind", required: true, expected: "`country` or `organization`", log: &log)
        var kind: Partner.Kind?
        if let kindText {
            kind = Partner.Kind(rawValue: kindText)
            if kind == nil {
                log.error(fields.location(of: "kind"), "unknown kind `\(kindText)`; expected `country` or `organization`\(NameSuggester.hint(for: kindText, among: Partner.Kind.allCases.map(\.rawValue)))")
            }
        }
        // Read raw: unquoted `NO` (Norway) is a YAML boolean to most readers.
        let iso = fields.scalarText("iso", expected: "a two-letter ISO 3166-1 code", log: &log)
        if let iso, !ISOCountryCodes.isValid(iso) {
            let hint = ISOCountryCodes.isValid(iso.uppercased()) ? "; write it in upper case: `\(iso.uppercased())`" : ""
            log.error(fields.location(of: "iso"), "`iso` is `\(iso)`, not an ISO 3166-1 alpha-2 country code\(hint)")
        }
        if kind == .country, iso == nil {
            log.error(fields.location, "missing required field `iso` for a country (its ISO 3166-1 alpha-2 code, e.g. `PH`)")
        }
        let region = fields.text("region", log: &log)
        guard let name, let kind else { return nil }
        return Partner(document: document, name: name, kind: kind,
                       iso: iso.flatMap { ISOCountryCodes.isValid($0) ? $0 : nil }, region: region,
                       citations: Citations(values: values(of: Citations.declaredFields, from: fields, log: &log)))
    }

    func actionPlan(_ fields: FrontMatter, _ document: ContentDocument, log: inout DiagnosticLog) -> ActionPlan? {
        fields.warnAboutUnknownFields(allowed: ActionPlan.fields, log: &log)
        let title = fields.text("title", required: true, log: &log)
        let edition = fields.integer("edition", required: true, log: &log)
        if let edition, edition < 1 {
            log.error(fields.location(of: "edition"), "`edition` is \(edition); editions count from 1")
        }
        let adopted = fields.date("adopted", required: true, log: &log)
        let start = fields.date("period_start", fiscalYears: true, log: &log)
        let end = fields.date("period_end", fiscalYears: true, log: &log)
        if let start, let end, end.endKey < start.sortKey {
            log.error(fields.location(of: "period_end"), "`period_end` \(end.text) is before `period_start` \(start.text)")
        }
        let source = sourceURL(fields, log: &log)
        let summary = fields.text("summary", log: &log)
        guard let title, let edition, edition >= 1, let adopted else { return nil }
        return ActionPlan(document: document, title: title, edition: edition, adopted: adopted,
                          periodStart: start, periodEnd: end, source: source,
                          summary: summary ?? document.body.firstParagraph ?? "",
                          editionLocation: fields.location(of: "edition"),
                          citations: Citations(values: values(of: Citations.declaredFields, from: fields, log: &log)))
    }

    func page(_ fields: FrontMatter, _ document: ContentDocument, log: inout DiagnosticLog) -> Page? {
        fields.warnAboutUnknownFields(allowed: Page.fields, log: &log)
        let title = fields.text("title", required: true, log: &log)
        let order = fields.integer("order", log: &log)
        let summary = fields.text("summary", log: &log)
        if SitePaths.reservedPageIDs.contains(document.id) {
            log.error(fields.location, "page id `\(document.id)` is taken by the portal's own `/\(document.id)/`; rename the file")
        }
        guard let title else { return nil }
        return Page(document: document, title: title, order: order, summary: summary ?? document.body.firstParagraph ?? "",
                    citations: Citations(values: values(of: Citations.declaredFields, from: fields, log: &log)))
    }

    func source(_ fields: FrontMatter, _ document: ContentDocument, log: inout DiagnosticLog) -> Source? {
        fields.warnAboutUnknownFields(allowed: Source.declaredFields.map(\.name), log: &log)
        let values = values(of: Source.declaredFields, from: fields, log: &log)
        if let language = values.text("language"), !SiteSettingsReader.isLanguageTag(language) {
            log.error(fields.location(of: "language"), "`language` is `\(language)`; expected a BCP 47 tag such as `en` or `ja`")
        }
        guard values.text("title") != nil, values.text("publisher") != nil, values.text("url") != nil else { return nil }
        return Source(document: document, values: values)
    }

    private func sourceURL(_ fields: FrontMatter, log: inout DiagnosticLog) -> String? {
        guard let source = fields.text("source", log: &log) else { return nil }
        guard AbsoluteURL(source) != nil else {
            log.error(fields.location(of: "source"), "`source` must be an absolute http:// or https:// URL, not `\(source)`")
            return nil
        }
        return source
    }

}
