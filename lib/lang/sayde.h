/* sayde.h: German phrasing of dates, times and opening hours for speech and SMS, the one place for it. */
#ifndef TERMINFON_SAYDE_H
#define TERMINFON_SAYDE_H

#include <stddef.h>

#include "civil.h"
#include "schedule.h"

/* All functions write UTF-8 into out[0..n) and always NUL-terminate when
 * n > 0. They return TF_OK, TF_ELIMIT when out is too small (the text is cut
 * at a character boundary, never inside one) or TF_EINVAL for a date or
 * time out of range (out then holds ""). Nothing is allocated.
 *
 * Times are always said in the 24-hour form, hours without a leading zero:
 * "14 Uhr", "14:30 Uhr", "9:05 Uhr", "0 Uhr"; never "halb drei".
 *
 * A year is added ("am Freitag, den 7. Januar 2028") only when the date lies
 * in another year than today AND is not within the coming 183 days: on
 * 30 December "am Samstag, den 2. Januar" needs no year, a date a year ahead
 * or in a past year does. */

/* For speech: "heute um 14 Uhr", "morgen um 14:30 Uhr", "übermorgen um 9 Uhr",
 * else "am Montag, den 15. Januar, um 14 Uhr". `local` is on the studio's wall
 * clock and `today` is the studio's local date now. */
int sayde_datetime(char *out, size_t n, struct civil_time local, struct civil_date today);

/* For speech: "heute", "morgen", "übermorgen", else "Montag, den 15. Januar". */
int sayde_date(char *out, size_t n, struct civil_date d, struct civil_date today);

/* A time of day alone: "14 Uhr", "9:05 Uhr". */
int sayde_time(char *out, size_t n, int hour, int minute);

/* For SMS: "Mo., 15.01.2026, 14:00 Uhr". */
int sayde_sms_datetime(char *out, size_t n, struct civil_time local);

/* "Montag" .. "Sonntag" for 0 (Monday) .. 6; "" outside. A static string. */
const char *sayde_weekday(int wd);

/* "Januar" .. "Dezember" for 1 .. 12; "" outside. A static string. */
const char *sayde_month(int m);

/* The weekly opening hours in words, for the info answer: "Montag bis
 * Freitag von 9 bis 13 Uhr und von 14 bis 20 Uhr, Samstag von 10 bis 14 Uhr,
 * sonntags geschlossen". Neighbouring days with the same hours are joined
 * ("Montag bis Freitag" for three or more, "Montag und Dienstag" for two);
 * closed days come last. Holidays are not mentioned. TF_EINVAL when s is NULL. */
int sayde_hours(char *out, size_t n, const struct schedule_studio *s);

#endif
