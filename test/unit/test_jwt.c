/* test_jwt.c: unit tests of lib/core/jwt: HS256 round trip, every rejection, and the RS256 vector of the reference data. */
#include "b64.h"
#include "buf.h"
#include "crypto.h"
#include "err.h"
#include "jwt.h"
#include "t.h"

#include <cjson/cJSON.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdlib.h>

#define SECRET "a-test-secret-that-is-long-enough-0123456789"
#define NOW 1735732800L

/* Builds header.claims.signature by hand; sign_secret NULL leaves the signature part as sig_text. */
static void make_token(struct buf *out, const char *header, const char *claims, const char *sign_secret,
                       const char *sig_text)
{
	buf_init(out, 16384);
	b64url_encode(header, strlen(header), out);
	buf_putc(out, '.');
	b64url_encode(claims, strlen(claims), out);
	if (sign_secret) {
		unsigned char mac[32];
		crypto_hmac_sha256(sign_secret, strlen(sign_secret), out->data, out->len, mac);
		buf_putc(out, '.');
		b64url_encode(mac, sizeof(mac), out);
	} else {
		buf_putc(out, '.');
		buf_puts(out, sig_text);
	}
}

static int verify(const struct buf *tok, char *sub, size_t sublen)
{
	return jwt_hs256_verify(SECRET, tok->data, tok->len, NOW, sub, sublen);
}

static int verify_hand(const char *header, const char *claims)
{
	struct buf tok;
	char sub[64] = "unset";
	make_token(&tok, header, claims, SECRET, NULL);
	int err = verify(&tok, sub, sizeof(sub));
	if (err != TF_OK && sub[0] != '\0')
		err = -1;  /* a failure must leave subject empty */
	buf_free(&tok);
	return err;
}

static void test_mint_verify(void)
{
	struct buf tok;
	char sub[64];
	buf_init(&tok, 4096);
	T_EQ_INT(jwt_hs256_mint(SECRET, "admin@example.org", 3600, NOW, &tok), TF_OK);
	T_OK(tok.len > 0 && strchr(tok.data, '=') == NULL);
	T_EQ_INT(jwt_hs256_verify(SECRET, tok.data, tok.len, NOW, sub, sizeof(sub)), TF_OK);
	T_EQ_STR(sub, "admin@example.org");
	T_EQ_INT(jwt_hs256_verify(SECRET, tok.data, tok.len, NOW + 3599, sub, sizeof(sub)), TF_OK);
	T_EQ_INT(jwt_hs256_verify(SECRET, tok.data, tok.len, NOW + 3600, sub, sizeof(sub)), TF_EAUTH);
	T_EQ_STR(sub, "");
	T_EQ_INT(jwt_hs256_verify("another-secret", tok.data, tok.len, NOW, sub, sizeof(sub)), TF_EAUTH);
	T_EQ_INT(jwt_hs256_verify(SECRET, tok.data, tok.len, NOW, NULL, 0), TF_OK);
	/* The header is exactly the documented one. */
	struct buf h;
	buf_init(&h, 256);
	const char *dot = strchr(tok.data, '.');
	T_EQ_INT(b64url_decode(tok.data, (size_t)(dot - tok.data), &h), TF_OK);
	T_EQ_STR(h.data, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
	/* Claims hold sub, iat and exp as integers. */
	const char *dot2 = strchr(dot + 1, '.');
	buf_reset(&h);
	T_EQ_INT(b64url_decode(dot + 1, (size_t)(dot2 - dot - 1), &h), TF_OK);
	T_EQ_STR(h.data, "{\"sub\":\"admin@example.org\",\"iat\":1735732800,\"exp\":1735736400}");
	buf_free(&h);
	/* Not NUL-terminated input: only len bytes count. */
	char *copy = malloc(tok.len);
	memcpy(copy, tok.data, tok.len);
	T_EQ_INT(jwt_hs256_verify(SECRET, copy, tok.len, NOW, sub, sizeof(sub)), TF_OK);
	T_EQ_INT(jwt_hs256_verify(SECRET, copy, tok.len - 1, NOW, sub, sizeof(sub)), TF_EAUTH);
	free(copy);
	buf_free(&tok);

	buf_init(&tok, 4096);
	T_EQ_INT(jwt_hs256_mint("", "x", 60, NOW, &tok), TF_EINVAL);
	T_EQ_INT(jwt_hs256_mint(SECRET, "", 60, NOW, &tok), TF_EINVAL);
	T_EQ_INT(jwt_hs256_mint(SECRET, "x", 0, NOW, &tok), TF_EINVAL);
	T_EQ_INT(tok.len, 0);
	/* Exp beyond 2038 stays an exact integer. */
	T_EQ_INT(jwt_hs256_mint(SECRET, "x", 10L * 365 * 86400 * 5, NOW, &tok), TF_OK);
	T_EQ_INT(jwt_hs256_verify(SECRET, tok.data, tok.len, NOW, sub, sizeof(sub)), TF_OK);
	buf_free(&tok);
	/* A subject that needs JSON escaping survives. */
	buf_init(&tok, 4096);
	T_EQ_INT(jwt_hs256_mint(SECRET, "a\"b\\c ü", 60, NOW, &tok), TF_OK);
	T_EQ_INT(jwt_hs256_verify(SECRET, tok.data, tok.len, NOW, sub, sizeof(sub)), TF_OK);
	T_EQ_STR(sub, "a\"b\\c ü");
	buf_free(&tok);
}

#define HDR "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
#define CLAIMS_OK "{\"sub\":\"ops\",\"iat\":1735732800,\"exp\":1735736400}"

static void test_hand_built_accepted(void)
{
	T_EQ_INT(verify_hand(HDR, CLAIMS_OK), TF_OK);
	T_EQ_INT(verify_hand("{\"alg\":\"HS256\"}", CLAIMS_OK), TF_OK);  /* typ is optional */
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735736400}"), TF_OK);  /* iat optional */
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735736400,\"nbf\":1735732800}"), TF_OK);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735736400,\"iat\":1735732860}"), TF_OK);  /* +60 s */
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735732801}"), TF_OK);
}

static void test_rejected_alg(void)
{
	T_EQ_INT(verify_hand("{\"alg\":\"none\",\"typ\":\"JWT\"}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"typ\":\"JWT\"}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"alg\":\"hs256\"}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"alg\":\"HS256 \"}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"alg\":256}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"alg\":null}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("[\"HS256\"]", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("\"HS256\"", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("{\"alg\":\"HS256\"} trailing", CLAIMS_OK), TF_EAUTH);
	T_EQ_INT(verify_hand("not json", CLAIMS_OK), TF_EAUTH);

	/* The classic "none" attack: unsigned token with an empty signature. */
	struct buf tok;
	make_token(&tok, "{\"alg\":\"none\",\"typ\":\"JWT\"}", CLAIMS_OK, NULL, "");
	T_EQ_INT(verify(&tok, NULL, 0), TF_EAUTH);
	buf_free(&tok);
	make_token(&tok, "{\"alg\":\"none\"}", CLAIMS_OK, NULL, "");
	tok.len--;  /* drop the last dot: two parts */
	T_EQ_INT(verify(&tok, NULL, 0), TF_EAUTH);
	buf_free(&tok);
}

static void test_rejected_shape(void)
{
	static const char *bad[] = {
		"", "abc", "a.b", "a.b.c.d", "..", "a..c", ".b.c", "a.b.", "a.b.c.",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_EQ_INT(jwt_hs256_verify(SECRET, bad[i], strlen(bad[i]), NOW, NULL, 0), TF_EAUTH);
	T_EQ_INT(jwt_hs256_verify(SECRET, NULL, 0, NOW, NULL, 0), TF_EAUTH);
	T_EQ_INT(jwt_hs256_verify("", "a.b.c", 5, NOW, NULL, 0), TF_EINVAL);

	/* Four parts: a valid token with one more part. */
	struct buf tok;
	make_token(&tok, HDR, CLAIMS_OK, SECRET, NULL);
	T_EQ_INT(verify(&tok, NULL, 0), TF_OK);
	buf_puts(&tok, ".x");
	T_EQ_INT(verify(&tok, NULL, 0), TF_EAUTH);
	buf_free(&tok);

	/* Bad base64url in each part of an otherwise valid token. */
	static const char bad_chars[] = { '+', '/', '=', ' ', '\0', '*' };
	for (int part = 0; part < 3; part++) {
		for (size_t k = 0; k < sizeof(bad_chars); k++) {
			make_token(&tok, HDR, CLAIMS_OK, SECRET, NULL);
			char *d1 = strchr(tok.data, '.');
			char *d2 = strchr(d1 + 1, '.');
			char *at = part == 0 ? tok.data + 1 : part == 1 ? d1 + 2 : d2 + 2;
			*at = bad_chars[k];
			T_EQ_INT(verify(&tok, NULL, 0), TF_EAUTH);
			buf_free(&tok);
		}
	}
	/* A padded signature is not base64url. */
	make_token(&tok, HDR, CLAIMS_OK, SECRET, NULL);
	buf_putc(&tok, '=');
	T_EQ_INT(verify(&tok, NULL, 0), TF_EAUTH);
	buf_free(&tok);
}

static void test_rejected_signature(void)
{
	struct buf tok;
	make_token(&tok, HDR, CLAIMS_OK, "the-wrong-secret", NULL);
	T_EQ_INT(verify(&tok, NULL, 0), TF_EAUTH);
	buf_free(&tok);
	/* Every flipped signature character. */
	make_token(&tok, HDR, CLAIMS_OK, SECRET, NULL);
	char *sig = strrchr(tok.data, '.') + 1;
	size_t siglen = strlen(sig);
	int rejected = 0;
	for (size_t i = 0; i < siglen; i++) {
		char was = sig[i];
		sig[i] = was == 'A' ? 'B' : 'A';
		if (verify(&tok, NULL, 0) == TF_EAUTH)
			rejected++;
		sig[i] = was;
	}
	T_EQ_INT(rejected, siglen);
	T_EQ_INT(verify(&tok, NULL, 0), TF_OK);
	/* Truncated and extended signatures. */
	tok.len -= 4;
	T_EQ_INT(verify(&tok, NULL, 0), TF_EAUTH);
	tok.len += 4;
	buf_puts(&tok, "AAAA");
	T_EQ_INT(verify(&tok, NULL, 0), TF_EAUTH);
	buf_free(&tok);
	/* Claims changed after signing. */
	struct buf a, b;
	make_token(&a, HDR, CLAIMS_OK, SECRET, NULL);
	make_token(&b, HDR, "{\"sub\":\"root\",\"iat\":1735732800,\"exp\":1735736400}", SECRET, NULL);
	struct buf mix;
	buf_init(&mix, 4096);
	const char *a2 = strrchr(a.data, '.');
	const char *b2 = strrchr(b.data, '.');
	buf_append(&mix, b.data, (size_t)(b2 - b.data));
	buf_puts(&mix, a2);
	T_EQ_INT(verify(&mix, NULL, 0), TF_EAUTH);
	buf_free(&a);
	buf_free(&b);
	buf_free(&mix);
}

static void test_rejected_claims(void)
{
	/* exp */
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"iat\":1735732800}"), TF_EAUTH);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735732800}"), TF_EAUTH);  /* == now */
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735732799}"), TF_EAUTH);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":\"1735736400\"}"), TF_EAUTH);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":null}"), TF_EAUTH);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1e999}"), TF_EAUTH);
	/* nbf */
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735736400,\"nbf\":1735732801}"), TF_EAUTH);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735736400,\"nbf\":\"0\"}"), TF_EAUTH);
	/* iat */
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735736400,\"iat\":1735732861}"), TF_EAUTH);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735736400,\"iat\":true}"), TF_EAUTH);
	/* sub */
	T_EQ_INT(verify_hand(HDR, "{\"exp\":1735736400}"), TF_EAUTH);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":7,\"exp\":1735736400}"), TF_EAUTH);
	/* claims not an object */
	T_EQ_INT(verify_hand(HDR, "[1735736400]"), TF_EAUTH);
	T_EQ_INT(verify_hand(HDR, "{\"sub\":\"ops\",\"exp\":1735736400"), TF_EAUTH);
	/* A subject longer than the caller's buffer. */
	struct buf tok;
	char sub[4];
	make_token(&tok, HDR, CLAIMS_OK, SECRET, NULL);
	T_EQ_INT(verify(&tok, sub, sizeof(sub)), TF_OK);
	T_EQ_STR(sub, "ops");
	T_EQ_INT(verify(&tok, sub, 3), TF_EAUTH);
	buf_free(&tok);
}

static void test_limit(void)
{
	struct buf claims, tok;
	buf_init(&claims, 8192);
	buf_puts(&claims, "{\"sub\":\"ops\",\"exp\":1735736400,\"pad\":\"");
	for (int i = 0; i < 3000; i++)
		buf_putc(&claims, 'x');
	buf_puts(&claims, "\"}");
	make_token(&tok, HDR, claims.data, SECRET, NULL);
	T_OK(tok.len > JWT_MAX_TOKEN);
	T_EQ_INT(verify(&tok, NULL, 0), TF_ELIMIT);
	buf_free(&tok);
	buf_free(&claims);
	char big[JWT_MAX_TOKEN + 1];
	memset(big, 'a', sizeof(big));
	T_EQ_INT(jwt_hs256_verify(SECRET, big, sizeof(big), NOW, NULL, 0), TF_ELIMIT);
	T_EQ_INT(jwt_hs256_verify(SECRET, big, JWT_MAX_TOKEN, NOW, NULL, 0), TF_EAUTH);
}

static void test_rs256_vector(void)
{
	char *vec_text = t_read_file("test/data/dialogflow_examples/oauth_jwt_rs256_vector.json", NULL);
	char *key_text = t_read_file("test/data/dialogflow_examples/service_account_key.TEST.json", NULL);
	T_OK(vec_text != NULL && key_text != NULL);
	if (vec_text == NULL || key_text == NULL) {
		free(vec_text);
		free(key_text);
		return;
	}
	cJSON *vec = cJSON_Parse(vec_text);
	cJSON *key = cJSON_Parse(key_text);
	const char *pem = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(key, "private_key"));
	const char *kid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(key, "private_key_id"));
	const char *claims = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vec, "claims_json"));
	const char *want = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vec, "assertion"));
	const char *want_header = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vec, "header_json"));
	T_OK(pem && kid && claims && want && want_header);

	struct buf out;
	buf_init(&out, 8192);
	T_EQ_INT(jwt_rs256_sign(pem, kid, claims, &out), TF_OK);
	T_EQ_STR(out.data, want);

	/* The header we build is the vector's byte for byte. */
	struct buf h;
	buf_init(&h, 1024);
	T_EQ_INT(b64url_decode(out.data, (size_t)(strchr(out.data, '.') - out.data), &h), TF_OK);
	T_EQ_STR(h.data, want_header);
	buf_free(&h);

	/* Appends after existing content. */
	buf_reset(&out);
	buf_puts(&out, "assertion=");
	T_EQ_INT(jwt_rs256_sign(pem, kid, claims, &out), TF_OK);
	T_OK(strncmp(out.data, "assertion=", 10) == 0 && strcmp(out.data + 10, want) == 0);

	/* Without a key id the header has no "kid". */
	buf_reset(&out);
	T_EQ_INT(jwt_rs256_sign(pem, NULL, claims, &out), TF_OK);
	buf_init(&h, 1024);
	T_EQ_INT(b64url_decode(out.data, (size_t)(strchr(out.data, '.') - out.data), &h), TF_OK);
	T_EQ_STR(h.data, "{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
	buf_free(&h);

	/* Bad keys. */
	buf_reset(&out);
	T_EQ_INT(jwt_rs256_sign("not a pem", kid, claims, &out), TF_EINVAL);
	T_EQ_INT(jwt_rs256_sign("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", kid, claims, &out),
	         TF_EINVAL);
	T_EQ_INT(jwt_rs256_sign(pem, kid, NULL, &out), TF_EINVAL);
	const char *pub = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vec, "public_key_pem"));
	T_EQ_INT(jwt_rs256_sign(pub, kid, claims, &out), TF_EINVAL);
	EVP_PKEY *ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	T_OK(ec != NULL);
	BIO *bio = BIO_new(BIO_s_mem());
	PEM_write_bio_PrivateKey(bio, ec, NULL, NULL, 0, NULL, NULL);
	char *ec_pem = NULL;
	long ec_len = BIO_get_mem_data(bio, &ec_pem);
	char *ec_copy = calloc(1, (size_t)ec_len + 1);
	memcpy(ec_copy, ec_pem, (size_t)ec_len);
	T_EQ_INT(jwt_rs256_sign(ec_copy, kid, claims, &out), TF_EINVAL);
	T_EQ_INT(out.len, 0);
	free(ec_copy);
	BIO_free(bio);
	EVP_PKEY_free(ec);

	buf_free(&out);
	cJSON_Delete(vec);
	cJSON_Delete(key);
	free(vec_text);
	free(key_text);
}

/* Verifies hand-built claims with the claims reader; -1 when a failure left anything set. */
static int verify_claims_hand(const char *claims, struct jwt_claims *c)
{
	struct buf tok;
	make_token(&tok, "{\"alg\":\"HS256\"}", claims, SECRET, NULL);
	memset(c, 0x55, sizeof(*c));
	int err = jwt_hs256_verify_claims(SECRET, tok.data, tok.len, NOW, c);
	if (err != TF_OK && (c->sub[0] || c->jti[0] || c->studio[0] || c->scope != JWT_SCOPE_NONE || c->exp))
		err = -1;
	buf_free(&tok);
	return err;
}

static void test_scope_claims(void)
{
	/* Minted with scope, id and studio: each comes back as it went in. */
	struct jwt_claims in, out;
	memset(&in, 0, sizeof(in));
	snprintf(in.sub, sizeof(in.sub), "%s", "anna");
	snprintf(in.jti, sizeof(in.jti), "%s", "0123456789abcdef0123456789abcdef");
	snprintf(in.studio, sizeof(in.studio), "%s", "berlin-mitte");
	in.scope = JWT_SCOPE_STATS;
	struct buf tok;
	buf_init(&tok, 4096);
	T_EQ_INT(jwt_hs256_mint_claims(SECRET, &in, 600, NOW, &tok), TF_OK);
	T_EQ_INT(jwt_hs256_verify_claims(SECRET, tok.data, tok.len, NOW, &out), TF_OK);
	T_EQ_STR(out.sub, "anna");
	T_EQ_STR(out.jti, in.jti);
	T_EQ_STR(out.studio, "berlin-mitte");
	T_EQ_INT(out.scope, JWT_SCOPE_STATS);
	T_EQ_INT(out.exp, NOW + 600);
	/* The plain reader still takes it. */
	char sub[16];
	T_EQ_INT(jwt_hs256_verify(SECRET, tok.data, tok.len, NOW, sub, sizeof(sub)), TF_OK);
	T_EQ_STR(sub, "anna");
	/* Expired and forged stay refused, with nothing filled in. */
	T_EQ_INT(jwt_hs256_verify_claims(SECRET, tok.data, tok.len, NOW + 600, &out), TF_EAUTH);
	T_EQ_INT(out.scope, JWT_SCOPE_NONE);
	T_EQ_INT(jwt_hs256_verify_claims("another-secret", tok.data, tok.len, NOW, &out), TF_EAUTH);
	T_EQ_STR(out.sub, "");

	/* Admin for every studio: no "studio" claim at all. */
	buf_reset(&tok);
	in.scope = JWT_SCOPE_ADMIN;
	in.studio[0] = '\0';
	T_EQ_INT(jwt_hs256_mint_claims(SECRET, &in, 600, NOW, &tok), TF_OK);
	T_EQ_INT(jwt_hs256_verify_claims(SECRET, tok.data, tok.len, NOW, &out), TF_OK);
	T_EQ_INT(out.scope, JWT_SCOPE_ADMIN);
	T_EQ_STR(out.studio, "");
	T_OK(strstr(tok.data, ".") != NULL);

	/* A token of an earlier version (only sub) reads as no scope and no id:
	 * the caller decides; the old minting function still makes those. */
	buf_reset(&tok);
	T_EQ_INT(jwt_hs256_mint(SECRET, "ops", 600, NOW, &tok), TF_OK);
	T_EQ_INT(jwt_hs256_verify_claims(SECRET, tok.data, tok.len, NOW, &out), TF_OK);
	T_EQ_INT(out.scope, JWT_SCOPE_NONE);
	T_EQ_STR(out.jti, "");

	/* Minting refuses what verification would refuse. */
	buf_reset(&tok);
	in.scope = (enum jwt_scope)7;
	T_EQ_INT(jwt_hs256_mint_claims(SECRET, &in, 600, NOW, &tok), TF_EINVAL);
	in.scope = JWT_SCOPE_STATS;
	snprintf(in.studio, sizeof(in.studio), "%s", "berlin mitte");
	T_EQ_INT(jwt_hs256_mint_claims(SECRET, &in, 600, NOW, &tok), TF_EINVAL);
	in.studio[0] = '\0';
	snprintf(in.jti, sizeof(in.jti), "%s", "a.b");
	T_EQ_INT(jwt_hs256_mint_claims(SECRET, &in, 600, NOW, &tok), TF_EINVAL);
	T_EQ_INT(tok.len, 0);
	buf_free(&tok);

	/* Hand-built claims: a scope is one of the two names, exactly. */
	static const struct { const char *claims; int want; enum jwt_scope scope; } rows[] = {
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"stats\",\"jti\":\"x1\"}", TF_OK, JWT_SCOPE_STATS },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"admin\",\"jti\":\"x1\"}", TF_OK, JWT_SCOPE_ADMIN },
		{ "{\"sub\":\"a\",\"exp\":1735736400}", TF_OK, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"Admin\"}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"admin stats\"}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"\"}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":[\"admin\"]}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":null}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"admin\",\"jti\":42}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"admin\",\"jti\":\"\"}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"admin\",\"jti\":\"a'b\"}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"stats\",\"studio\":\"\"}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"stats\",\"studio\":7}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"stats\",\"studio\":\"../x\"}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"exp\":1735736400,\"scope\":\"admin\",\"jti\":\"x1\"}", TF_EAUTH, JWT_SCOPE_NONE },
		{ "{\"sub\":\"a\",\"exp\":1e300,\"scope\":\"admin\",\"jti\":\"x1\"}", TF_OK, JWT_SCOPE_ADMIN },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct jwt_claims c;
		int err = verify_claims_hand(rows[i].claims, &c);
		if (err != rows[i].want || c.scope != rows[i].scope)
			fprintf(stderr, "row %zu: %s\n", i, rows[i].claims);
		T_EQ_INT(err, rows[i].want);
		T_EQ_INT(c.scope, rows[i].scope);
	}
	/* A jti longer than the reader's buffer is refused, not cut. */
	char longer[256];
	snprintf(longer, sizeof(longer), "{\"sub\":\"a\",\"exp\":1735736400,\"scope\":\"admin\",\"jti\":\"%0*d\"}",
	         JWT_MAX_ID, 0);
	struct jwt_claims c;
	T_EQ_INT(verify_claims_hand(longer, &c), TF_EAUTH);

	/* Names both ways. */
	enum jwt_scope sc;
	T_EQ_INT(jwt_scope_parse("stats", &sc), TF_OK);
	T_EQ_INT(sc, JWT_SCOPE_STATS);
	T_EQ_INT(jwt_scope_parse("root", &sc), TF_EINVAL);
	T_EQ_INT(sc, JWT_SCOPE_NONE);
	T_EQ_INT(jwt_scope_parse(NULL, &sc), TF_EINVAL);
	T_EQ_STR(jwt_scope_name(JWT_SCOPE_ADMIN), "admin");
	T_EQ_STR(jwt_scope_name(JWT_SCOPE_NONE), "");
	T_EQ_STR(jwt_scope_name((enum jwt_scope)9), "");
}

int main(void)
{
	test_mint_verify();
	test_scope_claims();
	test_hand_built_accepted();
	test_rejected_alg();
	test_rejected_shape();
	test_rejected_signature();
	test_rejected_claims();
	test_limit();
	test_rs256_vector();
	return t_done();
}
