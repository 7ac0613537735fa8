/* ical.c: iCalendar through libical: the feed and CalDAV events we write, and
 * the busy times we read out of a studio's own calendar. */
#include "ical.h"
#include "civil.h"
#include "err.h"
#include "log.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- building ---- */

/* A wall time of `zone` as libical's floating time (the TZID parameter is
 * added by the caller, with the plain IANA name calendar programs know). */
static struct icaltimetype ical_local(const struct tz *zone, int64_t utc)
{
	struct civil_time lt = tz_to_local(zone, utc, NULL);
	struct icaltimetype t = icaltime_null_time();
	t.year = lt.date.year;
	t.month = lt.date.month;
	t.day = lt.date.day;
	t.hour = lt.hour;
	t.minute = lt.minute;
	t.second = lt.second;
	t.is_date = 0;
	return t;
}

static struct icaltimetype ical_utc(int64_t utc)
{
	return icaltime_from_timet_with_zone((time_t)utc, 0, icaltimezone_get_utc_timezone());
}

static icalproperty *ical_x(const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);
	if (p)
		icalproperty_set_x_name(p, name);
	return p;
}

static icalproperty *ical_zoned(icalproperty *p, const char *zone_name)
{
	if (p)
		icalproperty_add_parameter(p, icalparameter_new_tzid(zone_name));
	return p;
}

/* The zone's VTIMEZONE from a year before now on, named by its IANA name. */
static icalcomponent *ical_vtimezone(const char *zone_name, int64_t now_utc)
{
	icaltimezone *z = icaltimezone_get_builtin_timezone(zone_name);
	if (z == NULL)
		return NULL;
	icalcomponent *src = icaltimezone_get_component(z);
	if (src == NULL)
		return NULL;
	icalcomponent *vtz = icalcomponent_new_clone(src);
	if (vtz == NULL)
		return NULL;
	icaltimezone_truncate_vtimezone(vtz, ical_utc(now_utc - 366 * 86400LL), icaltime_null_time(), 0);
	icalproperty *id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (id)
		icalproperty_set_tzid(id, zone_name);
	/* libical's own location line; not needed by anyone reading the feed */
	for (icalproperty *p = icalcomponent_get_first_property(vtz, ICAL_X_PROPERTY); p;) {
		icalproperty *next = icalcomponent_get_next_property(vtz, ICAL_X_PROPERTY);
		if (strcmp(icalproperty_get_x_name(p), "X-LIC-LOCATION") == 0) {
			icalcomponent_remove_property(vtz, p);
			icalproperty_free(p);
		}
		p = next;
	}
	return vtz;
}

int ical_build(const char *cal_name, const char *zone_name, const struct ical_event *ev, size_t n, int64_t now_utc,
               struct buf *out)
{
	const struct tz *zone;
	if (zone_name == NULL || tz_load(zone_name, &zone) != TF_OK)
		return TF_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (ev[i].end_utc < ev[i].start_utc || ev[i].uid == NULL || ev[i].summary == NULL)
			return TF_EINVAL;
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent *vtz = ical_vtimezone(zone_name, now_utc);
	if (cal == NULL || vtz == NULL) {
		if (cal)
			icalcomponent_free(cal);
		if (vtz)
			icalcomponent_free(vtz);
		return vtz == NULL && cal != NULL ? TF_EINVAL : TF_ENOMEM;
	}
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//terminfon//Termine//DE"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (cal_name)
		icalcomponent_add_property(cal, ical_x("X-WR-CALNAME", cal_name));
	icalcomponent_add_property(cal, ical_x("X-WR-TIMEZONE", zone_name));
	/* Subscribers may look again after 15 minutes (Apple, Outlook read this). */
	icalcomponent_add_property(cal, ical_x("X-PUBLISHED-TTL", "PT15M"));
	icalproperty *ri = icalproperty_new_refreshinterval(icaldurationtype_from_int(15 * 60));
	if (ri) {
		icalproperty_add_parameter(ri, icalparameter_new_value(ICAL_VALUE_DURATION));
		icalcomponent_add_property(cal, ri);
	}
	icalcomponent_add_component(cal, vtz);
	for (size_t i = 0; i < n; i++) {
		const struct ical_event *e = &ev[i];
		icalcomponent *ve = icalcomponent_new(ICAL_VEVENT_COMPONENT);
		if (ve == NULL)
			break;
		icalcomponent_add_property(ve, icalproperty_new_uid(e->uid));
		icalcomponent_add_property(ve, icalproperty_new_dtstamp(ical_utc(e->stamp_utc)));
		icalcomponent_add_property(ve, icalproperty_new_lastmodified(ical_utc(e->stamp_utc)));
		icalcomponent_add_property(ve, icalproperty_new_sequence(e->sequence));
		icalcomponent_add_property(ve, ical_zoned(icalproperty_new_dtstart(ical_local(zone, e->start_utc)), zone_name));
		icalcomponent_add_property(ve, ical_zoned(icalproperty_new_dtend(ical_local(zone, e->end_utc)), zone_name));
		icalcomponent_add_property(ve, icalproperty_new_summary(e->summary));
		if (e->description)
			icalcomponent_add_property(ve, icalproperty_new_description(e->description));
		if (e->location)
			icalcomponent_add_property(ve, icalproperty_new_location(e->location));
		icalcomponent_add_property(ve, icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED
		                                                                    : ICAL_STATUS_CONFIRMED));
		/* An appointment keeps the studio busy. */
		icalcomponent_add_property(ve, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
		icalcomponent_add_component(cal, ve);
	}
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (text == NULL)
		return TF_ENOMEM;
	int err = buf_puts(out, text);
	icalmemory_free_buffer(text);
	return err;
}

/* ---- busy times ---- */

void ical_busy_free(struct ical_busy_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int ical_busy_add(struct ical_busy_list *l, int64_t start, int64_t end)
{
	if (end <= start)
		return TF_OK;
	if (l->n >= ICAL_MAX_BUSY) {
		l->truncated = true;
		return TF_OK;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct ical_busy *v = realloc(l->v, cap * sizeof(*v));
		if (v == NULL)
			return TF_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].start_utc = start;
	l->v[l->n].end_utc = end;
	l->n++;
	return TF_OK;
}

static int ical_busy_cmp(const void *a, const void *b)
{
	const struct ical_busy *x = a, *y = b;
	if (x->start_utc != y->start_utc)
		return x->start_utc < y->start_utc ? -1 : 1;
	return (x->end_utc > y->end_utc) - (x->end_utc < y->end_utc);
}

void ical_busy_normalize(struct ical_busy_list *l)
{
	if (l->n == 0)
		return;
	qsort(l->v, l->n, sizeof(l->v[0]), ical_busy_cmp);
	size_t k = 0;
	for (size_t i = 1; i < l->n; i++) {
		if (l->v[i].start_utc <= l->v[k].end_utc) {
			if (l->v[i].end_utc > l->v[k].end_utc)
				l->v[k].end_utc = l->v[i].end_utc;
		} else {
			l->v[++k] = l->v[i];
		}
	}
	l->n = k + 1;
}

/* An instance moved or dropped with RECURRENCE-ID: the master's own
 * instance at that time is not there. */
struct ical_override {
	const char *uid;
	time_t rid;              /* libical's span convention: floating as if UTC */
};

struct ical_walk {
	const struct tz *local;
	struct ical_busy_list *out;
	int64_t from, to;
	bool is_date, floating;
	int days;                /* all-day: how many days an instance lasts */
	const char *uid;
	const struct ical_override *ov;
	size_t nov;
	int instances;
	int err;
};

/* libical's time_t of a time without a zone: its wall clock read as UTC. */
static time_t ical_span_time(struct icaltimetype t)
{
	return icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
}

/* The instant a wall clock reading (given as if UTC) has in the studio's zone. */
static bool ical_wall(const struct tz *local, time_t as_utc, int64_t *utc)
{
	struct tm tm;
	time_t t = as_utc;
	if (gmtime_r(&t, &tm) == NULL)
		return false;
	struct civil_time ct = { { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday }, tm.tm_hour, tm.tm_min, tm.tm_sec };
	if (tz_from_local(local, ct, utc) == TF_OK)
		return true;
	/* A wall time the clocks skip: the hour after it. */
	ct.hour++;
	return ct.hour < 24 && tz_from_local(local, ct, utc) == TF_OK;
}

static void ical_instance(icalcomponent *comp, struct icaltime_span *span, void *data)
{
	struct ical_walk *w = data;
	if (w->err || ++w->instances > ICAL_MAX_INSTANCES)
		return;
	for (size_t i = 0; i < w->nov; i++)
		if (w->ov[i].rid == span->start && w->uid && strcmp(w->ov[i].uid, w->uid) == 0)
			return;
	int64_t start = span->start, end = span->end;
	if (w->is_date) {
		if (!ical_wall(w->local, span->start, &start) ||
		    !ical_wall(w->local, span->start + (time_t)w->days * 86400, &end))
			return;
	} else if (w->floating) {
		if (!ical_wall(w->local, span->start, &start) || !ical_wall(w->local, span->end, &end))
			return;
	}
	if (end > w->from && start < w->to)
		w->err = ical_busy_add(w->out, start, end);
}

static bool ical_blocks(icalcomponent *ev)
{
	if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
		return false;
	icalproperty *tp = icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY);
	if (tp && icalproperty_get_transp(tp) == ICAL_TRANSP_TRANSPARENT)
		return false;
	return true;
}

/* Whole days an all-day event lasts (DTEND or DURATION; at least one). */
static int ical_all_day_days(icalcomponent *ev, struct icaltimetype start)
{
	struct icaltimetype end = icalcomponent_get_dtend(ev);
	if (icaltime_is_null_time(end) || !end.is_date)
		return 1;
	struct civil_date a = { start.year, start.month, start.day }, b = { end.year, end.month, end.day };
	if (!civil_valid(a) || !civil_valid(b))
		return 1;
	int64_t d = civil_to_days(b) - civil_to_days(a);
	return d < 1 ? 1 : d > 3660 ? 3660 : (int)d;
}

/* A recurrence faster than hourly is no plausible busy time and would cost
 * millions of instances: only its first instance counts. */
static bool ical_rule_too_fast(icalcomponent *ev)
{
	icalproperty *rr = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	if (rr == NULL)
		return false;
	struct icalrecurrencetype r = icalproperty_get_rrule(rr);
	return r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE;
}

static int ical_walk_event(icalcomponent *ev, const struct tz *local, int64_t from_utc, int64_t to_utc,
                           const struct ical_override *ov, size_t nov, struct ical_busy_list *out)
{
	struct icaltimetype start = icalcomponent_get_dtstart(ev);
	if (icaltime_is_null_time(start) || !icaltime_is_valid_time(start))
		return TF_OK;
	struct ical_walk w = {
		.local = local, .out = out, .from = from_utc, .to = to_utc,
		.is_date = start.is_date != 0, .floating = !start.is_date && start.zone == NULL,
		.uid = icalcomponent_get_uid(ev), .ov = ov, .nov = nov,
	};
	if (w.is_date)
		w.days = ical_all_day_days(ev, start);
	bool master = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) == NULL;
	/* Spans are asked of libical with a day of room either side: floating
	 * and all-day instances are placed in the studio's zone afterwards. */
	struct icaltimetype a = ical_utc(from_utc - 2 * 86400), b = ical_utc(to_utc + 2 * 86400);
	if (master && !ical_rule_too_fast(ev)) {
		icalcomponent_foreach_recurrence(ev, a, b, ical_instance, &w);
	} else {
		struct icaltimetype end = icalcomponent_get_dtend(ev);
		struct icaltime_span span;
		span.start = ical_span_time(start);
		span.end = icaltime_is_null_time(end) ? span.start : ical_span_time(end);
		span.is_busy = 1;
		if (!master)
			w.nov = 0;      /* an override is never hidden by itself */
		ical_instance(ev, &span, &w);
	}
	return w.err;
}

int ical_busy_parse(const char *text, size_t len, const struct tz *local, int64_t from_utc, int64_t to_utc,
                    const char *own_uid_prefix, struct ical_busy_list *out)
{
	char *copy = malloc(len + 1);
	if (copy == NULL)
		return TF_ENOMEM;
	memcpy(copy, text, len);
	copy[len] = '\0';
	icalcomponent *root = icalparser_parse_string(copy);
	free(copy);
	if (root == NULL)
		return TF_EINVAL;
	icalcomponent *cal = root;
	if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT)
		cal = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
	if (cal == NULL) {
		icalcomponent_free(root);
		return TF_EINVAL;
	}
	int err = TF_OK;
	struct ical_override ov[64];
	size_t nov = 0;
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev && nov < 64;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		icalproperty *rp = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
		const char *uid = icalcomponent_get_uid(ev);
		if (rp == NULL || uid == NULL)
			continue;
		/* With its zone resolved, as libical resolves DTSTART. */
		struct icaltimetype rid = icalproperty_get_datetime_with_component(rp, ev);
		ov[nov].uid = uid;
		ov[nov].rid = ical_span_time(rid);
		nov++;
	}
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev && err == TF_OK;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const char *uid = icalcomponent_get_uid(ev);
		if (own_uid_prefix && *own_uid_prefix && uid && strncmp(uid, own_uid_prefix, strlen(own_uid_prefix)) == 0)
			continue;
		if (ical_blocks(ev))
			err = ical_walk_event(ev, local, from_utc, to_utc, ov, nov, out);
	}
	icalcomponent_free(root);
	return err;
}

/* ---- what the feed calls a booking ---- */

/* The first letter of a word (one UTF-8 character) and ". ". */
static size_t ical_initial(const char *w, char *out, size_t room)
{
	size_t n = 1;
	while (w[n] && ((unsigned char)w[n] & 0xC0) == 0x80)
		n++;
	if (n + 2 >= room)
		return 0;
	memcpy(out, w, n);
	out[n] = '.';
	out[n + 1] = ' ';
	return n + 2;
}

void ical_summary(const char *name, const char *phone, bool full, char *out, size_t outlen)
{
	char who[160] = "";
	size_t k = 0;
	if (name && *name) {
		if (full) {
			snprintf(who, sizeof(who), "%s", name);
			k = strlen(who);
		} else {
			for (const char *p = name; *p && k + 8 < sizeof(who);) {
				while (*p == ' ' || *p == '-')
					p++;
				if (*p == '\0')
					break;
				k += ical_initial(p, who + k, sizeof(who) - k);
				while (*p && *p != ' ' && *p != '-')
					p++;
			}
			while (k > 0 && who[k - 1] == ' ')
				k--;
			who[k] = '\0';
		}
	}
	char num[48] = "";
	if (phone && *phone) {
		if (full)
			snprintf(num, sizeof(num), "%s", phone);
		else
			log_mask_phone(phone, num, sizeof(num));
	}
	if (*who && *num)
		snprintf(out, outlen, "Termin \xE2\x80\x93 %s, %s", who, num);
	else if (*who || *num)
		snprintf(out, outlen, "Termin \xE2\x80\x93 %s", *who ? who : num);
	else
		snprintf(out, outlen, "Termin");
}
