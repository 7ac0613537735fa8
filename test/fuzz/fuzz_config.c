/* fuzz_config.c: feeds arbitrary bytes to the .env parser (config_parse_env) and
 * the values it yields to the configuration table (config_load_from), as a
 * libFuzzer target or a corpus replay in ctest. */
#include "config.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_PAIRS 64

struct pairs {
	size_t n;
	size_t input_len;
	char *key[FUZZ_MAX_PAIRS];
	char *value[FUZZ_MAX_PAIRS];
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool name_ok(const char *k)
{
	if (*k == '\0' || (*k >= '0' && *k <= '9'))
		return false;
	for (; *k; k++)
		if (!((*k >= 'A' && *k <= 'Z') || (*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_'))
			return false;
	return true;
}

static int collect(const char *key, const char *value, void *ctx)
{
	struct pairs *p = ctx;
	/* Whatever the text, a key is a shell name and a value one line of it. */
	if (!name_ok(key) || strlen(value) > p->input_len || strlen(value) > CONFIG_MAX_LINE ||
	    strchr(value, '\n') != NULL)
		__builtin_trap();
	if (p->n == FUZZ_MAX_PAIRS)
		return TF_ELIMIT;
	/* The last assignment of a name wins here (the file loader keeps the first). */
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->key[i], key) == 0) {
			char *v = strdup(value);
			if (v == NULL)
				return TF_ENOMEM;
			free(p->value[i]);
			p->value[i] = v;
			return TF_OK;
		}
	}
	p->key[p->n] = strdup(key);
	p->value[p->n] = strdup(value);
	if (p->key[p->n] == NULL || p->value[p->n] == NULL) {
		free(p->key[p->n]);
		free(p->value[p->n]);
		return TF_ENOMEM;
	}
	p->n++;
	return TF_OK;
}

static const char *lookup(const char *name, void *ctx)
{
	struct pairs *p = ctx;
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->key[i], name) == 0)
			return p->value[i];
	return NULL;
}

static void emit(const char *line, void *ctx)
{
	size_t *lines = ctx;
	if (strchr(line, '=') == NULL)
		__builtin_trap();
	(*lines)++;
}

static bool one_line(const char *err)
{
	return strncmp(err, "configuration: ", 15) == 0 && strchr(err, '\n') == NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pairs p;
	memset(&p, 0, sizeof(p));
	p.input_len = size;
	char err[256] = "";
	int rc = config_parse_env((const char *)data, size, "fuzz.env", collect, &p, err, sizeof(err));
	if (rc == TF_ECONFIG && !one_line(err))
		__builtin_trap();
	if (rc != TF_OK && rc != TF_ECONFIG && rc != TF_ELIMIT && rc != TF_ENOMEM)
		__builtin_trap();

	/* What was parsed goes through the table: every value is accepted into a
	 * sane field or refused with one line naming the variable. */
	unsigned need = size ? data[0] & (CONFIG_NEED_TWILIO | CONFIG_NEED_DATA_KEY | CONFIG_NEED_JWT) : 0;
	struct config cfg;
	err[0] = '\0';
	rc = config_load_from(&cfg, need, lookup, &p, err, sizeof(err));
	if (rc == TF_OK) {
		if (cfg.workers < 1 || cfg.workers > 256 || cfg.db_path == NULL || cfg.base_url == NULL ||
		    cfg.sentiment_transfer < -1.0 || cfg.sentiment_transfer > 1.0 ||
		    cfg.dialogflow_timeout_ms < 100 || cfg.dialogflow_timeout_ms > 10000)
			__builtin_trap();
		size_t n = strlen(cfg.base_url);
		if (n && cfg.base_url[n - 1] == '/')
			__builtin_trap();
		if ((need & CONFIG_NEED_JWT) && strlen(cfg.jwt_secret) < 32)
			__builtin_trap();
		size_t lines = 0;
		config_dump(&cfg, emit, &lines);
		if (lines == 0)
			__builtin_trap();
		config_free(&cfg);
	} else if (rc != TF_ECONFIG || !one_line(err)) {
		if (rc != TF_ENOMEM)
			__builtin_trap();
	}

	for (size_t i = 0; i < p.n; i++) {
		free(p.key[i]);
		free(p.value[i]);
	}
	return 0;
}
