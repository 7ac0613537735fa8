/* studio.c: stored studio rows turned into calendars. */
#include "studio.h"
#include "err.h"

#include <string.h>

int studio_calendar(const struct store_studio *in, struct schedule_studio *out)
{
	memset(out, 0, sizeof(*out));
	int err = tz_load(in->timezone, &out->tz);
	if (err)
		return TF_ENOTFOUND;
	out->id = in->id;
	out->slot_minutes = in->slot_minutes;
	out->capacity = in->capacity;
	out->lead_minutes = in->lead_minutes;
	out->horizon_days = in->horizon_days;
	for (int d = 0; d < 7; d++) {
		int n = in->nranges[d] < SCHEDULE_MAX_RANGES ? in->nranges[d] : SCHEDULE_MAX_RANGES;
		for (int i = 0; i < n; i++) {
			out->hours[d][i].opens = in->hours[d][i].opens;
			out->hours[d][i].closes = in->hours[d][i].closes;
		}
		out->nranges[d] = n;
	}
	out->closed = in->closed;
	out->nclosed = in->nclosed;
	return schedule_validate(out);
}
