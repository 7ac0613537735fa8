/* booking.h: the business functions behind every booking path (embedded
 * agent, Dialogflow fulfillment, admin API): free slots, booking, moving and
 * cancelling, each in one transaction with its confirmation SMS. */
#ifndef TERMINFON_BOOKING_H
#define TERMINFON_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "schedule.h"
#include "store.h"

enum booking_result {
	BOOKING_OK,
	BOOKING_TAKEN,            /* the slot is full: see the alternatives */
	BOOKING_CLOSED,           /* the studio is closed then */
	BOOKING_PAST,
	BOOKING_TOO_SOON,         /* inside the studio's lead time */
	BOOKING_OUT_OF_HORIZON,   /* too far ahead */
	BOOKING_NOT_A_SLOT,       /* not a start time of the studio's grid */
	BOOKING_UNKNOWN_STUDIO,
	BOOKING_HAS_APPOINTMENT,  /* the lead already has a future appointment: offer to move it */
	BOOKING_NO_APPOINTMENT,   /* nothing to cancel or move */
};

/* A stable snake_case name ("ok", "taken", ...), for logs and JSON. */
const char *booking_result_name(enum booking_result r);

#define BOOKING_MAX_ALTERNATIVES 3

struct booking_outcome {
	enum booking_result result;
	int64_t appointment_id;                       /* the new (or cancelled) appointment */
	struct store_appointment existing;            /* with BOOKING_HAS_APPOINTMENT */
	struct schedule_slot alternatives[BOOKING_MAX_ALTERNATIVES];
	size_t nalternatives;                         /* with TAKEN, CLOSED, TOO_SOON, ... */
};

struct booking_request {
	int64_t lead_id;          /* 0: no lead (admin booking without a caller) */
	int64_t studio_id;
	int64_t start_utc;
	int64_t now_utc;
	const char *call_sid;     /* NULL when not on a call */
	const char *source;       /* phone, dialogflow, admin */
	const char *sms_from;     /* TWILIO_PHONE_NUMBER: the SMS sender of a studio without an sms_sender */
};

/* Up to max free slots of a studio for a wish (NULL: whenever), best first.
 * *res is BOOKING_UNKNOWN_STUDIO for an unknown or unusable studio, else OK
 * (with *n = 0 when nothing is free within the horizon). */
int booking_find(struct store *s, struct arena *a, int64_t studio_id, int64_t now_utc,
                 const struct schedule_wish *wish, struct schedule_slot *out, size_t max, size_t *n,
                 enum booking_result *res);

/* Books the slot in one durable transaction: capacity is checked inside it
 * (no double booking when workers race), the lead may hold one future
 * appointment only, and the confirmation SMS is queued in the same commit.
 * A refused booking comes back with alternatives near the wished time. The
 * return value is a tf_err (database trouble); the verdict is out->result. */
int booking_book(struct store *s, struct arena *a, const struct booking_request *req, struct booking_outcome *out);

/* Moves an appointment to req->start_utc (same rules as booking_book; the old
 * one ends as 'rescheduled') and queues the German SMS about it. */
int booking_reschedule(struct store *s, struct arena *a, int64_t appointment_id, const struct booking_request *req,
                       struct booking_outcome *out);

/* Cancels a booked appointment and queues the SMS about it. */
int booking_cancel(struct store *s, struct arena *a, int64_t appointment_id, int64_t now_utc, const char *sms_from,
                   struct booking_outcome *out);

/* Queues the reminder SMS of every appointment that starts within the next
 * BOOKING_REMIND_BEFORE_S and was booked at least BOOKING_REMIND_MIN_NOTICE_S
 * ahead; exactly once per appointment, however often it runs. *queued says
 * how many were queued. */
#define BOOKING_REMIND_BEFORE_S (24 * 3600)
#define BOOKING_REMIND_MIN_NOTICE_S (12 * 3600)
int booking_remind(struct store *s, struct arena *a, int64_t now_utc, const char *sms_from, int *queued);

#endif
