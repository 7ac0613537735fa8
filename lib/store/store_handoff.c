/* store_handoff.c: the SQL of handing a caller to a person: transfer and
 * waiting-line rows, the call's recording consent, recording starts, and the
 * attempts of callback requests. */
#include "store_int.h"
#include "err.h"

#include <string.h>

enum {
	H_SWEEP_CONNECTED, H_SWEEP_WAITING, H_OPEN, H_CONNECTED, H_AHEAD, H_INSERT, H_UPDATE, H_END, H_LIST, H_PURGE,
	H_CALL_OUTCOME, H_CONSENT_GET, H_CONSENT_SET, H_REFUSAL, H_ENFORCE, H_RECSTART_QUEUE, H_RECSTART_DUE,
	H_RECSTART_CLAIM, H_RECSTART_STARTED, H_REC_INSERT, H_RECSTART_RETRY, H_RECSTART_FAILED, H_CB_DUE, H_CB_CLAIM,
	H_CB_PLACED, H_CB_SET, H_CB_GET, H_CB_BY_CALL, H_CB_LIST, H_REC_LIST, H__N
};

#define HANDOFF_COLS "id, coalesce(studio_id, 0), call_sid, number, caller_id, state, enqueued_at, seen_at," \
	" started_at, position, checks"
/* The request, its lead's phone and name, and the asking call's consent. */
#define CALLBACK_COLS "c.id, coalesce(c.lead_id, 0), coalesce(c.studio_id, 0), c.call_sid, c.reason, c.status," \
	" c.last_result, c.last_call_sid, (SELECT l.recording_consent FROM lead_call_logs l WHERE l.call_sid = c.call_sid)," \
	" p.phone_enc, p.name_enc, c.attempts, c.next_attempt_at, c.created_at" \
	" FROM callback_requests c LEFT JOIN leads p ON p.id = c.lead_id"

static const char *const handoff_sql[H__N] = {
	[H_SWEEP_CONNECTED] = "UPDATE handoffs SET state = 'ended', ended_at = ?1, outcome = 'stale', updated_at = ?3"
	                      " WHERE state = 'connected' AND coalesce(started_at, enqueued_at) < ?2",
	[H_SWEEP_WAITING] = "UPDATE handoffs SET state = 'ended', ended_at = ?1, outcome = 'stale', updated_at = ?3"
	                    " WHERE state = 'waiting' AND seen_at < ?2",
	[H_OPEN] = "SELECT " HANDOFF_COLS " FROM handoffs WHERE call_sid = ?1 AND state <> 'ended'",
	[H_CONNECTED] = "SELECT count(*) FROM handoffs WHERE studio_id = ?1 AND state = 'connected'",
	[H_AHEAD] = "SELECT count(*) FROM handoffs WHERE studio_id = ?1 AND state = 'waiting'"
	            " AND (?3 = 0 OR enqueued_at < ?2 OR (enqueued_at = ?2 AND id < ?3))",
	[H_INSERT] = "INSERT INTO handoffs (call_sid, studio_id, number, caller_id, state, enqueued_at, seen_at, started_at,"
	             " position, created_at, updated_at) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
	             " RETURNING id",
	[H_UPDATE] = "UPDATE handoffs SET state = ?2, seen_at = ?3, started_at = ?4, position = ?5, checks = ?6,"
	             " updated_at = ?7 WHERE id = ?1",
	[H_END] = "UPDATE handoffs SET state = 'ended', ended_at = ?2, outcome = ?3, updated_at = ?4"
	          " WHERE id = ?1 AND state <> 'ended'",
	[H_LIST] = "SELECT " HANDOFF_COLS " FROM handoffs WHERE state <> 'ended'"
	           " ORDER BY coalesce(studio_id, 0), CASE WHEN state = 'connected' THEN 1 ELSE 0 END, enqueued_at, id"
	           " LIMIT 1000",
	[H_PURGE] = "DELETE FROM handoffs WHERE state = 'ended' AND ended_at < ?1",
	/* An ended call's outcome is settled (and counted): it stays. */
	[H_CALL_OUTCOME] = "UPDATE lead_call_logs SET outcome = ?2, updated_at = ?3"
	                   " WHERE call_sid = ?1 AND status_rank < 4",
	[H_CONSENT_GET] = "SELECT recording_consent FROM lead_call_logs WHERE call_sid = ?1",
	[H_CONSENT_SET] = "UPDATE lead_call_logs SET recording_consent = ?2, updated_at = ?4"
	                  " WHERE call_sid = ?1 AND (?3 = 0 OR recording_consent IS NULL)",
	[H_REFUSAL] = "INSERT INTO recordings (call_sid, status, source, created_at, updated_at)"
	              " SELECT CAST(?1 AS TEXT), 'refused', 'consent', CAST(?2 AS TEXT), CAST(?2 AS TEXT)"
	              " WHERE NOT EXISTS (SELECT 1 FROM recordings WHERE call_sid = ?1 AND status = 'refused')",
	[H_ENFORCE] = "UPDATE recordings SET delete_requested_at = ?2, url = NULL, updated_at = ?2"
	              " WHERE call_sid = ?1 AND recording_sid IS NOT NULL AND delete_requested_at IS NULL"
	              " AND deleted_at IS NULL AND EXISTS (SELECT 1 FROM lead_call_logs l"
	              "  WHERE l.call_sid = ?1 AND l.recording_consent = 'refused')",
	[H_RECSTART_QUEUE] = "INSERT INTO recording_starts (call_sid, next_attempt_at, created_at, updated_at)"
	                     " VALUES (?1, ?2, ?3, ?3)"
	                     " ON CONFLICT (call_sid) DO NOTHING",
	[H_RECSTART_DUE] = "SELECT id, call_sid, attempts FROM recording_starts WHERE status IN ('queued', 'sending')"
	                   " AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2",
	[H_RECSTART_CLAIM] = "UPDATE recording_starts SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?2,"
	                     " updated_at = ?3 WHERE id = ?1",
	[H_RECSTART_STARTED] = "UPDATE recording_starts SET status = 'started', recording_sid = ?2, last_error = NULL,"
	                       " updated_at = ?3 WHERE id = ?1",
	[H_REC_INSERT] = "INSERT INTO recordings (call_sid, recording_sid, status, source, created_at, updated_at)"
	                 " VALUES (?1, ?2, 'in-progress', 'StartCallRecordingAPI', ?3, ?3)"
	                 " ON CONFLICT (recording_sid) DO NOTHING",
	[H_RECSTART_RETRY] = "UPDATE recording_starts SET status = 'queued', next_attempt_at = ?2, last_error = ?3,"
	                     " updated_at = ?4 WHERE id = ?1",
	[H_RECSTART_FAILED] = "UPDATE recording_starts SET status = 'failed', last_error = ?2, updated_at = ?3"
	                      " WHERE id = ?1",
	/* A row never looked at is due at once, whatever its next_attempt_at
	 * (older rows took it from the database's clock, not the program's). */
	/* The candidates; store_callback_due decides. */
	[H_CB_DUE] = "SELECT " CALLBACK_COLS " WHERE c.status IN ('pending', 'calling')"
	             " AND (c.last_result IS NULL OR c.next_attempt_at <= ?1) ORDER BY c.id LIMIT ?2",
	[H_CB_CLAIM] = "UPDATE callback_requests SET status = 'calling', last_result = 'placing', next_attempt_at = ?2,"
	               " updated_at = ?3 WHERE id = ?1",
	[H_CB_PLACED] = "UPDATE callback_requests SET status = 'calling', attempts = attempts + 1, last_call_sid = ?2,"
	                " last_result = 'placed', next_attempt_at = ?3, updated_at = ?4 WHERE id = ?1",
	[H_CB_SET] = "UPDATE callback_requests SET status = ?2, last_result = ?3, next_attempt_at = coalesce(?4, next_attempt_at),"
	             " updated_at = ?5 WHERE id = ?1",
	[H_CB_GET] = "SELECT " CALLBACK_COLS " WHERE c.id = ?1",
	[H_CB_BY_CALL] = "SELECT " CALLBACK_COLS " WHERE c.last_call_sid = ?1 ORDER BY c.id DESC LIMIT 1",
	[H_CB_LIST] = "SELECT " CALLBACK_COLS " WHERE ?1 = 1 OR c.status IN ('pending', 'calling') ORDER BY c.id DESC LIMIT ?2",
	[H_REC_LIST] = "SELECT id, call_sid, recording_sid, url, status, source, coalesce(duration, -1), created_at,"
	               " delete_requested_at, deleted_at FROM recordings ORDER BY id DESC LIMIT ?1",
};

static struct db_stmt *stmt(struct store *s, int idx)
{
	return store_stmt(s, STORE_MOD_HANDOFF, idx, handoff_sql);
}

static int64_t col_time(struct db_stmt *st, int i)
{
	int64_t utc = 0;
	const char *t = db_column_text(st, i);
	if (t == NULL || !store_parse_utc(t, &utc))
		return 0;
	return utc;
}

/* Runs a statement that yields one integer (count). */
static int one_int(struct store *s, struct db_stmt *st, int *out)
{
	int rc = db_step(st), err = TF_OK;
	*out = 0;
	if (rc == DB_ROW)
		*out = db_column_int(st, 0);
	else
		err = store_rc(s, rc);
	db_reset(st);
	return err;
}

/* ---- transfers and the waiting line ---- */

static enum store_handoff_state state_of(const char *v)
{
	if (v == NULL)
		return STORE_HANDOFF_NONE;
	if (strcmp(v, "waiting") == 0)
		return STORE_HANDOFF_WAITING;
	if (strcmp(v, "connected") == 0)
		return STORE_HANDOFF_CONNECTED;
	return STORE_HANDOFF_ENDED;
}

static const char *state_name(enum store_handoff_state st)
{
	return st == STORE_HANDOFF_WAITING ? "waiting" : st == STORE_HANDOFF_CONNECTED ? "connected" : "ended";
}

static int read_handoff(struct arena *a, struct db_stmt *st, struct store_handoff *h)
{
	memset(h, 0, sizeof(*h));
	h->id = db_column_int64(st, 0);
	h->studio_id = db_column_int64(st, 1);
	h->call_sid = store_col_text(a, st, 2);
	h->number = store_col_text(a, st, 3);
	h->caller_id = store_col_text(a, st, 4);
	h->state = state_of(db_column_text(st, 5));
	h->enqueued_utc = col_time(st, 6);
	h->seen_utc = col_time(st, 7);
	h->started_utc = col_time(st, 8);
	h->position = db_column_int(st, 9);
	h->checks = db_column_int(st, 10);
	return h->call_sid && h->number && h->caller_id ? TF_OK : TF_ENOMEM;
}

int store_handoff_sweep(struct store *s, int64_t now_utc, int64_t connected_before, int64_t waiting_before, int *n)
{
	int total = 0;
	static const int which[2] = { H_SWEEP_CONNECTED, H_SWEEP_WAITING };
	for (int i = 0; i < 2; i++) {
		struct db_stmt *st = stmt(s, which[i]);
		if (st == NULL)
			return TF_EDB;
		store_bind_utc(st, 1, now_utc);
		store_bind_utc(st, 2, i == 0 ? connected_before : waiting_before);
		store_bind_now(st, 3);
		int err = store_exec_stmt(s, st);
		if (err)
			return err;
		total += db_changes(s->db);
	}
	if (n)
		*n = total;
	return TF_OK;
}

int store_handoff_open(struct store *s, struct arena *a, const char *call_sid, struct store_handoff *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = stmt(s, H_OPEN);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	int err = store_step_one(s, st);
	if (err == TF_OK)
		err = read_handoff(a, st, out);
	db_reset(st);
	return err;
}

int store_handoff_line(struct store *s, int64_t studio_id, int64_t enqueued_utc, int64_t id, int *connected,
                       int *ahead)
{
	struct db_stmt *st = stmt(s, H_CONNECTED);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	int err = one_int(s, st, connected);
	if (err)
		return err;
	if ((st = stmt(s, H_AHEAD)) == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, enqueued_utc);
	db_bind_int64(st, 3, id);
	return one_int(s, st, ahead);
}

int store_handoff_insert(struct store *s, const struct store_handoff *h, int64_t *id)
{
	if (h->call_sid == NULL || h->number == NULL ||
	    (h->state != STORE_HANDOFF_WAITING && h->state != STORE_HANDOFF_CONNECTED))
		return TF_EINVAL;
	struct db_stmt *st = stmt(s, H_INSERT);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, h->call_sid);
	db_bind_int64(st, 2, h->studio_id);
	store_bind_text(st, 3, h->number);
	store_bind_text(st, 4, h->caller_id ? h->caller_id : "");
	store_bind_text(st, 5, state_name(h->state));
	store_bind_utc(st, 6, h->enqueued_utc);
	store_bind_utc(st, 7, h->seen_utc);
	if (h->started_utc)
		store_bind_utc(st, 8, h->started_utc);
	db_bind_int64(st, 9, h->position);
	store_bind_now(st, 10);
	int err = store_step_one(s, st);
	if (err == TF_OK)
		*id = db_column_int64(st, 0);
	db_reset(st);
	return err == TF_ENOTFOUND ? TF_EDB : err;
}

int store_handoff_update(struct store *s, const struct store_handoff *h)
{
	struct db_stmt *st = stmt(s, H_UPDATE);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, h->id);
	store_bind_text(st, 2, state_name(h->state));
	store_bind_utc(st, 3, h->seen_utc);
	if (h->started_utc)
		store_bind_utc(st, 4, h->started_utc);
	db_bind_int64(st, 5, h->position);
	db_bind_int64(st, 6, h->checks);
	store_bind_now(st, 7);
	return store_exec_stmt(s, st);
}

int store_handoff_end(struct store *s, const char *call_sid, int64_t now_utc, const char *outcome,
                      enum store_handoff_state *was)
{
	if (was)
		*was = STORE_HANDOFF_NONE;
	if (call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
	struct db_stmt *st = stmt(s, H_OPEN);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	int rc = db_step(st);
	int64_t id = rc == DB_ROW ? db_column_int64(st, 0) : 0;
	enum store_handoff_state state = rc == DB_ROW ? state_of(db_column_text(st, 5))
	                                                  : STORE_HANDOFF_NONE;
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? TF_OK : store_rc(s, rc);
	if ((st = stmt(s, H_END)) == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_utc(st, 2, now_utc);
	store_bind_text(st, 3, outcome);
	store_bind_now(st, 4);
	int err = store_exec_stmt(s, st);
	if (err == TF_OK && was && db_changes(s->db) > 0)
		*was = state;
	return err;
}

static int row_handoff(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	return read_handoff(a, st, row);
}

int store_handoff_list(struct store *s, struct arena *a, struct store_handoff **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = stmt(s, H_LIST);
	if (st == NULL)
		return TF_EDB;
	void *list;
	int err = store_read_rows(s, a, st, 0, sizeof(struct store_handoff), row_handoff, &list, n, NULL);
	*out = list;
	return err;
}

int store_handoff_purge(struct store *s, int64_t cutoff_utc, int *n)
{
	struct db_stmt *st = stmt(s, H_PURGE);
	if (st == NULL)
		return TF_EDB;
	store_bind_utc(st, 1, cutoff_utc);
	return store_exec_count(s, st, n);
}

int store_handoff_call_outcome(struct store *s, const char *call_sid, const char *outcome)
{
	struct db_stmt *st = stmt(s, H_CALL_OUTCOME);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	store_bind_text(st, 2, outcome);
	store_bind_now(st, 3);
	int err = store_exec_stmt(s, st);
	return err == TF_OK && db_changes(s->db) == 0 ? TF_ENOTFOUND : err;
}

/* ---- recording consent ---- */

int store_consent_get(struct store *s, struct arena *a, const char *call_sid, const char **consent)
{
	*consent = NULL;
	struct db_stmt *st = stmt(s, H_CONSENT_GET);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	int err = store_step_one(s, st);
	if (err == TF_OK) {
		*consent = store_col_text(a, st, 0);
		if (*consent == NULL && db_column_type(st, 0) != DB_NULL)
			err = TF_ENOMEM;
	}
	db_reset(st);
	return err;
}

int store_consent_set(struct store *s, const char *call_sid, const char *consent, bool only_if_unset)
{
	struct db_stmt *st = stmt(s, H_CONSENT_SET);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	store_bind_text(st, 2, consent);
	db_bind_int64(st, 3, only_if_unset);
	store_bind_now(st, 4);
	return store_exec_stmt(s, st);
}

/* Runs H_REFUSAL or H_ENFORCE: ?1 the call, ?2 now. */
static int exec_call(struct store *s, int idx, const char *call_sid)
{
	struct db_stmt *st = stmt(s, idx);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	store_bind_now(st, 2);
	return store_exec_stmt(s, st);
}

int store_consent_answer(struct store *s, const char *call_sid, bool given, int64_t now_utc)
{
	int err = store_begin(s);
	if (err)
		return err;
	struct arena none;
	arena_init(&none, 256);
	const char *was = NULL;
	err = store_consent_get(s, &none, call_sid, &was);
	bool running = was && strcmp(was, "asked_recording") == 0;
	bool answered = was && (strcmp(was, "given") == 0 || strcmp(was, "refused") == 0);
	if (err || answered)
		goto out;
	if ((err = store_consent_set(s, call_sid, given ? "given" : "refused", false)) != TF_OK)
		goto out;
	if (given && !running) {
		struct db_stmt *st = stmt(s, H_RECSTART_QUEUE);
		if (st == NULL) {
			err = TF_EDB;
			goto out;
		}
		store_bind_text(st, 1, call_sid);
		store_bind_utc(st, 2, now_utc);
		store_bind_utc(st, 3, now_utc);
		err = store_exec_stmt(s, st);
	} else if (!given) {
		if ((err = exec_call(s, H_REFUSAL, call_sid)) == TF_OK)
			err = exec_call(s, H_ENFORCE, call_sid);
	}
out:
	arena_free(&none);
	if (err) {
		store_rollback(s);
		return err;
	}
	return store_commit(s);
}

int store_consent_enforce(struct store *s, const char *call_sid, int *n)
{
	int err = exec_call(s, H_ENFORCE, call_sid);
	if (n)
		*n = err ? 0 : db_changes(s->db);
	return err;
}

/* ---- recording starts ---- */

static int row_recstart_claim(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	struct store_recstart *r = row;
	r->id = db_column_int64(st, 0);
	r->call_sid = store_col_text(a, st, 1);
	r->attempts = db_column_int(st, 2) + 1;
	return r->call_sid ? TF_OK : TF_ENOMEM;
}

int store_recstart_claim(struct store *s, struct arena *a, int64_t now_utc, int lease_s, size_t max,
                         struct store_recstart **out, size_t *n)
{
	static const struct store_claim claim = {
		STORE_MOD_HANDOFF, H_RECSTART_DUE, H_RECSTART_CLAIM, handoff_sql, "recording_starts",
		sizeof(struct store_recstart), row_recstart_claim, NULL,
	};
	return store_claim(s, a, &claim, now_utc, lease_s, max, (void **)out, n);
}

int store_recstart_started(struct store *s, int64_t id, const char *call_sid, const char *recording_sid)
{
	int err = store_begin(s);
	if (err)
		return err;
	struct db_stmt *st = stmt(s, H_RECSTART_STARTED);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, recording_sid);
	store_bind_now(st, 3);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;
	if ((st = stmt(s, H_REC_INSERT)) == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_text(st, 1, call_sid);
	store_bind_text(st, 2, recording_sid);
	store_bind_now(st, 3);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return err;
}

int store_recstart_retry(struct store *s, int64_t id, int64_t next_utc, const char *error)
{
	return store_exec_retry(s, stmt(s, H_RECSTART_RETRY), id, next_utc, error);
}

int store_recstart_failed(struct store *s, int64_t id, const char *error)
{
	struct db_stmt *st = stmt(s, H_RECSTART_FAILED);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, error);
	store_bind_now(st, 3);
	return store_exec_stmt(s, st);
}

/* ---- callbacks ---- */

static int read_callback(struct store *s, struct arena *a, struct db_stmt *st, struct store_callback *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_column_int64(st, 0);
	c->lead_id = db_column_int64(st, 1);
	c->studio_id = db_column_int64(st, 2);
	c->call_sid = store_col_text(a, st, 3);
	c->reason = store_col_text(a, st, 4);
	c->status = store_col_text(a, st, 5);
	c->last_result = store_col_text(a, st, 6);
	c->last_call_sid = store_col_text(a, st, 7);
	c->consent = store_col_text(a, st, 8);
	/* A value sealed under a key no longer configured: the row stays
	 * readable, its number does not (the request cannot be placed). */
	if (store_col_sealed(s, a, st, 9, "leads.phone", &c->phone) != TF_OK)
		c->phone = NULL;
	if (store_col_sealed(s, a, st, 10, "leads.name", &c->name) != TF_OK)
		c->name = NULL;
	c->attempts = db_column_int(st, 11);
	c->next_utc = col_time(st, 12);
	c->created_at = store_col_text(a, st, 13);
	return c->reason && c->status && c->created_at ? TF_OK : TF_ENOMEM;
}

/* Steps st into an arena array of up to max requests. */
static int read_callbacks(struct store *s, struct arena *a, struct db_stmt *st, size_t max, struct store_callback **out,
                          size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_callback *list = max ? arena_alloc(a, max * sizeof(*list)) : NULL;
	if (max && list == NULL) {
		db_reset(st);
		return TF_ENOMEM;
	}
	size_t len = 0;
	int rc = DB_DONE, err = TF_OK;
	while (len < max && (rc = db_step(st)) == DB_ROW) {
		if ((err = read_callback(s, a, st, &list[len])) != TF_OK)
			break;
		len++;
	}
	if (err == TF_OK && len < max && rc != DB_DONE)
		err = store_rc(s, rc);
	db_reset(st);
	if (err == TF_OK) {
		*out = list;
		*n = len;
	}
	return err;
}

bool store_callback_due(const struct store_callback *c, int64_t now_utc)
{
	if (c->status == NULL)
		return false;
	if (strcmp(c->status, "pending") == 0)
		return c->last_result == NULL || c->next_utc <= now_utc;
	return strcmp(c->status, "calling") == 0 && c->next_utc <= now_utc;
}

static int row_callback(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	return read_callback(s, a, st, row);
}

static bool callback_row_due(const void *row, int64_t now_utc)
{
	return store_callback_due(row, now_utc);
}

int store_callback_claim(struct store *s, struct arena *a, int64_t now_utc, int lease_s, size_t max,
                         struct store_callback **out, size_t *n)
{
	static const struct store_claim claim = {
		STORE_MOD_HANDOFF, H_CB_DUE, H_CB_CLAIM, handoff_sql, "c", sizeof(struct store_callback), row_callback,
		callback_row_due,
	};
	return store_claim(s, a, &claim, now_utc, lease_s, max, (void **)out, n);
}

int store_callback_placed(struct store *s, int64_t id, const char *call_sid, int64_t lease_utc)
{
	struct db_stmt *st = stmt(s, H_CB_PLACED);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, call_sid);
	store_bind_utc(st, 3, lease_utc);
	store_bind_now(st, 4);
	return store_exec_stmt(s, st);
}

int store_callback_set(struct store *s, int64_t id, const char *status, const char *result, int64_t next_utc)
{
	struct db_stmt *st = stmt(s, H_CB_SET);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, status);
	store_bind_text(st, 3, result);
	if (next_utc)
		store_bind_utc(st, 4, next_utc);
	store_bind_now(st, 5);
	return store_exec_stmt(s, st);
}

static int callback_one(struct store *s, struct arena *a, struct db_stmt *st, struct store_callback *out)
{
	struct store_callback *list;
	size_t n;
	int err = read_callbacks(s, a, st, 1, &list, &n);
	if (err == TF_OK && n == 0)
		err = TF_ENOTFOUND;
	if (err == TF_OK)
		*out = list[0];
	return err;
}

int store_callback_get(struct store *s, struct arena *a, int64_t id, struct store_callback *out)
{
	struct db_stmt *st = stmt(s, H_CB_GET);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	return callback_one(s, a, st, out);
}

int store_callback_by_call(struct store *s, struct arena *a, const char *call_sid, struct store_callback *out)
{
	if (call_sid == NULL || *call_sid == '\0')
		return TF_ENOTFOUND;
	struct db_stmt *st = stmt(s, H_CB_BY_CALL);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	return callback_one(s, a, st, out);
}

int store_callback_list(struct store *s, struct arena *a, bool all, int limit, struct store_callback **out,
                        size_t *n)
{
	if (limit < 1)
		limit = 1;
	struct db_stmt *st = stmt(s, H_CB_LIST);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, all);
	db_bind_int64(st, 2, limit);
	return read_callbacks(s, a, st, (size_t)limit, out, n);
}

int store_recording_list(struct store *s, struct arena *a, int limit, struct store_recording_info **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (limit < 1)
		limit = 1;
	struct store_recording_info *list = arena_alloc(a, (size_t)limit * sizeof(*list));
	if (list == NULL)
		return TF_ENOMEM;
	struct db_stmt *st = stmt(s, H_REC_LIST);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, limit);
	size_t len = 0;
	int rc = DB_DONE;
	while (len < (size_t)limit && (rc = db_step(st)) == DB_ROW) {
		struct store_recording_info *r = &list[len++];
		memset(r, 0, sizeof(*r));
		r->id = db_column_int64(st, 0);
		r->call_sid = store_col_text(a, st, 1);
		r->recording_sid = store_col_text(a, st, 2);
		r->url = store_col_text(a, st, 3);
		r->status = store_col_text(a, st, 4);
		r->source = store_col_text(a, st, 5);
		r->duration = db_column_int(st, 6);
		r->created_at = store_col_text(a, st, 7);
		r->delete_requested_at = store_col_text(a, st, 8);
		r->deleted_at = store_col_text(a, st, 9);
	}
	int err = len < (size_t)limit && rc != DB_DONE ? store_rc(s, rc) : TF_OK;
	db_reset(st);
	if (err == TF_OK) {
		*out = list;
		*n = len;
	}
	return err;
}
