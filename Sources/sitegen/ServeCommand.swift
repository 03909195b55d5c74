import ArgumentParser
import SitegenCore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve on 127.0.0.1, rebuild on change and reload the browser.",
        discussion: """
        Serves the output folder at http://127.0.0.1:PORT under the path of base_url (/ redirects there), \
        watches the content and templates folders, rebuilds on every save and reloads open pages by \
        themselves. A failed build keeps the last good site and shows its errors on the page and here. \
        Ctrl-C stops.
        """)

    @OptionGroup var site: SiteOptions

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8000

    @Flag(help: "Poll for changes every 500 ms instead of using inotify.")
    var poll = false

    @Flag(help: "After each build, list its stages with their times.")
    var verbose = false

    func run() async throws {
        var configuration = ServeConfiguration(build: site.buildOptions, port: port, watchMode: poll ? .polling : .automatic)
        configuration.verbose = verbose
        let server = DevServer(configuration)
        do {
            try await server.run()
        } catch {
            printError("error: \(error.message)")
            throw ExitCode.failure
        }
    }
}
