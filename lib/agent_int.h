/* agent_int.h: what the dialog understood of one caller turn, in its own
 * terms (a slot-search wish, a full name, an index of the offer); shared by
 * agent.c (the dialog) and agent_hear.c (the bridge to lib/nlu). */
#ifndef TERMINFON_AGENT_INT_H
#define TERMINFON_AGENT_INT_H

#include <stdbool.h>

#include "arena.h"
#include "nlu.h"
#include "schedule.h"

enum heard_intent {
	H_UNKNOWN, H_BOOK, H_AVAILABILITY, H_GIVE_NAME, H_HUMAN, H_CALLBACK, H_CANCEL, H_RESCHEDULE,
	H_INFO_HOURS, H_INFO_ADDRESS, H_YES, H_NO, H_BYE, H_REPEAT,
};

struct heard {
	enum heard_intent intent;
	const char *intent_name;       /* stable name for logs */
	double confidence;
	bool has_wish;
	struct schedule_wish wish;     /* a time alone is put on the day it next comes round */
	bool said_date;                /* the caller named the day (not only a time) */
	enum when_pref pref;           /* "lieber später", "so bald wie möglich" */
	const char *name;              /* "Max Müller", "Frau Schmidt"; NULL when none */
	const char *salutation;        /* "Frau", "Herr" or NULL */
	const char *last_name;
	const char *city;              /* a studio city the caller named, or NULL */
	int choice;                    /* NLU_CHOICE_* or a 0-based index of the offer */
	double sentiment;              /* [-1, 1] */
	const char *entities;          /* JSON of what was understood, for the turn log */
};

/* Understands one utterance. Never fails on odd input: unknown things come
 * back as H_UNKNOWN with confidence 0. TF_ENOMEM only. */
int agent_hear(struct arena *a, const char *text, const struct nlu_context *ctx, struct heard *out);

#endif
