import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How the watcher learns of changes.
public enum WatchMode: String, Sendable {
    /// inotify where the system has it, polling otherwise.
    case automatic
    /// A scan of modification times every half second.
    case polling
}

/// Watches folders recursively and reports each changed path (absolute) from a background thread.
/// Uses Linux inotify (re-adding watches for new subfolders); falls back to polling modification
/// times every 500 ms when inotify is unavailable or runs out of watches. Editor temp files are ignored.
final class FileWatcher: @unchecked Sendable {
    let roots: [String]
    let excluded: [String]
    private let onChange: @Sendable (FileChange) -> Void
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    private(set) var mechanism = "none"
    let pollInterval: TimeInterval

    /// - Parameters:
    ///   - roots: folders to watch, absolute.
    ///   - excluded: absolute folders never watched or reported (the output folder, if it lies inside a root).
    init(roots: [String], excluded: [String], pollInterval: TimeInterval = 0.5, onChange: @escaping @Sendable (FileChange) -> Void) {
        self.roots = roots
        self.excluded = excluded
        self.pollInterval = pollInterval
        self.onChange = onChange
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Starts watching; returns the mechanism in use (`inotify` or `polling`).
    @discardableResult
    func start(mode: WatchMode = .automatic) -> String {
        #if os(Linux)
        if mode == .automatic, let inotify = InotifyWatcher(owner: self) {
            mechanism = "inotify"
            launch { inotify.run() }
            return mechanism
        }
        #endif
        mechanism = "polling"
        launch { [self] in pollLoop() }
        return mechanism
    }

    /// Stops the background thread and waits (briefly) for it to end.
    func stop() {
        let running = lock.withLock {
            defer { stopped = true }
            return thread != nil && !stopped
        }
        if running { _ = finished.wait(timeout: .now() + 2) }
    }

    private func launch(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [finished] in
            body()
            finished.signal()
        }
        thread.name = "sitegen-watcher"
        lock.withLock { self.thread = thread }
        thread.start()
    }

    // MARK: Filtering

    /// Names editors write while saving, never content: vim's `.swp`/`.swx`/`4913`, backups ending `~`,
    /// emacs' `.#name` and `#name#`, JetBrains' `___jb_tmp___`, Foundation's atomic writes'
    /// `.dat.nosync…`, and the like: a build started on the temporary file would still see the old one.
    static func isIgnoredName(_ name: String) -> Bool {
        if name.isEmpty { return false }
        if name == "4913" || name == ".DS_Store" { return true }
        if name.hasSuffix("~") || name.hasPrefix(".#") || name.hasPrefix(".dat.nosync") { return true }
        if name.hasPrefix("#") && name.hasSuffix("#") { return true }
        for suffix in [".swp", ".swx", ".swo", ".swpx", ".tmp", ".crswap", "___jb_tmp___", "___jb_old___"] where name.hasSuffix(suffix) { return true }
        if name.hasPrefix(".") && name.contains(".sitegen-staging-") { return true }
        return false
    }

    /// The output folder, and the staging folders a build writes beside it (`.public.sitegen-staging-PID`),
    /// which may lie inside a watched folder when the output does.
    func isExcluded(_ path: String) -> Bool {
        if excluded.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { return true }
        return path.contains(".sitegen-staging-") && path.split(separator: "/").contains { $0.hasPrefix(".") && $0.contains(".sitegen-staging-") }
    }

    fileprivate func report(_ path: String, isComplete: Bool = false) {
        let name = (path as NSString).lastPathComponent
        guard !Self.isIgnoredName(name), !isExcluded(path), !isStopped else { return }
        onChange(FileChange(path: path, isComplete: isComplete))
    }

    // MARK: Polling

    private struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
        var isDirectory: Bool
    }

    private func pollLoop() {
        var previous = snapshot()
        while !isStopped {
            Thread.sleep(forTimeInterval: pollInterval)
            if isStopped { break }
            let current = snapshot()
            if current != previous {
                for (path, stamp) in current where previous[path] != stamp { report(path) }
                for path in previous.keys where current[path] == nil { report(path) }
                previous = current
            }
        }
    }

    private func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        var visited = Set<String>()
        for root in roots { scan(root, into: &stamps, visited: &visited) }
        return stamps
    }

    private func scan(_ folder: String, into stamps: inout [String: Stamp], visited: inout Set<String>) {
        guard !isExcluded(folder), let real = ServedPath.realPath(folder), visited.insert(real).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !Self.isIgnoredName(name) {
            let path = folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            stamps[path] = Stamp(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                                 size: Int64(info.st_size), inode: UInt64(info.st_ino), isDirectory: isDirectory)
            // A link to a folder is not followed, as the build follows none: `ln -s / static/root`
            // would have the whole file system watched.
            if isDirectory, !FolderWalk.isLinkToFolder(path) { scan(path, into: &stamps, visited: &visited) }
        }
    }

    // MARK: inotify

    #if os(Linux)
    private final class InotifyWatcher: @unchecked Sendable {
        unowned let owner: FileWatcher
        let descriptor: Int32
        var folders: [Int32: String] = [:]
        var watchedReal: [String: Int32] = [:]
        static let mask: UInt32 = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
            | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
            | UInt32(IN_ONLYDIR)

        init?(owner: FileWatcher) {
            let descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            self.owner = owner
            self.descriptor = descriptor
            for root in owner.roots where !addTree(root) {
                close(descriptor)
                return nil
            }
        }

        /// Watches `folder` and every folder below it; false when the system is out of watches.
        func addTree(_ folder: String) -> Bool {
            guard !owner.isExcluded(folder), let real = ServedPath.realPath(folder) else { return true }
            if let existing = watchedReal[real], folders[existing] != nil { return true }
            let watch = inotify_add_watch(descriptor, folder, Self.mask)
            if watch < 0 { return errno != ENOSPC && errno != ENOMEM }
            folders[watch] = folder
            watchedReal[real] = watch
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return true }
            for name in names {
                let path = folder + "/" + name
                var info = stat()
                if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, !addTree(path) { return false }
            }
            return true
        }

        func run() {
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            let header = MemoryLayout<inotify_event>.size
            var lastRootCheck = Date()
            while !owner.isStopped {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, 200)
                if owner.isStopped { break }
                if Date().timeIntervalSince(lastRootCheck) > 0.5 {
                    lastRootCheck = Date()
                    rewatchMissingRoots()
                }
                guard ready > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { continue }
                var offset = 0
                var changed: [FileChange] = []
                buffer.withUnsafeBytes { raw in
                    while offset + header <= count {
                        let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                        let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                        let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                        let nameBytes = raw[(offset + header)..<min(offset + header + length, count)].prefix { $0 != 0 }
                        let name = String(decoding: nameBytes, as: UTF8.self)
                        offset += header + length
                        handle(watch: watch, mask: mask, name: name, changed: &changed)
                    }
                }
                for change in changed { owner.report(change.path, isComplete: change.isComplete) }
            }
        }

        /// Events after which a file holds what its writer meant it to.
        static let completing: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE)
            | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ISDIR)

        private func handle(watch: Int32, mask: UInt32, name: String, changed: inout [FileChange]) {
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                for root in owner.roots { _ = addTree(root) }
                changed.append(FileChange(path: owner.roots.first ?? "", isComplete: false))
                return
            }
            if mask & UInt32(IN_IGNORED) != 0 {
                if let folder = folders.removeValue(forKey: watch) {
                    watchedReal = watchedReal.filter { $0.value != watch }
                    changed.append(FileChange(path: folder, isComplete: true))
                }
                return
            }
            guard let folder = folders[watch] else { return }
            let path = name.isEmpty ? folder : folder + "/" + name
            if mask & UInt32(IN_ISDIR) != 0 && mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                _ = addTree(path)
            }
            if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
                inotify_rm_watch(descriptor, watch)
            }
            changed.append(FileChange(path: path, isComplete: mask & Self.completing != 0))
        }

        /// A root folder that was deleted or replaced (`git checkout`, a sync tool) is watched again once it is back.
        private func rewatchMissingRoots() {
            for root in owner.roots where !folders.values.contains(root) {
                var info = stat()
                if stat(root, &info) == 0 {
                    _ = addTree(root)
                    owner.report(root)
                }
            }
        }
    }
    #endif
}
