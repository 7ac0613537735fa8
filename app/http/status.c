/* status.c: call status callbacks. Idempotent: a repeated or late event never
 * moves a call backwards; the final status and the duration are stored. A
 * final status also frees the call's staff line or place in the waiting line
 * and settles a callback attempt (lib/domain/handoff). */
#include "handlers.h"
#include "clock.h"
#include "err.h"
#include "handoff.h"
#include "log.h"
#include "twiml.h"

#include <errno.h>
#include <stdlib.h>

/* A non-negative whole number, or -1 when absent or malformed. */
static int number(const char *s)
{
	if (s == NULL || *s == '\0')
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	return (errno || *end || v < 0 || v > 10L * 365 * 86400) ? -1 : (int)v;
}

int status_callback(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *call_sid = form_get(&req->form, "CallSid");
	const char *status = form_get(&req->form, "CallStatus");
	bool changed = false;
	int err = store_call_status(app->store, call_sid, status, number(form_get(&req->form, "SequenceNumber")),
	                            number(form_get(&req->form, "CallDuration")), &changed);
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
