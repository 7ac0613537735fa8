/* voice.c: a new call. Finds or creates the lead, opens the call log, routes
 * the call to a studio and greets the caller with a Gather for their answer;
 * with recording on, tells them the call is recorded and how to refuse. A
 * call we placed for a callback request (?callback=<id>) is greeted as that
 * callback. */
#include "handlers.h"
#include "clock.h"
#include "err.h"
#include "greet.h"
#include "handoff.h"
#include "log.h"
#include "studio_route.h"
#include "reply.h"
#include "tz.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define WELCOME_HINTS "Termin, Termin vereinbaren, freie Termine, Öffnungszeiten, Adresse, Rückruf, Mitarbeiter, absagen, verschieben"

/* The callback request id of ?callback=<id>, 0 when absent or malformed. */
static int64_t callback_id(const struct http_request *req)
{
	const char *v = form_get(&req->query_form, "callback");
	if (v == NULL || *v < '1' || *v > '9')
		return 0;
	char *end;
	errno = 0;
	long long id = strtoll(v, &end, 10);
	return errno || *end || id <= 0 ? 0 : (int64_t)id;
}

/* The consent the call starts with, and whether the notice is said. */
static const char *start_consent(const struct config *cfg, const struct store_callback *cb, bool *notice,
                                 bool *running)
{
	*notice = *running = false;
	if (!cfg->record_calls)
		return NULL;
	if (cb && cb->consent && strcmp(cb->consent, "refused") == 0)
		return "refused";             /* they refused on the first call: not asked again, not recorded */
	*notice = true;
	if (cb && cb->consent && strcmp(cb->consent, "given") == 0) {
		*running = true;              /* placed with Record=true */
		return "asked_recording";
	}
	return "asked";
}

int voice_webhook(struct app *app, struct http_request *req, struct http_response *res)
{
	const struct form *f = &req->form;
	const char *call_sid = form_get(f, "CallSid");
	if (call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;

	const struct store_studios *studios;
	int err = store_studios(app->store, &studios);
	if (err)
		return err;
	int64_t now = clock_now();
	const char *direction = form_get(f, "Direction");
	bool outbound = direction && strncmp(direction, "outbound", 8) == 0;

	struct store_callback cb;
	bool is_callback = false;
	int64_t cb_id = outbound ? callback_id(req) : 0;
	if (cb_id) {
		err = handoff_callback_answered(app->store, req->arena, cb_id, &cb);
		if (err == TF_OK)
			is_callback = true;
		else if (err != TF_ENOTFOUND)
			return err;
	}

	/* On a call we placed, the person is the called party. */
	const char *person = outbound ? form_get(f, "To") : form_get(f, "From");
	const char *ours = outbound ? form_get(f, "From") : form_get(f, "To");
	const char *why = "callback";
	const struct store_studio *studio = is_callback && cb.studio_id ? store_studio_by_id(studios, cb.studio_id) : NULL;
	if (studio == NULL)
		studio = route_call_studio(studios, ours, person, &why);

	/* The consent goes into the same transaction as the call log. */
	bool notice, running;
	const char *consent = start_consent(app->cfg, is_callback ? &cb : NULL, &notice, &running);
	struct store_call_open in = {
		.call_sid = call_sid,
		.from = person,
		.to = ours,
		.direction = direction,
		.status = form_get(f, "CallStatus"),
		.studio_id = studio ? studio->id : 0,
		.consent = consent,
	};
	struct store_lead lead;
	struct store_call call;
	if ((err = store_call_open(app->store, req->arena, &in, &lead, &call)) != TF_OK)
		return err;
	if (call.created)
		log_info(is_callback ? "callback answered" : "call opened", "studio", studio ? studio->slug : "-",
		         "route", why, "lead", lead.created ? "new" : lead.id ? "known" : "withheld");

	int hour = 12;
	const struct tz *z;
	if (studio && tz_load(studio->timezone, &z) == TF_OK)
		hour = tz_to_local(z, now, NULL).hour;
	char text[1024];
	const char *name = studio ? studio->name : "unserem Studio";
	if (is_callback)
		handoff_callback_greeting(text, sizeof(text), name, lead.name, hour);
	else
		greet_welcome(text, sizeof(text), name, lead.name, hour, studio ? route_studio_open(studio, now) : true);
	const char *say = text;
	if (notice && (say = arena_printf(req->arena, "%s %s", text, handoff_consent_notice(running))) == NULL)
		return TF_ENOMEM;

	struct agent_reply welcome = {
		.say = say, .action = AGENT_GATHER, .hints = WELCOME_HINTS, .num_digits = 1,
	};
	return reply_twiml(app, req, res, &welcome);
}
