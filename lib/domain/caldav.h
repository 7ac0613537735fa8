/* caldav.h: a small CalDAV client (RFC 4791) over libcurl: the busy times of
 * a calendar collection (REPORT calendar-query with a time range) and the
 * events terminfon writes into it (PUT, DELETE). Only the background process
 * and the CLI use it; never a webhook. */
#ifndef TERMINFON_CALDAV_H
#define TERMINFON_CALDAV_H

#include <stddef.h>
#include <stdint.h>

#include "ical.h"
#include "tz.h"

#define CALDAV_TIMEOUT_MS 10000
#define CALDAV_CONNECT_TIMEOUT_MS 5000
#define CALDAV_MAX_RESPONSE (16u << 20)   /* a multistatus answer larger than this is refused */

struct caldav_account {
	const char *url;            /* the calendar collection, http(s)://host/path/ */
	const char *username;       /* "" or NULL: no authentication */
	const char *password;
};

/* Calls fn once for the text of every calendar-data element of a
 * multistatus document (entities decoded, CDATA included). TF_EUPSTREAM when
 * the XML is not a multistatus document, else the first non-zero return of fn. */
typedef int (*caldav_data_fn)(const char *ics, size_t len, void *ctx);
int caldav_parse_multistatus(const char *xml, size_t len, caldav_data_fn fn, void *ctx);

/* Reads the busy intervals overlapping [from_utc, to_utc) (see
 * ical_busy_parse; `local` places all-day and floating events, events whose
 * UID starts with own_uid_prefix are terminfon's own) into out,
 * sorted and merged. TF_ETIMEOUT when the server did not answer in time,
 * TF_EAUTH for 401/403, TF_EUPSTREAM for another status, garbage or a broken
 * calendar object; *why (may be NULL) gets a short reason for the logs and
 * the database (never credentials). out is left empty on failure. */
int caldav_fetch_busy(const struct caldav_account *acc, const struct tz *local, int64_t from_utc, int64_t to_utc,
                      const char *own_uid_prefix, struct ical_busy_list *out, char *why, size_t whylen);

/* PUT of an iCalendar object as <collection>/<name>.ics (created or
 * replaced: the same name, the same event). Errors as caldav_fetch_busy. */
int caldav_put(const struct caldav_account *acc, const char *name, const char *ics, size_t len, char *why,
               size_t whylen);
/* DELETE of <collection>/<name>.ics; one that is not there (404) is done. */
int caldav_delete(const struct caldav_account *acc, const char *name, char *why, size_t whylen);

/* Whether a URL can be a calendar collection: http or https, a host, no
 * user info, no query or fragment, at most 1000 bytes. */
int caldav_check_url(const char *url);

#endif
