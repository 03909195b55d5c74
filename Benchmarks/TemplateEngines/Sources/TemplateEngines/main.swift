// sitegen's Mustache engine against swift-mustache, on one site, in one process.
//
//   TemplateEngines [--content DIR] [--templates DIR] [--rounds N] [--diff-dir DIR] [--quiet-wait S]
//                   [--only own|swift-mustache]
//
// Loads and resolves the site with sitegen's own stages, then renders every HTML page (and,
// apart, every activity's list entry) with each engine in alternating rounds, on one thread
// and then on both cores as the render stage does. Prints a tab-separated line per round and
// measure, the medians, and whether both engines wrote the same bytes. See README.md.
import Foundation
import Mustache
@testable import SitegenCore

// MARK: Arguments

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent() // Sources/TemplateEngines
    .deletingLastPathComponent().deletingLastPathComponent() // Benchmarks/TemplateEngines
    .deletingLastPathComponent().deletingLastPathComponent().path // the repository
var contentFolder = "/tmp/engines-corpus/sitegen/content"
var templatesFolder = repository + "/Templates"
var rounds = 7
var diffFolder: String?
/// Before each round, wait up to this many seconds for the cores to be under 20 % busy.
var quietWait = 0.0
/// For a profiler: render the pages with this engine only, `rounds` times on one thread, and stop.
var only: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--content": contentFolder = arguments.popFirst() ?? contentFolder
    case "--templates": templatesFolder = arguments.popFirst() ?? templatesFolder
    case "--rounds": rounds = arguments.popFirst().flatMap { Int($0) } ?? rounds
    case "--diff-dir": diffFolder = arguments.popFirst()
    case "--quiet-wait": quietWait = arguments.popFirst().flatMap { Double($0) } ?? quietWait
    case "--only": only = arguments.popFirst()
    default:
        FileHandle.standardError.write(Data("usage: TemplateEngines [--content DIR] [--templates DIR] [--rounds N] [--diff-dir DIR] [--quiet-wait S] [--only own|swift-mustache]\n".utf8))
        exit(2)
    }
}

// MARK: Clocks

func seconds(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Wall time, this thread's CPU time and the process's CPU time of `body`.
struct Timing {
    var wall: Double
    var threadCPU: Double
    var processCPU: Double
}

func measure<Result>(_ body: () -> Result) -> (Timing, Result) {
    let wall = seconds(CLOCK_MONOTONIC), thread = seconds(CLOCK_THREAD_CPUTIME_ID), process = seconds(CLOCK_PROCESS_CPUTIME_ID)
    let result = body()
    let timing = Timing(wall: seconds(CLOCK_MONOTONIC) - wall, threadCPU: seconds(CLOCK_THREAD_CPUTIME_ID) - thread,
                        processCPU: seconds(CLOCK_PROCESS_CPUTIME_ID) - process)
    return (timing, result)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func uptime() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

/// Percentage of all cores busy over the next half second (from /proc/stat).
func coresBusy() -> Int {
    func sample() -> [Int] {
        let line = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8))?.split(separator: "\n").first ?? ""
        return line.split(separator: " ").dropFirst().prefix(8).compactMap { Int($0) }
    }
    let before = sample()
    usleep(500_000)
    let after = sample()
    guard before.count == 8, after.count == 8 else { return 0 }
    let total = zip(after, before).reduce(0) { $0 + $1.0 - $1.1 }
    let idle = after[3] - before[3] + after[4] - before[4]
    return total > 0 ? 100 * (total - idle) / total : 0
}

/// Waits up to `quietWait` seconds for the cores to be under 20 % busy; returns the last reading.
func waitQuiet() -> Int {
    var busy = coresBusy()
    var waited = 0.5
    while busy >= 20 && waited < quietWait {
        sleep(1)
        busy = coresBusy()
        waited += 1.5
    }
    return busy
}

// MARK: Load and resolve, as `sitegen build` does

let options = BuildOptions(content: contentFolder, templates: templatesFolder, output: "/tmp/engines-unused-output")
var log = DiagnosticLog()
let (loadTiming, loaded) = measure { () -> [LoadedSite] in
    do { return try SiteLoader(options).load(log: &log) } catch { fatalError("load failed: \((error as? BuildError)?.diagnostics ?? [])") }
}
let (resolveTiming, editions) = measure { () -> [Site] in
    do { return try SiteResolver.resolve(loaded, log: &log) } catch { fatalError("resolve failed: \((error as? BuildError)?.diagnostics ?? [])") }
}
let openData = DataExport(editions: editions.map(\.content))
print("# content \(contentFolder), templates \(templatesFolder)")
print("# load \(String(format: "%.3f", loadTiming.wall)) s, resolve \(String(format: "%.3f", resolveTiming.wall)) s (wall, once)")

/// Every HTML page of every edition, as the render stage lists them.
let pages: [(site: Site, job: PageJob)] = editions.flatMap { site in site.jobs.map { (site, $0) } }
/// Every activity of every edition, for its list entry.
let entries: [(site: Site, index: Int)] = editions.flatMap { site in site.content.activities.indices.map { (site, $0) } }

/// The page's view, as `Site.renderPage` gives it to the template.
func context(_ site: Site, _ job: PageJob) -> PageContext {
    site.context(of: job, openData: openData)
}

// MARK: The two engines

let library: MustacheLibrary
do {
    library = try await MustacheLibrary(directory: templatesFolder)
} catch {
    fatalError("swift-mustache cannot load \(templatesFolder): \(error)")
}

/// sitegen's own engine: what the render stage runs for a page.
@Sendable func ownPage(_ index: Int) -> [UInt8] {
    pages[index].site.renderPage(pages[index].job, openData: openData)
}

/// swift-mustache on the same view, as bytes the writer could take (the String's UTF-8 copied out).
@Sendable func mustachePage(_ index: Int) -> [UInt8] {
    let (site, job) = pages[index]
    return Array(mustachePageText(site, job).utf8)
}

@Sendable func mustachePageText(_ site: Site, _ job: PageJob) -> String {
    guard let text = library.render(MustacheView(context(site, job)), withTemplate: job.template.rawValue) else {
        fatalError("swift-mustache has no template \(job.template.rawValue)")
    }
    return text
}

/// An activity's list entry, as the resolve stage renders it with sitegen's engine.
@Sendable func ownEntry(_ index: Int) -> [UInt8] {
    let (site, activity) = entries[index]
    return site.templates.renderListEntry(site.views, site.views.makeItem(activity))
}

@Sendable func mustacheEntry(_ index: Int) -> [UInt8] {
    let (site, activity) = entries[index]
    let view = ListEntryContext(item: site.views.makeItem(activity), site: site.views.site)
    guard let text = library.render(MustacheView(view), withTemplate: TemplateLibrary.listEntryTemplate) else {
        fatalError("swift-mustache has no template \(TemplateLibrary.listEntryTemplate)")
    }
    return Array(text.utf8)
}

if let only {
    guard only == "own" || only == "swift-mustache" else { fatalError("--only own or --only swift-mustache") }
    for round in 1...rounds {
        let timing = single(pages.count, only == "own" ? ownPage : mustachePage)
        print("\(round)\t\(only) pages, 1 thread\t\(String(format: "%.4f\t%.4f", timing.wall, timing.threadCPU))")
    }
    exit(0)
}

// MARK: Same output?

/// Compares both engines on every page and entry; writes the first differing pairs to `diffFolder`.
func compare(_ count: Int, kind: String, own: (Int) -> [UInt8], other: (Int) -> [UInt8], name: (Int) -> String) -> Int {
    var differing = 0, written = 0
    for index in 0..<count {
        let a = own(index), b = other(index)
        guard a != b else { continue }
        differing += 1
        if differing <= 3 {
            let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let from = max(0, at - 80)
            print("# \(kind) \(name(index)) differs at byte \(at) (own \(a.count) bytes, swift-mustache \(b.count)):")
            print("#   own:            \(String(decoding: a[from..<min(a.count, at + 80)], as: UTF8.self).debugDescription)")
            print("#   swift-mustache: \(String(decoding: b[from..<min(b.count, at + 80)], as: UTF8.self).debugDescription)")
        }
        if let diffFolder, written < 20 {
            written += 1
            let base = diffFolder + "/" + kind + "-" + name(index).replacingOccurrences(of: "/", with: "_")
            try? Data(a).write(to: URL(fileURLWithPath: base + ".own.html"))
            try? Data(b).write(to: URL(fileURLWithPath: base + ".mustache.html"))
        }
    }
    return differing
}

if let diffFolder { try? FileManager.default.createDirectory(atPath: diffFolder, withIntermediateDirectories: true) }
// The view this program makes must be the one the render stage makes.
for (site, job) in pages where site.templates.render(context(site, job), with: job.template) != site.renderPage(job, openData: openData) {
    fatalError("the benchmark's view of \(job.sitePath(in: site.content)) is not the render stage's")
}
let differingPages = compare(pages.count, kind: "page", own: ownPage, other: mustachePage,
                             name: { pages[$0].job.sitePath(in: pages[$0].site.content) })
let differingEntries = compare(entries.count, kind: "entry", own: ownEntry, other: mustacheEntry,
                               name: { entries[$0].site.content.activities[entries[$0].index].id })
let pageBytes = (0..<pages.count).reduce(0) { $0 + ownPage($1).count }
print("# \(pages.count) HTML pages (\(pageBytes) bytes), \(entries.count) list entries")
print("# output: \(differingPages) of \(pages.count) pages and \(differingEntries) of \(entries.count) list entries differ")

// MARK: Timing

/// Renders items 0..<count on this thread, keeping every output as the render stage does.
func single(_ count: Int, _ render: (Int) -> [UInt8]) -> Timing {
    let (timing, outputs) = measure { (0..<count).map(render) }
    withExtendedLifetime(outputs) {}
    return timing
}

/// The same on every core, in runs of `length` (list entries as `ActivityFragments` cuts them).
func parallel(_ count: Int, length: Int, _ render: @escaping @Sendable (Int) -> [UInt8]) -> Timing {
    let (timing, outputs) = measure { ParallelMap.runs(count: count, length: length) { run in run.map(render) }.flatMap { $0 } }
    withExtendedLifetime(outputs) {}
    return timing
}

/// The views alone, which both engines are given: made and dropped.
func viewsOnly() -> Timing {
    measure { for (site, job) in pages { withExtendedLifetime(context(site, job)) {} } }.0
}

/// The files that no template renders (feeds, JSON, CSV, search index, sitemap), on this thread.
func dataFiles() -> Timing {
    var work: [@Sendable () -> [UInt8]] = []
    for site in editions { work += site.editionFiles.map { $0.1 } }
    work += PageRenderer.sharedFiles(of: editions, openData: openData).map { $0.1 }
    return single(work.count) { work[$0]() }
}

/// The whole render stage as `sitegen build` runs it (pages, data files, assets; both cores).
func renderStage() -> Timing {
    let (timing, rendered) = measure { () -> RenderedSite in
        do { return try PageRenderer(editions).render() } catch { fatalError("render failed: \((error as? BuildError)?.diagnostics ?? [])") }
    }
    withExtendedLifetime(rendered) {}
    return timing
}

let measures = ["own pages, 1 thread", "swift-mustache pages, 1 thread", "own pages, 2 cores", "swift-mustache pages, 2 cores",
                "own entries, 1 thread", "swift-mustache entries, 1 thread", "own entries, 2 cores", "swift-mustache entries, 2 cores",
                "views only, 1 thread", "data files, 1 thread", "render stage, 2 cores"]
var results: [String: [Timing]] = [:]
print("# load average before the rounds: \(uptime())")
print("round\tmeasure\twall s\tthread CPU s\tprocess CPU s\tcores busy before the round %")
// A warm-up round, not counted: the first renders page in code and fill the allocator's caches.
_ = single(pages.count, ownPage); _ = single(pages.count, mustachePage)
for round in 1...rounds {
    // Each engine goes first in every other round.
    let ownFirst = round % 2 == 1
    let busy = waitQuiet()
    var timings: [(String, Timing)] = []
    for own in ownFirst ? [true, false] : [false, true] {
        timings.append((own ? measures[0] : measures[1], single(pages.count, own ? ownPage : mustachePage)))
    }
    for own in ownFirst ? [true, false] : [false, true] {
        timings.append((own ? measures[2] : measures[3], parallel(pages.count, length: 16, own ? ownPage : mustachePage)))
    }
    for own in ownFirst ? [true, false] : [false, true] {
        timings.append((own ? measures[4] : measures[5], single(entries.count, own ? ownEntry : mustacheEntry)))
    }
    for own in ownFirst ? [true, false] : [false, true] {
        timings.append((own ? measures[6] : measures[7], parallel(entries.count, length: 64, own ? ownEntry : mustacheEntry)))
    }
    timings.append((measures[8], viewsOnly()))
    timings.append((measures[9], dataFiles()))
    timings.append((measures[10], renderStage()))
    for (name, timing) in timings {
        results[name, default: []].append(timing)
        print("\(round)\t\(name)\t\(String(format: "%.4f\t%.4f\t%.4f", timing.wall, timing.threadCPU, timing.processCPU))\t\(busy)")
    }
}
print("# load average after the rounds: \(uptime())")
print("")
print("median of \(rounds) rounds\twall s\tthread CPU s\tprocess CPU s")
for name in measures {
    let all = results[name] ?? []
    print("\(name)\t\(String(format: "%.4f\t%.4f\t%.4f", median(all.map(\.wall)), median(all.map(\.threadCPU)), median(all.map(\.processCPU))))")
}
