/* nlu_model.c: a small naive Bayes word model of what a caller wants, beside the cue rules.
 * Trained by scripts/train-nlu (which mirrors the features below exactly); its counts are
 * compiled in from nlu_model_data.c, so nothing is loaded at run time. */
#include "nlu_int.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#define MODEL_MAX_WORDS 64
#define MODEL_MAX_WORD  31
#ifndef MODEL_ALPHA
#define MODEL_ALPHA     0.1    /* additive smoothing of the counts */
#endif
#ifndef MODEL_TEMP
#define MODEL_TEMP      3.0    /* naive Bayes is overconfident: log-odds are divided by this */
#endif

static double model_total[NLU_INTENT_COUNT];
static double model_vocab;
static pthread_once_t model_once = PTHREAD_ONCE_INIT;

static void model_prepare(void)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < nlu_model_nentries; i++) {
		const struct nlu_model_entry *e = &nlu_model_entries[i];
		if (e->intent < NLU_INTENT_COUNT)
			model_total[e->intent] += e->count;
		if (i == 0 || e->hash != prev)
			model_vocab++;
		prev = e->hash;
	}
}

static uint32_t model_fnv(uint32_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x01000193u;
	}
	return h;
}

#define MODEL_FNV0 0x811C9DC5u

/* Adds the log-likelihood of one feature to ll[]; unseen features count for nothing.
 * True when the feature was seen in training. */
static bool model_add(uint32_t h, double ll[NLU_INTENT_COUNT])
{
	size_t lo = 0, hi = nlu_model_nentries;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (nlu_model_entries[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= nlu_model_nentries || nlu_model_entries[lo].hash != h)
		return false;
	double cnt[NLU_INTENT_COUNT] = { 0 };
	for (size_t i = lo; i < nlu_model_nentries && nlu_model_entries[i].hash == h; i++)
		if (nlu_model_entries[i].intent < NLU_INTENT_COUNT)
			cnt[nlu_model_entries[i].intent] = nlu_model_entries[i].count;
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		ll[k] += log((cnt[k] + MODEL_ALPHA) / (model_total[k] + MODEL_ALPHA * model_vocab));
	return true;
}

static uint32_t model_feature(const char *tag, const char *a, size_t al, const char *b, size_t bl)
{
	uint32_t h = model_fnv(MODEL_FNV0, tag, 2);
	h = model_fnv(h, a, al);
	if (b != NULL) {
		h = model_fnv(h, " ", 1);
		h = model_fnv(h, b, bl);
	}
	return h;
}

/* Next folded word of s from *pos into w (as scripts/train-nlu folds): lower-case ASCII,
 * umlauts spelled out, any other character a separator, a word with a digit "#". */
static size_t model_word(const char *s, size_t n, size_t *pos, char w[MODEL_MAX_WORD + 1])
{
	size_t i = *pos, len = 0;
	bool digit = false, in = false;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *add = NULL;
		char one[2] = { 0, 0 };
		size_t step = 1;
		if (c >= 'A' && c <= 'Z') {
			one[0] = (char)(c - 'A' + 'a');
			add = one;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			one[0] = (char)c;
			add = one;
			digit |= c <= '9' && len < MODEL_MAX_WORD;
		} else if (c == 0xC3 && i + 1 < n) {
			unsigned char d = (unsigned char)s[i + 1];
			step = 2;
			if (d == 0xA4 || d == 0x84)
				add = "ae";
			else if (d == 0xB6 || d == 0x96)
				add = "oe";
			else if (d == 0xBC || d == 0x9C)
				add = "ue";
			else if (d == 0x9F)
				add = "ss";
		}
		if (add == NULL) {
			if (in)
				break;
			i += step;
			continue;
		}
		in = true;
		for (const char *p = add; *p; p++)
			if (len < MODEL_MAX_WORD)
				w[len++] = *p;
		i += step;
	}
	*pos = i;
	if (digit && len > 0) {
		w[0] = '#';
		len = 1;
	}
	w[len] = '\0';
	return len;
}

size_t nlu_model_predict(const char *text, size_t len, enum nlu_expect expect, double p[NLU_INTENT_COUNT])
{
	static const char *const expects[] = { "-", "name", "date", "yesno", "choice", "phone" };
	pthread_once(&model_once, model_prepare);
	double ll[NLU_INTENT_COUNT];
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		ll[k] = nlu_model_docs[k] > 0 ? log(nlu_model_docs[k]) : -1e9;
	const char *ex = (size_t)expect < sizeof(expects) / sizeof(expects[0]) ? expects[expect] : "-";
	model_add(model_feature("x ", ex, strlen(ex), NULL, 0), ll);

	char w[2][MODEL_MAX_WORD + 1];
	size_t wl[2] = { 0, 0 }, pos = 0, nw = 0, known = 0;
	while (nw < MODEL_MAX_WORDS) {
		size_t cur = nw % 2, prev = 1 - cur;
		wl[cur] = model_word(text, len, &pos, w[cur]);
		if (wl[cur] == 0)
			break;
		if (nw > 0)
			model_add(model_feature("b ", w[prev], wl[prev], w[cur], wl[cur]), ll);
		known += model_add(model_feature("w ", w[cur], wl[cur], NULL, 0), ll);
		if (wl[cur] >= 7) {
			model_add(model_feature("p ", w[cur], 5, NULL, 0), ll);
			model_add(model_feature("s ", w[cur] + wl[cur] - 5, 5, NULL, 0), ll);
		}
		nw++;
	}
	double top = ll[0];
	for (size_t k = 1; k < NLU_INTENT_COUNT; k++)
		if (ll[k] > top)
			top = ll[k];
	double sum = 0;
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		sum += p[k] = exp((ll[k] - top) / MODEL_TEMP);
	for (size_t k = 0; k < NLU_INTENT_COUNT; k++)
		p[k] /= sum;
	return known;
}
