/* store_day.c: the studio's day for the dashboard and its staff: today's
 * appointments, open callbacks, the waiting line, attendance (came / no-show),
 * the caller's SMS answer to a reminder, and the rows the trend charts are
 * counted from. Names and numbers are opened only when the caller of a
 * function asks for them; a number leaves only masked. */
#include "store_int.h"
#include "err.h"
#include "log.h"
#include "tf_limits.h"

#include <stdint.h>
#include <string.h>

#define DY_NO_TEST_APPT " a.source <> '" STORE_TEST_SESSION "'"

enum {
	DY_APPOINTMENTS, DY_CALLBACKS, DY_CALLBACK_HANDLE, DY_CALLBACK_GET, DY_WAITING, DY_ATTENDANCE, DY_REMINDED,
	DY_CONFIRM, DY_INBOUND_GET, DY_INBOUND_PUT, DY_TREND_CALLS, DY_TREND_BOOKINGS, DY_TREND_VISITS, DY_NO_SHOW_LEADS,
	DY__N
};
_Static_assert(DY__N <= STORE_MOD_MAX_STMTS, "too many statements for one store module");

static const char *const day_sql[DY__N] = {
	[DY_APPOINTMENTS] =
		"SELECT a.id, coalesce(a.lead_id, 0), a.studio_id, a.starts_at, a.status, a.source, a.confirmed_at IS NOT NULL,"
		" l.phone_enc, l.name_enc FROM appointments a LEFT JOIN leads l ON l.id = a.lead_id"
		" WHERE (?1 = 0 OR a.studio_id = ?1) AND a.starts_at >= ?2 AND a.starts_at < ?3"
		" AND a.status IN ('booked', 'completed', 'no_show') AND" DY_NO_TEST_APPT
		" ORDER BY a.starts_at, a.id",
	[DY_CALLBACKS] =
		"SELECT c.id, coalesce(c.lead_id, 0), coalesce(c.studio_id, 0), c.reason, c.status, c.created_at,"
		" coalesce(c.last_result, ''), c.attempts, l.phone_enc, l.name_enc"
		" FROM callback_requests c LEFT JOIN leads l ON l.id = c.lead_id"
		" WHERE (?1 = 0 OR c.studio_id = ?1) AND c.status IN ('pending', 'calling', 'failed')"
		" ORDER BY c.created_at, c.id LIMIT ?2",
	[DY_CALLBACK_HANDLE] =
		"UPDATE callback_requests SET status = ?2, handled_at = ?3, handled_by = ?4, updated_at = ?3"
		" WHERE id = ?1 AND status IN ('pending', 'calling', 'failed')",
	[DY_CALLBACK_GET] = "SELECT coalesce(studio_id, 0), status FROM callback_requests WHERE id = ?1",
	[DY_WAITING] =
		"SELECT h.id, coalesce(h.studio_id, 0), h.enqueued_at, h.position, l.phone_enc, l.name_enc"
		" FROM handoffs h LEFT JOIN lead_call_logs c ON c.call_sid = h.call_sid LEFT JOIN leads l ON l.id = c.lead_id"
		" WHERE h.state = 'waiting' AND (?1 = 0 OR h.studio_id = ?1) ORDER BY h.enqueued_at, h.id",
	[DY_ATTENDANCE] =
		"UPDATE appointments SET status = ?2, attendance_marked_at = ?3, attendance_marked_by = ?4, updated_at = ?3"
		" WHERE id = ?1 AND status IN ('booked', 'completed', 'no_show') AND starts_at <= ?3",
	[DY_REMINDED] =
		"SELECT id, coalesce(lead_id, 0), studio_id, starts_at, ends_at, status, source, call_sid,"
		" coalesce(rescheduled_from, 0) FROM appointments"
		" WHERE lead_id = ?1 AND status = 'booked' AND starts_at > ?2 AND reminder_queued_at IS NOT NULL"
		" ORDER BY starts_at LIMIT 1",
	[DY_CONFIRM] = "UPDATE appointments SET confirmed_at = coalesce(confirmed_at, ?2), updated_at = ?2"
	               " WHERE id = ?1 AND status = 'booked'",
	[DY_INBOUND_GET] = "SELECT action, coalesce(appointment_id, 0) FROM sms_inbound WHERE message_sid = ?1",
	[DY_INBOUND_PUT] = "INSERT INTO sms_inbound (message_sid, lead_id, appointment_id, answer, action, created_at)"
	                   " VALUES (?1, nullif(?2, 0), nullif(?3, 0), ?4, ?5, ?6) ON CONFLICT DO NOTHING",
	/* A call whose last turn answered an information question (opening
	 * hours, address) was served: info_answered (older rows kept
	 * 'abandoned' for it). */
	[DY_TREND_CALLS] =
		"SELECT coalesce(c.studio_id, 0), c.started_at, c.outcome,"
		" CASE WHEN lower((SELECT d.intent FROM dialogflow_conversations d WHERE d.call_sid = c.call_sid"
		"   ORDER BY d.turn DESC LIMIT 1)) LIKE 'info%' THEN 1 ELSE 0 END"
		" FROM lead_call_logs c WHERE (?1 = 0 OR c.studio_id = ?1) AND c.started_at >= ?2 AND c.started_at < ?3"
		" AND c.direction <> '" STORE_TEST_SESSION "'",
	[DY_TREND_BOOKINGS] =
		"SELECT a.studio_id, a.created_at FROM appointments a"
		" WHERE (?1 = 0 OR a.studio_id = ?1) AND a.created_at >= ?2 AND a.created_at < ?3"
		" AND a.rescheduled_from IS NULL AND" DY_NO_TEST_APPT,
	[DY_TREND_VISITS] =
		"SELECT a.studio_id, coalesce(a.lead_id, 0), a.starts_at, a.status, coalesce(l.source, 'unbekannt')"
		" FROM appointments a LEFT JOIN leads l ON l.id = a.lead_id"
		" WHERE (?1 = 0 OR a.studio_id = ?1) AND a.starts_at >= ?2 AND a.starts_at < ?3"
		" AND a.status IN ('booked', 'completed', 'no_show') AND" DY_NO_TEST_APPT,
	[DY_NO_SHOW_LEADS] =
		"SELECT l.id, count(*) AS n, l.phone_enc, l.name_enc FROM appointments a JOIN leads l ON l.id = a.lead_id"
		" WHERE a.status = 'no_show' AND (?1 = 0 OR a.studio_id = ?1)"
		" GROUP BY l.id HAVING count(*) >= ?2 ORDER BY n DESC, l.id LIMIT 50",
};

static struct db_stmt *prepare(struct store *s, int idx)
{
	return store_stmt(s, STORE_MOD_DAY, idx, day_sql);
}

/* Overwrites a string that held a clear number before the arena forgets it. */
static void wipe(const char *p)
{
	if (p == NULL)
		return;
	volatile char *v = (volatile char *)(uintptr_t)p;
	while (*v)
		*v++ = '\0';
}

/* The masked number (column i) and name (column i + 1) of a lead, each only
 * when asked for; a value sealed under a key no longer configured reads
 * "***". */
static int person(struct store *s, struct arena *a, struct db_stmt *st, int i, bool with_phone, bool with_name,
                  const char **phone, const char **name)
{
	*phone = *name = NULL;
	if (with_phone && db_column_type(st, i) != DB_NULL) {
		const char *clear = NULL;
		int err = store_col_sealed(s, a, st, i, "leads.phone", &clear);
		if (err == TF_EAUTH || err == TF_EINVAL || (err == TF_OK && clear == NULL)) {
			*phone = "***";
		} else if (err) {
			return err;
		} else {
			char buf[TF_MAX_PHONE + 8];
			log_mask_phone(clear, buf, sizeof(buf));
			wipe(clear);
			if ((*phone = arena_strdup(a, buf)) == NULL)
				return TF_ENOMEM;
		}
	}
	if (with_name && db_column_type(st, i + 1) != DB_NULL) {
		int err = store_col_sealed(s, a, st, i + 1, "leads.name", name);
		if (err == TF_EAUTH || err == TF_EINVAL)
			*name = "***";
		else if (err)
			return err;
	}
	return TF_OK;
}

static int64_t col_utc(struct db_stmt *st, int i)
{
	int64_t t = 0;
	const char *v = db_column_text(st, i);
	if (v == NULL || !store_parse_utc(v, &t))
		return 0;
	return t;
}

/* What the row readers below open: store_read_rows hands a reader no
 * context, so the listing function sets this for the length of its read. */
struct who {
	bool phone, name;
};
static const struct who *day_who;

static int row_appointment(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_day_appointment *r = row;
	r->id = db_column_int64(st, 0);
	r->lead_id = db_column_int64(st, 1);
	r->studio_id = db_column_int64(st, 2);
	r->start_utc = col_utc(st, 3);
	r->status = store_col_text(a, st, 4);
	r->source = store_col_text(a, st, 5);
	r->confirmed = db_column_int(st, 6) != 0;
	if (r->status == NULL || r->source == NULL)
		return TF_ENOMEM;
	return person(s, a, st, 7, day_who->phone, day_who->name, &r->caller, &r->name);
}

/* Reads the rows of st with the person columns as asked (phone, name); the
 * list lives in a, *list is NULL on failure. */
static int read_people(struct store *s, struct arena *a, struct db_stmt *st, bool with_phone, bool with_name,
                       size_t size, store_row_reader fn, void **list, size_t *n)
{
	struct who w = { with_phone, with_name };
	day_who = &w;
	void *rows;
	int err = store_read_rows(s, a, st, 0, size, fn, &rows, n, NULL);
	day_who = NULL;
	*list = err == TF_OK ? rows : NULL;
	return err;
}

int store_day_appointments(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                           bool with_phone, bool with_name, struct store_day_appointment **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = prepare(s, DY_APPOINTMENTS);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, from_utc);
	store_bind_utc(st, 3, to_utc);
	void *list;
	int err = read_people(s, a, st, with_phone, with_name, sizeof(struct store_day_appointment),
	                      row_appointment, &list, n);
	*out = list;
	return err;
}

static int row_callback(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_day_callback *r = row;
	r->id = db_column_int64(st, 0);
	r->lead_id = db_column_int64(st, 1);
	r->studio_id = db_column_int64(st, 2);
	r->reason = store_col_text(a, st, 3);
	r->status = store_col_text(a, st, 4);
	r->created_at = store_col_text(a, st, 5);
	r->last_result = store_col_text(a, st, 6);
	r->attempts = db_column_int(st, 7);
	if (!r->reason || !r->status || !r->created_at || !r->last_result)
		return TF_ENOMEM;
	return person(s, a, st, 8, day_who->phone, day_who->name, &r->caller, &r->name);
}

int store_day_callbacks(struct store *s, struct arena *a, int64_t studio_id, bool with_phone, bool with_name, int limit,
                        struct store_day_callback **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = prepare(s, DY_CALLBACKS);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	db_bind_int64(st, 2, limit);
	void *list;
	int err = read_people(s, a, st, with_phone, with_name, sizeof(struct store_day_callback), row_callback, &list, n);
	*out = list;
	return err;
}

int store_callback_handle(struct store *s, int64_t id, int64_t studio_id, const char *result, const char *actor,
                          int64_t now_utc)
{
	if (result == NULL || (strcmp(result, "done") != 0 && strcmp(result, "unreachable") != 0))
		return TF_EINVAL;
	struct db_stmt *st = prepare(s, DY_CALLBACK_GET);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	int rc = db_step(st);
	int64_t row_studio = rc == DB_ROW ? db_column_int64(st, 0) : 0;
	db_reset(st);
	if (rc == DB_DONE)
		return TF_ENOTFOUND;
	if (rc != DB_ROW)
		return store_rc(s, rc);
	if (studio_id && row_studio != studio_id)
		return TF_ENOTFOUND;
	if ((st = prepare(s, DY_CALLBACK_HANDLE)) == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, result);
	store_bind_utc(st, 3, now_utc);
	store_bind_text(st, 4, actor);
	int err = store_exec_stmt(s, st);
	if (err)
		return err;
	return db_changes(s->db) == 1 ? TF_OK : TF_ECONFLICT;
}

static int row_waiting(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_day_waiting *r = row;
	r->id = db_column_int64(st, 0);
	r->studio_id = db_column_int64(st, 1);
	r->enqueued_utc = col_utc(st, 2);
	r->position = db_column_int(st, 3);
	return person(s, a, st, 4, day_who->phone, day_who->name, &r->caller, &r->name);
}

int store_day_waiting(struct store *s, struct arena *a, int64_t studio_id, bool with_phone, bool with_name,
                      struct store_day_waiting **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = prepare(s, DY_WAITING);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	void *list;
	int err = read_people(s, a, st, with_phone, with_name, sizeof(struct store_day_waiting), row_waiting, &list, n);
	*out = list;
	return err;
}

int store_appointment_attendance(struct store *s, int64_t id, bool attended, const char *actor, int64_t now_utc)
{
	struct db_stmt *st = prepare(s, DY_ATTENDANCE);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, attended ? "completed" : "no_show");
	store_bind_utc(st, 3, now_utc);
	store_bind_text(st, 4, actor);
	int err = store_exec_stmt(s, st);
	if (err)
		return err;
	return db_changes(s->db) == 1 ? TF_OK : TF_ECONFLICT;
}

int store_lead_reminded_appointment(struct store *s, struct arena *a, int64_t lead_id, int64_t now_utc,
                                    struct store_appointment *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = prepare(s, DY_REMINDED);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, lead_id);
	store_bind_utc(st, 2, now_utc);
	int err = store_step_one(s, st);
	if (err == TF_OK)
		err = store_col_appointment(a, st, out);
	db_reset(st);
	return err;
}

int store_appointment_confirm(struct store *s, int64_t id, int64_t now_utc)
{
	struct db_stmt *st = prepare(s, DY_CONFIRM);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_utc(st, 2, now_utc);
	int err = store_exec_stmt(s, st);
	if (err)
		return err;
	return db_changes(s->db) == 1 ? TF_OK : TF_ECONFLICT;
}

int store_sms_inbound_get(struct store *s, struct arena *a, const char *message_sid, const char **action,
                          int64_t *appointment_id)
{
	*action = NULL;
	*appointment_id = 0;
	struct db_stmt *st = prepare(s, DY_INBOUND_GET);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, message_sid);
	int err = store_step_one(s, st);
	if (err == TF_OK) {
		*action = store_col_text(a, st, 0);
		*appointment_id = db_column_int64(st, 1);
		if (*action == NULL)
			err = TF_ENOMEM;
	}
	db_reset(st);
	return err;
}

int store_sms_inbound_put(struct store *s, const char *message_sid, int64_t lead_id, int64_t appointment_id,
                          const char *answer, const char *action, int64_t now_utc)
{
	struct db_stmt *st = prepare(s, DY_INBOUND_PUT);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, message_sid);
	db_bind_int64(st, 2, lead_id);
	db_bind_int64(st, 3, appointment_id);
	store_bind_text(st, 4, answer);
	store_bind_text(st, 5, action);
	store_bind_utc(st, 6, now_utc);
	return store_exec_stmt(s, st);
}

static void bind_range(struct db_stmt *st, int64_t studio_id, int64_t from_utc, int64_t to_utc)
{
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, from_utc);
	store_bind_utc(st, 3, to_utc);
}

/* Reads the trend rows of one studio and time range; the list lives in a. */
static int read_range(struct store *s, struct arena *a, int stmt, int64_t studio_id, int64_t from_utc,
                      int64_t to_utc, size_t size, store_row_reader fn, void **list, size_t *n)
{
	*list = NULL;
	*n = 0;
	struct db_stmt *st = prepare(s, stmt);
	if (st == NULL)
		return TF_EDB;
	bind_range(st, studio_id, from_utc, to_utc);
	void *rows;
	int err = store_read_rows(s, a, st, 0, size, fn, &rows, n, NULL);
	if (err == TF_OK)
		*list = rows;
	return err;
}

static int row_trend_call(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	struct store_trend_call *r = row;
	r->studio_id = db_column_int64(st, 0);
	r->start_utc = col_utc(st, 1);
	r->outcome = store_col_text(a, st, 2);
	r->info_answered = db_column_int(st, 3) != 0;
	return r->outcome == NULL && db_column_type(st, 2) != DB_NULL ? TF_ENOMEM : TF_OK;
}

int store_trend_calls(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                      struct store_trend_call **out, size_t *n)
{
	void *list;
	int err = read_range(s, a, DY_TREND_CALLS, studio_id, from_utc, to_utc, sizeof(struct store_trend_call),
	                     row_trend_call, &list, n);
	*out = list;
	return err;
}

static int row_trend_booking(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	(void)a;
	struct store_trend_booking *r = row;
	r->studio_id = db_column_int64(st, 0);
	r->made_utc = col_utc(st, 1);
	return TF_OK;
}

int store_trend_bookings(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                         struct store_trend_booking **out, size_t *n)
{
	void *list;
	int err = read_range(s, a, DY_TREND_BOOKINGS, studio_id, from_utc, to_utc, sizeof(struct store_trend_booking),
	                     row_trend_booking, &list, n);
	*out = list;
	return err;
}

static int row_trend_visit(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	struct store_trend_visit *r = row;
	r->studio_id = db_column_int64(st, 0);
	r->lead_id = db_column_int64(st, 1);
	r->start_utc = col_utc(st, 2);
	r->status = store_col_text(a, st, 3);
	r->lead_source = store_col_text(a, st, 4);
	return r->status && r->lead_source ? TF_OK : TF_ENOMEM;
}

int store_trend_visits(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
                       struct store_trend_visit **out, size_t *n)
{
	void *list;
	int err = read_range(s, a, DY_TREND_VISITS, studio_id, from_utc, to_utc, sizeof(struct store_trend_visit),
	                     row_trend_visit, &list, n);
	*out = list;
	return err;
}

static int row_flagged(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_flagged_lead *r = row;
	r->lead_id = db_column_int64(st, 0);
	r->no_shows = (long)db_column_int64(st, 1);
	return person(s, a, st, 2, day_who->phone, day_who->name, &r->caller, &r->name);
}

int store_leads_no_show(struct store *s, struct arena *a, int64_t studio_id, int min_no_shows, bool with_phone,
                        bool with_name, struct store_flagged_lead **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = prepare(s, DY_NO_SHOW_LEADS);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	db_bind_int64(st, 2, min_no_shows);
	void *list;
	int err = read_people(s, a, st, with_phone, with_name, sizeof(struct store_flagged_lead), row_flagged, &list, n);
	*out = list;
	return err;
}
