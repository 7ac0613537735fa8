/* queue.c: /twilio/voice/queue-check, one round of the hold loop of a caller
 * waiting for a person: put through when a line is free and it is their
 * turn, a callback offered after the studio's maximum wait, else their
 * position and more hold music. */
#include "handlers.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "reply.h"

int voice_queue_check(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *call_sid = form_get(&req->form, "CallSid");
	if (call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
	struct handoff_step step;
	int err = handoff_check(app->store, req->arena, call_sid, clock_now(), &step);
	if (err == TF_EBUSY) {
		/* The database is busy for longer than the busy timeout: one more
		 * round of hold music rather than dropping a waiting caller. */
		log_warn("waiting line busy, holding the caller one more round");
		step = (struct handoff_step){ .action = HANDOFF_HOLD,
		                              .say = "Vielen Dank für Ihre Geduld. Bitte bleiben Sie dran." };
	} else if (err) {
		return err;
	}
	return reply_handoff(app, req, res, NULL, &step, true);
}
