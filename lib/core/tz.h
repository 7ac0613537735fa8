/* tz.h: time zones from compiled TZif files, turning UTC instants into wall-clock times and back. */
#ifndef TERMINFON_TZ_H
#define TERMINFON_TZ_H

#include <stddef.h>
#include <stdint.h>

#include "civil.h"

#define TZ_NAME_MAX   128          /* longest zone name accepted ("America/Argentina/ComodRivadavia" is 32) */
#define TZ_FILE_MAX   (256 * 1024) /* largest TZif file read; real ones are under 4 KiB */
#define TZ_CACHE_MAX  64           /* distinct zones one process keeps loaded */
/* Instants the functions below are meant for: years 1900 to 9999. Outside,
 * tz_offset() and tz_to_local() clamp into the range (never overflow). */
#define TZ_UTC_MIN    INT64_C(-2208988800)    /* 1900-01-01 00:00:00Z */
#define TZ_UTC_MAX    INT64_C(253402300799)   /* 9999-12-31 23:59:59Z */

struct tz;

/* Loads the zone `name` ("Europe/Berlin") from $TZDIR, or /usr/share/zoneinfo
 * when TZDIR is unset or empty. Zones are kept in a process-wide cache for the
 * life of the process: the same name gives the same pointer, which the caller
 * never frees and may share freely (a zone is immutable once loaded).
 * "UTC" is built in when no file is found.
 * Fails with TF_EINVAL for a malformed name (empty, too long, a leading '/',
 * an empty component, or any character outside [A-Za-z0-9_+-/]) or a
 * malformed file, TF_ENOTFOUND when there is no such zone file,
 * TF_ELIMIT when the cache is full or the file too large, TF_ENOMEM. */
int tz_load(const char *name, const struct tz **out);

/* Parses a TZif image (v1, v2 or v3; the 64-bit data and the POSIX TZ footer
 * are used when present) into a new zone that the caller owns and releases
 * with tz_free(). Nothing is cached. `name` is copied (truncated to
 * TZ_NAME_MAX - 1 bytes). Fails with TF_EINVAL on a malformed image or
 * footer, TF_ELIMIT on absurd counts, TF_ENOMEM. */
int tz_parse(const char *name, const unsigned char *data, size_t len, struct tz **out);

/* Releases a zone from tz_parse(); never pass one from tz_load(). NULL is fine. */
void tz_free(struct tz *z);

/* The wall-clock time in zone z at the instant `utc` (seconds since the
 * epoch), and the UTC offset in seconds (east positive) through offset_out
 * when it is not NULL. Cannot fail (see TZ_UTC_MIN for the range). */
struct civil_time tz_to_local(const struct tz *z, int64_t utc, int *offset_out);

/* The UTC offset in seconds (east positive) in zone z at the instant `utc`. */
int tz_offset(const struct tz *z, int64_t utc);

/* The instant at which the wall clock in zone z shows `local`. A wall time
 * that the clocks skip (02:30 on the last Sunday of March in Berlin) fails
 * with TF_EINVAL; one that happens twice (02:30 on the last Sunday of
 * October) gives the earlier instant (still on summer time). A field out of
 * range (month 13, hour 24, a year outside 1900..9999) fails with TF_EINVAL.
 * *utc is written only on success. */
int tz_from_local(const struct tz *z, struct civil_time local, int64_t *utc);

/* The name the zone was loaded under; owned by the zone. */
const char *tz_name(const struct tz *z);

#endif
