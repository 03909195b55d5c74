import Foundation
import Testing
@testable import SitegenCore

@Suite struct SharedRunsTests {
    @Test(arguments: [0, 1, 2, 7, 300])
    func mapsEveryRunInOrder(count: Int) {
        #expect(SharedRuns.map(count: count) { $0 * 3 } == (0..<count).map { $0 * 3 })
    }

    /// Whichever thread takes the first run is held in it until the second has run: only a
    /// second thread can take that one (here one in `help()`; beyond two cores, also an extra one).
    @Test func anotherThreadTakesTheRunsTheFirstCannot() {
        let secondRan = DispatchSemaphore(value: 0)
        let finished = Flag()
        let helper = Thread {
            while !finished.isSet { SharedRuns.help() }
        }
        helper.start()
        let threads = SharedRuns.map(count: 2) { run -> pthread_t in
            if run == 0 {
                #expect(secondRan.wait(timeout: .now() + 10) == .success, "no other thread took the second run")
            } else {
                secondRan.signal()
            }
            return pthread_self()
        }
        finished.set()
        #expect(pthread_equal(threads[0], threads[1]) == 0)
    }

    /// A thread with background work takes the runs other work has left before its own: the
    /// first run here waits for the second, which the background thread must take first.
    @Test func backgroundWorkWaitsWhileOtherWorkHasRunsLeft() {
        let secondRan = DispatchSemaphore(value: 0)
        let background = DispatchGroup()
        let log = Log()
        _ = SharedRuns.map(count: 2) { run -> Int in
            if run == 0 {
                DispatchQueue.global().async(group: background) {
                    _ = SharedRuns.map(count: 3, background: true) { backgroundRun -> Int in
                        log.append("background \(backgroundRun)")
                        return backgroundRun
                    }
                }
                #expect(secondRan.wait(timeout: .now() + 10) == .success, "no other thread took the second run")
            } else {
                log.append("foreground \(run)")
                secondRan.signal()
            }
            return run
        }
        #expect(background.wait(timeout: .now() + 10) == .success)
        let entries = log.entries
        #expect(entries.filter { $0.entry.hasPrefix("background") }.count == 3)
        // On two cores only the background thread can take the second run; on more, another core
        // may. Whichever thread took it took it before any background run.
        guard let second = entries.firstIndex(where: { $0.entry == "foreground 1" }) else {
            Issue.record("the second run never ran")
            return
        }
        #expect(!entries[..<second].contains { pthread_equal($0.thread, entries[second].thread) != 0 })
    }

    /// Two posters each helping the other once done: both maps complete, with every result.
    @Test func twoThreadsPostingAtOnceBothFinish() {
        let other = DispatchGroup()
        let otherResult = Box()
        DispatchQueue.global().async(group: other) {
            otherResult.set(SharedRuns.map(count: 200) { run in (0..<2_000).reduce(run) { $0 &+ $1 } })
        }
        let mine = SharedRuns.map(count: 200) { run in (0..<2_000).reduce(run) { $0 &+ $1 } }
        #expect(other.wait(timeout: .now() + 30) == .success)
        let expected = (0..<200).map { run in (0..<2_000).reduce(run) { $0 &+ $1 } }
        #expect(mine == expected)
        #expect(otherResult.value == expected)
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    private final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [(entry: String, thread: pthread_t)] = []
        var entries: [(entry: String, thread: pthread_t)] { lock.withLock { stored } }
        func append(_ entry: String) { lock.withLock { stored.append((entry, pthread_self())) } }
    }

    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Int] = []
        var value: [Int] { lock.withLock { stored } }
        func set(_ new: [Int]) { lock.withLock { stored = new } }
    }
}
