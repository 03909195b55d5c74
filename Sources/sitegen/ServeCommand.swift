import ArgumentParser
import SitegenCore

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve on 127.0.0.1, rebuild on change and reload the browser.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Port to listen on.")
    var port = 8000

    func run() throws {
        throw ValidationError("serve is not available yet")
    }
}
