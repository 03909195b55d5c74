import ArgumentParser
import Testing
@testable import sitegen

/// A plain `sitegen build` skips ArgumentParser; it must be read exactly as ArgumentParser reads it.
@Suite struct PlainBuildArgumentsTests {
    /// Each option as written separately and attached with `=`.
    private static let options: [(separate: [String], attached: [String])] = [
        (["--content", "site content"], ["--content=site content"]),
        (["--templates", "theme"], ["--templates=theme"]),
        (["--output", "out/public"], ["--output=out/public"]),
        (["--base-url", "https://example.org/wps/"], ["--base-url=https://example.org/wps/"]),
        (["--drafts"], ["--drafts"]),
        (["--force"], ["--force"]),
        (["--verbose"], ["--verbose"]),
    ]

    /// Every subset of the options, forwards and backwards, written separately or attached.
    static let accepted: [[String]] = {
        var lines: [[String]] = []
        for subset in 0..<(1 << options.count) {
            let chosen = options.indices.filter { subset & (1 << $0) != 0 }
            for order in [chosen, chosen.reversed()] {
                lines.append(["build"] + order.flatMap { options[$0].separate })
                lines.append(["build"] + order.enumerated().flatMap { $0.offset % 2 == 0 ? options[$0.element].attached : options[$0.element].separate })
            }
        }
        lines.append(["build", "--content", "a=b", "--output=c=d"])
        lines.append(["build", "--base-url", "/"])
        return lines
    }()

    @Test func readsEveryAcceptedLineAsArgumentParserDoes() throws {
        for line in Self.accepted {
            let plain = try #require(PlainBuildArguments(line), "\(line)")
            let parsed = try #require(try SitegenCommand.parseAsRoot(line) as? BuildCommand, "\(line)")
            let expected = PlainBuildArguments(content: parsed.site.content, templates: parsed.site.templates, output: parsed.site.output,
                                               baseURL: parsed.site.baseURL, drafts: parsed.site.drafts, force: parsed.site.force,
                                               verbose: parsed.verbose)
            #expect(plain == expected, "\(line)")
        }
    }

    @Test func takesTheDefaultsWithoutOptions() throws {
        let plain = try #require(PlainBuildArguments(["build"]))
        #expect(plain == PlainBuildArguments())
        #expect(plain.buildOptions.content == "content" && plain.buildOptions.output == "public" && !plain.buildOptions.force)
    }

    @Test(arguments: [
        [], ["serve"], ["check", "--content", "c"], ["--content", "c", "build"],
        ["build", "--help"], ["build", "-h"], ["build", "help"], ["build", "extra"], ["build", "--"],
        ["build", "--content"], ["build", "--content="], ["build", "--content", "--output", "o"], ["build", "--content", "-x"],
        ["build", "--content=-x"], ["build", "--content", "c", "--content", "d"], ["build", "--content", "c", "--content=d"],
        ["build", "--drafts", "--drafts"], ["build", "--drafts=true"], ["build", "--contnet", "c"], ["build", "--port", "8000"],
        ["build", "-v"], ["build", "--Verbose"],
    ])
    func leavesEverythingElseToArgumentParser(_ line: [String]) {
        #expect(PlainBuildArguments(line) == nil)
    }
}
