/* voice.c: a new call, the voice webhook: the form and ?callback=<id> (a
 * call we placed for a callback request) into call_begin (lib/call), its
 * greeting into TwiML. */
#include "handlers.h"
#include "call.h"
#include "clock.h"
#include "err.h"
#include "num.h"
#include "reply.h"

int voice_webhook(struct app *app, struct http_request *req, struct http_response *res)
{
	struct call_info c = reply_call_info(req);
	/* Malformed or absent: 0, no callback. */
	if (num_parse_i64(form_get(&req->query_form, "callback"), 1, INT64_MAX, &c.callback_id) != TF_OK)
		c.callback_id = 0;
	struct call_reply reply;
	int err = call_begin(app->store, req->arena, app->cfg, &c, clock_now(), &reply);
	return err ? err : reply_call(app, req, res, &reply);
}
