/* fuzz_dialogflow.c: fuzz target for what Google sends terminfon: detectIntent
 * answers (dialogflow_parse_response) and fulfillment requests
 * (dialogflow_webhook_parse). The first byte picks the parser (odd, like 'a':
 * answer; even, like 'b': webhook request); either fails cleanly or gives
 * bounded, sane values. */
#include "arena.h"
#include "dialogflow.h"
#include "err.h"
#include "tf_limits.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool e164(const char *s)
{
	if (s[0] != '+')
		return false;
	size_t n = 0;
	for (const char *p = s + 1; *p; p++, n++)
		if (*p < '0' || *p > '9')
			return false;
	return n >= 2 && n <= 15;
}

static void answer(struct arena *a, const char *body, size_t len)
{
	struct dialogflow_answer r;
	int err = dialogflow_parse_response(a, body, len, &r);
	if (err != TF_OK && err != TF_EUPSTREAM && err != TF_ENOMEM)
		abort();
	if (err != TF_OK)
		return;
	if (r.say == NULL || strlen(r.say) > DIALOGFLOW_SAY_MAX || r.nparts > DIALOGFLOW_MAX_PARTS)
		abort();
	if (r.nparts == 0 && !r.live_agent && !r.end_interaction && r.transfer_number == NULL)
		abort();  /* silence never passes as an answer */
	for (size_t i = 0; i < r.nparts; i++) {
		const char *t = r.parts[i].text;
		if (t == NULL || *t == '\0')
			abort();
		if (r.parts[i].kind == DIALOGFLOW_PLAY &&
		    (strncmp(t, "http://", 7) != 0 && strncmp(t, "https://", 8) != 0))
			abort();
		if (r.parts[i].kind == DIALOGFLOW_PLAY && (strchr(t, ' ') || strchr(t, '\n')))
			abort();
	}
	if (r.transfer_number && !e164(r.transfer_number))
		abort();
	if (!(r.confidence >= 0 && r.confidence <= 1))
		abort();
	if (r.has_sentiment && !(r.sentiment >= -1 && r.sentiment <= 1))
		abort();
}

static void request(struct arena *a, const char *body, size_t len)
{
	struct dialogflow_webhook_request r;
	int err = dialogflow_webhook_parse(a, body, len, &r);
	if (err != TF_OK && err != TF_EINVAL && err != TF_ENOMEM)
		abort();
	if (err != TF_OK)
		return;
	if (r.tag == NULL || strlen(r.tag) > 64 || strchr(r.tag, '_'))
		abort();
	for (const char *p = r.tag; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			abort();
	if (r.call_sid) {
		size_t n = strlen(r.call_sid);
		if (n == 0 || n > 64 || strchr(r.call_sid, '/'))
			abort();
	}
	if (r.choice < 0 || r.choice > DIALOGFLOW_MAX_OFFERS || r.noffered > DIALOGFLOW_MAX_OFFERS)
		abort();
	const struct dialogflow_when *w = &r.when;
	if (w->has_date && !civil_valid(w->date))
		abort();
	if (w->has_time && (w->minute < 0 || w->minute >= 1440))
		abort();
	if (w->from < 0 || w->to > 1440 || (w->to != 0 && w->to <= w->from))
		abort();
	if (r.name && (strlen(r.name) == 0 || strlen(r.name) > TF_MAX_NAME))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	const char *body = (const char *)data + 1;
	if (data[0] % 2 == 1)
		answer(&a, body, size - 1);
	else
		request(&a, body, size - 1);
	arena_free(&a);
	return 0;
}
