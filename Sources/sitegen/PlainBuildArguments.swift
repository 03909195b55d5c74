import SitegenCore

/// `sitegen build` followed only by its own options, each at most once, read without
/// ArgumentParser: reflecting over the commands' property wrappers, it looks conformances up one
/// by one among the 8,000 records of this statically linked executable, 1.8 of the 20 ms of an
/// up-to-date build of 10,000 activities. Anything else (help, an unknown, repeated or
/// misspelled option, a missing value, a value that looks like an option) is left to
/// ArgumentParser, which reads it or explains what is wrong; `PlainBuildArgumentsTests` checks
/// that the two read every command line accepted here alike.
struct PlainBuildArguments: Equatable {
    var content = "content"
    var templates = "Templates"
    var output = "public"
    var baseURL: String?
    var drafts = false
    var force = false
    var verbose = false

    var buildOptions: BuildOptions {
        BuildOptions(content: content, templates: templates, output: output, baseURL: baseURL, includeDrafts: drafts, force: force)
    }
}

extension PlainBuildArguments {
    // Arrays, not sets: making the first Set<Substring> had the runtime look Substring's Hashable
    // conformance up among the executable's 8,000 records (about 0.2 ms of an up-to-date build).
    private static let flags: [Substring] = ["--drafts", "--force", "--verbose"]
    private static let options: [Substring] = ["--content", "--templates", "--output", "--base-url"]

    /// `arguments` without the executable's name; nil unless they are a plain `build`.
    init?(_ arguments: some Collection<String>) {
        guard arguments.first == "build" else { return nil }
        var rest = arguments.dropFirst()[...]
        var seen: [Substring] = []
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { return nil }
            let equals = argument.firstIndex(of: "=")
            let name = argument[..<(equals ?? argument.endIndex)]
            guard Self.flags.contains(name) || Self.options.contains(name), !seen.contains(name) else { return nil }
            seen.append(name)
            var value = ""
            if Self.options.contains(name) {
                guard let given = equals.map({ String(argument[argument.index(after: $0)...]) }) ?? rest.popFirst(),
                      let first = given.first, first != "-" else { return nil }
                value = given
            } else if equals != nil {
                return nil
            }
            switch name {
            case "--drafts": drafts = true
            case "--force": force = true
            case "--verbose": verbose = true
            case "--content": content = value
            case "--templates": templates = value
            case "--output": output = value
            default: baseURL = value
            }
        }
    }
}
