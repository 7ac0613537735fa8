/* test_store_tokens.c: unit tests of lib/store/store_tokens (the admin tokens'
 * rows: add, look up, revoke, list, prune) and of the audit context that
 * names a token's scope and id, on a migrated SQLite file under TMPDIR (or a database of
 * TERMINFON_TEST_DATABASE_URL, t_db.h). */
#include "arena.h"
#include "crypto.h"
#include "err.h"
#include "store.h"
#include "t.h"
#include "t_db.h"
#include "t_store.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define NOW INT64_C(1795510800)   /* 2026-11-24T09:00:00Z */

/* The fixture: t_store.h. */
static bool fx_open(struct t_store *f)
{
	return t_store_open(f, "test_store_tokens", KEY);
}

static void fx_close(struct t_store *f)
{
	t_store_close(f);
}

static void test_add_get_revoke(void)
{
	struct t_store f;
	T_OK(fx_open(&f));
	int64_t berlin = t_q_int(f.raw, "SELECT min(id) FROM studios", 0, NULL);
	struct store_token a = { .id = "aaaa0000aaaa0000aaaa0000aaaa0000", .subject = "anna", .scope = "stats",
	                         .studio_id = berlin, .created_utc = NOW, .expires_utc = NOW + 3600 };
	struct store_token b = { .id = "bbbb0000bbbb0000bbbb0000bbbb0000", .subject = "ops", .scope = "admin",
	                         .created_utc = NOW, .expires_utc = NOW + 600 };
	T_EQ_INT(store_token_add(f.s, &a), TF_OK);
	T_EQ_INT(store_token_add(f.s, &b), TF_OK);
	T_EQ_INT(store_token_add(f.s, &a), TF_ECONFLICT);

	struct store_token got;
	T_EQ_INT(store_token_get(f.s, &f.a, a.id, &got), TF_OK);
	T_EQ_STR(got.subject, "anna");
	T_EQ_STR(got.scope, "stats");
	T_EQ_INT(got.studio_id, berlin);
	T_EQ_INT(got.created_utc, NOW);
	T_EQ_INT(got.expires_utc, NOW + 3600);
	T_OK(!got.revoked && got.revoked_by == NULL);
	T_EQ_INT(store_token_get(f.s, &f.a, b.id, &got), TF_OK);
	T_EQ_INT(got.studio_id, 0);
	T_EQ_INT(store_token_get(f.s, &f.a, "cccc", &got), TF_ENOTFOUND);

	/* Revoking one leaves the other as it was; a second revocation changes nothing. */
	bool already = true;
	T_EQ_INT(store_token_revoke(f.s, a.id, "ops", NOW + 60, &already), TF_OK);
	T_OK(!already);
	T_EQ_INT(store_token_get(f.s, &f.a, a.id, &got), TF_OK);
	T_OK(got.revoked);
	T_EQ_INT(got.revoked_utc, NOW + 60);
	T_EQ_STR(got.revoked_by, "ops");
	T_EQ_INT(store_token_revoke(f.s, a.id, "someone else", NOW + 120, &already), TF_OK);
	T_OK(already);
	T_EQ_INT(store_token_get(f.s, &f.a, a.id, &got), TF_OK);
	T_EQ_INT(got.revoked_utc, NOW + 60);
	T_EQ_STR(got.revoked_by, "ops");
	T_EQ_INT(store_token_get(f.s, &f.a, b.id, &got), TF_OK);
	T_OK(!got.revoked);
	T_EQ_INT(store_token_revoke(f.s, "cccc", "ops", NOW, &already), TF_ENOTFOUND);
	T_EQ_INT(store_token_revoke(f.s, b.id, "", NOW, &already), TF_EINVAL);

	/* Empty fields and lifetimes that end before they begin are refused. */
	struct store_token bad = b;
	bad.id = "dddd";
	bad.expires_utc = bad.created_utc;
	T_EQ_INT(store_token_add(f.s, &bad), TF_EINVAL);
	bad.expires_utc = NOW + 60;
	bad.subject = "";
	T_EQ_INT(store_token_add(f.s, &bad), TF_EINVAL);
	bad.subject = "x";
	bad.scope = "root";
	T_EQ_INT(store_token_add(f.s, &bad), TF_ECONFLICT);   /* the schema's CHECK */
	T_EQ_INT(store_token_get(f.s, &f.a, "dddd", &got), TF_ENOTFOUND);

	/* The list: live and revoked tokens, newest first; an expired one that
	 * was never revoked is no longer listed. */
	struct store_token *list;
	size_t n;
	T_EQ_INT(store_tokens_list(f.s, &f.a, NOW + 1000, &list, &n), TF_OK);
	T_EQ_INT(n, 1);
	T_EQ_STR(list[0].id, a.id);
	T_EQ_INT(store_tokens_list(f.s, &f.a, NOW, &list, &n), TF_OK);
	T_EQ_INT(n, 2);

	/* A token minted two days later drops the rows expired over a day before. */
	struct store_token c = { .id = "cccc0000cccc0000cccc0000cccc0000", .subject = "ops", .scope = "admin",
	                         .created_utc = NOW + 2 * 86400, .expires_utc = NOW + 2 * 86400 + 60 };
	T_EQ_INT(store_token_add(f.s, &c), TF_OK);
	T_EQ_INT(t_q_int(f.raw, "SELECT count(*) FROM admin_tokens", 0, NULL), 1);
	T_EQ_INT(store_token_get(f.s, &f.a, a.id, &got), TF_ENOTFOUND);
	fx_close(&f);
}

static void test_audit_context(void)
{
	struct t_store f;
	T_OK(fx_open(&f));
	/* A shell command's row names no token. */
	T_EQ_INT(store_audit(f.s, "cli:root", "data.rekey", ""), TF_OK);
	/* While a request is answered, every row names its token's scope and id. */
	store_audit_context(f.s, "stats", "aaaa0000aaaa0000aaaa0000aaaa0000");
	T_EQ_INT(store_audit(f.s, "anna", "leads.list", ""), TF_OK);
	store_audit_context(f.s, NULL, NULL);
	T_EQ_INT(store_audit(f.s, "cli:root", "retention.purge", ""), TF_OK);
	char text[64];
	T_EQ_INT(t_q_int(f.raw, "SELECT count(*) FROM audit_log WHERE scope IS NULL AND token_id IS NULL", 0, NULL), 2);
	T_EQ_STR(t_q_text(f.raw, text, sizeof(text), "SELECT scope FROM audit_log WHERE action = 'leads.list'", 0),
	         "stats");
	T_EQ_STR(t_q_text(f.raw, text, sizeof(text), "SELECT token_id FROM audit_log WHERE actor = 'anna'", 0),
	         "aaaa0000aaaa0000aaaa0000aaaa0000");
	fx_close(&f);
}

int main(void)
{
	test_add_get_revoke();
	test_audit_context();
	return t_done();
}
