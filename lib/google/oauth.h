/* oauth.h: Google service-account OAuth (RFC 7523 JWT bearer grant): the key
 * file, the signed assertion, the token exchange, and one access token cached
 * for all workers of a supervisor. */
#ifndef TERMINFON_OAUTH_H
#define TERMINFON_OAUTH_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

#define OAUTH_SCOPE              "https://www.googleapis.com/auth/cloud-platform"
#define OAUTH_DEFAULT_TOKEN_URI  "https://oauth2.googleapis.com/token"
#define OAUTH_GRANT_TYPE         "urn:ietf:params:oauth:grant-type:jwt-bearer"
#define OAUTH_ASSERTION_LIFETIME 3600    /* seconds; Google caps it at one hour */
#define OAUTH_TOKEN_MAX          4096    /* an access token longer than this is refused */
#define OAUTH_REFRESH_MARGIN_S   300     /* fetch a new token this long before the old one expires */
#define OAUTH_MIN_LEFT_S         30      /* an old token is still handed out with this much life left */
#define OAUTH_RETRY_AFTER_MS     5000    /* after a failed fetch, no worker tries again before this */
#define OAUTH_KEY_FILE_MAX       (64 * 1024)

/* What terminfon needs of a service-account key file. The strings are
 * malloc'd copies owned by the struct (oauth_key_free wipes private_key). */
struct oauth_key {
	char *client_email;
	char *private_key;       /* PEM, PKCS#8 or PKCS#1; secret */
	char *private_key_id;    /* the JWT "kid"; NULL when the file has none */
	char *token_uri;
	char *project_id;        /* NULL when the file has none */
};

/* Parses a key file's JSON and checks it: "type" (when present) is
 * "service_account", "client_email" is set, "private_key" holds an RSA key of
 * at least 2048 bits that OpenSSL can sign with, "token_uri" (default
 * OAUTH_DEFAULT_TOKEN_URI) is https, or http to a loopback address (tests).
 * On failure returns TF_ECONFIG, writes the problem (never key material) into
 * err and leaves *key empty. TF_ENOMEM. */
int oauth_key_parse(const char *json, size_t len, struct oauth_key *key, char *err, size_t errlen);
/* Reads the file at path (at most OAUTH_KEY_FILE_MAX bytes) and parses it; the
 * error line names GOOGLE_APPLICATION_CREDENTIALS and the path. */
int oauth_key_load(const char *path, struct oauth_key *key, char *err, size_t errlen);
void oauth_key_free(struct oauth_key *key);

/* Appends the signed assertion for the key to out: header
 * {"alg":"RS256","typ":"JWT","kid":private_key_id}, claims
 * {"iss":client_email,"scope":scope,"aud":token_uri,"iat":now,"exp":now+3600}
 * in that order, so that the same key and time give the same bytes. Errors of
 * jwt_rs256_sign; out keeps its content on failure. */
int oauth_assertion(const struct oauth_key *key, const char *scope, long now, struct buf *out);

/* Reads a token endpoint's JSON answer: "access_token" (printable ASCII
 * without blanks, shorter than toklen) and "expires_in" (a number or a
 * numeric string; 3600 when absent; clamped to 60..86400). A "token_type"
 * other than Bearer is refused. TF_EUPSTREAM on anything else; token is ""
 * then. */
int oauth_parse_token(const char *body, size_t len, char *token, size_t toklen, long *expires_in);

/* Maps the token cache into memory shared with the processes forked after
 * this call (the supervisor calls it once before it forks its workers).
 * Without it each process caches its own token. TF_ENOMEM when mmap fails;
 * the process-local cache stays in use then. */
int oauth_init_shared(void);

/* A process's client: the key and a kept-alive connection to token_uri. */
struct oauth;

/* Copies the key into a new client. Creates no connection yet. TF_ENOMEM. */
int oauth_open(struct oauth **out, const struct oauth_key *key);
void oauth_close(struct oauth *o);

/* Copies a valid access token into token (toklen bytes, at least
 * OAUTH_TOKEN_MAX). Served from the shared cache while it has more than
 * OAUTH_REFRESH_MARGIN_S (or half its life) to live. Otherwise one process fetches a new one
 * (the others wait for it until deadline_us, on the monotonic clock of
 * clock_mono_us, or go on with the old token while it still lives). After a
 * failed fetch nobody tries again for OAUTH_RETRY_AFTER_MS and callers get
 * the error at once. TF_ETIMEOUT when the deadline passed, TF_EAUTH when the
 * token endpoint refused the assertion (4xx), TF_EUPSTREAM for other
 * failures of the endpoint or the network, TF_ENOMEM, TF_EINTERNAL. */
int oauth_token(struct oauth *o, long long deadline_us, char *token, size_t toklen);

/* The API refused this token (HTTP 401): it leaves the shared cache unless a
 * newer one replaced it already, so the next oauth_token fetches anew. */
void oauth_invalidate(struct oauth *o, const char *token);

/* Tokens fetched successfully by all processes sharing the cache. */
unsigned long oauth_fetch_count(void);

#endif
