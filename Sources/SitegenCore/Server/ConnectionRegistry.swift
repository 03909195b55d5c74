import Foundation
import NIOCore

/// The development server's open connections, shared by all of them across event loops, to
/// keep their number within `ConnectionLimits.maximumConnections`.
final class ConnectionRegistry: @unchecked Sendable {
    private struct Entry {
        let channel: any Channel
        /// A request is being answered (its head was read, its response has not ended).
        var answering: Bool
        /// When it last started to wait or to answer.
        var since: NIODeadline
    }

    let maximum: Int
    private let lock = NSLock()
    private var entries: [ObjectIdentifier: Entry] = [:]

    init(maximum: Int) {
        self.maximum = maximum
    }

    var count: Int { lock.withLock { entries.count } }

    /// Takes in a new connection, closing another one first if there are already `maximum`.
    func admit(_ id: ObjectIdentifier, channel: any Channel) {
        let evicted: (any Channel)? = lock.withLock {
            var victim: (key: ObjectIdentifier, value: Entry)?
            if entries.count >= maximum {
                // Waiting connections first, longest waiting first; only then answering ones.
                victim = entries.min { ($0.value.answering ? 1 : 0, $0.value.since) < ($1.value.answering ? 1 : 0, $1.value.since) }
                if let victim { entries[victim.key] = nil }
            }
            entries[id] = Entry(channel: channel, answering: false, since: .now())
            return victim?.value.channel
        }
        evicted?.close(promise: nil)
    }

    func update(_ id: ObjectIdentifier, answering: Bool) {
        lock.withLock {
            entries[id]?.answering = answering
            entries[id]?.since = .now()
        }
    }

    func remove(_ id: ObjectIdentifier) {
        lock.withLock { _ = entries.removeValue(forKey: id) }
    }
}
