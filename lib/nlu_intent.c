/* nlu_intent.c: scores what a German caller wants from weighted cue phrases, negation and the dialog's question. */
#include "nlu_int.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { CUE_NEG = 1 };   /* "nicht" just before turns the cue around ("nicht absagen") */

/* A cue: words separated by spaces; "word*" matches a prefix; ".." lets up to
 * a few other words stand between its neighbours. Longer cues are tried first
 * and take their words, so "passt nicht" keeps "passt" from counting as yes.
 * (".." allows up to INTENT_GAP words.) */
struct intent_cue {
	const char *p;
	enum nlu_intent intent;
	float w;
	unsigned flags;
};

#define B NLU_BOOK
#define A NLU_AVAILABILITY
#define N NLU_GIVE_NAME
#define H NLU_HUMAN
#define C NLU_CALLBACK
#define X NLU_CANCEL
#define R NLU_RESCHEDULE
#define O NLU_INFO_HOURS
#define W NLU_INFO_ADDRESS
#define Y NLU_YES
#define F NLU_NO
#define G NLU_BYE
#define Q NLU_REPEAT
#define P NLU_GIVE_PHONE

static const struct intent_cue intent_cues[] = {
	/* small talk: taken so that its words count for nothing else */
	{ "wie geht es ihnen", NLU_UNKNOWN, 1.0f, 0 }, { "wie geht es dir", NLU_UNKNOWN, 1.0f, 0 },
	{ "wie gehts", NLU_UNKNOWN, 1.0f, 0 }, { "guten tag", NLU_UNKNOWN, 1.0f, 0 },
	{ "guten morgen", NLU_UNKNOWN, 1.0f, 0 }, { "guten abend", NLU_UNKNOWN, 1.0f, 0 },
	/* book */
	{ "termin*", B, 1.2f, 0 }, { "buchen", B, 2.0f, CUE_NEG }, { "buche", B, 1.8f, 0 }, { "einbuchen", B, 2.0f, 0 },
	{ "vereinbar*", B, 2.0f, 0 }, { "ausmachen", B, 2.0f, 0 }, { "reservier*", B, 2.0f, CUE_NEG },
	{ "anmeld*", B, 1.5f, 0 }, { "eintragen", B, 1.5f, 0 }, { "probe*", B, 1.5f, 0 },
	{ "beratung*", B, 1.2f, 0 }, { "erstberatung*", B, 1.5f, 0 }, { "beratungsgespraech*", B, 1.5f, 0 },
	{ "kennenlern*", B, 1.2f, 0 }, { "kennen lernen", B, 1.2f, 0 }, { "ausprobier*", B, 1.5f, 0 },
	{ "testen", B, 1.0f, 0 }, { "vorbeikommen", B, 1.3f, 0 }, { "vorbeischauen", B, 1.3f, 0 },
	{ "vorbei kommen", B, 1.3f, 0 }, { "kommen", B, 0.4f, 0 }, { "haette .. gern*", B, 0.8f, 0 },
	{ "haett .. gern*", B, 0.8f, 0 }, { "moechte", B, 0.5f, 0 }, { "moechten", B, 0.5f, 0 },
	{ "wuerde .. gern*", B, 0.6f, 0 }, { "wollte", B, 0.5f, 0 }, { "will", B, 0.3f, 0 },
	{ "brauche", B, 0.6f, 0 }, { "braeuchte", B, 0.7f, 0 }, { "suche", B, 0.5f, 0 },
	{ "neukund*", B, 1.0f, 0 }, { "behandlung*", B, 0.8f, 0 }, { "sitzung*", B, 0.8f, 0 },
	{ "anfangen", B, 0.8f, 0 }, { "mitmachen", B, 0.8f, 0 }, { "interessier*", B, 1.0f, 0 },
	{ "interesse", B, 1.0f, 0 }, { "nehme", B, 1.2f, 0 }, { "nehm", B, 1.2f, 0 }, { "nehmen wir", B, 1.5f, 0 },
	{ "geht auch", B, 0.9f, 0 }, { "passt auch", B, 0.9f, 0 }, { "lieber", B, 0.6f, 0 },
	{ "am besten", B, 0.6f, 0 }, { "wie waere es", B, 1.0f, 0 }, { "wie waers", B, 1.0f, 0 },
	{ "machen", B, 0.3f, 0 }, { "gutschein*", B, 1.5f, 0 }, { "einloesen", B, 1.0f, 0 }, { "moechte .. gern*", B, 0.8f, 0 },
	{ "ich hab* .. frei", B, 2.5f, 0 }, { "ich bin .. frei", B, 2.5f, 0 }, { "ich haette .. zeit", B, 2.0f, 0 },
	{ "ich habe .. zeit", B, 2.0f, 0 }, { "ich kann", B, 0.5f, 0 }, { "ich koennte", B, 0.8f, 0 }, { "hin", B, 0.3f, 0 },
	/* availability */
	{ "frei", A, 1.8f, 0 }, { "freie", A, 1.8f, 0 }, { "freien", A, 1.8f, 0 }, { "freies", A, 1.8f, 0 },
	{ "platz", A, 1.2f, 0 }, { "plaetze", A, 1.2f, 0 }, { "verfuegbar*", A, 2.0f, 0 },
	{ "kapazitaet*", A, 1.5f, 0 }, { "wann haben sie", A, 1.6f, 0 }, { "wann haetten sie", A, 1.6f, 0 },
	{ "wann habt ihr", A, 1.6f, 0 }, { "wann geht*", A, 1.6f, 0 }, { "wann ginge*", A, 1.6f, 0 },
	{ "wann koennte", A, 1.6f, 0 }, { "wann kann ich", A, 1.6f, 0 }, { "wann waere", A, 1.6f, 0 },
	{ "wann passt*", A, 1.6f, 0 }, { "wann .. zeit", A, 1.0f, 0 }, { "was haben sie", A, 1.2f, 0 },
	{ "was haetten sie", A, 1.2f, 0 }, { "haben sie .. noch", A, 1.5f, 0 }, { "haetten sie", A, 1.0f, 0 },
	{ "haben sie", A, 0.5f, 0 }, { "gibt es", A, 0.8f, 0 }, { "gibts", A, 0.8f, 0 },
	{ "moeglich", A, 0.8f, 0 }, { "geht es", A, 1.5f, 0 }, { "geht das", A, 1.5f, 0 },
	{ "gehts", A, 1.5f, 0 }, { "ginge es", A, 1.5f, 0 }, { "ginge*", A, 1.5f, 0 }, { "ginge das", A, 1.5f, 0 },
	{ "klappt es", A, 1.5f, 0 }, { "klappt das", A, 0.8f, 0 }, { "noch was", A, 1.0f, 0 },
	{ "noch etwas", A, 0.8f, 0 }, { "zeit", A, 0.4f, 0 }, { "zeiten", A, 0.5f, 0 },
	{ "welche termine", A, 1.5f, 0 }, { "welche .. zeiten", A, 1.2f, 0 }, { "welche tage", A, 1.2f, 0 },
	{ "wie sieht es .. aus", A, 1.5f, 0 }, { "wie siehts .. aus", A, 1.5f, 0 },
	{ "wie schaut es .. aus", A, 1.5f, 0 }, { "wie schauts .. aus", A, 1.5f, 0 }, { "was moeglich", A, 1.5f, 0 },
	{ "etwas moeglich", A, 1.5f, 0 }, { "haben sie .. was", A, 1.5f, 0 }, { "haetten sie .. was", A, 1.5f, 0 },
	{ "habt ihr .. was", A, 1.5f, 0 }, { "frueheste", A, 1.5f, 0 }, { "fruehesten", A, 1.5f, 0 }, { "fruehester", A, 1.5f, 0 }, { "was waere", A, 1.0f, 0 }, { "bekommen", A, 0.5f, 0 }, { "kriegen", A, 0.5f, 0 },
	{ "wann", A, 0.3f, 0 }, { "ist .. noch .. frei", A, 2.5f, 0 },
	/* give_name */
	{ "mein name ist", N, 3.0f, 0 }, { "mein name lautet", N, 3.0f, 0 }, { "mein name", N, 2.5f, 0 },
	{ "name ist", N, 2.0f, 0 }, { "der name ist", N, 2.5f, 0 }, { "ich heisse", N, 3.0f, 0 },
	{ "heisse", N, 2.0f, 0 }, { "hier ist", N, 1.5f, 0 }, { "hier spricht", N, 2.5f, 0 },
	{ "am apparat", N, 2.5f, 0 }, { "ich bin die", N, 1.5f, 0 }, { "ich bin der", N, 1.5f, 0 },
	{ "sie sprechen mit", N, 2.5f, 0 }, { "es spricht", N, 2.0f, 0 }, { "nachname*", N, 2.0f, 0 },
	{ "vorname*", N, 2.0f, 0 }, { "schreibt sich", N, 1.5f, 0 }, { "buchstabier*", N, 1.0f, 0 },
	/* human */
	{ "mitarbeiter*", H, 2.5f, 0 }, { "mensch*", H, 2.0f, 0 }, { "person", H, 1.2f, 0 },
	{ "persoenlich", H, 1.5f, 0 }, { "jemand*", H, 1.5f, 0 }, { "verbind*", H, 2.5f, 0 },
	{ "weiterverbind*", H, 2.5f, 0 }, { "durchstell*", H, 2.5f, 0 }, { "weiterleit*", H, 2.0f, 0 },
	{ "sprechen", H, 0.6f, 0 }, { "mit frau", H, 1.2f, 0 }, { "mit herrn", H, 1.2f, 0 }, { "mit herr", H, 1.2f, 0 }, { "reden", H, 0.6f, 0 }, { "echte*", H, 1.0f, 0 }, { "berater*", H, 1.5f, 0 },
	{ "chef*", H, 1.5f, 0 }, { "filialleiter*", H, 1.5f, 0 }, { "studioleiter*", H, 1.5f, 0 },
	{ "leiter*", H, 1.5f, 0 }, { "kolleg*", H, 1.2f, 0 }, { "zentrale", H, 1.5f, 0 },
	{ "rezeption", H, 1.5f, 0 }, { "empfang", H, 1.0f, 0 }, { "operator", H, 2.0f, 0 },
	{ "roboter", H, 1.5f, 0 }, { "maschine", H, 1.5f, 0 }, { "computer", H, 1.5f, 0 }, { "bot", H, 1.5f, 0 },
	{ "automat*", H, 1.2f, 0 }, { "ansprechpartner*", H, 2.0f, 0 }, { "beschwer*", H, 1.5f, 0 },
	{ "reklamation", H, 1.5f, 0 }, { "lebende*", H, 1.0f, 0 }, { "kundenservice", H, 1.8f, 0 },
	{ "kundendienst", H, 1.8f, 0 }, { "sachbearbeiter*", H, 2.0f, 0 }, { "hilft mir nicht", H, 1.5f, 0 },
	{ "verstehen mich nicht", H, 1.5f, 0 }, { "verspaet*", H, 2.0f, 0 },
	{ "komme .. spaeter", H, 2.0f, 0 }, { "komme .. zu spaet", H, 2.5f, 0 }, { "noch steht", H, 2.0f, 0 },
	{ "wann ist mein termin", H, 2.5f, 0 }, { "wann war .. mein termin", H, 2.5f, 0 },
	{ "wann habe ich .. termin", H, 2.0f, 0 }, { "verstehst mich nicht", H, 1.5f, 0 },
	/* callback */
	{ "mich .. zurueckruf*", C, 3.0f, 0 }, { "mich .. anruf*", C, 2.5f, 0 }, { "ruf* .. mich .. zurueck", C, 3.0f, 0 },
	{ "ruf* .. mich .. an", C, 2.5f, 0 }, { "rueckruf*", C, 3.0f, 0 }, { "zurueckruf*", C, 2.5f, 0 },
	{ "melden sie sich", C, 2.0f, 0 }, { "sich .. bei mir .. melden", C, 2.5f, 0 },
	{ "melden .. bei mir", C, 2.0f, 0 }, { "rueckmeldung", C, 1.5f, 0 }, { "zurueckmelden", C, 2.0f, 0 },
	{ "meldet sich", C, 1.5f, 0 }, { "mich .. erreichen", C, 1.0f, 0 }, { "anrufen", C, 0.5f, 0 },
	/* cancel */
	{ "absag*", X, 3.0f, CUE_NEG }, { "abgesagt", X, 2.5f, 0 }, { "storn*", X, 3.0f, CUE_NEG },
	{ "abmelden", X, 2.0f, CUE_NEG }, { "cancel*", X, 3.0f, 0 }, { "streichen", X, 2.0f, 0 },
	{ "loeschen", X, 1.5f, 0 }, { "ausfallen", X, 2.0f, 0 }, { "faellt .. aus", X, 2.0f, 0 },
	{ "nicht kommen", X, 2.0f, 0 }, { "nicht .. kommen", X, 1.5f, 0 }, { "nicht wahrnehmen", X, 2.5f, 0 },
	{ "nicht .. wahrnehmen", X, 2.5f, 0 }, { "kuendig*", X, 2.0f, 0 }, { "brauche .. nicht mehr", X, 2.0f, 0 },
	{ "brauch .. nicht mehr", X, 2.0f, 0 }, { "nicht mehr", X, 0.4f, 0 }, { "zurueckziehen", X, 1.5f, 0 },
	{ "nicht .. schaffen", X, 1.2f, 0 }, { "schaffe .. nicht", X, 1.2f, 0 }, { "dazwischen*", X, 2.0f, 0 },
	{ "ich kann .. nicht", X, 1.0f, 0 }, { "ich komme .. nicht", X, 1.5f, 0 }, { "komme nicht", X, 2.0f, 0 },
	{ "krank", X, 1.0f, 0 }, { "erkaeltet", X, 1.0f, 0 },
	/* reschedule */
	{ "verschieb*", R, 3.0f, CUE_NEG }, { "verleg*", R, 2.5f, 0 }, { "umbuch*", R, 3.0f, 0 },
	{ "umleg*", R, 2.5f, 0 }, { "umterminier*", R, 3.0f, 0 }, { "anderen termin", R, 2.0f, 0 },
	{ "neuen termin", R, 0.8f, 0 }, { "anderen tag", R, 1.5f, 0 }, { "andere zeit", R, 1.5f, 0 },
	{ "andere uhrzeit", R, 1.5f, 0 }, { "anderes datum", R, 1.5f, 0 }, { "aender*", R, 1.5f, 0 },
	{ "tauschen", R, 1.5f, 0 }, { "stattdessen", R, 1.0f, 0 }, { "statt", R, 1.0f, 0 },
	{ "anstatt", R, 1.0f, 0 }, { "vorverleg*", R, 2.5f, 0 }, { "vorzieh*", R, 2.5f, 0 },
	{ "nach hinten", R, 1.5f, 0 }, { "meinen termin", R, 0.5f, 0 }, { "mein termin", R, 0.5f, 0 }, { "den termin", R, 0.5f, 0 },
	{ "dem termin", R, 0.5f, 0 }, { "termin .. auf .. legen", R, 2.5f, 0 }, { "auf .. legen", R, 2.0f, 0 },
	{ "frueher machen", R, 2.0f, 0 }, { "spaeter machen", R, 2.0f, 0 }, { "frueher legen", R, 2.0f, 0 },
	{ "spaeter legen", R, 2.0f, 0 }, { "nach vorne", R, 1.5f, 0 },
	/* opening hours */
	{ "oeffnungszeit*", O, 3.0f, 0 }, { "geoeffnet", O, 2.5f, 0 }, { "offen", O, 1.8f, 0 },
	{ "oeffnen", O, 2.0f, 0 }, { "oeffnet", O, 2.0f, 0 }, { "aufmachen", O, 2.0f, 0 },
	{ "macht .. auf", O, 2.0f, 0 }, { "machen .. auf", O, 2.0f, 0 }, { "haben sie .. auf", O, 2.5f, 0 },
	{ "habt ihr .. auf", O, 2.5f, 0 }, { "hat .. auf", O, 1.8f, 0 }, { "wie lange", O, 1.2f, 0 },
	{ "bis wann", O, 1.8f, 0 }, { "ab wann", O, 1.5f, 0 }, { "machen sie zu", O, 2.5f, 0 },
	{ "machen .. zu", O, 2.0f, 0 }, { "macht .. zu", O, 2.0f, 0 }, { "zumachen", O, 2.0f, 0 },
	{ "schliess*", O, 2.0f, 0 }, { "geschlossen", O, 2.0f, 0 }, { "feiertag*", O, 1.0f, 0 },
	/* address */
	{ "adresse", W, 3.0f, 0 }, { "anschrift", W, 3.0f, 0 }, { "wo sind sie", W, 2.5f, 0 },
	{ "wo seid ihr", W, 2.5f, 0 }, { "wo finde ich", W, 2.5f, 0 }, { "wo befinde*", W, 2.5f, 0 },
	{ "wo liegt", W, 2.5f, 0 }, { "wo ist", W, 1.8f, 0 }, { "wo genau", W, 2.0f, 0 },
	{ "wo .. studio*", W, 2.5f, 0 }, { "wo .. filiale*", W, 2.5f, 0 }, { "wo", W, 1.0f, 0 },
	{ "anfahrt", W, 3.0f, 0 }, { "wegbeschreibung", W, 3.0f, 0 }, { "hinkomm*", W, 2.0f, 0 },
	{ "wie komme ich", W, 2.0f, 0 }, { "strasse", W, 2.0f, 0 }, { "hausnummer", W, 2.0f, 0 },
	{ "parkplatz*", W, 2.0f, 0 }, { "parkplaetze", W, 2.0f, 0 }, { "parkmoeglichkeit*", W, 2.0f, 0 },
	{ "vertreten", W, 2.0f, 0 }, { "parken", W, 2.0f, 0 }, { "haltestelle", W, 2.0f, 0 },
	{ "bahn", W, 1.0f, 0 }, { "u-bahn", W, 1.5f, 0 }, { "s-bahn", W, 1.5f, 0 }, { "bus", W, 0.8f, 0 },
	{ "standort*", W, 2.0f, 0 }, { "navi", W, 1.5f, 0 }, { "postleitzahl", W, 2.0f, 0 },
	{ "wo gibt es", W, 1.5f, 0 }, { "filialen", W, 1.5f, 0 },
	/* yes */
	{ "ja", Y, 2.0f, 0 }, { "jawohl", Y, 2.5f, 0 }, { "jawoll", Y, 2.5f, 0 }, { "jo", Y, 2.0f, 0 },
	{ "joa", Y, 1.8f, 0 }, { "jap", Y, 2.0f, 0 }, { "jep", Y, 2.0f, 0 }, { "jup", Y, 2.0f, 0 },
	{ "yes", Y, 2.0f, 0 }, { "genau", Y, 2.0f, 0 }, { "richtig", Y, 1.8f, 0 }, { "stimmt", Y, 2.0f, 0 },
	{ "korrekt", Y, 2.0f, 0 }, { "passt", Y, 1.8f, 0 }, { "das passt", Y, 2.2f, 0 }, { "passt gut", Y, 2.2f, 0 },
	{ "gut", Y, 1.0f, 0 }, { "schoen", Y, 1.0f, 0 }, { "sehr schoen", Y, 1.8f, 0 }, { "sehr gut", Y, 1.8f, 0 }, { "okay", Y, 1.8f, 0 }, { "ok", Y, 1.8f, 0 },
	{ "okey", Y, 1.8f, 0 }, { "oke", Y, 1.8f, 0 }, { "einverstanden", Y, 2.5f, 0 }, { "gerne", Y, 1.2f, 0 },
	{ "gern", Y, 1.2f, 0 }, { "sehr gerne", Y, 2.0f, 0 }, { "klar", Y, 1.5f, 0 }, { "alles klar", Y, 2.0f, 0 },
	{ "na klar", Y, 2.0f, 0 }, { "sicher", Y, 1.2f, 0 }, { "perfekt", Y, 2.0f, 0 }, { "super", Y, 1.5f, 0 },
	{ "prima", Y, 1.8f, 0 }, { "wunderbar", Y, 1.8f, 0 }, { "toll", Y, 1.5f, 0 }, { "in ordnung", Y, 2.5f, 0 },
	{ "machen wir", Y, 2.0f, 0 }, { "machen wir so", Y, 2.5f, 0 }, { "auf jeden fall", Y, 2.5f, 0 },
	{ "natuerlich", Y, 2.0f, 0 }, { "selbstverstaendlich", Y, 2.0f, 0 }, { "mhm", Y, 1.8f, 0 },
	{ "mhmm", Y, 1.8f, 0 }, { "aha", Y, 0.5f, 0 }, { "ja bitte", Y, 2.5f, 0 }, { "geht klar", Y, 2.5f, 0 },
	{ "gebongt", Y, 2.5f, 0 }, { "unbedingt", Y, 2.0f, 0 }, { "logo", Y, 1.5f, 0 }, { "exakt", Y, 2.0f, 0 },
	{ "bestaetig*", Y, 1.5f, 0 }, { "kein problem", Y, 2.0f, 0 }, { "nicht schlecht", Y, 1.0f, 0 },
	{ "das geht", Y, 1.5f, 0 }, { "geht", Y, 0.6f, 0 }, { "klingt gut", Y, 2.0f, 0 },
	{ "hoert sich gut an", Y, 2.0f, 0 }, { "jaja", Y, 1.5f, 0 }, { "top", Y, 1.5f, 0 }, { "fein", Y, 1.0f, 0 },
	{ "alright", Y, 1.5f, 0 }, { "klappt", Y, 1.5f, 0 }, { "das klappt", Y, 2.0f, 0 },
	{ "wuerde passen", Y, 2.0f, 0 }, { "gleiche nummer", Y, 2.0f, 0 }, { "diese nummer", Y, 1.5f, 0 },
	{ "selbe nummer", Y, 2.0f, 0 }, { "passen", Y, 1.2f, 0 }, { "machen sie das", Y, 2.0f, 0 },
	/* no */
	{ "nein", F, 2.5f, 0 }, { "nee", F, 2.5f, 0 }, { "noe", F, 2.0f, 0 }, { "no", F, 1.0f, 0 },
	{ "nicht", F, 0.8f, 0 }, { "auf keinen fall", F, 3.0f, 0 }, { "keinesfalls", F, 3.0f, 0 },
	{ "lieber nicht", F, 2.5f, 0 }, { "eher nicht", F, 2.5f, 0 }, { "besser nicht", F, 2.5f, 0 },
	{ "falsch", F, 2.0f, 0 }, { "stimmt nicht", F, 2.5f, 0 }, { "stimmt so nicht", F, 2.5f, 0 },
	{ "passt nicht", F, 2.5f, 0 }, { "passt .. nicht", F, 2.2f, 0 }, { "geht nicht", F, 2.5f, 0 },
	{ "geht .. nicht", F, 2.2f, 0 }, { "nicht so gut", F, 2.5f, 0 }, { "nicht gut", F, 2.2f, 0 },
	{ "schlecht", F, 1.5f, 0 }, { "leider nicht", F, 2.2f, 0 }, { "nein danke", F, 3.0f, 0 },
	{ "niemals", F, 2.5f, 0 }, { "nix", F, 1.5f, 0 }, { "kann ich nicht", F, 1.5f, 0 },
	{ "klappt nicht", F, 2.5f, 0 }, { "klappt .. nicht", F, 2.2f, 0 }, { "ungern", F, 2.0f, 0 },
	{ "nicht wirklich", F, 2.0f, 0 }, { "doch nicht", F, 1.5f, 0 }, { "stopp", F, 1.5f, 0 },
	{ "kein interesse", F, 2.5f, 0 }, { "geht .. nichts an", F, 2.5f, 0 }, { "keiner davon", F, 2.5f, 0 }, { "keinen davon", F, 2.5f, 0 },
	{ "keine davon", F, 2.5f, 0 }, { "keins davon", F, 2.5f, 0 }, { "beide nicht", F, 2.5f, 0 }, { "moechte ich nicht", F, 2.0f, 0 }, { "will ich nicht", F, 2.0f, 0 },
	{ "ich moechte nicht", F, 1.5f, 0 }, { "ich will nicht", F, 1.5f, 0 }, { "keine zeit", F, 1.5f, 0 }, { "keine lust", F, 2.0f, 0 },
	{ "ist mir zu", F, 1.5f, 0 }, { "zu spaet", F, 1.2f, 0 }, { "zu frueh", F, 1.2f, 0 },
	/* bye */
	{ "tschuess", G, 3.0f, 0 }, { "tschues", G, 3.0f, 0 }, { "tschau", G, 3.0f, 0 }, { "ciao", G, 3.0f, 0 },
	{ "auf wiedersehen", G, 3.0f, 0 }, { "wiedersehen", G, 2.5f, 0 }, { "auf wiederhoeren", G, 3.0f, 0 },
	{ "wiederhoeren", G, 3.0f, 0 }, { "ade", G, 2.0f, 0 }, { "servus", G, 1.5f, 0 }, { "bis dann", G, 2.5f, 0 },
	{ "bis bald", G, 2.5f, 0 }, { "bis spaeter", G, 2.0f, 0 }, { "schoenen tag", G, 2.0f, 0 },
	{ "schoenen abend", G, 2.0f, 0 }, { "schoenes wochenende", G, 2.0f, 0 }, { "das wars", G, 2.5f, 0 },
	{ "das war es", G, 2.5f, 0 }, { "das war alles", G, 2.5f, 0 }, { "das ist alles", G, 2.0f, 0 },
	{ "nichts weiter", G, 2.0f, 0 }, { "sonst nichts", G, 2.0f, 0 }, { "danke", G, 0.8f, 0 },
	{ "vielen dank", G, 1.2f, 0 }, { "herzlichen dank", G, 1.2f, 0 }, { "besten dank", G, 1.2f, 0 }, { "dankeschoen", G, 1.2f, 0 }, { "danke schoen", G, 1.2f, 0 },
	{ "auflegen", G, 2.0f, 0 }, { "leg* .. auf", G, 2.0f, 0 }, { "ich ruf* .. an", G, 2.0f, 0 },
	{ "ich ruf* .. zurueck", G, 2.5f, 0 }, { "ich .. zurueckruf*", G, 2.0f, 0 }, { "ich melde mich", G, 2.5f, 0 },
	{ "ich .. melden", G, 2.0f, 0 }, { "melde mich", G, 2.0f, 0 }, { "mach* gut", G, 2.0f, 0 },
	{ "machs gut", G, 2.0f, 0 }, { "schluss", G, 1.5f, 0 }, { "baba", G, 2.0f, 0 }, { "adieu", G, 2.0f, 0 },
	{ "ueberleg* .. noch", G, 1.5f, 0 }, { "ueberleg* es mir", G, 1.5f, 0 }, { "nochmal ueberlegen", G, 1.5f, 0 },
	/* repeat */
	{ "wie bitte", Q, 3.0f, 0 }, { "bitte was", Q, 2.0f, 0 }, { "wiederholen", Q, 2.5f, 0 },
	{ "nicht verstanden", Q, 2.5f, 0 }, { "hab* .. nicht .. verstanden", Q, 3.0f, 0 }, { "verstanden", Q, 1.0f, 0 },
	{ "akustisch", Q, 2.0f, 0 }, { "lauter", Q, 1.5f, 0 }, { "langsamer", Q, 1.5f, 0 },
	{ "noch einmal", Q, 1.2f, 0 }, { "nochmal", Q, 1.2f, 0 }, { "noch mal", Q, 1.2f, 0 },
	{ "nochmal sagen", Q, 2.0f, 0 }, { "wie war das", Q, 2.0f, 0 }, { "was haben sie gesagt", Q, 2.5f, 0 },
	{ "was sagten sie", Q, 2.5f, 0 },
	/* give_phone */
	{ "meine nummer", P, 1.5f, 0 }, { "meine telefonnummer", P, 2.0f, 0 }, { "telefonnummer", P, 1.2f, 0 },
	{ "handynummer", P, 1.5f, 0 }, { "mobilnummer", P, 1.5f, 0 }, { "festnetz*", P, 1.2f, 0 },
	{ "erreichbar unter", P, 1.5f, 0 }, { "unter der nummer", P, 1.5f, 0 }, { "nummer", P, 0.6f, 0 },
	{ "handy", P, 0.6f, 0 },
};

#undef B
#undef A
#undef N
#undef H
#undef C
#undef X
#undef R
#undef O
#undef W
#undef Y
#undef F
#undef G
#undef Q
#undef P

#define INTENT_NCUES (sizeof(intent_cues) / sizeof(intent_cues[0]))
#define INTENT_MAX_EL 6
#define INTENT_GAP 4

struct intent_el {
	char w[32];
	size_t len;
	bool prefix, gap;
};

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

static bool intent_el_match(const struct intent_el *el, const struct nlu_tok *t)
{
	if (el->prefix)
		return t->len >= el->len && memcmp(t->w, el->w, el->len) == 0;
	return t->len == el->len && memcmp(t->w, el->w, el->len) == 0;
}

static bool intent_match_from(const struct nlu_toks *tk, const bool *used, const struct intent_el *el, size_t nel,
			      size_t e, size_t i, size_t *idx)
{
	if (e == nel)
		return true;
	if (e >= INTENT_MAX_EL)
		return false;
	size_t last = i + (el[e].gap ? INTENT_GAP : 0);
	for (size_t k = i; k <= last && k < tk->n; k++) {
		if (!used[k] && intent_el_match(&el[e], &tk->t[k])) {
			idx[e] = k;
			if (intent_match_from(tk, used, el, nel, e + 1, k + 1, idx))
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

static void intent_prepare(void)
{
	for (size_t c = 0; c < INTENT_NCUES; c++) {
		intent_prep[c].nel = intent_split(intent_cues[c].p, intent_prep[c].el);
		intent_prep[c].rank = 1;
		for (const char *p = intent_cues[c].p; *p; p++)
			intent_prep[c].rank += *p == ' ';
		intent_order[c] = c;
	}
	qsort(intent_order, INTENT_NCUES, sizeof(intent_order[0]), intent_cmp);
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

void nlu_intent_score(const struct nlu_toks *tk, const struct nlu_facts *f, enum nlu_expect expect,
		      double score[NLU_INTENT_COUNT])
{
	bool used[NLU_MAX_TOKENS];
	memset(used, 0, sizeof(used));
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		score[k] = 0;
	pthread_once(&intent_once, intent_prepare);

	/* "ne" alone or before "danke" is no; before a noun it is "eine" */
	static const char *const ne_next[] = { "danke", "das", "passt", "lieber", "leider", "also", "nicht", NULL };
	if (nlu_is(tk, 0, "ne") && (tk->n == 1 || nlu_oneof(tk, 1, ne_next) >= 0)) {
		score[NLU_NO] += 2.0;
		used[0] = true;
	}

	for (size_t o = 0; o < INTENT_NCUES; o++) {
		const struct intent_cue *cue = &intent_cues[intent_order[o]];
		const struct intent_el *el = intent_prep[intent_order[o]].el;
		size_t nel = intent_prep[intent_order[o]].nel;
		size_t idx[INTENT_MAX_EL];
		bool hit = false;
		for (size_t s = 0; s < tk->n && !hit; s++)
			if (!used[s] && intent_el_match(&el[0], &tk->t[s])) {
				idx[0] = s;
				hit = intent_match_from(tk, used, el, nel, 1, s + 1, idx);
			}
		if (!hit)
			continue;
		double w = cue->w;
		for (size_t e = 0; e < nel; e++)
			used[idx[e]] = true;
		if (cue->flags & CUE_NEG) {
			for (size_t b = 1; b <= 3 && b <= idx[0]; b++) {
				size_t k = idx[0] - b;
				if (nlu_negation(tk->t[k].w)) {
					used[k] = true;
					w = -0.5 * w;
					break;
				}
				if (used[k] || nlu_is(tk, k, "sondern") || nlu_is(tk, k, "aber") || nlu_is(tk, k, "oder") ||
				    nlu_is(tk, k, "und"))
					break;
			}
		}
		/* "ja, ich hätte gern einen Termin": in a longer turn nobody asked a
		 * yes/no question for, single yes or no words are particles */
		if ((cue->intent == NLU_YES || cue->intent == NLU_NO) && nel == 1 && tk->n > 4 &&
		    expect != NLU_EXPECT_YESNO)
			w *= idx[0] > 1 ? 0.25 : 0.5;   /* "das ist ja unglaublich" */
		score[cue->intent] += w;
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
	bool asking = nlu_oneof(tk, first, ask) >= 0 || tk->question;
	if (asking)
		score[NLU_AVAILABILITY] += 0.6;
	if (f->name_marked)
		score[NLU_GIVE_NAME] = (score[NLU_GIVE_NAME] > 1.5 ? score[NLU_GIVE_NAME] : 1.5) + 1.5;
	else
		score[NLU_GIVE_NAME] *= 0.3;
	if (f->digits >= 6)
		score[NLU_GIVE_PHONE] += 2.0;
	/* a time said with no other request is a wish to book then */
	double request = 0;
	for (size_t k = NLU_GIVE_NAME; k < NLU_INTENT_COUNT; k++)
		if (k != NLU_YES && k != NLU_NO && k != NLU_GIVE_NAME && score[k] > request)
			request = score[k];
	if (f->has_when && request < 1.5) {
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

	/* "nee, geht auch Donnerstag": no to the offer, yes to another time */
	if (f->has_day_or_time && score[NLU_NO] > score[NLU_YES] && request < 1.5)
		score[NLU_BOOK] += score[NLU_NO] * (expect == NLU_EXPECT_YESNO ? 1.5 : 1.0) + 0.5;
	/* a closing formula ends the call whatever yes or no it carries */
	if (score[NLU_BYE] >= 2.0) {
		score[NLU_YES] *= 0.3;
		score[NLU_NO] *= 0.3;
	}

	switch (expect) {
	case NLU_EXPECT_YESNO:
		score[NLU_YES] = score[NLU_YES] > 0 ? score[NLU_YES] * 1.5 + 0.3 : 0;
		score[NLU_NO] = score[NLU_NO] > 0 ? score[NLU_NO] * 1.5 + 0.3 : 0;
		/* "ja, aber lieber Donnerstag": a counter-proposal */
		if (f->has_when && f->counter)
			score[NLU_BOOK] += 1.0;
		break;
	case NLU_EXPECT_NAME:
		if (f->name) {
			score[NLU_GIVE_NAME] += f->name_marked ? 1.0 : 2.5;
			score[NLU_YES] *= 0.3;   /* "ja klar, Wagner" */
		}
		break;
	/* an answer to "wann?" books; a question back ("haben Sie auch nachmittags?") asks */
	case NLU_EXPECT_DATE:
		if (f->has_when && !asking)
			score[NLU_BOOK] += 1.5;
		break;
	case NLU_EXPECT_CHOICE:
		if ((f->has_when && !asking) || f->choice != NLU_CHOICE_NONE)
			score[NLU_BOOK] += 2.0;
		break;
	case NLU_EXPECT_PHONE:
		if (f->digits >= 3)
			score[NLU_GIVE_PHONE] += 2.5;
		break;
	case NLU_EXPECT_NONE:
	default:
		break;
	}
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		if (score[k] < 0)
			score[k] = 0;
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
