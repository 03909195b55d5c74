import ArgumentParser
import Foundation
import SitegenCore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a content file with its front matter filled in.")

    @Argument(help: "activity | partner | action-plan | page | translation")
    var kind: String

    @Argument(help: "Title (or name) of the new item; for a translation, its language (`ja`).")
    var title: String

    @Argument(help: "For a translation: the record to translate, e.g. content/activities/ID.md.")
    var original: String?

    @Option(help: "Content folder.")
    var content = "content"

    func run() throws {
        do {
            if kind == "translation" {
                guard let original else { throw ValidationError("name the record to translate: sitegen new translation ja content/activities/ID.md") }
                print(try TranslationScaffold(contentFolder: content).create(language: title, of: original))
                return
            }
            guard let kind = ContentKind(rawValue: kind) else {
                throw ValidationError("unknown kind `\(kind)`: use activity, partner, action-plan, page or translation")
            }
            let path = try ContentScaffold(contentFolder: content).create(kind, title: title)
            print(path)
        } catch let error as BuildError {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

