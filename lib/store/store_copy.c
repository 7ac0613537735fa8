/* store_copy.c: copying a whole database through the driver interface, table
 * by table in the order of the migrations (a row's references are copied
 * before it), ids included. The tables triggers fill (versions, CalDAV
 * queues) are emptied on the target after the copy of the others and then
 * copied as they were, so the target ends exactly like the source. */
#include "store_copy.h"
#include "store_int.h"
#include "db.h"
#include "err.h"
#include "schema_embed.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Every table, in the order the migrations create them. */
static const char *const copy_tables[] = {
	"studios", "studio_area_codes", "opening_hours", "closures", "leads", "lead_call_logs",
	"dialogflow_conversations", "appointments", "recordings", "sms_outbox", "callback_requests",
	"audit_log", "handoffs", "recording_starts", "admin_tokens", "webhook_replies", "studio_faq",
	"sms_inbound", "calendar_keys", "studio_caldav", "calendar_busy",
	/* filled by triggers while the tables above are copied: emptied, then copied */
	"studio_data_version", "caldav_writes", "caldav_deletes", "calendar_versions",
};
enum { COPY_NTABLES = sizeof(copy_tables) / sizeof(copy_tables[0]), COPY_FIRST_DERIVED = 21 };

/* Columns that name another row of their own table, which may come later
 * in id order (a studio's overflow studio): copied as NULL, then set once
 * every row of the table is there. */
static const struct { const char *table, *column; } copy_late[] = {
	{ "studios", "overflow_studio_id" },
	{ "appointments", "rescheduled_from" },
};

static const char *copy_late_column(const char *table)
{
	for (size_t i = 0; i < sizeof(copy_late) / sizeof(copy_late[0]); i++)
		if (strcmp(copy_late[i].table, table) == 0)
			return copy_late[i].column;
	return NULL;
}

#define COPY_MAX_COLUMNS 64
#define COPY_SQL_MAX 4096

static int copy_fail(char *err, size_t errn, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int copy_fail(char *err, size_t errn, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (err != NULL && errn > 0)
		vsnprintf(err, errn, fmt, ap);
	va_end(ap);
	return code;
}

/* The single integer a query answers; -1 on failure. */
static int64_t copy_scalar(struct db *db, const char *sql)
{
	struct db_stmt *st;
	if (db_prepare(db, sql, &st) != DB_OK)
		return -1;
	int64_t v = db_step(st) == DB_ROW ? db_column_int64(st, 0) : -1;
	db_finalize(st);
	return v;
}

static int64_t copy_count(struct db *db, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return copy_scalar(db, sql);
}

/* Binds column i of the source row to parameter i + 1 of the insert; the
 * table's late column (copy_late) binds NULL for now. */
static int copy_bind(struct db_stmt *src, struct db_stmt *ins, int i, const char *late)
{
	size_t n;
	const void *p;
	if (late != NULL && strcmp(db_column_name(src, i), late) == 0)
		return db_bind_null(ins, i + 1);
	switch (db_column_type(src, i)) {
	case DB_NULL:
		return db_bind_null(ins, i + 1);
	case DB_INTEGER:
		return db_bind_int64(ins, i + 1, db_column_int64(src, i));
	case DB_FLOAT:
		return db_bind_double(ins, i + 1, db_column_double(src, i));
	case DB_BLOB:
		p = db_column_blob(src, i, &n);
		return db_bind_blob(ins, i + 1, p, n);
	case DB_TEXT:
	default:
		p = db_column_text(src, i);
		return db_bind_text(ins, i + 1, p, strlen(p));
	}
}

/* "INSERT INTO t (a, b) VALUES (?1, ?2)" for the columns of src. */
static int copy_insert_sql(struct db_stmt *src, const char *table, char *sql, size_t n, int *ncols)
{
	int cols = db_column_count(src);
	if (cols <= 0 || cols > COPY_MAX_COLUMNS)
		return TF_EINVAL;
	size_t len = (size_t)snprintf(sql, n, "INSERT INTO %s (", table);
	for (int i = 0; i < cols && len < n; i++)
		len += (size_t)snprintf(sql + len, n - len, "%s%s", i ? ", " : "", db_column_name(src, i));
	if (len < n)
		len += (size_t)snprintf(sql + len, n - len, ") VALUES (");
	for (int i = 0; i < cols && len < n; i++)
		len += (size_t)snprintf(sql + len, n - len, "%s?%d", i ? ", " : "", i + 1);
	if (len < n)
		len += (size_t)snprintf(sql + len, n - len, ")");
	if (len >= n)
		return TF_ELIMIT;
	*ncols = cols;
	return TF_OK;
}

/* Sets the late column of the rows that have one, now that all are there. */
static int copy_late_values(struct db *from, struct db *to, const char *table, const char *column, char *err,
                            size_t errn)
{
	char sql[256];
	struct db_stmt *src = NULL, *upd = NULL;
	int rc, e = TF_OK;
	snprintf(sql, sizeof(sql), "SELECT id, %s FROM %s WHERE %s IS NOT NULL", column, table, column);
	if (db_prepare(from, sql, &src) != DB_OK)
		return copy_fail(err, errn, TF_EDB, "source: %s: %s", table, db_errmsg(from));
	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?2 WHERE id = ?1", table, column);
	if (db_prepare(to, sql, &upd) != DB_OK) {
		db_finalize(src);
		return copy_fail(err, errn, TF_EDB, "target: %s: %s", table, db_errmsg(to));
	}
	while (e == TF_OK && (rc = db_step(src)) == DB_ROW) {
		db_reset(upd);
		if (db_bind_int64(upd, 1, db_column_int64(src, 0)) != DB_OK ||
		    db_bind_int64(upd, 2, db_column_int64(src, 1)) != DB_OK || db_step(upd) != DB_DONE)
			e = copy_fail(err, errn, TF_EDB, "target: %s.%s: %s", table, column, db_errmsg(to));
	}
	if (e == TF_OK && rc != DB_DONE)
		e = copy_fail(err, errn, TF_EDB, "source: %s: %s", table, db_errmsg(from));
	db_finalize(upd);
	db_finalize(src);
	return e;
}

/* Copies every row of one table; *rows counts them. */
static int copy_table(struct db *from, struct db *to, const char *table, int64_t *rows, char *err, size_t errn)
{
	char sql[COPY_SQL_MAX];
	struct db_stmt *src = NULL, *ins = NULL;
	int rc, cols = 0, e = TF_OK;
	*rows = 0;
	snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY 1", table);
	if (db_prepare(from, sql, &src) != DB_OK)
		return copy_fail(err, errn, TF_EDB, "source: %s: %s", table, db_errmsg(from));
	while ((rc = db_step(src)) == DB_ROW) {
		if (ins == NULL) {
			if ((e = copy_insert_sql(src, table, sql, sizeof(sql), &cols)) != TF_OK) {
				copy_fail(err, errn, e, "%s: too many columns", table);
				break;
			}
			if (db_prepare(to, sql, &ins) != DB_OK) {
				e = copy_fail(err, errn, TF_EDB, "target: %s: %s", table, db_errmsg(to));
				break;
			}
		}
		db_reset(ins);
		for (int i = 0; i < cols && e == TF_OK; i++)
			if (copy_bind(src, ins, i, copy_late_column(table)) != DB_OK)
				e = copy_fail(err, errn, TF_EDB, "target: %s: %s", table, db_errmsg(to));
		if (e == TF_OK && db_step(ins) != DB_DONE)
			e = copy_fail(err, errn, TF_EDB, "target: %s row %" PRId64 ": %s", table, *rows + 1,
			              db_errmsg(to));
		if (e != TF_OK)
			break;
		(*rows)++;
	}
	if (e == TF_OK && rc != DB_DONE && rc != DB_ROW)
		e = copy_fail(err, errn, TF_EDB, "source: %s: %s", table, db_errmsg(from));
	db_finalize(ins);
	db_finalize(src);
	if (e == TF_OK && copy_late_column(table) != NULL)
		e = copy_late_values(from, to, table, copy_late_column(table), err, errn);
	return e;
}

/* PostgreSQL hands out ids from a sequence: each starts after the highest
 * id copied, so the next row the target makes does not collide. */
static int copy_restart_ids(struct db *to, char *err, size_t errn)
{
	if (db_dialect(to) != DB_POSTGRES)
		return TF_OK;   /* SQLite takes the next id from the rows themselves */
	struct db_stmt *cols;
	int e = TF_OK;
	if (db_prepare(to, "SELECT table_name, column_name FROM information_schema.columns"
	                   " WHERE table_schema = current_schema() AND is_identity = 'YES'", &cols) != DB_OK)
		return copy_fail(err, errn, TF_EDB, "target: %s", db_errmsg(to));
	/* Read first: the setval statements run on the same connection. */
	char names[COPY_NTABLES][2][64];
	int n = 0, rc;
	while ((rc = db_step(cols)) == DB_ROW && n < COPY_NTABLES) {
		snprintf(names[n][0], sizeof(names[n][0]), "%s", db_column_text(cols, 0));
		snprintf(names[n][1], sizeof(names[n][1]), "%s", db_column_text(cols, 1));
		n++;
	}
	db_finalize(cols);
	for (int i = 0; i < n && e == TF_OK; i++) {
		char sql[512];
		snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence('%.63s', '%.63s'), coalesce(max(%.63s), 0) + 1, false)"
		         " FROM %.63s", names[i][0], names[i][1], names[i][1], names[i][0]);
		if (copy_scalar(to, sql) < 0)
			e = copy_fail(err, errn, TF_EDB, "target: restarting the ids of %s: %s", names[i][0], db_errmsg(to));
	}
	return e;
}

/* The newest migration a database has applied; -1 when it has none. */
static int64_t copy_version(struct db *db)
{
	return copy_scalar(db, "SELECT coalesce(max(version), -1) FROM schema_migrations");
}

/* How many tables a database has beside schema_migrations. */
static int64_t copy_ntables(struct db *db)
{
	return copy_scalar(db, db_dialect(db) == DB_POSTGRES
	                           ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
	                             " AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'"
	                           : "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	                             " AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'");
}

static int copy_check(struct store *src, struct store *dst, char *err, size_t errn)
{
	int64_t want = copy_version(dst->db), have = copy_version(src->db);
	if (have != want)
		return copy_fail(err, errn, TF_EINVAL,
		                 "the source is at migration %" PRId64 ", this terminfon at %" PRId64
		                 ": run terminfon migrate on the source first", have, want);
	/* A table a migration added and this list does not name would be lost. */
	int64_t tables = copy_ntables(src->db);
	if (tables != COPY_NTABLES)
		return copy_fail(err, errn, TF_EINVAL, "the source has %" PRId64 " tables, copy-db knows %d", tables,
		                 (int)COPY_NTABLES);
	for (int i = 0; i < COPY_FIRST_DERIVED; i++) {
		int64_t n = copy_count(dst->db, copy_tables[i]);
		if (n != 0)
			return copy_fail(err, errn, TF_ECONFLICT, "the target is not empty: %s has %" PRId64 " rows",
			                 copy_tables[i], n);
	}
	return TF_OK;
}

static int copy_all(struct store *src, struct store *dst, FILE *out, char *err, size_t errn)
{
	int e = TF_OK;
	int64_t rows[COPY_NTABLES];
	for (int i = 0; i < COPY_NTABLES && e == TF_OK; i++) {
		if (i == COPY_FIRST_DERIVED) {
			/* what the triggers wrote while the tables above were copied */
			for (int k = i; k < COPY_NTABLES && e == TF_OK; k++) {
				char sql[96];
				snprintf(sql, sizeof(sql), "DELETE FROM %s", copy_tables[k]);
				if (db_exec(dst->db, sql) != DB_OK)
					e = copy_fail(err, errn, TF_EDB, "target: %s: %s", copy_tables[k], db_errmsg(dst->db));
			}
		}
		if (e == TF_OK)
			e = copy_table(src->db, dst->db, copy_tables[i], &rows[i], err, errn);
	}
	if (e == TF_OK)
		e = copy_restart_ids(dst->db, err, errn);
	for (int i = 0; i < COPY_NTABLES && e == TF_OK; i++) {
		int64_t a = copy_count(src->db, copy_tables[i]), b = copy_count(dst->db, copy_tables[i]);
		if (a < 0 || a != b || b != rows[i])
			e = copy_fail(err, errn, TF_EDB, "%s: %" PRId64 " rows in the source, %" PRId64 " in the target",
			              copy_tables[i], a, b);
		else if (out != NULL)
			fprintf(out, "%-26s %10" PRId64 "\n", copy_tables[i], b);
	}
	return e;
}

int store_copy(const char *from, const char *to, int busy_timeout_ms, FILE *out, char *err, size_t errn)
{
	struct store *src = NULL, *dst = NULL;
	int e;
	if (err != NULL && errn > 0)
		err[0] = '\0';
	if ((e = store_open(&src, from, NULL, busy_timeout_ms)) != TF_OK) {
		copy_fail(err, errn, e, "cannot open the source database");
		goto done;
	}
	if ((e = store_open(&dst, to, NULL, busy_timeout_ms)) != TF_OK) {
		copy_fail(err, errn, e, "cannot open the target database");
		goto done;
	}
	if ((e = store_migrate(dst, NULL)) != TF_OK) {
		copy_fail(err, errn, e, "cannot migrate the target: %s", store_errmsg(dst));
		goto done;
	}
	if ((e = copy_check(src, dst, err, errn)) != TF_OK)
		goto done;
	/* One transaction on each side: the source is read as of one moment, the
	 * target gets all or nothing. */
	if ((e = store_begin(src)) != TF_OK || (e = store_begin(dst)) != TF_OK) {
		copy_fail(err, errn, e, "cannot begin: %s", store_errmsg(src->in_txn ? dst : src));
		goto done;
	}
	e = copy_all(src, dst, out, err, errn);
	if (e == TF_OK)
		e = store_commit(dst);
	else
		store_rollback(dst);
	store_rollback(src);
done:
	store_close(dst);
	store_close(src);
	return e;
}
