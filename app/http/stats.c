/* stats.c: GET /api/v1/stats, the figures of the managers' dashboard for one
 * day (default: today in TERMINFON_TIMEZONE) and one studio (default: all):
 * calls by status and outcome, the success rate, bookings per studio for the
 * day and the seven after it, the conversation funnel, the request latency
 * of the Twilio routes since start, the last calls with masked caller
 * numbers, and the last SMS that did not reach anyone, with the reason. The router has checked the token: one of scope "stats" gets the
 * last calls without the callers' numbers, one limited to a studio gets that
 * studio's figures only. Test sessions (POST /dialogflow/test) are no calls
 * and count nowhere here. */
#include "handlers.h"
#include "admin_json.h"
#include "clock.h"
#include "err.h"
#include "metrics.h"
#include "routes.h"
#include "tz.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define STATS_BOOKING_DAYS 8        /* the day asked for and the seven after it */
#define STATS_RECENT_CALLS 20
#define STATS_SMS_FAILED 20         /* SMS not delivered, newest first */
#define STATS_TWILIO_PREFIX ROUTE_TWILIO

/* Collects cJSON failures: any NULL turns ok off, so one check at the end
 * covers a whole object. */
struct jb {
	bool ok;
};

static cJSON *jb_check(struct jb *b, cJSON *item)
{
	if (item == NULL)
		b->ok = false;
	return item;
}

static void jb_num(struct jb *b, cJSON *o, const char *name, double v)
{
	if (o == NULL || cJSON_AddNumberToObject(o, name, v) == NULL)
		b->ok = false;
}

static void jb_str(struct jb *b, cJSON *o, const char *name, const char *v)
{
	if (o == NULL || (v ? cJSON_AddStringToObject(o, name, v) : cJSON_AddNullToObject(o, name)) == NULL)
		b->ok = false;
}

static void jb_add(struct jb *b, cJSON *array, cJSON *item)
{
	if (array == NULL || item == NULL || !cJSON_AddItemToArray(array, item)) {
		cJSON_Delete(item);
		b->ok = false;
	}
}

/* Milliseconds with one decimal (JSON stays short and readable). */
static double ms(double seconds)
{
	return round(seconds * 10000.0) / 10.0;
}

/* "studio": an id or a slug of an active studio. */
static const struct store_studio *find_studio(const struct store_studios *all, const char *text)
{
	for (size_t i = 0; i < all->n; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)all->list[i].id);
		if (strcmp(all->list[i].slug, text) == 0 || strcmp(id, text) == 0)
			return &all->list[i];
	}
	return NULL;
}

static cJSON *counts_json(struct jb *b, const struct store_stats_count *list, size_t n, const char *null_key)
{
	cJSON *o = jb_check(b, cJSON_CreateObject());
	for (size_t i = 0; o && i < n; i++)
		jb_num(b, o, list[i].key ? list[i].key : null_key, (double)list[i].n);
	return o;
}

static void add_calls(struct jb *b, cJSON *root, const struct store_stats_count *by_status, size_t nstatus,
                      const struct store_stats_count *by_outcome, size_t noutcome, const struct store_stats_funnel *fu)
{
	cJSON *calls = jb_check(b, cJSON_AddObjectToObject(root, "calls"));
	if (calls == NULL)
		return;
	jb_num(b, calls, "total", (double)fu->called);
	cJSON *s = counts_json(b, by_status, nstatus, "unknown");
	if (s && !cJSON_AddItemToObject(calls, "by_status", s)) {
		cJSON_Delete(s);
		b->ok = false;
	}
	cJSON *o = counts_json(b, by_outcome, noutcome, "open");
	if (o && !cJSON_AddItemToObject(calls, "by_outcome", o)) {
		cJSON_Delete(o);
		b->ok = false;
	}
	jb_num(b, calls, "successful", (double)fu->successful);
	/* Served calls (booked, moved, cancelled, transferred, callback, or an
	 * information question answered) over all calls of the day; null on a
	 * day without calls. */
	if (fu->called > 0)
		jb_num(b, calls, "success_rate", round((double)fu->successful / (double)fu->called * 10000.0) / 10000.0);
	else if (cJSON_AddNullToObject(calls, "success_rate") == NULL)
		b->ok = false;

	cJSON *f = jb_check(b, cJSON_AddObjectToObject(root, "funnel"));
	jb_num(b, f, "called", (double)fu->called);
	jb_num(b, f, "understood", (double)fu->understood);
	jb_num(b, f, "offered", (double)fu->offered);
	jb_num(b, f, "booked", (double)fu->booked);
	jb_num(b, f, "transferred", (double)fu->transferred);
}

/* bookings: {"days": [8 dates], "studios": [{id, slug, name, city, counts: [8], total}], "per_day": [8],
 * "total": n, "made": n}. */
static int add_bookings(struct app *app, struct jb *b, cJSON *root, struct arena *a, const struct tz *z,
                        struct civil_date day, const struct store_studios *all, const struct store_studio *only,
                        long made)
{
	size_t nst = only ? 1 : all->n;
	long *counts = arena_alloc(a, (nst ? nst : 1) * STATS_BOOKING_DAYS * sizeof(long));
	if (counts == NULL)
		return TF_ENOMEM;
	memset(counts, 0, (nst ? nst : 1) * STATS_BOOKING_DAYS * sizeof(long));
	long per_day[STATS_BOOKING_DAYS] = { 0 }, total = 0;
	char dates[STATS_BOOKING_DAYS][11];
	for (int d = 0; d < STATS_BOOKING_DAYS; d++) {
		struct civil_date di = civil_add_days(day, d);
		civil_format_date(di, dates[d]);
		struct tf_errmsg e;
		struct store_stats_filter f = { .studio_id = only ? only->id : 0 };
		int err = admin_day_range(z, di, di, true, true, &f.from_utc, &f.to_utc, &e);
		if (err)
			return TF_EINTERNAL;
		struct store_stats_studio_count *list;
		size_t n;
		if ((err = store_stats_bookings(app->store, a, &f, &list, &n)) != TF_OK)
			return err;
		for (size_t i = 0; i < n; i++) {
			for (size_t k = 0; k < nst; k++) {
				const struct store_studio *st = only ? only : &all->list[k];
				if (st->id == list[i].studio_id)
					counts[k * STATS_BOOKING_DAYS + (size_t)d] += list[i].n;
			}
			/* Appointments of inactive studios still count in the day's sum. */
			per_day[d] += list[i].n;
			total += list[i].n;
		}
	}
	cJSON *bk = jb_check(b, cJSON_AddObjectToObject(root, "bookings"));
	if (bk == NULL)
		return TF_OK;
	jb_num(b, bk, "total", (double)total);
	jb_num(b, bk, "made", (double)made);
	cJSON *days = jb_check(b, cJSON_AddArrayToObject(bk, "days"));
	cJSON *sums = jb_check(b, cJSON_AddArrayToObject(bk, "per_day"));
	for (int d = 0; d < STATS_BOOKING_DAYS; d++) {
		jb_add(b, days, cJSON_CreateString(dates[d]));
		jb_add(b, sums, cJSON_CreateNumber((double)per_day[d]));
	}
	cJSON *studios = jb_check(b, cJSON_AddArrayToObject(bk, "studios"));
	for (size_t k = 0; studios && k < nst; k++) {
		const struct store_studio *st = only ? only : &all->list[k];
		cJSON *o = jb_check(b, cJSON_CreateObject());
		jb_num(b, o, "id", (double)st->id);
		jb_str(b, o, "slug", st->slug);
		jb_str(b, o, "name", st->name);
		jb_str(b, o, "city", st->city);
		cJSON *c = o ? jb_check(b, cJSON_AddArrayToObject(o, "counts")) : NULL;
		long sum = 0;
		for (int d = 0; d < STATS_BOOKING_DAYS; d++) {
			jb_add(b, c, cJSON_CreateNumber((double)counts[k * STATS_BOOKING_DAYS + (size_t)d]));
			sum += counts[k * STATS_BOOKING_DAYS + (size_t)d];
		}
		jb_num(b, o, "total", (double)sum);
		jb_add(b, studios, o);
	}
	return TF_OK;
}

/* latency: the Twilio routes' request histograms since terminfon started. */
static void add_latency(struct jb *b, cJSON *root)
{
	cJSON *lat = jb_check(b, cJSON_AddObjectToObject(root, "latency"));
	if (lat == NULL)
		return;
	jb_str(b, lat, "since", "start");
	cJSON *routes = jb_check(b, cJSON_AddArrayToObject(lat, "routes"));
	struct metrics_summary sum[METRICS_MAX_ROUTES];
	int n = metrics_route_summary(sum, METRICS_MAX_ROUTES);
	unsigned long long count = 0, non2xx = 0;
	double total_s = 0;
	for (int i = 0; i < n; i++) {
		const struct metrics_summary *m = &sum[i];
		/* Metrics name routes "METHOD /path" (a bare path in older builds). */
		const char *path = strchr(m->route, ' ');
		char method[16] = "";
		if (path && (size_t)(path - m->route) < sizeof(method))
			memcpy(method, m->route, (size_t)(path - m->route));
		path = path ? path + 1 : m->route;
		if (strncmp(path, STATS_TWILIO_PREFIX, strlen(STATS_TWILIO_PREFIX)) != 0)
			continue;
		unsigned long long bad = m->by_class[0] + m->by_class[1] + m->by_class[3] + m->by_class[4] + m->by_class[5];
		count += m->count;
		non2xx += bad;
		total_s += m->sum_seconds;
		cJSON *o = jb_check(b, cJSON_CreateObject());
		jb_str(b, o, "route", path);
		jb_str(b, o, "method", *method ? method : NULL);
		jb_num(b, o, "requests", (double)m->count);
		jb_num(b, o, "non_2xx", (double)bad);
		jb_num(b, o, "errors_5xx", (double)m->by_class[5]);
		if (m->count > 0) {
			jb_num(b, o, "avg_ms", ms(m->sum_seconds / (double)m->count));
			jb_num(b, o, "p50_ms", ms(m->p50_seconds));
			jb_num(b, o, "p99_ms", ms(m->p99_seconds));
		} else if (o) {
			b->ok = b->ok && cJSON_AddNullToObject(o, "avg_ms") && cJSON_AddNullToObject(o, "p50_ms") &&
			        cJSON_AddNullToObject(o, "p99_ms");
		}
		jb_add(b, routes, o);
	}
	jb_num(b, lat, "requests", (double)count);
	jb_num(b, lat, "non_2xx", (double)non2xx);
	if (count > 0)
		jb_num(b, lat, "avg_ms", ms(total_s / (double)count));
	else if (cJSON_AddNullToObject(lat, "avg_ms") == NULL)
		b->ok = false;
	jb_num(b, lat, "fallback_twiml", (double)metrics_get(M_FALLBACK_TWIML));
}

static void add_recent(struct jb *b, cJSON *root, const struct store_stats_call *list, size_t n,
                       const struct store_studios *all, bool with_caller)
{
	cJSON *arr = jb_check(b, cJSON_AddArrayToObject(root, "recent_calls"));
	for (size_t i = 0; arr && i < n; i++) {
		const struct store_stats_call *c = &list[i];
		cJSON *o = jb_check(b, cJSON_CreateObject());
		char iso[21];
		admin_iso_time(c->started_at, iso);
		jb_num(b, o, "id", (double)c->id);
		jb_str(b, o, "started_at", iso);
		const struct store_studio *st = c->studio_id ? store_studio_by_id(all, c->studio_id) : NULL;
		if (c->studio_id)
			jb_num(b, o, "studio_id", (double)c->studio_id);
		else
			jb_str(b, o, "studio_id", NULL);
		jb_str(b, o, "studio", st ? st->name : NULL);
		jb_str(b, o, "direction", c->direction);
		jb_str(b, o, "status", c->status);
		jb_str(b, o, "outcome", c->outcome);
		if (c->duration >= 0)
			jb_num(b, o, "duration_seconds", c->duration);
		else
			jb_str(b, o, "duration_seconds", NULL);
		if (with_caller)
			jb_str(b, o, "caller", c->caller);
		jb_add(b, arr, o);
	}
}

/* sms_not_delivered: the last SMS that failed or were undelivered, newest
 * first, whatever the day asked for (an SMS row's times come from the
 * database's clock, not terminfon's), with the reason; never the recipient
 * or the text. Retention (TERMINFON_RETENTION_DAYS) removes old ones. */
static int add_sms_not_delivered(struct app *app, struct jb *b, cJSON *root, struct arena *a,
                                 const struct store_studios *all, const struct store_studio *only)
{
	struct store_sms_filter f = { .not_delivered = true, .studio_id = only ? only->id : 0 };
	struct store_sms_row *list;
	size_t n;
	bool more;
	int err = store_sms_list(app->store, a, &f, STATS_SMS_FAILED, 0, &list, &n, &more);
	if (err)
		return err;
	cJSON *o = jb_check(b, cJSON_AddObjectToObject(root, "sms_not_delivered"));
	if (o && cJSON_AddBoolToObject(o, "more", more) == NULL)
		b->ok = false;
	cJSON *items = o ? jb_check(b, cJSON_AddArrayToObject(o, "items")) : NULL;
	for (size_t i = 0; items && i < n; i++) {
		cJSON *j = jb_check(b, admin_sms_json(&list[i], false));
		const struct store_studio *st = list[i].studio_id ? store_studio_by_id(all, list[i].studio_id) : NULL;
		jb_str(b, j, "studio", st ? st->name : NULL);
		jb_add(b, items, j);
	}
	return TF_OK;
}

int stats_get(struct app *app, struct http_request *req, struct http_response *res)
{
	static const char *const names[] = { "date", "studio", NULL };
	struct tf_errmsg e = { "" };
	int err = http_check_query(req, res, names);
	if (err)
		return err;

	const struct store_studios *all;
	if ((err = store_studios(app->store, &all)) != TF_OK)
		return err;
	const struct store_studio *only = NULL;
	const char *v = form_get(&req->query_form, "studio");
	if (v && (only = find_studio(all, v)) == NULL)
		return http_fail(req, res, TF_EVALUE, "\"studio\" names no active studio");
	if (req->token_studio_id) {
		if (only && only->id != req->token_studio_id)
			return http_fail(req, res, TF_EFORBIDDEN, "this token is limited to another studio");
		if ((only = store_studio_by_id(all, req->token_studio_id)) == NULL)
			return TF_EINTERNAL;
	}

	const char *zone = only ? only->timezone : app->cfg->timezone;
	const struct tz *z;
	if (tz_load(zone, &z) != TF_OK && tz_load("UTC", &z) != TF_OK)
		return TF_EINTERNAL;
	struct civil_date day;
	int64_t now = clock_now();
	if ((v = form_get(&req->query_form, "date")) != NULL) {
		if ((err = admin_parse_date(v, "date", &day, &e)) != TF_OK)
			return http_fail(req, res, err, e.text);
	} else {
		day = tz_to_local(z, now, NULL).date;
	}
	struct store_stats_filter f = { .studio_id = only ? only->id : 0 };
	if ((err = admin_day_range(z, day, day, true, true, &f.from_utc, &f.to_utc, &e)) != TF_OK)
		return http_fail(req, res, err, e.text);

	struct store_stats_count *by_status, *by_outcome;
	size_t nstatus, noutcome, nrecent;
	struct store_stats_funnel fu;
	struct store_stats_call *recent;
	long made;
	if ((err = store_stats_calls_by(app->store, req->arena, &f, false, &by_status, &nstatus)) ||
	    (err = store_stats_calls_by(app->store, req->arena, &f, true, &by_outcome, &noutcome)) ||
	    (err = store_stats_funnel(app->store, &f, &fu)) ||
	    (err = store_stats_bookings_made(app->store, &f, &made)) ||
	    (err = store_stats_recent_calls(app->store, req->arena, &f, STATS_RECENT_CALLS, &recent, &nrecent)))
		return err;

	struct jb b = { .ok = true };
	cJSON *root = jb_check(&b, cJSON_CreateObject());
	if (root == NULL)
		return TF_ENOMEM;
	char date[11], gen[20], gen_iso[21];
	civil_format_date(day, date);
	store_format_utc(now, gen);
	admin_iso_time(gen, gen_iso);
	jb_str(&b, root, "date", date);
	jb_str(&b, root, "timezone", tz_name(z));
	jb_str(&b, root, "generated_at", gen_iso);
	if (only) {
		cJSON *s = jb_check(&b, cJSON_AddObjectToObject(root, "studio"));
		jb_num(&b, s, "id", (double)only->id);
		jb_str(&b, s, "slug", only->slug);
		jb_str(&b, s, "name", only->name);
	} else {
		jb_str(&b, root, "studio", NULL);
	}
	add_calls(&b, root, by_status, nstatus, by_outcome, noutcome, &fu);
	if ((err = add_bookings(app, &b, root, req->arena, z, day, all, only, made)) != TF_OK) {
		cJSON_Delete(root);
		return err;
	}
	add_latency(&b, root);
	/* Masked numbers are still numbers: only for admin tokens. */
	add_recent(&b, root, recent, nrecent, all, req->token_scope == JWT_SCOPE_ADMIN);
	if ((err = add_sms_not_delivered(app, &b, root, req->arena, all, only)) != TF_OK) {
		cJSON_Delete(root);
		return err;
	}
	cJSON *studios = jb_check(&b, cJSON_AddArrayToObject(root, "studios"));
	for (size_t i = 0; studios && i < all->n; i++) {
		if (req->token_studio_id && all->list[i].id != req->token_studio_id)
			continue;
		cJSON *o = jb_check(&b, cJSON_CreateObject());
		jb_num(&b, o, "id", (double)all->list[i].id);
		jb_str(&b, o, "slug", all->list[i].slug);
		jb_str(&b, o, "name", all->list[i].name);
		jb_add(&b, studios, o);
	}
	if (!b.ok) {
		cJSON_Delete(root);
		return TF_ENOMEM;
	}
	return http_json(req, res, 200, root);
}
