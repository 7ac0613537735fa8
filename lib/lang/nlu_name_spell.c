/* nlu_name_spell.c: how callers explain the spelling of a name ("mit dt", "mit a y",
 * "mit scharfem s", "wie die Mühle"), and the surname written as they explain it. */
#include "nlu_name_int.h"

#include <string.h>

#include "nlu_name_words.h"

/* Is token i a letter as a caller names it in a spelling hint ("d", "ypsilon", "dt")? */
bool entity_letter(const struct nlu_toks *tk, size_t i)
{
	/* vowel pairs too, as said of Meier and Mayer: "mit ei", "mit a y" */
	static const char *const letters[] = {
		"ypsilon", "dt", "ck", "tz", "ph", "th", "ss", "sz", "ae", "oe", "ue", "ha", "ka", "zet", "vau", "jot", "ix",
		"ei", "ai", "ey", "ay", "ie", "tt", "ll", "mm", "nn", "rr", "ff", "pp", "bb", "dd", "gg",
		/* letters by their names: "we", "el", "zett" */
		"we", "be", "ce", "ef", "ge", "el", "em", "en", "pe", "ku", "te", "zett", NULL,
	};
	if (i >= tk->n)
		return false;
	const struct nlu_tok *t = &tk->t[i];
	return (t->len == 1 && t->w[0] >= 'a' && t->w[0] <= 'z') || (t->flags & NLU_TOK_LETTER) ||
	       nlu_oneof(tk, i, letters) >= 0;
}

/* "mit d t", "mit scharfem s", "mit zwei n", "mit h am Ende", "mit y wie Ypsilon",
 * "wie oben": how a caller explains the spelling of the name word before i; its
 * length in tokens, or 0. */
size_t entity_hint(const struct nlu_toks *tk, size_t i)
{
	static const char *const how[] = { "scharfem", "scharfes", "doppel", "doppelt", "zwei", "einem", "einer", "nur", NULL };
	static const char *const where[] = { "am ende", "am anfang", "hinten", "vorne", "in der mitte", NULL };
	static const char *const articles[] = { "der", "die", "das", "dem", NULL };
	/* "van de Loo, das van de klein geschrieben", "de Vries, das de klein": how the
	 * particles are written */
	static const char *const size_[] = { "klein", "gross", NULL };
	size_t pk = i + 1;
	while (nlu_oneof(tk, i, articles) >= 0 && pk < tk->n && pk < i + 4 &&
	       (nlu_in(tk->t[pk].w, entity_particles) || (pk > i + 1 && nlu_oneof(tk, pk, articles) >= 0)))
		pk++;
	if (pk > i + 1 && nlu_oneof(tk, pk, size_) >= 0) {
		/* "das ten klein und getrennt": how it is joined, too */
		static const char *const joined[] = { "getrennt", "zusammen", "auseinander", NULL };
		size_t k = pk + 1 + nlu_is(tk, pk + 1, "geschrieben");
		if (nlu_is(tk, k, "und") && nlu_oneof(tk, k + 1, joined) >= 0)
			k += 2 + nlu_is(tk, k + 2, "geschrieben");
		return k - i;
	}
	/* "ö wie Ötzi", "ka wie Kaufmann und a wie Anton": letters explained by words */
	size_t e = i;
	while (entity_letter(tk, e) && nlu_is(tk, e + 1, "wie") && e + 2 < tk->n)
		e += 3 + (nlu_is(tk, e + 3, "und") && entity_letter(tk, e + 4));
	if (e > i)
		return e - i;
	/* "ö mit Punkten", "a mit zwei Punkten", "c mit Häkchen": a letter and its marks */
	if (entity_letter(tk, i) && !entity_letter(tk, i + 2) && nlu_is(tk, i + 1, "mit") && i + 2 < tk->n)
		return 3 + ((nlu_is(tk, i + 2, "zwei") || nlu_is(tk, i + 2, "den")) && i + 3 < tk->n);
	/* "so wie man's spricht", "wie man es schreibt": the name as it sounds */
	static const char *const sounds[] = { "spricht", "schreibt", "sagt", "hoert", "ausspricht", NULL };
	size_t at = i + nlu_is(tk, i, "so");
	if (nlu_is(tk, at, "wie") && (nlu_is(tk, at + 1, "man") || nlu_is(tk, at + 1, "mans"))) {
		size_t k = at + 2 + nlu_is(tk, at + 2, "es");
		if (nlu_oneof(tk, k, sounds) >= 0)
			return k + 1 - i;
	}
	/* "wie die Mühle, nur mit ü": a hint going on with another */
	if ((nlu_is(tk, i, "nur") || nlu_is(tk, i, "aber")) && (nlu_is(tk, i + 1, "mit") || nlu_is(tk, i + 1, "ohne"))) {
		size_t l = entity_hint(tk, i + 1);
		return l > 0 ? l + 1 : 0;
	}
	if (nlu_is(tk, i, "wie") && i + 1 < tk->n) {
		size_t k = i + 1 + (nlu_oneof(tk, i + 1, articles) >= 0);
		bool ends = k + 1 >= tk->n || nlu_is(tk, k + 1, "und") || nlu_is(tk, k + 1, "mit") ||
			    nlu_is(tk, k + 1, "nur") || nlu_is(tk, k + 1, "aber") || nlu_prefix(tk, k + 1, "vorname") ||
			    nlu_prefix(tk, k + 1, "nachname");
		return k < tk->n && ends && !(tk->t[k].flags & (NLU_TOK_NUM | NLU_TOK_CLOCK | NLU_TOK_DATE)) ? k + 1 - i : 0;
	}
	if (!nlu_is(tk, i, "mit") && !nlu_is(tk, i, "ohne"))
		return 0;
	size_t k = i + 1, letters = 0;
	for (;;) {
		while (nlu_oneof(tk, k, how) >= 0)
			k++;
		if (!entity_letter(tk, k))
			break;
		k++;
		letters++;
		/* "y wie Ypsilon": a letter explained by a word; "ö und ü" */
		if (nlu_is(tk, k, "wie") && k + 1 < tk->n)
			k += 2;
		/* "mit ü und doppel l" */
		if (nlu_is(tk, k, "und") &&
		    (entity_letter(tk, k + 1) || (nlu_oneof(tk, k + 1, how) >= 0 && entity_letter(tk, k + 2))))
			k++;
	}
	if (letters == 0)
		return 0;
	for (size_t w = 0; where[w] != NULL; w++) {
		size_t l = nlu_phrase(tk, k, where[w]);
		if (l == 0)
			continue;
		/* "mit ph vorne und zwei p hinten": another letter and its place */
		size_t more = nlu_is(tk, k + l, "und") && nlu_oneof(tk, k + l + 1, how) >= 0 &&
				      entity_letter(tk, k + l + 2) ? 3 : 0;
		for (size_t w2 = 0; more > 0 && where[w2] != NULL; w2++) {
			size_t l2 = nlu_phrase(tk, k + l + more, where[w2]);
			if (l2 > 0)
				return k + l + more + l2 - i;
		}
		return k + l - i;
	}
	return k - i;
}

/* "Meier mit a y": the vowel pair a hint right after the surname names ("ei", "ai",
 * "ey", "ay"), or NULL. */
static const char *entity_pair_at(const struct nlu_toks *tk, size_t k)
{
	static const char *const pairs[] = { "ei", "ai", "ey", "ay", NULL };
	if (!nlu_is(tk, k, "mit"))
		return NULL;
	int p = nlu_oneof(tk, k + 1, pairs);
	if (p >= 0)
		return pairs[p];
	if (k + 2 < tk->n && tk->t[k + 1].len == 1 && tk->t[k + 2].len == 1 && !entity_letter(tk, k + 3)) {
		char two[3] = { tk->t[k + 1].w[0], tk->t[k + 2].w[0], '\0' };
		for (p = 0; pairs[p] != NULL; p++)
			if (strcmp(two, pairs[p]) == 0)
				return pairs[p];
	}
	return NULL;
}

/* ... the last one said: "Meier mit ei, nee warte, mit e y" is Meyer */
static const char *entity_pair_hint(const struct nlu_toks *tk, size_t k)
{
	static const char *const fix[] = { "nee", "nein", "ne", "warte", "moment", "doch", "also", "sorry", NULL };
	const char *pair = NULL;
	while (k < tk->n) {
		size_t h = entity_hint(tk, k);
		if (h > 0) {
			const char *p = entity_pair_at(tk, k);
			pair = p != NULL ? p : pair;
			k += h;
		} else if (nlu_oneof(tk, k, fix) >= 0) {
			k++;
		} else {
			break;
		}
	}
	return pair;
}

/* "Weis wie die Farbe, mit scharfem s": a sharp s said in the words after the surname
 * (before token k + 8). */
static bool entity_eszett_hint(const struct nlu_toks *tk, size_t k)
{
	static const char *const said[] = { "scharfem s", "scharfes s", "scharfen s", "eszett", "esszett", NULL };
	for (size_t i = k; i < tk->n && i < k + 8; i++)
		for (size_t p = 0; said[p] != NULL; p++)
			if (nlu_phrase(tk, i, said[p]) > 0)
				return true;
	return false;
}

/* The surname written with a sharp s where it has a double s or an s at the end: "Weis"
 * is "Weiß", "Strauss" "Strauß", "Grosse" "Große"; a new string, or name as it was. */
static char *entity_eszett(struct arena *a, char *name)
{
	size_t n = strlen(name), at = n;
	for (size_t k = 0; k + 1 < n; k++)
		if (name[k] == 's' && name[k + 1] == 's')
			at = k;
	if (at == n && n > 1 && name[n - 1] == 's')
		at = n - 1;
	if (at == n || strstr(name, "\xc3\x9f") != NULL)
		return name;
	size_t drop = at + 1 < n && name[at + 1] == 's' ? 2 : 1;
	char *out = arena_printf(a, "%.*s\xc3\x9f%s", (int)at, name, name + at + drop);
	return out != NULL ? out : name;
}

/* The surname written with the vowel pair its hint names: "Meier" said "mit a y" is "Mayer". */
static void entity_apply_pair(char *name, const char *pair)
{
	static const char *const pairs[] = { "ei", "ai", "ey", "ay", NULL };
	size_t n = strlen(name);
	for (size_t k = 0; k + 1 < n; k++)
		if ((name[k] | 0x20) == pair[0] && name[k + 1] == pair[1])
			return;   /* written so already */
	for (size_t k = 0; k + 1 < n; k++)
		for (size_t p = 0; pairs[p] != NULL; p++)
			if ((name[k] | 0x20) == pairs[p][0] && name[k + 1] == pairs[p][1]) {
				name[k] = k == 0 ? (char)(pair[0] - 'a' + 'A') : pair[0];
				name[k + 1] = pair[1];
				return;
			}
}

char *entity_as_hinted(struct arena *a, const struct nlu_toks *tk, size_t k, char *ln)
{
	const char *pair = entity_pair_hint(tk, k);
	if (pair != NULL)
		entity_apply_pair(ln, pair);
	return entity_eszett_hint(tk, k) ? entity_eszett(a, ln) : ln;
}
