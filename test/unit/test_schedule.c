/* test_schedule.c: unit tests of lib/core/schedule against a fixed clock (wishes, holidays, lead time, horizon, DST). */
#include "civil.h"
#include "err.h"
#include "schedule.h"
#include "t.h"
#include "tz.h"

#include <stdlib.h>
#include <time.h>

/* ---- wall times, dates and studios for the tables ---- */

static int two(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* "YYYY-MM-DD HH:MM" (a wall time); aborts on a typo in the table. */
static struct civil_time wall(const char *s)
{
	char day[11];
	struct civil_time t = { { 0, 0, 0 }, 0, 0, 0 };
	memcpy(day, s, 10);
	day[10] = '\0';
	if (strlen(s) != 16 || !civil_parse_date(day, &t.date) || s[10] != ' ' || s[13] != ':') {
		fprintf(stderr, "bad wall time in test: %s\n", s);
		abort();
	}
	t.hour = two(s + 11);
	t.minute = two(s + 14);
	return t;
}

static struct civil_date date(const char *s)
{
	struct civil_date d = { 0, 0, 0 };
	if (!civil_parse_date(s, &d)) {
		fprintf(stderr, "bad date in test: %s\n", s);
		abort();
	}
	return d;
}

static int64_t at(const struct tz *z, const char *s)
{
	int64_t u = 0;
	if (tz_from_local(z, wall(s), &u) != TF_OK) {
		fprintf(stderr, "no such wall time in test: %s\n", s);
		abort();
	}
	return u;
}

static int64_t utc(const char *s)
{
	return civil_to_seconds(wall(s));
}

/* Closed days of a region from the shipped holiday data: 'DE' and `region`. */
static size_t load_holidays(const char *region, struct civil_date *out, size_t max)
{
	FILE *f = fopen("schema/seed/holidays_de.sql", "r");
	char line[256];
	size_t n = 0;
	T_OK(f != NULL);
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) && n < max) {
		char *p = strstr(line, "('");
		if (p == NULL)
			continue;
		p += 2;
		char *q = strchr(p, '\'');
		if (q == NULL || strncmp(q, "', '", 4) != 0)
			continue;
		*q = '\0';
		if (strcmp(p, "DE") != 0 && strcmp(p, region) != 0)
			continue;
		char day[11];
		memcpy(day, q + 4, 10);
		day[10] = '\0';
		if (civil_parse_date(day, &out[n]))
			n++;
	}
	fclose(f);
	/* The file is sorted within a year; sort all of it to be sure. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && civil_cmp(out[j - 1], out[j]) > 0; j--) {
			struct civil_date t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

static struct civil_date berlin_closed[200], bayern_closed[200];
static size_t nberlin_closed, nbayern_closed;

static void set_hours(struct schedule_studio *s, int wd, int opens, int closes)
{
	s->hours[wd][s->nranges[wd]].opens = opens;
	s->hours[wd][s->nranges[wd]].closes = closes;
	s->nranges[wd]++;
}

/* The example Berlin studio: Monday to Friday 9-13 and 14-20, Saturday 10-14. */
static struct schedule_studio berlin_studio(const struct tz *z)
{
	struct schedule_studio s;
	memset(&s, 0, sizeof(s));
	s.id = 1;
	s.tz = z;
	s.slot_minutes = 60;
	s.capacity = 1;
	s.lead_minutes = 120;
	s.horizon_days = 60;
	for (int wd = 0; wd < 5; wd++) {
		set_hours(&s, wd, 9 * 60, 13 * 60);
		set_hours(&s, wd, 14 * 60, 20 * 60);
	}
	set_hours(&s, 5, 10 * 60, 14 * 60);
	s.closed = berlin_closed;
	s.nclosed = nberlin_closed;
	return s;
}

/* "2026-11-25 15:00,2026-11-25 12:00*": the slots as wall times, '*' = exact. */
static void join(const struct schedule_slot *slots, size_t n, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && len + 20 < size; i++) {
		const struct civil_time *t = &slots[i].local;
		int w = snprintf(out + len, size - len, "%s%04d-%02d-%02d %02d:%02d%s", i ? "," : "",
				 t->date.year, t->date.month, t->date.day, t->hour, t->minute,
				 slots[i].exact ? "*" : "");
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

/* ---- availability table ---- */

#define MAX_BUSY 24

struct find_row {
	const char *what;
	char studio;                   /* 'b' Berlin, 'y' Bayern, 'c' capacity 2, 'n' New York, 's' Sunday hours */
	const char *now;               /* studio wall time */
	struct schedule_wish wish;
	const char *wish_date;         /* sets wish.date when not NULL */
	const char *busy[MAX_BUSY];    /* wall times with one booking each */
	const char *full_day;          /* every slot of this day booked to capacity */
	size_t max;
	const char *want;
};

#define HM(h, m) ((h) * 60 + (m))

static const struct find_row find_rows[] = {
	{ "exact free slot", 'b', "2026-11-24 10:00", { .has_date = true, .has_time = true, .minute = HM(14, 0) },
	  "2026-11-25", { NULL }, NULL, 3,
	  "2026-11-25 14:00*,2026-11-25 15:00,2026-11-25 12:00" },
	{ "exact but full: nearest that day", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(14, 0) }, "2026-11-25",
	  { "2026-11-25 14:00" }, NULL, 3,
	  "2026-11-25 15:00,2026-11-25 12:00,2026-11-25 16:00" },
	{ "between two slots: the earlier of equals first", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(15, 30) }, "2026-11-25", { NULL }, NULL, 4,
	  "2026-11-25 15:00,2026-11-25 16:00,2026-11-25 14:00,2026-11-25 17:00" },
	{ "lunch break: 13:00 is no slot", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(13, 0) }, "2026-11-25", { NULL }, NULL, 3,
	  "2026-11-25 12:00,2026-11-25 14:00,2026-11-25 11:00" },
	{ "day fully booked: next day near the time", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(14, 0) }, "2026-11-25", { NULL }, "2026-11-25", 3,
	  "2026-11-26 14:00,2026-11-26 15:00,2026-11-26 12:00" },
	{ "wish on a Sunday: Monday", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(14, 0) }, "2026-11-29", { NULL }, NULL, 2,
	  "2026-11-30 14:00,2026-11-30 15:00" },
	{ "Christmas, Boxing Day and Sunday closed", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(10, 0) }, "2026-12-25", { NULL }, NULL, 2,
	  "2026-12-28 10:00,2026-12-28 09:00" },
	{ "New Year closed, Saturday hours", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(16, 0) }, "2027-01-01", { NULL }, NULL, 3,
	  "2027-01-02 13:00,2027-01-02 12:00,2027-01-02 11:00" },
	{ "Epiphany: open in Berlin", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(10, 0) }, "2027-01-06", { NULL }, NULL, 1,
	  "2027-01-06 10:00*" },
	{ "Epiphany: closed in Bayern", 'y', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(10, 0) }, "2027-01-06", { NULL }, NULL, 1,
	  "2027-01-07 10:00" },
	{ "lead time: 90 minutes ahead refused", 'b', "2026-11-24 10:30",
	  { .has_date = true, .has_time = true, .minute = HM(12, 0) }, "2026-11-24", { NULL }, NULL, 3,
	  "2026-11-24 14:00,2026-11-24 15:00,2026-11-24 16:00" },
	{ "lead time: exactly 120 minutes is fine", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(12, 0) }, "2026-11-24", { NULL }, NULL, 1,
	  "2026-11-24 12:00*" },
	{ "a time without a day means today", 'b', "2026-11-24 10:00",
	  { .has_time = true, .minute = HM(16, 0) }, NULL, { NULL }, NULL, 2,
	  "2026-11-24 16:00*,2026-11-24 15:00" },
	{ "a time without a day, too soon today: tomorrow", 'b', "2026-11-24 10:00",
	  { .has_time = true, .minute = HM(9, 0) }, NULL, { NULL }, NULL, 2,
	  "2026-11-25 09:00*,2026-11-25 10:00" },
	{ "a wished day in the past starts today", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(12, 0) }, "2026-11-20", { NULL }, NULL, 2,
	  "2026-11-24 12:00,2026-11-24 14:00" },
	{ "horizon: the last day is bookable", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(16, 0) }, "2027-01-23", { NULL }, NULL, 5,
	  "2027-01-23 13:00,2027-01-23 12:00,2027-01-23 11:00,2027-01-23 10:00" },
	{ "horizon: a day beyond has nothing", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(10, 0) }, "2027-01-25", { NULL }, NULL, 3, "" },
	{ "capacity 2, one booked: still free", 'c', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(14, 0) }, "2026-11-25", { "2026-11-25 14:00" },
	  NULL, 1, "2026-11-25 14:00*" },
	{ "capacity 2, two booked: full", 'c', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(14, 0) }, "2026-11-25",
	  { "2026-11-25 14:00", "2026-11-25 14:00" }, NULL, 1, "2026-11-25 15:00" },
	{ "no wish: two today, one tomorrow", 'b', "2026-11-24 10:00", { 0 }, NULL, { NULL }, NULL, 3,
	  "2026-11-24 12:00,2026-11-24 14:00,2026-11-25 09:00" },
	{ "no wish, bookings skipped", 'b', "2026-11-24 10:00", { 0 }, NULL,
	  { "2026-11-24 12:00", "2026-11-24 15:00", "2026-11-25 09:00" }, NULL, 4,
	  "2026-11-24 14:00,2026-11-24 16:00,2026-11-25 10:00,2026-11-25 11:00" },
	{ "no wish late on Saturday: Monday and Tuesday", 'b', "2026-11-28 13:30", { 0 }, NULL, { NULL }, NULL, 3,
	  "2026-11-30 09:00,2026-11-30 10:00,2026-12-01 09:00" },
	{ "ab Donnerstag", 'b', "2026-11-24 10:00", { .has_date = true, .after_date = true }, "2026-11-26",
	  { NULL }, NULL, 3, "2026-11-26 09:00,2026-11-26 10:00,2026-11-27 09:00" },
	{ "vormittags on a day", 'b', "2026-11-24 10:00", { .has_date = true, .from = HM(8, 0), .to = HM(12, 0) },
	  "2026-11-25", { "2026-11-25 10:00" }, NULL, 3, "2026-11-25 09:00,2026-11-25 11:00,2026-11-26 09:00" },
	{ "vormittags, no day: spread", 'b', "2026-11-24 10:00", { .from = HM(8, 0), .to = HM(12, 0) }, NULL,
	  { NULL }, NULL, 3, "2026-11-25 09:00,2026-11-25 10:00,2026-11-26 09:00" },
	{ "a time inside a window, taken", 'b', "2026-11-24 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(10, 0), .from = HM(8, 0), .to = HM(12, 0) },
	  "2026-11-25", { "2026-11-25 10:00" }, NULL, 3, "2026-11-25 09:00,2026-11-25 11:00,2026-11-26 10:00" },
	{ "abends on a Saturday: the next evenings", 'b', "2026-11-24 10:00",
	  { .has_date = true, .from = HM(18, 0), .to = HM(22, 0) }, "2026-11-28", { NULL }, NULL, 3,
	  "2026-11-30 18:00,2026-11-30 19:00,2026-12-01 18:00" },
	{ "a window never open: any time", 'b', "2026-11-24 10:00",
	  { .has_date = true, .from = HM(0, 0), .to = HM(6, 0) }, "2026-11-25", { NULL }, NULL, 2,
	  "2026-11-25 09:00,2026-11-25 10:00" },
	{ "spring forward: 02:30 does not exist", 's', "2026-03-20 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(2, 30) }, "2026-03-29", { NULL }, NULL, 4,
	  "2026-03-29 03:00,2026-03-29 01:30,2026-03-29 03:30,2026-03-29 01:00" },
	{ "fall back: 02:30 once, on summer time", 's', "2026-10-20 10:00",
	  { .has_date = true, .has_time = true, .minute = HM(2, 30) }, "2026-10-25", { NULL }, NULL, 3,
	  "2026-10-25 02:30*,2026-10-25 02:00,2026-10-25 03:00" },
	{ "New York, no wish", 'n', "2026-11-24 04:00", { 0 }, NULL, { NULL }, NULL, 3,
	  "2026-11-24 09:00,2026-11-24 10:00,2026-11-25 09:00" },
	{ "New York, spring forward Sunday", 'n', "2026-03-01 12:00",
	  { .has_date = true, .has_time = true, .minute = HM(10, 0) }, "2026-03-08", { NULL }, NULL, 1,
	  "2026-03-08 10:00*" },
};

static const struct tz *berlin, *new_york;

static struct schedule_studio studio_for(char kind)
{
	struct schedule_studio s = berlin_studio(berlin);
	switch (kind) {
	case 'y':
		s.closed = bayern_closed;
		s.nclosed = nbayern_closed;
		break;
	case 'c':
		s.capacity = 2;
		break;
	case 'n':
		memset(s.nranges, 0, sizeof(s.nranges));
		for (int wd = 0; wd < 7; wd++)
			set_hours(&s, wd, 9 * 60, 17 * 60);
		s.tz = new_york;
		s.nclosed = 0;
		break;
	case 's':
		/* Night and Sunday hours, half-hour slots: the DST switches land inside. */
		memset(s.nranges, 0, sizeof(s.nranges));
		for (int wd = 0; wd < 7; wd++) {
			set_hours(&s, wd, 0, 6 * 60);
			set_hours(&s, wd, 10 * 60, 14 * 60);
		}
		s.slot_minutes = 30;
		break;
	}
	return s;
}

/* Every slot of a day (booked `capacity` times) into busy[]. */
static size_t fill_day(const struct schedule_studio *s, const char *day, struct schedule_busy *busy, size_t n,
		       size_t max)
{
	struct civil_date d = date(day);
	int wd = civil_weekday(d);
	for (int i = 0; i < s->nranges[wd]; i++)
		for (int m = s->hours[wd][i].opens; m + s->slot_minutes <= s->hours[wd][i].closes && n < max;
		     m += s->slot_minutes) {
			struct civil_time t = { d, m / 60, m % 60, 0 };
			if (tz_from_local(s->tz, t, &busy[n].start_utc) == TF_OK)
				busy[n++].booked = s->capacity;
		}
	return n;
}

static int busy_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct schedule_busy *)a)->start_utc, y = ((const struct schedule_busy *)b)->start_utc;
	return (x > y) - (x < y);
}

static void test_find_table(void)
{
	for (size_t r = 0; r < sizeof(find_rows) / sizeof(find_rows[0]); r++) {
		const struct find_row *row = &find_rows[r];
		struct schedule_studio s = studio_for(row->studio);
		struct schedule_wish w = row->wish;
		struct schedule_busy busy[64];
		struct schedule_slot slots[8];
		size_t nbusy = 0, n = 99;
		char got[512];

		if (row->wish_date)
			w.date = date(row->wish_date);
		for (size_t i = 0; i < MAX_BUSY && row->busy[i]; i++) {
			busy[nbusy].start_utc = at(s.tz, row->busy[i]);
			busy[nbusy++].booked = 1;
		}
		if (row->full_day)
			nbusy = fill_day(&s, row->full_day, busy, nbusy, 64);
		qsort(busy, nbusy, sizeof(busy[0]), busy_cmp);
		int64_t now = at(s.tz, row->now);

		int err = schedule_find(&s, now, &w, busy, nbusy, slots, row->max, &n);
		T_EQ_INT(err, TF_OK);
		join(slots, n, got, sizeof(got));
		T_EQ_STR(got, row->want);
		if (strcmp(got, row->want) != 0)
			fprintf(stderr, "  row \"%s\"\n", row->what);

		/* Whatever was offered can be booked, and its fields agree. */
		for (size_t i = 0; i < n; i++) {
			int booked = 0;
			for (size_t k = 0; k < nbusy; k++)
				booked += busy[k].start_utc == slots[i].start_utc ? busy[k].booked : 0;
			T_EQ_INT(schedule_check(&s, now, slots[i].start_utc, booked), SCHEDULE_OK);
			T_EQ_INT(slots[i].end_utc - slots[i].start_utc, s.slot_minutes * 60);
			struct civil_time lt = tz_to_local(s.tz, slots[i].start_utc, NULL);
			T_OK(civil_cmp(lt.date, slots[i].local.date) == 0 && lt.hour == slots[i].local.hour &&
			     lt.minute == slots[i].local.minute);
		}
	}
}

/* ---- the instants themselves across the DST switches ---- */

static void test_dst_instants(void)
{
	struct schedule_studio s = studio_for('s');
	struct schedule_slot slots[40];
	size_t n = 0;
	struct schedule_wish w = { .has_date = true, .date = date("2026-03-29"), .from = HM(0, 0), .to = HM(6, 0) };

	/* Spring: 00:00 .. 05:30 without 02:00 and 02:30, ten slots. */
	T_EQ_INT(schedule_find(&s, at(berlin, "2026-03-20 10:00"), &w, NULL, 0, slots, 10, &n), TF_OK);
	T_EQ_INT(n, 10);
	if (n >= 5) {
		T_EQ_INT(slots[0].start_utc, utc("2026-03-28 23:00"));
		T_EQ_INT(slots[2].start_utc, utc("2026-03-29 00:00"));   /* 01:00 CET */
		T_EQ_INT(slots[3].start_utc, utc("2026-03-29 00:30"));   /* 01:30 CET */
		T_EQ_INT(slots[4].start_utc, utc("2026-03-29 01:00"));   /* 03:00 CEST */
		T_EQ_INT(slots[4].local.hour, 3);
		/* The 01:30 slot ends at 03:00 on the wall clock: still 30 minutes. */
		T_EQ_INT(slots[3].end_utc, slots[4].start_utc);
	}
	T_EQ_INT(schedule_check(&s, at(berlin, "2026-03-20 10:00"), at(berlin, "2026-03-29 10:00"), 0), SCHEDULE_OK);
	T_EQ_INT(at(berlin, "2026-03-29 10:00"), utc("2026-03-29 08:00"));
	T_EQ_INT(at(berlin, "2026-03-28 10:00"), utc("2026-03-28 09:00"));

	/* Autumn: 02:00 and 02:30 on summer time, then 03:00 on winter time. */
	w.date = date("2026-10-25");
	n = 0;
	T_EQ_INT(schedule_find(&s, at(berlin, "2026-10-20 10:00"), &w, NULL, 0, slots, 12, &n), TF_OK);
	T_EQ_INT(n, 12);
	if (n >= 7) {
		T_EQ_INT(slots[4].start_utc, utc("2026-10-25 00:00"));   /* 02:00 CEST */
		T_EQ_INT(slots[5].start_utc, utc("2026-10-25 00:30"));   /* 02:30 CEST */
		T_EQ_INT(slots[6].start_utc, utc("2026-10-25 02:00"));   /* 03:00 CET */
	}
	int64_t now = at(berlin, "2026-10-20 10:00");
	/* 02:30 on winter time is the second pass: not a slot, the first one is. */
	T_EQ_INT(schedule_check(&s, now, utc("2026-10-25 01:30"), 0), SCHEDULE_NOT_A_SLOT);
	T_EQ_INT(schedule_check(&s, now, utc("2026-10-25 00:30"), 0), SCHEDULE_OK);
	T_EQ_INT(at(berlin, "2026-10-25 10:00"), utc("2026-10-25 09:00"));
	T_EQ_INT(at(berlin, "2026-10-24 10:00"), utc("2026-10-24 08:00"));

	/* The Berlin example studio is closed on both Sundays anyway. */
	struct schedule_studio b = berlin_studio(berlin);
	T_EQ_INT(schedule_check(&b, now, at(berlin, "2026-10-25 10:00"), 0), SCHEDULE_CLOSED);
}

/* ---- single verdicts ---- */

static void test_check(void)
{
	struct schedule_studio s = berlin_studio(berlin);
	int64_t now = at(berlin, "2026-11-24 10:00");
	static const struct {
		const char *start;
		int booked;
		enum schedule_verdict want;
	} rows[] = {
		{ "2026-11-25 14:00", 0, SCHEDULE_OK },
		{ "2026-11-25 14:00", 1, SCHEDULE_FULL },
		{ "2026-11-24 09:00", 0, SCHEDULE_PAST },
		{ "2026-11-24 11:00", 0, SCHEDULE_TOO_SOON },
		{ "2026-11-24 12:00", 0, SCHEDULE_OK },
		{ "2026-11-25 13:00", 0, SCHEDULE_CLOSED },      /* lunch */
		{ "2026-11-25 20:00", 0, SCHEDULE_CLOSED },
		{ "2026-11-25 14:30", 0, SCHEDULE_NOT_A_SLOT },
		{ "2026-11-29 14:00", 0, SCHEDULE_CLOSED },      /* Sunday */
		{ "2026-12-25 10:00", 0, SCHEDULE_CLOSED },      /* holiday */
		{ "2027-01-22 10:00", 0, SCHEDULE_OK },
		{ "2027-01-25 10:00", 0, SCHEDULE_OUT_OF_HORIZON },
		{ "2027-03-08 10:00", 0, SCHEDULE_CLOSED },      /* Frauentag, Berlin only */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum schedule_verdict v = schedule_check(&s, now, at(berlin, rows[i].start), rows[i].booked);
		T_EQ_INT(v, rows[i].want);
		if (v != rows[i].want)
			fprintf(stderr, "  %s: %s\n", rows[i].start, schedule_verdict_name(v));
	}
	T_EQ_INT(schedule_check(&s, now, at(berlin, "2026-11-25 14:00") + 1, 0), SCHEDULE_NOT_A_SLOT);

	/* 90-minute slots in 9-13: 9:00 and 10:30; 12:00 would end after closing. */
	s.slot_minutes = 90;
	T_EQ_INT(schedule_check(&s, now, at(berlin, "2026-11-25 10:30"), 0), SCHEDULE_OK);
	T_EQ_INT(schedule_check(&s, now, at(berlin, "2026-11-25 12:00"), 0), SCHEDULE_NOT_A_SLOT);
	T_EQ_INT(schedule_check(&s, now, at(berlin, "2026-11-25 14:00"), 0), SCHEDULE_OK);
	T_EQ_INT(schedule_check(&s, now, at(berlin, "2026-11-25 18:30"), 0), SCHEDULE_OK);
	T_EQ_INT(schedule_check(&s, now, at(berlin, "2026-11-25 19:00"), 0), SCHEDULE_NOT_A_SLOT);
	s.slot_minutes = 3;
	T_EQ_INT(schedule_check(&s, now, at(berlin, "2026-11-25 14:00"), 0), SCHEDULE_CLOSED);
	T_EQ_STR(schedule_verdict_name(SCHEDULE_TOO_SOON), "too soon");
}

static void test_bad_input(void)
{
	struct schedule_studio s = berlin_studio(berlin);
	struct schedule_slot slots[3];
	struct schedule_wish w = { .has_time = true, .minute = 1440 };
	int64_t now = at(berlin, "2026-11-24 10:00");
	size_t n = 7;

	T_EQ_INT(schedule_validate(&s), TF_OK);
	T_EQ_INT(schedule_find(&s, now, &w, NULL, 0, slots, 3, &n), TF_EINVAL);
	T_EQ_INT(n, 0);
	w = (struct schedule_wish){ .from = 600, .to = 500 };
	T_EQ_INT(schedule_find(&s, now, &w, NULL, 0, slots, 3, &n), TF_EINVAL);
	w = (struct schedule_wish){ .has_date = true, .date = { 2026, 2, 30 } };
	T_EQ_INT(schedule_find(&s, now, &w, NULL, 0, slots, 3, &n), TF_EINVAL);
	T_EQ_INT(schedule_find(&s, now, NULL, NULL, 0, NULL, 3, &n), TF_EINVAL);
	T_EQ_INT(schedule_find(&s, now, NULL, NULL, 0, slots, 0, &n), TF_OK);
	T_EQ_INT(n, 0);
	T_EQ_INT(schedule_find(&s, now, NULL, NULL, 0, slots, 3, NULL), TF_EINVAL);
	T_EQ_INT(schedule_find(&s, INT64_MAX, NULL, NULL, 0, slots, 3, &n), TF_EINVAL);
	T_EQ_INT(schedule_check(&s, now, INT64_MAX, 0), SCHEDULE_CLOSED);
	T_EQ_INT(schedule_check(&s, INT64_MIN, now, 0), SCHEDULE_CLOSED);
	T_OK(!schedule_open_at(&s, INT64_MIN));

	struct schedule_studio bad = s;
	bad.slot_minutes = 0;
	T_EQ_INT(schedule_validate(&bad), TF_EINVAL);
	T_EQ_INT(schedule_find(&bad, now, NULL, NULL, 0, slots, 3, &n), TF_EINVAL);
	bad = s;
	bad.hours[0][1].opens = 12 * 60;      /* overlaps 9-13 */
	T_EQ_INT(schedule_validate(&bad), TF_EINVAL);
	bad = s;
	bad.hours[5][0].closes = 1441;
	T_EQ_INT(schedule_validate(&bad), TF_EINVAL);
	bad = s;
	bad.nranges[2] = SCHEDULE_MAX_RANGES + 1;
	T_EQ_INT(schedule_validate(&bad), TF_EINVAL);
	bad = s;
	bad.tz = NULL;
	T_EQ_INT(schedule_validate(&bad), TF_EINVAL);
	bad = s;
	struct civil_date unsorted[2] = { { 2026, 12, 26 }, { 2026, 12, 25 } };
	bad.closed = unsorted;
	bad.nclosed = 2;
	T_EQ_INT(schedule_validate(&bad), TF_EINVAL);

	/* Nothing free at all within the horizon: OK and nothing. */
	struct schedule_studio shut = s;
	memset(shut.nranges, 0, sizeof(shut.nranges));
	n = 9;
	T_EQ_INT(schedule_find(&shut, now, NULL, NULL, 0, slots, 3, &n), TF_OK);
	T_EQ_INT(n, 0);
	int64_t when;
	T_EQ_INT(schedule_next_opening(&shut, now, &when), TF_ENOTFOUND);

	/* Unordered ranges and bookings of zero are tolerated. */
	struct schedule_studio swapped = s;
	struct schedule_range r = swapped.hours[2][0];
	swapped.hours[2][0] = swapped.hours[2][1];
	swapped.hours[2][1] = r;
	w = (struct schedule_wish){ .has_date = true, .date = { 2026, 11, 25 } };
	struct schedule_busy zero = { at(berlin, "2026-11-25 09:00"), 0 };
	T_EQ_INT(schedule_find(&swapped, now, &w, &zero, 1, slots, 2, &n), TF_OK);
	char got[128];
	join(slots, n, got, sizeof(got));
	T_EQ_STR(got, "2026-11-25 09:00,2026-11-25 10:00");
}

static void test_hours_queries(void)
{
	struct schedule_studio s = berlin_studio(berlin);
	static const struct {
		const char *when;
		bool open;
		const char *next;
	} rows[] = {
		{ "2026-11-24 10:00", true, "2026-11-24 10:00" },
		{ "2026-11-24 08:59", false, "2026-11-24 09:00" },
		{ "2026-11-24 13:30", false, "2026-11-24 14:00" },
		{ "2026-11-24 20:00", false, "2026-11-25 09:00" },
		{ "2026-11-28 14:00", false, "2026-11-30 09:00" },   /* Saturday afternoon */
		{ "2026-11-29 12:00", false, "2026-11-30 09:00" },   /* Sunday */
		{ "2026-12-24 20:30", false, "2026-12-28 09:00" },   /* Christmas, Boxing Day, Sunday */
		{ "2026-12-31 21:00", false, "2027-01-02 10:00" },   /* New Year, then Saturday */
		{ "2026-03-27 20:00", false, "2026-03-28 10:00" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t t = at(berlin, rows[i].when), next = 0;
		T_EQ_INT(schedule_open_at(&s, t), rows[i].open);
		T_EQ_INT(schedule_next_opening(&s, t, &next), TF_OK);
		T_EQ_INT(next, at(berlin, rows[i].next));
		if (next != at(berlin, rows[i].next))
			fprintf(stderr, "  next opening after %s\n", rows[i].when);
	}
	/* Opening at 02:00 on the spring-forward Sunday: open when the clocks land on 03:00. */
	struct schedule_studio night = s;
	memset(night.nranges, 0, sizeof(night.nranges));
	set_hours(&night, 6, 2 * 60, 5 * 60);
	int64_t next = 0;
	T_EQ_INT(schedule_next_opening(&night, at(berlin, "2026-03-28 12:00"), &next), TF_OK);
	T_EQ_INT(next, utc("2026-03-29 01:00"));
	T_OK(schedule_open_at(&night, utc("2026-03-29 01:00")));
	T_OK(!schedule_open_at(&night, utc("2026-03-29 00:59")));
	/* New York studio, seen from a Berlin clock. */
	struct schedule_studio ny = studio_for('n');
	T_OK(!schedule_open_at(&ny, at(berlin, "2026-11-24 10:00")));
	T_EQ_INT(schedule_next_opening(&ny, at(berlin, "2026-11-24 10:00"), &next), TF_OK);
	T_EQ_INT(next, utc("2026-11-24 14:00"));
}

/* ---- how long a search takes with a crowded calendar (printed, not asserted) ---- */

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench(void)
{
	struct schedule_studio s = berlin_studio(berlin);
	/* Five-minute slots all day, every day: 288 a day, 10,000 fully booked
	 * from now on, so the search walks five weeks before it finds one. */
	memset(s.nranges, 0, sizeof(s.nranges));
	for (int wd = 0; wd < 7; wd++)
		set_hours(&s, wd, 0, 1440);
	s.slot_minutes = 5;
	s.lead_minutes = 0;
	s.nclosed = 0;
	int64_t now = at(berlin, "2026-11-24 10:00");
	size_t nbusy = 10000;
	struct schedule_busy *busy = calloc(nbusy, sizeof(*busy));
	T_OK(busy != NULL);
	if (busy == NULL)
		return;
	for (size_t i = 0; i < nbusy; i++) {
		busy[i].start_utc = now + (int64_t)i * 300;
		busy[i].booked = 1;
	}
	struct schedule_slot slots[3];
	size_t n = 0;
	int runs = 50;
	double t0 = seconds();
	for (int i = 0; i < runs; i++)
		schedule_find(&s, now, NULL, busy, nbusy, slots, 3, &n);
	double per = (seconds() - t0) / runs;
	T_EQ_INT(n, 3);
	if (n > 0)
		T_EQ_INT(slots[0].start_utc, now + (int64_t)nbusy * 300);

	/* The everyday case: the Berlin studio, 10,000 bookings spread over its slots. */
	struct schedule_studio b = berlin_studio(berlin);
	b.capacity = 100;
	size_t k = 0;
	for (int64_t day = civil_to_days(date("2026-11-24")); k < nbusy; day++) {
		struct civil_date d = civil_from_days(day);
		int wd = civil_weekday(d);
		for (int r = 0; r < b.nranges[wd] && k < nbusy; r++)
			for (int m = b.hours[wd][r].opens; m + 60 <= b.hours[wd][r].closes && k < nbusy; m += 60) {
				struct civil_time t = { d, m / 60, m % 60, 0 };
				if (tz_from_local(berlin, t, &busy[k].start_utc) == TF_OK)
					busy[k++].booked = 20;
			}
	}
	double t1 = seconds();
	for (int i = 0; i < runs; i++)
		schedule_find(&b, now, NULL, busy, nbusy, slots, 3, &n);
	double per2 = (seconds() - t1) / runs;
	printf("bench: schedule_find with %zu busy entries: %.1f us (35 full days to skip), %.1f us (no wish)\n",
	       nbusy, per * 1e6, per2 * 1e6);
	free(busy);
}

int main(void)
{
	T_EQ_INT(tz_load("Europe/Berlin", &berlin), TF_OK);
	T_EQ_INT(tz_load("America/New_York", &new_york), TF_OK);
	if (berlin == NULL || new_york == NULL)
		return t_done();
	nberlin_closed = load_holidays("DE-BE", berlin_closed, 200);
	nbayern_closed = load_holidays("DE-BY", bayern_closed, 200);
	T_EQ_INT(nberlin_closed, 100);      /* 9 national + 1 Berlin, ten years */
	T_EQ_INT(nbayern_closed, 130);      /* 9 national + 4 Bayern */
	test_find_table();
	test_dst_instants();
	test_check();
	test_bad_input();
	test_hours_queries();
	bench();
	return t_done();
}
