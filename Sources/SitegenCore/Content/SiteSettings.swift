/// `site.yml`: the settings every page needs.
public struct SiteSettings: Sendable, Equatable {
    public var title: String
    public var baseURL: String
    public var description: String?
    public var language: String
    /// Every language the portal is published in, the first at `/`, each other under `/LANG/`.
    public var languages: [String]
    /// The closed list of activity types, when the site declares one.
    public var types: [String]?
    /// Where `types` is written, for diagnostics about it.
    var typesLocation: SourceLocation?
    /// The licence the portal's own text and open data are published under (`data_license`, its name,
    /// e.g. `CC BY 4.0`) and where it is written out (`data_license_url`, an http(s) URL).
    public var dataLicense: String?
    public var dataLicenseURL: String?

    /// The path part of `base_url`, always starting and ending with `/` (`/wps/`); for an
    /// edition in a further language, with the language after it (`/wps/ja/`).
    public var basePath: String
    /// `base_url` and its path as given, for the site's first language.
    public private(set) var rootURL = ""
    public private(set) var rootPath = "/"

    static let fields = ["title", "base_url", "description", "language", "languages", "types", "data_license", "data_license_url"]

    public init(title: String, baseURL: String, description: String? = nil, language: String = "en",
                languages: [String]? = nil, types: [String]? = nil, typesLocation: SourceLocation? = nil,
                dataLicense: String? = nil, dataLicenseURL: String? = nil) {
        self.title = title
        self.dataLicense = dataLicense
        self.dataLicenseURL = dataLicenseURL
        self.description = description
        self.language = languages?.first ?? language
        self.languages = languages ?? [language]
        self.types = types
        self.typesLocation = typesLocation
        let parsed = AbsoluteURL(baseURL)
        self.basePath = parsed?.path ?? "/"
        self.baseURL = parsed.map { $0.origin + $0.path } ?? baseURL
        rootURL = self.baseURL
        rootPath = basePath
    }

    /// The settings of the edition in `language`: the first language lives at the root, every
    /// other one under `/LANG/`.
    public func edition(_ language: String) -> SiteSettings {
        var edition = self
        edition.language = language
        edition.baseURL = rootURL + Self.prefix(of: language, in: languages)
        edition.basePath = rootPath + Self.prefix(of: language, in: languages)
        return edition
    }

    /// Whether this is the edition in a further language, under `/LANG/`.
    public var isTranslation: Bool { language != languages.first }

    /// The absolute URL of a site path in the edition in `language`.
    public func absoluteURL(_ sitePath: String, in language: String) -> String {
        rootURL + Self.prefix(of: language, in: languages) + sitePath.dropFirst()
    }

    /// `ja/` for a further language, "" for the first.
    static func prefix(of language: String, in languages: [String]) -> String {
        language == languages.first ? "" : language + "/"
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
        guard let parts = string.utf8.allSatisfy({ $0 < 0x80 }) ? Self.splitASCII(string) : Self.split(string) else { return nil }
        (origin, path) = parts
    }

    /// The usual case, by bytes: for ASCII text, bytes and characters are the same.
    private static func splitASCII(_ string: String) -> (origin: String, path: String)? {
        let bytes = Array(string.utf8)
        func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        let hostStart: Int
        if bytes.count >= 8, zip(bytes, "https://".utf8).allSatisfy({ lowercased($0) == $1 }) {
            hostStart = 8
        } else if bytes.count >= 7, zip(bytes, "http://".utf8).allSatisfy({ lowercased($0) == $1 }) {
            hostStart = 7
        } else {
            return nil
        }
        guard !bytes.contains(where: { (0x09...0x0D).contains($0) || $0 == 0x20 || $0 == 0x22 || $0 == 0x3C || $0 == 0x3E }) else { return nil }
        let hostEnd = bytes[hostStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        let host = bytes[hostStart..<hostEnd]
        guard !host.isEmpty, host.first != UInt8(ascii: ":"), !host.contains(UInt8(ascii: "@")) else { return nil }
        let pathEnd = bytes[hostEnd...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        var path = String(decoding: bytes[hostEnd..<pathEnd], as: UTF8.self)
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return (String(decoding: bytes[..<hostEnd], as: UTF8.self), path)
    }

    private static func split(_ string: String) -> (origin: String, path: String)? {
        let lower = string.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        guard !string.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) else { return nil }
        let schemeEnd = string.range(of: "://")!.upperBound
        let rest = string[schemeEnd...]
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let host = rest[..<hostEnd]
        guard !host.isEmpty, !host.hasPrefix(":"), !host.contains("@") else { return nil }
        var path = String(rest[hostEnd...].prefix { $0 != "?" && $0 != "#" })
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return (String(string[..<hostEnd]), path)
    }
}
