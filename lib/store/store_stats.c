/* store_stats.c: the figures of the managers' dashboard (GET /api/v1/stats):
 * calls by status and outcome, the conversation funnel, bookings per studio,
 * and the last calls with masked caller numbers; test sessions left out.
 * Read-only. */
#include "store_int.h"
#include "err.h"
#include "log.h"
#include "tf_limits.h"

#include <string.h>

/* Test sessions (POST /dialogflow/test) are no calls, and what they booked
 * no booking of a caller: they count nowhere. */
#define ST_NO_TEST_CALL " c.direction <> '" STORE_TEST_SESSION "'"
/* Calls of the filter: ?1 studio (0: all), ?2 and ?3 the UTC text bounds. */
#define ST_CALLS " FROM lead_call_logs c WHERE (?1 = 0 OR c.studio_id = ?1) AND c.started_at >= ?2 AND c.started_at < ?3" \
                 " AND" ST_NO_TEST_CALL
/* Appointments that still stand, and were not booked by a test session. */
#define ST_STANDING " status NOT IN ('cancelled', 'rescheduled') AND source <> '" STORE_TEST_SESSION "'"

enum { ST_BY_STATUS, ST_BY_OUTCOME, ST_FUNNEL, ST_BOOKINGS, ST_BOOKINGS_MADE, ST_RECENT, ST_BACKLOG, ST__N };
_Static_assert(ST__N <= STORE_MOD_MAX_STMTS, "too many statements for one store module");

static const char *const stats_sql[ST__N] = {
	[ST_BY_STATUS] = "SELECT c.status, count(*) AS n" ST_CALLS " GROUP BY c.status ORDER BY n DESC, c.status",
	[ST_BY_OUTCOME] = "SELECT c.outcome, count(*) AS n" ST_CALLS " GROUP BY c.outcome ORDER BY n DESC, c.outcome",
	/* Each count sums a CASE: a boolean is no number in every dialect. */
	[ST_FUNNEL] =
		"SELECT count(*),"
		" coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM dialogflow_conversations d WHERE d.call_sid = c.call_sid"
		"   AND d.intent IS NOT NULL AND d.intent NOT IN ('unknown', 'low_confidence', 'none', 'transfer_result'))"
		"   THEN 1 ELSE 0 END), 0),"
		" coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM dialogflow_conversations d WHERE d.call_sid = c.call_sid"
		"   AND d.page IN ('offer', 'confirm')) THEN 1 ELSE 0 END), 0),"
		" coalesce(sum(CASE WHEN c.outcome = 'booked' THEN 1 ELSE 0 END), 0),"
		" coalesce(sum(CASE WHEN c.outcome = 'transferred' THEN 1 ELSE 0 END), 0),"
		/* Served (the success rate): booked, moved, cancelled, put through,
		 * promised a callback, or an information question answered, also
		 * when the caller hung up right after the answer (calls that ended
		 * before outcomes knew that are 'abandoned' with an info_* last turn). */
		" coalesce(sum(CASE WHEN c.outcome IN ('booked', 'rescheduled', 'cancelled', 'transferred', 'callback', 'info')"
		"   OR (c.outcome = 'abandoned' AND lower((SELECT d.intent FROM dialogflow_conversations d"
		"       WHERE d.call_sid = c.call_sid ORDER BY d.turn DESC LIMIT 1)) LIKE 'info%') THEN 1 ELSE 0 END), 0)"
		ST_CALLS,
	[ST_BOOKINGS] = "SELECT studio_id, count(*) FROM appointments"
	                " WHERE (?1 = 0 OR studio_id = ?1) AND starts_at >= ?2 AND starts_at < ?3 AND" ST_STANDING
	                " GROUP BY studio_id ORDER BY studio_id",
	[ST_BOOKINGS_MADE] = "SELECT count(*) FROM appointments"
	                     " WHERE (?1 = 0 OR studio_id = ?1) AND created_at >= ?2 AND created_at < ?3 AND" ST_STANDING,
	[ST_RECENT] = "SELECT c.id, coalesce(c.studio_id, 0), c.started_at, c.direction, c.status, c.outcome,"
	              " coalesce(c.duration_seconds, -1), l.phone_enc, c.lead_id IS NOT NULL"
	              " FROM lead_call_logs c LEFT JOIN leads l ON l.id = c.lead_id"
	              " WHERE (?1 = 0 OR c.studio_id = ?1) AND c.started_at < ?2 AND" ST_NO_TEST_CALL
	              " ORDER BY c.started_at DESC, c.id DESC LIMIT ?3",
	/* Due as the outbox runner sees it (store_sms.c): never tried, or its
	 * next attempt (or a sending row's lease) has come. */
	[ST_BACKLOG] = "SELECT (SELECT count(*) FROM sms_outbox WHERE status IN ('queued', 'sending')),"
	               " (SELECT count(*) FROM sms_outbox WHERE status IN ('queued', 'sending')"
	               "   AND (next_attempt_at <= ?1 OR attempts = 0)),"
	               " (SELECT count(*) FROM callback_requests WHERE status IN ('pending', 'calling')),"
	               " (SELECT count(*) FROM handoffs WHERE state = 'waiting')",
};

static struct db_stmt *prepare(struct store *s, int idx)
{
	return store_stmt(s, STORE_MOD_STATS, idx, stats_sql);
}

/* Binds ?1 studio, ?2 from and ?3 to (or only ?2 = to with to_only). */
static void bind_filter(struct db_stmt *st, const struct store_stats_filter *f, bool to_only)
{
	db_bind_int64(st, 1, f->studio_id);
	if (to_only) {
		store_bind_utc(st, 2, f->to_utc);
		return;
	}
	store_bind_utc(st, 2, f->from_utc);
	store_bind_utc(st, 3, f->to_utc);
}

static int row_count(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	struct store_stats_count *c = row;
	c->key = store_col_text(a, st, 0);
	c->n = (long)db_column_int64(st, 1);
	return c->key == NULL && db_column_type(st, 0) != DB_NULL ? TF_ENOMEM : TF_OK;
}

static int row_studio_count(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	(void)a;
	struct store_stats_studio_count *c = row;
	c->studio_id = db_column_int64(st, 0);
	c->n = (long)db_column_int64(st, 1);
	return TF_OK;
}

int store_stats_calls_by(struct store *s, struct arena *a, const struct store_stats_filter *f, bool by_outcome,
                         struct store_stats_count **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = prepare(s, by_outcome ? ST_BY_OUTCOME : ST_BY_STATUS);
	if (st == NULL)
		return TF_EDB;
	bind_filter(st, f, false);
	void *list;
	int err = store_read_rows(s, a, st, 0, sizeof(struct store_stats_count), row_count, &list, n, NULL);
	*out = list;
	return err;
}

int store_stats_backlog(struct store *s, int64_t now_utc, struct store_stats_backlog *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = prepare(s, ST_BACKLOG);
	if (st == NULL)
		return TF_EDB;
	store_bind_utc(st, 1, now_utc);
	int rc = db_step(st), err = TF_OK;
	if (rc == DB_ROW) {
		out->sms_unsent = db_column_int64(st, 0);
		out->sms_due = db_column_int64(st, 1);
		out->callbacks_open = db_column_int64(st, 2);
		out->callers_waiting = db_column_int64(st, 3);
	} else {
		err = store_rc(s, rc == DB_DONE ? DB_ERROR : rc);
	}
	db_reset(st);
	return err;
}

int store_stats_funnel(struct store *s, const struct store_stats_filter *f, struct store_stats_funnel *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = prepare(s, ST_FUNNEL);
	if (st == NULL)
		return TF_EDB;
	bind_filter(st, f, false);
	int rc = db_step(st), err = TF_OK;
	if (rc == DB_ROW) {
		out->called = (long)db_column_int64(st, 0);
		out->understood = (long)db_column_int64(st, 1);
		out->offered = (long)db_column_int64(st, 2);
		out->booked = (long)db_column_int64(st, 3);
		out->transferred = (long)db_column_int64(st, 4);
		out->successful = (long)db_column_int64(st, 5);
	} else {
		err = store_rc(s, rc == DB_DONE ? DB_ERROR : rc);
	}
	db_reset(st);
	return err;
}

int store_stats_bookings(struct store *s, struct arena *a, const struct store_stats_filter *f,
                         struct store_stats_studio_count **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = prepare(s, ST_BOOKINGS);
	if (st == NULL)
		return TF_EDB;
	bind_filter(st, f, false);
	void *list;
	int err = store_read_rows(s, a, st, 0, sizeof(struct store_stats_studio_count), row_studio_count, &list, n, NULL);
	*out = list;
	return err;
}

int store_stats_bookings_made(struct store *s, const struct store_stats_filter *f, long *n)
{
	*n = 0;
	struct db_stmt *st = prepare(s, ST_BOOKINGS_MADE);
	if (st == NULL)
		return TF_EDB;
	bind_filter(st, f, false);
	int rc = db_step(st), err = TF_OK;
	if (rc == DB_ROW)
		*n = (long)db_column_int64(st, 0);
	else
		err = store_rc(s, rc == DB_DONE ? DB_ERROR : rc);
	db_reset(st);
	return err;
}

/* Overwrites a string that held a clear number before the arena forgets it. */
static void wipe(const char *p)
{
	if (p == NULL)
		return;
	volatile char *v = (volatile char *)(uintptr_t)p;
	while (*v)
		*v++ = '\0';
}

/* The caller's number of column i, masked; the clear number never leaves. */
static int masked_phone(struct store *s, struct arena *a, struct db_stmt *st, int i, bool has_lead, const char **out)
{
	*out = NULL;
	if (!has_lead)
		return TF_OK;
	const char *clear = NULL;
	int err = store_col_sealed(s, a, st, i, "leads.phone", &clear);
	if (err == TF_EAUTH || err == TF_EINVAL || (err == TF_OK && clear == NULL)) {
		*out = "***";           /* sealed under a key no longer configured */
		return TF_OK;
	}
	if (err)
		return err;
	char buf[TF_MAX_PHONE + 8];
	log_mask_phone(clear, buf, sizeof(buf));
	wipe(clear);
	*out = arena_strdup(a, buf);
	return *out ? TF_OK : TF_ENOMEM;
}

int store_stats_recent_calls(struct store *s, struct arena *a, const struct store_stats_filter *f, int limit,
                             struct store_stats_call **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (limit <= 0)
		return TF_OK;
	struct db_stmt *st = prepare(s, ST_RECENT);
	if (st == NULL)
		return TF_EDB;
	bind_filter(st, f, true);
	db_bind_int64(st, 3, limit);
	struct store_stats_call *list = arena_alloc(a, (size_t)limit * sizeof(*list));
	if (list == NULL) {
		db_reset(st);
		return TF_ENOMEM;
	}
	size_t len = 0;
	int rc = DB_DONE, err = TF_OK;
	while (err == TF_OK && len < (size_t)limit && (rc = db_step(st)) == DB_ROW) {
		struct store_stats_call *c = &list[len];
		memset(c, 0, sizeof(*c));
		c->id = db_column_int64(st, 0);
		c->studio_id = db_column_int64(st, 1);
		c->started_at = store_col_text(a, st, 2);
		c->direction = store_col_text(a, st, 3);
		c->status = store_col_text(a, st, 4);
		c->outcome = store_col_text(a, st, 5);
		c->duration = db_column_int(st, 6);
		if (c->started_at == NULL || c->direction == NULL || c->status == NULL ||
		    (c->outcome == NULL && db_column_type(st, 5) != DB_NULL))
			err = TF_ENOMEM;
		else
			err = masked_phone(s, a, st, 7, db_column_int(st, 8) != 0, &c->caller);
		if (err == TF_OK)
			len++;
	}
	if (err == TF_OK && len < (size_t)limit && rc != DB_DONE)
		err = store_rc(s, rc);
	db_reset(st);
	if (err == TF_OK) {
		*out = list;
		*n = len;
	}
	return err;
}
