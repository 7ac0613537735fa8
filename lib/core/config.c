/* config.c: the configuration table, .env loading and one-line start-up errors. */
#include "config.h"
#include "err.h"
#include "tz.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum config_type { CT_STR, CT_INT, CT_BOOL, CT_DOUBLE, CT_URL, CT_PHONE, CT_LEVEL, CT_SPEECH_MODEL, CT_DBURL };

struct config_entry {
	const char *name;
	enum config_type type;
	const char *def;        /* NULL: no default */
	size_t offset;
	unsigned need;          /* required when config_load is asked for this */
	bool secret;
	long min, max;          /* CT_INT range */
	const char *help;       /* one line, for .env.example and --check-config */
};

#define OFF(f) offsetof(struct config, f)

static const struct config_entry config_table[] = {
	{ "TWILIO_ACCOUNT_SID", CT_STR, "", OFF(twilio_account_sid), 0, false, 0, 0, "Twilio account (AC and 32 hex digits), for the REST API; set: SMS are sent" },
	{ "TWILIO_AUTH_TOKEN", CT_STR, NULL, OFF(twilio_auth_token), CONFIG_NEED_TWILIO, true, 0, 0, "Twilio auth token: checks X-Twilio-Signature" },
	{ "TWILIO_PHONE_NUMBER", CT_PHONE, "", OFF(twilio_phone_number), 0, false, 0, 0, "Twilio number (E.164) that can send SMS: the SMS sender of every studio without an sms_sender of its own; never a landline" },
	{ "TWILIO_API_BASE_URL", CT_URL, "https://api.twilio.com", OFF(twilio_api_base_url), 0, false, 0, 0, "Twilio REST API base URL" },
	{ "BASE_URL", CT_URL, "", OFF(base_url), 0, false, 0, 0, "public URL prefix Twilio calls (https://example.com); empty: taken from the request" },
	{ "FALLBACK_PHONE_NUMBER", CT_PHONE, "", OFF(fallback_phone_number), 0, false, 0, 0, "number for transfers when a studio has none or is closed" },
	{ "TERMINFON_DB", CT_STR, "var/terminfon.db", OFF(db_path), 0, false, 0, 0, "SQLite database file" },
	{ "TERMINFON_DATABASE_URL", CT_DBURL, "", OFF(database_url), 0, false, 0, 0, "PostgreSQL instead of the SQLite file: postgresql://user@host/db (libpq URI; empty: SQLite at TERMINFON_DB)" },
	{ "TERMINFON_SOCKET", CT_STR, "var/terminfon.sock", OFF(socket_path), 0, false, 0, 0, "FastCGI unix socket (unless started by spawn-fcgi)" },
	{ "TERMINFON_WORKERS", CT_INT, "2", OFF(workers), 0, false, 1, 256, "number of worker processes" },
	{ "TERMINFON_DATA_KEY", CT_STR, NULL, OFF(data_key), CONFIG_NEED_DATA_KEY, true, 0, 0, "key(s) for personal data at rest: 64 hex chars, newest first, comma-separated" },
	{ "TERMINFON_JWT_SECRET", CT_STR, NULL, OFF(jwt_secret), CONFIG_NEED_JWT, true, 0, 0, "HS256 secret of admin tokens (at least 32 characters)" },
	{ "TERMINFON_DIALOGFLOW_WEBHOOK_SECRET", CT_STR, "", OFF(dialogflow_webhook_secret), 0, true, 0, 0, "shared secret the Dialogflow CX webhook sends" },
	{ "TERMINFON_TTS_VOICE", CT_STR, "Polly.Vicki-Neural", OFF(tts_voice), 0, false, 0, 0, "voice of <Say>" },
	{ "TERMINFON_LANGUAGE", CT_STR, "de-DE", OFF(language), 0, false, 0, 0, "language of speech and recognition" },
	{ "TERMINFON_SPEECH_MODEL", CT_SPEECH_MODEL, "", OFF(speech_model), 0, false, 0, 0, "<Gather speechModel> (googlev2_telephony, deepgram_nova-3, ...); empty: Twilio chooses" },
	{ "TERMINFON_TIMEZONE", CT_STR, "Europe/Berlin", OFF(timezone), 0, false, 0, 0, "default time zone (a zone of the tz database, like Europe/Berlin)" },
	{ "TERMINFON_RECORD_CALLS", CT_BOOL, "false", OFF(record_calls), 0, false, 0, 0, "record calls after the caller consents" },
	{ "TERMINFON_SENTIMENT_TRANSFER", CT_DOUBLE, "-0.5", OFF(sentiment_transfer), 0, false, 0, 0, "sentiment below which the caller is put through to a person" },
	{ "TERMINFON_HOLD_MUSIC_URL", CT_URL, "", OFF(hold_music_url), 0, false, 0, 0, "hold music for the waiting line" },
	{ "TERMINFON_RING_TIMEOUT", CT_INT, "25", OFF(ring_timeout_s), 0, false, 5, 120, "seconds a transfer rings before the caller is offered a callback" },
	{ "TERMINFON_CALLBACK_ATTEMPTS", CT_INT, "3", OFF(callback_attempts), 0, false, 1, 10, "calls placed for one callback request before it is given up" },
	{ "TERMINFON_CALLBACK_RETRY_MINUTES", CT_INT, "30", OFF(callback_retry_minutes), 0, false, 5, 1440, "minutes between callback attempts that were not answered" },
	{ "TERMINFON_RETENTION_DAYS", CT_INT, "180", OFF(retention_days), 0, false, 1, 3650, "days before transcripts, recordings and inactive leads are purged" },
	{ "TERMINFON_LOG_LEVEL", CT_LEVEL, "info", OFF(log_level), 0, false, 0, 0, "error, warn, info or debug" },
	{ "TERMINFON_LOG_FILE", CT_STR, "", OFF(log_file), 0, false, 0, 0, "file `terminfon serve` appends its log to, reopened on SIGUSR1 (empty: stderr, e.g. the journal)" },
	{ "TERMINFON_BUSY_TIMEOUT_MS", CT_INT, "5000", OFF(busy_timeout_ms), 0, false, 0, 60000, "how long a worker waits for a locked database" },
	{ "DIALOGFLOW_PROJECT_ID", CT_STR, "", OFF(dialogflow_project_id), 0, false, 0, 0, "Google Cloud project of the CX agent (empty: embedded agent)" },
	{ "DIALOGFLOW_LOCATION", CT_STR, "global", OFF(dialogflow_location), 0, false, 0, 0, "CX agent location (global, europe-west3, ...)" },
	{ "DIALOGFLOW_AGENT_ID", CT_STR, "", OFF(dialogflow_agent_id), 0, false, 0, 0, "CX agent id" },
	{ "GOOGLE_APPLICATION_CREDENTIALS", CT_STR, "", OFF(google_application_credentials), 0, false, 0, 0, "service-account JSON key file" },
	{ "DIALOGFLOW_API_BASE_URL", CT_URL, "", OFF(dialogflow_api_base_url), 0, false, 0, 0, "CX API base URL (empty: Google's regional endpoint)" },
	{ "DIALOGFLOW_TIMEOUT_MS", CT_INT, "2500", OFF(dialogflow_timeout_ms), 0, false, 100, 10000, "time budget of one Dialogflow turn (token and detectIntent), then the embedded agent answers" },
};

static void config_err(char *errbuf, size_t errlen, const char *name, const char *what)
{
	snprintf(errbuf, errlen, "configuration: %s %s", name, what);
}

static char *config_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static bool config_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

int config_parse_env(const char *text, size_t len, const char *name,
                     int (*set)(const char *key, const char *value, void *ctx), void *ctx,
                     char *errbuf, size_t errlen)
{
	char line[CONFIG_MAX_LINE + 1];
	size_t pos = 0;
	int lineno = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		lineno++;
		if (n > CONFIG_MAX_LINE) {
			snprintf(errbuf, errlen, "configuration: %s:%d: line too long", name, lineno);
			return TF_ECONFIG;
		}
		if (memchr(text + pos, '\0', n) != NULL) {
			snprintf(errbuf, errlen, "configuration: %s:%d: NUL byte in line", name, lineno);
			return TF_ECONFIG;
		}
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos += n + (nl ? 1 : 0);

		char *s = config_trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		if (strncmp(s, "export ", 7) == 0)
			s = config_trim(s + 7);
		char *eq = strchr(s, '=');
		if (eq == NULL || eq == s) {
			snprintf(errbuf, errlen, "configuration: %s:%d: expected KEY=VALUE", name, lineno);
			return TF_ECONFIG;
		}
		*eq = '\0';
		char *key = config_trim(s), *val = config_trim(eq + 1);
		bool good = *key != '\0' && !(*key >= '0' && *key <= '9');
		for (char *k = key; good && *k; k++)
			good = config_name_char(*k);
		if (!good) {
			snprintf(errbuf, errlen, "configuration: %s:%d: bad variable name", name, lineno);
			return TF_ECONFIG;
		}
		char *close = (*val == '"' || *val == '\'') ? strchr(val + 1, *val) : NULL;
		char *after = close ? config_trim(close + 1) : NULL;
		if (close && (*after == '\0' || *after == '#')) {
			/* "value" or 'value', maybe followed by a comment */
			*close = '\0';
			val++;
		} else if (*val == '#') {
			*val = '\0';    /* KEY= # comment: empty, as in a shell */
		} else {
			char *hash = strstr(val, " #");
			if (hash == NULL)
				hash = strstr(val, "\t#");
			if (hash) {
				*hash = '\0';
				val = config_trim(val);
			}
		}
		int err = set(key, val, ctx);
		if (err)
			return err;
	}
	return TF_OK;
}

static int config_setenv(const char *key, const char *value, void *ctx)
{
	(void)ctx;
	return setenv(key, value, 0) == 0 ? TF_OK : TF_ENOMEM;
}

int config_load_env_file(const char *path, char *errbuf, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return errno == ENOENT ? TF_OK : (snprintf(errbuf, errlen, "configuration: cannot read %s: %s", path, strerror(errno)), TF_ECONFIG);
	char *text = malloc(CONFIG_MAX_FILE + 1);
	if (text == NULL) {
		fclose(f);
		return TF_ENOMEM;
	}
	size_t len = fread(text, 1, CONFIG_MAX_FILE + 1, f);
	int err = TF_OK;
	if (ferror(f)) {
		snprintf(errbuf, errlen, "configuration: cannot read %s: %s", path, strerror(errno));
		err = TF_ECONFIG;
	} else if (len > CONFIG_MAX_FILE) {
		snprintf(errbuf, errlen, "configuration: %s: larger than %d bytes", path, CONFIG_MAX_FILE);
		err = TF_ECONFIG;
	}
	fclose(f);
	if (err == TF_OK)
		err = config_parse_env(text, len, path, config_setenv, NULL, errbuf, errlen);
	free(text);
	return err;
}

static bool config_url_ok(const char *v)
{
	if (*v == '\0')
		return true;
	if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
		return false;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>')
			return false;
	return true;
}

static bool config_phone_ok(const char *v)
{
	if (*v == '\0')
		return true;
	if (v[0] != '+' || strlen(v) < 8 || strlen(v) > 16)
		return false;
	for (const char *p = v + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

/* The speechModel values Twilio's <Gather> takes: its generic models, then
 * the provider-specific ones (Google STT V2, Deepgram). */
static const char *const config_speech_models[] = {
	"default", "numbers_and_commands", "phone_call", "experimental_conversations", "experimental_utterances",
	"googlev2_long", "googlev2_short", "googlev2_telephony", "googlev2_telephony_short",
	"deepgram_nova-2", "deepgram_nova-3",
};

static bool config_speech_model_ok(const char *v)
{
	if (*v == '\0')
		return true;
	for (size_t i = 0; i < sizeof(config_speech_models) / sizeof(config_speech_models[0]); i++)
		if (strcmp(v, config_speech_models[i]) == 0)
			return true;
	return false;
}

/* Empty (no REST API), or "AC" and 32 hex digits. */
static bool config_account_sid_ok(const char *v)
{
	if (*v == '\0')
		return true;
	if (strlen(v) != 34 || v[0] != 'A' || v[1] != 'C')
		return false;
	for (const char *p = v + 2; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
			return false;
	return true;
}

static int config_fill(struct config *cfg, unsigned need, const char *(*get)(const char *name, void *ctx),
                       void *ctx, char *errbuf, size_t errlen);

#define CONFIG_NAME_MAX 64          /* longest variable name looked at for misspellings */
extern char **environ;

static const char *config_getenv(const char *name, void *ctx)
{
	(void)ctx;
	return getenv(name);
}

/* "X is required but not set": names a variable of the environment (or .env)
 * that is probably X misspelt. */
static void config_hint_misspelt(char *errbuf, size_t errlen)
{
	static const char prefix[] = "configuration: ";
	if (strncmp(errbuf, prefix, sizeof(prefix) - 1) != 0 || strstr(errbuf, " is required but not set") == NULL)
		return;
	const char *missing = errbuf + sizeof(prefix) - 1;
	size_t mlen = strcspn(missing, " ");
	for (char **e = environ; e && *e; e++) {
		size_t n = strcspn(*e, "=");
		char name[CONFIG_NAME_MAX + 1];
		if (n == 0 || n > CONFIG_NAME_MAX)
			continue;
		memcpy(name, *e, n);
		name[n] = '\0';
		const char *meant = config_suggest(name);
		if (meant && strlen(meant) == mlen && strncmp(meant, missing, mlen) == 0) {
			size_t used = strlen(errbuf);
			snprintf(errbuf + used, errlen - used, " (%s is set: misspelt?)", name);
			return;
		}
	}
}

int config_load(struct config *cfg, unsigned need, char *errbuf, size_t errlen)
{
	memset(cfg, 0, sizeof(*cfg));
	int err = config_load_env_file(".env", errbuf, errlen);
	if (err == TF_OK)
		err = config_load_env_file("var/local.env", errbuf, errlen);
	if (err)
		return TF_ECONFIG;
	err = config_fill(cfg, need, config_getenv, NULL, errbuf, errlen);
	if (err == TF_ECONFIG)
		config_hint_misspelt(errbuf, errlen);
	if (err)
		config_free(cfg);
	return err;
}

int config_load_from(struct config *cfg, unsigned need, const char *(*get)(const char *name, void *ctx),
                     void *ctx, char *errbuf, size_t errlen)
{
	memset(cfg, 0, sizeof(*cfg));
	int err = config_fill(cfg, need, get, ctx, errbuf, errlen);
	if (err)
		config_free(cfg);
	return err;
}

static int config_fill(struct config *cfg, unsigned need, const char *(*get)(const char *name, void *ctx),
                       void *ctx, char *errbuf, size_t errlen)
{
	for (size_t i = 0; i < sizeof(config_table) / sizeof(config_table[0]); i++) {
		const struct config_entry *e = &config_table[i];
		const char *v = get(e->name, ctx);
		if (v == NULL || *v == '\0') {
			if (e->need & need) {
				config_err(errbuf, errlen, e->name, "is required but not set");
				return TF_ECONFIG;
			}
			v = e->def ? e->def : "";
		}
		char *field = (char *)cfg + e->offset;
		switch (e->type) {
		case CT_URL:
			if (!config_url_ok(v)) {
				config_err(errbuf, errlen, e->name, "must be an http:// or https:// URL");
				return TF_ECONFIG;
			}
			goto str;
		case CT_DBURL:
			if (*v && strncmp(v, "postgresql://", 13) != 0 && strncmp(v, "postgres://", 11) != 0) {
				config_err(errbuf, errlen, e->name, "must be empty (SQLite) or a postgresql:// URL");
				return TF_ECONFIG;
			}
			goto str;
		case CT_PHONE:
			if (!config_phone_ok(v)) {
				config_err(errbuf, errlen, e->name, "must be a number in E.164 form like +4930123456");
				return TF_ECONFIG;
			}
			goto str;
		case CT_SPEECH_MODEL:
			if (!config_speech_model_ok(v)) {
				char what[400] = "must be empty (Twilio's default) or one of";
				for (size_t m = 0; m < sizeof(config_speech_models) / sizeof(config_speech_models[0]); m++) {
					size_t used = strlen(what);
					snprintf(what + used, sizeof(what) - used, "%s %s", m ? "," : "", config_speech_models[m]);
				}
				config_err(errbuf, errlen, e->name, what);
				return TF_ECONFIG;
			}
			goto str;
		case CT_LEVEL:
			if (strcmp(v, "error") && strcmp(v, "warn") && strcmp(v, "info") && strcmp(v, "debug")) {
				config_err(errbuf, errlen, e->name, "must be error, warn, info or debug");
				return TF_ECONFIG;
			}
			/* fall through */
		case CT_STR:
		str: {
			char *copy = strdup(v);
			if (copy == NULL)
				return TF_ENOMEM;
			size_t n = strlen(copy);
			while (n > 0 && (e->type == CT_URL) && copy[n - 1] == '/')
				copy[--n] = '\0';
			*(const char **)field = copy;
			break;
		}
		case CT_INT: {
			char *end;
			errno = 0;
			long n = strtol(v, &end, 10);
			if (errno || end == v || *end != '\0' || n < e->min || n > e->max) {
				char what[96];
				snprintf(what, sizeof(what), "must be a whole number from %ld to %ld", e->min, e->max);
				config_err(errbuf, errlen, e->name, what);
				return TF_ECONFIG;
			}
			*(int *)field = (int)n;
			break;
		}
		case CT_BOOL:
			if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on"))
				*(bool *)field = true;
			else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off"))
				*(bool *)field = false;
			else {
				config_err(errbuf, errlen, e->name, "must be true or false");
				return TF_ECONFIG;
			}
			break;
		case CT_DOUBLE: {
			char *end;
			errno = 0;
			double d = strtod(v, &end);
			if (errno || end == v || *end != '\0' || !isfinite(d) || d < -1.0 || d > 1.0) {
				config_err(errbuf, errlen, e->name, "must be a number from -1 to 1");
				return TF_ECONFIG;
			}
			*(double *)field = d;
			break;
		}
		}
	}
	if ((need & CONFIG_NEED_JWT) && strlen(cfg->jwt_secret) < 32) {
		config_err(errbuf, errlen, "TERMINFON_JWT_SECRET", "must be at least 32 characters");
		return TF_ECONFIG;
	}
	if (!config_account_sid_ok(cfg->twilio_account_sid)) {
		config_err(errbuf, errlen, "TWILIO_ACCOUNT_SID", "must be AC followed by 32 hex digits (Twilio console, Account Info)");
		return TF_ECONFIG;
	}
	/* A zone that does not load would fail only later, on the first call. */
	const struct tz *zone;
	int zerr = tz_load(cfg->timezone, &zone);
	if (zerr != TF_OK) {
		snprintf(errbuf, errlen, "configuration: TERMINFON_TIMEZONE '%.*s' %s", TZ_NAME_MAX, cfg->timezone,
		         zerr == TF_ENOTFOUND || zerr == TF_EINVAL ? "is not a known time zone (like Europe/Berlin)"
		                                                   : "cannot be loaded");
		return TF_ECONFIG;
	}
	return TF_OK;
}

const char *config_db_target(const struct config *cfg)
{
	return cfg->database_url && *cfg->database_url ? cfg->database_url : cfg->db_path;
}

void config_db_label(const struct config *cfg, char *out, size_t n)
{
	const char *u = cfg->database_url;
	if (u == NULL || *u == '\0') {
		snprintf(out, n, "%s", cfg->db_path ? cfg->db_path : "");
		return;
	}
	/* scheme://user:password@host...: the password is the part between the
	 * first ':' after the scheme and the '@' of the authority. */
	const char *auth = strstr(u, "://");
	auth = auth ? auth + 3 : u;
	size_t alen = strcspn(auth, "/?#");
	const char *at = memchr(auth, '@', alen);
	const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (colon != NULL)
		snprintf(out, n, "%.*s***%s", (int)(colon + 1 - u), u, at);
	else
		snprintf(out, n, "%s", u);
	/* libpq also takes ?password=...: its value goes too. */
	char *pw = strstr(out, "password=");
	if (pw != NULL && (pw == out || pw[-1] == '?' || pw[-1] == '&')) {
		char rest[512];
		pw += 9;
		snprintf(rest, sizeof(rest), "%s", pw + strcspn(pw, "&#"));
		size_t off = (size_t)(pw - out);
		snprintf(out + off, n - off, "***%s", rest);
	}
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < sizeof(config_table) / sizeof(config_table[0]); i++) {
		const struct config_entry *e = &config_table[i];
		if (e->type == CT_INT || e->type == CT_BOOL || e->type == CT_DOUBLE)
			continue;
		char **field = (char **)((char *)cfg + e->offset);
		free(*field);
		*field = NULL;
	}
}

void config_dump(const struct config *cfg, void (*emit)(const char *line, void *ctx), void *ctx)
{
	char line[1024];
	for (size_t i = 0; i < sizeof(config_table) / sizeof(config_table[0]); i++) {
		const struct config_entry *e = &config_table[i];
		const char *field = (const char *)cfg + e->offset;
		char val[512];
		switch (e->type) {
		case CT_INT:
			snprintf(val, sizeof(val), "%d", *(const int *)field);
			break;
		case CT_BOOL:
			snprintf(val, sizeof(val), "%s", *(const bool *)field ? "true" : "false");
			break;
		case CT_DOUBLE:
			snprintf(val, sizeof(val), "%g", *(const double *)field);
			break;
		case CT_DBURL: {
			struct config c = { .database_url = *(const char *const *)field };
			config_db_label(&c, val, sizeof(val));
			break;
		}
		default: {
			const char *s = *(const char *const *)field;
			if (e->secret)
				s = (s && *s) ? "(set)" : "(not set)";
			snprintf(val, sizeof(val), "%s", s ? s : "");
		}
		}
		snprintf(line, sizeof(line), "%s=%s", e->name, val);
		emit(line, ctx);
	}
}

/* Variables terminfon or its scripts and tests read that are no settings of
 * the table: not reported as unknown. */
static const char *const config_other_names[] = {
	"TERMINFON_FAKE_NOW", "TERMINFON_DB_MAX_PAGES", "TERMINFON_HTTP_PORT", "TERMINFON_HTTPS_PORT",
	"TERMINFON_BIN", "TERMINFON_BUILD_DIR", "TERMINFON_KEEP_TMP", "TERMINFON_DF_TURNS", "TERMINFON_CALLERS_VERBOSE",
	/* the PostgreSQL driver's own switch (lib/store/db_pg.c) and the tests' servers */
	"TERMINFON_PG_PREPARE", "TERMINFON_TEST_DATABASE_URL", "TERMINFON_TEST_PG_URL",
};

/* Unknown names with these prefixes are reported even when close to nothing. */
static const char *const config_prefixes[] = { "TERMINFON_", "TWILIO_", "DIALOGFLOW_" };

int config_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > CONFIG_NAME_MAX || m > CONFIG_NAME_MAX)
		return INT_MAX;
	/* Optimal string alignment: three rows of the Levenshtein table, plus
	 * swaps of neighbours ("TERMNIFON" is one step from "TERMINFON"). */
	int rows[3][CONFIG_NAME_MAX + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (prev[j - 1] + cost < d)
				d = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		int *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

static bool config_known(const char *name)
{
	for (size_t i = 0; i < sizeof(config_table) / sizeof(config_table[0]); i++)
		if (strcmp(config_table[i].name, name) == 0)
			return true;
	for (size_t i = 0; i < sizeof(config_other_names) / sizeof(config_other_names[0]); i++)
		if (strcmp(config_other_names[i], name) == 0)
			return true;
	return false;
}

/* How far a name may be from a known one to count as its misspelling. */
static int config_close_enough(const char *known)
{
	return strlen(known) >= 12 ? 2 : 1;
}

const char *config_suggest(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > CONFIG_NAME_MAX || config_known(name))
		return NULL;
	char upper[CONFIG_NAME_MAX + 1];
	for (size_t i = 0; i <= n; i++)
		upper[i] = (name[i] >= 'a' && name[i] <= 'z') ? (char)(name[i] - 'a' + 'A') : name[i];
	const char *best = NULL;
	int best_d = INT_MAX;
	size_t ntable = sizeof(config_table) / sizeof(config_table[0]);
	size_t nother = sizeof(config_other_names) / sizeof(config_other_names[0]);
	for (size_t i = 0; i < ntable + nother; i++) {
		const char *known = i < ntable ? config_table[i].name : config_other_names[i - ntable];
		int d = config_edit_distance(upper, known);
		if (d <= config_close_enough(known) && d < best_d) {
			best = known;
			best_d = d;
		}
	}
	return best;
}

int config_warnings(const struct config *cfg, char *const *env, void (*emit)(const char *line, void *ctx), void *ctx)
{
	char line[512];
	int count = 0;
	for (size_t i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		size_t n = eq ? (size_t)(eq - env[i]) : strlen(env[i]);
		if (n == 0 || n > CONFIG_NAME_MAX)
			continue;
		char name[CONFIG_NAME_MAX + 1];
		memcpy(name, env[i], n);
		name[n] = '\0';
		if (config_known(name))
			continue;
		const char *meant = config_suggest(name);
		bool prefixed = false;
		for (size_t k = 0; k < sizeof(config_prefixes) / sizeof(config_prefixes[0]); k++)
			prefixed = prefixed || strncmp(name, config_prefixes[k], strlen(config_prefixes[k])) == 0;
		/* Only the name: the value may be a secret. */
		if (meant)
			snprintf(line, sizeof(line), "%s is not a setting of terminfon and is ignored; did you mean %s?", name,
			         meant);
		else if (prefixed)
			snprintf(line, sizeof(line), "%s is not a setting of terminfon and is ignored (.env.example lists them all)",
			         name);
		else
			continue;
		emit(line, ctx);
		count++;
	}
	if (cfg && (cfg->base_url == NULL || *cfg->base_url == '\0')) {
		emit("BASE_URL is empty: Twilio's signatures are checked against the URL nginx forwards (scheme, host, port),"
		     " which fails behind another proxy or load balancer; set it to the public URL Twilio calls,"
		     " like https://termine.example.de", ctx);
		count++;
	}
	return count;
}
