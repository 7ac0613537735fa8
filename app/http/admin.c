/* admin.c: the admin API (leads, GDPR export and erasure, appointments, calls,
 * studios, SMS, token revocation, the studios' FAQ). The router has checked the token and its scope;
 * a token limited to one studio sees that studio's records only (others are
 * 404). Every read and write of personal data leaves an audit row with the
 * token's subject, scope and id. */
#include "handlers.h"
#include "admin_json.h"
#include "booking.h"
#include "clock.h"
#include "err.h"
#include "faq.h"
#include "gdpr.h"
#include "log.h"
#include "routes.h"
#include "tz.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const lead_statuses[] = { "new", "contacted", "booked", "customer", "lost", NULL };
static const char *const appointment_statuses[] = { "booked", "cancelled", "completed", "no_show", "rescheduled", NULL };
static const char *const call_statuses[] = { "queued", "initiated", "ringing", "in-progress", "completed", "busy",
                                             "failed", "no-answer", "canceled", NULL };

/* The token's subject did `action` on `target`; a read is only answered once
 * this is written. */
static int audit(struct app *app, struct http_request *req, const char *action, const char *target)
{
	int err = store_audit(app->store, req->subject ? req->subject : "unknown", action, target);
	if (err)
		log_error("audit row not written", "action", action, "error", tf_strerror(err));
	return err;
}

static const char *target_of(struct http_request *req, const char *kind, int64_t id)
{
	return arena_printf(req->arena, "%s:%lld", kind, (long long)id);
}

/* The {id} of a route's path; these routes take no query parameters. */
static int path_id(struct http_request *req, struct http_response *res, const char *what, int64_t *id)
{
	static const char *const none[] = { NULL };
	struct tf_errmsg e = { "" };
	int err = http_check_query(req, res, none);
	if (err == TF_OK && (err = admin_parse_id(req->path_id, what, id, &e)) != TF_OK)
		return http_fail(req, res, err, e.text);
	return err;
}

/* Whether a record of studio_id is for this request's token: every record for
 * a token of every studio, else only those of its studio. */
static bool token_sees(const struct http_request *req, int64_t studio_id)
{
	return req->token_studio_id == 0 || studio_id == req->token_studio_id;
}

/* A lead is its studio's (the studio of its first call). */
static int lead_visible(struct app *app, struct http_request *req, int64_t id)
{
	if (req->token_studio_id == 0)
		return TF_OK;
	struct store_lead_info lead;
	int err = store_admin_lead_get(app->store, req->arena, id, &lead);
	return err ? err : token_sees(req, lead.studio_id) ? TF_OK : TF_ENOTFOUND;
}

/* "studio": an id or a slug of an active studio. */
static int parse_studio(struct app *app, const char *text, const struct store_studio **out, struct tf_errmsg *e)
{
	*out = NULL;
	const struct store_studios *all;
	int err = store_studios(app->store, &all);
	if (err)
		return err;
	bool digits = *text != '\0';
	for (const char *p = text; *p; p++)
		digits = digits && *p >= '0' && *p <= '9';
	if (digits) {
		int64_t id;
		if ((err = admin_parse_id(text, "\"studio\"", &id, e)) != TF_OK)
			return err;
		*out = store_studio_by_id(all, id);
	} else {
		for (size_t i = 0; i < all->n && *out == NULL; i++)
			if (strcmp(all->list[i].slug, text) == 0)
				*out = &all->list[i];
	}
	if (*out == NULL)
		return tf_errmsg_set(e, TF_EVALUE, "\"studio\" names no active studio");
	return TF_OK;
}

/* from, to, studio, status and lead, shared by the calls and appointments lists. */
struct list_filter {
	struct store_list_filter where;
	int limit;
	int64_t offset;
};

static int parse_filter(struct app *app, struct http_request *req, const char *const *statuses, struct list_filter *f,
                        struct tf_errmsg *e)
{
	memset(f, 0, sizeof(*f));
	const struct form *q = &req->query_form;
	int err = admin_parse_page(q, &f->limit, &f->offset, e);
	if (err)
		return err;
	const char *v;
	if ((v = form_get(q, "lead")) && (err = admin_parse_id(v, "\"lead\"", &f->where.lead_id, e)))
		return err;
	const struct store_studio *studio = NULL;
	if ((v = form_get(q, "studio")) && (err = parse_studio(app, v, &studio, e)))
		return err;
	if (req->token_studio_id) {
		/* A studio's token lists its own studio, asked for or not. */
		if (studio && studio->id != req->token_studio_id)
			return tf_errmsg_set(e, TF_EFORBIDDEN, "this token is limited to another studio");
		const struct store_studios *all;
		if ((err = store_studios(app->store, &all)) != TF_OK)
			return err;
		if ((studio = store_studio_by_id(all, req->token_studio_id)) == NULL)
			return TF_EINTERNAL;
	}
	if (studio)
		f->where.studio_id = studio->id;
	if ((v = form_get(q, "status")) && (err = admin_parse_enum(v, "status", statuses, e)))
		return err;
	f->where.status = v;
	struct civil_date from = { 0 }, to = { 0 };
	f->where.has_from = (v = form_get(q, "from")) != NULL;
	if (f->where.has_from && (err = admin_parse_date(v, "from", &from, e)))
		return err;
	f->where.has_to = (v = form_get(q, "to")) != NULL;
	if (f->where.has_to && (err = admin_parse_date(v, "to", &to, e)))
		return err;
	/* Days are the studio's days, or those of the default zone. */
	const struct tz *z;
	if (tz_load(studio ? studio->timezone : app->cfg->timezone, &z) != TF_OK && tz_load("UTC", &z) != TF_OK)
		return TF_EINTERNAL;
	return admin_day_range(z, from, to, f->where.has_from, f->where.has_to, &f->where.from_utc, &f->where.to_utc, e);
}

/* The query of a list of calls, appointments or SMS as a filter; a refusal
 * goes to the router (http_fail). */
static int list_request(struct app *app, struct http_request *req, struct http_response *res,
                        const char *const *statuses, struct list_filter *f)
{
	static const char *const names[] = { "from", "to", "studio", "status", "lead", "limit", "offset", NULL };
	struct tf_errmsg e = { "" };
	int err = http_check_query(req, res, names);
	if (err == TF_OK && (err = parse_filter(app, req, statuses, f, &e)) != TF_OK)
		return http_fail(req, res, err, e.text);
	return err;
}

int admin_leads(struct app *app, struct http_request *req, struct http_response *res)
{
	static const char *const names[] = { "phone", "status", "limit", "offset", NULL };
	struct tf_errmsg e = { "" };
	int err = http_check_query(req, res, names);
	int limit;
	int64_t offset;
	if (err == TF_OK)
		err = admin_parse_page(&req->query_form, &limit, &offset, &e);
	const char *status = form_get(&req->query_form, "status");
	if (err == TF_OK && status)
		err = admin_parse_enum(status, "status", lead_statuses, &e);
	const char *phone = form_get(&req->query_form, "phone");
	char normal[TF_MAX_PHONE + 1];
	if (err == TF_OK && phone)
		err = admin_parse_phone(phone, normal, &e);
	if (err)
		return http_fail(req, res, err, e.text);

	cJSON *items = cJSON_CreateArray();
	if (items == NULL)
		return TF_ENOMEM;
	size_t n = 0;
	bool more = false;
	if (phone) {
		struct store_lead_info lead;
		err = store_admin_lead_by_phone(app->store, req->arena, normal, &lead);
		if (err == TF_OK && !token_sees(req, lead.studio_id))
			err = TF_ENOTFOUND;
		if (err == TF_OK && (status == NULL || strcmp(lead.status, status) == 0) && offset == 0) {
			cJSON *j = admin_lead_json(&lead);
			if (j == NULL || !cJSON_AddItemToArray(items, j))
				err = TF_ENOMEM;
			n = 1;
		}
		if (err == TF_OK || err == TF_ENOTFOUND)
			err = audit(app, req, "leads.lookup", n ? target_of(req, "lead", lead.id) : "none");
	} else {
		struct store_lead_info *list;
		err = store_admin_leads(app->store, req->arena, status, req->token_studio_id, limit, offset, &list, &n, &more);
		for (size_t i = 0; err == TF_OK && i < n; i++) {
			cJSON *j = admin_lead_json(&list[i]);
			if (j == NULL || !cJSON_AddItemToArray(items, j))
				err = TF_ENOMEM;
		}
		if (err == TF_OK)
			err = audit(app, req, "leads.list", "");
	}
	if (err) {
		cJSON_Delete(items);
		return err;
	}
	return http_json(req, res, 200, admin_page_json(items, limit, offset, n, more));
}

/* Answers a lead's document that build gave (err, out), or 404; audited as action. */
static int lead_document(struct app *app, struct http_request *req, struct http_response *res, int64_t id, int err,
                         cJSON *out, const char *action)
{
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "no such lead");
	if (err == TF_OK && (err = audit(app, req, action, target_of(req, "lead", id))) != TF_OK)
		cJSON_Delete(out);
	return err ? err : http_json(req, res, 200, out);
}

int admin_lead_get(struct app *app, struct http_request *req, struct http_response *res)
{
	int64_t id;
	int err = path_id(req, res, "lead id", &id);
	if (err)
		return err;
	cJSON *out = NULL;
	if ((err = lead_visible(app, req, id)) == TF_OK)
		err = admin_lead_detail(app->store, req->arena, id, &out);
	return lead_document(app, req, res, id, err, out, "lead.read");
}

int admin_lead_export(struct app *app, struct http_request *req, struct http_response *res)
{
	int64_t id;
	int err = path_id(req, res, "lead id", &id);
	if (err)
		return err;
	cJSON *out = NULL;
	err = gdpr_export(app->store, req->arena, id, clock_now(), &out);
	return lead_document(app, req, res, id, err, out, "lead.export");
}

int admin_lead_erase(struct app *app, struct http_request *req, struct http_response *res)
{
	int64_t id;
	int err = path_id(req, res, "lead id", &id);
	if (err)
		return err;
	struct store_erase_counts c;
	err = store_gdpr_erase_lead(app->store, id, req->subject ? req->subject : "unknown", &c);
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "no such lead");
	if (err)
		return err;
	char lead[24];
	snprintf(lead, sizeof(lead), "%lld", (long long)id);
	log_info("lead erased", "lead", lead, "actor", req->subject ? req->subject : "unknown");
	cJSON *o = cJSON_CreateObject();
	cJSON *d = o ? cJSON_AddObjectToObject(o, "deleted") : NULL;
	bool ok = o && d && cJSON_AddBoolToObject(o, "erased", true) && cJSON_AddNumberToObject(o, "lead_id", (double)id) &&
	          cJSON_AddNumberToObject(d, "calls", c.calls) && cJSON_AddNumberToObject(d, "turns", c.turns) &&
	          cJSON_AddNumberToObject(d, "appointments", c.appointments) && cJSON_AddNumberToObject(d, "sms", c.sms) &&
	          cJSON_AddNumberToObject(d, "callback_requests", c.callbacks) &&
	          cJSON_AddNumberToObject(d, "transfers", c.handoffs) &&
	          cJSON_AddNumberToObject(d, "recordings", c.recordings_removed) &&
	          cJSON_AddNumberToObject(o, "recordings_pending_deletion", c.recordings_marked);
	if (!ok) {
		cJSON_Delete(o);
		return TF_ENOMEM;
	}
	return http_json(req, res, 200, o);
}

/* Audits a filtered list read (naming the lead filtered on) and answers
 * with the page of items; ok false (building items failed) or a failed
 * audit frees items and returns the error. */
static int list_answer(struct app *app, struct http_request *req, struct http_response *res, const char *action,
                       const struct list_filter *f, cJSON *items, bool ok, size_t n, bool more)
{
	int err = TF_OK;
	if (!ok || (err = audit(app, req, action, f->where.lead_id ? target_of(req, "lead", f->where.lead_id) : "")) != TF_OK) {
		cJSON_Delete(items);
		return ok ? err : TF_ENOMEM;
	}
	return http_json(req, res, 200, admin_page_json(items, f->limit, f->offset, n, more));
}

int admin_appointments(struct app *app, struct http_request *req, struct http_response *res)
{
	struct list_filter f;
	int err = list_request(app, req, res, appointment_statuses, &f);
	if (err)
		return err;
	struct store_appointment *list;
	size_t n;
	bool more;
	const struct store_studios *studios = NULL;
	if ((err = store_admin_appointments(app->store, req->arena, &f.where, f.limit, f.offset, &list, &n, &more)) ||
	    (err = store_studios(app->store, &studios)))
		return err;
	cJSON *items = cJSON_CreateArray();
	bool ok = items != NULL;
	for (size_t i = 0; ok && i < n; i++) {
		ok = admin_json_append(items, admin_appointment_json(&list[i], studios));
	}
	return list_answer(app, req, res, "appointments.list", &f, items, ok, n, more);
}

int admin_appointment_cancel(struct app *app, struct http_request *req, struct http_response *res)
{
	int64_t id;
	int err = path_id(req, res, "appointment id", &id);
	if (err)
		return err;
	struct store_appointment ap;
	err = store_appointment_get(app->store, req->arena, id, &ap);
	if (err == TF_ENOTFOUND || (err == TF_OK && !token_sees(req, ap.studio_id)))
		return http_fail(req, res, TF_ENOTFOUND, "no such appointment");
	if (err)
		return err;
	int64_t now = clock_now();
	if (strcmp(ap.status, "booked") != 0)
		return http_fail(req, res, TF_ECONFLICT, arena_printf(req->arena, "the appointment is %s; only booked ones can be cancelled",
		                                              ap.status));
	if (ap.start_utc <= now)
		return http_fail(req, res, TF_ECONFLICT, "the appointment has already begun");
	struct booking_outcome out;
	if ((err = booking_cancel(app->store, req->arena, id, now, app->cfg->twilio_phone_number, &out)) != TF_OK)
		return err;
	if (out.result != BOOKING_OK)
		return http_fail(req, res, TF_ECONFLICT, "the appointment can no longer be cancelled");
	/* Done either way: an audit failure is logged, not turned into an error. */
	audit(app, req, "appointment.cancel", target_of(req, "appointment", id));
	if ((err = store_appointment_get(app->store, req->arena, id, &ap)) != TF_OK)
		return err;
	const struct store_studios *studios = NULL;
	if (store_studios(app->store, &studios) != TF_OK)
		studios = NULL;
	return http_json(req, res, 200, admin_appointment_json(&ap, studios));
}

int admin_calls(struct app *app, struct http_request *req, struct http_response *res)
{
	struct list_filter f;
	int err = list_request(app, req, res, call_statuses, &f);
	if (err)
		return err;
	struct store_call_info *list;
	size_t n;
	bool more;
	if ((err = store_admin_calls(app->store, req->arena, &f.where, f.limit, f.offset, &list, &n, &more)) != TF_OK)
		return err;
	cJSON *items = cJSON_CreateArray();
	bool ok = items != NULL;
	for (size_t i = 0; ok && i < n; i++) {
		ok = admin_json_append(items, admin_call_json(&list[i]));
	}
	return list_answer(app, req, res, "calls.list", &f, items, ok, n, more);
}

/* GET /sms: the SMS, most recently changed first, without their text and with
 * the recipient masked; ?status=failed lists what Twilio refused, with the
 * reason. from and to are days of the last change. */
int admin_sms(struct app *app, struct http_request *req, struct http_response *res)
{
	static const char *const statuses[] = { "queued", "sending", "sent", "delivered", "undelivered", "failed",
	                                        "cancelled", NULL };
	struct list_filter f;
	int err = list_request(app, req, res, statuses, &f);
	if (err)
		return err;
	struct store_sms_filter sf = {
		.status = f.where.status, .studio_id = f.where.studio_id, .lead_id = f.where.lead_id,
		.has_from = f.where.has_from, .has_to = f.where.has_to, .from_utc = f.where.from_utc,
		.to_utc = f.where.to_utc, .with_to = true,
	};
	struct store_sms_row *list;
	size_t n;
	bool more;
	if ((err = store_sms_list(app->store, req->arena, &sf, f.limit, f.offset, &list, &n, &more)) != TF_OK)
		return err;
	cJSON *items = cJSON_CreateArray();
	bool ok = items != NULL;
	for (size_t i = 0; ok && i < n; i++) {
		ok = admin_json_append(items, admin_sms_json(&list[i], true));
	}
	return list_answer(app, req, res, "sms.list", &f, items, ok, n, more);
}

int admin_studios(struct app *app, struct http_request *req, struct http_response *res)
{
	static const char *const names[] = { NULL };
	int err = http_check_query(req, res, names);
	if (err)
		return err;
	const struct store_studios *all;
	if ((err = store_studios(app->store, &all)) != TF_OK)
		return err;
	cJSON *items = cJSON_CreateArray();
	bool ok = items != NULL;
	size_t n = 0;
	for (size_t i = 0; ok && i < all->n; i++) {
		if (!token_sees(req, all->list[i].id))
			continue;
		ok = admin_json_append(items, admin_studio_json(&all->list[i]));
		n++;
	}
	if (!ok) {
		cJSON_Delete(items);
		return TF_ENOMEM;
	}
	/* Studios hold no personal data: not audited. */
	return http_json(req, res, 200, admin_page_json(items, (int)n, 0, n, false));
}

/* DELETE /tokens/{id}: the token is refused from its next request on. */
int admin_token_revoke(struct app *app, struct http_request *req, struct http_response *res)
{
	static const char *const none[] = { NULL };
	int err = http_check_query(req, res, none);
	if (err)
		return err;
	const char *id = req->path_id;
	if (strlen(id) >= JWT_MAX_ID)
		return http_fail(req, res, TF_ENOTFOUND, "no such token");
	bool already = false;
	int64_t now = (int64_t)time(NULL);
	err = store_token_revoke(app->store, id, req->subject, now, &already);
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "no such token");
	if (err)
		return err;
	if (!already)
		audit(app, req, "token.revoke", arena_printf(req->arena, "token:%s", id));
	struct store_token t;
	if ((err = store_token_get(app->store, req->arena, id, &t)) != TF_OK)
		return err;
	char when[20], iso[21];
	store_format_utc(t.revoked_utc, when);
	admin_iso_time(when, iso);
	cJSON *o = cJSON_CreateObject();
	bool ok = o && cJSON_AddStringToObject(o, "id", t.id) && cJSON_AddBoolToObject(o, "revoked", true) &&
	          cJSON_AddStringToObject(o, "revoked_at", iso) && cJSON_AddStringToObject(o, "subject", t.subject) &&
	          cJSON_AddStringToObject(o, "scope", t.scope);
	if (!ok) {
		cJSON_Delete(o);
		return TF_ENOMEM;
	}
	return http_json(req, res, 200, o);
}

/* ---- /studios/{slug}/faq[/{id}]: the questions a studio answers on the phone ---- */

/* The studio of the path (its slug, active, visible to the token) and, for
 * /faq/{id}, the row's id (0 without). TF_ENOTFOUND for a studio the token
 * does not see. */
static int faq_path(struct app *app, struct http_request *req, struct http_response *res,
                    const struct store_studio **studio, int64_t *id)
{
	static const char *const none[] = { NULL };
	static const char prefix[] = ROUTE_STUDIOS;
	struct tf_errmsg e = { "" };
	*studio = NULL;
	*id = 0;
	int err = http_check_query(req, res, none);
	if (err)
		return err;
	const char *slug = req->path + sizeof(prefix) - 1;
	const char *end = strchr(slug, '/');
	const struct store_studios *all;
	if (end == NULL || (err = store_studios(app->store, &all)) != TF_OK)
		return end == NULL ? http_fail(req, res, TF_ENOTFOUND, "no such studio") : err;
	for (size_t i = 0; i < all->n && *studio == NULL; i++)
		if (strlen(all->list[i].slug) == (size_t)(end - slug) &&
		    strncmp(all->list[i].slug, slug, (size_t)(end - slug)) == 0)
			*studio = &all->list[i];
	if (*studio == NULL || !token_sees(req, (*studio)->id))
		return http_fail(req, res, TF_ENOTFOUND, "no such studio");
	if (strcmp(end, "/faq") != 0 && (err = admin_parse_id(req->path_id, "FAQ id", id, &e)) != TF_OK)
		return http_fail(req, res, err, e.text);
	return TF_OK;
}

static int faq_answer(struct app *app, struct http_request *req, struct http_response *res, int status,
                      const struct store_studio *studio, int64_t id)
{
	struct store_faq f;
	int err = store_faq_get(app->store, req->arena, studio->id, id, &f);
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "no such FAQ entry");
	return err ? err : http_json(req, res, status, faq_json(&f, studio->slug));
}

int admin_faq_list(struct app *app, struct http_request *req, struct http_response *res)
{
	const struct store_studio *studio;
	int64_t id;
	int err = faq_path(app, req, res, &studio, &id);
	if (err)
		return err;
	struct store_faq *list;
	size_t n;
	if ((err = store_faq_list(app->store, req->arena, studio->id, &list, &n)) != TF_OK)
		return err;
	cJSON *items = cJSON_CreateArray();
	bool ok = items != NULL;
	for (size_t i = 0; ok && i < n; i++) {
		ok = admin_json_append(items, faq_json(&list[i], studio->slug));
	}
	if (!ok) {
		cJSON_Delete(items);
		return TF_ENOMEM;
	}
	/* The studio's own texts, no personal data: reads are not audited. */
	return http_json(req, res, 200, admin_page_json(items, STORE_FAQ_MAX, 0, n, false));
}

int admin_faq_get(struct app *app, struct http_request *req, struct http_response *res)
{
	const struct store_studio *studio;
	int64_t id;
	int err = faq_path(app, req, res, &studio, &id);
	if (err)
		return err;
	return faq_answer(app, req, res, 200, studio, id);
}

/* POST (id 0) and PUT: the body checked, the row written and audited. */
static int faq_write(struct app *app, struct http_request *req, struct http_response *res, bool create)
{
	const struct store_studio *studio;
	int64_t id;
	int err = faq_path(app, req, res, &studio, &id);
	if (err)
		return err;
	struct store_faq f = { 0 };
	if (!create && (err = store_faq_get(app->store, req->arena, studio->id, id, &f)) != TF_OK)
		return err == TF_ENOTFOUND ? http_fail(req, res, TF_ENOTFOUND, "no such FAQ entry") : err;
	struct tf_errmsg e = { "" };
	if ((err = faq_parse_body(req->arena, req->body, req->body_len, !create, &f, &e)) != TF_OK)
		return http_fail(req, res, err, e.text);
	f.studio_id = studio->id;
	f.id = id;
	err = store_faq_put(app->store, &f, clock_now(), &id);
	if (err == TF_ECONFLICT)
		return http_fail(req, res, TF_ECONFLICT, "the studio already has an FAQ entry with this topic");
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "no such FAQ entry");
	if (err)
		return err;
	audit(app, req, create ? "faq.create" : "faq.update", target_of(req, "faq", id));
	log_info("studio FAQ written", "studio", studio->slug, "topic", f.topic);
	return faq_answer(app, req, res, create ? 201 : 200, studio, id);
}

int admin_faq_create(struct app *app, struct http_request *req, struct http_response *res)
{
	return faq_write(app, req, res, true);
}

int admin_faq_update(struct app *app, struct http_request *req, struct http_response *res)
{
	return faq_write(app, req, res, false);
}

int admin_faq_delete(struct app *app, struct http_request *req, struct http_response *res)
{
	const struct store_studio *studio;
	int64_t id;
	int err = faq_path(app, req, res, &studio, &id);
	if (err)
		return err;
	err = store_faq_delete(app->store, studio->id, id);
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "no such FAQ entry");
	if (err)
		return err;
	audit(app, req, "faq.delete", target_of(req, "faq", id));
	cJSON *o = cJSON_CreateObject();
	if (o && (!cJSON_AddNumberToObject(o, "id", (double)id) || !cJSON_AddBoolToObject(o, "deleted", true))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return http_json(req, res, 200, o);
}
