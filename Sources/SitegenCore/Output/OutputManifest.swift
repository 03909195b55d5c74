import Foundation

/// `.sitegen-manifest`: marks a folder as sitegen's output and names every file a build wrote
/// there, one path per line. A build removes only files its manifest names, so every path read
/// from it is checked (`OutputPath`) before anything is done.
struct OutputManifest: Sendable, Equatable {
    static let fileName = ".sitegen-manifest"
    static let header = "sitegen output v2"
    /// Outputs written by earlier versions: one path and a key per line, separated by a tab.
    static let olderHeader = "sitegen output v1"

    /// Relative paths, sorted.
    var paths: [String]

    init(paths: [String]) {
        self.paths = paths.sorted()
    }

    var bytes: [UInt8] { Array(([Self.header] + paths).map { $0 + "\n" }.joined().utf8) }

    /// Whether `folder` holds a manifest at all (a file named like it).
    static func exists(in folder: String) -> Bool {
        var info = stat()
        return lstat(folder + "/" + fileName, &info) == 0
    }

    /// The manifest of `folder`; nil when it has none. A manifest that is not sitegen's, or names
    /// a path outside the folder, is an error at its line: nothing may be removed on its word.
    static func read(_ folder: String, display: PathDisplay) throws(BuildError) -> OutputManifest? {
        let path = folder + "/" + fileName
        guard exists(in: folder) else { return nil }
        let shown = display.display(path)
        let bytes: [UInt8]
        switch FileBytes.read(path) {
        case .success(let read): bytes = read
        case .failure(let failure): throw BuildError(Diagnostic(path: shown, message: failure.message(kind: "content files")))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw BuildError(Diagnostic(path: shown, line: 1, column: 1, message: "not a sitegen manifest (not UTF-8); remove it or choose another --output"))
        }
        // Split as bytes: a manifest of a large site has tens of thousands of lines.
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        let header = lines.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard header == Self.header || header == Self.olderHeader else {
            throw BuildError(Diagnostic(path: shown, line: 1, column: 1, message: "not a sitegen manifest (its first line is not `\(Self.header)`); remove it or choose another --output"))
        }
        var paths: [String] = []
        var problems: [Diagnostic] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty && line.first != UInt8(ascii: "#") {
            var bytes = line[...]
            if header == Self.olderHeader, let tab = bytes.lastIndex(of: 0x09) { bytes = bytes[..<tab] }
            let entry = String(decoding: bytes, as: UTF8.self)
            if let problem = OutputPath.problem(with: entry) {
                problems.append(Diagnostic(path: shown, line: offset + 1, column: 1, message: "manifest names `\(OutputPath.shown(entry))`, \(problem); nothing was removed"))
            } else {
                paths.append(entry)
            }
        }
        if !problems.isEmpty { throw BuildError(problems) }
        return OutputManifest(paths: paths)
    }
}

/// A path inside the output folder, as the manifest and the journal name them.
enum OutputPath {
    /// Why `path` is not a plain relative path inside the output, or nil when it is one.
    static func problem(with path: String) -> String? {
        let bytes = path.utf8
        if bytes.isEmpty { return "an empty path" }
        if bytes.first == UInt8(ascii: "/") { return "an absolute path" }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "a path with control characters" }
        for component in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if component.isEmpty { return "a path with an empty part" }
            if component.elementsEqual(".".utf8) || component.elementsEqual("..".utf8) { return "a path that leaves the output folder" }
        }
        if path == OutputManifest.fileName { return "the manifest itself" }
        return nil
    }

    /// Control characters escaped, for messages.
    static func shown(_ path: String) -> String { ControlCharacterEscaping.escaped(path) }

    /// Whether every folder between `root` and `path` (a checked relative path) is a real folder:
    /// a symbolic link on the way could lead a removal or a move out of the output.
    static func hasPlainParents(_ path: String, in root: String) -> Bool {
        var folder = root
        for component in path.split(separator: "/").dropLast() {
            folder += "/" + component
            var info = stat()
            guard lstat(folder, &info) == 0 else { return true }  // missing: nothing beneath it to reach
            guard (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        }
        return true
    }
}
