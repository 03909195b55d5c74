import Foundation

/// The files of the build under way between rendering and writing, which the server answers
/// with meanwhile, and the files the build renders next (pending): the output folder may still
/// hold old bytes of those, so a request for one waits until they are added.
final class UnwrittenFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]
    private var pending: Set<String> = []
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Adds files the build rendered, by path in the output folder; `pending`: what it renders next.
    func add(_ rendered: [String: [UInt8]], pending: Set<String>) {
        resume(lock.withLock {
            files.merge(rendered) { $1 }
            self.pending = pending
            return takeWaitingIfReady()
        })
    }

    /// The build's files are written, or it failed: the output folder answers again.
    func clear() {
        resume(lock.withLock {
            files = [:]
            pending = []
            return takeWaitingIfReady()
        })
    }

    func file(_ path: String) -> [UInt8]? { lock.withLock { files[path] } }
    var isEmpty: Bool { lock.withLock { files.isEmpty } }
    var hasPending: Bool { lock.withLock { !pending.isEmpty } }
    func isPending(_ path: String) -> Bool { lock.withLock { pending.contains(path) } }

    /// Returns once nothing is pending: the build has rendered every file it renders again.
    func waitForPending() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let ready = lock.withLock {
                if pending.isEmpty { return true }
                waiting.append(waiter)
                return false
            }
            if ready { waiter.resume() }
        }
    }

    /// Under the lock: the requests to wake once nothing is pending.
    private func takeWaitingIfReady() -> [CheckedContinuation<Void, Never>] {
        guard pending.isEmpty else { return [] }
        defer { waiting = [] }
        return waiting
    }

    private func resume(_ waiters: [CheckedContinuation<Void, Never>]) {
        for waiter in waiters { waiter.resume() }
    }
}
