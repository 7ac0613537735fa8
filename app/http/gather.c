/* gather.c: one caller turn, the gather webhook: SpeechResult (cut to
 * TF_MAX_SPEECH), Confidence and Digits into call_turn (lib/call), its reply
 * into TwiML. */
#include "handlers.h"
#include "call.h"
#include "clock.h"
#include "err.h"
#include "reply.h"
#include "tf_limits.h"
#include "utf8.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Twilio's Confidence, or -1 when absent or not a number in [0, 1]. */
static double confidence(const char *s)
{
	if (s == NULL || *s == '\0')
		return -1;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	return (errno || *end || !isfinite(v) || v < 0 || v > 1) ? -1 : v;
}

int voice_gather(struct app *app, struct http_request *req, struct http_response *res)
{
	const struct form *f = &req->form;
	/* What the agent looks at, and what is stored, is at most TF_MAX_SPEECH
	 * bytes, cut between two characters. */
	const char *speech = form_get(f, "SpeechResult");
	size_t speech_len = speech ? strlen(speech) : 0;
	if (speech_len > TF_MAX_SPEECH &&
	    (speech = arena_strndup(req->arena, speech, utf8_cut(speech, speech_len, TF_MAX_SPEECH))) == NULL)
		return TF_ENOMEM;
	struct agent_input in = {
		.speech = speech,
		.confidence = confidence(form_get(f, "Confidence")),
		.digits = form_get(f, "Digits"),
	};
	struct call_info c = reply_call_info(req);
	struct call_reply reply;
	int err = call_turn(app->store, req->arena, app->cfg, &c, &in, clock_now(), &reply);
	return err ? err : reply_call(app, req, res, &reply);
}
