/* store_agent.c: conversation turns (log and state in one transaction) and
 * callback requests. */
#include "store_int.h"
#include "err.h"

enum { A_TURN_INSERT, A_CALL_UPDATE, A_CALLBACK_INSERT, A__N };
static const char *const agent_sql[A__N] = {
	[A_TURN_INSERT] = "INSERT INTO dialogflow_conversations (call_sid, lead_id, turn, engine, text_enc, reply_enc,"
	                  " intent, confidence, entities_enc, sentiment, page, latency_us)"
	                  " VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[A_CALL_UPDATE] = ("UPDATE lead_call_logs SET turn = ?2, engine = ?3, state_enc = ?4,"
	                   " outcome = CASE WHEN status_rank >= 4 THEN outcome ELSE coalesce(?5, outcome) END,"
	                   " sentiment = ?6, updated_at = datetime('now')"
	                   " WHERE call_sid = ?1"),
	[A_CALLBACK_INSERT] = "INSERT INTO callback_requests (lead_id, studio_id, call_sid, reason)"
	                      " VALUES (nullif(?1, 0), nullif(?2, 0), ?3, ?4) ON CONFLICT (call_sid, reason) DO NOTHING",
};

int store_turn_save(struct store *s, const struct store_turn *t)
{
	int err = store_begin(s);
	if (err)
		return err;
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_AGENT, A_TURN_INSERT, agent_sql);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_text(st, 1, t->call_sid);
	sqlite3_bind_int64(st, 2, t->lead_id);
	sqlite3_bind_int(st, 3, t->turn);
	store_bind_text(st, 4, t->engine);
	if ((err = store_bind_sealed(s, st, 5, t->text, "dialogflow_conversations.text")) ||
	    (err = store_bind_sealed(s, st, 6, t->reply, "dialogflow_conversations.reply")) ||
	    (err = store_bind_sealed(s, st, 9, t->entities, "dialogflow_conversations.entities")))
		goto fail;
	store_bind_text(st, 7, t->intent);
	sqlite3_bind_double(st, 8, t->confidence);
	sqlite3_bind_double(st, 10, t->sentiment);
	store_bind_text(st, 11, t->page);
	sqlite3_bind_int64(st, 12, t->latency_us);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;

	st = store_stmt(s, STORE_MOD_AGENT, A_CALL_UPDATE, agent_sql);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_text(st, 1, t->call_sid);
	sqlite3_bind_int(st, 2, t->turn);
	store_bind_text(st, 3, t->engine);
	if ((err = store_bind_sealed(s, st, 4, t->state, "lead_call_logs.state")) != TF_OK)
		goto fail;
	store_bind_text(st, 5, t->outcome);
	sqlite3_bind_double(st, 6, t->call_sentiment);
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
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_AGENT, A_CALLBACK_INSERT, agent_sql);
	if (st == NULL)
		return TF_EDB;
	sqlite3_bind_int64(st, 1, lead_id);
	sqlite3_bind_int64(st, 2, studio_id);
	store_bind_text(st, 3, call_sid);
	store_bind_text(st, 4, reason);
	int err = store_exec_stmt(s, st);
	if (err == TF_OK)
		*created = sqlite3_changes(s->db) > 0;
	return err;
}
