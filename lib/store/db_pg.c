/* db_pg.c: the PostgreSQL driver of db.h, on libpq.
 *
 * Statements keep their SQL text, rewritten once from ?N to $N, and run with
 * PQexecParams as unnamed statements: one round trip each, no state on the
 * server, so they work through PgBouncer in transaction mode and survive a
 * reconnect untouched. TERMINFON_PG_PREPARE=1 prepares named statements
 * instead (parsed and planned once per connection; not through a pooler in
 * transaction mode); they are prepared again after a reconnect.
 *
 * Parameters go as text of unknown type (the server infers it from the
 * statement), blobs as binary bytea; results come as text. A lost connection
 * answers DB_LOST for the call in hand, and the next call connects again.
 * When the loss took a transaction with it, every call but ROLLBACK and
 * BEGIN answers DB_LOST until the caller rolls back, so a COMMIT never
 * reports a transaction that is gone as written.
 *
 * busy_timeout_ms becomes lock_timeout (set for the session, and again with
 * SET LOCAL by begin, for a pooler that hands sessions around): any wait for
 * a lock, advisory or of a row, ends in DB_BUSY after it, as SQLite's busy
 * timeout does. statement_timeout is left to the server's configuration, so
 * a long migration or report is not cancelled; when it fires it is DB_BUSY.
 *
 * Commits are durable when the store asks (db_set_durable before the
 * booking's transaction: synchronous_commit on), and otherwise not waited
 * for on disk (synchronous_commit off: a crash of the server may lose the
 * last fraction of a second of them, never half of one), which is what
 * SQLite's synchronous=NORMAL in WAL mode gives the same store.
 *
 * A parameter's type comes from its first use in the statement: write an
 * optional filter as (col = ?1 OR ?1 IS NULL), not (?1 IS NULL OR col = ?1),
 * which the server cannot type. */
#include "db.h"

#include <libpq-fe.h>

#include <ctype.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Type OIDs of pg_type.h (catalog/pg_type_d.h is a server header). */
enum {
	PG_BOOLOID = 16, PG_BYTEAOID = 17, PG_INT8OID = 20, PG_INT2OID = 21, PG_INT4OID = 23,
	PG_TEXTOID = 25, PG_OIDOID = 26, PG_FLOAT4OID = 700, PG_FLOAT8OID = 701, PG_NUMERICOID = 1700,
};

#define PG_MAX_PARAMS 65535
#define PG_ERRMSG_MAX 512

struct pg_db {
	struct db base;
	PGconn *conn;
	int busy_timeout_ms;
	bool named;             /* TERMINFON_PG_PREPARE=1 */
	bool durable;           /* the next transaction's commit waits for the disk */
	bool reset_needed;      /* the connection broke: reconnect before the next call */
	bool txn_lost;          /* it broke inside a transaction: DB_LOST until ROLLBACK */
	unsigned generation;    /* counts connections; named statements of older ones are gone */
	unsigned next_name;
	int64_t changes;
	char errmsg[PG_ERRMSG_MAX];
};

struct pg_stmt {
	struct db_stmt base;
	struct pg_db *db;
	char *sql;              /* with $N */
	int nparams;
	char **values;          /* nparams; NULL binds NULL */
	int *lengths;
	int *formats;
	Oid *types;
	bool *unused;           /* numbers below the highest that the SQL never names */
	char name[24];          /* named statements only */
	unsigned prepared_in;   /* generation it was prepared in; 0: not yet */
	PGresult *res;
	int row, nrows;
	bool executed;
	struct pg_blob {        /* column_blob's decoded bytes of the current row */
		unsigned char *bytes;
		size_t n;
	} *blobs;
	int nblobs;
};

static const struct db_driver pg_driver;

/* ---- errors ---- */

static void pg_set_err(struct pg_db *db, const char *msg)
{
	if (msg == NULL || *msg == '\0')
		msg = "unknown PostgreSQL error";
	snprintf(db->errmsg, sizeof(db->errmsg), "%s", msg);
	size_t n = strlen(db->errmsg);
	while (n > 0 && (db->errmsg[n - 1] == '\n' || db->errmsg[n - 1] == ' '))
		db->errmsg[--n] = '\0';
	for (char *p = db->errmsg; *p; p++)   /* one line */
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

/* Whether SQLSTATE `state` says the session is gone. */
static bool pg_state_lost(const char *state)
{
	return strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
	       strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0;
}

static int pg_map_state(const char *state)
{
	if (strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	if (strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0 ||
	    strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
		return DB_BUSY;
	if (strcmp(state, "53100") == 0)
		return DB_FULL;
	if (strcmp(state, "53200") == 0)
		return DB_NOMEM;
	if (strcmp(state, "53300") == 0)
		return DB_BUSY;         /* too many connections */
	if (pg_state_lost(state))
		return DB_LOST;
	return DB_ERROR;
}

/* The connection is gone: the call in hand answers DB_LOST; a transaction
 * open at the time (was_txn) is lost with it. */
static int pg_lost(struct pg_db *db, bool was_txn)
{
	db->reset_needed = true;
	if (was_txn)
		db->txn_lost = true;
	return DB_LOST;
}

/* Maps a finished result (or its absence) to a db_result; takes res. */
static int pg_result_rc(struct pg_db *db, PGresult *res, bool was_txn)
{
	ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY)
		return DB_OK;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	pg_set_err(db, res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res) : PQerrorMessage(db->conn));
	if (PQstatus(db->conn) == CONNECTION_BAD || (state && pg_state_lost(state)))
		return pg_lost(db, was_txn);
	if (state == NULL)
		return res == NULL ? DB_NOMEM : DB_ERROR;
	return pg_map_state(state);
}

/* ---- the connection ---- */

static void pg_notice_quiet(void *arg, const char *message)
{
	/* "there is no transaction in progress", "... already exists, skipping":
	 * the store's own logs say what matters. */
}

/* Session settings, sent after each (re)connect. begin() repeats
 * lock_timeout with SET LOCAL, for a pooler that moves sessions. */
static int pg_session(struct pg_db *db)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SET lock_timeout = %d; SET standard_conforming_strings = on;"
	         " SET synchronous_commit = off",
	         db->busy_timeout_ms > 0 ? db->busy_timeout_ms : 1);
	PGresult *res = PQexec(db->conn, sql);
	int rc = pg_result_rc(db, res, false);
	PQclear(res);
	return rc;
}

/* Whether the server has closed an idle session: a healthy one sends
 * nothing between queries, so a readable socket is looked at (a restart
 * sends FATAL 57P01, then closes). One poll() when nothing came. */
static bool pg_idle_closed(PGconn *conn)
{
	struct pollfd p = { .fd = PQsocket(conn), .events = POLLIN };
	for (int i = 0; i < 4; i++) {
		if (p.fd < 0)
			return true;
		if (poll(&p, 1, 0) <= 0)
			return false;
		if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK)
			return true;
	}
	return false;
}

/* Makes the connection usable for the next call: reconnects when it broke
 * (or, idle outside a transaction, when the server has closed it since). */
static int pg_ready(struct pg_db *db)
{
	if (!db->reset_needed && PQstatus(db->conn) == CONNECTION_OK) {
		PGTransactionStatusType t = PQtransactionStatus(db->conn);
		if (t != PQTRANS_IDLE || !pg_idle_closed(db->conn))
			return DB_OK;
		/* The server closed an idle session (a restart): reconnect now
		 * rather than fail the caller's call. */
	}
	PQreset(db->conn);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		pg_set_err(db, PQerrorMessage(db->conn));
		db->reset_needed = true;
		return DB_LOST;
	}
	db->reset_needed = false;
	db->generation++;
	int rc = pg_session(db);
	if (rc != DB_OK)
		db->reset_needed = true;
	return rc;
}

static bool pg_in_txn(struct pg_db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(db->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

/* Whether sql starts with the keyword kw (case-insensitive, after blanks). */
static bool pg_starts_with(const char *sql, const char *kw)
{
	while (isspace((unsigned char)*sql))
		sql++;
	size_t n = strlen(kw);
	return strncasecmp(sql, kw, n) == 0 && !isalnum((unsigned char)sql[n]) && sql[n] != '_';
}

/* Before a call that runs sql: the lost-transaction rule, then pg_ready.
 * Answers DB_OK, or what the call answers without running (*skip). */
static int pg_enter(struct pg_db *db, const char *sql, bool *skip)
{
	*skip = false;
	if (db->txn_lost) {
		if (pg_starts_with(sql, "ROLLBACK")) {
			db->txn_lost = false;
			*skip = true;           /* nothing left to roll back */
			return pg_ready(db);
		}
		if (!pg_starts_with(sql, "BEGIN") && !pg_starts_with(sql, "START")) {
			snprintf(db->errmsg, sizeof(db->errmsg), "the connection was lost inside a transaction; roll back first");
			*skip = true;
			return DB_LOST;
		}
		db->txn_lost = false;
	}
	return pg_ready(db);
}

/* A COMMIT of a transaction that an error aborted is a ROLLBACK: it must not
 * answer DB_OK. */
static int pg_check_commit(struct pg_db *db, const char *sql, bool was_aborted, int rc)
{
	if (rc == DB_OK && was_aborted && (pg_starts_with(sql, "COMMIT") || pg_starts_with(sql, "END"))) {
		snprintf(db->errmsg, sizeof(db->errmsg), "COMMIT of a transaction an earlier error aborted: rolled back");
		return DB_ERROR;
	}
	return rc;
}

static void pg_note_changes(struct pg_db *db, PGresult *res)
{
	const char *cmd = PQcmdStatus(res);
	if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
	    strncmp(cmd, "DELETE", 6) == 0 || strncmp(cmd, "MERGE", 5) == 0) {
		const char *n = PQcmdTuples(res);
		db->changes = *n ? strtoll(n, NULL, 10) : 0;
	}
}

static void pg_close(struct db *d)
{
	struct pg_db *db = (struct pg_db *)d;
	PQfinish(db->conn);
	free(db);
}

static const char *pg_errmsg(struct db *d)
{
	return ((struct pg_db *)d)->errmsg;
}

static int pg_exec(struct db *d, const char *sql)
{
	struct pg_db *db = (struct pg_db *)d;
	bool skip;
	int rc = pg_enter(db, sql, &skip);
	if (rc != DB_OK || skip)
		return rc;
	bool was_txn = pg_in_txn(db);
	bool was_aborted = PQtransactionStatus(db->conn) == PQTRANS_INERROR;
	PGresult *res = PQexec(db->conn, sql);
	rc = pg_result_rc(db, res, was_txn);
	if (rc == DB_OK)
		pg_note_changes(db, res);
	PQclear(res);
	return pg_check_commit(db, sql, was_aborted, rc);
}

/* ---- ?N to $N ---- */

/* Skips a quoted part that starts at p (', ", E'...', $tag$...$tag$,
 * -- and block comments); answers where it ends, or p when none starts there. */
static const char *pg_skip_quoted(const char *sql, const char *p)
{
	if (*p == '\'' || *p == '"') {
		char q = *p;
		bool esc = q == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
		           (p - 1 == sql || !(isalnum((unsigned char)p[-2]) || p[-2] == '_'));
		for (p++; *p; p++) {
			if (esc && *p == '\\' && p[1]) {
				p++;
			} else if (*p == q) {
				if (p[1] != q)
					return p + 1;
				p++;
			}
		}
		return p;
	}
	if (p[0] == '-' && p[1] == '-') {
		while (*p && *p != '\n')
			p++;
		return p;
	}
	if (p[0] == '/' && p[1] == '*') {
		int depth = 1;
		for (p += 2; *p && depth > 0; p++) {
			if (p[0] == '/' && p[1] == '*') {
				depth++;
				p++;
			} else if (p[0] == '*' && p[1] == '/') {
				depth--;
				p++;
			}
		}
		return p;
	}
	if (*p == '$' && (p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
		const char *t = p + 1;
		while (isalpha((unsigned char)*t) || *t == '_' || (t > p + 1 && isdigit((unsigned char)*t)))
			t++;
		if (*t != '$')
			return p;
		size_t taglen = (size_t)(t - p) + 1;
		const char *end;
		for (end = t + 1; *end; end++)
			if (strncmp(end, p, taglen) == 0)
				return end + taglen;
		return end;
	}
	return p;
}

/* Rewrites ?N and ? (numbered after the highest so far, as SQLite does) to
 * $N outside quotes and comments; *nparams is the highest number used, and
 * used[n - 1] (PG_MAX_PARAMS of them) says which numbers appear. */
static char *pg_rewrite(const char *sql, int *nparams, bool *used)
{
	size_t len = strlen(sql), marks = 0;
	for (const char *p = sql; *p; p++)
		marks += *p == '?';
	size_t cap = len + marks * 6 + 1;   /* "?" becomes at most "$" and PG_MAX_PARAMS's digits */
	char *out = malloc(cap);
	if (out == NULL)
		return NULL;
	char *o = out;
	int max = 0;
	const char *p = sql;
	while (*p) {
		const char *q = pg_skip_quoted(sql, p);
		if (q != p) {
			memcpy(o, p, (size_t)(q - p));
			o += q - p;
			p = q;
			continue;
		}
		if (*p == '?' || (*p == '$' && isdigit((unsigned char)p[1]))) {
			const char *d = p + 1;
			long n = 0;
			while (isdigit((unsigned char)*d) && n <= PG_MAX_PARAMS)
				n = n * 10 + (*d++ - '0');
			if (d == p + 1)
				n = max + 1;    /* a bare ? */
			if (n < 1 || n > PG_MAX_PARAMS) {
				free(out);
				return NULL;
			}
			if (n > max)
				max = (int)n;
			used[n - 1] = true;
			int w = snprintf(o, cap - (size_t)(o - out), "$%ld", n);
			if (w < 0 || (size_t)w >= cap - (size_t)(o - out)) {
				free(out);
				return NULL;
			}
			o += w;
			p = d;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	*nparams = max;
	return out;
}

/* ---- statements ---- */

static void pg_free_row(struct pg_stmt *st)
{
	for (int i = 0; i < st->nblobs; i++) {
		PQfreemem(st->blobs[i].bytes);
		st->blobs[i].bytes = NULL;
	}
}

static void pg_clear_result(struct pg_stmt *st)
{
	pg_free_row(st);
	free(st->blobs);
	st->blobs = NULL;
	st->nblobs = 0;
	PQclear(st->res);
	st->res = NULL;
	st->executed = false;
	st->row = -1;
	st->nrows = 0;
}

static void pg_clear_bindings(struct pg_stmt *st)
{
	if (st->values == NULL || st->lengths == NULL || st->formats == NULL || st->types == NULL ||
	    st->unused == NULL)
		return;                 /* pg_prepare ran out of memory */
	for (int i = 0; i < st->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
		st->types[i] = st->unused[i] ? PG_TEXTOID : 0;
	}
}

static void pg_finalize(struct db_stmt *s)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	pg_clear_result(st);
	pg_clear_bindings(st);
	struct pg_db *db = st->db;
	if (st->prepared_in != 0 && st->prepared_in == db->generation && !db->reset_needed &&
	    PQstatus(db->conn) == CONNECTION_OK && PQtransactionStatus(db->conn) == PQTRANS_IDLE) {
		char sql[48];
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
		PQclear(PQexec(db->conn, sql));
	}
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st->types);
	free(st->unused);
	free(st->sql);
	free(st);
}

static int pg_prepare(struct db *d, const char *sql, struct db_stmt **out)
{
	struct pg_db *db = (struct pg_db *)d;
	*out = NULL;
	struct pg_stmt *st = calloc(1, sizeof(*st));
	if (st == NULL)
		return DB_NOMEM;
	st->base.drv = &pg_driver;
	st->db = db;
	st->row = -1;
	bool *used = calloc(PG_MAX_PARAMS, sizeof(*used));
	st->sql = used ? pg_rewrite(sql, &st->nparams, used) : NULL;
	if (st->sql == NULL) {
		free(used);
		free(st);
		snprintf(db->errmsg, sizeof(db->errmsg), "statement has a parameter number out of range");
		return used ? DB_ERROR : DB_NOMEM;
	}
	size_t n = st->nparams > 0 ? (size_t)st->nparams : 1;
	st->values = calloc(n, sizeof(*st->values));
	st->lengths = calloc(n, sizeof(*st->lengths));
	st->formats = calloc(n, sizeof(*st->formats));
	st->types = calloc(n, sizeof(*st->types));
	st->unused = calloc(n, sizeof(*st->unused));
	if (st->values == NULL || st->lengths == NULL || st->formats == NULL || st->types == NULL ||
	    st->unused == NULL) {
		free(used);
		pg_finalize(&st->base);
		return DB_NOMEM;
	}
	/* A number the SQL skips (?2 alone) is still a parameter, as in SQLite;
	 * the server needs a type for it: text. */
	for (int i = 0; i < st->nparams; i++) {
		st->unused[i] = !used[i];
		st->types[i] = st->unused[i] ? PG_TEXTOID : 0;
	}
	free(used);
	if (db->named)
		snprintf(st->name, sizeof(st->name), "tf_%u", ++db->next_name);
	*out = &st->base;
	return DB_OK;
}

static void pg_reset(struct db_stmt *s)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	pg_clear_result(st);
	pg_clear_bindings(st);
}

/* Stores a copy of v (n bytes, plus a NUL for text) as parameter i. */
static int pg_bind(struct pg_stmt *st, int i, const void *v, size_t n, int format, Oid type)
{
	if (i < 1 || i > st->nparams) {
		snprintf(st->db->errmsg, sizeof(st->db->errmsg), "parameter %d out of range (1..%d)", i, st->nparams);
		return DB_ERROR;
	}
	if (n > 0x3fffffff)
		return DB_ERROR;
	char *copy = NULL;
	if (v != NULL) {
		copy = malloc(n + 1);
		if (copy == NULL)
			return DB_NOMEM;
		if (n > 0)
			memcpy(copy, v, n);
		copy[n] = '\0';
	}
	free(st->values[i - 1]);
	st->values[i - 1] = copy;
	st->lengths[i - 1] = (int)n;
	st->formats[i - 1] = format;
	st->types[i - 1] = st->unused[i - 1] ? PG_TEXTOID : type;
	if (st->unused[i - 1] && format == 1) {  /* never sent as bytes to a text parameter */
		free(copy);
		st->values[i - 1] = NULL;
	}
	return DB_OK;
}

static int pg_bind_int64(struct db_stmt *s, int i, int64_t v)
{
	char text[24];
	int n = snprintf(text, sizeof(text), "%" PRId64, v);
	return pg_bind((struct pg_stmt *)s, i, text, (size_t)n, 0, 0);
}

static int pg_bind_double(struct db_stmt *s, int i, double v)
{
	char text[40];
	int n = snprintf(text, sizeof(text), "%.17g", v);
	return pg_bind((struct pg_stmt *)s, i, text, (size_t)n, 0, 0);
}

static int pg_bind_text(struct db_stmt *s, int i, const char *v, size_t n)
{
	if (v == NULL)
		return pg_bind((struct pg_stmt *)s, i, NULL, 0, 0, 0);
	const char *nul = memchr(v, '\0', n);   /* text ends at a NUL, as in SQLite's text */
	return pg_bind((struct pg_stmt *)s, i, v, nul ? (size_t)(nul - v) : n, 0, 0);
}

static int pg_bind_blob(struct db_stmt *s, int i, const void *v, size_t n)
{
	static const char empty[1];
	return pg_bind((struct pg_stmt *)s, i, v ? v : (n == 0 ? empty : NULL), n, 1, PG_BYTEAOID);
}

static int pg_bind_null(struct db_stmt *s, int i)
{
	return pg_bind((struct pg_stmt *)s, i, NULL, 0, 0, 0);
}

/* Prepares the named statement on this connection when it is not yet. */
static int pg_prepare_named(struct pg_stmt *st, bool was_txn)
{
	struct pg_db *db = st->db;
	if (st->prepared_in == db->generation)
		return DB_OK;
	PGresult *res = PQprepare(db->conn, st->name, st->sql, st->nparams, st->types);
	int rc = pg_result_rc(db, res, was_txn);
	PQclear(res);
	if (rc == DB_OK)
		st->prepared_in = db->generation;
	return rc;
}

static int pg_execute(struct pg_stmt *st)
{
	struct pg_db *db = st->db;
	bool skip;
	int rc = pg_enter(db, st->sql, &skip);
	if (rc != DB_OK)
		return rc;
	if (skip) {
		st->executed = true;    /* a ROLLBACK of a transaction the loss ended */
		return DB_DONE;
	}
	bool was_txn = pg_in_txn(db);
	bool was_aborted = PQtransactionStatus(db->conn) == PQTRANS_INERROR;
	const char *const *values = (const char *const *)st->values;
	PGresult *res;
	if (db->named) {
		if ((rc = pg_prepare_named(st, was_txn)) != DB_OK)
			return rc;
		res = PQexecPrepared(db->conn, st->name, st->nparams, values, st->lengths, st->formats, 0);
	} else {
		res = PQexecParams(db->conn, st->sql, st->nparams, st->types, values, st->lengths, st->formats, 0);
	}
	rc = pg_result_rc(db, res, was_txn);
	rc = pg_check_commit(db, st->sql, was_aborted, rc);
	if (rc != DB_OK) {
		PQclear(res);
		return rc;
	}
	pg_note_changes(db, res);
	st->res = res;
	st->executed = true;
	st->row = -1;
	st->nrows = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) : 0;
	int ncols = PQnfields(res);
	if (ncols > 0) {
		st->blobs = calloc((size_t)ncols, sizeof(*st->blobs));
		if (st->blobs == NULL) {
			pg_clear_result(st);
			return DB_NOMEM;
		}
		st->nblobs = ncols;
	}
	return DB_OK;
}

static int pg_step(struct db_stmt *s)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	if (!st->executed) {
		int rc = pg_execute(st);
		if (rc != DB_OK)
			return rc;
	}
	pg_free_row(st);
	if (st->row + 1 < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	st->row = st->nrows;
	return DB_DONE;
}

/* ---- columns ---- */

static bool pg_has_value(struct pg_stmt *st, int i)
{
	return st->res != NULL && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res) &&
	       !PQgetisnull(st->res, st->row, i);
}

static enum db_type pg_column_type(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	if (!pg_has_value(st, i))
		return DB_NULL;
	switch (PQftype(st->res, i)) {
	case PG_INT2OID:
	case PG_INT4OID:
	case PG_INT8OID:
	case PG_OIDOID:
	case PG_BOOLOID:        /* reads as 0 or 1 */
		return DB_INTEGER;
	case PG_FLOAT4OID:
	case PG_FLOAT8OID:
	case PG_NUMERICOID:
		return DB_FLOAT;
	case PG_BYTEAOID:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

static int64_t pg_column_int64(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	if (!pg_has_value(st, i))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, i);
	if (strcmp(v, "t") == 0)
		return 1;
	if (strcmp(v, "f") == 0)
		return 0;
	char *end;
	long long n = strtoll(v, &end, 10);
	if (*end == '.' || *end == 'e' || *end == 'E')
		return (int64_t)strtod(v, NULL);    /* numeric or float, as SQLite truncates */
	return (int64_t)n;
}

static double pg_column_double(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	if (!pg_has_value(st, i))
		return 0.0;
	const char *v = PQgetvalue(st->res, st->row, i);
	if (strcmp(v, "t") == 0)
		return 1.0;
	if (strcmp(v, "f") == 0)
		return 0.0;
	return strtod(v, NULL);
}

static const char *pg_column_text(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	return pg_has_value(st, i) ? PQgetvalue(st->res, st->row, i) : NULL;
}

static const void *pg_column_blob(struct db_stmt *s, int i, size_t *n)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	*n = 0;
	if (!pg_has_value(st, i))
		return NULL;
	const char *v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) != PG_BYTEAOID) {
		*n = (size_t)PQgetlength(st->res, st->row, i);
		return v;               /* text read as bytes, as SQLite does */
	}
	if (st->blobs[i].bytes == NULL) {
		st->blobs[i].bytes = PQunescapeBytea((const unsigned char *)v, &st->blobs[i].n);
		if (st->blobs[i].bytes == NULL)
			return NULL;
	}
	*n = st->blobs[i].n;
	return st->blobs[i].bytes;
}

static int pg_column_count(struct db_stmt *s)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	return st->res ? PQnfields(st->res) : 0;
}

static const char *pg_column_name(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	return st->res && i >= 0 && i < PQnfields(st->res) ? PQfname(st->res, i) : NULL;
}

/* ---- transactions and housekeeping ---- */

static int64_t pg_changes(struct db *d)
{
	return ((struct pg_db *)d)->changes;
}

static int pg_begin(struct db *d)
{
	struct pg_db *db = (struct pg_db *)d;
	char sql[128];
	snprintf(sql, sizeof(sql), "BEGIN; SET LOCAL lock_timeout = %d; SET LOCAL synchronous_commit = %s",
	         db->busy_timeout_ms > 0 ? db->busy_timeout_ms : 1, db->durable ? "on" : "off");
	return pg_exec(d, sql);
}

static int pg_lock(struct db *d, int64_t key)
{
	struct pg_db *db = (struct pg_db *)d;
	bool skip;
	int rc = pg_enter(db, "SELECT", &skip);
	if (rc != DB_OK || skip)
		return rc;
	char text[24];
	snprintf(text, sizeof(text), "%" PRId64, key);
	const char *values[1] = { text };
	bool was_txn = pg_in_txn(db);
	PGresult *res = PQexecParams(db->conn, "SELECT pg_advisory_xact_lock($1::bigint)", 1, NULL, values, NULL, NULL, 0);
	rc = pg_result_rc(db, res, was_txn);
	PQclear(res);
	return rc;
}

static int pg_set_durable(struct db *d, bool durable)
{
	((struct pg_db *)d)->durable = durable;
	return DB_OK;
}

static int pg_maintain(struct db *d, int pages, int *done)
{
	if (done)
		*done = 0;
	return DB_OK;
}

static int pg_ping(struct db *d)
{
	return pg_exec(d, "SELECT 1");
}

static const struct db_driver pg_driver = {
	.name = "postgresql",
	.dialect = DB_POSTGRES,
	.close = pg_close,
	.errmsg = pg_errmsg,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.bind_int64 = pg_bind_int64,
	.bind_double = pg_bind_double,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_type = pg_column_type,
	.column_int64 = pg_column_int64,
	.column_double = pg_column_double,
	.column_text = pg_column_text,
	.column_blob = pg_column_blob,
	.column_count = pg_column_count,
	.column_name = pg_column_name,
	.changes = pg_changes,
	.begin = pg_begin,
	.lock = pg_lock,
	.set_durable = pg_set_durable,
	.maintain = pg_maintain,
	.ping = pg_ping,
};

int db_pg_open(const char *url, int busy_timeout_ms, struct db **out, char *err, size_t errn)
{
	*out = NULL;
	struct pg_db *db = calloc(1, sizeof(*db));
	if (db == NULL) {
		if (err && errn)
			snprintf(err, errn, "out of memory");
		return DB_NOMEM;
	}
	db->base.drv = &pg_driver;
	db->busy_timeout_ms = busy_timeout_ms;
	const char *named = getenv("TERMINFON_PG_PREPARE");
	db->named = named != NULL && strcmp(named, "1") == 0;
	/* Defaults first: what the URL names wins (expand_dbname). */
	const char *keys[] = { "connect_timeout", "gssencmode", "client_encoding",
	                       "fallback_application_name", "dbname", NULL };
	const char *vals[] = { "5", "disable", "UTF8", "terminfon", url, NULL };
	db->conn = PQconnectdbParams(keys, vals, 1);
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		pg_set_err(db, db->conn ? PQerrorMessage(db->conn) : "out of memory");
		if (err && errn)
			snprintf(err, errn, "PostgreSQL: %s", db->errmsg);
		int rc = db->conn ? DB_LOST : DB_NOMEM;
		PQfinish(db->conn);
		free(db);
		return rc;
	}
	PQsetNoticeProcessor(db->conn, pg_notice_quiet, NULL);
	db->generation = 1;
	int rc = pg_session(db);
	if (rc != DB_OK) {
		if (err && errn)
			snprintf(err, errn, "PostgreSQL: %s", db->errmsg);
		pg_close(&db->base);
		return rc;
	}
	*out = &db->base;
	return DB_OK;
}
