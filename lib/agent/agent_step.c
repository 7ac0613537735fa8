/* agent_step.c: the dialog's steps. Each step has a handler that takes the
 * answer to its own question (the table agent_steps, indexed by the step);
 * what means the same at every step (a person, hours, address, the FAQ,
 * goodbye, a new errand), either-or questions when unsure, a question
 * nobody here can answer, re-prompts and giving up. */
#include "agent_int.h"
#include "booking.h"
#include "err.h"
#include "faq.h"
#include "log.h"
#include "sayde.h"

#include <string.h>

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
	agent_say(t, "Unser Studio in %s ist für Sie da: %s.", t->studio->city, hours);
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
		agent_say(t, "Kann ich sonst noch etwas für Sie tun?");
		agent_ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	}
	if (err)
		return err;
	const struct store_studio *where = store_studio_by_id(t->studios, ap.studio_id);
	char when[128];
	agent_spoken(t, ap.start_utc, when, sizeof(when));
	agent_say(t, "Soll ich Ihren Termin %s im Studio %s absagen?", when, where ? where->city : t->studio->city);
	agent_ask(t, ST_CONFIRM_CANCEL, HINTS_YESNO);
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
		agent_say(t, "Darf ich jetzt noch Ihren Vor- und Nachnamen erfahren?");
		agent_ask(t, ST_ASK_NAME, HINTS_NAME);
		return TF_OK;
	case ST_ASK_WHEN:
		agent_say(t, "%s%sWann würde es Ihnen denn passen?", again, back ? " " : "");
		agent_ask(t, ST_ASK_WHEN, HINTS_WHEN);
		return TF_OK;
	case ST_OFFER:
		if (t->st.noffers == 0)
			return agent_offer(t);
		agent_say(t, "%s", again);
		agent_list_offers(t);
		return TF_OK;
	case ST_CONFIRM:
		if (t->st.chosen == 0)
			return agent_offer(t);
		agent_say(t, "%s", again);
		agent_confirm_question(t);
		return TF_OK;
	case ST_CONFIRM_CANCEL:
		return cancel_question(t);
	case ST_OFFER_CALLBACK:
		agent_say(t, "Sollen wir Sie zurückrufen? Dann sagen Sie ja oder drücken Sie die 1.");
		t->out->num_digits = 1;
		agent_ask(t, ST_OFFER_CALLBACK, HINTS_YESNO);
		return TF_OK;
	case ST_START:
		if (!back) {
			agent_say(t, "Was kann ich für Sie tun?");
			agent_ask(t, ST_START, HINTS_START);
			return TF_OK;
		}
		/* fall through */
	case ST_MORE:
		if (t->st.goal == G_BOOK) {   /* "Möchten Sie einen neuen Termin vereinbaren?" waits */
			agent_say(t, "Möchten Sie einen neuen Termin vereinbaren?");
			agent_ask(t, ST_MORE, HINTS_YESNO);
			return TF_OK;
		}
		/* fall through */
	default:
		agent_say(t, "Kann ich sonst noch etwas für Sie tun?");
		agent_ask(t, ST_MORE, HINTS_START);
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
	agent_say(t, "Vielen Dank, %s%s%s.", h->salutation ? h->salutation : "", h->salutation ? " " : "",
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
bool agent_unsure(const struct turn *t)
{
	const struct heard *h = &t->h;
	if (!acts(h->intent) || !acts(h->second) || same_errand(h->intent, h->second))
		return false;
	if (h->choice != NLU_CHOICE_NONE)
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
		agent_say(t, "Möchten Sie Ihren Termin absagen oder verschieben?");
	else
		agent_say(t, "Möchten Sie %s oder %s?", errand_words(a), errand_words(b));
	agent_ask(t, ST_CLARIFY, HINTS_START);
}

/* Asks which of the two errands the caller means, keeping a day they named
 * for the errand they choose. */
int agent_clarify(struct turn *t)
{
	/* "hier ist Frau Huber, wegen meinem Termin": the name is kept first */
	int err = t->h.name && t->st.step != ST_ASK_NAME ? take_name(t) : TF_OK;
	if (err)
		return err;
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
	return TF_OK;
}

static int general(struct turn *t, bool *handled);

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
		agent_say(t, "In Ordnung.");
		return resume(t, true);
	}
	if ((h->intent == H_UNKNOWN || h->intent == H_YES) && !h->name && !h->has_wish) {
		agent_not_understood(t, false);
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
	agent_say(t, "Das kann ich Ihnen leider nicht sicher beantworten.");
	if (agent_transfer_number(t)) {
		agent_say(t, "Soll ich Sie mit einer Kollegin oder einem Kollegen verbinden? Oder sollen wir Sie lieber zurückrufen?");
	} else if (t->lead.id) {
		agent_say(t, "Gerade ist leider niemand im Studio erreichbar. Sollen wir Sie zurückrufen? Dann sagen Sie ja oder drücken Sie die 1.");
		t->out->num_digits = 1;
	} else {
		agent_say(t, "Am besten fragen Sie direkt bei uns im Studio nach.");
		return resume(t, true);
	}
	agent_ask(t, ST_OFFER_HELP, HINTS_HELP);
	return TF_OK;
}

static int help_answer(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	*handled = true;
	if (h->intent == H_CALLBACK || (h->intent == H_YES && agent_transfer_number(t) == NULL))
		return agent_callback(t, "question");
	if (h->intent == H_YES || h->intent == H_HUMAN) {
		agent_transfer(t, "question");
		return TF_OK;
	}
	t->st.step = t->st.back;
	if (h->intent == H_NO) {
		agent_say(t, "In Ordnung.");
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
		agent_say(t, "%s", list[best].answer);
		return resume(t, true);
	}
	if (!must)
		return TF_OK;
	*handled = true;
	return offer_help(t);
}

/* "Dienstag, der 17. November, ist leider schon vorbei." A day gone by is
 * never moved into the future; the caller is asked for another. */
static void refuse_past(struct turn *t)
{
	struct civil_date d = t->h.past_date;
	agent_say(t, "%s, der %d. %s, ist leider schon vorbei. Wann würde es Ihnen denn passen?",
	          sayde_weekday(civil_weekday(d)), d.day, sayde_month(d.month));
	if (t->st.goal == G_NONE || t->st.goal == G_CANCEL)
		t->st.goal = G_BOOK;
	agent_ask(t, ST_ASK_WHEN, HINTS_WHEN);
}

/* Intents that mean the same at any step. A question about hours or address
 * in the middle of an errand is answered and the pending question asked
 * again. */
static int general(struct turn *t, bool *handled)
{
	*handled = true;
	switch (t->h.intent) {
	case H_HUMAN:
		agent_transfer(t, "speech");
		return TF_OK;
	case H_CALLBACK:
		return agent_callback(t, "speech");
	case H_BYE:
		agent_goodbye(t, "info");
		return TF_OK;
	case H_INFO_HOURS:
		info_hours(t);
		return resume(t, true);
	case H_INFO_ADDRESS:
		agent_say(t, "Sie finden unser Studio in der %s.", t->studio->address);
		return resume(t, true);
	case H_INFO_FAQ:
		return faq(t, true, handled);
	case H_REPEAT:
		agent_say(t, "Gern noch einmal.");
		return resume(t, false);
	case H_WAIT:
		t->st.waiting = true;
		agent_say(t, "Gern, ich warte. Sagen Sie einfach Bescheid, wenn Sie so weit sind.");
		agent_ask(t, t->st.step, hints_for(t->st.step));
		return TF_OK;
	case H_CANCEL:
		return agent_start_goal(t, G_CANCEL);
	case H_RESCHEDULE:
		return agent_start_goal(t, G_MOVE);
	case H_BOOK:
	case H_AVAILABILITY:
		return agent_start_goal(t, G_BOOK);
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
		agent_say(t, "Ich kann Sie leider immer noch nicht hören.");
	else
		agent_say(t, "Entschuldigung, ich habe Sie leider wieder nicht verstanden.");
	if (agent_transfer_number(t)) {
		agent_transfer(t, heard_nothing ? "not_heard" : "not_understood");
		return;
	}
	if (t->lead.id && t->st.step != ST_OFFER_CALLBACK) {
		agent_say(t, "Leider ist gerade niemand von uns erreichbar. Sollen wir Sie zurückrufen? Dann sagen Sie ja oder drücken Sie die 1.");
		t->st.cb_reason = heard_nothing ? "not_heard" : "not_understood";
		t->out->num_digits = 1;
		agent_ask(t, ST_OFFER_CALLBACK, HINTS_YESNO);
		return;
	}
	agent_say(t, "Bitte rufen Sie uns später noch einmal an.");
	agent_goodbye(t, "abandoned");
}

void agent_not_understood(struct turn *t, bool heard_nothing)
{
	if (heard_nothing && t->st.waiting) {
		t->st.waiting = false;
		agent_say(t, "Ich bin noch da. Sagen Sie einfach Bescheid, wenn Sie so weit sind.");
		agent_ask(t, t->st.step, hints_for(t->st.step));
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
		agent_say(t, "Entschuldigung, ich habe Sie gerade nicht gehört.");
	else
		agent_say(t, "Entschuldigung, das habe ich nicht ganz verstanden.");
	if (t->st.step == ST_CLARIFY) {
		either_or(t);
		return;
	}
	agent_say(t, "%s", again[t->st.step]);
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
		/* "hier ist Müller, ich will absagen": the name, and another errand to see to */
		if (h->intent == H_CANCEL || h->intent == H_RESCHEDULE || h->intent == H_HUMAN || h->intent == H_CALLBACK)
			return general(t, handled);
		if (h->has_wish) {
			t->st.has_wish = true;
			t->st.wish = h->wish;
		}
		return agent_offer(t);
	}
	if (h->intent == H_NO) {
		agent_say(t, "Kein Problem.");
		return agent_offer(t);
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
		return agent_offer(t);
	}
	if (h->intent == H_YES || h->intent == H_AVAILABILITY) {
		t->st.has_wish = false;
		return agent_offer(t);
	}
	*handled = false;
	return TF_OK;
}

/* "lieber später": slots after `last` on its day; "früher": before `first`.
 * The offers said ran from first to last (or the one chosen). */
static int offer_other_side(struct turn *t, int64_t first_utc, int64_t last_utc)
{
	struct civil_time first = tz_to_local(t->cal.tz, first_utc, NULL);
	struct civil_time last = tz_to_local(t->cal.tz, last_utc, NULL);
	struct schedule_wish w = { .has_date = true };
	if (t->h.pref == WHEN_PREF_LATER) {
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
	return agent_offer(t);
}

static int step_offer(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	int i = picked(t);
	if (i >= 0) {
		t->st.chosen = t->st.offers[i];
		agent_confirm_question(t);
		return TF_OK;
	}
	if ((h->pref == WHEN_PREF_LATER || h->pref == WHEN_PREF_EARLIER) && t->st.noffers > 0 && !h->said_date)
		return offer_other_side(t, t->st.offers[0], t->st.offers[t->st.noffers - 1]);
	if (h->intent == H_YES && t->st.noffers > 1) {
		char a0[128], a1[128];
		agent_spoken(t, t->st.offers[0], a0, sizeof(a0));
		agent_spoken(t, t->st.offers[1], a1, sizeof(a1));
		agent_say(t, "Gern. Welchen Termin möchten Sie, zum Beispiel den ersten, %s, oder den zweiten, %s?", a0, a1);
		agent_ask(t, ST_OFFER, HINTS_CHOICE);
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
		return agent_offer(t);
	}
	if (h->intent == H_NO) {
		agent_say(t, "Schade.");
		agent_say(t, "Wann würde es Ihnen denn besser passen?");
		agent_ask(t, ST_ASK_WHEN, HINTS_WHEN);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

static int step_confirm(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->intent == H_YES)
		return agent_book_chosen(t);
	/* "nein, lieber eine Stunde später": from the time just proposed */
	if ((h->pref == WHEN_PREF_LATER || h->pref == WHEN_PREF_EARLIER) && t->st.chosen != 0 && !h->said_date &&
	    !(h->has_wish && h->wish.has_time))
		return offer_other_side(t, t->st.chosen, t->st.chosen);
	if (h->has_wish) {
		t->st.has_wish = true;
		t->st.wish = h->wish;
		return agent_offer(t);
	}
	if (h->intent == H_NO) {
		agent_say(t, "Gut, dann suchen wir einen anderen Termin. Wann würde es Ihnen passen?");
		agent_ask(t, ST_ASK_WHEN, HINTS_WHEN);
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
			agent_say(t, "Ihr Termin ist abgesagt. Sie bekommen dazu gleich eine SMS.");
			t->st.outcome = "cancelled";
		} else {
			agent_say(t, "Dieser Termin ist bereits nicht mehr aktiv.");
		}
		/* "ja" books a new one at once (step_more). */
		t->st.goal = G_BOOK;
		agent_say(t, "Möchten Sie gleich einen neuen Termin vereinbaren?");
		agent_ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	}
	if (h->intent == H_RESCHEDULE)
		return agent_start_goal(t, G_MOVE);
	if (h->intent == H_NO) {
		agent_say(t, "Gut, Ihr Termin bleibt bestehen. Kann ich sonst noch etwas für Sie tun?");
		t->st.goal = G_NONE;
		agent_ask(t, ST_MORE, HINTS_START);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

static int step_more(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->intent == H_NO || h->intent == H_BYE) {
		agent_goodbye(t, "info");
		return TF_OK;
	}
	if (h->intent == H_YES) {
		if (t->st.goal == G_BOOK)
			return agent_start_goal(t, G_BOOK);
		agent_say(t, "Gern. Was kann ich für Sie tun?");
		agent_ask(t, ST_START, HINTS_START);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

static int step_offer_callback(struct turn *t, bool *handled)
{
	struct heard *h = &t->h;
	if (h->intent == H_YES || h->intent == H_CALLBACK)
		return agent_callback(t, t->st.cb_reason ? t->st.cb_reason : "transfer_failed");
	if (h->intent == H_NO) {
		agent_say(t, "In Ordnung. Sie können uns jederzeit wieder anrufen.");
		agent_goodbye(t, NULL);
		return TF_OK;
	}
	*handled = false;
	return TF_OK;
}

/* The handler of each step that asks a question of its own (agent_int.h). */
const agent_step_fn agent_steps[ST__N] = {
	[ST_ASK_NAME] = step_ask_name, [ST_ASK_WHEN] = step_ask_when, [ST_OFFER] = step_offer,
	[ST_CONFIRM] = step_confirm, [ST_CONFIRM_CANCEL] = step_confirm_cancel, [ST_MORE] = step_more,
	[ST_OFFER_CALLBACK] = step_offer_callback, [ST_CLARIFY] = clarify_answer, [ST_OFFER_HELP] = help_answer,
};

/* The handler of the step asked; *handled when it took the turn. */
static int run_handler(struct turn *t, bool *handled)
{
	int err;
	enum step at = t->st.step;
	*handled = false;
	if (agent_steps[at] == NULL)
		return TF_OK;
	*handled = true;
	if ((err = agent_steps[at](t, handled)) != TF_OK || *handled)
		return err;
	/* An either-or or help question that was not answered gave the turn
	 * back to the question it interrupted. */
	if (t->st.step != at && agent_steps[t->st.step]) {
		*handled = true;
		return agent_steps[t->st.step](t, handled);
	}
	return TF_OK;
}

int agent_step(struct turn *t)
{
	struct heard *h = &t->h;
	bool handled = false;
	int err;
	if ((err = run_handler(t, &handled)) != TF_OK || handled)
		return err;
	/* Beside the question asked: a name said at another step is kept, and
	 * when it is all the caller said, the pending question comes again. A
	 * name said with an errand is kept too while the caller has none yet
	 * ("hier ist Frau Huber, ich hätte gern einen Termin" is not asked for it
	 * again); a known caller's name stays, the name may be whom it is for. */
	bool named = false, unnamed = agent_lead_unnamed(t);
	if (h->name && t->st.step != ST_ASK_NAME && (h->intent == H_GIVE_NAME || h->intent == H_UNKNOWN || unnamed)) {
		if ((err = take_name(t)) != TF_OK)
			return err;
		named = true;
	}
	if ((err = general(t, &handled)) != TF_OK || handled)
		return err;
	/* A date alone at the start means a booking. */
	if (h->has_wish && (t->st.step == ST_START || t->st.step == ST_MORE))
		return agent_start_goal(t, G_BOOK);
	if (named && t->st.step == ST_START) {
		agent_say(t, "Was kann ich für Sie tun?");
		agent_ask(t, ST_START, HINTS_START);
		return TF_OK;
	}
	if (named)
		return resume(t, true);
	agent_not_understood(t, false);
	return TF_OK;
}

/* A turn with words the NLU made sense of, or that may still make sense
 * here: the answer to an either-or question, a day gone by, a choice
 * between two errands, the studio's FAQ, a name answering a question not
 * asked yet; then the step. */
int agent_understood(struct turn *t, const struct nlu_context *ctx)
{
	struct heard *h = &t->h;
	bool handled = false, nothing = h->intent == H_UNKNOWN && !h->name && !h->has_wish && !h->past &&
	                                h->choice == NLU_CHOICE_NONE;
	int err;
	if (t->st.step == ST_CLARIFY || t->st.step == ST_OFFER_HELP) {
		if (!nothing)
			t->st.failures = 0;
		return agent_step(t);
	}
	/* A day gone by offered as a wish; not when it only tells a story
	 * ("ich war gestern schon da") beside a name or another errand. */
	if (h->past && !h->name && h->intent != H_BYE && h->intent != H_HUMAN && h->intent != H_CALLBACK &&
	    h->intent != H_CANCEL && h->intent != H_INFO_HOURS && h->intent != H_INFO_ADDRESS && h->intent != H_INFO_FAQ) {
		t->st.failures = 0;
		refuse_past(t);
		return TF_OK;
	}
	if (agent_unsure(t)) {
		t->st.failures = 0;
		return agent_clarify(t);
	}
	if (h->intent == H_INFO_FAQ || h->intent == H_INFO_ADDRESS || nothing) {
		if ((err = faq(t, h->intent == H_INFO_FAQ || (nothing && asks(t)), &handled)) != TF_OK || handled) {
			t->st.failures = 0;
			return err;
		}
	}
	if (nothing && pending(t->st.step) && t->st.step != ST_ASK_NAME && agent_lead_unnamed(t)) {
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
		agent_not_understood(t, false);
		return TF_OK;
	}
	t->st.failures = 0;
	return agent_step(t);
}