/* err.c: names of the error codes. */
#include "err.h"

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
	}
	return "unknown error";
}
