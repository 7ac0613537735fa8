/* nlu_entity.c: what a caller names besides a time and a name: the studio's city, phone digits, an offered slot, their mood. */
#include "nlu_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "utf8.h"

/* A town as recognition or dialect may give it: one letter off ("muenschen",
 * "frankfort"; not two: "menschen" is no "muenchen"), a final "ch" heard for
 * "g" ("Hamburch", "Leipzich"); the same first letter always. Names under six
 * letters match exactly only. */
static bool city_heard(const struct nlu_tok *t, const char *fold, size_t fl)
{
	if (fl < 6 || t->len < 5 || t->w[0] != fold[0])
		return false;
	char w[40];
	size_t wl = t->len;
	if (wl >= sizeof(w))
		return false;
	memcpy(w, t->w, wl);
	w[wl] = '\0';
	if (wl > 3 && fold[fl - 1] == 'g' && w[wl - 2] == 'c' && w[wl - 1] == 'h')
		w[--wl - 1] = 'g';   /* "hamburch" -> "hamburg" */
	return (wl == fl && memcmp(w, fold, fl) == 0) || nlu_edit1(w, wl, fold, fl);
}

/* Names of towns as their people say them. */
static const struct {
	const char *said, *city;
} city_aliases[] = {
	{ "koelle", "koeln" }, { "minga", "muenchen" }, { "frankfurt", "frankfurt am main" },
};

/* Whether the word at i names the town `fold` by one of its other names. */
static size_t city_alias(const struct nlu_toks *tk, size_t i, const char *fold)
{
	for (size_t k = 0; k < sizeof(city_aliases) / sizeof(city_aliases[0]); k++) {
		size_t cl = strlen(city_aliases[k].city);
		if (strncmp(fold, city_aliases[k].city, cl) == 0 && (fold[cl] == '\0' || fold[cl] == ' ')) {
			size_t l = nlu_phrase(tk, i, city_aliases[k].said);
			if (l == 0 && strchr(city_aliases[k].said, ' ') == NULL &&
			    city_heard(&tk->t[i], city_aliases[k].said, strlen(city_aliases[k].said)))
				l = 1;   /* "frankfort" */
			if (l)
				return l;
		}
	}
	return 0;
}

/* "frank furt", "mün chen": the town's name (or its short name) heard as two words. */
static bool city_split(const struct nlu_toks *tk, size_t i, const char *fold)
{
	const struct nlu_tok *a = &tk->t[i], *b = &tk->t[i + 1];
	if (a->len < 2 || b->len < 2 || (a->flags & (NLU_TOK_COMMA | NLU_TOK_STOP | NLU_TOK_NUM)) ||
	    (b->flags & NLU_TOK_NUM))
		return false;
	size_t want = strcspn(fold, " ");   /* "frankfurt" of "frankfurt am main" */
	if (a->len + b->len == want && memcmp(fold, a->w, a->len) == 0 && memcmp(fold + a->len, b->w, b->len) == 0)
		return true;
	/* "frank fort", "hamm burg": one letter off too, the first half a start of the name */
	char j[64];
	size_t jl = (size_t)a->len + b->len;
	if (want < 6 || jl >= sizeof(j) || a->len >= want || a->len < 3 || memcmp(fold, a->w, 3) != 0)
		return false;
	memcpy(j, a->w, a->len);
	memcpy(j + a->len, b->w, b->len);
	return nlu_edit1(j, jl, fold, want);
}

const char *nlu_entity_city(const struct nlu_toks *tk, const struct nlu_context *ctx)
{
	const char *found = NULL;
	size_t at = 0;
	for (size_t c = 0; c < ctx->ncities && ctx->cities != NULL; c++) {
		const char *city = ctx->cities[c];
		if (city == NULL)
			continue;
		char fold[128];
		size_t fl = nlu_fold(city, strnlen(city, 256), fold, sizeof(fold));
		if (fl == 0)
			continue;
		for (size_t i = 0; i < tk->n; i++) {
			size_t l = nlu_phrase(tk, i, fold);
			if (l == 0 && strchr(fold, ' ') == NULL && fl >= 4) {
				/* "Münchner Studio", "Berliner Filiale" */
				const struct nlu_tok *t = &tk->t[i];
				size_t stem = fl - 2;
				if (t->len >= fl && t->len <= fl + 3 && memcmp(t->w, fold, stem) == 0 &&
				    memcmp(t->w + t->len - 2, "er", 2) == 0)
					l = 1;
			}
			if (l == 0)
				l = city_alias(tk, i, fold);
			if (l == 0 && strchr(fold, ' ') == NULL && city_heard(&tk->t[i], fold, fl))
				l = 1;
			if (l == 0 && i + 1 < tk->n && city_split(tk, i, fold))
				l = 2;   /* "frank furt", "ham burg" */
			if (l == 0)
				continue;
			bool neg = (i > 0 && (nlu_negation(tk->t[i - 1].w) || nlu_is(tk, i - 1, "statt"))) ||
				   (i > 1 && (nlu_negation(tk->t[i - 2].w) || nlu_is(tk, i - 2, "statt")));
			if (!neg && (found == NULL || i >= at)) {
				found = city;
				at = i;
			}
		}
	}
	return found;
}

int nlu_entity_digits(struct arena *a, const struct nlu_toks *tk, enum nlu_expect expect, struct nlu_result *out,
		      size_t *count)
{
	char best[TF_MAX_PHONE], cur[TF_MAX_PHONE], prev[TF_MAX_PHONE];
	size_t bl = 0, cl = 0, bd = 0, cd = 0, pl = 0, pd = 0, gap = 0;
	bool fix = false;
	int repeat = 1;
	static const char *const again[] = {
		"nein", "nee", "ne", "noe", "falsch", "korrektur", "nochmal", "sorry", "oder", NULL,
	};
	*count = 0;
	for (size_t i = 0; i <= tk->n; i++) {
		const struct nlu_tok *t = i < tk->n ? &tk->t[i] : NULL;
		bool digit = t != NULL && nlu_isnum(tk, i) && !(t->flags & NLU_TOK_ORD) && t->num >= 0;
		bool longdig = t != NULL && (t->flags & NLU_TOK_DIGITS) && !(t->flags & (NLU_TOK_CLOCK | NLU_TOK_DATE));
		if (t != NULL && (digit || longdig)) {
			/* "null zwei null eins, moment, ich hab's aufgeschrieben, drei vier fünf ...": the
			 * area code, a pause of a few words, the rest of the number */
			if (cl == 0 && pl > 0 && expect == NLU_EXPECT_PHONE && prev[0] == '0' && pd >= 3 && pd <= 6 &&
			    gap <= 8 && !fix) {
				memcpy(cur, prev, pl);
				cl = pl;
				cd = pd;
			}
			pl = 0;
			char tmp[40];
			if (t->flags & NLU_TOK_DIGITS)
				snprintf(tmp, sizeof(tmp), "%s%s", (t->flags & NLU_TOK_PLUS) && cl == 0 ? "+" : "", t->w);
			else
				snprintf(tmp, sizeof(tmp), "%d", t->num);
			for (int r = 0; r < repeat; r++) {
				size_t tl = strlen(tmp);
				if (cl + tl < sizeof(cur)) {
					memcpy(cur + cl, tmp, tl);
					cl += tl;
					cd += tl - (tmp[0] == '+');
				}
			}
			repeat = 1;
			continue;
		}
		if (t != NULL && (nlu_is(tk, i, "doppel") || nlu_is(tk, i, "doppelt")) && nlu_isnum(tk, i + 1)) {
			repeat = 2;
			continue;
		}
		/* "zweimal die Acht", "dreimal Eins": a digit said so often */
		static const char *const times_[] = { "zweimal", "dreimal", "viermal", NULL };
		int rep = nlu_oneof(tk, i, times_);
		size_t d = i + 1 + (nlu_is(tk, i + 1, "die") || nlu_is(tk, i + 1, "ne"));
		if (t != NULL && cl > 0 && rep >= 0 && nlu_isnum(tk, d) && tk->t[d].num >= 0 && tk->t[d].num <= 9) {
			repeat = rep + 2;
			if (d > i + 1)
				i++;   /* (past "die") */
			continue;
		}
		if (t != NULL && nlu_is(tk, i, "plus") && cl == 0 && nlu_isnum(tk, i + 1)) {
			cur[cl++] = '+';
			continue;
		}
		if (t != NULL && cl > 0 && (nlu_is(tk, i, "komma") || nlu_is(tk, i, "strich") ||
					    nlu_is(tk, i, "bindestrich") || nlu_is(tk, i, "schraegstrich")))
			continue;
		if (cd > bd) {
			memcpy(best, cur, cl);
			bl = cl;
			bd = cd;
		}
		if (cl > 0) {
			memcpy(prev, cur, cl);
			pl = cl;
			pd = cd;
			gap = 0;
			fix = false;
		}
		gap++;
		fix = fix || (t != NULL && nlu_oneof(tk, i, again) >= 0);
		cl = cd = 0;
		repeat = 1;
	}
	/* "null eins sieben acht äh null eins sieben neun ...": a caller who
	 * starts the number again repeats its area code; a run too long for a
	 * German number that does so keeps the number said last */
	if (bd > 12 && best[0] == '0') {
		for (size_t p = bl - 10; p >= 3; p--) {
			if (bl - p > 12)
				break;
			if (memcmp(best + p, best, 3) == 0) {
				memmove(best, best + p, bl - p);
				bl -= p;
				bd = bl;
				break;
			}
		}
	}
	if (bd >= 6 || (expect == NLU_EXPECT_PHONE && bd >= 3)) {
		out->digits = arena_strndup(a, best, bl);
		if (out->digits == NULL)
			return TF_ENOMEM;
		*count = bd;
	}
	return TF_OK;
}

/* One mention of an offered slot at token i, or NLU_CHOICE_NONE; *span is how
 * many tokens the mention took. */
static int choice_at(const struct nlu_toks *tk, size_t i, bool asked, size_t *span)
{
	static const char *const articles[] = {
		"den", "die", "das", "der", "dem", "des", "lieber", "nehme", "nehm", "doch", NULL,   /* ("des erschte") */
	};
	static const char *const nouns[] = { "termin", "vorschlag", "option", "davon", "slot", "zeit", NULL };
	const struct nlu_tok *t = &tk->t[i];
	bool art = i > 0 && nlu_oneof(tk, i - 1, articles) >= 0;
	bool noun = nlu_oneof(tk, i + 1, nouns) >= 0;
	*span = 1;
	if ((t->flags & NLU_TOK_ORD) && nlu_isnum(tk, i) && t->num >= 1 && t->num <= 9 &&
	    !(i + 1 < tk->n && (nlu_month(tk->t[i + 1].w) > 0 || (tk->t[i + 1].flags & NLU_TOK_NUM) ||
				nlu_is(tk, i + 1, "des"))) &&
	    ((asked && (art || noun || tk->n <= 2)) || (art && noun)))
		return t->num - 1;
	if ((nlu_is(tk, i, "nummer") || nlu_is(tk, i, "option") || nlu_is(tk, i, "variante") ||
	     nlu_is(tk, i, "vorschlag")) &&
	    nlu_isnum(tk, i + 1) && tk->t[i + 1].num >= 1 && tk->t[i + 1].num <= 9 && (asked || i > 0)) {
		/* "nummer eins äh zwei": a bare number right after it corrects it */
		size_t j = i + 1;
		while (asked && nlu_isnum(tk, j + 1) && !(tk->t[j + 1].flags & NLU_TOK_ORD) &&
		       tk->t[j + 1].num >= 1 && tk->t[j + 1].num <= 9)
			j++;
		*span = j - i + 1;
		return tk->t[j].num - 1;
	}
	if (!asked && !noun)
		return NLU_CHOICE_NONE;
	/* "die Rechnung vom letzten Mal" is no slot */
	static const char *const stretch[] = { "mal", "woche", "monat", "jahr", "jahres", "monats", NULL };
	if ((nlu_prefix(tk, i, "letzte") && nlu_oneof(tk, i + 1, stretch) < 0) ||
	    (art && nlu_prefix(tk, i, "spaetere")))
		return NLU_CHOICE_LAST;
	if (nlu_is(tk, i, "ersteren") || nlu_is(tk, i, "erstere") ||
	    (art && (nlu_prefix(tk, i, "fruehere") || nlu_is(tk, i, "fruehen") || nlu_is(tk, i, "fruehe"))))
		return 0;
	if (art && (nlu_is(tk, i, "spaeten") || nlu_is(tk, i, "spaete")))
		return NLU_CHOICE_LAST;
	if (nlu_prefix(tk, i, "mittlere"))
		return 1;
	if (asked && (nlu_is(tk, i, "egal") || nlu_is(tk, i, "beliebig") || nlu_prefix(tk, i, "irgendein") ||
		      nlu_is(tk, i, "wurst") || nlu_is(tk, i, "wurscht") || nlu_is(tk, i, "einerlei")))
		return NLU_CHOICE_ANY;
	return NLU_CHOICE_NONE;
}

/* The slot the caller settles on. A caller who corrects themselves ("den
 * ersten, nein, lieber den zweiten", "den zweiten oder nee doch den ersten")
 * means the last slot named; a slot ruled out ("nicht den ersten") does not
 * count, and a named slot outranks "egal" ("egal, nehmen Sie den ersten").
 * "beides recht", "beide gut", "ist mir gleich" take any. */
int nlu_entity_choice(const struct nlu_toks *tk, enum nlu_expect expect)
{
	bool asked = expect == NLU_EXPECT_CHOICE;
	int named = NLU_CHOICE_NONE, any = NLU_CHOICE_NONE;
	static const char *const both[] = { "beides", "beide", NULL };
	static const char *const fine[] = {
		"recht", "gut", "okay", "ok", "passt", "passen", "gleich", "egal", "gehen", "wurscht", NULL,
	};
	for (size_t i = 0; i + 1 < tk->n; i++)
		if ((nlu_oneof(tk, i, both) >= 0 && nlu_oneof(tk, i + 1, fine) >= 0 && !nlu_is(tk, i + 2, "nicht")) ||
		    (nlu_is(tk, i, "mir") && nlu_is(tk, i + 1, "gleich") && (i == 0 || !nlu_is(tk, i - 1, "sagen"))) ||
		    (nlu_is(tk, i, "ganz") && nlu_is(tk, i + 1, "gleich")))
			any = NLU_CHOICE_ANY;
	for (size_t i = 0; i < tk->n; i++) {
		size_t span;
		int c = choice_at(tk, i, asked, &span);
		if (c == NLU_CHOICE_NONE)
			continue;
		bool ruled_out = false;
		for (size_t b = 1; b <= 2 && b <= i && !ruled_out; b++)
			ruled_out = nlu_is(tk, i - b, "nicht") || nlu_is(tk, i - b, "keinen") ||
				    nlu_is(tk, i - b, "statt") || nlu_is(tk, i - b, "anstatt");
		if (c == NLU_CHOICE_ANY)
			any = c;
		else if (!ruled_out)
			named = c;
		i += span - 1;
	}
	return named != NLU_CHOICE_NONE ? named : any;
}

static const struct {
	const char *w;
	float v;
	bool prefix;
} entity_mood[] = {
	{ "gut", 0.5f, false }, { "super", 0.7f, false }, { "toll", 0.7f, false }, { "prima", 0.6f, false },
	{ "klasse", 0.6f, false }, { "wunderbar", 0.8f, false }, { "perfekt", 0.7f, false }, { "schoen", 0.5f, false },
	{ "freundlich", 0.5f, false }, { "nett", 0.5f, false }, { "danke", 0.3f, false }, { "dankeschoen", 0.4f, false },
	{ "gerne", 0.3f, false }, { "gern", 0.3f, false }, { "freue", 0.6f, false }, { "freut", 0.6f, false },
	{ "zufrieden", 0.6f, false }, { "hilfreich", 0.5f, false }, { "top", 0.6f, false }, { "spitze", 0.7f, false },
	{ "genial", 0.7f, false }, { "lieb", 0.4f, false }, { "angenehm", 0.5f, false }, { "begeistert", 0.8f, false },
	{ "fantastisch", 0.8f, false }, { "hervorragend", 0.8f, false }, { "ausgezeichnet", 0.8f, false },
	{ "okay", 0.1f, false }, { "ok", 0.1f, false }, { "passt", 0.2f, false }, { "wunderschoen", 0.8f, false },
	{ "schlecht", -0.6f, false }, { "schrecklich", -0.9f, false }, { "furchtbar", -0.9f, false },
	{ "fuerchterlich", -0.9f, false }, { "aergerlich", -0.6f, false }, { "aerger", -0.5f, true },
	{ "sauer", -0.6f, false }, { "wuetend", -0.8f, false }, { "enttaeusch", -0.7f, true },
	{ "unzufrieden", -0.7f, false }, { "frechheit", -0.9f, false }, { "unverschaemt", -0.9f, false },
	{ "katastroph", -0.9f, true }, { "mist", -0.6f, false }, { "bloed", -0.6f, true }, { "doof", -0.5f, false },
	{ "nervig", -0.6f, false }, { "nervt", -0.6f, false }, { "genervt", -0.6f, false }, { "dumm", -0.6f, false },
	{ "scheiss", -1.0f, true }, { "beschissen", -0.9f, false }, { "mies", -0.7f, false },
	{ "unfreundlich", -0.7f, false }, { "problem", -0.3f, false }, { "probleme", -0.3f, false },
	{ "beschwer", -0.6f, true }, { "leider", -0.2f, false }, { "schade", -0.3f, false },
	{ "unmoeglich", -0.7f, false }, { "zumutung", -0.8f, false }, { "traurig", -0.5f, false },
	{ "ewig", -0.3f, false }, { "kompliziert", -0.3f, false }, { "teuer", -0.3f, false }, { "kaputt", -0.4f, false },
	{ "chaos", -0.6f, false }, { "abzocke", -0.9f, false }, { "betrug", -0.9f, false }, { "hasse", -0.8f, false },
	{ "warte", -0.3f, false }, { "warten", -0.3f, false }, { "unverschaemtheit", -0.9f, false }, { "laecherlich", -0.7f, false }, { "unprofessionell", -0.7f, false },
};

double nlu_entity_sentiment(const struct nlu_toks *tk)
{
	static const char *const strong[] = {
		"sehr", "total", "echt", "wirklich", "extrem", "absolut", "richtig", "voll", "ziemlich", "besonders",
		"aeusserst", "unglaublich", "so", "mega", "super", "echt", NULL,
	};
	static const char *const weak[] = { "etwas", "bisschen", "wenig", "kaum", "eher", NULL };
	double sum = 0;
	for (size_t i = 0; i < tk->n; i++) {
		const struct nlu_tok *t = &tk->t[i];
		double v = 0;
		for (size_t k = 0; k < sizeof(entity_mood) / sizeof(entity_mood[0]); k++) {
			if (entity_mood[k].w[0] != t->w[0])
				continue;
			size_t l = strlen(entity_mood[k].w);
			if (entity_mood[k].prefix ? (t->len >= l && memcmp(t->w, entity_mood[k].w, l) == 0)
						  : strcmp(t->w, entity_mood[k].w) == 0) {
				v = entity_mood[k].v;
				break;
			}
		}
		if (v == 0)
			continue;
		/* "super" is praise alone and an intensifier before another word */
		if (strcmp(t->w, "super") == 0 && i + 1 < tk->n && !(tk->t[i + 1].flags & NLU_TOK_NUM)) {
			bool next_mood = false;
			for (size_t k = 0; k < sizeof(entity_mood) / sizeof(entity_mood[0]) && !next_mood; k++)
				next_mood = strcmp(tk->t[i + 1].w, entity_mood[k].w) == 0;
			if (next_mood)
				continue;
		}
		for (size_t b = 1; b <= 3 && b <= i; b++) {
			const char *w = tk->t[i - b].w;
			if (nlu_negation(w)) {
				v *= -0.6;
				break;
			}
			if (b == 1 && nlu_in(w, strong))
				v *= 1.5;
			else if (b <= 2 && nlu_in(w, weak))
				v *= 0.5;
		}
		sum += v;
	}
	double s = sum / sqrt(sum * sum + 1.0);
	return s > 1 ? 1 : s < -1 ? -1 : s;
}
