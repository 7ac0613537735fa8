/* studio_route.c: routing a call to a studio, and its transfers to people, by rules
 * kept in the database. */
#include "studio_route.h"
#include "err.h"
#include "studio.h"

#include <string.h>
#include <strings.h>

/* A lone word of a slug or a hyphenated name part is a studio's name only
 * from this many bytes on: "Schwabing" is, "Mitte" is not. */
#define ROUTE_MIN_WORD 6

bool route_studio_open(const struct store_studio *s, int64_t utc)
{
	struct schedule_studio cal;
	if (studio_calendar(s, &cal) != 0)
		return true;
	return schedule_open_at(&cal, utc);
}

const struct store_studio *route_call_studio(const struct store_studios *all, const char *to, const char *from,
                                             const char **why)
{
	const struct store_studio *pick = NULL;
	*why = "none";
	if (all->n == 0)
		return NULL;
	for (size_t i = 0; to && *to && i < all->n && !pick; i++)
		if (*all->list[i].twilio_number && strcmp(all->list[i].twilio_number, to) == 0)
			pick = &all->list[i], *why = "number";
	/* A number called that is no studio's own (a central line): the caller's
	 * area code decides, the longest prefix winning. */
	size_t best = 0;
	for (size_t i = 0; !pick && from && i < all->n; i++) {
		for (int k = 0; k < all->list[i].nprefixes; k++) {
			size_t n = strlen(all->list[i].prefixes[k]);
			if (n > best && strncmp(from, all->list[i].prefixes[k], n) == 0) {
				best = n;
				pick = &all->list[i];
			}
		}
	}
	if (pick && best)
		*why = "area_code";
	for (size_t i = 0; i < all->n && !pick; i++)
		if (all->list[i].is_default)
			pick = &all->list[i], *why = "default";
	if (!pick)
		pick = &all->list[0], *why = "first";
	return pick;
}

const struct store_studio *route_transfer_studio(const struct store_studios *all, const struct store_studio *owner,
                                                 int64_t now_utc)
{
	if (owner == NULL)
		return NULL;
	if (route_studio_open(owner, now_utc))
		return owner;
	const struct store_studio *o = owner->overflow_studio_id ? store_studio_by_id(all, owner->overflow_studio_id) : NULL;
	if (o && o != owner && *o->transfer_number && route_studio_open(o, now_utc))
		return o;
	return NULL;
}

const char *route_transfer_number(const struct store_studios *all, const struct store_studio *owner,
                                  const char *fallback, int64_t now_utc, const char **why)
{
	const char *dummy;
	if (why == NULL)
		why = &dummy;
	const struct store_studio *to = route_transfer_studio(all, owner, now_utc);
	if (to && *to->transfer_number) {
		*why = to == owner ? "studio" : "overflow";
		return to->transfer_number;
	}
	if (fallback && *fallback) {
		*why = "fallback";
		return fallback;
	}
	if (owner && *owner->transfer_number) {
		*why = "closed";
		return owner->transfer_number;
	}
	*why = "none";
	return NULL;
}

/* ---- the names callers use ---- */

static bool names_add(struct route_names *out, const char *name, const struct store_studio *owner)
{
	if (name == NULL || *name == '\0' || out->n >= ROUTE_MAX_NAMES)
		return true;
	for (size_t i = 0; i < out->n; i++)
		if (out->owner[i] == owner && strcasecmp(out->names[i], name) == 0)
			return true;
	out->names[out->n] = name;
	out->owner[out->n] = owner;
	out->n++;
	return true;
}

/* A copy of s[0, n) with hyphens and underscores as spaces ("berlin mitte"). */
static char *phrase(struct arena *a, const char *s, size_t n)
{
	char *p = arena_strndup(a, s, n);
	for (char *q = p; q && *q; q++)
		if (*q == '-' || *q == '_')
			*q = ' ';
	return p;
}

struct word { const char *w; size_t n; };

/* The words of a slug and of the hyphenated parts of a name into out
 * ("Berlin-Mitte" gives "Berlin" and "Mitte"; "Abnehmen im Liegen" gives
 * nothing: those are everyday words); returns how many. */
static size_t place_words(const struct store_studio *s, struct word *out, size_t max)
{
	size_t n = 0;
	const char *texts[2] = { s->slug, s->name };
	for (int k = 0; k < 2; k++) {
		const char *p = texts[k];
		while (p && *p) {
			size_t len = strcspn(p, " ");
			bool hyphenated = k == 0 || memchr(p, '-', len) != NULL;
			for (size_t i = 0; hyphenated && i < len;) {
				size_t wl = strcspn(p + i, "-_ ");
				if (wl > len - i)
					wl = len - i;
				if (wl > 0 && n < max)
					out[n++] = (struct word){ p + i, wl };
				i += wl + 1;
			}
			p += len;
			while (*p == ' ')
				p++;
		}
	}
	return n;
}

static bool word_is(const struct word *w, const char *s)
{
	return s && strlen(s) == w->n && strncasecmp(w->w, s, w->n) == 0;
}

/* Does any other studio use this word (as its city or a place word)? */
static bool word_shared(const struct store_studios *all, const struct store_studio *mine, const struct word *w)
{
	for (size_t i = 0; i < all->n; i++) {
		const struct store_studio *s = &all->list[i];
		if (s == mine)
			continue;
		if (word_is(w, s->city))
			return true;
		struct word theirs[32];
		size_t n = place_words(s, theirs, 32);
		for (size_t k = 0; k < n; k++)
			if (theirs[k].n == w->n && strncasecmp(theirs[k].w, w->w, w->n) == 0)
				return true;
	}
	return false;
}

int route_studio_names(const struct store_studios *all, struct arena *a, struct route_names *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < all->n; i++)
		names_add(out, all->list[i].city, &all->list[i]);
	for (size_t i = 0; i < all->n; i++) {
		const struct store_studio *s = &all->list[i];
		char *name = phrase(a, s->name, strlen(s->name));
		char *slug = phrase(a, s->slug, strlen(s->slug));
		if (name == NULL || slug == NULL)
			return TF_ENOMEM;
		names_add(out, name, s);
		names_add(out, slug, s);
		/* "Berlin-Mitte" inside the name, said as "Berlin Mitte". */
		for (const char *p = s->name; *p;) {
			size_t len = strcspn(p, " ");
			if (memchr(p, '-', len)) {
				char *part = phrase(a, p, len);
				if (part == NULL)
					return TF_ENOMEM;
				names_add(out, part, s);
			}
			p += len;
			while (*p == ' ')
				p++;
		}
	}
	for (size_t i = 0; i < all->n; i++) {
		const struct store_studio *s = &all->list[i];
		struct word words[32];
		size_t n = place_words(s, words, 32);
		for (size_t k = 0; k < n; k++) {
			if (words[k].n < ROUTE_MIN_WORD || word_is(&words[k], s->city) || word_shared(all, s, &words[k]))
				continue;
			char *w = arena_strndup(a, words[k].w, words[k].n);
			if (w == NULL)
				return TF_ENOMEM;
			names_add(out, w, s);
		}
	}
	return TF_OK;
}

const struct store_studio *route_named_studio(const struct route_names *names, const char *name,
                                              const struct store_studio *current)
{
	if (name == NULL)
		return NULL;
	const struct store_studio *first = NULL;
	for (size_t i = 0; i < names->n; i++) {
		if (names->names[i] != name && strcasecmp(names->names[i], name) != 0)
			continue;
		if (names->owner[i] == current)
			return current;
		if (first == NULL)
			first = names->owner[i];
	}
	return first;
}
