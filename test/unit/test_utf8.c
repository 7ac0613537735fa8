/* test_utf8.c: unit tests of lib/core/utf8: cuts never split a character, the
 * well-formedness check follows Unicode's table of byte sequences, and
 * repair turns anything into valid UTF-8. */
#include "tf_limits.h"
#include "utf8.h"
#include "t.h"

#include <stdlib.h>
#include <string.h>

static void test_seq_len(void)
{
	static const struct {
		const char *s;
		size_t n, want;
	} rows[] = {
		{ "a", 1, 1 },
		{ "\xc3\xa4", 2, 2 },                 /* ä */
		{ "\xe2\x82\xac", 3, 3 },             /* € */
		{ "\xf0\x9f\x98\x80", 4, 4 },         /* U+1F600 */
		{ "\xc3", 1, 0 },                     /* cut short */
		{ "\xe2\x82", 2, 0 },
		{ "\xf0\x9f\x98", 3, 0 },
		{ "\xa4", 1, 0 },                     /* stray continuation byte */
		{ "\xc0\xaf", 2, 0 },                 /* overlong "/" */
		{ "\xc1\xbf", 2, 0 },
		{ "\xe0\x80\xaf", 3, 0 },             /* overlong, three bytes */
		{ "\xed\xa0\x80", 3, 0 },             /* surrogate U+D800 */
		{ "\xed\x9f\xbf", 3, 3 },             /* U+D7FF */
		{ "\xf4\x90\x80\x80", 4, 0 },         /* U+110000 */
		{ "\xf4\x8f\xbf\xbf", 4, 4 },         /* U+10FFFF */
		{ "\xf5\x80\x80\x80", 4, 0 },
		{ "\xff", 1, 0 },
		{ "\xc3\x41", 2, 0 },                 /* lead byte, then ASCII */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t got = utf8_seq_len((const unsigned char *)rows[i].s, rows[i].n);
		if (got != rows[i].want)
			fprintf(stderr, "  row %zu\n", i);
		T_EQ_INT(got, rows[i].want);
	}
	T_EQ_INT(utf8_seq_len((const unsigned char *)"", 0), 0);
}

static void test_cut(void)
{
	const char *s = "Gr\xc3\xbc\xc3\x9f Gott \xe2\x82\xac \xf0\x9f\x98\x80!";   /* "Grüß Gott € 😀!" */
	size_t len = strlen(s);
	/* Not over the limit: untouched. */
	T_EQ_INT(utf8_cut(s, len, len), len);
	T_EQ_INT(utf8_cut(s, len, len + 10), len);
	T_EQ_INT(utf8_cut(s, 0, 0), 0);
	/* Every limit: the cut is at most the limit, at most 3 bytes short of it,
	 * and what is kept is well-formed. */
	for (size_t max = 0; max < len; max++) {
		size_t n = utf8_cut(s, len, max);
		T_OK(n <= max && max - n <= 3);
		T_OK(utf8_valid(s, n));
	}
	T_EQ_INT(utf8_cut(s, len, 3), 2);          /* before ü */
	T_EQ_INT(utf8_cut(s, len, 4), 4);          /* after ü */
	T_EQ_INT(utf8_cut(s, len, 13), 12);        /* € at 12..14 */
	T_EQ_INT(utf8_cut(s, len, 14), 12);
	T_EQ_INT(utf8_cut(s, len, 15), 15);
	T_EQ_INT(utf8_cut(s, len, 19), 16);        /* 😀 at 16..19 */

	/* A SpeechResult of umlauts one byte off the limit: the character across
	 * TF_MAX_SPEECH goes whole. */
	size_t big = 3000;
	char *u = malloc(big + 1);
	T_OK(u != NULL);
	if (u == NULL)
		return;
	u[0] = 'x';
	for (size_t i = 1; i + 1 < big; i += 2)
		memcpy(u + i, "\xc3\xa4", 2);
	u[big - 1] = 'y';
	u[big] = '\0';
	size_t n = utf8_cut(u, big, TF_MAX_SPEECH);
	T_EQ_INT(n, TF_MAX_SPEECH - 1);
	T_OK(utf8_valid(u, n));
	T_OK(!utf8_valid(u, TF_MAX_SPEECH));
	free(u);

	/* Invalid bytes are cut like single bytes; the cut never runs away. */
	const char *junk = "ab\x80\x80\x80\x80\x80\x80";
	T_EQ_INT(utf8_cut(junk, 8, 6), 6);
	T_EQ_INT(utf8_cut("\x80\x80\x80", 3, 2), 2);
}

static void test_cut_chars(void)
{
	const char *s = "\xc3\xa4\xc3\xb6\xc3\xbc" "abc";   /* "äöüabc" */
	size_t len = strlen(s);
	T_EQ_INT(utf8_cut_chars(s, len, 0), 0);
	T_EQ_INT(utf8_cut_chars(s, len, 1), 2);
	T_EQ_INT(utf8_cut_chars(s, len, 3), 6);
	T_EQ_INT(utf8_cut_chars(s, len, 4), 7);
	T_EQ_INT(utf8_cut_chars(s, len, 6), len);
	T_EQ_INT(utf8_cut_chars(s, len, 100), len);
}

static void test_valid_and_repair(void)
{
	T_OK(utf8_valid("", 0));
	T_OK(utf8_valid("Tsch\xc3\xbc\xc3\x9f", 8));
	T_OK(!utf8_valid("Tsch\xc3", 5));
	T_OK(!utf8_valid("\xed\xa0\x80", 3));

	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "M\xc3\xbcller", "M\xc3\xbcller" },                                  /* valid stays */
		{ "ab\xc3", "ab\xef\xbf\xbd" },                                         /* half a character */
		{ "\xff\xfe" "x", "\xef\xbf\xbd\xef\xbf\xbd" "x" },
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },            /* a surrogate */
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },                             /* overlong */
		{ "\xc3\xa4\xa4", "\xc3\xa4\xef\xbf\xbd" },                             /* stray continuation */
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t n = 0;
		char *r = utf8_repair(rows[i].in, strlen(rows[i].in), &n);
		T_OK(r != NULL);
		if (r == NULL)
			continue;
		T_EQ_STR(r, rows[i].want);
		T_EQ_INT(n, strlen(rows[i].want));
		T_OK(utf8_valid(r, n));
		free(r);
	}
	/* Every single byte value, alone and before "ä": always valid after repair. */
	for (int b = 1; b < 256; b++) {
		char in[4] = { (char)b, (char)0xc3, (char)0xa4, 0 };
		size_t n;
		char *r = utf8_repair(in, 3, &n);
		T_OK(r != NULL && utf8_valid(r, n));
		free(r);
	}
}

int main(void)
{
	test_seq_len();
	test_cut();
	test_cut_chars();
	test_valid_and_repair();
	return t_done();
}
