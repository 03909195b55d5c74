import CSystemShims
import Foundation

/// What the last build left in the output folder, checked on a thread of its own
/// (`OutputManifest.check`): the inputs digest its manifest records, known as soon as the
/// manifest is read, and whether every file it names is still there, known once each is looked
/// up. A build whose inputs changed starts its edit in place on the digest alone, and waits for
/// the look-ups only before it writes: they fill the core that reading and parsing the edit leave idle.
final class OutputCheck: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`, each set once: the digest (itself nil without a manifest), then the look-ups' outcome.
    private var recorded: String??
    private var allThere: Bool?

    init(folder: String) {
        DispatchQueue.global().async { [self] in
            sitegen_reserve_thread_heap()
            let allThere = OutputManifest.check(folder) { digest in
                condition.lock()
                recorded = .some(digest)
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            self.allThere = allThere
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The inputs digest the output's manifest records; nil when there is none.
    var recordedFingerprint: String? {
        condition.lock()
        defer { condition.unlock() }
        while recorded == nil { condition.wait() }
        return recorded!
    }

    /// The recorded digest, provided every file the manifest names is still there; nil otherwise.
    /// The waiting thread looks files up too, while any are left (`SharedRuns`).
    var intactFingerprint: String? {
        SharedRuns.help()
        condition.lock()
        defer { condition.unlock() }
        while allThere == nil { condition.wait() }
        return allThere! ? recorded! : nil
    }
}
