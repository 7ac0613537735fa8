/* test_twrest.c: unit tests of lib/twilio/twrest against test/fakes/fake_twilio.py, started as a child process on loopback. */
#include "buf.h"
#include "err.h"
#include "twrest.h"
#include "t.h"
#include "t_fake_twilio.h"

#include <cjson/cJSON.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SID "AC0123456789abcdef0123456789abcdef"
#define TOKEN "fake-auth-token"
#define FROM "+4930123456789"
#define TO "+4915112345678"
#define CB "https://example.org/api/v1/twilio/sms/status"

static char tmpdir[256];

static bool is_sid(const char *s, const char *prefix)
{
	if (strlen(s) != 34 || strncmp(s, prefix, 2) != 0)
		return false;
	for (size_t i = 2; i < 34; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}

static void test_open_rejects(void)
{
	struct twrest *t = (struct twrest *)1;
	T_EQ_INT(twrest_open(&t, "", SID, TOKEN), TF_ECONFIG);
	T_OK(t == NULL);
	T_EQ_INT(twrest_open(&t, "ftp://api.twilio.com", SID, TOKEN), TF_ECONFIG);
	T_EQ_INT(twrest_open(&t, "https://", SID, TOKEN), TF_ECONFIG);
	T_EQ_INT(twrest_open(&t, "https://api.twilio.com?x=1", SID, TOKEN), TF_ECONFIG);
	T_EQ_INT(twrest_open(&t, "https://api.twilio.com", "AC/../x", TOKEN), TF_ECONFIG);
	T_EQ_INT(twrest_open(&t, "https://api.twilio.com", "", TOKEN), TF_ECONFIG);
	T_EQ_INT(twrest_open(&t, "https://api.twilio.com", SID, ""), TF_ECONFIG);
	T_EQ_INT(twrest_open(&t, "https://api.twilio.com/", SID, TOKEN), TF_OK);
	twrest_close(t);
	twrest_close(NULL);
	T_OK(twrest_retryable(TF_EUPSTREAM) && twrest_retryable(TF_ETIMEOUT));
	T_OK(!twrest_retryable(TF_EINVAL) && !twrest_retryable(TF_EAUTH) && !twrest_retryable(TF_OK));
}

static void test_send_sms(const struct t_fake *f)
{
	struct twrest *t = NULL;
	char sid[TWREST_SID_MAX];
	int http = -1;
	T_EQ_INT(twrest_open(&t, f->base, SID, TOKEN), TF_OK);
	const char *body = "Ihr Termin: Di, 24.11. um 14:30 Uhr im Studio München. Grüße & bis bald! 100%";
	T_EQ_INT(twrest_send_sms(t, FROM, TO, body, CB, sid, sizeof(sid), &http), TF_OK);
	T_EQ_INT(http, 201);
	T_OK(is_sid(sid, "SM"));
	T_EQ_INT(twrest_last_code(t), 0);

	cJSON *recs = t_fake_records(f);
	T_EQ_INT(cJSON_GetArraySize(recs), 1);  /* exactly once */
	const cJSON *r = cJSON_GetArrayItem(recs, 0);
	T_EQ_STR(t_rec_str(r, "method", NULL), "POST");
	T_EQ_STR(t_rec_str(r, "path", NULL), "/2010-04-01/Accounts/" SID "/Messages.json");
	T_EQ_STR(t_rec_str(r, "form", "To"), TO);
	T_EQ_STR(t_rec_str(r, "form", "From"), FROM);
	T_EQ_STR(t_rec_str(r, "form", "Body"), body);
	T_EQ_STR(t_rec_str(r, "form", "StatusCallback"), CB);
	T_OK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "auth_ok")));
	T_EQ_INT(t_rec_int(r, "status"), 201);
	int port1 = t_rec_int(r, "peer_port");
	cJSON_Delete(recs);

	/* A second message on the same handle reuses the connection. */
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "Zweite Nachricht", NULL, sid, sizeof(sid), &http), TF_OK);
	recs = t_fake_records(f);
	T_EQ_INT(cJSON_GetArraySize(recs), 2);
	r = cJSON_GetArrayItem(recs, 1);
	T_EQ_INT(t_rec_int(r, "peer_port"), port1);
	T_OK(t_rec_str(r, "form", "StatusCallback") == NULL);  /* left out when NULL */
	cJSON_Delete(recs);

	/* A messaging service goes as MessagingServiceSid. */
	T_EQ_INT(twrest_send_sms(t, "MG0123456789abcdef0123456789abcdef", TO, "x", NULL, sid, sizeof(sid), &http),
	         TF_OK);
	recs = t_fake_records(f);
	r = cJSON_GetArrayItem(recs, 2);
	T_EQ_STR(t_rec_str(r, "form", "MessagingServiceSid"), "MG0123456789abcdef0123456789abcdef");
	T_OK(t_rec_str(r, "form", "From") == NULL);
	cJSON_Delete(recs);

	/* A sid buffer too small is the caller's bug, not a reason to resend. */
	char small[10];
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "x", NULL, small, sizeof(small), &http), TF_ELIMIT);
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "x", NULL, NULL, 0, NULL), TF_OK);
	twrest_close(t);
}

static void test_rejections(const struct t_fake *f)
{
	struct twrest *t = NULL;
	char sid[TWREST_SID_MAX] = "unset";
	int http = -1;
	cJSON *before = t_fake_records(f);
	int n0 = cJSON_GetArraySize(before);
	cJSON_Delete(before);

	/* Wrong token: 401, not retryable. */
	T_EQ_INT(twrest_open(&t, f->base, SID, "wrong-token"), TF_OK);
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "x", NULL, sid, sizeof(sid), &http), TF_EAUTH);
	T_EQ_INT(http, 401);
	T_EQ_INT(twrest_last_code(t), 20003);
	T_EQ_STR(sid, "");
	twrest_close(t);

	T_EQ_INT(twrest_open(&t, f->base, SID, TOKEN), TF_OK);
	/* Missing Body: 400 / 21602, permanent. */
	T_EQ_INT(twrest_send_sms(t, FROM, TO, NULL, NULL, sid, sizeof(sid), &http), TF_EINVAL);
	T_EQ_INT(http, 400);
	T_EQ_INT(twrest_last_code(t), 21602);
	/* Invalid number: 400 / 21211. */
	T_EQ_INT(twrest_send_sms(t, FROM, "+49 151 abc", "x", NULL, sid, sizeof(sid), &http), TF_EINVAL);
	T_EQ_INT(http, 400);
	T_EQ_INT(twrest_last_code(t), 21211);
	/* A later success clears the code. */
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "x", NULL, sid, sizeof(sid), &http), TF_OK);
	T_EQ_INT(twrest_last_code(t), 0);

	cJSON *recs = t_fake_records(f);
	T_EQ_INT(cJSON_GetArraySize(recs), n0 + 4);
	const cJSON *r = cJSON_GetArrayItem(recs, n0);
	T_OK(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "auth_ok")));
	T_EQ_INT(t_rec_int(r, "status"), 401);
	r = cJSON_GetArrayItem(recs, n0 + 1);
	T_OK(t_rec_str(r, "form", "Body") == NULL);
	T_EQ_INT(t_rec_int(r, "status"), 400);
	cJSON_Delete(recs);
	twrest_close(t);
}

static void test_calls_and_recordings(const struct t_fake *f)
{
	struct twrest *t = NULL;
	char call[TWREST_SID_MAX], rec[TWREST_SID_MAX];
	int http = -1;
	T_EQ_INT(twrest_open(&t, f->base, SID, TOKEN), TF_OK);
	cJSON *before = t_fake_records(f);
	int n0 = cJSON_GetArraySize(before);
	cJSON_Delete(before);

	T_EQ_INT(twrest_create_call(t, FROM, TO, "https://example.org/api/v1/twilio/voice/webhook?callback=1",
	                            "https://example.org/api/v1/twilio/status/callback", true,
	                            "https://example.org/api/v1/twilio/recording/callback", call, sizeof(call), &http),
	         TF_OK);
	T_EQ_INT(http, 201);
	T_OK(is_sid(call, "CA"));
	cJSON *recs = t_fake_records(f);
	T_EQ_INT(cJSON_GetArraySize(recs), n0 + 1);
	const cJSON *r = cJSON_GetArrayItem(recs, n0);
	T_EQ_STR(t_rec_str(r, "path", NULL), "/2010-04-01/Accounts/" SID "/Calls.json");
	T_EQ_STR(t_rec_str(r, "form", "Url"), "https://example.org/api/v1/twilio/voice/webhook?callback=1");
	T_EQ_STR(t_rec_str(r, "form", "StatusCallback"), "https://example.org/api/v1/twilio/status/callback");
	T_EQ_STR(t_rec_str(r, "form", "Record"), "true");
	T_EQ_STR(t_rec_str(r, "form", "RecordingStatusCallback"), "https://example.org/api/v1/twilio/recording/callback");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "form"),
	                                                   "StatusCallbackEvent");
	T_OK(cJSON_IsArray(ev) && cJSON_GetArraySize(ev) == 4);
	if (cJSON_IsArray(ev) && cJSON_GetArraySize(ev) == 4) {
		T_EQ_STR(cJSON_GetArrayItem(ev, 0)->valuestring, "initiated");
		T_EQ_STR(cJSON_GetArrayItem(ev, 1)->valuestring, "ringing");
		T_EQ_STR(cJSON_GetArrayItem(ev, 2)->valuestring, "answered");
		T_EQ_STR(cJSON_GetArrayItem(ev, 3)->valuestring, "completed");
	}
	cJSON_Delete(recs);

	/* Without recording: no Record field at all. */
	T_EQ_INT(twrest_create_call(t, FROM, TO, "https://example.org/x", NULL, false, NULL, call, sizeof(call), &http),
	         TF_OK);
	recs = t_fake_records(f);
	r = cJSON_GetArrayItem(recs, n0 + 1);
	T_OK(t_rec_str(r, "form", "Record") == NULL && t_rec_str(r, "form", "StatusCallback") == NULL);
	cJSON_Delete(recs);
	/* Missing Url: 400. */
	T_EQ_INT(twrest_create_call(t, FROM, TO, NULL, NULL, false, NULL, call, sizeof(call), &http), TF_EINVAL);
	T_EQ_INT(http, 400);
	T_EQ_INT(twrest_create_call(t, FROM, TO, "https://example.org/x", NULL, false, NULL, call, sizeof(call), &http),
	         TF_OK);

	/* Start a recording, delete it (204), delete it again (404 counts as done). */
	T_EQ_INT(twrest_start_recording(t, call, "https://example.org/api/v1/twilio/recording/callback", rec, sizeof(rec),
	                                &http),
	         TF_OK);
	T_EQ_INT(http, 201);
	T_OK(is_sid(rec, "RE"));
	T_EQ_INT(twrest_delete_recording(t, rec, &http), TF_OK);
	T_EQ_INT(http, 204);
	T_EQ_INT(twrest_delete_recording(t, rec, &http), TF_OK);
	T_EQ_INT(http, 404);
	recs = t_fake_records(f);
	int n = cJSON_GetArraySize(recs);
	r = cJSON_GetArrayItem(recs, n - 3);
	char want[256];
	snprintf(want, sizeof(want), "/2010-04-01/Accounts/" SID "/Calls/%s/Recordings.json", call);
	T_EQ_STR(t_rec_str(r, "path", NULL), want);
	T_EQ_STR(t_rec_str(r, "form", "RecordingStatusCallback"), "https://example.org/api/v1/twilio/recording/callback");
	r = cJSON_GetArrayItem(recs, n - 2);
	snprintf(want, sizeof(want), "/2010-04-01/Accounts/" SID "/Recordings/%s.json", rec);
	T_EQ_STR(t_rec_str(r, "method", NULL), "DELETE");
	T_EQ_STR(t_rec_str(r, "path", NULL), want);
	T_EQ_INT(t_rec_int(r, "status"), 204);
	/* The POST after a DELETE on the same handle is a POST again. */
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "nach dem Löschen", NULL, NULL, 0, &http), TF_OK);
	cJSON_Delete(recs);
	recs = t_fake_records(f);
	T_EQ_STR(t_rec_str(cJSON_GetArrayItem(recs, n), "method", NULL), "POST");
	cJSON_Delete(recs);

	/* Sids that would change the path are refused before any request. */
	recs = t_fake_records(f);
	n = cJSON_GetArraySize(recs);
	cJSON_Delete(recs);
	http = -1;
	T_EQ_INT(twrest_delete_recording(t, "RE../../Calls", &http), TF_EINVAL);
	T_EQ_INT(http, 0);
	T_EQ_INT(twrest_delete_recording(t, "", &http), TF_EINVAL);
	T_EQ_INT(twrest_start_recording(t, "CA?x=1", NULL, rec, sizeof(rec), &http), TF_EINVAL);
	recs = t_fake_records(f);
	T_EQ_INT(cJSON_GetArraySize(recs), n);
	cJSON_Delete(recs);
	twrest_close(t);
}

static void test_retryable(void)
{
	struct t_fake f;
	static const char *const args[] = { "--fail-first", "2", "--fail-status", "500", NULL };
	T_OK(t_fake_start(&f, tmpdir, "fail500", SID, TOKEN, args));
	if (f.pid <= 0)
		return;
	struct twrest *t = NULL;
	char sid[TWREST_SID_MAX];
	int http = -1;
	T_EQ_INT(twrest_open(&t, f.base, SID, TOKEN), TF_OK);
	int err = twrest_send_sms(t, FROM, TO, "Versuch", NULL, sid, sizeof(sid), &http);
	T_EQ_INT(err, TF_EUPSTREAM);
	T_EQ_INT(http, 500);
	T_OK(twrest_retryable(err));
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "Versuch", NULL, sid, sizeof(sid), &http), TF_EUPSTREAM);
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "Versuch", NULL, sid, sizeof(sid), &http), TF_OK);
	T_EQ_INT(http, 201);
	T_OK(is_sid(sid, "SM"));
	cJSON *recs = t_fake_records(&f);
	T_EQ_INT(cJSON_GetArraySize(recs), 3);
	T_EQ_INT(t_rec_int(cJSON_GetArrayItem(recs, 0), "status"), 500);
	T_EQ_INT(t_rec_int(cJSON_GetArrayItem(recs, 1), "status"), 500);
	T_EQ_INT(t_rec_int(cJSON_GetArrayItem(recs, 2), "status"), 201);
	cJSON_Delete(recs);
	twrest_close(t);
	t_fake_stop(&f);

	/* 429 with Retry-After. */
	static const char *const args429[] = { "--fail-first", "1", "--fail-status", "429", "--retry-after", "7", NULL };
	T_OK(t_fake_start(&f, tmpdir, "fail429", SID, TOKEN, args429));
	if (f.pid <= 0)
		return;
	T_EQ_INT(twrest_open(&t, f.base, SID, TOKEN), TF_OK);
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "x", NULL, sid, sizeof(sid), &http), TF_EUPSTREAM);
	T_EQ_INT(http, 429);
	T_EQ_INT(twrest_retry_after(t), 7);
	T_EQ_INT(twrest_last_code(t), 20429);
	T_EQ_INT(twrest_send_sms(t, FROM, TO, "x", NULL, sid, sizeof(sid), &http), TF_OK);
	T_EQ_INT(twrest_retry_after(t), 0);
	twrest_close(t);
	t_fake_stop(&f);
}

static void test_timeout(void)
{
	struct t_fake f;
	static const char *const args[] = { "--delay-ms", "1500", NULL };
	T_OK(t_fake_start(&f, tmpdir, "slow", SID, TOKEN, args));
	if (f.pid <= 0)
		return;
	struct twrest *t = NULL;
	int http = -1;
	T_EQ_INT(twrest_open(&t, f.base, SID, TOKEN), TF_OK);
	twrest_set_timeouts(t, 1000, 300);
	int err = twrest_send_sms(t, FROM, TO, "x", NULL, NULL, 0, &http);
	T_EQ_INT(err, TF_ETIMEOUT);
	T_EQ_INT(http, 0);
	char why[TWREST_FAILURE_MAX];
	T_EQ_STR(twrest_last_failure(t, why, sizeof(why)), "no answer from Twilio: Timeout was reached");
	T_OK(twrest_retryable(err));
	twrest_close(t);
	t_fake_stop(&f);
}

static void test_connection_refused(void)
{
	/* A port that was free a moment ago: bind, read the port, close. */
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	T_OK(s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 && getsockname(s, (struct sockaddr *)&a, &alen) == 0);
	int port = ntohs(a.sin_port);
	close(s);
	char base[64];
	snprintf(base, sizeof(base), "http://127.0.0.1:%d", port);
	struct twrest *t = NULL;
	int http = -1;
	char sid[TWREST_SID_MAX];
	T_EQ_INT(twrest_open(&t, base, SID, TOKEN), TF_OK);
	int err = twrest_send_sms(t, FROM, TO, "x", NULL, sid, sizeof(sid), &http);
	T_EQ_INT(err, TF_EUPSTREAM);
	T_EQ_INT(http, 0);
	T_OK(twrest_retryable(err));
	char why[TWREST_FAILURE_MAX];
	T_OK(strstr(twrest_last_failure(t, why, sizeof(why)), "no answer from Twilio: Couldn't connect") == why);
	T_EQ_INT(twrest_delete_recording(t, "RE0123456789abcdef0123456789abcdef", &http), TF_EUPSTREAM);
	twrest_close(t);
}

int main(void)
{
	/* Loopback requests must not go through a proxy of the environment. */
	static const char *const proxies[] = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
	                                       "ALL_PROXY" };
	for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
	signal(SIGPIPE, SIG_IGN);

	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_twrest.XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}

	test_open_rejects();
	struct t_fake f;
	T_OK(t_fake_start(&f, tmpdir, "main", SID, TOKEN, NULL));
	if (f.pid > 0) {
		test_send_sms(&f);
		test_rejections(&f);
		test_calls_and_recordings(&f);
		t_fake_stop(&f);
	}
	test_retryable();
	test_timeout();
	test_connection_refused();
	rmdir(tmpdir);
	return t_done();
}
