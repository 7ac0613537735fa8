/* store_int.h: what the store_*.c files share; nothing outside lib/store/store*.c
 * includes it. Each file keeps its own enum of statements and the matching
 * array of SQL, and fetches prepared statements through store_stmt(). */
#ifndef TERMINFON_STORE_INT_H
#define TERMINFON_STORE_INT_H

#include "db.h"

#include "arena.h"
#include "buf.h"
#include "store.h"

enum store_module {
	STORE_MOD_CORE,
	STORE_MOD_STUDIOS,
	STORE_MOD_CALLS,
	STORE_MOD_SCHEDULE,
	STORE_MOD_SMS,
	STORE_MOD_AGENT,
	STORE_MOD_ADMIN,
	STORE_MOD_HANDOFF,
	STORE_MOD_GDPR,
	STORE_MOD_DIALOGFLOW,
	STORE_MOD_STATS,
	STORE_MOD_TOKENS,
	STORE_MOD_REPLIES,
	STORE_MOD_DAY,
	STORE_MOD_CALENDAR,
	STORE_MOD__COUNT
};
#define STORE_MOD_MAX_STMTS 48

struct store_studio_cache;

struct store {
	struct db *db;
	const struct crypto *crypto;
	bool in_txn;
	bool durable;               /* store_begin_durable: until the transaction ends */
	struct db_stmt *stmts[STORE_MOD__COUNT][STORE_MOD_MAX_STMTS];
	struct store_studio_cache *studios;
	struct buf scratch;         /* sealing and unsealing */
	/* What store_audit writes beside the actor while an admin request is
	 * answered (store_audit_context); NULL otherwise. */
	const char *audit_scope, *audit_token_id;
};

/* The prepared statement idx of a module, reset and with its bindings cleared;
 * NULL when preparing failed (a bug in the SQL: logged). */
struct db_stmt *store_stmt(struct store *s, enum store_module mod, int idx, const char *const *sql);
/* store_stmt for a SELECT whose rows the transaction goes on to change on
 * what it read: PostgreSQL runs it FOR UPDATE OF table (its name or alias
 * in the statement); SQLite's transaction holds the write lock anyway. */
struct db_stmt *store_locking_stmt(struct store *s, enum store_module mod, int idx, const char *const *sql,
                                   const char *table);
/* Reads the rows of st (bound by the caller) into an arena array of
 * elements of `size` bytes, each zeroed and filled by `read`; a row it
 * answers with STORE_ROW_SKIP is left out. With limit > 0 at most limit rows,
 * and *more (may be NULL) tells whether another follows: bind limit + 1 for a
 * page. Resets st; *out and *n are set on success only. */
#define STORE_ROW_SKIP (-1)
typedef int (*store_row_reader)(struct store *s, struct arena *a, struct db_stmt *st, void *row);
int store_read_rows(struct store *s, struct arena *a, struct db_stmt *st, size_t limit, size_t size,
                    store_row_reader read, void **out, size_t *n, bool *more);
/* A store_row_reader of appointments (store_col_appointment); one with a
 * malformed time is no appointment anyone can keep and is skipped. */
int store_row_appointment(struct store *s, struct arena *a, struct db_stmt *st, void *row);

/* A claim of due rows by a background runner: one transaction SELECTs the
 * due rows (statement `due`, ?1 now, ?2 max, ORDER BY ... LIMIT ?2; on
 * PostgreSQL FOR UPDATE OF `table` SKIP LOCKED, so two runners never claim
 * one row nor wait for each other) and marks each claimed (statement `mark`,
 * see store_claim_rows). */
struct store_claim {
	enum store_module mod;
	int due, mark;
	const char *const *sql;
	const char *table;              /* name or alias in `due` */
	size_t size;                    /* of a row, whose int64_t id comes first */
	store_row_reader read;
	/* May be NULL; else a row read is claimed only when it answers true. */
	bool (*is_due)(const void *row, int64_t now_utc);
};
/* Claims up to max rows into an arena array *out of *n rows; each row as it
 * was before the claim. */
int store_claim(struct store *s, struct arena *a, const struct store_claim *c, int64_t now_utc, int lease_s,
                size_t max, void **out, size_t *n);
/* Ends a claim (store_claim): marks each of n rows claimed with
 * the module's statement idx (?1 the row's id, ?2 lease_utc, ?3 now), then commits.
 * The ids are int64_t `stride` bytes apart from first_id (&list[0].id,
 * sizeof(list[0])). With err set (reading the rows failed) or any failure
 * here, rolls back and returns the error. */
int store_claim_rows(struct store *s, int err, enum store_module mod, int idx, const char *const *sql,
                     const int64_t *first_id, size_t stride, size_t n, int64_t lease_utc);
/* Runs a retry of a claimed row: ?1 id, ?2 next_utc (its next attempt),
 * ?3 error (NULL binds NULL), ?4 now. st NULL: TF_EDB. */
int store_exec_retry(struct store *s, struct db_stmt *st, int64_t id, int64_t next_utc, const char *error);
/* Steps st once for a lookup of one row: TF_OK with the row ready to read,
 * TF_ENOTFOUND when there is none, or the mapped error. The caller resets st. */
int store_step_one(struct store *s, struct db_stmt *st);
/* Maps a db_result to a tf_err, counting busy and other errors (logged). */
int store_rc(struct store *s, int rc);
/* Runs one statement to completion (no rows expected). */
int store_exec_stmt(struct store *s, struct db_stmt *st);
/* store_exec_stmt, then the number of rows it changed into *n (0 on failure; n may be NULL). */
int store_exec_count(struct store *s, struct db_stmt *st, int *n);

/* Binding helpers: NULL strings bind SQL NULL. */
int store_bind_text(struct db_stmt *st, int i, const char *v);
/* Seals v (NULL binds NULL) with the column's aad and binds the blob. */
int store_bind_sealed(struct store *s, struct db_stmt *st, int i, const char *v, const char *aad);
/* Copies a text column into the arena ("" stays "", NULL stays NULL). */
const char *store_col_text(struct arena *a, struct db_stmt *st, int i);
/* Opens a sealed column into the arena; NULL for SQL NULL. TF_EAUTH when it
 * does not open (wrong key): the row is unreadable, not the request. */
int store_col_sealed(struct store *s, struct arena *a, struct db_stmt *st, int i, const char *aad, const char **out);

/* Room for one more element of `size` bytes in an arena array of *cap
 * elements holding len; doubles it when full. NULL when out of memory. */
void *store_grow(struct arena *a, void *list, size_t len, size_t *cap, size_t size);
/* Binds an instant as the UTC text the schema stores. */
int store_bind_utc(struct db_stmt *st, int i, int64_t utc);
/* Binds clock_now() the same way: "now" is the program's clock, never the
 * database's, so tests that fake the clock see it in the rows too. */
int store_bind_now(struct db_stmt *st, int i);
/* Reads an appointment from columns 0..8: id, lead, studio, starts_at,
 * ends_at, status, source, call_sid, rescheduled_from. TF_EDB for a malformed
 * time, TF_ENOMEM. */
int store_col_appointment(struct arena *a, struct db_stmt *st, struct store_appointment *ap);

/* Releases the studio cache (store_studios.c). */
void store_studios_free(struct store *s);

#endif
