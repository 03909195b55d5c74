import Foundation

/// A rebuild after an edit of one activity that changed what its page, list entry, data rows and
/// feed entry show (a title, a summary, a location, its body...) but nothing that places it
/// elsewhere: the same date, type, partners, headings and publication
/// (`DocumentIndex.Surface.placement`), and no diagnostics before or after.
///
/// Its page and its neighbours' pages (whose pagers show its title) are rendered again from the
/// few files they draw on: the two activities on either side, their partners, the pages of the
/// navigation, `site.yml` and the theme. Its old list entry and data rows (from the content cache,
/// or from the index after an earlier edit like this one) are replaced by the new ones where they
/// stand — the timeline, the home page, its partners' pages and the data files, each exactly once
/// — and its entry in the feed is written anew. Anything else, or any doubt, returns nil before
/// anything is written, and the full pipeline builds.
struct FrontMatterEditBuild {
    let base: BodyEditBuild
    let edit: (record: Int, path: String, hash: UInt64)
    /// The content cache file and its changes file, mapped.
    let cache: (CacheBytes, CacheBytes?)

    private var options: BuildOptions { base.options }
    private var index: DocumentIndex { base.index }

    func run(timings: inout StageTimings) throws(BuildError) -> BuildReport? {
        guard let window = timings.measure("read edited activity and neighbours", { readWindow() }),
              let rendered = timings.measure("render edited activity", { render(window) }),
              // Checked only now: the link targets are read on another core meanwhile.
              timings.measure("check edited links", { linksAreSound(window) }),
              let files = timings.measure("place edited activity", { place(rendered, window) }),
              timings.measure("check output", { base.outputIsIntact() }) else { return nil }
        try base.write(files, timings: &timings) { updatedIndex(files, rendered, window) }
        return BuildReport(pagesWritten: index.pageCount, filesWritten: index.fileCount, filesChanged: files.count,
                           warnings: index.warnings, timings: timings, activitiesWrittenInPlace: 1)
    }

    // MARK: Reading

    /// The edited activity with the two activities on either side of it on the timeline, their
    /// partners and the pages, as a site of their own.
    private struct Window {
        let content: SiteContent
        /// Where the edited activity is in `content.activities`, and on the whole timeline.
        let position: Int
        let timelinePosition: Int
        let surface: DocumentIndex.Surface
        /// Each activity's absolute path, in `content.activities` order.
        let paths: [String]
    }

    private func readWindow() -> Window? {
        let folder = options.contentFolder
        let record = index.records[edit.record]
        guard record.section == .activities, case .regular = FileKind.of(edit.path, within: folder.root) else { return nil }
        let loader = ContentLoader(folder: folder, includeDrafts: options.includeDrafts, baseURLOverride: options.baseURL)
        let reader = ContentReader(markdown: MarkdownRenderer(basePath: index.basePath))
        /// What the file parses to and the diagnostics it gave; nil with errors.
        func parse(_ section: ContentFolder.Section, _ path: String) -> (parsed: ParsedFile, diagnostics: [Diagnostic])? {
            var log = DiagnosticLog()
            guard let parsed = loader.parse(section, ContentFileScanner.File(path: path, in: folder), reader: reader, log: &log).0,
                  !log.hasErrors else { return nil }
            return (parsed, log.entries)
        }
        // The edited file: no diagnostics now or in the last build, placed as it was.
        guard !index.warnings.contains(where: { $0.path == folder.display(edit.path) }),
              let (parsed, diagnostics) = parse(.activities, edit.path), diagnostics.isEmpty,
              case .activity(let edited) = parsed else { return nil }
        let surface = DocumentIndex.surfaceDigests(of: parsed, diagnostics: [])
        guard surface.placement == record.surface.placement,
              let neighbours = index.neighbours(of: edited.id, count: 2) else { return nil }

        let activitiesFolder = folder.folder(.activities) + "/"
        var activities = [edited], paths = [edit.path]
        for id in neighbours.newer.reversed() + neighbours.older {
            guard case .activity(let activity) = parse(.activities, activitiesFolder + id + ".md")?.parsed else { return nil }
            activities.append(activity)
            paths.append(activitiesFolder + id + ".md")
        }
        var partners: [Partner] = []
        for id in Set(activities.flatMap(\.partnerIDs)).sorted() {
            guard case .partner(let partner) = parse(.partners, folder.folder(.partners) + "/" + id + ".md")?.parsed else { return nil }
            partners.append(partner)
        }
        var scanLog = DiagnosticLog()
        var pages: [Page] = []
        for file in ContentFileScanner.files(in: .pages, of: folder, listing: base.fingerprint.listing(of: folder.folder(.pages)), log: &scanLog) {
            guard case .page(let page) = parse(.pages, file.absolutePath)?.parsed else { return nil }
            pages.append(page)
        }
        guard !scanLog.hasErrors,
              let settings = SiteSettingsReader(folder: folder, baseURLOverride: options.baseURL).read(log: &scanLog),
              settings.basePath == index.basePath else { return nil }
        let content = SiteContent(settings: settings, activities: activities, partners: partners, actionPlans: [], pages: pages, staticFiles: [])
        // The window is consecutive on the timeline, so it sorts as it stands there.
        guard content.activities.map(\.id) == neighbours.newer.reversed() + [edited.id] + neighbours.older else { return nil }
        let pathsByID = Dictionary(uniqueKeysWithValues: zip(activities.map(\.id), paths))
        return Window(content: content, position: neighbours.newer.count, timelinePosition: neighbours.position,
                      surface: surface, paths: content.activities.map { pathsByID[$0.id]! })
    }

    /// Whether every link of the edited body leads to a page and heading that exist.
    private func linksAreSound(_ window: Window) -> Bool {
        var log = DiagnosticLog()
        LinkChecker(targets: index.linkTargets).check(window.content.activities[window.position].document, log: &log)
        return log.entries.isEmpty
    }

    // MARK: Rendering

    private struct Rendered {
        let old: ActivityFragments
        let new: ActivityFragments
        /// The edited activity's page and its neighbours', with where each shows its body, by output path.
        let pages: [(path: String, record: Int, bytes: [UInt8], body: BodyPlacement)]
        /// The edited activity's feed entry, and where its escaped body lies in it.
        let feedEntry: (text: [UInt8], body: Range<Int>)
    }

    private func render(_ window: Window) -> Rendered? {
        let content = window.content
        let id = content.activities[window.position].id
        guard let old = index.fragmentOverrides[id] ?? ContentCache.fragments(of: id, in: cache.0, changes: cache.1) else { return nil }
        var log = DiagnosticLog()
        let (theme, themeLog) = base.theme.wait()
        guard !themeLog.hasErrors, let theme,
              let templates = TemplateLibrary.load(theme, folder: options.templatesFolder, language: content.settings.language,
                                                   pathDisplay: options.pathDisplay, log: &log) else { return nil }
        let views = Site.makeViews(content: content, templates: templates)
        let new = Site.activityFragments(at: window.position, key: "", content: content, templates: templates, views: views,
                                         export: DataExport(content: content)).fragments
        var pages: [(path: String, record: Int, bytes: [UInt8], body: BodyPlacement)] = []
        for position in max(0, window.position - 1)...min(content.activities.count - 1, window.position + 1) {
            let activity = content.activities[position]
            guard let record = position == window.position ? edit.record : index.records.firstIndex(where: { $0.path == window.paths[position] })
            else { return nil }
            let page = templates.renderPlacingBody(views.activity(at: position, bodyHTML: activity.document.body.htmlBytes), with: .activity)
            pages.append((PageJob.activity(position).outputPath(in: content), record, page.bytes, page.body))
        }
        let activity = content.activities[window.position]
        let entry = Feeds(content: content, strings: templates.strings).entry(activity, bodyHTML: activity.document.body.htmlBytes)
        let entryBytes = Array(entry.text.utf8)
        return Rendered(old: old, new: new, pages: pages, feedEntry: (entryBytes, entry.body))
    }

    // MARK: Placing

    /// An output file is not as the last build left it.
    private struct NotAsLeft: Error {}

    /// The new bytes of every file the edit changes; nil if one is not as the last build left it.
    private func place(_ rendered: Rendered, _ window: Window) -> [ChangedFile]? {
        var changed: [ChangedFile] = []
        func contents(_ path: String) -> [UInt8]? { FileBytes.contents(of: options.outputFolder + "/" + path) }
        for page in rendered.pages {
            guard let old = contents(page.path) else { return nil }
            if page.bytes != old { changed.append(.init(path: page.path, bytes: page.bytes, replaced: [(0..<old.count, 0..<page.bytes.count)])) }
        }
        // Each old fragment where the pages and files that list the activity have it, exactly once each.
        var replacements: [(file: String, old: [UInt8], new: [UInt8], expected: Int)] = [
            ("timeline/index.html", rendered.old.listHTML, rendered.new.listHTML, 1),
            ("index.html", rendered.old.listHTML, rendered.new.listHTML, window.timelinePosition < ViewFactory.latestCount ? 1 : 0),
            ("data/activities.json", rendered.old.jsonRow, rendered.new.jsonRow, 1),
            ("data/activities.csv", rendered.old.csvRow, rendered.new.csvRow, 1),
            ("data/search-index.json", rendered.old.searchRow, rendered.new.searchRow, 1),
        ]
        let activity = window.content.activities[window.position]
        for partner in window.content.partners where activity.partnerIDs.contains(partner.id) {
            replacements.append((PageJob.outputPath(of: partner.sitePath), rendered.old.listHTML, rendered.new.listHTML, 1))
        }
        // Each file mapped, searched and spliced on whichever core is free: the timeline and the data files are megabytes.
        let outputFolder = options.outputFolder, id = Array(activity.id.utf8)
        let spliced = ParallelMap.map(replacements.filter { $0.old != $0.new }) { replacement -> Result<ChangedFile?, NotAsLeft> in
            guard let old = CacheBytes(mapping: outputFolder + "/" + replacement.file) else { return .failure(NotAsLeft()) }
            let found = replacement.old.isEmpty ? [] : ByteSearch.all(replacement.old, in: old.buffer, around: id)
            guard found.count == replacement.expected else { return .failure(NotAsLeft()) }
            guard let start = found.first else { return .success(nil) }
            return .success(ChangedFile(path: replacement.file, splicing: old, at: start..<start + replacement.old.count, with: replacement.new))
        }
        for outcome in spliced {
            guard case .success(let file) = outcome else { return nil }
            if let file { changed.append(file) }
        }
        // The feed entry, around the body slot the index has for it.
        let feedSlot = index.records[edit.record].slots?.first(where: \.escaped)
        guard feedSlot != nil || window.timelinePosition >= Feeds.feedLength else { return nil }
        if let slot = feedSlot {
            guard let old = CacheBytes(mapping: outputFolder + "/" + slot.file), slot.fileSize == old.buffer.count,
                  DocumentIndex.digest(UnsafeBufferPointer(rebasing: old.buffer[slot.range])) == slot.digest,
                  let start = ByteSearch.all(Feeds.entryStart, in: UnsafeBufferPointer(rebasing: old.buffer[..<slot.range.lowerBound])).last,
                  let endMark = ByteSearch.first(Feeds.entryEnd, in: old.buffer, from: slot.range.upperBound) else { return nil }
            let range = start..<endMark + Feeds.entryEnd.count
            if !UnsafeBufferPointer(rebasing: old.buffer[range]).elementsEqual(rendered.feedEntry.text) {
                changed.append(ChangedFile(path: slot.file, splicing: old, at: range, with: rendered.feedEntry.text))
            }
        }
        return changed
    }

    // MARK: The index

    /// The index as this build leaves the output: the edited file's hash, surface and fragments,
    /// slots moved in the rewritten files, and the slots of the pages rendered again.
    private func updatedIndex(_ files: [ChangedFile], _ rendered: Rendered, _ window: Window) -> DocumentIndex {
        var updated = index
        updated.fingerprint = base.fingerprint.value
        updated.entryHashes = base.sortedEntryHashes
        updated.updateRecord(edit.record) {
            $0.entryHash = edit.hash
            $0.surface = window.surface
        }
        updated.fragmentOverrides[window.content.activities[window.position].id] = rendered.new
        updated.moveSlots(in: files)
        for page in rendered.pages {
            // A record without slots stays so: where else its body is shown was not known.
            let feedSlots = updated.records[page.record].slots?.filter(\.escaped)
            updated.updateRecord(page.record) { record in
                switch page.body {
                case .absent: record.slots = feedSlots
                case .untracked: record.slots = nil
                case .at(let range):
                    let slot = page.bytes.withUnsafeBufferPointer { bytes in
                        DocumentIndex.Slot(file: page.path, range: range, fileSize: bytes.count,
                                           digest: DocumentIndex.digest(UnsafeBufferPointer(rebasing: bytes[range])), escaped: false)
                    }
                    record.slots = feedSlots.map { [slot] + $0 }
                }
            }
        }
        let feedFile = index.records[edit.record].slots?.first(where: \.escaped)?.file
        if let feed = files.first(where: { $0.path == feedFile }), let entry = feed.replaced.first?.new {
            let body = entry.lowerBound + rendered.feedEntry.body.lowerBound..<entry.lowerBound + rendered.feedEntry.body.upperBound
            let slot = DocumentIndex.Slot(file: feed.path, range: body, fileSize: feed.size,
                                          digest: feed.withBytes(in: body) { DocumentIndex.digest($0) }, escaped: true)
            updated.updateRecord(edit.record) { record in record.slots = record.slots.map { $0.filter { !$0.escaped } + [slot] } }
        }
        return updated
    }
}
