/* route.c: routing a call to a studio by rules kept in the database. */
#include "route.h"
#include "studio.h"

#include <string.h>

bool route_studio_open(const struct store_studio *s, int64_t utc)
{
	struct schedule_studio cal;
	if (studio_calendar(s, &cal) != 0)
		return true;
	return schedule_open_at(&cal, utc);
}

const struct store_studio *route_studio(const struct store_studios *all, const char *to, const char *from,
                                        int64_t now_utc, const char **why)
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
	if (!pick) {
		for (size_t i = 0; i < all->n && !pick; i++)
			if (all->list[i].is_default)
				pick = &all->list[i], *why = "default";
	}
	if (!pick)
		pick = &all->list[0], *why = "first";

	if (pick->overflow_studio_id && !route_studio_open(pick, now_utc)) {
		const struct store_studio *o = store_studio_by_id(all, pick->overflow_studio_id);
		if (o && route_studio_open(o, now_utc)) {
			pick = o;
			*why = strcmp(*why, "number") == 0 ? "number+overflow" :
			       strcmp(*why, "area_code") == 0 ? "area_code+overflow" : "default+overflow";
		}
	}
	return pick;
}
