/* test_handoff.c: the waiting line's rules on a real store with a "now" the
 * test moves: lines taken and freed, positions first come first served, the
 * maximum wait, repeated webhooks, numbers that are not counted, and the
 * staleness rule for transfers whose end was lost; recording consent; and
 * the callback runner against test/fakes/fake_twilio.py: only inside opening
 * hours, retried after unanswered calls, given up after the configured
 * attempts, a lost call counted as unanswered; recording starts. */
#include "arena.h"
#include "config.h"
#include "crypto.h"
#include "err.h"
#include "handoff.h"
#include "log.h"
#include "store.h"
#include "twrest.h"
#include "t.h"
#include "t_db.h"
#include "t_fake_twilio.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define SID "AC0123456789abcdef0123456789abcdef"
#define TOKEN "fake-auth-token"
#define BERLIN_NUMBER "+4930901820"
#define BERLIN_STAFF "+4930901821"
#define FALLBACK "+4930555000"
#define BASE "https://telefon.example.de"

/* Tuesday 24 November 2026, 10:00 in Berlin (open). */
#define T0 ((int64_t)1795510800)

static char dir[256], db[300];
static struct crypto crypto;
static struct store *S;
static struct db *raw;
static struct arena A;
static int ncalls;

/* ---- helpers ---- */

static long long q_int(const char *sql, const char *p1)
{
	struct db_stmt *st;
	if (db_prepare(raw, sql, &st) != DB_OK) {
		fprintf(stderr, "bad test SQL: %s: %s\n", sql, db_errmsg(raw));
		return -1;
	}
	if (p1)
		db_bind_text(st, 1, p1, strlen(p1));   /* refused when the SQL has no ?1 */
	long long v = db_step(st) == DB_ROW ? (long long)db_column_int64(st, 0) : -1;
	db_finalize(st);
	return v;
}

static const char *q_text(char *out, size_t n, const char *sql, const char *p1)
{
	struct db_stmt *st;
	out[0] = '\0';
	if (db_prepare(raw, sql, &st) != DB_OK) {
		fprintf(stderr, "bad test SQL: %s: %s\n", sql, db_errmsg(raw));
		return out;
	}
	if (p1)
		db_bind_text(st, 1, p1, strlen(p1));
	if (db_step(st) == DB_ROW && db_column_text(st, 0))
		snprintf(out, n, "%s", db_column_text(st, 0));
	db_finalize(st);
	return out;
}

static void exec(const char *sql)
{
	T_OK(t_db_exec(raw, sql));
}

/* Opens an inbound call from phone; returns its CallSid (static buffer of the slot). */
static const char *new_call(const char *phone)
{
	static char sids[64][35];
	char *sid = sids[ncalls % 64];
	snprintf(sid, 35, "CA%032d", ++ncalls);
	struct store_lead lead;
	struct store_call call;
	struct store_call_open in = {
		.call_sid = sid, .from = phone, .to = BERLIN_NUMBER, .direction = "inbound", .status = "in-progress",
		.studio_id = 1,
	};
	T_EQ_INT(store_call_open(S, &A, &in, &lead, &call), TF_OK);
	return sid;
}

static const char *outcome(const char *sid)
{
	static char buf[64];
	return q_text(buf, sizeof(buf), "SELECT coalesce(outcome, '-') FROM lead_call_logs WHERE call_sid = ?1", sid);
}

static const char *row_state(const char *sid)
{
	static char buf[64];
	return q_text(buf, sizeof(buf), "SELECT state || '/' || coalesce(outcome, '-') FROM handoffs"
	              " WHERE call_sid = ?1 ORDER BY id DESC LIMIT 1", sid);
}

/* ---- words ---- */

static void test_words(void)
{
	char w[384];
	handoff_hold_words(w, sizeof(w), 1, true, false);
	T_OK(strstr(w, "alle Kolleginnen und Kollegen im Gespräch") && strstr(w, "Sie sind als Nächstes an der Reihe."));
	handoff_hold_words(w, sizeof(w), 3, true, false);
	T_OK(strstr(w, "Sie sind an Position 3 der Warteschlange.") != NULL);
	handoff_hold_words(w, sizeof(w), 2, false, true);
	T_EQ_STR(w, "Vielen Dank für Ihre Geduld. Sie sind jetzt an Position 2 der Warteschlange.");
	handoff_hold_words(w, sizeof(w), 1, false, false);
	T_EQ_STR(w, "Vielen Dank, dass Sie warten. Sie sind weiterhin als Nächstes an der Reihe.");
	handoff_hold_words(w, 10, 1, true, false);   /* cut, terminated */
	T_EQ_INT(strlen(w), 9);
	char g[512];
	T_EQ_INT(handoff_callback_greeting(g, sizeof(g), "Abnehmen im Liegen Berlin-Mitte", "Anna Schmidt", 10), TF_OK);
	T_OK(strncmp(g, "Guten Morgen, Anna Schmidt! Hier ist Abnehmen im Liegen Berlin-Mitte. Sie hatten um einen "
	                "Rückruf gebeten", 100) == 0);
	T_EQ_INT(handoff_callback_greeting(g, sizeof(g), "X", NULL, 19), TF_OK);
	T_OK(strncmp(g, "Guten Abend! Hier ist X.", 24) == 0);
	T_EQ_INT(handoff_callback_greeting(g, 20, "X", NULL, 12), TF_ELIMIT);
	T_OK(strstr(handoff_consent_notice(false), "drücken Sie die 2") != NULL);
	T_OK(strstr(handoff_consent_notice(true), "Wie bei Ihrem letzten Anruf") != NULL);
}

/* ---- the line ---- */

static void test_line(void)
{
	struct handoff_step st;
	const char *a = new_call("+4915100000001"), *b = new_call("+4915100000002"), *c = new_call("+4915100000003");
	int64_t now = T0;

	/* A takes the one line of Berlin. */
	T_EQ_INT(handoff_enter(S, &A, a, BERLIN_STAFF, BERLIN_NUMBER, now, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_EQ_STR(st.number, BERLIN_STAFF);
	T_EQ_STR(st.caller_id, BERLIN_NUMBER);
	T_EQ_INT(st.studio_id, 1);
	T_OK(st.say == NULL);
	/* A repeated webhook answers the same and takes no second line. */
	T_EQ_INT(handoff_enter(S, &A, a, BERLIN_STAFF, BERLIN_NUMBER, now, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_EQ_INT(q_int("SELECT count(*) FROM handoffs WHERE state = 'connected'", NULL), 1);

	/* B and C wait, in the order they came. */
	T_EQ_INT(handoff_enter(S, &A, b, BERLIN_STAFF, BERLIN_NUMBER, now + 1, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_HOLD);
	T_EQ_INT(st.position, 1);
	T_OK(st.say && strstr(st.say, "als Nächstes"));
	T_EQ_STR(outcome(b), "waiting");
	T_EQ_INT(handoff_enter(S, &A, c, BERLIN_STAFF, BERLIN_NUMBER, now + 2, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_HOLD);
	T_EQ_INT(st.position, 2);
	T_EQ_INT(handoff_check(S, &A, c, now + 20, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_HOLD);
	T_EQ_INT(st.position, 2);
	T_OK(strstr(st.say, "weiterhin an Position 2") != NULL);

	/* A's transfer ends: the line is free, but C is behind B. */
	T_EQ_INT(handoff_dial_result(S, a, "completed", now + 30), TF_OK);
	T_EQ_STR(row_state(a), "ended/completed");
	T_EQ_STR(outcome(a), "transferred");
	T_EQ_INT(handoff_check(S, &A, c, now + 31, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_HOLD);
	T_EQ_INT(st.position, 2);
	T_EQ_INT(handoff_check(S, &A, b, now + 32, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_OK(st.from_queue && st.say && strstr(st.say, "Ich verbinde Sie jetzt"));
	T_EQ_STR(outcome(b), "transferred");
	/* A second queue-check of B (a repeated request) dials again, nothing more. */
	T_EQ_INT(handoff_check(S, &A, b, now + 33, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_EQ_INT(handoff_check(S, &A, c, now + 40, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_HOLD);
	T_EQ_INT(st.position, 1);
	T_OK(strstr(st.say, "jetzt als Nächstes") != NULL);

	/* B's person did not answer: freed all the same; C goes through. */
	T_EQ_INT(handoff_dial_result(S, b, "no-answer", now + 60), TF_OK);
	T_EQ_STR(row_state(b), "ended/no-answer");
	T_EQ_INT(handoff_check(S, &A, c, now + 61, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	/* The call's final status ends what is still open. */
	T_EQ_INT(handoff_call_status(S, &A, NULL, c, "in-progress", now + 70), TF_OK);
	T_EQ_STR(row_state(c), "connected/-");
	struct config cfg = { .callback_attempts = 3 };
	T_EQ_INT(handoff_call_status(S, &A, &cfg, c, "completed", now + 90), TF_OK);
	T_EQ_STR(row_state(c), "ended/hangup");
	T_EQ_INT(q_int("SELECT count(*) FROM handoffs WHERE state <> 'ended'", NULL), 0);
	/* An unknown call changes nothing. */
	T_EQ_INT(handoff_dial_result(S, "CA00000000000000000000000000000fff", "completed", now), TF_OK);
	T_EQ_INT(handoff_check(S, &A, "CA00000000000000000000000000000fff", now, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_GONE);
	T_EQ_INT(handoff_enter(S, &A, "", BERLIN_STAFF, NULL, now, &st), TF_EINVAL);
}

static void test_max_wait_and_hangup(void)
{
	struct handoff_step st;
	struct config cfg = { .callback_attempts = 3 };
	int64_t now = T0 + 1000;
	const char *a = new_call("+4915100000011"), *b = new_call("+4915100000012"), *c = new_call("+4915100000013");
	T_EQ_INT(handoff_enter(S, &A, a, BERLIN_STAFF, NULL, now, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_OK(st.caller_id == NULL);
	T_EQ_INT(handoff_enter(S, &A, b, BERLIN_STAFF, NULL, now, &st), TF_OK);
	T_EQ_INT(handoff_enter(S, &A, c, BERLIN_STAFF, NULL, now + 5, &st), TF_OK);
	T_EQ_INT(st.position, 2);
	/* B hangs up while waiting: C moves up. */
	T_EQ_INT(handoff_call_status(S, &A, &cfg, b, "completed", now + 10), TF_OK);
	T_EQ_STR(row_state(b), "ended/hangup");
	T_EQ_STR(outcome(b), "queue_abandoned");
	T_EQ_INT(handoff_check(S, &A, c, now + 20, &st), TF_OK);
	T_EQ_INT(st.position, 1);
	/* Berlin lets callers wait 180 s: then a callback is offered. */
	T_EQ_INT(handoff_check(S, &A, c, now + 5 + 179, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_HOLD);
	T_EQ_INT(handoff_check(S, &A, c, now + 5 + 180, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_TIMEOUT);
	T_EQ_STR(row_state(c), "ended/timeout");
	/* ... but a free line wins over the clock. */
	const char *d = new_call("+4915100000014");
	T_EQ_INT(handoff_enter(S, &A, d, BERLIN_STAFF, NULL, now + 200, &st), TF_OK);
	T_EQ_INT(handoff_check(S, &A, d, now + 300, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_HOLD);
	T_EQ_INT(handoff_dial_result(S, a, "completed", now + 350), TF_OK);
	T_EQ_INT(handoff_check(S, &A, d, now + 400, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_EQ_INT(handoff_dial_result(S, d, "completed", now + 700), TF_OK);

	/* A studio without a waiting line: a callback at once when busy. */
	exec("UPDATE studios SET max_wait_seconds = 0 WHERE id = 1");
	const char *e = new_call("+4915100000015"), *f = new_call("+4915100000016");
	T_EQ_INT(handoff_enter(S, &A, e, BERLIN_STAFF, NULL, now + 800, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_EQ_INT(handoff_enter(S, &A, f, BERLIN_STAFF, NULL, now + 801, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_TIMEOUT);
	T_EQ_INT(q_int("SELECT count(*) FROM handoffs WHERE call_sid = ?1", f), 0);
	/* Two lines: two callers at once. */
	exec("UPDATE studios SET max_wait_seconds = 180, staff_lines = 2 WHERE id = 1");
	T_EQ_INT(handoff_enter(S, &A, f, BERLIN_STAFF, NULL, now + 802, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	/* 0 staff lines: not counted at all. */
	exec("UPDATE studios SET staff_lines = 0 WHERE id = 1");
	const char *g = new_call("+4915100000017");
	T_EQ_INT(handoff_enter(S, &A, g, BERLIN_STAFF, NULL, now + 803, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	exec("UPDATE studios SET staff_lines = 1 WHERE id = 1");
	T_EQ_INT(handoff_dial_result(S, e, "completed", now + 900), TF_OK);
	T_EQ_INT(handoff_dial_result(S, f, "completed", now + 900), TF_OK);
	T_EQ_INT(handoff_dial_result(S, g, "completed", now + 900), TF_OK);

	/* The fallback number belongs to no studio: never counted, never waits. */
	const char *h = new_call("+4915100000018"), *i = new_call("+4915100000019");
	T_EQ_INT(handoff_enter(S, &A, h, FALLBACK, NULL, now + 1000, &st), TF_OK);
	T_EQ_INT(handoff_enter(S, &A, i, FALLBACK, NULL, now + 1000, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_EQ_INT(st.studio_id, 0);
	T_EQ_INT(q_int("SELECT count(*) FROM handoffs WHERE state = 'connected' AND studio_id IS NULL", NULL), 2);
	T_EQ_INT(handoff_call_status(S, &A, &cfg, h, "completed", now + 1100), TF_OK);
	T_EQ_INT(handoff_call_status(S, &A, &cfg, i, "canceled", now + 1100), TF_OK);
}

static void test_stale(void)
{
	struct handoff_step st;
	int64_t now = T0 + 10000;
	const char *a = new_call("+4915100000021"), *b = new_call("+4915100000022"), *c = new_call("+4915100000023");
	/* A is put through; its dial-status and final status never come. */
	T_EQ_INT(handoff_enter(S, &A, a, BERLIN_STAFF, NULL, now, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	/* B waits; its hold loop stops (the call is gone, its status lost). */
	T_EQ_INT(handoff_enter(S, &A, b, BERLIN_STAFF, NULL, now + 10, &st), TF_OK);
	T_EQ_INT(handoff_enter(S, &A, c, BERLIN_STAFF, NULL, now + 20, &st), TF_OK);
	T_EQ_INT(st.position, 2);
	/* C keeps asking; after HANDOFF_WAITING_STALE_S without a word B is out. */
	T_EQ_INT(handoff_check(S, &A, c, now + 10 + HANDOFF_WAITING_STALE_S - 1, &st), TF_OK);
	T_EQ_INT(st.position, 2);
	T_EQ_INT(handoff_check(S, &A, c, now + 10 + HANDOFF_WAITING_STALE_S + 1, &st), TF_OK);
	T_EQ_INT(st.position, 1);
	T_EQ_STR(row_state(b), "ended/stale");
	/* A's line is in use until the staleness rule ends it. */
	exec("UPDATE studios SET max_wait_seconds = 86400 WHERE id = 1");
	for (int64_t t = now + 300; t < now + HANDOFF_CONNECTED_STALE_S; t += 120) {
		T_EQ_INT(handoff_check(S, &A, c, t, &st), TF_OK);
		if (st.action != HANDOFF_HOLD)
			break;
	}
	T_EQ_INT(st.action, HANDOFF_HOLD);
	T_EQ_INT(handoff_check(S, &A, c, now + HANDOFF_CONNECTED_STALE_S + 1, &st), TF_OK);
	T_EQ_INT(st.action, HANDOFF_DIAL);
	T_EQ_STR(row_state(a), "ended/stale");
	exec("UPDATE studios SET max_wait_seconds = 180 WHERE id = 1");
	T_EQ_INT(handoff_dial_result(S, c, "completed", now + HANDOFF_CONNECTED_STALE_S + 100), TF_OK);
	/* Ended rows are deleted after HANDOFF_KEEP_S. */
	int n = -1;
	T_EQ_INT(handoff_purge(S, T0 - 1 + HANDOFF_KEEP_S, &n), TF_OK);
	T_EQ_INT(n, 0);
	T_EQ_INT(handoff_purge(S, now + HANDOFF_CONNECTED_STALE_S + 101 + HANDOFF_KEEP_S, &n), TF_OK);
	T_OK(n >= 3);
	T_EQ_INT(q_int("SELECT count(*) FROM handoffs WHERE call_sid IN (?1)", a), 0);
}

/* ---- consent ---- */

static void test_consent(void)
{
	const char *a = new_call("+4915100000031"), *b = new_call("+4915100000032"), *c = new_call("+4915100000033");
	const char *v;
	T_EQ_INT(store_consent_get(S, &A, a, &v), TF_OK);
	T_OK(v == NULL);
	T_EQ_INT(store_consent_set(S, a, "asked", true), TF_OK);
	T_EQ_INT(store_consent_set(S, a, "refused", true), TF_OK);   /* only if unset: stays asked */
	T_EQ_INT(store_consent_get(S, &A, a, &v), TF_OK);
	T_EQ_STR(v, "asked");
	T_EQ_INT(store_consent_get(S, &A, "CA0000000000000000000000000000ffff", &v), TF_ENOTFOUND);

	/* Given: a recording start is queued, once. */
	T_EQ_INT(store_consent_answer(S, a, true, T0), TF_OK);
	T_EQ_INT(store_consent_answer(S, a, false, T0), TF_OK);      /* already answered: unchanged */
	T_EQ_INT(store_consent_get(S, &A, a, &v), TF_OK);
	T_EQ_STR(v, "given");
	T_EQ_INT(q_int("SELECT count(*) FROM recording_starts WHERE call_sid = ?1 AND status = 'queued'", a), 1);
	T_EQ_INT(q_int("SELECT count(*) FROM recordings WHERE call_sid = ?1", a), 0);

	/* Refused: a refusal row, no start. */
	T_EQ_INT(store_consent_set(S, b, "asked", true), TF_OK);
	T_EQ_INT(store_consent_answer(S, b, false, T0), TF_OK);
	T_EQ_INT(q_int("SELECT count(*) FROM recordings WHERE call_sid = ?1 AND status = 'refused'"
	               " AND recording_sid IS NULL", b), 1);
	T_EQ_INT(q_int("SELECT count(*) FROM recording_starts WHERE call_sid = ?1", b), 0);

	/* Recorded from the start (a callback), then refused: any recording of
	 * the call, now or reported later, is marked for deletion. */
	T_EQ_INT(store_consent_set(S, c, "asked_recording", true), TF_OK);
	struct store_recording r = { .call_sid = c, .recording_sid = "RE00000000000000000000000000000c01",
	                             .status = "in-progress", .duration = -1, .channels = -1 };
	T_EQ_INT(store_recording_upsert(S, &r), TF_OK);
	T_EQ_INT(store_consent_answer(S, c, false, T0), TF_OK);
	T_EQ_INT(q_int("SELECT count(*) FROM recordings WHERE call_sid = ?1 AND delete_requested_at IS NOT NULL", c), 1);
	r.recording_sid = "RE00000000000000000000000000000c02";
	r.status = "completed";
	T_EQ_INT(store_recording_upsert(S, &r), TF_OK);
	int n = -1;
	T_EQ_INT(store_consent_enforce(S, c, &n), TF_OK);
	T_EQ_INT(n, 1);
	T_EQ_INT(store_consent_enforce(S, a, &n), TF_OK);   /* consented: nothing marked */
	T_EQ_INT(n, 0);
	/* Given on a recorded callback: nothing to start. */
	const char *d = new_call("+4915100000034");
	T_EQ_INT(store_consent_set(S, d, "asked_recording", true), TF_OK);
	T_EQ_INT(store_consent_answer(S, d, true, T0), TF_OK);
	T_EQ_INT(q_int("SELECT count(*) FROM recording_starts WHERE call_sid = ?1", d), 0);
}

/* ---- the fake ---- */

/* The requests to paths ending in `tail`, as a JSON array (caller deletes). */
static cJSON *fake_requests(const struct t_fake *f, const char *tail)
{
	cJSON *all = t_fake_records(f);
	size_t tl = strlen(tail);
	for (int i = cJSON_GetArraySize(all) - 1; i >= 0; i--) {
		const char *path = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(all, i), "path"));
		size_t pl = path ? strlen(path) : 0;
		if (pl < tl || strcmp(path + pl - tl, tail) != 0)
			cJSON_DeleteItemFromArray(all, i);
	}
	return all;
}

static const char *form_of(const cJSON *req, const char *name)
{
	return cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(req, "form"), name));
}

/* ---- callbacks ---- */

static int64_t request_callback(const char *phone, const char **asking_sid)
{
	const char *sid = new_call(phone);
	bool created;
	T_EQ_INT(store_callback_request(S, q_int("SELECT lead_id FROM lead_call_logs WHERE call_sid = ?1", sid), 1, sid,
	                                "dtmf", &created), TF_OK);
	T_OK(created);
	if (asking_sid)
		*asking_sid = sid;
	return q_int("SELECT id FROM callback_requests WHERE call_sid = ?1", sid);
}

static const char *cb_state(int64_t id)
{
	static char buf[128];
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT status || '/' || attempts || '/' || coalesce(last_result, '-')"
	         " FROM callback_requests WHERE id = %lld", (long long)id);
	return q_text(buf, sizeof(buf), sql, NULL);
}

static const char *cb_call(int64_t id)
{
	static char buf[64];
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT last_call_sid FROM callback_requests WHERE id = %lld", (long long)id);
	return q_text(buf, sizeof(buf), sql, NULL);
}

static void test_callbacks(struct t_fake *f, struct twrest *t)
{
	struct config cfg = {
		.base_url = BASE "/", .twilio_phone_number = "+4930000000", .callback_attempts = 2,
		.callback_retry_minutes = 30, .record_calls = true,
	};
	struct handoff_callback_stats st;
	exec("UPDATE callback_requests SET status = 'cancelled'");
	const char *asking;
	int64_t id = request_callback("+4915100000041", &asking);
	/* The asking call consented: the callback is recorded from the start. */
	T_EQ_INT(store_consent_set(S, asking, "asked", true), TF_OK);
	T_EQ_INT(store_consent_answer(S, asking, true, T0), TF_OK);

	/* Without BASE_URL nothing goes out. */
	struct config nobase = cfg;
	nobase.base_url = "";
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &nobase, T0, 10, &st), TF_ECONFIG);
	T_EQ_STR(cb_state(id), "pending/0/-");

	/* Tuesday 22:00 in Berlin: closed; moved to Wednesday 9:00. */
	int64_t evening = T0 + 12 * 3600;
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, evening, 10, &st), TF_OK);
	T_EQ_INT(st.deferred, 1);
	T_EQ_INT(st.placed, 0);
	T_EQ_STR(cb_state(id), "pending/0/closed");
	char next[32];
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT next_attempt_at FROM callback_requests WHERE id = %lld", (long long)id);
	T_EQ_STR(q_text(next, sizeof(next), sql, NULL), "2026-11-25 08:00:00");
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, evening + 3600, 10, &st), TF_OK);
	T_EQ_INT(st.deferred + st.placed, 0);
	cJSON *calls = fake_requests(f, "/Calls.json");
	T_EQ_INT(cJSON_GetArraySize(calls), 0);
	cJSON_Delete(calls);

	/* Wednesday 9:01: placed, from Berlin's number, recorded. */
	int64_t wed = T0 + 23 * 3600 + 60;
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed, 10, &st), TF_OK);
	T_EQ_INT(st.placed, 1);
	T_EQ_STR(cb_state(id), "calling/1/placed");
	calls = fake_requests(f, "/Calls.json");
	T_EQ_INT(cJSON_GetArraySize(calls), 1);
	const cJSON *c0 = cJSON_GetArrayItem(calls, 0);
	T_EQ_STR(form_of(c0, "To"), "+4915100000041");
	T_EQ_STR(form_of(c0, "From"), BERLIN_NUMBER);
	char url[128];
	snprintf(url, sizeof(url), BASE "/api/v1/twilio/voice/webhook?callback=%lld", (long long)id);
	T_EQ_STR(form_of(c0, "Url"), url);
	T_EQ_STR(form_of(c0, "StatusCallback"), BASE "/api/v1/twilio/status/callback");
	T_EQ_STR(form_of(c0, "Record"), "true");
	T_EQ_STR(form_of(c0, "RecordingStatusCallback"), BASE "/api/v1/twilio/recording/callback");
	cJSON_Delete(calls);
	char call1[64];
	snprintf(call1, sizeof(call1), "%s", cb_call(id));
	T_OK(strncmp(call1, "CA", 2) == 0);

	/* Busy: waits for the retry interval of the runner's clock. */
	T_EQ_INT(handoff_call_status(S, &A, &cfg, call1, "busy", wed + 40), TF_OK);
	T_EQ_STR(cb_state(id), "pending/1/busy");
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed + 29 * 60, 10, &st), TF_OK);
	T_EQ_INT(st.placed, 0);
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed + 30 * 60, 10, &st), TF_OK);
	T_EQ_INT(st.placed, 1);
	T_EQ_STR(cb_state(id), "calling/2/placed");
	/* No answer on the last attempt: given up. */
	T_EQ_INT(handoff_call_status(S, &A, &cfg, cb_call(id), "no-answer", wed + 31 * 60), TF_OK);
	T_EQ_STR(cb_state(id), "failed/2/no-answer");
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed + 5 * 3600, 10, &st), TF_OK);
	T_EQ_INT(st.placed, 0);

	/* A call whose end never came counts as unanswered after the interval. */
	int64_t id2 = request_callback("+4915100000042", NULL);
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed, 10, &st), TF_OK);
	T_EQ_INT(st.placed, 1);
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed + 20 * 60, 10, &st), TF_OK);
	T_EQ_INT(st.placed, 0);
	T_EQ_STR(cb_state(id2), "calling/1/placed");
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed + 31 * 60, 10, &st), TF_OK);
	T_EQ_INT(st.placed, 1);
	T_EQ_STR(cb_state(id2), "calling/2/placed");
	calls = fake_requests(f, "/Calls.json");
	const cJSON *last = cJSON_GetArrayItem(calls, cJSON_GetArraySize(calls) - 1);
	T_OK(form_of(last, "Record") == NULL);   /* the asking call was not asked: not recorded */
	cJSON_Delete(calls);
	/* Answered: the webhook marks it done, the final status changes nothing. */
	struct store_callback cb;
	T_EQ_INT(handoff_callback_answered(S, &A, id2, &cb), TF_OK);
	T_EQ_STR(cb.phone, "+4915100000042");
	T_EQ_STR(cb_state(id2), "done/2/answered");
	T_EQ_INT(handoff_call_status(S, &A, &cfg, cb_call(id2), "completed", wed + 40 * 60), TF_OK);
	T_EQ_STR(cb_state(id2), "done/2/answered");
	T_EQ_INT(handoff_callback_answered(S, &A, 999999, &cb), TF_ENOTFOUND);

	/* A number Twilio refuses for good. */
	int64_t id3 = request_callback("+15005550001", NULL);
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed, 10, &st), TF_OK);
	T_EQ_INT(st.failed, 1);
	char st3[128];
	snprintf(st3, sizeof(st3), "%s", cb_state(id3));
	T_OK(strncmp(st3, "failed/0/http 400", 17) == 0);

	/* Two runners at once: a request claimed by one is not placed by the
	 * other; a runner that died while placing leaves it to the next after
	 * the claim's lease, without counting an attempt. */
	int64_t id4 = request_callback("+4915100000044", NULL);
	struct store_callback *claimed;
	size_t nclaimed;
	T_EQ_INT(store_callback_claim(S, &A, wed, HANDOFF_CALLBACK_CLAIM_S, 10, &claimed, &nclaimed), TF_OK);
	T_EQ_INT(nclaimed, 1);
	T_EQ_INT(claimed[0].id, id4);
	T_EQ_STR(claimed[0].status, "pending");
	T_EQ_STR(cb_state(id4), "calling/0/placing");
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed + 1, 10, &st), TF_OK);
	T_EQ_INT(st.placed + st.failed + st.deferred + st.retried, 0);
	T_EQ_INT(handoff_place_callbacks(S, t, &A, &cfg, wed + HANDOFF_CALLBACK_CLAIM_S, 10, &st), TF_OK);
	T_EQ_INT(st.placed, 1);
	T_EQ_STR(cb_state(id4), "calling/1/placed");
	T_EQ_INT(handoff_call_status(S, &A, &cfg, cb_call(id4), "completed", wed + 600), TF_OK);
	T_EQ_STR(cb_state(id4), "done/1/answered");

	/* The list views. */
	struct store_callback *list;
	size_t n;
	T_EQ_INT(store_callback_list(S, &A, true, 50, &list, &n), TF_OK);
	T_OK(n >= 4);
	T_EQ_INT(list[0].id, id4);
	T_EQ_INT(list[1].id, id3);
	T_EQ_INT(store_callback_list(S, &A, false, 50, &list, &n), TF_OK);
	T_EQ_INT(n, 0);
}

static void test_recording_starts(struct t_fake *f, struct twrest *t)
{
	struct config cfg = { .base_url = BASE };
	int started = -1, failed = -1;
	/* test_consent queued one start. */
	T_EQ_INT(handoff_start_recordings(S, t, &A, &cfg, T0 + 5, 10, &started, &failed), TF_OK);
	T_OK(started >= 1);
	T_EQ_INT(failed, 0);
	cJSON *req = fake_requests(f, "/Recordings.json");
	T_OK(cJSON_GetArraySize(req) >= 1);
	T_EQ_STR(form_of(cJSON_GetArrayItem(req, 0), "RecordingStatusCallback"), BASE "/api/v1/twilio/recording/callback");
	cJSON_Delete(req);
	T_EQ_INT(q_int("SELECT count(*) FROM recording_starts WHERE status <> 'started'", NULL), 0);
	T_EQ_INT(q_int("SELECT count(*) FROM recordings r JOIN recording_starts s ON s.recording_sid = r.recording_sid"
	               " WHERE r.status = 'in-progress'", NULL), started);
	/* Nothing due: nothing sent. */
	T_EQ_INT(handoff_start_recordings(S, t, &A, &cfg, T0 + 6, 10, &started, &failed), TF_OK);
	T_EQ_INT(started, 0);
	cfg.base_url = "";
	T_EQ_INT(handoff_start_recordings(S, t, &A, &cfg, T0 + 6, 10, &started, &failed), TF_ECONFIG);
}

int main(void)
{
	static const char *const proxies[] = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
	                                       "ALL_PROXY" };
	for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
	signal(SIGPIPE, SIG_IGN);
	log_set_level(LOG_ERROR);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	arena_init(&A, 16 * 1024 * 1024);

	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_handoff.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	t_db_target(db, sizeof(db), dir);
	char msg[200];
	T_EQ_INT(crypto_init(&crypto, KEY, msg, sizeof(msg)), TF_OK);
	T_EQ_INT(store_open(&S, db, &crypto, 10000), TF_OK);
	T_EQ_INT(store_migrate(S, NULL), TF_OK);
	T_EQ_INT(store_seed_example(S), TF_OK);
	T_OK((raw = t_db_open(db)) != NULL);
	T_EQ_INT(q_int("SELECT staff_lines FROM studios WHERE id = 1", NULL), 1);

	test_words();
	test_line();
	arena_reset(&A);
	test_max_wait_and_hangup();
	arena_reset(&A);
	test_stale();
	arena_reset(&A);
	test_consent();
	arena_reset(&A);
	struct t_fake f;
	if (t_fake_start(&f, dir, "twilio", SID, TOKEN, NULL)) {
		struct twrest *t = NULL;
		T_EQ_INT(twrest_open(&t, f.base, SID, TOKEN), TF_OK);
		test_callbacks(&f, t);
		arena_reset(&A);
		test_recording_starts(&f, t);
		twrest_close(t);
		t_fake_stop(&f);
	} else {
		T_OK(!"fake_twilio.py started");
	}

	db_close(raw);
	store_close(S);
	t_db_drop(db);
	crypto_free(&crypto);
	arena_free(&A);
	curl_global_cleanup();
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return t_done();
}
