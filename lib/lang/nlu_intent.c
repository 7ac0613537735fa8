/* nlu_intent.c: scores what a German caller wants from weighted cue phrases, negation and the dialog's question. */
#include "nlu_int.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum {
	CUE_NEG = 1,     /* "nicht" just before turns the cue around ("nicht absagen") */
	CUE_ASIDE = 2,   /* an aside ("sind Sie noch dran?") that outweighs the words around it */
	CUE_THERE = 4,   /* someone is there: opening hours with a day or time, else a check of the line */
	CUE_FEAST = 8,   /* a season's greeting ("frohe Weihnachten"): its day is no wish to book */
	CUE_NONE = 16,   /* "keiner von beiden", "weder ... noch": every time offered or said is ruled out */
};

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
#define K NLU_INFO_FAQ
#define Z NLU_WAIT
#define U NLU_UNKNOWN

static const struct intent_cue intent_cues[] = {
	/* small talk: taken so that its words count for nothing else */
	{ "wie geht es ihnen", NLU_UNKNOWN, 1.0f, 0 }, { "wie geht es dir", NLU_UNKNOWN, 1.0f, 0 },
	{ "wie gehts", NLU_UNKNOWN, 1.0f, 0 }, { "guten tag", NLU_UNKNOWN, 1.0f, 0 },
	{ "guten morgen", NLU_UNKNOWN, 1.0f, 0 }, { "guten abend", NLU_UNKNOWN, 1.0f, 0 },
	{ "gruess gott", U, 1.0f, 0 }, { "gruess sie", U, 1.0f, 0 }, { "gruess dich", U, 1.0f, 0 },
	{ "schoenen guten tag", U, 1.0f, 0 }, { "schoenen guten morgen", U, 1.0f, 0 },
	/* "sind Sie ein Mensch?": a question about who answers, not a wish for a person */
	{ "sind sie .. mensch", U, 3.5f, 0 }, { "sind sie .. roboter", U, 3.5f, 0 }, { "sind sie .. maschine", U, 3.5f, 0 },
	{ "sind sie .. computer", U, 3.5f, 0 }, { "spreche ich mit .. maschine", U, 3.5f, 0 },
	{ "spreche ich mit .. computer", U, 3.5f, 0 }, { "spreche ich mit .. roboter", U, 3.5f, 0 },
	{ "bist du .. mensch", U, 3.5f, 0 }, { "bist du .. roboter", U, 3.5f, 0 }, { "mit wem spreche ich", U, 3.5f, 0 },
	{ "mit wem bin ich", U, 3.5f, 0 }, { "wer ist da dran", U, 3.5f, 0 },
	/* "ich rufe an wegen ...", "ich ruf an um ... abzusagen": why they call, no goodbye */
	{ "ruf* .. an wegen", U, 3.0f, 0 }, { "ruf* .. an weil", U, 3.0f, 0 }, { "ruf* .. an um", U, 3.0f, 0 },
	{ "ruf* .. an fuer", U, 3.0f, 0 }, { "ruf* .. an bezueglich", U, 3.0f, 0 }, { "ruf* .. an da", U, 3.0f, 0 },
	/* asides and noise: about the line, the caller's own memory, the clock ("sind Sie noch dran?") */
	{ "noch dran", U, 3.0f, CUE_ASIDE }, { "keine ahnung", U, 3.0f, CUE_ASIDE }, { "ich hoer* sie", U, 3.0f, CUE_ASIDE },
	{ "wie spaet ist es", U, 3.0f, CUE_ASIDE }, { "was wollte ich", U, 2.5f, 0 },
	{ "ist da .. studio", U, 2.5f, CUE_ASIDE },
	/* a word to someone in the room: "Kinder, seid mal leise" */
	{ "seid .. leise", U, 3.0f, CUE_ASIDE }, { "seid .. ruhig", U, 3.0f, CUE_ASIDE }, { "sei .. leise", U, 3.0f, CUE_ASIDE },
	{ "sei .. ruhig", U, 3.0f, CUE_ASIDE },
	/* the line, not the studio: "hören Sie mich? ich bin im Auto" */
	{ "hoeren sie mich", U, 1.2f, CUE_ASIDE }, { "hoerst du mich", U, 1.2f, CUE_ASIDE },
	{ "versteh* sie mich", U, 1.2f, CUE_ASIDE }, { "im auto", U, 2.0f, CUE_ASIDE },
	{ "tunnel", U, 2.5f, CUE_ASIDE },
	{ "koennen sie mich .. hoeren", U, 1.2f, CUE_ASIDE }, { "kannst du mich .. hoeren", U, 1.2f, CUE_ASIDE },
	{ "im zug", U, 2.0f, CUE_ASIDE }, { "funkloch", U, 2.5f, CUE_ASIDE },
	/* a season's greeting: small talk, its feast no day to book */
	{ "frohe weihnachten", U, 3.0f, CUE_FEAST }, { "frohes fest", U, 3.0f, CUE_FEAST },
	{ "schoene weihnachten", U, 3.0f, CUE_FEAST }, { "frohe ostern", U, 3.0f, CUE_FEAST },
	{ "guten rutsch", U, 3.0f, CUE_FEAST }, { "neues jahr", U, 2.5f, CUE_FEAST },
	{ "frohes neues", U, 3.0f, CUE_FEAST },
	{ "gutes neues", U, 3.0f, CUE_FEAST }, { "schoene feiertage", U, 3.0f, CUE_FEAST },
	{ "frohe feiertage", U, 3.0f, CUE_FEAST },
	{ "ruf* .. an ob", U, 3.0f, 0 }, { "ruf* .. an und", U, 3.0f, 0 }, { "ruf* .. an ich", U, 3.0f, 0 },
	/* info_faq: what the studio and the treatment are like */
	{ "kost*", K, 2.5f, 0 }, { "preis*", K, 2.5f, 0 }, { "teuer", K, 2.0f, 0 }, { "guenstig*", K, 1.5f, 0 },
	{ "bezahl*", K, 2.0f, 0 }, { "zahlen", K, 2.0f, 0 }, { "zahlung*", K, 2.0f, 0 }, { "karte", K, 1.0f, 0 },
	{ "bar", K, 0.8f, 0 }, { "paypal", K, 2.0f, 0 }, { "ueberweis*", K, 1.5f, 0 }, { "gebuehr*", K, 2.0f, 0 },
	{ "mitbring*", K, 2.5f, 0 }, { "mitnehm*", K, 2.0f, 0 }, { "anzieh*", K, 2.0f, 0 }, { "kleidung", K, 2.0f, 0 },
	{ "handtuch*", K, 2.0f, 0 }, { "sportsachen", K, 2.0f, 0 }, { "wie lange dauert", K, 3.0f, 0 },
	{ "dauert", K, 2.0f, 0 }, { "dauer", K, 2.0f, 0 }, { "park*", K, 2.5f, 0 }, { "vertrag*", K, 2.5f, 0 },
	{ "abo", K, 2.0f, 0 }, { "abos", K, 2.0f, 0 }, { "mitgliedschaft*", K, 2.0f, 0 }, { "krankenkasse*", K, 2.5f, 0 },
	{ "schwanger*", K, 2.5f, 0 }, { "aufzug", K, 2.5f, 0 }, { "barrierefrei", K, 2.5f, 0 },
	{ "rollstuhl*", K, 2.0f, 0 }, { "dusche*", K, 2.0f, 0 }, { "umkleide*", K, 2.0f, 0 },
	{ "datenschutz", K, 2.5f, 0 }, { "meine daten", K, 2.0f, 0 }, { "wie funktioniert", K, 2.5f, 0 },
	{ "funktioniert", K, 1.5f, 0 }, { "ablauf", K, 2.0f, 0 }, { "ablaeuft", K, 2.0f, 0 },
	{ "wie laeuft", K, 2.0f, 0 }, { "online", K, 1.8f, 0 }, { "app", K, 1.8f, 0 }, { "internet", K, 1.5f, 0 },
	{ "hausbesuch*", K, 2.5f, 0 }, { "geeignet", K, 2.0f, 0 }, { "alter", K, 1.0f, 0 },
	{ "nebenwirkung*", K, 2.5f, 0 }, { "gefaehrlich", K, 2.0f, 0 }, { "wirkt", K, 1.5f, 0 }, { "bringt das", K, 1.5f, 0 },
	{ "erfahrung*", K, 1.0f, 0 }, { "voraussetzung*", K, 2.0f, 0 }, { "gutschein*", K, 2.0f, 0 }, { "schenken", K, 1.5f, 0 },
	{ "rabatt*", K, 2.0f, 0 }, { "discount", K, 2.5f, 0 }, { "studentenrabatt", K, 3.0f, 0 },
	{ "ermaessigung*", K, 2.5f, 0 }, { "student*", K, 1.5f, 0 }, { "studis", K, 1.5f, 0 }, { "azubi*", K, 1.5f, 0 },
	{ "fundsache*", K, 3.0f, 0 }, { "fundbuero", K, 3.0f, 0 },
	/* how the treatment is paid: "Privatpatienten", "über die Kasse" */
	{ "privatpatient*", K, 2.5f, 0 }, { "kassenpatient*", K, 2.5f, 0 }, { "privatversichert*", K, 2.5f, 0 },
	{ "privat versichert", K, 2.5f, 0 }, { "gesetzlich versichert", K, 2.5f, 0 }, { "kasse", K, 2.0f, 0 },
	{ "angebot*", K, 1.5f, 0 }, { "euro", K, 1.5f, 0 }, { "wlan", K, 2.0f, 0 },
	{ "eine frage", K, 0.8f, 0 }, { "frage zu", K, 1.2f, 0 }, { "fragen zu", K, 1.2f, 0 },
	/* how things are done here, asked in general: "kann man ...", "was passiert, wenn ..." */
	{ "kann man", K, 2.0f, 0 }, { "muss man", K, 2.2f, 0 }, { "darf man", K, 2.2f, 0 }, { "braucht man", K, 2.2f, 0 },
	{ "was passiert wenn", K, 3.0f, 0 }, { "wie kurzfristig", K, 3.0f, 0 }, { "wie lange vorher", K, 3.0f, 0 },
	{ "bis wann kann", K, 2.5f, 0 }, { "wenn mal was ist", K, 2.5f, 0 }, { "ohne kosten", K, 2.5f, 0 },
	{ "muss ich mich vorher", K, 2.5f, 0 }, { "obwohl", K, 1.2f, 0 },
	{ "wenn was ist", K, 2.5f, 0 }, { "falls was ist", K, 2.5f, 0 }, { "seit wann", K, 2.5f, 0 },
	{ "wozu", K, 2.0f, 0 }, { "geld .. zurueck", K, 3.0f, 0 }, { "frist", K, 2.0f, 0 }, { "kuendigungsfrist", K, 2.5f, 0 },
	{ "wie lange geht das", K, 3.0f, 0 }, { "wie lange geht der", K, 3.0f, 0 },
	{ "wie lange geht die", K, 3.0f, 0 }, { "matte", K, 2.0f, 0 }, { "matten", K, 2.0f, 0 }, { "yogamatte*", K, 2.0f, 0 }, { "socken", K, 1.5f, 0 },
	{ "schuhe", K, 1.5f, 0 }, { "brauch ich", K, 1.5f, 0 }, { "geht das bei mir", K, 2.5f, 0 },
	{ "bei mir ueberhaupt", K, 2.5f, 0 }, { "ist das ein problem", K, 3.0f, 0 }, { "macht das was", K, 2.0f, 0 }, { "personen", K, 2.0f, 0 }, { "koss", K, 2.5f, 0 },
	{ "geb* sie .. nummer .. weiter", K, 3.5f, 0 }, { "gibt es ein", K, 1.2f, 0 }, { "gibt es eine", K, 1.2f, 0 },
	/* health, effect, people, facilities, data: the topics of the studio's FAQ */
	{ "diabet*", K, 2.0f, 0 }, { "huefte*", K, 2.0f, 0 }, { "knie", K, 2.0f, 0 }, { "knieprobl*", K, 2.0f, 0 }, { "knieschmerz*", K, 2.0f, 0 },
	{ "bandscheibe*", K, 2.0f, 0 }, { "gelenk*", K, 1.5f, 0 }, { "senior*", K, 2.0f, 0 }, { "rentner*", K, 2.0f, 0 },
	{ "anfaenger*", K, 2.0f, 0 }, { "herz", K, 1.5f, 0 }, { "herzprobl*", K, 2.0f, 0 }, { "herzkrank*", K, 2.0f, 0 }, { "op", K, 1.2f, 0 },
	{ "blutverduenn*", K, 2.0f, 0 }, { "medikament*", K, 2.0f, 0 }, { "tabletten", K, 1.5f, 0 },
	{ "trotzdem", K, 1.5f, 0 }, { "asthma", K, 2.0f, 0 }, { "anstrengend", K, 2.0f, 0 },
	{ "zehnerkarte*", K, 2.5f, 0 }, { "kaffee", K, 1.2f, 0 }, { "hilft das", K, 2.5f, 0 }, { "hilft es", K, 2.5f, 0 },
	{ "ist das schlimm", K, 2.5f, 0 }, { "migraene", K, 2.0f, 0 }, { "schilddruese*", K, 2.0f, 0 }, { "reha", K, 2.0f, 0 },
	{ "ratenzahlung", K, 2.5f, 0 }, { "ec karte", K, 2.5f, 0 }, { "kreditkarte*", K, 2.5f, 0 }, { "bei kindern", K, 2.0f, 0 }, { "fuer kinder", K, 2.0f, 0 }, { "kurs", K, 1.0f, 0 }, { "gruppe*", K, 1.5f, 0 },
	{ "mit anderen", K, 1.5f, 0 }, { "ist das .. okay", K, 2.0f, 0 }, { "darf ich das", K, 2.0f, 0 }, { "bluthochdruck", K, 2.0f, 0 }, { "herzschrittmacher", K, 2.5f, 0 },
	{ "medizin*", K, 1.8f, 0 }, { "arzt", K, 1.2f, 0 }, { "aerzt*", K, 1.2f, 0 }, { "gesund*", K, 1.5f, 0 },
	{ "allergi*", K, 2.0f, 0 }, { "allergie", K, 2.0f, 0 }, { "ist das normal", K, 3.0f, 0 },
	{ "operation", K, 1.5f, 0 }, { "wissenschaft*", K, 2.0f, 0 },
	{ "ergebnis*", K, 2.0f, 0 }, { "abnehmen", K, 1.5f, 0 }, { "wirkung", K, 2.0f, 0 }, { "effekt*", K, 1.8f, 0 },
	{ "cellulite", K, 2.0f, 0 }, { "diaet", K, 1.8f, 0 }, { "ernaehrung*", K, 1.8f, 0 }, { "hygien*", K, 2.0f, 0 },
	{ "geraet*", K, 1.8f, 0 }, { "getraenk*", K, 2.0f, 0 }, { "trinken", K, 1.2f, 0 }, { "essen", K, 1.0f, 0 },
	{ "englisch", K, 2.0f, 0 }, { "tuerkisch", K, 2.0f, 0 }, { "sprache*", K, 1.5f, 0 }, { "newsletter", K, 2.5f, 0 },
	{ "bewertung*", K, 2.0f, 0 }, { "verschenk*", K, 2.0f, 0 }, { "kaufen", K, 1.5f, 0 }, { "mitglied*", K, 2.0f, 0 },
	{ "paket*", K, 1.5f, 0 }, { "wartezeit*", K, 2.0f, 0 }, { "aufgezeichnet", K, 2.5f, 0 }, { "aufgenommen", K, 2.0f, 0 },
	{ "aufzeichnung", K, 2.5f, 0 }, { "umsonst", K, 2.0f, 0 }, { "kostenlos", K, 2.0f, 0 }, { "gratis", K, 2.0f, 0 },
	{ "fahrrad", K, 1.8f, 0 }, { "kinderwagen", K, 1.8f, 0 }, { "hund", K, 0.6f, 0 }, { "begleit*", K, 1.8f, 0 },
	{ "mitkommen", K, 1.8f, 0 }, { "zusammen", K, 0.8f, 0 }, { "unterschied", K, 2.0f, 0 }, { "sitzungen", K, 1.0f, 0 },
	{ "einplanen", K, 1.8f, 0 }, { "uebertragen", K, 1.8f, 0 }, { "kuendigen", K, 0.8f, 0 },
	/* wait: the caller asks us to hold the line */
	{ "moment", Z, 2.2f, 0 }, { "momentchen", Z, 2.5f, 0 }, { "augenblick", Z, 2.2f, 0 },
	{ "sekunde", Z, 2.0f, 0 }, { "mom", Z, 2.0f, 0 }, { "sekunderl", Z, 2.0f, 0 }, { "warten sie", Z, 2.5f, 0 }, { "wart*", Z, 0.8f, 0 },
	{ "bleiben sie .. dran", Z, 3.0f, 0 }, { "dranbleiben", Z, 2.5f, 0 }, { "ich hol*", Z, 2.0f, 0 },
	{ "nachschau*", Z, 1.5f, 0 }, { "nachseh*", Z, 1.5f, 0 }, { "nachgucken", Z, 1.5f, 0 },
	{ "schau* .. nach", Z, 1.5f, 0 }, { "guck* .. nach", Z, 1.5f, 0 }, { "kalender", Z, 1.0f, 0 },
	{ "bin gleich wieder", Z, 2.5f, 0 }, { "gleich wieder da", Z, 2.5f, 0 }, { "kurz dran", Z, 2.0f, 0 },
	{ "einen moment", Z, 2.8f, 0 }, { "eine sekunde", Z, 2.8f, 0 }, { "kurz warten", Z, 3.0f, 0 },
	{ "sie .. warten", Z, 2.5f, 0 }, { "bleib* .. dran", Z, 3.0f, 0 }, { "notier*", Z, 1.5f, 0 }, { "aufschreib*", Z, 1.5f, 0 }, { "nen moment", Z, 2.8f, 0 },
	{ "geb* sie .. weiter", Z, 2.5f, 0 }, { "reiche sie .. weiter", Z, 2.5f, 0 },
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
	/* "und mein Mann möchte auch einen": one more of the same */
	{ "moechte .. auch einen", B, 2.0f, 0 }, { "will .. auch einen", B, 2.0f, 0 },
	{ "braucht .. auch einen", B, 2.0f, 0 }, { "moechte .. auch eine", B, 2.0f, 0 },
	/* "ich möcht wieder einen": one more like the last */
	{ "moecht* .. wieder einen", B, 2.0f, 0 }, { "will .. wieder einen", B, 2.0f, 0 },
	{ "braeucht* .. wieder einen", B, 2.0f, 0 }, { "brauch* .. wieder einen", B, 2.0f, 0 },
	{ "haett* .. wieder einen", B, 2.0f, 0 }, { "wieder einen termin", B, 2.0f, 0 },
	{ "moecht", B, 0.5f, 0 }, { "braeucht ich", B, 0.7f, 0 }, { "ich braeucht", B, 0.7f, 0 },
	/* "und da bräucht ich einen Termin", "ich brauch nen Termin": a need for an appointment */
	{ "brauch* .. termin*", B, 1.8f, 0 }, { "braeucht* .. termin*", B, 1.8f, 0 },
	/* "krieg ich einen neuen", "kann ich einen Termin bekommen": an appointment to get */
	{ "krieg* .. neuen", B, 2.0f, 0 }, { "bekomm* .. neuen", B, 2.0f, 0 }, { "neuen .. kriegen", B, 2.0f, 0 },
	{ "neuen .. bekommen", B, 2.0f, 0 }, { "termin .. kriegen", B, 2.0f, 0 }, { "termin .. bekommen", B, 2.0f, 0 },
	{ "kann ich .. neuen", B, 2.0f, 0 }, { "koennte ich .. neuen", B, 2.0f, 0 },
	{ "krieg* .. noch einen", B, 2.0f, 0 }, { "bekomm* .. noch einen", B, 2.0f, 0 },
	{ "noch einen krieg*", B, 2.0f, 0 }, { "noch einen bekomm*", B, 2.0f, 0 },
	/* "und noch einen für meinen Mann": one more for someone; "kann ich den nachholen": a missed one */
	{ "noch einen fuer", B, 2.0f, 0 }, { "noch einen termin fuer", B, 2.0f, 0 }, { "nachholen", B, 2.0f, 0 },
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
	{ "habt ihr .. was", A, 1.5f, 0 }, { "haben sie .. nix", A, 2.0f, 0 }, { "haben sie .. nichts", A, 2.0f, 0 },
	{ "habt ihr .. nix", A, 2.0f, 0 }, { "habt ihr .. nichts", A, 2.0f, 0 }, { "gibt es .. nichts", A, 2.0f, 0 },
	{ "gibt es .. nix", A, 2.0f, 0 }, { "gibts .. nichts", A, 2.0f, 0 }, { "gibts .. nix", A, 2.0f, 0 },
	/* asked indirectly, the verb last: "ob ihr nachmittags Termine habt" */
	{ "ob ihr .. termine", A, 2.0f, 0 }, { "ob sie .. termine", A, 2.0f, 0 }, { "ob es .. termine", A, 2.0f, 0 },
	{ "personen frei", A, 3.0f, 0 },
	{ "frueheste", A, 1.5f, 0 }, { "fruehesten", A, 1.5f, 0 }, { "fruehester", A, 1.5f, 0 }, { "was waere", A, 1.0f, 0 }, { "bekommen", A, 0.5f, 0 }, { "kriegen", A, 0.5f, 0 },
	{ "wann", A, 0.3f, 0 }, { "haben sie .. termine", A, 2.0f, 0 }, { "habt ihr .. termine", A, 2.0f, 0 },
	{ "gibt es .. termine", A, 2.0f, 0 }, { "ist .. noch .. frei", A, 2.5f, 0 },
	{ "so schnell wie moeglich", B, 2.0f, 0 }, { "schnellstmoeglich", B, 2.0f, 0 }, { "moeglichst bald", B, 2.0f, 0 },
	{ "so bald wie moeglich", B, 2.0f, 0 }, { "so frueh wie moeglich", B, 2.0f, 0 },
	/* give_name */
	{ "mein name ist", N, 3.0f, 0 }, { "mein name lautet", N, 3.0f, 0 }, { "mein name", N, 2.5f, 0 },
	{ "name ist", N, 2.0f, 0 }, { "der name ist", N, 2.5f, 0 }, { "ich heisse", N, 3.0f, 0 },
	{ "heisse", N, 2.0f, 0 }, { "hier ist", N, 1.5f, 0 }, { "hier spricht", N, 2.5f, 0 },
	{ "am apparat", N, 2.5f, 0 }, { "ich bin die", N, 1.5f, 0 }, { "ich bin der", N, 1.5f, 0 },
	{ "sie sprechen mit", N, 2.5f, 0 }, { "es spricht", N, 2.0f, 0 }, { "nachname*", N, 2.0f, 0 },
	{ "vorname*", N, 2.0f, 0 }, { "schreibt sich", N, 1.5f, 0 }, { "buchstabier*", N, 1.0f, 0 },
	/* human */
	{ "mitarbeiter*", H, 2.5f, 0 }, { "mensch*", H, 2.0f, 0 }, { "person", H, 1.2f, 0 },
	{ "persoenlich", H, 1.5f, 0 }, { "jemand*", H, 1.5f, 0 }, { "verbinde*", H, 2.5f, 0 }, { "verbindet", H, 2.5f, 0 },
	{ "weiterverbind*", H, 2.5f, 0 }, { "durchstell*", H, 2.5f, 0 }, { "weiterleit*", H, 2.0f, 0 },
	{ "sprechen", H, 0.6f, 0 },
	/* someone to speak: "kann ich die mal kurz sprechen", "ich würde ihn gern sprechen" */
	{ "kann ich .. sprechen", H, 2.5f, 0 }, { "koennte ich .. sprechen", H, 2.5f, 0 },
	{ "kann ich .. reden", H, 2.5f, 0 }, { "koennte ich .. reden", H, 2.5f, 0 },
	{ "wuerde .. sprechen", H, 2.0f, 0 }, { "moechte .. sprechen", H, 1.4f, 0 },   /* "ich möchte nicht" first */
	{ "mit frau", H, 1.2f, 0 }, { "mit herrn", H, 1.2f, 0 }, { "mit der frau", H, 1.2f, 0 },
	{ "mit dem herrn", H, 1.2f, 0 }, { "mit herr", H, 1.2f, 0 }, { "reden", H, 0.6f, 0 },
	{ "echte*", H, 1.0f, 0 }, { "berater*", H, 1.5f, 0 },
	{ "chef*", H, 1.5f, 0 }, { "filialleitung", H, 2.5f, 0 }, { "studioleitung", H, 2.5f, 0 },
	{ "vorgesetzt*", H, 2.5f, 0 }, { "verantwortlich*", H, 1.5f, 0 }, { "zustaendig*", H, 1.5f, 0 },
	{ "filialleiter*", H, 1.5f, 0 }, { "studioleiter*", H, 1.5f, 0 },
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
	{ "ruf* .. mich .. an", C, 2.5f, 0 }, { "rueckruf*", C, 3.0f, 0 }, { "zurueckgerufen", C, 3.0f, 0 }, { "angerufen werden", C, 2.5f, 0 }, { "zurueckruf*", C, 2.5f, 0 },
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
	{ "ich komm .. nicht", X, 1.5f, 0 }, { "komm nicht", X, 2.0f, 0 },
	{ "krank", X, 1.0f, 0 }, { "erkaeltet", X, 1.0f, 0 }, { "faellt .. flach", X, 3.0f, 0 },
	{ "annullier*", X, 3.0f, 0 }, { "rausnehmen", X, 2.5f, 0 }, { "raus nehmen", X, 2.5f, 0 },
	{ "weg machen", X, 2.5f, 0 }, { "machen .. weg", X, 2.5f, 0 }, { "wird nichts", X, 2.0f, 0 },
	{ "sag* .. ab", X, 3.0f, 0 }, { "nicht wahr", X, 2.5f, 0 }, { "faellt .. bei mir aus", X, 3.0f, 0 },
	{ "schaff* .. nicht", X, 1.5f, 0 }, { "schaff* es .. nicht", X, 2.0f, 0 }, { "entfall*", X, 2.0f, 0 },
	{ "aufloesen", X, 1.5f, 0 }, { "und kann nicht", X, 2.5f, 0 }, { "zurueckgeben", X, 1.5f, 0 },
	/* reschedule */
	{ "verschieb*", R, 3.0f, CUE_NEG }, { "verschoben", R, 3.0f, 0 }, { "verleg*", R, 2.5f, 0 }, { "umbuch*", R, 3.0f, 0 },
	{ "umleg*", R, 2.5f, 0 }, { "umterminier*", R, 3.0f, 0 }, { "anderen termin", R, 2.0f, 0 },
	{ "neuen termin", R, 0.8f, 0 }, { "anderen tag", R, 1.5f, 0 }, { "andere zeit", R, 1.5f, 0 },
	{ "andere uhrzeit", R, 1.5f, 0 }, { "anderes datum", R, 1.5f, 0 }, { "aender*", R, 1.5f, 0 },
	{ "tauschen", R, 1.5f, 0 }, { "stattdessen", R, 1.0f, 0 }, { "statt", R, 1.0f, 0 },
	{ "anstatt", R, 1.0f, 0 }, { "vorverleg*", R, 2.5f, 0 }, { "vorzieh*", R, 2.5f, 0 },
	{ "nach hinten", R, 1.5f, 0 }, { "meinen termin", R, 0.5f, 0 }, { "mein termin", R, 0.5f, 0 }, { "den termin", R, 0.5f, 0 },
	{ "dem termin", R, 0.5f, 0 }, { "termin .. auf .. legen", R, 2.5f, 0 }, { "auf .. legen", R, 2.0f, 0 },
	{ "frueher machen", R, 2.0f, 0 }, { "spaeter machen", R, 2.0f, 0 }, { "frueher legen", R, 2.0f, 0 },
	{ "spaeter legen", R, 2.0f, 0 }, { "nach vorne", R, 1.5f, 0 }, { "schieb*", R, 2.5f, 0 },
	{ "anders legen", R, 3.0f, 0 }, { "woanders hin*", R, 2.5f, 0 }, { "umtragen", R, 3.0f, 0 },
	{ "umlegen", R, 3.0f, 0 }, { "umstellen", R, 2.5f, 0 }, { "umplanen", R, 2.5f, 0 }, { "tausch*", R, 1.5f, 0 },
	{ "meinen termin .. spaeter", R, 2.0f, 0 }, { "meinen termin .. frueher", R, 2.0f, 0 },
	{ "den alten", R, 1.2f, 0 }, { "neuen termin .. weil", R, 1.5f, 0 }, { "vom .. auf", R, 2.0f, 0 },
	{ "von .. auf den", R, 1.5f, 0 },
	/* opening hours */
	{ "oeffnungszeit*", O, 3.0f, 0 }, { "welche .. oeffnungszeit*", O, 3.5f, 0 }, { "ofen", O, 1.8f, 0 },
	{ "bis wann .. kommen", O, 3.0f, 0 }, { "geoeffnet", O, 2.5f, 0 }, { "offen", O, 1.8f, 0 },
	{ "oeffnen", O, 2.0f, 0 }, { "oeffnet", O, 2.0f, 0 }, { "aufmachen", O, 2.0f, 0 },
	{ "macht .. auf", O, 2.0f, 0 }, { "machen .. auf", O, 2.0f, 0 }, { "haben sie .. auf", O, 2.5f, 0 },
	{ "habt ihr .. auf", O, 2.5f, 0 }, { "hat .. auf", O, 1.8f, 0 }, { "wie lange", O, 1.2f, 0 },
	{ "wie lang", O, 1.2f, 0 },
	{ "bis wann", O, 1.8f, 0 }, { "ab wann", O, 1.5f, 0 }, { "machen sie zu", O, 2.5f, 0 },
	{ "machen .. zu", O, 2.0f, 0 }, { "macht .. zu", O, 2.0f, 0 }, { "zumachen", O, 2.0f, 0 },
	{ "schliess*", O, 2.0f, 0 }, { "geschlossen", O, 2.0f, 0 }, { "feiertag*", O, 1.0f, 0 },
	{ "mittagspause", O, 1.0f, 0 }, { "ueber mittag", O, 2.5f, 0 }, { "pause", O, 1.0f, 0 },
	{ "machen sie .. pause", O, 2.5f, 0 }, { "haben sie .. pause", O, 2.5f, 0 }, { "machen sie .. mittagspause", O, 2.5f, 0 },
	{ "haben sie .. mittagspause", O, 2.5f, 0 }, { "macht ihr .. pause", O, 2.5f, 0 },
	{ "haben sie .. zu", O, 2.5f, 0 }, { "sie haben .. zu", O, 2.5f, 0 }, { "ihr habt .. zu", O, 2.5f, 0 },
	{ "habt ihr .. zu", O, 2.5f, 0 }, { "hat .. zu", O, 2.0f, 0 },
	{ "ist .. zu", O, 1.2f, 0 }, { "zu haben", O, 2.0f, 0 }, { "aufhaben", O, 3.0f, 0 }, { "auf haben", O, 2.5f, 0 },
	{ "sind sie .. da", O, 1.8f, CUE_THERE }, { "seid ihr .. da", O, 1.8f, CUE_THERE },
	{ "jemand da", O, 1.5f, CUE_THERE },
	{ "besetzt", O, 2.0f, 0 }, { "erreichbar", O, 1.0f, 0 }, { "normal da", O, 2.0f, 0 },
	/* address */
	{ "adresse", W, 3.0f, 0 }, { "anschrift", W, 3.0f, 0 }, { "wo sind sie", W, 2.5f, 0 },
	{ "wo seid ihr", W, 2.5f, 0 }, { "wo sind sie .. da", W, 3.0f, 0 }, { "wo finde ich", W, 2.5f, 0 }, { "wo befinde*", W, 2.5f, 0 },
	{ "wo liegt", W, 2.5f, 0 }, { "wo ist", W, 1.8f, 0 }, { "wo genau", W, 2.0f, 0 },
	{ "wo .. studio*", W, 2.5f, 0 }, { "wo .. filiale*", W, 2.5f, 0 }, { "wo", W, 1.0f, 0 },
	{ "anfahrt", W, 3.0f, 0 }, { "wegbeschreibung", W, 3.0f, 0 }, { "hinkomm*", W, 2.0f, 0 },
	{ "wie komme ich", W, 2.0f, 0 }, { "wie komm ich", W, 2.0f, 0 }, { "strasse", W, 2.0f, 0 },
	{ "hausnummer", W, 2.0f, 0 },
	{ "vertreten", W, 2.0f, 0 }, { "haltestelle", W, 2.0f, 0 }, { "ecke", W, 1.8f, 0 },
	{ "stadtteil", W, 2.0f, 0 }, { "viertel", W, 1.0f, 0 }, { "in der naehe", W, 1.8f, 0 }, { "naehe", W, 1.2f, 0 },
	{ "wie finde ich", W, 2.5f, 0 }, { "wie weit", W, 2.0f, 0 }, { "bahnhof", W, 1.5f, 0 }, { "hauptbahnhof", W, 1.8f, 0 },
	{ "welche .. bahn", W, 2.5f, 0 }, { "welcher .. bus", W, 2.5f, 0 }, { "welche .. linie", W, 2.5f, 0 },
	{ "wie komm* .. hin", W, 2.5f, 0 }, { "wo .. hin", W, 2.5f, 0 }, { "bim", W, 1.5f, 0 }, { "hinfahr*", W, 2.0f, 0 },
	{ "komme .. zu ihnen", W, 2.0f, 0 }, { "zu ihnen komme", W, 2.0f, 0 },
	{ "auch in", W, 0.8f, 0 }, { "gibt es .. auch .. studio", W, 2.5f, 0 }, { "gibts .. auch in", W, 2.5f, 0 },
	{ "gibt es .. auch in", W, 2.5f, 0 }, { "orientieren", W, 1.5f, 0 }, { "eingang", W, 1.5f, 0 },
	{ "stock", W, 1.0f, 0 }, { "etage", W, 1.5f, 0 }, { "tram", W, 1.5f, 0 }, { "strassenbahn", W, 1.5f, 0 },
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
	{ "selbe nummer", Y, 2.0f, 0 }, { "gleiche wie", Y, 2.0f, 0 },  { "passen", Y, 1.2f, 0 }, { "machen sie das", Y, 2.0f, 0 },
	{ "freilich", Y, 2.5f, 0 }, { "freili", Y, 2.5f, 0 }, { "meinetwegen", Y, 2.0f, 0 }, { "bestens", Y, 2.0f, 0 },
	{ "gewiss", Y, 2.0f, 0 }, { "durchaus", Y, 2.0f, 0 }, { "safe", Y, 1.8f, 0 }, { "passt scho", Y, 2.5f, 0 },
	{ "scho", Y, 0.8f, 0 }, { "warum nicht", Y, 2.5f, 0 }, { "kann man machen", Y, 3.0f, 0 },
	{ "koennen wir machen", Y, 3.0f, 0 }, { "nichts dagegen", Y, 2.5f, 0 },
	{ "einrichten", Y, 1.8f, 0 }, { "das nehm* ich", Y, 2.5f, 0 }, { "nehm* ich", Y, 2.0f, 0 }, { "jou", Y, 2.0f, 0 },
	{ "jenau", Y, 2.0f, 0 }, { "nu", Y, 1.5f, 0 }, { "o k", Y, 1.8f, 0 },
	{ "jaa", Y, 2.0f, 0 }, { "ja ja", Y, 2.0f, 0 }, { "jo mei", Y, 2.0f, 0 }, { "gell", Y, 1.0f, 0 },
	{ "sowieso", Y, 1.5f, 0 }, { "genauso", Y, 1.8f, 0 }, { "bittschoen", Y, 1.5f, 0 }, { "geht in ordnung", Y, 2.5f, 0 },
	/* no */
	{ "nein", F, 2.5f, 0 }, { "nee", F, 2.5f, 0 }, { "neee", F, 2.5f, 0 }, { "neeee", F, 2.5f, 0 }, { "noe", F, 2.0f, 0 }, { "no", F, 1.0f, 0 },
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
	{ "nicht unbedingt", F, 2.5f, 0 }, { "lass mal", F, 2.0f, 0 }, { "lassen wirs", F, 2.5f, 0 },
	{ "lassen wir das", F, 2.5f, 0 }, { "lieber .. nicht", F, 2.0f, 0 },
	{ "muss .. passen", F, 2.5f, 0 }, { "eher schlecht", F, 2.5f, 0 }, { "ned", F, 1.5f, 0 }, { "net", F, 1.5f, 0 },
	{ "noi", F, 2.5f, 0 }, { "ha noi", F, 3.0f, 0 },
	{ "naa", F, 2.0f, 0 }, { "noa", F, 2.0f, 0 }, { "nein nein", F, 2.5f, 0 }, { "ne ne", F, 2.5f, 0 }, { "nee nee", F, 2.5f, 0 },
	{ "gar keinen fall", F, 3.0f, 0 }, { "keinesfalls", F, 3.0f, 0 }, { "eher nicht", F, 2.5f, 0 },
	{ "keiner von beiden", F, 3.5f, CUE_NONE }, { "keinen von beiden", F, 3.5f, CUE_NONE },
	{ "keins von beiden", F, 3.5f, CUE_NONE }, { "keine von beiden", F, 3.5f, CUE_NONE },
	{ "weder .. noch", F, 2.0f, 0 }, { "beides nicht", F, 3.0f, CUE_NONE },
	{ "keiner von den beiden", F, 3.5f, CUE_NONE }, { "keinen von den beiden", F, 3.5f, CUE_NONE },
	{ "keins von den beiden", F, 3.5f, CUE_NONE }, { "keine von den beiden", F, 3.5f, CUE_NONE },
	{ "sorry nein", F, 2.5f, 0 }, { "ne sorry", F, 2.5f, 0 }, { "lieber doch nicht", F, 2.5f, 0 },
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
	{ "ich ruf* .. zurueck", G, 2.5f, 0 }, { "ich .. zurueckrufe*", G, 2.0f, 0 }, { "ich melde mich", G, 2.5f, 0 },
	{ "ich .. melden", G, 2.0f, 0 }, { "melde mich", G, 2.0f, 0 }, { "mach* gut", G, 2.0f, 0 },
	{ "machs gut", G, 2.0f, 0 }, { "schluss", G, 1.5f, 0 }, { "baba", G, 2.0f, 0 }, { "adieu", G, 2.0f, 0 },
	{ "tschuessi", G, 3.0f, 0 }, { "tschoe", G, 3.0f, 0 }, { "tschau", G, 3.0f, 0 }, { "pfiat*", G, 3.0f, 0 },
	{ "widerluege", G, 3.0f, 0 }, { "wiederluege", G, 3.0f, 0 }, { "ist das nicht die", G, 2.5f, 0 },
	{ "ist das nicht der", G, 2.5f, 0 }, { "ist da nicht die", G, 2.5f, 0 },
	{ "ist da nicht der", G, 2.5f, 0 }, { "ist dort nicht", G, 2.5f, 0 }, { "mehr wollte ich .. nicht", G, 2.5f, 0 },
	{ "servas", G, 1.5f, 0 }, { "adele", G, 2.5f, 0 }, { "bedank*", G, 2.0f, 0 }, { "das waere alles", G, 2.5f, 0 },
	{ "mehr .. nicht", G, 1.2f, 0 }, { "wars schon", G, 2.5f, 0 }, { "war schon alles", G, 2.5f, 0 },
	{ "bin hier falsch", G, 2.5f, 0 }, { "ich sie .. anrufen", G, 2.5f, 0 }, { "falsche nummer", G, 3.0f, 0 }, { "falsch verbunden", G, 3.0f, 0 }, { "verwaehl*", G, 3.0f, 0 },
	{ "vertippt", G, 3.0f, 0 }, { "wollte eigentlich .. anrufen", G, 3.0f, 0 }, { "bin .. verkehrt", G, 2.5f, 0 }, { "ist ja gar nicht", G, 2.5f, 0 },
	{ "ueberleg* .. noch", G, 1.5f, 0 }, { "ueberleg* es mir", G, 1.5f, 0 }, { "nochmal ueberlegen", G, 1.5f, 0 },
	/* repeat */
	{ "wie bitte", Q, 3.0f, 0 }, { "bitte was", Q, 2.0f, 0 }, { "wiederholen", Q, 2.5f, 0 },
	{ "nicht verstanden", Q, 2.5f, 0 }, { "nix verstanden", Q, 3.0f, 0 }, { "nichts verstanden", Q, 3.0f, 0 },
	{ "nicht zugehoert", Q, 3.0f, 0 }, { "nicht aufgepasst", Q, 3.0f, 0 }, { "zugehoert", Q, 1.5f, 0 },
	{ "was hast du gesagt", Q, 3.0f, 0 }, { "was hast du .. gesagt", Q, 3.0f, 0 }, { "was war des", Q, 2.5f, 0 },
	{ "was war das", Q, 2.0f, 0 }, { "was sagst du", Q, 2.5f, 0 }, { "was haben sie .. gesagt", Q, 3.0f, 0 },
	{ "hab* .. nicht .. verstanden", Q, 3.0f, 0 }, { "verstanden", Q, 1.0f, 0 },
	{ "akustisch", Q, 2.0f, 0 }, { "lauter", Q, 1.5f, 0 }, { "langsamer", Q, 1.5f, 0 },
	{ "noch einmal", Q, 1.2f, 0 }, { "nochmal", Q, 1.2f, 0 }, { "noch mal", Q, 1.2f, 0 },
	{ "nochmal sagen", Q, 2.0f, 0 }, { "wie war das", Q, 2.0f, 0 }, { "was haben sie gesagt", Q, 2.5f, 0 },
	{ "was sagten sie", Q, 2.5f, 0 }, { "zu schnell", Q, 2.5f, 0 }, { "langsam", Q, 1.5f, 0 },
	{ "hae", Q, 2.5f, 0 }, { "wie jetzt", Q, 2.5f, 0 }, { "verbindung", Q, 0.8f, 0 }, { "versteh* .. schlecht", Q, 3.0f, 0 },
	{ "leise", Q, 2.0f, 0 }, { "hoere nichts", Q, 3.0f, 0 }, { "hoer* .. nichts", Q, 2.5f, 0 }, { "rauscht", Q, 2.0f, 0 },
	{ "abgehackt", Q, 2.0f, 0 }, { "wie meinen", Q, 2.0f, 0 }, { "was meinen sie", Q, 2.5f, 0 }, { "nochmals", Q, 1.5f, 0 },
	{ "bitte nochmal", Q, 2.5f, 0 }, { "was war das .. fuer", Q, 2.5f, 0 }, { "war das noch", Q, 2.5f, 0 },
	{ "war das nochmal", Q, 2.5f, 0 }, { "faden verloren", Q, 3.0f, 0 }, { "was hatten sie gefragt", Q, 3.0f, 0 }, { "nicht mitbekommen", Q, 2.5f, 0 }, { "nicht .. mitbekommen", Q, 2.5f, 0 },
	{ "nicht .. verstanden", Q, 2.5f, 0 }, { "was war .. nochmal", Q, 3.0f, 0 }, { "waren das", Q, 2.5f, 0 },
	{ "naeher .. telefon", Q, 3.0f, 0 }, { "wiederholen sie", Q, 3.0f, 0 },
	/* give_phone */
	{ "meine nummer", P, 1.5f, 0 }, { "meine telefonnummer", P, 2.0f, 0 }, { "telefonnummer", P, 1.2f, 0 },
	{ "handynummer", P, 1.5f, 0 }, { "mobilnummer", P, 1.5f, 0 }, { "festnetz*", P, 1.2f, 0 },
	{ "erreichbar unter", P, 1.5f, 0 }, { "unter der nummer", P, 1.5f, 0 }, { "nummer", P, 0.6f, 0 },
	{ "handy", P, 0.6f, 0 }, { "mit der ich anrufe", P, 1.6f, 0 },
	{ "mit der ich .. anrufe", P, 1.6f, 0 }, { "von der ich .. anrufe", P, 1.6f, 0 }, { "angezeigt*", P, 1.6f, 0 },
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
#undef K
#undef Z
#undef U

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
		if (!used[k] && intent_el_match(&el[e], &tk->t[k], alt, k)) {
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
	/* a compound ends in the cue word ("probetermin"); otherwise a slip keeps the first letter */
	if (compound && !el->prefix && el->len >= 6 && len >= el->len + 3)
		return memcmp(w + len - el->len, el->w, el->len) == 0;
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

/* Frequent words one slip away from a cue word, never to be heard as it. */
static const char *const intent_plain[] = {
	"sollte", "sollten", "meine", "meinen", "keine", "keinen", "einen", "eine", "seine", "deine", "haben", "heute",
	"leute", "bitte", "gerne", "sagen", "fragen", "frage", "danke", "hallo", "machen", "sachen", "wochen", "woche",
	"kommt", "komme", "welche", "welchen", "diese", "diesen", "dieser", "schon", "schoen", "morgen", "abend",
	"ihnen", "ihrem", "ihren", "wieder", "weiter", "einmal", "nochmal", "vielleicht", "eigentlich", "einfach",
	"wollen", "koennen", "muessen", "sollen", "duerfen", "moegen", "hatte", "hatten", "waere", "waeren", "wuerde",
	"wuerden", "haette", "haetten", "koennte", "koennten", "moechte", "moechten", "wollte", "wollten", "noch",
	"gleich", "bisschen", "wirklich", "termin", "termine", "terminen", "name", "namen", "nummer", "studio",
	"sonst", "etwas", "nichts", "alles", "allen", "anderen", "andere", "anderes", "zeiten", "stunde", "stunden",
	"braucht", "dafuer", "darueber", NULL,
};

/* Regional and spoken forms of short cue words ("habt ihr samstags uff", "wo is das"). */
static const char *const intent_regional[][2] = {
	{ "uff", "auf" }, { "is", "ist" }, { "wat", "was" }, { "dat", "das" }, { "ham", "haben" }, { "isch", "ich" },
	{ NULL, NULL },
};

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
				if (intent_word_match(el, j, jl) || (el->len >= 8 && intent_heard(el, j, jl, false)))
					heard = el;
			}
			if (heard != NULL) {
				used[i + 1] = true;
				goto found;
			}
		}
		/* "studioadresse", "behandlungstermin": a compound heard by its last part */
		for (size_t c = 0; c < intent_ncompound && heard == NULL && exact[i] && t->len >= 9; c++)
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

/* The form of a turn's clauses: where its last question starts and what that clause holds.
 * A clause asks when it opens with a w-word ("wie lange geht das"), with "ob" ("ob es
 * auch samstags geht") or with a verb before its pronoun ("muss ich dann was zahlen",
 * "haben Sie was um fünf"); a verb opens a clause at the turn's start, after an answer
 * word or a conjunction, and after a clause that ended in its verb ("absagen",
 * "arbeite ich"), never after a day, a number or an adverb ("morgen kann ich"). */
struct intent_form {
	size_t q;            /* start of the last clause asked as a question, or tk->n */
	size_t q1;           /* start of the first such clause, or tk->n */
	bool opens[NLU_MAX_TOKENS];   /* a verb with its "Sie" or "ihr" opens a clause here */
	bool indirect;       /* ... opened by "ob" */
	bool modal;          /* ... opened by "kann/darf/muss ich|man" */
	bool visit;          /* ... has "kommen", "vorbeikommen", "geht", "passt", "klappt" */
	bool loose;          /* ... asks for no fixed slot: "noch", "spontan", "einfach so", "früher", "später" */
	bool policy;         /* ... asks about a rule: "jederzeit", "überhaupt", "wieder", "wenn", "falls" */
	bool statement_verb; /* the turn has a statement's verb ("ist", "hab") */
	bool existing;       /* an appointment already booked: "mein Termin", "wegen morgen" */
	bool shift;          /* "später", "früher", "anders": a move of a time */
	bool onto;           /* "auf" before a day or time: "auf viertel nach zwei", "auf Freitag" */
	bool until;          /* "bis wann ... kommen": how long the doors are open */
	bool neg_time;       /* a negation before a time of day's word: "nicht so spät" */
	bool qtime;          /* the last question has a day, a time or a number */
	bool wish;           /* "möchte", "will", "hätte gern": a wish */
	bool past_verb;      /* "hatte", "war": told in the past */
	bool again;          /* the last question asks in the past what was said: "was war ... nochmal" */
	bool renew;          /* "einen neuen", "nen neuen": a new one (appointment) */
	double clause[NLU_INTENT_COUNT];   /* what the cues of the last question say */
	double first[NLU_INTENT_COUNT];    /* ... of the first, when it comes before the last */
	double aside;        /* weight of aside cues (CUE_ASIDE) */
	double there;        /* weight of "someone is there" cues (CUE_THERE) */
	bool feast;          /* a season's greeting (CUE_FEAST) */
	bool times_out;      /* the times said are all ruled out (CUE_NONE) or another place's hours */
};

static const char *const intent_wword[] = {
	"wo", "was", "wann", "wie", "welche", "welcher", "welches", "welchen", "wozu", "wieso", "warum", "weshalb",
	"wer", "wohin", "woher", "wieviel", NULL,
};
static const char *const intent_qverb[] = {
	"kann", "koennen", "koennte", "koennten", "muss", "muessen", "darf", "duerfen", "ist", "sind", "geht", "gibt",
	"gibts", "haben", "haetten", "habt", "hat", "bekomme", "bekommt", "kriege", "kriegt", "kriegen", "passt", "klappt",
	"waere", "ginge", "wird", "soll", NULL,
};
static const char *const intent_pron[] = { "ich", "man", "sie", "es", "das", "wir", "ihr", "du", "der", "die", NULL };
static const char *const intent_opener[] = {
	"und", "aber", "oder", "sondern", "also", "ja", "jo", "nein", "nee", "gut", "okay", "ok", "passt", "gerne",
	"gern", "klar", "genau", "prima", "super", "hallo", "hi", "hey", "servus", "moin", "bitte", "danke", NULL,
};

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
static bool intent_exclaim(const struct nlu_toks *tk, size_t i)
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
static bool intent_wq(const struct nlu_toks *tk, size_t i)
{
	if (nlu_oneof(tk, i, intent_wword) < 0 || intent_exclaim(tk, i))
		return false;
	static const char *const not_before[] = { "moeglich", "bitte", "gesagt", "immer", "gewohnt", "jetzt", NULL };
	static const char *const not_after_was[] = {
		"haben", "haetten", "habt", "hat", "sie", "ihr", "noch", "mal", "auch", "schon", "denn", "so", "nicht",
		"gibt", "es", "ich", "das", "alles", "nichts", "etwas", "vieles", NULL,
	};
	if (nlu_is(tk, i, "wie") && (nlu_oneof(tk, i + 1, not_before) >= 0 || (i > 0 && nlu_is(tk, i - 1, "so"))))
		return false;
	if (nlu_is(tk, i, "was") && i > 0 && nlu_oneof(tk, i - 1, not_after_was) >= 0)
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
static bool intent_negated_near(const struct nlu_toks *tk, size_t i)
{
	for (size_t k = i > 2 ? i - 2 : 0; k < tk->n && k <= i + 3; k++)
		if (k != i && nlu_negation(tk->t[k].w))
			return true;
	return false;
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

static void intent_form_read(const struct nlu_toks *tk, struct intent_form *fm)
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
			fm->modal = false;
		} else if (fm->opens[i] ||
			   (nlu_oneof(tk, i, intent_qverb) >= 0 &&
			    (nlu_oneof(tk, i + 1, intent_pron) >= 0 || i == 0 ||
			     nlu_oneof(tk, i - 1, intent_opener) >= 0) &&
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
	static const char *const policy[] = { "jederzeit", "ueberhaupt", "wieder", "wenn", "falls", "kurzfristig", NULL };
	for (size_t i = fm->q; i < tk->n; i++) {
		fm->qtime = fm->qtime || when_word(tk->t[i].w) ||
			    (tk->t[i].flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_CLOCK | NLU_TOK_DATE));
		fm->visit = fm->visit || nlu_oneof(tk, i, visit) >= 0;
		fm->loose = fm->loose || nlu_oneof(tk, i, loose) >= 0;
		fm->policy = fm->policy || nlu_oneof(tk, i, policy) >= 0;
	}
	static const char *const stated[] = { "ist", "war", "bin", "hab", "habe", "hat", "hatte", "sind", "waren", NULL };
	static const char *const shift[] = { "spaeter", "frueher", "anders", "verschieben", NULL };
	static const char *const come[] = { "kommen", "vorbeikommen", "vorbeischauen", "trainieren", NULL };
	static const char *const day[] = { "heute", "heut", "morgen", "uebermorgen", "wochenende", "feiertag", NULL };
	static const char *const thing[] = { "der", "die", "so", "ein", "eine", "einer", "mein", "meine", NULL };
	static const char *const early[] = { "spaet", "frueh", "spaeter", "frueher", NULL };
	static const char *const wish[] = {
		"moechte", "moechten", "moecht", "will", "wollen", "haette", "haett", "wuerde", "brauche", "brauch",
		"braeuchte", "braeucht", "gern", "gerne", "liebsten", NULL,
	};
	static const char *const before[] = { "hatte", "war", "waren", "hatten", "vergessen", "verpasst", NULL };
	for (size_t i = 0; i < tk->n; i++) {
		fm->wish = fm->wish || nlu_oneof(tk, i, wish) >= 0;
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
		if (nlu_is(tk, i, "wie") && (nlu_is(tk, i + 1, "lange") || nlu_is(tk, i + 1, "lang")))
			for (size_t k = i + 2; k < tk->n && k < i + 9 && !nlu_prefix(tk, k, "dauer") &&
					       nlu_oneof(tk, k, thing) < 0; k++)
				fm->until = fm->until || nlu_oneof(tk, k, day) >= 0 || nlu_weekday(tk->t[k].w) >= 0;
		fm->statement_verb = fm->statement_verb || nlu_oneof(tk, i, stated) >= 0;
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

/* The intents a clause can be about (not an answer word, a greeting or a name). */
static bool intent_content(size_t k)
{
	return k != NLU_UNKNOWN && k != NLU_YES && k != NLU_NO && k != NLU_BYE && k != NLU_GIVE_NAME;
}

static double intent_max(const double score[NLU_INTENT_COUNT], size_t *at)
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
static void intent_prefer(double score[NLU_INTENT_COUNT], size_t k, unsigned *out)
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

/* What the form of the turn decides once the cues are counted: the last question
 * wins over what came before it, a question about a free time or a rule is asked
 * rather than done, and a time for an appointment already booked moves it.
 * *out gets a bit for every intent ruled out. */
static void intent_form_decide(const struct nlu_toks *tk, const struct intent_form *fm, const struct nlu_facts *f,
			       double score[NLU_INTENT_COUNT], unsigned *out)
{
	const double *clause = fm->clause;
	size_t win;
	intent_max(score, &win);
	bool later_q = fm->q > 0 && fm->q < tk->n;
	/* "ich möchte absagen, muss ich dann was zahlen?": the last question decides what
	 * the caller wants to know; a question when a callback or a cancellation happens
	 * ("wann wäre das?") stays with it */
	size_t cb = NLU_UNKNOWN;
	for (size_t k = 1; k < NLU_INTENT_COUNT; k++)
		if (intent_content(k) && clause[k] >= 1.2 && (cb == NLU_UNKNOWN || clause[k] > clause[cb]))
			cb = k;
	bool asks = cb == NLU_INFO_FAQ || cb == NLU_INFO_HOURS || cb == NLU_INFO_ADDRESS || cb == NLU_REPEAT ||
		    (cb == NLU_AVAILABILITY && (win == NLU_BOOK || !intent_content(win)));
	/* "einen Termin bitte, und wo sind Sie?": a new booking asks where too; the
	 * booking is what to do, the address comes with it */
	if (later_q && (cb == NLU_INFO_ADDRESS || cb == NLU_INFO_HOURS) && f->choice == NLU_CHOICE_NONE &&
	    nlu_is(tk, fm->q - 1, "und") && !f->has_when && clause[NLU_BOOK] <= 0 &&
	    score[NLU_BOOK] >= 1.2) {
		intent_prefer(score, NLU_BOOK, out);
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
		intent_prefer(score, c1, out);
		return;
	}
	if (later_q && asks) {
		intent_prefer(score, cb, out);
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
static bool intent_small_talk(const struct intent_form *fm, const struct nlu_facts *f, double score[NLU_INTENT_COUNT],
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
	if (small)
		*out |= 1u << NLU_BOOK | 1u << NLU_AVAILABILITY;
	return small;
}

/* The form's last word on the scores: a check of the line is no question about hours,
 * then intent_form_decide(), then an aside outweighs the words around it. */
static void intent_form_apply(const struct nlu_toks *tk, struct intent_form *fm, const struct nlu_facts *f,
			      double score[NLU_INTENT_COUNT], unsigned *out)
{
	/* "ich wollte mal hören, ob jemand da ist": with no day or time it checks the line */
	if (fm->there > 0 && !f->has_when && score[NLU_INFO_HOURS] <= fm->there) {
		score[NLU_INFO_HOURS] = fm->clause[NLU_INFO_HOURS] = 0;
		*out |= 1u << NLU_INFO_HOURS;
	}
	intent_form_decide(tk, fm, f, score, out);
	/* "ich sitz grad beim Kaffee": a statement with no question and only a faint word of
	 * the FAQ asks nothing */
	if (fm->q >= tk->n && !tk->question && score[NLU_INFO_FAQ] > 0 && score[NLU_INFO_FAQ] < 1.5 &&
	    intent_max(score, NULL) <= score[NLU_INFO_FAQ]) {
		score[NLU_INFO_FAQ] *= 0.3;
		*out |= 1u << NLU_INFO_FAQ;
	}
	/* "sind Sie noch dran?", "keine Ahnung": with no day or time to answer, nor may the
	 * word model bring back what it outweighs */
	for (size_t k = 1; k < NLU_INTENT_COUNT && fm->aside > 0; k++)
		if (score[k] < fm->aside) {
			score[k] *= 0.3;
			if (!f->has_when)
				*out |= 1u << k;
		}
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
	return owner && for_one;
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
		"spatz", "kinder", "maus", "mausi", "hase", "bub", "bua", "schatzl", NULL,
	};
	/* "Mama möchte einen Termin": the family member is spoken of, not to */
	static const char *const of_them[] = {
		"moechte", "moecht", "will", "hat", "haette", "haett", "braucht", "braeuchte", "ist", "kann", "kommt",
		"wuerde", "war", "hatte", "muss", "wollte", "wird", "und", "oder", "hier", "auch", "sind", "haben",
		"koennen", "duerfen", "brauchen", "moechten", "wollen", "kommen", "waren", NULL,
	};
	static const char *const imperative[] = {
		"mach", "zieh", "hol", "gib", "komm", "hoer", "sei", "lass", "geh", "nimm", "bring", "pass", "setz",
		"schalt", "dreh", "iss", "trink", "raeum", "leg", "such", "tu", NULL,
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
		for (size_t k = i + 1; k < tk->n && k <= i + 3 && nlu_oneof(tk, i, imperative) >= 0 && !room; k++)
			room = nlu_oneof(tk, k, to_you) >= 0;
		if (!room && nlu_oneof(tk, i, opener) < 0 && nlu_oneof(tk, i + 1, imperative) < 0)
			return 0;
	}
	if (!room)
		return 0;
	for (; i < tk->n; i++)
		if (nlu_oneof(tk, i, back) >= 0 ||
		    (nlu_is(tk, i, "ach") && (nlu_is(tk, i + 1, "so") || nlu_is(tk, i + 1, "egal"))))
			return nlu_is(tk, i, "ach") ? i + 2 : i + 1;
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

/* The intents that ask the studio to do something. */
static bool intent_request(size_t k)
{
	return k == NLU_BOOK || k == NLU_CANCEL || k == NLU_RESCHEDULE || k == NLU_HUMAN || k == NLU_CALLBACK ||
	       k == NLU_BYE || k == NLU_GIVE_PHONE;
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
	static const char *const ne_next[] = { "danke", "das", "passt", "lieber", "leider", "also", "nicht", NULL };
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
	static const char *const greet[] = {
		"hallo", "servus", "servas", "moin", "moinsen", "hi", "hey", "gruezi", "griass", "griassdi", "tach", "tag",
		"huhu", "na", NULL,
	};
	for (size_t i = 0; i < tk->n && i < 3 && tk->n > 2; i++) {
		if (nlu_oneof(tk, i, greet) >= 0)
			used[i] = true;
		else if (!nlu_is(tk, i, "ja") && !nlu_is(tk, i, "also") && !nlu_is(tk, i, "ach"))
			break;
	}

	size_t wait_at = tk->n, answer_end = 0;   /* first hold word, end of the last yes or no */
	double request_w = 0;                     /* the strongest cue of a request */
	size_t request_at = 0, no_end = 0;        /* last strong request word, end of the last no */
	size_t none_end = 0;                      /* end of "keiner von beiden" (CUE_NONE) */
	double avail_w[NLU_MAX_TOKENS];           /* weight of availability cues by their first word */
	memset(avail_w, 0, tk->n * sizeof(avail_w[0]));
	bool yes_at0 = false;                     /* a yes opens the turn ("jawohl, ...") */
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
		if (((cue->flags & CUE_NEG) || request) && !imperative && !subject) {
			for (size_t b = 1; b <= 3 && b <= idx[0]; b++) {
				size_t k = idx[0] - b;
				/* "nicht absagen, verschieben": the negation belongs to the request word between;
				 * "weiß ich nich, könn Sie mich zurückrufen": nor does it reach into a clause
				 * opened after it */
				if (b > 1 && (intent_neg_word(tk, &alt, k + 1) || form.opens[k + 1]))
					break;
				if (nlu_negation(tk->t[k].w) && intent_polite(tk, &form, k))
					break;
				if (nlu_negation(tk->t[k].w)) {
					used[k] = true;
					w = -0.5 * w;
					*negated |= 1u << cue->intent;
					break;
				}
				if (used[k] || nlu_is(tk, k, "sondern") || nlu_is(tk, k, "aber") || nlu_is(tk, k, "oder") ||
				    nlu_is(tk, k, "und"))
					break;
			}
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
		if (fix > 0 && idx[0] < fix && cue->intent != NLU_UNKNOWN)
			w *= 0.3;
		if ((cue->intent == NLU_YES || cue->intent == NLU_NO) && idx[0] > asked_at)
			w *= 0.2;
		if (cue->intent == NLU_INFO_HOURS && intent_hours_not_asked(tk, idx[0], &form))
			w *= 0.2;
		if (cue->intent == NLU_WAIT && idx[0] < wait_at)
			wait_at = idx[0];
		yes_at0 |= cue->intent == NLU_YES && idx[0] == 0 && w > 0;
		if (intent_request(cue->intent) && w >= 2.0 && w > request_w)
			request_w = w;
		if (intent_request(cue->intent) && w >= 2.5 && idx[0] > request_at)
			request_at = idx[0];
		if (cue->intent == NLU_NO && w > 0 && idx[nel - 1] + 1 > no_end)
			no_end = idx[nel - 1] + 1;
		if ((cue->intent == NLU_YES || cue->intent == NLU_NO) && w > 0 && idx[nel - 1] + 1 > answer_end)
			answer_end = idx[nel - 1] + 1;
		score[cue->intent] += w;
		if (idx[nel - 1] >= form.q)
			form.clause[cue->intent] += w;
		else if (idx[0] >= form.q1)
			form.first[cue->intent] += w;
		if (cue->flags & CUE_ASIDE)
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
		"machen", "macht", "geben", NULL,
	};
	static const char *const open_q[] = {      /* asks near the start */
		"was", "wer", "wie", "warum", "wieso", "weshalb", "wozu", "wofuer", "welche", "welcher", "welches",
		NULL,
	};
	size_t q = first;
	while (q < tk->n && q < first + 3 && nlu_oneof(tk, q, greet) >= 0)
		q++;
	double claimed = 0;
	for (size_t k = NLU_BOOK; k < NLU_INTENT_COUNT; k++)
		if (k != NLU_YES && k != NLU_NO && k != NLU_BYE && k != NLU_GIVE_NAME && score[k] > claimed)
			claimed = score[k];
	bool open_question = false;
	for (size_t i = q; i < tk->n && i < q + 3 && !open_question; i++)
		open_question = !used[i] && !intent_exclaim(tk, i) &&
				(nlu_oneof(tk, i, open_q) >= 0 || (i == q && nlu_oneof(tk, i, open_verb) >= 0));
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
	if (open_question && tk->n >= 3 && claimed < 1.5 && !f->has_day_or_time && f->choice == NLU_CHOICE_NONE &&
	    f->digits == 0)
		score[NLU_INFO_FAQ] += 1.6;
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
	/* "Roth ist mein Name, und am Montag hätte ich Zeit": the name comes along with the day */
	if (f->name_marked && f->has_day_or_time && expect != NLU_EXPECT_NAME)
		score[NLU_GIVE_NAME] *= 0.3;

	/* "nee, geht auch Donnerstag": no to the offer, yes to another time; "nicht so
	 * spät" rules out a time and so wishes for another */
	if ((f->has_day_or_time || (f->has_when && form.neg_time)) && score[NLU_NO] > score[NLU_YES] && request < 1.5 &&
	    !form.times_out && !(asked_at < tk->n && score[NLU_AVAILABILITY] >= 1.5))
		score[NLU_BOOK] += score[NLU_NO] * (expect == NLU_EXPECT_YESNO ? 1.5 : 1.0) + 0.5;
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
	if (score[NLU_WAIT] > 0 && ((f->has_day_or_time && wait_at < tk->n) || answer_end > wait_at + 1))
		score[NLU_WAIT] *= 0.3;
	/* "den Termin absagen und einen neuen ausmachen": cancelling for a new one moves it */
	if (score[NLU_CANCEL] >= 1.5 && !(*negated & (1u << NLU_CANCEL))) {
		for (size_t i = 1; i < tk->n; i++)
			if (nlu_prefix(tk, i, "neu") && tk->t[i].len <= 5 && !intent_negated_near(tk, i) &&
			    !intent_other_owner(tk, i)) {
				score[NLU_RESCHEDULE] += score[NLU_CANCEL] + 0.5;
				score[NLU_CANCEL] *= 0.3;
				break;
			}
	}
	/* "nee, heute schaff ich das nicht, lieber Montag": a counter-proposal with a day
	 * books (or moves a booked appointment) rather than cancels */
	if (f->counter && f->has_day_or_time && score[NLU_CANCEL] > 0) {
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
		}
		/* "Herr Roth, und am liebsten morgen um vier": the name comes along with a wish to book */
		if (f->name && f->has_day_or_time && (form.wish || f->counter) && score[NLU_BOOK] > 0)
			score[NLU_BOOK] += score[NLU_GIVE_NAME];
		break;
	/* an answer to "wann?" books; a question back ("haben Sie auch nachmittags?") asks */
	case NLU_EXPECT_DATE:
		if (offer)
			asking = false;
		if (f->has_when && !asking)
			score[NLU_BOOK] += 1.5;
		if (f->has_day_or_time && !asking && score[NLU_NO] > score[NLU_BOOK] && intent_concludes(tk))
			score[NLU_BOOK] += score[NLU_NO];
		else if (intent_any_day(tk) && !tk->question)
			score[NLU_BOOK] += 2.5;
		break;
	case NLU_EXPECT_CHOICE:
		if ((f->has_when && !asking && !form.times_out) || f->choice != NLU_CHOICE_NONE)
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
	intent_form_apply(tk, &form, f, score, negated);
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
	if (wait_at <= room + 1 && (wait_at == room || nlu_oneof(tk, room, intent_opener) < 0 ||
				    nlu_is(tk, room, "und")) &&
	    answer_end == 0 && request_w == 0 && !direct && !f->has_day_or_time && f->digits == 0 &&
	    score[NLU_WAIT] > 0)
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
