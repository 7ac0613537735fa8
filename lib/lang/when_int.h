/* when_int.h: internals of the date and time parser shared by when_scan.c (finding days and wishes),
 * when_clock.c (finding times of day) and when.c (resolving them). */
#ifndef TERMINFON_WHEN_INT_H
#define TERMINFON_WHEN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "civil.h"
#include "nlu.h"
#include "nlu_int.h"
#include "when.h"

#define WHEN_MAX_CANDS 16

/* Parts of the day; when.c holds their windows. */
enum when_dp {
	DP_NONE, DP_EARLY, DP_FORENOON, DP_NOON, DP_AFTERNOON, DP_EARLY_AFTERNOON, DP_LATE_AFTERNOON,
	DP_EVENING, DP_EARLY_EVENING, DP_LATE, DP_AFTER_WORK, DP_DAYTIME, DP_AFTER_LUNCH, DP_NIGHT,
	DP_LATE_MORNING, DP_COUNT
};

enum when_dk {
	DK_REL, DK_WD, DK_WEEK, DK_DOM, DK_MONTH, DK_SPAN, DK_INWEEKS,
	DK_HOLIDAY,   /* hol: a feast, its next (or, said of the past, last) occurrence */
	DK_KW,        /* week: ISO calendar week number */
	DK_NTH,       /* nth (1..5, -1 last) weekday wd (or NTH_DAY, NTH_WEEK) of month (0: rel months) */
	DK_DAYS,      /* rel days and months, only as "zwei Tage vor Heiligabend", "ein Jahr nach Weihnachten" */
	DK_AGAIN,     /* "den danach", "die übernächste": the mention before, rel weeks on */
};
enum { PART_WHOLE, PART_START, PART_MID, PART_END, PART_WEEKEND };
/* DK_NTH's wd beyond the weekdays: "der dritte Tag im Mai", "die erste Woche im August"
 * (the month's first or last seven days). */
enum { NTH_DAY = 7, NTH_WEEK = 8, NTH_WORKDAY = 9 };   /* NTH_WORKDAY: Monday to Friday, no feast */

/* One mention of a day, as said; resolved later. */
struct when_day {
	enum when_dk kind;
	int rel;              /* DK_REL: days from today; DK_MONTH with month 0: months from this one */
	int months;           /* DK_DAYS: months to move ("drei Monate nach Ostern"), with rel 0 */
	int wd;               /* DK_WD: 0 = Monday; DK_DOM: the weekday said with the date, or -1 */
	int skip;             /* DK_WD: weeks to add ("übernächsten"); DK_MONTH: years to add */
	int week;             /* calendar weeks from this one, -1 for none */
	int inweeks;          /* "in N Wochen", -1 for none */
	int part;
	int day, month, year; /* DK_DOM (month, year 0 = unsaid); DK_MONTH */
	struct civil_date d0, d1;   /* DK_SPAN */
	char relation;        /* 'a' "ab", 'n' "nach", 'b' "bis", 'v' "vor", 0 */
	bool today;           /* "heute" was said with a weekday */
	int hol;              /* DK_HOLIDAY: index of the feast */
	int nth;              /* DK_NTH */
	bool past;            /* said of a day gone by: "gestern", "letzten Dienstag", "ich war am Montag da" */
	bool earlier;         /* with past: a time gone by today ("die letzten zwei Stunden"), past though today */
	int anchor;           /* index in days of the mention this one is "nach" (adir 'n') or "vor" ('v'), -1 */
	char adir;
	bool absorbed;        /* the anchor of another mention: no choice of its own */
	bool needs_anchor;    /* "der Tag nach ...", "die Woche vor ...": nothing without one */
	char prev_dir;        /* "den Tag danach" ('n'), "davor" ('v'): anchored to the mention before */
	size_t pos, end;
	int prio;
	bool neg, alt;
};

/* One mention of a time of day. */
struct when_tc {
	int h, m;
	bool fixed;           /* 24-hour form: no afternoon guess */
	enum when_dp dp;      /* part of the day said with it ("fünf Uhr nachmittags") */
	bool approx;
	char rel;             /* 0 at, 'a' from, 'b' before, 'i' at the latest, 'w' between */
	int h2, m2;
	bool fixed2;
	bool abs;             /* "in zwei Stunden": absdate and absmin are the answer */
	struct civil_date absdate;
	int absmin;
	size_t pos, end;
	int prio;
	bool neg, alt;
};

struct when_dpc {
	enum when_dp dp;
	bool until;           /* "bis abends": from the start of the day until the part's end */
	size_t pos, end;
	int prio;
	bool neg, alt;
};

struct when_state {
	const struct nlu_toks *tk;
	const struct nlu_context *ctx;
	struct civil_date today;
	int now_min;
	bool bare;            /* a lone number is a time (the dialog asked for one) */
	bool used[NLU_MAX_TOKENS];
	struct when_day days[WHEN_MAX_CANDS];
	size_t ndays;
	struct when_tc times[WHEN_MAX_CANDS];
	size_t ntimes;
	struct when_dpc dps[WHEN_MAX_CANDS];
	size_t ndps;
	enum when_pref pref;
	bool dp_until;        /* the chosen part of the day was said with "bis" */
	bool indifferent;     /* the soonest wish was "egal wann", "mir ist alles recht", "spontan" */
	bool day_approx;
};
/* ---- token tests (when_scan.c and when_clock.c) ---- */

static inline bool when_in(const struct when_state *st, size_t i, const char *const *list)
{
	return nlu_oneof(st->tk, i, list) >= 0;
}

static inline int when_num(const struct when_state *st, size_t i)
{
	return nlu_isnum(st->tk, i) ? st->tk->t[i].num : -1;
}

static inline bool when_ord(const struct when_state *st, size_t i)
{
	return i < st->tk->n && (st->tk->t[i].flags & NLU_TOK_ORD);
}

static inline void when_mark(struct when_state *st, size_t from, size_t to)
{
	for (size_t k = from; k < to && k < st->tk->n; k++)
		st->used[k] = true;
}

static inline bool when_free(const struct when_state *st, size_t from, size_t to)
{
	for (size_t k = from; k < to && k < st->tk->n; k++)
		if (st->used[k])
			return false;
	return true;
}

/* A dash or slash written between token i - 1 and token i ("2. - 4. Dezember", "10:15-11:45",
 * "7./9.12."): a span, as "bis". */
static inline bool when_dash(const struct when_state *st, size_t i)
{
	const struct nlu_toks *tk = st->tk;
	if (i == 0 || i >= tk->n)
		return false;
	const unsigned char *s = (const unsigned char *)tk->src;
	for (size_t b = tk->t[i - 1].end; b < tk->t[i].off && b < tk->srclen; b++) {
		bool dash = b + 2 < tk->srclen && s[b] == 0xE2 && s[b + 1] == 0x80 && (s[b + 2] == 0x93 || s[b + 2] == 0x94);
		if (s[b] == '-' || s[b] == '/' || dash)   /* "-", "/", en or em dash */
			return true;
	}
	return false;
}

/* A month name at i ("März") or its written short form ("Aug", "Sept."): 1..12, or 0 (when_scan.c). */
int when_month_tok(const struct when_state *st, size_t i);

/* A month name or a written date at i. */
static inline bool when_is_month_next(const struct when_state *st, size_t i)
{
	return i < st->tk->n && (when_month_tok(st, i) > 0 || (st->tk->t[i].flags & NLU_TOK_DATE));
}

/* d moved by n months, the day kept where the month has it ("31. Januar" + 1: 28. Februar) (when_scan.c). */
struct civil_date when_add_months(struct civil_date d, int n);

/* Nouns that make a number a count, not a time or a day (when_scan.c). */
extern const char *const when_units[];

/* ---- when_clock.c: times of day and parts of the day ---- */

/* A day-part phrase at i: its length, or 0. */
size_t when_dp_at(const struct when_state *st, size_t i, enum when_dp *dp);
/* Each tries one kind of mention at token i; on a match it is recorded in
 * st, its tokens are marked used and their number returned, else 0.
 * "in zwei Stunden", "in einer halben Stunde": */
size_t when_try_reltime(struct when_state *st, size_t i);
/* "zur gleichen Zeit", "um dieselbe Uhrzeit": */
size_t when_try_same_time(struct when_state *st, size_t i);
/* A clock time with what stands before it ("gegen halb drei", "zwischen 14 und 16 Uhr"): */
size_t when_try_time(struct when_state *st, size_t i);
/* A part of the day alone ("nachmittags"): */
size_t when_try_dp(struct when_state *st, size_t i);

/* Finds every mention of a day, a time, a part of the day and a wish in st->tk
 * (st->tk, ctx, today, now_min and bare set); fills the arrays of st. */
void when_scan(struct when_state *st);

/* The dates day d means, from *d0 to *d1 (the same for a single day), and how
 * fine it was said in *grain; false when it names no day (when_days.c). */
bool when_resolve_day(const struct when_state *st, const struct when_day *d, struct civil_date *d0,
		      struct civil_date *d1, enum when_grain *grain);



/* Feasts of other calendars (lunar, lunisolar, Julian), whose days come from a table
 * (when_calendars.c, written by scripts/gen-feasts). */
enum when_calendar {
	WHEN_CAL_NONE,   /* a feast of ours, computed */
	WHEN_CAL_CHINESE_NEW_YEAR,
	WHEN_CAL_ORTHODOX_EASTER,
	WHEN_CAL_RAMADAN,
	WHEN_CAL_EID_AL_FITR,
	WHEN_CAL_EID_AL_ADHA,
	WHEN_CAL_PASSOVER,
	WHEN_CAL_ROSH_HASHANAH,
	WHEN_CAL_HANUKKAH,
	WHEN_CAL_PURIM,
	WHEN_CAL_DHANTERAS,
	WHEN_CAL_VESAK,
	WHEN_CAL_COUNT
};

/* when_feasts.c: the feasts a caller may name, indexed 0 .. when_nfeasts() - 1 (a DK_HOLIDAY's
 * hol): ours first, then those of other calendars. */
int when_nfeasts(void);
/* The folded words that name feast f ("rosenmontag", "chinesisches neujahr"). */
const char *when_feast_phrase(int f);
/* The calendar whose table gives feast f's day, WHEN_CAL_NONE for ours. */
enum when_calendar when_feast_calendar(int f);
/* First day of feast f in year y; its last day in *last. */
struct civil_date when_feast_day(int f, int y, struct civil_date *last);

/* The (first) day of feast c in year y in *d; false when the table does not reach y. */
bool when_calendar_day(enum when_calendar c, int year, struct civil_date *d);

#endif
