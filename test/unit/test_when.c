/* test_when.c: German day and time expressions against test/data/utterances_when.tsv and unit cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "nlu.h"
#include "t.h"
#include "tf_limits.h"
#include "when.h"

#define TABLE "test/data/utterances_when.tsv"

static struct nlu_context test_ctx(void)
{
	struct nlu_context c;
	memset(&c, 0, sizeof(c));
	c.now = (struct civil_time){ { 2026, 11, 24 }, 10, 0, 0 };   /* a Tuesday */
	c.open_from = 9 * 60;
	c.open_to = 20 * 60;
	return c;
}

/* when_format() of text parsed in ctx. */
static const char *test_when(const struct nlu_context *ctx, const char *text, char *out, size_t size)
{
	struct when w;
	if (when_parse(text, strlen(text), ctx, &w) != TF_OK)
		return "error";
	when_format(&w, out, size);
	return out;
}

static void test_table(void)
{
	FILE *f = fopen(TABLE, "r");
	T_OK(f != NULL);
	if (f == NULL)
		return;
	struct nlu_context ctx = test_ctx();
	char line[1024];
	int lineno = 0, total = 0, good = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (strncmp(line, "@now ", 5) == 0) {
			int y, mo, d, h, mi;
			T_OK(sscanf(line + 5, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) == 5);
			ctx.now = (struct civil_time){ { y, mo, d }, h, mi, 0 };
			continue;
		}
		if (strncmp(line, "@open ", 6) == 0) {
			int h1, m1, h2, m2;
			T_OK(sscanf(line + 6, "%d:%d-%d:%d", &h1, &m1, &h2, &m2) == 4);
			ctx.open_from = h1 * 60 + m1;
			ctx.open_to = h2 * 60 + m2;
			continue;
		}
		if (strncmp(line, "@expect ", 8) == 0) {
			const char *e = line + 8;
			ctx.expect = strcmp(e, "date") == 0 ? NLU_EXPECT_DATE
				   : strcmp(e, "choice") == 0 ? NLU_EXPECT_CHOICE : NLU_EXPECT_NONE;
			continue;
		}
		char *tab = strchr(line, '\t');
		if (tab == NULL) {
			fprintf(stderr, "%s:%d: needs text and expected value\n", TABLE, lineno);
			t_failed++;
			continue;
		}
		*tab = '\0';
		char got[128];
		test_when(&ctx, line, got, sizeof(got));
		total++;
		if (strcmp(got, tab + 1) == 0) {
			good++;
			t_passed++;
		} else {
			t_failed++;
			fprintf(stderr, "%s:%d: \"%s\": want \"%s\", got \"%s\"\n", TABLE, lineno, line, tab + 1, got);
		}
	}
	fclose(f);
	printf("date/time table: %d/%d rows (%.1f%%)\n", good, total, total ? 100.0 * good / total : 0.0);
	T_OK(total >= 100);
	T_EQ_INT(good, total);
}

static void test_json(void)
{
	struct nlu_context ctx = test_ctx();
	struct when w;
	cJSON *j = NULL;
	T_EQ_INT(when_parse("morgen um 14 Uhr", 16, &ctx, &w), TF_OK);
	T_EQ_INT(when_json(&w, &j), TF_OK);
	char *s = cJSON_PrintUnformatted(j);
	T_EQ_STR(s, "{\"value\":\"2026-11-25T14:00:00\",\"grain\":\"time\",\"interval\":{\"from\":\"2026-11-25T14:00:00\","
		    "\"to\":\"2026-11-25T14:00:00\"},\"date_said\":true,\"approximate\":false}");
	free(s);
	cJSON_Delete(j);

	const char *t = "nächste Woche vormittags";
	T_EQ_INT(when_parse(t, strlen(t), &ctx, &w), TF_OK);
	T_EQ_INT(when_json(&w, &j), TF_OK);
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "grain")), "daypart");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "value")), "2026-11-30T09:00:00");
	cJSON *iv = cJSON_GetObjectItem(j, "interval");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(iv, "from")), "2026-11-30T09:00:00");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(iv, "to")), "2026-12-06T12:00:00");
	cJSON *win = cJSON_GetObjectItem(j, "window");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(win, "to")), "12:00");
	cJSON_Delete(j);

	t = "am 3. Dezember";
	T_EQ_INT(when_parse(t, strlen(t), &ctx, &w), TF_OK);
	T_EQ_INT(when_json(&w, &j), TF_OK);
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "value")), "2026-12-03");
	iv = cJSON_GetObjectItem(j, "interval");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(iv, "to")), "2026-12-04T00:00:00");
	cJSON_Delete(j);

	t = "lieber später";
	T_EQ_INT(when_parse(t, strlen(t), &ctx, &w), TF_OK);
	T_EQ_INT(when_json(&w, &j), TF_OK);
	T_OK(cJSON_IsNull(cJSON_GetObjectItem(j, "value")));
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "pref")), "later");
	T_OK(cJSON_GetObjectItem(j, "interval") == NULL);
	cJSON_Delete(j);
	T_EQ_INT(when_json(NULL, &j), TF_EINVAL);
}

/* The fields the slot search reads. */
static void test_fields(void)
{
	struct nlu_context ctx = test_ctx();
	struct when w;
	const char *t = "morgen so gegen fünf";
	T_EQ_INT(when_parse(t, strlen(t), &ctx, &w), TF_OK);
	T_EQ_INT(w.grain, WHEN_TIME);
	T_OK(w.has_date && w.has_time && w.approximate);
	T_EQ_INT(w.minute, 17 * 60);
	T_EQ_INT(w.from, 16 * 60 + 30);
	T_EQ_INT(w.to, 17 * 60 + 31);
	t = "um 10";
	T_EQ_INT(when_parse(t, strlen(t), &ctx, &w), TF_OK);
	T_OK(!w.has_date && w.has_time && w.from == 0 && w.to == 0);
	T_EQ_INT(w.date.day, 25);   /* 10:00 is not ahead any more at 10:00 */
	t = "Anfang nächster Woche";
	T_EQ_INT(when_parse(t, strlen(t), &ctx, &w), TF_OK);
	T_EQ_INT(w.grain, WHEN_RANGE);
	T_OK(!w.has_time && w.from == 0 && w.to == 0);
	T_EQ_INT(civil_weekday(w.date), 0);
	T_EQ_INT(civil_weekday(w.last), 2);
	T_EQ_STR(when_grain_name(WHEN_WEEK), "week");
	T_EQ_STR(when_grain_name((enum when_grain)99), "none");
}

/* Per weekday opening hours decide the afternoon guess. */
static void test_week_hours(void)
{
	static const int week[7][2] = {
		{ 9 * 60, 20 * 60 }, { 9 * 60, 20 * 60 }, { 9 * 60, 20 * 60 }, { 9 * 60, 20 * 60 },
		{ 9 * 60, 20 * 60 }, { 6 * 60, 14 * 60 }, { 0, 0 },
	};
	struct nlu_context ctx = test_ctx();
	char b[64];
	ctx.week = week;
	T_EQ_STR(test_when(&ctx, "samstag um eins", b, sizeof(b)), "2026-11-28 13:00");
	T_EQ_STR(test_when(&ctx, "samstag um sieben", b, sizeof(b)), "2026-11-28 07:00");
	T_EQ_STR(test_when(&ctx, "montag um sieben", b, sizeof(b)), "2026-11-30 19:00");
	T_EQ_STR(test_when(&ctx, "samstag abends", b, sizeof(b)), "2026-11-28 17:00-24:00");
	T_EQ_STR(test_when(&ctx, "sonntag um drei", b, sizeof(b)), "2026-11-29 15:00");
	ctx.week = NULL;
	ctx.open_from = ctx.open_to = 0;   /* the default 8:00-20:00 */
	T_EQ_STR(test_when(&ctx, "morgen um acht", b, sizeof(b)), "2026-11-25 08:00");
	T_EQ_STR(test_when(&ctx, "morgen früh", b, sizeof(b)), "2026-11-25 08:00-11:00");
}

struct test_case {
	const char *text, *want;
};

/* Runs cases in ctx, each failure with its text. */
static void test_cases(const struct nlu_context *ctx, const struct test_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char b[128];
		test_when(ctx, c[i].text, b, sizeof(b));
		if (strcmp(b, c[i].want) != 0)
			fprintf(stderr, "  \"%s\": want %s, got %s\n", c[i].text, c[i].want, b);
		T_EQ_STR(b, c[i].want);
	}
}

#define TEST_CASES(ctx, c) test_cases((ctx), (c), sizeof(c) / sizeof((c)[0]))

/* A day gone by is reported as such, never moved into the future; a day ahead said with it wins. */
static void test_past(void)
{
	static const struct test_case c[] = {
		{ "gestern", "past:2026-11-23" },
		{ "vorgestern hab ich angerufen", "past:2026-11-22" },
		{ "letzten Freitag", "past:2026-11-20" },
		{ "vergangenen Montag", "past:2026-11-23" },
		{ "letzten Dienstag", "past:2026-11-17" },             /* said on a Tuesday: a week ago */
		{ "Mittwoch letzte Woche", "past:2026-11-18" },
		{ "letzte Woche am Freitag", "past:2026-11-20" },
		{ "vor zwei Wochen", "past:2026-11-10" },
		{ "vor drei Tagen", "past:2026-11-21" },
		{ "ich war am Freitag bei Ihnen", "past:2026-11-20" },
		{ "wir hatten am Montag telefoniert", "past:2026-11-23" },
		{ "ich war an Allerheiligen da", "past:2026-11-01" },
		{ "ich war gestern da, geht es am Donnerstag", "2026-11-26" },
		{ "gestern um zehn war ich da", "past:2026-11-23" },
		{ "am Freitag", "2026-11-27" },
		{ "ich war schon mal da, geht es am nächsten Montag", "2026-11-30" },
		{ "ich hatte für Freitag einen Termin ausgemacht", "2026-11-27" },
		{ "ich hatte einen Termin am Montag, den muss ich verschieben", "2026-11-30" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
	struct when w;
	cJSON *j = NULL;
	T_EQ_INT(when_parse("gestern", 7, &ctx, &w), TF_OK);
	T_OK(w.past && w.has_date && !w.has_time && w.grain == WHEN_DAY);
	T_EQ_INT(when_json(&w, &j), TF_OK);
	T_OK(cJSON_IsTrue(cJSON_GetObjectItem(j, "past")));
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "value")), "2026-11-23");
	cJSON_Delete(j);
}

/* Feasts from the same calendar rules as the shipped holidays: the next occurrence. */
static void test_feasts(void)
{
	static const struct test_case c[] = {
		{ "an Ostermontag", "2027-03-29" },
		{ "Karfreitag", "2027-03-26" },
		{ "am Aschermittwoch", "2027-02-10" },
		{ "am Pfingstsonntag", "2027-05-16" },
		{ "an Fronleichnam", "2027-05-27" },
		{ "am ersten Weihnachtsfeiertag", "2026-12-25" },
		{ "am zweiten Advent", "2026-12-06" },
		{ "am vierten Advent", "2026-12-20" },
		{ "an Mariä Himmelfahrt", "2027-08-15" },
		{ "am Tag der Deutschen Einheit", "2027-10-03" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
	struct civil_date e = civil_easter(2026);
	T_OK(e.month == 4 && e.day == 5);
	e = civil_easter(2030);
	T_OK(e.month == 4 && e.day == 21);
}

/* A day said "nach" or "vor" another one, and "den danach", "die übernächste". */
static void test_anchors(void)
{
	static const struct test_case c[] = {
		{ "zwei Tage nach Neujahr", "2027-01-03" },
		{ "der Tag vor Silvester", "2026-12-30" },
		{ "am Donnerstag vor Ostern", "2027-03-25" },
		{ "am Samstag nach Pfingsten", "2027-05-22" },
		{ "die Woche vor Weihnachten", "2026-12-14..2026-12-20" },
		{ "das Wochenende nach Neujahr", "2027-01-02..2027-01-03" },
		{ "nach Silvester gleich am Montag", "2027-01-04" },
		{ "Mittwoch nach dem nächsten", "2026-12-02" },
		{ "nicht diesen Donnerstag sondern den darauf", "2026-12-03" },
		{ "nicht nächste Woche sondern die darauf", "2026-12-07..2026-12-13" },
		{ "nicht übernächste Woche sondern die nächste", "2026-11-30..2026-12-06" },
		{ "die Woche nach der übernächsten", "2026-12-14..2026-12-20" },
		{ "eine Woche nach hinten", "-" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* "erster Montag im Januar", calendar weeks, spans of days ahead. */
static void test_nth_weeks(void)
{
	static const struct test_case c[] = {
		{ "am zweiten Mittwoch im Dezember", "2026-12-09" },
		{ "letzter Montag im Monat", "2026-11-30" },
		{ "am dritten Freitag im nächsten Monat", "2026-12-18" },
		{ "der erste Sonntag im März", "2027-03-07" },
		{ "am letzten Sonntag im Oktober", "2027-10-31" },
		{ "KW 52", "2026-12-21..2026-12-27" },
		{ "in der Kalenderwoche 2", "2027-01-11..2027-01-17" },
		{ "KW 48", "2026-11-24..2026-11-29" },
		{ "KW 10", "2027-03-08..2027-03-14" },
		{ "in ein paar Tagen", "2026-11-26..2026-11-28" },
		{ "in einigen Tagen", "2026-11-26..2026-11-28" },
		{ "in den nächsten zwei Tagen", "2026-11-24..2026-11-26" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Clock forms, dialect hours, numbers recognition split, bounds said in words. */
static void test_clock_forms(void)
{
	static const struct test_case c[] = {
		{ "um 16h45", "(2026-11-24) 16:45" },
		{ "morgen um neune", "2026-11-25 09:00" },
		{ "gegen sechse", "(2026-11-24) ~18:00" },
		{ "um viertel zwölfe", "(2026-11-24) 11:15" },
		{ "um sieben zehn uhr", "(2026-11-24) 17:00" },
		{ "siebzehn fünfundvierzig", "(2026-11-24) 17:45" },
		{ "achtzehn null null", "(2026-11-24) 18:00" },
		{ "um 1915", "(2026-11-24) 19:15" },
		{ "um zehn dreißig", "(2026-11-24) 10:30" },
		{ "nicht früher als drei", "(2026-11-24) 15:00-20:00" },
		{ "später als sechs", "(2026-11-24) 18:00-20:00" },
		{ "nicht später als halb fünf", "(2026-11-24) 09:00-16:30" },
		{ "so um den dreh vier", "(2026-11-24) ~16:00" },
		{ "am Freitag frühnachmittags", "2026-11-27 12:00-15:00" },
		{ "Samstag spätvormittags", "2026-11-28 10:00-12:00" },
		{ "nächste Woche Montag zur selben Uhrzeit wie heute", "2026-11-30 10:00" },
		{ "morgen um die gleiche Zeit", "2026-11-25 10:00" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Recognition and dialect spellings of day words, words split in two. */
static void test_spelling(void)
{
	static const struct test_case c[] = {
		{ "am dondersdag", "2026-11-26" },
		{ "am mitwoch", "2026-11-25" },
		{ "freitach", "2026-11-27" },
		{ "am samschtag", "2026-11-28" },
		{ "am sonn tag", "2026-11-29" },
		{ "am donners tag", "2026-11-26" },
		{ "am 3. dezmber", "2026-12-03" },
		{ "anfang novenber", "2027-11-01..2027-11-10" },
		{ "über morgen", "2026-11-26" },
		{ "um halp drei", "(2026-11-24) 14:30" },
		{ "dienstagsabends", "2026-12-01 17:00-20:00" },
		{ "am montach vormittach", "2026-11-30 09:00-12:00" },
		{ "die woche ende", "-" },
		{ "am donnschtig am namittag", "2026-11-26 12:00-18:00" },
		{ "am sunntig", "2026-11-29" },
		{ "nägschte woch am friitig", "2026-12-04" },
		{ "moang in da friah um achte", "2026-11-25 08:00" },
		{ "am mentig um zwoa", "2026-11-30 14:00" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Which of several mentions is the wish. */
static void test_choice(void)
{
	static const struct test_case c[] = {
		{ "nicht so spät, lieber um vier", "(2026-11-24) 16:00" },
		{ "um acht ist mir zu früh", "later" },
		{ "egal wann nächste Woche", "2026-11-30..2026-12-06" },
		{ "haben sie was späteres", "later" },
		{ "nächste Woche Montag, nein Dienstag", "2026-12-01" },
		{ "in zwei Wochen, äh, in drei", "2026-12-15" },
		{ "dann bis Donnerstag", "2026-11-26" },
		{ "bis Donnerstag", "2026-11-24..2026-11-26" },
		{ "montags und mittwochs", "2026-11-30" },
		{ "den Termin am Freitag brauche ich nicht mehr", "2026-11-27" },
		{ "lieber abends, weil ich vormittags arbeite", "(2026-11-24) 17:00-20:00" },
		{ "Montag nie", "-" },
		{ "Donnerstag früh oder Freitag abends", "2026-11-26 09:00-11:00" },
		{ "nicht vor zehn und nicht nach zwölf", "(2026-11-24) 10:00-12:00" },
		{ "ab 14 bis 16 Uhr", "(2026-11-24) 14:00-16:00" },
		{ "zwanzig Minuten nach vier", "(2026-11-24) 16:20" },
		{ "nächste Woche nicht, lieber die Woche drauf", "2026-12-07..2026-12-13" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Spans of days, months and years; days gone by of every size stay in the past. */
static void test_spans(void)
{
	static const struct test_case c[] = {
		{ "vom 7. bis 9. Dezember", "2026-12-07..2026-12-09" },
		{ "zwischen dem 10. und dem 12. Januar", "2027-01-10..2027-01-12" },
		{ "von Dienstag bis Donnerstag", "2026-12-01..2026-12-03" },
		{ "in einem Monat", "2026-12-24" },
		{ "in drei Monaten", "2027-02-24" },
		{ "innerhalb der nächsten drei Wochen", "2026-11-24..2026-12-15" },
		{ "in den kommenden Tagen", "2026-11-24..2026-11-27" },
		{ "zum Monatsende", "2026-11-24..2026-11-30" },
		{ "Anfang 2027", "2027-01-01..2027-01-31" },
		{ "nächstes Jahr", "2027-01-01..2027-12-31" },
		{ "im Jahr 2028", "2028-01-01..2028-12-31" },
		{ "Ende des Jahres", "2026-12-01..2026-12-31" },
		{ "am 2027-01-15", "2027-01-15" },
		{ "am 1. Advent", "2026-11-29" },
		{ "heute Nacht", "2026-11-24 22:00-24:00" },
		{ "gute Nacht", "-" },
		{ "letzten Monat", "past:2026-10-01" },
		{ "vor drei Monaten", "past:2026-08-24" },
		{ "letztes Jahr", "past:2025-01-01" },
		{ "letztes Wochenende", "past:2026-11-21" },
		{ "letzte Nacht", "past:2026-11-23" },
		{ "am 3. Mai 2025", "past:2025-05-03" },
		{ "Anfang 2026", "past:2026-01-01" },
		{ "am Montag wurde mir gesagt", "past:2026-11-23" },
		{ "ich habe am Freitag angerufen", "past:2026-11-20" },
		{ "wie kostet das im Monat", "-" },
		{ "im Frühjahr", "2027-03-01..2027-05-31" },
		{ "diesen Winter", "2026-12-01..2027-02-28" },
		{ "die nächsten Tage", "2026-11-24..2026-11-27" },
		{ "Sommer mein Name", "-" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Written and counted forms of letters, calendars and forms: years after a day or feast,
 * month abbreviations, dashes for spans, quarters, counted spans, weekday abbreviations. */
static void test_written_forms(void)
{
	static const struct test_case c[] = {
		{ "am 17.6.88", "past:1988-06-17" },                   /* a two-digit year gone by */
		{ "am 5.1.27", "2027-01-05" },
		{ "Pfingstmontag 2028", "2028-06-05" },
		{ "das war Karfreitag 2025", "past:2025-04-18" },
		{ "zweiter Freitag im März 2028", "2028-03-10" },
		{ "am Muttertag", "2027-05-09" },
		{ "am Totensonntag", "2027-11-21" },
		{ "zum Erntedankfest", "2027-10-03" },
		{ "das chinesische Neujahr", "2027-02-06" },         /* not our Neujahr */
		{ "am 4. Jan.", "2027-01-04" },
		{ "Dez 12", "2026-12-12" },
		{ "vom 2. - 4. Dezember", "2026-12-02..2026-12-04" },
		{ "7.-9.12.", "2026-12-07..2026-12-09" },
		{ "9 bis 11 Dezember", "2026-12-09..2026-12-11" },
		{ "Mittwoch 10:15 - 11:45", "2026-11-25 10:15-11:45" },
		{ "um 12.05", "(2026-11-24) 12:05" },
		{ "ab 1.12", "2026-12-01..2026-12-07" },                /* a date after "ab" stays one */
		{ "an Fastnacht", "2027-02-09" },
		{ "im zweiten Quartal", "2027-04-01..2027-06-30" },
		{ "nächstes Quartal", "2027-01-01..2027-03-31" },
		{ "letztes Quartal", "past:2026-07-01" },
		{ "nächste zwei Wochen", "2026-11-24..2026-12-08" },
		{ "binnen zehn Tagen", "2026-11-24..2026-12-04" },
		{ "in zwei Jahren", "2028-11-24" },
		{ "übernächstes Jahr", "2028-01-01..2028-12-31" },
		{ "in den nächsten zwei Stunden", "2026-11-24 10:00-12:00" },
		{ "in dreieinhalb Stunden", "2026-11-24 13:30" },
		{ "in 1,5 Stunden", "2026-11-24 11:30" },
		{ "Fr.", "2026-11-27" },
		{ "Do. 14 Uhr", "2026-11-26 14:00" },
		{ "heute bis abends", "2026-11-24" },
		{ "morgen bis nachmittags", "2026-11-25 09:00-18:00" },
		{ "Sonntag, 22. November", "past:2026-11-22" },        /* the weekday fits this year's only */
		{ "am Freitag, Nov 20", "past:2026-11-20" },
		{ "Freitag, 27. November", "2026-11-27" },
		{ "vorvorgestern", "past:2026-11-21" },
		{ "die letzten zwei Wochen", "past:2026-11-10" },
		{ "in den vergangenen drei Tagen", "past:2026-11-21" },
		{ "übernächsten Juli", "2028-07-01..2028-07-31" },
		{ "am letzten Tag im Januar", "2027-01-31" },
		{ "am letzten Tag des Monats", "2026-11-30" },
		{ "die zweite Woche im Dezember", "2026-12-08..2026-12-14" },
		{ "zwischen Weihnachten und Neujahr", "2026-12-27..2026-12-31" },
		{ "von Heiligabend bis Silvester", "2026-12-24..2026-12-31" },
		{ "irgendwann im Laufe des Tages", "2026-11-24" },
		{ "bis zum Ende des Tages", "2026-11-24" },
		{ "am Ende des Tages ist mir das egal", "-" },
		{ "um drei spätestens", "(2026-11-24) 09:00-15:01" },
		{ "halb fünf frühstens", "(2026-11-24) 16:30-20:00" },
	};
	static const struct test_case asked[] = {
		{ "die letzten 10 Sekunden", "-" },   /* a count of seconds is no time of day */
		{ "in 5 sekunden", "-" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
	ctx.expect = NLU_EXPECT_DATE;
	TEST_CASES(&ctx, asked);
}

/* Second round of written and spoken forms: counts of weeks, months and years from a feast,
 * the nth weekday before or after one, yearly days that fall on the last weekday of a month, times gone by today. */
static void test_written_forms_2(void)
{
	static const struct test_case c[] = {
		{ "vier Wochen nach Ostern", "2027-04-25" },             /* not the week after Easter */
		{ "eine Woche vor Heiligabend", "2026-12-17" },
		{ "zwei Monate vor Ostern", "2027-01-28" },
		{ "einen Monat nach Silvester", "2027-01-31" },
		{ "ein Jahr nach Pfingsten", "2027-05-24" },             /* last Whitsun's, a year on: ahead */
		{ "drei Tage nach Fronleichnam", "2027-05-30" },         /* days count from the feast as before */
		{ "am zweiten Sonntag nach Ostern", "2027-04-11" },       /* the nth weekday from a feast */
		{ "der erste Montag nach Neujahr", "2027-01-04" },
		{ "dritter Freitag vor Weihnachten", "2026-12-04" },
		{ "der zweite Montag nach dem Umzug", "-" },              /* nothing to count from */
		{ "ich war drei Wochen nach Ostern da", "past:2026-04-26" },   /* said in the past tense */
		{ "das war ein Jahr nach Weihnachten", "past:2025-12-24" },
		{ "ich war am Freitag nach Himmelfahrt da", "past:2026-05-15" },
		{ "zur Earth Hour", "2027-03-20" },                      /* the last Saturday is Holy Saturday */
		{ "Stunde der Erde 2028", "2028-03-25" },
		{ "Earth Hour 2029", "2029-03-24" },
		{ "in den letzten zwanzig Minuten", "past:2026-11-24" }, /* a time gone by today is past */
		{ "die letzten zwölf Stunden", "past:2026-11-23" },
		{ "die letzten 30 Minuten war besetzt, dann lieber Freitag", "2026-11-27" },
		/* a span from or up to a day, said in the past tense: no day ahead (a weekday
		 * after a date is the day after it, last year's, as after Himmelfahrt above) */
		{ "ich war am Montag nach dem 3. Dezember da", "past:2025-12-08" },
		{ "wir hatten ab dem 5. Dezember Urlaub", "-" },
		{ "ich war nach Weihnachten schon mal bei Ihnen", "-" },
		{ "ich hätte gern einen Termin nach dem 3. Dezember", "2026-12-04..2026-12-10" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Untrusted input: no crash, no read past len, the limit holds. */
static void test_hostile(void)
{
	struct nlu_context ctx = test_ctx();
	struct when w;
	char b[64];
	T_EQ_INT(when_parse(NULL, 0, &ctx, &w), TF_OK);
	T_EQ_INT(w.grain, WHEN_NONE);
	T_EQ_INT(when_parse(NULL, 3, &ctx, &w), TF_EINVAL);
	T_EQ_INT(when_parse("morgen", 6, NULL, &w), TF_EINVAL);
	T_EQ_INT(when_parse("morgen", 6, &ctx, NULL), TF_EINVAL);
	/* only the first len bytes count */
	T_EQ_INT(when_parse("morgen um 3", 6, &ctx, &w), TF_OK);
	when_format(&w, b, sizeof(b));
	T_EQ_STR(b, "2026-11-25");
	static const char bad[] = "morgen \xff\xfe um \xc3 drei \xe2\x82 uhr \xf0\x9f\x98";
	T_EQ_INT(when_parse(bad, sizeof(bad) - 1, &ctx, &w), TF_OK);
	T_EQ_INT(w.has_date, true);
	size_t n = 3 * TF_MAX_SPEECH;
	char *big = malloc(n);
	T_OK(big != NULL);
	if (big != NULL) {
		for (size_t i = 0; i < n; i++)
			big[i] = "um 3 halb viertel nach vor am 12. "[i % 34];
		T_EQ_INT(when_parse(big, n, &ctx, &w), TF_OK);
		free(big);
	}
	/* a clock the caller cannot influence but a bad config could */
	ctx.now.date.month = 13;
	T_EQ_INT(when_parse("morgen", 6, &ctx, &w), TF_OK);
	ctx = test_ctx();
	ctx.open_from = 1300;
	ctx.open_to = 100;
	T_EQ_STR(test_when(&ctx, "um 3", b, sizeof(b)), "(2026-11-24) 15:00");
	struct when z;
	memset(&z, 0, sizeof(z));
	T_EQ_INT(when_format(&z, b, sizeof(b)), 1);
	T_EQ_STR(b, "-");
	ctx = test_ctx();
	T_EQ_STR(test_when(&ctx, "3.12. um 14 uhr", b, 8), "2026-12");
}

/* Words recognition split or bent: joined again when the whole is a day, number or date
 * word ("don nastag", "sech zehn", "über nächsten"); dialect forms of day words. */
static void test_split_words(void)
{
	static const struct test_case c[] = {
		{ "am don nastag", "2026-11-26" },
		{ "um sech zehn uhr", "(2026-11-24) 16:00" },
		{ "gegen zwan zig uhr", "(2026-11-24) ~20:00" },
		{ "um die zehn uhr", "(2026-11-25) 10:00" },
		{ "am über nächsten donnerstag", "2026-12-03" },
		{ "über nächsten freitag um elf", "2026-12-04 11:00" },
		{ "geht es heid nachmittag", "2026-11-24 12:00-18:00" },
		{ "habt ihr für morjen was", "2026-11-25" },
		{ "ick war jestern da", "past:2026-11-23" },
		{ "übermorjen früh", "2026-11-26 09:00-11:00" },
		{ "jeden montag", "2026-11-30" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* The day ruled out takes its part of the day and its time with it; a "nicht" before a
 * softener ("nicht gleich", "nicht schon") rules out what follows; "keine Ahnung" rules out
 * nothing; a corrected day of the month keeps the month; "auf" names the new day of a move. */
static void test_corrections(void)
{
	static const struct test_case c[] = {
		{ "übermorgen nachmittag hm nee da hab ich training besser am freitag", "2026-11-27" },
		{ "freitag um drei äh nein doch lieber am samstag", "2026-11-28" },
		{ "am freitag geht nicht lieber samstag vormittag", "2026-11-28 09:00-12:00" },
		{ "in ein paar tagen nur nicht direkt morgen", "2026-11-26..2026-11-28" },
		{ "nächste woche aber nicht schon am montag", "2026-11-30..2026-12-06" },
		{ "am dritten februar nein am fünften", "2027-02-05" },
		{ "am 2. März oder lieber am 4.", "2027-03-04" },
		{ "kein plan vielleicht am donnerstag oder so", "2026-11-26" },
		{ "weiß nicht freitag vielleicht", "2026-11-27" },
		{ "nicht am freitag", "-" },
		{ "den termin vom montag würde ich gern auf nächste woche legen", "2026-11-30..2026-12-06" },
		{ "meinen freitagstermin auf übernächste woche schieben", "2026-12-07..2026-12-13" },
		{ "den termin vom freitag auf donnerstag verschieben", "2026-11-26" },
		{ "das geht gar nicht hätten sie am mittwoch nachmittag was", "2026-11-25 12:00-18:00" },
		{ "freitag leider nicht gibt es am samstag was", "2026-11-28" },
		{ "nein nicht um neun ich hatte zehn gesagt", "(2026-11-25) 10:00" },
		{ "halb vier passt nicht ich meinte vier", "(2026-11-24) 16:00" },
		{ "ich habe zwei gesagt", "-" },
		{ "kann man bei ihnen einen gutschein zu ostern kaufen", "-" },
		{ "was verschenke ich zu weihnachten", "-" },
		{ "haben sie geschenkgutscheine für ostern", "-" },
		{ "einen termin zu ostern", "2027-03-28" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* "als nächstes", "der nächste": the soonest; "zu spät
 * kommen", "früher Feierabend" are no wish for an earlier or later time. */
static void test_soonest_words(void)
{
	static const struct test_case c[] = {
		{ "was hätten sie als nächstes frei", "soonest" },
		{ "und was wäre der nächste", "soonest" },
		{ "wann ist denn die nächste möglichkeit", "soonest" },
		{ "der nächste montag", "2026-11-30" },
		{ "die nächste woche", "2026-11-30..2026-12-06" },
		{ "was passiert wenn ich fünf minuten zu spät bin", "-" },
		{ "ich hab mittwochs früher schluss", "2026-11-25" },
		{ "ist mir zu spät", "earlier" },
		{ "darf ich das abo jederzeit pausieren", "-" },
		{ "jederzeit", "soonest" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* The perfect tense ("ich habe ... vergessen", "hab ... liegen lassen") is the past, feasts too;
 * "ich habe am Freitag Zeit" is not. */
static void test_perfect(void)
{
	static const struct test_case c[] = {
		{ "ich hab am freitag meinen schirm bei ihnen stehen lassen", "past:2026-11-20" },
		{ "ich habe am tag nach allerheiligen meine jacke vergessen", "past:2026-11-02" },
		{ "wir haben am sonntag bei ihnen was gekauft", "past:2026-11-22" },
		{ "ich habe am freitag zeit", "2026-11-27" },
		{ "haben sie am samstag geöffnet", "2026-11-28" },
		{ "ich hab am montag geburtstag", "2026-11-30" },
		{ "ich habe am montag einen termin gebucht", "2026-11-30" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Feasts of other calendars, from the table scripts/gen-feasts writes: the next one, its
 * days as a span, a year the table does not reach gives nothing, and a feast of ours said
 * of another calendar is none of ours. */
static void test_other_calendars(void)
{
	static const struct test_case c[] = {
		{ "am chinesischen neujahr", "2027-02-06" },
		{ "nach dem zuckerfest", "2027-03-12..2027-03-18" },
		{ "wir feiern opferfest geht es danach", "2027-05-16..2027-05-19" },
		{ "kurban bayramı", "2027-05-16..2027-05-19" },
		{ "während des ramadan", "2027-02-08..2027-03-08" },
		{ "an chanukka", "2026-12-04..2026-12-11" },
		{ "am orthodoxen ostersonntag", "2027-05-02" },
		{ "orthodoxer karfreitag", "2027-04-30" },
		{ "orthodoxes pfingsten", "-" },
		{ "zum opferfest 2035", "-" },
		{ "ich war am zuckerfest bei meiner tante", "past:2026-03-20" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Dialect and recognition forms of day words: Hessian and Bavarian "morgen" ("morsche",
 * "moagn"), soft consonants for hard ones ("friddach", "middwoch", "nochmiddag"), a weekday
 * heard as three words ("donn ers tag"), a teen ordinal heard as two ("neun zehnten"), an
 * ordinal one letter off before its month ("fümften April"). */
static void test_dialect_days(void)
{
	static const struct test_case c[] = {
		{ "hätten sie morsche was frei", "2026-11-25" },
		{ "kimmt ma moagn in da fria", "2026-11-25 09:00-11:00" },
		{ "am friddach nochmiddags", "2026-11-27 12:00-18:00" },
		{ "iwwermorsche am nochmiddach", "2026-11-26 12:00-18:00" },
		{ "am samsdaach", "2026-11-28" },
		{ "dunnersdaach am morje", "2026-11-26 09:00-11:00" },
		{ "am middwoch nochmiddag", "2026-11-25 12:00-18:00" },
		{ "am donn ers tag", "2026-11-26" },
		{ "die ins tag um drei", "2026-12-01 15:00" },
		{ "am neun zehnten", "2026-12-19" },
		{ "am sechs zehnten januar", "2027-01-16" },
		{ "am fümften april", "2027-04-05" },
		{ "den sibten juni bitte", "2027-06-07" },
		{ "zweimal die woche", "-" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Which mention a "nicht" rules out: "am fünften, nicht am sechsten" the second; "nicht heute,
 * morgen" is no "heute morgen"; "haben Sie nicht was am Freitag" asks; "die Woche nicht, aber
 * die nächste"; "bis spätestens elf" ends the window at eleven. */
static void test_contrasts(void)
{
	static const struct test_case c[] = {
		{ "am fünften nicht am sechsten", "2026-12-05" },
		{ "im januar nicht im februar", "2027-01-01..2027-01-31" },
		{ "nein, nicht heute, morgen", "2026-11-25" },
		{ "nicht heute, morgen um drei", "2026-11-25 15:00" },
		{ "nee nicht heute morgen", "2026-11-25" },
		{ "heute morgen um neun", "2026-11-24 09:00" },
		{ "beides nix, gibt es nicht was am freitag vormittag", "2026-11-27 09:00-12:00" },
		{ "haben sie nicht noch was am donnerstag", "2026-11-26" },
		{ "die woche schaff ich nicht aber die nächste", "2026-11-30..2026-12-06" },
		{ "übermorgen bis spätestens elf", "2026-11-26 09:00-11:00" },
		{ "spätestens um zwei", "(2026-11-24) 09:00-14:01" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* A day said with "ich hatte ... einen Termin" and a word of having missed it is gone by, and so
 * is "ich hatte am Samstag einen Termin"; one to be moved is ahead. A reason that tells when the
 * caller is there ("weil ich übermorgen dort bin") is the wish. A year or month gone by named
 * as where a thing comes from ("die Karte vom letzten Jahr") is no day. */
static void test_reasons(void)
{
	static const struct test_case c[] = {
		{ "ich hatte am montag einen termin und hab den verpasst", "past:2026-11-23" },
		{ "wir hatten am freitag einen termin aber ich hab ihn verschwitzt", "past:2026-11-20" },
		{ "ich hatte am samstag einen termin", "past:2026-11-21" },
		{ "ich hatte am samstag einen termin den möchte ich verschieben", "2026-11-28" },
		{ "ich brauch einen termin in berlin weil ich übermorgen dort bin", "2026-11-26" },
		{ "geht es, weil ich nächste woche eh in der stadt bin", "2026-11-30..2026-12-06" },
		{ "lieber abends, weil ich vormittags arbeite", "(2026-11-24) 17:00-20:00" },
		{ "einen termin bitte weil ich nur donnerstags kann", "2026-11-26" },
		{ "weil ich am montag keine zeit habe", "-" },
		{ "gilt die zehnerkarte vom letzten jahr noch", "-" },
		{ "die abrechnung vom letzten monat stimmt nicht", "-" },
		{ "ich war letzten monat krank", "past:2026-10-01" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* A time the caller says is taken ("da hab ich den Steuerberater"), months in compounds, the
 * next free one (the clock of test_ctx(): Tuesday 2026-11-24, 10:00). */
static void test_taken_and_compounds(void)
{
	static const struct test_case c[] = {
		{ "montag geht nicht, nein mittwoch, montag hab ich doch den zahnarzt", "2026-11-25" },
		{ "um drei, um vier hab ich ja gymnastik", "(2026-11-24) 15:00" },
		{ "am freitag hab ich einen termin beim orthopäden, lieber donnerstag", "2026-11-26" },
		{ "donnerstag hab ich den ganzen tag zeit", "2026-11-26" },
		{ "morgen hab ich doch den termin bei ihnen", "2026-11-25" },
		{ "bis 16 uhr hab ich dienst", "(2026-11-24) 16:00-20:00" },
		{ "zum monatsersten wenn es geht", "2026-12-01" },
		{ "in der zweiten dezemberwoche", "2026-12-08..2026-12-14" },
		{ "egal, geben sie mir den nächsten freien", "soonest" },
		/* a part of the day ruled out elsewhere makes no hour one in the night */
		{ "vormittags geht es bei mir überhaupt nicht wegen der arbeit aber mittwoch ab vier", "2026-11-25 16:00-20:00" },
		{ "mittwoch morgens um sieben", "2026-11-25 07:00" },
		/* the tense and the negations of another clause do not reach the day */
		{ "gestern hab ich angerufen, also am freitag", "2026-11-27" },
		{ "da hat keiner abgehoben also am donnerstag", "2026-11-26" },
		{ "also wo war ich, freitag ginge", "2026-11-27" },
		{ "am freitag war ich schon bei ihnen", "past:2026-11-20" },
		{ "der freitag wär gar nicht schlecht", "2026-11-27" },
		{ "der freitag ist schlecht", "-" },
		{ "wann ist denn das nächste freie", "soonest" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Moving an appointment "auf" another day: the time and part of the day said with
 * the old day stay with it, the new day's own are the wish. */
static void test_moved_from(void)
{
	static const struct test_case c[] = {
		{ "den termin donnerstag vormittag bitte auf freitag legen", "2026-11-27" },
		{ "ich würde gern den von morgen um halb neun auf nächste woche schieben", "2026-11-30..2026-12-06" },
		{ "mittwoch um elf auf donnerstag nachmittag", "2026-11-26 12:00-18:00" },
		{ "vom dreißigsten um 15 uhr auf den ersten dezember um 10", "2026-12-01 10:00" },
		{ "donnerstag abend auf freitag früh", "2026-11-27 09:00-11:00" },
		{ "auf freitag um 14 uhr", "2026-11-27 14:00" },
		/* "auf Montage" is assembly work away, not Mondays */
		{ "diese woche nicht ich bin auf montage, nächste woche mittwoch", "2026-12-02" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* A part of this month said when it is over is the coming month's, unless it is told
 * in the past tense. */
static void test_month_part_over(void)
{
	static const struct test_case c[] = {
		{ "irgendwann anfang des monats", "2026-12-01..2026-12-10" },
		{ "am besten zur monatsmitte", "2026-12-11..2026-12-20" },
		{ "gegen ende des monats", "2026-11-24..2026-11-30" },
		{ "anfang des monats hatte ich schon mal angerufen", "past:2026-11-01" },
	};
	struct nlu_context ctx = test_ctx();   /* the 24th */
	TEST_CASES(&ctx, c);
}

/* A weekday said of a date, a time taken elsewhere, how far a negation reaches,
 * ordinals and weeks as recognition writes them. */
static void test_said_around(void)
{
	static const struct test_case c[] = {
		/* a weekday said of a date with its month is that date's */
		{ "am siebten dezember das müsste ein montag sein", "2026-12-07" },
		{ "am siebten dezember und am freitag", "2026-12-07" },
		/* a time taken by a visit elsewhere ("noch Zahnarzt") is no wish */
		{ "donnerstag um halb drei nee halb vier um drei hab ich noch zahnarzt", "2026-11-26 15:30" },
		/* a negation reaches past fillers; a comma or "nur" after it ends it */
		{ "abends geht bei mir leider überhaupt nicht nur vormittags am donnerstag", "2026-11-26 09:00-12:00" },
		{ "vormittags geht bei mir nicht, nur nachmittags", "(2026-11-24) 12:00-18:00" },
		{ "ich ruf an wegen meinem termin am freitag da kann ich leider doch nicht", "2026-11-27" },
		/* an ordinal's ending apart from its digits; the week heard as a plural */
		{ "am 3 ten dezember um 10", "2026-12-03 10:00" },
		{ "nächste wochen mittwoch", "2026-12-02" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Words heard in pieces, a year among times, a second choice after "sonst",
 * a weekday before or after a date (now: Tuesday, 24 November 2026). */
static void test_heard_in_pieces(void)
{
	static const struct test_case c[] = {
		/* tens and the quarter heard in two; a feast or a week's day heard in pieces */
		{ "donnerstag um siebzehn uhr vier zig", "2026-11-26 17:40" },
		{ "donnerstag um zehn uhr drei sig", "2026-11-26 10:30" },
		{ "morgen um vier tel nach elf", "2026-11-25 11:15" },
		{ "morgen so um virtel vor zwei", "2026-11-25 ~13:45" },
		{ "nach fron leichnam", "2027-05-28..2027-06-03" },
		{ "übernächste wochedienstag", "2026-12-08" },
		/* "gudn Abend" greets; a year after "von" is no time */
		{ "gudn abend haben sie freitag auf", "2026-11-27" },
		{ "der gutschein ist noch von 2025 geht der freitag", "2026-11-27" },
		{ "am freitag von 1500 bis 1700", "2026-11-27 15:00-17:00" },
		/* the same time as always is the appointment's, not the call's */
		{ "den termin auf freitag legen gleiche zeit wie sonst", "2026-11-27" },
		{ "morgen zur gleichen zeit", "2026-11-25 10:00" },
		/* "sonst" offers a second choice; the "nicht" after it rules out the others */
		{ "donnerstag wär schön sonst eben freitag", "2026-11-26" },
		{ "nur am mittwoch sonst geht es bei mir leider nicht", "2026-11-25" },
		/* a shift heard in two is no time of day */
		{ "dienstag nicht da hab ich spät schicht aber mittwoch", "2026-11-25" },
		/* "am nächsten frei": the soonest */
		{ "wann haben sie denn am nächsten frei", "soonest" },
		{ "geht es über mor gen", "2026-11-26" },
		{ "nächsde woche irschendwann", "2026-11-30..2026-12-06" },
		/* free until a time when a duty follows it; busy until then when free after */
		{ "freitag bis zwölf uhr spätestens danach muss ich in die arbeit", "2026-11-27 09:00-12:00" },
		{ "freitag ich arbeite bis zwölf danach", "2026-11-27 12:00-20:00" },
		/* a time said with a day another one replaces goes with it; a day corrected keeps it */
		{ "morgen abend muss ich leider absagen können wir dafür nächste woche", "2026-11-30..2026-12-06" },
		{ "mittwoch um elf nein donnerstag", "2026-11-26 11:00" },
		{ "morgen früh oder übermorgen", "2026-11-25 09:00-11:00" },
		/* a weekday before or after a date */
		{ "am mittwoch vor dem zweiten dezember", "2026-11-25" },   /* the 2nd is a Wednesday */
		{ "dienstag nach dem 6. dezember", "2026-12-08" },
		{ "freitag der 27. november", "2026-11-27" },
		/* "nich" rules out as "nicht" does; what the caller no longer is rules out nothing */
		{ "um zehn passt nich lieber um elf", "(2026-11-24) 11:00" },
		{ "montag geht nich aber dienstag", "2026-12-01" },
		{ "am freitag kann ich nich", "-" },
		{ "um zehn passt nich", "-" },
		{ "morgen mittags ich bin nicht mehr die jüngste", "2026-11-25 11:30-14:00" },
		{ "bis wenn haben sie morgen geöff net", "2026-11-25" },
		/* the clause after a day ruled out, opened by "da", tells of that day */
		{ "montag geht nicht da hab ich bis vier dienst dienstag wär besser", "2026-12-01" },
		{ "freitag nicht da bin ich bis mittags beim arzt aber samstag", "2026-11-28" },
		{ "montag nicht dienstag ab vier", "2026-12-01 16:00-20:00" },
		/* "früh" that asks or apologises */
		{ "entschuldigen sie die frühe störung ich hätte gern einen termin", "-" },
		{ "wie früh muss ich da sein", "-" },
		{ "morgen früh", "2026-11-25 09:00-11:00" },
		/* of two times to start from, the later; a duty after "danach" said with "is", "kommt" */
		{ "dienstag ab achtzehn uhr ich hab bis fünf dienst", "2026-12-01 18:00-20:00" },
		{ "dienstag ab vier ich hab bis drei schule", "2026-12-01 16:00-20:00" },
		{ "samstag bis um elf danach is fußball beim kleinen", "2026-11-28 09:00-11:00" },
		{ "freitag bis zehn danach kommt der pflegedienst", "2026-11-27 09:00-10:00" },
		{ "freitag ich arbeite bis zehn danach is frei", "2026-11-27 10:00-20:00" },
		/* a count is no day of the month */
		{ "ich hab ein rezept für sechs massagen", "-" },
		{ "für zwei personen am freitag", "2026-11-27" },
		{ "für den sechsten bitte", "2026-12-06" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* A day said by the one before it ("den Tag danach"), working days counted, the Swabian
 * "schd", and "früh" that apologises for the call. */
static void test_days_by_others(void)
{
	static const struct test_case c[] = {
		{ "nein am siebenundzwanzigsten nicht aber den tag danach", "2026-11-28" },
		{ "freitag geht nicht aber der tag danach", "2026-11-28" },
		{ "donnerstag nicht aber den tag davor", "2026-11-25" },
		{ "am freitag oder am tag danach", "2026-11-27" },
		{ "den tag danach", "-" },
		{ "am ersten werktag im neuen jahr", "2027-01-04" },   /* 1 January 2027 is a Friday */
		{ "am letzten arbeitstag im dezember", "2026-12-31" },
		{ "am zweiten werktag im mai", "2027-05-04" },          /* 1 May is a Saturday */
		{ "an silveschder", "2026-12-31" },
		{ "am mändig", "2026-11-30" },
		{ "nächschde woch", "2026-11-30..2026-12-06" },
		{ "entschuldigung dass ich so früh anrufe ich möchte absagen", "-" },
		{ "morgen früh anrufen", "2026-11-25 09:00-11:00" },
		/* an end before the start said is the caller's duty; "auf" with a noun of its own */
		{ "montag ab fünf ich arbeite auf der baustelle bis vier", "2026-11-30 17:00-20:00" },
		{ "montag nach feierabend so ab fünf ick arbeete bis um vier", "2026-11-30 17:00-20:00" },
		{ "den termin auf montag um vier", "2026-11-30 16:00" },
		{ "montag ab zwei bis vier", "2026-11-30 14:00-16:00" },
		/* what the caller tells of their day: up at six, the children picked up, free at short notice */
		{ "morgen früh wenns geht ich bin eh um sechs auf den beinen", "2026-11-25 09:00-11:00" },
		{ "um drei ach quatsch da hol ich die kinder ab um vier", "(2026-11-24) 16:00" },
		{ "ab um vier hab ich zeit", "(2026-11-24) 16:00-20:00" },
		{ "haben sie heute noch was frei ich hab grad spontan frei bekommen", "2026-11-24" },
		/* a feast a voucher was given for, heard in two or compared with */
		{ "ich hab zu weihnachten n gut schein gekriegt kann ich den einlösen", "-" },
		{ "ich hätt gern wieder so nen gutschein wie an weihnachten", "-" },
		{ "ich möchte einen termin wie an weihnachten", "2026-12-24..2026-12-26" },
		{ "gibt es gutscheine ich will meiner frau was zum muttertag schenken", "-" },
		{ "meine oma hat letztes jahr nen gutschein gekriegt ist der noch gültig", "-" },
		/* a weekday "drauf" after the day before; a move forwards */
		{ "am fronleichnam habt ihr bestimmt zu ach egal dann den freitag drauf", "2027-05-28" },
		{ "ich hätt den termin gern nach vorne verlegt", "earlier" },
		/* another's duty then; a part of the day after the one "nur" goes with */
		{ "am dienstag nee quatsch am mittwoch dienstags hat der leon ja schwimmen", "2026-11-25" },
		{ "ich kann nur vormittags nachmittags kommt der pflegedienst am freitag", "2026-11-27 09:00-12:00" },
		{ "am letzten freitag im januar da hat die kita schließtag dann hab ich eh frei", "2027-01-29" },
		/* "erst um vier" after a duty: free from then */
		{ "donnerstag aber bitte nicht vor halb fünf ich komm erst um vier von der schicht",
		  "2026-11-26 16:30-20:00" },
		{ "donnerstag ich komm erst um vier von der arbeit", "2026-11-26 16:00-20:00" },
		{ "morgen erst um zehn", "2026-11-25 10:00" },
		/* how the caller is today; the same time as the appointment moved */
		{ "ich bin heut ganz durch den wind", "-" },
		{ "das is mein mädchenname heute heiß ich weber", "-" },
		{ "ich bin heute flexibel", "2026-11-24" },
		{ "können wir das von montag auf mittwoch schieben gleiche uhrzeit", "2026-11-25" },
		{ "kann ich heute noch spontan vorbeikommen", "2026-11-24" },
		{ "spontan wenn möglich", "soonest" },
		/* a day said, then another: never folded into one across a correction or a verdict */
		{ "morgen nein am freitag um zehn", "2026-11-27 10:00" },
		{ "übermorgen nein am dienstag", "2026-12-01" },
		{ "übermorgen ist schlecht am mittwoch um zehn geht", "2026-11-25 10:00" },
		{ "übermorgen weil am dienstag hab ich keine zeit", "2026-11-26" },
		{ "heute dienstag um elf", "2026-11-24 11:00" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* A day wished well, said again in other words, said before; recognition running words into one. */
static void test_days_said_about(void)
{
	static const struct test_case c[] = {
		{ "danke ihnen auch ein schönes wochenende", "-" },
		{ "frohe weihnachten", "-" },
		{ "am wochenende", "2026-11-28..2026-11-29" },
		{ "am freitag nach dem nächsten also nach dem ersten advent", "2026-12-04" },
		{ "ich hatte freitag gesagt nicht samstag", "2026-11-27" },
		{ "ich meinte montag nicht dienstag", "2026-11-30" },
		{ "das passt nicht ich hatte mittwoch gesagt", "2026-11-25" },
		{ "ich war am mittwoch da", "past:2026-11-18" },
		{ "ente januar", "2027-01-21..2027-01-31" },
		{ "ammittwoch um elf", "2026-11-25 11:00" },
		{ "am mittwoch um elf", "2026-11-25 11:00" },
		{ "am donnerstaach", "2026-11-26" },
		{ "ned am dreißigsta aber am erschta", "2026-12-01" },
		{ "morgen aber nicht vor elf ich schlafe bis mittag", "2026-11-25 12:00-20:00" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* Days, parts of the day and hours as regions say them. */
static void test_dialect_hours(void)
{
	static const struct test_case c[] = {
		{ "am zischdig um zehne", "2026-12-01 10:00" },
		{ "am donnschdig nammidag", "2026-11-26 12:00-18:00" },
		{ "dünnersdag obends", "2026-11-26 17:00-20:00" },
		{ "am pfinsta in da fruah", "2026-11-26 09:00-11:00" },
		{ "am mittwoch um halber zehne", "2026-11-25 09:30" },
		{ "morgen um halb achte", "2026-11-25 19:30" },
		{ "am achten um zehn", "2026-12-08 10:00" },
		{ "am freitag am vieri", "2026-11-27 16:00" },
		{ "am samstag am drü", "2026-11-28 15:00" },
		{ "am füfi am nomitag", "(2026-11-24) 17:00" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

/* A negation that ends its clause, a duty that is over, another time ruled out. */
static void test_clauses_apart(void)
{
	static const struct test_case c[] = {
		/* "nicht" before a proposal's verb belongs to the clause before */
		{ "nein um acht schaff ich das nicht ginge auch halb elf", "(2026-11-24) 10:30" },
		{ "morgen kann ich nicht wäre donnerstag möglich", "2026-11-26" },
		{ "wenn das am freitag nicht geht dann montag", "2026-11-30" },
		/* a duty over by then frees the caller */
		{ "donnerstag ab drei da hab ich die arbeit vorbei", "2026-11-26 15:00-20:00" },
		{ "freitag ab eins da hab ich schule aus", "2026-11-27 13:00-20:00" },
		{ "freitag ab eins da hab ich schule", "2026-11-27" },
		/* "später geht nicht" rules out a later time, not the one said */
		{ "morgen um halb zehn früher geht nicht", "2026-11-25 09:30" },
		{ "morgen um halb zehn geht nicht", "2026-11-25" },
		/* "oder" taken back corrects; "oder" alone offers the first */
		{ "am mittwoch oder nee am donnerstag", "2026-11-26" },
		{ "um zehn oder nein um elf", "(2026-11-24) 11:00" },
		{ "um vier oder um fünf", "(2026-11-24) 16:00" },
		/* noon ending or opening a span */
		{ "morgen von zehn bis mittag", "2026-11-25 10:00-12:00" },
		{ "morgen zwischen mittag und halb drei", "2026-11-25 12:00-14:30" },
		{ "morgen ab mittag", "2026-11-25 12:00-20:00" },
		/* whatever is free first */
		{ "irgendwann was als erstes frei ist", "soonest" },
		{ "was am schnellsten frei ist", "soonest" },
	};
	struct nlu_context ctx = test_ctx();
	TEST_CASES(&ctx, c);
}

int main(void)
{
	test_table();
	test_json();
	test_fields();
	test_week_hours();
	test_hostile();
	test_past();
	test_feasts();
	test_anchors();
	test_nth_weeks();
	test_clock_forms();
	test_spelling();
	test_choice();
	test_spans();
	test_written_forms();
	test_written_forms_2();
	test_split_words();
	test_corrections();
	test_soonest_words();
	test_perfect();
	test_other_calendars();
	test_dialect_days();
	test_contrasts();
	test_reasons();
	test_taken_and_compounds();
	test_moved_from();
	test_month_part_over();
	test_said_around();
	test_heard_in_pieces();
	test_days_by_others();
	test_clauses_apart();
	test_dialect_hours();
	test_days_said_about();
	return t_done();
}
