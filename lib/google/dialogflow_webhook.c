/* dialogflow_webhook.c: the CX fulfillment webhook: a WebhookRequest read
 * into terminfon's terms, its tag answered with the business functions the
 * embedded agent uses, and the WebhookResponse (messages and session
 * parameters) written back. */
#include "dialogflow.h"
#include "dialogflow_int.h"
#include "booking.h"
#include "err.h"
#include "log.h"
#include "sayde.h"
#include "studio.h"
#include "tf_limits.h"
#include "utf8.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define DF_TAG_MAX 64

/* ---- reading the request ---- */

static bool df_text_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* Sets p[name] to a copy of v, replacing what was there. */
static bool df_put(cJSON *p, const char *name, const cJSON *v)
{
	cJSON *dup = cJSON_Duplicate(v, 1);
	if (dup == NULL)
		return false;
	if (cJSON_GetObjectItemCaseSensitive(p, name))
		return cJSON_ReplaceItemInObjectCaseSensitive(p, name, dup);
	if (cJSON_AddItemToObject(p, name, dup))
		return true;
	cJSON_Delete(dup);
	return false;
}

/* A copy of the parameters: session first, then form values, then the
 * matched intent's resolved values (the newest word wins). */
static cJSON *df_merged_params(const cJSON *root)
{
	cJSON *p = cJSON_CreateObject();
	bool ok = p != NULL;
	const cJSON *it;
	cJSON_ArrayForEach(it, df_get(df_get(root, "sessionInfo", "session_info"), "parameters", NULL)) {
		if (ok && it->string)
			ok = df_put(p, it->string, it);
	}
	const cJSON *form = df_get(df_get(root, "pageInfo", "page_info"), "formInfo", "form_info");
	cJSON_ArrayForEach(it, df_get(form, "parameterInfo", "parameter_info")) {
		const char *name = cJSON_GetStringValue(df_get(it, "displayName", "display_name"));
		const cJSON *v = df_get(it, "value", NULL);
		if (ok && name && v)
			ok = df_put(p, name, v);
	}
	cJSON_ArrayForEach(it, df_get(df_get(root, "intentInfo", "intent_info"), "parameters", NULL)) {
		const cJSON *v = df_get(it, "resolvedValue", "resolved_value");
		if (ok && it->string && v)
			ok = df_put(p, it->string, v);
	}
	if (!ok) {
		cJSON_Delete(p);
		return NULL;
	}
	return p;
}

/* @sys.person comes as {"name": ...} (or a plain string). */
static const char *df_person(struct arena *a, const cJSON *params)
{
	static const char *const names[] = { "name", "person", "kundenname", NULL };
	const cJSON *v = df_param(params, names);
	if (cJSON_IsObject(v)) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(v, "name");
		if (!cJSON_IsString(n))
			n = cJSON_GetObjectItemCaseSensitive(v, "original");
		v = n;
	}
	const char *s = cJSON_GetStringValue(v);
	return df_text_ok(s, TF_MAX_NAME) ? arena_strdup(a, s) : NULL;
}

static const char *df_location(struct arena *a, const cJSON *params)
{
	static const char *const names[] = { "standort", "studio_wunsch", "stadt", "city", NULL };
	const cJSON *v = df_param(params, names);
	if (cJSON_IsObject(v)) {
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(v, "city");
		if (!cJSON_IsString(c))
			c = cJSON_GetObjectItemCaseSensitive(v, "original");
		v = c;
	}
	const char *s = cJSON_GetStringValue(v);
	return df_text_ok(s, 128) ? arena_strdup(a, s) : NULL;
}

static int df_choice(const cJSON *params)
{
	static const char *const names[] = { DF_P_CHOICE, "auswahl", "choice", NULL };
	const cJSON *v = df_param(params, names);
	double d = 0;
	if (cJSON_IsNumber(v))
		d = v->valuedouble;
	else if (cJSON_IsString(v) && v->valuestring[0] >= '1' && v->valuestring[0] <= '9' && v->valuestring[1] == '\0')
		d = v->valuestring[0] - '0';
	return isfinite(d) && d == floor(d) && d >= 1 && d <= DIALOGFLOW_MAX_OFFERS ? (int)d : 0;
}

int dialogflow_webhook_parse(struct arena *a, const char *body, size_t len, struct dialogflow_webhook_request *out)
{
	memset(out, 0, sizeof(*out));
	out->tag = "";
	cJSON *root = cJSON_ParseWithLength(body, len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return TF_EINVAL;
	}
	int err = TF_ENOMEM;
	cJSON *params = NULL;
	const char *tag = cJSON_GetStringValue(df_get(df_get(root, "fulfillmentInfo", "fulfillment_info"), "tag", NULL));
	if (tag && strlen(tag) <= DF_TAG_MAX) {
		char *t = arena_strdup(a, tag);
		if (t == NULL)
			goto out;
		for (char *p = t; *p; p++)
			*p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
		out->tag = t;
	}
	const char *session = cJSON_GetStringValue(df_get(df_get(root, "sessionInfo", "session_info"), "session", NULL));
	const char *sid = session ? strstr(session, "/sessions/") : NULL;
	if (sid) {
		sid += strlen("/sessions/");
		size_t n = strlen(sid);
		bool ok = n > 0 && n <= 64;
		for (size_t i = 0; ok && i < n; i++)
			ok = isalnum((unsigned char)sid[i]) || sid[i] == '-' || sid[i] == '_' || sid[i] == '.';
		if (ok && (out->call_sid = arena_strdup(a, sid)) == NULL)
			goto out;
	}
	const char *text = cJSON_GetStringValue(df_get(root, "text", NULL));
	if (text == NULL)
		text = cJSON_GetStringValue(df_get(root, "transcript", NULL));
	if (text && strlen(text) <= TF_MAX_SPEECH && (out->text = arena_strdup(a, text)) == NULL)
		goto out;

	if ((params = df_merged_params(root)) == NULL)
		goto out;
	out->has_when = df_when_from_params(params, &out->when);
	out->name = df_person(a, params);
	out->location = df_location(a, params);
	out->choice = df_choice(params);
	const cJSON *it;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(params, DF_P_OFFERED)) {
		int64_t utc;
		if (out->noffered < DIALOGFLOW_MAX_OFFERS && df_iso_instant(cJSON_GetStringValue(it), &utc))
			out->offered[out->noffered++] = utc;
	}
	out->has_slot = df_iso_instant(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(params, DF_P_SLOT)),
	                               &out->slot_utc);
	err = TF_OK;
out:
	cJSON_Delete(params);
	cJSON_Delete(root);
	return err;
}

bool dialogflow_webhook_authorised(const struct config *cfg, const char *header)
{
	const char *secret = cfg->dialogflow_webhook_secret;
	if (secret == NULL || *secret == '\0' || header == NULL)
		return false;
	/* Digests of both, so that neither the length nor the bytes leak through timing. */
	unsigned char a[32], b[32];
	unsigned int na = 0, nb = 0;
	if (EVP_Digest(secret, strlen(secret), a, &na, EVP_sha256(), NULL) != 1 ||
	    EVP_Digest(header, strlen(header), b, &nb, EVP_sha256(), NULL) != 1 || na != 32 || nb != 32)
		return false;
	return CRYPTO_memcmp(a, b, 32) == 0;
}

/* ---- answering ---- */

struct df_hook {
	struct store *s;
	struct arena *a;
	const struct config *cfg;
	int64_t now;
	const struct dialogflow_webhook_request *req;
	bool have_call;
	struct store_call call;
	struct store_lead lead;
	const struct store_studios *studios;
	const struct store_studio *studio;
	const struct tz *tz;
	struct civil_date today;
	cJSON *messages;               /* fulfillmentResponse.messages */
	cJSON *params;                 /* sessionInfo.parameters */
	char say[1024];
	size_t len;
};

static void df_say(struct df_hook *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void df_say(struct df_hook *h, const char *fmt, ...)
{
	if (h->len >= sizeof(h->say) - 1)
		return;
	if (h->len > 0)
		h->say[h->len++] = ' ';
	size_t at = h->len;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(h->say + h->len, sizeof(h->say) - h->len, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof(h->say) - h->len) {
		h->len += (size_t)n;
	} else if (n > 0) {
		/* Too long (a long name): keep what fits, without half a character. */
		va_start(ap, fmt);
		char *all = arena_vprintf(h->a, fmt, ap);
		va_end(ap);
		h->len += all ? utf8_cut(all, (size_t)n, sizeof(h->say) - 1 - h->len) : 0;
		h->say[h->len] = '\0';
	}
	/* Sentences start with a capital ("heute um 14 Uhr ..." opens a sentence). */
	if (h->say[at] >= 'a' && h->say[at] <= 'z')
		h->say[at] = (char)(h->say[at] - 'a' + 'A');
	else if ((unsigned char)h->say[at] == 0xC3 && (unsigned char)h->say[at + 1] == 0xBC)
		h->say[at + 1] = (char)0x9C;  /* "übermorgen" -> "Übermorgen" */
}

static bool df_set_str(struct df_hook *h, const char *k, const char *v)
{
	cJSON_DeleteItemFromObjectCaseSensitive(h->params, k);
	return (v ? cJSON_AddStringToObject(h->params, k, v) : cJSON_AddNullToObject(h->params, k)) != NULL;
}

static bool df_set_num(struct df_hook *h, const char *k, double v)
{
	cJSON_DeleteItemFromObjectCaseSensitive(h->params, k);
	return cJSON_AddNumberToObject(h->params, k, v) != NULL;
}

static bool df_set_bool(struct df_hook *h, const char *k, bool v)
{
	cJSON_DeleteItemFromObjectCaseSensitive(h->params, k);
	return cJSON_AddBoolToObject(h->params, k, v) != NULL;
}

static void df_spoken(struct df_hook *h, int64_t utc, char *buf, size_t n)
{
	sayde_datetime(buf, n, tz_to_local(h->tz, utc, NULL), h->today);
}

/* offered_slots, offered_text and the words offering them. */
static int df_offer(struct df_hook *h, const struct schedule_slot *slots, size_t n)
{
	char words[DIALOGFLOW_MAX_OFFERS][128];
	cJSON *arr = cJSON_CreateArray();
	if (arr == NULL)
		return TF_ENOMEM;
	for (size_t i = 0; i < n && i < DIALOGFLOW_MAX_OFFERS; i++) {
		char iso[32];
		df_iso_local(h->tz, slots[i].start_utc, iso);
		df_spoken(h, slots[i].start_utc, words[i], sizeof(words[i]));
		cJSON *s = cJSON_CreateString(iso);
		if (s == NULL || !cJSON_AddItemToArray(arr, s)) {
			cJSON_Delete(s);
			cJSON_Delete(arr);
			return TF_ENOMEM;
		}
	}
	cJSON_DeleteItemFromObjectCaseSensitive(h->params, DF_P_OFFERED);
	if (!cJSON_AddItemToObject(h->params, DF_P_OFFERED, arr)) {
		cJSON_Delete(arr);
		return TF_ENOMEM;
	}
	char text[512];
	if (n == 1)
		snprintf(text, sizeof(text), "%s", words[0]);
	else if (n == 2)
		snprintf(text, sizeof(text), "%s oder %s", words[0], words[1]);
	else
		snprintf(text, sizeof(text), "%s, %s oder %s", words[0], words[1], words[2]);
	if (n == 1)
		df_say(h, "Ich hätte %s frei. Passt Ihnen das?", text);
	else
		df_say(h, "Ich hätte %s frei. Welcher Termin passt Ihnen?", text);
	return df_set_str(h, DF_P_OFFERED_TEXT, text) && df_set_str(h, DF_P_SLOT, NULL) ? TF_OK : TF_ENOMEM;
}

static int df_check_availability(struct df_hook *h)
{
	struct schedule_wish wish;
	bool has_wish = h->req->has_when && df_wish(&h->req->when, h->tz, &wish);
	struct schedule_slot slots[DIALOGFLOW_MAX_OFFERS];
	size_t n = 0;
	enum booking_result res;
	int err = booking_find(h->s, h->a, h->studio->id, h->now, has_wish ? &wish : NULL, slots, DIALOGFLOW_MAX_OFFERS,
	                       &n, &res);
	if (err)
		return err;
	if (!df_set_str(h, DF_P_CHOICE, NULL))
		return TF_ENOMEM;
	if (res != BOOKING_OK || n == 0) {
		df_say(h, "%s", res != BOOKING_OK ? "Für dieses Studio kann ich gerade keine Termine nachsehen."
		                                  : "Leider habe ich in den nächsten Wochen keinen freien Termin gefunden.");
		return df_set_bool(h, DF_P_AVAILABLE, false) && df_set_str(h, DF_P_OFFERED, NULL) &&
		       df_set_str(h, DF_P_SLOT, NULL) ? TF_OK : TF_ENOMEM;
	}
	if (slots[0].exact) {
		char when[128], iso[32];
		df_spoken(h, slots[0].start_utc, when, sizeof(when));
		df_iso_local(h->tz, slots[0].start_utc, iso);
		df_say(h, "%s ist noch ein Termin frei. Soll ich ihn für Sie eintragen?", when);
		cJSON *arr = cJSON_CreateArray();
		cJSON *one = cJSON_CreateString(iso);
		if (arr == NULL || one == NULL || !cJSON_AddItemToArray(arr, one)) {
			cJSON_Delete(one);
			cJSON_Delete(arr);
			return TF_ENOMEM;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(h->params, DF_P_OFFERED);
		if (!cJSON_AddItemToObject(h->params, DF_P_OFFERED, arr)) {
			cJSON_Delete(arr);
			return TF_ENOMEM;
		}
		return df_set_bool(h, DF_P_AVAILABLE, true) && df_set_str(h, DF_P_SLOT, iso) &&
		       df_set_str(h, DF_P_SLOT_TEXT, when) && df_set_str(h, DF_P_OFFERED_TEXT, when) ? TF_OK : TF_ENOMEM;
	}
	if (has_wish && wish.has_time && wish.has_date) {
		char t[32];
		sayde_time(t, sizeof(t), wish.minute / 60, wish.minute % 60);
		df_say(h, "Um %s ist leider nichts mehr frei.", t);
	}
	if (!df_set_bool(h, DF_P_AVAILABLE, false))
		return TF_ENOMEM;
	return df_offer(h, slots, n);
}

static bool df_need_lead(struct df_hook *h)
{
	if (h->have_call && h->lead.id)
		return true;
	df_say(h, "Leider wird Ihre Rufnummer nicht übertragen, deshalb kann ich das nicht für Sie eintragen. "
	          "Bitte rufen Sie uns mit Rufnummer noch einmal an.");
	df_set_str(h, DF_P_STATUS, "no_lead");
	return false;
}

/* The instant the caller settled on: a choice among the offered slots, the
 * slot parameter, or a day and a time. */
static bool df_chosen(struct df_hook *h, int64_t *utc)
{
	const struct dialogflow_webhook_request *r = h->req;
	if (r->choice >= 1 && (size_t)r->choice <= r->noffered) {
		*utc = r->offered[r->choice - 1];
		return true;
	}
	if (r->has_slot) {
		*utc = r->slot_utc;
		return true;
	}
	if (r->when.has_instant) {
		*utc = r->when.instant_utc;
		return true;
	}
	if (r->when.has_date && r->when.has_time) {
		struct civil_time t = { .date = r->when.date, .hour = r->when.minute / 60, .minute = r->when.minute % 60 };
		return tz_from_local(h->tz, t, utc) == TF_OK;
	}
	return false;
}

static const char *df_refusal(enum booking_result r)
{
	switch (r) {
	case BOOKING_TAKEN: return "Dieser Termin ist leider schon vergeben.";
	case BOOKING_CLOSED: return "Zu dieser Zeit hat das Studio leider geschlossen.";
	case BOOKING_PAST: return "Dieser Zeitpunkt liegt leider schon in der Vergangenheit.";
	case BOOKING_TOO_SOON: return "So kurzfristig kann ich leider keinen Termin mehr eintragen.";
	case BOOKING_OUT_OF_HORIZON: return "So weit im Voraus kann ich leider noch keine Termine eintragen.";
	case BOOKING_NOT_A_SLOT: return "Zu dieser Uhrzeit beginnt leider kein Termin.";
	case BOOKING_UNKNOWN_STUDIO: return "Für dieses Studio kann ich leider keine Termine eintragen.";
	case BOOKING_NO_APPOINTMENT: return "Ich finde unter Ihrer Nummer keinen offenen Termin.";
	default: return "Das hat leider nicht geklappt.";
	}
}

static int df_book(struct df_hook *h, bool move)
{
	if (!df_need_lead(h))
		return TF_OK;
	int64_t start;
	if (!df_chosen(h, &start)) {
		df_say(h, "Für welchen Tag und welche Uhrzeit soll ich den Termin eintragen?");
		return df_set_str(h, DF_P_STATUS, "need_time") ? TF_OK : TF_ENOMEM;
	}
	struct booking_request br = {
		.lead_id = h->lead.id, .studio_id = h->studio->id, .start_utc = start, .now_utc = h->now,
		.call_sid = h->req->call_sid, .source = h->call.test ? STORE_TEST_SESSION : "dialogflow",
		.sms_from = h->cfg->twilio_phone_number,
	};
	struct booking_outcome res;
	int err;
	if (move) {
		struct store_appointment ap;
		err = store_lead_next_appointment(h->s, h->a, h->lead.id, h->now, &ap);
		if (err == TF_ENOTFOUND) {
			df_say(h, "%s", df_refusal(BOOKING_NO_APPOINTMENT));
			return df_set_str(h, DF_P_STATUS, "no_appointment") ? TF_OK : TF_ENOMEM;
		}
		if (err)
			return err;
		err = booking_reschedule(h->s, h->a, ap.id, &br, &res);
	} else {
		err = booking_book(h->s, h->a, &br, &res);
	}
	if (err)
		return err;
	char when[128], iso[32];
	df_spoken(h, start, when, sizeof(when));
	df_iso_local(h->tz, start, iso);
	if (!df_set_str(h, DF_P_CHOICE, NULL))
		return TF_ENOMEM;
	switch (res.result) {
	case BOOKING_OK:
		if (move)
			df_say(h, "Erledigt: Ihr Termin ist jetzt %s im Studio %s.", when, h->studio->city);
		else
			df_say(h, "Wunderbar, Ihr Termin %s im Studio %s ist gebucht.", when, h->studio->city);
		df_say(h, "Sie bekommen gleich eine SMS mit allen Details.");
		return df_set_str(h, DF_P_STATUS, move ? "rescheduled" : "booked") &&
		       df_set_str(h, DF_P_OUTCOME, move ? "rescheduled" : "booked") &&
		       df_set_num(h, DF_P_APPOINTMENT_ID, (double)res.appointment_id) && df_set_str(h, DF_P_SLOT, NULL) &&
		       df_set_str(h, DF_P_SLOT_TEXT, when) && df_set_str(h, DF_P_OFFERED, NULL) ? TF_OK : TF_ENOMEM;
	case BOOKING_HAS_APPOINTMENT: {
		char old[128];
		df_spoken(h, res.existing.start_utc, old, sizeof(old));
		df_say(h, "Sie haben bereits einen Termin %s. Soll ich ihn auf %s verschieben?", old, when);
		return df_set_str(h, DF_P_STATUS, "has_appointment") && df_set_str(h, DF_P_SLOT, iso) &&
		       df_set_str(h, DF_P_SLOT_TEXT, when) ? TF_OK : TF_ENOMEM;
	}
	default:
		df_say(h, "%s", df_refusal(res.result));
		if (!df_set_str(h, DF_P_STATUS, booking_result_name(res.result)))
			return TF_ENOMEM;
		if (res.nalternatives > 0)
			return df_offer(h, res.alternatives, res.nalternatives);
		df_say(h, "Wann würde es Ihnen stattdessen passen?");
		return df_set_str(h, DF_P_SLOT, NULL) && df_set_str(h, DF_P_OFFERED, NULL) ? TF_OK : TF_ENOMEM;
	}
}

static int df_cancel(struct df_hook *h)
{
	if (!df_need_lead(h))
		return TF_OK;
	struct store_appointment ap;
	int err = store_lead_next_appointment(h->s, h->a, h->lead.id, h->now, &ap);
	if (err == TF_ENOTFOUND) {
		df_say(h, "%s", df_refusal(BOOKING_NO_APPOINTMENT));
		return df_set_str(h, DF_P_STATUS, "no_appointment") ? TF_OK : TF_ENOMEM;
	}
	if (err)
		return err;
	struct booking_outcome res;
	if ((err = booking_cancel(h->s, h->a, ap.id, h->now, h->cfg->twilio_phone_number, &res)) != TF_OK)
		return err;
	if (res.result != BOOKING_OK) {
		df_say(h, "Dieser Termin ist bereits nicht mehr aktiv.");
		return df_set_str(h, DF_P_STATUS, booking_result_name(res.result)) ? TF_OK : TF_ENOMEM;
	}
	const struct store_studio *where = store_studio_by_id(h->studios, ap.studio_id);
	char when[128];
	df_spoken(h, ap.start_utc, when, sizeof(when));
	df_say(h, "Ihr Termin %s im Studio %s ist abgesagt. Sie bekommen dazu gleich eine SMS.", when,
	       where ? where->city : h->studio->city);
	return df_set_str(h, DF_P_STATUS, "cancelled") && df_set_str(h, DF_P_OUTCOME, "cancelled") &&
	       df_set_num(h, DF_P_APPOINTMENT_ID, (double)ap.id) ? TF_OK : TF_ENOMEM;
}

static int df_update_contact(struct df_hook *h)
{
	if (h->req->name == NULL) {
		df_say(h, "Wie ist Ihr Vor- und Nachname?");
		return df_set_str(h, "contact_status", "need_name") ? TF_OK : TF_ENOMEM;
	}
	if (!df_need_lead(h))
		return TF_OK;
	int err = store_lead_set_name(h->s, h->lead.id, h->req->name);
	if (err)
		return err;
	df_say(h, "Vielen Dank, %s.", h->req->name);
	return df_set_str(h, "contact_status", "saved") && df_set_str(h, "caller_name", h->req->name) ? TF_OK : TF_ENOMEM;
}

static int df_callback(struct df_hook *h, const char *reason)
{
	if (!df_need_lead(h))
		return TF_OK;
	bool created;
	int err = store_callback_request(h->s, h->lead.id, h->studio->id, h->req->call_sid, reason, &created);
	if (err)
		return err;
	df_say(h, "Sehr gern. Wir rufen Sie unter der Nummer zurück, von der Sie gerade anrufen, sobald eine Kollegin "
	          "oder ein Kollege frei ist.");
	return df_set_str(h, DF_P_OUTCOME, "callback") ? TF_OK : TF_ENOMEM;
}

static int df_transfer_tag(struct df_hook *h)
{
	const char *num = df_transfer_number(h->studios, h->studio, h->cfg, h->now);
	if (num == NULL) {
		df_say(h, "Leider ist gerade niemand erreichbar.");
		return df_callback(h, "dialogflow_transfer");
	}
	df_say(h, "Einen Moment bitte, ich verbinde Sie mit einer Kollegin oder einem Kollegen.");
	/* The words first (df_respond puts them in front), then the transfer itself. */
	cJSON *m = cJSON_CreateObject();
	cJSON *t = m ? cJSON_AddObjectToObject(m, "telephonyTransferCall") : NULL;
	if (t == NULL || !cJSON_AddStringToObject(t, "phoneNumber", num) || !cJSON_AddItemToArray(h->messages, m)) {
		cJSON_Delete(m);
		return TF_ENOMEM;
	}
	return TF_OK;
}

static int df_studio_info(struct df_hook *h)
{
	struct schedule_studio cal;
	char hours[512] = "";
	if (studio_calendar(h->studio, &cal) == TF_OK)
		sayde_hours(hours, sizeof(hours), &cal);
	if (*h->studio->address)
		df_say(h, "Sie finden unser Studio in %s in der %s.", h->studio->city, h->studio->address);
	if (*hours)
		df_say(h, "Geöffnet ist %s.", hours);
	if (h->len == 0)
		df_say(h, "Dazu kann ich Ihnen leider gerade nichts sagen.");
	return TF_OK;
}

/* The response document: the words as the first text message, then any
 * message a handler added, and the parameters. */
static int df_respond(struct df_hook *h, const char **json)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *fr = root ? cJSON_AddObjectToObject(root, "fulfillmentResponse") : NULL;
	cJSON *si = root ? cJSON_AddObjectToObject(root, "sessionInfo") : NULL;
	if (fr == NULL || si == NULL) {
		cJSON_Delete(root);
		return TF_ENOMEM;
	}
	if (h->len > 0) {
		cJSON *m = cJSON_CreateObject();
		cJSON *t = m ? cJSON_AddObjectToObject(m, "text") : NULL;
		cJSON *lines = t ? cJSON_AddArrayToObject(t, "text") : NULL;
		cJSON *s = lines ? cJSON_CreateStringReference(h->say) : NULL;
		if (s == NULL || !cJSON_AddItemToArray(lines, s) || !cJSON_InsertItemInArray(h->messages, 0, m)) {
			cJSON_Delete(s);
			cJSON_Delete(m);
			cJSON_Delete(root);
			return TF_ENOMEM;
		}
	}
	cJSON_AddItemToObject(fr, "messages", h->messages);
	cJSON_AddItemToObject(si, "parameters", h->params);
	h->messages = h->params = NULL;
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (text == NULL)
		return TF_ENOMEM;
	*json = arena_strdup(h->a, text);
	cJSON_free(text);
	return *json ? TF_OK : TF_ENOMEM;
}

static int df_error_json(struct arena *a, const char *message, const char **json)
{
	cJSON *o = cJSON_CreateObject();
	char *text = o && cJSON_AddStringToObject(o, "error", message) ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	*json = text ? arena_strdup(a, text) : NULL;
	cJSON_free(text);
	return *json ? TF_OK : TF_ENOMEM;
}

int dialogflow_webhook(struct store *s, struct arena *a, const struct config *cfg, int64_t now_utc, const char *body,
                       size_t len, int *status, const char **json)
{
	*status = 400;
	*json = NULL;
	struct dialogflow_webhook_request req;
	int err = dialogflow_webhook_parse(a, body, len, &req);
	if (err == TF_EINVAL)
		return df_error_json(a, "body must be a Dialogflow CX WebhookRequest", json);
	if (err)
		return err;
	static const char *const tags[] = {
		"check-availability", "book-appointment", "reschedule-appointment", "cancel-appointment",
		"update-contact", "transfer", "callback", "studio-info",
	};
	size_t which = 0;
	while (which < sizeof(tags) / sizeof(tags[0]) && strcmp(tags[which], req.tag) != 0)
		which++;
	if (which == sizeof(tags) / sizeof(tags[0])) {
		log_warn("Dialogflow webhook with an unknown tag", "tag", *req.tag ? req.tag : "(none)");
		return df_error_json(a, "unknown fulfillment tag", json);
	}

	struct df_hook *h = arena_alloc(a, sizeof(*h));
	if (h == NULL)
		return TF_ENOMEM;
	*h = (struct df_hook){ .s = s, .a = a, .cfg = cfg, .now = now_utc, .req = &req };
	if (req.call_sid) {
		err = store_call_get(s, a, req.call_sid, &h->call, &h->lead);
		if (err == TF_OK)
			h->have_call = true;
		else if (err != TF_ENOTFOUND)
			return err;
	}
	if ((err = store_studios(s, &h->studios)) != TF_OK)
		return err;
	h->studio = df_studio_named(h->studios, req.location);
	if (h->studio && h->have_call && h->studio->id != h->call.studio_id && which != 3) {
		/* The caller asked for another studio: the call is that studio's from
		 * now on, for CX's later turns and for the embedded agent alike (a
		 * cancellation stays with the appointment's studio). */
		if ((err = store_call_set_studio(s, req.call_sid, h->studio->id)) != TF_OK)
			return err;
		log_info("caller chose another studio", "studio", h->studio->slug);
	}
	if (h->studio == NULL)
		h->studio = df_call_studio(h->studios, h->call.studio_id, h->lead.studio_id);
	if (h->studio == NULL || tz_load(h->studio->timezone, &h->tz) != TF_OK)
		return TF_ENOTFOUND;
	h->today = tz_to_local(h->tz, now_utc, NULL).date;
	h->messages = cJSON_CreateArray();
	h->params = cJSON_CreateObject();
	if (h->messages == NULL || h->params == NULL) {
		err = TF_ENOMEM;
		goto out;
	}
	switch (which) {
	case 0: err = df_check_availability(h); break;
	case 1: err = df_book(h, false); break;
	case 2: err = df_book(h, true); break;
	case 3: err = df_cancel(h); break;
	case 4: err = df_update_contact(h); break;
	case 5: err = df_transfer_tag(h); break;
	case 6: err = df_callback(h, "dialogflow"); break;
	default: err = df_studio_info(h); break;
	}
	if (err == TF_OK && !df_set_str(h, "booking_studio", h->studio->city))
		err = TF_ENOMEM;
	if (err == TF_OK)
		err = df_respond(h, json);
	if (err == TF_OK)
		*status = 200;
out:
	cJSON_Delete(h->messages);
	cJSON_Delete(h->params);
	return err;
}
