/* booking.c: booking, moving and cancelling appointments, each with its SMS in
 * the same transaction, and the search for free slots. */
#include "booking.h"
#include "err.h"
#include "log.h"
#include "metrics.h"
#include "sayde.h"
#include "sms_sender.h"
#include "store_calendar.h"
#include "studio.h"

#include <stdio.h>
#include <string.h>

const char *booking_result_name(enum booking_result r)
{
	switch (r) {
	case BOOKING_OK: return "ok";
	case BOOKING_TAKEN: return "taken";
	case BOOKING_CLOSED: return "closed";
	case BOOKING_PAST: return "past";
	case BOOKING_TOO_SOON: return "too_soon";
	case BOOKING_OUT_OF_HORIZON: return "out_of_horizon";
	case BOOKING_NOT_A_SLOT: return "not_a_slot";
	case BOOKING_UNKNOWN_STUDIO: return "unknown_studio";
	case BOOKING_HAS_APPOINTMENT: return "has_appointment";
	case BOOKING_NO_APPOINTMENT: return "no_appointment";
	}
	return "unknown";
}

static enum booking_result from_verdict(enum schedule_verdict v)
{
	switch (v) {
	case SCHEDULE_OK: return BOOKING_OK;
	case SCHEDULE_CLOSED: return BOOKING_CLOSED;
	case SCHEDULE_PAST: return BOOKING_PAST;
	case SCHEDULE_TOO_SOON: return BOOKING_TOO_SOON;
	case SCHEDULE_OUT_OF_HORIZON: return BOOKING_OUT_OF_HORIZON;
	case SCHEDULE_NOT_A_SLOT: return BOOKING_NOT_A_SLOT;
	case SCHEDULE_FULL: return BOOKING_TAKEN;
	}
	return BOOKING_CLOSED;
}

static int load_calendar(struct store *s, int64_t studio_id, const struct store_studio **studio,
                         struct schedule_studio *cal)
{
	const struct store_studios *all;
	int err = store_studios(s, &all);
	if (err)
		return err;
	*studio = store_studio_by_id(all, studio_id);
	if (*studio == NULL || studio_calendar(*studio, cal) != TF_OK)
		return TF_ENOTFOUND;
	return TF_OK;
}

/* The busy times of the studio's own calendar (the last copy the background
 * process read) take their slots out of the search and the booking check. */
static int load_blocks(struct store *s, struct arena *a, struct schedule_studio *cal, int64_t now_utc)
{
	struct schedule_block *blocks;
	size_t n;
	int64_t until = now_utc + ((int64_t)cal->horizon_days + 2) * 86400;
	int err = store_calendar_busy(s, a, cal->id, now_utc - 86400, until, &blocks, &n);
	if (err == TF_OK) {
		cal->blocked = blocks;
		cal->nblocked = n;
	}
	return err;
}

static int find_on(struct store *s, struct arena *a, const struct schedule_studio *cal, int64_t now_utc,
                   const struct schedule_wish *wish, struct schedule_slot *out, size_t max, size_t *n)
{
	struct schedule_busy *busy;
	size_t nbusy;
	int64_t until = now_utc + ((int64_t)cal->horizon_days + 2) * 86400;
	int err = store_busy(s, a, cal->id, now_utc - 86400, until, &busy, &nbusy);
	if (err)
		return err;
	return schedule_find(cal, now_utc, wish, busy, nbusy, out, max, n);
}

int booking_find(struct store *s, struct arena *a, int64_t studio_id, int64_t now_utc,
                 const struct schedule_wish *wish, struct schedule_slot *out, size_t max, size_t *n,
                 enum booking_result *res)
{
	const struct store_studio *studio;
	struct schedule_studio cal;
	*n = 0;
	*res = BOOKING_OK;
	int err = load_calendar(s, studio_id, &studio, &cal);
	if (err == TF_ENOTFOUND) {
		*res = BOOKING_UNKNOWN_STUDIO;
		return TF_OK;
	}
	if (err == TF_OK)
		err = load_blocks(s, a, &cal, now_utc);
	if (err)
		return err;
	return find_on(s, a, &cal, now_utc, wish, out, max, n);
}

/* Alternatives near a refused start time, same day first. */
static void alternatives(struct store *s, struct arena *a, const struct schedule_studio *cal, int64_t now_utc,
                         int64_t start_utc, struct booking_outcome *out)
{
	struct civil_time local = tz_to_local(cal->tz, start_utc, NULL);
	struct schedule_wish wish = {
		.has_date = true, .date = local.date, .has_time = true, .minute = local.hour * 60 + local.minute,
	};
	size_t n = 0;
	if (find_on(s, a, cal, now_utc, &wish, out->alternatives, BOOKING_MAX_ALTERNATIVES, &n) == TF_OK)
		out->nalternatives = n;
}

enum sms_kind { SMS_CONFIRMATION, SMS_RESCHEDULE, SMS_CANCELLATION, SMS_REMINDER };

/* *queued (may be NULL) says whether a row went in: an SMS already queued
 * under the same dedupe key, or a lead without a number, queues nothing. */
static int queue_sms(struct store *s, struct arena *a, enum sms_kind kind, int64_t lead_id, int64_t appointment_id,
                     const struct store_studio *studio, const struct schedule_studio *cal, int64_t start_utc,
                     const char *sms_from, bool *queued)
{
	bool dummy;
	if (queued == NULL)
		queued = &dummy;
	*queued = false;
	if (lead_id == 0)
		return TF_OK;
	const char *phone;
	int err = store_lead_phone(s, a, lead_id, &phone);
	if (err == TF_ENOTFOUND || (err == TF_OK && (phone == NULL || phone[0] != '+')))
		return TF_OK;  /* nobody to text */
	if (err)
		return err;
	char when[64];
	sayde_sms_datetime(when, sizeof(when), tz_to_local(cal->tz, start_utc, NULL));
	/* Callers phone the studio's voice number; the SMS itself comes from the
	 * SMS sender, which may be a number that cannot take calls or a name. */
	const char *callback = *studio->twilio_number ? studio->twilio_number : sms_from;
	const char *from = sms_sender_for(studio, sms_from);
	/* An alphanumeric sender ID cannot take a reply: then no JA/NEIN. */
	bool can_reply = from && (from[0] == '+' || strncmp(from, "MG", 2) == 0);
	char body[480];
	switch (kind) {
	case SMS_CONFIRMATION:
		snprintf(body, sizeof(body),
		         "Ihr Termin bei %s ist bestätigt: %s. Adresse: %s. Zum Verschieben oder Absagen "
		         "rufen Sie uns einfach an%s%s. Wir freuen uns auf Sie!",
		         studio->name, when, studio->address, callback && *callback ? " unter " : "", callback ? callback : "");
		break;
	case SMS_RESCHEDULE:
		snprintf(body, sizeof(body), "Ihr Termin bei %s wurde verschoben auf %s. Adresse: %s. Bis bald!",
		         studio->name, when, studio->address);
		break;
	case SMS_CANCELLATION:
		snprintf(body, sizeof(body),
		         "Ihr Termin bei %s am %s wurde storniert. Für einen neuen Termin rufen Sie uns gern wieder an%s%s.",
		         studio->name, when, callback && *callback ? " unter " : "", callback ? callback : "");
		break;
	case SMS_REMINDER:
		if (!can_reply) {
			snprintf(body, sizeof(body),
			         "Erinnerung: Ihr Termin bei %s ist am %s. Adresse: %s. Falls Sie verhindert sind, "
			         "rufen Sie uns bitte an%s%s.",
			         studio->name, when, studio->address, callback && *callback ? " unter " : "",
			         callback ? callback : "");
			break;
		}
		snprintf(body, sizeof(body),
		         "Erinnerung: Ihr Termin bei %s ist am %s. Adresse: %s. Bitte antworten Sie mit JA, um ihn "
		         "zu bestätigen, oder mit NEIN, um ihn abzusagen. Fragen? Rufen Sie uns an%s%s.",
		         studio->name, when, studio->address, callback && *callback ? " unter " : "", callback ? callback : "");
		break;
	}
	static const char *const kinds[] = { "confirmation", "reschedule", "cancellation", "reminder" };
	char key[64];
	snprintf(key, sizeof(key), "%s:%lld", kinds[kind], (long long)appointment_id);
	struct store_sms m = {
		.lead_id = lead_id, .appointment_id = appointment_id, .kind = kinds[kind], .dedupe_key = key,
		.to = phone, .from = from, .body = body,
	};
	if (m.from == NULL)
		m.from = "";    /* the outbox marks it failed: SMS_NO_SENDER */
	return store_sms_enqueue(s, &m, queued);
}

/* The part of booking and moving that runs inside the transaction. */
static int book_locked(struct store *s, struct arena *a, const struct booking_request *req,
                       const struct store_studio *studio, const struct schedule_studio *cal,
                       int64_t moving_from, struct booking_outcome *out)
{
	int booked;
	int err = store_booked_at(s, req->studio_id, req->start_utc, &booked);
	if (err)
		return err;
	out->result = from_verdict(schedule_check(cal, req->now_utc, req->start_utc, booked));
	if (out->result != BOOKING_OK)
		return TF_OK;
	struct store_appointment ap = {
		.lead_id = req->lead_id, .studio_id = req->studio_id, .start_utc = req->start_utc,
		.end_utc = req->start_utc + (int64_t)cal->slot_minutes * 60, .source = req->source,
		.call_sid = req->call_sid, .rescheduled_from = moving_from,
	};
	if ((err = store_appointment_insert(s, &ap, &out->appointment_id)) != TF_OK)
		return err;
	if (moving_from && (err = store_appointment_set_status(s, moving_from, "rescheduled")) != TF_OK)
		return err;
	if (req->lead_id && (err = store_lead_set_status(s, req->lead_id, "booked")) != TF_OK)
		return err;
	return queue_sms(s, a, moving_from ? SMS_RESCHEDULE : SMS_CONFIRMATION, req->lead_id, out->appointment_id,
	                 studio, cal, req->start_utc, req->sms_from, NULL);
}

/* What a test session books is no caller's booking: no counter counts it. */
static bool booking_is_test(const struct booking_request *req)
{
	return req->source && strcmp(req->source, STORE_TEST_SESSION) == 0;
}

/* Commits durably: a booking the caller hears confirmed survives a power cut. */
static int commit_durable(struct store *s)
{
	return store_commit(s);
}

static int book_or_move(struct store *s, struct arena *a, int64_t moving_from, const struct booking_request *req,
                        struct booking_outcome *out)
{
	memset(out, 0, sizeof(*out));
	const struct store_studio *studio;
	struct schedule_studio cal;
	int err = load_calendar(s, req->studio_id, &studio, &cal);
	if (err == TF_ENOTFOUND) {
		out->result = BOOKING_UNKNOWN_STUDIO;
		return TF_OK;
	}
	if (err == TF_OK)
		err = load_blocks(s, a, &cal, req->now_utc);
	if (err)
		return err;
	if ((err = store_begin_durable(s)) != TF_OK)
		return err;
	/* Counting a slot and booking it is one decision per studio. */
	if ((err = store_lock(s, STORE_LOCK_BOOKING, req->studio_id)) != TF_OK)
		goto refused;
	struct booking_request moved;
	if (moving_from) {
		struct store_appointment old;
		err = store_appointment_get(s, a, moving_from, &old);
		if (err == TF_ENOTFOUND || (err == TF_OK && (strcmp(old.status, "booked") != 0 || old.start_utc <= req->now_utc))) {
			out->result = BOOKING_NO_APPOINTMENT;
			err = TF_OK;
			goto refused;
		}
		/* A moved appointment stays its lead's, whoever moves it (an admin has no lead). */
		moved = *req;
		moved.lead_id = old.lead_id;
		req = &moved;
	} else if (req->lead_id) {
		err = store_lead_next_appointment(s, a, req->lead_id, req->now_utc, &out->existing);
		if (err == TF_OK) {
			out->result = BOOKING_HAS_APPOINTMENT;
			goto refused;
		}
		if (err == TF_ENOTFOUND)
			err = TF_OK;
	}
	if (err == TF_OK)
		err = book_locked(s, a, req, studio, &cal, moving_from, out);
	if (err || out->result != BOOKING_OK)
		goto refused;
	if ((err = commit_durable(s)) != TF_OK)
		return err;
	if (!booking_is_test(req))
		metrics_inc(M_BOOKINGS);
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)out->appointment_id);
	log_info(moving_from ? "appointment moved" : "appointment booked", "appointment", id, "studio", studio->slug);
	return TF_OK;
refused:
	store_rollback(s);
	if (err)
		return err;
	if (!booking_is_test(req))
		metrics_inc(M_BOOKINGS_REJECTED);
	if (out->result != BOOKING_HAS_APPOINTMENT && out->result != BOOKING_NO_APPOINTMENT)
		alternatives(s, a, &cal, req->now_utc, req->start_utc, out);
	return TF_OK;
}

int booking_book(struct store *s, struct arena *a, const struct booking_request *req, struct booking_outcome *out)
{
	return book_or_move(s, a, 0, req, out);
}

int booking_reschedule(struct store *s, struct arena *a, int64_t appointment_id, const struct booking_request *req,
                       struct booking_outcome *out)
{
	if (appointment_id <= 0) {
		memset(out, 0, sizeof(*out));
		out->result = BOOKING_NO_APPOINTMENT;
		return TF_OK;
	}
	return book_or_move(s, a, appointment_id, req, out);
}

int booking_cancel(struct store *s, struct arena *a, int64_t appointment_id, int64_t now_utc, const char *sms_from,
                   struct booking_outcome *out)
{
	memset(out, 0, sizeof(*out));
	struct store_appointment ap;
	/* Durable like a booking: the caller hears the cancellation confirmed. */
	int err = store_begin_durable(s);
	if (err)
		return err;
	err = store_appointment_get(s, a, appointment_id, &ap);
	if (err == TF_ENOTFOUND || (err == TF_OK && (strcmp(ap.status, "booked") != 0 || ap.start_utc <= now_utc))) {
		store_rollback(s);
		out->result = BOOKING_NO_APPOINTMENT;
		return TF_OK;
	}
	if (err == TF_OK)
		err = store_appointment_set_status(s, appointment_id, "cancelled");
	const struct store_studio *studio = NULL;
	struct schedule_studio cal;
	if (err == TF_OK && load_calendar(s, ap.studio_id, &studio, &cal) == TF_OK)
		err = queue_sms(s, a, SMS_CANCELLATION, ap.lead_id, appointment_id, studio, &cal, ap.start_utc, sms_from,
		                NULL);
	if (err) {
		store_rollback(s);
		return err;
	}
	if ((err = commit_durable(s)) != TF_OK)
		return err;
	out->result = BOOKING_OK;
	out->appointment_id = appointment_id;
	out->existing = ap;
	metrics_inc(M_CANCELLATIONS);
	return TF_OK;
}

int booking_remind(struct store *s, struct arena *a, int64_t now_utc, const char *sms_from, int *queued)
{
	struct store_appointment *due;
	size_t n;
	*queued = 0;
	int err = store_reminders_due(s, a, now_utc, BOOKING_REMIND_BEFORE_S, BOOKING_REMIND_MIN_NOTICE_S, &due, &n);
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		const struct store_studio *studio;
		struct schedule_studio cal;
		bool queued_one = false;
		if ((err = store_begin(s)) != TF_OK)
			break;
		err = load_calendar(s, due[i].studio_id, &studio, &cal);
		if (err == TF_OK)
			err = queue_sms(s, a, SMS_REMINDER, due[i].lead_id, due[i].id, studio, &cal, due[i].start_utc, sms_from,
			                &queued_one);
		else if (err == TF_ENOTFOUND)
			err = TF_OK;  /* a studio gone inactive: no reminder, but do not ask again */
		if (err == TF_OK)
			err = store_reminder_mark(s, due[i].id);
		if (err) {
			store_rollback(s);
			break;
		}
		if ((err = store_commit(s)) == TF_OK && queued_one)
			(*queued)++;
	}
	return err;
}
