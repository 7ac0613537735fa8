/* test_sayde.c: unit tests of lib/lang/sayde (German dates, times and opening hours; buffers too small). */
#include "civil.h"
#include "err.h"
#include "sayde.h"
#include "schedule.h"
#include "t.h"

#include <stdbool.h>

static struct civil_date d(int y, int m, int day)
{
	struct civil_date r = { y, m, day };
	return r;
}

static struct civil_time dt(int y, int m, int day, int h, int mi)
{
	struct civil_time r = { { y, m, day }, h, mi, 0 };
	return r;
}

static const struct {
	struct civil_time when;
	struct civil_date today;
	const char *want;
} datetime_rows[] = {
	{ { { 2026, 11, 24 }, 14, 0, 0 }, { 2026, 11, 24 }, "heute um 14 Uhr" },
	{ { { 2026, 11, 25 }, 14, 30, 0 }, { 2026, 11, 24 }, "morgen um 14:30 Uhr" },
	{ { { 2026, 11, 26 }, 9, 0, 0 }, { 2026, 11, 24 }, "\xc3\xbc" "bermorgen um 9 Uhr" },
	{ { { 2026, 11, 27 }, 9, 5, 0 }, { 2026, 11, 24 }, "am Freitag, den 27. November, um 9:05 Uhr" },
	{ { { 2026, 11, 30 }, 14, 45, 0 }, { 2026, 11, 24 }, "am Montag, den 30. November, um 14:45 Uhr" },
	{ { { 2026, 11, 30 }, 14, 15, 0 }, { 2026, 11, 24 }, "am Montag, den 30. November, um 14:15 Uhr" },
	{ { { 2026, 12, 1 }, 0, 0, 0 }, { 2026, 11, 24 }, "am Dienstag, den 1. Dezember, um 0 Uhr" },
	{ { { 2026, 12, 1 }, 23, 59, 0 }, { 2026, 11, 24 }, "am Dienstag, den 1. Dezember, um 23:59 Uhr" },
	{ { { 2026, 12, 1 }, 12, 0, 0 }, { 2026, 11, 24 }, "am Dienstag, den 1. Dezember, um 12 Uhr" },
	/* Year end: no year for the coming weeks. */
	{ { { 2027, 1, 2 }, 10, 0, 0 }, { 2026, 12, 30 }, "am Samstag, den 2. Januar, um 10 Uhr" },
	{ { { 2027, 1, 1 }, 10, 0, 0 }, { 2026, 12, 31 }, "morgen um 10 Uhr" },
	{ { { 2027, 1, 15 }, 14, 0, 0 }, { 2026, 11, 24 }, "am Freitag, den 15. Januar, um 14 Uhr" },
	{ { { 2028, 1, 7 }, 14, 0, 0 }, { 2026, 11, 24 }, "am Freitag, den 7. Januar 2028, um 14 Uhr" },
	{ { { 2026, 12, 20 }, 10, 0, 0 }, { 2027, 1, 5 }, "am Sonntag, den 20. Dezember 2026, um 10 Uhr" },
	/* The DST Sundays: wall times as the studio's clock shows them. */
	{ { { 2026, 3, 29 }, 3, 0, 0 }, { 2026, 3, 20 }, "am Sonntag, den 29. M\xc3\xa4rz, um 3 Uhr" },
	{ { { 2026, 3, 29 }, 10, 30, 0 }, { 2026, 3, 28 }, "morgen um 10:30 Uhr" },
	{ { { 2026, 10, 25 }, 2, 30, 0 }, { 2026, 10, 20 }, "am Sonntag, den 25. Oktober, um 2:30 Uhr" },
	{ { { 2026, 10, 25 }, 14, 0, 0 }, { 2026, 10, 23 }, "\xc3\xbc" "bermorgen um 14 Uhr" },
};

static const struct {
	struct civil_date day, today;
	const char *want;
} date_rows[] = {
	{ { 2026, 11, 24 }, { 2026, 11, 24 }, "heute" },
	{ { 2026, 11, 25 }, { 2026, 11, 24 }, "morgen" },
	{ { 2026, 11, 26 }, { 2026, 11, 24 }, "\xc3\xbc" "bermorgen" },
	{ { 2027, 1, 15 }, { 2026, 12, 20 }, "Freitag, den 15. Januar" },
	{ { 2027, 1, 2 }, { 2026, 12, 30 }, "Samstag, den 2. Januar" },
	{ { 2026, 3, 8 }, { 2026, 3, 1 }, "Sonntag, den 8. M\xc3\xa4rz" },
	{ { 2028, 1, 7 }, { 2026, 11, 24 }, "Freitag, den 7. Januar 2028" },
	{ { 2026, 11, 23 }, { 2026, 11, 24 }, "Montag, den 23. November" },
};

static void test_tables(void)
{
	char out[128];
	for (size_t i = 0; i < sizeof(datetime_rows) / sizeof(datetime_rows[0]); i++) {
		T_EQ_INT(sayde_datetime(out, sizeof(out), datetime_rows[i].when, datetime_rows[i].today), TF_OK);
		T_EQ_STR(out, datetime_rows[i].want);
	}
	for (size_t i = 0; i < sizeof(date_rows) / sizeof(date_rows[0]); i++) {
		T_EQ_INT(sayde_date(out, sizeof(out), date_rows[i].day, date_rows[i].today), TF_OK);
		T_EQ_STR(out, date_rows[i].want);
	}
}

static void test_sms_and_names(void)
{
	char out[64];
	T_EQ_INT(sayde_sms_datetime(out, sizeof(out), dt(2026, 11, 30, 9, 5)), TF_OK);
	T_EQ_STR(out, "Mo., 30.11.2026, 09:05 Uhr");
	T_EQ_INT(sayde_sms_datetime(out, sizeof(out), dt(2027, 1, 15, 14, 0)), TF_OK);
	T_EQ_STR(out, "Fr., 15.01.2027, 14:00 Uhr");
	T_EQ_INT(sayde_sms_datetime(out, sizeof(out), dt(2026, 3, 29, 3, 0)), TF_OK);
	T_EQ_STR(out, "So., 29.03.2026, 03:00 Uhr");

	T_EQ_INT(sayde_time(out, sizeof(out), 9, 5), TF_OK);
	T_EQ_STR(out, "9:05 Uhr");
	T_EQ_INT(sayde_time(out, sizeof(out), 14, 30), TF_OK);
	T_EQ_STR(out, "14:30 Uhr");
	T_EQ_INT(sayde_time(out, sizeof(out), 14, 0), TF_OK);
	T_EQ_STR(out, "14 Uhr");

	T_EQ_STR(sayde_weekday(0), "Montag");
	T_EQ_STR(sayde_weekday(6), "Sonntag");
	T_EQ_STR(sayde_weekday(7), "");
	T_EQ_STR(sayde_weekday(-1), "");
	T_EQ_STR(sayde_month(1), "Januar");
	T_EQ_STR(sayde_month(3), "M\xc3\xa4rz");
	T_EQ_STR(sayde_month(12), "Dezember");
	T_EQ_STR(sayde_month(0), "");
	T_EQ_STR(sayde_month(13), "");
}

static void set_hours(struct schedule_studio *s, int wd, int opens, int closes)
{
	s->hours[wd][s->nranges[wd]].opens = opens;
	s->hours[wd][s->nranges[wd]].closes = closes;
	s->nranges[wd]++;
}

static void test_hours(void)
{
	struct schedule_studio s;
	char out[256];

	memset(&s, 0, sizeof(s));
	for (int wd = 0; wd < 5; wd++) {
		set_hours(&s, wd, 14 * 60, 20 * 60);     /* out of order on purpose */
		set_hours(&s, wd, 9 * 60, 13 * 60);
	}
	set_hours(&s, 5, 10 * 60, 14 * 60);
	T_EQ_INT(sayde_hours(out, sizeof(out), &s), TF_OK);
	T_EQ_STR(out, "Montag bis Freitag von 9 bis 13 Uhr und von 14 bis 20 Uhr, Samstag von 10 bis 14 Uhr, "
		      "sonntags geschlossen");

	memset(&s, 0, sizeof(s));
	for (int wd = 0; wd < 5; wd++)
		set_hours(&s, wd, 8 * 60, 19 * 60);
	set_hours(&s, 5, 9 * 60, 16 * 60);
	T_EQ_INT(sayde_hours(out, sizeof(out), &s), TF_OK);
	T_EQ_STR(out, "Montag bis Freitag von 8 bis 19 Uhr, Samstag von 9 bis 16 Uhr, sonntags geschlossen");

	memset(&s, 0, sizeof(s));
	for (int wd = 0; wd < 7; wd++)
		set_hours(&s, wd, 9 * 60, 20 * 60);
	T_EQ_INT(sayde_hours(out, sizeof(out), &s), TF_OK);
	T_EQ_STR(out, "t\xc3\xa4glich von 9 bis 20 Uhr");

	memset(&s, 0, sizeof(s));
	set_hours(&s, 0, 9 * 60 + 30, 18 * 60);
	set_hours(&s, 1, 9 * 60 + 30, 18 * 60);
	for (int wd = 3; wd < 6; wd++) {
		set_hours(&s, wd, 8 * 60, 10 * 60);
		set_hours(&s, wd, 11 * 60, 13 * 60 + 15);
		set_hours(&s, wd, 14 * 60, 24 * 60);
	}
	T_EQ_INT(sayde_hours(out, sizeof(out), &s), TF_OK);
	T_EQ_STR(out, "Montag und Dienstag von 9:30 bis 18 Uhr, Donnerstag bis Samstag von 8 bis 10 Uhr, "
		      "von 11 bis 13:15 Uhr und von 14 bis 24 Uhr, mittwochs und sonntags geschlossen");

	memset(&s, 0, sizeof(s));
	set_hours(&s, 2, 10 * 60, 12 * 60);
	T_EQ_INT(sayde_hours(out, sizeof(out), &s), TF_OK);
	T_EQ_STR(out, "Mittwoch von 10 bis 12 Uhr, montags, dienstags, donnerstags, freitags, samstags und "
		      "sonntags geschlossen");

	memset(&s, 0, sizeof(s));
	T_EQ_INT(sayde_hours(out, sizeof(out), &s), TF_OK);
	T_EQ_STR(out, "an allen Tagen geschlossen");

	s.nranges[0] = 1;
	s.hours[0][0].opens = 600;
	s.hours[0][0].closes = 500;
	T_EQ_INT(sayde_hours(out, sizeof(out), &s), TF_EINVAL);
	T_EQ_STR(out, "");
	T_EQ_INT(sayde_hours(out, sizeof(out), NULL), TF_EINVAL);
}

/* True when s holds no broken UTF-8 sequence. */
static bool utf8_whole(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int k = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : -1;
		if (k < 0)
			return false;
		p++;
		for (int i = 0; i < k; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return false;
	}
	return true;
}

static void test_small_buffers(void)
{
	char full[128], out[128];
	struct civil_date today = d(2026, 11, 24);
	struct civil_time when = dt(2026, 11, 26, 9, 0);   /* "übermorgen um 9 Uhr": ü is two bytes */
	T_EQ_INT(sayde_datetime(full, sizeof(full), when, today), TF_OK);
	size_t len = strlen(full);
	int bad = 0;
	for (size_t n = 1; n <= len + 1; n++) {
		memset(out, 'x', sizeof(out));
		int err = sayde_datetime(out, n, when, today);
		size_t got = strlen(out);
		bad += err != (n <= len ? TF_ELIMIT : TF_OK);
		bad += got >= n || strncmp(out, full, got) != 0 || !utf8_whole(out);
		bad += out[n] != 'x';                /* nothing past the buffer */
	}
	T_EQ_INT(bad, 0);
	T_EQ_INT(sayde_datetime(out, 2, when, today), TF_ELIMIT);
	T_EQ_STR(out, "");                       /* not half an ü */
	T_EQ_INT(sayde_datetime(out, 3, when, today), TF_ELIMIT);
	T_EQ_STR(out, "\xc3\xbc");
	T_EQ_INT(sayde_datetime(NULL, 0, when, today), TF_ELIMIT);
	T_EQ_INT(sayde_datetime(NULL, 10, when, today), TF_EINVAL);

	struct schedule_studio s;
	memset(&s, 0, sizeof(s));
	for (int wd = 0; wd < 6; wd++)
		set_hours(&s, wd, 9 * 60, 20 * 60);
	T_EQ_INT(sayde_hours(full, sizeof(full), &s), TF_OK);
	len = strlen(full);
	bad = 0;
	for (size_t n = 1; n <= len + 1; n++) {
		int err = sayde_hours(out, n, &s);
		bad += err != (n <= len ? TF_ELIMIT : TF_OK) || strncmp(out, full, strlen(out)) != 0;
	}
	T_EQ_INT(bad, 0);
	char tiny[8];
	T_EQ_INT(sayde_sms_datetime(tiny, sizeof(tiny), dt(2026, 11, 30, 9, 5)), TF_ELIMIT);
	T_EQ_STR(tiny, "Mo., 30");
}

static void test_invalid(void)
{
	char out[64] = "junk";
	struct civil_date today = d(2026, 11, 24);
	T_EQ_INT(sayde_datetime(out, sizeof(out), dt(2026, 11, 24, 24, 0), today), TF_EINVAL);
	T_EQ_STR(out, "");
	T_EQ_INT(sayde_datetime(out, sizeof(out), dt(2026, 11, 24, 12, 60), today), TF_EINVAL);
	T_EQ_INT(sayde_datetime(out, sizeof(out), dt(2026, 2, 30, 12, 0), today), TF_EINVAL);
	T_EQ_INT(sayde_date(out, sizeof(out), d(2026, 13, 1), today), TF_EINVAL);
	T_EQ_INT(sayde_date(out, sizeof(out), today, d(0, 0, 0)), TF_EINVAL);
	T_EQ_INT(sayde_sms_datetime(out, sizeof(out), dt(2026, 11, 24, -1, 0)), TF_EINVAL);
	T_EQ_INT(sayde_time(out, sizeof(out), 24, 0), TF_EINVAL);
	T_EQ_STR(out, "");
}

int main(void)
{
	test_tables();
	test_sms_and_names();
	test_hours();
	test_small_buffers();
	test_invalid();
	return t_done();
}
