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
#include <strings.h>

enum {
	C_LEAD_FIND, C_LEAD_INSERT, C_LEAD_TOUCH, C_CALL_INSERT, C_CALL_GET, C_LEAD_GET,
	C_CALL_STATUS, C_CALL_OUTCOME, C_REC_UPSERT, C_LEAD_REHASH, C_CALL_STUDIO, C__N
};
static const char *const calls_sql[C__N] = {
	[C_LEAD_FIND] = "SELECT id, name_enc, coalesce(studio_id, 0), call_count FROM leads WHERE phone_hash = ?1",
	[C_LEAD_REHASH] = "UPDATE leads SET phone_hash = ?2, updated_at = ?3 WHERE id = ?1",
	[C_LEAD_INSERT] = "INSERT INTO leads (phone_hash, phone_enc, studio_id, created_at, updated_at)"
	                  " VALUES (?1, ?2, nullif(?3, 0), ?4, ?4) ON CONFLICT (phone_hash) DO NOTHING RETURNING id",
	[C_LEAD_TOUCH] = "UPDATE leads SET call_count = call_count + 1, last_call_at = ?3,"
	                 " studio_id = coalesce(studio_id, nullif(?2, 0)), updated_at = ?3 WHERE id = ?1",
	[C_CALL_INSERT] = "INSERT INTO lead_call_logs (call_sid, lead_id, studio_id, direction, to_number, status,"
	                  " status_rank, started_at, created_at, updated_at)"
	                  " VALUES (?1, nullif(?2, 0), nullif(?3, 0), ?4, ?5, ?6, ?7, ?8, ?8, ?8)"
	                  " ON CONFLICT (call_sid) DO NOTHING",
	[C_CALL_GET] = "SELECT id, coalesce(lead_id, 0), coalesce(studio_id, 0), status, engine, outcome, state_enc, turn,"
	               " direction = '" STORE_TEST_SESSION "' FROM lead_call_logs WHERE call_sid = ?1",
	[C_LEAD_GET] = "SELECT id, name_enc, coalesce(studio_id, 0), call_count FROM leads WHERE id = ?1",
	[C_CALL_STUDIO] = "UPDATE lead_call_logs SET studio_id = ?2, updated_at = ?3"
	                  " WHERE call_sid = ?1 AND (studio_id IS NULL OR studio_id <> ?2)",
	[C_CALL_STATUS] =
		"INSERT INTO lead_call_logs (call_sid, status, status_rank, last_sequence, duration_seconds, ended_at,"
		" started_at, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7)"
		" ON CONFLICT (call_sid) DO UPDATE SET status = excluded.status, status_rank = excluded.status_rank,"
		"  last_sequence = CASE WHEN excluded.last_sequence > lead_call_logs.last_sequence"
		"   THEN excluded.last_sequence ELSE lead_call_logs.last_sequence END,"
		"  duration_seconds = coalesce(excluded.duration_seconds, lead_call_logs.duration_seconds),"
		"  ended_at = coalesce(lead_call_logs.ended_at, excluded.ended_at),"
		/* The final status settles the outcome (?8, store_call_final_outcome). */
		"  outcome = coalesce(?8, lead_call_logs.outcome),"
		"  updated_at = excluded.updated_at"
		" WHERE excluded.status_rank > lead_call_logs.status_rank"
		" RETURNING outcome",
	/* What store_call_final_outcome decides from: the outcome so far and the
	 * intent of the last turn. */
	[C_CALL_OUTCOME] = "SELECT c.outcome, (SELECT d.intent FROM dialogflow_conversations d"
	                   " WHERE d.call_sid = c.call_sid ORDER BY d.turn DESC LIMIT 1)"
	                   " FROM lead_call_logs c WHERE c.call_sid = ?1",
	[C_REC_UPSERT] =
		"INSERT INTO recordings (call_sid, recording_sid, url, status, duration, channels, source, error_code,"
		" created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"
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
		"  updated_at = excluded.updated_at",
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

static int read_lead(struct store *s, struct arena *a, struct db_stmt *st, struct store_lead *lead)
{
	lead->id = db_column_int64(st, 0);
	int err = store_col_sealed(s, a, st, 1, "leads.name", &lead->name);
	if (err == TF_EAUTH)
		err = TF_OK, lead->name = NULL;  /* sealed with a key we no longer have */
	lead->studio_id = db_column_int64(st, 2);
	lead->call_count = db_column_int(st, 3);
	return err;
}

static int read_call(struct store *s, struct arena *a, const char *call_sid, struct store_call *call)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_CALL_GET, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	int rc = db_step(st), err = TF_OK;
	if (rc == DB_ROW) {
		call->id = db_column_int64(st, 0);
		call->lead_id = db_column_int64(st, 1);
		call->studio_id = db_column_int64(st, 2);
		call->status = store_col_text(a, st, 3);
		call->engine = store_col_text(a, st, 4);
		call->outcome = store_col_text(a, st, 5);
		err = store_col_sealed(s, a, st, 6, "lead_call_logs.state", &call->state);
		call->turn = db_column_int(st, 7);
		call->test = db_column_int(st, 8) != 0;
		if (err == TF_OK && (call->status == NULL || call->engine == NULL))
			err = TF_ENOMEM;
	} else {
		err = rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
	}
	db_reset(st);
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
		struct db_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_FIND, calls_sql);
		if (st == NULL)
			return TF_EDB;
		store_bind_text(st, 1, hash);
		int rc = db_step(st);
		if (rc == DB_ROW) {
			err = read_lead(s, a, st, lead);
			*found = err == TF_OK;
		} else if (rc != DB_DONE) {
			err = store_rc(s, rc);
		}
		db_reset(st);
		if (err)
			return err;
		if (*found && k > 0) {
			st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_REHASH, calls_sql);
			if (st == NULL)
				return TF_EDB;
			db_bind_int64(st, 1, lead->id);
			store_bind_text(st, 2, current);
			store_bind_now(st, 3);
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
	struct db_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_INSERT, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, hash);
	if ((err = store_bind_sealed(s, st, 2, normal, "leads.phone")) != TF_OK)
		return err;
	db_bind_int64(st, 3, studio_id);
	store_bind_now(st, 4);
	err = store_step_one(s, st);
	if (err == TF_OK)
		lead->id = db_column_int64(st, 0);
	db_reset(st);
	if (err == TF_ENOTFOUND) {
		/* The same caller's other call made the lead a moment ago (two
		 * hosts, or two workers on PostgreSQL): it is this caller's too. */
		if ((err = lead_find(s, a, from, hash, lead, &found)) != TF_OK)
			return err;
		return found ? TF_OK : TF_EDB;
	}
	if (err)
		return err;
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

	struct db_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_CALL_INSERT, calls_sql);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_text(st, 1, in->call_sid);
	db_bind_int64(st, 2, lead->id);
	db_bind_int64(st, 3, in->studio_id);
	store_bind_text(st, 4, in->direction && *in->direction ? in->direction : "inbound");
	store_bind_text(st, 5, in->to ? in->to : "");
	int rank = status_rank(in->status);
	store_bind_text(st, 6, rank ? in->status : "ringing");
	db_bind_int64(st, 7, rank ? rank : 2);
	store_bind_now(st, 8);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;
	bool created = db_changes(s->db) > 0;

	if (created && lead->id) {
		st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_TOUCH, calls_sql);
		if (st == NULL) {
			err = TF_EDB;
			goto fail;
		}
		db_bind_int64(st, 1, lead->id);
		db_bind_int64(st, 2, in->studio_id);
		store_bind_now(st, 3);
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
	struct db_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_LEAD_GET, calls_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, call->lead_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		err = read_lead(s, a, st, lead);
	else if (rc != DB_DONE)
		err = store_rc(s, rc);
	db_reset(st);
	return err;
}

const char *store_call_final_outcome(const char *outcome, const char *status, const char *last_intent)
{
	/* None yet is a caller who hung up (or a call that failed), unless the
	 * last thing they heard answered an information question (opening
	 * hours, address): then they were served ('info'). One still waiting
	 * for a person left the waiting line. Any other outcome stays. */
	if (outcome == NULL) {
		if (status == NULL || strcmp(status, "completed") != 0)
			return "failed";
		if (last_intent && strncasecmp(last_intent, "info", 4) == 0)
			return "info";
		return "abandoned";
	}
	return strcmp(outcome, "waiting") == 0 ? "queue_abandoned" : outcome;
}

/* The outcome the final status `status` gives the call (NULL: no row yet,
 * whose first status settles none). Within the caller's transaction. */
static int final_outcome(struct store *s, struct arena *a, const char *call_sid, const char *status,
                         const char **outcome)
{
	*outcome = NULL;
	struct db_stmt *st = store_locking_stmt(s, STORE_MOD_CALLS, C_CALL_OUTCOME, calls_sql, "c");
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	int err = store_step_one(s, st);
	if (err == TF_OK) {
		const char *was = store_col_text(a, st, 0), *intent = store_col_text(a, st, 1);
		*outcome = store_call_final_outcome(was, status, intent);
	}
	db_reset(st);
	return err == TF_ENOTFOUND ? TF_OK : err;
}

/* Applies the event within a transaction; *outcome: the final outcome it
 * settled, "" when none. */
static int call_status_apply(struct store *s, const char *call_sid, const char *status, int rank, int sequence,
                             int duration, bool *changed, char outcome[32])
{
	struct arena none;
	arena_init(&none, 1024);
	const char *settles = NULL;
	int err = rank >= 4 ? final_outcome(s, &none, call_sid, status, &settles) : TF_OK;
	struct db_stmt *st = err ? NULL : store_stmt(s, STORE_MOD_CALLS, C_CALL_STATUS, calls_sql);
	if (st == NULL) {
		arena_free(&none);
		return err ? err : TF_EDB;
	}
	store_bind_text(st, 1, call_sid);
	store_bind_text(st, 2, status);
	db_bind_int64(st, 3, rank);
	db_bind_int64(st, 4, sequence);
	if (duration >= 0)
		db_bind_int64(st, 5, duration);
	if (rank >= 4)
		store_bind_now(st, 6);      /* ended_at */
	store_bind_now(st, 7);
	store_bind_text(st, 8, settles);
	arena_free(&none);
	/* A row comes back only when the event moved the call (inserted or
	 * updated it). The event that makes the call final counts its outcome:
	 * exactly one does, since a final status is never moved past. */
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		*changed = true;
		const char *o = db_column_text(st, 0);
		if (rank >= 4 && o != NULL)
			snprintf(outcome, 32, "%s", o);
	}
	err = store_rc(s, rc);
	db_reset(st);
	return err;
}

int store_call_status(struct store *s, const char *call_sid, const char *status, int sequence, int duration,
                      bool *changed)
{
	*changed = false;
	int rank = status_rank(status);
	if (rank == 0 || call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
	char outcome[32] = "";
	int err = store_begin(s);
	if (err)
		return err;
	if ((err = call_status_apply(s, call_sid, status, rank, sequence, duration, changed, outcome)) == TF_OK)
		err = store_commit(s);
	else
		store_rollback(s);
	if (err) {
		*changed = false;
		return err;
	}
	if (*changed && rank >= 4 && store_replies_end_call(s, call_sid) != TF_OK)
		log_warn("dropping an ended call's webhook answers failed; the hourly purge will");
	if (outcome[0])
		metrics_call_outcome(outcome);
	return TF_OK;
}

int store_call_set_studio(struct store *s, const char *call_sid, int64_t studio_id)
{
	if (call_sid == NULL || *call_sid == '\0' || studio_id <= 0)
		return TF_EINVAL;
	struct db_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_CALL_STUDIO, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	db_bind_int64(st, 2, studio_id);
	store_bind_now(st, 3);
	return store_exec_stmt(s, st);
}

int store_recording_upsert(struct store *s, const struct store_recording *r)
{
	if (r->call_sid == NULL || r->recording_sid == NULL || r->status == NULL)
		return TF_EINVAL;
	struct db_stmt *st = store_stmt(s, STORE_MOD_CALLS, C_REC_UPSERT, calls_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, r->call_sid);
	store_bind_text(st, 2, r->recording_sid);
	store_bind_text(st, 3, r->url);
	store_bind_text(st, 4, r->status);
	if (r->duration >= 0)
		db_bind_int64(st, 5, r->duration);
	if (r->channels >= 0)
		db_bind_int64(st, 6, r->channels);
	store_bind_text(st, 7, r->source);
	store_bind_text(st, 8, r->error_code);
	store_bind_now(st, 9);
	return store_exec_stmt(s, st);
}
