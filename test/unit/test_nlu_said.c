/* test_nlu_said.c: what is said around a request or an answer: words that mean something
 * else where they stand, particles and colloquial negations, an answer with more said
 * after it. The checks of the rounds measured in docs/nlu-measure.md ("The seventh round"
 * on); test_nlu.c holds the tables and the older checks. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "nlu.h"
#include "t.h"
#include "t_nlu.h"
#include "tf_limits.h"

/* Words that mean something else where they stand: "nochmal" of coming again, a
 * question word after a "nicht", a feast wished well, "wie beim letzten Mal". */
static void test_said_in_passing(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* a question word with its verb right after a negation asks anew */
	T_INTENT(&a, "weiß ich noch nicht was kostet das denn bei ihnen", NLU_EXPECT_DATE, NLU_INFO_FAQ);
	T_INTENT(&a, "weiß ich nicht wann haben sie denn auf", NLU_EXPECT_DATE, NLU_INFO_HOURS);
	/* a feast wished well asks nothing, not even for the hours */
	T_INTENT(&a, "na dann schöne ostern und schönen feiertag ihnen", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "haben sie am feiertag auf", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	/* the languages spoken in the studio; things left behind */
	T_INTENT(&a, "sprechen sie da auch russisch", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann ich bitte mit jemandem sprechen", NLU_EXPECT_NONE, NLU_HUMAN);
	T_INTENT(&a, "mein sohn hat seine mütze bei ihnen liegen lassen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* coming again, calling again: no "say that again" */
	T_INTENT(&a, "es tut immer noch weh könnte ich nächste woche nochmal kommen", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich bin grad im supermarkt an der kasse ich ruf später nochmal an", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "können sie das nochmal sagen", NLU_EXPECT_NONE, NLU_REPEAT);
	/* until when the doors are open */
	T_INTENT(&a, "bis wann habt ihr samstags auf", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "wann haben sie was frei", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	/* "wie beim letzten Mal" asks nothing; "braucht wieder" is no slip of "bräuchte" */
	T_INTENT(&a, "ich möchte gern einen termin so wie beim letzten mal", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "mein mann braucht wieder seine rückenmassage", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "er wohnt im seniorenheim und braucht wieder seine behandlung", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "gibt es bei ihnen einen seniorenrabatt", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* a name said with a wish to book books; asked for the name, a name with no question answers */
	T_INTENT(&a, "guten tag hier ist frau lindner ich hätte gern wieder eine massage", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "egon winkler und ich bin der sohn falls was ist", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	T_INTENT(&a, "mäuschen wie heißt der opa nochmal mit nachnamen ah ok also brettschneider", NLU_EXPECT_NAME,
		 NLU_GIVE_NAME);
	T_INTENT(&a, "wir waren schon mal da und wollen wieder zusammen kommen", NLU_EXPECT_NONE, NLU_BOOK);
	/* an invoice wanted is a question for the FAQ, one disputed is for a person */
	T_INTENT(&a, "ich bräuchte noch eine quittung für die krankenkasse", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "brauche ne rechnung für meine letzte massage", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* what the train says and where the caller stands ask nothing */
	T_INTENT(&a, "moment nächster halt rathaus ausstieg in fahrtrichtung rechts", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "wo ist bei ihnen die nächste haltestelle", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	/* "was" closing a turn is "etwas"; "haben Sie irgendwas" asks what is free */
	T_INTENT(&a, "meine frau bräuchte am donnerstag auch was", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "beides nicht haben sie am montag irgendwas ab vier", NLU_EXPECT_CHOICE, NLU_AVAILABILITY);
	/* back from the room with "ach ja", "ah so"; thinking it over and calling again */
	T_INTENT(&a, "papa wie war nochmal deine handynummer ach ja null eins fünf eins zwei drei vier fünf sechs",
		 NLU_EXPECT_PHONE, NLU_GIVE_PHONE);
	T_INTENT(&a, "nee beides nix ich überleg mir das nochmal und ruf wieder an ciao", NLU_EXPECT_CHOICE, NLU_BYE);
	T_INTENT(&a, "lehmann sorry ich bin total durch den wind heute", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	/* small talk about the weather; "nicht wahr" asks for agreement, "nehm ... nicht wahr" cancels */
	T_INTENT(&a, "also das wetter ist heute wieder ein traum nicht wahr", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "den termin am montag nehm ich leider nicht wahr", NLU_EXPECT_NONE, NLU_CANCEL);
	/* "egal wann" asks nothing; "überhaupt auf" asks the hours; "was zu kriegen" what is free */
	T_INTENT(&a, "egal wann hauptsache bald ich bin student und hab zeit", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "habt ihr denn an silvester überhaupt auf", NLU_EXPECT_DATE, NLU_INFO_HOURS);
	T_INTENT(&a, "ist bei ihnen diese woche noch was zu bekommen", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	T_INTENT(&a, "mein sohn bräuchte wieder was für seinen rücken", NLU_EXPECT_NONE, NLU_BOOK);
	struct nlu_result r = test_hear(&a, "ist mir wurscht nehmen sie irgendeinen", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.intent, NLU_BOOK);
	T_EQ_INT(r.choice, NLU_CHOICE_ANY);
	r = test_hear(&a, "beide gehen mir", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.choice, NLU_CHOICE_ANY);
	/* the area code, a pause, the rest of the number; a correction starts it anew */
	r = test_hear(&a, "null sechs neun warten sie ich such das grad raus vier vier drei zwei eins null", NLU_EXPECT_PHONE);
	T_OK(r.digits != NULL && strcmp(r.digits, "069443210") == 0);
	r = test_hear(&a, "null sechs neun nein falsch null sechs eins eins zwei drei vier fünf", NLU_EXPECT_PHONE);
	T_OK(r.digits != NULL && strcmp(r.digits, "06112345") == 0);
	r = test_hear(&a, "dann nehm i des erschte", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.intent, NLU_BOOK);
	T_EQ_INT(r.choice, 0);
	arena_free(&a);
}

/* Particles and colloquial forms: "ja" inside a clause after its verb is no
 * answer, "nich" and the Rhineland "nä" are "nicht" and "nein", and a "nicht"
 * inside the clause after a hold is no answer that ends the hold. */
static void test_particles(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	T_INTENT(&a, "nee um neun passt mir gar nich da muss ich den hund ausführen der kann ja nicht warten",
		 NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "nein das hab ich ja schon gesagt am freitag bin ich nicht da", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "geht leider nich da bin ich beim arzt", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "nä lass mal", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "am freitag kann ich nich", NLU_EXPECT_DATE, NLU_NO);
	T_INTENT(&a, "nä dat passt mir nich", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "ja das passt", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "ja ist ja gut dann nehm ich den", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "sekunde ich muss die nummer erst suchen die hab ich nicht im kopf", NLU_EXPECT_PHONE, NLU_WAIT);
	T_INTENT(&a, "moment bitte nein der dienstag geht doch nicht", NLU_EXPECT_YESNO, NLU_NO);
	/* a "wo" that opens a relative clause, or asks where the caller's own things are, asks
	 * nothing of the studio */
	T_INTENT(&a, "ich bräuchte einen termin in hamburg wo ich arbeite", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich möchte einen termin in köln wo ich wohne", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "oh mist wo ist denn jetzt mein kalender ah ja am dienstag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "wo hab ich denn meine brille also donnerstag um drei", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "wissen sie wo ich da parken kann", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wo ist denn ihr studio", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	/* a prescription is no appointment moved ("verschrieben" is not "verschieben" misheard) */
	T_INTENT(&a, "mir wurden sechs massagen verschrieben ich brauche einen termin", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "der arzt hat mir das verschrieben geht das am freitag", NLU_EXPECT_NONE, NLU_AVAILABILITY);
	/* everyday words one letter from a cue word are heard as themselves */
	T_INTENT(&a, "ich bin am freitag leider verhindert", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "ich bin grad in der stadt", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "am allerliebsten dienstag", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "mir ist das eine wichtige sache", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "ich habe mich beim sport verletzt", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "in den ferien", NLU_EXPECT_NONE, NLU_UNKNOWN);
	T_INTENT(&a, "klasse", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "da ist was schief gelaufen mit der buchung", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* whether a prescription is needed asks the FAQ; one the caller has is no question */
	T_INTENT(&a, "brauche ich dafür ein rezept", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "kann ich auch ohne rezept kommen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "brauche ich ein rezept vom arzt", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "geht das auch ohne verordnung", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* a name said first does not outweigh "ich kann ... nicht kommen" */
	T_INTENT(&a, "hallo hier ist weber ich kann morgen leider nicht kommen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "guten tag kaiser hier ich kann am freitag nicht kommen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "ich kann leider nicht zu ihnen kommen können sie mich zurückrufen", NLU_EXPECT_NONE,
		 NLU_CALLBACK);
	T_INTENT(&a, "ich hab ein rezept vom arzt für sechs massagen und bräuchte einen termin", NLU_EXPECT_NONE,
		 NLU_BOOK);
	arena_free(&a);
}

/* An answer with more said after it: a farewell closing a yes, a thing told beside a slot
 * chosen, a time offered after a no, a reason against the time offered. */
static void test_answer_and_more(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* a yes that opens the turn stands; the farewell after it closes the call */
	T_INTENT(&a, "ja machen sie das bitte dann auf wiederhören", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "ja das passt dann tschüss", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "ja gut danke tschüss", NLU_EXPECT_YESNO, NLU_BYE);   /* to "sonst noch etwas?" */
	T_INTENT(&a, "ja vielen dank auf wiederhören", NLU_EXPECT_YESNO, NLU_BYE);
	T_INTENT(&a, "gut danke das wars tschüss", NLU_EXPECT_YESNO, NLU_BYE);
	T_INTENT(&a, "ja danke das wars tschüss", NLU_EXPECT_YESNO, NLU_BYE);
	T_INTENT(&a, "wann machen sie am samstag auf", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	/* "zu" before a feast or an article is no "hat ... zu" */
	T_INTENT(&a, "meine frau hat zu weihnachten einen gutschein gekriegt und möchte ihn einlösen",
		 NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "hat das studio am samstag zu", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	/* a slot chosen and a thing told, not asked */
	T_INTENT(&a, "das zweite bitte die hat den gutschein zu weihnachten gekriegt", NLU_EXPECT_CHOICE, NLU_BOOK);
	T_INTENT(&a, "das zweite bitte kann ich da mit gutschein zahlen", NLU_EXPECT_CHOICE, NLU_INFO_FAQ);
	/* an appointment wished for, then things told of it, not asked */
	T_INTENT(&a, "wir hätten gern einen termin für zwei personen wir haben einen gutschein geschenkt bekommen",
		 NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich will einen termin kann ich auch mit bargeld zahlen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich brauch einen termin für zwei personen geht das", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* a time offered after the no books it; a reason against the time offered is a no */
	T_INTENT(&a, "ja äh nein doch nicht um elf da hab ich ne besprechung ähm um zwei ginge", NLU_EXPECT_YESNO,
		 NLU_BOOK);
	T_INTENT(&a, "nee um elf schlaf ich noch", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "nein so früh schaff ich das echt nicht", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "nein so früh schaff ich das nicht da steh ich immer im stau am freitag nicht vor zehn",
		 NLU_EXPECT_YESNO, NLU_BOOK);
	T_INTENT(&a, "ich schaff es morgen nicht zu meinem termin", NLU_EXPECT_NONE, NLU_CANCEL);
	/* a verb's prefix heard apart from it */
	T_INTENT(&a, "kann mich jemand aus der filiale morgen vormittag an rufen", NLU_EXPECT_NONE, NLU_CALLBACK);
	T_INTENT(&a, "ich muss meinen termin leider ab sagen", NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "ab morgen", NLU_EXPECT_DATE, NLU_BOOK);
	/* asked which, the slot named with a yes books it */
	struct nlu_result c = test_hear(&a, "ja der erste passt das passt mir besser", NLU_EXPECT_CHOICE);
	T_EQ_INT(c.intent, NLU_BOOK);
	T_EQ_INT(c.choice, 0);
	T_INTENT(&a, "okay dann nummer zwei das passt mir besser", NLU_EXPECT_CHOICE, NLU_BOOK);
	T_INTENT(&a, "ja passt", NLU_EXPECT_CHOICE, NLU_YES);
	/* a question opened by its question word goes on past "ist"; "nehmen Sie ..." asks */
	T_INTENT(&a, "hallo wo genau ist die praxis danke", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "guten tag nehmen sie auch karte", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "akzeptieren sie auch ec karten", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "nehmen wir den zweiten", NLU_EXPECT_CHOICE, NLU_BOOK);
	/* thanks all the same; the answer after "Moment" */
	T_INTENT(&a, "nö trotzdem danke", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "ach so nein tut mir leid trotzdem danke", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "kann ich trotzdem kommen wenn ich erkältet bin", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "moment das schaff ich nicht", NLU_EXPECT_YESNO, NLU_NO);
	/* the slot chosen settles the wish for earlier that turned the first down */
	struct nlu_result r = test_hear(&a, "das erste nicht das ist mir zu früh das zweite nehm ich", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.intent, NLU_BOOK);
	T_EQ_INT(r.choice, 1);
	T_EQ_INT(r.when.pref, WHEN_PREF_NONE);
	r = test_hear(&a, "das frühere bitte dann hab ich den nachmittag noch für mich", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.when.grain, WHEN_NONE);
	T_OK(r.choice != NLU_CHOICE_NONE);
	r = test_hear(&a, "die sind mir beide zu früh", NLU_EXPECT_CHOICE);
	T_EQ_INT(r.when.pref, WHEN_PREF_LATER);
	arena_free(&a);
}

/* What comes first in a turn and what each word belongs to: a request before a question about
 * the studio, the first of two questions named, a wish before the farewell, a negation that
 * ends its clause, regional and foreign words for common ones. */
static void test_first_things_first(void)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	/* a wish to cancel, move or book, then where or when the studio is */
	T_INTENT(&a, "ich will meinen termin verschieben und wo ist eigentlich ihr studio in hamburg", NLU_EXPECT_NONE,
		 NLU_RESCHEDULE);
	T_INTENT(&a, "ich möchte den termin absagen und nebenbei gefragt wann haben sie samstags auf", NLU_EXPECT_NONE,
		 NLU_CANCEL);
	T_INTENT(&a, "ick bräuchte n termin wo is'n dit studio", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich möchte absagen muss ich dann was zahlen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "könnten sie meinen termin verlegen und wo finde ich sie", NLU_EXPECT_NONE, NLU_RESCHEDULE);
	T_INTENT(&a, "ich muss leider meinen termin stornieren wie lange haben sie heute offen", NLU_EXPECT_NONE,
		 NLU_CANCEL);
	T_INTENT(&a, "ich hätte gern einen termin und wann haben sie samstags auf", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "ich will buchen aber wo sind sie", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "wir haben ein neues auto und wo kann man bei ihnen parken", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	/* of two questions named with "und", the first */
	T_INTENT(&a, "adresse und öffnungszeiten bitte", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "die öffnungszeiten und die adresse bräuchte ich", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	/* a day wished for, then the farewell */
	T_INTENT(&a, "ich nehm dann den am freitag um neun vielen dank tschüss", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ich möchte heute keinen termin mehr ich melde mich morgen tschüss", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "ja gut vielen dank auf wiederhören", NLU_EXPECT_YESNO, NLU_BYE);
	/* a negation ending its clause before the verb of the next */
	T_INTENT(&a, "nein um acht schaff ich das nicht ginge auch halb elf", NLU_EXPECT_YESNO, NLU_BOOK);
	/* regional words, foreign greetings, holding the line */
	T_INTENT(&a, "dat jeht leider nit", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "jut dat passt", NLU_EXPECT_YESNO, NLU_YES);
	/* yes and no as people say them */
	T_INTENT(&a, "klaro", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "ich glaube schon", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "ja abgemacht", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "des is recht", NLU_EXPECT_YESNO, NLU_YES);
	T_INTENT(&a, "bestimmt nicht", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "nöö", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "na des geht ned", NLU_EXPECT_YESNO, NLU_NO);
	T_INTENT(&a, "ne du lass mal", NLU_EXPECT_YESNO, NLU_NO);
	struct nlu_result r = test_hear(&a, "hallo selam ich brauch einen termin wegen schulter", NLU_EXPECT_NONE);
	T_EQ_INT(r.intent, NLU_BOOK);
	T_OK(r.last_name == NULL && r.first_name == NULL);
	r = test_hear(&a, "ciao ich wollte einen termin machen", NLU_EXPECT_NONE);
	T_OK(r.last_name == NULL && r.first_name == NULL);
	T_INTENT(&a, "warte kurz die kleine schreit", NLU_EXPECT_YESNO, NLU_WAIT);
	T_INTENT(&a, "warte kurz ich rede mit dem studio", NLU_EXPECT_NONE, NLU_UNKNOWN);
	/* a digit said twice or three times in a phone number */
	r = test_hear(&a, "null eins sieben null zweimal die sechs eins zwei dreimal die neun", NLU_EXPECT_PHONE);
	T_EQ_STR(r.digits, "01706612999");
	r = test_hear(&a, "ich hab zweimal angerufen null drei null eins zwei drei vier fünf", NLU_EXPECT_PHONE);
	T_EQ_STR(r.digits, "03012345");
	/* a treatment's name is no word of cancelling; what is needed, and why, is asked */
	T_INTENT(&a, "ich hätte gern eine hot stone massage", NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "überweisung vom arzt notwendig", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "brauch ich ein rezept", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "weber aber warum brauchen sie das", NLU_EXPECT_NAME, NLU_INFO_FAQ);
	/* a request word put first and its negation after it; a new one ruled out; the question
	 * asked again; a complaint about the skin; a wish with "wollte", then where */
	T_INTENT(&a, "verschieben will ich nicht ich wollte nur wissen wann sie morgen aufmachen", NLU_EXPECT_NONE,
		 NLU_INFO_HOURS);
	T_INTENT(&a, "ich ruf nicht wegen einem neuen termin an ich muss den am montag absagen", NLU_EXPECT_NONE,
		 NLU_CANCEL);
	T_INTENT(&a, "entschuldigung der empfang war weg wie war die frage", NLU_EXPECT_YESNO, NLU_REPEAT);
	T_INTENT(&a, "seit der behandlung juckt mir die haut", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "ich wollte einen termin ausmachen und wissen wo ihr studio in köln genau ist", NLU_EXPECT_NONE,
		 NLU_BOOK);
	T_INTENT(&a, "schulze äh nein schulte", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	/* a new one for somebody else; a request, then with "und" something to know; "jern" */
	T_INTENT(&a, "ich will meinen termin am freitag absagen und dann gleich einen neuen für meinen sohn machen",
		 NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "ich muss den termin morgen absagen und dann hätte ich gern noch ihre adresse", NLU_EXPECT_NONE,
		 NLU_CANCEL);
	T_INTENT(&a, "ich hätt jern en termin", NLU_EXPECT_NONE, NLU_BOOK);
	/* asked for the name, the name with a request: the request is what to do next */
	T_INTENT(&a, "mein name ist schulz und ich will umbuchen", NLU_EXPECT_NAME, NLU_RESCHEDULE);
	T_INTENT(&a, "hier ist müller ich will absagen", NLU_EXPECT_NAME, NLU_CANCEL);
	T_INTENT(&a, "hallo hier ist bettina lorenzen ich möchte bitte einen termin buchen", NLU_EXPECT_NAME, NLU_BOOK);
	T_INTENT(&a, "guten tag hier spricht dimitrios papadakis ich möchte den termin für meine frau am donnerstag absagen",
		 NLU_EXPECT_NAME, NLU_CANCEL);
	T_INTENT(&a, "mein name ist schulz", NLU_EXPECT_NAME, NLU_GIVE_NAME);
	/* a booking, then with "und" where the studio is (past its question word) or whether
	 * one may park: the booking */
	T_INTENT(&a, "ich hätte gern einen termin am freitag in hamburg und wo genau sind sie da", NLU_EXPECT_NONE,
		 NLU_BOOK);
	T_INTENT(&a, "ich möchte einen termin buchen und gleich noch fragen ob man bei ihnen parken kann",
		 NLU_EXPECT_NONE, NLU_BOOK);
	T_INTENT(&a, "am freitag in hamburg und wo genau sind sie da", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	T_INTENT(&a, "sind sie am freitag da", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "wo genau ist die praxis danke", NLU_EXPECT_NONE, NLU_INFO_ADDRESS);
	/* a request asked at length after the name; "ich meld mich" as said; "wissen Sie was"
	 * asks nothing */
	T_INTENT(&a, "vorname elif nachname kaya und können sie gleich noch einen termin für meine schwester eintragen",
		 NLU_EXPECT_NAME, NLU_BOOK);
	T_INTENT(&a, "ach wissen se was ich meld mich nochmal tschüss", NLU_EXPECT_DATE, NLU_BYE);
	T_INTENT(&a, "ich meld mich nochmal", NLU_EXPECT_NONE, NLU_BYE);
	T_INTENT(&a, "weißt du was ich nehm den montag", NLU_EXPECT_DATE, NLU_BOOK);
	/* the caller's own lunch break asks for a time in it, not the studio's hours */
	T_INTENT(&a, "hallo ja ähm haben sie am dienstag in meiner mittagspause was frei so zwischen zwölf und eins",
		 NLU_EXPECT_NONE, NLU_AVAILABILITY);
	r = test_hear(&a, "hallo ja ähm haben sie am dienstag in meiner mittagspause was frei so zwischen zwölf und eins",
		      NLU_EXPECT_NONE);
	T_EQ_INT(r.when.from, 12 * 60);
	T_EQ_INT(r.when.to, 13 * 60);
	T_INTENT(&a, "haben sie über mittag offen", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	/* asked when, the day with a number to call back books; asked for the number, a
	 * question after it asks */
	T_INTENT(&a, "siebenundzwanzigster um zehn und erreichen können sie mich unter null eins sieben null fünf fünf "
		 "zwo acht eins vier sechs", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "null eins fünf eins vier vier sieben zwo drei null sechs müssen sie die nummer eigentlich speichern",
		 NLU_EXPECT_PHONE, NLU_INFO_FAQ);
	T_INTENT(&a, "null eins sieben null fünf fünf zwo acht eins vier sechs", NLU_EXPECT_PHONE, NLU_GIVE_PHONE);
	T_INTENT(&a, "null eins sieben null fünf fünf zwo acht eins vier sechs", NLU_EXPECT_DATE, NLU_GIVE_PHONE);
	/* asked when, a day said with whether it suits proposes it; "haben Sie", a tag or "ob" ask */
	T_INTENT(&a, "geht das am montag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "klappt es vielleicht am freitag nachmittag", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "haben sie am montag was", NLU_EXPECT_DATE, NLU_AVAILABILITY);
	T_INTENT(&a, "ich wollte fragen ob es auch am samstag geht", NLU_EXPECT_DATE, NLU_AVAILABILITY);
	/* a question after what leads up to it; a rule asked with a question word */
	T_INTENT(&a, "guten tag sagen sie mal welche öle benutzen sie", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "hallo kurze frage tut das weh", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "wie kurz vorher kann ich absagen", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "haben sie auch weibliche masseure", NLU_EXPECT_NONE, NLU_INFO_FAQ);
	T_INTENT(&a, "tut mir leid ich hab mich verwählt", NLU_EXPECT_NONE, NLU_BYE);
	/* told, not asked: a verb that goes on with the subject before, what the caller does not
	 * know, a clause with its verb at the end */
	T_INTENT(&a, "nächste woche donnerstag da hab ich frei und muss nicht in die arbeit", NLU_EXPECT_DATE, NLU_BOOK);
	T_INTENT(&a, "ich muss meinen termin absagen ich liege im krankenhaus und weiß nicht wie lange das noch dauert",
		 NLU_EXPECT_NONE, NLU_CANCEL);
	T_INTENT(&a, "weiß ich nicht wie lange haben sie denn heute auf", NLU_EXPECT_NONE, NLU_INFO_HOURS);
	T_INTENT(&a, "keine ahnung irgendwann halt was am schnellsten frei ist", NLU_EXPECT_DATE, NLU_BOOK);
	arena_free(&a);
}

int main(void)
{
	test_said_in_passing();
	test_particles();
	test_answer_and_more();
	test_first_things_first();
	return t_done();
}
