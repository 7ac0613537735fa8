/* nlu_intent.c: scores what a German caller wants from weighted cue phrases, negation and the dialog's question. */
#include "nlu_int.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "nlu_cues.h"
#include "nlu_intent_int.h"

#define INTENT_NCUES (sizeof(intent_cues) / sizeof(intent_cues[0]))
#define INTENT_MAX_EL 6
#define INTENT_GAP 4
#define INTENT_CLAUSE_GAP 9   /* words a clause-closing "nicht" may stand after its verb */

struct intent_el {
	char w[32];
	size_t len;
	bool prefix, gap;
	uint16_t id;         /* index of the word in intent_words */
};

/* Does token i greet ("servus", "merhaba", "tag", "na")? */
static bool intent_greets(const struct nlu_toks *tk, size_t i)
{
	return nlu_greeting(tk, i) || nlu_is(tk, i, "tag") || nlu_is(tk, i, "na");
}

/* Splits a cue into its words; returns how many. */
static size_t intent_split(const char *p, struct intent_el *el)
{
	size_t n = 0;
	bool gap = false;
	while (*p && n < INTENT_MAX_EL) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		size_t l = (size_t)(e - p);
		if (l == 2 && p[0] == '.' && p[1] == '.') {
			gap = true;
		} else if (l > 0 && l < sizeof(el[n].w)) {
			el[n].prefix = p[l - 1] == '*';
			el[n].len = el[n].prefix ? l - 1 : l;
			memcpy(el[n].w, p, el[n].len);
			el[n].w[el[n].len] = '\0';
			el[n].gap = gap;
			gap = false;
			n++;
		}
		p = e;
	}
	return n;
}

/* What a token stands for besides its own word: a cue word it was heard as
 * ("termien" for "termin", "ab sagen" for "absagen", "probetermin" for "termin"). */
struct intent_alt {
	const char *w[NLU_MAX_TOKENS];
	uint16_t len[NLU_MAX_TOKENS];
};

static bool intent_word_match(const struct intent_el *el, const char *w, size_t len)
{
	if (el->prefix)
		return len >= el->len && memcmp(w, el->w, el->len) == 0;
	return len == el->len && memcmp(w, el->w, el->len) == 0;
}

static bool intent_el_match(const struct intent_el *el, const struct nlu_tok *t, const struct intent_alt *alt, size_t k)
{
	if (intent_word_match(el, t->w, t->len))
		return true;
	return alt != NULL && alt->w[k] != NULL && intent_word_match(el, alt->w[k], alt->len[k]);
}

/* How far a cue's word may stand from the one before (at i - 1): "..", a gap of INTENT_GAP
 * words, where a run of digits counts as one word ("rufen Sie mich unter 0171 ... zurück"),
 * and never into a clause a verb with its "Sie" or "ihr" opens (opens, may be NULL):
 * "keins geht, haben Sie nicht was" has no "geht ... nicht". */
static size_t intent_gap_last(const struct nlu_toks *tk, const bool *opens, size_t i)
{
	size_t last = i + INTENT_GAP;
	for (size_t k = i; k <= last && k < tk->n; k++) {
		if (opens != NULL && opens[k])
			return k > i ? k - 1 : i;
		if (k > i && (tk->t[k].flags & (NLU_TOK_NUM | NLU_TOK_DIGITS)) &&
		    (tk->t[k - 1].flags & (NLU_TOK_NUM | NLU_TOK_DIGITS)))
			last++;
	}
	return last;
}

/* "das war's", "sonst nichts": a goodbye that says nothing more is wanted, not a farewell */
static bool intent_closing_cue(const char *p)
{
	return strncmp(p, "das ", 4) == 0 || strncmp(p, "nichts", 6) == 0 || strncmp(p, "sonst", 5) == 0;
}

/* "machen Sie das bitte, dann auf Wiederhören": an "auf" the farewell opens is no particle
 * a verb far before it takes ("machen ... auf" asks when the studio opens); a "zu" before
 * a feast or an article neither */
static bool intent_no_particle(const struct nlu_toks *tk, const struct intent_el *el, size_t k)
{
	static const char *const farewell[] = { "wiederhoeren", "wiedersehen", "wiederschauen", "wiederschaun", "bald", NULL };
	/* "die hat den Gutschein zu Weihnachten gekriegt": "zu" before a feast or an article is
	 * a preposition, no "hat ... zu" */
	static const char *const taken[] = { "weihnachten", "ostern", "pfingsten", "silvester", "neujahr", "hause",
					     "dem", "der", "den", "einem", "einer", "meinem", "meiner", NULL };
	if (!el->gap || k + 1 >= tk->n)
		return false;
	return (strcmp(el->w, "auf") == 0 && nlu_oneof(tk, k + 1, farewell) >= 0) ||
	       (strcmp(el->w, "zu") == 0 && nlu_oneof(tk, k + 1, taken) >= 0);
}

static bool intent_match_from(const struct nlu_toks *tk, const struct intent_alt *alt, const bool *used,
			      const bool *opens, const struct intent_el *el, size_t nel, size_t e, size_t i,
			      size_t *idx)
{
	if (e == nel)
		return true;
	if (e >= INTENT_MAX_EL)
		return false;
	size_t last = el[e].gap ? intent_gap_last(tk, opens, i) : i;
	/* "ich komme zu meinem Termin am Freitag nicht": a "nicht" that closes the
	 * clause negates its verb however far back, up to the clause's start; so does the
	 * particle of a verb ("sagen Sie den Termin von meiner Frau bitte ab") */
	if (el[e].gap && e + 1 == nel && !el[e].prefix &&
	    (strcmp(el[e].w, "nicht") == 0 || strcmp(el[e].w, "ab") == 0))
		for (last = i; last + 1 < tk->n && last < i + INTENT_CLAUSE_GAP; last++)
			if (nlu_is(tk, last + 1, "und") || nlu_is(tk, last + 1, "aber") || nlu_is(tk, last + 1, "oder") ||
			    nlu_is(tk, last + 1, "sondern") || (opens != NULL && opens[last + 1]))
				break;
	for (size_t k = i; k <= last && k < tk->n; k++) {
		if (!used[k] && intent_el_match(&el[e], &tk->t[k], alt, k) && !intent_no_particle(tk, &el[e], k)) {
			idx[e] = k;
			if (intent_match_from(tk, alt, used, opens, el, nel, e + 1, k + 1, idx))
				return true;
		}
	}
	return false;
}

/* The cues split into words and ordered longest first, then heaviest, built
 * once per process: every turn walks them, none needs to split or sort. */
static struct intent_prep {
	struct intent_el el[INTENT_MAX_EL];
	size_t nel;
	size_t rank;            /* words of the cue as written, ".." counted */
} intent_prep[INTENT_NCUES];
static size_t intent_order[INTENT_NCUES];
static pthread_once_t intent_once = PTHREAD_ONCE_INIT;

static int intent_cmp(const void *a, const void *b)
{
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	const struct intent_prep *x = &intent_prep[ia], *y = &intent_prep[ib];
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	if (intent_cues[ia].w != intent_cues[ib].w)
		return intent_cues[ia].w > intent_cues[ib].w ? -1 : 1;
	return ia < ib ? -1 : 1;
}

/* Every distinct cue word, for hearing a token as one of them. */
/* Every distinct cue word, sorted by first letter, for hearing a token as one of
 * them and for skipping cues whose words the turn does not have. */
#define INTENT_MAX_WORDS (INTENT_NCUES * INTENT_MAX_EL)
static const struct intent_el *intent_words[INTENT_MAX_WORDS];
static size_t intent_nwords;
static size_t intent_bucket[28];      /* words starting with 'a' + b are [intent_bucket[b], intent_bucket[b + 1]) */
static uint16_t intent_compound[INTENT_MAX_WORDS];   /* whole words of six letters or more */
static size_t intent_ncompound;

static size_t intent_letter(char c)
{
	return c >= 'a' && c <= 'z' ? (size_t)(c - 'a') : 26;
}

static int intent_word_cmp(const void *a, const void *b)
{
	const struct intent_el *x = *(const struct intent_el *const *)a, *y = *(const struct intent_el *const *)b;
	size_t lx = intent_letter(x->w[0]), ly = intent_letter(y->w[0]);
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void intent_prepare(void)
{
	for (size_t c = 0; c < INTENT_NCUES; c++) {
		intent_prep[c].nel = intent_split(intent_cues[c].p, intent_prep[c].el);
		intent_prep[c].rank = 1;
		for (const char *p = intent_cues[c].p; *p; p++)
			intent_prep[c].rank += *p == ' ';
		intent_order[c] = c;
		for (size_t e = 0; e < intent_prep[c].nel; e++) {
			const struct intent_el *el = &intent_prep[c].el[e];
			bool dup = false;
			for (size_t k = 0; k < intent_nwords && !dup; k++)
				dup = intent_words[k]->len == el->len && intent_words[k]->prefix == el->prefix &&
				      memcmp(intent_words[k]->w, el->w, el->len) == 0;
			if (!dup)
				intent_words[intent_nwords++] = el;
		}
	}
	qsort(intent_order, INTENT_NCUES, sizeof(intent_order[0]), intent_cmp);
	qsort(intent_words, intent_nwords, sizeof(intent_words[0]), intent_word_cmp);
	for (size_t b = 0, k = 0; b < 28; b++) {
		while (k < intent_nwords && intent_letter(intent_words[k]->w[0]) < b)
			k++;
		intent_bucket[b] = k;
	}
	for (size_t k = 0; k < intent_nwords; k++)
		if (!intent_words[k]->prefix && intent_words[k]->len >= 6)
			intent_compound[intent_ncompound++] = (uint16_t)k;
	/* every word of every cue learns its index */
	for (size_t c = 0; c < INTENT_NCUES; c++)
		for (size_t e = 0; e < intent_prep[c].nel; e++) {
			struct intent_el *el = &intent_prep[c].el[e];
			size_t b = intent_letter(el->w[0]);
			for (size_t k = intent_bucket[b]; k < intent_bucket[b + 1]; k++)
				if (intent_words[k]->len == el->len && intent_words[k]->prefix == el->prefix &&
				    memcmp(intent_words[k]->w, el->w, el->len) == 0) {
					el->id = (uint16_t)k;
					break;
				}
		}
}

/* Are a and b one typing or hearing slip apart: one letter added, dropped,
 * changed, or two neighbours swapped? (Equal words are not.) */
bool nlu_edit1(const char *a, size_t la, const char *b, size_t lb)
{
	if (la > lb)
		return nlu_edit1(b, lb, a, la);
	if (lb - la > 1)
		return false;
	size_t i = 0;
	while (i < la && a[i] == b[i])
		i++;
	if (i == la)
		return lb == la + 1;
	if (la == lb) {
		if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0)
			return true;
		return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
	}
	return memcmp(a + i, b + i + 1, la - i) == 0;
}

/* Strips one German inflection ending ("verschiebe", "stornierst", "terminen")
 * when at least four letters stay; returns the stem's length. */
static size_t intent_stem(const char *w, size_t len)
{
	static const char *const endings[] = { "en", "em", "er", "es", "st", "et", "e", "n", "s", "t", NULL };
	for (size_t k = 0; endings[k] != NULL; k++) {
		size_t el = k < 6 ? 2 : 1;
		if (len >= el + 4 && memcmp(w + len - el, endings[k], el) == 0)
			return len - el;
	}
	return len;
}

/* Is word w (len letters) heard as cue word el: the same stem, one slip apart,
 * or (compound) ending in it ("probetermin", "donnerstagstermin")? */
static bool intent_heard(const struct intent_el *el, const char *w, size_t len, bool compound)
{
	if (el->len < 5 || len < 5)
		return false;
	/* a word with no vowel ("pssst", "hmmmm") is a sound, not a word misheard */
	size_t v = 0;
	while (v < len && strchr("aeiouy", w[v]) == NULL)
		v++;
	if (v == len)
		return false;
	/* a compound ends in the cue word ("probetermin"); otherwise a slip keeps the first letter.
	 * "Firmenadresse", "Rechnungsanschrift": an address of the caller's own is not the studio's. */
	static const char *const own[] = {
		"firm", "rechnung", "liefer", "mail", "email", "privat", "wohn", "heim", NULL,
	};
	if (compound && !el->prefix && el->len >= 6 && len >= el->len + 3) {
		bool address = strcmp(el->w, "adresse") == 0 || strcmp(el->w, "anschrift") == 0;
		for (size_t k = 0; own[k] != NULL && address; k++)
			if (strncmp(w, own[k], strlen(own[k])) == 0)
				return false;
		return memcmp(w + len - el->len, el->w, el->len) == 0;
	}
	if (w[0] != el->w[0] || (!el->prefix && (len + 1 < el->len || len > el->len + 2)))
		return false;
	if (el->prefix) {
		/* "verschiben" for "verschieb*", "stonieren" for "storn*" */
		return len >= el->len && (nlu_edit1(w, el->len, el->w, el->len) ||
					  nlu_edit1(w, el->len - 1, el->w, el->len) ||
					  nlu_edit1(w, el->len + 1 > len ? len : el->len + 1, el->w, el->len));
	}
	size_t sw = intent_stem(w, len), se = intent_stem(el->w, el->len);
	if (sw == se && memcmp(w, el->w, sw) == 0)
		return true;
	return nlu_edit1(w, len, el->w, el->len);
}

/* The cue word w (whole, no prefix), or NULL. */
static const struct intent_el *intent_find_word(const char *w)
{
	size_t b = intent_letter(w[0]), len = strlen(w);
	for (size_t k = intent_bucket[b]; k < intent_bucket[b + 1]; k++)
		if (!intent_words[k]->prefix && intent_words[k]->len == len && memcmp(intent_words[k]->w, w, len) == 0)
			return intent_words[k];
	return NULL;
}

/* Fills alt with the cue word each token is heard as, where it is no cue word itself;
 * a word split in two ("ab sagen", "wieder holen") is heard joined, its second half used up. */
static void intent_hear(const struct nlu_toks *tk, struct intent_alt *alt, bool *used, bool *present)
{
	bool exact[NLU_MAX_TOKENS];
	memset(present, 0, intent_nwords * sizeof(present[0]));
	for (size_t i = 0; i < tk->n; i++) {
		const struct nlu_tok *t = &tk->t[i];
		size_t b = intent_letter(t->w[0]);
		alt->w[i] = NULL;
		alt->len[i] = 0;
		exact[i] = false;
		for (size_t k = intent_bucket[b]; k < intent_bucket[b + 1]; k++)
			if (intent_word_match(intent_words[k], t->w, t->len))
				exact[i] = present[k] = true;
	}
	for (size_t i = 0; i < tk->n; i++) {
		const struct nlu_tok *t = &tk->t[i];
		size_t b = intent_letter(t->w[0]);
		const struct intent_el *heard = NULL;
		if (used[i] || (t->flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_CLOCK | NLU_TOK_DATE)))
			continue;
		/* split: "ab sagen", "rück ruf", "mit arbeiter", "öffnungs zeiten" */
		if (i + 1 < tk->n && !used[i + 1] && t->len + tk->t[i + 1].len < 32 &&
		    !(tk->t[i + 1].flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_CLOCK | NLU_TOK_DATE)) &&
		    !(t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP))) {
			char j[32];
			size_t jl = t->len + tk->t[i + 1].len;
			memcpy(j, t->w, t->len);
			memcpy(j + t->len, tk->t[i + 1].w, tk->t[i + 1].len);
			for (size_t k = intent_bucket[b]; k < intent_bucket[b + 1] && heard == NULL; k++) {
				const struct intent_el *el = intent_words[k];
				/* the cue word must reach into the second half and be neither half alone */
				if (el->len < 5 || el->len <= t->len || intent_word_match(el, t->w, t->len) ||
				    intent_word_match(el, tk->t[i + 1].w, tk->t[i + 1].len))
					continue;
				/* a slip across two words only where the first is no cue word itself:
				 * "braucht wieder" is no "bräucht..." that swallows "wieder" */
				if (intent_word_match(el, j, jl) || (el->len >= 8 && !exact[i] && intent_heard(el, j, jl, false)))
					heard = el;
			}
			if (heard != NULL) {
				used[i + 1] = true;
				goto found;
			}
		}
		/* "studioadresse", "behandlungstermin": a compound heard by its last part */
		/* (not a cue word of its own: "aufmachen" is no "ausmachen") */
		bool own = exact[i] && intent_find_word(t->w) != NULL;
		for (size_t c = 0; c < intent_ncompound && heard == NULL && exact[i] && !own && t->len >= 9; c++)
			if (intent_heard(intent_words[intent_compound[c]], t->w, t->len, true))
				heard = intent_words[intent_compound[c]];
		for (size_t r = 0; intent_regional[r][0] != NULL && heard == NULL && !exact[i]; r++)
			if (strcmp(t->w, intent_regional[r][0]) == 0)
				heard = intent_find_word(intent_regional[r][1]);
		if (heard != NULL)
			goto found;
		if (exact[i] || t->len < 5 || when_word(t->w) || nlu_negation(t->w))
			continue;
		bool plain = false;
		for (size_t k = 0; intent_plain[k] != NULL && !plain; k++)
			plain = strcmp(t->w, intent_plain[k]) == 0;
		for (size_t k = 0; intent_plain_stems[k] != NULL && !plain; k++)
			plain = strncmp(t->w, intent_plain_stems[k], strlen(intent_plain_stems[k])) == 0;
		if (plain)
			continue;
		/* "tschüssle", "merciele": a southern diminutive ending on a cue word */
		if (t->len >= 6 && t->w[t->len - 2] == 'l' && (t->w[t->len - 1] == 'e' || t->w[t->len - 1] == 'i'))
			for (size_t k = intent_bucket[b]; k < intent_bucket[b + 1] && heard == NULL; k++)
				if (intent_words[k]->len >= 4 && !intent_words[k]->prefix &&
				    intent_word_match(intent_words[k], t->w, t->len - 2))
					heard = intent_words[k];
		for (size_t k = intent_bucket[b]; k < intent_bucket[b + 1] && heard == NULL; k++)
			if (intent_heard(intent_words[k], t->w, t->len, false))
				heard = intent_words[k];
		for (size_t c = 0; c < intent_ncompound && heard == NULL && t->len >= 9; c++)
			if (intent_heard(intent_words[intent_compound[c]], t->w, t->len, true))
				heard = intent_words[intent_compound[c]];
		if (heard == NULL)
			continue;
	found:
		alt->w[i] = heard->w;
		alt->len[i] = (uint16_t)heard->len;
		/* the word it is heard as may also stand for shorter cue words ("termin*") */
		size_t hb = intent_letter(heard->w[0]);
		for (size_t k = intent_bucket[hb]; k < intent_bucket[hb + 1]; k++)
			if (intent_word_match(intent_words[k], heard->w, heard->len))
				present[k] = true;
		if (heard->len + 1 < 32 && heard->prefix) {
			/* a prefix cue word heard: longer words from it cannot be told, mark it alone */
			present[heard->id] = true;
		}
	}
}

bool nlu_cue_part(const char *w, size_t wl)
{
	pthread_once(&intent_once, intent_prepare);
	for (size_t c = 0; c < INTENT_NCUES; c++)
		for (size_t e = 0; e < intent_prep[c].nel; e++) {
			const struct intent_el *el = &intent_prep[c].el[e];
			if (el->len >= 6 && (el->prefix ? (wl >= el->len && memcmp(w, el->w, el->len) == 0)
							 : (wl == el->len && memcmp(w, el->w, wl) == 0)))
				return true;
		}
	return false;
}

bool nlu_intent_word(const char *w)
{
	pthread_once(&intent_once, intent_prepare);
	size_t wl = strlen(w);
	for (size_t c = 0; c < INTENT_NCUES; c++) {
		const struct intent_el *el = intent_prep[c].el;
		if (intent_prep[c].nel != 1 || intent_cues[c].w < 1.0f)
			continue;
		if (el[0].prefix ? (wl >= el[0].len && memcmp(w, el[0].w, el[0].len) == 0)
				 : (wl == el[0].len && memcmp(w, el[0].w, wl) == 0))
			return true;
	}
	return false;
}

/* "ja, aber ich hab keine Matte", "ja, nur ich bin in der Reha": a yes that goes on with "aber" or "nur" and a statement of
 * three words or more, with no day, time, name or number, voices a worry the studio's
 * FAQ answers. */
static bool intent_yes_but(const struct nlu_toks *tk, const struct nlu_facts *f)
{
	if (f->has_day_or_time || f->name || f->digits > 0 || f->choice != NLU_CHOICE_NONE)
		return false;
	for (size_t i = 1; i < 3 && i < tk->n; i++)
		if (nlu_is(tk, i, "aber") || nlu_is(tk, i, "nur"))
			return tk->n - i > 3;
	return false;
}

/* "ist mir egal", "ich bin flexibel": any day will do */
static bool intent_any_day(const struct nlu_toks *tk)
{
	static const char *const any[] = { "egal", "beliebig", "flexibel", "wurscht", "wurst", NULL };
	for (size_t i = 0; i < tk->n; i++)
		if (nlu_oneof(tk, i, any) >= 0 || (nlu_is(tk, i, "wann") && i + 1 < tk->n && nlu_is(tk, i + 1, "immer")))
			return true;
	return false;
}

/* "ähm ja also äh", "ja und": answer words that end on a word to go on with, a turn broken
 * off before it said anything */
static bool intent_broken_off(const struct nlu_toks *tk)
{
	static const char *const hang[] = { "und", "aber", "also", "weil", "dass", "oder", "wenn", "sondern", NULL };
	if (tk->n < 2 || nlu_oneof(tk, tk->n - 1, hang) < 0)
		return false;
	for (size_t k = 0; k + 1 < tk->n; k++)
		if (nlu_oneof(tk, k, intent_opener) < 0 && nlu_oneof(tk, k, hang) < 0)
			return false;
	return true;
}

/* "den Termin von meinem Mann absagen und für mich einen neuen": the new one (word i) is
 * for someone ("für mich") other than whose the cancelled one was ("von meinem Mann",
 * "meines Mannes", "den Termin meiner Frau"): two
 * requests, not one appointment moved. */
static bool intent_other_owner(const struct nlu_toks *tk, size_t i)
{
	bool owner = false, for_one = false;
	for (size_t k = 0; k + 1 < i; k++)
		owner = owner || (nlu_is(tk, k, "von") && nlu_prefix(tk, k + 1, "mein")) || nlu_is(tk, k, "meines") ||
			(nlu_prefix(tk, k, "termin") && nlu_is(tk, k + 1, "meiner"));
	for (size_t k = i > 4 ? i - 4 : 0; k < i; k++)
		for_one = for_one || nlu_is(tk, k, "fuer");
	/* "meinen Termin absagen und gleich einen neuen für meine Frau buchen" */
	for (size_t k = i + 1; k + 1 < tk->n && k <= i + 3; k++)
		if (nlu_is(tk, k, "fuer") && nlu_prefix(tk, k + 1, "mein"))
			return true;
	return owner && for_one;
}

static const char *const intent_imperatives[] = {
	"mach", "zieh", "hol", "gib", "komm", "hoer", "sei", "lass", "geh", "nimm", "bring", "pass", "setz",
	"schalt", "dreh", "iss", "trink", "raeum", "leg", "such", "tu", NULL,
};

bool nlu_du_imperative(const struct nlu_toks *tk, size_t i)
{
	return nlu_oneof(tk, i, intent_imperatives) >= 0;
}

/* "Schatz, mach mal leiser", "nein Mama, ich telefonier grad", "Emre, zieh deine Schuhe an":
 * words to someone in the room. They open the turn with a name for family ("Schatz", "Mama")
 * or with an imperative of "du" that goes on with "deine", "dich" or "leiser", and they last
 * until the caller comes back to the line ("Entschuldigung", "ach so", "ach egal", "sorry"). Returns
 * where the aside ends (0: none; tk->n: the whole turn). */
static size_t intent_room(const struct nlu_toks *tk)
{
	static const char *const opener[] = {
		"nein", "nee", "ne", "ja", "oh", "he", "hey", "wart", "warte", "amal", "mal", "moment", "also", "du", NULL,
	};
	static const char *const family[] = {
		"schatz", "schatzi", "mama", "mami", "papa", "papi", "mutti", "vati", "oma", "omi", "opa", "liebling",
		"spatz", "kinder", "maus", "mausi", "maeuschen", "hasi", "hase", "bub", "bua", "schatzl", NULL,
	};
	/* "Mama möchte einen Termin": the family member is spoken of, not to */
	static const char *const of_them[] = {
		"moechte", "moecht", "will", "hat", "haette", "haett", "braucht", "braeuchte", "ist", "kann", "kommt",
		"wuerde", "war", "hatte", "muss", "wollte", "wird", "und", "oder", "hier", "auch", "sind", "haben",
		"koennen", "duerfen", "brauchen", "moechten", "wollen", "kommen", "waren", NULL,
	};
	static const char *const to_you[] = {
		"du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "leiser", NULL,
	};
	static const char *const back[] = {
		"entschuldigung", "tschuldigung", "entschuldigen", "sorry", "pardon", NULL,
	};
	size_t i = 0;
	bool room = false;
	for (; i < tk->n && i < 4 && !room; i++) {
		if (nlu_oneof(tk, i, family) >= 0 && nlu_oneof(tk, i + 1, of_them) < 0 && i + 1 < tk->n)
			room = true;
		for (size_t k = i + 1; k < tk->n && k <= i + 4 && nlu_du_imperative(tk, i) && !room; k++)
			room = nlu_oneof(tk, k, to_you) >= 0;
		if (!room && nlu_oneof(tk, i, opener) < 0 && !nlu_du_imperative(tk, i + 1))
			return 0;
	}
	if (!room)
		return 0;
	/* "... ja gleich Schatz, äh hallo, ja ich wollte ...": "hallo" is said to the line again */
	/* ("... mit th oder mit t? ah ok, also Hüttner": the answer heard, back to the line) */
	static const char *const heard[] = { "ok", "okay", "gut", "alles", "so", "ja", NULL };
	for (; i < tk->n; i++)
		if (nlu_oneof(tk, i, back) >= 0 || nlu_is(tk, i, "hallo") || nlu_is(tk, i, "achso") ||
		    (nlu_is(tk, i, "ach") && (nlu_is(tk, i + 1, "so") || nlu_is(tk, i + 1, "egal") || nlu_is(tk, i + 1, "ja"))) ||
		    ((nlu_is(tk, i, "ah") || nlu_is(tk, i, "aha")) && nlu_oneof(tk, i + 1, heard) >= 0))
			return nlu_is(tk, i, "ach") || nlu_is(tk, i, "ah") || nlu_is(tk, i, "aha") ? i + 2 : i + 1;
	return tk->n;
}

/* "wenn Sie da aufhaben", "die Kita macht um fünf zu": hours in a condition, or the
 * hours of another place told, ask nothing about the studio's (the latter's time is
 * no wish either: fm->times_out). */
static bool intent_hours_not_asked(const struct nlu_toks *tk, size_t at, struct intent_form *fm)
{
	static const char *const cond[] = { "wenn", "falls", "sofern", "solange", NULL };
	static const char *const article[] = {
		"die", "der", "das", "mein", "meine", "unser", "unsere", "sein", "seine", "ihr", "ihre", NULL,
	};
	static const char *const ours[] = {
		"studio", "filiale", "praxis", "laden", "geschaeft", "ihr", "euer", "ihnen", "da", "es", NULL,
	};
	for (size_t b = 1; b <= 3 && b <= at; b++)
		if (nlu_oneof(tk, at - b, cond) >= 0)
			return true;
	/* "wie lang ihr heut offen habt": "ihr" with its verb after is "you" */
	static const char *const yours[] = { "habt", "seid", "macht", "hattet", "wart", NULL };
	bool you = at >= 2 && nlu_is(tk, at - 2, "ihr") &&
		   (nlu_oneof(tk, at + 1, yours) >= 0 || nlu_oneof(tk, at + 2, yours) >= 0);
	if (at >= 2 && nlu_oneof(tk, at - 2, article) >= 0 && nlu_oneof(tk, at - 1, ours) < 0 && !you &&
	    !when_word(tk->t[at - 1].w) && !nlu_intent_word(tk->t[at - 1].w)) {
		fm->times_out = true;
		return true;
	}
	return false;
}

/* "ich weiß, Sie haben schon zu, aber ich möchte meinen Termin am Freitag absagen": is the
 * word of cancelling said after the turn's "aber" or "lieber" (so the day is the one to
 * cancel, not a counter-proposal)? */
static bool intent_cancel_after_counter(const struct nlu_toks *tk)
{
	static const char *const counter[] = { "aber", "lieber", "sondern", "stattdessen", "eher", NULL };
	static const char *const cancel[] = { "absag", "stornier", "storno", "cancel", "loesch", "streich", NULL };
	size_t c = tk->n;
	for (size_t i = 0; i < tk->n && c == tk->n; i++)
		if (nlu_oneof(tk, i, counter) >= 0)
			c = i;
	for (size_t i = c + 1; i < tk->n; i++)
		for (size_t k = 0; cancel[k] != NULL; k++)
			if (nlu_prefix(tk, i, cancel[k]))
				return true;
	return false;
}

/* "auf keinen Fall vor elf, da hab ich meine Tabletten, also am Freitag ab elf": the turn
 * ends on a day or time after "also", "aber", "dann", "lieber": what it comes to. */
static bool intent_concludes(const struct nlu_toks *tk)
{
	static const char *const so[] = { "also", "aber", "dann", "lieber", "sondern", "eher", NULL };
	size_t at = tk->n;
	for (size_t i = 1; i < tk->n; i++)
		if (nlu_oneof(tk, i, so) >= 0)
			at = i;
	for (size_t i = at + 1; i < tk->n; i++)
		if (when_word(tk->t[i].w) || (tk->t[i].flags & (NLU_TOK_NUM | NLU_TOK_CLOCK | NLU_TOK_DATE)))
			return true;
	return false;
}

/* "kann ich nicht lieber mit jemandem sprechen", "könnten Sie nicht ...": a negation right
 * after the verb and pronoun that open a question (word k) asks politely, it turns nothing down. */
static bool intent_polite(const struct nlu_toks *tk, const struct intent_form *fm, size_t k)
{
	static const char *const pron[] = { "ich", "sie", "man", "wir", "ihr", NULL };
	static const char *const verb[] = { "koennten", "koenn", "koennt", "wuerden", "wuerdest", NULL };
	if (k < 2 || nlu_oneof(tk, k - 1, pron) < 0 ||
	    (nlu_oneof(tk, k - 2, intent_qverb) < 0 && nlu_oneof(tk, k - 2, verb) < 0))
		return false;
	return k == 2 || fm->opens[k - 2] || nlu_oneof(tk, k - 3, intent_opener) >= 0;
}

/* Is word k one that a negation turns around ("absagen", "verschieben": a CUE_NEG cue of one word)? */
static bool intent_neg_word(const struct nlu_toks *tk, const struct intent_alt *alt, size_t k)
{
	for (size_t c = 0; c < INTENT_NCUES; c++)
		if ((intent_cues[c].flags & CUE_NEG) && intent_prep[c].nel == 1 &&
		    intent_el_match(&intent_prep[c].el[0], &tk->t[k], alt, k))
			return true;
	return false;
}

/* "was wollte ich denn jetzt, ach ja, einen Termin": from word i on, the caller finds
 * the thread again ("ach ja", "ach so", "ach genau") and what follows counts. */
static bool intent_comes_back(const struct nlu_toks *tk, size_t i)
{
	/* "keine Ahnung, irgendwann, was als nächstes frei ist": a wish after it answers */
	if (i < tk->n && (nlu_is(tk, i, "irgendwann") || (i + 1 < tk->n && nlu_is(tk, i + 1, "irgendwann"))))
		return true;
	for (; i + 1 < tk->n; i++)
		if (nlu_is(tk, i, "ach") &&
		    (nlu_is(tk, i + 1, "ja") || nlu_is(tk, i + 1, "so") || nlu_is(tk, i + 1, "genau")))
			return true;
	return false;
}

void nlu_intent_score(const struct nlu_toks *tk, const struct nlu_facts *f, enum nlu_expect expect,
		      double score[NLU_INTENT_COUNT], unsigned *negated)
{
	*negated = 0;
	bool used[NLU_MAX_TOKENS];
	memset(used, 0, sizeof(used));
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		score[k] = 0;
	pthread_once(&intent_once, intent_prepare);

	/* "ne" alone or before "danke" is no; before a noun it is "eine" */
	static const char *const ne_next[] = { "danke", "das", "passt", "lieber", "leider", "also", "nicht", "du", NULL };
	if (nlu_is(tk, 0, "ne") && (tk->n == 1 || nlu_oneof(tk, 1, ne_next) >= 0)) {
		score[NLU_NO] += 2.0;
		used[0] = true;
	}

	struct intent_form form;
	intent_form_read(tk, &form);
	size_t room = intent_room(tk);
	for (size_t i = 0; i < room; i++)
		used[i] = true;
	if (form.q < room)
		form.q = tk->n;
	struct intent_alt alt;
	bool present[INTENT_MAX_WORDS];
	intent_hear(tk, &alt, used, present);

	/* "servus, ich bräucht an Termin": a greeting opening a longer turn greets, it does not end the call */
	for (size_t i = 0; i < tk->n && i < 3 && tk->n > 2; i++) {
		if (intent_greets(tk, i))
			used[i] = true;
		else if (!nlu_is(tk, i, "ja") && !nlu_is(tk, i, "also") && !nlu_is(tk, i, "ach"))
			break;
	}

	size_t wait_at = tk->n, answer_end = 0;   /* first hold word, end of the last yes or no */
	double request_w = 0;                     /* the strongest cue of a request */
	size_t request_at = 0, no_end = 0;        /* last strong request word, end of the last no */
	size_t question_at = 0;                   /* last word of a cue for a question to the studio */
	size_t none_end = 0;                      /* end of "keiner von beiden" (CUE_NONE) */
	double avail_w[NLU_MAX_TOKENS];           /* weight of availability cues by their first word */
	memset(avail_w, 0, tk->n * sizeof(avail_w[0]));
	bool yes_at0 = false;                     /* a yes opens the turn ("jawohl, ...") */
	size_t farewell_at = tk->n;               /* first word of a farewell ("tschüss", "auf Wiederhören") */
	size_t faq_at = tk->n;                    /* first word of a cue for a question the FAQ answers */
	size_t info_at[NLU_INTENT_COUNT];         /* first word of a strong cue of each question */
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		info_at[k] = tk->n;
	size_t cancel_end = 0;                    /* end of the last cue of cancelling */
	bool closing = false;                     /* "das war's", "sonst nichts": nothing more is wanted */
	/* "ich wollte absagen, äh nein, verschieben": what follows a self-correction counts */
	size_t fix = 0;
	for (size_t i = 2; i + 1 < tk->n; i++) {
		bool nein = nlu_is(tk, i, "nein") || nlu_is(tk, i, "nee") || nlu_is(tk, i, "quatsch") ||
			    nlu_is(tk, i, "korrektur") || (nlu_is(tk, i, "ich") && nlu_is(tk, i + 1, "meine"));
		if (nein && !nlu_is(tk, i + 1, "danke"))
			fix = i + 1;
		/* "ich will absagen, also nicht absagen, verschieben": a negation before a word said
		 * already takes it back, and what follows counts */
		for (size_t k = 0; k < i && nlu_negation(tk->t[i].w) && i + 2 < tk->n && tk->t[i + 1].len >= 4; k++)
			if (strcmp(tk->t[k].w, tk->t[i + 1].w) == 0 && !(tk->t[k].flags & NLU_TOK_NUM)) {
				fix = i + 2;
				break;
			}
	}
	if (tk->n > 2 && (nlu_is(tk, 0, "nein") || nlu_is(tk, 0, "nee")) && nlu_is(tk, 1, "doch"))
		fix = 2;   /* "nein, doch, ja" */
	/* "ja gut, und wo genau ist das Studio?": the words of a question after an
	 * answer ("genau", "gut") are no second yes */
	static const char *const qword[] = {
		"wo", "was", "wann", "wie", "welche", "welcher", "welches", "wieso", "warum", "kann", "koennen",
		"koennte", "ist", "sind", "haben", "hat", "gibt", "gibts", "muss", "brauche", "wer", "wozu", "wofuer",
		"darf", "wird", "bekomme", "kriege", NULL,
	};
	static const char *const answer[] = {
		"ja", "jo", "jaja", "nein", "nee", "passt", "okay", "ok", "gut", "gerne", "gern", "klar", "genau", "prima",
		"super", "schon", "klingt", "na", "also", "aeh", NULL,
	};
	size_t asked_at = tk->n;
	for (size_t i = 1; i + 1 < tk->n && asked_at == tk->n; i++) {
		if ((nlu_is(tk, i, "aber") || nlu_is(tk, i, "und")) &&
		    (nlu_oneof(tk, i + 1, qword) >= 0 || (i + 2 < tk->n && nlu_oneof(tk, i + 2, qword) >= 0)))
			asked_at = i;
		/* "ja passt, und mein Sohn möchte auch einen": a wish after the answer asks for more */
		static const char *const wants[] = {
			"moechte", "moechten", "moecht", "will", "haette", "haett", "braucht", "brauche", "braeuchte",
			"braeucht", NULL,
		};
		for (size_t k = i + 1; k < tk->n && k <= i + 3 && nlu_is(tk, i, "und") && asked_at == tk->n; k++)
			if (nlu_oneof(tk, k, wants) >= 0 || (nlu_is(tk, k, "noch") && nlu_is(tk, k + 1, "einen")))
				asked_at = i;
		/* "nein, das passt nicht, haben Sie am Donnerstag was?": a question after a no */
		static const char *const ask_verb[] = {
			"haben", "haetten", "habt", "gibt", "gibts", "ginge", "geht", NULL,
		};
		static const char *const ask_you[] = { "sie", "ihr", "es", NULL };
		bool no_before = i >= 2 && (nlu_is(tk, 0, "nein") || nlu_is(tk, 0, "nee") || nlu_is(tk, 0, "ne"));
		for (size_t k = 1; k < i && !no_before; k++)
			no_before = nlu_negation(tk->t[k].w);
		if (no_before && nlu_oneof(tk, i, ask_verb) >= 0 && nlu_oneof(tk, i + 1, ask_you) >= 0 &&
		    asked_at == tk->n)
			asked_at = i;
		/* "ja passt, welche Straße war das?": a question right after the answer words */
		bool all_answer = true;
		for (size_t k = 0; k < i && all_answer; k++)
			all_answer = nlu_oneof(tk, k, answer) >= 0;
		if (all_answer && nlu_oneof(tk, i, qword) >= 0)
			asked_at = i;
	}

	for (size_t o = 0; o < INTENT_NCUES; o++) {
		const struct intent_cue *cue = &intent_cues[intent_order[o]];
		const struct intent_el *el = intent_prep[intent_order[o]].el;
		size_t nel = intent_prep[intent_order[o]].nel;
		size_t idx[INTENT_MAX_EL];
		bool hit = true;
		for (size_t e = 0; e < nel && hit; e++)
			hit = present[el[e].id];
		if (!hit)
			continue;
		hit = false;
		for (size_t s = 0; s < tk->n && !hit; s++)
			if (!used[s] && intent_el_match(&el[0], &tk->t[s], &alt, s)) {
				idx[0] = s;
				hit = intent_match_from(tk, &alt, used, form.opens, el, nel, 1, s + 1, idx);
			}
		if (!hit)
			continue;
		double w = cue->w;
		for (size_t e = 0; e < nel; e++)
			used[idx[e]] = true;
		/* "ich brauche keinen Rückruf", "nicht absagen": a negation just before a
		 * request word turns it around; "nicht X, sondern Y" keeps Y */
		/* "keinen Roboter" asks for a person, "nicht mit einem Mitarbeiter" does not */
		static const char *const machine[] = { "roboter", "maschine", "computer", "bot", "automat", NULL };
		bool machine_cue = false;
		for (size_t m = 0; machine[m] != NULL && cue->intent == NLU_HUMAN && !machine_cue; m++)
			machine_cue = strncmp(cue->p, machine[m], strlen(machine[m])) == 0;
		bool request = cue->intent != NLU_YES && cue->intent != NLU_NO && cue->intent != NLU_UNKNOWN &&
			       cue->intent != NLU_REPEAT && cue->intent != NLU_GIVE_NAME && !machine_cue;
		/* "ich will nicht warten, rufen Sie mich zurück": a formal imperative opens
		 * a clause of its own, out of reach of a negation before it */
		bool imperative = idx[0] > 0 && nlu_is(tk, idx[0] + 1, "sie") && !nlu_is(tk, idx[0] - 1, "wenn") &&
				  !nlu_is(tk, idx[0] - 1, "ob") && !nlu_is(tk, idx[0] - 1, "dass");
		/* "ich hab keinen Empfang mehr, ich melde mich": a subject opens a clause of its own */
		bool subject = nlu_is(tk, idx[0], "ich") || nlu_is(tk, idx[0], "wir") || form.opens[idx[0]];
		/* "weiß ich nicht, wann haben Sie auf", "haben Sie nicht was frei": a question
		 * word opens its own question, out of reach of a negation before it */
		bool asks_anew = nlu_oneof(tk, idx[0], intent_wword) >= 0;
		if (((cue->flags & CUE_NEG) || request) && !imperative && !subject && !asks_anew) {
			for (size_t b = 1; b <= 3 && b <= idx[0]; b++) {
				size_t k = idx[0] - b;
				/* "nicht absagen, verschieben": the negation belongs to the request word between;
				 * "weiß ich nich, könn Sie mich zurückrufen": nor does it reach into a clause
				 * opened after it */
				if (b > 1 && (intent_neg_word(tk, &alt, k + 1) || form.opens[k + 1]))
					break;
				/* "weiß ich noch nich, was kostet denn ...": nor does a question word
				 * with its verb right after it ("nicht, was das kostet" does not) */
				if (b == 2 && nlu_oneof(tk, k + 1, intent_wword) >= 0)
					break;
				if (nlu_negation(tk->t[k].w) && (intent_polite(tk, &form, k) || nlu_negation_ends(tk, k)))
					break;
				if (nlu_negation(tk->t[k].w)) {
					used[k] = true;
					w = -0.5 * w;
					*negated |= 1u << cue->intent;
					break;
				}
				/* ("ich kann nicht kommen, bitte löschen": "bitte" opens the request) */
				if (used[k] || nlu_is(tk, k, "sondern") || nlu_is(tk, k, "aber") || nlu_is(tk, k, "oder") ||
				    nlu_is(tk, k, "und") || nlu_is(tk, k, "bitte"))
					break;
			}
		}
		/* "absagen will ich nix", "verschieben möchte ich nicht": the request word put first,
		 * its negation after the verb and "ich" */
		static const char *const modal[] = { "will", "moechte", "moecht", "wollte", "wollt", "muss", NULL };
		size_t e = idx[nel - 1] + 1;
		if (request && w > 0 && nlu_oneof(tk, e, modal) >= 0 && (nlu_is(tk, e + 1, "ich") || nlu_is(tk, e + 1, "wir")) &&
		    e + 2 < tk->n && (nlu_negation(tk->t[e + 2].w) || nlu_is(tk, e + 2, "nix") || nlu_is(tk, e + 2, "nichts"))) {
			w = -0.5 * w;
			*negated |= 1u << cue->intent;
		}
		/* "ich brauch keinen Termin": a negation between a booking cue's words turns it around */
		for (size_t k = idx[0] + 1; cue->intent == NLU_BOOK && w > 0 && k < idx[nel - 1]; k++)
			if (nlu_negation(tk->t[k].w)) {
				w = -0.5 * w;
				*negated |= 1u << NLU_BOOK;
				break;
			}
		/* "ja, ich hätte gern einen Termin": in a longer turn nobody asked a
		 * yes/no question for, single yes or no words are particles; and
		 * in a turn nobody asked anything, a phrase deep in it too ("der kann nicht so gut hören") */
		if ((cue->intent == NLU_YES || cue->intent == NLU_NO) &&
		    (nel == 1 || (idx[0] > 3 && expect == NLU_EXPECT_NONE)) && tk->n > 4 && expect != NLU_EXPECT_YESNO)
			w *= idx[0] > 1 || (tk->n > 6 && expect == NLU_EXPECT_NONE) ? 0.25 : 0.5;   /* "das ist ja unglaublich" */
		/* "die kann ja nicht mehr", "das hab ich ja gesagt": "ja" after a verb inside a
		 * clause is a particle, not an answer */
		static const char *const verb_before_ja[] = {
			"kann", "koennen", "ist", "bin", "sind", "war", "hab", "habe", "hat", "haben", "muss", "weiss",
			"wird", "soll", "will", "geht", "sagte", "sag", "mach", "macht", NULL,
		};
		static const char *const pron_before_ja[] = { "ich", "sie", "er", "es", "das", "wir", "man", NULL };
		if (cue->intent == NLU_YES && nel == 1 && idx[0] > 0 && idx[0] + 1 < tk->n &&
		    (nlu_is(tk, idx[0], "ja") || nlu_is(tk, idx[0], "jo")) &&
		    !(tk->t[idx[0] - 1].flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) &&
		    (nlu_oneof(tk, idx[0] - 1, verb_before_ja) >= 0 ||   /* "hab ich ja" */
		     (idx[0] > 1 && nlu_oneof(tk, idx[0] - 1, pron_before_ja) >= 0 &&
		      nlu_oneof(tk, idx[0] - 2, verb_before_ja) >= 0)))
			w *= 0.25;
		if (cue->intent == NLU_INFO_ADDRESS && (intent_relative_wo(tk, idx[0]) || intent_own_where(tk, idx[0]))) {
			w *= 0.1;
			*negated |= 1u << NLU_INFO_ADDRESS;   /* nor may the word model make it ask */
		}
		if (fix > 0 && idx[0] < fix && cue->intent != NLU_UNKNOWN)
			w *= 0.3;
		if ((cue->intent == NLU_YES || cue->intent == NLU_NO) && idx[0] > asked_at)
			w *= 0.2;
		if (cue->intent == NLU_INFO_HOURS && intent_hours_not_asked(tk, idx[0], &form))
			w *= 0.2;
		/* "ich bin Rentner, hab immer Zeit, sagen wir Freitag": what the caller is, said
		 * with a wish and no question, asks about no discount */
		if ((cue->flags & CUE_STATUS) && form.q >= tk->n && f->has_when)
			w *= 0.2;
		/* "haben Sie in meiner Mittagspause was frei": the caller's break, not the studio's */
		if (cue->intent == NLU_INFO_HOURS && nlu_said_own(tk, idx[nel - 1]) &&
		    (nlu_prefix(tk, idx[nel - 1], "mittag") || nlu_is(tk, idx[nel - 1], "pause")))
			w = 0;
		/* "wo genau sind Sie da": where somebody is, not whether */
		if ((cue->flags & CUE_THERE) && ((idx[0] >= 1 && nlu_is(tk, idx[0] - 1, "wo")) ||
						 (idx[0] >= 2 && nlu_is(tk, idx[0] - 2, "wo"))))
			w = 0;
		if (cue->intent == NLU_WAIT && idx[0] < wait_at)
			wait_at = idx[0];
		yes_at0 |= cue->intent == NLU_YES && idx[0] == 0 && w > 0;
		if (cue->intent == NLU_INFO_FAQ && w > 0 && idx[0] < faq_at)
			faq_at = idx[0];
		if (w >= 2.5 && idx[0] < info_at[cue->intent])
			info_at[cue->intent] = idx[0];
		if (cue->intent == NLU_CANCEL && w > 0 && idx[nel - 1] + 1 > cancel_end)
			cancel_end = idx[nel - 1] + 1;
		if (cue->intent == NLU_BYE && w >= 2.0) {
			if (intent_closing_cue(cue->p))
				closing = true;
			else if (idx[0] < farewell_at)
				farewell_at = idx[0];
		}
		if (intent_request(cue->intent) && w >= 2.0 && w > request_w)
			request_w = w;
		if (intent_request(cue->intent) && w >= 2.5 && idx[0] > request_at)
			request_at = idx[0];
		if ((cue->intent == NLU_INFO_FAQ || cue->intent == NLU_INFO_HOURS || cue->intent == NLU_INFO_ADDRESS ||
		     cue->intent == NLU_AVAILABILITY) && w > 0 && idx[nel - 1] + 1 > question_at)
			question_at = idx[nel - 1] + 1;
		if (cue->intent == NLU_NO && w > 0 && idx[nel - 1] + 1 > no_end)
			no_end = idx[nel - 1] + 1;
		if ((cue->intent == NLU_YES || cue->intent == NLU_NO) && w >= 0.5 && idx[nel - 1] + 1 > answer_end)
			answer_end = idx[nel - 1] + 1;
		score[cue->intent] += w;
		if (idx[nel - 1] >= form.q)
			form.clause[cue->intent] += w;
		else if (idx[0] >= form.q1)
			form.first[cue->intent] += w;
		else if (idx[nel - 1] < form.q1)
			form.ahead[cue->intent] += w;
		if ((cue->flags & CUE_ASIDE) && !intent_comes_back(tk, idx[nel - 1] + 1))
			form.aside += w;
		if (cue->flags & CUE_THERE)
			form.there += w;
		form.feast |= (cue->flags & CUE_FEAST) != 0;
		form.times_out |= (cue->flags & CUE_NONE) != 0;
		if ((cue->flags & CUE_NONE) && w > 0 && idx[nel - 1] + 1 > none_end)
			none_end = idx[nel - 1] + 1;
		if (cue->intent == NLU_AVAILABILITY)
			avail_w[idx[0]] += w;
	}

	/* a question ("wann ...", "haben Sie ...", "?") asks what is possible */
	static const char *const ask[] = {
		"wann", "was", "welche", "welcher", "welchen", "gibt", "gibts", "haben", "haetten", "habt", "ist", "sind",
		"geht", "ginge", "gehts", "klappt", "waere", "wie", NULL,
	};
	size_t first = 0;
	while (first < tk->n && (nlu_is(tk, first, "also") || nlu_is(tk, first, "und") || nlu_is(tk, first, "hallo") ||
				 nlu_is(tk, first, "ja") || nlu_is(tk, first, "ok") || nlu_is(tk, first, "okay")))
		first++;
	/* "am Dienstag, ginge das?": a question tag at the end asks too */
	static const char *const tag[] = { "geht", "ginge", "gehts", "klappt", "passt", "waere", "wuerde", NULL };
	bool asking = nlu_oneof(tk, first, ask) >= 0 || tk->question ||
		      (tk->n >= 3 && nlu_oneof(tk, tk->n - 2, tag) >= 0 && nlu_is(tk, tk->n - 1, "das"));
	/* "das passt beides nicht, haben Sie was Späteres?": "haben Sie" with a particle
	 * after it asks wherever it stands */
	static const char *const have[] = { "haben", "haetten", "habt", "hat", NULL };
	static const char *const you[] = { "sie", "ihr", NULL };
	static const char *const particle[] = { "was", "etwas", "noch", "auch", "denn", "vielleicht", "eventuell", NULL };
	for (size_t i = first + 1; i + 2 < tk->n && !asking; i++)
		asking = nlu_oneof(tk, i, have) >= 0 && nlu_oneof(tk, i + 1, you) >= 0 &&
			 nlu_oneof(tk, i + 2, particle) >= 0 && !nlu_is(tk, i - 1, "dann") && !nlu_is(tk, i - 1, "da");
	if (asking)
		score[NLU_AVAILABILITY] += 0.6;
	/* "ist das auch was für Männer?", "wer macht die Behandlung?": an open question about
	 * the studio that no cue claims, with no day or time in it, is one for the studio's FAQ */
	static const char *const open_verb[] = {   /* asks when it opens the turn */
		"ist", "sind", "kann", "koennen", "muss", "muessen", "darf", "duerfen", "gibt", "gibts", "hat",
		"bekomme", "bekommt", "kriege", "kriegt", "sprechen", "arbeiten", "wird", "werden", "braucht", "soll",
		"machen", "macht", "geben", "arbeiten", "arbeitet", "benutzen", "komme", "kommt", NULL,
	};
	static const char *const open_q[] = {      /* asks near the start */
		"was", "wer", "wie", "warum", "wieso", "weshalb", "wozu", "wofuer", "welche", "welcher", "welches",
		NULL,
	};
	size_t q = first;
	while (q < tk->n && q < first + 3 && intent_greets(tk, q))
		q++;
	double claimed = 0;
	for (size_t k = NLU_BOOK; k < NLU_INTENT_COUNT; k++)
		if (k != NLU_YES && k != NLU_NO && k != NLU_BYE && k != NLU_GIVE_NAME && score[k] > claimed)
			claimed = score[k];
	bool open_question = false;
	for (size_t i = q; i < tk->n && i < q + 3 && !open_question; i++)
		open_question = !used[i] && !intent_exclaim(tk, i) &&
				(nlu_oneof(tk, i, open_q) >= 0 || (i == q && nlu_oneof(tk, i, open_verb) >= 0));
	/* "guten Tag, sagen Sie mal, welche Öle benutzen Sie": a question opening after what
	 * only leads up to it */
	if (!open_question && form.q < tk->n && form.q > q && !used[form.q] &&
	    (nlu_oneof(tk, form.q, open_q) >= 0 || nlu_oneof(tk, form.q, open_verb) >= 0)) {
		bool lead_up = true;   /* nothing but greetings, "sagen Sie mal", "ich hätte eine Frage" before */
		static const char *const lead[] = {
			"sagen", "sie", "mal", "ich", "haette", "habe", "hab", "eine", "frage", "kurze", "noch", "da", "also",
			"aeh", "aehm", "entschuldigung", "bitte", "guten", "tag", "morgen", "abend", NULL,
		};
		for (size_t i = q; i < form.q && lead_up; i++)
			lead_up = nlu_oneof(tk, i, lead) >= 0 || intent_greets(tk, i);
		open_question = lead_up;
	}
	/* "na gut, aber ist das auch für Männer?", "ja gerne, kriege ich dann ...?": a
	 * question after the answer words opens there as much as at the start */
	bool after_answer = asked_at < tk->n;
	for (size_t k = 0; k < asked_at && after_answer; k++)
		after_answer = nlu_oneof(tk, k, answer) >= 0;
	if (after_answer) {
		size_t q2 = asked_at + (nlu_is(tk, asked_at, "aber") || nlu_is(tk, asked_at, "und"));
		for (size_t i = q2; i < tk->n && i < q2 + 3 && !open_question; i++)
			open_question = !used[i] &&
					(nlu_oneof(tk, i, open_q) >= 0 || (i == q2 && nlu_oneof(tk, i, open_verb) >= 0));
	}
	/* (asked when, "so schnell wie's geht" answers with a wish, it asks nothing) */
	if (open_question && tk->n >= 3 && claimed < 1.5 && !f->has_day_or_time && f->choice == NLU_CHOICE_NONE &&
	    f->digits == 0 && !(f->has_when && expect == NLU_EXPECT_DATE))
		score[NLU_INFO_FAQ] += 1.6;
	if (f->name_marked)
		score[NLU_GIVE_NAME] = (score[NLU_GIVE_NAME] > 1.5 ? score[NLU_GIVE_NAME] : 1.5) + 1.5;
	else
		score[NLU_GIVE_NAME] *= 0.3;
	if (f->digits >= 6)
		score[NLU_GIVE_PHONE] += 2.0;
	/* "nein, so früh schaff ich das nicht": asked yes or no, a weak word of cancelling with no
	 * appointment of the caller's named turns down what was offered */
	if (expect == NLU_EXPECT_YESNO && score[NLU_CANCEL] > 0 && score[NLU_CANCEL] < 2.0 && !form.existing) {
		score[NLU_NO] += score[NLU_CANCEL];
		score[NLU_CANCEL] = 0;
		if (cancel_end > answer_end)   /* ("Moment, das schaff ich nicht": the answer after the hold) */
			answer_end = cancel_end;
	}
	/* a time said with no other request is a wish to book then */
	double request = 0;
	for (size_t k = NLU_GIVE_NAME; k < NLU_INTENT_COUNT; k++)
		if (k != NLU_YES && k != NLU_NO && k != NLU_GIVE_NAME && score[k] > request)
			request = score[k];
	bool small_talk = intent_small_talk(&form, f, score, negated);
	/* "boah, was n Tag, bei euch auch so viel los?": an exclamation that no cue makes more
	 * of is small talk, nor may the word model make more of it */
	bool exclaim = false;
	for (size_t i = 0; i < tk->n && i < 3; i++)
		exclaim = exclaim || intent_exclaim(tk, i);
	exclaim = exclaim && intent_max(score, NULL) < 1.5;
	small_talk = small_talk || exclaim;
	/* "weder um zehn noch um zwei": times ruled out all propose nothing */
	if (f->has_when && request < 1.5 && !small_talk && !form.times_out) {
		score[NLU_BOOK] += 1.0;
		/* "Montag geht nicht, aber Dienstag": a counter-proposal books */
		if (f->counter)
			score[NLU_BOOK] += 2.0;
		/* "morgen früh wäre super" proposes a time rather than answering */
		if (expect != NLU_EXPECT_YESNO)
			score[NLU_YES] *= 0.5;
	}
	/* "mein Name ist ..., ich möchte absagen": the name comes along with the request */
	if (expect != NLU_EXPECT_NAME) {
		double other = 0;
		for (size_t k = NLU_BOOK; k < NLU_INTENT_COUNT; k++)
			if (k != NLU_GIVE_NAME && k != NLU_YES && k != NLU_NO && k != NLU_REPEAT && score[k] > other)
				other = score[k];
		if (other >= 1.5)
			score[NLU_GIVE_NAME] *= 0.3;
	}
	if (f->choice != NLU_CHOICE_NONE)
		score[NLU_BOOK] += 1.0;
	/* "ja, der erste passt, das passt mir besser": asked which, the slot named is the answer
	 * and the yes said with it books it */
	if (f->choice != NLU_CHOICE_NONE && expect == NLU_EXPECT_CHOICE && score[NLU_YES] > 0) {
		score[NLU_BOOK] += score[NLU_YES];
		score[NLU_YES] *= 0.3;
		*negated |= 1u << NLU_YES;
	}
	/* "das zweite bitte, die hat den Gutschein zu Weihnachten gekriegt": a slot chosen and a
	 * thing told, not asked, of the studio: the choice */
	if (f->choice != NLU_CHOICE_NONE && expect == NLU_EXPECT_CHOICE && form.q >= tk->n && !tk->question &&
	    score[NLU_INFO_FAQ] > 0) {
		score[NLU_INFO_FAQ] *= 0.3;
		*negated |= 1u << NLU_INFO_FAQ;
	}
	/* "Roth ist mein Name, und am Montag hätte ich Zeit": the name comes along with the day */
	if (f->name_marked && f->has_day_or_time && expect != NLU_EXPECT_NAME)
		score[NLU_GIVE_NAME] *= 0.3;

	/* "nee, geht auch Donnerstag": no to the offer, yes to another time; "nicht so
	 * spät" rules out a time and so wishes for another */
	if ((f->has_day_or_time || (f->has_when && form.neg_time)) && score[NLU_NO] > score[NLU_YES] && request < 1.5 &&
	    !form.times_out && !(asked_at < tk->n && score[NLU_AVAILABILITY] >= 1.5)) {
		score[NLU_BOOK] += score[NLU_NO] * (expect == NLU_EXPECT_YESNO ? 1.5 : 1.0) + 0.5;
		/* "nein, um elf nicht, ... um zwei ginge": the word model knows the no, not the
		 * time offered after it */
		for (size_t k = no_end; k < tk->n && k > 0 && !(*negated & (1u << NLU_NO)); k++)
			if (avail_w[k] > 0)
				*negated |= 1u << NLU_NO;
	}
	/* "bevor ich auf Wiederhören sage, wann haben Sie offen?": a goodbye or a thanks
	 * inside a longer turn that asks for something else yields to the request */
	if (score[NLU_BYE] > 0 && tk->n > 4) {
		double other = 0;
		for (size_t k = NLU_BOOK; k < NLU_INTENT_COUNT; k++)
			if (k != NLU_BYE && k != NLU_YES && k != NLU_NO && k != NLU_GIVE_NAME && score[k] > other)
				other = score[k];
		if (other >= 1.5)
			score[NLU_BYE] *= 0.3;
	}
	/* "nee, lass mal, ich will das doch lieber absagen": unasked, a no before a request
	 * turns down what was offered and asks for the request */
	if (expect != NLU_EXPECT_YESNO && no_end > 0 && request_at >= no_end)
		score[NLU_NO] *= 0.3;
	/* "ja, machen Sie das bitte, dann auf Wiederhören": asked yes or no, a yes that opens the
	 * turn and agrees to what was offered is the answer, and the farewell after it only
	 * closes the call ("ja, vielen Dank, auf Wiederhören" to "sonst noch etwas?" ends it) */
	static const char *const agree[] = { "passt", "machen", "mache", "einverstanden", "gerne", "gern", NULL };
	bool agreed = false;
	for (size_t i = 0; i < farewell_at && i < tk->n; i++)
		agreed = agreed || nlu_oneof(tk, i, agree) >= 0 || nlu_prefix(tk, i, "nehm") || nlu_prefix(tk, i, "buch");
	if (score[NLU_BYE] >= 2.0 && expect == NLU_EXPECT_YESNO && yes_at0 && agreed && !closing && answer_end > 0 &&
	    farewell_at > answer_end && farewell_at < tk->n && score[NLU_YES] > score[NLU_NO])
		score[NLU_BYE] *= 0.3;
	/* "dann hätte ich gern den am Donnerstag um zehn, danke und wiederhören": a day or time
	 * wished for before the farewell is what to do; the farewell closes the call after it */
	static const char *const wished[] = { "haette", "haett", "moechte", "moecht", "nehm", "nehme", "nehmen", NULL };
	bool wish_first = false;
	for (size_t i = 0; i < farewell_at && i < tk->n; i++)
		wish_first = wish_first || nlu_oneof(tk, i, wished) >= 0;
	if (score[NLU_BYE] >= 2.0 && wish_first && f->has_day_or_time && !closing && farewell_at < tk->n &&
	    !tk->question && form.q >= tk->n && !(*negated & (1u << NLU_BOOK))) {   /* (not "keinen Termin mehr") */
		score[NLU_BOOK] += score[NLU_BYE];
		score[NLU_BYE] *= 0.3;
		*negated |= 1u << NLU_BYE;
	}
	/* a closing formula ends the call whatever yes or no it carries */
	if (score[NLU_BYE] >= 2.0) {
		score[NLU_YES] *= 0.3;
		score[NLU_NO] *= 0.3;
	}

	/* "Moment, ich schau in den Kalender ... ja, Freitag geht": the answer after the hold counts */
	/* "nein, warten Sie, um die Zeit hab ich Gymnastik, also nein": a no said again after the hold */
	for (size_t i = wait_at + 2; i < tk->n; i++)
		if (nlu_is(tk, i, "nein") || nlu_is(tk, i, "nee") || nlu_is(tk, i, "noe"))
			answer_end = i + 1;
	/* "Sekunde, ich bin im Auto, so, Demir, Aylin Demir": asked for the name, a name after the hold */
	if (score[NLU_WAIT] > 0 && ((f->has_day_or_time && wait_at < tk->n) || answer_end > wait_at + 1 ||
				    (expect == NLU_EXPECT_NAME && f->name && wait_at < tk->n))) {
		/* the caller is back: what they answer is the turn, and no word model holds the line */
		if (f->has_day_or_time)
			score[NLU_BOOK] += score[NLU_WAIT] * 0.7;
		score[NLU_WAIT] *= 0.3;
		*negated |= 1u << NLU_WAIT;
	}
	/* "den Termin absagen und einen neuen ausmachen": cancelling for a new one moves it */
	if (score[NLU_CANCEL] >= 1.5 && !(*negated & (1u << NLU_CANCEL))) {
		for (size_t i = 1; i < tk->n; i++)
			/* (not "Ihr neues Studio": an appointment is "ein neuer", "einen neuen") */
			if (nlu_prefix(tk, i, "neu") && tk->t[i].len <= 5 && !nlu_is(tk, i, "neues") &&
			    !nlu_is(tk, i, "neue") && !intent_negated_near(tk, i) &&
			    !intent_other_owner(tk, i)) {
				score[NLU_RESCHEDULE] += score[NLU_CANCEL] + 0.5;
				score[NLU_CANCEL] *= 0.3;
				break;
			}
	}
	/* "nee, heute schaff ich das nicht, lieber Montag": a counter-proposal with a day
	 * books (or moves a booked appointment) rather than cancels */
	if (f->counter && f->has_day_or_time && score[NLU_CANCEL] > 0 && !intent_cancel_after_counter(tk)) {
		bool booked = false;
		for (size_t i = 0; i + 1 < tk->n && !booked; i++)
			booked = (nlu_is(tk, i, "meinen") || nlu_is(tk, i, "mein") || nlu_is(tk, i, "den")) &&
				 nlu_is(tk, i + 1, "termin");
		score[booked ? NLU_RESCHEDULE : NLU_BOOK] += score[NLU_CANCEL] + 0.5;
		score[NLU_CANCEL] *= 0.3;
	}

	/* "ginge auch Freitag", "oder wär auch Montag": asked for a day, a verb with "auch"
	 * offers another one rather than asking (unasked, it asks) */
	size_t o = first + (nlu_is(tk, first, "oder") || nlu_is(tk, first, "aber"));
	bool offer = expect == NLU_EXPECT_DATE && !tk->question && !form.loose && f->has_day_or_time &&
		     nlu_oneof(tk, o, tag) >= 0 && nlu_is(tk, o + 1, "auch");
	/* "geht das am Montag", "klappt es am Freitag nachmittag": asked when, a day with a verb
	 * of whether it suits (not "haben Sie ... frei") proposes it */
	bool suits = false, has = false;
	for (size_t i = 0; i < tk->n; i++) {
		suits = suits || nlu_oneof(tk, i, tag) >= 0;
		has = has || nlu_oneof(tk, i, have) >= 0 || nlu_is(tk, i, "gibt") || nlu_is(tk, i, "gibts") ||
		      nlu_is(tk, i, "frei");
	}
	/* (not the tag "..., ginge das?", not "ob es auch Samstag geht", not a question after it) */
	bool tagged = tk->n >= 2 && nlu_oneof(tk, tk->n - 2, tag) >= 0 && nlu_is(tk, tk->n - 1, "das");
	offer = offer || (expect == NLU_EXPECT_DATE && f->has_day_or_time && suits && !has && !form.loose && !tagged &&
			  !form.indirect && (form.q >= tk->n || form.q <= first));
	switch (expect) {
	case NLU_EXPECT_YESNO:
		score[NLU_YES] = score[NLU_YES] > 0 ? score[NLU_YES] * 1.5 + 0.3 : 0;
		score[NLU_NO] = score[NLU_NO] > 0 ? score[NLU_NO] * 1.5 + 0.3 : 0;
		/* "ja, aber was kostet das?": an answer yields to a question or request in the same turn */
		/* "stimmt nicht, ich heiße Maier": a no that goes on to a name corrects it */
		if (f->name_marked && score[NLU_GIVE_NAME] >= 1.5)
			score[NLU_NO] *= 0.4;
		/* "ja, und meine Nummer ist ...": a yes that opens the turn answers; a name or a
		 * number after it comes along */
		bool yes_first = yes_at0 && score[NLU_YES] > 0;
		if (yes_first && score[NLU_GIVE_PHONE] >= score[NLU_YES])
			score[NLU_GIVE_PHONE] = score[NLU_YES] * 0.9;
		for (size_t k = asked_at < tk->n ? NLU_BOOK : NLU_HUMAN; k < NLU_INTENT_COUNT; k++)
			if (k != NLU_YES && k != NLU_NO && k != NLU_BYE && k != NLU_GIVE_NAME &&
			    !(yes_first && k == NLU_GIVE_PHONE) && score[k] >= 1.5) {
				score[NLU_YES] *= asked_at < tk->n ? 0.25 : 0.4;
				score[NLU_NO] *= asked_at < tk->n ? 0.25 : 0.4;
				break;
			}
		/* "ja, aber lieber Donnerstag": a counter-proposal */
		if (f->has_when && f->counter)
			score[NLU_BOOK] += 1.0;
		if (intent_yes_but(tk, f) && score[NLU_YES] > 0 && intent_max(score, NULL) < score[NLU_YES] + 0.5) {
			score[NLU_INFO_FAQ] += score[NLU_YES] + 0.5;
			score[NLU_YES] *= 0.3;
		}
		break;
	case NLU_EXPECT_NAME:
		if (f->name) {
			score[NLU_GIVE_NAME] += f->name_marked ? 1.0 : 2.5;
			score[NLU_YES] *= 0.3;   /* "ja klar, Wagner" */
			score[NLU_NO] *= 0.3;    /* "Meier, äh nein, Mayer" corrects the name */
			/* "Hannelore Ziegler, und ich bin der Enkel, falls was ist": with no question,
			 * the name asked for is the answer */
			if (form.q >= tk->n && !tk->question && score[NLU_INFO_FAQ] > score[NLU_GIVE_NAME])
				score[NLU_INFO_FAQ] *= 0.3;
		}
		/* "Herr Roth, und am liebsten morgen um vier": the name comes along with a wish to book */
		if (f->name && f->has_day_or_time && (form.wish || f->counter) && score[NLU_BOOK] > 0)
			score[NLU_BOOK] += score[NLU_GIVE_NAME];
		/* "hier ist Müller, ich will absagen": the name asked for comes along with a request,
		 * which is what the caller wants done next */
		if (f->name) {
			static const enum nlu_intent req[] = { NLU_CANCEL, NLU_RESCHEDULE, NLU_BOOK, NLU_HUMAN, NLU_CALLBACK };
			/* (or asked for at length: "und können Sie gleich noch einen Termin für meine
			 * Schwester eintragen") */
			for (size_t r = 0; r < sizeof(req) / sizeof(req[0]); r++)
				if (score[req[r]] >= (form.wish ? 2.0 : 3.0)) {
					score[req[r]] += score[NLU_GIVE_NAME];
					break;
				}
		}
		break;
	/* an answer to "wann?" books; a question back ("haben Sie auch nachmittags?") asks */
	case NLU_EXPECT_DATE:
		if (offer)
			asking = false;
		/* "am Siebenundzwanzigsten um zehn, und erreichen können Sie mich unter ...": the
		 * day asked for, with a number to call back */
		if (f->has_day_or_time && !asking && score[NLU_GIVE_PHONE] > 0)
			score[NLU_GIVE_PHONE] *= 0.5;
		if (f->has_when && !asking)
			score[NLU_BOOK] += 1.5;
		if (f->has_day_or_time && !asking && score[NLU_NO] > score[NLU_BOOK] && intent_concludes(tk))
			score[NLU_BOOK] += score[NLU_NO];
		/* "Karfreitag haben Sie ja bestimmt zu, dann Samstag": asked when, the day the turn
		 * comes to after a guess about the opening hours */
		if (f->has_day_or_time && score[NLU_INFO_HOURS] > score[NLU_BOOK] && intent_concludes(tk))
			score[NLU_BOOK] += score[NLU_INFO_HOURS];
		else if (intent_any_day(tk) && !tk->question)
			score[NLU_BOOK] += 2.5;
		break;
	case NLU_EXPECT_CHOICE:
		/* "die sind mir alle zu spät": a wish for earlier with a no turns the offers down */
		if ((f->has_when && !asking && !form.times_out && (f->has_day_or_time || score[NLU_NO] <= 0)) ||
		    f->choice != NLU_CHOICE_NONE)
			score[NLU_BOOK] += 2.0;
		break;
	case NLU_EXPECT_PHONE:
		if (f->digits >= 3)
			score[NLU_GIVE_PHONE] += 2.5;
		/* "null eins fünf ..., müssen Sie die Nummer eigentlich speichern?": the number
		 * answers, the question after it is what the caller wants next */
		size_t last_num = 0;
		for (size_t i = 0; i < tk->n; i++)
			if (tk->t[i].flags & (NLU_TOK_NUM | NLU_TOK_DIGITS))
				last_num = i + 1;
		for (size_t a = 0; a < 3 && f->digits >= 3; a++) {
			static const enum nlu_intent asks[] = { NLU_INFO_FAQ, NLU_INFO_HOURS, NLU_INFO_ADDRESS };
			size_t k = asks[a], at = k == NLU_INFO_FAQ ? faq_at : info_at[k];
			if (score[k] >= 2.0 && at < tk->n && at >= last_num && score[k] < score[NLU_GIVE_PHONE]) {
				score[k] += score[NLU_GIVE_PHONE];
				break;
			}
		}
		break;
	case NLU_EXPECT_NONE:
	default:
		break;
	}
	/* "für zwei Personen, geht das?", "auf Donnerstag legen, geht das?": a "geht das" that
	 * ends the turn asks whether what came before is possible, and that is what the turn wants */
	if (tk->n >= 3 && nlu_is(tk, tk->n - 1, "das") &&
	    (nlu_is(tk, tk->n - 2, "geht") || nlu_is(tk, tk->n - 2, "ginge") || nlu_is(tk, tk->n - 2, "klappt"))) {
		double other = 0;
		for (size_t k = 1; k < NLU_INTENT_COUNT; k++)
			if (k != NLU_AVAILABILITY && intent_content(k) && score[k] > other)
				other = score[k];
		if (other >= 1.5) {
			score[NLU_AVAILABILITY] *= 0.3;
			*negated |= 1u << NLU_AVAILABILITY;
		}
	}
	/* "Öffnungszeiten und Adresse bitte": of two questions named with "und", the first */
	static const size_t infos[] = { NLU_INFO_HOURS, NLU_INFO_ADDRESS, NLU_INFO_FAQ };
	size_t q_first = NLU_UNKNOWN, q_then = NLU_UNKNOWN;
	size_t ninfos = sizeof(infos) / sizeof(infos[0]);
	for (size_t a = 0; a < ninfos; a++)
		for (size_t b = 0; b < ninfos; b++)
			if (info_at[infos[a]] < info_at[infos[b]] && info_at[infos[b]] < tk->n && form.q >= tk->n &&
			    (nlu_is(tk, info_at[infos[b]] - 1, "und") ||
			     (info_at[infos[b]] >= 2 && nlu_is(tk, info_at[infos[b]] - 2, "und"))) &&
			    score[infos[a]] > 0 && score[infos[b]] > 0) {
				q_first = infos[a];
				q_then = infos[b];
			}
	/* "ich wollte meinen Termin absagen und dann bräuchte ich noch die Adresse": a request to
	 * cancel or move, then with "und" something to know, and no question: the request */
	static const size_t moves[] = { NLU_CANCEL, NLU_RESCHEDULE };
	static const size_t to_know[] = { NLU_INFO_HOURS, NLU_INFO_ADDRESS };
	size_t nmoves = sizeof(moves) / sizeof(moves[0]), nknow = sizeof(to_know) / sizeof(to_know[0]);
	for (size_t a = 0; a < nmoves && q_first == NLU_UNKNOWN && form.q >= tk->n && !tk->question; a++)
		for (size_t b = 0; b < nknow; b++) {
			size_t from = info_at[moves[a]], to = info_at[to_know[b]];
			bool und = false;
			for (size_t k = from + 1; k < to && to < tk->n; k++)
				und = und || nlu_is(tk, k, "und");
			if (from < to && to < tk->n && und && score[moves[a]] > 0 && !(*negated & (1u << moves[a]))) {
				q_first = moves[a];
				q_then = to_know[b];
			}
		}
	if (q_first != NLU_UNKNOWN) {
		intent_prefer(score, q_first, negated);
		*negated |= 1u << q_then;
	}
	intent_form_apply(tk, &form, f, score, negated);
	/* "ich hab einen Gutschein und will den einlösen": a wish stated with a request's own
	 * words after any word of a question, and no question, asks nothing the word model
	 * may make of it ("ich will absagen, kostet mich das was" goes on to ask) */
	/* "wir hätten gern einen Termin für zwei Personen, wir haben einen Gutschein geschenkt
	 * bekommen": an appointment wished for, then things told of it, not asked */
	size_t termin_at = tk->n;
	bool asked = false;   /* (not "ich will einen Termin, kann ich auch bar zahlen") */
	for (size_t i = 0; i < tk->n; i++) {
		if (termin_at == tk->n && nlu_prefix(tk, i, "termin"))
			termin_at = i;
		else if (termin_at < i && (nlu_oneof(tk, i, intent_qverb) >= 0 || nlu_prefix(tk, i, "brauch")) &&
			 nlu_oneof(tk, i + 1, intent_pron) >= 0)
			asked = true;
	}
	if (form.wish && form.q >= tk->n && !tk->question && !asked && termin_at < faq_at && faq_at < tk->n &&
	    score[NLU_INFO_FAQ] > 0) {
		score[NLU_BOOK] += score[NLU_INFO_FAQ] * 0.5;
		score[NLU_INFO_FAQ] *= 0.3;
		*negated |= 1u << NLU_INFO_FAQ;
	}
	if (form.wish && form.q >= tk->n && !tk->question && request_at > 0 && request_at >= question_at) {
		static const size_t questions[] = { NLU_INFO_FAQ, NLU_INFO_HOURS, NLU_INFO_ADDRESS, NLU_AVAILABILITY };
		for (size_t k = 0; k < sizeof(questions) / sizeof(questions[0]); k++)
			*negated |= 1u << questions[k];
	}
	if (offer && score[NLU_AVAILABILITY] >= score[NLU_BOOK])
		intent_prefer(score, NLU_BOOK, negated);
	if (offer)
		*negated |= 1u << NLU_AVAILABILITY;
	/* "keiner von beiden, habt ihr am Montag nichts?": every offer turned down, a question
	 * for others after it asks for the free times */
	double avail_after = 0;
	for (size_t i = none_end; i < tk->n && none_end > 0; i++)
		avail_after += avail_w[i];
	if (avail_after >= 1.5)
		intent_prefer(score, NLU_AVAILABILITY, negated);
	/* "Moment, ich frag kurz meine Freundin", "eine Sekunde, ich muss die Nummer suchen": a hold
	 * that opens the turn, followed by no answer, request or direct question, holds the line */
	bool direct = tk->question || (form.q < tk->n && intent_wq(tk, form.q));
	/* "warten Sie, ich frag meinen Mann: wann hast du nochmal den Zahnarzt?": a question
	 * with "du" after the hold is to somebody in the room */
	for (size_t i = wait_at; i < tk->n && direct; i++)
		if (nlu_is(tk, i, "du") && i > form.q)
			direct = false;
	if (wait_at <= room + 1 && (wait_at == room || nlu_oneof(tk, room, intent_opener) < 0 ||
				    nlu_is(tk, room, "und")) &&
	    answer_end == 0 && request_w == 0 && !direct && !f->has_day_or_time && f->digits == 0 &&
	    !(f->name && expect == NLU_EXPECT_NAME) && score[NLU_WAIT] > 0)
		intent_prefer(score, NLU_WAIT, negated);
	/* an exclamation, or a turn broken off (unasked for a yes or no), asks nothing; nor may
	 * the word model make it ask */
	bool nothing = exclaim || (expect != NLU_EXPECT_YESNO && intent_broken_off(tk));
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++) {
		if (score[k] < 0 || nothing)
			score[k] = 0;
		if (nothing && k != NLU_UNKNOWN)
			*negated |= 1u << k;
		/* what was said to someone in the room asks nothing of the studio, nor may the
		 * word model read it so; asked for a day, the day said still answers */
		if (room == tk->n && !(expect == NLU_EXPECT_DATE && f->has_day_or_time))
			score[k] = 0;
		if (room > 0 && score[k] <= 0 && k != NLU_UNKNOWN)
			*negated |= 1u << k;
	}
}

void nlu_intent_decide(const double score[NLU_INTENT_COUNT], struct nlu_result *out)
{
	size_t best = NLU_UNKNOWN, second = NLU_UNKNOWN;
	for (size_t k = 1; k < NLU_INTENT_COUNT; k++) {
		if (best == NLU_UNKNOWN || score[k] > score[best]) {
			second = best;
			best = k;
		} else if (second == NLU_UNKNOWN || score[k] > score[second]) {
			second = k;
		}
	}
	double s1 = score[best], s2 = second != NLU_UNKNOWN ? score[second] : 0;
	if (s1 < 0.9) {
		out->intent = NLU_UNKNOWN;
		out->confidence = exp(-s1);
		out->second = s1 > 0 ? (enum nlu_intent)best : NLU_UNKNOWN;
		out->second_confidence = s1 > 0 ? (1 - exp(-s1)) * 0.5 : 0;
		return;
	}
	out->intent = (enum nlu_intent)best;
	out->confidence = (1 - exp(-s1)) * s1 / (s1 + s2);
	out->second = s2 > 0 ? (enum nlu_intent)second : NLU_UNKNOWN;
	out->second_confidence = s2 > 0 ? (1 - exp(-s2)) * s2 / (s1 + s2) : 0;
}
