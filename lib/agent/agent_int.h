/* agent_int.h: what the dialog understood of one caller turn, in its own
 * terms (a slot-search wish, a full name, an index of the offer), and the
 * dialog's state between turns; shared by agent.c (the dialog),
 * agent_hear.c (the bridge to lib/lang/nlu) and agent_state.c (the state as JSON). */
#ifndef TERMINFON_AGENT_INT_H
#define TERMINFON_AGENT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "nlu.h"
#include "schedule.h"

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

#endif
