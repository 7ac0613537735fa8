/* outbox.c: at-least-once SMS delivery with back-off; nothing is lost when a
 * send fails or the sender dies (the claim's lease runs out and it is retried). */
#include "outbox.h"
#include "err.h"
#include "log.h"
#include "metrics.h"
#include "sms_sender.h"

#include <stdio.h>
#include <string.h>

/* Sent at Twilio, not yet marked sent in the database: written again first
 * thing on the next round. A full list stops claiming new messages. */
#define OUTBOX_UNRECORDED_MAX 64
static struct {
	int64_t id;
	char sid[TWREST_SID_MAX];
} unrecorded[OUTBOX_UNRECORDED_MAX];
static size_t nunrecorded;

static bool outbox_is_unrecorded(int64_t id)
{
	for (size_t i = 0; i < nunrecorded; i++)
		if (unrecorded[i].id == id)
			return true;
	return false;
}

/* Writes what was sent but not recorded; stops at the first failure. */
static int outbox_record_unrecorded(struct store *s)
{
	while (nunrecorded > 0) {
		int err = store_sms_sent(s, unrecorded[0].id, unrecorded[0].sid);
		if (err)
			return err;
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)unrecorded[0].id);
		log_info("sms recorded as sent after the database came back", "sms", id);
		memmove(&unrecorded[0], &unrecorded[1], (nunrecorded - 1) * sizeof(unrecorded[0]));
		nunrecorded--;
	}
	return TF_OK;
}

/* The message went out: write it, or remember it for the next round. */
static int outbox_sent(struct store *s, const struct store_sms *m, const char *sid, const char *id)
{
	int err = store_sms_sent(s, m->id, sid);
	if (err == TF_OK) {
		log_info("sms sent", "sms", id, "kind", m->kind);
		return TF_OK;
	}
	if (nunrecorded < OUTBOX_UNRECORDED_MAX) {
		unrecorded[nunrecorded].id = m->id;
		snprintf(unrecorded[nunrecorded].sid, sizeof(unrecorded[nunrecorded].sid), "%s", sid);
		nunrecorded++;
	}
	log_warn("sms sent, not yet recorded: written again once the database answers", "sms", id);
	return err;
}

int64_t outbox_backoff(int attempt, long retry_after_s)
{
	int64_t wait = 30;
	for (int i = 2; i < attempt && wait < 3600; i++)
		wait *= 2;
	if (wait > 3600)
		wait = 3600;
	if (retry_after_s > wait && retry_after_s <= 86400)
		wait = retry_after_s;
	return wait;
}

int outbox_send_due(struct store *s, struct twrest *t, struct arena *a, int64_t now_utc, const char *status_callback_url,
                    size_t max, struct outbox_stats *stats)
{
	struct store_sms *due;
	size_t n;
	int err = outbox_record_unrecorded(s);
	if (err)
		return err;
	err = store_sms_claim(s, a, now_utc, OUTBOX_LEASE_S, max, &due, &n);
	if (err)
		return err;
	for (size_t i = 0; i < n && err == TF_OK; i++) {
		const struct store_sms *m = &due[i];
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)m->id);
		if (outbox_is_unrecorded(m->id))
			continue;       /* sent already; its lease ran out before the write */
		if (m->obsolete) {
			/* Not a failure: nobody needs it any more. */
			err = store_sms_cancelled(s, m->id, "appointment no longer booked");
			continue;
		}
		if (m->to == NULL || m->body == NULL) {
			err = store_sms_failed(s, m->id, "unreadable");
			stats->failed++;
			continue;
		}
		if (m->from == NULL || *m->from == '\0') {
			/* Queued while its studio had no SMS sender: Twilio would refuse it. */
			err = store_sms_failed(s, m->id, SMS_NO_SENDER);
			metrics_inc(M_SMS_FAILED);
			stats->failed++;
			log_warn("sms failed for good", "sms", id, "error", SMS_NO_SENDER);
			continue;
		}
		char sid[TWREST_SID_MAX];
		int http = 0;
		int rc = twrest_send_sms(t, m->from, m->to, m->body, status_callback_url, sid, sizeof(sid), &http);
		if (rc == TF_OK) {
			metrics_inc(M_SMS_SENT);
			stats->sent++;
			err = outbox_sent(s, m, sid, id);
			continue;
		}
		metrics_inc(M_SMS_FAILED);
		char code[TWREST_FAILURE_MAX];
		twrest_last_failure(t, code, sizeof(code));
		if (rc == TF_EINVAL || m->attempts >= OUTBOX_MAX_ATTEMPTS) {
			err = store_sms_failed(s, m->id, code);
			stats->failed++;
			log_warn("sms failed for good", "sms", id, "error", code);
		} else {
			err = store_sms_retry(s, m->id, now_utc + outbox_backoff(m->attempts + 1, twrest_retry_after(t)), code);
			stats->retried++;
			log_warn("sms will be retried", "sms", id, "error", code);
		}
	}
	return err;
}
