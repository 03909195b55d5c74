/// A place in a source file; `line` and `column` are 1-based and absent where unknown.
public struct SourceLocation: Sendable, Hashable {
    public var path: String
    public var line: Int?
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }
}
