/*
 * For DialogEnterLoop (issue 17 point 2): fills every block with 0xCC as it is freed, so that code reading memory
 * after freeing it sees garbage at once, as it would if the block had been reused. Build and preload with
 *   gcc -O2 -shared -fPIC -o /tmp/scribble.so src/test/native/scribble-free.c -ldl
 *   DISPLAY=:N LD_PRELOAD=/tmp/scribble.so java ... dev.loupe.ui.curate.DialogEnterLoop\$Main 300
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <string.h>

static void (*real_free)(void *);

void free(void *p) {
    if (!real_free) {
        real_free = (void (*)(void *)) dlsym(RTLD_NEXT, "free");
    }
    if (p) {
        memset(p, 0xCC, malloc_usable_size(p));
    }
    real_free(p);
}
