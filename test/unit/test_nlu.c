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
#include "t_nlu.h"
#include "t_table.h"
#include "tf_limits.h"

#define TABLE "test/data/utterances.tsv"

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
	test_name_is(&a, "anna maria berger", NLU_EXPECT_NAME, NULL, "Anna-Maria", "Berger");
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
		{ "lieber in frankfurt", "Frankfurt am Main" }, { "habt ihr was in frankfurd", "Frankfurt am Main" },
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


/* The choice heard in text after expect. */
static void test_choice_is(struct arena *a, const char *text, enum nlu_expect expect, int want)
{
	struct nlu_result r = test_hear(a, text, expect);
	if (r.choice != want)
		fprintf(stderr, "  \"%s\": choice %d, want %d\n", text, r.choice, want);
	T_EQ_INT(r.choice, want);
}

/* Turns said to someone in the room, holds, asks to repeat, choices, requests beside a
 * name or an answer, and times that are no wish. */
static void test_room_and_hold(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* a word to someone in the room asks nothing of the studio, up to the return to the line */
	T_INTENT(&a, "papa kannst du mal die tür aufmachen", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "liebling wo sind denn meine schlüssel", NLU_EXPECT_DATE, NLU_UNKNOWN);
	T_INTENT(&a, "jonas gib deiner schwester das auto zurück", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "oma mach bitte den fernseher leiser ich telefonier", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "nein papa ich kann jetzt nicht ich ruf dich nachher an", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "kinder seid mal ruhig entschuldigung ich hätte gern einen termin am freitag", NLU_EXPECT_NONE,
		 NLU_BOOK);
	T_INTENT(&a, "schatz wann muss ich morgen arbeiten ach so dann donnerstag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "hallo hallo können sie mich hören ich fahr grad durch einen tunnel", NLU_EXPECT_NONE,
		NLU_UNKNOWN);
	T_INTENT(&a, "hörst du mich ich bin grad im zug", NLU_EXPECT_NONE, NLU_UNKNOWN);
	/* near misses: a family member spoken of, a "du" to the studio, the line checked with a request */
	T_INTENT(&a, "mama möchte auch einen termin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "meine mama hätte gern einen termin am montag", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "mach mir bitte einen termin für freitag", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "hören sie mich ich würde gern einen termin machen", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "können sie mich hören ich möchte einen termin", NLU_EXPECT_NONE, NLU_BOOK);
	/* a hold that opens the turn holds the line, unless an answer or a question follows */
	T_INTENT(&a, "einen moment ich muss kurz meinen mann fragen", NLU_EXPECT_YESNO, NLU_WAIT);
	T_INTENT(&a, "augenblick ich such mal eben meinen kalender", NLU_EXPECT_PHONE, NLU_WAIT);
	T_INTENT(&a, "momentchen ich frag mal meine frau ob die auch kann", NLU_EXPECT_DATE, NLU_WAIT);
	T_INTENT(&a, "moment ich muss kurz nachfragen ob meine tochter mitkommt", NLU_EXPECT_YESNO, NLU_WAIT);
	T_INTENT(&a, "sekunde ich frag mal meinen mann ob der mitkommen will", NLU_EXPECT_YESNO, NLU_WAIT);
	T_INTENT(&a, "moment wie viel kostet das denn", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "nein warten sie mal da hab ich den zahnarzt also nein", NLU_EXPECT_YESNO, NLU_NO);
	/* not understood */
	T_INTENT(&a, "sorry ich hab nix verstanden", NLU_EXPECT_YESNO, NLU_REPEAT);
	T_INTENT(&a, "entschuldigung ich hab grad nicht zugehört", NLU_EXPECT_DATE, NLU_REPEAT);
	T_INTENT(&a, "was hast du da gesagt", NLU_EXPECT_NONE, NLU_REPEAT);
	T_INTENT(&a, "ich hab schon verstanden ja passt", NLU_EXPECT_YESNO, NLU_YES);
	/* choices: any, none */
	test_choice_is(&a, "mir sind beide recht", NLU_EXPECT_CHOICE, NLU_CHOICE_ANY);
	test_choice_is(&a, "ganz gleich welcher", NLU_EXPECT_CHOICE, NLU_CHOICE_ANY);
	test_choice_is(&a, "beides okay", NLU_EXPECT_CHOICE, NLU_CHOICE_ANY);
	test_choice_is(&a, "beide nicht", NLU_EXPECT_CHOICE, NLU_CHOICE_NONE);
	test_choice_is(&a, "den zweiten bitte", NLU_EXPECT_CHOICE, 1);
	T_INTENT(&a, "mir sind beide recht", NLU_EXPECT_CHOICE, NLU_BOOK);
	T_INTENT(&a, "keinen von beiden die sind mir um neun und um elf zu früh", NLU_EXPECT_CHOICE, NLU_NO);
	struct nlu_result r = test_hear(&a, "keins von beiden weder um neun noch um elf", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.intent, NLU_NO);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	/* a request beats a name or an answer in the same turn */
	T_INTENT(&a, "guten tag hier spricht herr brandl ich bräuchte wieder einen termin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "das ist die frau seidl und am liebsten nächste woche dienstag um zehn", NLU_EXPECT_NAME,
		NLU_BOOK);
	T_INTENT(&a, "ich hätte gern wieder einen bei derselben therapeutin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "grüß gott hier ist der herr huber ich bräucht wieder einen termin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich war gestern bei ihnen und die behandlung war super ich möcht wieder einen", NLU_EXPECT_NONE,
		 NLU_BOOK);
	T_INTENT(&a, "ich rufe an wegen einem termin für meine oma die kann nicht so gut laufen", NLU_EXPECT_NONE,
		 NLU_BOOK);
	T_INTENT(&a, "hier spricht herr brandl", NLU_EXPECT_NONE, NLU_GIVE_NAME);
	T_INTENT(&a, "frau seidl", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "nee also ich will den termin doch lieber absagen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "nee lass mal ich will das lieber ganz absagen", NLU_EXPECT_NAME, NLU_CANCEL);
	T_INTENT(&a, "genau und meine nummer ist null eins sieben zwei drei vier fünf sechs sieben acht",
		 NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "okay passt und meine handynummer ist null eins sieben eins zwei drei vier fünf sechs sieben",
		 NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "jo passt und meine schwester kommt auch mit", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "ja passt und ich nehm noch meine freundin mit", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "jo geht und meine frau kommt noch mit", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "geht es auch am freitag", NLU_EXPECT_YESNO, NLU_AVAILABILITY);
	/* a question after a no asks; a time that ends the turn after a no books */
	T_INTENT(&a, "nee das geht leider nicht haben sie am freitag nachmittag nichts", NLU_EXPECT_YESNO,
		 NLU_AVAILABILITY);
	T_INTENT(&a, "nee das geht leider nicht", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "auf keinen fall montags da arbeite ich lange also lieber am mittwoch", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "auf keinen fall nachmittags da hab ich reha also vormittags am mittwoch", NLU_EXPECT_DATE,
		NLU_BOOK);
	/* a person in charge; the errand corrected */
	T_INTENT(&a, "ich möchte mit ihrem vorgesetzten sprechen", NLU_EXPECT_NONE, NLU_HUMAN);
	T_INTENT(&a, "geben sie mir bitte die filialleitung", NLU_EXPECT_YESNO, NLU_HUMAN);
	T_INTENT(&a, "ich will verschieben äh nein nicht verschieben absagen mein ich", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "bitte nicht absagen sondern verschieben", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	/* the studio's FAQ; places free for a group */
	T_INTENT(&a, "gibt es studentenrabatt", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "habt ihr einen discount für schüler", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "gibts da parkplätze oder soll ich lieber mit der tram fahren", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "welche tram fährt zu ihnen", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "ist am samstag noch was für drei personen frei", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	/* a season's greeting books nothing; another place's hours are not asked */
	r = test_hear(&a, "ihnen auch frohe ostern", NLU_EXPECT_NONE);
	T_EQ_INT(r.intent, NLU_UNKNOWN);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	T_INTENT(&a, "schöne feiertage noch und einen guten rutsch", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "frohe weihnachten ich hätte gern einen termin am montag", NLU_EXPECT_NONE, NLU_BOOK);
	r = test_hear(&a, "das ist mir zu spät der kindergarten schließt um vier", NLU_EXPECT_YESNO);
	T_EQ_INT(r.intent, NLU_NO);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	T_INTENT(&a, "wann schließt das studio am samstag", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "bis wann hat die filiale in köln auf", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	r = test_hear(&a, "um acht ist mir das zu früh", NLU_EXPECT_YESNO);   /* a no keeps only its wish */
	T_EQ_INT(r.intent, NLU_NO);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	T_EQ_INT(r.when.pref, WHEN_PREF_LATER);
	T_INTENT(&a, "am montag früh falls sie da offen haben", NLU_EXPECT_DATE, NLU_BOOK);
	arena_free(&a);
}

/* The form of a turn, the reach of a negation and the role of each word: a clause opened
 * by a verb and its "Sie" or "ihr", two questions joined by "und", a refusal of every
 * offer that goes on to ask, a self-correction that repeats the word it takes back, an
 * appointment already booked, a turn broken off, an aside ended by "ach egal". */
static void test_clause_roles(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* "... haben Sie nicht was": the negation after the verb is the question's own, and a
	 * "nicht" before "habt ihr" belongs to the clause before */
	T_INTENT(&a, "keins von beiden klappt leider hätten sie nicht was am montag früh", NLU_EXPECT_CHOICE,
		 NLU_AVAILABILITY);
	T_INTENT(&a, "keiner von denen geht leider haben sie nicht was am samstag vormittag", NLU_EXPECT_CHOICE,
		 NLU_AVAILABILITY);
	T_INTENT(&a, "nee beides nicht habt ihr was am dienstag", NLU_EXPECT_CHOICE, NLU_AVAILABILITY);
	T_INTENT(&a, "keinen von beiden ganz ehrlich habt ihr am montag nichts", NLU_EXPECT_CHOICE, NLU_AVAILABILITY);
	T_INTENT(&a, "keiner von den beiden sorry habt ihr nix am samstag", NLU_EXPECT_CHOICE, NLU_AVAILABILITY);
	T_INTENT(&a, "die zwei gehen leider nicht gibt es nix am samstag", NLU_EXPECT_CHOICE, NLU_AVAILABILITY);
	T_INTENT(&a, "keiner von beiden passt mir", NLU_EXPECT_CHOICE, NLU_NO);
	/* two questions joined by "und": the first is what the caller asks */
	T_INTENT(&a, "wo finde ich euch in berlin und gibt es da parkplätze", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "was kostet bei ihnen eine stunde und wo sind sie genau", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wo seid ihr in münchen und kann man da irgendwo parken", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "wo is das studio in hamburg und kann ich da mit dem rad hin", NLU_EXPECT_NONE,
		 NLU_INFO_ADDRESS);
	T_INTENT(&a, "wie komm ich zu euch und kann man da parken", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "wie lang habt ihr am samstag offen und kann man da parken", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "einen termin bitte und wann haben sie offen", NLU_EXPECT_NONE, NLU_BOOK);
	/* "wie lang(e) ... heute": until when the studio is open that day; "ihr ... habt" is "you" */
	T_INTENT(&a, "sag mal wie lang geht das bei euch am freitag", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "wie lange geht es morgen bei ihnen noch", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "ich brauch gar keinen termin ich will bloß wissen wie lang ihr morgen auf habt",
		 NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "sagt mal wie lang ihr heut auf habt", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "wie lange geht so eine massage", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie lange geht die behandlung am montag", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* a staff member asked for by name or pronoun */
	T_INTENT(&a, "ist der herr brandt heute im haus kann ich den bitte mal sprechen", NLU_EXPECT_NONE, NLU_HUMAN);
	T_INTENT(&a, "könnte ich ihre kollegin von gestern kurz sprechen", NLU_EXPECT_NONE, NLU_HUMAN);
	T_INTENT(&a, "ist die frau meier heute da ich würde die gern kurz sprechen", NLU_EXPECT_NONE, NLU_HUMAN);
	T_INTENT(&a, "kann ich mal mit der frau berger reden", NLU_EXPECT_NONE, NLU_HUMAN);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* "auch" marks another proposal at the question for a day */
	T_INTENT(&a, "wäre auch freitag nachmittag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ginge auch der nächste montag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ginge auch nächsten dienstag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "oder ginge auch dienstag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ginge auch der zwölfte um vier", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	T_INTENT(&a, "geht übermorgen noch", NLU_EXPECT_DATE, NLU_AVAILABILITY);
	/* an appointment the caller already has ("hab schon einen") is moved */
	T_INTENT(&a, "ich hab ja schon einen am freitag den möchte ich auf montag legen", NLU_EXPECT_DATE,
		 NLU_RESCHEDULE);
	T_INTENT(&a, "wir haben doch schon nen termin am mittwoch den will ich auf den donnerstag legen",
		 NLU_EXPECT_NONE, NLU_RESCHEDULE);
	/* one appointment cancelled for someone, a new one for another: the first request */
	T_INTENT(&a, "ich will den termin von meiner tochter stornieren und für mich einen neuen ausmachen",
		 NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "ich möchte den termin meiner frau absagen und für mich einen neuen buchen", NLU_EXPECT_NONE,
		 NLU_CANCEL);
	T_INTENT(&a, "ich möchte meinen termin absagen und einen neuen ausmachen", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	/* a self-correction repeats the word it takes back */
	T_INTENT(&a, "ich will stornieren äh nicht stornieren umbuchen", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "ich wollte verschieben also nicht verschieben absagen wollte ich", NLU_EXPECT_NONE, NLU_CANCEL);
	/* a missed appointment told, then one asked for */
	T_INTENT(&a, "ich hatte letzten montag nen termin und hab ihn vergessen krieg ich einen neuen",
		 NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich war am donnerstag krank und hab den termin verpasst kann ich einen neuen bekommen",
		 NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich hatte gestern einen termin und hab ihn verpennt kann ich einen neuen haben", NLU_EXPECT_NONE,
		 NLU_BOOK);
	T_INTENT(&a, "ich hab meinen termin gestern verschwitzt krieg ich noch einen", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich hatte letzte woche einen termin und war sehr zufrieden", NLU_EXPECT_NONE, NLU_UNKNOWN);
	arena_free(&a);
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* a long introduction that ends in a request */
	T_INTENT(&a,
		 "guten tag hier spricht herr vogel ich bin neu hier in der stadt und da bräucht ich mal einen termin",
		 NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "hallo hier ist frau lang ich hab probleme mit der hüfte und ich brauch nen termin",
		 NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "servus hier spricht der sepp ich hab mir beim skifahren was gezerrt und bräucht an termin",
		 NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich brauche keinen termin ich will nur wissen wie lange ihr offen habt", NLU_EXPECT_NONE,
		 NLU_INFO_HOURS);
	/* an aside to the room ends at "ach egal" */
	T_INTENT(&a, "papa wo ist mein schlüssel ach egal ja das passt", NLU_EXPECT_YESNO, NLU_YES);
	/* a turn broken off after a particle says nothing yet */
	T_INTENT(&a, "ja und äh", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "also ja aber", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ja", NLU_EXPECT_NONE, NLU_YES);
	/* an exclamation is small talk */
	T_INTENT(&a, "boah was n tag bei euch auch so viel los", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "mann was ne hitze heute ist das bei ihnen auch so", NLU_EXPECT_DATE, NLU_UNKNOWN);
	T_INTENT(&a, "oh mann was ein wetter heute", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "was ne stunde kostet wollte ich wissen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* a verb's particle after a phone number still closes it */
	T_INTENT(&a, "rufen sie mich doch unter null eins sieben eins zwei drei vier fünf sechs sieben acht zurück",
		 NLU_EXPECT_NONE, NLU_CALLBACK);
	/* an indirect question: "ob ihr ... habt" */
	T_INTENT(&a, "ich wollt mal hören ob ihr so nachmittags termine habt", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	T_INTENT(&a, "ich wollte fragen ob sie nächste woche noch termine haben", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	/* regional forms of cue words */
	T_INTENT(&a, "sacht mal habt ihr am samstag in berlin uff", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "gude habt ihr morgen früh uff", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "habt ihr am sonntag uff", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "wo is denn euer laden", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	/* the kind of insurance */
	T_INTENT(&a, "behandeln sie auch privatpatienten", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "nehmt ihr auch kassenpatienten oder nur privat", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "geht das über die kasse", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* a negation right after a question's verb and pronoun asks politely; one before a
	 * clause that a verb and "ihr" open does not reach into it */
	T_INTENT(&a, "die karte find ich grad nicht kann ich nicht lieber mit jemandem persönlich sprechen",
		 NLU_EXPECT_PHONE, NLU_HUMAN);
	T_INTENT(&a, "das weiß ich noch nich könnt ihr mich einfach später anrufen", NLU_EXPECT_DATE, NLU_CALLBACK);
	T_INTENT(&a, "ich möchte nicht zurückgerufen werden", NLU_EXPECT_NONE, NLU_NO);
	/* one more for someone after the answer; a missed one made up; regional "ham", "isch" */
	T_INTENT(&a, "ja gut und dann noch einen für meine tochter gleich danach", NLU_EXPECT_YESNO, NLU_BOOK);
	T_INTENT(&a, "ich hab meinen termin gestern vergessen kann ich den nachholen", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "isch hab mein termin verpennt kann isch noch einen kriege", NLU_EXPECT_NONE, NLU_BOOK);
	/* a compound heard by its last part, a worry after a treatment, whom to complain to */
	T_INTENT(&a, "ich hab ne katzenallergie habt ihr katzen im studio", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "mir tut seit der massage der rücken weh ist das normal", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich will mich beschweren wer ist dafür zuständig", NLU_EXPECT_NONE, NLU_HUMAN);
	/* a day and time one has is an appointment booked: a later or other time moves it */
	T_INTENT(&a, "ich hab am freitag um elf und bräuchte das zwei stunden später", NLU_EXPECT_NONE,
		 NLU_RESCHEDULE);
	T_INTENT(&a, "ich hab ja am mittwoch um neun die rückenmassage und hätte das lieber abends", NLU_EXPECT_NONE,
		 NLU_RESCHEDULE);
	T_INTENT(&a, "wir haben am montag um drei und würden gern auf halb fünf gehen", NLU_EXPECT_NONE,
		 NLU_RESCHEDULE);
	T_INTENT(&a, "ich hab am samstag zeit", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ja klar und dann bräucht ich noch einen für meinen sohn", NLU_EXPECT_YESNO, NLU_BOOK);
	/* "welcher war ... nochmal": an offer asked for again, even with a word of repeating in it */
	T_INTENT(&a, "welcher war der zweite nochmal", NLU_EXPECT_CHOICE, NLU_REPEAT);
	T_INTENT(&a, "der zweite nochmal bitte", NLU_EXPECT_CHOICE, NLU_BOOK);
	/* a verb's particle closes its clause however far from the verb */
	T_INTENT(&a, "sag mal bitte den termin am freitag für meinen mann ab", NLU_EXPECT_NONE, NLU_CANCEL);
	/* a question about the rules wishes no time */
	struct nlu_result r = test_hear(&a, "kann man auch mal ganz spontan kommen oder braucht man einen termin",
					NLU_EXPECT_NONE);
	T_EQ_INT(r.intent, NLU_INFO_FAQ);
	T_EQ_INT(r.when.pref, WHEN_PREF_NONE);
	arena_free(&a);
}

/* The word model is trained on more callers than before; where the words of the turn
 * settle what it asks, the model may not overturn them. */
static void test_settled_forms(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* the "zu" inside a separable verb goes: "abzusagen" is "absagen" */
	T_INTENT(&a, "ich melde mich um den termin am dienstag abzusagen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "ich hätte gern dass sie mich später zurückzurufen", NLU_EXPECT_NONE, NLU_CALLBACK);
	struct nlu_result r = test_hear(&a, "ich versuche den termin umzulegen", NLU_EXPECT_NONE);
	T_OK(strstr(r.normalized, "umlegen") != NULL);
	r = test_hear(&a, "der anzug ist schick", NLU_EXPECT_NONE);
	T_OK(strstr(r.normalized, "anzug") != NULL);
	/* how long a thing takes is no question about opening hours */
	T_INTENT(&a, "kurze frage noch wie lange geht so eine massage", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "und wie lang geht bei euch am samstag", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	/* asked again about a thing asks about it */
	T_INTENT(&a, "gut und was war nochmal die straße", NLU_EXPECT_YESNO, NLU_INFO_ADDRESS);
	T_INTENT(&a, "was war nochmal der preis", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* a missed appointment gone by is booked anew, not cancelled */
	T_INTENT(&a, "ich lag letzte woche mit grippe flach und hab meinen termin versäumt krieg ich einen neuen",
		 NLU_EXPECT_NONE, NLU_BOOK);
	/* a closing "geht das" asks whether what came before is possible */
	T_INTENT(&a, "ich würde meinen hund mitbringen geht das", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "geht das am donnerstag", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	/* after the hold the answer counts, not the words said while looking */
	T_INTENT(&a, "moment ich muss in meinem handy nachschauen ja mittwoch passt", NLU_EXPECT_DATE, NLU_BOOK);
	/* a statement about the town one lives in asks no address */
	T_INTENT(&a, "ich komme aus hamburg", NLU_EXPECT_NONE, NLU_UNKNOWN);
	/* offers all too late, with a no: turned down */
	T_INTENT(&a, "nee die sind mir alle zu früh", NLU_EXPECT_CHOICE, NLU_NO);
	T_INTENT(&a, "lieber etwas später", NLU_EXPECT_CHOICE, NLU_BOOK);
	/* a voucher to redeem is a booking */
	T_INTENT(&a, "ich möchte meinen gutschein einlösen", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "was verlangt ihr für eine stunde", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich hab da einen gutschein von meiner tochter und möchte den einlösen", NLU_EXPECT_NONE,
		 NLU_BOOK);
	T_INTENT(&a, "ich möchte absagen muss ich da was zahlen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "nicht so schnell bitte ich schreib mit", NLU_EXPECT_NONE, NLU_REPEAT);
	/* thinking aloud asks nothing; finding the thread again does */
	T_INTENT(&a, "was wollte ich denn noch fragen", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ich steh hier grad an der ampel", NLU_EXPECT_NONE, NLU_UNKNOWN);
	arena_free(&a);
}

/* Words recognition split or that mean something else beside a slot, a hold or a town. */
static void test_heard_apart(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* a town heard as two words is the town, not a name */
	struct nlu_result r = test_hear(&a, "ich hätte gern einen termin in ham burg", NLU_EXPECT_NONE);
	T_OK(r.city != NULL && strcmp(r.city, "Hamburg") == 0);
	T_OK(r.first_name == NULL && r.last_name == NULL);
	r = test_hear(&a, "gibt es parkplätze in frank furt", NLU_EXPECT_NONE);
	T_OK(r.city != NULL && strcmp(r.city, "Frankfurt am Main") == 0);
	/* ... one letter off too */
	r = test_hear(&a, "habt ihr in frank fort samstags auf", NLU_EXPECT_NONE);
	T_OK(r.city != NULL && strcmp(r.city, "Frankfurt am Main") == 0);
	r = test_hear(&a, "ich wohne in hamm", NLU_EXPECT_NONE);
	T_OK(r.city == NULL);
	/* "vom letzten Mal" is no slot chosen */
	r = test_hear(&a, "keiner von beiden ich wollte nur was zur massage vom letzten mal fragen", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, NLU_CHOICE_NONE);
	r = test_hear(&a, "dann den letzten bitte", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, NLU_CHOICE_LAST);
	/* words to somebody in the room; a question with "du" after a hold is to them */
	T_INTENT(&a, "jonas dreh mal die musik leiser", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "moment ich frag meine frau wann hast du nochmal frei", NLU_EXPECT_DATE, NLU_WAIT);
	T_INTENT(&a, "papa ich hab hunger ja gleich spatz äh hallo ja ich bräuchte einen termin", NLU_EXPECT_NONE,
		 NLU_BOOK);
	/* an English verb of moving; the caller's own address */
	T_INTENT(&a, "können wir meinen termin auf freitag shiften", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	r = test_hear(&a, "schicken sie die rechnung bitte an meine firmenadresse", NLU_EXPECT_NONE);
	T_OK(r.intent != NLU_INFO_ADDRESS);
	T_INTENT(&a, "wie ist denn die studioadresse", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	arena_free(&a);
}

/* What a turn comes to when it says more than one thing: what the caller is, said with
 * a wish, asks about no discount; "so schnell wie's geht" answers "wann?" with a wish; a
 * guess about the hours before the day; a day to cancel after "aber"; "bitte" after a
 * negation; parking near the studio. */
static void test_more_than_one_thing(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "ich bin studentin und hab nur dienstags frei also dienstag", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich bin seniorin und hätte gern am donnerstag vormittag einen termin", NLU_EXPECT_NONE,
		 NLU_BOOK);
	T_INTENT(&a, "ich bin rentner gibt es da ermäßigung", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich bin student kriegt man da was günstiger am freitag", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "so schnell wie geht mir tut der rücken weh", NLU_EXPECT_DATE, NLU_BOOK);
	/* asked when, a guess about the hours, then the day the turn comes to */
	T_INTENT(&a, "pfingstmontag habt ihr bestimmt zu oder na dann eben dienstag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "habt ihr am pfingstmontag überhaupt auf", NLU_EXPECT_DATE, NLU_INFO_HOURS);
	/* the day said after "aber" is the one to cancel; "bitte" ends a negation's reach;
	 * parking near the studio is a question about parking */
	T_INTENT(&a, "ich weiß es ist spät aber ich muss meinen termin am montag stornieren", NLU_EXPECT_NONE,
		 NLU_CANCEL);
	T_INTENT(&a, "ich kann morgen nicht kommen bitte absagen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "am freitag kann ich nicht kommen bitte streichen sie den termin", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "gibts parkplätze in der nähe vom studio in hamburg", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "gibt es ein parkhaus in der nähe vom studio", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	struct nlu_result r = test_hear(&a, "so bald es geht bitte", NLU_EXPECT_DATE);
	T_EQ_INT(r.intent, NLU_BOOK);
	T_EQ_INT(r.when.pref, WHEN_PREF_SOONEST);
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
	test_self_corrections();
	test_past_day();
	test_model();
	test_confidence();
	test_turn_forms();
	test_fresh_intents();
	test_meant();
	test_room_and_hold();
	test_clause_roles();
	test_settled_forms();
	test_more_than_one_thing();
	test_heard_apart();
	return t_done();
}
