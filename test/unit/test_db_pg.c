/* test_db_pg.c: the PostgreSQL driver (db_pg.c) through db.h, against a real
 * server: TERMINFON_TEST_PG_URL when set, else a throwaway cluster of its own
 * under TMPDIR (initdb and pg_ctl of Debian's /usr/lib/postgresql/N/bin),
 * which also lets it restart the server under a connection and put PgBouncer
 * (transaction mode) in front of it when pgbouncer is installed. Without
 * PostgreSQL it says it skipped and passes. */
#include "t.h"
#include "db.h"

#include <glob.h>
#include <malloc.h>
#include <pwd.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char t_bindir[256];      /* initdb, pg_ctl */
static char t_dir[256];         /* the throwaway cluster; "" with TERMINFON_TEST_PG_URL */
static char t_url[512];
static char t_as[64];           /* "runuser -u postgres -- " as root: the server refuses root */

static double t_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs a shell command made of fmt; answers its exit status. */
static int t_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int t_sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		return -1;
	return system(cmd);
}

/* The newest /usr/lib/postgresql/N/bin that has initdb and pg_ctl. */
static bool t_find_bindir(void)
{
	glob_t g;
	if (glob("/usr/lib/postgresql/*/bin/initdb", 0, NULL, &g) != 0)
		return false;
	bool found = false;
	for (size_t i = 0; i < g.gl_pathc; i++) {      /* sorted: keep the last (single-digit versions aside) */
		char dir[256];
		snprintf(dir, sizeof(dir), "%.*s", (int)(strlen(g.gl_pathv[i]) - strlen("/initdb")), g.gl_pathv[i]);
		char ctl[300];
		snprintf(ctl, sizeof(ctl), "%s/pg_ctl", dir);
		if (access(ctl, X_OK) == 0) {
			snprintf(t_bindir, sizeof(t_bindir), "%s", dir);
			found = true;
		}
	}
	globfree(&g);
	return found;
}

static bool t_cluster_start(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(t_dir, sizeof(t_dir), "%s/tf-dbpg-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(t_dir) == NULL || chmod(t_dir, 0755) != 0)
		return false;
	if (geteuid() == 0) {
		struct passwd *pw = getpwnam("postgres");
		if (pw == NULL)
			pw = getpwnam("nobody");
		if (pw == NULL || chown(t_dir, pw->pw_uid, pw->pw_gid) != 0)
			return false;
		snprintf(t_as, sizeof(t_as), "runuser -u %s -- ", pw->pw_name);
	}
	if (t_sh("%s%s/initdb -D %s/data --auth=trust -U terminfon -E UTF8 --locale=C >%s/initdb.log 2>&1",
	         t_as, t_bindir, t_dir, t_dir) != 0)
		return false;
	if (t_sh("%s%s/pg_ctl -D %s/data -l %s/postgres.log -w -t 60 -o \"-c listen_addresses='' "
	         "-c unix_socket_directories='%s' -c fsync=off\" start >/dev/null",
	         t_as, t_bindir, t_dir, t_dir, t_dir) != 0)
		return false;
	snprintf(t_url, sizeof(t_url), "postgresql:///postgres?host=%s&user=terminfon", t_dir);
	return true;
}

static void t_cluster_stop(void)
{
	if (t_dir[0] == '\0')
		return;
	t_sh("%s%s/pg_ctl -D %s/data -m immediate -w stop >/dev/null 2>&1", t_as, t_bindir, t_dir);
	if (getenv("TERMINFON_KEEP_TMP") == NULL)
		t_sh("rm -rf '%s'", t_dir);
}

static struct db *t_open(const char *url, int busy_ms)
{
	struct db *db = NULL;
	char err[256] = "";
	int rc = db_pg_open(url, busy_ms, &db, err, sizeof(err));
	if (rc != DB_OK)
		fprintf(stderr, "db_pg_open: %d %s\n", rc, err);
	return db;
}

/* The first column of the first row of sql as an integer; -1 without one. */
static int64_t t_int(struct db *db, const char *sql)
{
	struct db_stmt *st;
	if (db_prepare(db, sql, &st) != DB_OK)
		return -1;
	int64_t v = db_step(st) == DB_ROW ? db_column_int64(st, 0) : -1;
	db_finalize(st);
	return v;
}

static void test_rewrite(struct db *db)
{
	struct db_stmt *st;
	/* ?N, bare ? after it, and a ? in a literal, a comment and a dollar quote */
	T_EQ_INT(db_prepare(db, "SELECT '?' || ?2, ?1 /* ? */, ? -- ?\n, $$?$$, E'\\'?', \"?col\" FROM"
	                        " (SELECT 1 AS \"?col\") x", &st), DB_OK);
	T_EQ_INT(db_bind_text(st, 1, "one", 3), DB_OK);
	T_EQ_INT(db_bind_text(st, 2, "two", 3), DB_OK);
	T_EQ_INT(db_bind_int64(st, 3, 3), DB_OK);
	T_EQ_INT(db_bind_int64(st, 4, 4), DB_ERROR);          /* three parameters */
	T_EQ_INT(db_step(st), DB_ROW);
	T_EQ_STR(db_column_text(st, 0), "?two");
	T_EQ_STR(db_column_text(st, 1), "one");
	T_EQ_INT(db_column_int64(st, 2), 3);
	T_EQ_STR(db_column_text(st, 3), "?");
	T_EQ_STR(db_column_text(st, 4), "'?");
	T_EQ_INT(db_column_int64(st, 5), 1);
	T_EQ_INT(db_column_count(st), 6);
	T_EQ_STR(db_column_name(st, 5), "?col");
	T_EQ_INT(db_step(st), DB_DONE);
	db_finalize(st);

	/* ?2 alone: ?1 is a parameter too (as in SQLite), bound or not */
	T_EQ_INT(db_prepare(db, "SELECT ?2 || 'x'", &st), DB_OK);
	T_EQ_INT(db_bind_text(st, 2, "y", 1), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	T_EQ_STR(db_column_text(st, 0), "yx");
	db_reset(st);
	T_EQ_INT(db_bind_int64(st, 1, 5), DB_OK);
	T_EQ_INT(db_bind_text(st, 2, "z", 1), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	T_EQ_STR(db_column_text(st, 0), "zx");
	db_finalize(st);

	/* the same parameter twice: its type comes from its first use, so an
	 * optional filter names the column first (portable to SQLite too) */
	T_EQ_INT(db_prepare(db, "SELECT count(*) FROM dbpg_items WHERE (n = ?1 OR ?1 IS NULL)", &st), DB_OK);
	T_EQ_INT(db_bind_null(st, 1), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	T_EQ_INT(db_column_int64(st, 0), 0);
	db_finalize(st);
	T_EQ_INT(db_prepare(db, "SELECT count(*) FROM dbpg_items WHERE (?1 IS NULL OR n = ?1)", &st), DB_OK);
	T_EQ_INT(db_bind_int64(st, 1, 5), DB_OK);
	T_EQ_INT(db_step(st), DB_ERROR);                      /* "could not determine data type" */
	T_OK(strstr(db_errmsg(db), "data type") != NULL);
	db_finalize(st);
}

static void test_types(struct db *db)
{
	unsigned char bytes[300];
	for (size_t i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)(i * 7);
	bytes[0] = 0;
	bytes[10] = 0;
	struct db_stmt *st;
	T_EQ_INT(db_prepare(db, "INSERT INTO dbpg_items (n, x, t, b, flag) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", &st),
	         DB_OK);
	T_EQ_INT(db_bind_int64(st, 1, INT64_C(-9007199254740993)), DB_OK);
	T_EQ_INT(db_bind_double(st, 2, 0.1), DB_OK);
	T_EQ_INT(db_bind_text(st, 3, "Grüße\tund ' \" \\ ?", strlen("Grüße\tund ' \" \\ ?")), DB_OK);
	T_EQ_INT(db_bind_blob(st, 4, bytes, sizeof(bytes)), DB_OK);
	T_EQ_INT(db_bind_int64(st, 5, 1), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	int64_t id = db_column_int64(st, 0);
	T_OK(id > 0);
	T_EQ_INT(db_column_type(st, 0), DB_INTEGER);
	T_EQ_INT(db_step(st), DB_DONE);
	T_EQ_INT(db_changes(db), 1);
	/* again after reset, with NULLs and an empty blob */
	db_reset(st);
	T_EQ_INT(db_bind_null(st, 1), DB_OK);
	T_EQ_INT(db_bind_blob(st, 4, "", 0), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	int64_t id2 = db_column_int64(st, 0);
	T_EQ_INT(id2, id + 1);
	db_finalize(st);

	T_EQ_INT(db_prepare(db, "SELECT n, x, t, b, flag, NOT flag, 2.5::numeric, 7::int2 FROM dbpg_items WHERE id = ?1", &st),
	         DB_OK);
	T_EQ_INT(db_bind_int64(st, 1, id), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	T_EQ_INT(db_column_type(st, 0), DB_INTEGER);
	T_OK(db_column_int64(st, 0) == INT64_C(-9007199254740993));
	T_EQ_INT(db_column_type(st, 1), DB_FLOAT);
	T_OK(db_column_double(st, 1) == 0.1);
	T_EQ_INT(db_column_type(st, 2), DB_TEXT);
	T_EQ_STR(db_column_text(st, 2), "Grüße\tund ' \" \\ ?");
	T_EQ_INT(db_column_type(st, 3), DB_BLOB);
	size_t n = 0;
	const void *b = db_column_blob(st, 3, &n);
	T_EQ_INT(n, sizeof(bytes));
	T_OK(b != NULL && memcmp(b, bytes, sizeof(bytes)) == 0);
	const void *again = db_column_blob(st, 3, &n);        /* same row: same bytes */
	T_OK(again == b && n == sizeof(bytes));
	T_EQ_INT(db_column_int64(st, 4), 1);
	T_EQ_INT(db_column_int64(st, 5), 0);
	T_EQ_INT(db_column_type(st, 4), DB_INTEGER);
	T_EQ_INT(db_column_type(st, 6), DB_FLOAT);
	T_OK(db_column_double(st, 6) == 2.5);
	T_EQ_INT(db_column_int64(st, 6), 2);
	T_EQ_INT(db_column_int64(st, 7), 7);
	T_EQ_INT(db_step(st), DB_DONE);

	db_reset(st);
	T_EQ_INT(db_bind_int64(st, 1, id2), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	T_EQ_INT(db_column_type(st, 0), DB_NULL);
	T_EQ_INT(db_column_int64(st, 0), 0);
	T_OK(db_column_text(st, 0) == NULL);
	T_EQ_INT(db_column_type(st, 3), DB_BLOB);
	b = db_column_blob(st, 3, &n);
	T_OK(b != NULL && n == 0);
	db_finalize(st);

	/* an unbound parameter is NULL, as in SQLite */
	T_EQ_INT(db_prepare(db, "SELECT ?1::text IS NULL", &st), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	T_EQ_INT(db_column_int64(st, 0), 1);
	db_finalize(st);
}

static void test_changes_and_errors(struct db *db)
{
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_items (n) VALUES (100), (100), (100); INSERT INTO dbpg_kv VALUES ('a', 1)"),
	         DB_OK);
	struct db_stmt *st;
	T_EQ_INT(db_prepare(db, "UPDATE dbpg_items SET x = 1 WHERE n = ?", &st), DB_OK);
	T_EQ_INT(db_bind_int64(st, 1, 100), DB_OK);
	T_EQ_INT(db_step(st), DB_DONE);
	T_EQ_INT(db_changes(db), 3);
	db_finalize(st);
	T_EQ_INT(t_int(db, "SELECT count(*) FROM dbpg_items"), 5);
	T_EQ_INT(db_changes(db), 3);                          /* a SELECT changes nothing */
	T_EQ_INT(db_exec(db, "DELETE FROM dbpg_items WHERE n = 100 AND id = (SELECT min(id) FROM dbpg_items WHERE n = 100)"),
	         DB_OK);
	T_EQ_INT(db_changes(db), 1);

	/* a unique violation, in a statement and in exec */
	T_EQ_INT(db_prepare(db, "INSERT INTO dbpg_kv (k, v) VALUES (?1, ?2)", &st), DB_OK);
	T_EQ_INT(db_bind_text(st, 1, "a", 1), DB_OK);
	T_EQ_INT(db_bind_int64(st, 2, 2), DB_OK);
	T_EQ_INT(db_step(st), DB_CONSTRAINT);
	T_OK(strstr(db_errmsg(db), "dbpg_kv") != NULL);
	db_finalize(st);
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_kv VALUES ('a', 3)"), DB_CONSTRAINT);
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_kv VALUES (NULL, 3)"), DB_CONSTRAINT);   /* NOT NULL is class 23 too */
	T_EQ_INT(db_exec(db, "SELEKT 1"), DB_ERROR);
	T_EQ_INT(db_prepare(db, "SELECT nosuchcolumn FROM dbpg_kv", &st), DB_OK);   /* found when it runs */
	T_EQ_INT(db_step(st), DB_ERROR);
	db_finalize(st);
	T_EQ_INT(db_ping(db), DB_OK);
	int done = -1;
	T_EQ_INT(db_maintain(db, 100, &done), DB_OK);
	T_EQ_INT(done, 0);
	T_EQ_INT(db_set_durable(db, true), DB_OK);
	T_EQ_INT(db_dialect(db), DB_POSTGRES);
}

static void test_transactions(struct db *db)
{
	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(db_lock(db, 42), DB_OK);
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_kv VALUES ('rolled back', 1)"), DB_OK);
	T_EQ_INT(db_exec(db, "ROLLBACK"), DB_OK);
	T_EQ_INT(t_int(db, "SELECT count(*) FROM dbpg_kv WHERE k = 'rolled back'"), 0);

	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_kv VALUES ('kept', 1)"), DB_OK);
	struct db_stmt *commit;
	T_EQ_INT(db_prepare(db, "COMMIT", &commit), DB_OK);
	T_EQ_INT(db_step(commit), DB_DONE);
	T_EQ_INT(t_int(db, "SELECT count(*) FROM dbpg_kv WHERE k = 'kept'"), 1);

	/* a COMMIT after an error in the transaction is not a success */
	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_kv VALUES ('lost', 1)"), DB_OK);
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_kv VALUES ('kept', 1)"), DB_CONSTRAINT);
	db_reset(commit);
	T_EQ_INT(db_step(commit), DB_ERROR);
	db_finalize(commit);
	T_EQ_INT(t_int(db, "SELECT count(*) FROM dbpg_kv WHERE k = 'lost'"), 0);

	/* A durable transaction (a booking a caller hears confirmed) waits for
	 * the disk; the others do not, as with SQLite's synchronous=NORMAL. */
	const char *sync = "SELECT CASE WHEN current_setting('synchronous_commit') = 'on' THEN 1 ELSE 0 END";
	T_EQ_INT(t_int(db, sync), 0);
	T_EQ_INT(db_set_durable(db, true), DB_OK);
	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(t_int(db, sync), 1);
	T_EQ_INT(db_exec(db, "COMMIT"), DB_OK);
	T_EQ_INT(db_set_durable(db, false), DB_OK);
	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(t_int(db, sync), 0);
	T_EQ_INT(db_exec(db, "COMMIT"), DB_OK);
}

static void test_lock_contention(const char *url)
{
	struct db *a = t_open(url, 300), *b = t_open(url, 300);
	T_OK(a != NULL && b != NULL);
	if (a == NULL || b == NULL) {
		db_close(a);
		db_close(b);
		return;
	}
	T_EQ_INT(db_begin(a), DB_OK);
	T_EQ_INT(db_lock(a, 7), DB_OK);
	T_EQ_INT(db_begin(b), DB_OK);
	double t0 = t_now();
	T_EQ_INT(db_lock(b, 7), DB_BUSY);
	double waited = t_now() - t0;
	T_OK(waited >= 0.25 && waited < 5.0);
	T_EQ_INT(db_exec(b, "ROLLBACK"), DB_OK);
	/* a row lock outside a transaction waits as long, then is busy */
	T_EQ_INT(db_exec(a, "UPDATE dbpg_kv SET v = v + 1 WHERE k = 'a'"), DB_OK);
	t0 = t_now();
	T_EQ_INT(db_exec(b, "UPDATE dbpg_kv SET v = v + 1 WHERE k = 'a'"), DB_BUSY);
	T_OK(t_now() - t0 >= 0.25);
	T_EQ_INT(db_exec(a, "COMMIT"), DB_OK);
	T_EQ_INT(db_begin(b), DB_OK);
	T_EQ_INT(db_lock(b, 7), DB_OK);
	T_EQ_INT(db_exec(b, "COMMIT"), DB_OK);
	db_close(a);
	db_close(b);
}

static int t_restart(void)
{
	return t_sh("%s%s/pg_ctl -D %s/data -l %s/postgres.log -m fast -w -t 60 restart >/dev/null",
	            t_as, t_bindir, t_dir, t_dir);
}

/* Retries a call that may meet a server still starting (a statement that
 * failed runs again on the next step, its bindings kept). */
static int t_step_retry(struct db_stmt *st)
{
	int rc = DB_LOST;
	for (int i = 0; i < 50 && rc == DB_LOST; i++) {
		rc = db_step(st);
		if (rc == DB_LOST)
			usleep(100000);
	}
	return rc;
}

static void test_restart(struct db *db, const char *what)
{
	struct db_stmt *st;
	T_EQ_INT(db_prepare(db, "SELECT count(*) FROM dbpg_kv WHERE k = ?1", &st), DB_OK);
	T_EQ_INT(db_bind_text(st, 1, "kept", 4), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	db_reset(st);

	/* idle: the next call sees the session closed and connects again */
	T_EQ_INT(t_restart(), 0);
	T_EQ_INT(db_bind_text(st, 1, "kept", 4), DB_OK);
	T_EQ_INT(db_step(st), DB_ROW);
	T_EQ_INT(db_column_int64(st, 0), 1);
	db_reset(st);

	/* inside a transaction: lost with it until the caller rolls back */
	T_EQ_INT(db_begin(db), DB_OK);
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_kv VALUES ('in flight', 1)"), DB_OK);
	T_EQ_INT(t_restart(), 0);
	T_EQ_INT(db_exec(db, "INSERT INTO dbpg_kv VALUES ('in flight 2', 1)"), DB_LOST);
	T_EQ_INT(db_exec(db, "COMMIT"), DB_LOST);
	T_EQ_INT(db_bind_text(st, 1, "kept", 4), DB_OK);
	T_EQ_INT(db_step(st), DB_LOST);
	int rc = DB_LOST;
	for (int i = 0; i < 50 && rc == DB_LOST; i++) {
		rc = db_exec(db, "ROLLBACK");
		if (rc == DB_LOST)
			usleep(100000);
	}
	T_EQ_INT(rc, DB_OK);
	T_EQ_INT(t_int(db, "SELECT count(*) FROM dbpg_kv WHERE k LIKE 'in flight%'"), 0);
	T_EQ_INT(t_step_retry(st), DB_ROW);
	T_EQ_INT(db_column_int64(st, 0), 1);
	T_EQ_INT(db_ping(db), DB_OK);
	db_finalize(st);
	fprintf(stderr, "restart (%s): ok\n", what);
}

static void test_pgbouncer(void)
{
	const char *bouncer = "/usr/sbin/pgbouncer";
	if (access(bouncer, X_OK) != 0) {
		printf("pgbouncer not installed: its pass skipped\n");
		return;
	}
	char path[512];
	snprintf(path, sizeof(path), "%s/pgbouncer.ini", t_dir);
	FILE *f = fopen(path, "w");
	if (f == NULL)
		return;
	fprintf(f, "[databases]\npostgres = host=%s dbname=postgres user=terminfon\n"
	           "[pgbouncer]\nlisten_addr =\nlisten_port = 6432\nunix_socket_dir = %s\n"
	           "auth_type = trust\nauth_file = %s/userlist.txt\npool_mode = transaction\n"
	           "default_pool_size = 1\nmax_client_conn = 10\nlogfile = %s/pgbouncer.log\n"
	           "pidfile = %s/pgbouncer.pid\n", t_dir, t_dir, t_dir, t_dir, t_dir);
	fclose(f);
	snprintf(path, sizeof(path), "%s/userlist.txt", t_dir);
	f = fopen(path, "w");
	if (f == NULL)
		return;
	fprintf(f, "\"terminfon\" \"\"\n");
	fclose(f);
	t_sh("chmod 644 %s/pgbouncer.ini %s/userlist.txt", t_dir, t_dir);
	T_EQ_INT(t_sh("%s%s -d %s/pgbouncer.ini >/dev/null 2>&1", t_as, bouncer, t_dir), 0);
	char url[512];
	snprintf(url, sizeof(url), "postgresql:///postgres?host=%s&port=6432&user=terminfon", t_dir);
	struct db *a = NULL, *b = NULL;
	for (int i = 0; i < 50 && a == NULL; i++) {
		char err[256];
		if (db_pg_open(url, 300, &a, err, sizeof(err)) != DB_OK)
			usleep(100000);
	}
	b = t_open(url, 300);
	T_OK(a != NULL && b != NULL);
	if (a != NULL && b != NULL) {
		/* one server connection for both: statements keep no state there */
		struct db_stmt *sa, *sb;
		T_EQ_INT(db_prepare(a, "SELECT v FROM dbpg_kv WHERE k = ?1", &sa), DB_OK);
		T_EQ_INT(db_prepare(b, "SELECT ?1::bigint + ?2", &sb), DB_OK);
		for (int i = 0; i < 20; i++) {
			db_reset(sa);
			db_reset(sb);
			T_EQ_INT(db_bind_text(sa, 1, "kept", 4), DB_OK);
			T_EQ_INT(db_bind_int64(sb, 1, i), DB_OK);
			T_EQ_INT(db_bind_int64(sb, 2, 1), DB_OK);
			T_EQ_INT(db_step(sa), DB_ROW);
			T_EQ_INT(db_step(sb), DB_ROW);
			T_EQ_INT(db_column_int64(sa, 0), 1);
			T_EQ_INT(db_column_int64(sb, 0), i + 1);
		}
		db_finalize(sa);
		db_finalize(sb);
		T_EQ_INT(db_begin(a), DB_OK);
		T_EQ_INT(db_lock(a, 9), DB_OK);
		T_EQ_INT(db_exec(a, "UPDATE dbpg_kv SET v = v WHERE k = 'kept'"), DB_OK);
		T_EQ_INT(db_changes(a), 1);
		T_EQ_INT(db_exec(a, "COMMIT"), DB_OK);
		T_EQ_INT(db_ping(b), DB_OK);
	}
	db_close(a);
	db_close(b);
	t_sh("kill $(cat %s/pgbouncer.pid) 2>/dev/null", t_dir);
}

/* Heap bytes libpq and the driver keep for one idle connection (client side). */
static void t_measure(const char *url)
{
	enum { N = 8 };
	struct db *dbs[N] = { 0 };
	struct mallinfo2 before = mallinfo2();
	for (int i = 0; i < N; i++)
		dbs[i] = t_open(url, 1000);
	struct mallinfo2 after = mallinfo2();
	for (int i = 0; i < N; i++)
		db_close(dbs[i]);
	if (after.uordblks > before.uordblks)       /* 0 under ASan, which keeps its own heap */
		printf("client memory per connection: %zu bytes\n", (size_t)(after.uordblks - before.uordblks) / N);
}

static void t_schema(struct db *db)
{
	T_EQ_INT(db_exec(db, "DROP TABLE IF EXISTS dbpg_items, dbpg_kv;"
	                     "CREATE TABLE dbpg_items (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	                     " n BIGINT, x DOUBLE PRECISION, t TEXT, b BYTEA, flag BOOLEAN);"
	                     "CREATE TABLE dbpg_kv (k TEXT NOT NULL UNIQUE, v BIGINT)"), DB_OK);
}

int main(void)
{
	const char *given = getenv("TERMINFON_TEST_PG_URL");
	if (given && *given) {
		snprintf(t_url, sizeof(t_url), "%s", given);
	} else if (!t_find_bindir()) {
		printf("skipped: PostgreSQL not installed\n");
		return 0;
	} else if (!t_cluster_start()) {
		fprintf(stderr, "could not start a PostgreSQL cluster in %s\n", t_dir);
		t_cluster_stop();
		return 1;
	}
	struct db *db = t_open(t_url, 1000);
	T_OK(db != NULL);
	if (db != NULL) {
		t_schema(db);
		test_rewrite(db);
		test_types(db);
		test_changes_and_errors(db);
		test_transactions(db);
		test_lock_contention(t_url);
		if (t_dir[0] != '\0') {
			test_restart(db, "unnamed statements");
			setenv("TERMINFON_PG_PREPARE", "1", 1);
			struct db *named = t_open(t_url, 1000);
			unsetenv("TERMINFON_PG_PREPARE");
			T_OK(named != NULL);
			if (named != NULL) {
				test_types(named);
				test_restart(named, "named statements");
				db_close(named);
			}
			test_pgbouncer();
		}
		t_measure(t_url);
		T_EQ_INT(db_exec(db, "DROP TABLE dbpg_items, dbpg_kv"), DB_OK);
		db_close(db);
	}
	char err[200] = "";
	struct db *none = NULL;
	T_EQ_INT(db_pg_open("postgresql:///nosuchdb?host=/nonexistent", 1000, &none, err, sizeof(err)), DB_LOST);
	T_OK(none == NULL && strstr(err, "PostgreSQL") != NULL);
	t_cluster_stop();
	return t_done();
}
