/* nlu_name_find.c: where in a turn a name is looked for: after a marker or a
 * salutation, where the dialog asked for it, spelt, in the greeting, said twice. */
#include "nlu_name_int.h"

#include <stdlib.h>
#include <string.h>

#include "nlu_name_words.h"

/* Phrases that introduce a name; strong ones take any word after them. */
static const struct {
	const char *p;
	bool strong;
	char only;   /* 'f' first name only, 'l' last name only */
	bool relation; /* names somebody else, whom the appointment is for */
} entity_markers[] = {
	{ "mein name ist", true, 0, false }, { "mein name lautet", true, 0, false }, { "mein nachname ist", true, 'l', false },
	{ "mein vorname ist", true, 'f', false }, { "der name ist", true, 0, false }, { "mein name", true, 0, false },
	{ "name ist", true, 0, false }, { "ich heisse", true, 0, false }, { "hier spricht", true, 0, false }, { "es spricht", true, 0, false },
	{ "da spricht", true, 0, false }, { "ich bins", false, 0, false }, { "bins", false, 0, false },
	{ "sie sprechen mit", true, 0, false }, { "auf den namen", true, 0, false }, { "unter dem namen", true, 0, false },
	{ "mit nachnamen", true, 'l', false }, { "mit vornamen", true, 'f', false }, { "nachname", true, 'l', false },
	{ "vorname", true, 'f', false }, { "familienname", true, 'l', false }, { "mit familiennamen", true, 'l', false },
	{ "heisse ich", true, 0, false }, { "heiss ich", true, 0, false }, { "sagen sie", false, 0, false },
	{ "nennen sie mich", false, 0, false }, { "auf meinen namen", true, 0, false }, { "meinen namen", false, 0, false }, { "unter meinem namen", true, 0, false }, { "schreibt sich", true, 'l', false },
	{ "ach so", false, 0, false }, { "der name waere", true, 0, false }, { "der name waer", true, 0, false },
	{ "name waer", true, 0, false }, { "ich heiss", true, 0, false }, { "i heiss", true, 0, false },
	{ "und heisse", true, 0, false }, { "heissen tue ich", true, 0, false }, { "heissen tu ich", true, 0, false },
	{ "ich heise", true, 0, false }, { "ich heis", true, 0, false }, { "ich buchstabiere", true, 'l', false },
	{ "es ist der", false, 0, false }, { "es ist die", false, 0, false },
	{ "schreiben sie", false, 0, false }, { "notieren sie", false, 0, false }, { "mich als", false, 0, false },
	{ "name waere", true, 0, false }, { "am apparat ist", true, 0, false }, { "am telefon ist", true, 0, false }, { "am apparat", true, 0, false },
	{ "familie", true, 'l', false }, { "name", true, 0, false }, { "ich waere die", false, 0, false }, { "ich waere der", false, 0, false },
	{ "ich waer die", false, 0, false }, { "ich waer der", false, 0, false }, { "ich waere", false, 0, false }, { "ich waer", false, 0, false },
	{ "mein namen ist", true, 0, false }, { "mein neme ist", true, 0, false }, { "mein nahme ist", true, 0, false },
	{ "meine name ist", true, 0, false }, { "mei name ist", true, 0, false }, { "mein nam ist", true, 0, false },
	{ "sie koennen mich", false, 0, false }, { "duerfen mich", false, 0, false },
	/* "falls Sie den Namen brauchen, Klaus-Dieter zur Linden", "Sie brauchen erst den Namen? Nowak" */
	{ "den namen brauchen", true, 0, false }, { "den namen braucht", true, 0, false },
	{ "brauchen erst den namen", true, 0, false }, { "brauchen den namen", true, 0, false },
	{ "brauchen noch den namen", true, 0, false }, { "brauchen meinen namen", true, 0, false },
	{ "heisst", false, 0, true }, { "i bin der", false, 0, false }, { "i bin die", false, 0, false }, { "i bin da", false, 0, false }, { "i bin", false, 0, false },
	{ "da is der", false, 0, false }, { "da is die", false, 0, false }, { "da ist der", false, 0, false },
	{ "da ist die", false, 0, false }, { "das waere", false, 0, false }, { "hier is der", false, 0, false }, { "hier is die", false, 0, false }, { "hier is", false, 0, false },
	{ "laeuft auf", true, 0, false }, { "lief auf", true, 0, false },
	{ "meine kinder", false, 0, true }, { "meinen kindern", false, 0, true }, { "meinen enkel", false, 0, true },
	{ "meine enkelin", false, 0, true }, { "meinen bruder", false, 0, true }, { "meine schwester", false, 0, true },
	{ "meinen partner", false, 0, true }, { "meine partnerin", false, 0, true },
	{ "sie heisst", false, 0, true }, { "er heisst", false, 0, true }, { "der heisst", false, 0, true },
	{ "die heisst", false, 0, true }, { "meine mutter an", false, 0, true }, { "meinen vater an", false, 0, true },
	{ "meine frau", false, 0, true }, { "meinen mann", false, 0, true }, { "meine mutter", false, 0, true },
	{ "meinen vater", false, 0, true }, { "meine tochter", false, 0, true }, { "meinen sohn", false, 0, true }, { "ich bin der", false, 0, false }, { "ich bin die", false, 0, false }, { "ich bin", false, 0, false },
	{ "hier ist der", false, 0, false }, { "hier ist die", false, 0, false }, { "hier ist", false, 0, false },
	{ "das ist der", false, 0, false }, { "das ist die", false, 0, false }, { "das ist", false, 0, false }, { "fuer", false, 0, false },
	/* whose name the appointment goes by: "der Termin ist auf Nguyen", "das wär dann auf Wagner" */
	{ "auf namen", true, 0, false }, { "termin ist auf", true, 0, false }, { "termin is auf", true, 0, false },
	{ "termin auf", false, 0, false }, { "waere dann auf", false, 0, false }, { "waer dann auf", false, 0, false }, { "ist dann auf", false, 0, false },
	/* as said in the regions: "isch ben dä Hein", "des is da Huber Sepp", "da isch de Urs" */
	{ "isch bin", false, 0, false }, { "isch ben", false, 0, false }, { "ich ben", false, 0, false },
	{ "i ben", false, 0, false }, { "des is", false, 0, false }, { "des isch", false, 0, false },
	{ "da isch", false, 0, false }, { "do is", false, 0, false }, { "do isch", false, 0, false },
	{ "hier isch", false, 0, false }, { "dat is", false, 0, false }, { "dit is", false, 0, false },
};

/* Is the turn about booking for somebody ("einen Termin für meine Tochter,
 * sie heißt Emma"), not small talk ("meine Tochter heißt Lina")? */
static bool entity_booked_for(const struct nlu_toks *tk)
{
	static const char *const booking[] = {
		"fuer", "termin", "anmelden", "buchen", "eintragen", "braucht", "braeuchte", "brauchen", "massage",
		"behandlung", "zurueckrufen", "rueckruf", "schreiben", "notieren", "vermerken", NULL,
	};
	for (size_t k = 0; k < tk->n; k++)
		if (nlu_oneof(tk, k, booking) >= 0 || nlu_prefix(tk, k, "termin"))
			return true;
	return false;
}

/* "hier ist die Oma von der Jessica, ich bräucht mal einen Termin": the caller wants it for
 * themselves ("ich" with a verb of wanting) and names nobody it is for. */
static bool entity_for_self(const struct nlu_toks *tk)
{
	static const char *const want[] = { "brauch", "braeucht", "moecht", "haett", "will", "wollt", NULL };
	bool self = false;
	static const char *const other[] = { "ihn", "sie", "ihr", "die", "den", "das", "jemand", "jemanden", NULL };
	for (size_t k = 0; k < tk->n; k++) {
		/* (not "für meine Knie": "für" her, him or a relative books for another) */
		bool for_other = nlu_is(tk, k, "fuer") && k + 1 < tk->n &&
				 (nlu_oneof(tk, k + 1, other) >= 0 || nlu_oneof(tk, k + 2, entity_kin) >= 0);
		if (for_other || ((nlu_is(tk, k, "sie") || nlu_is(tk, k, "er") || nlu_is(tk, k, "die") ||
					       nlu_is(tk, k, "der")) && k + 1 < tk->n && nlu_prefix(tk, k + 1, "brauch")))
			return false;
		for (size_t w = 0; want[w] != NULL && nlu_is(tk, k, "ich"); w++)
			self = self || (k + 1 < tk->n && nlu_prefix(tk, k + 1, want[w])) ||
			       (k > 0 && nlu_prefix(tk, k - 1, want[w]));
	}
	return self;
}

/* "meiner Mutter", "für meinen Sohn", "für die Tochter": a possessive or an
 * article and whom it names at k; the token after them into *next. */
static bool entity_kin_before(const struct nlu_toks *tk, size_t k, size_t *next)
{
	static const char *const mine[] = {
		"meine", "meiner", "meinen", "meinem", "meines", "unsere", "unserer", "unseren", "unserem", "unseres", NULL,
	};
	static const char *const articles[] = { "die", "der", "den", "dem", "des", NULL };
	static const char *const genitive[] = {
		"vaters", "mannes", "sohnes", "bruders", "freundes", "kollegen", "nachbarn", NULL,
	};
	const char *sal;
	/* "die Frau von Lerchenfeld": after an article, "Frau" is her salutation */
	bool article = nlu_oneof(tk, k, articles) >= 0 && !entity_salutation(tk, k + 1, &sal);
	if ((nlu_oneof(tk, k, mine) < 0 && !article) ||
	    (nlu_oneof(tk, k + 1, entity_kin) < 0 && nlu_oneof(tk, k + 1, genitive) < 0))
		return false;
	*next = k + 2;
	return true;
}

/* "ich bin die Pflegerin von Herrn Lindner", "der Vater von Mia": a word for
 * whom the caller is to somebody at k, then "von" and that somebody, named
 * by a salutation or a known first name; where that name starts, or 0. */
static size_t entity_role_of(const struct nlu_toks *tk, size_t k)
{
	const char *sal;
	if (k + 2 >= tk->n || entity_is_first(tk, k) || !(nlu_is(tk, k + 1, "von") || nlu_is(tk, k + 1, "vom")) ||
	    !(entity_namelike(tk, k, ENTITY_FREE) || nlu_oneof(tk, k, entity_kin) >= 0))
		return 0;
	size_t r = k + 2 + (nlu_is(tk, k + 2, "der") || nlu_is(tk, k + 2, "dem"));
	if (r < tk->n && entity_salutation(tk, r, &sal))
		return r;
	return r < tk->n && nlu_oneof(tk, k, entity_kin) >= 0 && entity_is_first(tk, r) ? r : 0;
}

/* "ach so, Sie wollen noch meinen Namen wissen, der ist Pohl": the words after
 * "meinen Namen" from k on that lead to the name; past a copula the name is
 * announced as by "mein Name ist" (*strong). Where the name may start. */
static size_t entity_name_wanted(const struct nlu_toks *tk, size_t k, bool *strong)
{
	static const char *const lead[] = {
		"brauchen", "braucht", "wollen", "wollten", "moechten", "wissen", "haben", "noch", "ja", "auch", "sie",
		"natuerlich", "klar", "also", "das", "der", "schreiben", "notieren", NULL,
	};
	size_t j = k;
	while (j < k + 6 && (nlu_oneof(tk, j, lead) >= 0 || entity_copula(tk, j))) {
		if (entity_copula(tk, j) && entity_namelike(tk, j + 1, ENTITY_FREE)) {
			*strong = true;
			return j + 1;
		}
		j++;
	}
	return k;
}

/* The first name announced from token from on by a salutation ("Frau
 * Schmidt") or a marker ("mein Name ist ..."), into f (zeroed by the caller). */
static void entity_announced(const struct nlu_toks *tk, size_t from, enum nlu_expect expect, struct entity_found *f)
{
	for (size_t i = from; i < tk->n && f->n == 0; i++) {
		/* "Frau Schmidt", but not "mit Frau Schmidt sprechen" (that is staff) */
		if (entity_salutation(tk, i, &f->sal)) {
			/* "mit Frau Weber sprechen" is staff, "meine Frau" a wife */
			bool whose = i > 1 && nlu_is(tk, i - 1, "von") && nlu_prefix(tk, i - 2, "termin");
			const char *other;
			bool couple = i > 1 && nlu_is(tk, i - 1, "und") && entity_salutation(tk, i - 2, &other);
			if (i > 0 && !whose && (nlu_oneof(tk, i - 1, entity_others) >= 0 || nlu_prefix(tk, i - 1, "mein") ||
					       entity_asks_about(tk, i) || entity_spoken_of(tk, i))) {
				f->sal = NULL;
				continue;
			}
			size_t k = entity_title(tk, i + 1);
			f->n = entity_collect(tk, k, ENTITY_FREE, f->idx, &f->comma);
			if (f->n == 0 || couple)
				f->sal = NULL;
			f->marked = f->n > 0;
			continue;
		}
		for (size_t m = 0; m < sizeof(entity_markers) / sizeof(entity_markers[0]); m++) {
			size_t l = nlu_phrase(tk, i, entity_markers[m].p);
			if (l == 0)
				continue;
			size_t k = i + l;
			bool strong = entity_markers[m].strong;
			/* "wie schreibt sich deine Mutter nochmal": a question, no name */
			if (i > 0 && nlu_is(tk, i - 1, "wie") && strcmp(entity_markers[m].p, "schreibt sich") == 0)
				break;
			/* "für meine Frau Gabriele Hartmann" names the one the dialog asked for, else it is an aside */
			if (entity_markers[m].relation && expect != NLU_EXPECT_NAME && !entity_booked_for(tk))
				break;
			/* "hier ist ..." opening the call is as good as "mein Name ist" */
			bool opening = !strong && strncmp(entity_markers[m].p, "hier is", 7) == 0 &&
				       !entity_regional(entity_markers[m].p) &&
				       (i == 0 || (entity_greets(tk, i - 1) && !nlu_is(tk, i - 1, "also")));
			strong = strong || opening;
			if (strcmp(entity_markers[m].p, "meinen namen") == 0)
				k = entity_name_wanted(tk, k, &strong);
			/* "Nachname ist Dörr", "der Name wär Hoffmann" */
			if (strong)
				k = entity_past_copula(tk, k);
			/* "ich heiße nicht Weber, sondern Wegner" */
			k = entity_rather(tk, k);
			/* "ich heiße übrigens ...", "ich bin also die ...", "ich heiße wie gesagt ..." */
			k = entity_filler(tk, k);
			/* "auf den Namen meiner Mutter, Maria ...", "für meine Freundin Lena ...": whom it is for */
			bool kin = false;
			if (!entity_markers[m].relation && entity_kin_before(tk, k, &k)) {
				if (!strong && expect != NLU_EXPECT_NAME && !entity_booked_for(tk))
					break;
				kin = true;
			}
			for (size_t sk = 0; sk < 3 && k < tk->n && nlu_in(tk->t[k].w, entity_skip); sk++)
				k++;
			k = entity_dialect_article(tk, k);
			/* "hier ist das Vorzimmer von Herrn Lindqvist" */
			if (nlu_is(tk, k, "das") && (!strong || opening) && !kin && entity_role_of(tk, k + 1) > 0)
				k++;
			/* "ich bin die Betreuerin von Frau Koch, die braucht einen Termin", "hier ist die
			 * Assistentin von Herrn Meier": whom it is for */
			size_t role = (!strong || opening) && !kin ? entity_role_of(tk, k) : 0;
			if (role > 0) {
				if (!entity_booked_for(tk) || entity_for_self(tk))
					break;
				k = role;
				kin = true;
			}
			if (entity_salutation(tk, k, &f->sal))
				k++;
			/* "ich bin der Vater von Mia": whom the caller is to somebody, not a name; "ich bin
			 * die Mama, Katrin Schulze": the caller's name said after it */
			if (f->sal == NULL && !strong && nlu_oneof(tk, k, entity_kin) >= 0 && entity_title(tk, k) == k) {
				if (k + 2 >= tk->n || !entity_is_first(tk, k + 1) ||
				    !entity_namelike(tk, k + 2, ENTITY_ASKED))
					break;
				k++;
			}
			k = entity_title(tk, k);
			enum entity_pos pos = strong || f->sal != NULL ? ENTITY_FREE
					   : expect == NLU_EXPECT_NAME ? ENTITY_ASKED : ENTITY_WEAK;
			size_t got = entity_collect(tk, k, pos, f->idx, &f->comma);
			bool southern = got == 2 && entity_is_first(tk, f->idx[1]);
			/* "... meinen Namen: Albers Herbert", not "wozu brauchen Sie meinen Namen wissen":
			 * a name there has a known first name at any step */
			if (got > 0 && !strong && f->sal == NULL && !entity_is_first(tk, f->idx[0]) && !southern &&
			    (expect != NLU_EXPECT_NAME || strcmp(entity_markers[m].p, "meinen namen") == 0 ||
			     entity_regional(entity_markers[m].p)))
				got = 0;
			if (got == 0) {
				f->sal = NULL;
				break;
			}
			f->n = got;
			f->only = entity_markers[m].only;
			f->mpos = i;
			f->marked = !entity_markers[m].relation && !kin;
			f->kin = !f->marked;
			break;
		}
	}
}

/* Does the marker at m name whom the appointment is for ("für meinen Sohn", "auf meine
 * Tochter", "für die Mama")? */
static bool entity_for_whom(const struct nlu_toks *tk, size_t m)
{
	for (size_t k = m > 2 ? m - 2 : 0; k <= m && k < tk->n; k++)
		if (nlu_is(tk, k, "fuer") || nlu_is(tk, k, "auf"))
			return true;
	return false;
}

/* A name announced from token from on; the caller's own ("meine Frau heißt
 * Claudia, ich bin Markus Wendt") before one of somebody else. */
static void entity_announced_own(const struct nlu_toks *tk, size_t from, enum nlu_expect expect, struct entity_found *f)
{
	entity_announced(tk, from, expect, f);
	if (f->n == 0)
		return;
	/* "ich bin Frau Jäger, aber der Termin ist für meinen Sohn Paul Jäger": the name the
	 * appointment is for, said after the caller's own */
	for (size_t at = f->idx[f->n - 1] + 1; f->marked && at < tk->n;) {
		struct entity_found g = { 0 };
		entity_announced(tk, at, expect, &g);
		if (g.n == 0)
			break;
		if (g.kin && entity_for_whom(tk, g.mpos)) {
			*f = g;
			return;
		}
		at = g.idx[g.n - 1] + 1;
	}
	if (f->marked)
		return;
	struct entity_found g = { 0 };
	entity_announced_own(tk, f->idx[f->n - 1] + 1, expect, &g);
	if (g.n > 0 && g.marked)
		*f = g;
}

/* "ich heiße Jauch, nein Spaß, ich heiße Krause": a name announced again
 * after a correction word replaces the one before. */
static bool entity_announced_last(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	static const char *const fix[] = { "nein", "nee", "quatsch", "korrektur", "spass", "entschuldigung", "sorry", NULL };
	entity_announced_own(tk, 0, expect, f);
	while (f->n > 0) {
		size_t c = f->idx[f->n - 1] + 1;
		while (c < tk->n && nlu_oneof(tk, c, fix) < 0)
			c++;
		if (c >= tk->n)
			return true;
		struct entity_found g = { 0 };
		entity_announced_own(tk, c + 1, expect, &g);
		/* "Herr Wagner, nein, Wegner mit e, und ...": the surname corrected to a word that
		 * sounds like it */
		const struct nlu_tok *was = &tk->t[f->idx[f->n - 1]], *now = c + 1 < tk->n ? &tk->t[c + 1] : NULL;
		if (g.n == 0 && now != NULL && now->len >= 3 && was->len >= 3 && now->w[0] == was->w[0] &&
		    strcmp(now->w, was->w) != 0 && (now->len > was->len ? now->len - was->len : was->len - now->len) <= 1 &&
		    entity_namelike(tk, c + 1, ENTITY_FREE) && !entity_is_first(tk, c + 1)) {
			f->idx[f->n - 1] = c + 1;
			return true;
		}
		if (g.n == 0)
			return true;
		*f = g;
	}
	return false;
}

/* "Lindner Gisela, sagen Sie Gisela zu mir": a first name said again in
 * passing stands for the fuller name said before it, with the surname
 * next to it; how many tokens into idx. */
static size_t entity_said_before(const struct nlu_toks *tk, size_t *idx)
{
	size_t j = 0;
	while (j < idx[0] && strcmp(tk->t[j].w, tk->t[idx[0]].w) != 0)
		j++;
	if (j == idx[0])
		return 1;
	if (j > 0 && entity_namelike(tk, j - 1, ENTITY_WEAK) && !entity_is_first(tk, j - 1)) {
		idx[0] = j - 1;
		idx[1] = j;
		return 2;
	}
	if (entity_namelike(tk, j + 1, ENTITY_WEAK) && !entity_is_first(tk, j + 1)) {
		idx[0] = j;
		idx[1] = j + 1;
		return 2;
	}
	return 1;
}

/* "Max Müller am Apparat", "Müller hier", "Schneider mein Name" */
static bool entity_find_before(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	(void)expect;
	f->n = entity_before_marker(tk, f->idx, &f->sal);
	if (f->n == 1 && f->sal == NULL && entity_is_first(tk, f->idx[0]))
		f->n = entity_said_before(tk, f->idx);
	f->marked = f->n > 0;
	return f->n > 0;
}

/* "Krause, was kostet das?", "Lorenz, brauchen Sie auch meine Nummer?": does
 * a new clause start at rest, after a name said first from token at? Not
 * after a word that only opens a turn ("leider, ich kann nicht"). */
static bool entity_clause_after(const struct nlu_toks *tk, size_t at, size_t rest)
{
	static const char *const opens[] = {
		"wir", "was", "wo", "wann", "warum", "wieso", "weshalb", "wofuer", "wozu", "wer", "welche", "welchen",
		"oder", "wenn", "weil", "denn", "sonst", "falls", "brauchen", "braucht", "koennen", "koennten", "kann", "soll",
		"sollen", "muss", "muessen", NULL,
	};
	static const char *const interjections[] = {
		"leider", "augenblick", "momentchen", "moment", "sekunde", "schoen", "toll", "super", "prima", "warte",
		"wart", "gut", "okay", "ok", "tja", "naja", "hm", "hmm", "ach", "oh", "nun", "warum", "wieso", NULL,
	};
	/* "Krause, ich wollte ...", not "weiß ich nicht", "mache ich lieber" (a verb before "ich") */
	static const char *const i_verbs[] = {
		"wollte", "wollt", "moechte", "haette", "haett", "hab", "habe", "hatte", "bin", "brauche", "brauch", "kann",
		"koennte", "muss", "muesste", "wuerde", "rufe", "ruf", "wuerd", "will", "frage", "frag", NULL,
	};
	static const char *const articles[] = { "der", "die", "das", "den", "dem", NULL };
	bool opens_i = nlu_is(tk, rest, "ich") && nlu_oneof(tk, rest + 1, i_verbs) >= 0;
	/* "die Verbindung kann ...": a noun with its article is a subject, not a name */
	bool noun = at > 0 && nlu_oneof(tk, at - 1, articles) >= 0;
	return (opens_i || nlu_oneof(tk, rest, opens) >= 0) && nlu_oneof(tk, at, interjections) < 0 && !noun;
}

/* The dialog asked for the name: "Müller", "Max Müller", "ja klar, Schmidt". */
/* Are the words from token k to the turn's end only a spelling ("nur einem s")? */
static bool entity_only_spelling(const struct nlu_toks *tk, size_t k)
{
	static const char *const words[] = {
		"nur", "mit", "ohne", "einem", "einer", "zwei", "doppel", "doppelt", "scharfem", "scharfes", "am", "ende",
		"anfang", "und", "wie", "hinten", "vorne", "moment", "warte", "wart", "doch", "sorry", NULL,
	};
	if (k >= tk->n)
		return false;
	for (; k < tk->n; k++)
		if (!entity_letter(tk, k) && nlu_oneof(tk, k, words) < 0)
			return false;
	return true;
}

static bool entity_find_asked(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	static const char *const after[] = {
		"mit", "wie", "bitte", "danke", "also", "genau", "und", "aber", "ohne", "komma", "reicht", "genuegt",
		"langt", "halt", "eben", "getrennt", "auseinander", "zusammen", "zusammengeschrieben", "zwei", "bitteschoen",
		"bittschoen", "dankeschoen", "dankschoen", "gell", "gelle", "ne", "meinte", "mein", "geborene",
		"geborener", "geb", "sorry", "entschuldigung", "pardon", "beides", "beide", "jeweils", "bindestrich", NULL,
	};
	static const char *const before[] = {
		"ja", "also", "klar", "gut", "genau", "natuerlich", "sicher", "gerne", "gern", "das", "ist", "ich",
		"bin", "hier", "mein", "name", "der", "die", "na", "okay", "ok", "sorry", "entschuldigung",
		"doktor", "dr", "professor", "prof", "nein", "ach", "so", "oh", "naja", "tja", "nun", "jo", "jawohl",
		"richtig", "korrekt", "dann", "schon", "nee", "noe", "aso", "achso", "pardon", "tschuldigung", "eben", "halt",
		"meinetwegen", "einfach", "nochmal", "noch", "mal", "bitte", "guten", "tag", "wieder", "sondern",
		"nur", NULL,
	};
	/* "Müller, äh nein, Möller", "Weber, nein, nicht Weber, Wegener": the name after the correction */
	static const char *const fix[] = {
		"nein", "nee", "ne", "noe", "nicht", "entschuldigung", "quatsch", "korrektur", "sorry", NULL,
	};
	if (expect != NLU_EXPECT_NAME)
		return false;
	size_t from = 0, s0 = entity_filler(tk, 0);
	while (s0 < tk->n && (nlu_in(tk->t[s0].w, before) || nlu_greeting(tk, s0)))
		s0 = entity_filler(tk, s0 + 1);
	static const char *const fix_phrase[] = { "ich mein", "ich meine", "ich meinte", "besser gesagt", NULL };
	bool restart = false;
	for (size_t i = s0 + 1; i < tk->n && entity_namelike(tk, s0, ENTITY_ASKED); i++) {
		/* "Fuchs, nicht Voss" rules the last one out; "mit doppel s, nein, nur einem s"
		 * corrects the spelling, not the name */
		bool out_last = nlu_is(tk, i, "nicht") && i + 2 >= tk->n;
		/* ("Lehmann, sorry, ich bin durch den Wind": an apology, no correction) */
		if (nlu_oneof(tk, i, fix) >= 0 && !out_last && !entity_only_spelling(tk, i + 1) && !nlu_is(tk, i + 1, "ich"))
			from = i + 1;
		/* "Wimmer Franz, ich mein, Franz Wimmer": the name said again in order */
		for (size_t p = 0; fix_phrase[p] != NULL; p++) {
			size_t l = nlu_phrase(tk, i, fix_phrase[p]);
			if (l > 0 && entity_namelike(tk, i + l, ENTITY_ASKED)) {
				from = i + l;
				restart = true;
			}
		}
	}
	while (from > 0 && from < tk->n && !restart) {
		bool said = false;
		for (size_t k = 0; k + 1 < from && !said; k++)
			said = strcmp(tk->t[k].w, tk->t[from].w) == 0;
		if (!said)
			break;
		from++;
	}
	size_t i = entity_filler(tk, from < tk->n ? from : 0);
	while (i < tk->n && (nlu_in(tk->t[i].w, before) || nlu_greeting(tk, i)))
		i = entity_filler(tk, i + 1);
	i = entity_title(tk, entity_rather(tk, i));
	/* "ich glaub, ich hab mich verwählt": the word after "ich" is its verb */
	if (i > 0 && i < tk->n && nlu_is(tk, i - 1, "ich") && !entity_is_first(tk, i))
		return false;
	/* "ich bin der Vater von Mia": whom the caller is to somebody, no name of theirs */
	if (nlu_oneof(tk, i, entity_kin) >= 0 && (nlu_is(tk, i + 1, "von") || nlu_is(tk, i + 1, "vom")))
		return false;
	f->n = entity_collect(tk, i, ENTITY_ASKED, f->idx, &f->comma);
	/* only a name and at most a spelling hint: "Schulz mit z", not "wieso brauchen Sie ..." */
	size_t rest = f->n > 0 ? f->idx[f->n - 1] + 1 : i;
	while (f->n > 0 && rest < tk->n && (entity_suffix(tk, rest) || (tk->t[rest].flags & NLU_TOK_LETTER)))
		rest++;
	/* "Kowalczyk, ka o wie Wilhelm a el ...": spelt letter by letter after it */
	bool spelt = rest + 1 < tk->n && entity_letter(tk, rest) && entity_letter(tk, rest + 1);
	/* "Wojciechowska Katarzyna, ich buchstabier lieber ...": the spelling announced */
	spelt = spelt || nlu_prefix(tk, rest, "buchstabier") ||
		(nlu_is(tk, rest, "ich") && nlu_prefix(tk, rest + 1, "buchstabier"));
	bool ruled_out = nlu_is(tk, rest, "nicht") && rest + 2 == tk->n &&
			 (entity_namelike(tk, rest + 1, ENTITY_ASKED) || nlu_in(tk->t[rest + 1].w, entity_particles));
	/* "Braun, einfach nur Braun": the name said again closing the turn */
	bool again = f->n > 0 && rest + 4 >= tk->n && strcmp(tk->t[tk->n - 1].w, tk->t[f->idx[f->n - 1]].w) == 0;
	/* "Krüger, äh, Kröger": the name said again a slip apart (entity_said_better() takes it) */
	const struct nlu_tok *end = f->n > 0 ? &tk->t[f->idx[f->n - 1]] : NULL;
	bool slip = end != NULL && rest < tk->n && end->len >= 3 &&
		    nlu_edit1(end->w, end->len, tk->t[rest].w, tk->t[rest].len);
	/* "Baumgartner Thomas, grüß Gott", "Chidi Okonkwo, guten Tag": a greeting after it */
	bool greets = nlu_greeting(tk, rest) || nlu_is(tk, rest, "guten") || nlu_is(tk, rest, "schoenen");
	if (f->n > 0 && rest < tk->n && nlu_oneof(tk, rest, after) < 0 && !ruled_out && !again && !slip && !spelt && !greets &&
	    entity_hint(tk, rest) == 0 &&
	    !entity_clause_after(tk, f->idx[0], rest))
		f->n = 0;
	/* "Ingeborg Kaminski, nein, Kaminsky": the surname corrected a slip or two away keeps
	 * the first name said before it */
	if (f->n == 1 && from > 1 && entity_is_first(tk, s0) && f->idx[0] > s0 + 1) {
		const struct nlu_tok *fix_to = &tk->t[f->idx[0]], *old = &tk->t[s0 + 1];
		if (!entity_is_first(tk, f->idx[0]) && old->len >= 4 && fix_to->len >= 4 &&
		    (strncmp(old->w, fix_to->w, 3) == 0 ||
		     (old->w[0] == fix_to->w[0] && nlu_edit1(old->w, old->len, fix_to->w, fix_to->len))) &&
		    strcmp(old->w, fix_to->w) != 0) {
			f->idx[1] = f->idx[0];
			f->idx[0] = s0;
			f->n = 2;
			return true;
		}
	}
	/* "Huber, nein, Hubert": a surname corrected to a like-sounding word stays a surname */
	const struct nlu_tok *was = &tk->t[s0], *now = f->n == 1 ? &tk->t[f->idx[0]] : NULL;
	if (now != NULL && from > 0 && s0 < f->idx[0] && !entity_is_first(tk, s0) && was->len >= 3 &&
	    strncmp(was->w, now->w, 3) == 0)
		f->only = 'l';
	return f->n > 0;
}

/* A name spelt out at any step: "ja genau, Kraus mit K", "Weiß mit scharfem s". */
static bool entity_find_spelt(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	(void)expect;
	for (size_t i = 0; f->n == 0 && i + 2 < tk->n; i++) {
		if (!(nlu_is(tk, i + 1, "mit") || nlu_is(tk, i + 1, "ohne")) || !entity_namelike(tk, i, ENTITY_WEAK))
			continue;
		const struct nlu_tok *h = &tk->t[i + 2];
		if (!((h->len == 1 && h->w[0] >= 'a' && h->w[0] <= 'z') || (h->flags & NLU_TOK_LETTER) ||
		      nlu_is(tk, i + 2, "scharfem") || nlu_is(tk, i + 2, "ypsilon") || nlu_is(tk, i + 2, "doppel")))
			continue;
		if (i > 0 && entity_is_first(tk, i - 1) && entity_namelike(tk, i - 1, ENTITY_FREE))
			f->idx[f->n++] = i - 1;
		f->idx[f->n++] = i;
		f->marked = true;
	}
	return f->n > 0;
}

/* At a yes/no step, "ja genau, Sommer": a confirmation and a name closing
 * the turn, as said to "Und auf welchen Namen?" asked along. */
static bool entity_find_confirmed(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	static const char *const yes[] = { "ja", "genau", "richtig", "korrekt", "jawohl", "jo", "jep", NULL };
	/* what a yes goes on with instead of a name ("ja genau, abgemacht") */
	static const char *const approvals[] = {
		"klasse", "logisch", "abgemacht", "spitze", "freilich", "sowieso", "selbstverstaendlich", "einverstanden",
		"gebongt", "bestens", "wunderbar", "perfekt", "super", "prima", "toll", "schoen", "fein", "top",
		"ausgezeichnet", "hervorragend", "bestaetigt", "jawoll", "passend", "sicherlich", "tiptop", NULL,
	};
	if (expect != NLU_EXPECT_YESNO)
		return false;
	size_t i = 0;
	while (i < tk->n && nlu_oneof(tk, i, yes) >= 0)
		i++;
	/* "ja genau, Sommer", "ja, Kaminski", not "ja klasse" */
	if (i == 0 || (i < 2 && !(tk->t[i - 1].flags & NLU_TOK_COMMA)))
		return false;
	f->n = nlu_oneof(tk, i, approvals) >= 0 ? 0 : entity_collect(tk, i, ENTITY_ASKED, f->idx, &f->comma);
	if (f->n > 2 || (f->n > 0 && f->idx[f->n - 1] + 1 != tk->n))
		f->n = 0;
	return f->n > 0;
}

/* At any step, "nicht Kramer, sondern Krämer" closing the turn: a name
 * corrected to a like-sounding one. */
static bool entity_find_rather(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	(void)expect;
	for (size_t i = 0; i + 3 < tk->n; i++) {
		const struct nlu_tok *a = &tk->t[i + 1], *b = &tk->t[i + 3];
		if (!nlu_is(tk, i, "nicht") || !nlu_is(tk, i + 2, "sondern") || !entity_namelike(tk, i + 1, ENTITY_WEAK) ||
		    !entity_namelike(tk, i + 3, ENTITY_WEAK) || a->len < 3 || b->len < 3 || strncmp(a->w, b->w, 2) != 0 ||
		    (i + 4 < tk->n && !nlu_is(tk, i + 4, "mit")))
			continue;
		f->idx[f->n++] = i + 3;
		return true;
	}
	/* asked whether a name is right, "nee, nicht Kowalski, Kowalczyk": the name corrected closing the turn */
	static const char *const no[] = { "nein", "nee", "ne", "noe", NULL };
	size_t i = 0;
	while (i < tk->n && nlu_oneof(tk, i, no) >= 0)
		i++;
	if (expect != NLU_EXPECT_YESNO || i == 0 || !nlu_is(tk, i, "nicht") || entity_rather(tk, i) != i + 2 ||
	    !entity_namelike(tk, i + 1, ENTITY_WEAK) || !entity_namelike(tk, i + 2, ENTITY_WEAK) ||
	    strncmp(tk->t[i + 1].w, tk->t[i + 2].w, 3) != 0)
		return false;
	f->idx[f->n++] = i + 2;
	f->marked = true;
	return true;
}

/* The end of the words that open the turn (from open), and in *t where a title after them
 * ends ("guten Tag, Doktor ...", "Professor ..."), else the same. */
static size_t entity_opened(const struct nlu_toks *tk, const char *const *open, size_t *t)
{
	size_t i = 0;
	while (i < tk->n && (nlu_oneof(tk, i, open) >= 0 || nlu_greeting(tk, i)))
		i++;
	*t = entity_title(tk, i);
	return i;
}

/* Unasked, "guten Tag, Tanja Friedrich, ich möchte ...": a known first name
 * and a surname opening the turn; a title may stand before them. */
static bool entity_find_opening(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	static const char *const open[] = { "ja", "guten", "schoenen", "tag", "morgen", "abend", "gott", NULL };
	if (expect == NLU_EXPECT_NAME)
		return false;
	size_t t, i = entity_opened(tk, open, &t);
	if ((i == 0 && t == 0) || t + 1 >= tk->n || !entity_is_first(tk, t) || !entity_namelike(tk, t + 1, ENTITY_WEAK))
		return false;
	/* a title opening the turn names the caller only when the caller goes on
	 * ("Doktor Anke Mertens, ich ..."), not their doctor ("Doktor Hans Berger hat mir ...") */
	static const char *const goes_on[] = { "ich", "hier", "mein", "am", "und", "ja", "guten", NULL };
	if (i == 0 && t + 2 < tk->n && nlu_oneof(tk, t + 2, goes_on) < 0 && !nlu_greeting(tk, t + 2))
		return false;
	f->idx[f->n++] = t;
	f->idx[f->n++] = t + 1;
	f->marked = true;
	return true;
}

/* Unasked, "guten Tag, Recktenwald, ich bin ...", "ja guten Abend, Georgiou, gibts ...": a
 * surname said right after the greeting, before the turn's first clause begins. */
static bool entity_find_greeted(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	static const char *const open[] = {
		"ja", "guten", "schoenen", "tag", "morgen", "abend", "gott", "sonntag", "samstag", "feiertag",
		"wochenende", "nachmittag", NULL,
	};
	static const char *const greeting[] = {
		"tag", "morgen", "abend", "gott", "sonntag", "samstag", "feiertag", "wochenende", "nachmittag", NULL,
	};
	static const char *const clause[] = {
		"ich", "isch", "i", "wir", "mein", "meine", "gibts", "gibt", "haben", "habt", "ham", "kann", "koennen",
		"koennte", "koennten", "haette", "haett", "wollte", "wollt", "wuerde", "moechte", "brauche", "braeuchte",
		"bin", "rufe", "ruf", "hier", NULL,   /* ("guten Tag, van den Berg hier") */
	};
	static const char *const tails[] = {
		"zusammen", "allerseits", "erstmal", "auch", "leute", "schatz", "liebe", "lieber", "liebes", NULL,
	};
	if (expect == NLU_EXPECT_NAME)
		return false;
	size_t t, i = entity_opened(tk, open, &t);
	bool titled = t > i;
	if (titled && i == 0)
		i = 1;   /* the title opens the turn as a greeting would */
	else if (titled && nlu_oneof(tk, i - 1, greeting) < 0 && !nlu_greeting(tk, i - 1))
		return false;
	/* "guten Tag, von der Heyden, ich ...": a surname with its particles */
	size_t p = t;
	static const char *const articles[] = { "der", "dem", "den", NULL };
	while (p < t + 3 && p + 2 < tk->n &&
	       (nlu_in(tk->t[p].w, entity_particles) || (p > t && nlu_oneof(tk, p, articles) >= 0)))
		p++;
	/* "guten Tag, Lehmann Ralf, ich hätte gern ...": the given name after the surname */
	bool given = p == t && p + 2 < tk->n && entity_is_first(tk, p + 1) && nlu_oneof(tk, p + 2, clause) >= 0 &&
		     !(tk->t[p + 1].flags & NLU_TOK_STOP);
	if (i == 0 || p + 1 >= tk->n || (!titled && nlu_oneof(tk, i - 1, greeting) < 0 && !nlu_greeting(tk, i - 1)) || tk->t[p].len < (p > t ? 3 : 4) ||
	    !entity_namelike(tk, p, ENTITY_ASKED) || entity_is_first(tk, p) || nlu_oneof(tk, p, tails) >= 0 ||
	    (nlu_oneof(tk, p + 1, clause) < 0 && !given))
		return false;
	if (given) {
		f->idx[f->n++] = p;
		f->idx[f->n++] = p + 1;
		f->comma = f->marked = true;
		return true;
	}
	/* "guten Tag, spreche ich mit dem Studio?": a verb before its "ich" */
	if ((nlu_is(tk, p + 1, "ich") || nlu_is(tk, p + 1, "isch") || nlu_is(tk, p + 1, "i")) &&
	    tk->t[p].w[tk->t[p].len - 1] == 'e')
		return false;
	for (size_t k = t; k < p && f->n < 3; k++)
		f->idx[f->n++] = k;
	f->idx[f->n++] = p;
	f->only = 'l';
	f->marked = true;
	return true;
}

/* Asked for the name, "ich bin die Witwe vom Herrn Ostermann, Hildegard
 * Ostermann", or unasked, "die zweite nehme ich, Carla Rinaldi": a known
 * first name and a surname closing the turn. */
static bool entity_find_closing(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	static const char *const whose[] = { "von", "vom", "fuer", "mit", "bei", "zu", "in", "im", "aus", NULL };
	if (tk->n < 3)
		return false;
	/* "... ich steh doch auf der Warteliste, Schneider mit ei", "also Hüttner mit t": a
	 * surname with how it is written closes the turn */
	for (size_t s = tk->n >= 6 ? tk->n - 6 : 0; s + 2 < tk->n; s++) {
		size_t h = entity_hint(tk, s + 1);
		if (h == 0 || s + 1 + h != tk->n || !nlu_is(tk, s + 1, "mit") || tk->t[s].len < 4 ||
		    !entity_namelike(tk, s, ENTITY_ASKED) || entity_is_first(tk, s) || nlu_oneof(tk, s - (s > 0), whose) >= 0)
			continue;
		f->idx[f->n++] = s;
		f->only = 'l';
		f->marked = true;
		return true;
	}
	size_t i = tk->n - 2;
	enum entity_pos pos = expect == NLU_EXPECT_NAME ? ENTITY_ASKED : ENTITY_WEAK;
	if (!entity_is_first(tk, i) || !entity_namelike(tk, i + 1, pos) || nlu_oneof(tk, i - 1, whose) >= 0 ||
	    nlu_oneof(tk, i - 1, entity_kin) >= 0 || nlu_in(tk->t[i + 1].w, entity_particles))
		return false;
	f->idx[f->n++] = i;
	f->idx[f->n++] = i + 1;
	return true;
}

/* "van den Boom, Frau van den Boom", "van den Berg, Maarten van den Berg": a surname with
 * its particles said twice, a salutation or the given name between. */
static bool entity_twice_particle(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	for (size_t i = 1; i + 2 < tk->n && expect == NLU_EXPECT_NAME; i++) {
		if (!nlu_in(tk->t[i - 1].w, entity_particles) && !(i >= 2 && nlu_in(tk->t[i - 2].w, entity_particles) &&
								   (nlu_is(tk, i - 1, "der") || nlu_is(tk, i - 1, "den"))))
			continue;
		if (nlu_in(tk->t[i].w, entity_particles) || !entity_namelike(tk, i, ENTITY_FREE))
			continue;
		size_t p0 = nlu_in(tk->t[i - 1].w, entity_particles) ? i - 1 : i - 2, np = i - p0;
		if (p0 > 0 && nlu_in(tk->t[p0 - 1].w, entity_particles))
			continue;
		for (size_t j = i + np + 1; j < tk->n && j <= i + np + 4; j++) {
			bool same = strcmp(tk->t[j].w, tk->t[i].w) == 0;
			for (size_t k = 0; k < np && same; k++)
				same = strcmp(tk->t[j - np + k].w, tk->t[p0 + k].w) == 0;
			if (!same)
				continue;
			size_t b = i + 1, e = j - np;   /* the words between */
			const char *sal = NULL;
			if (e > b && entity_salutation(tk, e - 1, &sal))
				e--;
			if (e - b > 2 || (e > b && !entity_is_first(tk, b) && !entity_first_shape(tk, b, false)) ||
			    (e - b) + (i - p0 + 1) > 4)
				break;
			for (size_t k = b; k < e; k++)
				f->idx[f->n++] = k;
			for (size_t k = p0; k <= i; k++)
				f->idx[f->n++] = k;
			f->sal = sal;
			f->ordered = e > b;
			f->two_first = e - b == 2;
			f->only = e > b ? 0 : 'l';
			f->marked = true;
			return true;
		}
	}
	return false;
}

/* "Schmitz, Hildegard Schmitz", "Yilmaz, Ahmet Yilmaz", "James, James Whitfield",
 * "Piotr Schmidt, Schmidt mit dt", "Kühn, Oberstudienrat a.D. Kühn": a name word said
 * twice close together is the surname the caller stresses, or the given name said
 * again before the surname. Asked for the name, or after "Herr"/"Frau" at any step. */
static bool entity_find_twice(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	if (entity_twice_particle(tk, expect, f))
		return true;
	for (size_t i = 0; i + 1 < tk->n; i++) {
		const struct nlu_tok *x = &tk->t[i];
		/* "die Witwe vom Herrn Ostermann": somebody else's salutation */
		static const char *const whose[] = { "vom", "von", "beim", "mit", "dem", "den", "des", NULL };
		const char *sal = NULL;
		bool said_sal = i > 0 && entity_salutation(tk, i - 1, &sal) &&
				(i < 2 || nlu_oneof(tk, i - 2, whose) < 0);
		if (!said_sal)
			sal = NULL;
		if (x->len < 3 || !entity_namelike(tk, i, ENTITY_ASKED) || nlu_in(x->w, entity_particles) ||
		    (i > 0 && (nlu_in(tk->t[i - 1].w, entity_particles) || nlu_is(tk, i - 1, "der"))) ||
		    (expect != NLU_EXPECT_NAME && !said_sal))
			continue;
		/* "Weber, nein, nicht Weber, Wegener", "Hofer Sepp, ich mein, Sepp Hofer": said again
		 * in a correction, which entity_find_asked() reads */
		static const char *const fix[] = {
			"nein", "nee", "noe", "ne", "nicht", "nich", "sondern", "mein", "meine", "meinte", "quatsch",
			"sorry", "moment", "warte", "wie", NULL,   /* ("Albers wie der Hans Albers": a namesake) */
		};
		size_t j = i + 1;
		bool fixed = false;
		for (; j < tk->n && j <= i + 5 && strcmp(tk->t[j].w, x->w) != 0; j++)
			if (nlu_oneof(tk, j, fix) >= 0)
				fixed = true;
		if (j >= tk->n || j > i + 5 || fixed)
			continue;
		/* "Klein, Kevin Klein, nein, Kevin ist mein Sohn, ich bin Marina Klein": the caller
		 * who says later who they are */
		bool later = false;
		for (size_t k = j + 1; k + 1 < tk->n && !later; k++)
			later = (nlu_is(tk, k, "ich") && (nlu_is(tk, k + 1, "bin") || nlu_is(tk, k + 1, "heisse"))) ||
				(nlu_is(tk, k, "mein") && nlu_is(tk, k + 1, "name"));
		if (later)
			return false;
		if (sal == NULL)   /* "Sultani, Frau Sultani" */
			entity_salutation(tk, j - 1, &sal);
		bool before = i > 0 && !said_sal && entity_namelike(tk, i - 1, ENTITY_ASKED) &&
			      (entity_is_first(tk, i - 1) || entity_first_shape(tk, i - 1, false));
		f->sal = sal;
		/* "Ortrud Meyer Landrut, Meyer mit e y": a full name, then a part of it spelt */
		bool between = j == i + 2 && entity_namelike(tk, i + 1, ENTITY_ASKED) &&
			       !nlu_in(tk->t[i + 1].w, entity_particles);
		if (before && between)
			return false;
		if (between) {
			f->idx[f->n++] = i + 1;   /* "Schmitz, Hildegard Schmitz" */
			f->idx[f->n++] = i;
			f->ordered = true;
		} else if (j == i + 1 && !before && entity_namelike(tk, j + 1, ENTITY_ASKED) &&
			   !entity_is_first(tk, j + 1) && strcmp(tk->t[j + 1].w, x->w) != 0) {
			f->idx[f->n++] = i;       /* "James, James Whitfield" */
			f->idx[f->n++] = j + 1;
		} else if (before) {
			f->idx[f->n++] = i - 1;   /* "Piotr Schmidt, Schmidt mit dt" */
			f->idx[f->n++] = i;
		} else if (!entity_is_first(tk, i) && j == i + 3 && entity_is_first(tk, i + 1) && entity_is_first(tk, j - 1)) {
			f->idx[f->n++] = i + 1;   /* "Schmitz, Hans Peter Schmitz": a double given name */
			f->idx[f->n++] = i + 2;
			f->idx[f->n++] = j;
			f->ordered = f->two_first = true;
		} else if (!entity_is_first(tk, i) && j > i + 2 && entity_is_first(tk, j - 1)) {
			f->idx[f->n++] = j - 1;   /* "Häberle mit ä, Gerhard Häberle" */
			f->idx[f->n++] = j;
		} else if (!entity_is_first(tk, i) && j > i + 1) {
			f->idx[f->n++] = i;       /* "Kühn, Oberstudienrat außer Dienst, Kühn" */
			f->only = 'l';
		} else {
			continue;
		}
		return true;
	}
	return false;
}
/* Where a name is looked for, the surest place first. */
static bool (*const entity_finders[])(const struct nlu_toks *, enum nlu_expect, struct entity_found *) = {
	entity_find_twice, entity_announced_last, entity_find_before, entity_find_asked, entity_find_spelt,
	entity_find_opening, entity_find_greeted,
	entity_find_closing, entity_find_confirmed, entity_find_rather,
};

void entity_find(const struct nlu_toks *tk, enum nlu_expect expect, struct entity_found *f)
{
	for (size_t k = 0; k < sizeof(entity_finders) / sizeof(entity_finders[0]); k++) {
		memset(f, 0, sizeof(*f));
		entity_finders[k](tk, expect, f);
		if (f->n > 0)
			return;
	}
}
