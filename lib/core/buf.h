/* buf.h: a growable byte buffer with a maximum size (like curl's dynbuf).
 * The buffer owns its memory; buf_free releases it. Always NUL-terminated. */
#ifndef TERMINFON_BUF_H
#define TERMINFON_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len, cap, max;
};

void buf_init(struct buf *b, size_t max);
/* TF_ELIMIT past max, TF_ENOMEM when allocation fails; the content stays intact then. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the whole file at path: TF_EIO when it cannot be opened or read,
 * TF_ELIMIT past max. What was read passes through a stack chunk that is
 * wiped afterwards (key files go through here). */
int buf_read_file(struct buf *b, const char *path);
void buf_reset(struct buf *b);
/* Hands the memory to the caller (free() it); the buffer is empty afterwards. */
char *buf_steal(struct buf *b, size_t *len);
void buf_free(struct buf *b);

#endif
