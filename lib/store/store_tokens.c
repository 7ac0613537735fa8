/* store_tokens.c: the admin tokens that were minted (id, subject, scope,
 * studio, expiry) and their revocation; the router's guard looks one up by
 * its primary key on every admin request. */
#include "store_int.h"
#include "err.h"

#include <string.h>

#define TOKEN_COLS "id, subject, scope, coalesce(studio_id, 0), created_at, expires_at, revoked_at, revoked_by"
/* Rows stay a day past their expiry, so that a refused token can still be told apart. */
#define TOKEN_KEEP_SECONDS 86400

enum { TK_INSERT, TK_PRUNE, TK_GET, TK_REVOKE, TK_LIST, TK__N };
_Static_assert(TK__N <= STORE_MOD_MAX_STMTS, "too many statements for one store module");

static const char *const tokens_sql[TK__N] = {
	[TK_INSERT] = "INSERT INTO admin_tokens (id, subject, scope, studio_id, created_at, expires_at)"
	              " VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, ?6)",
	[TK_PRUNE] = "DELETE FROM admin_tokens WHERE expires_at < ?1",
	[TK_GET] = "SELECT " TOKEN_COLS " FROM admin_tokens WHERE id = ?1",
	[TK_REVOKE] = "UPDATE admin_tokens SET revoked_at = ?2, revoked_by = ?3 WHERE id = ?1 AND revoked_at IS NULL",
	[TK_LIST] = "SELECT " TOKEN_COLS " FROM admin_tokens WHERE expires_at > ?1 OR revoked_at IS NOT NULL"
	            " ORDER BY created_at DESC, id LIMIT 10000",
};

static struct db_stmt *prepare(struct store *s, int idx)
{
	return store_stmt(s, STORE_MOD_TOKENS, idx, tokens_sql);
}

static int row_token(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	struct store_token *t = row;
	t->id = store_col_text(a, st, 0);
	t->subject = store_col_text(a, st, 1);
	t->scope = store_col_text(a, st, 2);
	t->studio_id = db_column_int64(st, 3);
	const char *created = db_column_text(st, 4);
	const char *expires = db_column_text(st, 5);
	const char *revoked = db_column_text(st, 6);
	t->revoked_by = store_col_text(a, st, 7);
	if (t->id == NULL || t->subject == NULL || t->scope == NULL)
		return TF_ENOMEM;
	if (created == NULL || !store_parse_utc(created, &t->created_utc) || expires == NULL ||
	    !store_parse_utc(expires, &t->expires_utc))
		return TF_EDB;
	t->revoked = revoked != NULL;
	if (t->revoked && !store_parse_utc(revoked, &t->revoked_utc))
		t->revoked_utc = 0;
	return TF_OK;
}

int store_token_add(struct store *s, const struct store_token *t)
{
	if (t->id == NULL || *t->id == '\0' || t->subject == NULL || *t->subject == '\0' || t->scope == NULL ||
	    t->expires_utc <= t->created_utc)
		return TF_EINVAL;
	int err = store_begin(s);
	if (err)
		return err;
	struct db_stmt *st = prepare(s, TK_PRUNE);
	if (st == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_utc(st, 1, t->created_utc - TOKEN_KEEP_SECONDS);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;
	if ((st = prepare(s, TK_INSERT)) == NULL) {
		err = TF_EDB;
		goto fail;
	}
	store_bind_text(st, 1, t->id);
	store_bind_text(st, 2, t->subject);
	store_bind_text(st, 3, t->scope);
	db_bind_int64(st, 4, t->studio_id);
	store_bind_utc(st, 5, t->created_utc);
	store_bind_utc(st, 6, t->expires_utc);
	if ((err = store_exec_stmt(s, st)) != TF_OK)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return err;
}

int store_token_get(struct store *s, struct arena *a, const char *id, struct store_token *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = prepare(s, TK_GET);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, id);
	int err = store_step_one(s, st);
	if (err == TF_OK)
		err = row_token(s, a, st, out);
	db_reset(st);
	return err;
}

int store_token_revoke(struct store *s, const char *id, const char *by, int64_t now_utc, bool *already)
{
	*already = false;
	if (id == NULL || by == NULL || *by == '\0')
		return TF_EINVAL;
	struct db_stmt *st = prepare(s, TK_REVOKE);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, id);
	store_bind_utc(st, 2, now_utc);
	store_bind_text(st, 3, by);
	int err = store_exec_stmt(s, st);
	if (err || db_changes(s->db) > 0)
		return err;
	/* Nothing changed: unknown, or revoked before. */
	if ((st = prepare(s, TK_GET)) == NULL)
		return TF_EDB;
	store_bind_text(st, 1, id);
	if ((err = store_step_one(s, st)) == TF_OK)
		*already = true;
	db_reset(st);
	return err;
}

int store_tokens_list(struct store *s, struct arena *a, int64_t now_utc, struct store_token **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = prepare(s, TK_LIST);
	if (st == NULL)
		return TF_EDB;
	store_bind_utc(st, 1, now_utc);
	void *list;
	int err = store_read_rows(s, a, st, 0, sizeof(struct store_token), row_token, &list, n, NULL);
	*out = list;
	return err;
}
