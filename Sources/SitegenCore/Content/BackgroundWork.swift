import Dispatch

/// Work started on another core now and collected later, to overlap I/O with a build's other stages.
final class BackgroundWork<Result: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the worker before `leave`, read only after `wait`.
    private var result: Result?

    init(_ work: @escaping @Sendable () -> Result) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    /// Work already done.
    init(done result: Result) {
        self.result = result
    }

    func wait() -> Result {
        group.wait()
        return result!
    }
}
