/* store_sms.c: the SMS outbox (claim with a lease, sent, retry, failed,
 * delivery status) and the appointments due for a reminder. */
#include "store_int.h"
#include "err.h"

#include <string.h>

enum { S_DUE, S_CLAIM, S_SENT, S_RETRY, S_FAILED, S_STATUS, S_REMIND_DUE, S_REMIND_MARK, S_CANCELLED, S_LIST, S__N };
static const char *const sms_sql[S__N] = {
	/* A message never tried is due at once, whatever its next_attempt_at
	 * (older rows took it from the database's clock, which a shifted clock,
	 * TERMINFON_FAKE_NOW, does not move). */
	/* A reminder whose appointment is no longer booked comes back as obsolete. */
	[S_DUE] = "SELECT id, coalesce(lead_id, 0), coalesce(appointment_id, 0), kind, dedupe_key, to_enc, from_number,"
	          " body_enc, attempts, kind = 'reminder' AND coalesce((SELECT a.status FROM appointments a"
	          "  WHERE a.id = sms_outbox.appointment_id), 'gone') <> 'booked'"
	          " FROM sms_outbox WHERE status IN ('queued', 'sending')"
	          " AND (next_attempt_at <= ?1 OR attempts = 0) ORDER BY next_attempt_at, id LIMIT ?2",
	[S_CLAIM] = "UPDATE sms_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?2,"
	            " updated_at = ?3 WHERE id = ?1",
	[S_SENT] = "UPDATE sms_outbox SET status = 'sent', message_sid = ?2, sent_at = ?3, last_error = NULL,"
	           " updated_at = ?3 WHERE id = ?1 AND status IN ('sending', 'queued')",
	[S_RETRY] = "UPDATE sms_outbox SET status = 'queued', next_attempt_at = ?2, last_error = ?3,"
	            " updated_at = ?4 WHERE id = ?1",
	[S_FAILED] = "UPDATE sms_outbox SET status = 'failed', last_error = ?2, updated_at = ?3 WHERE id = ?1",
	/* Delivery states in order; a later event of a lower rank is ignored. */
	[S_STATUS] = "UPDATE sms_outbox SET status = ?2, last_error = coalesce(?3, last_error), updated_at = ?4"
	             " WHERE message_sid = ?1 AND"
	             " (CASE ?2 WHEN 'accepted' THEN 1 WHEN 'queued' THEN 1 WHEN 'sending' THEN 2 WHEN 'sent' THEN 3"
	             "  WHEN 'delivered' THEN 4 WHEN 'undelivered' THEN 4 WHEN 'failed' THEN 4 WHEN 'read' THEN 5 ELSE 0 END) >"
	             " (CASE status WHEN 'queued' THEN 1 WHEN 'sending' THEN 2 WHEN 'sent' THEN 3"
	             "  WHEN 'delivered' THEN 4 WHEN 'undelivered' THEN 4 WHEN 'failed' THEN 4 WHEN 'read' THEN 5 ELSE 0 END)",
	[S_REMIND_DUE] = "SELECT id, coalesce(lead_id, 0), studio_id, starts_at, ends_at, status, source, call_sid,"
	                 " coalesce(rescheduled_from, 0), created_at FROM appointments"
	                 " WHERE status = 'booked' AND reminder_queued_at IS NULL AND starts_at > ?1 AND starts_at <= ?2"
	                 " ORDER BY starts_at LIMIT 500",
	[S_REMIND_MARK] = "UPDATE appointments SET reminder_queued_at = ?2 WHERE id = ?1",
	[S_CANCELLED] = "UPDATE sms_outbox SET status = 'cancelled', last_error = ?2, updated_at = ?3"
	                " WHERE id = ?1",
	/* ?1 status (NULL: any), ?2 true: only failed and undelivered, ?3 studio
	 * (0: any), ?4 lead (0: any), ?5/?6 bounds of updated_at (NULL: open). */
	[S_LIST] = "SELECT m.id, coalesce(m.lead_id, 0), coalesce(m.appointment_id, 0), coalesce(a.studio_id, 0), m.kind,"
	           " m.to_enc, m.from_number, m.status, m.attempts, m.message_sid, m.last_error, m.sent_at, m.created_at,"
	           " m.updated_at"
	           " FROM sms_outbox m LEFT JOIN appointments a ON a.id = m.appointment_id"
	           " WHERE (m.status = ?1 OR ?1 IS NULL) AND (?2 = 0 OR m.status IN ('failed', 'undelivered'))"
	           " AND (?3 = 0 OR a.studio_id = ?3) AND (?4 = 0 OR m.lead_id = ?4)"
	           " AND (m.updated_at >= ?5 OR ?5 IS NULL) AND (m.updated_at < ?6 OR ?6 IS NULL)"
	           " ORDER BY m.updated_at DESC, m.id DESC LIMIT ?7 OFFSET ?8",
};

static int row_sms_claim(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_sms *m = row;
	m->id = db_column_int64(st, 0);
	m->lead_id = db_column_int64(st, 1);
	m->appointment_id = db_column_int64(st, 2);
	m->kind = store_col_text(a, st, 3);
	m->dedupe_key = store_col_text(a, st, 4);
	m->from = store_col_text(a, st, 6);
	m->attempts = db_column_int(st, 8) + 1;
	m->obsolete = db_column_int(st, 9) != 0;
	int e1 = store_col_sealed(s, a, st, 5, "sms_outbox.to", &m->to);
	int e2 = store_col_sealed(s, a, st, 7, "sms_outbox.body", &m->body);
	if (e1 || e2 || !m->to || !m->body) {
		/* Sealed with a key we no longer have: it can never be sent. */
		m->to = m->body = NULL;
	}
	return TF_OK;
}

int store_sms_claim(struct store *s, struct arena *a, int64_t now_utc, int lease_s, size_t max,
                    struct store_sms **out, size_t *n)
{
	static const struct store_claim claim = {
		STORE_MOD_SMS, S_DUE, S_CLAIM, sms_sql, "sms_outbox", sizeof(struct store_sms), row_sms_claim, NULL,
	};
	return store_claim(s, a, &claim, now_utc, lease_s, max, (void **)out, n);
}

int store_sms_sent(struct store *s, int64_t id, const char *message_sid)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_SMS, S_SENT, sms_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, message_sid);
	store_bind_now(st, 3);
	return store_exec_stmt(s, st);
}

int store_sms_retry(struct store *s, int64_t id, int64_t next_utc, const char *error)
{
	return store_exec_retry(s, store_stmt(s, STORE_MOD_SMS, S_RETRY, sms_sql), id, next_utc, error);
}

int store_sms_failed(struct store *s, int64_t id, const char *error)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_SMS, S_FAILED, sms_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, error);
	store_bind_now(st, 3);
	return store_exec_stmt(s, st);
}

int store_sms_cancelled(struct store *s, int64_t id, const char *why)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_SMS, S_CANCELLED, sms_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, why);
	store_bind_now(st, 3);
	return store_exec_stmt(s, st);
}

static int row_sms_row(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct store_sms_row *m = row;
	m->id = db_column_int64(st, 0);
	m->lead_id = db_column_int64(st, 1);
	m->appointment_id = db_column_int64(st, 2);
	m->studio_id = db_column_int64(st, 3);
	m->kind = store_col_text(a, st, 4);
	if (m->with_to) {
		int err = store_col_sealed(s, a, st, 5, "sms_outbox.to", &m->to);
		if (err == TF_EAUTH || err == TF_EINVAL)
			m->to = NULL;   /* sealed under a key no longer configured */
		else if (err)
			return err;
	}
	m->from = store_col_text(a, st, 6);
	m->status = store_col_text(a, st, 7);
	m->attempts = db_column_int(st, 8);
	m->message_sid = store_col_text(a, st, 9);
	m->last_error = store_col_text(a, st, 10);
	m->sent_at = store_col_text(a, st, 11);
	m->created_at = store_col_text(a, st, 12);
	m->updated_at = store_col_text(a, st, 13);
	return m->kind && m->from && m->status && m->created_at && m->updated_at ? TF_OK : TF_ENOMEM;
}

/* store_read_rows zeroes each row before reading it: the flag rides in a
 * reader of its own. */
static int row_sms_row_with_to(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	((struct store_sms_row *)row)->with_to = true;
	return row_sms_row(s, a, st, row);
}

int store_sms_list(struct store *s, struct arena *a, const struct store_sms_filter *f, int limit, int64_t offset,
                   struct store_sms_row **out, size_t *n, bool *more)
{
	*out = NULL;
	*n = 0;
	if (more)
		*more = false;
	struct db_stmt *st = store_stmt(s, STORE_MOD_SMS, S_LIST, sms_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, f->status);
	db_bind_int64(st, 2, f->not_delivered ? 1 : 0);
	db_bind_int64(st, 3, f->studio_id);
	db_bind_int64(st, 4, f->lead_id);
	if (f->has_from)
		store_bind_utc(st, 5, f->from_utc);
	if (f->has_to)
		store_bind_utc(st, 6, f->to_utc);
	db_bind_int64(st, 7, (int64_t)limit + 1);
	db_bind_int64(st, 8, offset);
	void *list;
	int err = store_read_rows(s, a, st, (size_t)limit, sizeof(struct store_sms_row),
	                          f->with_to ? row_sms_row_with_to : row_sms_row, &list, n, more);
	if (err == TF_OK)
		*out = list;
	return err;
}

int store_sms_status(struct store *s, const char *message_sid, const char *status, const char *error_code)
{
	if (message_sid == NULL || status == NULL)
		return TF_EINVAL;
	struct db_stmt *st = store_stmt(s, STORE_MOD_SMS, S_STATUS, sms_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_text(st, 1, message_sid);
	store_bind_text(st, 2, status);
	store_bind_text(st, 3, error_code && *error_code ? error_code : NULL);
	store_bind_now(st, 4);
	return store_exec_stmt(s, st);
}

/* A row of S_REMIND_DUE: the appointment and when it was booked. */
struct reminder_row {
	struct store_appointment ap;
	int64_t created_utc;
};

static int row_reminder(struct store *s, struct arena *a, struct db_stmt *st, void *row)
{
	struct reminder_row *r = row;
	int err = store_row_appointment(s, a, st, &r->ap);
	if (err)
		return err;
	return store_parse_utc(db_column_text(st, 9), &r->created_utc) ? TF_OK : STORE_ROW_SKIP;
}

static bool reminder_wanted(int64_t start_utc, int64_t created_utc, int min_notice_s)
{
	return start_utc - created_utc >= (int64_t)min_notice_s;
}

int store_reminders_due(struct store *s, struct arena *a, int64_t now_utc, int within_s, int min_notice_s,
                        struct store_appointment **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = store_stmt(s, STORE_MOD_SMS, S_REMIND_DUE, sms_sql);
	if (st == NULL)
		return TF_EDB;
	store_bind_utc(st, 1, now_utc);
	store_bind_utc(st, 2, now_utc + within_s);
	void *list;
	size_t len;
	int err = store_read_rows(s, a, st, 0, sizeof(struct reminder_row), row_reminder, &list, &len, NULL);
	if (err)
		return err;
	/* Only appointments booked at least min_notice_s before they start. */
	struct reminder_row *rows = list;
	struct store_appointment *keep = (struct store_appointment *)list;
	size_t k = 0;
	for (size_t i = 0; i < len; i++)
		if (reminder_wanted(rows[i].ap.start_utc, rows[i].created_utc, min_notice_s))
			memmove(&keep[k++], &rows[i].ap, sizeof(rows[i].ap));
	*out = k ? keep : NULL;
	*n = k;
	return TF_OK;
}

int store_reminder_mark(struct store *s, int64_t appointment_id)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_SMS, S_REMIND_MARK, sms_sql);
	if (st == NULL)
		return TF_EDB;
	db_bind_int64(st, 1, appointment_id);
	store_bind_now(st, 2);
	return store_exec_stmt(s, st);
}
