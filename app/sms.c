/* sms.c: delivery reports of the SMS we sent (queued, sent, delivered,
 * undelivered, failed); a late or repeated report never moves one backwards. */
#include "handlers.h"
#include "err.h"
#include "log.h"
#include "twiml.h"

int sms_status(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *sid = form_get(&req->form, "MessageSid");
	const char *status = form_get(&req->form, "MessageStatus");
	if (status == NULL)
		status = form_get(&req->form, "SmsStatus");
	int err = store_sms_status(app->store, sid, status, form_get(&req->form, "ErrorCode"));
	if (err == TF_EINVAL)
		log_warn("sms status without MessageSid or MessageStatus ignored");
	else if (err)
		return err;
	return http_twiml(req, res, twiml_new());
}
