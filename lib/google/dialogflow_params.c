/* dialogflow_params.c: reading what CX resolved (dates, times, periods, ISO
 * strings) into terminfon's wishes and instants, and the studio helpers both
 * the CX client and the fulfillment webhook need. */
#include "dialogflow_int.h"
#include "studio_route.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const cJSON *df_get(const cJSON *o, const char *camel, const char *snake)
{
	if (!cJSON_IsObject(o))
		return NULL;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, camel);
	if (v == NULL && snake)
		v = cJSON_GetObjectItemCaseSensitive(o, snake);
	return v;
}

/* An integral JSON number (or numeric string) in [lo, hi]. */
static bool df_int(const cJSON *o, const char *name, int lo, int hi, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	double d;
	if (cJSON_IsNumber(v)) {
		d = v->valuedouble;
	} else {
		return false;
	}
	if (!isfinite(d) || d != floor(d) || d < lo || d > hi)
		return false;
	*out = (int)d;
	return true;
}

/* Fixed-width digits at s[0..n). */
static bool df_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* "HH:MM" or "HH:MM:SS" with optional fraction; *rest points after it. */
static bool df_clock(const char *s, int *minute, const char **rest)
{
	int h, m, sec = 0;
	if (!df_digits(s, 2, &h) || s[2] != ':' || !df_digits(s + 3, 2, &m) || h > 23 || m > 59)
		return false;
	s += 5;
	if (*s == ':') {
		if (!df_digits(s + 1, 2, &sec) || sec > 60)
			return false;
		s += 3;
		if (*s == '.') {
			s++;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	*minute = h * 60 + m;
	*rest = s;
	return true;
}

static bool df_date_str(const char *s, struct civil_date *d)
{
	return strlen(s) >= 10 && df_digits(s, 4, &d->year) && s[4] == '-' && df_digits(s + 5, 2, &d->month) &&
	       s[7] == '-' && df_digits(s + 8, 2, &d->day) && d->year >= 1900 && civil_valid(*d);
}

/* "Z", "+01:00", "+0100" or "" (none); offset in seconds. */
static bool df_offset(const char *s, bool *has, int *offset)
{
	*has = false;
	*offset = 0;
	if (*s == '\0')
		return true;
	if ((*s == 'Z' || *s == 'z') && s[1] == '\0') {
		*has = true;
		return true;
	}
	if (*s != '+' && *s != '-')
		return false;
	int h, m;
	if (!df_digits(s + 1, 2, &h))
		return false;
	const char *mm = s[3] == ':' ? s + 4 : s + 3;
	if (!df_digits(mm, 2, &m) || mm[2] != '\0' || h > 18 || m > 59)
		return false;
	*has = true;
	*offset = (*s == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return true;
}

bool df_iso_instant(const char *s, int64_t *utc)
{
	struct civil_date d;
	int minute;
	const char *rest;
	bool has;
	int off;
	if (s == NULL || !df_date_str(s, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    !df_clock(s + 11, &minute, &rest) || !df_offset(rest, &has, &off) || !has)
		return false;
	struct civil_time t = { .date = d, .hour = minute / 60, .minute = minute % 60 };
	*utc = civil_to_seconds(t) - off;
	return true;
}

void df_iso_local(const struct tz *z, int64_t utc, char out[32])
{
	int off = 0;
	struct civil_time t = tz_to_local(z, utc, &off);
	int a = off < 0 ? -off : off;
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t.date.year, t.date.month, t.date.day, t.hour,
	         t.minute, t.second, off < 0 ? '-' : '+', (a / 3600) % 100, (a / 60) % 60);
}

/* What one string says. */
static bool df_when_string(const char *s, struct dialogflow_when *w)
{
	struct civil_date d;
	int minute;
	const char *rest;
	if (df_date_str(s, &d)) {
		if (s[10] == '\0') {
			if (!w->has_date) {
				w->has_date = true;
				w->date = d;
			}
			return true;
		}
		bool has;
		int off;
		if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !df_clock(s + 11, &minute, &rest) ||
		    !df_offset(rest, &has, &off))
			return false;
		if (has) {
			struct civil_time t = { .date = d, .hour = minute / 60, .minute = minute % 60 };
			if (!w->has_instant && !w->has_date) {
				w->has_instant = true;
				w->instant_utc = civil_to_seconds(t) - off;
			}
			return true;
		}
		if (!w->has_date) {
			w->has_date = true;
			w->date = d;
		}
		if (!w->has_time) {
			w->has_time = true;
			w->minute = minute;
		}
		return true;
	}
	bool has;
	int off;
	if (df_clock(s, &minute, &rest) && df_offset(rest, &has, &off)) {
		if (!w->has_time) {
			w->has_time = true;
			w->minute = minute;
		}
		return true;
	}
	return false;
}

/* A {year, month, day} and/or {hours, minutes} object. */
static bool df_when_fields(const cJSON *o, struct dialogflow_when *w)
{
	bool any = false;
	struct civil_date d;
	if (df_int(o, "year", 1900, 9999, &d.year) && df_int(o, "month", 1, 12, &d.month) &&
	    df_int(o, "day", 1, 31, &d.day) && civil_valid(d)) {
		if (!w->has_date && !w->has_instant) {
			w->has_date = true;
			w->date = d;
		}
		any = true;
	}
	int h, m = 0;
	if (df_int(o, "hours", 0, 23, &h) && (cJSON_GetObjectItemCaseSensitive(o, "minutes") == NULL ||
	                                      df_int(o, "minutes", 0, 59, &m))) {
		if (!w->has_time && !w->has_instant) {
			w->has_time = true;
			w->minute = h * 60 + m;
		}
		any = true;
	}
	return any;
}

/* start and end of a period, read alone. */
static bool df_when_period(const cJSON *start, const cJSON *end, struct dialogflow_when *w)
{
	struct dialogflow_when s = { 0 }, e = { 0 };
	if (!df_when_read(start, &s))
		return false;
	bool has_end = end && df_when_read(end, &e);
	if (s.has_instant || (has_end && e.has_instant))
		return false;  /* periods come as wall times; an offset form is not worth guessing at */
	if (s.has_date && !w->has_date && !w->has_instant) {
		w->has_date = true;
		w->date = s.date;
		if (has_end && e.has_date && civil_cmp(e.date, s.date) > 0)
			w->after_date = true;
	}
	if (s.has_time && has_end && e.has_time && (!e.has_date || !s.has_date || civil_cmp(e.date, s.date) == 0) &&
	    e.minute > s.minute && w->from == 0 && w->to == 0) {
		w->from = s.minute;
		w->to = e.minute;
	} else if (s.has_time && !has_end && !w->has_time) {
		w->has_time = true;
		w->minute = s.minute;
	}
	return true;
}

bool df_when_read(const cJSON *v, struct dialogflow_when *w)
{
	if (cJSON_IsString(v))
		return df_when_string(v->valuestring, w);
	if (!cJSON_IsObject(v))
		return false;
	static const char *const periods[][4] = {
		{ "startDateTime", "start_date_time", "endDateTime", "end_date_time" },
		{ "startDate", "start_date", "endDate", "end_date" },
		{ "startTime", "start_time", "endTime", "end_time" },
	};
	for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
		const cJSON *start = df_get(v, periods[i][0], periods[i][1]);
		if (start)
			return df_when_period(start, df_get(v, periods[i][2], periods[i][3]), w);
	}
	return df_when_fields(v, w);
}

const cJSON *df_param(const cJSON *params, const char *const *names)
{
	for (size_t i = 0; names[i]; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(params, names[i]);
		if (v && !cJSON_IsNull(v))
			return v;
	}
	return NULL;
}

bool df_when_from_params(const cJSON *params, struct dialogflow_when *w)
{
	static const char *const datetime[] = { "termin", "datum_uhrzeit", "zeitpunkt", "date_time", "datetime", NULL };
	static const char *const date[] = { "datum", "tag", "date", NULL };
	static const char *const time[] = { "uhrzeit", "zeit", "time", NULL };
	bool any = false;
	const cJSON *v;
	if ((v = df_param(params, datetime)) != NULL)
		any |= df_when_read(v, w);
	if ((v = df_param(params, date)) != NULL)
		any |= df_when_read(v, w);
	if ((v = df_param(params, time)) != NULL)
		any |= df_when_read(v, w);
	return any;
}

bool df_wish(const struct dialogflow_when *w, const struct tz *z, struct schedule_wish *out)
{
	memset(out, 0, sizeof(*out));
	if (w->has_instant) {
		struct civil_time t = tz_to_local(z, w->instant_utc, NULL);
		out->has_date = true;
		out->date = t.date;
		out->has_time = true;
		out->minute = t.hour * 60 + t.minute;
		return true;
	}
	out->has_date = w->has_date;
	out->date = w->date;
	out->after_date = w->has_date && w->after_date;
	if (w->has_time) {
		out->has_time = true;
		out->minute = w->minute;
	}
	if (w->to > w->from) {
		out->from = w->from;
		out->to = w->to;
	}
	return out->has_date || out->has_time || out->to > out->from;
}

const struct store_studio *df_call_studio(const struct store_studios *all, int64_t call_studio, int64_t lead_studio)
{
	const struct store_studio *st = call_studio ? store_studio_by_id(all, call_studio) : NULL;
	if (st == NULL && lead_studio)
		st = store_studio_by_id(all, lead_studio);
	for (size_t i = 0; st == NULL && i < all->n; i++)
		if (all->list[i].is_default)
			st = &all->list[i];
	if (st == NULL && all->n > 0)
		st = &all->list[0];
	return st;
}

/* Lower case ASCII, German umlauts and ß spelled out, everything else but
 * letters and digits dropped: "München" and "muenchen" meet. */
static void df_fold(const char *in, char *out, size_t n)
{
	size_t j = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p && j + 3 < n; p++) {
		if (p[0] == 0xC3 && p[1]) {
			const char *sub = NULL;
			switch (p[1]) {
			case 0xA4: case 0x84: sub = "ae"; break;
			case 0xB6: case 0x96: sub = "oe"; break;
			case 0xBC: case 0x9C: sub = "ue"; break;
			case 0x9F: sub = "ss"; break;
			default: break;
			}
			p++;
			if (sub) {
				out[j++] = sub[0];
				out[j++] = sub[1];
			}
			continue;
		}
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			out[j++] = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			out[j++] = (char)(*p - 'A' + 'a');
	}
	out[j] = '\0';
}

/* "muenchnerfiliale" names "muenchen", "berliner" "berlin": the city's stem
 * (all but its last two letters) and "er" a few letters later. */
static bool df_adjective(const char *want, const char *city)
{
	size_t n = strlen(city);
	if (n < 4)
		return false;
	for (const char *p = want; (p = strstr(p, "er")) != NULL; p++) {
		size_t end = (size_t)(p - want) + 2;       /* just past "er" */
		for (size_t len = n; len <= n + 3 && len <= end; len++) {
			const char *w = want + end - len;
			if (memcmp(w, city, n - 2) == 0)
				return true;
		}
	}
	return false;
}

const struct store_studio *df_studio_named(const struct store_studios *all, const char *name)
{
	if (name == NULL || *name == '\0')
		return NULL;
	char want[128], have[128];
	df_fold(name, want, sizeof(want));
	if (*want == '\0')
		return NULL;
	for (size_t i = 0; i < all->n; i++) {
		const struct store_studio *st = &all->list[i];
		const char *names[] = { st->city, st->slug, st->name };
		for (size_t k = 0; k < 3; k++) {
			if (names[k] == NULL || *names[k] == '\0')
				continue;
			df_fold(names[k], have, sizeof(have));
			if (*have && (strcmp(have, want) == 0 || (k == 0 && (strstr(want, have) || df_adjective(want, have)))))
				return st;
		}
	}
	return NULL;
}

const char *df_transfer_number(const struct store_studios *all, const struct store_studio *st,
                               const struct config *cfg, int64_t now_utc)
{
	return route_transfer_number(all, st, cfg->fallback_phone_number, now_utc, NULL);
}

bool df_e164(const char *s)
{
	if (s == NULL || s[0] != '+' || s[1] < '1' || s[1] > '9')
		return false;
	size_t n = 0;
	for (const char *p = s + 1; *p; p++, n++)
		if (*p < '0' || *p > '9')
			return false;
	return n >= 2 && n <= 15;
}
