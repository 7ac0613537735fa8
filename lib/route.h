/* route.h: which studio takes a call. The rules are data (studios table):
 * the called number, then the caller's area code, then the default studio;
 * a studio closed right now hands the call to its overflow studio when that
 * one is open. */
#ifndef TERMINFON_ROUTE_H
#define TERMINFON_ROUTE_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/* NULL only when there are no studios at all. *why names the rule that
 * decided ("number", "area_code", "default", "first", plus "+overflow"). */
const struct store_studio *route_studio(const struct store_studios *all, const char *to, const char *from,
                                        int64_t now_utc, const char **why);
/* Is the studio open at this instant (its hours in its own zone, minus its
 * closed days)? A studio whose zone cannot be loaded counts as open. */
bool route_studio_open(const struct store_studio *s, int64_t utc);

#endif
