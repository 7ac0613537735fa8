/* agent.c: the embedded German dialog: book, check availability, leave a
 * name, move or cancel an appointment, opening hours and address, a person,
 * a callback, goodbye; re-prompts and limits; one state row per call. */
#include "agent.h"
#include "agent_int.h"
#include "booking.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "metrics.h"
#include "route.h"
#include "sayde.h"
#include "studio.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

enum step { ST_START, ST_ASK_NAME, ST_ASK_WHEN, ST_OFFER, ST_CONFIRM, ST_CONFIRM_CANCEL, ST_MORE, ST_OFFER_CALLBACK, ST__N };
static const char *const step_names[ST__N] = {
	"start", "ask_name", "ask_when", "offer", "confirm", "confirm_cancel", "anything_else", "offer_callback",
};

enum goal { G_NONE, G_BOOK, G_MOVE, G_CANCEL };
static const char *const goal_names[] = { "none", "book", "move", "cancel" };

#define MAX_OFFERS 3

struct state {
	enum step step;
	enum goal goal;
	int failures;                  /* not heard or not understood in a row */
	bool name_asked;
	bool has_wish;
	struct schedule_wish wish;
	int64_t offers[MAX_OFFERS];
	int noffers;
	int64_t chosen;                /* the slot to confirm */
	int64_t appointment_id;        /* the one to move or cancel */
	int64_t studio_id;             /* where the booking goes: the call's studio, or while moving or
	                                * cancelling, the appointment's */
	double sentiment;              /* running mean */
	int nsentiment;
	const char *outcome;
	const char *cb_reason;         /* why a callback is offered: transfer_failed, queue_timeout */
};

/* ---- state as JSON ---- */

static int lookup(const char *const *names, int n, const char *v)
{
	for (int i = 0; v && i < n; i++)
		if (strcmp(names[i], v) == 0)
			return i;
	return 0;
}

static double num(const cJSON *o, const char *k, double def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valuedouble : def;
}

static void state_load(const char *json, struct state *st, struct arena *a)
{
	memset(st, 0, sizeof(*st));
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	if (o == NULL)
		return;
	st->step = (enum step)lookup(step_names, ST__N, cJSON_GetStringValue(cJSON_GetObjectItem(o, "step")));
	st->goal = (enum goal)lookup(goal_names, 4, cJSON_GetStringValue(cJSON_GetObjectItem(o, "goal")));
	st->failures = (int)num(o, "failures", 0);
	st->name_asked = cJSON_IsTrue(cJSON_GetObjectItem(o, "name_asked"));
	st->has_wish = cJSON_IsTrue(cJSON_GetObjectItem(o, "has_wish"));
	st->wish.has_date = cJSON_IsTrue(cJSON_GetObjectItem(o, "wish_has_date"));
	st->wish.date.year = (int)num(o, "wish_y", 0);
	st->wish.date.month = (int)num(o, "wish_m", 0);
	st->wish.date.day = (int)num(o, "wish_d", 0);
	st->wish.has_time = cJSON_IsTrue(cJSON_GetObjectItem(o, "wish_has_time"));
	st->wish.minute = (int)num(o, "wish_minute", 0);
	st->wish.from = (int)num(o, "wish_from", 0);
	st->wish.to = (int)num(o, "wish_to", 0);
	st->wish.after_date = cJSON_IsTrue(cJSON_GetObjectItem(o, "wish_after"));
	if (st->wish.has_date && !civil_valid(st->wish.date))
		st->wish.has_date = false;
	const cJSON *offers = cJSON_GetObjectItem(o, "offers");
	const cJSON *it;
	cJSON_ArrayForEach(it, offers) {
		if (st->noffers < MAX_OFFERS && cJSON_IsNumber(it))
			st->offers[st->noffers++] = (int64_t)it->valuedouble;
	}
	st->chosen = (int64_t)num(o, "chosen", 0);
	st->appointment_id = (int64_t)num(o, "appointment_id", 0);
	st->studio_id = (int64_t)num(o, "studio_id", 0);
	st->sentiment = num(o, "sentiment", 0);
	st->nsentiment = (int)num(o, "nsentiment", 0);
	const char *outcome = cJSON_GetStringValue(cJSON_GetObjectItem(o, "outcome"));
	st->outcome = outcome ? arena_strdup(a, outcome) : NULL;
	const char *cb_reason = cJSON_GetStringValue(cJSON_GetObjectItem(o, "cb_reason"));
	st->cb_reason = cb_reason ? arena_strdup(a, cb_reason) : NULL;
	cJSON_Delete(o);
}

static char *state_save(const struct state *st, struct arena *a)
{
	cJSON *o = cJSON_CreateObject();
	if (o == NULL)
		return NULL;
	cJSON_AddStringToObject(o, "step", step_names[st->step]);
	cJSON_AddStringToObject(o, "goal", goal_names[st->goal]);
	cJSON_AddNumberToObject(o, "failures", st->failures);
	cJSON_AddBoolToObject(o, "name_asked", st->name_asked);
	cJSON_AddBoolToObject(o, "has_wish", st->has_wish);
	cJSON_AddBoolToObject(o, "wish_has_date", st->wish.has_date);
	cJSON_AddNumberToObject(o, "wish_y", st->wish.date.year);
	cJSON_AddNumberToObject(o, "wish_m", st->wish.date.month);
	cJSON_AddNumberToObject(o, "wish_d", st->wish.date.day);
	cJSON_AddBoolToObject(o, "wish_has_time", st->wish.has_time);
	cJSON_AddNumberToObject(o, "wish_minute", st->wish.minute);
	cJSON_AddNumberToObject(o, "wish_from", st->wish.from);
	cJSON_AddNumberToObject(o, "wish_to", st->wish.to);
	cJSON_AddBoolToObject(o, "wish_after", st->wish.after_date);
	cJSON *offers = cJSON_AddArrayToObject(o, "offers");
	for (int i = 0; offers && i < st->noffers; i++)
		cJSON_AddItemToArray(offers, cJSON_CreateNumber((double)st->offers[i]));
	cJSON_AddNumberToObject(o, "chosen", (double)st->chosen);
	cJSON_AddNumberToObject(o, "appointment_id", (double)st->appointment_id);
	cJSON_AddNumberToObject(o, "studio_id", (double)st->studio_id);
	cJSON_AddNumberToObject(o, "sentiment", st->sentiment);
	cJSON_AddNumberToObject(o, "nsentiment", st->nsentiment);
	if (st->outcome)
		cJSON_AddStringToObject(o, "outcome", st->outcome);
	if (st->cb_reason)
		cJSON_AddStringToObject(o, "cb_reason", st->cb_reason);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *copy = text ? arena_strdup(a, text) : NULL;
	cJSON_free(text);
	return copy;
}

/* ---- the turn ---- */

#define HINTS_START "Termin, freie Termine, Öffnungszeiten, Adresse, Rückruf, Mitarbeiter, absagen, verschieben"
#define HINTS_NAME "Mein Name ist, Ich heiße, Frau, Herr"
#define HINTS_WHEN "heute, morgen, übermorgen, Montag, Dienstag, Mittwoch, Donnerstag, Freitag, Samstag, " \
	"vormittags, nachmittags, abends, nächste Woche, Uhr, halb, Viertel"
#define HINTS_CHOICE "den ersten, den zweiten, den dritten, der passt, ja, nein, lieber, später, früher"
#define HINTS_YESNO "ja, nein, genau, richtig, gerne, lieber nicht"

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
 * else the fallback number (lib/route). */
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
	char buf[MAX_OFFERS][128];
	for (size_t i = 0; i < n; i++) {
		spoken(t, slots[i].start_utc, buf[i], sizeof(buf[i]));
		t->st.offers[i] = slots[i].start_utc;
	}
	t->st.noffers = (int)n;
	if (slots[0].exact) {
		t->st.chosen = slots[0].start_utc;
		size_t from = t->len;
		say(t, "%s ist noch ein Termin frei. Soll ich ihn für Sie eintragen?", buf[0]);
		capitalise(t, from);
		ask(t, ST_CONFIRM, HINTS_YESNO);
		return TF_OK;
	}
	if (t->st.has_wish && t->st.wish.has_time && t->st.wish.has_date) {
		char wished[64];
		sayde_time(wished, sizeof(wished), t->st.wish.minute / 60, t->st.wish.minute % 60);
		say(t, "Um %s ist leider nichts mehr frei.", wished);
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
	/* Offers of one day share it: "Am Freitag, den 27. November, hätte ich um 9 Uhr oder um 10 Uhr frei." */
	bool one_day = true;
	struct civil_time l0 = tz_to_local(t->cal.tz, slots[0].start_utc, NULL);
	char times[MAX_OFFERS][32];
	for (size_t i = 0; i < n; i++) {
		struct civil_time li = tz_to_local(t->cal.tz, slots[i].start_utc, NULL);
		one_day = one_day && civil_cmp(li.date, l0.date) == 0;
		char hm[24];
		sayde_time(hm, sizeof(hm), li.hour, li.minute);
		snprintf(times[i], sizeof(times[i]), "um %s", hm);
	}
	const char *list[MAX_OFFERS];
	for (size_t i = 0; i < n; i++)
		list[i] = one_day && n > 1 ? times[i] : buf[i];
	size_t from = t->len;
	if (one_day && n > 1) {
		char day[64];
		sayde_date(day, sizeof(day), l0.date, t->today);
		bool relative = !(day[0] >= 'A' && day[0] <= 'Z');
		say(t, relative ? "%s hätte ich" : "am %s, hätte ich", day);
		capitalise(t, from);
		from = t->len;
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
			say(t, "Sie haben einen Termin %s im Studio %s. Soll ich diesen Termin absagen?", when, where->city);
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

/* Intents that mean the same at any step. */
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
		say(t, "Kann ich sonst noch etwas für Sie tun?");
		ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	case H_INFO_ADDRESS:
		say(t, "Sie finden unser Studio in der %s.", t->studio->address);
		say(t, "Kann ich sonst noch etwas für Sie tun?");
		ask(t, ST_MORE, HINTS_START);
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

static void not_understood(struct turn *t, bool heard_nothing)
{
	t->st.failures++;
	if (t->st.failures > AGENT_MAX_FAILURES) {
		if (heard_nothing) {
			say(t, "Ich kann Sie leider nicht hören.");
			const char *num = transfer_number(t);
			if (num) {
				transfer(t, "not_heard");
			} else {
				say(t, "Bitte versuchen Sie es später noch einmal.");
				goodbye(t, "abandoned");
			}
		} else {
			say(t, "Entschuldigung, ich habe Sie leider nicht verstanden.");
			transfer(t, "not_understood");
		}
		return;
	}
	static const char *const again[ST__N][2] = {
		[ST_START] = { "Möchten Sie einen Termin vereinbaren, einen Termin verschieben oder absagen, oder haben Sie eine Frage zu unseren Öffnungszeiten?",
		               "Sagen Sie zum Beispiel: Ich möchte einen Termin. Oder drücken Sie die 1 für einen Rückruf." },
		[ST_ASK_NAME] = { "Wie ist Ihr Vor- und Nachname?", "Bitte sagen Sie mir Ihren Namen, zum Beispiel: Mein Name ist Anna Schmidt." },
		[ST_ASK_WHEN] = { "Wann hätten Sie Zeit? Zum Beispiel morgen Vormittag oder Donnerstag um 15 Uhr.",
		                  "Nennen Sie mir bitte einen Tag und, wenn Sie möchten, eine Uhrzeit." },
		[ST_OFFER] = { "Welcher der Termine passt Ihnen? Sie können zum Beispiel sagen: den ersten.",
		               "Sagen Sie bitte den ersten, den zweiten oder den dritten Termin, oder nennen Sie einen anderen Tag." },
		[ST_CONFIRM] = { "Soll ich den Termin so eintragen? Bitte sagen Sie ja oder nein.", "Bitte antworten Sie mit ja oder nein." },
		[ST_CONFIRM_CANCEL] = { "Soll ich Ihren Termin absagen? Bitte sagen Sie ja oder nein.", "Bitte antworten Sie mit ja oder nein." },
		[ST_MORE] = { "Kann ich sonst noch etwas für Sie tun?", "Möchten Sie noch etwas erledigen? Sonst sagen Sie einfach: Auf Wiederhören." },
		[ST_OFFER_CALLBACK] = { "Sollen wir Sie zurückrufen? Sagen Sie ja oder drücken Sie die 1.", "Bitte sagen Sie ja oder nein, oder drücken Sie die 1 für einen Rückruf." },
	};
	if (heard_nothing)
		say(t, t->st.failures == 1 ? "Entschuldigung, ich habe Sie gerade nicht gehört." : "Ich kann Sie leider immer noch nicht hören.");
	else
		say(t, t->st.failures == 1 ? "Entschuldigung, das habe ich nicht ganz verstanden." : "Das habe ich leider wieder nicht verstanden.");
	say(t, "%s", again[t->st.step][t->st.failures == 1 ? 0 : 1]);
	t->out->action = AGENT_GATHER;
	t->out->hints = t->st.step == ST_ASK_NAME ? HINTS_NAME : t->st.step == ST_ASK_WHEN ? HINTS_WHEN :
	                t->st.step == ST_OFFER ? HINTS_CHOICE : t->st.step == ST_START || t->st.step == ST_MORE ? HINTS_START :
	                HINTS_YESNO;
}

static int step(struct turn *t)
{
	bool handled;
	struct heard *h = &t->h;
	switch (t->st.step) {
	case ST_ASK_NAME:
		if (h->name) {
			int err = store_lead_set_name(t->s, t->lead.id, h->name);
			if (err)
				return err;
			t->lead.name = h->name;
			say(t, "Vielen Dank, %s%s%s.", h->salutation ? h->salutation : "", h->salutation ? " " : "",
			    h->salutation && strchr(h->name, ' ') ? strrchr(h->name, ' ') + 1 : h->name);
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
		break;
	case ST_ASK_WHEN:
		if (h->has_wish) {
			t->st.has_wish = true;
			t->st.wish = h->wish;
			return offer(t);
		}
		if (h->intent == H_YES || h->intent == H_AVAILABILITY) {
			t->st.has_wish = false;
			return offer(t);
		}
		break;
	case ST_OFFER: {
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
		break;
	}
	case ST_CONFIRM:
		if (h->intent == H_YES)
			return book_chosen(t);
		if (h->intent == H_NO || h->has_wish) {
			if (h->has_wish) {
				t->st.has_wish = true;
				t->st.wish = h->wish;
				return offer(t);
			}
			say(t, "Gut, dann suchen wir einen anderen Termin. Wann würde es Ihnen passen?");
			ask(t, ST_ASK_WHEN, HINTS_WHEN);
			return TF_OK;
		}
		break;
	case ST_CONFIRM_CANCEL:
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
		if (h->intent == H_NO || h->intent == H_RESCHEDULE) {
			if (h->intent == H_RESCHEDULE)
				return start_goal(t, G_MOVE);
			say(t, "Gut, Ihr Termin bleibt bestehen. Kann ich sonst noch etwas für Sie tun?");
			t->st.goal = G_NONE;
			ask(t, ST_MORE, HINTS_START);
			return TF_OK;
		}
		break;
	case ST_MORE:
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
		break;
	case ST_OFFER_CALLBACK:
		if (h->intent == H_YES || h->intent == H_CALLBACK)
			return callback(t, t->st.cb_reason ? t->st.cb_reason : "transfer_failed");
		if (h->intent == H_NO) {
			say(t, "In Ordnung. Sie können uns jederzeit wieder anrufen.");
			goodbye(t, NULL);
			return TF_OK;
		}
		break;
	case ST_START:
	case ST__N:
		break;
	}
	int err = general(t, &handled);
	if (err || handled)
		return err;
	/* A date alone at the start means a booking. */
	if (h->has_wish && (t->st.step == ST_START || t->st.step == ST_MORE))
		return start_goal(t, G_BOOK);
	not_understood(t, false);
	return TF_OK;
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
	case ST_OFFER: return NLU_EXPECT_CHOICE;
	case ST_CONFIRM:
	case ST_CONFIRM_CANCEL:
	case ST_OFFER_CALLBACK:
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
	state_load(t->call.state, &t->st, a);
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
		.entities = t->h.entities, .sentiment = t->h.sentiment, .page = step_names[t->st.step],
		.latency_us = clock_mono_us() - started, .state = state_save(&t->st, t->a),
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
		if (strcmp(in->digits, "1") == 0 &&
		    (t->st.step == ST_START || t->st.step == ST_MORE || t->st.step == ST_OFFER_CALLBACK)) {
			err = callback(t, t->st.step != ST_OFFER_CALLBACK ? "dtmf" : t->st.cb_reason ? t->st.cb_reason : "transfer_failed");
		} else if (strcmp(in->digits, "2") == 0 && t->st.step == ST_OFFER_CALLBACK) {
			say(t, "In Ordnung. Sie können uns jederzeit wieder anrufen.");
			goodbye(t, NULL);
		} else if (strcmp(in->digits, "0") == 0) {
			transfer(t, "dtmf");
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
		} else if (t->h.intent == H_UNKNOWN && !t->h.name && !t->h.has_wish && t->h.choice == NLU_CHOICE_NONE) {
			not_understood(t, false);
		} else {
			/* Some steps take words without a clear intent (a name, a day). */
			t->st.failures = 0;
			err = step(t);
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
