import Foundation
import Synchronization

/// Work cut into runs that the thread posting it and any thread left with nothing to do take in
/// turn. An up-to-date build examines every input on one thread and every output on another:
/// with each half on `ParallelMap`, four threads took turns on two cores, and the walk of the
/// inputs, the longer half, was often the one left waiting (one run of it took 6 ms instead of
/// 1 in a 30 ms build). Here each half has one thread, and each takes the other's runs when it
/// has none of its own left. Runs of background work (the output check) wait while other work
/// has runs left: the walk, which the next step needs, ends first.
enum SharedRuns {
    /// `transform` of each of `0..<count` in order, run on this thread, on any thread that is in
    /// `help()` meanwhile, and on the machine's other cores beyond two. `background`: this thread
    /// takes the runs of other work first, while it has any left.
    static func map<Result: Sendable>(count: Int, background: Bool = false, _ transform: @Sendable (Int) -> Result) -> [Result] {
        guard count > 1 else { return (0..<count).map(transform) }
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each run writes only its own slot.
            nonisolated(unsafe) let output = buffer.baseAddress!
            perform(count: count, background: background) { index in (output + index).pointee = transform(index) }
        }
        return results.map { $0! }
    }

    /// `0..<count` cut into runs of `length` consecutive indexes, each run mapped as `map` maps
    /// an index: `ParallelMap.runs`, on shared threads.
    static func runs<Result: Sendable>(count: Int, length: Int, background: Bool = false,
                                       _ transform: @Sendable (Range<Int>) -> Result) -> [Result] {
        map(count: (count + length - 1) / length, background: background) { run in
            transform(run * length..<min(count, (run + 1) * length))
        }
    }

    /// Takes runs of the work other threads have posted, background work last, until none is left.
    static func help() {
        while let job = jobs.withLock({ jobs in jobs.first { !$0.isBackground && $0.hasRunsLeft } ?? jobs.first { $0.hasRunsLeft } }) {
            job.work()
        }
    }

    /// Takes runs of work that is not background work, until none is left.
    private static func helpForeground() {
        while let job = jobs.withLock({ jobs in jobs.first { !$0.isBackground && $0.hasRunsLeft } }) {
            job.work()
        }
    }

    private static func perform(count: Int, background: Bool, _ body: @Sendable (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let job = Job(count: count, isBackground: background, body: body)
            jobs.withLock { $0.append(job) }
            let extraCores = max(0, ProcessInfo.processInfo.activeProcessorCount - 2)
            DispatchQueue.concurrentPerform(iterations: 1 + extraCores) { _ in job.work() }
            job.waitUntilDone()
            jobs.withLock { $0.removeAll { $0 === job } }
        }
        // Background work is left to its own thread and to threads with nothing else to do.
        helpForeground()
    }

    /// The work posted and not yet done.
    private static let jobs = Mutex<[Job]>([])

    private final class Job: @unchecked Sendable {
        let count: Int
        let isBackground: Bool
        private let condition = NSCondition()
        /// Guarded by `condition`.
        private var next = 0
        private var done = 0
        /// Cleared once every run is done: the closure must not outlive `perform`.
        private var body: ((Int) -> Void)?

        init(count: Int, isBackground: Bool, body: @escaping (Int) -> Void) {
            self.count = count
            self.isBackground = isBackground
            self.body = body
        }

        var hasRunsLeft: Bool {
            condition.lock()
            defer { condition.unlock() }
            return next < count
        }

        /// Takes runs one at a time until none is left; for background work, only while no other
        /// work has runs left.
        func work() {
            while true {
                if isBackground { SharedRuns.helpForeground() }
                condition.lock()
                guard next < count, body != nil else {
                    condition.unlock()
                    return
                }
                let index = next
                next += 1
                condition.unlock()
                run(index)
                condition.lock()
                done += 1
                if done == count { condition.broadcast() }
                condition.unlock()
            }
        }

        /// Runs `index`, holding the closure only until it returns: the run is counted done only
        /// after, and `perform` ends once every run is done.
        private func run(_ index: Int) {
            condition.lock()
            let body = body
            condition.unlock()
            body?(index)
        }

        func waitUntilDone() {
            condition.lock()
            while done < count { condition.wait() }
            body = nil
            condition.unlock()
        }
    }
}
