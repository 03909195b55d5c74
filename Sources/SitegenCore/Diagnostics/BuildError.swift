/// Thrown when content, templates or the output folder make a build impossible.
/// Carries every diagnostic, warnings included, so the caller can print them in order.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    /// Each diagnostic once, in order: a problem seen by every edition of the site is one problem.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = Array(Set(diagnostics)).sorted()
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
