/* store_calendar.c: the studio's own calendar: feed keys, the appointments
 * the feed and CalDAV show, the CalDAV calendar with its busy times, and the
 * queue of bookings written to it. */
#include "store_int.h"
#include "store_calendar.h"
#include "err.h"

#include <string.h>

enum {
	K_ADD, K_FIND, K_TOUCH, K_LIST, K_REVOKE, K_STUDIO,
	C_ITEMS, C_ITEM_OF, C_VERSION,
	D_SET, D_BACKFILL, D_REMOVE, D_REMOVE_BUSY, D_REMOVE_WRITES, D_REMOVE_DELETES, D_LIST, D_SYNC, D_SYNC_ALL, D_BUSY_DEL, D_BUSY_INS, D_GOOD,
	D_FAILED, D_BUSY,
	W_DUE, W_CLAIM, W_DONE, W_RETRY, W_FAILED, W_BACKLOG, W_RELEASE,
	X_DUE, X_DONE, X_RETRY,
	CAL__N
};

/* The chain of moves an appointment belongs to, from its first appointment
 * (root) on: one event in every calendar. */
#define CAL_ITEM_COLUMNS \
	"a.id, c.root, coalesce(a.lead_id, 0), c.depth, a.starts_at, a.ends_at, a.status, a.updated_at," \
	" l.name_enc, l.phone_enc, a.source"

static const char *const cal_sql[CAL__N] = {
	[K_ADD] = "INSERT INTO calendar_keys (studio_id, key_hash, label, full_names, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"
	          " RETURNING id",
	[K_FIND] = "SELECT id, studio_id, label, full_names, created_at, revoked_at IS NOT NULL, last_used_at"
	           " FROM calendar_keys WHERE key_hash = ?1",
	[K_TOUCH] = "UPDATE calendar_keys SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?3)",
	[K_LIST] = "SELECT id, studio_id, label, full_names, created_at, revoked_at IS NOT NULL, last_used_at"
	           " FROM calendar_keys WHERE ?1 = 0 OR studio_id = ?1 ORDER BY id DESC",
	[K_REVOKE] = "UPDATE calendar_keys SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1",
	[K_STUDIO] = "SELECT studio_id FROM calendar_keys WHERE id = ?1",
	/* Each standing appointment walks up its moves to the first one (by
	 * primary key: chains are short), which names the event. */
	[C_ITEMS] = "WITH RECURSIVE c(item, root, parent, depth) AS ("
	            "  SELECT id, id, rescheduled_from, 0 FROM appointments"
	            "  WHERE studio_id = ?1 AND status <> 'rescheduled' AND source <> 'test' AND starts_at >= ?2"
	            "  UNION ALL SELECT c.item, p.id, p.rescheduled_from, c.depth + 1 FROM c"
	            "  JOIN appointments p ON p.id = c.parent WHERE c.depth < 1000)"
	            " SELECT " CAL_ITEM_COLUMNS " FROM c JOIN appointments a ON a.id = c.item"
	            " LEFT JOIN leads l ON l.id = a.lead_id WHERE c.parent IS NULL"
	            " ORDER BY a.starts_at, a.id LIMIT 20000",
	[C_ITEM_OF] = "WITH RECURSIVE up(id, parent, n) AS ("
	              "  SELECT id, rescheduled_from, 0 FROM appointments WHERE id = ?1"
	              "  UNION ALL SELECT a.id, a.rescheduled_from, up.n + 1 FROM appointments a JOIN up ON a.id = up.parent"
	              "  WHERE up.n < 1000),"
	              " r(id) AS (SELECT id FROM up ORDER BY n DESC LIMIT 1),"
	              " c(id, root, depth) AS (SELECT id, id, 0 FROM r"
	              "  UNION ALL SELECT a.id, c.root, c.depth + 1 FROM appointments a JOIN c ON a.rescheduled_from = c.id"
	              "  WHERE c.depth < 1000)"
	              " SELECT " CAL_ITEM_COLUMNS " FROM c JOIN appointments a ON a.id = c.id"
	              " LEFT JOIN leads l ON l.id = a.lead_id ORDER BY c.depth DESC, a.id DESC LIMIT 1",
	[C_VERSION] = "SELECT version FROM calendar_versions WHERE studio_id = ?1",
	[D_SET] = "INSERT INTO studio_caldav (studio_id, url, username, password_enc, write_bookings, next_sync_at,"
	          " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)"
	          " ON CONFLICT (studio_id) DO UPDATE SET url = ?2, username = ?3, password_enc = ?4,"
	          " write_bookings = ?5, next_sync_at = ?6, updated_at = ?6, last_error = NULL",
	/* A calendar that starts to take bookings gets the standing future ones too. */
	[D_BACKFILL] = "INSERT INTO caldav_writes (studio_id, appointment_id, next_attempt_at, created_at, updated_at)"
	               " SELECT studio_id, id, '1970-01-01 00:00:00', ?3, ?3 FROM appointments"
	               " WHERE studio_id = ?1 AND status = 'booked' AND source <> 'test' AND starts_at >= ?2"
	               " ON CONFLICT (appointment_id) DO UPDATE SET status = 'queued', attempts = 0,"
	               " next_attempt_at = '1970-01-01 00:00:00', updated_at = ?3",
	[D_REMOVE] = "DELETE FROM studio_caldav WHERE studio_id = ?1",
	[D_REMOVE_BUSY] = "DELETE FROM calendar_busy WHERE studio_id = ?1",
	[D_REMOVE_WRITES] = "DELETE FROM caldav_writes WHERE studio_id = ?1 AND status IN ('queued', 'sending')",
	[D_REMOVE_DELETES] = "DELETE FROM caldav_deletes WHERE studio_id = ?1",
	[D_LIST] = "SELECT studio_id, url, username, password_enc, write_bookings, next_sync_at, fetched_at, tried_at,"
	           " last_error, busy_count, created_at FROM studio_caldav ORDER BY studio_id",
	/* Due at once, whatever the program's clock says. */
	[D_SYNC] = "UPDATE studio_caldav SET next_sync_at = '1970-01-01 00:00:00' WHERE studio_id = ?1",
	[D_SYNC_ALL] = "UPDATE studio_caldav SET next_sync_at = '1970-01-01 00:00:00'",
	[D_BUSY_DEL] = "DELETE FROM calendar_busy WHERE studio_id = ?1",
	[D_BUSY_INS] = "INSERT INTO calendar_busy (studio_id, starts_at, ends_at) VALUES (?1, ?2, ?3)",
	[D_GOOD] = "UPDATE studio_caldav SET fetched_at = ?2, tried_at = ?2, next_sync_at = ?3, last_error = NULL,"
	           " busy_count = ?4 WHERE studio_id = ?1",
	[D_FAILED] = "UPDATE studio_caldav SET tried_at = ?2, next_sync_at = ?3, last_error = ?4 WHERE studio_id = ?1",
	[D_BUSY] = "SELECT starts_at, ends_at FROM calendar_busy WHERE studio_id = ?1 AND ends_at > ?2 AND starts_at < ?3"
	           " ORDER BY starts_at",
	[W_DUE] = "SELECT id, studio_id, appointment_id, attempts FROM caldav_writes"
	          " WHERE status IN ('queued', 'sending') AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2",
	[W_CLAIM] = "UPDATE caldav_writes SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?2,"
	            " updated_at = ?3 WHERE id = ?1",
	[W_DONE] = "UPDATE caldav_writes SET status = 'done', last_error = NULL, updated_at = ?2"
	           " WHERE id = ?1 AND status = 'sending'",
	[W_RETRY] = "UPDATE caldav_writes SET status = 'queued', next_attempt_at = ?2, last_error = ?3,"
	            " updated_at = ?4 WHERE id = ?1 AND status = 'sending'",
	[W_FAILED] = "UPDATE caldav_writes SET status = 'failed', last_error = ?2, updated_at = ?3"
	             " WHERE id = ?1 AND status = 'sending'",
	[W_BACKLOG] = "SELECT count(*) FROM caldav_writes WHERE status IN ('queued', 'sending')",
	[X_DUE] = "SELECT id, studio_id, uid_id, attempts FROM caldav_deletes WHERE next_attempt_at <= ?1"
	          " ORDER BY next_attempt_at, id LIMIT ?2",
	[X_DONE] = "DELETE FROM caldav_deletes WHERE id = ?1",
	[X_RETRY] = "UPDATE caldav_deletes SET attempts = attempts + 1, next_attempt_at = ?2 WHERE id = ?1",
	[W_RELEASE] = "UPDATE caldav_writes SET next_attempt_at = '1970-01-01 00:00:00'"
	              " WHERE studio_id = ?1 AND status = 'queued' AND next_attempt_at > '1970-01-01 00:00:00'",
};

static struct db_stmt *cal_stmt(struct store *s, int idx)
{
	return store_stmt(s, STORE_MOD_CALENDAR, idx, cal_sql);
}

/* ---- feed keys ---- */

int store_calkey_add(struct store *s, int64_t studio_id, const char *key_hash, const char *label, bool full_names,
                     int64_t now_utc, int64_t *id)
{
	struct db_stmt *st = cal_stmt(s, K_ADD);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_text(st, 2, key_hash);
	store_bind_text(st, 3, label ? label : "");
	db_bind_int64(st, 4, full_names ? 1 : 0);
	store_bind_utc(st, 5, now_utc);
	int err = store_step_one(s, st);
	if (err == TF_OK && id)
		*id = db_column_int64(st, 0);
	db_reset(st);
	return err == TF_ENOTFOUND ? TF_EDB : err;
}

static int read_calkey(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_calkey *k = row;
	k->id = db_column_int64(st, 0);
	k->studio_id = db_column_int64(st, 1);
	k->label = store_col_text(a, st, 2);
	k->full_names = db_column_int(st, 3) != 0;
	if (!store_parse_utc(db_column_text(st, 4), &k->created_utc))
		k->created_utc = 0;
	k->revoked = db_column_int(st, 5) != 0;
	k->last_used_at = store_col_text(a, st, 6);
	return k->label ? TF_OK : TF_ENOMEM;
}

int store_calkey_use(struct store *s, struct arena *a, const char *key_hash, int64_t now_utc,
                     struct store_calkey *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = cal_stmt(s, K_FIND);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, key_hash);
	int rc = db_step(st);
	int err = rc == DB_ROW ? read_calkey(s, a, st, out) : rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
	db_reset(st);
	if (err || out->revoked)
		return err;
	if ((st = cal_stmt(s, K_TOUCH)) != NULL) {
		db_bind_int64(st, 1, out->id);
		store_bind_utc(st, 2, now_utc);
		store_bind_utc(st, 3, now_utc - 3600);
		store_exec_stmt(s, st);     /* a note only: the feed answers without it */
	}
	return TF_OK;
}

int store_calkey_list(struct store *s, struct arena *a, int64_t studio_id, struct store_calkey **out, size_t *n)
{
	struct db_stmt *st = cal_stmt(s, K_LIST);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	return store_read_rows(s, a, st, 0, sizeof(**out), read_calkey, (void **)out, n, NULL);
}

int store_calkey_revoke(struct store *s, int64_t id, int64_t now_utc, int64_t *studio_id)
{
	struct db_stmt *st = cal_stmt(s, K_STUDIO);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	int rc = db_step(st);
	int64_t sid = rc == DB_ROW ? db_column_int64(st, 0) : 0;
	int err = rc == DB_ROW ? TF_OK : rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
	db_reset(st);
	if (err)
		return err;
	if (studio_id)
		*studio_id = sid;
	if ((st = cal_stmt(s, K_REVOKE)) == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_utc(st, 2, now_utc);
	return store_exec_stmt(s, st);
}

/* ---- items ---- */

static int read_item(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_cal_item *it = row;
	it->id = db_column_int64(st, 0);
	it->uid_id = db_column_int64(st, 1);
	it->lead_id = db_column_int64(st, 2);
	int depth = db_column_int(st, 3);
	if (!store_parse_utc(db_column_text(st, 4), &it->start_utc) ||
	    !store_parse_utc(db_column_text(st, 5), &it->end_utc))
		return STORE_ROW_SKIP;
	it->status = store_col_text(a, st, 6);
	if (!store_parse_utc(db_column_text(st, 7), &it->changed_utc))
		it->changed_utc = it->start_utc;
	it->source = store_col_text(a, st, 10);
	if (it->status == NULL || it->source == NULL)
		return TF_ENOMEM;
	it->sequence = depth + (strcmp(it->status, "cancelled") == 0 ? 1 : 0);
	/* A name or number sealed under a key no longer configured: shown without. */
	if (store_col_sealed(s, a, st, 8, "leads.name", &it->name) != TF_OK)
		it->name = NULL;
	if (store_col_sealed(s, a, st, 9, "leads.phone", &it->phone) != TF_OK)
		it->phone = NULL;
	return TF_OK;
}

int store_cal_items(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc,
                    struct store_cal_item **out, size_t *n)
{
	struct db_stmt *st = cal_stmt(s, C_ITEMS);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, from_utc);
	return store_read_rows(s, a, st, 0, sizeof(**out), read_item, (void **)out, n, NULL);
}

int store_cal_item_of(struct store *s, struct arena *a, int64_t appointment_id, struct store_cal_item *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = cal_stmt(s, C_ITEM_OF);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, appointment_id);
	struct store_cal_item *list;
	size_t n;
	int err = store_read_rows(s, a, st, 0, sizeof(*list), read_item, (void **)&list, &n, NULL);
	if (err)
		return err;
	if (n == 0)
		return TF_ENOTFOUND;
	*out = list[0];
	return TF_OK;
}

/* ---- CalDAV ---- */

int store_caldav_set(struct store *s, int64_t studio_id, const char *url, const char *username, const char *password,
                     bool write_bookings, int64_t now_utc)
{
	struct db_stmt *st = cal_stmt(s, D_SET);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_text(st, 2, url);
	store_bind_text(st, 3, username ? username : "");
	int err = store_bind_sealed(s, st, 4, password && *password ? password : NULL, "studio_caldav.password");
	if (err)
		return err;
	db_bind_int64(st, 5, write_bookings ? 1 : 0);
	store_bind_utc(st, 6, now_utc);
	if ((err = store_begin(s)) != TF_OK)
		return err;
	err = store_exec_stmt(s, st);
	if (err == TF_OK && write_bookings) {
		if ((st = cal_stmt(s, D_BACKFILL)) == NULL)
			err = TF_EDB;
		else {
			db_bind_int64(st, 1, studio_id);
			store_bind_utc(st, 2, now_utc);
			store_bind_utc(st, 3, now_utc);
			err = store_exec_stmt(s, st);
		}
	}
	if (err) {
		store_rollback(s);
		return err;
	}
	return store_commit(s);
}

int store_caldav_remove(struct store *s, int64_t studio_id)
{
	int err = store_begin(s);
	if (err)
		return err;
	static const int steps[] = { D_REMOVE_BUSY, D_REMOVE_WRITES, D_REMOVE_DELETES, D_REMOVE };
	for (size_t i = 0; err == TF_OK && i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct db_stmt *st = cal_stmt(s, steps[i]);
		if (st == NULL) {
			err = TF_EDB;
			break;
		}
		db_bind_int64(st, 1, studio_id);
		err = store_exec_stmt(s, st);
		if (err == TF_OK && steps[i] == D_REMOVE && db_changes(s->db) == 0)
			err = TF_ENOTFOUND;
	}
	if (err) {
		store_rollback(s);
		return err;
	}
	return store_commit(s);
}

static int read_caldav(struct store *s, struct arena *a, struct db_stmt *st, void *row, bool with_password)
{
	struct store_caldav *c = row;
	c->studio_id = db_column_int64(st, 0);
	c->url = store_col_text(a, st, 1);
	c->username = store_col_text(a, st, 2);
	if (with_password && store_col_sealed(s, a, st, 3, "studio_caldav.password", &c->password) != TF_OK) {
		c->password = NULL;
		c->password_unreadable = true;
	}
	c->write_bookings = db_column_int(st, 4) != 0;
	if (!store_parse_utc(db_column_text(st, 5), &c->next_sync_utc))
		c->next_sync_utc = 0;
	c->has_fetched = store_parse_utc(db_column_text(st, 6), &c->fetched_utc);
	c->tried_at = store_col_text(a, st, 7);
	c->last_error = store_col_text(a, st, 8);
	c->busy_count = db_column_int(st, 9);
	if (!store_parse_utc(db_column_text(st, 10), &c->created_utc))
		c->created_utc = 0;
	return c->url && c->username ? TF_OK : TF_ENOMEM;
}

static int read_caldav_plain(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	return read_caldav(s, a, st, row, false);
}

static int read_caldav_secret(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	return read_caldav(s, a, st, row, true);
}

int store_caldav_list(struct store *s, struct arena *a, bool with_password, struct store_caldav **out, size_t *n)
{
	struct db_stmt *st = cal_stmt(s, D_LIST);
	if (st == NULL)
		return TF_EDB;
	return store_read_rows(s, a, st, 0, sizeof(**out), with_password ? read_caldav_secret : read_caldav_plain,
	                       (void **)out, n, NULL);
}

int store_caldav_request_sync(struct store *s, int64_t studio_id, int *n)
{
	struct db_stmt *st = cal_stmt(s, studio_id ? D_SYNC : D_SYNC_ALL);
	if (st == NULL)
		return TF_EDB;
	if (studio_id)
		db_bind_int64(st, 1, studio_id);
	int err = store_exec_stmt(s, st);
	if (err == TF_OK && n)
		*n = db_changes(s->db);
	return err;
}

int store_caldav_busy_replace(struct store *s, int64_t studio_id, const struct schedule_block *v, size_t n,
                              int64_t now_utc, int64_t next_utc)
{
	int err = store_begin(s);
	if (err)
		return err;
	struct db_stmt *st = cal_stmt(s, D_BUSY_DEL);
	if (st == NULL)
		err = TF_EDB;
	else {
		db_bind_int64(st, 1, studio_id);
		err = store_exec_stmt(s, st);
	}
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		if ((st = cal_stmt(s, D_BUSY_INS)) == NULL) {
			err = TF_EDB;
			break;
		}
		db_bind_int64(st, 1, studio_id);
		store_bind_utc(st, 2, v[i].start_utc);
		store_bind_utc(st, 3, v[i].end_utc);
		err = store_exec_stmt(s, st);
	}
	if (err == TF_OK) {
		if ((st = cal_stmt(s, D_GOOD)) == NULL)
			err = TF_EDB;
		else {
			db_bind_int64(st, 1, studio_id);
			store_bind_utc(st, 2, now_utc);
			store_bind_utc(st, 3, next_utc);
			db_bind_int64(st, 4, (int64_t)n);
			err = store_exec_stmt(s, st);
		}
	}
	if (err) {
		store_rollback(s);
		return err;
	}
	return store_commit(s);
}

int store_caldav_failed(struct store *s, int64_t studio_id, int64_t now_utc, int64_t next_utc, const char *why)
{
	struct db_stmt *st = cal_stmt(s, D_FAILED);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, now_utc);
	store_bind_utc(st, 3, next_utc);
	store_bind_text(st, 4, why ? why : "failed");
	return store_exec_stmt(s, st);
}

static int read_block(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct schedule_block *b = row;
	if (!store_parse_utc(db_column_text(st, 0), &b->start_utc) ||
	    !store_parse_utc(db_column_text(st, 1), &b->end_utc) || b->end_utc <= b->start_utc)
		return STORE_ROW_SKIP;
	return TF_OK;
}

int store_calendar_busy(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                        struct schedule_block **out, size_t *n)
{
	struct db_stmt *st = cal_stmt(s, D_BUSY);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, from_utc);
	store_bind_utc(st, 3, to_utc);
	int err = store_read_rows(s, a, st, 0, sizeof(**out), read_block, (void **)out, n, NULL);
	if (err)
		return err;
	/* Stored merged, but make sure: schedule_validate wants them disjoint. */
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (k > 0 && (*out)[i].start_utc < (*out)[k - 1].end_utc) {
			if ((*out)[i].end_utc > (*out)[k - 1].end_utc)
				(*out)[k - 1].end_utc = (*out)[i].end_utc;
			continue;
		}
		(*out)[k++] = (*out)[i];
	}
	*n = k;
	return TF_OK;
}

/* ---- the write queue ---- */

static int row_write_claim(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	(void)a;
	struct store_caldav_write *w = row;
	w->id = db_column_int64(st, 0);
	w->studio_id = db_column_int64(st, 1);
	w->appointment_id = db_column_int64(st, 2);
	w->attempts = db_column_int(st, 3) + 1;
	return TF_OK;
}

int store_caldav_write_claim(struct store *s, struct arena *a, int64_t now_utc, int lease_s, size_t max,
                             struct store_caldav_write **out, size_t *n)
{
	static const struct store_claim claim = {
		STORE_MOD_CALENDAR, W_DUE, W_CLAIM, cal_sql, "caldav_writes", sizeof(struct store_caldav_write),
		row_write_claim, NULL,
	};
	return store_claim(s, a, &claim, now_utc, lease_s, max, (void **)out, n);
}

static int write_set(struct store *s, int idx, int64_t id, int64_t next_utc, const char *error)
{
	struct db_stmt *st = cal_stmt(s, idx);
	if (idx == W_RETRY)
		return store_exec_retry(s, st, id, next_utc, error);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	if (idx == W_FAILED) {
		store_bind_text(st, 2, error);
		store_bind_now(st, 3);
	} else {
		store_bind_now(st, 2);
	}
	return store_exec_stmt(s, st);
}

int store_caldav_write_done(struct store *s, int64_t id)
{
	return write_set(s, W_DONE, id, 0, NULL);
}

int store_caldav_write_retry(struct store *s, int64_t id, int64_t next_utc, const char *error)
{
	return write_set(s, W_RETRY, id, next_utc, error);
}

int store_caldav_write_failed(struct store *s, int64_t id, const char *error)
{
	return write_set(s, W_FAILED, id, 0, error);
}

int store_caldav_write_backlog(struct store *s, long long *n)
{
	*n = 0;
	struct db_stmt *st = cal_stmt(s, W_BACKLOG);
	if (st == NULL)
		return TF_EDB;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*n = db_column_int64(st, 0);
	int err = rc == DB_ROW ? TF_OK : store_rc(s, rc);
	db_reset(st);
	return err;
}

int store_caldav_writes_release(struct store *s, int64_t studio_id)
{
	struct db_stmt *st = cal_stmt(s, W_RELEASE);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	return store_exec_stmt(s, st);
}

static int read_delete(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_caldav_delete *d = row;
	d->id = db_column_int64(st, 0);
	d->studio_id = db_column_int64(st, 1);
	d->uid_id = db_column_int64(st, 2);
	d->attempts = db_column_int(st, 3) + 1;
	return TF_OK;
}

int store_caldav_deletes_due(struct store *s, struct arena *a, int64_t now_utc, size_t max,
                             struct store_caldav_delete **out, size_t *n)
{
	struct db_stmt *st = cal_stmt(s, X_DUE);
	if (st == NULL)
		return TF_EDB;
	store_bind_utc(st, 1, now_utc);
	db_bind_int64(st, 2, (int64_t)max);
	return store_read_rows(s, a, st, 0, sizeof(**out), read_delete, (void **)out, n, NULL);
}

int store_caldav_delete_done(struct store *s, int64_t id)
{
	struct db_stmt *st = cal_stmt(s, X_DONE);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	return store_exec_stmt(s, st);
}

int store_caldav_delete_retry(struct store *s, int64_t id, int64_t next_utc)
{
	struct db_stmt *st = cal_stmt(s, X_RETRY);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_utc(st, 2, next_utc);
	return store_exec_stmt(s, st);
}

int store_calendar_version(struct store *s, int64_t studio_id, int64_t *version)
{
	*version = 0;
	struct db_stmt *st = cal_stmt(s, C_VERSION);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*version = db_column_int64(st, 0);
	int err = rc == DB_ROW || rc == DB_DONE ? TF_OK : store_rc(s, rc);
	db_reset(st);
	return err;
}
