/* form.c: x-www-form-urlencoded decoding into an arena and encoding into a buffer. */
#include "form.h"

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "tf_limits.h"

#include <stdbool.h>
#include <string.h>

static int form_hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into a fresh arena string. The decoded text is never
 * longer than the encoded one, so `max` is checked on the output. */
static int form_decode(struct arena *a, const char *s, size_t len, size_t max,
		       char **out, size_t *out_len)
{
	char *d = arena_alloc(a, len + 1);
	if (d == NULL)
		return TF_ENOMEM;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (len - i < 3)
				return TF_EINVAL;
			int hi = form_hexval((unsigned char)s[i + 1]);
			int lo = form_hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return TF_EINVAL;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if (c == '\0')
			return TF_EINVAL;
		d[n++] = (char)c;
	}
	if (n > max)
		return TF_ELIMIT;
	d[n] = '\0';
	*out = d;
	*out_len = n;
	return TF_OK;
}

int form_parse(struct arena *a, const char *s, size_t len, struct form *out)
{
	out->fields = NULL;
	out->n = 0;
	if (len == 0)
		return TF_OK;

	/* First pass: count the non-empty segments, so the limit is checked
	 * before anything is decoded and the array is allocated once. */
	size_t count = 0;
	for (size_t i = 0; i < len;) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - s) : len;
		if (end > i)
			count++;
		i = end + 1;
	}
	if (count == 0)
		return TF_OK;
	if (count > TF_MAX_PARAMS)
		return TF_ELIMIT;

	struct form_field *fields = arena_alloc(a, count * sizeof(*fields));
	if (fields == NULL)
		return TF_ENOMEM;

	size_t n = 0;
	for (size_t i = 0; i < len;) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - s) : len;
		size_t seg = end - i;
		if (seg > 0) {
			const char *eq = memchr(s + i, '=', seg);
			size_t name_len = eq ? (size_t)(eq - (s + i)) : seg;
			if (name_len == 0)
				return TF_EINVAL;
			char *name, *value;
			size_t dn, dv;
			int err = form_decode(a, s + i, name_len, TF_MAX_PARAM_NAME, &name, &dn);
			if (err)
				return err;
			if (eq != NULL)
				err = form_decode(a, eq + 1, seg - name_len - 1, TF_MAX_PARAM_VALUE,
						  &value, &dv);
			else
				err = form_decode(a, "", 0, TF_MAX_PARAM_VALUE, &value, &dv);
			if (err)
				return err;
			fields[n].name = name;
			fields[n].value = value;
			fields[n].value_len = dv;
			n++;
		}
		i = end + 1;
	}
	out->fields = fields;
	out->n = n;
	return TF_OK;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

size_t form_count(const struct form *f, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			n++;
	return n;
}

static bool form_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

static int form_encode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int err;
		if (form_unreserved(*p)) {
			err = buf_putc(out, (char)*p);
		} else if (*p == ' ') {
			err = buf_putc(out, '+');
		} else {
			char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			err = buf_append(out, esc, sizeof(esc));
		}
		if (err)
			return err;
	}
	return TF_OK;
}

int form_append(struct buf *out, const char *name, const char *value)
{
	if (name == NULL || name[0] == '\0')
		return TF_EINVAL;
	size_t saved = out->len;
	int err = TF_OK;
	if (saved > 0)
		err = buf_putc(out, '&');
	if (!err)
		err = form_encode(out, name);
	if (!err)
		err = buf_putc(out, '=');
	if (!err)
		err = form_encode(out, value ? value : "");
	if (err && out->data != NULL) {
		out->len = saved;
		out->data[saved] = '\0';
	}
	return err;
}
