/* test_route.c: which studio takes a call (number, area code, default,
 * overflow while closed) and the welcome text. */
#include "civil.h"
#include "greet.h"
#include "route.h"
#include "t.h"

#include <string.h>

static struct store_studio berlin, muenchen;

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct civil_time t = { { y, mo, d }, h, mi, 0 };
	return civil_to_seconds(t);
}

int main(void)
{
	static const struct civil_date closed[] = { { 2026, 12, 25 } };
	berlin = (struct store_studio){
		.id = 1, .slug = "berlin", .name = "Studio Berlin", .city = "Berlin", .timezone = "Europe/Berlin",
		.twilio_number = "+4930901820", .transfer_number = "+4930901821", .slot_minutes = 60, .capacity = 1,
		.lead_minutes = 0, .horizon_days = 60, .overflow_studio_id = 2, .is_default = true,
		.prefixes = { "+4930", "+4933" }, .nprefixes = 2, .closed = closed, .nclosed = 1,
	};
	muenchen = (struct store_studio){
		.id = 2, .slug = "muenchen", .name = "Studio München", .city = "München", .timezone = "Europe/Berlin",
		.twilio_number = "+4989901820", .transfer_number = "", .slot_minutes = 60, .capacity = 1,
		.lead_minutes = 0, .horizon_days = 60, .prefixes = { "+4989", "+498" }, .nprefixes = 2,
	};
	for (int d = 0; d < 6; d++) {
		berlin.hours[d][0].opens = 9 * 60;
		berlin.hours[d][0].closes = d == 5 ? 14 * 60 : 20 * 60;
		berlin.nranges[d] = 1;
		muenchen.hours[d][0].opens = 8 * 60;
		muenchen.hours[d][0].closes = 19 * 60;
		muenchen.nranges[d] = 1;
	}
	struct store_studio list[2] = { berlin, muenchen };
	struct store_studios all = { list, 2 };
	int64_t tuesday = utc(2026, 11, 24, 9, 0);       /* 10:00 in Berlin: both open */
	int64_t saturday_pm = utc(2026, 11, 28, 14, 0);  /* 15:00: Berlin closed, München open */
	int64_t sunday = utc(2026, 11, 29, 10, 0);       /* both closed */
	const char *why;

	T_OK(route_studio(&all, "+4989901820", "+4915100000001", tuesday, &why)->id == 2);
	T_EQ_STR(why, "number");
	T_OK(route_studio(&all, "+4930000000", "+498912345", tuesday, &why)->id == 2);   /* a central line */
	T_EQ_STR(why, "area_code");
	T_OK(route_studio(&all, "+4930000000", "+4933123456", tuesday, &why)->id == 1);
	T_OK(route_studio(&all, "+4930000000", "+4915100000001", tuesday, &why)->id == 1);
	T_EQ_STR(why, "default");
	T_OK(route_studio(&all, "+4930000000", "anonymous", tuesday, &why)->id == 1);
	/* Berlin closed, München open: Berlin's calls go to München. */
	T_OK(route_studio(&all, "+4930901820", "+4930123456", saturday_pm, &why)->id == 2);
	T_EQ_STR(why, "number+overflow");
	/* Both closed: the call stays where it was routed. */
	T_OK(route_studio(&all, "+4930901820", "+4930123456", sunday, &why)->id == 1);
	/* Christmas is closed in Berlin. */
	T_OK(!route_studio_open(&list[0], utc(2026, 12, 25, 10, 0)));
	T_OK(route_studio_open(&list[0], tuesday));
	struct store_studios none = { NULL, 0 };
	T_OK(route_studio(&none, "+4930", "+4930", tuesday, &why) == NULL);

	char text[768];
	T_EQ_INT(greet_welcome(text, sizeof(text), "Studio Berlin", NULL, 9, true), 0);
	T_OK(strncmp(text, "Guten Morgen", 12) == 0 && strstr(text, "drücken Sie die 1") != NULL);
	T_EQ_INT(greet_welcome(text, sizeof(text), "Studio Berlin", "Frau Schmidt", 14, false), 0);
	T_OK(strncmp(text, "Guten Tag, Frau Schmidt", 23) == 0 && strstr(text, "geschlossen") != NULL);
	T_EQ_INT(greet_welcome(text, sizeof(text), "Studio Berlin", NULL, 19, true), 0);
	T_OK(strncmp(text, "Guten Abend", 11) == 0);
	T_OK(greet_welcome(text, 20, "Studio Berlin", NULL, 19, true) != 0);  /* cut, and said so */
	T_OK(strlen(text) < 20);
	return t_done();
}
