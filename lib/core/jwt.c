/* jwt.c: HS256 JSON Web Tokens (mint and strict verify) and RS256 signing, with cJSON and OpenSSL. */
#include "jwt.h"
#include "b64.h"
#include "buf.h"
#include "crypto.h"
#include "err.h"

#include <cjson/cJSON.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char jwt_hs256_header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

static bool jwt_plain_word(const char *s);

/* Drops what a failed call appended to out. */
static void jwt_rollback(struct buf *out, size_t start)
{
	if (out->data && out->len >= start) {
		out->len = start;
		out->data[start] = '\0';
	}
}

/* Mints claims c (NULL: only sub) for subject. */
static int jwt_mint(const char *secret, const char *subject, const struct jwt_claims *c, long ttl_seconds, long now,
                    struct buf *out)
{
	if (secret == NULL || *secret == '\0' || subject == NULL || *subject == '\0' || ttl_seconds <= 0)
		return TF_EINVAL;
	long expires;
	if (__builtin_add_overflow(now, ttl_seconds, &expires))
		return TF_EINVAL;

	size_t start = out->len;
	char *claims = NULL;
	unsigned char mac[32];
	int err = TF_ENOMEM;
	cJSON *j = cJSON_CreateObject();
	if (j == NULL
	    || cJSON_AddStringToObject(j, "sub", subject) == NULL
	    || cJSON_AddNumberToObject(j, "iat", (double)now) == NULL
	    || cJSON_AddNumberToObject(j, "exp", (double)expires) == NULL
	    || (c && *c->jti && cJSON_AddStringToObject(j, "jti", c->jti) == NULL)
	    || (c && c->scope != JWT_SCOPE_NONE && cJSON_AddStringToObject(j, "scope", jwt_scope_name(c->scope)) == NULL)
	    || (c && *c->studio && cJSON_AddStringToObject(j, "studio", c->studio) == NULL))
		goto fail;
	claims = cJSON_PrintUnformatted(j);
	if (claims == NULL)
		goto fail;
	if ((err = b64url_encode(jwt_hs256_header, sizeof(jwt_hs256_header) - 1, out))
	    || (err = buf_putc(out, '.'))
	    || (err = b64url_encode(claims, strlen(claims), out)))
		goto fail;
	if ((err = crypto_hmac_sha256(secret, strlen(secret), out->data + start, out->len - start, mac))
	    || (err = buf_putc(out, '.'))
	    || (err = b64url_encode(mac, sizeof(mac), out)))
		goto fail;
	cJSON_Delete(j);
	free(claims);
	return TF_OK;
fail:
	cJSON_Delete(j);
	free(claims);
	jwt_rollback(out, start);
	return err;
}

int jwt_hs256_mint(const char *secret, const char *subject, long ttl_seconds, long now, struct buf *out)
{
	return jwt_mint(secret, subject, NULL, ttl_seconds, now, out);
}

int jwt_hs256_mint_claims(const char *secret, const struct jwt_claims *c, long ttl_seconds, long now, struct buf *out)
{
	if (c == NULL || (*c->jti && !jwt_plain_word(c->jti)) || (*c->studio && !jwt_plain_word(c->studio)) ||
	    (unsigned)c->scope > JWT_SCOPE_ADMIN)
		return TF_EINVAL;
	return jwt_mint(secret, c->sub, c, ttl_seconds, now, out);
}

/* Decodes one base64url part and parses it as a JSON object. NULL on any flaw. */
static cJSON *jwt_parse_part(const char *s, size_t n)
{
	struct buf b;
	cJSON *j = NULL;
	buf_init(&b, JWT_MAX_TOKEN);
	if (n == 0 || b64url_decode(s, n, &b) != TF_OK || b.len == 0)
		goto out;
	if (memchr(b.data, '\0', b.len) != NULL)
		goto out;
	j = cJSON_ParseWithOpts(b.data, NULL, 1);
	if (j != NULL && !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		j = NULL;
	}
out:
	buf_free(&b);
	return j;
}

/* A time claim: absent is fine (*present false); anything but a finite number is not. */
static bool jwt_time_claim(const cJSON *claims, const char *name, bool *present, double *value)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(claims, name);
	*present = item != NULL;
	if (item == NULL)
		return true;
	if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble))
		return false;
	*value = item->valuedouble;
	return true;
}

/* Checks everything but the claims' meaning: the token's form, header,
 * signature (constant time) and time claims. On TF_OK *claims_out is the
 * parsed claims object, the caller's to delete. */
static int jwt_hs256_check(const char *secret, const char *token, size_t len, long now, cJSON **claims_out)
{
	*claims_out = NULL;
	if (len > JWT_MAX_TOKEN)
		return TF_ELIMIT;
	if (secret == NULL || *secret == '\0')
		return TF_EINVAL;
	if (token == NULL)
		return TF_EAUTH;

	int err = TF_EAUTH;
	cJSON *header = NULL, *claims = NULL;
	const char *d1 = memchr(token, '.', len);
	const char *d2 = d1 ? memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - token)) : NULL;
	if (d1 == NULL || d2 == NULL)
		goto out;
	const char *sig = d2 + 1;
	size_t siglen = len - (size_t)(sig - token);
	if (memchr(sig, '.', siglen) != NULL || siglen == 0)
		goto out;

	header = jwt_parse_part(token, (size_t)(d1 - token));
	if (header == NULL)
		goto out;
	const cJSON *alg = cJSON_GetObjectItemCaseSensitive(header, "alg");
	if (!cJSON_IsString(alg) || strcmp(alg->valuestring, "HS256") != 0)
		goto out;
	/* No extension is understood, so a token that marks one critical is refused (RFC 7515 4.1.11). */
	if (cJSON_GetObjectItemCaseSensitive(header, "crit") != NULL)
		goto out;

	unsigned char want[32], got[32];
	size_t gotlen = 0;
	if (b64_decode_mem(sig, siglen, true, got, sizeof(got), &gotlen) != TF_OK || gotlen != sizeof(got))
		goto out;
	if (crypto_hmac_sha256(secret, strlen(secret), token, (size_t)(d2 - token), want) != TF_OK) {
		err = TF_EINTERNAL;
		goto out;
	}
	if (CRYPTO_memcmp(want, got, sizeof(want)) != 0)
		goto out;

	claims = jwt_parse_part(d1 + 1, (size_t)(d2 - d1 - 1));
	if (claims == NULL)
		goto out;
	bool has_exp, has_nbf, has_iat;
	double expires = 0, nbf = 0, iat = 0;
	if (!jwt_time_claim(claims, "exp", &has_exp, &expires) || !has_exp || expires <= (double)now)
		goto out;
	if (!jwt_time_claim(claims, "nbf", &has_nbf, &nbf) || (has_nbf && nbf > (double)now))
		goto out;
	if (!jwt_time_claim(claims, "iat", &has_iat, &iat) || (has_iat && iat > (double)now + JWT_IAT_LEEWAY))
		goto out;
	*claims_out = claims;
	claims = NULL;
	err = TF_OK;
out:
	cJSON_Delete(header);
	cJSON_Delete(claims);
	return err;
}

/* Copies a string claim of at most cap - 1 bytes; absent leaves "" and is
 * fine unless required. False when present but not a fitting string. */
static bool jwt_string_claim(const cJSON *claims, const char *name, bool required, char *out, size_t cap)
{
	if (out && cap)
		out[0] = '\0';
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(claims, name);
	if (item == NULL)
		return !required;
	if (!cJSON_IsString(item))
		return false;
	size_t n = strlen(item->valuestring);
	if (out && cap) {
		if (n >= cap)
			return false;
		memcpy(out, item->valuestring, n + 1);
	}
	return true;
}

int jwt_hs256_verify(const char *secret, const char *token, size_t len, long now, char *subject, size_t sublen)
{
	if (subject && sublen)
		subject[0] = '\0';
	cJSON *claims;
	int err = jwt_hs256_check(secret, token, len, now, &claims);
	if (err)
		return err;
	if (!jwt_string_claim(claims, "sub", true, subject, sublen))
		err = TF_EAUTH;
	cJSON_Delete(claims);
	return err;
}

static const char *const jwt_scope_names[] = { [JWT_SCOPE_NONE] = "", [JWT_SCOPE_STATS] = "stats",
                                               [JWT_SCOPE_ADMIN] = "admin" };

const char *jwt_scope_name(enum jwt_scope scope)
{
	return (unsigned)scope < sizeof(jwt_scope_names) / sizeof(jwt_scope_names[0]) ? jwt_scope_names[scope] : "";
}

int jwt_scope_parse(const char *name, enum jwt_scope *out)
{
	*out = JWT_SCOPE_NONE;
	for (int i = JWT_SCOPE_STATS; name && i <= JWT_SCOPE_ADMIN; i++)
		if (strcmp(name, jwt_scope_names[i]) == 0) {
			*out = (enum jwt_scope)i;
			return TF_OK;
		}
	return TF_EINVAL;
}

/* A token id or studio slug: letters, digits, '-' and '_' only. */
static bool jwt_plain_word(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return false;
	return true;
}

int jwt_hs256_verify_claims(const char *secret, const char *token, size_t len, long now, struct jwt_claims *out)
{
	memset(out, 0, sizeof(*out));
	cJSON *claims;
	int err = jwt_hs256_check(secret, token, len, now, &claims);
	if (err)
		return err;
	char scope[16];
	err = TF_EAUTH;
	if (!jwt_string_claim(claims, "sub", true, out->sub, sizeof(out->sub)) ||
	    !jwt_string_claim(claims, "jti", false, out->jti, sizeof(out->jti)) ||
	    !jwt_string_claim(claims, "scope", false, scope, sizeof(scope)) ||
	    !jwt_string_claim(claims, "studio", false, out->studio, sizeof(out->studio)))
		goto out;
	/* A scope this build does not know is refused, never read as another. */
	if (cJSON_GetObjectItemCaseSensitive(claims, "scope") != NULL && jwt_scope_parse(scope, &out->scope) != TF_OK)
		goto out;
	if ((cJSON_GetObjectItemCaseSensitive(claims, "jti") != NULL && !jwt_plain_word(out->jti)) ||
	    (cJSON_GetObjectItemCaseSensitive(claims, "studio") != NULL && !jwt_plain_word(out->studio)))
		goto out;
	double exp = cJSON_GetObjectItemCaseSensitive(claims, "exp")->valuedouble;
	out->exp = exp >= (double)LONG_MAX ? LONG_MAX : (long)exp;
	err = TF_OK;
out:
	cJSON_Delete(claims);
	if (err)
		memset(out, 0, sizeof(*out));
	return err;
}

/* Never prompt on a terminal for a pass phrase: an encrypted key just fails. */
static int jwt_no_passphrase(char *buf, int size, int rwflag, void *u)
{
	return -1;
}

int jwt_rs256_sign(const char *pem_private_key, const char *kid_or_null, const char *claims_json, struct buf *out)
{
	if (pem_private_key == NULL || claims_json == NULL)
		return TF_EINVAL;

	size_t start = out->len;
	int err = TF_ENOMEM;
	cJSON *h = NULL;
	char *header = NULL;
	BIO *bio = NULL;
	EVP_PKEY *pkey = NULL;
	EVP_MD_CTX *mctx = NULL;
	unsigned char *sig = NULL;

	h = cJSON_CreateObject();
	if (h == NULL
	    || cJSON_AddStringToObject(h, "alg", "RS256") == NULL
	    || cJSON_AddStringToObject(h, "typ", "JWT") == NULL
	    || (kid_or_null && cJSON_AddStringToObject(h, "kid", kid_or_null) == NULL))
		goto fail;
	header = cJSON_PrintUnformatted(h);
	if (header == NULL)
		goto fail;

	err = TF_EINVAL;
	bio = BIO_new_mem_buf(pem_private_key, -1);
	if (bio == NULL) {
		err = TF_ENOMEM;
		goto fail;
	}
	pkey = PEM_read_bio_PrivateKey(bio, NULL, jwt_no_passphrase, NULL);
	if (pkey == NULL || !EVP_PKEY_is_a(pkey, "RSA") || EVP_PKEY_get_bits(pkey) < 2048)
		goto fail;

	if ((err = b64url_encode(header, strlen(header), out))
	    || (err = buf_putc(out, '.'))
	    || (err = b64url_encode(claims_json, strlen(claims_json), out)))
		goto fail;

	err = TF_EINTERNAL;
	size_t siglen = 0;
	const unsigned char *input = (const unsigned char *)out->data + start;
	size_t inlen = out->len - start;
	mctx = EVP_MD_CTX_new();
	if (mctx == NULL
	    || EVP_DigestSignInit(mctx, NULL, EVP_sha256(), NULL, pkey) != 1
	    || EVP_DigestSign(mctx, NULL, &siglen, input, inlen) != 1)
		goto fail;
	sig = malloc(siglen);
	if (sig == NULL) {
		err = TF_ENOMEM;
		goto fail;
	}
	if (EVP_DigestSign(mctx, sig, &siglen, input, inlen) != 1)
		goto fail;
	if ((err = buf_putc(out, '.'))
	    || (err = b64url_encode(sig, siglen, out)))
		goto fail;
	err = TF_OK;
	goto done;
fail:
	jwt_rollback(out, start);
done:
	free(sig);
	EVP_MD_CTX_free(mctx);
	EVP_PKEY_free(pkey);
	BIO_free(bio);
	free(header);
	cJSON_Delete(h);
	return err;
}
