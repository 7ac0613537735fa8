/* store_replies.c: the answers of Twilio webhooks by idempotency token, so a
 * retried delivery is answered like the first one (schema/005). */
#include "store_int.h"
#include "err.h"

/* Rows a call keeps: a retry comes for one of the last requests, never for
 * one several turns back. */
#define REPLIES_PER_CALL 4

enum { R_CLAIM, R_TRIM, R_GET, R_SAVE, R_RELEASE, R_END_CALL, R_PURGE, R__N };
static const char *const replies_sql[R__N] = {
	/* Only for a call we know: the row goes with the call's log. */
	[R_CLAIM] = "INSERT INTO webhook_replies (call_sid, token, route, created_at)"
	            " SELECT CAST(?1 AS TEXT), CAST(?2 AS TEXT), CAST(?3 AS TEXT), CAST(?4 AS TEXT)"
	            " WHERE EXISTS (SELECT 1 FROM lead_call_logs WHERE call_sid = ?1)"
	            " ON CONFLICT (call_sid, token) DO NOTHING",
	[R_TRIM] = ("DELETE FROM webhook_replies WHERE call_sid = ?1 AND id NOT IN"
	            " (SELECT id FROM webhook_replies WHERE call_sid = ?1 ORDER BY id DESC LIMIT ?2)"),
	[R_GET] = "SELECT answer_enc FROM webhook_replies WHERE call_sid = ?1 AND token = ?2",
	[R_SAVE] = "UPDATE webhook_replies SET answer_enc = ?3 WHERE call_sid = ?1 AND token = ?2 AND answer_enc IS NULL",
	[R_RELEASE] = "DELETE FROM webhook_replies WHERE call_sid = ?1 AND token = ?2 AND answer_enc IS NULL",
	[R_END_CALL] = "DELETE FROM webhook_replies WHERE call_sid = ?1",
	[R_PURGE] = "DELETE FROM webhook_replies WHERE created_at < ?1",
};
_Static_assert(R__N <= STORE_MOD_MAX_STMTS, "too many statements for one store module");

#define ANSWER_AAD "webhook_replies.answer"

static struct db_stmt *stmt(struct store *s, int idx)
{
	return store_stmt(s, STORE_MOD_REPLIES, idx, replies_sql);
}

static void bind_key(struct db_stmt *st, const char *call_sid, const char *token)
{
	store_bind_text(st, 1, call_sid);
	store_bind_text(st, 2, token);
}

/* What the row of (call_sid, token) holds: an answer, a claim, or nothing. */
static int reply_get(struct store *s, struct arena *a, const char *call_sid, const char *token,
                     enum store_reply_state *state, const char **answer)
{
	struct db_stmt *st = stmt(s, R_GET);
	if (st == NULL)
		return TF_EDB;
	bind_key(st, call_sid, token);
	int rc = db_step(st), err = TF_OK;
	if (rc == DB_ROW) {
		err = store_col_sealed(s, a, st, 0, ANSWER_AAD, answer);
		if (err == TF_EAUTH)
			err = TF_OK, *answer = NULL;  /* sealed with a key we no longer have: answer anew */
		*state = *answer ? STORE_REPLY_ANSWERED : STORE_REPLY_IN_HAND;
	} else if (rc == DB_DONE) {
		*state = STORE_REPLY_NO_CALL;
	} else {
		err = store_rc(s, rc);
	}
	db_reset(st);
	return err;
}

int store_reply_claim(struct store *s, struct arena *a, const char *call_sid, const char *token, const char *route,
                      int64_t now_utc, enum store_reply_state *state, const char **answer)
{
	*state = STORE_REPLY_NO_CALL;
	*answer = NULL;
	if (call_sid == NULL || *call_sid == '\0' || token == NULL || *token == '\0')
		return TF_EINVAL;
	int err = store_begin(s);
	if (err)
		return err;
	struct db_stmt *st = stmt(s, R_CLAIM);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	bind_key(st, call_sid, token);
	store_bind_text(st, 3, route ? route : "");
	store_bind_utc(st, 4, now_utc);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;
	if (db_changes(s->db) > 0) {
		*state = STORE_REPLY_CLAIMED;
		if ((st = stmt(s, R_TRIM)) == NULL) {
			err = TF_EDB;
			goto fail;
		}
		store_bind_text(st, 1, call_sid);
		db_bind_int64(st, 2, REPLIES_PER_CALL);
		if ((err = store_exec_stmt(s, st)) != TF_OK)
			goto fail;
		return store_commit(s);
	}
	if ((err = reply_get(s, a, call_sid, token, state, answer)) != TF_OK)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return err;
}

int store_reply_get(struct store *s, struct arena *a, const char *call_sid, const char *token,
                    enum store_reply_state *state, const char **answer)
{
	*state = STORE_REPLY_NO_CALL;
	*answer = NULL;
	if (call_sid == NULL || token == NULL)
		return TF_EINVAL;
	return reply_get(s, a, call_sid, token, state, answer);
}

int store_reply_save(struct store *s, const char *call_sid, const char *token, const char *answer)
{
	if (call_sid == NULL || token == NULL || answer == NULL)
		return TF_EINVAL;
	struct db_stmt *st = stmt(s, R_SAVE);
	if (st == NULL)
		return TF_EDB;
	bind_key(st, call_sid, token);
	int err = store_bind_sealed(s, st, 3, answer, ANSWER_AAD);
	return err ? err : store_exec_stmt(s, st);
}

int store_reply_release(struct store *s, const char *call_sid, const char *token)
{
	if (call_sid == NULL || token == NULL)
		return TF_EINVAL;
	struct db_stmt *st = stmt(s, R_RELEASE);
	if (st == NULL)
		return TF_EDB;
	bind_key(st, call_sid, token);
	return store_exec_stmt(s, st);
}

int store_replies_end_call(struct store *s, const char *call_sid)
{
	struct db_stmt *st = stmt(s, R_END_CALL);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	return store_exec_stmt(s, st);
}

int store_replies_purge(struct store *s, int64_t cutoff_utc, int *n)
{
	struct db_stmt *st = stmt(s, R_PURGE);
	if (st == NULL)
		return TF_EDB;
	store_bind_utc(st, 1, cutoff_utc);
	return store_exec_count(s, st, n);
}
