/* nlu_intent_int.h: the form of a turn's clauses (nlu_intent_form.c), which the cue
 * scoring of nlu_intent.c reads and settles its scores by. */
#ifndef TERMINFON_NLU_INTENT_INT_H
#define TERMINFON_NLU_INTENT_INT_H

#include "nlu_int.h"

/* The form of a turn's clauses: where its last question starts and what that clause holds.
 * A clause asks when it opens with a w-word ("wie lange geht das"), with "ob" ("ob es
 * auch samstags geht") or with a verb before its pronoun ("muss ich dann was zahlen",
 * "haben Sie was um fünf"); a verb opens a clause at the turn's start, after an answer
 * word or a conjunction, and after a clause that ended in its verb ("absagen",
 * "arbeite ich"), never after a day, a number or an adverb ("morgen kann ich"). */
struct intent_form {
	size_t q;            /* start of the last clause asked as a question, or tk->n */
	size_t q1;           /* start of the first such clause, or tk->n */
	bool opens[NLU_MAX_TOKENS];   /* a verb with its "Sie" or "ihr" opens a clause here */
	bool indirect;       /* ... opened by "ob" */
	bool modal;          /* ... opened by "kann/darf/muss ich|man" */
	bool visit;          /* ... has "kommen", "vorbeikommen", "geht", "passt", "klappt" */
	bool loose;          /* ... asks for no fixed slot: "noch", "spontan", "einfach so", "früher", "später" */
	bool policy;         /* ... asks about a rule: "jederzeit", "überhaupt", "wieder", "wenn", "falls" */
	bool statement_verb; /* the turn has a statement's verb ("ist", "hab") */
	bool existing;       /* an appointment already booked: "mein Termin", "wegen morgen" */
	bool shift;          /* "später", "früher", "anders": a move of a time */
	bool onto;           /* "auf" before a day or time: "auf viertel nach zwei", "auf Freitag" */
	bool until;          /* "bis wann ... kommen": how long the doors are open */
	bool lasts;          /* "wie lange geht so eine Sitzung": how long a thing takes */
	bool topic;          /* "wegen", "bezüglich", "eine Frage": the turn names what it is about */
	bool neg_time;       /* a negation before a time of day's word: "nicht so spät" */
	bool qtime;          /* the last question has a day, a time or a number */
	bool wish;           /* "möchte", "will", "hätte gern": a wish */
	bool past_verb;      /* "hatte", "war": told in the past */
	bool again;          /* the last question asks in the past what was said: "was war ... nochmal" */
	bool renew;          /* "einen neuen", "nen neuen": a new one (appointment) */
	double clause[NLU_INTENT_COUNT];   /* what the cues of the last question say */
	double first[NLU_INTENT_COUNT];    /* ... of the first, when it comes before the last */
	double ahead[NLU_INTENT_COUNT];    /* ... of the words before any question */
	double aside;        /* weight of aside cues (CUE_ASIDE) */
	double there;        /* weight of "someone is there" cues (CUE_THERE) */
	bool feast;          /* a season's greeting (CUE_FEAST) */
	bool times_out;      /* the times said are all ruled out (CUE_NONE) or another place's hours */
};

bool intent_exclaim(const struct nlu_toks *tk, size_t i);
bool intent_relative_wo(const struct nlu_toks *tk, size_t i);
bool intent_own_where(const struct nlu_toks *tk, size_t i);
bool intent_wq(const struct nlu_toks *tk, size_t i);
bool intent_negated_near(const struct nlu_toks *tk, size_t i);
void intent_form_read(const struct nlu_toks *tk, struct intent_form *fm);
bool intent_request(size_t k);
bool intent_content(size_t k);
double intent_max(const double score[NLU_INTENT_COUNT], size_t *at);
void intent_prefer(double score[NLU_INTENT_COUNT], size_t k, unsigned *out);
bool intent_small_talk(const struct intent_form *fm, const struct nlu_facts *f, double score[NLU_INTENT_COUNT],
		       unsigned *out);
void intent_form_apply(const struct nlu_toks *tk, struct intent_form *fm, const struct nlu_facts *f,
		       double score[NLU_INTENT_COUNT], unsigned *out);

#endif
