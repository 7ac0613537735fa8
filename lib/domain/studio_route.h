/* studio_route.h: which studio a call belongs to and whose people a caller is put
 * through to. The rules are data (studios table). A call belongs to the
 * studio whose number was called, else whose area code matched the caller,
 * else the default studio, for the whole call and around the clock; only the
 * hand-over to a person follows the opening hours: while the call's studio
 * is closed, its overflow studio's staff take the transfers when that one is
 * open. A caller may name another studio ("lieber in München"); the names
 * callers use for studios come from the same rows. */
#ifndef TERMINFON_STUDIO_ROUTE_H
#define TERMINFON_STUDIO_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "store.h"

/* The studio the call belongs to. NULL only when there are no studios at
 * all. *why names the rule that decided ("number", "area_code", "default",
 * "first"). The clock plays no part: a closed studio keeps its calls. */
const struct store_studio *route_call_studio(const struct store_studios *all, const char *to, const char *from,
                                             const char **why);

/* Whose staff a caller of `owner` is put through to at this instant: owner
 * while it is open; while it is closed, its overflow studio when that one is
 * open and has a transfer number; NULL when neither (the fallback number
 * then). */
const struct store_studio *route_transfer_studio(const struct store_studios *all, const struct store_studio *owner,
                                                 int64_t now_utc);

/* The number a caller of `owner` is put through to: the transfer studio's
 * transfer number, else `fallback` (FALLBACK_PHONE_NUMBER, NULL or "" when
 * unset), else owner's own transfer number even while it is closed; NULL
 * when there is none at all. *why (may be NULL) says which ("studio",
 * "overflow", "fallback", "closed"). The result points into the studio or
 * into fallback. */
const char *route_transfer_number(const struct store_studios *all, const struct store_studio *owner,
                                  const char *fallback, int64_t now_utc, const char **why);

/* Is the studio open at this instant (its hours in its own zone, minus its
 * closed days)? A studio whose zone cannot be loaded counts as open. */
bool route_studio_open(const struct store_studio *s, int64_t utc);

#define ROUTE_MAX_NAMES 64

/* The words callers use for the studios, for the German understanding: every
 * city, each studio's name and slug as a phrase ("berlin mitte" of
 * "Berlin-Mitte"), and single words of a name or slug that belong to one
 * studio only and are long enough not to be everyday words ("Schwabing";
 * "Mitte" is left out: "Mitte nächster Woche"). The understanding also
 * takes adjectival forms of one-word names ("Münchner", "Berliner"). */
struct route_names {
	const char *names[ROUTE_MAX_NAMES];
	const struct store_studio *owner[ROUTE_MAX_NAMES];
	size_t n;
};

/* Fills *out; its strings live in the arena or in the studios. Names past
 * ROUTE_MAX_NAMES are dropped (cities first, so every city is kept).
 * TF_ENOMEM when the arena is full. */
int route_studio_names(const struct store_studios *all, struct arena *a, struct route_names *out);

/* The studio a name from out->names (the same pointer, or equal text) stands
 * for; when several studios share it (two studios in one city), `current`
 * wins if it is one of them. NULL for a name that is none of them. */
const struct store_studio *route_named_studio(const struct route_names *names, const char *name,
                                              const struct store_studio *current);

#endif
