/* clock.h: the one source of "now". Tests and demos may shift the wall clock
 * with TERMINFON_FAKE_NOW=YYYY-MM-DDTHH:MM:SSZ (time keeps running from there). */
#ifndef TERMINFON_CLOCK_H
#define TERMINFON_CLOCK_H

#include <stdint.h>

/* Reads TERMINFON_FAKE_NOW once; TF_ECONFIG when it is set but malformed. */
int clock_init(void);
/* Seconds since the epoch, UTC (shifted when faked). */
int64_t clock_now(void);
/* Microseconds of a monotonic clock, for durations. */
long long clock_mono_us(void);

#endif
