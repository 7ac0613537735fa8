/* fuzz_twsig_url.c: fuzz target for the URL side of lib/twilio/twsig: rebuilding the signed URL and its port variants. */
#include "arena.h"
#include "err.h"
#include "form.h"
#include "tf_limits.h"
#include "twsig.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Input: up to five lines: BASE_URL, scheme, Host header, request URI, form body. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	char *part[5] = { NULL, NULL, NULL, NULL, NULL };
	size_t plen[5] = { 0, 0, 0, 0, 0 };
	const char *p = (const char *)data, *end = p + size;
	for (int i = 0; i < 5 && p <= end; i++) {
		const char *nl = i < 4 ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		part[i] = arena_strndup(&a, p, n);
		plen[i] = n;
		p += n + 1;
		if (nl == NULL)
			break;
	}
	char *url = NULL;
	int err = twsig_url(&a, part[0], part[1], part[2], part[3], &url);
	if (err == TF_OK) {
		if (url == NULL || strlen(url) > TF_MAX_URL || strstr(url, part[3]) == NULL)
			abort();
		struct form f = { NULL, 0 };
		if (part[4] != NULL && form_parse(&a, part[4], plen[4], &f) != TF_OK)
			f.n = 0;
		char sig[TWSIG_LEN + 1];
		if (twsig_sign("fuzz-token", url, &f, sig) != TF_OK)
			abort();
		if (!twsig_check("fuzz-token", url, &f, sig) || twsig_check("other", url, &f, sig))
			abort();
	} else if (url != NULL) {
		abort();
	}

	/* Port variants and the bodySHA256 lookup on arbitrary URLs. */
	char *raw = arena_strndup(&a, (const char *)data, size);
	if (raw != NULL) {
		char sig[TWSIG_LEN + 1];
		if (twsig_sign("fuzz-token", raw, NULL, sig) != TF_OK)
			abort();
		if (!twsig_check("fuzz-token", raw, NULL, sig))
			abort();
		(void)twsig_check_json("fuzz-token", raw, (const char *)data, size, sig);
		for (int i = 0; i < 4; i++)
			if (part[i] != NULL)
				(void)twsig_check("fuzz-token", part[i], NULL, sig);
	}
	arena_free(&a);
	return 0;
}
