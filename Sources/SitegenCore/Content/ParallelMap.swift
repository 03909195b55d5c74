import CSystemShims
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
                sitegen_reserve_thread_heap()
                (output + index).pointee = transform(items[index])
            }
        }
        return results.map { $0! }
    }
}
