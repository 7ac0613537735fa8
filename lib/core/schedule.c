/* schedule.c: a studio's calendar and the search for free slots; pure, the clock is always a parameter. */
#include "schedule.h"

#include "err.h"

#include <stdlib.h>
#include <string.h>

/* Ranges of a day do not overlap, so a day holds at most this many slots. */
#define SCHEDULE_DAY_SLOTS (1440 / SCHEDULE_MIN_SLOT)

/* A slot of one day, free or not. */
struct schedule_cand {
	int64_t start;
	int minute;              /* local wall minute of the start */
	long key;                /* sort key of the current pass */
};

/* Instants the calendar handles: years 1900 to 9999 (so sums cannot overflow). */
static bool schedule_in_range(int64_t utc)
{
	return utc >= TZ_UTC_MIN && utc <= TZ_UTC_MAX;
}

static bool schedule_range_ok(struct schedule_range r)
{
	return r.opens >= 0 && r.opens < r.closes && r.closes <= 1440;
}

int schedule_validate(const struct schedule_studio *s)
{
	if (s == NULL || s->tz == NULL || s->slot_minutes < SCHEDULE_MIN_SLOT ||
	    s->slot_minutes > SCHEDULE_MAX_SLOT || s->capacity < 1 || s->lead_minutes < 0 ||
	    s->lead_minutes > SCHEDULE_MAX_HORIZON * 1440 || s->horizon_days < 1 ||
	    s->horizon_days > SCHEDULE_MAX_HORIZON || (s->nclosed > 0 && s->closed == NULL))
		return TF_EINVAL;
	for (int wd = 0; wd < 7; wd++) {
		if (s->nranges[wd] < 0 || s->nranges[wd] > SCHEDULE_MAX_RANGES)
			return TF_EINVAL;
		for (int i = 0; i < s->nranges[wd]; i++) {
			struct schedule_range a = s->hours[wd][i];
			if (!schedule_range_ok(a))
				return TF_EINVAL;
			for (int j = 0; j < i; j++) {
				struct schedule_range b = s->hours[wd][j];
				if (a.opens < b.closes && b.opens < a.closes)
					return TF_EINVAL;
			}
		}
	}
	for (size_t i = 0; i < s->nclosed; i++) {
		if (!civil_valid(s->closed[i]) || (i > 0 && civil_cmp(s->closed[i - 1], s->closed[i]) >= 0))
			return TF_EINVAL;
	}
	if (s->nblocked > 0 && s->blocked == NULL)
		return TF_EINVAL;
	for (size_t i = 0; i < s->nblocked; i++) {
		if (s->blocked[i].start_utc >= s->blocked[i].end_utc ||
		    (i > 0 && s->blocked[i - 1].end_utc > s->blocked[i].start_utc))
			return TF_EINVAL;
	}
	return TF_OK;
}

/* Does a busy time of the studio's own calendar overlap [start, end)? The
 * blocks are sorted and disjoint: only the last one starting before end can. */
static bool schedule_blocked(const struct schedule_studio *s, int64_t start, int64_t end)
{
	size_t lo = 0, hi = s->nblocked;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->blocked[mid].start_utc < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && s->blocked[lo - 1].end_utc > start;
}

/* The ranges of a weekday in the order of the day. */
static int schedule_day_ranges(const struct schedule_studio *s, int wd, struct schedule_range *out)
{
	int n = s->nranges[wd];
	for (int i = 0; i < n; i++) {
		struct schedule_range r = s->hours[wd][i];
		int j = i;
		while (j > 0 && out[j - 1].opens > r.opens) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = r;
	}
	return n;
}

static bool schedule_closed_day(const struct schedule_studio *s, struct civil_date d)
{
	if (s->nranges[civil_weekday(d)] == 0)
		return true;
	size_t lo = 0, hi = s->nclosed;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = civil_cmp(s->closed[mid], d);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static struct civil_date schedule_local_day(const struct schedule_studio *s, int64_t utc)
{
	return tz_to_local(s->tz, utc, NULL).date;
}

/* The instant a wall minute of a day happens (the earlier one in an
 * overlap); false when the clocks skip it. */
static bool schedule_instant(const struct schedule_studio *s, struct civil_date d, int minute, int64_t *utc)
{
	struct civil_time t = { d, minute / 60, minute % 60, 0 };
	return tz_from_local(s->tz, t, utc) == TF_OK;
}

/* Appointments already booked at an instant; busy[] is sorted. */
static int schedule_booked(const struct schedule_busy *busy, size_t nbusy, int64_t start)
{
	size_t lo = 0, hi = nbusy;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (busy[mid].start_utc < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	long sum = 0;
	for (; lo < nbusy && busy[lo].start_utc == start; lo++)
		sum += busy[lo].booked > 0 ? busy[lo].booked : 0;
	return sum > 1000000 ? 1000000 : (int)sum;
}

enum schedule_verdict schedule_check(const struct schedule_studio *s, int64_t now_utc, int64_t start_utc,
				     int booked)
{
	if (schedule_validate(s) != TF_OK || !schedule_in_range(now_utc) || !schedule_in_range(start_utc))
		return SCHEDULE_CLOSED;
	if (start_utc < now_utc)
		return SCHEDULE_PAST;
	struct civil_time lt = tz_to_local(s->tz, start_utc, NULL);
	if (schedule_closed_day(s, lt.date))
		return SCHEDULE_CLOSED;
	int m = lt.hour * 60 + lt.minute;
	const struct schedule_range *r = NULL;
	for (int i = 0; i < s->nranges[civil_weekday(lt.date)]; i++) {
		const struct schedule_range *c = &s->hours[civil_weekday(lt.date)][i];
		if (c->opens <= m && m < c->closes)
			r = c;
	}
	if (r == NULL)
		return SCHEDULE_CLOSED;
	int64_t again;
	/* The second pass through a fall-back hour is no slot: slots live on
	 * the first, so that a wall time names one instant. */
	if (lt.second != 0 || (m - r->opens) % s->slot_minutes != 0 || m + s->slot_minutes > r->closes ||
	    !schedule_instant(s, lt.date, m, &again) || again != start_utc)
		return SCHEDULE_NOT_A_SLOT;
	if (start_utc < now_utc + (int64_t)s->lead_minutes * 60)
		return SCHEDULE_TOO_SOON;
	if (civil_to_days(lt.date) - civil_to_days(schedule_local_day(s, now_utc)) > s->horizon_days)
		return SCHEDULE_OUT_OF_HORIZON;
	if (booked >= s->capacity || schedule_blocked(s, start_utc, start_utc + (int64_t)s->slot_minutes * 60))
		return SCHEDULE_FULL;
	return SCHEDULE_OK;
}

const char *schedule_verdict_name(enum schedule_verdict v)
{
	switch (v) {
	case SCHEDULE_OK: return "ok";
	case SCHEDULE_CLOSED: return "closed";
	case SCHEDULE_PAST: return "past";
	case SCHEDULE_TOO_SOON: return "too soon";
	case SCHEDULE_OUT_OF_HORIZON: return "out of horizon";
	case SCHEDULE_NOT_A_SLOT: return "not a slot";
	case SCHEDULE_FULL: return "full";
	}
	return "unknown";
}

/* ---- the search ---- */

struct schedule_search {
	const struct schedule_studio *s;
	const struct schedule_busy *busy;
	size_t nbusy;
	int64_t earliest;        /* now + lead */
	int64_t last_day;        /* days number of the last bookable local day */
	struct schedule_slot *out;
	size_t max, n;
};

/* The free slots of a day in the order of the day. */
static size_t schedule_free_on(const struct schedule_search *q, struct civil_date d, struct schedule_cand *out)
{
	const struct schedule_studio *s = q->s;
	struct schedule_range ranges[SCHEDULE_MAX_RANGES];
	size_t n = 0;
	if (civil_to_days(d) > q->last_day || schedule_closed_day(s, d))
		return 0;
	int nr = schedule_day_ranges(s, civil_weekday(d), ranges);
	for (int i = 0; i < nr; i++) {
		for (int m = ranges[i].opens; m + s->slot_minutes <= ranges[i].closes; m += s->slot_minutes) {
			int64_t start;
			if (!schedule_instant(s, d, m, &start) || start < q->earliest)
				continue;
			if (schedule_booked(q->busy, q->nbusy, start) >= s->capacity ||
			    schedule_blocked(s, start, start + (int64_t)s->slot_minutes * 60))
				continue;
			out[n].start = start;
			out[n].minute = m;
			out[n].key = m;
			n++;
		}
	}
	return n;
}

static bool schedule_taken(const struct schedule_search *q, int64_t start)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->out[i].start_utc == start)
			return true;
	return false;
}

/* Appends a slot unless it is there already; false once out is full. */
static bool schedule_emit(struct schedule_search *q, struct civil_date d, const struct schedule_cand *c, bool exact)
{
	if (q->n >= q->max)
		return false;
	if (schedule_taken(q, c->start))
		return true;
	struct schedule_slot *o = &q->out[q->n++];
	o->start_utc = c->start;
	o->end_utc = c->start + (int64_t)q->s->slot_minutes * 60;
	o->local.date = d;
	o->local.hour = c->minute / 60;
	o->local.minute = c->minute % 60;
	o->local.second = 0;
	o->exact = exact;
	return q->n < q->max;
}

static int schedule_cand_cmp(const void *a, const void *b)
{
	long ka = ((const struct schedule_cand *)a)->key, kb = ((const struct schedule_cand *)b)->key;
	return (ka > kb) - (ka < kb);
}

static int schedule_slot_cmp(const void *a, const void *b)
{
	int64_t ka = ((const struct schedule_slot *)a)->start_utc, kb = ((const struct schedule_slot *)b)->start_utc;
	return (ka > kb) - (ka < kb);
}

/* How one pass over the days looks at them. */
struct schedule_pass {
	struct civil_date first;
	bool exact;              /* try the wished minute on the first day */
	bool by_distance;        /* order each day by nearness to minute */
	int minute;
	bool window;
	int from, to;
	bool spread;             /* hold the first day to (max + 1) / 2 */
};

/* Keeps the slots of the pass's window and sets their order. */
static size_t schedule_pick(const struct schedule_pass *p, struct schedule_cand *c, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (p->window && (c[i].minute < p->from || c[i].minute >= p->to))
			continue;
		c[k] = c[i];
		if (p->by_distance)
			c[k].key = (long)abs(c[k].minute - p->minute) * 2048 + c[k].minute;
		k++;
	}
	qsort(c, k, sizeof(*c), schedule_cand_cmp);
	return k;
}

static void schedule_pass_run(struct schedule_search *q, const struct schedule_pass *p)
{
	struct schedule_cand cand[SCHEDULE_DAY_SLOTS];
	int64_t first = civil_to_days(p->first), spread_day = -1;

	for (int64_t day = first; day <= q->last_day && q->n < q->max; day++) {
		struct civil_date d = civil_from_days(day);
		size_t nc = schedule_free_on(q, d, cand);
		if (nc == 0)
			continue;
		if (day == first && p->exact) {
			for (size_t i = 0; i < nc; i++)
				if (cand[i].minute == p->minute && !schedule_emit(q, d, &cand[i], true))
					return;
		}
		nc = schedule_pick(p, cand, nc);
		if (nc == 0)
			continue;
		size_t limit = nc;
		if (p->spread && spread_day < 0) {
			spread_day = day;
			if (limit > (q->max + 1) / 2)
				limit = (q->max + 1) / 2;
		}
		for (size_t i = 0; i < limit; i++)
			if (!schedule_emit(q, d, &cand[i], false))
				return;
	}
	if (spread_day >= 0 && q->n < q->max) {
		/* Near the horizon there may be no later day: top up from the first. */
		struct civil_date d = civil_from_days(spread_day);
		size_t nc = schedule_pick(p, cand, schedule_free_on(q, d, cand));
		for (size_t i = 0; i < nc; i++)
			if (!schedule_emit(q, d, &cand[i], false))
				break;
	}
}

int schedule_find(const struct schedule_studio *s, int64_t now_utc, const struct schedule_wish *w,
		  const struct schedule_busy *busy, size_t nbusy, struct schedule_slot *out, size_t max,
		  size_t *n)
{
	static const struct schedule_wish none;
	if (n == NULL)
		return TF_EINVAL;
	*n = 0;
	if (schedule_validate(s) != TF_OK || !schedule_in_range(now_utc) || (max > 0 && out == NULL) ||
	    (nbusy > 0 && busy == NULL))
		return TF_EINVAL;
	if (w == NULL)
		w = &none;
	bool window = w->from != 0 || w->to != 0;
	if ((w->has_date && !civil_valid(w->date)) || (w->has_time && (w->minute < 0 || w->minute >= 1440)) ||
	    (window && (w->from < 0 || w->from >= w->to || w->to > 1440)))
		return TF_EINVAL;
	if (max == 0)
		return TF_OK;

	struct civil_date today = schedule_local_day(s, now_utc);
	struct schedule_search q = {
		.s = s, .busy = busy, .nbusy = nbusy, .out = out, .max = max,
		.earliest = now_utc + (int64_t)s->lead_minutes * 60,
		.last_day = civil_to_days(today) + s->horizon_days,
	};
	struct schedule_pass p = { .first = today, .minute = w->minute, .from = w->from, .to = w->to };
	bool on_day = w->has_date && !w->after_date;
	if (w->has_date && civil_cmp(w->date, today) > 0)
		p.first = w->date;
	/* A time without a day ("um 9 Uhr") names today, or tomorrow once that
	 * time today is too soon; a wished day already past has no exact slot. */
	int64_t today_at;
	if (w->has_time && !w->has_date &&
	    (!schedule_instant(s, today, w->minute, &today_at) || today_at < q.earliest))
		p.first = civil_add_days(today, 1);
	if (civil_to_days(p.first) > q.last_day)
		return TF_OK;
	p.exact = w->has_time && (!w->has_date || (on_day && civil_cmp(w->date, today) >= 0));
	p.by_distance = w->has_time;
	p.spread = !on_day && !w->has_time;
	p.window = window;

	schedule_pass_run(&q, &p);
	bool only_exact = q.n == 1 && q.out[0].exact;
	if (window && (q.n == 0 || only_exact)) {
		/* Nothing free inside the window within the horizon: any time will do. */
		p.window = false;
		schedule_pass_run(&q, &p);
	}
	if (p.spread)
		qsort(out, q.n, sizeof(*out), schedule_slot_cmp);
	*n = q.n;
	return TF_OK;
}

/* ---- opening hours as such ---- */

bool schedule_open_at(const struct schedule_studio *s, int64_t utc)
{
	if (schedule_validate(s) != TF_OK || !schedule_in_range(utc))
		return false;
	struct civil_time lt = tz_to_local(s->tz, utc, NULL);
	if (schedule_closed_day(s, lt.date))
		return false;
	int m = lt.hour * 60 + lt.minute, wd = civil_weekday(lt.date);
	for (int i = 0; i < s->nranges[wd]; i++)
		if (s->hours[wd][i].opens <= m && m < s->hours[wd][i].closes)
			return true;
	return false;
}

int schedule_next_opening(const struct schedule_studio *s, int64_t utc, int64_t *opens_utc)
{
	if (schedule_validate(s) != TF_OK || !schedule_in_range(utc) || opens_utc == NULL)
		return TF_EINVAL;
	if (schedule_open_at(s, utc)) {
		*opens_utc = utc;
		return TF_OK;
	}
	int64_t first = civil_to_days(schedule_local_day(s, utc));
	for (int64_t day = first; day <= first + 366; day++) {
		struct civil_date d = civil_from_days(day);
		struct schedule_range ranges[SCHEDULE_MAX_RANGES];
		if (schedule_closed_day(s, d))
			continue;
		int nr = schedule_day_ranges(s, civil_weekday(d), ranges);
		for (int i = 0; i < nr; i++) {
			/* An opening inside skipped wall time opens when the clocks land. */
			for (int m = ranges[i].opens; m < ranges[i].closes; m++) {
				int64_t at;
				if (!schedule_instant(s, d, m, &at))
					continue;
				if (at > utc) {
					*opens_utc = at;
					return TF_OK;
				}
				break;
			}
		}
	}
	return TF_ENOTFOUND;
}
