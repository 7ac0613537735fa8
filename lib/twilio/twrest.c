/* twrest.c: Twilio REST client on libcurl: form-encoded POSTs and DELETEs, answers read with cJSON. */
#include "twrest.h"
#include "buf.h"
#include "err.h"
#include "form.h"
#include "tf_limits.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <openssl/crypto.h>

#include <stdlib.h>
#include <string.h>

#define TWREST_API_PREFIX "/2010-04-01/Accounts/"

struct twrest {
	CURL *curl;
	struct curl_slist *headers;
	char *base_url;     /* without a trailing '/' */
	char *account_sid;
	char *auth_token;   /* secret: wiped on close */
	long connect_ms, total_ms;
	struct buf resp;    /* body of the last answer */
	int last_code;
	long last_status;           /* HTTP status of the last answer, 0 without one */
	long retry_after;
	char last_error[96];        /* why no answer came, "" when one did */
};

/* Sids and account ids go into URL paths: letters and digits only. */
static bool twrest_is_sid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n >= TWREST_SID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
			return false;
	}
	return true;
}

static char *twrest_strdup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

int twrest_open(struct twrest **out, const char *base_url, const char *account_sid, const char *auth_token)
{
	*out = NULL;
	size_t scheme = 0;
	if (base_url && strncmp(base_url, "https://", 8) == 0)
		scheme = 8;
	else if (base_url && strncmp(base_url, "http://", 7) == 0)
		scheme = 7;
	if (scheme == 0)
		return TF_ECONFIG;
	if (!twrest_is_sid(account_sid) || auth_token == NULL || *auth_token == '\0')
		return TF_ECONFIG;
	size_t blen = strlen(base_url);
	while (blen > 0 && base_url[blen - 1] == '/')
		blen--;
	if (blen <= scheme || memchr(base_url, '?', blen) || memchr(base_url, '#', blen))
		return TF_ECONFIG;

	struct twrest *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return TF_ENOMEM;
	buf_init(&t->resp, TF_MAX_UPSTREAM_BODY);
	t->connect_ms = TWREST_CONNECT_TIMEOUT_MS;
	t->total_ms = TWREST_TOTAL_TIMEOUT_MS;
	t->base_url = twrest_strdup(base_url, blen);
	t->account_sid = twrest_strdup(account_sid, strlen(account_sid));
	t->auth_token = twrest_strdup(auth_token, strlen(auth_token));
	t->curl = curl_easy_init();
	t->headers = curl_slist_append(NULL, "Accept: application/json");
	/* No "Expect: 100-continue" round trip before the body. */
	struct curl_slist *h = t->headers ? curl_slist_append(t->headers, "Expect:") : NULL;
	if (!t->base_url || !t->account_sid || !t->auth_token || !t->curl || !h) {
		twrest_close(t);
		return TF_ENOMEM;
	}
	*out = t;
	return TF_OK;
}

void twrest_close(struct twrest *t)
{
	if (t == NULL)
		return;
	if (t->curl)
		curl_easy_cleanup(t->curl);
	curl_slist_free_all(t->headers);
	if (t->auth_token) {
		OPENSSL_cleanse(t->auth_token, strlen(t->auth_token));
		free(t->auth_token);
	}
	free(t->account_sid);
	free(t->base_url);
	buf_free(&t->resp);
	free(t);
}

void twrest_set_timeouts(struct twrest *t, long connect_ms, long total_ms)
{
	if (connect_ms > 0)
		t->connect_ms = connect_ms;
	if (total_ms > 0)
		t->total_ms = total_ms;
}

int twrest_last_code(const struct twrest *t)
{
	return t->last_code;
}

const char *twrest_last_failure(const struct twrest *t, char *out, size_t n)
{
	if (t->last_status == 0 && t->last_error[0])
		snprintf(out, n, "no answer from Twilio: %s", t->last_error);
	else
		snprintf(out, n, "http %ld, code %d", t->last_status, t->last_code);
	return out;
}

long twrest_retry_after(const struct twrest *t)
{
	return t->retry_after;
}

bool twrest_retryable(int err)
{
	return err == TF_EUPSTREAM || err == TF_ETIMEOUT || err == TF_ENOMEM;
}

static size_t twrest_write(char *p, size_t size, size_t nmemb, void *ud)
{
	struct buf *b = ud;
	size_t n = size * nmemb;
	if (buf_append(b, p, n) != TF_OK)
		return 0;  /* over TF_MAX_UPSTREAM_BODY: curl stops with a write error */
	return n;
}

/* What an HTTP status means to the caller. */
static int twrest_map_status(long status, bool gone_is_done)
{
	if (status >= 200 && status <= 299)
		return TF_OK;
	if (status == 404 && gone_is_done)
		return TF_OK;
	if (status == 401 || status == 403)
		return TF_EAUTH;
	if (status == 408 || status == 429)
		return TF_EUPSTREAM;
	if (status >= 400 && status <= 499)
		return TF_EINVAL;
	return TF_EUPSTREAM;
}

/* Remembers Twilio's error code: {"code":21211,"message":...,"more_info":...,"status":400}. */
static void twrest_read_error(struct twrest *t)
{
	cJSON *j = cJSON_ParseWithLength(t->resp.data ? t->resp.data : "", t->resp.len);
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(j, "code");
	if (cJSON_IsNumber(code) && code->valuedouble >= 0 && code->valuedouble < 1e9)
		t->last_code = (int)code->valuedouble;
	cJSON_Delete(j);
}

/* Copies the "sid" of a created resource into sid_out. */
static int twrest_read_sid(struct twrest *t, char *sid_out, size_t sidlen)
{
	int err = TF_EUPSTREAM;
	cJSON *j = cJSON_ParseWithLength(t->resp.data ? t->resp.data : "", t->resp.len);
	const cJSON *sid = cJSON_GetObjectItemCaseSensitive(j, "sid");
	if (!cJSON_IsString(sid) || !twrest_is_sid(sid->valuestring))
		goto out;
	err = TF_OK;
	if (sid_out == NULL || sidlen == 0)
		goto out;
	size_t n = strlen(sid->valuestring);
	if (n >= sidlen) {
		err = TF_ELIMIT;
		goto out;
	}
	memcpy(sid_out, sid->valuestring, n + 1);
out:
	cJSON_Delete(j);
	return err;
}

/* One request: method "POST" (with the form body) or "DELETE", to
 * base/2010-04-01/Accounts/{sid}/{path}. Leaves the answer in t->resp. */
static int twrest_request(struct twrest *t, const char *method, const char *path, const struct buf *form,
                          bool gone_is_done, int *http_status)
{
	struct buf url;
	long status = 0;
	int err;
	CURL *c = t->curl;

	if (http_status)
		*http_status = 0;
	t->last_code = 0;
	t->last_status = 0;
	t->retry_after = 0;
	t->last_error[0] = '\0';
	buf_reset(&t->resp);
	buf_init(&url, TF_MAX_URL);
	err = buf_printf(&url, "%s" TWREST_API_PREFIX "%s/%s", t->base_url, t->account_sid, path);
	if (err)
		goto out;

	/* reset drops the options of the previous request but keeps its connection. */
	curl_easy_reset(c);
	CURLcode cc = CURLE_OK;
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_URL, url.data);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, t->connect_ms);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, t->total_ms);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_USERNAME, t->account_sid);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_PASSWORD, t->auth_token);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_USERAGENT, "terminfon");
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, t->headers);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, twrest_write);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_WRITEDATA, &t->resp);
	if (strcmp(method, "POST") == 0) {
		if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)form->len);
		if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, form->data ? form->data : "");
	} else {
		if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	}
	if (cc != CURLE_OK) {
		err = cc == CURLE_OUT_OF_MEMORY ? TF_ENOMEM : TF_EINTERNAL;
		goto out;
	}

	cc = curl_easy_perform(c);
	if (cc != CURLE_OK)
		snprintf(t->last_error, sizeof(t->last_error), "%s", curl_easy_strerror(cc));
	if (cc == CURLE_OPERATION_TIMEDOUT) {
		err = TF_ETIMEOUT;
		goto out;
	}
	if (cc != CURLE_OK) {
		err = cc == CURLE_OUT_OF_MEMORY ? TF_ENOMEM : TF_EUPSTREAM;
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	t->last_status = status;
	curl_off_t wait = 0;
	if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &wait) == CURLE_OK && wait > 0)
		t->retry_after = wait > 86400 ? 86400 : (long)wait;
	if (http_status)
		*http_status = (int)status;
	err = twrest_map_status(status, gone_is_done);
	if (err)
		twrest_read_error(t);
out:
	buf_free(&url);
	return err;
}

/* Appends name=value unless value is NULL or empty. */
static int twrest_field(struct buf *form, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return TF_OK;
	return form_append(form, name, value);
}

/* POST path with the form and read back the sid of what Twilio created. */
static int twrest_create(struct twrest *t, const char *path, const struct buf *form, char *sid_out, size_t sidlen,
                         int *http_status)
{
	if (sid_out && sidlen)
		sid_out[0] = '\0';
	int err = twrest_request(t, "POST", path, form, false, http_status);
	if (err)
		return err;
	return twrest_read_sid(t, sid_out, sidlen);
}

static bool twrest_is_messaging_service(const char *from)
{
	return from && strncmp(from, "MG", 2) == 0 && twrest_is_sid(from);
}

int twrest_send_sms(struct twrest *t, const char *from, const char *to, const char *body,
                    const char *status_callback_url, char *sid_out, size_t sidlen, int *http_status)
{
	struct buf form;
	buf_init(&form, TF_MAX_BODY);
	bool mg = twrest_is_messaging_service(from);
	int err = twrest_field(&form, "To", to);
	if (!err)
		err = twrest_field(&form, mg ? "MessagingServiceSid" : "From", from);
	if (!err)
		err = twrest_field(&form, "Body", body);
	if (!err)
		err = twrest_field(&form, "StatusCallback", status_callback_url);
	if (!err)
		err = twrest_create(t, "Messages.json", &form, sid_out, sidlen, http_status);
	else if (http_status)
		*http_status = 0;
	buf_free(&form);
	return err;
}

int twrest_create_call(struct twrest *t, const char *from, const char *to, const char *url,
                       const char *status_callback_url, bool record, const char *recording_status_callback_url,
                       char *sid_out, size_t sidlen, int *http_status)
{
	static const char *const events[] = { "initiated", "ringing", "answered", "completed" };
	struct buf form;
	buf_init(&form, TF_MAX_BODY);
	int err = twrest_field(&form, "To", to);
	if (!err)
		err = twrest_field(&form, "From", from);
	if (!err)
		err = twrest_field(&form, "Url", url);
	if (!err && status_callback_url && *status_callback_url) {
		err = form_append(&form, "StatusCallback", status_callback_url);
		if (!err)
			err = form_append(&form, "StatusCallbackMethod", "POST");
		for (size_t i = 0; !err && i < sizeof(events) / sizeof(events[0]); i++)
			err = form_append(&form, "StatusCallbackEvent", events[i]);
	}
	if (!err && record) {
		err = form_append(&form, "Record", "true");
		if (!err)
			err = twrest_field(&form, "RecordingStatusCallback", recording_status_callback_url);
	}
	if (!err)
		err = twrest_create(t, "Calls.json", &form, sid_out, sidlen, http_status);
	else if (http_status)
		*http_status = 0;
	buf_free(&form);
	return err;
}

int twrest_start_recording(struct twrest *t, const char *call_sid, const char *recording_status_callback_url,
                           char *sid_out, size_t sidlen, int *http_status)
{
	if (http_status)
		*http_status = 0;
	if (!twrest_is_sid(call_sid))
		return TF_EINVAL;
	struct buf form, path;
	buf_init(&form, TF_MAX_BODY);
	buf_init(&path, TF_MAX_URL);
	int err = buf_printf(&path, "Calls/%s/Recordings.json", call_sid);
	if (!err)
		err = twrest_field(&form, "RecordingStatusCallback", recording_status_callback_url);
	if (!err)
		err = twrest_create(t, path.data, &form, sid_out, sidlen, http_status);
	buf_free(&form);
	buf_free(&path);
	return err;
}

int twrest_delete_recording(struct twrest *t, const char *recording_sid, int *http_status)
{
	if (http_status)
		*http_status = 0;
	if (!twrest_is_sid(recording_sid))
		return TF_EINVAL;
	struct buf path;
	buf_init(&path, TF_MAX_URL);
	int err = buf_printf(&path, "Recordings/%s.json", recording_sid);
	if (!err)
		err = twrest_request(t, "DELETE", path.data, NULL, true, http_status);
	buf_free(&path);
	return err;
}
