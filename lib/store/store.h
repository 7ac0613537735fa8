/* store.h: everything terminfon keeps, behind one interface. Only lib/store/store*.c
 * speak SQL, through the driver interface db.h (SQLite or PostgreSQL);
 * handlers call these functions and never see which. Personal data is sealed and unsealed here:
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

/* Opens the database: path is a SQLite file (created, in WAL mode with
 * foreign keys on and a busy handler that retries in short steps for
 * busy_timeout_ms) or a postgresql:// URL. crypto must
 * outlive the store. Statements are prepared once per connection, on first
 * use. One store per process: never share one across fork(). */
int store_open(struct store **out, const char *path, const struct crypto *crypto, int busy_timeout_ms);
void store_close(struct store *s);
/* The database's last message, for logs (never for callers). */
const char *store_errmsg(struct store *s);

/* Applies the compiled-in migrations of schema/ that are not applied yet, in
 * order, each in its own transaction. Safe when several processes race. */
int store_migrate(struct store *s, int *applied);
/* Loads the seed files of schema/seed (example studios, holidays); idempotent. */
int store_seed_example(struct store *s);

/* Begins a transaction that will write. SQLite takes its one write lock
 * now (BEGIN IMMEDIATE), so the transaction cannot fail half-way on a lock
 * upgrade; PostgreSQL begins READ COMMITTED, and what reads, decides and
 * writes takes a store_lock first. */
int store_begin(struct store *s);
int store_commit(struct store *s);
/* Safe to call when no transaction is open. */
void store_rollback(struct store *s);
/* What store_lock serialises: two transactions that read, decide and write
 * the same thing must not both decide on what they read. */
enum store_lock {
	STORE_LOCK_BOOKING = 1,     /* a studio's appointments (id: the studio) */
	STORE_LOCK_WAITING_LINE,    /* the handoffs' waiting line (id: 0, all studios) */
	STORE_LOCK_MIGRATE,         /* store_migrate (id: 0) */
};
/* Within a transaction: waits (up to the busy timeout) for the lock of
 * what + id and holds it until the transaction ends. */
int store_lock(struct store *s, enum store_lock what, int64_t id);
/* store_begin for what a caller hears confirmed (a booking and its SMS):
 * store_commit returns only once the commit would survive a power cut
 * (SQLite: synchronous=FULL for this one transaction; later ones are
 * NORMAL again after store_commit or store_rollback). */
int store_begin_durable(struct store *s);
/* A cheap read that proves the database answers. */
int store_health(struct store *s);

/* Housekeeping between requests. With SQLite it is the checkpoint, which
 * copies the WAL into the database and fsyncs it. Left to SQLite (after the
 * commit that finds the WAL over 1,000 pages), under steady load it ran on
 * almost every commit: the WAL could not restart while the other workers
 * kept writing, so it stayed over the threshold and grew without bound, with
 * an fsync on the webhook's path each time. A worker calls
 * store_defer_maintenance: it then checkpoints only as a safety net, once per
 * safety_pages new pages, should the background process not keep up. The
 * background process calls store_maintain ten times a second. PostgreSQL's
 * server does this itself: both calls do nothing there. */
#define STORE_MAINTAIN_SAFETY_PAGES 32768    /* 128 MiB of 4 KiB pages */
#define STORE_MAINTAIN_RESTART_PAGES 16384   /* 64 MiB */
void store_defer_maintenance(struct store *s, int safety_pages);
/* Copies what it can without waiting (PASSIVE); when the WAL holds
 * restart_pages pages or more, waits for the writer and the readers
 * (RESTART, at most 50 ms, since writers wait meanwhile) so the next commit
 * writes the WAL from its start. *pages: the WAL's pages before, may be NULL
 * (0 where there is no WAL). TF_EBUSY when another connection kept it from
 * finishing: try the restart again after a pause, not at once. */
int store_maintain(struct store *s, int restart_pages, int *pages);

/* ---- studios ---- */

#define STORE_MAX_RANGES 4
#define STORE_MAX_PREFIXES 16

struct store_studio {
	int64_t id;
	const char *slug, *name, *city, *address, *region, *timezone;
	const char *twilio_number, *transfer_number;    /* "" when not set */
	const char *sms_sender;     /* "" when not set: TWILIO_PHONE_NUMBER sends (see sms_sender.h) */
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
	bool test;                  /* a test session (POST /dialogflow/test), no call: left out of every figure */
};

/* The direction of a test session's call log and the source of an
 * appointment it booked; such rows are left out of every statistic. */
#define STORE_TEST_SESSION "test"

struct store_call_open {
	const char *call_sid;
	const char *from;           /* caller's number as Twilio sent it */
	const char *to;
	const char *direction;
	const char *status;         /* CallStatus of the request */
	int64_t studio_id;          /* the studio the call was routed to */
	const char *consent;        /* recording consent to start with when none is set yet, or NULL */
};

/* In one transaction: finds the lead by the caller's number (keyed hash) or
 * creates it; opens the call log keyed by CallSid unless it exists (a repeated
 * webhook changes nothing) and sets in->consent as the recording consent when
 * the call has none yet. Withheld numbers ("anonymous", "") get no lead. */
int store_call_open(struct store *s, struct arena *a, const struct store_call_open *in,
                    struct store_lead *lead, struct store_call *call);

/* Loads a call and its lead by CallSid; TF_ENOTFOUND when unknown. */
int store_call_get(struct store *s, struct arena *a, const char *call_sid,
                   struct store_call *call, struct store_lead *lead);

/* The caller asked for another studio: the call belongs to studio_id from
 * now on (every later turn, whichever worker or engine takes it). An unknown
 * CallSid changes nothing. */
int store_call_set_studio(struct store *s, const char *call_sid, int64_t studio_id);

/* The outcome a call's final status (completed, busy, failed, ...) settles,
 * given the outcome so far (NULL: none) and the intent of its last turn
 * (NULL: none): see store_calls.c. Never NULL. */
const char *store_call_final_outcome(const char *outcome, const char *status, const char *last_intent);
/* Applies a call status event. Repeated or out-of-order events never move a
 * call backwards (queued < ringing < in-progress < final; the first final
 * status wins). duration < 0: not given. *changed says whether it moved.
 * Unknown CallSids get a call log of their own (calls we placed). The event
 * that makes a known call final settles its outcome (none yet: 'abandoned'
 * when completed, else 'failed'; 'waiting': 'queue_abandoned') and counts it
 * in terminfon_call_outcomes_total; repeated events count nothing, and the
 * outcome of an ended call no longer changes. */
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

/* ---- studio FAQ (schema 006) ---- */

/* One question a studio answers on the phone: comma-separated keywords (words
 * or phrases as callers say them) and the spoken German answer. */
struct store_faq {
	int64_t id, studio_id;
	const char *topic;           /* short label, unique per studio: "preise" */
	const char *keywords;
	const char *answer;
	const char *created_at, *updated_at;   /* UTC "YYYY-MM-DD HH:MM:SS" */
};
#define STORE_FAQ_MAX 64         /* rows read for one studio */

/* A studio's FAQ rows by id (at most STORE_FAQ_MAX), in the arena; *n = 0 when none. */
int store_faq_list(struct store *s, struct arena *a, int64_t studio_id, struct store_faq **out, size_t *n);
/* One row of a studio; TF_ENOTFOUND when the studio has no row of that id. */
int store_faq_get(struct store *s, struct arena *a, int64_t studio_id, int64_t id, struct store_faq *out);
/* Inserts f (f->id == 0; *id gets the new id) or updates the row f->id of
 * f->studio_id. TF_ECONFLICT when the studio already has another row with
 * that topic, TF_ENOTFOUND for an update of no such row. now_utc stamps it. */
int store_faq_put(struct store *s, const struct store_faq *f, int64_t now_utc, int64_t *id);
/* Deletes a studio's row; TF_ENOTFOUND when there is none. */
int store_faq_delete(struct store *s, int64_t studio_id, int64_t id);

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
	bool obsolete;              /* a reminder of an appointment no longer booked */
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
/* Not sent because nobody needs it any more (a reminder of an appointment
 * no longer booked): status 'cancelled', why in last_error. */
int store_sms_cancelled(struct store *s, int64_t id, const char *why);

/* SMS as operators see them (admin API, dashboard): never the body. */
struct store_sms_row {
	int64_t id, lead_id, appointment_id;    /* 0: none */
	int64_t studio_id;                      /* the appointment's studio; 0: none */
	const char *kind, *from, *status;
	const char *to;                         /* clear, only with store_sms_filter.with_to; NULL when unreadable */
	bool with_to;
	int attempts;
	const char *message_sid, *last_error, *sent_at;   /* NULL when not set */
	const char *created_at, *updated_at;    /* 'YYYY-MM-DD HH:MM:SS' UTC */
};

/* What store_sms_list is narrowed to; zero values narrow nothing. */
struct store_sms_filter {
	const char *status;                     /* queued, sending, sent, delivered, undelivered, failed, cancelled */
	bool not_delivered;                     /* only failed and undelivered */
	int64_t studio_id, lead_id;
	bool has_from, has_to;                  /* bounds of the last change (updated_at), [from, to) */
	int64_t from_utc, to_utc;
	bool with_to;                           /* open the recipient's number too */
};

/* SMS, most recently changed first: up to limit rows after skipping offset,
 * as an arena array; *more (may be NULL) says whether rows follow. */
int store_sms_list(struct store *s, struct arena *a, const struct store_sms_filter *f, int limit, int64_t offset,
                   struct store_sms_row **out, size_t *n, bool *more);
/* A delivery status from Twilio (sent, delivered, undelivered, failed...);
 * never moves a message backwards. An unknown sid changes nothing. */
int store_sms_status(struct store *s, const char *message_sid, const char *status, const char *error_code);

/* Appointments that start within (now, now + within_s], still want their
 * reminder, and were booked at least min_notice_s before they start. */
int store_reminders_due(struct store *s, struct arena *a, int64_t now_utc, int within_s, int min_notice_s,
                        struct store_appointment **out, size_t *n);
int store_reminder_mark(struct store *s, int64_t appointment_id);

/* ---- Dialogflow CX ---- */

/* How many turns of the call the embedded engine answered, not counting
 * transfer results (DialCallStatus turns) and the turn right after one: on a
 * call that Dialogflow CX should answer, the turns it failed on. 0 for an
 * unknown call. */
int store_call_embedded_turns(struct store *s, const char *call_sid, int *n);

/* ---- admin API (store_admin.c) ---- */

/* A lead as operators see it. Sealed values that do not open (sealed with a
 * key no longer configured) come back NULL with `unreadable` set. */
struct store_lead_info {
	int64_t id;
	const char *phone;              /* E.164, clear */
	const char *name, *email;       /* NULL when not known */
	int64_t studio_id;              /* 0: none */
	const char *status, *source;
	double sentiment;
	bool has_sentiment;
	int call_count;
	const char *last_call_at;       /* 'YYYY-MM-DD HH:MM:SS' UTC, NULL: never */
	const char *created_at, *updated_at;
	bool unreadable;
};

struct store_call_info {
	int64_t id;
	const char *call_sid;
	int64_t lead_id, studio_id;     /* 0: none */
	const char *direction, *to_number, *status, *outcome, *engine;  /* outcome NULL while open */
	int turn;
	int duration;                   /* seconds, -1: not known */
	double sentiment;
	bool has_sentiment;
	const char *started_at, *ended_at;   /* ended_at NULL while open */
	const char *recording_consent;  /* NULL: not asked */
	const char *state;              /* the dialog state JSON, only with store_list_filter.with_state */
};

/* Filters of the lists below; zero values filter nothing. Instants are UTC
 * seconds; a range is [from_utc, to_utc). */
/* What the admin lists of calls and appointments are narrowed to (0, NULL or
 * false: not narrowed); the times are on the call's or appointment's start. */
struct store_list_filter {
	int64_t lead_id, studio_id;
	const char *status;
	bool has_from, has_to;
	int64_t from_utc, to_utc;
	bool with_state;                /* calls: open the sealed dialog state too (export) */
};

/* The lead whose number this is, trying the keyed hash under every configured
 * key (numbers hashed under an older key are found until `terminfon rekey`
 * has run). phone is normalised as crypto_phone_normalize does.
 * TF_ENOTFOUND when no lead has it; TF_EINVAL for a malformed number. */
int store_admin_lead_by_phone(struct store *s, struct arena *a, const char *phone, struct store_lead_info *out);
/* TF_ENOTFOUND when there is no such lead. */
int store_admin_lead_get(struct store *s, struct arena *a, int64_t id, struct store_lead_info *out);
/* Leads, newest first; status NULL for all, studio_id 0 for every studio
 * (else the leads whose studio it is). Up to limit rows after skipping
 * offset; *more says whether rows follow. Arrays live in the arena. */
int store_admin_leads(struct store *s, struct arena *a, const char *status, int64_t studio_id, int limit,
                      int64_t offset, struct store_lead_info **out, size_t *n, bool *more);
/* Calls, newest first (lead filter: oldest first, for a lead's history). */
int store_admin_calls(struct store *s, struct arena *a, const struct store_list_filter *f, int limit, int64_t offset,
                      struct store_call_info **out, size_t *n, bool *more);
/* Appointments by start time. */
int store_admin_appointments(struct store *s, struct arena *a, const struct store_list_filter *f, int limit,
                             int64_t offset, struct store_appointment **out, size_t *n, bool *more);
/* Appends a row to audit_log (who did what to which record). target never
 * holds personal data ("lead:42"). */
int store_audit(struct store *s, const char *actor, const char *action, const char *target);
/* The scope and id of the token the current admin request came with, which
 * every audit row written until the next call names beside the actor (the
 * erasure's own row included). The strings must live until the context is
 * cleared with NULLs; the router sets it before a handler and clears it after. */
void store_audit_context(struct store *s, const char *scope, const char *token_id);

/* ---- admin tokens (store_tokens.c) ---- */

/* A minted admin token as recorded; the token itself is never stored. */
struct store_token {
	const char *id;                 /* its "jti" */
	const char *subject, *scope;    /* scope: "stats" or "admin" */
	int64_t studio_id;              /* 0: every studio */
	int64_t created_utc, expires_utc;
	bool revoked;
	int64_t revoked_utc;
	const char *revoked_by;         /* NULL unless revoked */
};

/* Records a token just minted (id, subject, scope, studio_id, created_utc,
 * expires_utc of t), and drops the rows that expired more than a day before
 * created_utc. TF_EINVAL on empty fields or an expiry not after creation,
 * TF_ECONFLICT when the id exists. */
int store_token_add(struct store *s, const struct store_token *t);
/* One token by id, strings in the arena; TF_ENOTFOUND when no row has it. */
int store_token_get(struct store *s, struct arena *a, const char *id, struct store_token *out);
/* Revokes a token as of now_utc, naming who did it. TF_ENOTFOUND for an
 * unknown id; a token revoked before stays as it was and sets *already. */
int store_token_revoke(struct store *s, const char *id, const char *by, int64_t now_utc, bool *already);
/* Tokens that have not expired by now_utc, and revoked ones still kept,
 * newest first (arena array). */
int store_tokens_list(struct store *s, struct arena *a, int64_t now_utc, struct store_token **out, size_t *n);

/* ---- GDPR: export, erasure, retention, key rotation (store_gdpr.c) ---- */

struct store_turn_info {
	int64_t id;
	const char *call_sid;
	int turn;
	const char *engine, *intent, *page;
	const char *text, *reply, *entities;   /* clear; NULL when purged or unreadable */
	double confidence, sentiment;
	long long latency_us;
	const char *created_at;
};

struct store_sms_info {
	int64_t id, appointment_id;             /* 0: none */
	const char *kind, *to, *from, *body;    /* to and body clear; NULL when unreadable */
	const char *status, *message_sid, *last_error, *sent_at, *created_at;
	int attempts;
};

struct store_callback_info {
	int64_t id, studio_id;
	const char *call_sid, *reason, *status, *last_result, *last_call_sid, *created_at;
	int attempts;
};

struct store_handoff_info {
	int64_t id, studio_id;
	const char *call_sid, *number, *state, *outcome;
	const char *enqueued_at, *started_at, *ended_at;
};

struct store_recording_info {
	int64_t id;
	const char *call_sid, *recording_sid, *url, *status, *source;
	int duration;                           /* -1: not known */
	const char *created_at, *delete_requested_at, *deleted_at;
};

/* Everything of one lead, oldest first, into arena arrays: the turns of its
 * calls, its SMS, callback requests and the recordings of its calls. */
int store_gdpr_turns(struct store *s, struct arena *a, int64_t lead_id, struct store_turn_info **out, size_t *n);
int store_gdpr_sms(struct store *s, struct arena *a, int64_t lead_id, struct store_sms_info **out, size_t *n);
int store_gdpr_callbacks(struct store *s, struct arena *a, int64_t lead_id, struct store_callback_info **out,
                         size_t *n);
int store_gdpr_recordings(struct store *s, struct arena *a, int64_t lead_id, struct store_recording_info **out,
                          size_t *n);
int store_gdpr_handoffs(struct store *s, struct arena *a, int64_t lead_id, struct store_handoff_info **out, size_t *n);

struct store_erase_counts {
	int calls, turns, appointments, sms, callbacks, handoffs;
	int recordings_marked;                  /* Twilio still has to delete these */
	int recordings_removed;                 /* rows with nothing left at Twilio */
};

/* Erases a lead in one transaction: its turns, SMS, callback requests,
 * transfers (handoffs), queued recording starts, appointments, call logs and
 * the lead row; the recordings of its calls lose
 * their URL and call, and are marked for deletion at Twilio (see
 * store_gdpr_recordings_due). Writes the audit row (actor, "lead.erase",
 * "lead:<id>") in the same transaction. Deleted content is overwritten
 * (secure_delete) and the WAL is checkpointed afterwards, so no copy stays in
 * the files. TF_ENOTFOUND when there is no such lead (nothing changes). */
int store_gdpr_erase_lead(struct store *s, int64_t lead_id, const char *actor, struct store_erase_counts *out);

/* Retention, each step one transaction of at most `batch` rows on rows
 * created before cutoff ('YYYY-MM-DD HH:MM:SS' UTC); *n says how many rows
 * changed (0: nothing left). */
/* Transcripts: the sealed text, reply and entities of old turns become NULL. */
int store_gdpr_purge_turns(struct store *s, const char *cutoff, int batch, int *n);
/* The dialog state of old calls (it holds names and wishes) becomes NULL. */
int store_gdpr_purge_states(struct store *s, const char *cutoff, int batch, int *n);
/* Old SMS that are no longer waiting to be sent are deleted. */
int store_gdpr_purge_sms(struct store *s, const char *cutoff, int batch, int *n);
/* Old recordings, and recordings of calls that no longer exist (erased)
 * created before orphan_cutoff, are marked for deletion at Twilio; old rows
 * without a recording (refusals) are deleted. */
int store_gdpr_purge_recordings(struct store *s, const char *cutoff, const char *orphan_cutoff, int batch,
                                int *marked, int *removed);
/* Up to max leads without a call, an appointment or a change since cutoff,
 * lowest id first, as an arena array. */
int store_gdpr_inactive_leads(struct store *s, struct arena *a, const char *cutoff, int max, int64_t **ids,
                              size_t *n);

struct store_recording_due {
	int64_t id;
	const char *recording_sid;
};

/* Recordings marked for deletion that Twilio has not confirmed yet, least
 * recently tried first (up to max, arena array). */
int store_gdpr_recordings_due(struct store *s, struct arena *a, int max, struct store_recording_due **out, size_t *n);
/* Twilio confirmed: the row becomes 'deleted', or goes entirely when its call
 * was erased. */
int store_gdpr_recording_deleted(struct store *s, int64_t id);
/* A failed attempt: the row goes to the back of the queue. */
int store_gdpr_recording_retry(struct store *s, int64_t id);

/* Key rotation: re-seals every sealed column that is not under the current key
 * and recomputes leads.phone_hash under the current key. */
enum store_rekey_table {
	STORE_REKEY_LEADS, STORE_REKEY_CALLS, STORE_REKEY_TURNS, STORE_REKEY_SMS, STORE_REKEY__COUNT
};

/* One caller under two leads (a key rotation hashed their number anew):
 * what the merge into the older lead decides from, for each of the two. */
struct store_lead_facts {
	bool has_name, has_email;
	int64_t studio_id;          /* 0: none */
	const char *status;         /* new, contacted, booked, customer, lost */
	int64_t call_count;
	const char *last_call_at;   /* UTC text; NULL: never */
};
struct store_lead_merged {
	struct store_lead_facts facts;          /* the kept lead's after the merge */
	bool name_from_drop, email_from_drop;   /* take the sealed value of the other */
};
/* The later news wins: the dropped lead's name, e-mail and status (when not
 * 'new') replace the kept one's, the kept studio stays, calls add up and the
 * later last call counts. Strings point into keep or drop. */
void store_lead_merge(const struct store_lead_facts *keep, const struct store_lead_facts *drop,
                      struct store_lead_merged *out);

struct store_rekey_stats {
	long scanned;                           /* rows looked at */
	long resealed;                          /* rows written with the current key */
	long rehashed;                          /* leads whose phone_hash changed */
	long merged;                            /* leads merged into an older lead of the same number */
	long unreadable;                        /* values no configured key opens: left as they are */
};

/* The table's name, for progress lines. */
const char *store_rekey_table_name(enum store_rekey_table t);
/* One batch of up to `batch` rows with id > after_id, in one transaction
 * (values are copied into the arena while the batch runs). *last_id gets the
 * highest id looked at (pass it as after_id next time); *done is true when
 * the table has no rows after it. Two leads of one number (one hashed under
 * an older key, one created under the current key while keys rotated) are
 * merged into the older one. Idempotent: rows already under the current key
 * are not written, so a stopped run can simply be started again. */
int store_rekey_batch(struct store *s, struct arena *a, enum store_rekey_table t, int64_t after_id, int batch,
                      int64_t *last_id, bool *done, struct store_rekey_stats *stats);

/* ---- handoff: transfers, the waiting line, callbacks, recording consent (store_handoff.c) ---- */

/* Instants here are UTC seconds of terminfon's clock (clock_now), which a
 * test may shift: the rows carry them as text, never datetime('now'). */

enum store_handoff_state { STORE_HANDOFF_NONE, STORE_HANDOFF_WAITING, STORE_HANDOFF_CONNECTED, STORE_HANDOFF_ENDED };

struct store_handoff {
	int64_t id;
	int64_t studio_id;              /* 0: a number no studio's lines count (the fallback number) */
	const char *call_sid, *number, *caller_id;
	enum store_handoff_state state;
	int64_t enqueued_utc, seen_utc;
	int64_t started_utc;            /* 0 until the Dial went out */
	int position, checks;           /* last position told; rounds of the hold loop */
};

/* Ends open rows a lost callback left behind (outcome 'stale'): connected
 * rows whose Dial went out before connected_before, waiting rows not seen
 * since waiting_before. *n (may be NULL) gets how many. */
int store_handoff_sweep(struct store *s, int64_t now_utc, int64_t connected_before, int64_t waiting_before, int *n);
/* The call's open (waiting or connected) row into the arena; TF_ENOTFOUND when none. */
int store_handoff_open(struct store *s, struct arena *a, const char *call_sid, struct store_handoff *out);
/* A studio's lines in use (connected rows) and its waiting rows queued
 * before (enqueued_utc, id); with id 0 every waiting row counts. */
int store_handoff_line(struct store *s, int64_t studio_id, int64_t enqueued_utc, int64_t id, int *connected,
                       int *ahead);
/* Inserts an open row (waiting or connected) as h says; *id gets its id.
 * TF_ECONFLICT when the call has an open row already. */
int store_handoff_insert(struct store *s, const struct store_handoff *h, int64_t *id);
/* Writes state, seen, started, position and checks of row h->id. */
int store_handoff_update(struct store *s, const struct store_handoff *h);
/* Ends the call's open row with outcome; *was (may be NULL) gets the state
 * it had, STORE_HANDOFF_NONE when there was none (then nothing changes). */
int store_handoff_end(struct store *s, const char *call_sid, int64_t now_utc, const char *outcome,
                      enum store_handoff_state *was);
/* Every open row, by studio, then waiting before connected, oldest first (arena array). */
int store_handoff_list(struct store *s, struct arena *a, struct store_handoff **out, size_t *n);
/* Deletes ended rows that ended before cutoff_utc; *n (may be NULL) gets how many. */
int store_handoff_purge(struct store *s, int64_t cutoff_utc, int *n);
/* Sets the call log's outcome. TF_ENOTFOUND for an unknown call or one that
 * has ended (its outcome is settled). */
int store_handoff_call_outcome(struct store *s, const char *call_sid, const char *outcome);

/* The call's recording consent into the arena: NULL (not asked), "asked",
 * "asked_recording" (told; the recording runs already), "given", "refused".
 * TF_ENOTFOUND for an unknown call. */
int store_consent_get(struct store *s, struct arena *a, const char *call_sid, const char **consent);
/* Sets it; with only_if_unset a consent already there stays. */
int store_consent_set(struct store *s, const char *call_sid, const char *consent, bool only_if_unset);
/* The caller's answer to the recording notice, in one transaction. Given:
 * consent 'given' and, unless the recording runs already, a recording start
 * queued for the background process. Refused: consent 'refused', a
 * 'refused' row in recordings, and every recording of the call marked for
 * deletion at Twilio. An answer already stored is not changed. */
int store_consent_answer(struct store *s, const char *call_sid, bool given, int64_t now_utc);
/* Marks the call's recordings for deletion at Twilio when its consent is
 * 'refused' (a recording callback that came after the refusal); *n (may be
 * NULL) gets how many were marked. */
int store_consent_enforce(struct store *s, const char *call_sid, int *n);

struct store_recstart {
	int64_t id;
	const char *call_sid;
	int attempts;                   /* this one included */
};

/* Claims up to max due recording starts (queued, or sending whose lease ran
 * out) for lease_s seconds, into an arena array. */
int store_recstart_claim(struct store *s, struct arena *a, int64_t now_utc, int lease_s, size_t max,
                         struct store_recstart **out, size_t *n);
/* Twilio started it: the row is done and recordings gets an in-progress
 * row for recording_sid (the status callback fills in the rest). */
int store_recstart_started(struct store *s, int64_t id, const char *call_sid, const char *recording_sid);
/* Back to the queue until next_utc, or failed for good; error is a short code. */
int store_recstart_retry(struct store *s, int64_t id, int64_t next_utc, const char *error);
int store_recstart_failed(struct store *s, int64_t id, const char *error);

struct store_callback {
	int64_t id, lead_id, studio_id;  /* studio 0: none */
	const char *call_sid;            /* the call that asked */
	const char *reason, *status;     /* status: pending, calling, done, failed, cancelled */
	const char *last_result;         /* NULL: never looked at */
	const char *last_call_sid;       /* the call placed last, NULL: none yet */
	const char *consent;             /* the asking call's recording consent, NULL: not asked */
	const char *phone;               /* the lead's number in clear; NULL when it does not open */
	const char *name;                /* the lead's name, NULL when not known */
	int attempts;                    /* calls placed */
	int64_t next_utc;                /* next attempt (for calling: end of the lease) */
	const char *created_at;
};

/* Whether request c (as read, before a claim) is due at now_utc: pending
 * and never looked at or its next attempt come, or calling with its lease
 * run out. */
bool store_callback_due(const struct store_callback *c, int64_t now_utc);
/* Claims up to max requests due at now_utc, oldest first, in one
 * transaction: pending ones never looked at or whose next attempt has come,
 * and calling ones whose lease ran out (no final status came for the call
 * placed, or a runner died while placing it). They become 'calling' with
 * result 'placing' for lease_s seconds, so two runners never place the same
 * request; *out (arena array) holds each as it was before the claim. */
int store_callback_claim(struct store *s, struct arena *a, int64_t now_utc, int lease_s, size_t max,
                         struct store_callback **out, size_t *n);
/* A call went out for it: status calling, attempts + 1, last_call_sid, the
 * lease until lease_utc. */
int store_callback_placed(struct store *s, int64_t id, const char *call_sid, int64_t lease_utc);
/* Sets status, result and next attempt of request id (status pending: retry
 * at next_utc; next_utc 0 leaves the next attempt as it is). */
int store_callback_set(struct store *s, int64_t id, const char *status, const char *result, int64_t next_utc);
/* One request by id, or the one whose last placed call is call_sid; TF_ENOTFOUND when none. */
int store_callback_get(struct store *s, struct arena *a, int64_t id, struct store_callback *out);
int store_callback_by_call(struct store *s, struct arena *a, const char *call_sid, struct store_callback *out);
/* Requests newest first (all, or only pending and calling ones), up to limit (arena array). */
int store_callback_list(struct store *s, struct arena *a, bool all, int limit, struct store_callback **out,
                        size_t *n);
/* Recordings and refusals newest first, up to limit (arena array). */
int store_recording_list(struct store *s, struct arena *a, int limit, struct store_recording_info **out, size_t *n);

/* ---- answers of retried webhooks (store_replies.c) ---- */

enum store_reply_state {
	STORE_REPLY_CLAIMED,    /* the first delivery: this request answers and saves */
	STORE_REPLY_ANSWERED,   /* answered before: *answer is what was sent */
	STORE_REPLY_IN_HAND,    /* another request with this token is being answered */
	STORE_REPLY_NO_CALL,    /* no call log for call_sid (yet): nothing is kept */
};
/* Claims (call_sid, token) for a request on route at now_utc, or reports
 * what the row holds (*answer into the arena for STORE_REPLY_ANSWERED). A
 * call keeps its last few rows only. TF_EINVAL without a CallSid or token. */
int store_reply_claim(struct store *s, struct arena *a, const char *call_sid, const char *token, const char *route,
                      int64_t now_utc, enum store_reply_state *state, const char **answer);
/* What the row holds now, without claiming (CLAIMED is never reported). */
int store_reply_get(struct store *s, struct arena *a, const char *call_sid, const char *token,
                    enum store_reply_state *state, const char **answer);
/* Saves the answer of a claimed row (sealed: it may name the caller); a row
 * that has one keeps it. */
int store_reply_save(struct store *s, const char *call_sid, const char *token, const char *answer);
/* Gives up a claim that got no answer (the request failed): a retry is
 * answered afresh. */
int store_reply_release(struct store *s, const char *call_sid, const char *token);
/* Drops a call's rows (it ended: nothing is retried any more). */
int store_replies_end_call(struct store *s, const char *call_sid);
/* Drops rows created before cutoff_utc; *n (may be NULL) gets how many. */
int store_replies_purge(struct store *s, int64_t cutoff_utc, int *n);

/* ---- dashboard figures (store_stats.c) ---- */

/* Calls of a studio (0: all) that started in [from_utc, to_utc). */
struct store_stats_filter {
	int64_t studio_id;
	int64_t from_utc, to_utc;
};

struct store_stats_count {
	const char *key;                /* NULL: no value (an outcome while the call is open) */
	long n;
};

/* Calls by status (by_outcome false) or by outcome, most frequent first (arena array). */
int store_stats_calls_by(struct store *s, struct arena *a, const struct store_stats_filter *f, bool by_outcome,
                         struct store_stats_count **out, size_t *n);

/* The conversation funnel of the calls in f. understood: at least one turn
 * with an intent other than unknown, low_confidence, none or transfer_result;
 * offered: a turn ended on the offer or confirm step (page); successful:
 * served, the success rate's numerator: outcome booked, rescheduled,
 * cancelled, transferred, callback or info, or abandoned with an answered
 * information question (info_*) as its last turn. */
struct store_stats_funnel {
	long called, understood, offered, booked, transferred, successful;
};
int store_stats_funnel(struct store *s, const struct store_stats_filter *f, struct store_stats_funnel *out);

struct store_stats_studio_count {
	int64_t studio_id;
	long n;
};

/* Standing appointments (not cancelled or rescheduled) that start in f's
 * range, per studio (arena array, by studio id). */
int store_stats_bookings(struct store *s, struct arena *a, const struct store_stats_filter *f,
                         struct store_stats_studio_count **out, size_t *n);
/* Standing appointments made (created) in f's range. */
int store_stats_bookings_made(struct store *s, const struct store_stats_filter *f, long *n);

struct store_stats_call {
	int64_t id, studio_id;          /* studio 0: none */
	const char *started_at;         /* 'YYYY-MM-DD HH:MM:SS' UTC */
	const char *direction, *status, *outcome;   /* outcome NULL while open */
	int duration;                   /* seconds, -1: not known */
	const char *caller;             /* masked (log_mask_phone), "***" when it does not
	                                 * open, NULL without a lead; never the full number */
};

/* What waits at now_utc, over all studios: SMS not yet accepted by Twilio
 * (queued or sending) and the due ones among them, callback requests
 * pending or being placed, callers in a waiting line. */
struct store_stats_backlog {
	long long sms_unsent, sms_due, callbacks_open, callers_waiting;
};
int store_stats_backlog(struct store *s, int64_t now_utc, struct store_stats_backlog *out);

/* The last `limit` calls of a studio (0: all) that started before f->to_utc,
 * newest first (arena array). */
int store_stats_recent_calls(struct store *s, struct arena *a, const struct store_stats_filter *f, int limit,
                             struct store_stats_call **out, size_t *n);

/* ---- the studio's day: attendance, SMS answers, callbacks, trends (store_day.c) ---- */

/* Names and numbers below are opened only when asked for (with_phone,
 * with_name); a number comes back masked (+49151******01), "***" when it was
 * sealed under a key no longer configured. Lists are arena arrays. */
struct store_day_appointment {
	int64_t id, lead_id, studio_id, start_utc;
	const char *status, *source;            /* booked, completed (came), no_show */
	bool confirmed;                         /* the caller answered JA to the reminder */
	const char *caller, *name;              /* NULL: not asked for or not known */
};
/* Appointments (booked, completed, no_show; no test sessions) of a studio
 * (0: all) starting in [from_utc, to_utc), by start. */
int store_day_appointments(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                           bool with_phone, bool with_name, struct store_day_appointment **out, size_t *n);

struct store_day_callback {
	int64_t id, lead_id, studio_id;
	const char *reason, *status, *created_at, *last_result;   /* created_at UTC text; last_result "" when none */
	int attempts;
	const char *caller, *name;
};
/* Callback requests still to do (pending, calling, failed), oldest first. */
int store_day_callbacks(struct store *s, struct arena *a, int64_t studio_id, bool with_phone, bool with_name, int limit,
                        struct store_day_callback **out, size_t *n);
/* Staff closed a callback request: result "done" (reached) or "unreachable".
 * TF_ENOTFOUND for an unknown one or one of another studio (studio_id 0: any),
 * TF_ECONFLICT when it is no longer open, TF_EINVAL for another result. */
int store_callback_handle(struct store *s, int64_t id, int64_t studio_id, const char *result, const char *actor,
                          int64_t now_utc);

struct store_day_waiting {
	int64_t id, studio_id, enqueued_utc;
	int position;
	const char *caller, *name;
};
/* Callers in a waiting line now, longest waiting first. */
int store_day_waiting(struct store *s, struct arena *a, int64_t studio_id, bool with_phone, bool with_name,
                      struct store_day_waiting **out, size_t *n);

/* Marks an appointment that has begun as attended ('completed') or
 * 'no_show' (and may change a mark). TF_ECONFLICT when it has not begun or
 * was cancelled or moved. */
int store_appointment_attendance(struct store *s, int64_t id, bool attended, const char *actor, int64_t now_utc);
/* The lead's next booked appointment after now whose reminder went out;
 * TF_ENOTFOUND if none. */
int store_lead_reminded_appointment(struct store *s, struct arena *a, int64_t lead_id, int64_t now_utc,
                                    struct store_appointment *out);
/* The caller confirmed the appointment (first time counts). TF_ECONFLICT
 * when it is no longer booked. */
int store_appointment_confirm(struct store *s, int64_t id, int64_t now_utc);
/* An incoming SMS already handled (same MessageSid): what was done.
 * TF_ENOTFOUND when new. */
int store_sms_inbound_get(struct store *s, struct arena *a, const char *message_sid, const char **action,
                          int64_t *appointment_id);
/* Records what an incoming SMS was taken as (answer yes, no, other) and what
 * was done; the text itself is not kept. A repeated sid is ignored. */
int store_sms_inbound_put(struct store *s, const char *message_sid, int64_t lead_id, int64_t appointment_id,
                          const char *answer, const char *action, int64_t now_utc);

/* Raw rows the trend charts count (app/trends.c buckets them by local day
 * and hour); test sessions left out. */
struct store_trend_call {
	int64_t studio_id, start_utc;
	const char *outcome;                    /* NULL while the call goes on */
	bool info_answered;                     /* the last turn answered an information question */
};
int store_trend_calls(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                      struct store_trend_call **out, size_t *n);
/* Appointments made in the range (moves are not new bookings). */
struct store_trend_booking {
	int64_t studio_id, made_utc;
};
int store_trend_bookings(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                         struct store_trend_booking **out, size_t *n);
/* Appointments starting in the range that were not cancelled or moved, with
 * the lead's source (phone, web, ...). */
struct store_trend_visit {
	int64_t studio_id, lead_id, start_utc;
	const char *status, *lead_source;
};
int store_trend_visits(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                       struct store_trend_visit **out, size_t *n);
/* Leads with at least min_no_shows appointments marked no_show. */
struct store_flagged_lead {
	int64_t lead_id;
	long no_shows;
	const char *caller, *name;
};
int store_leads_no_show(struct store *s, struct arena *a, int64_t studio_id, int min_no_shows, bool with_phone,
                        bool with_name, struct store_flagged_lead **out, size_t *n);

/* ---- time ---- */

/* 'YYYY-MM-DD HH:MM:SS' (UTC) of an instant, into out (20 bytes). */
void store_format_utc(int64_t utc, char out[20]);
/* The reverse; false when malformed. */
bool store_parse_utc(const char *s, int64_t *utc);

#endif
