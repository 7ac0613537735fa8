/* fuzz_smsreply.c: fuzz target for lib/lang/smsreply: any SMS body reads as yes,
 * no or other, never beyond its length, and the same way twice. */
#include "arena.h"
#include "smsreply.h"
#include "tf_limits.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact copy, so that reading past the end is caught. */
	char *body = malloc(size ? size : 1);
	if (body == NULL)
		return 0;
	if (size)
		memcpy(body, data, size);
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	enum smsreply_answer first = smsreply_classify(&a, body, size);
	arena_reset(&a);
	enum smsreply_answer again = smsreply_classify(&a, body, size);
	if (first != again || (first != SMSREPLY_YES && first != SMSREPLY_NO && first != SMSREPLY_OTHER))
		abort();
	/* Without the arena only the short forms count: never a different yes or no. */
	enum smsreply_answer shortform = smsreply_classify(NULL, body, size);
	if (shortform != SMSREPLY_OTHER && shortform != first)
		abort();
	arena_free(&a);
	free(body);
	return 0;
}
