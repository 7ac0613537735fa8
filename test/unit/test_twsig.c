/* test_twsig.c: unit tests of lib/twilio/twsig against Twilio's published signature vectors. */
#include "arena.h"
#include "buf.h"
#include "err.h"
#include "form.h"
#include "tf_limits.h"
#include "t.h"
#include "twsig.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#define VECTORS "test/data/twilio_signature_vectors.json"

static struct arena arena;

/* The vector's params object as a form: a string is one field, an array
 * repeats the name once per element. */
static struct form form_of(const cJSON *params)
{
	struct form f = { NULL, 0 };
	size_t n = 0;
	const cJSON *p;
	cJSON_ArrayForEach(p, params)
		n += cJSON_IsArray(p) ? (size_t)cJSON_GetArraySize(p) : 1;
	if (n == 0)
		return f;
	f.fields = arena_alloc(&arena, n * sizeof(*f.fields));
	cJSON_ArrayForEach(p, params) {
		if (cJSON_IsArray(p)) {
			const cJSON *v;
			cJSON_ArrayForEach(v, p) {
				f.fields[f.n].name = p->string;
				f.fields[f.n].value = v->valuestring;
				f.fields[f.n].value_len = strlen(v->valuestring);
				f.n++;
			}
		} else {
			f.fields[f.n].name = p->string;
			f.fields[f.n].value = p->valuestring;
			f.fields[f.n].value_len = strlen(p->valuestring);
			f.n++;
		}
	}
	return f;
}

static void test_vectors(void)
{
	char *text = t_read_file(VECTORS, NULL);
	T_OK(text != NULL);
	if (text == NULL)
		return;
	cJSON *doc = cJSON_Parse(text);
	T_OK(doc != NULL);
	const cJSON *vectors = cJSON_GetObjectItemCaseSensitive(doc, "vectors");
	int total = cJSON_GetArraySize(vectors), run = 0, skipped = 0, valid = 0, invalid = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, vectors) {
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "id"));
		const cJSON *expect = cJSON_GetObjectItemCaseSensitive(v, "expected_valid");
		if (!cJSON_IsBool(expect) ||
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "informational"))) {
			skipped++;
			continue;
		}
		bool want = cJSON_IsTrue(expect);
		const char *token = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "auth_token"));
		const char *url = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "url"));
		const char *sig = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "signature"));
		const char *signed_url =
			cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "signed_url"));
		const cJSON *body = cJSON_GetObjectItemCaseSensitive(v, "body");
		bool got;
		if (cJSON_IsString(body)) {
			got = twsig_check_json(token, url, body->valuestring, strlen(body->valuestring),
					       sig);
		} else {
			struct form f = form_of(cJSON_GetObjectItemCaseSensitive(v, "params"));
			got = twsig_check(token, url, &f, sig);
			/* Signing what Twilio signed gives the published signature. */
			if (want) {
				char out[TWSIG_LEN + 1];
				T_EQ_INT(twsig_sign(token, signed_url ? signed_url : url, &f, out), TF_OK);
				T_EQ_STR(out, sig);
			}
			/* The same fields arriving as a form body. */
			const char *fb =
				cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "form_body"));
			if (fb != NULL) {
				struct form parsed;
				T_EQ_INT(form_parse(&arena, fb, strlen(fb), &parsed), TF_OK);
				T_EQ_INT(twsig_check(token, url, &parsed, sig), want);
			}
		}
		T_EQ_INT(got, want);
		if (got != want)
			fprintf(stderr, "  vector %s: got %d, want %d\n", id, got, want);
		run++;
		if (want)
			valid++;
		else
			invalid++;
	}
	printf("signature vectors: %d run (%d valid, %d invalid), %d skipped as not testable\n",
	       run, valid, invalid, skipped);
	T_EQ_INT(run + skipped, total);
	T_OK(run >= 30);
	T_OK(valid > 0 && invalid > 0);

	/* The published signed string of the docs walk-through. */
	const cJSON *first = cJSON_GetArrayItem(vectors, 0);
	const char *published =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(first, "signed_string_published"));
	T_OK(published != NULL);
	if (published != NULL) {
		char out[TWSIG_LEN + 1];
		T_EQ_INT(twsig_sign("12345", published, NULL, out), TF_OK);
		T_EQ_STR(out, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(first, "signature")));
	}
	cJSON_Delete(doc);
	free(text);
}

static struct form parse(const char *body)
{
	struct form f;
	int err = form_parse(&arena, body, strlen(body), &f);
	T_EQ_INT(err, TF_OK);
	return f;
}

static void test_round_trip(void)
{
	const char *url = "https://termine.example.de/api/v1/twilio/voice/gather";
	struct form f = parse("AccountSid=AC0123456789abcdef0123456789abcdef&CallSid=CA5f2b0c3d9e8a"
			      "&CallStatus=in-progress&Confidence=0.87&FromCity=&SpeechResult=Ich+h%C3"
			      "%A4tte+gern+einen+Termin+am+Freitag.&From=%2B4915112345678");
	char sig[TWSIG_LEN + 1];
	T_EQ_INT(twsig_sign("geheim", url, &f, sig), TF_OK);
	T_EQ_INT(strlen(sig), TWSIG_LEN);
	T_OK(twsig_check("geheim", url, &f, sig));
	T_OK(!twsig_check("Geheim", url, &f, sig));
	T_OK(!twsig_check("geheim", "https://termine.example.de/api/v1/twilio/voice/gathe", &f, sig));

	/* Arrival order does not matter; values and names do. */
	struct form g = parse("From=%2B4915112345678&SpeechResult=Ich+h%C3%A4tte+gern+einen+Termin"
			      "+am+Freitag.&FromCity=&Confidence=0.87&CallStatus=in-progress"
			      "&CallSid=CA5f2b0c3d9e8a&AccountSid=AC0123456789abcdef0123456789abcdef");
	T_OK(twsig_check("geheim", url, &g, sig));
	struct form h = parse("From=%2B4915112345678&SpeechResult=Ich+h%C3%A4tte+gern+einen+Termin"
			      "+am+Samstag.&FromCity=&Confidence=0.87&CallStatus=in-progress"
			      "&CallSid=CA5f2b0c3d9e8a&AccountSid=AC0123456789abcdef0123456789abcdef");
	T_OK(!twsig_check("geheim", url, &h, sig));
	/* An empty value still counts: dropping FromCity= changes the signature. */
	struct form k = parse("From=%2B4915112345678&SpeechResult=Ich+h%C3%A4tte+gern+einen+Termin"
			      "+am+Freitag.&Confidence=0.87&CallStatus=in-progress"
			      "&CallSid=CA5f2b0c3d9e8a&AccountSid=AC0123456789abcdef0123456789abcdef");
	T_OK(!twsig_check("geheim", url, &k, sig));
	/* An added field too. */
	struct form m = parse("AccountSid=AC0123456789abcdef0123456789abcdef&CallSid=CA5f2b0c3d9e8a"
			      "&CallStatus=in-progress&Confidence=0.87&FromCity=&SpeechResult=Ich+h%C3"
			      "%A4tte+gern+einen+Termin+am+Freitag.&From=%2B4915112345678&Digits=1");
	T_OK(!twsig_check("geheim", url, &m, sig));

	/* Repeated identical fields are signed once. */
	struct form once = parse("a=1&b=2"), twice = parse("b=2&a=1&a=1");
	char s1[TWSIG_LEN + 1], s2[TWSIG_LEN + 1];
	T_EQ_INT(twsig_sign("t", "http://h/", &once, s1), TF_OK);
	T_EQ_INT(twsig_sign("t", "http://h/", &twice, s2), TF_OK);
	T_EQ_STR(s1, s2);
	/* No fields and an empty form sign the same. */
	struct form none = { NULL, 0 };
	T_EQ_INT(twsig_sign("t", "http://h/", NULL, s1), TF_OK);
	T_EQ_INT(twsig_sign("t", "http://h/", &none, s2), TF_OK);
	T_EQ_STR(s1, s2);
}

static void test_bad_arguments(void)
{
	char out[TWSIG_LEN + 1];
	memset(out, 'x', sizeof(out));
	T_EQ_INT(twsig_sign("", "https://h/", NULL, out), TF_EINVAL);
	T_EQ_STR(out, "");
	T_EQ_INT(twsig_sign(NULL, "https://h/", NULL, out), TF_EINVAL);
	T_EQ_INT(twsig_sign("t", NULL, NULL, out), TF_EINVAL);

	T_EQ_INT(twsig_sign("t", "https://h/x", NULL, out), TF_OK);
	T_OK(twsig_check("t", "https://h/x", NULL, out));
	T_OK(!twsig_check("t", "https://h/x", NULL, NULL));
	T_OK(!twsig_check("t", "https://h/x", NULL, ""));
	T_OK(!twsig_check("", "https://h/x", NULL, out));
	T_OK(!twsig_check(NULL, "https://h/x", NULL, out));
	T_OK(!twsig_check("t", NULL, NULL, out));
	char longer[TWSIG_LEN + 2];
	snprintf(longer, sizeof(longer), "%sA", out);
	T_OK(!twsig_check("t", "https://h/x", NULL, longer));
	out[TWSIG_LEN - 1] = '\0';
	T_OK(!twsig_check("t", "https://h/x", NULL, out));

	T_OK(!twsig_check_json("t", "https://h/x?bodySHA256=", "{}", 2, "x"));
	T_OK(!twsig_check_json("t", "https://h/x", "{}", 2, NULL));
}

/* sign(url_signed) must (or must not) be accepted for url_given. */
static void port_case(const char *signed_url, const char *given, bool want)
{
	char sig[TWSIG_LEN + 1];
	T_EQ_INT(twsig_sign("tok", signed_url, NULL, sig), TF_OK);
	bool got = twsig_check("tok", given, NULL, sig);
	T_EQ_INT(got, want);
	if (got != want)
		fprintf(stderr, "  signed %s, given %s\n", signed_url, given);
}

static void test_ports(void)
{
	port_case("https://h.example/x?a=1", "https://h.example:443/x?a=1", true);
	port_case("https://h.example:443/x", "https://h.example/x", true);
	port_case("https://h.example/x", "https://h.example:8443/x", true);
	port_case("http://h.example/x", "http://h.example:80/x", true);
	port_case("http://h.example:80/x", "http://h.example/x", true);
	port_case("http://h.example:8080/x", "http://h.example:8080/x", true);
	port_case("http://h.example:8080/x", "http://h.example/x", false);
	port_case("https://h.example:8443/x", "https://h.example/x", false);
	port_case("http://h.example:443/x", "http://h.example/x", false);
	port_case("https://h.example:443/x", "https://h.example:8443/x", false);
	port_case("https://[::1]:443/x", "https://[::1]/x", true);
	port_case("https://[::1]/x", "https://[::1]:8443/x", true);
	port_case("https://u:p@h.example:443/x", "https://u:p@h.example/x", true);
	port_case("https://h.example:443", "https://h.example", true);
	port_case("https://h.example:443?q=1", "https://h.example?q=1", true);
	port_case("HTTPS://h.example:443/x", "HTTPS://h.example/x", true);
	port_case("ftp://h.example:21/x", "ftp://h.example/x", false);
	/* A colon in the path is no port. */
	port_case("https://h.example/a:b", "https://h.example:443/a:b", true);
	port_case("https://h.example/a", "https://h.example/a:443", false);
}

static void test_json_body(void)
{
	const char *body = "{\"CallSid\":\"CA1\"}";
	/* sha256 of body, computed by the code under test only through the check below. */
	const char *base = "https://h.example/hook?bodySHA256=";
	char url[256];
	/* Wrong hash length or missing parameter. */
	snprintf(url, sizeof(url), "%s%s", base, "00");
	char sig[TWSIG_LEN + 1];
	T_EQ_INT(twsig_sign("tok", url, NULL, sig), TF_OK);
	T_OK(!twsig_check_json("tok", url, body, strlen(body), sig));
	T_EQ_INT(twsig_sign("tok", "https://h.example/hook", NULL, sig), TF_OK);
	T_OK(!twsig_check_json("tok", "https://h.example/hook", body, strlen(body), sig));
	/* Empty body: sha256("") is well known. */
	snprintf(url, sizeof(url), "%s%s&x=1", base,
		 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	T_EQ_INT(twsig_sign("tok", url, NULL, sig), TF_OK);
	T_OK(twsig_check_json("tok", url, "", 0, sig));
	T_OK(twsig_check_json("tok", url, NULL, 0, sig));
	T_OK(!twsig_check_json("tok", url, " ", 1, sig));
}

static void url_ok(const char *base, const char *scheme, const char *host, const char *uri,
		   const char *want)
{
	char *out = (char *)"unset";
	int err = twsig_url(&arena, base, scheme, host, uri, &out);
	T_EQ_INT(err, TF_OK);
	T_EQ_STR(out, want);
}

static void url_bad(const char *base, const char *scheme, const char *host, const char *uri,
		    int want)
{
	char *out = (char *)"unset";
	int err = twsig_url(&arena, base, scheme, host, uri, &out);
	T_EQ_INT(err, want);
	T_OK(out == NULL);
	if (err != want)
		fprintf(stderr, "  host \"%s\" uri \"%s\"\n", host ? host : "(null)",
			uri ? uri : "(null)");
}

static void test_url(void)
{
	/* BASE_URL set: scheme and host are ignored. */
	url_ok("https://termine.example.de", "http", "127.0.0.1:8080",
	       "/api/v1/twilio/voice/webhook", "https://termine.example.de/api/v1/twilio/voice/webhook");
	url_ok("https://termine.example.de/", NULL, NULL, "/api/v1/x?a=1&b=2",
	       "https://termine.example.de/api/v1/x?a=1&b=2");
	url_ok("https://termine.example.de//", NULL, NULL, "/a", "https://termine.example.de/a");
	url_ok("https://example.org/terminfon/", NULL, NULL, "/api/v1/x",
	       "https://example.org/terminfon/api/v1/x");
	url_ok("https://example.org:8443", "https", "other", "/", "https://example.org:8443/");
	/* Unset or empty: rebuilt from what nginx forwarded. */
	url_ok("", "https", "termine.example.de", "/api/v1/twilio/voice/webhook",
	       "https://termine.example.de/api/v1/twilio/voice/webhook");
	url_ok(NULL, "http", "127.0.0.1:8080", "/api/v1/twilio/voice/gather?turn=2",
	       "http://127.0.0.1:8080/api/v1/twilio/voice/gather?turn=2");
	url_ok(NULL, "https", "localhost:8443", "/a%20b", "https://localhost:8443/a%20b");
	url_ok(NULL, "https", "[::1]:8443", "/x", "https://[::1]:8443/x");

	url_bad(NULL, "ftp", "h", "/x", TF_EINVAL);
	url_bad(NULL, "HTTPS", "h", "/x", TF_EINVAL);
	url_bad(NULL, "", "h", "/x", TF_EINVAL);
	url_bad(NULL, NULL, "h", "/x", TF_EINVAL);
	url_bad(NULL, "https", "", "/x", TF_EINVAL);
	url_bad(NULL, "https", NULL, "/x", TF_EINVAL);
	url_bad(NULL, "https", "ex ample.de", "/x", TF_EINVAL);
	url_bad(NULL, "https", "example.de\r\nX-Evil: 1", "/x", TF_EINVAL);
	url_bad(NULL, "https", "example.de\t", "/x", TF_EINVAL);
	url_bad(NULL, "https", "evil.example/", "/x", TF_EINVAL);
	url_bad(NULL, "https", "user@example.de", "/x", TF_EINVAL);
	url_bad(NULL, "https", "example.de", "x", TF_EINVAL);
	url_bad(NULL, "https", "example.de", "", TF_EINVAL);
	url_bad(NULL, "https", "example.de", NULL, TF_EINVAL);
	url_bad(NULL, "https", "example.de", "/a b", TF_EINVAL);
	url_bad(NULL, "https", "example.de", "/a\n", TF_EINVAL);
	url_bad(NULL, "https", "example.de", "/a\x7f", TF_EINVAL);
	url_bad("https://example.de", NULL, NULL, "x", TF_EINVAL);
	url_bad("/", NULL, NULL, "/x", TF_EINVAL);
	url_bad("https://exa mple.de", NULL, NULL, "/x", TF_EINVAL);

	/* TF_MAX_URL */
	char *uri = arena_alloc(&arena, TF_MAX_URL + 2);
	memset(uri, 'a', TF_MAX_URL + 1);
	uri[0] = '/';
	size_t prefix = strlen("https://h");
	uri[TF_MAX_URL - prefix] = '\0';
	char *out;
	T_EQ_INT(twsig_url(&arena, NULL, "https", "h", uri, &out), TF_OK);
	T_EQ_INT(strlen(out), TF_MAX_URL);
	uri[TF_MAX_URL - prefix] = 'a';
	uri[TF_MAX_URL - prefix + 1] = '\0';
	url_bad(NULL, "https", "h", uri, TF_ELIMIT);
	url_bad("https://h", NULL, NULL, uri, TF_ELIMIT);
	uri[TF_MAX_URL - prefix] = '\0';
	T_EQ_INT(twsig_url(&arena, "https://h/", NULL, NULL, uri, &out), TF_OK);
	T_EQ_INT(strlen(out), TF_MAX_URL);
}

int main(void)
{
	arena_init(&arena, TF_MAX_REQUEST_ARENA);
	test_vectors();
	test_round_trip();
	test_bad_arguments();
	test_ports();
	test_json_body();
	test_url();
	arena_free(&arena);
	return t_done();
}
