/* smsreply.c: yes or no in a caller's SMS. Short forms are matched word by
 * word here (SMS are terse, with emoji and exclamation marks the speech
 * understanding never hears); whole sentences go to nlu_parse expecting a
 * yes or no. */
#include "smsreply.h"
#include "nlu.h"

#include <stdbool.h>
#include <string.h>

#define SMSREPLY_MAX 320
#define SMSREPLY_MAX_WORDS 24

const char *smsreply_name(enum smsreply_answer a)
{
	switch (a) {
	case SMSREPLY_YES: return "yes";
	case SMSREPLY_NO: return "no";
	case SMSREPLY_OTHER: break;
	}
	return "other";
}

static const char *const yes_words[] = {
	"ja", "jaa", "jaaa", "jap", "japp", "jep", "jepp", "jo", "joa", "jup", "yes", "yep", "ok", "okay", "okey", "oki",
	"okidoki", "klar", "gerne", "gern", "passt", "bestaetigt", "bestaetige", "bestaetigen", "jawohl", "sicher",
	"genau", "korrekt", "richtig", "top", "super", "y", "j", NULL,
};
static const char *const no_words[] = {
	"nein", "nee", "ne", "neee", "noe", "no", "nope", "nay", "absagen", "absage", "abgesagt", "storno",
	"stornieren", "stornierung", "storniert", "stornier", "cancel", "abbrechen", "streichen", "verhindert", "n",
	NULL,
};
/* "nicht" after one of these says no: "komme nicht", "kann nicht". */
static const char *const not_verbs[] = { "komme", "kann", "schaffe", "schaff", "klappt", "geht", "passt", NULL };

static bool in(const char *w, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

static bool has(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

/* Folds into out (lower case ASCII, umlauts as ae/oe/ue/ss) and splits into
 * words at anything else; returns the number of words. */
static size_t words(const char *s, size_t len, char *out, size_t cap, const char **w, size_t maxw)
{
	size_t o = 0, nw = 0;
	bool in_word = false;
	for (size_t i = 0; i < len && o + 3 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *fold = NULL;
		char one[2] = { 0, 0 };
		if (c >= 'A' && c <= 'Z')
			one[0] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			one[0] = (char)c;
		else if (c == 0xc3 && i + 1 < len) {
			unsigned char d = (unsigned char)s[i + 1];
			if (d == 0xa4 || d == 0x84) fold = "ae";
			else if (d == 0xb6 || d == 0x96) fold = "oe";
			else if (d == 0xbc || d == 0x9c) fold = "ue";
			else if (d == 0x9f) fold = "ss";
			if (fold)
				i++;
		}
		if (one[0])
			fold = one;
		if (fold == NULL) {
			if (in_word) {
				out[o++] = '\0';
				in_word = false;
			}
			continue;
		}
		if (!in_word) {
			if (nw == maxw)
				break;
			w[nw++] = out + o;
			in_word = true;
		}
		for (const char *f = fold; *f && o + 2 < cap; f++)
			out[o++] = *f;
	}
	out[o] = '\0';
	return nw;
}

enum smsreply_answer smsreply_classify(struct arena *a, const char *body, size_t len)
{
	if (body == NULL)
		return SMSREPLY_OTHER;
	if (len > SMSREPLY_MAX)
		len = SMSREPLY_MAX;
	bool yes = false, no = false;
	/* Thumbs up, check marks, OK hand; thumbs down, crosses. */
	if (has(body, len, "\xf0\x9f\x91\x8d") || has(body, len, "\xe2\x9c\x85") || has(body, len, "\xe2\x9c\x94") ||
	    has(body, len, "\xf0\x9f\x91\x8c"))
		yes = true;
	if (has(body, len, "\xf0\x9f\x91\x8e") || has(body, len, "\xe2\x9d\x8c") || has(body, len, "\xe2\x9c\x96"))
		no = true;
	char folded[SMSREPLY_MAX * 2 + 4];
	const char *w[SMSREPLY_MAX_WORDS];
	size_t nw = words(body, len, folded, sizeof(folded), w, SMSREPLY_MAX_WORDS);
	for (size_t i = 0; i < nw; i++) {
		if (in(w[i], no_words))
			no = true;
		else if (strcmp(w[i], "nicht") == 0 && ((i > 0 && in(w[i - 1], not_verbs)) ||
		                                        (i > 1 && in(w[i - 2], not_verbs))))
			no = true;     /* "komme nicht", "kann leider nicht" */
		else if (strcmp(w[i], "ab") == 0 && i > 0 && (strcmp(w[i - 1], "sage") == 0 || strcmp(w[i - 1], "sagen") == 0))
			no = true;
		else if (in(w[i], yes_words) && !(i + 1 < nw && strcmp(w[i + 1], "nicht") == 0))
			yes = true;
	}
	if (yes != no)
		return yes ? SMSREPLY_YES : SMSREPLY_NO;
	if (yes || a == NULL || nw < 2)
		return SMSREPLY_OTHER;        /* both said, or too little to go on */
	struct nlu_context ctx = { .expect = NLU_EXPECT_YESNO };
	struct nlu_result r;
	if (nlu_parse(a, body, len, &ctx, &r) != 0 || r.confidence < 0.6)
		return SMSREPLY_OTHER;
	if (r.intent == NLU_YES)
		return SMSREPLY_YES;
	if (r.intent == NLU_NO || r.intent == NLU_CANCEL)
		return SMSREPLY_NO;
	return SMSREPLY_OTHER;
}
