/* dialogflow_test.c: `/dialogflow/test`, one turn through the configured agent for
 * people trying it out (admin token; the session is a test call of its own),
 * `/dialogflow/webhook`, the CX agent's fulfillment (shared secret header),
 * and the TwiML of a CX turn that plays audio. */
#include "handlers.h"
#include "admin_json.h"
#include "clock.h"
#include "crypto.h"
#include "err.h"
#include "reply.h"
#include "tf_limits.h"
#include "twiml.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

/* As in reply.c: where Twilio posts the next turn. */
#define GATHER_URL "/api/v1/twilio/voice/gather"

static const char *const action_names[] = { "gather", "transfer", "hangup" };

/* A test session's CallSid; CX takes session ids of at most 36 letters,
 * digits, '-', '_' and '.', so longer or odd ones are hashed. */
static const char *test_call_sid(struct arena *a, const char *subject, const char *session)
{
	const char *sid = arena_printf(a, "TEST-%s-%s", subject, session);
	if (sid == NULL)
		return NULL;
	size_t n = strlen(sid);
	bool ok = n <= DIALOGFLOW_SESSION_MAX;
	for (size_t i = 0; ok && i < n; i++) {
		char c = sid[i];
		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		     c == '.';
	}
	if (ok)
		return sid;
	unsigned char mac[32];
	if (crypto_hmac_sha256("terminfon-test-session", 22, sid, n, mac) != TF_OK)
		return NULL;
	char hex[65];
	for (size_t i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", mac[i]);
	return arena_printf(a, "TEST-%.31s", hex);
}

int dialogflow_test(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *text, *session_name;
	struct admin_error e;
	int perr = admin_parse_test_body(req->arena, req->body, req->body_len, &text, &session_name, &e);
	if (perr == TF_EINVAL)
		return http_error(req, res, e.status, e.message);
	if (perr)
		return perr;
	const char *call_sid = session_name ? test_call_sid(req->arena, req->subject, session_name) : NULL;
	if (call_sid == NULL || text == NULL)
		return TF_ENOMEM;

	struct store_call_open open = { .call_sid = call_sid, .direction = "test", .status = "in-progress" };
	struct store_lead lead;
	struct store_call call;
	int err = store_call_open(app->store, req->arena, &open, &lead, &call);
	if (err)
		return err;
	struct agent_input turn = { .speech = text, .confidence = -1 };
	long long started = clock_mono_us();
	struct dialogflow_reply df;
	const struct agent_reply *reply = &df.agent;
	const char *engine = "dialogflow";
	if (dialogflow_turn(app->store, req->arena, app->cfg, call_sid, clock_now(), &turn, &df) != TF_OK) {
		struct agent_reply *embedded = arena_alloc(req->arena, sizeof(*embedded));
		if (embedded == NULL)
			return TF_ENOMEM;
		if ((err = agent_turn(app->store, req->arena, app->cfg, call_sid, clock_now(), &turn, embedded)) != TF_OK)
			return err;
		reply = embedded;
		engine = "embedded";
	}
	cJSON *out = cJSON_CreateObject();
	if (out == NULL)
		return TF_ENOMEM;
	cJSON_AddStringToObject(out, "engine", engine);
	if (df.fallback && strcmp(df.fallback, "not_configured") != 0)
		cJSON_AddStringToObject(out, "fallback", df.fallback);
	cJSON_AddStringToObject(out, "session", session_name);
	cJSON_AddStringToObject(out, "reply", reply->say);
	cJSON_AddStringToObject(out, "action", action_names[reply->action]);
	if (reply->dial_number)
		cJSON_AddStringToObject(out, "transfer_to", reply->dial_number);
	cJSON_AddStringToObject(out, "intent", reply->intent ? reply->intent : "unknown");
	cJSON_AddNumberToObject(out, "confidence", reply->confidence);
	if (reply->outcome)
		cJSON_AddStringToObject(out, "outcome", reply->outcome);
	if (reply == &df.agent && df.has_play) {
		cJSON *play = cJSON_AddArrayToObject(out, "play");
		for (size_t i = 0; play && i < df.nparts; i++)
			if (df.parts[i].kind == DIALOGFLOW_PLAY)
				cJSON_AddItemToArray(play, cJSON_CreateString(df.parts[i].text));
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

/* Say and Play in CX's order. */
static bool twiml_parts(struct twiml_el *parent, const struct dialogflow_reply *r, const struct config *cfg)
{
	for (size_t i = 0; i < r->nparts; i++) {
		const struct dialogflow_part *p = &r->parts[i];
		if ((p->kind == DIALOGFLOW_PLAY ? twiml_play(parent, p->text, -1)
		                                : twiml_say(parent, p->text, cfg->tts_voice, cfg->language)) == NULL)
			return false;
	}
	return true;
}

int dialogflow_twiml(struct app *app, struct http_request *req, struct http_response *res,
                     const struct dialogflow_reply *r)
{
	/* Words only, or a transfer (which goes through the waiting line of
	 * reply.c; audio before a transfer is left out): the embedded agent's TwiML. */
	if (!r->has_play || r->agent.action == AGENT_TRANSFER)
		return reply_twiml(app, req, res, &r->agent);
	const struct config *cfg = app->cfg;
	struct twiml *doc = twiml_new();
	if (doc == NULL)
		return TF_ENOMEM;
	struct twiml_el *root = twiml_root(doc);
	bool ok;
	if (r->agent.action == AGENT_GATHER) {
		/* As reply.c's Gather: the caller may interrupt, then the next turn. */
		struct twiml_el *g = reply_gather(root, cfg, r->agent.hints);
		ok = g && twiml_parts(g, r, cfg) && twiml_redirect(root, GATHER_URL) != NULL;
	} else {
		ok = twiml_parts(root, r, cfg) && twiml_hangup(root) != NULL;
	}
	if (!ok) {
		twiml_free(doc);
		return TF_ENOMEM;
	}
	return http_twiml(req, res, doc);
}
