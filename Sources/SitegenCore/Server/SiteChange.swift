/// What an edit changed between two resolved sites of `serve`, worked out from the models
/// themselves, and the output files it can affect.
struct SiteChange {
    /// Output paths to render again; nil means every file.
    let affectedOutputs: Set<String>?

    /// `sameTheme`: the templates folder (templates, strings, assets) is as it was.
    init(from old: Site, to new: Site, sameTheme: Bool) {
        let before = old.content, after = new.content
        // The header, the navigation and every page's metadata come from these.
        guard sameTheme, before.settings == after.settings, before.pages == after.pages, before.actionPlans == after.actionPlans,
              before.sources == after.sources,
              // Records without a date of their own show the site's newest.
              old.views.dataAsOf == new.views.dataAsOf
        else {
            affectedOutputs = nil
            return
        }
        let changedPartners = Self.changedIDs(before.partners, after.partners, id: \.id)
        let changedActivities = Self.changedIDs(before.activities, after.activities, id: \.id)

        var activities = Set<String>(), partners = changedPartners
        // Every page that shows a changed partner's name: its activities, and partners it shares one with.
        for content in [before, after] {
            for partner in changedPartners {
                for index in content.activityIndexesByPartner[partner] ?? [] {
                    activities.insert(content.activities[index].id)
                    for other in content.partnerIndexesByActivity[index] { partners.insert(content.partners[other].id) }
                }
            }
        }
        // A changed activity's page, the pages of its partners before and after, and its timeline
        // neighbours before and after (their pagers show it). The set is fixed before the walk:
        // a neighbour added to `activities` is not a changed activity whose neighbours go too.
        // Found through the indexes by id: a few look-ups, not one per activity of the site.
        let shown = activities.union(changedActivities)
        for content in [before, after] {
            for id in shown {
                guard let index = content.activityIndexByID[id] else { continue }
                activities.insert(id)
                if index > 0 { activities.insert(content.activities[index - 1].id) }
                if index + 1 < content.activities.count { activities.insert(content.activities[index + 1].id) }
                for partner in content.partnerIndexesByActivity[index] { partners.insert(content.partners[partner].id) }
            }
        }
        var outputs = Set<String>()
        for id in activities { if let index = after.activityIndexByID[id] { outputs.insert(PageJob.activity(index).outputPath(in: after)) } }
        for id in partners { if let index = after.partnerIndexByID[id] { outputs.insert(PageJob.partner(index).outputPath(in: after)) } }
        for job in new.jobs {
            switch job {
            case .activity, .partner: continue
            // Few, and showing the whole record: lists, counts, charts and the map.
            case .home, .timeline, .partners, .actionPlans, .sources, .search, .data, .notFound, .actionPlan, .page:
                outputs.insert(job.outputPath(in: after))
            }
        }
        // The sitemap lists every page, and robots.txt names it: both as they were while the same records are published.
        let sameRecords = before.activities.elementsEqual(after.activities) { $0.id == $1.id }
            && before.partners.elementsEqual(after.partners) { $0.id == $1.id }
        outputs.formUnion(sameRecords ? SiteFiles.dataFiles.filter { $0 != "sitemap.xml" && $0 != "robots.txt" } : SiteFiles.dataFiles)
        affectedOutputs = outputs
    }

    /// Ids present on one side only, or whose records differ.
    private static func changedIDs<Record: Equatable>(_ before: [Record], _ after: [Record], id: (Record) -> String) -> Set<String> {
        // Most edits leave every record where it was: compared in place, without tables.
        if before.count == after.count {
            var changed = Set<String>()
            var aligned = true
            for (old, new) in zip(before, after) {
                guard id(old) == id(new) else {
                    aligned = false
                    break
                }
                if old != new { changed.insert(id(new)) }
            }
            if aligned { return changed }
        }
        let old = Dictionary(before.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        var changed = Set<String>()
        for (id, record) in new where old[id] != record { changed.insert(id) }
        for id in old.keys where new[id] == nil { changed.insert(id) }
        return changed
    }
}
