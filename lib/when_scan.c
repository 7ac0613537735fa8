/* when_scan.c: finds what a caller says about days and times: weekdays, dates, "halb drei", "nachmittags", "lieber später". */
#include "when_int.h"

#include <string.h>

/* Phrases naming a part of the day, longest first. */
static const struct {
	const char *p;
	enum when_dp dp;
} when_dp_phrases[] = {
	{ "am fruehen nachmittag", DP_EARLY_AFTERNOON }, { "am spaeten nachmittag", DP_LATE_AFTERNOON },
	{ "am fruehen abend", DP_EARLY_EVENING },        { "am spaeten abend", DP_LATE },
	{ "nach dem mittagessen", DP_AFTER_LUNCH },      { "in der mittagspause", DP_NOON },
	{ "am spaeten vormittag", DP_LATE_MORNING },     { "am fruehen vormittag", DP_EARLY },
	{ "spaeten vormittag", DP_LATE_MORNING },        { "spaeter vormittag", DP_LATE_MORNING },
	{ "fruehen vormittag", DP_EARLY },               { "frueher vormittag", DP_EARLY },
	{ "fruehen nachmittag", DP_EARLY_AFTERNOON },    { "frueher nachmittag", DP_EARLY_AFTERNOON },
	{ "fruehen nachmittags", DP_EARLY_AFTERNOON },   { "spaeten nachmittag", DP_LATE_AFTERNOON },
	{ "spaeter nachmittag", DP_LATE_AFTERNOON },     { "spaeten nachmittags", DP_LATE_AFTERNOON },
	{ "frueh nachmittags", DP_EARLY_AFTERNOON },     { "spaet nachmittags", DP_LATE_AFTERNOON },
	{ "fruehen abend", DP_EARLY_EVENING },           { "frueher abend", DP_EARLY_EVENING },
	{ "spaeten abend", DP_LATE },                    { "spaet abends", DP_LATE },
	{ "nach der arbeit", DP_AFTER_WORK },            { "nach dem mittag", DP_AFTER_LUNCH },
	{ "nach feierabend", DP_AFTER_WORK },            { "zur mittagszeit", DP_NOON },
	{ "in der frueh", DP_EARLY },                    { "in der nacht", DP_NIGHT },
	{ "am morgen", DP_EARLY },                       { "am vormittag", DP_FORENOON },
	{ "am mittag", DP_NOON },                        { "ueber mittag", DP_NOON },
	{ "am nachmittag", DP_AFTERNOON },               { "am abend", DP_EVENING },
	{ "spaetnachmittags", DP_LATE_AFTERNOON },       { "spaetabends", DP_LATE },
	{ "fruehmorgens", DP_EARLY },                    { "morgens", DP_EARLY },
	{ "frueh", DP_EARLY },                           { "vormittag", DP_FORENOON },
	{ "vormittags", DP_FORENOON },                   { "mittags", DP_NOON },
	{ "mittagszeit", DP_NOON },                      { "mittagspause", DP_NOON },
	{ "mittag", DP_NOON },
	{ "nachmittag", DP_AFTERNOON },                  { "nachmittags", DP_AFTERNOON },
	{ "abend", DP_EVENING },                         { "abends", DP_EVENING },
	{ "feierabend", DP_AFTER_WORK },                 { "tagsueber", DP_DAYTIME },
	{ "nachts", DP_NIGHT },
};

/* ---- token tests ---- */

static bool when_in(const struct when_state *st, size_t i, const char *const *list)
{
	return nlu_oneof(st->tk, i, list) >= 0;
}

static int when_num(const struct when_state *st, size_t i)
{
	return nlu_isnum(st->tk, i) ? st->tk->t[i].num : -1;
}

static bool when_ord(const struct when_state *st, size_t i)
{
	return i < st->tk->n && (st->tk->t[i].flags & NLU_TOK_ORD);
}

static void when_mark(struct when_state *st, size_t from, size_t to)
{
	for (size_t k = from; k < to && k < st->tk->n; k++)
		st->used[k] = true;
}

static bool when_free(const struct when_state *st, size_t from, size_t to)
{
	for (size_t k = from; k < to && k < st->tk->n; k++)
		if (st->used[k])
			return false;
	return true;
}

/* Nouns that make a number a count, not a time or a day. */
static const char *const when_units[] = {
	"tage", "tagen", "tag", "woche", "wochen", "monat", "monate", "monaten", "jahr", "jahre", "jahren",
	"termin", "termine", "terminen", "personen", "leute", "mal", "minuten", "minute", "stunden", "stunde",
	"euro", "kilo", "kg", "prozent", "uhr", NULL,
};

static bool when_is_month_next(const struct when_state *st, size_t i)
{
	return i < st->tk->n && (nlu_month(st->tk->t[i].w) > 0 || (st->tk->t[i].flags & NLU_TOK_DATE));
}

/* An hour as said after "halb", "viertel nach", "um": 0..24 (from digits or words). */
static bool when_hour(const struct when_state *st, size_t i, int *h)
{
	if (i >= st->tk->n || st->used[i])
		return false;
	int v = when_num(st, i);
	if (v < 0 && (nlu_is(st->tk, i, "ein") || nlu_is(st->tk, i, "eins")))
		v = 1;
	if (v < 0 || v > 24 || when_ord(st, i))
		return false;
	*h = v;
	return true;
}

/* ---- parts of the day ---- */

/* A day-part phrase at i: its length, or 0. */
static size_t when_dp_at(const struct when_state *st, size_t i, enum when_dp *dp)
{
	const struct nlu_toks *tk = st->tk;
	for (size_t k = 0; k < sizeof(when_dp_phrases) / sizeof(when_dp_phrases[0]); k++) {
		const char *p = when_dp_phrases[k].p;
		size_t j = i;
		bool ok = true;
		while (*p && ok) {
			const char *sp = strchr(p, ' ');
			size_t wl = sp ? (size_t)(sp - p) : strlen(p);
			ok = j < tk->n && !st->used[j] && tk->t[j].len == wl && memcmp(tk->t[j].w, p, wl) == 0;
			j++;
			p += wl + (sp ? 1 : 0);
		}
		if (ok) {
			/* "morgen früh" is a day and a part, "früher" is no part at all. */
			*dp = when_dp_phrases[k].dp;
			return j - i;
		}
	}
	return 0;
}

/* ---- times ---- */

static const char *const when_mods[] = {
	"um", "gegen", "so", "etwa", "ungefaehr", "circa", "ca", "zirka", "rund", "ab", "nach", "fruehestens",
	"erst", "vor", "bis", "spaetestens", "zwischen", "von", "nicht", "also", "sagen", "wir", "mal", NULL,
};

/* A time without modifiers at i: "14:30", "14 Uhr 30", "halb drei", "Viertel nach vier",
 * "fünf nach halb drei", "viertel zehn", bare "zehn" when allowed. Tokens used, or 0. */
static size_t when_core(const struct when_state *st, size_t i, bool bare, struct when_tc *tc)
{
	const struct nlu_toks *tk = st->tk;
	size_t j, k;
	int n, h = -1, m = 0, mins = 0;
	bool after;
	if (i >= tk->n || st->used[i])
		return 0;
	const struct nlu_tok *t = &tk->t[i];
	if (t->flags & NLU_TOK_CLOCK) {
		h = t->num;
		m = t->num2;
		tc->fixed = h == 0 || h > 12;
		j = i + 1;
		goto tail;
	}
	if (nlu_is(tk, i, "halb") && when_hour(st, i + 1, &n) && n >= 1) {
		h = n - 1;
		m = 30;
		j = i + 2;
		goto tail;
	}
	if (nlu_is(tk, i, "viertel")) {
		if (nlu_is(tk, i + 1, "nach") && when_hour(st, i + 2, &n)) {
			h = n;
			m = 15;
			j = i + 3;
		} else if (nlu_is(tk, i + 1, "vor") && when_hour(st, i + 2, &n) && n >= 1) {
			h = n - 1;
			m = 45;
			j = i + 3;
		} else if (when_hour(st, i + 1, &n) && n >= 1 && !nlu_is(tk, i + 2, "uhr")) {
			h = n - 1;   /* "viertel zehn" = 9:15 */
			m = 15;
			j = i + 2;
		} else {
			return 0;
		}
		goto tail;
	}
	if (nlu_is(tk, i, "dreiviertel") || (nlu_is(tk, i, "drei") && nlu_is(tk, i + 1, "viertel"))) {
		k = nlu_is(tk, i, "dreiviertel") ? i + 1 : i + 2;
		if (!when_hour(st, k, &n) || n < 1)
			return 0;
		h = n - 1;
		m = 45;
		j = k + 1;
		goto tail;
	}
	if (nlu_is(tk, i, "punkt") && when_hour(st, i + 1, &n)) {
		h = n;
		j = i + 2;
		goto tail;
	}
	if (nlu_is(tk, i, "kurz") && (nlu_is(tk, i + 1, "nach") || nlu_is(tk, i + 1, "vor"))) {
		mins = 5;
		tc->approx = true;
		k = i + 1;
		goto relative;
	}
	n = when_num(st, i);
	if (n >= 1 && n <= 29 && !when_ord(st, i) && (nlu_is(tk, i + 1, "nach") || nlu_is(tk, i + 1, "vor")) &&
	    (when_hour(st, i + 2, &h) || (nlu_is(tk, i + 2, "halb") && when_hour(st, i + 3, &h)))) {
		mins = n;
		k = i + 1;
		goto relative;
	}
	/* n holds when_num(i); an ordinal ("um 14.") is an hour only after a modifier */
	if (!when_hour(st, i, &n) && !(bare && n >= 0 && n <= 24 && when_ord(st, i)))
		return 0;
	if (nlu_is(tk, i + 1, "uhr")) {
		h = n;
		j = i + 2;
		int mm = when_num(st, j);
		if (mm >= 0 && mm <= 59 && !when_ord(st, j) && !st->used[j] && !nlu_is(tk, j + 1, "uhr") &&
		    nlu_oneof(tk, j + 1, when_units) < 0) {
			m = mm;
			j++;
		}
		tc->fixed = h == 0 || h > 12;
		goto tail;
	}
	if (!bare || nlu_oneof(tk, i + 1, when_units) >= 0 || when_is_month_next(st, i + 1))
		return 0;
	h = n;
	j = i + 1;
	{
		int mm = when_num(st, j);
		if (mm >= 5 && mm <= 55 && mm % 5 == 0 && !when_ord(st, j) && !st->used[j] &&
		    !nlu_is(tk, j + 1, "uhr") && nlu_oneof(tk, j + 1, when_units) < 0) {
			m = mm;   /* "um zehn dreißig" */
			j++;
		}
	}
	tc->fixed = h == 0 || h > 12;
	goto tail;

relative:
	after = nlu_is(tk, k, "nach");
	k++;
	{
		bool half = nlu_is(tk, k, "halb");
		if (half)
			k++;
		if (!when_hour(st, k, &n) || (n < 1 && !after) || mins < 1 || mins > 29)
			return 0;
		if (half) {
			h = n - 1;
			m = after ? 30 + mins : 30 - mins;
		} else if (after) {
			h = n;
			m = mins;
		} else {
			h = n - 1;
			m = 60 - mins;
		}
		j = k + 1;
	}

tail:
	if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m > 0))
		return 0;
	if (h == 24)
		h = 0;
	if (h == 0 && !tc->fixed)
		h = 12;   /* "halb eins" */
	if (h > 12)
		tc->fixed = true;
	tc->h = h;
	tc->m = m;
	if (nlu_is(tk, j, "uhr") && !st->used[j])
		j++;
	enum when_dp dp;
	size_t dl = when_dp_at(st, j, &dp);
	if (dl > 0 && dp != DP_DAYTIME) {
		tc->dp = dp;
		j += dl;
	}
	if (nlu_is(tk, j, "rum") || nlu_is(tk, j, "herum") || nlu_is(tk, j, "ungefaehr") ||
	    nlu_is(tk, j, "circa")) {
		tc->approx = true;
		j++;
	}
	return j - i;
}

static bool when_push_time(struct when_state *st, const struct when_tc *tc)
{
	if (st->ntimes >= WHEN_MAX_CANDS)
		return false;
	st->times[st->ntimes++] = *tc;
	when_mark(st, tc->pos, tc->end);
	return true;
}

/* A time with what stands before it ("so gegen", "ab", "nicht vor", "zwischen ... und ..."). */
static size_t when_try_time(struct when_state *st, size_t i)
{
	const struct nlu_toks *tk = st->tk;
	struct when_tc tc;
	memset(&tc, 0, sizeof(tc));
	size_t k = i;
	bool neg = false, mod = false;
	while (k < tk->n && k < i + 4 && !st->used[k] && when_in(st, k, when_mods)) {
		const char *w = tk->t[k].w;
		if (strcmp(w, "nicht") == 0) {
			neg = true;
		} else if (strcmp(w, "gegen") == 0 || strcmp(w, "etwa") == 0 || strcmp(w, "ungefaehr") == 0 ||
			   strcmp(w, "circa") == 0 || strcmp(w, "ca") == 0 || strcmp(w, "zirka") == 0 ||
			   strcmp(w, "rund") == 0 || strcmp(w, "so") == 0) {
			tc.approx = true;
			mod = mod || strcmp(w, "so") != 0;
		} else if (strcmp(w, "ab") == 0 || strcmp(w, "fruehestens") == 0 || strcmp(w, "nach") == 0) {
			tc.rel = 'a';
			mod = true;
		} else if (strcmp(w, "vor") == 0 || strcmp(w, "bis") == 0) {
			tc.rel = 'b';
			mod = true;
		} else if (strcmp(w, "spaetestens") == 0) {
			tc.rel = 'i';
			mod = true;
		} else if (strcmp(w, "zwischen") == 0 || strcmp(w, "von") == 0) {
			tc.rel = 'w';
			mod = true;
		} else if (strcmp(w, "um") == 0) {
			mod = true;
		}
		k++;
	}
	/* "gegen Mittag", "ab mittags", "bis mittag" */
	if (mod && (nlu_is(tk, k, "mittag") || nlu_is(tk, k, "mittags")) && !st->used[k]) {
		tc.h = 12;
		tc.fixed = true;
		tc.pos = i;
		tc.end = k + 1;
		if (tc.rel == 'w')
			tc.rel = 'a';
		if (tc.rel == 0)
			tc.approx = true;
		tc.neg = neg && tc.rel == 0;
		if (neg && tc.rel == 'a')
			tc.rel = 'b';
		else if (neg && tc.rel == 'b')
			tc.rel = 'a';
		when_push_time(st, &tc);
		return k + 1 - i;
	}
	bool bare = mod || st->bare;
	/* "10 bis 12 Uhr", "um 10 oder 11": a lone number next to a clear time */
	if (!bare && (nlu_is(tk, k + 1, "bis") || nlu_is(tk, k + 1, "und")) && nlu_isnum(tk, k + 2) &&
	    nlu_is(tk, k + 3, "uhr"))
		bare = true;
	if (!bare && k > 0 && (nlu_is(tk, k - 1, "oder") || nlu_is(tk, k - 1, "und")) && st->ntimes > 0 &&
	    st->times[st->ntimes - 1].end + 1 == k)
		bare = true;
	if (bare && k > 0 && (nlu_is(tk, k - 1, "nummer") || nlu_is(tk, k - 1, "option") ||
			      nlu_is(tk, k - 1, "variante") || nlu_is(tk, k - 1, "in")))
		return 0;
	if (!mod && when_ord(st, k))
		return 0;   /* "den ersten", "fünfter": a choice or a day, not a time */
	size_t used = when_core(st, k, bare, &tc);
	if (used == 0)
		return 0;
	size_t end = k + used;
	if (tc.rel == 0 && (nlu_is(tk, end, "bis") || (nlu_is(tk, end, "und") && tc.approx))) {
		struct when_tc t2;
		memset(&t2, 0, sizeof(t2));
		size_t u2 = when_core(st, end + 1, true, &t2);
		if (u2 > 0) {
			tc.rel = 'w';
			tc.approx = false;
			tc.h2 = t2.h;
			tc.m2 = t2.m;
			tc.fixed2 = t2.fixed;
			if (tc.dp == DP_NONE)
				tc.dp = t2.dp;
			end += 1 + u2;
		}
	} else if (tc.rel == 'w') {
		struct when_tc t2;
		memset(&t2, 0, sizeof(t2));
		size_t u2 = 0;
		if (nlu_is(tk, end, "und") || nlu_is(tk, end, "bis")) {
			size_t s2 = end + 1;
			if (nlu_is(tk, s2, "um"))
				s2++;
			u2 = when_core(st, s2, true, &t2);
			if (u2 > 0)
				end = s2 + u2;
		}
		if (u2 > 0) {
			tc.h2 = t2.h;
			tc.m2 = t2.m;
			tc.fixed2 = t2.fixed;
			if (tc.dp == DP_NONE)
				tc.dp = t2.dp;
		} else {
			tc.rel = 'a';
		}
		tc.approx = false;
	}
	if (neg) {
		if (tc.rel == 'a')
			tc.rel = 'b';
		else if (tc.rel == 'b' || tc.rel == 'i')
			tc.rel = 'a';
		else
			tc.neg = true;
	}
	if (tc.rel != 0)
		tc.approx = false;
	/* "ich arbeite bis fünf, danach": the caller is busy until then */
	if (tc.rel == 'b') {
		bool busy = false;
		size_t from = i > 3 ? i - 3 : 0;
		for (size_t q = from; q < end + 4 && q < tk->n && !busy; q++)
			busy = nlu_prefix(tk, q, "arbeit") || nlu_prefix(tk, q, "schicht") || (nlu_prefix(tk, q, "dienst") && nlu_weekday(tk->t[q].w) < 0) ||
			       nlu_prefix(tk, q, "schule") || nlu_is(tk, q, "beschaeftigt") || nlu_is(tk, q, "unterwegs") ||
			       (q >= end && (nlu_is(tk, q, "danach") || nlu_is(tk, q, "anschliessend")));
		if (busy)
			tc.rel = 'a';
	}
	tc.pos = i;
	tc.end = end;
	when_push_time(st, &tc);
	return end - i;
}

/* "in zwei Stunden", "in einer halben Stunde", "in 20 Minuten": wall clock plus that. */
static size_t when_try_reltime(struct when_state *st, size_t i)
{
	static const char *const one[] = { "einer", "einem", "ner", "eine", "ein", NULL };
	const struct nlu_toks *tk = st->tk;
	if (!nlu_is(tk, i, "in"))
		return 0;
	size_t k = i + 1;
	int n = -1, mins;
	if (nlu_isnum(tk, k) && !when_ord(st, k))
		n = tk->t[k++].num;
	else if (nlu_oneof(tk, k, one) >= 0)
		n = 1, k++;
	else if (nlu_is(tk, k, "anderthalb") || nlu_is(tk, k, "eineinhalb"))
		n = -2, k++;
	else
		return 0;
	if ((nlu_is(tk, k, "halben") || nlu_is(tk, k, "halbe")) && nlu_prefix(tk, k + 1, "stunde") && n == 1) {
		mins = 30;
		k += 2;
	} else if (nlu_is(tk, k, "viertelstunde") && n == 1) {
		mins = 15;
		k++;
	} else if (nlu_is(tk, k, "dreiviertelstunde") && n == 1) {
		mins = 45;
		k++;
	} else if (nlu_is(tk, k, "stunde") || nlu_is(tk, k, "stunden")) {
		mins = n == -2 ? 90 : n * 60;
		k++;
	} else if ((nlu_is(tk, k, "minute") || nlu_is(tk, k, "minuten")) && n >= 0) {
		mins = n;
		k++;
	} else {
		return 0;
	}
	if (mins < 0 || mins > 72 * 60)
		return 0;
	struct when_tc tc;
	memset(&tc, 0, sizeof(tc));
	struct civil_time at = civil_from_seconds(civil_to_seconds(st->ctx->now) + (int64_t)mins * 60);
	tc.abs = true;
	tc.absdate = at.date;
	tc.absmin = at.hour * 60 + at.minute;
	tc.fixed = true;
	tc.h = at.hour;
	tc.m = at.minute;
	tc.pos = i;
	tc.end = k;
	when_push_time(st, &tc);
	return k - i;
}

/* ---- days ---- */

static const char *const when_next[] = {
	"naechste", "naechsten", "naechster", "naechstes", "kommende", "kommenden", "kommender", "kommendes", NULL,
};
static const char *const when_this[] = { "diese", "diesen", "dieser", "dieses", "diesem", NULL };
static const char *const when_after_next[] = {
	"uebernaechste", "uebernaechsten", "uebernaechster", "uebernaechstes", NULL,
};
static const char *const when_articles[] = {
	"am", "an", "den", "der", "dem", "zum", "zur", "fuer", "fuers", "im", "in", "auf", "des", NULL,
};

/* "nächste Woche", "in der nächsten Woche", "diese Woche": calendar weeks from now, and tokens. */
static size_t when_week_at(const struct when_state *st, size_t i, int *off)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = i;
	if (nlu_is(tk, k, "in") && (nlu_is(tk, k + 1, "der") || nlu_is(tk, k + 1, "dieser")))
		k += nlu_is(tk, k + 1, "der") ? 2 : 1;
	else if (nlu_is(tk, k, "der") || nlu_is(tk, k, "die"))
		k++;
	int o;
	if (nlu_oneof(tk, k, when_next) >= 0)
		o = 1;
	else if (nlu_oneof(tk, k, when_this) >= 0)
		o = 0;
	else if (nlu_oneof(tk, k, when_after_next) >= 0)
		o = 2;
	else
		return 0;
	if (!nlu_is(tk, k + 1, "woche") || !when_free(st, i, k + 2))
		return 0;
	*off = o;
	return k + 2 - i;
}

/* "in zwei Wochen", "in einer Woche", "in 14 Tagen": weeks (or days in *days). */
static size_t when_in_at(const struct when_state *st, size_t i, int *weeks, int *days)
{
	static const char *const one[] = { "einer", "einem", "ner", "eine", NULL };
	const struct nlu_toks *tk = st->tk;
	if (!nlu_is(tk, i, "in") || !when_free(st, i, i + 3))
		return 0;
	int n;
	if (nlu_isnum(tk, i + 1) && !when_ord(st, i + 1))
		n = tk->t[i + 1].num;
	else if (nlu_oneof(tk, i + 1, one) >= 0)
		n = 1;
	else
		return 0;
	*weeks = *days = -1;
	if ((nlu_is(tk, i + 2, "woche") || nlu_is(tk, i + 2, "wochen")) && n >= 1 && n <= 52)
		*weeks = n;
	else if ((nlu_is(tk, i + 2, "tag") || nlu_is(tk, i + 2, "tagen")) && n >= 1 && n <= 366) {
		if (n == 8)
			*weeks = 1;          /* "in acht Tagen" is German for a week */
		else if (n == 14)
			*weeks = 2;
		else
			*days = n;
	} else {
		return 0;
	}
	return 3;
}

static bool when_push_day(struct when_state *st, struct when_day *d, size_t pos, size_t end)
{
	if (st->ndays >= WHEN_MAX_CANDS)
		return false;
	d->pos = pos;
	d->end = end;
	st->days[st->ndays++] = *d;
	when_mark(st, pos, end);
	return true;
}

static void when_day_init(struct when_day *d, enum when_dk kind)
{
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->week = -1;
	d->inweeks = -1;
	d->wd = -1;
}

/* A day of the month at i, with its month and year when said: "3.12.", "3. Dezember 2026",
 * "dritten zwölften", or (after an article) "am zwölften", "am 3.". */
static size_t when_dom_at(const struct when_state *st, size_t i, bool article, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	if (i >= tk->n || st->used[i])
		return 0;
	const struct nlu_tok *t = &tk->t[i];
	size_t k = i + 1;
	when_day_init(d, DK_DOM);
	if (t->flags & NLU_TOK_DATE) {
		d->day = t->num;
		d->month = t->num2;
		d->year = t->num3;
		return 1;
	}
	int day = when_num(st, i);
	if (day < 1 || day > 31)
		return 0;
	d->day = day;
	if (nlu_is(tk, k, "des") && nlu_is(tk, k + 1, "monats"))
		return 3;
	int month = k < tk->n ? nlu_month(tk->t[k].w) : 0;
	if (month > 0) {
		d->month = month;
		k++;
		int y = when_num(st, k);
		if (y >= 1900 && y <= 2200) {
			d->year = y;
			k++;
		}
		return k - i;
	}
	int m2 = when_num(st, k);
	if (when_ord(st, i) && m2 >= 1 && m2 <= 12 && (when_ord(st, k) || article) && !nlu_is(tk, k + 1, "uhr") &&
	    nlu_oneof(tk, k + 1, when_units) < 0) {
		d->month = m2;   /* "am dritten zwölften", "3. 12." */
		k++;
		int y = when_num(st, k);
		if (y >= 1900 && y <= 2200) {
			d->year = y;
			k++;
		}
		return k - i;
	}
	if (nlu_is(tk, k, "uhr") || nlu_oneof(tk, k, when_units) >= 0 || nlu_is(tk, k, "nach") ||
	    nlu_is(tk, k, "vor") || nlu_is(tk, k, "bis"))
		return 0;
	return article ? 1 : 0;
}

/* A month at i, with "Anfang"/"Mitte"/"Ende" before it handled by the caller. */
static size_t when_month_at(const struct when_state *st, size_t i, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = i;
	if (nlu_is(tk, k, "im") || nlu_is(tk, k, "des"))
		k++;
	when_day_init(d, DK_MONTH);
	if (k < tk->n && !st->used[k] && nlu_month(tk->t[k].w) > 0) {
		d->month = nlu_month(tk->t[k].w);
		k++;
		int y = when_num(st, k);
		if (y >= 1900 && y <= 2200) {
			d->year = y;
			k++;
		}
		return k - i;
	}
	int rel;
	if (nlu_oneof(tk, k, when_next) >= 0)
		rel = 1;
	else if (nlu_oneof(tk, k, when_this) >= 0)
		rel = 0;
	else if (nlu_oneof(tk, k, when_after_next) >= 0)
		rel = 2;
	else if (nlu_is(tk, k, "monats") || nlu_is(tk, k, "monat"))
		rel = -1;
	else
		return 0;
	if (rel >= 0) {
		k++;
		if (!nlu_is(tk, k, "monat") && !nlu_is(tk, k, "monats"))
			return 0;
	}
	d->rel = rel < 0 ? 0 : rel;
	return k + 1 - i;
}

static int when_part(const struct when_state *st, size_t i)
{
	if (nlu_is(st->tk, i, "anfang") || nlu_is(st->tk, i, "beginn") || nlu_is(st->tk, i, "anfangs"))
		return PART_START;
	if (nlu_is(st->tk, i, "mitte"))
		return PART_MID;
	if (nlu_is(st->tk, i, "ende"))
		return PART_END;
	return PART_WHOLE;
}

/* Any mention of a day at i. */
static size_t when_try_day(struct when_state *st, size_t i)
{
	const struct nlu_toks *tk = st->tk;
	struct when_day d;
	size_t k = i, u;
	char relation = 0;
	bool article = false;
	int off, weeks, days;
	if (nlu_is(tk, k, "ab") || nlu_is(tk, k, "fruehestens")) {
		relation = 'a';
		k++;
	} else if (nlu_is(tk, k, "nach")) {
		relation = 'n';
		k++;
	} else if (nlu_is(tk, k, "bis") || nlu_is(tk, k, "spaetestens")) {
		relation = 'b';
		k++;
	} else if (nlu_is(tk, k, "vor")) {
		relation = 'v';
		k++;
	}
	size_t start = k;
	while (k < start + 2 && nlu_oneof(tk, k, when_articles) >= 0 && !nlu_is(tk, k, "in") &&
	       !(nlu_is(tk, k, "der") && (nlu_oneof(tk, k + 1, when_next) >= 0 || nlu_oneof(tk, k + 1, when_this) >= 0))) {
		k++;
		article = true;
	}
	if (k >= tk->n || !when_free(st, i, k + 1))
		return 0;
	const char *w = tk->t[k].w;

	/* heute, morgen, übermorgen */
	int rel = -1;
	size_t rl = 1;
	if (strcmp(w, "heute") == 0 || strcmp(w, "heut") == 0)
		rel = 0;
	else if (strcmp(w, "morgen") == 0 &&
		 !(k > 0 && (nlu_is(tk, k - 1, "guten") || nlu_is(tk, k - 1, "heute") || nlu_weekday(tk->t[k - 1].w) >= 0 ||
			     (nlu_is(tk, k - 1, "am") && k - 1 >= i))))
		rel = 1;
	else if (strncmp(w, "morgig", 6) == 0)
		rel = 1;
	else if (strcmp(w, "uebermorgen") == 0)
		rel = 2;
	else if (strcmp(w, "ueberuebermorgen") == 0)
		rel = 3;
	if (rel >= 0) {
		when_day_init(&d, DK_REL);
		d.rel = rel;
		d.relation = relation;
		if (rel == 0 && nlu_is(tk, k + 1, "morgen")) {
			/* "heute morgen": this morning */
			if (st->ndps < WHEN_MAX_CANDS) {
				st->dps[st->ndps].dp = DP_EARLY;
				st->dps[st->ndps].pos = k + 1;
				st->dps[st->ndps++].end = k + 2;
			}
			rl = 2;
		}
		return when_push_day(st, &d, i, k + rl) ? k + rl - i : 0;
	}

	/* [nächsten|diesen|übernächsten] Dienstag */
	int skip = 0;
	bool mod = false;
	if (nlu_oneof(tk, k, when_next) >= 0 || nlu_oneof(tk, k, when_this) >= 0) {
		mod = true;
	} else if (nlu_oneof(tk, k, when_after_next) >= 0) {
		mod = true;
		skip = 1;
	}
	int wd = mod ? (k + 1 < tk->n ? nlu_weekday(tk->t[k + 1].w) : -1) : nlu_weekday(w);
	if (wd >= 0) {
		when_day_init(&d, DK_WD);
		d.wd = wd;
		d.skip = skip;
		d.relation = relation;
		d.today = k > 0 && nlu_is(tk, k - 1, "heute");
		size_t e = k + (mod ? 2 : 1);
		/* "Dienstag, den 1. Dezember": the date says it all */
		size_t a = e;
		while (a < e + 2 && (nlu_is(tk, a, "den") || nlu_is(tk, a, "der") || nlu_is(tk, a, "dem")))
			a++;
		struct when_day dd;
		size_t dl = when_dom_at(st, a, a > e, &dd);
		if (dl > 0 && (dd.month > 0 || a > e)) {
			dd.relation = relation;
			return when_push_day(st, &dd, i, a + dl) ? a + dl - i : 0;
		}
		return when_push_day(st, &d, i, e) ? e - i : 0;
	}

	/* Anfang / Mitte / Ende of a week or a month */
	int part = when_part(st, k);
	size_t pk = part != PART_WHOLE ? k + 1 : k;
	if (part != PART_WHOLE) {
		size_t q = pk;
		if (nlu_is(tk, q, "der") || nlu_is(tk, q, "des") || nlu_is(tk, q, "dieser") || nlu_is(tk, q, "diesen") ||
		    nlu_is(tk, q, "dieses")) {
			bool this = !nlu_is(tk, q, "der") && !nlu_is(tk, q, "des");
			if (nlu_is(tk, q + 1, "woche")) {
				when_day_init(&d, DK_WEEK);
				d.week = this ? 0 : -2;   /* -2: this week, or next when it is over */
				d.part = part;
				d.relation = relation;
				return when_push_day(st, &d, i, q + 2) ? q + 2 - i : 0;
			}
			if (nlu_is(tk, q + 1, "monats")) {
				when_day_init(&d, DK_MONTH);
				d.part = part;
				d.relation = relation;
				return when_push_day(st, &d, i, q + 2) ? q + 2 - i : 0;
			}
		}
		if ((nlu_oneof(tk, q, when_next) >= 0 || nlu_oneof(tk, q, when_after_next) >= 0) &&
		    nlu_is(tk, q + 1, "woche")) {
			when_day_init(&d, DK_WEEK);
			d.week = nlu_oneof(tk, q, when_next) >= 0 ? 1 : 2;
			d.part = part;
			d.relation = relation;
			return when_push_day(st, &d, i, q + 2) ? q + 2 - i : 0;
		}
		if (nlu_is(tk, q, "woche")) {
			when_day_init(&d, DK_WEEK);
			d.week = -2;
			d.part = part;
			return when_push_day(st, &d, i, q + 1) ? q + 1 - i : 0;
		}
		u = when_month_at(st, q, &d);
		if (u > 0) {
			d.part = part;
			d.relation = relation;
			return when_push_day(st, &d, i, q + u) ? q + u - i : 0;
		}
		return 0;
	}

	/* nächste Woche [Dienstag] */
	u = when_week_at(st, k, &off);
	if (u > 0) {
		when_day_init(&d, DK_WEEK);
		d.week = off;
		d.relation = relation;
		return when_push_day(st, &d, i, k + u) ? k + u - i : 0;
	}
	/* [nächstes] Wochenende */
	{
		size_t q = k;
		int o = 0;
		if (nlu_oneof(tk, q, when_next) >= 0 || nlu_oneof(tk, q, when_this) >= 0)
			q++;
		else if (nlu_oneof(tk, q, when_after_next) >= 0)
			q++, o = 1;
		if (nlu_is(tk, q, "wochenende") && when_free(st, k, q + 1)) {
			when_day_init(&d, DK_WEEK);
			d.week = -3 - o;   /* the coming weekend, or the one after */
			d.part = PART_WEEKEND;
			d.relation = relation;
			return when_push_day(st, &d, i, q + 1) ? q + 1 - i : 0;
		}
	}
	/* in zwei Wochen, in drei Tagen */
	u = when_in_at(st, k, &weeks, &days);
	if (u > 0) {
		if (weeks > 0) {
			when_day_init(&d, DK_INWEEKS);
			d.inweeks = weeks;
		} else {
			when_day_init(&d, DK_REL);
			d.rel = days;
		}
		d.relation = relation;
		return when_push_day(st, &d, i, k + u) ? k + u - i : 0;
	}
	/* holidays */
	{
		int m0 = 0, d0 = 0, m1 = 0, d1 = 0;
		size_t hl = 1;
		if (strcmp(w, "heiligabend") == 0 || strcmp(w, "heiligenabend") == 0)
			m0 = m1 = 12, d0 = d1 = 24;
		else if (strcmp(w, "silvester") == 0 || strcmp(w, "sylvester") == 0)
			m0 = m1 = 12, d0 = d1 = 31;
		else if (strcmp(w, "neujahr") == 0)
			m0 = m1 = 1, d0 = d1 = 1;
		else if (strcmp(w, "weihnachten") == 0)
			m0 = m1 = 12, d0 = 24, d1 = 26;
		else if (strcmp(w, "zwischen") == 0 && nlu_is(tk, k + 1, "den") && nlu_is(tk, k + 2, "jahren"))
			m0 = m1 = 12, d0 = 27, d1 = 30, hl = 3;
		if (m0 > 0) {
			when_day_init(&d, DK_SPAN);
			struct civil_date a = { st->today.year, m0, d0 }, b = { st->today.year, m1, d1 };
			if (civil_cmp(b, st->today) < 0) {
				a.year++;
				b.year++;
			}
			d.d0 = a;
			d.d1 = b;
			d.relation = relation;
			return when_push_day(st, &d, i, k + hl) ? k + hl - i : 0;
		}
	}
	/* a day of the month */
	bool dom_article = article && !nlu_is(tk, k - 1, "im") && !nlu_is(tk, k - 1, "auf");
	if (dom_article && st->ctx->expect == NLU_EXPECT_CHOICE && !nlu_is(tk, k - 1, "am") &&
	    !nlu_is(tk, k - 1, "zum") && when_num(st, k) >= 1 && when_num(st, k) <= 5 && !when_is_month_next(st, k + 1))
		return 0;   /* "den zweiten": the second offered slot */
	if (!dom_article && (relation != 0 || st->ctx->expect == NLU_EXPECT_DATE) && when_ord(st, k))
		dom_article = true;   /* "ab 3.", or "fünfter" when asked for a day */
	u = when_dom_at(st, k, dom_article || (k == i && when_ord(st, k) && nlu_is(tk, k + 1, "geht")), &d);
	if (u > 0) {
		d.relation = relation;
		return when_push_day(st, &d, i, k + u) ? k + u - i : 0;
	}
	/* a month */
	u = when_month_at(st, k > start && nlu_is(tk, k - 1, "im") ? k - 1 : k, &d);
	if (u > 0) {
		size_t s = k > start && nlu_is(tk, k - 1, "im") ? k - 1 : k;
		d.relation = relation;
		return when_push_day(st, &d, i, s + u) ? s + u - i : 0;
	}
	return 0;
}

/* ---- preferences ---- */

static size_t when_try_pref(struct when_state *st, size_t i)
{
	static const char *const soon[] = {
		"so schnell wie moeglich", "so bald wie moeglich", "so frueh wie moeglich", "so schnell es geht",
		"moeglichst bald", "moeglichst schnell", "moeglichst frueh", "moeglichst zeitnah",
		"naechsten freien termin", "naechste freie termin", "naechster freier termin",
		"ersten freien termin", "erste freie termin", "erstbesten termin", "naechstmoeglichen termin",
		"fruehesten termin", "frueheste termin", "fruehester termin", "egal wann", "wann immer",
		"jederzeit", "wann sie wollen", "wann es ihnen passt", "jetzt gleich", "gleich jetzt",
		"schnellstmoeglich", "baldmoeglichst", "baldigst", "fruehestmoeglich", "naechstmoeglich",
		"naechstmoeglichen", "fruehestmoeglichen", "asap", "sofort", "zeitnah", "bald", "schnellstens",
		NULL,
	};
	static const char *const earlier[] = { "zu spaet", "nicht so spaet", "frueher", "eher frueher", NULL };
	static const char *const later[] = { "zu frueh", "nicht so frueh", "spaeter", NULL };
	const struct nlu_toks *tk = st->tk;
	const char *const *lists[] = { soon, earlier, later };
	const enum when_pref prefs[] = { WHEN_PREF_SOONEST, WHEN_PREF_EARLIER, WHEN_PREF_LATER };
	for (size_t l = 0; l < 3; l++) {
		for (size_t k = 0; lists[l][k] != NULL; k++) {
			const char *p = lists[l][k];
			size_t j = i;
			bool ok = true;
			while (*p && ok) {
				const char *sp = strchr(p, ' ');
				size_t wl = sp ? (size_t)(sp - p) : strlen(p);
				ok = j < tk->n && !st->used[j] && tk->t[j].len == wl && memcmp(tk->t[j].w, p, wl) == 0;
				j++;
				p += wl + (sp ? 1 : 0);
			}
			if (!ok)
				continue;
			/* "früher Nachmittag" is a part of the day; "ich rufe später an", "bis später" no wish */
			enum when_dp dp;
			if (when_dp_at(st, j, &dp) > 0 && (dp == DP_AFTERNOON || dp == DP_EVENING))
				return 0;
			if (i > 0 && nlu_is(tk, i - 1, "bis"))
				return 0;   /* "bis später", "bis bald" */
			st->pref = prefs[l];
			when_mark(st, i, j);
			return j - i;
		}
	}
	return 0;
}

static size_t when_try_dp(struct when_state *st, size_t i)
{
	enum when_dp dp;
	size_t l = when_dp_at(st, i, &dp);
	/* "Montag morgen", "Montagmorgen" */
	if (l == 0 && nlu_is(st->tk, i, "morgen") && i > 0 && nlu_weekday(st->tk->t[i - 1].w) >= 0) {
		dp = DP_EARLY;
		l = 1;
	}
	/* "einen schönen Abend", "guten Abend" wish well, they ask for nothing */
	if (l == 1 && i > 0 && (nlu_prefix(st->tk, i - 1, "schoen") || nlu_is(st->tk, i - 1, "guten")))
		return 0;
	if (l == 0 || st->ndps >= WHEN_MAX_CANDS)
		return 0;
	st->dps[st->ndps].dp = dp;
	st->dps[st->ndps].pos = i;
	st->dps[st->ndps].end = i + l;
	st->ndps++;
	when_mark(st, i, i + l);
	return l;
}

void when_scan(struct when_state *st)
{
	const struct nlu_toks *tk = st->tk;
	size_t n = tk->n < NLU_MAX_TOKENS ? tk->n : NLU_MAX_TOKENS;
	for (size_t i = 0; i < n;) {
		size_t u = 0;
		if (!st->used[i]) {
			u = when_try_reltime(st, i);
			if (u == 0)
				u = when_try_time(st, i);
			if (u == 0)
				u = when_try_day(st, i);
			if (u == 0)
				u = when_try_pref(st, i);
			if (u == 0)
				u = when_try_dp(st, i);
		}
		i += u > 0 ? u : 1;
	}
}

bool when_word(const char *w)
{
	static const char *const words[] = {
		"heute", "morgen", "uebermorgen", "uhr", "halb", "viertel", "dreiviertel", "woche", "wochen",
		"wochenende", "monat", "monats", "tag", "tage", "tagen", "stunde", "stunden", "minute", "minuten",
		"frueh", "frueher", "spaet", "spaeter", "abend", "abends", "morgens", "vormittag", "vormittags",
		"mittag", "mittags", "nachmittag", "nachmittags", "nacht", "nachts", "anfang", "mitte", "ende",
		"gegen", "um", "ab", "bis", "zwischen", "punkt", "kurz", "rum", "herum", "etwa", "ungefaehr",
		"circa", "heiligabend", "silvester", "neujahr", "weihnachten", "jahren", "jahr", "jetzt", "sofort",
		"gleich", "bald", "naechste", "naechsten", "naechster", "kommende", "kommenden", "diese", "diesen",
		"dieser", "uebernaechste", "uebernaechsten", "feierabend", "tagsueber", "zeitnah", NULL,
	};
	for (size_t k = 0; words[k] != NULL; k++)
		if (strcmp(w, words[k]) == 0)
			return true;
	return nlu_weekday(w) >= 0 || nlu_month(w) > 0;
}
