extension Site {
    /// Where this build left each document's body, and what the rest of the site took from each
    /// document (`DocumentIndex`), for the next build to write an edited body in place.
    /// `pageBodies` come from `renderPages`; a page left as it was keeps the slots `previous` gave
    /// it. `feedSlots` are the bodies in the feed, by file.
    func documentIndex(fingerprint: InputFingerprint, cache: ContentCache, warnings: [Diagnostic],
                       pageBodies: [String: PageBody], feedSlots: [String: DocumentIndex.Slot],
                       previous: DocumentIndex?, fileCount: Int) -> DocumentIndex {
        var previousSlots: [String: [DocumentIndex.Slot]?] = [:]
        if let previous {
            previousSlots.reserveCapacity(previous.records.count)
            for record in previous.records { previousSlots[record.path] = record.slots.map { $0.filter { !$0.escaped } } }
        }
        // The feed shows a few bodies: a path is looked up among them only when its digest is one of theirs.
        let feedDigests = feedSlots.keys.map(Self.pathDigest)
        let entries = Array(cache.entries)
        // Runs of entries, each made into records without a table lookup for the feed or a copy
        // of what the file parsed to: 10,000 records took 16 ms of one core that way.
        let records = ParallelMap.runs(count: entries.count, length: 512) { [previousSlots] run -> [DocumentIndex.Record] in
            var records: [DocumentIndex.Record] = []
            records.reserveCapacity(run.count)
            for index in run {
                let (path, entry) = entries[index]
                // The entry's key is the one this build's walk saw.
                guard let section = entry.section, let key = entry.key else { continue }
                var slots: [DocumentIndex.Slot]?
                switch pageBodies[path] {
                case .shown(let shown): slots = shown
                case .untracked: slots = nil
                case .kept: slots = previousSlots[path] ?? nil
                case nil: slots = []  // a draft: its body is shown nowhere
                }
                if feedDigests.contains(Self.pathDigest(path)), let feedSlot = feedSlots[path] { slots?.append(feedSlot) }
                records.append(DocumentIndex.Record(path: path, section: section, entryHash: InputFingerprint.fileHash(path: path, key: key),
                                                    surface: entry.surface, slots: slots))
            }
            return records
        }
        return DocumentIndex(fingerprint: fingerprint.value, walkHeader: fingerprint.header, basePath: content.settings.basePath, context: cache.context,
                             pageCount: jobs.count, fileCount: fileCount, entryHashes: fingerprint.entryHashes.sortedHashes(),
                             timeline: DocumentIndex.timeline(of: content.activities.lazy.map(\.id)),
                             warnings: warnings, linkTargets: linkTargets, records: Array(records.joined()))
    }

    private static func pathDigest(_ path: String) -> UInt64 {
        path.withUTF8InPlace { DocumentIndex.digest($0) }
    }
}

/// What writing a document's page found of its body.
enum PageBody: Sendable {
    /// Rendered, showing the body at these places (none, or one).
    case shown([DocumentIndex.Slot])
    /// Rendered, using the body in a way that only rendering again can update.
    case untracked
    /// Left as it was: its slots are those the last index gave it.
    case kept
}

extension ParsedFile {
    var section: ContentFolder.Section {
        switch self {
        case .activity: .activities
        case .partner: .partners
        case .actionPlan: .actionPlans
        case .page: .pages
        }
    }
}
