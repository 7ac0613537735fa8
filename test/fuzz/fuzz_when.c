/* fuzz_when.c: libFuzzer target for German date and time expressions; the first byte picks the clock and the question. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nlu.h"
#include "when.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct civil_time clocks[] = {
		{ { 2026, 11, 24 }, 10, 0, 0 }, { { 2026, 12, 28 }, 10, 0, 0 },
		{ { 2026, 10, 25 }, 2, 30, 0 }, { { 9999, 12, 31 }, 23, 59, 0 },
	};
	static const int week[7][2] = {
		{ 540, 1200 }, { 540, 1200 }, { 0, 0 }, { 600, 1080 }, { 540, 1200 }, { 360, 840 }, { 0, 0 },
	};
	uint8_t sel = size > 0 ? data[0] : 0;
	struct nlu_context ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.now = clocks[sel % 4];
	ctx.expect = (sel & 0x10) ? NLU_EXPECT_CHOICE : (sel & 0x20) ? NLU_EXPECT_DATE : NLU_EXPECT_NONE;
	ctx.week = (sel & 0x40) ? week : NULL;
	ctx.open_from = 9 * 60;
	ctx.open_to = 20 * 60;
	struct when w;
	if (when_parse(size > 0 ? (const char *)data + 1 : "", size > 0 ? size - 1 : 0, &ctx, &w) == 0) {
		char line[128];
		when_format(&w, line, sizeof(line));
		cJSON *j = NULL;
		if (when_json(&w, &j) == 0) {
			char *s = cJSON_PrintUnformatted(j);
			free(s);
			cJSON_Delete(j);
		}
		if (w.has_time && (w.minute < 0 || w.minute >= 24 * 60))
			abort();
		if (w.from < 0 || w.to > 24 * 60 || w.from > w.to)
			abort();
		if (w.has_date && civil_cmp(w.date, w.last) > 0)
			abort();
		/* a day gone by is reported as such, never as one ahead, and the other way round */
		if (w.past && (!w.has_date || civil_cmp(w.date, ctx.now.date) >= 0))
			abort();
		if (w.has_date && !w.past && civil_valid(ctx.now.date) && civil_cmp(w.last, ctx.now.date) < 0)
			abort();
	}
	return 0;
}
