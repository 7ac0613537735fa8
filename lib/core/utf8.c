/* utf8.c: cutting and checking UTF-8 text (RFC 3629, Unicode table 3-7 of
 * well-formed byte sequences). */
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool utf8_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

size_t utf8_seq_len(const unsigned char *p, size_t n)
{
	if (n == 0)
		return 0;
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;   /* allowed range of the second byte */
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;                    /* no overlong forms */
		else if (c == 0xED)
			hi = 0x9F;                    /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;                    /* nothing past U+10FFFF */
	} else {
		return 0;
	}
	if (n < need || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t k = 2; k < need; k++)
		if (!utf8_cont(p[k]))
			return 0;
	return need;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	const unsigned char *u = (const unsigned char *)s;
	/* A character is at most 4 bytes: at most 3 continuation bytes to skip. */
	size_t n = max;
	while (n > 0 && max - n < 3 && utf8_cont(u[n]))
		n--;
	return utf8_cont(u[n]) ? max : n;
}

size_t utf8_cut_chars(const char *s, size_t len, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t chars = 0;
	for (size_t i = 0; i < len; i++) {
		if (!utf8_cont(u[i])) {
			if (chars == max)
				return i;
			chars++;
		}
	}
	return len;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t k = utf8_seq_len(u + i, len - i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

char *utf8_repair(const char *s, size_t len, size_t *out_len)
{
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	char *out = malloc(len * 3 + 1);
	if (out == NULL)
		return NULL;
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		size_t k = utf8_seq_len(u + i, len - i);
		if (k == 0) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
		} else {
			memcpy(out + o, u + i, k);
			o += k;
			i += k;
		}
	}
	out[o] = '\0';
	if (out_len)
		*out_len = o;
	return out;
}
