/*
 * LD_PRELOAD shim for profiling Swift binaries under valgrind 3.19 (Debian 12).
 *
 * libdispatch's signal thread calls sigsuspend() with a mask that lives in read-only
 * memory; valgrind 3.19's rt_sigsuspend wrapper writes to that mask and dies with an
 * internal SIGSEGV before the program gets anywhere. This shim copies the mask to the
 * stack first. It changes nothing else.
 *
 * Build: gcc -O2 -shared -fPIC sigsuspend_shim.c -o sigsuspend_shim.so
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)(_NSIG / 8));
}
