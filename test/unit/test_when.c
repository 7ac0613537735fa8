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

int main(void)
{
	test_table();
	test_json();
	test_fields();
	test_week_hours();
	test_hostile();
	return t_done();
}
