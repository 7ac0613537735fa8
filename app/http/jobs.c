/* jobs.c: the background work that never runs on a webhook: draining the SMS
 * outbox, queuing reminders and asking Twilio to delete recordings marked by
 * erasure or retention. The supervisor keeps one process doing it;
 * `terminfon send-sms` and `terminfon remind` do one round for cron. */
#include "jobs.h"
#include "app.h"
#include "booking.h"
#include "calendar.h"
#include "callbacks.h"
#include "clock.h"
#include "err.h"
#include "gdpr.h"
#include "tf_limits.h"
#include "log.h"
#include "outbox.h"
#include "routes.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t jobs_stop;

static void on_term(int sig)
{
	(void)sig;
	jobs_stop = 1;
}

static const char *status_url(struct arena *a, const struct config *cfg)
{
	return *cfg->base_url ? arena_printf(a, "%s%s", cfg->base_url, ROUTE_SMS_STATUS) : NULL;
}

static int send_round(struct app *app, struct twrest *t, struct arena *a, struct outbox_stats *st)
{
	return outbox_send_due(app->store, t, a, clock_now(), status_url(a, app->cfg), OUTBOX_BATCH, st);
}

/* Recordings Twilio has to delete: a round each time through the loop while
 * Twilio confirms; after a failed attempt the next round waits, doubling from
 * 30 s up to an hour, so an outage is not hammered. */
struct delete_backoff {
	time_t next;
	int delay;
};

static void delete_round(struct app *app, struct twrest *t, struct arena *a, struct delete_backoff *b)
{
	time_t now = time(NULL);
	if (now < b->next)
		return;
	struct gdpr_delete_stats st;
	if (gdpr_delete_recordings(app->store, t, a, 20, &st) != TF_OK)
		log_warn("deleting recordings failed, will try again");
	if (st.failed) {
		b->delay = b->delay ? (b->delay * 2 > 3600 ? 3600 : b->delay * 2) : 30;
		b->next = now + b->delay;
	} else {
		b->delay = 0;
		b->next = now;
	}
}

/* Checkpoints are this process's work, not the workers' (store_defer_maintenance).
 * A restart kept from finishing by a long reader is tried again after 1 s,
 * doubling up to 30 s, since each attempt makes writers wait a moment. */
struct checkpoint_backoff {
	long long next_us;
	int delay_ms;
};

static void checkpoint_round(struct app *app, struct checkpoint_backoff *b)
{
	long long now = clock_mono_us();
	int restart = now >= b->next_us ? STORE_MAINTAIN_RESTART_PAGES : INT_MAX;
	int err = store_maintain(app->store, restart, NULL);
	if (err == TF_EBUSY && restart != INT_MAX) {
		b->delay_ms = b->delay_ms ? (b->delay_ms * 2 > 30000 ? 30000 : b->delay_ms * 2) : 1000;
		b->next_us = now + (long long)b->delay_ms * 1000;
	} else if (err == TF_OK && restart != INT_MAX) {
		b->delay_ms = 0;
	} else if (err != TF_EBUSY) {
		log_warn("checkpoint failed, will try again");
	}
}

/* The studios' CalDAV calendars: busy times read when due (every few
 * minutes, or at once when asked for), and queued bookings written. A server
 * that is down costs at most its timeout; the last good copy stays in use. */
static void calendar_round(struct app *app, struct arena *a)
{
	struct calendar_sync_stats st = { 0 };
	if (calendar_sync_due(app->store, a, clock_now(), 0, &st) != TF_OK)
		log_warn("reading caldav calendars failed, will try again");
	if (calendar_write_due(app->store, a, clock_now(), calendar_uid_host(a, app->cfg->base_url), 8, &st) != TF_OK)
		log_warn("writing bookings to caldav failed, will try again");
}

int jobs_background_main(const struct config *cfg)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	struct app app;
	if (app_worker_init(&app, cfg) != TF_OK)
		return 1;
	struct twrest *t = NULL;
	if (callbacks_open_twilio(cfg, &t) != TF_OK)
		log_warn("no TWILIO_ACCOUNT_SID: SMS stay queued until it is set");
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	log_info("background sender ready");
	time_t last_remind = 0;
	struct delete_backoff backoff = { 0, 0 };
	struct callbacks_background handoff = { 0 };
	struct checkpoint_backoff ckpt = { 0, 0 };
	while (!jobs_stop) {
		if (t)
			delete_round(&app, t, &a, &backoff);
		callbacks_background_step(&app, t, &a, &handoff);   /* callbacks.c: callbacks, recording starts */
		calendar_round(&app, &a);
		struct outbox_stats st = { 0 };
		if (t && send_round(&app, t, &a, &st) != TF_OK)
			log_warn("sending SMS failed, will try again");
		if (time(NULL) - last_remind >= 60) {
			int queued = 0;
			if (booking_remind(app.store, &a, clock_now(), cfg->twilio_phone_number, &queued) != TF_OK)
				log_warn("queuing reminders failed, will try again");
			last_remind = time(NULL);
		}
		arena_reset(&a);
		checkpoint_round(&app, &ckpt);
		/* Busy rounds go on at once; an idle outbox is looked at every
		 * second, the WAL ten times a second. */
		for (int i = 0; i < 10 && st.sent + st.retried + st.failed == 0 && !jobs_stop; i++) {
			usleep(100000);
			checkpoint_round(&app, &ckpt);
		}
	}
	arena_free(&a);
	twrest_close(t);
	app_worker_close(&app);
	log_info("background sender stopped");
	return 0;
}

int jobs_send_sms_main(int argc, char **argv, const struct config *cfg)
{
	struct app app;
	struct twrest *t;
	if (callbacks_open_twilio(cfg, &t) != TF_OK) {
		fprintf(stderr, "terminfon: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are needed to send SMS\n");
		return 1;
	}
	if (app_worker_init(&app, cfg) != TF_OK) {
		twrest_close(t);
		return 1;
	}
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct outbox_stats total = { 0 };
	int err = TF_OK;
	for (;;) {
		struct outbox_stats st = { 0 };
		err = send_round(&app, t, &a, &st);
		arena_reset(&a);
		total.sent += st.sent;
		total.retried += st.retried;
		total.failed += st.failed;
		if (err || st.sent + st.retried + st.failed == 0)
			break;
	}
	arena_free(&a);
	twrest_close(t);
	app_worker_close(&app);
	printf("%d sent, %d to retry, %d failed\n", total.sent, total.retried, total.failed);
	return err ? 1 : 0;
}

int jobs_remind_main(int argc, char **argv, const struct config *cfg)
{
	struct app app;
	if (app_worker_init(&app, cfg) != TF_OK)
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	int queued = 0;
	int err = booking_remind(app.store, &a, clock_now(), cfg->twilio_phone_number, &queued);
	arena_free(&a);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: reminders failed: %s\n", tf_strerror(err));
		return 1;
	}
	printf("%d reminder(s) queued\n", queued);
	return 0;
}
