/* agent_state.c: the dialog's state between turns as JSON (sealed in the
 * call's row by the store), read back leniently: a field missing or of
 * another version counts as not set. */
#include "agent_int.h"

#include <cjson/cJSON.h>
#include <string.h>

static const char *const step_names[ST__N] = {
	"start", "ask_name", "ask_when", "offer", "confirm", "confirm_cancel", "anything_else", "offer_callback",
	"clarify", "offer_help",
};
static const char *const goal_names[] = { "none", "book", "move", "cancel" };

const char *agent_step_name(enum step s)
{
	return s >= 0 && s < ST__N ? step_names[s] : "start";
}


static int lookup(const char *const *names, int n, const char *v)
{
	for (int i = 0; v && i < n; i++)
		if (strcmp(names[i], v) == 0)
			return i;
	return 0;
}

static double num(const cJSON *o, const char *k, double def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valuedouble : def;
}

void agent_state_load(const char *json, struct state *st, struct arena *a)
{
	memset(st, 0, sizeof(*st));
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	if (o == NULL)
		return;
	st->step = (enum step)lookup(step_names, ST__N, cJSON_GetStringValue(cJSON_GetObjectItem(o, "step")));
	st->goal = (enum goal)lookup(goal_names, 4, cJSON_GetStringValue(cJSON_GetObjectItem(o, "goal")));
	st->failures = (int)num(o, "failures", 0);
	st->name_asked = cJSON_IsTrue(cJSON_GetObjectItem(o, "name_asked"));
	st->has_wish = cJSON_IsTrue(cJSON_GetObjectItem(o, "has_wish"));
	st->wish.has_date = cJSON_IsTrue(cJSON_GetObjectItem(o, "wish_has_date"));
	st->wish.date.year = (int)num(o, "wish_y", 0);
	st->wish.date.month = (int)num(o, "wish_m", 0);
	st->wish.date.day = (int)num(o, "wish_d", 0);
	st->wish.has_time = cJSON_IsTrue(cJSON_GetObjectItem(o, "wish_has_time"));
	st->wish.minute = (int)num(o, "wish_minute", 0);
	st->wish.from = (int)num(o, "wish_from", 0);
	st->wish.to = (int)num(o, "wish_to", 0);
	st->wish.after_date = cJSON_IsTrue(cJSON_GetObjectItem(o, "wish_after"));
	if (st->wish.has_date && !civil_valid(st->wish.date))
		st->wish.has_date = false;
	const cJSON *offers = cJSON_GetObjectItem(o, "offers");
	const cJSON *it;
	cJSON_ArrayForEach(it, offers) {
		if (st->noffers < MAX_OFFERS && cJSON_IsNumber(it))
			st->offers[st->noffers++] = (int64_t)it->valuedouble;
	}
	st->chosen = (int64_t)num(o, "chosen", 0);
	st->appointment_id = (int64_t)num(o, "appointment_id", 0);
	st->studio_id = (int64_t)num(o, "studio_id", 0);
	st->sentiment = num(o, "sentiment", 0);
	st->nsentiment = (int)num(o, "nsentiment", 0);
	const char *outcome = cJSON_GetStringValue(cJSON_GetObjectItem(o, "outcome"));
	st->outcome = outcome ? arena_strdup(a, outcome) : NULL;
	const char *cb_reason = cJSON_GetStringValue(cJSON_GetObjectItem(o, "cb_reason"));
	st->cb_reason = cb_reason ? arena_strdup(a, cb_reason) : NULL;
	st->back = (enum step)lookup(step_names, ST__N, cJSON_GetStringValue(cJSON_GetObjectItem(o, "back")));
	for (int i = 0; i < 2; i++) {
		int v = (int)num(o, i ? "clarify_b" : "clarify_a", H_UNKNOWN);
		st->clarify[i] = v >= H_UNKNOWN && v <= H_WAIT ? v : H_UNKNOWN;
	}
	st->waiting = cJSON_IsTrue(cJSON_GetObjectItem(o, "waiting"));
	cJSON_Delete(o);
}

char *agent_state_save(const struct state *st, struct arena *a)
{
	cJSON *o = cJSON_CreateObject();
	if (o == NULL)
		return NULL;
	cJSON_AddStringToObject(o, "step", step_names[st->step]);
	cJSON_AddStringToObject(o, "goal", goal_names[st->goal]);
	cJSON_AddNumberToObject(o, "failures", st->failures);
	cJSON_AddBoolToObject(o, "name_asked", st->name_asked);
	cJSON_AddBoolToObject(o, "has_wish", st->has_wish);
	cJSON_AddBoolToObject(o, "wish_has_date", st->wish.has_date);
	cJSON_AddNumberToObject(o, "wish_y", st->wish.date.year);
	cJSON_AddNumberToObject(o, "wish_m", st->wish.date.month);
	cJSON_AddNumberToObject(o, "wish_d", st->wish.date.day);
	cJSON_AddBoolToObject(o, "wish_has_time", st->wish.has_time);
	cJSON_AddNumberToObject(o, "wish_minute", st->wish.minute);
	cJSON_AddNumberToObject(o, "wish_from", st->wish.from);
	cJSON_AddNumberToObject(o, "wish_to", st->wish.to);
	cJSON_AddBoolToObject(o, "wish_after", st->wish.after_date);
	cJSON *offers = cJSON_AddArrayToObject(o, "offers");
	for (int i = 0; offers && i < st->noffers; i++)
		cJSON_AddItemToArray(offers, cJSON_CreateNumber((double)st->offers[i]));
	cJSON_AddNumberToObject(o, "chosen", (double)st->chosen);
	cJSON_AddNumberToObject(o, "appointment_id", (double)st->appointment_id);
	cJSON_AddNumberToObject(o, "studio_id", (double)st->studio_id);
	cJSON_AddNumberToObject(o, "sentiment", st->sentiment);
	cJSON_AddNumberToObject(o, "nsentiment", st->nsentiment);
	if (st->outcome)
		cJSON_AddStringToObject(o, "outcome", st->outcome);
	if (st->cb_reason)
		cJSON_AddStringToObject(o, "cb_reason", st->cb_reason);
	cJSON_AddStringToObject(o, "back", step_names[st->back]);
	cJSON_AddNumberToObject(o, "clarify_a", st->clarify[0]);
	cJSON_AddNumberToObject(o, "clarify_b", st->clarify[1]);
	cJSON_AddBoolToObject(o, "waiting", st->waiting);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *copy = text ? arena_strdup(a, text) : NULL;
	cJSON_free(text);
	return copy;
}
