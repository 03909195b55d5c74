import Dispatch

/// Maps over an array on every core, keeping the order. Work items are coarse (a file, a page).
enum ParallelMap {
    static func map<Element: Sendable, Result: Sendable>(_ items: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        var results = [Result?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                (output + index).pointee = transform(items[index])
            }
        }
        return results.map { $0! }
    }

    /// `0..<count` cut into runs of `length` consecutive indexes, each run mapped on whichever
    /// core is free, in order: for items too small to hand to a core one at a time, or that
    /// share some set-up per run.
    static func runs<Result: Sendable>(count: Int, length: Int, _ transform: @Sendable (Range<Int>) -> Result) -> [Result] {
        map(Array(stride(from: 0, to: count, by: length))) { start in transform(start..<min(count, start + length)) }
    }
}
