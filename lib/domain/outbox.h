/* outbox.h: the sender that drains the SMS outbox through Twilio's REST API,
 * run by the supervisor's background process and by `terminfon send-sms`. */
#ifndef TERMINFON_OUTBOX_H
#define TERMINFON_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "store.h"
#include "twrest.h"

#define OUTBOX_LEASE_S 120          /* a claimed message is retried after this if the sender died */
#define OUTBOX_MAX_ATTEMPTS 30      /* about a day of back-off; then it is marked failed */
#define OUTBOX_BATCH 8              /* claimed at once: 8 sends at Twilio's 10 s limit fit the lease */

struct outbox_stats {
	int sent, retried, failed;
};

/* Sends up to max due messages. status_callback_url may be NULL (no delivery
 * reports). A message Twilio accepted whose "sent" could not be written (the
 * database went away in between) is remembered by this process and written
 * first on the next call, before anything new is claimed; it is never sent
 * again by this process (only a sender that dies in that moment leaves it to
 * its lease, the one window of a second send). A message Twilio refuses for good (a bad number) is marked failed;
 * one that meets a timeout, 429 or 5xx is retried with exponential back-off.
 * Returns a tf_err of the database only; Twilio failures are counted. */
int outbox_send_due(struct store *s, struct twrest *t, struct arena *a, int64_t now_utc, const char *status_callback_url,
                    size_t max, struct outbox_stats *stats);

/* Seconds to wait before attempt number `attempt` (2, 3, ...): 30 s doubling
 * up to an hour; a Retry-After from Twilio, when longer, wins. */
int64_t outbox_backoff(int attempt, long retry_after_s);

#endif
