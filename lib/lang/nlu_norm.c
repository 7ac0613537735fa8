/* nlu_norm.c: turns what speech recognition heard into folded tokens (case, umlauts, punctuation, fillers, number words). */
#include "nlu_int.h"
#include "utf8.h"

#include <string.h>
#include <strings.h>

/* Latin Extended-A (U+0100..U+017F) folded to ASCII, one letter each. */
static const char norm_latin_a[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
	"nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* Words speech recognition writes for hesitation; they carry nothing. */
static const char *const norm_fillers[] = {
	"aeh", "aehh", "aehm", "aehmm", "aehem", "oeh", "oehm", "oehh", "hm", "hmm", "hmmm", "ehm",
	"ehh", "em", "uhm", "uh", "aeaeh", "aeaehm", NULL,
};

size_t nlu_cut(const char *text, size_t len)
{
	return text == NULL ? 0 : utf8_cut(text, len, TF_MAX_SPEECH);
}

/* Decodes one code point at s[*i]; invalid or cut sequences give U+FFFD and advance one byte. */
static uint32_t norm_utf8(const unsigned char *s, size_t n, size_t *i)
{
	unsigned char c = s[*i];
	uint32_t cp;
	size_t need;
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
	} else {
		(*i)++;
		return 0xFFFD;
	}
	if (n - *i <= need) {
		(*i)++;
		return 0xFFFD;
	}
	for (size_t k = 1; k <= need; k++) {
		unsigned char b = s[*i + k];
		if ((b & 0xC0) != 0x80) {
			(*i)++;
			return 0xFFFD;
		}
		cp = (cp << 6) | (b & 0x3F);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF)) {
		(*i)++;
		return 0xFFFD;
	}
	*i += need + 1;
	return cp;
}

enum norm_class { NORM_SPACE, NORM_LETTER, NORM_RAW, NORM_DIGIT, NORM_APOS, NORM_HYPHEN,
		  NORM_COMMA, NORM_STOP, NORM_QUESTION, NORM_PLUS };

/* Classifies cp; for letters, *fold gets its folded ASCII (1-2 chars). NORM_RAW
 * is a letter of another script, kept as its UTF-8 bytes. */
static enum norm_class norm_class(uint32_t cp, char fold[3])
{
	fold[0] = fold[1] = fold[2] = '\0';
	if (cp >= 'a' && cp <= 'z') {
		fold[0] = (char)cp;
		return NORM_LETTER;
	}
	if (cp >= 'A' && cp <= 'Z') {
		fold[0] = (char)(cp - 'A' + 'a');
		return NORM_LETTER;
	}
	if (cp >= '0' && cp <= '9')
		return NORM_DIGIT;
	switch (cp) {
	case '\'': case '`': case 0xB4: case 0x2019: case 0x2018:
		return NORM_APOS;
	case '-': case 0x2010: case 0x2011:
		return NORM_HYPHEN;
	case ',':
		return NORM_COMMA;
	case '.': case '!': case ';': case 0x2026:
		return NORM_STOP;
	case '?':
		return NORM_QUESTION;
	case '+':
		return NORM_PLUS;
	case 0xC4: case 0xE4: memcpy(fold, "ae", 2); return NORM_LETTER;
	case 0xD6: case 0xF6: memcpy(fold, "oe", 2); return NORM_LETTER;
	case 0xDC: case 0xFC: memcpy(fold, "ue", 2); return NORM_LETTER;
	case 0xDF: case 0x1E9E: memcpy(fold, "ss", 2); return NORM_LETTER;
	case 0xC6: case 0xE6: memcpy(fold, "ae", 2); return NORM_LETTER;
	case 0xDE: case 0xFE: memcpy(fold, "th", 2); return NORM_LETTER;
	default:
		break;
	}
	if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) {
		static const char latin1[] = "aaaaaaaceeeeiiiidnooooo_ouuuuy_";
		uint32_t k = (cp & 0xDF) - 0xC0;   /* upper and lower case share a letter */
		fold[0] = latin1[k];
		if (cp == 0xFF)
			fold[0] = 'y';
		return NORM_LETTER;
	}
	if (cp >= 0x100 && cp <= 0x17F) {
		fold[0] = norm_latin_a[cp - 0x100];
		return NORM_LETTER;
	}
	if (cp < 0x100 || cp == 0xFFFD || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFE00 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF65))
		return NORM_SPACE;
	return NORM_RAW;
}

/* ---- number words ---- */

struct norm_num {
	const char *w;
	int v;
};

static const struct norm_num norm_small[] = {
	{ "null", 0 }, { "eins", 1 }, { "zwei", 2 }, { "zwo", 2 }, { "drei", 3 }, { "vier", 4 },
	{ "fuenf", 5 }, { "sechs", 6 }, { "sieben", 7 }, { "acht", 8 }, { "neun", 9 }, { "zehn", 10 },
	{ "elf", 11 }, { "zwoelf", 12 }, { "dreizehn", 13 }, { "vierzehn", 14 }, { "fuenfzehn", 15 },
	{ "sechzehn", 16 }, { "sechszehn", 16 }, { "siebzehn", 17 }, { "siebenzehn", 17 },
	{ "achtzehn", 18 }, { "neunzehn", 19 }, { "zwanzig", 20 }, { "dreissig", 30 }, { "dreizig", 30 }, { "dreisig", 30 },
	{ "oans", 1 }, { "zwoa", 2 }, { "neine", 9 },
	{ "vierzig", 40 }, { "fuenfzig", 50 }, { "sechzig", 60 }, { "sechszig", 60 }, { "siebzig", 70 },
	{ "siebenzig", 70 }, { "achtzig", 80 }, { "neunzig", 90 }, { NULL, 0 },
};

/* Units as they stand in front of "und" or "hundert": "ein", not "eins". */
static const struct norm_num norm_units[] = {
	{ "ein", 1 }, { "zwei", 2 }, { "drei", 3 }, { "vier", 4 }, { "fuenf", 5 }, { "sechs", 6 },
	{ "sieben", 7 }, { "acht", 8 }, { "neun", 9 }, { NULL, 0 },
};

static int norm_lookup(const struct norm_num *t, const char *s, size_t n)
{
	for (; t->w != NULL; t++)
		if (strlen(t->w) == n && memcmp(t->w, s, n) == 0)
			return t->v;
	return -1;
}

static int norm_below100(const char *s, size_t n)
{
	int v = norm_lookup(norm_small, s, n);
	if (v >= 0)
		return v;
	for (const struct norm_num *u = norm_units; u->w != NULL; u++) {
		size_t ul = strlen(u->w);
		if (n > ul + 3 && memcmp(s, u->w, ul) == 0 && memcmp(s + ul, "und", 3) == 0) {
			int t = norm_lookup(norm_small, s + ul + 3, n - ul - 3);
			if (t >= 20 && t % 10 == 0)
				return t + u->v;
		}
	}
	return -1;
}

/* Finds "what" in s[0..n); index or -1. */
static long norm_find(const char *s, size_t n, const char *what)
{
	size_t wl = strlen(what);
	for (size_t i = 0; i + wl <= n; i++)
		if (memcmp(s + i, what, wl) == 0)
			return (long)i;
	return -1;
}

static int norm_below1000(const char *s, size_t n)
{
	long h = norm_find(s, n, "hundert");
	if (h < 0)
		return norm_below100(s, n);
	int mult = 1;
	if (h > 0) {
		mult = norm_lookup(norm_units, s, (size_t)h);
		if (mult < 0)
			return -1;
	}
	size_t rest = (size_t)h + 7;
	if (rest == n)
		return mult * 100;
	if (n - rest > 3 && memcmp(s + rest, "und", 3) == 0)
		rest += 3;
	int r = norm_below100(s + rest, n - rest);
	if (r < 1)
		return -1;
	return mult * 100 + r;
}

static int norm_cardinal(const char *s, size_t n)
{
	if (n == 0)
		return -1;
	long t = norm_find(s, n, "tausend");
	if (t < 0)
		return norm_below1000(s, n);
	int mult = 1;
	if (t > 0 && !((size_t)t == 3 && memcmp(s, "ein", 3) == 0)) {
		mult = norm_below1000(s, (size_t)t);
		if (mult < 1)
			return -1;
	}
	size_t rest = (size_t)t + 7;
	if (rest == n)
		return mult * 1000;
	if (n - rest > 3 && memcmp(s + rest, "und", 3) == 0)
		rest += 3;
	int r = norm_below1000(s + rest, n - rest);
	if (r < 1)
		return -1;
	return mult * 1000 + r;
}

static bool norm_ends(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n > k && memcmp(s + n - k, suf, k) == 0;
}

/* Swiss "am vieri", "am halbi drü": an hour as the Swiss say it, 2..12, or -1. */
static int norm_swiss_hour(const char *w, size_t n)
{
	static const char *const swiss[] = {
		"zwoei", "drue", "vieri", "fuefi", "saechsi", "sibni", "achti", "nueni", "zaeni", "elfi", "zwoelfi", NULL,
	};
	for (int k = 0; swiss[k] != NULL; k++)
		if (strlen(swiss[k]) == n && memcmp(w, swiss[k], n) == 0)
			return k + 2;
	return -1;
}

bool nlu_numword(const char *w, size_t n, int *val, bool *ord)
{
	static const char *const st[] = { "sten", "ster", "stes", "stem", "ste", NULL };
	static const char *const te[] = { "ten", "ter", "tes", "tem", "te", "ta", NULL };   /* (Bavarian "zwölfta") */
	if (n == 0 || n > NLU_MAX_WORD)
		return false;
	int v = norm_cardinal(w, n);
	if (v >= 0 && !(n == 3 && memcmp(w, "ein", 3) == 0)) {
		*val = v;
		*ord = false;
		return true;
	}
	for (int k = 0; st[k] != NULL; k++) {
		if (!norm_ends(w, n, st[k]))
			continue;
		v = norm_cardinal(w, n - strlen(st[k]));
		if (v >= 20) {
			*val = v;
			*ord = true;
			return true;
		}
	}
	for (int k = 0; te[k] != NULL; k++) {
		if (!norm_ends(w, n, te[k]))
			continue;
		size_t b = n - strlen(te[k]);
		if ((b == 3 && memcmp(w, "ers", 3) == 0) || (b == 5 && memcmp(w, "ersch", 5) == 0))
			v = 1;   /* ("des erschte": the south's "erste") */
		else if (b == 4 && memcmp(w, "drit", 4) == 0)
			v = 3;
		else if (b == 4 && memcmp(w, "sieb", 4) == 0)
			v = 7;
		else if (b == 3 && memcmp(w, "ach", 3) == 0)
			v = 8;
		else
			v = norm_cardinal(w, b);
		if (v >= 1 && v <= 19) {
			*val = v;
			*ord = true;
			return true;
		}
	}
	v = norm_swiss_hour(w, n);
	if (v > 0) {
		*val = v;
		*ord = false;
		return true;
	}
	/* southern "um zehne", "gegen neune", "viertel elfe": an hour with an "-e" */
	if (n >= 4 && w[n - 1] == 'e' && !(n == 4 && memcmp(w, "eine", 4) == 0)) {
		v = norm_cardinal(w, n - 1);
		if (v >= 2 && v <= 12) {
			*val = v;
			*ord = false;
			return true;
		}
	}
	return false;
}

/* ---- tokens ---- */

static const char *const norm_weekdays[] = {
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", NULL,
};

int nlu_weekday(const char *w)
{
	size_t n = strlen(w);
	for (int i = 0; norm_weekdays[i] != NULL; i++) {
		size_t k = strlen(norm_weekdays[i]);
		if (strncmp(w, norm_weekdays[i], k) == 0 && (n == k || (n == k + 1 && w[k] == 's')))
			return i;
	}
	if (strcmp(w, "sonnabend") == 0 || strcmp(w, "sonnabends") == 0)
		return 5;
	return -1;
}

int nlu_month(const char *w)
{
	static const char *const m[] = {
		"januar", "februar", "maerz", "april", "mai", "juni", "juli", "august", "september",
		"oktober", "november", "dezember", NULL,
	};
	for (int i = 0; m[i] != NULL; i++)
		if (strcmp(w, m[i]) == 0)
			return i + 1;
	if (strcmp(w, "jaenner") == 0 || strcmp(w, "jenner") == 0)
		return 1;
	if (strcmp(w, "feber") == 0)
		return 2;
	if (strcmp(w, "marz") == 0)
		return 3;
	if (strcmp(w, "juno") == 0)
		return 6;
	if (strcmp(w, "julei") == 0)
		return 7;
	return 0;
}

/* Appends a token with word w[0..n) to tk; false when full. */
static bool norm_push(struct nlu_toks *tk, const char *w, size_t n, size_t off, size_t end)
{
	if (tk->n >= NLU_MAX_TOKENS || n == 0)
		return false;
	if (n > NLU_MAX_WORD)
		n = NLU_MAX_WORD;
	if (tk->used + n + 1 > sizeof(tk->buf))
		return false;
	char *dst = tk->buf + tk->used;
	memcpy(dst, w, n);
	dst[n] = '\0';
	tk->used += n + 1;
	struct nlu_tok *t = &tk->t[tk->n++];
	memset(t, 0, sizeof(*t));
	t->w = dst;
	t->len = (uint16_t)n;
	t->off = (uint16_t)off;
	t->end = (uint16_t)end;
	t->num = -1;
	int v;
	bool ord;
	if (nlu_numword(dst, n, &v, &ord)) {
		t->flags |= NLU_TOK_NUM | (ord ? NLU_TOK_ORD : 0);
		t->num = v;
	}
	return true;
}

/* Words whose second half the rest of the understanding wants alone. */
static const char *const norm_tails[] = {
	"morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht", "frueh", NULL,
};

/* Splits "dienstagnachmittag" and "vormittagstermin" in two tokens. */
static bool norm_split(struct nlu_toks *tk, const char *w, size_t n, size_t off, size_t end)
{
	char head[NLU_MAX_WORD + 1];
	for (int i = 0; norm_weekdays[i] != NULL; i++) {
		size_t k = strlen(norm_weekdays[i]);
		if (n <= k + 3 || memcmp(w, norm_weekdays[i], k) != 0)
			continue;
		size_t tl = n - k, link = w[k] == 's' ? 1 : 0;   /* "dienstagsnachmittags" */
		const char *tail = w + k + link;
		tl -= link;
		if (tail[tl - 1] == 's')
			tl--;
		for (int j = 0; norm_tails[j] != NULL; j++)
			if (strlen(norm_tails[j]) == tl && memcmp(tail, norm_tails[j], tl) == 0) {
				norm_push(tk, w, k + link, off, end);
				norm_push(tk, tail, n - k - link, off, end);
				return true;
			}
	}
	/* "nächste wochemontag": the week and its day run together */
	for (size_t k = 5; k <= 6 && k + 6 <= n && n - k < sizeof(head); k++) {
		if (memcmp(w, "wochen", k) != 0)
			continue;
		memcpy(head, w + k, n - k);
		head[n - k] = '\0';
		if (nlu_weekday(head) < 0)
			continue;
		norm_push(tk, "woche", 5, off, end);
		norm_push(tk, w + k, n - k, off, end);
		return true;
	}
	/* "Januarwoche" is the "Woche im Januar"; "zum Monatsersten" the "Ersten" */
	for (size_t k = 6; k + 5 <= n && k < sizeof(head); k++) {
		if (memcmp(w + k, "woche", 5) != 0 || (n != k + 5 && !(n == k + 6 && w[n - 1] == 'n')))
			continue;
		memcpy(head, w, k);
		head[k] = '\0';
		if (nlu_month(head) == 0)
			break;
		norm_push(tk, "woche", 5, off, end);
		norm_push(tk, "im", 2, off, end);
		norm_push(tk, head, k, off, end);
		return true;
	}
	if (n == 12 && memcmp(w, "monatsersten", 12) == 0) {
		norm_push(tk, "ersten", 6, off, end);
		return true;
	}
	static const char *const term[] = { "terminen", "termine", "termin", NULL };
	for (int i = 0; term[i] != NULL; i++) {
		size_t k = strlen(term[i]);
		if (n <= k + 3 || memcmp(w + n - k, term[i], k) != 0)
			continue;
		size_t hl = n - k;
		memcpy(head, w, hl);
		head[hl] = '\0';
		if (head[hl - 1] == 's')
			head[--hl] = '\0';
		bool known = nlu_weekday(head) >= 0;
		for (int j = 0; !known && norm_tails[j] != NULL; j++)
			known = strcmp(head, norm_tails[j]) == 0;
		if (known) {
			norm_push(tk, head, hl, off, end);
			norm_push(tk, w + n - k, k, off, end);
			return true;
		}
	}
	return false;
}

static void norm_word(struct nlu_toks *tk, const char *w, size_t n, size_t off, size_t end)
{
	for (int i = 0; norm_fillers[i] != NULL; i++)
		if (strlen(norm_fillers[i]) == n && memcmp(w, norm_fillers[i], n) == 0)
			return;
	/* "m-ü-l-l-e-r": letters spelled with hyphens become the word. */
	size_t parts = 1, run = 0, longest = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '-') {
			parts++;
			run = 0;
		} else if (++run > longest) {
			longest = run;
		}
	}
	if (parts >= 3 && longest <= 2) {
		char joined[NLU_MAX_WORD + 1];
		size_t jl = 0;
		for (size_t i = 0; i < n; i++)
			if (w[i] != '-')
				joined[jl++] = w[i];
		if (norm_push(tk, joined, jl, off, end))
			tk->t[tk->n - 1].flags |= NLU_TOK_LETTER;
		return;
	}
	if (n <= NLU_MAX_WORD && norm_split(tk, w, n, off, end))
		return;
	/* "abzusagen", "zurückzurufen", "vorbeizukommen": the "zu" inside a separable verb
	 * goes, so the verb is the one the rest knows ("absagen") */
	static const char *const sep[] = {
		"vorbei", "zurueck", "wieder", "ab", "an", "auf", "aus", "ein", "mit", "nach", "um", "vor", "weg",
		"her", "hin", "rein", "raus", "fest", "frei", NULL,
	};
	for (int i = 0; sep[i] != NULL && n <= NLU_MAX_WORD; i++) {
		size_t k = strlen(sep[i]);
		if (n < k + 6 || memcmp(w, sep[i], k) != 0 || memcmp(w + k, "zu", 2) != 0 || w[n - 1] != 'n' ||
		    (w[n - 2] != 'e' && w[n - 2] != 'r' && w[n - 2] != 'l'))
			continue;
		char verb[NLU_MAX_WORD + 1];
		memcpy(verb, w, k);
		memcpy(verb + k, w + k + 2, n - k - 2);
		norm_push(tk, verb, n - 2, off, end);
		return;
	}
	norm_push(tk, w, n, off, end);
}

static bool norm_isdigit(const unsigned char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Reads up to max digits at s[*i]; returns their value and count in *nd. */
static int norm_digits(const unsigned char *s, size_t n, size_t *i, int max, int *nd)
{
	int v = 0;
	*nd = 0;
	while (norm_isdigit(s, n, *i) && *nd < max) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		(*nd)++;
	}
	return v;
}

/* A digit run at s[start..]: plain number, "14:30", "3.12.2026", "3." or "3ten". */
static size_t norm_number(struct nlu_toks *tk, const unsigned char *s, size_t n, size_t start, bool plus)
{
	char digits[32];
	size_t i = start, nd = 0;
	while (norm_isdigit(s, n, i)) {
		if (nd < sizeof(digits) - 1)
			digits[nd++] = (char)s[i];
		i++;
	}
	digits[nd] = '\0';
	int value = -1;
	if (nd <= 9) {
		value = 0;
		for (size_t k = 0; k < nd; k++)
			value = value * 10 + (digits[k] - '0');
	}
	uint16_t flags = NLU_TOK_DIGITS | (value >= 0 ? NLU_TOK_NUM : 0) | (plus ? NLU_TOK_PLUS : 0);
	int num2 = 0, num3 = 0;
	if (nd <= 2 && i < n && s[i] == ':' && norm_isdigit(s, n, i + 1) && norm_isdigit(s, n, i + 2) &&
	    !norm_isdigit(s, n, i + 3)) {
		int m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
		if (value <= 24 && m <= 59) {
			flags |= NLU_TOK_CLOCK;
			num2 = m;
			i += 3;
		}
	} else if (nd <= 2 && i < n && s[i] == '.' && norm_isdigit(s, n, i + 1)) {
		size_t j = i + 1;
		int md;
		int m = norm_digits(s, n, &j, 2, &md);
		if (!norm_isdigit(s, n, j)) {
			bool dot = j < n && s[j] == '.';
			int year = 0, yd = 0;
			size_t k = dot ? j + 1 : j;
			if (dot && norm_isdigit(s, n, k)) {
				year = norm_digits(s, n, &k, 4, &yd);
				if (norm_isdigit(s, n, k) || (yd != 2 && yd != 4))
					yd = -1;
				else if (yd == 2)
					year += 2000;
			}
			if (value >= 1 && value <= 31 && m >= 1 && m <= 12 && yd >= 0) {
				flags |= NLU_TOK_DATE | (dot ? NLU_TOK_DOT : 0);
				num2 = m;
				num3 = year;
				i = yd > 0 ? k : (dot ? j + 1 : j);
			} else if (value <= 24 && md == 2 && m <= 59 && !dot) {
				flags |= NLU_TOK_CLOCK;
				num2 = m;
				i = j;
			}
		}
	} else if (nd == 4 && i + 5 < n && s[i] == '-' && norm_isdigit(s, n, i + 1) && norm_isdigit(s, n, i + 2) &&
		   s[i + 3] == '-' && norm_isdigit(s, n, i + 4) && norm_isdigit(s, n, i + 5) && !norm_isdigit(s, n, i + 6)) {
		int m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0'), d = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
		if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {   /* "2026-12-04" */
			flags |= NLU_TOK_DATE | NLU_TOK_DOT;
			num3 = value;
			num2 = m;
			value = d;
			i += 6;
		}
	} else if (nd <= 2 && i < n && (s[i] == 'h' || s[i] == 'H') && norm_isdigit(s, n, i + 1) &&
		   norm_isdigit(s, n, i + 2) && !norm_isdigit(s, n, i + 3)) {
		int m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');   /* "18h30" */
		if (value <= 24 && m <= 59) {
			flags |= NLU_TOK_CLOCK;
			num2 = m;
			i += 3;
		}
	} else if (i < n && s[i] == '.' && !norm_isdigit(s, n, i + 1)) {
		flags |= NLU_TOK_ORD;
		i++;
	} else if (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
		static const char *const suf[] = { "sten", "ster", "stes", "ste", "ten", "ter", "tes", "tem",
						   "te", NULL };
		size_t j = i;
		while (j < n && j - i < 8 && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
			j++;
		bool wordend = j >= n || !((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'));
		for (int k = 0; wordend && suf[k] != NULL; k++)
			if (strlen(suf[k]) == j - i && strncasecmp((const char *)s + i, suf[k], j - i) == 0) {
				flags |= NLU_TOK_ORD;
				i = j;
				break;
			}
	}
	if (norm_push(tk, digits, nd, start, i)) {
		struct nlu_tok *t = &tk->t[tk->n - 1];
		t->flags = flags;
		t->num = value;
		t->num2 = num2;
		t->num3 = num3;
	}
	return i;
}

/* Is t one spelled letter: a single code point of the source, no number? */
static bool norm_letter_tok(const struct nlu_toks *tk, const struct nlu_tok *t)
{
	size_t span = (size_t)(t->end - t->off);
	if (t->flags & NLU_TOK_NUM)
		return false;
	return (span == 1 && t->len == 1) ||
	       (span == 2 && ((unsigned char)tk->src[t->off] & 0xE0) == 0xC0 && t->len <= 2);
}

/* Joins runs of three or more spelled letters into one word ("m ü l l e r"). */
/* A letter said by its name ("ka", "we", "zet", "ypsilon"): the letter, or 0. */
static char norm_letter_name(const struct nlu_tok *t)
{
	static const struct {
		const char *name;
		char letter;
	} names[] = {
		{ "be", 'b' }, { "ce", 'c' }, { "tse", 'c' }, { "de", 'd' }, { "ef", 'f' }, { "ge", 'g' }, { "ha", 'h' },
		{ "jot", 'j' }, { "ka", 'k' }, { "el", 'l' }, { "em", 'm' }, { "en", 'n' }, { "pe", 'p' }, { "ku", 'q' },
		{ "er", 'r' }, { "es", 's' }, { "te", 't' }, { "vau", 'v' }, { "we", 'w' }, { "ix", 'x' },
		{ "ypsilon", 'y' }, { "zet", 'z' }, { "zett", 'z' },
	};
	if (t->flags & (NLU_TOK_NUM | NLU_TOK_DIGITS))
		return 0;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (strlen(names[k].name) == t->len && memcmp(t->w, names[k].name, t->len) == 0)
			return names[k].letter;
	return 0;
}

/* Is token i a letter said with its word of the spelling alphabet ("m wie Martha", "ü wie
 * Übermut", "ka wie Kaufmann")? */
static size_t norm_spelt_with_word(const struct nlu_toks *tk, size_t i)
{
	if (i + 2 >= tk->n || strcmp(tk->t[i + 1].w, "wie") != 0)
		return 0;
	const struct nlu_tok *l = &tk->t[i], *w = &tk->t[i + 2];
	/* ("ü wie Umlaut-Unna": the umlaut named by its vowel's word) */
	size_t n = 3;
	if (strcmp(w->w, "umlaut") == 0 && i + 3 < tk->n && l->len == 2 && l->w[1] == 'e') {
		w = &tk->t[i + 3];
		n = 4;
		if (w->w[0] != l->w[0])
			return 0;
	}
	if ((w->flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_CLOCK | NLU_TOK_DATE)) || w->len < 3)
		return 0;
	if (norm_letter_tok(tk, l))
		return n == 4 || (w->len > l->len && memcmp(w->w, l->w, l->len) == 0) ? n : 0;
	char c = norm_letter_name(l);
	return c != 0 && w->w[0] == c ? n : 0;
}

/* "m wie Martha, a wie Anton, y wie Ypsilon ...": a name spelt with the spelling alphabet
 * keeps its letters; the words that explain them go. Two letters or more in a row, so
 * that a single "ö wie Ötzi" stays the hint it is. */
static void norm_spelling_alphabet(struct nlu_toks *tk)
{
	size_t out = 0;
	for (size_t i = 0; i < tk->n;) {
		size_t j = i, groups = 0, g;
		while ((g = norm_spelt_with_word(tk, j)) > 0) {
			j += g;
			groups++;
		}
		if (groups < 2) {
			tk->t[out++] = tk->t[i++];
			continue;
		}
		for (size_t k = i, g2; k < j; k += g2) {
			struct nlu_tok t = tk->t[k];
			g2 = norm_spelt_with_word(tk, k);
			t.flags |= tk->t[k + g2 - 1].flags & (NLU_TOK_COMMA | NLU_TOK_STOP);
			/* the umlaut as said, so the name joined from the letters shows it ("Lüders"): its two
			 * bytes take the place of the folded pair in the token's own room in buf */
			if (norm_letter_tok(tk, &t) && t.len == 2 && t.end - t.off == 2 && t.w >= tk->buf &&
			    t.w + 3 <= tk->buf + sizeof(tk->buf))
				memcpy((char *)t.w, tk->src + t.off, 2);
			tk->t[out++] = t;
		}
		i = j;
	}
	tk->n = out;
}

/* Runs of letters become one word: "m ü l l e r", and "ka o we a el zet ..." as
 * letters are named (a run with named letters needs four, since "es", "er" and "de"
 * are words too, and one letter said alone). */
static void norm_join_letters(struct nlu_toks *tk)
{
	size_t out = 0;
	for (size_t i = 0; i < tk->n;) {
		size_t j = i, named = 0, single = 0;
		for (; j < tk->n; j++) {
			if (norm_letter_tok(tk, &tk->t[j]))
				single++;
			else if (norm_letter_name(&tk->t[j]) != 0)
				named++;
			else
				break;
		}
		/* (a spelling that goes on after "o wie Wilhelm" is letters of a word said
		 * before, not a word of its own) */
		bool goes_on = (i >= 2 && strcmp(tk->t[i - 2].w, "wie") == 0) ||
			       (i >= 3 && strcmp(tk->t[i - 3].w, "wie") == 0);
		if (j - i < 3 || (named > 0 && (j - i < 4 || single == 0 || goes_on))) {
			tk->t[out++] = tk->t[i++];
			continue;
		}
		char w[NLU_MAX_WORD + 1];
		size_t wl = 0;
		for (size_t k = i; k < j && wl + tk->t[k].len <= NLU_MAX_WORD; k++) {
			char c = norm_letter_tok(tk, &tk->t[k]) ? 0 : norm_letter_name(&tk->t[k]);
			if (c != 0) {
				w[wl++] = c;
				continue;
			}
			memcpy(w + wl, tk->t[k].w, tk->t[k].len);
			wl += tk->t[k].len;
		}
		w[wl] = '\0';
		/* The letters were written one after the other into buf, each with its
		 * NUL, so the joined word fits where the first one starts. */
		char *dst = (char *)tk->t[i].w;
		memcpy(dst, w, wl + 1);
		struct nlu_tok t = tk->t[i];
		t.w = dst;
		t.len = (uint16_t)wl;
		t.end = tk->t[j - 1].end;
		t.flags = NLU_TOK_LETTER | (tk->t[j - 1].flags & (NLU_TOK_COMMA | NLU_TOK_STOP));
		tk->t[out++] = t;
		i = j;
	}
	tk->n = out;
}

/* ---- spelling of day and time words ---- */

/* Day and time words as the rest of the understanding knows them; speech recognition and
 * dialect bend them ("montach", "mitwoch", "samschdag", "nachmiddach", "mit woch"). */
static const char *const norm_time_words[] = {
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "montags", "dienstags",
	"mittwochs", "donnerstags", "freitags", "samstags", "sonntags", "vormittag", "vormittags", "nachmittag",
	"nachmittags", "wochenende", "uebermorgen", "januar", "februar", "september", "oktober", "november", "dezember",
	NULL,
};

/* Dialect forms too short or too far off for the edit distance. */
static const struct {
	const char *from, *to;
} norm_variants[] = {
	{ "zischtig", "dienstag" }, { "ziischtig", "dienstag" }, { "namittag", "nachmittag" },
	{ "nammittag", "nachmittag" }, { "fruah", "frueh" }, { "morge", "morgen" }, { "woch", "woche" },
	{ "halp", "halb" }, { "fruehe", "frueh" }, { "friah", "frueh" }, { "maentig", "montag" }, { "mentig", "montag" },
	{ "maendig", "montag" }, { "mendig", "montag" }, { "donnschtig", "donnerstag" }, { "dunnschtig", "donnerstag" }, { "donnschdig", "donnerstag" },
	{ "heit", "heute" }, { "morgn", "morgen" }, { "moang", "morgen" },
	{ "naegschte", "naechste" }, { "naegschti", "naechste" }, { "naechschte", "naechste" },
	{ "naechschten", "naechsten" }, { "naechsde", "naechste" }, { "naechsden", "naechsten" }, { "heid", "heute" }, { "hoid", "heute" },
	{ "morsche", "morgen" }, { "moagn", "morgen" }, { "fria", "frueh" }, { "morche", "morgen" },
	{ "moije", "morgen" }, { "morje", "morgen" }, { "muarn", "morgen" }, { "morng", "morgen" },
	{ "iwwermorsche", "uebermorgen" },
	{ "zischdig", "dienstag" }, { "zeischdig", "dienstag" }, { "ziischdig", "dienstag" }, { "iada", "dienstag" },
	{ "irta", "dienstag" }, { "ertag", "dienstag" }, { "pfinsta", "donnerstag" }, { "pfinztag", "donnerstag" },
	{ "dunnersdag", "donnerstag" }, { "duennersdag", "donnerstag" }, { "moda", "montag" }, { "sonnda", "sonntag" },
	{ "sunnda", "sonntag" }, { "nammidag", "nachmittag" }, { "nammidog", "nachmittag" }, { "nomitag", "nachmittag" },
	{ "nomittag", "nachmittag" }, { "nammitag", "nachmittag" }, { "obends", "abends" }, { "obnds", "abends" },
	{ "obend", "abend" }, { "froeh", "frueh" }, { "ente", "ende" },
	/* the greeting, so its "Abend" is no time: "gudn Abend" */
	{ "gudn", "guten" }, { "gutn", "guten" }, { "guden", "guten" },
	/* the quarter: "vir tel nach vier" */
	{ "virtel", "viertel" }, { "fiertel", "viertel" }, { "iwwermorche", "uebermorgen" }, { "iwwermorje", "uebermorgen" },
};

/* Day words Rhineland and Berlin say with "j" for "g" ("morjen", "jestern", "übermorjen"). */
static const char *const norm_g_words[] = {
	"morgen", "morgens", "gestern", "vorgestern", "uebermorgen", NULL,
};

/* Words only a join of two makes right ("über nächsten" is "übernächsten"). */
static const char *const norm_join_words[] = {
	"uebernaechste", "uebernaechsten", "uebernaechster", "uebernaechstes", "vorgestern",
	/* feasts heard in two ("himmel fahrt", "fron leichnam") */
	"himmelfahrt", "fronleichnam", "pfingsten", "weihnachten", "silvester", "heiligabend", "rosenmontag",
	"neujahr", "brueckentag", "morgen", NULL,
};

/* Swabian "schd" for "st" ("Silveschder", "nächschde Woch"): the word w[0..n) stands for
 * with "st", when that is a day, time or feast word, or NULL. */
static const char *norm_schd_word(const char *w, size_t n)
{
	static const char *const more[] = { "naechste", "naechsten", "letzte", "letzten", "erste", "ersten", NULL };
	char b[NLU_MAX_WORD + 1];
	size_t bl = 0;
	bool found = false;
	for (size_t i = 0; i < n && bl < NLU_MAX_WORD; i++) {
		if (i + 4 <= n && memcmp(w + i, "schd", 4) == 0) {
			b[bl++] = 's';
			b[bl++] = 't';
			i += 3;
			found = true;
		} else {
			b[bl++] = w[i];
		}
	}
	if (!found)
		return NULL;
	const char *const *lists[] = { norm_time_words, norm_join_words, more };
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (int k = 0; lists[l][k] != NULL; k++)
			if (strlen(lists[l][k]) == bl && memcmp(lists[l][k], b, bl) == 0)
				return lists[l][k];
	return NULL;
}

/* Levenshtein distance of a and b when at most 1, else 2. */
static int norm_dist1(const char *a, size_t al, const char *b, size_t bl)
{
	if (al > bl + 1 || bl > al + 1)
		return 2;
	size_t i = 0;
	while (i < al && i < bl && a[i] == b[i])
		i++;
	if (i == al && i == bl)
		return 0;
	/* one substitution, deletion or insertion at i, the rest equal */
	if (al == bl)
		return memcmp(a + i + 1, b + i + 1, al - i - 1) == 0 ? 1 : 2;
	if (al > bl)
		return memcmp(a + i + 1, b + i, bl - i) == 0 ? 1 : 2;
	return memcmp(a + i, b + i + 1, al - i) == 0 ? 1 : 2;
}

/* Levenshtein distance of a and b, counted up to 3 (words of at most NLU_MAX_WORD letters). */
static int norm_dist(const char *a, size_t al, const char *b, size_t bl)
{
	int row[NLU_MAX_WORD + 2];
	if (al > NLU_MAX_WORD || bl > NLU_MAX_WORD || (al > bl ? al - bl : bl - al) > 2)
		return 3;
	for (size_t j = 0; j <= bl; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= al; i++) {
		int diag = row[0], low = (int)i;
		row[0] = (int)i;
		for (size_t j = 1; j <= bl; j++) {
			int up = row[j], v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < low)
				low = v;
		}
		if (low >= 3)
			return 3;
	}
	return row[bl] < 3 ? row[bl] : 3;
}

/* "morjen", "jestern": w with its "j" read as "g" when that makes a day word, else NULL. */
static const char *norm_g_word(const char *w, size_t n)
{
	char b[NLU_MAX_WORD + 1];
	if (n > NLU_MAX_WORD || memchr(w, 'j', n) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		b[i] = w[i] == 'j' ? 'g' : w[i];
	for (int k = 0; norm_g_words[k] != NULL; k++) {
		const char *t = norm_g_words[k];
		if (strlen(t) == n && memcmp(b, t, n) == 0)
			return t;
		if (strlen(t) == n + 1 && t[n - 1] == 'e' && t[n] == 'n' && memcmp(b, t, n - 1) == 0 && b[n - 1] == 'n')
			return t;   /* "morjn" */
	}
	return NULL;
}

/* w[0..n) with soft and hard consonants made one ("d" as "t", "b" as "p", "g" as "k") and
 * doubled letters single, into out (n + 1 bytes): its length. */
static size_t norm_soften(const char *w, size_t n, char *out)
{
	size_t l = 0;
	for (size_t i = 0; i < n; i++) {
		char c = w[i] == 'd' ? 't' : w[i] == 'b' ? 'p' : w[i] == 'g' ? 'k' : w[i];
		if (l == 0 || out[l - 1] != c)
			out[l++] = c;
	}
	out[l] = '\0';
	return l;
}

/* Hessian and Saxon speech softens hard consonants ("friddach", "middwoch", "nochmiddag"): the
 * time word w[0..n) is at most one edit away from when both are softened, with the same first
 * letter, or NULL. */
static const char *norm_soft_word(const char *w, size_t n)
{
	char a[NLU_MAX_WORD + 8], b[NLU_MAX_WORD + 8];
	if (n > NLU_MAX_WORD + 4)
		return NULL;
	size_t al = norm_soften(w, n, a);
	for (int k = 0; norm_time_words[k] != NULL; k++) {
		const char *t = norm_time_words[k];
		size_t bl = norm_soften(t, strlen(t), b);
		if (a[0] == b[0] && norm_dist1(a, al, b, bl) <= 1)
			return t;
	}
	return NULL;
}

/* The day or time word w[0..n) stands for, or NULL: itself, a dialect form ("-tach",
 * "-daach", "-dig" for "-tag", "schd" for "st", "j" for "g"), or one edit away from one of
 * norm_time_words, soft consonants taken for hard ones (norm_soft_word). */
static const char *norm_time_word(const char *w, size_t n)
{
	static const char *const ends[] = { "daach", "taach", "tach", "tich", "dach", "dag", "tig", "dig", "tag", NULL };
	char b[NLU_MAX_WORD + 8];
	if (n < 4 || n > NLU_MAX_WORD)
		return NULL;
	for (size_t k = 0; k < sizeof(norm_variants) / sizeof(norm_variants[0]); k++)
		if (strlen(norm_variants[k].from) == n && memcmp(w, norm_variants[k].from, n) == 0)
			return norm_variants[k].to;
	const char *g = norm_g_word(w, n);
	if (g == NULL)
		g = norm_schd_word(w, n);
	if (g != NULL)
		return g;
	memcpy(b, w, n);
	size_t bl = n;
	bool s = b[bl - 1] == 's';
	for (int k = 0; ends[k] != NULL; k++) {
		size_t el = strlen(ends[k]), stem = bl - (s ? 1 : 0);
		if (stem > el + 2 && memcmp(b + stem - el, ends[k], el) == 0) {
			bl = stem - el;
			if (bl > 3 && memcmp(b + bl - 3, "sch", 3) == 0)
				bl -= 2;   /* "samschdag" */
			memcpy(b + bl, s ? "tags" : "tag", s ? 4 : 3);
			bl += s ? 4 : 3;
			break;
		}
	}
	for (int k = 0; norm_time_words[k] != NULL; k++) {
		const char *t = norm_time_words[k];
		size_t tl = strlen(t);
		int d = norm_dist1(b, bl, t, tl);
		if (d == 0 || (d == 1 && bl >= 6 && b[0] == t[0]))
			return t;
	}
	return bl >= 6 ? norm_soft_word(b, bl) : NULL;
}

/* Two words recognition split ("don ersttag", "über nächsten"): the day word they make
 * together, or NULL. Long words may be two letters off when their first two letters agree. */
static const char *norm_joined_word(const char *j, size_t n)
{
	const char *c = norm_time_word(j, n);
	if (c != NULL)
		return strlen(c) >= 6 ? c : NULL;
	for (int k = 0; norm_join_words[k] != NULL; k++)
		if (strlen(norm_join_words[k]) == n && memcmp(j, norm_join_words[k], n) == 0)
			return norm_join_words[k];
	for (int k = 0; n >= 8 && norm_time_words[k] != NULL; k++) {
		const char *t = norm_time_words[k];
		size_t tl = strlen(t);
		if (tl >= 9 && j[0] == t[0] && j[1] == t[1] && norm_dist(j, n, t, tl) <= 2)
			return t;
	}
	return NULL;
}

/* Is w a whole day or time word (not just a dialect form of "woche" or "morgen")? */
static bool norm_full_time_word(const char *w, size_t n)
{
	const char *c = norm_time_word(w, n);
	for (int k = 0; c != NULL && norm_time_words[k] != NULL; k++)
		if (c == norm_time_words[k])
			return true;
	return false;
}

static bool norm_plain_word(const struct nlu_tok *t)
{
	return !(t->flags & (NLU_TOK_NUM | NLU_TOK_DIGITS | NLU_TOK_LETTER | NLU_TOK_CLOCK | NLU_TOK_DATE));
}

static void norm_drop(struct nlu_toks *tk, size_t i, size_t count)
{
	memmove(&tk->t[i], &tk->t[i + count], (tk->n - i - count) * sizeof(tk->t[0]));
	tk->n -= count;
}

/* The words of the spelling alphabet (DIN 5009, old and new), folded, and the letters they
 * stand for. */
static const char *norm_spelling_word(const char *w)
{
	static const char *const words[][2] = {
		{ "anton", "a" }, { "aerger", "ae" }, { "berta", "b" }, { "caesar", "c" }, { "charlotte", "ch" },
		{ "dora", "d" }, { "emil", "e" }, { "friedrich", "f" }, { "gustav", "g" }, { "heinrich", "h" },
		{ "ida", "i" }, { "julius", "j" }, { "kaufmann", "k" }, { "konrad", "k" }, { "ludwig", "l" },
		{ "martha", "m" }, { "nordpol", "n" }, { "otto", "o" }, { "oekonom", "oe" }, { "paula", "p" },
		{ "quelle", "q" }, { "richard", "r" }, { "samuel", "s" }, { "siegfried", "s" }, { "schule", "sch" },
		{ "theodor", "t" }, { "ulrich", "u" }, { "uebermut", "ue" }, { "viktor", "v" }, { "wilhelm", "w" },
		{ "xanthippe", "x" }, { "ypsilon", "y" }, { "zacharias", "z" }, { "zeppelin", "z" },
		{ "aachen", "a" }, { "augsburg", "a" }, { "berlin", "b" }, { "chemnitz", "c" }, { "duesseldorf", "d" },
		{ "essen", "e" }, { "frankfurt", "f" }, { "goslar", "g" }, { "hamburg", "h" }, { "ingelheim", "i" },
		{ "jena", "j" }, { "koeln", "k" }, { "leipzig", "l" }, { "muenchen", "m" }, { "nuernberg", "n" },
		{ "offenbach", "o" }, { "potsdam", "p" }, { "quickborn", "q" }, { "rostock", "r" },
		{ "salzwedel", "s" }, { "tuebingen", "t" }, { "unna", "u" }, { "voelklingen", "v" },
		{ "wuppertal", "w" }, { "xanten", "x" }, { "zwickau", "z" },
	};
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strcmp(w, words[k][0]) == 0)
			return words[k][1];
	return NULL;
}

/* "Gröning, Gustav Richard Ökonom Nordpol Ida Nordpol Gustav": a word spelt right after
 * it by the words of the spelling alphabet alone, without "wie"; the spelling goes, the
 * word stays. Only when the words' letters give the word itself, since most of them are
 * given names too. */
static void norm_spelling_words(struct nlu_toks *tk)
{
	for (size_t i = 0; i + 3 < tk->n; i++) {
		const struct nlu_tok *w = &tk->t[i];
		if (!norm_plain_word(w) || w->len < 3)
			continue;
		size_t at = 0, j = i + 1;
		const char *l;
		while (j < tk->n && at < w->len && norm_plain_word(&tk->t[j]) && (l = norm_spelling_word(tk->t[j].w)) != NULL &&
		       strncmp(w->w + at, l, strlen(l)) == 0) {
			at += strlen(l);
			j++;
		}
		if (at == w->len && j - i - 1 >= 3) {
			tk->t[i].flags |= tk->t[j - 1].flags & (NLU_TOK_COMMA | NLU_TOK_STOP);
			norm_drop(tk, i + 1, j - i - 1);
		}
	}
}

/* A weekday or other long time word recognition cut in three ("die ins tag", "donn ers tag"):
 * joined into token i when the three make one (a word one edit off too). */
static bool norm_join_three(struct nlu_toks *tk, size_t i)
{
	if (i + 2 >= tk->n)
		return false;
	struct nlu_tok *t = &tk->t[i];
	size_t n = 0;
	char j[NLU_MAX_WORD + 1];
	for (size_t k = i; k < i + 3; k++) {
		const struct nlu_tok *u = &tk->t[k];
		if (!norm_plain_word(u) || (k < i + 2 && (u->flags & (NLU_TOK_COMMA | NLU_TOK_STOP))) ||
		    n + u->len > NLU_MAX_WORD || norm_full_time_word(u->w, u->len))
			return false;
		memcpy(j + n, u->w, u->len);
		n += u->len;
	}
	const char *c = norm_time_word(j, n);
	if (c == NULL || strlen(c) < 7 || !norm_full_time_word(c, strlen(c)))
		return false;
	t->w = c;
	t->len = (uint16_t)strlen(c);
	t->end = tk->t[i + 2].end;
	t->flags |= tk->t[i + 2].flags;
	norm_drop(tk, i + 1, 2);
	return true;
}

/* Puts day and time words right and joins the ones recognition split ("mit woch", "sams tag",
 * "wochen ende", "über morgen", "nach mittags"). */
/* Tokens i and i + 1 joined into one word in token i; false when there is no room. */
static bool norm_push_joined(struct nlu_toks *tk, size_t i)
{
	struct nlu_tok *t = &tk->t[i], *u = &tk->t[i + 1];
	size_t n = (size_t)t->len + u->len;
	if (n > NLU_MAX_WORD || tk->used + n + 1 > sizeof(tk->buf))
		return false;
	char *dst = tk->buf + tk->used;
	memcpy(dst, t->w, t->len);
	memcpy(dst + t->len, u->w, u->len);
	dst[n] = '\0';
	tk->used += n + 1;
	t->w = dst;
	t->len = (uint16_t)n;
	t->flags |= u->flags & (NLU_TOK_COMMA | NLU_TOK_STOP);
	t->end = u->end;
	norm_drop(tk, i + 1, 1);
	return true;
}

/* "Frau Sch neider": a name's first sounds heard apart ("sch", "schm"), no word of their own. */
static bool norm_name_onset(const struct nlu_tok *t, const struct nlu_tok *u)
{
	if (t->len < 3 || t->len > 4 || memcmp(t->w, "sch", 3) != 0 || (t->len == 4 && strchr("aeiouy", t->w[3])) ||
	    (t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) || !norm_plain_word(u) || u->len < 3)
		return false;
	return strchr("aeiouy", u->w[0]) != NULL || strchr("aeiouy", u->w[1]) != NULL;
}

/* Splits token i into its first h letters, written as head, and the rest. */
static void norm_split_at(struct nlu_toks *tk, size_t i, size_t h, const char *head)
{
	struct nlu_tok *t = &tk->t[i];
	memmove(&tk->t[i + 1], &tk->t[i], (tk->n - i) * sizeof(tk->t[0]));
	tk->n++;
	struct nlu_tok *rest = &tk->t[i + 1];
	rest->w += h;
	rest->len = (uint16_t)(rest->len - h);
	rest->off = (uint16_t)(rest->off + h);
	t->w = head;
	t->len = (uint16_t)h;
	t->end = rest->off;
	t->flags &= (uint16_t)~(NLU_TOK_COMMA | NLU_TOK_STOP);
}

/* Words recognition runs into the next one, split into two tokens at i: "am" and a day
 * ("amfreitag"), "hier ist" ("hierist"), "ich bin", "mein Name", and a salutation and the
 * surname after "ist" or "bin" ("ist herrkrause"; not "Herrmann", "Frauke", "Frauenarzt"). */
static bool norm_split_glued(struct nlu_toks *tk, size_t i)
{
	static const struct {
		const char *head, *rest;
	} pairs[] = {
		{ "hier", "ist" }, { "hier", "is" }, { "ich", "bin" }, { "ich", "heisse" }, { "mein", "name" },
		{ "das", "ist" },
	};
	struct nlu_tok *t = &tk->t[i];
	if (!norm_plain_word(t) || tk->n >= NLU_MAX_TOKENS)
		return false;
	if (t->len >= 7 && memcmp(t->w, "am", 2) == 0 && norm_full_time_word(t->w + 2, t->len - 2u)) {
		norm_split_at(tk, i, 2, "am");
		return true;
	}
	for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++) {
		size_t h = strlen(pairs[p].head);
		if (t->len == h + strlen(pairs[p].rest) && memcmp(t->w, pairs[p].head, h) == 0 &&
		    memcmp(t->w + h, pairs[p].rest, t->len - h) == 0) {
			norm_split_at(tk, i, h, pairs[p].head);
			return true;
		}
	}
	bool after = i > 0 && (strcmp(tk->t[i - 1].w, "ist") == 0 || strcmp(tk->t[i - 1].w, "bin") == 0 ||
			       strcmp(tk->t[i - 1].w, "hier") == 0);
	/* "hier ist michaelhofmann": a given name we know run into the surname after it (the
	 * surname five letters or more, so "Hansmann", "Petersen" stay whole) */
	bool named = after || (i > 0 && (strcmp(tk->t[i - 1].w, "heisse") == 0 || strcmp(tk->t[i - 1].w, "name") == 0));
	named = named && memchr(t->w, '-', t->len) == NULL;   /* (not "Lena-Marie") */
	for (size_t h = t->len >= 9 ? t->len - 5 : 0; named && h >= 4; h--)
		if (nlu_first_name(t->w, h) && !nlu_first_name(t->w, t->len) && strchr("aeiouy", t->w[h]) == NULL &&
		    tk->used + h + 1 <= sizeof(tk->buf)) {
			char *head = tk->buf + tk->used;   /* (the given name, ended) */
			memcpy(head, t->w, h);
			head[h] = '\0';
			tk->used += h + 1;
			norm_split_at(tk, i, h, head);
			return true;
		}
	size_t h = t->len > 4 && memcmp(t->w, "herr", 4) == 0 ? 4 : t->len > 4 && memcmp(t->w, "frau", 4) == 0 ? 4 : 0;
	if (after && h > 0 && t->len >= h + 5 && !(t->w[h] == 'e' && t->w[h + 1] == 'n') && strchr("aeiouy", t->w[h]) == NULL) {
		norm_split_at(tk, i, h, t->w[0] == 'h' ? "herr" : "frau");
		return true;
	}
	return false;
}

static void norm_time_words_fix(struct nlu_toks *tk)
{
	for (size_t i = 0; i < tk->n; i++) {
		struct nlu_tok *t = &tk->t[i];
		if (norm_split_glued(tk, i)) {
			i++;   /* (the day word goes on below) */
			t = &tk->t[i];
		}
		/* Swiss "am vieri": the hour after "am" (norm_push() made "vieri" a number) */
		if (i > 0 && norm_swiss_hour(t->w, t->len) > 0 && strcmp(tk->t[i - 1].w, "am") == 0)
			tk->t[i - 1].w = "um";
		if (!norm_plain_word(t))
			continue;
		if (i + 1 < tk->n && norm_name_onset(t, &tk->t[i + 1]) && norm_push_joined(tk, i))
			continue;
		if (i + 1 < tk->n && norm_plain_word(&tk->t[i + 1]) && !(t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) &&
		    t->len + tk->t[i + 1].len <= NLU_MAX_WORD && !(i > 0 && (tk->t[i - 1].flags & NLU_TOK_NUM)) &&
		    norm_time_word(t->w, t->len) == NULL && !norm_full_time_word(tk->t[i + 1].w, tk->t[i + 1].len) &&
		    strcmp(t->w, "woche") != 0) {
			char j[NLU_MAX_WORD + 1];
			memcpy(j, t->w, t->len);
			memcpy(j + t->len, tk->t[i + 1].w, tk->t[i + 1].len);
			const char *c = norm_joined_word(j, t->len + tk->t[i + 1].len);
			if (c != NULL) {
				t->w = c;
				t->len = (uint16_t)strlen(c);
				t->end = tk->t[i + 1].end;
				t->flags |= tk->t[i + 1].flags;
				norm_drop(tk, i + 1, 1);
				continue;
			}
		}
		if (norm_join_three(tk, i))
			continue;
		/* "an rufen", "ab sagen", "ver schieben": a verb's prefix heard apart from it */
		static const char *const verb_prefix[] = { "an", "ab", "zurueck", "ver", "um", "vor", "be", NULL };
		if (i + 1 < tk->n && nlu_in(t->w, verb_prefix) && norm_plain_word(&tk->t[i + 1]) &&
		    !(t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) && tk->t[i + 1].len >= 3 &&
		    t->len + tk->t[i + 1].len <= NLU_MAX_WORD) {
			char j[NLU_MAX_WORD + 1];
			memcpy(j, t->w, t->len);
			memcpy(j + t->len, tk->t[i + 1].w, tk->t[i + 1].len);
			if (nlu_cue_part(j, t->len + tk->t[i + 1].len) && norm_push_joined(tk, i))
				continue;
		}
		/* "früh schicht", "spät dienst": a shift, heard in two, is no time of day */
		static const char *const shift_of[] = { "frueh", "spaet", "nacht", "mittag", "tag", NULL };
		static const char *const shift[] = { "schicht", "dienst", NULL };
		if (i + 1 < tk->n && nlu_in(t->w, shift_of) && nlu_in(tk->t[i + 1].w, shift) &&
		    !(t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) && norm_push_joined(tk, i))
			continue;
		/* "nächste Wochen Dienstag": the plural heard for the week after "nächste" */
		static const char *const which[] = { "naechste", "kommende", "diese", "uebernaechste", NULL };
		if (i > 0 && strcmp(t->w, "wochen") == 0 && nlu_in(tk->t[i - 1].w, which)) {
			t->w = "woche";
			t->len = 5;
			continue;
		}
		/* "ich bin auf Montage": assembly work away, no Mondays */
		if (i > 0 && strcmp(tk->t[i - 1].w, "auf") == 0 && t->len == 7 && memcmp(t->w, "montage", 7) == 0)
			continue;
		const char *c = norm_time_word(t->w, t->len);
		if (c != NULL) {
			t->w = c;
			t->len = (uint16_t)strlen(c);
		}
	}
}

static bool norm_numword(const struct nlu_tok *t, int lo, int hi)
{
	return (t->flags & NLU_TOK_NUM) && !(t->flags & (NLU_TOK_DIGITS | NLU_TOK_ORD)) && t->num >= lo && t->num <= hi;
}

/* A number word recognition cut in two, the first half no word of its own ("sieb zehn",
 * "zwan zig", "sech zehnten"): joined into t. */
static bool norm_join_numword(struct nlu_toks *tk, size_t i)
{
	struct nlu_tok *t = &tk->t[i], *u = &tk->t[i + 1];
	size_t n = (size_t)t->len + u->len;
	int v;
	bool ord;
	if (!norm_plain_word(t) || t->len < 2 || (t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) ||
	    (u->flags & (NLU_TOK_DIGITS | NLU_TOK_LETTER | NLU_TOK_CLOCK | NLU_TOK_DATE)) || n > NLU_MAX_WORD ||
	    tk->used + n + 1 > sizeof(tk->buf))
		return false;
	char *dst = tk->buf + tk->used;
	memcpy(dst, t->w, t->len);
	memcpy(dst + t->len, u->w, u->len);
	dst[n] = '\0';
	if (!nlu_numword(dst, n, &v, &ord))
		return false;
	tk->used += n + 1;
	t->w = dst;
	t->len = (uint16_t)n;
	t->flags |= NLU_TOK_NUM | (ord ? NLU_TOK_ORD : 0) | (u->flags & (NLU_TOK_COMMA | NLU_TOK_STOP));
	t->num = v;
	t->end = u->end;
	norm_drop(tk, i + 1, 1);
	return true;
}

/* Numbers recognition split: "fünf zehn Uhr" is 15 Uhr, "zwanzig dreißig" 20:30,
 * "vierzehn null null" 14:00, "sieb zehn" 17. */
static void norm_join_numbers(struct nlu_toks *tk)
{
	for (size_t i = 0; i + 1 < tk->n; i++) {
		struct nlu_tok *t = &tk->t[i], *u = &tk->t[i + 1];
		bool alone = i == 0 || !(tk->t[i - 1].flags & NLU_TOK_NUM);
		if (norm_join_numword(tk, i))
			continue;
		/* "drei sig", "vier zig": a tens word heard in two, its ending no word of its own;
		 * "vier tel": the quarter */
		static const char *const tens_end[] = { "sig", "ssig", "zig", "zich", NULL };
		static const char *const tens[] = { "dreissig", "vierzig", "fuenfzig", "sechzig", "siebzig", "achtzig", "neunzig" };
		if (norm_numword(t, 3, 9) && !(t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP | NLU_TOK_ORD)) && nlu_in(u->w, tens_end)) {
			t->w = tens[t->num - 3];
			t->len = (uint16_t)strlen(t->w);
			t->num *= 10;
			t->flags |= u->flags & (NLU_TOK_COMMA | NLU_TOK_STOP);
			t->end = u->end;
			norm_drop(tk, i + 1, 1);
			continue;
		}
		if (norm_numword(t, 4, 4) && !(t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) && strcmp(u->w, "tel") == 0) {
			t->w = "viertel";
			t->len = 7;
			t->num = 0;
			t->flags = (uint16_t)((t->flags & ~NLU_TOK_NUM) | (u->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)));
			t->end = u->end;
			norm_drop(tk, i + 1, 1);
			continue;
		}
		/* "am 20 ten Januar": an ordinal's ending written apart from its digits */
		static const char *const ends[] = { "ten", "sten", "te", "ste", "ter", "ster", "tes", "tem", "stem", NULL };
		if ((t->flags & NLU_TOK_DIGITS) && (t->flags & NLU_TOK_NUM) &&
		    !(t->flags & (NLU_TOK_ORD | NLU_TOK_CLOCK | NLU_TOK_DATE | NLU_TOK_COMMA | NLU_TOK_STOP)) &&
		    t->num >= 1 && t->num <= 31 && nlu_in(u->w, ends)) {
			t->flags |= NLU_TOK_ORD | (u->flags & (NLU_TOK_COMMA | NLU_TOK_STOP));
			t->end = u->end;
			norm_drop(tk, i + 1, 1);
			continue;
		}
		/* "acht zehnten": a teen ordinal heard as two words */
		if (norm_numword(t, 3, 9) && !(t->flags & (NLU_TOK_COMMA | NLU_TOK_STOP)) && (u->flags & NLU_TOK_ORD) &&
		    !(u->flags & NLU_TOK_DIGITS) && u->num == 10) {
			t->num += 10;
			t->flags |= NLU_TOK_ORD | (u->flags & (NLU_TOK_COMMA | NLU_TOK_STOP));
			t->end = u->end;
			norm_drop(tk, i + 1, 1);
			continue;
		}
		if (strcmp(t->w, "um") == 0 && strcmp(u->w, "fuer") == 0 && i + 2 < tk->n && strcmp(tk->t[i + 2].w, "uhr") == 0) {
			u->flags |= NLU_TOK_NUM;   /* "um für Uhr" is what recognition makes of "um vier Uhr" */
			u->num = 4;
			continue;
		}
		if (norm_numword(t, 3, 9) && strcmp(u->w, "zehn") == 0 && i + 2 < tk->n && strcmp(tk->t[i + 2].w, "uhr") == 0) {
			t->num += 10;
			t->end = u->end;
			norm_drop(tk, i + 1, 1);
		} else if (alone && norm_numword(t, 13, 23) && norm_numword(u, 0, 0) && i + 2 < tk->n &&
			   norm_numword(&tk->t[i + 2], 0, 0) && !(i + 3 < tk->n && (tk->t[i + 3].flags & NLU_TOK_NUM))) {
			t->flags |= NLU_TOK_CLOCK;
			t->num2 = 0;
			t->end = tk->t[i + 2].end;
			norm_drop(tk, i + 1, 2);
		} else if (alone && norm_numword(t, 13, 23) && norm_numword(u, 10, 59) &&
			   !(i + 2 < tk->n && ((tk->t[i + 2].flags & NLU_TOK_NUM) || strcmp(tk->t[i + 2].w, "uhr") == 0 ||
					       strncmp(tk->t[i + 2].w, "minute", 6) == 0 || strcmp(tk->t[i + 2].w, "euro") == 0))) {
			t->flags |= NLU_TOK_CLOCK;
			t->num2 = u->num;
			t->end = u->end;
			norm_drop(tk, i + 1, 1);
		}
	}
}

/* "10.12 Uhr" is a time, not the 10th of December. */
static void norm_fix_clock(struct nlu_toks *tk)
{
	for (size_t i = 0; i + 1 < tk->n; i++) {
		struct nlu_tok *t = &tk->t[i];
		if ((t->flags & NLU_TOK_DATE) && !(t->flags & NLU_TOK_DOT) && t->num3 == 0 && t->num <= 24 &&
		    strcmp(tk->t[i + 1].w, "uhr") == 0) {
			t->flags &= (uint16_t)~NLU_TOK_DATE;
			t->flags |= NLU_TOK_CLOCK;
		}
	}
}

void nlu_tokenize(const char *text, size_t len, struct nlu_toks *tk)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = nlu_cut(text, len);
	tk->src = text;
	tk->srclen = n;
	tk->n = 0;
	tk->used = 0;
	tk->question = false;
	bool plus = false;
	size_t i = 0;
	while (i < n && tk->n < NLU_MAX_TOKENS) {
		size_t start = i;
		char fold[3];
		uint32_t cp = norm_utf8(s, n, &i);
		enum norm_class c = norm_class(cp, fold);
		if (c == NORM_DIGIT) {
			i = norm_number(tk, s, n, start, plus);
			plus = false;
			continue;
		}
		if (c == NORM_LETTER || c == NORM_RAW) {
			char w[NLU_MAX_WORD + 1];
			size_t wl = 0, cstart = start;
			for (;;) {
				const char *add = c == NORM_LETTER ? fold : (const char *)s + cstart;
				size_t al = c == NORM_LETTER ? strlen(fold) : i - cstart;
				if (wl + al <= NLU_MAX_WORD) {
					memcpy(w + wl, add, al);
					wl += al;
				}
				if (i >= n)
					break;
				size_t j = i;
				char nf[3];
				enum norm_class nc = norm_class(norm_utf8(s, n, &j), nf);
				if (nc == NORM_LETTER || nc == NORM_RAW) {
					cstart = i;
					i = j;
					c = nc;
					memcpy(fold, nf, sizeof(fold));
					continue;
				}
				if (nc == NORM_APOS || nc == NORM_HYPHEN) {
					size_t k = j;
					enum norm_class after = j < n ? norm_class(norm_utf8(s, n, &k), nf) : NORM_SPACE;
					if (after == NORM_LETTER || after == NORM_RAW) {
						if (nc == NORM_HYPHEN && wl < NLU_MAX_WORD)
							w[wl++] = '-';
						cstart = j;
						i = k;
						c = after;
						memcpy(fold, nf, sizeof(fold));
						continue;
					}
					if (nc == NORM_APOS)
						i = j;   /* "hab'" */
				}
				break;
			}
			norm_word(tk, w, wl, start, i);
			continue;
		}
		if (c == NORM_PLUS) {
			plus = norm_isdigit(s, n, i);
			continue;
		}
		if (tk->n == 0)
			continue;
		if (c == NORM_COMMA)
			tk->t[tk->n - 1].flags |= NLU_TOK_COMMA;
		else if (c == NORM_STOP || c == NORM_QUESTION)
			tk->t[tk->n - 1].flags |= NLU_TOK_STOP;
		if (c == NORM_QUESTION)
			tk->question = true;
	}
	norm_spelling_alphabet(tk);
	norm_spelling_words(tk);
	norm_join_letters(tk);
	norm_time_words_fix(tk);
	norm_join_numbers(tk);
	norm_fix_clock(tk);
}

size_t nlu_fold(const char *s, size_t n, char *out, size_t size)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = 0, i = 0;
	bool space = false;
	if (size == 0)
		return 0;
	while (i < n) {
		char fold[3];
		size_t start = i;
		enum norm_class c = norm_class(norm_utf8(u, n, &i), fold);
		const char *add = fold;
		size_t al = strlen(fold);
		if (c == NORM_RAW) {
			add = s + start;
			al = i - start;
		} else if (c == NORM_DIGIT || c == NORM_HYPHEN) {
			add = s + start;
			al = 1;
		} else if (c != NORM_LETTER) {
			space = len > 0;
			continue;
		}
		if (len + al + (space ? 1 : 0) + 1 > size)
			break;
		if (space)
			out[len++] = ' ';
		space = false;
		memcpy(out + len, add, al);
		len += al;
	}
	out[len] = '\0';
	return len;
}
