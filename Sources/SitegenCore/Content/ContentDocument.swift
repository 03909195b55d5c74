/// What every content file has besides its front matter: an id, where it came from, and its body.
public struct ContentDocument: Sendable, Equatable {
    /// The file name without `.md`.
    public var id: String
    /// The path shown in diagnostics, relative to the working directory.
    public var path: String
    /// The Markdown body rendered to HTML, root-relative links already carrying the base path.
    public var body: RenderedMarkdown
    /// The language of the record's text fields and of its body, as shown in this edition: the
    /// edition's own where a translation gives them, the original's otherwise ("" when the site
    /// is published in one language).
    public var textLanguage = ""
    public var bodyLanguage = ""
    /// The translation (`ID.LANG.md`) whose body this edition shows, if any: problems in the body,
    /// such as its links, are reported there.
    public var translationPath: String?

    /// The file the body was read from.
    public var bodyPath: String { translationPath ?? path }

    public var location: SourceLocation { SourceLocation(path: path) }
}
