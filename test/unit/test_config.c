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

static void collect_line(const char *line, void *ctx)
{
	char *out = ctx;
	size_t used = strlen(out);
	snprintf(out + used, 2048 - used, "%s\n", line);
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
	unsetenv("TERMINFON_JWT_SECRET");

	/* <Gather speechModel>: empty (Twilio's default), one of Twilio's
	 * models, or start-up stops with one line naming the variable and the
	 * values it takes. */
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	T_EQ_STR(cfg.speech_model, "");
	/* The database: the SQLite file unless TERMINFON_DATABASE_URL names a
	 * PostgreSQL server; its password never shows where people read it. */
	{
		char label[256];
		T_EQ_STR(config_db_target(&cfg), cfg.db_path);
		config_db_label(&cfg, label, sizeof(label));
		T_EQ_STR(label, "var/terminfon.db");
		setenv("TERMINFON_DATABASE_URL", "mysql://x", 1);
		config_free(&cfg);
		T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
		T_OK(strstr(err, "TERMINFON_DATABASE_URL") != NULL);
		setenv("TERMINFON_DATABASE_URL", "postgresql://tf:geheim@db.internal:5432/terminfon?sslmode=require", 1);
		config_free(&cfg);
		T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
		T_EQ_STR(config_db_target(&cfg), "postgresql://tf:geheim@db.internal:5432/terminfon?sslmode=require");
		config_db_label(&cfg, label, sizeof(label));
		T_EQ_STR(label, "postgresql://tf:***@db.internal:5432/terminfon?sslmode=require");
		setenv("TERMINFON_DATABASE_URL", "postgres:///terminfon?host=/run/pg&password=geheim&user=tf", 1);
		config_free(&cfg);
		T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
		config_db_label(&cfg, label, sizeof(label));
		T_EQ_STR(label, "postgres:///terminfon?host=/run/pg&password=***&user=tf");
		unsetenv("TERMINFON_DATABASE_URL");
		config_free(&cfg);
		T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	}
	setenv("TERMINFON_SPEECH_MODEL", "deepgram_nova-3", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	T_EQ_STR(cfg.speech_model, "deepgram_nova-3");
	setenv("TERMINFON_SPEECH_MODEL", "googlev2_telephony", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	T_EQ_STR(cfg.speech_model, "googlev2_telephony");
	{
		char line[512];
		setenv("TERMINFON_SPEECH_MODEL", "whisper_de", 1);
		config_free(&cfg);
		T_EQ_INT(config_load(&cfg, 0, line, sizeof(line)), TF_ECONFIG);
		T_OK(strstr(line, "TERMINFON_SPEECH_MODEL") != NULL && strchr(line, '\n') == NULL);
		T_OK(strstr(line, "googlev2_telephony") != NULL && strstr(line, "deepgram_nova-3") != NULL);
		setenv("TERMINFON_SPEECH_MODEL", "Deepgram_Nova-3 ", 1);  /* no guessing at near misses */
		T_EQ_INT(config_load(&cfg, 0, line, sizeof(line)), TF_ECONFIG);
	}
	unsetenv("TERMINFON_SPEECH_MODEL");

	/* A time zone that does not load stops start-up, not the first call. */
	setenv("TERMINFON_TIMEZONE", "Europe/Berln", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "TERMINFON_TIMEZONE") != NULL && strstr(err, "Europe/Berln") != NULL);
	T_OK(strchr(err, '\n') == NULL);
	setenv("TERMINFON_TIMEZONE", "../../etc/passwd", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_ECONFIG);
	setenv("TERMINFON_TIMEZONE", "Europe/Vienna", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), TF_OK);
	unsetenv("TERMINFON_TIMEZONE");

	/* The Account SID: empty (no REST API) or AC and 32 hex digits. */
	{
		static const struct { const char *v; int err; } sids[] = {
			{ "AC0123456789abcdef0123456789abcdef", TF_OK },
			{ "AC0123456789ABCDEF0123456789ABCDEF", TF_OK },
			{ "AC0123456789abcdef0123456789abcde", TF_ECONFIG },     /* one digit short */
			{ "SK0123456789abcdef0123456789abcdef", TF_ECONFIG },    /* an API key, not the account */
			{ "AC0123456789abcdef0123456789abcdeg", TF_ECONFIG },
			{ " AC0123456789abcdef0123456789abcdef", TF_ECONFIG },
			{ "ACxyz", TF_ECONFIG },
		};
		for (size_t i = 0; i < sizeof(sids) / sizeof(sids[0]); i++) {
			setenv("TWILIO_ACCOUNT_SID", sids[i].v, 1);
			config_free(&cfg);
			T_EQ_INT(config_load(&cfg, 0, err, sizeof(err)), sids[i].err);
			if (sids[i].err)
				T_OK(strstr(err, "TWILIO_ACCOUNT_SID") != NULL && strstr(err, "32 hex digits") != NULL);
		}
		unsetenv("TWILIO_ACCOUNT_SID");
	}

	/* Misspelt names: what they probably meant. */
	T_EQ_INT(config_edit_distance("TERMINFON_WOKERS", "TERMINFON_WORKERS"), 1);
	T_EQ_INT(config_edit_distance("TERMNIFON_DB", "TERMINFON_DB"), 1);     /* a swap is one step */
	T_EQ_INT(config_edit_distance("", "ABC"), 3);
	T_EQ_STR(config_suggest("TWILO_AUTH_TOKEN"), "TWILIO_AUTH_TOKEN");
	T_EQ_STR(config_suggest("TERMINFON_WOKERS"), "TERMINFON_WORKERS");
	T_EQ_STR(config_suggest("terminfon_workers"), "TERMINFON_WORKERS");
	T_EQ_STR(config_suggest("TERMINFON_TIMEZNOE"), "TERMINFON_TIMEZONE");
	T_EQ_STR(config_suggest("BASEURL"), "BASE_URL");
	T_OK(config_suggest("TERMINFON_WORKERS") == NULL);      /* itself */
	T_OK(config_suggest("TERMINFON_FAKE_NOW") == NULL);     /* read outside the table */
	T_OK(config_suggest("HOME") == NULL);
	T_OK(config_suggest("BASE_DIR") == NULL);               /* three steps from BASE_URL: someone else's */
	{
		char lines[2048] = "";
		char *env[] = { "HOME=/root", "TWILO_AUTH_TOKEN=s3cret-value", "TERMINFON_WOKERS=4", "TERMINFON_FOO=1",
		                "TERMINFON_WORKERS=2", "TERMINFON_FAKE_NOW=2026-11-24T09:00:00Z", "GOOGLE_CLOUD_PROJECT=x",
		                "PATH", NULL };
		struct config c2;
		memset(&c2, 0, sizeof(c2));
		c2.base_url = "https://termine.example.de";
		T_EQ_INT(config_warnings(&c2, env, collect_line, lines), 3);
		T_OK(strstr(lines, "TWILO_AUTH_TOKEN is not a setting of terminfon and is ignored; did you mean "
		                   "TWILIO_AUTH_TOKEN?\n") != NULL);
		T_OK(strstr(lines, "did you mean TERMINFON_WORKERS?") != NULL);
		T_OK(strstr(lines, "TERMINFON_FOO is not a setting") != NULL);
		T_OK(strstr(lines, "s3cret") == NULL);                 /* never a value */
		T_OK(strstr(lines, "GOOGLE_CLOUD_PROJECT") == NULL && strstr(lines, "HOME") == NULL);
		/* An empty BASE_URL is worth a word. */
		lines[0] = '\0';
		c2.base_url = "";
		char *none[] = { NULL };
		T_EQ_INT(config_warnings(&c2, none, collect_line, lines), 1);
		T_OK(strstr(lines, "BASE_URL is empty") != NULL && strstr(lines, "proxy") != NULL);
	}
	/* A required value missing while a misspelling of it is set says so. */
	clear_env();
	setenv("TWILO_AUTH_TOKEN", "x", 1);
	config_free(&cfg);
	T_EQ_INT(config_load(&cfg, CONFIG_NEED_TWILIO, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "TWILIO_AUTH_TOKEN is required but not set (TWILO_AUTH_TOKEN is set: misspelt?)") != NULL);
	unsetenv("TWILO_AUTH_TOKEN");

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
