/* twsig.h: X-Twilio-Signature, the HMAC-SHA1 Twilio puts on every webhook request. */
#ifndef TERMINFON_TWSIG_H
#define TERMINFON_TWSIG_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct form;

#define TWSIG_LEN 28  /* base64 of a 20-byte SHA-1 HMAC */

/* The URL Twilio signed for a request: base_url (trailing '/' removed) +
 * request_uri when base_url is non-empty, else scheme "://" host request_uri,
 * where host is the Host header as sent (it may carry ":port"). *out is an
 * arena string. TF_EINVAL when a needed part is NULL or ill-formed (scheme
 * other than http/https, an empty host or one with blanks, control characters
 * or URL delimiters, a request_uri not starting with '/' or holding blanks or
 * control characters); TF_ELIMIT when the result would pass TF_MAX_URL bytes;
 * TF_ENOMEM when the arena is exhausted. */
int twsig_url(struct arena *a, const char *base_url, const char *scheme, const char *host,
	      const char *request_uri, char **out);

/* Writes into out the NUL-terminated signature Twilio would send for `url`
 * and the decoded POST fields `params` (NULL = none):
 * base64(HMAC-SHA1(auth_token, url + name + value ...)) with names in byte
 * order and, per name, its distinct values in byte order.
 * TF_EINVAL for a NULL or empty token or a NULL url; TF_ENOMEM or
 * TF_EINTERNAL when OpenSSL fails. out is all zero on failure. */
int twsig_sign(const char *auth_token, const char *url, const struct form *params,
	       char out[TWSIG_LEN + 1]);

/* True when `signature` is the signature of url + params, or of the same URL
 * with its port removed (when it has one) or with the scheme's default port
 * (:443, :80) added (when it has none), as Twilio's own SDKs accept.
 * Compares in constant time. False for a NULL or empty token or signature and
 * on any internal failure. */
bool twsig_check(const char *auth_token, const char *url, const struct form *params,
		 const char *signature);

/* The variant for a raw JSON body: url must carry bodySHA256=<lower-case hex
 * SHA-256 of body[0..len)>; the HMAC covers the URL alone (with the same port
 * variants). True only when both the signature and the body hash match. */
bool twsig_check_json(const char *auth_token, const char *url, const char *body, size_t len,
		      const char *signature);

#endif
