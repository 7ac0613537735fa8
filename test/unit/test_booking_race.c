/* test_booking_race.c: many processes, each with its own store on the same
 * SQLite file, book the same slot at the same moment: exactly `capacity` of
 * them succeed and the others are told 'taken' with alternatives. Then a
 * throughput run: processes booking distinct slots for distinct leads for a
 * few seconds, printing how many bookings per second committed. */
#include "arena.h"
#include "booking.h"
#include "buf.h"
#include "clock.h"
#include "crypto.h"
#include "err.h"
#include "log.h"
#include "store.h"
#include "t.h"
#include "t_db.h"


#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define RACERS 16
#define TP_PROCS 8
#define TP_LEADS_PER_PROC 4000
#define TP_SECONDS 2
#define BUSY_MS 20000

static char dir[256], db[300];
static struct crypto crypto;
static struct db *raw;

#define q_int(sql, p1, p2) t_q_int(raw, sql, p1, p2)

/* Tuesday 2030-01-08, 10:00 in Berlin; "now" is the Monday before. */
static int64_t now_utc, slot_utc;

static bool exec_sql(const char *sql)
{
	return t_db_exec(raw, sql);
}

/* A studio open every day around the clock, without holidays of its own. */
static int64_t add_studio(const char *slug, const char *number, int slot_minutes, int capacity, int horizon_days)
{
	char sql[600];
	snprintf(sql, sizeof(sql),
	         "INSERT INTO studios (slug, name, city, address, region, timezone, twilio_number, slot_minutes,"
	         " capacity, lead_minutes, horizon_days) VALUES ('%s', 'Studio %s', 'Berlin', 'Teststraße 1, 10117 Berlin',"
	         " 'XX', 'Europe/Berlin', '%s', %d, %d, 0, %d)",
	         slug, slug, number, slot_minutes, capacity, horizon_days);
	if (!exec_sql(sql))
		return 0;
	int64_t id = t_q_int(raw, "SELECT id FROM studios WHERE twilio_number = ?2", 0, number);
	snprintf(sql, sizeof(sql),
	         "INSERT INTO opening_hours (studio_id, weekday, opens, closes) SELECT %lld, d.wd, '00:00', '24:00' FROM"
	         " (SELECT 0 AS wd UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
	         "  UNION ALL SELECT 5 UNION ALL SELECT 6) d",
	         (long long)id);
	return exec_sql(sql) ? id : 0;
}

/* n leads with numbers from +49151200<first>...: sealed and hashed exactly as
 * lib/store/store_calls.c stores them, in one transaction. */
static bool add_leads(int first, int n)
{
	struct db_stmt *st;
	if (!exec_sql("BEGIN"))
		return false;
	if (db_prepare(raw, "INSERT INTO leads (id, phone_hash, phone_enc) VALUES (?1, ?2, ?3)", &st) !=
	    DB_OK)
		return false;
	struct buf b;
	buf_init(&b, 4096);
	bool ok = true;
	for (int i = first; ok && i < first + n; i++) {
		char phone[32], hash[65];
		snprintf(phone, sizeof(phone), "+49151200%05d", i);
		buf_reset(&b);
		ok = crypto_hash_phone(&crypto, phone, hash) == TF_OK &&
		     crypto_seal(&crypto, phone, strlen(phone), "leads.phone", &b) == TF_OK;
		db_reset(st);
		db_bind_int64(st, 1, i);
		db_bind_text(st, 2, hash, strlen(hash));
		db_bind_blob(st, 3, b.data, b.len);
		ok = ok && db_step(st) == DB_DONE;
	}
	buf_free(&b);
	db_finalize(st);
	/* PostgreSQL's identity does not see ids given by hand: it goes on after them. */
	if (ok && t_db_on_postgres())
		ok = exec_sql("SELECT setval(pg_get_serial_sequence('leads', 'id'), (SELECT max(id) FROM leads))");
	return exec_sql(ok ? "COMMIT" : "ROLLBACK") && ok;
}

/* ---- child processes ---- */

struct verdict {
	int idx, err, result, nalt, alt_ok;
	int booked;                 /* throughput: bookings committed */
	int refused, errors;
	long long us;
};

static void write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		c += w;
		n -= (size_t)w;
	}
}

/* Opens its own store, says it is ready, waits for the start signal (the
 * start pipe closing) and runs `job`. Never returns. */
typedef void (*job_fn)(struct store *s, struct arena *a, int idx, struct verdict *v);

static void child(int idx, int ready_fd, int go_fd, int out_fd, int64_t studio, job_fn job)
{
	struct store *s = NULL;
	struct arena a;
	struct verdict v = { .idx = idx };
	arena_init(&a, 16 * 1024 * 1024);
	v.err = store_open(&s, db, &crypto, BUSY_MS);
	const struct store_studios *all;
	if (v.err == TF_OK)
		v.err = store_studios(s, &all);     /* warm the cache: the race is on the booking */
	if (v.err == TF_OK && store_studio_by_id(all, studio) == NULL)
		v.err = TF_ENOTFOUND;
	write_all(ready_fd, "r", 1);
	char c;
	while (read(go_fd, &c, 1) < 0 && errno == EINTR)
		;
	if (v.err == TF_OK)
		job(s, &a, idx, &v);
	write_all(out_fd, &v, sizeof(v));
	store_close(s);
	arena_free(&a);
	_exit(0);
}

struct run {
	pid_t pids[RACERS > TP_PROCS ? RACERS : TP_PROCS];
	struct verdict v[RACERS > TP_PROCS ? RACERS : TP_PROCS];
	int n, got;
	long long wall_us;          /* from the start signal to the last verdict */
};

static int64_t run_studio;

/* Forks n children, releases them together, collects their verdicts. */
static bool run_children(struct run *r, int n, int64_t studio, job_fn job)
{
	int ready[2], go[2], out[2];
	memset(r, 0, sizeof(*r));
	r->n = n;
	run_studio = studio;
	if (pipe(ready) || pipe(go) || pipe(out))
		return false;
	fflush(NULL);
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			r->n = i;
			break;
		}
		if (pid == 0) {
			close(ready[0]);
			close(go[1]);
			close(out[0]);
			child(i, ready[1], go[0], out[1], studio, job);
		}
		r->pids[i] = pid;
	}
	close(ready[1]);
	close(go[0]);
	close(out[1]);
	/* Everybody ready (store open), then go. */
	int seen = 0;
	while (seen < r->n) {
		struct pollfd p = { .fd = ready[0], .events = POLLIN };
		char buf[64];
		if (poll(&p, 1, 20000) <= 0)
			break;
		ssize_t k = read(ready[0], buf, sizeof(buf));
		if (k <= 0)
			break;
		seen += (int)k;
	}
	long long t0 = clock_mono_us();
	close(go[1]);
	size_t have = 0;
	char *dst = (char *)r->v;
	size_t want = (size_t)r->n * sizeof(struct verdict);
	while (have < want) {
		struct pollfd p = { .fd = out[0], .events = POLLIN };
		if (poll(&p, 1, 60000) <= 0)
			break;
		ssize_t k = read(out[0], dst + have, want - have);
		if (k <= 0)
			break;
		have += (size_t)k;
	}
	r->wall_us = clock_mono_us() - t0;
	r->got = (int)(have / sizeof(struct verdict));
	close(ready[0]);
	close(out[0]);
	for (int i = 0; i < r->n; i++) {
		int status = 0;
		if (r->got < r->n)
			kill(r->pids[i], SIGKILL);
		if (waitpid(r->pids[i], &status, 0) != r->pids[i] || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fprintf(stderr, "child %d ended badly (status %d)\n", i, status);
	}
	return r->got == r->n && seen == r->n;
}

/* ---- the race for one slot ---- */

static void race_job(struct store *s, struct arena *a, int idx, struct verdict *v)
{
	struct booking_request req = {
		.lead_id = 1 + idx, .studio_id = run_studio, .start_utc = slot_utc, .now_utc = now_utc,
		.source = "phone", .sms_from = "+4930000000",
	};
	struct booking_outcome o;
	v->err = booking_book(s, a, &req, &o);
	v->result = o.result;
	v->nalt = (int)o.nalternatives;
	v->alt_ok = 1;
	for (size_t i = 0; i < o.nalternatives; i++)
		if (o.alternatives[i].start_utc == slot_utc || o.alternatives[i].start_utc <= now_utc)
			v->alt_ok = 0;
	if (o.result == BOOKING_OK && o.appointment_id <= 0)
		v->alt_ok = 0;
}

static void test_race(int64_t studio, int capacity)
{
	struct run r;
	T_OK(run_children(&r, RACERS, studio, race_job));
	int ok = 0, taken = 0, other = 0;
	for (int i = 0; i < r.got; i++) {
		const struct verdict *v = &r.v[i];
		T_EQ_INT(v->err, TF_OK);
		if (v->result == BOOKING_OK) {
			ok++;
		} else if (v->result == BOOKING_TAKEN) {
			taken++;
			T_OK(v->nalt >= 1);
		} else {
			other++;
			fprintf(stderr, "  racer %d: %s\n", v->idx, booking_result_name((enum booking_result)v->result));
		}
		T_OK(v->alt_ok);
	}
	T_EQ_INT(ok, capacity);
	T_EQ_INT(taken, RACERS - capacity);
	T_EQ_INT(other, 0);

	char t[20];
	store_format_utc(slot_utc, t);
	T_EQ_INT(q_int("SELECT count(*) FROM appointments WHERE studio_id = ?1 AND starts_at = ?2", studio, t), capacity);
	T_EQ_INT(q_int("SELECT count(*) FROM sms_outbox WHERE kind = 'confirmation' AND appointment_id IN"
	               " (SELECT id FROM appointments WHERE studio_id = ?1)", studio, NULL),
	         capacity);
	T_EQ_INT(q_int("SELECT count(DISTINCT lead_id) FROM appointments WHERE studio_id = ?1", studio, NULL), capacity);
	printf("race for one slot of a capacity-%d studio: %d processes, %d booked, %d taken, %.1f ms\n", capacity,
	       RACERS, ok, taken, (double)r.wall_us / 1000.0);
}

/* ---- one new caller's first calls at once ---- */

/* Each racer opens a call of its own from the same number nobody knows yet
 * (two hosts, or two workers, taking a caller's calls at the same moment). */
static void lead_job(struct store *s, struct arena *a, int idx, struct verdict *v)
{
	char sid[40];
	snprintf(sid, sizeof(sid), "CArace%032d", idx);
	struct store_call_open in = {
		.call_sid = sid, .from = "+4915199887766", .to = "+4930900001", .status = "ringing",
		.studio_id = run_studio,
	};
	struct store_lead lead;
	struct store_call call;
	v->err = store_call_open(s, a, &in, &lead, &call);
	v->result = (int)lead.id;
}

static void test_lead_race(int64_t studio)
{
	struct run r;
	T_OK(run_children(&r, RACERS, studio, lead_job));
	for (int i = 0; i < r.got; i++) {
		T_EQ_INT(r.v[i].err, TF_OK);           /* no call falls back on a conflict */
		T_EQ_INT(r.v[i].result, r.v[0].result); /* all found the one lead */
	}
	T_OK(r.got > 0 && r.v[0].result > 0);
	T_EQ_INT(q_int("SELECT count(*) FROM lead_call_logs WHERE call_sid LIKE 'CArace%'", 0, NULL), RACERS);
	T_EQ_INT(q_int("SELECT count(DISTINCT lead_id) FROM lead_call_logs WHERE call_sid LIKE 'CArace%'", 0, NULL), 1);
	T_EQ_INT(q_int("SELECT call_count FROM leads WHERE id = ?1", r.got > 0 ? r.v[0].result : 0, NULL), RACERS);
	printf("first calls of one new caller: %d processes, one lead\n", RACERS);
}

/* ---- throughput ---- */

static int64_t tp_first_lead;

static void tp_job(struct store *s, struct arena *a, int idx, struct verdict *v)
{
	long long t0 = clock_mono_us(), deadline = t0 + 1000000LL * TP_SECONDS;
	/* Process idx takes every TP_PROCS-th 5-minute slot from the day after now. */
	for (int k = 0; k < TP_LEADS_PER_PROC && clock_mono_us() < deadline; k++) {
		struct booking_request req = {
			.lead_id = tp_first_lead + (int64_t)idx * TP_LEADS_PER_PROC + k, .studio_id = run_studio,
			.start_utc = slot_utc + 86400 + ((int64_t)k * TP_PROCS + idx) * 300, .now_utc = now_utc,
			.source = "phone", .sms_from = "+4930000000",
		};
		struct booking_outcome o;
		int err = booking_book(s, a, &req, &o);
		if (err)
			v->errors++;
		else if (o.result == BOOKING_OK)
			v->booked++;
		else
			v->refused++;          /* a holiday of the calendar, say */
		arena_reset(a);
	}
	v->us = clock_mono_us() - t0;
}

static void test_throughput(int64_t studio)
{
	tp_first_lead = 1000;
	T_OK(add_leads((int)tp_first_lead, TP_PROCS * TP_LEADS_PER_PROC));
	struct run r;
	T_OK(run_children(&r, TP_PROCS, studio, tp_job));
	long long booked = 0, refused = 0, errors = 0;
	bool ran_out = false;
	for (int i = 0; i < r.got; i++) {
		booked += r.v[i].booked;
		refused += r.v[i].refused;
		errors += r.v[i].errors;
		if (r.v[i].booked + r.v[i].refused + r.v[i].errors >= TP_LEADS_PER_PROC)
			ran_out = true;
	}
	T_EQ_INT(errors, 0);
	T_OK(booked > 0);
	T_EQ_INT(q_int("SELECT count(*) FROM appointments WHERE studio_id = ?1 AND status = 'booked'", studio, NULL), booked);
	T_EQ_INT(q_int("SELECT count(*) FROM sms_outbox WHERE kind = 'confirmation' AND appointment_id IN"
	               " (SELECT id FROM appointments WHERE studio_id = ?1)", studio, NULL),
	         booked);
	T_EQ_INT(q_int("SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM appointments WHERE studio_id = ?1"
	               " GROUP BY starts_at) AS per_slot", studio, NULL),
	         1);
	double secs = (double)r.wall_us / 1e6;
	printf("throughput: %d processes on %ld cores booked %lld distinct slots in %.2f s (%lld refused): "
	       "%.0f committed bookings/s, durable commits with the SMS in the same transaction\n",
	       TP_PROCS, sysconf(_SC_NPROCESSORS_ONLN), booked, secs, refused, secs > 0 ? (double)booked / secs : 0.0);
	if (ran_out)
		printf("throughput: ran out of leads before the deadline; the figure is a lower bound\n");
}

static void cleanup(void)
{
	if (raw)
		db_close(raw);
	raw = NULL;
	t_db_drop(db);
	static const char *const tails[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		char p[320];
		snprintf(p, sizeof(p), "%s%s", db, tails[i]);
		unlink(p);
	}
	if (dir[0])
		rmdir(dir);
	crypto_free(&crypto);
}

int main(void)
{
	log_set_level(LOG_ERROR);
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_booking_race.XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	t_db_target(db, sizeof(db), dir);
	char msg[200];
	T_EQ_INT(crypto_init(&crypto, KEY, msg, sizeof(msg)), TF_OK);
	T_OK(store_parse_utc("2030-01-07 06:00:00", &now_utc));
	T_OK(store_parse_utc("2030-01-08 09:00:00", &slot_utc));

	/* Set up with one store, closed again before any fork. */
	struct store *s = NULL;
	T_EQ_INT(store_open(&s, db, &crypto, BUSY_MS), TF_OK);
	if (s) {
		T_EQ_INT(store_migrate(s, NULL), TF_OK);
		T_EQ_INT(store_seed_example(s), TF_OK);
		store_close(s);
	}
	T_OK((raw = t_db_open(db)) != NULL);
	int64_t one = add_studio("race-one", "+4930900001", 60, 1, 60);
	int64_t two = add_studio("race-two", "+4930900002", 60, 2, 60);
	int64_t tp = add_studio("race-throughput", "+4930900003", 5, 1, 730);
	T_OK(one > 0 && two > 0 && tp > 0);
	T_OK(add_leads(1, RACERS));

	if (t_failed == 0) {
		test_race(one, 1);
		/* The same leads again, from an empty calendar. */
		exec_sql("DELETE FROM sms_outbox; DELETE FROM appointments;");
		test_race(two, 2);
		exec_sql("DELETE FROM sms_outbox; DELETE FROM appointments;");
		test_lead_race(one);
		test_throughput(tp);
	}
	cleanup();
	return t_done();
}
