/* queue.c: /twilio/voice/queue-check, one round of the hold loop of a caller
 * waiting for a person: put through when a line is free and it is their
 * turn, a callback offered after the studio's maximum wait, else their
 * position and more hold music. */
#include "handlers.h"
#include "clock.h"
#include "err.h"
#include "reply.h"

int voice_queue_check(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *call_sid = form_get(&req->form, "CallSid");
	if (call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
	struct handoff_step step;
	int err = handoff_check(app->store, req->arena, call_sid, clock_now(), &step);
	if (err)
		return err;
	return reply_handoff(app, req, res, NULL, &step, true);
}
