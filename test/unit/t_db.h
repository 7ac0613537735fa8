/* t_db.h: the database a store test runs on, and reading it directly beside
 * the code under test through the store's driver interface (db.h). By default
 * a SQLite file in the test's temporary folder; with
 * TERMINFON_TEST_DATABASE_URL naming a PostgreSQL server
 * (postgresql:///postgres?host=/run/dir&user=terminfon) a fresh database of
 * the test's own there, dropped at the end. Include after t.h. */
#ifndef TERMINFON_T_DB_H
#define TERMINFON_T_DB_H

#include "db.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The PostgreSQL server of this run; NULL for SQLite. */
static inline const char *t_db_server(void)
{
	const char *url = getenv("TERMINFON_TEST_DATABASE_URL");
	return url && *url ? url : NULL;
}

static inline bool t_db_on_postgres(void)
{
	return t_db_server() != NULL;
}

/* url with its database name replaced by name, into out. */
static inline bool t_db_url_with(char *out, size_t n, const char *url, const char *name)
{
	const char *auth = strstr(url, "://");
	if (auth == NULL)
		return false;
	auth += 3;
	const char *path = auth + strcspn(auth, "/?");
	const char *rest = path + (*path == '/' ? strcspn(path, "?") : 0);
	int len = snprintf(out, n, "%.*s/%s%s", (int)(path - url), url, name, rest);
	return len > 0 && (size_t)len < n;
}

/* Runs sql on the server's own database (CREATE/DROP DATABASE). */
static inline bool t_db_server_exec(const char *sql)
{
	struct db *db = NULL;
	char err[256] = "";
	if (db_open(t_db_server(), 5000, &db, err, sizeof(err)) != DB_OK) {
		fprintf(stderr, "t_db: %s\n", err);
		return false;
	}
	int rc = db_exec(db, sql);
	if (rc != DB_OK)
		fprintf(stderr, "t_db: %s: %s\n", sql, db_errmsg(db));
	db_close(db);
	return rc == DB_OK;
}

/* Writes into out what store_open takes: dir/terminfon.db, or the URL of a
 * new, empty database on the server. False when it cannot be made. */
static inline bool t_db_target(char *out, size_t n, const char *dir)
{
	if (!t_db_on_postgres()) {
		int len = snprintf(out, n, "%s/terminfon.db", dir);
		return len > 0 && (size_t)len < n;
	}
	static unsigned seq;
	char name[64], sql[128];
	snprintf(name, sizeof(name), "t_%ld_%u", (long)getpid(), ++seq);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	return t_db_url_with(out, n, t_db_server(), name) && t_db_server_exec(sql);
}

/* Drops the database t_db_target made on the server (a SQLite file goes
 * with its folder). */
static inline void t_db_drop(const char *target)
{
	if (!db_target_is_postgres(target))
		return;
	const char *auth = strstr(target, "://") + 3;
	const char *name = auth + strcspn(auth, "/?");
	if (*name != '/')
		return;
	name++;
	char sql[160];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %.*s WITH (FORCE)", (int)strcspn(name, "?"), name);
	t_db_server_exec(sql);
}

/* A connection of the test's own to target; NULL (and a line) on failure. */
static inline struct db *t_db_open(const char *target)
{
	struct db *db = NULL;
	char err[256] = "";
	if (db_open(target, 5000, &db, err, sizeof(err)) != DB_OK)
		fprintf(stderr, "t_db_open: %s\n", err);
	return db;
}

/* What t_sql.h offers on a sqlite3 handle, on any database of db.h (a test
 * includes one of the two). Prepares sql and binds ?1 = p1 and ?2 = p2 (text;
 * NULL binds NULL) where the statement has them. */
static inline struct db_stmt *t_sql_prepare(struct db *db, const char *sql, int64_t p1, const char *p2)
{
	struct db_stmt *st;
	if (db_prepare(db, sql, &st) != DB_OK) {
		fprintf(stderr, "bad test SQL: %s: %s\n", sql, db_errmsg(db));
		return NULL;
	}
	if (strstr(sql, "?1"))
		db_bind_int64(st, 1, p1);
	if (strstr(sql, "?2"))
		p2 ? db_bind_text(st, 2, p2, strlen(p2)) : db_bind_null(st, 2);
	return st;
}

/* The first column of the first row as an integer; -1 when there is none. */
static inline long long t_q_int(struct db *db, const char *sql, int64_t p1, const char *p2)
{
	struct db_stmt *st = t_sql_prepare(db, sql, p1, p2);
	if (st == NULL)
		return -1;
	long long v = db_step(st) == DB_ROW ? (long long)db_column_int64(st, 0) : -1;
	db_finalize(st);
	return v;
}

/* The first column of the first row as text into out ("" when none). */
static inline const char *t_q_text(struct db *db, char *out, size_t n, const char *sql, int64_t p1)
{
	out[0] = '\0';
	struct db_stmt *st = t_sql_prepare(db, sql, p1, NULL);
	if (st == NULL)
		return out;
	if (db_step(st) == DB_ROW && db_column_text(st, 0) != NULL)
		snprintf(out, n, "%s", db_column_text(st, 0));
	db_finalize(st);
	return out;
}

/* Runs a script without rows; false (and a line) on failure. */
static inline bool t_db_exec(struct db *db, const char *sql)
{
	int rc = db_exec(db, sql);
	if (rc != DB_OK)
		fprintf(stderr, "test SQL failed: %s: %s\n", sql, db_errmsg(db));
	return rc == DB_OK;
}

#endif
