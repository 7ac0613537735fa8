/* log.c: JSON-lines logging to stderr with escaping and phone masking. */
#include "log.h"
#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static enum log_level log_threshold = LOG_INFO;
static char log_request_id[40];
static char log_call_sid[40];

static const char *const log_names[] = { "error", "warn", "info", "debug" };

/* The file of log_open_file; empty: stderr stays what it was. */
static char log_file_path[PATH_MAX];

bool log_set_level_name(const char *name)
{
	for (size_t i = 0; i < sizeof(log_names) / sizeof(log_names[0]); i++) {
		if (strcmp(name, log_names[i]) == 0) {
			log_threshold = (enum log_level)i;
			return true;
		}
	}
	return false;
}

void log_set_level(enum log_level level)
{
	log_threshold = level;
}

bool log_enabled(enum log_level level)
{
	return level <= log_threshold;
}

static void log_copy(char *dst, size_t n, const char *src)
{
	size_t i = 0;
	if (src != NULL)
		for (; src[i] && i + 1 < n; i++)
			dst[i] = src[i];
	dst[i] = '\0';
}

void log_set_context(const char *request_id, const char *call_sid)
{
	log_copy(log_request_id, sizeof(log_request_id), request_id);
	log_copy(log_call_sid, sizeof(log_call_sid), call_sid);
}

void log_clear_context(void)
{
	log_request_id[0] = log_call_sid[0] = '\0';
}

/* A line is built in a fixed buffer and written with one write(2), so lines of
 * several workers sharing stderr do not interleave. */
struct log_line {
	char buf[4096];
	size_t len;
};

static void log_raw(struct log_line *l, const char *s)
{
	while (*s && l->len < sizeof(l->buf) - 2)
		l->buf[l->len++] = *s++;
}

static void log_str(struct log_line *l, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	log_raw(l, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (l->len > sizeof(l->buf) - 10) {
			log_raw(l, "...");
			break;
		}
		if (*p == '"' || *p == '\\') {
			l->buf[l->len++] = '\\';
			l->buf[l->len++] = (char)*p;
		} else if (*p < 0x20 || *p == 0x7f) {
			char esc[7] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], 0 };
			log_raw(l, esc);
		} else {
			l->buf[l->len++] = (char)*p;
		}
	}
	log_raw(l, "\"");
}

static void log_begin(struct log_line *l, enum log_level level, const char *msg)
{
	struct timeval tv;
	struct tm tm;
	char ts[64];
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	snprintf(ts, sizeof(ts), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(tv.tv_usec / 1000) % 1000);
	l->len = 0;
	log_raw(l, "{\"ts\":\"");
	log_raw(l, ts);
	log_raw(l, "\",\"level\":\"");
	log_raw(l, log_names[level]);
	log_raw(l, "\",\"pid\":");
	char pid[16];
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	log_raw(l, pid);
	log_raw(l, ",\"msg\":");
	log_str(l, msg);
	if (log_request_id[0]) {
		log_raw(l, ",\"req\":");
		log_str(l, log_request_id);
	}
	if (log_call_sid[0]) {
		log_raw(l, ",\"call_sid\":");
		log_str(l, log_call_sid);
	}
}

static void log_field(struct log_line *l, const char *name, const char *value)
{
	log_raw(l, ",");
	log_str(l, name);
	log_raw(l, ":");
	log_str(l, value ? value : "");
}

static void log_end(struct log_line *l)
{
	l->buf[l->len++] = '}';
	l->buf[l->len++] = '\n';
	ssize_t w = write(STDERR_FILENO, l->buf, l->len);
	(void)w;
}

void log_event(enum log_level level, const char *msg, ...)
{
	if (!log_enabled(level))
		return;
	struct log_line l;
	log_begin(&l, level, msg);
	va_list ap;
	va_start(ap, msg);
	for (;;) {
		const char *name = va_arg(ap, const char *);
		if (name == NULL)
			break;
		log_field(&l, name, va_arg(ap, const char *));
	}
	va_end(ap);
	log_end(&l);
}

void log_request(const char *method, const char *route, int status, long long us,
                 const char *call_sid, const char *from_masked, const char *retry_token, const char *error)
{
	if (!log_enabled(LOG_INFO))
		return;
	struct log_line l;
	char num[32];
	log_begin(&l, LOG_INFO, "request");
	log_field(&l, "method", method);
	log_field(&l, "route", route);
	snprintf(num, sizeof(num), "%d", status);
	log_raw(&l, ",\"status\":");
	log_raw(&l, num);
	snprintf(num, sizeof(num), "%lld", us);
	log_raw(&l, ",\"us\":");
	log_raw(&l, num);
	if (call_sid && *call_sid && !log_call_sid[0])
		log_field(&l, "call_sid", call_sid);
	if (from_masked && *from_masked)
		log_field(&l, "from", from_masked);
	if (retry_token && *retry_token)
		log_field(&l, "idempotency_token", retry_token);
	if (error && *error)
		log_field(&l, "error", error);
	log_end(&l);
}

/* Opens the log file for appending; only async-signal-safe calls. A file this
 * call creates gets 0640 (the service's umask is 0077, and the group reads
 * the log); one that exists keeps its mode and owner. */
static int log_file_fd(const char *path)
{
	for (int tries = 0; tries < 3; tries++) {
		int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0640);
		if (fd >= 0) {
			(void)fchmod(fd, 0640);
			return fd;
		}
		if (errno != EEXIST)
			return -1;
		fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);
		if (fd >= 0 || errno != ENOENT)
			return fd;
		/* Gone between the two opens (rotated again): create it. */
	}
	return -1;
}

/* dup2 clears FD_CLOEXEC on the copies: children inherit stdout and stderr. */
static int log_file_install(int fd)
{
	int rc = dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0 ? -1 : 0;
	close(fd);
	return rc;
}

int log_open_file(const char *path)
{
	size_t n = strlen(path);
	if (n == 0)
		return TF_EINVAL;
	if (n >= sizeof(log_file_path))
		return TF_ELIMIT;
	int fd = log_file_fd(path);
	if (fd < 0)
		return TF_EIO;
	memcpy(log_file_path, path, n + 1);
	return log_file_install(fd) == 0 ? TF_OK : TF_EIO;
}

void log_reopen_file(void)
{
	int saved = errno;
	if (log_file_path[0] != '\0') {
		int fd = log_file_fd(log_file_path);
		if (fd >= 0)
			(void)log_file_install(fd);
	}
	errno = saved;
}

void log_mask_phone(const char *phone, char *out, size_t outlen)
{
	if (outlen == 0)
		return;
	size_t n = phone ? strlen(phone) : 0;
	bool digits = n >= 8 && n <= 20;
	for (size_t i = 0; digits && i < n; i++)
		if (!((phone[i] >= '0' && phone[i] <= '9') || (i == 0 && phone[i] == '+')))
			digits = false;
	if (!digits) {
		log_copy(out, outlen, n ? "***" : "");
		return;
	}
	size_t keep = phone[0] == '+' ? 6 : 5;
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < outlen; i++)
		out[o++] = (i < keep || i >= n - 2) ? phone[i] : '*';
	out[o] = '\0';
}
