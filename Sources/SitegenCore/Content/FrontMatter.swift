import Yams

/// The parsed front matter of one file, read field by field into typed values.
/// Every accessor reports problems to a `DiagnosticLog` at the field's line in the `.md` file.
struct FrontMatter {
    static let maximumNestingDepth = 64

    let path: String
    /// Added to a line within the YAML to get the line within the file.
    let lineOffset: Int
    /// Each field in the order written. A list searched in order: a file has a dozen fields at
    /// most, and two hashed tables per file cost more than the lookups they saved.
    private let fields: [(key: String, value: FieldValue, mark: YAMLPosition?)]

    var location: SourceLocation { SourceLocation(path: path, line: lineOffset, column: 1) }

    /// Parses the YAML of `split`; nil (with diagnostics) when it is not a mapping of fields.
    static func parse(_ split: FrontMatterSplit, path: String, log: inout DiagnosticLog) -> FrontMatter? {
        let offset = split.yamlFirstLine - 1
        let yaml = String(split.yaml)
        if let problem = NestingGuard.firstTooDeepLine(in: yaml, limit: maximumNestingDepth) {
            log.error(SourceLocation(path: path, line: problem + offset, column: 1),
                      "front matter nests deeper than \(maximumNestingDepth) levels")
            return nil
        }
        let root: Node?
        do {
            // The encoding is given: its default reads the process environment on every call.
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            log.append(diagnostic(for: error, path: path, offset: offset, yaml: yaml))
            return nil
        } catch {
            log.error(SourceLocation(path: path, line: split.yamlFirstLine), "cannot read front matter: \(error)")
            return nil
        }
        guard let root else {
            return FrontMatter(path: path, lineOffset: split.yamlFirstLine - 1, fields: [])
        }
        guard case .mapping(let mapping) = root else {
            log.error(location(of: YAMLPosition(root.mark), path: path, offset: offset),
                      "front matter must be a set of `field: value` lines")
            return nil
        }
        return fields(mapping.map { (FieldValue($0.key), FieldValue($0.value)) }, path: path, offset: offset, log: &log)
    }

    private static func fields(_ pairs: [(key: FieldValue, value: FieldValue)], path: String, offset: Int, log: inout DiagnosticLog) -> FrontMatter {
        var fields: [(key: String, value: FieldValue, mark: YAMLPosition?)] = []
        fields.reserveCapacity(pairs.count)
        var keys = FirstOccurrences(capacity: pairs.count)
        for (keyValue, value) in pairs {
            guard case .text(let key, _, let keyMark) = keyValue else {
                log.error(location(of: keyValue.position, path: path, offset: offset), "field names must be plain words")
                continue
            }
            guard keys.insert(key) else {
                log.error(location(of: keyMark, path: path, offset: offset), "field `\(key)` is given twice")
                continue
            }
            fields.append((key, value, keyMark))
        }
        return FrontMatter(path: path, lineOffset: offset, fields: fields)
    }

    private static func location(of mark: YAMLPosition?, path: String, offset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: offset + 1) }
        return SourceLocation(path: path, line: mark.line + offset, column: mark.column)
    }

    private static func diagnostic(for error: YamlError, path: String, offset: Int, yaml: String) -> Diagnostic {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, _):
            let key = duplicates.sorted().first ?? ""
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let repeated = lines.indices.filter { lines[$0].hasPrefix(key + ":") }.dropFirst().first
            return Diagnostic(path: path, line: repeated.map { $0 + 1 + offset } ?? offset + 1, column: 1,
                              message: "field `\(key)` is given twice")
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return Diagnostic(path: path, line: mark.line + offset, column: mark.column,
                              message: "invalid YAML in front matter: \(detail)\(problem)")
        case .reader(let problem, _, _, _):
            return Diagnostic(path: path, line: offset + 1, message: "unreadable front matter: \(problem)")
        default:
            return Diagnostic(path: path, line: offset + 1, message: "invalid YAML in front matter: \(error)")
        }
    }

    // MARK: Field access

    private func field(_ key: String) -> (key: String, value: FieldValue, mark: YAMLPosition?)? {
        fields.first { $0.key == key }
    }

    func contains(_ key: String) -> Bool { field(key).map { !$0.value.isNull } ?? false }

    /// Every field name, in the order written.
    var keys: [String] { fields.map(\.key) }

    /// A field's value as comparable text: a scalar as written, a list as its items joined by
    /// `, `; nil when absent. A translation's facts are compared with the original's this way.
    func comparableText(_ key: String) -> String? {
        guard let value = field(key)?.value, !value.isNull else { return nil }
        switch value {
        case .text(let string, _, _): return string.trimmingWhitespace
        case .list(let items, _):
            return items.map { item in if case .text(let string, _, _) = item { string.trimmingWhitespace } else { "?" } }.joined(separator: ", ")
        default: return "?"
        }
    }

    /// Where a field's value starts, or its key, or the front matter itself.
    func location(of key: String) -> SourceLocation {
        let field = field(key)
        if let mark = field?.value.position ?? field?.mark {
            return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        return location
    }

    /// Text of a field. Plain numbers, booleans and lists are rejected: a title is text.
    func text(_ key: String, required: Bool = false, log: inout DiagnosticLog) -> String? {
        guard let node = value(key, required: required, expected: "text", log: &log) else { return nil }
        guard case .text(let string, let isPlain, _) = node else {
            log.error(location(of: key), "`\(key)` must be text, not \(node.kindDescription)")
            return nil
        }
        if isPlain, let kind = PlainScalarKind(string), kind != .text {
            log.error(location(of: key), "`\(key)` must be text, not \(kind.description); put it in quotes if you mean the text `\(string)`")
            return nil
        }
        let trimmed = string.trimmingWhitespace
        if trimmed.isEmpty {
            if required { log.error(location(of: key), "`\(key)` is empty; expected text") }
            return nil
        }
        return trimmed
    }

    /// Raw text of a scalar field, whatever YAML would resolve it to (`NO` stays `NO`, `2015` stays `2015`).
    func scalarText(_ key: String, required: Bool = false, expected: String, log: inout DiagnosticLog) -> String? {
        guard let node = value(key, required: required, expected: expected, log: &log) else { return nil }
        guard case .text(let string, _, _) = node else {
            log.error(location(of: key), "`\(key)` must be \(expected), not \(node.kindDescription)")
            return nil
        }
        return string.trimmingWhitespace
    }

    /// `fiscalYears`: `FY2023` is accepted too (an action plan's period).
    func date(_ key: String, required: Bool = false, fiscalYears: Bool = false, log: inout DiagnosticLog) -> PartialDate? {
        guard let raw = scalarText(key, required: required, expected: "a date (YYYY, YYYY-MM or YYYY-MM-DD)", log: &log) else { return nil }
        if fiscalYears, let fiscal = PartialDate(fiscalYear: raw) { return fiscal }
        guard let date = PartialDate(raw) else {
            if fiscalYears {
                log.error(location(of: key), "`\(key)` is `\(raw)`, not a real date; expected YYYY, YYYY-MM, YYYY-MM-DD or a fiscal year such as FY2023")
                return nil
            }
            log.error(location(of: key), "`\(key)` is `\(raw)`, not a real date; expected YYYY, YYYY-MM or YYYY-MM-DD")
            return nil
        }
        return date
    }

    func integer(_ key: String, required: Bool = false, log: inout DiagnosticLog) -> Int? {
        guard let raw = scalarText(key, required: required, expected: "a whole number", log: &log) else { return nil }
        guard let value = Int(raw), raw.count <= 9 else {
            log.error(location(of: key), "`\(key)` is `\(raw)`; expected a whole number")
            return nil
        }
        return value
    }

    func boolean(_ key: String, log: inout DiagnosticLog) -> Bool? {
        guard let raw = scalarText(key, expected: "`true` or `false`", log: &log) else { return nil }
        switch raw.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            log.error(location(of: key), "`\(key)` is `\(raw)`; expected `true` or `false`")
            return nil
        }
    }

    /// A list of short texts; a single text is accepted as a one-item list.
    func textList(_ key: String, log: inout DiagnosticLog) -> [(value: String, location: SourceLocation)] {
        guard let node = field(key)?.value, !node.isNull else { return [] }
        let items: [FieldValue]
        switch node {
        case .list(let list, _): items = list
        case .text: items = [node]
        default:
            log.error(location(of: key), "`\(key)` must be a list of ids, not \(node.kindDescription)")
            return []
        }
        var result: [(String, SourceLocation)] = []
        for item in items {
            let itemLocation = item.position.map { SourceLocation(path: path, line: $0.line + lineOffset, column: $0.column) } ?? location(of: key)
            guard case .text(let string, _, _) = item else {
                log.error(itemLocation, "each item of `\(key)` must be an id, not \(item.kindDescription)")
                continue
            }
            let value = string.trimmingWhitespace
            if !value.isEmpty { result.append((value, itemLocation)) }
        }
        return result
    }

    /// Warns about fields this kind of file does not use; catches typos such as `partner:`.
    func warnAboutUnknownFields(allowed: [String], log: inout DiagnosticLog) {
        for (key, _, mark) in fields where !allowed.contains(key) {
            let where_ = SourceLocation(path: path, line: mark.map { $0.line + lineOffset }, column: mark?.column)
            log.warning(where_, "unknown field `\(key)` is ignored\(NameSuggester.hint(for: key, among: allowed))")
        }
    }

    private func value(_ key: String, required: Bool, expected: String, log: inout DiagnosticLog) -> FieldValue? {
        guard let node = field(key)?.value, !node.isNull else {
            if required {
                log.error(location, "missing required field `\(key)` (\(expected))")
            }
            return nil
        }
        return node
    }
}

/// What a plain (unquoted) YAML scalar would mean to a YAML reader, so `title: 1325` is caught.
enum PlainScalarKind: CustomStringConvertible {
    case text, number, boolean

    init?(_ string: String) {
        let value = string.trimmingWhitespace
        // Bytes, not Characters: every plain title and place passes through here. A byte that is
        // not ASCII fails the digit test just as the Character it belongs to would.
        let bytes = value.utf8
        if bytes.count <= 5 {
            switch value {
            case "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF":
                self = .boolean
                return
            default: break
            }
        }
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let digits = bytes.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        if !digits.isEmpty, digits.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }), digits.contains(where: isDigit) {
            self = .number
        } else {
            self = .text
        }
    }

    var description: String {
        switch self {
        case .text: "text"
        case .number: "a number"
        case .boolean: "a yes/no value"
        }
    }
}

/// Where a YAML node starts, 1-based, relative to the front matter's first line.
struct YAMLPosition: Equatable {
    let line: Int
    let column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init?(_ mark: Mark?) {
        guard let mark else { return nil }
        self.init(line: mark.line, column: mark.column)
    }
}

/// A front-matter value as written: text (plain or quoted), a list, or something a field
/// never holds (a nested set of fields, an alias), which is only ever reported.
indirect enum FieldValue: Equatable {
    case text(String, isPlain: Bool, YAMLPosition?)
    case list([FieldValue], YAMLPosition?)
    case fields(YAMLPosition?)
    case alias(YAMLPosition?)

    /// A field's value, and its items when it is a list; deeper than that only kinds and
    /// positions are ever reported, so nothing deeper is copied (aliases can make a small
    /// document stand for an enormous tree).
    init(_ node: Node, itemsToo: Bool = true) {
        switch node {
        case .scalar(let scalar): self = .text(scalar.string, isPlain: scalar.style == .plain, YAMLPosition(scalar.mark))
        case .sequence(let sequence):
            self = .list(itemsToo ? sequence.map { FieldValue($0, itemsToo: false) } : [], YAMLPosition(sequence.mark))
        case .mapping(let mapping): self = .fields(YAMLPosition(mapping.mark))
        case .alias(let alias): self = .alias(YAMLPosition(alias.mark))
        }
    }

    var position: YAMLPosition? {
        switch self {
        case .text(_, _, let position), .list(_, let position), .fields(let position), .alias(let position): position
        }
    }

    var isNull: Bool {
        guard case .text(let string, true, _) = self else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(string)
    }

    var kindDescription: String {
        switch self {
        case .text: "text"
        case .fields: "a set of fields"
        case .list: "a list"
        case .alias: "an alias"
        }
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        // Printable ASCII at both ends, as almost every value has, is not whitespace: no need to
        // look at them as Characters.
        let bytes = utf8
        if let first = bytes.first, (0x21...0x7E).contains(first), (0x21...0x7E).contains(bytes[bytes.index(bytes.endIndex, offsetBy: -1)]) {
            return String(self)
        }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
