/* nlu.h: the embedded German understanding of one caller turn: what the caller
 * wants (intent and confidence) and what they said (day and time, name, studio
 * city, phone digits, which offered slot, mood). No I/O, no global state. */
#ifndef TERMINFON_NLU_H
#define TERMINFON_NLU_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "civil.h"
#include "when.h"

/* What the dialog just asked; it settles short answers ("ja", "Müller", "um zehn"). */
enum nlu_expect {
	NLU_EXPECT_NONE,
	NLU_EXPECT_NAME,     /* "Wie ist Ihr Name?" */
	NLU_EXPECT_DATE,     /* "Wann passt es Ihnen?" */
	NLU_EXPECT_YESNO,    /* "Passt Ihnen Dienstag um 10?" */
	NLU_EXPECT_CHOICE,   /* "Ich hätte 10 Uhr oder 14 Uhr." */
	NLU_EXPECT_PHONE,    /* "Unter welcher Nummer erreichen wir Sie?" */
};

struct nlu_context {
	struct civil_time now;        /* the studio's local wall clock */
	int open_from, open_to;       /* minutes of the day the studio opens and closes
	                               * (earliest and latest over the week); 0/0 = 8:00-20:00 */
	const int (*week)[2];         /* optional, 7 entries Monday first: {open, close} minutes
	                               * of that weekday, {0, 0} when closed; NULL = the above */
	const char *const *cities;    /* the names of the chain's studios as configured: cities
	                               * ("München"; also heard as "Münchner"), name phrases
	                               * ("berlin mitte"), districts ("Schwabing") */
	size_t ncities;
	enum nlu_expect expect;
};

enum nlu_intent {
	NLU_UNKNOWN,
	NLU_BOOK,           /* wants an appointment or proposes a time */
	NLU_AVAILABILITY,   /* asks what is free */
	NLU_GIVE_NAME,
	NLU_HUMAN,          /* wants a person */
	NLU_CALLBACK,       /* wants to be called back */
	NLU_CANCEL,
	NLU_RESCHEDULE,
	NLU_INFO_HOURS,
	NLU_INFO_ADDRESS,
	NLU_YES,
	NLU_NO,
	NLU_BYE,
	NLU_REPEAT,         /* "wie bitte?" */
	NLU_GIVE_PHONE,     /* says a phone number */
	NLU_INFO_FAQ,       /* asks about the studio or treatment beyond hours and address:
	                     * prices, what to bring, parking, duration, payment */
	NLU_WAIT,           /* asks to hold the line ("Moment bitte") */
	NLU_INTENT_COUNT
};

#define NLU_CHOICE_NONE (-1)
#define NLU_CHOICE_LAST (-2)   /* "den letzten", "den späteren" */
#define NLU_CHOICE_ANY  (-3)   /* "egal", "irgendeinen" */

struct nlu_result {
	enum nlu_intent intent;
	double confidence;             /* 0..1 */
	enum nlu_intent second;        /* runner-up, NLU_UNKNOWN when there is none */
	double second_confidence;
	const char *normalized;        /* folded words and numbers: "am 3. dezember um 14 uhr" */
	struct when when;
	const char *salutation;        /* "Frau" or "Herr", or NULL */
	const char *first_name;        /* as said, capitalised ("Max"), or NULL */
	const char *last_name;         /* ("Müller", "von der Heide"), or NULL */
	const char *city;              /* one of ctx->cities (the same pointer), or NULL */
	const char *digits;            /* spoken phone digits "01511234567" (may start with '+'), or NULL */
	int choice;                    /* 0-based offered slot, or NLU_CHOICE_* */
	double sentiment;              /* -1 (angry) .. 1 (pleased) */
};

/* Stable snake_case name: "book", "availability", "give_name", "human",
 * "callback", "cancel", "reschedule", "info_hours", "info_address", "yes",
 * "no", "bye", "repeat", "give_phone", "info_faq", "wait", "unknown". */
const char *nlu_intent_name(enum nlu_intent i);

/* Understands one turn. text is untrusted (any bytes; only the first
 * TF_MAX_SPEECH are read, cut at a UTF-8 boundary) and need not be
 * NUL-terminated. Every string in *out lives in arena a (or is a city from ctx)
 * and dies with it; text is not kept. On error *out holds an unknown turn.
 * TF_OK, TF_EINVAL for NULL arguments, TF_ENOMEM when the arena is full. */
int nlu_parse(struct arena *a, const char *text, size_t len, const struct nlu_context *ctx,
	      struct nlu_result *out);

/* {"intent":"book","confidence":0.93,"second":{...},"entities":{"date":"2026-11-25",
 * "time":"14:00","when":{...when_json...},"name":{...},"city":...,"digits":...,"choice":0},
 * "sentiment":0.1,"normalized":"..."} as a new cJSON object the caller frees with
 * cJSON_Delete(). TF_OK, TF_EINVAL, TF_ENOMEM. */
int nlu_result_json(const struct nlu_result *r, cJSON **out);

#endif
