/*
 * floor: the machine's floor for a static-site build of a sitegen content folder.
 *
 *   floor CONTENT_DIR OUTPUT_DIR TOTAL_BYTES NFILES [THREADS]
 *
 * Reads every file of CONTENT_DIR (recursively; site.yml and every .md), splits the
 * YAML front matter off each .md file, renders the Markdown body with libcmark-gfm
 * (table, strikethrough, autolink, tasklist and tagfilter extensions, footnotes on, as
 * sitegen does), and writes one OUTPUT_DIR/FOLDER/ID/index.html per .md file, padded so
 * that, together with filler files, exactly NFILES files and TOTAL_BYTES bytes are
 * written (pass sitegen's output file count and byte count). THREADS (default 2) worker
 * threads take files from a shared counter.
 *
 * No templates, no YAML parsing, no link checking, no sorting or grouping: what is left
 * is the work any generator must do for this corpus.
 *
 * Build: gcc -O2 -pthread floor.c -o floor $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions
 */
#define _GNU_SOURCE
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char *path;    /* full input path */
    char *outdir;  /* output folder relative to OUTPUT_DIR, e.g. "activities/ID" */
    int markdown;  /* 1 for .md files */
} Item;

static Item *items;
static size_t nitems, capitems;
static const char *content_root, *output_root;
static long long quota; /* bytes per output file */
static atomic_size_t next_item;
static atomic_llong bytes_written, bytes_read, md_files;
static char pad[65536];

static void die(const char *what, const char *path) {
    fprintf(stderr, "floor: %s %s: %s\n", what, path ? path : "", strerror(errno));
    exit(1);
}

static void add_item(const char *path, const char *outdir, int markdown) {
    if (nitems == capitems) {
        capitems = capitems ? capitems * 2 : 1024;
        items = realloc(items, capitems * sizeof *items);
        if (!items) die("out of memory", NULL);
    }
    items[nitems].path = strdup(path);
    items[nitems].outdir = outdir ? strdup(outdir) : NULL;
    items[nitems].markdown = markdown;
    nitems++;
}

/* rel: path of dir relative to the content root ("" for the root). */
static void scan(const char *dir, const char *rel) {
    DIR *d = opendir(dir);
    if (!d) die("cannot open", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096], sub[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) die("cannot stat", path);
        if (S_ISDIR(st.st_mode)) {
            scan(path, sub);
            continue;
        }
        size_t len = strlen(e->d_name);
        if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0) {
            /* pages/ID.md -> ID/, FOLDER/ID.md -> FOLDER/ID/ (as sitegen's URLs) */
            char out[4096];
            const char *folder = strcmp(rel, "pages") == 0 ? "" : rel;
            snprintf(out, sizeof out, "%s%s%.*s", folder, *folder ? "/" : "", (int)(len - 3), e->d_name);
            add_item(path, out, 1);
        } else {
            add_item(path, NULL, 0);
        }
    }
    closedir(d);
}

static char *read_file(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) die("cannot open", path);
    struct stat st;
    if (fstat(fd, &st) != 0) die("cannot stat", path);
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0) die("cannot read", path);
        if (r == 0) break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = 0;
    *len = got;
    atomic_fetch_add(&bytes_read, (long long)got);
    return buf;
}

/* The body after a leading "---\n ... \n---\n" block. */
static const char *split_front_matter(const char *text, size_t len, size_t *body_len) {
    if (len >= 4 && strncmp(text, "---\n", 4) == 0) {
        const char *end = memmem(text + 3, len - 3, "\n---\n", 5);
        if (end) {
            const char *body = end + 5;
            *body_len = len - (size_t)(body - text);
            return body;
        }
    }
    *body_len = len;
    return text;
}

static void mkdir_p(char *path) {
    if (mkdir(path, 0755) == 0 || errno == EEXIST) return;
    if (errno != ENOENT) die("cannot create", path);
    char *slash = strrchr(path, '/');
    if (!slash) die("cannot create", path);
    *slash = 0;
    mkdir_p(path);
    *slash = '/';
    if (mkdir(path, 0755) != 0 && errno != EEXIST) die("cannot create", path);
}

/* Writes data, then padding up to `target` bytes (if data is shorter). */
static void write_output(const char *outdir, const char *data, size_t len, long long target) {
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/%s", output_root, outdir);
    mkdir_p(dir);
    snprintf(path, sizeof path, "%s/index.html", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) die("cannot create", path);
    long long padding = target > (long long)len ? target - (long long)len : 0;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) die("cannot write", path);
        off += (size_t)w;
    }
    while (padding > 0) {
        size_t n = padding > (long long)sizeof pad ? sizeof pad : (size_t)padding;
        ssize_t w = write(fd, pad, n);
        if (w < 0) die("cannot write", path);
        padding -= w;
    }
    close(fd);
    atomic_fetch_add(&bytes_written, target > (long long)len ? target : (long long)len);
}

static const char *extension_names[] = {"table", "strikethrough", "autolink", "tasklist", "tagfilter"};

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        size_t i = atomic_fetch_add(&next_item, 1);
        if (i >= nitems) break;
        size_t len;
        char *text = read_file(items[i].path, &len);
        if (items[i].markdown) {
            size_t body_len;
            const char *body = split_front_matter(text, len, &body_len);
            cmark_parser *parser = cmark_parser_new(CMARK_OPT_FOOTNOTES);
            for (size_t k = 0; k < sizeof extension_names / sizeof *extension_names; k++) {
                cmark_syntax_extension *ext = cmark_find_syntax_extension(extension_names[k]);
                if (ext) cmark_parser_attach_syntax_extension(parser, ext);
            }
            cmark_parser_feed(parser, body, body_len);
            cmark_node *doc = cmark_parser_finish(parser);
            char *html = cmark_render_html(doc, CMARK_OPT_FOOTNOTES, cmark_parser_get_syntax_extensions(parser));
            write_output(items[i].outdir, html, strlen(html), quota);
            free(html);
            cmark_node_free(doc);
            cmark_parser_free(parser);
            atomic_fetch_add(&md_files, 1);
        }
        free(text);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: floor CONTENT_DIR OUTPUT_DIR TOTAL_BYTES NFILES [THREADS]\n");
        return 2;
    }
    content_root = argv[1];
    output_root = argv[2];
    long long total = atoll(argv[3]);
    long long nfiles = atoll(argv[4]);
    int threads = argc > 5 ? atoi(argv[5]) : 2;
    if (threads < 1) threads = 1;
    memset(pad, ' ', sizeof pad);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cmark_gfm_core_extensions_ensure_registered();
    if (mkdir(output_root, 0755) != 0 && errno != EEXIST) die("cannot create", output_root);
    scan(content_root, "");

    size_t nmd = 0;
    for (size_t i = 0; i < nitems; i++) nmd += (size_t)items[i].markdown;
    quota = nfiles > 0 ? total / nfiles : 0;

    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    for (int t = 0; t < threads; t++) pthread_create(&tids[t], NULL, worker, NULL);
    for (int t = 0; t < threads; t++) pthread_join(tids[t], NULL);

    /* Filler files for sitegen's outputs that have no .md source (indexes, data, feed...). */
    long long remaining_files = nfiles - (long long)nmd;
    long long remaining_bytes = total - atomic_load(&bytes_written);
    if (remaining_bytes < 0) remaining_bytes = 0;
    if (remaining_files < 1 && remaining_bytes > 0) remaining_files = 1;
    for (long long f = 0; f < remaining_files; f++) {
        char outdir[64];
        snprintf(outdir, sizeof outdir, "_filler/%lld", f);
        long long share = remaining_bytes / (remaining_files - f);
        write_output(outdir, "", 0, share);
        remaining_bytes -= share;
    }

    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "floor: read %zu files (%lld bytes), rendered %lld bodies, wrote %lld files (%lld bytes) in %.3f s with %d threads\n",
            nitems, (long long)atomic_load(&bytes_read), (long long)atomic_load(&md_files),
            (long long)nmd + (remaining_files > 0 ? remaining_files : 0), (long long)atomic_load(&bytes_written), secs, threads);
    return 0;
}
