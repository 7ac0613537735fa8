/* gather.c: one caller turn (SpeechResult, Confidence, Digits) through the
 * agent, answered with the next TwiML. */
#include "handlers.h"
#include "clock.h"
#include "err.h"
#include "reply.h"
#include "studio_route.h"
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
	const char *call_sid = form_get(f, "CallSid");
	if (call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
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
	/* The answer to the recording notice comes first, whichever engine
	 * takes the rest of the turn. */
	bool handled;
	struct agent_reply consent;
	int err = agent_consent(app->store, req->arena, app->cfg, call_sid, clock_now(), &in, &handled, &consent);
	if (err)
		return err;
	if (handled)
		return reply_twiml(app, req, res, &consent);
	/* Dialogflow CX answers when configured and this call has not fallen back;
	 * whatever fails there is counted in lib/google/dialogflow and the embedded agent
	 * takes the turn from the call's stored state. */
	struct dialogflow_reply df;
	if (dialogflow_turn(app->store, req->arena, app->cfg, call_sid, clock_now(), &in, &df) == TF_OK)
		return dialogflow_twiml(app, req, res, &df);
	struct agent_reply reply;
	err = agent_turn(app->store, req->arena, app->cfg, call_sid, clock_now(), &in, &reply);
	if (err == TF_ENOTFOUND) {
		/* The call's first webhook never reached us (nginx answered it while
		 * we were down): open the call now, with the studio it belongs to,
		 * and go on. */
		struct store_call_open open = {
			.call_sid = call_sid, .from = form_get(f, "From"), .to = form_get(f, "To"),
			.direction = form_get(f, "Direction"), .status = form_get(f, "CallStatus"),
		};
		const struct store_studios *studios;
		const char *why;
		const struct store_studio *studio;
		err = store_studios(app->store, &studios);
		if (err == TF_OK && (studio = route_call_studio(studios, open.to, open.from, &why)) != NULL)
			open.studio_id = studio->id;
		struct store_lead lead;
		struct store_call call;
		if (err == TF_OK)
			err = store_call_open(app->store, req->arena, &open, &lead, &call);
		if (err == TF_OK)
			err = agent_turn(app->store, req->arena, app->cfg, call_sid, clock_now(), &in, &reply);
	}
	if (err)
		return err;
	return reply_twiml(app, req, res, &reply);
}
