/// One problem found in content or templates, printed as `PATH:LINE:COLUMN: severity: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var path: String
    public var line: Int?
    public var column: Int?
    public var severity: Severity
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public init(_ location: SourceLocation, severity: Severity = .error, _ message: String) {
        self.init(path: location.path, line: location.line, column: location.column, severity: severity, message: message)
    }

    /// The path's control characters are escaped: a file name with a newline must not split the line.
    public var description: String {
        var position = ControlCharacterEscaping.escaped(path)
        if let line {
            position += ":\(line)"
            if let column { position += ":\(column)" }
        }
        return "\(position): \(severity.rawValue): \(message)"
    }
}

extension Diagnostic: Comparable {
    /// Sorted by path, then line and column, so output reads top to bottom through each file.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if (lhs.column ?? 0) != (rhs.column ?? 0) { return (lhs.column ?? 0) < (rhs.column ?? 0) }
        return lhs.message < rhs.message
    }
}
