/* civil.c: calendar arithmetic (Howard Hinnant's days_from_civil algorithms). */
#include "civil.h"

#include <stdio.h>
#include <string.h>

int64_t civil_to_days(struct civil_date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (d.month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct civil_date civil_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t day = doy - (153 * mp + 2) / 5 + 1;
	int64_t month = mp < 10 ? mp + 3 : mp - 9;
	struct civil_date d = { (int)(y + (month <= 2)), (int)month, (int)day };
	return d;
}

int civil_weekday(struct civil_date d)
{
	int64_t days = civil_to_days(d);
	/* 1970-01-01 was a Thursday (3 in Monday-based counting). */
	int64_t w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

struct civil_date civil_add_days(struct civil_date d, int64_t n)
{
	return civil_from_days(civil_to_days(d) + n);
}

int civil_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

bool civil_valid(struct civil_date d)
{
	return d.year >= 1900 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
	       d.day >= 1 && d.day <= civil_days_in_month(d.year, d.month);
}

int civil_cmp(struct civil_date a, struct civil_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

int64_t civil_to_seconds(struct civil_time t)
{
	return civil_to_days(t.date) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

struct civil_time civil_from_seconds(int64_t s)
{
	int64_t days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
	int64_t rem = s - days * 86400;
	struct civil_time t;
	t.date = civil_from_days(days);
	t.hour = (int)(rem / 3600);
	t.minute = (int)(rem % 3600 / 60);
	t.second = (int)(rem % 60);
	return t;
}

void civil_format_date(struct civil_date d, char out[11])
{
	unsigned y = (unsigned)d.year % 10000, m = (unsigned)d.month % 13, day = (unsigned)d.day % 32;
	snprintf(out, 11, "%04u-%02u-%02u", y, m, day);
}

static int civil_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool civil_parse_date(const char *s, struct civil_date *out)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	struct civil_date d = { civil_digits(s, 4), civil_digits(s + 5, 2), civil_digits(s + 8, 2) };
	if (!civil_valid(d))
		return false;
	*out = d;
	return true;
}

struct civil_date civil_easter(int year)
{
	int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int x = h + l - 7 * m + 114;
	return (struct civil_date){ year, x / 31, x % 31 + 1 };
}
