/* admin_json.c: query validation, pagination and the JSON shapes of the admin API. */
#include "admin_json.h"
#include "arena.h"
#include "crypto.h"
#include "err.h"
#include "log.h"
#include "sms_sender.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int admin_query_allowed(const struct form *q, const char *const *names, struct tf_errmsg *e)
{
	for (size_t i = 0; i < q->n; i++) {
		const char *name = q->fields[i].name;
		bool known = false;
		for (const char *const *n = names; *n && !known; n++)
			known = strcmp(*n, name) == 0;
		/* The name is echoed only when it is short and plain. */
		bool plain = strlen(name) <= 32;
		for (const char *p = name; plain && *p; p++)
			plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
		if (!known)
			return plain ? tf_errmsg_set(e, TF_EINVAL, "unknown query parameter \"%s\"", name)
			             : tf_errmsg_set(e, TF_EINVAL, "unknown query parameter");
		if (form_count(q, name) > 1)
			return tf_errmsg_set(e, TF_EINVAL, "query parameter \"%s\" given more than once", name);
	}
	return TF_OK;
}

/* Digits only, no sign, no leading zero (unless "0" is allowed), at most
 * maxdigits; false otherwise. */
static bool parse_decimal(const char *text, size_t maxdigits, bool allow_zero, int64_t *out)
{
	size_t n = text ? strlen(text) : 0;
	if (n == 0 || n > maxdigits)
		return false;
	for (size_t i = 0; i < n; i++)
		if (text[i] < '0' || text[i] > '9')
			return false;
	if (text[0] == '0' && (n > 1 || !allow_zero))
		return false;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (text[i] - '0');
	*out = v;
	return true;
}

int admin_parse_id(const char *text, const char *what, int64_t *out, struct tf_errmsg *e)
{
	int64_t v;
	if (!parse_decimal(text, 16, false, &v) || v > (INT64_C(1) << 53))
		return tf_errmsg_set(e, TF_EINVAL, "%s must be a positive integer", what);
	*out = v;
	return TF_OK;
}

int admin_parse_date(const char *text, const char *what, struct civil_date *out, struct tf_errmsg *e)
{
	struct civil_date d;
	/* The length first: civil_parse_date looks at text[10] unchecked. */
	if (text == NULL || strlen(text) != 10 || !civil_parse_date(text, &d) || d.year < 1900 || d.year > 9999)
		return tf_errmsg_set(e, TF_EINVAL, "\"%s\" must be a date YYYY-MM-DD", what);
	*out = d;
	return TF_OK;
}

int admin_parse_page(const struct form *q, int *limit, int64_t *offset, struct tf_errmsg *e)
{
	*limit = ADMIN_DEFAULT_LIMIT;
	*offset = 0;
	const char *l = form_get(q, "limit"), *o = form_get(q, "offset");
	int64_t v;
	if (l) {
		if (!parse_decimal(l, 9, true, &v))
			return tf_errmsg_set(e, TF_EINVAL, "\"limit\" must be an integer");
		if (v < 1 || v > ADMIN_MAX_LIMIT)
			return tf_errmsg_set(e, TF_EVALUE, "\"limit\" must be between 1 and %d", ADMIN_MAX_LIMIT);
		*limit = (int)v;
	}
	if (o) {
		if (!parse_decimal(o, 9, true, &v))
			return tf_errmsg_set(e, TF_EINVAL, "\"offset\" must be an integer");
		if (v > ADMIN_MAX_OFFSET)
			return tf_errmsg_set(e, TF_EVALUE, "\"offset\" must be between 0 and %d", ADMIN_MAX_OFFSET);
		*offset = v;
	}
	return TF_OK;
}

int admin_parse_enum(const char *text, const char *what, const char *const *allowed, struct tf_errmsg *e)
{
	char list[120] = "";
	size_t used = 0;
	for (const char *const *a = allowed; *a; a++) {
		if (text && strcmp(text, *a) == 0)
			return TF_OK;
		int n = snprintf(list + used, sizeof(list) - used, "%s%s", used ? ", " : "", *a);
		if (n > 0 && (size_t)n < sizeof(list) - used)
			used += (size_t)n;
	}
	return tf_errmsg_set(e, TF_EVALUE, "\"%s\" must be one of: %s", what, list);
}

int admin_parse_test_body(struct arena *a, const char *body, size_t len, const char **message, const char **session,
                          struct tf_errmsg *e)
{
	*message = *session = NULL;
	cJSON *in = body ? cJSON_ParseWithLength(body, len) : NULL;
	if (in == NULL)
		return tf_errmsg_set(e, TF_EINVAL, "body must be JSON");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(in, "message");
	const cJSON *sn = cJSON_GetObjectItemCaseSensitive(in, "session");
	int err = TF_OK;
	if (!cJSON_IsString(m) || strlen(m->valuestring) > TF_MAX_SPEECH)
		err = tf_errmsg_set(e, TF_EVALUE, "\"message\" must be a string of at most %d bytes", TF_MAX_SPEECH);
	else if (sn && (!cJSON_IsString(sn) || sn->valuestring[0] == '\0' || strlen(sn->valuestring) > 64))
		err = tf_errmsg_set(e, TF_EVALUE, "\"session\" must be 1 to 64 characters");
	else if ((*message = arena_strdup(a, m->valuestring)) == NULL ||
	         (*session = arena_strdup(a, sn ? sn->valuestring : "default")) == NULL)
		err = TF_ENOMEM;
	cJSON_Delete(in);
	return err;
}

int admin_parse_phone(const char *text, char out[TF_MAX_PHONE + 1], struct tf_errmsg *e)
{
	static const char msg[] = "\"phone\" must be an international number: '+', country code, number";
	if (text == NULL || *text == '\0')
		return tf_errmsg_set(e, TF_EINVAL, "%s", msg);
	if (strlen(text) > TF_MAX_PHONE)
		return tf_errmsg_set(e, TF_EVALUE, "%s", msg);
	char in[TF_MAX_PHONE + 1];
	snprintf(in, sizeof(in), "%s", text);
	if (in[0] == ' ')
		in[0] = '+';
	for (const char *p = in; *p; p++)
		if (!((*p >= '0' && *p <= '9') || strchr("+ -/()", *p)))
			return tf_errmsg_set(e, TF_EINVAL, "%s", msg);
	int err = crypto_phone_normalize(in, out, TF_MAX_PHONE + 1);
	if (err == TF_ELIMIT)
		return tf_errmsg_set(e, TF_EVALUE, "%s", msg);
	if (err)
		return tf_errmsg_set(e, TF_EINVAL, "%s", msg);
	size_t n = strlen(out);
	if (out[0] != '+' || strchr(out + 1, '+'))
		return tf_errmsg_set(e, TF_EINVAL, "%s", msg);
	if (n < 7 || n > 16 || out[1] == '0')
		return tf_errmsg_set(e, TF_EVALUE, "%s", msg);
	return TF_OK;
}

static int local_midnight(const struct tz *z, struct civil_date d, int64_t *utc)
{
	struct civil_time t = { .date = d };
	if (tz_from_local(z, t, utc) == TF_OK)
		return TF_OK;
	t.hour = 1;         /* a zone whose clocks skip midnight */
	return tz_from_local(z, t, utc);
}

int admin_day_range(const struct tz *z, struct civil_date from, struct civil_date to, bool has_from, bool has_to,
                    int64_t *from_utc, int64_t *to_utc, struct tf_errmsg *e)
{
	if (has_from && has_to) {
		if (civil_cmp(from, to) > 0)
			return tf_errmsg_set(e, TF_EVALUE, "\"from\" must not be after \"to\"");
		if (civil_to_days(to) - civil_to_days(from) >= ADMIN_MAX_DAYS)
			return tf_errmsg_set(e, TF_EVALUE, "\"from\" to \"to\" may span at most %d days", ADMIN_MAX_DAYS);
	}
	if (has_from && local_midnight(z, from, from_utc) != TF_OK)
		return tf_errmsg_set(e, TF_EVALUE, "\"from\" is not a day of this calendar");
	if (has_to && local_midnight(z, civil_add_days(to, 1), to_utc) != TF_OK)
		return tf_errmsg_set(e, TF_EVALUE, "\"to\" is not a day of this calendar");
	return TF_OK;
}

bool admin_iso_time(const char *db, char out[21])
{
	out[0] = '\0';
	int64_t utc;
	if (db == NULL || !store_parse_utc(db, &utc))
		return false;
	memcpy(out, db, 10);
	out[10] = 'T';
	memcpy(out + 11, db + 11, 8);
	out[19] = 'Z';
	out[20] = '\0';
	return true;
}

/* ---- JSON ---- */

bool admin_json_put_str(cJSON *o, const char *k, const char *v)
{
	return v ? cJSON_AddStringToObject(o, k, v) != NULL : cJSON_AddNullToObject(o, k) != NULL;
}

/* "" is stored for "not set" in a few text columns. */
static bool put_str_or_null(cJSON *o, const char *k, const char *v)
{
	return admin_json_put_str(o, k, v && *v ? v : NULL);
}

bool admin_json_put_num(cJSON *o, const char *k, double v)
{
	return cJSON_AddNumberToObject(o, k, v) != NULL;
}

/* An id where 0 means none. */
static bool put_id(cJSON *o, const char *k, int64_t v)
{
	return v ? admin_json_put_num(o, k, (double)v) : cJSON_AddNullToObject(o, k) != NULL;
}

bool admin_json_put_time(cJSON *o, const char *k, const char *db)
{
	char iso[21];
	return admin_json_put_str(o, k, admin_iso_time(db, iso) ? iso : NULL);
}

static bool put_bool(cJSON *o, const char *k, bool v)
{
	return cJSON_AddBoolToObject(o, k, v) != NULL;
}

bool admin_json_append(cJSON *list, cJSON *item)
{
	if (item == NULL)
		return false;
	if (!cJSON_AddItemToArray(list, item)) {
		cJSON_Delete(item);
		return false;
	}
	return true;
}

cJSON *admin_json_done(cJSON *o, bool ok)
{
	if (ok)
		return o;
	cJSON_Delete(o);
	return NULL;
}

cJSON *admin_lead_json(const struct store_lead_info *l)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)l->id);
	ok = ok && admin_json_put_str(o, "phone", l->phone);
	ok = ok && admin_json_put_str(o, "name", l->name);
	ok = ok && admin_json_put_str(o, "email", l->email);
	ok = ok && put_id(o, "studio_id", l->studio_id);
	ok = ok && admin_json_put_str(o, "status", l->status);
	ok = ok && admin_json_put_str(o, "source", l->source);
	ok = ok && (l->has_sentiment ? admin_json_put_num(o, "sentiment", l->sentiment) : cJSON_AddNullToObject(o, "sentiment") != NULL);
	ok = ok && admin_json_put_num(o, "call_count", l->call_count);
	ok = ok && admin_json_put_time(o, "last_call_at", l->last_call_at);
	ok = ok && admin_json_put_time(o, "created_at", l->created_at);
	ok = ok && admin_json_put_time(o, "updated_at", l->updated_at);
	if (l->unreadable)
		ok = ok && put_bool(o, "unreadable", true);
	return admin_json_done(o, ok);
}

cJSON *admin_call_json(const struct store_call_info *c)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)c->id);
	ok = ok && admin_json_put_str(o, "call_sid", c->call_sid);
	ok = ok && put_id(o, "lead_id", c->lead_id);
	ok = ok && put_id(o, "studio_id", c->studio_id);
	ok = ok && admin_json_put_str(o, "direction", c->direction);
	ok = ok && put_str_or_null(o, "to", c->to_number);
	ok = ok && admin_json_put_str(o, "status", c->status);
	ok = ok && admin_json_put_str(o, "outcome", c->outcome);
	ok = ok && admin_json_put_str(o, "engine", c->engine);
	ok = ok && admin_json_put_num(o, "turns", c->turn);
	ok = ok && (c->duration >= 0 ? admin_json_put_num(o, "duration_seconds", c->duration)
	                             : cJSON_AddNullToObject(o, "duration_seconds") != NULL);
	ok = ok && (c->has_sentiment ? admin_json_put_num(o, "sentiment", c->sentiment) : cJSON_AddNullToObject(o, "sentiment") != NULL);
	ok = ok && admin_json_put_time(o, "started_at", c->started_at);
	ok = ok && admin_json_put_time(o, "ended_at", c->ended_at);
	ok = ok && admin_json_put_str(o, "recording_consent", c->recording_consent);
	if (ok && c->state) {
		cJSON *state = cJSON_Parse(c->state);
		if (state)
			ok = cJSON_AddItemToObject(o, "state", state);
		else
			ok = admin_json_put_str(o, "state", c->state);
	}
	return admin_json_done(o, ok);
}

static bool put_local(cJSON *o, const char *k, const struct tz *z, int64_t utc)
{
	int off = 0;
	struct civil_time t = tz_to_local(z, utc, &off);
	int a = off < 0 ? -off : off;
	char text[40];
	snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t.date.year, t.date.month, t.date.day,
	         t.hour, t.minute, t.second, off < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
	return admin_json_put_str(o, k, text);
}

static bool put_utc(cJSON *o, const char *k, int64_t utc)
{
	char db[20], iso[21];
	store_format_utc(utc, db);
	return admin_json_put_str(o, k, admin_iso_time(db, iso) ? iso : NULL);
}

cJSON *admin_appointment_json(const struct store_appointment *ap, const struct store_studios *studios)
{
	const struct store_studio *st = studios ? store_studio_by_id(studios, ap->studio_id) : NULL;
	const struct tz *z = NULL;
	if (st == NULL || tz_load(st->timezone, &z) != TF_OK)
		z = NULL;
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)ap->id);
	ok = ok && put_id(o, "lead_id", ap->lead_id);
	ok = ok && admin_json_put_num(o, "studio_id", (double)ap->studio_id);
	ok = ok && put_utc(o, "starts_at", ap->start_utc);
	ok = ok && put_utc(o, "ends_at", ap->end_utc);
	if (z) {
		ok = ok && put_local(o, "starts_local", z, ap->start_utc);
		ok = ok && put_local(o, "ends_local", z, ap->end_utc);
		ok = ok && admin_json_put_str(o, "timezone", st->timezone);
	}
	ok = ok && admin_json_put_str(o, "status", ap->status);
	ok = ok && admin_json_put_str(o, "source", ap->source);
	ok = ok && admin_json_put_str(o, "call_sid", ap->call_sid);
	ok = ok && put_id(o, "rescheduled_from", ap->rescheduled_from);
	return admin_json_done(o, ok);
}

cJSON *admin_studio_json(const struct store_studio *st)
{
	static const char *const days[7] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)st->id);
	ok = ok && admin_json_put_str(o, "slug", st->slug);
	ok = ok && admin_json_put_str(o, "name", st->name);
	ok = ok && admin_json_put_str(o, "city", st->city);
	ok = ok && admin_json_put_str(o, "address", st->address);
	ok = ok && admin_json_put_str(o, "region", st->region);
	ok = ok && admin_json_put_str(o, "timezone", st->timezone);
	ok = ok && put_str_or_null(o, "twilio_number", st->twilio_number);
	ok = ok && put_str_or_null(o, "transfer_number", st->transfer_number);
	ok = ok && put_str_or_null(o, "sms_sender", st->sms_sender);
	ok = ok && admin_json_put_num(o, "slot_minutes", st->slot_minutes);
	ok = ok && admin_json_put_num(o, "capacity", st->capacity);
	ok = ok && admin_json_put_num(o, "lead_minutes", st->lead_minutes);
	ok = ok && admin_json_put_num(o, "horizon_days", st->horizon_days);
	ok = ok && admin_json_put_num(o, "staff_lines", st->staff_lines);
	ok = ok && put_id(o, "overflow_studio_id", st->overflow_studio_id);
	ok = ok && put_bool(o, "is_default", st->is_default);
	cJSON *hours = ok ? cJSON_AddObjectToObject(o, "opening_hours") : NULL;
	ok = ok && hours;
	for (int d = 0; ok && d < 7; d++) {
		cJSON *ranges = cJSON_AddArrayToObject(hours, days[d]);
		ok = ranges != NULL;
		for (int r = 0; ok && r < st->nranges[d] && r < STORE_MAX_RANGES; r++) {
			char opens[8], closes[8];
			snprintf(opens, sizeof(opens), "%02d:%02d", st->hours[d][r].opens / 60 % 100, st->hours[d][r].opens % 60);
			snprintf(closes, sizeof(closes), "%02d:%02d", st->hours[d][r].closes / 60 % 100,
			         st->hours[d][r].closes % 60);
			cJSON *pair = cJSON_CreateArray();
			ok = pair && cJSON_AddItemToArray(ranges, pair);
			if (!ok) {
				cJSON_Delete(pair);
				break;
			}
			cJSON *a = cJSON_CreateString(opens), *b = cJSON_CreateString(closes);
			if (a)
				cJSON_AddItemToArray(pair, a);
			if (b)
				cJSON_AddItemToArray(pair, b);
			ok = a && b;
		}
	}
	cJSON *prefixes = ok ? cJSON_AddArrayToObject(o, "caller_prefixes") : NULL;
	ok = ok && prefixes;
	for (int i = 0; ok && i < st->nprefixes && i < STORE_MAX_PREFIXES; i++) {
		cJSON *p = cJSON_CreateString(st->prefixes[i]);
		ok = p && cJSON_AddItemToArray(prefixes, p);
		if (!ok)
			cJSON_Delete(p);
	}
	return admin_json_done(o, ok);
}

cJSON *admin_sms_json(const struct store_sms_row *m, bool with_to)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;
	ok = ok && admin_json_put_num(o, "id", (double)m->id);
	ok = ok && put_id(o, "lead_id", m->lead_id);
	ok = ok && put_id(o, "appointment_id", m->appointment_id);
	ok = ok && put_id(o, "studio_id", m->studio_id);
	ok = ok && admin_json_put_str(o, "kind", m->kind);
	if (with_to) {
		char masked[32];
		log_mask_phone(m->to ? m->to : "", masked, sizeof(masked));
		ok = ok && admin_json_put_str(o, "to", m->to ? masked : NULL);
	}
	ok = ok && put_str_or_null(o, "from", m->from);
	ok = ok && admin_json_put_str(o, "sender_type", sms_sender_kind_name(sms_sender_kind(m->from)));
	ok = ok && admin_json_put_str(o, "status", m->status);
	ok = ok && admin_json_put_num(o, "attempts", m->attempts);
	ok = ok && admin_json_put_str(o, "message_sid", m->message_sid);
	ok = ok && admin_json_put_str(o, "error", m->last_error);
	bool undelivered = !strcmp(m->status, "failed") || !strcmp(m->status, "undelivered");
	char reason[SMS_REASON_MAX];
	ok = ok && admin_json_put_str(o, "reason", undelivered ? sms_failure_reason(m->last_error, reason, sizeof(reason)) : NULL);
	ok = ok && admin_json_put_time(o, "sent_at", m->sent_at);
	ok = ok && admin_json_put_time(o, "created_at", m->created_at);
	ok = ok && admin_json_put_time(o, "updated_at", m->updated_at);
	return admin_json_done(o, ok);
}

cJSON *admin_page_json(cJSON *items, int limit, int64_t offset, size_t n, bool more)
{
	cJSON *o = items ? cJSON_CreateObject() : NULL;
	if (o == NULL) {
		cJSON_Delete(items);
		return NULL;
	}
	bool ok = cJSON_AddItemToObject(o, "items", items);
	if (!ok)
		cJSON_Delete(items);
	ok = ok && admin_json_put_num(o, "limit", limit);
	ok = ok && admin_json_put_num(o, "offset", (double)offset);
	ok = ok && (more ? admin_json_put_num(o, "next_offset", (double)(offset + (int64_t)n)) : cJSON_AddNullToObject(o, "next_offset") != NULL);
	return admin_json_done(o, ok);
}

int admin_lead_detail(struct store *s, struct arena *a, int64_t lead_id, cJSON **out)
{
	*out = NULL;
	struct store_lead_info lead;
	int err = store_admin_lead_get(s, a, lead_id, &lead);
	if (err)
		return err;
	struct store_list_filter cf = { .lead_id = lead_id };
	struct store_call_info *calls;
	size_t ncalls;
	bool more_calls;
	if ((err = store_admin_calls(s, a, &cf, ADMIN_DETAIL_ROWS, 0, &calls, &ncalls, &more_calls)) != TF_OK)
		return err;
	struct store_list_filter af = { .lead_id = lead_id };
	struct store_appointment *appts;
	size_t nappts;
	bool more_appts;
	if ((err = store_admin_appointments(s, a, &af, ADMIN_DETAIL_ROWS, 0, &appts, &nappts, &more_appts)) != TF_OK)
		return err;
	struct store_sms_filter sf = { .lead_id = lead_id, .with_to = true };
	struct store_sms_row *sms;
	size_t nsms;
	bool more_sms;
	if ((err = store_sms_list(s, a, &sf, ADMIN_DETAIL_ROWS, 0, &sms, &nsms, &more_sms)) != TF_OK)
		return err;
	const struct store_studios *studios = NULL;
	if (store_studios(s, &studios) != TF_OK)
		studios = NULL;     /* no local times then, the rest still answers */

	cJSON *o = admin_lead_json(&lead);
	bool ok = o != NULL;
	cJSON *list = ok ? cJSON_AddArrayToObject(o, "calls") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < ncalls; i++) {
		ok = admin_json_append(list, admin_call_json(&calls[i]));
	}
	ok = ok && put_bool(o, "calls_truncated", more_calls);
	list = ok ? cJSON_AddArrayToObject(o, "appointments") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < nappts; i++) {
		ok = admin_json_append(list, admin_appointment_json(&appts[i], studios));
	}
	ok = ok && put_bool(o, "appointments_truncated", more_appts);
	list = ok ? cJSON_AddArrayToObject(o, "sms") : NULL;
	ok = ok && list;
	for (size_t i = 0; ok && i < nsms; i++) {
		ok = admin_json_append(list, admin_sms_json(&sms[i], true));
	}
	ok = ok && put_bool(o, "sms_truncated", more_sms);
	if ((*out = admin_json_done(o, ok)) == NULL)
		return TF_ENOMEM;
	return TF_OK;
}
