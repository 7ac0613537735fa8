/* fuzz_faq.c: libFuzzer target for the studio FAQ: a caller's question
 * matched against rows (fixed ones, or keywords taken from the input before
 * its first newline), and the admin API's JSON body of a row. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "faq.h"
#include "tf_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_faq rows[3] = {
		{ .id = 1, .topic = "preise", .keywords = "preis, kosten, teuer, euro" },
		{ .id = 2, .topic = "dauer", .keywords = "dauer, wie lange sitzung, minuten" },
		{ .id = 3, .topic = "parken", .keywords = "parken, parkplatz" },
	};
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	const char *text = (const char *)data;
	size_t len = size;
	const uint8_t *nl = memchr(data, '\n', size);
	if (nl) {
		/* Keywords from the input: a row the staff could have written. */
		char *kw = arena_strndup(&a, (const char *)data, (size_t)(nl - data));
		if (kw)
			rows[2].keywords = kw;
		text = (const char *)nl + 1;
		len = size - (size_t)(nl - data) - 1;
	}
	int best = -2, score = -1;
	int err = faq_match(&a, text, len, rows, 3, &best, &score);
	if (err == TF_OK && (best < -1 || best > 2 || score < 0 || (best < 0) != (score == 0)))
		abort();
	struct store_faq f = { 0 };
	struct tf_errmsg e;
	if (faq_parse_body(&a, (const char *)data, size, size % 2 == 1, &f, &e) == TF_OK) {
		cJSON *j = faq_json(&f, "berlin-mitte");
		cJSON_Delete(j);
	}
	arena_free(&a);
	return 0;
}
