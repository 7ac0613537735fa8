/* test_nlu.c: the German understanding against the caller table test/data/utterances.tsv and unit cases. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "nlu.h"
#include "nlu_int.h"
#include "t.h"
#include "t_table.h"
#include "tf_limits.h"

#define TABLE "test/data/utterances.tsv"

static const char *const test_cities[] = { "Berlin", "München", "Hamburg", "Frankfurt am Main", "Köln" };

static struct nlu_context test_ctx(void)
{
	struct nlu_context c;
	memset(&c, 0, sizeof(c));
	c.now = (struct civil_time){ { 2026, 11, 24 }, 10, 0, 0 };   /* a Tuesday */
	c.open_from = 9 * 60;
	c.open_to = 20 * 60;
	c.cities = test_cities;
	c.ncities = sizeof(test_cities) / sizeof(test_cities[0]);
	return c;
}

/* Runs every row of the table; prints accuracy per intent and in total. */
static void test_table(void)
{
	FILE *f = fopen(TABLE, "r");
	T_OK(f != NULL);
	if (f == NULL)
		return;
	struct nlu_context ctx = test_ctx();
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	int total = 0, good = 0, when_total = 0, when_good = 0;
	int per[NLU_INTENT_COUNT][2];
	memset(per, 0, sizeof(per));
	char line[4096];
	int lineno = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		int dir = t_table_directive(line, &ctx);
		T_OK(dir >= 0);
		if (dir != 0)
			continue;
		char *col[5] = { 0 };
		size_t nc = t_table_split(line, col, 5);
		if (nc < 4) {
			fprintf(stderr, "%s:%d: needs expect, utterance, intent, when\n", TABLE, lineno);
			t_failed++;
			continue;
		}
		const char *extra = nc >= 5 && strcmp(col[4], "-") != 0 ? col[4] : "";
		struct t_table_row row = { col[0], col[1], col[2], col[3], extra };
		struct t_table_verdict v;
		bool ok = t_table_check(&a, &ctx, &row, TABLE, lineno, &v);
		total++;
		enum nlu_intent want = NLU_UNKNOWN;
		for (int k = 0; k < NLU_INTENT_COUNT; k++)
			if (strcmp(nlu_intent_name((enum nlu_intent)k), col[2]) == 0)
				want = (enum nlu_intent)k;
		per[want][0]++;
		if (strcmp(col[3], "-") != 0)
			when_total++;
		if (ok) {
			good++;
			per[want][1]++;
			if (strcmp(col[3], "-") != 0)
				when_good++;
			t_passed++;
		} else {
			t_failed++;
		}
		arena_reset(&a);
	}
	fclose(f);
	arena_free(&a);
	printf("utterance table: %d rows\n", total);
	for (int k = 0; k < NLU_INTENT_COUNT; k++)
		if (per[k][0] > 0)
			printf("  %-13s %3d/%3d  %5.1f%%\n", nlu_intent_name((enum nlu_intent)k), per[k][1], per[k][0],
			       100.0 * per[k][1] / per[k][0]);
	printf("  %-13s %3d/%3d  %5.1f%%\n", "with a time", when_good, when_total,
	       when_total ? 100.0 * when_good / when_total : 100.0);
	printf("  %-13s %3d/%3d  %5.1f%%\n", "total", good, total, total ? 100.0 * good / total : 0.0);
	T_OK(total >= 400);
	T_EQ_INT(good, total);
}

/* ---- unit cases ---- */

static void test_numwords(void)
{
	static const struct {
		const char *w;
		int v;
		bool ord;
	} rows[] = {
		{ "null", 0, false }, { "eins", 1, false }, { "zwo", 2, false }, { "vierzehn", 14, false },
		{ "einundzwanzig", 21, false }, { "neunundneunzig", 99, false }, { "hundert", 100, false },
		{ "einhundertzwanzig", 120, false }, { "zweitausendsechsundzwanzig", 2026, false },
		{ "tausendeins", 1001, false }, { "ersten", 1, true }, { "dritte", 3, true }, { "siebten", 7, true },
		{ "achte", 8, true }, { "zwoelften", 12, true }, { "neunzehnter", 19, true },
		{ "zwanzigsten", 20, true }, { "einundzwanzigsten", 21, true }, { "dreissigste", 30, true },
		{ "einunddreissigsten", 31, true },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int v = -1;
		bool ord = !rows[i].ord;
		T_OK(nlu_numword(rows[i].w, strlen(rows[i].w), &v, &ord));
		T_EQ_INT(v, rows[i].v);
		T_EQ_INT(ord, rows[i].ord);
	}
	static const char *const no[] = { "ein", "eine", "einen", "erst", "beste", "kosten", "liste", "undzwanzig",
					  "zwanzigund", "hundertnull", "achtung", "" };
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		int v;
		bool ord;
		T_OK(!nlu_numword(no[i], strlen(no[i]), &v, &ord));
	}
}

static struct nlu_toks test_tk;

static const char *test_norm(const char *text)
{
	static char out[TF_MAX_SPEECH * 2];
	nlu_tokenize(text, strlen(text), &test_tk);
	nlu_toks_text(&test_tk, out, sizeof(out));
	return out;
}

static void test_normalise(void)
{
	T_EQ_STR(test_norm("Ähm, ich MÖCHTE am Dreiundzwanzigsten um Viertel nach Vier!"),
		 "ich moechte am 23. um viertel nach 4");
	T_EQ_STR(test_norm("Grüße aus Köln, Straße 5"), "gruesse aus koeln strasse 5");
	T_EQ_STR(test_norm("Gruesse aus Koeln"), "gruesse aus koeln");
	T_EQ_STR(test_norm("am 3.12.2026 um 14:30 Uhr"), "am 3.12.2026 um 14:30 uhr");
	T_EQ_STR(test_norm("um 10.30 Uhr, am 10.12 Uhr"), "um 10:30 uhr am 10:12 uhr");
	T_EQ_STR(test_norm("der 3te oder 21sten"), "der 3. oder 21.");
	T_EQ_STR(test_norm("geht's am Dienstagnachmittag?"), "gehts am dienstag nachmittag");
	T_OK(test_tk.question);
	T_EQ_STR(test_norm("ein Vormittagstermin"), "ein vormittag termin");
	T_EQ_STR(test_norm("M Ü L L E R"), "mueller");
	T_EQ_STR(test_norm("S-C-H-M-I-D-T"), "schmidt");
	T_EQ_STR(test_norm("Müller-Lüdenscheidt"), "mueller-luedenscheidt");
	T_EQ_STR(test_norm("José Çelik Łukasz"), "jose celik lukasz");
	T_EQ_STR(test_norm("+49 151"), "+49 151");
	T_EQ_STR(test_norm("äh hm ähm"), "");
	T_EQ_STR(test_norm(""), "");
	T_EQ_STR(test_norm("\xc3\x28 \xe2\x28\xa1 \xf0\x90\x28\xbc \xc0\xaf zwei"), "2");
	T_EQ_STR(test_norm("Привет мир"), "Привет мир");
	T_EQ_STR(test_norm("Müller, Max"), "mueller max");
	T_OK(test_tk.t[0].flags & NLU_TOK_COMMA);
}

/* Input past TF_MAX_SPEECH is cut at a character boundary. */
static void test_limits(void)
{
	char *big = malloc(TF_MAX_SPEECH + 8);
	T_OK(big != NULL);
	if (big == NULL)
		return;
	memset(big, 'a', TF_MAX_SPEECH - 1);
	memcpy(big + TF_MAX_SPEECH - 1, "\xc3\xa4\xc3\xa4", 4);   /* "ää" across the limit */
	T_EQ_INT(nlu_cut(big, TF_MAX_SPEECH + 3), TF_MAX_SPEECH - 1);
	T_EQ_INT(nlu_cut(big, TF_MAX_SPEECH), TF_MAX_SPEECH);
	T_EQ_INT(nlu_cut(big, 10), 10);
	for (size_t i = 0; i < TF_MAX_SPEECH + 8; i++)
		big[i] = "ab "[i % 3];
	nlu_tokenize(big, TF_MAX_SPEECH + 8, &test_tk);
	T_EQ_INT(test_tk.n, NLU_MAX_TOKENS);
	free(big);
}

static void test_expectations(void)
{
	struct nlu_context ctx = test_ctx();
	struct arena a;
	struct nlu_result r;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* the same words mean different things depending on the question */
	ctx.expect = NLU_EXPECT_NONE;
	T_EQ_INT(nlu_parse(&a, "müller", 7, &ctx, &r), TF_OK);
	T_EQ_INT(r.intent, NLU_UNKNOWN);
	T_OK(r.last_name == NULL);
	ctx.expect = NLU_EXPECT_NAME;
	T_EQ_INT(nlu_parse(&a, "müller", 7, &ctx, &r), TF_OK);
	T_EQ_INT(r.intent, NLU_GIVE_NAME);
	T_EQ_STR(r.last_name, "Müller");
	ctx.expect = NLU_EXPECT_NONE;
	T_EQ_INT(nlu_parse(&a, "zehn", 4, &ctx, &r), TF_OK);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	ctx.expect = NLU_EXPECT_CHOICE;
	T_EQ_INT(nlu_parse(&a, "um zehn", 7, &ctx, &r), TF_OK);
	T_EQ_INT(r.intent, NLU_BOOK);
	T_OK(r.when.has_time && r.when.minute == 600 && !r.when.has_date);
	T_EQ_INT(nlu_parse(&a, "den zweiten", 11, &ctx, &r), TF_OK);
	T_EQ_INT(r.choice, 1);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	ctx.expect = NLU_EXPECT_NONE;
	T_EQ_INT(nlu_parse(&a, "den zweiten", 11, &ctx, &r), TF_OK);
	T_EQ_INT(r.choice, NLU_CHOICE_NONE);
	T_EQ_INT(r.when.date.day, 2);
	ctx.expect = NLU_EXPECT_YESNO;
	T_EQ_INT(nlu_parse(&a, "ja", 2, &ctx, &r), TF_OK);
	T_EQ_INT(r.intent, NLU_YES);
	T_OK(r.confidence > 0.9);
	ctx.expect = NLU_EXPECT_NONE;
	T_EQ_INT(nlu_parse(&a, "ja", 2, &ctx, &r), TF_OK);
	T_EQ_INT(r.intent, NLU_YES);
	double unasked = r.confidence;
	ctx.expect = NLU_EXPECT_YESNO;
	T_EQ_INT(nlu_parse(&a, "ja", 2, &ctx, &r), TF_OK);
	T_OK(r.confidence > unasked);
	ctx.expect = NLU_EXPECT_PHONE;
	T_EQ_INT(nlu_parse(&a, "vier fünf sechs", 16, &ctx, &r), TF_OK);
	T_EQ_STR(r.digits, "456");
	ctx.expect = NLU_EXPECT_NONE;
	T_EQ_INT(nlu_parse(&a, "vier fünf sechs", 16, &ctx, &r), TF_OK);
	T_OK(r.digits == NULL);
	arena_free(&a);
}

static void test_sentiment(void)
{
	static const struct {
		const char *t;
		int sign;
	} rows[] = {
		{ "das ist super vielen dank", 1 }, { "sehr freundlich", 1 }, { "nicht schlecht", 1 },
		{ "das ist eine frechheit", -1 }, { "ich bin total enttäuscht", -1 }, { "nicht gut", -1 },
		{ "ich bin nicht zufrieden", -1 }, { "am dienstag um zehn", 0 }, { "mist schon wieder besetzt", -1 },
	};
	struct nlu_context ctx = test_ctx();
	struct arena a;
	struct nlu_result r;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		T_EQ_INT(nlu_parse(&a, rows[i].t, strlen(rows[i].t), &ctx, &r), TF_OK);
		int sign = r.sentiment > 0.05 ? 1 : r.sentiment < -0.05 ? -1 : 0;
		if (sign != rows[i].sign)
			fprintf(stderr, "sentiment of \"%s\": %.2f\n", rows[i].t, r.sentiment);
		T_EQ_INT(sign, rows[i].sign);
		T_OK(r.sentiment >= -1 && r.sentiment <= 1);
	}
	double plain, strong;
	T_EQ_INT(nlu_parse(&a, "gut", 3, &ctx, &r), TF_OK);
	plain = r.sentiment;
	T_EQ_INT(nlu_parse(&a, "sehr gut", 8, &ctx, &r), TF_OK);
	strong = r.sentiment;
	T_OK(strong > plain);
	arena_free(&a);
}

static void test_json(void)
{
	struct nlu_context ctx = test_ctx();
	struct arena a;
	struct nlu_result r;
	cJSON *j = NULL;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	const char *t = "Hallo, hier ist Frau Schmidt, ich hätte gern morgen um 14 Uhr einen Termin in München.";
	T_EQ_INT(nlu_parse(&a, t, strlen(t), &ctx, &r), TF_OK);
	T_EQ_INT(nlu_result_json(&r, &j), TF_OK);
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "intent")), "book");
	double c = cJSON_GetNumberValue(cJSON_GetObjectItem(j, "confidence"));
	T_OK(c > 0.5 && c <= 1);
	cJSON *e = cJSON_GetObjectItem(j, "entities");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(e, "date")), "2026-11-25");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(e, "time")), "14:00");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(e, "city")), "München");
	cJSON *n = cJSON_GetObjectItem(e, "name");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(n, "salutation")), "Frau");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(n, "last")), "Schmidt");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "when"), "grain")), "time");
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "normalized")),
		 "hallo hier ist frau schmidt ich haette gern morgen um 14 uhr einen termin in muenchen");
	T_OK(cJSON_IsNumber(cJSON_GetObjectItem(j, "sentiment")));
	cJSON_Delete(j);
	ctx.expect = NLU_EXPECT_CHOICE;
	T_EQ_INT(nlu_parse(&a, "den letzten", 11, &ctx, &r), TF_OK);
	T_EQ_INT(nlu_result_json(&r, &j), TF_OK);
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "entities"), "choice")), "last");
	cJSON_Delete(j);
	ctx.expect = NLU_EXPECT_NONE;
	T_EQ_INT(nlu_parse(&a, "", 0, &ctx, &r), TF_OK);
	T_EQ_INT(nlu_result_json(&r, &j), TF_OK);
	char *s = cJSON_PrintUnformatted(j);
	T_EQ_STR(s, "{\"intent\":\"unknown\",\"confidence\":1,\"entities\":{},\"sentiment\":0,\"normalized\":\"\"}");
	free(s);
	cJSON_Delete(j);
	T_EQ_INT(nlu_result_json(NULL, &j), TF_EINVAL);
	for (int k = 0; k <= NLU_INTENT_COUNT; k++)
		T_OK(strlen(nlu_intent_name((enum nlu_intent)k)) > 0);
	T_EQ_STR(nlu_intent_name(NLU_INFO_ADDRESS), "info_address");
	arena_free(&a);
}

/* Bad arguments and a full arena fail cleanly and leave an unknown turn. */
static void test_errors(void)
{
	struct nlu_context ctx = test_ctx();
	struct arena a;
	struct nlu_result r;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_EQ_INT(nlu_parse(NULL, "ja", 2, &ctx, &r), TF_EINVAL);
	T_EQ_INT(r.intent, NLU_UNKNOWN);
	T_EQ_INT(nlu_parse(&a, NULL, 2, &ctx, &r), TF_EINVAL);
	T_EQ_INT(nlu_parse(&a, "ja", 2, NULL, &r), TF_EINVAL);
	T_EQ_INT(nlu_parse(&a, "ja", 2, &ctx, NULL), TF_EINVAL);
	T_EQ_INT(nlu_parse(&a, NULL, 0, &ctx, &r), TF_OK);
	arena_free(&a);
	/* every allocation size up to a working one fails with TF_ENOMEM, never worse */
	const char *t = "mein name ist max müller null eins fünf eins zwei drei vier fünf sechs";
	int ok = 0;
	for (size_t max = 0; max < sizeof(struct nlu_toks) + 4096; max += 97) {
		struct arena small;
		arena_init(&small, max);
		int rc = nlu_parse(&small, t, strlen(t), &ctx, &r);
		T_OK(rc == TF_OK || rc == TF_ENOMEM);
		if (rc == TF_ENOMEM)
			T_EQ_INT(r.intent, NLU_UNKNOWN);
		ok += rc == TF_OK;
		arena_free(&small);
	}
	T_OK(ok > 0);
}

/* One turn said after the dialog asked expect; the result lives in a. */
static struct nlu_result test_hear(struct arena *a, const char *text, enum nlu_expect expect)
{
	struct nlu_context ctx = test_ctx();
	struct nlu_result r;
	ctx.expect = expect;
	T_EQ_INT(nlu_parse(a, text, strlen(text), &ctx, &r), TF_OK);
	return r;
}

#define T_INTENT(a, text, expect, want) do { \
	struct nlu_result t_r_ = test_hear((a), (text), (expect)); \
	if (t_r_.intent != (want)) \
		fprintf(stderr, "  \"%s\": %s, want %s\n", (text), nlu_intent_name(t_r_.intent), nlu_intent_name(want)); \
	T_EQ_INT(t_r_.intent, (want)); \
} while (0)

/* Questions about the studio beyond hours and address, and asking to hold the line. */
static void test_new_intents(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_EQ_STR(nlu_intent_name(NLU_INFO_FAQ), "info_faq");
	T_EQ_STR(nlu_intent_name(NLU_WAIT), "wait");
	T_INTENT(&a, "was kosten denn zehn sitzungen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "muss ich ein handtuch mitbringen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "gibt es bei ihnen parkplätze", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann ich auch mit karte bezahlen", NLU_EXPECT_DATE, NLU_INFO_FAQ);
	T_INTENT(&a, "einen augenblick bitte", NLU_EXPECT_DATE, NLU_WAIT);
	T_INTENT(&a, "moment ich hole schnell meinen kalender", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "bleiben sie bitte kurz dran", NLU_EXPECT_PHONE, NLU_WAIT);
	arena_free(&a);
}

/* A negation turns the request word after it around; "nicht X sondern Y" keeps Y. */
static void test_negation_scope(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "ich brauche keinen rückruf ich möchte gleich einen termin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich will keinen rückruf verbinden sie mich mit einem mitarbeiter", NLU_EXPECT_NONE, NLU_HUMAN);
	T_INTENT(&a, "nein morgen schaffe ich das nicht lieber am donnerstag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ich möchte meinen termin nicht absagen sondern auf freitag legen", NLU_EXPECT_NONE,
		 NLU_RESCHEDULE);
	T_INTENT(&a, "warum nicht", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "nicht unbedingt", NLU_EXPECT_YESNO, NLU_NO);
	arena_free(&a);
}

/* Greetings, thanks and goodbyes inside a longer request do not decide it. */
static void test_roles(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "servus ich bräuchte einen termin am freitag", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "servus", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "bevor ich tschüss sage wann haben sie samstags offen", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "hallo ich rufe an wegen einem termin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich ruf morgen nochmal an tschüss", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "schönes wochenende schon mal ich hätte gern einen termin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "machen sie über mittag zu", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "am freitag in der mittagspause", NLU_EXPECT_NONE, NLU_BOOK);
	arena_free(&a);
}

/* Words heard a little wrong: a slip of one letter, an ending, a compound, a word split in two. */
static void test_heard_words(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "ich möchte den termin stonieren", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "wann haben sie geöfnet", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "ich möchte meinen termin ver schieben", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "ich möchte bitte ab sagen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "auf wieder hören", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "können sie das bitte wieder holen", NLU_EXPECT_NONE, NLU_REPEAT);
	T_INTENT(&a, "wie ist die studioadresse", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "wie ist die adrese", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	/* a frequent word one letter from a cue word stays itself */
	T_INTENT(&a, "sollte", NLU_EXPECT_NONE, NLU_UNKNOWN);
	arena_free(&a);
}

/* Everyday and regional words, cancel and reschedule wordings, where the studio is. */
static void test_everyday(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "passt scho", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "freilich", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "das geht eher schlecht", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "ade", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "das ging mir zu schnell", NLU_EXPECT_DATE, NLU_REPEAT);
	T_INTENT(&a, "bitte nochmal langsam", NLU_EXPECT_DATE, NLU_REPEAT);
	T_INTENT(&a, "mein termin am montag fällt leider flach", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "können wir den termin anders legen", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "welche u-bahn fährt zu ihnen", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "in welchem stadtteil ist das studio", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	arena_free(&a);
}

/* A self-correction and a question inside an answer: what comes last, or the question, counts. */
static void test_corrections(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "ich möchte einen termin absagen äh nein verschieben", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "ja aber was kostet das eigentlich", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "ja gut und wo genau ist das studio", NLU_EXPECT_YESNO, NLU_INFO_ADDRESS);
	T_INTENT(&a, "ja gerne", NLU_EXPECT_YESNO, NLU_YES);
	arena_free(&a);
}

static void test_name_is(struct arena *a, const char *text, enum nlu_expect expect, const char *sal,
			 const char *first, const char *last)
{
	struct nlu_result r = test_hear(a, text, expect);
	bool ok = (sal == NULL ? r.salutation == NULL : r.salutation != NULL && strcmp(sal, r.salutation) == 0) &&
		  (first == NULL ? r.first_name == NULL : r.first_name != NULL && strcmp(first, r.first_name) == 0) &&
		  (last == NULL ? r.last_name == NULL : r.last_name != NULL && strcmp(last, r.last_name) == 0);
	if (!ok)
		fprintf(stderr, "  \"%s\": sal=%s first=%s last=%s\n", text, r.salutation ? r.salutation : "-",
			r.first_name ? r.first_name : "-", r.last_name ? r.last_name : "-");
	T_OK(ok);
}

/* A caller who corrects the slot, the phone number or the first name means what comes last;
 * a question after the answer words counts as a question; a sound is no misheard word. */
static void test_self_corrections(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct nlu_result r = test_hear(&a, "den dritten äh nein doch lieber den ersten", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, 0);
	r = test_hear(&a, "den mittleren oder nee den letzten", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, NLU_CHOICE_LAST);
	r = test_hear(&a, "ist mir egal nehmen wir den zweiten", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, 1);
	r = test_hear(&a, "den zweiten nicht den ersten", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, 1);
	r = test_hear(&a, "variante drei äh zwei", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, 1);
	r = test_hear(&a, "egal", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, NLU_CHOICE_ANY);
	/* a number started again: its area code said twice */
	r = test_hear(&a, "null eins fünf zwei äh null eins fünf eins acht acht sieben sieben sechs sechs", NLU_EXPECT_PHONE);
	T_EQ_STR(r.digits, "0151887766");
	r = test_hear(&a, "null drei null eins zwei drei vier fünf sechs sieben", NLU_EXPECT_PHONE);
	T_EQ_STR(r.digits, "0301234567");
	/* a first name changed for another of the same stem, a first name before "mein Nachname ist" */
	test_name_is(&a, "heinz äh heinrich berger", NLU_EXPECT_NAME, NULL, "Heinrich", "Berger");
	test_name_is(&a, "anna maria berger", NLU_EXPECT_NAME, NULL, "Anna", "Maria Berger");
	test_name_is(&a, "thomas und mein nachname ist keller", NLU_EXPECT_NAME, NULL, "Thomas", "Keller");
	test_name_is(&a, "ute also mein nachname ist brandt", NLU_EXPECT_NAME, NULL, "Ute", "Brandt");
	/* a question after the answer words */
	T_INTENT(&a, "na gut aber muss ich da was mitbringen", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "ja okay darf ich meinen hund mitnehmen", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "ja schön aber ist das auch für kinder geeignet", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "okay gut gibt es da eine umkleide", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "klar aber muss man da was unterschreiben", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "passt aber ist das auch für senioren", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "mein mann war da und hat was vergessen", NLU_EXPECT_NONE, NLU_UNKNOWN);
	/* a negated person is a no, a negated machine asks for a person */
	T_INTENT(&a, "nein ich möchte nicht mit der chefin reden", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "ich will keinen computer sprechen", NLU_EXPECT_NONE, NLU_HUMAN);
	/* a formal imperative is out of reach of a negation before it */
	T_INTENT(&a, "ich mag nicht in der warteschleife hängen rufen sie mich bitte zurück", NLU_EXPECT_NONE,
		 NLU_CALLBACK);
	T_INTENT(&a, "ich möchte nicht lange warten rufen sie mich an", NLU_EXPECT_NONE, NLU_CALLBACK);
	T_INTENT(&a, "ich kann jetzt nicht sprechen rufen sie mich später an", NLU_EXPECT_NONE, NLU_CALLBACK);
	/* cancelling for a new appointment moves it */
	T_INTENT(&a, "ich muss den termin am montag absagen und bräuchte einen neuen", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "ich will stornieren und dann neu buchen", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "ich möchte absagen einen neuen brauche ich nicht", NLU_EXPECT_NONE, NLU_CANCEL);
	/* a "nicht" closing the clause negates its verb however far back */
	T_INTENT(&a, "ich komme zu meinem termin am freitag nicht", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "ich kann zu meinem termin bei ihnen leider nicht", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "das passt mir an dem tag wirklich leider gar nicht", NLU_EXPECT_YESNO, NLU_NO);
	/* "haben Sie was ..." asks wherever it stands */
	T_INTENT(&a, "beide zu früh für mich hätten sie auch was am abend", NLU_EXPECT_CHOICE, NLU_AVAILABILITY);
	T_INTENT(&a, "der dienstag geht schlecht habt ihr vielleicht was am mittwoch", NLU_EXPECT_CHOICE,
		 NLU_AVAILABILITY);
	/* a southern diminutive ending on a cue word */
	T_INTENT(&a, "ja dann tschüssli", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "tschüssli", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "gut tschaule", NLU_EXPECT_YESNO, NLU_BYE);
	/* a sound without a vowel is not heard as a cue word */
	T_INTENT(&a, "pscht", NLU_EXPECT_YESNO, NLU_UNKNOWN);
	T_INTENT(&a, "pssst kinder", NLU_EXPECT_YESNO, NLU_UNKNOWN);
	T_INTENT(&a, "pssst", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "psst", NLU_EXPECT_YESNO, NLU_UNKNOWN);
	arena_free(&a);
}

/* Names said in conditional, indirect, surname-first and spelt forms, also unasked. */
static void test_names(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	test_name_is(&a, "ich wär der peter lindner", NLU_EXPECT_NAME, NULL, "Peter", "Lindner");
	test_name_is(&a, "am apparat ist frau sommer", NLU_EXPECT_NAME, "Frau", NULL, "Sommer");
	test_name_is(&a, "nachname kraft vorname emil", NLU_EXPECT_NAME, NULL, "Emil", "Kraft");
	test_name_is(&a, "vorname emil nachname kraft", NLU_EXPECT_NAME, NULL, "Emil", "Kraft");
	test_name_is(&a, "das wäre herr van den bosch", NLU_EXPECT_NAME, "Herr", NULL, "van den Bosch");
	test_name_is(&a, "mein name ist de vries", NLU_EXPECT_NONE, NULL, NULL, "de Vries");
	test_name_is(&a, "frau professor lange", NLU_EXPECT_NAME, "Frau", NULL, "Lange");
	test_name_is(&a, "ja genau krug mit k", NLU_EXPECT_YESNO, NULL, NULL, "Krug");
	test_name_is(&a, "krämer krämer mit ä", NLU_EXPECT_NAME, NULL, NULL, "Krämer");
	test_name_is(&a, "brandt äh nein brand ohne t", NLU_EXPECT_NAME, NULL, NULL, "Brand");
	test_name_is(&a, "guten tag petra vogt ich möchte absagen", NLU_EXPECT_NONE, NULL, "Petra", "Vogt");
	test_name_is(&a, "seidel hier ich hätte gern einen rückruf", NLU_EXPECT_NONE, NULL, NULL, "Seidel");
	test_name_is(&a, "ich heiße übrigens lindner", NLU_EXPECT_DATE, NULL, NULL, "Lindner");
	test_name_is(&a, "warum wollen sie meinen namen wissen", NLU_EXPECT_NAME, NULL, NULL, NULL);
	test_name_is(&a, "das möchte ich nicht sagen", NLU_EXPECT_NAME, NULL, NULL, NULL);
	/* the surname before "heiße ich", a bare title, a verb after the name, whom one speaks for */
	test_name_is(&a, "wendt heiße ich", NLU_EXPECT_NAME, NULL, NULL, "Wendt");
	test_name_is(&a, "petersen ist der name ich möchte einen termin", NLU_EXPECT_NONE, NULL, NULL, "Petersen");
	test_name_is(&a, "doktor brandt bitte", NLU_EXPECT_NAME, NULL, NULL, "Brandt");
	test_name_is(&a, "sie können mich frau gruber nennen", NLU_EXPECT_NAME, "Frau", NULL, "Gruber");
	test_name_is(&a, "hier ist die mama von lena weber", NLU_EXPECT_NAME, NULL, NULL, NULL);
	/* a spoken comma, "ist" after a strong marker, colloquial and dialect forms, a surname
	 * announced after the first name, a dictated name, a town after the name */
	test_name_is(&a, "meyer komma ilse", NLU_EXPECT_NAME, NULL, "Ilse", "Meyer");
	test_name_is(&a, "karl-heinz und nachname ist dörr", NLU_EXPECT_NAME, NULL, "Karl-Heinz", "Dörr");
	test_name_is(&a, "sabine und der nachname ist vogel", NLU_EXPECT_NAME, NULL, "Sabine", "Vogel");
	test_name_is(&a, "ja also der name wär hoffmann", NLU_EXPECT_NAME, NULL, NULL, "Hoffmann");
	test_name_is(&a, "ich heiß paulsen", NLU_EXPECT_NAME, NULL, NULL, "Paulsen");
	test_name_is(&a, "paulsen heiß i", NLU_EXPECT_NAME, NULL, NULL, "Paulsen");
	test_name_is(&a, "i bin da sepp huber", NLU_EXPECT_NAME, NULL, "Sepp", "Huber");
	test_name_is(&a, "ich heiße jana mit nachnamen schubert", NLU_EXPECT_NAME, NULL, "Jana", "Schubert");
	test_name_is(&a, "schreiben sie einfach lehmann", NLU_EXPECT_NAME, NULL, NULL, "Lehmann");
	test_name_is(&a, "tragen sie mich als gerd vollmer ein", NLU_EXPECT_NAME, NULL, "Gerd", "Vollmer");
	test_name_is(&a, "frau wagner aus köln", NLU_EXPECT_NAME, "Frau", NULL, "Wagner");
	T_INTENT(&a, "seidel hier ich hätte gern einen rückruf", NLU_EXPECT_NONE, NLU_CALLBACK);
	arena_free(&a);
}

/* Names as callers give them on the phone, apart from any table: introduced or
 * bare, surname first or halves labelled ("Nachname ..., Vorname ..."), with
 * particles and double names, corrected or begun again, words that are names
 * only where a name stands ("Herr Kurz"), at the wrong step; then turns that
 * look like an introduction and hold no name. */
static void test_names_spoken(void)
{
	static const struct {
		const char *text;
		enum nlu_expect expect;
		const char *sal, *first, *last;
	} rows[] = {
		{ "mein name ist jonas hartmann", NLU_EXPECT_NAME, NULL, "Jonas", "Hartmann" },
		{ "äh ja mein name ist kerstin wolf", NLU_EXPECT_NAME, NULL, "Kerstin", "Wolf" },
		{ "ich heiße gregor fuchs und möchte einen termin", NLU_EXPECT_NONE, NULL, "Gregor", "Fuchs" },
		{ "hier spricht bernd kaiser", NLU_EXPECT_NAME, NULL, "Bernd", "Kaiser" },
		{ "hallo hier ist tanja schwarz ich wollte fragen ob morgen noch was frei ist", NLU_EXPECT_NONE, NULL, "Tanja", "Schwarz" },
		{ "am apparat ist herr könig", NLU_EXPECT_NAME, "Herr", NULL, "König" },
		{ "ich wär die maria koch", NLU_EXPECT_NAME, NULL, "Maria", "Koch" },
		{ "ich bin der stefan weiß", NLU_EXPECT_NAME, NULL, "Stefan", "Weiß" },
		{ "ja vogel hier", NLU_EXPECT_NONE, NULL, NULL, "Vogel" },
		{ "ja fischer hier", NLU_EXPECT_NAME, NULL, NULL, "Fischer" },
		{ "müller", NLU_EXPECT_NAME, NULL, NULL, "Müller" },
		{ "anna müller", NLU_EXPECT_NAME, NULL, "Anna", "Müller" },
		{ "müller anna", NLU_EXPECT_NAME, NULL, "Anna", "Müller" },
		{ "müller mit nachnamen vorname anna", NLU_EXPECT_NAME, NULL, "Anna", "Müller" },
		{ "nachname schmidt vorname peter", NLU_EXPECT_NAME, NULL, "Peter", "Schmidt" },
		{ "schmidt wie der schmied nur mit dt", NLU_EXPECT_NAME, NULL, NULL, "Schmidt" },
		{ "ich heiße meier mit e i", NLU_EXPECT_NAME, NULL, NULL, "Meier" },
		{ "mein name ist müller-lüdenscheidt", NLU_EXPECT_NAME, NULL, NULL, "Müller-Lüdenscheidt" },
		{ "anna-lena schubert", NLU_EXPECT_NAME, NULL, "Anna-Lena", "Schubert" },
		{ "ich heiße anna-lena", NLU_EXPECT_NAME, NULL, "Anna-Lena", NULL },
		{ "mein name ist karl von der heide", NLU_EXPECT_NAME, NULL, "Karl", "von der Heide" },
		{ "frau de vries", NLU_EXPECT_NAME, "Frau", NULL, "de Vries" },
		{ "ich bin herr van dyk", NLU_EXPECT_NAME, "Herr", NULL, "van Dyk" },
		{ "maximilian zu guttenberg", NLU_EXPECT_NAME, NULL, "Maximilian", "zu Guttenberg" },
		{ "doktor lange hier", NLU_EXPECT_NAME, NULL, NULL, "Lange" },
		{ "herr doktor kurz", NLU_EXPECT_NAME, "Herr", NULL, "Kurz" },
		{ "äh ähm also sommer", NLU_EXPECT_NAME, NULL, NULL, "Sommer" },
		{ "ich heiße übrigens frühling", NLU_EXPECT_DATE, NULL, NULL, "Frühling" },
		{ "mein name ist peter lang und ich hätte gern am dienstag einen termin", NLU_EXPECT_DATE, NULL, "Peter", "Lang" },
		{ "hier ist frau bäcker ich möchte meinen termin am freitag absagen", NLU_EXPECT_NONE, "Frau", NULL, "Bäcker" },
		{ "am montag um zehn und der name ist fuchs", NLU_EXPECT_DATE, NULL, NULL, "Fuchs" },
		{ "ja fuchs", NLU_EXPECT_NAME, NULL, NULL, "Fuchs" },
		{ "ja gerne kaiser", NLU_EXPECT_NAME, NULL, NULL, "Kaiser" },
		{ "nein nicht meier sondern maier", NLU_EXPECT_NAME, NULL, NULL, "Maier" },
		{ "m a i e r", NLU_EXPECT_NAME, NULL, NULL, "Maier" },
		{ "schulz s c h u l z", NLU_EXPECT_NAME, NULL, NULL, "Schulz" },
		{ "wolf wie das tier", NLU_EXPECT_NAME, NULL, NULL, "Wolf" },
		{ "schwarz wie die farbe", NLU_EXPECT_NAME, NULL, NULL, "Schwarz" },
		{ "koch", NLU_EXPECT_NAME, NULL, NULL, "Koch" },
		{ "vogel", NLU_EXPECT_NAME, NULL, NULL, "Vogel" },
		{ "könig mit ö", NLU_EXPECT_NAME, NULL, NULL, "König" },
		{ "sabine fischer", NLU_EXPECT_NAME, NULL, "Sabine", "Fischer" },
		{ "ich bin frau schmied", NLU_EXPECT_NAME, "Frau", NULL, "Schmied" },
		{ "hier ist lisa bäcker", NLU_EXPECT_NAME, NULL, "Lisa", "Bäcker" },
		{ "ja hallo guten tag wolfgang schwarz hier", NLU_EXPECT_NAME, NULL, "Wolfgang", "Schwarz" },
		{ "der name ist kaiser wie der kaiser", NLU_EXPECT_NAME, NULL, NULL, "Kaiser" },
		{ "ich heiße helga und mit nachnamen schwarz", NLU_EXPECT_NAME, NULL, "Helga", "Schwarz" },
		{ "vorname thomas nachname könig", NLU_EXPECT_NAME, NULL, "Thomas", "König" },
		{ "familienname weber vorname ute", NLU_EXPECT_NAME, NULL, "Ute", "Weber" },
		{ "mein vorname ist jan", NLU_EXPECT_NAME, NULL, "Jan", NULL },
		{ "kowalczyk", NLU_EXPECT_NAME, NULL, NULL, "Kowalczyk" },
		{ "ähm öztürk ayse", NLU_EXPECT_NAME, NULL, "Ayse", "Öztürk" },
		{ "ja also ich heiße äh ähm nguyen", NLU_EXPECT_NAME, NULL, NULL, "Nguyen" },
		{ "ja guten tag schneider mein name ich wollte einen termin verschieben", NLU_EXPECT_NONE, NULL, NULL, "Schneider" },
		{ "ja das passt und mein name ist roth", NLU_EXPECT_YESNO, NULL, NULL, "Roth" },
		{ "roth mit h", NLU_EXPECT_NAME, NULL, NULL, "Roth" },
		{ "also lang mit einem g", NLU_EXPECT_NAME, NULL, NULL, "Lang" },
		{ "ich wäre herr doktor winter", NLU_EXPECT_NAME, "Herr", NULL, "Winter" },
		{ "frau kaiser-bauer", NLU_EXPECT_NAME, "Frau", NULL, "Kaiser-Bauer" },
		{ "nächste woche dienstag ach so und mein name ist fischer", NLU_EXPECT_DATE, NULL, NULL, "Fischer" },
		{ "brigitte äh nein birgit sommer", NLU_EXPECT_NAME, NULL, "Birgit", "Sommer" },
		{ "nicht meyer sondern meier mit e i", NLU_EXPECT_NAME, NULL, NULL, "Meier" },
		{ "die frau lange", NLU_EXPECT_NAME, "Frau", NULL, "Lange" },
		{ "schreiben sie fuchs", NLU_EXPECT_NAME, NULL, NULL, "Fuchs" },
		{ "mein name is jens möller", NLU_EXPECT_NAME, NULL, "Jens", "Möller" },
		{ "name ist kurz", NLU_EXPECT_NAME, NULL, NULL, "Kurz" },
		{ "herr lang", NLU_EXPECT_NAME, "Herr", NULL, "Lang" },
		{ "frühling sabine", NLU_EXPECT_NAME, NULL, "Sabine", "Frühling" },
		{ "ja guten tag ich bin die frau winter", NLU_EXPECT_NAME, "Frau", NULL, "Winter" },
		{ "ich bin der jürgen von ich meine der jürgen vogt", NLU_EXPECT_NAME, NULL, "Jürgen", "Vogt" },
		{ "hier ist noch mal der klaus becker wegen morgen", NLU_EXPECT_DATE, NULL, "Klaus", "Becker" },
		{ "becker klaus", NLU_EXPECT_NAME, NULL, "Klaus", "Becker" },
		{ "ja hier ist der herr schwarz", NLU_EXPECT_NAME, "Herr", NULL, "Schwarz" },
		{ "also ich bin die lena", NLU_EXPECT_NAME, NULL, "Lena", NULL },
		{ "sagen sie einfach jutta", NLU_EXPECT_NAME, NULL, "Jutta", NULL },
		{ "grüß gott mein name ist huber sepp", NLU_EXPECT_NAME, NULL, "Sepp", "Huber" },
		{ "ja hallo hier ist die frau doktor schmitt-hansen", NLU_EXPECT_NAME, "Frau", NULL, "Schmitt-Hansen" },
		{ "ich heiße mit vornamen laura und mit nachnamen krüger", NLU_EXPECT_NAME, NULL, "Laura", "Krüger" },
		{ "krüger laura", NLU_EXPECT_NAME, NULL, "Laura", "Krüger" },
		{ "ähm also mein name ist ähm reinhardt mit dt am ende", NLU_EXPECT_NAME, NULL, NULL, "Reinhardt" },
		{ "mein name ist schmidt aber mit dt", NLU_EXPECT_NAME, NULL, NULL, "Schmidt" },
		{ "frau schulze-brinkmann am apparat", NLU_EXPECT_NAME, "Frau", NULL, "Schulze-Brinkmann" },
		{ "guten morgen sommer hier", NLU_EXPECT_NONE, NULL, NULL, "Sommer" },
		{ "hier ist herr von bülow", NLU_EXPECT_NAME, "Herr", NULL, "von Bülow" },
		{ "ich bin frau von der leyen", NLU_EXPECT_NAME, "Frau", NULL, "von der Leyen" },
		{ "heinrich der vorname und der nachname ist kühn", NLU_EXPECT_NAME, NULL, "Heinrich", "Kühn" },
		{ "ja also der nachname ist lang und der vorname ist tobias", NLU_EXPECT_NAME, NULL, "Tobias", "Lang" },
		{ "lang tobias", NLU_EXPECT_NAME, NULL, "Tobias", "Lang" },
		{ "tobias", NLU_EXPECT_NAME, NULL, "Tobias", NULL },
		{ "ich heiße nicht weber sondern wegner", NLU_EXPECT_NAME, NULL, NULL, "Wegner" },
		{ "mein name ist jana koch und ich wollte am freitag um drei kommen", NLU_EXPECT_NONE, NULL, "Jana", "Koch" },
		{ "mein name ist fuchs am donnerstag wäre gut", NLU_EXPECT_DATE, NULL, NULL, "Fuchs" },
		{ "ja klar gerne schmitz", NLU_EXPECT_NAME, NULL, NULL, "Schmitz" },
		{ "ja natürlich der name ist wagner", NLU_EXPECT_NAME, NULL, NULL, "Wagner" },
		{ "okay also winkler", NLU_EXPECT_NAME, NULL, NULL, "Winkler" },
		{ "winkler mit w wie wilhelm", NLU_EXPECT_NAME, NULL, NULL, "Winkler" },
		{ "ähm mein name wäre dann vogt", NLU_EXPECT_NAME, NULL, NULL, "Vogt" },
		{ "ach so ja sorry fischer", NLU_EXPECT_NAME, NULL, NULL, "Fischer" },
		{ "ja ich bin's frau lehmann", NLU_EXPECT_NAME, "Frau", NULL, "Lehmann" },
		{ "guten tag hier spricht ingrid bauer aus dem dorf", NLU_EXPECT_NONE, NULL, "Ingrid", "Bauer" },
		{ "ich heiße olga und mein familienname ist petrowa", NLU_EXPECT_NAME, NULL, "Olga", "Petrowa" },
		{ "schwarz", NLU_EXPECT_NAME, NULL, NULL, "Schwarz" },
		{ "fuchs wie das tier", NLU_EXPECT_NAME, NULL, NULL, "Fuchs" },
		{ "könig wie der könig", NLU_EXPECT_NAME, NULL, NULL, "König" },
		{ "hier is der wolfgang", NLU_EXPECT_NAME, NULL, "Wolfgang", NULL },
		{ "ich wär der kurz", NLU_EXPECT_NAME, NULL, NULL, "Kurz" },
		{ "ja ich wär der herr kurz", NLU_EXPECT_NAME, "Herr", NULL, "Kurz" },
		{ "dann heiße ich lange", NLU_EXPECT_NAME, NULL, NULL, "Lange" },
		{ "ja also ich bin der herr fischer aus dem haus gegenüber", NLU_EXPECT_NAME, "Herr", NULL, "Fischer" },
		{ "lieber am mittwoch ich bin übrigens frau koch", NLU_EXPECT_DATE, "Frau", NULL, "Koch" },
		{ "also das wäre dann für tim schäfer", NLU_EXPECT_NAME, NULL, "Tim", "Schäfer" },
		{ "von hagen mit h", NLU_EXPECT_NAME, NULL, NULL, "von Hagen" },
		{ "mein name ist da costa", NLU_EXPECT_NAME, NULL, NULL, "da Costa" },
		{ "ich heiße giuseppe di maio", NLU_EXPECT_NAME, NULL, "Giuseppe", "di Maio" },
		{ "ja guten tag also mein name ist ähm christine baumann", NLU_EXPECT_NAME, NULL, "Christine", "Baumann" },
		{ "baumann christine", NLU_EXPECT_NAME, NULL, "Christine", "Baumann" },
		{ "der nachname ist baumann", NLU_EXPECT_NAME, NULL, NULL, "Baumann" },
		{ "jäger mit ä", NLU_EXPECT_NAME, NULL, NULL, "Jäger" },
		{ "ich bin die sandra aus der nachbarschaft", NLU_EXPECT_NAME, NULL, "Sandra", NULL },
		{ "hallo hier spricht herr doktor fuchs ich hätte gern einen termin", NLU_EXPECT_NONE, "Herr", NULL, "Fuchs" },
		{ "mein name lautet frank zimmermann", NLU_EXPECT_NAME, NULL, "Frank", "Zimmermann" },
		{ "zimmermann frank mit zwei m", NLU_EXPECT_NAME, NULL, "Frank", "Zimmermann" },
		{ "hallo ja hier ist sommer", NLU_EXPECT_NAME, NULL, NULL, "Sommer" },
		{ "freitag wäre gut und ich heiße kurz", NLU_EXPECT_DATE, NULL, NULL, "Kurz" },
		{ "am mittwoch um drei ich bin übrigens der herr lang", NLU_EXPECT_DATE, "Herr", NULL, "Lang" },
		{ "ja klaus richter", NLU_EXPECT_NAME, NULL, "Klaus", "Richter" },
		{ "richter", NLU_EXPECT_NAME, NULL, NULL, "Richter" },
		{ "ähm ja frau ende", NLU_EXPECT_NAME, "Frau", NULL, "Ende" },
		{ "schreiben sie es auf den namen krause", NLU_EXPECT_NAME, NULL, NULL, "Krause" },
		{ "ja mein vorname ist lea und nachname hofer", NLU_EXPECT_NAME, NULL, "Lea", "Hofer" },
		{ "hofer lea", NLU_EXPECT_NAME, NULL, "Lea", "Hofer" },
		{ "nachname hofer", NLU_EXPECT_NAME, NULL, NULL, "Hofer" },
		{ "ich heiße marie-luise becker", NLU_EXPECT_NAME, NULL, "Marie-Luise", "Becker" },
		{ "becker-schulz", NLU_EXPECT_NAME, NULL, NULL, "Becker-Schulz" },
		{ "van der berg mit e", NLU_EXPECT_NAME, NULL, NULL, "van der Berg" },
		{ "mein name ist frau von stein", NLU_EXPECT_NAME, "Frau", NULL, "von Stein" },
		{ "ja hallo kaiser hier", NLU_EXPECT_NAME, NULL, NULL, "Kaiser" },
		{ "kaiser hier ich wollte meinen termin absagen", NLU_EXPECT_NONE, NULL, NULL, "Kaiser" },
		{ "nein nein fuchs nicht voss", NLU_EXPECT_NAME, NULL, NULL, "Fuchs" },
		{ "wolff mit zwei f", NLU_EXPECT_NAME, NULL, NULL, "Wolff" },
		{ "also ich wäre der peter", NLU_EXPECT_NAME, NULL, "Peter", NULL },
		{ "hier ist nochmal die frau weiß", NLU_EXPECT_NAME, "Frau", NULL, "Weiß" },
		{ "ich bin frau schwarz", NLU_EXPECT_NAME, "Frau", NULL, "Schwarz" },
		{ "mein name is schneider", NLU_EXPECT_NAME, NULL, NULL, "Schneider" },
		{ "meine name ist petra lorenz", NLU_EXPECT_NAME, NULL, "Petra", "Lorenz" },
		{ "ja hallo hier ist der rainer", NLU_EXPECT_NAME, NULL, "Rainer", NULL },
		{ "also ich heiße günther jauch nein spaß ich heiße günther krause", NLU_EXPECT_NAME, NULL, "Günther", "Krause" },
		{ "ich bin herr krause", NLU_EXPECT_NAME, "Herr", NULL, "Krause" },
		{ "kramer kramer ohne e", NLU_EXPECT_NAME, NULL, NULL, "Kramer" },
		{ "frau doktor meisner", NLU_EXPECT_NAME, "Frau", NULL, "Meisner" },
		{ "guten tag frau meisner hier ich hätte gern einen termin", NLU_EXPECT_NONE, "Frau", NULL, "Meisner" },
		{ "oh entschuldigung wolf mein name ist wolf", NLU_EXPECT_NAME, NULL, NULL, "Wolf" },
		{ "lehmann wie die lehmänner", NLU_EXPECT_NAME, NULL, NULL, "Lehmann" },
		{ "meier", NLU_EXPECT_NAME, NULL, NULL, "Meier" },
		{ "bauer mit au", NLU_EXPECT_NAME, NULL, NULL, "Bauer" },
		{ "peters", NLU_EXPECT_NAME, NULL, NULL, "Peters" },
		{ "ulrike peters", NLU_EXPECT_NAME, NULL, "Ulrike", "Peters" },
		{ "peters ulrike", NLU_EXPECT_NAME, NULL, "Ulrike", "Peters" },
		{ "ja hier spricht die ulrike peters", NLU_EXPECT_NAME, NULL, "Ulrike", "Peters" },
		{ "morgen früh und mein name ist frühling", NLU_EXPECT_DATE, NULL, NULL, "Frühling" },
		{ "geht auch montag ich bin übrigens die frau sommer", NLU_EXPECT_DATE, "Frau", NULL, "Sommer" },
		{ "mein name ist klein und ich möchte stornieren", NLU_EXPECT_NONE, NULL, NULL, "Klein" },
		{ "klein wie groß nur klein", NLU_EXPECT_NAME, NULL, NULL, "Klein" },
		{ "frau groß", NLU_EXPECT_NAME, "Frau", NULL, "Groß" },
		{ "ich heiße natascha bäumer", NLU_EXPECT_NAME, NULL, "Natascha", "Bäumer" },
		{ "ja also das wäre fischer-dieskau", NLU_EXPECT_NAME, NULL, NULL, "Fischer-Dieskau" },
		{ "hofmann mit einem f und zwei n", NLU_EXPECT_NAME, NULL, NULL, "Hofmann" },
		{ "nee nicht hoffmann hofmann", NLU_EXPECT_NAME, NULL, NULL, "Hofmann" },
		{ "ja ähm also der name ist ähm schröder", NLU_EXPECT_NAME, NULL, NULL, "Schröder" },
		{ "schröder mit ö", NLU_EXPECT_NAME, NULL, NULL, "Schröder" },
		{ "ich heiße jens und mit familiennamen albrecht", NLU_EXPECT_NAME, NULL, "Jens", "Albrecht" },
		{ "also albrecht ist der nachname und jens der vorname", NLU_EXPECT_NAME, NULL, "Jens", "Albrecht" },
		{ "guten abend hier spricht monika hahn ich wollte fragen ob sie samstags offen haben", NLU_EXPECT_NONE, NULL, "Monika", "Hahn" },
		{ "hahn wie der hahn auf dem hof", NLU_EXPECT_NAME, NULL, NULL, "Hahn" },
		{ "frau hahn", NLU_EXPECT_NAME, "Frau", NULL, "Hahn" },
		{ "mittwoch wäre gut ach so ich bin die frau hahn", NLU_EXPECT_DATE, "Frau", NULL, "Hahn" },
		{ "mein name ist otto von bismarck", NLU_EXPECT_NAME, NULL, "Otto", "von Bismarck" },
		{ "ich bin die ilse van der linden", NLU_EXPECT_NAME, NULL, "Ilse", "van der Linden" },
		{ "dominik de la cruz", NLU_EXPECT_NAME, NULL, "Dominik", "de la Cruz" },
		{ "ja hier ist der fritz", NLU_EXPECT_NAME, NULL, "Fritz", NULL },
		{ "ich heiße lena-marie vogt", NLU_EXPECT_NAME, NULL, "Lena-Marie", "Vogt" },
		{ "vogt lena-marie", NLU_EXPECT_NAME, NULL, "Lena-Marie", "Vogt" },
		{ "herr doktor schulze", NLU_EXPECT_NAME, "Herr", NULL, "Schulze" },
		{ "ja also ich bin herr doktor frühling", NLU_EXPECT_NAME, "Herr", NULL, "Frühling" },
		{ "ich heiße weber nein quatsch ich heiße wegener", NLU_EXPECT_NAME, NULL, NULL, "Wegener" },
		{ "weber äh nein wegener", NLU_EXPECT_NAME, NULL, NULL, "Wegener" },
		{ "kurz", NLU_EXPECT_NAME, NULL, NULL, "Kurz" },
		{ "frau kurz", NLU_EXPECT_NAME, "Frau", NULL, "Kurz" },
		{ "lange mit e am ende", NLU_EXPECT_NAME, NULL, NULL, "Lange" },
		{ "ja servus da is der huber", NLU_EXPECT_NAME, NULL, NULL, "Huber" },
		{ "mia schwarz", NLU_EXPECT_NAME, NULL, "Mia", "Schwarz" },
		{ "m ü l l e r", NLU_EXPECT_NAME, NULL, NULL, "Müller" },
		{ "ich bin die emma aus dem dritten stock", NLU_EXPECT_NAME, NULL, "Emma", NULL },
		{ "ähm ja hallo äh mein name ist gerlinde ähm pohl", NLU_EXPECT_NAME, NULL, "Gerlinde", "Pohl" },
		{ "pohl gerlinde", NLU_EXPECT_NAME, NULL, "Gerlinde", "Pohl" },
		{ "ich bin der herr pohl", NLU_EXPECT_NAME, "Herr", NULL, "Pohl" },
		{ "servus hier ist die gerlinde pohl ich hätt gern einen termin zum färben", NLU_EXPECT_NONE, NULL, "Gerlinde", "Pohl" },
		{ "der vorname ist sven und der nachname ist ludwig", NLU_EXPECT_NAME, NULL, "Sven", "Ludwig" },
		{ "ludwig wie der könig", NLU_EXPECT_NAME, NULL, NULL, "Ludwig" },
		{ "ich heiße karl-otto brinkmann", NLU_EXPECT_NAME, NULL, "Karl-Otto", "Brinkmann" },
		{ "brinkmann mit k und zwei n", NLU_EXPECT_NAME, NULL, NULL, "Brinkmann" },
		{ "mein name wäre schäfer", NLU_EXPECT_NAME, NULL, NULL, "Schäfer" },
		{ "schäfer mit ä", NLU_EXPECT_NAME, NULL, NULL, "Schäfer" },
		{ "ja am dienstag um elf passt mir und ich heiße schäfer", NLU_EXPECT_DATE, NULL, NULL, "Schäfer" },
		{ "nächsten montag bitte achso mein name ist nowak", NLU_EXPECT_DATE, NULL, NULL, "Nowak" },
		{ "nowak", NLU_EXPECT_NAME, NULL, NULL, "Nowak" },
		{ "hallo hier ist nowak", NLU_EXPECT_NAME, NULL, NULL, "Nowak" },
		{ "es ist frau nowak", NLU_EXPECT_NAME, "Frau", NULL, "Nowak" },
		{ "ich heiße wie gesagt nowak", NLU_EXPECT_NAME, NULL, NULL, "Nowak" },
		{ "wie gesagt nowak", NLU_EXPECT_NAME, NULL, NULL, "Nowak" },
		{ "mein vorname ist doris", NLU_EXPECT_NAME, NULL, "Doris", NULL },
		{ "doris reicht", NLU_EXPECT_NAME, NULL, "Doris", NULL },
		{ "frau doktor lang-meier", NLU_EXPECT_NAME, "Frau", NULL, "Lang-Meier" },
		{ "ja ich heiße thomas de maizière", NLU_EXPECT_NAME, NULL, "Thomas", "de Maizière" },
		{ "main name ist sonja keller", NLU_EXPECT_NAME, NULL, "Sonja", "Keller" },
		{ "mein name es sonja keller", NLU_EXPECT_NAME, NULL, "Sonja", "Keller" },
		{ "ich heise sonja keller", NLU_EXPECT_NAME, NULL, "Sonja", "Keller" },
		{ "keller sonja mit k", NLU_EXPECT_NAME, NULL, "Sonja", "Keller" },
		{ "ja keller", NLU_EXPECT_NAME, NULL, NULL, "Keller" },
		{ "ja das ist der herr keller", NLU_EXPECT_NAME, "Herr", NULL, "Keller" },
		{ "grüß gott keller mein name ich hätte eine frage zu den preisen", NLU_EXPECT_NONE, NULL, NULL, "Keller" },
		{ "also ich heiße mit vornamen ralf", NLU_EXPECT_NAME, NULL, "Ralf", NULL },
		{ "ralf mit f", NLU_EXPECT_NAME, NULL, "Ralf", NULL },
		{ "mit nachnamen heiße ich stein", NLU_EXPECT_NAME, NULL, NULL, "Stein" },
		{ "stein wie der stein", NLU_EXPECT_NAME, NULL, NULL, "Stein" },
		{ "mein vorname ist ralf und mein nachname stein", NLU_EXPECT_NAME, NULL, "Ralf", "Stein" },
		{ "frau doktor stein-hauser", NLU_EXPECT_NAME, "Frau", NULL, "Stein-Hauser" },
		{ "von stein", NLU_EXPECT_NAME, NULL, NULL, "von Stein" },
		{ "am samstag vormittag ich bin die marta stein", NLU_EXPECT_DATE, NULL, "Marta", "Stein" },
		{ "äh ja ähm das wäre dann äh winkelmann", NLU_EXPECT_NAME, NULL, NULL, "Winkelmann" },
		{ "winkelmann mit zwei n am ende", NLU_EXPECT_NAME, NULL, NULL, "Winkelmann" },
		{ "w i n k e l m a n n", NLU_EXPECT_NAME, NULL, NULL, "Winkelmann" },
		{ "herr kowalski aber mit i am ende", NLU_EXPECT_NAME, "Herr", NULL, "Kowalski" },
		{ "kowalski wie der pinguin", NLU_EXPECT_NAME, NULL, NULL, "Kowalski" },
		{ "ich heiße ben ben schuster", NLU_EXPECT_NAME, NULL, "Ben", "Schuster" },
		{ "schuster ben", NLU_EXPECT_NAME, NULL, "Ben", "Schuster" },
		{ "ja hallo mein name ist ähm jessica brandl", NLU_EXPECT_NAME, NULL, "Jessica", "Brandl" },
		{ "brandl mit l am ende", NLU_EXPECT_NAME, NULL, NULL, "Brandl" },
		{ "brandl jessica", NLU_EXPECT_NAME, NULL, "Jessica", "Brandl" },
		{ "hallo hier ist brandl ich wollt fragen ob am samstag noch was geht", NLU_EXPECT_NONE, NULL, NULL, "Brandl" },
		{ "ich heiße brandl und samstag wäre super", NLU_EXPECT_DATE, NULL, NULL, "Brandl" },
		{ "frau brandl", NLU_EXPECT_NAME, "Frau", NULL, "Brandl" },
		{ "ich bin frau doktor brandl", NLU_EXPECT_NAME, "Frau", NULL, "Brandl" },
		{ "der familienname ist brandl", NLU_EXPECT_NAME, NULL, NULL, "Brandl" },
		{ "vorname jessica nachname brandl", NLU_EXPECT_NAME, NULL, "Jessica", "Brandl" },
		{ "also nachname brandl und vorname jessica", NLU_EXPECT_NAME, NULL, "Jessica", "Brandl" },
		{ "hier spricht jessica", NLU_EXPECT_NAME, NULL, "Jessica", NULL },
		{ "ich bin die jessica", NLU_EXPECT_NAME, NULL, "Jessica", NULL },
		{ "georg meier-landmann", NLU_EXPECT_NAME, NULL, "Georg", "Meier-Landmann" },
		{ "ich heiße hans-peter zu salm", NLU_EXPECT_NAME, NULL, "Hans-Peter", "zu Salm" },
		{ "mein name ist van beek", NLU_EXPECT_NAME, NULL, NULL, "van Beek" },
		{ "herr van beek", NLU_EXPECT_NAME, "Herr", NULL, "van Beek" },
		{ "ja der name ist fink wie der vogel", NLU_EXPECT_NAME, NULL, NULL, "Fink" },
		{ "fink", NLU_EXPECT_NAME, NULL, NULL, "Fink" },
		{ "also ich wäre frau lang", NLU_EXPECT_NAME, "Frau", NULL, "Lang" },
		{ "ja also ich heiße ende michael ende", NLU_EXPECT_NAME, NULL, "Michael", "Ende" },
		{ "nee nicht brand sondern brandt mit dt", NLU_EXPECT_NAME, NULL, NULL, "Brandt" },
		{ "nicht fink sondern funk", NLU_EXPECT_NAME, NULL, NULL, "Funk" },
		{ "krause ich wollte aber noch was fragen", NLU_EXPECT_NAME, NULL, NULL, "Krause" },
		{ "krause was kostet denn so eine behandlung", NLU_EXPECT_NAME, NULL, NULL, "Krause" },
		{ "krause oder soll ich das buchstabieren", NLU_EXPECT_NAME, NULL, NULL, "Krause" },
		{ "lorenz brauchen sie auch meine nummer", NLU_EXPECT_NAME, NULL, NULL, "Lorenz" },
		{ "petra lorenz wann ist denn der termin nochmal", NLU_EXPECT_NAME, NULL, "Petra", "Lorenz" },
		{ "lorenz und die telefonnummer haben sie ja", NLU_EXPECT_NAME, NULL, NULL, "Lorenz" },
		{ "lorenz sonst noch was", NLU_EXPECT_NAME, NULL, NULL, "Lorenz" },
		{ "ich heiße lorenz brauchen sie noch was", NLU_EXPECT_NAME, NULL, NULL, "Lorenz" },
		{ "prima ich heiße jan", NLU_EXPECT_NAME, NULL, "Jan", NULL },
		{ "hauser wofür brauchen sie das", NLU_EXPECT_NAME, NULL, NULL, "Hauser" },
		{ "hauser wenn das reicht", NLU_EXPECT_NAME, NULL, NULL, "Hauser" },
		{ "hauser können sie mich zurückrufen", NLU_EXPECT_NAME, NULL, NULL, "Hauser" },
		{ "schön ich bin die emma", NLU_EXPECT_NAME, NULL, "Emma", NULL },
		{ "aso müller", NLU_EXPECT_NAME, NULL, NULL, "Müller" },
		{ "achso ja müller", NLU_EXPECT_NAME, NULL, NULL, "Müller" },
		{ "den zweiten bitte und mein name ist gerber", NLU_EXPECT_CHOICE, NULL, NULL, "Gerber" },
		{ "die erste option auf den namen gerber", NLU_EXPECT_CHOICE, NULL, NULL, "Gerber" },
		{ "null eins fünf eins zwei drei vier fünf sechs sieben acht und ich heiße ute gerber", NLU_EXPECT_PHONE, NULL, "Ute", "Gerber" },
		{ "ja genau das ist richtig frau gerber", NLU_EXPECT_YESNO, "Frau", NULL, "Gerber" },
		{ "nein das stimmt nicht ich heiße gerber nicht gerbers", NLU_EXPECT_YESNO, NULL, NULL, "Gerber" },
		{ "donnerstag um vier hier spricht übrigens max gerber", NLU_EXPECT_DATE, NULL, "Max", "Gerber" },
		{ "guten morgen gerber hier ich muss leider meinen termin absagen", NLU_EXPECT_NONE, NULL, NULL, "Gerber" },
		{ "hallo ich bin die frau gerber und hätte gern einen termin für nächste woche", NLU_EXPECT_NONE, "Frau", NULL, "Gerber" },
		{ "ja schönen guten tag max gerber mein name ich wollte einen termin vereinbaren", NLU_EXPECT_NONE, NULL, "Max", "Gerber" },
		{ "gerber mit g wie gustav", NLU_EXPECT_NAME, NULL, NULL, "Gerber" },
		{ "g e r b e r", NLU_EXPECT_NAME, NULL, NULL, "Gerber" },
		{ "ich buchstabiere g e r b e r", NLU_EXPECT_NAME, NULL, NULL, "Gerber" },
		{ "der name ist gerber g e r b e r", NLU_EXPECT_NAME, NULL, NULL, "Gerber" },
		{ "ja also ute", NLU_EXPECT_NAME, NULL, "Ute", NULL },
		{ "ute reicht völlig", NLU_EXPECT_NAME, NULL, "Ute", NULL },
		{ "ute gerber aber alle sagen uschi", NLU_EXPECT_NAME, NULL, "Ute", "Gerber" },
		{ "ich bin es die ute", NLU_EXPECT_NONE, NULL, "Ute", NULL },
		{ "es ist die ute", NLU_EXPECT_NAME, NULL, "Ute", NULL },
		{ "ich bin die ute von nebenan", NLU_EXPECT_NAME, NULL, "Ute", NULL },
		{ "hier ist die kleine lena", NLU_EXPECT_NAME, NULL, "Lena", NULL },
		{ "die lena", NLU_EXPECT_NAME, NULL, "Lena", NULL },
		{ "ähm ja hallo also ich bin der thorsten wegmann", NLU_EXPECT_NAME, NULL, "Thorsten", "Wegmann" },
		{ "wegmann thorsten", NLU_EXPECT_NAME, NULL, "Thorsten", "Wegmann" },
		{ "wegmann mit zwei n hinten", NLU_EXPECT_NAME, NULL, NULL, "Wegmann" },
		{ "ja hier ist wegmann", NLU_EXPECT_NAME, NULL, NULL, "Wegmann" },
		{ "wegmann am apparat ich wollte meinen termin verlegen", NLU_EXPECT_NONE, NULL, NULL, "Wegmann" },
		{ "also dienstag wär gut und der name ist wegmann", NLU_EXPECT_DATE, NULL, NULL, "Wegmann" },
		{ "ja passt und das wäre für thorsten wegmann", NLU_EXPECT_YESNO, NULL, "Thorsten", "Wegmann" },
		{ "herr wegmann", NLU_EXPECT_NAME, "Herr", NULL, "Wegmann" },
		{ "ich bin frau professor doktor albers", NLU_EXPECT_NAME, "Frau", NULL, "Albers" },
		{ "albers wie der hans albers", NLU_EXPECT_NAME, NULL, NULL, "Albers" },
		{ "mein nachname ist albers der vorname ist greta", NLU_EXPECT_NAME, NULL, "Greta", "Albers" },
		{ "familie albers", NLU_EXPECT_NAME, NULL, NULL, "Albers" },
		{ "ich bin die mutter von tim und heiße greta albers", NLU_EXPECT_NAME, NULL, "Greta", "Albers" },
		{ "ich möchte für meinen sohn tim einen termin", NLU_EXPECT_NONE, NULL, "Tim", NULL },
		{ "ich heiße ferdinand von kleist", NLU_EXPECT_NAME, NULL, "Ferdinand", "von Kleist" },
		{ "van kleist nicht von", NLU_EXPECT_NAME, NULL, NULL, "van Kleist" },
		{ "jakob mit k am ende ähm nein mit b", NLU_EXPECT_NAME, NULL, "Jakob", NULL },
		{ "schmitz mit tz", NLU_EXPECT_NAME, NULL, NULL, "Schmitz" },
		{ "o b e r m a i e r", NLU_EXPECT_NAME, NULL, NULL, "Obermaier" },
		{ "ja ich bin es nochmal die frau albers", NLU_EXPECT_NAME, "Frau", NULL, "Albers" },
		{ "kuhn k u h n", NLU_EXPECT_NAME, NULL, NULL, "Kuhn" },
		{ "morgen geht nicht ich bin übrigens herr kuhn", NLU_EXPECT_DATE, "Herr", NULL, "Kuhn" },
		{ "hallo mein name ist kuhn und ich hätte eine frage", NLU_EXPECT_NONE, NULL, NULL, "Kuhn" },
		{ "nennen sie mich einfach frau kuhn", NLU_EXPECT_NAME, "Frau", NULL, "Kuhn" },
		{ "jawohl der name ist kaminski", NLU_EXPECT_NAME, NULL, NULL, "Kaminski" },
		{ "kaminski k a m i n s k i", NLU_EXPECT_NAME, NULL, NULL, "Kaminski" },
		{ "ich heiße dana kaminski und bin neu bei ihnen", NLU_EXPECT_NAME, NULL, "Dana", "Kaminski" },
		{ "dana kaminski hier guten tag ich hätte gern einen termin", NLU_EXPECT_NONE, NULL, "Dana", "Kaminski" },
		{ "dana", NLU_EXPECT_NAME, NULL, "Dana", NULL },
		{ "dana mit einem n", NLU_EXPECT_NAME, NULL, "Dana", NULL },
		{ "die dana kaminski", NLU_EXPECT_NAME, NULL, "Dana", "Kaminski" },
		{ "mein name ist dana und mein nachname kaminski", NLU_EXPECT_NAME, NULL, "Dana", "Kaminski" },
		{ "dana ist mein vorname", NLU_EXPECT_NAME, NULL, "Dana", NULL },
		{ "kaminski ist mein nachname", NLU_EXPECT_NAME, NULL, NULL, "Kaminski" },
		{ "kaminski ist der nachname und dana der vorname", NLU_EXPECT_NAME, NULL, "Dana", "Kaminski" },
		{ "frau kaminski ist mein name", NLU_EXPECT_NAME, "Frau", NULL, "Kaminski" },
		{ "ich bin herr peter kaminski", NLU_EXPECT_NAME, "Herr", "Peter", "Kaminski" },
		{ "am zwölften ginge und der name wäre kaminski", NLU_EXPECT_DATE, NULL, NULL, "Kaminski" },
		{ "hm also gut kaminski", NLU_EXPECT_NAME, NULL, NULL, "Kaminski" },
		{ "ja also gut dann eben kaminski", NLU_EXPECT_NAME, NULL, NULL, "Kaminski" },
		{ "na gut meinetwegen kaminski", NLU_EXPECT_NAME, NULL, NULL, "Kaminski" },
		{ "hier ist nochmal die kaminski", NLU_EXPECT_NONE, NULL, NULL, "Kaminski" },
		{ "noch mal kaminski", NLU_EXPECT_NAME, NULL, NULL, "Kaminski" },
		/* no name at all */
		{ "ich möchte die haare diesmal kurz", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin gerade unterwegs", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin die mutter von lea", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "hier ist es laut", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin's nochmal", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin neu hier", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "am apparat ja", NLU_EXPECT_YESNO, NULL, NULL, NULL },
		{ "das ist mir egal", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "mein mann hat den termin", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich wär dann so weit", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "wie heißen sie denn", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin mir nicht sicher", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "im winter ist es immer voll", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "kann ich auch kurz vorbeikommen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin gleich wieder da", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "am liebsten im frühling", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "ich möchte zu frau koch", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ist frau fischer heute da", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "das ist für meine tochter", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich wollte nur kurz fragen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "weiß ich nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "moment ich muss kurz überlegen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin eine neue kundin", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich heiße wie mein vater", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "das sage ich ihnen nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin der neue", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin die kleine schwester von anna", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "hier ist alles gut", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin am montag nicht da", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "sind sie frau koch", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "mein name tut nichts zur sache", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich ruf an weil ich bei frau winter einen termin hatte", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "meine frau möchte einen termin", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "auf den namen meiner frau bitte", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "das mache ich lieber später", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin seit jahren kundin bei ihnen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin der meinung dass das zu teuer ist", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "hier ist so viel los", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich weiß nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ist herr bauer morgen im studio", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "schön sie heißen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "meinen namen möchte ich nicht nennen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "meine tochter heißt lina", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich kann nur am vormittag", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "ich bin zu spät dran", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin krank", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "bin ich richtig bei ihnen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "hier ist ein termin frei oder", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich wollte nur sagen dass ich später komme", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "mein name steht doch schon drin", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "der name ist egal", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin am wochenende weg", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "name ist bekannt", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich rufe für meinen mann an", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin ein bisschen spät dran", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "hier ist doch ein termin frei", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "weiß nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "wieso wollen sie das wissen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich hab am donnerstag frei", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "ich bin schon lange kundin", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "hier ist kurz die frage ob morgen geht", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "am freitag kurz nach zehn", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "ich bin die tochter von frau nowak", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich wollte mit herrn nowak sprechen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ist der herr nowak heute da", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin gleich da", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin gespannt", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin es wieder", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "das haben sie doch schon", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "geht es auch später", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "ich bin die mama", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin die mama vom ben", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "hier ist mein mann dran", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin ihre neue kundin", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "das ist ja super", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "da ist die frage ob das geht", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich weiß gerade nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "das ist doch egal", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin heute leider verhindert", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin mit meinem termin nicht zufrieden", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "hier ist ja immer besetzt", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich habe keinen namen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "das geht sie nichts an", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich möchte mit frau fink sprechen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ist frau fink heute im studio", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "lieber früh am morgen", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "leider ich kann das nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "moment ich muss kurz nachschauen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "augenblick ich hole meine brille", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "gut ich sag es ihnen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "warum ich", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "okay wir sind zu zweit", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ja ok können sie das nochmal sagen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "pardon was haben sie gesagt", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "tschuldigung wie war das", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "achso wann denn", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "hallo hier ist die praxis doktor gerber", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich rufe im auftrag von frau gerber an", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "meine nachbarin frau gerber hat mir sie empfohlen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "kann ich bei frau gerber einen termin bekommen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "das ist für mich selbst", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "der name ist doch eingetragen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin bei ihnen schon kunde", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "oh gott wie peinlich", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin mir nicht sicher ob ich kommen kann", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin schon da", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich bin doch schon eingetragen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "das ist nicht nötig", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "hier ist nichts", NLU_EXPECT_NAME, NULL, NULL, NULL },
	};
	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		struct arena a; /* one per turn, as a request has */
		arena_init(&a, TF_MAX_REQUEST_ARENA);
		test_name_is(&a, rows[k].text, rows[k].expect, rows[k].sal, rows[k].first, rows[k].last);
		arena_free(&a);
	}
}

/* Names in shapes met later: foreign names and letters, double surnames, a
 * name in passing or closing a turn, for whom a booking is, a yes with a name. */
static void test_names_fresh(void)
{
	static const struct {
		const char *text;
		enum nlu_expect expect;
		const char *sal, *first, *last;
	} rows[] = {
		{ "yilmaz mehmet yilmaz", NLU_EXPECT_NAME, NULL, "Mehmet", "Yilmaz" },
		{ "öztürk mit ö und ü", NLU_EXPECT_NAME, NULL, NULL, "Öztürk" },
		{ "hallo hier ist ayse demir ich möchte meinen termin absagen", NLU_EXPECT_NONE, NULL, "Ayse", "Demir" },
		{ "wiśniewski w i s n i e w s k i", NLU_EXPECT_NAME, NULL, NULL, "Wiśniewski" },
		{ "nguyen wie der vietnamesische name", NLU_EXPECT_NAME, NULL, NULL, "Nguyen" },
		{ "am montag ginge es und der termin ist für meine tochter lena", NLU_EXPECT_DATE, NULL, "Lena", NULL },
		{ "ich heiße giuseppe rossi", NLU_EXPECT_NAME, NULL, "Giuseppe", "Rossi" },
		{ "rossi giuseppe", NLU_EXPECT_NAME, NULL, "Giuseppe", "Rossi" },
		{ "guten tag mein name ist mohammed al-hassan ich hätte gern einen termin", NLU_EXPECT_NONE, NULL, "Mohammed", "Al-Hassan" },
		{ "schmidt-kowalski mit bindestrich", NLU_EXPECT_NAME, NULL, NULL, "Schmidt-Kowalski" },
		{ "der name ist fischer wie der fisch", NLU_EXPECT_NAME, NULL, NULL, "Fischer" },
		{ "braun einfach nur braun", NLU_EXPECT_NAME, NULL, NULL, "Braun" },
		{ "winter wie die jahreszeit", NLU_EXPECT_NAME, NULL, NULL, "Winter" },
		{ "ja genau sommer", NLU_EXPECT_YESNO, NULL, NULL, "Sommer" },
		{ "nein der name ist nicht meier sondern meyer", NLU_EXPECT_YESNO, NULL, NULL, "Meyer" },
		{ "mein name ist tran", NLU_EXPECT_NAME, NULL, NULL, "Tran" },
		{ "ich möchte den termin von frau nowak stornieren", NLU_EXPECT_NONE, "Frau", NULL, "Nowak" },
		{ "ich rufe für meinen mann an der heißt jürgen weber", NLU_EXPECT_NONE, NULL, "Jürgen", "Weber" },
		{ "weber jürgen aber der termin ist für meinen sohn", NLU_EXPECT_NAME, NULL, "Jürgen", "Weber" },
		{ "mein neme ist katarzyna lewandowska", NLU_EXPECT_NONE, NULL, "Katarzyna", "Lewandowska" },
		{ "mein namen ist lukas berger", NLU_EXPECT_NONE, NULL, "Lukas", "Berger" },
		{ "ich bin der lukas", NLU_EXPECT_NAME, NULL, "Lukas", NULL },
		{ "kowalczyk", NLU_EXPECT_NAME, NULL, NULL, "Kowalczyk" },
		{ "vorname piotr nachname kowalczyk", NLU_EXPECT_NAME, NULL, "Piotr", "Kowalczyk" },
		{ "den ersten bitte", NLU_EXPECT_CHOICE, NULL, NULL, NULL },
		{ "nächste woche dienstag emre kaya übrigens", NLU_EXPECT_DATE, NULL, "Emre", "Kaya" },
		{ "null eins sieben zwei und mein name ist berger", NLU_EXPECT_PHONE, NULL, NULL, "Berger" },
		{ "ja hallo ferrari", NLU_EXPECT_NAME, NULL, NULL, "Ferrari" },
		{ "äh ja also esposito", NLU_EXPECT_NAME, NULL, NULL, "Esposito" },
		{ "ich wollte für die mia schwarz einen termin", NLU_EXPECT_NONE, NULL, "Mia", "Schwarz" },
		{ "sie können mich greta nennen", NLU_EXPECT_NAME, NULL, "Greta", NULL },
		{ "greta reicht", NLU_EXPECT_NAME, NULL, "Greta", NULL },
		{ "hallo bin ich da richtig beim studio", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "das weiß ich nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "wieso wollen sie das wissen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "frau doktor le", NLU_EXPECT_NAME, "Frau", NULL, "Le" },
		{ "ich heiße farah haddad und rufe wegen einer absage an", NLU_EXPECT_NAME, NULL, "Farah", "Haddad" },
		{ "grüß gott da ist die huber resi", NLU_EXPECT_NONE, NULL, "Resi", "Huber" },
		{ "çelik mit c mit häkchen", NLU_EXPECT_NAME, NULL, NULL, "Çelik" },
		{ "mein vorname ist hoang und nachname pham", NLU_EXPECT_NAME, NULL, "Hoang", "Pham" },
		{ "ich möchte meinen termin am freitag absagen mein name ist zielinski", NLU_EXPECT_NONE, NULL, NULL, "Zielinski" },
		{ "guten morgen ich bin die frau krüger-lindner und hätte gern einen termin", NLU_EXPECT_NONE, "Frau", NULL, "Krüger-Lindner" },
		{ "krüger lindner mit bindestrich", NLU_EXPECT_NAME, NULL, NULL, "Krüger-Lindner" },
		{ "donnerstag nachmittag wäre gut für mich ich bin übrigens herr bianchi", NLU_EXPECT_DATE, "Herr", NULL, "Bianchi" },
		{ "ja das ist koch", NLU_EXPECT_NAME, NULL, NULL, "Koch" },
		{ "wolf", NLU_EXPECT_NAME, NULL, NULL, "Wolf" },
		{ "bäcker wie der beruf", NLU_EXPECT_NAME, NULL, NULL, "Bäcker" },
		{ "ich bin herr fuchs", NLU_EXPECT_NAME, "Herr", NULL, "Fuchs" },
		{ "der name wäre kowalski aber mit i am ende", NLU_EXPECT_NAME, NULL, NULL, "Kowalski" },
		{ "kowalski k o w a l s k i", NLU_EXPECT_NAME, NULL, NULL, "Kowalski" },
		{ "ich brauche einen termin für meine tochter sie heißt emma", NLU_EXPECT_NONE, NULL, "Emma", NULL },
		{ "für meinen mann bitte der heißt stefan", NLU_EXPECT_NONE, NULL, "Stefan", NULL },
		{ "auf meine frau bitte sabine wagner", NLU_EXPECT_NAME, NULL, "Sabine", "Wagner" },
		{ "haddad wie addad mit h vorne", NLU_EXPECT_NAME, NULL, NULL, "Haddad" },
		{ "mein name is mustafa arslan", NLU_EXPECT_NAME, NULL, "Mustafa", "Arslan" },
		{ "ma name ist olga petrova", NLU_EXPECT_NONE, NULL, "Olga", "Petrova" },
		{ "ich heiß anna", NLU_EXPECT_NAME, NULL, "Anna", NULL },
		{ "äh ich heiße äh krause", NLU_EXPECT_NAME, NULL, NULL, "Krause" },
		{ "romano entschuldigung romani", NLU_EXPECT_NAME, NULL, NULL, "Romani" },
		{ "schulze nein schultze mit t z", NLU_EXPECT_NAME, NULL, NULL, "Schultze" },
		{ "ja am mittwoch und ich bin der ali", NLU_EXPECT_DATE, NULL, "Ali", NULL },
		{ "die zweite uhrzeit nehme ich carla rinaldi", NLU_EXPECT_CHOICE, NULL, "Carla", "Rinaldi" },
		{ "nein das passt nicht", NLU_EXPECT_YESNO, NULL, NULL, NULL },
		{ "ja das passt", NLU_EXPECT_YESNO, NULL, NULL, NULL },
		{ "übermorgen früh", NLU_EXPECT_DATE, NULL, NULL, NULL },
		{ "wann haben sie morgen frei", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "das ist doch egal", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "muss ich das sagen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "lieber nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "hallo ich rufe an wegen dem termin von herrn schneider", NLU_EXPECT_NONE, "Herr", NULL, "Schneider" },
		{ "schneider herbert", NLU_EXPECT_NAME, NULL, "Herbert", "Schneider" },
		{ "ich bin die neue kundin hanna lis", NLU_EXPECT_NAME, NULL, "Hanna", "Lis" },
		{ "lis l i s", NLU_EXPECT_NAME, NULL, NULL, "Lis" },
		{ "nowak wie nowak", NLU_EXPECT_NAME, NULL, NULL, "Nowak" },
		{ "null eins fünf eins auf den namen marek", NLU_EXPECT_PHONE, NULL, "Marek", NULL },
		{ "der nachname ist lang l a n g", NLU_EXPECT_NAME, NULL, NULL, "Lang" },
		{ "also mein name ist rosa sonntag", NLU_EXPECT_NAME, NULL, "Rosa", "Sonntag" },
		{ "ich heiße doğan", NLU_EXPECT_NAME, NULL, NULL, "Doğan" },
		{ "also schreiben sie bitte şahin", NLU_EXPECT_NAME, NULL, NULL, "Şahin" },
		{ "moin jan-ole petersen hier ich will meinen termin verschieben", NLU_EXPECT_NONE, NULL, "Jan-Ole", "Petersen" },
		{ "geht auch samstag ach so ich bin frau yıldız", NLU_EXPECT_DATE, "Frau", NULL, "Yıldız" },
		{ "ich bin der vater von mia und heiße tobias brandt", NLU_EXPECT_NAME, NULL, "Tobias", "Brandt" },
		{ "der termin ist für meinen sohn paul", NLU_EXPECT_NONE, NULL, "Paul", NULL },
		{ "neumann nicht naumann", NLU_EXPECT_NAME, NULL, NULL, "Neumann" },
		{ "nicht naumann sondern neumann", NLU_EXPECT_NAME, NULL, NULL, "Neumann" },
		{ "es ist der herr doktor schulte", NLU_EXPECT_NAME, "Herr", NULL, "Schulte" },
		{ "hase wie das tier", NLU_EXPECT_NAME, NULL, NULL, "Hase" },
		{ "mein name ist engel", NLU_EXPECT_NAME, NULL, NULL, "Engel" },
		{ "klein", NLU_EXPECT_NAME, NULL, NULL, "Klein" },
		{ "ja klein", NLU_EXPECT_NAME, NULL, NULL, "Klein" },
		{ "frau klein bitte", NLU_EXPECT_NAME, "Frau", NULL, "Klein" },
		{ "ich hätte gerne einen kleinen termin", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich möchte zu frau lehmann", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "arbeitet herr vogt heute", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "mariusz", NLU_EXPECT_NAME, NULL, "Mariusz", NULL },
		{ "mariusz dąbrowski", NLU_EXPECT_NAME, NULL, "Mariusz", "Dąbrowski" },
		{ "ähm ja hi hier ist nadia el amrani", NLU_EXPECT_NAME, NULL, "Nadia", "El Amrani" },
		{ "benali youssef", NLU_EXPECT_NAME, NULL, "Youssef", "Benali" },
		{ "youssef benali", NLU_EXPECT_NAME, NULL, "Youssef", "Benali" },
		{ "mein name ist youssef", NLU_EXPECT_NAME, NULL, "Youssef", NULL },
		{ "mein nahme ist lisa kühn ich wollte fragen ob sie heute offen haben", NLU_EXPECT_NONE, NULL, "Lisa", "Kühn" },
		{ "mein name tut nichts zur sache", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "lo bianco zwei wörter", NLU_EXPECT_NAME, NULL, NULL, "Lo Bianco" },
		{ "die ist für meine frau die heißt julia", NLU_EXPECT_NAME, NULL, "Julia", NULL },
		{ "russo mit zwei s", NLU_EXPECT_NAME, NULL, NULL, "Russo" },
		{ "ja richtig lehmann mit h", NLU_EXPECT_YESNO, NULL, NULL, "Lehmann" },
		{ "ja", NLU_EXPECT_YESNO, NULL, NULL, NULL },
		{ "ja genau so", NLU_EXPECT_YESNO, NULL, NULL, NULL },
		{ "nehme ich den ersten auf den namen marino", NLU_EXPECT_CHOICE, NULL, NULL, "Marino" },
		{ "ja nächsten montag geht bei mir und mein nachname ist pohl", NLU_EXPECT_DATE, NULL, NULL, "Pohl" },
		{ "dienstag um neun sophie wagner", NLU_EXPECT_DATE, NULL, "Sophie", "Wagner" },
		{ "ich möchte einen termin für mich und meine freundin", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "für mich selbst weber", NLU_EXPECT_NAME, NULL, NULL, "Weber" },
		{ "ich bin es nochmal die frau bauer", NLU_EXPECT_NAME, "Frau", NULL, "Bauer" },
		{ "tuan nguyen", NLU_EXPECT_NAME, NULL, "Tuan", "Nguyen" },
		{ "mein vorname ist duc", NLU_EXPECT_NAME, NULL, "Duc", NULL },
		{ "schon wieder ich ralf", NLU_EXPECT_NAME, NULL, "Ralf", NULL },
		{ "ich heiße chiara de luca", NLU_EXPECT_NAME, NULL, "Chiara", "de Luca" },
		{ "pietrzak wie pietrzak", NLU_EXPECT_NAME, NULL, NULL, "Pietrzak" },
		{ "servus da spricht der kovač ich tät gern einen termin ausmachen", NLU_EXPECT_NONE, NULL, NULL, "Kovač" },
		{ "ich muss leider absagen hier ist frau abdullah", NLU_EXPECT_NONE, "Frau", NULL, "Abdullah" },
		{ "abdullah mit zwei l", NLU_EXPECT_NAME, NULL, NULL, "Abdullah" },
		{ "am freitag passt es mir übrigens mein name ist lang", NLU_EXPECT_DATE, NULL, NULL, "Lang" },
		{ "lang wie kurz nur das gegenteil", NLU_EXPECT_NAME, NULL, NULL, "Lang" },
		{ "hoffmann mit zwei f und zwei n", NLU_EXPECT_NAME, NULL, NULL, "Hoffmann" },
		{ "ich buchstabiere m e y e r", NLU_EXPECT_NAME, NULL, NULL, "Meyer" },
		{ "mein nachname ist vogel und vorname ist lea", NLU_EXPECT_NAME, NULL, "Lea", "Vogel" },
		{ "meine frau heißt ayla und bräuchte einen termin", NLU_EXPECT_NONE, NULL, "Ayla", NULL },
		{ "ich möchte meine tochter anmelden die kleine heißt mila", NLU_EXPECT_NONE, NULL, "Mila", NULL },
		{ "also die buchung auf meinen mann bitte thomas berg", NLU_EXPECT_NAME, NULL, "Thomas", "Berg" },
		{ "sagen sie einfach frau nguyen", NLU_EXPECT_NAME, "Frau", NULL, "Nguyen" },
		{ "ich bin frau phan", NLU_EXPECT_NAME, "Frau", NULL, "Phan" },
		{ "guten abend hier ist giulia ricci ich möchte meinen termin um eine woche verschieben", NLU_EXPECT_NONE, NULL, "Giulia", "Ricci" },
		{ "mein name ist paolo esposito aber alle sagen paul", NLU_EXPECT_NAME, NULL, "Paolo", "Esposito" },
		{ "nein ich heiße anders nämlich krämer", NLU_EXPECT_YESNO, NULL, NULL, "Krämer" },
		{ "nee falsch es ist nicht kramer sondern krämer", NLU_EXPECT_YESNO, NULL, NULL, "Krämer" },
		{ "um zehn und zwar für emma schuster", NLU_EXPECT_CHOICE, NULL, "Emma", "Schuster" },
		{ "wie war nochmal ihr name", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "wie bitte", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "können sie das wiederholen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich verstehe die frage nicht", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich will nur einen termin machen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "stein", NLU_EXPECT_NAME, NULL, NULL, "Stein" },
		{ "stein wie der stein", NLU_EXPECT_NAME, NULL, NULL, "Stein" },
		{ "ich bin's der marco", NLU_EXPECT_NAME, NULL, "Marco", NULL },
		{ "hier ist der kleine jonas mit seiner mama", NLU_EXPECT_NAME, NULL, "Jonas", NULL },
		{ "yilmaz", NLU_EXPECT_NAME, NULL, NULL, "Yilmaz" },
		{ "yilmaz ayse", NLU_EXPECT_NAME, NULL, "Ayse", "Yilmaz" },
		{ "frau yilmaz ayse", NLU_EXPECT_NAME, "Frau", "Ayse", "Yilmaz" },
		{ "ich kann morgen früh und bin die frau ahmadi", NLU_EXPECT_DATE, "Frau", NULL, "Ahmadi" },
		{ "hallo ich bin hanna und wollte fragen was eine massage kostet", NLU_EXPECT_NONE, NULL, "Hanna", NULL },
		{ "ja hallo also hanna", NLU_EXPECT_NAME, NULL, "Hanna", NULL },
		{ "die nummer ist null eins sechs null und ich bin tim", NLU_EXPECT_PHONE, NULL, "Tim", NULL },
		{ "haas mit zwei a", NLU_EXPECT_NAME, NULL, NULL, "Haas" },
		{ "ja die frau haas", NLU_EXPECT_NAME, "Frau", NULL, "Haas" },
		{ "ich bin die aylin kaya", NLU_EXPECT_NAME, NULL, "Aylin", "Kaya" },
		{ "kaya mit k wie kaufmann", NLU_EXPECT_NAME, NULL, NULL, "Kaya" },
		{ "schönen guten tag pawlowski hier ich hätte gerne einen termin", NLU_EXPECT_NONE, NULL, NULL, "Pawlowski" },
		{ "ich will absagen der termin läuft auf schmitz", NLU_EXPECT_NONE, NULL, NULL, "Schmitz" },
		{ "die buchung lief auf schmitz", NLU_EXPECT_NAME, NULL, NULL, "Schmitz" },
		{ "ja also meine name ist sergio conti", NLU_EXPECT_NAME, NULL, "Sergio", "Conti" },
		{ "sergio conti", NLU_EXPECT_NAME, NULL, "Sergio", "Conti" },
		{ "conti wie das auto nur ohne n am ende", NLU_EXPECT_NAME, NULL, NULL, "Conti" },
		{ "donnerstag vormittag und mein name ist nowicki", NLU_EXPECT_DATE, NULL, NULL, "Nowicki" },
		{ "ja passt mein name ist nowicki", NLU_EXPECT_YESNO, NULL, NULL, "Nowicki" },
		{ "ja genau richtig", NLU_EXPECT_YESNO, NULL, NULL, NULL },
		{ "ja, berger", NLU_EXPECT_YESNO, NULL, NULL, "Berger" },
		{ "herr und frau schubert", NLU_EXPECT_NAME, NULL, NULL, "Schubert" },
		{ "wir sind familie schubert", NLU_EXPECT_NAME, NULL, NULL, "Schubert" },
		{ "guten tag familie schubert hier wir bräuchten zwei termine", NLU_EXPECT_NONE, NULL, NULL, "Schubert" },
		{ "die termine sind für meine kinder max und lisa", NLU_EXPECT_NAME, NULL, "Max", NULL },
		{ "ich heiße maria del carmen lópez", NLU_EXPECT_NAME, NULL, "Maria", "del Carmen López" },
		{ "lópez", NLU_EXPECT_NAME, NULL, NULL, "López" },
		{ "tran", NLU_EXPECT_NAME, NULL, NULL, "Tran" },
		{ "ich bin hoa", NLU_EXPECT_NAME, NULL, "Hoa", NULL },
		{ "mein name ist wagner aber mit w", NLU_EXPECT_NAME, NULL, NULL, "Wagner" },
		{ "ich bin frau vogel wie der vogel", NLU_EXPECT_NAME, "Frau", NULL, "Vogel" },
		{ "name ist fink", NLU_EXPECT_NAME, NULL, NULL, "Fink" },
		{ "gerne fink", NLU_EXPECT_NAME, NULL, NULL, "Fink" },
		{ "äh moment ich bin sarah", NLU_EXPECT_NAME, NULL, "Sarah", NULL },
		{ "sarah hier ich komme zehn minuten später", NLU_EXPECT_NONE, NULL, "Sarah", NULL },
		{ "hier ist noch mal die sarah wegen morgen", NLU_EXPECT_NONE, NULL, "Sarah", NULL },
		{ "sarah mit h am ende", NLU_EXPECT_NAME, NULL, "Sarah", NULL },
		{ "kann ich mit der chefin sprechen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ist frau kaya heute im studio", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "muss das sein", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "warum brauchen sie meinen namen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin neu", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin gleich da", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "der erste termin und der name ist jankowski", NLU_EXPECT_CHOICE, NULL, NULL, "Jankowski" },
		{ "ab drei uhr hätte ich zeit ich bin der karim", NLU_EXPECT_DATE, NULL, "Karim", NULL },
		{ "grüß gott i bin da huber sepp", NLU_EXPECT_NONE, NULL, "Sepp", "Huber" },
		{ "öz wie öz", NLU_EXPECT_NAME, NULL, NULL, "Öz" },
		{ "ich heiße ali öz", NLU_EXPECT_NAME, NULL, "Ali", "Öz" },
		{ "mein name ist ewa zając", NLU_EXPECT_NAME, NULL, "Ewa", "Zając" },
		{ "zając z a j a c", NLU_EXPECT_NAME, NULL, NULL, "Zając" },
		{ "hallo guten tag kaczmarek am apparat ich wollte den termin morgen absagen", NLU_EXPECT_NONE, NULL, NULL, "Kaczmarek" },
		{ "ich heiße hüseyin aydın", NLU_EXPECT_NAME, NULL, "Hüseyin", "Aydın" },
		{ "ich möchte für meinen sohn elias einen termin buchen", NLU_EXPECT_NONE, NULL, "Elias", NULL },
		{ "der termin ist für mich und ich heiße martina gallo", NLU_EXPECT_NAME, NULL, "Martina", "Gallo" },
		{ "gallo wie hahn auf italienisch", NLU_EXPECT_NAME, NULL, NULL, "Gallo" },
		{ "am zwanzigsten und ich bin frau dr. weiß", NLU_EXPECT_DATE, "Frau", NULL, "Weiß" },
		{ "weiß mit scharfem s", NLU_EXPECT_NAME, NULL, NULL, "Weiß" },
		{ "ich bin die sonja und mein nachname ist morgenstern", NLU_EXPECT_NAME, NULL, "Sonja", "Morgenstern" },
		{ "morgenstern", NLU_EXPECT_NAME, NULL, NULL, "Morgenstern" },
		{ "abend", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "guten abend", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin herr said", NLU_EXPECT_NAME, "Herr", NULL, "Said" },
		{ "ja genau berger mit e", NLU_EXPECT_YESNO, NULL, NULL, "Berger" },
		{ "kann meine frau auch kommen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ich komme mit meiner freundin lisa", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "vorname klaus", NLU_EXPECT_NAME, NULL, "Klaus", NULL },
		{ "klaus ist der vorname", NLU_EXPECT_NAME, NULL, "Klaus", NULL },
		{ "meier mit ei", NLU_EXPECT_NAME, NULL, NULL, "Meier" },
		{ "meier mit e i und nicht mit a", NLU_EXPECT_NAME, NULL, NULL, "Meier" },
		{ "moin hier ist die nele ich wollt mal fragen ob ihr samstags offen habt", NLU_EXPECT_NONE, NULL, "Nele", NULL },
		{ "die nele halt", NLU_EXPECT_NAME, NULL, "Nele", NULL },
		{ "ja den nehme ich und der name ist rama", NLU_EXPECT_CHOICE, NULL, NULL, "Rama" },
		{ "rama mit einem m", NLU_EXPECT_NAME, NULL, NULL, "Rama" },
		{ "ich bin der mann von frau rama", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ist der termin von herrn rama noch aktuell", NLU_EXPECT_NONE, "Herr", NULL, "Rama" },
		{ "bauer nein nicht bauer sondern baier", NLU_EXPECT_NAME, NULL, NULL, "Baier" },
		{ "ich ruf an wegen meiner mutter die heißt gisela ernst und hat morgen einen termin", NLU_EXPECT_NONE, NULL, "Gisela", "Ernst" },
		{ "herr ernst", NLU_EXPECT_NAME, "Herr", NULL, "Ernst" },
		{ "das ist mir ernst", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "da müssen sie meine frau fragen", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "keine ahnung", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "lieber nachmittags tobias kern hier übrigens", NLU_EXPECT_DATE, NULL, "Tobias", "Kern" },
		{ "ich bin frau doktor rossi-weber", NLU_EXPECT_NAME, "Frau", NULL, "Rossi-Weber" },
		{ "mein name ist agata wójcik", NLU_EXPECT_NAME, NULL, "Agata", "Wójcik" },
		{ "hallo wójcik hier ich muss meinen termin leider absagen", NLU_EXPECT_NONE, NULL, NULL, "Wójcik" },
		{ "ich heiße leon dinh", NLU_EXPECT_NAME, NULL, "Leon", "Dinh" },
		{ "dinh d i n h", NLU_EXPECT_NAME, NULL, NULL, "Dinh" },
		{ "guten tag ich bin frau benedetti und möchte einen termin", NLU_EXPECT_NONE, "Frau", NULL, "Benedetti" },
		{ "mittwoch wäre mir recht mein name ist übrigens acar", NLU_EXPECT_DATE, NULL, NULL, "Acar" },
		{ "acar mit c", NLU_EXPECT_NAME, NULL, NULL, "Acar" },
		{ "ja hallo hier ist der kemal", NLU_EXPECT_NAME, NULL, "Kemal", NULL },
		{ "müller-lüdenscheidt", NLU_EXPECT_NAME, NULL, NULL, "Müller-Lüdenscheidt" },
		{ "schneider wie der beruf", NLU_EXPECT_NAME, NULL, NULL, "Schneider" },
		{ "für meine tochter mila bitte einen termin", NLU_EXPECT_NONE, NULL, "Mila", NULL },
		{ "der termin ist für meine frau sie heißt olga", NLU_EXPECT_NAME, NULL, "Olga", NULL },
		{ "ja genau so machen wir das", NLU_EXPECT_YESNO, NULL, NULL, NULL },
		{ "ja richtig, haddad", NLU_EXPECT_YESNO, NULL, NULL, "Haddad" },
		{ "fuchs nicht voss", NLU_EXPECT_NAME, NULL, NULL, "Fuchs" },
		{ "frau fuchs", NLU_EXPECT_NAME, "Frau", NULL, "Fuchs" },
		{ "ich wollte fragen ob frau fuchs heute arbeitet", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "einfach jonas", NLU_EXPECT_NAME, NULL, "Jonas", NULL },
		{ "die carla", NLU_EXPECT_NAME, NULL, "Carla", NULL },
		{ "nennen sie mich einfach carla", NLU_EXPECT_NAME, NULL, "Carla", NULL },
		{ "wieso", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "nö", NLU_EXPECT_NAME, NULL, NULL, NULL },
		{ "ich bin zu früh dran", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "marx wie karl marx", NLU_EXPECT_NAME, NULL, NULL, "Marx" },
		{ "ich bin die yasemin aus der yogagruppe", NLU_EXPECT_NAME, NULL, "Yasemin", NULL },
		{ "hi ich bin die lara ich hab morgen einen termin", NLU_EXPECT_NONE, NULL, "Lara", NULL },
		{ "donnerstag geht und ich heiße übrigens jens koch", NLU_EXPECT_DATE, NULL, "Jens", "Koch" },
		{ "den um elf bitte auf den namen ruiz", NLU_EXPECT_CHOICE, NULL, NULL, "Ruiz" },
		{ "ruiz mit z am ende", NLU_EXPECT_NAME, NULL, NULL, "Ruiz" },
		{ "sánchez", NLU_EXPECT_NAME, NULL, NULL, "Sánchez" },
		{ "herr sánchez", NLU_EXPECT_NAME, "Herr", NULL, "Sánchez" },
		{ "mein name ist kuhn wie kuh mit n", NLU_EXPECT_NAME, NULL, NULL, "Kuhn" },
		{ "mein nome ist paul sommer", NLU_EXPECT_NONE, NULL, "Paul", "Sommer" },
		{ "ich heiße ben", NLU_EXPECT_NAME, NULL, "Ben", NULL },
		{ "ben", NLU_EXPECT_NAME, NULL, "Ben", NULL },
		{ "ben schreiber", NLU_EXPECT_NAME, NULL, "Ben", "Schreiber" },
		{ "schreiber ben", NLU_EXPECT_NAME, NULL, "Ben", "Schreiber" },
		{ "ich brauche einen termin für zwei personen", NLU_EXPECT_NONE, NULL, NULL, NULL },
		{ "ähm ja das ist frau von der heide", NLU_EXPECT_NAME, "Frau", NULL, "von der Heide" },
	};
	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		struct arena a;
		arena_init(&a, TF_MAX_REQUEST_ARENA);
		test_name_is(&a, rows[k].text, rows[k].expect, rows[k].sal, rows[k].first, rows[k].last);
		arena_free(&a);
	}
}


/* Towns as recognition and dialect give them; what a turn's day and choice
 * words mean for what the caller wants. */
static void test_meant(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	static const struct {
		const char *text, *city;
	} towns[] = {
		{ "gibt es bei ihnen auch was in muenschen", "München" }, { "ich bin aus hamburch", "Hamburg" },
		{ "wie komm ich zu ihnen in kölle", "Köln" }, { "das studio in berlien bitte", "Berlin" },
		{ "lieber in frankfurt", "Frankfurt am Main" },
		/* one letter off at most, and never for short names or other words */
		{ "ich will mit einem menschen sprechen", NULL }, { "ich bin bereit", NULL }, { "ich kann das", NULL },
		{ "die hamburger sind gut", "Hamburg" },
	};
	for (size_t i = 0; i < sizeof(towns) / sizeof(towns[0]); i++) {
		struct nlu_result r = test_hear(&a, towns[i].text, NLU_EXPECT_NONE);
		if ((r.city == NULL) != (towns[i].city == NULL) || (r.city && strcmp(r.city, towns[i].city) != 0))
			fprintf(stderr, "  \"%s\": city %s, want %s\n", towns[i].text, r.city ? r.city : "-",
				towns[i].city ? towns[i].city : "-");
		T_OK((r.city == NULL) == (towns[i].city == NULL) && (r.city == NULL || strcmp(r.city, towns[i].city) == 0));
		arena_reset(&a);
	}
	/* small talk means no time to book; at a question for a day it still answers it */
	struct nlu_result r = test_hear(&a, "am samstag hat meine schwester geburtstag", NLU_EXPECT_NONE);
	T_EQ_INT(r.intent, NLU_UNKNOWN);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	r = test_hear(&a, "morgen ist es bei mir schwierig mit dem auto", NLU_EXPECT_NONE);
	T_OK(r.intent != NLU_BOOK && (r.intent != NLU_UNKNOWN || r.when.grain == WHEN_NONE));
	r = test_hear(&a, "ich war letzte woche mittwoch schon mal da", NLU_EXPECT_NONE);
	T_OK(r.when.past);   /* a day gone by stays reported */
	r = test_hear(&a, "freitag", NLU_EXPECT_DATE);
	T_EQ_INT(r.when.grain, WHEN_DAY);
	/* the lunch break asks about hours, not for noon */
	r = test_hear(&a, "machen sie heute mittag pause", NLU_EXPECT_NONE);
	T_EQ_INT(r.intent, NLU_INFO_HOURS);
	T_EQ_INT(r.when.grain, WHEN_DAY);
	T_OK(r.when.has_date && r.when.date.day == 24 && r.when.from == 0 && r.when.to == 0);
	r = test_hear(&a, "haben sie in der mittagspause offen", NLU_EXPECT_NONE);
	T_EQ_INT(r.intent, NLU_INFO_HOURS);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	r = test_hear(&a, "haben sie abends auf", NLU_EXPECT_NONE);   /* other parts of the day stay */
	T_EQ_INT(r.when.grain, WHEN_DAYPART);
	/* asking about an offer again picks none */
	r = test_hear(&a, "sagen sie den zweiten bitte nochmal", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.intent, NLU_REPEAT);
	T_EQ_INT(r.choice, NLU_CHOICE_NONE);
	/* the name of whom the appointment is for */
	test_name_is(&a, "krause heißt sie mit nachnamen", NLU_EXPECT_NAME, NULL, NULL, "Krause");
	test_name_is(&a, "das heißt er kommt später", NLU_EXPECT_NAME, NULL, NULL, NULL);
	arena_free(&a);
}

/* A day gone by is reported as such and is no wish to book then. */
static void test_past_day(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct nlu_result r = test_hear(&a, "ich war gestern bei ihnen", NLU_EXPECT_NONE);
	T_OK(r.intent != NLU_BOOK);
	T_OK(r.when.past);
	cJSON *j = NULL;
	T_EQ_INT(nlu_result_json(&r, &j), TF_OK);
	cJSON *e = cJSON_GetObjectItem(j, "entities");
	T_OK(cJSON_IsTrue(cJSON_GetObjectItem(e, "past")));
	T_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(e, "date")), "2026-11-23");
	cJSON_Delete(j);
	arena_free(&a);
}

/* The word model: a belief over the intents, silent on words it never saw. */
static void test_model(void)
{
	double p[NLU_INTENT_COUNT], sum = 0;
	size_t known = nlu_model_predict("was kostet das", 14, NLU_EXPECT_NONE, p);
	T_OK(known == 3);
	size_t best = 0;
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++) {
		sum += p[k];
		if (p[k] > p[best])
			best = k;
	}
	T_OK(fabs(sum - 1) < 1e-9);
	T_EQ_INT(best, NLU_INFO_FAQ);
	T_EQ_INT(nlu_model_predict("xqzv blorf", 10, NLU_EXPECT_NONE, p), 0);
	T_EQ_INT(nlu_model_predict("", 0, NLU_EXPECT_NONE, p), 0);
	/* bytes that are no UTF-8 and words longer than any are read without harm */
	char odd[600];
	for (size_t i = 0; i < sizeof(odd); i++)
		odd[i] = (char)(i % 7 == 0 ? 0xC3 : 'a' + i % 26);
	nlu_model_predict(odd, sizeof(odd), NLU_EXPECT_NAME, p);
	T_OK(p[0] >= 0 && p[0] <= 1);
}

/* Confidence and runner-up: close when the caller hesitates between two, apart when clear. */
static void test_confidence(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct nlu_result r = test_hear(&a, "ich möchte meinen termin absagen", NLU_EXPECT_NONE);
	T_EQ_INT(r.intent, NLU_CANCEL);
	T_OK(r.confidence >= 0.6);
	T_OK(r.second_confidence < 0.25);
	r = test_hear(&a, "soll ich den termin absagen oder verschieben", NLU_EXPECT_NONE);
	T_OK((r.intent == NLU_CANCEL && r.second == NLU_RESCHEDULE) ||
	     (r.intent == NLU_RESCHEDULE && r.second == NLU_CANCEL));
	T_OK(r.confidence - r.second_confidence < 0.3);
	T_OK(r.confidence >= r.second_confidence);
	arena_free(&a);
}

/* The form of a turn decides its intent, not one word in it: a day in small talk books
 * nothing, a question asks (the last question of a turn wins), a question about a rule is one
 * for the FAQ, an appointment already booked moves, an aside outweighs what is around it. */
static void test_turn_forms(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* a day said in small talk, with no word of a request */
	T_INTENT(&a, "am samstag hat meine tochter geburtstag", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "heute ist bei mir echt viel los", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ich hatte letzte woche einen termin und war sehr zufrieden", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "morgen hab ich zeit", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "am samstag um elf", NLU_EXPECT_NONE, NLU_BOOK);
	/* the last question of a turn decides */
	T_INTENT(&a, "ich will meinen termin absagen kriege ich dann eine gutschrift", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich möchte mich abmelden bekomme ich das geld zurück", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "der dritte passt wie lange geht das ungefähr", NLU_EXPECT_CHOICE, NLU_INFO_FAQ);
	T_INTENT(&a, "ja passt kriege ich dann eine erinnerung per sms", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "den dritten bitte ist das in der filiale in hamburg", NLU_EXPECT_CHOICE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "den letzten und kann ich da mit der bahn hinfahren", NLU_EXPECT_CHOICE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "wir wären zu dritt also drei personen geht das", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich bräuchte einen termin und wo finde ich sie", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "bis wann kann ich absagen ohne kosten", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* a question for a free time asks; a wish or a plain proposal books */
	T_INTENT(&a, "meine frau möchte wissen ob es am mittwoch auch geht", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	T_INTENT(&a, "kann ich heute noch spontan vorbeischauen", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	T_INTENT(&a, "geht übermorgen noch", NLU_EXPECT_DATE, NLU_AVAILABILITY);
	T_INTENT(&a, "geht auch donnerstag", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "kann ich morgen vorbeikommen", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "bitte nicht zu früh", NLU_EXPECT_YESNO, NLU_BOOK);
	T_INTENT(&a, "ja gut und mein mann möchte auch einen", NLU_EXPECT_YESNO, NLU_BOOK);
	/* whether one may do something is a rule of the studio */
	T_INTENT(&a, "kann ich den termin auch kurzfristig wieder stornieren", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "darf ich jederzeit umbuchen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wozu brauchen sie mein geburtsdatum", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "seit wann gibt es das studio", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* an appointment already booked moves; someone else's is cancelled */
	T_INTENT(&a, "wegen übermorgen wollte ich fragen ob es auch früher ginge", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "ich hätte meinen termin gern nicht am dienstag sondern am mittwoch", NLU_EXPECT_NONE,
		 NLU_RESCHEDULE);
	T_INTENT(&a, "mein mann hat morgen einen termin und kann nicht", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "mein mann hat übermorgen einen termin und schafft es nicht", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "meinen termin hätte ich gern lieber am montag", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "ich würde gern kündigen wie lange ist die frist", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich will umbuchen geht das auch online", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "was war das mit dem zweiten termin nochmal", NLU_EXPECT_NONE, NLU_REPEAT);
	T_INTENT(&a, "welche zeiten hatten sie gesagt", NLU_EXPECT_CHOICE, NLU_REPEAT);
	T_INTENT(&a, "ab wann kann ich morgens kommen", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "einen termin bitte und wann haben sie offen", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "keine ahnung was ich jetzt sagen soll", NLU_EXPECT_NONE, NLU_UNKNOWN);
	/* hours: how long one may come, "offen" heard as "ofen", the days closed */
	T_INTENT(&a, "bis wann darf man abends noch kommen", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "wann habt ihr ofen", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "sind sie morgen nachmittag da", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	/* asking again for what was said */
	T_INTENT(&a, "was war der erste nochmal", NLU_EXPECT_CHOICE, NLU_REPEAT);
	T_INTENT(&a, "welche tage waren das", NLU_EXPECT_CHOICE, NLU_REPEAT);
	T_INTENT(&a, "die verbindung ist mies sagen sie das bitte nochmal", NLU_EXPECT_NONE, NLU_REPEAT);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* asides, checks of the line and noise ask for nothing */
	T_INTENT(&a, "hallo sind sie da noch dran", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "was wollte ich ihnen noch sagen", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "wie spät ist es denn jetzt bei ihnen", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ja ja ich hör sie gut", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ich wollte nur wissen ob überhaupt jemand da ist", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "nein ich meinte eigentlich etwas ganz anderes", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ich fahre gerade durch einen tunnel die verbindung ist mies", NLU_EXPECT_NONE, NLU_UNKNOWN);
	/* regional and misheard yes, no and bye; a negation does not reach over "ich" */
	T_INTENT(&a, "jenau so", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "uf wiederluege mitenand", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "ich hab leider kein netz mehr ich ruf später an", NLU_EXPECT_NONE, NLU_BYE);
	/* a yes first answers, the number rides along; a no going on to a name corrects it */
	T_INTENT(&a, "ja genau und die nummer lautet null eins fünf eins zwei drei vier fünf sechs sieben",
		 NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "falsch ich heiße herbst nicht hertz", NLU_EXPECT_YESNO, NLU_GIVE_NAME);
	arena_free(&a);
}

/* Fresh caller turns written in sets of 40 and scored before any tuning on them: FAQ
 * questions, asides and wrong numbers, holding the line, a question inside an answer,
 * answers at each dialog step and one-word takeovers. */
static void test_fresh_intents(void)
{
	struct arena a;
	/* set 1 */
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "ähm was kostet denn so eine stunde bei ihnen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann man bei ihnen auch gutscheine kaufen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich hab rücken darf ich da trotzdem mitmachen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "muss ich da so ein abo abschließen oder geht das auch einzeln", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann ich bei euch mit karte zahlen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "was muss ich denn mitbringen handtuch oder so", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "gibts da parkplätze in der nähe", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie lang dauert das denn so ungefähr", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "bin ich da mit meinen siebzig jahren nicht zu alt", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "zahlt das die krankenkasse", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "oh entschuldigung da hab ich mich wohl verwählt", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "ist da nicht die praxis doktor müller", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "moment ich muss kurz an die tür", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "bleiben sie mal kurz dran ich such meinen kalender", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "sekunde bitte", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "mann jetzt bellt der hund wieder", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "nee sorry ich hab grad mit meinem sohn geredet", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "das wetter ist ja heute furchtbar", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "schatz mach mal die tür zu", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ja aber muss ich da vorher was zahlen", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "jo passt und wo parke ich da am besten", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "ja aber ich hab gar keine matte", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "der zweite aber wie lange geht der kurs", NLU_EXPECT_CHOICE, NLU_INFO_FAQ);
	T_INTENT(&a, "meier aber sagen sie mal was kostet das", NLU_EXPECT_NAME, NLU_INFO_FAQ);
	T_INTENT(&a, "klara schubert", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "ja also der name ist wendt mit dt", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "irgendwann nächste woche nachmittags", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "hm vielleicht freitag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ist mir eigentlich egal", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "nö lieber nicht", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "joa kann man machen", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "ne da kann ich nicht", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "den früheren bitte", NLU_EXPECT_CHOICE, NLU_BOOK);
	T_INTENT(&a, "keiner von beiden passt mir", NLU_EXPECT_CHOICE, NLU_NO);
	T_INTENT(&a, "null eins sieben sechs zwo drei vier fünf sechs acht", NLU_EXPECT_PHONE, NLU_GIVE_PHONE);
	T_INTENT(&a, "die nummer von der ich anrufe", NLU_EXPECT_PHONE, NLU_GIVE_PHONE);
	T_INTENT(&a, "stornieren", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "termin", NLU_EXPECT_NONE, NLU_BOOK);
	/* set 2 */
	T_INTENT(&a, "sagen sie mal was nimmt ihr denn so für eine einheit", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich wollte meiner mutter was schenken habt ihr sowas wie gutscheine", NLU_EXPECT_NONE,
		 NLU_INFO_FAQ);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "ich hab ne künstliche hüfte geht das bei mir überhaupt", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie ist das mit der kündigung muss ich da schriftlich kündigen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "nimmt ihr auch ec karte", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "brauch ich da spezielle schuhe", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wo kann ich mein auto abstellen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie viele minuten hat so eine sitzung", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "gibt es bei euch auch was für senioren", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich bin im achten monat ist das ein problem", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "falsche nummer sorry", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "warten sie ich geb ihnen meine frau", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "ähm moment ich hab grad die hände voll", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "ganz kurz ich muss mal eben was aufschreiben", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "kinder seid mal leise", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ach du meine güte der topf kocht über", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ich bin übrigens grad im auto unterwegs", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "puh ich weiß nicht so recht", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "jaja und kostet das was extra", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "ok aber ich hab knieprobleme", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "ja doch aber gibts da ne umkleide", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "die erste aber sagen sie wie teuer ist das", NLU_EXPECT_CHOICE, NLU_INFO_FAQ);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "mittwoch aber was muss ich mitnehmen", NLU_EXPECT_DATE, NLU_INFO_FAQ);
	T_INTENT(&a, "schmidt und wie lange dauert das dann", NLU_EXPECT_NAME, NLU_INFO_FAQ);
	T_INTENT(&a, "ich bin die frau yilmaz", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "öztürk", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "am liebsten gleich morgen früh", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "wann immer es ihnen passt", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ach nee doch nicht", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "ja freilich gerne", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "auf keinen fall", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "nehm ich den um drei", NLU_EXPECT_CHOICE, NLU_BOOK);
	T_INTENT(&a, "beide nicht so gut", NLU_EXPECT_CHOICE, NLU_NO);
	T_INTENT(&a, "meine handynummer ist null eins fünf neun acht sieben sechs fünf vier drei zwei", NLU_EXPECT_PHONE,
		 NLU_GIVE_PHONE);
	T_INTENT(&a, "hab ich grad nicht im kopf", NLU_EXPECT_PHONE, NLU_UNKNOWN);
	T_INTENT(&a, "absagen bitte", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "ich will nen termin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "hallo ich hätte gern jemanden echten gesprochen", NLU_EXPECT_NONE, NLU_HUMAN);
	/* set 3 */
	T_INTENT(&a, "was würde mich das im monat kosten", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann ich das mit meiner freundin zusammen machen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich hatte letztes jahr ne op am herz ist das trotzdem okay", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie lange bin ich dann an den vertrag gebunden", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "geht auch bar", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "soll ich schon in sportklamotten kommen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "gibt es bei ihnen einen parkplatz oder besser mit dem bus", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie oft muss man da kommen damit man was merkt", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "bieten sie das auch für männer an", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich nehm blutverdünner darf ich das machen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "oh das ist ja gar nicht der zahnarzt", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "tut mir leid ich hab mich vertippt", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "einen augenblick bitte mein anderes telefon klingelt", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "warten sie ich muss kurz rausgehen hier ist es so laut", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "moment ich gehe in ein anderes zimmer", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "oh gott der postbote ist da", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ja passt nur noch eine frage muss ich vorher was essen", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "ja aber ich bin krankgeschrieben", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "klingt gut und wie bezahle ich das", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "den zweiten nehm ich wo ist das genau", NLU_EXPECT_CHOICE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "donnerstag geht aber ist das dann teurer", NLU_EXPECT_DATE, NLU_INFO_FAQ);
	T_INTENT(&a, "wagner aber kurze frage gibt es eine probestunde", NLU_EXPECT_NAME, NLU_INFO_FAQ);
	T_INTENT(&a, "meine name ist jürgen pohl", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "das ist für meine tochter lena", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "so gegen ende der woche", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ich kann nur vormittags", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "eher nicht", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "jo des basst", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "ne das ist mir zu früh", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "haben sie noch was anderes", NLU_EXPECT_CHOICE, NLU_AVAILABILITY);
	T_INTENT(&a, "vierzig zwölf dreiunddreißig", NLU_EXPECT_PHONE, NLU_GIVE_PHONE);
	T_INTENT(&a, "gleiche wie immer", NLU_EXPECT_PHONE, NLU_YES);
	T_INTENT(&a, "ich komm morgen nicht", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "umbuchen", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "grüß gott ich bräuchte mal was für nächste woche", NLU_EXPECT_NONE, NLU_BOOK);
	/* set 4 */
	T_INTENT(&a, "äh was verlangen sie denn für zehn mal", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "gibts bei euch so zehnerkarten", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich hab asthma ist das anstrengend", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann ich den vertrag auch pausieren wenn ich krank bin", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann man da auch auf rechnung zahlen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "muss ich mich da umziehen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie viel zeit sollte ich insgesamt einplanen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ab welchem alter darf man bei euch mitmachen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ist das auch was für übergewichtige", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "hoppla falsch verbunden tschuldigung", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "nee da bin ich verkehrt ich wollte die apotheke", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "können sie mal ganz kurz warten", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "eine sekunde ich muss das nur schnell notieren", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "bleib dran ich komm gleich", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "mein akku ist gleich leer", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ich hab gestern im radio von ihnen gehört", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "na toll jetzt hab ich vergessen was ich wollte", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ja gern und ist da ne dusche", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "ja aber meine krankenkasse zahlt das doch oder", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "jo aber muss ich da was unterschreiben", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "montags vielleicht ist das dann ein kurs mit anderen", NLU_EXPECT_DATE, NLU_INFO_FAQ);
	T_INTENT(&a, "petersen und kann ich mit paypal zahlen", NLU_EXPECT_NAME, NLU_INFO_FAQ);
	T_INTENT(&a, "hier spricht monika", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "krause", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "hm die woche drauf irgendwann", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "lieber später am tag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "nee lass mal", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "jo klar mach ma so", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "das geht leider nicht", NLU_EXPECT_YESNO, NLU_NO);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "egal nehmen sie einfach einen", NLU_EXPECT_CHOICE, NLU_BOOK);
	T_INTENT(&a, "ach nee die sind mir alle zu spät", NLU_EXPECT_CHOICE, NLU_NO);
	T_INTENT(&a, "meine nummer fängt mit null eins sieben an und dann vier fünf sechs sieben acht neun null", NLU_EXPECT_PHONE,
		 NLU_GIVE_PHONE);
	T_INTENT(&a, "sie können die nummer nehmen die angezeigt wird", NLU_EXPECT_PHONE, NLU_GIVE_PHONE);
	T_INTENT(&a, "ich möchte nicht mehr kommen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "rückruf bitte", NLU_EXPECT_NONE, NLU_CALLBACK);
	T_INTENT(&a, "moin ich wollt mal was buchen", NLU_EXPECT_NONE, NLU_BOOK);
	/* set 5 */
	T_INTENT(&a, "was zahlt man denn da so im schnitt", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann ich den gutschein auch für meinen mann einlösen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich hab migräne hilft das da", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie lange läuft so ein vertrag", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "gibts ratenzahlung", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann ich da in jeans kommen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wo stell ich da mein fahrrad hin", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ist das eher ne halbe stunde oder länger", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "machen sie das auch bei kindern", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich hab schilddrüse ist das schlimm", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ups ich wollte eigentlich meinen friseur anrufen", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "da hab ich wohl die falsche nummer erwischt", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "mom ich muss kurz den herd ausmachen", NLU_EXPECT_NONE, NLU_WAIT);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "hallo hören sie ich hol mal eben meinen mann ans telefon", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "gleich gleich warten sie", NLU_EXPECT_NONE, NLU_WAIT);
	T_INTENT(&a, "hach ist das heute ein tag", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "mein mann sagt ich soll fragen aber ich weiß nicht mehr was", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "hallo hallo", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "das ist aber eine nette stimme", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ich sitz hier grad beim kaffee", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ja nur ich bin noch in der reha", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "passt und brauch ich da ein handtuch", NLU_EXPECT_YESNO, NLU_INFO_FAQ);
	T_INTENT(&a, "die um zehn aber ist der trainer ein mann oder eine frau", NLU_EXPECT_CHOICE, NLU_INFO_FAQ);
	T_INTENT(&a, "freitag ginge aber muss ich da nüchtern sein", NLU_EXPECT_DATE, NLU_INFO_FAQ);
	T_INTENT(&a, "berger kostet die erste stunde was", NLU_EXPECT_NAME, NLU_INFO_FAQ);
	T_INTENT(&a, "mein nachname ist kowalski", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "also ich heiße anna", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "so mitte nächster woche", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ich bin da ganz flexibel", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "neee", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "jaa genau so machen wir das", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "da muss ich leider passen", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "nehmen sie den letzten", NLU_EXPECT_CHOICE, NLU_BOOK);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "die gehen beide nicht", NLU_EXPECT_CHOICE, NLU_NO);
	T_INTENT(&a, "null drei null eins zwei drei vier fünf sechs", NLU_EXPECT_PHONE, NLU_GIVE_PHONE);
	T_INTENT(&a, "nehmen sie die nummer mit der ich grad anrufe", NLU_EXPECT_PHONE, NLU_GIVE_PHONE);
	T_INTENT(&a, "ich muss leider absagen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "termin verschieben", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "guten tag ich hab ne frage zu den preisen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	arena_free(&a);
}


int main(void)
{
	test_table();
	test_numwords();
	test_normalise();
	test_limits();
	test_expectations();
	test_sentiment();
	test_json();
	test_errors();
	test_new_intents();
	test_negation_scope();
	test_roles();
	test_heard_words();
	test_everyday();
	test_corrections();
	test_names();
	test_names_spoken();
	test_names_fresh();
	test_self_corrections();
	test_past_day();
	test_model();
	test_confidence();
	test_turn_forms();
	test_fresh_intents();
	test_meant();
	return t_done();
}
