/* test_dialogflow.c: unit tests of lib/google/dialogflow: detectIntent answers (the
 * reference examples and odd ones), the request body and URL checked against
 * the CX field table, CX parameter values, the fulfillment webhook against a
 * real store (availability, booking, moving, cancelling, contact, transfer),
 * and the failure policy of a turn (not configured, errors, breaker, calls
 * that stay embedded). */
#include "buf.h"
#include "civil.h"
#include "clock.h"
#include "crypto.h"
#include "dialogflow.h"
#include "dialogflow_int.h"
#include "err.h"
#include "metrics.h"
#include "t.h"
#include "t_db.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include <stdlib.h>
#include <unistd.h>

#define EX "test/data/dialogflow_examples/"
#define FIELDS "test/data/dialogflow_cx_fields.json"
#define BERLIN "+4930901820"

/* ---- the field table of the reference: every key of a document we write must be a real field ---- */

static cJSON *fields;

static const cJSON *message_fields(const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(fields, "messages"), name);
}

/* A field's type as a message name: nested in the scope first ("ResponseMessage.Text"), then top level. */
static const char *resolve(const char *scope, const char *type, char *out, size_t n)
{
	char s[128];
	if ((size_t)snprintf(s, sizeof(s), "%s", scope) >= sizeof(s))
		return NULL;
	for (;;) {
		if ((size_t)snprintf(out, n, "%s.%s", s, type) < n && message_fields(out))
			return out;
		char *dot = strrchr(s, '.');
		if (dot == NULL)
			break;
		*dot = '\0';
	}
	if ((size_t)snprintf(out, n, "%s", type) >= n)
		return NULL;
	return message_fields(out) ? out : NULL;
}

static int shape_errors;

static void check_shape(const cJSON *obj, const char *msg)
{
	const cJSON *table = message_fields(msg);
	if (table == NULL || !cJSON_IsObject(obj))
		return;
	const cJSON *it;
	char seen_oneofs[16][64];
	int noneofs = 0;
	cJSON_ArrayForEach(it, obj) {
		const cJSON *f = NULL, *cand;
		cJSON_ArrayForEach(cand, table) {
			const char *j = cJSON_GetStringValue(cJSON_GetObjectItem(cand, "json"));
			const char *nm = cJSON_GetStringValue(cJSON_GetObjectItem(cand, "name"));
			if ((j && strcmp(j, it->string) == 0) || (nm && strcmp(nm, it->string) == 0))
				f = cand;
		}
		if (f == NULL) {
			fprintf(stderr, "not a field of %s: %s\n", msg, it->string);
			shape_errors++;
			continue;
		}
		const char *oneof = cJSON_GetStringValue(cJSON_GetObjectItem(f, "oneof"));
		if (oneof) {
			for (int i = 0; i < noneofs; i++)
				if (strcmp(seen_oneofs[i], oneof) == 0) {
					fprintf(stderr, "oneof %s of %s set twice\n", oneof, msg);
					shape_errors++;
				}
			if (noneofs < 16)
				snprintf(seen_oneofs[noneofs++], 64, "%s", oneof);
		}
		char sub[128];
		const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(f, "type"));
		if (type == NULL || resolve(msg, type, sub, sizeof(sub)) == NULL)
			continue;
		if (cJSON_IsTrue(cJSON_GetObjectItem(f, "repeated"))) {
			const cJSON *el;
			cJSON_ArrayForEach(el, it) check_shape(el, sub);
		} else {
			check_shape(it, sub);
		}
	}
}

/* ---- detectIntent answers ---- */

static int parse_file(struct arena *a, const char *name, struct dialogflow_answer *out)
{
	char path[256];
	snprintf(path, sizeof(path), EX "%s", name);
	char *text = t_read_file(path, NULL);
	T_OK(text != NULL);
	int err = dialogflow_parse_response(a, text ? text : "", text ? strlen(text) : 0, out);
	free(text);
	return err;
}

static int parse_str(struct arena *a, const char *json, struct dialogflow_answer *out)
{
	return dialogflow_parse_response(a, json, strlen(json), out);
}

static void test_parse_response(void)
{
	struct arena a;
	arena_init(&a, 1 << 22);
	struct dialogflow_answer r;

	T_EQ_INT(parse_file(&a, "detect_intent_response_intent.json", &r), TF_OK);
	T_EQ_STR(r.intent, "termin.buchen");
	T_OK(r.confidence > 0.91 && r.confidence < 0.93);
	T_EQ_STR(r.page, "Termin bestätigen");
	T_EQ_STR(r.match_type, "INTENT");
	T_OK(r.has_sentiment && r.sentiment > 0.29 && r.sentiment < 0.31);
	T_OK(strncmp(r.say, "Gern. Am Freitag", 16) == 0);
	T_EQ_INT(r.nparts, 1);
	T_OK(!r.live_agent && !r.end_interaction && r.transfer_number == NULL && !r.has_play);
	T_OK(r.parameters && strstr(r.parameters, "\"uhrzeit\""));
	T_OK(r.outcome == NULL);

	T_EQ_INT(parse_file(&a, "detect_intent_response_no_match.json", &r), TF_OK);
	T_EQ_STR(r.intent, "sys.no-match-default");
	T_EQ_STR(r.match_type, "NO_MATCH");
	T_OK(r.confidence == 0);
	T_OK(!r.has_sentiment);

	T_EQ_INT(parse_file(&a, "detect_intent_response_live_agent_handoff.json", &r), TF_OK);
	T_OK(r.live_agent);
	T_EQ_STR(r.say, "Einen Moment, ich verbinde Sie mit einer Kollegin.");
	T_EQ_STR(r.intent, "mitarbeiter.verlangen");

	T_EQ_INT(parse_file(&a, "detect_intent_response_end_interaction.json", &r), TF_OK);
	T_OK(r.end_interaction);
	T_EQ_STR(r.page, "End Session");

	T_EQ_INT(parse_file(&a, "detect_intent_response_telephony_transfer.json", &r), TF_OK);
	T_EQ_STR(r.transfer_number, "+493012345678");
	T_OK(r.confidence > 0.96);

	/* Errors, garbage, silence. */
	T_EQ_INT(parse_file(&a, "error_response.json", &r), TF_EUPSTREAM);
	T_EQ_INT(parse_file(&a, "error_response_unauthenticated.json", &r), TF_EUPSTREAM);
	static const char *const bad[] = {
		"", "garbage", "{", "[]", "null", "{\"queryResult\":[]}", "{\"queryResult\":{}}",
		"{\"queryResult\":{\"responseMessages\":[]}}", "{\"queryResult\":{\"responseMessages\":[{\"text\":{\"text\":[]}}]}}",
		"{\"queryResult\":{\"responseMessages\":[{\"text\":{\"text\":[\"\"]}}]}}",
		"{\"queryResult\":{\"responseMessages\":[{\"playAudio\":{\"audioUri\":\"javascript:x\"}}]}}",
		"{\"queryResult\":{\"responseMessages\":[{\"payload\":{\"a\":1}},{\"conversationSuccess\":{}}]}}",
		"{\"queryResult\":{\"responseMessages\":\"Hallo\"}}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_EQ_INT(parse_str(&a, bad[i], &r), TF_EUPSTREAM);

	/* snake_case, audio, SSML, odd numbers, a transfer to nowhere. */
	T_EQ_INT(parse_str(&a, "{\"query_result\":{\"response_messages\":[{\"text\":{\"text\":[\"Hallo\",\"Welt\"]}},"
	                       "{\"play_audio\":{\"audio_uri\":\"https://example.com/a.mp3\"}},"
	                       "{\"output_audio_text\":{\"ssml\":\"<speak>Guten <break/>Tag &amp; so</speak>\"}}],"
	                       "\"match\":{\"confidence\":7,\"match_type\":\"INTENT\",\"intent\":{\"display_name\":\"x\"}},"
	                       "\"current_page\":{\"display_name\":\"P\"},"
	                       "\"sentiment_analysis_result\":{\"score\":-3}}}", &r), TF_OK);
	T_EQ_STR(r.say, "Hallo Welt Guten Tag & so");
	T_EQ_INT(r.nparts, 4);
	T_OK(r.has_play && r.parts[2].kind == DIALOGFLOW_PLAY);
	T_EQ_STR(r.parts[2].text, "https://example.com/a.mp3");
	T_OK(r.confidence == 1);
	T_OK(r.sentiment == -1);
	T_EQ_STR(r.intent, "x");
	T_EQ_STR(r.page, "P");
	T_EQ_INT(parse_str(&a, "{\"queryResult\":{\"responseMessages\":[{\"telephonyTransferCall\":{\"phoneNumber\":\"0800 123\"}}]}}",
	                   &r), TF_OK);
	T_OK(r.transfer_number == NULL && r.live_agent);
	T_EQ_INT(parse_str(&a, "{\"queryResult\":{\"responseMessages\":[{\"endInteraction\":{}}],"
	                       "\"parameters\":{\"terminfon_outcome\":\"booked\"}}}", &r), TF_OK);
	T_OK(r.end_interaction && *r.say == '\0');
	T_EQ_STR(r.outcome, "booked");
	T_EQ_INT(parse_str(&a, "{\"queryResult\":{\"responseMessages\":[{\"endInteraction\":{}}],"
	                       "\"parameters\":{\"terminfon_outcome\":\"<script>\"}}}", &r), TF_OK);
	T_OK(r.outcome == NULL);
	/* More messages than we play: the first ones, bounded. */
	struct buf many;
	buf_init(&many, 1 << 20);
	buf_puts(&many, "{\"queryResult\":{\"responseMessages\":[");
	for (int i = 0; i < 100; i++)
		buf_printf(&many, "%s{\"text\":{\"text\":[\"Satz %d mit etwas mehr Text darin, damit es lang wird.\"]}}", i ? "," : "", i);
	buf_puts(&many, "]}}");
	T_EQ_INT(parse_str(&a, many.data, &r), TF_OK);
	T_EQ_INT(r.nparts, DIALOGFLOW_MAX_PARTS);
	T_OK(strlen(r.say) <= DIALOGFLOW_SAY_MAX);
	buf_free(&many);
	arena_free(&a);
}

/* ---- the request ---- */

static cJSON *request(const struct dialogflow_query *q)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	T_EQ_INT(dialogflow_request_json(q, &b), TF_OK);
	cJSON *o = cJSON_Parse(b.data);
	buf_free(&b);
	T_OK(o != NULL);
	shape_errors = 0;
	check_shape(o, "DetectIntentRequest");
	T_EQ_INT(shape_errors, 0);
	return o;
}

static void test_request(void)
{
	struct dialogflow_query q = {
		.text = "Ich hätte gern einen Termin am Freitag um 15 Uhr", .language = "de-DE", .timezone = "Europe/Berlin",
		.caller_name = "Anna Schmidt", .known_customer = true, .appointment_text = "morgen um 14 Uhr",
		.appointment_start = "2026-11-25T14:00:00+01:00", .appointment_studio = "Berlin", .studio = "Berlin",
		.studio_name = "Abnehmen im Liegen Berlin-Mitte", .studio_slug = "berlin-mitte", .studio_open = true,
	};
	cJSON *o = request(&q);
	const cJSON *qi = cJSON_GetObjectItem(o, "queryInput"), *qp = cJSON_GetObjectItem(o, "queryParams");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(qi, "text"), "text")), q.text);
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(qi, "languageCode")), "de-DE");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(qp, "timeZone")), "Europe/Berlin");
	T_OK(cJSON_IsTrue(cJSON_GetObjectItem(qp, "analyzeQueryTextSentiment")));
	const cJSON *p = cJSON_GetObjectItem(qp, "parameters");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(p, "caller_name")), "Anna Schmidt");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(p, "appointment_text")), "morgen um 14 Uhr");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(p, "studio")), "Berlin");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(p, "studio_id")), "berlin-mitte");
	T_OK(cJSON_IsTrue(cJSON_GetObjectItem(p, "known_customer")));
	T_OK(cJSON_GetObjectItem(p, "caller_number") == NULL);  /* the number stays with us */
	cJSON_Delete(o);

	/* DTMF wins over words; nothing heard is the no-input event; no appointment clears it. */
	struct dialogflow_query d = { .text = "eins", .digits = "1", .language = "de-DE", .timezone = "Europe/Berlin" };
	o = request(&d);
	qi = cJSON_GetObjectItem(o, "queryInput");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(qi, "dtmf"), "digits")), "1");
	T_OK(cJSON_GetObjectItem(qi, "text") == NULL);
	T_OK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "queryParams"), "parameters"),
	                                      "appointment_text")));
	cJSON_Delete(o);
	struct dialogflow_query e = { .language = "de-DE" };
	o = request(&e);
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "queryInput"), "event"),
	                                                   "event")), "sys.no-input-default");
	cJSON_Delete(o);

	/* 256 characters at most, cut between characters. */
	char longtext[1200];
	size_t at = 0;
	for (int i = 0; i < 300; i++) {
		const char *c = i % 2 ? "ä" : "a";
		memcpy(longtext + at, c, strlen(c));
		at += strlen(c);
	}
	longtext[at] = '\0';
	struct dialogflow_query l = { .text = longtext, .language = "de-DE" };
	o = request(&l);
	const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "queryInput"), "text"), "text"));
	size_t chars = 0;
	for (const char *c = t; c && *c; c++)
		chars += ((unsigned char)*c & 0xC0) != 0x80;
	T_EQ_INT(chars, DIALOGFLOW_TEXT_MAX);
	cJSON_Delete(o);
}

static void test_url(void)
{
	struct config cfg = { .dialogflow_project_id = "terminfon-demo", .dialogflow_location = "europe-west3",
	                      .dialogflow_agent_id = "3f1c2a9e-7b4d-4e61-9a0f-2c5d8e7b1a44", .dialogflow_api_base_url = "" };
	struct buf b;
	buf_init(&b, 4096);
	T_EQ_INT(dialogflow_url(&cfg, "CA5f2b0c3d9e8a7b6c5d4e3f2a1b0c9d8e", &b), TF_OK);
	T_EQ_STR(b.data, "https://europe-west3-dialogflow.googleapis.com/v3/projects/terminfon-demo/locations/europe-west3"
	                 "/agents/3f1c2a9e-7b4d-4e61-9a0f-2c5d8e7b1a44/sessions/CA5f2b0c3d9e8a7b6c5d4e3f2a1b0c9d8e:detectIntent");
	buf_reset(&b);
	cfg.dialogflow_location = "global";
	T_EQ_INT(dialogflow_url(&cfg, "CA1", &b), TF_OK);
	const char *global = "https://dialogflow.googleapis.com/v3/projects/terminfon-demo/locations/global/";
	T_OK(strncmp(b.data, global, strlen(global)) == 0);
	buf_reset(&b);
	cfg.dialogflow_api_base_url = "http://127.0.0.1:5555/";
	T_EQ_INT(dialogflow_url(&cfg, "CA1", &b), TF_OK);
	const char *local = "http://127.0.0.1:5555/v3/projects/";
	T_OK(strncmp(b.data, local, strlen(local)) == 0);
	buf_reset(&b);
	T_EQ_INT(dialogflow_url(&cfg, "", &b), TF_EINVAL);
	T_EQ_INT(dialogflow_url(&cfg, "CA5f2b0c3d9e8a7b6c5d4e3f2a1b0c9d8e123", &b), TF_EINVAL);  /* 37 */
	T_EQ_INT(dialogflow_url(&cfg, "../../x", &b), TF_EINVAL);
	T_EQ_INT(dialogflow_url(&cfg, "a?b", &b), TF_EINVAL);
	buf_free(&b);
}

/* ---- CX values ---- */

static struct dialogflow_when when_of(const char *json)
{
	struct dialogflow_when w = { 0 };
	cJSON *v = cJSON_Parse(json);
	df_when_read(v, &w);
	cJSON_Delete(v);
	return w;
}

static void test_values(void)
{
	struct dialogflow_when w = when_of("{\"year\":2026,\"month\":11,\"day\":25}");
	T_OK(w.has_date && w.date.day == 25 && !w.has_time);
	w = when_of("{\"hours\":15,\"minutes\":30,\"seconds\":0,\"nanos\":0}");
	T_OK(w.has_time && w.minute == 930 && !w.has_date);
	w = when_of("{\"year\":2026.0,\"month\":11,\"day\":25,\"hours\":9,\"minutes\":0}");
	T_OK(w.has_date && w.has_time && w.minute == 540);
	w = when_of("\"2026-11-25T15:00:00+01:00\"");
	T_OK(w.has_instant && w.instant_utc == civil_to_seconds((struct civil_time){ { 2026, 11, 25 }, 14, 0, 0 }));
	w = when_of("\"2026-11-25\"");
	T_OK(w.has_date && !w.has_time);
	w = when_of("\"15:45\"");
	T_OK(w.has_time && w.minute == 945);
	w = when_of("\"2026-11-25T10:00:00\"");
	T_OK(w.has_date && w.has_time && w.minute == 600 && !w.has_instant);
	w = when_of("{\"startDateTime\":{\"year\":2026,\"month\":11,\"day\":25,\"hours\":12},"
	            "\"endDateTime\":{\"year\":2026,\"month\":11,\"day\":25,\"hours\":16}}");
	T_OK(w.has_date && w.from == 720 && w.to == 960 && !w.has_time && !w.after_date);
	w = when_of("{\"startDate\":{\"year\":2026,\"month\":11,\"day\":30},\"endDate\":{\"year\":2026,\"month\":12,\"day\":6}}");
	T_OK(w.has_date && w.date.day == 30 && w.after_date);
	w = when_of("{\"start_time\":{\"hours\":8},\"end_time\":{\"hours\":12}}");
	T_OK(w.from == 480 && w.to == 720);
	/* Nonsense is left out, never half read. */
	static const char *const bad[] = {
		"{\"year\":2026,\"month\":13,\"day\":1}", "{\"year\":2026,\"month\":2,\"day\":30}", "{\"hours\":24}",
		"{\"hours\":1.5}", "\"2026-11-25T25:00\"", "\"morgen\"", "\"2026-11-25T10:00+99:00\"", "true", "[]",
		"{\"hours\":\"9\"}", "{\"year\":1e400,\"month\":1,\"day\":1}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		w = when_of(bad[i]);
		T_OK(!w.has_date && !w.has_time && !w.has_instant && w.from == 0 && w.to == 0);
	}
	int64_t utc;
	T_OK(df_iso_instant("2026-11-25T15:00:00Z", &utc) && utc == civil_to_seconds((struct civil_time){ { 2026, 11, 25 }, 15, 0, 0 }));
	T_OK(df_iso_instant("2026-11-25T15:00:00.123-0130", &utc));
	T_OK(!df_iso_instant("2026-11-25T15:00:00", &utc));
	T_OK(df_e164("+4930901821") && !df_e164("+0301") && !df_e164("4930") && !df_e164("+49 30") && !df_e164(NULL) &&
	     !df_e164("+1234567890123456"));
}

/* ---- webhook requests ---- */

static void test_webhook_parse(void)
{
	struct arena a;
	arena_init(&a, 1 << 22);
	struct dialogflow_webhook_request r;
	char *text = t_read_file(EX "webhook_request.json", NULL);
	T_EQ_INT(dialogflow_webhook_parse(&a, text, strlen(text), &r), TF_OK);
	free(text);
	T_EQ_STR(r.tag, "check-availability");
	T_EQ_STR(r.call_sid, "CA5f2b0c3d9e8a7b6c5d4e3f2a1b0c9d8e");
	T_EQ_STR(r.text, "Ich hätte gern einen Termin am Freitag um 15 Uhr");
	T_OK(r.has_when && r.when.has_date && r.when.date.year == 2025 && r.when.date.month == 2 && r.when.date.day == 14);
	T_OK(r.when.has_time && r.when.minute == 900);
	static const char *const files[] = { "webhook_request_minimal.json", "webhook_request_dtmf.json",
	                                     "webhook_request_transcript.json" };
	for (size_t i = 0; i < 3; i++) {
		char path[256];
		snprintf(path, sizeof(path), EX "%s", files[i]);
		text = t_read_file(path, NULL);
		T_EQ_INT(dialogflow_webhook_parse(&a, text, strlen(text), &r), TF_OK);
		T_OK(r.call_sid && strncmp(r.call_sid, "CA", 2) == 0);
		free(text);
	}
	const char *j = "{\"fulfillment_info\":{\"tag\":\"Book_Appointment\"},\"session_info\":{\"session\":"
	                "\"projects/p/locations/l/agents/a/sessions/CAabc\",\"parameters\":{\"name\":{\"name\":\"Anna Schmidt\"},"
	                "\"standort\":\"München\",\"wahl\":2,\"offered_slots\":[\"2026-11-25T10:00:00+01:00\",\"2026-11-25T11:00:00+01:00\","
	                "\"garbage\"],\"slot\":\"2026-11-25T10:00:00+01:00\",\"termin\":{\"startDateTime\":{\"year\":2026,\"month\":11,"
	                "\"day\":25,\"hours\":12},\"endDateTime\":{\"year\":2026,\"month\":11,\"day\":25,\"hours\":16}}}},"
	                "\"intentInfo\":{\"parameters\":{\"uhrzeit\":{\"originalValue\":\"15 Uhr\",\"resolvedValue\":{\"hours\":15}}}}}";
	T_EQ_INT(dialogflow_webhook_parse(&a, j, strlen(j), &r), TF_OK);
	T_EQ_STR(r.tag, "book-appointment");
	T_EQ_STR(r.call_sid, "CAabc");
	T_EQ_STR(r.name, "Anna Schmidt");
	T_EQ_STR(r.location, "München");
	T_EQ_INT(r.choice, 2);
	T_EQ_INT(r.noffered, 2);
	T_OK(r.has_slot);
	T_OK(r.when.has_date && r.when.from == 720 && r.when.to == 960 && r.when.has_time && r.when.minute == 900);
	/* Hostile sessions and tags. */
	j = "{\"fulfillmentInfo\":{\"tag\":7},\"sessionInfo\":{\"session\":\"projects/p/sessions/../../etc\"}}";
	T_EQ_INT(dialogflow_webhook_parse(&a, j, strlen(j), &r), TF_OK);
	T_EQ_STR(r.tag, "");
	T_OK(r.call_sid == NULL);
	T_EQ_INT(dialogflow_webhook_parse(&a, "[]", 2, &r), TF_EINVAL);
	T_EQ_INT(dialogflow_webhook_parse(&a, "{", 1, &r), TF_EINVAL);
	arena_free(&a);
}

/* ---- against a store ---- */

static struct config cfg;
static struct crypto keys;
static struct store *db;
static char db_path[512];
static int64_t NOW;          /* Tuesday 2026-11-24, 10:00 in Berlin */

static void store_up(void)
{
	char err[256];
	T_EQ_INT(crypto_init(&keys, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", err, sizeof(err)), TF_OK);
	if (t_db_on_postgres()) {
		T_OK(t_db_target(db_path, sizeof(db_path), "/tmp"));
	} else {
		snprintf(db_path, sizeof(db_path), "/tmp/terminfon-df-%d.db", (int)getpid());
		unlink(db_path);
	}
	T_EQ_INT(store_open(&db, db_path, &keys, 2000), TF_OK);
	int applied;
	T_EQ_INT(store_migrate(db, &applied), TF_OK);
	T_EQ_INT(store_seed_example(db), TF_OK);
	NOW = civil_to_seconds((struct civil_time){ { 2026, 11, 24 }, 9, 0, 0 });
	cfg = (struct config){
		.twilio_phone_number = BERLIN, .language = "de-DE", .timezone = "Europe/Berlin", .tts_voice = "Polly.Vicki",
		.sentiment_transfer = -0.5, .fallback_phone_number = "", .dialogflow_webhook_secret = "s3cret",
		.dialogflow_location = "global", .dialogflow_api_base_url = "", .dialogflow_timeout_ms = 500,
	};
}

static void store_down(void)
{
	store_close(db);
	t_db_drop(db_path);
	crypto_free(&keys);
	char p[600];
	unlink(db_path);
	snprintf(p, sizeof(p), "%s-wal", db_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db_path);
	unlink(p);
}

static void open_call(struct arena *a, const char *sid, const char *from)
{
	const struct store_studios *all;
	T_EQ_INT(store_studios(db, &all), TF_OK);
	struct store_call_open in = { .call_sid = sid, .from = from, .to = BERLIN, .direction = "inbound",
	                              .status = "in-progress", .studio_id = all->list[0].id };
	struct store_lead lead;
	struct store_call call;
	T_EQ_INT(store_call_open(db, a, &in, &lead, &call), TF_OK);
}

/* Posts a WebhookRequest; returns the parsed response (caller deletes). */
static cJSON *hook(struct arena *a, const char *sid, const char *tag, const char *params, int want_status)
{
	char *body = arena_printf(a, "{\"fulfillmentInfo\":{\"tag\":\"%s\"},\"sessionInfo\":{\"session\":"
	                             "\"projects/p/locations/global/agents/a/sessions/%s\",\"parameters\":%s},\"languageCode\":\"de\"}",
	                          tag, sid, params ? params : "{}");
	int status = 0;
	const char *json = NULL;
	T_EQ_INT(dialogflow_webhook(db, a, &cfg, NOW, body, strlen(body), &status, &json), TF_OK);
	T_EQ_INT(status, want_status);
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	T_OK(o != NULL);
	if (status == 200) {
		shape_errors = 0;
		check_shape(o, "WebhookResponse");
		T_EQ_INT(shape_errors, 0);
	}
	return o;
}

static const char *said(const cJSON *resp)
{
	const cJSON *m = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(resp, "fulfillmentResponse"), "messages"), 0);
	const char *s = cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(m, "text"), "text"), 0));
	return s ? s : "";
}

static const cJSON *param(const cJSON *resp, const char *name)
{
	return cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(resp, "sessionInfo"), "parameters"), name);
}

/* A caller who asks CX for another studio ("in der Münchner Filiale"): the
 * call is that studio's from then on, in the call row, for later webhooks
 * without the parameter and for the embedded agent alike. */
static void test_webhook_studio(void)
{
	struct arena a;
	arena_init(&a, 1 << 22);
	const struct store_studios *all;
	T_EQ_INT(store_studios(db, &all), TF_OK);
	const struct store_studio *muc = NULL;
	for (size_t i = 0; i < all->n; i++)
		if (strcmp(all->list[i].slug, "muenchen-schwabing") == 0)
			muc = &all->list[i];
	T_OK(muc != NULL);
	open_call(&a, "CAhook-studio", "+4915100000009");
	cJSON *r = hook(&a, "CAhook-studio", "check-availability", "{\"standort\":\"in der Münchner Filiale\"}", 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_studio")), "München");
	cJSON_Delete(r);
	struct store_call call;
	struct store_lead lead;
	T_EQ_INT(store_call_get(db, &a, "CAhook-studio", &call, &lead), TF_OK);
	T_EQ_INT(call.studio_id, muc ? muc->id : -1);
	r = hook(&a, "CAhook-studio", "studio-info", "{}", 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_studio")), "München");
	T_OK(strstr(said(r), "Leopoldstraße") != NULL);
	cJSON_Delete(r);
	arena_free(&a);
}

static void test_webhook(void)
{
	struct arena a;
	arena_init(&a, 1 << 22);
	open_call(&a, "CAhook1", "+4915100000001");

	/* Availability: the wished hour is free. */
	cJSON *r = hook(&a, "CAhook1", "check_availability",
	                "{\"datum\":{\"year\":2026,\"month\":11,\"day\":25},\"uhrzeit\":{\"hours\":15,\"minutes\":0}}", 200);
	T_OK(strstr(said(r), "ist noch ein Termin frei") != NULL);
	T_OK(said(r)[0] == 'M');  /* "Morgen um 15 Uhr ...": a sentence starts with a capital */
	T_OK(cJSON_IsTrue(param(r, "available")));
	T_EQ_STR(cJSON_GetStringValue(param(r, "slot")), "2026-11-25T15:00:00+01:00");
	T_OK(cJSON_IsNull(param(r, "wahl")));
	cJSON_Delete(r);

	r = hook(&a, "CAhook1", "check-availability", "{\"termin\":{\"year\":2026,\"month\":11,\"day\":26,\"hours\":10}}", 200);
	T_OK(strncmp(said(r), "Übermorgen um 10 Uhr ist noch ein Termin frei", 46) == 0);
	cJSON_Delete(r);

	/* A closed day: other slots are offered. */
	r = hook(&a, "CAhook1", "check-availability", "{\"termin\":\"2026-11-29T11:00:00+01:00\"}", 200);
	T_OK(strstr(said(r), "Ich hätte") != NULL);
	T_OK(cJSON_IsFalse(param(r, "available")));
	T_OK(cJSON_GetArraySize(param(r, "offered_slots")) >= 1);
	T_OK(cJSON_IsNull(param(r, "slot")));
	cJSON_Delete(r);

	/* Booking the slot; the store has it, from Dialogflow, on this call. */
	r = hook(&a, "CAhook1", "book-appointment", "{\"slot\":\"2026-11-25T15:00:00+01:00\"}", 200);
	T_OK(strstr(said(r), "ist gebucht") != NULL);
	T_EQ_STR(cJSON_GetStringValue(param(r, "terminfon_outcome")), "booked");
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_status")), "booked");
	T_OK(cJSON_IsNumber(param(r, "appointment_id")));
	cJSON_Delete(r);
	struct store_call call;
	struct store_lead lead;
	T_EQ_INT(store_call_get(db, &a, "CAhook1", &call, &lead), TF_OK);
	struct store_appointment ap;
	T_EQ_INT(store_lead_next_appointment(db, &a, lead.id, NOW, &ap), TF_OK);
	T_EQ_INT(ap.start_utc, civil_to_seconds((struct civil_time){ { 2026, 11, 25 }, 14, 0, 0 }));
	T_EQ_STR(ap.source, "dialogflow");
	T_EQ_STR(ap.call_sid, "CAhook1");

	/* Once more: the lead has one already, and is offered to move it. */
	r = hook(&a, "CAhook1", "book-appointment",
	         "{\"datum\":{\"year\":2026,\"month\":11,\"day\":26},\"uhrzeit\":{\"hours\":10,\"minutes\":0}}", 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_status")), "has_appointment");
	T_OK(strstr(said(r), "verschieben") != NULL);
	cJSON_Delete(r);

	/* Moving it to the second offered slot. */
	r = hook(&a, "CAhook1", "reschedule-appointment",
	         "{\"wahl\":2,\"offered_slots\":[\"2026-11-26T09:00:00+01:00\",\"2026-11-26T10:00:00+01:00\"]}", 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_status")), "rescheduled");
	cJSON_Delete(r);
	T_EQ_INT(store_lead_next_appointment(db, &a, lead.id, NOW, &ap), TF_OK);
	T_EQ_INT(ap.start_utc, civil_to_seconds((struct civil_time){ { 2026, 11, 26 }, 9, 0, 0 }));

	/* A slot that is not on the grid: refused, with alternatives. */
	open_call(&a, "CAhook2", "+4915100000002");
	r = hook(&a, "CAhook2", "book-appointment", "{\"slot\":\"2026-11-25T15:17:00+01:00\"}", 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_status")), "not_a_slot");
	T_OK(cJSON_GetArraySize(param(r, "offered_slots")) >= 1);
	cJSON_Delete(r);
	/* No time at all: asks for one. */
	r = hook(&a, "CAhook2", "book-appointment", "{}", 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_status")), "need_time");
	cJSON_Delete(r);

	/* Cancelling. */
	r = hook(&a, "CAhook1", "cancel-appointment", NULL, 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "terminfon_outcome")), "cancelled");
	T_OK(strstr(said(r), "abgesagt") != NULL);
	cJSON_Delete(r);
	T_EQ_INT(store_lead_next_appointment(db, &a, lead.id, NOW, &ap), TF_ENOTFOUND);
	r = hook(&a, "CAhook1", "cancel-appointment", NULL, 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_status")), "no_appointment");
	cJSON_Delete(r);

	/* The caller's name. */
	r = hook(&a, "CAhook1", "update-contact", "{\"name\":{\"name\":\"Anna Schmidt\"}}", 200);
	T_EQ_STR(said(r), "Vielen Dank, Anna Schmidt.");
	cJSON_Delete(r);
	T_EQ_INT(store_call_get(db, &a, "CAhook1", &call, &lead), TF_OK);
	T_EQ_STR(lead.name, "Anna Schmidt");

	/* A person: Berlin is open on Tuesday at 10. */
	r = hook(&a, "CAhook1", "transfer", NULL, 200);
	const cJSON *msgs = cJSON_GetObjectItem(cJSON_GetObjectItem(r, "fulfillmentResponse"), "messages");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(msgs, 1),
	                                                                        "telephonyTransferCall"), "phoneNumber")),
	         "+4930901821");
	cJSON_Delete(r);

	/* Callback, studio information, a studio the caller named. */
	r = hook(&a, "CAhook1", "callback", NULL, 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "terminfon_outcome")), "callback");
	cJSON_Delete(r);
	r = hook(&a, "CAhook1", "studio-info", NULL, 200);
	T_OK(strstr(said(r), "Friedrichstraße") != NULL && strstr(said(r), "Geöffnet ist") != NULL);
	cJSON_Delete(r);
	r = hook(&a, "CAhook1", "studio-info", "{\"standort\":\"muenchen\"}", 200);
	T_OK(strstr(said(r), "Leopoldstraße") != NULL);
	cJSON_Delete(r);

	/* No call behind the session (the console's simulator): availability works, booking does not. */
	r = hook(&a, "CAunknown", "check-availability", NULL, 200);
	T_OK(strstr(said(r), "Ich hätte") != NULL);
	cJSON_Delete(r);
	r = hook(&a, "CAunknown", "book-appointment", "{\"slot\":\"2026-11-25T16:00:00+01:00\"}", 200);
	T_EQ_STR(cJSON_GetStringValue(param(r, "booking_status")), "no_lead");
	cJSON_Delete(r);

	/* Unknown tags and bodies that are no request: 400 with an error. */
	r = hook(&a, "CAhook1", "order-pizza", NULL, 400);
	T_OK(cJSON_GetStringValue(cJSON_GetObjectItem(r, "error")) != NULL);
	cJSON_Delete(r);
	int status;
	const char *json;
	T_EQ_INT(dialogflow_webhook(db, &a, &cfg, NOW, "nope", 4, &status, &json), TF_OK);
	T_EQ_INT(status, 400);

	/* The secret. */
	T_OK(dialogflow_webhook_authorised(&cfg, "s3cret"));
	T_OK(!dialogflow_webhook_authorised(&cfg, "s3cre"));
	T_OK(!dialogflow_webhook_authorised(&cfg, "s3crets"));
	T_OK(!dialogflow_webhook_authorised(&cfg, NULL));
	struct config none = cfg;
	none.dialogflow_webhook_secret = "";
	T_OK(!dialogflow_webhook_authorised(&none, ""));
	arena_free(&a);
}

/* ---- the turn's failure policy ---- */

static char *key_file_for(const char *token_uri)
{
	char *text = t_read_file(EX "service_account_key.TEST.json", NULL);
	cJSON *o = cJSON_Parse(text);
	free(text);
	cJSON_ReplaceItemInObject(o, "token_uri", cJSON_CreateString(token_uri));
	char *j = cJSON_Print(o);
	cJSON_Delete(o);
	static char path[64];
	snprintf(path, sizeof(path), "/tmp/terminfon-df-key-%d.json", (int)getpid());
	FILE *f = fopen(path, "wb");
	fputs(j, f);
	fclose(f);
	cJSON_free(j);
	return path;
}

static void test_turn_policy(void)
{
	struct arena a;
	arena_init(&a, 1 << 22);
	struct dialogflow_reply out;
	struct agent_input in = { .speech = "Ich möchte einen Termin", .confidence = 0.9 };
	open_call(&a, "CAturn1", "+4915100000011");

	/* Not configured: nothing happens, nothing is counted. */
	T_EQ_INT(dialogflow_init(&cfg), TF_OK);
	T_EQ_INT(dialogflow_turn(db, &a, &cfg, "CAturn1", NOW, &in, &out), TF_ECONFIG);
	T_EQ_STR(out.fallback, "not_configured");
	T_EQ_INT(metrics_get(M_DF_ERRORS), 0);

	/* Configured wrongly: start-up stops; check-config says the same in one line. */
	char line[512];
	T_EQ_INT(dialogflow_check_config(&cfg, line, sizeof(line)), TF_OK);
	struct config bad = cfg;
	bad.dialogflow_project_id = "terminfon-demo";
	bad.dialogflow_agent_id = "";
	T_EQ_INT(dialogflow_init(&bad), TF_ECONFIG);
	bad.dialogflow_agent_id = "agent/../x";
	T_EQ_INT(dialogflow_init(&bad), TF_ECONFIG);
	bad.dialogflow_agent_id = "agent-1";
	bad.google_application_credentials = "/nonexistent/key.json";
	T_EQ_INT(dialogflow_init(&bad), TF_ECONFIG);
	T_EQ_INT(dialogflow_check_config(&bad, line, sizeof(line)), TF_ECONFIG);
	T_OK(strncmp(line, "GOOGLE_APPLICATION_CREDENTIALS: ", 32) == 0 && strstr(line, "/nonexistent/key.json") && !strchr(line, 10));
	bad.google_application_credentials = EX "service_account_key.TEST.json";
	T_EQ_INT(dialogflow_check_config(&bad, line, sizeof(line)), TF_OK);

	/* Configured, Google unreachable (a port that refuses). */
	struct config on = cfg;
	on.dialogflow_project_id = "terminfon-demo";
	on.dialogflow_agent_id = "agent-1";
	on.dialogflow_api_base_url = "http://127.0.0.1:9";
	on.google_application_credentials = key_file_for("http://127.0.0.1:9/token");
	T_EQ_INT(dialogflow_init(&on), TF_OK);
	T_EQ_INT(dialogflow_turn(db, &a, &on, "CAunknown-call", NOW, &in, &out), TF_ENOTFOUND);
	T_EQ_STR(out.fallback, "unknown_call");
	T_EQ_INT(dialogflow_turn(db, &a, &on, "CAturn1", NOW, &in, &out), TF_EUPSTREAM);
	T_EQ_STR(out.fallback, "upstream");
	T_EQ_INT(metrics_get(M_DF_ERRORS), 1);
	T_EQ_INT(metrics_get(M_DF_FALLBACKS), 1);
	/* The token endpoint's back-off answers at once now. */
	long long t0 = clock_mono_us();
	T_EQ_INT(dialogflow_turn(db, &a, &on, "CAturn1", NOW, &in, &out), TF_EUPSTREAM);
	T_OK(clock_mono_us() - t0 < 100000);

	/* Turns the embedded engine answered: a transfer result and the answer to
	 * its callback question are no failures; two others keep the call embedded. */
	struct store_turn turn = { .call_sid = "CAturn1", .turn = 1, .engine = "embedded", .intent = "book",
	                           .state = "{\"step\":\"ask_when\"}" };
	T_EQ_INT(store_turn_save(db, &turn), TF_OK);
	T_EQ_INT(dialogflow_turn(db, &a, &on, "CAturn1", NOW, &in, &out), TF_EUPSTREAM);
	turn.turn = 2;
	turn.intent = "transfer_result";
	turn.state = "{\"step\":\"offer_callback\"}";
	T_EQ_INT(store_turn_save(db, &turn), TF_OK);
	long long errors = metrics_get(M_DF_ERRORS);
	T_EQ_INT(dialogflow_turn(db, &a, &on, "CAturn1", NOW, &in, &out), TF_ECONFLICT);
	T_EQ_STR(out.fallback, "embedded_question");
	T_EQ_INT(metrics_get(M_DF_ERRORS), errors);
	turn.turn = 3;
	turn.intent = "yes";
	turn.state = "{\"step\":\"anything_else\"}";
	T_EQ_INT(store_turn_save(db, &turn), TF_OK);
	int n = -1;
	T_EQ_INT(store_call_embedded_turns(db, "CAturn1", &n), TF_OK);
	T_EQ_INT(n, 1);
	T_EQ_INT(dialogflow_turn(db, &a, &on, "CAturn1", NOW, &in, &out), TF_EUPSTREAM);
	turn.turn = 4;
	turn.intent = "book";
	T_EQ_INT(store_turn_save(db, &turn), TF_OK);
	errors = metrics_get(M_DF_ERRORS);
	T_EQ_INT(dialogflow_turn(db, &a, &on, "CAturn1", NOW, &in, &out), TF_ECONFLICT);
	T_EQ_STR(out.fallback, "stays_embedded");
	T_EQ_INT(metrics_get(M_DF_ERRORS), errors);
	T_EQ_INT(store_call_embedded_turns(db, "CAnobody", &n), TF_OK);
	T_EQ_INT(n, 0);

	/* Five failures in a row open the breaker: turns go embedded without trying. */
	for (int i = 0; i < 5; i++) {
		char sid[32];
		snprintf(sid, sizeof(sid), "CAbreak%d", i);
		open_call(&a, sid, "+4915100000020");
		dialogflow_turn(db, &a, &on, sid, NOW, &in, &out);
	}
	T_EQ_STR(out.fallback, "breaker_open");
	errors = metrics_get(M_DF_ERRORS);
	T_EQ_INT(dialogflow_turn(db, &a, &on, "CAbreak0", NOW, &in, &out), TF_EBUSY);
	T_EQ_STR(out.fallback, "breaker_open");
	T_EQ_INT(metrics_get(M_DF_ERRORS), errors);

	/* A session id CX would refuse never goes out. */
	open_call(&a, "TEST-a-session-name-that-is-far-too-long", NULL);
	T_EQ_INT(dialogflow_turn(db, &a, &on, "TEST-a-session-name-that-is-far-too-long", NOW, &in, &out), TF_EINVAL);
	T_EQ_STR(out.fallback, "bad_session");

	dialogflow_shutdown();
	unlink(on.google_application_credentials);
	arena_free(&a);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	char *ft = t_read_file(FIELDS, NULL);
	fields = ft ? cJSON_Parse(ft) : NULL;
	free(ft);
	T_OK(fields != NULL);
	test_parse_response();
	test_request();
	test_url();
	test_values();
	test_webhook_parse();
	store_up();
	test_webhook();
	test_webhook_studio();
	test_turn_policy();
	store_down();
	cJSON_Delete(fields);
	curl_global_cleanup();
	return t_done();
}
