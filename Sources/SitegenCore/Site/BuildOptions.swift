import Foundation

/// Where a build reads and writes, as given on the command line.
public struct BuildOptions: Sendable {
    public var content: String
    public var templates: String
    public var output: String
    public var baseURL: String?
    public var includeDrafts: Bool
    public var force: Bool
    public var workingDirectory: String

    public init(content: String = "content", templates: String = "Templates", output: String = "public",
                baseURL: String? = nil, includeDrafts: Bool = false, force: Bool = false,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.content = content
        self.templates = templates
        self.output = output
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.force = force
        self.workingDirectory = workingDirectory
    }

    var pathDisplay: PathDisplay { PathDisplay(workingDirectory: workingDirectory) }
    var contentFolder: ContentFolder { ContentFolder(path: content, workingDirectory: workingDirectory) }
    var templatesFolder: String { PathDisplay.absolute(templates, from: workingDirectory) }
    var outputFolder: String { PathDisplay.absolute(output, from: workingDirectory) }
}
