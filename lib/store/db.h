/* db.h: the driver interface below the store. The store_*.c files keep
 * their SQL and their functions; they reach a database only through these
 * calls, which SQLite (db_sqlite.c) and PostgreSQL (db_pg.c) each implement.
 * Nothing outside lib/store includes this header.
 *
 * The SQL the store writes is the common part of both dialects: parameters
 * as ?1, ?2, ... (a driver rewrites them to its own form), no engine's
 * functions of time (the program's clock is a bound parameter), ON CONFLICT
 * for upserts, RETURNING for new ids. Where the dialects cannot agree, the
 * store asks db_dialect() and keeps both texts side by side.
 *
 * Results follow one convention for every driver: a call answers DB_OK,
 * DB_ROW or DB_DONE, or one of the error codes; db_errmsg() says more. */
#ifndef TERMINFON_DB_H
#define TERMINFON_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_result {
	DB_OK = 0,
	DB_ROW,          /* db_step: a row is ready to read */
	DB_DONE,         /* db_step: no (more) rows */
	DB_ERROR,        /* a bug in the SQL or the data: logged, not retried */
	DB_BUSY,         /* another writer holds the lock past the busy timeout */
	DB_CONSTRAINT,   /* a unique, foreign key or check constraint refused it */
	DB_NOMEM,
	DB_LOST,         /* the server went away; the next call reconnects */
	DB_FULL,         /* the disk (or a configured size limit) is full */
};

enum db_dialect { DB_SQLITE, DB_POSTGRES };

/* Column types as db_column_type answers them. */
enum db_type { DB_NULL, DB_INTEGER, DB_FLOAT, DB_TEXT, DB_BLOB };

struct db;       /* one connection */
struct db_stmt;  /* one prepared statement of a connection */

struct db_driver {
	const char *name;
	enum db_dialect dialect;
	void (*close)(struct db *db);
	const char *(*errmsg)(struct db *db);
	/* Runs a script of one or more statements without parameters or rows
	 * (migrations, BEGIN, COMMIT, ROLLBACK). */
	int (*exec)(struct db *db, const char *sql);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
	void (*finalize)(struct db_stmt *st);
	/* Makes st ready to bind and step again; bindings are cleared. */
	void (*reset)(struct db_stmt *st);
	/* Parameters count from 1; text and blobs are copied. */
	int (*bind_int64)(struct db_stmt *st, int i, int64_t v);
	int (*bind_double)(struct db_stmt *st, int i, double v);
	int (*bind_text)(struct db_stmt *st, int i, const char *v, size_t n);
	int (*bind_blob)(struct db_stmt *st, int i, const void *v, size_t n);
	int (*bind_null)(struct db_stmt *st, int i);
	int (*step)(struct db_stmt *st);
	/* Columns count from 0 and are valid until the next step or reset.
	 * A boolean column reads as 0 or 1; text of NULL is NULL. */
	enum db_type (*column_type)(struct db_stmt *st, int i);
	int64_t (*column_int64)(struct db_stmt *st, int i);
	double (*column_double)(struct db_stmt *st, int i);
	const char *(*column_text)(struct db_stmt *st, int i);
	const void *(*column_blob)(struct db_stmt *st, int i, size_t *n);
	/* The statement's result columns and their names (copy-db reads whole
	 * tables with SELECT *). */
	int (*column_count)(struct db_stmt *st);
	const char *(*column_name)(struct db_stmt *st, int i);
	/* Rows changed by the last statement of this connection that wrote. */
	int64_t (*changes)(struct db *db);
	/* Starts a transaction that will write: SQLite takes the write lock
	 * at once (BEGIN IMMEDIATE), PostgreSQL begins READ COMMITTED. */
	int (*begin)(struct db *db);
	/* Within a transaction: waits for the named lock until the transaction
	 * ends (SQLite holds the one write lock already; PostgreSQL takes an
	 * advisory transaction lock of the key). */
	int (*lock)(struct db *db, int64_t key);
	/* Whether a crash right after the next commit may lose it (false for
	 * the commit of a booking and its SMS: durable on disk before the
	 * caller hears it). SQLite: synchronous FULL/NORMAL, which it refuses
	 * to change inside a transaction: called before begin and after the
	 * commit or rollback; PostgreSQL commits durably anyway. */
	int (*set_durable)(struct db *db, bool durable);
	/* Housekeeping between requests (SQLite: a checkpoint of the WAL of at
	 * least `pages` frames, PostgreSQL: nothing the server does not do). */
	int (*maintain)(struct db *db, int pages, int *done);
	/* A cheap round trip that proves the connection works. */
	int (*ping)(struct db *db);
	/* Optional (NULL: nothing to defer). This connection serves requests and
	 * leaves housekeeping to another process's db_maintain; it does some
	 * itself only as a safety net, once per safety_pages new pages (SQLite:
	 * a PASSIVE checkpoint from a WAL hook instead of the automatic one). */
	int (*defer_maintenance)(struct db *db, int safety_pages);
};

/* Every driver's connection and statement start with their driver. */
struct db {
	const struct db_driver *drv;
};
struct db_stmt {
	const struct db_driver *drv;
};

/* Opens a connection: "postgresql://..." or "postgres://..." (libpq's URI)
 * with PostgreSQL, else a path of a SQLite file. busy_timeout_ms bounds a
 * wait for another writer. On failure *out is NULL and err (when not NULL)
 * holds one line that names the reason. */
int db_open(const char *target, int busy_timeout_ms, struct db **out, char *err, size_t errn);
/* Whether target names a PostgreSQL server. */
bool db_target_is_postgres(const char *target);

static inline void db_close(struct db *db) { if (db != NULL) db->drv->close(db); }
static inline enum db_dialect db_dialect(const struct db *db) { return db->drv->dialect; }
static inline const char *db_errmsg(struct db *db) { return db->drv->errmsg(db); }
static inline int db_exec(struct db *db, const char *sql) { return db->drv->exec(db, sql); }
static inline int db_prepare(struct db *db, const char *sql, struct db_stmt **out) { return db->drv->prepare(db, sql, out); }
static inline void db_finalize(struct db_stmt *st) { if (st != NULL) st->drv->finalize(st); }
static inline void db_reset(struct db_stmt *st) { st->drv->reset(st); }
static inline int db_bind_int64(struct db_stmt *st, int i, int64_t v) { return st->drv->bind_int64(st, i, v); }
static inline int db_bind_double(struct db_stmt *st, int i, double v) { return st->drv->bind_double(st, i, v); }
static inline int db_bind_text(struct db_stmt *st, int i, const char *v, size_t n) { return st->drv->bind_text(st, i, v, n); }
static inline int db_bind_blob(struct db_stmt *st, int i, const void *v, size_t n) { return st->drv->bind_blob(st, i, v, n); }
static inline int db_bind_null(struct db_stmt *st, int i) { return st->drv->bind_null(st, i); }
static inline int db_step(struct db_stmt *st) { return st->drv->step(st); }
static inline enum db_type db_column_type(struct db_stmt *st, int i) { return st->drv->column_type(st, i); }
static inline int64_t db_column_int64(struct db_stmt *st, int i) { return st->drv->column_int64(st, i); }
static inline int db_column_int(struct db_stmt *st, int i) { return (int)st->drv->column_int64(st, i); }
static inline double db_column_double(struct db_stmt *st, int i) { return st->drv->column_double(st, i); }
static inline const char *db_column_text(struct db_stmt *st, int i) { return st->drv->column_text(st, i); }
static inline const void *db_column_blob(struct db_stmt *st, int i, size_t *n) { return st->drv->column_blob(st, i, n); }
static inline int db_column_count(struct db_stmt *st) { return st->drv->column_count(st); }
static inline const char *db_column_name(struct db_stmt *st, int i) { return st->drv->column_name(st, i); }
static inline int64_t db_changes(struct db *db) { return db->drv->changes(db); }
static inline int db_begin(struct db *db) { return db->drv->begin(db); }
static inline int db_lock(struct db *db, int64_t key) { return db->drv->lock(db, key); }
static inline int db_set_durable(struct db *db, bool durable) { return db->drv->set_durable(db, durable); }
static inline int db_maintain(struct db *db, int pages, int *done) { return db->drv->maintain(db, pages, done); }
static inline int db_ping(struct db *db) { return db->drv->ping(db); }
static inline int db_defer_maintenance(struct db *db, int safety_pages)
{
	return db->drv->defer_maintenance ? db->drv->defer_maintenance(db, safety_pages) : DB_OK;
}

/* The drivers (db_sqlite.c, db_pg.c); db_open picks one. */
int db_sqlite_open(const char *path, int busy_timeout_ms, struct db **out, char *err, size_t errn);
int db_pg_open(const char *url, int busy_timeout_ms, struct db **out, char *err, size_t errn);

#endif
