import ArgumentParser
import Foundation
import SitegenCore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a content file with its front matter filled in.")

    @Argument(help: "activity | partner | action-plan | page")
    var kind: ContentKind

    @Argument(help: "Title (or name) of the new item.")
    var title: String

    @Option(help: "Content folder.")
    var content = "content"

    func run() throws {
        do {
            let path = try ContentScaffold(contentFolder: content).create(kind, title: title)
            print(path)
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

extension ContentKind: ExpressibleByArgument {}
