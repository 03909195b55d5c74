import Synchronization

/// The last build's site, cache and writer, kept until the next build replaces them. Freeing
/// a large site one string at a time took about 70 ms at 10,000 activities, a tenth of a
/// one-file rebuild, and `sitegen build` exits right after; `serve` holds one build more.
enum RetainedBuild {
    private static let slot = Mutex<[any Sendable]>([])

    static func keep(_ values: [any Sendable]) {
        let previous = slot.withLock { slot in
            defer { slot = values }
            return slot
        }
        _ = previous
    }
}
