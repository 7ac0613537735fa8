/* db_sqlite.c: the SQLite driver of db.h. Everything the store knows about
 * SQLite lives here: how the file is opened and tuned, the busy handler,
 * checkpoints of the WAL (deferred in workers, done by db_maintain in the
 * background process), durability of a commit and the mapping of SQLite's
 * result codes to enum db_result. */
#include "db.h"
#include "clock.h"
#include "log.h"
#include "metrics.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A RESTART checkpoint holds the write lock while it waits for the readers of
 * the old WAL; writers wait at most this long meanwhile (see db_maintain). */
#define DB_SQLITE_RESTART_WAIT_MS 50

struct db_sqlite {
	struct db base;
	sqlite3 *h;
	int busy_timeout_ms;
	long long busy_started_us;
	int wal_safety, wal_seen, wal_next;     /* sq_wal_hook: step, frames last seen, next at */
	sqlite3_stmt *begin, *sync_full, *sync_normal, *ping;
};

struct db_sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
	struct db_sqlite *db;
};

static const struct db_driver db_sqlite_driver;

static struct db_sqlite *sq(struct db *db)
{
	return (struct db_sqlite *)(void *)db;
}

static struct db_sqlite_stmt *sqs(struct db_stmt *st)
{
	return (struct db_sqlite_stmt *)(void *)st;
}

/* SQLite's result codes (extended ones too) as enum db_result. */
static int sq_result(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	case SQLITE_NOMEM:
		return DB_NOMEM;
	case SQLITE_FULL:
		return DB_FULL;
	default:
		return DB_ERROR;
	}
}

/* SQLite's own busy handler sleeps in steps of up to 100 ms; several workers
 * writing at once then wait far longer than the lock is held. This one polls
 * in short, growing, jittered steps up to the timeout. */
static int sq_busy_handler(void *ctx, int count)
{
	struct db_sqlite *d = ctx;
	long long now = clock_mono_us();
	if (count == 0)
		d->busy_started_us = now;
	if (now - d->busy_started_us >= (long long)d->busy_timeout_ms * 1000)
		return 0;
	long step = 50L << (count < 6 ? count : 6);     /* 50 us .. 3.2 ms */
	step += rand() % (step / 2 + 1);
	usleep((useconds_t)step);
	return 1;
}

static void sq_set_busy_timeout(struct db_sqlite *d, int ms)
{
	d->busy_timeout_ms = ms;
#ifdef TERMINFON_SQLITE_BUSY_TIMEOUT
	/* SQLite's own handler, only for comparing strategies (scripts/bench --compare). */
	sqlite3_busy_timeout(d->h, ms);
	(void)sq_busy_handler;
#else
	sqlite3_busy_handler(d->h, sq_busy_handler, d);
#endif
}

/* Replaces SQLite's automatic checkpoint where maintenance is deferred
 * (db_defer_maintenance): a PASSIVE checkpoint once per wal_safety frames. */
static int sq_wal_hook(void *ctx, sqlite3 *h, const char *name, int frames)
{
	struct db_sqlite *d = ctx;
	if (frames < d->wal_seen || d->wal_next == 0)      /* the WAL restarted */
		d->wal_next = d->wal_safety;
	d->wal_seen = frames;
	if (frames >= d->wal_next) {
		d->wal_next = frames + d->wal_safety;
		metrics_inc(M_DB_WORKER_CHECKPOINTS);
		int rc = sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		if (rc != SQLITE_OK && rc != SQLITE_BUSY)
			log_warn("checkpoint failed", "sqlite", sqlite3_errstr(rc));
	}
	return SQLITE_OK;
}

static int sq_defer_maintenance(struct db *db, int safety_pages)
{
	struct db_sqlite *d = sq(db);
	d->wal_safety = safety_pages > 0 ? safety_pages : 1;
	d->wal_seen = 0;
	d->wal_next = d->wal_safety;
	sqlite3_wal_hook(d->h, sq_wal_hook, d);
	return DB_OK;
}

/* A RESTART checkpoint with a short busy wait instead of the usual: with the
 * full timeout a long reader (a backup, an operator's query) would hold every
 * webhook's write for seconds. The caller tries again later. */
static int sq_restart_wal(struct db_sqlite *d)
{
	int saved = d->busy_timeout_ms, log = 0, done = 0;
	sq_set_busy_timeout(d, DB_SQLITE_RESTART_WAIT_MS);
	int rc = sqlite3_wal_checkpoint_v2(d->h, NULL, SQLITE_CHECKPOINT_RESTART, &log, &done);
	sq_set_busy_timeout(d, saved);
	return rc;
}

/* PASSIVE copies what it can without waiting; at `pages` frames or more a
 * RESTART follows so that the next commit writes the WAL from its start. */
static int sq_maintain(struct db *db, int pages, int *done)
{
	struct db_sqlite *d = sq(db);
	int log = 0, copied = 0;
	int rc = sqlite3_wal_checkpoint_v2(d->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
	if (done)
		*done = log;
	if (rc == SQLITE_OK && log >= pages)
		rc = sq_restart_wal(d);
	return sq_result(rc);
}

static void sq_close(struct db *db)
{
	struct db_sqlite *d = sq(db);
	sqlite3_finalize(d->begin);
	sqlite3_finalize(d->sync_full);
	sqlite3_finalize(d->sync_normal);
	sqlite3_finalize(d->ping);
	sqlite3_close(d->h);
	free(d);
}

static const char *sq_errmsg(struct db *db)
{
	return sqlite3_errmsg(sq(db)->h);
}

static int sq_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(sq(db)->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK && msg != NULL)
		log_error("database error", "sqlite", msg);
	sqlite3_free(msg);
	return sq_result(rc);
}

static int sq_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	*out = NULL;
	struct db_sqlite_stmt *st = calloc(1, sizeof(*st));
	if (st == NULL)
		return DB_NOMEM;
	int rc = sqlite3_prepare_v3(sq(db)->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->h, NULL);
	if (rc != SQLITE_OK) {
		free(st);
		return sq_result(rc) == DB_OK ? DB_ERROR : sq_result(rc);
	}
	st->base.drv = &db_sqlite_driver;
	st->db = sq(db);
	*out = &st->base;
	return DB_OK;
}

static void sq_finalize(struct db_stmt *st)
{
	sqlite3_finalize(sqs(st)->h);
	free(st);
}

static void sq_reset(struct db_stmt *st)
{
	sqlite3_reset(sqs(st)->h);
	sqlite3_clear_bindings(sqs(st)->h);
}

static int sq_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	return sq_result(sqlite3_bind_int64(sqs(st)->h, i, (sqlite3_int64)v));
}

static int sq_bind_double(struct db_stmt *st, int i, double v)
{
	return sq_result(sqlite3_bind_double(sqs(st)->h, i, v));
}

static int sq_bind_text(struct db_stmt *st, int i, const char *v, size_t n)
{
	return sq_result(sqlite3_bind_text64(sqs(st)->h, i, v ? v : "", v ? n : 0, SQLITE_TRANSIENT, SQLITE_UTF8));
}

/* An empty blob stays a blob (SQLite binds a NULL pointer as SQL NULL). */
static int sq_bind_blob(struct db_stmt *st, int i, const void *v, size_t n)
{
	return sq_result(sqlite3_bind_blob64(sqs(st)->h, i, v && n ? v : "", v ? n : 0, SQLITE_TRANSIENT));
}

static int sq_bind_null(struct db_stmt *st, int i)
{
	return sq_result(sqlite3_bind_null(sqs(st)->h, i));
}

static int sq_step(struct db_stmt *st)
{
	return sq_result(sqlite3_step(sqs(st)->h));
}

static enum db_type sq_column_type(struct db_stmt *st, int i)
{
	switch (sqlite3_column_type(sqs(st)->h, i)) {
	case SQLITE_INTEGER:
		return DB_INTEGER;
	case SQLITE_FLOAT:
		return DB_FLOAT;
	case SQLITE_TEXT:
		return DB_TEXT;
	case SQLITE_BLOB:
		return DB_BLOB;
	default:
		return DB_NULL;
	}
}

static int64_t sq_column_int64(struct db_stmt *st, int i)
{
	return (int64_t)sqlite3_column_int64(sqs(st)->h, i);
}

static double sq_column_double(struct db_stmt *st, int i)
{
	return sqlite3_column_double(sqs(st)->h, i);
}

static const char *sq_column_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(sqs(st)->h, i);
}

static const void *sq_column_blob(struct db_stmt *st, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(sqs(st)->h, i);
	if (n)
		*n = (size_t)sqlite3_column_bytes(sqs(st)->h, i);
	return p;
}

static int sq_column_count(struct db_stmt *st)
{
	return sqlite3_column_count(sqs(st)->h);
}

static const char *sq_column_name(struct db_stmt *st, int i)
{
	return sqlite3_column_name(sqs(st)->h, i);
}

static int64_t sq_changes(struct db *db)
{
	return (int64_t)sqlite3_changes64(sq(db)->h);
}

/* Runs a cached statement of the connection without rows. */
static int sq_run(struct db_sqlite *d, sqlite3_stmt **st, const char *sql)
{
	if (*st == NULL) {
		int rc = sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
		if (rc != SQLITE_OK)
			return sq_result(rc) == DB_OK ? DB_ERROR : sq_result(rc);
	}
	int rc;
	while ((rc = sqlite3_step(*st)) == SQLITE_ROW)
		;
	sqlite3_reset(*st);
	rc = sq_result(rc);
	return rc == DB_DONE ? DB_OK : rc;
}

/* BEGIN IMMEDIATE: the write lock is taken now, so the transaction cannot
 * fail half-way on a lock upgrade. */
static int sq_begin(struct db *db)
{
	return sq_run(sq(db), &sq(db)->begin, "BEGIN IMMEDIATE");
}

/* The transaction holds SQLite's one write lock already (BEGIN IMMEDIATE). */
static int sq_lock(struct db *db, int64_t key)
{
	(void)db;
	(void)key;
	return DB_OK;
}

static int sq_set_durable(struct db *db, bool durable)
{
	struct db_sqlite *d = sq(db);
	if (durable)
		return sq_run(d, &d->sync_full, "PRAGMA synchronous=FULL");
	return sq_run(d, &d->sync_normal, "PRAGMA synchronous=NORMAL");
}

static int sq_ping(struct db *db)
{
	return sq_run(sq(db), &sq(db)->ping, "SELECT 1");
}

static const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.dialect = DB_SQLITE,
	.close = sq_close,
	.errmsg = sq_errmsg,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.bind_int64 = sq_bind_int64,
	.bind_double = sq_bind_double,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.column_type = sq_column_type,
	.column_int64 = sq_column_int64,
	.column_double = sq_column_double,
	.column_text = sq_column_text,
	.column_blob = sq_column_blob,
	.column_count = sq_column_count,
	.column_name = sq_column_name,
	.changes = sq_changes,
	.begin = sq_begin,
	.lock = sq_lock,
	.set_durable = sq_set_durable,
	.maintain = sq_maintain,
	.ping = sq_ping,
	.defer_maintenance = sq_defer_maintenance,
};

/* Testing only: TERMINFON_DB_MAX_PAGES caps this connection's database at that
 * many pages (PRAGMA max_page_count), so that the fault drills can make the
 * disk "full" for the workers alone. Unset, nothing changes. A pragma's
 * argument cannot be bound: the value is checked to be a plain whole number
 * before it is put into the text. */
static int sq_test_page_limit(struct db_sqlite *d, char *err, size_t errn)
{
	const char *v = getenv("TERMINFON_DB_MAX_PAGES");
	if (v == NULL || *v == '\0')
		return DB_OK;
	char *end;
	errno = 0;
	long pages = strtol(v, &end, 10);
	if (errno || *end != '\0' || pages < 1 || pages > 2147483647L) {
		if (err)
			snprintf(err, errn, "TERMINFON_DB_MAX_PAGES must be a whole number of pages: %s", v);
		return DB_ERROR;
	}
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count=%ld", pages);
	log_warn("database page limit set (testing only)", "pages", v);
	return sq_exec(&d->base, sql);
}

int db_sqlite_open(const char *path, int busy_timeout_ms, struct db **out, char *err, size_t errn)
{
	*out = NULL;
	if (err && errn)
		err[0] = '\0';
	struct db_sqlite *d = calloc(1, sizeof(*d));
	if (d == NULL)
		return DB_NOMEM;
	d->base.drv = &db_sqlite_driver;
	int rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (err)
			snprintf(err, errn, "%s", d->h ? sqlite3_errmsg(d->h) : sqlite3_errstr(rc));
		sq_close(&d->base);
		return DB_ERROR;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sq_set_busy_timeout(d, busy_timeout_ms);
	rc = sq_exec(&d->base, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
	                       "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-2000;"
	                       /* a WAL that grew under load shrinks back when it restarts */
	                       "PRAGMA journal_size_limit=67108864;");
	if (rc == DB_OK)
		rc = sq_test_page_limit(d, err, errn);
	if (rc != DB_OK) {
		if (err && errn && err[0] == '\0')
			snprintf(err, errn, "%s", sqlite3_errmsg(d->h));
		sq_close(&d->base);
		return rc;
	}
	*out = &d->base;
	return DB_OK;
}
