/// One file of the built site, relative to the output folder (`activities/x/index.html`).
struct OutputFile: Sendable {
    let path: String
    /// The file's bytes; nil for a file `serve` knows to be unchanged since it last wrote it.
    let bytes: [UInt8]?
}

/// Every file of the site, rendered in memory, in a fixed order; paths are unique.
struct RenderedSite: Sendable {
    var files: [OutputFile]
}
