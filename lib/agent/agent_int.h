/* agent_int.h: what the dialog understood of one caller turn, in its own
 * terms (a slot-search wish, a full name, an index of the offer), the
 * dialog's state between turns and the turn under way; shared by agent.c
 * (the turn and what it does), agent_step.c (the steps), agent_hear.c (the
 * bridge to lib/lang/nlu) and agent_state.c (the state as JSON). */
#ifndef TERMINFON_AGENT_INT_H
#define TERMINFON_AGENT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "agent.h"
#include "arena.h"
#include "config.h"
#include "nlu.h"
#include "schedule.h"
#include "store.h"

enum heard_intent {
	H_UNKNOWN, H_BOOK, H_AVAILABILITY, H_GIVE_NAME, H_HUMAN, H_CALLBACK, H_CANCEL, H_RESCHEDULE,
	H_INFO_HOURS, H_INFO_ADDRESS, H_YES, H_NO, H_BYE, H_REPEAT,
	H_INFO_FAQ,     /* a question about the studio or the treatment beyond hours and address */
	H_WAIT,         /* "Moment bitte, ich hole meinen Kalender" */
};

struct heard {
	enum heard_intent intent;
	const char *intent_name;       /* stable name for logs */
	double confidence;
	enum heard_intent second;      /* the runner-up, H_UNKNOWN when none */
	double second_confidence;
	const char *normalized;        /* the folded words ("was kostet das"), "" when none */
	bool has_wish;
	struct schedule_wish wish;     /* a time alone is put on the day it next comes round */
	bool said_date;                /* the caller named the day (not only a time) */
	enum when_pref pref;           /* "lieber später", "so bald wie möglich" */
	bool past;                     /* the caller named a day gone by ("letzten Dienstag"): no wish */
	struct civil_date past_date;
	const char *name;              /* "Max Müller", "Frau Schmidt"; NULL when none */
	const char *salutation;        /* "Frau", "Herr" or NULL */
	const char *last_name;
	const char *city;              /* a studio city the caller named, or NULL */
	int choice;                    /* NLU_CHOICE_* or a 0-based index of the offer */
	double sentiment;              /* [-1, 1] */
	const char *entities;          /* JSON of what was understood, for the turn log */
};

/* The dialog's state between turns (a row of the call, as JSON): the
 * question asked, the errand under way and what it has gathered. */
enum step {
	ST_START, ST_ASK_NAME, ST_ASK_WHEN, ST_OFFER, ST_CONFIRM, ST_CONFIRM_CANCEL, ST_MORE, ST_OFFER_CALLBACK,
	ST_CLARIFY,      /* "Möchten Sie Ihren Termin absagen oder verschieben?" */
	ST_OFFER_HELP,   /* a question without an answer here: a person or a callback? */
	ST__N
};

enum goal { G_NONE, G_BOOK, G_MOVE, G_CANCEL };

#define MAX_OFFERS 3

struct state {
	enum step step;
	enum goal goal;
	int failures;                  /* not heard or not understood in a row */
	bool name_asked;
	bool has_wish;
	struct schedule_wish wish;
	int64_t offers[MAX_OFFERS];
	int noffers;
	int64_t chosen;                /* the slot to confirm */
	int64_t appointment_id;        /* the one to move or cancel */
	int64_t studio_id;             /* where the booking goes: the call's studio, or while moving or
	                                * cancelling, the appointment's */
	double sentiment;              /* running mean */
	int nsentiment;
	const char *outcome;
	const char *cb_reason;         /* why a callback is offered: transfer_failed, queue_timeout */
	enum step back;                /* the pending question to come back to after ST_CLARIFY, ST_OFFER_HELP */
	int clarify[2];                /* the two enum heard_intent the either-or question offers */
	bool waiting;                  /* the caller asked us to hold on: one silence is no failure */
};

/* The step's stable name ("offer"), for the turn log. */
const char *agent_step_name(enum step s);
/* Reads the state saved with the last turn (NULL or malformed: a new call);
 * strings go into the arena. */
void agent_state_load(const char *json, struct state *st, struct arena *a);
/* The state as JSON in the arena; NULL when out of memory. */
char *agent_state_save(const struct state *st, struct arena *a);

/* Understands one utterance. Never fails on odd input: unknown things come
 * back as H_UNKNOWN with confidence 0. TF_ENOMEM only. */
int agent_hear(struct arena *a, const char *text, const struct nlu_context *ctx, struct heard *out);

/* ---- the turn (agent.c and agent_step.c) ---- */

/* Speech hints of the words expected next. */
#define HINTS_START "Termin, freie Termine, Öffnungszeiten, Adresse, Rückruf, Mitarbeiter, absagen, verschieben"
#define HINTS_NAME "Mein Name ist, Ich heiße, Frau, Herr"
#define HINTS_WHEN "heute, morgen, übermorgen, Montag, Dienstag, Mittwoch, Donnerstag, Freitag, Samstag, " \
	"vormittags, nachmittags, abends, nächste Woche, Uhr, halb, Viertel"
#define HINTS_CHOICE "den ersten, den zweiten, den dritten, der passt, ja, nein, lieber, später, früher"
#define HINTS_YESNO "ja, nein, genau, richtig, gerne, lieber nicht"
#define HINTS_HELP "verbinden, Rückruf, zurückrufen, ja, nein"

/* One turn under way: the call as loaded, what was heard, and the reply
 * being written (say, len). Lives in the request's arena. */
struct turn {
	struct store *s;
	struct arena *a;
	const struct config *cfg;
	const char *call_sid;
	int64_t now;
	struct store_call call;
	struct store_lead lead;
	const struct store_studios *studios;
	const struct store_studio *studio;   /* where the booking goes */
	bool switched;                       /* the caller chose this studio in this turn */
	struct schedule_studio cal;
	bool have_cal;
	struct civil_date today;             /* in the studio's zone */
	struct state st;
	struct heard h;
	const char *text;                    /* what the caller said, NULL for keys or silence */
	struct agent_reply *out;
	char say[1536];
	size_t len;
};

/* Loads the call, its lead, the studio and the dialog state into a new turn
 * in the arena; out is cleared and becomes the turn's reply. TF_ENOTFOUND
 * for an unknown CallSid or no studio at all; other tf_errs from the store. */
int agent_turn_open(struct turn **tp, struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                    int64_t now_utc, struct agent_reply *out);

/* Appends a sentence to the reply (a space between; what does not fit is cut
 * at a character boundary). */
void agent_say(struct turn *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Asks a question: the step waits for its answer inside a Gather. */
void agent_ask(struct turn *t, enum step step, const char *hints);
/* A moment as said in German, in the studio's zone ("morgen um 15 Uhr"). */
void agent_spoken(struct turn *t, int64_t utc, char *buf, size_t n);
/* The number a person answers now (lib/domain/studio_route), or NULL. */
const char *agent_transfer_number(struct turn *t);
/* Ends the call politely; outcome is the call's unless it has one. */
void agent_goodbye(struct turn *t, const char *outcome);
/* A callback for reason (stored for the lead), or without the caller's
 * number a transfer or a goodbye. Store errors only. */
int agent_callback(struct turn *t, const char *reason);
/* Puts the call through to a person, or offers a callback (why) when nobody can take it. */
void agent_transfer(struct turn *t, const char *why);
/* Says the offered slots of the state and asks which one (ST_OFFER). */
void agent_list_offers(struct turn *t);
/* Finds and offers free slots for the state's wish, or the earliest ones. */
int agent_offer(struct turn *t);
/* Says the chosen slot back and asks to confirm it (ST_CONFIRM). */
void agent_confirm_question(struct turn *t);
/* Starts an errand: finds the appointment to move or cancel, or asks the
 * name before a booking when the lead has none, else offers. */
int agent_start_goal(struct turn *t, enum goal goal);
/* Does the caller's lead have no name on file yet (a new caller, or one who gave none)? */
bool agent_lead_unnamed(const struct turn *t);
/* Books or moves to the chosen slot and says how it went. */
int agent_book_chosen(struct turn *t);

/* The step handlers, indexed by the step asked (agent_step.c); NULL for
 * ST_START, where only what means the same at every step applies. A
 * handler is called with *handled true and takes the answer to its own
 * question, else sets *handled false and the turn goes on with what means
 * the same at every step (the either-or and help questions first give the
 * turn back to the step they interrupted). Store errors only. */
typedef int (*agent_step_fn)(struct turn *t, bool *handled);
extern const agent_step_fn agent_steps[ST__N];
/* The turn at its step: the step's handler, then what means the same at
 * every step, a name said beside, a date alone, else not understood. */
int agent_step(struct turn *t);
/* Words the NLU made sense of (or may still): the either-or answer, a day
 * gone by, a choice between errands, the FAQ, a name said early; then
 * agent_step. ctx is the turn's NLU context (to hear the words again as a name). */
int agent_understood(struct turn *t, const struct nlu_context *ctx);
/* Not heard (heard_nothing) or not understood: the step's question again,
 * or after AGENT_MAX_FAILURES a person, a callback or goodbye. */
void agent_not_understood(struct turn *t, bool heard_nothing);
/* Whether the heard words fit two errands that act, so that it asks which. */
bool agent_unsure(const struct turn *t);
/* Asks which of the two errands the caller means (ST_CLARIFY), keeping a name said with them. */
int agent_clarify(struct turn *t);

#endif
