/* arena.h: per-request memory. Everything a request allocates comes from its
 * arena and is released at once by arena_reset() after the response is sent;
 * nothing survives into the next request. Bounded by a maximum size. */
#ifndef TERMINFON_ARENA_H
#define TERMINFON_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;  /* newest block first */
	size_t used;               /* bytes handed out from all blocks */
	size_t max;                /* arena_alloc fails past this */
};

void arena_init(struct arena *a, size_t max);
/* Zeroed memory aligned for any type, or NULL when out of memory or over max. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Keeps the first block for reuse, frees the others. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
