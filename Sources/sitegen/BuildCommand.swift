import ArgumentParser
import SitegenCore

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "List each stage with its time.")
    var verbose = false

    func run() throws {
        try Self.build(site.buildOptions, verbose: verbose)
    }

    static func build(_ options: BuildOptions, verbose: Bool) throws {
        do {
            let report = try Site.build(options)
            DiagnosticPrinter.print(report.warnings)
            if verbose {
                for stage in report.timings.stages {
                    print("  \(stage.name): \(milliseconds(stage.seconds))")
                }
            }
            let files = report.filesChanged
            let changed = files == report.filesWritten ? "" : " (\(files) changed)"
            print("Built \(report.pagesWritten) pages, \(report.filesWritten) files\(changed) in \(milliseconds(report.timings.total)) → \(options.output)")
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }
}
