/* sayde.c: German phrasing of dates, times and opening hours for speech and SMS. */
#include "sayde.h"

#include "err.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const sayde_weekdays[7] = {
	"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
};

static const char *const sayde_weekdays_short[7] = {
	"Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.",
};

/* "sonntags geschlossen": the adverb of a weekday. */
static const char *const sayde_weekdays_adverb[7] = {
	"montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags",
};

static const char *const sayde_months[12] = {
	"Januar", "Februar", "M\xc3\xa4rz", "April", "Mai", "Juni",
	"Juli", "August", "September", "Oktober", "November", "Dezember",
};

/* Dates this close ahead are said without a year even across New Year. */
#define SAYDE_YEARLESS_DAYS 183

const char *sayde_weekday(int wd)
{
	return wd >= 0 && wd < 7 ? sayde_weekdays[wd] : "";
}

const char *sayde_month(int m)
{
	return m >= 1 && m <= 12 ? sayde_months[m - 1] : "";
}

/* ---- a bounded writer that never cuts a UTF-8 sequence ---- */

struct sayde_w {
	char *out;
	size_t n, len;
	bool over;
};

static void sayde_put(struct sayde_w *w, const char *s)
{
	size_t k = strlen(s);
	if (w->over)
		return;
	if (w->len + k >= w->n) {
		k = utf8_cut(s, k, w->n - 1 - w->len);
		w->over = true;
	}
	memcpy(w->out + w->len, s, k);
	w->len += k;
	w->out[w->len] = '\0';
}

__attribute__((format(printf, 2, 3)))
static void sayde_putf(struct sayde_w *w, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (r < 0)
		tmp[0] = '\0';
	sayde_put(w, tmp);
}

/* Starts a writer; false (with the error in *err) when nothing can be written. */
static bool sayde_begin(struct sayde_w *w, char *out, size_t n, int *err)
{
	w->out = out;
	w->n = n;
	w->len = 0;
	w->over = false;
	if (n == 0) {
		*err = TF_ELIMIT;
		return false;
	}
	if (out == NULL) {
		*err = TF_EINVAL;
		return false;
	}
	out[0] = '\0';
	return true;
}

static int sayde_end(const struct sayde_w *w)
{
	return w->over ? TF_ELIMIT : TF_OK;
}

static bool sayde_time_ok(int hour, int minute)
{
	return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
}

/* "14", "14:30", "9:05": a wall time without "Uhr"; hour 24 is the end of a day. */
static void sayde_put_hm(struct sayde_w *w, int hour, int minute)
{
	if (minute == 0)
		sayde_putf(w, "%d", hour);
	else
		sayde_putf(w, "%d:%02d", hour, minute);
}

/* "Montag, den 15. Januar" and the year when it is needed. */
static void sayde_put_long_date(struct sayde_w *w, struct civil_date d, struct civil_date today)
{
	int64_t ahead = civil_to_days(d) - civil_to_days(today);
	sayde_put(w, sayde_weekdays[civil_weekday(d)]);
	sayde_putf(w, ", den %d. ", d.day);
	sayde_put(w, sayde_months[d.month - 1]);
	if (d.year != today.year && !(ahead >= 0 && ahead <= SAYDE_YEARLESS_DAYS))
		sayde_putf(w, " %d", d.year);
}

/* "heute", "morgen", "übermorgen" or NULL. */
static const char *sayde_relative(struct civil_date d, struct civil_date today)
{
	switch (civil_to_days(d) - civil_to_days(today)) {
	case 0: return "heute";
	case 1: return "morgen";
	case 2: return "\xc3\xbc" "bermorgen";
	}
	return NULL;
}

int sayde_time(char *out, size_t n, int hour, int minute)
{
	struct sayde_w w;
	int err;
	if (!sayde_begin(&w, out, n, &err))
		return err;
	if (!sayde_time_ok(hour, minute))
		return TF_EINVAL;
	sayde_put_hm(&w, hour, minute);
	sayde_put(&w, " Uhr");
	return sayde_end(&w);
}

int sayde_date(char *out, size_t n, struct civil_date d, struct civil_date today)
{
	struct sayde_w w;
	int err;
	if (!sayde_begin(&w, out, n, &err))
		return err;
	if (!civil_valid(d) || !civil_valid(today))
		return TF_EINVAL;
	const char *rel = sayde_relative(d, today);
	if (rel)
		sayde_put(&w, rel);
	else
		sayde_put_long_date(&w, d, today);
	return sayde_end(&w);
}

int sayde_datetime(char *out, size_t n, struct civil_time local, struct civil_date today)
{
	struct sayde_w w;
	int err;
	if (!sayde_begin(&w, out, n, &err))
		return err;
	if (!civil_valid(local.date) || !civil_valid(today) || !sayde_time_ok(local.hour, local.minute))
		return TF_EINVAL;
	const char *rel = sayde_relative(local.date, today);
	if (rel) {
		sayde_put(&w, rel);
		sayde_put(&w, " um ");
	} else {
		sayde_put(&w, "am ");
		sayde_put_long_date(&w, local.date, today);
		sayde_put(&w, ", um ");
	}
	sayde_put_hm(&w, local.hour, local.minute);
	sayde_put(&w, " Uhr");
	return sayde_end(&w);
}

int sayde_sms_datetime(char *out, size_t n, struct civil_time local)
{
	struct sayde_w w;
	int err;
	if (!sayde_begin(&w, out, n, &err))
		return err;
	if (!civil_valid(local.date) || !sayde_time_ok(local.hour, local.minute))
		return TF_EINVAL;
	sayde_put(&w, sayde_weekdays_short[civil_weekday(local.date)]);
	sayde_putf(&w, ", %02d.%02d.%04d, %02d:%02d Uhr", local.date.day, local.date.month, local.date.year,
		   local.hour, local.minute);
	return sayde_end(&w);
}

/* ---- opening hours ---- */

/* A weekday's ranges in the order of the day. */
struct sayde_day {
	int n;
	struct schedule_range r[SCHEDULE_MAX_RANGES];
};

static bool sayde_same(const struct sayde_day *a, const struct sayde_day *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (a->r[i].opens != b->r[i].opens || a->r[i].closes != b->r[i].closes)
			return false;
	return true;
}

static void sayde_put_ranges(struct sayde_w *w, const struct sayde_day *d)
{
	for (int i = 0; i < d->n; i++) {
		if (i > 0)
			sayde_put(w, i == d->n - 1 ? " und " : ", ");
		sayde_put(w, "von ");
		sayde_put_hm(w, d->r[i].opens / 60, d->r[i].opens % 60);
		sayde_put(w, " bis ");
		sayde_put_hm(w, d->r[i].closes / 60, d->r[i].closes % 60);
		sayde_put(w, " Uhr");
	}
}

int sayde_hours(char *out, size_t n, const struct schedule_studio *s)
{
	struct sayde_w w;
	struct sayde_day days[7];
	int err;
	if (!sayde_begin(&w, out, n, &err))
		return err;
	if (s == NULL)
		return TF_EINVAL;
	for (int wd = 0; wd < 7; wd++) {
		struct sayde_day *d = &days[wd];
		d->n = s->nranges[wd];
		if (d->n < 0 || d->n > SCHEDULE_MAX_RANGES)
			return TF_EINVAL;
		for (int i = 0; i < d->n; i++) {
			struct schedule_range r = s->hours[wd][i];
			if (r.opens < 0 || r.opens >= r.closes || r.closes > 1440)
				return TF_EINVAL;
			int j = i;
			while (j > 0 && d->r[j - 1].opens > r.opens) {
				d->r[j] = d->r[j - 1];
				j--;
			}
			d->r[j] = r;
		}
	}

	bool first = true;
	int closed[7], nclosed = 0;
	for (int wd = 0; wd < 7;) {
		if (days[wd].n == 0) {
			closed[nclosed++] = wd++;
			continue;
		}
		int last = wd;
		while (last + 1 < 7 && sayde_same(&days[wd], &days[last + 1]))
			last++;
		if (!first)
			sayde_put(&w, ", ");
		first = false;
		if (wd == 0 && last == 6) {
			sayde_put(&w, "t\xc3\xa4glich");
		} else {
			sayde_put(&w, sayde_weekdays[wd]);
			if (last > wd) {
				sayde_put(&w, last == wd + 1 ? " und " : " bis ");
				sayde_put(&w, sayde_weekdays[last]);
			}
		}
		sayde_put(&w, " ");
		sayde_put_ranges(&w, &days[wd]);
		wd = last + 1;
	}
	if (nclosed == 7) {
		sayde_put(&w, "an allen Tagen geschlossen");
	} else if (nclosed > 0) {
		sayde_put(&w, ", ");
		for (int i = 0; i < nclosed; i++) {
			if (i > 0)
				sayde_put(&w, i == nclosed - 1 ? " und " : ", ");
			sayde_put(&w, sayde_weekdays_adverb[closed[i]]);
		}
		sayde_put(&w, " geschlossen");
	}
	return sayde_end(&w);
}
