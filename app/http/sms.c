/* sms.c: delivery reports of the SMS we sent (queued, sent, delivered,
 * undelivered, failed; a late or repeated report never moves one backwards),
 * and callers' SMS answers to a reminder: JA confirms, NEIN cancels. */
#include "handlers.h"
#include "booking.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "sayde.h"
#include "smsreply.h"
#include "twiml.h"
#include "tz.h"

#include <stdio.h>
#include <string.h>

int sms_status(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *sid = form_get(&req->form, "MessageSid");
	const char *status = form_get(&req->form, "MessageStatus");
	if (status == NULL)
		status = form_get(&req->form, "SmsStatus");
	int err = store_sms_status(app->store, sid, status, form_get(&req->form, "ErrorCode"));
	if (err == TF_EINVAL)
		log_warn("sms status without MessageSid or MessageStatus ignored");
	else if (err)
		return err;
	return http_twiml(req, res, twiml_new());
}

/* ---- a caller's SMS: the answer to a reminder ---- */

/* The voice number a caller can ring about an appointment at studio_id (0:
 * the default studio): the studio's own, else TWILIO_PHONE_NUMBER. */
static const char *studio_phone(struct app *app, int64_t studio_id, const struct store_studio **studio)
{
	*studio = NULL;
	const struct store_studios *all;
	if (store_studios(app->store, &all) == TF_OK) {
		for (size_t i = 0; i < all->n && *studio == NULL; i++)
			if (studio_id ? all->list[i].id == studio_id : all->list[i].is_default)
				*studio = &all->list[i];
		if (*studio == NULL && studio_id == 0 && all->n > 0)
			*studio = &all->list[0];
	}
	if (*studio && *(*studio)->twilio_number)
		return (*studio)->twilio_number;
	return app->cfg->twilio_phone_number ? app->cfg->twilio_phone_number : "";
}

/* The German answer to what was done (sms_inbound.action). An appointment
 * that was cancelled gets no answer here: its cancellation SMS, queued with
 * the cancellation, is the answer (one SMS, with delivery tracking). */
static const char *reply_text(struct app *app, struct http_request *req, const char *action, int64_t appointment_id)
{
	struct store_appointment ap = { 0 };
	if (appointment_id && store_appointment_get(app->store, req->arena, appointment_id, &ap) != TF_OK)
		memset(&ap, 0, sizeof(ap));
	const struct store_studio *studio;
	const char *phone = studio_phone(app, ap.studio_id, &studio);
	const char *call = *phone ? arena_printf(req->arena, " unter %s", phone) : "";
	if (strcmp(action, "cancelled") == 0)
		return NULL;
	if (strcmp(action, "confirmed") == 0 && studio) {
		const struct tz *z;
		char when[64] = "";
		if (tz_load(studio->timezone, &z) == TF_OK)
			sayde_sms_datetime(when, sizeof(when), tz_to_local(z, ap.start_utc, NULL));
		return arena_printf(req->arena, "Vielen Dank! Ihr Termin bei %s am %s ist bestätigt. Wir freuen uns auf Sie.",
		                    studio->name, when);
	}
	if (strcmp(action, "no_appointment") == 0 || strcmp(action, "unknown_sender") == 0)
		return arena_printf(req->arena, "Zu Ihrer Nummer haben wir keinen anstehenden Termin gefunden. "
		                    "Bitte rufen Sie uns an%s.", call);
	return arena_printf(req->arena, "Das haben wir leider nicht verstanden. Bitte antworten Sie mit JA, um Ihren "
	                    "Termin zu bestätigen, oder mit NEIN, um ihn abzusagen. Oder rufen Sie uns an%s.", call);
}

static int answer_sms(struct http_request *req, struct http_response *res, const char *text)
{
	return http_twiml(req, res, text ? twiml_message(text) : twiml_new());
}

int sms_incoming(struct app *app, struct http_request *req, struct http_response *res)
{
	const char *sid = form_get(&req->form, "MessageSid");
	if (sid == NULL)
		sid = form_get(&req->form, "SmsSid");
	const char *from = form_get(&req->form, "From");
	const char *body = form_get(&req->form, "Body");
	if (sid == NULL || !*sid || from == NULL) {
		log_warn("incoming sms without MessageSid or From ignored");
		return answer_sms(req, res, NULL);
	}
	const char *action = NULL;
	int64_t appointment_id = 0;
	int err = store_sms_inbound_get(app->store, req->arena, sid, &action, &appointment_id);
	if (err == TF_OK)        /* Twilio sent it again: answer as the first time, act once */
		return answer_sms(req, res, reply_text(app, req, action, appointment_id));
	if (err != TF_ENOTFOUND)
		return err;

	int64_t now = clock_now();
	enum smsreply_answer said = smsreply_classify(req->arena, body ? body : "", body ? strlen(body) : 0);
	struct store_lead_info lead;
	struct store_appointment ap;
	int64_t lead_id = 0;
	err = store_admin_lead_by_phone(app->store, req->arena, from, &lead);
	if (err == TF_OK)
		lead_id = lead.id;
	else if (err != TF_ENOTFOUND && err != TF_EINVAL)
		return err;
	if (lead_id == 0) {
		action = "unknown_sender";
	} else if ((err = store_lead_reminded_appointment(app->store, req->arena, lead_id, now, &ap)) == TF_ENOTFOUND) {
		action = "no_appointment";
	} else if (err) {
		return err;
	} else {
		appointment_id = ap.id;
		if (said == SMSREPLY_YES) {
			err = store_appointment_confirm(app->store, ap.id, now);
			action = err == TF_OK ? "confirmed" : "no_appointment";
		} else if (said == SMSREPLY_NO) {
			struct booking_outcome out;
			if ((err = booking_cancel(app->store, req->arena, ap.id, now, app->cfg->twilio_phone_number, &out)) != TF_OK)
				return err;
			action = out.result == BOOKING_OK ? "cancelled" : "no_appointment";
		} else {
			action = "not_understood";
		}
		if (err == TF_ECONFLICT)
			err = TF_OK;
	}
	if ((err = store_sms_inbound_put(app->store, sid, lead_id, appointment_id, smsreply_name(said), action, now)) != TF_OK)
		log_warn("incoming sms not recorded", "error", tf_strerror(err));
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)appointment_id);
	log_info("sms answer to a reminder", "answer", smsreply_name(said), "action", action, "appointment", id);
	return answer_sms(req, res, reply_text(app, req, action, appointment_id));
}
