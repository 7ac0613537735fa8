/* agent.h: the conversation. One caller turn in, the next words and what the
 * call does next out. The embedded engine keeps its dialog state per CallSid
 * in the store, so any worker can take any turn; the Dialogflow CX engine
 * answers through the same reply. */
#ifndef TERMINFON_AGENT_H
#define TERMINFON_AGENT_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "config.h"
#include "store.h"

enum agent_action {
	AGENT_GATHER,     /* say the words inside a Gather and wait for the caller */
	AGENT_TRANSFER,   /* say the words, then put the call through to dial_number */
	AGENT_HANGUP,     /* say the words and end the call */
};

struct agent_reply {
	const char *say;           /* German, for <Say>; arena */
	enum agent_action action;
	const char *hints;         /* speech hints of the words expected next */
	const char *dial_number;   /* with AGENT_TRANSFER */
	const char *caller_id;     /* the number the person sees */
	int num_digits;            /* 1 when a single key press is enough, else 0 */
	const char *outcome;       /* the call's outcome when this turn decided it, else NULL */
	const char *intent;        /* what was understood, for logs */
	double confidence;
};

struct agent_input {
	const char *speech;        /* SpeechResult, NULL or "" when nothing was heard */
	double confidence;         /* Confidence, < 0 when Twilio sent none */
	const char *digits;        /* Digits, NULL when none */
};

/* Lower confidence than this counts as not understood. */
#define AGENT_MIN_CONFIDENCE 0.35
/* Not heard or not understood this many times in a row: put through to a
 * person; when nobody can take the call, a callback is offered, and the call
 * ends politely when that is not answered either. */
#define AGENT_MAX_FAILURES 2

/* Runs one caller turn of the call through the embedded engine: loads the
 * call, its lead, studio and dialog state, understands the words, acts
 * (availability, booking, cancelling, moving, contact update, callback,
 * transfer, an answer from the studio's FAQ; an either-or question when
 * unsure; a side question answered and the pending one asked again) and
 * saves the new state with the turn's log row. now_utc is the
 * wall clock. TF_ENOTFOUND for a CallSid the voice webhook never saw; other
 * tf_errs from the store (the caller then hears the fallback). */
int agent_turn(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid, int64_t now_utc,
               const struct agent_input *in, struct agent_reply *out);

/* The outcome of a transfer (Twilio's DialCallStatus). After a conversation
 * with a person the call ends politely; busy, no answer or failed: an apology
 * and the offer of a callback, which the next turn takes. */
int agent_transfer_result(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                          int64_t now_utc, const char *dial_status, struct agent_reply *out);

/* The waiting line gave up on the caller (waited the studio's maximum, or
 * the studio has no waiting line: waited false): an apology and the offer of
 * a callback, which the next turn takes as with a failed transfer. Logged as
 * a turn like a transfer result. */
int agent_queue_timeout(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                        int64_t now_utc, bool waited, struct agent_reply *out);

/* The caller's answer to the recording notice, before either engine takes
 * the turn: only while the call's consent is asked (cfg->record_calls).
 * "nein", a refusal of the recording or the key 2 is stored as a refusal;
 * anything else the caller says counts as consent and queues the recording
 * start; silence decides nothing. *handled is true when the turn is answered
 * here (a bare refusal: the caller is asked again what they want), then out
 * holds the reply; otherwise the engine takes the turn as usual. */
int agent_consent(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid, int64_t now_utc,
                  const struct agent_input *in, bool *handled, struct agent_reply *out);

#endif
