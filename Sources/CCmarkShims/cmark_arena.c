// A bump allocator for cmark-gfm, one per thread. Parsing and rendering a body makes
// thousands of small calloc/free pairs (nodes, buffers, inline delimiters); through the
// system allocator that was a third of the time spent in cmark. Here an allocation is a
// pointer bump, freeing is nothing, and the whole arena is reset before the thread's next
// document: nothing cmark allocated outlives the call that rendered it.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cmark_shims.h"

// The layout of cmark-gfm's `cmark_mem`.
typedef struct {
    void *(*calloc)(size_t, size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
} arena_mem;

typedef struct chunk {
    struct chunk *previous;
    size_t capacity;
    size_t used;
    _Alignas(16) unsigned char bytes[];
} chunk;

// Each allocation is preceded by its size, so realloc knows how much to copy.
enum { header = 16, first_capacity = 256 * 1024, kept_capacity = 4 * 1024 * 1024 };

static _Thread_local chunk *current;
static _Thread_local unsigned char *last_allocation;

static size_t rounded(size_t size) { return (size + 15) & ~(size_t)15; }

static unsigned char *bump(size_t size) {
    size_t needed = header + rounded(size);
    if (current == NULL || current->capacity - current->used < needed) {
        size_t capacity = current ? current->capacity * 2 : first_capacity;
        while (capacity < needed) capacity *= 2;
        chunk *fresh = malloc(sizeof(chunk) + capacity);
        if (fresh == NULL) abort(); // cmark's own allocator aborts when memory runs out, too
        fresh->previous = current;
        fresh->capacity = capacity;
        fresh->used = 0;
        current = fresh;
    }
    unsigned char *allocation = current->bytes + current->used + header;
    current->used += needed;
    *(size_t *)(allocation - header) = size;
    last_allocation = allocation;
    return allocation;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / 2 / size) abort();
    size_t bytes = count * size;
    unsigned char *allocation = bump(bytes);
    memset(allocation, 0, bytes);
    return allocation;
}

static void *arena_realloc(void *pointer, size_t size) {
    if (size > SIZE_MAX / 2) abort();
    unsigned char *old = pointer;
    if (old == NULL) return bump(size);
    size_t old_size = *(size_t *)(old - header);
    // Growing buffers are usually the newest allocation: extend them where they are.
    if (old == last_allocation) {
        size_t start = (size_t)(old - current->bytes) - header;
        if (header + rounded(size) <= current->capacity - start) {
            current->used = start + header + rounded(size);
            *(size_t *)(old - header) = size;
            return old;
        }
    }
    unsigned char *moved = bump(size);
    memcpy(moved, old, old_size < size ? old_size : size);
    return moved;
}

static void arena_free(void *pointer) { (void)pointer; }

static arena_mem arena = {arena_calloc, arena_realloc, arena_free};

void *sitegen_cmark_arena(void) { return &arena; }

void sitegen_cmark_arena_reset(void) {
    if (current == NULL) return;
    // The newest chunk is the largest: it stays, unless one document made it very large.
    for (chunk *older = current->previous; older != NULL;) {
        chunk *next = older->previous;
        free(older);
        older = next;
    }
    current->previous = NULL;
    current->used = 0;
    if (current->capacity > kept_capacity) {
        free(current);
        current = NULL;
    }
    last_allocation = NULL;
}
