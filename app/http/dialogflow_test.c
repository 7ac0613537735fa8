/* dialogflow_test.c: `/dialogflow/test`, one turn through call_turn for
 * people trying the configured agent out (admin token; the session is a test
 * call of its own), and `/dialogflow/webhook`, the CX agent's fulfillment
 * (shared secret header). */
#include "handlers.h"
#include "admin_json.h"
#include "call.h"
#include "clock.h"
#include "err.h"
#include "tf_limits.h"

#include <cjson/cJSON.h>
#include <string.h>

static const char *const action_names[] = { "gather", "transfer", "hangup" };

int dialogflow_test(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *text, *session_name;
	struct tf_errmsg e = { "" };
	int err = admin_parse_test_body(req->arena, req->body, req->body_len, &text, &session_name, &e);
	if (err)
		return http_fail(req, res, err, e.text);
	struct call_info c = {
		.call_sid = session_name ? call_test_sid(req->arena, req->subject, session_name) : NULL, .test = true,
	};
	if (c.call_sid == NULL || text == NULL)
		return TF_ENOMEM;
	struct agent_input turn = { .speech = text, .confidence = -1 };
	long long started = clock_mono_us();
	struct call_reply r;
	err = call_turn(app->store, req->arena, app->cfg, &c, &turn, clock_now(), &r);
	if (err)
		return err;
	cJSON *out = cJSON_CreateObject();
	if (out == NULL)
		return TF_ENOMEM;
	cJSON_AddStringToObject(out, "engine", r.engine);
	if (r.fallback)
		cJSON_AddStringToObject(out, "fallback", r.fallback);
	cJSON_AddStringToObject(out, "session", session_name);
	cJSON_AddStringToObject(out, "reply", r.agent.say);
	cJSON_AddStringToObject(out, "action", action_names[r.agent.action]);
	if (r.agent.dial_number)
		cJSON_AddStringToObject(out, "transfer_to", r.agent.dial_number);
	cJSON_AddStringToObject(out, "intent", r.agent.intent ? r.agent.intent : "unknown");
	cJSON_AddNumberToObject(out, "confidence", r.agent.confidence);
	if (r.agent.outcome)
		cJSON_AddStringToObject(out, "outcome", r.agent.outcome);
	if (r.has_play) {
		cJSON *play = cJSON_AddArrayToObject(out, "play");
		for (size_t i = 0; play && i < r.nparts; i++)
			if (r.parts[i].kind == DIALOGFLOW_PLAY)
				cJSON_AddItemToArray(play, cJSON_CreateString(r.parts[i].text));
	}
	cJSON_AddNumberToObject(out, "latency_us", (double)(clock_mono_us() - started));
	return http_json(req, res, 200, out);
}

int dialogflow_fulfillment(struct app *app, struct http_request *req, struct http_response *res)
{
	int status = 0;
	const char *json = NULL;
	int err = dialogflow_webhook(app->store, req->arena, app->cfg, clock_now(), req->body, req->body_len, &status, &json);
	if (err)
		return err;
	return http_text(req, res, status, "application/json", json, strlen(json));
}
