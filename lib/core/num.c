/* num.c: strict parsing of whole numbers (see num.h). */
#include "num.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>

int num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (s == NULL)
		return TF_EINVAL;
	bool neg = *s == '-';
	const char *p = s + neg;
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '\0') || (neg && *p == '0'))
		return TF_EINVAL;
	/* Accumulate as a negative number: INT64_MIN has no positive twin. */
	int64_t v = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return TF_EINVAL;
		int d = *p - '0';
		if (v < (INT64_MIN + d) / 10)
			return TF_EINVAL;
		v = v * 10 - d;
	}
	if (!neg) {
		if (v == INT64_MIN)
			return TF_EINVAL;
		v = -v;
	}
	if (v < min || v > max)
		return TF_EINVAL;
	*out = v;
	return TF_OK;
}

int num_int_or(const char *s, int min, int max, int otherwise)
{
	int64_t v;
	return num_parse_i64(s, min, max, &v) == TF_OK ? (int)v : otherwise;
}
