import Foundation

/// Runs builds one at a time on a thread of their own, off the server's event loops.
/// Changes are debounced: a build starts once no change has arrived for `settled` when every
/// change is complete (a file closed after writing, renamed or deleted), for `quiet` while one
/// may still be under way (editors save in bursts; some truncate, then write), or at the latest
/// `maximumDelay` after the first change; changes that arrive during a build are coalesced into
/// one more build.
final class RebuildScheduler: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [String] = []
    /// Paths whose last change was seen in progress.
    private var incomplete = Set<String>()
    private var firstChange: UInt64?
    private var lastChange: UInt64 = 0
    private var stopped = false
    private var building = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    let quiet: Duration
    let settled: Duration
    let maximumDelay: Duration
    private let build: @Sendable (_ changedPaths: [String]) -> Void

    init(quiet: Duration = .milliseconds(100), settled: Duration = .milliseconds(10), maximumDelay: Duration = .seconds(1),
         build: @escaping @Sendable (_ changedPaths: [String]) -> Void) {
        self.quiet = quiet
        self.settled = min(settled, quiet)
        self.maximumDelay = maximumDelay
        self.build = build
    }

    func start() {
        let thread = Thread { [self] in
            loop()
            finished.signal()
        }
        thread.name = "sitegen-rebuild"
        condition.withLock { self.thread = thread }
        thread.start()
    }

    /// Notes a change; a build follows once changes settle.
    func noteChange(_ change: FileChange) {
        condition.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            if pending.isEmpty { firstChange = now }
            if !pending.contains(change.path) { pending.append(change.path) }
            if change.isComplete { incomplete.remove(change.path) } else { incomplete.insert(change.path) }
            lastChange = now
            condition.signal()
        }
    }

    /// Stops the thread, letting a build under way finish first (so it is not cut off mid-swap).
    func stop(timeout: Duration = .seconds(30)) {
        let running = condition.withLock {
            defer { stopped = true; condition.broadcast() }
            return thread != nil && !stopped
        }
        if running {
            let (seconds, attoseconds) = timeout.components
            _ = finished.wait(timeout: .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)))
        }
    }

    private func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }

    private func loop() {
        condition.lock()
        while !stopped {
            guard !pending.isEmpty, let first = firstChange else {
                condition.wait()
                continue
            }
            let wait = incomplete.isEmpty ? settled : quiet
            let deadline = min(lastChange + nanoseconds(wait), first + nanoseconds(maximumDelay))
            let now = DispatchTime.now().uptimeNanoseconds
            if now < deadline {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(deadline - now) / 1e9))
                continue
            }
            let paths = pending
            pending = []
            incomplete = []
            firstChange = nil
            building = true
            condition.unlock()
            build(paths)
            condition.lock()
            building = false
        }
        condition.unlock()
    }
}
