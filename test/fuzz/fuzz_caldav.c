/* fuzz_caldav.c: fuzz target for what a CalDAV server answers: the
 * multistatus XML (lib/domain/caldav) and the iCalendar objects in it (lib/domain/ical's
 * busy times); any answer is read or refused cleanly, and every busy time is
 * a real interval inside the window, sorted and disjoint once normalised. */
#include "caldav.h"
#include "err.h"
#include "ical.h"
#include "tz.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FROM 1795510800LL                /* 2026-11-24 09:00 UTC */
#define TO (FROM + 62 * 86400LL)

struct ctx {
	const struct tz *zone;
	struct ical_busy_list l;
};

static int each(const char *ics, size_t len, void *p)
{
	struct ctx *c = p;
	int err = ical_busy_parse(ics, len, c->zone, FROM, TO, "terminfon-x-", &c->l);
	if (err != TF_OK && err != TF_EINVAL)
		abort();
	return TF_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 16))
		return 0;
	struct ctx c;
	memset(&c, 0, sizeof(c));
	if (tz_load("Europe/Berlin", &c.zone) != TF_OK)
		abort();
	/* The input as a whole answer, and as one calendar object. */
	int err = caldav_parse_multistatus((const char *)data, size, each, &c);
	if (err != TF_OK && err != TF_EUPSTREAM)
		abort();
	each((const char *)data, size, &c);
	ical_busy_normalize(&c.l);
	for (size_t i = 0; i < c.l.n; i++) {
		if (c.l.v[i].end_utc <= c.l.v[i].start_utc || c.l.v[i].end_utc <= FROM || c.l.v[i].start_utc >= TO)
			abort();
		if (i > 0 && c.l.v[i - 1].end_utc >= c.l.v[i].start_utc)
			abort();
	}
	ical_busy_free(&c.l);
	return 0;
}
