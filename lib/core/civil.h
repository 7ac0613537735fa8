/* civil.h: proleptic Gregorian calendar arithmetic on plain dates and wall-clock
 * times, with no time zone (lib/core/tz turns them into instants). */
#ifndef TERMINFON_CIVIL_H
#define TERMINFON_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

struct civil_date {
	int year, month, day;           /* month 1..12, day 1..31 */
};

struct civil_time {
	struct civil_date date;
	int hour, minute, second;
};

/* Days since 1970-01-01 (negative before). */
int64_t civil_to_days(struct civil_date d);
struct civil_date civil_from_days(int64_t days);
/* 0 = Monday ... 6 = Sunday (ISO order, as German calendars count). */
int civil_weekday(struct civil_date d);
struct civil_date civil_add_days(struct civil_date d, int64_t n);
int civil_days_in_month(int year, int month);
/* Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, as scripts/gen-holidays). */
struct civil_date civil_easter(int year);
bool civil_valid(struct civil_date d);
int civil_cmp(struct civil_date a, struct civil_date b);
/* Seconds since the epoch of a wall-clock time read as if it were UTC. */
int64_t civil_to_seconds(struct civil_time t);
struct civil_time civil_from_seconds(int64_t s);
/* "YYYY-MM-DD" into out (11 bytes). */
void civil_format_date(struct civil_date d, char out[11]);
/* Strict "YYYY-MM-DD"; false on anything else. */
bool civil_parse_date(const char *s, struct civil_date *out);

#endif
