/* fuzz_jwt.c: feeds arbitrary bytes to jwt_hs256_verify and jwt_hs256_verify_claims as a token
 * (libFuzzer target, or corpus replay in ctest). */
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
	/* The claims reader accepts nothing the plain reader refuses, and what it
	 * accepts is terminated, with a known scope. */
	struct jwt_claims c;
	int cerr = jwt_hs256_verify_claims(FUZZ_SECRET, (const char *)data, size, FUZZ_NOW, &c);
	int any = jwt_hs256_verify(FUZZ_SECRET, (const char *)data, size, FUZZ_NOW, NULL, 0);
	if (cerr == TF_OK && (any != TF_OK || memchr(c.jti, '\0', sizeof(c.jti)) == NULL ||
	                      memchr(c.studio, '\0', sizeof(c.studio)) == NULL || c.scope > JWT_SCOPE_ADMIN))
		__builtin_trap();
	return 0;
}
