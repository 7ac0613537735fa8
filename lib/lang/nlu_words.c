/* nlu_words.c: tests on the words of a turn (is it this word, one of these, a greeting, a
 * negation) and the turn's tokens written out as one line. */
#include "nlu_int.h"

#include <stdio.h>
#include <string.h>

size_t nlu_toks_text(const struct nlu_toks *tk, char *out, size_t size)
{
	size_t len = 0;
	if (size == 0)
		return 0;
	out[0] = '\0';
	for (size_t i = 0; i < tk->n; i++) {
		const struct nlu_tok *t = &tk->t[i];
		char tmp[NLU_MAX_WORD + 16];
		const char *w = t->w;
		if (t->flags & NLU_TOK_CLOCK) {
			snprintf(tmp, sizeof(tmp), "%d:%02d", t->num, t->num2);
			w = tmp;
		} else if (t->flags & NLU_TOK_DATE) {
			if (t->num3)
				snprintf(tmp, sizeof(tmp), "%d.%d.%d", t->num, t->num2, t->num3);
			else
				snprintf(tmp, sizeof(tmp), "%d.%d.", t->num, t->num2);
			w = tmp;
		} else if (t->flags & NLU_TOK_NUM) {
			if (t->flags & NLU_TOK_DIGITS)
				snprintf(tmp, sizeof(tmp), "%s%s%s", t->flags & NLU_TOK_PLUS ? "+" : "", t->w,
					 t->flags & NLU_TOK_ORD ? "." : "");
			else
				snprintf(tmp, sizeof(tmp), "%d%s", t->num, t->flags & NLU_TOK_ORD ? "." : "");
			w = tmp;
		}
		int k = snprintf(out + len, size - len, "%s%s", i ? " " : "", w);
		if (k < 0 || (size_t)k >= size - len) {
			out[len] = '\0';
			break;
		}
		len += (size_t)k;
	}
	return len;
}

bool nlu_is(const struct nlu_toks *tk, size_t i, const char *w)
{
	return i < tk->n && strcmp(tk->t[i].w, w) == 0;
}

bool nlu_prefix(const struct nlu_toks *tk, size_t i, const char *p)
{
	return i < tk->n && strncmp(tk->t[i].w, p, strlen(p)) == 0;
}

int nlu_oneof(const struct nlu_toks *tk, size_t i, const char *const *list)
{
	if (i >= tk->n)
		return -1;
	for (int k = 0; list[k] != NULL; k++)
		if (strcmp(tk->t[i].w, list[k]) == 0)
			return k;
	return -1;
}

bool nlu_in(const char *w, const char *const *list)
{
	for (size_t k = 0; list[k] != NULL; k++)
		if (strcmp(w, list[k]) == 0)
			return true;
	return false;
}

size_t nlu_phrase(const struct nlu_toks *tk, size_t i, const char *p)
{
	size_t j = i;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t wl = sp ? (size_t)(sp - p) : strlen(p);
		if (j >= tk->n || tk->t[j].len != wl || memcmp(tk->t[j].w, p, wl) != 0)
			return 0;
		j++;
		p += wl + (sp ? 1 : 0);
	}
	return j - i;
}

bool nlu_isnum(const struct nlu_toks *tk, size_t i)
{
	return i < tk->n && (tk->t[i].flags & NLU_TOK_NUM) &&
	       !(tk->t[i].flags & (NLU_TOK_CLOCK | NLU_TOK_DATE));
}

bool nlu_negation_ends(const struct nlu_toks *tk, size_t i)
{
	static const char *const verb[] = { "ginge", "geht", "gehts", "passt", "klappt", "waere", "waer", NULL };
	static const char *const sub[] = { "wenn", "dass", "ob", "weil", "falls", "da", NULL };
	if (i + 1 >= tk->n || !nlu_negation(tk->t[i].w) || nlu_oneof(tk, i + 1, verb) < 0)
		return false;
	for (size_t k = i > 4 ? i - 4 : 0; k < i; k++)
		if (nlu_oneof(tk, k, sub) >= 0)
			return false;
	return true;
}

bool nlu_greeting_word(const char *w)
{
	static const char *const words[] = {
		"hallo", "halloechen", "hallihallo", "servus", "servas", "moin", "moinsen", "moinmoin", "hi", "hey",
		"huhu", "gruezi", "griass", "griassdi", "griasdi", "gruess", "gruessgott", "gruessdich", "gruessdi", "tach",
		"tachchen", "gude", "merhaba", "selam", "salam", "salut", "ciao", "hello", "hola", "bonjour", "zdravo",
		"privet", NULL,
	};
	return nlu_in(w, words);
}

bool nlu_greeting(const struct nlu_toks *tk, size_t i)
{
	return i < tk->n && nlu_greeting_word(tk->t[i].w);
}

bool nlu_negation(const char *w)
{
	return strcmp(w, "nicht") == 0 || strcmp(w, "nich") == 0 || strcmp(w, "nit") == 0 || strcmp(w, "nie") == 0 ||
	       strcmp(w, "niemals") == 0 || strncmp(w, "kein", 4) == 0;
}

bool nlu_said_own(const struct nlu_toks *tk, size_t i)
{
	return i > 0 && i < tk->n && (nlu_prefix(tk, i - 1, "mein") || nlu_prefix(tk, i - 1, "unser"));
}
