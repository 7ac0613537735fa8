/* store_calendar.h: what the store keeps for a studio's own calendar
 * (store_calendar.c): the feed's keys, the appointments the feed shows, the
 * CalDAV calendar with its last good copy of busy times, and the queue of
 * bookings written to it. Conventions as in store.h. */
#ifndef TERMINFON_STORE_CALENDAR_H
#define TERMINFON_STORE_CALENDAR_H

#include "store.h"

/* ---- feed keys ---- */

struct store_calkey {
	int64_t id, studio_id;
	const char *label;
	bool full_names;
	int64_t created_utc;
	bool revoked;
	const char *last_used_at;       /* 'YYYY-MM-DD HH:MM:SS' UTC, NULL: never */
};

/* Records a key by its hash (64 hex digits); *id gets its id. */
int store_calkey_add(struct store *s, int64_t studio_id, const char *key_hash, const char *label, bool full_names,
                     int64_t now_utc, int64_t *id);
/* The key with this hash, revoked or not; TF_ENOTFOUND when none. Notes the
 * use (at most once an hour, so polling writes next to nothing). */
int store_calkey_use(struct store *s, struct arena *a, const char *key_hash, int64_t now_utc,
                     struct store_calkey *out);
/* Keys of a studio (0: all), newest first (arena array). */
int store_calkey_list(struct store *s, struct arena *a, int64_t studio_id, struct store_calkey **out, size_t *n);
/* Revokes key id as of now; TF_ENOTFOUND for an unknown id. *studio_id
 * (may be NULL) gets the key's studio; a revoked key stays revoked. */
int store_calkey_revoke(struct store *s, int64_t id, int64_t now_utc, int64_t *studio_id);

/* ---- what the feed and CalDAV show of appointments ---- */

/* An appointment as the studio's calendar shows it: a booking and all its
 * moves are one event (uid_id: the first appointment's id; sequence: moves so
 * far, +1 when cancelled). Only the last appointment of such a chain is an
 * item. */
struct store_cal_item {
	int64_t id, uid_id, lead_id;
	int sequence;
	int64_t start_utc, end_utc;
	int64_t changed_utc;            /* the last change of the chain */
	const char *status;             /* booked, cancelled, completed, no_show */
	const char *name, *phone;       /* clear; NULL when not known or unreadable */
	const char *source;
};

/* The items of a studio whose appointment starts at or after from_utc (test
 * sessions left out), by start (arena array). */
int store_cal_items(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc,
                    struct store_cal_item **out, size_t *n);
/* The item of the chain appointment_id belongs to; TF_ENOTFOUND when none. */
int store_cal_item_of(struct store *s, struct arena *a, int64_t appointment_id, struct store_cal_item *out);

/* A studio's calendar version: moves on with every change of its
 * appointments or of their callers' names and numbers (0: none yet). */
int store_calendar_version(struct store *s, int64_t studio_id, int64_t *version);

/* ---- CalDAV ---- */

struct store_caldav {
	int64_t studio_id;
	const char *url, *username;
	const char *password;           /* clear; only when asked for; NULL when none or unreadable */
	bool password_unreadable;       /* sealed under a key no longer configured */
	bool write_bookings;
	int64_t next_sync_utc;
	bool has_fetched;
	int64_t fetched_utc;            /* the last good copy */
	const char *tried_at;           /* NULL: never */
	const char *last_error;         /* NULL after a good read */
	int busy_count;
	int64_t created_utc;            /* when it was set */
};

/* Sets (or replaces) a studio's calendar; due for a read at once. With
 * write_bookings, the studio's standing future appointments are queued for
 * writing too. */
int store_caldav_set(struct store *s, int64_t studio_id, const char *url, const char *username, const char *password,
                     bool write_bookings, int64_t now_utc);
/* Removes it with its busy times and queued writes; TF_ENOTFOUND when none. */
int store_caldav_remove(struct store *s, int64_t studio_id);
/* Every studio's calendar (with_password: opened), by studio (arena array). */
int store_caldav_list(struct store *s, struct arena *a, bool with_password, struct store_caldav **out, size_t *n);
/* Makes the calendar of a studio (0: every studio) due for a read now;
 * *n (may be NULL) gets how many. */
int store_caldav_request_sync(struct store *s, int64_t studio_id, int *n);
/* A good read: the studio's busy times become these, in one transaction. */
int store_caldav_busy_replace(struct store *s, int64_t studio_id, const struct schedule_block *v, size_t n,
                              int64_t now_utc, int64_t next_utc);
/* A failed read: the last good copy stays; why (never a secret) is kept. */
int store_caldav_failed(struct store *s, int64_t studio_id, int64_t now_utc, int64_t next_utc, const char *why);
/* The busy intervals of a studio that overlap [from_utc, to_utc), sorted
 * and disjoint, as schedule_studio.blocked wants them (arena array). */
int store_calendar_busy(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                        struct schedule_block **out, size_t *n);

/* ---- bookings written to CalDAV ---- */

struct store_caldav_write {
	int64_t id, studio_id, appointment_id;
	int attempts;                   /* this one included */
};

/* Claims up to max due writes (queued, or sending whose lease ran out) for
 * lease_s seconds (arena array). */
int store_caldav_write_claim(struct store *s, struct arena *a, int64_t now_utc, int lease_s, size_t max,
                             struct store_caldav_write **out, size_t *n);
int store_caldav_write_done(struct store *s, int64_t id);
/* Back to the queue until next_utc, or failed for good; error is short. */
int store_caldav_write_retry(struct store *s, int64_t id, int64_t next_utc, const char *error);
int store_caldav_write_failed(struct store *s, int64_t id, const char *error);
/* Events of erased bookings to delete from a studio's calendar. */
struct store_caldav_delete {
	int64_t id, studio_id, uid_id;
	int attempts;                   /* this one included */
};

/* Up to max due deletions (arena array). */
int store_caldav_deletes_due(struct store *s, struct arena *a, int64_t now_utc, size_t max,
                             struct store_caldav_delete **out, size_t *n);
/* Done: the row goes. */
int store_caldav_delete_done(struct store *s, int64_t id);
/* Again at next_utc. */
int store_caldav_delete_retry(struct store *s, int64_t id, int64_t next_utc);
/* Makes a studio's queued writes due now (its server answered again). */
int store_caldav_writes_release(struct store *s, int64_t studio_id);
/* Writes waiting (queued or sending) over all studios. */
int store_caldav_write_backlog(struct store *s, long long *n);

#endif
