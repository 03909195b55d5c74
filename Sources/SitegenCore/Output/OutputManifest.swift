import Foundation

/// `.sitegen-manifest`: marks a folder as sitegen's output and names every file the build wrote,
/// each with the key of what its page was rendered from (when known), plus a digest of the inputs.
struct OutputManifest: Sendable {
    static let fileName = ".sitegen-manifest"
    static let header = "sitegen output v1"
    static let fingerprintPrefix = "# inputs "

    var fingerprint: String?
    /// Relative path → the page's dependency key, or "" when the file is compared by content.
    var files: [String: String] = [:]

    init(fingerprint: String? = nil, files: [String: String] = [:]) {
        self.fingerprint = fingerprint
        self.files = files
    }

    /// The manifest of `folder`, or nil when the folder is not sitegen's output.
    static func read(_ folder: String) -> OutputManifest? {
        guard let bytes = FileBytes.contents(of: folder + "/" + fileName) else { return nil }
        return bytes.withUnsafeBufferPointer { parse($0) }
    }

    /// Whether every file `folder`'s manifest names is still there, after handing `recorded` the
    /// inputs digest the manifest records (nil, and false, when the folder has none). Reads the
    /// manifest as `read` does, but looks each path (or its folder, `exist`) up straight from its
    /// bytes, in runs any idle thread takes after the walk of the inputs (`SharedRuns`), each path
    /// from its top folder opened once: an up-to-date build does nothing else, and building the
    /// table took longer.
    /// The manifest is mapped, not read: reading 900 KB into fresh memory took a page fault per
    /// 4 KB, on the up-to-date build's longer half.
    static func check(_ folder: String, recorded: (String?) -> Void) -> Bool {
        guard let manifest = CacheBytes(mapping: folder + "/" + fileName), let (fingerprint, paths) = entries(of: manifest.buffer) else {
            recorded(nil)
            return false
        }
        recorded(fingerprint)
        guard fingerprint != nil else { return false }
        let allThere = SharedRuns.runs(count: paths.count, length: 512, background: true) { [paths] run in
            exist(paths[run], in: manifest.buffer, under: folder, manifestChanged: manifest.statusChanged)
        }
        return withExtendedLifetime(manifest) { allThere.allSatisfy { $0 } }
    }

    /// The inputs digest a manifest records, and where each path it names lies in it; nil when
    /// the bytes are not a manifest.
    private static func entries(of buffer: UnsafeBufferPointer<UInt8>) -> (fingerprint: String?, paths: [Range<Int>])? {
        guard let base = buffer.baseAddress else { return nil }
        let header = Array(Self.header.utf8), prefix = Array(fingerprintPrefix.utf8)
        var fingerprint: String?
        var paths: [Range<Int>] = []
        var isFirstLine = true
        var start = 0
        while start < buffer.count {
            guard let newline = memchr(base + start, 0x0A, buffer.count - start) else { return nil }  // a last line without its line break
            let end = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
            let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
            if isFirstLine {
                guard line.elementsEqual(header) else { return nil }
                isFirstLine = false
            } else if line.starts(with: prefix) {
                fingerprint = String(decoding: line.dropFirst(prefix.count), as: UTF8.self)
            } else if !line.isEmpty {
                // The key follows the last tab.
                var tab = end - 1
                while tab > start, buffer[tab] != 0x09 { tab -= 1 }
                paths.append(start..<(buffer[tab] == 0x09 ? tab : end))
            }
            start = end + 1
        }
        return isFirstLine ? nil : (fingerprint, paths)
    }

    /// Whether every path (at these ranges of `bytes`) names something under `folder`. A folder
    /// whose status last changed before the manifest's (`manifestChanged`) still holds the files
    /// the manifest names in it, as adding, removing or renaming an entry changes a folder's time:
    /// one look-up of the folder stands for its files, where each file was looked up, two names
    /// deep. The files of a folder changed since (the output folder itself always: the manifest
    /// went in there last) are looked up one by one.
    private static func exist(_ paths: ArraySlice<Range<Int>>, in bytes: UnsafeBufferPointer<UInt8>, under folder: String,
                              manifestChanged: timespec) -> Bool {
        let root = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0, let base = bytes.baseAddress else { return false }
        // The manifest is sorted, so paths under one top folder come together: keep the last one open.
        var top: (name: Range<Int>, descriptor: Int32)?
        defer {
            if let top, top.descriptor >= 0 { close(top.descriptor) }
            close(root)
        }
        // The folder of the last file looked at, and whether it is unchanged since the manifest.
        var lastFolder: (name: Range<Int>, unchanged: Bool)?
        // Each name copied out with the NUL the system calls need.
        var name = [CChar](repeating: 0, count: 256)
        func withName<T>(_ range: Range<Int>, _ body: (UnsafePointer<CChar>) -> T) -> T {
            if range.count >= name.count { name = [CChar](repeating: 0, count: range.count + 1) }
            return name.withUnsafeMutableBufferPointer { copy in
                UnsafeMutableRawPointer(copy.baseAddress!).copyMemory(from: base + range.lowerBound, byteCount: range.count)
                copy[range.count] = 0
                return body(copy.baseAddress!)
            }
        }
        for path in paths {
            var descriptor = root
            var nameStart = path.lowerBound
            if let slash = memchr(base + path.lowerBound, 0x2F, path.count).map({ UnsafeRawPointer($0) - UnsafeRawPointer(base) }) {
                var lastSlash = path.upperBound - 1
                while bytes[lastSlash] != 0x2F { lastSlash -= 1 }
                let fileFolder = path.lowerBound..<lastSlash
                if let last = lastFolder, last.name.count == fileFolder.count,
                   memcmp(base + last.name.lowerBound, base + fileFolder.lowerBound, fileFolder.count) == 0 {
                    if last.unchanged { continue }
                } else {
                    lastFolder = nil
                }
                let folderName = path.lowerBound..<slash
                if let open = top, open.name.count == folderName.count, memcmp(base + open.name.lowerBound, base + path.lowerBound, folderName.count) == 0 {
                    descriptor = open.descriptor
                } else {
                    if let open = top, open.descriptor >= 0 { close(open.descriptor) }
                    descriptor = openat(root, bytes[folderName].map { CChar(bitPattern: $0) } + [0], O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                    top = (folderName, descriptor)
                }
                guard descriptor >= 0 else { return false }
                nameStart = slash + 1
                if lastFolder == nil {
                    var info = stat()
                    let found = lastSlash == slash ? fstat(descriptor, &info) == 0
                        : withName(slash + 1..<lastSlash) { fstatat(descriptor, $0, &info, 0) == 0 }
                    guard found else { return false }
                    let changed = info.st_ctim
                    let unchanged = changed.tv_sec < manifestChanged.tv_sec
                        || (changed.tv_sec == manifestChanged.tv_sec && changed.tv_nsec < manifestChanged.tv_nsec)
                    lastFolder = (fileFolder, unchanged)
                    if unchanged { continue }
                }
            }
            // Only whether it is there: `faccessat` skips the attributes `fstatat` fills in, and with
            // AT_EACCESS the kernel does not swap in the real user's credentials for each call.
            guard withName(nameStart..<path.upperBound, { faccessat(descriptor, $0, F_OK, AT_EACCESS) == 0 }) else { return false }
        }
        return true
    }

    /// The manifest `bytes` with another inputs digest, and no key for the files in `dropped`:
    /// only those lines are looked for and cut, the rest is written around.
    static func updating(_ manifest: CacheBytes, fingerprint: String, droppingKeysOf dropped: Set<String>) -> ChangedFile {
        let bytes = manifest.buffer
        var cuts: [(range: Range<Int>, replacement: [UInt8])] = []
        func lineEnd(from start: Int) -> Int { ByteSearch.first([0x0A], in: bytes, from: start) ?? bytes.count }
        var entries = lineEnd(from: 0) + 1
        let prefix = [0x0A] + Array(fingerprintPrefix.utf8)
        if let found = ByteSearch.first(prefix, in: bytes) {
            let end = lineEnd(from: found + prefix.count)
            cuts.append((found + prefix.count..<end, Array(fingerprint.utf8)))
            entries = max(entries, end + 1)
        }
        for path in dropped {
            let name = Array(path.utf8)
            // Searching the whole manifest for each file took a millisecond of a front-matter edit.
            let start = lineStart(of: name, in: bytes, from: entries)
                ?? ByteSearch.first([0x0A] + name + [0x09], in: bytes).map { $0 + 1 }
            guard let start, start + name.count < bytes.count, bytes[start + name.count] == 0x09 else { continue }
            let tab = start + name.count
            cuts.append((tab..<lineEnd(from: tab), []))
        }
        return ChangedFile(path: fileName, splicing: manifest, cuts: cuts.sorted { $0.range.lowerBound < $1.range.lowerBound })
    }

    /// Where the line naming `path` starts, found by halving the lines from `first` on, which
    /// `bytes` writes in the order of their paths' bytes; nil if none is found that way.
    static func lineStart(of path: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from first: Int) -> Int? {
        var low = first, high = bytes.count
        while low < high {
            var start = (low + high) / 2
            while start > low, bytes[start - 1] != 0x0A { start -= 1 }
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x09 { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let common = min(line.count, path.count)
            let order = common == 0 ? 0 : path.withUnsafeBufferPointer { memcmp(line.baseAddress!, $0.baseAddress!, common) }
            if order == 0, line.count == path.count { return start }
            if order < 0 || (order == 0 && line.count < path.count) {
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                low = end + 1
            } else {
                high = start
            }
        }
        return nil
    }

    /// Line by line over the bytes: a large site's manifest has a line per page.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> OutputManifest? {
        var manifest = OutputManifest()
        var start = 0
        var isFirstLine = true
        while start < bytes.count {
            var end = start
            var tab = -1
            while end < bytes.count, bytes[end] != 0x0A {
                if bytes[end] == 0x09 { tab = end }
                end += 1
            }
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            if isFirstLine {
                guard line == header else { return nil }
                isFirstLine = false
            } else if line.hasPrefix(fingerprintPrefix) {
                manifest.fingerprint = String(line.dropFirst(fingerprintPrefix.count))
            } else if tab >= 0 {
                manifest.files[String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<tab]), as: UTF8.self)] =
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[(tab + 1)..<end]), as: UTF8.self)
            } else if !line.isEmpty {
                manifest.files[line] = ""
            }
            start = end + 1
        }
        return isFirstLine ? nil : manifest
    }

    /// The file's bytes, paths in order: written straight into one buffer, since a large site's
    /// manifest is put together at the very end of its build, with the other core idle.
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + files.count * 96)
        bytes += Self.header.utf8
        bytes.append(0x0A)
        if let fingerprint {
            bytes += Self.fingerprintPrefix.utf8
            bytes += fingerprint.utf8
            bytes.append(0x0A)
        }
        // In the order of the paths' bytes, sorted as spans of one buffer: sorting 10,000 pairs
        // of strings retained and released both at every comparison.
        let entries = Array(files)
        var paths: [UInt8] = []
        paths.reserveCapacity(entries.count * 64)
        var spans: [(start: Int, count: Int, entry: Int)] = []
        spans.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let start = paths.count
            paths += entry.key.utf8
            spans.append((start, paths.count - start, index))
        }
        paths.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            spans.sort { first, second in
                let order = memcmp(base + first.start, base + second.start, min(first.count, second.count))
                return order != 0 ? order < 0 : first.count < second.count
            }
        }
        for span in spans {
            bytes += paths[span.start..<span.start + span.count]
            let key = entries[span.entry].value
            if !key.isEmpty {
                bytes.append(0x09)
                bytes += key.utf8
            }
            bytes.append(0x0A)
        }
        return bytes
    }
}
