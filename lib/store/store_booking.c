/* store_booking.c: appointments, lead updates and the SMS outbox rows that
 * lib/domain/booking.c combines into one transaction per booking. */
#include "store_int.h"
#include "crypto.h"
#include "err.h"

#include <stdio.h>
#include <string.h>

enum {
	B_BUSY, B_BOOKED_AT, B_NEXT, B_GET, B_INSERT, B_SET_STATUS, B_LEAD_PHONE, B_LEAD_STATUS,
	B_LEAD_NAME, B_LEAD_SENTIMENT, B_SMS_INSERT, B__N
};
static const char *const booking_sql[B__N] = {
	[B_BUSY] = "SELECT starts_at, count(*) FROM appointments"
	           " WHERE studio_id = ?1 AND status = 'booked' AND starts_at >= ?2 AND starts_at < ?3"
	           " GROUP BY starts_at ORDER BY starts_at",
	[B_BOOKED_AT] = "SELECT count(*) FROM appointments WHERE studio_id = ?1 AND starts_at = ?2 AND status = 'booked'",
	[B_NEXT] = "SELECT id, lead_id, studio_id, starts_at, ends_at, status, source, call_sid, coalesce(rescheduled_from, 0)"
	           " FROM appointments WHERE lead_id = ?1 AND status = 'booked' AND starts_at > ?2"
	           " ORDER BY starts_at LIMIT 1",
	[B_GET] = "SELECT id, coalesce(lead_id, 0), studio_id, starts_at, ends_at, status, source, call_sid,"
	          " coalesce(rescheduled_from, 0) FROM appointments WHERE id = ?1",
	[B_INSERT] = "INSERT INTO appointments (lead_id, studio_id, starts_at, ends_at, status, source, call_sid,"
	             " rescheduled_from, created_at, updated_at)"
	             " VALUES (nullif(?1, 0), ?2, ?3, ?4, 'booked', ?5, ?6, nullif(?7, 0), ?8, ?8) RETURNING id",
	[B_SET_STATUS] = "UPDATE appointments SET status = ?2, updated_at = ?3,"
	                 " cancelled_at = CASE WHEN ?2 IN ('cancelled', 'rescheduled') THEN ?3 ELSE cancelled_at END"
	                 " WHERE id = ?1",
	[B_LEAD_PHONE] = "SELECT phone_enc FROM leads WHERE id = ?1",
	[B_LEAD_STATUS] = "UPDATE leads SET status = ?2, updated_at = ?3 WHERE id = ?1",
	[B_LEAD_NAME] = "UPDATE leads SET name_enc = ?2, updated_at = ?3 WHERE id = ?1",
	[B_LEAD_SENTIMENT] = "UPDATE leads SET sentiment = ?2, updated_at = ?3 WHERE id = ?1",
	[B_SMS_INSERT] = "INSERT INTO sms_outbox (lead_id, appointment_id, kind, dedupe_key, to_enc, from_number, body_enc,"
	                 " next_attempt_at, created_at, updated_at)"
	                 " VALUES (nullif(?1, 0), nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)"
	                 " ON CONFLICT (dedupe_key) DO NOTHING",
};

void store_format_utc(int64_t utc, char out[20])
{
	struct civil_time t = civil_from_seconds(utc);
	unsigned y = (unsigned)t.date.year % 10000, mo = (unsigned)t.date.month % 13, d = (unsigned)t.date.day % 32;
	unsigned h = (unsigned)t.hour % 24, mi = (unsigned)t.minute % 60, se = (unsigned)t.second % 60;
	snprintf(out, 20, "%04u-%02u-%02u %02u:%02u:%02u", y, mo, d, h, mi, se);
}

bool store_parse_utc(const char *s, int64_t *utc)
{
	char date[11];
	if (s == NULL || strlen(s) != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	struct civil_time t;
	if (!civil_parse_date(date, &t.date))
		return false;
	int v[3];
	for (int i = 0; i < 3; i++) {
		const char *p = s + 11 + 3 * i;
		if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
			return false;
		v[i] = (p[0] - '0') * 10 + (p[1] - '0');
	}
	if (v[0] > 23 || v[1] > 59 || v[2] > 59)
		return false;
	t.hour = v[0];
	t.minute = v[1];
	t.second = v[2];
	*utc = civil_to_seconds(t);
	return true;
}

/* A row of B_BUSY: a slot's start and how many it holds; a malformed start is skipped. */
static int row_busy(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	(void)s;
	(void)a;
	struct schedule_busy *b = row;
	if (!store_parse_utc(db_column_text(st, 0), &b->start_utc))
		return STORE_ROW_SKIP;
	b->booked = db_column_int(st, 1);
	return TF_OK;
}

int store_busy(struct store *s, struct arena *a, int64_t studio_id, int64_t from_utc, int64_t to_utc,
               struct schedule_busy **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, B_BUSY, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, from_utc);
	store_bind_utc(st, 3, to_utc);
	void *list;
	int err = store_read_rows(s, a, st, 0, sizeof(struct schedule_busy), row_busy, &list, n, NULL);
	*out = list;
	return err;
}

int store_booked_at(struct store *s, int64_t studio_id, int64_t start_utc, int *count)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, B_BOOKED_AT, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, studio_id);
	store_bind_utc(st, 2, start_utc);
	int rc = db_step(st);
	*count = rc == DB_ROW ? db_column_int(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW ? TF_OK : store_rc(s, rc);
}

static int one_appointment(struct store *s, struct arena *a, struct db_stmt *st, struct store_appointment *out)
{
	int rc = db_step(st), err;
	if (rc == DB_ROW)
		err = store_col_appointment(a, st, out);
	else
		err = rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
	db_reset(st);
	return err;
}

int store_lead_next_appointment(struct store *s, struct arena *a, int64_t lead_id, int64_t now_utc,
                                struct store_appointment *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, B_NEXT, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, lead_id);
	store_bind_utc(st, 2, now_utc);
	return one_appointment(s, a, st, out);
}

int store_appointment_get(struct store *s, struct arena *a, int64_t id, struct store_appointment *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, B_GET, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	return one_appointment(s, a, st, out);
}

int store_appointment_insert(struct store *s, const struct store_appointment *in, int64_t *id)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, B_INSERT, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, in->lead_id);
	db_bind_int64(st, 2, in->studio_id);
	store_bind_utc(st, 3, in->start_utc);
	store_bind_utc(st, 4, in->end_utc);
	store_bind_text(st, 5, in->source ? in->source : "phone");
	store_bind_text(st, 6, in->call_sid);
	db_bind_int64(st, 7, in->rescheduled_from);
	store_bind_now(st, 8);
	int err = store_step_one(s, st);
	if (err == TF_OK)
		*id = db_column_int64(st, 0);
	db_reset(st);
	return err == TF_ENOTFOUND ? TF_EDB : err;
}

int store_appointment_set_status(struct store *s, int64_t id, const char *status)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, B_SET_STATUS, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, status);
	store_bind_now(st, 3);
	int err = store_exec_stmt(s, st);
	if (err == TF_OK && db_changes(s->db) == 0)
		err = TF_ENOTFOUND;
	return err;
}

int store_lead_phone(struct store *s, struct arena *a, int64_t lead_id, const char **phone)
{
	*phone = NULL;
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, B_LEAD_PHONE, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, lead_id);
	int rc = db_step(st), err;
	if (rc == DB_ROW)
		err = store_col_sealed(s, a, st, 0, "leads.phone", phone);
	else
		err = rc == DB_DONE ? TF_ENOTFOUND : store_rc(s, rc);
	db_reset(st);
	return err;
}

static int lead_update(struct store *s, int idx, int64_t lead_id, const char *text, const char *aad, double num)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, idx, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, lead_id);
	int err = TF_OK;
	if (aad)
		err = store_bind_sealed(s, st, 2, text, aad);
	else if (text)
		err = store_bind_text(st, 2, text);
	else
		db_bind_double(st, 2, num);
	store_bind_now(st, 3);
	return err ? err : store_exec_stmt(s, st);
}

int store_lead_set_status(struct store *s, int64_t lead_id, const char *status)
{
	return lead_update(s, B_LEAD_STATUS, lead_id, status, NULL, 0);
}

int store_lead_set_name(struct store *s, int64_t lead_id, const char *name)
{
	return lead_update(s, B_LEAD_NAME, lead_id, name, "leads.name", 0);
}

int store_lead_set_sentiment(struct store *s, int64_t lead_id, double sentiment)
{
	return lead_update(s, B_LEAD_SENTIMENT, lead_id, NULL, NULL, sentiment);
}

int store_sms_enqueue(struct store *s, const struct store_sms *m, bool *queued)
{
	*queued = false;
	struct db_stmt *st = store_stmt(s, STORE_MOD_SCHEDULE, B_SMS_INSERT, booking_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, m->lead_id);
	db_bind_int64(st, 2, m->appointment_id);
	store_bind_text(st, 3, m->kind);
	store_bind_text(st, 4, m->dedupe_key);
	int err = store_bind_sealed(s, st, 5, m->to, "sms_outbox.to");
	if (err == TF_OK)
		err = store_bind_text(st, 6, m->from ? m->from : "");
	if (err == TF_OK)
		err = store_bind_sealed(s, st, 7, m->body, "sms_outbox.body");
	store_bind_now(st, 8);
	if (err == TF_OK)
		err = store_exec_stmt(s, st);
	if (err == TF_OK)
		*queued = db_changes(s->db) > 0;
	return err;
}
