/* ical.h: iCalendar (RFC 5545) through libical: the studio's feed and the
 * event a booking is written to CalDAV as, and the busy times read out of a
 * calendar's events (recurrences, all-day events and time zones expanded). */
#ifndef TERMINFON_ICAL_H
#define TERMINFON_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tz.h"

#define ICAL_MAX_BUSY 20000          /* busy intervals one read keeps at most */
#define ICAL_MAX_INSTANCES 5000      /* instances one recurring event yields at most */

/* One appointment as a calendar shows it. */
struct ical_event {
	const char *uid;            /* stable over moves: the same event, a higher sequence */
	int sequence;               /* 0 when booked, +1 for each move and for the cancellation */
	bool cancelled;             /* STATUS:CANCELLED (else CONFIRMED) */
	int64_t start_utc, end_utc;
	int64_t stamp_utc;          /* DTSTAMP and LAST-MODIFIED: when it last changed */
	const char *summary;        /* "Termin – M. M., +49151*****78" */
	const char *description;    /* NULL: none */
	const char *location;       /* NULL: none */
};

/* Appends a VCALENDAR (PRODID, VERSION, CALSCALE, X-WR-CALNAME cal_name,
 * X-WR-TIMEZONE and the VTIMEZONE of zone_name from 1 year before now_utc on,
 * then one VEVENT per event with DTSTART/DTEND in that zone) to out, CRLF
 * line ends and folded lines as RFC 5545 wants. TF_EINVAL for a zone libical
 * does not know or an event that ends before it starts, TF_ENOMEM, TF_ELIMIT
 * from out. */
int ical_build(const char *cal_name, const char *zone_name, const struct ical_event *ev, size_t n, int64_t now_utc,
               struct buf *out);

struct ical_busy {
	int64_t start_utc, end_utc;
};

/* A growable list of busy intervals (malloc'd; ical_busy_free releases it). */
struct ical_busy_list {
	struct ical_busy *v;
	size_t n, cap;
	bool truncated;             /* more than ICAL_MAX_BUSY: the rest was dropped */
};

void ical_busy_free(struct ical_busy_list *l);
/* Sorts by start and merges intervals that overlap or touch. */
void ical_busy_normalize(struct ical_busy_list *l);

/* Reads one iCalendar object (a VCALENDAR, as a CalDAV server hands out one
 * per resource) and appends the busy intervals of its events that overlap
 * [from_utc, to_utc): every instance of a recurring event (RRULE, RDATE,
 * EXDATE, and instances moved with RECURRENCE-ID), all-day events as whole
 * local days of `local`, floating times in `local`, others in their own time
 * zone (the object's VTIMEZONE or a known TZID). Events that are
 * TRANSP:TRANSPARENT or STATUS:CANCELLED block nothing; an event without an
 * end blocks its day (all-day) or nothing. TF_EINVAL when the text is no
 * iCalendar; TF_ENOMEM. Events whose UID starts with own_uid_prefix (the
 * bookings terminfon wrote itself; NULL: none) are left out: they are
 * appointments, counted as such. */
int ical_busy_parse(const char *text, size_t len, const struct tz *local, int64_t from_utc, int64_t to_utc,
                    const char *own_uid_prefix, struct ical_busy_list *out);

/* "Termin – M. M., +49151*****78": initials of the name and the masked number
 * (full: the name and number as they are). name or phone may be NULL. */
void ical_summary(const char *name, const char *phone, bool full, char *out, size_t outlen);

#endif
