/* jwt.h: HS256 tokens for the admin API and RS256 assertions for Google's service-account OAuth flow. */
#ifndef TERMINFON_JWT_H
#define TERMINFON_JWT_H

#include <stddef.h>

struct buf;

#define JWT_MAX_TOKEN      4096  /* longer tokens are refused unread */
#define JWT_IAT_LEEWAY     60    /* seconds an issuer's clock may run ahead */

/* Mints a token with header {"alg":"HS256","typ":"JWT"} and claims
 * {"sub":subject,"iat":now,"exp":now+ttl_seconds} and appends it to out.
 * TF_EINVAL on an empty secret or subject or a ttl <= 0; the buf's
 * TF_ELIMIT/TF_ENOMEM; out keeps its earlier content on failure. */
int jwt_hs256_mint(const char *secret, const char *subject, long ttl_seconds, long now, struct buf *out);

/* Checks token[0..len) (need not be NUL-terminated) and copies its "sub"
 * claim into subject (sublen bytes, NUL included; subject may be NULL when
 * sublen is 0). TF_ELIMIT when len > JWT_MAX_TOKEN. TF_EAUTH when the token
 * is not three base64url parts, the header is not a JSON object whose "alg"
 * is exactly "HS256" or it has "crit", the signature is wrong (compared in
 * constant time), the claims are not a JSON object, "exp" is missing, not a
 * number or <= now, "nbf" is > now, "iat" is > now + JWT_IAT_LEEWAY, or
 * "sub" is missing, not a string or longer than sublen - 1. TF_EINVAL on an
 * empty secret. subject is "" after any failure. */
int jwt_hs256_verify(const char *secret, const char *token, size_t len, long now, char *subject, size_t sublen);

/* Signs claims_json (used byte for byte) with the RSA private key in
 * pem_private_key (PKCS#8 or PKCS#1 PEM, as in a service-account key file)
 * under the header {"alg":"RS256","typ":"JWT"}, plus "kid":kid_or_null when
 * it is not NULL, and appends header.claims.signature to out. RSASSA-PKCS1-v1_5
 * with SHA-256 is deterministic: the same key, kid and claims give the same
 * bytes. TF_EINVAL when the PEM does not hold an RSA private key or
 * claims_json is NULL; TF_EINTERNAL when OpenSSL fails; the buf's errors;
 * out keeps its earlier content on failure. */
int jwt_rs256_sign(const char *pem_private_key, const char *kid_or_null, const char *claims_json, struct buf *out);

#endif
