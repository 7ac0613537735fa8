/* when.h: what a German caller says about a day and a time ("morgen um halb drei",
 * "nächste Woche Dienstag vormittags", "am 2. Januar"), resolved on the studio's
 * wall clock (civil time, no zone: lib/core/tz turns the result into an instant). */
#ifndef TERMINFON_WHEN_H
#define TERMINFON_WHEN_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "civil.h"

struct nlu_context;

/* The finest thing said. */
enum when_grain {
	WHEN_NONE,      /* nothing about a day or time (a pref may still be set) */
	WHEN_TIME,      /* a time of day: "um 14 Uhr", "gegen fünf" */
	WHEN_DAYPART,   /* a window of the day: "vormittags", "ab 15 Uhr", "zwischen 2 und 4" */
	WHEN_DAY,       /* one day: "morgen", "am 3. Dezember", "Dienstag" */
	WHEN_WEEK,      /* a calendar week: "nächste Woche" */
	WHEN_MONTH,     /* a month: "im Dezember" */
	WHEN_RANGE,     /* other spans of days: "Anfang nächster Woche", "ab Mittwoch" */
};

enum when_pref {
	WHEN_PREF_NONE,
	WHEN_PREF_SOONEST,   /* "so schnell wie möglich", "der nächste freie Termin", "als nächstes";
	                      * with a day said, "egal wann", "spontan" wish that day only */
	WHEN_PREF_EARLIER,   /* "lieber früher", "das ist zu spät", "nach vorne verlegen" (not "wenn
	                      * ich zu spät komme") */
	WHEN_PREF_LATER,     /* "lieber später", "geht es auch später" */
};

/* A caller's wish, shaped like lib/core/schedule's struct schedule_wish:
 *   has_date, date       -> the wished day (for a span: its first day; set
 *                           schedule's after_date when last != date);
 *   has_time, minute     -> the wished start;
 *   from, to             -> the window, from <= start < to, 0/0 for none.
 * Rules (documented here because callers rely on them):
 *   - A weekday is the next such day after today: "Dienstag" said on a Tuesday
 *     is next week's; "heute" is today. "nächsten Dienstag" is the same day as
 *     "Dienstag"; "übernächsten Dienstag" a week later; "nächste Woche Dienstag"
 *     the Tuesday of next calendar week (weeks start on Monday).
 *   - A day and month already past this year mean next year ("am 2. Januar"
 *     in December); a day of the month already past means next month. But a
 *     weekday said with the date that fits only the one gone by ("Sonntag, 22.
 *     November" said on Tuesday the 24th) means that day gone by. A year said
 *     ("Ostern 2025", "3.5.25") is that year's, gone by or not; a two-digit
 *     year more than 20 years ahead is of the last century ("17.6.88").
 *   - An hour 1..12 said without a day part or 24-hour form is put where the
 *     studio is open that day (open_from <= minute < open_to): "um 3" is 15:00
 *     in a studio open 9-20; when both or neither fit, 1..7 and 12 go to the
 *     afternoon, 8..11 to the morning.
 *   - Without a day, `date` still holds the day the time next comes round
 *     (today if still ahead, else tomorrow), has_date stays false.
 *   - Mentions the caller rules out ("nicht am Montag", "Montag geht nicht",
 *     "statt Montag") are dropped; one after "lieber", "sondern", "auf" beats
 *     the others, else the last one counts ("um 10 oder um 11": the first).
 *     A day ruled out or beaten that way takes the time and part of the day said
 *     with it ("morgen vormittag, ach nein, lieber am Montag": Monday, no window).
 *     "nicht gleich morgen", "nicht schon am Montag" rule out what follows, not the
 *     mention before; "keine Ahnung", "weiß nicht" rule out nothing; a "nicht" before
 *     a question ("passt gar nicht, haben Sie am Donnerstag") stays with what went
 *     before, and one in a question ("haben Sie nicht was am Freitag") rules out nothing.
 *     Between two mentions led by the same word ("am Zwölften nicht am Elften", "im
 *     Januar nicht im Februar") "nicht" rules out the second. "nicht heute, morgen" (a
 *     comma between, or "nicht heute morgen" closing the turn) is tomorrow, not this
 *     morning. "die Woche" alone is this one ("die Woche nicht, aber die nächste"), not
 *     as a rate ("zweimal die Woche"). A mention in a "weil" clause is a reason, not a
 *     wish ("weil ich vormittags arbeite"), unless the clause says the caller is there
 *     or free then ("weil ich nächste Woche dort bin"). "vom Donnerstag auf nächste
 *     Woche": the day after "auf" is the new one, never folded into the one before. A
 *     day of the month said alone after one with its month keeps that month ("den 12.
 *     Juni, nein, den 19.": 19 June).
 *     A lone number after a time, "ich hatte zwölf gesagt", "ich meinte vier", is a
 *     time too. A feast as the occasion of a gift ("ein Gutschein zu Weihnachten", "zum
 *     Muttertag", "so einen wie an Weihnachten") is no day wished for, nor a day gone by
 *     said with a gift ("letztes Jahr nen Gutschein gekriegt"). What the caller tells of
 *     their day is no wish: another's duty after a mention ("dienstags hat der Leon
 *     Schwimmen", "nachmittags kommt der Pflegedienst"), when they are up ("um sechs auf
 *     den Beinen"), how they are ("ich bin heut ganz durch den Wind"), an apology ("dass
 *     ich so früh anrufe"). An end said before the start said is the caller's duty ("ab
 *     fünf, ich arbeite bis um vier": from five); "erst um vier" with a duty is from four
 *     ("ich komm erst um vier von der Schicht"); "hol ... ab um vier" is at four.
 *   - "in zwei Stunden" is counted on the wall clock; "in den nächsten zwei
 *     Stunden" is the window from now. "spätestens um elf" lets the start be eleven;
 *     "bis spätestens elf" ends the window at eleven. "bis abends" ends the window with
 *     that part of the day (from opening; no window when that is the whole open day).
 *   - A dash or slash between two days or two clock times is "bis"
 *     ("2. - 4. Dezember", "10:15-11:45"); "um 12.05" is a time, "ab 1.12" a date.
 *   - A day gone by ("gestern", "letzten Dienstag", "Sonntag letzte Woche", "vor
 *     einer Woche", a weekday, feast or date said in the past tense: "ich war am
 *     Montag da", "ich war drei Wochen nach Ostern da", and the perfect tense of "ich" or
 *     "wir": "ich hab am Samstag vor Ostern meine Brille liegen lassen", not "ich habe
 *     am Freitag Zeit"; "ich hatte am Samstag einen Termin", or one missed: "... und hab
 *     ihn verpasst", not one to be moved or booked: "ich hatte einen Termin am Montag, den
 *     muss ich verschieben", "ich hatte für Freitag einen Termin ausgemacht") is reported
 *     as past, never moved ahead; a day ahead said in the same turn wins over it. A time
 *     gone by ("die letzten zwanzig Minuten") is past as the day it began, today included.
 *   - Feasts ("Rosenmontag", "Pfingstmontag", "am dritten Advent") follow the rules
 *     of scripts/gen-holidays (Easter by the Gregorian computus): the next one.
 *     "Earth Hour" is the last Saturday of March (a week earlier on Holy Saturday).
 *     Feasts of other calendars ("chinesisches Neujahr", "Zuckerfest", "Opferfest",
 *     "Ramadan", "Pessach", "Chanukka", "orthodoxe Ostern", "Diwali") come from the
 *     table of scripts/gen-feasts, with their days ("Opferfest" four, "Ramadan" until
 *     the day before the Zuckerfest); outside the table's years they give nothing.
 *   - "X nach/vor Y" counts from Y: "der Tag nach Neujahr", "Freitag nach
 *     Himmelfahrt", "die Woche nach Ostern", "drei Wochen nach Ostern" (a day),
 *     "Freitag nach dem kommenden"; "den danach", "die übernächste" refer to the day
 *     or week said before; "den Tag danach" ("davor") is the day after (before) it, and
 *     "den Freitag drauf" the Friday after it, the day said before dropped only when
 *     ruled out ("am 27. nicht, aber den Tag danach"). Months and years move Y's days:
 *     "ein Jahr nach Weihnachten" is the first such days not gone by (last Christmas's,
 *     a year on).
 *   - "erster Montag im Januar", "letzter Freitag im Monat", "der letzte Tag im
 *     Monat": the next such day ("der erste Werktag im neuen Jahr" counts Monday to
 *     Friday without the feasts kept all over Germany); "die erste (letzte) Woche im
 *     August": the month's first (last) seven days; quarters are their three months;
 *     "KW 3": ISO week 3 (of next year when this year's is over); "in ein paar
 *     Tagen" is today+2..today+4, "in den nächsten drei Tagen" today..today+3. */
struct when {
	enum when_grain grain;
	bool has_date;
	struct civil_date date;   /* first day (or the implied day, see above) */
	struct civil_date last;   /* last day of a span; == date for one day */
	bool has_time;
	int minute;               /* minute of the day, 0..1439, when has_time */
	int from, to;             /* window of start minutes; 0/0 when none was said */
	bool approximate;         /* "gegen", "so um", "ungefähr", "in zwei Wochen" */
	enum when_pref pref;
	bool past;                /* the caller named a day gone by ("gestern", "letzten
	                           * Dienstag") or a time gone by today ("die letzten zwei
	                           * Stunden"): date == last holds it, grain WHEN_DAY,
	                           * has_date true; never moved into the future, and no
	                           * time is set. when_format() prints "past:YYYY-MM-DD". */
};

/* Parses a caller's words (raw speech text or normalised, any bytes, at most
 * TF_MAX_SPEECH are read) against ctx->now, ctx's open hours and ctx->expect
 * (a bare "zehn" is a time only when a date or a choice was asked for).
 * *out is always filled (grain WHEN_NONE when nothing was found).
 * TF_OK, TF_EINVAL for NULL arguments, TF_ENOMEM. Allocates nothing that outlives the call. */
int when_parse(const char *text, size_t len, const struct nlu_context *ctx, struct when *out);

/* "none", "time", "daypart", "day", "week", "month", "range". */
const char *when_grain_name(enum when_grain g);

/* A compact line for logs and test tables: "2026-11-25 14:00", "~17:00",
 * "2026-11-30..2026-12-02 09:00-12:00", "2026-11-25 later", "past:2026-11-17" for a
 * day gone by, "-" for nothing.
 * A day the caller did not say is shown in brackets: "(2026-11-25) 10:00". Returns the length written
 * (truncated at size, always NUL-terminated). */
size_t when_format(const struct when *w, char *out, size_t size);

/* {"value":"2026-11-25T14:00:00","grain":"time","interval":{"from":...,"to":...},
 * "date_said":true,"approximate":false[,"window":{"from":"12:00","to":"18:00"}][,"pref":"later"]}
 * as a new cJSON object the caller frees with cJSON_Delete(). value is a local
 * date-time for a time or a window, a date otherwise, null for nothing. The
 * interval is half-open: from the first day at the window's start to the last
 * day at its end, whole days when no window was said, value to value for an
 * exact time. TF_OK, TF_EINVAL, TF_ENOMEM. */
int when_json(const struct when *w, cJSON **out);

#endif
