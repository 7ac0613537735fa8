/* calendar_feed.c: the studio's calendar feed (GET /studios/{slug}/calendar.ics,
 * behind a key in the query) and the admin routes of its keys and of the
 * studio's CalDAV calendar. The key never reaches a log: the access log
 * names the path only. */
#include "handlers.h"
#include "caldav.h"
#include "calendar.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "num.h"
#include "routes.h"
#include "store_calendar.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int calendar_feed_get(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *key = form_get(&req->query_form, "key");
	if (key == NULL || *key == '\0')
		return http_fail(req, res, TF_EFORBIDDEN, "a calendar key is needed: ?key=...");
	struct buf out;
	buf_init(&out, 32u << 20);
	char etag[CALENDAR_ETAG_LEN];
	bool not_modified = false;
	int err = calendar_feed(app->store, req->arena, req->path_id, key, clock_now(),
	                        calendar_uid_host(req->arena, app->cfg->base_url), req->if_none_match, &not_modified,
	                        &out, etag);
	if (err == TF_ENOTFOUND) {
		buf_free(&out);
		return http_fail(req, res, TF_ENOTFOUND, "no such studio");
	}
	if (err == TF_EAUTH) {
		buf_free(&out);
		return http_fail(req, res, TF_EFORBIDDEN, "invalid or revoked calendar key");
	}
	if (err == TF_OK) {
		res->etag = arena_strdup(req->arena, etag);
		/* Calendar programs may keep it, but ask again (cheaply, with the ETag). */
		res->cache_control = "private, no-cache";
		if (not_modified) {
			res->status = 304;
			res->content_type = "text/calendar; charset=utf-8";
			res->body = "";
			res->body_len = 0;
		} else {
			err = http_text(req, res, 200, "text/calendar; charset=utf-8", out.data ? out.data : "", out.len);
		}
	}
	buf_free(&out);
	return err;
}

/* ---- admin ---- */

/* The active studio of the path's slug that the token may see; NULL
 * otherwise, with *err TF_ENOTFOUND (http_fail) or the store's error. */
static const struct store_studio *calendar_studio(struct app *app, struct http_request *req,
                                                  struct http_response *res, int *err)
{
	const struct store_studios *all;
	*err = store_studios(app->store, &all);
	if (*err)
		return NULL;
	for (size_t i = 0; req->path_id && i < all->n; i++) {
		const struct store_studio *st = &all->list[i];
		if (strcmp(st->slug, req->path_id) == 0 && (req->token_studio_id == 0 || req->token_studio_id == st->id))
			return st;
	}
	*err = http_fail(req, res, TF_ENOTFOUND, "no such studio");
	return NULL;
}

static cJSON *calendar_key_json(const struct store_calkey *k, const char *slug)
{
	cJSON *j = cJSON_CreateObject();
	if (j == NULL)
		return NULL;
	char created[20];
	store_format_utc(k->created_utc, created);
	cJSON_AddNumberToObject(j, "id", (double)k->id);
	cJSON_AddStringToObject(j, "studio", slug);
	cJSON_AddStringToObject(j, "label", k->label ? k->label : "");
	cJSON_AddBoolToObject(j, "full_names", k->full_names);
	cJSON_AddStringToObject(j, "created_at", created);
	cJSON_AddBoolToObject(j, "revoked", k->revoked);
	if (k->last_used_at)
		cJSON_AddStringToObject(j, "last_used_at", k->last_used_at);
	else
		cJSON_AddNullToObject(j, "last_used_at");
	return j;
}

int calendar_keys_list(struct app *app, struct http_request *req, struct http_response *res)
{
	int err;
	const struct store_studio *studio = calendar_studio(app, req, res, &err);
	if (studio == NULL)
		return err;
	struct store_calkey *list;
	size_t n;
	if ((err = store_calkey_list(app->store, req->arena, studio->id, &list, &n)) != TF_OK)
		return err;
	cJSON *j = cJSON_CreateObject();
	cJSON *arr = j ? cJSON_AddArrayToObject(j, "keys") : NULL;
	for (size_t i = 0; arr && i < n; i++)
		cJSON_AddItemToArray(arr, calendar_key_json(&list[i], studio->slug));
	return http_json(req, res, 200, j);
}

/* The feed's URL for a key: BASE_URL when set, else what the request came to. */
static const char *calendar_feed_url(struct app *app, struct http_request *req, const char *slug, const char *key)
{
	const char *base = app->cfg->base_url;
	if (base && *base)
		return arena_printf(req->arena, "%s" ROUTE_STUDIOS "%s" ROUTE_CALENDAR_ICS "?key=%s", base, slug, key);
	return arena_printf(req->arena, "%s://%s" ROUTE_STUDIOS "%s" ROUTE_CALENDAR_ICS "?key=%s", req->scheme,
	                    req->host, slug, key);
}

int calendar_keys_create(struct app *app, struct http_request *req, struct http_response *res)
{
	int err;
	const struct store_studio *studio = calendar_studio(app, req, res, &err);
	if (studio == NULL)
		return err;
	cJSON *in = req->body_len ? cJSON_ParseWithLength(req->body, req->body_len) : cJSON_CreateObject();
	if (in == NULL || !cJSON_IsObject(in)) {
		cJSON_Delete(in);
		return http_fail(req, res, TF_EINVAL, "expected a JSON object: {\"label\": \"...\", \"full_names\": false}");
	}
	const cJSON *label = cJSON_GetObjectItemCaseSensitive(in, "label");
	const cJSON *full = cJSON_GetObjectItemCaseSensitive(in, "full_names");
	if ((label && !cJSON_IsString(label)) || (full && !cJSON_IsBool(full)) ||
	    (cJSON_IsString(label) && strlen(label->valuestring) > 100)) {
		cJSON_Delete(in);
		return http_fail(req, res, TF_EVALUE, "label must be a text of at most 100 bytes, full_names true or false");
	}
	const char *lab = arena_strdup(req->arena, cJSON_IsString(label) ? label->valuestring : "");
	bool full_names = cJSON_IsTrue(full);
	cJSON_Delete(in);
	char key[65];
	int64_t id = 0;
	if ((err = calendar_key_create(app->store, studio->id, lab, full_names, clock_now(), key, &id)) != TF_OK)
		return err;
	char target[40];
	snprintf(target, sizeof(target), "calendar_key:%lld", (long long)id);
	if (store_audit(app->store, req->subject ? req->subject : "unknown", "calendar_key.create", target) != TF_OK)
		log_error("audit row not written", "action", "calendar_key.create");
	struct store_calkey k = { .id = id, .studio_id = studio->id, .label = lab, .full_names = full_names,
	                          .created_utc = clock_now() };
	cJSON *j = calendar_key_json(&k, studio->slug);
	if (j) {
		/* Shown this once: only its hash is kept. */
		cJSON_AddStringToObject(j, "key", key);
		cJSON_AddStringToObject(j, "url", calendar_feed_url(app, req, studio->slug, key));
	}
	return http_json(req, res, 201, j);
}

int calendar_keys_revoke(struct app *app, struct http_request *req, struct http_response *res)
{
	int64_t id;
	if (num_parse_i64(req->path_id, 1, INT64_MAX, &id) != TF_OK)
		return http_fail(req, res, TF_ENOTFOUND, "no such calendar key");
	/* A token of one studio revokes that studio's keys only. */
	if (req->token_studio_id) {
		struct store_calkey *list;
		size_t n;
		int err = store_calkey_list(app->store, req->arena, req->token_studio_id, &list, &n);
		if (err)
			return err;
		bool mine = false;
		for (size_t i = 0; i < n; i++)
			mine |= list[i].id == id;
		if (!mine)
			return http_fail(req, res, TF_ENOTFOUND, "no such calendar key");
	}
	int err = store_calkey_revoke(app->store, id, clock_now(), NULL);
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "no such calendar key");
	if (err)
		return err;
	char target[40];
	snprintf(target, sizeof(target), "calendar_key:%lld", (long long)id);
	if (store_audit(app->store, req->subject ? req->subject : "unknown", "calendar_key.revoke", target) != TF_OK)
		log_error("audit row not written", "action", "calendar_key.revoke");
	cJSON *j = cJSON_CreateObject();
	if (j) {
		cJSON_AddNumberToObject(j, "id", (double)id);
		cJSON_AddBoolToObject(j, "revoked", true);
	}
	return http_json(req, res, 200, j);
}

static cJSON *calendar_caldav_json(const struct store_caldav *c, const char *slug)
{
	cJSON *j = cJSON_CreateObject();
	if (j == NULL)
		return NULL;
	cJSON_AddStringToObject(j, "studio", slug);
	cJSON_AddStringToObject(j, "url", c->url);
	cJSON_AddStringToObject(j, "username", c->username);
	cJSON_AddBoolToObject(j, "write_bookings", c->write_bookings);
	char t[20];
	if (c->has_fetched) {
		store_format_utc(c->fetched_utc, t);
		cJSON_AddStringToObject(j, "fetched_at", t);
	} else {
		cJSON_AddNullToObject(j, "fetched_at");
	}
	if (c->tried_at)
		cJSON_AddStringToObject(j, "tried_at", c->tried_at);
	else
		cJSON_AddNullToObject(j, "tried_at");
	if (c->last_error)
		cJSON_AddStringToObject(j, "last_error", c->last_error);
	else
		cJSON_AddNullToObject(j, "last_error");
	cJSON_AddNumberToObject(j, "busy_count", c->busy_count);
	return j;
}

/* GET /studios/{slug}/caldav: the calendar and how its last read went (never the password). */
int calendar_caldav_get(struct app *app, struct http_request *req, struct http_response *res)
{
	int err;
	const struct store_studio *studio = calendar_studio(app, req, res, &err);
	if (studio == NULL)
		return err;
	struct store_caldav *list;
	size_t n;
	if ((err = store_caldav_list(app->store, req->arena, false, &list, &n)) != TF_OK)
		return err;
	for (size_t i = 0; i < n; i++)
		if (list[i].studio_id == studio->id)
			return http_json(req, res, 200, calendar_caldav_json(&list[i], studio->slug));
	return http_fail(req, res, TF_ENOTFOUND, "this studio has no CalDAV calendar");
}

/* POST /studios/{slug}/caldav/sync: the background process reads it at once
 * (within a second or two); GET .../caldav tells when it has. */
int calendar_caldav_sync(struct app *app, struct http_request *req, struct http_response *res)
{
	int err;
	const struct store_studio *studio = calendar_studio(app, req, res, &err);
	if (studio == NULL)
		return err;
	int n = 0;
	if ((err = store_caldav_request_sync(app->store, studio->id, &n)) != TF_OK)
		return err;
	if (n == 0)
		return http_fail(req, res, TF_ENOTFOUND, "this studio has no CalDAV calendar");
	cJSON *j = cJSON_CreateObject();
	if (j)
		cJSON_AddStringToObject(j, "status", "queued");
	return http_json(req, res, 202, j);
}

/* PUT /studios/{slug}/caldav {"url", "username", "password", "write_bookings"}:
 * sets the studio's calendar (the password is sealed, never shown again);
 * the background process reads it at once. */
int calendar_caldav_put(struct app *app, struct http_request *req, struct http_response *res)
{
	int err;
	const struct store_studio *studio = calendar_studio(app, req, res, &err);
	if (studio == NULL)
		return err;
	cJSON *in = cJSON_ParseWithLength(req->body ? req->body : "", req->body_len);
	if (in == NULL || !cJSON_IsObject(in)) {
		cJSON_Delete(in);
		return http_fail(req, res, TF_EINVAL, "expected a JSON object");
	}
	const cJSON *url = cJSON_GetObjectItemCaseSensitive(in, "url");
	const cJSON *user = cJSON_GetObjectItemCaseSensitive(in, "username");
	const cJSON *pw = cJSON_GetObjectItemCaseSensitive(in, "password");
	const cJSON *write = cJSON_GetObjectItemCaseSensitive(in, "write_bookings");
	const char *problem = NULL;
	if (!cJSON_IsString(url) || caldav_check_url(url->valuestring) != TF_OK)
		problem = "url must be the http(s) URL of the calendar collection, without user, query or fragment";
	else if ((user && !cJSON_IsString(user)) || (pw && !cJSON_IsString(pw)) || (write && !cJSON_IsBool(write)) ||
	         (cJSON_IsString(user) && strlen(user->valuestring) > 200) ||
	         (cJSON_IsString(pw) && strlen(pw->valuestring) > 1000))
		problem = "username and password must be texts (at most 200 and 1000 bytes), write_bookings true or false";
	if (problem) {
		cJSON_Delete(in);
		return http_fail(req, res, TF_EVALUE, problem);
	}
	err = store_caldav_set(app->store, studio->id, url->valuestring, cJSON_IsString(user) ? user->valuestring : "",
	                       cJSON_IsString(pw) ? pw->valuestring : NULL, cJSON_IsTrue(write), clock_now());
	cJSON_Delete(in);
	if (err)
		return err;
	char target[40];
	snprintf(target, sizeof(target), "studio:%lld", (long long)studio->id);
	if (store_audit(app->store, req->subject ? req->subject : "unknown", "caldav.set", target) != TF_OK)
		log_error("audit row not written", "action", "caldav.set");
	return calendar_caldav_get(app, req, res);
}

/* DELETE /studios/{slug}/caldav: forgets the calendar and its busy times. */
int calendar_caldav_delete(struct app *app, struct http_request *req, struct http_response *res)
{
	int err;
	const struct store_studio *studio = calendar_studio(app, req, res, &err);
	if (studio == NULL)
		return err;
	err = store_caldav_remove(app->store, studio->id);
	if (err == TF_ENOTFOUND)
		return http_fail(req, res, TF_ENOTFOUND, "this studio has no CalDAV calendar");
	if (err)
		return err;
	char target[40];
	snprintf(target, sizeof(target), "studio:%lld", (long long)studio->id);
	if (store_audit(app->store, req->subject ? req->subject : "unknown", "caldav.remove", target) != TF_OK)
		log_error("audit row not written", "action", "caldav.remove");
	cJSON *j = cJSON_CreateObject();
	if (j)
		cJSON_AddBoolToObject(j, "removed", true);
	return http_json(req, res, 200, j);
}
