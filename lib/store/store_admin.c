/* store_admin.c: the lists and records that operators read through the admin
 * API (leads, calls, appointments) and the audit log of what they did. */
#include "store_int.h"
#include "crypto.h"
#include "err.h"

#include <string.h>

#define LEAD_COLS "id, phone_enc, name_enc, email_enc, coalesce(studio_id, 0), status, source, sentiment," \
                  " call_count, last_call_at, created_at, updated_at"
#define CALL_COLS "id, call_sid, coalesce(lead_id, 0), coalesce(studio_id, 0), direction, to_number, status," \
                  " outcome, engine, turn, duration_seconds, sentiment, started_at, ended_at, state_enc," \
                  " recording_consent"
/* An optional filter names its column before "?N IS NULL": PostgreSQL types
 * a parameter at its first use, and "?N IS NULL" alone gives it no type. */
#define CALL_WHERE " FROM lead_call_logs WHERE (?1 = 0 OR lead_id = ?1) AND (?2 = 0 OR studio_id = ?2)" \
                   " AND (status = ?3 OR ?3 IS NULL) AND (started_at >= ?4 OR ?4 IS NULL)" \
                   " AND (started_at < ?5 OR ?5 IS NULL)"
#define APPT_COLS "id, coalesce(lead_id, 0), studio_id, starts_at, ends_at, status, source, call_sid," \
                  " coalesce(rescheduled_from, 0)"

enum { AD_APPOINTMENTS, AD_LEAD_BY_HASH, AD_LEAD_BY_ID, AD_LEADS, AD_CALLS, AD_CALLS_ASC, AD_APPTS, AD_AUDIT, AD__N };
static const char *const admin_sql[AD__N] = {
	[AD_APPOINTMENTS] = "SELECT " APPT_COLS " FROM appointments"
	                    " WHERE studio_id = ?1 AND starts_at >= ?2 AND starts_at < ?3 ORDER BY starts_at, id LIMIT 10000",
	[AD_LEAD_BY_HASH] = "SELECT " LEAD_COLS " FROM leads WHERE phone_hash = ?1",
	[AD_LEAD_BY_ID] = "SELECT " LEAD_COLS " FROM leads WHERE id = ?1",
	[AD_LEADS] = "SELECT " LEAD_COLS " FROM leads WHERE (status = ?1 OR ?1 IS NULL) AND (?4 = 0 OR studio_id = ?4)"
	             " ORDER BY id DESC LIMIT ?2 OFFSET ?3",
	[AD_CALLS] = "SELECT " CALL_COLS CALL_WHERE " ORDER BY started_at DESC, id DESC LIMIT ?6 OFFSET ?7",
	[AD_CALLS_ASC] = "SELECT " CALL_COLS CALL_WHERE " ORDER BY started_at, id LIMIT ?6 OFFSET ?7",
	[AD_APPTS] = "SELECT " APPT_COLS " FROM appointments WHERE (?1 = 0 OR lead_id = ?1) AND (?2 = 0 OR studio_id = ?2)"
	             " AND (status = ?3 OR ?3 IS NULL) AND (starts_at >= ?4 OR ?4 IS NULL) AND (starts_at < ?5 OR ?5 IS NULL)"
	             " ORDER BY starts_at, id LIMIT ?6 OFFSET ?7",
	[AD_AUDIT] = ("INSERT INTO audit_log (actor, action, target, scope, token_id, created_at)"
	              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),   /* one literal: clang's -Wstring-concatenation */
};

/* Makes room for one more element of `size` bytes; NULL when out of memory. */
static void bind_time_opt(struct db_stmt *st, int i, bool has, int64_t utc)
{
	if (!has) {
		db_bind_null(st, i);
		return;
	}
	store_bind_utc(st, i, utc);
}

/* Opens a sealed column; a value no configured key opens becomes NULL and
 * marks the record unreadable instead of failing the whole answer. */
static int open_sealed(struct store *s, struct arena *a, struct db_stmt *st, int i, const char *aad, const char **out,
                       bool *unreadable)
{
	int err = store_col_sealed(s, a, st, i, aad, out);
	if (err == TF_EAUTH || err == TF_EINVAL) {
		*out = NULL;
		*unreadable = true;
		return TF_OK;
	}
	return err;
}

static int read_lead_info(struct store *s, struct arena *a, struct db_stmt *st, struct store_lead_info *l)
{
	memset(l, 0, sizeof(*l));
	l->id = db_column_int64(st, 0);
	int err;
	if ((err = open_sealed(s, a, st, 1, "leads.phone", &l->phone, &l->unreadable)) ||
	    (err = open_sealed(s, a, st, 2, "leads.name", &l->name, &l->unreadable)) ||
	    (err = open_sealed(s, a, st, 3, "leads.email", &l->email, &l->unreadable)))
		return err;
	l->studio_id = db_column_int64(st, 4);
	l->status = store_col_text(a, st, 5);
	l->source = store_col_text(a, st, 6);
	l->has_sentiment = db_column_type(st, 7) != DB_NULL;
	l->sentiment = db_column_double(st, 7);
	l->call_count = db_column_int(st, 8);
	l->last_call_at = store_col_text(a, st, 9);
	l->created_at = store_col_text(a, st, 10);
	l->updated_at = store_col_text(a, st, 11);
	return l->status && l->source && l->created_at && l->updated_at ? TF_OK : TF_ENOMEM;
}

static int row_lead(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	return read_lead_info(s, a, st, row);
}

static int one_lead(struct store *s, struct arena *a, struct db_stmt *st, struct store_lead_info *out)
{
	int rc = db_step(st), err;
	if (rc == DB_ROW)
		err = read_lead_info(s, a, st, out);
	else
		err = rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
	db_reset(st);
	return err;
}

int store_admin_lead_by_phone(struct store *s, struct arena *a, const char *phone, struct store_lead_info *out)
{
	memset(out, 0, sizeof(*out));
	size_t nkeys = crypto_key_count(s->crypto);
	for (size_t k = 0; k < nkeys; k++) {
		char hash[65];
		int err = crypto_hash_phone_with(s->crypto, k, phone, hash);
		if (err)
			return err == TF_ELIMIT ? TF_EINVAL : err;
		struct db_stmt *st = store_stmt(s, STORE_MOD_ADMIN, AD_LEAD_BY_HASH, admin_sql);
		if (st == NULL)
			return TF_EDB;
		store_bind_text(st, 1, hash);
		err = one_lead(s, a, st, out);
		if (err != TF_ENOTFOUND)
			return err;
	}
	return TF_ENOTFOUND;
}

int store_admin_lead_get(struct store *s, struct arena *a, int64_t id, struct store_lead_info *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = store_stmt(s, STORE_MOD_ADMIN, AD_LEAD_BY_ID, admin_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	return one_lead(s, a, st, out);
}

int store_admin_leads(struct store *s, struct arena *a, const char *status, int64_t studio_id, int limit,
                      int64_t offset, struct store_lead_info **out, size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	*more = false;
	struct db_stmt *st = store_stmt(s, STORE_MOD_ADMIN, AD_LEADS, admin_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, status);
	db_bind_int64(st, 2, (int64_t)limit + 1);
	db_bind_int64(st, 3, offset);
	db_bind_int64(st, 4, studio_id);
	void *list;
	int err = store_read_rows(s, a, st, (size_t)limit, sizeof(struct store_lead_info), row_lead, &list, n, more);
	*out = list;
	return err;
}

static int read_call_info(struct store *s, struct arena *a, struct db_stmt *st, bool with_state,
                          struct store_call_info *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_column_int64(st, 0);
	c->call_sid = store_col_text(a, st, 1);
	c->lead_id = db_column_int64(st, 2);
	c->studio_id = db_column_int64(st, 3);
	c->direction = store_col_text(a, st, 4);
	c->to_number = store_col_text(a, st, 5);
	c->status = store_col_text(a, st, 6);
	c->outcome = store_col_text(a, st, 7);
	c->engine = store_col_text(a, st, 8);
	c->turn = db_column_int(st, 9);
	c->duration = db_column_type(st, 10) == DB_NULL ? -1 : db_column_int(st, 10);
	c->has_sentiment = db_column_type(st, 11) != DB_NULL;
	c->sentiment = db_column_double(st, 11);
	c->started_at = store_col_text(a, st, 12);
	c->ended_at = store_col_text(a, st, 13);
	c->recording_consent = store_col_text(a, st, 15);
	if (!c->call_sid || !c->direction || !c->to_number || !c->status || !c->engine || !c->started_at)
		return TF_ENOMEM;
	if (with_state) {
		bool unreadable = false;
		return open_sealed(s, a, st, 14, "lead_call_logs.state", &c->state, &unreadable);
	}
	return TF_OK;
}

static int row_call(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	return read_call_info(s, a, st, false, row);
}

static int row_call_with_state(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	return read_call_info(s, a, st, true, row);
}

/* ?1 lead, ?2 studio, ?3 status, ?4 from, ?5 to, ?6 one past the page, ?7 offset. */
static void bind_list_filter(struct db_stmt *st, const struct store_list_filter *f, int limit, int64_t offset)
{
	db_bind_int64(st, 1, f->lead_id);
	db_bind_int64(st, 2, f->studio_id);
	store_bind_text(st, 3, f->status);
	bind_time_opt(st, 4, f->has_from, f->from_utc);
	bind_time_opt(st, 5, f->has_to, f->to_utc);
	db_bind_int64(st, 6, (int64_t)limit + 1);
	db_bind_int64(st, 7, offset);
}

int store_admin_calls(struct store *s, struct arena *a, const struct store_list_filter *f, int limit, int64_t offset,
                      struct store_call_info **out, size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	*more = false;
	struct db_stmt *st = store_stmt(s, STORE_MOD_ADMIN, f->lead_id ? AD_CALLS_ASC : AD_CALLS, admin_sql);
	if (st == NULL)
		return TF_EDB;
	bind_list_filter(st, f, limit, offset);
	void *list;
	int err = store_read_rows(s, a, st, (size_t)limit, sizeof(struct store_call_info),
	                          f->with_state ? row_call_with_state : row_call, &list, n, more);
	*out = list;
	return err;
}

int store_admin_appointments(struct store *s, struct arena *a, const struct store_list_filter *f, int limit,
                             int64_t offset, struct store_appointment **out, size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	*more = false;
	struct db_stmt *st = store_stmt(s, STORE_MOD_ADMIN, AD_APPTS, admin_sql);
	if (st == NULL)
		return TF_EDB;
	bind_list_filter(st, f, limit, offset);
	void *list;
	int err = store_read_rows(s, a, st, (size_t)limit, sizeof(struct store_appointment), store_row_appointment, &list,
	                          n, more);
	*out = list;
	return err;
}

int store_audit(struct store *s, const char *actor, const char *action, const char *target)
{
	if (actor == NULL || *actor == '\0' || action == NULL || *action == '\0')
		return TF_EINVAL;
	struct db_stmt *st = store_stmt(s, STORE_MOD_ADMIN, AD_AUDIT, admin_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, actor);
	store_bind_text(st, 2, action);
	store_bind_text(st, 3, target ? target : "");
	store_bind_text(st, 4, s->audit_scope);
	store_bind_text(st, 5, s->audit_token_id);
	store_bind_now(st, 6);
	return store_exec_stmt(s, st);
}

void store_audit_context(struct store *s, const char *scope, const char *token_id)
{
	s->audit_scope = scope;
	s->audit_token_id = token_id;
}

int store_appointments_list(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                            struct store_appointment **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = store_stmt(s, STORE_MOD_ADMIN, AD_APPOINTMENTS, admin_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, from_utc);
	store_bind_utc(st, 3, to_utc);
	void *list;
	int err = store_read_rows(s, a, st, 0, sizeof(struct store_appointment), store_row_appointment, &list, n, NULL);
	*out = list;
	return err;
}
