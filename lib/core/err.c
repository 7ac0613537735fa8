/* err.c: names of the error codes, and the sentence told with one. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

const char *tf_strerror(int err)
{
	switch (err) {
	case TF_OK: return "ok";
	case TF_ENOMEM: return "out of memory";
	case TF_EINVAL: return "malformed input";
	case TF_ELIMIT: return "over limit";
	case TF_ENOTFOUND: return "not found";
	case TF_EAUTH: return "not authorised";
	case TF_ECONFLICT: return "conflict";
	case TF_EDB: return "database error";
	case TF_EBUSY: return "database busy";
	case TF_EFULL: return "database full";
	case TF_EIO: return "i/o error";
	case TF_ETIMEOUT: return "timeout";
	case TF_EUPSTREAM: return "upstream error";
	case TF_ECONFIG: return "configuration error";
	case TF_EINTERNAL: return "internal error";
	case TF_EVALUE: return "value not allowed";
	case TF_EFORBIDDEN: return "forbidden";
	}
	return "unknown error";
}

int tf_errmsg_set(struct tf_errmsg *m, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->text, sizeof(m->text), fmt, ap);
	va_end(ap);
	return err;
}
