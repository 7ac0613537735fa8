/* test_studio_route.c: which studio a call belongs to (number, area code,
 * default; around the clock), whose people it is put through to (the
 * studio while open, its overflow studio while closed, the fallback), the
 * names callers use for studios, and the welcome text. */
#include "civil.h"
#include "err.h"
#include "greet.h"
#include "nlu.h"
#include "studio_route.h"
#include "t.h"
#include "tf_limits.h"

#include <string.h>
#include <strings.h>

static struct store_studio berlin, muenchen;

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct civil_time t = { { y, mo, d }, h, mi, 0 };
	return civil_to_seconds(t);
}

/* The studio a caller's words name, through the German understanding. */
static const struct store_studio *named(struct arena *a, const struct route_names *names, const char *text,
                                        const struct store_studio *current)
{
	struct nlu_context ctx = { .now = { { 2026, 11, 24 }, 8, 30, 0 }, .cities = names->names,
	                           .ncities = names->n };
	struct nlu_result r;
	if (nlu_parse(a, text, strlen(text), &ctx, &r) != TF_OK)
		return NULL;
	return route_named_studio(names, r.city, current);
}

static bool has_name(const struct route_names *names, const char *name)
{
	for (size_t i = 0; i < names->n; i++)
		if (strcasecmp(names->names[i], name) == 0)
			return true;
	return false;
}

static void test_names(const struct store_studios *all)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct route_names names;
	T_EQ_INT(route_studio_names(all, &a, &names), TF_OK);
	const struct store_studio *b = &all->list[0], *m = &all->list[1];
	T_OK(has_name(&names, "Berlin") && has_name(&names, "München"));
	T_OK(has_name(&names, "berlin mitte") && has_name(&names, "Schwabing"));
	/* Everyday words are no studio's name: "Mitte nächster Woche", "abnehmen". */
	T_OK(!has_name(&names, "Mitte") && !has_name(&names, "mitte") && !has_name(&names, "Abnehmen"));

	T_OK(named(&a, &names, "lieber in münchen", b) == m);
	T_OK(named(&a, &names, "geht das auch in berlin", m) == b);
	T_OK(named(&a, &names, "in der münchner filiale", b) == m);
	T_OK(named(&a, &names, "haben sie was im berliner studio", m) == b);
	T_OK(named(&a, &names, "lieber in muenchen", b) == m);
	T_OK(named(&a, &names, "wie wäre es in schwabing", b) == m);
	T_OK(named(&a, &names, "nicht in berlin sondern in münchen", b) == m);
	T_OK(named(&a, &names, "mitte nächster woche", b) == NULL);
	T_OK(named(&a, &names, "ich möchte abnehmen", m) == NULL);
	T_OK(named(&a, &names, "morgen um drei", b) == NULL);

	/* Two studios in one city: the call's own studio wins when it is one. */
	struct store_studio three[3] = { all->list[0], all->list[1], all->list[0] };
	three[2].id = 3;
	three[2].slug = "berlin-spandau";
	three[2].name = "Abnehmen im Liegen Berlin-Spandau";
	struct store_studios with3 = { three, 3 };
	T_EQ_INT(route_studio_names(&with3, &a, &names), TF_OK);
	T_OK(named(&a, &names, "lieber in berlin", &three[2]) == &three[2]);
	T_OK(named(&a, &names, "lieber in berlin", &three[0]) == &three[0]);
	T_OK(named(&a, &names, "lieber in spandau", &three[0]) == &three[2]);
	T_OK(route_named_studio(&names, "Hamburg", &three[0]) == NULL);
	arena_free(&a);
}

int main(void)
{
	static const struct civil_date closed[] = { { 2026, 12, 25 } };
	berlin = (struct store_studio){
		.id = 1, .slug = "berlin-mitte", .name = "Abnehmen im Liegen Berlin-Mitte", .city = "Berlin", .timezone = "Europe/Berlin",
		.twilio_number = "+4930901820", .transfer_number = "+4930901821", .slot_minutes = 60, .capacity = 1,
		.lead_minutes = 0, .horizon_days = 60, .overflow_studio_id = 2, .is_default = true,
		.prefixes = { "+4930", "+4933" }, .nprefixes = 2, .closed = closed, .nclosed = 1,
	};
	muenchen = (struct store_studio){
		.id = 2, .slug = "muenchen-schwabing", .name = "Abnehmen im Liegen München-Schwabing", .city = "München",
		.timezone = "Europe/Berlin", .twilio_number = "+4989901820", .transfer_number = "+4989901821", .slot_minutes = 60, .capacity = 1,
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
	int64_t early = utc(2026, 11, 24, 7, 30);       /* 08:30 on a Tuesday: Berlin opens at 9, München at 8 */
	const char *why;

	T_OK(route_call_studio(&all, "+4989901820", "+4915100000001", &why)->id == 2);
	T_EQ_STR(why, "number");
	T_OK(route_call_studio(&all, "+4930000000", "+498912345", &why)->id == 2);   /* a central line */
	T_EQ_STR(why, "area_code");
	T_OK(route_call_studio(&all, "+4930000000", "+4933123456", &why)->id == 1);
	T_OK(route_call_studio(&all, "+4930000000", "+4915100000001", &why)->id == 1);
	T_EQ_STR(why, "default");
	T_OK(route_call_studio(&all, "+4930000000", "anonymous", &why)->id == 1);
	/* Christmas is closed in Berlin. */
	T_OK(!route_studio_open(&list[0], utc(2026, 12, 25, 10, 0)));
	T_OK(route_studio_open(&list[0], tuesday));
	T_OK(!route_studio_open(&list[0], early));
	T_OK(route_studio_open(&list[1], early));
	struct store_studios none = { NULL, 0 };
	T_OK(route_call_studio(&none, "+4930", "+4930", &why) == NULL);

	/* A closed studio keeps its calls: the Berlin number at 08:30 and on
	 * Saturday afternoon is Berlin's call (greeting, offers, booking). */
	T_OK(route_call_studio(&all, "+4930901820", "+4915100000001", &why)->id == 1);
	T_EQ_STR(why, "number");
	T_OK(route_call_studio(&all, "+4930000000", "+4930123456", &why)->id == 1);
	T_EQ_STR(why, "area_code");

	/* Only its transfers go to the open overflow studio's people. */
	const char *fallback = "+4930555000";
	T_OK(route_transfer_studio(&all, &list[0], tuesday) == &list[0]);
	T_EQ_STR(route_transfer_number(&all, &list[0], fallback, tuesday, &why), "+4930901821");
	T_EQ_STR(why, "studio");
	T_OK(route_transfer_studio(&all, &list[0], early) == &list[1]);
	T_EQ_STR(route_transfer_number(&all, &list[0], fallback, early, &why), "+4989901821");
	T_EQ_STR(why, "overflow");
	T_EQ_STR(route_transfer_number(&all, &list[0], NULL, saturday_pm, &why), "+4989901821");
	/* Both closed: the fallback number, else the studio's own line. */
	T_OK(route_transfer_studio(&all, &list[0], sunday) == NULL);
	T_EQ_STR(route_transfer_number(&all, &list[0], fallback, sunday, &why), fallback);
	T_EQ_STR(why, "fallback");
	T_EQ_STR(route_transfer_number(&all, &list[0], "", sunday, &why), "+4930901821");
	T_EQ_STR(why, "closed");
	/* München has no overflow studio: closed, its calls go to the fallback. */
	T_OK(route_transfer_studio(&all, &list[1], sunday) == NULL);
	T_EQ_STR(route_transfer_number(&all, &list[1], fallback, sunday, NULL), fallback);
	T_OK(route_transfer_studio(&all, &list[1], early) == &list[1]);
	/* An overflow studio without a transfer number takes no transfers. */
	list[1].transfer_number = "";
	T_OK(route_transfer_studio(&all, &list[0], early) == NULL);
	T_EQ_STR(route_transfer_number(&all, &list[0], fallback, early, NULL), fallback);
	T_OK(route_transfer_number(&all, &list[1], NULL, sunday, NULL) == NULL);
	list[1].transfer_number = "+4989901821";
	T_OK(route_transfer_number(&all, NULL, NULL, tuesday, NULL) == NULL);

	test_names(&all);

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
