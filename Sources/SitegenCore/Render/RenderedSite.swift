/// One file of the built site, relative to the output folder (`activities/x/index.html`).
struct OutputFile: Sendable {
    let path: String
    /// The file's bytes; nil for a file `serve` knows to be unchanged since it last wrote it.
    let bytes: [UInt8]?
}

/// Every file of the site, rendered in memory, in a fixed order; paths are unique.
struct RenderedSite: Sendable {
    var files: [OutputFile]

    /// Takes `other`'s bytes for the files this one left unrendered.
    mutating func fill(from other: RenderedSite) {
        var bytes: [String: [UInt8]] = [:]
        for file in other.files { if let rendered = file.bytes { bytes[file.path] = rendered } }
        guard !bytes.isEmpty else { return }
        files = files.map { $0.bytes == nil ? OutputFile(path: $0.path, bytes: bytes[$0.path]) : $0 }
    }
}
