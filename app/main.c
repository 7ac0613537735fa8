/* main.c: the subcommands of terminfon. */
#include "app.h"
#include "buf.h"
#include "call.h"
#include "callbacks.h"
#include "cli.h"
#include "clock.h"
#include "dialogflow.h"
#include "err.h"
#include "gdpr_cli.h"
#include "jobs.h"
#include "jwt.h"
#include "log.h"
#include "serve.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct command {
	const char *name;
	unsigned need;         /* CONFIG_NEED_* */
	int (*run)(int argc, char **argv, const struct config *cfg);
	const char *help;
};

static void print_line(const char *line, void *ctx)
{
	(void)ctx;
	puts(line);
}

static int cmd_check_config(int argc, char **argv, const struct config *cfg)
{
	config_dump(cfg, print_line, NULL);
	struct crypto c;
	char err[256];
	if (crypto_init(&c, cfg->data_key, err, sizeof(err)) != TF_OK) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	crypto_free(&c);
	if (dialogflow_check_config(cfg, err, sizeof(err)) != TF_OK) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	puts("configuration ok");
	return 0;
}

/* Opens the database with the keys, for the subcommands that need it. */
static int open_app(struct app *app, const struct config *cfg)
{
	if (app_worker_init(app, cfg) != TF_OK) {
		fprintf(stderr, "terminfon: cannot open %s\n", cfg->db_path);
		return 1;
	}
	return 0;
}

static int cmd_migrate(int argc, char **argv, const struct config *cfg)
{
	struct app app;
	if (open_app(&app, cfg))
		return 1;
	int applied = 0;
	int err = store_migrate(app.store, &applied);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: migration failed: %s\n", tf_strerror(err));
		return 1;
	}
	printf("%d migration(s) applied to %s\n", applied, cfg->db_path);
	return 0;
}

static int cmd_seed_example(int argc, char **argv, const struct config *cfg)
{
	struct app app;
	if (open_app(&app, cfg))
		return 1;
	int err = store_migrate(app.store, NULL);
	if (err == TF_OK)
		err = store_seed_example(app.store);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: seeding failed: %s\n", tf_strerror(err));
		return 1;
	}
	printf("example studios and holidays loaded into %s\n", cfg->db_path);
	return 0;
}

static int cmd_keygen(int argc, char **argv, const struct config *cfg)
{
	char key[65];
	if (crypto_random_key(key) != TF_OK)
		return 1;
	puts(key);
	return 0;
}

static int cmd_token(int argc, char **argv, const struct config *cfg)
{
	const char *subject = "admin";
	long ttl = 3600;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--sub") == 0 && i + 1 < argc) {
			subject = argv[++i];
		} else if (strcmp(argv[i], "--ttl") == 0 && i + 1 < argc) {
			char *end;
			errno = 0;
			ttl = strtol(argv[++i], &end, 10);
			if (errno || *end || ttl < 1 || ttl > 366L * 86400) {
				fprintf(stderr, "terminfon: --ttl must be seconds from 1 to 31622400\n");
				return 2;
			}
		} else {
			fprintf(stderr, "usage: terminfon token [--sub NAME] [--ttl SECONDS]\n");
			return 2;
		}
	}
	struct buf out;
	buf_init(&out, 8192);
	int err = jwt_hs256_mint(cfg->jwt_secret, subject, ttl, (long)time(NULL), &out);
	if (err == TF_OK)
		puts(out.data);
	buf_free(&out);
	return err ? 1 : 0;
}

static const struct command commands[] = {
	{ "serve", CONFIG_NEED_TWILIO | CONFIG_NEED_DATA_KEY, serve_main, "run the FastCGI supervisor and its workers" },
	{ "migrate", CONFIG_NEED_DATA_KEY, cmd_migrate, "apply database migrations" },
	{ "seed-example", CONFIG_NEED_DATA_KEY, cmd_seed_example, "load the example studios and German holidays" },
	{ "check-config", CONFIG_NEED_TWILIO | CONFIG_NEED_DATA_KEY, cmd_check_config, "print the configuration and check it" },
	{ "keygen", 0, cmd_keygen, "print a new random data key for TERMINFON_DATA_KEY" },
	{ "token", CONFIG_NEED_JWT, cmd_token, "mint an admin token (JWT)" },
	{ "call", CONFIG_NEED_TWILIO, call_main, "a terminal softphone against a running stack" },
	{ "nlu", 0, cli_nlu_main, "print what terminfon understands of a German sentence (JSON)" },
	{ "parse-date", 0, cli_parse_date_main, "resolve a German date/time expression (JSON)" },
	{ "appointments", CONFIG_NEED_DATA_KEY, cli_appointments_main, "list booked appointments (local times)" },
	{ "send-sms", CONFIG_NEED_TWILIO | CONFIG_NEED_DATA_KEY, jobs_send_sms_main, "send the queued SMS now (for cron)" },
	{ "remind", CONFIG_NEED_DATA_KEY, jobs_remind_main, "queue reminder SMS for tomorrow's appointments (for cron)" },
	{ "callbacks", CONFIG_NEED_DATA_KEY, callbacks_main, "place due callbacks now (for cron); --list shows them" },
	{ "recordings", CONFIG_NEED_DATA_KEY, recordings_main, "list recordings and refusals of recording" },
	{ "queue", CONFIG_NEED_DATA_KEY, queue_main, "staff lines in use and callers waiting for a person" },
	{ "erase", CONFIG_NEED_DATA_KEY, gdpr_erase_main, "erase everything about a person: erase --phone +49... (GDPR)" },
	{ "purge", CONFIG_NEED_DATA_KEY, gdpr_purge_main, "apply TERMINFON_RETENTION_DAYS, delete recordings at Twilio (for cron)" },
	{ "rekey", CONFIG_NEED_DATA_KEY, gdpr_rekey_main, "re-seal personal data under the first key of TERMINFON_DATA_KEY" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: terminfon COMMAND [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nConfiguration comes from the environment, .env and var/local.env; see .env.example.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *name = strcmp(argv[1], "--check-config") == 0 ? "check-config" : argv[1];
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(commands[i].name, name) != 0)
			continue;
		static struct config cfg;
		char err[512];
		if (config_load(&cfg, commands[i].need, err, sizeof(err)) != TF_OK) {
			fprintf(stderr, "terminfon: %s\n", err);
			return 1;
		}
		if (clock_init() != TF_OK) {
			fprintf(stderr, "terminfon: configuration: TERMINFON_FAKE_NOW must look like 2026-11-24T09:00:00Z\n");
			return 1;
		}
		log_set_level_name(cfg.log_level);
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			fprintf(stderr, "terminfon: cannot initialise libcurl\n");
			return 1;
		}
		int rc = commands[i].run(argc - 1, argv + 1, &cfg);
		curl_global_cleanup();
		return rc;
	}
	fprintf(stderr, "terminfon: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
