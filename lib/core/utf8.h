/* utf8.h: cutting and checking UTF-8 text. Every place that shortens text to
 * a limit cuts through utf8_cut or utf8_cut_chars, so no cut ever leaves half
 * a character behind; text from outside that must be valid UTF-8 (JSON for
 * people) goes through utf8_repair. */
#ifndef TERMINFON_UTF8_H
#define TERMINFON_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length (1..4) of the well-formed UTF-8 character at p, of which n bytes
 * are there; 0 when p does not start one (a stray continuation byte, an
 * overlong form, a surrogate, past U+10FFFF, or a sequence cut short). */
size_t utf8_seq_len(const unsigned char *p, size_t n);

/* The length to keep of s[0..len) so that it is at most max bytes and does
 * not end inside a character: len itself when len <= max, else max moved
 * back to the first byte of the character that crosses it. Bytes that are no
 * UTF-8 are left as they are (they are cut like single bytes). */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* The length to keep of s[0..len) so that it holds at most max characters
 * (a character starts at each byte that is no continuation byte). */
size_t utf8_cut_chars(const char *s, size_t len, size_t max);

/* Whether s[0..len) is well-formed UTF-8 throughout. */
bool utf8_valid(const char *s, size_t len);

/* A malloc'd, NUL-terminated copy of s[0..len) in which every byte that does
 * not belong to a well-formed character is replaced by U+FFFD; *out_len (may
 * be NULL) gets its length. NULL when out of memory. The caller frees it. */
char *utf8_repair(const char *s, size_t len, size_t *out_len);

#endif
