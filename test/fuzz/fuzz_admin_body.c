/* fuzz_admin_body.c: fuzz target for the admin API's JSON body
 * (admin_parse_test_body, POST /api/v1/dialogflow/test): any body is refused
 * with a 400 or 422 and a message, or yields a message and a session within
 * their limits. */
#include "admin_json.h"
#include "arena.h"
#include "err.h"
#include "tf_limits.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > TF_MAX_BODY)
		return 0;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	const char *message, *session;
	struct tf_errmsg e;
	memset(&e, 0, sizeof(e));
	int err = admin_parse_test_body(&a, (const char *)data, size, &message, &session, &e);
	if (err == TF_OK) {
		if (message == NULL || session == NULL || strlen(message) > TF_MAX_SPEECH || *session == '\0' ||
		    strlen(session) > 64)
			abort();
	} else if (err == TF_EINVAL || err == TF_EVALUE) {
		if (e.text[0] == '\0' || strnlen(e.text, sizeof(e.text)) == sizeof(e.text))
			abort();
	} else if (err != TF_ENOMEM) {
		abort();
	}
	arena_free(&a);
	return 0;
}
