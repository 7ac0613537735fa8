/* store_gdpr.c: a person's data as a whole: export, erasure, retention,
 * the queue of recordings Twilio has to delete, and key rotation. */
#include "store_int.h"
#include "buf.h"
#include "crypto.h"
#include "err.h"
#include "log.h"
#include "tf_limits.h"

#include <stdio.h>
#include <string.h>

/* The calls of lead ?1: recordings and turns are tied to calls by CallSid. */
#define LEAD_CALLS "(SELECT call_sid FROM lead_call_logs WHERE lead_id = ?1)"

enum {
	G_TURNS, G_SMS, G_CALLBACKS, G_RECORDINGS, G_HANDOFFS,
	G_SECURE_DELETE, G_CHECKPOINT, G_LEAD_EXISTS, G_REC_MARK, G_REC_DROP, G_TURNS_DEL, G_SMS_DEL, G_CB_DEL,
	G_HANDOFF_DEL, G_RECSTART_DEL,
	G_APPT_DEL, G_CALLS_DEL, G_LEAD_DEL,
	G_PURGE_TURNS, G_PURGE_STATES, G_PURGE_SMS, G_PURGE_REC_MARK, G_PURGE_REC_DROP, G_INACTIVE,
	G_REC_DUE, G_REC_DONE, G_REC_DONE_DROP, G_REC_RETRY,
	G_RK_LEADS_SEL, G_RK_LEAD_ONE, G_RK_LEADS_UPD, G_RK_LEAD_BY_HASH,
	G_MG_CALLS, G_MG_TURNS, G_MG_APPTS, G_MG_SMS, G_MG_CBS, G_MG_FACTS, G_MG_LEAD, G_MG_DEL,
	G_RK_CALLS_SEL, G_RK_CALLS_UPD, G_RK_TURNS_SEL, G_RK_TURNS_UPD, G_RK_SMS_SEL, G_RK_SMS_UPD,
	G__N
};
_Static_assert(G__N <= STORE_MOD_MAX_STMTS, "too many statements for one store module");

static const char *const gdpr_sql[G__N] = {
	[G_TURNS] = "SELECT id, call_sid, turn, engine, text_enc, reply_enc, intent, confidence, entities_enc, sentiment,"
	            " page, latency_us, created_at FROM dialogflow_conversations"
	            " WHERE lead_id = ?1 OR call_sid IN " LEAD_CALLS " ORDER BY created_at, id",
	[G_SMS] = "SELECT id, coalesce(appointment_id, 0), kind, to_enc, from_number, body_enc, status, attempts,"
	          " message_sid, last_error, sent_at, created_at FROM sms_outbox"
	          " WHERE lead_id = ?1 OR appointment_id IN (SELECT id FROM appointments WHERE lead_id = ?1) ORDER BY id",
	[G_CALLBACKS] = "SELECT id, coalesce(studio_id, 0), call_sid, reason, status, attempts, last_call_sid, created_at,"
	                " last_result FROM callback_requests WHERE lead_id = ?1 OR call_sid IN " LEAD_CALLS " ORDER BY id",
	[G_HANDOFFS] = "SELECT id, coalesce(studio_id, 0), call_sid, number, state, outcome, enqueued_at, started_at,"
	               " ended_at FROM handoffs WHERE call_sid IN " LEAD_CALLS " ORDER BY id",
	[G_RECORDINGS] = "SELECT id, call_sid, recording_sid, url, status, source, duration, created_at,"
	                 " delete_requested_at, deleted_at FROM recordings WHERE call_sid IN " LEAD_CALLS " ORDER BY id",

	/* SQLite only: deleted content is overwritten in the file, not just
	 * unlinked, and the WAL is emptied after an erasure. */
	[G_SECURE_DELETE] = "PRAGMA secure_delete = ON",
	[G_CHECKPOINT] = "PRAGMA wal_checkpoint(TRUNCATE)",
	[G_LEAD_EXISTS] = "SELECT 1 FROM leads WHERE id = ?1",
	[G_REC_MARK] = "UPDATE recordings SET delete_requested_at = coalesce(delete_requested_at, ?2),"
	               " url = NULL, call_sid = '', updated_at = ?2"
	               " WHERE call_sid IN " LEAD_CALLS " AND recording_sid IS NOT NULL AND deleted_at IS NULL"
	               " AND status <> 'deleted'",
	[G_REC_DROP] = "DELETE FROM recordings WHERE call_sid IN " LEAD_CALLS,
	[G_TURNS_DEL] = "DELETE FROM dialogflow_conversations WHERE lead_id = ?1 OR call_sid IN " LEAD_CALLS,
	[G_SMS_DEL] = "DELETE FROM sms_outbox WHERE lead_id = ?1"
	              " OR appointment_id IN (SELECT id FROM appointments WHERE lead_id = ?1)",
	[G_CB_DEL] = "DELETE FROM callback_requests WHERE lead_id = ?1 OR call_sid IN " LEAD_CALLS,
	[G_HANDOFF_DEL] = "DELETE FROM handoffs WHERE call_sid IN " LEAD_CALLS,
	[G_RECSTART_DEL] = "DELETE FROM recording_starts WHERE call_sid IN " LEAD_CALLS,
	[G_APPT_DEL] = "DELETE FROM appointments WHERE lead_id = ?1",
	[G_CALLS_DEL] = "DELETE FROM lead_call_logs WHERE lead_id = ?1",
	[G_LEAD_DEL] = "DELETE FROM leads WHERE id = ?1",

	[G_PURGE_TURNS] = "UPDATE dialogflow_conversations SET text_enc = NULL, reply_enc = NULL, entities_enc = NULL"
	                  " WHERE id IN (SELECT id FROM dialogflow_conversations WHERE created_at < ?1"
	                  " AND (text_enc IS NOT NULL OR reply_enc IS NOT NULL OR entities_enc IS NOT NULL) LIMIT ?2)",
	[G_PURGE_STATES] = "UPDATE lead_call_logs SET state_enc = NULL WHERE id IN"
	                   " (SELECT id FROM lead_call_logs WHERE created_at < ?1 AND state_enc IS NOT NULL LIMIT ?2)",
	[G_PURGE_SMS] = "DELETE FROM sms_outbox WHERE id IN (SELECT id FROM sms_outbox WHERE created_at < ?1"
	                " AND status NOT IN ('queued', 'sending') LIMIT ?2)",
	[G_PURGE_REC_MARK] = "UPDATE recordings SET delete_requested_at = ?4, url = NULL,"
	                     " updated_at = ?4 WHERE id IN (SELECT id FROM recordings"
	                     " WHERE recording_sid IS NOT NULL AND delete_requested_at IS NULL AND deleted_at IS NULL"
	                     " AND status <> 'deleted' AND (created_at < ?1 OR (created_at < ?3"
	                     " AND call_sid NOT IN (SELECT call_sid FROM lead_call_logs))) LIMIT ?2)",
	[G_PURGE_REC_DROP] = "DELETE FROM recordings WHERE id IN (SELECT id FROM recordings"
	                     " WHERE recording_sid IS NULL AND created_at < ?1 LIMIT ?2)",
	[G_INACTIVE] = "SELECT id FROM leads l WHERE coalesce(l.last_call_at, l.created_at) < ?1 AND l.updated_at < ?1"
	               " AND NOT EXISTS (SELECT 1 FROM lead_call_logs c WHERE c.lead_id = l.id"
	               "  AND (c.created_at >= ?1 OR c.updated_at >= ?1))"
	               " AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.lead_id = l.id"
	               "  AND (a.starts_at >= ?1 OR a.updated_at >= ?1))"
	               " ORDER BY id LIMIT ?2",

	[G_REC_DUE] = "SELECT id, recording_sid FROM recordings WHERE delete_requested_at IS NOT NULL"
	              " AND deleted_at IS NULL AND recording_sid IS NOT NULL ORDER BY updated_at, id LIMIT ?1",
	[G_REC_DONE] = "UPDATE recordings SET status = 'deleted', deleted_at = ?2, url = NULL,"
	               " updated_at = ?2 WHERE id = ?1",
	[G_REC_DONE_DROP] = "DELETE FROM recordings WHERE id = ?1 AND call_sid NOT IN (SELECT call_sid FROM lead_call_logs)",
	[G_REC_RETRY] = "UPDATE recordings SET updated_at = ?2 WHERE id = ?1",

	/* Rekeying never touches updated_at: retention reads it as "last activity". */
	[G_RK_LEADS_SEL] = "SELECT id, phone_hash, phone_enc, name_enc, email_enc FROM leads WHERE id > ?1 ORDER BY id LIMIT ?2",
	[G_RK_LEAD_ONE] = "SELECT id, phone_hash, phone_enc, name_enc, email_enc FROM leads WHERE id = ?1",
	[G_RK_LEADS_UPD] = "UPDATE leads SET phone_enc = ?2, name_enc = ?3, email_enc = ?4, phone_hash = ?5 WHERE id = ?1",
	[G_RK_LEAD_BY_HASH] = "SELECT id FROM leads WHERE phone_hash = ?1",
	[G_MG_CALLS] = "UPDATE lead_call_logs SET lead_id = ?1 WHERE lead_id = ?2",
	[G_MG_TURNS] = "UPDATE dialogflow_conversations SET lead_id = ?1 WHERE lead_id = ?2",
	[G_MG_APPTS] = "UPDATE appointments SET lead_id = ?1 WHERE lead_id = ?2",
	[G_MG_SMS] = "UPDATE sms_outbox SET lead_id = ?1 WHERE lead_id = ?2",
	[G_MG_CBS] = "UPDATE callback_requests SET lead_id = ?1 WHERE lead_id = ?2",
	[G_MG_FACTS] = "SELECT name_enc IS NOT NULL, email_enc IS NOT NULL, coalesce(studio_id, 0), status, call_count,"
	               " last_call_at FROM leads WHERE id = ?1",
	/* ?1 keep, ?2 drop; what store_lead_merge decided. */
	[G_MG_LEAD] = "UPDATE leads SET"
	              " name_enc = CASE WHEN ?3 = 1"
	              "  THEN (SELECT d.name_enc FROM leads d WHERE d.id = ?2) ELSE name_enc END,"
	              " email_enc = CASE WHEN ?4 = 1"
	              "  THEN (SELECT d.email_enc FROM leads d WHERE d.id = ?2) ELSE email_enc END,"
	              " studio_id = nullif(?5, 0), status = ?6, call_count = ?7, last_call_at = ?8, updated_at = ?9"
	              " WHERE id = ?1",
	[G_MG_DEL] = "DELETE FROM leads WHERE id = ?1",
	[G_RK_CALLS_SEL] = "SELECT id, NULL, state_enc FROM lead_call_logs WHERE id > ?1 ORDER BY id LIMIT ?2",
	[G_RK_CALLS_UPD] = "UPDATE lead_call_logs SET state_enc = ?2 WHERE id = ?1",
	[G_RK_TURNS_SEL] = "SELECT id, NULL, text_enc, reply_enc, entities_enc FROM dialogflow_conversations"
	                   " WHERE id > ?1 ORDER BY id LIMIT ?2",
	[G_RK_TURNS_UPD] = "UPDATE dialogflow_conversations SET text_enc = ?2, reply_enc = ?3, entities_enc = ?4 WHERE id = ?1",
	[G_RK_SMS_SEL] = "SELECT id, NULL, to_enc, body_enc FROM sms_outbox WHERE id > ?1 ORDER BY id LIMIT ?2",
	[G_RK_SMS_UPD] = "UPDATE sms_outbox SET to_enc = ?2, body_enc = ?3 WHERE id = ?1",
};

static struct db_stmt *stmt(struct store *s, int idx)
{
	return store_stmt(s, STORE_MOD_GDPR, idx, gdpr_sql);
}

/* A sealed column for an export: what no configured key opens is left out. */
static int open_or_null(struct store *s, struct arena *a, struct db_stmt *st, int i, const char *aad, const char **out)
{
	int err = store_col_sealed(s, a, st, i, aad, out);
	if (err == TF_EAUTH || err == TF_EINVAL) {
		*out = NULL;
		return TF_OK;
	}
	return err;
}

/* ---- export ---- */

/* Runs the listing statement of lead_id and hands each row to read(). */
static int list_rows(struct store *s, struct arena *a, int idx, int64_t lead_id, size_t size, void **out, size_t *n,
                     store_row_reader read)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = stmt(s, idx);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, lead_id);
	return store_read_rows(s, a, st, 0, size, read, out, n, NULL);
}

static int read_turn(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_turn_info *t = row;
	t->id = db_column_int64(st, 0);
	t->call_sid = store_col_text(a, st, 1);
	t->turn = db_column_int(st, 2);
	t->engine = store_col_text(a, st, 3);
	int err;
	if ((err = open_or_null(s, a, st, 4, "dialogflow_conversations.text", &t->text)) ||
	    (err = open_or_null(s, a, st, 5, "dialogflow_conversations.reply", &t->reply)) ||
	    (err = open_or_null(s, a, st, 8, "dialogflow_conversations.entities", &t->entities)))
		return err;
	t->intent = store_col_text(a, st, 6);
	t->confidence = db_column_double(st, 7);
	t->sentiment = db_column_double(st, 9);
	t->page = store_col_text(a, st, 10);
	t->latency_us = db_column_int64(st, 11);
	t->created_at = store_col_text(a, st, 12);
	return t->call_sid && t->engine && t->created_at ? TF_OK : TF_ENOMEM;
}

static int read_sms(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_sms_info *m = row;
	m->id = db_column_int64(st, 0);
	m->appointment_id = db_column_int64(st, 1);
	m->kind = store_col_text(a, st, 2);
	int err;
	if ((err = open_or_null(s, a, st, 3, "sms_outbox.to", &m->to)) ||
	    (err = open_or_null(s, a, st, 5, "sms_outbox.body", &m->body)))
		return err;
	m->from = store_col_text(a, st, 4);
	m->status = store_col_text(a, st, 6);
	m->attempts = db_column_int(st, 7);
	m->message_sid = store_col_text(a, st, 8);
	m->last_error = store_col_text(a, st, 9);
	m->sent_at = store_col_text(a, st, 10);
	m->created_at = store_col_text(a, st, 11);
	return m->kind && m->from && m->status && m->created_at ? TF_OK : TF_ENOMEM;
}

static int read_callback(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_callback_info *c = row;
	c->id = db_column_int64(st, 0);
	c->studio_id = db_column_int64(st, 1);
	c->call_sid = store_col_text(a, st, 2);
	c->reason = store_col_text(a, st, 3);
	c->status = store_col_text(a, st, 4);
	c->attempts = db_column_int(st, 5);
	c->last_call_sid = store_col_text(a, st, 6);
	c->created_at = store_col_text(a, st, 7);
	c->last_result = store_col_text(a, st, 8);
	return c->reason && c->status && c->created_at ? TF_OK : TF_ENOMEM;
}

static int read_handoff(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_handoff_info *h = row;
	h->id = db_column_int64(st, 0);
	h->studio_id = db_column_int64(st, 1);
	h->call_sid = store_col_text(a, st, 2);
	h->number = store_col_text(a, st, 3);
	h->state = store_col_text(a, st, 4);
	h->outcome = store_col_text(a, st, 5);
	h->enqueued_at = store_col_text(a, st, 6);
	h->started_at = store_col_text(a, st, 7);
	h->ended_at = store_col_text(a, st, 8);
	return h->call_sid && h->number && h->state && h->enqueued_at ? TF_OK : TF_ENOMEM;
}

static int read_recording(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_recording_info *r = row;
	r->id = db_column_int64(st, 0);
	r->call_sid = store_col_text(a, st, 1);
	r->recording_sid = store_col_text(a, st, 2);
	r->url = store_col_text(a, st, 3);
	r->status = store_col_text(a, st, 4);
	r->source = store_col_text(a, st, 5);
	r->duration = db_column_type(st, 6) == DB_NULL ? -1 : db_column_int(st, 6);
	r->created_at = store_col_text(a, st, 7);
	r->delete_requested_at = store_col_text(a, st, 8);
	r->deleted_at = store_col_text(a, st, 9);
	return r->call_sid && r->status && r->created_at ? TF_OK : TF_ENOMEM;
}

int store_gdpr_turns(struct store *s, struct arena *a, int64_t lead_id, struct store_turn_info **out, size_t *n)
{
	return list_rows(s, a, G_TURNS, lead_id, sizeof(**out), (void **)out, n, read_turn);
}

int store_gdpr_sms(struct store *s, struct arena *a, int64_t lead_id, struct store_sms_info **out, size_t *n)
{
	return list_rows(s, a, G_SMS, lead_id, sizeof(**out), (void **)out, n, read_sms);
}

int store_gdpr_callbacks(struct store *s, struct arena *a, int64_t lead_id, struct store_callback_info **out,
                         size_t *n)
{
	return list_rows(s, a, G_CALLBACKS, lead_id, sizeof(**out), (void **)out, n, read_callback);
}

int store_gdpr_recordings(struct store *s, struct arena *a, int64_t lead_id, struct store_recording_info **out,
                          size_t *n)
{
	return list_rows(s, a, G_RECORDINGS, lead_id, sizeof(**out), (void **)out, n, read_recording);
}

int store_gdpr_handoffs(struct store *s, struct arena *a, int64_t lead_id, struct store_handoff_info **out, size_t *n)
{
	return list_rows(s, a, G_HANDOFFS, lead_id, sizeof(**out), (void **)out, n, read_handoff);
}

/* ---- erasure ---- */

/* PostgreSQL's server overwrites and vacuums on its own schedule. */
static int secure_delete(struct store *s)
{
	if (db_dialect(s->db) != DB_SQLITE)
		return TF_OK;
	return store_exec_stmt(s, stmt(s, G_SECURE_DELETE));
}

/* Moves what the WAL holds into the database file and empties the WAL, so
 * that old copies of erased pages do not stay in it. A reader that keeps it
 * busy only postpones this to a later checkpoint. */
static void checkpoint(struct store *s)
{
	if (db_dialect(s->db) != DB_SQLITE)
		return;
	struct db_stmt *st = stmt(s, G_CHECKPOINT);
	if (st == NULL)
		return;
	int rc = db_step(st);
	if (rc == DB_ROW && db_column_int(st, 0) != 0)
		log_warn("checkpoint after an erasure postponed: a reader holds the WAL");
	else if (rc != DB_ROW && rc != DB_DONE)
		log_warn("checkpoint after an erasure failed", "db", store_errmsg(s));
	db_reset(st);
}

/* The statements run_for binds ?2 of to the clock's now. */
static bool takes_now(int idx)
{
	return idx == G_REC_MARK || idx == G_REC_DONE || idx == G_REC_RETRY;
}

/* Runs statement idx for lead_id; *changed gets the rows it touched. */
static int run_for(struct store *s, int idx, int64_t id, int *changed)
{
	struct db_stmt *st = stmt(s, idx);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	if (takes_now(idx))
		store_bind_now(st, 2);
	int err = store_exec_stmt(s, st);
	if (err == TF_OK && changed)
		*changed = db_changes(s->db);
	return err;
}

int store_gdpr_erase_lead(struct store *s, int64_t lead_id, const char *actor, struct store_erase_counts *out)
{
	memset(out, 0, sizeof(*out));
	int err = secure_delete(s);
	if (err)
		return err;
	if ((err = store_begin(s)) != TF_OK)
		return err;
	struct db_stmt *st = stmt(s, G_LEAD_EXISTS);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	db_bind_int64(st, 1, lead_id);
	int rc = db_step(st);
	db_reset(st);
	if (rc != DB_ROW) {
		err = rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
		goto fail;
	}
	int lead_rows = 0;
	/* Recordings first: they find the lead's calls through lead_call_logs. */
	if ((err = run_for(s, G_REC_MARK, lead_id, &out->recordings_marked)) ||
	    (err = run_for(s, G_REC_DROP, lead_id, &out->recordings_removed)) ||
	    (err = run_for(s, G_TURNS_DEL, lead_id, &out->turns)) ||
	    (err = run_for(s, G_SMS_DEL, lead_id, &out->sms)) ||
	    (err = run_for(s, G_CB_DEL, lead_id, &out->callbacks)) ||
	    (err = run_for(s, G_HANDOFF_DEL, lead_id, &out->handoffs)) ||
	    (err = run_for(s, G_RECSTART_DEL, lead_id, NULL)) ||
	    (err = run_for(s, G_APPT_DEL, lead_id, &out->appointments)) ||
	    (err = run_for(s, G_CALLS_DEL, lead_id, &out->calls)) ||
	    (err = run_for(s, G_LEAD_DEL, lead_id, &lead_rows)))
		goto fail;
	char target[32];
	snprintf(target, sizeof(target), "lead:%lld", (long long)lead_id);
	if ((err = store_audit(s, actor, "lead.erase", target)) != TF_OK)
		goto fail;
	if ((err = store_commit(s)) != TF_OK)
		return err;
	checkpoint(s);
	return TF_OK;
fail:
	store_rollback(s);
	memset(out, 0, sizeof(*out));
	return err;
}

/* ---- retention ---- */

static int purge_step(struct store *s, int idx, const char *cutoff, const char *cutoff2, int batch, int *n)
{
	*n = 0;
	struct db_stmt *st = stmt(s, idx);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, cutoff);
	db_bind_int64(st, 2, batch);
	if (cutoff2) {
		store_bind_text(st, 3, cutoff2);
		store_bind_now(st, 4);
	}
	int err = store_exec_stmt(s, st);
	if (err == TF_OK)
		*n = db_changes(s->db);
	return err;
}

int store_gdpr_purge_turns(struct store *s, const char *cutoff, int batch, int *n)
{
	int err = secure_delete(s);
	return err ? err : purge_step(s, G_PURGE_TURNS, cutoff, NULL, batch, n);
}

int store_gdpr_purge_states(struct store *s, const char *cutoff, int batch, int *n)
{
	int err = secure_delete(s);
	return err ? err : purge_step(s, G_PURGE_STATES, cutoff, NULL, batch, n);
}

int store_gdpr_purge_sms(struct store *s, const char *cutoff, int batch, int *n)
{
	int err = secure_delete(s);
	return err ? err : purge_step(s, G_PURGE_SMS, cutoff, NULL, batch, n);
}

int store_gdpr_purge_recordings(struct store *s, const char *cutoff, const char *orphan_cutoff, int batch,
                                int *marked, int *removed)
{
	*removed = 0;
	int err = secure_delete(s);
	if (err == TF_OK)
		err = purge_step(s, G_PURGE_REC_MARK, cutoff, orphan_cutoff, batch, marked);
	if (err == TF_OK)
		err = purge_step(s, G_PURGE_REC_DROP, cutoff, NULL, batch, removed);
	return err;
}

int store_gdpr_inactive_leads(struct store *s, struct arena *a, const char *cutoff, int max, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	if (max <= 0)
		return TF_OK;
	int64_t *list = arena_alloc(a, (size_t)max * sizeof(*list));
	if (list == NULL)
		return TF_ENOMEM;
	struct db_stmt *st = stmt(s, G_INACTIVE);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, cutoff);
	db_bind_int64(st, 2, max);
	size_t len = 0;
	int rc;
	while (len < (size_t)max && (rc = db_step(st)) == DB_ROW)
		list[len++] = db_column_int64(st, 0);
	int err = len < (size_t)max && rc != DB_DONE ? store_rc(s, rc) : TF_OK;
	db_reset(st);
	if (err == TF_OK) {
		*ids = list;
		*n = len;
	}
	return err;
}

/* ---- recordings Twilio has to delete ---- */

int store_gdpr_recordings_due(struct store *s, struct arena *a, int max, struct store_recording_due **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (max <= 0)
		return TF_OK;
	struct store_recording_due *list = arena_alloc(a, (size_t)max * sizeof(*list));
	if (list == NULL)
		return TF_ENOMEM;
	struct db_stmt *st = stmt(s, G_REC_DUE);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, max);
	size_t len = 0;
	int rc, err = TF_OK;
	while (len < (size_t)max && (rc = db_step(st)) == DB_ROW) {
		list[len].id = db_column_int64(st, 0);
		if ((list[len].recording_sid = store_col_text(a, st, 1)) == NULL) {
			err = TF_ENOMEM;
			break;
		}
		len++;
	}
	if (err == TF_OK && len < (size_t)max && rc != DB_DONE)
		err = store_rc(s, rc);
	db_reset(st);
	if (err == TF_OK) {
		*out = list;
		*n = len;
	}
	return err;
}

int store_gdpr_recording_deleted(struct store *s, int64_t id)
{
	int err = secure_delete(s);
	if (err == TF_OK)
		err = store_begin(s);
	if (err)
		return err;
	int dropped = 0;
	if ((err = run_for(s, G_REC_DONE, id, NULL)) || (err = run_for(s, G_REC_DONE_DROP, id, &dropped))) {
		store_rollback(s);
		return err;
	}
	if ((err = store_commit(s)) == TF_OK && dropped)
		checkpoint(s);      /* the last trace of an erased call */
	return err;
}

int store_gdpr_recording_retry(struct store *s, int64_t id)
{
	return run_for(s, G_REC_RETRY, id, NULL);
}

/* ---- key rotation ---- */

#define REKEY_MAX_COLS 3

struct rekey_desc {
	const char *name;
	int sel, upd;
	int ncols;
	const char *aad[REKEY_MAX_COLS];
};

static const struct rekey_desc rekey_tables[STORE_REKEY__COUNT] = {
	[STORE_REKEY_LEADS] = { "leads", G_RK_LEADS_SEL, G_RK_LEADS_UPD, 3,
	                        { "leads.phone", "leads.name", "leads.email" } },
	[STORE_REKEY_CALLS] = { "lead_call_logs", G_RK_CALLS_SEL, G_RK_CALLS_UPD, 1, { "lead_call_logs.state" } },
	[STORE_REKEY_TURNS] = { "dialogflow_conversations", G_RK_TURNS_SEL, G_RK_TURNS_UPD, 3,
	                        { "dialogflow_conversations.text", "dialogflow_conversations.reply",
	                          "dialogflow_conversations.entities" } },
	[STORE_REKEY_SMS] = { "sms_outbox", G_RK_SMS_SEL, G_RK_SMS_UPD, 2, { "sms_outbox.to", "sms_outbox.body" } },
};

const char *store_rekey_table_name(enum store_rekey_table t)
{
	return (unsigned)t < STORE_REKEY__COUNT ? rekey_tables[t].name : "?";
}

struct rekey_row {
	int64_t id;
	const char *hash;                     /* leads only */
	const unsigned char *blob[REKEY_MAX_COLS];   /* NULL: SQL NULL */
	size_t len[REKEY_MAX_COLS];
};

static int read_rekey_row(struct arena *a, struct db_stmt *st, int ncols, struct rekey_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_column_int64(st, 0);
	if (db_column_type(st, 1) != DB_NULL && (r->hash = store_col_text(a, st, 1)) == NULL)
		return TF_ENOMEM;
	for (int c = 0; c < ncols; c++) {
		if (db_column_type(st, 2 + c) == DB_NULL)
			continue;
		size_t n = 0;
		const void *p = db_column_blob(st, 2 + c, &n);
		unsigned char *copy = arena_alloc(a, n + 1);
		if (copy == NULL)
			return TF_ENOMEM;
		if (n)
			memcpy(copy, p, n);
		r->blob[c] = copy;
		r->len[c] = n;
	}
	return TF_OK;
}

/* The lead holding `hash` (0: none). */
static int lead_by_hash(struct store *s, const char *hash, int64_t *id)
{
	*id = 0;
	struct db_stmt *st = stmt(s, G_RK_LEAD_BY_HASH);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, hash);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_column_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? TF_OK : store_rc(s, rc);
}

void store_lead_merge(const struct store_lead_facts *keep, const struct store_lead_facts *drop,
                      struct store_lead_merged *out)
{
	out->facts = *keep;
	out->name_from_drop = drop->has_name;
	out->email_from_drop = drop->has_email;
	out->facts.has_name = keep->has_name || drop->has_name;
	out->facts.has_email = keep->has_email || drop->has_email;
	if (keep->studio_id == 0)
		out->facts.studio_id = drop->studio_id;
	if (drop->status && strcmp(drop->status, "new") != 0)
		out->facts.status = drop->status;
	out->facts.call_count = keep->call_count + drop->call_count;
	if (drop->last_call_at && (keep->last_call_at == NULL || strcmp(drop->last_call_at, keep->last_call_at) > 0))
		out->facts.last_call_at = drop->last_call_at;
}

static int lead_facts(struct store *s, struct arena *a, int64_t id, struct store_lead_facts *f)
{
	memset(f, 0, sizeof(*f));
	struct db_stmt *st = stmt(s, G_MG_FACTS);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	int err = store_step_one(s, st);
	if (err == TF_OK) {
		f->has_name = db_column_int(st, 0) != 0;
		f->has_email = db_column_int(st, 1) != 0;
		f->studio_id = db_column_int64(st, 2);
		f->status = store_col_text(a, st, 3);
		f->call_count = db_column_int64(st, 4);
		f->last_call_at = store_col_text(a, st, 5);
		if (f->status == NULL)
			err = TF_ENOMEM;
	}
	db_reset(st);
	return err;
}

/* Writes the merge into lead keep (its data from drop still in place). */
static int merge_lead_row(struct store *s, struct arena *a, int64_t keep, int64_t drop)
{
	struct store_lead_facts k, d;
	int err = lead_facts(s, a, keep, &k);
	if (err == TF_OK)
		err = lead_facts(s, a, drop, &d);
	if (err)
		return err;
	struct store_lead_merged m;
	store_lead_merge(&k, &d, &m);
	struct db_stmt *st = stmt(s, G_MG_LEAD);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, keep);
	db_bind_int64(st, 2, drop);
	db_bind_int64(st, 3, m.name_from_drop);
	db_bind_int64(st, 4, m.email_from_drop);
	db_bind_int64(st, 5, m.facts.studio_id);
	store_bind_text(st, 6, m.facts.status);
	db_bind_int64(st, 7, m.facts.call_count);
	store_bind_text(st, 8, m.facts.last_call_at);
	store_bind_now(st, 9);
	return store_exec_stmt(s, st);
}

/* Moves everything of lead `drop` to lead `keep` and deletes `drop`. */
static int merge_leads(struct store *s, struct arena *a, int64_t keep, int64_t drop)
{
	static const int moves[] = { G_MG_CALLS, G_MG_TURNS, G_MG_APPTS, G_MG_SMS, G_MG_CBS };
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		struct db_stmt *st = stmt(s, moves[i]);
		if (st == NULL)
			return TF_EDB;
		db_bind_int64(st, 1, keep);
		db_bind_int64(st, 2, drop);
		int err = store_exec_stmt(s, st);
		if (err)
			return err;
	}
	int err = merge_lead_row(s, a, keep, drop);
	return err ? err : run_for(s, G_MG_DEL, drop, NULL);
}

struct rekey_bufs {
	struct buf plain;
	struct buf sealed[REKEY_MAX_COLS];
};

static int rekey_row(struct store *s, struct arena *a, const struct rekey_desc *d, bool leads,
                     const struct rekey_row *r, struct rekey_bufs *b, struct store_rekey_stats *stats, int depth);

/* Re-reads lead id and rekeys it again (after a merge changed it). */
static int rekey_lead_again(struct store *s, struct arena *a, int64_t id, struct rekey_bufs *b,
                            struct store_rekey_stats *stats, int depth)
{
	struct db_stmt *st = stmt(s, G_RK_LEAD_ONE);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	struct rekey_row r;
	int rc = db_step(st), err = TF_OK;
	if (rc == DB_ROW)
		err = read_rekey_row(a, st, rekey_tables[STORE_REKEY_LEADS].ncols, &r);
	else
		err = rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
	db_reset(st);
	if (err)
		return err == TF_ENOTFOUND ? TF_OK : err;
	return rekey_row(s, a, &rekey_tables[STORE_REKEY_LEADS], true, &r, b, stats, depth + 1);
}

static int rekey_row(struct store *s, struct arena *a, const struct rekey_desc *d, bool leads,
                     const struct rekey_row *r, struct rekey_bufs *b, struct store_rekey_stats *stats, int depth)
{
	const unsigned char *out[REKEY_MAX_COLS];
	size_t outlen[REKEY_MAX_COLS];
	bool changed = false;
	char hash[65] = "";
	int err = TF_OK;
	if (leads && depth == 0) {
		/* A merge earlier in this batch may have deleted it. */
		struct db_stmt *st = stmt(s, G_LEAD_EXISTS);
		if (st == NULL)
			return TF_EDB;
		db_bind_int64(st, 1, r->id);
		int rc = db_step(st);
		db_reset(st);
		if (rc == DB_DONE)
			return TF_OK;
		if (rc != DB_ROW)
			return store_rc(s, rc);
	}
	for (int c = 0; c < d->ncols; c++) {
		out[c] = r->blob[c];
		outlen[c] = r->len[c];
		if (r->blob[c] == NULL)
			continue;
		bool current = crypto_is_current(s->crypto, r->blob[c], r->len[c]);
		bool need_plain = !current || (leads && c == 0);   /* the phone is hashed again */
		if (!need_plain)
			continue;
		buf_reset(&b->plain);
		err = crypto_open(s->crypto, r->blob[c], r->len[c], d->aad[c], &b->plain);
		if (err == TF_EAUTH || err == TF_EINVAL) {
			stats->unreadable++;
			err = TF_OK;
			continue;
		}
		if (err)
			break;
		if (leads && c == 0) {
			const char *phone = b->plain.data ? b->plain.data : "";
			if (crypto_hash_phone(s->crypto, phone, hash) != TF_OK)
				hash[0] = '\0';     /* not a number: leave its hash alone */
		}
		if (!current) {
			buf_reset(&b->sealed[c]);
			if ((err = crypto_seal(s->crypto, b->plain.data ? b->plain.data : "", b->plain.len, d->aad[c],
			                       &b->sealed[c])) != TF_OK)
				break;
			out[c] = (const unsigned char *)b->sealed[c].data;
			outlen[c] = b->sealed[c].len;
			changed = true;
		}
		if (b->plain.data)
			explicit_bzero(b->plain.data, b->plain.len);
		buf_reset(&b->plain);
	}
	if (err)
		return err;
	bool rehash = leads && hash[0] && (r->hash == NULL || strcmp(hash, r->hash) != 0);
	if (rehash) {
		int64_t holder;
		if ((err = lead_by_hash(s, hash, &holder)) != TF_OK)
			return err;
		if (holder && holder != r->id) {
			if (depth > 0)
				return TF_EINTERNAL;   /* a merge did not free the hash: never loop */
			int64_t keep = holder < r->id ? holder : r->id, drop = holder < r->id ? r->id : holder;
			if ((err = merge_leads(s, a, keep, drop)) != TF_OK)
				return err;
			stats->merged++;
			return rekey_lead_again(s, a, keep, b, stats, depth);
		}
	}
	if (!changed && !rehash)
		return TF_OK;
	struct db_stmt *st = stmt(s, d->upd);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, r->id);
	for (int c = 0; c < d->ncols; c++) {
		int rc = out[c] ? db_bind_blob(st, 2 + c, out[c], outlen[c])
		                : db_bind_null(st, 2 + c);
		if (rc != DB_OK)
			return store_rc(s, rc);
	}
	if (leads)
		store_bind_text(st, 2 + d->ncols, rehash ? hash : r->hash);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		return err;
	if (changed)
		stats->resealed++;
	if (rehash)
		stats->rehashed++;
	return TF_OK;
}

int store_rekey_batch(struct store *s, struct arena *a, enum store_rekey_table t, int64_t after_id, int batch,
                      int64_t *last_id, bool *done, struct store_rekey_stats *stats)
{
	*last_id = after_id;
	*done = false;
	if ((unsigned)t >= STORE_REKEY__COUNT || batch <= 0)
		return TF_EINVAL;
	const struct rekey_desc *d = &rekey_tables[t];
	struct rekey_row *rows = arena_alloc(a, (size_t)batch * sizeof(*rows));
	if (rows == NULL)
		return TF_ENOMEM;
	struct rekey_bufs b;
	buf_init(&b.plain, TF_MAX_UPSTREAM_BODY);
	for (int c = 0; c < REKEY_MAX_COLS; c++)
		buf_init(&b.sealed[c], TF_MAX_UPSTREAM_BODY + CRYPTO_OVERHEAD);

	int err = secure_delete(s);
	if (err == TF_OK)
		err = store_begin(s);
	if (err)
		goto out;
	/* Read the batch first: merges change rows the scan would still visit. */
	struct db_stmt *st = stmt(s, d->sel);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	db_bind_int64(st, 1, after_id);
	db_bind_int64(st, 2, batch);
	size_t n = 0;
	int rc;
	while (n < (size_t)batch && (rc = db_step(st)) == DB_ROW) {
		if ((err = read_rekey_row(a, st, d->ncols, &rows[n])) != TF_OK)
			break;
		n++;
	}
	if (err == TF_OK && n < (size_t)batch && rc != DB_DONE)
		err = store_rc(s, rc);
	db_reset(st);
	/* Counted apart and added only once the batch is committed. */
	struct store_rekey_stats mine = { 0 };
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		mine.scanned++;
		err = rekey_row(s, a, d, t == STORE_REKEY_LEADS, &rows[i], &b, &mine, 0);
		if (err == TF_OK)
			*last_id = rows[i].id;
	}
	if (err)
		goto fail;
	if ((err = store_commit(s)) != TF_OK) {
		*last_id = after_id;
		goto out;
	}
	stats->scanned += mine.scanned;
	stats->resealed += mine.resealed;
	stats->rehashed += mine.rehashed;
	stats->merged += mine.merged;
	stats->unreadable += mine.unreadable;
	*done = n < (size_t)batch;
	goto out;
fail:
	store_rollback(s);
	*last_id = after_id;
out:
	buf_free(&b.plain);
	for (int c = 0; c < REKEY_MAX_COLS; c++)
		buf_free(&b.sealed[c]);
	return err;
}
