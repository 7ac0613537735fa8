/* call.c: the policy of a call apart from HTTP: a new call and one caller
 * turn, whichever engine takes it (see call.h). */
#include "call.h"
#include "crypto.h"
#include "err.h"
#include "greet.h"
#include "handoff.h"
#include "log.h"
#include "studio_route.h"
#include "tz.h"

#include <stdio.h>
#include <string.h>

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

/* The welcome (or the callback's first words) in the studio's local hour,
 * with the recording notice when it is said. */
static int greeting(struct arena *a, const struct store_studio *studio, const struct store_lead *lead,
                    bool is_callback, bool notice, bool running, int64_t now, const char **say)
{
	int hour = 12;
	const struct tz *z;
	if (studio && tz_load(studio->timezone, &z) == TF_OK)
		hour = tz_to_local(z, now, NULL).hour;
	char text[1024];
	const char *name = studio ? studio->name : "unserem Studio";
	if (is_callback)
		handoff_callback_greeting(text, sizeof(text), name, lead->name, hour);
	else
		greet_welcome(text, sizeof(text), name, lead->name, hour, studio ? route_studio_open(studio, now) : true);
	*say = notice ? arena_printf(a, "%s %s", text, handoff_consent_notice(running)) : arena_strdup(a, text);
	return *say ? TF_OK : TF_ENOMEM;
}

int call_begin(struct store *s, struct arena *a, const struct config *cfg, const struct call_info *c, int64_t now_utc,
               struct call_reply *out)
{
	memset(out, 0, sizeof(*out));
	out->engine = "embedded";
	if (c->call_sid == NULL || *c->call_sid == '\0')
		return TF_EINVAL;
	const struct store_studios *studios;
	int err = store_studios(s, &studios);
	if (err)
		return err;
	bool outbound = c->direction && strncmp(c->direction, "outbound", 8) == 0;

	struct store_callback cb;
	bool is_callback = false;
	if (outbound && c->callback_id > 0) {
		err = handoff_callback_answered(s, a, c->callback_id, &cb);
		if (err == TF_OK)
			is_callback = true;
		else if (err != TF_ENOTFOUND)
			return err;
	}

	/* On a call we placed, the person is the called party. */
	const char *person = outbound ? c->to : c->from;
	const char *ours = outbound ? c->from : c->to;
	const char *why = "callback";
	const struct store_studio *studio = is_callback && cb.studio_id ? store_studio_by_id(studios, cb.studio_id) : NULL;
	if (studio == NULL)
		studio = route_call_studio(studios, ours, person, &why);

	/* The consent goes into the same transaction as the call log. */
	bool notice, running;
	struct store_call_open in = {
		.call_sid = c->call_sid,
		.from = person,
		.to = ours,
		.direction = c->direction,
		.status = c->status,
		.studio_id = studio ? studio->id : 0,
		.consent = start_consent(cfg, is_callback ? &cb : NULL, &notice, &running),
	};
	struct store_lead lead;
	struct store_call call;
	if ((err = store_call_open(s, a, &in, &lead, &call)) != TF_OK)
		return err;
	if (call.created)
		log_info(is_callback ? "callback answered" : "call opened", "studio", studio ? studio->slug : "-",
		         "route", why, "lead", lead.created ? "new" : lead.id ? "known" : "withheld");
	out->agent = (struct agent_reply){ .action = AGENT_GATHER, .hints = CALL_WELCOME_HINTS, .num_digits = 1 };
	return greeting(a, studio, &lead, is_callback, notice, running, now_utc, &out->agent.say);
}

/* Opens the call of a turn whose first webhook never reached us, with the
 * studio it belongs to; a test session without one. */
static int open_late(struct store *s, struct arena *a, const struct call_info *c)
{
	struct store_call_open open = {
		.call_sid = c->call_sid, .from = c->from, .to = c->to, .direction = c->direction, .status = c->status,
	};
	if (c->test) {
		open = (struct store_call_open){
			.call_sid = c->call_sid, .direction = STORE_TEST_SESSION, .status = "in-progress",
		};
	} else {
		const struct store_studios *studios;
		const char *why;
		const struct store_studio *studio;
		int err = store_studios(s, &studios);
		if (err)
			return err;
		if ((studio = route_call_studio(studios, open.to, open.from, &why)) != NULL)
			open.studio_id = studio->id;
		log_info("call opened late, its first webhook was missed", "studio", studio ? studio->slug : "-",
		         "route", why);
	}
	struct store_lead lead;
	struct store_call call;
	return store_call_open(s, a, &open, &lead, &call);
}

/* The embedded agent takes the turn; an unknown call is opened first. */
static int embedded_turn(struct store *s, struct arena *a, const struct config *cfg, const struct call_info *c,
                         const struct agent_input *in, int64_t now_utc, struct call_reply *out)
{
	out->engine = "embedded";
	int err = agent_turn(s, a, cfg, c->call_sid, now_utc, in, &out->agent);
	if (err == TF_ENOTFOUND && (err = open_late(s, a, c)) == TF_OK)
		err = agent_turn(s, a, cfg, c->call_sid, now_utc, in, &out->agent);
	return err;
}

int call_turn(struct store *s, struct arena *a, const struct config *cfg, const struct call_info *c,
              const struct agent_input *in, int64_t now_utc, struct call_reply *out)
{
	memset(out, 0, sizeof(*out));
	out->engine = "embedded";
	if (c->call_sid == NULL || *c->call_sid == '\0')
		return TF_EINVAL;
	int err;
	if (c->test && (err = open_late(s, a, c)) != TF_OK)
		return err;
	/* The answer to the recording notice comes first, whichever engine
	 * takes the rest of the turn. */
	if (!c->test) {
		bool handled;
		err = agent_consent(s, a, cfg, c->call_sid, now_utc, in, &handled, &out->agent);
		if (err || handled)
			return err;
	}
	/* Dialogflow CX answers when configured and this call has not fallen
	 * back; whatever fails there is counted in lib/google/dialogflow and the
	 * embedded agent takes the turn from the call's stored state. */
	struct dialogflow_reply *df = arena_alloc(a, sizeof(*df));
	if (df == NULL)
		return TF_ENOMEM;
	if (dialogflow_turn(s, a, cfg, c->call_sid, now_utc, in, df) == TF_OK) {
		out->agent = df->agent;
		out->engine = "dialogflow";
		out->has_play = df->has_play;
		out->nparts = df->nparts;
		memcpy(out->parts, df->parts, df->nparts * sizeof(df->parts[0]));
		return TF_OK;
	}
	if (df->fallback && strcmp(df->fallback, "not_configured") != 0)
		out->fallback = df->fallback;
	return embedded_turn(s, a, cfg, c, in, now_utc, out);
}

/* CX takes session ids of at most 36 letters, digits, '-', '_' and '.', so
 * longer or odd ones are hashed. */
const char *call_test_sid(struct arena *a, const char *subject, const char *session)
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
