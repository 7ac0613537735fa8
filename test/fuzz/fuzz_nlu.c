/* fuzz_nlu.c: libFuzzer target for the German understanding; the first byte picks the dialog's question and the clock. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "nlu.h"
#include "tf_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cities[] = { "Berlin", "München", "Frankfurt am Main", "" };
	static const struct civil_time clocks[] = {
		{ { 2026, 11, 24 }, 10, 0, 0 }, { { 2026, 12, 31 }, 23, 59, 0 },
		{ { 2026, 3, 29 }, 1, 30, 0 },  { { 2028, 2, 29 }, 0, 0, 0 },
	};
	uint8_t sel = size > 0 ? data[0] : 0;
	struct nlu_context ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.now = clocks[(sel >> 3) % 4];
	ctx.expect = (enum nlu_expect)(sel % 6);
	ctx.open_from = (sel & 0x80) ? 0 : 9 * 60;
	ctx.open_to = (sel & 0x80) ? 0 : 20 * 60;
	ctx.cities = cities;
	ctx.ncities = 4;
	const char *text = size > 0 ? (const char *)data + 1 : NULL;
	size_t len = size > 0 ? size - 1 : 0;

	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct nlu_result r;
	if (nlu_parse(&a, text, len, &ctx, &r) == 0) {
		cJSON *j = NULL;
		if (nlu_result_json(&r, &j) == 0) {
			char *s = cJSON_PrintUnformatted(j);
			free(s);
			cJSON_Delete(j);
		}
		if (r.confidence < 0 || r.confidence > 1 || r.sentiment < -1 || r.sentiment > 1)
			abort();
		if (r.intent >= NLU_INTENT_COUNT || r.second >= NLU_INTENT_COUNT || r.second_confidence < 0 ||
		    r.second_confidence > 1)
			abort();
		if (r.normalized == NULL || strlen(r.normalized) > 2 * TF_MAX_SPEECH + 1024)
			abort();
	}
	arena_free(&a);
	return 0;
}
