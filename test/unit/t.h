/* t.h: the tiny assertion kit of the unit tests. A test file defines its
 * cases as functions, calls them from main() and returns t_done(). */
#ifndef TERMINFON_T_H
#define TERMINFON_T_H

#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_passed, t_failed;

#define T_OK(cond) do { \
	if (cond) { t_passed++; } else { t_failed++; \
		fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define T_EQ_INT(a, b) do { long long t_a_ = (long long)(a), t_b_ = (long long)(b); \
	if (t_a_ == t_b_) { t_passed++; } else { t_failed++; \
		fprintf(stderr, "%s:%d: FAILED: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, #a, #b, t_a_, t_b_); } \
} while (0)

#define T_EQ_STR(a, b) do { const char *t_a_ = (a), *t_b_ = (b); \
	if (t_a_ && t_b_ && strcmp(t_a_, t_b_) == 0) { t_passed++; } else { t_failed++; \
		fprintf(stderr, "%s:%d: FAILED: %s == %s (\"%s\" != \"%s\")\n", __FILE__, __LINE__, #a, #b, \
			t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); } \
} while (0)

/* A test data file, whole and NUL-terminated (free() it); NULL when it
 * cannot be read. *len may be NULL. */
static inline char *t_read_file(const char *path, size_t *len)
{
	struct buf b;
	buf_init(&b, 1 << 22);
	if (buf_read_file(&b, path) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b, len);
}

/* Prints the closing line that ctest logs and returns main's exit code. */
static inline int t_done(void)
{
	printf("%d passed, %d failed\n", t_passed, t_failed);
	return t_failed ? 1 : 0;
}

#endif
