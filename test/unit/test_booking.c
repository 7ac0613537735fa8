/* test_booking.c: unit tests of lib/domain/booking on a migrated and seeded SQLite
 * file under /tmp with a fixed "now": every result code, one appointment per
 * lead, moving and cancelling with their SMS rows, reminders exactly once, DST,
 * and the time of the availability query with 10,000 future appointments. */
#include "arena.h"
#include "booking.h"
#include "buf.h"
#include "clock.h"
#include "crypto.h"
#include "err.h"
#include "log.h"
#include "store.h"
#include "tz.h"
#include "t.h"
#include "t_db.h"


#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define BERLIN_NAME "Abnehmen im Liegen Berlin-Mitte"
#define BERLIN_NUMBER "+4930901820"
#define SMS_SENDER "+4930000000"        /* TWILIO_PHONE_NUMBER of these tests */

struct fx {
	char dir[256], db[300];
	struct crypto crypto;
	struct store *s;
	struct db *raw;               /* a second connection for checks in SQL */
	struct arena a;
	int64_t berlin, muc;
	int calls;
};

static struct fx F;

#define q_int(sql, p1, p2) t_q_int(F.raw, sql, p1, p2)
#define q_text(out, n, sql, p1) t_q_text(F.raw, out, n, sql, p1)

static bool fx_open(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	const char *base = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/test_booking.XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(f->dir) == NULL) {
		perror("mkdtemp");
		return false;
	}
	t_db_target(f->db, sizeof(f->db), f->dir);
	char msg[200];
	arena_init(&f->a, 64 * 1024 * 1024);
	if (crypto_init(&f->crypto, KEY, msg, sizeof(msg)) != TF_OK) {
		fprintf(stderr, "crypto_init: %s\n", msg);
		return false;
	}
	int applied = 0;
	if (store_open(&f->s, f->db, &f->crypto, 5000) != TF_OK || store_migrate(f->s, &applied) != TF_OK ||
	    store_seed_example(f->s) != TF_OK)
		return false;
	if ((f->raw = t_db_open(f->db)) == NULL)
		return false;
	return applied >= 1;
}

static void fx_close(struct fx *f)
{
	store_close(f->s);
	f->s = NULL;
	db_close(f->raw);
	t_db_drop(f->db);
	f->raw = NULL;
	static const char *const tails[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		char p[320];
		snprintf(p, sizeof(p), "%s%s", f->db, tails[i]);
		unlink(p);
	}
	if (f->dir[0])
		rmdir(f->dir);
	crypto_free(&f->crypto);
	arena_free(&f->a);
}

/* ---- SQL helpers for the checks ---- */

/* The first column of the first row as an integer, with up to two int64 or
 * text parameters (?1, ?2); -1 when the statement fails. */
static void exec_sql(const char *sql)
{
	t_db_exec(F.raw, sql);
}

struct sms_row {
	char kind[32], to[40], from[40], status[24], body[600];
	bool found;
};

/* The SMS queued under a dedupe key, opened with the data key. */
static struct sms_row sms_get(const char *key)
{
	struct sms_row r;
	memset(&r, 0, sizeof(r));
	struct db_stmt *st;
	if (db_prepare(F.raw, "SELECT kind, to_enc, from_number, status, body_enc FROM sms_outbox WHERE dedupe_key = ?1", &st) != DB_OK)
		return r;
	db_bind_text(st, 1, key, strlen(key));
	if (db_step(st) == DB_ROW) {
		struct buf b;
		buf_init(&b, 4096);
		r.found = true;
		snprintf(r.kind, sizeof(r.kind), "%s", db_column_text(st, 0));
		snprintf(r.from, sizeof(r.from), "%s", db_column_text(st, 2));
		snprintf(r.status, sizeof(r.status), "%s", db_column_text(st, 3));
		size_t n = 0;
		const void *enc = db_column_blob(st, 1, &n);
		if (crypto_open(&F.crypto, enc, n, "sms_outbox.to",
		                &b) == TF_OK)
			snprintf(r.to, sizeof(r.to), "%s", b.data);
		buf_reset(&b);
		enc = db_column_blob(st, 4, &n);
		if (crypto_open(&F.crypto, enc, n, "sms_outbox.body",
		                &b) == TF_OK)
			snprintf(r.body, sizeof(r.body), "%s", b.data);
		buf_free(&b);
	}
	db_finalize(st);
	return r;
}

static struct sms_row sms_of(const char *kind, int64_t appointment_id)
{
	char key[64];
	snprintf(key, sizeof(key), "%s:%lld", kind, (long long)appointment_id);
	return sms_get(key);
}

static bool contains(const char *hay, const char *needle)
{
	bool ok = strstr(hay, needle) != NULL;
	if (!ok)
		fprintf(stderr, "  \"%s\" lacks \"%s\"\n", hay, needle);
	return ok;
}

/* ---- time and people ---- */

static int64_t utc(const char *text)
{
	int64_t t = 0;
	if (!store_parse_utc(text, &t))
		fprintf(stderr, "bad time in test: %s\n", text);
	return t;
}

static const struct tz *berlin_tz(void)
{
	const struct tz *z = NULL;
	tz_load("Europe/Berlin", &z);
	return z;
}

/* An instant by Berlin's wall clock. */
static int64_t berlin(int y, int mo, int d, int h, int mi)
{
	struct civil_time t = { .date = { .year = y, .month = mo, .day = d }, .hour = h, .minute = mi };
	int64_t u = 0;
	if (tz_from_local(berlin_tz(), t, &u) != TF_OK)
		fprintf(stderr, "bad local time in test\n");
	return u;
}

/* A lead made the way a call makes it. */
static int64_t new_lead(const char *phone)
{
	struct store_lead lead;
	struct store_call call;
	char sid[40];
	snprintf(sid, sizeof(sid), "CA%032d", ++F.calls);
	struct store_call_open in = {
		.call_sid = sid, .from = phone, .to = BERLIN_NUMBER, .direction = "inbound", .status = "ringing",
		.studio_id = F.berlin,
	};
	int err = store_call_open(F.s, &F.a, &in, &lead, &call);
	if (err != TF_OK || lead.id <= 0)
		fprintf(stderr, "store_call_open: %s\n", tf_strerror(err));
	return lead.id;
}

static struct booking_outcome book(int64_t lead, int64_t studio, int64_t start, int64_t now)
{
	struct booking_request req = {
		.lead_id = lead, .studio_id = studio, .start_utc = start, .now_utc = now, .call_sid = NULL,
		.source = "phone", .sms_from = "+4930000000",
	};
	struct booking_outcome out;
	int err = booking_book(F.s, &F.a, &req, &out);
	T_EQ_INT(err, TF_OK);
	return out;
}

static struct booking_outcome move(int64_t id, int64_t lead, int64_t studio, int64_t start, int64_t now)
{
	struct booking_request req = {
		.lead_id = lead, .studio_id = studio, .start_utc = start, .now_utc = now, .source = "phone",
		.sms_from = "+4930000000",
	};
	struct booking_outcome out;
	T_EQ_INT(booking_reschedule(F.s, &F.a, id, &req, &out), TF_OK);
	return out;
}

static struct booking_outcome cancel(int64_t id, int64_t now)
{
	struct booking_outcome out;
	T_EQ_INT(booking_cancel(F.s, &F.a, id, now, "+4930000000", &out), TF_OK);
	return out;
}

static long long booked_at(int64_t studio, int64_t start)
{
	char t[20];
	store_format_utc(start, t);
	return q_int("SELECT count(*) FROM appointments WHERE studio_id = ?1 AND starts_at = ?2 AND status = 'booked'",
	             studio, t);
}

static long long sms_count(void)
{
	return q_int("SELECT count(*) FROM sms_outbox", 0, NULL);
}

/* ---- the tests ---- */

static void test_names(void)
{
	T_EQ_STR(booking_result_name(BOOKING_OK), "ok");
	T_EQ_STR(booking_result_name(BOOKING_TAKEN), "taken");
	T_EQ_STR(booking_result_name(BOOKING_CLOSED), "closed");
	T_EQ_STR(booking_result_name(BOOKING_PAST), "past");
	T_EQ_STR(booking_result_name(BOOKING_TOO_SOON), "too_soon");
	T_EQ_STR(booking_result_name(BOOKING_OUT_OF_HORIZON), "out_of_horizon");
	T_EQ_STR(booking_result_name(BOOKING_NOT_A_SLOT), "not_a_slot");
	T_EQ_STR(booking_result_name(BOOKING_UNKNOWN_STUDIO), "unknown_studio");
	T_EQ_STR(booking_result_name(BOOKING_HAS_APPOINTMENT), "has_appointment");
	T_EQ_STR(booking_result_name(BOOKING_NO_APPOINTMENT), "no_appointment");
	T_EQ_STR(booking_result_name((enum booking_result)99), "unknown");
}

/* Monday 2026-05-04, 08:00 in Berlin: Berlin-Mitte (capacity 2, 60-minute
 * slots, 2 hours' notice, 60 days ahead) opens at 9. */
#define NOW_MAY "2026-05-04 06:00:00"

static int64_t appt_a, appt_b, lead_a, lead_b;

static void test_book_and_codes(void)
{
	int64_t now = utc(NOW_MAY);
	int64_t slot = berlin(2026, 5, 5, 10, 0);
	T_EQ_INT(slot, utc("2026-05-05 08:00:00"));
	lead_a = new_lead("+4915110000001");
	lead_b = new_lead("+4915110000002");
	int64_t lc = new_lead("+4915110000003");
	T_OK(lead_a > 0 && lead_b > 0 && lc > 0);

	struct booking_outcome o = book(lead_a, F.berlin, slot, now);
	T_EQ_INT(o.result, BOOKING_OK);
	T_OK(o.appointment_id > 0);
	appt_a = o.appointment_id;
	char text[64];
	T_EQ_STR(q_text(text, sizeof(text), "SELECT starts_at FROM appointments WHERE id = ?1", appt_a), "2026-05-05 08:00:00");
	T_EQ_STR(q_text(text, sizeof(text), "SELECT ends_at FROM appointments WHERE id = ?1", appt_a), "2026-05-05 09:00:00");
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM leads WHERE id = ?1", lead_a), "booked");
	struct store_appointment ap;
	T_EQ_INT(store_appointment_get(F.s, &F.a, appt_a, &ap), TF_OK);
	T_EQ_INT(ap.lead_id, lead_a);
	T_EQ_INT(ap.studio_id, F.berlin);
	T_EQ_INT(ap.start_utc, slot);
	T_EQ_STR(ap.status, "booked");
	T_EQ_STR(ap.source, "phone");

	/* The confirmation went into the outbox with the booking. */
	struct sms_row m = sms_of("confirmation", appt_a);
	T_OK(m.found);
	T_EQ_STR(m.kind, "confirmation");
	T_EQ_STR(m.status, "queued");
	T_EQ_STR(m.to, "+4915110000001");
	T_EQ_STR(m.from, SMS_SENDER);     /* TWILIO_PHONE_NUMBER, not the landline */
	T_OK(contains(m.body, "Ihr Termin bei " BERLIN_NAME " ist bestätigt: Di., 05.05.2026, 10:00 Uhr."));
	T_OK(contains(m.body, "Friedrichstraße 123, 10117 Berlin"));
	T_OK(contains(m.body, "unter " BERLIN_NUMBER));

	/* Capacity 2: a second lead fits, a third is refused with other times. */
	o = book(lead_b, F.berlin, slot, now);
	T_EQ_INT(o.result, BOOKING_OK);
	appt_b = o.appointment_id;
	long long sms_before = sms_count();
	o = book(lc, F.berlin, slot, now);
	T_EQ_INT(o.result, BOOKING_TAKEN);
	T_EQ_INT(o.appointment_id, 0);
	T_OK(o.nalternatives >= 1);
	for (size_t i = 0; i < o.nalternatives; i++) {
		T_OK(o.alternatives[i].start_utc != slot);
		T_OK(o.alternatives[i].start_utc > now);
	}
	/* Same day first: 09:00 and 11:00 are free and nearest. */
	T_EQ_INT(o.alternatives[0].local.date.day, 5);
	T_EQ_INT(o.alternatives[0].local.hour == 9 || o.alternatives[0].local.hour == 11, 1);
	T_EQ_INT(booked_at(F.berlin, slot), 2);
	T_EQ_INT(sms_count(), sms_before);

	struct { int64_t start; enum booking_result want; bool alternatives; } rows[] = {
		{ berlin(2026, 5, 10, 10, 0), BOOKING_CLOSED, true },          /* Sunday */
		{ berlin(2026, 5, 5, 13, 0), BOOKING_CLOSED, true },           /* lunch break */
		{ berlin(2026, 5, 14, 10, 0), BOOKING_CLOSED, true },          /* Christi Himmelfahrt */
		{ berlin(2026, 5, 2, 10, 0), BOOKING_PAST, false },
		{ now - 60, BOOKING_PAST, false },
		{ berlin(2026, 5, 4, 9, 0), BOOKING_TOO_SOON, true },           /* one hour's notice */
		{ berlin(2026, 7, 6, 10, 0), BOOKING_OUT_OF_HORIZON, false },
		{ berlin(2026, 5, 5, 10, 30), BOOKING_NOT_A_SLOT, true },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		o = book(lc, F.berlin, rows[i].start, now);
		if (o.result != rows[i].want)
			fprintf(stderr, "  row %zu: %s\n", i, booking_result_name(o.result));
		T_EQ_INT(o.result, rows[i].want);
		T_EQ_INT(o.appointment_id, 0);
		if (rows[i].alternatives)
			T_OK(o.nalternatives >= 1);
		for (size_t k = 0; k < o.nalternatives; k++)
			T_OK(o.alternatives[k].start_utc >= now + 120 * 60);
	}
	/* The last day of the horizon still is bookable (2026-07-03 is 60 days on). */
	o = book(lc, F.berlin, berlin(2026, 7, 3, 10, 0), now);
	T_EQ_INT(o.result, BOOKING_OK);
	T_EQ_INT(cancel(o.appointment_id, now).result, BOOKING_OK);

	o = book(lc, 9999, slot, now);
	T_EQ_INT(o.result, BOOKING_UNKNOWN_STUDIO);
	T_EQ_INT(o.nalternatives, 0);
	struct schedule_slot slots[3];
	size_t n = 7;
	enum booking_result res = BOOKING_OK;
	T_EQ_INT(booking_find(F.s, &F.a, 9999, now, NULL, slots, 3, &n, &res), TF_OK);
	T_EQ_INT(res, BOOKING_UNKNOWN_STUDIO);
	T_EQ_INT(n, 0);
	T_EQ_INT(booking_find(F.s, &F.a, F.berlin, now, NULL, slots, 3, &n, &res), TF_OK);
	T_EQ_INT(res, BOOKING_OK);
	T_EQ_INT(n, 3);
	T_EQ_INT(slots[0].start_utc, berlin(2026, 5, 4, 10, 0));   /* exactly the 2 hours' notice */

	/* Nothing of the refused attempts was written. */
	T_EQ_INT(q_int("SELECT count(*) FROM appointments WHERE lead_id = ?1 AND status = 'booked'", lc, NULL), 0);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM leads WHERE id = ?1", lc), "booked");  /* the cancelled one */

	/* One open future appointment per lead: the second wish becomes an offer to move. */
	long long rows_before = q_int("SELECT count(*) FROM appointments", 0, NULL);
	sms_before = sms_count();
	o = book(lead_a, F.berlin, berlin(2026, 5, 6, 10, 0), now);
	T_EQ_INT(o.result, BOOKING_HAS_APPOINTMENT);
	T_EQ_INT(o.appointment_id, 0);
	T_EQ_INT(o.existing.id, appt_a);
	T_EQ_INT(o.existing.start_utc, slot);
	T_EQ_INT(o.existing.studio_id, F.berlin);
	T_EQ_STR(o.existing.status, "booked");
	T_EQ_INT(o.nalternatives, 0);
	/* Also for the München studio and for the very slot it already holds. */
	T_EQ_INT(book(lead_a, F.muc, berlin(2026, 5, 6, 10, 0), now).result, BOOKING_HAS_APPOINTMENT);
	T_EQ_INT(book(lead_a, F.berlin, slot, now).result, BOOKING_HAS_APPOINTMENT);
	T_EQ_INT(q_int("SELECT count(*) FROM appointments", 0, NULL), rows_before);
	T_EQ_INT(sms_count(), sms_before);

	/* A booking without a caller (admin) has no SMS. */
	o = book(0, F.muc, berlin(2026, 5, 5, 8, 0), now);
	T_EQ_INT(o.result, BOOKING_OK);
	T_EQ_INT(q_int("SELECT count(*) FROM sms_outbox WHERE appointment_id = ?1", o.appointment_id, NULL), 0);
	T_EQ_INT(sms_count(), sms_before);
}

static void test_reschedule(void)
{
	int64_t now = utc(NOW_MAY);
	int64_t to = berlin(2026, 5, 6, 15, 0);
	long long sms_before = sms_count();
	struct booking_outcome o = move(appt_a, lead_a, F.berlin, to, now);
	T_EQ_INT(o.result, BOOKING_OK);
	int64_t moved = o.appointment_id;
	T_OK(moved > 0 && moved != appt_a);
	char text[64];
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM appointments WHERE id = ?1", appt_a), "rescheduled");
	T_EQ_INT(q_int("SELECT cancelled_at IS NOT NULL FROM appointments WHERE id = ?1", appt_a, NULL), 1);
	T_EQ_INT(q_int("SELECT rescheduled_from FROM appointments WHERE id = ?1", moved, NULL), appt_a);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT starts_at FROM appointments WHERE id = ?1", moved), "2026-05-06 13:00:00");
	T_EQ_INT(booked_at(F.berlin, berlin(2026, 5, 5, 10, 0)), 1);  /* the old place is free again */

	/* One SMS about the move, none confirming anew. */
	T_EQ_INT(sms_count(), sms_before + 1);
	struct sms_row m = sms_of("reschedule", moved);
	T_OK(m.found);
	T_EQ_STR(m.kind, "reschedule");
	T_EQ_STR(m.to, "+4915110000001");
	T_OK(contains(m.body, "Ihr Termin bei " BERLIN_NAME " wurde verschoben auf Mi., 06.05.2026, 15:00 Uhr."));
	T_OK(!sms_of("confirmation", moved).found);

	/* The lead's open appointment is now the moved one. */
	o = book(lead_a, F.berlin, berlin(2026, 5, 7, 10, 0), now);
	T_EQ_INT(o.result, BOOKING_HAS_APPOINTMENT);
	T_EQ_INT(o.existing.id, moved);

	/* Moving the old one again, or nothing, is refused. */
	T_EQ_INT(move(appt_a, lead_a, F.berlin, berlin(2026, 5, 7, 10, 0), now).result, BOOKING_NO_APPOINTMENT);
	T_EQ_INT(move(0, lead_a, F.berlin, berlin(2026, 5, 7, 10, 0), now).result, BOOKING_NO_APPOINTMENT);
	T_EQ_INT(move(987654, lead_a, F.berlin, berlin(2026, 5, 7, 10, 0), now).result, BOOKING_NO_APPOINTMENT);

	/* Into a full slot: refused with alternatives, the appointment stays. */
	int64_t full = berlin(2026, 5, 5, 10, 0);
	int64_t ld = new_lead("+4915110000004");
	T_EQ_INT(book(ld, F.berlin, full, now).result, BOOKING_OK);
	sms_before = sms_count();
	o = move(moved, lead_a, F.berlin, full, now);
	T_EQ_INT(o.result, BOOKING_TAKEN);
	T_OK(o.nalternatives >= 1);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM appointments WHERE id = ?1", moved), "booked");
	T_EQ_INT(booked_at(F.berlin, full), 2);
	o = move(moved, lead_a, F.berlin, berlin(2026, 5, 10, 10, 0), now);
	T_EQ_INT(o.result, BOOKING_CLOSED);
	T_EQ_INT(move(moved, lead_a, 9999, full, now).result, BOOKING_UNKNOWN_STUDIO);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM appointments WHERE id = ?1", moved), "booked");
	T_EQ_INT(sms_count(), sms_before);
	appt_a = moved;

	/* Moved from the admin side (no caller): it stays the lead's appointment
	 * and the lead hears of it. */
	int64_t lk = new_lead("+4915110000011");
	o = book(lk, F.muc, berlin(2026, 5, 8, 8, 45), now);
	T_EQ_INT(o.result, BOOKING_OK);
	o = move(o.appointment_id, 0, F.muc, berlin(2026, 5, 8, 11, 45), now);
	T_EQ_INT(o.result, BOOKING_OK);
	T_EQ_INT(q_int("SELECT coalesce(lead_id, 0) FROM appointments WHERE id = ?1", o.appointment_id, NULL), lk);
	m = sms_of("reschedule", o.appointment_id);
	T_OK(m.found);
	T_EQ_STR(m.to, "+4915110000011");
	T_OK(contains(m.body, "verschoben auf Fr., 08.05.2026, 11:45 Uhr"));
	T_EQ_INT(book(lk, F.berlin, berlin(2026, 5, 11, 10, 0), now).result, BOOKING_HAS_APPOINTMENT);
}

static void test_cancel(void)
{
	int64_t now = utc(NOW_MAY);
	long long sms_before = sms_count();
	struct booking_outcome o = cancel(appt_a, now);
	T_EQ_INT(o.result, BOOKING_OK);
	T_EQ_INT(o.appointment_id, appt_a);
	T_EQ_INT(o.existing.start_utc, berlin(2026, 5, 6, 15, 0));
	char text[64];
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM appointments WHERE id = ?1", appt_a), "cancelled");
	T_EQ_INT(q_int("SELECT cancelled_at IS NOT NULL FROM appointments WHERE id = ?1", appt_a, NULL), 1);
	T_EQ_INT(sms_count(), sms_before + 1);
	struct sms_row m = sms_of("cancellation", appt_a);
	T_OK(m.found);
	T_EQ_STR(m.kind, "cancellation");
	T_EQ_STR(m.to, "+4915110000001");
	T_EQ_STR(m.from, SMS_SENDER);     /* TWILIO_PHONE_NUMBER, not the landline */
	T_OK(contains(m.body, "Ihr Termin bei " BERLIN_NAME " am Mi., 06.05.2026, 15:00 Uhr wurde storniert."));

	/* Twice, unknown, or already over: nothing to cancel, no second SMS. */
	T_EQ_INT(cancel(appt_a, now).result, BOOKING_NO_APPOINTMENT);
	T_EQ_INT(cancel(987654, now).result, BOOKING_NO_APPOINTMENT);
	T_EQ_INT(cancel(appt_b, berlin(2026, 5, 5, 10, 30)).result, BOOKING_NO_APPOINTMENT);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT status FROM appointments WHERE id = ?1", appt_b), "booked");
	T_EQ_INT(sms_count(), sms_before + 1);

	/* With nothing open, the lead may book again. */
	o = book(lead_a, F.berlin, berlin(2026, 5, 7, 10, 0), now);
	T_EQ_INT(o.result, BOOKING_OK);
	T_OK(sms_of("confirmation", o.appointment_id).found);
	/* After its time has passed, an appointment no longer blocks a new one. */
	o = book(lead_b, F.berlin, berlin(2026, 5, 6, 10, 0), berlin(2026, 5, 5, 11, 0));
	T_EQ_INT(o.result, BOOKING_OK);
}

/* Clocks change on 2026-03-29 and 2026-10-25: 09:00 in Berlin is 07:00 UTC
 * on the Monday after the spring change and 08:00 UTC after the autumn one. */
static void test_dst(void)
{
	int64_t le = new_lead("+4915110000005"), lf = new_lead("+4915110000006");
	int64_t now = utc("2026-03-27 08:00:00");
	struct schedule_wish wish = { .has_date = true, .date = { 2026, 3, 30 }, .has_time = true, .minute = 9 * 60 };
	struct schedule_slot slots[3];
	size_t n = 0;
	enum booking_result res;
	T_EQ_INT(booking_find(F.s, &F.a, F.berlin, now, &wish, slots, 3, &n, &res), TF_OK);
	T_OK(n >= 1);
	T_EQ_INT(slots[0].start_utc, utc("2026-03-30 07:00:00"));
	T_OK(slots[0].exact);
	T_EQ_INT(slots[0].local.hour, 9);

	struct booking_outcome o = book(le, F.berlin, utc("2026-03-30 07:00:00"), now);
	T_EQ_INT(o.result, BOOKING_OK);
	char text[64];
	T_EQ_STR(q_text(text, sizeof(text), "SELECT starts_at FROM appointments WHERE id = ?1", o.appointment_id),
	         "2026-03-30 07:00:00");
	T_OK(contains(sms_of("confirmation", o.appointment_id).body, "Mo., 30.03.2026, 09:00 Uhr"));
	/* 06:00 UTC is 08:00 in Berlin then: not open yet. On the Friday before
	 * (still winter time) 08:00 UTC is 09:00. */
	T_EQ_INT(book(lf, F.berlin, utc("2026-03-30 06:00:00"), now).result, BOOKING_CLOSED);
	T_EQ_INT(book(lf, F.berlin, utc("2026-03-27 08:00:00"), utc("2026-03-27 05:00:00")).result, BOOKING_OK);
	T_EQ_INT(cancel(q_int("SELECT max(id) FROM appointments WHERE lead_id = ?1", lf, NULL), utc("2026-03-27 05:00:00")).result,
	         BOOKING_OK);

	now = utc("2026-10-23 08:00:00");
	wish.date = (struct civil_date){ 2026, 10, 26 };
	T_EQ_INT(booking_find(F.s, &F.a, F.berlin, now, &wish, slots, 3, &n, &res), TF_OK);
	T_OK(n >= 1);
	T_EQ_INT(slots[0].start_utc, utc("2026-10-26 08:00:00"));
	o = book(lf, F.berlin, utc("2026-10-26 08:00:00"), now);
	T_EQ_INT(o.result, BOOKING_OK);
	T_EQ_STR(q_text(text, sizeof(text), "SELECT starts_at FROM appointments WHERE id = ?1", o.appointment_id),
	         "2026-10-26 08:00:00");
	T_OK(contains(sms_of("confirmation", o.appointment_id).body, "Mo., 26.10.2026, 09:00 Uhr"));
	T_EQ_INT(book(le, F.berlin, utc("2026-10-26 07:00:00"), now).result, BOOKING_CLOSED);
	/* The cancellation speaks the same local time. */
	T_EQ_INT(cancel(o.appointment_id, now).result, BOOKING_OK);
	T_OK(contains(sms_of("cancellation", o.appointment_id).body, "am Mo., 26.10.2026, 09:00 Uhr"));
}

/* created_at comes from SQLite's own clock, which the fixed "now" of this test
 * does not move: stamp each appointment with the moment it was booked. */
static void booked_when(int64_t id, int64_t when)
{
	char t[20], sql[160];
	store_format_utc(when, t);
	snprintf(sql, sizeof(sql), "UPDATE appointments SET created_at = '%s' WHERE id = %lld", t, (long long)id);
	exec_sql(sql);
}

static int remind(int64_t now)
{
	int queued = -1;
	T_EQ_INT(booking_remind(F.s, &F.a, now, "+4930000000", &queued), TF_OK);
	return queued;
}

static long long reminders(void)
{
	return q_int("SELECT count(*) FROM sms_outbox WHERE kind = 'reminder'", 0, NULL);
}

static void test_reminders(void)
{
	int64_t r0 = utc("2026-06-01 06:00:00");  /* Monday, 08:00 in Berlin */
	int64_t lg = new_lead("+4915110000007"), lh = new_lead("+4915110000008");
	int64_t li = new_lead("+4915110000009"), lj = new_lead("+4915110000010");

	struct booking_outcome g = book(lg, F.berlin, berlin(2026, 6, 2, 10, 0), r0);   /* 26 h ahead */
	struct booking_outcome h = book(lh, F.berlin, berlin(2026, 6, 1, 19, 0), r0);   /* 11 h ahead */
	struct booking_outcome i = book(li, F.berlin, berlin(2026, 6, 3, 10, 0), r0);   /* 50 h ahead */
	struct booking_outcome j = book(lj, F.berlin, berlin(2026, 6, 3, 11, 0), r0);
	T_OK(g.result == BOOKING_OK && h.result == BOOKING_OK && i.result == BOOKING_OK && j.result == BOOKING_OK);
	booked_when(g.appointment_id, r0);
	booked_when(h.appointment_id, r0);
	booked_when(i.appointment_id, r0);
	booked_when(j.appointment_id, r0);
	T_EQ_INT(cancel(j.appointment_id, r0).result, BOOKING_OK);

	long long before = reminders();
	/* More than 24 hours ahead: not yet. */
	T_EQ_INT(remind(r0), 0);
	/* 09:00 UTC: g (Tuesday 08:00 UTC) is within 24 hours; h is too, but was
	 * booked only 11 hours ahead (the confirmation is enough). */
	int64_t r1 = r0 + 3 * 3600;
	T_EQ_INT(remind(r1), 1);
	T_EQ_INT(remind(r1), 0);
	T_EQ_INT(remind(r1 + 600), 0);
	T_EQ_INT(reminders(), before + 1);
	struct sms_row m = sms_of("reminder", g.appointment_id);
	T_OK(m.found);
	T_EQ_STR(m.to, "+4915110000007");
	T_EQ_STR(m.from, SMS_SENDER);     /* TWILIO_PHONE_NUMBER, not the landline */
	T_OK(contains(m.body, "Erinnerung: Ihr Termin bei " BERLIN_NAME " ist am Di., 02.06.2026, 10:00 Uhr."));
	/* The caller can answer by SMS (POST /api/v1/twilio/sms/incoming). */
	T_OK(contains(m.body, "Bitte antworten Sie mit JA, um ihn zu bestätigen, oder mit NEIN, um ihn abzusagen."));
	T_OK(!sms_of("reminder", h.appointment_id).found);
	T_EQ_INT(q_int("SELECT reminder_queued_at IS NOT NULL FROM appointments WHERE id = ?1", g.appointment_id, NULL), 1);

	/* A day later: i is due; j was cancelled; g and h stay as they are. */
	int64_t r2 = utc("2026-06-02 09:00:00");
	T_EQ_INT(remind(r2), 1);
	T_EQ_INT(remind(r2), 0);
	T_EQ_INT(remind(r2 + 3600), 0);
	T_OK(sms_of("reminder", i.appointment_id).found);
	T_OK(!sms_of("reminder", j.appointment_id).found);
	T_OK(!sms_of("reminder", h.appointment_id).found);
	T_EQ_INT(reminders(), before + 2);
	T_EQ_INT(q_int("SELECT count(*) FROM sms_outbox WHERE dedupe_key = 'reminder:' || ?1", g.appointment_id, NULL), 1);

	/* A second runner that read the due list before the first one marked it
	 * (cron and the background process at once) queues nothing more, and
	 * says so. */
	char sql[160];
	snprintf(sql, sizeof(sql), "UPDATE appointments SET reminder_queued_at = NULL WHERE id = %lld",
	         (long long)i.appointment_id);
	exec_sql(sql);
	T_EQ_INT(remind(r2), 0);
	T_EQ_INT(reminders(), before + 2);
	T_EQ_INT(q_int("SELECT reminder_queued_at IS NOT NULL FROM appointments WHERE id = ?1", i.appointment_id, NULL), 1);
}

/* ---- availability with 10,000 future appointments ---- */

static void test_find_bench(void)
{
	exec_sql("INSERT INTO studios (slug, name, city, address, region, timezone, slot_minutes, capacity, lead_minutes,"
	         " horizon_days) VALUES ('bench', 'Bench', 'Berlin', 'Teststraße 1', 'XX', 'Europe/Berlin', 30, 10, 0, 60);"
	         "INSERT INTO opening_hours (studio_id, weekday, opens, closes)"
	         " SELECT s.id, d.wd, '08:00', '20:00' FROM studios s,"
	         " (SELECT 0 AS wd UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
	         "  UNION ALL SELECT 5 UNION ALL SELECT 6) d WHERE s.slug = 'bench'");
	int64_t studio = q_int("SELECT id FROM studios WHERE slug = 'bench'", 0, NULL);
	int64_t now = utc(NOW_MAY);

	/* Every slot full (10 each, 24 slots a day) from tomorrow until 10,000 are in. */
	struct db_stmt *st;
	exec_sql("BEGIN");
	T_OK(db_prepare(F.raw, "INSERT INTO appointments (studio_id, starts_at, ends_at, status, source)"
	                               " VALUES (?1, ?2, ?3, 'booked', 'admin')", &st) == DB_OK);
	int total = 0;
	int64_t last = 0;
	for (int day = 1; total < 10000; day++) {
		struct civil_date d = civil_add_days((struct civil_date){ 2026, 5, 4 }, day);
		for (int k = 0; k < 24 && total < 10000; k++) {
			int64_t start = berlin(d.year, d.month, d.day, 8 + k / 2, (k % 2) * 30);
			char a[20], b[20];
			store_format_utc(start, a);
			store_format_utc(start + 1800, b);
			for (int c = 0; c < 10 && total < 10000; c++, total++) {
				db_reset(st);
				db_bind_int64(st, 1, studio);
				db_bind_text(st, 2, a, strlen(a));
				db_bind_text(st, 3, b, strlen(b));
				if (db_step(st) != DB_DONE)
					break;
			}
			last = start;
		}
	}
	db_finalize(st);
	exec_sql("COMMIT");
	char t[20];
	store_format_utc(now, t);
	T_EQ_INT(q_int("SELECT count(*) FROM appointments WHERE studio_id = ?1 AND starts_at > ?2 AND status = 'booked'",
	               studio, t),
	         10000);

	/* The first free slot is the one after the last filled. */
	struct schedule_slot slots[3];
	size_t n = 0;
	enum booking_result res;
	struct schedule_wish wish = { .has_date = true, .date = { 2026, 5, 20 }, .has_time = true, .minute = 10 * 60 };
	T_EQ_INT(booking_find(F.s, &F.a, studio, now + 86400, NULL, slots, 3, &n, &res), TF_OK);
	T_EQ_INT(n, 3);
	T_EQ_INT(slots[0].start_utc, last + 1800);
	T_EQ_INT(booking_find(F.s, &F.a, studio, now + 86400, &wish, slots, 3, &n, &res), TF_OK);
	T_EQ_INT(n, 3);
	T_OK(slots[0].start_utc > last);
	arena_reset(&F.a);

	enum { RUNS = 200 };
	long long t0 = clock_mono_us();
	for (int r = 0; r < RUNS; r++) {
		booking_find(F.s, &F.a, studio, now + 86400, NULL, slots, 3, &n, &res);
		arena_reset(&F.a);
	}
	long long t1 = clock_mono_us();
	for (int r = 0; r < RUNS; r++) {
		booking_find(F.s, &F.a, studio, now + 86400, &wish, slots, 3, &n, &res);
		arena_reset(&F.a);
	}
	long long t2 = clock_mono_us();
	/* Of which reading the busy slots (the horizon, from the database). */
	size_t nbusy = 0;
	for (int r = 0; r < RUNS; r++) {
		struct schedule_busy *busy;
		store_busy(F.s, &F.a, studio, now, now + 62 * 86400, &busy, &nbusy);
		arena_reset(&F.a);
	}
	long long t3 = clock_mono_us();
	T_EQ_INT(nbusy, 1000);
	printf("booking_find, studio with 10000 future appointments: %.1f us per query without a wish, "
	       "%.1f us with a wished day (mean of %d); store_busy alone %.1f us for %zu busy slots\n",
	       (double)(t1 - t0) / RUNS, (double)(t2 - t1) / RUNS, RUNS, (double)(t3 - t2) / RUNS, nbusy);
}

int main(void)
{
	log_set_level(LOG_ERROR);
	if (!fx_open(&F)) {
		fprintf(stderr, "cannot set up the test database in %s\n", F.dir);
		fx_close(&F);
		T_OK(0);
		return t_done();
	}
	F.berlin = q_int("SELECT id FROM studios WHERE slug = 'berlin-mitte'", 0, NULL);
	F.muc = q_int("SELECT id FROM studios WHERE slug = 'muenchen-schwabing'", 0, NULL);
	T_OK(F.berlin > 0 && F.muc > 0);

	test_names();
	test_book_and_codes();
	test_reschedule();
	test_cancel();
	test_dst();
	test_reminders();
	test_find_bench();
	fx_close(&F);
	return t_done();
}
