// measure OUT CMD [ARGS...]: runs CMD with stdout and stderr as they are and writes one line to
// OUT: wall seconds, peak resident KiB, user seconds, system seconds. The wall time is taken
// around fork and wait4 of CMD itself, in nanoseconds: timed from a shell around /usr/bin/time,
// each run also counted that program's own start and exit (1.2 ms on this machine).
// Exits with CMD's status.
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timespec t) { return (double)t.tv_sec + (double)t.tv_nsec / 1e9; }

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: measure OUT CMD [ARGS...]\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) { perror(argv[1]); return 2; }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t child = fork();
    if (child < 0) { perror("fork"); return 2; }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(child, &status, 0, &usage) != child) { perror("wait4"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &end);
    fprintf(out, "%.6f %ld %.3f %.3f\n", seconds(end) - seconds(start), usage.ru_maxrss,
            seconds((struct timespec){usage.ru_utime.tv_sec, usage.ru_utime.tv_usec * 1000}),
            seconds((struct timespec){usage.ru_stime.tv_sec, usage.ru_stime.tv_usec * 1000}));
    fclose(out);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
