import Foundation

/// Digests of what activity pages, partner pages and activity list entries are drawn from, built
/// from the files' sizes, times and inodes: the theme (templates, strings, map), `site.yml`, the
/// navigation's pages, the activity's file and its partners' files, and for an activity page its
/// two neighbours on the timeline. A page whose key matches the one it was last written with is
/// left as it is; every other page of the site is rendered and compared byte for byte.
struct PageKeys: Sendable {
    let options: BuildOptions
    let content: SiteContent
    let cache: ContentCache
    let knownFiles: [String: ContentCache.FileKey]
    private var theme: FNV1a?
    /// Each partner's file, by index; nil where it has no key.
    private var partnerFiles: [FNV1a?] = []
    /// Each activity's file and its partners' files; nil where one has no key.
    private var ownKeys: [FNV1a?] = []

    init(options: BuildOptions, content: SiteContent, cache: ContentCache, knownFiles: [String: ContentCache.FileKey] = [:]) {
        self.options = options
        self.content = content
        self.cache = cache
        self.knownFiles = knownFiles
        theme = nil  // every stored property needs a value before `themeKey()` can be called
        theme = themeKey()
        // Each file's key comes with its document, and each partner's part is hashed once: looking
        // both up by path, for every activity and each of its partners, took 7 to 12 ms at 10,000.
        partnerFiles = content.partners.map { partner in
            var hash = FNV1a()
            return Self.add(partner.id, partner.document.fileKey, to: &hash) ? hash : nil
        }
        ownKeys = content.activities.indices.map { [content, partnerFiles] index in
            var hash = FNV1a()
            let activity = content.activities[index]
            guard Self.add(activity.id, activity.document.fileKey, to: &hash) else { return nil }
            for partner in content.partnerIndexesByActivity[index] {
                guard let file = partnerFiles[partner] else { return nil }
                hash.add(file.value)
            }
            return hash
        }
    }

    /// One key per activity (in timeline order) for its list entry, which shows the activity and its partners.
    func listEntryKeys() -> [String] {
        guard let theme else { return Array(repeating: "", count: content.activities.count) }
        return ownKeys.map { own in
            guard let own else { return "" }
            var hash = theme
            hash.add("entry")
            hash.add(own.value)
            return String(hash.value, radix: 16)
        }
    }

    /// One key per activity for its page, which also shows its neighbours on the timeline.
    func activityKeys() -> [String] {
        guard let theme else { return Array(repeating: "", count: content.activities.count) }
        let activities = content.activities
        return activities.indices.map { index in
            var hash = theme
            for neighbour in index - 1...index + 1 where activities.indices.contains(neighbour) {
                guard let own = ownKeys[neighbour] else { return "" }
                hash.add(UInt64(bitPattern: Int64(neighbour - index)))
                hash.add(own.value)
            }
            return String(hash.value, radix: 16)
        }
    }

    /// One key per partner (in `content.partners` order) for its page, which lists its activities
    /// with their partners and draws the partner's place on a map.
    func partnerKeys() -> [String] {
        guard let theme else { return Array(repeating: "", count: content.partners.count) }
        return content.partners.indices.map { partnerIndex in
            let partner = content.partners[partnerIndex]
            guard let file = partnerFiles[partnerIndex] else { return "" }
            var hash = theme
            hash.add(file.value)
            for index in content.activityIndexesByPartner[partner.id] ?? [] {
                // The activity's own key covers its id.
                guard let own = ownKeys[index] else { return "" }
                hash.add(own.value)
            }
            return String(hash.value, radix: 16)
        }
    }

    /// What every page shares; nil when a file cannot be examined.
    private func themeKey() -> FNV1a? {
        var hash = FNV1a()
        // The context names the sitegen executable too: a new sitegen renders every page again.
        hash.add("sitegen-pages-3|\(options.baseURL ?? "")|\(options.includeDrafts)|\(cache.context)")
        guard add(options.contentFolder.siteFile, to: &hash) else { return nil }
        for page in content.pages {
            guard Self.add(page.id, page.document.fileKey, to: &hash) else { return nil }
        }
        var pending = [options.templatesFolder]
        while let folder = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
            for name in names.sorted() {
                let path = folder + "/" + name
                if knownFiles[path] != nil {
                    guard add(path, to: &hash) else { return nil }
                    continue
                }
                var info = stat()
                guard stat(path, &info) == 0 else { return nil }
                if (info.st_mode & S_IFMT) == S_IFDIR { pending.append(path) } else if !add(path, to: &hash) { return nil }
            }
        }
        return hash
    }

    /// A document's id and the key of its file as it was read (taken field by field: a
    /// document copied out retains every part of it).
    private static func add(_ id: String, _ key: ContentCache.FileKey?, to hash: inout FNV1a) -> Bool {
        guard let key else { return false }
        hash.add(id)
        add(key, to: &hash)
        return true
    }

    private static func add(_ key: ContentCache.FileKey, to hash: inout FNV1a) {
        hash.add(UInt64(bitPattern: key.size))
        hash.add(UInt64(bitPattern: key.modified))
        hash.add(key.inode)
    }

    private func add(_ path: String, to hash: inout FNV1a) -> Bool {
        guard let key = cache.entries[path]?.key ?? knownFiles[path] ?? ContentCache.FileKey(path: path) else { return false }
        hash.add(path)
        Self.add(key, to: &hash)
        return true
    }
}
