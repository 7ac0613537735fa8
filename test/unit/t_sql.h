/* t_sql.h: reading a test database directly, beside the code under test.
 * Include after t.h. */
#ifndef TERMINFON_T_SQL_H
#define TERMINFON_T_SQL_H

#include <sqlite3.h>

#include <stdint.h>
#include <stdio.h>

/* Prepares sql and binds ?1 = p1 and ?2 = p2 where the statement has them. */
static inline sqlite3_stmt *t_sql_prepare(sqlite3 *db, const char *sql, int64_t p1, const char *p2)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bad test SQL: %s: %s\n", sql, sqlite3_errmsg(db));
		return NULL;
	}
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, p1);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_text(st, 2, p2, -1, SQLITE_TRANSIENT);
	return st;
}

/* The first column of the first row as an integer; -1 when there is none. */
static inline long long t_q_int(sqlite3 *db, const char *sql, int64_t p1, const char *p2)
{
	sqlite3_stmt *st = t_sql_prepare(db, sql, p1, p2);
	if (st == NULL)
		return -1;
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

/* The first column of the first row as text into out ("" when none). */
static inline const char *t_q_text(sqlite3 *db, char *out, size_t n, const char *sql, int64_t p1)
{
	out[0] = '\0';
	sqlite3_stmt *st = t_sql_prepare(db, sql, p1, NULL);
	if (st == NULL)
		return out;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

#endif
