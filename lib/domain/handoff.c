/* handoff.c: staff lines and the waiting line, the end of transfers,
 * callbacks placed inside opening hours with retries, and recording starts. */
#include "handoff.h"
#include "err.h"
#include "log.h"
#include "schedule.h"
#include "studio.h"
#include "twrest.h"

#include <stdio.h>
#include <string.h>

/* ---- words ---- */

void handoff_hold_words(char *out, size_t n, int position, bool first, bool changed)
{
	char where[96];
	if (position <= 1)
		snprintf(where, sizeof(where), "%s als Nächstes an der Reihe.",
		         first ? "Sie sind" : changed ? "Sie sind jetzt" : "Sie sind weiterhin");
	else
		snprintf(where, sizeof(where), "%s an Position %d der Warteschlange.",
		         first ? "Sie sind" : changed ? "Sie sind jetzt" : "Sie sind weiterhin", position);
	if (first)
		snprintf(out, n, "Im Moment sind leider alle Kolleginnen und Kollegen im Gespräch. %s "
		         "Bitte bleiben Sie dran, wir verbinden Sie, sobald jemand frei ist.", where);
	else if (changed)
		snprintf(out, n, "Vielen Dank für Ihre Geduld. %s", where);
	else
		snprintf(out, n, "Vielen Dank, dass Sie warten. %s", where);
}

const char *handoff_consent_notice(bool running)
{
	return running ? "Wie bei Ihrem letzten Anruf wird auch dieses Gespräch zur Qualitätssicherung aufgezeichnet. "
	                 "Wenn Sie das nicht möchten, sagen Sie einfach nein oder drücken Sie die 2."
	               : "Zur Qualitätssicherung wird dieses Gespräch aufgezeichnet. "
	                 "Wenn Sie das nicht möchten, sagen Sie einfach nein oder drücken Sie die 2.";
}

int handoff_callback_greeting(char *out, size_t n, const char *studio_name, const char *name, int local_hour)
{
	const char *hello = local_hour < 11 ? "Guten Morgen" : local_hour < 18 ? "Guten Tag" : "Guten Abend";
	int w = snprintf(n ? out : NULL, n,
	                 "%s%s%s! Hier ist %s. Sie hatten um einen Rückruf gebeten, deshalb melden wir uns bei Ihnen. "
	                 "Wie kann ich Ihnen helfen? Möchten Sie einen Termin vereinbaren, verschieben oder absagen?",
	                 hello, name && *name ? ", " : "", name && *name ? name : "",
	                 studio_name && *studio_name ? studio_name : "Ihr Studio");
	return (w < 0 || (size_t)w >= n) ? TF_ELIMIT : TF_OK;
}

/* ---- the lines and the waiting line ---- */

/* The studio whose staff answer this number; NULL for any other number. */
static const struct store_studio *line_owner(const struct store_studios *all, const char *number)
{
	for (size_t i = 0; number && i < all->n; i++)
		if (*all->list[i].transfer_number && strcmp(all->list[i].transfer_number, number) == 0)
			return &all->list[i];
	return NULL;
}

static int sweep(struct store *s, int64_t now)
{
	int n = 0;
	int err = store_handoff_sweep(s, now, now - HANDOFF_CONNECTED_STALE_S, now - HANDOFF_WAITING_STALE_S, &n);
	if (err == TF_OK && n > 0) {
		char num[16];
		snprintf(num, sizeof(num), "%d", n);
		log_warn("stale transfers ended: their calls never reported an end", "count", num);
	}
	return err;
}

static void dial(struct handoff_step *out, const struct store_handoff *h, bool from_queue)
{
	out->action = HANDOFF_DIAL;
	out->number = h->number;
	out->caller_id = h->caller_id && *h->caller_id ? h->caller_id : NULL;
	out->studio_id = h->studio_id;
	out->from_queue = from_queue;
	out->say = from_queue ? "Vielen Dank fürs Warten. Ich verbinde Sie jetzt." : NULL;
}

static int hold(struct arena *a, struct handoff_step *out, int position, bool first, bool changed)
{
	char words[384];
	handoff_hold_words(words, sizeof(words), position, first, changed);
	out->action = HANDOFF_HOLD;
	out->position = position;
	out->say = arena_strdup(a, words);
	return out->say ? TF_OK : TF_ENOMEM;
}

int handoff_enter(struct store *s, struct arena *a, const char *call_sid, const char *number, const char *caller_id,
                  int64_t now_utc, struct handoff_step *out)
{
	memset(out, 0, sizeof(*out));
	if (call_sid == NULL || *call_sid == '\0' || number == NULL || *number == '\0')
		return TF_EINVAL;
	const struct store_studios *all;
	int err = store_studios(s, &all);
	if (err)
		return err;
	const struct store_studio *studio = line_owner(all, number);
	if ((err = store_begin(s)) != TF_OK)
		return err;
	if ((err = store_lock(s, STORE_LOCK_WAITING_LINE, 0)) != TF_OK || (err = sweep(s, now_utc)) != TF_OK)
		goto fail;

	struct store_handoff h;
	err = store_handoff_open(s, a, call_sid, &h);
	if (err == TF_OK) {
		/* The same request again (a repeated webhook): answer from the row. */
		if (h.state == STORE_HANDOFF_CONNECTED)
			dial(out, &h, false);
		else
			err = hold(a, out, h.position, false, false);
		if (err)
			goto fail;
		return store_commit(s);
	}
	if (err != TF_ENOTFOUND)
		goto fail;

	memset(&h, 0, sizeof(h));
	h.call_sid = call_sid;
	h.number = number;
	h.caller_id = caller_id ? caller_id : "";
	h.studio_id = studio ? studio->id : 0;
	h.enqueued_utc = h.seen_utc = now_utc;
	bool counted = studio && studio->staff_lines > 0;
	int connected = 0, ahead = 0;
	if (counted && (err = store_handoff_line(s, studio->id, 0, 0, &connected, &ahead)) != TF_OK)
		goto fail;
	if (!counted || (ahead == 0 && connected < studio->staff_lines)) {
		h.state = STORE_HANDOFF_CONNECTED;
		h.started_utc = now_utc;
		dial(out, &h, false);
	} else if (studio->max_wait_seconds == 0) {
		/* No waiting line at this studio: the caller is offered a callback. */
		out->action = HANDOFF_TIMEOUT;
		out->studio_id = studio->id;
		return store_commit(s);
	} else {
		h.state = STORE_HANDOFF_WAITING;
		h.position = ahead + 1;
		if ((err = hold(a, out, h.position, true, false)) != TF_OK)
			goto fail;
		out->studio_id = studio->id;
		if ((err = store_handoff_call_outcome(s, call_sid, "waiting")) != TF_OK && err != TF_ENOTFOUND)
			goto fail;
	}
	int64_t id;
	if ((err = store_handoff_insert(s, &h, &id)) != TF_OK)
		goto fail;
	if ((err = store_commit(s)) != TF_OK)
		return err;
	if (out->action == HANDOFF_HOLD) {
		char pos[16];
		snprintf(pos, sizeof(pos), "%d", out->position);
		log_info("caller waits for a person", "studio", studio->slug, "position", pos);
	}
	return TF_OK;
fail:
	store_rollback(s);
	return err;
}

int handoff_check(struct store *s, struct arena *a, const char *call_sid, int64_t now_utc, struct handoff_step *out)
{
	memset(out, 0, sizeof(*out));
	if (call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
	const struct store_studios *all;
	int err = store_studios(s, &all);
	if (err)
		return err;
	if ((err = store_begin(s)) != TF_OK)
		return err;
	if ((err = store_lock(s, STORE_LOCK_WAITING_LINE, 0)) != TF_OK || (err = sweep(s, now_utc)) != TF_OK)
		goto fail;
	struct store_handoff h;
	err = store_handoff_open(s, a, call_sid, &h);
	if (err == TF_ENOTFOUND) {
		out->action = HANDOFF_GONE;
		return store_commit(s);
	}
	if (err)
		goto fail;
	if (h.state == STORE_HANDOFF_CONNECTED) {
		dial(out, &h, true);
		return store_commit(s);
	}

	const struct store_studio *studio = h.studio_id ? store_studio_by_id(all, h.studio_id) : NULL;
	int lines = studio ? studio->staff_lines : 0;
	int connected = 0, ahead = 0;
	if (lines > 0 && (err = store_handoff_line(s, h.studio_id, h.enqueued_utc, h.id, &connected, &ahead)) != TF_OK)
		goto fail;
	int position = ahead + 1;
	h.seen_utc = now_utc;
	/* First come, first served: the earliest waiting callers take the free
	 * lines; whoever is behind them waits even when a line is free now. */
	if (lines == 0 || position <= lines - connected) {
		h.state = STORE_HANDOFF_CONNECTED;
		h.started_utc = now_utc;
		h.position = 0;
		if ((err = store_handoff_update(s, &h)) != TF_OK)
			goto fail;
		if ((err = store_handoff_call_outcome(s, call_sid, "transferred")) != TF_OK && err != TF_ENOTFOUND)
			goto fail;
		dial(out, &h, true);
		out->studio_id = h.studio_id;
		if ((err = store_commit(s)) != TF_OK)
			return err;
		log_info("waiting caller put through", "studio", studio ? studio->slug : "-");
		return TF_OK;
	}
	if (now_utc - h.enqueued_utc >= studio->max_wait_seconds) {
		enum store_handoff_state was;
		if ((err = store_handoff_end(s, call_sid, now_utc, "timeout", &was)) != TF_OK)
			goto fail;
		out->action = HANDOFF_TIMEOUT;
		out->studio_id = h.studio_id;
		if ((err = store_commit(s)) != TF_OK)
			return err;
		log_info("waited too long, offering a callback", "studio", studio->slug);
		return TF_OK;
	}
	bool changed = position != h.position;
	h.position = position;
	h.checks++;
	if ((err = store_handoff_update(s, &h)) != TF_OK || (err = hold(a, out, position, false, changed)) != TF_OK)
		goto fail;
	out->studio_id = h.studio_id;
	return store_commit(s);
fail:
	store_rollback(s);
	return err;
}

int handoff_dial_result(struct store *s, const char *call_sid, const char *dial_status, int64_t now_utc)
{
	if (call_sid == NULL || *call_sid == '\0')
		return TF_EINVAL;
	const char *outcome = dial_status && *dial_status ? dial_status : "unknown";
	int err = store_begin(s);
	if (err)
		return err;
	enum store_handoff_state was;
	if ((err = store_handoff_end(s, call_sid, now_utc, outcome, &was)) != TF_OK)
		goto fail;
	if (strcmp(outcome, "completed") == 0 || strcmp(outcome, "answered") == 0) {
		err = store_handoff_call_outcome(s, call_sid, "transferred");
		if (err && err != TF_ENOTFOUND)
			goto fail;
	}
	return store_commit(s);
fail:
	store_rollback(s);
	return err;
}

static bool final_status(const char *st)
{
	static const char *const finals[] = { "completed", "busy", "failed", "no-answer", "canceled" };
	for (size_t i = 0; st && i < sizeof(finals) / sizeof(finals[0]); i++)
		if (strcmp(st, finals[i]) == 0)
			return true;
	return false;
}

int handoff_call_status(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                        const char *call_status, int64_t now_utc)
{
	if (!final_status(call_status) || call_sid == NULL || *call_sid == '\0')
		return TF_OK;
	int err = store_begin(s);
	if (err)
		return err;
	enum store_handoff_state was;
	if ((err = store_handoff_end(s, call_sid, now_utc, "hangup", &was)) != TF_OK)
		goto fail;
	if (was == STORE_HANDOFF_WAITING) {
		err = store_handoff_call_outcome(s, call_sid, "queue_abandoned");
		if (err && err != TF_ENOTFOUND)
			goto fail;
	}
	/* A call we placed for a callback request. */
	struct store_callback cb;
	err = store_callback_by_call(s, a, call_sid, &cb);
	if (err == TF_OK && strcmp(cb.status, "calling") == 0) {
		if (strcmp(call_status, "completed") == 0)
			err = store_callback_set(s, cb.id, "done", "answered", 0);
		else if (cb.attempts >= cfg->callback_attempts)
			err = store_callback_set(s, cb.id, "failed", call_status, 0);
		else
			/* The next attempt stays where placing it put it: the runner's
			 * clock decides, and its opening-hours rule applies again. */
			err = store_callback_set(s, cb.id, "pending", call_status, 0);
		if (err == TF_OK) {
			char id[24];
			snprintf(id, sizeof(id), "%lld", (long long)cb.id);
			log_info("callback call ended", "request", id, "status", call_status);
		}
	} else if (err == TF_ENOTFOUND) {
		err = TF_OK;
	}
	if (err)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return err;
}

int handoff_purge(struct store *s, int64_t now_utc, int *n)
{
	/* Webhook answers of calls whose end was never reported: a day is
	 * far longer than any call is retried. */
	int err = store_replies_purge(s, now_utc - 86400, NULL);
	return err ? err : store_handoff_purge(s, now_utc - HANDOFF_KEEP_S, n);
}

/* ---- callbacks ---- */

int handoff_callback_answered(struct store *s, struct arena *a, int64_t id, struct store_callback *out)
{
	int err = store_callback_get(s, a, id, out);
	if (err)
		return err;
	if (strcmp(out->status, "done") != 0 && strcmp(out->status, "cancelled") != 0)
		err = store_callback_set(s, id, "done", "answered", 0);
	return err;
}

static const struct store_studio *callback_studio(const struct store_studios *all, int64_t id)
{
	const struct store_studio *st = id ? store_studio_by_id(all, id) : NULL;
	for (size_t i = 0; st == NULL && i < all->n; i++)
		if (all->list[i].is_default)
			st = &all->list[i];
	return st ? st : all->n ? &all->list[0] : NULL;
}

/* Base URL without a trailing slash, "" when not set. */
static const char *base(struct arena *a, const struct config *cfg)
{
	const char *b = cfg->base_url ? cfg->base_url : "";
	size_t n = strlen(b);
	while (n > 0 && b[n - 1] == '/')
		n--;
	return arena_strndup(a, b, n);
}

int handoff_place_callbacks(struct store *s, struct twrest *t, struct arena *a, const struct config *cfg,
                            int64_t now_utc, size_t max, struct handoff_callback_stats *st)
{
	memset(st, 0, sizeof(*st));
	const char *b = base(a, cfg);
	if (b == NULL)
		return TF_ENOMEM;
	if (*b == '\0')
		return TF_ECONFIG;
	const struct store_studios *all;
	int err = store_studios(s, &all);
	if (err)
		return err;
	const char *from_default = cfg->twilio_phone_number ? cfg->twilio_phone_number : "";
	for (size_t i = 0; i < all->n; i++)
		if (!*from_default && *all->list[i].twilio_number)
			from_default = all->list[i].twilio_number;
	if (*from_default == '\0')
		return TF_ECONFIG;
	struct store_callback *due;
	size_t n;
	if ((err = store_callback_claim(s, a, now_utc, HANDOFF_CALLBACK_CLAIM_S, max, &due, &n)) != TF_OK)
		return err;
	int64_t retry_s = (int64_t)cfg->callback_retry_minutes * 60;
	/* Every request claimed leaves this loop placed, pending again or failed;
	 * on a store error the rest fall back to the queue when the claim's
	 * lease runs out. */
	for (size_t i = 0; i < n; i++) {
		struct store_callback *c = &due[i];
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)c->id);
		if (strcmp(c->status, "calling") == 0 && (c->last_result == NULL || strcmp(c->last_result, "placing") != 0)) {
			/* No final status came for the call placed last: unanswered.
			 * ("placing": a runner died before the call went out.) */
			if (c->attempts >= cfg->callback_attempts) {
				if ((err = store_callback_set(s, c->id, "failed", "lost", 0)) != TF_OK)
					return err;
				st->failed++;
				continue;
			}
		}
		if (c->phone == NULL || *c->phone == '\0') {
			if ((err = store_callback_set(s, c->id, "failed", "no_number", 0)) != TF_OK)
				return err;
			st->failed++;
			log_warn("callback request without a readable number", "request", id);
			continue;
		}
		const struct store_studio *studio = callback_studio(all, c->studio_id);
		struct schedule_studio cal;
		if (studio && studio_calendar(studio, &cal) == TF_OK && !schedule_open_at(&cal, now_utc)) {
			int64_t opens;
			if (schedule_next_opening(&cal, now_utc, &opens) != TF_OK)
				opens = now_utc + 86400;
			if ((err = store_callback_set(s, c->id, "pending", "closed", opens)) != TF_OK)
				return err;
			st->deferred++;
			continue;
		}
		const char *from = studio && *studio->twilio_number ? studio->twilio_number : from_default;
		const char *url = arena_printf(a, "%s%s?callback=%s", b, HANDOFF_CALLBACK_PATH, id);
		const char *status_url = arena_printf(a, "%s%s", b, HANDOFF_STATUS_PATH);
		const char *rec_url = arena_printf(a, "%s%s", b, HANDOFF_RECORDING_PATH);
		if (url == NULL || status_url == NULL || rec_url == NULL)
			return TF_ENOMEM;
		/* Recorded from the start only with the consent of the call that
		 * asked; the callback's welcome says so and still lets them refuse. */
		bool record = cfg->record_calls && c->consent && strcmp(c->consent, "given") == 0;
		char sid[TWREST_SID_MAX];
		int http = 0;
		int rc = twrest_create_call(t, from, c->phone, url, status_url, record, record ? rec_url : NULL, sid,
		                            sizeof(sid), &http);
		char masked[32];
		log_mask_phone(c->phone, masked, sizeof(masked));
		if (rc == TF_OK) {
			if ((err = store_callback_placed(s, c->id, sid, now_utc + retry_s)) != TF_OK)
				return err;
			st->placed++;
			char attempt[16];
			snprintf(attempt, sizeof(attempt), "%d", c->attempts + 1);
			log_info("callback placed", "request", id, "attempt", attempt, "to", masked, "call", sid);
			continue;
		}
		if (rc == TF_ETIMEOUT) {
			/* Twilio may have placed it: counted as an attempt whose end we
			 * do not hear of (answered, the webhook says so), never a second
			 * call at once. */
			if ((err = store_callback_placed(s, c->id, NULL, now_utc + retry_s)) != TF_OK)
				return err;
			st->retried++;
			log_warn("Twilio did not answer in time; the callback may ring", "request", id, "to", masked);
			continue;
		}
		char code[TWREST_FAILURE_MAX];
		twrest_last_failure(t, code, sizeof(code));
		if (rc == TF_EINVAL) {
			if ((err = store_callback_set(s, c->id, "failed", code, 0)) != TF_OK)
				return err;
			st->failed++;
			log_warn("Twilio refused the callback call", "request", id, "to", masked, "error", code);
			continue;
		}
		if ((err = store_callback_set(s, c->id, "pending", code, now_utc + 60)) != TF_OK)
			return err;
		st->retried++;
		if (rc == TF_EAUTH) {
			log_error("Twilio refused the credentials: TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is wrong");
			return TF_EAUTH;
		}
		log_warn("placing a callback failed, will try again", "request", id, "error", code);
	}
	return TF_OK;
}

int handoff_start_recordings(struct store *s, struct twrest *t, struct arena *a, const struct config *cfg,
                             int64_t now_utc, size_t max, int *started, int *failed)
{
	*started = *failed = 0;
	const char *b = base(a, cfg);
	if (b == NULL)
		return TF_ENOMEM;
	if (*b == '\0')
		return TF_ECONFIG;
	const char *cb = arena_printf(a, "%s%s", b, HANDOFF_RECORDING_PATH);
	if (cb == NULL)
		return TF_ENOMEM;
	struct store_recstart *due;
	size_t n;
	int err = store_recstart_claim(s, a, now_utc, HANDOFF_RECSTART_LEASE_S, max, &due, &n);
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		char sid[TWREST_SID_MAX];
		int http = 0;
		int rc = twrest_start_recording(t, due[i].call_sid, cb, sid, sizeof(sid), &http);
		if (rc == TF_OK) {
			err = store_recstart_started(s, due[i].id, due[i].call_sid, sid);
			(*started)++;
			log_info("recording started", "call", due[i].call_sid, "recording", sid);
			continue;
		}
		char code[TWREST_FAILURE_MAX];
		twrest_last_failure(t, code, sizeof(code));
		if (rc == TF_EINVAL || due[i].attempts >= HANDOFF_RECSTART_MAX_ATTEMPTS) {
			/* Refused (the call has ended) or given up: nothing is recorded. */
			err = store_recstart_failed(s, due[i].id, code);
			(*failed)++;
			log_warn("recording not started", "call", due[i].call_sid, "error", code);
		} else {
			err = store_recstart_retry(s, due[i].id, now_utc + 2 * due[i].attempts, code);
		}
	}
	return err;
}
