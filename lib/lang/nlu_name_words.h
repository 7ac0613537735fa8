/* nlu_name_words.h: the word lists the name finders of nlu_name.c go by: given names,
 * words that are never names, time words that are also surnames, the words a name is
 * wrapped in and the particles of surnames. Data only; included once, by nlu_name.c. */
#ifndef TF_NLU_NAME_WORDS_H
#define TF_NLU_NAME_WORDS_H

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
	/* given names from Turkish, Arabic, Polish, Italian and Vietnamese families */
	"ahmet", "mert", "selim", "orhan", "cemal", "hatice", "sevgi", "gizem", "songuel", "yasin", "oemer", "tuerkan",
	"youssef", "omar", "karim", "khalid", "rachid", "samir", "tarek", "leila", "layla", "fatima", "amina", "nour",
	"farah", "hassan", "hussein", "ibrahim", "ismail", "jamal", "mahmoud", "malik", "nabil", "rami", "walid",
	"yasmin", "salma", "mariam", "grzegorz", "malgorzata", "marcin", "jacek", "wojtek", "zbigniew", "bartosz",
	"kamil", "michal", "dorota", "beata", "iwona", "ewelina", "magda", "kasia", "basia", "giorgio", "francesco",
	"lorenzo", "paolo", "roberto", "stefano", "fabio", "davide", "federico", "vincenzo", "salvatore", "gianluca",
	"claudio", "tuan", "duc", "minh", "linh", "hoang", "thanh", "trang", "huong", "phuong", "quang", "hung", "thuy",
	"hoa", "ngoc", "anh",
	/* short forms as callers give them ("die Huber Resi") */
	"ayla", "resi", "vroni", "franzi", "steffi", "babsi", "andi", "michi", "toni", "wastl", "hansi", "susi", "conni", "moni",
	NULL,
};

/* Words that are never part of a name, even right after "mein Name ist". */
static const char *const entity_stop[] = {
	"geborene", "geborener", "geb", "verwitwete", "und", "oder", "aber", "ich", "mich", "mir", "sie", "ihnen", "wir", "er", "es", "das", "der", "die",
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
	"stammkunde", "stammkundin", "sondern", "neue", "neuer", "patientin", "patient",
	/* pronouns, quantifiers and particles a name is never made of ("hier ist alles gut") */
	"alles", "etwas", "jemand", "keiner", "nix", "dann", "denn", "eigentlich", "wirklich", "selber", "dir",
	"dich", "uns", "euch", "mal", "vielleicht", "wieder", "nochmal", "gleich", "sagen", "sage", "sagt", "immer",
	"nie", "oft", "manchmal", "staendig", "dauernd", "besetzt", "geschlossen", "offen", "sonst", "wofuer", "wozu",
	"woher", "wohin", "womit", "wieviel", "wieviele", "bevor", "nachdem", "damit", "obwohl", "pardon",
	"tschuldigung", "achso", "aso", "hae", "huch", "ups", "hoppla",
	/* the studio's own nouns and what a call is about ("hier ist die Praxis", "das ist die Frage") */
	"praxis", "studio", "salon", "firma", "buero", "team", "filiale", "zentrale", "rezeption", "empfang",
	"behandlung", "massage", "kosmetik", "anrufbeantworter", "mailbox", "frage", "fragen", "problem", "sache",
	"anliegen", "grund", "idee", "antwort", "nummer", "adresse", "preis", "preise", "rechnung",
	/* where and which one ("die Ute von nebenan", "die kleine Lena") */
	"nebenan", "gegenueber", "oben", "unten", "drueben", "vorne", "hinten", "kleine", "kleinen", "alte", "liebe",
	"nette", "irgendwas", "irgendwer", "irgendwie", "irgendein", "irgendeinen", "sehr", "ziemlich", "total", "echt", "ganz", "recht", "arg", "extrem", "mega",
	/* verbs that follow "mein Name" or "hier ist" where no name does ("mein Name tut nichts zur Sache") */
	"tut", "tun", "macht", "geht", "kommt", "passt", "spielt", "laeuft", "hat", "haben", "hast", "steht",
	"stimmt", "bleibt", "klingt", "sagte", "fehlt", "fehlen", "fehlte", "folgt", "viel", "viele", "wenig", "los",
	"laut", "leise", "voll", "leer",
	/* what is said of a name instead of one ("der Name ist bekannt") */
	"bekannt", "geheim", "privat", "falsch", "anders", "kompliziert", "schwierig", "unwichtig", "vermerkt",
	"notiert", "gespeichert", "hinterlegt", "derselbe", "dieselbe", "gleiche", "selbe", "reicht", "genuegt",
	"langt", "gesagt", "sozusagen", "quasi",
	/* greetings and the verb as recognition spells it ("grüß Gott, Keller mein Name", "ich heise ...") */
	"gruess", "gruessgott", "gott", "servus", "moin", "hi", "tschuess", "heise", "heis", "heiss",
	/* politeness closing a turn, a caller asked to hold on, a dash spoken as a word */
	"bittschoen", "bitteschoen", "bitteschon", "dankeschoen", "dankschoen", "gell", "gelle", "gelt", "warte", "wart",
	"warten", "bindestrich", "strich", "braucht", "brauch",
	/* adverbs and particles said after a name, colloquial ones among them ("Frau Berger, nich die Tochter") */
	"nich", "net", "gar", "heut", "ruhig", "grad", "gerad", "bloss", "eh", "wohl", "mehr", "nimmer", "kaum", "fast",
	"ebenfalls", "erstmal", "erst", "zuerst", "vorhin", "bereits",
	/* whom a caller points at instead of naming ("für ihn"), and what stands for no name ("anonym") */
	"ihn", "ihm", "ihr", "ihren", "ihrem", "sein", "seinen", "seinem", "seiner", "meinte", "anonym", "unbekannt", NULL,
};

/* Ordinary words about time that are also surnames ("Herr Kurz", "Frau Ende"):
 * names only where a name stands, after "Frau", "mein Name ist" or when the
 * dialog asked for the name. Days and months among them ("Frau Freitag")
 * only after a salutation or a strong marker. */
static const char *const entity_time_names[] = { "kurz", "frueh", "mittag", "ende", "bald", "lang", "lange", NULL };
static const char *const entity_day_names[] = { "freitag", "sonntag", "mai", NULL };

/* Words a name may be wrapped in: "ich heiße übrigens ...", "ich bin die ...". */
static const char *const entity_skip[] = {
	"uebrigens", "aber", "noch", "also", "halt", "eben", "mal", "einfach", "die", "der", "aeh", "aehm", "aehm",
	"aeh", "aehh", "hm", "aso", "ja", "dann", "jetzt", "so", "es", "nur", "kleine", "liebe", "alte", "nette", "nochmal",
	"wieder", "neue", "neuer", "kundin", "kunde", "neukundin", "neukunde", "patientin", "patient", "bitte", "mich",
	"selbst", "selber", "anders", "naemlich", "ganz", NULL,
};

static const char *const entity_particles[] = {
	"von", "van", "de", "zu", "zur", "zum", "di", "da", "del", "ten", "ter", "la", "le", "du", "dos", "della", "lo", "dal", "dalla",
	"degli", "al", "el", "abu", NULL,
};

/* Particles written with a capital when they open a surname ("El Amrani", "Lo Bianco"). */
static const char *const entity_particles_capital[] = { "lo", "dal", "dalla", "degli", "al", "el", "abu", NULL };

#endif
