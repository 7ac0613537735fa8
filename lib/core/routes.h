/* routes.h: the paths of terminfon's HTTP API in one place: the router's
 * table is made of them, and so is every URL of ours that is handed out
 * (TwiML action, redirect and statusCallback, the Url of a call we place). */
#ifndef TERMINFON_ROUTES_H
#define TERMINFON_ROUTES_H

#define ROUTE_API "/api/v1"

/* Twilio's webhooks (signed form posts). */
#define ROUTE_TWILIO ROUTE_API "/twilio/"
#define ROUTE_VOICE_WEBHOOK ROUTE_TWILIO "voice/webhook"
#define ROUTE_VOICE_GATHER ROUTE_TWILIO "voice/gather"
#define ROUTE_VOICE_DIAL_STATUS ROUTE_TWILIO "voice/dial-status"
#define ROUTE_VOICE_QUEUE_CHECK ROUTE_TWILIO "voice/queue-check"
#define ROUTE_STATUS_CALLBACK ROUTE_TWILIO "status/callback"
#define ROUTE_RECORDING_CALLBACK ROUTE_TWILIO "recording/callback"
#define ROUTE_SMS_STATUS ROUTE_TWILIO "sms/status"
#define ROUTE_SMS_INCOMING ROUTE_TWILIO "sms/incoming"

/* Dialogflow CX: the test endpoint and the agent's fulfillment. */
#define ROUTE_DIALOGFLOW_TEST ROUTE_API "/dialogflow/test"
#define ROUTE_DIALOGFLOW_WEBHOOK ROUTE_API "/dialogflow/webhook"

/* The admin API's studios ('*' in the router's table is one segment), and
 * a studio's calendar feed below ROUTE_STUDIOS "<slug>". */
#define ROUTE_STUDIOS ROUTE_API "/studios/"
#define ROUTE_CALENDAR_ICS "/calendar.ics"

#endif
