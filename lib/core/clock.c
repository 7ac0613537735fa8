/* clock.c: wall and monotonic time, with an optional shift for tests. */
#include "clock.h"
#include "civil.h"
#include "err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t clock_shift;

int clock_init(void)
{
	const char *fake = getenv("TERMINFON_FAKE_NOW");
	clock_shift = 0;
	if (fake == NULL || *fake == '\0')
		return TF_OK;
	struct civil_time t;
	char tail;
	if (sscanf(fake, "%4d-%2d-%2dT%2d:%2d:%2d%c", &t.date.year, &t.date.month, &t.date.day, &t.hour,
	           &t.minute, &t.second, &tail) != 7 || tail != 'Z' || strlen(fake) != 20 ||
	    !civil_valid(t.date) || t.hour > 23 || t.minute > 59 || t.second > 59)
		return TF_ECONFIG;
	clock_shift = civil_to_seconds(t) - (int64_t)time(NULL);
	return TF_OK;
}

int64_t clock_now(void)
{
	return (int64_t)time(NULL) + clock_shift;
}

long long clock_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
