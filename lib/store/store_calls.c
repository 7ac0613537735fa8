/* store_calls.c: leads found by their number, call logs keyed by CallSid,
 * call status events that never move backwards, recordings. */
#include "store_int.h"
#include "crypto.h"
#include "err.h"
#include "log.h"
#include "tf_limits.h"
#include "metrics.h"

#include <stdio.h>
#include <string.h>

enum {
	C_LEAD_FIND, C_LEAD_INSERT, C_LEAD_TOUCH, C_CALL_INSERT, C_CALL_GET, C_LEAD_GET,
	C_CALL_STATUS, C_REC_UPSERT, C_LEAD_REHASH, C_CALL_STUDIO, C__N
};
static const char *const calls_sql[C__N] = {
	[C_LEAD_FIND] = "SELECT id, name_enc, coalesce(studio_id, 0), call_count FROM leads WHERE phone_hash = ?1",
	[C_LEAD_REHASH] = "UPDATE leads SET phone_hash = ?2, updated_at = datetime('now') WHERE id = ?1",
	[C_LEAD_INSERT] = "INSERT INTO leads (phone_hash, phone_enc, studio_id) VALUES (?1, ?2, nullif(?3, 0))",
	[C_LEAD_TOUCH] = "UPDATE leads SET call_count = call_count + 1, last_call_at = datetime('now'),"
	                 " studio_id = coalesce(studio_id, nullif(?2, 0)), updated_at = datetime('now') WHERE id = ?1",
	[C_CALL_INSERT] = "INSERT INTO lead_call_logs (call_sid, lead_id, studio_id, direction, to_number, status, status_rank)"
	                  " VALUES (?1, nullif(?2, 0), nullif(?3, 0), ?4, ?5, ?6, ?7) ON CONFLICT (call_sid) DO NOTHING",
	[C_CALL_GET] = "SELECT id, coalesce(lead_id, 0), coalesce(studio_id, 0), status, engine, outcome, state_enc, turn,"
	               " direction = '" STORE_TEST_SESSION "' FROM lead_call_logs WHERE call_sid = ?1",
	[C_LEAD_GET] = "SELECT id, name_enc, coalesce(studio_id, 0), call_count FROM leads WHERE id = ?1",
	[C_CALL_STUDIO] = "UPDATE lead_call_logs SET studio_id = ?2, updated_at = datetime('now')"
	                  " WHERE call_sid = ?1 AND studio_id IS NOT ?2",
	[C_CALL_STATUS] =
		"INSERT INTO lead_call_logs (call_sid, status, status_rank, last_sequence, duration_seconds, ended_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?3 >= 4 THEN datetime('now') END)"
		" ON CONFLICT (call_sid) DO UPDATE SET status = excluded.status, status_rank = excluded.status_rank,"
		"  last_sequence = max(last_sequence, excluded.last_sequence),"
		"  duration_seconds = coalesce(excluded.duration_seconds, duration_seconds),"
		"  ended_at = coalesce(lead_call_logs.ended_at, excluded.ended_at),"
		/* The final status settles the outcome, once: none yet is a caller
		 * who hung up (or a call that failed), unless the last thing they
		 * heard answered an information question (opening hours, address):
		 * then they were served ('info'). One still waiting for a person
		 * left the waiting line. */
		"  outcome = CASE WHEN excluded.status_rank < 4 THEN lead_call_logs.outcome"
		"            WHEN lead_call_logs.outcome IS NULL"
		"            THEN CASE WHEN excluded.status <> 'completed' THEN 'failed'"
		"                      WHEN (SELECT d.intent FROM dialogflow_conversations d"
		"                             WHERE d.call_sid = lead_call_logs.call_sid ORDER BY d.turn DESC LIMIT 1)"
		"                           LIKE 'info%' THEN 'info'"
		"                      ELSE 'abandoned' END"
		"            WHEN lead_call_logs.outcome = 'waiting' THEN 'queue_abandoned'"
		"            ELSE lead_call_logs.outcome END,"
		"  updated_at = datetime('now')"
		" WHERE excluded.status_rank > lead_call_logs.status_rank"
		" RETURNING outcome",
	[C_REC_UPSERT] =
		"INSERT INTO recordings (call_sid, recording_sid, url, status, duration, channels, source, error_code)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		" ON CONFLICT (recording_sid) DO UPDATE SET"
		"  url = coalesce(excluded.url, recordings.url),"
		"  status = CASE WHEN recordings.status IN ('completed', 'absent', 'failed', 'deleted')"
		"                 AND excluded.status = 'in-progress' THEN recordings.status"
		"            WHEN recordings.status = 'deleted' THEN recordings.status"
		"            ELSE excluded.status END,"
		"  duration = coalesce(excluded.duration, recordings.duration),"
		"  channels = coalesce(excluded.channels, recordings.channels),"
		"  source = coalesce(excluded.source, recordings.source),"
		"  error_code = coalesce(excluded.error_code, recordings.error_code),"
		"  updated_at = datetime('now')",
};

/* The order a call's status may move in; 0 for unknown values. */
static int status_rank(const char *status)
{
	static const struct { const char *name; int rank; } ranks[] = {
		{ "queued", 1 }, { "initiated", 1 }, { "ringing", 2 }, { "in-progress", 3 }, { "answered", 3 },
		{ "completed", 4 }, { "busy", 4 }, { "failed", 4 }, { "no-answer", 4 }, { "canceled", 4 },
	};
	for (size_t i = 0; status && i < sizeof(ranks) / sizeof(ranks[0]); i++)
		if (strcmp(status, ranks[i].name) == 0)
			return ranks[i].rank;
	return 0;
}

/* A number we can recognise a caller by (after normalising "0049 151 ..."
 * to "+49151..."); withheld and odd caller IDs are not. */
static bool callable(const char *from)
{
	char normal[TF_MAX_PHONE + 1];
	if (from == NULL || crypto_phone_normalize(from, normal, sizeof(normal)) != TF_OK || strlen(normal) < 6)
		return false;
	for (const char *p = normal; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (p == normal && *p == '+')))
			return false;
	return true;
}

static int read_lead(struct store *s, struct arena *a, sqlite3_stmt *st, struct store_lead *lead)
{
	lead->id = sqlite3_column_int64(st, 0);
	int err = store_col_sealed(s, a, st, 1, "leads.name", &lead->name);
	if (err == TF_EAUTH)
		err = TF_OK, lead->name = NULL;  /* sealed with a key we no longer have */
	lead->studio_id = sqlite3_column_int64(st, 2);
	lead->call_count = sqlite3_column_int(st, 3);
	return err;
}

static int read_call(struct store *s, struct arena *a, const char *call_sid, struct store_call *call)
{
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_CALL_GET, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	int rc = sqlite3_step(st), err = TF_OK;
	if (rc == SQLITE_ROW) {
		call->id = sqlite3_column_int64(st, 0);
		call->lead_id = sqlite3_column_int64(st, 1);
		call->studio_id = sqlite3_column_int64(st, 2);
		call->status = store_col_text(a, st, 3);
		call->engine = store_col_text(a, st, 4);
		call->outcome = store_col_text(a, st, 5);
		err = store_col_sealed(s, a, st, 6, "lead_call_logs.state", &call->state);
		call->turn = sqlite3_column_int(st, 7);
		call->test = sqlite3_column_int(st, 8) != 0;
		if (err == TF_OK && (call->status == NULL || call->engine == NULL))
			err = TF_ENOMEM;
	} else {
		err = rc == SQLITE_DONE ? TF_ENOTFOUND : store_rc(s, rc);
	}
	sqlite3_reset(st);
	return err;
}

/* Finds the lead under the current key's hash, then under older keys (a
 * rotation in progress: `terminfon rekey` has not reached this lead yet); a
 * lead found under an old key gets the current hash at once, so the same
 * caller never becomes two leads. */
static int lead_find(struct store *s, struct arena *a, const char *from, const char *current,
                     struct store_lead *lead, bool *found)
{
	*found = false;
	size_t nkeys = crypto_key_count(s->crypto);
	for (size_t k = 0; k < nkeys && !*found; k++) {
		char hash[65];
		int err = TF_OK;
		if (k == 0)
			memcpy(hash, current, sizeof(hash));
		else
			err = crypto_hash_phone_with(s->crypto, k, from, hash);
		if (err)
			return err;
		sqlite3_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_FIND, calls_sql);
		if (st == NULL)
			return TF_EDB;
		store_bind_text(st, 1, hash);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			err = read_lead(s, a, st, lead);
			*found = err == TF_OK;
		} else if (rc != SQLITE_DONE) {
			err = store_rc(s, rc);
		}
		sqlite3_reset(st);
		if (err)
			return err;
		if (*found && k > 0) {
			st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_REHASH, calls_sql);
			if (st == NULL)
				return TF_EDB;
			sqlite3_bind_int64(st, 1, lead->id);
			store_bind_text(st, 2, current);
			if ((err = store_exec_stmt(s, st)) != TF_OK)
				return err;
		}
	}
	return TF_OK;
}

static int lead_find_or_create(struct store *s, struct arena *a, const char *from, int64_t studio_id,
                               struct store_lead *lead)
{
	char hash[65];
	int err = crypto_hash_phone(s->crypto, from, hash);
	if (err)
		return err;
	bool found;
	if ((err = lead_find(s, a, from, hash, lead, &found)) != TF_OK || found)
		return err;

	char normal[TF_MAX_PHONE + 1];
	if ((err = crypto_phone_normalize(from, normal, sizeof(normal))) != TF_OK)
		return err;
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_INSERT, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, hash);
	if ((err = store_bind_sealed(s, st, 2, normal, "leads.phone")) != TF_OK)
		return err;
	sqlite3_bind_int64(st, 3, studio_id);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		return err;
	lead->id = sqlite3_last_insert_rowid(s->db);
	lead->name = NULL;
	lead->studio_id = studio_id;
	lead->call_count = 0;
	lead->created = true;
	metrics_inc(M_LEADS_CREATED);
	return TF_OK;
}

int store_call_open(struct store *s, struct arena *a, const struct store_call_open *in,
                    struct store_lead *lead, struct store_call *call)
{
	memset(lead, 0, sizeof(*lead));
	memset(call, 0, sizeof(*call));
	int err = store_begin(s);
	if (err)
		return err;
	if (callable(in->from) && (err = lead_find_or_create(s, a, in->from, in->studio_id, lead)) != TF_OK)
		goto fail;

	sqlite3_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_CALL_INSERT, calls_sql);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_text(st, 1, in->call_sid);
	sqlite3_bind_int64(st, 2, lead->id);
	sqlite3_bind_int64(st, 3, in->studio_id);
	store_bind_text(st, 4, in->direction && *in->direction ? in->direction : "inbound");
	store_bind_text(st, 5, in->to ? in->to : "");
	int rank = status_rank(in->status);
	store_bind_text(st, 6, rank ? in->status : "ringing");
	sqlite3_bind_int(st, 7, rank ? rank : 2);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;
	bool created = sqlite3_changes(s->db) > 0;

	if (created && lead->id) {
		st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_TOUCH, calls_sql);
		if (st == NULL) {
			err = TF_EDB;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, lead->id);
		sqlite3_bind_int64(st, 2, in->studio_id);
		if ((err = store_exec_stmt(s, st)) != TF_OK)
			goto fail;
		lead->call_count++;
	}
	if (in->consent && (err = store_consent_set(s, in->call_sid, in->consent, true)) != TF_OK)
		goto fail;
	if ((err = read_call(s, a, in->call_sid, call)) != TF_OK)
		goto fail;
	call->created = created;
	if ((err = store_commit(s)) != TF_OK)
		return err;
	/* A test session is no call: it counts in no statistic. */
	if (created && !call->test)
		metrics_inc(M_CALLS_STARTED);
	return TF_OK;
fail:
	store_rollback(s);
	return err;
}

int store_call_get(struct store *s, struct arena *a, const char *call_sid, struct store_call *call,
                   struct store_lead *lead)
{
	memset(call, 0, sizeof(*call));
	memset(lead, 0, sizeof(*lead));
	int err = read_call(s, a, call_sid, call);
	if (err || call->lead_id == 0)
		return err;
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_GET, calls_sql);
	if (st == NULL)
		return TF_EDB;
	sqlite3_bind_int64(st, 1, call->lead_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		err = read_lead(s, a, st, lead);
	else if (rc != SQLITE_DONE)
		err = store_rc(s, rc);
	sqlite3_reset(st);
	return err;
}

int store_call_status(struct store *s, const char *call_sid, const char *status, int sequence, int duration,
                      bool *changed)
{
	*changed = false;
	int rank = status_rank(status);
	if (rank == 0 || call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_CALL_STATUS, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	store_bind_text(st, 2, status);
	sqlite3_bind_int(st, 3, rank);
	sqlite3_bind_int(st, 4, sequence);
	if (duration >= 0)
		sqlite3_bind_int(st, 5, duration);
	/* A row comes back only when the event moved the call (inserted or
	 * updated it). The event that makes the call final counts its outcome:
	 * exactly one does, since a final status is never moved past. */
	char outcome[32] = "";
	bool final_outcome = false;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*changed = true;
		const unsigned char *o = sqlite3_column_text(st, 0);
		if (rank >= 4 && o != NULL) {
			snprintf(outcome, sizeof(outcome), "%s", (const char *)o);
			final_outcome = true;
		}
	}
	int err = store_rc(s, rc);
	sqlite3_reset(st);
	if (err) {
		*changed = false;
		return err;
	}
	if (*changed && rank >= 4 && store_replies_end_call(s, call_sid) != TF_OK)
		log_warn("dropping an ended call's webhook answers failed; the hourly purge will");
	if (final_outcome)
		metrics_call_outcome(outcome);
	return TF_OK;
}

int store_call_set_studio(struct store *s, const char *call_sid, int64_t studio_id)
{
	if (call_sid == NULL || *call_sid == '\0' || studio_id <= 0)
		return TF_EINVAL;
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_CALL_STUDIO, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	sqlite3_bind_int64(st, 2, studio_id);
	return store_exec_stmt(s, st);
}

int store_recording_upsert(struct store *s, const struct store_recording *r)
{
	if (r->call_sid == NULL || r->recording_sid == NULL || r->status == NULL)
		return TF_EINVAL;
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_REC_UPSERT, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, r->call_sid);
	store_bind_text(st, 2, r->recording_sid);
	store_bind_text(st, 3, r->url);
	store_bind_text(st, 4, r->status);
	if (r->duration >= 0)
		sqlite3_bind_int(st, 5, r->duration);
	if (r->channels >= 0)
		sqlite3_bind_int(st, 6, r->channels);
	store_bind_text(st, 7, r->source);
	store_bind_text(st, 8, r->error_code);
	return store_exec_stmt(s, st);
}
