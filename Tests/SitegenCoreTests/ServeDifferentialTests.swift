import Foundation
import Testing
@testable import SitegenCore

/// `serve`'s incremental path against clean builds: hundreds of seeded random edits applied
/// through one `LiveSite`, and after each the output folder equals a clean `Site.build` of the
/// same content into a new folder, byte for byte, `.sitegen-manifest` included. An edit that makes
/// the content invalid fails both builds and leaves `serve`'s output as it was; the edit after it
/// puts the files back.
@Suite struct ServeDifferentialTests {
    /// Change it to explore other edit sequences; a failure names the step and the edit.
    static let seed: UInt64 = 1325
    static let editCount = 320

    /// A new folder in memory where the system has one: each edit makes and removes a few hundred
    /// files and folders, which on a disk shared with other work took most of the test's time.
    static func scratchFolder() -> String {
        var info = stat()
        guard stat("/dev/shm", &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, access("/dev/shm", W_OK) == 0 else {
            return TestSupport.temporaryFolder("differential")
        }
        let folder = "/dev/shm/sitegen-differential-\(getpid())-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func randomEditsThroughServeEqualACleanBuild() throws {
        let root = Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var session = EditSession(seed: Self.seed, root: root)
        let live = LiveSite(options: session.options(output: session.output))
        _ = try live.rebuild()
        var lastGood = TestSupport.snapshot(session.output)
        try #require(lastGood == (try session.cleanBuild()).files, "the first build through serve differs from a clean build")

        var invalid = 0, partial = 0
        for step in 1...Self.editCount {
            // What a watcher would report: every file of the content and templates that changed,
            // appeared or went. Every other step gives nothing, and the stamps of all files are compared.
            let before = session.inputSnapshot()
            let edit = session.randomEdit(step: step)
            let after = session.inputSnapshot()
            let changed = step % 2 == 0 ? nil : Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            let clean = Result { try session.cleanBuild() }
            var rebuilt: BuildReport?
            var failure: BuildError?
            // What the server answers with between rendering and writing, and what it held back
            // (pending) when it first answered with this build's files.
            var published: [String: Data] = [:]
            var firstPending: Set<String>?
            do {
                rebuilt = try live.rebuild(changed: changed) { publication in
                    for (path, bytes) in publication.files { published[path] = Data(bytes) }
                    if firstPending == nil { firstPending = publication.pending.union(published.keys) }
                }
            } catch {
                rebuilt = nil
                failure = error
            }
            let served = TestSupport.snapshot(session.output)
            let what = "step \(step) (seed \(Self.seed)): \(edit.description)"

            if edit.isInvalid {
                invalid += 1
                if case .success = clean { Issue.record("\(what): meant to be invalid, yet a clean build succeeded"); return }
                #expect(rebuilt == nil, "\(what): serve rebuilt content a clean build rejects")
                if served != lastGood { Issue.record("\(what): a failed rebuild changed the output: \(Self.differences(served, lastGood))"); return }
                continue
            }
            guard case .success(let (expected, expectedWarnings)) = clean else {
                if case .failure(let error) = clean { Issue.record("\(what): the edit was meant to be valid, but a clean build failed: \(error)") }
                return
            }
            guard let rebuilt else { Issue.record("\(what): serve's rebuild failed where a clean build succeeded: \(failure.map { "\($0)" } ?? "")"); return }
            if served != expected {
                Issue.record("\(what): serve's output differs from a clean build: \(Self.differences(served, expected))")
                return
            }
            if rebuilt.warnings.sorted() != expectedWarnings.sorted() {
                Issue.record("\(what): serve warned of \(rebuilt.warnings.sorted()), a clean build of \(expectedWarnings.sorted())")
                return
            }
            for (path, bytes) in published where expected[path] != bytes {
                Issue.record("\(what): serve answered `\(path)` before writing it with bytes a clean build does not write")
                return
            }
            // Once the browser reloads, every file is served new: from memory, held back until
            // rendered, or from the output folder because it did not change (the manifest is never served).
            let heldOrServed = (firstPending ?? []).union([OutputManifest.fileName])
            if let stale = expected.keys.sorted().first(where: { !heldOrServed.contains($0) && expected[$0] != lastGood[$0] }) {
                Issue.record("\(what): `\(stale)` changed, but was served from the output folder's old bytes after the first publication")
                return
            }
            if rebuilt.pagesWritten < expected.keys.count(where: { $0.hasSuffix(".html") }) { partial += 1 }
            lastGood = served
        }
        // The edits exercise both paths: renders of a few pages, and failed rebuilds then full ones.
        #expect(invalid >= 5, "only \(invalid) invalid edits")
        #expect(partial >= Self.editCount / 3, "only \(partial) of \(Self.editCount) rebuilds rendered part of the site")
    }

    /// What the differential test cannot see: an edit renders the page, its neighbours and its
    /// partners' pages, not every activity after it in the timeline.
    @Test func anEditedActivityRendersItsNeighboursNotTheWholeTimeline() throws {
        let session = EditSession(seed: Self.seed, root: TestSupport.temporaryFolder("neighbours"))
        func resolved() throws -> Site {
            var log = DiagnosticLog()
            return try SiteResolver.resolve(try SiteLoader(session.options(output: session.output)).load(log: &log), log: &log)[0]
        }
        let before = try resolved()
        // The newest published activity, with one older neighbour and five more activities after it.
        TestSupport.edit(session.activity("2024-12-28-across-years")) { $0.replacingOccurrences(of: "title: Across years", with: "title: Across two years") }
        let change = SiteChange(from: before, to: try resolved(), sameTheme: true)
        let activityPages = try #require(change.affectedOutputs).filter { $0.hasPrefix("activities/") }.sorted()
        #expect(activityPages == ["activities/2024-09-30-across-months/index.html", "activities/2024-12-28-across-years/index.html"])
    }

    /// The paths whose bytes differ, or that only one side has.
    static func differences(_ left: [String: Data], _ right: [String: Data]) -> String {
        let paths = Set(left.keys).union(right.keys).sorted().filter { left[$0] != right[$0] }
        return paths.prefix(8).map { path in
            switch (left[path], right[path]) {
            case (nil, _): "\(path) (missing from serve's output)"
            case (_, nil): "\(path) (only in serve's output)"
            default: path
            }
        }.joined(separator: ", ") + (paths.count > 8 ? " and \(paths.count - 8) more" : "")
    }
}

/// One edit between two rebuilds, as the test reports it.
struct SiteEdit: CustomStringConvertible {
    var description: String
    /// The content is meant to fail a build after it.
    var isInvalid = false
}

/// A copy of the fixture content and of the templates, changed by one random edit at a time.
/// Every file is saved as editors save: a new file renamed over the old one, so its stamp changes.
struct EditSession {
    var random: FuzzTests.Generator
    let root: String
    let content: String
    let templates: String
    let output: String
    /// Files an invalid edit changed, with their text before it (nil: the file did not exist).
    private var toRestore: [(path: String, text: String?)] = []
    private var saves = 0

    /// Never deleted, drafted or re-dated: bodies link to them (`#details-notes`, `/timeline/#y2024`, `/partners/norway/`).
    static let keptActivity = "2024-09-09-course"
    static let keptPartner = "norway"
    static let words = ["Women,", "Peace", "and", "Security", "dialogue", "&", "<b>bold</b>", "\"quoted\"", "'single'", "Åland",
                        "São Tomé", "女性・平和・安全保障", "—", "#7", "50%", "a: colon", "{{braces}}", "seminar", "regional", "Norway"]
    static let types = ["seminar", "meeting", "dialogue", "training", "plan", "exercise", "decision"]
    static let regions = ["Europe", "Southeast Asia", "East Asia", "Africa", "Pacific"]
    static let isoCodes = ["KE", "MN", "AT", "BE", "CH", "LU"]

    /// Every file of the content and templates folders by absolute path, with its bytes.
    func inputSnapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        for folder in [content, templates] {
            for (path, bytes) in TestSupport.snapshot(folder) { files[folder + "/" + path] = bytes }
        }
        return files
    }

    /// `root`: an empty folder for the content, the templates and every output.
    init(seed: UInt64, root: String) {
        random = FuzzTests.Generator(state: seed)
        self.root = root
        content = root + "/content"
        try! FileManager.default.copyItem(atPath: TestSupport.fixtureContent, toPath: content)
        templates = root + "/Templates"
        try! FileManager.default.copyItem(atPath: TestSupport.templates, toPath: templates)
        output = root + "/public"
        Self.keepCountries(Set(["NO", "PH"] + Self.isoCodes), inMapOf: templates)
        // Published in two languages, with translations of records the edits never delete, so
        // that every edit also goes through the Japanese edition.
        TestSupport.edit(content + "/site.yml") { $0 + "languages: [en, ja]\n" }
        TestSupport.write("---\ntitle: 9月の研修\n---\n## 詳細\n\n[ノルウェー](/partners/norway/)との研修。\n",
                          to: content + "/activities/\(Self.keptActivity).ja.md")
        // A link to a heading the Japanese page lacks: a warning in every build, kept by serve
        // while that body and the pages it can point to are as they were.
        TestSupport.write("---\nname: ノルウェー\n---\n北欧の国。[研修](/activities/\(Self.keptActivity)/#no-such-heading)\n",
                          to: content + "/partners/\(Self.keptPartner).ja.md")
        TestSupport.write("---\ntitle: このポータルについて\n---\n日本語の説明。\n", to: content + "/pages/about.ja.md")
    }

    /// The theme's world map with only the countries the edits can name: reading all of them
    /// took most of a debug build of the fixture, twice per edit.
    static func keepCountries(_ codes: Set<String>, inMapOf templates: String) {
        let path = templates + "/map/world-countries.json"
        var map = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        map["countries"] = (map["countries"] as! [[String: Any]]).filter { codes.contains($0["iso"] as? String ?? "") }
        try! JSONSerialization.data(withJSONObject: map).write(to: URL(fileURLWithPath: path))
    }

    func options(output: String) -> BuildOptions {
        BuildOptions(content: content, templates: templates, output: output, workingDirectory: "/")
    }

    /// The files and the warnings of a clean build of the content as it is now, into a new folder
    /// (removed after).
    func cleanBuild() throws -> (files: [String: Data], warnings: [Diagnostic]) {
        let folder = root + "/clean-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = try Site.build(options(output: folder))
        return (TestSupport.snapshot(folder), report.warnings)
    }

    // MARK: The edits

    mutating func randomEdit(step: Int) -> SiteEdit {
        if !toRestore.isEmpty {
            for (path, text) in toRestore.reversed() {
                if let text { save(text, to: path) } else { unlink(path) }
            }
            toRestore = []
            return SiteEdit(description: "the invalid edit undone")
        }
        if chance(16) { return invalidEdit(step) }
        // Sometimes several files are saved before serve rebuilds (its watcher waits for a pause).
        let count = chance(8) ? int(2...3) : 1
        return SiteEdit(description: (0..<count).map { _ in validEdit(step) }.joined(separator: "; "))
    }

    private mutating func validEdit(_ step: Int) -> String {
        let edits: [(weight: Int, edit: (inout EditSession, Int) -> String)] = [
            (12, { $0.editActivityBody($1) }), (10, { $0.editActivityTitle($1) }), (8, { $0.editActivityDate($1) }),
            (6, { $0.editActivityEndDate($1) }), (7, { $0.addPartnerToActivity($1) }), (7, { $0.removePartnerFromActivity($1) }),
            (5, { $0.editActivityFields($1) }), (5, { $0.addActivity($1) }), (4, { $0.deleteActivity($1) }),
            (4, { $0.toggleDraft($1) }), (4, { $0.renamePartner($1) }), (2, { $0.editPartnerRegion($1) }),
            (3, { $0.editPartnerBody($1) }), (2, { $0.addPartner($1) }), (2, { $0.deletePartner($1) }),
            (2, { $0.changePartnerID($1) }), (4, { $0.editSiteSettings($1) }), (3, { $0.editTemplate($1) }),
            (1, { $0.addOrRemoveAsset($1) }), (3, { $0.editStrings($1) }), (2, { $0.editPageOrPlan($1) }),
            (1, { $0.editStaticFile($1) }),
        ]
        var pick = int(0...(edits.map(\.weight).reduce(0, +) - 1))
        for (weight, edit) in edits {
            if pick < weight { return edit(&self, step) }
            pick -= weight
        }
        fatalError("unreachable")
    }

    mutating func editActivityBody(_ step: Int) -> String {
        let id = pick(activityIDs)
        var file = FrontMatterText(read(activity(id)))
        if id == Self.keptActivity || chance(2) {
            file.body += "\n" + paragraph(step) + "\n"
        } else {
            file.body = body(step)
        }
        save(file.text, to: activity(id))
        return "body of activity \(id)"
    }

    mutating func editActivityTitle(_ step: Int) -> String {
        let id = pick(activityIDs)
        var file = FrontMatterText(read(activity(id)))
        file["title"] = quoted(title(step))
        save(file.text, to: activity(id))
        return "title of activity \(id)"
    }

    mutating func editActivityDate(_ step: Int) -> String {
        let id = pick(activityIDs.filter { $0 != Self.keptActivity })
        guard !id.isEmpty else { return "no activity to re-date" }
        var file = FrontMatterText(read(activity(id)))
        let date = randomDate()
        file["date"] = chance(3) ? quoted(date.text) : date.text
        if file["end_date"] != nil { file["end_date"] = randomEnd(after: date).text }
        save(file.text, to: activity(id))
        return "date of activity \(id) to \(date.text)"
    }

    mutating func editActivityEndDate(_ step: Int) -> String {
        let id = pick(activityIDs.filter { $0 != Self.keptActivity })
        guard !id.isEmpty else { return "no activity to change an end date of" }
        var file = FrontMatterText(read(activity(id)))
        let date = SimpleDate(file["date"]!)
        if file["end_date"] != nil && chance(3) {
            file["end_date"] = nil
            save(file.text, to: activity(id))
            return "end date of activity \(id) removed"
        }
        let end = randomEnd(after: date)
        file["end_date"] = end.text
        save(file.text, to: activity(id))
        return "end date of activity \(id) set to \(end.text)"
    }

    mutating func addPartnerToActivity(_ step: Int) -> String {
        let id = pick(activityIDs)
        var file = FrontMatterText(read(activity(id)))
        var partners = file.list("partners")
        let candidates = partnerIDs.filter { !partners.contains($0) }
        guard !candidates.isEmpty else { return "activity \(id) already has every partner" }
        let added = pick(candidates)
        partners.insert(added, at: int(0...partners.count))
        setPartners(partners, in: &file)
        save(file.text, to: activity(id))
        return "partner \(added) added to activity \(id)"
    }

    mutating func removePartnerFromActivity(_ step: Int) -> String {
        let id = pick(activityIDs)
        var file = FrontMatterText(read(activity(id)))
        var partners = file.list("partners")
        guard !partners.isEmpty else { return addPartnerToActivity(step) }
        let removed = partners.remove(at: int(0...(partners.count - 1)))
        setPartners(partners, in: &file)
        save(file.text, to: activity(id))
        return "partner \(removed) removed from activity \(id)"
    }

    mutating func editActivityFields(_ step: Int) -> String {
        let id = pick(activityIDs)
        var file = FrontMatterText(read(activity(id)))
        let field = pick(["type", "summary", "location", "organizer"])
        if chance(4) {
            file[field] = nil
        } else {
            file[field] = field == "type" ? pick(Self.types) : quoted(title(step))
        }
        save(file.text, to: activity(id))
        return "\(field) of activity \(id)"
    }

    mutating func addActivity(_ step: Int) -> String {
        let id = "new-\(step)"
        let date = randomDate()
        var lines = ["title: \(quoted(title(step)))", "date: \(date.text)"]
        if chance(3) { lines.append("end_date: \(randomEnd(after: date).text)") }
        if chance(2) { lines.append("type: \(pick(Self.types))") }
        let partners = partnerIDs.filter { _ in chance(3) }
        if !partners.isEmpty { lines.append("partners: [\(partners.joined(separator: ", "))]") }
        if chance(6) { lines.append("draft: true") }
        save("---\n" + lines.joined(separator: "\n") + "\n---\n" + body(step), to: activity(id))
        return "activity \(id) added (\(date.text))"
    }

    mutating func deleteActivity(_ step: Int) -> String {
        let candidates = activityIDs.filter { $0 != Self.keptActivity }
        guard candidates.count > 2 else { return addActivity(step) }
        let id = pick(candidates)
        unlink(activity(id))
        return "activity \(id) deleted"
    }

    mutating func toggleDraft(_ step: Int) -> String {
        let id = pick(activityIDs.filter { $0 != Self.keptActivity })
        guard !id.isEmpty else { return "no activity to draft" }
        var file = FrontMatterText(read(activity(id)))
        let wasDraft = file["draft"] == "true"
        file["draft"] = wasDraft ? (chance(2) ? "false" : nil) : "true"
        save(file.text, to: activity(id))
        return "activity \(id) \(wasDraft ? "published" : "made a draft")"
    }

    mutating func renamePartner(_ step: Int) -> String {
        let id = pick(partnerIDs)
        var file = FrontMatterText(read(partner(id)))
        file["name"] = quoted(title(step))
        save(file.text, to: partner(id))
        return "partner \(id) renamed"
    }

    mutating func editPartnerRegion(_ step: Int) -> String {
        let id = pick(partnerIDs)
        var file = FrontMatterText(read(partner(id)))
        file["region"] = chance(4) ? nil : pick(Self.regions)
        save(file.text, to: partner(id))
        return "region of partner \(id)"
    }

    mutating func editPartnerBody(_ step: Int) -> String {
        let id = pick(partnerIDs)
        var file = FrontMatterText(read(partner(id)))
        file.body = chance(2) ? body(step) : file.body + "\n" + paragraph(step) + "\n"
        save(file.text, to: partner(id))
        return "body of partner \(id)"
    }

    mutating func addPartner(_ step: Int) -> String {
        let id = "partner-\(step)"
        let country = chance(2)
        var lines = ["name: \(quoted(title(step)))", "kind: \(country ? "country" : "organization")"]
        if country { lines.append("iso: \(pick(Self.isoCodes))") }
        if chance(2) { lines.append("region: \(pick(Self.regions))") }
        save("---\n" + lines.joined(separator: "\n") + "\n---\n" + paragraph(step) + "\n", to: partner(id))
        // Usually given to an activity at once, as an editor would.
        if chance(3) == false, let activityID = activityIDs.randomElement(using: &random) {
            var file = FrontMatterText(read(activity(activityID)))
            setPartners(file.list("partners") + [id], in: &file)
            save(file.text, to: activity(activityID))
            return "partner \(id) added, and given to activity \(activityID)"
        }
        return "partner \(id) added"
    }

    /// Deletes a partner and, in the same save, every reference to it.
    mutating func deletePartner(_ step: Int) -> String {
        let candidates = partnerIDs.filter { $0 != Self.keptPartner }
        guard candidates.count > 1 else { return addPartner(step) }
        let id = pick(candidates)
        unlink(partner(id))
        replacePartnerReferences(id, with: nil)
        return "partner \(id) deleted with its references"
    }

    /// Renames a partner's file (its id) and every reference to it.
    mutating func changePartnerID(_ step: Int) -> String {
        let id = pick(partnerIDs.filter { $0 != Self.keptPartner })
        guard !id.isEmpty else { return addPartner(step) }
        let newID = "renamed-\(step)"
        save(read(partner(id)), to: partner(newID))
        unlink(partner(id))
        replacePartnerReferences(id, with: newID)
        return "partner \(id) renamed to \(newID) with its references"
    }

    mutating func editSiteSettings(_ step: Int) -> String {
        let path = content + "/site.yml"
        var lines = read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let key = pick(["title", "description", "description", "base_url"])
        let value = switch key {
        case "base_url": lines.contains("base_url: https://example.org/wps/") ? "https://example.org/" : "https://example.org/wps/"
        default: quoted(title(step))
        }
        if let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) {
            lines[index] = "\(key): \(value)"
        } else {
            lines.insert("\(key): \(value)", at: 0)
        }
        save(lines.joined(separator: "\n"), to: path)
        return "site.yml \(key)"
    }

    /// An attribute added to, or changed in, a partial or page template.
    mutating func editTemplate(_ step: Int) -> String {
        let (file, tag) = pick([("partials/footer.mustache", "<footer class=\"site-footer\""),
                                ("partials/activity-item.mustache", "<li class=\"entry\""),
                                ("activity.mustache", "<article"), ("partner.mustache", "<article")])
        let path = templates + "/" + file
        // The attribute an earlier edit added is dropped, this one's added.
        var text = read(path).replacingOccurrences(of: #" data-edit="\d+""#, with: "", options: .regularExpression)
        guard let range = text.range(of: tag) else { return "template \(file) has no \(tag)" }
        text.insert(contentsOf: " data-edit=\"\(step)\"", at: range.upperBound)
        save(text, to: path)
        return "template \(file)"
    }

    mutating func addOrRemoveAsset(_ step: Int) -> String {
        let folder = templates + "/assets"
        let added = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("extra-") }.sorted()
        if let asset = added.first, chance(2) {
            unlink(folder + "/" + asset)
            return "asset \(asset) removed"
        }
        save("/* edit \(step) */\n", to: folder + "/extra-\(step).css")
        return "asset extra-\(step).css added"
    }

    mutating func editStrings(_ step: Int) -> String {
        let path = templates + "/i18n/en.yml"
        let key = pick(["nav_timeline", "latest_activities", "type_meeting", "type_seminar", "month_unknown", "region_other", "footer_note"])
        var lines = read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else { return "strings have no \(key)" }
        lines[index] = "\(key): \(quoted("Label \(step) & <more>"))"
        save(lines.joined(separator: "\n"), to: path)
        return "strings label \(key)"
    }

    mutating func editPageOrPlan(_ step: Int) -> String {
        let path = content + "/" + pick(["pages/about.md", "pages/hidden.md", "action-plans/first.md", "action-plans/second.md"])
        var file = FrontMatterText(read(path))
        if chance(2) {
            file.body += "\n" + paragraph(step) + "\n"
        } else {
            file["title"] = quoted(title(step))
        }
        save(file.text, to: path)
        return "page or plan \((path as NSString).lastPathComponent)"
    }

    mutating func editStaticFile(_ step: Int) -> String {
        save("Report, edit \(step).\n", to: content + "/static/files/report.txt")
        return "static file report.txt"
    }

    /// An edit a build must reject; the next edit restores the files.
    mutating func invalidEdit(_ step: Int) -> SiteEdit {
        // Drafts are not link-checked: a broken link in one is no error.
        let id = pick(activityIDs.filter { FrontMatterText(read(activity($0)))["draft"] != "true" })
        let path = activity(id)
        toRestore = [(path, read(path))]
        var file = FrontMatterText(read(path))
        let what: String
        switch int(0...5) {
        case 0: file["date"] = "2024-02-30"; what = "an impossible date"
        case 1: setPartners(file.list("partners") + ["nobody-here"], in: &file); what = "an unknown partner"
        case 2: file["date"] = "2024-05-10"; file["end_date"] = "2024-05-01"; what = "an end date before the date"
        case 3: file.body += "\nSee [nothing](/activities/no-such-activity/).\n"; what = "a broken link"
        case 4: file["title"] = nil; what = "no title"
        default:
            let template = templates + "/partials/footer.mustache"
            toRestore = [(template, read(template))]
            save(read(template) + "{{#unclosed}}\n", to: template)
            return SiteEdit(description: "invalid: an unclosed section in the footer", isInvalid: true)
        }
        save(file.text, to: path)
        return SiteEdit(description: "invalid: activity \(id) with \(what)", isInvalid: true)
    }

    // MARK: Helpers

    private mutating func replacePartnerReferences(_ id: String, with newID: String?) {
        for activityID in activityIDs {
            var file = FrontMatterText(read(activity(activityID)))
            let partners = file.list("partners")
            guard partners.contains(id) else { continue }
            setPartners(partners.compactMap { $0 == id ? newID : $0 }, in: &file)
            save(file.text, to: activity(activityID))
        }
    }

    /// Written as a flow list or a block list, or left out when empty.
    private mutating func setPartners(_ partners: [String], in file: inout FrontMatterText) {
        if partners.isEmpty {
            file["partners"] = nil
        } else if chance(3) {
            file.setLines("partners", ["partners:"] + partners.map { "  - \($0)" })
        } else {
            file["partners"] = "[\(partners.joined(separator: ", "))]"
        }
    }

    var activityIDs: [String] { ids(in: "activities") }
    var partnerIDs: [String] { ids(in: "partners") }
    func activity(_ id: String) -> String { content + "/activities/\(id).md" }
    func partner(_ id: String) -> String { content + "/partners/\(id).md" }

    /// Originals only (`ID.ja.md` is a translation), sorted: the order a folder lists its files in
    /// is not the same on every machine.
    private func ids(in section: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: content + "/" + section)) ?? [])
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.filter { !$0.contains(".") }.sorted()
    }

    private func read(_ path: String) -> String { TestSupport.read(path) }

    /// Saves as editors do: the new text written to a file beside the content, renamed over the old one.
    private mutating func save(_ text: String, to path: String) {
        let before = FileStamp(path: path)
        saves += 1
        let temporary = root + "/.saving-\(saves)"
        try! Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        precondition(rename(temporary, path) == 0, "cannot save \(path)")
        // The renamed file was made while the old one still existed: a new inode, so a new stamp.
        precondition(FileStamp(path: path) != before, "saving \(path) left its stamp as it was")
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func chance(_ oneIn: Int) -> Bool { int(1...oneIn) == 1 }
    private mutating func pick<Element>(_ elements: [Element]) -> Element where Element: ExpressibleByStringLiteral {
        elements.randomElement(using: &random) ?? ""
    }
    private mutating func pick(_ elements: [(String, String)]) -> (String, String) { elements.randomElement(using: &random)! }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private mutating func title(_ step: Int) -> String {
        (0..<int(1...5)).map { _ in pick(Self.words) }.joined(separator: " ") + " \(step)"
    }

    private mutating func paragraph(_ step: Int) -> String {
        var sentence = (0..<int(3...12)).map { _ in pick(Self.words) }.joined(separator: " ")
        switch int(0...5) {
        case 0: sentence += " See the [timeline](/timeline/)."
        case 1: sentence += " With [Norway](/partners/norway/)."
        case 2: sentence = "**\(sentence)**"
        default: break
        }
        return sentence + " (\(step))"
    }

    private mutating func body(_ step: Int) -> String {
        var blocks: [String] = []
        for _ in 0..<int(0...3) {
            if chance(4) { blocks.append("## Heading \(int(1...4))") }
            blocks.append(chance(5) ? "- \(paragraph(step))\n- item" : paragraph(step))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private mutating func randomDate() -> SimpleDate {
        let year = int(2014...2026)
        switch int(0...6) {
        case 0: return SimpleDate(year: year)
        case 1: return SimpleDate(year: year, month: int(1...12))
        default: return SimpleDate(year: year, month: int(1...12), day: int(1...28))
        }
    }

    /// An end date on or after the end of `date`'s own period.
    private mutating func randomEnd(after date: SimpleDate) -> SimpleDate {
        if chance(2) {
            return SimpleDate(year: date.year + int(1...2), month: int(1...12), day: chance(3) ? nil : int(1...28))
        }
        let month = int((date.month ?? 12)...12)
        if month == date.month, let day = date.day { return SimpleDate(year: date.year, month: month, day: int(day...28)) }
        return SimpleDate(year: date.year, month: month, day: chance(3) ? nil : int(1...28))
    }
}

/// A year, a month or a day, as front matter writes it.
struct SimpleDate {
    var year: Int
    var month: Int?
    var day: Int?

    init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `2024`, `2024-06` or `"2024-06-21"`.
    init(_ text: String) {
        let parts = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")).split(separator: "-").map { Int($0)! }
        self.init(year: parts[0], month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil)
    }

    var text: String {
        var text = String(year)
        if let month { text += month < 10 ? "-0\(month)" : "-\(month)" }
        if let day { text += day < 10 ? "-0\(day)" : "-\(day)" }
        return text
    }
}

/// A content file's front matter as lines per field, and its body, to change one field and
/// leave the rest as written.
struct FrontMatterText {
    private var fields: [(key: String, lines: [String])] = []
    var body: String

    init(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        precondition(lines.first == "---", "no front matter")
        var index = 1
        while lines[index] != "---" {
            let line = lines[index]
            if line.hasPrefix(" ") || line.hasPrefix("-"), !fields.isEmpty {
                fields[fields.count - 1].lines.append(line)
            } else {
                fields.append((String(line.prefix { $0 != ":" }), [line]))
            }
            index += 1
        }
        body = lines[(index + 1)...].joined(separator: "\n")
    }

    var text: String { "---\n" + fields.flatMap(\.lines).joined(separator: "\n") + "\n---\n" + body }

    /// A one-line field's value as written; setting nil removes the field.
    subscript(key: String) -> String? {
        get {
            guard let field = fields.first(where: { $0.key == key }) else { return nil }
            return String(field.lines[0].dropFirst(key.count + 1)).trimmingCharacters(in: .whitespaces)
        }
        set {
            if let newValue { setLines(key, ["\(key): \(newValue)"]) } else { fields.removeAll { $0.key == key } }
        }
    }

    mutating func setLines(_ key: String, _ lines: [String]) {
        if let index = fields.firstIndex(where: { $0.key == key }) {
            fields[index].lines = lines
        } else {
            fields.append((key, lines))
        }
    }

    /// The ids of a list field written as `[a, b]` or as `- a` lines.
    func list(_ key: String) -> [String] {
        guard let field = fields.first(where: { $0.key == key }) else { return [] }
        let inline = field.lines[0].dropFirst(key.count + 1).trimmingCharacters(in: CharacterSet(charactersIn: " []"))
        let items = inline.split(separator: ",") + field.lines.dropFirst().map { $0.drop { " -".contains($0) } }
        return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
