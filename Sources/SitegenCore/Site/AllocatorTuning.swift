import CSystemShims

/// How the process allocates memory; `sitegen build`, which runs one build and exits, sets it.
public enum AllocatorTuning {
    /// Large blocks from the heap instead of fresh mappings, and freed memory kept for reuse:
    /// a large build's multi-megabyte pages and data files were otherwise mapped, faulted in
    /// and unmapped one after another (10,000 activities: about 3 % of a full build). Not for
    /// `serve`, which lives on and should give memory back.
    public static func forOneBuild() {
        sitegen_tune_allocator_for_one_build()
    }

    /// The heaps grown in one step each, backed by 2 MiB pages where the system allows, once a
    /// build goes ahead (after `forOneBuild`; otherwise nothing): an up-to-date build needs a few
    /// kilobytes on each thread, and each thread's first allocation zeroed a 2 MiB page.
    static func reserveHeapsForBuild() {
        sitegen_reserve_heaps_for_build()
    }
}
