import Foundation
import Mustache

/// The theme: every `.mustache` file of the templates folder parsed once, its interface strings
/// and its assets. A template that does not parse, or names a partial that does not exist,
/// is an error at its file and line.
public struct TemplateLibrary: Sendable {
    /// Templates each kind of page is rendered with.
    public enum PageTemplate: String, Sendable, CaseIterable {
        case home, timeline, activity, partners, partner, actionPlans = "action-plans", actionPlan = "action-plan"
        case page, search, notFound = "404"
    }

    public let folder: String
    let library: MustacheLibrary
    public let strings: InterfaceStrings
    /// Files under `assets/`, relative to it, copied to `/assets/`.
    public let assets: [String]

    static func load(folder: String, language: String, pathDisplay: PathDisplay, log: inout DiagnosticLog) -> TemplateLibrary? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.error(SourceLocation(path: pathDisplay.display(folder)), "templates folder not found")
            return nil
        }
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: String] = [:]
        let names = ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
        for relative in names {
            let name = String(relative.dropLast(".mustache".count))
            let path = folder + "/" + relative
            let display = pathDisplay.display(path)
            guard let data = FileManager.default.contents(atPath: path) else {
                log.error(SourceLocation(path: display), "cannot read template")
                continue
            }
            let text: String
            switch SourceText.decode([UInt8](data), path: display) {
            case .success(let decoded): text = decoded.text
            case .failure(let diagnostic): log.append(diagnostic); continue
            }
            do {
                EscapedHTMLContentType.registered
                templates[name] = try MustacheTemplate(string: EscapedHTMLContentType.pragma + text)
                sources[name] = text
            } catch let error as MustacheTemplate.ParserError {
                let column = error.context.columnNumber + 1 - (error.context.lineNumber == 1 ? EscapedHTMLContentType.pragma.count : 0)
                log.error(SourceLocation(path: display, line: error.context.lineNumber, column: max(column, 1)),
                          "template does not parse: \(Self.describe(error.error))")
            } catch {
                log.error(SourceLocation(path: display), "template does not parse: \(error)")
            }
        }
        for kind in PageTemplate.allCases where templates[kind.rawValue] == nil && sources[kind.rawValue] == nil {
            if !names.contains(kind.rawValue + ".mustache") {
                log.error(SourceLocation(path: pathDisplay.display(folder + "/" + kind.rawValue + ".mustache")), "missing template for \(kind.rawValue) pages")
            }
        }
        checkPartials(sources, folder: folder, pathDisplay: pathDisplay, log: &log)
        let strings = InterfaceStrings.load(language: language, folder: folder, pathDisplay: pathDisplay, log: &log)
        let assets = AssetFiles.list(in: folder + "/assets")
        guard let strings, !log.hasErrors else { return nil }
        return TemplateLibrary(folder: folder, library: MustacheLibrary(templates: templates), strings: strings, assets: assets)
    }

    public func render(_ context: Any, with template: PageTemplate) -> String {
        library.render(context, withTemplate: template.rawValue) ?? ""
    }

    /// An activity's entry in lists, from `partials/activity-item`; empty when the theme has no such partial.
    func renderListEntry(_ views: ViewFactory, _ activity: Activity) -> String {
        guard library.getTemplate(named: Self.listEntryTemplate) != nil else { return "" }
        return library.render(ListEntryContext(item: views.item(activity), site: views.site), withTemplate: Self.listEntryTemplate) ?? ""
    }

    static let listEntryTemplate = "partials/activity-item"

    /// Each section's header and footer, rendered once: they are the same on every page of a
    /// section, and rendering them per page was a third of the time of a large build.
    func renderChrome(_ views: ViewFactory) -> [String: (header: String, footer: String)] {
        var chrome: [String: (header: String, footer: String)] = [:]
        for section in views.sectionIDs {
            let context = views.context(title: "", description: "", sitePath: "/", section: section, page: "")
            chrome[section] = (piece("partials/header", context), piece("partials/footer", context))
        }
        return chrome
    }

    /// A partial on its own, without the final newline its own line in the layout supplies.
    private func piece(_ name: String, _ context: PageContext) -> String {
        guard library.getTemplate(named: name) != nil, var text = library.render(context, withTemplate: name) else { return "" }
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// `{{> name}}` and `{{< name}}` must name a template of the folder; the library would render nothing.
    private static func checkPartials(_ sources: [String: String], folder: String, pathDisplay: PathDisplay, log: inout DiagnosticLog) {
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            var lineNumber = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                var rest = line[...]
                while let open = rest.range(of: "{{") {
                    let after = rest[open.upperBound...]
                    guard let marker = after.first, marker == ">" || marker == "<",
                          let close = after.range(of: "}}") else {
                        rest = after
                        continue
                    }
                    let partial = after[after.index(after: after.startIndex)..<close.lowerBound].trimmingWhitespace
                    if sources[partial] == nil {
                        let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                        log.error(SourceLocation(path: pathDisplay.display(folder + "/" + name + ".mustache"), line: lineNumber, column: column),
                                  "no template named `\(partial)`\(NameSuggester.hint(for: partial, among: sources.keys))")
                    }
                    rest = after[close.upperBound...]
                }
            }
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with another name than it was opened with"
        case .unfinishedName: "a tag is not closed with `}}`"
        case .expectedSectionEnd: "a section is opened but never closed"
        case .illegalTokenInsideInheritSection: "only blocks may stand inside an inheriting section"
        case .transformAppliedToInheritanceSection: "a transform cannot apply to an inheriting section"
        default: "\(error)"
        }
    }
}

enum AssetFiles {
    static func list(in folder: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [])
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
                    && !path.split(separator: "/").contains { $0.hasPrefix(".") }
            }
            .sorted()
    }
}
