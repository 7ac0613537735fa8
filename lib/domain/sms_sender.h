/* sms_sender.h: who SMS come from. A studio's voice number is often a
 * landline that cannot send SMS, so SMS have senders of their own: a studio's
 * sms_sender when set, else TWILIO_PHONE_NUMBER, and never the voice number.
 * A sender is an E.164 number, a Messaging Service ("MG" + 32 hex digits,
 * sent as MessagingServiceSid) or an alphanumeric sender ID ("AILiegen").
 * Also the words an operator reads for a stored SMS failure. */
#ifndef TERMINFON_SMS_SENDER_H
#define TERMINFON_SMS_SENDER_H

#include <stddef.h>

#include "store.h"

enum sms_sender_kind {
	SMS_SENDER_NONE,        /* NULL or "" */
	SMS_SENDER_NUMBER,      /* E.164: '+', a non-zero digit, 6 to 14 more digits */
	SMS_SENDER_SERVICE,     /* "MG" and 32 hex digits */
	SMS_SENDER_ALPHA,       /* 1 to 11 ASCII letters, digits and spaces, at least one letter, no blank at either end */
	SMS_SENDER_MALFORMED,
};

enum sms_sender_kind sms_sender_kind(const char *s);

/* "number", "messaging service", "alphanumeric sender ID", "none", "malformed". */
const char *sms_sender_kind_name(enum sms_sender_kind k);

/* The sender of a studio's SMS: its sms_sender when set, else
 * default_sender (TWILIO_PHONE_NUMBER); NULL when neither is set. studio may
 * be NULL. Points into the studio or default_sender. */
const char *sms_sender_for(const struct store_studio *studio, const char *default_sender);

/* Checks the senders at start-up. default_sender is TWILIO_PHONE_NUMBER
 * (already checked as E.164 by the configuration). A studio whose sms_sender
 * is malformed is TF_ECONFIG with one line in errbuf naming the studio and
 * the setting. When sms_configured (TWILIO_ACCOUNT_SID is set), each studio
 * left without any sender gets one warning line through warn (may be NULL);
 * *nwarn (may be NULL) counts them. */
int sms_sender_check(const struct store_studios *all, const char *default_sender, int sms_configured,
                     char *errbuf, size_t errlen, void (*warn)(const char *line, void *ctx), void *ctx, int *nwarn);

/* sms_sender_check over the active studios of the database with
 * TWILIO_PHONE_NUMBER and TWILIO_ACCOUNT_SID of cfg. A database that cannot
 * list its studios gives its tf_err with a line in errbuf. */
struct config;
int sms_sender_check_store(struct store *s, const struct config *cfg, char *errbuf, size_t errlen,
                           void (*warn)(const char *line, void *ctx), void *ctx, int *nwarn);

/* Why an SMS did not reach its recipient, in German for the admin view and
 * the dashboard, from what the outbox stored (last_error): Twilio's answer
 * "http 400, code 21606", a bare error code of a delivery report ("30007"),
 * "no answer from Twilio: ...", or a reason of terminfon's own. Never NULL;
 * unknown codes give a general sentence with the code. The result is in
 * out (n bytes), which is returned. */
#define SMS_REASON_MAX 200
const char *sms_failure_reason(const char *last_error, char *out, size_t n);

/* The stored reason of an SMS that was never sent because its studio had no
 * sender (sms_failure_reason knows it). */
#define SMS_NO_SENDER "no SMS sender configured"

#endif
