/* store_dialogflow.c: what the Dialogflow CX engine asks the store about a call. */
#include "store_int.h"
#include "err.h"

enum { DF_EMBEDDED_TURNS, DF__N };
static const char *const dialogflow_sql[DF__N] = {
	/* The turn log's (call_sid, turn) index answers it. agent.c logs transfer
	 * results with this intent; the turn after one answers the embedded
	 * agent's own question (a callback?), so it is no failure either. */
	[DF_EMBEDDED_TURNS] = "SELECT count(*) FROM dialogflow_conversations c"
	                      " WHERE c.call_sid = ?1 AND c.engine = 'embedded' AND coalesce(c.intent, '') <> 'transfer_result'"
	                      " AND NOT EXISTS (SELECT 1 FROM dialogflow_conversations p WHERE p.call_sid = c.call_sid"
	                      " AND p.turn = c.turn - 1 AND p.intent = 'transfer_result')",
};

int store_call_embedded_turns(struct store *s, const char *call_sid, int *n)
{
	*n = 0;
	struct db_stmt *st = store_stmt(s, STORE_MOD_DIALOGFLOW, DF_EMBEDDED_TURNS, dialogflow_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, call_sid);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*n = db_column_int(st, 0);
	int err = rc == DB_ROW || rc == DB_DONE ? TF_OK : store_rc(s, rc);
	db_reset(st);
	return err;
}
