#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
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

#if defined(__GLIBC__)
static int tuned_for_one_build;
static int heaps_wanted;
#endif

void sitegen_tune_allocator_for_one_build(void) {
#if defined(__GLIBC__)
    // By default blocks over 128 KiB (the timeline, partner pages, data files, write buffers)
    // are mapped fresh and unmapped when freed, so each one was faulted in page by page again.
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    // Grow the heap in large steps and never give it back: the process exits soon anyway.
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    __atomic_store_n(&tuned_for_one_build, 1, __ATOMIC_RELAXED);
#endif
}

void sitegen_reserve_heaps_for_build(void) {
#if defined(__GLIBC__)
    if (!__atomic_load_n(&tuned_for_one_build, __ATOMIC_RELAXED)) return;
    __atomic_store_n(&heaps_wanted, 1, __ATOMIC_RELAXED);
#endif
    sitegen_reserve_thread_heap();
}

void sitegen_reserve_thread_heap(void) {
#if defined(__GLIBC__)
    static _Thread_local int reserved;
    if (reserved || !__atomic_load_n(&heaps_wanted, __ATOMIC_RELAXED)) return;
    reserved = 1;
    // A worker thread's heap grows only as far as each allocation needs, one mprotect call at a
    // time (the padding above applies to the main heap alone): 7,900 calls in a build of 10,000
    // activities, each taking the address-space lock the other core's page faults wait for.
    // Growing it once now costs no memory until pages are touched, and nothing trims it after.
    // (Through a volatile pointer: the compiler removes a malloc that is freed unused.)
    size_t size = 48 << 20;
    void *volatile reservation = malloc(size);
    // Backed by 2 MiB pages where the system allows it: a build of 10,000 activities touches
    // about 130 MB of fresh heap, and faulting it in 4 KiB at a time was 33,000 page faults.
    uintptr_t huge = 2 << 20, start = (uintptr_t)reservation;
    uintptr_t from = (start + huge - 1) & ~(huge - 1), to = (start + size) & ~(huge - 1);
    if (reservation != NULL && to > from) madvise((void *)from, to - from, MADV_HUGEPAGE);
    free(reservation);
#endif
}

long sitegen_find(const void *haystack, unsigned long haystack_length, unsigned long from,
                  const void *needle, unsigned long needle_length) {
    if (from > haystack_length || needle_length == 0) return -1;
    const char *start = (const char *)haystack + from;
    const char *found = memmem(start, haystack_length - from, needle, needle_length);
    return found ? (long)(found - (const char *)haystack) : -1;
}
