/* agent.c: the embedded German dialog's turn: loads the call and its state,
 * hears the words or keys, runs the step (agent_step.c) and saves the turn;
 * and what the steps do: say, offer slots, book, move or cancel, put
 * through, a callback, goodbye; a switch of studio, the transfer's and the
 * waiting line's outcome, and the consent to recording. One state row per
 * call. */
#include "agent.h"
#include "agent_int.h"
#include "booking.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "studio_route.h"
#include "sayde.h"
#include "studio.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what the turn says and asks ---- */

void agent_say(struct turn *t, const char *fmt, ...)
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

void agent_ask(struct turn *t, enum step step, const char *hints)
{
	t->st.step = step;
	t->out->action = AGENT_GATHER;
	t->out->hints = hints;
}

void agent_spoken(struct turn *t, int64_t utc, char *buf, size_t n)
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
const char *agent_transfer_number(struct turn *t)
{
	return route_transfer_number(t->studios, t->studio, t->cfg->fallback_phone_number, t->now, NULL);
}

void agent_goodbye(struct turn *t, const char *outcome)
{
	agent_say(t, "Vielen Dank für Ihren Anruf. Auf Wiederhören!");
	t->out->action = AGENT_HANGUP;
	if (outcome && t->st.outcome == NULL)
		t->st.outcome = outcome;
}

int agent_callback(struct turn *t, const char *reason)
{
	if (t->lead.id == 0) {
		agent_say(t, "Leider wird Ihre Rufnummer nicht übertragen, deshalb kann ich keinen Rückruf eintragen.");
		const char *num = agent_transfer_number(t);
		if (num) {
			agent_say(t, "Ich verbinde Sie stattdessen mit dem Studio.");
			t->out->action = AGENT_TRANSFER;
			t->out->dial_number = num;
			t->st.outcome = "transferred";
		} else {
			agent_say(t, "Bitte rufen Sie uns zu den Öffnungszeiten noch einmal an.");
			agent_goodbye(t, "info");
		}
		return TF_OK;
	}
	bool created;
	int err = store_callback_request(t->s, t->lead.id, t->studio ? t->studio->id : 0, t->call_sid, reason, &created);
	if (err)
		return err;
	agent_say(t, "Sehr gern. Wir rufen Sie unter der Nummer zurück, von der Sie gerade anrufen, sobald eine Kollegin oder ein Kollege frei ist.");
	t->st.outcome = "callback";
	agent_goodbye(t, "callback");
	return TF_OK;
}

void agent_transfer(struct turn *t, const char *why)
{
	const char *num = agent_transfer_number(t);
	if (num == NULL) {
		agent_say(t, "Leider kann ich Sie gerade nicht verbinden.");
		agent_callback(t, why);
		return;
	}
	agent_say(t, "Einen Moment bitte, ich verbinde Sie mit einer Kollegin oder einem Kollegen.");
	t->out->action = AGENT_TRANSFER;
	t->out->dial_number = num;
	t->st.outcome = "transferred";
}

/* ---- offering, booking, moving and cancelling ---- */

static int by_start(const void *x, const void *y)
{
	const struct schedule_slot *p = x, *q = y;
	return p->start_utc < q->start_utc ? -1 : p->start_utc > q->start_utc;
}

/* The offered slots of state, in time order: "Am Freitag, den 27. November,
 * hätte ich um 9 Uhr oder um 10 Uhr frei. Welcher Termin passt Ihnen?" */
void agent_list_offers(struct turn *t)
{
	int n = t->st.noffers < 1 ? 1 : t->st.noffers > MAX_OFFERS ? MAX_OFFERS : t->st.noffers;
	/* The offers come in time order; those of one day are said with the day
	 * once: "am Samstag, den 12. Dezember, um 10 Uhr und um 11 Uhr oder am
	 * Montag, den 14. Dezember, um 10 Uhr". */
	char part[MAX_OFFERS][160] = { "" };
	int nparts = 0;
	struct civil_date prev = { 0, 0, 0 };
	for (int i = 0; i < n; i++) {
		struct civil_time li = tz_to_local(t->cal.tz, t->st.offers[i], NULL);
		char hm[24];
		sayde_time(hm, sizeof(hm), li.hour, li.minute);
		if (i > 0 && civil_cmp(li.date, prev) == 0) {
			size_t used = strlen(part[nparts - 1]);
			snprintf(part[nparts - 1] + used, sizeof(part[0]) - used, " und um %s", hm);
		} else {
			agent_spoken(t, t->st.offers[i], part[nparts], sizeof(part[0]));
			nparts++;
		}
		prev = li.date;
	}
	size_t from = t->len;
	if (nparts == 1 && n > 1) {
		/* One day: "Übermorgen hätte ich um 12 Uhr, um 14 Uhr oder um 15 Uhr frei." */
		char day[64];
		struct civil_time l0 = tz_to_local(t->cal.tz, t->st.offers[0], NULL);
		sayde_date(day, sizeof(day), l0.date, t->today);
		bool relative = !(day[0] >= 'A' && day[0] <= 'Z');
		agent_say(t, relative ? "%s hätte ich" : "am %s, hätte ich", day);
		capitalise(t, from);
		char times[160] = "";
		for (int i = 0, used = 0; i < n && used < (int)sizeof(times); i++) {
			struct civil_time li = tz_to_local(t->cal.tz, t->st.offers[i], NULL);
			char hm[24];
			sayde_time(hm, sizeof(hm), li.hour, li.minute);
			used += snprintf(times + used, sizeof(times) - (size_t)used, "%sum %s",
			                 i == 0 ? "" : i == n - 1 ? " oder " : ", ", hm);
		}
		agent_say(t, "%s", times);
		agent_say(t, "frei. Welcher Termin passt Ihnen?");
		agent_ask(t, ST_OFFER, HINTS_CHOICE);
		return;
	}
	agent_say(t, "Ich hätte");
	if (n == 1)
		agent_say(t, "%s frei. Passt Ihnen das?", part[0]);
	else if (nparts == 2)
		agent_say(t, "%s oder %s frei. Welcher Termin passt Ihnen?", part[0], part[1]);
	else
		agent_say(t, "%s, %s oder %s frei. Welcher Termin passt Ihnen?", part[0], part[1], part[2]);
	agent_ask(t, ST_OFFER, HINTS_CHOICE);
}

/* Whether the studio is closed all day d (a weekday without hours, a holiday). */
static bool day_closed(const struct turn *t, struct civil_date d)
{
	bool closed = t->cal.nranges[civil_weekday(d)] == 0;
	for (size_t i = 0; i < t->cal.nclosed && !closed; i++)
		closed = civil_cmp(t->cal.closed[i], d) == 0;
	return closed;
}

/* "Am Sonntag, den 13. Dezember, haben wir leider geschlossen." */
static void say_day_closed(struct turn *t, struct civil_date d)
{
	char day[64];
	sayde_date(day, sizeof(day), d, t->today);
	bool relative = !(day[0] >= 'A' && day[0] <= 'Z');
	size_t from = t->len;
	agent_say(t, relative ? "%s haben wir leider geschlossen." : "Am %s, haben wir leider geschlossen.", day);
	capitalise(t, from);
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
			agent_say(t, "Termine beginnen bei uns jeweils zur vollen Stunde.");
			return;
		}
		if (half_hours) {
			agent_say(t, "Termine beginnen bei uns jeweils zur vollen und zur halben Stunde.");
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
				agent_say(t, "Termine beginnen bei uns alle %d Minuten, an dem Tag zum Beispiel um %s und um %s.", slot, b, c);
			} else {
				agent_say(t, "Termine beginnen bei uns alle %d Minuten, an dem Tag zum Beispiel um %s.", slot, b);
			}
			return;
		}
		agent_say(t, "Um %s beginnt bei uns leider kein Termin.", wished);
		return;
	}
	if (v == SCHEDULE_CLOSED && day_closed(t, w->date))
		say_day_closed(t, w->date);
	else if (v == SCHEDULE_CLOSED)
		agent_say(t, "Um %s haben wir leider geschlossen.", wished);
	else if (v == SCHEDULE_PAST || v == SCHEDULE_TOO_SOON)
		agent_say(t, "Um %s wird es leider zu knapp.", wished);
	else
		agent_say(t, "Um %s ist leider nichts mehr frei.", wished);
}

/* Offers free slots for the wish in state, or the earliest ones. */
int agent_offer(struct turn *t)
{
	struct schedule_slot slots[MAX_OFFERS];
	size_t n = 0;
	enum booking_result res;
	int err = booking_find(t->s, t->a, t->studio->id, t->now, t->st.has_wish ? &t->st.wish : NULL, slots, MAX_OFFERS,
	                       &n, &res);
	if (err)
		return err;
	if (n == 0) {
		agent_say(t, "Leider habe ich in den nächsten Wochen keinen freien Termin gefunden.");
		agent_transfer(t, "no_slots");
		return TF_OK;
	}
	if (slots[0].exact) {
		char when[128];
		agent_spoken(t, slots[0].start_utc, when, sizeof(when));
		t->st.offers[0] = t->st.chosen = slots[0].start_utc;
		t->st.noffers = 1;
		size_t from = t->len;
		agent_say(t, "%s ist noch ein Termin frei. Soll ich ihn für Sie eintragen?", when);
		capitalise(t, from);
		agent_ask(t, ST_CONFIRM, HINTS_YESNO);
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
		if (civil_cmp(first.date, t->st.wish.date) != 0 && day_closed(t, t->st.wish.date)) {
			say_day_closed(t, t->st.wish.date);
		} else if (civil_cmp(first.date, t->st.wish.date) != 0) {
			char day[64];
			sayde_date(day, sizeof(day), t->st.wish.date, t->today);
			/* "Für morgen ..." but "Am Freitag, den 27. November, ..." */
			bool relative = !(day[0] >= 'A' && day[0] <= 'Z');
			agent_say(t, relative ? "Für %s ist leider kein Termin mehr frei." : "Am %s, ist leider kein Termin mehr frei.",
			          day);
		}
	}
	agent_list_offers(t);
	return TF_OK;
}

void agent_confirm_question(struct turn *t)
{
	char when[128];
	agent_spoken(t, t->st.chosen, when, sizeof(when));
	if (t->st.goal == G_MOVE)
		agent_say(t, "Ihr neuer Termin wäre dann %s im Studio %s. Soll ich Ihren Termin so verschieben?", when,
		          t->studio->city);
	else
		agent_say(t, "Ich trage Sie also %s im Studio %s ein. Ist das richtig?", when, t->studio->city);
	agent_ask(t, ST_CONFIRM, HINTS_YESNO);
}

bool agent_lead_unnamed(const struct turn *t)
{
	return t->lead.id && (t->lead.name == NULL || !*t->lead.name);
}

static int ask_name_or_go_on(struct turn *t)
{
	if (t->st.goal == G_BOOK && agent_lead_unnamed(t) && !t->st.name_asked) {
		t->st.name_asked = true;
		agent_say(t, "Gern. Darf ich zuerst Ihren Vor- und Nachnamen erfahren?");
		agent_ask(t, ST_ASK_NAME, HINTS_NAME);
		return TF_OK;
	}
	return agent_offer(t);
}

int agent_start_goal(struct turn *t, enum goal goal)
{
	if (goal == G_CANCEL || goal == G_MOVE) {
		struct store_appointment ap;
		int err = t->lead.id ? store_lead_next_appointment(t->s, t->a, t->lead.id, t->now, &ap) : TF_ENOTFOUND;
		if (err == TF_ENOTFOUND) {
			agent_say(t, "Ich finde unter Ihrer Nummer keinen offenen Termin.");
			if (goal == G_MOVE) {
				agent_say(t, "Möchten Sie einen neuen Termin vereinbaren?");
				t->st.goal = G_BOOK;
				agent_ask(t, ST_MORE, HINTS_YESNO);
			} else {
				agent_say(t, "Kann ich sonst noch etwas für Sie tun?");
				agent_ask(t, ST_MORE, HINTS_START);
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
		agent_spoken(t, ap.start_utc, when, sizeof(when));
		t->st.appointment_id = ap.id;
		t->st.goal = goal;
		if (goal == G_CANCEL) {
			/* Never cancelled on one word: which appointment, said back in full. */
			agent_say(t, "Soll ich Ihren Termin %s im Studio %s absagen?", when, where->city);
			agent_ask(t, ST_CONFIRM_CANCEL, HINTS_YESNO);
			return TF_OK;
		}
		agent_say(t, "Sie haben einen Termin %s im Studio %s.", when, where->city);
		if (t->h.has_wish) {
			t->st.has_wish = true;
			t->st.wish = t->h.wish;
			return agent_offer(t);
		}
		agent_say(t, "Wann würde es Ihnen stattdessen passen?");
		agent_ask(t, ST_ASK_WHEN, HINTS_WHEN);
		return TF_OK;
	}
	t->st.goal = G_BOOK;
	if (t->h.has_wish) {
		t->st.has_wish = true;
		t->st.wish = t->h.wish;
	}
	return ask_name_or_go_on(t);
}

int agent_book_chosen(struct turn *t)
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
		agent_spoken(t, t->st.chosen, when, sizeof(when));
		if (t->st.goal == G_MOVE)
			agent_say(t, "Erledigt: Ihr Termin ist jetzt %s.", when);
		else
			agent_say(t, "Wunderbar, Ihr Termin %s im Studio %s ist gebucht.", when, t->studio->city);
		agent_say(t, "Sie bekommen gleich eine SMS mit allen Details. Kann ich sonst noch etwas für Sie tun?");
		t->st.outcome = t->st.goal == G_MOVE ? "rescheduled" : "booked";
		t->st.goal = G_NONE;
		t->st.has_wish = false;
		t->st.noffers = 0;
		agent_ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	case BOOKING_HAS_APPOINTMENT: {
		char old[128];
		agent_spoken(t, res.existing.start_utc, old, sizeof(old));
		agent_spoken(t, t->st.chosen, when, sizeof(when));
		agent_say(t, "Sie haben bereits einen Termin %s. Möchten Sie stattdessen %s kommen? Dann verschiebe ich Ihren Termin.",
		          old, when);
		t->st.goal = G_MOVE;
		t->st.appointment_id = res.existing.id;
		agent_ask(t, ST_CONFIRM, HINTS_YESNO);
		return TF_OK;
	}
	case BOOKING_NO_APPOINTMENT:
		agent_say(t, "Den Termin, den Sie verschieben möchten, finde ich leider nicht mehr.");
		t->st.goal = G_BOOK;
		return agent_offer(t);
	default:
		agent_say(t, "Dieser Termin ist leider gerade nicht mehr verfügbar.");
		t->st.wish.has_time = false;
		return agent_offer(t);
	}
}


/* ---- a studio named ---- */

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
		agent_say(t, "Gern, zu unserem Studio in %s.", to->city);
		return TF_OK;
	default:
		break;
	}
	if (t->st.step == ST_ASK_NAME && h->name) {
		agent_say(t, "Gern, dann schaue ich in unserem Studio in %s nach.", to->city);
		return TF_OK;                  /* the name is taken, then the offer comes from there */
	}
	*handled = true;
	if (h->has_wish) {
		t->st.has_wish = true;
		t->st.wish = h->wish;
	}
	if (t->st.goal == G_NONE)
		t->st.goal = G_BOOK;
	if (t->st.goal == G_BOOK && agent_lead_unnamed(t)) {
		t->st.name_asked = true;
		agent_say(t, "Gern, das machen wir in unserem Studio in %s. Darf ich zuerst Ihren Vor- und Nachnamen erfahren?",
		          to->city);
		agent_ask(t, ST_ASK_NAME, HINTS_NAME);
		return TF_OK;
	}
	agent_say(t, "Gern, dann schaue ich in unserem Studio in %s nach.", to->city);
	return agent_offer(t);
}

/* ---- the turn: open, hear, step, close ---- */

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

int agent_turn_open(struct turn **tp, struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
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
		agent_say(t, "Kann ich sonst noch etwas für Sie tun?");
		agent_ask(t, ST_MORE, HINTS_START);
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

/* Keys pressed: 1 a callback where one is offered, 2 declines it, 0 a
 * person; a number picks an offer or either-or errand, 1 and 2 answer yes
 * and no; any other key is not understood. */
static int turn_keys(struct turn *t, const char *digits)
{
	enum step at = t->st.step;
	bool one = strcmp(digits, "1") == 0, two = strcmp(digits, "2") == 0;
	t->st.failures = 0;
	if (one && at == ST_OFFER_HELP)
		return agent_callback(t, "question");
	if (one && (at == ST_START || at == ST_MORE || at == ST_OFFER_CALLBACK))
		return agent_callback(t, at != ST_OFFER_CALLBACK ? "dtmf" : t->st.cb_reason ? t->st.cb_reason : "transfer_failed");
	if (two && at == ST_OFFER_CALLBACK) {
		agent_say(t, "In Ordnung. Sie können uns jederzeit wieder anrufen.");
		agent_goodbye(t, NULL);
		return TF_OK;
	}
	if (strcmp(digits, "0") == 0) {
		agent_transfer(t, "dtmf");
		return TF_OK;
	}
	if ((at == ST_CLARIFY && (one || two)) ||
	    (at == ST_OFFER && digits[1] == '\0' && digits[0] >= '1' && digits[0] < '1' + t->st.noffers)) {
		t->h.choice = digits[0] - '1';
		return agent_step(t);
	}
	if ((at == ST_CONFIRM || at == ST_CONFIRM_CANCEL || at == ST_MORE) && (one || two)) {
		t->h.intent = one ? H_YES : H_NO;
		return agent_step(t);
	}
	agent_not_understood(t, false);
	return TF_OK;
}

/* Words heard well enough: sentiment first (a caller clearly upset is put
 * through to a person, whatever else was said), then a studio named, then
 * what was understood. */
static int turn_words(struct turn *t, const struct hear_buffers *hc, const struct nlu_context *ctx)
{
	bool handled = false;
	int err;
	t->st.sentiment = (t->st.sentiment * t->st.nsentiment + t->h.sentiment) / (t->st.nsentiment + 1);
	t->st.nsentiment++;
	if (t->h.sentiment < t->cfg->sentiment_transfer) {
		t->st.failures = 0;
		agent_say(t, "Das tut mir leid. Ich möchte, dass Ihnen schnell geholfen wird.");
		agent_transfer(t, "sentiment");
		return TF_OK;
	}
	if (t->h.city && (err = switch_studio(t, &hc->names, &handled)) != TF_OK)
		return err;
	if (handled) {
		t->st.failures = 0;
		return TF_OK;
	}
	return agent_understood(t, ctx);
}

int agent_turn(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid, int64_t now_utc,
               const struct agent_input *in, struct agent_reply *out)
{
	long long started = clock_mono_us();
	struct turn *t;
	int err = agent_turn_open(&t, s, a, cfg, call_sid, now_utc, out);
	if (err)
		return err;

	struct hear_buffers hc;
	struct nlu_context ctx;
	if ((err = hear_context(t, &hc, &ctx)) != TF_OK)
		return err;

	const char *text = in->speech && *in->speech ? in->speech : NULL;
	const char *logged = text;
	bool keys = in->digits && *in->digits;
	t->text = text;
	bool low = text && in->confidence >= 0 && in->confidence < AGENT_MIN_CONFIDENCE;
	if (keys) {
		logged = arena_printf(a, "DTMF %s", in->digits);
		t->h.intent_name = "dtmf";
		t->h.confidence = 1;
		err = turn_keys(t, in->digits);
	} else if (text && (err = agent_hear(a, text, &ctx, &t->h)) != TF_OK) {
		return err;
	} else if (text == NULL) {
		agent_not_understood(t, true);
	} else if (low && agent_unsure(t)) {
		/* Heard badly, and the words fit two errands: ask which. */
		err = agent_clarify(t);
	} else if (low) {
		t->h.intent = H_UNKNOWN;
		t->h.intent_name = "low_confidence";
		agent_not_understood(t, false);
	} else {
		err = turn_words(t, &hc, &ctx);
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
	int err = agent_turn_open(&t, s, a, cfg, call_sid, now_utc, out);
	if (err)
		return err;
	t->h.intent_name = "transfer_result";
	if (dial_status && (strcmp(dial_status, "completed") == 0 || strcmp(dial_status, "answered") == 0)) {
		agent_goodbye(t, NULL);
	} else if (t->lead.id == 0) {
		/* No number to call back: no offer that could not be kept. */
		agent_say(t, "Es tut mir leid, gerade ist leider niemand erreichbar. Bitte rufen Sie uns später noch einmal an.");
		t->st.outcome = "transfer_failed";
		agent_goodbye(t, NULL);
	} else {
		agent_say(t, "Es tut mir leid, gerade ist leider niemand erreichbar.");
		agent_say(t, "Sollen wir Sie zurückrufen? Dann sagen Sie ja oder drücken Sie die 1.");
		t->st.outcome = "transfer_failed";
		t->st.cb_reason = "transfer_failed";
		t->out->num_digits = 1;
		agent_ask(t, ST_OFFER_CALLBACK, HINTS_YESNO);
	}
	return turn_close(t, arena_printf(a, "DialCallStatus %s", dial_status ? dial_status : "-"), started);
}

int agent_queue_timeout(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid,
                        int64_t now_utc, bool waited, struct agent_reply *out)
{
	long long started = clock_mono_us();
	struct turn *t;
	int err = agent_turn_open(&t, s, a, cfg, call_sid, now_utc, out);
	if (err)
		return err;
	/* Not a caller turn: Dialogflow CX does not count it as a failure. */
	t->h.intent_name = "transfer_result";
	if (waited)
		agent_say(t, "Es tut mir leid, dass Sie so lange warten mussten. Leider ist noch niemand frei geworden.");
	else
		agent_say(t, "Leider sind gerade alle Kolleginnen und Kollegen im Gespräch.");
	if (t->lead.id == 0) {
		agent_say(t, "Bitte rufen Sie uns später noch einmal an.");
		t->st.outcome = "queue_timeout";
		agent_goodbye(t, NULL);
	} else {
		agent_say(t, "Sollen wir Sie zurückrufen, sobald jemand Zeit hat? Dann sagen Sie ja oder drücken Sie die 1.");
		t->st.outcome = "queue_timeout";
		t->st.cb_reason = "queue_timeout";
		t->out->num_digits = 1;
		agent_ask(t, ST_OFFER_CALLBACK, HINTS_YESNO);
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
		if ((err = agent_turn_open(&t, s, a, cfg, call_sid, now_utc, out)) != TF_OK)
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
