/* when_feasts.c: the feasts a caller may name, ours (computed: fixed days, Easter, Advent) and
 * those of other calendars (days from when_calendars.c), and the days they fall on. */
#include "when_int.h"

/* Feasts and yearly days by their folded words: a fixed day (month, day), with day 100 * n + wd
 * the n-th weekday wd (0 = Monday) of the month (n 9: the last one; n 8: the last one, a week
 * earlier when that is Holy Saturday, as Earth Hour is kept), with month 0 days from Easter Sunday, with month -1
 * the day-th Sunday of Advent; len days long. Longest phrases first where one holds another. */
static const struct {
	const char *p;
	int month, day, len;
} when_feasts[] = {
	{ "muttertag", 5, 206, 1 },                 { "erntedankfest", 10, 106, 1 },
	{ "earth hour", 3, 805, 1 },                { "stunde der erde", 3, 805, 1 },
	{ "erntedank", 10, 106, 1 },                { "totensonntag", -1, 0, 1 },
	{ "ewigkeitssonntag", -1, 0, 1 },           { "volkstrauertag", -1, -1, 1 },
	{ "weihnachtstag", 12, 25, 1 },             { "himmelfahrtstag", 0, 39, 1 },
	{ "fastnacht", 0, -47, 1 },                 { "fasnacht", 0, -47, 1 },
	{ "karsonnabend", 0, -1, 1 },               { "trinitatis", 0, 56, 1 },
	{ "mariae himmelfahrt", 8, 15, 1 },         { "maria himmelfahrt", 8, 15, 1 },
	{ "christi himmelfahrt", 0, 39, 1 },        { "himmelfahrt", 0, 39, 1 },
	{ "vatertag", 0, 39, 1 },                   { "heilige drei koenige", 1, 6, 1 },
	{ "heiligen drei koenige", 1, 6, 1 },       { "dreikoenigstag", 1, 6, 1 },
	{ "dreikoenig", 1, 6, 1 },                  { "tag der deutschen einheit", 10, 3, 1 },
	{ "tag der arbeit", 5, 1, 1 },              { "zwischen den jahren", 12, 27, 4 },
	{ "erster weihnachtsfeiertag", 12, 25, 1 }, { "ersten weihnachtsfeiertag", 12, 25, 1 },
	{ "erster weihnachtstag", 12, 25, 1 },      { "ersten weihnachtstag", 12, 25, 1 },
	{ "zweiter weihnachtsfeiertag", 12, 26, 1 }, { "zweiten weihnachtsfeiertag", 12, 26, 1 },
	{ "zweiter weihnachtstag", 12, 26, 1 },     { "zweiten weihnachtstag", 12, 26, 1 },
	{ "weihnachtsfeiertage", 12, 25, 2 },       { "weihnachtsfeiertagen", 12, 25, 2 },
	{ "stefanitag", 12, 26, 1 },                { "stephanitag", 12, 26, 1 },
	{ "stefanstag", 12, 26, 1 },                { "stephanstag", 12, 26, 1 },
	{ "heiligabend", 12, 24, 1 },               { "heiligenabend", 12, 24, 1 },
	{ "heilig abend", 12, 24, 1 },              { "weihnachten", 12, 24, 3 },
	{ "silvester", 12, 31, 1 },                 { "sylvester", 12, 31, 1 },
	{ "silvesterabend", 12, 31, 1 },            { "silvestertag", 12, 31, 1 },
	{ "neujahr", 1, 1, 1 },                     { "neujahrstag", 1, 1, 1 },
	{ "valentinstag", 2, 14, 1 },               { "frauentag", 3, 8, 1 },
	{ "reformationstag", 10, 31, 1 },           { "halloween", 10, 31, 1 },
	{ "allerheiligen", 11, 1, 1 },              { "nikolaus", 12, 6, 1 },
	{ "nikolaustag", 12, 6, 1 },                { "weiberfastnacht", 0, -52, 1 },
	{ "altweiber", 0, -52, 1 },                 { "rosenmontag", 0, -48, 1 },
	{ "faschingsdienstag", 0, -47, 1 },         { "fastnachtsdienstag", 0, -47, 1 },
	{ "veilchendienstag", 0, -47, 1 },          { "aschermittwoch", 0, -46, 1 },
	{ "palmsonntag", 0, -7, 1 },                { "gruendonnerstag", 0, -3, 1 },
	{ "karfreitag", 0, -2, 1 },                 { "karsamstag", 0, -1, 1 },
	{ "ostersamstag", 0, -1, 1 },               { "ostersonntag", 0, 0, 1 },
	{ "ostern", 0, 0, 1 },                      { "ostermontag", 0, 1, 1 },
	{ "pfingstsonntag", 0, 49, 1 },             { "pfingsten", 0, 49, 1 },
	{ "pfingstmontag", 0, 50, 1 },              { "fronleichnam", 0, 60, 1 },
	{ "erster advent", -1, 1, 1 },              { "ersten advent", -1, 1, 1 },
	{ "zweiter advent", -1, 2, 1 },             { "zweiten advent", -1, 2, 1 },
	{ "dritter advent", -1, 3, 1 },             { "dritten advent", -1, 3, 1 },
	{ "vierter advent", -1, 4, 1 },             { "vierten advent", -1, 4, 1 },
};
#define WHEN_NFEASTS (sizeof(when_feasts) / sizeof(when_feasts[0]))

/* Feasts of other calendars: day counts from the table's day; len -1 lasts until Eid al-Fitr.
 * A DK_HOLIDAY's hol is WHEN_NFEASTS + the index here. */
static const struct {
	const char *p;
	int day, len;
	enum when_calendar cal;
} when_cal_feasts[] = {
	{ "chinesisches neujahr", 0, 1, WHEN_CAL_CHINESE_NEW_YEAR },  { "chinesische neujahr", 0, 1, WHEN_CAL_CHINESE_NEW_YEAR },
	{ "chinesischen neujahr", 0, 1, WHEN_CAL_CHINESE_NEW_YEAR },  { "chinesisches neujahrsfest", 0, 1, WHEN_CAL_CHINESE_NEW_YEAR },
	{ "chinesisches fruehlingsfest", 0, 1, WHEN_CAL_CHINESE_NEW_YEAR },  { "chinesischen fruehlingsfest", 0, 1, WHEN_CAL_CHINESE_NEW_YEAR },
	{ "chinesisches neues jahr", 0, 1, WHEN_CAL_CHINESE_NEW_YEAR },  { "mondneujahr", 0, 1, WHEN_CAL_CHINESE_NEW_YEAR },
	{ "orthodoxe ostern", 0, 1, WHEN_CAL_ORTHODOX_EASTER },  { "orthodoxen ostern", 0, 1, WHEN_CAL_ORTHODOX_EASTER },
	{ "orthodoxes osterfest", 0, 1, WHEN_CAL_ORTHODOX_EASTER },  { "orthodoxen osterfest", 0, 1, WHEN_CAL_ORTHODOX_EASTER },
	{ "orthodoxer ostersonntag", 0, 1, WHEN_CAL_ORTHODOX_EASTER },  { "orthodoxen ostersonntag", 0, 1, WHEN_CAL_ORTHODOX_EASTER },
	{ "orthodoxer ostermontag", 1, 1, WHEN_CAL_ORTHODOX_EASTER },  { "orthodoxen ostermontag", 1, 1, WHEN_CAL_ORTHODOX_EASTER },
	{ "orthodoxer karfreitag", -2, 1, WHEN_CAL_ORTHODOX_EASTER },  { "orthodoxen karfreitag", -2, 1, WHEN_CAL_ORTHODOX_EASTER },
	{ "orthodoxer karsamstag", -1, 1, WHEN_CAL_ORTHODOX_EASTER },  { "orthodoxen karsamstag", -1, 1, WHEN_CAL_ORTHODOX_EASTER },
	{ "orthodoxer palmsonntag", -7, 1, WHEN_CAL_ORTHODOX_EASTER },  { "orthodoxen palmsonntag", -7, 1, WHEN_CAL_ORTHODOX_EASTER },
	{ "ramadan", 0, -1, WHEN_CAL_RAMADAN },  { "ramazan", 0, -1, WHEN_CAL_RAMADAN },
	{ "fastenmonat", 0, -1, WHEN_CAL_RAMADAN },  { "zuckerfest", 0, 3, WHEN_CAL_EID_AL_FITR },
	{ "ramadanfest", 0, 3, WHEN_CAL_EID_AL_FITR },  { "fest des fastenbrechens", 0, 3, WHEN_CAL_EID_AL_FITR },
	{ "ramazan bayrami", 0, 3, WHEN_CAL_EID_AL_FITR },  { "ramadan bayrami", 0, 3, WHEN_CAL_EID_AL_FITR },
	{ "seker bayrami", 0, 3, WHEN_CAL_EID_AL_FITR },  { "eid al fitr", 0, 1, WHEN_CAL_EID_AL_FITR },
	{ "eid ul fitr", 0, 1, WHEN_CAL_EID_AL_FITR },  { "opferfest", 0, 4, WHEN_CAL_EID_AL_ADHA },
	{ "kurban bayrami", 0, 4, WHEN_CAL_EID_AL_ADHA },  { "kurban bayram", 0, 4, WHEN_CAL_EID_AL_ADHA },
	{ "eid al adha", 0, 1, WHEN_CAL_EID_AL_ADHA },  { "eid ul adha", 0, 1, WHEN_CAL_EID_AL_ADHA },
	{ "bakr id", 0, 1, WHEN_CAL_EID_AL_ADHA },  { "pessach", 0, 8, WHEN_CAL_PASSOVER },
	{ "pessachfest", 0, 8, WHEN_CAL_PASSOVER },  { "pesach", 0, 8, WHEN_CAL_PASSOVER },
	{ "passah", 0, 8, WHEN_CAL_PASSOVER },  { "passahfest", 0, 8, WHEN_CAL_PASSOVER },
	{ "passover", 0, 8, WHEN_CAL_PASSOVER },  { "rosch haschana", 0, 2, WHEN_CAL_ROSH_HASHANAH },
	{ "rosch haschanah", 0, 2, WHEN_CAL_ROSH_HASHANAH },  { "rosh hashana", 0, 2, WHEN_CAL_ROSH_HASHANAH },
	{ "rosh hashanah", 0, 2, WHEN_CAL_ROSH_HASHANAH },  { "juedisches neujahr", 0, 2, WHEN_CAL_ROSH_HASHANAH },
	{ "juedische neujahr", 0, 2, WHEN_CAL_ROSH_HASHANAH },  { "juedischen neujahr", 0, 2, WHEN_CAL_ROSH_HASHANAH },
	{ "jom kippur", 9, 1, WHEN_CAL_ROSH_HASHANAH },  { "yom kippur", 9, 1, WHEN_CAL_ROSH_HASHANAH },
	{ "versoehnungstag", 9, 1, WHEN_CAL_ROSH_HASHANAH },  { "chanukka", 0, 8, WHEN_CAL_HANUKKAH },
	{ "chanukkah", 0, 8, WHEN_CAL_HANUKKAH },  { "chanukah", 0, 8, WHEN_CAL_HANUKKAH },
	{ "hanukkah", 0, 8, WHEN_CAL_HANUKKAH },  { "hanukka", 0, 8, WHEN_CAL_HANUKKAH },
	{ "chanukkafest", 0, 8, WHEN_CAL_HANUKKAH },  { "purim", 0, 1, WHEN_CAL_PURIM },
	{ "purimfest", 0, 1, WHEN_CAL_PURIM },  { "schuschan purim", 1, 1, WHEN_CAL_PURIM },
	{ "shushan purim", 1, 1, WHEN_CAL_PURIM },  { "dhanteras", 0, 1, WHEN_CAL_DHANTERAS },
	{ "diwali", 2, 1, WHEN_CAL_DHANTERAS },  { "deepavali", 2, 1, WHEN_CAL_DHANTERAS },
	{ "divali", 2, 1, WHEN_CAL_DHANTERAS },  { "vesak", 0, 1, WHEN_CAL_VESAK },
	{ "vesakh", 0, 1, WHEN_CAL_VESAK },  { "vesakfest", 0, 1, WHEN_CAL_VESAK },
	{ "wesak", 0, 1, WHEN_CAL_VESAK },  { "wesakfest", 0, 1, WHEN_CAL_VESAK },
	{ "vaisakha", 0, 1, WHEN_CAL_VESAK },  { "visakha", 0, 1, WHEN_CAL_VESAK },
	{ "buddha tag", 0, 1, WHEN_CAL_VESAK },  { "buddhatag", 0, 1, WHEN_CAL_VESAK },
	{ "buddha purnima", 0, 1, WHEN_CAL_VESAK },  { "buddha-tag", 0, 1, WHEN_CAL_VESAK },
	{ "eid al-fitr", 0, 1, WHEN_CAL_EID_AL_FITR },  { "eid ul-fitr", 0, 1, WHEN_CAL_EID_AL_FITR },
	{ "eid al-adha", 0, 1, WHEN_CAL_EID_AL_ADHA },  { "eid ul-adha", 0, 1, WHEN_CAL_EID_AL_ADHA },
	{ "bakr-id", 0, 1, WHEN_CAL_EID_AL_ADHA },  { "rosch ha-schana", 0, 2, WHEN_CAL_ROSH_HASHANAH },
	{ "rosh ha-shana", 0, 2, WHEN_CAL_ROSH_HASHANAH },
};
#define WHEN_NCALFEASTS (sizeof(when_cal_feasts) / sizeof(when_cal_feasts[0]))

int when_nfeasts(void)
{
	return (int)(WHEN_NFEASTS + WHEN_NCALFEASTS);
}

const char *when_feast_phrase(int f)
{
	return f < (int)WHEN_NFEASTS ? when_feasts[f].p : when_cal_feasts[f - (int)WHEN_NFEASTS].p;
}

enum when_calendar when_feast_calendar(int f)
{
	return f < (int)WHEN_NFEASTS ? WHEN_CAL_NONE : when_cal_feasts[f - (int)WHEN_NFEASTS].cal;
}

/* Feast i of when_cal_feasts in year y (a year the table does not reach gives 1 January:
 * when_day_feast lets none such through). */
static struct civil_date when_cal_feast_day(size_t i, int y, struct civil_date *last)
{
	struct civil_date d, e;
	if (!when_calendar_day(when_cal_feasts[i].cal, y, &d))
		d = (struct civil_date){ y, 1, 1 };
	d = civil_add_days(d, when_cal_feasts[i].day);
	if (when_cal_feasts[i].len > 0)
		*last = civil_add_days(d, when_cal_feasts[i].len - 1);
	else   /* Ramadan: until the day before Eid al-Fitr */
		*last = when_calendar_day(WHEN_CAL_EID_AL_FITR, y, &e) && civil_cmp(e, d) > 0 ? civil_add_days(e, -1) :
											       civil_add_days(d, 28);
	return d;
}

struct civil_date when_feast_day(int f, int y, struct civil_date *last)
{
	if (f >= (int)WHEN_NFEASTS)
		return when_cal_feast_day((size_t)f - WHEN_NFEASTS, y, last);
	struct civil_date d;
	if (when_feasts[f].month > 0 && when_feasts[f].day >= 100) {
		int n = when_feasts[f].day / 100, wd = when_feasts[f].day % 100;
		d = (struct civil_date){ y, when_feasts[f].month, 1 };
		d = civil_add_days(d, (wd - civil_weekday(d) + 7) % 7 + 7 * (n - 1));
		if (n >= 8) {   /* the last such weekday: back from the month's last day */
			d = (struct civil_date){ y, when_feasts[f].month, civil_days_in_month(y, when_feasts[f].month) };
			d = civil_add_days(d, -((civil_weekday(d) - wd + 7) % 7));
			if (n == 8 && civil_cmp(d, civil_add_days(civil_easter(y), -1)) == 0)
				d = civil_add_days(d, -7);
		}
	} else if (when_feasts[f].month > 0) {
		d = (struct civil_date){ y, when_feasts[f].month, when_feasts[f].day };
	} else if (when_feasts[f].month == 0) {
		d = civil_add_days(civil_easter(y), when_feasts[f].day);
	} else {
		/* the fourth Advent is the last Sunday before Christmas Day */
		struct civil_date xmas = { y, 12, 24 };
		d = civil_add_days(xmas, -((civil_weekday(xmas) + 1) % 7) - 7 * (4 - when_feasts[f].day));
	}
	*last = civil_add_days(d, when_feasts[f].len - 1);
	return d;
}
