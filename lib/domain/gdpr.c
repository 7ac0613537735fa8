/* gdpr.c: export, erasure, retention, recording deletion and key rotation,
 * on top of the store. */
#include "gdpr.h"
#include "admin_json.h"
#include "err.h"
#include "log.h"
#include "tf_limits.h"
#include "twrest.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *turn_json(const struct store_turn_info *t)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)t->id);
	ok = ok && admin_json_put_str(o, "call_sid", t->call_sid);
	ok = ok && admin_json_put_num(o, "turn", t->turn);
	ok = ok && admin_json_put_str(o, "engine", t->engine);
	ok = ok && admin_json_put_str(o, "text", t->text);
	ok = ok && admin_json_put_str(o, "reply", t->reply);
	ok = ok && admin_json_put_str(o, "intent", t->intent);
	ok = ok && admin_json_put_num(o, "confidence", t->confidence);
	if (ok && t->entities) {
		cJSON *e = cJSON_Parse(t->entities);
		ok = e ? cJSON_AddItemToObject(o, "entities", e) : admin_json_put_str(o, "entities", t->entities);
	} else {
		ok = ok && admin_json_put_str(o, "entities", NULL);
	}
	ok = ok && admin_json_put_num(o, "sentiment", t->sentiment);
	ok = ok && admin_json_put_str(o, "page", t->page);
	ok = ok && admin_json_put_time(o, "created_at", t->created_at);
	return admin_json_done(o, ok);
}

static cJSON *sms_json(const struct store_sms_info *m)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)m->id);
	ok = ok && (m->appointment_id ? admin_json_put_num(o, "appointment_id", (double)m->appointment_id)
	                              : cJSON_AddNullToObject(o, "appointment_id") != NULL);
	ok = ok && admin_json_put_str(o, "kind", m->kind);
	ok = ok && admin_json_put_str(o, "to", m->to);
	ok = ok && admin_json_put_str(o, "from", m->from);
	ok = ok && admin_json_put_str(o, "body", m->body);
	ok = ok && admin_json_put_str(o, "status", m->status);
	ok = ok && admin_json_put_num(o, "attempts", m->attempts);
	ok = ok && admin_json_put_str(o, "message_sid", m->message_sid);
	ok = ok && admin_json_put_str(o, "last_error", m->last_error);
	ok = ok && admin_json_put_time(o, "sent_at", m->sent_at);
	ok = ok && admin_json_put_time(o, "created_at", m->created_at);
	return admin_json_done(o, ok);
}

static cJSON *callback_json(const struct store_callback_info *c)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)c->id);
	ok = ok && (c->studio_id ? admin_json_put_num(o, "studio_id", (double)c->studio_id)
	                         : cJSON_AddNullToObject(o, "studio_id") != NULL);
	ok = ok && admin_json_put_str(o, "call_sid", c->call_sid);
	ok = ok && admin_json_put_str(o, "reason", c->reason);
	ok = ok && admin_json_put_str(o, "status", c->status);
	ok = ok && admin_json_put_num(o, "attempts", c->attempts);
	ok = ok && admin_json_put_str(o, "last_result", c->last_result);
	ok = ok && admin_json_put_str(o, "last_call_sid", c->last_call_sid);
	ok = ok && admin_json_put_time(o, "created_at", c->created_at);
	return admin_json_done(o, ok);
}

static cJSON *recording_json(const struct store_recording_info *r)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)r->id);
	ok = ok && admin_json_put_str(o, "call_sid", r->call_sid);
	ok = ok && admin_json_put_str(o, "recording_sid", r->recording_sid);
	ok = ok && admin_json_put_str(o, "url", r->url);
	ok = ok && admin_json_put_str(o, "status", r->status);
	ok = ok && admin_json_put_str(o, "source", r->source);
	ok = ok && (r->duration >= 0 ? admin_json_put_num(o, "duration_seconds", r->duration)
	                             : cJSON_AddNullToObject(o, "duration_seconds") != NULL);
	ok = ok && admin_json_put_time(o, "created_at", r->created_at);
	ok = ok && admin_json_put_time(o, "delete_requested_at", r->delete_requested_at);
	ok = ok && admin_json_put_time(o, "deleted_at", r->deleted_at);
	return admin_json_done(o, ok);
}

static cJSON *handoff_json(const struct store_handoff_info *h)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)h->id);
	ok = ok && (h->studio_id ? admin_json_put_num(o, "studio_id", (double)h->studio_id)
	                         : cJSON_AddNullToObject(o, "studio_id") != NULL);
	ok = ok && admin_json_put_str(o, "call_sid", h->call_sid);
	ok = ok && admin_json_put_str(o, "number", h->number);
	ok = ok && admin_json_put_str(o, "state", h->state);
	ok = ok && admin_json_put_str(o, "outcome", h->outcome);
	ok = ok && admin_json_put_time(o, "enqueued_at", h->enqueued_at);
	ok = ok && admin_json_put_time(o, "started_at", h->started_at);
	ok = ok && admin_json_put_time(o, "ended_at", h->ended_at);
	return admin_json_done(o, ok);
}

/* Makes every string in the tree well-formed UTF-8 (whatever bytes were
 * stored, e.g. by an older version that cut text in the middle of a
 * character): cJSON writes string bytes as they are, and an export that is
 * no valid JSON helps nobody. False when out of memory. */
static bool valid_strings(cJSON *node)
{
	for (; node != NULL; node = node->next) {
		if (cJSON_IsString(node) && node->valuestring &&
		    !utf8_valid(node->valuestring, strlen(node->valuestring))) {
			char *fixed = utf8_repair(node->valuestring, strlen(node->valuestring), NULL);
			bool ok = fixed && cJSON_SetValuestring(node, fixed) != NULL;
			free(fixed);
			if (!ok)
				return false;
		}
		if (node->string && !utf8_valid(node->string, strlen(node->string))) {
			char *fixed = utf8_repair(node->string, strlen(node->string), NULL);
			if (fixed == NULL)
				return false;
			if (!(node->type & cJSON_StringIsConst))
				cJSON_free(node->string);
			node->string = fixed;
			node->type &= ~cJSON_StringIsConst;
		}
		if (node->child && !valid_strings(node->child))
			return false;
	}
	return true;
}

int gdpr_export(struct store *s, struct arena *a, int64_t lead_id, int64_t now_utc, cJSON **out)
{
	*out = NULL;
	struct store_lead_info lead;
	int err = store_admin_lead_get(s, a, lead_id, &lead);
	if (err)
		return err;
	/* Every row, not a page: an export is complete or it is not given. */
	struct store_list_filter cf = { .lead_id = lead_id, .with_state = true };
	struct store_call_info *calls;
	size_t ncalls;
	bool more;
	if ((err = store_admin_calls(s, a, &cf, INT32_MAX - 1, 0, &calls, &ncalls, &more)) != TF_OK)
		return err;
	struct store_list_filter af = { .lead_id = lead_id };
	struct store_appointment *appts;
	size_t nappts;
	if ((err = store_admin_appointments(s, a, &af, INT32_MAX - 1, 0, &appts, &nappts, &more)) != TF_OK)
		return err;
	struct store_turn_info *turns;
	struct store_sms_info *sms;
	struct store_callback_info *cbs;
	struct store_recording_info *recs;
	struct store_handoff_info *hos;
	size_t nturns, nsms, ncbs, nrecs, nhos;
	if ((err = store_gdpr_turns(s, a, lead_id, &turns, &nturns)) ||
	    (err = store_gdpr_sms(s, a, lead_id, &sms, &nsms)) ||
	    (err = store_gdpr_callbacks(s, a, lead_id, &cbs, &ncbs)) ||
	    (err = store_gdpr_recordings(s, a, lead_id, &recs, &nrecs)) ||
	    (err = store_gdpr_handoffs(s, a, lead_id, &hos, &nhos)))
		return err;
	const struct store_studios *studios = NULL;
	if (store_studios(s, &studios) != TF_OK)
		studios = NULL;

	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	char db[20];
	store_format_utc(now_utc, db);
	ok = ok && admin_json_put_time(o, "exported_at", db);
	cJSON *l = ok ? admin_lead_json(&lead) : NULL;
	ok = ok && l && cJSON_AddItemToObject(o, "lead", l);
	if (!ok)
		cJSON_Delete(l);
	cJSON *list;
	list = ok ? cJSON_AddArrayToObject(o, "calls") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < ncalls; i++)
		ok = admin_json_append(list, admin_call_json(&calls[i]));
	list = ok ? cJSON_AddArrayToObject(o, "turns") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < nturns; i++)
		ok = admin_json_append(list, turn_json(&turns[i]));
	list = ok ? cJSON_AddArrayToObject(o, "appointments") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < nappts; i++)
		ok = admin_json_append(list, admin_appointment_json(&appts[i], studios));
	list = ok ? cJSON_AddArrayToObject(o, "sms") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < nsms; i++)
		ok = admin_json_append(list, sms_json(&sms[i]));
	list = ok ? cJSON_AddArrayToObject(o, "callback_requests") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < ncbs; i++)
		ok = admin_json_append(list, callback_json(&cbs[i]));
	list = ok ? cJSON_AddArrayToObject(o, "recordings") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < nrecs; i++)
		ok = admin_json_append(list, recording_json(&recs[i]));
	list = ok ? cJSON_AddArrayToObject(o, "transfers") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < nhos; i++)
		ok = admin_json_append(list, handoff_json(&hos[i]));
	ok = ok && valid_strings(o);
	if (!ok) {
		cJSON_Delete(o);
		return TF_ENOMEM;
	}
	*out = o;
	return TF_OK;
}

int gdpr_erase_phone(struct store *s, struct arena *a, const char *phone, const char *actor, int64_t *lead_id,
                     struct store_erase_counts *out)
{
	*lead_id = 0;
	memset(out, 0, sizeof(*out));
	char normal[TF_MAX_PHONE + 1];
	struct tf_errmsg e;
	if (admin_parse_phone(phone, normal, &e) != TF_OK)
		return TF_EINVAL;
	struct store_lead_info lead;
	int err = store_admin_lead_by_phone(s, a, normal, &lead);
	if (err)
		return err;
	if ((err = store_gdpr_erase_lead(s, lead.id, actor, out)) == TF_OK)
		*lead_id = lead.id;
	return err;
}

/* Runs one retention step until it changes nothing more. */
static int until_done(struct store *s, int (*step)(struct store *, const char *, int, int *), const char *cutoff,
                      int *total)
{
	for (;;) {
		int n = 0;
		int err = step(s, cutoff, GDPR_BATCH, &n);
		if (err)
			return err;
		*total += n;
		if (n < GDPR_BATCH)
			return TF_OK;
	}
}

int gdpr_purge(struct store *s, struct arena *a, int64_t now_utc, int retention_days, const char *actor,
               struct gdpr_purge_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (retention_days < 1)
		return TF_EINVAL;
	char cutoff[20], orphan_cutoff[20];
	store_format_utc(now_utc - (int64_t)retention_days * 86400, cutoff);
	store_format_utc(now_utc - GDPR_ORPHAN_GRACE_S, orphan_cutoff);
	int err;
	if ((err = until_done(s, store_gdpr_purge_turns, cutoff, &out->turns)) ||
	    (err = until_done(s, store_gdpr_purge_states, cutoff, &out->states)) ||
	    (err = until_done(s, store_gdpr_purge_sms, cutoff, &out->sms)))
		return err;
	for (;;) {
		int64_t *ids;
		size_t n;
		if ((err = store_gdpr_inactive_leads(s, a, cutoff, 100, &ids, &n)) != TF_OK)
			return err;
		for (size_t i = 0; i < n; i++) {
			struct store_erase_counts c;
			err = store_gdpr_erase_lead(s, ids[i], "retention", &c);
			if (err == TF_ENOTFOUND)
				continue;       /* erased meanwhile */
			if (err)
				return err;
			out->leads++;
		}
		if (n < 100)
			break;
	}
	/* After the leads: their recordings are marked by the erasure already. */
	for (;;) {
		int marked = 0, removed = 0;
		if ((err = store_gdpr_purge_recordings(s, cutoff, orphan_cutoff, GDPR_BATCH, &marked, &removed)) != TF_OK)
			return err;
		out->recordings_marked += marked;
		out->recordings_removed += removed;
		if (marked < GDPR_BATCH && removed < GDPR_BATCH)
			break;
	}
	char target[160];
	snprintf(target, sizeof(target), "days=%d turns=%d states=%d sms=%d leads=%d recordings=%d", retention_days,
	         out->turns, out->states, out->sms, out->leads, out->recordings_marked);
	return store_audit(s, actor, "retention.purge", target);
}

int gdpr_delete_recordings(struct store *s, struct twrest *t, struct arena *a, int max, struct gdpr_delete_stats *out)
{
	memset(out, 0, sizeof(*out));
	struct store_recording_due *due;
	size_t n;
	int err = store_gdpr_recordings_due(s, a, max, &due, &n);
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		int status = 0;
		int rerr = twrest_delete_recording(t, due[i].recording_sid, &status);
		if (rerr == TF_OK) {
			err = store_gdpr_recording_deleted(s, due[i].id);
			if (err == TF_OK) {
				out->deleted++;
				log_info("recording deleted at Twilio", "recording", due[i].recording_sid);
			}
		} else {
			char why[TWREST_FAILURE_MAX];
			log_warn("deleting a recording at Twilio failed, will try again", "recording", due[i].recording_sid,
			         "error", twrest_last_failure(t, why, sizeof(why)));
			out->failed++;
			err = store_gdpr_recording_retry(s, due[i].id);
		}
	}
	return err;
}

int gdpr_rekey(struct store *s, int batch, void (*progress)(const char *table, const struct store_rekey_stats *st, void *ctx),
               void *ctx, struct store_rekey_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (batch <= 0)
		return TF_EINVAL;
	struct arena a;
	arena_init(&a, 16 * (size_t)TF_MAX_REQUEST_ARENA);   /* a batch of long transcripts */
	int err = TF_OK;
	for (int t = 0; err == TF_OK && t < STORE_REKEY__COUNT; t++) {
		int64_t after = 0;
		bool done = false;
		while (err == TF_OK && !done) {
			int64_t last;
			err = store_rekey_batch(s, &a, (enum store_rekey_table)t, after, batch, &last, &done, out);
			arena_reset(&a);
			after = last;
			if (err == TF_OK && progress)
				progress(store_rekey_table_name((enum store_rekey_table)t), out, ctx);
		}
	}
	arena_free(&a);
	return err;
}
