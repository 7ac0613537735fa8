/* calendar.h: the studio's own calendar. The feed staff subscribe to (one
 * secret key per subscription, stored as a hash), and the studio's CalDAV
 * calendar: its busy times read by the background process into the store
 * (booking.c leaves them out of the free slots), and bookings written to it
 * from a queue. Nothing here runs on a Twilio webhook. */
#ifndef TERMINFON_CALENDAR_H
#define TERMINFON_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "store.h"

#define CALENDAR_KEY_LEN 64                 /* hex digits of a feed key */
#define CALENDAR_FEED_PAST_DAYS 90          /* the feed shows appointments from this long ago on */
#define CALENDAR_SYNC_INTERVAL_S 300        /* CalDAV busy times are read this often */
#define CALENDAR_SYNC_RETRY_S 60            /* after a failed read, again after this */
#define CALENDAR_STALE_S 3600               /* a copy older than this raises the alert */
#define CALENDAR_WRITE_LEASE_S 120
#define CALENDAR_WRITE_MAX_ATTEMPTS 30
#define CALENDAR_ETAG_LEN 36                /* quoted, with the NUL */

/* The hash a key is stored under (64 lower-case hex digits and a NUL).
 * TF_EINVAL for a key that is not CALENDAR_KEY_LEN hex digits. */
int calendar_key_hash(const char *key, char out[65]);

/* Makes a new feed key for a studio: key (64 hex digits and a NUL) is shown
 * once and never stored; *id gets its id. */
int calendar_key_create(struct store *s, int64_t studio_id, const char *label, bool full_names, int64_t now_utc,
                        char key[65], int64_t *id);

/* The feed of the studio `slug` for `key`, into out, with its ETag (quoted).
 * The ETag is made from what the feed is made of (the studio's calendar
 * version, the day its window starts, the studio's name, address and zone,
 * the key's kind, uid_host), not from the text: when if_none_match (may be
 * NULL) names it, *not_modified is set and nothing is built. TF_ENOTFOUND
 * for no such active studio, TF_EAUTH for a key that is malformed, unknown,
 * revoked or another studio's. uid_host names this installation in the
 * events' UIDs (BASE_URL's host; NULL: "terminfon"). */
int calendar_feed(struct store *s, struct arena *a, const char *slug, const char *key, int64_t now_utc,
                  const char *uid_host, const char *if_none_match, bool *not_modified, struct buf *out,
                  char etag[CALENDAR_ETAG_LEN]);

/* The host of a URL (BASE_URL) for UIDs, into the arena; NULL when none. */
const char *calendar_uid_host(struct arena *a, const char *base_url);

struct calendar_sync_stats {
	int read, failed;               /* calendars read well, and not */
	int written, retried, given_up; /* bookings written (or deleted) in CalDAV */
};

/* Reads the busy times of every CalDAV calendar that is due (or, with
 * studio_id, of that studio's at once), each into its studio's last good
 * copy; a failure keeps the copy and is logged and retried. Returns a
 * tf_err of the database only. */
int calendar_sync_due(struct store *s, struct arena *a, int64_t now_utc, int64_t studio_id,
                      struct calendar_sync_stats *st);

/* Writes up to max queued bookings to their studio's CalDAV calendar (PUT
 * of the event, DELETE when it no longer stands), retrying with back-off. */
int calendar_write_due(struct store *s, struct arena *a, int64_t now_utc, const char *uid_host, size_t max,
                       struct calendar_sync_stats *st);

/* Appends the calendar gauges (age of each studio's last good copy, writes
 * waiting) as Prometheus text. */
int calendar_render_metrics(struct store *s, struct arena *a, int64_t now_utc, struct buf *out);

#endif
