/* gdpr_cli.c: `terminfon erase` (one person, by number), `terminfon purge`
 * (retention, then recordings at Twilio) and `terminfon rekey` (everything
 * under the current data key), for operators and cron. */
#include "gdpr_cli.h"
#include "app.h"
#include "err.h"
#include "gdpr.h"
#include "tf_limits.h"
#include "twrest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLI_ACTOR_MAX 64

static bool parse_int(const char *text, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Who the audit log names for a command run from a shell. */
static const char *cli_actor(const char *given, char *buf, size_t len)
{
	if (given)
		snprintf(buf, len, "%s", given);
	else
		snprintf(buf, len, "cli:%s", getenv("USER") && *getenv("USER") ? getenv("USER") : "unknown");
	return buf;
}

int gdpr_erase_main(int argc, char **argv, const struct config *cfg)
{
	const char *phone = NULL, *actor_arg = NULL;
	bool bad = false;
	for (int i = 1; i < argc && !bad; i++) {
		if (strcmp(argv[i], "--phone") == 0 && i + 1 < argc)
			phone = argv[++i];
		else if (strcmp(argv[i], "--actor") == 0 && i + 1 < argc && *argv[i + 1] && strlen(argv[i + 1]) < CLI_ACTOR_MAX)
			actor_arg = argv[++i];
		else
			bad = true;
	}
	if (phone == NULL || bad) {
		fprintf(stderr, "usage: terminfon erase --phone +49... [--actor NAME]\n");
		return 2;
	}
	struct app app;
	if (app_cli_open(&app, cfg))
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	char actor[CLI_ACTOR_MAX + 8];
	int64_t lead_id = 0;
	struct store_erase_counts c;
	int err = gdpr_erase_phone(app.store, &a, phone, cli_actor(actor_arg, actor, sizeof(actor)), &lead_id, &c);
	arena_free(&a);
	app_worker_close(&app);
	if (err == TF_EINVAL) {
		fprintf(stderr, "terminfon: --phone must be an international number like +4915112345678\n");
		return 2;
	}
	if (err == TF_ENOTFOUND) {
		fprintf(stderr, "terminfon: no lead has this number; nothing erased\n");
		return 1;
	}
	if (err) {
		fprintf(stderr, "terminfon: erasure failed: %s (nothing was erased)\n", tf_strerror(err));
		return 1;
	}
	printf("lead %lld erased: %d call(s), %d turn(s), %d appointment(s), %d SMS, %d callback request(s), "
	       "%d recording row(s)\n", (long long)lead_id, c.calls, c.turns, c.appointments, c.sms, c.callbacks,
	       c.recordings_removed);
	if (c.recordings_marked)
		printf("%d recording(s) to be deleted at Twilio by the background process or `terminfon purge`\n",
		       c.recordings_marked);
	return 0;
}

/* Asks Twilio to delete what is marked, one pass over the queue. */
static int delete_at_twilio(struct app *app, const struct config *cfg, struct gdpr_delete_stats *total)
{
	memset(total, 0, sizeof(*total));
	if (!*cfg->twilio_account_sid || cfg->twilio_auth_token == NULL || !*cfg->twilio_auth_token) {
		printf("TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN not set: recordings stay marked for deletion\n");
		return TF_OK;
	}
	struct twrest *t;
	int err = twrest_open(&t, cfg->twilio_api_base_url, cfg->twilio_account_sid, cfg->twilio_auth_token);
	if (err) {
		fprintf(stderr, "terminfon: cannot use the Twilio REST API: %s\n", tf_strerror(err));
		return err;
	}
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* Failures go to the back of the queue: stop once a round only failed. */
	for (int rounds = 0; rounds < 1000; rounds++) {
		struct gdpr_delete_stats st;
		err = gdpr_delete_recordings(app->store, t, &a, 50, &st);
		arena_reset(&a);
		total->deleted += st.deleted;
		total->failed += st.failed;
		if (err || st.deleted == 0 || st.deleted + st.failed < 50)
			break;
	}
	arena_free(&a);
	twrest_close(t);
	return err;
}

int gdpr_purge_main(int argc, char **argv, const struct config *cfg)
{
	long days = cfg->retention_days;
	bool twilio = true;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--days") == 0 && i + 1 < argc) {
			if (!parse_int(argv[++i], 1, 3650, &days)) {
				fprintf(stderr, "terminfon: --days must be a number of days from 1 to 3650\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--no-twilio") == 0) {
			twilio = false;
		} else {
			fprintf(stderr, "usage: terminfon purge [--days N] [--no-twilio]\n"
			                "  purges what is older than N days (default TERMINFON_RETENTION_DAYS), then asks\n"
			                "  Twilio to delete the recordings marked for deletion\n");
			return 2;
		}
	}
	struct app app;
	if (app_cli_open(&app, cfg))
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct gdpr_purge_stats st;
	char actor[CLI_ACTOR_MAX + 8];
	/* Rows carry the database's real clock, so the cutoff does too. */
	int err = gdpr_purge(app.store, &a, (int64_t)time(NULL), (int)days, cli_actor(NULL, actor, sizeof(actor)), &st);
	arena_free(&a);
	if (err == TF_OK)
		printf("retention %ld day(s): %d transcript(s) and %d dialog state(s) cleared, %d SMS deleted, "
		       "%d inactive lead(s) erased, %d recording(s) marked for deletion\n",
		       days, st.turns, st.states, st.sms, st.leads, st.recordings_marked);
	struct gdpr_delete_stats del = { 0 };
	if (err == TF_OK && twilio && (err = delete_at_twilio(&app, cfg, &del)) == TF_OK)
		printf("recordings at Twilio: %d deleted, %d to try again\n", del.deleted, del.failed);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: purge failed: %s (run it again: it continues where it stopped)\n",
		        tf_strerror(err));
		return 1;
	}
	return del.failed ? 3 : 0;
}

static void rekey_progress(const char *table, const struct store_rekey_stats *st, void *ctx)
{
	const char **last = ctx;
	if (*last == NULL || strcmp(*last, table) != 0)
		printf("rekeying %s\n", table);
	*last = table;
	fflush(stdout);
}

int gdpr_rekey_main(int argc, char **argv, const struct config *cfg)
{
	long batch = GDPR_BATCH;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc) {
			if (!parse_int(argv[++i], 1, 10000, &batch)) {
				fprintf(stderr, "terminfon: --batch must be a number of rows from 1 to 10000\n");
				return 2;
			}
		} else {
			fprintf(stderr, "usage: terminfon rekey [--batch N]\n"
			                "  re-seals all personal data with the first key of TERMINFON_DATA_KEY and\n"
			                "  recomputes the phone hashes; safe to stop and run again\n");
			return 2;
		}
	}
	struct app app;
	if (app_cli_open(&app, cfg))
		return 1;
	const char *last = NULL;
	struct store_rekey_stats st;
	int err = gdpr_rekey(app.store, (int)batch, rekey_progress, &last, &st);
	size_t nkeys = crypto_key_count(&app.crypto);
	if (err == TF_OK) {
		char actor[CLI_ACTOR_MAX + 8], target[160];
		snprintf(target, sizeof(target), "scanned=%ld resealed=%ld rehashed=%ld merged=%ld unreadable=%ld",
		         st.scanned, st.resealed, st.rehashed, st.merged, st.unreadable);
		err = store_audit(app.store, cli_actor(NULL, actor, sizeof(actor)), "data.rekey", target);
	}
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: rekey failed: %s (run it again: finished batches stay done)\n", tf_strerror(err));
		return 1;
	}
	printf("%ld row(s) looked at, %ld re-sealed, %ld phone hash(es) recomputed, %ld duplicate lead(s) merged\n",
	       st.scanned, st.resealed, st.rehashed, st.merged);
	if (st.unreadable) {
		printf("%ld value(s) could not be opened with any configured key and were left as they are\n",
		       st.unreadable);
		return 3;
	}
	if (nkeys > 1)
		printf("everything is under the current key: the older keys can be removed from TERMINFON_DATA_KEY\n");
	return 0;
}
