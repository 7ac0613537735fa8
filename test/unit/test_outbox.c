/* test_outbox.c: the SMS path end to end: bookings queue SMS, outbox_send_due
 * sends them to test/fakes/fake_twilio.py on loopback (Basic auth checked),
 * retries 5xx with back-off on a "now" that the test moves forward, gives up
 * on permanent refusals, and after a sender dies between claim and send the
 * message goes out exactly once when the lease runs out. Delivery reports
 * move a message forward only. */
#include "arena.h"
#include "booking.h"
#include "buf.h"
#include "crypto.h"
#include "err.h"
#include "log.h"
#include "outbox.h"
#include "store.h"
#include "twrest.h"
#include "t.h"
#include "t_db.h"
#include "t_fake_twilio.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define SID "AC0123456789abcdef0123456789abcdef"
#define TOKEN "fake-auth-token"
#define CB "https://example.org/api/v1/twilio/sms/status"
#define BERLIN_NUMBER "+4930901820"
#define SMS_SENDER "+4930000000"        /* TWILIO_PHONE_NUMBER of these tests */
#define INVALID_NUMBER "+15005550001"   /* the fake (like Twilio's test API) refuses it: 400 / 21211 */

static char dir[256], db[300];
static struct crypto crypto;
static struct store *S;
static struct db *raw;

#define q_int(sql, p1, p2) t_q_int(raw, sql, p1, p2)
#define q_text(out, n, sql, p1) t_q_text(raw, out, n, sql, p1)
static struct arena A;
static int64_t berlin;
static int ncalls;

static int nrecords(const struct t_fake *f)
{
	cJSON *r = t_fake_records(f);
	int n = cJSON_GetArraySize(r);
	cJSON_Delete(r);
	return n;
}

/* How many requests the fake got for a number, and how many it accepted. */
static void count_to(const struct t_fake *f, const char *to, int *requests, int *accepted)
{
	cJSON *recs = t_fake_records(f);
	*requests = *accepted = 0;
	const cJSON *r;
	cJSON_ArrayForEach(r, recs) {
		const char *t = t_rec_str(r, "form", "To");
		if (t == NULL || strcmp(t, to) != 0)
			continue;
		(*requests)++;
		if (t_rec_int(r, "status") == 201)
			(*accepted)++;
	}
	cJSON_Delete(recs);
}

/* ---- the store ---- */

static bool store_up(void)
{
	return store_open(&S, db, &crypto, 10000) == TF_OK;
}

static void store_down(void)
{
	store_close(S);
	S = NULL;
}

static int64_t new_lead(const char *phone)
{
	struct store_lead lead;
	struct store_call call;
	char sid[40];
	snprintf(sid, sizeof(sid), "CA%032d", ++ncalls);
	struct store_call_open in = {
		.call_sid = sid, .from = phone, .to = BERLIN_NUMBER, .direction = "inbound", .status = "ringing",
		.studio_id = berlin,
	};
	int err = store_call_open(S, &A, &in, &lead, &call);
	if (err != TF_OK)
		fprintf(stderr, "store_call_open: %s\n", tf_strerror(err));
	return lead.id;
}

/* Books the next free slot of Berlin for the lead, as of the real clock
 * (SMS rows are stamped by SQLite's clock); returns the appointment. */
static int64_t book_next(int64_t lead)
{
	int64_t now = (int64_t)time(NULL);
	struct schedule_slot slot;
	size_t n = 0;
	enum booking_result res;
	T_EQ_INT(booking_find(S, &A, berlin, now, NULL, &slot, 1, &n, &res), TF_OK);
	T_EQ_INT(n, 1);
	if (n != 1)
		return 0;
	struct booking_request req = {
		.lead_id = lead, .studio_id = berlin, .start_utc = slot.start_utc, .now_utc = now, .source = "phone",
		.sms_from = "+4930000000",
	};
	struct booking_outcome o;
	T_EQ_INT(booking_book(S, &A, &req, &o), TF_OK);
	T_EQ_INT(o.result, BOOKING_OK);
	return o.appointment_id;
}

static struct outbox_stats send_round(struct twrest *t, int64_t now)
{
	struct outbox_stats st = { 0 };
	T_EQ_INT(outbox_send_due(S, t, &A, now, CB, 50, &st), TF_OK);
	arena_reset(&A);
	return st;
}

#define SMS_STATUS(appt) q_text(text, sizeof(text), "SELECT status FROM sms_outbox WHERE appointment_id = ?1", appt)
#define SMS_ATTEMPTS(appt) q_int("SELECT attempts FROM sms_outbox WHERE appointment_id = ?1", appt, NULL)

/* ---- tests ---- */

static void test_backoff(void)
{
	T_EQ_INT(outbox_backoff(2, 0), 30);
	T_EQ_INT(outbox_backoff(3, 0), 60);
	T_EQ_INT(outbox_backoff(4, 0), 120);
	T_EQ_INT(outbox_backoff(8, 0), 1920);
	T_EQ_INT(outbox_backoff(9, 0), 3600);
	T_EQ_INT(outbox_backoff(40, 0), 3600);
	T_EQ_INT(outbox_backoff(2, 100), 100);     /* a longer Retry-After wins */
	T_EQ_INT(outbox_backoff(3, 10), 60);       /* a shorter one does not */
	T_EQ_INT(outbox_backoff(2, 90000), 30);    /* nor an absurd one */
}

/* Three confirmations; the fake fails the first two requests with 500. */
/* Twilio out of reach: the row says why in words, and waits for its retry. */
static void test_unreachable(void)
{
	int sock = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(sa);
	T_OK(sock >= 0 && bind(sock, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	     getsockname(sock, (struct sockaddr *)&sa, &alen) == 0);
	char base[64];
	snprintf(base, sizeof(base), "http://127.0.0.1:%d", ntohs(sa.sin_port));
	close(sock);
	struct twrest *t = NULL;
	T_EQ_INT(twrest_open(&t, base, SID, TOKEN), TF_OK);
	int64_t appt = book_next(new_lead("+4915120000099"));
	char text[128];
	struct outbox_stats st = send_round(t, (int64_t)time(NULL));
	T_EQ_INT(st.retried, 1);
	T_EQ_STR(SMS_STATUS(appt), "queued");
	T_EQ_STR(q_text(text, sizeof(text), "SELECT last_error FROM sms_outbox WHERE appointment_id = ?1", appt),
	         "no answer from Twilio: Couldn't connect to server");
	T_OK(t_db_exec(raw, "UPDATE sms_outbox SET status = 'failed' WHERE status = 'queued'"));
	twrest_close(t);
}

static void test_retry(const struct t_fake *f, struct twrest *t)
{
	static const char *const phones[3] = { "+4915120000001", "+4915120000002", "+4915120000003" };
	int64_t appt[3];
	for (int i = 0; i < 3; i++)
		appt[i] = book_next(new_lead(phones[i]));
	char text[64];
	int64_t t0 = (int64_t)time(NULL);

	struct outbox_stats st = send_round(t, t0);
	T_EQ_INT(st.sent, 1);
	T_EQ_INT(st.retried, 2);
	T_EQ_INT(st.failed, 0);
	T_EQ_INT(nrecords(f), 3);
	T_EQ_STR(SMS_STATUS(appt[0]), "queued");
	T_EQ_STR(SMS_STATUS(appt[1]), "queued");
	T_EQ_STR(SMS_STATUS(appt[2]), "sent");
	T_EQ_INT(SMS_ATTEMPTS(appt[0]), 1);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT last_error FROM sms_outbox WHERE appointment_id = ?1", appt[0]),
	         "http 500, code 20500");
	/* The first retry waits 30 s. */
	char next[20];
	store_format_utc(t0 + 30, next);
	T_EQ_INT(q_int("SELECT count(*) FROM sms_outbox WHERE next_attempt_at = ?2 AND status = 'queued'", 0, next), 2);

	/* Not before its time: no request at all. */
	st = send_round(t, t0 + 10);
	T_EQ_INT(st.sent + st.retried + st.failed, 0);
	st = send_round(t, t0 + 29);
	T_EQ_INT(st.sent + st.retried + st.failed, 0);
	T_EQ_INT(nrecords(f), 3);

	st = send_round(t, t0 + 30);
	T_EQ_INT(st.sent, 2);
	T_EQ_INT(st.retried, 0);
	for (int i = 0; i < 3; i++) {
		T_EQ_STR(SMS_STATUS(appt[i]), "sent");
		T_EQ_INT(SMS_ATTEMPTS(appt[i]), i < 2 ? 2 : 1);
		char sid[64];
		q_text(sid, sizeof(sid), "SELECT message_sid FROM sms_outbox WHERE appointment_id = ?1", appt[i]);
		T_OK(strlen(sid) == 34 && strncmp(sid, "SM", 2) == 0);
		T_EQ_INT(q_int("SELECT sent_at IS NOT NULL AND last_error IS NULL FROM sms_outbox WHERE appointment_id = ?1",
		               appt[i], NULL),
		         1);
	}
	T_EQ_INT(q_int("SELECT count(DISTINCT message_sid) FROM sms_outbox WHERE status = 'sent'", 0, NULL), 3);

	/* Much later: nothing is sent twice. */
	st = send_round(t, t0 + 86400);
	T_EQ_INT(st.sent + st.retried + st.failed, 0);

	/* What the fake saw: 5 requests, all with the right Basic auth; each
	 * number accepted exactly once. */
	cJSON *recs = t_fake_records(f);
	T_EQ_INT(cJSON_GetArraySize(recs), 5);
	const cJSON *r;
	int i = 0;
	cJSON_ArrayForEach(r, recs) {
		T_OK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "auth_ok")));
		T_EQ_STR(t_rec_str(r, "path", NULL), "/2010-04-01/Accounts/" SID "/Messages.json");
		T_EQ_INT(t_rec_int(r, "status"), i < 2 ? 500 : 201);
		/* The SMS sender (TWILIO_PHONE_NUMBER), never the studio's landline. */
		T_EQ_STR(t_rec_str(r, "form", "From"), SMS_SENDER);
		T_EQ_STR(t_rec_str(r, "form", "StatusCallback"), CB);
		const char *body = t_rec_str(r, "form", "Body");
		T_OK(body && strstr(body, "Ihr Termin bei Abnehmen im Liegen Berlin-Mitte ist bestätigt: ") != NULL);
		i++;
	}
	cJSON_Delete(recs);
	for (i = 0; i < 3; i++) {
		int requests, accepted;
		count_to(f, phones[i], &requests, &accepted);
		T_EQ_INT(accepted, 1);
		T_EQ_INT(requests, i < 2 ? 2 : 1);
	}
}

/* A number Twilio refuses is failed for good and never tried again. */
static void test_permanent(const struct t_fake *f, struct twrest *t)
{
	int64_t appt = book_next(new_lead(INVALID_NUMBER));
	char text[64];
	int before = nrecords(f);
	int64_t t0 = (int64_t)time(NULL);
	struct outbox_stats st = send_round(t, t0);
	T_EQ_INT(st.failed, 1);
	T_EQ_INT(st.sent + st.retried, 0);
	T_EQ_STR(SMS_STATUS(appt), "failed");
	T_EQ_STR(q_text(text, sizeof(text), "SELECT last_error FROM sms_outbox WHERE appointment_id = ?1", appt),
	         "http 400, code 21211");
	T_EQ_INT(q_int("SELECT message_sid IS NULL FROM sms_outbox WHERE appointment_id = ?1", appt, NULL), 1);
	st = send_round(t, t0 + OUTBOX_LEASE_S + 1);
	st = send_round(t, t0 + 7 * 86400);
	T_EQ_INT(st.sent + st.retried + st.failed, 0);
	T_EQ_INT(nrecords(f), before + 1);
	int requests, accepted;
	count_to(f, INVALID_NUMBER, &requests, &accepted);
	T_EQ_INT(requests, 1);
	T_EQ_INT(accepted, 0);
}

/* Runs fn in a child with a store of its own, which then dies with _exit()
 * (no cleanup, as after a crash). The parent's store is closed meanwhile. */
static int64_t child_appt;

static void crash_after(void (*fn)(struct store *s, struct arena *a))
{
	store_down();
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		struct store *s = NULL;
		struct arena a;
		arena_init(&a, 4 * 1024 * 1024);
		if (store_open(&s, db, &crypto, 10000) != TF_OK)
			_exit(2);
		fn(s, &a);
		_exit(0);
	}
	int status = 0;
	T_OK(pid > 0 && waitpid(pid, &status, 0) == pid);
	T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	T_OK(store_up());
}

static void claim_and_die(struct store *s, struct arena *a)
{
	struct store_sms *due;
	size_t n = 0;
	if (store_sms_claim(s, a, (int64_t)time(NULL), OUTBOX_LEASE_S, 10, &due, &n) != TF_OK || n != 1)
		_exit(3);
	if (due[0].appointment_id != child_appt || strcmp(due[0].kind, "confirmation") != 0)
		_exit(4);
	/* ...and dies before Twilio hears of it. */
}

static int64_t child_lead;

static void book_and_die(struct store *s, struct arena *a)
{
	int64_t now = (int64_t)time(NULL);
	struct schedule_slot slot;
	size_t n = 0;
	enum booking_result res;
	if (booking_find(s, a, berlin, now, NULL, &slot, 1, &n, &res) != TF_OK || n != 1)
		_exit(3);
	struct booking_request req = {
		.lead_id = child_lead, .studio_id = berlin, .start_utc = slot.start_utc, .now_utc = now,
		.source = "phone", .sms_from = "+4930000000",
	};
	struct booking_outcome o;
	if (booking_book(s, a, &req, &o) != TF_OK || o.result != BOOKING_OK)
		_exit(4);
	/* Confirmed to the caller; the process dies before any SMS is sent. */
}

static void test_crash(const struct t_fake *f, struct twrest *t)
{
	char text[64];
	/* 1. A sender claims the message and dies before sending it. */
	const char *phone = "+4915120000010";
	child_appt = book_next(new_lead(phone));
	crash_after(claim_and_die);
	T_EQ_STR(SMS_STATUS(child_appt), "sending");
	int before = nrecords(f);
	int64_t t0 = (int64_t)time(NULL);
	struct outbox_stats st = send_round(t, t0 + 1);             /* the lease still holds */
	T_EQ_INT(st.sent + st.retried + st.failed, 0);
	T_EQ_INT(nrecords(f), before);
	st = send_round(t, t0 + OUTBOX_LEASE_S + 1);               /* now it is up for grabs */
	T_EQ_INT(st.sent, 1);
	T_EQ_STR(SMS_STATUS(child_appt), "sent");
	T_EQ_INT(SMS_ATTEMPTS(child_appt), 2);
	st = send_round(t, t0 + 2 * OUTBOX_LEASE_S + 2);
	T_EQ_INT(st.sent + st.retried + st.failed, 0);
	int requests, accepted;
	count_to(f, phone, &requests, &accepted);
	T_EQ_INT(requests, 1);
	T_EQ_INT(accepted, 1);

	/* 2. The worker that booked dies right after its commit. */
	phone = "+4915120000011";
	child_lead = new_lead(phone);
	crash_after(book_and_die);
	int64_t appt = q_int("SELECT id FROM appointments WHERE lead_id = ?1 AND status = 'booked'", child_lead, NULL);
	T_OK(appt > 0);
	T_EQ_STR(SMS_STATUS(appt), "queued");
	st = send_round(t, (int64_t)time(NULL));
	T_EQ_INT(st.sent, 1);
	T_EQ_STR(SMS_STATUS(appt), "sent");
	count_to(f, phone, &requests, &accepted);
	T_EQ_INT(requests, 1);
	T_EQ_INT(accepted, 1);
}

/* With the clock shifted back (TERMINFON_FAKE_NOW, as in demos), a message
 * queued "now" is due now, although SQLite stamps the row by its own clock. */
static void test_shifted_clock(const struct t_fake *f, struct twrest *t)
{
	const char *phone = "+4915120000020";
	int64_t lead = new_lead(phone);
	int64_t now = (int64_t)time(NULL) - 2 * 86400;
	struct schedule_slot slot;
	size_t n = 0;
	enum booking_result res;
	T_EQ_INT(booking_find(S, &A, berlin, now, NULL, &slot, 1, &n, &res), TF_OK);
	struct booking_request req = {
		.lead_id = lead, .studio_id = berlin, .start_utc = slot.start_utc, .now_utc = now, .source = "phone",
		.sms_from = "+4930000000",
	};
	struct booking_outcome o;
	T_EQ_INT(booking_book(S, &A, &req, &o), TF_OK);
	T_EQ_INT(o.result, BOOKING_OK);
	struct outbox_stats st = send_round(t, now + 1);
	T_EQ_INT(st.sent, 1);
	char text[64];
	T_EQ_STR(SMS_STATUS(o.appointment_id), "sent");
	int requests, accepted;
	count_to(f, phone, &requests, &accepted);
	T_EQ_INT(accepted, 1);
}

/* Two senders (the background process and a cron run) drain one outbox. */
/* A reminder queued before its appointment was cancelled is never sent. */
static void test_obsolete_reminder(const struct t_fake *f, struct twrest *t)
{
	const char *phone = "+4915120000077";
	int64_t lead = new_lead(phone);
	int64_t appt = book_next(lead);
	struct store_sms m = {
		.lead_id = lead, .appointment_id = appt, .kind = "reminder", .dedupe_key = "reminder:obsolete-test",
		.to = phone, .from = "+4930000000", .body = "Erinnerung: Ihr Termin ist morgen.",
	};
	bool queued = false;
	T_EQ_INT(store_sms_enqueue(S, &m, &queued), TF_OK);
	T_OK(queued);
	struct booking_outcome o;
	T_EQ_INT(booking_cancel(S, &A, appt, (int64_t)time(NULL), "+4930000000", &o), TF_OK);
	T_EQ_INT(o.result, BOOKING_OK);
	for (int i = 0; i < 3; i++)
		send_round(t, (int64_t)time(NULL) + 3600);
	int requests = 0, accepted = 0;
	count_to(f, phone, &requests, &accepted);
	T_EQ_INT(accepted, 2);   /* the confirmation and the cancellation, not the reminder */
	char text[64];
	/* Not a failure: nobody needs it any more. */
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM sms_outbox WHERE kind = 'reminder' AND appointment_id = ?1",
	                appt), "cancelled");
}

static void test_two_senders(const struct t_fake *f)
{
	enum { MSGS = 8 };
	char phones[MSGS][20];
	for (int i = 0; i < MSGS; i++) {
		snprintf(phones[i], sizeof(phones[i]), "+49151200001%02d", i);
		book_next(new_lead(phones[i]));
	}
	store_down();
	int64_t now = (int64_t)time(NULL);
	fflush(NULL);
	pid_t pids[2];
	for (int k = 0; k < 2; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			struct store *s = NULL;
			struct twrest *t = NULL;
			struct arena a;
			arena_init(&a, 4 * 1024 * 1024);
			if (store_open(&s, db, &crypto, 10000) != TF_OK || twrest_open(&t, f->base, SID, TOKEN) != TF_OK)
				_exit(2);
			for (;;) {
				struct outbox_stats st = { 0 };
				if (outbox_send_due(s, t, &a, now, CB, 2, &st) != TF_OK)
					_exit(3);
				arena_reset(&a);
				if (st.sent + st.retried + st.failed == 0)
					break;
			}
			twrest_close(t);
			store_close(s);
			arena_free(&a);
			_exit(0);
		}
	}
	for (int k = 0; k < 2; k++) {
		int status = 0;
		T_OK(pids[k] > 0 && waitpid(pids[k], &status, 0) == pids[k]);
		T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	T_OK(store_up());
	for (int i = 0; i < MSGS; i++) {
		int requests, accepted;
		count_to(f, phones[i], &requests, &accepted);
		T_EQ_INT(requests, 1);
		T_EQ_INT(accepted, 1);
	}
	T_EQ_INT(q_int("SELECT count(*) FROM sms_outbox WHERE status IN ('queued', 'sending')", 0, NULL), 0);
}

/* The status of the message with this sid, into out. */
static const char *status_of(char *out, size_t n, const char *sid)
{
	struct db_stmt *st;
	out[0] = '\0';
	if (db_prepare(raw, "SELECT status FROM sms_outbox WHERE message_sid = ?1", &st) != DB_OK)
		return out;
	db_bind_text(st, 1, sid, strlen(sid));
	if (db_step(st) == DB_ROW && db_column_text(st, 0))
		snprintf(out, n, "%s", db_column_text(st, 0));
	db_finalize(st);
	return out;
}

/* Delivery reports from Twilio (sms/status) never move a message backwards. */
static void test_status(void)
{
	char sid[64], text[64];
	q_text(sid, sizeof(sid), "SELECT message_sid FROM sms_outbox WHERE status = 'sent' AND ?1 = 0 ORDER BY id LIMIT 1", 0);
	T_OK(sid[0] != '\0');
	T_EQ_STR(status_of(text, sizeof(text), sid), "sent");
	T_EQ_INT(store_sms_status(S, sid, "queued", NULL), TF_OK);
	T_EQ_STR(status_of(text, sizeof(text), sid), "sent");
	T_EQ_INT(store_sms_status(S, sid, "delivered", NULL), TF_OK);
	T_EQ_STR(status_of(text, sizeof(text), sid), "delivered");
	T_EQ_INT(store_sms_status(S, sid, "sent", NULL), TF_OK);           /* late */
	T_EQ_STR(status_of(text, sizeof(text), sid), "delivered");
	T_EQ_INT(store_sms_status(S, sid, "sending", NULL), TF_OK);
	T_EQ_INT(store_sms_status(S, sid, "undelivered", "30003"), TF_OK);  /* the first final state wins */
	T_EQ_STR(status_of(text, sizeof(text), sid), "delivered");
	T_EQ_INT(store_sms_status(S, sid, "read", NULL), TF_OK);
	T_EQ_STR(status_of(text, sizeof(text), sid), "read");

	q_text(sid, sizeof(sid), "SELECT message_sid FROM sms_outbox WHERE status = 'sent' AND ?1 = 0 ORDER BY id LIMIT 1", 0);
	T_OK(sid[0] != '\0');
	T_EQ_INT(store_sms_status(S, sid, "undelivered", "30003"), TF_OK);
	T_EQ_STR(status_of(text, sizeof(text), sid), "undelivered");
	T_EQ_STR(q_text(text, sizeof(text), "SELECT last_error FROM sms_outbox WHERE status = 'undelivered' AND ?1 = 0", 0),
	         "30003");
	T_EQ_INT(store_sms_status(S, sid, "delivered", NULL), TF_OK);
	T_EQ_STR(status_of(text, sizeof(text), sid), "undelivered");

	/* An unknown sid changes nothing; missing fields are the caller's error. */
	long long sent = q_int("SELECT count(*) FROM sms_outbox WHERE status = 'sent'", 0, NULL);
	T_EQ_INT(store_sms_status(S, "SM00000000000000000000000000000000", "delivered", NULL), TF_OK);
	T_EQ_INT(q_int("SELECT count(*) FROM sms_outbox WHERE status = 'sent'", 0, NULL), sent);
	T_EQ_INT(store_sms_status(S, NULL, "delivered", NULL), TF_EINVAL);
	T_EQ_INT(store_sms_status(S, sid, NULL, NULL), TF_EINVAL);
}

static void cleanup(void)
{
	store_down();
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
	arena_free(&A);
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

	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_outbox.XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	t_db_target(db, sizeof(db), dir);
	char msg[200];
	T_EQ_INT(crypto_init(&crypto, KEY, msg, sizeof(msg)), TF_OK);
	T_OK(store_up());
	T_EQ_INT(store_migrate(S, NULL), TF_OK);
	T_EQ_INT(store_seed_example(S), TF_OK);
	T_OK((raw = t_db_open(db)) != NULL);
	berlin = q_int("SELECT id FROM studios WHERE slug = 'berlin-mitte'", 0, NULL);
	T_OK(berlin > 0);

	test_backoff();
	test_unreachable();
	struct t_fake f;
	static const char *const fail2[] = { "--fail-first", "2", "--fail-status", "500", NULL };
	if (t_failed == 0 && t_fake_start(&f, dir, "twilio", SID, TOKEN, fail2)) {
		struct twrest *t = NULL;
		T_EQ_INT(twrest_open(&t, f.base, SID, TOKEN), TF_OK);
		test_retry(&f, t);
		test_permanent(&f, t);
		test_crash(&f, t);
		test_shifted_clock(&f, t);
		test_obsolete_reminder(&f, t);
		twrest_close(t);
		test_two_senders(&f);
		test_status();
		t_fake_stop(&f);
	} else {
		T_OK(0);
	}
	cleanup();
	curl_global_cleanup();
	return t_done();
}
