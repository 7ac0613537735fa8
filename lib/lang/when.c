/* when.c: German day and time expressions of callers, resolved against the studio's wall clock. */
#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "nlu.h"
#include "nlu_int.h"
#include "when_int.h"

#define WHEN_DEFAULT_OPEN  (8 * 60)
#define WHEN_DEFAULT_CLOSE (20 * 60)

/* Windows of the parts of the day (minutes); half says how an hour 1..12 said with one reads. */
static const struct {
	int from, to;
	char half;   /* 'a' morning, 'p' afternoon, 'n' around noon, 'x' night, 0 by the open hours */
} when_dps[DP_COUNT] = {
	[DP_NONE] = { 0, 0, 0 },
	[DP_EARLY] = { 0, 11 * 60, 'a' },
	[DP_FORENOON] = { 0, 12 * 60, 'a' },
	[DP_NOON] = { 11 * 60 + 30, 14 * 60, 'n' },
	[DP_AFTERNOON] = { 12 * 60, 18 * 60, 'p' },
	[DP_EARLY_AFTERNOON] = { 12 * 60, 15 * 60, 'p' },
	[DP_LATE_AFTERNOON] = { 15 * 60, 18 * 60, 'p' },
	[DP_EVENING] = { 17 * 60, 24 * 60, 'p' },
	[DP_EARLY_EVENING] = { 17 * 60, 19 * 60, 'p' },
	[DP_LATE] = { 19 * 60, 24 * 60, 'p' },
	[DP_AFTER_WORK] = { 17 * 60, 24 * 60, 'p' },
	[DP_DAYTIME] = { 0, 17 * 60, 0 },
	[DP_AFTER_LUNCH] = { 13 * 60, 24 * 60, 'p' },
	[DP_NIGHT] = { 22 * 60, 24 * 60, 'x' },
	[DP_LATE_MORNING] = { 10 * 60, 12 * 60, 'a' },
};

/* The studio's open window on day d (the weekday's when ctx->week has one). */
static void when_open(const struct nlu_context *ctx, struct civil_date d, int *from, int *to)
{
	int f = ctx->open_from, t = ctx->open_to;
	if (ctx->week != NULL && civil_valid(d)) {
		int wd = civil_weekday(d);
		if (ctx->week[wd][0] < ctx->week[wd][1]) {
			f = ctx->week[wd][0];
			t = ctx->week[wd][1];
		}
	}
	if (f < 0 || t > 24 * 60 || f >= t) {
		f = WHEN_DEFAULT_OPEN;
		t = WHEN_DEFAULT_CLOSE;
	}
	*from = f;
	*to = t;
}

/* ---- choosing among mentions ---- */

static const char *const when_prio_words[] = {
	"lieber", "sondern", "eher", "besser", "stattdessen", "auf", "liebsten", "idealerweise", "nehme", "nehm",
	"nehmen", NULL,
};

/* "keine Ahnung", "kein Plan", "weiß nicht": a negation at k that rules out nothing. */
static bool when_no_idea(const struct nlu_toks *tk, size_t k)
{
	static const char *const idea[] = { "ahnung", "plan", "idee", "schimmer", "peilung", NULL };
	static const char *const know[] = { "weiss", "weis", "woass", "waess", "wees", NULL };
	return (nlu_prefix(tk, k, "kein") && nlu_oneof(tk, k + 1, idea) >= 0) ||
	       (nlu_is(tk, k, "nicht") && k > 0 && nlu_oneof(tk, k - 1, know) >= 0);
}

/* "nicht gleich morgen", "nicht schon am Montag": a "nicht" at k before a softener belongs
 * to what follows, not to the mention before it. */
static bool when_not_yet(const struct nlu_toks *tk, size_t k)
{
	static const char *const soft[] = { "gleich", "schon", "direkt", "sofort", "unbedingt", "gerade", NULL };
	return nlu_is(tk, k, "nicht") && nlu_oneof(tk, k + 1, soft) >= 0;
}

/* "haben Sie", "gibt es", "geht es": a question begins at k; what stands before it is said of
 * something else. */
static bool when_asks(const struct nlu_toks *tk, size_t k)
{
	static const char *const verb[] = {
		"haben", "habt", "hast", "haetten", "haettet", "gibt", "geht", "ginge", "waere", "passt", "koennen",
		"koennten", "koenntet", NULL,
	};
	static const char *const who[] = { "sie", "ihr", "du", "es", "man", NULL };
	return nlu_oneof(tk, k, verb) >= 0 && nlu_oneof(tk, k + 1, who) >= 0;
}

/* "haben Sie nicht was am Freitag", "gibt es nicht noch was": a "nicht" at k that belongs to a
 * question (asking for what follows), not a rule-out. */
static bool when_asks_not(const struct nlu_toks *tk, size_t k)
{
	static const char *const soft[] = { "denn", "vielleicht", "eventuell", "auch", "mal", NULL };
	return (k >= 2 && when_asks(tk, k - 2)) || (k >= 3 && nlu_oneof(tk, k - 1, soft) >= 0 && when_asks(tk, k - 3));
}

/* Where the mention ending at end begins, or end when none does. */
static size_t when_start_of(const struct when_state *st, size_t end)
{
	for (size_t k = 0; k < st->ndays; k++)
		if (st->days[k].end == end)
			return st->days[k].pos;
	for (size_t k = 0; k < st->ntimes; k++)
		if (st->times[k].end == end)
			return st->times[k].pos;
	for (size_t k = 0; k < st->ndps; k++)
		if (st->dps[k].end == end)
			return st->dps[k].pos;
	return end;
}

/* "am Zwölften nicht am Elften", "im Januar nicht im Februar": a "nicht" at k between two
 * mentions led by the same word rules out the second ("X, nicht Y"). */
static bool when_contrast(const struct when_state *st, size_t k)
{
	static const char *const lead[] = { "am", "um", "im", "an", "ab", "zum", "vom", "gegen", NULL };
	const struct nlu_toks *tk = st->tk;
	if (k == 0 || k + 1 >= tk->n || !nlu_is(tk, k, "nicht") || !st->used[k - 1] || !st->used[k + 1] ||
	    (tk->t[k].flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) || nlu_oneof(tk, k + 1, lead) < 0)
		return false;
	size_t a = when_start_of(st, k);
	return a < k && strcmp(tk->t[a].w, tk->t[k + 1].w) == 0;
}

/* "weil ich übermorgen dort bin", "weil ich nächste Woche eh in der Stadt bin", "weil ich nur
 * freitags kann": a reason from "weil" at w saying the caller is there, free or able then, so
 * the day is the wish; a reason against ("weil ich vormittags arbeite", "weil ich da keine
 * Zeit habe") is not. */
static bool when_reason_for(const struct nlu_toks *tk, size_t w)
{
	static const char *const there[] = { "dort", "da", "hier", "vor", "stadt", "naehe", "gegend", "besuch", "zeit",
					     "frei", "kann", NULL };
	static const char *const busy[] = { "arbeit", "schicht", "dienst", "schule", "schlaf", "termin", "beschaeft",
					    "unterwegs", "weg", "verreist", "urlaub", "krank", "muss", NULL };
	static const char *const stop[] = { "aber", "und", "dann", "sondern", "oder", NULL };
	bool said = false;
	for (size_t k = w + 1; k < tk->n && nlu_oneof(tk, k, stop) < 0; k++) {
		if (nlu_negation(tk->t[k].w))
			return false;
		for (size_t b = 0; busy[b] != NULL; b++)
			if (nlu_prefix(tk, k, busy[b]) && nlu_weekday(tk->t[k].w) < 0)
				return false;
		said = said || nlu_oneof(tk, k, there) >= 0;
		if (tk->t[k].flags & (NLU_TOK_COMMA | NLU_TOK_STOP))
			break;
	}
	return said;
}

/* "Montag hab ich den Steuerberater", "um drei hab ich ja Krankengymnastik": right after a
 * mention (word k), "hab ich" and an appointment of the caller's own say the time is taken;
 * "da hab ich Zeit", "hab ich den ganzen Tag frei" say the opposite. */
static bool when_taken_after(const struct nlu_toks *tk, size_t k)
{
	static const char *const fill[] = { "ja", "da", "doch", "schon", "leider", "eh", "aber", "dann", "noch", NULL };
	static const char *const what[] = {
		"den", "die", "das", "einen", "eine", "ein", "meinen", "meine", "mein", "nen", "ne", "termine", NULL,
	};
	/* an appointment or a duty named by its last part: "Arzttermin", "Spätschicht", "Krankengymnastik" */
	static const char *const duty[] = {
		"termin", "arbeit", "schicht", "dienst", "schule", "training", "unterricht", "besuch", "gymnastik",
		"sport", "kurs", "probe", "yoga", "physio", "reha", "dialyse", "vorlesung", "meeting", "arzt", "aerztin",
		"friseur", "frisoer", "therapie", "kita", "chor", "untersuchung", "besprechung", "konferenz", "sitzung",
		NULL,
	};
	/* ("da hab ich Schule aus": the duty is over then) */
	static const char *const free_[] = {
		"zeit", "frei", "freien", "urlaub", "luft", "nichts", "nix", "aus", "vorbei", "feierabend", "schluss", NULL,
	};
	if (nlu_is(tk, k, "da"))
		k++;
	/* "dienstags hat der Leon ja Schwimmen", "nachmittags kommt der Pflegedienst": another's
	 * duty then */
	static const char *const theirs[] = { "hat", "kommt", "muss", NULL };
	static const char *const whom[] = { "der", "die", "mein", "meine", "unser", "unsere", NULL };
	if (nlu_oneof(tk, k, theirs) >= 0 && nlu_oneof(tk, k + 1, whom) >= 0) {
		for (size_t j = k + 2; j < tk->n && j < k + 10; j++)   /* (not "... dann hab ich eh frei") */
			if (nlu_oneof(tk, j, free_) >= 0)
				return false;
		return true;
	}
	if (!(nlu_is(tk, k, "hab") || nlu_is(tk, k, "habe") || nlu_is(tk, k, "hab's")) || !nlu_is(tk, k + 1, "ich"))
		return false;
	k += 2;
	while (k < tk->n && nlu_oneof(tk, k, fill) >= 0)
		k++;
	bool named = false;
	for (size_t d = 0; duty[d] != NULL && k < tk->n && !named; d++) {
		size_t l = strlen(duty[d]);
		named = tk->t[k].len >= l && memcmp(tk->t[k].w + tk->t[k].len - l, duty[d], l) == 0;
	}
	if (nlu_oneof(tk, k, what) < 0 && !named)
		return false;
	/* "morgen hab ich den Termin bei Ihnen": the appointment here, the day it is on */
	static const char *const ours[] = { "ihnen", "euch", "studio", "hier", NULL };
	bool elsewhere = false;
	for (size_t j = k; j < tk->n && j < k + 5; j++) {
		if (nlu_oneof(tk, j, free_) >= 0 || nlu_negation(tk->t[j].w) || nlu_oneof(tk, j, ours) >= 0)
			return false;
		elsewhere = elsewhere || nlu_is(tk, j, "beim") || nlu_is(tk, j, "bei");
	}
	size_t noun = nlu_prefix(tk, k, "termin") ? k : k + 1;
	return !nlu_prefix(tk, noun, "termin") || elsewhere;
}

/* "ich hatte Donnerstag gesagt, nicht Dienstag": a verb of saying between the mention before
 * and the "nicht" at k ends that one; the "nicht" is the next one's. */
static bool when_said_before(const struct nlu_toks *tk, size_t from, size_t k)
{
	static const char *const said[] = { "gesagt", "gemeint", "sagte", "meinte", "gesacht", NULL };
	for (size_t g = from >= 5 ? from - 5 : 0; g < k; g++)
		if (nlu_oneof(tk, g, said) >= 0)
			return true;
	return false;
}

/* Sets neg, prio and alt of a mention spanning [pos, end) whose next mention starts at next. */
static void when_judge(const struct when_state *st, size_t pos, size_t end, size_t next, int *prio, bool *neg,
		       bool *alt)
{
	const struct nlu_toks *tk = st->tk;
	*prio = 0;
	/* "ich bin heut ganz durch den Wind", "heute heiß ich Weber": how the caller is today */
	static const char *const state[] = {
		"durcheinander", "wind", "muede", "krank", "verwirrt", "kaputt", "erkaeltet", "heiser", "zerstreut",
		"verpeilt", "neben", NULL,
	};
	if (end == pos + 1 && (nlu_is(tk, pos, "heute") || nlu_is(tk, pos, "heut"))) {
		if (pos + 1 < tk->n && nlu_prefix(tk, pos + 1, "heiss"))
			*neg = true;
		for (size_t k = pos + 1; k < tk->n && k < pos + 5 && pos > 0 && nlu_is(tk, pos - 1, "bin"); k++)
			if (nlu_oneof(tk, k, state) >= 0)
				*neg = true;
	}
	/* "schönes Wochenende", "frohe Ostern": wished well, not asked for */
	static const char *const wished[] = {
		"schoenes", "schoene", "schoenen", "gutes", "erholsames", "erholsame", "frohes", "frohe", "frohen", NULL,
	};
	if (pos > 0 && nlu_oneof(tk, pos - 1, wished) >= 0)
		*neg = true;
	/* "morgen geht nicht, übermorgen schon": a "nicht" right after another
	 * mention belongs to that one */
	size_t prev_end = 0;
	bool prev = false;
	for (size_t k = 0; k < pos; k++)
		if (st->used[k]) {
			prev = true;
			prev_end = k + 1;
		}
	/* "Montag nachmittag auf Dienstag": the mention opens with "auf" itself */
	if (pos < tk->n && nlu_is(tk, pos, "auf"))
		*prio = 2;
	for (size_t b = 1; b <= 3 && b <= pos; b++) {
		size_t k = pos - b;
		if (st->used[k])
			break;   /* another mention */
		if (nlu_is(tk, k, "weil")) {
			/* "weil ich nachmittags schlafe": a reason, not a wish */
			*neg = *neg || !when_reason_for(tk, k);
			break;
		}
		if (when_asks(tk, k))
			break;   /* "passt gar nicht, haben Sie am Donnerstag": a new question */
		/* "das stimmt nicht, ich hatte Donnerstag gesagt": a subject opens a clause of its own */
		if (b >= 2 && (nlu_is(tk, k + 1, "ich") || nlu_is(tk, k + 1, "wir")) && nlu_negation(tk->t[k].w))
			break;
		if (nlu_negation(tk->t[k].w) && when_asks_not(tk, k))
			break;   /* "haben Sie nicht was am Freitag" */
		/* ("vormittags geht bei mir nicht, nur nachmittags": the comma ends the negation) */
		if (nlu_is(tk, k, "statt") || nlu_is(tk, k, "anstatt") || nlu_is(tk, k, "ausser") ||
		    (nlu_negation(tk->t[k].w) && !when_no_idea(tk, k) && !(tk->t[k].flags & NLU_TOK_COMMA) &&
		     !nlu_is(tk, k + 1, "nur") && !nlu_negation_ends(tk, k) &&
		     (!(prev && k - prev_end <= 2) || when_not_yet(tk, k) || when_contrast(st, k) ||
		      when_said_before(tk, prev_end, k))))
			*neg = true;
		/* "ich arbeite auf Baustelle bis um vier": an "auf" with a noun of its own moves nothing */
		static const char *const onto[] = { "den", "die", "das", "dem", "um", "naechsten", "naechste", "kommenden",
						    "diesen", "spaeter", "frueher", NULL };
		bool own_noun = nlu_is(tk, k, "auf") && k + 1 < pos && nlu_oneof(tk, k + 1, onto) < 0;
		if (nlu_oneof(tk, k, when_prio_words) >= 0 && !own_noun) {
			*prio = nlu_is(tk, k, "auf") ? 2 : 1;
			break;
		}
		/* "um 10 oder 11", "dienstags und donnerstags", "morgen, sonst halt übermorgen": the first one */
		static const char *const instead[] = { "sonst", "ansonsten", "notfalls", "alternativ", NULL };
		/* ("um zehn, oder nee, um elf": "oder" taken back is a correction) */
		static const char *const taken_back[] = { "nee", "nein", "ne", "noe", "quatsch", NULL };
		if ((nlu_is(tk, k, "oder") || nlu_is(tk, k, "beziehungsweise") || (nlu_is(tk, k, "und") && b == 1 && prev) ||
		     (nlu_oneof(tk, k, instead) >= 0 && prev)) &&
		    b <= 2 && !(nlu_is(tk, k, "oder") && nlu_oneof(tk, k + 1, taken_back) >= 0))
			*alt = true;
		if (nlu_is(tk, k, "sondern") || nlu_is(tk, k, "aber") || nlu_is(tk, k, "dann") ||
		    nlu_is(tk, k, "also") || (tk->t[k].flags & (NLU_TOK_COMMA | NLU_TOK_STOP)))
			break;   /* ("da ging keiner ran, also am Montag": the "kein" is another clause's) */
	}
	/* "den Termin am Mittwoch brauche ich nicht mehr": what is not needed is the appointment */
	static const char *const whose[] = { "den", "meinen", "unseren", "dem", "meinem", "unserem", "ihrem", NULL };
	bool booked = pos >= 2 && nlu_prefix(tk, pos - 1, "termin") && nlu_oneof(tk, pos - 2, whose) >= 0;
	/* (a bound, "bis 16 Uhr hab ich Dienst", says when the caller is free: its own reading) */
	static const char *const bound[] = { "bis", "ab", "nach", "vor", "von", "seit", NULL };
	bool only = (pos >= 1 && nlu_is(tk, pos - 1, "nur")) ||
		    (pos >= 2 && nlu_is(tk, pos - 2, "nur") && !st->used[pos - 1]);   /* not "nur vormittags, nachmittags ..." */
	if (!booked && !only && nlu_oneof(tk, pos, bound) < 0 && when_taken_after(tk, end))
		*neg = true;   /* ("ich kann nur mittwochs vormittags, da hab ich Spätschicht": the wish stands) */
	/* four words on, not counting fillers ("vormittags geht bei mir überhaupt nicht") */
	static const char *const fill[] = { "bei", "mir", "uns", "ueberhaupt", "leider", "echt", "wirklich", NULL };
	size_t reach = end + 4;
	for (size_t k = end; k < next && k < reach && k < tk->n && !booked; k++) {
		if (nlu_oneof(tk, k, fill) >= 0) {
			reach++;
			continue;
		}
		if (nlu_is(tk, k, "sondern") || nlu_is(tk, k, "aber") || nlu_is(tk, k, "oder") || nlu_is(tk, k, "und") ||
		    nlu_is(tk, k, "dann") || nlu_is(tk, k, "wenn") || nlu_is(tk, k, "weil") ||
		    nlu_is(tk, k, "sonst") || nlu_is(tk, k, "ansonsten"))
			break;   /* ("am Montag, sonst geht's bei mir nicht": the others are ruled out) */
		if (when_not_yet(tk, k) || when_no_idea(tk, k) || when_contrast(st, k))
			break;
		/* "um 7.45, später geht nicht": the negation after a word for another time is that one's */
		static const char *const other_time[] = { "spaeter", "frueher", "danach", "vorher", "nachher", NULL };
		if (nlu_oneof(tk, k, other_time) >= 0)
			break;
		/* "der Dienstag wär nicht schlecht": two negations praise it */
		static const char *const not_[] = { "nicht", "nich", "ni", "net", "ned", NULL };
		static const char *const not_said[] = { "nicht", "nich", "ned", NULL };   /* not "geöff net" */
		static const char *const bad[] = { "schlecht", "verkehrt", "uebel", "schlimm", NULL };
		if (nlu_oneof(tk, k, not_) >= 0 && nlu_oneof(tk, k + 1, bad) >= 0)
			break;
		/* "ich bin nicht mehr die Schnellste": what the caller no longer is, not the time */
		static const char *const what[] = { "die", "der", "so", "ganz", "jung", "fit", NULL };
		if (nlu_oneof(tk, k, not_) >= 0 && nlu_is(tk, k + 1, "mehr") && nlu_oneof(tk, k + 2, what) >= 0)
			break;
		/* ("ich meinte Freitag, nicht Samstag": the "nicht" is the next one's) */
		if (nlu_oneof(tk, k, not_said) >= 0 && k + 1 == next && when_said_before(tk, pos, k))
			break;
		if (nlu_oneof(tk, k, not_said) >= 0 || nlu_prefix(tk, k, "kein") || nlu_is(tk, k, "schlecht") ||
		    nlu_is(tk, k, "unguenstig") || nlu_is(tk, k, "schlechter") || nlu_is(tk, k, "nie") ||
		    (nlu_is(tk, k, "zu") && (nlu_is(tk, k + 1, "spaet") || nlu_is(tk, k + 1, "frueh"))))
			*neg = true;
		if (nlu_is(tk, k, "lieber") || nlu_is(tk, k, "besser"))
			*prio = 1;
		if (tk->t[k].flags & (NLU_TOK_COMMA | NLU_TOK_STOP))
			break;
	}
}

/* Start of the first mention of any kind after position end. */
static size_t when_next_mention(const struct when_state *st, size_t end)
{
	size_t next = st->tk->n;
	for (size_t k = 0; k < st->ndays; k++)
		if (st->days[k].pos >= end && st->days[k].pos < next)
			next = st->days[k].pos;
	for (size_t k = 0; k < st->ntimes; k++)
		if (st->times[k].pos >= end && st->times[k].pos < next)
			next = st->times[k].pos;
	for (size_t k = 0; k < st->ndps; k++)
		if (st->dps[k].pos >= end && st->dps[k].pos < next)
			next = st->dps[k].pos;
	return next;
}

/* "den danach", "die übernächste" (b) after a (NULL when none): b becomes a moved on; false
 * when there is nothing it can refer to. */
static bool when_again(const struct when_day *a, struct when_day *b)
{
	if (a == NULL || !(a->kind == DK_WD || a->kind == DK_WEEK))
		return false;
	struct when_day c = *a;
	c.pos = b->pos;
	c.end = b->end;
	c.neg = c.alt = c.past = c.needs_anchor = false;
	c.prio = 0;
	c.relation = b->relation;
	if (b->week >= 0 && c.kind == DK_WEEK && c.week >= -2) {
		c.week = b->week;                  /* "die übernächste" (Woche) */
	} else if (b->week >= 0 && c.kind == DK_WD) {
		c.week = c.inweeks = -1;
		c.skip = b->week - 1;              /* "den übernächsten" (Dienstag) */
	} else if (b->week >= 0) {
		c.week = -3 - (b->week - 1);       /* "das übernächste" (Wochenende) */
	} else if (c.kind == DK_WD) {
		if (c.week >= 0)
			c.week++;
		else
			c.skip++;
	} else {
		c.week = c.week <= -3 ? c.week - 1 : (c.week == -2 ? 0 : c.week) + 1;
	}
	*b = c;
	return true;
}

/* Folds "Dienstag nächste Woche", "heute in einer Woche" into one mention. */
static void when_merge_days(struct when_state *st)
{
	size_t out = 0;
	for (size_t k = 0; k < st->ndays; k++) {
		struct when_day *a = out > 0 ? &st->days[out - 1] : NULL, *b = &st->days[k];
		if (b->kind == DK_AGAIN && !when_again(a, b))
			continue;
		bool near = a != NULL && b->pos <= a->end + 2 && !nlu_is(st->tk, b->pos, "auf");
		/* "vom Donnerstag auf nächste Woche": the old day, then the new; "morgen, nein, am
		 * Freitag", "übermorgen ist schlecht, am Mittwoch geht": one day, then another */
		static const char *const apart[] = {
			"oder", "sondern", "nicht", "und", "statt", "bis", "auf", "nein", "nee", "noe", "quatsch", "ist",
			"geht", "passt", "schlecht", "lieber", "eher", "aber", "doch", "weil", "wenn", "da", "dann", "sonst",
			NULL,
		};
		for (size_t g = a ? a->end : 0; near && g < b->pos; g++)
			if (nlu_oneof(st->tk, g, apart) >= 0)
				near = false;
		if (near) {
			bool weekish = b->kind == DK_WEEK && b->part == PART_WHOLE && b->week >= 0;
			bool aweekish = a->kind == DK_WEEK && a->part == PART_WHOLE && a->week >= 0;
			if (a->kind == DK_WD && weekish && a->week < 0) {
				a->week = b->week;
				a->past = a->past || b->past;
				a->end = b->end;
				continue;
			}
			if (aweekish && b->kind == DK_WD) {
				b->week = a->week;
				b->past = b->past || a->past;
				b->pos = a->pos;
				b->relation = a->relation;
				*a = *b;
				continue;
			}
			if ((a->kind == DK_WD || a->kind == DK_REL) && b->kind == DK_INWEEKS) {
				a->inweeks = b->inweeks;
				a->end = b->end;
				continue;
			}
			if (a->kind == DK_INWEEKS && b->kind == DK_WD) {
				b->inweeks = a->inweeks;
				b->pos = a->pos;
				*a = *b;
				continue;
			}
			/* ("am Freitag vor dem ersten Mai": the day before it, when_anchor()) */
			bool rel_b = b->relation == 'v' || b->relation == 'n';
			if ((a->kind == DK_WD && (b->kind == DK_DOM || b->kind == DK_REL) && !rel_b) ||
			    (a->kind == DK_MONTH && a->part == PART_WHOLE && b->kind == DK_DOM && b->month == 0)) {
				if (a->kind == DK_MONTH) {
					b->month = a->month;
					b->year = a->year;
				}
				b->pos = a->pos;
				if (b->relation == 0)
					b->relation = a->relation;
				*a = *b;
				continue;
			}
			if ((a->kind == DK_DOM || a->kind == DK_REL) && b->kind == DK_WD) {
				a->end = b->end;
				a->today = a->today || b->today;
				continue;
			}
		}
		st->days[out++] = *b;
	}
	st->ndays = out;
}

/* Words between two mentions that keep them apart. */
static bool when_apart(const struct when_state *st, size_t from, size_t to)
{
	static const char *const breaks[] = { "oder", "sondern", "nicht", "und", "statt", "bis", "aber", NULL };
	for (size_t g = from; g < to; g++)
		if (nlu_oneof(st->tk, g, breaks) >= 0)
			return true;
	return false;
}

static bool when_plain_wd(const struct when_day *d)
{
	return d->kind == DK_WD && d->week < 0 && d->inweeks < 0 && d->relation == 0 && d->anchor < 0;
}

/* "vom 3. bis 5. Dezember", "zwischen dem 3. und dem 5.", "von Montag bis Mittwoch", "von
 * Weihnachten bis Silvester", "zwischen Weihnachten und Neujahr": one span. */
static void when_ranges(struct when_state *st)
{
	const struct nlu_toks *tk = st->tk;
	for (size_t k = 0; k + 1 < st->ndays; k++) {
		struct when_day *a = &st->days[k], *b = &st->days[k + 1];
		bool bis = (b->relation == 'b' && b->pos == a->end && nlu_is(tk, b->pos, "bis")) ||
			   (b->relation == 0 && b->pos == a->end && when_dash(st, b->pos));
		bool und = b->pos == a->end + 1 && nlu_is(tk, a->end, "und") && a->pos > 0 &&
			   (nlu_is(tk, a->pos - 1, "zwischen") || (a->pos > 1 && nlu_is(tk, a->pos - 2, "zwischen")));
		if (!(bis || und) || a->relation != 0 || a->past || b->past || a->kind != b->kind ||
		    !(a->kind == DK_DOM || a->kind == DK_WD || a->kind == DK_HOLIDAY))
			continue;
		if (a->kind == DK_DOM && a->month == 0)
			a->month = b->month;
		if (a->kind == DK_DOM && a->year == 0 && b->year != 0)   /* "vom 14.10. bis 15.10.2027" */
			a->year = a->month > b->month ? b->year - 1 : b->year;
		struct when_day end = *b;
		struct civil_date a0, a1, b0, b1;
		enum when_grain g;
		end.relation = 0;
		if (!when_resolve_day(st, a, &a0, &a1, &g) || !when_resolve_day(st, &end, &b0, &b1, &g))
			continue;
		if (a->kind == DK_WD && civil_cmp(b1, a0) < 0)
			b1 = civil_add_days(b1, 7);
		if (a->kind == DK_HOLIDAY && und) {
			a0 = civil_add_days(a1, 1);   /* "zwischen Weihnachten und Neujahr": the days between */
			b1 = civil_add_days(b0, -1);
		}
		if (civil_cmp(b1, a0) < 0)
			continue;
		a->kind = DK_SPAN;
		a->d0 = a0;
		a->d1 = b1;
		a->end = b->end;
		b->absorbed = true;
	}
}

/* Ties a mention to the one it is said "nach" or "vor": "Freitag nach Himmelfahrt", "nach
 * Weihnachten am Montag", "vor Weihnachten nicht mehr, aber gleich danach am Montag". */
static void when_anchor(struct when_state *st)
{
	for (size_t k = 0; k + 1 < st->ndays; k++) {
		struct when_day *a = &st->days[k], *b = &st->days[k + 1];
		bool near = b->pos <= a->end + 1 && !when_apart(st, a->end, b->pos);
		bool rel_b = b->relation == 'n' || b->relation == 'v', rel_a = a->relation == 'n' || a->relation == 'v';
		bool danach = false;
		for (size_t g = b->pos >= 2 ? b->pos - 2 : 0; g < b->end + 1 && g < st->tk->n; g++)
			danach = danach || ((g < b->pos || g == b->end) &&
					    (nlu_is(st->tk, g, "danach") || nlu_is(st->tk, g, "drauf") ||
					     nlu_is(st->tk, g, "darauf")));
		bool placed = b->kind == DK_DAYS && b->prev_dir != 0 && a->anchor < 0 && !a->needs_anchor;
		if (placed) {
			b->anchor = (int)k;
			b->adir = b->prev_dir;
			b->past = false;
			a->absorbed = a->neg;   /* "Freitag oder den Tag danach": two days to choose from */
		}
		/* "am Mittwoch nach dem kommenden, also nach Weihnachten": a day placed already, then said
		 * again in other words, is not placed a second time */
		static const char *const restate[] = { "also", "sprich", "naemlich", "heisst", NULL };
		bool again = false;
		for (size_t g = a->end; g < b->pos && a->skip > 0; g++)
			again = again || nlu_oneof(st->tk, g, restate) >= 0;
		if (placed) {
			/* (placed just now) */
		} else if (again) {
			b->absorbed = true;
		} else if (near && rel_b && a->relation == 0 &&
		    (when_plain_wd(a) || a->kind == DK_DAYS || (a->kind == DK_WEEK && (a->week == 0 || a->week <= -3)))) {
			a->anchor = (int)(k + 1);
			a->adir = b->relation;
			a->past = false;
			b->absorbed = true;
		} else if (((near && rel_a) || danach) && when_plain_wd(b)) {
			b->anchor = (int)k;
			b->adir = danach || !rel_a ? 'n' : a->relation;
			b->past = false;
			a->absorbed = true;
		}
	}
}

/* "nächste Woche Mittwoch, nein, Donnerstag": a bare weekday after one with its week keeps that week. */
static void when_same_week(struct when_state *st)
{
	for (size_t k = 1; k < st->ndays; k++) {
		struct when_day *a = &st->days[k - 1], *b = &st->days[k];
		if (a->kind == DK_WD && a->anchor < 0 && !a->past && (a->week >= 0 || a->inweeks > 0) && when_plain_wd(b) &&
		    b->skip == 0 && !b->past) {
			b->week = a->week;
			b->inweeks = a->inweeks;
		}
	}
}

/* "den 12. Juni, nein, den 19.": a day of the month said alone after one with its month keeps
 * that month (and year). */
static void when_same_month(struct when_state *st)
{
	for (size_t k = 1; k < st->ndays; k++) {
		struct when_day *a = &st->days[k - 1], *b = &st->days[k];
		if (a->kind == DK_DOM && b->kind == DK_DOM && a->month > 0 && b->month == 0 && !a->past && !b->past &&
		    a->anchor < 0 && b->anchor < 0 && !a->absorbed && !b->absorbed) {
			b->month = a->month;
			b->year = a->year;
		}
	}
}

/* "am ersten Februar, das ist ein Montag, glaub ich": a weekday said of a date with its month
 * is that date's, however far apart; it names no day of its own. */
static void when_weekday_of_date(struct when_state *st)
{
	for (size_t k = 0; k < st->ndays; k++) {
		const struct when_day *a = &st->days[k];
		struct civil_date d0, d1;
		enum when_grain g;
		if (a->kind != DK_DOM || a->month == 0 || a->absorbed || a->past || a->anchor >= 0 ||
		    !when_resolve_day(st, a, &d0, &d1, &g))
			continue;
		for (size_t j = 0; j < st->ndays; j++) {
			struct when_day *b = &st->days[j];
			if (when_plain_wd(b) && !b->absorbed && !b->past && b->skip == 0 && b->wd == civil_weekday(d0))
				b->absorbed = true;
		}
	}
}

/* A participle that makes "ich habe ..." the past ("vergessen", "gekauft", "abgeholt",
 * "liegen lassen"); not "gegen", "geöffnet" or "Geburtstag". */
static bool when_participle(const char *w)
{
	static const char *const known[] = {
		"lassen", "vergessen", "verloren", "bekommen", "bezahlt", "verpasst", "bestellt", "erhalten",
		"verlegt", "versucht", "erreicht", "bemerkt", NULL,
	};
	static const char *const not_past[] = {
		"gegen", "gehen", "geht", "geben", "gerne", "genug", "gesamt", "geoeffnet", "geschlossen", "gelegen",
		"gesagt", NULL,
	};
	size_t n = strlen(w);
	for (size_t k = 0; known[k] != NULL; k++)
		if (strcmp(w, known[k]) == 0)
			return true;
	for (size_t k = 0; not_past[k] != NULL; k++)
		if (strcmp(w, not_past[k]) == 0)
			return false;
	if (n < 6 || (w[n - 1] != 't' && !(w[n - 2] == 'e' && w[n - 1] == 'n')) ||
	    (n > 3 && strcmp(w + n - 3, "tag") == 0))
		return false;
	const char *ge = strstr(w, "ge");
	return ge != NULL && ge - w <= 5 && n - (size_t)(ge - w) >= 5;
}

/* "ich hab am Samstag meine Brille liegen lassen", "wir haben am Sonntag was gekauft": the
 * perfect tense of "ich" or "wir" said around [from, to). */
static bool when_perfect(const struct when_state *st, size_t from, size_t to)
{
	static const char *const have[] = { "hab", "habe", "haben", "hatte", "hatten", "habs", NULL };
	static const char *const who[] = { "ich", "wir", "i", NULL };
	const struct nlu_toks *tk = st->tk;
	bool subj = false;
	for (size_t g = from >= 4 ? from - 4 : 0; g < from && !subj; g++)
		subj = nlu_oneof(tk, g, have) >= 0 &&
		       ((g > 0 && nlu_oneof(tk, g - 1, who) >= 0) || nlu_oneof(tk, g + 1, who) >= 0);
	for (size_t g = to; subj && g < to + 10 && g < tk->n; g++) {
		if (when_participle(tk->t[g].w))
			return true;
		if (tk->t[g].flags & (NLU_TOK_COMMA | NLU_TOK_STOP))
			break;
	}
	return false;
}

/* "ein Gutschein zu (für) Weihnachten", "was schenke ich zu Ostern": a feast named as the occasion of
 * a gift is no day wished for. */
static void when_occasion(struct when_state *st)
{
	const struct nlu_toks *tk = st->tk;
	bool given = false;
	for (size_t g = 0; g < tk->n && !given; g++)
		given = strstr(tk->t[g].w, "gutschein") != NULL || strstr(tk->t[g].w, "geschenk") != NULL ||
			nlu_prefix(tk, g, "schenk") || nlu_prefix(tk, g, "verschenk") ||
			(nlu_is(tk, g, "gut") && nlu_prefix(tk, g + 1, "schein"));   /* heard in two */
	/* ("so einen Gutschein wie an Weihnachten": the feast the last one was given for) */
	for (size_t k = 0; k < st->ndays && given; k++) {
		struct when_day *d = &st->days[k];
		/* "meine Oma hat letztes Jahr nen Gutschein gekriegt": when it was given */
		if (d->past)
			d->neg = true;
		size_t p = d->pos;
		bool for_it = nlu_is(tk, p, "fuer") || nlu_is(tk, p, "zum") ||
			      (p > 0 && (nlu_is(tk, p - 1, "zu") || nlu_is(tk, p - 1, "zum") || nlu_is(tk, p - 1, "wie"))) ||
			      (p > 1 && nlu_is(tk, p - 1, "an") && nlu_is(tk, p - 2, "wie"));
		if (d->kind == DK_HOLIDAY && for_it)
			d->neg = true;
	}
}

/* "verpasst", "verschlafen", "nicht gekommen": the caller missed an appointment. */
static bool when_missed(const struct nlu_toks *tk)
{
	static const char *const missed[] = {
		"verpasst", "verschlafen", "versaeumt", "verschwitzt", "verpennt", "verbummelt", "vergessen",
		"verpeilt", "geschwaenzt", NULL,
	};
	static const char *const come[] = { "gekommen", "erschienen", "hingekommen", "geschafft", "hingegangen", NULL };
	for (size_t g = 0; g < tk->n; g++)
		if (nlu_oneof(tk, g, missed) >= 0 ||
		    (g > 0 && nlu_is(tk, g - 1, "nicht") && nlu_oneof(tk, g, come) >= 0))
			return true;
	return false;
}

/* "verschieben", "absagen", "gebucht": an appointment to be moved or one booked, still ahead. */
static bool when_moved(const struct nlu_toks *tk)
{
	static const char *const moved[] = {
		"verschieb", "verschob", "verleg", "umleg", "absag", "abzusag", "abgesagt", "storn", "aender", "umbuch",
		"cancel", "tausch", "gebucht", "ausgemacht", "vereinbart", "reserviert", "bestaetig", NULL,
	};
	for (size_t g = 0; g < tk->n; g++)
		for (size_t m = 0; moved[m] != NULL; m++)
			if (nlu_prefix(tk, g, moved[m]))
				return true;
	return false;
}

/* "ich war drei Wochen nach Ostern da": a mention counted from another, said in the past tense,
 * is a day gone by, and so is the one it counts from. */
static void when_tense_anchored(struct when_state *st, struct when_day *d, const char *const *was,
				const char *const *ahead)
{
	const struct nlu_toks *tk = st->tk;
	struct when_day *an = &st->days[d->anchor];
	size_t from = d->pos < an->pos ? d->pos : an->pos, to = d->end > an->end ? d->end : an->end;
	bool said = false, fut = false;
	for (size_t g = from >= 3 ? from - 3 : 0; g < to + 3 && g < tk->n; g++) {
		said = said || nlu_oneof(tk, g, was) >= 0;
		fut = fut || (g >= from && g < to && nlu_oneof(tk, g, ahead) >= 0) || nlu_prefix(tk, g, "termin");
	}
	said = said || when_perfect(st, from, to);
	if (said && !fut && (an->kind == DK_HOLIDAY || an->kind == DK_DOM || when_plain_wd(an)))
		d->past = an->past = true;
}

/* Does word k end one clause and open another ("also", "aber", a comma)? */
static bool when_clause_break(const struct nlu_toks *tk, size_t k)
{
	return nlu_is(tk, k, "also") || nlu_is(tk, k, "aber") || nlu_is(tk, k, "sondern") ||
	       (tk->t[k].flags & (NLU_TOK_COMMA | NLU_TOK_STOP));
}

/* "ich war am Dienstag bei Ihnen": a weekday, feast or date said in the past tense is a day gone by;
 * a span from or up to one ("nach dem 3. März") is none. */
static void when_tense(struct when_state *st)
{
	static const char *const was[] = {
		"war", "waren", "warst", "wart", "hatte", "hatten", "hattest", "gewesen", "wurde", "wurden", "kam", "kamen",
		"ging", "angerufen", "telefoniert", "gesprochen", NULL,
	};
	static const char *const ahead[] = {
		"naechste", "naechsten", "kommende", "kommenden", "diesen", "dieser", "uebernaechsten", NULL,
	};
	const struct nlu_toks *tk = st->tk;
	for (size_t k = 0; k < st->ndays; k++) {
		struct when_day *d = &st->days[k];
		if (d->anchor >= 0 && !d->past)
			when_tense_anchored(st, d, was, ahead);
		/* ("Anfang des Monats war ich da": this month's beginning, gone by) */
		bool month_part = d->kind == DK_MONTH && d->month == 0 && d->rel == 0 && d->part != PART_WHOLE;
		if (d->past || d->anchor >= 0 ||
		    !(when_plain_wd(d) || d->kind == DK_HOLIDAY || d->kind == DK_DOM || month_part) || d->skip > 0)
			continue;
		/* "ich hatte für Montag einen Termin": the appointment, not a day gone by */
		bool said = false, fut = d->pos > 0 && (nlu_is(tk, d->pos - 1, "fuer") || nlu_is(tk, d->pos - 1, "auf"));
		bool before = false, after = false;   /* "Termin" said before or after the day */
		/* the tense of the day's own clause: "gestern hab ich angerufen, also am Montag" and
		 * "also, wo war ich, Donnerstag ginge" tell no day gone by */
		size_t g0 = d->pos >= 3 ? d->pos - 3 : 0;
		for (size_t g = d->pos; g > g0; g--)
			if (when_clause_break(tk, g - 1)) {
				g0 = g;
				break;
			}
		for (size_t g = g0; g < d->end + 3 && g < tk->n; g++) {
			if (g >= d->end && when_clause_break(tk, g))
				break;
			bool where_was_i = g > 0 && nlu_is(tk, g - 1, "wo") &&
					   (nlu_is(tk, g + 1, "ich") || nlu_is(tk, g + 1, "wir"));
			said = said || (nlu_oneof(tk, g, was) >= 0 && !where_was_i);
			fut = fut || (g >= d->pos && g < d->end && nlu_oneof(tk, g, ahead) >= 0);
			if (nlu_prefix(tk, g, "termin"))
				*(g < d->pos ? &before : &after) = true;
		}
		said = said || when_perfect(st, d->pos, d->end);
		/* "ich hatte Donnerstag gesagt": the day said before, still wished for */
		static const char *const say[] = { "gesagt", "gemeint", "gesacht", NULL };
		for (size_t g = d->end; g < d->end + 2 && g < tk->n; g++)
			fut = fut || nlu_oneof(tk, g, say) >= 0;
		/* "ich hatte am Samstag einen Termin (und hab ihn verpasst)": that appointment is gone
		 * by; "ich hatte einen Termin am Montag, den muss ich verschieben" is ahead */
		bool gone = said && (when_missed(tk) || (after && !before && !when_moved(tk)));
		fut = fut || ((before || after) && !gone);
		/* "ich war nach dem 3. März da" names no one day gone by, and no day ahead
		 * either: dropped */
		if (d->relation != 0)
			d->neg = d->neg || (said && !fut);
		else
			d->past = said && !fut;
	}
}

/* The minute of the day an hour said without 24-hour form means. */
static int when_resolve_hour(const struct when_state *st, int h, int m, bool fixed, enum when_dp dp,
			     struct civil_date d)
{
	if (fixed)
		return h * 60 + m;
	int hh = h % 12;
	int am = hh * 60 + m, pm = (hh + 12) * 60 + m;
	int f, t;
	when_open(st->ctx, d, &f, &t);
	switch (when_dps[dp].half) {
	case 'a':
		return h == 12 ? 12 * 60 + m : am;
	case 'p':
		return pm;
	case 'n':
		return (hh >= 1 && hh <= 5) || hh == 0 ? pm : am;
	case 'x':
		return hh >= 6 ? pm : am;
	default:
		break;
	}
	bool ina = am >= f && am < t, inp = pm >= f && pm < t;
	if (ina && !inp)
		return am;
	if (inp && !ina)
		return pm;
	return (hh >= 1 && hh <= 7) || hh == 0 ? pm : am;
}

/* Fills the time part of out for the day d. */
static void when_apply_time(const struct when_state *st, const struct when_tc *tc, enum when_dp dp,
			    struct civil_date d, struct when *out)
{
	int f, t;
	when_open(st->ctx, d, &f, &t);
	out->has_time = false;
	out->from = out->to = 0;
	if (tc != NULL) {
		enum when_dp use = tc->dp != DP_NONE ? tc->dp : dp;
		/* "vormittags geht's nicht ... aber Mittwoch ab drei": a part of the day said
		 * elsewhere in the turn does not make three o'clock one in the night, when the
		 * studio is open at three in the afternoon ("morgens um sieben" said together stays) */
		int h12 = tc->h % 12;
		bool near = false;
		for (size_t k = 0; k < st->ndps; k++)
			near = near || (st->dps[k].end + 3 >= tc->pos && st->dps[k].pos <= tc->end + 3);
		if (tc->dp == DP_NONE && !near && !tc->fixed && !tc->abs && when_dps[use].half == 'a' && h12 >= 1 &&
		    h12 <= 7 && h12 * 60 + tc->m < f && (h12 + 12) * 60 + tc->m < t)
			use = DP_NONE;
		int m = tc->abs ? tc->absmin : when_resolve_hour(st, tc->h, tc->m, tc->fixed, use, d);
		switch (tc->rel) {
		case 'a':
			out->from = m;
			out->to = t > m ? t : 24 * 60;
			break;
		case 'b':
		case 'i':
			out->from = f < m ? f : 0;
			out->to = tc->rel == 'i' ? m + 1 : m;
			if (out->to <= out->from)
				out->from = 0;
			if (out->to <= 0)
				out->to = 1;
			break;
		case 'w': {
			int m2;
			if (tc->fixed2) {
				m2 = tc->h2 * 60 + tc->m2;
			} else {
				int a2 = (tc->h2 % 12) * 60 + tc->m2;
				m2 = a2 > m ? a2 : a2 + 12 * 60;
			}
			out->from = m;
			out->to = m2 > m ? m2 : (t > m ? t : 24 * 60);
			break;
		}
		default:
			out->has_time = true;
			out->minute = m;
			if (tc->approx) {
				out->from = m - 30 < 0 ? 0 : m - 30;
				out->to = m + 31 > 24 * 60 ? 24 * 60 : m + 31;
			}
			break;
		}
		return;
	}
	if (dp != DP_NONE) {
		int a = st->dp_until ? 0 : when_dps[dp].from, b = when_dps[dp].to;
		int ca = a > f ? a : f, cb = b < t ? b : t;
		if (ca < cb) {
			a = ca;
			b = cb;
		}
		if (st->dp_until && a == f && b == t)
			return;   /* "bis abends" in a studio closing at eight: the whole open day */
		out->from = a;
		out->to = b;
	}
}

/* Where the day said right before a time or part of the day at pos begins ("oder Mittwoch
 * nachmittag": the "oder" is the afternoon's too); pos when there is none. */
static size_t when_group_start(const struct when_state *st, size_t pos)
{
	for (size_t k = 0; k < st->ndays; k++)
		if (st->days[k].end == pos && !st->days[k].absorbed)
			return st->days[k].pos;
	return pos;
}

/* Marks which mentions are ruled out, preferred or alternatives. */
static void when_judge_all(struct when_state *st)
{
	for (size_t k = 0; k < st->ndays; k++) {
		struct when_day *d = &st->days[k];
		when_judge(st, d->pos, d->end, when_next_mention(st, d->end), &d->prio, &d->neg, &d->alt);
	}
	for (size_t k = 0; k < st->ntimes; k++) {
		struct when_tc *c = &st->times[k];
		bool neg = c->neg;
		when_judge(st, when_group_start(st, c->pos), c->end, when_next_mention(st, c->end), &c->prio, &neg, &c->alt);
		/* "nicht vor 10" already turned into "ab 10" */
		c->neg = neg && !(c->pos < st->tk->n && nlu_is(st->tk, c->pos, "nicht") && c->rel != 0);
	}
	for (size_t k = 0; k < st->ndps; k++) {
		struct when_dpc *c = &st->dps[k];
		when_judge(st, when_group_start(st, c->pos), c->end, when_next_mention(st, c->end), &c->prio, &c->neg,
			   &c->alt);
	}
}

/* The day mention that is the wish, resolved to [*d0, *d1]; a day gone by only when no day
 * ahead was said ("am 3. März 2025" is as gone by as "gestern"). NULL for none. */
static const struct when_day *when_choose_day(const struct when_state *st, struct civil_date *d0,
					      struct civil_date *d1, enum when_grain *grain, bool *past)
{
	const struct when_day *day = NULL;
	for (int gone = 0; gone < 2 && day == NULL; gone++)
		for (size_t k = 0; k < st->ndays; k++) {
			const struct when_day *d = &st->days[k];
			struct civil_date a, b;
			enum when_grain g;
			if (d->neg || d->absorbed || !when_resolve_day(st, d, &a, &b, &g) ||
			    ((d->past || civil_cmp(b, st->today) < 0) && (civil_cmp(a, st->today) < 0 || d->earlier)) !=
				    (gone == 1))
				continue;
			if (day == NULL || d->prio > day->prio || (d->prio == day->prio && !d->alt)) {
				day = d;
				*d0 = a;
				*d1 = b;
				*grain = g;
				*past = gone == 1;
			}
		}
	return day;
}

/* Rules out the times and parts of the day said right with day mention d ("morgen
 * vormittag um zehn"), before or after it. */
static void when_drop_said_with(struct when_state *st, const struct when_day *d)
{
	size_t lo = d->pos, hi = d->end;
	for (bool grew = true; grew;) {
		grew = false;
		for (size_t k = 0; k < st->ntimes; k++) {
			struct when_tc *c = &st->times[k];
			if (!c->neg && (c->pos == hi || c->end == lo)) {
				c->neg = grew = true;
				lo = c->pos < lo ? c->pos : lo;
				hi = c->end > hi ? c->end : hi;
			}
		}
		for (size_t k = 0; k < st->ndps; k++) {
			struct when_dpc *c = &st->dps[k];
			if (!c->neg && (c->pos == hi || c->end == lo)) {
				c->neg = grew = true;
				lo = c->pos < lo ? c->pos : lo;
				hi = c->end > hi ? c->end : hi;
			}
		}
	}
}

/* "morgen vormittag, ach nein, lieber am Montag": a day ruled out, or beaten by one said with
 * "lieber", takes its time and part of the day with it. */
/* Words from token from to to that are no part of a time said ("um zehn", "abends"). */
static size_t when_words_between(const struct when_state *st, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t k = from; k < to; k++) {
		bool timed = false;
		for (size_t c = 0; c < st->ntimes && !timed; c++)
			timed = k >= st->times[c].pos && k < st->times[c].end;
		for (size_t c = 0; c < st->ndps && !timed; c++)
			timed = k >= st->dps[c].pos && k < st->dps[c].end;
		n += !timed;
	}
	return n;
}

/* Rules out the times and parts of the day from a clause opened by "da" between from and to. */
static void when_drop_told_of(struct when_state *st, size_t from, size_t to)
{
	size_t da = to;
	for (size_t k = from; k < to && da == to; k++)
		if (nlu_is(st->tk, k, "da"))
			da = k;
	for (size_t k = 0; k < st->ntimes; k++)
		if (st->times[k].pos > da && st->times[k].end <= to)
			st->times[k].neg = true;
	for (size_t k = 0; k < st->ndps; k++)
		if (st->dps[k].pos > da && st->dps[k].end <= to)
			st->dps[k].neg = true;
}

static void when_drop_beaten(struct when_state *st, const struct when_day *day)
{
	for (size_t k = 0; k < st->ndays; k++) {
		const struct when_day *d = &st->days[k];
		/* ("heute abend muss ich absagen, können wir nächste Woche": the evening was today's) */
		bool replaced = day != NULL && d->prio == day->prio && d->end < day->pos && !d->alt && !day->alt &&
				when_words_between(st, d->end, day->pos) >= 3;
		if (d != day && !d->absorbed && (d->neg || (day != NULL && d->prio < day->prio) || replaced))
			when_drop_said_with(st, d);
		/* "Montag geht nicht, da hab ich die Kleine bis um vier, Dienstag wär besser": the
		 * clause after a day ruled out that opens with "da" tells of that day */
		if (d != day && d->neg && day != NULL && d->end < day->pos)
			when_drop_told_of(st, d->end, day->pos);
	}
}

/* The preferred time and part of the day: the highest priority, else the last one not an alternative. */
/* A time's minute of the day, an hour from one to seven said without a 24-hour form taken as the afternoon's. */
static int when_tc_minutes(const struct when_tc *c)
{
	int h = c->h;
	if (!c->fixed && h >= 1 && h <= 7)
		h += 12;
	return h * 60 + c->m;
}

static const struct when_tc *when_choose_time(const struct when_state *st)
{
	const struct when_tc *best = NULL;
	for (size_t k = 0; k < st->ntimes; k++) {
		const struct when_tc *c = &st->times[k];
		/* "ab achtzehn Uhr, ich hab bis fünf Dienst": of two times to start from, the later holds */
		if (!c->neg && best != NULL && c->prio == best->prio && c->rel == 'a' && best->rel == 'a' && !c->alt &&
		    !best->alt && when_tc_minutes(c) < when_tc_minutes(best))
			continue;
		/* "ab fünf, ick arbeete bis um vier": an end before the start said is the caller's
		 * duty, not the window's end */
		if (!c->neg && best != NULL && c->prio == best->prio && c->rel == 'b' && best->rel == 'a' && !c->alt &&
		    !best->alt && when_tc_minutes(c) <= when_tc_minutes(best))
			continue;
		if (!c->neg && (best == NULL || c->prio > best->prio || (c->prio == best->prio && !c->alt)))
			best = c;
	}
	return best;
}

static enum when_dp when_choose_dp(struct when_state *st)
{
	const struct when_dpc *best = NULL;
	for (size_t k = 0; k < st->ndps; k++) {
		const struct when_dpc *c = &st->dps[k];
		if (!c->neg && (best == NULL || c->prio > best->prio || (c->prio == best->prio && !c->alt)))
			best = c;
	}
	st->dp_until = best != NULL && best->until;
	return best != NULL ? best->dp : DP_NONE;
}

static void when_build(struct when_state *st, struct when *out)
{
	memset(out, 0, sizeof(*out));
	out->date = out->last = st->today;
	out->pref = st->pref;

	when_merge_days(st);
	when_ranges(st);
	when_anchor(st);
	when_same_week(st);
	when_same_month(st);
	when_weekday_of_date(st);
	when_tense(st);
	when_judge_all(st);
	when_occasion(st);

	struct civil_date d0 = st->today, d1 = st->today;
	enum when_grain dgrain = WHEN_NONE;
	bool past = false;
	const struct when_day *day = when_choose_day(st, &d0, &d1, &dgrain, &past);
	if (past) {
		out->past = out->has_date = true;
		out->date = out->last = d0;
		out->grain = WHEN_DAY;
		out->pref = WHEN_PREF_NONE;
		return;
	}
	when_drop_beaten(st, day);
	const struct when_tc *tc = when_choose_time(st);
	enum when_dp dp = when_choose_dp(st);

	if (day != NULL) {
		out->has_date = true;
		out->date = d0;
		out->last = d1;
		out->approximate = day->kind == DK_INWEEKS;
	} else if (tc != NULL && tc->abs) {
		out->has_date = true;
		out->date = out->last = tc->absdate;
	}
	if (tc != NULL || dp != DP_NONE) {
		when_apply_time(st, tc, dp, out->date, out);
		if (!out->has_date) {
			int until = out->has_time ? out->minute : out->to - 1;
			if (until <= st->now_min) {
				out->date = out->last = civil_add_days(st->today, 1);
				when_apply_time(st, tc, dp, out->date, out);
			}
		}
		/* "in zwei Wochen um 10": the day is vague, the time is not */
		out->approximate = (out->approximate && !out->has_time) || (tc != NULL && tc->approx && tc->rel == 0);
		/* "nicht so früh, lieber mittags": the time said is the wish */
		if (out->pref == WHEN_PREF_EARLIER || out->pref == WHEN_PREF_LATER)
			out->pref = WHEN_PREF_NONE;
	}
	/* "egal wann im Januar": the span said is the wish */
	if (st->indifferent && day != NULL && out->pref == WHEN_PREF_SOONEST)
		out->pref = WHEN_PREF_NONE;
	if (out->has_time)
		out->grain = WHEN_TIME;
	else if (out->from < out->to)
		out->grain = WHEN_DAYPART;
	else
		out->grain = out->has_date ? dgrain : WHEN_NONE;
}

/* ---- entry points ---- */

int when_parse_toks(const struct nlu_toks *tk, const struct nlu_context *ctx, struct when *out)
{
	struct when_state st;   /* about 4 KiB: the marks and a few mentions */
	memset(&st, 0, sizeof(st));
	st.tk = tk;
	st.ctx = ctx;
	st.today = civil_valid(ctx->now.date) ? ctx->now.date : (struct civil_date){ 2000, 1, 1 };
	st.now_min = ctx->now.hour * 60 + ctx->now.minute;
	if (ctx->expect == NLU_EXPECT_DATE || ctx->expect == NLU_EXPECT_CHOICE) {
		size_t nums = 0;
		for (size_t k = 0; k < tk->n; k++)
			if (nlu_isnum(tk, k))
				nums++;
		st.bare = nums == 1 && tk->n <= 6;
	}
	when_scan(&st);
	when_build(&st, out);
	return TF_OK;
}

int when_parse(const char *text, size_t len, const struct nlu_context *ctx, struct when *out)
{
	if (out == NULL)
		return TF_EINVAL;
	memset(out, 0, sizeof(*out));
	if ((text == NULL && len > 0) || ctx == NULL)
		return TF_EINVAL;
	struct nlu_toks *tk = malloc(sizeof(*tk));
	if (tk == NULL)
		return TF_ENOMEM;
	nlu_tokenize(text ? text : "", len, tk);
	int rc = when_parse_toks(tk, ctx, out);
	free(tk);
	return rc;
}

const char *when_grain_name(enum when_grain g)
{
	switch (g) {
	case WHEN_TIME: return "time";
	case WHEN_DAYPART: return "daypart";
	case WHEN_DAY: return "day";
	case WHEN_WEEK: return "week";
	case WHEN_MONTH: return "month";
	case WHEN_RANGE: return "range";
	case WHEN_NONE:
	default: return "none";
	}
}

static const char *when_pref_name(enum when_pref p)
{
	switch (p) {
	case WHEN_PREF_SOONEST: return "soonest";
	case WHEN_PREF_EARLIER: return "earlier";
	case WHEN_PREF_LATER: return "later";
	case WHEN_PREF_NONE:
	default: return NULL;
	}
}

static int when_clamp_min(int m)
{
	return m < 0 ? 0 : m > 24 * 60 ? 24 * 60 : m;
}

size_t when_format(const struct when *w, char *out, size_t size)
{
	char date[32] = "", time[32] = "";
	if (size == 0)
		return 0;
	if (w->past) {
		char a[11];
		civil_format_date(w->date, a);
		int k = snprintf(out, size, "past:%s", a);
		return k < 0 ? 0 : (size_t)k < size ? (size_t)k : size - 1;
	}
	if (w->has_date) {
		char a[11], b[11];
		civil_format_date(w->date, a);
		civil_format_date(w->last, b);
		if (civil_cmp(w->date, w->last) == 0)
			snprintf(date, sizeof(date), "%s", a);
		else
			snprintf(date, sizeof(date), "%s..%s", a, b);
	} else if (w->grain == WHEN_TIME || w->grain == WHEN_DAYPART) {
		char a[11];
		civil_format_date(w->date, a);
		snprintf(date, sizeof(date), "(%s)", a);
	}
	if (w->has_time) {
		int m = when_clamp_min(w->minute);
		snprintf(time, sizeof(time), "%s%02d:%02d", w->approximate ? "~" : "", m / 60 % 24, m % 60);
	} else if (w->from < w->to) {
		int a = when_clamp_min(w->from), b = when_clamp_min(w->to);
		snprintf(time, sizeof(time), "%02d:%02d-%02d:%02d", a / 60, a % 60, b / 60, b % 60);
	}
	const char *pref = when_pref_name(w->pref);
	int k = snprintf(out, size, "%s%s%s%s%s", date, *date && *time ? " " : "", time,
			 pref && (*date || *time) ? " " : "", pref ? pref : "");
	if (k <= 0) {
		snprintf(out, size, "-");
		return strlen(out);
	}
	return (size_t)k < size ? (size_t)k : size - 1;
}

/* "2026-11-25T14:00:00" into out (20 bytes). */
static void when_iso(struct civil_date d, int minute, char out[32])
{
	char day[11];
	int m = when_clamp_min(minute);
	if (m == 24 * 60) {
		d = civil_add_days(d, 1);
		m = 0;
	}
	civil_format_date(d, day);
	snprintf(out, 32, "%sT%02d:%02d:00", day, m / 60, m % 60);
}

int when_json(const struct when *w, cJSON **out)
{
	if (w == NULL || out == NULL)
		return TF_EINVAL;
	*out = NULL;
	cJSON *o = cJSON_CreateObject();
	if (o == NULL)
		return TF_ENOMEM;
	char a[32], b[32];
	bool ok = true;
	if (w->grain == WHEN_NONE) {
		ok = ok && cJSON_AddNullToObject(o, "value") != NULL;
	} else if (w->has_time) {
		when_iso(w->date, w->minute, a);
		ok = ok && cJSON_AddStringToObject(o, "value", a) != NULL;
	} else if (w->grain == WHEN_DAYPART) {
		when_iso(w->date, w->from, a);
		ok = ok && cJSON_AddStringToObject(o, "value", a) != NULL;
	} else {
		civil_format_date(w->date, a);
		ok = ok && cJSON_AddStringToObject(o, "value", a) != NULL;
	}
	ok = ok && cJSON_AddStringToObject(o, "grain", when_grain_name(w->grain)) != NULL;
	if (w->grain != WHEN_NONE) {
		cJSON *iv = cJSON_AddObjectToObject(o, "interval");
		ok = ok && iv != NULL;
		if (w->from < w->to) {
			when_iso(w->date, w->from, a);
			when_iso(w->last, w->to, b);
		} else if (w->has_time) {
			when_iso(w->date, w->minute, a);
			when_iso(w->last, w->minute, b);
		} else {
			when_iso(w->date, 0, a);
			when_iso(w->last, 24 * 60, b);
		}
		ok = ok && iv != NULL && cJSON_AddStringToObject(iv, "from", a) != NULL &&
		     cJSON_AddStringToObject(iv, "to", b) != NULL;
		ok = ok && cJSON_AddBoolToObject(o, "date_said", w->has_date) != NULL;
		ok = ok && cJSON_AddBoolToObject(o, "approximate", w->approximate) != NULL;
		if (w->past)
			ok = ok && cJSON_AddBoolToObject(o, "past", true) != NULL;
	}
	if (w->from < w->to) {
		cJSON *win = cJSON_AddObjectToObject(o, "window");
		int f = when_clamp_min(w->from), t = when_clamp_min(w->to);
		snprintf(a, sizeof(a), "%02d:%02d", f / 60, f % 60);
		snprintf(b, sizeof(b), "%02d:%02d", t / 60, t % 60);
		ok = ok && win != NULL && cJSON_AddStringToObject(win, "from", a) != NULL &&
		     cJSON_AddStringToObject(win, "to", b) != NULL;
	}
	const char *pref = when_pref_name(w->pref);
	if (pref != NULL)
		ok = ok && cJSON_AddStringToObject(o, "pref", pref) != NULL;
	if (!ok) {
		cJSON_Delete(o);
		return TF_ENOMEM;
	}
	*out = o;
	return TF_OK;
}
