/* app.h: what a worker holds (its database connection, keys, configuration)
 * and the request and response every handler sees. Handlers fill the response;
 * only the adapter (fcgi.c) writes to the stream. */
#ifndef TERMINFON_APP_H
#define TERMINFON_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "crypto.h"
#include "form.h"
#include "jwt.h"
#include "store.h"

struct app {
	const struct config *cfg;
	struct crypto crypto;
	struct store *store;       /* one connection per worker process */
};

struct http_request {
	struct arena *arena;       /* everything of this request, freed after it */
	const char *method;
	const char *uri;           /* REQUEST_URI as sent: path and query */
	const char *path;          /* without the query */
	const char *query;         /* "" when none */
	const char *scheme, *host; /* for the signed URL */
	const char *content_type;
	const char *remote_addr;
	const char *twilio_signature;
	const char *authorization;
	const char *webhook_secret; /* X-Terminfon-Webhook-Secret (Dialogflow CX) */
	const char *idempotency_token; /* I-Twilio-Idempotency-Token, NULL when absent or malformed */
	const char *if_none_match; /* If-None-Match, NULL when absent */
	const char *body;
	size_t body_len;
	bool body_too_large;
	struct form form;          /* the parsed body of form routes */
	struct form query_form;    /* the parsed query string */
	const char *path_id;       /* the {id} of /leads/{id}/... */
	const char *subject;       /* admin token's subject after the guard */
	const char *token_id;      /* its id ("jti"), as the audit log names it */
	enum jwt_scope token_scope; /* JWT_SCOPE_STATS or JWT_SCOPE_ADMIN after the guard */
	int64_t token_studio_id;   /* the one studio the token is limited to; 0: every studio */
	char request_id[20];
	long long start_us;
};

struct http_response {
	int status;
	const char *content_type;
	const char *body;          /* arena memory */
	size_t body_len;
	const char *allow;         /* Allow header of a 405 */
	const char *etag;          /* ETag header, NULL: none */
	const char *cache_control; /* NULL: "no-store" */
	const char *error;         /* for the access log, never sent to callers as is */
	const char *message;       /* the {"error": ...} sentence of a failed handler (http_fail), NULL: none */
	const char *call_sid;      /* for the access log */
	const char *from;          /* caller's number, masked before it is logged */
};

/* Response helpers (router.c). They copy into the request's arena. */
int http_text(struct http_request *req, struct http_response *res, int status, const char *type, const char *body, size_t len);
int http_json(struct http_request *req, struct http_response *res, int status, void *cjson /* consumed */);
/* A handler's failure with the sentence the caller is told: returns err,
 * and the router answers {"error": message} with the HTTP status it maps
 * err to (handlers never pick an error status). message is copied; NULL or
 * "" keeps the sentence given before, or the router's default for err. */
int http_fail(struct http_request *req, struct http_response *res, int err, const char *message);
/* The query string parses (the adapter leaves a malformed one unparsed) and
 * holds only `names` (NULL-terminated), each at most once; TF_EINVAL with
 * the sentence (http_fail) otherwise. */
int http_check_query(struct http_request *req, struct http_response *res, const char *const *names);
/* Renders and frees a TwiML document into a 200 text/xml response. */
struct twiml;
int http_twiml(struct http_request *req, struct http_response *res, struct twiml *doc);

/* The router: answers one request. Never fails: every error becomes a response. */
void router_handle(struct app *app, struct http_request *req, struct http_response *res);
/* Route names for the metrics table. */
int router_route_names(const char *const **names);

/* Worker life (worker.c). */
int app_worker_init(struct app *app, const struct config *cfg);
void app_worker_close(struct app *app);
/* For a subcommand: app_worker_init, saying on stderr when the database
 * cannot be opened. Returns 0, or 1 (the exit status) on failure. */
int app_cli_open(struct app *app, const struct config *cfg);

#endif
