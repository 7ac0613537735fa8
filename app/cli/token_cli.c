/* token_cli.c: `terminfon token`: mints an admin token of a scope ("stats"
 * for the dashboard, "admin" for everything), optionally limited to one
 * studio, and records it in the database, where `--revoke ID` (or DELETE
 * /api/v1/tokens/{id}) refuses it from its next request on. Tokens live on
 * the wall clock, not TERMINFON_FAKE_NOW. */
#include "token_cli.h"
#include "app.h"
#include "buf.h"
#include "crypto.h"
#include "err.h"
#include "jwt.h"
#include "tf_limits.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN_TTL_DEFAULT 3600L
#define TOKEN_TTL_MAX     (366L * 86400)

static const char token_usage[] =
	"usage: terminfon token --scope stats|admin [--studio SLUG] [--ttl DURATION] [--sub NAME] [--json]\n"
	"       terminfon token --list\n"
	"       terminfon token --revoke ID\n"
	"  stats: the dashboard's figures (GET /api/v1/stats), no names, numbers, exports or erasure\n"
	"  admin: the whole admin API; with --studio only that studio's records, no GDPR export or erasure\n"
	"  DURATION: seconds, or a number with s, m, h or d (default 1h, at most 366d)\n";

/* "3600", "90m", "12h", "30d". */
static bool parse_ttl(const char *text, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || v < 1)
		return false;
	long unit = 1;
	if (*end && end[1] == '\0') {
		switch (*end) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		default: return false;
		}
	} else if (*end) {
		return false;
	}
	if (v > TOKEN_TTL_MAX / unit)
		return false;
	*out = v * unit;
	return true;
}

/* Who the audit log and revoked_by name for a command run from a shell. */
static const char *cli_actor(char *buf, size_t len)
{
	const char *user = getenv("USER");
	snprintf(buf, len, "cli:%.60s", user && *user ? user : "unknown");
	return buf;
}

static void iso_utc(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int open_store(struct app *app, const struct config *cfg)
{
	if (app_cli_open(app, cfg))
		return 1;
	if (store_migrate(app->store, NULL) != TF_OK) {
		char label[512];
		config_db_label(cfg, label, sizeof(label));
		fprintf(stderr, "terminfon: cannot migrate %s\n", label);
		app_worker_close(app);
		return 1;
	}
	return 0;
}

static const char *studio_slug(const struct store_studios *all, int64_t id)
{
	const struct store_studio *st = id ? store_studio_by_id(all, id) : NULL;
	return st ? st->slug : id ? "?" : "-";
}

static int token_list(const struct config *cfg)
{
	struct app app;
	if (open_store(&app, cfg))
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct store_token *list = NULL;
	size_t n = 0;
	const struct store_studios *all = NULL;
	int err = store_tokens_list(app.store, &a, (int64_t)time(NULL), &list, &n);
	if (err == TF_OK)
		err = store_studios(app.store, &all);
	if (err == TF_OK) {
		printf("%-32s  %-5s  %-20s  %-20s  %-20s  %s\n", "id", "scope", "studio", "subject", "expires", "revoked");
		for (size_t i = 0; i < n; i++) {
			char exp[21], rev[21] = "-";
			iso_utc(list[i].expires_utc, exp);
			if (list[i].revoked)
				iso_utc(list[i].revoked_utc, rev);
			printf("%-32s  %-5s  %-20s  %-20s  %-20s  %s\n", list[i].id, list[i].scope,
			       studio_slug(all, list[i].studio_id), list[i].subject, exp, rev);
		}
	} else {
		fprintf(stderr, "terminfon: cannot list tokens: %s\n", tf_strerror(err));
	}
	arena_free(&a);
	app_worker_close(&app);
	return err ? 1 : 0;
}

static int token_revoke(const struct config *cfg, const char *id)
{
	struct app app;
	if (open_store(&app, cfg))
		return 1;
	char actor[80];
	bool already = false;
	int err = store_token_revoke(app.store, id, cli_actor(actor, sizeof(actor)), (int64_t)time(NULL), &already);
	int rc = 0;
	if (err == TF_ENOTFOUND) {
		fprintf(stderr, "terminfon: no token has the id %s (terminfon token --list shows them)\n", id);
		rc = 1;
	} else if (err) {
		fprintf(stderr, "terminfon: cannot revoke: %s\n", tf_strerror(err));
		rc = 1;
	} else if (already) {
		printf("token %s was already revoked\n", id);
	} else {
		char target[96];
		snprintf(target, sizeof(target), "token:%s", id);
		if (store_audit(app.store, actor, "token.revoke", target) != TF_OK)
			fprintf(stderr, "terminfon: revoked, but the audit row was not written\n");
		printf("token %s revoked\n", id);
	}
	app_worker_close(&app);
	return rc;
}

static int token_mint(const struct config *cfg, enum jwt_scope scope, const char *studio, const char *subject,
                      long ttl, bool json)
{
	struct jwt_claims c;
	memset(&c, 0, sizeof(c));
	if (strlen(subject) >= sizeof(c.sub)) {
		fprintf(stderr, "terminfon: --sub is longer than %zu bytes\n", sizeof(c.sub) - 1);
		return 2;
	}
	snprintf(c.sub, sizeof(c.sub), "%s", subject);
	c.scope = scope;

	struct app app;
	if (open_store(&app, cfg))
		return 1;
	int rc = 1;
	struct buf out;
	buf_init(&out, 8192);
	int64_t studio_id = 0;
	if (studio) {
		const struct store_studios *all;
		const struct store_studio *st = NULL;
		if (store_studios(app.store, &all) == TF_OK)
			for (size_t i = 0; i < all->n && st == NULL; i++)
				if (strcmp(all->list[i].slug, studio) == 0)
					st = &all->list[i];
		if (st == NULL || strlen(st->slug) >= sizeof(c.studio)) {
			fprintf(stderr, "terminfon: --studio %s names no active studio\n", studio);
			rc = 2;
			goto out;
		}
		studio_id = st->id;
		snprintf(c.studio, sizeof(c.studio), "%s", st->slug);
	}
	char key[65];
	if (crypto_random_key(key) != TF_OK) {
		fprintf(stderr, "terminfon: no random numbers\n");
		goto out;
	}
	memcpy(c.jti, key, 32);
	c.jti[32] = '\0';
	long now = (long)time(NULL);
	struct store_token row = {
		.id = c.jti, .subject = c.sub, .scope = jwt_scope_name(scope), .studio_id = studio_id,
		.created_utc = now, .expires_utc = (int64_t)now + ttl,
	};
	int err = store_token_add(app.store, &row);
	if (err == TF_OK)
		err = jwt_hs256_mint_claims(cfg->jwt_secret, &c, ttl, now, &out);
	if (err) {
		fprintf(stderr, "terminfon: cannot mint a token: %s\n", tf_strerror(err));
		goto out;
	}
	char exp[21];
	iso_utc(row.expires_utc, exp);
	if (json) {
		cJSON *o = cJSON_CreateObject();
		char *text = NULL;
		if (o && cJSON_AddStringToObject(o, "token", out.data) && cJSON_AddStringToObject(o, "id", c.jti) &&
		    cJSON_AddStringToObject(o, "scope", row.scope) &&
		    (studio ? cJSON_AddStringToObject(o, "studio", c.studio) : cJSON_AddNullToObject(o, "studio")) &&
		    cJSON_AddStringToObject(o, "subject", c.sub) && cJSON_AddStringToObject(o, "expires_at", exp))
			text = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
		if (text == NULL)
			goto out;
		puts(text);
		cJSON_free(text);
	} else {
		puts(out.data);
		fprintf(stderr, "token id %s: scope %s, %s%s, for %s, valid until %s (revoke: terminfon token --revoke %s)\n",
		        c.jti, row.scope, studio ? "studio " : "every studio", studio ? c.studio : "", c.sub, exp, c.jti);
	}
	rc = 0;
out:
	buf_free(&out);
	app_worker_close(&app);
	return rc;
}

int token_main(int argc, char **argv, const struct config *cfg)
{
	const char *scope_name = NULL, *studio = NULL, *subject = NULL, *revoke = NULL;
	long ttl = TOKEN_TTL_DEFAULT;
	bool json = false, list = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		bool has_value = i + 1 < argc;
		if (strcmp(arg, "--scope") == 0 && has_value) {
			scope_name = argv[++i];
		} else if (strcmp(arg, "--studio") == 0 && has_value) {
			studio = argv[++i];
		} else if (strcmp(arg, "--sub") == 0 && has_value) {
			subject = argv[++i];
		} else if (strcmp(arg, "--ttl") == 0 && has_value) {
			if (!parse_ttl(argv[++i], &ttl)) {
				fprintf(stderr, "terminfon: --ttl must be seconds (or 90m, 12h, 30d) from 1 s to 366 d\n");
				return 2;
			}
		} else if (strcmp(arg, "--revoke") == 0 && has_value) {
			revoke = argv[++i];
		} else if (strcmp(arg, "--json") == 0) {
			json = true;
		} else if (strcmp(arg, "--list") == 0) {
			list = true;
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(token_usage, stdout);
			return 0;
		} else {
			fputs(token_usage, stderr);
			return 2;
		}
	}
	if (list || revoke) {
		if ((list && revoke) || scope_name || studio || subject || json) {
			fputs(token_usage, stderr);
			return 2;
		}
		return list ? token_list(cfg) : token_revoke(cfg, revoke);
	}
	enum jwt_scope scope;
	if (scope_name == NULL || jwt_scope_parse(scope_name, &scope) != TF_OK) {
		fprintf(stderr, "terminfon: token needs --scope stats (the dashboard) or --scope admin (everything)\n\n");
		fputs(token_usage, stderr);
		return 2;
	}
	return token_mint(cfg, scope, studio, subject ? subject : scope_name, ttl, json);
}
