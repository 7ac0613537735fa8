/* test_store.c: migrations, WAL and the busy timeout, calls that open once and
 * never move backwards, recordings, and leads found across a key rotation. */
#include "crypto.h"
#include "err.h"
#include "log.h"
#include "metrics.h"
#include "store.h"
#include "t.h"
#include "t_db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_A "1111111111111111111111111111111111111111111111111111111111111111"
#define KEY_B "2222222222222222222222222222222222222222222222222222222222222222"

static char dir[64], db[512];

static long long q(const char *sql)
{
	struct db *raw;
	struct db_stmt *st;
	long long v = -1;
	if ((raw = t_db_open(db)) != NULL && db_prepare(raw, sql, &st) == DB_OK) {
		if (db_step(st) == DB_ROW)
			v = db_column_int64(st, 0);
		db_finalize(st);
	}
	db_close(raw);
	return v;
}

static struct store *open_with(struct crypto *c, const char *spec, int busy_ms)
{
	char err[200];
	struct store *s = NULL;
	T_EQ_INT(crypto_init(c, spec, err, sizeof(err)), TF_OK);
	T_EQ_INT(store_open(&s, db, c, busy_ms), TF_OK);
	return s;
}

static long long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* Pages in the WAL, as a PASSIVE checkpoint of another connection reports them. */
static long long wal_frames(void)
{
	struct db *raw;
	struct db_stmt *st;
	long long v = -1;
	if ((raw = t_db_open(db)) != NULL &&
	    db_prepare(raw, "PRAGMA wal_checkpoint(PASSIVE)", &st) == DB_OK) {
		if (db_step(st) == DB_ROW)
			v = db_column_int64(st, 1);
		db_finalize(st);
	}
	db_close(raw);
	return v;
}

static int open_call(struct store *s, struct arena *a, const char *sid, const char *from, struct store_lead *lead,
                     struct store_call *call)
{
	struct store_call_open in = { .call_sid = sid, .from = from, .to = "+4930901820", .status = "ringing", .studio_id = 1 };
	return store_call_open(s, a, &in, lead, call);
}

/* n calls of new callers: a few WAL pages each. */
static void calls(struct store *s, struct arena *a, int from, int n)
{
	for (int i = from; i < from + n; i++) {
		char sid[40], phone[40];
		struct store_lead lead;
		struct store_call call;
		snprintf(sid, sizeof(sid), "CAwal%06d", i);
		snprintf(phone, sizeof(phone), "+4915190%06d", i);
		T_EQ_INT(open_call(s, a, sid, phone, &lead, &call), TF_OK);
		arena_reset(a);
	}
}

/* A background process's checkpoint round with a busy timeout of ten
 * seconds, on a thread of its own; says on go when it starts. */
struct restart_round {
	int go[2];
	int result;
};

static void *restart_in_background(void *arg)
{
	struct restart_round *r = arg;
	struct crypto cr;
	char err_line[200];
	struct store *bg = NULL;
	if (crypto_init(&cr, KEY_B, err_line, sizeof(err_line)) == TF_OK && store_open(&bg, db, &cr, 10000) == TF_OK) {
		(void)!write(r->go[1], "x", 1);
		r->result = store_maintain(bg, 10, NULL);
		store_close(bg);
		crypto_free(&cr);
	} else {
		(void)!write(r->go[1], "x", 1);
	}
	return NULL;
}

/* Checkpoints. A worker leaves them to the background process: its
 * commits copy nothing into the database file, however long the WAL (with
 * SQLite's automatic checkpoint the file grew past 1,000 pages, and under
 * load every commit checkpointed and fsynced). */
static void test_checkpoints(struct arena *a)
{
	struct crypto cw, cg;
	struct store *worker = open_with(&cw, KEY_B, 300), *background = open_with(&cg, KEY_B, 300);
	T_EQ_INT(store_maintain(background, 1, NULL), TF_OK);     /* a WAL from its start */
	store_defer_maintenance(worker, 1000000);
	long long db_before = file_size(db);
	calls(worker, a, 0, 400);
	T_EQ_INT(file_size(db), db_before);
	T_EQ_INT(metrics_get(M_DB_WORKER_CHECKPOINTS), 0);

	/* The background process's round copies the WAL and, past the restart
	 * size, has the next commit write the WAL from its start again. */
	int frames = 0;
	T_EQ_INT(store_maintain(background, 1000, &frames), TF_OK);
	T_OK(frames > 1500);
	T_OK(file_size(db) > db_before);
	calls(worker, a, 400, 1);
	T_OK(wal_frames() < 50);

	/* A reader that does not let go keeps the WAL from restarting. The
	 * restart holds the write lock while it waits for readers, so it gives up
	 * after a moment, not after the busy timeout: a worker with a busy timeout
	 * of one second writes meanwhile (with the background's ten seconds it
	 * would have failed). The next round, without the reader, succeeds. */
	calls(worker, a, 401, 100);
	struct db *reader;
	T_OK((reader = t_db_open(db)) != NULL);
	T_OK(t_db_exec(reader, "BEGIN; SELECT count(*) FROM leads;"));
	struct restart_round round = { .result = -1 };
	T_OK(pipe(round.go) == 0);
	pthread_t bg;
	T_OK(pthread_create(&bg, NULL, restart_in_background, &round) == 0);
	char x;
	T_OK(read(round.go[0], &x, 1) == 1);
	usleep(20000);                              /* the restart is waiting for the reader */
	struct crypto c1;
	struct store *quick = open_with(&c1, KEY_B, 1000);
	calls(quick, a, 501, 1);
	store_close(quick);
	crypto_free(&c1);
	T_OK(pthread_join(bg, NULL) == 0);
	T_EQ_INT(round.result, TF_EBUSY);
	close(round.go[0]);
	close(round.go[1]);
	T_OK(t_db_exec(reader, "COMMIT"));
	db_close(reader);
	T_EQ_INT(store_maintain(background, 10, NULL), TF_OK);
	calls(worker, a, 502, 1);
	T_OK(wal_frames() < 50);

	/* Without a background process the worker's safety net holds the WAL:
	 * it checkpoints once per safety step, not after every commit. */
	store_defer_maintenance(worker, 500);
	db_before = file_size(db);
	calls(worker, a, 503, 400);
	long long ran = metrics_get(M_DB_WORKER_CHECKPOINTS);
	T_OK(ran >= 2 && ran < 20);         /* 400 commits, about 4,000 pages */
	T_OK(file_size(db) > db_before);
	store_close(worker);
	store_close(background);
	crypto_free(&cw);
	crypto_free(&cg);
}

int main(void)
{
	log_set_level(LOG_ERROR);
	snprintf(dir, sizeof(dir), "/tmp/test_store.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	if (!t_db_target(db, sizeof(db), dir))
		return 1;
	struct arena a;
	arena_init(&a, 1 << 20);
	struct crypto ca;
	struct store *s = open_with(&ca, KEY_A, 300);

	/* Migrations: all of them once, in order; a second run applies none. */
	int applied = 0;
	T_EQ_INT(store_migrate(s, &applied), TF_OK);
	T_OK(applied >= 1);
	T_EQ_INT(q("SELECT count(*) FROM schema_migrations"), applied);
	T_EQ_INT(store_migrate(s, &applied), TF_OK);
	T_EQ_INT(applied, 0);
	T_EQ_INT(store_seed_example(s), TF_OK);
	T_EQ_INT(store_seed_example(s), TF_OK);           /* idempotent */
	T_EQ_INT(q("SELECT count(*) FROM studios"), 2);
	T_EQ_INT(store_health(s), TF_OK);
	struct db *raw;
	struct db_stmt *st;
	T_OK((raw = t_db_open(db)) != NULL);
	if (!t_db_on_postgres()) {
		T_OK(db_prepare(raw, "PRAGMA journal_mode", &st) == DB_OK && db_step(st) == DB_ROW);
		T_EQ_STR(db_column_text(st, 0), "wal");
		db_finalize(st);
	}

	/* Studios with hours, prefixes and closed days (holidays of their region). */
	const struct store_studios *all;
	T_EQ_INT(store_studios(s, &all), TF_OK);
	T_EQ_INT(all->n, 2);
	T_EQ_INT(all->list[0].nranges[0], 2);              /* Berlin: lunch break on Monday */
	T_EQ_INT(all->list[0].nranges[6], 0);              /* closed on Sunday */
	T_OK(all->list[0].nclosed > 10 && all->list[1].nclosed > all->list[0].nclosed); /* Bayern has more */
	const struct store_studios *again;
	T_EQ_INT(store_studios(s, &again), TF_OK);
	T_OK(again == all);                                 /* cached while nothing changed */

	/* A call opens once; the same CallSid again changes nothing. */
	struct store_lead lead;
	struct store_call call;
	T_EQ_INT(open_call(s, &a, "CA01", "+4915112345678", &lead, &call), TF_OK);
	T_OK(lead.created && call.created && lead.id > 0);
	int64_t first = lead.id;
	T_EQ_INT(open_call(s, &a, "CA01", "+4915112345678", &lead, &call), TF_OK);
	T_OK(!lead.created && !call.created && lead.id == first);
	T_EQ_INT(open_call(s, &a, "CA02", "0049 151 1234 5678", &lead, &call), TF_OK);
	T_OK(!lead.created && call.created && lead.id == first);   /* the same person, written differently */
	T_EQ_INT(q("SELECT call_count FROM leads"), 2);
	/* The recording consent the call starts with is set in the same
	 * transaction, once: a repeated webhook does not reset an answer. */
	struct store_call_open rec = { .call_sid = "CA06", .from = "+4915112345678", .to = "+4930901820",
		                       .status = "ringing", .studio_id = 1, .consent = "asked" };
	T_EQ_INT(store_call_open(s, &a, &rec, &lead, &call), TF_OK);
	T_EQ_INT(q("SELECT recording_consent = 'asked' FROM lead_call_logs WHERE call_sid = 'CA06'"), 1);
	T_EQ_INT(store_consent_set(s, "CA06", "refused", false), TF_OK);
	T_EQ_INT(store_call_open(s, &a, &rec, &lead, &call), TF_OK);
	T_EQ_INT(q("SELECT recording_consent = 'refused' FROM lead_call_logs WHERE call_sid = 'CA06'"), 1);
	T_EQ_INT(q("SELECT call_count FROM leads"), 3);
	T_EQ_INT(open_call(s, &a, "CA03", "anonymous", &lead, &call), TF_OK);
	T_OK(lead.id == 0 && call.created);                          /* withheld: a call, no lead */
	T_EQ_INT(q("SELECT count(*) FROM leads"), 1);

	/* Status events never move a call backwards; the first final one wins. */
	bool changed;
	T_EQ_INT(store_call_status(s, "CA01", "in-progress", 1, -1, &changed), TF_OK);
	T_OK(changed);
	T_EQ_INT(store_call_status(s, "CA01", "completed", 2, 42, &changed), TF_OK);
	T_OK(changed);
	T_EQ_INT(store_call_status(s, "CA01", "ringing", 0, -1, &changed), TF_OK);
	T_OK(!changed);
	T_EQ_INT(store_call_status(s, "CA01", "failed", 3, -1, &changed), TF_OK);
	T_OK(!changed);
	T_EQ_INT(q("SELECT duration_seconds FROM lead_call_logs WHERE call_sid = 'CA01' AND status = 'completed'"), 42);
	T_EQ_INT(store_call_status(s, "CA01", "bogus", 4, -1, &changed), TF_EINVAL);
	T_EQ_INT(store_call_status(s, "CA99", "completed", 2, 7, &changed), TF_OK);   /* a call we placed */
	T_EQ_INT(q("SELECT duration_seconds FROM lead_call_logs WHERE call_sid = 'CA99'"), 7);

	/* The event that ends a call settles its outcome and counts it, once;
	 * later events, turns and transfer results change neither. */
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_ABANDONED), 1);              /* CA01: hung up without an outcome */
	T_EQ_INT(q("SELECT count(*) FROM lead_call_logs WHERE outcome = 'abandoned'"), 1);
	T_EQ_INT(q("SELECT outcome IS NULL FROM lead_call_logs WHERE call_sid = 'CA99'"), 1);  /* not ours: none */
	T_EQ_INT(open_call(s, &a, "CA41", "+4915112345678", &lead, &call), TF_OK);
	T_EQ_INT(store_handoff_call_outcome(s, "CA41", "waiting"), TF_OK);
	T_EQ_INT(store_call_status(s, "CA41", "completed", 5, 30, &changed), TF_OK);
	T_EQ_INT(store_call_status(s, "CA41", "completed", 5, 30, &changed), TF_OK);   /* Twilio again */
	T_OK(!changed);
	T_EQ_INT(store_handoff_call_outcome(s, "CA41", "transferred"), TF_ENOTFOUND);  /* a late dial-status */
	T_EQ_INT(q("SELECT outcome = 'queue_abandoned' FROM lead_call_logs WHERE call_sid = 'CA41'"), 1);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_QUEUE_ABANDONED), 1);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_TRANSFERRED), 0);
	T_EQ_INT(open_call(s, &a, "CA51", "+4915112345678", &lead, &call), TF_OK);
	struct store_turn turn = { .call_sid = "CA51", .lead_id = lead.id, .turn = 1, .engine = "embedded",
	                           .reply = "Gebucht.", .intent = "yes", .state = "{}", .outcome = "booked" };
	T_EQ_INT(store_turn_save(s, &turn), TF_OK);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_BOOKED), 0);                 /* the call goes on: not yet */
	T_EQ_INT(store_call_status(s, "CA51", "completed", 3, 60, &changed), TF_OK);
	T_OK(changed);
	turn.turn = 2;
	turn.outcome = "cancelled";
	T_EQ_INT(store_turn_save(s, &turn), TF_OK);
	T_EQ_INT(q("SELECT outcome = 'booked' FROM lead_call_logs WHERE call_sid = 'CA51'"), 1);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_BOOKED), 1);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_CANCELLED), 0);
	T_EQ_INT(open_call(s, &a, "CA71", "+4915112345678", &lead, &call), TF_OK);
	T_EQ_INT(store_call_status(s, "CA71", "busy", 1, -1, &changed), TF_OK);
	T_EQ_INT(q("SELECT outcome = 'failed' FROM lead_call_logs WHERE call_sid = 'CA71'"), 1);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_FAILED), 1);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_ABANDONED), 1);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_OTHER), 0);

	/* Recordings: repeated callbacks update one row, never back to in-progress. */
	struct store_recording r = { .call_sid = "CA01", .recording_sid = "RE01", .status = "completed",
	                             .url = "https://api.twilio.com/x", .duration = 12, .channels = 1 };
	T_EQ_INT(store_recording_upsert(s, &r), TF_OK);
	r.status = "in-progress";
	r.duration = -1;
	T_EQ_INT(store_recording_upsert(s, &r), TF_OK);
	T_EQ_INT(q("SELECT count(*) FROM recordings"), 1);
	T_EQ_INT(q("SELECT duration FROM recordings WHERE status = 'completed'"), 12);

	/* The busy timeout: another connection holds the write lock (PostgreSQL:
	 * a lock on the table of callers). */
	T_OK(t_db_exec(raw, t_db_on_postgres() ? "BEGIN; LOCK TABLE leads IN EXCLUSIVE MODE" : "BEGIN IMMEDIATE"));
	T_EQ_INT(open_call(s, &a, "CA04", "+4915100000004", &lead, &call), TF_EBUSY);
	T_OK(t_db_exec(raw, "ROLLBACK"));
	T_EQ_INT(open_call(s, &a, "CA04", "+4915100000004", &lead, &call), TF_OK);
	db_close(raw);

	/* Nothing personal in clear text in the file. */
	T_EQ_INT(q(t_db_on_postgres() ? "SELECT count(*) FROM leads WHERE position('4915112345678'::bytea in phone_enc) > 0"
	                              : "SELECT count(*) FROM leads WHERE instr(phone_enc, '4915112345678') > 0"), 0);
	store_close(s);
	crypto_free(&ca);

	/* A key rotation in progress: the new key first, the old one still known.
	 * The caller is found (not created twice) and gets the new hash. */
	struct crypto cb;
	s = open_with(&cb, KEY_B "," KEY_A, 300);
	T_EQ_INT(open_call(s, &a, "CA05", "+4915112345678", &lead, &call), TF_OK);
	T_OK(!lead.created && lead.id == first);
	char hash[65];
	T_EQ_INT(crypto_hash_phone(&cb, "+4915112345678", hash), TF_OK);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT id FROM leads WHERE phone_hash = '%s'", hash);
	T_EQ_INT(q(sql), first);
	T_EQ_INT(q("SELECT count(*) FROM leads"), 2);
	store_close(s);
	crypto_free(&cb);

	/* The SQLite file's WAL and checkpoints (PostgreSQL has neither). */
	if (!t_db_on_postgres())
		test_checkpoints(&a);
	t_db_drop(db);

	arena_free(&a);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	T_EQ_INT(system(cmd), 0);
	return t_done();
}
