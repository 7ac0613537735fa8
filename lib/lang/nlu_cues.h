/* nlu_cues.h: the intent cue table of the German understanding, with its flags and the
 * one-letter intent names it is written in, and the words heard for cue words or never as
 * them, and the words that tell a question's form. Data only; included once, by nlu_intent.c. */
#ifndef TF_NLU_CUES_H
#define TF_NLU_CUES_H

enum {
	CUE_NEG = 1,     /* "nicht" just before turns the cue around ("nicht absagen") */
	CUE_ASIDE = 2,   /* an aside ("sind Sie noch dran?") that outweighs the words around it */
	CUE_THERE = 4,   /* someone is there: opening hours with a day or time, else a check of the line */
	CUE_FEAST = 8,   /* a season's greeting ("frohe Weihnachten"): its day is no wish to book */
	CUE_NONE = 16,   /* "keiner von beiden", "weder ... noch": every time offered or said is ruled out */
	CUE_STATUS = 32, /* what the caller is ("Rentner", "Studentin"): asks nothing in a turn with no question */
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
	{ "sind sie .. computer", U, 3.5f, 0 }, { "spreche ich mit .. maschine", U, 3.5f, CUE_ASIDE },
	{ "spreche ich mit .. computer", U, 3.5f, 0 }, { "spreche ich mit .. roboter", U, 3.5f, 0 },
	{ "bist du .. mensch", U, 3.5f, 0 }, { "bist du .. roboter", U, 3.5f, 0 }, { "mit wem spreche ich", U, 3.5f, 0 },
	{ "mit wem bin ich", U, 3.5f, 0 }, { "wer ist da dran", U, 3.5f, 0 },
	/* "ich rufe an wegen ...", "ich ruf an um ... abzusagen": why they call, no goodbye */
	{ "ruf* .. an wegen", U, 3.0f, 0 }, { "ruf* .. an weil", U, 3.0f, 0 }, { "ruf* .. an um", U, 3.0f, 0 },
	{ "ruf* .. an fuer", U, 3.0f, 0 }, { "ruf* .. an bezueglich", U, 3.0f, 0 }, { "ruf* .. an da", U, 3.0f, 0 },
	/* asides and noise: about the line, the caller's own memory, the clock ("sind Sie noch dran?") */
	{ "noch dran", U, 3.0f, CUE_ASIDE }, { "keine ahnung", U, 3.0f, CUE_ASIDE }, { "ich hoer* sie", U, 3.0f, CUE_ASIDE },
	{ "wie spaet ist es", U, 3.0f, CUE_ASIDE }, { "was wollte ich", U, 2.0f, CUE_ASIDE },
	{ "ist da .. studio", U, 2.5f, CUE_ASIDE },
	/* a word to someone in the room: "Kinder, seid mal leise" */
	{ "seid .. leise", U, 3.0f, CUE_ASIDE }, { "seid .. ruhig", U, 3.0f, CUE_ASIDE }, { "sei .. leise", U, 3.0f, CUE_ASIDE },
	{ "sei .. ruhig", U, 3.0f, CUE_ASIDE }, { "ich rede mit", U, 3.0f, CUE_ASIDE },
	/* the line, not the studio: "hören Sie mich? ich bin im Auto" */
	{ "hoeren sie mich", U, 1.2f, CUE_ASIDE }, { "hoerst du mich", U, 1.2f, CUE_ASIDE },
	{ "versteh* sie mich", U, 1.2f, CUE_ASIDE }, { "im auto", U, 2.0f, CUE_ASIDE },
	{ "tunnel", U, 2.5f, CUE_ASIDE }, { "an der kasse", U, 1.5f, CUE_ASIDE },
	/* where the caller stands, and what the train says: "ich steh an der Haltestelle",
	 * "nächster Halt Hauptbahnhof, Ausstieg in Fahrtrichtung links" */
	{ "steh* an der haltestelle", U, 3.0f, CUE_ASIDE }, { "bin an der haltestelle", U, 3.0f, CUE_ASIDE },
	{ "naechster halt", U, 3.0f, CUE_ASIDE }, { "ausstieg in fahrt*", U, 3.0f, CUE_ASIDE },
	{ "in fahrtrichtung", U, 2.0f, CUE_ASIDE }, { "pfeift der wind", U, 2.5f, CUE_ASIDE },
	{ "der wind", U, 1.5f, CUE_ASIDE }, { "durch den wind", U, 2.5f, CUE_ASIDE },
	/* small talk about the weather ("so heiß" is no "ich heiße") */
	{ "das wetter", U, 3.0f, CUE_ASIDE }, { "so heiss", U, 2.0f, CUE_ASIDE },
	/* "ich überleg mir das nochmal": thinking it over, no "say it again" */
	{ "ueberleg* .. nochmal", U, 1.0f, 0 }, { "ruf* wieder an", G, 2.5f, 0 },
	{ "koennen sie mich .. hoeren", U, 1.2f, CUE_ASIDE }, { "kannst du mich .. hoeren", U, 1.2f, CUE_ASIDE },
	{ "im zug", U, 2.0f, CUE_ASIDE }, { "funkloch", U, 2.5f, CUE_ASIDE },
	/* a season's greeting: small talk, its feast no day to book */
	{ "frohe weihnachten", U, 3.0f, CUE_FEAST }, { "frohes fest", U, 3.0f, CUE_FEAST },
	{ "schoene weihnachten", U, 3.0f, CUE_FEAST }, { "frohe ostern", U, 3.0f, CUE_FEAST },
	{ "guten rutsch", U, 3.0f, CUE_FEAST }, { "neues jahr", U, 2.5f, CUE_FEAST },
	{ "frohes neues", U, 3.0f, CUE_FEAST },
	{ "gutes neues", U, 3.0f, CUE_FEAST }, { "schoene feiertage", U, 3.0f, CUE_FEAST },
	{ "frohe feiertage", U, 3.0f, CUE_FEAST }, { "schoenen feiertag", U, 3.0f, CUE_FEAST },
	{ "frohe pfingsten", U, 3.0f, CUE_FEAST }, { "schoene ostern", U, 3.0f, CUE_FEAST },
	{ "ruf* .. an ob", U, 3.0f, 0 }, { "ruf* .. an und", U, 3.0f, 0 }, { "ruf* .. an ich", U, 3.0f, 0 },
	/* info_faq: what the studio and the treatment are like */
	{ "kost*", K, 2.5f, 0 }, { "was verlang*", K, 2.5f, 0 }, { "verlang* .. fuer", K, 2.5f, 0 }, { "preis*", K, 2.5f, 0 }, { "teuer", K, 2.0f, 0 }, { "guenstig*", K, 1.5f, 0 },
	{ "bezahl*", K, 2.0f, 0 }, { "zahlen", K, 2.0f, 0 }, { "zahlung*", K, 2.0f, 0 }, { "karte", K, 1.0f, 0 },
	{ "bar", K, 0.8f, 0 }, { "paypal", K, 2.0f, 0 }, { "ueberweis*", K, 1.5f, 0 }, { "gebuehr*", K, 2.0f, 0 },
	{ "mitbring*", K, 2.5f, 0 }, { "mitnehm*", K, 2.0f, 0 }, { "anzieh*", K, 2.0f, 0 }, { "kleidung", K, 2.0f, 0 },
	{ "handtuch*", K, 2.0f, 0 }, { "sportsachen", K, 2.0f, 0 }, { "wie lange dauert", K, 3.0f, 0 },
	{ "brauch* .. rezept", K, 2.0f, 0 }, { "ohne rezept", K, 2.5f, 0 }, { "ohne verordnung", K, 2.5f, 0 },
	{ "dauert", K, 2.0f, 0 }, { "dauer", K, 2.0f, 0 }, { "park*", K, 2.5f, 0 }, { "vertrag*", K, 2.5f, 0 },
	{ "abo", K, 2.0f, 0 }, { "abos", K, 2.0f, 0 }, { "mitgliedschaft*", K, 2.0f, 0 }, { "krankenkasse*", K, 2.5f, 0 },
	{ "schwanger*", K, 2.5f, 0 }, { "aufzug", K, 2.5f, 0 }, { "barrierefrei", K, 2.5f, 0 },
	{ "rollstuhl*", K, 2.0f, 0 }, { "dusche*", K, 2.0f, 0 }, { "umkleide*", K, 2.0f, 0 },
	{ "datenschutz", K, 2.5f, 0 }, { "meine daten", K, 2.0f, 0 }, { "wie funktioniert", K, 2.5f, 0 },
	{ "speichern", K, 2.0f, 0 }, { "gespeichert", K, 2.0f, 0 }, { "weitergeben", K, 1.5f, 0 },
	{ "funktioniert", K, 1.5f, 0 }, { "ablauf", K, 2.0f, 0 }, { "ablaeuft", K, 2.0f, 0 },
	{ "wie laeuft", K, 2.0f, 0 }, { "online", K, 1.8f, 0 }, { "app", K, 1.8f, 0 }, { "internet", K, 1.5f, 0 },
	{ "hausbesuch*", K, 2.5f, 0 }, { "geeignet", K, 2.0f, 0 }, { "alter", K, 1.0f, 0 },
	{ "nebenwirkung*", K, 2.5f, 0 }, { "gefaehrlich", K, 2.0f, 0 }, { "wirkt", K, 1.5f, 0 }, { "bringt das", K, 1.5f, 0 },
	{ "erfahrung*", K, 1.0f, 0 }, { "voraussetzung*", K, 2.0f, 0 }, { "gutschein*", K, 2.0f, 0 }, { "schenken", K, 1.5f, 0 },
	{ "rabatt*", K, 2.0f, 0 }, { "discount", K, 2.5f, 0 }, { "studentenrabatt", K, 3.0f, 0 },
	{ "ermaessigung*", K, 2.5f, 0 }, { "student*", K, 1.5f, CUE_STATUS }, { "studis", K, 1.5f, CUE_STATUS }, { "azubi*", K, 1.5f, CUE_STATUS },
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
	{ "noetig", K, 2.0f, 0 }, { "notwendig", K, 2.0f, 0 }, { "erforderlich", K, 2.0f, 0 },
	{ "verordnung", K, 2.0f, 0 }, { "tut das weh", K, 3.0f, 0 }, { "tut es weh", K, 3.0f, 0 },
	{ "schmerzhaft", K, 2.0f, 0 }, { "rollator", K, 2.0f, 0 }, { "nuechtern", K, 2.5f, 0 }, { "maennlich*", K, 2.0f, 0 },
	{ "weiblich*", K, 2.0f, 0 }, { "therapeut*", K, 1.2f, 0 }, { "oele", K, 2.0f, 0 }, { "warum brauch* sie", K, 3.0f, 0 }, { "wofuer brauch* sie", K, 3.0f, 0 },
	{ "wozu", K, 2.0f, 0 }, { "geld .. zurueck", K, 3.0f, 0 }, { "frist", K, 2.0f, 0 }, { "kuendigungsfrist", K, 2.5f, 0 },
	{ "wie lange geht das", K, 3.0f, 0 }, { "wie lange geht der", K, 3.0f, 0 },
	{ "wie lange geht die", K, 3.0f, 0 }, { "matte", K, 2.0f, 0 }, { "matten", K, 2.0f, 0 }, { "yogamatte*", K, 2.0f, 0 }, { "socken", K, 1.5f, 0 },
	{ "schuhe", K, 1.5f, 0 }, { "brauch ich", K, 1.5f, 0 }, { "geht das bei mir", K, 2.5f, 0 },
	{ "bei mir ueberhaupt", K, 2.5f, 0 }, { "ist das ein problem", K, 3.0f, 0 }, { "macht das was", K, 2.0f, 0 }, { "personen", K, 2.0f, 0 }, { "koss", K, 2.5f, 0 },
	{ "geb* sie .. nummer .. weiter", K, 3.5f, 0 }, { "gibt es ein", K, 1.2f, 0 }, { "gibt es eine", K, 1.2f, 0 },
	/* health, effect, people, facilities, data: the topics of the studio's FAQ */
	{ "diabet*", K, 2.0f, 0 }, { "huefte*", K, 2.0f, 0 }, { "knie", K, 2.0f, 0 }, { "knieprobl*", K, 2.0f, 0 }, { "knieschmerz*", K, 2.0f, 0 },
	{ "bandscheibe*", K, 2.0f, 0 }, { "gelenk*", K, 1.5f, 0 }, { "senior", K, 2.0f, CUE_STATUS },
	{ "senioren", K, 2.0f, CUE_STATUS },
	{ "seniorin", K, 2.0f, CUE_STATUS }, { "seniorinnen", K, 2.0f, CUE_STATUS }, { "seniorenrabatt", K, 2.5f, 0 },
	{ "seniorentarif", K, 2.5f, 0 }, { "seniorenpreis*", K, 2.5f, 0 },
	{ "seniorenermaessigung", K, 2.5f, 0 }, { "rentner*", K, 2.0f, CUE_STATUS },
	{ "anfaenger*", K, 2.0f, 0 }, { "herz", K, 1.5f, 0 }, { "herzprobl*", K, 2.0f, 0 }, { "herzkrank*", K, 2.0f, 0 }, { "op", K, 1.2f, 0 },
	{ "blutverduenn*", K, 2.0f, 0 }, { "medikament*", K, 2.0f, 0 }, { "tabletten", K, 1.5f, 0 },
	{ "trotzdem", K, 1.5f, 0 }, { "asthma", K, 2.0f, 0 }, { "anstrengend", K, 2.0f, 0 },
	{ "zehnerkarte*", K, 2.5f, 0 }, { "kaffee", K, 1.2f, 0 }, { "hilft das", K, 2.5f, 0 }, { "hilft es", K, 2.5f, 0 },
	{ "ist das schlimm", K, 2.5f, 0 }, { "migraene", K, 2.0f, 0 }, { "schilddruese*", K, 2.0f, 0 }, { "reha", K, 2.0f, 0 },
	{ "ratenzahlung", K, 2.5f, 0 }, { "ec karte", K, 2.5f, 0 }, { "kreditkarte*", K, 2.5f, 0 }, { "bei kindern", K, 2.0f, 0 }, { "fuer kinder", K, 2.0f, 0 }, { "kurs", K, 1.0f, 0 }, { "gruppe*", K, 1.5f, 0 },
	{ "mit anderen", K, 1.5f, 0 }, { "ist das .. okay", K, 2.0f, 0 }, { "darf ich das", K, 2.0f, 0 }, { "bluthochdruck", K, 2.0f, 0 }, { "herzschrittmacher", K, 2.5f, 0 },
	{ "medizin*", K, 1.8f, 0 }, { "arzt", K, 1.2f, 0 }, { "aerzt*", K, 1.2f, 0 }, { "gesund*", K, 1.5f, 0 },
	{ "allergi*", K, 2.0f, 0 },
	/* the whole word too: only whole cue words are found at the end of a compound ("Katzenallergie") */
	{ "allergie", K, 2.0f, 0 }, { "ist das normal", K, 3.0f, 0 }, { "ausschlag", K, 2.0f, 0 }, { "juckt", K, 2.0f, 0 },
	{ "geroetet", K, 2.0f, 0 }, { "entzuend*", K, 2.0f, 0 },
	{ "operation", K, 1.5f, 0 }, { "wissenschaft*", K, 2.0f, 0 },
	{ "ergebnis*", K, 2.0f, 0 }, { "abnehmen", K, 1.5f, 0 }, { "wirkung", K, 2.0f, 0 }, { "effekt*", K, 1.8f, 0 },
	{ "cellulite", K, 2.0f, 0 }, { "diaet", K, 1.8f, 0 }, { "ernaehrung*", K, 1.8f, 0 }, { "hygien*", K, 2.0f, 0 },
	{ "geraet*", K, 1.8f, 0 }, { "getraenk*", K, 2.0f, 0 }, { "trinken", K, 1.2f, 0 }, { "essen", K, 1.0f, 0 },
	{ "englisch", K, 2.0f, 0 }, { "tuerkisch", K, 2.0f, 0 }, { "russisch", K, 2.0f, 0 }, { "polnisch", K, 2.0f, 0 },
	{ "arabisch", K, 2.0f, 0 }, { "italienisch", K, 2.0f, 0 }, { "spanisch", K, 2.0f, 0 },
	/* "sprechen Ihre Mitarbeiter auch Türkisch": a question about the studio, no person asked for */
	{ "sprechen .. auch englisch", K, 4.0f, 0 }, { "sprechen .. auch tuerkisch", K, 4.0f, 0 },
	{ "sprechen .. auch russisch", K, 4.0f, 0 }, { "sprechen .. auch polnisch", K, 4.0f, 0 },
	{ "sprechen .. auch arabisch", K, 4.0f, 0 }, { "sprechen .. auch italienisch", K, 4.0f, 0 },
	{ "sprechen .. auch spanisch", K, 4.0f, 0 },
	/* "hab meine Jacke da liegen lassen": a thing left behind */
	{ "liegen lassen", K, 3.0f, 0 }, { "liegen gelassen", K, 3.0f, 0 }, { "liegenlassen", K, 3.0f, 0 },
	{ "liegengelassen", K, 3.0f, 0 }, { "sprache*", K, 1.5f, 0 }, { "newsletter", K, 2.5f, 0 },
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
	{ "warte kurz", Z, 2.5f, 0 }, { "warte mal", Z, 2.5f, 0 }, { "wart mal", Z, 2.5f, 0 },
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
	{ "neukund*", B, 1.0f, 0 }, { "massage*", B, 0.8f, 0 }, { "brauch* .. massage*", B, 2.0f, 0 },
	{ "braeucht* .. massage*", B, 2.0f, 0 },
	{ "moecht* .. massage*", B, 2.0f, 0 }, { "brauch* .. behandlung*", B, 2.0f, 0 },
	{ "braeucht* .. behandlung*", B, 2.0f, 0 }, { "behandlung*", B, 0.8f, 0 }, { "sitzung*", B, 0.8f, 0 },
	{ "anfangen", B, 0.8f, 0 }, { "mitmachen", B, 0.8f, 0 }, { "interessier*", B, 1.0f, 0 },
	{ "interesse", B, 1.0f, 0 }, { "nehme", B, 1.2f, 0 }, { "nehm", B, 1.2f, 0 }, { "nehmen wir", B, 1.5f, 0 },
	{ "geht auch", B, 0.9f, 0 }, { "passt auch", B, 0.9f, 0 }, { "lieber", B, 0.6f, 0 },
	{ "am besten", B, 0.6f, 0 }, { "wie waere es", B, 1.0f, 0 }, { "wie waers", B, 1.0f, 0 },
	{ "machen", B, 0.3f, 0 }, { "gutschein*", B, 1.5f, 0 }, { "einloesen", B, 1.0f, 0 },
	{ "will .. einloes*", B, 3.0f, 0 }, { "moecht* .. einloes*", B, 3.0f, 0 }, { "moechte .. gern*", B, 0.8f, 0 },
	{ "ich hab* .. frei", B, 2.5f, 0 }, { "ich bin .. frei", B, 2.5f, 0 }, { "ich haette .. zeit", B, 2.0f, 0 },
	{ "ich habe .. zeit", B, 2.0f, 0 }, { "ich kann", B, 0.5f, 0 }, { "ich koennte", B, 0.8f, 0 }, { "hin", B, 0.3f, 0 },
	/* "und mein Mann möchte auch einen": one more of the same */
	{ "moechte .. auch einen", B, 2.0f, 0 }, { "will .. auch einen", B, 2.0f, 0 },
	{ "braucht .. auch einen", B, 2.0f, 0 }, { "moechte .. auch eine", B, 2.0f, 0 },
	/* "ich möcht wieder einen": one more like the last */
	{ "moecht* .. wieder einen", B, 2.0f, 0 }, { "will .. wieder einen", B, 2.0f, 0 },
	{ "braeucht* .. wieder einen", B, 2.0f, 0 }, { "brauch* .. wieder seine", B, 2.0f, 0 },
	{ "brauch* .. wieder ihre", B, 2.0f, 0 }, { "brauch* .. wieder was", B, 2.0f, 0 },
	{ "braeucht* .. wieder was", B, 2.0f, 0 },
	{ "brauch* .. wieder einen", B, 2.0f, 0 },
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
	{ "kapazitaet*", A, 1.5f, 0 }, { "was zu kriegen", A, 2.5f, 0 }, { "was zu bekommen", A, 2.5f, 0 },
	{ "haben sie .. irgendwas", A, 2.5f, 0 }, { "haben sie .. irgendwann", A, 2.5f, 0 },
	{ "wann haben sie", A, 1.6f, 0 }, { "wann haetten sie", A, 1.6f, 0 },
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
	{ "ich kann .. nicht kommen", X, 2.5f, 0 },
	{ "ich komm .. nicht", X, 1.5f, 0 }, { "komm nicht", X, 2.0f, 0 },
	{ "krank", X, 1.0f, 0 }, { "erkaeltet", X, 1.0f, 0 }, { "verhindert", X, 1.5f, 0 }, { "faellt .. flach", X, 3.0f, 0 },
	{ "annullier*", X, 3.0f, 0 }, { "rausnehmen", X, 2.5f, 0 }, { "raus nehmen", X, 2.5f, 0 },
	{ "weg machen", X, 2.5f, 0 }, { "machen .. weg", X, 2.5f, 0 }, { "wird nichts", X, 2.0f, 0 },
	{ "sag* .. ab", X, 3.0f, 0 }, { "nehm* .. nicht wahr", X, 3.0f, 0 }, { "faellt .. bei mir aus", X, 3.0f, 0 },
	{ "schaff* .. nicht", X, 1.5f, 0 }, { "schaff* es .. nicht", X, 2.0f, 0 }, { "entfall*", X, 2.0f, 0 },
	{ "aufloesen", X, 1.5f, 0 }, { "und kann nicht", X, 2.5f, 0 }, { "zurueckgeben", X, 1.5f, 0 },
	/* reschedule */
	{ "verschieb*", R, 3.0f, CUE_NEG }, { "verschoben", R, 3.0f, 0 }, { "verleg*", R, 2.5f, 0 }, { "umbuch*", R, 3.0f, 0 },
	{ "umleg*", R, 2.5f, 0 }, { "shiften", R, 2.5f, CUE_NEG }, { "schiften", R, 2.5f, CUE_NEG }, { "umterminier*", R, 3.0f, 0 }, { "anderen termin", R, 2.0f, 0 },
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
	{ "bis wann", O, 1.8f, 0 }, { "ueberhaupt auf", O, 2.5f, 0 }, { "ueberhaupt offen", O, 2.5f, 0 },
	{ "ueberhaupt geoeffnet", O, 2.5f, 0 }, { "bis wann haben sie", O, 3.0f, 0 }, { "bis wann habt ihr", O, 3.0f, 0 },
	{ "wann haben sie .. auf", O, 3.0f, 0 }, { "wann habt ihr .. auf", O, 3.0f, 0 },
	{ "ab wann", O, 1.5f, 0 }, { "machen sie zu", O, 2.5f, 0 },
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
	{ "vertreten", W, 2.0f, 0 }, { "braeucht* .. rechnung", K, 2.5f, 0 }, { "brauch* .. rechnung", K, 2.5f, 0 },
	{ "rechnung fuer", K, 2.5f, 0 }, { "quittung", K, 2.5f, 0 }, { "beihilfe", K, 2.5f, 0 },
	{ "haltestelle", W, 2.0f, 0 }, { "ecke", W, 1.8f, 0 },
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
	{ "na klar", Y, 2.0f, 0 }, { "sicher", Y, 1.2f, 0 }, { "perfekt", Y, 2.0f, 0 }, { "super", Y, 1.5f, 0 }, { "klasse", Y, 1.5f, 0 },
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
	{ "klaro", Y, 2.0f, 0 }, { "jupp", Y, 2.0f, 0 }, { "denke schon", Y, 2.2f, 0 }, { "glaube schon", Y, 2.2f, 0 },
	{ "abgemacht", Y, 2.5f, 0 }, { "ist recht", Y, 2.2f, 0 }, { "okidoki", Y, 2.0f, 0 }, { "allerdings", Y, 1.2f, 0 },
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
	{ "muss .. passen", F, 2.5f, 0 }, { "eher schlecht", F, 2.5f, 0 }, { "net", F, 1.5f, 0 },
	{ "noi", F, 2.5f, 0 }, { "ha noi", F, 3.0f, 0 }, { "noeoe", F, 2.0f, 0 }, { "sicher nicht", F, 3.0f, 0 },
	{ "bestimmt nicht", F, 3.0f, 0 },
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
	/* thanks all the same, no "trotzdem" of a question ("kann ich trotzdem kommen") */
	{ "trotzdem danke", G, 0.8f, 0 }, { "danke trotzdem", G, 0.8f, 0 },
	{ "vielen dank", G, 1.2f, 0 }, { "herzlichen dank", G, 1.2f, 0 }, { "besten dank", G, 1.2f, 0 }, { "dankeschoen", G, 1.2f, 0 }, { "danke schoen", G, 1.2f, 0 },
	{ "auflegen", G, 2.0f, 0 }, { "leg* .. auf", G, 2.0f, 0 }, { "ich ruf* .. an", G, 2.0f, 0 },
	{ "ich ruf* .. zurueck", G, 2.5f, 0 }, { "ich .. zurueckrufe*", G, 2.0f, 0 }, { "ich meld* mich", G, 2.5f, 0 },
	{ "ich .. melden", G, 2.0f, 0 }, { "meld* mich", G, 2.0f, 0 }, { "mach* gut", G, 2.0f, 0 },
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
	/* "kann ich am Freitag nochmal kommen", "ich ruf gleich nochmal an": again, not "say it again" */
	{ "nochmal kommen", B, 0.5f, 0 }, { "wieder zusammen kommen", B, 2.5f, 0 }, { "wieder kommen", B, 1.5f, 0 },
	{ "wiederkommen", B, 1.5f, 0 }, { "nochmal vorbeikommen", B, 0.8f, 0 }, { "noch mal kommen", B, 0.5f, 0 },
	{ "ich ruf* .. nochmal an", G, 2.5f, 0 }, { "ich ruf* .. noch mal an", G, 2.5f, 0 },
	{ "nochmal sagen", Q, 2.0f, 0 }, { "wie war das", Q, 2.0f, 0 }, { "was haben sie gesagt", Q, 2.5f, 0 },
	{ "was war die frage", Q, 3.5f, 0 }, { "wie war die frage", Q, 3.5f, 0 }, { "was haben sie gefragt", Q, 3.5f, 0 },
	{ "was sagten sie", Q, 2.5f, 0 }, { "zu schnell", Q, 2.5f, 0 }, { "nicht so schnell", Q, 2.5f, 0 }, { "langsam", Q, 1.5f, 0 },
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
	"braucht", "dafuer", "darueber", "heiss", "verschrieben", "verschreiben", "verschreibt",
	/* everyday words one letter from a cue word, found by hearing every word of the tables, then of a
	 * German word list, alone (docs/nlu-measure.md, "The eighth round") */
	"platt", "sache", "denke", "kranken", "gefunden", "grippe", "allerliebsten", "schule",
	"schwaegerin", "einkaufen", "stadt", "tasche", "andersrum", "professor", "arzttermin", "arzttermine",
	"leiser", "ansage", "ansagen", "absatz", "liebe", "leiten", "leitet", "leide", "leine", "zeigen", "schloss",
	"schrieb", "schien", "start", "staat", "stern", "sterne", "tauchen", "taschen", "verlag", "kalte", "kante",
	"geraten", "gesandt", "ferien", "daher", "eisen", "ungarn", "worten", "werten",
	/* treatments' names ("Hot Stone") */
	"stone", "stones", NULL,
};

/* Beginnings of everyday words that a cue word's beginning one letter off would take
 * over ("verletzt" is no "verleg*", "Prozente" no "Probe*"). */
static const char *const intent_plain_stems[] = {
	"verletz", "schief", "prozent", "projekt", "protest", "prozess", "protein", "vorleg", "ansag", NULL,
};

/* Regional and spoken forms of short cue words ("habt ihr samstags uff", "wo is das"). */
static const char *const intent_regional[][2] = {
	{ "uff", "auf" }, { "is", "ist" }, { "wat", "was" }, { "dat", "das" }, { "ham", "haben" }, { "isch", "ich" },
	{ "nich", "nicht" }, { "nae", "nein" }, { "nit", "nicht" }, { "jeht", "geht" }, { "ick", "ich" }, { "icke", "ich" },
	{ "jut", "gut" }, { "jerne", "gerne" }, { "jern", "gern" }, { "ned", "nicht" }, { "guad", "gut" }, { "basst", "passt" },
	{ "goht", "geht" },
	{ NULL, NULL },
};

/* The words the form of a turn is read by: question words, verbs that open a question
 * before their pronoun, those pronouns, and words a clause may open after. */
static const char *const intent_wword[] = {
	"wo", "was", "wann", "wie", "welche", "welcher", "welches", "welchen", "wozu", "wieso", "warum", "weshalb",
	"wer", "wohin", "woher", "wieviel", "wofuer", NULL,
};
static const char *const intent_qverb[] = {
	"kann", "koennen", "koennte", "koennten", "muss", "muessen", "darf", "duerfen", "ist", "sind", "geht", "gibt",
	"gibts", "haben", "haetten", "habt", "hat", "bekomme", "bekommt", "kriege", "kriegt", "kriegen", "passt", "klappt",
	"waere", "ginge", "wird", "soll", "nehmen", "nehmt", "akzeptieren", "bieten", "bietet", NULL,
};
static const char *const intent_pron[] = { "ich", "man", "sie", "es", "das", "wir", "ihr", "du", "der", "die", NULL };
static const char *const intent_opener[] = {
	"und", "aber", "oder", "sondern", "also", "ja", "jo", "nein", "nee", "gut", "okay", "ok", "passt", "gerne",
	"gern", "klar", "genau", "prima", "super", "hallo", "hi", "hey", "servus", "moin", "bitte", "danke", "tag",
	"entschuldigung", "frage", NULL,
};

#endif
