/* when_scan.c: finds what a caller says about days (weekdays, dates, "nächste Woche", feasts) and wishes
 * ("lieber später"), and runs the scan over the words; clock times and parts of the day are when_clock.c's. */
#include "when_int.h"

#include <string.h>

/* Nouns that make a number a count, not a time or a day. */
const char *const when_units[] = {
	"tage", "tagen", "tag", "woche", "wochen", "monat", "monate", "monaten", "jahr", "jahre", "jahren",
	"termin", "termine", "terminen", "personen", "leute", "mal", "minuten", "minute", "stunden", "stunde",
	"euro", "kilo", "kg", "prozent", "uhr", "sekunde", "sekunden", NULL,
};

/* ---- days ---- */

static const char *const when_next[] = {
	"naechste", "naechsten", "naechster", "naechstes", "kommende", "kommenden", "kommender", "kommendes", NULL,
};
static const char *const when_this[] = { "diese", "diesen", "dieser", "dieses", "diesem", NULL };
static const char *const when_after_next[] = {
	"uebernaechste", "uebernaechsten", "uebernaechster", "uebernaechstes", NULL,
};
static const char *const when_articles[] = {
	"am", "an", "den", "der", "dem", "zum", "zur", "fuer", "fuers", "im", "in", "auf", "des", "vom", NULL,
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
	d->anchor = -1;
}

/* A month name at i ("März") or its written short form ("Aug", "Sept.", "Jan." with its dot:
 * "Jan" alone is a name): 1..12, or 0. */
int when_month_tok(const struct when_state *st, size_t i)
{
	static const char *const abbr[] = {
		"jan", "feb", "mrz", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez", NULL,
	};
	const struct nlu_toks *tk = st->tk;
	if (i >= tk->n)
		return 0;
	int m = nlu_month(tk->t[i].w);
	if (m > 0)
		return m;
	if (nlu_is(tk, i, "sept") || nlu_is(tk, i, "maer"))
		return nlu_is(tk, i, "sept") ? 9 : 3;
	m = nlu_oneof(tk, i, abbr);
	if (m == 0 && !(tk->t[i].flags & NLU_TOK_STOP))
		return 0;
	return m + 1;
}

/* A year written with two digits after a date ("17.6.88") is of the last century when it
 * would lie more than 20 years ahead. */
static int when_century(const struct when_state *st, size_t i, int year)
{
	const struct nlu_tok *t = &st->tk->t[i];
	size_t e = t->end, digits = 0;
	while (e > t->off && digits < 5 && st->tk->src[e - 1] >= '0' && st->tk->src[e - 1] <= '9')
		e--, digits++;
	if (digits == 2 && year > st->today.year + 20)
		return year - 100;
	return year;
}

/* A year 1900..2200 said at i ("Ostern 2027"), or 0. */
static int when_year_at(const struct when_state *st, size_t i)
{
	int y = when_num(st, i);
	return y >= 1900 && y <= 2200 && !when_ord(st, i) && !nlu_is(st->tk, i + 1, "uhr") ? y : 0;
}

/* An ordinal day of the month recognition wrote one letter off ("fümften", "sibten", "virten"),
 * said before a month name: 1..31, or 0. */
static int when_ord_misheard(const struct when_state *st, size_t i)
{
	static const char *const stems[] = {
		"erst", "zweit", "dritt", "viert", "fuenft", "sechst", "siebt", "acht", "neunt", "zehnt", "elft",
		"zwoelft", "dreizehnt", "vierzehnt", "fuenfzehnt", "sechzehnt", "siebzehnt", "achtzehnt", "neunzehnt",
		"zwanzigst", "einundzwanzigst", "zweiundzwanzigst", "dreiundzwanzigst", "vierundzwanzigst",
		"fuenfundzwanzigst", "sechsundzwanzigst", "siebenundzwanzigst", "achtundzwanzigst",
		"neunundzwanzigst", "dreissigst", "einunddreissigst", NULL,
	};
	static const char *const ends[] = { "en", "er", "es", "em", "e", NULL };
	const struct nlu_tok *t = &st->tk->t[i];
	if ((t->flags & NLU_TOK_NUM) || when_month_tok(st, i + 1) == 0)
		return 0;
	for (size_t e = 0; ends[e] != NULL; e++) {
		size_t el = strlen(ends[e]);
		if (t->len < el + 4 || memcmp(t->w + t->len - el, ends[e], el) != 0)
			continue;
		for (size_t k = 0; stems[k] != NULL; k++)
			if (stems[k][0] == t->w[0] && nlu_edit1(t->w, t->len - el, stems[k], strlen(stems[k])))
				return (int)k + 1;
	}
	return 0;
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
		d->year = t->num3 ? when_century(st, i, t->num3) : 0;
		return 1;
	}
	int day = when_num(st, i);
	if (day < 0)
		day = when_ord_misheard(st, i);
	if (day < 1 || day > 31)
		return 0;
	d->day = day;
	if (nlu_is(tk, k, "des") && nlu_is(tk, k + 1, "monats"))
		return 3;
	int month = when_month_tok(st, k);
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
	    !when_dash(st, k) && when_month_tok(st, k + 1) == 0 &&
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
	/* "9 bis 11 Dezember", "9 - 11.12.": the first day of a span, its month said with the second */
	size_t b = nlu_is(tk, k, "bis") ? k + 1 : when_dash(st, k) ? k : 0;
	if (b > 0 && b < tk->n && ((tk->t[b].flags & NLU_TOK_DATE) ||
				   (when_num(st, b) >= 1 && when_num(st, b) <= 31 && when_month_tok(st, b + 1) > 0)))
		return 1;
	if (nlu_is(tk, k, "uhr") || nlu_oneof(tk, k, when_units) >= 0 ||
	    ((nlu_is(tk, k, "nach") || nlu_is(tk, k, "vor") || nlu_is(tk, k, "bis")) && !(article && when_ord(st, i))))
		return 0;
	/* "ein Rezept für sechs Massagen", "für zwei Personen": a count, not a day */
	static const char *const counted[] = {
		"massagen", "behandlungen", "sitzungen", "termine", "personen", "leute", "kinder", "einheiten", "mal",
		"stueck", "karten", "gutscheine", NULL,
	};
	if (!when_ord(st, i) && (nlu_oneof(tk, k, counted) >= 0 || (i > 0 && (nlu_is(tk, i - 1, "fuer") ||
									       nlu_is(tk, i - 1, "fuers")))))
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
	if (k < tk->n && !st->used[k] && when_month_tok(st, k) > 0) {
		d->month = when_month_tok(st, k);
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

/* ---- feasts ---- */

/* Tokens the phrase p (folded words) takes at i, or 0. */
static size_t when_phrase_at(const struct when_state *st, size_t i, const char *p)
{
	const struct nlu_toks *tk = st->tk;
	size_t j = i;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t wl = sp ? (size_t)(sp - p) : strlen(p);
		int v;
		bool ord;
		/* "am 1. Advent" as "am ersten Advent" */
		bool same_ord = j < tk->n && when_ord(st, j) && nlu_numword(p, wl, &v, &ord) && ord && v == tk->t[j].num;
		if (j >= tk->n || st->used[j] || ((tk->t[j].len != wl || memcmp(tk->t[j].w, p, wl) != 0) && !same_ord))
			return 0;
		j++;
		p += wl + (sp ? 1 : 0);
	}
	return j - i;
}

/* What stands before a day mention: "ab", "nach", "bis", "vor" and articles. */
struct when_lead {
	size_t i, k, start;   /* the mention begins at i, its word at k, articles at start */
	char relation;
	bool article;
};

static const char *const when_last[] = {
	"letzten", "letzte", "letzter", "letztes", "vergangenen", "vergangene", "vergangener", "vorigen", "vorige",
	"voriger", NULL,
};

/* "heute morgen" at h is this morning; not with a comma between ("nicht heute, morgen"), nor
 * as "nicht heute morgen" closing the turn: not today, tomorrow. */
static bool when_this_morning(const struct when_state *st, size_t h)
{
	static const char *const tail[] = { "bitte", "dann", "lieber", "eher", "besser", "vielleicht", NULL };
	const struct nlu_toks *tk = st->tk;
	if (tk->t[h].flags & (NLU_TOK_COMMA | NLU_TOK_STOP))
		return false;
	if (h == 0 || !nlu_negation(tk->t[h - 1].w))
		return true;
	for (size_t k = h + 2; k < tk->n; k++)
		if (nlu_oneof(tk, k, tail) < 0)
			return true;
	return false;
}

/* "heute", "morgen", "übermorgen", "gestern", "vorgestern". */
static size_t when_day_rel(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	static const struct {
		const char *w;
		int rel;
	} rels[] = {
		{ "heute", 0 }, { "heut", 0 }, { "uebermorgen", 2 }, { "ueberuebermorgen", 3 }, { "gestern", -1 },
		{ "vorvorgestern", -3 },
		{ "vorgestern", -2 }, { "gestrigen", -1 }, { "morgigen", 1 }, { "morgige", 1 }, { "morgen", 1 },
	};
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	int rel = -9;
	for (size_t r = 0; r < sizeof(rels) / sizeof(rels[0]) && rel == -9; r++)
		if (nlu_is(tk, k, rels[r].w))
			rel = rels[r].rel;
	/* "guten Morgen", "heute Morgen", "Montag morgen", "am Morgen" are times of day */
	if (rel == 1 && nlu_is(tk, k, "morgen") && k > 0 &&
	    (nlu_is(tk, k - 1, "guten") || (nlu_is(tk, k - 1, "heute") && when_this_morning(st, k - 1)) ||
	     nlu_weekday(tk->t[k - 1].w) >= 0 ||
	     (nlu_is(tk, k - 1, "am") && k - 1 >= ld->i)))
		rel = -9;
	/* "im Laufe des Tages", "bis Ende des Tages": today ("am Ende des Tages" is a manner of speaking) */
	bool day = rel == -9 && (nlu_is(tk, k, "laufe") || nlu_is(tk, k, "verlauf") ||
				 (nlu_is(tk, k, "ende") && ld->relation == 'b')) &&
		   nlu_is(tk, k + 1, "des") && nlu_is(tk, k + 2, "tages");
	if (day) {
		when_day_init(d, DK_REL);
		return k + 3;
	}
	bool night = rel == -9 && nlu_oneof(tk, k, when_last) >= 0 && nlu_is(tk, k + 1, "nacht");
	if (night)
		rel = -1;   /* "letzte Nacht" */
	if (rel == -9)
		return 0;
	when_day_init(d, DK_REL);
	d->rel = rel;
	d->past = rel < 0;
	if (night)
		return k + 2;
	if (rel == 0 && nlu_is(tk, k + 1, "morgen") && when_this_morning(st, k)) {
		/* "heute morgen": this morning */
		if (st->ndps < WHEN_MAX_CANDS) {
			st->dps[st->ndps].dp = DP_EARLY;
			st->dps[st->ndps].pos = k + 1;
			st->dps[st->ndps++].end = k + 2;
		}
		return k + 2;
	}
	return k + 1;
}

struct civil_date when_add_months(struct civil_date d, int n)
{
	int m = d.year * 12 + (d.month - 1) + n;
	struct civil_date r = { m / 12, m % 12 + 1, d.day };
	int dim = civil_days_in_month(r.year, r.month);
	if (r.day > dim)
		r.day = dim;
	return r;
}

/* "vor einer Woche", "vor drei Tagen", "vor zwei Monaten": days gone by. */
static size_t when_day_ago(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	static const char *const one[] = { "einer", "einem", "ner", NULL };
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	if (ld->relation != 'v' || ld->article)
		return 0;
	int n = nlu_oneof(tk, k, one) >= 0 ? 1 : nlu_isnum(tk, k) && !when_ord(st, k) ? tk->t[k].num : -1;
	int unit = nlu_is(tk, k + 1, "woche") || nlu_is(tk, k + 1, "wochen") ? 7
		   : nlu_is(tk, k + 1, "tag") || nlu_is(tk, k + 1, "tagen") ? 1
		   : nlu_is(tk, k + 1, "monat") || nlu_is(tk, k + 1, "monaten") ? 30 : 0;
	if (n < 1 || n > 60 || unit == 0)
		return 0;
	when_day_init(d, unit == 30 ? DK_SPAN : DK_REL);
	d->rel = -n * unit;
	d->d0 = d->d1 = when_add_months(st->today, -n);
	d->past = true;
	return k + 2;
}

/* "am ersten Montag im Januar", "letzter Freitag im Monat". */
static size_t when_day_nth(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	int nth = nlu_oneof(tk, k, when_last) >= 0 && nlu_prefix(tk, k, "letzt") ? -1
		  : when_ord(st, k) && tk->t[k].num >= 1 && tk->t[k].num <= 31 ? tk->t[k].num : 0;
	int wd = k + 1 < tk->n ? nlu_weekday(tk->t[k + 1].w) : -1;
	if (wd < 0 && nlu_is(tk, k + 1, "tag"))
		wd = NTH_DAY;
	else if (wd < 0 && (nlu_is(tk, k + 1, "werktag") || nlu_is(tk, k + 1, "arbeitstag")) && nth <= 5)
		wd = NTH_WORKDAY;   /* "am ersten Werktag im Januar" */
	else if (wd < 0 && nlu_is(tk, k + 1, "woche") && nth <= 2)
		wd = NTH_WEEK;   /* "erste", "zweite" or "letzte Woche im August" */
	if (wd < NTH_DAY && nth > 5)
		return 0;
	/* "der dritte Dienstag nach Ostern": the weekday counted from the mention that follows */
	if (nth > 0 && wd >= 0 && wd < NTH_DAY && (nlu_is(tk, k + 2, "nach") || nlu_is(tk, k + 2, "vor"))) {
		when_day_init(d, DK_WD);
		d->wd = wd;
		d->skip = nth - 1;
		d->needs_anchor = true;
		return k + 2;
	}
	if (nth == 0 || wd < 0 || !(nlu_is(tk, k + 2, "im") || nlu_is(tk, k + 2, "in") || nlu_is(tk, k + 2, "des")))
		return 0;
	size_t q = k + 3;
	int month = when_month_tok(st, q), rel = 0;
	/* "der erste Werktag im neuen Jahr": January of the next */
	if (month == 0 && (nlu_is(tk, q, "neuen") || nlu_is(tk, q, "naechsten")) && nlu_is(tk, q + 1, "jahr")) {
		when_day_init(d, DK_NTH);
		d->nth = nth;
		d->wd = wd;
		d->month = 1;
		d->year = st->today.year + 1;
		return q + 2;
	}
	if (month == 0) {
		if (nlu_oneof(tk, q, when_this) >= 0 || nlu_is(tk, q, "diesem"))
			q++;
		else if (nlu_oneof(tk, q, when_next) >= 0)
			q++, rel = 1;
		if (!nlu_is(tk, q, "monat") && !nlu_is(tk, q, "monats"))
			return 0;
	}
	when_day_init(d, DK_NTH);
	d->nth = nth;
	d->wd = wd;
	d->month = month;
	d->rel = rel;
	d->year = month > 0 ? when_year_at(st, q + 1) : 0;
	return q + 1 + (d->year ? 1 : 0);
}

static size_t when_month_day(const struct when_state *st, size_t k, struct when_day *d);

/* A weekday at i, or its written short form with its dot or comma ("Mo.", "Sa, 5. Dez."),
 * alone or before a date or time: 0 = Monday, or -1. */
static int when_wd_tok(const struct when_state *st, size_t i)
{
	static const char *const abbr[] = { "mo", "di", "mi", "do", "fr", "sa", "so", NULL };
	const struct nlu_toks *tk = st->tk;
	if (i >= tk->n)
		return -1;
	int wd = nlu_weekday(tk->t[i].w);
	if (wd >= 0 || !(tk->t[i].flags & (NLU_TOK_STOP | NLU_TOK_COMMA)))
		return wd;
	wd = nlu_oneof(tk, i, abbr);
	if (wd < 0)
		return -1;
	bool alone = tk->n == 1 || (i == 1 && (nlu_is(tk, 0, "am") || nlu_is(tk, 0, "ab") || nlu_is(tk, 0, "bis")));
	bool dated = i + 1 < tk->n && (tk->t[i + 1].flags & (NLU_TOK_NUM | NLU_TOK_DATE | NLU_TOK_CLOCK));
	return alone || dated ? wd : -1;
}

/* [nächsten|diesen|übernächsten|letzten] Dienstag [nach dem kommenden], "Dienstag, den 1. Dezember". */
static size_t when_day_wd(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	int skip = 0;
	bool mod = false, past = false;
	if (nlu_oneof(tk, k, when_next) >= 0 || nlu_oneof(tk, k, when_this) >= 0)
		mod = true;
	else if (nlu_oneof(tk, k, when_after_next) >= 0)
		mod = true, skip = 1;
	else if (nlu_oneof(tk, k, when_last) >= 0)
		mod = past = true;
	int wd = when_wd_tok(st, k + (mod ? 1 : 0));
	if (wd < 0)
		return 0;
	when_day_init(d, DK_WD);
	d->wd = wd;
	d->skip = skip;
	d->past = past;
	d->today = k > 0 && nlu_is(tk, k - 1, "heute");
	size_t e = k + (mod ? 2 : 1);
	/* "Freitag nach dem kommenden" */
	if (nlu_is(tk, e, "nach") && nlu_is(tk, e + 1, "dem") &&
	    (nlu_oneof(tk, e + 2, when_next) >= 0 || nlu_oneof(tk, e + 2, when_this) >= 0) && !(e + 3 < tk->n && nlu_weekday(tk->t[e + 3].w) >= 0)) {
		d->skip++;
		return e + 3;
	}
	/* "Dienstag, den 1. Dezember": the date says it all */
	size_t a = e;
	while (a < e + 2 && (nlu_is(tk, a, "den") || nlu_is(tk, a, "der") || nlu_is(tk, a, "dem")))
		a++;
	struct when_day dd;
	size_t dl = when_dom_at(st, a, a > e, &dd);
	if (dl == 0 && when_month_tok(st, a) > 0 && when_month_day(st, a, &dd) > 0)
		dl = when_month_day(st, a, &dd) - a;   /* "Sonntag, Feb 10" */
	if (dl > 0 && (dd.month > 0 || a > e)) {
		*d = dd;
		d->wd = mod ? -1 : wd;   /* it tells which year's (or month's) day is meant */
		return a + dl;
	}
	return e;
}

/* Months of the beginning, middle and end of a year. */
static const int when_year_parts[][2] = { { 1, 12 }, { 1, 1 }, { 6, 7 }, { 12, 12 }, { 1, 12 } };

/* Year y, or the part of it, as a span; this year's from today on. */
static void when_year_span(const struct when_state *st, int y, int part, struct when_day *d)
{
	when_day_init(d, DK_SPAN);
	d->d0 = (struct civil_date){ y, when_year_parts[part][0], 1 };
	d->d1 = (struct civil_date){ y, when_year_parts[part][1], civil_days_in_month(y, when_year_parts[part][1]) };
	if (civil_cmp(d->d1, st->today) < 0 && y == st->today.year)
		d->past = true;
}

/* "Anfang 2027", "Ende des Jahres", "Mitte nächsten Jahres" at q (part said before). */
static size_t when_year_part(struct when_state *st, size_t q, int part, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	int y = when_num(st, q);
	if (y >= 1900 && y <= 2200 && !when_ord(st, q)) {
		when_year_span(st, y, part, d);
		return q + 1;
	}
	if (nlu_is(tk, q, "des") || nlu_is(tk, q, "dieses"))
		q++;
	int add = nlu_oneof(tk, q, when_next) >= 0 ? 1 : 0;
	if (add)
		q++;
	if (!nlu_is(tk, q, "jahres") && !nlu_is(tk, q, "jahr"))
		return 0;
	when_year_span(st, st->today.year + add, part, d);
	if (d->past)   /* "Anfang des Jahres" said in December: the next one */
		when_year_span(st, st->today.year + 1, part, d);
	return q + 1;
}

/* "im Frühjahr", "diesen Sommer", "im Herbst": the season's months, this one from today on. */
static size_t when_day_season(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	static const struct {
		const char *w;
		int first, months;
	} seasons[] = {
		{ "fruehjahr", 3, 3 }, { "fruehling", 3, 3 }, { "sommer", 6, 3 }, { "herbst", 9, 3 }, { "winter", 12, 3 },
	};
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	if (nlu_oneof(tk, k, when_next) >= 0 || nlu_oneof(tk, k, when_this) >= 0)
		k++;   /* "nächsten Sommer" said in March is this one */
	else if (!(ld->article && nlu_is(tk, k - 1, "im")))
		return 0;   /* "Sommer", "Winter" alone are names as often */
	for (size_t i = 0; i < sizeof(seasons) / sizeof(seasons[0]); i++) {
		if (!nlu_is(tk, k, seasons[i].w))
			continue;
		struct civil_date a = { st->today.year, seasons[i].first, 1 };
		if (seasons[i].first == 12 && st->today.month <= 2)
			a.year--;   /* January is still last winter */
		struct civil_date b = when_add_months(a, seasons[i].months);
		b = civil_add_days(b, -1);
		if (civil_cmp(b, st->today) < 0) {
			a.year++;
			b = civil_add_days(when_add_months(a, seasons[i].months), -1);
		}
		when_day_init(d, DK_SPAN);
		d->d0 = a;
		d->d1 = b;
		return k + 1;
	}
	return 0;
}

/* "nächstes Quartal", "dieses Quartal", "im dritten Quartal 2027": the quarter's months;
 * an ordinal one already over is next year's. */
static size_t when_day_quarter(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	int cur = (st->today.month - 1) / 3, y = st->today.year, q;
	bool past = false, nth = false;
	if (nlu_oneof(tk, k, when_next) >= 0)
		q = cur + 1;
	else if (nlu_oneof(tk, k, when_this) >= 0)
		q = cur;
	else if (nlu_oneof(tk, k, when_after_next) >= 0)
		q = cur + 2;
	else if (nlu_oneof(tk, k, when_last) >= 0)
		q = cur - 1, past = true;
	else if (when_ord(st, k) && tk->t[k].num >= 1 && tk->t[k].num <= 4)
		q = tk->t[k].num - 1, nth = true;
	else
		return 0;
	if (!nlu_is(tk, k + 1, "quartal") && !nlu_is(tk, k + 1, "quartals"))
		return 0;
	size_t e = k + 2;
	int said = nth ? when_year_at(st, e) : 0;
	if (said) {
		y = said;
		e++;
	}
	y += q < 0 ? -1 : q / 4;
	q = (q + 4) % 4;
	when_day_init(d, DK_SPAN);
	d->d0 = (struct civil_date){ y, 3 * q + 1, 1 };
	d->d1 = civil_add_days(when_add_months(d->d0, 3), -1);
	if (nth && !said && civil_cmp(d->d1, st->today) < 0) {
		d->d0.year++;
		d->d1.year++;
	}
	d->past = past;
	return e;
}

/* "nächstes Jahr", "letztes Jahr", "im Jahr 2027", "Jahresende". */
static size_t when_day_year(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	static const struct {
		const char *w;
		int part;
	} compounds[] = { { "jahresanfang", PART_START }, { "jahresbeginn", PART_START }, { "jahresende", PART_END } };
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	for (size_t c = 0; c < sizeof(compounds) / sizeof(compounds[0]); c++)
		if (nlu_is(tk, k, compounds[c].w)) {
			when_year_span(st, st->today.year, compounds[c].part, d);
			if (d->past)
				when_year_span(st, st->today.year + 1, compounds[c].part, d);
			return k + 1;
		}
	if ((nlu_is(tk, k, "jahr") || nlu_is(tk, k, "jahre")) && when_num(st, k + 1) >= 1900 && when_num(st, k + 1) <= 2200) {
		when_year_span(st, when_num(st, k + 1), PART_WHOLE, d);
		return k + 2;
	}
	int rel = nlu_oneof(tk, k, when_next) >= 0 ? 1 : nlu_oneof(tk, k, when_this) >= 0 ? 0
		  : nlu_oneof(tk, k, when_last) >= 0 ? -1 : nlu_oneof(tk, k, when_after_next) >= 0 ? 2 : -9;
	if (rel == -9 || !nlu_is(tk, k + 1, "jahr"))
		return 0;
	when_year_span(st, st->today.year + rel, PART_WHOLE, d);
	d->past = rel < 0;
	if (rel == 0)
		d->d0 = st->today;
	return k + 2;
}

/* Anfang / Mitte / Ende of a week or a month. */
static size_t when_day_part(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	static const struct {
		const char *w;
		int part;
		bool month;
	} compounds[] = {
		{ "monatsanfang", PART_START, true }, { "monatsbeginn", PART_START, true }, { "monatsmitte", PART_MID, true },
		{ "monatsende", PART_END, true },     { "wochenanfang", PART_START, false }, { "wochenbeginn", PART_START, false },
		{ "wochenmitte", PART_MID, false },
	};
	const struct nlu_toks *tk = st->tk;
	for (size_t c = 0; c < sizeof(compounds) / sizeof(compounds[0]); c++)
		if (nlu_is(tk, ld->k, compounds[c].w)) {
			when_day_init(d, compounds[c].month ? DK_MONTH : DK_WEEK);
			d->part = compounds[c].part;
			d->week = compounds[c].month ? -1 : -2;
			return ld->k + 1;
		}
	int part = when_part(st, ld->k);
	if (part == PART_WHOLE)
		return 0;
	size_t q = ld->k + 1;
	if (nlu_is(tk, q, "der") || nlu_is(tk, q, "des") || nlu_is(tk, q, "dieser") || nlu_is(tk, q, "diesen") ||
	    nlu_is(tk, q, "dieses")) {
		bool this = !nlu_is(tk, q, "der") && !nlu_is(tk, q, "des");
		if (nlu_is(tk, q + 1, "woche")) {
			when_day_init(d, DK_WEEK);
			d->week = this ? 0 : -2;   /* -2: this week, or next when it is over */
			d->part = part;
			return q + 2;
		}
		if (nlu_is(tk, q + 1, "monats")) {
			when_day_init(d, DK_MONTH);
			d->part = part;
			return q + 2;
		}
	}
	if ((nlu_oneof(tk, q, when_next) >= 0 || nlu_oneof(tk, q, when_after_next) >= 0) && nlu_is(tk, q + 1, "woche")) {
		when_day_init(d, DK_WEEK);
		d->week = nlu_oneof(tk, q, when_next) >= 0 ? 1 : 2;
		d->part = part;
		return q + 2;
	}
	if (nlu_is(tk, q, "woche")) {
		when_day_init(d, DK_WEEK);
		d->week = -2;
		d->part = part;
		return q + 1;
	}
	size_t u = when_month_at(st, q, d);
	if (u == 0)
		return when_year_part(st, q, part, d);
	d->part = part;
	return q + u;
}

/* "die Woche" at k said for this week ("die Woche schaffe ich nicht"); not as a rate ("zweimal
 * die Woche", "einmal die Woche"), nor counted from or on ("die Woche nach Ostern", "die Woche
 * drauf", "die Woche über", "die Woche Ende"). */
static bool when_this_week(const struct when_state *st, size_t k)
{
	static const char *const after[] = {
		"nach", "vor", "drauf", "darauf", "danach", "davor", "ueber", "ende", "wochenende", NULL,
	};
	const struct nlu_toks *tk = st->tk;
	if (!nlu_is(tk, k, "die") || !nlu_is(tk, k + 1, "woche") || !when_free(st, k, k + 2) ||
	    nlu_oneof(tk, k + 2, after) >= 0)
		return false;
	if (k > 0) {
		const struct nlu_tok *p = &tk->t[k - 1];
		if ((p->flags & NLU_TOK_NUM) || nlu_is(tk, k - 1, "pro") || nlu_is(tk, k - 1, "jede") ||
		    (p->len >= 3 && memcmp(p->w + p->len - 3, "mal", 3) == 0))
			return false;
	}
	return true;
}

/* "nächste Woche", "letzte Woche", "KW 3", "in der Kalenderwoche fünfzig", "die Woche". */
static size_t when_day_week(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k, q = k;
	int off;
	size_t u = when_week_at(st, k, &off);
	if (u > 0) {
		when_day_init(d, DK_WEEK);
		d->week = off;
		return k + u;
	}
	if (when_this_week(st, k)) {
		when_day_init(d, DK_WEEK);
		d->week = 0;
		return k + 2;
	}
	if (nlu_is(tk, q, "in") && nlu_is(tk, q + 1, "der"))
		q += 2;
	else if (nlu_is(tk, q, "der") || nlu_is(tk, q, "die"))
		q++;
	if (nlu_oneof(tk, q, when_last) >= 0 && nlu_is(tk, q + 1, "woche") && when_free(st, k, q + 2)) {
		when_day_init(d, DK_WEEK);
		d->week = 0;
		d->past = true;   /* the week before this one */
		return q + 2;
	}
	if ((nlu_is(tk, q, "kw") || nlu_is(tk, q, "kalenderwoche")) && nlu_isnum(tk, q + 1) && tk->t[q + 1].num >= 1 &&
	    tk->t[q + 1].num <= 53 && when_free(st, k, q + 2)) {
		when_day_init(d, DK_KW);
		d->week = tk->t[q + 1].num;
		return q + 2;
	}
	return 0;
}

/* [nächstes] Wochenende. */
static size_t when_day_weekend(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t q = ld->k;
	int o = 0;
	int twd = civil_weekday(st->today);
	bool past = false;
	if (nlu_oneof(tk, q, when_next) >= 0)
		q++, o = twd >= 5;   /* "nächstes Wochenende" said on a weekend: the one after */
	else if (nlu_oneof(tk, q, when_last) >= 0)
		q++, past = true;
	else if (nlu_oneof(tk, q, when_this) >= 0)
		q++;
	else if (nlu_oneof(tk, q, when_after_next) >= 0)
		q++, o = 1 + (twd >= 5);
	if (!nlu_is(tk, q, "wochenende") || !when_free(st, ld->k, q + 1))
		return 0;
	when_day_init(d, DK_WEEK);
	d->week = -3 - o;   /* the coming weekend, or the one after */
	d->part = PART_WEEKEND;
	d->past = past;
	return q + 1;
}

/* Days in a unit said at i: 1 "Tage", 7 "Wochen", 30 "Monate", 365 "Jahre", else 0;
 * *plural tells the plural. */
static int when_unit_at(const struct when_state *st, size_t i, bool *plural)
{
	static const char *const words[] = {
		"tag", "woche", "monat", "jahr", "tage", "tagen", "wochen", "monate", "monaten", "jahre", "jahren", NULL,
	};
	static const int days[] = { 1, 7, 30, 365, 1, 1, 7, 30, 30, 365, 365 };
	int w = nlu_oneof(st->tk, i, words);
	*plural = w >= 4;
	return w >= 0 ? days[w] : 0;
}

/* d as the span from today n units (when_unit_at) ahead, or, with n < 0, back until yesterday. */
static void when_span_from(const struct when_state *st, int n, int unit, struct when_day *d)
{
	struct civil_date t = unit < 30 ? civil_add_days(st->today, n * unit)
				       : when_add_months(st->today, n * (unit == 30 ? 1 : 12));
	when_day_init(d, DK_SPAN);
	d->d0 = n < 0 ? t : st->today;
	d->d1 = n < 0 ? civil_add_days(st->today, -1) : t;
	d->past = n < 0;
}

/* "die letzten zwanzig Minuten", "in den letzten zwei Stunden": a time gone by, past as the day
 * it began (today's too); mins minutes back from now, end the mention's end, or 0. */
static size_t when_minutes_gone(const struct when_state *st, int mins, size_t end, struct when_day *d)
{
	if (mins < 1 || mins > 48 * 60)
		return 0;
	int start = st->now_min - mins;
	int back = start < 0 ? (-start + 1439) / 1440 : 0;
	when_day_init(d, DK_SPAN);
	d->d0 = d->d1 = civil_add_days(st->today, -back);
	d->past = true;
	d->earlier = back == 0;
	return end;
}

/* "in den nächsten drei Tagen", "innerhalb der nächsten zwei Wochen", "in den kommenden Tagen",
 * "nächste drei Monate" (a count said makes it a span without article), and gone by: "die
 * letzten zwei Wochen". The end of the mention, or 0. */
static size_t when_counted(const struct when_state *st, size_t k, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	bool two = (nlu_is(tk, k, "in") && nlu_is(tk, k + 1, "den")) || (nlu_is(tk, k, "ueber") && nlu_is(tk, k + 1, "die")) ||
		   (nlu_is(tk, k, "innerhalb") && nlu_is(tk, k + 1, "der"));
	size_t q = two ? k + 2 : nlu_is(tk, k, "die") || nlu_is(tk, k, "den") ? k + 1 : k;
	bool ahead = nlu_oneof(tk, q, when_next) >= 0, gone = nlu_oneof(tk, q, when_last) >= 0;
	bool count = nlu_isnum(tk, q + 1) && !when_ord(st, q + 1);
	if (!(ahead || gone) || (q == k && !count && !nlu_is(tk, q + 1, "paar")) || (gone && !count))
		return 0;
	q++;
	int n = count ? tk->t[q++].num : 3;
	if (nlu_is(tk, q, "paar") && !count)
		q++;
	bool plural;
	int unit = when_unit_at(st, q, &plural);
	if (gone && count && (nlu_is(tk, q, "minuten") || nlu_is(tk, q, "stunden")))
		return when_minutes_gone(st, n * (nlu_is(tk, q, "stunden") ? 60 : 1), q + 1, d);
	if (n < 1 || n > 31 || unit == 0 || !plural || n * unit > 5 * 365)
		return 0;
	when_span_from(st, gone ? -n : n, unit, d);
	return q + 1;
}

/* "binnen zwei Wochen", "innerhalb von zehn Tagen": from today until then; "in zwei Jahren",
 * "in einem Monat": that day. The end of the mention, or 0. */
static size_t when_within(const struct when_state *st, size_t k, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t w = nlu_is(tk, k, "binnen") || nlu_is(tk, k, "in") ? k + 1
		   : nlu_is(tk, k, "innerhalb") && nlu_is(tk, k + 1, "von") ? k + 2 : 0;
	if (w == 0)
		return 0;
	int n = nlu_isnum(tk, w) && !when_ord(st, w) ? tk->t[w].num
		: nlu_is(tk, w, "einer") || nlu_is(tk, w, "einem") || nlu_is(tk, w, "nem") ? 1 : 0;
	bool plural;
	int unit = when_unit_at(st, w + 1, &plural);
	if (nlu_is(tk, k, "in")) {
		if (unit < 30 || n < 1 || n > (unit == 30 ? 24 : 10))
			return 0;
		when_span_from(st, n, unit, d);
		d->d0 = d->d1;
		return w + 2;
	}
	if (n < 1 || n > 60 || unit == 0 || unit > 7)
		return 0;
	when_span_from(st, n, unit, d);
	return w + 2;
}

/* "in zwei Wochen", "in drei Tagen", "in ein paar Tagen", "in den nächsten drei Tagen". */
static size_t when_day_in(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	int weeks, days;
	if (nlu_is(tk, k, "in") && (nlu_is(tk, k + 1, "ein") || nlu_is(tk, k + 1, "einigen")) &&
	    nlu_is(tk, k + 2 + nlu_is(tk, k + 1, "ein"), "tagen")) {
		size_t e = k + 3 + nlu_is(tk, k + 1, "ein");
		if (!nlu_is(tk, k + 1, "ein") || nlu_is(tk, k + 2, "paar")) {
			when_day_init(d, DK_SPAN);
			d->d0 = civil_add_days(st->today, 2);
			d->d1 = civil_add_days(st->today, 4);
			return e;
		}
	}
	size_t e = when_counted(st, k, d);
	if (e == 0)
		e = when_within(st, k, d);
	if (e > 0)
		return e;
	size_t u = when_in_at(st, k, &weeks, &days);
	/* "in zwei Wochen, äh, in drei": the unit said before */
	if (u == 0 && nlu_is(tk, k, "in") && nlu_isnum(tk, k + 1) && !when_ord(st, k + 1) && st->ndays > 0 &&
	    st->days[st->ndays - 1].kind == DK_INWEEKS && tk->t[k + 1].num >= 1 && tk->t[k + 1].num <= 52 &&
	    (k + 2 >= tk->n || !nlu_isnum(tk, k + 2))) {
		when_day_init(d, DK_INWEEKS);
		d->inweeks = tk->t[k + 1].num;
		return k + 2;
	}
	if (u == 0)
		return 0;
	if (weeks > 0) {
		when_day_init(d, DK_INWEEKS);
		d->inweeks = weeks;
	} else {
		when_day_init(d, DK_REL);
		d->rel = days;
	}
	return k + u;
}

/* Feasts: "Rosenmontag", "am zweiten Weihnachtsfeiertag", "zwischen den Jahren", "Ostern 2027",
 * and those of other calendars the table knows ("chinesisches Neujahr", "Zuckerfest",
 * "Chanukka"). Ours said of another calendar ("orthodoxes Pfingsten") are none of ours. */
static size_t when_day_feast(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	static const char *const other[] = {
		"chinesisch", "orthodox", "islamisch", "juedisch", "persisch", "parsi", "russisch", "griechisch",
		"hinduistisch", "buddhistisch", "julianisch", "tamilisch", NULL,
	};
	const struct nlu_toks *tk = st->tk;
	bool ours = true;
	if (ld->k > 0)
		for (size_t o = 0; other[o] != NULL; o++)
			ours = ours && !nlu_prefix(tk, ld->k - 1, other[o]);
	enum when_calendar c;
	for (int f = 0; ours && f < when_nfeasts() && when_feast_calendar(f) == WHEN_CAL_NONE; f++) {
		size_t u = when_phrase_at(st, ld->k, when_feast_phrase(f));
		if (u > 0) {
			when_day_init(d, DK_HOLIDAY);
			d->hol = f;
			d->year = when_year_at(st, ld->k + u);
			return ld->k + u + (d->year ? 1 : 0);
		}
	}
	for (int f = 0; f < when_nfeasts(); f++) {
		size_t u = (c = when_feast_calendar(f)) != WHEN_CAL_NONE ? when_phrase_at(st, ld->k, when_feast_phrase(f)) : 0;
		if (u == 0)
			continue;
		/* known only for the years the table holds */
		int year = when_year_at(st, ld->k + u);
		struct civil_date t;
		if (year ? !when_calendar_day(c, year, &t) :
			   !when_calendar_day(c, st->today.year - 1, &t) || !when_calendar_day(c, st->today.year + 1, &t))
			return 0;
		when_day_init(d, DK_HOLIDAY);
		d->hol = f;
		d->year = year;
		return ld->k + u + (year ? 1 : 0);
	}
	return 0;
}

/* A count of days, weeks, months or years said at k before "nach" or "vor" ("zwei Tage", "eine
 * Woche", "ein Jahr"): fills d's rel (days) or months; the tokens, or 0. */
static size_t when_offset_at(const struct when_state *st, size_t k, struct when_day *d)
{
	static const char *const one[] = { "ein", "eine", "einen", "einem", "einer", NULL };
	const struct nlu_toks *tk = st->tk;
	int n = nlu_oneof(tk, k, one) >= 0 ? 1 : nlu_isnum(tk, k) && !when_ord(st, k) ? tk->t[k].num : 0;
	bool plural;
	int unit = when_unit_at(st, k + 1, &plural);
	if (n < 1 || unit == 0 || plural != (n > 1) || n * unit > 5 * 365 || (unit == 1 && n > 60))
		return 0;
	d->rel = unit < 30 ? n * unit : 0;
	d->months = unit == 30 ? n : unit == 365 ? 12 * n : 0;
	return 2;
}

/* "der Tag nach Neujahr", "zwei Tage vor Heiligabend", "drei Wochen nach Ostern", "ein Jahr nach
 * Weihnachten": days (or months) from another mention; "die Woche nach Ostern": the week after. */
static size_t when_day_days(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	if (nlu_is(tk, k, "in") && nlu_is(tk, k + 1, "der"))
		k += 2;
	else if (nlu_is(tk, k, "die"))
		k++;
	bool week = nlu_is(tk, k, "woche");
	when_day_init(d, week ? DK_WEEK : DK_DAYS);
	d->rel = 1;
	size_t u = week || nlu_is(tk, k, "tag") ? 1 : when_offset_at(st, k, d);
	if (u == 0 || !(nlu_is(tk, k + u, "nach") || nlu_is(tk, k + u, "vor")) || ld->relation != 0)
		return 0;
	d->week = week ? 0 : -1;
	d->needs_anchor = true;
	return k + u;
}

/* "den danach", "die Woche darauf", "die übernächste": the mention before, moved on. */
static size_t when_day_again(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	if (st->ndays == 0 || (ld->relation != 0 && ld->relation != 'n' && ld->relation != 'v'))
		return 0;
	bool lead = ld->article || (k > 0 && (nlu_is(tk, k - 1, "die") || nlu_is(tk, k - 1, "den")));
	if (nlu_is(tk, k, "der") || nlu_is(tk, k, "die") || nlu_is(tk, k, "den") || nlu_is(tk, k, "dem")) {
		k++;
		lead = true;
	}
	if (nlu_is(tk, k, "tag") && lead && (nlu_is(tk, k + 1, "danach") || nlu_is(tk, k + 1, "darauf") ||
					     nlu_is(tk, k + 1, "davor"))) {
		/* "am 27. nicht, aber den Tag danach": the day after the mention before */
		when_day_init(d, DK_DAYS);
		d->rel = 1;
		d->needs_anchor = true;
		d->prev_dir = nlu_is(tk, k + 1, "davor") ? 'v' : 'n';
		return k + 2;
	}
	if (nlu_is(tk, k, "woche") && lead)
		k++;
	if ((nlu_is(tk, k, "danach") || nlu_is(tk, k, "darauf") || nlu_is(tk, k, "drauf")) && lead) {
		when_day_init(d, DK_AGAIN);
		d->skip = 1;
		return k + 1;
	}
	int w = nlu_oneof(tk, k, when_next) >= 0 ? 1 : nlu_oneof(tk, k, when_after_next) >= 0 ? 2 : 0;
	/* "erst nächste", "die übernächste": the adjective alone, its noun said before */
	if (w > 0 && (k + 1 >= tk->n || nlu_oneof(tk, k + 1, when_articles) >= 0 || nlu_negation(tk->t[k + 1].w) ||
		      (tk->t[k].flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) || nlu_is(tk, k + 1, "oder") ||
		      nlu_is(tk, k + 1, "und") || nlu_is(tk, k + 1, "geht") || nlu_is(tk, k + 1, "passt"))) {
		when_day_init(d, DK_AGAIN);
		d->week = w;
		return k + 1;
	}
	return 0;
}

/* A day of the month: "am 3.", "am dritten zwölften", "3. Dezember". */
static size_t when_day_dom(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	size_t k = ld->k;
	/* "zur ersten Behandlung": an ordinal, no day */
	bool article = ld->article && !nlu_is(tk, k - 1, "im") && !nlu_is(tk, k - 1, "auf") &&
		       !(nlu_is(tk, k - 1, "zur") && !when_is_month_next(st, k + 1));
	if (article && st->ctx->expect == NLU_EXPECT_CHOICE && !nlu_is(tk, k - 1, "am") && !nlu_is(tk, k - 1, "zum") &&
	    when_num(st, k) >= 1 && when_num(st, k) <= 5 && !when_is_month_next(st, k + 1))
		return 0;   /* "den zweiten": the second offered slot */
	if (!article && (ld->relation != 0 || st->ctx->expect == NLU_EXPECT_DATE) && when_ord(st, k))
		article = true;   /* "ab 3.", or "fünfter" when asked for a day */
	size_t u = when_dom_at(st, k, article || (k == ld->i && when_ord(st, k) && nlu_is(tk, k + 1, "geht")), d);
	return u > 0 ? k + u : 0;
}

/* The month first, as written in letters and calendars: "Dez 12", "März 3 2027", "April 4,
 * 2027". The end of the mention, or 0. */
static size_t when_month_day(const struct when_state *st, size_t k, struct when_day *d)
{
	const struct nlu_toks *tk = st->tk;
	int day = when_num(st, k + 1);
	if (day < 1 || day > 31 || (tk->t[k + 1].flags & (NLU_TOK_CLOCK | NLU_TOK_DATE)) || st->used[k + 1] ||
	    nlu_is(tk, k + 2, "uhr") || nlu_oneof(tk, k + 2, when_units) >= 0 || nlu_is(tk, k + 2, "h"))
		return 0;
	when_day_init(d, DK_DOM);
	d->month = when_month_tok(st, k);
	d->day = day;
	d->year = when_year_at(st, k + 2);
	return k + 2 + (d->year ? 1 : 0);
}

/* "im Dezember", "nächsten Monat". */
static size_t when_day_month(struct when_state *st, const struct when_lead *ld, struct when_day *d)
{
	size_t s = ld->k > ld->start && nlu_is(st->tk, ld->k - 1, "im") ? ld->k - 1 : ld->k;
	size_t w = nlu_is(st->tk, s, "im") || nlu_is(st->tk, s, "des") ? s + 1 : s;
	if (nlu_is(st->tk, w, "monat") || nlu_is(st->tk, w, "monats"))
		return 0;   /* "was kostet das im Monat" */
	if (nlu_oneof(st->tk, s, when_last) >= 0 && nlu_is(st->tk, s + 1, "monat")) {
		when_day_init(d, DK_MONTH);
		d->rel = -1;   /* "letzten Monat" */
		d->past = true;
		return s + 2;
	}
	if (s == ld->k && when_month_tok(st, s) > 0) {
		size_t e = when_month_day(st, s, d);
		if (e > 0)
			return e;
	}
	/* "übernächsten März": the one after the next */
	bool after = nlu_oneof(st->tk, s, when_after_next) >= 0 && when_month_tok(st, s + 1) > 0;
	size_t u = when_month_at(st, s + (after ? 1 : 0), d);
	if (u == 0)
		return 0;
	d->skip = after ? 1 : 0;
	return s + u + (after ? 1 : 0);
}

typedef size_t (*when_day_fn)(struct when_state *st, const struct when_lead *ld, struct when_day *d);

/* The kinds of day mention, tried in this order. */
static const when_day_fn when_day_fns[] = {
	when_day_rel, when_day_ago, when_day_nth, when_day_wd, when_day_part, when_day_quarter, when_day_year, when_day_week,
	when_day_weekend, when_day_in, when_day_season, when_day_feast, when_day_days, when_day_again, when_day_dom, when_day_month,
};

/* Any mention of a day at i. */
static size_t when_try_day(struct when_state *st, size_t i)
{
	static const struct {
		const char *w;
		char rel;
	} leads[] = {
		{ "ab", 'a' }, { "fruehestens", 'a' }, { "nach", 'n' }, { "bis", 'b' }, { "spaetestens", 'b' }, { "vor", 'v' },
	};
	const struct nlu_toks *tk = st->tk;
	struct when_lead ld = { i, i, i, 0, false };
	for (size_t l = 0; l < sizeof(leads) / sizeof(leads[0]); l++)
		if (nlu_is(tk, i, leads[l].w)) {
			ld.relation = leads[l].rel;
			ld.k++;
			break;
		}
	ld.start = ld.k;
	while (ld.k < ld.start + 2 && nlu_oneof(tk, ld.k, when_articles) >= 0 && !nlu_is(tk, ld.k, "in") &&
	       !(nlu_is(tk, ld.k, "der") &&
		 (nlu_oneof(tk, ld.k + 1, when_next) >= 0 || nlu_oneof(tk, ld.k + 1, when_this) >= 0 ||
		  nlu_oneof(tk, ld.k + 1, when_last) >= 0))) {
		ld.k++;
		ld.article = true;
	}
	if (ld.k >= tk->n || !when_free(st, i, ld.k + 1))
		return 0;
	for (size_t f = 0; f < sizeof(when_day_fns) / sizeof(when_day_fns[0]); f++) {
		struct when_day d;
		size_t e = when_day_fns[f](st, &ld, &d);
		if (e > ld.k) {
			if (d.relation == 0)
				d.relation = ld.relation;
			/* "die Gutscheine vom letzten Jahr", "die Rechnung vom letzten Monat": where a
			 * thing comes from, no day */
			if (d.past && ld.k > 0 && nlu_is(tk, ld.k - 1, "vom") &&
			    (nlu_is(tk, e - 1, "jahr") || nlu_is(tk, e - 1, "monat")))
				d.neg = true;
			/* "dann bis Freitag" closing a turn is a goodbye till that day */
			if (d.relation == 'b' && nlu_is(tk, i, "bis") && e >= tk->n && i > 0 &&
			    (nlu_is(tk, i - 1, "dann") || nlu_is(tk, i - 1, "also") || nlu_is(tk, i - 1, "ok") ||
			     nlu_is(tk, i - 1, "okay")))
				d.relation = 0;
			return when_push_day(st, &d, i, e) ? e - i : 0;
		}
	}
	return 0;
}

/* ---- preferences ---- */

/* "wenn ich zu spät komme", "wann hab ich früher Schluss", "kann ich jederzeit kündigen": a wish
 * word (of list l, ending before j) that speaks of being late, of closing time or of quitting,
 * not of the appointment. */
static bool when_said_of_other(const struct when_state *st, size_t l, size_t j)
{
	static const char *const come[] = { "komm", "komme", "kommen", "kommt", "bin", "sind", "dran", NULL };
	static const char *const close[] = { "schluss", "feierabend", "aus", "zu", "frei", NULL };
	static const char *const quit[] = {
		"kuendigen", "absagen", "stornieren", "pausieren", "aufhoeren", "wechseln", "zurueckgeben", NULL,
	};
	const struct nlu_toks *tk = st->tk;
	if (l == 0)
		return nlu_oneof(tk, j, quit) >= 0;   /* "kann ich jederzeit kündigen" */
	if (j < 2)
		return false;
	if (nlu_is(tk, j - 2, "zu") && nlu_is(tk, j - 1, "spaet") && nlu_oneof(tk, j, come) >= 0)
		return true;
	return nlu_is(tk, j - 1, "frueher") && nlu_oneof(tk, j, close) >= 0;
}

/* "was wäre der nächste", "den nächsten bitte": "der nächste" with nothing after it that it
 * counts ("der nächste Montag"), the soonest. */
static bool when_next_alone(const struct when_state *st, size_t i)
{
	static const char *const the[] = { "der", "den", "die", "das", "am", NULL };   /* "was ist am nächsten frei" */
	static const char *const next[] = { "naechste", "naechsten", NULL };
	static const char *const after[] = {
		"bitte", "dann", "denn", "halt", "eben", "also", "frei", "freien", "freie", NULL,
	};
	const struct nlu_toks *tk = st->tk;
	if (nlu_oneof(tk, i, the) < 0 || nlu_oneof(tk, i + 1, next) < 0 || !when_free(st, i, i + 2))
		return false;
	for (size_t k = i + 2; k < tk->n; k++) {
		if (tk->t[k - 1].flags & (NLU_TOK_COMMA | NLU_TOK_STOP))
			return true;
		if (nlu_oneof(tk, k, after) < 0)
			return false;
	}
	return true;
}

static size_t when_try_pref(struct when_state *st, size_t i)
{
	static const char *const soon[] = {
		"so schnell wie moeglich", "so bald wie moeglich", "so frueh wie moeglich", "so schnell es geht",
		"so schnell wie es geht", "so schnell wie geht", "so schnell wies geht", "so bald es geht",
		"so bald wie es geht", "so frueh es geht", "so frueh wie es geht", "so schnell wie es ginge",
		"moeglichst bald", "moeglichst schnell", "moeglichst frueh", "moeglichst zeitnah",
		"naechsten freien termin", "naechste freie termin", "naechster freier termin",
		"ersten freien termin", "erste freie termin", "erstbesten termin", "naechstmoeglichen termin",
		"fruehesten termin", "frueheste termin", "fruehester termin", "egal wann", "wann immer",
		"jederzeit", "wann sie wollen", "wann es ihnen passt", "jetzt gleich", "gleich jetzt",
		"schnellstmoeglich", "baldmoeglichst", "baldigst", "fruehestmoeglich", "naechstmoeglich",
		"naechstmoeglichen", "fruehestmoeglichen", "asap", "sofort", "zeitnah", "bald", "schnellstens",
		"spontan", "alles recht", "demnaechst", "als naechstes", "naechste moeglichkeit",
		"naechsten moeglichkeit", "naechstbesten", "naechstbeste", "als erstes frei", "am schnellsten frei",
		"am fruehesten frei", "zuerst frei", NULL,
	};
	static const char *const earlier[] = {
		"zu spaet", "nicht so spaet", "frueher", "eher frueher", "fruehere", "frueheren", "frueheres", "nach vorne",
		NULL,
	};
	static const char *const later[] = {
		"zu frueh", "nicht so frueh", "spaeter", "spaetere", "spaeteren", "spaeteres", "so spaet wie",
		"moeglichst spaet", "spaetestmoeglich", NULL,
	};
	const struct nlu_toks *tk = st->tk;
	if (when_next_alone(st, i)) {
		st->pref = WHEN_PREF_SOONEST;
		when_mark(st, i, i + 2);
		return 2;
	}
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
			if (when_said_of_other(st, l, j))
				return 0;
			static const char *const the[] = { "den", "der", "die", "das", "dem", NULL };
			if (j == i + 1 && tk->t[i].w[tk->t[i].len - 1] != 'r' && i > 0 && nlu_oneof(tk, i - 1, the) >= 0)
				return 0;   /* "den späteren": one of the offered times */
			st->pref = prefs[l];
			/* ("heute noch spontan": the day said is the wish) */
			st->indifferent = l == 0 && (nlu_is(tk, i, "egal") || nlu_is(tk, i, "wann") ||
						     nlu_is(tk, i, "jederzeit") || nlu_is(tk, i, "alles") ||
						     nlu_is(tk, i, "spontan"));
			when_mark(st, i, j);
			return j - i;
		}
	}
	return 0;
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
				u = when_try_same_time(st, i);
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
	static const char *const more[] = {
		"gestern", "vorgestern", "kw", "kalenderwoche", "advent", "monatsende", "monatsanfang", "jahresende",
		"wochenanfang", "wochenmitte", "demnaechst", NULL,
	};
	for (size_t k = 0; words[k] != NULL; k++)
		if (strcmp(w, words[k]) == 0)
			return true;
	for (size_t k = 0; more[k] != NULL; k++)
		if (strcmp(w, more[k]) == 0)
			return true;
	for (int f = 0; f < when_nfeasts() && when_feast_calendar(f) == WHEN_CAL_NONE; f++)
		if (strchr(when_feast_phrase(f), ' ') == NULL && strcmp(w, when_feast_phrase(f)) == 0)
			return true;
	return nlu_weekday(w) >= 0 || nlu_month(w) > 0;
}
