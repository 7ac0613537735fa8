/* nlu_int.h: internals shared by the German understanding (nlu_*.c, when*.c): tokens, entities, scoring. */
#ifndef TERMINFON_NLU_INT_H
#define TERMINFON_NLU_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "nlu.h"
#include "tf_limits.h"

/* Tokens past this many are dropped; TF_MAX_SPEECH bytes rarely make more than 400 words. */
#define NLU_MAX_TOKENS 512
/* Longest folded word kept; longer words are cut (no German word a caller says is that long). */
#define NLU_MAX_WORD   63
/* Folded words with their NULs: folding never makes a word longer than its
 * source (ä, 2 bytes, becomes "ae"), and every token ends in one NUL. */
#define NLU_TOK_BUF    (TF_MAX_SPEECH + NLU_MAX_TOKENS + 64)
_Static_assert(TF_MAX_SPEECH < 65535, "token offsets are 16 bits");

enum {
	NLU_TOK_NUM    = 1 << 0,  /* num holds the value of a number, from digits or a number word */
	NLU_TOK_ORD    = 1 << 1,  /* an ordinal: "3." "3ten" "dritten" */
	NLU_TOK_DIGITS = 1 << 2,  /* written with digits; w is the digit string (leading zeros kept) */
	NLU_TOK_CLOCK  = 1 << 3,  /* "14:30": num = hour, num2 = minute */
	NLU_TOK_DATE   = 1 << 4,  /* "3.12." "3.12.2026": num = day, num2 = month, num3 = year or 0 */
	NLU_TOK_COMMA  = 1 << 5,  /* a comma followed */
	NLU_TOK_STOP   = 1 << 6,  /* '.', '!', '?' or ';' followed */
	NLU_TOK_PLUS   = 1 << 7,  /* a '+' stood before the digits */
	NLU_TOK_LETTER = 1 << 8,  /* spelled letters joined into one word ("m ü l l e r") */
	NLU_TOK_DOT    = 1 << 9,  /* a DATE token ended with '.', so it is no "10.12 Uhr" */
};

struct nlu_tok {
	const char *w;       /* folded: lower case ASCII, ä->ae ö->oe ü->ue ß->ss, NUL-terminated */
	uint16_t len;        /* strlen(w) */
	uint16_t flags;
	uint16_t off, end;   /* the bytes of the source text it came from */
	int32_t num, num2, num3;
};

struct nlu_toks {
	const char *src;     /* the source text, cut to TF_MAX_SPEECH; borrowed, not copied */
	size_t srclen;
	size_t n;
	bool question;       /* a '?' was seen */
	struct nlu_tok t[NLU_MAX_TOKENS];
	size_t used;
	char buf[NLU_TOK_BUF];
};

/* Length of text cut to TF_MAX_SPEECH bytes at a UTF-8 boundary. */
size_t nlu_cut(const char *text, size_t len);

/* Splits and folds text (any bytes; invalid UTF-8 is skipped) into tk, which
 * borrows text. Drops fillers ("äh", "ähm"), joins spelled letters, splits
 * "dienstagnachmittag" and reads digits, clock times, dates and German number
 * words. Never fails: input past the limits is dropped. */
void nlu_tokenize(const char *text, size_t len, struct nlu_toks *tk);

/* The value of a German number word ("vierzehn", "einundzwanzigsten",
 * "zweitausendsechsundzwanzig") folded as above; *ord tells an ordinal.
 * False for anything else, also for the article "ein". */
bool nlu_numword(const char *w, size_t len, int *val, bool *ord);

/* The tokens as one line of folded words and numbers ("am 3. dezember um 14 uhr").
 * Writes at most size bytes, always NUL-terminated; returns the length. */
size_t nlu_toks_text(const struct nlu_toks *tk, char *out, size_t size);

/* Word tests on token i; false past the end. */
/* Whether a and b are one typing or hearing slip apart: one letter added,
 * dropped, changed, or two neighbours swapped (equal words are not). */
bool nlu_edit1(const char *a, size_t la, const char *b, size_t lb);
bool nlu_is(const struct nlu_toks *tk, size_t i, const char *w);
bool nlu_prefix(const struct nlu_toks *tk, size_t i, const char *p);
/* Index of token i's word in a NULL-terminated list, or -1. */
int nlu_oneof(const struct nlu_toks *tk, size_t i, const char *const *list);
/* Is the folded word w in a NULL-terminated list? */
bool nlu_in(const char *w, const char *const *list);
/* How many tokens from i spell the folded words of p ("wie gesagt"), or 0. */
size_t nlu_phrase(const struct nlu_toks *tk, size_t i, const char *p);
/* Is token i a plain number (not a clock time or a date)? */
bool nlu_isnum(const struct nlu_toks *tk, size_t i);
/* Is token i said of the caller's own, after "mein..." or "unser..." ("in meiner
 * Mittagspause")? */
bool nlu_said_own(const struct nlu_toks *tk, size_t i);
/* Is the folded word w[0..len) one of the given names we know? */
bool nlu_first_name(const char *w, size_t len);
/* Is the folded word w a greeting said to open a call, in any language callers use
 * ("hallo", "servus", "grüezi", "merhaba", "ciao")? Words that greet only with another
 * ("guten Tag", "grüß Gott") are not among them. nlu_greeting() asks it of token i. */
bool nlu_greeting_word(const char *w);
bool nlu_greeting(const struct nlu_toks *tk, size_t i);
/* Is w one of the negations "nicht", "kein...", "nie", "niemals"? */
bool nlu_negation(const char *w);
/* Does the negation at token i end the clause before it? "schaff ich das nicht ginge auch
 * halb elf": a main clause's verb never follows its "nicht", so a verb of a proposal right
 * after it ("ginge", "geht", "wäre") opens the next clause, unless "wenn", "dass", "ob" or
 * "weil" opened this one ("wenn das nicht geht"). */
bool nlu_negation_ends(const struct nlu_toks *tk, size_t i);

/* Weekday of a folded word ("dienstag", "dienstags"): 0 = Monday, or -1. */
int nlu_weekday(const char *w);
/* Month of a folded word ("dezember", "jänner"): 1..12, or 0. */
int nlu_month(const char *w);

/* Is w a word that alone says what a caller wants ("tschüss", "frei")? Such
 * words are not taken for a name unless a name was announced. when_word():
 * is it a word about days and times? */
bool nlu_intent_word(const char *w);
/* Is w[0..wl) a word of some cue of six letters or more ("anrufen", "absag...")? */
bool nlu_cue_part(const char *w, size_t wl);
/* Is token i an imperative of "du" said to someone in the room ("lass", "leg", "komm")? */
bool nlu_du_imperative(const struct nlu_toks *tk, size_t i);
bool when_word(const char *w);

/* when_parse() on tokens already made; allocates nothing, always TF_OK. */
int when_parse_toks(const struct nlu_toks *tk, const struct nlu_context *ctx, struct when *out);

/* Folds s like the tokens (lower case ASCII, umlauts spelled out), words
 * separated by one space. Returns the length; out is always NUL-terminated. */
size_t nlu_fold(const char *s, size_t n, char *out, size_t size);

/* What the entities tell the intent scorer. */
struct nlu_facts {
	bool has_when;       /* a day, time or wish was said */
	bool has_day_or_time;/* ... a day or a time ahead, not only "später" */
	bool counter;        /* "aber", "lieber", "sondern": a counter-proposal */
	bool name;           /* a name was found */
	bool name_marked;    /* ... after "mein Name ist", "hier ist", "Frau" */
	bool city;           /* one of the studio's towns was said */
	bool past;           /* a day gone by was said ("gestern") */
	size_t digits;       /* phone digits said */
	int choice;
};

/* Adds up cue weights per intent, then what facts and the dialog's question say.
 * *negated gets a bit (1 << intent) for every intent a negation turned down
 * ("keinen Rückruf", "nicht absagen") or the turn's form ruled out (a day in
 * small talk books nothing; the last question outranks a request before it). */
void nlu_intent_score(const struct nlu_toks *tk, const struct nlu_facts *f, enum nlu_expect expect,
		      double score[NLU_INTENT_COUNT], unsigned *negated);
_Static_assert(NLU_INTENT_COUNT <= 32, "one bit per intent");
/* Picks intent, runner-up and confidences from the scores. */
void nlu_intent_decide(const double score[NLU_INTENT_COUNT], struct nlu_result *out);

/* nlu_name.c: name of the caller into out->salutation/first_name/last_name (arena strings);
 * *marked tells whether words like "mein Name ist" introduced it. TF_OK or TF_ENOMEM. */
int nlu_entity_name(struct arena *a, const struct nlu_toks *tk, enum nlu_expect expect, struct nlu_result *out,
		    bool *marked);
/* One of ctx->cities said by the caller, or NULL. */
const char *nlu_entity_city(const struct nlu_toks *tk, const struct nlu_context *ctx);
/* Spoken phone digits into out->digits (arena); *count gets how many. TF_OK or TF_ENOMEM. */
int nlu_entity_digits(struct arena *a, const struct nlu_toks *tk, enum nlu_expect expect, struct nlu_result *out,
		      size_t *count);
/* Which offered slot ("den zweiten", "den letzten"), or NLU_CHOICE_NONE. */
int nlu_entity_choice(const struct nlu_toks *tk, enum nlu_expect expect);
/* Mood in [-1, 1] from a small German lexicon with negation and intensifiers. */
double nlu_entity_sentiment(const struct nlu_toks *tk);

/* The word model beside the rules (nlu_model.c, data in nlu_model_data.c written by
 * scripts/train-nlu): how often a hashed feature was seen with an intent. */
struct nlu_model_entry {
	uint32_t hash;        /* FNV-1a of the feature text, entries sorted by it */
	uint8_t intent;
	uint16_t count;
};
extern const unsigned nlu_model_docs[NLU_INTENT_COUNT];
extern const struct nlu_model_entry nlu_model_entries[];
extern const size_t nlu_model_nentries;

/* The model's belief p[k] (summing to 1) that source text (any bytes) asked
 * after expect means intent k; returns how many of its words the model knows
 * (with none, p is only the prior). Allocates nothing. */
size_t nlu_model_predict(const char *text, size_t len, enum nlu_expect expect, double p[NLU_INTENT_COUNT]);

#endif
