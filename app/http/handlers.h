/* handlers.h: the handlers of every route family, one file each. */
#ifndef TERMINFON_HANDLERS_H
#define TERMINFON_HANDLERS_H

#include "agent.h"
#include "app.h"
#include "dialogflow.h"

/* voice.c */
int voice_webhook(struct app *app, struct http_request *req, struct http_response *res);
/* gather.c */
int voice_gather(struct app *app, struct http_request *req, struct http_response *res);
/* queue.c */
int voice_queue_check(struct app *app, struct http_request *req, struct http_response *res);
/* dial.c */
int voice_dial_status(struct app *app, struct http_request *req, struct http_response *res);
/* status.c */
int status_callback(struct app *app, struct http_request *req, struct http_response *res);
/* recording.c */
int recording_callback(struct app *app, struct http_request *req, struct http_response *res);
/* sms.c */
int sms_status(struct app *app, struct http_request *req, struct http_response *res);
int sms_incoming(struct app *app, struct http_request *req, struct http_response *res);
/* day.c */
int day_get(struct app *app, struct http_request *req, struct http_response *res);
int trends_get(struct app *app, struct http_request *req, struct http_response *res);
int callback_done(struct app *app, struct http_request *req, struct http_response *res);
int callback_unreachable(struct app *app, struct http_request *req, struct http_response *res);
int appointment_attended(struct app *app, struct http_request *req, struct http_response *res);
int appointment_no_show(struct app *app, struct http_request *req, struct http_response *res);
/* dialogflow_test.c */
int dialogflow_test(struct app *app, struct http_request *req, struct http_response *res);
int dialogflow_fulfillment(struct app *app, struct http_request *req, struct http_response *res);
/* admin.c */
int admin_leads(struct app *app, struct http_request *req, struct http_response *res);
int admin_lead_get(struct app *app, struct http_request *req, struct http_response *res);
int admin_lead_export(struct app *app, struct http_request *req, struct http_response *res);
int admin_lead_erase(struct app *app, struct http_request *req, struct http_response *res);
int admin_appointments(struct app *app, struct http_request *req, struct http_response *res);
int admin_appointment_cancel(struct app *app, struct http_request *req, struct http_response *res);
int admin_calls(struct app *app, struct http_request *req, struct http_response *res);
int admin_studios(struct app *app, struct http_request *req, struct http_response *res);
int admin_sms(struct app *app, struct http_request *req, struct http_response *res);
int admin_token_revoke(struct app *app, struct http_request *req, struct http_response *res);
int admin_faq_list(struct app *app, struct http_request *req, struct http_response *res);
int admin_faq_get(struct app *app, struct http_request *req, struct http_response *res);
int admin_faq_create(struct app *app, struct http_request *req, struct http_response *res);
int admin_faq_update(struct app *app, struct http_request *req, struct http_response *res);
int admin_faq_delete(struct app *app, struct http_request *req, struct http_response *res);
int stats_get(struct app *app, struct http_request *req, struct http_response *res); /* stats.c */
/* calendar.c */
int calendar_feed_get(struct app *app, struct http_request *req, struct http_response *res);
int calendar_keys_list(struct app *app, struct http_request *req, struct http_response *res);
int calendar_keys_create(struct app *app, struct http_request *req, struct http_response *res);
int calendar_keys_revoke(struct app *app, struct http_request *req, struct http_response *res);
int calendar_caldav_get(struct app *app, struct http_request *req, struct http_response *res);
int calendar_caldav_sync(struct app *app, struct http_request *req, struct http_response *res);
int calendar_caldav_put(struct app *app, struct http_request *req, struct http_response *res);
int calendar_caldav_delete(struct app *app, struct http_request *req, struct http_response *res);
/* ops.c */
int ops_health(struct app *app, struct http_request *req, struct http_response *res);
int ops_metrics(struct app *app, struct http_request *req, struct http_response *res);

#endif
