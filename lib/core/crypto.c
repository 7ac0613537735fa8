/* crypto.c: AES-256-GCM sealing of personal data and keyed phone hashes, keys derived with HKDF-SHA256. */
#include "crypto.h"
#include "b64.h"
#include "buf.h"
#include "err.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <stdio.h>
#include <string.h>

#define CRYPTO_VAR "TERMINFON_DATA_KEY"
#define CRYPTO_HEAD_LEN (1 + CRYPTO_KEY_ID_LEN)          /* version and key id: bound as AAD */
#define CRYPTO_PRE_LEN (CRYPTO_HEAD_LEN + CRYPTO_NONCE_LEN) /* what precedes the cipher text */
/* EVP takes int lengths; personal data is far smaller than this. */
#define CRYPTO_MAX_TEXT ((size_t)1 << 30)

/* Domain separation of the derived keys. Changing any of these makes every
 * stored blob and hash unreadable: they are part of the storage format. */
static const char crypto_hkdf_salt[] = "terminfon data key v1";
static const char crypto_info_enc[] = "terminfon aes-256-gcm v1";
static const char crypto_info_hash[] = "terminfon phone hash v1";
static const char crypto_id_label[] = "terminfon key id";

static const char crypto_hex[] = "0123456789abcdef";

int crypto_hmac_sha256(const void *key, size_t keylen, const void *data, size_t n, unsigned char out[32])
{
	size_t outlen = 0;
	if (EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, key, keylen, data, n, out, 32, &outlen) == NULL
	    || outlen != 32)
		return TF_EINTERNAL;
	return TF_OK;
}

static int crypto_hkdf(const unsigned char *master, const char *info, unsigned char out[CRYPTO_KEY_BYTES])
{
	int err = TF_EINTERNAL;
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	if (kctx == NULL)
		goto out;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)master, CRYPTO_KEY_BYTES),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)crypto_hkdf_salt,
		                                  sizeof(crypto_hkdf_salt) - 1),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, strlen(info)),
		OSSL_PARAM_construct_end(),
	};
	if (EVP_KDF_derive(kctx, out, CRYPTO_KEY_BYTES, params) == 1)
		err = TF_OK;
out:
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	return err;
}

static int crypto_derive(const unsigned char *master, struct crypto_key *k)
{
	unsigned char mac[32];
	int err = crypto_hkdf(master, crypto_info_enc, k->enc);
	if (!err)
		err = crypto_hkdf(master, crypto_info_hash, k->hash);
	if (!err)
		err = crypto_hmac_sha256(master, CRYPTO_KEY_BYTES, crypto_id_label, sizeof(crypto_id_label) - 1, mac);
	if (!err)
		memcpy(k->id, mac, CRYPTO_KEY_ID_LEN);
	OPENSSL_cleanse(mac, sizeof(mac));
	return err;
}

/* One key of the spec, s[0..n) without blanks: 64 hex digits or base64(url) of 32 bytes. */
static bool crypto_parse_master(const char *s, size_t n, unsigned char master[CRYPTO_KEY_BYTES])
{
	if (n == 2 * CRYPTO_KEY_BYTES) {
		bool hex = true;
		for (size_t i = 0; i < n && hex; i++) {
			int hi = OPENSSL_hexchar2int((unsigned char)s[i]);
			if (hi < 0)
				hex = false;
			else if (i % 2 == 0)
				master[i / 2] = (unsigned char)(hi << 4);
			else
				master[i / 2] |= (unsigned char)hi;
		}
		if (hex)
			return true;
	}
	size_t got = 0;
	if (b64_decode_mem(s, n, false, master, CRYPTO_KEY_BYTES, &got) == TF_OK && got == CRYPTO_KEY_BYTES)
		return true;
	if (b64_decode_mem(s, n, true, master, CRYPTO_KEY_BYTES, &got) == TF_OK && got == CRYPTO_KEY_BYTES)
		return true;
	return false;
}

static bool crypto_is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

int crypto_init(struct crypto *c, const char *key_spec, char *err, size_t errlen)
{
	unsigned char master[CRYPTO_KEY_BYTES];
	int rc = TF_ECONFIG;
	char dummy[1];
	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	memset(c, 0, sizeof(*c));

	const char *p = key_spec ? key_spec : "";
	const char *q = p;
	while (crypto_is_blank(*q))
		q++;
	if (*q == '\0') {
		snprintf(err, errlen, CRYPTO_VAR " is empty: set it to a key from `terminfon keygen`");
		goto fail;
	}
	for (size_t idx = 1;; idx++) {
		const char *end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		const char *a = p, *b = end;
		while (a < b && crypto_is_blank(*a))
			a++;
		while (b > a && crypto_is_blank(b[-1]))
			b--;
		if (a == b) {
			snprintf(err, errlen, CRYPTO_VAR ": key %zu is empty (stray comma?)", idx);
			goto fail;
		}
		if (c->nkeys == CRYPTO_MAX_KEYS) {
			snprintf(err, errlen, CRYPTO_VAR ": more than %d keys", CRYPTO_MAX_KEYS);
			goto fail;
		}
		if (!crypto_parse_master(a, (size_t)(b - a), master)) {
			snprintf(err, errlen, CRYPTO_VAR ": key %zu is neither 64 hex digits nor base64 of 32 bytes", idx);
			goto fail;
		}
		unsigned char any = 0;
		for (size_t i = 0; i < sizeof(master); i++)
			any |= master[i];
		if (any == 0) {
			snprintf(err, errlen, CRYPTO_VAR ": key %zu is all zeros, a placeholder", idx);
			goto fail;
		}
		struct crypto_key *k = &c->keys[c->nkeys];
		if (crypto_derive(master, k) != TF_OK) {
			snprintf(err, errlen, CRYPTO_VAR ": key derivation failed in OpenSSL");
			rc = TF_EINTERNAL;
			goto fail;
		}
		for (size_t j = 0; j < c->nkeys; j++) {
			if (memcmp(c->keys[j].id, k->id, CRYPTO_KEY_ID_LEN) == 0) {
				snprintf(err, errlen, CRYPTO_VAR ": key %zu repeats key %zu", idx, j + 1);
				goto fail;
			}
		}
		c->nkeys++;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	OPENSSL_cleanse(master, sizeof(master));
	return TF_OK;
fail:
	OPENSSL_cleanse(master, sizeof(master));
	crypto_free(c);
	return rc;
}

void crypto_free(struct crypto *c)
{
	if (c)
		OPENSSL_cleanse(c, sizeof(*c));
}

size_t crypto_key_count(const struct crypto *c)
{
	return c->nkeys;
}

/* Drops what a failed seal or open appended, wiping it first. */
static void crypto_rollback(struct buf *out, size_t start)
{
	if (out->data == NULL || out->len < start)
		return;
	OPENSSL_cleanse(out->data + start, out->len - start);
	out->len = start;
	out->data[start] = '\0';
}

/* AAD: version and key id (fixed length) followed by the column name. */
static int crypto_set_aad(EVP_CIPHER_CTX *ctx, bool enc, const unsigned char *head, const char *aad)
{
	int l = 0;
	size_t alen = aad ? strlen(aad) : 0;
	if (alen > CRYPTO_MAX_TEXT)
		return 0;
	if (enc) {
		if (EVP_EncryptUpdate(ctx, NULL, &l, head, CRYPTO_HEAD_LEN) != 1)
			return 0;
		return alen == 0 || EVP_EncryptUpdate(ctx, NULL, &l, (const unsigned char *)aad, (int)alen) == 1;
	}
	if (EVP_DecryptUpdate(ctx, NULL, &l, head, CRYPTO_HEAD_LEN) != 1)
		return 0;
	return alen == 0 || EVP_DecryptUpdate(ctx, NULL, &l, (const unsigned char *)aad, (int)alen) == 1;
}

int crypto_seal(const struct crypto *c, const void *pt, size_t n, const char *aad, struct buf *out)
{
	if (c->nkeys == 0)
		return TF_EINVAL;
	if (n > CRYPTO_MAX_TEXT)
		return TF_ELIMIT;
	const struct crypto_key *k = &c->keys[0];
	unsigned char pre[CRYPTO_PRE_LEN];
	pre[0] = CRYPTO_VERSION;
	memcpy(pre + 1, k->id, CRYPTO_KEY_ID_LEN);
	if (RAND_bytes(pre + CRYPTO_HEAD_LEN, CRYPTO_NONCE_LEN) != 1)
		return TF_EINTERNAL;

	size_t start = out->len;
	EVP_CIPHER_CTX *ctx = NULL;
	unsigned char tag[CRYPTO_TAG_LEN];
	int err = buf_append(out, pre, sizeof(pre));
	/* The plain text is copied in and then encrypted in place, so the buffer
	 * only grows once; a failure wipes it again. */
	if (!err)
		err = buf_append(out, pt, n);
	if (err)
		goto fail;
	err = TF_EINTERNAL;
	unsigned char *dst = (unsigned char *)out->data + start + CRYPTO_PRE_LEN;
	int l = 0, l2 = 0;
	ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL
	    || EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, k->enc, pre + CRYPTO_HEAD_LEN) != 1
	    || !crypto_set_aad(ctx, true, pre, aad)
	    || EVP_EncryptUpdate(ctx, dst, &l, dst, (int)n) != 1
	    || EVP_EncryptFinal_ex(ctx, dst + l, &l2) != 1
	    || (size_t)l + (size_t)l2 != n
	    || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, CRYPTO_TAG_LEN, tag) != 1)
		goto fail;
	err = buf_append(out, tag, sizeof(tag));
	if (err)
		goto fail;
	EVP_CIPHER_CTX_free(ctx);
	return TF_OK;
fail:
	EVP_CIPHER_CTX_free(ctx);
	crypto_rollback(out, start);
	return err;
}

static const struct crypto_key *crypto_find(const struct crypto *c, const unsigned char *id)
{
	for (size_t i = 0; i < c->nkeys; i++) {
		if (memcmp(c->keys[i].id, id, CRYPTO_KEY_ID_LEN) == 0)
			return &c->keys[i];
	}
	return NULL;
}

int crypto_open(const struct crypto *c, const void *blob, size_t n, const char *aad, struct buf *out)
{
	const unsigned char *b = blob;
	if (b == NULL || n < CRYPTO_OVERHEAD || b[0] != CRYPTO_VERSION)
		return TF_EINVAL;
	if (n - CRYPTO_OVERHEAD > CRYPTO_MAX_TEXT)
		return TF_ELIMIT;
	const struct crypto_key *k = crypto_find(c, b + 1);
	if (k == NULL)
		return TF_EAUTH;

	size_t ctlen = n - CRYPTO_OVERHEAD;
	unsigned char tag[CRYPTO_TAG_LEN];
	memcpy(tag, b + n - CRYPTO_TAG_LEN, CRYPTO_TAG_LEN);
	size_t start = out->len;
	EVP_CIPHER_CTX *ctx = NULL;
	int err = buf_append(out, b + CRYPTO_PRE_LEN, ctlen);
	if (err)
		goto fail;
	err = TF_EINTERNAL;
	unsigned char *dst = (unsigned char *)out->data + start;
	int l = 0, l2 = 0;
	ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL
	    || EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, k->enc, b + CRYPTO_HEAD_LEN) != 1
	    || !crypto_set_aad(ctx, false, b, aad)
	    || EVP_DecryptUpdate(ctx, dst, &l, dst, (int)ctlen) != 1
	    || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, CRYPTO_TAG_LEN, tag) != 1)
		goto fail;
	if (EVP_DecryptFinal_ex(ctx, dst + l, &l2) != 1) {
		err = TF_EAUTH;
		goto fail;
	}
	EVP_CIPHER_CTX_free(ctx);
	return TF_OK;
fail:
	EVP_CIPHER_CTX_free(ctx);
	crypto_rollback(out, start);
	return err;
}

bool crypto_is_current(const struct crypto *c, const void *blob, size_t n)
{
	const unsigned char *b = blob;
	return c->nkeys > 0 && b != NULL && n >= CRYPTO_OVERHEAD && b[0] == CRYPTO_VERSION
	       && memcmp(b + 1, c->keys[0].id, CRYPTO_KEY_ID_LEN) == 0;
}

static bool crypto_is_phone_sep(char ch)
{
	return ch == ' ' || ch == '-' || ch == '/' || ch == '(' || ch == ')';
}

int crypto_phone_normalize(const char *in, char *out, size_t outlen)
{
	if (in == NULL || outlen == 0)
		return TF_EINVAL;
	/* Phone-like: digits and separators, with at most one '+' before the first digit. */
	bool phone = true, digit_seen = false, plus_seen = false;
	for (const char *p = in; *p && phone; p++) {
		if (*p >= '0' && *p <= '9')
			digit_seen = true;
		else if (*p == '+' && !digit_seen && !plus_seen)
			plus_seen = true;
		else if (!crypto_is_phone_sep(*p))
			phone = false;
	}
	size_t len = 0;
	if (!phone) {
		len = strlen(in);
		if (len >= outlen)
			return TF_ELIMIT;
		memcpy(out, in, len + 1);
		return len > 0 ? TF_OK : TF_EINVAL;
	}
	for (const char *p = in; *p; p++) {
		/* "+49 (0)151 ...": the trunk zero in brackets is not dialled from abroad. */
		if (strncmp(p, "(0)", 3) == 0 && len > 0 && out[0] == '+') {
			p += 2;
			continue;
		}
		if (crypto_is_phone_sep(*p))
			continue;
		if (len + 1 >= outlen)
			return TF_ELIMIT;
		out[len++] = *p;
		out[len] = '\0';
		if (len == 2 && out[0] == '0' && out[1] == '0') {
			out[0] = '+';  /* international prefix 00 */
			len = 1;
		}
	}
	out[len] = '\0';
	return digit_seen ? TF_OK : TF_EINVAL;
}

int crypto_hash_phone_with(const struct crypto *c, size_t key_index, const char *e164, char out[65])
{
	char norm[256];
	unsigned char mac[32];
	if (key_index >= c->nkeys)
		return TF_EINVAL;
	int err = crypto_phone_normalize(e164, norm, sizeof(norm));
	if (err)
		return err;
	err = crypto_hmac_sha256(c->keys[key_index].hash, CRYPTO_KEY_BYTES, norm, strlen(norm), mac);
	if (err)
		return err;
	for (size_t i = 0; i < sizeof(mac); i++) {
		out[2 * i] = crypto_hex[mac[i] >> 4];
		out[2 * i + 1] = crypto_hex[mac[i] & 0x0f];
	}
	out[64] = '\0';
	return TF_OK;
}

int crypto_hash_phone(const struct crypto *c, const char *e164, char out[65])
{
	return crypto_hash_phone_with(c, 0, e164, out);
}

int crypto_random_key(char out[65])
{
	unsigned char key[CRYPTO_KEY_BYTES];
	if (RAND_priv_bytes(key, sizeof(key)) != 1)
		return TF_EINTERNAL;
	for (size_t i = 0; i < sizeof(key); i++) {
		out[2 * i] = crypto_hex[key[i] >> 4];
		out[2 * i + 1] = crypto_hex[key[i] & 0x0f];
	}
	out[64] = '\0';
	OPENSSL_cleanse(key, sizeof(key));
	return TF_OK;
}
