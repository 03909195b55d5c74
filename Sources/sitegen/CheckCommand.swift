import ArgumentParser
import SitegenCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check content, templates and internal links; write nothing.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let diagnostics = Site.check(site.buildOptions)
        DiagnosticPrinter.print(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if errors > 0 || (strict && warnings > 0) {
            printError("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            throw ExitCode.failure
        }
        print("No errors\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "").")
        for coverage in TranslationCoverage.of(site.buildOptions) {
            print("Translated \(coverage.line)")
        }
    }
}
