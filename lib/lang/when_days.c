/* when_days.c: a day as said ("nächsten Dienstag", "Anfang März", "die Woche nach
 * Ostern", "übernächste Woche") resolved to the dates it means. */
#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlu_int.h"
#include "when_int.h"

static struct civil_date when_monday(struct civil_date d)
{
	return civil_add_days(d, -civil_weekday(d));
}

/* DK_WD: the weekday's day. */
static struct civil_date when_wd_day(const struct when_state *st, const struct when_day *d)
{
	struct civil_date today = st->today;
	int twd = civil_weekday(today);
	if (d->week >= 0)
		return civil_add_days(when_monday(today), 7 * (d->week - (d->past ? 1 : 0)) + d->wd);
	if (d->inweeks > 0)
		return civil_add_days(when_monday(civil_add_days(today, 7 * d->inweeks)), d->wd);
	if (d->past) {
		int back = (twd - d->wd + 7) % 7;
		return civil_add_days(today, -(back == 0 ? 7 : back));
	}
	int delta = (d->wd - twd + 7) % 7;
	if (delta == 0 && !d->today)
		delta = 7;
	return civil_add_days(today, delta + 7 * d->skip);
}

/* DK_WEEK: a calendar week, a part of one, or a weekend. */
static enum when_grain when_week_span(const struct when_state *st, const struct when_day *d, struct civil_date *a,
				      struct civil_date *b)
{
	struct civil_date today = st->today, mon = when_monday(today);
	int week = d->week;
	if (week <= -3) {
		/* the coming weekend (today when it is one), or the one after */
		struct civil_date sat = civil_add_days(mon, 5);
		if (civil_cmp(civil_add_days(sat, 1), today) < 0)
			sat = civil_add_days(sat, 7);
		*a = civil_add_days(sat, 7 * (-3 - week) - (d->past ? 7 : 0));
		*b = civil_add_days(*a, 1);
		return WHEN_RANGE;
	}
	if (week == -2)
		week = 0;
	mon = civil_add_days(mon, 7 * (week - (d->past ? 1 : 0)));
	static const int span[][2] = { { 0, 6 }, { 0, 2 }, { 1, 3 }, { 3, 5 }, { 5, 6 } };
	*a = civil_add_days(mon, span[d->part][0]);
	*b = civil_add_days(mon, span[d->part][1]);
	/* "Anfang der Woche" said on a Tuesday means the next one */
	if (d->week == -2 && civil_cmp(*a, today) < 0) {
		*a = civil_add_days(*a, 7);
		*b = civil_add_days(*b, 7);
	}
	return d->part == PART_WHOLE ? WHEN_WEEK : WHEN_RANGE;
}

/* A date said with its weekday ("Sonntag, 10. Februar") that has gone by this year (or this
 * month) and has that weekday, where the next one has not: the day gone by is meant. */
static bool when_dom_gone(const struct when_state *st, const struct when_day *d, struct civil_date *a)
{
	struct civil_date today = st->today;
	if (d->wd < 0 || d->year || d->past)
		return false;
	struct civil_date t = { today.year, d->month ? d->month : today.month, d->day }, n = t;
	if (d->month)
		n.year++;
	else if (++n.month > 12)
		n = (struct civil_date){ today.year + 1, 1, d->day };
	if (!civil_valid(t) || civil_cmp(t, today) >= 0 || civil_weekday(t) != d->wd ||
	    (civil_valid(n) && civil_weekday(n) == d->wd))
		return false;
	*a = t;
	return true;
}

/* DK_DOM: a day of a month; the next such day, or the last one when said of the past. */
static bool when_dom_day(const struct when_state *st, const struct when_day *d, struct civil_date *a)
{
	struct civil_date today = st->today;
	if (when_dom_gone(st, d, a))
		return true;
	if (d->month == 0) {
		struct civil_date t = { today.year, today.month, d->day };
		int step = d->past ? -1 : 1;
		for (int k = 0; k < 4; k++) {
			if (civil_valid(t) && (d->past ? civil_cmp(t, today) < 0 : civil_cmp(t, today) >= 0)) {
				*a = t;
				return true;
			}
			t.month += step;
			if (t.month > 12 || t.month < 1) {
				t.month = t.month > 12 ? 1 : 12;
				t.year += step;
			}
		}
		return false;
	}
	struct civil_date t = { d->year ? d->year : today.year, d->month, d->day };
	if (!d->year && civil_valid(t) && !d->past && civil_cmp(t, today) < 0)
		t.year++;
	if (!d->year && civil_valid(t) && d->past && civil_cmp(t, today) >= 0)
		t.year--;
	*a = t;
	return civil_valid(t);
}

/* DK_MONTH: a month or its beginning, middle or end. */
static enum when_grain when_month_span(const struct when_state *st, const struct when_day *d, struct civil_date *a,
				       struct civil_date *b)
{
	struct civil_date today = st->today;
	int y = d->year ? d->year : today.year, m = d->month;
	if (m == 0) {
		m = today.month + d->rel;
		while (m > 12) {
			m -= 12;
			y++;
		}
	} else if (!d->year && m < today.month) {
		y++;
	}
	static const int span[][2] = { { 1, 31 }, { 1, 10 }, { 11, 20 }, { 21, 31 }, { 1, 31 } };
	for (int pass = 0;; pass++) {
		int dim = civil_days_in_month(y, m);
		*a = (struct civil_date){ y, m, span[d->part][0] };
		*b = (struct civil_date){ y, m, span[d->part][1] > dim ? dim : span[d->part][1] };
		/* "Anfang des Monats" said on the 25th: the coming month's beginning */
		if (pass > 0 || d->month != 0 || d->rel != 0 || d->part == PART_WHOLE || d->past ||
		    civil_cmp(*b, today) >= 0)
			break;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	if (!d->year && d->month != 0 && civil_cmp(*b, today) < 0) {
		a->year++;
		b->year++;
	}
	a->year += d->skip;   /* "übernächsten März" */
	b->year += d->skip;
	if (civil_cmp(*a, today) < 0 && civil_cmp(*b, today) >= 0)
		*a = today;
	return d->part == PART_WHOLE ? WHEN_MONTH : WHEN_RANGE;
}

/* DK_HOLIDAY: the feast's next days (this year's when still ahead), or its last ones when past. */
static void when_feast_span(const struct when_state *st, const struct when_day *d, struct civil_date *a,
			    struct civil_date *b)
{
	int y = st->today.year;
	*a = when_feast_day(d->hol, d->year ? d->year : y, b);
	if (d->year)
		return;   /* "Ostern 2027": that year's, gone by or not */
	if (d->past && civil_cmp(*a, st->today) >= 0)
		*a = when_feast_day(d->hol, y - 1, b);
	else if (!d->past && civil_cmp(*b, st->today) < 0)
		*a = when_feast_day(d->hol, y + 1, b);
}

/* DK_KW: ISO calendar week d->week of this ISO year, or of the next when it is over. */
static bool when_kw_span(const struct when_state *st, const struct when_day *d, struct civil_date *a,
			 struct civil_date *b)
{
	int y = civil_add_days(when_monday(st->today), 3).year;
	for (int k = 0; k < 2; k++, y++) {
		struct civil_date jan4 = { y, 1, 4 };
		*a = civil_add_days(when_monday(jan4), 7 * (d->week - 1));
		*b = civil_add_days(*a, 6);
		/* week 53 exists only when it is still of the year */
		if (civil_cmp(*b, st->today) >= 0 && civil_add_days(*a, 3).year == y)
			return true;
	}
	return false;
}

/* Monday to Friday and no feast kept all over Germany (the national days of
 * scripts/gen-holidays, which the store holds as closed days; lib/lang reads no store). */
static bool when_workday(struct civil_date d)
{
	static const int fixed[][2] = { { 1, 1 }, { 5, 1 }, { 10, 3 }, { 12, 25 }, { 12, 26 } };
	static const int from_easter[] = { -2, 1, 39, 50 };
	if (civil_weekday(d) >= 5)
		return false;
	for (size_t k = 0; k < sizeof(fixed) / sizeof(fixed[0]); k++)
		if (d.month == fixed[k][0] && d.day == fixed[k][1])
			return false;
	struct civil_date e = civil_easter(d.year);
	for (size_t k = 0; k < sizeof(from_easter) / sizeof(from_easter[0]); k++)
		if (civil_cmp(d, civil_add_days(e, from_easter[k])) == 0)
			return false;
	return true;
}

/* The nth working day of month m in year y (nth < 0: counted from the month's end). */
static struct civil_date when_nth_workday(int y, int m, int nth)
{
	int dim = civil_days_in_month(y, m), seen = 0;
	struct civil_date t = { y, m, nth < 0 ? dim : 1 };
	for (int k = 0; k < dim; k++, t.day += nth < 0 ? -1 : 1)
		if (when_workday(t) && ++seen == (nth < 0 ? -nth : nth))
			return t;
	return (struct civil_date){ y, m, 0 };   /* invalid */
}

/* DK_NTH: "erster Montag im Januar", "letzter Freitag im Monat" (next month's when passed). */
static bool when_nth_day(const struct when_state *st, const struct when_day *d, struct civil_date *a)
{
	struct civil_date today = st->today;
	int y = d->year ? d->year : today.year, m = d->month ? d->month : today.month + d->rel;
	for (int k = 0; k < (d->year ? 1 : 14); k++, m++) {
		if (m > 12) {
			m -= 12;
			y++;
		}
		int dim = civil_days_in_month(y, m);
		struct civil_date t = { y, m, d->nth < 0 ? dim : 1 }, last;
		if (d->wd == NTH_DAY)
			t.day = d->nth < 0 ? dim : d->nth;
		else if (d->wd == NTH_WORKDAY)
			t = when_nth_workday(y, m, d->nth);
		else if (d->wd == NTH_WEEK)
			t.day = d->nth < 0 ? dim - 6 : 1 + 7 * (d->nth - 1);
		else if (d->nth < 0)
			t.day -= (civil_weekday(t) - d->wd + 7) % 7;
		else
			t.day += (d->wd - civil_weekday(t) + 7) % 7 + 7 * (d->nth - 1);
		last = d->wd == NTH_WEEK ? civil_add_days(t, 6) : t;
		if (civil_valid(t) && (d->year || civil_cmp(last, today) >= 0)) {
			*a = t;   /* with a year said, that year's, gone by or not */
			return true;
		}
		if (d->month != 0)
			m += 11;   /* a named month: the same one next year */
	}
	return false;
}


/* "ein Jahr nach Weihnachten", "zwei Monate vor Ostern": the anchor's days [p0, p1] moved by
 * d->months; of a feast said without a year, the occurrence that gives the first days not gone by
 * (last Christmas's a year on is this Christmas). */
static bool when_months_from(const struct when_state *st, const struct when_day *d, const struct when_day *an,
			     struct civil_date p0, struct civil_date p1, struct civil_date *a, struct civil_date *b,
			     enum when_grain *grain)
{
	int n = d->adir == 'n' ? d->months : -d->months;
	*a = when_add_months(p0, n);
	*b = when_add_months(p1, n);
	if (an->kind == DK_HOLIDAY && an->year == 0 && (n > 0 || an->past)) {
		/* said of the past ("das war ein Jahr nach Weihnachten"): days gone by, too */
		struct civil_date q1, q0 = when_feast_day(an->hol, p0.year - 1, &q1);
		bool ahead = civil_cmp(when_add_months(q1, n), st->today) >= 0;
		if (an->past ? civil_cmp(*b, st->today) >= 0 : ahead) {
			*a = when_add_months(q0, n);
			*b = when_add_months(q1, n);
		}
	}
	*grain = civil_cmp(*a, *b) == 0 ? WHEN_DAY : WHEN_RANGE;
	return true;
}

/* A mention said "nach" or "vor" another: "Freitag nach Himmelfahrt", "der Tag nach Neujahr",
 * "die Woche nach Ostern", "am Wochenende vor Weihnachten". */
static bool when_anchored_span(const struct when_state *st, const struct when_day *d, const struct when_day *an,
			       struct civil_date *a, struct civil_date *b, enum when_grain *grain)
{
	struct civil_date p0, p1;
	enum when_grain g;
	if (!when_resolve_day(st, an, &p0, &p1, &g))
		return false;
	bool after = d->adir == 'n';
	int step = after ? 1 : -1;
	struct civil_date x = after ? civil_add_days(p1, 1) : civil_add_days(p0, -1);
	*grain = WHEN_DAY;
	switch (d->kind) {
	case DK_WD:
		while (civil_weekday(x) != d->wd)
			x = civil_add_days(x, step);
		*a = *b = civil_add_days(x, 7 * step * d->skip);   /* "der zweite Montag nach Ostern" */
		return true;
	case DK_DAYS:
		if (d->months > 0)
			return when_months_from(st, d, an, p0, p1, a, b, grain);
		*a = *b = civil_add_days(after ? p1 : p0, step * d->rel);
		return true;
	case DK_WEEK:
		if (d->part == PART_WEEKEND) {
			while (civil_weekday(x) != (after ? 5 : 6))
				x = civil_add_days(x, step);
			*a = after ? x : civil_add_days(x, -1);
			*b = civil_add_days(*a, 1);
			*grain = WHEN_RANGE;
			return true;
		}
		*a = civil_add_days(when_monday(after ? p1 : p0), 7 * step);
		*b = civil_add_days(*a, 6);
		*grain = WHEN_WEEK;
		return true;
	default:
		return false;
	}
}

/* when_anchored_span from the mention d is said "nach" or "vor"; said in the past tense ("ich war
 * drei Wochen nach Ostern da"), from the feast before when the one gone by gives no day gone by,
 * and no day at all rather than one ahead. */
static bool when_resolve_anchored(const struct when_state *st, const struct when_day *d, struct civil_date *a,
				  struct civil_date *b, enum when_grain *grain)
{
	struct when_day an = st->days[d->anchor];
	an.relation = 0;
	an.anchor = -1;
	if (!when_anchored_span(st, d, &an, a, b, grain))
		return false;
	if (d->past && an.kind == DK_HOLIDAY && an.year == 0 && civil_cmp(*b, st->today) >= 0) {
		struct civil_date f0, f1;
		when_feast_span(st, &an, &f0, &f1);
		an.year = f0.year - 1;
		if (!when_anchored_span(st, d, &an, a, b, grain))
			return false;
	}
	return !d->past || civil_cmp(*b, st->today) < 0;   /* said of the past: never a day ahead */
}

/* The days a mention of its kind names, as said: [a, b] and a grain
 * (WHEN_DAY set before); false when it names no real day. */
static bool when_kind_span(const struct when_state *st, const struct when_day *d, struct civil_date *a,
			   struct civil_date *b, enum when_grain *grain)
{
	switch (d->kind) {
	case DK_REL:
		*a = *b = civil_add_days(st->today, d->rel + (d->inweeks > 0 ? 7 * d->inweeks : 0));
		return true;
	case DK_INWEEKS:
		*a = *b = civil_add_days(st->today, 7 * d->inweeks);
		return true;
	case DK_WD:
		*a = *b = when_wd_day(st, d);
		return true;
	case DK_WEEK:
		*grain = when_week_span(st, d, a, b);
		return true;
	case DK_DOM:
		if (!when_dom_day(st, d, a))
			return false;
		*b = *a;
		return true;
	case DK_MONTH:
		*grain = when_month_span(st, d, a, b);
		return true;
	case DK_SPAN:
		*a = d->d0;
		*b = d->d1;
		*grain = civil_cmp(*a, *b) == 0 ? WHEN_DAY : WHEN_RANGE;
		return true;
	case DK_HOLIDAY:
		when_feast_span(st, d, a, b);
		*grain = civil_cmp(*a, *b) == 0 ? WHEN_DAY : WHEN_RANGE;
		return true;
	case DK_KW:
		if (!when_kw_span(st, d, a, b))
			return false;
		*grain = WHEN_WEEK;
		return true;
	case DK_NTH:
		if (!when_nth_day(st, d, a))
			return false;
		*b = d->wd == NTH_WEEK ? civil_add_days(*a, 6) : *a;
		*grain = d->wd == NTH_WEEK ? WHEN_RANGE : WHEN_DAY;
		return true;
	default:
		return false;   /* DK_DAYS and DK_AGAIN mean something only next to another mention */
	}
}

/* "ab", "nach" (relation 'a', 'n'): a week from then; "bis", "vor" ('b',
 * 'v'): from today until then. */
static void when_apply_relation(struct civil_date today, char relation, struct civil_date *a, struct civil_date *b,
				enum when_grain *grain)
{
	switch (relation) {
	case 'a':
	case 'n':
		if (relation == 'n')
			*a = civil_add_days(*b, 1);
		if (civil_cmp(*b, *a) < 0 || *grain == WHEN_DAY)
			*b = civil_add_days(*a, 6);
		*grain = WHEN_RANGE;
		break;
	case 'b':
	case 'v':
		*b = relation == 'v' ? civil_add_days(*a, -1) : *b;
		*a = today;
		if (civil_cmp(*b, *a) < 0)
			*b = *a;
		*grain = WHEN_RANGE;
		break;
	default:
		break;
	}
}

/* Resolves a day mention to [d0, d1] and a grain; false when it names no real day. */
bool when_resolve_day(const struct when_state *st, const struct when_day *d, struct civil_date *d0,
		      struct civil_date *d1, enum when_grain *grain)
{
	struct civil_date today = st->today, a, b;
	*grain = WHEN_DAY;
	if (d->anchor >= 0)
		return when_resolve_anchored(st, d, d0, d1, grain);
	if (d->needs_anchor || !when_kind_span(st, d, &a, &b, grain))
		return false;
	if (!civil_valid(a) || !civil_valid(b))
		return false;
	if (d->past) {
		*d0 = a;
		*d1 = b;
		return true;
	}
	when_apply_relation(today, d->relation, &a, &b, grain);
	/* a span that began before today starts today */
	if (civil_cmp(a, today) < 0 && civil_cmp(b, today) >= 0 && *grain != WHEN_DAY)
		a = today;
	*d0 = a;
	*d1 = b;
	return true;
}
