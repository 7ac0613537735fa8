/* fuzz_oauth.c: fuzz target for what Google's side hands terminfon before any
 * Dialogflow call: the token endpoint's JSON answer (oauth_parse_token) and the
 * service-account key file (oauth_key_parse). The first byte picks the parser
 * (even, like 't': token answer; odd, like 'k': key file); either fails cleanly
 * or gives bounded, sane values. */
#include "err.h"
#include "oauth.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool token_ok(const char *t)
{
	if (*t == '\0')
		return false;
	for (; *t; t++)
		if ((unsigned char)*t <= ' ' || (unsigned char)*t >= 0x7f)
			return false;
	return true;
}

static void token_answer(const char *body, size_t len)
{
	char token[OAUTH_TOKEN_MAX];
	long expires = -1;
	int err = oauth_parse_token(body, len, token, sizeof(token), &expires);
	if (err == TF_OK) {
		if (!token_ok(token) || strlen(token) >= sizeof(token) || expires < 60 || expires > 86400)
			__builtin_trap();
	} else if (err != TF_EUPSTREAM || token[0] != '\0') {
		__builtin_trap();
	}
	/* A short buffer never turns a refusal into an acceptance, nor overflows. */
	char tiny[8];
	if (oauth_parse_token(body, len, tiny, sizeof(tiny), &expires) == TF_OK &&
	    (err != TF_OK || strlen(tiny) >= sizeof(tiny)))
		__builtin_trap();
}

static void key_file(const char *json, size_t len)
{
	struct oauth_key key;
	char err[256] = "";
	int rc = oauth_key_parse(json, len, &key, err, sizeof(err));
	if (rc == TF_OK) {
		if (key.client_email == NULL || key.private_key == NULL || key.token_uri == NULL ||
		    (strncmp(key.token_uri, "https://", 8) != 0 && strncmp(key.token_uri, "http://", 7) != 0))
			__builtin_trap();
		oauth_key_free(&key);
	} else {
		if ((rc != TF_ECONFIG && rc != TF_ENOMEM) || strchr(err, '\n') != NULL ||
		    key.client_email != NULL || key.private_key != NULL)
			__builtin_trap();
		/* The message names the problem, never key material. */
		if (strstr(err, "BEGIN") != NULL || strstr(err, "PRIVATE") != NULL)
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > OAUTH_KEY_FILE_MAX)
		return 0;
	if (data[0] & 1)
		key_file((const char *)data + 1, size - 1);
	else
		token_answer((const char *)data + 1, size - 1);
	return 0;
}
