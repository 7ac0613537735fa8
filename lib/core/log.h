/* log.h: one JSON line per event on stderr, with the level checked before
 * anything is formatted. User data never becomes a format string; phone
 * numbers go through log_mask_phone; speech, SMS bodies and tokens stay out. */
#ifndef TERMINFON_LOG_H
#define TERMINFON_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Sets the threshold from "error", "warn", "info" or "debug"; false if unknown. */
bool log_set_level_name(const char *name);
void log_set_level(enum log_level level);
bool log_enabled(enum log_level level);
/* Request-scoped context added to every line until cleared (copied). */
void log_set_context(const char *request_id, const char *call_sid);
void log_clear_context(void);

/* Fields come as name/value pairs of strings ending in NULL; values are
 * escaped. log_event(LOG_INFO, "listening", "socket", path, NULL). */
void log_event(enum log_level level, const char *msg, ...) __attribute__((sentinel));
/* The access-log line of a request. retry_token: Twilio's
 * I-Twilio-Idempotency-Token (the same on a retried delivery), NULL if none. */
void log_request(const char *method, const char *route, int status, long long us,
                 const char *call_sid, const char *from_masked, const char *retry_token, const char *error);

#define log_error(...) do { if (log_enabled(LOG_ERROR)) log_event(LOG_ERROR, __VA_ARGS__, (char *)NULL); } while (0)
#define log_warn(...)  do { if (log_enabled(LOG_WARN))  log_event(LOG_WARN,  __VA_ARGS__, (char *)NULL); } while (0)
#define log_info(...)  do { if (log_enabled(LOG_INFO))  log_event(LOG_INFO,  __VA_ARGS__, (char *)NULL); } while (0)
#define log_debug(...) do { if (log_enabled(LOG_DEBUG)) log_event(LOG_DEBUG, __VA_ARGS__, (char *)NULL); } while (0)

/* Sends this process's stdout and stderr (every log line, and anything else
 * printed) to PATH, appended, and remembers PATH for log_reopen_file. PATH is
 * created with mode 0640 whatever the umask; an existing file keeps its mode.
 * Children forked later inherit the file. Returns TF_OK, TF_EINVAL for an
 * empty path, TF_ELIMIT for one longer than PATH_MAX, or TF_EIO with errno
 * set; stdout and stderr are unchanged on failure. */
int log_open_file(const char *path);
/* Opens the remembered file anew (logrotate moved the old one away) and puts
 * it on stdout and stderr; a failed open keeps the old file. Does nothing
 * without log_open_file. Async-signal-safe and keeps errno: meant to be
 * called from a SIGUSR1 handler in every process that writes the log. */
void log_reopen_file(void);

/* "+4915112345678" -> "+49151*****78": keeps the country and network prefix
 * (up to 6 characters) and the last 2 digits. Short or odd values become "***".
 * Always NUL-terminates out. */
void log_mask_phone(const char *phone, char *out, size_t outlen);

#endif
