import Foundation

/// Runs builds one at a time on a thread of their own, off the server's event loops.
/// Changes are debounced: a build starts once no change has arrived for `quiet` (editors save in
/// bursts), or at the latest `maximumDelay` after the first change; changes that arrive during a
/// build are coalesced into one more build.
final class RebuildScheduler: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [String] = []
    private var firstChange: UInt64?
    private var lastChange: UInt64 = 0
    private var stopped = false
    private var building = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    let quiet: Duration
    let maximumDelay: Duration
    private let build: @Sendable (_ changedPaths: [String]) -> Void

    init(quiet: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(1),
         build: @escaping @Sendable (_ changedPaths: [String]) -> Void) {
        self.quiet = quiet
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

    /// Notes that `path` changed; a build follows once changes settle.
    func noteChange(_ path: String) {
        condition.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            if pending.isEmpty { firstChange = now }
            if !pending.contains(path) { pending.append(path) }
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
            let deadline = min(lastChange + nanoseconds(quiet), first + nanoseconds(maximumDelay))
            let now = DispatchTime.now().uptimeNanoseconds
            if now < deadline {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(deadline - now) / 1e9))
                continue
            }
            let paths = pending
            pending = []
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
