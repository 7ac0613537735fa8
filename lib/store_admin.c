/* store_admin.c: the lists that operators read (appointments, ...). */
#include "store_int.h"
#include "err.h"

#include <string.h>

enum { AD_APPOINTMENTS, AD__N };
static const char *const admin_sql[AD__N] = {
	[AD_APPOINTMENTS] = "SELECT id, coalesce(lead_id, 0), studio_id, starts_at, ends_at, status, source, call_sid,"
	                    " coalesce(rescheduled_from, 0) FROM appointments"
	                    " WHERE studio_id = ?1 AND starts_at >= ?2 AND starts_at < ?3 ORDER BY starts_at, id LIMIT 10000",
};

int store_appointments_list(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                            struct store_appointment **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, STORE_MOD_ADMIN, AD_APPOINTMENTS, admin_sql);
	if (st == NULL)
		return TF_EDB;
	char from[20], to[20];
	store_format_utc(from_utc, from);
	store_format_utc(to_utc, to);
	sqlite3_bind_int64(st, 1, studio_id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, to);
	size_t cap = 0, len = 0;
	struct store_appointment *list = NULL;
	int rc, err = TF_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct store_appointment *bigger = arena_alloc(a, ncap * sizeof(*bigger));
			if (bigger == NULL) {
				err = TF_ENOMEM;
				break;
			}
			if (len)
				memcpy(bigger, list, len * sizeof(*list));
			list = bigger;
			cap = ncap;
		}
		struct store_appointment *ap = &list[len];
		ap->id = sqlite3_column_int64(st, 0);
		ap->lead_id = sqlite3_column_int64(st, 1);
		ap->studio_id = sqlite3_column_int64(st, 2);
		if (!store_parse_utc((const char *)sqlite3_column_text(st, 3), &ap->start_utc) ||
		    !store_parse_utc((const char *)sqlite3_column_text(st, 4), &ap->end_utc))
			continue;
		ap->status = store_col_text(a, st, 5);
		ap->source = store_col_text(a, st, 6);
		ap->call_sid = store_col_text(a, st, 7);
		ap->rescheduled_from = sqlite3_column_int64(st, 8);
		if (ap->status == NULL || ap->source == NULL) {
			err = TF_ENOMEM;
			break;
		}
		len++;
	}
	if (err == TF_OK && rc != SQLITE_DONE)
		err = store_rc(s, rc);
	sqlite3_reset(st);
	if (err == TF_OK) {
		*out = list;
		*n = len;
	}
	return err;
}
