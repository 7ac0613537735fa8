/* status.c: call status callbacks. Idempotent: a repeated or late event never
 * moves a call backwards; the final status and the duration are stored. A
 * final status also frees the call's staff line or place in the waiting line
 * and settles a callback attempt (lib/domain/handoff). */
#include "handlers.h"
#include "clock.h"
#include "err.h"
#include "handoff.h"
#include "log.h"
#include "num.h"
#include "twiml.h"

/* Numbers past ten years (in seconds) are not believed. */
#define STATUS_MAX (10 * 365 * 86400)

int status_callback(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *call_sid = form_get(&req->form, "CallSid");
	const char *status = form_get(&req->form, "CallStatus");
	bool changed = false;
	/* SequenceNumber and CallDuration: -1 when absent or malformed. */
	int seq = num_int_or(form_get(&req->form, "SequenceNumber"), 0, STATUS_MAX, -1);
	int duration = num_int_or(form_get(&req->form, "CallDuration"), 0, STATUS_MAX, -1);
	int err = store_call_status(app->store, call_sid, status, seq, duration, &changed);
	if (err == TF_EINVAL) {
		/* Not a status we know: acknowledged, nothing stored. */
		log_warn("status callback ignored", "status", status ? status : "");
	} else if (err) {
		return err;
	} else if ((err = handoff_call_status(app->store, req->arena, app->cfg, call_sid, status, clock_now())) != TF_OK) {
		/* The staleness rule frees the line later; the event itself is stored. */
		log_warn("ending the call's transfer or callback failed", "error", tf_strerror(err));
	}
	return http_twiml(req, res, twiml_new());
}
