/* store.h: everything terminfon keeps, behind one interface. Only lib/store*.c
 * speak SQL (SQLite today); handlers call these functions, so a second backend
 * can be added behind this header. Personal data is sealed and unsealed here:
 * callers see plain text, the database file never does.
 *
 * Strings handed out are allocated in the arena passed in (per request) unless
 * said otherwise. Every function returns a tf_err: TF_EBUSY when the database
 * stayed locked past the busy timeout, TF_EFULL when the disk is full, TF_EDB
 * for other database failures. */
#ifndef TERMINFON_STORE_H
#define TERMINFON_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "civil.h"
#include "schedule.h"

struct store;
struct crypto;

/* Opens (creating) the database file in WAL mode with foreign keys on and a
 * busy handler that retries in short steps for busy_timeout_ms. crypto must
 * outlive the store. Statements are prepared once per connection, on first
 * use. One store per process: never share one across fork(). */
int store_open(struct store **out, const char *path, const struct crypto *crypto, int busy_timeout_ms);
void store_close(struct store *s);
/* The last SQLite message, for logs (never for callers). */
const char *store_errmsg(struct store *s);

/* Applies the compiled-in migrations of schema/ that are not applied yet, in
 * order, each in its own transaction. Safe when several processes race. */
int store_migrate(struct store *s, int *applied);
/* Loads the seed files of schema/seed (example studios, holidays); idempotent. */
int store_seed_example(struct store *s);

/* BEGIN IMMEDIATE: the write lock is taken now, so the transaction cannot
 * fail half-way on a lock upgrade. */
int store_begin(struct store *s);
int store_commit(struct store *s);
/* Safe to call when no transaction is open. */
void store_rollback(struct store *s);
/* Durable commits (synchronous=FULL) for what a caller heard confirmed. */
int store_set_durable(struct store *s, bool durable);
/* A cheap read that proves the database answers. */
int store_health(struct store *s);

/* ---- studios ---- */

#define STORE_MAX_RANGES 4
#define STORE_MAX_PREFIXES 16

struct store_studio {
	int64_t id;
	const char *slug, *name, *city, *address, *region, *timezone;
	const char *twilio_number, *transfer_number;    /* "" when not set */
	int slot_minutes, capacity, lead_minutes, horizon_days;
	int staff_lines, max_wait_seconds;
	int64_t overflow_studio_id;                     /* 0: none */
	bool is_default;
	struct { int opens, closes; } hours[7][STORE_MAX_RANGES];  /* minutes of the local day */
	int nranges[7];                                  /* 0 = Monday */
	const char *prefixes[STORE_MAX_PREFIXES];        /* caller prefixes, E.164 */
	int nprefixes;
	const struct civil_date *closed;                 /* sorted closed days (holidays of its region and its own) */
	size_t nclosed;
};

struct store_studios {
	const struct store_studio *list;
	size_t n;
};

/* All active studios with hours, prefixes and closed days. Cached in the
 * store and reloaded only when studio data changed (a version row bumped by
 * triggers); the pointers stay valid until the next call. */
int store_studios(struct store *s, const struct store_studios **out);
const struct store_studio *store_studio_by_id(const struct store_studios *all, int64_t id);

/* ---- leads and calls ---- */

struct store_lead {
	int64_t id;                 /* 0: no lead (caller ID withheld) */
	const char *name;           /* NULL when not known yet */
	int64_t studio_id;
	int call_count;
	bool created;               /* this call created it */
};

struct store_call {
	int64_t id;
	int64_t lead_id, studio_id;
	const char *status;
	const char *engine;
	const char *outcome;        /* NULL while open */
	const char *state;          /* dialog state JSON, NULL at the start */
	int turn;
	bool created;               /* this request created it */
};

struct store_call_open {
	const char *call_sid;
	const char *from;           /* caller's number as Twilio sent it */
	const char *to;
	const char *direction;
	const char *status;         /* CallStatus of the request */
	int64_t studio_id;          /* the studio the call was routed to */
};

/* In one transaction: finds the lead by the caller's number (keyed hash) or
 * creates it; opens the call log keyed by CallSid unless it exists (a repeated
 * webhook changes nothing). Withheld numbers ("anonymous", "") get no lead. */
int store_call_open(struct store *s, struct arena *a, const struct store_call_open *in,
                    struct store_lead *lead, struct store_call *call);

/* Loads a call and its lead by CallSid; TF_ENOTFOUND when unknown. */
int store_call_get(struct store *s, struct arena *a, const char *call_sid,
                   struct store_call *call, struct store_lead *lead);

/* Applies a call status event. Repeated or out-of-order events never move a
 * call backwards (queued < ringing < in-progress < final; the first final
 * status wins). duration < 0: not given. *changed says whether it moved.
 * Unknown CallSids get a call log of their own (calls we placed). */
int store_call_status(struct store *s, const char *call_sid, const char *status, int sequence,
                      int duration, bool *changed);

/* One turn of the conversation, whichever engine answered it. */
struct store_turn {
	const char *call_sid;
	int64_t lead_id;
	int turn;                   /* 1, 2, ...: the call's turn counter after this turn */
	const char *engine;         /* embedded, dialogflow */
	const char *text;           /* what the caller said (or "DTMF 1"); sealed */
	const char *reply;          /* what terminfon answered; sealed */
	const char *intent;
	double confidence;
	const char *entities;       /* JSON; sealed */
	double sentiment;
	const char *page;           /* the dialog step or CX page */
	long long latency_us;
	const char *state;          /* the dialog state after the turn (JSON); sealed */
	const char *outcome;        /* NULL: unchanged */
	double call_sentiment;      /* the call's running sentiment */
};

/* Saves a turn in one transaction: its log row, the call's state, turn
 * counter, engine and outcome. A turn number already logged (a repeated
 * delivery) is TF_ECONFLICT and changes nothing. */
int store_turn_save(struct store *s, const struct store_turn *t);

/* ---- callbacks ---- */

/* Records that a caller wants to be called back (once per call and reason). */
int store_callback_request(struct store *s, int64_t lead_id, int64_t studio_id, const char *call_sid,
                           const char *reason, bool *created);

/* ---- recordings ---- */

struct store_recording {
	const char *call_sid, *recording_sid, *url, *status, *source, *error_code;
	int duration, channels;     /* < 0: not given */
};

/* Inserts or updates the row of recording_sid (repeated callbacks update one row). */
int store_recording_upsert(struct store *s, const struct store_recording *r);

/* ---- appointments ---- */

struct store_appointment {
	int64_t id, lead_id, studio_id;
	int64_t start_utc, end_utc;
	const char *status;         /* booked, cancelled, completed, no_show, rescheduled */
	const char *source;         /* phone, dialogflow, admin */
	const char *call_sid;       /* NULL when not booked on a call */
	int64_t rescheduled_from;   /* 0: none */
};

/* Booked appointments of a studio starting in [from_utc, to_utc), as sorted
 * (start, count) pairs in the arena, for schedule_find. */
int store_busy(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
               struct schedule_busy **out, size_t *n);
/* How many booked appointments start at this instant. */
int store_booked_at(struct store *s, int64_t studio_id, int64_t start_utc, int *count);
/* The lead's next booked appointment starting after now; TF_ENOTFOUND if none. */
int store_lead_next_appointment(struct store *s, struct arena *a, int64_t lead_id, int64_t now_utc,
                                struct store_appointment *out);
int store_appointment_get(struct store *s, struct arena *a, int64_t id, struct store_appointment *out);
/* Inserts a booked appointment; *id gets its row id. */
int store_appointment_insert(struct store *s, const struct store_appointment *in, int64_t *id);
/* Appointments of a studio (any status) starting in [from_utc, to_utc), by time. */
int store_appointments_list(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                            struct store_appointment **out, size_t *n);
/* Sets the status (cancelled and rescheduled also stamp cancelled_at). */
int store_appointment_set_status(struct store *s, int64_t id, const char *status);

/* ---- leads ---- */

/* The lead's phone number in clear (arena). TF_ENOTFOUND for no such lead. */
int store_lead_phone(struct store *s, struct arena *a, int64_t lead_id, const char **phone);
int store_lead_set_status(struct store *s, int64_t lead_id, const char *status);
int store_lead_set_name(struct store *s, int64_t lead_id, const char *name);
int store_lead_set_sentiment(struct store *s, int64_t lead_id, double sentiment);

/* ---- SMS outbox ---- */

struct store_sms {
	int64_t id, lead_id, appointment_id;
	const char *kind;           /* confirmation, reschedule, cancellation, reminder */
	const char *dedupe_key;     /* queued at most once per key */
	const char *to, *from, *body;
	int attempts;
};

/* Queues an SMS unless one with the same dedupe key exists (*queued false then). */
int store_sms_enqueue(struct store *s, const struct store_sms *m, bool *queued);
/* Claims up to max due messages (queued, or sending with an expired lease) for
 * lease_s seconds and opens them into the arena: a sender that dies mid-way
 * leaves them to be claimed again after the lease. */
int store_sms_claim(struct store *s, struct arena *a, int64_t now_utc, int lease_s, size_t max,
                    struct store_sms **out, size_t *n);
int store_sms_sent(struct store *s, int64_t id, const char *message_sid);
/* Back to the queue until next_utc; error is a short code for the row. */
int store_sms_retry(struct store *s, int64_t id, int64_t next_utc, const char *error);
int store_sms_failed(struct store *s, int64_t id, const char *error);
/* A delivery status from Twilio (sent, delivered, undelivered, failed...);
 * never moves a message backwards. An unknown sid changes nothing. */
int store_sms_status(struct store *s, const char *message_sid, const char *status, const char *error_code);

/* Appointments that start within (now, now + within_s], still want their
 * reminder, and were booked at least min_notice_s before they start. */
int store_reminders_due(struct store *s, struct arena *a, int64_t now_utc, int within_s, int min_notice_s,
                        struct store_appointment **out, size_t *n);
int store_reminder_mark(struct store *s, int64_t appointment_id);

/* ---- time ---- */

/* 'YYYY-MM-DD HH:MM:SS' (UTC) of an instant, into out (20 bytes). */
void store_format_utc(int64_t utc, char out[20]);
/* The reverse; false when malformed. */
bool store_parse_utc(const char *s, int64_t *utc);

#endif
