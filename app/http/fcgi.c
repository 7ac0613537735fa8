/* fcgi.c: the FastCGI adapter, the one file that includes fcgiapp.h. It
 * accepts connections itself (so that no client can hold a worker longer than
 * TF_FCGI_READ_TIMEOUT_MS by sending a request slowly or not at all), copies
 * what a request needs out of libfcgi's params, reads the body with a cap,
 * hands the request to the router and writes the response once. */
#include "fcgi.h"
#include "app.h"
#include "clock.h"
#include "err.h"
#include "tf_limits.h"
#include "log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcgiapp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
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
	case 304: return "Not Modified";
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
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "OK";
	}
}

/* Twilio's I-Twilio-Idempotency-Token: the same on every delivery of one
 * request. Kept only when it looks like one (letters, digits, '-', '_',
 * '.', ':'; at most TF_MAX_IDEMPOTENCY_TOKEN), since it goes to the log and
 * the database as it is. */
static const char *idempotency_token(struct arena *a, FCGX_ParamArray envp)
{
	const char *v = FCGX_GetParam("HTTP_I_TWILIO_IDEMPOTENCY_TOKEN", envp);
	size_t n = v ? strlen(v) : 0;
	if (n == 0 || n > TF_MAX_IDEMPOTENCY_TOKEN)
		return NULL;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_' || *p == '.' || *p == ':'))
			return NULL;
	return arena_strdup(a, v);
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
	/* The client stopped sending (the receive timeout) or went away: the
	 * body is not all there, so the request is not served. */
	return FCGX_GetError(fr->in) != 0 ? TF_ETIMEOUT : TF_OK;
}

static void request_id(char *out, size_t n)
{
	static unsigned long counter;
	snprintf(out, n, "%x-%lx", (unsigned)getpid(), ++counter);
}

/* Serves the request libfcgi has read the params of; false when its body
 * did not arrive whole (the connection is then closed at once). */
static bool handle(struct app *app, FCGX_Request *fr, struct arena *arena)
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
	req.idempotency_token = idempotency_token(arena, fr->envp);
	req.if_none_match = param_or_null(arena, fr->envp, "HTTP_IF_NONE_MATCH");
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
	} else if (err == TF_ETIMEOUT) {
		log_warn("request body incomplete: the FastCGI client stopped sending", "path",
		         req.path ? req.path : "-");
		res.status = 400;
		res.content_type = "application/json";
		res.body = "{\"error\":\"incomplete request\"}";
		res.body_len = strlen(res.body);
	} else {
		res.status = 500;
		res.content_type = "application/json";
		res.body = "{\"error\":\"out of memory\"}";
		res.body_len = strlen(res.body);
	}

	/* libfcgi's own printf knows few conversions: format here, write raw. */
	char head[640];
	int hn = snprintf(head, sizeof(head),
	                  "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nCache-Control: %s\r\n%s%s%s%s%s%s",
	                  res.status, status_text(res.status), res.content_type ? res.content_type : "text/plain",
	                  res.body_len, res.cache_control ? res.cache_control : "no-store",
	                  res.allow ? "Allow: " : "", res.allow ? res.allow : "", res.allow ? "\r\n" : "",
	                  res.etag ? "ETag: " : "", res.etag ? res.etag : "", res.etag ? "\r\n" : "");
	if (hn > 0 && (size_t)hn < sizeof(head))
		FCGX_PutStr(head, hn, fr->out);
	FCGX_PutS("\r\n", fr->out);
	if (res.body_len && strcmp(req.method ? req.method : "", "HEAD") != 0)
		FCGX_PutStr(res.body, (int)res.body_len, fr->out);

	char masked[40] = "";
	if (res.from)
		log_mask_phone(res.from, masked, sizeof(masked));
	log_request(req.method ? req.method : "-", req.path ? req.path : "-", res.status,
	            clock_mono_us() - req.start_us, res.call_sid, masked, req.idempotency_token, res.error);
	log_clear_context();
	return err != TF_ETIMEOUT;
}

int fcgi_init(void)
{
	return FCGX_Init() == 0 ? TF_OK : TF_EIO;
}

/* FCGI_WEB_SERVER_ADDRS (the FastCGI specification; libfcgi's own accept
 * honours it too): the IPv4 addresses a TCP client may come from, separated
 * by commas; unset or empty lets every client in. */
static bool fcgi_client_allowed(const struct sockaddr_storage *sa)
{
	const char *list = getenv("FCGI_WEB_SERVER_ADDRS");
	if (list == NULL || *list == '\0' || sa->ss_family != AF_INET)
		return true;
	const struct in_addr peer = ((const struct sockaddr_in *)sa)->sin_addr;
	while (*list) {
		size_t n = strcspn(list, ",");
		char one[INET_ADDRSTRLEN];
		struct in_addr a;
		if (n < sizeof(one)) {
			memcpy(one, list, n);
			one[n] = '\0';
			if (inet_pton(AF_INET, one, &a) == 1 && a.s_addr == peer.s_addr)
				return true;
		}
		list += n;
		if (*list == ',')
			list++;
	}
	return false;
}

/* Bounds every read and write on a connection: a client that stops sending
 * (or reading) costs a worker at most the timeout. */
static bool fcgi_set_timeouts(int fd)
{
	struct timeval rcv = { .tv_sec = TF_FCGI_READ_TIMEOUT_MS / 1000,
	                       .tv_usec = (TF_FCGI_READ_TIMEOUT_MS % 1000) * 1000 };
	struct timeval snd = { .tv_sec = TF_FCGI_WRITE_TIMEOUT_MS / 1000,
	                       .tv_usec = (TF_FCGI_WRITE_TIMEOUT_MS % 1000) * 1000 };
	return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &rcv, sizeof(rcv)) == 0 &&
	       setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &snd, sizeof(snd)) == 0;
}

/* The next connection on listen_fd, with its timeouts set; -1 with errno
 * when accept fails (EINTR: a signal came, e.g. SIGTERM). Connections the
 * client dropped before they were accepted are skipped. */
static int fcgi_accept(int listen_fd)
{
	for (;;) {
		struct sockaddr_storage sa;
		socklen_t salen = sizeof(sa);
		memset(&sa, 0, sizeof(sa));
		int fd = accept4(listen_fd, (struct sockaddr *)&sa, &salen, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				/* A non-blocking socket from spawn-fcgi or systemd: wait for a client. */
				struct pollfd p = { .fd = listen_fd, .events = POLLIN };
				if (poll(&p, 1, -1) < 0)
					return -1;
				continue;
			}
			/* Errors of a connection that is already gone (accept(2), Linux). */
			if (errno == ECONNABORTED || errno == EPROTO || errno == ENETDOWN || errno == ENOPROTOOPT ||
			    errno == EHOSTDOWN || errno == ENONET || errno == EHOSTUNREACH || errno == EOPNOTSUPP ||
			    errno == ENETUNREACH)
				continue;
			return -1;
		}
		if (!fcgi_client_allowed(&sa)) {
			log_warn("FastCGI client not in FCGI_WEB_SERVER_ADDRS: connection closed");
			close(fd);
			continue;
		}
		if (sa.ss_family == AF_INET || sa.ss_family == AF_INET6) {
			int one = 1;   /* a reply is written in one go: no Nagle delay */
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		}
		if (!fcgi_set_timeouts(fd)) {
			log_error("cannot set the FastCGI connection's timeouts", "error", strerror(errno));
			close(fd);
			continue;
		}
		return fd;
	}
}

/* The signals a worker handles (SIGTERM, SIGINT, SIGUSR1, ...) wait while it
 * reads, answers and closes one request: on a socket with a timeout, a
 * handler ends a read or write with EINTR, SA_RESTART or not (signal(7)),
 * and the request would be lost. Faults stay deliverable. */
static void fcgi_request_signals(sigset_t *set)
{
	sigfillset(set);
	static const int sync_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS };
	for (size_t i = 0; i < sizeof(sync_signals) / sizeof(sync_signals[0]); i++)
		sigdelset(set, sync_signals[i]);
}

int fcgi_worker_run(struct app *app, int listen_fd, volatile sig_atomic_t *stop)
{
	/* libfcgi never accepts here (its accept has no time limit): it gets no
	 * listening socket, but each connection fcgi_accept took, as the open
	 * ipcFd FCGX_Accept_r reads the request from. When a connection fails
	 * before its request is complete, libfcgi closes it, its own accept on
	 * fd -1 fails, and FCGX_Accept_r returns to this loop. */
	FCGX_Request fr;
	if (FCGX_InitRequest(&fr, -1, 0) != 0)
		return TF_EIO;
	sigset_t during_request, before;
	fcgi_request_signals(&during_request);
	struct arena arena;
	arena_init(&arena, TF_MAX_REQUEST_ARENA);
	int err = TF_OK;
	while (!*stop) {
		if (fr.ipcFd < 0) {
			int fd = fcgi_accept(listen_fd);
			if (fd < 0) {
				if (*stop || errno == EINTR)
					continue;
				log_error("accept failed", "error", strerror(errno));
				err = TF_EIO;
				break;
			}
			fr.ipcFd = fd;
			/* FCGX_Accept_r first finishes the previous request; this keeps
			 * it from closing the new connection as part of that. */
			fr.keepConnection = 1;
		}
		sigprocmask(SIG_BLOCK, &during_request, &before);
		/* Detached: a connection dropped half-way is closed at once, not
		 * after libfcgi's wait of seconds for the client to hang up. */
		FCGX_Detach(&fr);
		long long t0 = clock_mono_us();
		if (FCGX_Accept_r(&fr) < 0) {
			long long ms = (clock_mono_us() - t0) / 1000;
			if (ms >= TF_FCGI_READ_TIMEOUT_MS / 2) {   /* timed out, not hung up at once */
				char waited[24];
				snprintf(waited, sizeof(waited), "%lld", ms);
				log_warn("FastCGI connection closed: no complete request in time", "waited_ms", waited);
			} else {
				log_debug("FastCGI connection closed before a complete request");
			}
			sigprocmask(SIG_SETMASK, &before, NULL);
			continue;
		}
		FCGX_Attach(&fr);
		if (!handle(app, &fr, &arena))
			FCGX_Detach(&fr);
		FCGX_Finish_r(&fr);
		arena_reset(&arena);
		sigprocmask(SIG_SETMASK, &before, NULL);
	}
	FCGX_Free(&fr, 1);
	arena_free(&arena);
	return err;
}
