/* greet.h: the first words a caller hears. */
#ifndef TERMINFON_GREET_H
#define TERMINFON_GREET_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the German welcome into out: by time of day (local hour of the
 * studio), by name for a caller we know (name NULL or "" for a new one),
 * whether the studio is open now, and the callback key. TF_ELIMIT when out
 * is too small (the text is cut). */
int greet_welcome(char *out, size_t n, const char *studio_name, const char *caller_name, int local_hour,
                  bool open_now);

#endif
