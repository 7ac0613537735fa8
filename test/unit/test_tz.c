/* test_tz.c: unit tests of lib/core/tz (TZif reading, footer rules, DST gaps and overlaps, zone names). */
#include "civil.h"
#include "err.h"
#include "t.h"
#include "tz.h"

#include <stdint.h>
#include <stdlib.h>

static int64_t utc_of(int y, int mo, int d, int h, int mi, int s)
{
	struct civil_time t = { { y, mo, d }, h, mi, s };
	return civil_to_seconds(t);
}

static struct civil_time wall(int y, int mo, int d, int h, int mi)
{
	struct civil_time t = { { y, mo, d }, h, mi, 0 };
	return t;
}

/* An instant, the offset in force then and the wall clock it shows. */
struct offset_row {
	int64_t utc;
	int offset;
	int y, mo, d, h, mi, s;
};

static void check_rows(const struct tz *z, const struct offset_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct offset_row *r = &rows[i];
		int off = -1;
		struct civil_time t = tz_to_local(z, r->utc, &off);
		T_EQ_INT(off, r->offset);
		T_EQ_INT(t.date.year, r->y);
		T_EQ_INT(t.date.month, r->mo);
		T_EQ_INT(t.date.day, r->d);
		T_EQ_INT(t.hour, r->h);
		T_EQ_INT(t.minute, r->mi);
		T_EQ_INT(t.second, r->s);
		if (t.hour != r->h || off != r->offset)
			fprintf(stderr, "  row %zu of %s\n", i, tz_name(z));
	}
}

/* Instants checked against Python's zoneinfo on the same tzdata. */
static const struct offset_row berlin_rows[] = {
	{ 1768478400, 3600, 2026, 1, 15, 13, 0, 0 },      /* 2026-01-15 12:00Z, winter */
	{ 1784116800, 7200, 2026, 7, 15, 14, 0, 0 },      /* 2026-07-15 12:00Z, summer */
	{ 1774745999, 3600, 2026, 3, 29, 1, 59, 59 },     /* last second of CET */
	{ 1774746000, 7200, 2026, 3, 29, 3, 0, 0 },       /* 01:00Z: clocks jump 02:00 -> 03:00 */
	{ 1792889999, 7200, 2026, 10, 25, 2, 59, 59 },    /* last second of CEST */
	{ 1792890000, 3600, 2026, 10, 25, 2, 0, 0 },      /* 01:00Z: clocks fall back 03:00 -> 02:00 */
	{ 2216249999, 3600, 2040, 3, 25, 1, 59, 59 },     /* 2040: past the table, the footer rule */
	{ 2216250000, 7200, 2040, 3, 25, 3, 0, 0 },
	{ 2234998799, 7200, 2040, 10, 28, 2, 59, 59 },
	{ 2234998800, 3600, 2040, 10, 28, 2, 0, 0 },
	{ 2248304400, 7200, 2041, 3, 31, 3, 0, 0 },       /* a "last Sunday" on the 31st */
	{ 2550704400, 3600, 2050, 10, 30, 2, 0, 0 },
	{ 0, 3600, 1970, 1, 1, 1, 0, 0 },
};

static const struct offset_row new_york_rows[] = {
	{ 1772953199, -18000, 2026, 3, 8, 1, 59, 59 },
	{ 1772953200, -14400, 2026, 3, 8, 3, 0, 0 },
	{ 1793512799, -14400, 2026, 11, 1, 1, 59, 59 },
	{ 1793512800, -18000, 2026, 11, 1, 1, 0, 0 },
	{ 2215062000, -14400, 2040, 3, 11, 3, 0, 0 },
	{ 2235621600, -18000, 2040, 11, 4, 1, 0, 0 },
};

static void test_berlin(void)
{
	const struct tz *z = NULL, *again = NULL;
	T_EQ_INT(tz_load("Europe/Berlin", &z), TF_OK);
	if (z == NULL)
		return;
	T_EQ_INT(tz_load("Europe/Berlin", &again), TF_OK);
	T_OK(z == again);
	T_EQ_STR(tz_name(z), "Europe/Berlin");
	T_EQ_INT(utc_of(2026, 3, 29, 1, 0, 0), 1774746000);
	check_rows(z, berlin_rows, sizeof(berlin_rows) / sizeof(berlin_rows[0]));
	T_EQ_INT(tz_offset(z, utc_of(2026, 11, 24, 9, 0, 0)), 3600);

	int64_t u = -1;
	/* Spring forward: 02:00-02:59 does not exist. */
	T_EQ_INT(tz_from_local(z, wall(2026, 3, 29, 2, 30), &u), TF_EINVAL);
	T_EQ_INT(u, -1);
	T_EQ_INT(tz_from_local(z, wall(2026, 3, 29, 2, 0), &u), TF_EINVAL);
	T_EQ_INT(tz_from_local(z, wall(2026, 3, 29, 1, 59), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 3, 29, 0, 59, 0));
	T_EQ_INT(tz_from_local(z, wall(2026, 3, 29, 3, 0), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 3, 29, 1, 0, 0));
	T_EQ_INT(tz_from_local(z, wall(2026, 3, 29, 10, 0), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 3, 29, 8, 0, 0));
	/* Fall back: 02:00-02:59 happens twice; the earlier (CEST) one wins. */
	T_EQ_INT(tz_from_local(z, wall(2026, 10, 25, 2, 30), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 10, 25, 0, 30, 0));
	T_EQ_INT(tz_from_local(z, wall(2026, 10, 25, 2, 0), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 10, 25, 0, 0, 0));
	T_EQ_INT(tz_from_local(z, wall(2026, 10, 25, 3, 0), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 10, 25, 2, 0, 0));
	T_EQ_INT(tz_from_local(z, wall(2026, 10, 25, 1, 59), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 10, 24, 23, 59, 0));
	T_EQ_INT(tz_from_local(z, wall(2026, 10, 25, 10, 0), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 10, 25, 9, 0, 0));
	/* 2040 through the footer. */
	T_EQ_INT(tz_from_local(z, wall(2040, 3, 25, 2, 30), &u), TF_EINVAL);
	T_EQ_INT(tz_from_local(z, wall(2040, 10, 28, 2, 30), &u), TF_OK);
	T_EQ_INT(u, utc_of(2040, 10, 28, 0, 30, 0));
	T_EQ_INT(tz_from_local(z, wall(2040, 7, 1, 12, 0), &u), TF_OK);
	T_EQ_INT(u, utc_of(2040, 7, 1, 10, 0, 0));
	/* Fields out of range. */
	T_EQ_INT(tz_from_local(z, wall(2026, 2, 29, 12, 0), &u), TF_EINVAL);
	T_EQ_INT(tz_from_local(z, wall(2026, 1, 1, 24, 0), &u), TF_EINVAL);
	T_EQ_INT(tz_from_local(z, wall(2026, 1, 1, 12, 60), &u), TF_EINVAL);

	/* Round trip every quarter hour from 2020 to 2045: to local and back
	 * gives the instant again, except the second pass through an overlap. */
	int bad = 0;
	for (int64_t t = utc_of(2020, 1, 1, 0, 0, 0); t < utc_of(2045, 1, 1, 0, 0, 0); t += 900) {
		int off;
		struct civil_time lt = tz_to_local(z, t, &off);
		int64_t back;
		if (tz_from_local(z, lt, &back) != TF_OK) {
			bad++;
			continue;
		}
		bool second_pass = tz_offset(z, t - 3600) != off && back == t - 3600;
		if (back != t && !second_pass)
			bad++;
	}
	T_EQ_INT(bad, 0);
}

static void test_new_york(void)
{
	const struct tz *z = NULL;
	T_EQ_INT(tz_load("America/New_York", &z), TF_OK);
	if (z == NULL)
		return;
	check_rows(z, new_york_rows, sizeof(new_york_rows) / sizeof(new_york_rows[0]));
	int64_t u;
	T_EQ_INT(tz_from_local(z, wall(2026, 3, 8, 2, 30), &u), TF_EINVAL);
	T_EQ_INT(tz_from_local(z, wall(2026, 11, 1, 1, 30), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 11, 1, 5, 30, 0));    /* EDT, the earlier one */
	T_EQ_INT(tz_from_local(z, wall(2026, 11, 24, 9, 0), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 11, 24, 14, 0, 0));
}

static void test_utc(void)
{
	const struct tz *z = NULL;
	T_EQ_INT(tz_load("UTC", &z), TF_OK);
	if (z == NULL)
		return;
	int off = -1;
	struct civil_time t = tz_to_local(z, utc_of(2026, 7, 1, 12, 34, 56), &off);
	T_EQ_INT(off, 0);
	T_EQ_INT(t.hour, 12);
	T_EQ_INT(t.minute, 34);
	int64_t u;
	T_EQ_INT(tz_from_local(z, wall(2026, 3, 29, 2, 30), &u), TF_OK);
	T_EQ_INT(u, utc_of(2026, 3, 29, 2, 30, 0));
}

static void test_names(void)
{
	static const struct {
		const char *name;
		int err;
	} rows[] = {
		{ "", TF_EINVAL },
		{ "/etc/passwd", TF_EINVAL },
		{ "../../etc/passwd", TF_EINVAL },
		{ "Europe/../../../etc/passwd", TF_EINVAL },
		{ "Europe/./Berlin", TF_EINVAL },
		{ "Europe//Berlin", TF_EINVAL },
		{ "Europe/Berlin/", TF_EINVAL },
		{ "Europe/Ber lin", TF_EINVAL },
		{ "Europe/Berlin\n", TF_EINVAL },
		{ "Europe\\Berlin", TF_EINVAL },
		{ "Nowhere/Atlantis", TF_ENOTFOUND },
		{ "Europe", TF_ENOTFOUND },                 /* a directory */
		{ "Etc/GMT+5", TF_OK },
		{ "America/Argentina/Buenos_Aires", TF_OK },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct tz *z = NULL;
		int err = tz_load(rows[i].name, &z);
		T_EQ_INT(err, rows[i].err);
		if (err != rows[i].err)
			fprintf(stderr, "  name \"%s\"\n", rows[i].name);
	}
	char longname[300];
	memset(longname, 'A', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	const struct tz *z = NULL;
	T_EQ_INT(tz_load(longname, &z), TF_EINVAL);
	T_EQ_INT(tz_load(NULL, &z), TF_EINVAL);
	/* Etc/GMT+5 is five hours west (POSIX signs). */
	T_EQ_INT(tz_load("Etc/GMT+5", &z), TF_OK);
	if (z)
		T_EQ_INT(tz_offset(z, 0), -5 * 3600);
}

static void test_tzdir(void)
{
	const char *old = getenv("TZDIR");
	char saved[1024] = "";
	if (old)
		snprintf(saved, sizeof(saved), "%s", old);
	setenv("TZDIR", "/nonexistent-zoneinfo", 1);
	const struct tz *z = NULL;
	T_EQ_INT(tz_load("Asia/Tokyo", &z), TF_ENOTFOUND);
	T_EQ_INT(tz_load("Europe/Berlin", &z), TF_OK);    /* cached before */
	if (old)
		setenv("TZDIR", saved, 1);
	else
		unsetenv("TZDIR");
	T_EQ_INT(tz_load("Asia/Tokyo", &z), TF_OK);
	if (z)
		T_EQ_INT(tz_offset(z, utc_of(2026, 7, 1, 0, 0, 0)), 9 * 3600);
}

/* ---- hand-built images: a slim file whose future is all footer ---- */

struct image {
	unsigned char b[512];
	size_t n;
};

static void put8(struct image *im, unsigned v)
{
	im->b[im->n++] = (unsigned char)v;
}

static void put32(struct image *im, uint32_t v)
{
	put8(im, v >> 24);
	put8(im, (v >> 16) & 0xff);
	put8(im, (v >> 8) & 0xff);
	put8(im, v & 0xff);
}

static void put64(struct image *im, int64_t v)
{
	put32(im, (uint32_t)((uint64_t)v >> 32));
	put32(im, (uint32_t)v);
}

static void header(struct image *im, char version, uint32_t timecnt, uint32_t typecnt, uint32_t charcnt)
{
	memcpy(im->b + im->n, "TZif", 4);
	im->n += 4;
	put8(im, (unsigned char)version);
	for (int i = 0; i < 15; i++)
		put8(im, 0);
	put32(im, 0);           /* isutcnt */
	put32(im, 0);           /* isstdcnt */
	put32(im, 0);           /* leapcnt */
	put32(im, timecnt);
	put32(im, typecnt);
	put32(im, charcnt);
}

/* A v2 image: LMT until 1901, then one fixed type, then the footer. */
static void slim(struct image *im, int32_t utoff, const char *footer)
{
	im->n = 0;
	header(im, '2', 0, 1, 1);              /* the minimal v1 block zic -b slim writes */
	put32(im, 0);
	put8(im, 0);
	put8(im, 0);
	put8(im, 0);
	header(im, '2', 1, 2, 8);
	put64(im, -2177452800);                /* 1901-01-01 */
	put8(im, 1);
	put32(im, 3208);                       /* LMT */
	put8(im, 0);
	put8(im, 0);
	put32(im, (uint32_t)utoff);
	put8(im, 0);
	put8(im, 4);
	memcpy(im->b + im->n, "LMT\0STD\0", 8);
	im->n += 8;
	put8(im, '\n');
	size_t fl = strlen(footer);
	memcpy(im->b + im->n, footer, fl);
	im->n += fl;
	put8(im, '\n');
}

static void test_slim(void)
{
	struct image im;
	struct tz *z = NULL;
	const struct tz *berlin = NULL;

	slim(&im, 3600, "CET-1CEST,M3.5.0,M10.5.0/3");
	T_EQ_INT(tz_parse("Slim/Berlin", im.b, im.n, &z), TF_OK);
	T_EQ_INT(tz_load("Europe/Berlin", &berlin), TF_OK);
	if (z && berlin) {
		T_EQ_STR(tz_name(z), "Slim/Berlin");
		T_EQ_INT(tz_offset(z, utc_of(1900, 6, 1, 0, 0, 0)), 3208);
		T_EQ_INT(tz_offset(z, utc_of(1800, 6, 1, 0, 0, 0)), 3208);     /* clamped to 1900 */
		check_rows(z, berlin_rows, 12);     /* all but 1970, which the footer cannot know */
		/* The footer alone agrees with the full table, hour by hour, 1997-2045. */
		int differ = 0;
		for (int64_t t = utc_of(1997, 1, 1, 0, 0, 0); t < utc_of(2045, 1, 1, 0, 0, 0); t += 1800)
			differ += tz_offset(z, t) != tz_offset(berlin, t);
		T_EQ_INT(differ, 0);
	}
	tz_free(z);

	/* Southern hemisphere: summer time spans the new year. */
	const struct tz *sydney = NULL;
	slim(&im, 36000, "AEST-10AEDT,M10.1.0,M4.1.0/3");
	z = NULL;
	T_EQ_INT(tz_parse("Slim/Sydney", im.b, im.n, &z), TF_OK);
	if (z && tz_load("Australia/Sydney", &sydney) == TF_OK) {
		T_EQ_INT(tz_offset(z, utc_of(2030, 1, 15, 0, 0, 0)), 39600);
		T_EQ_INT(tz_offset(z, utc_of(2030, 7, 15, 0, 0, 0)), 36000);
		int differ = 0;
		for (int64_t t = utc_of(2010, 1, 1, 0, 0, 0); t < utc_of(2045, 1, 1, 0, 0, 0); t += 1800)
			differ += tz_offset(z, t) != tz_offset(sydney, t);
		T_EQ_INT(differ, 0);
	}
	tz_free(z);

	/* Quoted names, Julian days and a zone without summer time. */
	static const struct {
		const char *footer;
		int err;
		int64_t at;
		int offset;
	} rows[] = {
		{ "<+0330>-3:30", TF_OK, 1800000000, 12600 },
		{ "<-03>3", TF_OK, 1800000000, -10800 },
		{ "XXX3YYY,J60/2,J300/2", TF_OK, 1800000000, -10800 }, /* 2027-01-15: outside -> std */
		{ "XXX3YYY,59/2,299/2", TF_OK, 1814000000, -7200 },    /* 2027-06-26: inside -> dst */
		{ "EST5EDT,0/0,J365/25", TF_OK, 1800000000, -14400 },  /* summer time all year */
		{ "", TF_OK, 1800000000, 3600 },                       /* no rule: last type stays */
		{ "CET-1CEST", TF_EINVAL, 0, 0 },                      /* no rule spelled out */
		{ "CET-1CEST,M3.5.0", TF_EINVAL, 0, 0 },
		{ "CET-1CEST,M13.5.0,M10.5.0/3", TF_EINVAL, 0, 0 },
		{ "CET-1CEST,M3.6.0,M10.5.0/3", TF_EINVAL, 0, 0 },
		{ "CET-1CEST,M3.5.7,M10.5.0/3", TF_EINVAL, 0, 0 },
		{ "CET-1CEST,M3.5.0,M10.5.0/3x", TF_EINVAL, 0, 0 },
		{ "C-1", TF_EINVAL, 0, 0 },
		{ "CET-25", TF_EINVAL, 0, 0 },
		{ "<CET-1", TF_EINVAL, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		slim(&im, 3600, rows[i].footer);
		z = NULL;
		int err = tz_parse("Slim/Row", im.b, im.n, &z);
		T_EQ_INT(err, rows[i].err);
		if (err == TF_OK && z)
			T_EQ_INT(tz_offset(z, rows[i].at), rows[i].offset);
		if (err != rows[i].err)
			fprintf(stderr, "  footer \"%s\"\n", rows[i].footer);
		tz_free(z);
	}

	/* Damaged images: every truncation fails cleanly, as do bad magic and counts. */
	slim(&im, 3600, "CET-1CEST,M3.5.0,M10.5.0/3");
	int accepted = 0;
	for (size_t n = 0; n < im.n; n++) {
		z = NULL;
		if (tz_parse("Cut", im.b, n, &z) == TF_OK)
			accepted++;
		tz_free(z);
	}
	T_EQ_INT(accepted, 0);
	im.b[0] = 'X';
	z = NULL;
	T_EQ_INT(tz_parse("Bad", im.b, im.n, &z), TF_EINVAL);
	T_OK(z == NULL);
	slim(&im, 3600, "CET-1CEST,M3.5.0,M10.5.0/3");
	im.b[44 + 7 + 44 + 8] = 7;             /* the transition's type index */
	T_EQ_INT(tz_parse("Bad", im.b, im.n, &z), TF_EINVAL);
	slim(&im, 3600, "CET-1CEST,M3.5.0,M10.5.0/3");
	im.b[44 + 7 + 32] = 0xff;              /* timecnt of the v2 header, huge */
	T_EQ_INT(tz_parse("Bad", im.b, im.n, &z), TF_ELIMIT);
	T_EQ_INT(tz_parse("Bad", NULL, 0, &z), TF_EINVAL);
}

int main(void)
{
	test_utc();             /* first, so that the TZDIR test finds it cached */
	test_berlin();
	test_new_york();
	test_names();
	test_tzdir();
	test_slim();
	return t_done();
}
