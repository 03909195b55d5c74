/// The links of every body as a resolve checked them, and what was wrong with them. `serve`
/// checks again only the bodies whose links changed, as long as the pages and anchors they can
/// point to (the link targets) are the ones they were checked against.
struct LinkReport: Sendable {
    /// Every body's file and links, activities first, in the site's order.
    let documents: [LinkedDocument]
    /// The diagnostics of each body that has any, by the body's path.
    let problems: [String: [Diagnostic]]

    struct LinkedDocument: Sendable, Equatable {
        let path: String
        let links: [InternalLink]
    }

    /// Checks the links of every body in `content`, on every core. `earlier`: a report made against
    /// the same targets, whose findings hold for a body with the same path and links.
    static func check(_ content: SiteContent, with checker: LinkChecker, earlier: LinkReport?, log: inout DiagnosticLog) -> LinkReport {
        var documents: [LinkedDocument] = []
        documents.reserveCapacity(content.activities.count + content.partners.count + content.actionPlans.count + content.pages.count)
        for activity in content.activities { documents.append(LinkedDocument(path: activity.document.bodyPath, links: activity.document.body.internalLinks)) }
        for partner in content.partners { documents.append(LinkedDocument(path: partner.document.bodyPath, links: partner.document.body.internalLinks)) }
        for plan in content.actionPlans { documents.append(LinkedDocument(path: plan.document.bodyPath, links: plan.document.body.internalLinks)) }
        for page in content.pages { documents.append(LinkedDocument(path: page.document.bodyPath, links: page.document.body.internalLinks)) }
        let all = documents
        let logs = ParallelMap.runs(count: all.count, length: 256) { run in
            var runLog = DiagnosticLog()
            for index in run {
                let document = all[index]
                if let earlier, index < earlier.documents.count, earlier.documents[index] == document {
                    if !earlier.problems.isEmpty, let found = earlier.problems[document.path] { runLog.append(contentsOf: found) }
                } else {
                    checker.check(document.links, of: document.path, log: &runLog)
                }
            }
            return runLog
        }
        var problems: [String: [Diagnostic]] = [:]
        for runLog in logs {
            for diagnostic in runLog.entries { problems[diagnostic.path, default: []].append(diagnostic) }
            log.append(contentsOf: runLog)
        }
        return LinkReport(documents: all, problems: problems)
    }
}
