/* nlu_intent_form.c: the form of a caller's turn: which clause asks, what it asks
 * about, and how that settles the scores of the cues. */
#include "nlu_intent_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nlu_cues.h"

/* Does a clause start at word i (the turn's first word, after an opener or a comma, or
 * after a verb that closed the clause before)? */
static bool intent_clause_start(const struct nlu_toks *tk, size_t i)
{
	if (i == 0)
		return true;
	const struct nlu_tok *p = &tk->t[i - 1];
	if ((p->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) || nlu_oneof(tk, i - 1, intent_opener) >= 0)
		return true;
	if (p->flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_CLOCK | NLU_TOK_DATE) || when_word(p->w))
		return false;
	/* "ich möchte absagen, muss ich ...", "um zehn arbeite ich, haben Sie ..." */
	return nlu_is(tk, i - 1, "ich") ||
	       (p->len >= 6 && p->w[p->len - 2] == 'e' && p->w[p->len - 1] == 'n' && !nlu_is(tk, i - 1, "einen") &&
		!nlu_is(tk, i - 1, "meinen") && !nlu_is(tk, i - 1, "ihnen"));
}

/* "puh, was ne Woche", "oh Mann, was ein Tag": "was" with an article after it exclaims, it
 * does not ask ("ne", "n" anywhere; "ein", "eine" when it opens the turn, after sighs only). */
bool intent_exclaim(const struct nlu_toks *tk, size_t i)
{
	static const char *const sigh[] = { "puh", "boah", "oh", "mann", "mensch", "ach", "oje", "uff", "na", NULL };
	static const char *const a[] = { "ein", "eine", NULL };
	if (!nlu_is(tk, i, "was"))
		return false;
	if (nlu_is(tk, i + 1, "ne") || nlu_is(tk, i + 1, "n"))
		return true;
	if (nlu_oneof(tk, i + 1, a) < 0 || i > 2)
		return false;
	for (size_t k = 0; k < i; k++)
		if (nlu_oneof(tk, k, sigh) < 0)
			return false;
	return true;
}

/* Is word i a question word here ("wie lange", not "so bald wie möglich"; "was" not for "etwas")? */
/* "in München, wo ich grad arbeite", "die Filiale, wo ich letztes Mal war": a "wo" after a
 * word of the sentence with the caller as its subject opens a relative clause, no question;
 * "wissen Sie, wo ich parken kann" still asks. */
bool intent_relative_wo(const struct nlu_toks *tk, size_t i)
{
	static const char *const me[] = { "ich", "i", "isch", "wir", "mer", NULL };
	static const char *const asks[] = { "wissen", "weiss", "sagen", "erklaeren", "zeigen", "beschreiben", NULL };
	if (!nlu_is(tk, i, "wo") || i < 2 || nlu_oneof(tk, i + 1, me) < 0 || nlu_oneof(tk, i - 1, intent_opener) >= 0)
		return false;
	for (size_t b = 1; b <= 4 && b <= i; b++)
		if (nlu_oneof(tk, i - b, asks) >= 0)
			return false;
	return true;
}

/* "wo ist denn jetzt mein Handy", "wo hab ich nur meine Brille": the caller asks
 * themselves where their own things are, not where the studio is. */
bool intent_own_where(const struct nlu_toks *tk, size_t i)
{
	static const char *const verb[] = { "ist", "is", "sind", "hab", "habe", "hat", "hatte", "steckt", NULL };
	static const char *const fill[] = { "ich", "denn", "jetzt", "nur", "bloss", "schon", "wieder", "dann", NULL };
	static const char *const mine[] = { "mein", "meine", "meinen", "meiner", "meins", NULL };
	if (!nlu_is(tk, i, "wo") || nlu_oneof(tk, i + 1, verb) < 0)
		return false;
	size_t k = i + 2;
	while (k < tk->n && k < i + 6 && nlu_oneof(tk, k, fill) >= 0)
		k++;
	return nlu_oneof(tk, k, mine) >= 0;
}

bool intent_wq(const struct nlu_toks *tk, size_t i)
{
	if (nlu_oneof(tk, i, intent_wword) < 0 || intent_exclaim(tk, i) || intent_relative_wo(tk, i) ||
	    intent_own_where(tk, i))
		return false;
	static const char *const not_before[] = {
		"moeglich", "bitte", "gesagt", "immer", "gewohnt", "jetzt", "beim", "letztes", "letzten", "damals",
		"vereinbart", "besprochen", "ausgemacht", "abgemacht", "sonst", "ueblich", "bisher", "vorher", NULL,
	};
	static const char *const not_after_was[] = {
		"haben", "haetten", "habt", "hat", "sie", "ihr", "noch", "mal", "auch", "schon", "denn", "so", "nicht",
		"gibt", "es", "ich", "das", "alles", "nichts", "etwas", "vieles", "falls", "wenn", NULL,
	};
	if (nlu_is(tk, i, "wie") && (nlu_oneof(tk, i + 1, not_before) >= 0 || (i > 0 && nlu_is(tk, i - 1, "so"))))
		return false;
	if (nlu_is(tk, i, "was") && i > 0 && nlu_oneof(tk, i - 1, not_after_was) >= 0)
		return false;
	/* "egal wann", "egal was": no question; nor "wissen Sie was, ich meld mich nochmal",
	 * "weißt du was" */
	if (i > 0 && nlu_is(tk, i - 1, "egal"))
		return false;
	static const char *const you[] = { "sie", "se", "du", "de", "ihr", NULL };
	if (nlu_is(tk, i, "was") && ((i > 1 && nlu_oneof(tk, i - 1, you) >= 0 &&
				       (nlu_prefix(tk, i - 2, "wiss") || nlu_prefix(tk, i - 2, "weiss"))) ||
				      (i > 0 && (nlu_is(tk, i - 1, "weisste") || nlu_is(tk, i - 1, "wisst")))))
		return false;
	/* "ich weiß nicht, wie lange das dauert", "keine Ahnung, wann er Schicht hat": what the
	 * caller does not know, told with the verb at the end, asks nothing ("weiß ich nicht,
	 * wann haben Sie auf" asks, its verb second) */
	bool unknown = false;
	for (size_t k = i > 3 ? i - 3 : 0; k < i; k++)
		unknown = unknown || (nlu_prefix(tk, k, "weiss") && nlu_negation(tk->t[k + 1].w)) ||
			  (nlu_is(tk, k, "weiss") && nlu_is(tk, k + 1, "ich") && nlu_negation(tk->t[k + 2].w)) ||
			  nlu_is(tk, k, "ahnung");
	size_t v = i + 1;
	if (nlu_is(tk, i, "wie") && v < tk->n && !(tk->t[v].flags & NLU_TOK_NUM) && nlu_oneof(tk, v, intent_qverb) < 0)
		v++;   /* ("wie lange", "wie viel") */
	if (unknown && v < tk->n && nlu_oneof(tk, v, intent_qverb) < 0 && nlu_oneof(tk, v, intent_pron) >= 0)
		return false;
	/* "irgendwann, was als nächstes frei ist": a clause with its verb at the end of the
	 * turn names a thing; it asks nothing */
	static const char *const last_verb[] = { "ist", "sind", "waere", "geht", "passt", "klappt", NULL };
	if (!tk->question && v < tk->n && nlu_oneof(tk, v, intent_qverb) < 0 && tk->n - i <= 6 && tk->n - i >= 3 &&
	    nlu_oneof(tk, tk->n - 1, last_verb) >= 0)
		return false;
	/* "die bräuchte übernächsten Mittwoch was": "etwas" at the end */
	if (nlu_is(tk, i, "was") && i > 0 && i + 1 == tk->n && !tk->question)
		return false;
	return true;
}

/* "jo passt, und ich bring noch wen mit": "passt", "geht", "klappt" after answer words alone,
 * with no pronoun after them, answer rather than ask. */
static bool intent_answer_verb(const struct nlu_toks *tk, size_t i)
{
	static const char *const verb[] = { "passt", "geht", "klappt", NULL };
	if (i == 0 || nlu_oneof(tk, i, verb) < 0 || nlu_oneof(tk, i + 1, intent_pron) >= 0)
		return false;
	for (size_t k = 0; k < i; k++)
		if (nlu_oneof(tk, k, intent_opener) < 0 || nlu_is(tk, k, "und") || nlu_is(tk, k, "oder"))
			return false;
	return true;
}

/* Is there a negation within two words before or three after word i ("keinen neuen",
 * "einen neuen brauche ich nicht")? */
bool intent_negated_near(const struct nlu_toks *tk, size_t i)
{
	for (size_t k = i > 2 ? i - 2 : 0; k < tk->n && k <= i + 3; k++)
		if (k != i && nlu_negation(tk->t[k].w))
			return true;
	/* "ich ruf nicht wegen nem neuen Termin an" */
	return i >= 4 && nlu_is(tk, i - 2, "wegen") && nlu_negation(tk->t[i - 3].w);
}

/* "(ich hab) doch am Donnerstag um zehn ...": from word i, a day or time had, up to "und" or
 * the turn's end, that names nothing the caller has instead ("Zeit", "frei", "Urlaub"). */
static bool intent_have_slot(const struct nlu_toks *tk, size_t i)
{
	static const char *const filler[] = { "doch", "ja", "da", "schon", NULL };
	static const char *const own[] = {
		"zeit", "frei", "keine", "keinen", "kein", "nicht", "nich", "leider", "geburtstag", "urlaub", "arbeit",
		"dienst", "schule", "kann", "koennte", NULL,
	};
	while (nlu_oneof(tk, i, filler) >= 0)
		i++;
	if (!nlu_is(tk, i, "am") && !nlu_is(tk, i, "um") && (i >= tk->n || nlu_weekday(tk->t[i].w) < 0))
		return false;
	for (size_t k = i; k < tk->n && k < i + 8 && !nlu_is(tk, k, "und"); k++)
		if (nlu_oneof(tk, k, own) >= 0)
			return false;
	return true;
}

/* "keins geht leider, haben Sie nicht was", "nee, beides nicht, habt ihr was": a verb with
 * "Sie" or "ihr" after it opens a clause of its own where the words before already had
 * their verb or ended on a negation (no clause puts "nicht" before its own verb: "ich
 * versteh das nicht, könnte ich ..." too). */
static bool intent_opens(const struct nlu_toks *tk, size_t i)
{
	static const char *const you[] = { "sie", "ihr", NULL };
	static const char *const me[] = { "ich", "wir", "man", "es", NULL };
	static const char *const verb[] = {
		"hast", "seid", "haettet", "habts", "gehen", "passen", "koenn", "koennt", "wuerden", NULL,
	};
	if (i < 2 || (nlu_oneof(tk, i, intent_qverb) < 0 && nlu_oneof(tk, i, verb) < 0))
		return false;
	bool neg = nlu_negation(tk->t[i - 1].w) || nlu_is(tk, i - 1, "nix");
	if (neg && nlu_oneof(tk, i + 1, me) >= 0)
		return true;
	if (nlu_oneof(tk, i + 1, you) < 0)
		return false;
	if (neg)
		return true;
	for (size_t b = 1; b <= 3 && b <= i; b++)
		if (nlu_oneof(tk, i - b, intent_qverb) >= 0 || nlu_oneof(tk, i - b, verb) >= 0)
			return true;
	return false;
}

/* "da hab ich Urlaub und muss nicht ins Büro": after "und", "aber", "oder" a verb with a
 * negation right after it goes on with the subject before; no question opens there. */
static bool intent_subject_kept(const struct nlu_toks *tk, size_t i)
{
	static const char *const conj[] = { "und", "aber", "oder", "sondern", NULL };
	return i > 0 && nlu_oneof(tk, i - 1, conj) >= 0 && i + 1 < tk->n && nlu_negation(tk->t[i + 1].w);
}

void intent_form_read(const struct nlu_toks *tk, struct intent_form *fm)
{
	memset(fm, 0, sizeof(*fm));
	fm->q = fm->q1 = tk->n;
	for (size_t i = 0; i < tk->n; i++)
		fm->opens[i] = intent_opens(tk, i);
	for (size_t i = 0; i < tk->n; i++) {
		/* "muss ich mich anmelden oder kann ich einfach kommen?": one question with two ends */
		if (fm->q < i && i > 0 && nlu_is(tk, i - 1, "oder"))
			continue;
		if (intent_wq(tk, i) || nlu_is(tk, i, "ob")) {
			static const char *const prep[] = { "bis", "ab", "seit", "um", "fuer", "von", "mit", "an", "in", NULL };
			fm->q = i > 0 && nlu_oneof(tk, i - 1, prep) >= 0 ? i - 1 : i;   /* "bis wann" */
			fm->indirect = nlu_is(tk, i, "ob");
			/* "wie weit vorher muss ich absagen": a rule asked with a question word */
			fm->modal = false;
			for (size_t k = i + 1; k + 1 < tk->n && k < i + 5 && !fm->modal; k++)
				fm->modal = (nlu_is(tk, k, "kann") || nlu_is(tk, k, "darf") || nlu_is(tk, k, "muss")) &&
					    (nlu_is(tk, k + 1, "ich") || nlu_is(tk, k + 1, "man"));
		} else if (fm->opens[i] ||
			   (nlu_oneof(tk, i, intent_qverb) >= 0 && i + 1 < tk->n &&   /* (not "wo genau ... ist") */
			    (nlu_oneof(tk, i + 1, intent_pron) >= 0 || i == 0 ||
			     (nlu_oneof(tk, i - 1, intent_opener) >= 0 && !intent_subject_kept(tk, i))) &&
			    intent_clause_start(tk, i) && !intent_answer_verb(tk, i))) {
			fm->q = i;
			fm->indirect = false;
			fm->modal = (nlu_is(tk, i, "kann") || nlu_is(tk, i, "darf") || nlu_is(tk, i, "muss")) &&
				    (nlu_is(tk, i + 1, "ich") || nlu_is(tk, i + 1, "man"));
		}
		if (fm->q1 == tk->n)
			fm->q1 = fm->q;
	}
	static const char *const visit[] = {
		"kommen", "vorbeikommen", "vorbeischauen", "vorbei", "reinschauen", "reinkommen", "geht", "gehts", "passt",
		"klappt", "ginge", NULL,
	};
	static const char *const loose[] = { "noch", "spontan", "einfach", "frueher", "spaeter", NULL };
	static const char *const policy[] = {
		"jederzeit", "ueberhaupt", "wieder", "wenn", "falls", "kurzfristig", "vorher", "vorab", "spaetestens", NULL,
	};
	for (size_t i = fm->q; i < tk->n; i++) {
		fm->qtime = fm->qtime || when_word(tk->t[i].w) ||
			    (tk->t[i].flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_CLOCK | NLU_TOK_DATE));
		fm->visit = fm->visit || nlu_oneof(tk, i, visit) >= 0;
		fm->loose = fm->loose || nlu_oneof(tk, i, loose) >= 0;
		fm->policy = fm->policy || nlu_oneof(tk, i, policy) >= 0;
	}
	static const char *const stated[] = { "ist", "war", "bin", "hab", "habe", "hat", "hatte", "sind", "waren",
		"sitz", "sitze", "steh", "stehe", "lieg", "liege", NULL };
	static const char *const shift[] = { "spaeter", "frueher", "anders", "verschieben", NULL };
	static const char *const come[] = { "kommen", "vorbeikommen", "vorbeischauen", "trainieren", NULL };
	static const char *const day[] = { "heute", "heut", "morgen", "uebermorgen", "wochenende", "feiertag", NULL };
	static const char *const thing[] = { "der", "die", "so", "ein", "eine", "einer", "mein", "meine", NULL };
	static const char *const early[] = { "spaet", "frueh", "spaeter", "frueher", NULL };
	static const char *const wish[] = {
		"moechte", "moechten", "moecht", "will", "wollen", "haette", "haett", "haetten", "wuerde", "brauche", "brauch",
		"braeuchte", "braeucht", "gern", "gerne", "liebsten", "wollte", "wollt", NULL,
	};
	static const char *const before[] = { "hatte", "war", "waren", "hatten", "vergessen", "verpasst", NULL };
	/* ("ich wollte nur wissen, wann ...": a question led up to, no wish) */
	static const char *const ask_verb[] = { "wissen", "fragen", "nachfragen", "hoeren", "sagen", NULL };
	for (size_t i = 0; i < tk->n; i++) {
		bool led_up = false;
		for (size_t k = i + 1; k < tk->n && k <= i + 3 && (nlu_is(tk, i, "wollte") || nlu_is(tk, i, "wollt")); k++)
			led_up = led_up || nlu_oneof(tk, k, ask_verb) >= 0;
		fm->wish = fm->wish || (nlu_oneof(tk, i, wish) >= 0 && !led_up);
		fm->past_verb = fm->past_verb || nlu_oneof(tk, i, before) >= 0;
		if (nlu_negation(tk->t[i].w) &&
		    (nlu_oneof(tk, i + 1, early) >= 0 || (nlu_oneof(tk, i + 2, early) >= 0 &&
							    (nlu_is(tk, i + 1, "so") || nlu_is(tk, i + 1, "zu")))))
			fm->neg_time = true;
		if ((nlu_is(tk, i, "bis") || nlu_is(tk, i, "ab")) && nlu_is(tk, i + 1, "wann"))
			for (size_t k = i + 2; k < tk->n && k < i + 10 && !fm->until; k++)
				fm->until = nlu_oneof(tk, k, come) >= 0;
		/* "wie lang geht das bei euch am Freitag": how long on a day is how long the doors
		 * are open; how long a thing takes ("wie lange dauert das", "wie lange geht die
		 * Behandlung") names the thing or "dauern" before any day */
		if (nlu_is(tk, i, "wie") && (nlu_is(tk, i + 1, "lange") || nlu_is(tk, i + 1, "lang"))) {
			size_t k = i + 2;
			for (; k < tk->n && k < i + 9 && !nlu_prefix(tk, k, "dauer") && nlu_oneof(tk, k, thing) < 0;
			     k++)
				fm->until = fm->until || nlu_oneof(tk, k, day) >= 0 || nlu_weekday(tk->t[k].w) >= 0;
			fm->lasts = fm->lasts || (!fm->until && k < tk->n && k < i + 9);
		}
		fm->statement_verb = fm->statement_verb || nlu_oneof(tk, i, stated) >= 0;
		fm->topic = fm->topic || nlu_is(tk, i, "wegen") || nlu_prefix(tk, i, "bezueglich") ||
			    nlu_prefix(tk, i, "betreff") || nlu_prefix(tk, i, "frage") || nlu_is(tk, i, "anliegen");
		fm->renew = fm->renew ||
			    ((nlu_is(tk, i, "neuen") || nlu_is(tk, i, "neue")) && !intent_negated_near(tk, i));
		fm->shift = fm->shift || nlu_oneof(tk, i, shift) >= 0;
		fm->onto = fm->onto ||
			   (nlu_is(tk, i, "auf") && i + 1 < tk->n &&
			    (when_word(tk->t[i + 1].w) || (tk->t[i + 1].flags & (NLU_TOK_NUM | NLU_TOK_CLOCK))));
		/* "mein Termin", "meinen Termin", "wegen morgen", "wegen dem Termin" */
		if ((nlu_is(tk, i, "mein") || nlu_is(tk, i, "meinen") || nlu_is(tk, i, "meinem")) &&
		    nlu_prefix(tk, i + 1, "termin"))
			fm->existing = true;
		if (nlu_is(tk, i, "wegen") && i + 1 < tk->n &&
		    (when_word(tk->t[i + 1].w) || nlu_prefix(tk, i + 2, "termin")))
			fm->existing = true;
		/* "mein Mann hat morgen einen Termin" */
		static const char *const has[] = { "hat", "habe", "hab", "hatte", NULL };
		for (size_t k = i + 1; k < tk->n && k <= i + 4 && nlu_oneof(tk, i, has) >= 0; k++)
			if (nlu_is(tk, k, "termin") && nlu_is(tk, k - 1, "einen") && !fm->wish)
				fm->existing = true;
		/* "ich hab am Montag um halb zwei und würde gern ...": a day and time one has, with no
		 * noun of one's own ("Zeit", "frei", "Urlaub"), is an appointment booked */
		if ((nlu_is(tk, i, "hab") || nlu_is(tk, i, "habe") || (i > 0 && nlu_is(tk, i - 1, "wir") &&
									  nlu_is(tk, i, "haben"))) &&
		    intent_have_slot(tk, i + 1))
			fm->existing = true;
		/* "ich hab doch schon einen am Dienstag", "wir haben ja schon nen Termin": "schon" says
		 * it is booked, whatever is wished for it */
		static const char *const one[] = { "einen", "nen", "n", "termin", "ein", NULL };
		bool have = nlu_oneof(tk, i, has) >= 0 || nlu_is(tk, i, "haben");
		for (size_t k = i + 1; k < tk->n && k <= i + 3 && have; k++)
			if (nlu_is(tk, k, "schon") && nlu_oneof(tk, k + 1, one) >= 0)
				fm->existing = true;
		/* "was war das mit dem zweiten nochmal?": asked again in the past */
		if (fm->q <= i && (nlu_is(tk, i, "war") || nlu_is(tk, i, "waren") || nlu_is(tk, i, "hatten")))
			for (size_t k = i + 1; k < tk->n; k++)
				fm->again = fm->again || nlu_is(tk, k, "nochmal") || nlu_is(tk, k, "gesagt") ||
					    nlu_is(tk, k, "nochmals");
	}
}

/* The intents that ask the studio to do something. */
bool intent_request(size_t k)
{
	return k == NLU_BOOK || k == NLU_CANCEL || k == NLU_RESCHEDULE || k == NLU_HUMAN || k == NLU_CALLBACK ||
	       k == NLU_BYE || k == NLU_GIVE_PHONE;
}

/* The intents a clause can be about (not an answer word, a greeting or a name). */
bool intent_content(size_t k)
{
	return k != NLU_UNKNOWN && k != NLU_YES && k != NLU_NO && k != NLU_BYE && k != NLU_GIVE_NAME;
}

double intent_max(const double score[NLU_INTENT_COUNT], size_t *at)
{
	size_t best = NLU_UNKNOWN;
	for (size_t k = 1; k < NLU_INTENT_COUNT; k++)
		if (best == NLU_UNKNOWN || score[k] > score[best])
			best = k;
	if (at != NULL)
		*at = best;
	return score[best];
}

/* Makes intent k win over the present winner, which is ruled out: the word model may
 * not bring it back (bit in *out). */
void intent_prefer(double score[NLU_INTENT_COUNT], size_t k, unsigned *out)
{
	size_t win;
	double top = intent_max(score, &win);
	if (win == k)
		return;
	score[k] = top + 0.5;
	score[win] *= 0.5;
	if (top > 0)
		*out |= 1u << win;
}

/* Makes intent k win where the words of the turn settle it (a question whose own cue
 * says what it asks): the word model may not overturn that, so every other intent
 * gets its bit in *out, whether k won already or not. */
static void intent_settle(double score[NLU_INTENT_COUNT], size_t k, unsigned *out)
{
	intent_prefer(score, k, out);
	*out |= ((1u << NLU_INTENT_COUNT) - 1) & ~(1u << k);
}

/* What the form of the turn decides once the cues are counted: the last question
 * wins over what came before it, a question about a free time or a rule is asked
 * rather than done, and a time for an appointment already booked moves it.
 * *out gets a bit for every intent ruled out. */
static void intent_form_decide(const struct nlu_toks *tk, const struct intent_form *fm, const struct nlu_facts *f,
			       double score[NLU_INTENT_COUNT], unsigned *out)
{
	const double *clause = fm->clause;
	/* "gibt's Parkplätze in der Nähe vom Studio": parking near it is a question about
	 * parking, not where the studio is */
	bool parking = false;
	for (size_t i = 0; i < tk->n && !parking; i++)
		parking = nlu_prefix(tk, i, "park") && !nlu_prefix(tk, i, "parkstr");
	if (parking && score[NLU_INFO_FAQ] >= 2.5 && score[NLU_INFO_ADDRESS] > 0 &&
	    score[NLU_INFO_ADDRESS] < score[NLU_INFO_FAQ]) {
		score[NLU_INFO_ADDRESS] *= 0.3;
		*out |= 1u << NLU_INFO_ADDRESS;
	}
	size_t win;
	intent_max(score, &win);
	bool later_q = fm->q > 0 && fm->q < tk->n;
	/* ("wo genau ist die Praxis, danke": the question opened by the question word; a
	 * question word right before it later in the turn is where the question starts) */
	size_t qs = fm->q;
	for (size_t k = fm->q >= 2 ? fm->q - 2 : 0; later_q && k < fm->q; k++)
		if (intent_wq(tk, k)) {
			later_q = k > 1;
			qs = k;
			break;
		}
	/* "ich möchte absagen, muss ich dann was zahlen?": the last question decides what
	 * the caller wants to know; a question when a callback or a cancellation happens
	 * ("wann wäre das?") stays with it */
	size_t cb = NLU_UNKNOWN;
	for (size_t k = 1; k < NLU_INTENT_COUNT; k++)
		if (intent_content(k) && clause[k] >= 1.2 && (cb == NLU_UNKNOWN || clause[k] > clause[cb]))
			cb = k;
	/* "wie lange geht so eine Sitzung": how long it takes, not how long the doors are open */
	if (cb == NLU_INFO_HOURS && fm->lasts && !fm->until)
		cb = NLU_INFO_FAQ;
	/* "was war nochmal die Hausnummer": asked again about a thing asks about it */
	if (cb == NLU_REPEAT) {
		for (size_t k = NLU_INFO_HOURS; k <= NLU_INFO_ADDRESS && cb == NLU_REPEAT; k++)
			if (clause[k] >= 1.2)
				cb = k;
		if (cb == NLU_REPEAT && clause[NLU_INFO_FAQ] >= 1.2)
			cb = NLU_INFO_FAQ;
		if (cb != NLU_REPEAT) {
			intent_settle(score, cb, out);
			return;
		}
	}
	bool asks = cb == NLU_INFO_FAQ || cb == NLU_INFO_HOURS || cb == NLU_INFO_ADDRESS || cb == NLU_REPEAT ||
		    (cb == NLU_AVAILABILITY &&
		     (win == NLU_BOOK || (win == NLU_AVAILABILITY && f->has_day_or_time) || !intent_content(win)));
	/* "einen Termin bitte, und wo sind Sie?": a new booking asks where too; the
	 * booking is what to do, the address comes with it. So with a wish to cancel or move
	 * ("ich möchte absagen, und bei der Gelegenheit: wo ist ...") or a wish said before
	 * the question ("ick bräuchte n Termin, wo is'n dit jenau") */
	bool joined = false;
	for (size_t k = qs >= 4 ? qs - 4 : 0; k < qs && later_q; k++)
		joined = joined || nlu_is(tk, k, "und");
	/* (the request itself may be asked: "könnten Sie meinen Termin verlegen, und wo ...") */
	size_t req = NLU_UNKNOWN;
	double req_w = 0;
	static const size_t reqs[] = { NLU_BOOK, NLU_CANCEL, NLU_RESCHEDULE };
	for (size_t r = 0; r < sizeof(reqs) / sizeof(reqs[0]); r++) {
		double w = fm->ahead[reqs[r]] + (fm->q1 < fm->q ? fm->first[reqs[r]] : 0);
		if (w >= 1.2 && score[reqs[r]] >= 1.2 && clause[reqs[r]] <= 0 && w > req_w) {
			req = reqs[r];
			req_w = w;
		}
	}
	/* ("und wo genau sind Sie da": the question from its question word on) */
	size_t asked = cb;
	for (size_t k = NLU_INFO_HOURS; asked == NLU_UNKNOWN && qs < fm->q && k <= NLU_INFO_ADDRESS; k++)
		if (fm->first[k] >= 1.2)
			asked = k;
	bool where_when = asked == NLU_INFO_ADDRESS || asked == NLU_INFO_HOURS ||
			  (asked == NLU_UNKNOWN && clause[NLU_INFO_ADDRESS] + clause[NLU_INFO_HOURS] > 0) ||
			  /* "ich möchte einen Termin buchen und gleich noch fragen, ob man parken kann" */
			  (asked == NLU_INFO_FAQ && fm->wish && joined);
	/* ("ich bräuchte einen Termin, wann haben Sie samstags auf": the day is the question's;
	 * not where: "einen Termin am Freitag in Hamburg, und wo genau sind Sie da") */
	bool wish_when = f->has_when && !fm->qtime && asked != NLU_INFO_ADDRESS;
	/* ("ich will buchen, aber wann machen Sie morgens auf": "aber" makes the question the point) */
	if (later_q && where_when && f->choice == NLU_CHOICE_NONE && req != NLU_UNKNOWN && !nlu_is(tk, qs - 1, "aber") &&
	    (nlu_is(tk, qs - 1, "und") || (req != NLU_BOOK && (joined || fm->wish || req_w >= 2.5)) ||
	     (fm->wish && fm->q1 == fm->q)) &&
	    !(req == NLU_BOOK && wish_when)) {
		intent_prefer(score, req, out);
		/* nor may the word model ask it */
		*out |= 1u << NLU_INFO_ADDRESS | 1u << NLU_INFO_HOURS | (cb == NLU_INFO_FAQ ? 1u << NLU_INFO_FAQ : 0);
		return;
	}
	/* "wo ist das, und kann man da parken?": of two questions joined by "und" the first
	 * is what the caller asks, the second comes along with it */
	size_t c1 = NLU_UNKNOWN;
	for (size_t k = 1; k < NLU_INTENT_COUNT; k++)
		if (intent_content(k) && fm->first[k] >= 1.0 && (c1 == NLU_UNKNOWN || fm->first[k] > fm->first[c1]))
			c1 = k;
	if (later_q && fm->q1 < fm->q && nlu_is(tk, fm->q - 1, "und") &&
	    (c1 == NLU_INFO_FAQ || c1 == NLU_INFO_HOURS || c1 == NLU_INFO_ADDRESS || c1 == NLU_AVAILABILITY)) {
		intent_settle(score, c1, out);
		return;
	}
	if (later_q && asks) {
		intent_settle(score, cb, out);
		win = cb;
	}
	/* "was war das mit dem zweiten nochmal?", "welche Zeiten hatten Sie gesagt?" */
	static const char *const what[] = { "was", "welche", "welcher", "welches", "welchen", "wie", NULL };
	if (fm->again && fm->q < tk->n && !fm->existing && nlu_oneof(tk, fm->q, what) >= 0 &&
	    (cb == NLU_UNKNOWN || cb == NLU_BOOK || cb == NLU_AVAILABILITY || cb == NLU_REPEAT)) {
		intent_prefer(score, NLU_REPEAT, out);
		return;
	}
	/* "bis wann kann man am Freitag kommen?": until when the studio is open */
	if (fm->until && (win == NLU_INFO_FAQ || win == NLU_AVAILABILITY || win == NLU_BOOK)) {
		intent_prefer(score, NLU_INFO_HOURS, out);
		return;
	}
	/* "den ersten, aber ist das in Köln?": a question naming a town asks where */
	if (later_q && cb == NLU_UNKNOWN && f->city && !fm->indirect) {
		intent_prefer(score, NLU_INFO_ADDRESS, out);
		return;
	}
	/* "ja passt, kriege ich dann eine Erinnerung?": a question after an answer or a request
	 * that no cue claims, about no day or time, is one for the studio's FAQ */
	double said = 0;   /* the strongest cue of the last question */
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		said = clause[k] > said ? clause[k] : said;
	if (later_q && said < 1.0 && !fm->indirect && !fm->qtime && !fm->visit && !f->name && f->digits == 0 &&
	    f->choice == NLU_CHOICE_NONE && tk->n - fm->q >= 4) {
		intent_prefer(score, NLU_INFO_FAQ, out);
		return;
	}
	/* "kann ich jederzeit kündigen?", "kann ich das auch wieder absagen?": a rule is asked */
	if (fm->modal && fm->policy && (win == NLU_CANCEL || win == NLU_RESCHEDULE || win == NLU_BOOK)) {
		intent_prefer(score, NLU_INFO_FAQ, out);
		return;
	}
	/* "mein Mann hat morgen einen Termin und schafft es nicht": what is booked is not booked again */
	if (fm->existing && (score[NLU_CANCEL] >= 1.5 || score[NLU_RESCHEDULE] >= 1.5)) {
		if (win == NLU_BOOK)
			intent_prefer(score, score[NLU_CANCEL] >= score[NLU_RESCHEDULE] ? NLU_CANCEL : NLU_RESCHEDULE, out);
		*out |= 1u << NLU_BOOK;
		return;
	}
	/* "kann ich für meinen Termin am Freitag einen neuen kriegen": a new one for an appointment
	 * still ahead moves it; for one gone by ("ich hatte gestern einen") it is booked anew */
	if (fm->existing && fm->renew && !f->past && !fm->past_verb && win == NLU_BOOK) {
		intent_prefer(score, NLU_RESCHEDULE, out);
		return;
	}
	/* "ich war krank und hab den Termin verpasst, kann ich einen neuen bekommen": what is
	 * gone by is neither cancelled nor moved */
	if (fm->renew && (f->past || fm->past_verb) && win == NLU_BOOK) {
		intent_settle(score, NLU_BOOK, out);
		return;
	}
	/* "wegen morgen, ob das auch später geht", "meinen Termin lieber am Freitag": it moves */
	if (fm->existing && (fm->shift || fm->onto || f->counter) && (f->has_when || fm->shift) &&
	    (win == NLU_BOOK || win == NLU_AVAILABILITY || intent_max(score, NULL) < 0.9)) {
		intent_prefer(score, NLU_RESCHEDULE, out);
		*out |= 1u << NLU_BOOK | 1u << NLU_AVAILABILITY;
		return;
	}
	/* "ob es auch samstags geht", "geht heute noch was", "kann ich spontan vorbeikommen":
	 * a question for a free time, not a slot taken */
	if (fm->q < tk->n && fm->visit && (fm->indirect || fm->loose) && !fm->policy &&
	    (cb == NLU_UNKNOWN || cb == NLU_BOOK || cb == NLU_AVAILABILITY) &&
	    (win == NLU_BOOK || win == NLU_INFO_FAQ || win == NLU_YES || win == NLU_NO))
		intent_prefer(score, NLU_AVAILABILITY, out);
}

/* A day or time said in small talk ("das Wetter ist heute furchtbar": a statement with no
 * word of a request) or an appointment gone by told ("ich hatte gestern einen Termin und
 * hab ihn vergessen") books nothing; neither the rules nor the word model (*out) may. */
bool intent_small_talk(const struct intent_form *fm, const struct nlu_facts *f, double score[NLU_INTENT_COUNT],
		       unsigned *out)
{
	bool small = fm->statement_verb && !f->counter && score[NLU_BOOK] <= 0 && score[NLU_AVAILABILITY] <= 0 &&
		     score[NLU_NO] <= 0 && intent_max(score, NULL) < 0.9 && !(fm->existing && fm->shift);
	/* "frohe Weihnachten und einen guten Rutsch": the feast greeted is no day to book */
	if (fm->feast && score[NLU_BOOK] < 1.5 && score[NLU_AVAILABILITY] < 1.5)
		small = true;
	if (f->past && fm->past_verb && !fm->wish && !f->has_day_or_time && score[NLU_BOOK] < 1.5) {
		score[NLU_BOOK] *= 0.3;
		small = true;
	}
	/* "ich sitz hier grad beim Kaffee": nor may the word model make a request of it that no
	 * word of the turn makes, unless the turn names what it is about ("es ist wegen der Rechnung") */
	for (size_t k = 1; k < NLU_INTENT_COUNT && small && !fm->topic; k++)
		if (intent_request(k) && score[k] <= 0)
			*out |= 1u << k;
	/* "frohe Ostern erstmal und schönen Feiertag noch": nor a question no word of it asks */
	for (size_t k = 1; k < NLU_INTENT_COUNT && fm->feast && small; k++)
		if (score[k] <= 0)
			*out |= 1u << k;
	if (small)
		*out |= 1u << NLU_BOOK | 1u << NLU_AVAILABILITY;
	return small;
}

/* The form's last word on the scores: a check of the line is no question about hours,
 * then intent_form_decide(), then an aside outweighs the words around it. */
void intent_form_apply(const struct nlu_toks *tk, struct intent_form *fm, const struct nlu_facts *f,
		       double score[NLU_INTENT_COUNT], unsigned *out)
{
	/* "ich wollte mal hören, ob jemand da ist": with no day or time it checks the line */
	if (fm->there > 0 && !f->has_when && score[NLU_INFO_HOURS] <= fm->there) {
		score[NLU_INFO_HOURS] = fm->clause[NLU_INFO_HOURS] = 0;
		*out |= 1u << NLU_INFO_HOURS;
	}
	intent_form_decide(tk, fm, f, score, out);
	/* "ich wohne in Berlin": a statement with no word of the address asks none */
	if (fm->q >= tk->n && !tk->question && score[NLU_INFO_ADDRESS] <= 0)
		*out |= 1u << NLU_INFO_ADDRESS;
	/* "ich sitz grad beim Kaffee": a statement with no question and only a faint word of
	 * the FAQ asks nothing */
	if (fm->q >= tk->n && !tk->question && score[NLU_INFO_FAQ] > 0 && score[NLU_INFO_FAQ] < 1.5 &&
	    intent_max(score, NULL) <= score[NLU_INFO_FAQ]) {
		score[NLU_INFO_FAQ] *= 0.3;
		*out |= 1u << NLU_INFO_FAQ;
		for (size_t k = 1; k < NLU_INTENT_COUNT && !fm->topic; k++)
			if (intent_request(k) && score[k] <= 0)
				*out |= 1u << k;
	}
	/* "sind Sie noch dran?", "keine Ahnung": with no day or time to answer, nor may the
	 * word model bring back what it outweighs */
	for (size_t k = 1; k < NLU_INTENT_COUNT && fm->aside > 0; k++)
		if (score[k] < fm->aside && !(k == NLU_GIVE_NAME && f->name_marked) &&
		    !(k == NLU_GIVE_PHONE && f->digits >= 6)) {   /* ("Lehmann, sorry, ich bin durch den Wind") */
			score[k] *= 0.3;
			if (!f->has_when)
				*out |= 1u << k;
		}
}
