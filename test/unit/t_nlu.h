/* t_nlu.h: what the German understanding's unit tests share: the studio's
 * towns and clock, one turn heard after a question, a name checked. */
#ifndef TERMINFON_T_NLU_H
#define TERMINFON_T_NLU_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "nlu.h"
#include "t.h"

static const char *const test_cities[] = { "Berlin", "München", "Hamburg", "Frankfurt am Main", "Köln" };

static inline struct nlu_context test_ctx(void)
{
	struct nlu_context c;
	memset(&c, 0, sizeof(c));
	c.now = (struct civil_time){ { 2026, 11, 24 }, 10, 0, 0 };   /* a Tuesday */
	c.open_from = 9 * 60;
	c.open_to = 20 * 60;
	c.cities = test_cities;
	c.ncities = sizeof(test_cities) / sizeof(test_cities[0]);
	return c;
}

/* One turn said after the dialog asked expect; the result lives in a. */
static inline struct nlu_result test_hear(struct arena *a, const char *text, enum nlu_expect expect)
{
	struct nlu_context ctx = test_ctx();
	struct nlu_result r;
	ctx.expect = expect;
	T_EQ_INT(nlu_parse(a, text, strlen(text), &ctx, &r), TF_OK);
	return r;
}

/* The name heard in text is exactly sal, first and last (NULL: none). */
static inline void test_name_is(struct arena *a, const char *text, enum nlu_expect expect, const char *sal,
				const char *first, const char *last)
{
	struct nlu_result r = test_hear(a, text, expect);
	bool ok = (sal == NULL ? r.salutation == NULL : r.salutation != NULL && strcmp(sal, r.salutation) == 0) &&
		  (first == NULL ? r.first_name == NULL : r.first_name != NULL && strcmp(first, r.first_name) == 0) &&
		  (last == NULL ? r.last_name == NULL : r.last_name != NULL && strcmp(last, r.last_name) == 0);
	if (!ok)
		fprintf(stderr, "  \"%s\": sal=%s first=%s last=%s\n", text, r.salutation ? r.salutation : "-",
			r.first_name ? r.first_name : "-", r.last_name ? r.last_name : "-");
	T_OK(ok);
}

/* The intent heard in text, asked expect, is want. */
#define T_INTENT(a, text, expect, want) do { \
	struct nlu_result t_r_ = test_hear((a), (text), (expect)); \
	if (t_r_.intent != (want)) \
		fprintf(stderr, "  \"%s\": %s, want %s\n", (text), nlu_intent_name(t_r_.intent), nlu_intent_name(want)); \
	T_EQ_INT(t_r_.intent, (want)); \
} while (0)

#endif
