/* day.c: the studio's day for managers and staff.
 *   GET  /api/v1/day               what needs doing now: the waiting line, the
 *                                  callbacks to do, today's and tomorrow's
 *                                  appointments, leads with repeated no-shows
 *   GET  /api/v1/trends?days=30|90 calls, bookings and conversion per day,
 *                                  per studio and together; the hours of the
 *                                  week; why calls ended without a booking;
 *                                  attendance and no-show rates
 *   POST /api/v1/callbacks/{id}/done, .../unreachable      staff closed a callback
 *   POST /api/v1/appointments/{id}/attended, .../no-show   staff marked a visit
 * A "stats" token sees figures only: no names and no numbers, not even
 * masked ones. An "admin" token sees masked numbers and names, and every such
 * read and every mark leaves an audit row. A token limited to a studio sees
 * and marks that studio's records only. */
#include "handlers.h"
#include "admin_json.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "tz.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DAY_CALLBACKS 100          /* open callback requests listed */
#define DAY_NO_SHOW_FLAG 2         /* no-shows that flag a lead to staff */
#define DAY_UNKNOWN_AFTER_S 86400  /* an appointment not marked a day after it began is "unknown" */
#define TRENDS_MAX_DAYS 90

/* Outcomes of a call that served the caller: something was booked, moved,
 * cancelled, put through or promised, or an information question was
 * answered (also when the caller hung up right after the answer). */
static bool served(const char *outcome, bool info_answered)
{
	static const char *const ok[] = { "booked", "rescheduled", "cancelled", "transferred", "callback", "info", NULL };
	if (outcome == NULL)
		return false;
	for (size_t i = 0; ok[i]; i++)
		if (strcmp(outcome, ok[i]) == 0)
			return true;
	return info_answered && strcmp(outcome, "abandoned") == 0;
}

static bool ok_add(cJSON *o, const char *name, cJSON *item)
{
	if (item == NULL)
		return false;
	if (!cJSON_AddItemToObject(o, name, item)) {
		cJSON_Delete(item);
		return false;
	}
	return true;
}

static bool ok_push(cJSON *arr, cJSON *item)
{
	if (item == NULL)
		return false;
	if (!cJSON_AddItemToArray(arr, item)) {
		cJSON_Delete(item);
		return false;
	}
	return true;
}

static bool ok_num(cJSON *o, const char *name, double v)
{
	return cJSON_AddNumberToObject(o, name, v) != NULL;
}

static bool ok_str(cJSON *o, const char *name, const char *v)
{
	return (v ? cJSON_AddStringToObject(o, name, v) : cJSON_AddNullToObject(o, name)) != NULL;
}

static bool ok_rate(cJSON *o, const char *name, long part, long whole)
{
	if (whole <= 0)
		return cJSON_AddNullToObject(o, name) != NULL;
	return ok_num(o, name, round((double)part / (double)whole * 10000.0) / 10000.0);
}

static bool ok_time(cJSON *o, const char *name, int64_t utc)
{
	char db[20], iso[21];
	store_format_utc(utc, db);
	admin_iso_time(db, iso);
	return ok_str(o, name, iso);
}

static const struct tz *zone_of(struct app *app, const struct store_studio *only)
{
	const struct tz *z;
	if (tz_load(only ? only->timezone : app->cfg->timezone, &z) != TF_OK && tz_load("UTC", &z) != TF_OK)
		return NULL;
	return z;
}

/* The request's studio (?studio=, an id or a slug) within the token's,
 * and the time zone its days are counted in. */
static int request_studio(struct app *app, struct http_request *req, struct http_response *res,
                          const struct store_studios **all, const struct store_studio **only,
                          const struct tz **z)
{
	*only = NULL;
	int err = store_studios(app->store, all);
	if (err)
		return err;
	const char *v = form_get(&req->query_form, "studio");
	for (size_t i = 0; v && i < (*all)->n && *only == NULL; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)(*all)->list[i].id);
		if (strcmp((*all)->list[i].slug, v) == 0 || strcmp(id, v) == 0)
			*only = &(*all)->list[i];
	}
	if (v && *only == NULL)
		return http_fail(req, res, TF_EVALUE, "\"studio\" names no active studio");
	if (req->token_studio_id) {
		if (*only && (*only)->id != req->token_studio_id)
			return http_fail(req, res, TF_EFORBIDDEN, "this token is limited to another studio");
		if ((*only = store_studio_by_id(*all, req->token_studio_id)) == NULL)
			return TF_EINTERNAL;
	}
	if ((*z = zone_of(app, *only)) == NULL)
		return TF_EINTERNAL;
	return TF_OK;
}

static const char *studio_name(const struct store_studios *all, int64_t id)
{
	const struct store_studio *st = id ? store_studio_by_id(all, id) : NULL;
	return st ? st->name : NULL;
}

/* The caller of a record: absent for a stats token, else masked number and name. */
static bool ok_person(cJSON *o, bool admin, const char *caller, const char *name)
{
	if (!admin)
		return true;
	return ok_str(o, "caller", caller) && ok_str(o, "name", name);
}

int day_get(struct app *app, struct http_request *req, struct http_response *res)
{
	static const char *const names[] = { "studio", NULL };
	bool admin = req->token_scope == JWT_SCOPE_ADMIN;
	int err = http_check_query(req, res, names);
	if (err)
		return err;
	const struct store_studios *all;
	const struct store_studio *only;
	const struct tz *z;
	if ((err = request_studio(app, req, res, &all, &only, &z)) != TF_OK)
		return err;
	int64_t sid = only ? only->id : 0, now = clock_now();
	struct civil_date today = tz_to_local(z, now, NULL).date;
	struct tf_errmsg e;
	int64_t from, to;
	if (admin_day_range(z, today, civil_add_days(today, 1), true, true, &from, &to, &e) != TF_OK)
		return TF_EINTERNAL;

	struct store_day_waiting *waiting;
	struct store_day_callback *cbs;
	struct store_day_appointment *aps;
	struct store_flagged_lead *flagged;
	size_t nwait, ncb, nap, nflag;
	if ((err = store_day_waiting(app->store, req->arena, sid, admin, admin, &waiting, &nwait)) ||
	    (err = store_day_callbacks(app->store, req->arena, sid, admin, admin, DAY_CALLBACKS, &cbs, &ncb)) ||
	    (err = store_day_appointments(app->store, req->arena, sid, from, to, admin, admin, &aps, &nap)) ||
	    (err = store_leads_no_show(app->store, req->arena, sid, DAY_NO_SHOW_FLAG, admin, admin, &flagged, &nflag)))
		return err;
	if (admin && (err = store_audit(app->store, req->subject ? req->subject : "unknown", "day.read", "")) != TF_OK)
		return err;

	cJSON *root = cJSON_CreateObject();
	bool ok = root != NULL;
	char d0[11], d1[11];
	civil_format_date(today, d0);
	civil_format_date(civil_add_days(today, 1), d1);
	ok = ok && ok_str(root, "today", d0) && ok_str(root, "tomorrow", d1) && ok_str(root, "timezone", tz_name(z)) &&
	     ok_time(root, "generated_at", now) && ok_str(root, "scope", admin ? "admin" : "stats");

	cJSON *w = ok ? cJSON_AddArrayToObject(root, "waiting") : NULL;
	ok = ok && w;
	for (size_t i = 0; ok && i < nwait; i++) {
		cJSON *o = cJSON_CreateObject();
		ok = ok_push(w, o) && ok_num(o, "id", (double)waiting[i].id) &&
		     ok_str(o, "studio", studio_name(all, waiting[i].studio_id)) && ok_time(o, "since", waiting[i].enqueued_utc) &&
		     ok_num(o, "waiting_seconds", (double)(now > waiting[i].enqueued_utc ? now - waiting[i].enqueued_utc : 0)) &&
		     ok_person(o, admin, waiting[i].caller, waiting[i].name);
	}
	cJSON *c = ok ? cJSON_AddArrayToObject(root, "callbacks") : NULL;
	ok = ok && c;
	for (size_t i = 0; ok && i < ncb; i++) {
		char iso[21];
		admin_iso_time(cbs[i].created_at, iso);
		cJSON *o = cJSON_CreateObject();
		ok = ok_push(c, o) && ok_num(o, "id", (double)cbs[i].id) &&
		     ok_str(o, "studio", studio_name(all, cbs[i].studio_id)) && ok_str(o, "reason", cbs[i].reason) &&
		     ok_str(o, "status", cbs[i].status) && ok_str(o, "requested_at", iso) &&
		     ok_num(o, "attempts", cbs[i].attempts) &&
		     ok_str(o, "last_result", *cbs[i].last_result ? cbs[i].last_result : NULL) &&
		     ok_person(o, admin, cbs[i].caller, cbs[i].name);
	}
	cJSON *ap = ok ? cJSON_AddArrayToObject(root, "appointments") : NULL;
	ok = ok && ap;
	for (size_t i = 0; ok && i < nap; i++) {
		const struct store_studio *st = store_studio_by_id(all, aps[i].studio_id);
		const struct tz *sz = z;
		if (st && tz_load(st->timezone, &sz) != TF_OK)
			sz = z;
		char day[11];
		civil_format_date(tz_to_local(sz, aps[i].start_utc, NULL).date, day);
		cJSON *o = cJSON_CreateObject();
		ok = ok_push(ap, o) && ok_num(o, "id", (double)aps[i].id) && ok_num(o, "studio_id", (double)aps[i].studio_id) &&
		     ok_str(o, "studio", st ? st->name : NULL) && ok_time(o, "starts_at", aps[i].start_utc) &&
		     ok_str(o, "day", day) && ok_str(o, "status", aps[i].status) && ok_str(o, "source", aps[i].source) &&
		     cJSON_AddBoolToObject(o, "confirmed", aps[i].confirmed) &&
		     cJSON_AddBoolToObject(o, "begun", aps[i].start_utc <= now) &&
		     ok_person(o, admin, aps[i].caller, aps[i].name);
	}
	cJSON *fl = ok ? cJSON_AddObjectToObject(root, "flagged_leads") : NULL;
	ok = ok && fl && ok_num(fl, "count", (double)nflag) && ok_num(fl, "min_no_shows", DAY_NO_SHOW_FLAG);
	cJSON *items = ok && admin ? cJSON_AddArrayToObject(fl, "items") : NULL;
	ok = ok && (!admin || items);
	for (size_t i = 0; ok && admin && i < nflag; i++) {
		cJSON *o = cJSON_CreateObject();
		ok = ok_push(items, o) && ok_num(o, "lead_id", (double)flagged[i].lead_id) &&
		     ok_num(o, "no_shows", (double)flagged[i].no_shows) && ok_person(o, admin, flagged[i].caller, flagged[i].name);
	}
	if (!ok) {
		cJSON_Delete(root);
		return TF_ENOMEM;
	}
	return http_json(req, res, 200, root);
}

/* ---- trends ---- */

struct tally {
	long attended, no_show, unknown, pending;
};

static bool ok_tally(cJSON *o, const struct tally *t)
{
	return ok_num(o, "attended", (double)t->attended) && ok_num(o, "no_show", (double)t->no_show) &&
	       ok_num(o, "unknown", (double)t->unknown) && ok_num(o, "pending", (double)t->pending) &&
	       ok_rate(o, "no_show_rate", t->no_show, t->attended + t->no_show);
}

static void count_visit(struct tally *t, const struct store_trend_visit *v, int64_t now)
{
	if (strcmp(v->status, "completed") == 0)
		t->attended++;
	else if (strcmp(v->status, "no_show") == 0)
		t->no_show++;
	else if (v->start_utc + DAY_UNKNOWN_AFTER_S <= now)
		t->unknown++;
	else
		t->pending++;
}

static cJSON *long_array(const long *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++)
		if (!ok_push(a, cJSON_CreateNumber((double)v[i]))) {
			cJSON_Delete(a);
			return NULL;
		}
	return a;
}

int trends_get(struct app *app, struct http_request *req, struct http_response *res)
{
	static const char *const names[] = { "studio", "days", NULL };
	int err = http_check_query(req, res, names);
	if (err)
		return err;
	long ndays = 30;
	const char *v = form_get(&req->query_form, "days");
	if (v) {
		if (strcmp(v, "7") == 0)
			ndays = 7;
		else if (strcmp(v, "30") == 0)
			ndays = 30;
		else if (strcmp(v, "90") == 0)
			ndays = 90;
		else
			return http_fail(req, res, TF_EINVAL, "\"days\" is 7, 30 or 90");
	}
	const struct store_studios *all;
	const struct store_studio *only;
	const struct tz *z;
	if ((err = request_studio(app, req, res, &all, &only, &z)) != TF_OK)
		return err;
	int64_t sid = only ? only->id : 0, now = clock_now();
	struct civil_date last = tz_to_local(z, now, NULL).date, first = civil_add_days(last, -(ndays - 1));
	struct tf_errmsg e;
	int64_t from, to;
	if (admin_day_range(z, first, last, true, true, &from, &to, &e) != TF_OK)
		return TF_EINTERNAL;
	struct store_trend_call *calls;
	struct store_trend_booking *books;
	struct store_trend_visit *visits;
	size_t ncalls, nbooks, nvisits;
	if ((err = store_trend_calls(app->store, req->arena, sid, from, to, &calls, &ncalls)) ||
	    (err = store_trend_bookings(app->store, req->arena, sid, from, to, &books, &nbooks)) ||
	    (err = store_trend_visits(app->store, req->arena, sid, from, now < to ? now : to, &visits, &nvisits)))
		return err;

	size_t nst = only ? 1 : all->n;
	long day_calls[TRENDS_MAX_DAYS] = { 0 }, day_served[TRENDS_MAX_DAYS] = { 0 }, day_books[TRENDS_MAX_DAYS] = { 0 };
	long *st_calls = arena_alloc(req->arena, (nst + 1) * TRENDS_MAX_DAYS * sizeof(long));
	long *st_books = arena_alloc(req->arena, (nst + 1) * TRENDS_MAX_DAYS * sizeof(long));
	struct tally *st_tally = arena_alloc(req->arena, (nst + 1) * sizeof(struct tally));
	if (st_calls == NULL || st_books == NULL || st_tally == NULL)
		return TF_ENOMEM;
	memset(st_calls, 0, (nst + 1) * TRENDS_MAX_DAYS * sizeof(long));
	memset(st_books, 0, (nst + 1) * TRENDS_MAX_DAYS * sizeof(long));
	memset(st_tally, 0, (nst + 1) * sizeof(struct tally));
	long hours_calls[7 * 24] = { 0 }, hours_books[7 * 24] = { 0 };
	long total_calls = 0, total_served = 0, total_books = 0;
	int64_t day0 = civil_to_days(first);

	/* Outcomes of the calls that ended without a booking, in a small table. */
	const char *reason_key[24];
	long reason_n[24];
	size_t nreasons = 0;

	for (size_t i = 0; i < ncalls; i++) {
		struct civil_time t = tz_to_local(z, calls[i].start_utc, NULL);
		int64_t d = civil_to_days(t.date) - day0;
		if (d < 0 || d >= ndays)
			continue;
		bool s = served(calls[i].outcome, calls[i].info_answered);
		day_calls[d]++;
		day_served[d] += s;
		total_calls++;
		total_served += s;
		hours_calls[civil_weekday(t.date) * 24 + t.hour]++;
		for (size_t k = 0; k < nst; k++)
			if ((only ? only : &all->list[k])->id == calls[i].studio_id)
				st_calls[k * TRENDS_MAX_DAYS + (size_t)d]++;
		const char *o = calls[i].outcome;
		if (o && strcmp(o, "booked") != 0 && strcmp(o, "rescheduled") != 0) {
			/* An answered information question is its own reason, not "abandoned". */
			const char *key = calls[i].info_answered && strcmp(o, "abandoned") == 0 ? "info" : o;
			size_t r = 0;
			while (r < nreasons && strcmp(reason_key[r], key) != 0)
				r++;
			if (r == nreasons && nreasons < sizeof(reason_key) / sizeof(reason_key[0])) {
				reason_key[nreasons] = key;
				reason_n[nreasons++] = 0;
			}
			if (r < nreasons)
				reason_n[r]++;
		}
	}
	for (size_t i = 0; i < nbooks; i++) {
		struct civil_time t = tz_to_local(z, books[i].made_utc, NULL);
		int64_t d = civil_to_days(t.date) - day0;
		if (d < 0 || d >= ndays)
			continue;
		day_books[d]++;
		total_books++;
		hours_books[civil_weekday(t.date) * 24 + t.hour]++;
		for (size_t k = 0; k < nst; k++)
			if ((only ? only : &all->list[k])->id == books[i].studio_id)
				st_books[k * TRENDS_MAX_DAYS + (size_t)d]++;
	}
	struct tally sum = { 0 };
	const char *src_key[16];
	struct tally src[16];
	size_t nsrc = 0;
	for (size_t i = 0; i < nvisits; i++) {
		count_visit(&sum, &visits[i], now);
		for (size_t k = 0; k < nst; k++)
			if ((only ? only : &all->list[k])->id == visits[i].studio_id)
				count_visit(&st_tally[k], &visits[i], now);
		size_t r = 0;
		while (r < nsrc && strcmp(src_key[r], visits[i].lead_source) != 0)
			r++;
		if (r == nsrc && nsrc < 16) {
			src_key[nsrc] = visits[i].lead_source;
			memset(&src[nsrc++], 0, sizeof(src[0]));
		}
		if (r < nsrc)
			count_visit(&src[r], &visits[i], now);
	}

	cJSON *root = cJSON_CreateObject();
	bool ok = root != NULL;
	char df[11], dl[11];
	civil_format_date(first, df);
	civil_format_date(last, dl);
	ok = ok && ok_num(root, "days", (double)ndays) && ok_str(root, "from", df) && ok_str(root, "to", dl) &&
	     ok_str(root, "timezone", tz_name(z)) && ok_time(root, "generated_at", now);
	if (ok && only) {
		cJSON *s = cJSON_AddObjectToObject(root, "studio");
		ok = s && ok_num(s, "id", (double)only->id) && ok_str(s, "slug", only->slug) && ok_str(s, "name", only->name);
	} else if (ok) {
		ok = ok_str(root, "studio", NULL);
	}
	cJSON *dates = ok ? cJSON_AddArrayToObject(root, "dates") : NULL, *conv = NULL;
	ok = ok && dates;
	for (long d = 0; ok && d < ndays; d++) {
		char ds[11];
		civil_format_date(civil_add_days(first, d), ds);
		ok = ok_push(dates, cJSON_CreateString(ds));
	}
	ok = ok && ok_add(root, "calls", long_array(day_calls, (size_t)ndays)) &&
	     ok_add(root, "served", long_array(day_served, (size_t)ndays)) &&
	     ok_add(root, "bookings", long_array(day_books, (size_t)ndays)) &&
	     (conv = cJSON_AddArrayToObject(root, "conversion")) != NULL;
	for (long d = 0; ok && d < ndays; d++)
		ok = ok_push(conv, day_calls[d] ? cJSON_CreateNumber(round((double)day_books[d] / (double)day_calls[d] * 10000.0) /
		                                                     10000.0)
		                                : cJSON_CreateNull());
	cJSON *tot = ok ? cJSON_AddObjectToObject(root, "totals") : NULL;
	ok = ok && tot && ok_num(tot, "calls", (double)total_calls) && ok_num(tot, "served", (double)total_served) &&
	     ok_num(tot, "bookings", (double)total_books) && ok_rate(tot, "success_rate", total_served, total_calls) &&
	     ok_rate(tot, "conversion", total_books, total_calls);
	cJSON *studios = ok ? cJSON_AddArrayToObject(root, "studios") : NULL;
	ok = ok && studios;
	for (size_t k = 0; ok && k < nst; k++) {
		const struct store_studio *st = only ? only : &all->list[k];
		cJSON *o = cJSON_CreateObject();
		ok = ok_push(studios, o) && ok_num(o, "id", (double)st->id) && ok_str(o, "slug", st->slug) &&
		     ok_str(o, "name", st->name) &&
		     ok_add(o, "calls", long_array(&st_calls[k * TRENDS_MAX_DAYS], (size_t)ndays)) &&
		     ok_add(o, "bookings", long_array(&st_books[k * TRENDS_MAX_DAYS], (size_t)ndays));
		cJSON *att = ok ? cJSON_AddObjectToObject(o, "attendance") : NULL;
		ok = ok && att && ok_tally(att, &st_tally[k]);
	}
	cJSON *hours = ok ? cJSON_AddObjectToObject(root, "hours") : NULL;
	ok = ok && hours && ok_add(hours, "calls", long_array(hours_calls, 7 * 24)) &&
	     ok_add(hours, "bookings", long_array(hours_books, 7 * 24));
	cJSON *reasons = ok ? cJSON_AddObjectToObject(root, "no_booking") : NULL;
	ok = ok && reasons;
	for (size_t r = 0; ok && r < nreasons; r++)
		ok = ok_num(reasons, reason_key[r], (double)reason_n[r]);
	cJSON *att = ok ? cJSON_AddObjectToObject(root, "attendance") : NULL;
	ok = ok && att && ok_tally(att, &sum);
	cJSON *by_src = ok ? cJSON_AddArrayToObject(att, "sources") : NULL;
	ok = ok && by_src;
	for (size_t r = 0; ok && r < nsrc; r++) {
		cJSON *o = cJSON_CreateObject();
		ok = ok_push(by_src, o) && ok_str(o, "source", src_key[r]) && ok_tally(o, &src[r]);
	}
	if (!ok) {
		cJSON_Delete(root);
		return TF_ENOMEM;
	}
	return http_json(req, res, 200, root);
}

/* ---- marks ---- */

static int path_id(struct http_request *req, struct http_response *res, const char *what, int64_t *id)
{
	struct tf_errmsg e = { "" };
	int err = admin_parse_id(req->path_id, what, id, &e);
	return err ? http_fail(req, res, err, e.text) : TF_OK;
}

static int mark_callback(struct app *app, struct http_request *req, struct http_response *res, const char *result)
{
	int64_t id;
	int err = path_id(req, res, "callback id", &id);
	if (err)
		return err;
	err = store_callback_handle(app->store, id, req->token_studio_id, result, req->subject, clock_now());
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "no such callback request");
	if (err == TF_ECONFLICT)
		return http_fail(req, res, TF_ECONFLICT, "the callback request is no longer open");
	if (err)
		return err;
	store_audit(app->store, req->subject ? req->subject : "unknown", arena_printf(req->arena, "callback.%s", result),
	            arena_printf(req->arena, "callback:%lld", (long long)id));
	cJSON *o = cJSON_CreateObject();
	if (o == NULL || !ok_num(o, "id", (double)id) || !ok_str(o, "status", result)) {
		cJSON_Delete(o);
		return TF_ENOMEM;
	}
	return http_json(req, res, 200, o);
}

int callback_done(struct app *app, struct http_request *req, struct http_response *res)
{
	return mark_callback(app, req, res, "done");
}

int callback_unreachable(struct app *app, struct http_request *req, struct http_response *res)
{
	return mark_callback(app, req, res, "unreachable");
}

static int mark_visit(struct app *app, struct http_request *req, struct http_response *res, bool attended)
{
	int64_t id;
	int err = path_id(req, res, "appointment id", &id);
	if (err)
		return err;
	struct store_appointment ap;
	err = store_appointment_get(app->store, req->arena, id, &ap);
	if (err == TF_ENOTFOUND || (err == TF_OK && req->token_studio_id && ap.studio_id != req->token_studio_id))
		return http_fail(req, res, TF_ENOTFOUND, "no such appointment");
	if (err)
		return err;
	err = store_appointment_attendance(app->store, id, attended, req->subject, clock_now());
	if (err == TF_ECONFLICT)
		return http_fail(req, res, TF_ECONFLICT,
		                  arena_printf(req->arena, "the appointment is %s; only one that has begun can be marked",
		                               ap.status));
	if (err)
		return err;
	store_audit(app->store, req->subject ? req->subject : "unknown",
	            attended ? "appointment.attended" : "appointment.no_show",
	            arena_printf(req->arena, "appointment:%lld", (long long)id));
	cJSON *o = cJSON_CreateObject();
	if (o == NULL || !ok_num(o, "id", (double)id) || !ok_str(o, "status", attended ? "completed" : "no_show")) {
		cJSON_Delete(o);
		return TF_ENOMEM;
	}
	return http_json(req, res, 200, o);
}

int appointment_attended(struct app *app, struct http_request *req, struct http_response *res)
{
	return mark_visit(app, req, res, true);
}

int appointment_no_show(struct app *app, struct http_request *req, struct http_response *res)
{
	return mark_visit(app, req, res, false);
}
