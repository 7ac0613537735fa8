/* dialogflow.c: the Dialogflow CX engine: detectIntent over REST with a
 * cached OAuth token and a kept-alive connection per worker, the answer
 * mapped to the embedded agent's reply, the turn logged like the embedded
 * agent's, and the failure policy (time budget, breaker, calls that fell back). */
#include "dialogflow.h"
#include "dialogflow_int.h"
#include "buf.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "metrics.h"
#include "oauth.h"
#include "studio_route.h"
#include "sayde.h"
#include "tf_limits.h"
#include "utf8.h"

#include <curl/curl.h>
#include <openssl/crypto.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define DF_CONNECT_TIMEOUT_MS 1000
#define DF_RETRY_MIN_LEFT_US  (100 * 1000)   /* a 401 is retried with a new token only with this much budget left */
#define DF_HINTS "Termin, freie Termine, ja, nein, heute, morgen, übermorgen, Montag, Dienstag, Mittwoch, " \
	"Donnerstag, Freitag, Samstag, vormittags, nachmittags, Uhr, absagen, verschieben, Rückruf, Mitarbeiter"

/* ---- process state ---- */

/* What a worker keeps between turns: the key, its OAuth client and one curl
 * handle whose connection to Google stays open (keep-alive). Nothing of a
 * request lives here. */
static struct {
	bool configured;
	pid_t pid;                     /* the process that made the handle */
	struct oauth_key key;
	struct oauth *oauth;
	CURL *curl;
	struct buf resp;
} df;

/* The breaker, shared by the workers when dialogflow_init_shared ran. */
struct df_shared {
	int failures;                  /* in a row, across all calls */
	long long open_until_us;       /* monotonic */
};
static struct df_shared df_shared_local;
static struct df_shared *df_shared = &df_shared_local;

bool dialogflow_configured(const struct config *cfg)
{
	return cfg && cfg->dialogflow_project_id && *cfg->dialogflow_project_id;
}

/* Ids go into the URL path: letters, digits and a few marks only. */
static bool df_id_ok(const char *s, const char *extra, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(extra, c)))
			return false;
	}
	return true;
}

void dialogflow_shutdown(void)
{
	if (df.curl && df.pid == getpid())
		curl_easy_cleanup(df.curl);
	df.curl = NULL;
	oauth_close(df.oauth);
	df.oauth = NULL;
	oauth_key_free(&df.key);
	buf_free(&df.resp);
	df.configured = false;
}

/* The ids and the key file; *key gets the key when not NULL. */
static int df_check(const struct config *cfg, struct oauth_key *key, char *err, size_t errlen)
{
	const char *problem = NULL;
	if (!df_id_ok(cfg->dialogflow_project_id, "-_.:", 128))
		problem = "DIALOGFLOW_PROJECT_ID: not a project id (letters, digits, '-', '.', ':')";
	else if (!df_id_ok(cfg->dialogflow_location, "-_", 64))
		problem = "DIALOGFLOW_LOCATION: not a location (global, europe-west3, ...)";
	else if (cfg->dialogflow_agent_id == NULL || *cfg->dialogflow_agent_id == '\0')
		problem = "DIALOGFLOW_AGENT_ID: must be set when DIALOGFLOW_PROJECT_ID is";
	else if (!df_id_ok(cfg->dialogflow_agent_id, "-_", 128))
		problem = "DIALOGFLOW_AGENT_ID: not an agent id (letters, digits, '-')";
	if (problem) {
		snprintf(err, errlen, "%s", problem);
		return TF_ECONFIG;
	}
	struct oauth_key k;
	int rc = oauth_key_load(cfg->google_application_credentials, &k, err, errlen);
	if (rc)
		return rc == TF_ENOMEM ? TF_ENOMEM : TF_ECONFIG;
	if (key)
		*key = k;
	else
		oauth_key_free(&k);
	return TF_OK;
}

int dialogflow_check_config(const struct config *cfg, char *err, size_t errlen)
{
	if (errlen)
		err[0] = '\0';
	return dialogflow_configured(cfg) ? df_check(cfg, NULL, err, errlen) : TF_OK;
}

int dialogflow_init(const struct config *cfg)
{
	dialogflow_shutdown();
	if (!dialogflow_configured(cfg))
		return TF_OK;
	char err[512];
	int rc = df_check(cfg, &df.key, err, sizeof(err));
	if (rc) {
		log_error("cannot use Dialogflow CX", "error", err);
		return rc;
	}
	if ((rc = oauth_open(&df.oauth, &df.key)) != TF_OK) {
		log_error("cannot use Dialogflow CX", "error", tf_strerror(rc));
		oauth_key_free(&df.key);
		return rc;
	}
	buf_init(&df.resp, TF_MAX_UPSTREAM_BODY);
	df.pid = getpid();
	df.configured = true;
	return TF_OK;
}

int dialogflow_init_shared(void)
{
	int err = oauth_init_shared();
	void *p = mmap(NULL, sizeof(struct df_shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		err = TF_ENOMEM;
	} else {
		memset(p, 0, sizeof(struct df_shared));
		df_shared = p;
	}
	if (err)
		log_warn("Dialogflow token cache and breaker stay per worker", "error", tf_strerror(err));
	return err;
}

static bool df_breaker_open(void)
{
	return clock_mono_us() < __atomic_load_n(&df_shared->open_until_us, __ATOMIC_RELAXED);
}

static void df_breaker(bool ok)
{
	if (ok) {
		__atomic_store_n(&df_shared->failures, 0, __ATOMIC_RELAXED);
		return;
	}
	int n = __atomic_add_fetch(&df_shared->failures, 1, __ATOMIC_RELAXED);
	if (n >= DIALOGFLOW_BREAKER_FAILURES) {
		__atomic_store_n(&df_shared->open_until_us, clock_mono_us() + DIALOGFLOW_BREAKER_OPEN_MS * 1000LL,
		                 __ATOMIC_RELAXED);
		if (n == DIALOGFLOW_BREAKER_FAILURES)
			log_warn("Dialogflow CX keeps failing: the embedded agent answers every call for a while");
	}
}

/* ---- the request ---- */

static bool df_add_str(cJSON *o, const char *k, const char *v)
{
	return v == NULL || cJSON_AddStringToObject(o, k, v) != NULL;
}

int dialogflow_request_json(const struct dialogflow_query *q, struct buf *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *input = cJSON_AddObjectToObject(root, "queryInput");
	cJSON *params = cJSON_AddObjectToObject(root, "queryParams");
	bool ok = root && input && params;
	char *text = NULL;
	if (ok && q->digits && *q->digits) {
		cJSON *dtmf = cJSON_AddObjectToObject(input, "dtmf");
		ok = dtmf && cJSON_AddStringToObject(dtmf, "digits", q->digits);
	} else if (ok && q->text && *q->text) {
		size_t n = utf8_cut_chars(q->text, strlen(q->text), DIALOGFLOW_TEXT_MAX);
		text = malloc(n + 1);
		cJSON *t = cJSON_AddObjectToObject(input, "text");
		ok = text && t;
		if (ok) {
			memcpy(text, q->text, n);
			text[n] = '\0';
			ok = cJSON_AddStringToObject(t, "text", text) != NULL;
		}
	} else if (ok) {
		cJSON *ev = cJSON_AddObjectToObject(input, "event");
		ok = ev && cJSON_AddStringToObject(ev, "event", "sys.no-input-default");
	}
	ok = ok && cJSON_AddStringToObject(input, "languageCode", q->language && *q->language ? q->language : "de");
	ok = ok && df_add_str(params, "timeZone", q->timezone) &&
	     cJSON_AddBoolToObject(params, "analyzeQueryTextSentiment", 1) &&
	     cJSON_AddStringToObject(params, "channel", "telephony");
	cJSON *p = ok ? cJSON_AddObjectToObject(params, "parameters") : NULL;
	ok = ok && p && df_add_str(p, "caller_name", q->caller_name) &&
	     cJSON_AddBoolToObject(p, "known_customer", q->known_customer) &&
	     df_add_str(p, "appointment_text", q->appointment_text) &&
	     df_add_str(p, "appointment_start", q->appointment_start) &&
	     df_add_str(p, "appointment_studio", q->appointment_studio) && df_add_str(p, "studio", q->studio) &&
	     df_add_str(p, "studio_name", q->studio_name) && df_add_str(p, "studio_id", q->studio_slug) &&
	     cJSON_AddBoolToObject(p, "studio_open", q->studio_open);
	/* A caller without an appointment has none now: clear what an earlier turn set. */
	if (ok && q->appointment_text == NULL)
		ok = cJSON_AddNullToObject(p, "appointment_text") && cJSON_AddNullToObject(p, "appointment_start");
	free(text);
	char *json = ok ? cJSON_PrintUnformatted(root) : NULL;
	cJSON_Delete(root);
	if (json == NULL)
		return TF_ENOMEM;
	int err = buf_puts(out, json);
	cJSON_free(json);
	return err;
}

int dialogflow_url(const struct config *cfg, const char *session, struct buf *out)
{
	if (!df_id_ok(session, "-_.", DIALOGFLOW_SESSION_MAX))
		return TF_EINVAL;
	const char *base = cfg->dialogflow_api_base_url;
	const char *loc = cfg->dialogflow_location && *cfg->dialogflow_location ? cfg->dialogflow_location : "global";
	int err;
	if (base && *base) {
		size_t n = strlen(base);
		while (n > 0 && base[n - 1] == '/')
			n--;
		err = buf_append(out, base, n);
	} else if (strcmp(loc, "global") == 0) {
		err = buf_puts(out, "https://dialogflow.googleapis.com");
	} else {
		err = buf_printf(out, "https://%s-dialogflow.googleapis.com", loc);
	}
	if (err == TF_OK)
		err = buf_printf(out, "/v3/projects/%s/locations/%s/agents/%s/sessions/%s:detectIntent",
		                 cfg->dialogflow_project_id, loc, cfg->dialogflow_agent_id, session);
	return err;
}

/* ---- the answer ---- */

static bool df_add_part(struct arena *a, struct dialogflow_answer *out, enum dialogflow_part_kind kind, const char *text)
{
	if (text == NULL || *text == '\0' || out->nparts >= DIALOGFLOW_MAX_PARTS)
		return true;
	char *copy = arena_strdup(a, text);
	if (copy == NULL)
		return false;
	out->parts[out->nparts].kind = kind;
	out->parts[out->nparts].text = copy;
	out->nparts++;
	if (kind == DIALOGFLOW_PLAY)
		out->has_play = true;
	return true;
}

/* SSML as plain words: tags dropped, the five XML entities read. */
static char *df_ssml_text(struct arena *a, const char *ssml)
{
	size_t n = strlen(ssml);
	char *out = arena_alloc(a, n + 1);
	if (out == NULL)
		return NULL;
	size_t j = 0;
	bool tag = false;
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
	};
	for (size_t i = 0; i < n; i++) {
		if (ssml[i] == '<') {
			tag = true;
			if (j > 0 && out[j - 1] != ' ')
				out[j++] = ' ';
			continue;
		}
		if (ssml[i] == '>' && tag) {
			tag = false;
			continue;
		}
		if (tag)
			continue;
		if (ssml[i] == '&') {
			bool done = false;
			for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]) && !done; k++) {
				size_t el = strlen(ents[k].ent);
				if (strncmp(ssml + i, ents[k].ent, el) == 0) {
					out[j++] = ents[k].c;
					i += el - 1;
					done = true;
				}
			}
			if (done)
				continue;
		}
		out[j++] = ssml[i];
	}
	while (j > 0 && out[j - 1] == ' ')
		j--;
	out[j] = '\0';
	return out;
}

static bool df_url_ok(const char *u)
{
	if (u == NULL || (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0))
		return false;
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return strlen(u) < TF_MAX_URL;
}

static int df_message(struct arena *a, const cJSON *m, struct dialogflow_answer *out)
{
	const cJSON *v;
	bool ok = true;
	if ((v = df_get(m, "text", NULL)) != NULL) {
		const cJSON *lines = df_get(v, "text", NULL), *it;
		cJSON_ArrayForEach(it, lines) {
			if (cJSON_IsString(it))
				ok = ok && df_add_part(a, out, DIALOGFLOW_SAY, it->valuestring);
		}
	} else if ((v = df_get(m, "outputAudioText", "output_audio_text")) != NULL) {
		const char *t = cJSON_GetStringValue(df_get(v, "text", NULL));
		const char *ssml = cJSON_GetStringValue(df_get(v, "ssml", NULL));
		if (t)
			ok = df_add_part(a, out, DIALOGFLOW_SAY, t);
		else if (ssml)
			ok = df_add_part(a, out, DIALOGFLOW_SAY, df_ssml_text(a, ssml));
	} else if ((v = df_get(m, "playAudio", "play_audio")) != NULL) {
		const char *uri = cJSON_GetStringValue(df_get(v, "audioUri", "audio_uri"));
		if (df_url_ok(uri))
			ok = df_add_part(a, out, DIALOGFLOW_PLAY, uri);
	} else if ((v = df_get(m, "mixedAudio", "mixed_audio")) != NULL) {
		const cJSON *it;
		cJSON_ArrayForEach(it, df_get(v, "segments", NULL)) {
			const char *uri = cJSON_GetStringValue(df_get(it, "uri", NULL));
			if (df_url_ok(uri))
				ok = ok && df_add_part(a, out, DIALOGFLOW_PLAY, uri);
		}
	} else if (df_get(m, "liveAgentHandoff", "live_agent_handoff") != NULL) {
		out->live_agent = true;
	} else if (df_get(m, "endInteraction", "end_interaction") != NULL) {
		out->end_interaction = true;
	} else if ((v = df_get(m, "telephonyTransferCall", "telephony_transfer_call")) != NULL) {
		const char *num = cJSON_GetStringValue(df_get(v, "phoneNumber", "phone_number"));
		if (df_e164(num)) {
			out->transfer_number = arena_strdup(a, num);
			ok = out->transfer_number != NULL;
		} else {
			out->live_agent = true;  /* a transfer to somewhere we cannot dial: a person of ours takes it */
		}
	}
	return ok ? TF_OK : TF_ENOMEM;
}

static const char *df_str(struct arena *a, const cJSON *v)
{
	return cJSON_IsString(v) && *v->valuestring ? arena_strdup(a, v->valuestring) : NULL;
}

int dialogflow_parse_response(struct arena *a, const char *body, size_t len, struct dialogflow_answer *out)
{
	memset(out, 0, sizeof(*out));
	out->say = "";
	cJSON *root = cJSON_ParseWithLength(body, len);
	int err = TF_EUPSTREAM;
	const cJSON *qr = df_get(root, "queryResult", "query_result");
	if (!cJSON_IsObject(root) || !cJSON_IsObject(qr))
		goto out;
	const cJSON *m;
	cJSON_ArrayForEach(m, df_get(qr, "responseMessages", "response_messages")) {
		if (cJSON_IsObject(m) && (err = df_message(a, m, out)) != TF_OK)
			goto out;
	}
	err = TF_ENOMEM;
	/* The words, joined, bounded. */
	struct buf say;
	buf_init(&say, DIALOGFLOW_SAY_MAX);
	for (size_t i = 0; i < out->nparts; i++) {
		if (out->parts[i].kind != DIALOGFLOW_SAY)
			continue;
		if ((say.len && buf_putc(&say, ' ') != TF_OK) || buf_puts(&say, out->parts[i].text) != TF_OK)
			break;
	}
	out->say = arena_strndup(a, say.data ? say.data : "", say.len);
	buf_free(&say);
	if (out->say == NULL)
		goto out;

	const cJSON *match = df_get(qr, "match", NULL);
	const cJSON *mi = df_get(match, "intent", NULL);
	out->match_type = df_str(a, df_get(match, "matchType", "match_type"));
	out->intent = df_str(a, df_get(mi, "displayName", "display_name"));
	if (out->intent == NULL)
		out->intent = df_str(a, df_get(df_get(qr, "intent", NULL), "displayName", "display_name"));
	if (out->intent == NULL)
		out->intent = df_str(a, df_get(match, "event", NULL));
	if (out->intent == NULL)
		out->intent = out->match_type;
	const cJSON *c = df_get(match, "confidence", NULL);
	if (!cJSON_IsNumber(c))
		c = df_get(qr, "intentDetectionConfidence", "intent_detection_confidence");
	if (cJSON_IsNumber(c) && isfinite(c->valuedouble))
		out->confidence = c->valuedouble < 0 ? 0 : c->valuedouble > 1 ? 1 : c->valuedouble;
	out->page = df_str(a, df_get(df_get(qr, "currentPage", "current_page"), "displayName", "display_name"));
	const cJSON *sent = df_get(df_get(qr, "sentimentAnalysisResult", "sentiment_analysis_result"), "score", NULL);
	if (cJSON_IsNumber(sent) && isfinite(sent->valuedouble)) {
		out->has_sentiment = true;
		out->sentiment = sent->valuedouble < -1 ? -1 : sent->valuedouble > 1 ? 1 : sent->valuedouble;
	}
	const cJSON *params = df_get(qr, "parameters", NULL);
	if (cJSON_IsObject(params)) {
		char *p = cJSON_PrintUnformatted(params);
		if (p == NULL)
			goto out;
		out->parameters = arena_strdup(a, p);
		cJSON_free(p);
		if (out->parameters == NULL)
			goto out;
		const char *oc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(params, DF_P_OUTCOME));
		static const char *const outcomes[] = { "booked", "rescheduled", "cancelled", "callback", "transferred", "info" };
		for (size_t i = 0; oc && i < sizeof(outcomes) / sizeof(outcomes[0]); i++)
			if (strcmp(oc, outcomes[i]) == 0)
				out->outcome = outcomes[i];
	}
	/* Nothing to say and nothing to do would leave the caller in silence. */
	err = out->nparts || out->live_agent || out->end_interaction || out->transfer_number ? TF_OK : TF_EUPSTREAM;
out:
	cJSON_Delete(root);
	return err;
}

/* ---- HTTP ---- */

static size_t df_write(char *p, size_t size, size_t n, void *ud)
{
	return buf_append(ud, p, size * n) == TF_OK ? size * n : 0;
}

/* POSTs the body; *status gets the HTTP status, df.resp the answer. */
static int df_post(const char *url, const char *token, const struct buf *body, long long deadline_us, long *status)
{
	*status = 0;
	long long left_ms = (deadline_us - clock_mono_us()) / 1000;
	if (left_ms <= 0)
		return TF_ETIMEOUT;
	if (df.curl == NULL || df.pid != getpid()) {
		/* A handle made before a fork is not ours to use. */
		df.curl = curl_easy_init();
		df.pid = getpid();
		if (df.curl == NULL)
			return TF_ENOMEM;
	}
	char *auth = malloc(strlen(token) + sizeof("Authorization: Bearer "));
	if (auth == NULL)
		return TF_ENOMEM;
	memcpy(auth, "Authorization: Bearer ", sizeof("Authorization: Bearer ") - 1);
	memcpy(auth + sizeof("Authorization: Bearer ") - 1, token, strlen(token) + 1);
	struct curl_slist *h = curl_slist_append(NULL, auth), *t;
	OPENSSL_cleanse(auth, strlen(auth));
	free(auth);
	if (h == NULL)
		return TF_ENOMEM;
	static const char *const more[] = { "Content-Type: application/json; charset=utf-8", "Accept: application/json",
	                                    "Expect:" };
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
		if ((t = curl_slist_append(h, more[i])) == NULL)
			goto nomem;
		h = t;
	}

	buf_reset(&df.resp);
	CURL *c = df.curl;
	/* reset drops the previous options but keeps the connection (keep-alive). */
	curl_easy_reset(c);
	CURLcode cc = curl_easy_setopt(c, CURLOPT_URL, url);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, left_ms < DF_CONNECT_TIMEOUT_MS ? (long)left_ms : (long)DF_CONNECT_TIMEOUT_MS);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)left_ms);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_USERAGENT, "terminfon");
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, df_write);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_WRITEDATA, &df.resp);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body->len);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data);
	int err = TF_OK;
	if (cc == CURLE_OK) {
		cc = curl_easy_perform(c);
		if (cc == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	}
	if (cc != CURLE_OK)
		err = cc == CURLE_OPERATION_TIMEDOUT ? TF_ETIMEOUT : cc == CURLE_OUT_OF_MEMORY ? TF_ENOMEM : TF_EUPSTREAM;
	if (cc != CURLE_OK && cc != CURLE_OPERATION_TIMEDOUT)
		log_warn("detectIntent failed", "error", curl_easy_strerror(cc));
	/* The list held the token: the handle must not keep pointing at it. */
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	OPENSSL_cleanse(h->data, strlen(h->data));
	curl_slist_free_all(h);
	return err;
nomem:
	curl_slist_free_all(h);
	return TF_ENOMEM;
}

/* ---- the turn ---- */

struct df_turn {
	struct store *s;
	struct arena *a;
	const struct config *cfg;
	const char *call_sid;
	int64_t now;
	struct store_call call;
	struct store_lead lead;
	const struct store_studios *studios;
	const struct store_studio *studio;
	const struct tz *tz;
	struct dialogflow_reply *out;
};

/* A failure of Google's side: counted, fed to the breaker, logged without
 * anything the caller said. */
static int df_fail(struct dialogflow_reply *out, const char *reason, int metric, long status)
{
	metrics_inc(M_DF_ERRORS);
	if (metric >= 0)
		metrics_inc((enum metric_counter)metric);
	metrics_inc(M_DF_FALLBACKS);
	df_breaker(false);
	out->fallback = reason;
	char code[24] = "-";
	if (status > 0)
		snprintf(code, sizeof(code), "%ld", status);
	log_warn("Dialogflow CX failed, the embedded agent answers the turn", "reason", reason, "http_status", code);
	return TF_EUPSTREAM;
}

static bool df_digits_ok(const char *d)
{
	size_t n = d ? strlen(d) : 0;
	if (n == 0 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((d[i] >= '0' && d[i] <= '9') || d[i] == '*' || d[i] == '#'))
			return false;
	return true;
}

static int df_query(struct df_turn *t, const struct agent_input *in, struct dialogflow_query *q)
{
	memset(q, 0, sizeof(*q));
	q->digits = df_digits_ok(in->digits) ? in->digits : NULL;
	q->text = in->speech && *in->speech ? in->speech : NULL;
	q->language = t->cfg->language;
	q->timezone = tz_name(t->tz);
	q->caller_name = t->lead.name && *t->lead.name ? t->lead.name : NULL;
	q->known_customer = t->lead.id && (t->lead.call_count > 1 || q->caller_name);
	q->studio = t->studio->city;
	q->studio_name = t->studio->name;
	q->studio_slug = t->studio->slug;
	q->studio_open = route_studio_open(t->studio, t->now);
	if (t->lead.id == 0)
		return TF_OK;
	struct store_appointment ap;
	int err = store_lead_next_appointment(t->s, t->a, t->lead.id, t->now, &ap);
	if (err == TF_ENOTFOUND)
		return TF_OK;
	if (err)
		return err;
	const struct store_studio *where = store_studio_by_id(t->studios, ap.studio_id);
	const struct tz *z = t->tz;
	if (where == NULL || tz_load(where->timezone, &z) != TF_OK) {
		where = t->studio;
		z = t->tz;
	}
	char spoken[128], iso[32];
	sayde_datetime(spoken, sizeof(spoken), tz_to_local(z, ap.start_utc, NULL), tz_to_local(z, t->now, NULL).date);
	df_iso_local(z, ap.start_utc, iso);
	q->appointment_text = arena_strdup(t->a, spoken);
	q->appointment_start = arena_strdup(t->a, iso);
	q->appointment_studio = where->city;
	return q->appointment_text && q->appointment_start ? TF_OK : TF_ENOMEM;
}

/* detectIntent within the budget, with one retry on a refused token. */
static int df_exchange(struct df_turn *t, const struct buf *body, long long deadline_us, struct dialogflow_answer *ans)
{
	struct buf url;
	buf_init(&url, TF_MAX_URL);
	int err = dialogflow_url(t->cfg, t->call_sid, &url);
	if (err) {
		buf_free(&url);
		return err;
	}
	char token[OAUTH_TOKEN_MAX];
	for (int attempt = 0;; attempt++) {
		err = oauth_token(df.oauth, deadline_us, token, sizeof(token));
		if (err == TF_ENOMEM)
			break;
		if (err) {
			err = df_fail(t->out, err == TF_ETIMEOUT ? "timeout" : err == TF_EAUTH ? "auth" : "upstream",
			              err == TF_ETIMEOUT ? M_DF_TIMEOUTS : -1, 0);
			break;
		}
		metrics_inc(M_DF_REQUESTS);
		long long t0 = clock_mono_us();
		long status = 0;
		err = df_post(url.data, token, body, deadline_us, &status);
		metrics_dialogflow_latency(clock_mono_us() - t0);
		if (err == TF_ENOMEM)
			break;
		if (err) {
			err = df_fail(t->out, err == TF_ETIMEOUT ? "timeout" : "upstream", err == TF_ETIMEOUT ? M_DF_TIMEOUTS : -1, 0);
			break;
		}
		if (status == 401) {
			/* Revoked or expired early: a new token, once, when the budget allows. */
			oauth_invalidate(df.oauth, token);
			if (attempt == 0 && deadline_us - clock_mono_us() > DF_RETRY_MIN_LEFT_US)
				continue;
		}
		if (status != 200) {
			err = df_fail(t->out, status == 429 ? "quota" : status == 401 || status == 403 ? "auth" : "upstream",
			              status == 429 ? M_DF_429 : -1, status);
			break;
		}
		err = dialogflow_parse_response(t->a, df.resp.data ? df.resp.data : "", df.resp.len, ans);
		if (err == TF_ENOMEM)
			break;
		if (err) {
			err = df_fail(t->out, "malformed", -1, status);
			break;
		}
		df_breaker(true);
		break;
	}
	OPENSSL_cleanse(token, sizeof(token));
	buf_free(&url);
	return err;
}

/* Appends words to the reply (both the joined say and the parts). */
static int df_say_more(struct df_turn *t, const char *words)
{
	struct dialogflow_reply *out = t->out;
	const char *say = out->agent.say && *out->agent.say ? arena_printf(t->a, "%s %s", out->agent.say, words)
	                                                     : arena_strdup(t->a, words);
	if (say == NULL)
		return TF_ENOMEM;
	out->agent.say = say;
	if (out->nparts < DIALOGFLOW_MAX_PARTS) {
		out->parts[out->nparts].kind = DIALOGFLOW_SAY;
		out->parts[out->nparts].text = words;
		out->nparts++;
	}
	return TF_OK;
}

static int df_transfer(struct df_turn *t, const char *number, const char *words, const char **outcome)
{
	struct agent_reply *r = &t->out->agent;
	if (number) {
		r->action = AGENT_TRANSFER;
		r->dial_number = number;
		*outcome = "transferred";
		return *r->say ? TF_OK : df_say_more(t, words);
	}
	/* Nobody to put the call through to: a callback instead, as the embedded agent does. */
	r->action = AGENT_HANGUP;
	if (t->lead.id == 0) {
		*outcome = "info";
		return df_say_more(t, "Leider kann ich Sie gerade nicht verbinden. Bitte rufen Sie uns zu den Öffnungszeiten "
		                      "noch einmal an. Auf Wiederhören!");
	}
	bool created;
	int err = store_callback_request(t->s, t->lead.id, t->studio->id, t->call_sid, "dialogflow_handoff", &created);
	if (err)
		return err;
	*outcome = "callback";
	return df_say_more(t, "Leider ist gerade niemand erreichbar. Wir rufen Sie unter der Nummer zurück, von der Sie "
	                      "gerade anrufen, sobald eine Kollegin oder ein Kollege frei ist. Auf Wiederhören!");
}

/* The answer as the reply Twilio plays, and the outcome this turn decided. */
static int df_reply(struct df_turn *t, const struct dialogflow_answer *ans, const char **outcome)
{
	struct dialogflow_reply *out = t->out;
	struct agent_reply *r = &out->agent;
	*outcome = NULL;
	r->say = ans->say;
	r->caller_id = *t->studio->twilio_number ? t->studio->twilio_number : t->cfg->twilio_phone_number;
	r->intent = ans->intent ? ans->intent : "unknown";
	r->confidence = ans->confidence;
	memcpy(out->parts, ans->parts, sizeof(out->parts));
	out->nparts = ans->nparts;
	out->has_play = ans->has_play;
	int err = TF_OK;
	static const char connect[] = "Einen Moment bitte, ich verbinde Sie mit einer Kollegin oder einem Kollegen.";
	if (ans->transfer_number) {
		err = df_transfer(t, ans->transfer_number, "Einen Moment bitte, ich verbinde Sie.", outcome);
	} else if (ans->live_agent) {
		err = df_transfer(t, df_transfer_number(t->studios, t->studio, t->cfg, t->now), connect, outcome);
	} else if (ans->end_interaction) {
		r->action = AGENT_HANGUP;
		if (t->call.outcome == NULL)
			*outcome = "info";
		if (*r->say == '\0')
			err = df_say_more(t, "Vielen Dank für Ihren Anruf. Auf Wiederhören!");
	} else {
		r->action = AGENT_GATHER;
		r->hints = DF_HINTS;
		/* The same rule as the embedded agent: a clearly upset caller gets a person. */
		const char *num = ans->has_sentiment && ans->sentiment < t->cfg->sentiment_transfer
		                  ? df_transfer_number(t->studios, t->studio, t->cfg, t->now) : NULL;
		if (num) {
			r->say = "";
			out->nparts = 0;
			out->has_play = false;
			err = df_say_more(t, "Das tut mir leid. Ich möchte, dass Ihnen schnell geholfen wird.");
			if (err == TF_OK)
				err = df_transfer(t, num, connect, outcome);
			if (err == TF_OK)
				err = df_say_more(t, connect);
		}
	}
	if (*outcome == NULL && ans->outcome && (t->call.outcome == NULL || strcmp(t->call.outcome, ans->outcome) != 0))
		*outcome = ans->outcome;
	r->outcome = *outcome;
	return err;
}

static double df_num(const cJSON *o, const char *k, double def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : def;
}

/* The dialog state after a CX turn, in the embedded agent's terms (agent.c's
 * state JSON: unknown keys are ignored there), so that a later turn that
 * falls back goes on from what CX collected: offered slots, the wished day
 * and time, the studio, the running sentiment and the outcome. */
static char *df_state(struct df_turn *t, const struct dialogflow_answer *ans, const char *outcome, double *mean)
{
	cJSON *prev = t->call.state ? cJSON_Parse(t->call.state) : NULL;
	double m = df_num(prev, "sentiment", 0);
	int n = (int)df_num(prev, "nsentiment", 0);
	cJSON_Delete(prev);
	if (n < 0 || n > 1000000)
		n = 0;
	if (ans->has_sentiment) {
		m = (m * n + ans->sentiment) / (n + 1);
		n++;
	}
	*mean = m;

	cJSON *params = ans->parameters ? cJSON_Parse(ans->parameters) : NULL;
	int64_t offers[DIALOGFLOW_MAX_OFFERS];
	int noffers = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(params, DF_P_OFFERED)) {
		int64_t utc;
		if (noffers < DIALOGFLOW_MAX_OFFERS && df_iso_instant(cJSON_GetStringValue(it), &utc) && utc > t->now)
			offers[noffers++] = utc;
	}
	struct dialogflow_when w = { 0 };
	struct schedule_wish wish = { 0 };
	bool has_wish = df_when_from_params(params, &w) && df_wish(&w, t->tz, &wish);
	const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(params, DF_P_STATUS));
	bool done = status && strcmp(status, "booked") == 0;
	cJSON_Delete(params);
	if (done) {
		noffers = 0;
		has_wish = false;
	}

	const char *step = noffers ? "offer" : has_wish ? "ask_when" : done ? "anything_else" : "start";
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = o ? cJSON_AddArrayToObject(o, "offers") : NULL;
	bool ok = arr && cJSON_AddStringToObject(o, "engine", "dialogflow") && cJSON_AddStringToObject(o, "step", step) &&
	          cJSON_AddStringToObject(o, "goal", noffers || has_wish ? "book" : "none") &&
	          cJSON_AddBoolToObject(o, "name_asked", 1) && cJSON_AddBoolToObject(o, "has_wish", has_wish) &&
	          cJSON_AddBoolToObject(o, "wish_has_date", wish.has_date) &&
	          cJSON_AddNumberToObject(o, "wish_y", wish.date.year) && cJSON_AddNumberToObject(o, "wish_m", wish.date.month) &&
	          cJSON_AddNumberToObject(o, "wish_d", wish.date.day) &&
	          cJSON_AddBoolToObject(o, "wish_has_time", wish.has_time) &&
	          cJSON_AddNumberToObject(o, "wish_minute", wish.minute) && cJSON_AddNumberToObject(o, "wish_from", wish.from) &&
	          cJSON_AddNumberToObject(o, "wish_to", wish.to) && cJSON_AddBoolToObject(o, "wish_after", wish.after_date) &&
	          cJSON_AddNumberToObject(o, "studio_id", (double)t->studio->id) &&
	          cJSON_AddNumberToObject(o, "sentiment", m) && cJSON_AddNumberToObject(o, "nsentiment", n) &&
	          (ans->page == NULL || cJSON_AddStringToObject(o, "page", ans->page));
	for (int i = 0; ok && i < noffers; i++) {
		cJSON *num = cJSON_CreateNumber((double)offers[i]);
		ok = num && cJSON_AddItemToArray(arr, num);
	}
	const char *oc = outcome ? outcome : t->call.outcome;
	if (ok && oc)
		ok = cJSON_AddStringToObject(o, "outcome", oc) != NULL;
	char *text = ok ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	char *copy = text ? arena_strdup(t->a, text) : NULL;
	cJSON_free(text);
	return copy;
}

static int df_save(struct df_turn *t, const struct agent_input *in, const struct dialogflow_answer *ans,
                   const char *outcome, long long started)
{
	const char *logged = NULL;
	if (df_digits_ok(in->digits))
		logged = arena_printf(t->a, "DTMF %s", in->digits);
	else if (in->speech && *in->speech)
		logged = in->speech;
	double mean;
	const char *state = df_state(t, ans, outcome, &mean);
	if (state == NULL)
		return TF_ENOMEM;
	if (t->lead.id && ans->has_sentiment) {
		int err = store_lead_set_sentiment(t->s, t->lead.id, mean);
		if (err)
			return err;
	}
	struct store_turn turn = {
		.call_sid = t->call_sid, .lead_id = t->lead.id, .turn = t->call.turn + 1, .engine = "dialogflow",
		.text = logged, .reply = t->out->agent.say, .intent = t->out->agent.intent,
		.confidence = ans->confidence, .entities = ans->parameters, .sentiment = ans->sentiment,
		.page = ans->page, .latency_us = clock_mono_us() - started, .state = state, .outcome = outcome,
		.call_sentiment = mean,
	};
	int err = store_turn_save(t->s, &turn);
	if (err == TF_ECONFLICT)
		return TF_OK;  /* a repeated delivery of this turn: answered again, logged once */
	/* The outcome is counted once, when the call has ended
	 * (store_call_status); a test session never ends that way. */
	return err;
}

/* After a failed transfer the embedded agent offers a callback
 * (agent_transfer_result); the caller's answer belongs to that question. */
static bool df_embedded_asked(const struct store_call *call)
{
	if (call->state == NULL || call->engine == NULL || strcmp(call->engine, "embedded") != 0)
		return false;
	cJSON *st = cJSON_Parse(call->state);
	const char *step = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(st, "step"));
	bool asked = step && strcmp(step, "offer_callback") == 0;
	cJSON_Delete(st);
	return asked;
}

int dialogflow_turn(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid, int64_t now_utc,
                    const struct agent_input *in, struct dialogflow_reply *out)
{
	long long started = clock_mono_us();
	long long deadline = started + (long long)cfg->dialogflow_timeout_ms * 1000;
	memset(out, 0, sizeof(*out));
	if (!df.configured || !dialogflow_configured(cfg)) {
		out->fallback = "not_configured";
		return TF_ECONFIG;
	}
	struct df_turn *t = arena_alloc(a, sizeof(*t));
	if (t == NULL)
		return TF_ENOMEM;
	*t = (struct df_turn){ .s = s, .a = a, .cfg = cfg, .call_sid = call_sid, .now = now_utc, .out = out };
	int err = store_call_get(s, a, call_sid, &t->call, &t->lead);
	if (err == TF_ENOTFOUND)
		out->fallback = "unknown_call";
	if (err)
		return err;
	int failed = 0;
	if ((err = store_call_embedded_turns(s, call_sid, &failed)) != TF_OK)
		return err;
	if (failed >= DIALOGFLOW_MAX_FAILURES) {
		out->fallback = "stays_embedded";
		return TF_ECONFLICT;
	}
	if (df_embedded_asked(&t->call)) {
		out->fallback = "embedded_question";
		return TF_ECONFLICT;
	}
	struct buf body;
	buf_init(&body, TF_MAX_BODY);
	if (!df_id_ok(call_sid, "-_.", DIALOGFLOW_SESSION_MAX)) {
		out->fallback = "bad_session";
		err = TF_EINVAL;
		goto out;
	}
	if (df_breaker_open()) {
		metrics_inc(M_DF_FALLBACKS);
		out->fallback = "breaker_open";
		err = TF_EBUSY;
		goto out;
	}
	if ((err = store_studios(s, &t->studios)) != TF_OK)
		goto out;
	t->studio = df_call_studio(t->studios, t->call.studio_id, t->lead.studio_id);
	if (t->studio == NULL || tz_load(t->studio->timezone, &t->tz) != TF_OK) {
		out->fallback = "no_studio";
		err = TF_ENOTFOUND;
		goto out;
	}
	struct dialogflow_query q;
	if ((err = df_query(t, in, &q)) != TF_OK || (err = dialogflow_request_json(&q, &body)) != TF_OK)
		goto out;
	struct dialogflow_answer *ans = arena_alloc(a, sizeof(*ans));
	if (ans == NULL) {
		err = TF_ENOMEM;
		goto out;
	}
	if ((err = df_exchange(t, &body, deadline, ans)) != TF_OK)
		goto out;
	const char *outcome;
	if ((err = df_reply(t, ans, &outcome)) != TF_OK)
		goto out;
	err = df_save(t, in, ans, outcome, started);
out:
	buf_free(&body);
	return err;
}
