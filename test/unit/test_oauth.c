/* test_oauth.c: unit tests of lib/google/oauth: key files (good and every bad
 * kind), the assertion against the reference RS256 vector, token answers,
 * and the shared cache against a loopback token endpoint: one fetch for many
 * processes, invalidation, back-off after failures, the deadline. */
#include "b64.h"
#include "buf.h"
#include "clock.h"
#include "err.h"
#include "oauth.h"
#include "t.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define KEY_FILE "test/data/dialogflow_examples/service_account_key.TEST.json"
#define VECTOR_FILE "test/data/dialogflow_examples/oauth_jwt_rs256_vector.json"

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/terminfon-oauth-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	size_t n = strlen(text);
	if (write(fd, text, n) != (ssize_t)n) {
		close(fd);
		return NULL;
	}
	close(fd);
	return path;
}

/* The test key file with some members replaced (value NULL removes one). */
static char *key_json_with(const char *name, const char *value)
{
	char *text = t_read_file(KEY_FILE, NULL);
	cJSON *o = cJSON_Parse(text);
	free(text);
	if (name) {
		cJSON_DeleteItemFromObject(o, name);
		if (value)
			cJSON_AddStringToObject(o, name, value);
	}
	char *out = cJSON_Print(o);
	cJSON_Delete(o);
	return out;
}

static void test_key_parse(void)
{
	char *text = t_read_file(KEY_FILE, NULL);
	T_OK(text != NULL);
	struct oauth_key k;
	char err[256] = "";
	T_EQ_INT(oauth_key_parse(text, strlen(text), &k, err, sizeof(err)), TF_OK);
	T_EQ_STR(k.client_email, "terminfon-test@terminfon-demo.iam.gserviceaccount.com");
	T_EQ_STR(k.token_uri, "https://oauth2.googleapis.com/token");
	T_EQ_STR(k.private_key_id, "0123456789abcdef0123456789abcdef01234567");
	T_EQ_STR(k.project_id, "terminfon-demo");
	oauth_key_free(&k);
	T_OK(k.private_key == NULL);
	free(text);

	/* Every kind of bad file: TF_ECONFIG and a line that says what, never key material. */
	static const struct { const char *name, *value, *says; } bad[] = {
		{ "type", "authorized_user", "\"type\"" },
		{ "client_email", NULL, "client_email" },
		{ "client_email", "not an address", "client_email" },
		{ "private_key", NULL, "private_key" },
		{ "private_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "RSA private key" },
		{ "token_uri", "http://oauth2.example.com/token", "token_uri" },
		{ "token_uri", "ftp://127.0.0.1/token", "token_uri" },
		{ "private_key_id", "has blanks in it", "private_key_id" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *j = key_json_with(bad[i].name, bad[i].value);
		err[0] = '\0';
		T_EQ_INT(oauth_key_parse(j, strlen(j), &k, err, sizeof(err)), TF_ECONFIG);
		T_OK(strstr(err, bad[i].says) != NULL);
		T_OK(strstr(err, "MII") == NULL);
		T_OK(k.private_key == NULL && k.client_email == NULL);
		free(j);
	}
	T_EQ_INT(oauth_key_parse("[]", 2, &k, err, sizeof(err)), TF_ECONFIG);
	T_EQ_INT(oauth_key_parse("{", 1, &k, err, sizeof(err)), TF_ECONFIG);

	/* A token_uri on loopback over http is fine (the tests' fakes). */
	char *j = key_json_with("token_uri", "http://127.0.0.1:4444/token");
	T_EQ_INT(oauth_key_parse(j, strlen(j), &k, err, sizeof(err)), TF_OK);
	oauth_key_free(&k);
	free(j);
	/* No token_uri: Google's. */
	j = key_json_with("token_uri", NULL);
	T_EQ_INT(oauth_key_parse(j, strlen(j), &k, err, sizeof(err)), TF_OK);
	T_EQ_STR(k.token_uri, OAUTH_DEFAULT_TOKEN_URI);
	oauth_key_free(&k);
	free(j);

	/* Files: missing, unset, too large; the line names the variable. */
	T_EQ_INT(oauth_key_load("/nonexistent/key.json", &k, err, sizeof(err)), TF_ECONFIG);
	T_OK(strncmp(err, "GOOGLE_APPLICATION_CREDENTIALS: ", 32) == 0 && strstr(err, "/nonexistent/key.json"));
	T_OK(strchr(err, '\n') == NULL);
	T_EQ_INT(oauth_key_load("", &k, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "GOOGLE_APPLICATION_CREDENTIALS") != NULL);
	char *big = malloc(OAUTH_KEY_FILE_MAX + 2);
	memset(big, ' ', OAUTH_KEY_FILE_MAX + 1);
	big[OAUTH_KEY_FILE_MAX + 1] = '\0';
	char *path = write_temp(big);
	T_EQ_INT(oauth_key_load(path, &k, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "64 KiB") != NULL);
	unlink(path);
	free(path);
	free(big);
	path = write_temp("{\"type\": \"service_account\"}");
	T_EQ_INT(oauth_key_load(path, &k, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, path) != NULL && strstr(err, "client_email") != NULL);
	unlink(path);
	free(path);
	T_EQ_INT(oauth_key_load(KEY_FILE, &k, err, sizeof(err)), TF_OK);
	oauth_key_free(&k);
}

/* Same key, kid and time as the reference vector: the same bytes. */
static void test_assertion_vector(void)
{
	char *vtext = t_read_file(VECTOR_FILE, NULL);
	cJSON *v = cJSON_Parse(vtext);
	T_OK(v != NULL);
	struct oauth_key k;
	char err[256];
	T_EQ_INT(oauth_key_load(KEY_FILE, &k, err, sizeof(err)), TF_OK);
	cJSON *claims = cJSON_Parse(cJSON_GetStringValue(cJSON_GetObjectItem(v, "claims_json")));
	long iat = (long)cJSON_GetNumberValue(cJSON_GetObjectItem(claims, "iat"));
	struct buf out;
	buf_init(&out, 8192);
	T_EQ_INT(oauth_assertion(&k, OAUTH_SCOPE, iat, &out), TF_OK);
	T_EQ_STR(out.data, cJSON_GetStringValue(cJSON_GetObjectItem(v, "assertion")));
	buf_free(&out);
	cJSON_Delete(claims);
	oauth_key_free(&k);
	cJSON_Delete(v);
	free(vtext);
}

static void test_parse_token(void)
{
	char tok[OAUTH_TOKEN_MAX];
	long exp;
	const char *ok = "{\"access_token\":\"ya29.abc\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";
	T_EQ_INT(oauth_parse_token(ok, strlen(ok), tok, sizeof(tok), &exp), TF_OK);
	T_EQ_STR(tok, "ya29.abc");
	T_EQ_INT(exp, 3599);
	const char *str = "{\"access_token\":\"t\",\"expires_in\":\"120\"}";
	T_EQ_INT(oauth_parse_token(str, strlen(str), tok, sizeof(tok), &exp), TF_OK);
	T_EQ_INT(exp, 120);
	const char *none = "{\"access_token\":\"t\"}";
	T_EQ_INT(oauth_parse_token(none, strlen(none), tok, sizeof(tok), &exp), TF_OK);
	T_EQ_INT(exp, 3600);
	const char *huge = "{\"access_token\":\"t\",\"expires_in\":1e300}";
	T_EQ_INT(oauth_parse_token(huge, strlen(huge), tok, sizeof(tok), &exp), TF_OK);
	T_EQ_INT(exp, 86400);
	static const char *const bad[] = {
		"", "null", "[]", "{\"error\":\"invalid_grant\"}", "{\"access_token\":\"\"}",
		"{\"access_token\":\"a b\"}", "{\"access_token\":\"a\\r\\nX-Evil: 1\"}", "{\"access_token\":7}",
		"{\"access_token\":\"t\",\"token_type\":\"MAC\"}", "{\"access_token\":\"t\",\"expires_in\":\"soon\"}",
		"{\"access_token\":\"t\",\"expires_in\":true}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		T_EQ_INT(oauth_parse_token(bad[i], strlen(bad[i]), tok, sizeof(tok), &exp), TF_EUPSTREAM);
		T_EQ_STR(tok, "");
	}
	/* A token that does not fit is refused, never cut. */
	char small[4];
	T_EQ_INT(oauth_parse_token(ok, strlen(ok), small, sizeof(small), &exp), TF_EUPSTREAM);
}

/* ---- a loopback token endpoint ---- */

static struct {
	int fd, port;
	pthread_t thread;
	pthread_mutex_t lock;
	int requests;
	int status;            /* to answer */
	int delay_ms;
	long expires_in;
	char last_body[8192];
	volatile int stop;
} srv = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void serve_conn(int c)
{
	char req[16384];
	size_t len = 0;
	for (;;) {
		char *end = NULL;
		while ((end = memmem(req, len, "\r\n\r\n", 4)) == NULL) {
			ssize_t n = read(c, req + len, sizeof(req) - 1 - len);
			if (n <= 0)
				return;
			len += (size_t)n;
		}
		req[len] = '\0';
		size_t head = (size_t)(end - req) + 4, clen = 0;
		char *cl = strcasestr(req, "Content-Length:");
		if (cl && cl < end) {
			/* Our own client's header: digits after blanks, checked by hand. */
			const char *d = cl + 15;
			while (*d == ' ')
				d++;
			while (*d >= '0' && *d <= '9' && clen < sizeof(req))
				clen = clen * 10 + (size_t)(*d++ - '0');
		}
		if (head + clen >= sizeof(req))
			return;
		while (len < head + clen) {
			ssize_t n = read(c, req + len, sizeof(req) - 1 - len);
			if (n <= 0)
				return;
			len += (size_t)n;
		}
		pthread_mutex_lock(&srv.lock);
		int nreq = ++srv.requests;
		int status = srv.status, delay = srv.delay_ms;
		long exp = srv.expires_in;
		size_t bl = clen < sizeof(srv.last_body) - 1 ? clen : sizeof(srv.last_body) - 1;
		memcpy(srv.last_body, req + head, bl);
		srv.last_body[bl] = '\0';
		pthread_mutex_unlock(&srv.lock);
		if (delay)
			usleep((useconds_t)delay * 1000);
		char body[256], resp[512];
		if (status == 200)
			snprintf(body, sizeof(body), "{\"access_token\":\"tok-%d\",\"expires_in\":%ld,\"token_type\":\"Bearer\"}",
			         nreq, exp);
		else
			snprintf(body, sizeof(body), "{\"error\":\"internal_failure\"}");
		int n = snprintf(resp, sizeof(resp), "HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
		                 status, strlen(body), body);
		if (write(c, resp, (size_t)n) != n)
			return;
		memmove(req, req + head + clen, len - head - clen);
		len -= head + clen;
	}
}

static void *serve(void *arg)
{
	(void)arg;
	while (!srv.stop) {
		int c = accept(srv.fd, NULL, NULL);
		if (c < 0)
			continue;
		serve_conn(c);
		close(c);
	}
	return NULL;
}

static void server_start(void)
{
	srv.fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(srv.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	bind(srv.fd, (struct sockaddr *)&sa, sizeof(sa));
	socklen_t sl = sizeof(sa);
	getsockname(srv.fd, (struct sockaddr *)&sa, &sl);
	srv.port = ntohs(sa.sin_port);
	listen(srv.fd, 16);
	srv.status = 200;
	srv.expires_in = 3599;
	pthread_create(&srv.thread, NULL, serve, NULL);
}

static int server_requests(void)
{
	pthread_mutex_lock(&srv.lock);
	int n = srv.requests;
	pthread_mutex_unlock(&srv.lock);
	return n;
}

static void server_set(int status, int delay_ms, long expires_in)
{
	pthread_mutex_lock(&srv.lock);
	srv.status = status;
	srv.delay_ms = delay_ms;
	srv.expires_in = expires_in;
	pthread_mutex_unlock(&srv.lock);
}

/* The posted form carries the grant type and an assertion that verifies with the key's public half. */
static void check_last_request(const struct oauth_key *k)
{
	pthread_mutex_lock(&srv.lock);
	char body[8192];
	memcpy(body, srv.last_body, sizeof(body));
	pthread_mutex_unlock(&srv.lock);
	const char *prefix = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";
	T_OK(strncmp(body, prefix, strlen(prefix)) == 0);
	const char *jwt = body + strlen(prefix);
	const char *dot2 = strrchr(jwt, '.');
	T_OK(dot2 != NULL);
	if (dot2 == NULL)
		return;
	struct buf sig;
	buf_init(&sig, 4096);
	T_EQ_INT(b64url_decode(dot2 + 1, strlen(dot2 + 1), &sig), TF_OK);
	BIO *bio = BIO_new_mem_buf(k->private_key, -1);
	EVP_PKEY *pk = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok = md && pk && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, pk) == 1 &&
	         EVP_DigestVerify(md, (const unsigned char *)sig.data, sig.len, (const unsigned char *)jwt,
	                          (size_t)(dot2 - jwt)) == 1;
	T_OK(ok);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pk);
	BIO_free(bio);
	buf_free(&sig);
}

static void test_shared_cache(void)
{
	server_start();
	char uri[64];
	snprintf(uri, sizeof(uri), "http://127.0.0.1:%d/token", srv.port);
	char *j = key_json_with("token_uri", uri);
	struct oauth_key k;
	char err[256];
	T_EQ_INT(oauth_key_parse(j, strlen(j), &k, err, sizeof(err)), TF_OK);
	free(j);
	T_EQ_INT(oauth_init_shared(), TF_OK);

	/* Four processes, 25 tokens each, all at once: one fetch. */
	server_set(200, 150, 3599);
	pid_t kids[4];
	for (int i = 0; i < 4; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			struct oauth *o;
			int bad = oauth_open(&o, &k) != TF_OK;
			char tok[OAUTH_TOKEN_MAX];
			for (int n = 0; n < 25 && !bad; n++) {
				bad |= oauth_token(o, clock_mono_us() + 3000000, tok, sizeof(tok)) != TF_OK;
				bad |= strcmp(tok, "tok-1") != 0;
			}
			oauth_close(o);
			_exit(bad);
		}
	}
	for (int i = 0; i < 4; i++) {
		int st = -1;
		waitpid(kids[i], &st, 0);
		T_OK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	T_EQ_INT(server_requests(), 1);
	T_EQ_INT(oauth_fetch_count(), 1);
	check_last_request(&k);

	struct oauth *o;
	T_EQ_INT(oauth_open(&o, &k), TF_OK);
	char tok[OAUTH_TOKEN_MAX];
	T_EQ_INT(oauth_token(o, clock_mono_us() + 2000000, tok, sizeof(tok)), TF_OK);
	T_EQ_STR(tok, "tok-1");
	T_EQ_INT(server_requests(), 1);

	/* The API refused it: the next call fetches anew; a stale invalidation changes nothing. */
	oauth_invalidate(o, "tok-1");
	server_set(200, 0, 3599);
	T_EQ_INT(oauth_token(o, clock_mono_us() + 2000000, tok, sizeof(tok)), TF_OK);
	T_EQ_STR(tok, "tok-2");
	oauth_invalidate(o, "tok-1");
	T_EQ_INT(oauth_token(o, clock_mono_us() + 2000000, tok, sizeof(tok)), TF_OK);
	T_EQ_STR(tok, "tok-2");
	T_EQ_INT(server_requests(), 2);

	/* A failing endpoint: the error, then no new try during the back-off. */
	oauth_invalidate(o, "tok-2");
	server_set(500, 0, 3599);
	T_EQ_INT(oauth_token(o, clock_mono_us() + 2000000, tok, sizeof(tok)), TF_EUPSTREAM);
	T_EQ_STR(tok, "");
	T_EQ_INT(server_requests(), 3);
	T_EQ_INT(oauth_token(o, clock_mono_us() + 2000000, tok, sizeof(tok)), TF_EUPSTREAM);
	T_EQ_INT(server_requests(), 3);
	oauth_close(o);

	/* Another key (another owner) never gets this process's token; the
	 * deadline bounds a slow endpoint. Its own back-off is separate. */
	char *j2 = key_json_with("client_email", "other@terminfon-demo.iam.gserviceaccount.com");
	cJSON *o2 = cJSON_Parse(j2);
	cJSON_ReplaceItemInObject(o2, "token_uri", cJSON_CreateString(uri));
	char *j3 = cJSON_Print(o2);
	struct oauth_key k2;
	T_EQ_INT(oauth_key_parse(j3, strlen(j3), &k2, err, sizeof(err)), TF_OK);
	struct oauth *other;
	T_EQ_INT(oauth_open(&other, &k2), TF_OK);
	/* The slot's back-off belongs to the slot: wait it out. */
	usleep((OAUTH_RETRY_AFTER_MS + 100) * 1000);
	server_set(200, 800, 3599);
	long long t0 = clock_mono_us();
	T_EQ_INT(oauth_token(other, clock_mono_us() + 200000, tok, sizeof(tok)), TF_ETIMEOUT);
	T_OK(clock_mono_us() - t0 < 700000);
	usleep((OAUTH_RETRY_AFTER_MS + 100) * 1000);
	server_set(200, 0, 100);
	T_EQ_INT(oauth_token(other, clock_mono_us() + 2000000, tok, sizeof(tok)), TF_OK);
	T_OK(strncmp(tok, "tok-", 4) == 0);
	/* 100 s of life: refreshed at half of it, so the next call is served from the cache. */
	int before = server_requests();
	T_EQ_INT(oauth_token(other, clock_mono_us() + 2000000, tok, sizeof(tok)), TF_OK);
	T_EQ_INT(server_requests(), before);
	oauth_close(other);
	oauth_key_free(&k2);
	cJSON_free(j3);
	cJSON_Delete(o2);
	cJSON_free(j2);
	oauth_key_free(&k);

	srv.stop = 1;
	shutdown(srv.fd, SHUT_RDWR);
	close(srv.fd);
	pthread_join(srv.thread, NULL);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	test_key_parse();
	test_assertion_vector();
	test_parse_token();
	test_shared_cache();
	curl_global_cleanup();
	return t_done();
}
