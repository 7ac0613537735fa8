/* oauth.c: service-account key files, RS256 assertions, the token exchange on
 * libcurl, and the access-token cache shared by all workers. */
#include "oauth.h"
#include "buf.h"
#include "clock.h"
#include "err.h"
#include "jwt.h"
#include "log.h"
#include "metrics.h"
#include "tf_limits.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define OAUTH_CONNECT_TIMEOUT_MS 1000
#define OAUTH_FETCH_STALE_US     (15LL * 1000 * 1000)  /* a fetch older than this is taken over */
#define OAUTH_WAIT_STEP_US       2000                  /* polling step while another worker fetches */

/* ---- key file ---- */

static void oauth_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void oauth_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (err == NULL || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static char *oauth_strdup(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n + 1);
	if (p)
		memcpy(p, s, n + 1);
	return p;
}

/* https anywhere; plain http only to a loopback address (the tests' fakes). */
static bool oauth_url_ok(const char *u)
{
	if (strncmp(u, "https://", 8) == 0)
		return u[8] != '\0' && u[8] != '/';
	static const char *const loopback[] = { "http://127.0.0.1", "http://localhost", "http://[::1]" };
	for (size_t i = 0; i < sizeof(loopback) / sizeof(loopback[0]); i++) {
		size_t n = strlen(loopback[i]);
		if (strncmp(u, loopback[i], n) == 0 && (u[n] == ':' || u[n] == '/' || u[n] == '\0'))
			return true;
	}
	return false;
}

static bool oauth_clean_text(const char *s, size_t max)
{
	size_t n = 0;
	for (; s[n]; n++)
		if ((unsigned char)s[n] < 0x21 || (unsigned char)s[n] > 0x7e || n >= max)
			return false;
	return n > 0;
}

void oauth_key_free(struct oauth_key *key)
{
	if (key == NULL)
		return;
	if (key->private_key) {
		OPENSSL_cleanse(key->private_key, strlen(key->private_key));
		free(key->private_key);
	}
	free(key->client_email);
	free(key->private_key_id);
	free(key->token_uri);
	free(key->project_id);
	memset(key, 0, sizeof(*key));
}

int oauth_key_parse(const char *json, size_t len, struct oauth_key *key, char *err, size_t errlen)
{
	memset(key, 0, sizeof(*key));
	int rc = TF_ECONFIG;
	struct buf probe;
	buf_init(&probe, JWT_MAX_TOKEN);
	cJSON *o = cJSON_ParseWithLength(json, len);
	if (!cJSON_IsObject(o)) {
		oauth_err(err, errlen, "not a JSON object (expected a service-account key file)");
		goto out;
	}
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "type");
	if (type && !(cJSON_IsString(type) && strcmp(type->valuestring, "service_account") == 0)) {
		oauth_err(err, errlen, "\"type\" is not \"service_account\"");
		goto out;
	}
	const char *email = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "client_email"));
	const char *pem = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "private_key"));
	const cJSON *kid = cJSON_GetObjectItemCaseSensitive(o, "private_key_id");
	const cJSON *uri = cJSON_GetObjectItemCaseSensitive(o, "token_uri");
	const char *project = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "project_id"));
	if (email == NULL || !oauth_clean_text(email, 256) || strchr(email, '@') == NULL) {
		oauth_err(err, errlen, "\"client_email\" is missing or not an address");
		goto out;
	}
	if (pem == NULL || strstr(pem, "PRIVATE KEY-----") == NULL) {
		oauth_err(err, errlen, "\"private_key\" is missing or not a PEM private key");
		goto out;
	}
	if (kid && !(cJSON_IsString(kid) && (kid->valuestring[0] == '\0' || oauth_clean_text(kid->valuestring, 128)))) {
		oauth_err(err, errlen, "\"private_key_id\" is not a short string");
		goto out;
	}
	if (uri && !(cJSON_IsString(uri) && oauth_clean_text(uri->valuestring, 512) && oauth_url_ok(uri->valuestring))) {
		oauth_err(err, errlen, "\"token_uri\" must be an https URL");
		goto out;
	}
	/* Prove the key signs now, not on the first call of the day. */
	int serr = jwt_rs256_sign(pem, NULL, "{}", &probe);
	if (serr == TF_EINVAL) {
		oauth_err(err, errlen, "\"private_key\" is not an RSA private key of at least 2048 bits");
		goto out;
	}
	if (serr) {
		rc = serr == TF_ENOMEM ? TF_ENOMEM : TF_ECONFIG;
		oauth_err(err, errlen, "cannot sign with \"private_key\": %s", tf_strerror(serr));
		goto out;
	}
	key->client_email = oauth_strdup(email);
	key->private_key = oauth_strdup(pem);
	key->token_uri = oauth_strdup(uri ? uri->valuestring : OAUTH_DEFAULT_TOKEN_URI);
	if (kid && kid->valuestring[0])
		key->private_key_id = oauth_strdup(kid->valuestring);
	if (project && *project)
		key->project_id = oauth_strdup(project);
	if (!key->client_email || !key->private_key || !key->token_uri || (kid && kid->valuestring[0] && !key->private_key_id) ||
	    (project && *project && !key->project_id)) {
		oauth_key_free(key);
		rc = TF_ENOMEM;
		oauth_err(err, errlen, "out of memory");
		goto out;
	}
	rc = TF_OK;
out:
	buf_free(&probe);
	cJSON_Delete(o);
	return rc;
}

int oauth_key_load(const char *path, struct oauth_key *key, char *err, size_t errlen)
{
	memset(key, 0, sizeof(*key));
	if (path == NULL || *path == '\0') {
		oauth_err(err, errlen, "GOOGLE_APPLICATION_CREDENTIALS: not set (the service-account key file of the Dialogflow agent)");
		return TF_ECONFIG;
	}
	struct buf b;
	buf_init(&b, OAUTH_KEY_FILE_MAX);
	errno = 0;
	int rc = buf_read_file(&b, path);
	if (rc) {
		const char *why = rc == TF_ELIMIT ? "larger than 64 KiB" : errno ? strerror(errno) : tf_strerror(rc);
		oauth_err(err, errlen, "GOOGLE_APPLICATION_CREDENTIALS: cannot read %s: %s", path, why);
		if (b.data)
			OPENSSL_cleanse(b.data, b.len);
		buf_free(&b);
		return rc == TF_ENOMEM ? TF_ENOMEM : TF_ECONFIG;
	}
	char why[200] = "";
	rc = oauth_key_parse(b.data ? b.data : "", b.len, key, why, sizeof(why));
	if (b.data)
		OPENSSL_cleanse(b.data, b.len);
	buf_free(&b);
	if (rc)
		oauth_err(err, errlen, "GOOGLE_APPLICATION_CREDENTIALS: %s: %s", path, why);
	return rc;
}

int oauth_assertion(const struct oauth_key *key, const char *scope, long now, struct buf *out)
{
	cJSON *c = cJSON_CreateObject();
	if (c == NULL)
		return TF_ENOMEM;
	int err = TF_ENOMEM;
	char *claims = NULL;
	if (cJSON_AddStringToObject(c, "iss", key->client_email) && cJSON_AddStringToObject(c, "scope", scope) &&
	    cJSON_AddStringToObject(c, "aud", key->token_uri) && cJSON_AddNumberToObject(c, "iat", (double)now) &&
	    cJSON_AddNumberToObject(c, "exp", (double)now + OAUTH_ASSERTION_LIFETIME))
		claims = cJSON_PrintUnformatted(c);
	cJSON_Delete(c);
	if (claims) {
		err = jwt_rs256_sign(key->private_key, key->private_key_id, claims, out);
		cJSON_free(claims);
	}
	return err;
}

int oauth_parse_token(const char *body, size_t len, char *token, size_t toklen, long *expires_in)
{
	if (toklen)
		token[0] = '\0';
	*expires_in = 0;
	int err = TF_EUPSTREAM;
	cJSON *o = cJSON_ParseWithLength(body, len);
	if (!cJSON_IsObject(o))
		goto out;
	const char *t = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "access_token"));
	if (t == NULL || !oauth_clean_text(t, toklen > 0 ? toklen - 1 : 0))
		goto out;
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "token_type");
	if (type && !(cJSON_IsString(type) && strcasecmp(type->valuestring, "Bearer") == 0))
		goto out;
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "expires_in");
	double secs = 3600;
	if (cJSON_IsNumber(e)) {
		secs = e->valuedouble;
	} else if (cJSON_IsString(e)) {
		char *end;
		errno = 0;
		secs = strtod(e->valuestring, &end);
		if (errno || end == e->valuestring || *end)
			goto out;
	} else if (e != NULL) {
		goto out;
	}
	if (!isfinite(secs))
		goto out;
	*expires_in = secs < 60 ? 60 : secs > 86400 ? 86400 : (long)secs;
	memcpy(token, t, strlen(t) + 1);
	err = TF_OK;
out:
	cJSON_Delete(o);
	return err;
}

/* ---- the shared cache ----
 *
 * Why shared memory and not a row in SQLite: the token is a secret that never
 * needs to touch the disk, a fetch happens about once an hour, and all workers
 * are children of one supervisor that can map the slot before it forks (as
 * lib/core/metrics does). A row would put every refresh behind the database's
 * write lock that bookings need, and need sealing. The slot's mutex is
 * process-shared and robust: a worker that dies holding it (it only holds it
 * to copy a few bytes, never across network I/O) leaves it recoverable. The
 * fetch itself runs outside the lock; `fetcher` says who is at it, so the
 * others wait briefly or go on with the old token instead of fetching too. */
struct oauth_slot {
	pthread_mutex_t lock;
	bool ready;
	unsigned char owner[32];       /* SHA-256 of the key's client_email and token_uri */
	char token[OAUTH_TOKEN_MAX];
	int64_t expires_at;            /* wall clock, seconds */
	int64_t refresh_at;            /* a new one is fetched from then on */
	pid_t fetcher;                 /* the process fetching now, 0 when none */
	long long fetch_started_us;    /* monotonic (system-wide) */
	long long failed_until_us;     /* monotonic: no new fetch before this */
	int last_error;
	unsigned long fetches;
};

static struct oauth_slot oauth_local;
static struct oauth_slot *oauth_slot = &oauth_local;

static int oauth_slot_init(struct oauth_slot *s)
{
	pthread_mutexattr_t at;
	if (pthread_mutexattr_init(&at) != 0)
		return TF_EINTERNAL;
	int rc = pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED);
	if (rc == 0)
		rc = pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST);
	if (rc == 0)
		rc = pthread_mutex_init(&s->lock, &at);
	pthread_mutexattr_destroy(&at);
	if (rc != 0)
		return TF_EINTERNAL;
	s->ready = true;
	return TF_OK;
}

int oauth_init_shared(void)
{
	void *p = mmap(NULL, sizeof(struct oauth_slot), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return TF_ENOMEM;
	memset(p, 0, sizeof(struct oauth_slot));
	if (oauth_slot_init(p) != TF_OK) {
		munmap(p, sizeof(struct oauth_slot));
		return TF_EINTERNAL;
	}
	oauth_slot = p;
	return TF_OK;
}

static int oauth_lock(struct oauth_slot *s)
{
	if (!s->ready && oauth_slot_init(s) != TF_OK)
		return TF_EINTERNAL;
	int rc = pthread_mutex_lock(&s->lock);
	if (rc == EOWNERDEAD) {
		/* Its owner died in the middle of a copy: forget what it may have half written. */
		s->token[0] = '\0';
		s->expires_at = s->refresh_at = 0;
		s->fetcher = 0;
		pthread_mutex_consistent(&s->lock);
		rc = 0;
	}
	return rc == 0 ? TF_OK : TF_EINTERNAL;
}

static void oauth_unlock(struct oauth_slot *s)
{
	pthread_mutex_unlock(&s->lock);
}

unsigned long oauth_fetch_count(void)
{
	if (oauth_lock(oauth_slot) != TF_OK)
		return 0;
	unsigned long n = oauth_slot->fetches;
	oauth_unlock(oauth_slot);
	return n;
}

/* ---- the client ---- */

struct oauth {
	struct oauth_key key;
	unsigned char owner[32];
	CURL *curl;
	struct curl_slist *headers;
	struct buf resp;
};

int oauth_open(struct oauth **out, const struct oauth_key *key)
{
	*out = NULL;
	struct oauth *o = calloc(1, sizeof(*o));
	if (o == NULL)
		return TF_ENOMEM;
	buf_init(&o->resp, 64 * 1024);
	o->key.client_email = oauth_strdup(key->client_email);
	o->key.private_key = oauth_strdup(key->private_key);
	o->key.token_uri = oauth_strdup(key->token_uri);
	o->key.private_key_id = key->private_key_id ? oauth_strdup(key->private_key_id) : NULL;
	o->key.project_id = key->project_id ? oauth_strdup(key->project_id) : NULL;
	if (!o->key.client_email || !o->key.private_key || !o->key.token_uri ||
	    (key->private_key_id && !o->key.private_key_id) || (key->project_id && !o->key.project_id)) {
		oauth_close(o);
		return TF_ENOMEM;
	}
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned int mdlen = 0;
	bool ok = md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1 &&
	          EVP_DigestUpdate(md, key->client_email, strlen(key->client_email) + 1) == 1 &&
	          EVP_DigestUpdate(md, key->token_uri, strlen(key->token_uri) + 1) == 1 &&
	          EVP_DigestFinal_ex(md, o->owner, &mdlen) == 1 && mdlen == sizeof(o->owner);
	EVP_MD_CTX_free(md);
	if (!ok) {
		oauth_close(o);
		return TF_EINTERNAL;
	}
	*out = o;
	return TF_OK;
}

void oauth_close(struct oauth *o)
{
	if (o == NULL)
		return;
	if (o->curl)
		curl_easy_cleanup(o->curl);
	curl_slist_free_all(o->headers);
	buf_free(&o->resp);
	oauth_key_free(&o->key);
	free(o);
}

static size_t oauth_write(char *p, size_t size, size_t n, void *ud)
{
	struct buf *b = ud;
	return buf_append(b, p, size * n) == TF_OK ? size * n : 0;
}

/* One token exchange at token_uri, bounded by the deadline. */
static int oauth_fetch(struct oauth *o, long long deadline_us, char *token, size_t toklen, long *expires_in)
{
	struct buf form;
	buf_init(&form, 16 * 1024);
	int err = buf_puts(&form, "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=");
	/* The assertion is base64url and dots: nothing to escape in a form. */
	if (err == TF_OK)
		err = oauth_assertion(&o->key, OAUTH_SCOPE, (long)time(NULL), &form);
	if (err)
		goto out;
	long long left_ms = (deadline_us - clock_mono_us()) / 1000;
	if (left_ms <= 0) {
		err = TF_ETIMEOUT;
		goto out;
	}
	if (o->curl == NULL) {
		o->curl = curl_easy_init();
		o->headers = curl_slist_append(NULL, "Accept: application/json");
		struct curl_slist *h = o->headers ? curl_slist_append(o->headers, "Expect:") : NULL;
		if (o->curl == NULL || h == NULL) {
			err = TF_ENOMEM;
			goto out;
		}
		o->headers = h;
	}
	buf_reset(&o->resp);
	CURL *c = o->curl;
	/* reset drops the previous options but keeps the connection. */
	curl_easy_reset(c);
	CURLcode cc = curl_easy_setopt(c, CURLOPT_URL, o->key.token_uri);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, left_ms < OAUTH_CONNECT_TIMEOUT_MS ? (long)left_ms : (long)OAUTH_CONNECT_TIMEOUT_MS);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)left_ms);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_USERAGENT, "terminfon");
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, o->headers);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, oauth_write);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_WRITEDATA, &o->resp);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)form.len);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.data);
	if (cc != CURLE_OK) {
		err = cc == CURLE_OUT_OF_MEMORY ? TF_ENOMEM : TF_EINTERNAL;
		goto out;
	}
	cc = curl_easy_perform(c);
	/* The body held the assertion; curl is done with it. */
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
	if (cc != CURLE_OK) {
		err = cc == CURLE_OPERATION_TIMEDOUT ? TF_ETIMEOUT : cc == CURLE_OUT_OF_MEMORY ? TF_ENOMEM : TF_EUPSTREAM;
		log_warn("oauth token fetch failed", "error", curl_easy_strerror(cc));
		goto out;
	}
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status != 200) {
		/* Google's error names are not secret; the description may help an operator. */
		cJSON *e = cJSON_ParseWithLength(o->resp.data ? o->resp.data : "", o->resp.len);
		char code[16];
		snprintf(code, sizeof(code), "%ld", status);
		const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "error"));
		const char *desc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "error_description"));
		log_error("oauth token endpoint refused", "status", code, "error", name ? name : "-", "description",
		          desc ? desc : "-");
		cJSON_Delete(e);
		err = (status >= 400 && status < 500 && status != 408 && status != 429) ? TF_EAUTH : TF_EUPSTREAM;
		goto out;
	}
	err = oauth_parse_token(o->resp.data ? o->resp.data : "", o->resp.len, token, toklen, expires_in);
	if (err)
		log_error("oauth token endpoint answered something else than a token");
out:
	if (form.data)
		OPENSSL_cleanse(form.data, form.len);
	buf_free(&form);
	if (o->resp.data)
		OPENSSL_cleanse(o->resp.data, o->resp.len);
	return err;
}

static bool oauth_fetcher_busy(const struct oauth_slot *s, long long mono)
{
	if (s->fetcher == 0 || s->fetcher == getpid())
		return false;
	if (mono - s->fetch_started_us > OAUTH_FETCH_STALE_US)
		return false;
	return kill(s->fetcher, 0) == 0 || errno == EPERM;
}

static void oauth_copy(char *dst, size_t dstlen, const char *src)
{
	size_t n = strnlen(src, OAUTH_TOKEN_MAX - 1);
	if (n >= dstlen)
		n = 0;  /* never a cut token */
	memcpy(dst, src, n);
	dst[n] = '\0';
}

int oauth_token(struct oauth *o, long long deadline_us, char *token, size_t toklen)
{
	struct oauth_slot *s = oauth_slot;
	if (toklen == 0)
		return TF_EINVAL;
	token[0] = '\0';
	for (;;) {
		if (oauth_lock(s) != TF_OK)
			return TF_EINTERNAL;
		int64_t now = (int64_t)time(NULL);
		long long mono = clock_mono_us();
		bool mine = s->token[0] && memcmp(s->owner, o->owner, sizeof(o->owner)) == 0;
		int64_t left = mine ? s->expires_at - now : 0;
		if (mine && now < s->refresh_at) {
			oauth_copy(token, toklen, s->token);
			oauth_unlock(s);
			return token[0] ? TF_OK : TF_EINVAL;
		}
		bool usable = mine && left > OAUTH_MIN_LEFT_S;
		if (usable)
			oauth_copy(token, toklen, s->token);
		bool busy = oauth_fetcher_busy(s, mono);
		if (busy || mono < s->failed_until_us) {
			int last = s->last_error;
			oauth_unlock(s);
			if (usable && token[0])
				return TF_OK;
			if (!busy)
				return last ? last : TF_EUPSTREAM;
			if (mono >= deadline_us)
				return TF_ETIMEOUT;
			usleep(OAUTH_WAIT_STEP_US);
			continue;
		}
		s->fetcher = getpid();
		s->fetch_started_us = mono;
		oauth_unlock(s);

		char fresh[OAUTH_TOKEN_MAX];
		long expires_in = 0;
		int err = oauth_fetch(o, deadline_us, fresh, sizeof(fresh), &expires_in);
		if (oauth_lock(s) != TF_OK) {
			OPENSSL_cleanse(fresh, sizeof(fresh));
			return TF_EINTERNAL;
		}
		if (s->fetcher == getpid())
			s->fetcher = 0;
		if (err == TF_OK) {
			memcpy(s->owner, o->owner, sizeof(s->owner));
			oauth_copy(s->token, sizeof(s->token), fresh);
			s->expires_at = now + expires_in;
			/* Short-lived tokens are refreshed at half their life, not every turn. */
			s->refresh_at = s->expires_at - (expires_in / 2 < OAUTH_REFRESH_MARGIN_S ? expires_in / 2 : OAUTH_REFRESH_MARGIN_S);
			s->failed_until_us = 0;
			s->last_error = 0;
			s->fetches++;
		} else {
			/* Keeps every worker from hammering (or waiting on) a failing endpoint;
			 * an old token that still lives is handed out meanwhile. */
			s->failed_until_us = clock_mono_us() + OAUTH_RETRY_AFTER_MS * 1000LL;
			s->last_error = err;
		}
		oauth_unlock(s);
		if (err == TF_OK) {
			metrics_inc(M_OAUTH_FETCHES);
			oauth_copy(token, toklen, fresh);
			OPENSSL_cleanse(fresh, sizeof(fresh));
			return token[0] ? TF_OK : TF_EINVAL;
		}
		OPENSSL_cleanse(fresh, sizeof(fresh));
		if (usable && token[0])
			return TF_OK;
		return err;
	}
}

void oauth_invalidate(struct oauth *o, const char *token)
{
	struct oauth_slot *s = oauth_slot;
	if (token == NULL || oauth_lock(s) != TF_OK)
		return;
	if (memcmp(s->owner, o->owner, sizeof(o->owner)) == 0 && strcmp(s->token, token) == 0) {
		OPENSSL_cleanse(s->token, sizeof(s->token));
		s->expires_at = s->refresh_at = 0;
	}
	oauth_unlock(s);
}
