/* twsig.c: Twilio request signatures (HMAC-SHA1 over URL and sorted fields) with OpenSSL. */
#include "twsig.h"

#include "arena.h"
#include "err.h"
#include "form.h"
#include "tf_limits.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TWSIG_SHA1_LEN 20
#define TWSIG_SHA256_HEX 64

/* ---- the URL Twilio signed ---- */

static bool twsig_host_ok(const char *h)
{
	if (h == NULL || h[0] == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *)h; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
			  *p == '~' || *p == ':' || *p == '[' || *p == ']';
		if (!ok)
			return false;
	}
	return true;
}

/* No blanks, no control characters; bytes >= 0x80 pass (raw UTF-8 in a path). */
static bool twsig_printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return false;
	return true;
}

int twsig_url(struct arena *a, const char *base_url, const char *scheme, const char *host,
	      const char *request_uri, char **out)
{
	*out = NULL;
	if (request_uri == NULL || request_uri[0] != '/' || !twsig_printable(request_uri))
		return TF_EINVAL;
	size_t ulen = strlen(request_uri);

	if (base_url != NULL && base_url[0] != '\0') {
		size_t blen = strlen(base_url);
		while (blen > 0 && base_url[blen - 1] == '/')
			blen--;
		if (blen == 0 || !twsig_printable(base_url))
			return TF_EINVAL;
		if (blen > TF_MAX_URL || ulen > TF_MAX_URL - blen)
			return TF_ELIMIT;
		char *u = arena_alloc(a, blen + ulen + 1);
		if (u == NULL)
			return TF_ENOMEM;
		memcpy(u, base_url, blen);
		memcpy(u + blen, request_uri, ulen + 1);
		*out = u;
		return TF_OK;
	}

	if (scheme == NULL || (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
		return TF_EINVAL;
	if (!twsig_host_ok(host))
		return TF_EINVAL;
	size_t slen = strlen(scheme), hlen = strlen(host);
	if (hlen > TF_MAX_URL || ulen > TF_MAX_URL - hlen || slen + 3 > TF_MAX_URL - hlen - ulen)
		return TF_ELIMIT;
	char *u = arena_printf(a, "%s://%s%s", scheme, host, request_uri);
	if (u == NULL)
		return TF_ENOMEM;
	*out = u;
	return TF_OK;
}

/* ---- HMAC ---- */

static int twsig_cmp_field(const void *pa, const void *pb)
{
	const struct form_field *a = *(const struct form_field *const *)pa;
	const struct form_field *b = *(const struct form_field *const *)pb;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->value, b->value);
}

/* The fields of params sorted by name, then value; *sorted is malloc'd (NULL
 * when there are none). */
static int twsig_sort(const struct form *params, const struct form_field ***sorted, size_t *n)
{
	*sorted = NULL;
	*n = 0;
	if (params == NULL || params->n == 0)
		return TF_OK;
	if (params->n > SIZE_MAX / sizeof(**sorted))
		return TF_ENOMEM;
	const struct form_field **v = malloc(params->n * sizeof(*v));
	if (v == NULL)
		return TF_ENOMEM;
	for (size_t i = 0; i < params->n; i++)
		v[i] = &params->fields[i];
	qsort(v, params->n, sizeof(*v), twsig_cmp_field);
	*sorted = v;
	*n = params->n;
	return TF_OK;
}

/* base64(HMAC-SHA1(token, url[0..ulen) + sorted fields without repeats)). */
static int twsig_compute(const char *token, const char *url, size_t ulen,
			 const struct form_field *const *f, size_t n, char out[TWSIG_LEN + 1])
{
	int err = TF_EINTERNAL;
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	if (ctx == NULL) {
		err = TF_ENOMEM;
		goto out;
	}
	OSSL_PARAM prm[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA1", 0),
		OSSL_PARAM_construct_end(),
	};
	if (!EVP_MAC_init(ctx, (const unsigned char *)token, strlen(token), prm))
		goto out;
	if (!EVP_MAC_update(ctx, (const unsigned char *)url, ulen))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && twsig_cmp_field(&f[i - 1], &f[i]) == 0)
			continue;
		if (!EVP_MAC_update(ctx, (const unsigned char *)f[i]->name, strlen(f[i]->name)) ||
		    !EVP_MAC_update(ctx, (const unsigned char *)f[i]->value, strlen(f[i]->value)))
			goto out;
	}
	unsigned char md[EVP_MAX_MD_SIZE];
	size_t mdlen = 0;
	if (!EVP_MAC_final(ctx, md, &mdlen, sizeof(md)) || mdlen != TWSIG_SHA1_LEN)
		goto out;
	if (EVP_EncodeBlock((unsigned char *)out, md, (int)mdlen) != TWSIG_LEN)
		goto out;
	out[TWSIG_LEN] = '\0';
	err = TF_OK;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	if (err)
		memset(out, 0, TWSIG_LEN + 1);
	return err;
}

int twsig_sign(const char *auth_token, const char *url, const struct form *params,
	       char out[TWSIG_LEN + 1])
{
	memset(out, 0, TWSIG_LEN + 1);
	if (auth_token == NULL || auth_token[0] == '\0' || url == NULL)
		return TF_EINVAL;
	const struct form_field **sorted;
	size_t n;
	int err = twsig_sort(params, &sorted, &n);
	if (err)
		return err;
	err = twsig_compute(auth_token, url, strlen(url), sorted, n, out);
	free(sorted);
	return err;
}

/* ---- checking, with the port variants ---- */

/* Writes into alt (cap bytes) the URL with its port removed, or with the
 * scheme's default port added when it has none. False when there is no such
 * variant (not http/https, no authority) or it does not fit. */
static bool twsig_port_variant(const char *url, char *alt, size_t cap)
{
	const char *dflt;
	size_t skip;
	if (strncasecmp(url, "https://", 8) == 0) {
		dflt = ":443";
		skip = 8;
	} else if (strncasecmp(url, "http://", 7) == 0) {
		dflt = ":80";
		skip = 7;
	} else {
		return false;
	}
	const char *auth = url + skip;
	size_t alen = strcspn(auth, "/?#");
	const char *end = auth + alen;
	const char *host = auth;
	for (const char *p = auth; p < end; p++)
		if (*p == '@')
			host = p + 1;
	if (host == end)
		return false;
	const char *colon = NULL;
	if (*host == '[') {
		const char *rb = memchr(host, ']', (size_t)(end - host));
		if (rb == NULL)
			return false;
		if (rb + 1 < end && rb[1] == ':')
			colon = rb + 1;
	} else {
		for (const char *p = host; p < end; p++)
			if (*p == ':')
				colon = p;
	}
	size_t len = strlen(url);
	if (colon != NULL) {
		/* remove ":port" */
		size_t cut = (size_t)(end - colon);
		if (len - cut + 1 > cap)
			return false;
		size_t head = (size_t)(colon - url);
		memcpy(alt, url, head);
		memcpy(alt + head, end, len - head - cut + 1);
	} else {
		size_t dl = strlen(dflt), head = (size_t)(end - url);
		if (len + dl + 1 > cap)
			return false;
		memcpy(alt, url, head);
		memcpy(alt + head, dflt, dl);
		memcpy(alt + head + dl, end, len - head + 1);
	}
	return true;
}

static bool twsig_match(const char *token, const char *url, const struct form_field *const *f,
			size_t n, const char *signature)
{
	char want[TWSIG_LEN + 1];
	if (twsig_compute(token, url, strlen(url), f, n, want) != TF_OK)
		return false;
	return CRYPTO_memcmp(want, signature, TWSIG_LEN) == 0;
}

static bool twsig_check_sorted(const char *token, const char *url,
			       const struct form_field *const *f, size_t n, const char *signature)
{
	if (twsig_match(token, url, f, n, signature))
		return true;
	size_t cap = strlen(url) + 8;
	char *alt = malloc(cap);
	if (alt == NULL)
		return false;
	bool ok = twsig_port_variant(url, alt, cap) && twsig_match(token, alt, f, n, signature);
	free(alt);
	return ok;
}

static bool twsig_args_ok(const char *token, const char *url, const char *signature)
{
	return token != NULL && token[0] != '\0' && url != NULL && signature != NULL &&
	       strlen(signature) == TWSIG_LEN;
}

bool twsig_check(const char *auth_token, const char *url, const struct form *params,
		 const char *signature)
{
	if (!twsig_args_ok(auth_token, url, signature))
		return false;
	const struct form_field **sorted;
	size_t n;
	if (twsig_sort(params, &sorted, &n) != TF_OK)
		return false;
	bool ok = twsig_check_sorted(auth_token, url, sorted, n, signature);
	free(sorted);
	return ok;
}

/* The value of the first bodySHA256 query parameter, not decoded. */
static const char *twsig_body_hash_param(const char *url, size_t *len)
{
	const char *q = strchr(url, '?');
	if (q == NULL)
		return NULL;
	size_t qlen = strcspn(q + 1, "#");
	const char *p = q + 1, *end = q + 1 + qlen;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *seg_end = amp ? amp : end;
		static const char key[] = "bodySHA256=";
		size_t klen = sizeof(key) - 1;
		if ((size_t)(seg_end - p) >= klen && memcmp(p, key, klen) == 0) {
			*len = (size_t)(seg_end - p) - klen;
			return p + klen;
		}
		p = seg_end + 1;
	}
	return NULL;
}

bool twsig_check_json(const char *auth_token, const char *url, const char *body, size_t len,
		      const char *signature)
{
	if (!twsig_args_ok(auth_token, url, signature) || (body == NULL && len > 0))
		return false;
	size_t hlen = 0;
	const char *given = twsig_body_hash_param(url, &hlen);
	if (given == NULL || hlen != TWSIG_SHA256_HEX)
		return false;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	if (!EVP_Digest(body ? body : "", len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		return false;
	static const char hex[] = "0123456789abcdef";
	char want[TWSIG_SHA256_HEX];
	for (unsigned int i = 0; i < mdlen; i++) {
		want[2 * i] = hex[md[i] >> 4];
		want[2 * i + 1] = hex[md[i] & 15];
	}
	bool body_ok = CRYPTO_memcmp(want, given, TWSIG_SHA256_HEX) == 0;
	bool sig_ok = twsig_check_sorted(auth_token, url, NULL, 0, signature);
	return body_ok && sig_ok;
}
