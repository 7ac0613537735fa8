/* dial.c: the outcome of a transfer to a person (DialCallStatus): the staff
 * line is free again, and the caller hears goodbye or, when nobody answered,
 * an apology and the offer of a callback. */
#include "handlers.h"
#include "clock.h"
#include "err.h"
#include "handoff.h"
#include "log.h"
#include "reply.h"

int voice_dial_status(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *call_sid = form_get(&req->form, "CallSid");
	if (call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
	const char *dial_status = form_get(&req->form, "DialCallStatus");
	/* The line first: whatever the caller hears next, the person is free. */
	int err = handoff_dial_result(app->store, call_sid, dial_status, clock_now());
	if (err)
		log_warn("freeing the staff line failed; the call's final status or the staleness rule will",
		         "error", tf_strerror(err));
	struct agent_reply reply;
	err = agent_transfer_result(app->store, req->arena, app->cfg, call_sid, clock_now(), dial_status, &reply);
	if (err)
		return err;
	return reply_twiml(app, req, res, &reply);
}
