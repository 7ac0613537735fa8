/* callbacks.c: the callback runner and the views of callbacks, recordings
 * and the waiting line, for people at a terminal and for cron; and the step
 * of the background process that places callbacks and starts recordings. */
#include "callbacks.h"
#include "clock.h"
#include "err.h"
#include "handoff.h"
#include "log.h"
#include "tf_limits.h"
#include "twrest.h"
#include "tz.h"

#include <stdio.h>
#include <string.h>

#define CALLBACKS_BATCH 10          /* requests placed per round */
#define RECSTARTS_BATCH 10
#define CALLBACKS_EVERY_S 5         /* the background process looks for due callbacks this often */

static const char base_url_needed[] =
	"terminfon: configuration: BASE_URL is not set; callbacks need it, as Twilio is given absolute URLs "
	"to fetch the answered call and report its status (BASE_URL=https://telefon.example.de)\n";

int callbacks_open_twilio(const struct config *cfg, struct twrest **t)
{
	*t = NULL;
	if (!*cfg->twilio_account_sid || cfg->twilio_auth_token == NULL || !*cfg->twilio_auth_token)
		return TF_ECONFIG;
	return twrest_open(t, cfg->twilio_api_base_url, cfg->twilio_account_sid, cfg->twilio_auth_token);
}

/* "2026-11-25 09:00" in the configured zone, "-" for 0. */
static const char *local_time(struct arena *a, const struct config *cfg, int64_t utc)
{
	if (utc == 0)
		return "-";
	const struct tz *z;
	if (tz_load(cfg->timezone, &z) != TF_OK)
		return "?";
	struct civil_time t = tz_to_local(z, utc, NULL);
	const char *s = arena_printf(a, "%04d-%02d-%02d %02d:%02d", t.date.year, t.date.month, t.date.day, t.hour,
	                             t.minute);
	return s ? s : "?";
}

/* ---- the runner ---- */

static int place_all(struct app *app, struct twrest *t, struct arena *a, int64_t now,
                     struct handoff_callback_stats *total)
{
	memset(total, 0, sizeof(*total));
	/* Rounds until nothing due is left; each request is looked at once, as
	 * everything a round touches is moved into the future or placed. */
	for (int round = 0; round < 1000; round++) {
		struct handoff_callback_stats st;
		int err = handoff_place_callbacks(app->store, t, a, app->cfg, now, CALLBACKS_BATCH, &st);
		arena_reset(a);
		total->placed += st.placed;
		total->deferred += st.deferred;
		total->retried += st.retried;
		total->failed += st.failed;
		if (err)
			return err;
		if (st.placed + st.deferred + st.retried + st.failed < CALLBACKS_BATCH)
			break;
	}
	return TF_OK;
}

static int run_once(const struct config *cfg)
{
	if (!*cfg->base_url) {
		fputs(base_url_needed, stderr);
		return 1;
	}
	struct twrest *t;
	if (callbacks_open_twilio(cfg, &t) != TF_OK) {
		fprintf(stderr, "terminfon: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are needed to place callbacks\n");
		return 1;
	}
	struct app app;
	if (app_worker_init(&app, cfg) != TF_OK) {
		twrest_close(t);
		return 1;
	}
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	int64_t now = clock_now();
	struct handoff_callback_stats st;
	int err = place_all(&app, t, &a, now, &st);
	int started = 0, failed = 0;
	if (err == TF_OK)
		err = handoff_start_recordings(app.store, t, &a, cfg, now, RECSTARTS_BATCH, &started, &failed);
	arena_free(&a);
	twrest_close(t);
	app_worker_close(&app);
	if (err == TF_ECONFIG)
		fprintf(stderr, "terminfon: no number to call from: set TWILIO_PHONE_NUMBER or the studio's twilio_number\n");
	else if (err)
		fprintf(stderr, "terminfon: callbacks: %s\n", tf_strerror(err));
	printf("%d placed, %d waiting for opening hours, %d to retry, %d given up", st.placed, st.deferred, st.retried,
	       st.failed);
	if (started || failed)
		printf("; %d recording(s) started, %d not", started, failed);
	putchar('\n');
	return err ? 1 : 0;
}

static int list(const struct config *cfg, bool all, bool full)
{
	struct app app;
	if (app_worker_init(&app, cfg) != TF_OK)
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct store_callback *cbs;
	size_t n;
	int err = store_callback_list(app.store, &a, all, 200, &cbs, &n);
	const struct store_studios *studios = NULL;
	if (err == TF_OK)
		err = store_studios(app.store, &studios);
	if (err == TF_OK) {
		printf("%-5s %-8s %-16s %-8s %-12s %-17s %-20s %-16s %s\n", "id", "status", "reason", "attempts", "last",
		       "next attempt", "studio", "number", "name");
		for (size_t i = 0; i < n; i++) {
			const struct store_callback *c = &cbs[i];
			const struct store_studio *st = store_studio_by_id(studios, c->studio_id);
			char masked[32];
			if (c->phone && !full)
				log_mask_phone(c->phone, masked, sizeof(masked));
			else
				snprintf(masked, sizeof(masked), "%s", c->phone ? c->phone : c->lead_id ? "(unreadable)" : "-");
			bool open = strcmp(c->status, "pending") == 0 || strcmp(c->status, "calling") == 0;
			printf("%-5lld %-8s %-16s %-8d %-12s %-17s %-20s %-16s %s\n", (long long)c->id, c->status, c->reason,
			       c->attempts, c->last_result ? c->last_result : "-",
			       open && c->last_result ? local_time(&a, cfg, c->next_utc) : open ? "now" : "-",
			       st ? st->slug : "-", masked, c->name ? c->name : "-");
		}
	}
	arena_free(&a);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: callbacks: %s\n", tf_strerror(err));
		return 1;
	}
	return 0;
}

int callbacks_main(int argc, char **argv, const struct config *cfg)
{
	bool show = false, all = false, full = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0)
			show = true;
		else if (strcmp(argv[i], "--all") == 0)
			show = all = true;
		else if (strcmp(argv[i], "--full") == 0)
			full = true;
		else {
			fprintf(stderr, "usage: terminfon callbacks [--list [--all] [--full]]\n"
			                "  without options: place the due callbacks now (for cron or a systemd timer)\n"
			                "  --list   pending and running requests; --all every request; --full whole numbers\n");
			return 2;
		}
	}
	return show ? list(cfg, all, full) : run_once(cfg);
}

/* ---- recordings ---- */

int recordings_main(int argc, char **argv, const struct config *cfg)
{
	if (argc > 1) {
		fprintf(stderr, "usage: terminfon recordings\n  the latest recordings and refusals, newest first\n");
		return 2;
	}
	struct app app;
	if (app_worker_init(&app, cfg) != TF_OK)
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct store_recording_info *recs;
	size_t n;
	int err = store_recording_list(app.store, &a, 200, &recs, &n);
	if (err == TF_OK) {
		printf("%-5s %-34s %-11s %-8s %-22s %-19s %s\n", "id", "call", "status", "seconds", "source", "created (UTC)",
		       "recording");
		for (size_t i = 0; i < n; i++) {
			const struct store_recording_info *r = &recs[i];
			char secs[16];
			snprintf(secs, sizeof(secs), "%d", r->duration);
			const char *what = r->deleted_at ? "deleted at Twilio"
			                 : r->delete_requested_at ? "to be deleted at Twilio"
			                 : r->recording_sid ? r->recording_sid : "-";
			printf("%-5lld %-34s %-11s %-8s %-22s %-19s %s\n", (long long)r->id, r->call_sid ? r->call_sid : "-",
			       r->status ? r->status : "-", r->duration >= 0 ? secs : "-", r->source ? r->source : "-",
			       r->created_at ? r->created_at : "-", what);
		}
	}
	arena_free(&a);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: recordings: %s\n", tf_strerror(err));
		return 1;
	}
	return 0;
}

/* ---- the waiting line ---- */

int queue_main(int argc, char **argv, const struct config *cfg)
{
	const char *end = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--end") == 0 && i + 1 < argc) {
			end = argv[++i];
		} else {
			fprintf(stderr, "usage: terminfon queue [--end CALLSID]\n"
			                "  staff lines in use and callers waiting, per studio\n"
			                "  --end    frees the line or place of a call that is over\n");
			return 2;
		}
	}
	struct app app;
	if (app_worker_init(&app, cfg) != TF_OK)
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	int64_t now = clock_now();
	int err;
	if (end) {
		enum store_handoff_state was;
		err = store_handoff_end(app.store, end, now, "ended_by_operator", &was);
		if (err == TF_OK)
			printf("%s\n", was == STORE_HANDOFF_NONE ? "no open transfer for that call" : "ended");
		goto out;
	}
	const struct store_studios *studios;
	struct store_handoff *rows;
	size_t n;
	if ((err = store_studios(app.store, &studios)) != TF_OK || (err = store_handoff_list(app.store, &a, &rows, &n)) != TF_OK)
		goto out;
	for (size_t s = 0; s <= studios->n; s++) {
		const struct store_studio *st = s < studios->n ? &studios->list[s] : NULL;
		int64_t id = st ? st->id : 0;
		int in_use = 0, waiting = 0;
		for (size_t i = 0; i < n; i++)
			if (rows[i].studio_id == id)
				rows[i].state == STORE_HANDOFF_CONNECTED ? in_use++ : waiting++;
		if (st == NULL && in_use + waiting == 0)
			continue;
		if (st)
			printf("%s: %d of %d staff line(s) in use, %d waiting (waiting at most %d s)\n", st->slug, in_use,
			       st->staff_lines, waiting, st->max_wait_seconds);
		else
			printf("other numbers (not counted): %d connected\n", in_use);
		int pos = 0;
		for (size_t i = 0; i < n; i++) {
			if (rows[i].studio_id != id)
				continue;
			bool conn = rows[i].state == STORE_HANDOFF_CONNECTED;
			int64_t since = conn ? rows[i].started_utc : rows[i].enqueued_utc;
			printf("  %-9s %-3s %s  to %s since %s (%lld s)\n", conn ? "connected" : "waiting",
			       conn ? "" : arena_printf(&a, "%d", ++pos), rows[i].call_sid, rows[i].number,
			       local_time(&a, cfg, since), (long long)(now - since));
		}
	}
out:
	arena_free(&a);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: queue: %s\n", tf_strerror(err));
		return 1;
	}
	return 0;
}

/* ---- the background process ---- */

void callbacks_background_step(struct app *app, struct twrest *t, struct arena *a, struct callbacks_background *st)
{
	time_t wall = time(NULL);
	int64_t now = clock_now();
	if (wall >= st->next_purge) {
		int n = 0;
		if (handoff_purge(app->store, now, &n) != TF_OK)
			log_warn("deleting old transfer rows failed, will try again");
		st->next_purge = wall + 3600;
	}
	if (t == NULL)
		return;
	if (!*app->cfg->base_url) {
		if (!st->warned)
			log_warn("BASE_URL is not set: callbacks stay queued and recordings are not started");
		st->warned = true;
		return;
	}
	int started = 0, failed = 0;
	if (handoff_start_recordings(app->store, t, a, app->cfg, now, RECSTARTS_BATCH, &started, &failed) != TF_OK)
		log_warn("starting recordings failed, will try again");
	arena_reset(a);
	if (wall < st->next_callbacks)
		return;
	st->next_callbacks = wall + CALLBACKS_EVERY_S;
	struct handoff_callback_stats cs;
	int err = place_all(app, t, a, now, &cs);
	if (err == TF_ECONFIG)
		log_warn("no number to call back from: set TWILIO_PHONE_NUMBER or the studio's twilio_number");
	else if (err == TF_EAUTH)
		st->next_callbacks = wall + 300;
	else if (err)
		log_warn("placing callbacks failed, will try again", "error", tf_strerror(err));
}
