#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include "system_shims.h"

int sitegen_exchange_paths(const char *first, const char *second) {
#ifdef RENAME_EXCHANGE
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

void sitegen_tune_allocator_for_one_build(void) {
#if defined(__GLIBC__)
    // By default blocks over 128 KiB (the timeline, partner pages, data files, write buffers)
    // are mapped fresh and unmapped when freed, so each one was faulted in page by page again.
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    // Grow the heap in large steps and never give it back: the process exits soon anyway.
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
