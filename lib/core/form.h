/* form.h: application/x-www-form-urlencoded bodies and query strings, decoded into an arena. */
#ifndef TERMINFON_FORM_H
#define TERMINFON_FORM_H

#include <stddef.h>

struct arena;
struct buf;

struct form_field {
	const char *name;   /* decoded, NUL-terminated, never empty */
	const char *value;  /* decoded, NUL-terminated, may be empty */
	size_t value_len;
};

struct form {
	struct form_field *fields;  /* in arrival order; repeated names are all kept */
	size_t n;
};

/* Decodes s[0..len) ('+' is a space, %XX a byte). Everything in *out lives in
 * the arena. Empty segments ("a=1&&b=2") are skipped, "a" alone has an empty
 * value. Returns TF_EINVAL on a bad escape (%G1, %4, a trailing %), a NUL byte
 * (raw or decoded) or a field without a name; TF_ELIMIT past TF_MAX_PARAMS
 * fields or a name or value past TF_MAX_PARAM_NAME / TF_MAX_PARAM_VALUE bytes;
 * TF_ENOMEM when the arena is exhausted. On failure *out is empty. */
int form_parse(struct arena *a, const char *s, size_t len, struct form *out);

/* The first value of `name`, or NULL when absent. Points into the form's arena. */
const char *form_get(const struct form *f, const char *name);

/* How many fields are called `name`. */
size_t form_count(const struct form *f, const char *name);

/* Appends "name=value" to out, with '&' first when out is not empty. Both are
 * encoded: space as '+', A-Za-z0-9-._~ kept, every other byte as %XX (upper
 * case). A NULL value is the empty value. TF_EINVAL for a NULL or empty name;
 * TF_ELIMIT or TF_ENOMEM from the buffer; out is unchanged on any failure. */
int form_append(struct buf *out, const char *name, const char *value);

#endif
