/// A change the watcher saw.
struct FileChange: Sendable, Equatable {
    /// Absolute.
    let path: String
    /// The change is complete: the file was closed after writing, renamed, deleted, or its
    /// folder changed. A write seen in progress (modified, created) is not, since editors that
    /// save in place truncate first and write after; polling cannot tell either.
    let isComplete: Bool
}
