/* handoff.h: a person when the caller needs one. The staff lines of a studio
 * and its waiting line (first come, first served, with a maximum wait), the
 * end of a transfer, callbacks placed through Twilio inside opening hours
 * with retries, and the recording starts a consent queues. Every piece of
 * state is a row in the store, so any worker can take any webhook of a call
 * and a restarted worker loses nothing. */
#ifndef TERMINFON_HANDOFF_H
#define TERMINFON_HANDOFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "config.h"
#include "routes.h"
#include "store.h"

struct twrest;

/* The hold loop's pause when no hold music is configured: how often a
 * waiting caller is looked at (with music, the clip's length sets it). */
#define HANDOFF_HOLD_PAUSE_S 15
/* A connected transfer whose end never reached us (dial-status and the final
 * status callback both lost) stops counting as a line in use after this. */
#define HANDOFF_CONNECTED_STALE_S (2 * 3600)
/* A waiting caller whose hold loop stopped asking (the call is gone and its
 * final status was lost) leaves the line after this; longer than a few hold
 * rounds, so a hold music clip must be shorter than a minute. */
#define HANDOFF_WAITING_STALE_S 180
/* Ended transfer rows are kept this long, then deleted. */
#define HANDOFF_KEEP_S (30 * 86400)
/* A queued recording start is retried this often, then given up. */
#define HANDOFF_RECSTART_MAX_ATTEMPTS 5
#define HANDOFF_RECSTART_LEASE_S 60
/* A callback request is claimed for this long while its call is placed. */
#define HANDOFF_CALLBACK_CLAIM_S 120
/* The callback webhook, relative to BASE_URL; ?callback=<id> follows. */
#define HANDOFF_CALLBACK_PATH ROUTE_VOICE_WEBHOOK
#define HANDOFF_STATUS_PATH ROUTE_STATUS_CALLBACK
#define HANDOFF_RECORDING_PATH ROUTE_RECORDING_CALLBACK

enum handoff_action {
	HANDOFF_DIAL,      /* put the call through to number now */
	HANDOFF_HOLD,      /* say the words, hold music, then ask again (queue-check) */
	HANDOFF_TIMEOUT,   /* waited too long (or no waiting allowed): offer a callback */
	HANDOFF_GONE,      /* the call has no open transfer (ended, stale): offer a callback */
};

struct handoff_step {
	enum handoff_action action;
	const char *number;        /* HANDOFF_DIAL: where to */
	const char *caller_id;     /* HANDOFF_DIAL: the number the person sees, NULL: Twilio's default */
	const char *say;           /* words before the Dial or the hold music (arena), NULL: none */
	int position;              /* HANDOFF_HOLD: 1 = next in line */
	int64_t studio_id;         /* whose lines; 0: not counted */
	bool from_queue;           /* HANDOFF_DIAL after waiting */
};

/* The caller asks for a person at number (caller_id the number the person
 * sees). In one transaction: stale rows are swept; when number is a studio's
 * transfer number and the studio has staff lines, the call takes a free line
 * unless all are busy or others wait already, else it joins the waiting line
 * (or, with a maximum wait of 0, is offered a callback at once). A number no
 * studio owns (the fallback number) and a studio with 0 staff lines are put
 * through without counting. A repeated request of a call with an open row
 * answers from that row. Words live in the arena. tf_errs of the store;
 * TF_EINVAL for a missing call_sid or number. */
int handoff_enter(struct store *s, struct arena *a, const char *call_sid, const char *number, const char *caller_id,
                  int64_t now_utc, struct handoff_step *out);

/* One round of the hold loop (queue-check): the call takes a line when its
 * position is within the free lines, is offered a callback once it waited
 * the studio's max_wait_seconds, else is told its position again. */
int handoff_check(struct store *s, struct arena *a, const char *call_sid, int64_t now_utc, struct handoff_step *out);

/* A transfer ended (DialCallStatus of dial-status): the line is free again.
 * Sets the call's outcome to "transferred" when the person answered. An
 * unknown or already ended call changes nothing. */
int handoff_dial_result(struct store *s, const char *call_sid, const char *dial_status, int64_t now_utc);

/* A call status event (status callback). On a final status: the call's open
 * transfer ends (a caller who hung up while waiting leaves the line, outcome
 * "queue_abandoned"), and when the call was one we placed for a callback
 * request, the request is done (answered) or waits for its next attempt, or
 * failed after cfg->callback_attempts. Other statuses change nothing. */
int handoff_call_status(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                        const char *call_status, int64_t now_utc);

/* The German words of the hold loop into out: the first round explains,
 * later rounds give the position (changed or not). Never fails; cuts. */
void handoff_hold_words(char *out, size_t n, int position, bool first, bool changed);

/* The recording notice of the welcome: running says the recording runs
 * already (a callback recorded after consent on the first call). Static. */
const char *handoff_consent_notice(bool running);

/* The first words of an answered callback into out (studio name, the lead's
 * name or NULL, local hour for the greeting). TF_ELIMIT when cut. */
int handoff_callback_greeting(char *out, size_t n, const char *studio_name, const char *name, int local_hour);

/* The webhook of callback request id answered (Direction outbound-api,
 * ?callback=id): the request is done. *out gets it (for the lead and
 * studio). TF_ENOTFOUND for an unknown id. */
int handoff_callback_answered(struct store *s, struct arena *a, int64_t id, struct store_callback *out);

struct handoff_callback_stats {
	int placed;        /* calls created at Twilio */
	int deferred;      /* studio closed: moved to its next opening */
	int retried;       /* Twilio's API failed for now: tried again later */
	int failed;        /* given up (attempts used up, number refused or unreadable) */
};

/* Places up to max due callback requests through Twilio's REST API
 * (Calls.json with Url BASE_URL/api/v1/twilio/voice/webhook?callback=<id>,
 * StatusCallback, and Record with a RecordingStatusCallback when recording
 * is on and the asking call consented), only while the request's studio is
 * open: otherwise the request moves to the studio's next opening. A request
 * whose call never reported an end counts as unanswered once
 * cfg->callback_retry_minutes have passed. Returns TF_ECONFIG without
 * BASE_URL or a number to call from (nothing is placed), TF_EAUTH when
 * Twilio refuses the credentials, else only store errors; Twilio's other
 * failures are counted in *st. */
int handoff_place_callbacks(struct store *s, struct twrest *t, struct arena *a, const struct config *cfg,
                            int64_t now_utc, size_t max, struct handoff_callback_stats *st);

/* Sends up to max queued recording starts (the REST recording resource of
 * the call, RecordingStatusCallback under BASE_URL). A start Twilio refuses
 * (the call ended) fails for good; others are retried a few times.
 * TF_ECONFIG without BASE_URL; else only store errors. */
int handoff_start_recordings(struct store *s, struct twrest *t, struct arena *a, const struct config *cfg,
                             int64_t now_utc, size_t max, int *started, int *failed);

/* Deletes transfer rows that ended more than HANDOFF_KEEP_S ago, and
 * webhook answers older than a day (calls whose end never came). */
int handoff_purge(struct store *s, int64_t now_utc, int *n);

#endif
