/* jwt.h: HS256 tokens for the admin API (with scope claims) and RS256 assertions for Google's service-account OAuth flow. */
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

/* What an admin token may do: "stats" (the dashboard's figures) or "admin"
 * (everything); NONE when the token carries no "scope" claim. */
enum jwt_scope { JWT_SCOPE_NONE, JWT_SCOPE_STATS, JWT_SCOPE_ADMIN };

#define JWT_MAX_SUBJECT 128   /* bytes of "sub", NUL included */
#define JWT_MAX_ID      65    /* bytes of "jti", NUL included */
#define JWT_MAX_STUDIO  65    /* bytes of "studio" (a studio's slug), NUL included */

/* The claims of an admin token. Strings are "" when the claim is absent. */
struct jwt_claims {
	char sub[JWT_MAX_SUBJECT];
	char jti[JWT_MAX_ID];         /* the token's id, for revocation */
	enum jwt_scope scope;
	char studio[JWT_MAX_STUDIO];  /* "": every studio */
	long exp;                     /* set by verify */
};

/* "stats", "admin", or "" for NONE and values out of range. */
const char *jwt_scope_name(enum jwt_scope scope);
/* TF_EINVAL (and *out NONE) for anything but "stats" and "admin". */
int jwt_scope_parse(const char *name, enum jwt_scope *out);

/* As jwt_hs256_mint, for c->sub, adding "jti", "scope" and "studio" when they
 * are set (exp is ignored). TF_EINVAL also when jti or studio hold anything
 * but letters, digits, '-' and '_', or the scope is out of range. */
int jwt_hs256_mint_claims(const char *secret, const struct jwt_claims *c, long ttl_seconds, long now, struct buf *out);

/* As jwt_hs256_verify, and reads the claims into *out: "sub" (required),
 * "jti", "scope" and "studio" (each optional), and "exp". TF_EAUTH also when
 * one of them is present but not a string, too long, a "scope" other than
 * "stats" or "admin", or a "jti" or "studio" with anything but letters,
 * digits, '-' and '_'. *out is all zero after any failure. The meaning of
 * an absent scope is the caller's to decide. */
int jwt_hs256_verify_claims(const char *secret, const char *token, size_t len, long now, struct jwt_claims *out);

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
