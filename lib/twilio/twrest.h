/* twrest.h: a small client of Twilio's REST API (SMS, outbound calls, recordings) over one kept-alive curl handle. */
#ifndef TERMINFON_TWREST_H
#define TERMINFON_TWREST_H

#include <stdbool.h>
#include <stddef.h>

#define TWREST_SID_MAX 64            /* a sid buffer of this size always fits */
#define TWREST_CONNECT_TIMEOUT_MS 3000
#define TWREST_TOTAL_TIMEOUT_MS 10000

struct twrest;

/* Results of every request below:
 *   TF_OK        Twilio accepted it (2xx; for deletions also 404: already gone)
 *   TF_EINVAL    Twilio refused the request itself (4xx other than 401/403/408/429,
 *                e.g. 21211 invalid number): permanent, do not retry;
 *                also returned without any request for malformed arguments
 *   TF_EAUTH     401/403: the account sid or auth token is wrong; retrying only
 *                helps once the configuration is fixed
 *   TF_EUPSTREAM 408, 429, 5xx, an answer without the expected sid, or no
 *                connection at all: retry later (see twrest_retry_after)
 *   TF_ETIMEOUT  no answer in time: retry later, but Twilio may have acted
 *                on the request already
 *   TF_ENOMEM
 * *http_status (may be NULL) gets the HTTP status, or 0 when none came back. */

/* Opens a client for base_url (e.g. "https://api.twilio.com", no path) with
 * Basic auth account_sid:auth_token. Strings are copied; *out is owned by the
 * caller and released with twrest_close. Keep one per process: the curl
 * handle inside keeps the connection alive between requests; the process
 * calls curl_global_init once at start, before any other thread exists.
 * TF_ECONFIG on an empty or malformed base URL, account sid or token;
 * TF_ENOMEM. Does not connect. */
int twrest_open(struct twrest **out, const char *base_url, const char *account_sid, const char *auth_token);
void twrest_close(struct twrest *t);

/* Overrides the connect and total timeouts (defaults 3 s and 10 s). */
void twrest_set_timeouts(struct twrest *t, long connect_ms, long total_ms);

/* POST Messages.json with From (or MessagingServiceSid when from is an "MG"
 * sid), To, Body and StatusCallback; NULL or empty values are left out (and
 * Twilio then refuses). On TF_OK, sid_out gets the "SM..." sid; sid_out may be
 * NULL; TF_ELIMIT when the sid does not fit into sidlen bytes (use
 * TWREST_SID_MAX). */
int twrest_send_sms(struct twrest *t, const char *from, const char *to, const char *body,
                    const char *status_callback_url, char *sid_out, size_t sidlen, int *http_status);

/* POST Calls.json with From, To, Url, and StatusCallback with the events
 * initiated, ringing, answered and completed; with record, also Record=true
 * and RecordingStatusCallback. sid_out gets the "CA..." sid. */
int twrest_create_call(struct twrest *t, const char *from, const char *to, const char *url,
                       const char *status_callback_url, bool record, const char *recording_status_callback_url,
                       char *sid_out, size_t sidlen, int *http_status);

/* POST Calls/{call_sid}/Recordings.json: records a call in progress;
 * sid_out gets the "RE..." sid. TF_EINVAL for a call sid that is not
 * alphanumeric. */
int twrest_start_recording(struct twrest *t, const char *call_sid, const char *recording_status_callback_url,
                           char *sid_out, size_t sidlen, int *http_status);

/* DELETE Recordings/{recording_sid}.json. 204 and 404 (already gone) are TF_OK. */
int twrest_delete_recording(struct twrest *t, const char *recording_sid, int *http_status);

/* The numeric "code" of Twilio's error answer to the last request
 * (e.g. 21211), or 0 when there was none. */
int twrest_last_code(const struct twrest *t);

/* What went wrong with the last request, for logs and stored errors, into
 * out: "http 500, code 20500" for Twilio's answer, or, when none came,
 * "no answer from Twilio: " and libcurl's words ("Couldn't connect to
 * server", "Timeout was reached"). Returns out. */
#define TWREST_FAILURE_MAX 128
const char *twrest_last_failure(const struct twrest *t, char *out, size_t n);

/* Seconds Twilio asked to wait in Retry-After with its last answer, or 0. */
long twrest_retry_after(const struct twrest *t);

/* True for the results that a later retry may turn into success. */
bool twrest_retryable(int err);

#endif
