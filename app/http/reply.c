/* reply.c: a call's reply as TwiML: words inside the next Gather so the
 * caller can interrupt (and Dialogflow CX's audio in its order), a Dial to a
 * person (or the waiting line while every staff line is busy), or goodbye
 * and Hangup. */
#include "reply.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "routes.h"
#include "twiml.h"

#define GATHER_URL ROUTE_VOICE_GATHER
#define DIAL_STATUS_URL ROUTE_VOICE_DIAL_STATUS
#define QUEUE_CHECK_URL ROUTE_VOICE_QUEUE_CHECK

/* Say (when there are words) then Dial. */
static bool dial(struct twiml_el *root, const struct config *cfg, const char *before, const char *say,
                 const char *number, const char *caller_id)
{
	return (before == NULL || *before == '\0' || twiml_say(root, before, cfg->tts_voice, cfg->language)) &&
	       (say == NULL || *say == '\0' || twiml_say(root, say, cfg->tts_voice, cfg->language)) &&
	       twiml_dial(root, number, DIAL_STATUS_URL, caller_id && *caller_id ? caller_id : NULL,
	                  cfg->ring_timeout_s) != NULL;
}

/* Twilio refuses speechTimeout="auto" once a speechModel is named: the
 * caller's turn then ends after this many seconds of silence. */
#define REPLY_MODEL_SPEECH_TIMEOUT_S 2

struct twiml_el *reply_gather(struct twiml_el *root, const struct config *cfg, const char *hints)
{
	struct twiml_el *g = twiml_gather(root, GATHER_URL, cfg->language, hints);
	if (g && cfg->speech_model && *cfg->speech_model &&
	    (twiml_set(g, "speechModel", cfg->speech_model) != TF_OK ||
	     twiml_set_int(g, "speechTimeout", REPLY_MODEL_SPEECH_TIMEOUT_S) != TF_OK))
		return NULL;  /* the whole document is dropped: out of memory */
	return g;
}

static bool gather(struct twiml_el *root, const struct config *cfg, const struct agent_reply *r)
{
	struct twiml_el *g = reply_gather(root, cfg, r->hints);
	bool ok = g && twiml_say(g, r->say, cfg->tts_voice, cfg->language) != NULL;
	if (ok && r->num_digits > 0)
		ok = twiml_set_int(g, "numDigits", r->num_digits) == TF_OK;
	return ok && twiml_redirect(root, GATHER_URL) != NULL;
}

int reply_handoff(struct app *app, struct http_request *req, struct http_response *res, const char *before,
                  const struct handoff_step *step, bool waited)
{
	const struct config *cfg = app->cfg;
	if (step->action == HANDOFF_TIMEOUT || step->action == HANDOFF_GONE) {
		struct agent_reply offer;
		int err = agent_queue_timeout(app->store, req->arena, cfg, form_get(&req->form, "CallSid"), clock_now(),
		                              waited, &offer);
		if (err)
			return err;
		if (before && *before) {
			const char *both = arena_printf(req->arena, "%s %s", before, offer.say);
			if (both == NULL)
				return TF_ENOMEM;
			offer.say = both;
		}
		return reply_twiml(app, req, res, &offer);
	}
	struct twiml *doc = twiml_new();
	if (doc == NULL)
		return TF_ENOMEM;
	struct twiml_el *root = twiml_root(doc);
	bool ok;
	if (step->action == HANDOFF_DIAL) {
		ok = dial(root, cfg, before, step->say, step->number, step->caller_id);
	} else {
		/* The hold loop: position, music (or a pause), then ask again. Twilio
		 * plays it to the end before the Redirect, so the clip's length is
		 * how often a waiting caller is looked at. */
		ok = (before == NULL || *before == '\0' || twiml_say(root, before, cfg->tts_voice, cfg->language)) &&
		     twiml_say(root, step->say, cfg->tts_voice, cfg->language) != NULL &&
		     (*cfg->hold_music_url ? twiml_play(root, cfg->hold_music_url, -1) != NULL
		                           : twiml_pause(root, HANDOFF_HOLD_PAUSE_S) != NULL) &&
		     twiml_redirect(root, QUEUE_CHECK_URL) != NULL;
	}
	if (!ok) {
		twiml_free(doc);
		return TF_ENOMEM;
	}
	return http_twiml(req, res, doc);
}

/* A transfer: the waiting line decides whether the Dial goes out now. */
static int transfer(struct app *app, struct http_request *req, struct http_response *res, const struct agent_reply *r)
{
	struct handoff_step step;
	int err = handoff_enter(app->store, req->arena, form_get(&req->form, "CallSid"), r->dial_number, r->caller_id,
	                        clock_now(), &step);
	if (err) {
		/* Without the line count the caller is still put through: a person
		 * answering busy is better than no person at all. */
		log_warn("waiting line unavailable, putting the call through directly", "error", tf_strerror(err));
		step = (struct handoff_step){ .action = HANDOFF_DIAL, .number = r->dial_number, .caller_id = r->caller_id };
	}
	return reply_handoff(app, req, res, r->say, &step, false);
}

int reply_twiml(struct app *app, struct http_request *req, struct http_response *res, const struct agent_reply *r)
{
	const struct config *cfg = app->cfg;
	if (r->action == AGENT_TRANSFER)
		return transfer(app, req, res, r);
	struct twiml *doc = twiml_new();
	if (doc == NULL)
		return TF_ENOMEM;
	struct twiml_el *root = twiml_root(doc);
	bool ok = true;
	switch (r->action) {
	case AGENT_GATHER:
		ok = gather(root, cfg, r);
		break;
	case AGENT_TRANSFER:
		break;
	case AGENT_HANGUP:
		ok = twiml_say(root, r->say, cfg->tts_voice, cfg->language) != NULL && twiml_hangup(root) != NULL;
		break;
	}
	if (!ok) {
		twiml_free(doc);
		return TF_ENOMEM;
	}
	return http_twiml(req, res, doc);
}

struct call_info reply_call_info(const struct http_request *req)
{
	const struct form *f = &req->form;
	return (struct call_info){
		.call_sid = form_get(f, "CallSid"),
		.from = form_get(f, "From"),
		.to = form_get(f, "To"),
		.direction = form_get(f, "Direction"),
		.status = form_get(f, "CallStatus"),
	};
}

/* Say and Play in CX's order. */
static bool call_parts(struct twiml_el *parent, const struct call_reply *r, const struct config *cfg)
{
	for (size_t i = 0; i < r->nparts; i++) {
		const struct dialogflow_part *p = &r->parts[i];
		if ((p->kind == DIALOGFLOW_PLAY ? twiml_play(parent, p->text, -1)
		                                : twiml_say(parent, p->text, cfg->tts_voice, cfg->language)) == NULL)
			return false;
	}
	return true;
}

int reply_call(struct app *app, struct http_request *req, struct http_response *res, const struct call_reply *r)
{
	/* Words only, or a transfer (which goes through the waiting line;
	 * audio before a transfer is left out): the embedded agent's TwiML. */
	if (!r->has_play || r->agent.action == AGENT_TRANSFER)
		return reply_twiml(app, req, res, &r->agent);
	const struct config *cfg = app->cfg;
	struct twiml *doc = twiml_new();
	if (doc == NULL)
		return TF_ENOMEM;
	struct twiml_el *root = twiml_root(doc);
	bool ok;
	if (r->agent.action == AGENT_GATHER) {
		/* As a Gather of words: the caller may interrupt, then the next turn. */
		struct twiml_el *g = reply_gather(root, cfg, r->agent.hints);
		ok = g && call_parts(g, r, cfg) && twiml_redirect(root, GATHER_URL) != NULL;
	} else {
		ok = call_parts(root, r, cfg) && twiml_hangup(root) != NULL;
	}
	if (!ok) {
		twiml_free(doc);
		return TF_ENOMEM;
	}
	return http_twiml(req, res, doc);
}
