import Foundation

/// `.sitegen-manifest`: marks a folder as sitegen's output and names every file the build wrote,
/// each with the key of what its page was rendered from (when known), plus a digest of the inputs.
struct OutputManifest: Sendable {
    static let fileName = ".sitegen-manifest"
    static let header = "sitegen output v1"
    static let fingerprintPrefix = "# inputs "

    var fingerprint: String?
    /// Relative path → the page's dependency key, or "" when the file is compared by content.
    var files: [String: String] = [:]

    init(fingerprint: String? = nil, files: [String: String] = [:]) {
        self.fingerprint = fingerprint
        self.files = files
    }

    /// The manifest of `folder`, or nil when the folder is not sitegen's output.
    static func read(_ folder: String) -> OutputManifest? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.first == Substring(header) else { return nil }
        var manifest = OutputManifest()
        for line in lines.dropFirst() {
            if line.hasPrefix(fingerprintPrefix) {
                manifest.fingerprint = String(line.dropFirst(fingerprintPrefix.count))
            } else if let tab = line.lastIndex(of: "\t") {
                manifest.files[String(line[..<tab])] = String(line[line.index(after: tab)...])
            } else {
                manifest.files[String(line)] = ""
            }
        }
        return manifest
    }

    var text: String {
        var text = Self.header + "\n"
        if let fingerprint { text += Self.fingerprintPrefix + fingerprint + "\n" }
        for (path, key) in files.sorted(by: { $0.key < $1.key }) {
            text += key.isEmpty ? path + "\n" : path + "\t" + key + "\n"
        }
        return text
    }
}
