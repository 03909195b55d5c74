/// Collects every problem of a stage so the user sees them all at once, not only the first.
public struct DiagnosticLog: Sendable {
    public private(set) var entries: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { entries.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { entries.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { entries.filter { $0.severity == .warning } }

    public mutating func error(_ location: SourceLocation, _ message: String) {
        entries.append(Diagnostic(location, severity: .error, message))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String) {
        entries.append(Diagnostic(location, severity: .warning, message))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        entries.append(diagnostic)
    }

    /// Adds the entries of another edition's log that this one does not have yet: a problem
    /// of an original is seen by every language's edition, and reported once.
    mutating func appendNew(_ other: DiagnosticLog) {
        let seen = Set(entries)
        entries.append(contentsOf: other.entries.filter { !seen.contains($0) })
    }

    public mutating func append(contentsOf entries: [Diagnostic]) {
        self.entries.append(contentsOf: entries)
    }

    public mutating func append(contentsOf other: DiagnosticLog) {
        entries.append(contentsOf: other.entries)
    }

    public var sorted: [Diagnostic] { entries.sorted() }
}
