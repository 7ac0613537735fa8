/* calendar_cli.c: `terminfon calendar-key` (a studio's feed keys: create,
 * list, revoke) and `terminfon caldav` (a studio's CalDAV calendar: set,
 * show, remove, read and write now). */
#include "calendar_cli.h"
#include "app.h"
#include "caldav.h"
#include "calendar.h"
#include "clock.h"
#include "err.h"
#include "routes.h"
#include "store_calendar.h"
#include "tf_limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char key_usage[] =
	"usage: terminfon calendar-key --studio SLUG [--label TEXT] [--full-names]\n"
	"       terminfon calendar-key --list [--studio SLUG]\n"
	"       terminfon calendar-key --revoke ID\n"
	"  makes a key for the studio's calendar feed and prints its URL once (only a hash is kept);\n"
	"  callers appear as \"M. M., +49151*****78\" unless --full-names\n";

static const char caldav_usage[] =
	"usage: terminfon caldav --studio SLUG --url URL [--user NAME] [--password-stdin] [--write-bookings]\n"
	"       terminfon caldav --list\n"
	"       terminfon caldav --remove --studio SLUG\n"
	"       terminfon caldav --sync [--studio SLUG]\n"
	"  URL: the calendar collection (Nextcloud: https://cloud.example.de/remote.php/dav/calendars/USER/CALENDAR/)\n"
	"  the password or app token is read from standard input (first line) and stored encrypted;\n"
	"  --write-bookings also puts every booking into that calendar (and takes it out when cancelled);\n"
	"  --sync reads busy times and writes queued bookings now (the background process does it every few minutes)\n";

static const struct store_studio *cli_studio(struct store *s, const char *slug)
{
	const struct store_studios *all;
	if (slug == NULL || store_studios(s, &all) != TF_OK)
		return NULL;
	for (size_t i = 0; i < all->n; i++)
		if (strcmp(all->list[i].slug, slug) == 0)
			return &all->list[i];
	return NULL;
}

static const char *cli_slug_of(struct store *s, int64_t studio_id)
{
	const struct store_studios *all;
	if (store_studios(s, &all) != TF_OK)
		return "?";
	const struct store_studio *st = store_studio_by_id(all, studio_id);
	return st ? st->slug : "?";
}

int calendar_key_main(int argc, char **argv, const struct config *cfg)
{
	const char *slug = NULL, *label = "", *revoke = NULL;
	bool list = false, full = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--studio") == 0 && i + 1 < argc)
			slug = argv[++i];
		else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc)
			label = argv[++i];
		else if (strcmp(argv[i], "--revoke") == 0 && i + 1 < argc)
			revoke = argv[++i];
		else if (strcmp(argv[i], "--list") == 0)
			list = true;
		else if (strcmp(argv[i], "--full-names") == 0)
			full = true;
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(key_usage, stdout);
			return 0;
		} else {
			fputs(key_usage, stderr);
			return 2;
		}
	}
	if (!list && !revoke && !slug) {
		fputs(key_usage, stderr);
		return 2;
	}
	struct app app;
	if (app_cli_open(&app, cfg))
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	int rc = 1, err = TF_OK;
	const struct store_studio *studio = slug ? cli_studio(app.store, slug) : NULL;
	if (slug && studio == NULL) {
		fprintf(stderr, "terminfon: no active studio '%s'\n", slug);
	} else if (revoke) {
		char *end;
		errno = 0;
		long long id = strtoll(revoke, &end, 10);
		if (errno || *end || id <= 0)
			fprintf(stderr, "terminfon: --revoke wants a key id (terminfon calendar-key --list)\n");
		else if ((err = store_calkey_revoke(app.store, id, clock_now(), NULL)) == TF_ENOTFOUND)
			fprintf(stderr, "terminfon: no calendar key %lld\n", id);
		else if (err == TF_OK) {
			store_audit(app.store, "cli", "calendar_key.revoke", arena_printf(&a, "calendar_key:%lld", id));
			printf("calendar key %lld revoked: its subscribers get 403 from now on\n", id);
			rc = 0;
		}
	} else if (list) {
		struct store_calkey *keys;
		size_t n;
		if ((err = store_calkey_list(app.store, &a, studio ? studio->id : 0, &keys, &n)) == TF_OK) {
			printf("%-6s %-12s %-10s %-8s %-20s %s\n", "id", "studio", "names", "state", "last used", "label");
			for (size_t i = 0; i < n; i++)
				printf("%-6lld %-12s %-10s %-8s %-20s %s\n", (long long)keys[i].id,
				       cli_slug_of(app.store, keys[i].studio_id), keys[i].full_names ? "full" : "pseudonym",
				       keys[i].revoked ? "revoked" : "active", keys[i].last_used_at ? keys[i].last_used_at : "never",
				       keys[i].label);
			rc = 0;
		}
	} else {
		char key[65];
		int64_t id;
		if ((err = calendar_key_create(app.store, studio->id, label, full, clock_now(), key, &id)) == TF_OK) {
			store_audit(app.store, "cli", "calendar_key.create", arena_printf(&a, "calendar_key:%lld", (long long)id));
			const char *base = *cfg->base_url ? cfg->base_url : "https://termine.example.de";
			printf("calendar key %lld for %s%s (shown once, keep it like a password):\n"
			       "%s" ROUTE_STUDIOS "%s" ROUTE_CALENDAR_ICS "?key=%s\n",
			       (long long)id, studio->slug, full ? ", with full names" : "", base, studio->slug, key);
			if (!*cfg->base_url)
				fprintf(stderr, "terminfon: BASE_URL is not set: put your public address in front of the path\n");
			rc = 0;
		}
	}
	if (err && err != TF_ENOTFOUND)
		fprintf(stderr, "terminfon: %s\n", tf_strerror(err));
	arena_free(&a);
	app_worker_close(&app);
	return rc;
}

/* The first line of standard input, without its line end. */
static bool cli_read_password(char *out, size_t n)
{
	if (fgets(out, (int)n, stdin) == NULL)
		return false;
	out[strcspn(out, "\r\n")] = '\0';
	return true;
}

int caldav_main(int argc, char **argv, const struct config *cfg)
{
	const char *slug = NULL, *url = NULL, *user = "";
	bool list = false, remove_it = false, sync = false, pw_stdin = false, write = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--studio") == 0 && i + 1 < argc)
			slug = argv[++i];
		else if (strcmp(argv[i], "--url") == 0 && i + 1 < argc)
			url = argv[++i];
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			user = argv[++i];
		else if (strcmp(argv[i], "--password-stdin") == 0)
			pw_stdin = true;
		else if (strcmp(argv[i], "--write-bookings") == 0)
			write = true;
		else if (strcmp(argv[i], "--list") == 0)
			list = true;
		else if (strcmp(argv[i], "--remove") == 0)
			remove_it = true;
		else if (strcmp(argv[i], "--sync") == 0)
			sync = true;
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(caldav_usage, stdout);
			return 0;
		} else {
			fputs(caldav_usage, stderr);
			return 2;
		}
	}
	if (!list && !sync && !(slug && (url || remove_it))) {
		fputs(caldav_usage, stderr);
		return 2;
	}
	if (url && caldav_check_url(url) != TF_OK) {
		fprintf(stderr, "terminfon: --url must be an http(s) URL without user, query or fragment\n");
		return 2;
	}
	char password[1024] = "";
	if (pw_stdin && !cli_read_password(password, sizeof(password))) {
		fprintf(stderr, "terminfon: --password-stdin: nothing on standard input\n");
		return 2;
	}
	struct app app;
	if (app_cli_open(&app, cfg))
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	int rc = 1, err = TF_OK;
	const struct store_studio *studio = slug ? cli_studio(app.store, slug) : NULL;
	if (slug && studio == NULL) {
		fprintf(stderr, "terminfon: no active studio '%s'\n", slug);
	} else if (list) {
		struct store_caldav *l;
		size_t n;
		if ((err = store_caldav_list(app.store, &a, false, &l, &n)) == TF_OK) {
			for (size_t i = 0; i < n; i++) {
				char t[20] = "never";
				if (l[i].has_fetched)
					store_format_utc(l[i].fetched_utc, t);
				printf("%s: %s (user %s)%s; last good read %s UTC, %d busy times%s%s\n",
				       cli_slug_of(app.store, l[i].studio_id), l[i].url, *l[i].username ? l[i].username : "-",
				       l[i].write_bookings ? ", bookings written" : "", t, l[i].busy_count,
				       l[i].last_error ? "; last attempt failed: " : "", l[i].last_error ? l[i].last_error : "");
			}
			if (n == 0)
				puts("no studio has a CalDAV calendar");
			rc = 0;
		}
	} else if (remove_it) {
		err = store_caldav_remove(app.store, studio->id);
		if (err == TF_ENOTFOUND)
			fprintf(stderr, "terminfon: %s has no CalDAV calendar\n", studio->slug);
		else if (err == TF_OK) {
			printf("CalDAV calendar of %s removed with its busy times\n", studio->slug);
			rc = 0;
		}
	} else if (url) {
		err = store_caldav_set(app.store, studio->id, url, user, password, write, clock_now());
		if (err == TF_OK) {
			store_audit(app.store, "cli", "caldav.set", arena_printf(&a, "studio:%lld", (long long)studio->id));
			printf("CalDAV calendar of %s set%s; the background process reads it within seconds "
			       "(terminfon caldav --sync reads it now)\n",
			       studio->slug, write ? ", bookings are written to it" : "");
			rc = 0;
		}
	} else if (sync) {
		struct calendar_sync_stats st = { 0 };
		/* Without --studio: every calendar, due or not. */
		if (studio == NULL)
			err = store_caldav_request_sync(app.store, 0, NULL);
		if (err == TF_OK)
			err = calendar_sync_due(app.store, &a, clock_now(), studio ? studio->id : 0, &st);
		for (int round = 0; err == TF_OK && round < 100; round++) {
			int before = st.written + st.retried + st.given_up;
			err = calendar_write_due(app.store, &a, clock_now(), calendar_uid_host(&a, cfg->base_url), 8, &st);
			if (st.written + st.retried + st.given_up == before)
				break;
		}
		if (err == TF_OK) {
			printf("%d calendar(s) read, %d failed; %d booking(s) written, %d to retry, %d failed\n", st.read,
			       st.failed, st.written, st.retried, st.given_up);
			rc = st.failed || st.given_up ? 1 : 0;
		}
	}
	explicit_bzero(password, sizeof(password));
	if (err && err != TF_ENOTFOUND)
		fprintf(stderr, "terminfon: %s\n", tf_strerror(err));
	arena_free(&a);
	app_worker_close(&app);
	return rc;
}
