/* fuzz_jwt.c: feeds arbitrary bytes to jwt_hs256_verify as a token (libFuzzer target, or corpus replay in ctest). */
#include "err.h"
#include "jwt.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FUZZ_SECRET "fuzz-secret"      /* the seed corpus is signed with it */
#define FUZZ_NOW 1735732800L           /* 2025-01-01T12:00:00Z */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char sub[64];
	int err = jwt_hs256_verify(FUZZ_SECRET, (const char *)data, size, FUZZ_NOW, sub, sizeof(sub));
	/* Whatever the input, the subject is a terminated string, empty unless accepted. */
	if (memchr(sub, '\0', sizeof(sub)) == NULL || (err != TF_OK && sub[0] != '\0'))
		__builtin_trap();
	/* A short subject buffer never changes a rejection into an acceptance. */
	char tiny[2];
	if (jwt_hs256_verify(FUZZ_SECRET, (const char *)data, size, FUZZ_NOW, tiny, sizeof(tiny)) == TF_OK && err != TF_OK)
		__builtin_trap();
	return 0;
}
