#ifndef SITEGEN_CMARK_SHIMS_H
#define SITEGEN_CMARK_SHIMS_H

#include <stdbool.h>

/// True when cmark-gfm's calls to switch its extensions' inline characters off reach
/// sitegen's replacement (see cmark_shims.c), so that documents may be parsed in parallel.
bool sitegen_cmark_parses_in_parallel(void);

/// A `cmark_mem *` for this thread: a bump allocator whose frees do nothing (see cmark_arena.c).
void *sitegen_cmark_arena(void);

/// Releases everything allocated from this thread's arena; nothing from it may be used after.
void sitegen_cmark_arena_reset(void);

#endif
