/* test_form.c: unit tests of lib/core/form (x-www-form-urlencoded decoding and encoding). */
#include "arena.h"
#include "buf.h"
#include "err.h"
#include "form.h"
#include "tf_limits.h"
#include "t.h"

#include <stdlib.h>

static struct arena arena;

/* Parses s and renders the fields as "name=value|name=value" for comparison. */
static const char *parsed(const char *s, size_t len, int *err)
{
	struct form f;
	*err = form_parse(&arena, s, len, &f);
	if (*err)
		return f.n == 0 && f.fields == NULL ? "(failed)" : "(failed, not empty)";
	struct buf b;
	buf_init(&b, 1 << 20);
	for (size_t i = 0; i < f.n; i++) {
		if (i)
			buf_putc(&b, '|');
		buf_printf(&b, "%s=%s", f.fields[i].name, f.fields[i].value);
		if (f.fields[i].value_len != strlen(f.fields[i].value))
			buf_puts(&b, "(bad value_len)");
	}
	char *r = arena_strdup(&arena, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

static void test_parse_table(void)
{
	static const struct {
		const char *in;
		int err;
		const char *want;
	} rows[] = {
		{ "", TF_OK, "" },
		{ "a=1", TF_OK, "a=1" },
		{ "a=", TF_OK, "a=" },
		{ "a", TF_OK, "a=" },
		{ "a=1&b=2", TF_OK, "a=1|b=2" },
		{ "a=1&&b=2", TF_OK, "a=1|b=2" },
		{ "&&a=1&", TF_OK, "a=1" },
		{ "&", TF_OK, "" },
		{ "&&&", TF_OK, "" },
		{ "a=1&a=2&a=1", TF_OK, "a=1|a=2|a=1" },
		{ "a+b=c+d", TF_OK, "a b=c d" },
		{ "x=a%2Bb", TF_OK, "x=a+b" },
		{ "x=%3d%3D", TF_OK, "x===" },
		{ "x=a=b", TF_OK, "x=a=b" },
		{ "%41%42=%61", TF_OK, "AB=a" },
		{ "From=%2B4915112345678", TF_OK, "From=+4915112345678" },
		{ "SpeechResult=Ich+h%C3%A4tte+gern+einen+Termin", TF_OK,
		  "SpeechResult=Ich hätte gern einen Termin" },
		{ "x=%26%25", TF_OK, "x=&%" },
		{ "x=raw%ZZ", TF_EINVAL, "(failed)" },
		{ "x=%G1", TF_EINVAL, "(failed)" },
		{ "x=%4", TF_EINVAL, "(failed)" },
		{ "x=%", TF_EINVAL, "(failed)" },
		{ "x%=1", TF_EINVAL, "(failed)" },
		{ "a=1&b=%", TF_EINVAL, "(failed)" },
		{ "x=%00", TF_EINVAL, "(failed)" },
		{ "%00=x", TF_EINVAL, "(failed)" },
		{ "=x", TF_EINVAL, "(failed)" },
		{ "=", TF_EINVAL, "(failed)" },
		{ "a=1&=2", TF_EINVAL, "(failed)" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int err;
		const char *got = parsed(rows[i].in, strlen(rows[i].in), &err);
		T_EQ_INT(err, rows[i].err);
		T_EQ_STR(got, rows[i].want);
		if (err != rows[i].err || strcmp(got, rows[i].want) != 0)
			fprintf(stderr, "  input: \"%s\"\n", rows[i].in);
	}
}

static void test_parse_raw_nul_and_length(void)
{
	int err;
	/* A raw NUL byte inside the given length is refused. */
	parsed("a=b\0c", 5, &err);
	T_EQ_INT(err, TF_EINVAL);
	/* Only len bytes are read: "a=bc" cut to "a=b". */
	T_EQ_STR(parsed("a=bc", 3, &err), "a=b");
	T_EQ_INT(err, TF_OK);
	/* An escape cut by len is a bad escape. */
	parsed("a=%41", 4, &err);
	T_EQ_INT(err, TF_EINVAL);
}

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void test_limits(void)
{
	struct form f;
	struct buf b;
	buf_init(&b, TF_MAX_BODY * 4);
	for (int i = 0; i < TF_MAX_PARAMS; i++)
		buf_printf(&b, "%sp%d=%d", i ? "&" : "", i, i);
	T_EQ_INT(form_parse(&arena, b.data, b.len, &f), TF_OK);
	T_EQ_INT(f.n, TF_MAX_PARAMS);
	T_EQ_STR(form_get(&f, "p255"), "255");
	buf_puts(&b, "&one=more");
	T_EQ_INT(form_parse(&arena, b.data, b.len, &f), TF_ELIMIT);
	T_EQ_INT(f.n, 0);
	T_OK(f.fields == NULL);
	/* Empty segments do not count. */
	buf_reset(&b);
	for (int i = 0; i < TF_MAX_PARAMS * 2; i++)
		buf_puts(&b, "&");
	buf_puts(&b, "a=1");
	T_EQ_INT(form_parse(&arena, b.data, b.len, &f), TF_OK);
	T_EQ_INT(f.n, 1);
	buf_free(&b);

	char *name = repeat('n', TF_MAX_PARAM_NAME);
	char *s = arena_printf(&arena, "%s=1", name);
	T_EQ_INT(form_parse(&arena, s, strlen(s), &f), TF_OK);
	s = arena_printf(&arena, "%sn=1", name);
	T_EQ_INT(form_parse(&arena, s, strlen(s), &f), TF_ELIMIT);
	/* The limit is on decoded bytes: %41 counts as one. */
	s = arena_printf(&arena, "%s=1", name);
	memcpy(s, "%41", 3);
	T_EQ_INT(form_parse(&arena, s, strlen(s), &f), TF_OK);
	free(name);

	char *value = repeat('v', TF_MAX_PARAM_VALUE);
	s = arena_printf(&arena, "a=%s", value);
	T_EQ_INT(form_parse(&arena, s, strlen(s), &f), TF_OK);
	T_EQ_INT(f.fields[0].value_len, TF_MAX_PARAM_VALUE);
	s = arena_printf(&arena, "a=%sv", value);
	T_EQ_INT(form_parse(&arena, s, strlen(s), &f), TF_ELIMIT);
	free(value);
}

static void test_get_count(void)
{
	struct form f;
	const char *s = "Digits=5678&Sid=CA123&Digits=1234&Empty=&Digits=1234";
	T_EQ_INT(form_parse(&arena, s, strlen(s), &f), TF_OK);
	T_EQ_INT(f.n, 5);
	T_EQ_STR(form_get(&f, "Digits"), "5678");
	T_EQ_STR(form_get(&f, "Sid"), "CA123");
	T_EQ_STR(form_get(&f, "Empty"), "");
	T_OK(form_get(&f, "digits") == NULL);
	T_OK(form_get(&f, "Missing") == NULL);
	T_EQ_INT(form_count(&f, "Digits"), 3);
	T_EQ_INT(form_count(&f, "Sid"), 1);
	T_EQ_INT(form_count(&f, "Missing"), 0);
	/* Arrival order is kept. */
	T_EQ_STR(f.fields[2].value, "1234");
	T_EQ_STR(f.fields[3].name, "Empty");

	struct form empty = { NULL, 0 };
	T_OK(form_get(&empty, "a") == NULL);
	T_EQ_INT(form_count(&empty, "a"), 0);
}

static void test_append(void)
{
	struct buf b;
	buf_init(&b, 4096);
	T_EQ_INT(form_append(&b, "From", "+4915112345678"), TF_OK);
	T_EQ_STR(b.data, "From=%2B4915112345678");
	T_EQ_INT(form_append(&b, "SpeechResult", "Ich hätte gern"), TF_OK);
	T_EQ_STR(b.data, "From=%2B4915112345678&SpeechResult=Ich+h%C3%A4tte+gern");
	buf_reset(&b);
	T_EQ_INT(form_append(&b, "a b", "x&y=z%~-._"), TF_OK);
	T_EQ_STR(b.data, "a+b=x%26y%3Dz%25~-._");
	buf_reset(&b);
	T_EQ_INT(form_append(&b, "k", NULL), TF_OK);
	T_EQ_INT(form_append(&b, "k", ""), TF_OK);
	T_EQ_STR(b.data, "k=&k=");
	T_EQ_INT(form_append(&b, "", "x"), TF_EINVAL);
	T_EQ_INT(form_append(&b, NULL, "x"), TF_EINVAL);
	T_EQ_STR(b.data, "k=&k=");
	buf_reset(&b);
	T_EQ_INT(form_append(&b, "slash/colon:", "\x01\x7f\xff"), TF_OK);
	T_EQ_STR(b.data, "slash%2Fcolon%3A=%01%7F%FF");
	buf_free(&b);

	/* Over the buffer's limit: the buffer keeps what it had. */
	buf_init(&b, 16);
	T_EQ_INT(form_append(&b, "a", "1"), TF_OK);
	T_EQ_INT(form_append(&b, "long", "value that does not fit"), TF_ELIMIT);
	T_EQ_STR(b.data, "a=1");
	T_EQ_INT(b.len, 3);
	buf_free(&b);
}

static void test_round_trip(void)
{
	static const char *const values[] = {
		"", " ", "+", "%", "&", "=", "a b+c", "Grüße aus München", "100% & mehr",
		"\t\r\n", "~._-", "https://example.org/a?b=c&d=e#f",
	};
	struct buf b;
	buf_init(&b, 1 << 16);
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char name[16];
		snprintf(name, sizeof(name), "k%zu", i);
		T_EQ_INT(form_append(&b, name, values[i]), TF_OK);
	}
	struct form f;
	T_EQ_INT(form_parse(&arena, b.data, b.len, &f), TF_OK);
	T_EQ_INT(f.n, sizeof(values) / sizeof(values[0]));
	for (size_t i = 0; i < f.n && i < sizeof(values) / sizeof(values[0]); i++)
		T_EQ_STR(f.fields[i].value, values[i]);
	buf_free(&b);
}

static void test_arena_exhausted(void)
{
	struct arena small;
	arena_init(&small, 64);
	struct form f;
	const char *s = "aaaaaaaaaaaaaaaa=bbbbbbbbbbbbbbbbbbbbbbbbbbbb&c=dddddddddddddddddddddddddd";
	T_EQ_INT(form_parse(&small, s, strlen(s), &f), TF_ENOMEM);
	T_EQ_INT(f.n, 0);
	arena_free(&small);
}

int main(void)
{
	arena_init(&arena, TF_MAX_REQUEST_ARENA);
	test_parse_table();
	test_parse_raw_nul_and_length();
	test_limits();
	test_get_count();
	test_append();
	test_round_trip();
	test_arena_exhausted();
	arena_free(&arena);
	return t_done();
}
