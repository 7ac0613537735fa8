/* store_int.h: what the store_*.c files share; nothing outside lib/store/store*.c
 * includes it. Each file keeps its own enum of statements and the matching
 * array of SQL, and fetches prepared statements through store_stmt(). */
#ifndef TERMINFON_STORE_INT_H
#define TERMINFON_STORE_INT_H

#include <sqlite3.h>

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
	sqlite3 *db;
	const struct crypto *crypto;
	int busy_timeout_ms;
	long long busy_started_us;
	int wal_safety, wal_seen, wal_next;  /* store_wal_hook: step, frames last seen, next at */
	bool in_txn;
	sqlite3_stmt *stmts[STORE_MOD__COUNT][STORE_MOD_MAX_STMTS];
	struct store_studio_cache *studios;
	struct buf scratch;         /* sealing and unsealing */
	/* What store_audit writes beside the actor while an admin request is
	 * answered (store_audit_context); NULL otherwise. */
	const char *audit_scope, *audit_token_id;
};

/* The prepared statement idx of a module, reset and with its bindings cleared;
 * NULL when preparing failed (a bug in the SQL: logged). */
sqlite3_stmt *store_stmt(struct store *s, enum store_module mod, int idx, const char *const *sql);
/* Reads the rows of st (bound by the caller) into an arena array of
 * elements of `size` bytes, each zeroed and filled by `read`; a row it
 * answers with STORE_ROW_SKIP is left out. With limit > 0 at most limit rows,
 * and *more (may be NULL) tells whether another follows: bind limit + 1 for a
 * page. Resets st; *out and *n are set on success only. */
#define STORE_ROW_SKIP (-1)
typedef int (*store_row_reader)(struct store *s, struct arena *a, sqlite3_stmt *st, void *row);
int store_read_rows(struct store *s, struct arena *a, sqlite3_stmt *st, size_t limit, size_t size,
                    store_row_reader read, void **out, size_t *n, bool *more);
/* A store_row_reader of appointments (store_col_appointment); one with a
 * malformed time is no appointment anyone can keep and is skipped. */
int store_row_appointment(struct store *s, struct arena *a, sqlite3_stmt *st, void *row);

/* Starts a claim of at most max rows (max > 0): allocates *list of max
 * rows of size bytes in a, begins a transaction and returns in *st the
 * module's statement idx bound with ?1 now_utc and ?2 max. On failure
 * nothing is left open and the error is returned. */
int store_claim_begin(struct store *s, struct arena *a, enum store_module mod, int idx, const char *const *sql,
                      int64_t now_utc, size_t max, size_t size, void **list, sqlite3_stmt **st);
/* Ends a claim begun with store_begin: marks each of n rows claimed with
 * the module's statement idx (?1 the row's id, ?2 lease_utc), then commits.
 * The ids are int64_t `stride` bytes apart from first_id (&list[0].id,
 * sizeof(list[0])). With err set (reading the rows failed) or any failure
 * here, rolls back and returns the error. */
int store_claim_rows(struct store *s, int err, enum store_module mod, int idx, const char *const *sql,
                     const int64_t *first_id, size_t stride, size_t n, int64_t lease_utc);
/* Steps st once for a lookup of one row: TF_OK with the row ready to read,
 * TF_ENOTFOUND when there is none, or the mapped error. The caller resets st. */
int store_step_one(struct store *s, sqlite3_stmt *st);
/* Maps a SQLite result code to a tf_err, counting busy and other errors. */
int store_rc(struct store *s, int rc);
/* Runs one statement to completion (no rows expected). */
int store_exec_stmt(struct store *s, sqlite3_stmt *st);
/* store_exec_stmt, then the number of rows it changed into *n (0 on failure; n may be NULL). */
int store_exec_count(struct store *s, sqlite3_stmt *st, int *n);

/* Binding helpers: NULL strings bind SQL NULL. */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Seals v (NULL binds NULL) with the column's aad and binds the blob. */
int store_bind_sealed(struct store *s, sqlite3_stmt *st, int i, const char *v, const char *aad);
/* Copies a text column into the arena ("" stays "", NULL stays NULL). */
const char *store_col_text(struct arena *a, sqlite3_stmt *st, int i);
/* Opens a sealed column into the arena; NULL for SQL NULL. TF_EAUTH when it
 * does not open (wrong key): the row is unreadable, not the request. */
int store_col_sealed(struct store *s, struct arena *a, sqlite3_stmt *st, int i, const char *aad, const char **out);

/* Room for one more element of `size` bytes in an arena array of *cap
 * elements holding len; doubles it when full. NULL when out of memory. */
void *store_grow(struct arena *a, void *list, size_t len, size_t *cap, size_t size);
/* Binds an instant as the UTC text the schema stores. */
int store_bind_utc(sqlite3_stmt *st, int i, int64_t utc);
/* Reads an appointment from columns 0..8: id, lead, studio, starts_at,
 * ends_at, status, source, call_sid, rescheduled_from. TF_EDB for a malformed
 * time, TF_ENOMEM. */
int store_col_appointment(struct arena *a, sqlite3_stmt *st, struct store_appointment *ap);

/* Releases the studio cache (store_studios.c). */
void store_studios_free(struct store *s);

#endif
