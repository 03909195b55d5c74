import ArgumentParser
import SitegenCore

@main
struct SitegenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Builds the Women, Peace and Security portal from Markdown content.",
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, NewCommand.self])
}

/// Options every command that reads the site shares.
struct SiteOptions: ParsableArguments {
    @Option(help: "Content folder.")
    var content = "content"

    @Option(help: "Templates folder.")
    var templates = "Templates"

    @Option(help: "Output folder.")
    var output = "public"

    @Option(name: .customLong("base-url"), help: "Overrides base_url from site.yml.")
    var baseURL: String?

    @Flag(help: "Include activities marked `draft: true`.")
    var drafts = false

    @Flag(help: "Build into a non-empty output folder that sitegen did not write (its files are kept).")
    var force = false

    var buildOptions: BuildOptions {
        BuildOptions(content: content, templates: templates, output: output, baseURL: baseURL,
                     includeDrafts: drafts, force: force)
    }
}
