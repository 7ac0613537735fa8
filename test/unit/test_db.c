/* test_db.c: unit tests of the SQLite driver through lib/store/db.h: binding,
 * stepping and reading every column type, NULLs and blobs, rows changed,
 * RETURNING id, transactions with a lock, and the mapping of errors, on a
 * database file under TMPDIR. */
#include "db.h"
#include "t.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[256], path[300];

static struct db *open_db(void)
{
	struct db *db = NULL;
	char err[256];
	int rc = db_open(path, 2000, &db, err, sizeof(err));
	T_EQ_INT(rc, DB_OK);
	if (rc != DB_OK)
		fprintf(stderr, "db_open: %s\n", err);
	return db;
}

static struct db_stmt *prep(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	T_EQ_INT(rc, DB_OK);
	if (rc != DB_OK)
		fprintf(stderr, "prepare %s: %s\n", sql, db_errmsg(db));
	return st;
}

static void test_target(void)
{
	T_OK(db_target_is_postgres("postgresql://u@h/db"));
	T_OK(db_target_is_postgres("postgres://h/db"));
	T_OK(!db_target_is_postgres("/var/lib/terminfon/terminfon.db"));
	T_OK(!db_target_is_postgres("postgresql.db"));
	T_OK(!db_target_is_postgres(NULL));
	/* This build's PostgreSQL driver may be missing: then it says so. */
	struct db *db = NULL;
	char err[256] = "";
	int rc = db_open("postgresql://127.0.0.1:1/none", 100, &db, err, sizeof(err));
	T_OK(rc != DB_OK);
	T_OK(db == NULL);
	T_OK(err[0] != '\0');
}

static void test_types(struct db *db)
{
	T_EQ_INT(db_dialect(db), DB_SQLITE);
	T_EQ_INT(db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, f REAL, s TEXT, b BLOB,"
	                     " u TEXT UNIQUE)"), DB_OK);
	struct db_stmt *ins = prep(db, "INSERT INTO t (i, f, s, b, u) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
	if (ins == NULL)
		return;
	T_EQ_INT(db_bind_int64(ins, 1, INT64_C(9007199254740993)), DB_OK);
	T_EQ_INT(db_bind_double(ins, 2, 2.5), DB_OK);
	T_EQ_INT(db_bind_text(ins, 3, "grüß dich!", 8), DB_OK);   /* the first 8 bytes: "grüß d" */
	const unsigned char blob[] = { 0, 1, 2, 0xff, 0 };
	T_EQ_INT(db_bind_blob(ins, 4, blob, sizeof(blob)), DB_OK);
	T_EQ_INT(db_bind_text(ins, 5, "one", 3), DB_OK);
	T_EQ_INT(db_step(ins), DB_ROW);
	int64_t first = db_column_int64(ins, 0);
	T_OK(first > 0);
	T_EQ_INT(db_step(ins), DB_DONE);
	T_EQ_INT(db_changes(db), 1);

	/* After a reset the bindings are gone: every column binds NULL. */
	db_reset(ins);
	T_EQ_INT(db_bind_blob(ins, 4, "", 0), DB_OK);     /* an empty blob, not NULL */
	T_EQ_INT(db_step(ins), DB_ROW);
	int64_t second = db_column_int64(ins, 0);
	T_EQ_INT(second, first + 1);
	db_reset(ins);

	struct db_stmt *sel = prep(db, "SELECT i, f, s, b, u, id FROM t WHERE id = ?1");
	if (sel == NULL)
		return;
	T_EQ_INT(db_column_count(sel), 6);
	T_EQ_STR(db_column_name(sel, 2), "s");
	db_bind_int64(sel, 1, first);
	T_EQ_INT(db_step(sel), DB_ROW);
	T_EQ_INT(db_column_type(sel, 0), DB_INTEGER);
	T_EQ_INT(db_column_int64(sel, 0), INT64_C(9007199254740993));
	T_EQ_INT(db_column_type(sel, 1), DB_FLOAT);
	T_OK(db_column_double(sel, 1) == 2.5);
	T_EQ_INT(db_column_type(sel, 2), DB_TEXT);
	T_EQ_STR(db_column_text(sel, 2), "grüß d");
	T_EQ_INT(db_column_type(sel, 3), DB_BLOB);
	size_t n = 0;
	const unsigned char *b = db_column_blob(sel, 3, &n);
	T_EQ_INT(n, sizeof(blob));
	T_OK(b != NULL && memcmp(b, blob, sizeof(blob)) == 0);
	T_EQ_STR(db_column_text(sel, 4), "one");
	T_EQ_INT(db_step(sel), DB_DONE);

	db_reset(sel);
	db_bind_int64(sel, 1, second);
	T_EQ_INT(db_step(sel), DB_ROW);
	T_EQ_INT(db_column_type(sel, 0), DB_NULL);
	T_EQ_INT(db_column_int64(sel, 0), 0);
	T_OK(db_column_text(sel, 2) == NULL);
	T_EQ_INT(db_column_type(sel, 3), DB_BLOB);
	n = 99;
	db_column_blob(sel, 3, &n);
	T_EQ_INT(n, 0);
	T_EQ_INT(db_column_type(sel, 4), DB_NULL);
	db_reset(sel);

	/* A boolean expression reads as 0 or 1. */
	struct db_stmt *yes = prep(db, "SELECT id IS NOT NULL, i IS NULL FROM t WHERE id = ?1");
	if (yes) {
		db_bind_int64(yes, 1, first);
		T_EQ_INT(db_step(yes), DB_ROW);
		T_EQ_INT(db_column_int(yes, 0), 1);
		T_EQ_INT(db_column_int(yes, 1), 0);
		db_finalize(yes);
	}

	/* Rows changed by an UPDATE; explicit NULL binding. */
	struct db_stmt *upd = prep(db, "UPDATE t SET s = ?1 WHERE id >= ?2");
	if (upd) {
		db_bind_null(upd, 1);
		db_bind_int64(upd, 2, first);
		T_EQ_INT(db_step(upd), DB_DONE);
		T_EQ_INT(db_changes(db), 2);
		db_finalize(upd);
	}

	/* A unique constraint refuses the second "one". */
	db_bind_text(ins, 5, "one", 3);
	T_EQ_INT(db_step(ins), DB_CONSTRAINT);
	db_reset(ins);
	/* ON CONFLICT DO NOTHING: no row comes back and none changed. */
	struct db_stmt *maybe = prep(db, "INSERT INTO t (u) VALUES (?1) ON CONFLICT DO NOTHING RETURNING id");
	if (maybe) {
		db_bind_text(maybe, 1, "one", 3);
		T_EQ_INT(db_step(maybe), DB_DONE);
		T_EQ_INT(db_changes(db), 0);
		db_finalize(maybe);
	}
	db_finalize(ins);
	db_finalize(sel);
}

static long long count_rows(struct db *db)
{
	struct db_stmt *st = prep(db, "SELECT count(*) FROM t");
	long long n = -1;
	if (st && db_step(st) == DB_ROW)
		n = db_column_int64(st, 0);
	db_finalize(st);
	return n;
}

static void test_transactions(struct db *db)
{
	long long before = count_rows(db);
	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(db_lock(db, (INT64_C(1) << 48) | 7), DB_OK);
	T_EQ_INT(db_exec(db, "INSERT INTO t (u) VALUES ('rolled back')"), DB_OK);
	T_EQ_INT(db_exec(db, "ROLLBACK"), DB_OK);
	T_EQ_INT(count_rows(db), before);

	/* Durability is chosen before the transaction begins. */
	T_EQ_INT(db_set_durable(db, true), DB_OK);
	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(db_exec(db, "INSERT INTO t (u) VALUES ('kept')"), DB_OK);
	T_EQ_INT(db_exec(db, "COMMIT"), DB_OK);
	T_EQ_INT(db_set_durable(db, false), DB_OK);
	T_EQ_INT(count_rows(db), before + 1);

	/* A second connection cannot begin while the first holds the write lock. */
	struct db *other = open_db();
	if (other == NULL)
		return;
	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(db_begin(other), DB_BUSY);
	T_EQ_INT(db_exec(db, "COMMIT"), DB_OK);
	T_EQ_INT(db_begin(other), DB_OK);
	T_EQ_INT(db_exec(other, "COMMIT"), DB_OK);
	db_close(other);
}

static void test_errors(struct db *db)
{
	struct db_stmt *st = NULL;
	T_EQ_INT(db_prepare(db, "SELECT nonsense FROM nowhere", &st), DB_ERROR);
	T_OK(st == NULL);
	T_OK(strlen(db_errmsg(db)) > 0);
	T_EQ_INT(db_exec(db, "CREATE TABLE p (id INTEGER PRIMARY KEY);"
	                     "CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER NOT NULL REFERENCES p(id))"), DB_OK);
	/* Foreign keys are on; a NOT NULL column refuses NULL. */
	T_EQ_INT(db_exec(db, "INSERT INTO c (p) VALUES (42)"), DB_CONSTRAINT);
	T_EQ_INT(db_exec(db, "INSERT INTO c (p) VALUES (NULL)"), DB_CONSTRAINT);
	T_EQ_INT(db_ping(db), DB_OK);
	int frames = -1;
	int rc = db_maintain(db, 1000000, &frames);
	T_OK(rc == DB_OK || rc == DB_BUSY);
	T_OK(frames >= 0);
	T_EQ_INT(db_defer_maintenance(db, 1000), DB_OK);
	T_EQ_INT(db_exec(db, "INSERT INTO p DEFAULT VALUES"), DB_OK);
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_db.XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/db.sqlite", dir);
	test_target();
	struct db *db = open_db();
	if (db) {
		test_types(db);
		test_transactions(db);
		test_errors(db);
		db_close(db);
	}
	char f[400];
	static const char *const suffix[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(f, sizeof(f), "%s%s", path, suffix[i]);
		unlink(f);
	}
	rmdir(dir);
	return t_done();
}
