/* test_agent_steps.c: each step of the embedded dialog on its own. A turn is
 * opened on a real store (the example studios, a temporary SQLite file, a
 * fixed clock), put at one step with what the NLU would have heard set by
 * hand, and given to that step's handler (agent_steps) or to the whole step
 * (agent_step); for every step a typical answer, an unexpected one and
 * silence, checked by the words said, the next step and the slots kept. */
#include "agent.h"
#include "agent_int.h"
#include "arena.h"
#include "booking.h"
#include "config.h"
#include "crypto.h"
#include "err.h"
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

/* Tuesday 24 November 2026, 10:00 in Berlin (09:00 UTC; both studios open). */
#define T0 ((int64_t)1795510800)
/* Wednesday 25 November 2026 at hour h in Berlin (UTC+1). */
#define WED(h) (T0 + 86400 + ((h) - 10) * 3600)

static char dir[256], db[300];
static struct crypto crypto;
static struct store *S;
static struct db *raw;
static struct arena A;
static struct config cfg = { .twilio_phone_number = "+4930555111", .sentiment_transfer = -0.5 };
static int ncalls;
static struct agent_reply R;

#define T_SAYS(said, part) do { const char *s_ = (said); \
	if (strstr(s_, (part))) { t_passed++; } else { t_failed++; \
		fprintf(stderr, "%s:%d: FAILED: \"%s\" not in \"%s\"\n", __FILE__, __LINE__, (part), s_); } \
} while (0)

/* A new caller (a lead without a name) on Berlin's number, the turn opened
 * and put at step s with nothing heard yet. */
static struct turn *at(enum step s)
{
	static char sids[64][35];
	char *sid = sids[ncalls % 64];
	char phone[24];
	snprintf(sid, 35, "CA%032d", ++ncalls);
	snprintf(phone, sizeof(phone), "+4915200%06d", ncalls);
	struct store_lead lead;
	struct store_call call;
	struct store_call_open in = {
		.call_sid = sid, .from = phone, .to = BERLIN_NUMBER, .direction = "inbound", .status = "in-progress",
		.studio_id = 1,
	};
	T_EQ_INT(store_call_open(S, &A, &in, &lead, &call), TF_OK);
	struct turn *t = NULL;
	if (agent_turn_open(&t, S, &A, &cfg, sid, T0, &R) != TF_OK || t == NULL) {
		fprintf(stderr, "cannot open a turn\n");
		exit(1);
	}
	t->st.step = s;
	t->h.intent = H_UNKNOWN;
	t->h.intent_name = "test";
	t->h.choice = NLU_CHOICE_NONE;
	t->h.normalized = "";
	return t;
}

/* What the NLU heard: an intent, and with it nothing else. */
static void heard(struct turn *t, enum heard_intent i)
{
	t->h.intent = i;
	t->h.confidence = 0.9;
}

/* A wish for a day (y-m-d) and, when minute >= 0, a time. */
static void wished(struct turn *t, int y, int m, int d, int minute)
{
	t->h.has_wish = t->h.said_date = true;
	t->h.wish = (struct schedule_wish){ .has_date = true, .date = { y, m, d } };
	if (minute >= 0) {
		t->h.wish.has_time = true;
		t->h.wish.minute = minute;
	}
}

/* Runs the handler of the turn's step as agent_step does (handled true
 * unless the handler gives the turn back); returns whether it took the turn. */
static bool handle(struct turn *t)
{
	bool handled = true;
	T_OK(agent_steps[t->st.step] != NULL);
	if (agent_steps[t->st.step])
		T_EQ_INT(agent_steps[t->st.step](t, &handled), TF_OK);
	return handled;
}

/* The whole step: the handler, then what means the same at every step. */
static void step(struct turn *t)
{
	T_EQ_INT(agent_step(t), TF_OK);
}

static const char *said(const struct turn *t)
{
	return t->say;
}

/* An unexpected answer leaves the handler's question open: nothing said, the
 * step as it was, the turn left to what means the same at every step. */
static void unexpected_to_handler(enum step s, enum heard_intent i)
{
	struct turn *t = at(s);
	heard(t, i);
	T_OK(!handle(t));
	T_EQ_INT(t->len, 0);
	T_EQ_INT(t->st.step, s);
}

/* ---- every step: silence and words that mean nothing ---- */

static const struct {
	enum step step;
	const char *again;      /* the question asked again */
} reprompts[] = {
	{ ST_START, "Möchten Sie einen Termin vereinbaren, einen Termin verschieben oder absagen" },
	{ ST_ASK_NAME, "Wie ist Ihr Vor- und Nachname?" },
	{ ST_ASK_WHEN, "Wann hätten Sie Zeit?" },
	{ ST_OFFER, "Welcher der Termine passt Ihnen?" },
	{ ST_CONFIRM, "Soll ich den Termin so eintragen?" },
	{ ST_CONFIRM_CANCEL, "Soll ich Ihren Termin absagen?" },
	{ ST_MORE, "Kann ich sonst noch etwas für Sie tun?" },
	{ ST_OFFER_CALLBACK, "Sollen wir Sie zurückrufen? Sagen Sie ja oder drücken Sie die 1." },
	{ ST_CLARIFY, "Möchten Sie Ihren Termin absagen oder verschieben?" },
	{ ST_OFFER_HELP, "Soll ich Sie mit einer Kollegin oder einem Kollegen verbinden, oder sollen wir Sie zurückrufen?" },
};

/* The first silence at any step: an apology, the step's own question again,
 * one failure counted, the step kept. */
static void test_silence_at_every_step(void)
{
	T_EQ_INT(sizeof(reprompts) / sizeof(reprompts[0]), ST__N);
	for (size_t i = 0; i < sizeof(reprompts) / sizeof(reprompts[0]); i++) {
		struct turn *t = at(reprompts[i].step);
		t->st.clarify[0] = H_CANCEL;
		t->st.clarify[1] = H_RESCHEDULE;
		agent_not_understood(t, true);
		T_SAYS(said(t), "ich habe Sie gerade nicht gehört");
		T_SAYS(said(t), reprompts[i].again);
		T_EQ_INT(t->st.step, reprompts[i].step);
		T_EQ_INT(t->st.failures, 1);
		T_EQ_INT(R.action, AGENT_GATHER);
		arena_reset(&A);
	}
}

/* Words that answer nothing, through the whole step: not understood, the
 * step's question again (the either-or question is asked again too). */
static void test_nothing_understood_at_every_step(void)
{
	for (size_t i = 0; i < sizeof(reprompts) / sizeof(reprompts[0]); i++) {
		if (reprompts[i].step == ST_OFFER_HELP)
			continue;   /* below */
		struct turn *t = at(reprompts[i].step);
		t->st.clarify[0] = H_CANCEL;
		t->st.clarify[1] = H_RESCHEDULE;
		t->st.back = ST_START;
		heard(t, H_UNKNOWN);
		step(t);
		T_SAYS(said(t), "das habe ich nicht ganz verstanden");
		T_SAYS(said(t), reprompts[i].again);
		T_EQ_INT(t->st.failures, 1);
		T_EQ_INT(t->st.step, reprompts[i].step);
		arena_reset(&A);
	}
}

/* Words that answer neither a person nor a callback give the turn back to
 * the question that was pending, which is asked again. */
static void test_nothing_understood_at_offer_help(void)
{
	struct turn *t = at(ST_OFFER_HELP);
	t->st.back = ST_ASK_WHEN;
	heard(t, H_UNKNOWN);
	step(t);
	T_SAYS(said(t), "das habe ich nicht ganz verstanden");
	T_SAYS(said(t), "Wann hätten Sie Zeit?");
	T_EQ_INT(t->st.step, ST_ASK_WHEN);
	T_EQ_INT(t->st.failures, 1);
}

/* The second silence in a row: while the studio is open, a person. */
static void test_second_silence_puts_through(void)
{
	struct turn *t = at(ST_ASK_WHEN);
	t->st.failures = 1;
	agent_not_understood(t, true);
	T_SAYS(said(t), "Ich kann Sie leider immer noch nicht hören.");
	T_EQ_INT(R.action, AGENT_TRANSFER);
	T_EQ_STR(R.dial_number, "+4930901821");
	T_EQ_STR(t->st.outcome, "transferred");
}

/* After "Moment bitte", one silence is no failure. */
static void test_silence_while_waiting(void)
{
	struct turn *t = at(ST_ASK_WHEN);
	t->st.waiting = true;
	agent_not_understood(t, true);
	T_SAYS(said(t), "Ich bin noch da.");
	T_EQ_INT(t->st.failures, 0);
	T_OK(!t->st.waiting);
	T_EQ_INT(t->st.step, ST_ASK_WHEN);
}

/* ---- ST_START: no question of its own ---- */

static void test_start(void)
{
	T_OK(agent_steps[ST_START] == NULL);
	/* A booking: a caller without a name is asked for it first. */
	struct turn *t = at(ST_START);
	heard(t, H_BOOK);
	step(t);
	T_SAYS(said(t), "Darf ich zuerst Ihren Vor- und Nachnamen erfahren?");
	T_EQ_INT(t->st.step, ST_ASK_NAME);
	T_EQ_INT(t->st.goal, G_BOOK);
	T_OK(t->st.name_asked);
	arena_reset(&A);
	/* A date alone means a booking, and the date is kept. */
	t = at(ST_START);
	wished(t, 2026, 11, 25, 15 * 60);
	step(t);
	T_EQ_INT(t->st.goal, G_BOOK);
	T_OK(t->st.has_wish);
	T_EQ_INT(t->st.wish.date.day, 25);
	T_EQ_INT(t->st.wish.minute, 15 * 60);
	T_EQ_INT(t->st.step, ST_ASK_NAME);
	arena_reset(&A);
	/* The hours, answered; then the next question. */
	t = at(ST_START);
	heard(t, H_INFO_HOURS);
	step(t);
	T_SAYS(said(t), "Unser Studio in Berlin ist für Sie da:");
	T_EQ_INT(t->st.step, ST_MORE);
}

/* ---- ST_ASK_NAME ---- */

static void test_ask_name(void)
{
	struct turn *t = at(ST_ASK_NAME);
	t->st.goal = G_BOOK;
	heard(t, H_GIVE_NAME);
	t->h.name = "Frau Schmidt";
	t->h.salutation = "Frau";
	t->h.last_name = "Schmidt";
	T_OK(handle(t));
	T_SAYS(said(t), "Vielen Dank, Frau Schmidt.");
	T_EQ_STR(t->lead.name, "Frau Schmidt");
	struct store_call call;
	struct store_lead lead;
	T_EQ_INT(store_call_get(S, &A, t->call_sid, &call, &lead), TF_OK);
	T_EQ_STR(lead.name, "Frau Schmidt");
	/* Then the earliest slots are offered. */
	T_EQ_INT(t->st.step, ST_OFFER);
	T_OK(t->st.noffers >= 1 && t->st.noffers <= MAX_OFFERS);
	T_SAYS(said(t), "Welcher Termin passt Ihnen?");
	arena_reset(&A);
	/* "Nein": no name, the offer all the same. */
	t = at(ST_ASK_NAME);
	t->st.goal = G_BOOK;
	heard(t, H_NO);
	T_OK(handle(t));
	T_SAYS(said(t), "Kein Problem.");
	T_EQ_INT(t->st.step, ST_OFFER);
	arena_reset(&A);
	/* The name with another errand: the name is kept, the errand seen to. */
	t = at(ST_ASK_NAME);
	t->st.goal = G_BOOK;
	heard(t, H_CANCEL);
	t->h.name = "Herr Müller";
	t->h.salutation = "Herr";
	t->h.last_name = "Müller";
	T_OK(handle(t));
	T_SAYS(said(t), "Vielen Dank, Herr Müller.");
	T_EQ_STR(t->lead.name, "Herr Müller");
	T_SAYS(said(t), "Ich finde unter Ihrer Nummer keinen offenen Termin.");   /* (this caller has none) */
	T_EQ_INT(t->st.step, ST_MORE);
	arena_reset(&A);
	unexpected_to_handler(ST_ASK_NAME, H_INFO_ADDRESS);
}

/* ---- ST_ASK_WHEN ---- */

static void test_ask_when(void)
{
	/* Wednesday at 15:00 is free: said back, to be confirmed. */
	struct turn *t = at(ST_ASK_WHEN);
	t->st.goal = G_BOOK;
	wished(t, 2026, 11, 25, 15 * 60);
	T_OK(handle(t));
	T_SAYS(said(t), "ist noch ein Termin frei. Soll ich ihn für Sie eintragen?");
	T_EQ_INT(t->st.step, ST_CONFIRM);
	T_EQ_INT(t->st.chosen, WED(15));
	T_OK(t->st.has_wish);
	arena_reset(&A);
	/* "Ja" (whenever): the earliest slots, no wish kept. */
	t = at(ST_ASK_WHEN);
	t->st.goal = G_BOOK;
	t->st.has_wish = true;
	heard(t, H_YES);
	T_OK(handle(t));
	T_OK(!t->st.has_wish);
	T_EQ_INT(t->st.step, ST_OFFER);
	arena_reset(&A);
	/* A Sunday (closed): said so, then the next days' slots */
	t = at(ST_ASK_WHEN);
	t->st.goal = G_BOOK;
	wished(t, 2026, 11, 29, -1);
	T_OK(handle(t));
	T_SAYS(said(t), "Am Sonntag, den 29. November, haben wir leider geschlossen. ");
	T_OK(strstr(said(t), "kein Termin mehr frei") == NULL);
	T_EQ_INT(t->st.step, ST_OFFER);
	arena_reset(&A);
	unexpected_to_handler(ST_ASK_WHEN, H_NO);
}

/* ---- ST_OFFER ---- */

static struct turn *at_offer(void)
{
	struct turn *t = at(ST_OFFER);
	t->st.goal = G_BOOK;
	t->st.offers[0] = WED(9);
	t->st.offers[1] = WED(10);
	t->st.offers[2] = WED(11);
	t->st.noffers = 3;
	return t;
}

static void test_offer(void)
{
	/* "den zweiten" */
	struct turn *t = at_offer();
	heard(t, H_UNKNOWN);
	t->h.choice = 1;
	T_OK(handle(t));
	T_EQ_INT(t->st.chosen, WED(10));
	T_EQ_INT(t->st.step, ST_CONFIRM);
	T_SAYS(said(t), "Ich trage Sie also");
	T_SAYS(said(t), "im Studio Berlin ein. Ist das richtig?");
	arena_reset(&A);
	/* "um elf": the offer at that time */
	t = at_offer();
	t->h.has_wish = true;
	t->h.wish = (struct schedule_wish){ .has_date = true, .date = { 2026, 11, 24 }, .has_time = true, .minute = 11 * 60 };
	T_OK(handle(t));
	T_EQ_INT(t->st.chosen, WED(11));
	arena_reset(&A);
	/* "den letzten" */
	t = at_offer();
	t->h.choice = NLU_CHOICE_LAST;
	T_OK(handle(t));
	T_EQ_INT(t->st.chosen, WED(11));
	arena_reset(&A);
	/* "lieber später": after the last offer of that day */
	t = at_offer();
	t->h.pref = WHEN_PREF_LATER;
	T_OK(handle(t));
	T_OK(t->st.has_wish);
	T_EQ_INT(t->st.wish.date.day, 25);
	T_EQ_INT(t->st.wish.from, 11 * 60 + 1);
	T_OK(t->st.noffers >= 1);
	for (int i = 0; i < t->st.noffers; i++)
		T_OK(t->st.offers[i] > WED(11));
	arena_reset(&A);
	/* "ja" to three: which one? */
	t = at_offer();
	heard(t, H_YES);
	T_OK(handle(t));
	T_SAYS(said(t), "Welchen Termin möchten Sie, zum Beispiel den ersten");
	T_EQ_INT(t->st.step, ST_OFFER);
	T_EQ_INT(t->st.chosen, 0);
	arena_reset(&A);
	/* "nein": another time */
	t = at_offer();
	heard(t, H_NO);
	T_OK(handle(t));
	T_SAYS(said(t), "Schade. Wann würde es Ihnen denn besser passen?");
	T_EQ_INT(t->st.step, ST_ASK_WHEN);
	arena_reset(&A);
	/* the fourth of three is no choice */
	t = at_offer();
	t->h.choice = 3;
	T_OK(!handle(t));
	T_EQ_INT(t->st.chosen, 0);
	arena_reset(&A);
	unexpected_to_handler(ST_OFFER, H_INFO_HOURS);
}

/* ---- ST_CONFIRM ---- */

static struct turn *at_confirm(int64_t chosen)
{
	struct turn *t = at(ST_CONFIRM);
	t->st.goal = G_BOOK;
	t->st.offers[0] = t->st.chosen = chosen;
	t->st.noffers = 1;
	return t;
}

static void test_confirm(void)
{
	struct turn *t = at_confirm(WED(15));
	long long before = t_q_int(raw, "SELECT count(*) FROM appointments WHERE status = 'booked'", 0, NULL);
	heard(t, H_YES);
	T_OK(handle(t));
	T_SAYS(said(t), "Wunderbar, Ihr Termin");
	T_SAYS(said(t), "ist gebucht.");
	T_EQ_STR(t->st.outcome, "booked");
	T_EQ_INT(t->st.goal, G_NONE);
	T_EQ_INT(t->st.step, ST_MORE);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM appointments WHERE status = 'booked'", 0, NULL), before + 1);
	arena_reset(&A);
	/* "nein": another time is asked for, nothing booked */
	t = at_confirm(WED(16));
	heard(t, H_NO);
	T_OK(handle(t));
	T_SAYS(said(t), "Gut, dann suchen wir einen anderen Termin.");
	T_EQ_INT(t->st.step, ST_ASK_WHEN);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM appointments WHERE status = 'booked'", 0, NULL), before + 1);
	arena_reset(&A);
	/* "lieber Freitag um 10": a new wish, looked up at once */
	t = at_confirm(WED(16));
	wished(t, 2026, 11, 27, 10 * 60);
	T_OK(handle(t));
	T_EQ_INT(t->st.wish.date.day, 27);
	T_EQ_INT(t->st.chosen, WED(10) + 2 * 86400);
	T_EQ_INT(t->st.step, ST_CONFIRM);
	arena_reset(&A);
	/* "nein, lieber eine Stunde später": the slots after the one proposed */
	t = at_confirm(WED(15));
	heard(t, H_NO);
	t->h.pref = WHEN_PREF_LATER;
	T_OK(handle(t));
	T_OK(t->st.noffers >= 1 && t->st.offers[0] == WED(16));
	T_SAYS(said(t), "um 16 Uhr");
	arena_reset(&A);
	/* "früher": before it */
	t = at_confirm(WED(15));
	heard(t, H_NO);
	t->h.pref = WHEN_PREF_EARLIER;
	T_OK(handle(t));
	T_OK(t->st.noffers >= 1 && t->st.offers[t->st.noffers - 1] < WED(15) && t->st.offers[0] >= WED(9));
	arena_reset(&A);
	unexpected_to_handler(ST_CONFIRM, H_REPEAT);
}

/* ---- ST_CONFIRM_CANCEL ---- */

/* A caller with an appointment on Thursday at 9:00, asked whether to cancel it. */
static struct turn *at_confirm_cancel(void)
{
	struct turn *t = at(ST_CONFIRM_CANCEL);
	struct booking_request req = {
		.lead_id = t->lead.id, .studio_id = 1, .start_utc = WED(9) + 86400, .now_utc = T0,
		.call_sid = t->call_sid, .source = "phone", .sms_from = cfg.twilio_phone_number,
	};
	struct booking_outcome res;
	T_EQ_INT(booking_book(S, &A, &req, &res), TF_OK);
	T_EQ_INT(res.result, BOOKING_OK);
	t->st.goal = G_CANCEL;
	t->st.appointment_id = res.appointment_id;
	return t;
}

/* 1 when the appointment is cancelled, 0 when not. */
static long long status_of(int64_t id)
{
	return t_q_int(raw, "SELECT status = 'cancelled' FROM appointments WHERE id = ?1", id, NULL);
}

static void test_confirm_cancel(void)
{
	struct turn *t = at_confirm_cancel();
	heard(t, H_YES);
	T_OK(handle(t));
	T_SAYS(said(t), "Ihr Termin ist abgesagt.");
	T_EQ_STR(t->st.outcome, "cancelled");
	T_SAYS(said(t), "Möchten Sie gleich einen neuen Termin vereinbaren?");
	T_EQ_INT(t->st.goal, G_BOOK);   /* the question asked is about a new booking */
	T_EQ_INT(t->st.step, ST_MORE);
	T_EQ_INT(status_of(t->st.appointment_id), 1);
	/* "ja" to it: the booking starts at once, not "Was kann ich für Sie tun?" */
	heard(t, H_YES);
	step(t);
	T_OK(strstr(said(t), "Was kann ich für Sie tun?") == NULL);
	T_OK(t->st.step == ST_ASK_NAME || t->st.step == ST_OFFER);   /* this new caller is asked their name first */
	T_EQ_INT(t->st.goal, G_BOOK);
	arena_reset(&A);
	/* an hours question there: answered, then that question again */
	t = at_confirm_cancel();
	heard(t, H_YES);
	T_OK(handle(t));
	heard(t, H_INFO_HOURS);
	step(t);
	T_SAYS(said(t), "Unser Studio in Berlin ist für Sie da");
	T_SAYS(said(t), "Möchten Sie einen neuen Termin vereinbaren?");
	T_EQ_INT(t->st.step, ST_MORE);
	arena_reset(&A);
	/* "nein": it stays */
	t = at_confirm_cancel();
	heard(t, H_NO);
	T_OK(handle(t));
	T_SAYS(said(t), "Gut, Ihr Termin bleibt bestehen.");
	T_EQ_INT(t->st.step, ST_MORE);
	T_EQ_INT(status_of(t->st.appointment_id), 0);
	arena_reset(&A);
	/* "lieber verschieben": the appointment said back, a new time asked for */
	t = at_confirm_cancel();
	heard(t, H_RESCHEDULE);
	T_OK(handle(t));
	T_SAYS(said(t), "Sie haben einen Termin");
	T_SAYS(said(t), "Wann würde es Ihnen stattdessen passen?");
	T_EQ_INT(t->st.goal, G_MOVE);
	T_EQ_INT(t->st.step, ST_ASK_WHEN);
	T_EQ_INT(status_of(t->st.appointment_id), 0);
	arena_reset(&A);
	unexpected_to_handler(ST_CONFIRM_CANCEL, H_INFO_HOURS);
}

/* ---- ST_MORE ---- */

static void test_more(void)
{
	struct turn *t = at(ST_MORE);
	heard(t, H_NO);
	T_OK(handle(t));
	T_SAYS(said(t), "Auf Wiederhören!");
	T_EQ_INT(R.action, AGENT_HANGUP);
	T_EQ_STR(t->st.outcome, "info");
	arena_reset(&A);
	t = at(ST_MORE);
	heard(t, H_YES);
	T_OK(handle(t));
	T_SAYS(said(t), "Gern. Was kann ich für Sie tun?");
	T_EQ_INT(t->st.step, ST_START);
	arena_reset(&A);
	/* "ja" to "einen neuen Termin vereinbaren?" starts the booking */
	t = at(ST_MORE);
	t->st.goal = G_BOOK;
	heard(t, H_YES);
	T_OK(handle(t));
	T_EQ_INT(t->st.step, ST_ASK_NAME);
	T_EQ_INT(t->st.goal, G_BOOK);
	arena_reset(&A);
	unexpected_to_handler(ST_MORE, H_INFO_FAQ);
}

/* ---- ST_OFFER_CALLBACK ---- */

/* Offers on two days: each day said once, the times in order. */
static void test_offers_said_by_day(void)
{
	struct turn *t = at(ST_OFFER);
	/* Saturday 28 November 10:00 and 11:00, Monday 30 November 10:00 (UTC+1) */
	t->st.offers[0] = T0 + 4 * 86400;
	t->st.offers[1] = T0 + 4 * 86400 + 3600;
	t->st.offers[2] = T0 + 6 * 86400;
	t->st.noffers = 3;
	agent_list_offers(t);
	T_SAYS(said(t), "Ich hätte am Samstag, den 28. November, um 10 Uhr und um 11 Uhr oder am Montag, den "
	                "30. November, um 10 Uhr frei. Welcher Termin passt Ihnen?");
	arena_reset(&A);
	/* one day: the day first, then the times */
	t = at(ST_OFFER);
	t->st.offers[0] = T0 + 86400;
	t->st.offers[1] = T0 + 86400 + 3600;
	t->st.offers[2] = T0 + 86400 + 3 * 3600;
	t->st.noffers = 3;
	agent_list_offers(t);
	T_SAYS(said(t), "Morgen hätte ich um 10 Uhr, um 11 Uhr oder um 13 Uhr frei. Welcher Termin passt Ihnen?");
	arena_reset(&A);
	/* three days */
	t = at(ST_OFFER);
	t->st.offers[0] = T0 + 86400;
	t->st.offers[1] = T0 + 2 * 86400;
	t->st.offers[2] = T0 + 6 * 86400;
	t->st.noffers = 3;
	agent_list_offers(t);
	T_SAYS(said(t), "Ich hätte morgen um 10 Uhr, übermorgen um 10 Uhr oder am Montag, den 30. November, um 10 Uhr frei.");
	arena_reset(&A);
}

static void test_offer_callback(void)
{
	struct turn *t = at(ST_OFFER_CALLBACK);
	t->st.cb_reason = "queue_timeout";
	heard(t, H_YES);
	T_OK(handle(t));
	T_SAYS(said(t), "Wir rufen Sie unter der Nummer zurück");
	T_EQ_STR(t->st.outcome, "callback");
	T_EQ_INT(R.action, AGENT_HANGUP);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM callback_requests WHERE call_sid = ?2 AND reason = 'queue_timeout'",
	                 0, t->call_sid), 1);
	arena_reset(&A);
	t = at(ST_OFFER_CALLBACK);
	heard(t, H_NO);
	T_OK(handle(t));
	T_SAYS(said(t), "In Ordnung. Sie können uns jederzeit wieder anrufen.");
	T_EQ_INT(R.action, AGENT_HANGUP);
	T_OK(t->st.outcome == NULL);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM callback_requests WHERE call_sid = ?2", 0, t->call_sid), 0);
	arena_reset(&A);
	unexpected_to_handler(ST_OFFER_CALLBACK, H_INFO_HOURS);
}

/* ---- ST_CLARIFY ---- */

static struct turn *at_clarify(void)
{
	struct turn *t = at(ST_CLARIFY);
	t->st.clarify[0] = H_CANCEL;
	t->st.clarify[1] = H_RESCHEDULE;
	t->st.back = ST_START;
	return t;
}

static void test_clarify(void)
{
	/* "das zweite": moving; with no appointment, a new one is offered */
	struct turn *t = at_clarify();
	t->h.choice = 1;
	T_OK(handle(t));
	T_SAYS(said(t), "Ich finde unter Ihrer Nummer keinen offenen Termin. Möchten Sie einen neuen Termin vereinbaren?");
	T_EQ_INT(t->st.goal, G_BOOK);
	T_EQ_INT(t->st.step, ST_MORE);
	arena_reset(&A);
	/* "absagen" by its words */
	t = at_clarify();
	heard(t, H_CANCEL);
	T_OK(handle(t));
	T_SAYS(said(t), "Ich finde unter Ihrer Nummer keinen offenen Termin. Kann ich sonst noch etwas");
	T_EQ_INT(t->st.goal, G_NONE);
	arena_reset(&A);
	/* "nein, keins von beidem" */
	t = at_clarify();
	heard(t, H_NO);
	T_OK(handle(t));
	T_SAYS(said(t), "In Ordnung.");
	T_EQ_INT(t->st.step, ST_MORE);
	arena_reset(&A);
	/* Words that pick neither: asked again, one failure */
	t = at_clarify();
	heard(t, H_UNKNOWN);
	T_OK(handle(t));
	T_SAYS(said(t), "Möchten Sie Ihren Termin absagen oder verschieben?");
	T_EQ_INT(t->st.failures, 1);
	T_EQ_INT(t->st.step, ST_CLARIFY);
	arena_reset(&A);
	/* Unsure between two errands with a name said: the name is kept, then
	 * the either-or question ("hier ist Frau Huber, wegen meinem Termin") */
	t = at(ST_START);
	heard(t, H_BOOK);
	t->h.confidence = 0.46;
	t->h.second = H_CANCEL;
	t->h.second_confidence = 0.32;
	t->h.name = "Frau Huber";
	t->h.salutation = "Frau";
	t->h.last_name = "Huber";
	T_OK(agent_unsure(t));
	T_EQ_INT(agent_clarify(t), TF_OK);
	T_SAYS(said(t), "Vielen Dank, Frau Huber. Möchten Sie einen Termin vereinbaren oder Ihren Termin absagen?");
	T_EQ_INT(t->st.step, ST_CLARIFY);
	T_EQ_STR(t->lead.name, "Frau Huber");
	arena_reset(&A);
	/* Another errand: the turn goes back to the step the question interrupted */
	t = at_clarify();
	t->st.back = ST_ASK_WHEN;
	heard(t, H_INFO_HOURS);
	T_OK(!handle(t));
	T_EQ_INT(t->len, 0);
	T_EQ_INT(t->st.step, ST_ASK_WHEN);
}

/* ---- ST_OFFER_HELP ---- */

static struct turn *at_help(void)
{
	struct turn *t = at(ST_OFFER_HELP);
	t->st.back = ST_ASK_WHEN;
	t->st.goal = G_BOOK;
	return t;
}

static void test_offer_help(void)
{
	/* "ja" while the studio is open: a person */
	struct turn *t = at_help();
	heard(t, H_YES);
	T_OK(handle(t));
	T_SAYS(said(t), "ich verbinde Sie mit einer Kollegin oder einem Kollegen");
	T_EQ_INT(R.action, AGENT_TRANSFER);
	T_EQ_STR(t->st.outcome, "transferred");
	arena_reset(&A);
	/* "rufen Sie mich zurück" */
	t = at_help();
	heard(t, H_CALLBACK);
	T_OK(handle(t));
	T_EQ_STR(t->st.outcome, "callback");
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM callback_requests WHERE call_sid = ?2 AND reason = 'question'", 0,
	                 t->call_sid), 1);
	arena_reset(&A);
	/* "nein": back to the pending question */
	t = at_help();
	heard(t, H_NO);
	T_OK(handle(t));
	T_SAYS(said(t), "In Ordnung. Zurück zu Ihrem Termin: Wann würde es Ihnen denn passen?");
	T_EQ_INT(t->st.step, ST_ASK_WHEN);
	T_EQ_INT(R.action, AGENT_GATHER);
	arena_reset(&A);
	/* Another errand: the turn goes back to the pending question's step */
	t = at_help();
	heard(t, H_BOOK);
	T_OK(!handle(t));
	T_EQ_INT(t->len, 0);
	T_EQ_INT(t->st.step, ST_ASK_WHEN);
}

int main(void)
{
	log_set_level(LOG_ERROR);
	arena_init(&A, 64 * 1024 * 1024);
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_agent_steps.XXXXXX", tmp && *tmp ? tmp : "/tmp");
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
		test_silence_at_every_step, test_nothing_understood_at_every_step, test_nothing_understood_at_offer_help,
		test_second_silence_puts_through,
		test_silence_while_waiting, test_start, test_ask_name, test_ask_when, test_offer, test_confirm,
		test_confirm_cancel, test_more, test_offers_said_by_day, test_offer_callback, test_clarify, test_offer_help,
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
