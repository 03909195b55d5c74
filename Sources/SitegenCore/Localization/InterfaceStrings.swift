import Foundation
import Yams

/// The interface text of one language, from `Templates/i18n/LANG.yml`: labels for templates
/// (`{{t.timeline}}`), month names and date patterns.
public struct InterfaceStrings: Sendable {
    public var language: String
    public var labels: [String: String]
    public var dates: DateFormatting
    /// The strings file, as shown in diagnostics.
    var path = ""

    public func label(_ key: String) -> String { labels[key] ?? key }

    /// A strings file is read whole: a larger one is refused before it is read.
    static let maximumBytes = 1024 * 1024

    /// Loads the strings for `language` (`ja-JP` falls back to `ja`, then to `en`).
    static func load(language: String, folder: String, pathDisplay: PathDisplay, log: inout DiagnosticLog) -> InterfaceStrings? {
        let primary = String(language.split(separator: "-").first ?? "en").lowercased()
        let candidates = [language, primary, "en"]
        guard let file = candidates.lazy.map({ folder + "/i18n/\($0).yml" }).first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            log.error(SourceLocation(path: pathDisplay.display(folder + "/i18n/en.yml")), "missing interface strings for `\(language)`")
            return nil
        }
        let path = pathDisplay.display(file)
        guard case .success(let read) = BoundedFile.read(file, limit: maximumBytes) else {
            log.error(SourceLocation(path: path), "cannot read interface strings")
            return nil
        }
        guard !read.isOverLimit else {
            log.error(SourceLocation(path: path), BoundedFile.overLimitMessage(size: read.size, limit: maximumBytes, kind: "strings files"))
            return nil
        }
        let text = String(decoding: read.bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            log.error(SourceLocation(path: path), "invalid YAML: \(error)")
            return nil
        }
        guard case .mapping(let mapping)? = root else {
            log.error(SourceLocation(path: path), "expected `key: text` lines")
            return nil
        }
        let pairs = mapping.map { (key: FieldValue($0.key), value: FieldValue($0.value)) }
        var labels: [String: String] = [:]
        var months: [String] = []
        for (key, value) in pairs {
            guard case .text(let name, _, let mark) = key else { continue }
            switch value {
            case .text(let string, _, _): labels[name] = string
            case .list(let items, _) where name == "months":
                months = items.compactMap { if case .text(let month, _, _) = $0 { month } else { nil } }
            default:
                log.error(SourceLocation(path: path, line: mark?.line), "`\(name)` must be text")
            }
        }
        guard months.count == 12 else {
            log.error(SourceLocation(path: path), "`months` must list twelve month names")
            return nil
        }
        let english = DateFormatting.english
        let dates = DateFormatting(
            monthNames: months,
            year: labels["date_year"] ?? english.year,
            month: labels["date_month"] ?? english.month,
            day: labels["date_day"] ?? english.day,
            rangeSameMonth: labels["date_range_same_month"] ?? english.rangeSameMonth,
            rangeSameYear: labels["date_range_same_year"] ?? english.rangeSameYear,
            range: labels["date_range"] ?? english.range,
            fiscalYear: labels["date_fiscal_year"] ?? english.fiscalYear,
            fiscalRange: labels["date_fiscal_range"] ?? english.fiscalRange)
        return InterfaceStrings(language: language, labels: labels, dates: dates, path: path)
    }
}
