// cmark-gfm keeps the inline characters its extensions react to (`~`, `:`, `w`, ...) in one
// process-wide table. Each parse switches its extensions' characters on before parsing inlines
// and off afterwards, so a parse that ends while another is running switches them off under
// it, and that one loses strikethrough and autolinks.
//
// Every parser sitegen creates attaches the same extensions, so the characters may just stay
// on. This file replaces the library's exported switch: switching on goes to the library,
// switching off does nothing. The library calls the switch through its procedure linkage
// table, so a definition in the executable takes its place (ELF symbol interposition).
// Where that does not hold (other platforms, other builds of the library), the check below
// says so and the Swift side parses one document at a time.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "cmark_shims.h"

struct cmark_parser;
typedef void (*special_characters_switch)(struct cmark_parser *, int);

void cmark_manage_extensions_special_characters(struct cmark_parser *parser, int add) {
    static special_characters_switch library_switch;
    if (!add) return;
    special_characters_switch target = __atomic_load_n(&library_switch, __ATOMIC_ACQUIRE);
    if (target == NULL) {
        target = (special_characters_switch)dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
        if (target == NULL) return;
        __atomic_store_n(&library_switch, target, __ATOMIC_RELEASE);
    }
    target(parser, add);
}

bool sitegen_cmark_parses_in_parallel(void) {
    void *resolved = dlsym(RTLD_DEFAULT, "cmark_manage_extensions_special_characters");
    return resolved == (void *)&cmark_manage_extensions_special_characters
        && dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters") != NULL;
}
