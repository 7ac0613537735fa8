/* agent.c: the embedded German dialog: book, check availability, leave a
 * name, move or cancel an appointment, opening hours, address and the
 * studio's FAQ, a person, a callback, goodbye; either-or questions when
 * unsure, side questions answered without losing the pending one,
 * re-prompts and limits; one state row per call. */
#include "agent.h"
#include "agent_int.h"
#include "booking.h"
#include "clock.h"
#include "err.h"
#include "faq.h"
#include "log.h"
#include "metrics.h"
#include "studio_route.h"
#include "sayde.h"
#include "studio.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the turn ---- */

#define HINTS_START "Termin, freie Termine, Öffnungszeiten, Adresse, Rückruf, Mitarbeiter, absagen, verschieben"
#define HINTS_NAME "Mein Name ist, Ich heiße, Frau, Herr"
#define HINTS_WHEN "heute, morgen, übermorgen, Montag, Dienstag, Mittwoch, Donnerstag, Freitag, Samstag, " \
	"vormittags, nachmittags, abends, nächste Woche, Uhr, halb, Viertel"
#define HINTS_CHOICE "den ersten, den zweiten, den dritten, der passt, ja, nein, lieber, später, früher"
#define HINTS_YESNO "ja, nein, genau, richtig, gerne, lieber nicht"
#define HINTS_HELP "verbinden, Rückruf, zurückrufen, ja, nein"

struct turn {
	struct store *s;
	struct arena *a;
	const struct config *cfg;
	const char *call_sid;
	int64_t now;
	struct store_call call;
	struct store_lead lead;
	const struct store_studios *studios;
	const struct store_studio *studio;   /* where the booking goes */
	bool switched;                       /* the caller chose this studio in this turn */
	struct schedule_studio cal;
	bool have_cal;
	struct civil_date today;             /* in the studio's zone */
	struct state st;
	struct heard h;
	const char *text;                    /* what the caller said, NULL for keys or silence */
	struct agent_reply *out;
	char say[1536];
	size_t len;
};

static void say(struct turn *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct turn *t, const char *fmt, ...)
{
	va_list ap;
	if (t->len >= sizeof(t->say) - 1)
		return;
	if (t->len > 0 && t->say[t->len - 1] != ' ')
		t->say[t->len++] = ' ';
	va_start(ap, fmt);
	int n = vsnprintf(t->say + t->len, sizeof(t->say) - t->len, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	if ((size_t)n < sizeof(t->say) - t->len) {
		t->len += (size_t)n;
		return;
	}
	/* Too long (a long name): keep what fits, without half a character. */
	va_start(ap, fmt);
	char *all = arena_vprintf(t->a, fmt, ap);
	va_end(ap);
	size_t k = all ? utf8_cut(all, (size_t)n, sizeof(t->say) - 1 - t->len) : 0;
	t->len += k;
	t->say[t->len] = '\0';
}

/* Upper-cases the first letter of what was said since `from` ("morgen um ..."
 * opening a sentence). */
static void capitalise(struct turn *t, size_t from)
{
	while (from < t->len && t->say[from] == ' ')
		from++;
	if (from < t->len && t->say[from] >= 'a' && t->say[from] <= 'z')
		t->say[from] = (char)(t->say[from] - 'a' + 'A');
	else if (from + 1 < t->len && (unsigned char)t->say[from] == 0xc3 && (unsigned char)t->say[from + 1] == 0xbc)
		t->say[from + 1] = (char)0x9c;  /* ü -> Ü */
}

static void ask(struct turn *t, enum step step, const char *hints)
{
	t->st.step = step;
	t->out->action = AGENT_GATHER;
	t->out->hints = hints;
}

static void spoken(struct turn *t, int64_t utc, char *buf, size_t n)
{
	struct civil_time local = tz_to_local(t->cal.tz, utc, NULL);
	sayde_datetime(buf, n, local, t->today);
}

static bool use_studio(struct turn *t, const struct store_studio *studio)
{
	if (studio == NULL || studio_calendar(studio, &t->cal) != TF_OK)
		return false;
	t->studio = studio;
	t->have_cal = true;
	t->st.studio_id = studio->id;
	t->today = tz_to_local(t->cal.tz, t->now, NULL).date;
	return true;
}

/* The studio's people while it is open, else its open overflow studio's,
 * else the fallback number (lib/domain/studio_route). */
static const char *transfer_number(struct turn *t)
{
	return route_transfer_number(t->studios, t->studio, t->cfg->fallback_phone_number, t->now, NULL);
}

static void goodbye(struct turn *t, const char *outcome)
{
	say(t, "Vielen Dank für Ihren Anruf. Auf Wiederhören!");
	t->out->action = AGENT_HANGUP;
	if (outcome && t->st.outcome == NULL)
		t->st.outcome = outcome;
}

static int callback(struct turn *t, const char *reason)
{
	if (t->lead.id == 0) {
		say(t, "Leider wird Ihre Rufnummer nicht übertragen, deshalb kann ich keinen Rückruf eintragen.");
		const char *num = transfer_number(t);
		if (num) {
			say(t, "Ich verbinde Sie stattdessen mit dem Studio.");
			t->out->action = AGENT_TRANSFER;
			t->out->dial_number = num;
			t->st.outcome = "transferred";
		} else {
			say(t, "Bitte rufen Sie uns zu den Öffnungszeiten noch einmal an.");
			goodbye(t, "info");
		}
		return TF_OK;
	}
	bool created;
	int err = store_callback_request(t->s, t->lead.id, t->studio ? t->studio->id : 0, t->call_sid, reason, &created);
	if (err)
		return err;
	say(t, "Sehr gern. Wir rufen Sie unter der Nummer zurück, von der Sie gerade anrufen, sobald eine Kollegin oder ein Kollege frei ist.");
	t->st.outcome = "callback";
	goodbye(t, "callback");
	return TF_OK;
}

static void transfer(struct turn *t, const char *why)
{
	const char *num = transfer_number(t);
	if (num == NULL) {
		say(t, "Leider kann ich Sie gerade nicht verbinden.");
		callback(t, why);
		return;
	}
	say(t, "Einen Moment bitte, ich verbinde Sie mit einer Kollegin oder einem Kollegen.");
	t->out->action = AGENT_TRANSFER;
	t->out->dial_number = num;
	t->st.outcome = "transferred";
}

static int by_start(const void *x, const void *y)
{
	const struct schedule_slot *p = x, *q = y;
	return p->start_utc < q->start_utc ? -1 : p->start_utc > q->start_utc;
}

/* The offered slots of state, in time order: "Am Freitag, den 27. November,
 * hätte ich um 9 Uhr oder um 10 Uhr frei. Welcher Termin passt Ihnen?" */
static void list_offers(struct turn *t)
{
	int n = t->st.noffers < 1 ? 1 : t->st.noffers > MAX_OFFERS ? MAX_OFFERS : t->st.noffers;
	char buf[MAX_OFFERS][128] = { "" }, times[MAX_OFFERS][32] = { "" };
	bool one_day = true;
	struct civil_time l0 = tz_to_local(t->cal.tz, t->st.offers[0], NULL);
	for (int i = 0; i < n; i++) {
		spoken(t, t->st.offers[i], buf[i], sizeof(buf[i]));
		struct civil_time li = tz_to_local(t->cal.tz, t->st.offers[i], NULL);
		one_day = one_day && civil_cmp(li.date, l0.date) == 0;
		char hm[24];
		sayde_time(hm, sizeof(hm), li.hour, li.minute);
		snprintf(times[i], sizeof(times[i]), "um %s", hm);
	}
	const char *list[MAX_OFFERS] = { "", "", "" };
	for (int i = 0; i < n; i++)
		list[i] = one_day && n > 1 ? times[i] : buf[i];
	size_t from = t->len;
	if (one_day && n > 1) {
		char day[64];
		sayde_date(day, sizeof(day), l0.date, t->today);
		bool relative = !(day[0] >= 'A' && day[0] <= 'Z');
		say(t, relative ? "%s hätte ich" : "am %s, hätte ich", day);
		capitalise(t, from);
	} else {
		say(t, "Ich hätte");
	}
	if (n == 1)
		say(t, "%s frei. Passt Ihnen das?", list[0]);
	else if (n == 2)
		say(t, "%s oder %s frei. Welcher Termin passt Ihnen?", list[0], list[1]);
	else
		say(t, "%s, %s oder %s frei. Welcher Termin passt Ihnen?", list[0], list[1], list[2]);
	ask(t, ST_OFFER, HINTS_CHOICE);
}

/* Why the wished time itself is not offered, as the calendar sees it: not a
 * start time of the studio's grid ("Termine beginnen bei uns jeweils zur
 * vollen Stunde."), closed then, too soon, or taken. */
static void explain_wished_time(struct turn *t)
{
	const struct schedule_wish *w = &t->st.wish;
	char wished[64];
	sayde_time(wished, sizeof(wished), w->minute / 60, w->minute % 60);
	struct civil_time local = { .date = w->date, .hour = w->minute / 60, .minute = w->minute % 60 };
	int64_t at;
	enum schedule_verdict v = tz_from_local(t->cal.tz, local, &at) == TF_OK ? schedule_check(&t->cal, t->now, at, 0)
	                                                                        : SCHEDULE_FULL;
	if (v == SCHEDULE_NOT_A_SLOT) {
		int wd = civil_weekday(w->date), slot = t->cal.slot_minutes;
		bool full_hours = slot % 60 == 0, half_hours = slot == 30;
		for (int i = 0; i < t->cal.nranges[wd]; i++) {
			full_hours = full_hours && t->cal.hours[wd][i].opens % 60 == 0;
			half_hours = half_hours && t->cal.hours[wd][i].opens % 30 == 0;
		}
		if (full_hours && slot == 60) {
			say(t, "Termine beginnen bei uns jeweils zur vollen Stunde.");
			return;
		}
		if (half_hours) {
			say(t, "Termine beginnen bei uns jeweils zur vollen und zur halben Stunde.");
			return;
		}
		for (int i = 0; i < t->cal.nranges[wd]; i++) {
			const struct schedule_range *r = &t->cal.hours[wd][i];
			if (w->minute < r->opens || w->minute >= r->closes)
				continue;
			int before = r->opens + (w->minute - r->opens) / slot * slot, after = before + slot;
			char b[24], c[24];
			sayde_time(b, sizeof(b), before / 60, before % 60);
			if (after + slot <= r->closes) {
				sayde_time(c, sizeof(c), after / 60, after % 60);
				say(t, "Termine beginnen bei uns alle %d Minuten, an dem Tag zum Beispiel um %s und um %s.", slot, b, c);
			} else {
				say(t, "Termine beginnen bei uns alle %d Minuten, an dem Tag zum Beispiel um %s.", slot, b);
			}
			return;
		}
		say(t, "Um %s beginnt bei uns leider kein Termin.", wished);
		return;
	}
	bool day_closed = t->cal.nranges[civil_weekday(w->date)] == 0;
	for (size_t i = 0; i < t->cal.nclosed && !day_closed; i++)
		day_closed = civil_cmp(t->cal.closed[i], w->date) == 0;
	if (v == SCHEDULE_CLOSED && day_closed) {
		char day[64];
		sayde_date(day, sizeof(day), w->date, t->today);
		bool relative = !(day[0] >= 'A' && day[0] <= 'Z');
		size_t from = t->len;
		say(t, relative ? "%s haben wir leider geschlossen." : "Am %s, haben wir leider geschlossen.", day);
		capitalise(t, from);
	} else if (v == SCHEDULE_CLOSED)
		say(t, "Um %s haben wir leider geschlossen.", wished);
	else if (v == SCHEDULE_PAST || v == SCHEDULE_TOO_SOON)
		say(t, "Um %s wird es leider zu knapp.", wished);
	else
		say(t, "Um %s ist leider nichts mehr frei.", wished);
}

/* Offers free slots for the wish in state, or the earliest ones. */
static int offer(struct turn *t)
{
	struct schedule_slot slots[MAX_OFFERS];
	size_t n = 0;
	enum booking_result res;
	int err = booking_find(t->s, t->a, t->studio->id, t->now, t->st.has_wish ? &t->st.wish : NULL, slots, MAX_OFFERS,
	                       &n, &res);
	if (err)
		return err;
	if (n == 0) {
		say(t, "Leider habe ich in den nächsten Wochen keinen freien Termin gefunden.");
		transfer(t, "no_slots");
		return TF_OK;
	}
	if (slots[0].exact) {
		char when[128];
		spoken(t, slots[0].start_utc, when, sizeof(when));
		t->st.offers[0] = t->st.chosen = slots[0].start_utc;
		t->st.noffers = 1;
		size_t from = t->len;
		say(t, "%s ist noch ein Termin frei. Soll ich ihn für Sie eintragen?", when);
		capitalise(t, from);
		ask(t, ST_CONFIRM, HINTS_YESNO);
		return TF_OK;
	}
	/* Spoken and numbered ("den ersten") in the order of the day. */
	qsort(slots, n, sizeof(slots[0]), by_start);
	for (size_t i = 0; i < n; i++)
		t->st.offers[i] = slots[i].start_utc;
	t->st.noffers = (int)n;
	if (t->st.has_wish && t->st.wish.has_time && t->st.wish.has_date) {
		explain_wished_time(t);
	} else if (t->st.has_wish && t->st.wish.has_date && !t->st.wish.after_date) {
		struct civil_time first = tz_to_local(t->cal.tz, slots[0].start_utc, NULL);
		if (civil_cmp(first.date, t->st.wish.date) != 0) {
			char day[64];
			sayde_date(day, sizeof(day), t->st.wish.date, t->today);
			/* "Für morgen ..." but "Am Freitag, den 27. November, ..." */
			bool relative = !(day[0] >= 'A' && day[0] <= 'Z');
			say(t, "%s %s ist leider kein Termin mehr frei.", relative ? "Für" : "Am", day);
		}
	}
	list_offers(t);
	return TF_OK;
}

static void confirm_question(struct turn *t)
{
	char when[128];
	spoken(t, t->st.chosen, when, sizeof(when));
	if (t->st.goal == G_MOVE)
		say(t, "Ihr neuer Termin wäre dann %s im Studio %s. Soll ich Ihren Termin so verschieben?", when, t->studio->city);
	else
		say(t, "Ich trage Sie also %s im Studio %s ein. Ist das richtig?", when, t->studio->city);
	ask(t, ST_CONFIRM, HINTS_YESNO);
}

static int ask_name_or_go_on(struct turn *t)
{
	if (t->st.goal == G_BOOK && t->lead.id && (t->lead.name == NULL || !*t->lead.name) && !t->st.name_asked) {
		t->st.name_asked = true;
		say(t, "Gern. Darf ich zuerst Ihren Vor- und Nachnamen erfahren?");
		ask(t, ST_ASK_NAME, HINTS_NAME);
		return TF_OK;
	}
	return offer(t);
}

static int start_goal(struct turn *t, enum goal goal)
{
	if (goal == G_CANCEL || goal == G_MOVE) {
		struct store_appointment ap;
		int err = t->lead.id ? store_lead_next_appointment(t->s, t->a, t->lead.id, t->now, &ap) : TF_ENOTFOUND;
		if (err == TF_ENOTFOUND) {
			say(t, "Ich finde unter Ihrer Nummer keinen offenen Termin.");
			if (goal == G_MOVE) {
				say(t, "Möchten Sie einen neuen Termin vereinbaren?");
				t->st.goal = G_BOOK;
				ask(t, ST_MORE, HINTS_YESNO);
			} else {
				say(t, "Kann ich sonst noch etwas für Sie tun?");
				ask(t, ST_MORE, HINTS_START);
				t->st.goal = G_NONE;
			}
			return TF_OK;
		}
		if (err)
			return err;
		const struct store_studio *where = store_studio_by_id(t->studios, ap.studio_id);
		/* A move goes to the studio the caller just named, else stays where the appointment is. */
		if (where && !(goal == G_MOVE && t->switched))
			use_studio(t, where);
		if (where == NULL)
			where = t->studio;
		char when[128];
		spoken(t, ap.start_utc, when, sizeof(when));
		t->st.appointment_id = ap.id;
		t->st.goal = goal;
		if (goal == G_CANCEL) {
			/* Never cancelled on one word: which appointment, said back in full. */
			say(t, "Soll ich Ihren Termin %s im Studio %s absagen?", when, where->city);
			ask(t, ST_CONFIRM_CANCEL, HINTS_YESNO);
			return TF_OK;
		}
		say(t, "Sie haben einen Termin %s im Studio %s.", when, where->city);
		if (t->h.has_wish) {
			t->st.has_wish = true;
			t->st.wish = t->h.wish;
			return offer(t);
		}
		say(t, "Wann würde es Ihnen stattdessen passen?");
		ask(t, ST_ASK_WHEN, HINTS_WHEN);
		return TF_OK;
	}
	t->st.goal = G_BOOK;
	if (t->h.has_wish) {
		t->st.has_wish = true;
		t->st.wish = t->h.wish;
	}
	return ask_name_or_go_on(t);
}

static int book_chosen(struct turn *t)
{
	struct booking_request req = {
		.lead_id = t->lead.id, .studio_id = t->studio->id, .start_utc = t->st.chosen, .now_utc = t->now,
		.call_sid = t->call_sid, .source = t->call.test ? STORE_TEST_SESSION : "phone",
		.sms_from = t->cfg->twilio_phone_number,
	};
	struct booking_outcome res;
	int err = t->st.goal == G_MOVE ? booking_reschedule(t->s, t->a, t->st.appointment_id, &req, &res)
	                               : booking_book(t->s, t->a, &req, &res);
	if (err)
		return err;
	char when[128];
	switch (res.result) {
	case BOOKING_OK:
		spoken(t, t->st.chosen, when, sizeof(when));
		if (t->st.goal == G_MOVE)
			say(t, "Erledigt: Ihr Termin ist jetzt %s.", when);
		else
			say(t, "Wunderbar, Ihr Termin %s im Studio %s ist gebucht.", when, t->studio->city);
		say(t, "Sie bekommen gleich eine SMS mit allen Details. Kann ich sonst noch etwas für Sie tun?");
		t->st.outcome = t->st.goal == G_MOVE ? "rescheduled" : "booked";
		t->st.goal = G_NONE;
		t->st.has_wish = false;
		t->st.noffers = 0;
		ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	case BOOKING_HAS_APPOINTMENT: {
		char old[128];
		spoken(t, res.existing.start_utc, old, sizeof(old));
		spoken(t, t->st.chosen, when, sizeof(when));
		say(t, "Sie haben bereits einen Termin %s. Möchten Sie stattdessen %s kommen? Dann verschiebe ich Ihren Termin.",
		    old, when);
		t->st.goal = G_MOVE;
		t->st.appointment_id = res.existing.id;
		ask(t, ST_CONFIRM, HINTS_YESNO);
		return TF_OK;
	}
	case BOOKING_NO_APPOINTMENT:
		say(t, "Den Termin, den Sie verschieben möchten, finde ich leider nicht mehr.");
		t->st.goal = G_BOOK;
		return offer(t);
	default:
		say(t, "Dieser Termin ist leider gerade nicht mehr verfügbar.");
		t->st.wish.has_time = false;
		return offer(t);
	}
}

/* A slot of the offer the caller picked by number or by time; -1 when none. */
static int picked(struct turn *t)
{
	if (t->h.choice >= 0 && t->h.choice < t->st.noffers)
		return t->h.choice;
	if (t->h.choice == NLU_CHOICE_LAST && t->st.noffers > 0)
		return t->st.noffers - 1;
	if (t->h.choice == NLU_CHOICE_ANY && t->st.noffers > 0)
		return 0;
	if (t->h.has_wish && t->h.wish.has_time) {
		for (int i = 0; i < t->st.noffers; i++) {
			struct civil_time l = tz_to_local(t->cal.tz, t->st.offers[i], NULL);
			if (l.hour * 60 + l.minute != t->h.wish.minute)
				continue;
			if (t->h.said_date && civil_cmp(l.date, t->h.wish.date) != 0)
				continue;
			return i;
		}
	}
	if (t->h.intent == H_YES && t->st.noffers == 1)
		return 0;
	return -1;
}

static int info_hours(struct turn *t)
{
	char hours[512];
	sayde_hours(hours, sizeof(hours), &t->cal);
	say(t, "Unser Studio in %s ist für Sie da: %s.", t->studio->city, hours);
	return TF_OK;
}

/* The steps that wait for the answer to a question of an errand under way. */
static bool pending(enum step s)
{
	return s == ST_ASK_NAME || s == ST_ASK_WHEN || s == ST_OFFER || s == ST_CONFIRM || s == ST_CONFIRM_CANCEL ||
	       s == ST_OFFER_CALLBACK;
}

static const char *hints_for(enum step s)
{
	switch (s) {
	case ST_ASK_NAME: return HINTS_NAME;
	case ST_ASK_WHEN: return HINTS_WHEN;
	case ST_OFFER: return HINTS_CHOICE;
	case ST_START:
	case ST_MORE:
	case ST_CLARIFY: return HINTS_START;
	case ST_OFFER_HELP: return HINTS_HELP;
	default: return HINTS_YESNO;
	}
}

static int cancel_question(struct turn *t)
{
	struct store_appointment ap;
	int err = store_appointment_get(t->s, t->a, t->st.appointment_id, &ap);
	if (err == TF_ENOTFOUND) {
		t->st.goal = G_NONE;
		say(t, "Kann ich sonst noch etwas für Sie tun?");
		ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	}
	if (err)
		return err;
	const struct store_studio *where = store_studio_by_id(t->studios, ap.studio_id);
	char when[128];
	spoken(t, ap.start_utc, when, sizeof(when));
	say(t, "Soll ich Ihren Termin %s im Studio %s absagen?", when, where ? where->city : t->studio->city);
	ask(t, ST_CONFIRM_CANCEL, HINTS_YESNO);
	return TF_OK;
}

/* Asks again the question the caller was answering before a side question
 * (hours, address, a name, the FAQ; `back`: "Zurück zu Ihrem Termin") or
 * asked to hear it again: the errand goes on where it was. */
static int resume(struct turn *t, bool back)
{
	const char *again = back ? "Zurück zu Ihrem Termin:" : "";
	switch (t->st.step) {
	case ST_ASK_NAME:
		say(t, "Darf ich jetzt noch Ihren Vor- und Nachnamen erfahren?");
		ask(t, ST_ASK_NAME, HINTS_NAME);
		return TF_OK;
	case ST_ASK_WHEN:
		say(t, "%s%sWann würde es Ihnen denn passen?", again, back ? " " : "");
		ask(t, ST_ASK_WHEN, HINTS_WHEN);
		return TF_OK;
	case ST_OFFER:
		if (t->st.noffers == 0)
			return offer(t);
		say(t, "%s", again);
		list_offers(t);
		return TF_OK;
	case ST_CONFIRM:
		if (t->st.chosen == 0)
			return offer(t);
		say(t, "%s", again);
		confirm_question(t);
		return TF_OK;
	case ST_CONFIRM_CANCEL:
		return cancel_question(t);
	case ST_OFFER_CALLBACK:
		say(t, "Sollen wir Sie zurückrufen? Dann sagen Sie ja oder drücken Sie die 1.");
		t->out->num_digits = 1;
		ask(t, ST_OFFER_CALLBACK, HINTS_YESNO);
		return TF_OK;
	case ST_START:
		if (!back) {
			say(t, "Was kann ich für Sie tun?");
			ask(t, ST_START, HINTS_START);
			return TF_OK;
		}
		/* fall through */
	default:
		say(t, "Kann ich sonst noch etwas für Sie tun?");
		ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	}
}

/* Keeps the name the caller gave (on the lead, so the next call greets
 * them by it) and thanks them: "Vielen Dank, Frau Schmidt." */
static int take_name(struct turn *t)
{
	struct heard *h = &t->h;
	if (t->lead.id) {
		int err = store_lead_set_name(t->s, t->lead.id, h->name);
		if (err)
			return err;
		t->lead.name = h->name;
	}
	say(t, "Vielen Dank, %s%s%s.", h->salutation ? h->salutation : "", h->salutation ? " " : "",
	    h->salutation && strchr(h->name, ' ') ? strrchr(h->name, ' ') + 1 : h->name);
	return TF_OK;
}

/* ---- either-or when unsure ---- */

/* What the caller may want, as the infinitive phrase of the either-or
 * question; NULL for what is no errand of its own. */
static const char *errand_words(int i)
{
	switch (i) {
	case H_BOOK: return "einen Termin vereinbaren";
	case H_AVAILABILITY: return "freie Termine erfahren";
	case H_CANCEL: return "Ihren Termin absagen";
	case H_RESCHEDULE: return "Ihren Termin verschieben";
	case H_HUMAN: return "mit einer Kollegin oder einem Kollegen sprechen";
	case H_CALLBACK: return "zurückgerufen werden";
	case H_INFO_HOURS: return "unsere Öffnungszeiten wissen";
	case H_INFO_ADDRESS: return "unsere Adresse wissen";
	case H_INFO_FAQ: return "etwas über unser Studio fragen";
	default: return NULL;
	}
}

static bool is_goal(int i)
{
	return i == H_BOOK || i == H_AVAILABILITY || i == H_CANCEL || i == H_RESCHEDULE;
}

static bool same_errand(int a, int b)
{
	return a == b || ((a == H_BOOK || a == H_AVAILABILITY) && (b == H_BOOK || b == H_AVAILABILITY));
}

/* Errands that do something (book, cancel, put through): doing the wrong
 * one costs the caller; a wrong answer to a question costs a sentence. */
static bool acts(int i)
{
	return is_goal(i) || i == H_HUMAN || i == H_CALLBACK;
}

/* Unsure what the caller wants: two errands that do something, the first
 * rated below 0.7 by the NLU and the second at 0.3 or more. Between two
 * errands of the booking kind at any step, else only while no other
 * question is pending. */
static bool unsure(const struct turn *t)
{
	const struct heard *h = &t->h;
	if (!acts(h->intent) || !acts(h->second) || same_errand(h->intent, h->second))
		return false;
	if (h->name || h->choice != NLU_CHOICE_NONE)
		return false;
	if (!(is_goal(h->intent) && is_goal(h->second)) && t->st.step != ST_START && t->st.step != ST_MORE)
		return false;
	/* Not sure of the first, and the runner-up a real possibility. */
	return h->confidence < 0.7 && h->second_confidence >= 0.3;
}

static void either_or(struct turn *t)
{
	int a = t->st.clarify[0], b = t->st.clarify[1];
	if (a == H_CANCEL && b == H_RESCHEDULE)
		say(t, "Möchten Sie Ihren Termin absagen oder verschieben?");
	else
		say(t, "Möchten Sie %s oder %s?", errand_words(a), errand_words(b));
	ask(t, ST_CLARIFY, HINTS_START);
}

/* Asks which of the two errands the caller means, keeping a day they named
 * for the errand they choose. */
static void clarify(struct turn *t)
{
	/* The one pair callers know by heart is asked in its usual order. */
	bool usual = t->h.intent == H_RESCHEDULE && t->h.second == H_CANCEL;
	t->st.clarify[0] = usual ? H_CANCEL : t->h.intent;
	t->st.clarify[1] = usual ? H_RESCHEDULE : t->h.second;
	t->st.back = t->st.step;
	if (t->h.has_wish) {
		t->st.has_wish = true;
		t->st.wish = t->h.wish;
	}
	either_or(t);
}

static int general(struct turn *t, bool *handled);
static void not_understood(struct turn *t, bool heard_nothing);

/* The answer to the either-or question: one of the two by its words ("lieber
 * verschieben") or its place ("das erste", "das Zweite"); "nein": neither.
 * Anything else goes on as a turn of the step the question interrupted. */
static int clarify_answer(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	int a = t->st.clarify[0], b = t->st.clarify[1];
	int pick = H_UNKNOWN;
	if (same_errand(h->intent, a) && !same_errand(h->intent, b))
		pick = a;
	else if (same_errand(h->intent, b))
		pick = b;
	else if (h->choice == 0)
		pick = a;
	else if (h->choice == 1 || h->choice == NLU_CHOICE_LAST)
		pick = b;
	*handled = true;
	if (pick != H_UNKNOWN) {
		t->st.step = t->st.back;
		h->intent = (enum heard_intent)pick;
		if (!h->has_wish && t->st.has_wish && is_goal(pick)) {
			h->has_wish = true;
			h->wish = t->st.wish;
		}
		return general(t, handled);
	}
	if (h->intent == H_NO) {
		t->st.step = t->st.back;
		say(t, "In Ordnung.");
		return resume(t, true);
	}
	if ((h->intent == H_UNKNOWN || h->intent == H_YES) && !h->name && !h->has_wish) {
		not_understood(t, false);
		return TF_OK;
	}
	t->st.step = t->st.back;
	*handled = false;
	return TF_OK;
}

/* ---- questions beyond hours and address ---- */

/* A question nobody here can answer: a person, or a callback when nobody
 * can take the call now; the pending question waits. */
static int offer_help(struct turn *t)
{
	t->st.back = pending(t->st.step) ? t->st.step : ST_MORE;
	say(t, "Das kann ich Ihnen leider nicht sicher beantworten.");
	if (transfer_number(t)) {
		say(t, "Soll ich Sie mit einer Kollegin oder einem Kollegen verbinden? Oder sollen wir Sie lieber zurückrufen?");
	} else if (t->lead.id) {
		say(t, "Gerade ist leider niemand im Studio erreichbar. Sollen wir Sie zurückrufen? Dann sagen Sie ja oder drücken Sie die 1.");
		t->out->num_digits = 1;
	} else {
		say(t, "Am besten fragen Sie direkt bei uns im Studio nach.");
		return resume(t, true);
	}
	ask(t, ST_OFFER_HELP, HINTS_HELP);
	return TF_OK;
}

static int help_answer(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	*handled = true;
	if (h->intent == H_CALLBACK || (h->intent == H_YES && transfer_number(t) == NULL))
		return callback(t, "question");
	if (h->intent == H_YES || h->intent == H_HUMAN) {
		transfer(t, "question");
		return TF_OK;
	}
	t->st.step = t->st.back;
	if (h->intent == H_NO) {
		say(t, "In Ordnung.");
		return resume(t, true);
	}
	*handled = false;
	return TF_OK;
}

/* Whether the words are put as a question ("gibt es ...", "was ...?"). */
static bool asks(const struct turn *t)
{
	static const char *const openers[] = {
		"was ", "wie ", "wo ", "woher ", "wohin ", "warum ", "wieso ", "weshalb ", "welche", "wer ", "gibt es ",
		"gibts ", "kann man ", "kann ich ", "darf ich ", "darf man ", "muss ich ", "muss man ", "brauche ich ",
		"haben sie ", "bieten sie ", "ist das ", "ist es ", "sind die ",
	};
	const char *n = t->h.normalized ? t->h.normalized : "";
	if (t->text && strchr(t->text, '?'))
		return true;
	for (size_t i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
		if (strncmp(n, openers[i], strlen(openers[i])) == 0)
			return true;
	return false;
}

/* The studio's FAQ answers a question the hours and address do not; a
 * question it does not answer either (`must`: the NLU heard a question)
 * gets the offer of a person or a callback. *handled when answered here. */
static int faq(struct turn *t, bool must, bool *handled)
{
	*handled = false;
	struct store_faq *list;
	size_t n;
	int err = store_faq_list(t->s, t->a, t->studio->id, &list, &n);
	if (err)
		return err;
	int best = -1, score = 0;
	if (n && t->text && (err = faq_match(t->a, t->text, strlen(t->text), list, n, &best, &score)) != TF_OK)
		return err;
	if (best >= 0) {
		*handled = true;
		t->h.intent = H_INFO_FAQ;
		t->h.intent_name = "info_faq";
		log_info("studio FAQ answered", "topic", list[best].topic);
		say(t, "%s", list[best].answer);
		return resume(t, true);
	}
	if (!must)
		return TF_OK;
	*handled = true;
	return offer_help(t);
}

/* "Der Dienstag, 17. November, ist leider schon vorbei." A day gone by is
 * never moved into the future; the caller is asked for another. */
static void refuse_past(struct turn *t)
{
	struct civil_date d = t->h.past_date;
	say(t, "Der %s, %d. %s, ist leider schon vorbei. Wann würde es Ihnen denn passen?", sayde_weekday(civil_weekday(d)),
	    d.day, sayde_month(d.month));
	if (t->st.goal == G_NONE || t->st.goal == G_CANCEL)
		t->st.goal = G_BOOK;
	ask(t, ST_ASK_WHEN, HINTS_WHEN);
}

/* Intents that mean the same at any step. A question about hours or address
 * in the middle of an errand is answered and the pending question asked
 * again. */
static int general(struct turn *t, bool *handled)
{
	*handled = true;
	switch (t->h.intent) {
	case H_HUMAN:
		transfer(t, "speech");
		return TF_OK;
	case H_CALLBACK:
		return callback(t, "speech");
	case H_BYE:
		goodbye(t, "info");
		return TF_OK;
	case H_INFO_HOURS:
		info_hours(t);
		return resume(t, true);
	case H_INFO_ADDRESS:
		say(t, "Sie finden unser Studio in der %s.", t->studio->address);
		return resume(t, true);
	case H_INFO_FAQ:
		return faq(t, true, handled);
	case H_REPEAT:
		say(t, "Gern noch einmal.");
		return resume(t, false);
	case H_WAIT:
		t->st.waiting = true;
		say(t, "Gern, ich warte. Sagen Sie einfach Bescheid, wenn Sie so weit sind.");
		ask(t, t->st.step, hints_for(t->st.step));
		return TF_OK;
	case H_CANCEL:
		return start_goal(t, G_CANCEL);
	case H_RESCHEDULE:
		return start_goal(t, G_MOVE);
	case H_BOOK:
	case H_AVAILABILITY:
		return start_goal(t, G_BOOK);
	default:
		*handled = false;
		return TF_OK;
	}
}

/* Not heard or not understood the second time in a row: a person takes
 * over; when nobody can, a callback is offered, and the call ends politely
 * when that is not possible or not answered either. */
static void give_up(struct turn *t, bool heard_nothing)
{
	if (heard_nothing)
		say(t, "Ich kann Sie leider immer noch nicht hören.");
	else
		say(t, "Entschuldigung, ich habe Sie leider wieder nicht verstanden.");
	if (transfer_number(t)) {
		transfer(t, heard_nothing ? "not_heard" : "not_understood");
		return;
	}
	if (t->lead.id && t->st.step != ST_OFFER_CALLBACK) {
		say(t, "Leider ist gerade niemand von uns erreichbar. Sollen wir Sie zurückrufen? Dann sagen Sie ja oder drücken Sie die 1.");
		t->st.cb_reason = heard_nothing ? "not_heard" : "not_understood";
		t->out->num_digits = 1;
		ask(t, ST_OFFER_CALLBACK, HINTS_YESNO);
		return;
	}
	say(t, "Bitte rufen Sie uns später noch einmal an.");
	goodbye(t, "abandoned");
}

static void not_understood(struct turn *t, bool heard_nothing)
{
	if (heard_nothing && t->st.waiting) {
		t->st.waiting = false;
		say(t, "Ich bin noch da. Sagen Sie einfach Bescheid, wenn Sie so weit sind.");
		ask(t, t->st.step, hints_for(t->st.step));
		return;
	}
	t->st.failures++;
	if (t->st.failures >= AGENT_MAX_FAILURES) {
		give_up(t, heard_nothing);
		return;
	}
	static const char *const again[ST__N] = {
		[ST_START] = "Möchten Sie einen Termin vereinbaren, einen Termin verschieben oder absagen, oder haben Sie eine Frage zu unseren Öffnungszeiten?",
		[ST_ASK_NAME] = "Wie ist Ihr Vor- und Nachname?",
		[ST_ASK_WHEN] = "Wann hätten Sie Zeit? Zum Beispiel morgen Vormittag oder Donnerstag um 15 Uhr.",
		[ST_OFFER] = "Welcher der Termine passt Ihnen? Sie können zum Beispiel sagen: den ersten.",
		[ST_CONFIRM] = "Soll ich den Termin so eintragen? Bitte sagen Sie ja oder nein.",
		[ST_CONFIRM_CANCEL] = "Soll ich Ihren Termin absagen? Bitte sagen Sie ja oder nein.",
		[ST_MORE] = "Kann ich sonst noch etwas für Sie tun?",
		[ST_OFFER_CALLBACK] = "Sollen wir Sie zurückrufen? Sagen Sie ja oder drücken Sie die 1.",
		[ST_OFFER_HELP] = "Soll ich Sie mit einer Kollegin oder einem Kollegen verbinden, oder sollen wir Sie zurückrufen?",
	};
	if (heard_nothing)
		say(t, "Entschuldigung, ich habe Sie gerade nicht gehört.");
	else
		say(t, "Entschuldigung, das habe ich nicht ganz verstanden.");
	if (t->st.step == ST_CLARIFY) {
		either_or(t);
		return;
	}
	say(t, "%s", again[t->st.step]);
	t->out->action = AGENT_GATHER;
	t->out->hints = hints_for(t->st.step);
}

/* ---- the steps: each takes the answer to its own question, else returns
 * with *handled false and the turn goes on with what means the same at
 * every step ---- */

static int step_ask_name(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->name) {
		int err = take_name(t);
		if (err)
			return err;
		if (h->has_wish) {
			t->st.has_wish = true;
			t->st.wish = h->wish;
		}
		return offer(t);
	}
	if (h->intent == H_NO) {
		say(t, "Kein Problem.");
		return offer(t);
	}
	*handled = false;
	return TF_OK;
}

static int step_ask_when(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->has_wish) {
		t->st.has_wish = true;
		t->st.wish = h->wish;
		return offer(t);
	}
	if (h->intent == H_YES || h->intent == H_AVAILABILITY) {
		t->st.has_wish = false;
		return offer(t);
	}
	*handled = false;
	return TF_OK;
}

static int step_offer(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	int i = picked(t);
	if (i >= 0) {
		t->st.chosen = t->st.offers[i];
		confirm_question(t);
		return TF_OK;
	}
	if ((h->pref == WHEN_PREF_LATER || h->pref == WHEN_PREF_EARLIER) && t->st.noffers > 0 && !h->said_date) {
		/* "lieber später": after the last offer of that day; "früher": before the first. */
		struct civil_time first = tz_to_local(t->cal.tz, t->st.offers[0], NULL);
		struct civil_time last = tz_to_local(t->cal.tz, t->st.offers[t->st.noffers - 1], NULL);
		struct schedule_wish w = { .has_date = true };
		if (h->pref == WHEN_PREF_LATER) {
			w.date = last.date;
			w.from = last.hour * 60 + last.minute + 1;
			w.to = 24 * 60;
		} else {
			w.date = first.date;
			w.from = 0;
			w.to = first.hour * 60 + first.minute;
		}
		t->st.has_wish = true;
		t->st.wish = w;
		return offer(t);
	}
	if (h->intent == H_YES && t->st.noffers > 1) {
		char a0[128], a1[128];
		spoken(t, t->st.offers[0], a0, sizeof(a0));
		spoken(t, t->st.offers[1], a1, sizeof(a1));
		say(t, "Gern. Welchen Termin möchten Sie, zum Beispiel den ersten, %s, oder den zweiten, %s?", a0, a1);
		ask(t, ST_OFFER, HINTS_CHOICE);
		return TF_OK;
	}
	if (h->has_wish) {
		/* "lieber um drei" or "geht auch Freitag": a new wish, on the offered day when no day was named. */
		struct schedule_wish w = h->wish;
		if (!h->said_date && t->st.noffers > 0) {
			w.has_date = true;
			w.date = tz_to_local(t->cal.tz, t->st.offers[0], NULL).date;
		}
		t->st.has_wish = true;
		t->st.wish = w;
		return offer(t);
	}
	if (h->intent == H_NO) {
		say(t, "Schade.");
		say(t, "Wann würde es Ihnen denn besser passen?");
		ask(t, ST_ASK_WHEN, HINTS_WHEN);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

static int step_confirm(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->intent == H_YES)
		return book_chosen(t);
	if (h->has_wish) {
		t->st.has_wish = true;
		t->st.wish = h->wish;
		return offer(t);
	}
	if (h->intent == H_NO) {
		say(t, "Gut, dann suchen wir einen anderen Termin. Wann würde es Ihnen passen?");
		ask(t, ST_ASK_WHEN, HINTS_WHEN);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

static int step_confirm_cancel(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->intent == H_YES) {
		struct booking_outcome res;
		int err = booking_cancel(t->s, t->a, t->st.appointment_id, t->now, t->cfg->twilio_phone_number, &res);
		if (err)
			return err;
		if (res.result == BOOKING_OK) {
			say(t, "Ihr Termin ist abgesagt. Sie bekommen dazu gleich eine SMS.");
			t->st.outcome = "cancelled";
		} else {
			say(t, "Dieser Termin ist bereits nicht mehr aktiv.");
		}
		t->st.goal = G_NONE;
		say(t, "Möchten Sie gleich einen neuen Termin vereinbaren?");
		ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	}
	if (h->intent == H_RESCHEDULE)
		return start_goal(t, G_MOVE);
	if (h->intent == H_NO) {
		say(t, "Gut, Ihr Termin bleibt bestehen. Kann ich sonst noch etwas für Sie tun?");
		t->st.goal = G_NONE;
		ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

static int step_more(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->intent == H_NO || h->intent == H_BYE) {
		goodbye(t, "info");
		return TF_OK;
	}
	if (h->intent == H_YES) {
		if (t->st.goal == G_BOOK)
			return start_goal(t, G_BOOK);
		say(t, "Gern. Was kann ich für Sie tun?");
		ask(t, ST_START, HINTS_START);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

static int step_offer_callback(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->intent == H_YES || h->intent == H_CALLBACK)
		return callback(t, t->st.cb_reason ? t->st.cb_reason : "transfer_failed");
	if (h->intent == H_NO) {
		say(t, "In Ordnung. Sie können uns jederzeit wieder anrufen.");
		goodbye(t, NULL);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

static int step(struct turn *t)
{
	static int (*const steps[ST__N])(struct turn *, bool *) = {
		[ST_ASK_NAME] = step_ask_name, [ST_ASK_WHEN] = step_ask_when, [ST_OFFER] = step_offer,
		[ST_CONFIRM] = step_confirm, [ST_CONFIRM_CANCEL] = step_confirm_cancel, [ST_MORE] = step_more,
		[ST_OFFER_CALLBACK] = step_offer_callback, [ST_CLARIFY] = clarify_answer, [ST_OFFER_HELP] = help_answer,
	};
	struct heard *h = &t->h;
	bool handled = false;
	int err;
	enum step at = t->st.step;
	if (steps[at]) {
		handled = true;
		if ((err = steps[at](t, &handled)) != TF_OK || handled)
			return err;
		/* An either-or or help question that was not answered gave the turn
		 * back to the question it interrupted. */
		if (t->st.step != at && steps[t->st.step]) {
			handled = true;
			if ((err = steps[t->st.step](t, &handled)) != TF_OK || handled)
				return err;
		}
	}
	/* Beside the question asked: a name said at another step is kept, and
	 * when it is all the caller said, the pending question comes again. */
	bool named = false;
	if (h->name && t->st.step != ST_ASK_NAME && (h->intent == H_GIVE_NAME || h->intent == H_UNKNOWN)) {
		if ((err = take_name(t)) != TF_OK)
			return err;
		named = true;
	}
	if ((err = general(t, &handled)) != TF_OK || handled)
		return err;
	/* A date alone at the start means a booking. */
	if (h->has_wish && (t->st.step == ST_START || t->st.step == ST_MORE))
		return start_goal(t, G_BOOK);
	if (named && t->st.step == ST_START) {
		say(t, "Was kann ich für Sie tun?");
		ask(t, ST_START, HINTS_START);
		return TF_OK;
	}
	if (named)
		return resume(t, true);
	not_understood(t, false);
	return TF_OK;
}

/* A turn with words the NLU made sense of, or that may still make sense
 * here: the answer to an either-or question, a day gone by, a choice
 * between two errands, the studio's FAQ, a name answering a question not
 * asked yet; then the step. */
static int understood(struct turn *t, const struct nlu_context *ctx)
{
	struct heard *h = &t->h;
	bool handled = false, nothing = h->intent == H_UNKNOWN && !h->name && !h->has_wish && !h->past &&
	                                h->choice == NLU_CHOICE_NONE;
	int err;
	if (t->st.step == ST_CLARIFY || t->st.step == ST_OFFER_HELP) {
		if (!nothing)
			t->st.failures = 0;
		return step(t);
	}
	/* A day gone by offered as a wish; not when it only tells a story
	 * ("ich war gestern schon da") beside a name or another errand. */
	if (h->past && !h->name && h->intent != H_BYE && h->intent != H_HUMAN && h->intent != H_CALLBACK &&
	    h->intent != H_CANCEL && h->intent != H_INFO_HOURS && h->intent != H_INFO_ADDRESS && h->intent != H_INFO_FAQ) {
		t->st.failures = 0;
		refuse_past(t);
		return TF_OK;
	}
	if (unsure(t)) {
		t->st.failures = 0;
		clarify(t);
		return TF_OK;
	}
	if (h->intent == H_INFO_FAQ || h->intent == H_INFO_ADDRESS || nothing) {
		if ((err = faq(t, h->intent == H_INFO_FAQ || (nothing && asks(t)), &handled)) != TF_OK || handled) {
			t->st.failures = 0;
			return err;
		}
	}
	if (nothing && pending(t->st.step) && t->st.step != ST_ASK_NAME && t->lead.id &&
	    (t->lead.name == NULL || !*t->lead.name)) {
		/* Words that answer no question asked may be the caller's name,
		 * said before we came to ask for it. */
		struct nlu_context as_name = *ctx;
		as_name.expect = NLU_EXPECT_NAME;
		struct heard again;
		if ((err = agent_hear(t->a, t->text, &as_name, &again)) != TF_OK)
			return err;
		if (again.name) {
			h->name = again.name;
			h->salutation = again.salutation;
			h->last_name = again.last_name;
			h->intent = H_GIVE_NAME;
			h->intent_name = again.intent_name;
			nothing = false;
		}
	}
	if (nothing) {
		not_understood(t, false);
		return TF_OK;
	}
	t->st.failures = 0;
	return step(t);
}

/* The caller named a studio other than the one the call is with ("lieber
 * in München", "geht das auch in Berlin?", "in der Münchner Filiale"): the
 * call is that studio's from now on, in the call row, so every later turn,
 * worker and engine sees it. Said briefly; a search under way starts again
 * there. A cancellation stays with the appointment's studio. *handled is
 * true when the turn is answered here; otherwise the step goes on with the
 * new studio (its hours, its address, its people). */
static int switch_studio(struct turn *t, const struct route_names *names, bool *handled)
{
	*handled = false;
	struct heard *h = &t->h;
	const struct store_studio *to = route_named_studio(names, h->city, t->studio);
	if (to == NULL || to == t->studio || h->intent == H_CANCEL || h->intent == H_BYE ||
	    t->st.step == ST_CONFIRM_CANCEL || (t->st.goal == G_CANCEL && h->intent != H_RESCHEDULE))
		return TF_OK;
	if (!use_studio(t, to))
		return TF_OK;
	int err = store_call_set_studio(t->s, t->call_sid, to->id);
	if (err)
		return err;
	t->switched = true;
	t->st.noffers = 0;
	t->st.chosen = 0;
	log_info("caller chose another studio", "studio", to->slug);
	switch (h->intent) {
	case H_INFO_HOURS:
		return TF_OK;                  /* the answer names the studio */
	case H_INFO_ADDRESS:
	case H_HUMAN:
	case H_CALLBACK:
	case H_RESCHEDULE:
		say(t, "Gern, zu unserem Studio in %s.", to->city);
		return TF_OK;
	default:
		break;
	}
	if (t->st.step == ST_ASK_NAME && h->name) {
		say(t, "Gern, dann schaue ich in unserem Studio in %s nach.", to->city);
		return TF_OK;                  /* the name is taken, then the offer comes from there */
	}
	*handled = true;
	if (h->has_wish) {
		t->st.has_wish = true;
		t->st.wish = h->wish;
	}
	if (t->st.goal == G_NONE)
		t->st.goal = G_BOOK;
	if (t->st.goal == G_BOOK && t->lead.id && (t->lead.name == NULL || !*t->lead.name)) {
		t->st.name_asked = true;
		say(t, "Gern, das machen wir in unserem Studio in %s. Darf ich zuerst Ihren Vor- und Nachnamen erfahren?",
		    to->city);
		ask(t, ST_ASK_NAME, HINTS_NAME);
		return TF_OK;
	}
	say(t, "Gern, dann schaue ich in unserem Studio in %s nach.", to->city);
	return offer(t);
}

static enum nlu_expect expectation(enum step s)
{
	switch (s) {
	case ST_ASK_NAME: return NLU_EXPECT_NAME;
	case ST_ASK_WHEN: return NLU_EXPECT_DATE;
	case ST_OFFER:
	case ST_CLARIFY: return NLU_EXPECT_CHOICE;   /* "das erste", "lieber verschieben" */
	case ST_CONFIRM:
	case ST_CONFIRM_CANCEL:
	case ST_OFFER_CALLBACK:
	case ST_OFFER_HELP:
	case ST_MORE: return NLU_EXPECT_YESNO;
	default: return NLU_EXPECT_NONE;
	}
}

/* The first opening and last closing minute of a weekday (0/0: closed). */
static void open_window(const struct schedule_studio *cal, int wd, int *from, int *to)
{
	*from = *to = 0;
	for (int i = 0; i < cal->nranges[wd]; i++) {
		if (*from == 0 || cal->hours[wd][i].opens < *from)
			*from = cal->hours[wd][i].opens;
		if (cal->hours[wd][i].closes > *to)
			*to = cal->hours[wd][i].closes;
	}
}

/* What the NLU needs to know of the studios and the step; ctx points into hc. */
struct hear_buffers {
	struct route_names names;      /* what callers call the studios: cities, names, districts */
	int week[7][2];
};

static int hear_context(const struct turn *t, struct hear_buffers *hc, struct nlu_context *ctx)
{
	int err = route_studio_names(t->studios, t->a, &hc->names);
	if (err)
		return err;
	for (int d = 0; d < 7; d++)
		open_window(&t->cal, d, &hc->week[d][0], &hc->week[d][1]);
	memset(ctx, 0, sizeof(*ctx));
	ctx->now = tz_to_local(t->cal.tz, t->now, NULL);
	ctx->cities = hc->names.names;
	ctx->ncities = hc->names.n;
	ctx->expect = expectation(t->st.step);
	ctx->week = (const int (*)[2])hc->week;
	for (int d = 0; d < 7; d++) {
		if (hc->week[d][0] == hc->week[d][1])
			continue;
		if (ctx->open_from == 0 || hc->week[d][0] < ctx->open_from)
			ctx->open_from = hc->week[d][0];
		if (hc->week[d][1] > ctx->open_to)
			ctx->open_to = hc->week[d][1];
	}
	return TF_OK;
}

/* Loads the call, its lead, the studio and the dialog state into a new turn
 * in the arena. */
static int turn_open(struct turn **tp, struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                     int64_t now_utc, struct agent_reply *out)
{
	struct turn *t = *tp = arena_alloc(a, sizeof(*t));
	if (t == NULL)
		return TF_ENOMEM;
	memset(out, 0, sizeof(*out));
	t->s = s;
	t->a = a;
	t->cfg = cfg;
	t->call_sid = call_sid;
	t->now = now_utc;
	t->out = out;
	t->h.choice = -1;
	t->h.intent_name = "none";
	int err = store_call_get(s, a, call_sid, &t->call, &t->lead);
	if (err)
		return err;
	if ((err = store_studios(s, &t->studios)) != TF_OK)
		return err;
	agent_state_load(t->call.state, &t->st, a);
	/* The call's studio (the caller may have chosen another on an earlier
	 * turn, in either engine); while an appointment is moved or cancelled,
	 * the studio the dialog works with. */
	int64_t id = t->call.studio_id;
	if (t->st.studio_id && (id == 0 || t->st.goal == G_MOVE || t->st.goal == G_CANCEL))
		id = t->st.studio_id;
	const struct store_studio *studio = store_studio_by_id(t->studios, id);
	if (!use_studio(t, studio) && (t->studios->n == 0 || !use_studio(t, &t->studios->list[0])))
		return TF_ENOTFOUND;
	out->caller_id = *t->studio->twilio_number ? t->studio->twilio_number : cfg->twilio_phone_number;
	return TF_OK;
}

/* Fills the reply and saves the turn with the new state. */
static int turn_close(struct turn *t, const char *logged, long long started)
{
	struct agent_reply *out = t->out;
	if (t->len == 0) {
		say(t, "Kann ich sonst noch etwas für Sie tun?");
		ask(t, ST_MORE, HINTS_START);
	}
	out->say = arena_strndup(t->a, t->say, t->len);
	out->outcome = t->st.outcome;
	out->intent = t->h.intent_name;
	out->confidence = t->h.confidence;
	if (out->action == AGENT_GATHER && out->hints == NULL)
		out->hints = HINTS_START;
	if (out->say == NULL)
		return TF_ENOMEM;
	if (t->lead.id && t->st.nsentiment > 0) {
		int err = store_lead_set_sentiment(t->s, t->lead.id, t->st.sentiment);
		if (err)
			return err;
	}
	struct store_turn turn = {
		.call_sid = t->call_sid, .lead_id = t->lead.id, .turn = t->call.turn + 1, .engine = "embedded",
		.text = logged, .reply = out->say, .intent = t->h.intent_name, .confidence = t->h.confidence,
		.entities = t->h.entities, .sentiment = t->h.sentiment, .page = agent_step_name(t->st.step),
		.latency_us = clock_mono_us() - started, .state = agent_state_save(&t->st, t->a),
		.outcome = t->st.outcome, .call_sentiment = t->st.sentiment,
	};
	if (turn.state == NULL)
		return TF_ENOMEM;
	int err = store_turn_save(t->s, &turn);
	if (err == TF_ECONFLICT)
		err = TF_OK;  /* a repeated delivery of this turn: answered the same way, logged once */
	/* The outcome is counted once, when the call has ended
	 * (store_call_status): it changes while the call lasts. A test session
	 * never ends that way, so its outcome is no call's and counts nowhere. */
	return err;
}

int agent_turn(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid, int64_t now_utc,
               const struct agent_input *in, struct agent_reply *out)
{
	long long started = clock_mono_us();
	struct turn *t;
	bool handled = false;
	int err = turn_open(&t, s, a, cfg, call_sid, now_utc, out);
	if (err)
		return err;

	struct hear_buffers hc;
	struct nlu_context ctx;
	if ((err = hear_context(t, &hc, &ctx)) != TF_OK)
		return err;

	const char *text = in->speech && *in->speech ? in->speech : NULL;
	const char *logged = text;
	t->text = text;
	bool low = text && in->confidence >= 0 && in->confidence < AGENT_MIN_CONFIDENCE;
	if (in->digits && *in->digits) {
		logged = arena_printf(a, "DTMF %s", in->digits);
		t->h.intent_name = "dtmf";
		t->h.confidence = 1;
	} else if (text && (err = agent_hear(a, text, &ctx, &t->h)) != TF_OK) {
		return err;
	}
	if (in->digits && *in->digits) {
		t->st.failures = 0;
		if (strcmp(in->digits, "1") == 0 && t->st.step == ST_OFFER_HELP) {
			err = callback(t, "question");
		} else if (strcmp(in->digits, "1") == 0 &&
		           (t->st.step == ST_START || t->st.step == ST_MORE || t->st.step == ST_OFFER_CALLBACK)) {
			err = callback(t, t->st.step != ST_OFFER_CALLBACK ? "dtmf" : t->st.cb_reason ? t->st.cb_reason : "transfer_failed");
		} else if (strcmp(in->digits, "2") == 0 && t->st.step == ST_OFFER_CALLBACK) {
			say(t, "In Ordnung. Sie können uns jederzeit wieder anrufen.");
			goodbye(t, NULL);
		} else if (strcmp(in->digits, "0") == 0) {
			transfer(t, "dtmf");
		} else if (t->st.step == ST_CLARIFY && (strcmp(in->digits, "1") == 0 || strcmp(in->digits, "2") == 0)) {
			t->h.choice = in->digits[0] - '1';
			err = step(t);
		} else if (t->st.step == ST_OFFER && in->digits[1] == '\0' && in->digits[0] >= '1' &&
		           in->digits[0] < '1' + t->st.noffers) {
			t->h.choice = in->digits[0] - '1';
			err = step(t);
		} else if ((t->st.step == ST_CONFIRM || t->st.step == ST_CONFIRM_CANCEL || t->st.step == ST_MORE) &&
		           (strcmp(in->digits, "1") == 0 || strcmp(in->digits, "2") == 0)) {
			t->h.intent = in->digits[0] == '1' ? H_YES : H_NO;
			err = step(t);
		} else {
			not_understood(t, false);
		}
	} else if (text == NULL) {
		not_understood(t, true);
	} else if (low && unsure(t)) {
		/* Heard badly, and the words fit two errands: ask which. */
		clarify(t);
	} else if (low) {
		t->h.intent = H_UNKNOWN;
		t->h.intent_name = "low_confidence";
		not_understood(t, false);
	} else {
		/* Sentiment first: a caller clearly upset is put through to a
		 * person, whatever else was said. */
		t->st.sentiment = (t->st.sentiment * t->st.nsentiment + t->h.sentiment) / (t->st.nsentiment + 1);
		t->st.nsentiment++;
		if (t->h.sentiment < cfg->sentiment_transfer) {
			t->st.failures = 0;
			say(t, "Das tut mir leid. Ich möchte, dass Ihnen schnell geholfen wird.");
			transfer(t, "sentiment");
		} else if (t->h.city && (err = switch_studio(t, &hc.names, &handled)) != TF_OK) {
			return err;
		} else if (handled) {
			t->st.failures = 0;
		} else {
			err = understood(t, &ctx);
		}
	}
	if (err)
		return err;
	return turn_close(t, logged, started);
}

int agent_transfer_result(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                          int64_t now_utc, const char *dial_status, struct agent_reply *out)
{
	long long started = clock_mono_us();
	struct turn *t;
	int err = turn_open(&t, s, a, cfg, call_sid, now_utc, out);
	if (err)
		return err;
	t->h.intent_name = "transfer_result";
	if (dial_status && (strcmp(dial_status, "completed") == 0 || strcmp(dial_status, "answered") == 0)) {
		goodbye(t, NULL);
	} else if (t->lead.id == 0) {
		/* No number to call back: no offer that could not be kept. */
		say(t, "Es tut mir leid, gerade ist leider niemand erreichbar. Bitte rufen Sie uns später noch einmal an.");
		t->st.outcome = "transfer_failed";
		goodbye(t, NULL);
	} else {
		say(t, "Es tut mir leid, gerade ist leider niemand erreichbar.");
		say(t, "Sollen wir Sie zurückrufen? Dann sagen Sie ja oder drücken Sie die 1.");
		t->st.outcome = "transfer_failed";
		t->st.cb_reason = "transfer_failed";
		t->out->num_digits = 1;
		ask(t, ST_OFFER_CALLBACK, HINTS_YESNO);
	}
	return turn_close(t, arena_printf(a, "DialCallStatus %s", dial_status ? dial_status : "-"), started);
}

int agent_queue_timeout(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                        int64_t now_utc, bool waited, struct agent_reply *out)
{
	long long started = clock_mono_us();
	struct turn *t;
	int err = turn_open(&t, s, a, cfg, call_sid, now_utc, out);
	if (err)
		return err;
	/* Not a caller turn: Dialogflow CX does not count it as a failure. */
	t->h.intent_name = "transfer_result";
	if (waited)
		say(t, "Es tut mir leid, dass Sie so lange warten mussten. Leider ist noch niemand frei geworden.");
	else
		say(t, "Leider sind gerade alle Kolleginnen und Kollegen im Gespräch.");
	if (t->lead.id == 0) {
		say(t, "Bitte rufen Sie uns später noch einmal an.");
		t->st.outcome = "queue_timeout";
		goodbye(t, NULL);
	} else {
		say(t, "Sollen wir Sie zurückrufen, sobald jemand Zeit hat? Dann sagen Sie ja oder drücken Sie die 1.");
		t->st.outcome = "queue_timeout";
		t->st.cb_reason = "queue_timeout";
		t->out->num_digits = 1;
		ask(t, ST_OFFER_CALLBACK, HINTS_YESNO);
	}
	return turn_close(t, waited ? "queue timeout" : "no waiting line", started);
}

/* "Ich möchte nicht aufgezeichnet werden", "keine Aufnahme bitte". */
static bool refuses_recording(const char *text)
{
	char low[512];
	size_t n = 0;
	for (const char *p = text; *p && n < sizeof(low) - 1; p++)
		low[n++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	low[n] = '\0';
	bool recording = strstr(low, "aufzeichn") || strstr(low, "aufgezeichn") || strstr(low, "aufnahme") ||
	                 strstr(low, "aufnehm") || strstr(low, "aufgenommen") || strstr(low, "mitschn") ||
	                 strstr(low, "mitgeschn");
	bool against = strstr(low, "nicht") || strstr(low, "kein") || strstr(low, "nein") || strstr(low, "ungern");
	return recording && against;
}

int agent_consent(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid, int64_t now_utc,
                  const struct agent_input *in, bool *handled, struct agent_reply *out)
{
	*handled = false;
	if (!cfg->record_calls)
		return TF_OK;
	const char *consent;
	int err = store_consent_get(s, a, call_sid, &consent);
	if (err == TF_ENOTFOUND)
		return TF_OK;
	if (err)
		return err;
	if (consent == NULL || (strcmp(consent, "asked") != 0 && strcmp(consent, "asked_recording") != 0))
		return TF_OK;

	bool refused = false, bare = false;
	const char *text = in->speech && *in->speech ? in->speech : NULL;
	if (in->digits && *in->digits) {
		refused = bare = strcmp(in->digits, "2") == 0;
	} else if (text == NULL || (in->confidence >= 0 && in->confidence < AGENT_MIN_CONFIDENCE)) {
		return TF_OK;  /* silence or not understood: nothing decided yet */
	} else {
		struct turn *t;
		if ((err = turn_open(&t, s, a, cfg, call_sid, now_utc, out)) != TF_OK)
			return err;
		struct hear_buffers hc;
		struct nlu_context ctx;
		if ((err = hear_context(t, &hc, &ctx)) != TF_OK)
			return err;
		ctx.expect = NLU_EXPECT_YESNO;
		struct heard h;
		if ((err = agent_hear(a, text, &ctx, &h)) != TF_OK)
			return err;
		refused = h.intent == H_NO || refuses_recording(text);
		bare = refused && (h.intent == H_NO || h.intent == H_UNKNOWN);
	}
	if ((err = store_consent_answer(s, call_sid, !refused, now_utc)) != TF_OK)
		return err;
	log_info("recording consent", "answer", refused ? "refused" : "given");
	memset(out, 0, sizeof(*out));
	if (!bare)
		return TF_OK;
	*handled = true;
	out->say = "In Ordnung, dieses Gespräch wird nicht aufgezeichnet. Wie kann ich Ihnen helfen?";
	out->action = AGENT_GATHER;
	out->hints = HINTS_START;
	out->intent = "recording_refused";
	out->confidence = 1;
	return TF_OK;
}
