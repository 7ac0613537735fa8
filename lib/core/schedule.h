/* schedule.h: a studio's calendar (hours, closures, slots, lead time, horizon) and the search for free slots. */
#ifndef TERMINFON_SCHEDULE_H
#define TERMINFON_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "civil.h"
#include "tz.h"

#define SCHEDULE_MAX_RANGES      4     /* opening ranges a weekday */
#define SCHEDULE_MIN_SLOT        5     /* minutes; the database allows 5..480 */
#define SCHEDULE_MAX_SLOT        480
#define SCHEDULE_MAX_HORIZON     730   /* days */

/* An opening range in minutes after local midnight: opens < closes <= 1440. */
struct schedule_range {
	int opens, closes;
};

/* A busy time of the studio's own calendar (a staff holiday, a meeting),
 * UTC [start_utc, end_utc): no slot that overlaps it is offered or booked. */
struct schedule_block {
	int64_t start_utc, end_utc;
};

/* Everything the calendar needs to know about a studio. All wall times are
 * in the studio's zone `tz`; the structure only borrows tz and closed. */
struct schedule_studio {
	int64_t id;
	const struct tz *tz;
	int slot_minutes;              /* length of an appointment and step between starts */
	int capacity;                  /* appointments that fit into one slot */
	int lead_minutes;              /* shortest notice for a booking */
	int horizon_days;              /* bookable up to this many days after today (local) */
	struct schedule_range hours[7][SCHEDULE_MAX_RANGES];   /* [0] = Monday */
	int nranges[7];
	const struct civil_date *closed;   /* whole local days closed (holidays of the studio's
	                                    * region and its own closures), sorted, unique */
	size_t nclosed;
	const struct schedule_block *blocked;   /* busy times, sorted by start, not overlapping */
	size_t nblocked;
};

/* Why a start time can or cannot be booked. schedule_check() reports the
 * first that applies, in this order: PAST, CLOSED, NOT_A_SLOT, TOO_SOON,
 * OUT_OF_HORIZON, FULL (also for a slot a busy time of `blocked` overlaps). */
enum schedule_verdict {
	SCHEDULE_OK,
	SCHEDULE_CLOSED,           /* a closed day, or outside every opening range */
	SCHEDULE_PAST,             /* before now */
	SCHEDULE_TOO_SOON,         /* less than lead_minutes from now */
	SCHEDULE_OUT_OF_HORIZON,   /* its local day is more than horizon_days after today */
	SCHEDULE_NOT_A_SLOT,       /* inside the hours but not where a slot starts (or fits) */
	SCHEDULE_FULL,             /* capacity reached */
};

/* What a caller asked for; all fields zero means "whenever". */
struct schedule_wish {
	bool has_date;
	struct civil_date date;        /* local */
	bool has_time;
	int minute;                    /* of the local day, 0..1439 */
	int from, to;                  /* a window in minutes of the day (vormittags 480-720);
	                                * from = to = 0 means none; a slot is in it when
	                                * from <= its start < to */
	bool after_date;               /* "ab Mittwoch": date is the earliest day, not the day */
};

/* How many appointments already start at an instant. */
struct schedule_busy {
	int64_t start_utc;
	int booked;
};

struct schedule_slot {
	int64_t start_utc, end_utc;
	struct civil_time local;       /* start, on the studio's wall clock */
	bool exact;                    /* the wished day and time itself */
};

/* Checks the studio's settings: a zone, slot_minutes in 5..480, capacity >= 1,
 * lead_minutes >= 0, horizon_days in 1..730, nranges 0..SCHEDULE_MAX_RANGES,
 * every range 0 <= opens < closes <= 1440 and no two of a day overlapping,
 * closed sorted and unique. TF_OK or TF_EINVAL. */
int schedule_validate(const struct schedule_studio *s);

/* Can an appointment start at start_utc, with `booked` appointments already
 * there, when the clock says now_utc? Pure; a studio that fails
 * schedule_validate(), or an instant outside TZ_UTC_MIN..TZ_UTC_MAX, gets
 * SCHEDULE_CLOSED. */
enum schedule_verdict schedule_check(const struct schedule_studio *s, int64_t now_utc, int64_t start_utc,
				     int booked);

/* A short English name of a verdict, for logs. */
const char *schedule_verdict_name(enum schedule_verdict v);

/* Finds up to `max` free slots for a wish (NULL = no wish) and writes them
 * to out[0..*n), best first. busy[] is sorted by start_utc (entries for the
 * same start add up; entries off the slot grid are ignored). The caller owns
 * every array; nothing is allocated.
 *
 * The order:
 *  1. the wished day and time itself, when free (exact = true);
 *  2. other free slots of the wished day: nearest to the wished time first
 *     (the earlier of two equally near), or in the order of the day inside a
 *     wished window;
 *  3. free slots of the following days up to the horizon, day by day, each
 *     day again nearest to the wished time first, or in time order.
 * A window restricts 2 and 3 (and a wished time outside it is still tried
 * in 1); only when the window holds no free slot at all within the horizon
 * does the search run again without it. A wished day before today starts
 * today; a time without a day is today's, or tomorrow's once today's is too
 * soon; "ab <day>" (after_date) and no wish at all start on that day or
 * today and spread the slots: at most (max + 1) / 2 from the first day that
 * has any, the rest from the following days, all then sorted by time. With
 * no wish and max = 3 that gives e.g. two today and one tomorrow.
 * A slot is never closed, past, too soon, beyond the horizon or full.
 * TF_OK with *n = 0 when nothing is free (or the wished day is beyond the
 * horizon); TF_EINVAL for a bad studio, wish or arguments, or now_utc
 * outside TZ_UTC_MIN..TZ_UTC_MAX. */
int schedule_find(const struct schedule_studio *s, int64_t now_utc, const struct schedule_wish *w,
		  const struct schedule_busy *busy, size_t nbusy, struct schedule_slot *out, size_t max,
		  size_t *n);

/* Is the studio open at this instant (an open day, inside a range)? Pure;
 * false for a studio that fails schedule_validate(). */
bool schedule_open_at(const struct schedule_studio *s, int64_t utc);

/* When the studio is next open: utc itself when open then, else the start
 * of the next opening range (on an open day) after it, searched a year ahead.
 * TF_ENOTFOUND when there is none, TF_EINVAL for a bad studio. */
int schedule_next_opening(const struct schedule_studio *s, int64_t utc, int64_t *opens_utc);

#endif
