/* test_config.c: configuration from the environment and .env files, with one-line errors. */
#include "config.h"
#include "err.h"
#include "t.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char example[16384];

static void check_listed(const char *line, void *ctx)
{
	char name[128];
	const char *eq = strchr(line, '=');
	size_t n = eq ? (size_t)(eq - line) : 0;
	(void)ctx;
	if (n == 0 || n >= sizeof(name) - 2) {
		T_OK(0);
		return;
	}
	name[0] = '\n';
	memcpy(name + 1, line, n);
	name[n + 1] = '=';
	name[n + 2] = '\0';
	if (strstr(example, name) == NULL)
		fprintf(stderr, ".env.example lacks %s\n", line);
	T_OK(strstr(example, name) != NULL);
}

static void clear_env(void)
{
	static const char *const names[] = {
		"TWILIO_AUTH_TOKEN", "TERMINFON_DATA_KEY", "TERMINFON_JWT_SECRET", "TERMINFON_WORKERS", "BASE_URL",
		"TERMINFON_SENTIMENT_TRANSFER", "TERMINFON_RECORD_CALLS", "TWILIO_PHONE_NUMBER", "TERMINFON_LOG_LEVEL",
		"FROM_DOTENV", "QUOTED", "EXPORTED",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unsetenv(names[i]);
}

int main(void)
{
	char err[256];
	struct config cfg;
	memset(&cfg, 0, sizeof(cfg));

	/* Run in a scratch directory so that no .env of the developer is read. */
	char dir[] = "/tmp/terminfon-config-XXXXXX";
	FILE *f = fopen(".env.example", "r");
	T_OK(f != NULL);
	if (f) {
		example[0] = '\n';
		size_t n = fread(example + 1, 1, sizeof(example) - 2, f);
		example[n + 1] = '\0';
		fclose(f);
	}
	T_OK(mkdtemp(dir) != NULL);
	T_OK(chdir(dir) == 0);
	clear_env();

	/* Every variable of the table is documented in .env.example. */
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	config_dump(&cfg, check_listed, NULL);
	T_EQ_INT(cfg.workers, 2);
	T_EQ_STR(cfg.language, "de-DE");
	T_OK(cfg.sentiment_transfer < -0.49 && cfg.sentiment_transfer > -0.51);

	/* A required secret that is missing names itself in one line. */
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, CONFIG_NEED_TWILIO, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "TWILIO_AUTH_TOKEN") != NULL && strchr(err, '\n') == NULL);

	/* Malformed values. */
	setenv("TERMINFON_WORKERS", "zwei", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "TERMINFON_WORKERS") != NULL);
	setenv("TERMINFON_WORKERS", "0", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	setenv("TERMINFON_WORKERS", "4", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	T_EQ_INT(cfg.workers, 4);
	setenv("BASE_URL", "ftp://example.com", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "BASE_URL") != NULL);
	setenv("BASE_URL", "https://example.com/", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	T_EQ_STR(cfg.base_url, "https://example.com");  /* the trailing slash is dropped */
	setenv("TERMINFON_SENTIMENT_TRANSFER", "-2", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	unsetenv("TERMINFON_SENTIMENT_TRANSFER");
	setenv("TERMINFON_RECORD_CALLS", "vielleicht", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	setenv("TERMINFON_RECORD_CALLS", "yes", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	T_OK(cfg.record_calls);
	setenv("TWILIO_PHONE_NUMBER", "030 1234", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	unsetenv("TWILIO_PHONE_NUMBER");
	setenv("TERMINFON_JWT_SECRET", "short", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, CONFIG_NEED_JWT, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "TERMINFON_JWT_SECRET") != NULL);

	/* .env: comments, export, quotes; the real environment wins. */
	clear_env();
	setenv("TWILIO_AUTH_TOKEN", "from-environment", 1);
	f = fopen(".env", "w");
	T_OK(f != NULL);
	if (f) {
		fputs("# a comment\n\nTWILIO_AUTH_TOKEN=from-dotenv\nFROM_DOTENV=yes # trailing comment\n"
		      "QUOTED=\"two words\"\nexport EXPORTED='x=y'\n", f);
		fclose(f);
	}
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, CONFIG_NEED_TWILIO, err, sizeof(err)), TF_OK);
	T_EQ_STR(cfg.twilio_auth_token, "from-environment");
	T_EQ_STR(getenv("FROM_DOTENV"), "yes");
	T_EQ_STR(getenv("QUOTED"), "two words");
	T_EQ_STR(getenv("EXPORTED"), "x=y");
	f = fopen(".env", "w");
	if (f) {
		fputs("NOT A LINE\n", f);
		fclose(f);
	}
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, ".env:1") != NULL);
	config_free(&cfg);
	unlink(".env");
	T_OK(chdir("/") == 0);
	rmdir(dir);
	return t_done();
}
