/* call.h: what terminfon does on a Twilio call, apart from HTTP: a new call
 * (lead, call log, studio, recording consent, greeting) and one caller turn
 * (the answer to the recording notice, a call whose first webhook was missed,
 * Dialogflow CX or the embedded agent and the fallback between them). The
 * answer is a neutral reply that the HTTP layer turns into TwiML. */
#ifndef TERMINFON_CALL_H
#define TERMINFON_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "agent.h"
#include "arena.h"
#include "config.h"
#include "dialogflow.h"
#include "store.h"

/* The speech hints of the welcome. */
#define CALL_WELCOME_HINTS "Termin, Termin vereinbaren, freie Termine, Öffnungszeiten, Adresse, Rückruf, Mitarbeiter, absagen, verschieben"

/* The call a request belongs to, as Twilio describes it. Strings may be NULL
 * (not sent); the caller keeps them alive for the call. */
struct call_info {
	const char *call_sid;      /* required */
	const char *from, *to;     /* From and To as Twilio sent them */
	const char *direction;     /* Direction ("inbound", "outbound-api", ...) */
	const char *status;        /* CallStatus */
	int64_t callback_id;       /* ?callback=<id> of a call we placed for a callback request, 0: none */
	bool test;                 /* a test session (POST /dialogflow/test): no studio, lead or consent */
};

/* What to answer: the agent's words and next step; when Dialogflow CX
 * answered with audio, its parts in order (Say and Play). */
struct call_reply {
	struct agent_reply agent;
	const char *engine;        /* "dialogflow" or "embedded" */
	const char *fallback;      /* why CX did not take a turn it could have taken ("timeout", ...), else NULL */
	bool has_play;             /* parts hold audio: play them in order */
	struct dialogflow_part parts[DIALOGFLOW_MAX_PARTS];
	size_t nparts;
};

/* A new call (the voice webhook): for a call we placed for callback request
 * c->callback_id, that request is done and the call greeted as its
 * callback; the lead is found or created, the call log opened with the
 * studio the call belongs to and, with cfg->record_calls, the consent it
 * starts with (a refusal on the asking call is kept: not asked again, not
 * recorded). out->agent is the greeting (by the studio's local hour, the
 * caller's name, opening hours; the recording notice when asked) in a
 * gather. Strings live in a. TF_EINVAL without a CallSid; store errors as
 * they are. A repeated webhook changes nothing and greets again. */
int call_begin(struct store *s, struct arena *a, const struct config *cfg, const struct call_info *c, int64_t now_utc,
               struct call_reply *out);

/* One caller turn (the gather webhook): the answer to the recording notice
 * first; then Dialogflow CX when configured and this call has not fallen
 * back, else the embedded agent from the call's stored state. A call whose
 * first webhook never reached us (nginx answered it while we were down) is
 * opened here, with the studio it belongs to, and the turn goes on. A test
 * session (c->test) is opened on every turn and skips the consent step.
 * Strings live in a. TF_EINVAL without a CallSid; store errors as they are. */
int call_turn(struct store *s, struct arena *a, const struct config *cfg, const struct call_info *c,
              const struct agent_input *in, int64_t now_utc, struct call_reply *out);

/* The CallSid of a test session of `subject` (the admin token's) named
 * `session`: "TEST-<subject>-<session>", or a hash of it when that is no
 * valid CX session id. In a; NULL when out of memory. */
const char *call_test_sid(struct arena *a, const char *subject, const char *session);

#endif
