/* nlu_entity.c: what a caller names besides a time: their name, the studio's city, phone digits, an offered slot, their mood. */
#include "nlu_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "utf8.h"

/* Common first names in Germany, folded; they tell "Müller Max" from "Max Müller". */
static const char *const entity_first_names[] = {
	"alexander", "alexandra", "ali", "alina", "andrea", "andreas", "angelika", "anja", "anke", "anna", "anne",
	"annette", "antje", "anton", "ayse", "barbara", "bastian", "ben", "benjamin", "bernd", "bettina",
	"birgit", "bjoern", "brigitte", "britta", "carina", "carla", "carmen", "carolin", "caroline", "charlotte",
	"christa", "christian", "christiane", "christina", "christine", "christoph", "claudia", "cornelia",
	"daniel", "daniela", "david", "denise", "dennis", "dieter", "dirk", "doris", "dominik", "doreen",
	"elena", "elias", "elisabeth", "elke", "ella", "emil", "emilia", "emily", "emma", "erik", "erika",
	"ernst", "esra", "eva", "fabian", "fatma", "felix", "finn", "florian", "frank", "franz", "franziska",
	"frieda", "friedrich", "gabi", "gabriele", "georg", "gerd", "gerhard", "gisela", "gudrun", "guenter",
	"guenther", "hannah", "hanna", "hannelore", "hans", "harald", "heike", "heinz", "helga", "helmut",
	"hendrik", "henning", "henri", "henry", "herbert", "hildegard", "holger", "horst", "ida", "ilse",
	"ines", "ingrid", "irina", "iris", "isabel", "jakob", "jan", "jana", "janina", "jasmin", "jens",
	"jessica", "joachim", "johanna", "johannes", "jonas", "jonathan", "josef", "julia", "julian", "jutta",
	"juergen", "kai", "karin", "karl", "karsten", "katharina", "kathrin", "katja", "katrin", "kerstin",
	"kevin", "klaus", "kristina", "lara", "laura", "lea", "lena", "leni", "leon", "leonie", "lina",
	"linda", "lisa", "lotta", "louis", "luca", "lucas", "lukas", "luise", "lutz", "manfred", "manuel",
	"manuela", "marc", "marcel", "marco", "maria", "marie", "marina", "mario", "marion", "mark", "markus",
	"marlene", "martha", "martin", "martina", "mathias", "matthias", "max", "maximilian", "maya", "mehmet",
	"melanie", "mia", "michael", "michaela", "milan", "mila", "miriam", "monika", "moritz", "mustafa",
	"nadine", "nadja", "natalie", "nicole", "niklas", "nico", "nina", "noah", "nora", "olaf", "olga",
	"oliver", "oskar", "patricia", "patrick", "paul", "paula", "peter", "petra", "philipp", "rainer",
	"ralf", "ramona", "rebecca", "regina", "reinhard", "renate", "rene", "robert", "roland", "rolf",
	"rosemarie", "ruth", "sabine", "sabrina", "sandra", "sara", "sarah", "sascha", "sebastian", "selin",
	"silke", "simon", "simone", "sofia", "sophia", "sophie", "stefan", "stefanie", "steffen", "stephan",
	"stephanie", "susanne", "sven", "svenja", "tanja", "thomas", "thorsten", "tim", "timo", "tobias",
	"tom", "torsten", "ulrich", "ulrike", "ursula", "ute", "uwe", "valentina", "vanessa", "vera",
	"veronika", "viktoria", "walter", "werner", "wolfgang", "yvonne", "zeynep",
	/* more given names heard on the phone, older and regional ones among them */
	"agnes", "anneliese", "annemarie", "arne", "axel", "beate", "benedikt", "bernhard", "berta", "bruno",
	"clemens", "dagmar", "detlef", "dora", "edith", "egon", "elfriede", "elisa", "erna", "erwin", "fritz",
	"gerda", "gertrud", "gottfried", "greta", "gunter", "hannes", "hedwig", "heidi", "heinrich", "helene",
	"hubert", "inge", "ingeborg", "irene", "jannik", "jochen", "joerg", "judith",
	"kalle", "karla", "konrad", "kurt", "lars", "liesel", "lilli", "lotte", "luisa", "magdalena",
	"mareike", "margarete", "margit", "marianne", "mathilda", "meike", "nele", "norbert", "pia",
	"reiner", "rita", "rudolf", "sepp", "sieglinde", "theo", "theresa", "ulla", "uschi", "waltraud", "wilhelm",
	"willi", "wolfram", "aaron", "adam", "adrian", "agnieszka", "ahmed", "aisha", "alessandro", "alessia", "alex", "alexa", "alice",
	"alicia", "amelie", "amir", "amy", "andre", "andrzej", "angela", "angelina", "anita", "annika", "ansgar",
	"antonia", "antonio", "armin", "arthur", "astrid", "aylin", "aaliyah", "baerbel", "beatrix",
	"bela", "benno", "bernadette", "bianca", "bogdan", "boris", "burak", "can", "carl", "carlos", "carsten",
	"cathrin", "celine", "chiara", "christel", "christof", "claus", "conny", "constanze", "corinna", "cem",
	"daria", "dariusz", "dana", "dario", "denis", "deniz", "diana", "dietmar", "dimitri", "dominic", "dorothea",
	"dragan", "ebru", "edgar", "eduard", "ela", "eleni", "elif", "eliza", "emanuel", "emine", "emre", "enrico",
	"erich", "ernesto", "esther", "eugen", "ewa", "fabienne", "fatih", "federica", "felicitas", "ferdinand",
	"filip", "finja", "florentine", "francesca", "frederik", "friederike", "gabriel", "galina", "georgios",
	"gerlinde", "gianna", "giovanni", "giulia", "giuseppe", "gregor", "guido", "guel", "hakan", "hamid",
	"hanne", "hans-peter", "hasan", "heidemarie", "heiko", "heiner", "helena", "helge", "henrike", "hilde",
	"hueseyin", "igor", "ilona", "ingo", "isabell", "isabella", "ivana", "jacqueline", "jakub", "jan-philipp",
	"janek", "janine", "jannis", "jasper", "jens-uwe", "jeremy", "joanna", "johann", "jolanta", "jonah",
	"josefine", "joshua", "jule", "juliane", "julius", "justus", "karen", "karina", "karl-heinz", "kasimir",
	"katarzyna", "kemal", "kerem", "kilian", "kim", "klara", "konstantin", "krzysztof", "lale", "lennart",
	"lenny", "leo", "leonard", "liam", "lias", "linus", "liselotte", "lorena", "lucia", "lukasz",
	"maik", "malte", "mandy", "manon", "marcus", "mareen", "margot", "marek", "mariana", "marija", "mariusz",
	"marta", "marvin", "matteo", "mattis", "maurice", "mauro", "max-jonas", "melina", "melissa", "merve",
	"michelle", "mika", "mike", "milena", "mira", "mirco", "mirko", "mohamed", "mohammed", "monique", "murat",
	"nadia", "natascha", "nathalie", "nick", "niels", "nikolai", "nikola", "nils", "noel", "noemi", "ole",
	"oliwia", "ozan", "oezlem", "pascal", "patrizia", "paulina", "pawel", "peggy", "philippa", "piotr",
	"rafael", "ralph", "ramazan", "rebekka", "rico", "riccardo", "robin", "roman", "ronja", "rosa",
	"ruediger", "sabina", "salome", "samuel", "sandro", "sanja", "selina", "serkan", "sergej", "silvia",
	"simona", "sonja", "stella", "sven-ole", "svetlana", "sybille", "tamara", "tatjana", "tayfun", "theodor",
	"thilo", "tina", "tomasz", "torben", "ulf", "uta", "valerie", "viola",
	"vivien", "volker", "walburga", "wiebke", "wilfried", "wojciech", "xaver", "yannick", "yasemin", "yusuf",
	"zoe", "zofia",
	NULL,
};

/* Words that are never part of a name, even right after "mein Name ist". */
static const char *const entity_stop[] = {
	"und", "oder", "aber", "ich", "mich", "mir", "sie", "ihnen", "wir", "er", "es", "das", "der", "die",
	"den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "nen", "ne", "ist", "bin", "sind", "war",
	"hier", "da", "dort", "mein", "meine", "meinen", "name", "namen", "nachname", "vorname", "heisse",
	"heisst", "bitte", "danke", "ja", "nein", "nee", "also", "gern", "gerne", "genau", "mit", "von", "zu",
	"bei", "fuer", "am", "um", "im", "in", "an", "auf", "wie", "was", "wo", "wann", "hallo", "guten",
	"tag", "morgen", "abend", "spricht", "apparat", "telefon", "moechte", "haette", "wollte", "will",
	"wuerde", "gerade", "jetzt", "so", "schon", "noch", "mal", "halt", "eben", "doch", "nur", "auch",
	"frau", "herr", "herrn", "doktor", "dr", "familie", "sprechen", "reden", "termin", "hab", "habe",
	"hatte", "nicht", "kein", "keine", "richtig", "okay", "ok", "schreibt", "man", "sich", "buchstabiert",
	"wegen", "weil", "dass", "ob", "wenn", "interessiert", "neu", "kunde", "kundin", "einfach", "natuerlich",
	"klar", "sicher", "dran", "drin", "selbst", "warum", "wieso", "weshalb", "wer", "wen", "wem", "wessen",
	"welche", "welcher", "welchen", "nichts", "niemand", "egal", "ahnung", "moment", "sekunde", "entschuldigung",
	"sorry", "meiner", "seine", "ihre", "unsere", "waere", "waer", "uebrigens", "senior", "junior", "witwe",
	"is", "professor", "prof", "koennen", "koennten", "koennte", "kann", "muss", "moechten", "brauchen",
	"brauche", "braeuchte", "werden", "wird", "wollen", "bitte", "ach", "aeh", "aehm", "oh", "dran", "heisst",
	"lautet", "vom", "beim", "fuers", "fuern", "wie", "vielen",
	/* whom a caller speaks for ("die Mama von ...") and what is done with a name ("notieren") */
	"mama", "papa", "oma", "opa", "mutter", "tochter", "sohn", "tante", "onkel", "enkel", "enkelin", "schwester",
	"freundin", "nachbarin", "nachbar", "kollegin", "kollege", "ehefrau", "ehemann", "chefin", "nennen", "notieren",
	"eintragen", "aufschreiben", "aus", "nach", "ueber", "seit", "ohne", "gegen", "komma", "kunden", "neukunde", "neukundin", "neukunden",
	"stammkunde", "stammkundin", NULL,
};

/* Words a name may be wrapped in: "ich heiße übrigens ...", "ich bin die ...". */
static const char *const entity_skip[] = {
	"uebrigens", "aber", "noch", "also", "halt", "eben", "mal", "einfach", "die", "der", "aeh", "aehm", "aehm",
	"aeh", "aehh", "hm", "aso", "ja", "dann", "jetzt", "so", NULL,
};

static const char *const entity_particles[] = { "von", "van", "de", "zu", "di", "da", "del", "ten", "ter", NULL };

static bool entity_in(const char *w, const char *const *list)
{
	for (size_t k = 0; list[k] != NULL; k++)
		if (strcmp(w, list[k]) == 0)
			return true;
	return false;
}

/* Could token i be part of a name? strict also refuses words the understanding uses. */
static bool entity_namelike(const struct nlu_toks *tk, size_t i, bool strict)
{
	if (i >= tk->n)
		return false;
	const struct nlu_tok *t = &tk->t[i];
	if (t->flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_CLOCK | NLU_TOK_DATE))
		return false;
	if (t->len < 2 || entity_in(t->w, entity_stop))
		return false;
	for (size_t k = 0; k < t->len; k++)
		if (t->w[k] >= '0' && t->w[k] <= '9')
			return false;
	if (when_word(t->w))
		return false;
	if (strict && !entity_in(t->w, entity_first_names) && nlu_intent_word(t->w))
		return false;
	return true;
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
		if (c == 0xC3 && k + 1 < n) {
			unsigned char d = s[k + 1];
			bool upper = d == 0x84 || d == 0x96 || d == 0x9C, lower = d == 0xA4 || d == 0xB6 || d == 0xBC;
			if (start && !particle && lower)
				d = (unsigned char)(d - 0x20);
			else if (!(start && !particle) && upper)
				d = (unsigned char)(d + 0x20);
			out[len++] = (char)c;
			out[len++] = (char)d;
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

/* Joins tokens [from, to) as said into an arena string. */
static char *entity_join(struct arena *a, const struct nlu_toks *tk, const size_t *idx, size_t n)
{
	char buf[TF_MAX_NAME];
	size_t len = 0;
	for (size_t k = 0; k < n; k++) {
		bool particle = k + 1 < n && (entity_in(tk->t[idx[k]].w, entity_particles) ||
					      (k > 0 && (nlu_is(tk, idx[k], "der") || nlu_is(tk, idx[k], "den"))));
		if (len > 0 && len + 1 < sizeof(buf))
			buf[len++] = ' ';
		len += entity_display(tk, idx[k], particle, buf + len, sizeof(buf) - len);
	}
	buf[len] = '\0';
	return len > 0 ? arena_strdup(a, buf) : NULL;
}

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
	{ "sie sprechen mit", true, 0, false }, { "auf den namen", true, 0, false }, { "unter dem namen", true, 0, false },
	{ "mit nachnamen", true, 'l', false }, { "mit vornamen", true, 'f', false }, { "nachname", true, 'l', false },
	{ "vorname", true, 'f', false }, { "auf meinen namen", true, 0, false }, { "unter meinem namen", true, 0, false }, { "schreibt sich", true, 'l', false },
	{ "ach so", false, 0, false }, { "der name waere", true, 0, false }, { "der name waer", true, 0, false },
	{ "name waer", true, 0, false }, { "ich heiss", true, 0, false }, { "i heiss", true, 0, false },
	{ "schreiben sie", false, 0, false }, { "notieren sie", false, 0, false }, { "mich als", false, 0, false },
	{ "name waere", true, 0, false }, { "am apparat ist", true, 0, false }, { "am telefon ist", true, 0, false }, { "am apparat", true, 0, false },
	{ "familie", true, 'l', false }, { "name", true, 0, false }, { "ich waere die", false, 0, false }, { "ich waere der", false, 0, false },
	{ "ich waer die", false, 0, false }, { "ich waer der", false, 0, false }, { "ich waere", false, 0, false }, { "ich waer", false, 0, false },
	{ "i bin der", false, 0, false }, { "i bin die", false, 0, false }, { "i bin da", false, 0, false }, { "i bin", false, 0, false },
	{ "das waere", false, 0, false }, { "hier is der", false, 0, false }, { "hier is die", false, 0, false }, { "hier is", false, 0, false },
	{ "meine mutter an", false, 0, true }, { "meinen vater an", false, 0, true },
	{ "meine frau", false, 0, true }, { "meinen mann", false, 0, true }, { "meine mutter", false, 0, true },
	{ "meinen vater", false, 0, true }, { "meine tochter", false, 0, true }, { "meinen sohn", false, 0, true }, { "ich bin der", false, 0, false }, { "ich bin die", false, 0, false }, { "ich bin", false, 0, false },
	{ "hier ist der", false, 0, false }, { "hier ist die", false, 0, false }, { "hier ist", false, 0, false },
	{ "das ist der", false, 0, false }, { "das ist die", false, 0, false }, { "das ist", false, 0, false }, { "fuer", false, 0, false },
};

/* Does phrase p stand at token i? Its length in tokens, or 0. */
static size_t entity_phrase(const struct nlu_toks *tk, size_t i, const char *p)
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

static bool entity_salutation(const struct nlu_toks *tk, size_t i, const char **sal)
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

/* Skips "Doktor", "Dr.", "Professor" after a salutation. */
static size_t entity_title(const struct nlu_toks *tk, size_t k)
{
	while (nlu_is(tk, k, "doktor") || nlu_is(tk, k, "dr") || nlu_is(tk, k, "professor") || nlu_is(tk, k, "prof") ||
	       nlu_is(tk, k, "professorin") || nlu_is(tk, k, "doktorin"))
		k++;
	return k;
}

/* Collects up to three name tokens from i into idx; returns how many. */
static size_t entity_collect(const struct nlu_toks *tk, size_t i, bool strict, size_t *idx, bool *comma)
{
	size_t n = 0;
	*comma = false;
	while (i < tk->n && n < 4) {
		/* "Meyer Komma Ilse": a comma spoken as a word */
		if (n == 1 && nlu_is(tk, i, "komma") && entity_namelike(tk, i + 1, false)) {
			*comma = true;
			i++;
			continue;
		}
		if ((entity_in(tk->t[i].w, entity_particles) &&
		     (entity_namelike(tk, i + 1, false) ||
		      ((nlu_is(tk, i + 1, "der") || nlu_is(tk, i + 1, "den")) && entity_namelike(tk, i + 2, false)))) ||
		    (n > 0 && entity_in(tk->t[idx[n - 1]].w, entity_particles) &&
		     (nlu_is(tk, i, "der") || nlu_is(tk, i, "den")) && entity_namelike(tk, i + 1, false))) {
			idx[n++] = i++;
			continue;
		}
		if (!entity_namelike(tk, i, strict))
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
		if (n >= 3)
			break;
	}
	return n;
}

static bool entity_is_first(const struct nlu_toks *tk, size_t i)
{
	return entity_in(tk->t[i].w, entity_first_names);
}

/* "ich heiße Jana, mit Nachnamen Schubert": a surname announced within a few words
 * after a first name, from token from; how many tokens went into last. */
static size_t entity_last_after(const struct nlu_toks *tk, size_t from, size_t *last)
{
	static const char *const lm[] = { "nachname", "nachnamen", "familienname", NULL };
	static const char *const link[] = { "und", "mit", "der", "mein", "ist", NULL };
	size_t i = from;
	while (i < tk->n && i < from + 3 && nlu_oneof(tk, i, lm) < 0 && nlu_oneof(tk, i, link) >= 0)
		i++;
	if (nlu_oneof(tk, i, lm) < 0)
		return 0;
	i++;
	while (i < tk->n && (nlu_is(tk, i, "ist") || nlu_is(tk, i, "lautet") || nlu_is(tk, i, "waere")))
		i++;
	bool comma;
	size_t n = entity_collect(tk, i, false, last, &comma);
	return n > 2 ? 2 : n;
}

int nlu_entity_name(struct arena *a, const struct nlu_toks *tk, enum nlu_expect expect, struct nlu_result *out,
		    bool *marked)
{
	const char *sal = NULL;
	size_t idx[4], n = 0;
	bool comma = false;
	char only = 0;
	size_t mpos = 0;
	*marked = false;
	for (size_t i = 0; i < tk->n && n == 0; i++) {
		/* "Frau Schmidt", but not "mit Frau Schmidt sprechen" (that is staff) */
		if (entity_salutation(tk, i, &sal)) {
			/* "mit Frau Weber sprechen" is staff, "meine Frau" a wife */
			if (i > 0 && (nlu_is(tk, i - 1, "mit") || nlu_is(tk, i - 1, "bei") || nlu_is(tk, i - 1, "zu") ||
				      nlu_is(tk, i - 1, "an") || nlu_is(tk, i - 1, "von") || nlu_prefix(tk, i - 1, "mein") ||
				      nlu_is(tk, i - 1, "seine") || nlu_is(tk, i - 1, "ihre") || nlu_is(tk, i - 1, "unsere") ||
				      nlu_is(tk, i - 1, "freundin") || nlu_is(tk, i - 1, "kollegin") || nlu_is(tk, i - 1, "nachbarin") ||
				      nlu_is(tk, i - 1, "bekannte") || nlu_is(tk, i - 1, "freund") || nlu_is(tk, i - 1, "kollege") ||
				      nlu_is(tk, i - 1, "nachbar") || nlu_is(tk, i - 1, "vom"))) {
				sal = NULL;
				continue;
			}
			size_t k = entity_title(tk, i + 1);
			n = entity_collect(tk, k, false, idx, &comma);
			if (n == 0)
				sal = NULL;
			else
				*marked = true;
			continue;
		}
		for (size_t m = 0; m < sizeof(entity_markers) / sizeof(entity_markers[0]); m++) {
			size_t l = entity_phrase(tk, i, entity_markers[m].p);
			if (l == 0)
				continue;
			size_t k = i + l;
			bool strong = entity_markers[m].strong;
			/* "für meine Frau Gabriele Hartmann" names the one the dialog asked for, else it is an aside */
			/* "hier ist ..." opening the call is as good as "mein Name ist" */
			if (!strong && strncmp(entity_markers[m].p, "hier ist", 8) == 0 &&
			    (i == 0 || nlu_is(tk, i - 1, "hallo") || nlu_is(tk, i - 1, "ja") || nlu_is(tk, i - 1, "tag") ||
			     nlu_is(tk, i - 1, "morgen") || nlu_is(tk, i - 1, "abend")))
				strong = true;
			/* "Nachname ist Dörr", "der Name wär Hoffmann" */
			while (strong && k < tk->n && (nlu_is(tk, k, "ist") || nlu_is(tk, k, "lautet") ||
						       nlu_is(tk, k, "waere") || nlu_is(tk, k, "waer")))
				k++;
			/* "ich heiße übrigens ...", "ich bin also die ..." */
			for (size_t sk = 0; sk < 3 && k < tk->n && entity_in(tk->t[k].w, entity_skip); sk++)
				k++;
			if (entity_salutation(tk, k, &sal))
				k++;
			k = entity_title(tk, k);
			size_t got = entity_collect(tk, k, !strong && sal == NULL, idx, &comma);
			if (got > 0 && !strong && sal == NULL && !entity_is_first(tk, idx[0]) && expect != NLU_EXPECT_NAME)
				got = 0;
			if (got == 0) {
				sal = NULL;
				break;
			}
			n = got;
			only = entity_markers[m].only;
			mpos = i;
			*marked = !entity_markers[m].relation;
			break;
		}
	}
	/* "Max Müller am Apparat", "Müller hier", "Schneider mein Name" */
	if (n == 0) {
		for (size_t i = 1; i < tk->n && n == 0; i++) {
			bool post = entity_phrase(tk, i, "am apparat") > 0 || entity_phrase(tk, i, "am telefon") > 0 ||
				    entity_phrase(tk, i, "ist mein name") > 0 || entity_phrase(tk, i, "mein name") > 0 ||
				    entity_phrase(tk, i, "ist mein nachname") > 0 || entity_phrase(tk, i, "heisse ich") > 0 ||
				    entity_phrase(tk, i, "heiss ich") > 0 || entity_phrase(tk, i, "ist der name") > 0 ||
				    entity_phrase(tk, i, "heisse i") > 0 || entity_phrase(tk, i, "heiss i") > 0;
			static const char *const after_hier[] = { "wegen", "ich", "und", "mit", "weil", "nochmal", "bezueglich", NULL };
			bool hier = nlu_is(tk, i, "hier") && (i + 1 == tk->n || (tk->t[i].flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) ||
							     nlu_oneof(tk, i + 1, after_hier) >= 0);
			if (!post && !hier)
				continue;
			size_t s = i;
			while (s > 0 && i - s < 3 && entity_namelike(tk, s - 1, false))
				s--;
			if (s > 0 && entity_salutation(tk, s - 1, &sal))
				;
			else if (s > 0 && !nlu_is(tk, s - 1, "hallo") && !nlu_is(tk, s - 1, "ja") && !nlu_is(tk, s - 1, "tag") &&
				 !nlu_is(tk, s - 1, "morgen") && !nlu_is(tk, s - 1, "abend") && !(tk->t[s - 1].flags & NLU_TOK_COMMA))
				continue;
			for (size_t k = s; k < i; k++)
				idx[n++] = k;
			*marked = n > 0;
		}
	}
	/* the dialog asked for the name: "Müller", "Max Müller", "ja klar, Schmidt" */
	if (n == 0 && expect == NLU_EXPECT_NAME) {
		static const char *const after[] = {
			"mit", "wie", "bitte", "danke", "also", "genau", "und", "aber", "ohne", "komma", NULL,
		};
		static const char *const before[] = {
			"ja", "also", "klar", "gut", "genau", "natuerlich", "sicher", "gerne", "gern", "das", "ist", "ich",
			"bin", "hier", "mein", "name", "der", "die", "na", "okay", "ok", "sorry", "entschuldigung",
			"doktor", "dr", "professor", "prof", NULL,
		};
		/* "Müller, äh nein, Möller", "Weber, nein, nicht Weber, Wegener": the name after the correction */
		static const char *const fix[] = { "nein", "nicht", "entschuldigung", "quatsch", "korrektur", "sorry", NULL };
		size_t from = 0, s0 = 0;
		while (s0 < tk->n && entity_in(tk->t[s0].w, before))
			s0++;
		for (size_t i = s0 + 1; i < tk->n && entity_namelike(tk, s0, true); i++)
			if (nlu_oneof(tk, i, fix) >= 0)
				from = i + 1;
		while (from > 0 && from < tk->n) {
			bool said = false;
			for (size_t k = 0; k + 1 < from && !said; k++)
				said = strcmp(tk->t[k].w, tk->t[from].w) == 0;
			if (!said)
				break;
			from++;
		}
		size_t i = from < tk->n ? from : 0;
		while (i < tk->n && entity_in(tk->t[i].w, before))
			i++;
		n = entity_collect(tk, i, true, idx, &comma);
		/* only a name and at most a spelling hint: "Schulz mit z", not "wieso brauchen Sie ..." */
		size_t rest = n > 0 ? idx[n - 1] + 1 : i;
		if (n > 0 && rest < tk->n && nlu_oneof(tk, rest, after) < 0)
			n = 0;
	}
	/* a name spelt out at any step: "ja genau, Kraus mit K", "Weiß mit scharfem s" */
	for (size_t i = 0; n == 0 && i + 2 < tk->n; i++) {
		if (!(nlu_is(tk, i + 1, "mit") || nlu_is(tk, i + 1, "ohne")) || !entity_namelike(tk, i, true))
			continue;
		const struct nlu_tok *h = &tk->t[i + 2];
		if (!((h->len == 1 && h->w[0] >= 'a' && h->w[0] <= 'z') || (h->flags & NLU_TOK_LETTER) ||
		      nlu_is(tk, i + 2, "scharfem") || nlu_is(tk, i + 2, "ypsilon") || nlu_is(tk, i + 2, "doppel")))
			continue;
		if (i > 0 && entity_is_first(tk, i - 1) && entity_namelike(tk, i - 1, false))
			idx[n++] = i - 1;
		idx[n++] = i;
		*marked = true;
	}
	/* "guten Tag, Tanja Friedrich, ich möchte ...": a known first name and a surname opening the turn */
	if (n == 0 && expect != NLU_EXPECT_NAME) {
		static const char *const open[] = {
			"ja", "hallo", "guten", "schoenen", "tag", "morgen", "abend", "gruess", "gott", "servus", "moin", "hi", NULL,
		};
		size_t i = 0;
		while (i < tk->n && nlu_oneof(tk, i, open) >= 0)
			i++;
		if (i > 0 && i + 1 < tk->n && entity_is_first(tk, i) && entity_namelike(tk, i + 1, true)) {
			idx[n++] = i;
			idx[n++] = i + 1;
			*marked = true;
		}
	}
	if (n == 0)
		return TF_OK;

	/* "Krämer, Krämer mit ä", "m a i e r Maier": a word said twice is one */
	for (size_t k = 1; k < n; k++)
		if (strcmp(tk->t[idx[k]].w, tk->t[idx[k - 1]].w) == 0) {
			memmove(idx + k, idx + k + 1, (n - k - 1) * sizeof(idx[0]));
			n--;
			k--;
		}
	/* "Chris, äh, Christian Hofmann", "Bernd, äh, Bernhard Hofmann": a first
	 * name corrected to a longer one or to another one of the same stem */
	size_t stem = 0;
	if (n == 3)
		while (stem < tk->t[idx[0]].len && stem < tk->t[idx[1]].len &&
		       tk->t[idx[0]].w[stem] == tk->t[idx[1]].w[stem])
			stem++;
	if (n == 3 && entity_is_first(tk, idx[0]) && tk->t[idx[0]].len >= 3 && tk->t[idx[1]].len > tk->t[idx[0]].len &&
	    (stem == tk->t[idx[0]].len || (stem >= 4 && entity_is_first(tk, idx[1])))) {
		idx[0] = idx[1];
		idx[1] = idx[2];
		n = 2;
	}
	/* "da Huber Sepp", "der Huber Sepp": the southern way, article, surname, first name */
	if (n == 3 && (nlu_is(tk, idx[0], "da") || nlu_is(tk, idx[0], "de")) && entity_is_first(tk, idx[2]) &&
	    !entity_is_first(tk, idx[1])) {
		idx[0] = idx[1];
		idx[1] = idx[2];
		n = 2;
	}
	/* "Frau Becker, Renate Becker" */
	if (n == 3 && strcmp(tk->t[idx[0]].w, tk->t[idx[2]].w) == 0) {
		idx[0] = idx[1];
		idx[1] = idx[2];
		n = 2;
	}

	/* "Nachname Fuchs, Vorname Sandra", "Richter, Vorname Ines": the other half after or before */
	size_t other[4], no = 0;
	if (only == 'l' || only == 'f') {
		static const char *const lm[] = { "nachname", "nachnamen", "familienname", NULL };
		static const char *const fm[] = { "vorname", "vornamen", "rufname", NULL };
		const char *const *want = only == 'l' ? fm : lm;
		for (size_t i = idx[n - 1] + 1; i < tk->n && no == 0; i++) {
			if (nlu_oneof(tk, i, want) < 0)
				continue;
			size_t k = i + 1;
			while (k < tk->n && (nlu_is(tk, k, "ist") || nlu_is(tk, k, "lautet") || nlu_is(tk, k, "waere")))
				k++;
			bool c2;
			no = entity_collect(tk, k, false, other, &c2);
			if (no > 2)
				no = 2;
		}
		if (no == 0 && mpos > 0 && entity_namelike(tk, mpos - 1, false) &&
		    (mpos == 1 || nlu_is(tk, mpos - 2, "und") || (tk->t[mpos - 2].flags & NLU_TOK_COMMA) ||
		     nlu_is(tk, mpos - 2, "also") || nlu_is(tk, mpos - 2, "ja"))) {
			other[no++] = mpos - 1;
		}
		/* "Sabine, ich meine, mein Nachname ist Ziegler": a first name
		 * opening the turn, joined to the surname by a few words */
		static const char *const joins[] = { "ich", "meine", "also", "und", "aeh", "aehm", "ja", "genau", "der", NULL };
		size_t b = mpos, hop = 0;
		while (b > 0 && hop < 3 && nlu_oneof(tk, b - 1, joins) >= 0) {
			b--;
			hop++;
		}
		if (no == 0 && only == 'l' && hop > 0 && b == 1 && entity_is_first(tk, 0))
			other[no++] = 0;
	}

	size_t first[4], last[4], nf = 0, nl = 0;
	if (only == 'f') {
		for (size_t k = 0; k < n; k++)
			first[nf++] = idx[k];
		for (size_t k = 0; k < no; k++)
			last[nl++] = other[k];
	} else if (only == 'l') {
		for (size_t k = 0; k < n; k++)
			last[nl++] = idx[k];
		for (size_t k = 0; k < no; k++)
			first[nf++] = other[k];
	} else if (entity_in(tk->t[idx[0]].w, entity_particles) ||
		   (n == 1 && (sal != NULL || !entity_is_first(tk, idx[0])))) {
		/* "van der Meer", "Frau van Dijk": a surname with its particle */
		for (size_t k = 0; k < n; k++)
			last[nl++] = idx[k];
	} else if (n == 1) {
		first[nf++] = idx[0];
	} else if ((comma || (n == 2 && entity_is_first(tk, idx[1]) && !entity_is_first(tk, idx[0]))) &&
		   !entity_in(tk->t[idx[0]].w, entity_particles)) {
		last[nl++] = idx[0];      /* "Müller, Max" */
		for (size_t k = 1; k < n; k++)
			first[nf++] = idx[k];
	} else {
		first[nf++] = idx[0];
		for (size_t k = 1; k < n; k++)
			last[nl++] = idx[k];
	}
	if (only == 0 && nf > 0 && nl == 0)
		nl = entity_last_after(tk, idx[n - 1] + 1, last);
	out->salutation = sal;
	if (nf > 0 && (out->first_name = entity_join(a, tk, first, nf)) == NULL)
		return TF_ENOMEM;
	if (nl > 0 && (out->last_name = entity_join(a, tk, last, nl)) == NULL)
		return TF_ENOMEM;
	return TF_OK;
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
			size_t l = entity_phrase(tk, i, fold);
			if (l == 0 && strchr(fold, ' ') == NULL && fl >= 4) {
				/* "Münchner Studio", "Berliner Filiale" */
				const struct nlu_tok *t = &tk->t[i];
				size_t stem = fl - 2;
				if (t->len >= fl && t->len <= fl + 3 && memcmp(t->w, fold, stem) == 0 &&
				    memcmp(t->w + t->len - 2, "er", 2) == 0)
					l = 1;
			}
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
	char best[TF_MAX_PHONE], cur[TF_MAX_PHONE];
	size_t bl = 0, cl = 0, bd = 0, cd = 0;
	int repeat = 1;
	*count = 0;
	for (size_t i = 0; i <= tk->n; i++) {
		const struct nlu_tok *t = i < tk->n ? &tk->t[i] : NULL;
		bool digit = t != NULL && nlu_isnum(tk, i) && !(t->flags & NLU_TOK_ORD) && t->num >= 0;
		bool longdig = t != NULL && (t->flags & NLU_TOK_DIGITS) && !(t->flags & (NLU_TOK_CLOCK | NLU_TOK_DATE));
		if (t != NULL && (digit || longdig)) {
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
	static const char *const articles[] = { "den", "die", "das", "der", "dem", "lieber", "nehme", "doch", NULL };
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
	if (nlu_prefix(tk, i, "letzte") || (art && nlu_prefix(tk, i, "spaetere")))
		return NLU_CHOICE_LAST;
	if (nlu_is(tk, i, "ersteren") || nlu_is(tk, i, "erstere") ||
	    (art && (nlu_prefix(tk, i, "fruehere") || nlu_is(tk, i, "fruehen") || nlu_is(tk, i, "fruehe"))))
		return 0;
	if (art && (nlu_is(tk, i, "spaeten") || nlu_is(tk, i, "spaete")))
		return NLU_CHOICE_LAST;
	if (nlu_prefix(tk, i, "mittlere"))
		return 1;
	if (asked && (nlu_is(tk, i, "egal") || nlu_is(tk, i, "beliebig") || nlu_prefix(tk, i, "irgendein") ||
		      nlu_is(tk, i, "wurst")))
		return NLU_CHOICE_ANY;
	return NLU_CHOICE_NONE;
}

/* The slot the caller settles on. A caller who corrects themselves ("den
 * ersten, nein, lieber den zweiten", "den zweiten oder nee doch den ersten")
 * means the last slot named; a slot ruled out ("nicht den ersten") does not
 * count, and a named slot outranks "egal" ("egal, nehmen Sie den ersten"). */
int nlu_entity_choice(const struct nlu_toks *tk, enum nlu_expect expect)
{
	bool asked = expect == NLU_EXPECT_CHOICE;
	int named = NLU_CHOICE_NONE, any = NLU_CHOICE_NONE;
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
			if (b == 1 && entity_in(w, strong))
				v *= 1.5;
			else if (b <= 2 && entity_in(w, weak))
				v *= 0.5;
		}
		sum += v;
	}
	double s = sum / sqrt(sum * sum + 1.0);
	return s > 1 ? 1 : s < -1 ? -1 : s;
}
