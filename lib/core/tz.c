/* tz.c: a reader of compiled TZif files (RFC 8536) with the POSIX TZ footer rule, and a per-process zone cache. */
#include "tz.h"

#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TZ_MAX_TIMES  8192   /* transitions; real zones have a few hundred */
#define TZ_MAX_TYPES  256    /* the transition index is one byte */
#define TZ_MAX_CHARS  1024   /* abbreviation bytes */
#define TZ_MAX_FOOTER 256

struct tz_type {
	int32_t utoff;           /* seconds east of UTC */
	bool isdst;
};

/* One end of the daylight-saving period of a POSIX TZ string. */
struct tz_rule {
	char kind;               /* 'J': Julian day 1..365 without Feb 29; 'N': day 0..365; 'M': month.week.day */
	int day, month, week;    /* day: Jn / n, or the weekday (0 = Sunday) for 'M' */
	int32_t time;            /* seconds after local midnight, may be negative or past 24h */
};

struct tz {
	struct tz *next;         /* the cache chain */
	char name[TZ_NAME_MAX];
	int64_t *times;          /* transition instants, strictly ascending */
	unsigned char *idx;      /* the type in force from times[i] on */
	size_t ntimes;
	struct tz_type *types;
	size_t ntypes;
	bool has_footer, has_dst;
	int32_t std_off, dst_off;
	struct tz_rule start, end;
};

/* ---- reading the binary image ---- */

static uint32_t tz_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int64_t tz_be64(const unsigned char *p)
{
	uint64_t v = (uint64_t)tz_be32(p) << 32 | tz_be32(p + 4);
	return (int64_t)v;
}

struct tz_header {
	char version;            /* 0, '2', '3', '4' */
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

/* The header at off; strict for the one whose data is used, lenient for the
 * v1 header of a v2+ file, which readers only skip over. */
static int tz_read_header(const unsigned char *data, size_t len, size_t off, bool strict,
			  struct tz_header *h)
{
	if (len < off || len - off < 44 || memcmp(data + off, "TZif", 4) != 0)
		return TF_EINVAL;
	const unsigned char *p = data + off;
	h->version = (char)p[4];
	if (h->version != 0 && h->version != '2' && h->version != '3' && h->version != '4')
		return TF_EINVAL;
	h->isutcnt = tz_be32(p + 20);
	h->isstdcnt = tz_be32(p + 24);
	h->leapcnt = tz_be32(p + 28);
	h->timecnt = tz_be32(p + 32);
	h->typecnt = tz_be32(p + 36);
	h->charcnt = tz_be32(p + 40);
	if (h->timecnt > TZ_MAX_TIMES || h->typecnt > TZ_MAX_TYPES || h->charcnt > TZ_MAX_CHARS ||
	    h->leapcnt > TZ_MAX_TIMES)
		return TF_ELIMIT;
	if (strict && (h->typecnt == 0 || h->charcnt == 0 ||
	    (h->isutcnt != 0 && h->isutcnt != h->typecnt) ||
	    (h->isstdcnt != 0 && h->isstdcnt != h->typecnt)))
		return TF_EINVAL;
	return TF_OK;
}

/* Bytes of the data block after a header; time_size is 4 (v1) or 8. */
static size_t tz_block_size(const struct tz_header *h, size_t time_size)
{
	return (size_t)h->timecnt * time_size + h->timecnt + (size_t)h->typecnt * 6 + h->charcnt +
	       (size_t)h->leapcnt * (time_size + 4) + h->isstdcnt + h->isutcnt;
}

/* ---- the POSIX TZ footer ---- */

struct tz_scan {
	const char *p, *end;
};

static bool tz_scan_num(struct tz_scan *s, int max, int *out)
{
	int v = 0, digits = 0;
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
		v = v * 10 + (*s->p - '0');
		s->p++;
		if (++digits > 3 || v > max)
			return false;
	}
	if (digits == 0)
		return false;
	*out = v;
	return true;
}

/* [+-]hh[:mm[:ss]] with hours up to max_hours, as signed seconds. */
static bool tz_scan_hms(struct tz_scan *s, int max_hours, int32_t *out)
{
	int sign = 1, h = 0, m = 0, sec = 0;
	if (s->p < s->end && (*s->p == '+' || *s->p == '-')) {
		if (*s->p == '-')
			sign = -1;
		s->p++;
	}
	if (!tz_scan_num(s, max_hours, &h))
		return false;
	if (s->p < s->end && *s->p == ':') {
		s->p++;
		if (!tz_scan_num(s, 59, &m))
			return false;
		if (s->p < s->end && *s->p == ':') {
			s->p++;
			if (!tz_scan_num(s, 59, &sec))
				return false;
		}
	}
	*out = sign * (h * 3600 + m * 60 + sec);
	return true;
}

static bool tz_scan_name(struct tz_scan *s)
{
	const char *begin;
	if (s->p < s->end && *s->p == '<') {
		begin = ++s->p;
		while (s->p < s->end && *s->p != '>') {
			char c = *s->p;
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			      c == '+' || c == '-'))
				return false;
			s->p++;
		}
		if (s->p == s->end || s->p - begin < 3)
			return false;
		s->p++;
		return true;
	}
	begin = s->p;
	while (s->p < s->end && ((*s->p >= 'A' && *s->p <= 'Z') || (*s->p >= 'a' && *s->p <= 'z')))
		s->p++;
	return s->p - begin >= 3;
}

static bool tz_scan_rule(struct tz_scan *s, struct tz_rule *r)
{
	memset(r, 0, sizeof(*r));
	if (s->p < s->end && *s->p == 'M') {
		s->p++;
		r->kind = 'M';
		if (!tz_scan_num(s, 12, &r->month) || r->month < 1 || s->p == s->end || *s->p++ != '.' ||
		    !tz_scan_num(s, 5, &r->week) || r->week < 1 || s->p == s->end || *s->p++ != '.' ||
		    !tz_scan_num(s, 6, &r->day))
			return false;
	} else if (s->p < s->end && *s->p == 'J') {
		s->p++;
		r->kind = 'J';
		if (!tz_scan_num(s, 365, &r->day) || r->day < 1)
			return false;
	} else {
		r->kind = 'N';
		if (!tz_scan_num(s, 365, &r->day))
			return false;
	}
	r->time = 2 * 3600;
	if (s->p < s->end && *s->p == '/') {
		s->p++;
		/* RFC 8536 extends the POSIX 0..24 hours to -167..167. */
		if (!tz_scan_hms(s, 167, &r->time))
			return false;
	}
	return true;
}

static int tz_parse_footer(struct tz *z, const char *text, size_t len)
{
	struct tz_scan s = { text, text + len };
	int32_t v;
	if (len == 0)
		return TF_OK;           /* no rule: the last type stays in force */
	if (!tz_scan_name(&s) || !tz_scan_hms(&s, 24, &v))
		return TF_EINVAL;
	z->std_off = -v;                /* POSIX counts west positive */
	z->has_footer = true;
	if (s.p == s.end)
		return TF_OK;
	if (!tz_scan_name(&s))
		return TF_EINVAL;
	z->dst_off = z->std_off + 3600;
	if (s.p < s.end && *s.p != ',') {
		if (!tz_scan_hms(&s, 24, &v))
			return TF_EINVAL;
		z->dst_off = -v;
	}
	/* TZif writers always spell the rule out; there is no default to guess. */
	if (s.p == s.end || *s.p++ != ',' || !tz_scan_rule(&s, &z->start) ||
	    s.p == s.end || *s.p++ != ',' || !tz_scan_rule(&s, &z->end) || s.p != s.end)
		return TF_EINVAL;
	z->has_dst = true;
	return TF_OK;
}

/* Local seconds (as if UTC) at which rule r fires in year y. */
static int64_t tz_rule_local(const struct tz_rule *r, int year)
{
	struct civil_date jan1 = { year, 1, 1 };
	int64_t day;
	bool leap = civil_days_in_month(year, 2) == 29;
	if (r->kind == 'J') {
		day = civil_to_days(jan1) + r->day - 1 + (leap && r->day >= 60);
	} else if (r->kind == 'N') {
		day = civil_to_days(jan1) + r->day;
	} else {
		struct civil_date first = { year, r->month, 1 };
		int wd1 = (civil_weekday(first) + 1) % 7;      /* POSIX: 0 = Sunday */
		int dom = 1 + (r->day - wd1 + 7) % 7 + (r->week - 1) * 7;
		int last = civil_days_in_month(year, r->month);
		while (dom > last)
			dom -= 7;
		first.day = dom;
		day = civil_to_days(first);
	}
	return day * 86400 + r->time;
}

static int32_t tz_footer_offset(const struct tz *z, int64_t utc)
{
	if (!z->has_dst)
		return z->std_off;
	int year = civil_from_seconds(utc + z->std_off).date.year;
	int64_t start = tz_rule_local(&z->start, year) - z->std_off;
	int64_t end = tz_rule_local(&z->end, year) - z->dst_off;
	bool dst = start < end ? (utc >= start && utc < end) : !(utc >= end && utc < start);
	return dst ? z->dst_off : z->std_off;
}

/* ---- building a zone ---- */

void tz_free(struct tz *z)
{
	if (z == NULL)
		return;
	free(z->times);
	free(z->idx);
	free(z->types);
	free(z);
}

static void tz_set_name(struct tz *z, const char *name)
{
	snprintf(z->name, sizeof(z->name), "%s", name ? name : "");
}

int tz_parse(const char *name, const unsigned char *data, size_t len, struct tz **out)
{
	struct tz_header h;
	size_t off = 0, time_size = 4;
	struct tz *z = NULL;
	int err;

	if (data == NULL || out == NULL)
		return TF_EINVAL;
	*out = NULL;
	if ((err = tz_read_header(data, len, 0, len > 4 && data[4] == 0, &h)) != TF_OK)
		return err;
	off = 44;
	if (h.version != 0) {
		/* Skip the 32-bit block: the 64-bit one after the second header covers all of time. */
		size_t skip = tz_block_size(&h, 4);
		if (len - off < skip)
			return TF_EINVAL;
		off += skip;
		if ((err = tz_read_header(data, len, off, true, &h)) != TF_OK)
			return err;
		off += 44;
		time_size = 8;
	}
	if (len - off < tz_block_size(&h, time_size))
		return TF_EINVAL;
	/* Leap-second ("right/") zones count TAI-like seconds; calendars here do not. */
	if (h.leapcnt != 0)
		return TF_EINVAL;

	z = calloc(1, sizeof(*z));
	if (z == NULL)
		return TF_ENOMEM;
	tz_set_name(z, name);
	z->ntimes = h.timecnt;
	z->ntypes = h.typecnt;
	z->times = malloc(sizeof(*z->times) * (h.timecnt ? h.timecnt : 1));
	z->idx = malloc(h.timecnt ? h.timecnt : 1);
	z->types = malloc(sizeof(*z->types) * h.typecnt);
	err = TF_ENOMEM;
	if (z->times == NULL || z->idx == NULL || z->types == NULL)
		goto fail;

	err = TF_EINVAL;
	const unsigned char *p = data + off;
	for (size_t i = 0; i < h.timecnt; i++, p += time_size) {
		z->times[i] = time_size == 8 ? tz_be64(p) : (int64_t)(int32_t)tz_be32(p);
		if (i > 0 && z->times[i] <= z->times[i - 1])
			goto fail;
	}
	for (size_t i = 0; i < h.timecnt; i++, p++) {
		if (*p >= h.typecnt)
			goto fail;
		z->idx[i] = *p;
	}
	for (size_t i = 0; i < h.typecnt; i++, p += 6) {
		int32_t utoff = (int32_t)tz_be32(p);
		if (utoff < -89999 || utoff > 93599 || p[4] > 1 || p[5] >= h.charcnt)
			goto fail;
		z->types[i].utoff = utoff;
		z->types[i].isdst = p[4];
	}
	off += tz_block_size(&h, time_size);

	if (h.version != 0) {
		/* The footer: '\n' TZ-string '\n'. */
		if (off >= len || data[off] != '\n')
			goto fail;
		const char *text = (const char *)data + off + 1;
		const char *nl = memchr(text, '\n', len - off - 1);
		if (nl == NULL)
			goto fail;
		if ((size_t)(nl - text) > TZ_MAX_FOOTER) {
			err = TF_ELIMIT;
			goto fail;
		}
		if ((err = tz_parse_footer(z, text, (size_t)(nl - text))) != TF_OK)
			goto fail;
	}
	*out = z;
	return TF_OK;
fail:
	tz_free(z);
	return err;
}

/* ---- queries ---- */

static int64_t tz_clamp(int64_t utc)
{
	return utc < TZ_UTC_MIN ? TZ_UTC_MIN : utc > TZ_UTC_MAX ? TZ_UTC_MAX : utc;
}

int tz_offset(const struct tz *z, int64_t utc)
{
	utc = tz_clamp(utc);
	if (z->ntimes == 0)
		return z->has_footer ? tz_footer_offset(z, utc) : z->types[0].utoff;
	if (utc < z->times[0])
		return z->types[0].utoff;
	if (utc > z->times[z->ntimes - 1] && z->has_footer)
		return tz_footer_offset(z, utc);
	size_t lo = 0, hi = z->ntimes;       /* the last i with times[i] <= utc */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->times[mid] <= utc)
			lo = mid;
		else
			hi = mid;
	}
	return z->types[z->idx[lo]].utoff;
}

struct civil_time tz_to_local(const struct tz *z, int64_t utc, int *offset_out)
{
	int off = tz_offset(z, utc);
	if (offset_out)
		*offset_out = off;
	return civil_from_seconds(tz_clamp(utc) + off);
}

int tz_from_local(const struct tz *z, struct civil_time local, int64_t *utc)
{
	if (!civil_valid(local.date) || local.hour < 0 || local.hour > 23 || local.minute < 0 ||
	    local.minute > 59 || local.second < 0 || local.second > 59)
		return TF_EINVAL;
	int64_t wall = civil_to_seconds(local);
	/* Every offset that could apply is in force within a day of the wall
	 * time; a zone changes its offset at most once in such a span. */
	int32_t cand[4];
	cand[0] = tz_offset(z, wall - 86400);
	cand[1] = tz_offset(z, wall + 86400);
	cand[2] = tz_offset(z, wall - cand[0]);
	cand[3] = tz_offset(z, wall - cand[1]);
	bool found = false;
	int64_t best = 0;
	for (int i = 0; i < 4; i++) {
		bool seen = false;
		for (int j = 0; j < i; j++)
			seen |= cand[j] == cand[i];
		int64_t u = wall - cand[i];
		if (seen || tz_offset(z, u) != cand[i])
			continue;
		if (!found || u < best) {
			best = u;
			found = true;
		}
	}
	if (!found)
		return TF_EINVAL;
	*utc = best;
	return TF_OK;
}

const char *tz_name(const struct tz *z)
{
	return z->name;
}

/* ---- loading and the cache ---- */

static pthread_mutex_t tz_cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tz *tz_cache;
static size_t tz_ncache;

static bool tz_valid_name(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len >= TZ_NAME_MAX || name[0] == '/' || name[len - 1] == '/')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (c == '/' && name[i + 1] == '/')
			return false;
		/* No '.' at all, so neither ".." nor "." can name another directory. */
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '+' || c == '-' || c == '/'))
			return false;
	}
	return true;
}

static int tz_read_file(const char *path, unsigned char **data, size_t *len)
{
	struct stat st;
	unsigned char *buf = NULL;
	size_t got = 0;
	int err;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? TF_ENOTFOUND : TF_EIO;
	if (fstat(fd, &st) != 0) {
		err = TF_EIO;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		err = TF_ENOTFOUND;     /* a directory such as "Europe" is no zone */
		goto fail;
	}
	if (st.st_size > TZ_FILE_MAX) {
		err = TF_ELIMIT;
		goto fail;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		err = TF_ENOMEM;
		goto fail;
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = TF_EIO;
			goto fail;
		}
		got += (size_t)r;
	}
	close(fd);
	*data = buf;
	*len = got;
	return TF_OK;
fail:
	free(buf);
	close(fd);
	return err;
}

static int tz_builtin_utc(const char *name, struct tz **out)
{
	struct tz *z = calloc(1, sizeof(*z));
	if (z == NULL)
		return TF_ENOMEM;
	z->times = malloc(sizeof(*z->times));
	z->idx = malloc(1);
	z->types = calloc(1, sizeof(*z->types));
	if (z->times == NULL || z->idx == NULL || z->types == NULL) {
		tz_free(z);
		return TF_ENOMEM;
	}
	z->ntypes = 1;
	tz_set_name(z, name);
	*out = z;
	return TF_OK;
}

static int tz_load_locked(const char *name, const struct tz **out)
{
	char path[4096];
	unsigned char *data = NULL;
	size_t len = 0;
	struct tz *z = NULL;
	int err;

	for (struct tz *c = tz_cache; c; c = c->next) {
		if (strcmp(c->name, name) == 0) {
			*out = c;
			return TF_OK;
		}
	}
	if (tz_ncache >= TZ_CACHE_MAX)
		return TF_ELIMIT;
	const char *dir = getenv("TZDIR");
	if (dir == NULL || dir[0] == '\0')
		dir = "/usr/share/zoneinfo";
	int w = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (w < 0 || (size_t)w >= sizeof(path))
		return TF_ELIMIT;
	err = tz_read_file(path, &data, &len);
	if (err == TF_ENOTFOUND && strcmp(name, "UTC") == 0)
		err = tz_builtin_utc(name, &z);
	else if (err == TF_OK)
		err = tz_parse(name, data, len, &z);
	free(data);
	if (err != TF_OK)
		return err;
	z->next = tz_cache;
	tz_cache = z;
	tz_ncache++;
	*out = z;
	return TF_OK;
}

int tz_load(const char *name, const struct tz **out)
{
	if (name == NULL || out == NULL || !tz_valid_name(name))
		return TF_EINVAL;
	pthread_mutex_lock(&tz_cache_lock);
	int err = tz_load_locked(name, out);
	pthread_mutex_unlock(&tz_cache_lock);
	return err;
}
