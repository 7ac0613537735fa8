/* fcgi.c: the FastCGI adapter, the one file that includes fcgiapp.h. It copies
 * what a request needs out of libfcgi's params, reads the body with a cap,
 * hands the request to the router and writes the response once. */
#include "fcgi.h"
#include "app.h"
#include "clock.h"
#include "err.h"
#include "tf_limits.h"
#include "log.h"

#include <errno.h>
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *param(struct arena *a, FCGX_ParamArray envp, const char *name)
{
	const char *v = FCGX_GetParam(name, envp);
	return arena_strdup(a, v ? v : "");
}

static const char *param_or_null(struct arena *a, FCGX_ParamArray envp, const char *name)
{
	const char *v = FCGX_GetParam(name, envp);
	return v ? arena_strdup(a, v) : NULL;
}

static const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "OK";
	}
}

/* Reads the body; past TF_MAX_BODY the rest is drained and the request marked. */
static int read_body(FCGX_Request *fr, struct http_request *req)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	long want = 0;
	if (cl && *cl) {
		char *end;
		errno = 0;
		want = strtol(cl, &end, 10);
		if (errno || *end != '\0' || want < 0)
			want = 0;
	}
	size_t cap = want > 0 && want <= TF_MAX_BODY ? (size_t)want : TF_MAX_BODY;
	char *body = arena_alloc(req->arena, cap + 1);
	if (body == NULL)
		return TF_ENOMEM;
	size_t len = 0;
	for (;;) {
		int n = FCGX_GetStr(body + len, (int)(cap - len), fr->in);
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len == cap) {
			char drain[4096];
			if (FCGX_GetStr(drain, sizeof(drain), fr->in) > 0) {
				req->body_too_large = true;
				while (FCGX_GetStr(drain, sizeof(drain), fr->in) > 0)
					;
			}
			break;
		}
	}
	body[len] = '\0';
	req->body = body;
	req->body_len = len;
	return TF_OK;
}

static void request_id(char *out, size_t n)
{
	static unsigned long counter;
	snprintf(out, n, "%x-%lx", (unsigned)getpid(), ++counter);
}

static void handle(struct app *app, FCGX_Request *fr, struct arena *arena)
{
	struct http_request req;
	struct http_response res;
	memset(&req, 0, sizeof(req));
	memset(&res, 0, sizeof(res));
	req.arena = arena;
	req.start_us = clock_mono_us();
	request_id(req.request_id, sizeof(req.request_id));

	req.method = param(arena, fr->envp, "REQUEST_METHOD");
	req.uri = param(arena, fr->envp, "REQUEST_URI");
	req.content_type = param_or_null(arena, fr->envp, "CONTENT_TYPE");
	req.remote_addr = param(arena, fr->envp, "REMOTE_ADDR");
	req.twilio_signature = param_or_null(arena, fr->envp, "HTTP_X_TWILIO_SIGNATURE");
	req.authorization = param_or_null(arena, fr->envp, "HTTP_AUTHORIZATION");
	req.webhook_secret = param_or_null(arena, fr->envp, "HTTP_X_TERMINFON_WEBHOOK_SECRET");
	req.host = param(arena, fr->envp, "HTTP_HOST");
	const char *scheme = FCGX_GetParam("REQUEST_SCHEME", fr->envp);
	const char *https = FCGX_GetParam("HTTPS", fr->envp);
	req.scheme = scheme && *scheme ? arena_strdup(arena, scheme) : (https && *https && strcmp(https, "off") ? "https" : "http");

	const char *q = req.uri ? strchr(req.uri, '?') : NULL;
	req.path = q ? arena_strndup(arena, req.uri, (size_t)(q - req.uri)) : req.uri;
	req.query = q ? q + 1 : "";

	int err = TF_OK;
	if (!req.method || !req.uri || !req.path || !req.remote_addr || !req.host || !req.scheme)
		err = TF_ENOMEM;
	if (err == TF_OK)
		err = read_body(fr, &req);
	if (err == TF_OK && *req.query && form_parse(arena, req.query, strlen(req.query), &req.query_form) != TF_OK)
		req.query_form.n = 0;  /* routes that need a query check it themselves */

	log_set_context(req.request_id, NULL);
	if (err == TF_OK) {
		router_handle(app, &req, &res);
	} else {
		res.status = 500;
		res.content_type = "application/json";
		res.body = "{\"error\":\"out of memory\"}";
		res.body_len = strlen(res.body);
	}

	/* libfcgi's own printf knows few conversions: format here, write raw. */
	char head[512];
	int hn = snprintf(head, sizeof(head),
	                  "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nCache-Control: no-store\r\n%s%s%s",
	                  res.status, status_text(res.status), res.content_type ? res.content_type : "text/plain",
	                  res.body_len, res.allow ? "Allow: " : "", res.allow ? res.allow : "", res.allow ? "\r\n" : "");
	if (hn > 0 && (size_t)hn < sizeof(head))
		FCGX_PutStr(head, hn, fr->out);
	FCGX_PutS("\r\n", fr->out);
	if (res.body_len && strcmp(req.method ? req.method : "", "HEAD") != 0)
		FCGX_PutStr(res.body, (int)res.body_len, fr->out);

	char masked[40] = "";
	if (res.from)
		log_mask_phone(res.from, masked, sizeof(masked));
	log_request(req.method ? req.method : "-", req.path ? req.path : "-", res.status,
	            clock_mono_us() - req.start_us, res.call_sid, masked, res.error);
	log_clear_context();
}

int fcgi_init(void)
{
	return FCGX_Init() == 0 ? TF_OK : TF_EIO;
}

int fcgi_worker_run(struct app *app, int listen_fd, volatile sig_atomic_t *stop)
{
	FCGX_Request fr;
	if (FCGX_InitRequest(&fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return TF_EIO;
	struct arena arena;
	arena_init(&arena, TF_MAX_REQUEST_ARENA);
	int err = TF_OK;
	while (!*stop) {
		int rc = FCGX_Accept_r(&fr);
		if (rc < 0) {
			if (*stop || errno == EINTR)
				continue;
			log_error("accept failed", "error", strerror(errno));
			err = TF_EIO;
			break;
		}
		handle(app, &fr, &arena);
		FCGX_Finish_r(&fr);
		arena_reset(&arena);
	}
	FCGX_Free(&fr, 1);
	arena_free(&arena);
	return err;
}
