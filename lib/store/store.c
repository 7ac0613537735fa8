/* store.c: the SQLite connection, statement cache, transactions and migrations. */
#include "store_int.h"
#include "clock.h"
#include "crypto.h"
#include "err.h"
#include "tf_limits.h"
#include "log.h"
#include "metrics.h"
#include "schema_embed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* SQLite's own busy handler sleeps in steps of up to 100 ms; several workers
 * writing at once then wait far longer than the lock is held. This one polls
 * in short, growing, jittered steps up to the timeout. */
static int store_busy_handler(void *ctx, int count)
{
	struct store *s = ctx;
	long long now = clock_mono_us();
	if (count == 0)
		s->busy_started_us = now;
	if (now - s->busy_started_us >= (long long)s->busy_timeout_ms * 1000)
		return 0;
	long step = 50L << (count < 6 ? count : 6);     /* 50 us .. 3.2 ms */
	step += rand() % (step / 2 + 1);
	usleep((useconds_t)step);
	return 1;
}

/* Replaces SQLite's automatic checkpoint in workers (store_defer_checkpoints). */
static int store_wal_hook(void *ctx, sqlite3 *db, const char *name, int frames)
{
	struct store *s = ctx;
	if (frames < s->wal_seen || s->wal_next == 0)      /* the WAL restarted */
		s->wal_next = s->wal_safety;
	s->wal_seen = frames;
	if (frames >= s->wal_next) {
		s->wal_next = frames + s->wal_safety;
		metrics_inc(M_DB_WORKER_CHECKPOINTS);
		int rc = sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		if (rc != SQLITE_OK && rc != SQLITE_BUSY)
			log_warn("checkpoint failed", "sqlite", sqlite3_errstr(rc));
	}
	return SQLITE_OK;
}

void store_defer_checkpoints(struct store *s, int safety_frames)
{
	s->wal_safety = safety_frames > 0 ? safety_frames : STORE_WAL_SAFETY_FRAMES;
	s->wal_seen = 0;
	s->wal_next = s->wal_safety;
	sqlite3_wal_hook(s->db, store_wal_hook, s);
}

/* A RESTART checkpoint holds the write lock while it waits for the readers
 * of the old WAL: with SQLite's busy timeout a long reader (a backup, an
 * operator's query) would hold every webhook's write for seconds. It gets
 * STORE_RESTART_WAIT_MS instead; the caller tries again later. */
static int store_restart_wal(struct store *s)
{
	int saved = s->busy_timeout_ms, log = 0, done = 0;
	s->busy_timeout_ms = STORE_RESTART_WAIT_MS;
#ifdef TERMINFON_SQLITE_BUSY_TIMEOUT
	sqlite3_busy_timeout(s->db, STORE_RESTART_WAIT_MS);
#endif
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_RESTART, &log, &done);
	s->busy_timeout_ms = saved;
#ifdef TERMINFON_SQLITE_BUSY_TIMEOUT
	sqlite3_busy_timeout(s->db, saved);
#endif
	return rc;
}

int store_checkpoint(struct store *s, int restart_frames, int *frames)
{
	int log = 0, done = 0;
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
	if (frames)
		*frames = log;
	if (rc == SQLITE_OK && log >= restart_frames)
		rc = store_restart_wal(s);
	if (rc == SQLITE_BUSY)
		return TF_EBUSY;        /* a reader or an outside writer: a later round */
	return store_rc(s, rc);
}

int store_rc(struct store *s, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return TF_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		metrics_inc(M_DB_BUSY);
		return TF_EBUSY;
	case SQLITE_FULL:
		metrics_inc(M_DB_ERRORS);
		return TF_EFULL;
	case SQLITE_NOMEM:
		return TF_ENOMEM;
	case SQLITE_CONSTRAINT:
		return TF_ECONFLICT;
	default:
		metrics_inc(M_DB_ERRORS);
		log_error("database error", "sqlite", s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		return TF_EDB;
	}
}

const char *store_errmsg(struct store *s)
{
	return s && s->db ? sqlite3_errmsg(s->db) : "no database";
}

sqlite3_stmt *store_stmt(struct store *s, enum store_module mod, int idx, const char *const *sql)
{
	sqlite3_stmt **slot = &s->stmts[mod][idx];
	if (*slot == NULL) {
		int rc = sqlite3_prepare_v3(s->db, sql[idx], -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);
		if (rc != SQLITE_OK) {
			log_error("cannot prepare statement", "sqlite", sqlite3_errmsg(s->db), "sql", sql[idx]);
			*slot = NULL;
			return NULL;
		}
	} else {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
	}
	return *slot;
}

int store_exec_stmt(struct store *s, sqlite3_stmt *st)
{
	if (st == NULL)
		return TF_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	int err = store_rc(s, rc);
	sqlite3_reset(st);
	return err;
}

int store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	int rc = v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
	return rc == SQLITE_OK ? TF_OK : TF_EDB;
}

int store_bind_sealed(struct store *s, sqlite3_stmt *st, int i, const char *v, const char *aad)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i) == SQLITE_OK ? TF_OK : TF_EDB;
	buf_reset(&s->scratch);
	int err = crypto_seal(s->crypto, v, strlen(v), aad, &s->scratch);
	if (err)
		return err;
	return sqlite3_bind_blob(st, i, s->scratch.data, (int)s->scratch.len, SQLITE_TRANSIENT) == SQLITE_OK ? TF_OK : TF_EDB;
}

const char *store_col_text(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (t == NULL)
		return NULL;
	return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

int store_col_sealed(struct store *s, struct arena *a, sqlite3_stmt *st, int i, const char *aad, const char **out)
{
	*out = NULL;
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return TF_OK;
	const void *blob = sqlite3_column_blob(st, i);
	int n = sqlite3_column_bytes(st, i);
	buf_reset(&s->scratch);
	int err = crypto_open(s->crypto, blob, (size_t)n, aad, &s->scratch);
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

int store_bind_utc(sqlite3_stmt *st, int i, int64_t utc)
{
	char text[20];
	store_format_utc(utc, text);
	return store_bind_text(st, i, text);
}

int store_col_appointment(struct arena *a, sqlite3_stmt *st, struct store_appointment *ap)
{
	memset(ap, 0, sizeof(*ap));
	ap->id = sqlite3_column_int64(st, 0);
	ap->lead_id = sqlite3_column_int64(st, 1);
	ap->studio_id = sqlite3_column_int64(st, 2);
	if (!store_parse_utc((const char *)sqlite3_column_text(st, 3), &ap->start_utc) ||
	    !store_parse_utc((const char *)sqlite3_column_text(st, 4), &ap->end_utc))
		return TF_EDB;
	ap->status = store_col_text(a, st, 5);
	ap->source = store_col_text(a, st, 6);
	ap->call_sid = store_col_text(a, st, 7);
	ap->rescheduled_from = sqlite3_column_int64(st, 8);
	return ap->status && ap->source ? TF_OK : TF_ENOMEM;
}

static int store_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK && msg != NULL)
		log_error("database error", "sqlite", msg);
	sqlite3_free(msg);
	return store_rc(s, rc);
}

/* Testing only: TERMINFON_DB_MAX_PAGES caps this connection's database at that
 * many pages (PRAGMA max_page_count), so that the fault drills can make the
 * disk "full" for the workers alone. Unset, nothing changes. A pragma's
 * argument cannot be bound: the value is checked to be a plain whole number
 * before it is put into the text. */
static int store_test_page_limit(struct store *s)
{
	const char *v = getenv("TERMINFON_DB_MAX_PAGES");
	if (v == NULL || *v == '\0')
		return TF_OK;
	char *end;
	errno = 0;
	long pages = strtol(v, &end, 10);
	if (errno || *end != '\0' || pages < 1 || pages > 2147483647L) {
		log_error("TERMINFON_DB_MAX_PAGES must be a whole number of pages", "value", v);
		return TF_ECONFIG;
	}
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count=%ld", pages);
	log_warn("database page limit set (testing only)", "pages", v);
	return store_exec(s, sql);
}

int store_open(struct store **out, const char *path, const struct crypto *crypto, int busy_timeout_ms)
{
	*out = NULL;
	struct store *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return TF_ENOMEM;
	s->crypto = crypto;
	s->busy_timeout_ms = busy_timeout_ms;
	buf_init(&s->scratch, TF_MAX_UPSTREAM_BODY);
	int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		log_error("cannot open database", "path", path, "sqlite", s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		store_close(s);
		return TF_EDB;
	}
	sqlite3_extended_result_codes(s->db, 1);
#ifdef TERMINFON_SQLITE_BUSY_TIMEOUT
	/* SQLite's own handler, only for comparing strategies (scripts/bench --compare). */
	sqlite3_busy_timeout(s->db, busy_timeout_ms);
	(void)store_busy_handler;
#else
	sqlite3_busy_handler(s->db, store_busy_handler, s);
#endif
	int err = store_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
	                        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-2000;"
	                        /* a WAL that grew under load shrinks back when it restarts */
	                        "PRAGMA journal_size_limit=67108864;");
	if (err == TF_OK)
		err = store_test_page_limit(s);
	if (err) {
		store_close(s);
		return err;
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
			sqlite3_finalize(s->stmts[m][i]);
	store_studios_free(s);
	sqlite3_close(s->db);
	buf_free(&s->scratch);
	free(s);
}

enum { CORE_BEGIN, CORE_COMMIT, CORE_ROLLBACK, CORE_HEALTH, CORE_SYNC_FULL, CORE_SYNC_NORMAL, CORE__N };
static const char *const core_sql[CORE__N] = {
	[CORE_BEGIN] = "BEGIN IMMEDIATE",
	[CORE_COMMIT] = "COMMIT",
	[CORE_ROLLBACK] = "ROLLBACK",
	[CORE_HEALTH] = "SELECT count(*) FROM schema_migrations",
	[CORE_SYNC_FULL] = "PRAGMA synchronous=FULL",
	[CORE_SYNC_NORMAL] = "PRAGMA synchronous=NORMAL",
};

int store_begin(struct store *s)
{
	int err = store_exec_stmt(s, store_stmt(s, STORE_MOD_CORE, CORE_BEGIN, core_sql));
	if (err == TF_OK)
		s->in_txn = true;
	return err;
}

int store_commit(struct store *s)
{
	int err = store_exec_stmt(s, store_stmt(s, STORE_MOD_CORE, CORE_COMMIT, core_sql));
	if (err)
		store_rollback(s);
	s->in_txn = false;
	return err;
}

int store_read_rows(struct store *s, struct arena *a, sqlite3_stmt *st, size_t limit, size_t size,
                    store_row_reader read, void **out, size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	if (more)
		*more = false;
	char *list = NULL;
	size_t len = 0, cap = 0;
	int rc, err = TF_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
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
	if (err == TF_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = store_rc(s, rc);
	sqlite3_reset(st);
	if (err == TF_OK) {
		*out = list;
		*n = len;
	}
	return err;
}

int store_row_appointment(struct store *s, struct arena *a, sqlite3_stmt *st, void *row)
{
	(void)s;
	int err = store_col_appointment(a, st, row);
	return err == TF_EDB ? STORE_ROW_SKIP : err;
}

int store_exec_count(struct store *s, sqlite3_stmt *st, int *n)
{
	int err = store_exec_stmt(s, st);
	if (n)
		*n = err ? 0 : sqlite3_changes(s->db);
	return err;
}

int store_step_one(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return TF_OK;
	return rc == SQLITE_DONE ? TF_ENOTFOUND : store_rc(s, rc);
}

int store_claim_begin(struct store *s, struct arena *a, enum store_module mod, int idx, const char *const *sql,
                      int64_t now_utc, size_t max, size_t size, void **list, sqlite3_stmt **st)
{
	*list = arena_alloc(a, max * size);
	if (*list == NULL)
		return TF_ENOMEM;
	int err = store_begin(s);
	if (err)
		return err;
	*st = store_stmt(s, mod, idx, sql);
	if (*st == NULL) {
		store_rollback(s);
		return TF_EDB;
	}
	store_bind_utc(*st, 1, now_utc);
	sqlite3_bind_int64(*st, 2, (sqlite3_int64)max);
	return TF_OK;
}

int store_claim_rows(struct store *s, int err, enum store_module mod, int idx, const char *const *sql,
                     const int64_t *first_id, size_t stride, size_t n, int64_t lease_utc)
{
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		sqlite3_stmt *st = store_stmt(s, mod, idx, sql);
		if (st == NULL) {
			err = TF_EDB;
			break;
		}
		sqlite3_bind_int64(st, 1, *(const int64_t *)(const void *)((const char *)first_id + i * stride));
		store_bind_utc(st, 2, lease_utc);
		err = store_exec_stmt(s, st);
	}
	if (err) {
		store_rollback(s);
		return err;
	}
	return store_commit(s);
}

void store_rollback(struct store *s)
{
	if (sqlite3_get_autocommit(s->db) == 0) {
		sqlite3_stmt *st = store_stmt(s, STORE_MOD_CORE, CORE_ROLLBACK, core_sql);
		if (st) {
			sqlite3_step(st);
			sqlite3_reset(st);
		}
	}
	s->in_txn = false;
}

int store_set_durable(struct store *s, bool durable)
{
	return store_exec_stmt(s, store_stmt(s, STORE_MOD_CORE, durable ? CORE_SYNC_FULL : CORE_SYNC_NORMAL, core_sql));
}

int store_health(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_CORE, CORE_HEALTH, core_sql);
	if (st == NULL)
		return TF_EDB;
	int rc = sqlite3_step(st);
	int err = rc == SQLITE_ROW ? TF_OK : store_rc(s, rc);
	sqlite3_reset(st);
	return err;
}

/* Whether migration `version` is applied. Each is looked up by number, not
 * compared with the highest: a database that already has a later migration
 * (004) still gets one that came into the tree after it (003). */
static int store_migration_applied(struct store *s, int version, bool *applied)
{
	sqlite3_stmt *st;
	*applied = false;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM schema_migrations WHERE version = ?", -1, &st, NULL) != SQLITE_OK)
		return store_rc(s, sqlite3_errcode(s->db));
	sqlite3_bind_int(st, 1, version);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*applied = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? TF_OK : store_rc(s, rc);
}

int store_migrate(struct store *s, int *applied)
{
	int err = store_exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                        " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	                        " applied_at TEXT NOT NULL DEFAULT (datetime('now')))");
	if (applied)
		*applied = 0;
	for (int i = 0; err == TF_OK && i < schema_nmigrations; i++) {
		const struct schema_file *m = &schema_migrations[i];
		bool done;
		if ((err = store_begin(s)) != TF_OK)
			break;
		err = store_migration_applied(s, m->version, &done);
		if (err == TF_OK && !done) {
			err = store_exec(s, m->sql);
			if (err == TF_OK) {
				sqlite3_stmt *st;
				if (sqlite3_prepare_v2(s->db, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK) {
					err = store_rc(s, sqlite3_errcode(s->db));
				} else {
					sqlite3_bind_int(st, 1, m->version);
					sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
					err = store_rc(s, sqlite3_step(st));
					sqlite3_finalize(st);
				}
			}
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
