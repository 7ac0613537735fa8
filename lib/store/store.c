/* store.c: the connection (db.h), statement cache, transactions and migrations. */
#include "store_int.h"
#include "clock.h"
#include "crypto.h"
#include "err.h"
#include "tf_limits.h"
#include "log.h"
#include "metrics.h"
#include "schema_embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_defer_maintenance(struct store *s, int safety_pages)
{
	db_defer_maintenance(s->db, safety_pages > 0 ? safety_pages : STORE_MAINTAIN_SAFETY_PAGES);
}

int store_maintain(struct store *s, int restart_pages, int *pages)
{
	if (pages)
		*pages = 0;
	int rc = db_maintain(s->db, restart_pages, pages);
	if (rc == DB_BUSY)
		return TF_EBUSY;        /* a reader or an outside writer: a later round */
	return store_rc(s, rc);
}

int store_rc(struct store *s, int rc)
{
	switch (rc) {
	case DB_OK:
	case DB_DONE:
	case DB_ROW:
		return TF_OK;
	case DB_BUSY:
		metrics_inc(M_DB_BUSY);
		return TF_EBUSY;
	case DB_FULL:
		metrics_inc(M_DB_ERRORS);
		return TF_EFULL;
	case DB_NOMEM:
		return TF_ENOMEM;
	case DB_CONSTRAINT:
		return TF_ECONFLICT;
	case DB_LOST:
		metrics_inc(M_DB_ERRORS);
		log_error("database connection lost", "db", store_errmsg(s));
		return TF_EDB;
	default:
		metrics_inc(M_DB_ERRORS);
		log_error("database error", "db", store_errmsg(s));
		return TF_EDB;
	}
}

const char *store_errmsg(struct store *s)
{
	return s && s->db ? db_errmsg(s->db) : "no database";
}

/* store_stmt with the statement's text given whole. */
static struct db_stmt *store_stmt_text(struct store *s, enum store_module mod, int idx, const char *text)
{
	struct db_stmt **slot = &s->stmts[mod][idx];
	if (*slot == NULL) {
		int rc = db_prepare(s->db, text, slot);
		if (rc != DB_OK) {
			log_error("cannot prepare statement", "db", db_errmsg(s->db), "sql", text);
			*slot = NULL;
			return NULL;
		}
	} else {
		db_reset(*slot);
	}
	return *slot;
}

struct db_stmt *store_stmt(struct store *s, enum store_module mod, int idx, const char *const *sql)
{
	return store_stmt_text(s, mod, idx, sql[idx]);
}

/* Prepares sql followed by a, b and c (a dialect's suffix) as statement idx. */
static struct db_stmt *store_suffixed_stmt(struct store *s, enum store_module mod, int idx, const char *sql,
                                           const char *a, const char *b, const char *c)
{
	size_t n = strlen(sql) + strlen(a) + strlen(b) + strlen(c) + 1;
	char *text = malloc(n);
	if (text == NULL)
		return NULL;
	snprintf(text, n, "%s%s%s%s", sql, a, b, c);
	struct db_stmt *st = store_stmt_text(s, mod, idx, text);
	free(text);
	return st;
}

struct db_stmt *store_locking_stmt(struct store *s, enum store_module mod, int idx, const char *const *sql,
                                   const char *table)
{
	if (s->stmts[mod][idx] != NULL || db_dialect(s->db) == DB_SQLITE)
		return store_stmt(s, mod, idx, sql);
	return store_suffixed_stmt(s, mod, idx, sql[idx], " FOR UPDATE OF ", table, "");
}

/* A claim's SELECT of due rows. SQLite's BEGIN IMMEDIATE already keeps every
 * other writer out until the claim commits; PostgreSQL locks the rows read
 * and lets another worker's claim pass over them instead of waiting. */
static struct db_stmt *store_claim_stmt(struct store *s, enum store_module mod, int idx, const char *const *sql,
                                        const char *table)
{
	if (s->stmts[mod][idx] != NULL || db_dialect(s->db) == DB_SQLITE)
		return store_stmt(s, mod, idx, sql);
	return store_suffixed_stmt(s, mod, idx, sql[idx], " FOR UPDATE OF ", table, " SKIP LOCKED");
}

int store_exec_stmt(struct store *s, struct db_stmt *st)
{
	if (st == NULL)
		return TF_EDB;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		;
	int err = store_rc(s, rc);
	db_reset(st);
	return err;
}

int store_bind_text(struct db_stmt *st, int i, const char *v)
{
	int rc = v ? db_bind_text(st, i, v, strlen(v)) : db_bind_null(st, i);
	return rc == DB_OK ? TF_OK : TF_EDB;
}

int store_bind_sealed(struct store *s, struct db_stmt *st, int i, const char *v, const char *aad)
{
	if (v == NULL)
		return db_bind_null(st, i) == DB_OK ? TF_OK : TF_EDB;
	buf_reset(&s->scratch);
	int err = crypto_seal(s->crypto, v, strlen(v), aad, &s->scratch);
	if (err)
		return err;
	return db_bind_blob(st, i, s->scratch.data, s->scratch.len) == DB_OK ? TF_OK : TF_EDB;
}

const char *store_col_text(struct arena *a, struct db_stmt *st, int i)
{
	const char *t = db_column_text(st, i);
	if (t == NULL)
		return NULL;
	return arena_strndup(a, t, strlen(t));
}

int store_col_sealed(struct store *s, struct arena *a, struct db_stmt *st, int i, const char *aad, const char **out)
{
	*out = NULL;
	if (db_column_type(st, i) == DB_NULL)
		return TF_OK;
	size_t n = 0;
	const void *blob = db_column_blob(st, i, &n);
	buf_reset(&s->scratch);
	int err = crypto_open(s->crypto, blob, n, aad, &s->scratch);
	if (err)
		return err;
	*out = arena_strndup(a, s->scratch.data ? s->scratch.data : "", s->scratch.len);
	buf_reset(&s->scratch);
	return *out ? TF_OK : TF_ENOMEM;
}
void *store_grow(struct arena *a, void *list, size_t len, size_t *cap, size_t size)
{
	if (len < *cap)
		return list;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *bigger = arena_alloc(a, ncap * size);
	if (bigger == NULL)
		return NULL;
	if (len)
		memcpy(bigger, list, len * size);
	*cap = ncap;
	return bigger;
}

int store_bind_utc(struct db_stmt *st, int i, int64_t utc)
{
	char text[20];
	store_format_utc(utc, text);
	return store_bind_text(st, i, text);
}

int store_bind_now(struct db_stmt *st, int i)
{
	return store_bind_utc(st, i, clock_now());
}

int store_col_appointment(struct arena *a, struct db_stmt *st, struct store_appointment *ap)
{
	memset(ap, 0, sizeof(*ap));
	ap->id = db_column_int64(st, 0);
	ap->lead_id = db_column_int64(st, 1);
	ap->studio_id = db_column_int64(st, 2);
	if (!store_parse_utc(db_column_text(st, 3), &ap->start_utc) ||
	    !store_parse_utc(db_column_text(st, 4), &ap->end_utc))
		return TF_EDB;
	ap->status = store_col_text(a, st, 5);
	ap->source = store_col_text(a, st, 6);
	ap->call_sid = store_col_text(a, st, 7);
	ap->rescheduled_from = db_column_int64(st, 8);
	return ap->status && ap->source ? TF_OK : TF_ENOMEM;
}

static int store_exec(struct store *s, const char *sql)
{
	return store_rc(s, db_exec(s->db, sql));
}

int store_open(struct store **out, const char *path, const struct crypto *crypto, int busy_timeout_ms)
{
	*out = NULL;
	struct store *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return TF_ENOMEM;
	s->crypto = crypto;
	buf_init(&s->scratch, TF_MAX_UPSTREAM_BODY);
	char why[256];
	int rc = db_open(path, busy_timeout_ms, &s->db, why, sizeof(why));
	if (rc != DB_OK) {
		log_error("cannot open database", "path", db_target_is_postgres(path) ? "(server)" : path, "db", why);
		store_close(s);
		return rc == DB_NOMEM ? TF_ENOMEM : TF_EDB;
	}
	*out = s;
	return TF_OK;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	for (int m = 0; m < STORE_MOD__COUNT; m++)
		for (int i = 0; i < STORE_MOD_MAX_STMTS; i++)
			db_finalize(s->stmts[m][i]);
	store_studios_free(s);
	db_close(s->db);
	buf_free(&s->scratch);
	free(s);
}

enum { CORE_COMMIT, CORE_ROLLBACK, CORE_HEALTH, CORE__N };
static const char *const core_sql[CORE__N] = {
	[CORE_COMMIT] = "COMMIT",
	[CORE_ROLLBACK] = "ROLLBACK",
	[CORE_HEALTH] = "SELECT count(*) FROM schema_migrations",
};

int store_begin(struct store *s)
{
	int err = store_rc(s, db_begin(s->db));
	if (err == TF_OK)
		s->in_txn = true;
	return err;
}

/* After the transaction: commits are NORMAL again. */
static void store_end_durable(struct store *s)
{
	if (s->durable) {
		s->durable = false;
		db_set_durable(s->db, false);
	}
}

/* The key of a lock: its kind above 48 bits of the id. */
int store_lock(struct store *s, enum store_lock what, int64_t id)
{
	int64_t key = (int64_t)((uint64_t)what << 48 | ((uint64_t)id & UINT64_C(0xffffffffffff)));
	return store_rc(s, db_lock(s->db, key));
}

int store_commit(struct store *s)
{
	int err = store_exec_stmt(s, store_stmt(s, STORE_MOD_CORE, CORE_COMMIT, core_sql));
	if (err)
		store_rollback(s);
	s->in_txn = false;
	store_end_durable(s);
	return err;
}

int store_read_rows(struct store *s, struct arena *a, struct db_stmt *st, size_t limit, size_t size,
                    store_row_reader read, void **out, size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	if (more)
		*more = false;
	char *list = NULL;
	size_t len = 0, cap = 0;
	int rc, err = TF_OK;
	while ((rc = db_step(st)) == DB_ROW) {
		if (limit && len == limit) {
			if (more)
				*more = true;
			break;
		}
		if ((list = store_grow(a, list, len, &cap, size)) == NULL) {
			err = TF_ENOMEM;
			break;
		}
		void *row = list + len * size;
		memset(row, 0, size);
		int e = read(s, a, st, row);
		if (e == STORE_ROW_SKIP)
			continue;
		if ((err = e) != TF_OK)
			break;
		len++;
	}
	if (err == TF_OK && rc != DB_ROW && rc != DB_DONE)
		err = store_rc(s, rc);
	db_reset(st);
	if (err == TF_OK) {
		*out = list;
		*n = len;
	}
	return err;
}

int store_row_appointment(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	int err = store_col_appointment(a, st, row);
	return err == TF_EDB ? STORE_ROW_SKIP : err;
}

int store_exec_count(struct store *s, struct db_stmt *st, int *n)
{
	int err = store_exec_stmt(s, st);
	if (n)
		*n = err ? 0 : (int)db_changes(s->db);
	return err;
}

int store_exec_retry(struct store *s, struct db_stmt *st, int64_t id, int64_t next_utc, const char *error)
{
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_utc(st, 2, next_utc);
	store_bind_text(st, 3, error);
	store_bind_now(st, 4);
	return store_exec_stmt(s, st);
}

int store_step_one(struct store *s, struct db_stmt *st)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		return TF_OK;
	return rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
}

/* Keeps the rows of list that c->is_due answers true for; returns how many. */
static size_t store_claim_due(const struct store_claim *c, char *list, size_t len, int64_t now_utc)
{
	if (c->is_due == NULL)
		return len;
	size_t k = 0;
	for (size_t i = 0; i < len; i++)
		if (c->is_due(list + i * c->size, now_utc)) {
			if (k != i)
				memcpy(list + k * c->size, list + i * c->size, c->size);
			k++;
		}
	return k;
}

int store_claim(struct store *s, struct arena *a, const struct store_claim *c, int64_t now_utc, int lease_s,
                size_t max, void **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (max == 0)
		return TF_OK;
	int err = store_begin(s);
	if (err)
		return err;
	struct db_stmt *st = store_claim_stmt(s, c->mod, c->due, c->sql, c->table);
	if (st == NULL) {
		store_rollback(s);
		return TF_EDB;
	}
	store_bind_utc(st, 1, now_utc);
	db_bind_int64(st, 2, (int64_t)max);
	void *list = NULL;
	size_t len = 0;
	err = store_read_rows(s, a, st, max, c->size, c->read, &list, &len, NULL);
	if (err == TF_OK)
		len = store_claim_due(c, list, len, now_utc);
	err = store_claim_rows(s, err, c->mod, c->mark, c->sql, list, c->size, len, now_utc + lease_s);
	if (err)
		return err;
	*out = list;
	*n = len;
	return TF_OK;
}

int store_claim_rows(struct store *s, int err, enum store_module mod, int idx, const char *const *sql,
                     const int64_t *first_id, size_t stride, size_t n, int64_t lease_utc)
{
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		struct db_stmt *st = store_stmt(s, mod, idx, sql);
		if (st == NULL) {
			err = TF_EDB;
			break;
		}
		db_bind_int64(st, 1, *(const int64_t *)(const void *)((const char *)first_id + i * stride));
		store_bind_utc(st, 2, lease_utc);
		store_bind_now(st, 3);
		err = store_exec_stmt(s, st);
	}
	if (err) {
		store_rollback(s);
		return err;
	}
	return store_commit(s);
}

/* ROLLBACK outside a transaction (none begun, or SQLite ended it on an
 * error) fails harmlessly; its answer is not needed. */
void store_rollback(struct store *s)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_CORE, CORE_ROLLBACK, core_sql);
	if (st) {
		db_step(st);
		db_reset(st);
	}
	s->in_txn = false;
	store_end_durable(s);
}

int store_begin_durable(struct store *s)
{
	int err = store_rc(s, db_set_durable(s->db, true));
	if (err == TF_OK && (err = store_begin(s)) == TF_OK)
		s->durable = true;
	else
		db_set_durable(s->db, false);
	return err;
}


int store_health(struct store *s)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_CORE, CORE_HEALTH, core_sql);
	if (st == NULL)
		return TF_EDB;
	int rc = db_step(st);
	int err = rc == DB_ROW ? TF_OK : store_rc(s, rc);
	db_reset(st);
	return err;
}

/* Runs sql once with ?1 = version and ?2 = name (when not NULL); with
 * `count` it reads the first column of the row into *count. */
static int store_migration_stmt(struct store *s, const char *sql, int version, const char *name, int64_t *count)
{
	struct db_stmt *st;
	int rc = db_prepare(s->db, sql, &st);
	if (rc != DB_OK)
		return store_rc(s, rc);
	db_bind_int64(st, 1, version);
	if (name) {
		store_bind_text(st, 2, name);
		store_bind_now(st, 3);
	}
	rc = db_step(st);
	if (count && rc == DB_ROW)
		*count = db_column_int64(st, 0);
	db_finalize(st);
	if (count && rc != DB_ROW)
		return store_rc(s, rc == DB_DONE ? DB_ERROR : rc);
	return store_rc(s, rc);
}

/* Whether migration `version` is applied. Each is looked up by number, not
 * compared with the highest: a database that already has a later migration
 * (004) still gets one that came into the tree after it (003). */
static int store_migration_applied(struct store *s, int version, bool *applied)
{
	int64_t n = 0;
	int err = store_migration_stmt(s, "SELECT count(*) FROM schema_migrations WHERE version = ?1", version, NULL, &n);
	*applied = err == TF_OK && n > 0;
	return err;
}

int store_migrate(struct store *s, int *applied)
{
	int err = store_exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
	if (applied)
		*applied = 0;
	/* PostgreSQL has its own dialect of each migration (schema/pg/). */
	bool pg = db_dialect(s->db) == DB_POSTGRES;
	const struct schema_file *files = pg ? schema_migrations_pg : schema_migrations;
	int nfiles = pg ? schema_nmigrations_pg : schema_nmigrations;
	for (int i = 0; err == TF_OK && i < nfiles; i++) {
		const struct schema_file *m = &files[i];
		bool done;
		if ((err = store_begin(s)) != TF_OK)
			break;
		/* Two processes migrating at once take turns (SQLite: the write
		 * lock of BEGIN IMMEDIATE already). */
		err = store_lock(s, STORE_LOCK_MIGRATE, 0);
		if (err == TF_OK)
			err = store_migration_applied(s, m->version, &done);
		if (err == TF_OK && !done) {
			err = store_exec(s, m->sql);
			if (err == TF_OK)
				err = store_migration_stmt(s, "INSERT INTO schema_migrations (version, name, applied_at)"
				                              " VALUES (?1, ?2, ?3)", m->version, m->name, NULL);
			if (err == TF_OK) {
				log_info("migration applied", "name", m->name);
				if (applied)
					(*applied)++;
			}
		}
		if (err == TF_OK)
			err = store_commit(s);
		else
			store_rollback(s);
	}
	return err;
}
int store_seed_example(struct store *s)
{
	int err = TF_OK;
	for (int i = 0; err == TF_OK && i < schema_nseeds; i++) {
		if ((err = store_begin(s)) != TF_OK)
			break;
		err = store_exec(s, schema_seeds[i].sql);
		if (err == TF_OK)
			err = store_commit(s);
		else
			store_rollback(s);
		if (err == TF_OK)
			log_info("seed loaded", "name", schema_seeds[i].name);
	}
	return err;
}
