/* dialogflow_int.h: what dialogflow.c (the CX client) and
 * dialogflow_webhook.c (fulfillment) share: reading CX parameter values,
 * ISO times, studios and transfer numbers; nothing else includes it. */
#ifndef TERMINFON_DIALOGFLOW_INT_H
#define TERMINFON_DIALOGFLOW_INT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "dialogflow.h"
#include "schedule.h"
#include "tz.h"

/* Parameter names of the agent (docs/dialogflow-agent.md). Alternatives are
 * accepted so that an agent with English names works too. */
#define DF_P_OUTCOME        "terminfon_outcome"
#define DF_P_OFFERED        "offered_slots"
#define DF_P_OFFERED_TEXT   "offered_text"
#define DF_P_SLOT           "slot"
#define DF_P_SLOT_TEXT      "slot_text"
#define DF_P_CHOICE         "wahl"
#define DF_P_STATUS         "booking_status"
#define DF_P_APPOINTMENT_ID "appointment_id"
#define DF_P_AVAILABLE      "available"

/* A member by its JSON name or its proto (snake_case) name. */
const cJSON *df_get(const cJSON *o, const char *camel, const char *snake);

/* Reads one CX value of @sys.date, @sys.time, @sys.date-time or a period of
 * them (objects with year/month/day, hours/minutes, startDateTime/endDateTime,
 * startDate/endDate, startTime/endTime; or ISO 8601 strings) and merges what
 * it holds into *w. False when nothing could be read. */
bool df_when_read(const cJSON *v, struct dialogflow_when *w);

/* Merges the date-time, date and time parameters of a parameter object into
 * *w (date-time first, then date and time fill what is missing). */
bool df_when_from_params(const cJSON *params, struct dialogflow_when *w);

/* The first of the names that is a parameter of params, or NULL. */
const cJSON *df_param(const cJSON *params, const char *const *names);

/* "2025-02-14T16:00:00+01:00" for an instant on a zone's wall clock (32 bytes). */
void df_iso_local(const struct tz *z, int64_t utc, char out[32]);
/* An ISO 8601 date-time with 'Z' or an offset, as an instant. */
bool df_iso_instant(const char *s, int64_t *utc);

/* The wish a 'when' stands for on a studio's wall clock. False when it says nothing. */
bool df_wish(const struct dialogflow_when *w, const struct tz *z, struct schedule_wish *out);

/* The studio of a call: its routed studio, the lead's, the default, the first. */
const struct store_studio *df_call_studio(const struct store_studios *all, int64_t call_studio, int64_t lead_studio);

/* A studio by city, slug or name (case-insensitive, umlauts as typed; a
 * city also as its adjective, "Münchner Filiale"), or NULL. */
const struct store_studio *df_studio_named(const struct store_studios *all, const char *name);

/* Where a person can be reached now, the same rule as the embedded agent's
 * (route_transfer_number): the studio's transfer number while it is open,
 * else its open overflow studio's, else FALLBACK_PHONE_NUMBER, else the
 * studio's number; NULL when none. */
const char *df_transfer_number(const struct store_studios *all, const struct store_studio *st,
                               const struct config *cfg, int64_t now_utc);

/* '+' and 2 to 15 digits. */
bool df_e164(const char *s);

#endif
