/* test_smsreply.c: unit tests of lib/lang/smsreply: the yes and no people text in
 * answer to a reminder, and what is neither. */
#include "arena.h"
#include "smsreply.h"
#include "t.h"

struct row {
	const char *body;
	enum smsreply_answer want;
};

static const struct row rows[] = {
	{ "JA", SMSREPLY_YES },
	{ "Ja!", SMSREPLY_YES },
	{ "ja", SMSREPLY_YES },
	{ " jep ", SMSREPLY_YES },
	{ "Jo", SMSREPLY_YES },
	{ "ok", SMSREPLY_YES },
	{ "Okay 🙂", SMSREPLY_YES },
	{ "👍", SMSREPLY_YES },
	{ "Ja, ich komme gerne.", SMSREPLY_YES },
	{ "Passt!", SMSREPLY_YES },
	{ "Bestätige", SMSREPLY_YES },
	{ "NEIN", SMSREPLY_NO },
	{ "Nein.", SMSREPLY_NO },
	{ "nee", SMSREPLY_NO },
	{ "Nö", SMSREPLY_NO },
	{ "absagen", SMSREPLY_NO },
	{ "Storno", SMSREPLY_NO },
	{ "Bitte stornieren", SMSREPLY_NO },
	{ "Ich komme nicht", SMSREPLY_NO },
	{ "Ich kann leider nicht", SMSREPLY_NO },
	{ "passt nicht", SMSREPLY_NO },
	{ "Ich sage ab", SMSREPLY_NO },
	{ "👎", SMSREPLY_NO },
	{ "", SMSREPLY_OTHER },
	{ "Hallo", SMSREPLY_OTHER },
	{ "Wo finde ich Sie?", SMSREPLY_OTHER },
	{ "Ja nein vielleicht", SMSREPLY_OTHER },
	{ "ja, aber ich komme nicht", SMSREPLY_OTHER },
	{ "?", SMSREPLY_OTHER },
	{ "Jahreszeit", SMSREPLY_OTHER },      /* a word that starts like "ja" */
	{ "Neinhorn", SMSREPLY_OTHER },
};

static void test_rows(void)
{
	struct arena a;
	arena_init(&a, 1 << 20);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum smsreply_answer got = smsreply_classify(&a, rows[i].body, strlen(rows[i].body));
		if (got != rows[i].want)
			fprintf(stderr, "\"%s\": %s, want %s\n", rows[i].body, smsreply_name(got), smsreply_name(rows[i].want));
		T_EQ_INT(got, rows[i].want);
		arena_reset(&a);
	}
	arena_free(&a);
}

static void test_edges(void)
{
	T_EQ_INT(smsreply_classify(NULL, NULL, 0), SMSREPLY_OTHER);
	T_EQ_INT(smsreply_classify(NULL, "JA", 2), SMSREPLY_YES);
	/* Not NUL-terminated, and only the length counts. */
	T_EQ_INT(smsreply_classify(NULL, "NEINxxxx", 4), SMSREPLY_NO);
	/* A long message of bytes that are no text at all. */
	char junk[2000];
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(0x80 + i % 0x40);
	T_EQ_INT(smsreply_classify(NULL, junk, sizeof(junk)), SMSREPLY_OTHER);
	T_EQ_STR(smsreply_name(SMSREPLY_YES), "yes");
	T_EQ_STR(smsreply_name(SMSREPLY_NO), "no");
	T_EQ_STR(smsreply_name(SMSREPLY_OTHER), "other");
}

int main(void)
{
	test_rows();
	test_edges();
	return t_done();
}
