#ifndef SITEGEN_SYSTEM_SHIMS_H
#define SITEGEN_SYSTEM_SHIMS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (ENOSYS or EINVAL where unsupported).
int sitegen_exchange_paths(const char *first, const char *second);

/// Sets glibc's allocator up for a process that runs one build and exits: large blocks from the
/// heap rather than fresh mappings, and freed memory kept for reuse instead of handed back.
void sitegen_tune_allocator_for_one_build(void);

/// After the tuning above, once a build is going ahead (an up-to-date one touches little memory
/// and should not fault in 2 MiB pages): this thread's heap grown in one step, and each other
/// thread's at its next `sitegen_reserve_thread_heap`.
void sitegen_reserve_heaps_for_build(void);

/// Once per thread, after `sitegen_reserve_heaps_for_build`: grows this thread's heap in one step.
void sitegen_reserve_thread_heap(void);

/// The offset of the first copy of `needle` in `haystack` at or after `from`, or -1 (glibc's memmem).
long sitegen_find(const void *haystack, unsigned long haystack_length, unsigned long from,
                  const void *needle, unsigned long needle_length);

#endif
