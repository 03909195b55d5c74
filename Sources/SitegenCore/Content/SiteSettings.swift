/// `site.yml`: the settings every page needs.
public struct SiteSettings: Sendable {
    public var title: String
    public var baseURL: String
    public var description: String?
    public var language: String

    /// The path part of `base_url`, always starting and ending with `/` (`/wps/`).
    public var basePath: String

    static let fields = ["title", "base_url", "description", "language"]

    public init(title: String, baseURL: String, description: String? = nil, language: String = "en") {
        self.title = title
        self.description = description
        self.language = language
        let parsed = AbsoluteURL(baseURL)
        self.basePath = parsed?.path ?? "/"
        self.baseURL = parsed.map { $0.origin + $0.path } ?? baseURL
    }

    /// Absolute URL of a site path such as `/partners/fiji/`.
    public func absoluteURL(_ sitePath: String) -> String {
        baseURL + sitePath.dropFirst()
    }

    /// Link target of a site path, carrying the base path: `/wps/partners/fiji/`.
    public func link(_ sitePath: String) -> String {
        basePath + sitePath.dropFirst()
    }
}

/// An absolute `http(s)` URL split into origin and path, enough to check and join URLs.
struct AbsoluteURL {
    var origin: String
    var path: String

    init?(_ string: String) {
        let scheme = string.utf8.prefix(8).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        guard scheme.starts(with: "http://".utf8) || scheme.starts(with: "https://".utf8) else { return nil }
        // Bytes first (spaces, quotes, angle brackets): only text beyond ASCII needs Unicode's list of spaces.
        guard !string.utf8.contains(where: { (0x09...0x0D).contains($0) || $0 == 0x20 || $0 == 0x22 || $0 == 0x3C || $0 == 0x3E }),
              string.utf8.allSatisfy({ $0 < 0x80 }) || !string.contains(where: \.isWhitespace) else { return nil }
        let schemeEnd = string.range(of: "://")!.upperBound
        let rest = string[schemeEnd...]
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let host = rest[..<hostEnd]
        guard !host.isEmpty, !host.hasPrefix(":"), !host.contains("@") else { return nil }
        origin = String(string[..<hostEnd])
        var path = String(rest[hostEnd...].prefix { $0 != "?" && $0 != "#" })
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        self.path = path
    }
}
