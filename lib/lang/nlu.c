/* nlu.c: one caller turn through normalisation, date and time, entities and intent scoring; and its JSON. */
#include "nlu.h"

#include <math.h>
#include <string.h>

#include "err.h"
#include "nlu_int.h"

/* How much the word model's belief (0..1) weighs against the cue scores (a strong cue is 2..3);
 * -DNLU_MODEL_WEIGHT=0 measures the rules alone. */
#ifndef NLU_MODEL_WEIGHT
#define NLU_MODEL_WEIGHT 1.5
#endif

const char *nlu_intent_name(enum nlu_intent i)
{
	switch (i) {
	case NLU_BOOK: return "book";
	case NLU_AVAILABILITY: return "availability";
	case NLU_GIVE_NAME: return "give_name";
	case NLU_HUMAN: return "human";
	case NLU_CALLBACK: return "callback";
	case NLU_CANCEL: return "cancel";
	case NLU_RESCHEDULE: return "reschedule";
	case NLU_INFO_HOURS: return "info_hours";
	case NLU_INFO_ADDRESS: return "info_address";
	case NLU_YES: return "yes";
	case NLU_NO: return "no";
	case NLU_BYE: return "bye";
	case NLU_REPEAT: return "repeat";
	case NLU_GIVE_PHONE: return "give_phone";
	case NLU_INFO_FAQ: return "info_faq";
	case NLU_WAIT: return "wait";
	case NLU_UNKNOWN:
	case NLU_INTENT_COUNT:
	default: return "unknown";
	}
}

static bool nlu_counter(const struct nlu_toks *tk)
{
	static const char *const words[] = {
		"aber", "lieber", "sondern", "eher", "besser", "statt", "stattdessen", "anstatt", NULL,
	};
	for (size_t i = 0; i < tk->n; i++)
		if (nlu_oneof(tk, i, words) >= 0)
			return true;
	return false;
}

/* No day or time at all; `date` keeps the day the turn was said (when.h). */
static void nlu_no_when(const struct nlu_context *ctx, struct when *w)
{
	memset(w, 0, sizeof(*w));
	w->date = w->last = ctx->now.date;
}

/* Whether the turn speaks of the studio's lunch break ("Mittagspause",
 * "über Mittag", "machen Sie Pause"). */
static bool nlu_lunch_break(const struct nlu_toks *tk)
{
	static const char *const words[] = { "pause", "mittagspause", "mittagszeit", NULL };
	for (size_t i = 0; i < tk->n; i++) {
		/* ("in meiner Mittagspause": the caller's) */
		if (nlu_said_own(tk, i))
			continue;
		if (nlu_oneof(tk, i, words) >= 0 || (nlu_is(tk, i, "ueber") && i + 1 < tk->n && nlu_is(tk, i + 1, "mittag")))
			return true;
	}
	return false;
}

/* Does the turn say "spontan" (coming without booking)? */
static bool nlu_spontaneous(const struct nlu_toks *tk)
{
	for (size_t i = 0; i < tk->n; i++)
		if (nlu_prefix(tk, i, "spontan"))
			return true;
	return false;
}

/* What the caller means by the day, time and choice words of a turn follows
 * from what they want:
 *   - a number read out as a phone number is no time of day;
 *   - small talk means no time to book: "das Wetter ist heute furchtbar",
 *     "morgen ist bei uns Weihnachtsfeier" (a day gone by stays reported, and
 *     at a question for a day, words the intents make nothing of still
 *     answer it);
 *   - a question about the lunch break asks about the hours of a day (or
 *     all days), not for a time at noon: "ist heute Mittag jemand da oder
 *     machen Sie Pause", "haben Sie über Mittag zu";
 *   - asking to hear an offer again ("was war der zweite nochmal") picks none;
 *   - asked about the studio's rules, "spontan" ("kann man spontan kommen?") tells how one
 *     comes, it wishes no time soon;
 *   - a slot chosen settles a wish for earlier or later ("das erste ist zu früh, das zweite");
 *   - a no turns down the times it names ("weder um zehn noch um zwei",
 *     "zu spät, die Kita macht um fünf zu"): it keeps only a wish for
 *     earlier or later ("um sieben ist mir zu spät"). */
static void nlu_meant(const struct nlu_toks *tk, const struct nlu_context *ctx, struct nlu_result *out)
{
	struct when *w = &out->when;
	if (out->intent == NLU_REPEAT)
		out->choice = NLU_CHOICE_NONE;
	/* "kann man auch spontan kommen oder muss man buchen": asked about the studio's rules,
	 * "spontan" tells how one comes (without booking), not a wish for a time soon */
	if (out->intent == NLU_INFO_FAQ && w->pref == WHEN_PREF_SOONEST && nlu_spontaneous(tk))
		w->pref = WHEN_PREF_NONE;
	if (w->past)
		return;
	/* "das erste ist mir zu früh, das zweite nehm ich", "das frühere bitte, dann hab ich den
	 * Nachmittag noch für mich": the slot chosen settles the wish for earlier or later that
	 * turned the other down, and a part of the day said without a day tells why */
	if ((out->choice >= 0 || out->choice == NLU_CHOICE_LAST) && !w->has_date && !w->has_time)
		nlu_no_when(ctx, w);
	if (out->intent == NLU_GIVE_PHONE && w->grain == WHEN_TIME && !w->has_date) {
		nlu_no_when(ctx, w);
	} else if (out->intent == NLU_UNKNOWN && ctx->expect != NLU_EXPECT_DATE) {
		nlu_no_when(ctx, w);
	} else if (out->intent == NLU_NO && w->grain != WHEN_NONE) {
		enum when_pref pref = w->pref;
		nlu_no_when(ctx, w);
		w->pref = pref;
	} else if (out->intent == NLU_INFO_HOURS && w->grain == WHEN_DAYPART && nlu_lunch_break(tk)) {
		bool day = w->has_date;
		struct civil_date first = w->date;
		nlu_no_when(ctx, w);
		if (day) {
			w->grain = WHEN_DAY;
			w->has_date = true;
			w->date = w->last = first;
		}
	}
}

int nlu_parse(struct arena *a, const char *text, size_t len, const struct nlu_context *ctx,
	      struct nlu_result *out)
{
	if (out == NULL)
		return TF_EINVAL;
	memset(out, 0, sizeof(*out));
	out->intent = NLU_UNKNOWN;
	out->confidence = 1;
	out->choice = NLU_CHOICE_NONE;
	if (a == NULL || ctx == NULL || (text == NULL && len > 0))
		return TF_EINVAL;
	if (text == NULL)
		text = "";
	struct nlu_toks *tk = arena_alloc(a, sizeof(*tk));
	if (tk == NULL)
		return TF_ENOMEM;
	nlu_tokenize(text, len, tk);

	size_t nsize = tk->srclen + 2 * tk->n + 16;
	char *norm = arena_alloc(a, nsize);
	if (norm == NULL)
		return TF_ENOMEM;
	nlu_toks_text(tk, norm, nsize);
	out->normalized = norm;

	int rc = when_parse_toks(tk, ctx, &out->when);
	if (rc != TF_OK)
		return rc;
	struct nlu_facts f;
	memset(&f, 0, sizeof(f));
	rc = nlu_entity_name(a, tk, ctx->expect, out, &f.name_marked);
	if (rc != TF_OK)
		return rc;
	rc = nlu_entity_digits(a, tk, ctx->expect, out, &f.digits);
	if (rc != TF_OK)
		return rc;
	out->city = nlu_entity_city(tk, ctx);
	/* "hallo, Berlin hier": the studio's town the caller names, no surname */
	if (out->city != NULL && out->last_name != NULL && out->first_name == NULL && out->salutation == NULL &&
	    strcmp(out->last_name, out->city) == 0) {
		out->last_name = NULL;
		f.name_marked = false;
	}
	out->choice = nlu_entity_choice(tk, ctx->expect);
	out->sentiment = nlu_entity_sentiment(tk);

	/* a day gone by ("ich war gestern da") is no wish for a time */
	f.has_day_or_time = out->when.grain != WHEN_NONE && !out->when.past;
	f.has_when = f.has_day_or_time || out->when.pref != WHEN_PREF_NONE;
	f.counter = nlu_counter(tk);
	f.name = out->first_name != NULL || out->last_name != NULL;
	f.choice = out->choice;
	f.city = out->city != NULL;
	f.past = out->when.past;
	double score[NLU_INTENT_COUNT];
	unsigned negated;
	nlu_intent_score(tk, &f, ctx->expect, score, &negated);
	/* The word model speaks where the cue rules have no word for what the caller
	 * says; the more of the turn's words it knows, the more it counts. It never
	 * names or numbers (the entities do), nor backs what a negation turned down
	 * ("keinen Rückruf") or the turn's form ruled out, and what it holds for "nothing to act on" lowers its
	 * belief in the rest. */
	double p[NLU_INTENT_COUNT];
	size_t known = nlu_model_predict(tk->src, tk->srclen, ctx->expect, p);
	double g = NLU_MODEL_WEIGHT * (double)known / ((double)known + 1.0);
	for (size_t k = 1; k < NLU_INTENT_COUNT; k++)
		if (k != NLU_GIVE_NAME && k != NLU_GIVE_PHONE && !(negated & (1u << k)) && p[k] > p[NLU_UNKNOWN])
			score[k] += g * (p[k] - p[NLU_UNKNOWN]);
	nlu_intent_decide(score, out);
	nlu_meant(tk, ctx, out);
	return TF_OK;
}

static double nlu_round(double x)
{
	return round(x * 100) / 100;
}

int nlu_result_json(const struct nlu_result *r, cJSON **out)
{
	if (r == NULL || out == NULL)
		return TF_EINVAL;
	*out = NULL;
	cJSON *o = cJSON_CreateObject();
	if (o == NULL)
		return TF_ENOMEM;
	bool ok = cJSON_AddStringToObject(o, "intent", nlu_intent_name(r->intent)) != NULL &&
		  cJSON_AddNumberToObject(o, "confidence", nlu_round(r->confidence)) != NULL;
	if (ok && r->second != NLU_UNKNOWN) {
		cJSON *s = cJSON_AddObjectToObject(o, "second");
		ok = s != NULL && cJSON_AddStringToObject(s, "intent", nlu_intent_name(r->second)) != NULL &&
		     cJSON_AddNumberToObject(s, "confidence", nlu_round(r->second_confidence)) != NULL;
	}
	cJSON *e = ok ? cJSON_AddObjectToObject(o, "entities") : NULL;
	ok = ok && e != NULL;
	if (ok && r->when.grain != WHEN_NONE) {
		char buf[16];
		if (r->when.has_date) {
			civil_format_date(r->when.date, buf);
			ok = cJSON_AddStringToObject(e, "date", buf) != NULL;
			if (ok && r->when.past)   /* a day gone by, never one to book */
				ok = cJSON_AddBoolToObject(e, "past", true) != NULL;
		}
		if (ok && r->when.has_time) {
			int m = r->when.minute;
			buf[0] = (char)('0' + m / 600 % 10);
			buf[1] = (char)('0' + m / 60 % 10);
			buf[2] = ':';
			buf[3] = (char)('0' + m % 60 / 10);
			buf[4] = (char)('0' + m % 10);
			buf[5] = '\0';
			ok = cJSON_AddStringToObject(e, "time", buf) != NULL;
		}
	}
	if (ok && (r->when.grain != WHEN_NONE || r->when.pref != WHEN_PREF_NONE)) {
		cJSON *w = NULL;
		ok = when_json(&r->when, &w) == TF_OK && cJSON_AddItemToObject(e, "when", w);
		if (!ok)
			cJSON_Delete(w);
	}
	if (ok && (r->first_name != NULL || r->last_name != NULL)) {
		cJSON *n = cJSON_AddObjectToObject(e, "name");
		ok = n != NULL;
		if (ok && r->salutation != NULL)
			ok = cJSON_AddStringToObject(n, "salutation", r->salutation) != NULL;
		if (ok && r->first_name != NULL)
			ok = cJSON_AddStringToObject(n, "first", r->first_name) != NULL;
		if (ok && r->last_name != NULL)
			ok = cJSON_AddStringToObject(n, "last", r->last_name) != NULL;
	}
	if (ok && r->city != NULL)
		ok = cJSON_AddStringToObject(e, "city", r->city) != NULL;
	if (ok && r->digits != NULL)
		ok = cJSON_AddStringToObject(e, "digits", r->digits) != NULL;
	if (ok && r->choice != NLU_CHOICE_NONE) {
		if (r->choice >= 0)
			ok = cJSON_AddNumberToObject(e, "choice", r->choice) != NULL;
		else
			ok = cJSON_AddStringToObject(e, "choice", r->choice == NLU_CHOICE_LAST ? "last" : "any") != NULL;
	}
	ok = ok && cJSON_AddNumberToObject(o, "sentiment", nlu_round(r->sentiment)) != NULL;
	ok = ok && cJSON_AddStringToObject(o, "normalized", r->normalized ? r->normalized : "") != NULL;
	if (!ok) {
		cJSON_Delete(o);
		return TF_ENOMEM;
	}
	*out = o;
	return TF_OK;
}
