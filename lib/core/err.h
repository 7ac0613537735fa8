/* err.h: the one error type of terminfon; functions return it, results go out through parameters. */
#ifndef TERMINFON_ERR_H
#define TERMINFON_ERR_H

enum tf_err {
	TF_OK = 0,
	TF_ENOMEM,     /* allocation failed */
	TF_EINVAL,     /* input is malformed (caller's fault: 400) */
	TF_ELIMIT,     /* input is over a limit of limits.h (413) */
	TF_ENOTFOUND,  /* no such thing (404) */
	TF_EAUTH,      /* signature, token or secret wrong (401/403) */
	TF_ECONFLICT,  /* the state does not allow it (409) */
	TF_EDB,        /* the database failed */
	TF_EBUSY,      /* the database stayed locked past the busy timeout */
	TF_EFULL,      /* the database or disk is full */
	TF_EIO,        /* a file or socket failed */
	TF_ETIMEOUT,   /* an upstream did not answer in time */
	TF_EUPSTREAM,  /* an upstream answered with an error or garbage */
	TF_ECONFIG,    /* configuration is missing or malformed */
	TF_EINTERNAL,  /* a bug: an invariant did not hold */
	TF_EVALUE,     /* well-formed input with a value that is not allowed (422) */
	TF_EFORBIDDEN, /* the caller is known but may not do this (403) */
};

/* A short English name of the error, for logs (never for callers). */
const char *tf_strerror(int err);

/* The sentence a caller is told beside a tf_err ({"error": "..."} of the
 * HTTP answer, whose status only the router picks from the code). English,
 * never a phone number or other personal data. */
#define TF_ERRMSG_MAX 200
struct tf_errmsg {
	char text[TF_ERRMSG_MAX];
};

/* Formats the sentence into m (cut to fit) and returns err, so that a
 * failing check reads `return tf_errmsg_set(m, TF_EVALUE, "...", ...);`. */
int tf_errmsg_set(struct tf_errmsg *m, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
