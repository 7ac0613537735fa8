/* test_num.c: the strict integer parser: what it takes, what it refuses
 * (blanks, signs, leading zeros, trailing junk, overflow) and its range. */
#include "err.h"
#include "num.h"
#include "t.h"

#include <stdint.h>

static void test_rows(void)
{
	static const struct {
		const char *in;
		int64_t min, max;
		int err;
		int64_t want;
	} rows[] = {
		{ "0", 0, 10, TF_OK, 0 },
		{ "7", 0, 10, TF_OK, 7 },
		{ "10", 0, 10, TF_OK, 10 },
		{ "11", 0, 10, TF_EINVAL, 0 },
		{ "-3", -5, 5, TF_OK, -3 },
		{ "-3", 0, 5, TF_EINVAL, 0 },
		{ "-0", -5, 5, TF_EINVAL, 0 },
		{ "", 0, 10, TF_EINVAL, 0 },
		{ "-", -5, 5, TF_EINVAL, 0 },
		{ " 5", 0, 10, TF_EINVAL, 0 },
		{ "5 ", 0, 10, TF_EINVAL, 0 },
		{ "+5", 0, 10, TF_EINVAL, 0 },
		{ "05", 0, 10, TF_EINVAL, 0 },
		{ "5x", 0, 10, TF_EINVAL, 0 },
		{ "0x5", 0, 10, TF_EINVAL, 0 },
		{ "1e3", 0, 10000, TF_EINVAL, 0 },
		{ "9223372036854775807", 0, INT64_MAX, TF_OK, INT64_MAX },
		{ "9223372036854775808", 0, INT64_MAX, TF_EINVAL, 0 },
		{ "-9223372036854775808", INT64_MIN, 0, TF_OK, INT64_MIN },
		{ "-9223372036854775809", INT64_MIN, 0, TF_EINVAL, 0 },
		{ "99999999999999999999999", 0, INT64_MAX, TF_EINVAL, 0 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t v = -42;
		int err = num_parse_i64(rows[i].in, rows[i].min, rows[i].max, &v);
		T_EQ_INT(err, rows[i].err);
		T_EQ_INT(v, err == TF_OK ? rows[i].want : -42);
		if (err != rows[i].err)
			fprintf(stderr, "  input \"%s\"\n", rows[i].in);
	}
	int64_t v;
	T_EQ_INT(num_parse_i64(NULL, 0, 10, &v), TF_EINVAL);
}

static void test_int_or(void)
{
	T_EQ_INT(num_int_or("12", 0, 100, -1), 12);
	T_EQ_INT(num_int_or(NULL, 0, 100, -1), -1);
	T_EQ_INT(num_int_or("", 0, 100, -1), -1);
	T_EQ_INT(num_int_or("101", 0, 100, -1), -1);
	T_EQ_INT(num_int_or("3.5", 0, 100, -1), -1);
}

int main(void)
{
	test_rows();
	test_int_or();
	return t_done();
}
