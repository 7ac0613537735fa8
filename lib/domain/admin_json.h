/* admin_json.h: the rules of the admin API apart from HTTP: which query parameters
 * each list takes and what they may hold, pagination, and how leads, calls,
 * appointments and studios look as JSON. */
#ifndef TERMINFON_ADMIN_JSON_H
#define TERMINFON_ADMIN_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "civil.h"
#include "err.h"
#include "form.h"
#include "store.h"
#include "tf_limits.h"

#define ADMIN_DEFAULT_LIMIT 50
#define ADMIN_MAX_LIMIT 200
#define ADMIN_MAX_OFFSET 1000000
#define ADMIN_DETAIL_ROWS 500        /* calls and appointments shown with a lead */
#define ADMIN_MAX_DAYS 3660          /* the longest from..to range of a list */

/* What was wrong with a request comes back as the tf_err (TF_EINVAL for
 * something malformed: not a number, not a date, an unknown or repeated
 * parameter; TF_EVALUE for a well-formed value that is not allowed: a limit
 * past the maximum, an unknown status, from after to) and the sentence for
 * the caller in *e. The sentence never repeats a phone number. */

/* TF_OK when every field of q is named in `names` (NULL-terminated) and none
 * comes twice; TF_EINVAL with *e otherwise. */
int admin_query_allowed(const struct form *q, const char *const *names, struct tf_errmsg *e);

/* A positive decimal integer without sign, blanks or leading zeros, at most
 * 2^53 (JSON numbers stay exact). `what` names it in the message
 * ("lead id"). TF_EINVAL with *e otherwise. */
int admin_parse_id(const char *text, const char *what, int64_t *out, struct tf_errmsg *e);

/* A date "YYYY-MM-DD" that exists in the calendar (year 1900..9999).
 * TF_EINVAL with *e otherwise. */
int admin_parse_date(const char *text, const char *what, struct civil_date *out, struct tf_errmsg *e);

/* limit (1..ADMIN_MAX_LIMIT, default ADMIN_DEFAULT_LIMIT) and offset
 * (0..ADMIN_MAX_OFFSET, default 0) of q. Not a number: TF_EINVAL; out of range:
 * TF_EVALUE. */
int admin_parse_page(const struct form *q, int *limit, int64_t *offset, struct tf_errmsg *e);

/* One of `allowed` (NULL-terminated); TF_EVALUE naming the allowed values
 * otherwise. */
int admin_parse_enum(const char *text, const char *what, const char *const *allowed, struct tf_errmsg *e);

/* A phone number for a lookup, normalised like the store does (blanks, '-',
 * '/', parentheses dropped, "00" becomes "+") into out. A leading blank is
 * read as '+', since an unencoded '+' in a query string arrives as a space.
 * The result must be E.164: '+', a non-zero digit and 6 to 14 more digits.
 * Other characters: TF_EINVAL; wrong length: TF_EVALUE. */
int admin_parse_phone(const char *text, char out[TF_MAX_PHONE + 1], struct tf_errmsg *e);

/* The JSON body of POST /api/v1/dialogflow/test: {"message": "...",
 * "session": "..."}. message: a string of at most TF_MAX_SPEECH bytes;
 * session: absent, or a string of 1 to 64 bytes (*session is "default" when
 * absent). Both are copied into the arena. Not JSON: TF_EINVAL; a missing
 * field or one of the wrong type or size: TF_EVALUE; TF_ENOMEM when the
 * arena is full. */
struct arena;
int admin_parse_test_body(struct arena *a, const char *body, size_t len, const char **message, const char **session,
                          struct tf_errmsg *e);

/* The UTC instants of local midnight starting day `from` and local midnight
 * after day `to` (so that `to` is included) in zone z. TF_EVALUE when from
 * is after to or the range is longer than ADMIN_MAX_DAYS. */
struct tz;
int admin_day_range(const struct tz *z, struct civil_date from, struct civil_date to, bool has_from, bool has_to,
                    int64_t *from_utc, int64_t *to_utc, struct tf_errmsg *e);

/* "YYYY-MM-DD HH:MM:SS" (database, UTC) to "YYYY-MM-DDTHH:MM:SSZ" into out;
 * false (and out "") when malformed. */
bool admin_iso_time(const char *db, char out[21]);

/* The JSON builders' helpers, shared by every JSON answer of the domain
 * (admin API, GDPR export). Each returns false when out of memory. */
/* k: v, or null when v is NULL. */
bool admin_json_put_str(cJSON *o, const char *k, const char *v);
bool admin_json_put_num(cJSON *o, const char *k, double v);
/* k: a database time "YYYY-MM-DD HH:MM:SS" (UTC) as ISO 8601, or null. */
bool admin_json_put_time(cJSON *o, const char *k, const char *db);
/* Adds item to list; item NULL (a failed builder) is false, and on failure
 * the item is deleted. */
bool admin_json_append(cJSON *list, cJSON *item);
/* o when ok, else o deleted and NULL: the end of a builder. */
cJSON *admin_json_done(cJSON *o, bool ok);

/* JSON of one record; NULL when out of memory. The caller owns the result. */
cJSON *admin_lead_json(const struct store_lead_info *l);
/* With the dialog state (parsed) when c->state is set. */
cJSON *admin_call_json(const struct store_call_info *c);
/* start/end in UTC, and in the studio's local time when studios knows its
 * zone (studios may be NULL). */
cJSON *admin_appointment_json(const struct store_appointment *ap, const struct store_studios *studios);
cJSON *admin_studio_json(const struct store_studio *st);
/* An SMS without its text: the recipient masked (only with with_to), the
 * sender and its type, status, attempts, the stored error and, for one that
 * failed or was undelivered, the reason in German (sms_failure_reason). */
cJSON *admin_sms_json(const struct store_sms_row *m, bool with_to);

/* {"items": items, "limit": .., "offset": .., "next_offset": .. or null};
 * items is consumed (also on failure). */
cJSON *admin_page_json(cJSON *items, int limit, int64_t offset, size_t n, bool more);

/* The lead with its calls and appointments (up to ADMIN_DETAIL_ROWS each,
 * oldest first; "calls_truncated"/"appointments_truncated" say when more
 * exist) and its SMS (newest first, "sms_truncated"). TF_ENOTFOUND for no such lead; *out is owned by the caller. */
int admin_lead_detail(struct store *s, struct arena *a, int64_t lead_id, cJSON **out);

#endif
