/* nlu_name.c: the caller's name in a turn: who they are or whom the appointment is for, as a receptionist would write it. */
#include "nlu_int.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "utf8.h"

#include "nlu_name_words.h"
#include "nlu_name_int.h"

/* The known first names sorted once, for a binary search: the list is long and
 * asked about for many words of every turn. */
#define ENTITY_NFIRST (sizeof(entity_first_names) / sizeof(entity_first_names[0]) - 1)
static const char *entity_first_sorted[ENTITY_NFIRST];
static pthread_once_t entity_first_once = PTHREAD_ONCE_INIT;

/* Is w a word no name is made of? */
static bool entity_stopword(const char *w)
{
	return nlu_in(w, entity_stop) || nlu_greeting_word(w);
}

static int entity_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void entity_first_sort(void)
{
	memcpy(entity_first_sorted, entity_first_names, sizeof(entity_first_sorted));
	qsort(entity_first_sorted, ENTITY_NFIRST, sizeof(entity_first_sorted[0]), entity_cmp);
}

static bool entity_first_known(const char *w)
{
	pthread_once(&entity_first_once, entity_first_sort);
	return bsearch(&w, entity_first_sorted, ENTITY_NFIRST, sizeof(entity_first_sorted[0]), entity_cmp) != NULL;
}

bool nlu_first_name(const char *w, size_t len)
{
	char word[NLU_MAX_WORD + 1];
	if (len == 0 || len > NLU_MAX_WORD)
		return false;
	memcpy(word, w, len);
	word[len] = '\0';
	return entity_first_known(word);
}

/* Is the folded word w a known first name, or first names joined ("anna-lena")? */
static bool entity_first_word(const char *w)
{
	if (entity_first_known(w))
		return true;
	const char *dash = strchr(w, '-');
	if (dash == NULL || dash == w || dash[1] == '\0' || dash - w >= NLU_MAX_WORD)
		return false;
	char head[NLU_MAX_WORD + 1];
	memcpy(head, w, (size_t)(dash - w));
	head[dash - w] = '\0';
	return entity_first_known(head) && entity_first_word(dash + 1);
}

/* "Bär bel", "Wal traud": is token i the first half of a first name heard as
 * two words? Not when the second half is a first name itself ("Anna Lena"). */
static bool entity_glued(const struct nlu_toks *tk, size_t i)
{
	if (i + 1 >= tk->n || tk->t[i].len < 2 || tk->t[i + 1].len < 2 ||
	    tk->t[i].len + tk->t[i + 1].len > NLU_MAX_WORD || (tk->t[i].flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) ||
	    entity_stopword(tk->t[i].w) || entity_stopword(tk->t[i + 1].w) ||
	    entity_first_word(tk->t[i + 1].w))
		return false;
	char both[NLU_MAX_WORD + 1];
	snprintf(both, sizeof(both), "%s%s", tk->t[i].w, tk->t[i + 1].w);
	return entity_first_known(both);
}

/* Is token i a time word that is also a surname, where pos allows one? Not
 * when a time follows it ("Bäcker, Freitag um zehn"). */
static bool entity_time_name(const struct nlu_toks *tk, size_t i, enum entity_pos pos)
{
	const char *w = tk->t[i].w;
	bool ok = (pos != ENTITY_WEAK && nlu_in(w, entity_time_names)) ||
		  (pos == ENTITY_FREE && nlu_in(w, entity_day_names));
	if (!ok || i + 1 >= tk->n)
		return ok;
	/* "hier ist kurz die Frage", "Freitag nach zehn": a time word going on as one */
	static const char *const goes_on[] = {
		"vor", "nach", "die", "der", "das", "den", "dem", "ein", "eine", "einen", "mal", "noch", "zeit", "vorbei",
		"weg", "raus", "rein", "bescheid", "gesagt", "zu", NULL,
	};
	const struct nlu_tok *next = &tk->t[i + 1];
	return !(next->flags & (NLU_TOK_NUM | NLU_TOK_CLOCK | NLU_TOK_DATE)) && !when_word(next->w) &&
	       nlu_oneof(tk, i + 1, goes_on) < 0;
}

/* Could token i be part of a name, standing where pos says? */
static bool entity_tail(const struct nlu_toks *tk, size_t i);

bool entity_namelike(const struct nlu_toks *tk, size_t i, enum entity_pos pos)
{
	if (i >= tk->n)
		return false;
	const struct nlu_tok *t = &tk->t[i];
	if (t->flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_CLOCK | NLU_TOK_DATE))
		return false;
	/* "ä", "ö", "ü" said alone are letters of a hint ("ö mit Punkten"), never a name */
	/* (a word of its own before a surname's ending heard apart is its first half: "Papa dopoulos") */
	if (t->len < 2 || (entity_stopword(t->w) && !(t->len >= 3 && entity_tail(tk, i + 1))) ||
	    (t->len == 2 && t->w[1] == 'e' && strchr("aou", t->w[0]) != NULL && t->end - t->off <= 2))
		return false;
	for (size_t k = 0; k < t->len; k++)
		if (t->w[k] >= '0' && t->w[k] <= '9')
			return false;
	if (when_word(t->w) && !entity_time_name(tk, i, pos))
		return false;
	if (pos != ENTITY_FREE && !entity_first_word(t->w) && nlu_intent_word(t->w))
		return false;
	/* "ja, Kevin, lass das sofort liegen": a given name then an imperative of "du" is said to
	 * someone in the room */
	if (pos != ENTITY_FREE && i > 0 && entity_is_first(tk, i - 1) && nlu_du_imperative(tk, i) && i + 1 < tk->n &&
	    !entity_first_word(t->w))
		return false;
	/* "ja, gebucht", "ich bin gespannt": a past participle is no name where none was announced */
	if (pos != ENTITY_FREE && t->len >= 6 && strncmp(t->w, "ge", 2) == 0 && t->w[t->len - 1] == 't' &&
	    t->w[t->len - 2] != 'd' && !entity_first_word(t->w))
		return false;
	return true;
}

/* The letter cp (Latin-1 and Latin Extended-A: "ç", "ś", "ł") in upper or
 * lower case; its encoding keeps its length. */
static unsigned entity_case(unsigned cp, bool upper)
{
	bool is_upper;
	if (cp >= 0xC0 && cp <= 0xFE && cp != 0xD7 && cp != 0xF7 && cp != 0xDF) {
		is_upper = cp < 0xE0;
		return is_upper == upper ? cp : upper ? cp - 0x20 : cp + 0x20;
	}
	bool even_upper = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
	bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
	if (!even_upper && !odd_upper)
		return cp;
	is_upper = (cp % 2 == 0) == even_upper;
	return is_upper == upper ? cp : upper ? cp - 1 : cp + 1;
}

/* Copies a token as said, capitalised: "müller" -> "Müller", "mueller-luedenscheidt" -> "Mueller-Luedenscheidt". */
static size_t entity_display(const struct nlu_toks *tk, size_t i, bool particle, char *out, size_t size)
{
	const struct nlu_tok *t = &tk->t[i];
	const unsigned char *s = (const unsigned char *)tk->src + t->off;
	size_t n = (size_t)(t->end - t->off), len = 0;
	/* What is copied is never longer than the token: a token longer than
	 * out is cut before the copy, between two characters. */
	n = utf8_cut((const char *)s, n, size > 3 ? size - 3 : 0);
	/* letters said by their names ("ka o we a ..."): the letters, not the names */
	size_t said = 0;
	for (size_t k = 0; k < n && (t->flags & NLU_TOK_LETTER); k++)
		said += s[k] != ' ' && s[k] != '-' && s[k] != ',' && s[k] != '.' && (s[k] & 0xC0) != 0x80;
	if (said > t->len) {
		s = (const unsigned char *)t->w;
		n = t->len < size - 3 ? t->len : size - 3;
	}
	bool start = true;
	for (size_t k = 0; k < n && len + 3 < size; k++) {
		unsigned char c = s[k];
		if ((t->flags & NLU_TOK_LETTER) && (c == ' ' || c == '-' || c == ',' || c == '.'))
			continue;
		if (c == ' ' || c == ',' || c == '.' || c == '\'' || c == '?' || c == '!')
			continue;
		if (c >= 'A' && c <= 'Z' && !(start && !particle))
			c = (unsigned char)(c - 'A' + 'a');
		else if (c >= 'a' && c <= 'z' && start && !particle)
			c = (unsigned char)(c - 'a' + 'A');
		if (c >= 0xC3 && c <= 0xC5 && k + 1 < n) {
			unsigned cp = entity_case(((unsigned)(c & 0x1F) << 6) | (s[k + 1] & 0x3F), start && !particle);
			out[len++] = (char)(0xC0 | (cp >> 6));
			out[len++] = (char)(0x80 | (cp & 0x3F));
			k++;
			start = false;
			continue;
		}
		out[len++] = (char)c;
		start = c == '-';
	}
	out[len] = '\0';
	return len;
}

/* "Krüger Lindner mit Bindestrich": is the span ending before token i one double surname? */
static bool entity_dashed(const struct nlu_toks *tk, size_t i)
{
	/* "Marie Luise Schäfer Okafor, beides mit Bindestrich" */
	if (nlu_is(tk, i, "beides") || nlu_is(tk, i, "beide") || nlu_is(tk, i, "jeweils"))
		i++;
	return nlu_is(tk, i, "mit") && (nlu_is(tk, i + 1, "bindestrich") || nlu_is(tk, i + 1, "strich"));
}

/* Is the word t said starting at token from (dir +1) or ending just before it (dir -1),
 * whole or letter by letter ("k h a t i b")? */
static bool entity_said_at(const struct nlu_toks *tk, size_t from, const struct nlu_tok *t, int dir)
{
	size_t at = dir > 0 ? from : from - 1;
	if (from == 0 && dir < 0)
		return false;
	if (at < tk->n && tk->t[at].len == t->len && memcmp(tk->t[at].w, t->w, t->len) == 0)
		return true;
	size_t n = 0;   /* letters matched, from the word's start (dir +1) or its end (-1) */
	for (size_t k = at; k < tk->n && n < t->len && tk->t[k].len == 1; k = dir > 0 ? k + 1 : k - 1) {
		if (tk->t[k].w[0] != t->w[dir > 0 ? n : t->len - 1 - n])
			return false;
		n++;
		if (k == 0)
			break;
	}
	return n == t->len && n > 1;
}

/* "Papadopoulos Schmidt, Papadopoulos mit Bindestrich Schmidt", "Al Khatib, a l Bindestrich
 * k h a t i b": the surname's two parts, tokens a and b, said again joined by a dash. */
static bool entity_dash_said(const struct nlu_toks *tk, size_t a, size_t b)
{
	for (size_t k = b + 1; k + 1 < tk->n; k++) {
		if (!nlu_is(tk, k, "bindestrich") && !nlu_is(tk, k, "strich"))
			continue;
		size_t l = nlu_is(tk, k - 1, "mit") ? k - 1 : k;
		if (entity_said_at(tk, l, &tk->t[a], -1) && entity_said_at(tk, k + 1, &tk->t[b], +1))
			return true;
	}
	return false;
}

/* Was a dash said between tokens a and b, one word apart ("Wagner Bindestrich Holm")? */
static bool entity_dash_between(const struct nlu_toks *tk, size_t a, size_t b)
{
	return b == a + 2 && (nlu_is(tk, a + 1, "bindestrich") || nlu_is(tk, a + 1, "strich"));
}

/* Joins tokens [from, to) as said into an arena string, by sep. */
static char *entity_join(struct arena *a, const struct nlu_toks *tk, const size_t *idx, size_t n, char sep)
{
	char buf[TF_MAX_NAME];
	size_t len = 0;
	for (size_t k = 0; k < n; k++) {
		bool particle = k + 1 < n && ((nlu_in(tk->t[idx[k]].w, entity_particles) &&
					       !nlu_in(tk->t[idx[k]].w, entity_particles_capital)) ||
					      (k > 0 && (nlu_is(tk, idx[k], "der") || nlu_is(tk, idx[k], "den") ||
							 (nlu_is(tk, idx[k], "und") && nlu_is(tk, idx[k - 1], "von")))));
		bool dash = k > 0 && entity_dash_between(tk, idx[k - 1], idx[k]);
		if (len > 0 && len + 1 < sizeof(buf))
			buf[len++] = dash ? '-' : particle ? ' ' : sep;
		len += entity_display(tk, idx[k], particle, buf + len, sizeof(buf) - len);
		/* "Kos lowski", "Bär bel": the ending heard apart joins the word before */
		if (idx[k] + 1 < tk->n && (entity_suffix(tk, idx[k] + 1) || entity_glued(tk, idx[k])) &&
		    (k + 1 == n || idx[k + 1] != idx[k] + 1))
			len += entity_display(tk, idx[k] + 1, true, buf + len, sizeof(buf) - len);
	}
	buf[len] = '\0';
	return len > 0 ? arena_strdup(a, buf) : NULL;
}

/* "Nachname ist Dörr", "der Name wär Hoffmann", "mein Name is ..." as heard */
bool entity_copula(const struct nlu_toks *tk, size_t k)
{
	static const char *const copula[] = { "ist", "is", "lautet", "waere", "waer", "wird", NULL };
	return nlu_oneof(tk, k, copula) >= 0;
}

size_t entity_past_copula(const struct nlu_toks *tk, size_t k)
{
	/* "Nachname ist Dörr", "der Nachname, der ist Breitkreuz" */
	while (entity_copula(tk, k) || ((nlu_is(tk, k, "der") || nlu_is(tk, k, "das")) && entity_copula(tk, k + 1)))
		k++;
	/* "der Nachname, falls Sie den auch brauchen, ist Lindner" */
	for (size_t j = k + 1; (nlu_is(tk, k, "falls") || nlu_is(tk, k, "wenn")) && j < tk->n && j < k + 7; j++)
		if (entity_copula(tk, j))
			return j + 1;
	return k;
}

/* "nicht Meier, sondern Maier": the token after "sondern" when a name is
 * ruled out at k, else k. */
size_t entity_rather(const struct nlu_toks *tk, size_t k)
{
	if (!nlu_is(tk, k, "nicht") && !nlu_is(tk, k, "nich"))
		return k;
	for (size_t j = k + 1; j < tk->n && j <= k + 4; j++)
		if (nlu_is(tk, j, "sondern"))
			return j + 1;
	/* "nicht Hoffmann, Hofmann": a like-sounding word right after the one ruled out */
	if (k + 2 < tk->n && tk->t[k + 1].w[0] == tk->t[k + 2].w[0] && tk->t[k + 1].len >= 3 && tk->t[k + 2].len >= 3 &&
	    (k + 3 == tk->n || nlu_is(tk, k + 3, "mit") || nlu_is(tk, k + 3, "ohne")))
		return k + 2;
	return k;
}

/* The markers as the regions say them are weak at every step: a name after
 * them needs a known given name ("des is ja blöd" names nobody). */
bool entity_regional(const char *marker)
{
	static const char *const regional[] = {
		"isch bin", "isch ben", "ich ben", "i ben", "des is", "des isch", "da isch", "do is", "do isch", "hier isch",
		"dat is", "dit is", NULL,
	};
	return nlu_in(marker, regional);
}


/* "de Urs", "dä Hein", "da Huber Sepp": the article of the regions before a
 * name; after it from token k, unless it is the name's own particle ("de Vries"). */
size_t entity_dialect_article(const struct nlu_toks *tk, size_t k)
{
	static const char *const articles[] = { "de", "dae", "dä", "da", "d", NULL };
	const char *sal;
	if (nlu_oneof(tk, k, articles) < 0 || k + 1 >= tk->n)
		return k;
	if (entity_is_first(tk, k + 1) || entity_salutation(tk, k + 1, &sal) || entity_is_first(tk, k + 2))
		return k + 1;
	return k;
}


/* "ich heiße, wie gesagt, Nowak": words said on the way to a name; after
 * them from token k, where the name may start. */
size_t entity_filler(const struct nlu_toks *tk, size_t k)
{
	static const char *const fillers[] = {
		"wie gesagt", "wie schon gesagt", "wie ich schon sagte", "ich sag mal", "sag ich mal", "sozusagen", "quasi",
		NULL,
	};
	static const char *const between[] = { "schon", "vorhin", "bereits", "eben", "ja", "ich", "oben", NULL };
	for (size_t f = 0; fillers[f] != NULL; f++) {
		size_t l = nlu_phrase(tk, k, fillers[f]);
		if (l > 0)
			return k + l;
	}
	/* "wie vorhin schon gesagt", "wie ich ja eben sagte" */
	size_t j = k + 1;
	while (nlu_is(tk, k, "wie") && j < k + 4 && nlu_oneof(tk, j, between) >= 0)
		j++;
	if (j > k + 1 && (nlu_is(tk, j, "gesagt") || nlu_is(tk, j, "sagte")))
		return j + 1;
	/* "mein Nachname ist ein Doppelname, Lindemann ...": what kind of name follows */
	size_t d = k + (nlu_is(tk, k, "ein") || nlu_is(tk, k, "so"));
	d += nlu_is(tk, d, "ein");
	if (nlu_prefix(tk, d, "doppel") && tk->t[d].len > 7)
		return d + 1 + (nlu_is(tk, d + 1, "und") || nlu_is(tk, d + 1, "also"));
	return k;
}

bool entity_salutation(const struct nlu_toks *tk, size_t i, const char **sal)
{
	if (nlu_is(tk, i, "frau")) {
		*sal = "Frau";
		return true;
	}
	if (nlu_is(tk, i, "herr") || nlu_is(tk, i, "herrn")) {
		*sal = "Herr";
		return true;
	}
	return false;
}

/* Words before "Frau ..." that make her somebody else: staff ("mit Frau
 * Weber sprechen"), a relation ("seine Frau", "die Nachbarin vom Herrn ..."). */
const char *const entity_others[] = {
	"mit", "bei", "zu", "an", "von", "vom", "seine", "ihre", "unsere", "mei", "freundin", "kollegin", "nachbarin", "ob",
	"bekannte", "freund", "kollege", "nachbar", "zur", "zum", "nicht", "nich", NULL,
};

/* "wann hätte die Frau Koch Zeit", "bei der Frau Koch": "Frau ..." after an
 * article in the middle of a turn is somebody spoken of; the caller says
 * "die Frau Koch" opening the turn or after "ich bin", "hier ist". */
bool entity_spoken_of(const struct nlu_toks *tk, size_t i)
{
	static const char *const articles[] = { "die", "der", "den", "dem", NULL };
	static const char *const verbs[] = {
		"bin", "bins", "ist", "is", "spricht", "waere", "waer", "wars", "halt", "nochmal", "wieder", NULL,
	};
	static const char *const opens[] = {
		"ja", "guten", "schoenen", "tag", "morgen", "abend", "gott", "also", "aeh", "so", NULL,
	};
	if (i < 2 || nlu_oneof(tk, i - 1, articles) < 0 || nlu_oneof(tk, i - 2, verbs) >= 0)
		return false;
	/* "für meinen Vater, den Herrn Brandl", "für den Herrn Brandl": whom it is for */
	if (nlu_is(tk, i - 2, "fuer"))
		return false;
	/* (not "bei der Frau Yilmaz", "mit dem Herrn Kurz": staff) */
	for (size_t k = 0; k + 1 < i && nlu_oneof(tk, i - 2, entity_others) < 0; k++)
		if (nlu_oneof(tk, k, entity_kin) >= 0 && k > 0 && nlu_prefix(tk, k - 1, "mein"))
			return false;
	for (size_t k = 0; k + 1 < i; k++)
		if (nlu_oneof(tk, k, opens) < 0 && !nlu_greeting(tk, k))
			return true;
	return false;
}

/* Whom a caller may speak of before a name that is not theirs ("meine Tochter Lena Weber"). */
const char *const entity_kin[] = {
	"mama", "papa", "mutter", "vater", "tochter", "sohn", "kind", "tante", "onkel", "oma", "opa", "enkel", "enkelin",
	"schwester", "bruder", "frau", "mann", "freundin", "freund", "kollegin", "kollege", "nachbarin", "nachbar",
	"chefin", "chef", "partner", "partnerin", "schwiegermutter", "schwiegervater", NULL,
};

/* "Ist Frau Fischer heute da?", "Sind Sie Frau Koch?": a turn opening with a
 * verb asks about the person named at i, it does not introduce the caller. */
bool entity_asks_about(const struct nlu_toks *tk, size_t i)
{
	static const char *const verbs[] = {
		"ist", "is", "sind", "hat", "arbeitet", "kann", "koennte", "kommt", "macht", "wuerde", "gibt", NULL,
	};
	return i <= 3 && nlu_oneof(tk, 0, verbs) >= 0;
}

/* Skips "Doktor", "Dr.", "Professor", "Pfarrer" before a name; "Schwester"
 * and "Bruder" only as a nurse's or a religious title, right before a known
 * given name ("Schwester Birgit", not "meine Schwester" nor "die Schwester von ..."). */
size_t entity_title(const struct nlu_toks *tk, size_t k)
{
	static const char *const titles[] = {
		"doktor", "dr", "professor", "prof", "professorin", "doktorin", "pfarrer", "pfarrerin", "pastor",
		"pastorin", "pater", "diakon", "diakonin", "dekan", "dekanin", NULL,
	};
	static const char *const orders[] = { "schwester", "bruder", NULL };
	static const char *const whose[] = {
		"meine", "meiner", "meinen", "meinem", "deine", "seine", "ihre", "ihrer", "unsere", "unserer", NULL,
	};
	for (;;) {
		if (nlu_oneof(tk, k, titles) >= 0)
			k++;
		else if (nlu_oneof(tk, k, orders) >= 0 && entity_is_first(tk, k + 1) &&
			 (k == 0 || nlu_oneof(tk, k - 1, whose) < 0))
			k++;
		else
			return k;
	}
}

/* "Kos lowski": a surname's ending heard as a word of its own; it belongs to the
 * word before when that is no first name. */
/* "Kos lowski", "Papa dopoulos": is token i a surname's ending that never stands alone? */
static bool entity_tail(const struct nlu_toks *tk, size_t i)
{
	static const char *const ends[] = {
		"owski", "ewski", "inski", "ynski", "owska", "ewska", "inska", "ynska", "czyk", "czak", "owicz", "ewicz",
		/* Greek, Ukrainian, Romanian, Turkish, Nordic endings ("Papa dopoulos", "Johans son") */
		"poulos", "akis", "idis", "enko", "escu", "oglu", "sson", NULL,
	};
	if (i >= tk->n)
		return false;
	if (nlu_is(tk, i, "son"))
		return true;
	const struct nlu_tok *t = &tk->t[i];
	for (size_t k = 0; ends[k] != NULL; k++) {
		size_t l = strlen(ends[k]);
		if (t->len >= l && t->len <= l + 2 && strcmp(t->w + t->len - l, ends[k]) == 0)
			return true;
	}
	return false;
}

bool entity_suffix(const struct nlu_toks *tk, size_t i)
{
	/* "Schwarz kopf", "Frau Wag ner", "Herr Stein meier": German surnames heard
	 * in halves; the first kind never stands alone, the second only after a salutation */
	static const char *const halves[] = {
		"mann", "kopf", "ner", "ler", "hausen", "dorf", "feld", "land", "sen", "sang", "kamp", "brink", "thal",
		"heim", NULL,
	};
	static const char *const halves_sal[] = {
		"meier", "maier", "meyer", "mayer", "bauer", "berger", "berg", "bach", "stein", "brunner", "baum", "huber",
		"hofer", NULL,
	};
	const char *sal;
	/* ("von meinem Mann": a possessive is no name's first half) */
	static const char *const whose[] = {
		"mein", "meine", "meinem", "meinen", "meiner", "dein", "deinem", "sein", "seinem", "seine", "ihrem", "ihren",
		"unserem", "unseren", "dem", "den", "der", NULL,
	};
	if (i == 0 || i >= tk->n || entity_first_word(tk->t[i - 1].w) || nlu_oneof(tk, i - 1, whose) >= 0 ||
	    (tk->t[i].flags & NLU_TOK_LETTER))   /* (a name spelt after it: "Frau Meyer, m e y e r") */
		return false;
	if (entity_tail(tk, i))
		return true;
	if (tk->t[i - 1].len < 3 || nlu_in(tk->t[i - 1].w, entity_particles) || entity_stopword(tk->t[i - 1].w) ||
	    (tk->t[i - 1].flags & (NLU_TOK_COMMA | NLU_TOK_STOP | NLU_TOK_LETTER)))
		return false;
	return nlu_oneof(tk, i, halves) >= 0 ||
	       (i >= 2 && nlu_oneof(tk, i, halves_sal) >= 0 && entity_salutation(tk, i - 2, &sal));
}

/* "Schmidt Bindestrich Leitner": is token i a dash spoken between two name words? */
static bool entity_dash_word(const struct nlu_toks *tk, size_t i)
{
	return i > 0 && (nlu_is(tk, i, "bindestrich") || nlu_is(tk, i, "strich")) && entity_namelike(tk, i - 1, ENTITY_FREE) &&
	       entity_namelike(tk, i + 1, ENTITY_FREE);
}

/* Is p the start or the end of the longer word w ("Ober" of "Obermaier")? */
static bool entity_part_of(const struct nlu_tok *w, const struct nlu_tok *p)
{
	return p->len >= 3 && p->len < w->len &&
	       (strncmp(w->w, p->w, p->len) == 0 || strcmp(w->w + w->len - p->len, p->w) == 0);
}

/* Are a and b the same word but for the marks on a's letters ("wiśniewski",
 * "wisniewski")? A letter of more than one byte in a stands for any one in b. */
static bool entity_same_but_marks(const struct nlu_tok *a, const struct nlu_tok *b)
{
	size_t i = 0, k = 0;
	while (i < a->len && k < b->len) {
		if ((unsigned char)a->w[i] >= 0x80) {
			i++;
			while (i < a->len && ((unsigned char)a->w[i] & 0xC0) == 0x80)
				i++;
		} else if (a->w[i++] != b->w[k]) {
			return false;
		}
		k++;
	}
	return i == a->len && k == b->len;
}

/* "Meier, m e y e r", "Frau Schahin, geschrieben s a h i n": are the letters b
 * spelt after the name word w how it is written (the same first letter, about
 * the same length, not a given name heard, not w itself but for its marks)? */
static bool entity_spelt_as(const struct nlu_tok *w, const struct nlu_tok *b)
{
	return (b->flags & NLU_TOK_LETTER) && w->len >= 3 && b->len >= 3 && w->w[0] == b->w[0] &&
	       w->len <= b->len + 3 && b->len <= w->len + 3 && !entity_part_of(w, b) && !entity_part_of(b, w) &&
	       !entity_same_but_marks(w, b) && !entity_first_word(w->w);
}

/* Collects up to three name tokens from i into idx; returns how many. */
size_t entity_collect(const struct nlu_toks *tk, size_t i, enum entity_pos pos, size_t *idx, bool *comma)
{
	size_t n = 0;
	*comma = false;
	while (i < tk->n && n < 4) {
		/* "Meyer Komma Ilse": a comma spoken as a word */
		if (n == 1 && nlu_is(tk, i, "komma") && entity_namelike(tk, i + 1, ENTITY_FREE)) {
			*comma = true;
			i++;
			continue;
		}
		/* "von und zu Eltz" */
		if ((nlu_is(tk, i, "von") && nlu_is(tk, i + 1, "und") && nlu_is(tk, i + 2, "zu") &&
		     entity_namelike(tk, i + 3, ENTITY_FREE)) ||
		    (n > 0 && nlu_is(tk, idx[n - 1], "von") && idx[n - 1] + 1 == i && nlu_is(tk, i, "und") &&
		     nlu_is(tk, i + 1, "zu"))) {
			idx[n++] = i++;
			continue;
		}
		/* ("Schwester Birgit vom UKE": after a given name "vom" says where from) */
		if (n > 0 && nlu_is(tk, i, "vom"))
			break;
		if ((nlu_in(tk->t[i].w, entity_particles) &&
		     (entity_namelike(tk, i + 1, ENTITY_FREE) ||
		      ((nlu_is(tk, i + 1, "der") || nlu_is(tk, i + 1, "den")) && entity_namelike(tk, i + 2, ENTITY_FREE)))) ||
		    (n > 0 && nlu_in(tk->t[idx[n - 1]].w, entity_particles) &&
		     (nlu_is(tk, i, "der") || nlu_is(tk, i, "den")) && entity_namelike(tk, i + 1, ENTITY_FREE))) {
			idx[n++] = i++;
			continue;
		}
		/* "Schmidt Bindestrich Leitner", "Kos lowski": one surname */
		if (n > 0 && idx[n - 1] + 1 == i && entity_dash_word(tk, i) && !(tk->t[i - 1].flags & NLU_TOK_STOP)) {
			i++;
			continue;
		}
		if (n > 0 && idx[n - 1] + 1 == i && entity_suffix(tk, i) && !(tk->t[i - 1].flags & NLU_TOK_STOP)) {
			i++;
			continue;
		}
		/* "Hannah mit h am Ende und Meier mit e i": past a spelling hint to the next name word */
		size_t h = n > 0 && idx[n - 1] + 1 == i ? entity_hint(tk, i) : 0;
		if (h > 0) {
			size_t k = i + h + (nlu_is(tk, i + h, "und") ? 1 : 0);
			if (!entity_namelike(tk, k, pos) || entity_letter(tk, k))
				break;
			i = k;
		}
		/* "Nguyen, n g u y e n": the name spelt again right after it is the same word */
		if (n > 0 && idx[n - 1] + 1 == i && (tk->t[i].flags & NLU_TOK_LETTER) &&
		    strcmp(tk->t[idx[n - 1]].w, tk->t[i].w) == 0) {
			i++;
			continue;
		}
		if (n > 0 && idx[n - 1] + 1 == i && entity_spelt_as(&tk->t[idx[n - 1]], &tk->t[i])) {
			idx[n - 1] = i++;
			continue;
		}
		if (!entity_namelike(tk, i, pos))
			break;
		/* "Frau Nowak stornieren": the request going on after the name */
		if (n > 0 && !entity_first_word(tk->t[i].w) && nlu_intent_word(tk->t[i].w))
			break;
		idx[n++] = i;
		if (tk->t[i].flags & NLU_TOK_COMMA) {
			if (n == 1)
				*comma = true;
			else
				break;
		}
		if (tk->t[i].flags & NLU_TOK_STOP)
			break;
		i++;
		/* "Maria del Carmen López": a particle leaves room for a fourth word, as two given
		 * names do ("Marie Luise Schäfer Okafor") */
		bool particle = n >= 2 && entity_is_first(tk, idx[0]) && entity_is_first(tk, idx[1]);
		for (size_t p = 0; p < n; p++)
			particle = particle || nlu_in(tk->t[idx[p]].w, entity_particles);
		if (n >= (particle ? 4u : 3u))
			break;
	}
	return n;
}

bool entity_is_first(const struct nlu_toks *tk, size_t i)
{
	return i < tk->n && (entity_first_word(tk->t[i].w) || entity_glued(tk, i));
}

/* Does token i end the way given names do and surnames rarely do
 * ("Wilhelmine", "Ottilie", "Irmtraud", "Dragomir")? With alone: endings
 * sure enough to make a single word a first name. */
bool entity_first_shape(const struct nlu_toks *tk, size_t i, bool alone)
{
	static const char *const ends[] = {
		"ine", "ette", "trud", "gard", "hild", "hilde", "linde", "traud", "lie", NULL,
	};
	static const char *const ends_pair[] = { "ina", "mir", "run", "burga", "iane", NULL };
	const struct nlu_tok *t = &tk->t[i];
	for (size_t pass = 0; pass < (alone ? 1u : 2u); pass++) {
		const char *const *list = pass == 0 ? ends : ends_pair;
		for (size_t k = 0; list[k] != NULL; k++) {
			size_t l = strlen(list[k]);
			if (t->len >= l + 2 && strcmp(t->w + t->len - l, list[k]) == 0)
				return true;
		}
	}
	return false;
}

/* Does token i end the way surnames do and first names do not ("Gschwendtner",
 * "Novak", "Petrović", "Hansen")? Tells "Gschwendtner Theresia" apart from
 * "Theresia Gschwendtner" when neither is a known first name. */
static bool entity_surname_shape(const struct nlu_toks *tk, size_t i)
{
	static const char *const ends[] = {
		"ner", "ler", "mann", "ski", "ska", "cki", "cka", "wicz", "vic", "vich", "czyk", "czak", "ak", "enko",
		"sson", "sen", "oglu", "idis", "poulos", "mayr", "mair", "maier", "meier", "huber", "hofer", "bauer",
		"berger", "inger", "stein", "schmidt", "mueller", NULL,
	};
	const struct nlu_tok *t = &tk->t[i];
	if (entity_is_first(tk, i))
		return false;
	for (size_t k = 0; ends[k] != NULL; k++) {
		size_t l = strlen(ends[k]);
		if (t->len >= l + 2 && strcmp(t->w + t->len - l, ends[k]) == 0)
			return true;
	}
	return false;
}

/* Words that say which half of the name stands next to them. */
static const struct {
	const char *w;
	char role; /* 'f' first name, 'l' last name */
} entity_roles[] = {
	{ "nachname", 'l' }, { "nachnamen", 'l' }, { "familienname", 'l' }, { "familiennamen", 'l' }, { "zuname", 'l' },
	{ "vorname", 'f' }, { "vornamen", 'f' }, { "rufname", 'f' },
};

static char entity_role_at(const struct nlu_toks *tk, size_t i)
{
	for (size_t r = 0; i < tk->n && r < sizeof(entity_roles) / sizeof(entity_roles[0]); r++)
		if (strcmp(tk->t[i].w, entity_roles[r].w) == 0)
			return entity_roles[r].role;
	return 0;
}

/* "ich heiße Jana, mit Nachnamen Schubert": a surname announced within a few words
 * after a first name, from token from; how many tokens went into last. */
static size_t entity_last_after(const struct nlu_toks *tk, size_t from, size_t *last)
{
	static const char *const link[] = { "und", "mit", "der", "mein", "ist", NULL };
	size_t i = from;
	while (i < tk->n && i < from + 3 && entity_role_at(tk, i) != 'l' && nlu_oneof(tk, i, link) >= 0)
		i++;
	if (entity_role_at(tk, i) != 'l')
		return 0;
	i++;
	while (entity_copula(tk, i))
		i++;
	bool comma;
	size_t n = entity_collect(tk, i, ENTITY_FREE, last, &comma);
	return n > 2 ? 2 : n;
}

/* Phrases that follow a name: "Max Müller am Apparat", "Wendt heiße ich",
 * "Dietrich heißt er" (whom the appointment is for). */
static const char *const entity_post_markers[] = {
	"am apparat", "am telefon", "ist mein name", "mein name", "ist mein nachname", "heisse ich", "heiss ich",
	"ist der name", "heisse i", "heiss i", "heisst er", "heisst sie", "isch mei name", "is mei name",
	"ist mei name", "mei name", NULL,
};

/* Phrases after a name said in passing, anywhere in a turn ("geht der
 * Zwölfte, Dana Kaminski übrigens", "Sie können Greta zu mir sagen"): the
 * name must open with a known first name. */
static const char *const entity_aside_markers[] = { "uebrigens", "hier uebrigens", "zu mir sagen", "zu mir", NULL };

/* Words "Müller hier" may go on with; what may open the turn before such a name. */
static const char *const entity_after_hier[] = {
	"wegen", "ich", "und", "mit", "weil", "nochmal", "bezueglich", "guten", NULL,
};
static const char *const entity_greetings[] = {
	"ja", "tag", "morgen", "abend", "also", "gott", "uebrigens", NULL,
};

/* Does token i greet, or open the turn as a greeting does ("ja", "guten Tag", "übrigens")? */
bool entity_greets(const struct nlu_toks *tk, size_t i)
{
	return nlu_oneof(tk, i, entity_greetings) >= 0 || nlu_greeting(tk, i);
}

/* Are the words before token p only a greeting ("schönen Feiertag noch", "guten Abend")? */
static bool entity_greeted_before(const struct nlu_toks *tk, size_t p)
{
	static const char *const words[] = {
		"schoenen", "guten", "gott", "ja", "noch", "tag", "feiertag", "wochenende", "eahna", "enk", "di", "ihnen",
		"euch", NULL,
	};
	for (size_t k = 0; k < p; k++)
		if (nlu_oneof(tk, k, words) < 0 && !nlu_greeting(tk, k) && !when_word(tk->t[k].w))
			return false;
	return p > 0;
}

/* A name before a phrase that follows names, or before "hier": its tokens into
 * idx (at most three), a salutation before it into *sal; how many tokens. */
size_t entity_before_marker(const struct nlu_toks *tk, size_t *idx, const char **sal)
{
	/* "ja passt, Anna Meyer ist mein Name", "das erste, Sabine Wagner hier": the answer to
	 * the question asked, then the name */
	static const char *const answered[] = {
		"passt", "gerne", "gern", "bitte", "genau", "okay", "ok", "gut", "prima", "super", "danke", "erste", "ersten",
		"zweite", "zweiten", "dritte", "dritten", "letzte", "letzten", NULL,
	};
	for (size_t i = 1; i < tk->n; i++) {
		bool post = false, aside = false;
		for (size_t m = 0; entity_post_markers[m] != NULL && !post; m++)
			post = nlu_phrase(tk, i, entity_post_markers[m]) > 0;
		for (size_t m = 0; entity_aside_markers[m] != NULL && !post && !aside; m++)
			aside = nlu_phrase(tk, i, entity_aside_markers[m]) > 0;
		bool hier = nlu_is(tk, i, "hier") && (i + 1 == tk->n || (tk->t[i].flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) ||
						     nlu_oneof(tk, i + 1, entity_after_hier) >= 0 || nlu_greeting(tk, i + 1));
		/* "Jan Müller hier, am Montag nachmittags geht": a day after "hier", when the name
		 * opens the turn (not "ist Frau Müller hier am Montag") */
		bool hier_day = !hier && nlu_is(tk, i, "hier") && i + 1 < tk->n &&
				(nlu_is(tk, i + 1, "am") || nlu_is(tk, i + 1, "um") || when_word(tk->t[i + 1].w));
		hier = hier || hier_day;
		if (!post && !hier && !aside)
			continue;
		size_t s = i;
		while (s > 0 && i - s < 3 && entity_namelike(tk, s - 1, ENTITY_FREE))
			s--;
		/* "schönen Sonntag, Kretzschmar hier": the greeting is no part of the name */
		while (s < i && entity_greeted_before(tk, s + 1))
			s++;
		while (aside && s < i && !entity_is_first(tk, s))
			s++;
		if (s == i)
			continue;
		/* "Doktor Lange hier", "Frau Professor Kühn am Apparat" */
		size_t p = s;
		while (p > 0 && entity_title(tk, p - 1) == p)
			p--;
		if (p > 0 && entity_salutation(tk, p - 1, sal))
			;
		else if (p > 0 && !aside && !entity_greets(tk, p - 1) && !(tk->t[p - 1].flags & NLU_TOK_COMMA) &&
			 !entity_greeted_before(tk, p) &&
			 (nlu_oneof(tk, p - 1, answered) < 0 || (!post && !(i - s >= 2 && entity_is_first(tk, s)))))
			continue;   /* (not "ja, das passt gut hier") */
		if (hier_day && ((p > 0 && !entity_greeted_before(tk, p)) ||
				 (i - s < 2 && (nlu_intent_word(tk->t[s].w) || when_word(tk->t[s].w)))))
			continue;   /* (not "gut, hier am Montag") */
		size_t n = 0;
		for (size_t k = s; k < i; k++)
			idx[n++] = k;
		return n;
	}
	return 0;
}

/* The name a role word at i labels: the one after it ("Nachname ist Fuchs",
 * "Vorname Anna"), else the one before it ("Müller mit Nachnamen", "Heinrich
 * der Vorname"). Its tokens into idx; how many. */
static size_t entity_role_span(const struct nlu_toks *tk, size_t i, size_t *idx, bool *before)
{
	/* "Hassan, nein, das ist der Vorname": the words between a name and its label */
	static const char *const links[] = {
		"der", "die", "mein", "meine", "mit", "als", "ist", "is", "und", "ihr", "das", "nein", "nee", NULL,
	};
	size_t k = i + 1;
	for (size_t was = tk->n; k != was;) {
		was = k;
		k = entity_past_copula(tk, k);
		while (nlu_is(tk, k, "aeh") || nlu_is(tk, k, "aehm") || nlu_is(tk, k, "also"))
			k++;
	}
	bool comma;
	size_t n = entity_role_at(tk, k) ? 0 : entity_collect(tk, entity_rather(tk, k), ENTITY_FREE, idx, &comma);
	*before = false;
	/* "Elif ist der Vorname, Kaya der Nachname": the words after a label that another
	 * label with nothing after it follows are that one's */
	size_t e = n > 0 ? idx[n - 1] + 1 : 0;
	while (n > 0 && e < tk->n && nlu_oneof(tk, e, links) >= 0)
		e++;
	if (n > 0 && e < tk->n && entity_role_at(tk, e) != 0) {
		size_t g = e + 1, other[4];
		while (entity_copula(tk, g) || nlu_is(tk, g, "aeh") || nlu_is(tk, g, "also"))
			g++;
		if (g >= tk->n || entity_role_at(tk, g) || entity_collect(tk, g, ENTITY_FREE, other, &comma) == 0)
			n = 0;
	}
	if (n > 0)
		return n > 3 ? 3 : n;
	*before = true;
	size_t b = i, hop = 0;
	while (b > 0 && hop < 4 && nlu_oneof(tk, b - 1, links) >= 0) {
		b--;
		hop++;
	}
	size_t s = b;
	while (s > 0 && b - s < 3 && (entity_namelike(tk, s - 1, ENTITY_FREE) || nlu_in(tk->t[s - 1].w, entity_particles)))
		s--;
	while (s < b && nlu_in(tk->t[s].w, entity_particles) && s + 1 == b)
		s++;
	for (size_t j = s; j < b; j++)
		idx[n++] = j;
	return n;
}

/* "Haddad Samira, also Samira ist der Vorname": a first name labelled after
 * it; the other name words opening the turn are the surname. Into last; how many. */
static size_t entity_opening_other(const struct nlu_toks *tk, const size_t *first, size_t nf, size_t *last)
{
	size_t i = 0, got[4], n, nl = 0;
	bool comma;
	while (i < tk->n && (entity_greets(tk, i) || nlu_in(tk->t[i].w, entity_skip)))
		i++;
	if (i >= first[0])
		return 0;
	n = entity_collect(tk, i, ENTITY_FREE, got, &comma);
	for (size_t k = 0; k < n && nl < 2; k++) {
		bool same = false;
		for (size_t j = 0; j < nf; j++)
			same = same || strcmp(tk->t[got[k]].w, tk->t[first[j]].w) == 0;
		if (!same && !entity_is_first(tk, got[k]) && got[k] < first[0])
			last[nl++] = got[k];
	}
	return nl;
}

/* A letter of a spelling hint ("y", "ypsilon", "ai"), not a whole name spelt ("a n d r i i"). */
static bool entity_hint_letter(const struct nlu_toks *tk, size_t i)
{
	return entity_letter(tk, i) && !((tk->t[i].flags & NLU_TOK_LETTER) && tk->t[i].len >= 3);
}

/* "Andrii, Nachname Schewtschenko", "de Oliveira, Vorname João": the name words
 * said right before a label that names the other half after it; into idx, how many. */
/* "Schmidt, nein, Schmitt mit zwei t am Ende, und der Vorname ...": the surname a spelling
 * hint ending before token b follows, after a correction ("nein", "sondern"), into idx; or 0
 * when there is no correction (the finders take the hint then). */
static size_t entity_hinted_before(const struct nlu_toks *tk, size_t b, size_t *idx)
{
	static const char *const fix[] = { "nein", "nee", "sondern", "entschuldigung", "sorry", "korrektur", NULL };
	size_t m = b;
	while (m > 0 && !nlu_is(tk, m - 1, "mit"))
		m--;
	if (m < 3 || b - m > 6 || !entity_namelike(tk, m - 2, ENTITY_FREE) || entity_is_first(tk, m - 2) ||
	    nlu_oneof(tk, m - 3, fix) < 0)
		return 0;
	idx[0] = m - 2;
	return 1;
}

static size_t entity_before_label(const struct nlu_toks *tk, size_t at, size_t *idx)
{
	static const char *const links[] = { "und", "der", "die", "mein", "meine", "also", "aeh", "aehm", "ihr", NULL };
	size_t b = at, n = 0;
	while (b > 0 && nlu_oneof(tk, b - 1, links) >= 0)
		b--;
	size_t s = b;
	while (s > 0 && b - s < 4 &&
	       (entity_namelike(tk, s - 1, ENTITY_ASKED) || nlu_in(tk->t[s - 1].w, entity_particles)))
		s--;
	while (s < b && nlu_in(tk->t[b - 1].w, entity_particles))
		b--;
	/* "Mayer mit y wie Ypsilon, Vorname Olaf", "Nowak mit w am Ende, Vorname Ewa", "Meyer
	 * Bindestrich Lüdenscheid": a spelling hint or a joined surname is left to the finders */
	if (s < b && entity_hint_letter(tk, b - 1))
		return entity_hinted_before(tk, b, idx);
	for (size_t h = s; h > 0 && h + 4 > s && s < b; h--)
		if (entity_hint(tk, h - 1) > 0 || entity_dash_word(tk, h - 1) || nlu_is(tk, h - 1, "mit") ||
		    nlu_is(tk, h - 1, "wie") || entity_hint_letter(tk, h - 1))
			return entity_hinted_before(tk, b, idx);
	for (size_t j = s; j < b && n < 3; j++)
		if (n == 0 || !(tk->t[j].flags & NLU_TOK_LETTER) || strcmp(tk->t[j].w, tk->t[idx[n - 1]].w) != 0)
			idx[n++] = j;
	return n > 0 ? n : entity_hinted_before(tk, b, idx);
}

/* "Müller mit Nachnamen, Vorname Anna", "Heinrich der Vorname, der Nachname
 * ist Kühn": both halves labelled, in any order; "Dana ist mein Vorname": one
 * half opening the turn, labelled after it. True when so found. */
static bool entity_by_roles(const struct nlu_toks *tk, size_t *first, size_t *nf, size_t *last, size_t *nl)
{
	*nf = *nl = 0;
	bool opening = false, after_first = false;
	size_t label = tk->n;
	for (size_t i = 0; i < tk->n; i++) {
		char role = entity_role_at(tk, i);
		if (role == 0)
			continue;
		bool before;
		size_t span[4], n = entity_role_span(tk, i, span, &before);
		if (n == 0)
			continue;
		label = before ? tk->n : i;
		/* "Öztürk Emre Öztürk ist der Nachname", "Mansour Karim Karim ist der Vorname": the
		 * labelled word said again; the words besides it are the other half */
		if (before && n >= 3) {
			const char *lw = tk->t[span[n - 1]].w;
			size_t from = strcmp(tk->t[span[0]].w, lw) == 0 ? 1 : strcmp(tk->t[span[n - 2]].w, lw) == 0 ? 0 : n;
			if (from < n) {
				size_t *other = role == 'f' ? last : first;
				memcpy(other, span + from, (n - 2) * sizeof(span[0]));
				*(role == 'f' ? nl : nf) = n - 2;
				span[0] = span[n - 1];
				n = 1;
			}
		}
		/* "Kowalczyk Agnieszka, also Kowalczyk ist der Nachname": the labelled word said
		 * first with the other half after it, opening the turn */
		if (before && n == 1 && span[0] > 2) {
			const char *lw = tk->t[span[0]].w;
			size_t j = 0;
			while (j < 2 && entity_greets(tk, j))
				j++;
			if (j + 2 < span[0] && strcmp(tk->t[j].w, lw) == 0 && strcmp(tk->t[j + 1].w, lw) != 0 &&
			    entity_namelike(tk, j + 1, ENTITY_FREE) && !(tk->t[j].flags & NLU_TOK_STOP)) {
				size_t *other = role == 'f' ? last : first;
				other[0] = j + 1;
				*(role == 'f' ? nl : nf) = 1;
			}
		}
		/* "Wimmer Franz, ich mein Franz Wimmer, Franz ist der Vorname": the first names right before the label */
		size_t run = n;
		while (role == 'f' && before && run > 0 && entity_is_first(tk, span[run - 1]))
			run--;
		if (run > 0 && run < n) {
			memmove(span, span + run, (n - run) * sizeof(span[0]));
			n -= run;
		}
		if (role == 'f' && n > 2)
			n = 2;
		memcpy(role == 'f' ? first : last, span, n * sizeof(span[0]));
		*(role == 'f' ? nf : nl) = n;
		/* "nein, umgekehrt: Kaya ist der Nachname": words that only turn the order round come first */
		static const char *const turned[] = { "nein", "nee", "also", "umgekehrt", "andersrum", "andersherum", NULL };
		size_t at = span[0];
		while (at > 0 && nlu_oneof(tk, at - 1, turned) >= 0)
			at--;
		opening = before && (at == 0 || entity_greets(tk, at - 1));
		after_first = role == 'f' && before;
	}
	if (*nf > 0 && *nl == 0 && after_first)
		*nl = entity_opening_other(tk, first, *nf, last);
	/* "Andrii, Nachname Schewtschenko": the other half said before the label */
	if ((*nf == 0) != (*nl == 0) && label < tk->n && !opening) {
		bool want_first = *nf == 0;
		size_t n = entity_before_label(tk, label, want_first ? first : last);
		/* ("Frau Schulz, Nachname Schulz": the same word is no other half) */
		const size_t *got = want_first ? first : last, *had = want_first ? last : first;
		for (size_t k = 0; k < n && *(want_first ? nl : nf) > 0; k++)
			if (strcmp(tk->t[got[k]].w, tk->t[had[0]].w) == 0)
				n = 0;
		*(want_first ? nf : nl) = n;
	}
	/* "Wang, Wang ist der Familienname": a word said twice in a row is said once */
	for (size_t h = 0; h < 2; h++) {
		size_t *span = h == 0 ? first : last, *n = h == 0 ? nf : nl, k = 0;
		for (size_t j = 0; j < *n; j++)
			if (k == 0 || strcmp(tk->t[span[j]].w, tk->t[span[k - 1]].w) != 0)
				span[k++] = span[j];
		*n = k;
	}
	if ((*nf == 0) != (*nl == 0))
		return opening || (*nl > 0 && after_first);
	if (*nf == 0)
		return false;
	/* the two halves must be different words */
	for (size_t a = 0; a < *nf; a++)
		for (size_t b = 0; b < *nl; b++)
			if (first[a] == last[b])
				return false;
	return true;
}

/* Drops from position k of a span. */
static void entity_drop(struct entity_found *f, size_t k)
{
	memmove(f->idx + k, f->idx + k + 1, (f->n - k - 1) * sizeof(f->idx[0]));
	f->n--;
}

/* Repairs a span as spoken: begun again, words said twice, a first name corrected. */
static void entity_tidy(const struct nlu_toks *tk, struct entity_found *f)
{
	/* "ich bin der Jürgen von, ich meine, der Jürgen Vogt": a name begun again */
	for (size_t j = f->idx[f->n - 1] + 1; j < tk->n; j++) {
		if (strcmp(tk->t[j].w, tk->t[f->idx[0]].w) != 0)
			continue;
		size_t again[4];
		bool c2;
		size_t m = entity_collect(tk, j, ENTITY_FREE, again, &c2);
		if (m > f->n) {
			memcpy(f->idx, again, m * sizeof(again[0]));
			f->n = m;
			f->comma = c2;
		}
		break;
	}
	/* "Papa dopoulos, mein Name": a surname's ending heard apart is no word of the span;
	 * entity_join() puts it back on the word before */
	for (size_t k = 1; k < f->n; k++)
		if (f->idx[k] == f->idx[k - 1] + 1 && entity_suffix(tk, f->idx[k]))
			entity_drop(f, k--);
	/* "Krämer, Krämer mit ä", "m a i e r Maier": a word said twice is one */
	for (size_t k = 1; k < f->n; k++)
		if (strcmp(tk->t[f->idx[k]].w, tk->t[f->idx[k - 1]].w) == 0)
			entity_drop(f, k--);
	/* "Krüger Kröger": a surname said again a slip apart corrects it */
	for (size_t k = 1; k < f->n; k++) {
		const struct nlu_tok *a = &tk->t[f->idx[k - 1]], *b = &tk->t[f->idx[k]];
		if (a->len >= 4 && !entity_is_first(tk, f->idx[k - 1]) && !entity_is_first(tk, f->idx[k]) &&
		    !(b->flags & NLU_TOK_LETTER) && nlu_edit1(a->w, a->len, b->w, b->len))
			entity_drop(f, --k);
	}
	/* "Obermaier, Ober wie oben und Maier": parts of a word explaining it;
	 * "Ostermeier o s t e r meier": a part spelt out after any word */
	for (size_t k = 1; k < f->n; k++)
		for (size_t j = 0; j < k; j++) {
			const struct nlu_tok *w = &tk->t[f->idx[j]], *p = &tk->t[f->idx[k]];
			if ((j == 0 || (p->flags & NLU_TOK_LETTER)) && entity_part_of(w, p)) {
				entity_drop(f, k--);
				break;
			}
		}
	/* "Bär bel Krause": a first name heard in halves is one word */
	for (size_t k = 0; k + 1 < f->n; k++)
		if (f->idx[k + 1] == f->idx[k] + 1 && entity_glued(tk, f->idx[k]))
			entity_drop(f, k + 1);
	if (f->n != 3)
		return;
	const struct nlu_tok *t0 = &tk->t[f->idx[0]], *t1 = &tk->t[f->idx[1]];
	/* "Chris, äh, Christian Hofmann", "Bernd, äh, Bernhard Hofmann": a first
	 * name corrected to a longer one or to another one of the same stem */
	size_t stem = 0;
	while (stem < t0->len && stem < t1->len && t0->w[stem] == t1->w[stem])
		stem++;
	bool longer = entity_is_first(tk, f->idx[0]) && t0->len >= 3 && t1->len > t0->len &&
		      (stem == t0->len || (stem >= 4 && entity_is_first(tk, f->idx[1])));
	/* "da Huber Sepp", "der Huber Sepp": the southern way, article, surname, first name */
	bool southern = (nlu_is(tk, f->idx[0], "da") || nlu_is(tk, f->idx[0], "de")) &&
			entity_is_first(tk, f->idx[2]) && !entity_is_first(tk, f->idx[1]);
	/* "Frau Becker, Renate Becker" */
	bool again = strcmp(t0->w, tk->t[f->idx[2]].w) == 0;
	if (longer || southern || again)
		entity_drop(f, 0);
}

/* Where the spelling hints said right before token b begin ("Müller, wie die Mühle,
 * nur mit ü, ..."): past two of them at most; b when there is none. */
static size_t entity_past_hints(const struct nlu_toks *tk, size_t b)
{
	for (int twice = 0; twice < 2; twice++)
		for (size_t h = b > 8 ? b - 8 : 0; h + 1 < b; h++)
			if (entity_hint(tk, h) == b - h) {
				b = h;
				break;
			}
	return b;
}

/* "Richter, Vorname Ines", "Schmidt mit dt, Vorname Nico", "Schmidt Bindestrich
 * Leitner und der Vorname ...": the name word before a label at mpos, past the
 * words joining them and a spelling hint, when it opens the turn or a clause;
 * its tokens into other, how many. */
static size_t entity_half_before(const struct nlu_toks *tk, size_t mpos, size_t *other)
{
	static const char *const joins[] = { "und", "der", NULL };
	size_t b = mpos, hop = 0;
	while (b > 1 && hop < 2 && nlu_oneof(tk, b - 1, joins) >= 0) {
		b--;
		hop++;
	}
	b = entity_past_hints(tk, b);
	/* "Schmidt, aber mit dt, und der Vorname ist Jörg" */
	if (b > 1 && nlu_is(tk, b - 1, "aber") && b < mpos)
		b--;
	/* "Meier Hoffmann mit Bindestrich, Vorname Sabine": the two words before the dash said */
	bool dashed = b >= 4 && entity_dashed(tk, b - 2) && entity_namelike(tk, b - 4, ENTITY_FREE) &&
		      strchr(tk->t[b - 3].w, '-') == NULL;
	/* ("Müller-Okafor mit Bindestrich": heard as one word already) */
	if (!dashed && b >= 3 && entity_dashed(tk, b - 2) && strchr(tk->t[b - 3].w, '-') != NULL)
		b -= 2;
	if (dashed)
		b -= 2;
	if (b == 0 || !entity_namelike(tk, b - 1, ENTITY_FREE))
		return 0;
	size_t s = b - 1 - dashed, n = 0;
	if (entity_suffix(tk, s) && s > 0 && entity_namelike(tk, s - 1, ENTITY_FREE))
		s--;
	if (s > 1 && entity_dash_word(tk, s - 1))
		s -= 2;
	const char *sal;
	if (!(s == 0 || nlu_is(tk, s - 1, "und") || (tk->t[s - 1].flags & NLU_TOK_COMMA) || nlu_is(tk, s - 1, "also") ||
	      nlu_is(tk, s - 1, "ja") || entity_salutation(tk, s - 1, &sal)))
		return 0;
	other[n++] = s;
	if (s + 2 < b && (nlu_is(tk, s + 1, "bindestrich") || nlu_is(tk, s + 1, "strich")))
		other[n++] = s + 2;
	else if (dashed)
		other[n++] = s + 1;
	return n;
}

/* "Nachname Fuchs, Vorname Sandra", "Richter, Vorname Ines": the other half
 * of a name announced as one half, after or before it, into other; how many. */
static size_t entity_other_half(const struct nlu_toks *tk, const struct entity_found *f, size_t *other)
{
	size_t no = 0, mpos = f->mpos;
	char want = f->only == 'l' ? 'f' : 'l';
	for (size_t i = f->idx[f->n - 1] + 1; i < tk->n && no == 0; i++) {
		if (entity_role_at(tk, i) != want)
			continue;
		size_t k = i + 1;
		while (entity_copula(tk, k))
			k++;
		bool c2;
		no = entity_collect(tk, k, ENTITY_FREE, other, &c2);
		if (no > 2)
			no = 2;
	}
	if (no == 0 && mpos > 0)
		no = entity_half_before(tk, mpos, other);
	/* "Sabine, ich meine, mein Nachname ist Ziegler": a first name
	 * opening the turn, joined to the surname by a few words */
	static const char *const joins[] = { "ich", "meine", "also", "und", "aeh", "aehm", "ja", "genau", "der", NULL };
	size_t b = mpos, hop = 0;
	/* ("Philipp, mit ph vorne und zwei p hinten, und der Nachname ist Seitz": past
	 * the hints on how the first name is written) */
	for (bool more = true; more && b > 1;) {
		more = false;
		while (b > 0 && hop < 3 && nlu_oneof(tk, b - 1, joins) >= 0) {
			b--;
			hop++;
			more = true;
		}
		size_t h = hop > 0 ? entity_past_hints(tk, b) : b;
		if (h > 0 && h < b) {
			b = h;
			hop = 1;
			more = true;
		}
	}
	if (no == 0 && f->only == 'l' && hop > 0 && b == 1 && entity_is_first(tk, 0))
		other[no++] = 0;
	return no;
}

/* "mein Name ist Schmidt mit dt, Vorname Klaus": one half found, the other labelled a few
 * words after it, past a spelling hint, into first or last. */
static void entity_labelled_after(const struct nlu_toks *tk, const struct entity_found *f, size_t *first, size_t *nf,
				  size_t *last, size_t *nl)
{
	if ((*nf == 0) == (*nl == 0))
		return;
	char want = *nf == 0 ? 'f' : 'l';
	size_t end = f->idx[f->n - 1] + 1;
	for (size_t i = end; i < tk->n && i < end + 6; i++) {
		if (entity_role_at(tk, i) != want)
			continue;
		size_t k = i + 1, got[4];
		/* "mit Vornamen heiße ich Ulrike" */
		while (entity_copula(tk, k) || nlu_prefix(tk, k, "heiss") || (k > i + 1 && nlu_is(tk, k, "ich")))
			k++;
		bool comma;
		size_t n = entity_collect(tk, k, ENTITY_FREE, got, &comma);
		if (n > 2)
			n = 2;
		memcpy(want == 'f' ? first : last, got, n * sizeof(got[0]));
		*(want == 'f' ? nf : nl) = n;
		return;
	}
}

/* Where in a span of n tokens a dash was said between two words ("Wagner Bindestrich
 * Holm"): the index of the second word, or 0. */
static size_t entity_dash_at(const struct nlu_toks *tk, const size_t *idx, size_t n)
{
	for (size_t k = 1; k < n; k++)
		if (entity_dash_between(tk, idx[k - 1], idx[k]))
			return k;
	return 0;
}

/* Which words of a span are the first name and which the surname. */
static void entity_split(const struct nlu_toks *tk, const struct entity_found *f, size_t *first, size_t *nf,
			 size_t *last, size_t *nl, bool *two)
{
	const size_t *idx = f->idx;
	size_t n = f->n, other[4], no = 0;
	*nf = *nl = 0;
	if (f->only == 'l' || f->only == 'f')
		no = entity_other_half(tk, f, other);
	if (f->only == 'f') {
		for (size_t k = 0; k < n; k++)
			first[(*nf)++] = idx[k];
		for (size_t k = 0; k < no; k++)
			last[(*nl)++] = other[k];
	} else if (f->only == 'l') {
		for (size_t k = 0; k < n; k++)
			last[(*nl)++] = idx[k];
		for (size_t k = 0; k < no; k++)
			first[(*nf)++] = other[k];
	} else if (n >= 2 && entity_dash_at(tk, idx, n) > 0) {
		/* "Wagner Bindestrich Holm", "Anna Bindestrich Lena Vogel": the two words a dash was
		 * said between are one name, two given names when both are, else the surname */
		size_t d = entity_dash_at(tk, idx, n);
		bool given = d + 1 < n && entity_is_first(tk, idx[d - 1]) && entity_is_first(tk, idx[d]);
		size_t cut = given ? d + 1 : d - 1;
		for (size_t k = 0; k < n; k++)
			if (k < cut)
				first[(*nf)++] = idx[k];
			else
				last[(*nl)++] = idx[k];
		*two = given;
	} else if (n >= 3 && entity_is_first(tk, idx[0]) && entity_is_first(tk, idx[1]) && !entity_is_first(tk, idx[2]) &&
		   !nlu_in(tk->t[idx[2]].w, entity_particles)) {
		/* "Karl Heinz Rothe", "Marie Luise Schäfer": two given names before a surname are
		 * one double given name */
		first[(*nf)++] = idx[0];
		first[(*nf)++] = idx[1];
		for (size_t k = 2; k < n; k++)
			last[(*nl)++] = idx[k];
		*two = true;
	} else if (nlu_in(tk->t[idx[0]].w, entity_particles) && n >= 3 &&
		   (entity_is_first(tk, idx[n - 1]) || n == 4 || entity_first_shape(tk, idx[n - 1], false)) &&
		   !nlu_in(tk->t[idx[n - 2]].w, entity_particles) && !nlu_is(tk, idx[n - 2], "der") &&
		   !nlu_is(tk, idx[n - 2], "den")) {
		/* "von der Heyde Gisela": a surname with its particle, then the first name */
		for (size_t k = 0; k + 1 < n; k++)
			last[(*nl)++] = idx[k];
		first[(*nf)++] = idx[n - 1];
	} else if (n >= 3 && entity_dashed(tk, idx[n - 1] + 1) && entity_is_first(tk, idx[0])) {
		/* "Sven Becker Demir mit Bindestrich": the first name, then the double surname;
		 * "Marie Luise Schäfer Okafor, beides mit Bindestrich": two given names first */
		size_t given = n == 4 && entity_is_first(tk, idx[1]) ? 2 : 1;
		for (size_t k = 0; k < n; k++)
			if (k < given)
				first[(*nf)++] = idx[k];
			else
				last[(*nl)++] = idx[k];
		*two = given == 2;
	} else if (nlu_in(tk->t[idx[0]].w, entity_particles) || entity_dashed(tk, idx[n - 1] + 1) ||
		   (n == 1 && (f->sal != NULL ||
			       (nlu_in(tk->t[idx[0]].w, entity_first_or_last) && !f->kin && f->only == 0) ||
			       (!entity_is_first(tk, idx[0]) && !f->kin &&
						      !entity_first_shape(tk, idx[0], true))))) {
		/* "van der Meer", "Frau van Dijk": a surname with its particle */
		for (size_t k = 0; k < n; k++)
			last[(*nl)++] = idx[k];
	} else if (n == 1) {
		first[(*nf)++] = idx[0];
	} else if (f->ordered) {
		size_t given = f->two_first && n == 3 ? 2 : 1;
		for (size_t k = 0; k < n; k++)
			if (k < given)
				first[(*nf)++] = idx[k];
			else
				last[(*nl)++] = idx[k];
	} else if (f->comma || (n == 2 && entity_is_first(tk, idx[1]) && !entity_is_first(tk, idx[0])) ||
		   (n == 2 && entity_is_first(tk, idx[1]) && nlu_in(tk->t[idx[0]].w, entity_surname_too) &&
		    !nlu_in(tk->t[idx[1]].w, entity_surname_too)) ||
		   (n == 2 && !entity_is_first(tk, idx[1]) && !entity_is_first(tk, idx[0]) &&
		    ((entity_surname_shape(tk, idx[0]) && !entity_surname_shape(tk, idx[1])) ||
		     (entity_first_shape(tk, idx[1], false) && !entity_first_shape(tk, idx[0], false)))) ||
		   (n == 2 && entity_suffix(tk, idx[0] + 1))) {
		last[(*nl)++] = idx[0];      /* "Müller, Max", "Kos lowski Karla": a surname heard apart comes first */
		for (size_t k = 1; k < n; k++)
			first[(*nf)++] = idx[k];
	} else if (n >= 3 && nlu_in(tk->t[idx[2]].w, entity_particles) && entity_is_first(tk, idx[0]) &&
		   entity_is_first(tk, idx[1]) && !nlu_in(tk->t[idx[n - 1]].w, entity_particles) &&
		   !nlu_is(tk, idx[n - 1], "der") && !nlu_is(tk, idx[n - 1], "den") && !nlu_is(tk, idx[n - 1], "dem")) {
		/* "Klaus Dieter zur Linden": two given names, then the surname with its particle */
		first[(*nf)++] = idx[0];
		first[(*nf)++] = idx[1];
		for (size_t k = 2; k < n; k++)
			last[(*nl)++] = idx[k];
		*two = true;
	} else {
		first[(*nf)++] = idx[0];
		for (size_t k = 1; k < n; k++)
			last[(*nl)++] = idx[k];
	}
	if (f->only == 0 && *nf > 0 && *nl == 0)
		*nl = entity_last_after(tk, idx[n - 1] + 1, last);
}

/* Asked for the name, "Meier, ach so, wie man's schreibt: m a y e r": a
 * surname spelt letter by letter after the span (n tokens, maybe none) wins
 * over the name said before it, unless it spells a part of it again; the
 * token after it, or 0. */
static size_t entity_spelt_after(const struct nlu_toks *tk, enum nlu_expect expect, const size_t *span, size_t n)
{
	if (expect != NLU_EXPECT_NAME)
		return 0;
	size_t got = 0;
	for (size_t i = n > 0 ? span[n - 1] + 1 : 0; i < tk->n; i++)
		if ((tk->t[i].flags & NLU_TOK_LETTER) && tk->t[i].len >= 3 && entity_namelike(tk, i, ENTITY_FREE))
			got = i + 1;
	for (size_t k = 0; got > 0 && k < n; k++) {
		const struct nlu_tok *w = &tk->t[span[k]], *p = &tk->t[got - 1];
		if (strcmp(w->w, p->w) == 0 || entity_part_of(w, p))
			return 0;
	}
	return got;
}

/* "Meier mit a i, also Maier", "Lehmann, ach, Lehman mit einem n": a word
 * one slip away from a name word, closing the turn after only hints and
 * words of correction, is the name as the caller meant it; it takes that
 * word's place in the span. */
static void entity_said_better(const struct nlu_toks *tk, struct entity_found *f)
{
	static const char *const links[] = {
		"also", "ach", "so", "achso", "aso", "nein", "nee", "ne", "noe", "sorry", "entschuldigung", "korrektur",
		"quatsch", "ich", "mein", "meine", "meinte", "oder", "eigentlich", "besser", "gesagt", "genauer", "richtig",
		"ist", "es", "das", "heisst", "und", "zwar", "moment", "warte", "geschrieben", "schreibt", "man",
		"buchstabiert", "gesprochen", "wird", "doch", NULL,
	};
	if (f->n == 0)
		return;
	/* "Anna Kam in ski, Kaminski": the surname heard in pieces, then said whole */
	size_t e = f->idx[f->n - 1];
	char cat[NLU_MAX_WORD + 1];
	size_t cl = tk->t[e].len;
	memcpy(cat, tk->t[e].w, cl);
	for (size_t p = e + 1; p + 1 < tk->n && p <= e + 3 && cl + tk->t[p].len <= NLU_MAX_WORD; p++) {
		memcpy(cat + cl, tk->t[p].w, tk->t[p].len);
		cl += tk->t[p].len;
		if (cl >= 6 && tk->t[p + 1].len == cl && memcmp(tk->t[p + 1].w, cat, cl) == 0) {
			f->idx[f->n - 1] = p + 1;
			return;
		}
	}
	size_t k = e + 1, j = 0;
	while (k < tk->n && j == 0) {
		size_t h = entity_hint(tk, k);
		if (h > 0)
			k += h;
		else if (nlu_oneof(tk, k, links) >= 0)
			k++;
		else
			j = k;
	}
	if (j == 0 || !entity_namelike(tk, j, ENTITY_FREE))
		return;
	/* only hints and words of correction after it: "Kröger meinte ich" */
	for (k = j + 1; k < tk->n;) {
		size_t h = entity_hint(tk, k);
		if (h == 0 && nlu_oneof(tk, k, links) < 0)
			return;
		k += h > 0 ? h : 1;
	}
	for (size_t s = 0; s < f->n; s++) {
		const struct nlu_tok *w = &tk->t[f->idx[s]], *b = &tk->t[j];
		if (w->len >= 3 && nlu_edit1(w->w, w->len, b->w, b->len) &&
		    !((b->flags & NLU_TOK_LETTER) && entity_part_of(w, b))) {
			f->idx[s] = j;
			return;
		}
	}
	/* "Meier mit e i, nein, mit a y, also Mayer": corrected outright, the word said
	 * last stands for the surname it sounds like (same first letter, about as long) */
	static const char *const fix[] = { "nein", "nee", "also", "korrektur", "quatsch", "meinte", "sorry", NULL };
	bool corrected = false;
	for (k = f->idx[f->n - 1] + 1; k < j; k++)
		corrected = corrected || nlu_oneof(tk, k, fix) >= 0;
	const struct nlu_tok *w = &tk->t[f->idx[f->n - 1]], *b = &tk->t[j];
	if (corrected && !(b->flags & NLU_TOK_LETTER) && w->len >= 4 && w->w[0] == b->w[0] &&
	    w->len <= b->len + 2 && b->len <= w->len + 2 && !entity_is_first(tk, j)) {
		f->idx[f->n - 1] = j;
		return;
	}
	/* "Frau Schahin, geschrieben s a h i n": letters spelt out after the name are how
	 * it is written; they replace the last name word heard with the same first
	 * letter and about the same length */
	for (size_t s = f->n; s-- > 0;)
		if (entity_spelt_as(&tk->t[f->idx[s]], &tk->t[j])) {
			f->idx[s] = j;
			return;
		}
}

int nlu_entity_name(struct arena *a, const struct nlu_toks *tk, enum nlu_expect expect, struct nlu_result *out,
		    bool *marked)
{
	size_t first[4], last[4], nf, nl;
	bool double_first = false, other = false;   /* a double given name; the name of somebody else */
	*marked = false;
	if (entity_by_roles(tk, first, &nf, last, &nl)) {
		*marked = true;
		if (nl > 0 && last[0] > 0)
			entity_salutation(tk, last[0] - 1, &out->salutation);
		if (out->salutation == NULL && nf > 0 && first[0] > 0)   /* "Herrn Alfons Becker" */
			entity_salutation(tk, first[0] - 1, &out->salutation);
	} else {
		struct entity_found f = { 0 };
		entity_find(tk, expect, &f);
		size_t spelt = entity_spelt_after(tk, expect, f.idx, f.n);
		if (f.n == 0 && spelt == 0)
			return TF_OK;
		nf = nl = 0;
		if (f.n > 0) {
			entity_tidy(tk, &f);
			entity_said_better(tk, &f);
			entity_split(tk, &f, first, &nf, last, &nl, &double_first);
			entity_labelled_after(tk, &f, first, &nf, last, &nl);
		}
		if (spelt > 0) {
			last[0] = spelt - 1;
			nl = 1;
		}
		*marked = f.marked || spelt > 0;
		out->salutation = f.sal;
		double_first = (double_first || f.two_first) && nf == 2;
		other = f.kin;
	}
	/* "Klaus Dieter ohne Bindestrich": two given names kept apart */
	for (size_t k = 0; k + 1 < tk->n && double_first; k++)
		if (nlu_is(tk, k, "ohne") && (nlu_is(tk, k + 1, "bindestrich") || nlu_is(tk, k + 1, "strich")))
			double_first = false;
	if (nf > 0 && (out->first_name = entity_join(a, tk, first, nf, double_first ? '-' : ' ')) == NULL)
		return TF_ENOMEM;
	if (nl > 0) {
		bool dashed = entity_dashed(tk, last[nl - 1] + 1) ||
			      (nl == 2 && entity_dash_said(tk, last[0], last[1]));
		char *ln = entity_join(a, tk, last, nl, dashed ? '-' : ' ');
		if (ln == NULL)
			return TF_ENOMEM;
		ln = entity_as_hinted(a, tk, last[nl - 1] + 1, ln);
		out->last_name = ln;
		/* "Hildegard Brückner, Frau Hildegard Brückner mit ü": the salutation said with the
		 * name said again */
		for (size_t p = 0; p + 1 < tk->n && out->salutation == NULL && !other; p++) {
			const char *sal;
			if (!entity_salutation(tk, p, &sal))
				continue;
			size_t q = p + 1;
			while (q < tk->n && nf > 0 && q < p + 4 && strcmp(tk->t[q].w, tk->t[last[0]].w) != 0 &&
			       entity_is_first(tk, q))
				q++;
			if (q < tk->n && q != last[0] && strcmp(tk->t[q].w, tk->t[last[0]].w) == 0)
				out->salutation = sal;
		}
	}
	return TF_OK;
}
