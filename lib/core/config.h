/* config.h: configuration from the environment and a .env file, read once at
 * start into a const struct. The table of names lives in config.c. */
#ifndef TERMINFON_CONFIG_H
#define TERMINFON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config {
	/* Twilio */
	const char *twilio_account_sid;
	const char *twilio_auth_token;     /* secret; signs and checks webhooks */
	const char *twilio_phone_number;
	const char *twilio_api_base_url;   /* https://api.twilio.com, or a local fake */
	const char *base_url;              /* public URL prefix Twilio signs, "" = rebuild from request */
	const char *fallback_phone_number;
	/* terminfon */
	const char *db_path;               /* SQLite file, unless database_url is set */
	const char *database_url;          /* postgresql://... (may hold a password); "" = SQLite */
	const char *socket_path;
	int workers;
	const char *data_key;              /* secret; key spec for PII encryption and phone hashing */
	const char *jwt_secret;            /* secret */
	const char *dialogflow_webhook_secret; /* secret; header the CX agent sends */
	const char *tts_voice;
	const char *language;              /* de-DE */
	const char *speech_model;          /* <Gather speechModel>; "" = Twilio's default (attribute left out) */
	const char *timezone;              /* Europe/Berlin: default zone of studios and of the CLI */
	bool record_calls;
	double sentiment_transfer;         /* -0.5 */
	const char *hold_music_url;
	int ring_timeout_s;                /* a transfer rings this long */
	int callback_attempts;             /* calls placed per callback request */
	int callback_retry_minutes;        /* between unanswered callback attempts */
	int retention_days;
	const char *log_level;             /* error, warn, info, debug */
	const char *log_file;              /* serve appends its log here; "" = stderr */
	int busy_timeout_ms;
	/* Dialogflow CX */
	const char *dialogflow_project_id;
	const char *dialogflow_location;
	const char *dialogflow_agent_id;
	const char *google_application_credentials;
	const char *dialogflow_api_base_url;
	int dialogflow_timeout_ms;
};

/* Reads .env (then var/local.env, written by scripts/run) from the working
 * directory without overriding the real environment, then fills *cfg from the
 * table. Values are copies owned by the config (config_free). On a
 * missing or malformed required value, writes one line naming the variable to
 * errbuf and returns TF_ECONFIG. `need` says which secrets this subcommand
 * requires (CONFIG_NEED_*). */
enum {
	CONFIG_NEED_TWILIO = 1 << 0,   /* TWILIO_AUTH_TOKEN */
	CONFIG_NEED_DATA_KEY = 1 << 1, /* TERMINFON_DATA_KEY */
	CONFIG_NEED_JWT = 1 << 2,      /* TERMINFON_JWT_SECRET */
};
int config_load(struct config *cfg, unsigned need, char *errbuf, size_t errlen);

/* What the store opens: TERMINFON_DATABASE_URL when set, else TERMINFON_DB. */
const char *config_db_target(const struct config *cfg);
/* The same for people and logs: a URL's password replaced by "***". */
void config_db_label(const struct config *cfg, char *out, size_t n);

/* Releases the copies config_load made; the struct is zeroed. */
void config_free(struct config *cfg);

/* Like config_load, but reads the values through get(name, ctx) (NULL: not
 * set) instead of the environment, and reads no .env file. */
int config_load_from(struct config *cfg, unsigned need, const char *(*get)(const char *name, void *ctx),
                     void *ctx, char *errbuf, size_t errlen);

/* Limits of a .env file. */
#define CONFIG_MAX_LINE 4095
#define CONFIG_MAX_FILE (1024 * 1024)

/* Parses .env text (len bytes, need not end in a NUL). Lines: comments (#),
 * blank, KEY=VALUE, export KEY=VALUE; values optionally in single or double
 * quotes, else cut at " #". Calls set(key, value, ctx) for each assignment
 * (both NUL-terminated, valid only during the call); a non-zero return stops
 * the parse and is returned. A malformed line (no '=', bad name, longer than
 * CONFIG_MAX_LINE, a NUL byte) stops it with TF_ECONFIG and one line in errbuf
 * naming `name`:line. */
int config_parse_env(const char *text, size_t len, const char *name,
                     int (*set)(const char *key, const char *value, void *ctx), void *ctx,
                     char *errbuf, size_t errlen);

/* Parses one KEY=VALUE file (at most CONFIG_MAX_FILE bytes) into the
 * environment (setenv without overwrite). A missing file is not an error. */
int config_load_env_file(const char *path, char *errbuf, size_t errlen);

/* Edit distance (insertions, deletions, substitutions and swaps of
 * neighbours) between two names of at most 64 bytes; INT_MAX for longer. */
int config_edit_distance(const char *a, const char *b);

/* The variable of terminfon that `name` is probably a misspelling of
 * (TWILO_AUTH_TOKEN: TWILIO_AUTH_TOKEN; terminfon_workers:
 * TERMINFON_WORKERS), or NULL when name is one itself or close to none. */
const char *config_suggest(const char *name);

/* What loads but is probably not what was meant, one line each through emit
 * (no "warning:" prefix, no newline): a variable of env ("NAME=value"
 * strings, NULL-terminated, e.g. environ after config_load read .env) that
 * looks like a misspelling of one of terminfon's, or that has one of its
 * prefixes (TERMINFON_, TWILIO_, DIALOGFLOW_) but is unknown; and an empty
 * BASE_URL (cfg may be NULL to skip that). Values are never repeated.
 * Returns how many lines. */
int config_warnings(const struct config *cfg, char *const *env, void (*emit)(const char *line, void *ctx), void *ctx);

/* Writes every variable with its value (secrets as "(set)") for --check-config. */
void config_dump(const struct config *cfg, void (*emit)(const char *line, void *ctx), void *ctx);

#endif
