/* when_clock.c: finds what a caller says about the time of day: clock times ("14:30", "halb drei",
 * "Viertel nach vier", "in zwei Stunden", "zur gleichen Zeit") and parts of the day ("nachmittags"). */
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
	{ "spaetnachmittag", DP_LATE_AFTERNOON },        { "spaetabend", DP_LATE },
	{ "fruehnachmittags", DP_EARLY_AFTERNOON },      { "fruehnachmittag", DP_EARLY_AFTERNOON },
	{ "fruehabends", DP_EARLY_EVENING },             { "spaetvormittags", DP_LATE_MORNING },
	{ "spaetvormittag", DP_LATE_MORNING },           { "fruehvormittags", DP_EARLY },
	{ "auf d nacht", DP_EVENING },                   { "auf die nacht", DP_EVENING },
	{ "auf dnacht", DP_EVENING },
	{ "in da frueh", DP_EARLY },
	{ "fruehmorgens", DP_EARLY },                    { "morgens", DP_EARLY },
	{ "frueh", DP_EARLY },                           { "vormittag", DP_FORENOON },
	{ "vormittags", DP_FORENOON },                   { "mittags", DP_NOON },
	{ "mittagszeit", DP_NOON },                      { "mittagspause", DP_NOON },
	{ "mittag", DP_NOON },
	{ "nachmittag", DP_AFTERNOON },                  { "nachmittags", DP_AFTERNOON },
	{ "abend", DP_EVENING },                         { "abends", DP_EVENING },
	{ "feierabend", DP_AFTER_WORK },                 { "tagsueber", DP_DAYTIME },
	{ "nachts", DP_NIGHT },                          { "nacht", DP_NIGHT },
};

/* An hour as said after "halb", "viertel nach", "um": 0..24 (from digits or words). */
static bool when_hour(const struct when_state *st, size_t i, int *h)
{
	if (i >= st->tk->n || st->used[i])
		return false;
	int v = when_num(st, i);
	if (v < 0 && (nlu_is(st->tk, i, "ein") || nlu_is(st->tk, i, "eins")))
		v = 1;
	/* ("halb achte": the southern "-e" hour, not the eighth) */
	if (v < 0 || v > 24 || (when_ord(st, i) && !nlu_is(st->tk, i, "achte")))
		return false;
	*h = v;
	return true;
}

/* ---- parts of the day ---- */

/* A day-part phrase at i: its length, or 0. */
size_t when_dp_at(const struct when_state *st, size_t i, enum when_dp *dp)
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
		/* "wie früh soll ich da sein" asks, "entschuldigen Sie die frühe Störung", "dass ich
		 * so früh anrufe" apologise */
		if (ok && j == i + 1 && nlu_is(tk, i, "frueh") &&
		    ((i > 0 && nlu_is(tk, i - 1, "wie")) || nlu_is(tk, j, "stoerung") || nlu_is(tk, j, "stunde") ||
		     (i > 0 && (nlu_is(tk, i - 1, "so") || nlu_is(tk, i - 1, "zu")) &&
		      (nlu_prefix(tk, j, "anruf") || nlu_prefix(tk, j, "anrief") || nlu_prefix(tk, j, "stoer") ||
		       nlu_prefix(tk, j, "klingel")))))
			ok = false;
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
	"um", "gegen", "so", "etwa", "ungefaehr", "circa", "ca", "zirka", "rund", "ab", "nach", "fruehestens", "fruehstens",
	"erst", "vor", "bis", "spaetestens", "zwischen", "von", "nicht", "also", "sagen", "wir", "mal", NULL,
};

/* A time form's reading: hour h (0..24), minute m, tokens up to j. */
struct when_hm {
	int h, m;
	size_t j;
};

/* "halb drei", "Viertel nach vier", "viertel zehn", "dreiviertel vier", "punkt zwölf". */
static bool when_form_quarter(const struct when_state *st, size_t i, struct when_hm *r)
{
	const struct nlu_toks *tk = st->tk;
	int n;
	if ((nlu_is(tk, i, "halb") || nlu_is(tk, i, "halber") || nlu_is(tk, i, "halbi")) && when_hour(st, i + 1, &n) &&
	    n >= 1) {
		*r = (struct when_hm){ n - 1, 30, i + 2 };
		return true;
	}
	if (nlu_is(tk, i, "viertel")) {
		if (nlu_is(tk, i + 1, "nach") && when_hour(st, i + 2, &n))
			*r = (struct when_hm){ n, 15, i + 3 };
		else if (nlu_is(tk, i + 1, "vor") && when_hour(st, i + 2, &n) && n >= 1)
			*r = (struct when_hm){ n - 1, 45, i + 3 };
		else if (when_hour(st, i + 1, &n) && n >= 1 && !nlu_is(tk, i + 2, "uhr"))
			*r = (struct when_hm){ n - 1, 15, i + 2 };   /* "viertel zehn" = 9:15 */
		else
			return false;
		return true;
	}
	if (nlu_is(tk, i, "dreiviertel") || (nlu_is(tk, i, "drei") && nlu_is(tk, i + 1, "viertel"))) {
		size_t k = nlu_is(tk, i, "dreiviertel") ? i + 1 : i + 2;
		if (!when_hour(st, k, &n) || n < 1)
			return false;
		*r = (struct when_hm){ n - 1, 45, k + 1 };
		return true;
	}
	if (nlu_is(tk, i, "punkt") && when_hour(st, i + 1, &n)) {
		*r = (struct when_hm){ n, 0, i + 2 };
		return true;
	}
	return false;
}

/* "kurz nach drei", "zehn vor halb vier", "fünf nach zehn". */
static bool when_form_relative(const struct when_state *st, size_t i, struct when_tc *tc, struct when_hm *r)
{
	const struct nlu_toks *tk = st->tk;
	int mins, n = when_num(st, i), h;
	/* "zehn Minuten nach drei" */
	size_t o = i + (n >= 1 && (nlu_is(tk, i + 1, "minuten") || nlu_is(tk, i + 1, "minute")) ? 1 : 0);
	if (nlu_is(tk, i, "kurz") && (nlu_is(tk, i + 1, "nach") || nlu_is(tk, i + 1, "vor")))
		mins = 5;
	else if (n >= 1 && n <= 29 && !when_ord(st, i) && (nlu_is(tk, o + 1, "nach") || nlu_is(tk, o + 1, "vor")) &&
		 (when_hour(st, o + 2, &h) || (nlu_is(tk, o + 2, "halb") && when_hour(st, o + 3, &h))))
		mins = n;
	else
		return false;
	bool after = nlu_is(tk, o + 1, "nach"), half = nlu_is(tk, o + 2, "halb");
	size_t k = o + 2 + (half ? 1 : 0);
	if (!when_hour(st, k, &n) || (n < 1 && !after))
		return false;
	if (half)
		*r = (struct when_hm){ n - 1, after ? 30 + mins : 30 - mins, k + 1 };
	else if (after)
		*r = (struct when_hm){ n, mins, k + 1 };
	else
		*r = (struct when_hm){ n - 1, 60 - mins, k + 1 };
	tc->approx = tc->approx || nlu_is(tk, i, "kurz");
	return true;
}

/* Minutes said after an hour ("14 Uhr 30", "zehn dreißig"): the value, or -1. */
static int when_minutes_at(const struct when_state *st, size_t j, bool round)
{
	int mm = when_num(st, j);
	if (mm < 0 || mm > 59 || (round && (mm < 5 || mm % 5 != 0)) || when_ord(st, j) || j >= st->tk->n || st->used[j] ||
	    nlu_is(st->tk, j + 1, "uhr") || nlu_oneof(st->tk, j + 1, when_units) >= 0)
		return -1;
	return mm;
}

/* "14:30", "um 1730", "14 Uhr 30", and, when allowed, a bare "zehn" or "zehn dreißig". */
static bool when_form_number(const struct when_state *st, size_t i, bool bare, struct when_tc *tc, struct when_hm *r)
{
	const struct nlu_toks *tk = st->tk;
	const struct nlu_tok *t = &tk->t[i];
	int n = when_num(st, i);
	if (t->flags & NLU_TOK_CLOCK) {
		*r = (struct when_hm){ t->num, t->num2, i + 1 };
		tc->fixed = t->num == 0 || t->num > 12;
		return true;
	}
	/* "um 12.05", "gegen 9.15": after "um" or "gegen" a dotted pair with two digits after the
	 * dot is a time ("ab 1.12" stays the first of December) */
	static const char *const at[] = { "um", "gegen", "circa", "ca", "zirka", "etwa", "ungefaehr", NULL };
	if (i > 0 && when_in(st, i - 1, at) && (t->flags & NLU_TOK_DATE) && !(t->flags & NLU_TOK_DOT) &&
	    t->num3 == 0 && t->num <= 23 && t->num2 <= 59 && t->end - t->off >= 4 && tk->src[t->end - 3] == '.') {
		*r = (struct when_hm){ t->num, t->num2, i + 1 };
		tc->fixed = t->num == 0 || t->num > 12;
		return true;
	}
	/* "der Gutschein ist von 2024": a year, unless a time follows ("von 1930 bis 2030 Uhr") */
	bool year = (n / 100 == 19 || n / 100 == 20) && nlu_is(tk, i - 1, "von") && !nlu_is(tk, i + 1, "bis") &&
		    !nlu_is(tk, i + 1, "uhr");
	if (i > 0 && when_in(st, i - 1, when_mods) && (t->flags & NLU_TOK_DIGITS) && t->len == 4 && n / 100 <= 23 &&
	    n % 100 <= 59 && !when_ord(st, i) && !year) {
		*r = (struct when_hm){ n / 100, n % 100, i + 1 };   /* "um 1730" */
		tc->fixed = true;
		return true;
	}
	/* an ordinal ("um 14.") is an hour only after a modifier */
	if (!when_hour(st, i, &n) && !(bare && n >= 0 && n <= 24 && when_ord(st, i)))
		return false;
	bool uhr = nlu_is(tk, i + 1, "uhr");
	if (!uhr && (!bare || nlu_oneof(tk, i + 1, when_units) >= 0 || when_is_month_next(st, i + 1)))
		return false;
	/* "9 bis 11.12.", "9 - 11 Dezember": the first day of a span */
	size_t b = nlu_is(tk, i + 1, "bis") ? i + 2 : when_dash(st, i + 1) ? i + 1 : 0;
	if (!uhr && b > 0 && (when_is_month_next(st, b) || when_month_tok(st, b + 1) > 0))
		return false;
	size_t j = i + (uhr ? 2 : 1);
	int mm = when_minutes_at(st, j, !uhr);   /* "um zehn dreißig" */
	*r = (struct when_hm){ n, mm >= 0 ? mm : 0, mm >= 0 ? j + 1 : j };
	tc->fixed = n == 0 || n > 12;
	return true;
}

/* A time without modifiers at i: "14:30", "14 Uhr 30", "halb drei", "Viertel nach vier",
 * "fünf nach halb drei", "viertel zehn", bare "zehn" when allowed. Tokens used, or 0. */
static size_t when_core(const struct when_state *st, size_t i, bool bare, struct when_tc *tc)
{
	const struct nlu_toks *tk = st->tk;
	struct when_hm r;
	if (i >= tk->n || st->used[i])
		return 0;
	if (!when_form_quarter(st, i, &r) && !when_form_relative(st, i, tc, &r) && !when_form_number(st, i, bare, tc, &r))
		return 0;
	int h = r.h, m = r.m;
	size_t j = r.j;
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
	if ((nlu_is(tk, j, "uhr") || (nlu_is(tk, j, "h") && (tk->t[i].flags & NLU_TOK_CLOCK))) && !st->used[j])
		j++;   /* "14:30 Uhr", "17:45h" */
	enum when_dp dp;
	size_t dl = when_dp_at(st, j, &dp);
	if (dl > 0 && dp != DP_DAYTIME) {
		tc->dp = dp;
		j += dl;
	}
	if (nlu_is(tk, j, "rum") || nlu_is(tk, j, "herum") || nlu_is(tk, j, "ungefaehr") || nlu_is(tk, j, "circa")) {
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

/* What may stand before a time: each word's effect on it. */
static const struct {
	const char *w;
	char rel;       /* 'a' from, 'b' before, 'i' at the latest, 'w' between, 0 none */
	bool approx, mod;
} when_time_mods[] = {
	{ "gegen", 0, true, true },    { "etwa", 0, true, true },     { "ungefaehr", 0, true, true },
	{ "circa", 0, true, true },    { "ca", 0, true, true },       { "zirka", 0, true, true },
	{ "rund", 0, true, true },     { "so", 0, true, false },      { "ab", 'a', false, true },
	{ "fruehestens", 'a', false, true }, { "fruehstens", 'a', false, true }, { "nach", 'a', false, true },
	{ "vor", 'b', false, true },
	{ "bis", 'b', false, true },   { "spaetestens", 'i', false, true }, { "zwischen", 'w', false, true },
	{ "von", 'w', false, true },   { "um", 0, false, true },
};

/* Reads the modifiers before a time at i into tc; *neg for "nicht", *mod when one makes a
 * bare number a time. Returns where the time itself starts. */
static size_t when_time_lead(const struct when_state *st, size_t i, struct when_tc *tc, bool *neg, bool *mod)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = i;
	*neg = *mod = false;
	while (k < tk->n && k < i + 5 && !st->used[k]) {
		/* "später als fünf", "früher als", "so um den Dreh" */
		if ((nlu_is(tk, k, "spaeter") || nlu_is(tk, k, "frueher")) && nlu_is(tk, k + 1, "als")) {
			tc->rel = tk->t[k].w[0] == 's' ? 'a' : 'b';
			*mod = true;
			k += 2;
			continue;
		}
		if (nlu_is(tk, k, "den") && nlu_is(tk, k + 1, "dreh")) {
			tc->approx = *mod = true;
			k += 2;
			continue;
		}
		if (!when_in(st, k, when_mods))
			break;
		*neg = *neg || nlu_is(tk, k, "nicht");
		for (size_t m = 0; m < sizeof(when_time_mods) / sizeof(when_time_mods[0]); m++)
			if (nlu_is(tk, k, when_time_mods[m].w)) {
				tc->approx = tc->approx || when_time_mods[m].approx;
				char rel = when_time_mods[m].rel;
				/* "bis spätestens elf", "spätestens bis elf": over by then */
				if (rel != 0 && !((rel == 'i' && tc->rel == 'b') || (rel == 'b' && tc->rel == 'i')))
					tc->rel = rel;
				else if (rel != 0)
					tc->rel = 'b';
				*mod = *mod || when_time_mods[m].mod;
			}
		k++;
	}
	return k;
}

/* "gegen Mittag", "ab mittags", "bis mittag" at k after modifiers from i. */
static size_t when_time_second(const struct when_state *st, size_t end, struct when_tc *tc, bool *found);
static bool when_busy(const struct when_state *st, size_t i, size_t end);

static size_t when_try_noon(struct when_state *st, size_t i, size_t k, struct when_tc *tc, bool neg)
{
	if (!(nlu_is(st->tk, k, "mittag") || nlu_is(st->tk, k, "mittags")) || st->used[k])
		return 0;
	tc->h = 12;
	tc->fixed = true;
	tc->pos = i;
	tc->end = k + 1;
	/* "zwischen Mittag und drei": noon to then */
	bool second = false;
	if (tc->rel == 'w')
		tc->end = when_time_second(st, k + 1, tc, &second);
	if (second) {
		tc->fixed2 = true;
		if (tc->h2 < 12)
			tc->h2 += 12;   /* (after noon) */
		when_push_time(st, tc);
		return tc->end - i;
	}
	if (tc->rel == 'w')
		tc->rel = 'a';
	if (tc->rel == 'b' && when_busy(st, i, k + 1))
		tc->rel = 'a';   /* "ich arbeite bis Mittag": free from noon */
	if (tc->rel == 0)
		tc->approx = true;
	tc->neg = neg && tc->rel == 0;
	if (neg && tc->rel == 'a')
		tc->rel = 'b';
	else if (neg && tc->rel == 'b')
		tc->rel = 'a';
	when_push_time(st, tc);
	return k + 1 - i;
}

/* The second time of a span ("zwischen zwei und vier", "10 bis 12") after end, read into tc:
 * where it ends, or end when there is none. */
static size_t when_time_second(const struct when_state *st, size_t end, struct when_tc *tc, bool *found)
{
	const struct nlu_toks *tk = st->tk;
	bool span = tc->rel == 'w';
	*found = false;
	/* "zwischen zwei und vier", "10 bis 12", "ab 10 bis 12" */
	/* "10:15 - 11:45", "17:30h/18:00h": a dash between two clock times */
	bool dash = when_dash(st, end) && (tc->rel == 0 || span) && end < tk->n && (tk->t[end].flags & NLU_TOK_CLOCK);
	if (!dash && (!(nlu_is(tk, end, "bis") || (nlu_is(tk, end, "und") && (tc->approx || span))) ||
		      !(tc->rel == 0 || span || (tc->rel == 'a' && nlu_is(tk, end, "bis")))))
		return end;
	struct when_tc t2;
	memset(&t2, 0, sizeof(t2));
	size_t s2 = dash ? end : end + 1 + (span && nlu_is(tk, end + 1, "um") ? 1 : 0);
	size_t u2 = when_core(st, s2, true, &t2);
	/* "von zehn bis Mittag": noon ends it */
	if (u2 == 0 && !dash && s2 < tk->n && !st->used[s2] && (nlu_is(tk, s2, "mittag") || nlu_is(tk, s2, "mittags"))) {
		t2.h = 12;
		t2.m = 0;
		t2.fixed = true;
		u2 = 1;
	}
	if (u2 == 0)
		return end;
	*found = true;
	tc->rel = 'w';
	tc->h2 = t2.h;
	tc->m2 = t2.m;
	tc->fixed2 = t2.fixed;
	if (tc->dp == DP_NONE)
		tc->dp = t2.dp;
	return s2 + u2;
}

/* "Schule aus", "Arbeit vorbei": word k says the duty before it is over. */
static bool when_duty_over(const struct nlu_toks *tk, size_t k)
{
	static const char *const over[] = { "aus", "vorbei", "fertig", "schluss", "feierabend", NULL };
	return nlu_oneof(tk, k, over) >= 0;
}

/* "ich arbeite bis fünf, danach": the caller is busy until then. */
static bool when_busy(const struct when_state *st, size_t i, size_t end)
{
	static const char *const then_duty[] = { "muss", "muessen", "hab", "habe", "ist", "is", "bin", "kommt", NULL };
	const struct nlu_toks *tk = st->tk;
	/* "bis elf Uhr spätestens, danach muss ich zur Spätschicht": free until then */
	if (nlu_is(tk, end, "spaetestens"))
		return false;
	for (size_t q = i > 5 ? i - 5 : 0; q < end + 4 && q < tk->n; q++) {
		if (q >= end && (nlu_is(tk, q, "danach") || nlu_is(tk, q, "anschliessend")))
			return !(nlu_oneof(tk, q + 1, then_duty) >= 0 && !nlu_is(tk, q + 2, "zeit") &&
				 !nlu_is(tk, q + 3, "zeit") && !nlu_is(tk, q + 2, "frei") && !nlu_is(tk, q + 3, "frei"));
		if (nlu_prefix(tk, q, "arbeit") || nlu_prefix(tk, q, "schicht") ||
		    (nlu_prefix(tk, q, "dienst") && nlu_weekday(tk->t[q].w) < 0) || nlu_prefix(tk, q, "schule") ||
		    nlu_is(tk, q, "beschaeftigt") || nlu_is(tk, q, "unterwegs") || nlu_prefix(tk, q, "schlaf") ||
		    nlu_prefix(tk, q, "penn"))
			return !when_duty_over(tk, q + 1);   /* ("ab zwei, da hab ich Schule aus") */
	}
	return false;
}

/* "zur selben Uhrzeit wie heute", "um die gleiche Zeit", "um diese Zeit": the time of the call. */
size_t when_try_same_time(struct when_state *st, size_t i)
{
	static const char *const same[] = { "selbe", "selben", "gleiche", "gleichen", "diese", NULL };
	const struct nlu_toks *tk = st->tk;
	size_t k = i;
	if (nlu_is(tk, k, "zur") || nlu_is(tk, k, "zu") || nlu_is(tk, k, "um"))
		k++;
	if ((nlu_is(tk, k, "der") || nlu_is(tk, k, "die")) && nlu_oneof(tk, k + 1, same) >= 0)
		k++;
	if (nlu_oneof(tk, k, same) < 0 || !(nlu_is(tk, k + 1, "uhrzeit") || nlu_is(tk, k + 1, "zeit")) ||
	    (nlu_is(tk, k, "diese") && !nlu_is(tk, i, "um")) || !when_free(st, i, k + 2))
		return 0;
	k += 2;
	if (nlu_is(tk, k, "wie") && (nlu_is(tk, k + 1, "heute") || nlu_is(tk, k + 1, "jetzt")))
		k += 2;
	else if (nlu_is(tk, k, "wie"))   /* "gleiche Zeit wie immer": the appointment's, not the call's */
		return 0;
	else
		for (size_t g = 0; g < tk->n; g++)   /* "von Montag auf Mittwoch schieben, gleiche Uhrzeit" */
			if (nlu_prefix(tk, g, "verschieb") || nlu_prefix(tk, g, "verleg") || nlu_prefix(tk, g, "shift") ||
			    nlu_prefix(tk, g, "umleg") || nlu_prefix(tk, g, "umbuch") || nlu_is(tk, g, "schieben"))
				return 0;
	struct when_tc tc;
	memset(&tc, 0, sizeof(tc));
	tc.h = st->now_min / 60;
	tc.m = st->now_min % 60;
	tc.fixed = true;
	tc.pos = i;
	tc.end = k;
	return when_push_time(st, &tc) ? k - i : 0;
}

/* A time with what stands before it ("so gegen", "ab", "nicht vor", "zwischen ... und ..."). */
size_t when_try_time(struct when_state *st, size_t i)
{
	const struct nlu_toks *tk = st->tk;
	struct when_tc tc;
	memset(&tc, 0, sizeof(tc));
	bool neg, mod;
	size_t k = when_time_lead(st, i, &tc, &neg, &mod);
	if (mod) {
		size_t u = when_try_noon(st, i, k, &tc, neg);
		if (u > 0)
			return u;
	}
	bool bare = mod || st->bare;
	/* "10 bis 12 Uhr", "um 10 oder 11": a lone number next to a clear time */
	if (!bare && (nlu_is(tk, k + 1, "bis") || nlu_is(tk, k + 1, "und")) && nlu_isnum(tk, k + 2) &&
	    nlu_is(tk, k + 3, "uhr"))
		bare = true;
	if (!bare && k > 0 && (nlu_is(tk, k - 1, "oder") || nlu_is(tk, k - 1, "und")) && st->ntimes > 0 &&
	    st->times[st->ntimes - 1].end + 1 == k)
		bare = true;
	/* "nicht um elf, ich hatte zwölf gesagt": a lone number put right after a clear time */
	if (!bare && st->ntimes > 0 &&
	    (nlu_is(tk, k + 1, "gesagt") || nlu_is(tk, k + 1, "gemeint") ||
	     (k > 0 && (nlu_is(tk, k - 1, "meinte") || nlu_is(tk, k - 1, "sagte") || nlu_is(tk, k - 1, "mein")))))
		bare = true;
	if (bare && k > 0 && (nlu_is(tk, k - 1, "nummer") || nlu_is(tk, k - 1, "option") ||
			      nlu_is(tk, k - 1, "variante") || nlu_is(tk, k - 1, "in")))
		return 0;
	if (!mod && when_ord(st, k))
		return 0;   /* "den ersten", "fünfter": a choice or a day, not a time */
	size_t used = when_core(st, k, bare, &tc);
	if (used == 0)
		return 0;
	bool second;
	size_t end = when_time_second(st, k + used, &tc, &second);
	if (tc.rel == 'w' && !second)
		tc.rel = 'a';   /* "zwischen" with one time: from then */
	/* "um drei spätestens", "halb fünf frühstens": the bound said after the time */
	if (tc.rel == 0 && !second && (nlu_is(tk, end, "spaetestens") || nlu_is(tk, end, "fruehestens") ||
				       nlu_is(tk, end, "fruehstens")) && !st->used[end]) {
		tc.rel = nlu_is(tk, end, "spaetestens") ? 'i' : 'a';
		end++;
	}
	if (neg) {
		if (tc.rel == 'a')
			tc.rel = 'b';
		else if (tc.rel == 'b' || tc.rel == 'i')
			tc.rel = 'a';
		else
			tc.neg = true;
	}
	/* "ich bin eh um sechs auf den Beinen": when the caller is up, no time wished */
	if (nlu_phrase(tk, end, "auf den beinen") > 0 || nlu_is(tk, end, "wach") || nlu_is(tk, end, "aufgestanden") ||
	    nlu_phrase(tk, end, "aus dem haus") > 0)
		tc.neg = true;
	/* "da hol ich die Kinder ab um vier": the particle of the verb, then the time */
	if (tc.rel == 'a' && nlu_is(tk, i, "ab") && nlu_is(tk, i + 1, "um")) {
		static const char *const parted[] = { "hol", "hole", "holt", "holen", "geb", "gebe", "gibt", "sag", "sage",
						      "sagt", "schliess", "schliesse", "fahr", "fahre", "faehrt", NULL };
		for (size_t q = i > 8 ? i - 8 : 0; q < i; q++)
			if (nlu_oneof(tk, q, parted) >= 0)
				tc.rel = 0;
	}
	/* "ich komm erst um vier von der Schicht": free from then */
	bool erst = nlu_is(tk, i, "erst") || (i > 0 && nlu_is(tk, i - 1, "erst"));
	if (tc.rel == 0 && !tc.neg && erst && when_busy(st, i, end))
		tc.rel = 'a';
	if (tc.rel != 0)
		tc.approx = false;
	if (tc.rel == 'b' && when_busy(st, i, end))
		tc.rel = 'a';
	/* "nicht vor neun und nicht nach elf": one window */
	struct when_tc *prev = st->ntimes > 0 ? &st->times[st->ntimes - 1] : NULL;
	if (prev != NULL && prev->rel == 'a' && (tc.rel == 'b' || tc.rel == 'i') && prev->end + 1 == i &&
	    (nlu_is(tk, prev->end, "und") || nlu_is(tk, prev->end, "aber"))) {
		prev->rel = 'w';
		prev->h2 = tc.h;
		prev->m2 = tc.m + (tc.rel == 'i' ? 1 : 0);
		prev->fixed2 = tc.fixed;
		prev->end = end;
		when_mark(st, i, end);
		return end - i;
	}
	tc.pos = i;
	tc.end = end;
	when_push_time(st, &tc);
	return end - i;
}

/* "in den nächsten zwei Stunden", "die kommenden 30 Minuten": from now until then, today. */
static size_t when_try_next_hours(struct when_state *st, size_t i)
{
	static const char *const next[] = { "naechsten", "naechste", "kommenden", "kommende", NULL };
	const struct nlu_toks *tk = st->tk;
	size_t k = i;
	if ((nlu_is(tk, k, "in") && nlu_is(tk, k + 1, "den")) || (nlu_is(tk, k, "innerhalb") && nlu_is(tk, k + 1, "der")))
		k += 2;
	else if (nlu_is(tk, k, "die") || nlu_is(tk, k, "den"))
		k++;
	if (nlu_oneof(tk, k, next) < 0 || !nlu_isnum(tk, k + 1) || when_ord(st, k + 1))
		return 0;
	int n = tk->t[k + 1].num;
	int mins = nlu_prefix(tk, k + 2, "stunde") ? n * 60 : nlu_prefix(tk, k + 2, "minute") ? n : -1;
	if (mins < 1 || mins > 12 * 60 || !when_free(st, i, k + 3))
		return 0;
	int end = st->now_min + mins > 24 * 60 ? 24 * 60 : st->now_min + mins;
	struct when_tc tc;
	memset(&tc, 0, sizeof(tc));
	tc.rel = 'w';
	tc.fixed = tc.fixed2 = true;
	tc.h = st->now_min / 60;
	tc.m = st->now_min % 60;
	tc.h2 = end / 60;
	tc.m2 = end % 60;
	tc.abs = true;
	tc.absdate = st->today;
	tc.absmin = st->now_min;
	tc.pos = i;
	tc.end = k + 3;
	return when_push_time(st, &tc) ? k + 3 - i : 0;
}

/* Records "in ..." from i to k as the wall clock plus mins; the tokens taken, or 0. */
static size_t when_push_reltime(struct when_state *st, size_t i, size_t k, int mins)
{
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

/* Hours with a half or a vague count: "2,5", "zwei ein halb", "zweieinhalb", "ein paar"; in
 * minutes, the tokens it takes in *used, or -1. Plain counts are when_try_reltime's. */
static int when_hours_said(const struct when_state *st, size_t k, size_t *used)
{
	static const char *const halves[] = { "zweieinhalb", "dreieinhalb", "viereinhalb", "fuenfeinhalb", NULL };
	const struct nlu_toks *tk = st->tk;
	int h = nlu_oneof(tk, k, halves);
	*used = 1;
	if (h >= 0)
		return (h + 2) * 60 + 30;
	*used = 2;
	if (nlu_is(tk, k, "ein") && nlu_is(tk, k + 1, "paar"))
		return 2 * 60;   /* "in ein paar Stunden": two, roughly */
	if (!nlu_isnum(tk, k) || when_ord(st, k))
		return -1;
	if ((tk->t[k].flags & NLU_TOK_COMMA) && when_num(st, k + 1) == 5)
		return tk->t[k].num * 60 + 30;
	if (nlu_is(tk, k + 1, "einhalb"))
		return tk->t[k].num * 60 + 30;
	*used = 3;
	if (nlu_is(tk, k + 1, "ein") && nlu_is(tk, k + 2, "halb"))
		return tk->t[k].num * 60 + 30;
	return -1;
}

/* "in zwei Stunden", "in einer halben Stunde", "in 20 Minuten": wall clock plus that. */
size_t when_try_reltime(struct when_state *st, size_t i)
{
	static const char *const one[] = { "einer", "einem", "ner", "eine", "ein", NULL };
	const struct nlu_toks *tk = st->tk;
	size_t nh = when_try_next_hours(st, i);
	if (nh > 0)
		return nh;
	if (!nlu_is(tk, i, "in"))
		return 0;
	size_t k = i + 1, hu;
	int n = -1, mins, hm = when_hours_said(st, k, &hu);
	if (hm >= 0 && nlu_prefix(tk, k + hu, "stunde"))
		return when_push_reltime(st, i, k + hu + 1, hm);
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
	return when_push_reltime(st, i, k, mins);
}


/* A part of the day on its own: "nachmittags", "Montagmorgen". */
size_t when_try_dp(struct when_state *st, size_t i)
{
	enum when_dp dp;
	size_t l = when_dp_at(st, i, &dp);
	/* "Montag morgen", "Montagmorgen" */
	if (l == 0 && nlu_is(st->tk, i, "morgen") && i > 0 && nlu_weekday(st->tk->t[i - 1].w) >= 0) {
		dp = DP_EARLY;
		l = 1;
	}
	/* "einen schönen Abend", "guten Abend" wish well, they ask for nothing */
	if (l == 1 && i > 0 &&
	    (nlu_prefix(st->tk, i - 1, "schoen") || nlu_is(st->tk, i - 1, "guten") || nlu_is(st->tk, i - 1, "gute")))
		return 0;
	if (l == 0 || st->ndps >= WHEN_MAX_CANDS)
		return 0;
	st->dps[st->ndps].dp = dp;
	st->dps[st->ndps].pos = i;
	st->dps[st->ndps].end = i + l;
	/* "bis abends", "bis zum Nachmittag": until that part of the day is over */
	size_t b = i > 0 && (nlu_is(st->tk, i - 1, "zum") || nlu_is(st->tk, i - 1, "in")) ? i - 1 : i;
	st->dps[st->ndps].until = b > 0 && nlu_is(st->tk, b - 1, "bis") && !st->used[b - 1] && dp != DP_NIGHT;
	st->ndps++;
	when_mark(st, i, i + l);
	return l;
}
