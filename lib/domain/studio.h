/* studio.h: a studio as the calendar sees it, made from its stored row. */
#ifndef TERMINFON_STUDIO_H
#define TERMINFON_STUDIO_H

#include "schedule.h"
#include "store.h"

/* Fills *out from a stored studio; out borrows the studio's closed days, so it
 * lives as long as the studio list. TF_ENOTFOUND when the zone is unknown,
 * TF_EINVAL when the stored settings do not make a valid calendar. */
int studio_calendar(const struct store_studio *in, struct schedule_studio *out);

#endif
