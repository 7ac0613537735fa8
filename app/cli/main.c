/* main.c: the subcommands of terminfon. */
#include "app.h"
#include "buf.h"
#include "softphone.h"
#include "calendar_cli.h"
#include "callbacks.h"
#include "inspect_cli.h"
#include "clock.h"
#include "dialogflow.h"
#include "err.h"
#include "gdpr_cli.h"
#include "jobs.h"
#include "jwt.h"
#include "log.h"
#include "serve.h"
#include "sms_sender.h"
#include "store_copy.h"
#include "token_cli.h"

#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The build sets both (CMakeLists.txt); the long one adds `git describe`. */
#ifndef TERMINFON_VERSION
#define TERMINFON_VERSION "unknown"
#endif
#ifndef TERMINFON_VERSION_LONG
#define TERMINFON_VERSION_LONG TERMINFON_VERSION
#endif

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

static void print_line_stderr(const char *line, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "terminfon: %s\n", line);
}

static void print_warning(const char *line, void *ctx)
{
	int *n = ctx;
	(*n)++;
	fprintf(stderr, "terminfon: warning: %s\n", line);
}

/* The studios' SMS senders, when the database is there: a malformed one is
 * an error, a studio without any (while SMS are configured) too, since every
 * SMS of it would fail. Nothing is created or migrated here. */
static int check_studios(const struct config *cfg, int *warnings)
{
	if (config_db_target(cfg) == cfg->db_path && access(cfg->db_path, F_OK) != 0) {
		print_warning("studios not checked: no database yet (terminfon migrate creates it)", warnings);
		return 0;
	}
	struct app app;
	if (app_cli_open(&app, cfg))
		return 1;
	char err[512];
	int missing = 0;
	int rc = sms_sender_check_store(app.store, cfg, err, sizeof(err), print_line_stderr, NULL, &missing);
	app_worker_close(&app);
	if (rc == TF_ECONFIG) {
		fprintf(stderr, "terminfon: %s\n", err);
		return 1;
	}
	if (rc) {
		char line[600];
		snprintf(line, sizeof(line), "%s (terminfon migrate brings the database up to date)", err);
		print_warning(line, warnings);
		return 0;
	}
	return missing ? 1 : 0;
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
	int warnings = 0;
	config_warnings(cfg, environ, print_warning, &warnings);
	if (check_studios(cfg, &warnings) != 0)
		return 1;
	if (warnings)
		printf("configuration ok, with %d warning%s (on stderr)\n", warnings, warnings == 1 ? "" : "s");
	else
		puts("configuration ok");
	return 0;
}

/* Prints "WHAT DATABASE", the database named with its password masked. */
static int print_db(const struct config *cfg, const char *what)
{
	char label[512];
	config_db_label(cfg, label, sizeof(label));
	printf("%s %s\n", what, label);
	return 0;
}

static int cmd_migrate(int argc, char **argv, const struct config *cfg)
{
	struct app app;
	if (app_cli_open(&app, cfg))
		return 1;
	int applied = 0;
	int err = store_migrate(app.store, &applied);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: migration failed: %s\n", tf_strerror(err));
		return 1;
	}
	char what[64];
	snprintf(what, sizeof(what), "%d migration(s) applied to", applied);
	return print_db(cfg, what);
}

static int cmd_seed_example(int argc, char **argv, const struct config *cfg)
{
	struct app app;
	if (app_cli_open(&app, cfg))
		return 1;
	int err = store_migrate(app.store, NULL);
	if (err == TF_OK)
		err = store_seed_example(app.store);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: seeding failed: %s\n", tf_strerror(err));
		return 1;
	}
	return print_db(cfg, "example studios and holidays loaded into");
}

/* `terminfon copy-db --from sqlite:PATH --to postgresql://...`: moves an
 * installation's data into another database (stop terminfon first). */
static int cmd_copy_db(int argc, char **argv, const struct config *cfg)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:t:h", opts, NULL)) != -1) {
		if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else {
			fprintf(c == 'h' ? stdout : stderr,
			        "usage: terminfon copy-db --from sqlite:PATH|postgresql://... --to postgresql://...|sqlite:PATH\n"
			        "Copies every table into an empty database (migrated first) and compares the counts.\n");
			return c == 'h' ? 0 : 2;
		}
	}
	if (from == NULL || to == NULL || optind != argc) {
		fprintf(stderr, "terminfon: copy-db needs --from and --to (terminfon copy-db --help)\n");
		return 2;
	}
	/* "sqlite:PATH" names a SQLite file; a bare path does too. */
	if (strncmp(from, "sqlite:", 7) == 0)
		from += 7;
	if (strncmp(to, "sqlite:", 7) == 0)
		to += 7;
	if (strcmp(from, to) == 0) {
		fprintf(stderr, "terminfon: copy-db: --from and --to are the same database\n");
		return 2;
	}
	char err[512];
	int e = store_copy(from, to, cfg->busy_timeout_ms, stdout, err, sizeof(err));
	if (e != TF_OK) {
		fprintf(stderr, "terminfon: copy-db: %s\n", err[0] ? err : tf_strerror(e));
		return 1;
	}
	printf("copied; the counts agree\n");
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

static const struct command commands[] = {
	{ "serve", CONFIG_NEED_TWILIO | CONFIG_NEED_DATA_KEY, serve_main, "run the FastCGI supervisor and its workers" },
	{ "migrate", CONFIG_NEED_DATA_KEY, cmd_migrate, "apply database migrations" },
	{ "seed-example", CONFIG_NEED_DATA_KEY, cmd_seed_example, "load the example studios and German holidays" },
	{ "check-config", CONFIG_NEED_TWILIO | CONFIG_NEED_DATA_KEY, cmd_check_config, "print the configuration and check it" },
	{ "keygen", 0, cmd_keygen, "print a new random data key for TERMINFON_DATA_KEY" },
	{ "token", CONFIG_NEED_JWT | CONFIG_NEED_DATA_KEY, token_main, "mint (--scope stats|admin), list or revoke admin tokens" },
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
	{ "calendar-key", CONFIG_NEED_DATA_KEY, calendar_key_main, "keys of a studio's calendar feed: create, --list, --revoke ID" },
	{ "caldav", CONFIG_NEED_DATA_KEY, caldav_main, "a studio's CalDAV calendar: set, --list, --remove, --sync now" },
	{ "copy-db", 0, cmd_copy_db, "copy everything into an empty database: --from sqlite:PATH --to postgresql://..." },
	{ "rekey", CONFIG_NEED_DATA_KEY, gdpr_rekey_main, "re-seal personal data under the first key of TERMINFON_DATA_KEY" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: terminfon COMMAND [options]\n       terminfon --version\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nConfiguration comes from the environment, .env and var/local.env; see .env.example.\n");
}

/* The command a mistyped one probably meant ("serv", "chek-config",
 * "check"), or NULL. */
static const char *command_meant(const char *name)
{
	const char *best = NULL;
	int best_d = 3;
	size_t n = strlen(name), prefixed = 0;
	const char *prefix_of = NULL;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		int d = config_edit_distance(name, commands[i].name);
		if (d < best_d && d <= (strlen(commands[i].name) > 5 ? 2 : 1)) {
			best = commands[i].name;
			best_d = d;
		}
		if (n >= 3 && strncmp(commands[i].name, name, n) == 0) {
			prefix_of = commands[i].name;
			prefixed++;
		}
	}
	return best ? best : prefixed == 1 ? prefix_of : NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "version") == 0) {
		printf("terminfon %s\n", TERMINFON_VERSION_LONG);
		return 0;
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
	const char *meant = command_meant(argv[1]);
	if (meant) {
		fprintf(stderr, "terminfon: unknown command '%s'; did you mean '%s'?\n"
		                "Run 'terminfon help' for all commands.\n", argv[1], meant);
		return 2;
	}
	fprintf(stderr, "terminfon: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
