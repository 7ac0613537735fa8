/* test_agent.c: the embedded dialog turn by turn on a real store (the example
 * studios, a temporary SQLite file, a fixed clock): a conversation that
 * recovers (a name at the offer step, an hours question in the middle of a
 * booking, an either-or question when unsure, a question nobody here can
 * answer, the second silence, a day gone by, the FAQ answered and the
 * booking going on, a cancellation confirmed first), alternatives in time
 * order and a time that is no slot start; and the studio FAQ itself: the
 * matcher, the body of the admin API and the store. */
#include "agent.h"
#include "arena.h"
#include "config.h"
#include "crypto.h"
#include "err.h"
#include "faq.h"
#include "log.h"
#include "nlu.h"
#include "store.h"
#include "t.h"
#include "t_db.h"


#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define BERLIN_NUMBER "+4930901820"
#define MUENCHEN_NUMBER "+4989901820"

/* Tuesday 24 November 2026, 10:00 in Berlin (both studios open). */
#define T0 ((int64_t)1795510800)
/* Sunday 29 November 2026, 12:00: both studios closed, nobody to put through. */
#define SUNDAY (T0 + 5 * 86400 + 2 * 3600)

static char dir[256], db[300];
static struct crypto crypto;
static struct store *S;
static struct db *raw;
static struct arena A;
static struct config cfg = { .twilio_phone_number = "+4930555111", .sentiment_transfer = -0.5 };
static int ncalls;
static struct agent_reply R;      /* the last reply */
static int64_t now = T0;

/* Opens a call from phone to a studio's number; returns its CallSid. */
static const char *new_call(const char *phone, const char *to)
{
	static char sids[64][35];
	char *sid = sids[ncalls % 64];
	snprintf(sid, 35, "CA%032d", ++ncalls);
	struct store_lead lead;
	struct store_call call;
	struct store_call_open in = {
		.call_sid = sid, .from = phone, .to = to, .direction = "inbound", .status = "in-progress",
		.studio_id = strcmp(to, MUENCHEN_NUMBER) == 0 ? 2 : 1,
	};
	T_EQ_INT(store_call_open(S, &A, &in, &lead, &call), TF_OK);
	return sid;
}

/* One caller turn: words (NULL: silence) or keys ("#1"); returns what the agent says. */
static const char *turn(const char *sid, const char *words)
{
	struct agent_input in = { .speech = NULL, .confidence = 0.9, .digits = NULL };
	if (words && words[0] == '#')
		in.digits = words + 1;
	else
		in.speech = words;
	memset(&R, 0, sizeof(R));
	int err = agent_turn(S, &A, &cfg, sid, now, &in, &R);
	T_EQ_INT(err, TF_OK);
	if (err || R.say == NULL)
		return "";
	if (getenv("TEST_AGENT_VERBOSE"))
		fprintf(stderr, "  caller: %s\n  agent:  %s\n", words ? words : "(silence)", R.say);
	return R.say;
}

#define T_SAYS(said, part) do { const char *s_ = (said); \
	if (strstr(s_, (part))) { t_passed++; } else { t_failed++; \
		fprintf(stderr, "%s:%d: FAILED: \"%s\" not in \"%s\"\n", __FILE__, __LINE__, (part), s_); } \
} while (0)
#define T_NOT_SAYS(said, part) do { const char *s_ = (said); \
	if (!strstr(s_, (part))) { t_passed++; } else { t_failed++; \
		fprintf(stderr, "%s:%d: FAILED: \"%s\" in \"%s\"\n", __FILE__, __LINE__, (part), s_); } \
} while (0)

static const char *lead_name(const char *sid)
{
	struct store_call call;
	struct store_lead lead;
	if (store_call_get(S, &A, sid, &call, &lead) != TF_OK || lead.name == NULL)
		return "";
	return lead.name;
}

/* The booked appointments of the call's lead. */
static long long booked_of(const char *sid)
{
	return t_q_int(raw, "SELECT count(*) FROM appointments WHERE status = 'booked' AND lead_id ="
	               " (SELECT lead_id FROM lead_call_logs WHERE call_sid = ?2)", 0, sid);
}

/* Sunday, and no studio has a number to put callers through to: nobody can
 * take a call (on = false: back to Tuesday with the seed's numbers). */
static void nobody_in(bool on)
{
	const char *sql = on ? "UPDATE studios SET transfer_number = NULL"
	                     : "UPDATE studios SET transfer_number = CASE id WHEN 1 THEN '+4930901821' ELSE '+4989901821' END";
	T_OK(t_db_exec(raw, sql));
	now = on ? SUNDAY : T0;
}

/* Books an appointment for a caller (tomorrow 15:00 in Berlin). */
static void book_for(const char *phone)
{
	const char *sid = new_call(phone, BERLIN_NUMBER);
	turn(sid, "ich möchte einen termin morgen um 15 uhr");
	turn(sid, "lena koch");
	T_SAYS(turn(sid, "ja"), "gebucht");
}

/* ---- recoveries ---- */

static void test_name_at_offer_step(void)
{
	const char *sid = new_call("+4915100000101", BERLIN_NUMBER);
	T_SAYS(turn(sid, "ich hätte gern einen termin am donnerstag"), "Nachnamen");
	T_SAYS(turn(sid, "nein"), "Welcher Termin passt Ihnen?");
	/* The name comes now, when a slot was asked for: kept, thanked, the offer again. */
	const char *r = turn(sid, "anna schmidt");
	T_NOT_SAYS(r, "nicht");
	T_SAYS(r, "Vielen Dank, Anna Schmidt.");
	T_SAYS(r, "Welcher Termin passt Ihnen?");
	T_EQ_STR(lead_name(sid), "Anna Schmidt");
	T_SAYS(turn(sid, "den ersten"), "Ist das richtig?");
	T_SAYS(turn(sid, "ja"), "gebucht");
}

/* A new caller who says their name with the errand is not asked for it again;
 * a known caller's name stays when another name comes with an errand (it may
 * be whom the appointment is for). */
static void test_name_with_errand(void)
{
	const char *sid = new_call("+4915100000121", BERLIN_NUMBER);
	const char *r = turn(sid, "guten tag hier ist die frau huber ich hätte gern einen termin am donnerstag");
	T_NOT_SAYS(r, "Nachnamen");
	T_SAYS(r, "Vielen Dank, Frau Huber.");
	T_SAYS(r, "Welcher Termin passt Ihnen?");
	T_EQ_STR(lead_name(sid), "Frau Huber");
	T_SAYS(turn(sid, "den ersten"), "Ist das richtig?");
	T_SAYS(turn(sid, "ja"), "gebucht");

	sid = new_call("+4915100000122", BERLIN_NUMBER);
	r = turn(sid, "mein name ist jonas albers und ich bräuchte einen termin");
	T_NOT_SAYS(r, "Nachnamen");
	T_SAYS(r, "Vielen Dank, Jonas Albers.");
	T_EQ_STR(lead_name(sid), "Jonas Albers");

	/* the same number again: a name said with an errand does not rename the caller */
	sid = new_call("+4915100000122", BERLIN_NUMBER);
	turn(sid, "hier ist erika albers ich hätte gern einen termin am freitag");
	T_EQ_STR(lead_name(sid), "Jonas Albers");
}

static void test_hours_in_the_middle(void)
{
	const char *sid = new_call("+4915100000102", BERLIN_NUMBER);
	turn(sid, "termin am donnerstag");
	const char *offered = turn(sid, "max müller");
	T_SAYS(offered, "Welcher Termin passt Ihnen?");
	const char *r = turn(sid, "wie sind eigentlich ihre öffnungszeiten");
	T_SAYS(r, "Montag bis Freitag");
	T_SAYS(r, "Zurück zu Ihrem Termin");
	T_SAYS(r, "Welcher Termin passt Ihnen?");     /* the booking goes on */
	T_EQ_INT(R.action, AGENT_GATHER);
	r = turn(sid, "und wo genau ist das studio");
	T_SAYS(r, "Friedrichstraße 123");
	T_SAYS(r, "Welcher Termin passt Ihnen?");
	T_SAYS(turn(sid, "den zweiten"), "Ist das richtig?");
	T_SAYS(turn(sid, "ja"), "gebucht");
}

static void test_either_or(void)
{
	const char *phone = "+4915100000103";
	book_for(phone);
	const char *sid = new_call(phone, BERLIN_NUMBER);
	const char *r = turn(sid, "ich weiß nicht ob ich den termin absagen oder verschieben soll");
	T_SAYS(r, "Möchten Sie Ihren Termin");
	T_SAYS(r, "absagen oder verschieben?");
	/* Understood in context: the choice, by its word. */
	r = turn(sid, "verschieben");
	T_SAYS(r, "Sie haben einen Termin morgen um 15 Uhr");
	T_SAYS(r, "Wann würde es Ihnen stattdessen passen?");
	T_EQ_INT(booked_of(sid), 1);

	/* ... or by its place. */
	sid = new_call(phone, BERLIN_NUMBER);
	r = turn(sid, "ich weiß nicht ob ich den termin absagen oder verschieben soll");
	T_SAYS(r, "oder");
	bool cancel_first = strstr(r, "absagen oder") != NULL;
	r = turn(sid, "das erste");
	T_SAYS(r, cancel_first ? "absagen?" : "Wann würde es Ihnen stattdessen passen?");
}

static void test_unknown_question_offers_a_person(void)
{
	const char *sid = new_call("+4915100000104", BERLIN_NUMBER);
	const char *r = turn(sid, "kann ich bei ihnen mit karte bezahlen");
	T_NOT_SAYS(r, "nicht ganz verstanden");
	T_SAYS(r, "nicht sicher beantworten");
	T_SAYS(r, "verbinden");
	T_EQ_INT(R.action, AGENT_GATHER);
	turn(sid, "ja bitte");
	T_EQ_INT(R.action, AGENT_TRANSFER);
	T_EQ_STR(R.dial_number, "+4930901821");

	/* Nobody in: a callback instead, taken with the key. */
	nobody_in(true);
	sid = new_call("+4915100000105", BERLIN_NUMBER);
	r = turn(sid, "muss ich einen vertrag unterschreiben");
	T_SAYS(r, "nicht sicher beantworten");
	T_SAYS(r, "niemand im Studio erreichbar");
	T_SAYS(r, "zurückrufen");
	turn(sid, "#1");
	T_EQ_INT(R.action, AGENT_HANGUP);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM callback_requests WHERE reason = 'question'", 0, NULL), 1);
	nobody_in(false);
}

static void test_second_silence(void)
{
	const char *sid = new_call("+4915100000106", BERLIN_NUMBER);
	T_SAYS(turn(sid, NULL), "nicht gehört");
	T_EQ_INT(R.action, AGENT_GATHER);
	turn(sid, NULL);
	T_EQ_INT(R.action, AGENT_TRANSFER);                /* the second one: a person takes over */

	sid = new_call("+4915100000107", BERLIN_NUMBER);
	turn(sid, "blubb blabb");
	T_EQ_INT(R.action, AGENT_GATHER);
	turn(sid, "quatsch mit soße");
	T_EQ_INT(R.action, AGENT_TRANSFER);

	/* Nobody can take the call: a callback is offered, then a polite end. */
	nobody_in(true);
	sid = new_call("+4915100000108", BERLIN_NUMBER);
	turn(sid, NULL);
	const char *r = turn(sid, NULL);
	T_EQ_INT(R.action, AGENT_GATHER);
	T_SAYS(r, "zurückrufen");
	T_EQ_INT(R.num_digits, 1);
	turn(sid, NULL);
	T_EQ_INT(R.action, AGENT_HANGUP);
	nobody_in(false);
}

static void test_wait(void)
{
	const char *sid = new_call("+4915100000109", BERLIN_NUMBER);
	turn(sid, "termin am freitag");
	turn(sid, "paula braun");
	T_SAYS(turn(sid, "moment bitte ich hole kurz meinen kalender"), "ich warte");
	T_SAYS(turn(sid, NULL), "Ich bin noch da");   /* a silence while waiting is no failure */
	T_EQ_INT(R.action, AGENT_GATHER);
	T_SAYS(turn(sid, "den ersten"), "Ist das richtig?");
	/* Asked to hear it again: the same question, not "nicht verstanden". */
	const char *r = turn(sid, "wie bitte");
	T_SAYS(r, "Gern noch einmal.");
	T_SAYS(r, "Ist das richtig?");
}

static void test_past_day_refused(void)
{
	struct nlu_context ctx = { .now = { { 2026, 11, 24 }, 10, 0, 0 } };
	struct when w;
	char f[64];
	T_EQ_INT(when_parse("letzten dienstag", 16, &ctx, &w), TF_OK);
	when_format(&w, f, sizeof(f));
	if (strncmp(f, "past:", 5) != 0) {
		fprintf(stderr, "test_past_day_refused: skipped, lib/lang/when does not report a day gone by (%s)\n", f);
		return;
	}
	const char *sid = new_call("+4915100000110", BERLIN_NUMBER);
	const char *r = turn(sid, "ich möchte einen termin am letzten dienstag");
	T_SAYS(r, "Dienstag, der 17. November, ist leider schon vorbei.");
	T_SAYS(r, "Wann würde es Ihnen denn passen?");
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM appointments WHERE starts_at < '2026-11-24'", 0, NULL), 0);
	r = turn(sid, "gestern um zehn");
	T_SAYS(r, "ist leider schon vorbei");
}

static void test_faq_then_booking(void)
{
	const char *sid = new_call("+4915100000111", BERLIN_NUMBER);
	turn(sid, "ich hätte gern einen termin übermorgen");
	T_SAYS(turn(sid, "jonas weber"), "Welcher Termin passt Ihnen?");
	const char *r = turn(sid, "was kostet denn eine sitzung bei ihnen");
	T_SAYS(r, "zwischen 39 und 69 Euro");
	T_SAYS(r, "Welcher Termin passt Ihnen?");
	r = turn(sid, "und gibt es da parkplätze");
	T_SAYS(r, "Parkhaus");
	T_SAYS(turn(sid, "den ersten"), "Ist das richtig?");
	T_SAYS(turn(sid, "ja"), "gebucht");
	/* München answers with its own rows. */
	sid = new_call("+4915100000112", MUENCHEN_NUMBER);
	T_SAYS(turn(sid, "wo kann ich da parken"), "Leopoldstraße");
}

static void test_cancel_confirmed_first(void)
{
	const char *phone = "+4915100000113";
	book_for(phone);
	const char *sid = new_call(phone, BERLIN_NUMBER);
	long long before = booked_of(sid);
	T_EQ_INT(before, 1);
	const char *r = turn(sid, "ich möchte meinen termin stornieren");
	T_SAYS(r, "Soll ich Ihren Termin morgen um 15 Uhr im Studio Berlin absagen?");
	T_EQ_INT(booked_of(sid), before);                 /* nothing cancelled yet */
	r = turn(sid, "wie sind denn ihre öffnungszeiten am samstag");
	T_SAYS(r, "Samstag");
	T_SAYS(r, "absagen?");                             /* the question comes again */
	T_SAYS(turn(sid, "ja"), "abgesagt");
	T_EQ_INT(booked_of(sid), before - 1);
}

static void test_time_order_and_not_a_slot(void)
{
	/* Berlin: a slot every full hour; half past two is none. */
	const char *sid = new_call("+4915100000114", BERLIN_NUMBER);
	turn(sid, "ich möchte einen termin morgen um halb drei");
	const char *r = turn(sid, "eva berg");
	T_SAYS(r, "Termine beginnen bei uns jeweils zur vollen Stunde.");
	T_NOT_SAYS(r, "nichts mehr frei");
	const char *two = strstr(r, "um 14 Uhr"), *three = strstr(r, "um 15 Uhr");
	T_OK(two && three && two < three);               /* in the order of the day */
	T_SAYS(turn(sid, "den ersten"), "morgen um 14 Uhr");

	/* München: every 45 minutes from 8:00; 10:00 falls between 9:30 and 10:15. */
	sid = new_call("+4915100000115", MUENCHEN_NUMBER);
	turn(sid, "termin morgen um 10 uhr");
	r = turn(sid, "karl lang");
	T_SAYS(r, "alle 45 Minuten");
	T_SAYS(r, "9:30 Uhr und um 10:15 Uhr");

	/* Closed then: said so, not "nichts mehr frei". */
	sid = new_call("+4915100000117", BERLIN_NUMBER);
	turn(sid, "termin am sonntag um 11");
	r = turn(sid, "tom gross");
	T_SAYS(r, "Am Sonntag, den 29. November, haben wir leider geschlossen.");
	T_NOT_SAYS(r, "nichts mehr frei");
	sid = new_call("+4915100000118", BERLIN_NUMBER);
	turn(sid, "termin morgen um 22 uhr");
	T_SAYS(turn(sid, "ina wolf"), "Um 22 Uhr haben wir leider geschlossen.");
}

/* ---- the FAQ ---- */

static void test_faq_match(void)
{
	struct store_faq rows[] = {
		{ .topic = "preise", .keywords = "preis, kosten, teuer, euro" },
		{ .topic = "dauer", .keywords = "dauer, dauert, wie lange sitzung" },
		{ .topic = "parken", .keywords = "parken, parkplatz, parkhaus" },
		{ .topic = "zahlung", .keywords = "karte, bar bezahlen, überweisung" },
	};
	static const struct { const char *said; int row; } cases[] = {
		{ "was kostet das", 0 },
		{ "wie teuer ist eine sitzung", 0 },
		{ "wie lange dauert eine sitzung", 1 },
		{ "wie lange geht so eine sitzung", 1 },
		{ "gibt es kundenparkplätze", 2 },
		{ "wo kann ich parken", 2 },
		{ "kann ich bar bezahlen", 3 },
		{ "kann man mit ec-karte zahlen", 3 },
		{ "ich möchte einen termin", -1 },
		{ "wie lange haben sie offen", -1 },
		{ "", -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int best = -2, score = -1;
		T_EQ_INT(faq_match(&A, cases[i].said, strlen(cases[i].said), rows, 4, &best, &score), TF_OK);
		if (best != cases[i].row)
			fprintf(stderr, "faq_match(\"%s\") = %d\n", cases[i].said, best);
		T_EQ_INT(best, cases[i].row);
		T_OK((best < 0) == (score == 0));
	}
	int best, score;
	T_EQ_INT(faq_match(&A, NULL, 0, rows, 4, &best, &score), TF_EINVAL);
	T_EQ_INT(faq_match(&A, "\xff\xfe kosten", 9, rows, 4, &best, &score), TF_OK);
}

static void test_faq_body(void)
{
	struct store_faq f = { 0 };
	struct tf_errmsg e;
	static const char ok[] = "{\"topic\":\"zahlung\",\"keywords\":\"karte, bar\",\"answer\":\"Sie können bar oder mit Karte zahlen.\"}";
	T_EQ_INT(faq_parse_body(&A, ok, strlen(ok), false, &f, &e), TF_OK);
	T_EQ_STR(f.topic, "zahlung");
	T_EQ_STR(f.answer, "Sie können bar oder mit Karte zahlen.");
	static const char part[] = "{\"answer\":\"Nur mit Karte.\"}";
	T_EQ_INT(faq_parse_body(&A, part, strlen(part), true, &f, &e), TF_OK);
	T_EQ_STR(f.topic, "zahlung");
	T_EQ_STR(f.answer, "Nur mit Karte.");
	static const struct { const char *body; int err; } bad[] = {
		{ "{", TF_EINVAL },
		{ "[]", TF_EVALUE },
		{ "{\"topic\":\"x\",\"keywords\":\"y\"}", TF_EVALUE },
		{ "{\"topic\":\"x\",\"keywords\":\"y\",\"answer\":\"\"}", TF_EVALUE },
		{ "{\"topic\":\"x\",\"keywords\":\"y\",\"answer\":7}", TF_EVALUE },
		{ "{\"topic\":\"x\",\"keywords\":\"y\",\"answer\":\"a\\nb\"}", TF_EVALUE },
		{ "{\"topic\":\"x\",\"keywords\":\"y\",\"answer\":\"z\",\"price\":1}", TF_EVALUE },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct store_faq g = { 0 };
		e.text[0] = '\0';
		T_EQ_INT(faq_parse_body(&A, bad[i].body, strlen(bad[i].body), false, &g, &e), bad[i].err);
		T_OK(e.text[0] != '\0');
	}
	struct store_faq g = { 0 };
	T_EQ_INT(faq_parse_body(&A, "{}", 2, true, &g, &e), TF_EVALUE);
}

static void test_faq_store(void)
{
	struct store_faq *list;
	size_t n;
	T_EQ_INT(store_faq_list(S, &A, 1, &list, &n), TF_OK);
	T_EQ_INT(n, 4);                                    /* the seed: prices, what to bring, duration, parking */
	int64_t id = 0;
	struct store_faq f = { .studio_id = 1, .topic = "zahlung", .keywords = "karte, bar", .answer = "Bar oder mit Karte." };
	T_EQ_INT(store_faq_put(S, &f, T0, &id), TF_OK);
	T_OK(id > 0);
	T_EQ_INT(store_faq_put(S, &f, T0, NULL), TF_ECONFLICT);   /* one row per topic */
	struct store_faq got;
	T_EQ_INT(store_faq_get(S, &A, 1, id, &got), TF_OK);
	T_EQ_STR(got.created_at, "2026-11-24 09:00:00");
	T_EQ_INT(store_faq_get(S, &A, 2, id, &got), TF_ENOTFOUND);  /* another studio's */
	f.id = id;
	f.answer = "Nur mit Karte.";
	T_EQ_INT(store_faq_put(S, &f, T0 + 60, NULL), TF_OK);
	T_EQ_INT(store_faq_get(S, &A, 1, id, &got), TF_OK);
	T_EQ_STR(got.answer, "Nur mit Karte.");
	T_EQ_STR(got.updated_at, "2026-11-24 09:01:00");
	/* The agent answers from it at once. */
	const char *sid = new_call("+4915100000116", BERLIN_NUMBER);
	T_SAYS(turn(sid, "kann ich mit karte bezahlen"), "Nur mit Karte.");
	T_EQ_INT(store_faq_delete(S, 1, id), TF_OK);
	T_EQ_INT(store_faq_delete(S, 1, id), TF_ENOTFOUND);
	f.id = id;
	T_EQ_INT(store_faq_put(S, &f, T0, NULL), TF_ENOTFOUND);
}

int main(void)
{
	log_set_level(LOG_ERROR);
	arena_init(&A, 64 * 1024 * 1024);
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_agent.XXXXXX", tmp && *tmp ? tmp : "/tmp");
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

	void (*const tests[])(void) = {
		test_name_at_offer_step, test_name_with_errand, test_hours_in_the_middle, test_either_or, test_unknown_question_offers_a_person,
		test_second_silence, test_wait, test_past_day_refused, test_faq_then_booking, test_cancel_confirmed_first,
		test_time_order_and_not_a_slot, test_faq_match, test_faq_body, test_faq_store,
	};
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		tests[i]();
		arena_reset(&A);
	}

	db_close(raw);
	t_db_drop(db);
	store_close(S);
	crypto_free(&crypto);
	arena_free(&A);
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return t_done();
}
