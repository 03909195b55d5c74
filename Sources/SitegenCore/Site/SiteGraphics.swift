/// The charts and maps of a build, drawn once as inline SVG.
struct SiteGraphics: Sendable {
    var yearsChart = ""
    var typesChart = ""
    var plansChart = ""
    var worldMap = ""
    var locators: [String: String] = [:]

    func locator(iso: String, name: String) -> String? { locators[iso] }
}

extension SiteGraphics {
    static func draw(content: SiteContent, strings: InterfaceStrings, templatesFolder: String, log: inout DiagnosticLog) -> SiteGraphics {
        SiteGraphics()
    }
}
