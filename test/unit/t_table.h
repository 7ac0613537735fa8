/* t_table.h: the caller tables of the German understanding (test/data/utterances.tsv,
 * test/data/callers.tsv): their "@now"/"@open" lines, their tab-separated columns
 * and one row checked through nlu_parse() against what it expects. */
#ifndef TERMINFON_T_TABLE_H
#define TERMINFON_T_TABLE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "civil.h"
#include "err.h"
#include "nlu.h"
#include "when.h"

/* The expect column: "-", "name", "date", "yesno", "choice", "phone". False for anything else. */
static inline bool t_table_expect(const char *s, enum nlu_expect *out)
{
	static const struct {
		const char *name;
		enum nlu_expect e;
	} map[] = {
		{ "-", NLU_EXPECT_NONE },	  { "name", NLU_EXPECT_NAME },	   { "date", NLU_EXPECT_DATE },
		{ "yesno", NLU_EXPECT_YESNO },	  { "choice", NLU_EXPECT_CHOICE }, { "phone", NLU_EXPECT_PHONE },
	};
	*out = NLU_EXPECT_NONE;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(s, map[i].name) == 0) {
			*out = map[i].e;
			return true;
		}
	return false;
}

/* Value of key in "first=Max;last=Müller", copied into out, or NULL. */
static inline const char *t_table_extra(const char *extra, const char *key, char *out, size_t size)
{
	size_t kl = strlen(key);
	const char *p = extra;
	while (p != NULL && *p) {
		const char *end = strchr(p, ';');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		if (l > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
			size_t vl = l - kl - 1;
			if (vl >= size)
				vl = size - 1;
			memcpy(out, p + kl + 1, vl);
			out[vl] = '\0';
			return out;
		}
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

static inline bool t_table_same(const char *want, const char *got)
{
	if (want == NULL || got == NULL)
		return want == got;
	return strcmp(want, got) == 0;
}

/* "2026-11-24T10:00" */
static inline bool t_table_clock(const char *s, struct civil_time *t)
{
	int y, mo, d, h, mi;
	char tail;
	if (sscanf(s, "%d-%d-%dT%d:%d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
		return false;
	*t = (struct civil_time){ { y, mo, d }, h, mi, 0 };
	return civil_valid(t->date) && h >= 0 && h < 24 && mi >= 0 && mi < 60;
}

/* Applies an "@now 2026-11-24T10:00" or "@open 09:00-20:00" line to ctx:
 * 1 when line was one, -1 when it was one but malformed, 0 when it is a row. */
static inline int t_table_directive(const char *line, struct nlu_context *ctx)
{
	if (strncmp(line, "@now ", 5) == 0)
		return t_table_clock(line + 5, &ctx->now) ? 1 : -1;
	if (strncmp(line, "@open ", 6) == 0) {
		int h1, m1, h2, m2;
		if (sscanf(line + 6, "%d:%d-%d:%d", &h1, &m1, &h2, &m2) != 4)
			return -1;
		ctx->open_from = h1 * 60 + m1;
		ctx->open_to = h2 * 60 + m2;
		return 1;
	}
	return 0;
}

/* Cuts line at its tabs into at most max columns; returns how many. */
static inline size_t t_table_split(char *line, char **col, size_t max)
{
	size_t nc = 0;
	for (char *p = line; nc < max; nc++) {
		col[nc] = p;
		char *tab = strchr(p, '\t');
		if (tab == NULL) {
			nc++;
			break;
		}
		*tab = '\0';
		p = tab + 1;
	}
	return nc;
}

/* The five columns of a row: expect, utterance, intent, when, extra ("" for none). */
struct t_table_row {
	const char *expect, *utterance, *intent, *when, *extra;
};

struct t_table_verdict {
	bool intent_ok;   /* the intent named in the row */
	bool when_ok;     /* when_format() equals the row's when */
	bool name_ok;     /* first and last name as the row has them (absent when it has none) */
	bool rest_ok;     /* name, salutation, city, digits and choice */
};

/* Understands row->utterance in ctx (its expect set from the row) and compares
 * it with the row; when something differs and file is not NULL, prints what,
 * with file and line. True when everything matches. */
static inline bool t_table_check(struct arena *a, struct nlu_context *ctx, const struct t_table_row *row,
				 const char *file, int lineno, struct t_table_verdict *v)
{
	const char *extra = row->extra;
	t_table_expect(row->expect, &ctx->expect);
	struct nlu_result r;
	int rc = nlu_parse(a, row->utterance, strlen(row->utterance), ctx, &r);
	char wf[128];
	when_format(&r.when, wf, sizeof(wf));
	char b1[128], b2[128], b3[128], b4[128], b5[128], b6[32];
	const char *first = t_table_extra(extra, "first", b1, sizeof(b1));
	const char *last = t_table_extra(extra, "last", b2, sizeof(b2));
	const char *sal = t_table_extra(extra, "sal", b3, sizeof(b3));
	const char *city = t_table_extra(extra, "city", b4, sizeof(b4));
	const char *digits = t_table_extra(extra, "digits", b5, sizeof(b5));
	const char *choice = t_table_extra(extra, "choice", b6, sizeof(b6));
	char gotchoice[16] = "";
	if (r.choice == NLU_CHOICE_LAST)
		snprintf(gotchoice, sizeof(gotchoice), "last");
	else if (r.choice == NLU_CHOICE_ANY)
		snprintf(gotchoice, sizeof(gotchoice), "any");
	else if (r.choice >= 0)
		snprintf(gotchoice, sizeof(gotchoice), "%d", r.choice);
	v->intent_ok = rc == TF_OK && strcmp(nlu_intent_name(r.intent), row->intent) == 0;
	v->when_ok = strcmp(wf, row->when) == 0;
	v->name_ok = t_table_same(first, r.first_name) && t_table_same(last, r.last_name);
	v->rest_ok = v->name_ok && t_table_same(sal, r.salutation) && t_table_same(city, r.city) &&
		     t_table_same(digits, r.digits) && t_table_same(choice, gotchoice[0] ? gotchoice : NULL);
	if (v->intent_ok && v->when_ok && v->rest_ok)
		return true;
	if (file == NULL)
		return false;
	fprintf(stderr,
		"%s:%d: \"%s\" [%s]\n  want %s %s %s\n  got  %s(%.2f) %s first=%s last=%s sal=%s city=%s "
		"digits=%s choice=%s norm=\"%s\"\n",
		file, lineno, row->utterance, row->expect, row->intent, row->when, extra, nlu_intent_name(r.intent),
		r.confidence, wf, r.first_name ? r.first_name : "-", r.last_name ? r.last_name : "-",
		r.salutation ? r.salutation : "-", r.city ? r.city : "-", r.digits ? r.digits : "-",
		gotchoice[0] ? gotchoice : "-", r.normalized ? r.normalized : "");
	return false;
}

#endif
