/* test_sms_sender.c: who SMS come from. The kinds of sender (E.164 number,
 * Messaging Service, alphanumeric ID), the start-up check that names a
 * malformed studio sender and warns about a studio without any, the German
 * reasons of stored failures, and end to end through booking and the outbox
 * against test/fakes/fake_twilio.py: a confirmation goes out From
 * TWILIO_PHONE_NUMBER, from a studio's alphanumeric ID, or with
 * MessagingServiceSid, never from the studio's landline; a sender Twilio
 * refuses ends failed with its reason, listed without body and with the
 * number masked. */
#include "admin_json.h"
#include "arena.h"
#include "booking.h"
#include "crypto.h"
#include "err.h"
#include "log.h"
#include "outbox.h"
#include "sms_sender.h"
#include "store.h"
#include "twrest.h"
#include "t.h"
#include "t_db.h"
#include "t_fake_twilio.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include <signal.h>
#include <time.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define SID "AC0123456789abcdef0123456789abcdef"
#define TOKEN "fake-auth-token"
#define LANDLINE "+4930901820"          /* the example Berlin studio's voice number */
#define DEFAULT_SENDER "+4915730000001" /* TWILIO_PHONE_NUMBER */
#define SERVICE "MG0123456789abcdef0123456789abcdef"

/* ---- the kinds ---- */

static void test_kinds(void)
{
	static const struct { const char *s; enum sms_sender_kind k; } rows[] = {
		{ NULL, SMS_SENDER_NONE },
		{ "", SMS_SENDER_NONE },
		{ "+4915112345678", SMS_SENDER_NUMBER },
		{ "+4930901820", SMS_SENDER_NUMBER },          /* well-formed; whether it can text only Twilio knows */
		{ "+49", SMS_SENDER_MALFORMED },
		{ "+0491511234567", SMS_SENDER_MALFORMED },
		{ "+49 151 1234567", SMS_SENDER_MALFORMED },
		{ "+491511234567890123", SMS_SENDER_MALFORMED },
		{ "015112345678", SMS_SENDER_MALFORMED },       /* digits only: no name, no E.164 */
		{ SERVICE, SMS_SENDER_SERVICE },
		{ "MG0123456789ABCDEF0123456789ABCDEF", SMS_SENDER_SERVICE },
		{ "MG0123456789abcdef0123456789abcde", SMS_SENDER_MALFORMED },   /* one digit short */
		{ "MG0123", SMS_SENDER_MALFORMED },
		{ "MGxyz0123456789abcdef0123456789ab", SMS_SENDER_MALFORMED },  /* too long for a name */
		{ "AILiegen", SMS_SENDER_ALPHA },
		{ "AI Liegen 1", SMS_SENDER_ALPHA },
		{ "A", SMS_SENDER_ALPHA },
		{ "Abnehmen im Liegen", SMS_SENDER_MALFORMED },  /* 18 characters */
		{ "AI-Liegen", SMS_SENDER_MALFORMED },
		{ "Müller", SMS_SENDER_MALFORMED },             /* ASCII only */
		{ " AILiegen", SMS_SENDER_MALFORMED },
		{ "AILiegen ", SMS_SENDER_MALFORMED },
		{ "12345", SMS_SENDER_MALFORMED },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum sms_sender_kind k = sms_sender_kind(rows[i].s);
		if (k != rows[i].k)
			fprintf(stderr, "sender \"%s\": %s\n", rows[i].s ? rows[i].s : "(null)", sms_sender_kind_name(k));
		T_EQ_INT(k, rows[i].k);
	}
}

/* ---- choosing and checking ---- */

static void collect(const char *line, void *ctx)
{
	char *out = ctx;
	size_t used = strlen(out);
	snprintf(out + used, 2048 - used, "%s\n", line);
}

static void test_choice_and_check(void)
{
	struct store_studio st[2];
	memset(st, 0, sizeof(st));
	st[0].slug = "berlin-mitte";
	st[0].twilio_number = LANDLINE;
	st[0].sms_sender = "";
	st[1].slug = "muenchen-schwabing";
	st[1].twilio_number = "+4989901820";
	st[1].sms_sender = "AILiegen";
	struct store_studios all = { st, 2 };

	/* The default sender, the studio's own, and never the voice number. */
	T_EQ_STR(sms_sender_for(&st[0], DEFAULT_SENDER), DEFAULT_SENDER);
	T_EQ_STR(sms_sender_for(&st[1], DEFAULT_SENDER), "AILiegen");
	T_OK(sms_sender_for(&st[0], "") == NULL);
	T_OK(sms_sender_for(&st[0], NULL) == NULL);
	st[0].sms_sender = NULL;   /* a studio struct built by hand */
	T_OK(sms_sender_for(&st[0], NULL) == NULL);
	st[0].sms_sender = "";

	char err[512] = "", warnings[2048] = "";
	int nwarn = -1;
	T_EQ_INT(sms_sender_check(&all, DEFAULT_SENDER, 1, err, sizeof(err), collect, warnings, &nwarn), TF_OK);
	T_EQ_INT(nwarn, 0);
	T_EQ_STR(warnings, "");

	/* SMS configured but no TWILIO_PHONE_NUMBER: Berlin has no sender at all. */
	T_EQ_INT(sms_sender_check(&all, "", 1, err, sizeof(err), collect, warnings, &nwarn), TF_OK);
	T_EQ_INT(nwarn, 1);
	T_OK(strstr(warnings, "studio berlin-mitte has no SMS sender") != NULL);
	T_OK(strstr(warnings, "TWILIO_PHONE_NUMBER") != NULL && strstr(warnings, "sms_sender") != NULL);
	T_OK(strstr(warnings, "muenchen") == NULL);
	/* Without SMS (no account) nobody is warned. */
	warnings[0] = '\0';
	T_EQ_INT(sms_sender_check(&all, "", 0, err, sizeof(err), collect, warnings, &nwarn), TF_OK);
	T_EQ_INT(nwarn, 0);
	T_EQ_STR(warnings, "");

	/* A malformed sender stops start-up with one line naming studio and setting. */
	st[1].sms_sender = "Abnehmen im Liegen";
	T_EQ_INT(sms_sender_check(&all, DEFAULT_SENDER, 0, err, sizeof(err), NULL, NULL, NULL), TF_ECONFIG);
	T_OK(strstr(err, "studio muenchen-schwabing: sms_sender") != NULL);
	T_OK(strchr(err, '\n') == NULL);
}

static void test_reasons(void)
{
	char r[SMS_REASON_MAX];
	T_OK(strstr(sms_failure_reason("http 400, code 21606", r, sizeof(r)), "kann keine SMS senden") != NULL);
	T_OK(strstr(sms_failure_reason("http 400, code 21211", r, sizeof(r)), "Empfängernummer ist ungültig") != NULL);
	T_OK(strstr(sms_failure_reason("30007", r, sizeof(r)), "gefiltert") != NULL);
	T_OK(strstr(sms_failure_reason(SMS_NO_SENDER, r, sizeof(r)), "Kein SMS-Absender") != NULL);
	T_OK(strstr(sms_failure_reason("no answer from Twilio: Timeout was reached", r, sizeof(r)), "nicht erreichbar") !=
	     NULL);
	T_EQ_STR(sms_failure_reason("http 400, code 99999", r, sizeof(r)), "Twilio-Fehler 99999.");
	T_OK(*sms_failure_reason(NULL, r, sizeof(r)) != '\0');
	T_OK(*sms_failure_reason("http 400, code 21606", r, 8) != '\0');   /* truncated, still a string */
}

/* ---- end to end: booking, outbox, the fake ---- */

static char dir[256], db[300];
static struct crypto crypto;
static struct store *S;
static struct db *raw;
static struct arena A;
static int64_t berlin;
static int ncalls;

#define q_int(sql, p1, p2) t_q_int(raw, sql, p1, p2)
#define q_text(out, n, sql, p1) t_q_text(raw, out, n, sql, p1)

static int64_t new_lead(const char *phone)
{
	struct store_lead lead = { 0 };
	struct store_call call;
	char sid[40];
	snprintf(sid, sizeof(sid), "CA%032d", ++ncalls);
	struct store_call_open in = {
		.call_sid = sid, .from = phone, .to = LANDLINE, .direction = "inbound", .status = "ringing",
		.studio_id = berlin,
	};
	T_EQ_INT(store_call_open(S, &A, &in, &lead, &call), TF_OK);
	return lead.id;
}

/* Berlin's sms_sender as an operator sets it (NULL: none). */
static void set_sender(const char *sender)
{
	struct db_stmt *st;
	T_OK(db_prepare(raw, "UPDATE studios SET sms_sender = ?1 WHERE id = ?2", &st) == DB_OK);
	if (sender)
		db_bind_text(st, 1, sender, strlen(sender));
	db_bind_int64(st, 2, berlin);
	T_OK(db_step(st) == DB_DONE);
	db_finalize(st);
}

/* Books the next free Berlin slot for a new lead of this number with
 * TWILIO_PHONE_NUMBER = default_sender, and sends what is due. */
static int64_t book_and_send(struct twrest *t, const char *phone, const char *default_sender)
{
	int64_t lead = new_lead(phone), now = (int64_t)time(NULL);
	struct schedule_slot slot;
	size_t n = 0;
	enum booking_result res;
	T_EQ_INT(booking_find(S, &A, berlin, now, NULL, &slot, 1, &n, &res), TF_OK);
	T_EQ_INT(n, 1);
	struct booking_request req = {
		.lead_id = lead, .studio_id = berlin, .start_utc = slot.start_utc, .now_utc = now, .source = "phone",
		.sms_from = default_sender,
	};
	struct booking_outcome o;
	T_EQ_INT(booking_book(S, &A, &req, &o), TF_OK);
	T_EQ_INT(o.result, BOOKING_OK);
	struct outbox_stats st = { 0 };
	T_EQ_INT(outbox_send_due(S, t, &A, now, NULL, 50, &st), TF_OK);
	arena_reset(&A);
	return o.appointment_id;
}

/* The fake's record of the SMS to this number (NULL if none), a copy. */
static cJSON *record_to(const struct t_fake *f, const char *to)
{
	cJSON *recs = t_fake_records(f), *found = NULL;
	const cJSON *r;
	cJSON_ArrayForEach(r, recs) {
		const char *t = t_rec_str(r, "form", "To");
		if (t && strcmp(t, to) == 0)
			found = cJSON_Duplicate(r, 1);
	}
	cJSON_Delete(recs);
	return found;
}

static void test_senders_end_to_end(const struct t_fake *f, struct twrest *t)
{
	char text[128];

	/* No sender of its own: TWILIO_PHONE_NUMBER, not the landline. */
	set_sender(NULL);
	book_and_send(t, "+4915140000001", DEFAULT_SENDER);
	cJSON *r = record_to(f, "+4915140000001");
	T_OK(r != NULL);
	T_EQ_STR(t_rec_str(r, "form", "From"), DEFAULT_SENDER);
	T_OK(t_rec_str(r, "form", "MessagingServiceSid") == NULL);
	T_EQ_INT(t_rec_int(r, "status"), 201);
	cJSON_Delete(r);

	/* An alphanumeric sender ID of the studio. */
	set_sender("AILiegen");
	book_and_send(t, "+4915140000002", DEFAULT_SENDER);
	r = record_to(f, "+4915140000002");
	T_OK(r != NULL);
	T_EQ_STR(t_rec_str(r, "form", "From"), "AILiegen");
	T_EQ_INT(t_rec_int(r, "status"), 201);
	cJSON_Delete(r);

	/* A Messaging Service: MessagingServiceSid instead of From. */
	set_sender(SERVICE);
	book_and_send(t, "+4915140000003", DEFAULT_SENDER);
	r = record_to(f, "+4915140000003");
	T_OK(r != NULL);
	T_EQ_STR(t_rec_str(r, "form", "MessagingServiceSid"), SERVICE);
	T_OK(t_rec_str(r, "form", "From") == NULL);
	T_EQ_INT(t_rec_int(r, "status"), 201);
	cJSON_Delete(r);

	/* No sender at all: never the landline; failed without asking Twilio. */
	set_sender(NULL);
	int64_t appt = book_and_send(t, "+4915140000004", "");
	r = record_to(f, "+4915140000004");
	T_OK(r == NULL);
	cJSON_Delete(r);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM sms_outbox WHERE appointment_id = ?1", appt), "failed");
	T_EQ_STR(q_text(text, sizeof(text), "SELECT last_error FROM sms_outbox WHERE appointment_id = ?1", appt),
	         SMS_NO_SENDER);

	/* A sender Twilio refuses (the landline set as the studio's sender by
	 * mistake): failed for good with Twilio's code. */
	set_sender(LANDLINE);
	appt = book_and_send(t, "+4915140000005", DEFAULT_SENDER);
	r = record_to(f, "+4915140000005");
	T_OK(r != NULL);
	T_EQ_INT(t_rec_int(r, "status"), 400);
	cJSON_Delete(r);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM sms_outbox WHERE appointment_id = ?1", appt), "failed");
	T_EQ_STR(q_text(text, sizeof(text), "SELECT last_error FROM sms_outbox WHERE appointment_id = ?1", appt),
	         "http 400, code 21606");

	/* No landline ever sent an SMS. */
	cJSON *recs = t_fake_records(f);
	const cJSON *x;
	int from_landline_accepted = 0;
	cJSON_ArrayForEach(x, recs) {
		const char *from = t_rec_str(x, "form", "From");
		if (from && strcmp(from, LANDLINE) == 0 && t_rec_int(x, "status") == 201)
			from_landline_accepted++;
	}
	cJSON_Delete(recs);
	T_EQ_INT(from_landline_accepted, 0);

	/* The failed list: both, newest first, with the reason, masked, no body. */
	struct store_sms_filter sf = { .status = "failed", .studio_id = berlin, .with_to = true };
	struct store_sms_row *rows;
	size_t n;
	bool more;
	T_EQ_INT(store_sms_list(S, &A, &sf, 10, 0, &rows, &n, &more), TF_OK);
	T_EQ_INT(n, 2);
	T_OK(!more);
	if (n == 2) {
		cJSON *j = admin_sms_json(&rows[0], true);
		char *s = j ? cJSON_PrintUnformatted(j) : NULL;
		T_OK(s != NULL);
		if (s) {
			T_OK(strstr(s, "\"status\":\"failed\"") != NULL);
			T_OK(strstr(s, "\"error\":\"http 400, code 21606\"") != NULL);
			T_OK(strstr(s, "kann keine SMS senden") != NULL);
			T_OK(strstr(s, "+4915140000005") == NULL);     /* masked */
			T_OK(strstr(s, "\"to\":\"+4915") != NULL);
			T_OK(strstr(s, "Termin") == NULL);              /* no body */
			cJSON_free(s);
		}
		cJSON_Delete(j);
		T_EQ_STR(rows[1].last_error, SMS_NO_SENDER);
	}
	sf.status = NULL;
	sf.not_delivered = true;
	sf.studio_id = berlin + 1000;   /* another studio: none */
	T_EQ_INT(store_sms_list(S, &A, &sf, 10, 0, &rows, &n, &more), TF_OK);
	T_EQ_INT(n, 0);
	arena_reset(&A);
}

static void cleanup(void)
{
	if (raw)
		db_close(raw);
	store_close(S);
	t_db_drop(db);
	crypto_free(&crypto);
	arena_free(&A);
	char path[400];
	static const char *const files[] = { "terminfon.db", "terminfon.db-wal", "terminfon.db-shm", "twilio.jsonl" };
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int main(void)
{
	static const char *const proxies[] = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
	                                       "ALL_PROXY" };
	for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
	signal(SIGPIPE, SIG_IGN);
	log_set_level(LOG_ERROR);

	test_kinds();
	test_choice_and_check();
	test_reasons();

	curl_global_init(CURL_GLOBAL_DEFAULT);
	arena_init(&A, 16 * 1024 * 1024);
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_sms_sender.XXXXXX", base && *base ? base : "/tmp");
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
	berlin = q_int("SELECT id FROM studios WHERE slug = 'berlin-mitte'", 0, NULL);
	T_OK(berlin > 0);

	struct t_fake f;
	static const char *const landline[] = { "--sms-incapable", LANDLINE, "--sms-incapable", "+4989901820", NULL };
	if (t_failed == 0 && t_fake_start(&f, dir, "twilio", SID, TOKEN, landline)) {
		struct twrest *t = NULL;
		T_EQ_INT(twrest_open(&t, f.base, SID, TOKEN), TF_OK);
		test_senders_end_to_end(&f, t);
		twrest_close(t);
		t_fake_stop(&f);
	} else {
		T_OK(0);
	}
	cleanup();
	curl_global_cleanup();
	return t_done();
}
