/* db.c: picks the driver of db.h from the target a store is opened with. */
#include "db.h"

#include <string.h>
#include <strings.h>

bool db_target_is_postgres(const char *target)
{
	return target != NULL && (strncasecmp(target, "postgresql://", 13) == 0 ||
	                          strncasecmp(target, "postgres://", 11) == 0);
}

int db_open(const char *target, int busy_timeout_ms, struct db **out, char *err, size_t errn)
{
	if (db_target_is_postgres(target))
		return db_pg_open(target, busy_timeout_ms, out, err, errn);
	return db_sqlite_open(target, busy_timeout_ms, out, err, errn);
}
