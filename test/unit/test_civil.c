/* test_civil.c: calendar arithmetic. */
#include "civil.h"
#include "t.h"

#include <stdlib.h>

int main(void)
{
	struct civil_date epoch = { 1970, 1, 1 };
	T_EQ_INT(civil_to_days(epoch), 0);
	T_EQ_INT(civil_weekday(epoch), 3); /* Thursday */
	struct civil_date d = { 2026, 11, 24 };
	T_EQ_INT(civil_weekday(d), 1); /* Tuesday */
	struct civil_date leap = { 2028, 2, 29 };
	T_OK(civil_valid(leap));
	struct civil_date noleap = { 2027, 2, 29 };
	T_OK(!civil_valid(noleap));
	struct civil_date nye = { 2026, 12, 31 };
	struct civil_date ny = civil_add_days(nye, 2);
	T_EQ_INT(ny.year, 2027);
	T_EQ_INT(ny.month, 1);
	T_EQ_INT(ny.day, 2);
	for (int64_t k = -800000; k < 800000; k += 997)
		T_EQ_INT(civil_to_days(civil_from_days(k)), k);
	char s[11];
	civil_format_date(d, s);
	T_EQ_STR(s, "2026-11-24");
	struct civil_date p;
	T_OK(civil_parse_date("2026-03-29", &p) && p.month == 3 && p.day == 29);
	T_OK(!civil_parse_date("2026-02-30", &p));
	T_OK(!civil_parse_date("2026-3-29", &p));
	T_OK(!civil_parse_date("2026-03-29x", &p));
	/* Short strings are refused without reading past their end. */
	static const char *const shorts[] = { "", "2", "2026", "2026-03", "2026-03-2" };
	for (size_t i = 0; i < sizeof(shorts) / sizeof(shorts[0]); i++) {
		size_t n = strlen(shorts[i]);
		char *exact = malloc(n + 1);
		memcpy(exact, shorts[i], n + 1);
		T_OK(!civil_parse_date(exact, &p));
		free(exact);
	}
	struct civil_time t = civil_from_seconds(-1);
	T_EQ_INT(t.date.year, 1969);
	T_EQ_INT(t.hour, 23);
	T_EQ_INT(civil_to_seconds(t), -1);
	return t_done();
}
