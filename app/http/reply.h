/* reply.h: turning a call's reply (lib/call) or an agent's into the TwiML
 * Twilio plays. */
#ifndef TERMINFON_REPLY_H
#define TERMINFON_REPLY_H

#include "agent.h"
#include "app.h"
#include "call.h"
#include "handoff.h"

struct twiml_el;

/* The call a Twilio request is about, from its form: CallSid, From, To,
 * Direction and CallStatus (the request's strings; NULL when not sent). */
struct call_info reply_call_info(const struct http_request *req);

/* The reply of call_begin or call_turn as TwiML: words only, or a transfer,
 * as reply_twiml; Dialogflow CX's audio as its Say and Play in order (audio
 * before a transfer is left out). */
int reply_call(struct app *app, struct http_request *req, struct http_response *res, const struct call_reply *r);

/* The reply as TwiML. A transfer goes through the waiting line first
 * (handoff_enter): put through, or held, or offered a callback. */
int reply_twiml(struct app *app, struct http_request *req, struct http_response *res, const struct agent_reply *r);

/* Appends the Gather of a caller's turn to root: action the gather route,
 * the configured language and speech model (none when
 * TERMINFON_SPEECH_MODEL is empty), hints (may be NULL). NULL on failure;
 * the element is owned by root's document. */
struct twiml_el *reply_gather(struct twiml_el *root, const struct config *cfg, const char *hints);

/* TwiML of one step of the waiting line for the call of this request, with
 * `before` (may be NULL) said first: the Dial, the hold loop (Say, hold
 * music or a pause, Redirect to queue-check), or for a timeout the offer of
 * a callback (agent_queue_timeout; waited says whether the caller waited). */
int reply_handoff(struct app *app, struct http_request *req, struct http_response *res, const char *before,
                  const struct handoff_step *step, bool waited);

#endif
