/* agent_hear.c: the bridge from lib/lang/nlu's understanding to the dialog's terms. */
#include "agent_int.h"
#include "err.h"

#include <stdio.h>
#include <string.h>

static enum heard_intent map_intent(enum nlu_intent i)
{
	/* By name: intents the dialog knows before every NLU version has them. */
	const char *name = nlu_intent_name(i);
	if (strcmp(name, "info_faq") == 0)
		return H_INFO_FAQ;
	if (strcmp(name, "wait") == 0)
		return H_WAIT;
	switch (i) {
	case NLU_BOOK: return H_BOOK;
	case NLU_AVAILABILITY: return H_AVAILABILITY;
	case NLU_GIVE_NAME: return H_GIVE_NAME;
	case NLU_HUMAN: return H_HUMAN;
	case NLU_CALLBACK: return H_CALLBACK;
	case NLU_CANCEL: return H_CANCEL;
	case NLU_RESCHEDULE: return H_RESCHEDULE;
	case NLU_INFO_HOURS: return H_INFO_HOURS;
	case NLU_INFO_ADDRESS: return H_INFO_ADDRESS;
	case NLU_YES: return H_YES;
	case NLU_NO: return H_NO;
	case NLU_BYE: return H_BYE;
	case NLU_REPEAT: return H_REPEAT;
	default: return H_UNKNOWN;
	}
}

int agent_hear(struct arena *a, const char *text, const struct nlu_context *ctx, struct heard *out)
{
	struct nlu_result r;
	memset(out, 0, sizeof(*out));
	out->choice = NLU_CHOICE_NONE;
	out->intent_name = "unknown";
	int err = nlu_parse(a, text, strlen(text), ctx, &r);
	if (err == TF_EINVAL)
		return TF_OK;
	if (err)
		return err;
	out->intent = map_intent(r.intent);
	out->intent_name = nlu_intent_name(r.intent);
	out->confidence = r.confidence;
	out->second = map_intent(r.second);
	out->second_confidence = r.second == NLU_UNKNOWN ? 0 : r.second_confidence;
	out->normalized = r.normalized ? r.normalized : "";
	out->sentiment = r.sentiment;
	out->city = r.city;
	out->choice = r.choice;
	out->pref = r.when.pref;
	out->salutation = r.salutation;
	out->last_name = r.last_name;

	const struct when *w = &r.when;
	/* A day gone by is written "past:YYYY-MM-DD" (lib/lang/when): it is never a wish. */
	char said[96];
	when_format(w, said, sizeof(said));
	struct civil_date past;
	if (strncmp(said, "past:", 5) == 0 && sscanf(said + 5, "%4d-%2d-%2d", &past.year, &past.month, &past.day) == 3 &&
	    civil_valid(past)) {
		out->past = true;
		out->past_date = past;
	} else if (w->has_date || w->has_time || w->from || w->to) {
		out->has_wish = true;
		out->said_date = w->has_date;
		out->wish.has_date = w->has_date || w->has_time;
		out->wish.date = w->date;
		out->wish.after_date = w->has_date && civil_cmp(w->last, w->date) != 0;
		out->wish.has_time = w->has_time;
		out->wish.minute = w->minute;
		out->wish.from = w->from;
		out->wish.to = w->to;
		if (out->wish.has_date && !civil_valid(out->wish.date))
			out->has_wish = false;
	}

	if (r.first_name && r.last_name)
		out->name = arena_printf(a, "%s %s", r.first_name, r.last_name);
	else if (r.last_name && r.salutation)
		out->name = arena_printf(a, "%s %s", r.salutation, r.last_name);
	else if (r.last_name)
		out->name = r.last_name;
	else if (r.first_name)
		out->name = r.first_name;

	cJSON *j = NULL;
	if (nlu_result_json(&r, &j) == TF_OK) {
		cJSON *entities = cJSON_GetObjectItem(j, "entities");
		char *text_json = entities ? cJSON_PrintUnformatted(entities) : NULL;
		if (text_json) {
			out->entities = arena_strdup(a, text_json);
			cJSON_free(text_json);
		}
		cJSON_Delete(j);
	}
	return TF_OK;
}
