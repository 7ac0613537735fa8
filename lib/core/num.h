/* num.h: strict parsing of the whole numbers a caller sends (form fields,
 * query parameters, path ids), in place of unchecked strtol. */
#ifndef TERMINFON_NUM_H
#define TERMINFON_NUM_H

#include <stdint.h>

/* The decimal integer that is all of s: an optional '-', then "0" or a
 * non-zero digit and more digits; no blanks, no '+', no leading zeros. *out
 * gets it when it lies in [min, max]. TF_EINVAL (and *out untouched) when s
 * is NULL, empty, anything else or out of range. */
int num_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* num_parse_i64 into an int for fields that may be missing: the value, or
 * `otherwise` when s is absent, malformed or outside [min, max]. */
int num_int_or(const char *s, int min, int max, int otherwise);

#endif
