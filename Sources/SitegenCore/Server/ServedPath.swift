import Foundation

/// Maps a request path onto a file of the output folder, refusing anything that could leave it.
///
/// The raw path is percent-decoded exactly once; a segment `..` or `.`, a NUL byte or a backslash
/// is refused outright, and the file found is resolved with `realpath` and must still lie inside the
/// output folder's own real path, so a symlink leading out is never followed out.
public enum ServedPath: Equatable, Sendable {
    /// A regular file inside the output folder (its real path).
    case file(String)
    /// A file of the build under way, rendered and not yet written: its path in the output folder.
    case rendered(String)
    /// The client should ask again at this path (a directory without its trailing slash).
    case redirect(String)
    /// Nothing to serve at that path (including paths outside the base path or the output folder).
    case notFound
    /// A path that is malformed or tries to climb out (`..`, bad percent escapes, NUL, backslash).
    case badRequest

    /// Resolves `rawPath` (as sent, without the query) under `basePath` within `root`; `isRendered`
    /// says whether a path of the output folder is held in memory (`serve`, between render and write).
    public static func resolve(rawPath: String, query: String? = nil, basePath: String, root: String,
                               isRendered: (String) -> Bool = { _ in false }) -> ServedPath {
        guard rawPath.hasPrefix("/"), let decoded = percentDecode(rawPath) else { return .badRequest }
        if decoded.contains("\0") || decoded.contains("\\") { return .badRequest }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .badRequest }

        let base = percentDecode(basePath) ?? basePath
        let suffix = query.map { $0.isEmpty ? "" : "?" + $0 } ?? ""
        if decoded + "/" == base { return .redirect(canonical(rawPath) + "/" + suffix) }
        guard decoded.hasPrefix(base) else { return .notFound }
        let relative = segments.dropFirst(base.split(separator: "/").count).map(String.init)
        if relative.last == OutputManifest.fileName { return .notFound }

        let file = relative.joined(separator: "/")
        let index = file.isEmpty ? "index.html" : file + "/index.html"
        if decoded.hasSuffix("/") || file.isEmpty {
            if isRendered(index) { return .rendered(index) }
        } else if isRendered(file) {
            return .rendered(file)
        } else if isRendered(index) {
            return .redirect(canonical(rawPath) + "/" + suffix)
        }

        guard let rootReal = realPath(root) else { return .notFound }
        var candidate = rootReal + (relative.isEmpty ? "" : "/" + relative.joined(separator: "/"))
        var info = stat()
        guard stat(candidate, &info) == 0 else { return .notFound }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            if !decoded.hasSuffix("/") { return .redirect(canonical(rawPath) + "/" + suffix) }
            candidate += "/index.html"
        }
        guard let resolved = realPath(candidate), resolved.hasPrefix(rootReal + "/") else { return .notFound }
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
        return .file(resolved)
    }

    /// Percent-decodes once; nil for a malformed escape or bytes that are not UTF-8.
    static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A redirect target that stays on this host: one leading slash, never `//host`.
    private static func canonical(_ rawPath: String) -> String {
        var path = Substring(rawPath)
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        return "/" + path
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
