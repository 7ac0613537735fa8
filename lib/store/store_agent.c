/* store_agent.c: conversation turns (log and state in one transaction),
 * callback requests, and the studios' FAQ rows the agent answers from. */
#include "store_int.h"
#include "err.h"

enum { A_TURN_INSERT, A_CALL_UPDATE, A_CALLBACK_INSERT, A_FAQ_LIST, A_FAQ_GET, A_FAQ_INSERT, A_FAQ_UPDATE,
       A_FAQ_DELETE, A__N };
#define FAQ_COLS "id, studio_id, topic, keywords, answer, created_at, updated_at"

static const char *const agent_sql[A__N] = {
	[A_TURN_INSERT] = "INSERT INTO dialogflow_conversations (call_sid, lead_id, turn, engine, text_enc, reply_enc,"
	                  " intent, confidence, entities_enc, sentiment, page, latency_us, created_at)"
	                  " VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[A_CALL_UPDATE] = ("UPDATE lead_call_logs SET turn = ?2, engine = ?3, state_enc = ?4,"
	                   " outcome = CASE WHEN status_rank >= 4 THEN outcome ELSE coalesce(?5, outcome) END,"
	                   " sentiment = ?6, updated_at = ?7"
	                   " WHERE call_sid = ?1"),
	[A_CALLBACK_INSERT] = "INSERT INTO callback_requests (lead_id, studio_id, call_sid, reason, next_attempt_at,"
	                      " created_at, updated_at) VALUES (nullif(?1, 0), nullif(?2, 0), ?3, ?4, ?5, ?5, ?5)"
	                      " ON CONFLICT (call_sid, reason) DO NOTHING",
	[A_FAQ_LIST] = "SELECT " FAQ_COLS " FROM studio_faq WHERE studio_id = ?1 ORDER BY id LIMIT ?2",
	[A_FAQ_GET] = "SELECT " FAQ_COLS " FROM studio_faq WHERE studio_id = ?1 AND id = ?2",
	[A_FAQ_INSERT] = "INSERT INTO studio_faq (studio_id, topic, keywords, answer, created_at, updated_at)"
	                 " VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
	[A_FAQ_UPDATE] = "UPDATE studio_faq SET topic = ?3, keywords = ?4, answer = ?5, updated_at = ?6"
	                 " WHERE studio_id = ?1 AND id = ?2",
	[A_FAQ_DELETE] = "DELETE FROM studio_faq WHERE studio_id = ?1 AND id = ?2",
};

int store_turn_save(struct store *s, const struct store_turn *t)
{
	int err = store_begin(s);
	if (err)
		return err;
	struct db_stmt *st = store_stmt(s, STORE_MOD_AGENT, A_TURN_INSERT, agent_sql);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_text(st, 1, t->call_sid);
	db_bind_int64(st, 2, t->lead_id);
	db_bind_int64(st, 3, t->turn);
	store_bind_text(st, 4, t->engine);
	if ((err = store_bind_sealed(s, st, 5, t->text, "dialogflow_conversations.text")) ||
	    (err = store_bind_sealed(s, st, 6, t->reply, "dialogflow_conversations.reply")) ||
	    (err = store_bind_sealed(s, st, 9, t->entities, "dialogflow_conversations.entities")))
		goto fail;
	store_bind_text(st, 7, t->intent);
	db_bind_double(st, 8, t->confidence);
	db_bind_double(st, 10, t->sentiment);
	store_bind_text(st, 11, t->page);
	db_bind_int64(st, 12, t->latency_us);
	store_bind_now(st, 13);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;

	st = store_stmt(s, STORE_MOD_AGENT, A_CALL_UPDATE, agent_sql);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_text(st, 1, t->call_sid);
	db_bind_int64(st, 2, t->turn);
	store_bind_text(st, 3, t->engine);
	if ((err = store_bind_sealed(s, st, 4, t->state, "lead_call_logs.state")) != TF_OK)
		goto fail;
	store_bind_text(st, 5, t->outcome);
	db_bind_double(st, 6, t->call_sentiment);
	store_bind_now(st, 7);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return err;
}

int store_callback_request(struct store *s, int64_t lead_id, int64_t studio_id, const char *call_sid,
                           const char *reason, bool *created)
{
	*created = false;
	struct db_stmt *st = store_stmt(s, STORE_MOD_AGENT, A_CALLBACK_INSERT, agent_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, lead_id);
	db_bind_int64(st, 2, studio_id);
	store_bind_text(st, 3, call_sid);
	store_bind_text(st, 4, reason);
	store_bind_now(st, 5);
	int err = store_exec_stmt(s, st);
	if (err == TF_OK)
		*created = db_changes(s->db) > 0;
	return err;
}

/* ---- studio FAQ ---- */

static int row_faq(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_faq *f = row;
	f->id = db_column_int64(st, 0);
	f->studio_id = db_column_int64(st, 1);
	f->topic = store_col_text(a, st, 2);
	f->keywords = store_col_text(a, st, 3);
	f->answer = store_col_text(a, st, 4);
	f->created_at = store_col_text(a, st, 5);
	f->updated_at = store_col_text(a, st, 6);
	return f->topic && f->keywords && f->answer && f->created_at && f->updated_at ? TF_OK : TF_ENOMEM;
}

int store_faq_list(struct store *s, struct arena *a, int64_t studio_id, struct store_faq **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = store_stmt(s, STORE_MOD_AGENT, A_FAQ_LIST, agent_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	db_bind_int64(st, 2, STORE_FAQ_MAX);
	void *list = NULL;
	int err = store_read_rows(s, a, st, STORE_FAQ_MAX, sizeof(struct store_faq), row_faq, &list, n, NULL);
	*out = list;
	return err;
}

int store_faq_get(struct store *s, struct arena *a, int64_t studio_id, int64_t id, struct store_faq *out)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_AGENT, A_FAQ_GET, agent_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	db_bind_int64(st, 2, id);
	void *list = NULL;
	size_t n = 0;
	int err = store_read_rows(s, a, st, 1, sizeof(struct store_faq), row_faq, &list, &n, NULL);
	if (err)
		return err;
	if (n == 0)
		return TF_ENOTFOUND;
	*out = *(struct store_faq *)list;
	return TF_OK;
}

int store_faq_put(struct store *s, const struct store_faq *f, int64_t now_utc, int64_t *id)
{
	char now[20];
	store_format_utc(now_utc, now);
	struct db_stmt *st = store_stmt(s, STORE_MOD_AGENT, f->id ? A_FAQ_UPDATE : A_FAQ_INSERT, agent_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, f->studio_id);
	int i = 2;
	if (f->id)
		db_bind_int64(st, i++, f->id);
	store_bind_text(st, i++, f->topic);
	store_bind_text(st, i++, f->keywords);
	store_bind_text(st, i++, f->answer);
	store_bind_text(st, i, now);
	if (f->id == 0) {
		int err = store_step_one(s, st);
		if (err == TF_OK && id)
			*id = db_column_int64(st, 0);
		db_reset(st);
		return err == TF_ENOTFOUND ? TF_EDB : err;
	}
	int err = store_exec_stmt(s, st);
	if (err)
		return err;
	if (db_changes(s->db) == 0)
		return TF_ENOTFOUND;
	if (id)
		*id = f->id;
	return TF_OK;
}

int store_faq_delete(struct store *s, int64_t studio_id, int64_t id)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_AGENT, A_FAQ_DELETE, agent_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	db_bind_int64(st, 2, id);
	int err = store_exec_stmt(s, st);
	if (err == TF_OK && db_changes(s->db) == 0)
		err = TF_ENOTFOUND;
	return err;
}
