/* t_store.h: a store test's fixture: a migrated and seeded store on the
 * test's database (t_db.h: a SQLite file in a temporary folder, or a fresh
 * PostgreSQL database), a second raw connection for checks in SQL, keys and
 * an arena. Include after t.h. */
#ifndef TERMINFON_T_STORE_H
#define TERMINFON_T_STORE_H

#include "arena.h"
#include "crypto.h"
#include "err.h"
#include "store.h"
#include "t_db.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct t_store {
	char dir[256], db[300];
	struct crypto crypto;
	struct store *s;
	struct db *raw;
	struct arena a;
};

/* Opens the fixture of test `name` with data key `key`; false on any failure. */
static inline bool t_store_open(struct t_store *f, const char *name, const char *key)
{
	memset(f, 0, sizeof(*f));
	const char *base = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/%s.XXXXXX", base && *base ? base : "/tmp", name);
	if (mkdtemp(f->dir) == NULL)
		return false;
	t_db_target(f->db, sizeof(f->db), f->dir);
	arena_init(&f->a, 64 * 1024 * 1024);
	if (crypto_init(&f->crypto, key, NULL, 0) != TF_OK)
		return false;
	if (store_open(&f->s, f->db, &f->crypto, 5000) != TF_OK || store_migrate(f->s, NULL) != TF_OK ||
	    store_seed_example(f->s) != TF_OK)
		return false;
	return (f->raw = t_db_open(f->db)) != NULL;
}

/* Closes everything and removes the database (the SQLite file with its
 * journal files, or the PostgreSQL database). */
static inline void t_store_close(struct t_store *f)
{
	store_close(f->s);
	db_close(f->raw);
	t_db_drop(f->db);
	static const char *const tails[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		char p[320];
		snprintf(p, sizeof(p), "%s%s", f->db, tails[i]);
		unlink(p);
	}
	rmdir(f->dir);
	crypto_free(&f->crypto);
	arena_free(&f->a);
}

#endif
