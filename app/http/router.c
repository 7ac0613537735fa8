/* router.c: the route table, the guards it names (Twilio signature, admin
 * token and its scope, body type), and the one place where errors become HTTP. */
#include "app.h"
#include "handlers.h"
#include "admin_json.h"
#include "err.h"
#include "clock.h"
#include "dialogflow.h"
#include "jwt.h"
#include "tf_limits.h"
#include "log.h"
#include "metrics.h"
#include "routes.h"
#include "twiml.h"
#include "twsig.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
	R_TWILIO = 1 << 0,  /* form body, X-Twilio-Signature, answers TwiML even on failure */
	R_ADMIN = 1 << 1,   /* Authorization: Bearer <JWT> of scope "admin" (unless R_STATS) */
	R_JSON = 1 << 2,    /* JSON body */
	R_DF_SECRET = 1 << 3, /* X-Terminfon-Webhook-Secret, the static header of the CX agent's webhook */
	R_STATS = 1 << 4,   /* with R_ADMIN: a token of scope "stats" is enough (figures, no personal data) */
	R_CHAIN = 1 << 5,   /* with R_ADMIN: not for a token limited to one studio (the person's data in every studio) */
	R_REPLAY = 1 << 6,  /* with R_TWILIO: a retried delivery (same I-Twilio-Idempotency-Token) gets the first answer */
};

struct route {
	const char *method;
	const char *path;   /* '*' stands for one path segment ({id}) */
	/* Returns a tf_err; on error the router answers for the handler (the German
	 * fallback TwiML on Twilio routes, {"error": ...} elsewhere). */
	int (*handler)(struct app *app, struct http_request *req, struct http_response *res);
	unsigned flags;
};

static const struct route routes[] = {
	{ "POST", ROUTE_VOICE_WEBHOOK, voice_webhook, R_TWILIO },
	{ "POST", ROUTE_VOICE_GATHER, voice_gather, R_TWILIO | R_REPLAY },
	{ "POST", ROUTE_VOICE_DIAL_STATUS, voice_dial_status, R_TWILIO | R_REPLAY },
	{ "POST", ROUTE_VOICE_QUEUE_CHECK, voice_queue_check, R_TWILIO | R_REPLAY },
	{ "POST", ROUTE_STATUS_CALLBACK, status_callback, R_TWILIO },
	{ "POST", ROUTE_RECORDING_CALLBACK, recording_callback, R_TWILIO },
	{ "POST", ROUTE_SMS_STATUS, sms_status, R_TWILIO },
	{ "POST", ROUTE_SMS_INCOMING, sms_incoming, R_TWILIO },
	{ "POST", ROUTE_DIALOGFLOW_TEST, dialogflow_test, R_ADMIN | R_JSON },
	{ "POST", ROUTE_DIALOGFLOW_WEBHOOK, dialogflow_fulfillment, R_DF_SECRET | R_JSON },
	{ "GET", ROUTE_API "/leads", admin_leads, R_ADMIN },
	{ "GET", ROUTE_API "/leads/*", admin_lead_get, R_ADMIN },
	{ "DELETE", ROUTE_API "/leads/*", admin_lead_erase, R_ADMIN | R_CHAIN },
	{ "GET", ROUTE_API "/leads/*/export", admin_lead_export, R_ADMIN | R_CHAIN },
	{ "GET", ROUTE_API "/appointments", admin_appointments, R_ADMIN },
	{ "POST", ROUTE_API "/appointments/*/cancel", admin_appointment_cancel, R_ADMIN },
	{ "GET", ROUTE_API "/calls", admin_calls, R_ADMIN },
	{ "GET", ROUTE_API "/sms", admin_sms, R_ADMIN },
	{ "GET", ROUTE_API "/studios", admin_studios, R_ADMIN | R_STATS },
	{ "GET", ROUTE_STUDIOS "*/faq", admin_faq_list, R_ADMIN },
	{ "POST", ROUTE_STUDIOS "*/faq", admin_faq_create, R_ADMIN | R_JSON },
	{ "GET", ROUTE_STUDIOS "*/faq/*", admin_faq_get, R_ADMIN },
	{ "PUT", ROUTE_STUDIOS "*/faq/*", admin_faq_update, R_ADMIN | R_JSON },
	{ "DELETE", ROUTE_STUDIOS "*/faq/*", admin_faq_delete, R_ADMIN },
	{ "GET", ROUTE_API "/stats", stats_get, R_ADMIN | R_STATS },
	{ "GET", ROUTE_API "/day", day_get, R_ADMIN | R_STATS },
	{ "GET", ROUTE_API "/trends", trends_get, R_ADMIN | R_STATS },
	{ "POST", ROUTE_API "/callbacks/*/done", callback_done, R_ADMIN },
	{ "POST", ROUTE_API "/callbacks/*/unreachable", callback_unreachable, R_ADMIN },
	{ "POST", ROUTE_API "/appointments/*/attended", appointment_attended, R_ADMIN },
	{ "POST", ROUTE_API "/appointments/*/no-show", appointment_no_show, R_ADMIN },
	{ "DELETE", ROUTE_API "/tokens/*", admin_token_revoke, R_ADMIN | R_CHAIN },
	/* The key in the query is the feed's guard (calendar.c). */
	{ "GET", ROUTE_STUDIOS "*" ROUTE_CALENDAR_ICS, calendar_feed_get, 0 },
	{ "GET", ROUTE_STUDIOS "*/calendar-keys", calendar_keys_list, R_ADMIN },
	{ "POST", ROUTE_STUDIOS "*/calendar-keys", calendar_keys_create, R_ADMIN },
	{ "DELETE", ROUTE_API "/calendar-keys/*", calendar_keys_revoke, R_ADMIN },
	{ "GET", ROUTE_STUDIOS "*/caldav", calendar_caldav_get, R_ADMIN },
	{ "PUT", ROUTE_STUDIOS "*/caldav", calendar_caldav_put, R_ADMIN | R_JSON },
	{ "DELETE", ROUTE_STUDIOS "*/caldav", calendar_caldav_delete, R_ADMIN },
	{ "POST", ROUTE_STUDIOS "*/caldav/sync", calendar_caldav_sync, R_ADMIN },
	{ "GET", ROUTE_API "/health", ops_health, 0 },
	{ "GET", ROUTE_API "/metrics", ops_metrics, 0 },
};
#define NROUTES ((int)(sizeof(routes) / sizeof(routes[0])))

/* Metric series are named "METHOD path": one path may carry several methods
 * (GET and DELETE of a lead), and each must be its own series. */
int router_route_names(const char *const **names)
{
	static char buf[NROUTES][METRICS_ROUTE_NAME];
	static const char *list[NROUTES];
	for (int i = 0; i < NROUTES; i++) {
		snprintf(buf[i], sizeof(buf[i]), "%s %s", routes[i].method, routes[i].path);
		list[i] = buf[i];
	}
	*names = list;
	return NROUTES;
}

/* Matches a path against a pattern; a '*' segment matches one non-empty
 * segment and is handed out as *id. */
static bool path_match(const char *pattern, const char *path, struct arena *a, const char **id)
{
	while (*pattern && *path) {
		if (*pattern == '*') {
			const char *end = path;
			while (*end && *end != '/')
				end++;
			if (end == path)
				return false;
			*id = arena_strndup(a, path, (size_t)(end - path));
			path = end;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

int http_text(struct http_request *req, struct http_response *res, int status, const char *type,
              const char *body, size_t len)
{
	char *copy = arena_strndup(req->arena, body, len);
	if (copy == NULL)
		return TF_ENOMEM;
	res->status = status;
	res->content_type = type;
	res->body = copy;
	res->body_len = len;
	return TF_OK;
}

int http_json(struct http_request *req, struct http_response *res, int status, void *cjson)
{
	cJSON *j = cjson;
	if (j == NULL)
		return TF_ENOMEM;
	char *text = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (text == NULL)
		return TF_ENOMEM;
	int err = http_text(req, res, status, "application/json", text, strlen(text));
	cJSON_free(text);
	return err;
}

static int http_error(struct http_request *req, struct http_response *res, int status, const char *message)
{
	/* The access log reads res->error after the handler returned: keep a
	 * copy that lives as long as the request, whatever message points to. */
	const char *copy = arena_strdup(req->arena, message);
	if (copy)
		message = copy;
	cJSON *j = cJSON_CreateObject();
	if (j && !cJSON_AddStringToObject(j, "error", message)) {
		cJSON_Delete(j);
		j = NULL;
	}
	res->error = message;
	if (j == NULL) {
		static const char oom[] = "{\"error\":\"out of memory\"}";
		res->status = 500;
		res->content_type = "application/json";
		res->body = oom;
		res->body_len = sizeof(oom) - 1;
		return TF_OK;
	}
	return http_json(req, res, status, j);
}

int http_fail(struct http_request *req, struct http_response *res, int err, const char *message)
{
	const char *copy = message && *message ? arena_strdup(req->arena, message) : NULL;
	if (copy)
		res->message = copy;
	return err;
}

int http_check_query(struct http_request *req, struct http_response *res, const char *const *names)
{
	if (*req->query && req->query_form.n == 0) {
		struct form f;
		int err = form_parse(req->arena, req->query, strlen(req->query), &f);
		if (err == TF_ENOMEM)
			return err;
		if (err)
			return http_fail(req, res, TF_EINVAL, "malformed query string");
	}
	struct tf_errmsg e = { "" };
	int err = admin_query_allowed(&req->query_form, names, &e);
	return err ? http_fail(req, res, err, e.text) : TF_OK;
}

int http_twiml(struct http_request *req, struct http_response *res, struct twiml *doc)
{
	char *xml = NULL;
	size_t len = 0;
	int err = doc ? twiml_render(doc, &xml, &len) : TF_ENOMEM;
	twiml_free(doc);
	if (err == TF_OK)
		err = http_text(req, res, 200, "text/xml; charset=utf-8", xml, len);
	free(xml);
	return err;
}

static void twilio_fallback(struct http_request *req, struct http_response *res, int err)
{
	const char *xml = twiml_fallback_xml();
	metrics_inc(M_FALLBACK_TWIML);
	res->status = 200;
	res->content_type = "text/xml; charset=utf-8";
	res->body = xml;
	res->body_len = strlen(xml);
	res->error = tf_strerror(err);
}

static int err_status(int err)
{
	switch (err) {
	case TF_EINVAL: return 400;
	case TF_EAUTH: return 401;
	case TF_EFORBIDDEN: return 403;
	case TF_ENOTFOUND: return 404;
	case TF_ECONFLICT: return 409;
	case TF_ELIMIT: return 413;
	case TF_EVALUE: return 422;
	case TF_EBUSY:
	case TF_ETIMEOUT:
	case TF_EUPSTREAM: return 503;
	default: return 500;
	}
}

static bool twilio_signed(struct app *app, struct http_request *req)
{
	char *url = NULL;
	if (twsig_url(req->arena, app->cfg->base_url, req->scheme, req->host, req->uri, &url) != TF_OK)
		return false;
	return twsig_check(app->cfg->twilio_auth_token, url, &req->form, req->twilio_signature);
}

/* The admin token guard: a valid signature and lifetime, a scope and an id,
 * a row in admin_tokens that agrees and is not revoked (one primary-key
 * lookup), then the route's scope and studio flags. Answers the refusal
 * itself (401: no usable token, 403: a token that may not do this) and
 * returns false; a database failure is an error (*err). */
static bool token_authorised(struct app *app, struct http_request *req, struct http_response *res, unsigned flags,
                             int *err)
{
	*err = TF_OK;
	const char *h = req->authorization;
	if (h == NULL || strncmp(h, "Bearer ", 7) != 0 || app->cfg->jwt_secret == NULL || !*app->cfg->jwt_secret) {
		http_error(req, res, 401, "missing or invalid token");
		return false;
	}
	struct jwt_claims c;
	const char *token = h + 7;
	if (jwt_hs256_verify_claims(app->cfg->jwt_secret, token, strlen(token), (long)time(NULL), &c) != TF_OK) {
		http_error(req, res, 401, "missing or invalid token");
		return false;
	}
	/* Tokens of earlier versions carry neither: they could do everything and
	 * could not be revoked, so they are refused rather than read as admin. */
	if (c.scope == JWT_SCOPE_NONE || c.jti[0] == '\0') {
		http_error(req, res, 401, "token without scope or id: mint a new one with `terminfon token --scope stats|admin`");
		return false;
	}
	struct store_token row;
	int e = store_token_get(app->store, req->arena, c.jti, &row);
	if (e == TF_ENOTFOUND) {
		http_error(req, res, 401, "unknown token");
		return false;
	}
	if (e) {
		*err = e;
		return false;
	}
	if (row.revoked) {
		http_error(req, res, 401, "token revoked");
		return false;
	}
	int64_t studio_id = 0;
	if (c.studio[0]) {
		const struct store_studios *all;
		if ((e = store_studios(app->store, &all)) != TF_OK) {
			*err = e;
			return false;
		}
		for (size_t i = 0; i < all->n && studio_id == 0; i++)
			if (strcmp(all->list[i].slug, c.studio) == 0)
				studio_id = all->list[i].id;
		if (studio_id == 0) {
			http_error(req, res, 401, "the token's studio is not active");
			return false;
		}
	}
	if (strcmp(row.scope, jwt_scope_name(c.scope)) != 0 || strcmp(row.subject, c.sub) != 0 ||
	    row.studio_id != studio_id) {
		http_error(req, res, 401, "missing or invalid token");
		return false;
	}
	if (!(flags & R_STATS) && c.scope != JWT_SCOPE_ADMIN) {
		http_error(req, res, 403, "this token may only read the statistics (scope stats)");
		return false;
	}
	if ((flags & R_CHAIN) && studio_id != 0) {
		http_error(req, res, 403, "this token is limited to one studio; this needs an admin token for every studio");
		return false;
	}
	req->subject = arena_strdup(req->arena, c.sub);
	req->token_id = arena_strdup(req->arena, c.jti);
	req->token_scope = c.scope;
	req->token_studio_id = studio_id;
	if (req->subject == NULL || req->token_id == NULL) {
		*err = TF_ENOMEM;
		return false;
	}
	store_audit_context(app->store, jwt_scope_name(c.scope), req->token_id);
	return true;
}

/* How long a retried delivery waits for the first one to be answered
 * (Twilio gave up on it, but it may still be in hand), looking every
 * REPLAY_POLL_US. Past that the first one is taken to have died, and this
 * one answers. */
#define REPLAY_WAIT_US (4 * 1000000LL)
#define REPLAY_POLL_US 50000

/* A turn Twilio sends again (the same I-Twilio-Idempotency-Token for this
 * call) is answered with the TwiML of the first delivery, so the
 * conversation moves on once and nothing is booked twice. Returns true when
 * res holds that answer; *claimed says this request is the first and saves
 * its answer (replay_end). Without the store it answers afresh. */
static bool replay_begin(struct app *app, struct http_request *req, struct http_response *res, bool *claimed)
{
	*claimed = false;
	const char *sid = res->call_sid, *token = req->idempotency_token;
	enum store_reply_state state;
	const char *answer;
	int err = store_reply_claim(app->store, req->arena, sid, token, req->path, clock_now(), &state, &answer);
	for (long long waited = 0; err == TF_OK && state == STORE_REPLY_IN_HAND && waited < REPLAY_WAIT_US;
	     waited += REPLAY_POLL_US) {
		usleep(REPLAY_POLL_US);
		err = store_reply_get(app->store, req->arena, sid, token, &state, &answer);
	}
	if (err) {
		log_warn("webhook answers unavailable, answering afresh", "error", tf_strerror(err));
		return false;
	}
	switch (state) {
	case STORE_REPLY_CLAIMED:
		*claimed = true;
		return false;
	case STORE_REPLY_ANSWERED:
		if (http_text(req, res, 200, "text/xml; charset=utf-8", answer, strlen(answer)) != TF_OK)
			return false;
		log_info("retried webhook answered as the first time", "route", req->path);
		return true;
	case STORE_REPLY_IN_HAND:
		log_warn("first delivery of a retried webhook never answered, answering it now", "route", req->path);
		*claimed = true;
		return false;
	case STORE_REPLY_NO_CALL:
		break;
	}
	return false;
}

/* Saves the answer of a claimed request, or gives the claim up when the
 * handler failed (a retry then tries afresh). */
static void replay_end(struct app *app, struct http_request *req, const struct http_response *res, bool answered)
{
	int err = answered ? store_reply_save(app->store, res->call_sid, req->idempotency_token, res->body)
	                   : store_reply_release(app->store, res->call_sid, req->idempotency_token);
	if (err)
		log_warn("saving the webhook answer for retries failed", "error", tf_strerror(err));
}

static bool content_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void router_handle(struct app *app, struct http_request *req, struct http_response *res)
{
	const struct route *r = NULL;
	bool path_known = false;
	int route_index = -1;
	for (int i = 0; i < NROUTES; i++) {
		const char *id = NULL;
		if (!path_match(routes[i].path, req->path, req->arena, &id))
			continue;
		path_known = true;
		if (strcmp(routes[i].method, req->method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
			r = &routes[i];
			route_index = i;
			req->path_id = id;
			break;
		}
	}
	if (r == NULL) {
		if (path_known) {
			/* Collect the methods of this path for the Allow header. */
			const char *allow = "";
			for (int i = 0; i < NROUTES; i++) {
				const char *id = NULL;
				if (path_match(routes[i].path, req->path, req->arena, &id))
					allow = *allow ? arena_printf(req->arena, "%s, %s", allow, routes[i].method) : routes[i].method;
			}
			res->allow = allow;
			http_error(req, res, 405, "method not allowed");
		} else {
			http_error(req, res, 404, "no such route");
		}
		return;
	}

	int err = TF_OK;
	if (req->body_too_large) {
		http_error(req, res, 413, "body too large");
		goto out;
	}
	if (r->flags & R_TWILIO) {
		if (!content_type_is(req->content_type, "application/x-www-form-urlencoded")) {
			http_error(req, res, 415, "expected application/x-www-form-urlencoded");
			goto out;
		}
		err = form_parse(req->arena, req->body, req->body_len, &req->form);
		if (err) {
			http_error(req, res, err == TF_ELIMIT ? 413 : 400, "malformed form body");
			goto out;
		}
		res->call_sid = form_get(&req->form, "CallSid");
		res->from = form_get(&req->form, "From");
		/* Every line logged while Twilio's request is answered names the call. */
		log_set_context(req->request_id, res->call_sid);
		if (!twilio_signed(app, req)) {
			metrics_inc(M_SIGNATURE_REJECTED);
			http_error(req, res, 403, "invalid signature");
			goto out;
		}
	}
	if ((r->flags & R_ADMIN) && !token_authorised(app, req, res, r->flags, &err)) {
		if (err)
			http_error(req, res, err_status(err), tf_strerror(err));
		goto out;
	}
	if ((r->flags & R_DF_SECRET) && !dialogflow_webhook_authorised(app->cfg, req->webhook_secret)) {
		http_error(req, res, 401, "missing or wrong X-Terminfon-Webhook-Secret");
		goto out;
	}
	if ((r->flags & R_JSON) && !content_type_is(req->content_type, "application/json")) {
		http_error(req, res, 415, "expected application/json");
		goto out;
	}

	bool claimed = false;
	if ((r->flags & R_REPLAY) && req->idempotency_token && res->call_sid && *res->call_sid &&
	    replay_begin(app, req, res, &claimed))
		goto out;

	err = r->handler(app, req, res);
	if (claimed)
		replay_end(app, req, res, err == TF_OK && res->status == 200 && res->body != NULL);
	if (err) {
		if (r->flags & R_TWILIO) {
			log_error("handler failed, answering fallback TwiML", "route", r->path, "error", tf_strerror(err));
			twilio_fallback(req, res, err);
		} else {
			http_error(req, res, err_status(err),
			           res->message ? res->message : err == TF_ENOTFOUND ? "not found" : tf_strerror(err));
		}
	} else if (res->status == 0) {
		/* A handler that answered nothing is a bug; never send an empty reply. */
		if (r->flags & R_TWILIO)
			twilio_fallback(req, res, TF_EINTERNAL);
		else
			http_error(req, res, 500, "internal error");
	}
out:
	/* The token's scope and id, and the CallSid, belong to this request only. */
	store_audit_context(app->store, NULL, NULL);
	if (r->flags & R_TWILIO)
		log_set_context(req->request_id, NULL);
	metrics_request(route_index, res->status, clock_mono_us() - req->start_us);
}
