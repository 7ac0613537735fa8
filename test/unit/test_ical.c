/* test_ical.c: unit tests of lib/domain/ical: the feed's iCalendar, the caller's
 * pseudonym, busy times out of events (time zones, all-day, recurring with
 * exceptions, moved instances, DST, transparent, cancelled and terminfon's
 * own events). */
#include "civil.h"
#include "err.h"
#include "ical.h"
#include "tz.h"
#include "t.h"

#include <libical/ical.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct tz *berlin(void)
{
	const struct tz *z = NULL;
	tz_load("Europe/Berlin", &z);
	return z;
}

/* UTC seconds of "YYYY-MM-DD HH:MM" UTC. */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct civil_time t = { { y, mo, d }, h, mi, 0 };
	return civil_to_seconds(t);
}

#define VTZ_BERLIN \
	"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n" \
	"BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n" \
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n" \
	"BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n" \
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"

#define CAL(body) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" body "END:VCALENDAR\r\n"

static int parse(const char *ics, int64_t from, int64_t to, struct ical_busy_list *l)
{
	memset(l, 0, sizeof(*l));
	int err = ical_busy_parse(ics, strlen(ics), berlin(), from, to, "terminfon-berlin-", l);
	if (err == TF_OK)
		ical_busy_normalize(l);
	return err;
}

static void test_summary(void)
{
	char s[200];
	ical_summary("Max Müller", "+491512345678", false, s, sizeof(s));
	T_EQ_STR(s, "Termin \xE2\x80\x93 M. M., +49151*****78");
	ical_summary("Max Müller", "+4915112345678", true, s, sizeof(s));
	T_EQ_STR(s, "Termin \xE2\x80\x93 Max Müller, +4915112345678");
	ical_summary("Özlem Yılmaz-Schmidt", NULL, false, s, sizeof(s));
	T_EQ_STR(s, "Termin \xE2\x80\x93 Ö. Y. S.");
	ical_summary(NULL, "+491512345678", false, s, sizeof(s));
	T_EQ_STR(s, "Termin \xE2\x80\x93 +49151*****78");
	ical_summary(NULL, NULL, false, s, sizeof(s));
	T_EQ_STR(s, "Termin");
}

static void test_build(void)
{
	struct ical_event ev[2] = {
		{ .uid = "terminfon-berlin-7@termine.example.de", .sequence = 0, .start_utc = utc(2026, 11, 25, 14, 0),
		  .end_utc = utc(2026, 11, 25, 15, 0), .stamp_utc = utc(2026, 11, 24, 9, 0),
		  .summary = "Termin \xE2\x80\x93 M. M., +49151*****78", .location = "Friedrichstraße 123, 10117 Berlin" },
		/* in summer time: 10:00 Berlin is 08:00 UTC */
		{ .uid = "terminfon-berlin-8@termine.example.de", .sequence = 2, .cancelled = true,
		  .start_utc = utc(2027, 6, 1, 8, 0), .end_utc = utc(2027, 6, 1, 9, 0), .stamp_utc = utc(2026, 11, 24, 9, 0),
		  .summary = "Termin, mit; Zeichen" },
	};
	struct buf b;
	buf_init(&b, 1 << 20);
	T_EQ_INT(ical_build("Termine Berlin", "Europe/Berlin", ev, 2, utc(2026, 1, 1, 0, 0), &b), TF_OK);
	const char *t = b.data ? b.data : "";
	T_OK(strncmp(t, "BEGIN:VCALENDAR\r\n", 17) == 0);
	T_OK(strstr(t, "TZID:Europe/Berlin\r\n") != NULL);
	T_OK(strstr(t, "DTSTART;TZID=Europe/Berlin:20261125T150000\r\n") != NULL);
	T_OK(strstr(t, "DTEND;TZID=Europe/Berlin:20261125T160000\r\n") != NULL);
	T_OK(strstr(t, "DTSTART;TZID=Europe/Berlin:20270601T100000\r\n") != NULL);
	T_OK(strstr(t, "UID:terminfon-berlin-7@termine.example.de\r\n") != NULL);
	T_OK(strstr(t, "SEQUENCE:2\r\n") != NULL);
	T_OK(strstr(t, "STATUS:CANCELLED\r\n") != NULL);
	T_OK(strstr(t, "STATUS:CONFIRMED\r\n") != NULL);
	T_OK(strstr(t, "DTSTAMP:20261124T090000Z\r\n") != NULL);
	T_OK(strstr(t, "SUMMARY:Termin\\, mit\\; Zeichen\r\n") != NULL);
	T_OK(strstr(t, "X-LIC-") == NULL);
	/* No line longer than 75 octets. */
	size_t longest = 0;
	for (const char *p = t; *p;) {
		const char *e = strstr(p, "\r\n");
		if (e == NULL)
			break;
		if ((size_t)(e - p) > longest)
			longest = (size_t)(e - p);
		p = e + 2;
	}
	T_OK(longest <= 75);
	/* libical reads it back: two events, the times where they were. */
	icalcomponent *c = icalparser_parse_string(t);
	T_OK(c != NULL);
	int events = 0;
	for (icalcomponent *e = c ? icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT) : NULL; e;
	     e = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT))
		events++;
	T_EQ_INT(events, 2);
	if (c)
		icalcomponent_free(c);
	/* The same input, the same text (the feed's ETag depends on it). */
	struct buf b2;
	buf_init(&b2, 1 << 20);
	T_EQ_INT(ical_build("Termine Berlin", "Europe/Berlin", ev, 2, utc(2026, 1, 1, 0, 0), &b2), TF_OK);
	T_OK(b.len == b2.len && memcmp(b.data, b2.data, b.len) == 0);
	buf_free(&b);
	buf_free(&b2);
	/* Errors. */
	buf_init(&b, 1 << 20);
	T_EQ_INT(ical_build("x", "Mars/Olympus", ev, 1, 0, &b), TF_EINVAL);
	ev[0].end_utc = ev[0].start_utc - 1;
	T_EQ_INT(ical_build("x", "Europe/Berlin", ev, 1, 0, &b), TF_EINVAL);
	buf_free(&b);
}

static void test_busy_simple(void)
{
	struct ical_busy_list l;
	/* 10:00-12:00 Berlin in winter is 09:00-11:00 UTC. */
	T_EQ_INT(parse(CAL(VTZ_BERLIN "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261101T000000Z\r\n"
	                   "DTSTART;TZID=Europe/Berlin:20261130T100000\r\nDTEND;TZID=Europe/Berlin:20261130T120000\r\n"
	                   "SUMMARY:Wartung\r\nEND:VEVENT\r\n"),
	               utc(2026, 11, 24, 0, 0), utc(2027, 1, 1, 0, 0), &l),
	           TF_OK);
	T_EQ_INT(l.n, 1);
	if (l.n == 1) {
		T_EQ_INT(l.v[0].start_utc, utc(2026, 11, 30, 9, 0));
		T_EQ_INT(l.v[0].end_utc, utc(2026, 11, 30, 11, 0));
	}
	ical_busy_free(&l);
	/* UTC, and outside the window: nothing. */
	T_EQ_INT(parse(CAL("BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20270301T100000Z\r\n"
	                   "DTEND:20270301T110000Z\r\nEND:VEVENT\r\n"),
	               utc(2026, 11, 24, 0, 0), utc(2027, 1, 1, 0, 0), &l),
	           TF_OK);
	T_EQ_INT(l.n, 0);
	ical_busy_free(&l);
	/* A floating time is the studio's wall clock. */
	T_EQ_INT(parse(CAL("BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261130T100000\r\n"
	                   "DURATION:PT90M\r\nEND:VEVENT\r\n"),
	               utc(2026, 11, 24, 0, 0), utc(2027, 1, 1, 0, 0), &l),
	           TF_OK);
	T_EQ_INT(l.n, 1);
	if (l.n == 1) {
		T_EQ_INT(l.v[0].start_utc, utc(2026, 11, 30, 9, 0));
		T_EQ_INT(l.v[0].end_utc, utc(2026, 11, 30, 10, 30));
	}
	ical_busy_free(&l);
	/* Transparent (free) and cancelled events block nothing. */
	T_EQ_INT(parse(CAL("BEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261130T100000Z\r\n"
	                   "DTEND:20261130T110000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
	                   "BEGIN:VEVENT\r\nUID:e\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261130T100000Z\r\n"
	                   "DTEND:20261130T110000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"),
	               utc(2026, 11, 24, 0, 0), utc(2027, 1, 1, 0, 0), &l),
	           TF_OK);
	T_EQ_INT(l.n, 0);
	ical_busy_free(&l);
	/* The bookings terminfon wrote there itself are no busy times. */
	T_EQ_INT(parse(CAL("BEGIN:VEVENT\r\nUID:terminfon-berlin-42@termine.example.de\r\nDTSTAMP:20261101T000000Z\r\n"
	                   "DTSTART:20261130T100000Z\r\nDTEND:20261130T110000Z\r\nEND:VEVENT\r\n"),
	               utc(2026, 11, 24, 0, 0), utc(2027, 1, 1, 0, 0), &l),
	           TF_OK);
	T_EQ_INT(l.n, 0);
	ical_busy_free(&l);
	/* Garbage. */
	T_EQ_INT(parse("<html>not a calendar</html>", 0, utc(2027, 1, 1, 0, 0), &l), TF_EINVAL);
	ical_busy_free(&l);
}

static void test_busy_all_day(void)
{
	struct ical_busy_list l;
	/* A staff holiday from Monday 7 to Wednesday 9 December (DTEND is exclusive):
	 * Berlin's local days, 23:00 UTC the evening before. */
	T_EQ_INT(parse(CAL("BEGIN:VEVENT\r\nUID:h\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261207\r\n"
	                   "DTEND;VALUE=DATE:20261210\r\nSUMMARY:Urlaub\r\nEND:VEVENT\r\n"),
	               utc(2026, 11, 24, 0, 0), utc(2027, 1, 1, 0, 0), &l),
	           TF_OK);
	T_EQ_INT(l.n, 1);
	if (l.n == 1) {
		T_EQ_INT(l.v[0].start_utc, utc(2026, 12, 6, 23, 0));
		T_EQ_INT(l.v[0].end_utc, utc(2026, 12, 9, 23, 0));
	}
	ical_busy_free(&l);
	/* One day, without DTEND. */
	T_EQ_INT(parse(CAL("BEGIN:VEVENT\r\nUID:i\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20270610\r\n"
	                   "END:VEVENT\r\n"),
	               utc(2026, 11, 24, 0, 0), utc(2027, 12, 1, 0, 0), &l),
	           TF_OK);
	T_EQ_INT(l.n, 1);
	if (l.n == 1) {
		T_EQ_INT(l.v[0].start_utc, utc(2027, 6, 9, 22, 0));     /* summer time */
		T_EQ_INT(l.v[0].end_utc, utc(2027, 6, 10, 22, 0));
	}
	ical_busy_free(&l);
}

static void test_busy_recurring(void)
{
	struct ical_busy_list l;
	/* Team meeting every Thursday 9:00-10:00 Berlin from 5 Nov 2026, but not
	 * on 3 Dec (EXDATE) and on 10 Dec moved to 14:00 (RECURRENCE-ID). Across
	 * the change to summer time it stays at 9:00 local. */
	const char *ics = CAL(VTZ_BERLIN
		"BEGIN:VEVENT\r\nUID:team\r\nDTSTAMP:20261101T000000Z\r\n"
		"DTSTART;TZID=Europe/Berlin:20261105T090000\r\nDTEND;TZID=Europe/Berlin:20261105T100000\r\n"
		"RRULE:FREQ=WEEKLY;BYDAY=TH\r\nEXDATE;TZID=Europe/Berlin:20261203T090000\r\n"
		"SUMMARY:Teambesprechung\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:team\r\nDTSTAMP:20261101T000000Z\r\n"
		"RECURRENCE-ID;TZID=Europe/Berlin:20261210T090000\r\n"
		"DTSTART;TZID=Europe/Berlin:20261210T140000\r\nDTEND;TZID=Europe/Berlin:20261210T150000\r\n"
		"SUMMARY:Teambesprechung\r\nEND:VEVENT\r\n");
	T_EQ_INT(parse(ics, utc(2026, 11, 24, 0, 0), utc(2026, 12, 18, 0, 0), &l), TF_OK);
	/* 26 Nov, (3 Dec excluded), 10 Dec at 14:00, 17 Dec */
	T_EQ_INT(l.n, 3);
	if (l.n == 3) {
		T_EQ_INT(l.v[0].start_utc, utc(2026, 11, 26, 8, 0));
		T_EQ_INT(l.v[1].start_utc, utc(2026, 12, 10, 13, 0));
		T_EQ_INT(l.v[2].start_utc, utc(2026, 12, 17, 8, 0));
	}
	ical_busy_free(&l);
	T_EQ_INT(parse(ics, utc(2027, 4, 2, 0, 0), utc(2027, 4, 9, 0, 0), &l), TF_OK);
	T_EQ_INT(l.n, 1);
	if (l.n == 1)
		T_EQ_INT(l.v[0].start_utc, utc(2027, 4, 8, 7, 0));     /* 9:00 CEST */
	ical_busy_free(&l);
	/* A rule faster than hourly counts once, not a million times. */
	T_EQ_INT(parse(CAL("BEGIN:VEVENT\r\nUID:m\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261125T100000Z\r\n"
	                   "DTEND:20261125T100100Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n"),
	               utc(2026, 11, 24, 0, 0), utc(2028, 1, 1, 0, 0), &l),
	           TF_OK);
	T_EQ_INT(l.n, 1);
	ical_busy_free(&l);
}

static void test_normalize(void)
{
	struct ical_busy_list list = { 0 };
	struct ical_busy v[] = { { 50, 60 }, { 10, 20 }, { 15, 30 }, { 30, 40 }, { 45, 46 } };
	list.v = malloc(sizeof(v));
	memcpy(list.v, v, sizeof(v));
	list.n = list.cap = 5;
	ical_busy_normalize(&list);
	T_EQ_INT(list.n, 3);
	T_EQ_INT(list.v[0].start_utc, 10);
	T_EQ_INT(list.v[0].end_utc, 40);
	T_EQ_INT(list.v[1].start_utc, 45);
	T_EQ_INT(list.v[2].end_utc, 60);
	ical_busy_free(&list);
}

int main(void)
{
	test_summary();
	test_build();
	test_busy_simple();
	test_busy_all_day();
	test_busy_recurring();
	test_normalize();
	return t_done();
}
