/* nlu_name_int.h: what the parts of the name finder share: where a word
 * stands, a name as announced, and the word tests of nlu_name.c the finders
 * of nlu_name_find.c build on. */
#ifndef TERMINFON_NLU_NAME_INT_H
#define TERMINFON_NLU_NAME_INT_H

#include "nlu_int.h"

/* Where a word stands decides what may be a name there. */
enum entity_pos {
	ENTITY_FREE,  /* after "Frau" or a strong marker: anything name-shaped */
	ENTITY_WEAK,  /* unannounced: not the words the understanding uses, nor time words */
	ENTITY_ASKED, /* the dialog asked for the name: as weak, but surnames that are time words too */
};

/* A name as it was announced. */
struct entity_found {
	size_t idx[4], n;  /* its tokens */
	const char *sal;   /* "Frau", "Herr" or NULL */
	bool comma;        /* a comma after its first word: "Müller, Max" */
	bool marked;       /* announced as the caller's own */
	char only;         /* the marker said 'f' first or 'l' last name */
	bool kin;          /* somebody the caller speaks for ("meine Tochter ..."): one word is a first name */
	bool ordered;      /* the first name, then the surname, for sure ("Schmitz, Hildegard Schmitz") */
	bool two_first;    /* ... two given names, one double name ("Schmitz, Hans Peter Schmitz") */
	size_t mpos;       /* where the marker stood */
};

/* Looks for a name the surest way first; f zeroed, empty (f->n == 0) when none is found. */
void entity_find(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f);

bool entity_namelike(const struct nlu_toks *tk, size_t i, enum entity_pos pos);
bool entity_suffix(const struct nlu_toks *tk, size_t i);
bool entity_copula(const struct nlu_toks *tk, size_t k);
/* Past the words between a label and its name, from token k: "ist", "der ist",
 * "falls Sie den brauchen, ist". */
size_t entity_past_copula(const struct nlu_toks *tk, size_t k);
size_t entity_rather(const struct nlu_toks *tk, size_t k);
bool entity_regional(const char *marker);
bool entity_is_first(const struct nlu_toks *tk, size_t i);
bool entity_salutation(const struct nlu_toks *tk, size_t i, const char **sal);
size_t entity_dialect_article(const struct nlu_toks *tk, size_t k);
size_t entity_filler(const struct nlu_toks *tk, size_t k);
bool entity_spoken_of(const struct nlu_toks *tk, size_t i);
bool entity_asks_about(const struct nlu_toks *tk, size_t i);
size_t entity_title(const struct nlu_toks *tk, size_t k);
bool entity_letter(const struct nlu_toks *tk, size_t i);
size_t entity_hint(const struct nlu_toks *tk, size_t i);
/* The surname ln as the hints said after it, from token k, write it: the vowel pair
 * ("Meier mit a y" is Mayer), a sharp s ("Weis mit scharfem s" is Weiß); ln changed in
 * place or a new string in a. */
char *entity_as_hinted(struct arena *a, const struct nlu_toks *tk, size_t k, char *ln);
size_t entity_collect(const struct nlu_toks *tk, size_t i, enum entity_pos pos, size_t *idx, bool *comma);
bool entity_first_shape(const struct nlu_toks *tk, size_t i, bool alone);
size_t entity_before_marker(const struct nlu_toks *tk, size_t *idx, const char **sal);
extern const char *const entity_others[];
extern const char *const entity_kin[];
bool entity_greets(const struct nlu_toks *tk, size_t i);

#endif
