import Foundation

/// The theme: every `.mustache` file of the templates folder parsed once, its interface strings
/// and its assets. A template that does not parse, or names a partial that does not exist,
/// is an error at its file and line.
public struct TemplateLibrary: Sendable {
    /// Templates each kind of page is rendered with.
    public enum PageTemplate: String, Sendable, CaseIterable {
        case home, timeline, activity, partners, partner, actionPlans = "action-plans", actionPlan = "action-plan", sources
        case page, search, data, notFound = "404"
    }

    public let folder: String
    /// Every template, by name relative to the folder without `.mustache` (`layout`, `partials/head`), compiled.
    let program: TemplateProgram
    public let strings: InterfaceStrings
    /// Files under `assets/`, relative to it, copied to `/assets/`.
    public let assets: [String]

    /// The templates folder read and checked, without the interface strings, which depend on
    /// the site's language: it can be read while the content loads. `program` is nil when a
    /// template has errors.
    struct Theme: Sendable {
        let program: TemplateProgram?
        let assets: [String]
        /// Each template's parsed nodes and text, by name, for the checks of each language's strings.
        var parsed: [String: (nodes: [TemplateNode], text: String)] = [:]
    }

    /// The library of a theme read earlier, with the strings for `language`; nil if `log` has errors by then.
    static func load(_ theme: Theme, folder: String, language: String, pathDisplay: PathDisplay, log: inout DiagnosticLog) -> TemplateLibrary? {
        var stringsLog = DiagnosticLog()
        let strings = InterfaceStrings.load(language: language, folder: folder, pathDisplay: pathDisplay, log: &stringsLog)
        if let strings {
            // Every `{{t.KEY}}` must be in this language's strings file.
            for (name, (nodes, text)) in theme.parsed.sorted(by: { $0.key < $1.key }) {
                for (unknown, offset) in TemplateVocabulary.unknownNames(in: nodes, labels: strings.labels) {
                    stringsLog.error(location(of: offset, in: text, path: pathDisplay.display(folder + "/" + name + ".mustache")),
                                     "`\(unknown)` is not in \(strings.path)\(NameSuggester.hint(for: String(unknown.dropFirst(2)), among: strings.labels.keys))")
                }
            }
        }
        log.append(contentsOf: stringsLog)
        guard let strings, let program = theme.program, !stringsLog.hasErrors else { return nil }
        return TemplateLibrary(folder: folder, program: program, strings: strings, assets: theme.assets)
    }

    static func readTheme(folder: String, pathDisplay: PathDisplay, log: inout DiagnosticLog) -> Theme? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.error(SourceLocation(path: pathDisplay.display(folder)), "templates folder not found")
            return nil
        }
        var templates: [String: [TemplateNode]] = [:]
        var sources: [String: String] = [:]
        // One walk finds the templates and the assets; it follows no link to a folder.
        let files = FolderWalk.files(under: folder, boundary: folder, outsideLink: .listed, pathDisplay: pathDisplay, log: &log)
        let names = files.map(\.path).filter { $0.hasSuffix(".mustache") }
        for relative in names {
            let name = String(relative.dropLast(".mustache".count))
            let path = folder + "/" + relative
            let display = pathDisplay.display(path)
            guard case .success(let file) = BoundedFile.read(path, limit: maximumTemplateBytes) else {
                log.error(SourceLocation(path: display), "cannot read template")
                continue
            }
            guard !file.isOverLimit else {
                log.error(SourceLocation(path: display), BoundedFile.overLimitMessage(size: file.size, limit: maximumTemplateBytes, kind: "templates"))
                continue
            }
            let text: String
            switch SourceText.decode(file.bytes, path: display) {
            case .success(let decoded): text = decoded.text
            case .failure(let diagnostic): log.append(diagnostic); continue
            }
            sources[name] = text
            do {
                templates[name] = try TemplateParser.parse(text)
            } catch {
                log.error(location(of: error.offset, in: text, path: display), "template does not parse: \(error.message)")
            }
        }
        for kind in PageTemplate.allCases where templates[kind.rawValue] == nil && sources[kind.rawValue] == nil {
            if !names.contains(kind.rawValue + ".mustache") {
                log.error(SourceLocation(path: pathDisplay.display(folder + "/" + kind.rawValue + ".mustache")), "missing template for \(kind.rawValue) pages")
            }
        }
        for (name, nodes) in templates.sorted(by: { $0.key < $1.key }) {
            for (unknown, offset) in TemplateVocabulary.unknownNames(in: nodes, labels: nil) {
                log.error(location(of: offset, in: sources[name] ?? "", path: pathDisplay.display(folder + "/" + name + ".mustache")),
                          "no view has a value named `\(unknown)`\(NameSuggester.hint(for: unknown, among: TemplateVocabulary.viewNames))")
            }
        }
        checkPartials(sources, folder: folder, pathDisplay: pathDisplay, log: &log)
        checkSelfInclusion(templates, sources: sources, folder: folder, pathDisplay: pathDisplay, log: &log)
        let assets = assetFiles(files, folder: folder, pathDisplay: pathDisplay, log: &log)
        var parsed: [String: (nodes: [TemplateNode], text: String)] = [:]
        for (name, nodes) in templates { parsed[name] = (nodes, sources[name] ?? "") }
        return Theme(program: log.hasErrors ? nil : TemplateProgram(templates), assets: assets, parsed: parsed)
    }

    /// Templates are read whole, as content files are.
    static let maximumTemplateBytes = SourceText.maximumBytes

    /// The files under `assets/`, relative to it; one over the size of a static file is refused
    /// before it is read, as static files are.
    private static func assetFiles(_ files: [FolderWalk.File], folder: String, pathDisplay: PathDisplay, log: inout DiagnosticLog) -> [String] {
        let prefix = "assets/"
        var assets: [String] = []
        for file in files where file.path.hasPrefix(prefix) {
            guard file.size <= StaticFiles.maximumBytes else {
                log.error(SourceLocation(path: pathDisplay.display(folder + "/" + file.path)),
                          BoundedFile.overLimitMessage(size: file.size, limit: StaticFiles.maximumBytes, kind: "assets"))
                continue
            }
            assets.append(String(file.path.dropFirst(prefix.count)))
        }
        return assets
    }

    /// Line and column (in characters) of a UTF-8 offset.
    private static func location(of offset: Int, in text: String, path: String) -> SourceLocation {
        let before = text.utf8.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { before.index(after: $0) } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return SourceLocation(path: path, line: line, column: column)
    }

    /// A page as UTF-8.
    func render(_ context: PageContext, with template: PageTemplate) -> [UInt8] {
        TemplateRenderer.render(template.rawValue, in: program, context: context)
    }

    private func render(_ name: String, _ context: any TemplateObject, program: TemplateProgram) -> String {
        String(decoding: TemplateRenderer.render(name, in: program, context: context, expectedSize: 1024), as: UTF8.self)
    }

    /// An activity's entry in lists, from `partials/activity-item`; empty when the theme has no such partial.
    func renderListEntry(_ views: ViewFactory, _ item: ActivityItem) -> [UInt8] {
        TemplateRenderer.render(Self.listEntryTemplate, in: program, context: ListEntryContext(item: item, site: views.site),
                                expectedSize: 1024)
    }

    static let listEntryTemplate = "partials/activity-item"

    /// Each section's header and footer, rendered once: they are the same on every page of a
    /// section, and rendering them per page was a third of the time of a large build.
    func renderChrome(_ views: ViewFactory) -> [String: (header: String, footer: String)] {
        var chrome: [String: (header: String, footer: String)] = [:]
        for section in views.sectionIDs {
            let context = views.context(title: "", description: "", sitePath: "/", section: section, page: ChromeView())
            chrome[section] = (piece("partials/header", context), piece("partials/footer", context))
        }
        return chrome
    }

    /// A partial on its own, without the final newline its own line in the layout supplies.
    private func piece(_ name: String, _ context: PageContext) -> String {
        var text = render(name, context, program: program)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// A template that includes itself, directly or through others, outside any section would
    /// never finish rendering (inside a section, the data decides when the recursion ends).
    private static func checkSelfInclusion(_ templates: [String: [TemplateNode]], sources: [String: String], folder: String,
                                           pathDisplay: PathDisplay, log: inout DiagnosticLog) {
        let references = templates.mapValues { unconditionalReferences($0) }
        var reported: Set<Set<String>> = []
        for start in references.keys.sorted() {
            var pending: [[String]] = [[start]]
            var visited: Set<String> = [start]
            while let path = pending.popLast() {
                for reference in references[path.last!] ?? [] {
                    if reference.name == start {
                        let cycle = path + [start]
                        guard reported.insert(Set(cycle)).inserted, let text = sources[start],
                              let firstStep = references[start]?.first(where: { $0.name == cycle[1] }) else { continue }
                        log.error(location(of: firstStep.offset, in: text, path: pathDisplay.display(folder + "/" + start + ".mustache")),
                                  "`\(start)` includes itself (\(cycle.joined(separator: " → "))), so it would never finish rendering")
                    } else if visited.insert(reference.name).inserted {
                        pending.append(path + [reference.name])
                    }
                }
            }
        }
    }

    /// The partials and parents `nodes` always render: not those inside sections.
    private static func unconditionalReferences(_ nodes: [TemplateNode]) -> [(name: String, offset: Int)] {
        var found: [(name: String, offset: Int)] = []
        for node in nodes {
            switch node {
            case .partial(let name, _, let offset), .parent(let name, _, _, let offset): found.append((name, offset))
            case .block(_, let children, _), .blockDefinition(_, let children): found += unconditionalReferences(children)
            case .text, .variable, .section, .invertedSection: break
            }
        }
        return found
    }

    /// `{{> name}}` and `{{< name}}` must name a template of the folder; the library would render nothing.
    /// Lines are split and searched as bytes, as the parser reads them.
    private static func checkPartials(_ sources: [String: String], folder: String, pathDisplay: PathDisplay, log: inout DiagnosticLog) {
        let open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            var lineNumber = 0
            for line in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                let bytes = Array(line)
                var offset = 0
                while let tag = ByteSearch.first(open, in: bytes, from: offset) {
                    let marker = tag + open.count
                    guard marker < bytes.count, bytes[marker] == UInt8(ascii: ">") || bytes[marker] == UInt8(ascii: "<"),
                          let end = ByteSearch.first(close, in: bytes, from: marker) else {
                        offset = marker
                        continue
                    }
                    let partial = String(decoding: bytes[(marker + 1)..<end], as: UTF8.self).trimmingWhitespace
                    if sources[partial] == nil {
                        let column = String(decoding: bytes[..<tag], as: UTF8.self).count + 1
                        log.error(SourceLocation(path: pathDisplay.display(folder + "/" + name + ".mustache"), line: lineNumber, column: column),
                                  "no template named `\(partial)`\(NameSuggester.hint(for: partial, among: sources.keys))")
                    }
                    offset = end + close.count
                }
            }
        }
    }
}
