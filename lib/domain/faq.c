/* faq.c: matching a caller's question against a studio's FAQ rows, and the
 * rows' JSON for the admin API. */
#include "faq.h"
#include "err.h"
#include "nlu.h"
#include "tf_limits.h"
#include "utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAQ_MAX_WORDS 96
#define FAQ_WORD 48

struct words {
	char w[FAQ_MAX_WORDS][FAQ_WORD];
	int n;
};

/* Words that say nothing about the topic of a question. */
static bool function_word(const char *w)
{
	static const char *const stop[] = {
		"was", "wie", "wer", "wann", "warum", "welche", "welcher", "welches", "ich", "sie", "man", "wir", "uns",
		"mir", "mich", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "bei",
		"ihnen", "ihr", "ihre", "mit", "und", "oder", "ist", "sind", "kann", "koennen", "muss", "soll", "sollte",
		"habe", "hat", "haben", "gibt", "gibts", "denn", "mal", "bitte", "noch", "auch", "dann", "fuer", "von",
		"auf", "zum", "zur", "aus", "nach", "mein", "meine", "meinen", "dort", "hier", "da", "so", "es", "im",
		"in", "am", "um", "zu", "wo", "ja", "nein", "nicht", "eigentlich", "also", "gerne", "gern", "wissen",
		"frage", "fragen", "wuerde", "wollte", "moechte",
	};
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (strcmp(w, stop[i]) == 0)
			return true;
	return false;
}

/* Folds text with the NLU's normalisation and splits it into content words. */
static int content_words(struct arena *a, const char *text, size_t len, struct words *out)
{
	out->n = 0;
	struct nlu_context ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.now.date = (struct civil_date){ 2026, 1, 5 };
	ctx.now.hour = 12;
	struct nlu_result r;
	int err = nlu_parse(a, text, len, &ctx, &r);
	if (err)
		return err;
	const char *p = r.normalized ? r.normalized : "";
	while (*p && out->n < FAQ_MAX_WORDS) {
		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80))
			p++;
		const char *start = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80)
			p++;
		size_t n = (size_t)(p - start);
		if (n < 3 || n >= FAQ_WORD)
			continue;
		memcpy(out->w[out->n], start, n);
		out->w[out->n][n] = '\0';
		if (!function_word(out->w[out->n]))
			out->n++;
	}
	return TF_OK;
}

/* The same word, another form of it (a shared stem of at least four letters
 * that leaves at most two letters of the shorter word: "kostet"/"kosten",
 * "parken"/"parkplatz"), or a compound that holds a keyword of five letters
 * or more, less an ending ("kundenparkplaetze" holds "parkpla(tz)"). */
static bool word_meets(const char *said, const char *key)
{
	size_t ls = strlen(said), lk = strlen(key), p = 0;
	while (said[p] && said[p] == key[p])
		p++;
	if (p == ls && p == lk)
		return true;
	size_t shorter = ls < lk ? ls : lk;
	if (p >= 4 && p + 2 >= shorter)
		return true;
	size_t stem = lk >= 7 ? lk - 2 : lk;
	return stem >= 5 && memmem(said, ls, key, stem) != NULL;
}

static bool said(const struct words *q, const char *key)
{
	for (int i = 0; i < q->n; i++)
		if (word_meets(q->w[i], key))
			return true;
	return false;
}

/* Stands between two keywords while a row's keywords are normalised in one
 * go: the normalisation drops commas, and keeps a word it does not know. */
#define FAQ_SEPARATOR "qqq"

/* A row's keywords as content words, a separator between two keywords. */
static int row_words(struct arena *a, const char *keywords, struct words *k)
{
	size_t n = strlen(keywords), commas = 0;
	for (size_t i = 0; i < n; i++)
		commas += keywords[i] == ',';
	char *joined = arena_alloc(a, n + commas * (sizeof(FAQ_SEPARATOR) + 1) + 1);
	if (joined == NULL)
		return 0;
	char *w = joined;
	for (size_t i = 0; i < n; i++) {
		if (keywords[i] != ',') {
			*w++ = keywords[i];
			continue;
		}
		memcpy(w, " " FAQ_SEPARATOR " ", sizeof(FAQ_SEPARATOR) + 1);
		w += sizeof(FAQ_SEPARATOR) + 1;
	}
	*w = '\0';
	return content_words(a, joined, (size_t)(w - joined), k);
}

/* A row's keywords normalised once per thread: the slot is chosen by row id
 * and keyword text, and holds the exact text it was made from, so an edited
 * row is normalised afresh. */
#define FAQ_CACHE_SLOTS STORE_FAQ_MAX
struct faq_cached {
	char *keywords;
	struct words k;
};
static _Thread_local struct faq_cached *faq_cache;

static const struct words *row_keywords(struct arena *a, int64_t id, const char *keywords, struct words *scratch)
{
	if (faq_cache == NULL)
		faq_cache = calloc(FAQ_CACHE_SLOTS, sizeof(*faq_cache));
	uint64_t h = 1469598103934665603u ^ (uint64_t)id;
	for (const char *p = keywords; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	struct faq_cached *c = faq_cache ? &faq_cache[h % FAQ_CACHE_SLOTS] : NULL;
	if (c && c->keywords && strcmp(c->keywords, keywords) == 0)
		return &c->k;
	if (row_words(a, keywords, scratch) != TF_OK)
		return NULL;
	if (c) {
		char *copy = strdup(keywords);
		if (copy) {
			free(c->keywords);
			c->keywords = copy;
			c->k = *scratch;
		}
	}
	return scratch;
}

/* How many words of a row's keywords the question holds, counting a keyword
 * only when all its words are there. */
static int row_score(struct arena *a, const struct words *q, int64_t id, const char *keywords, struct words *scratch)
{
	const struct words *k = row_keywords(a, id, keywords, scratch);
	if (k == NULL)
		return 0;
	int score = 0, words = 0;
	bool all = true;
	for (int i = 0; i <= k->n; i++) {
		if (i == k->n || strcmp(k->w[i], FAQ_SEPARATOR) == 0) {
			if (all && words > 0)
				score += words;
			words = 0;
			all = true;
			continue;
		}
		words++;
		all = all && said(q, k->w[i]);
	}
	return score;
}

int faq_match(struct arena *a, const char *text, size_t len, const struct store_faq *list, size_t n, int *best,
              int *score)
{
	if (best)
		*best = -1;
	if (score)
		*score = 0;
	if (a == NULL || text == NULL || best == NULL || score == NULL || (list == NULL && n > 0))
		return TF_EINVAL;
	if (len > TF_MAX_SPEECH)
		len = utf8_cut(text, len, TF_MAX_SPEECH);
	struct words *q = arena_alloc(a, 2 * sizeof(struct words));
	if (q == NULL)
		return TF_ENOMEM;
	int err = content_words(a, text, len, q);
	if (err || q->n == 0)
		return err;
	for (size_t i = 0; i < n; i++) {
		int s = list[i].keywords ? row_score(a, q, list[i].id, list[i].keywords, q + 1) : 0;
		if (s > *score) {
			*score = s;
			*best = (int)i;
		}
	}
	return TF_OK;
}

static int fail(struct tf_errmsg *e, int err, const char *msg)
{
	return tf_errmsg_set(e, err, "%s", msg);
}

static bool clean_text(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max || !utf8_valid(s, n))
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

int faq_parse_body(struct arena *a, const char *body, size_t len, bool partial, struct store_faq *f,
                   struct tf_errmsg *e)
{
	static const struct {
		const char *name;
		size_t max;
		size_t offset;
	} fields[] = {
		{ "topic", FAQ_MAX_TOPIC, offsetof(struct store_faq, topic) },
		{ "keywords", FAQ_MAX_KEYWORDS, offsetof(struct store_faq, keywords) },
		{ "answer", FAQ_MAX_ANSWER, offsetof(struct store_faq, answer) },
	};
	cJSON *in = body ? cJSON_ParseWithLength(body, len) : NULL;
	if (in == NULL)
		return fail(e, TF_EINVAL, "body must be JSON");
	int err = TF_OK;
	if (!cJSON_IsObject(in))
		err = fail(e, TF_EVALUE, "body must be a JSON object");
	const cJSON *it;
	cJSON_ArrayForEach(it, in) {
		bool known = false;
		for (size_t i = 0; i < 3; i++)
			known = known || (it->string && strcmp(it->string, fields[i].name) == 0);
		if (!known && err == TF_OK)
			err = fail(e, TF_EVALUE, "unknown field: the body takes \"topic\", \"keywords\" and \"answer\"");
	}
	int given = 0;
	for (size_t i = 0; err == TF_OK && i < 3; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, fields[i].name);
		if (v == NULL) {
			if (!partial) {
				char msg[64];
				snprintf(msg, sizeof(msg), "\"%s\" is required", fields[i].name);
				err = fail(e, TF_EVALUE, msg);
			}
			continue;
		}
		if (!cJSON_IsString(v) || !clean_text(v->valuestring, fields[i].max)) {
			char msg[120];
			snprintf(msg, sizeof(msg), "\"%s\" must be text of 1 to %zu bytes without control characters",
			         fields[i].name, fields[i].max);
			err = fail(e, TF_EVALUE, msg);
			continue;
		}
		const char *copy = arena_strdup(a, v->valuestring);
		if (copy == NULL)
			err = TF_ENOMEM;
		else
			*(const char **)((char *)f + fields[i].offset) = copy;
		given++;
	}
	if (err == TF_OK && given == 0)
		err = fail(e, TF_EVALUE, "the body names none of \"topic\", \"keywords\" and \"answer\"");
	cJSON_Delete(in);
	return err;
}

cJSON *faq_json(const struct store_faq *f, const char *studio_slug)
{
	char created[21], updated[21];
	admin_iso_time(f->created_at ? f->created_at : "", created);
	admin_iso_time(f->updated_at ? f->updated_at : "", updated);
	cJSON *o = cJSON_CreateObject();
	bool ok = o && cJSON_AddNumberToObject(o, "id", (double)f->id) &&
	          cJSON_AddStringToObject(o, "studio", studio_slug ? studio_slug : "") &&
	          cJSON_AddStringToObject(o, "topic", f->topic ? f->topic : "") &&
	          cJSON_AddStringToObject(o, "keywords", f->keywords ? f->keywords : "") &&
	          cJSON_AddStringToObject(o, "answer", f->answer ? f->answer : "") &&
	          cJSON_AddStringToObject(o, "created_at", created) && cJSON_AddStringToObject(o, "updated_at", updated);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}
