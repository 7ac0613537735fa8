/* store_copy.h: `terminfon copy-db`, everything one database holds copied
 * into another (SQLite to PostgreSQL when an installation moves; either
 * direction works). Sealed columns are copied as they are: the same
 * TERMINFON_DATA_KEY opens them on the other side. */
#ifndef TERMINFON_STORE_COPY_H
#define TERMINFON_STORE_COPY_H

#include <stdio.h>

/* Copies every table of `from` into `to` in one transaction of the target,
 * after migrating the target to this binary's schema. Refuses (TF_ECONFLICT)
 * a target that holds any row already and (TF_EINVAL) a source whose
 * migrations are not this binary's (migrate it first). Afterwards counts the
 * rows of every table on both sides: a difference is TF_EDB and the copy is
 * rolled back. Writes one line per table to `out` (may be NULL). err gets
 * one line on failure. */
int store_copy(const char *from, const char *to, int busy_timeout_ms, FILE *out, char *err, size_t errn);

#endif
