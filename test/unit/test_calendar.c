/* test_calendar.c: unit tests of lib/domain/calendar and its store on a migrated and
 * seeded SQLite file under /tmp with a fixed "now": feed keys (hashes only,
 * revoked, another studio's), the feed's events (one per booking over its
 * moves, SEQUENCE, CANCELLED, pseudonyms, a stable ETag), busy times taken
 * out of free slots and refused at booking, and the CalDAV write queue that
 * every change of an appointment fills. */
#include "arena.h"
#include "booking.h"
#include "buf.h"
#include "calendar.h"
#include "crypto.h"
#include "err.h"
#include "schedule.h"
#include "store.h"
#include "store_calendar.h"
#include "t.h"
#include "t_db.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static char dir[256], db[300];
static struct crypto crypto;
static struct store *S;
static struct db *raw;
static struct arena A;
static int64_t berlin, muc;

/* Tuesday 24 November 2026, 10:00 in Berlin. */
#define NOW 1795510800LL
#define HOUR 3600LL
#define DAY 86400LL

static bool fx_open(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_calendar.XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(dir) == NULL)
		return false;
	t_db_target(db, sizeof(db), dir);
	char msg[200];
	arena_init(&A, 64 * 1024 * 1024);
	if (crypto_init(&crypto, KEY, msg, sizeof(msg)) != TF_OK)
		return false;
	if (store_open(&S, db, &crypto, 5000) != TF_OK || store_migrate(S, NULL) != TF_OK || store_seed_example(S) != TF_OK)
		return false;
	if ((raw = t_db_open(db)) == NULL)
		return false;
	berlin = t_q_int(raw, "SELECT id FROM studios WHERE slug = 'berlin-mitte'", 0, NULL);
	muc = t_q_int(raw, "SELECT id FROM studios WHERE slug = 'muenchen-schwabing'", 0, NULL);
	return berlin > 0 && muc > 0;
}

static void fx_close(void)
{
	store_close(S);
	db_close(raw);
	t_db_drop(db);
	static const char *const tails[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < 4; i++) {
		char p[320];
		snprintf(p, sizeof(p), "%s%s", db, tails[i]);
		unlink(p);
	}
	rmdir(dir);
	crypto_free(&crypto);
	arena_free(&A);
}

/* A lead with a name and number, sealed as the store seals them. */
static int64_t lead(const char *phone, const char *name)
{
	struct store_call_open in = { .call_sid = phone, .from = phone, .to = "+4930901820", .direction = "inbound",
	                              .status = "ringing", .studio_id = berlin };
	struct store_lead l;
	struct store_call c;
	if (store_call_open(S, &A, &in, &l, &c) != TF_OK)
		return 0;
	if (name)
		store_lead_set_name(S, l.id, name);
	return l.id;
}

static struct booking_outcome book(int64_t lead_id, int64_t studio, int64_t start)
{
	struct booking_request req = { .lead_id = lead_id, .studio_id = studio, .start_utc = start, .now_utc = NOW,
	                               .source = "phone", .sms_from = "+4930000000" };
	struct booking_outcome out;
	memset(&out, 0, sizeof(out));
	if (booking_book(S, &A, &req, &out) != TF_OK)
		out.result = BOOKING_UNKNOWN_STUDIO;
	return out;
}

static void test_keys(void)
{
	char key[65], hash[65], again[65];
	int64_t id = 0;
	T_EQ_INT(calendar_key_create(S, berlin, "Empfang", false, NOW, key, &id), TF_OK);
	T_EQ_INT(strlen(key), 64);
	T_OK(id > 0);
	T_EQ_INT(calendar_key_hash(key, hash), TF_OK);
	/* Only the hash is stored. */
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM calendar_keys WHERE key_hash = ?2", 0, hash), 1);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM calendar_keys WHERE key_hash = ?2", 0, key), 0);
	/* Upper-case hex is the same key. */
	char upper[65];
	for (int i = 0; i < 65; i++)
		upper[i] = (char)(key[i] >= 'a' && key[i] <= 'f' ? key[i] - 'a' + 'A' : key[i]);
	T_EQ_INT(calendar_key_hash(upper, again), TF_OK);
	T_EQ_STR(again, hash);
	T_EQ_INT(calendar_key_hash("short", again), TF_EINVAL);
	T_EQ_INT(calendar_key_hash(NULL, again), TF_EINVAL);

	struct buf out;
	buf_init(&out, 1 << 22);
	bool nm;
	char etag[CALENDAR_ETAG_LEN], etag2[CALENDAR_ETAG_LEN];
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", key, NOW, NULL, NULL, &nm, &out, etag), TF_OK);
	T_OK(strstr(out.data, "BEGIN:VCALENDAR") != NULL);
	T_OK(strstr(out.data, "X-WR-CALNAME:Termine Abnehmen im Liegen Berlin-Mitte") != NULL);
	T_OK(etag[0] == '"' && strlen(etag) == 34);
	/* Unknown studio, another studio, garbage, an unknown key. */
	buf_reset(&out);
	T_EQ_INT(calendar_feed(S, &A, "nowhere", key, NOW, NULL, NULL, &nm, &out, etag2), TF_ENOTFOUND);
	T_EQ_INT(calendar_feed(S, &A, "muenchen-schwabing", key, NOW, NULL, NULL, &nm, &out, etag2), TF_EAUTH);
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", "x", NOW, NULL, NULL, &nm, &out, etag2), TF_EAUTH);
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", KEY, NOW, NULL, NULL, &nm, &out, etag2), TF_EAUTH);
	/* Revoked. */
	int64_t studio = 0;
	T_EQ_INT(store_calkey_revoke(S, id, NOW + 60, &studio), TF_OK);
	T_EQ_INT(studio, berlin);
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", key, NOW, NULL, NULL, &nm, &out, etag2), TF_EAUTH);
	T_EQ_INT(store_calkey_revoke(S, 999999, NOW, NULL), TF_ENOTFOUND);
	struct store_calkey *list;
	size_t n;
	T_EQ_INT(store_calkey_list(S, &A, berlin, &list, &n), TF_OK);
	T_EQ_INT(n, 1);
	T_OK(n == 1 && list[0].revoked && strcmp(list[0].label, "Empfang") == 0);
	buf_free(&out);
}

/* The VEVENT block of a UID in a feed, or "" (static buffer). */
static const char *vevent_of(const char *feed, const char *uid)
{
	static char ev[4096];
	ev[0] = '\0';
	const char *u = strstr(feed, uid);
	if (u == NULL)
		return ev;
	const char *b = u;
	while (b > feed && strncmp(b, "BEGIN:VEVENT", 12) != 0)
		b--;
	const char *e = strstr(u, "END:VEVENT");
	if (e)
		snprintf(ev, sizeof(ev), "%.*s", (int)(e - b), b);
	return ev;
}

static void test_feed_events(void)
{
	char key[65], full[65];
	int64_t id;
	T_EQ_INT(calendar_key_create(S, berlin, "", false, NOW, key, &id), TF_OK);
	T_EQ_INT(calendar_key_create(S, berlin, "", true, NOW, full, &id), TF_OK);
	int64_t l1 = lead("+491512345678", "Max Müller");
	/* Thursday 26 Nov, 15:00 Berlin. */
	struct booking_outcome b = book(l1, berlin, 1795701600LL);
	T_EQ_INT(b.result, BOOKING_OK);
	char uid[64];
	snprintf(uid, sizeof(uid), "UID:terminfon-berlin-mitte-%lld@", (long long)b.appointment_id);
	struct buf out;
	buf_init(&out, 1 << 22);
	bool nm;
	char etag[CALENDAR_ETAG_LEN], etag2[CALENDAR_ETAG_LEN];
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", key, NOW, "termine.example.de", NULL, &nm, &out, etag), TF_OK);
	const char *ev = vevent_of(out.data, uid);
	T_OK(strstr(ev, "SUMMARY:Termin \xE2\x80\x93 M. M.\\, +49151*****78") != NULL);
	T_OK(strstr(ev, "DTSTART;TZID=Europe/Berlin:20261126T150000") != NULL);
	T_OK(strstr(ev, "SEQUENCE:0") != NULL);
	T_OK(strstr(ev, "STATUS:CONFIRMED") != NULL);
	T_OK(strstr(out.data, "Müller") == NULL);
	/* Asked again with nothing changed: the same ETag. */
	buf_reset(&out);
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", key, NOW + 300, "termine.example.de", NULL, &nm, &out, etag2), TF_OK);
	T_EQ_STR(etag, etag2);
	T_OK(!nm);
	/* Polled with it: not modified, and nothing built. */
	buf_reset(&out);
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", key, NOW + 600, "termine.example.de", etag, &nm, &out, etag2), TF_OK);
	T_OK(nm);
	T_EQ_INT(out.len, 0);
	T_EQ_STR(etag, etag2);
	/* A name changed is a change of the feed. */
	store_lead_set_name(S, l1, "Max Müller-Lüdenscheid");
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", key, NOW + 600, "termine.example.de", etag, &nm, &out, etag2), TF_OK);
	T_OK(!nm && strcmp(etag, etag2) != 0);
	T_OK(out.data && strstr(out.data, "M. M. L.") != NULL);
	memcpy(etag, etag2, sizeof(etag));
	/* Moved: the same UID, SEQUENCE 1, the new time; the old row is no event. */
	struct booking_request req = { .lead_id = l1, .studio_id = berlin, .start_utc = 1795705200LL, .now_utc = NOW,
	                               .source = "phone", .sms_from = "+4930000000" };
	struct booking_outcome m;
	T_EQ_INT(booking_reschedule(S, &A, b.appointment_id, &req, &m), TF_OK);
	T_EQ_INT(m.result, BOOKING_OK);
	buf_reset(&out);
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", key, NOW, "termine.example.de", NULL, &nm, &out, etag2), TF_OK);
	T_OK(strcmp(etag, etag2) != 0);
	ev = vevent_of(out.data, uid);
	T_OK(strstr(ev, "SEQUENCE:1") != NULL);
	T_OK(strstr(ev, "DTSTART;TZID=Europe/Berlin:20261126T160000") != NULL);
	T_OK(strstr(out.data, "20261126T150000") == NULL);
	/* Cancelled: still there, CANCELLED, SEQUENCE 2. */
	struct booking_outcome c;
	T_EQ_INT(booking_cancel(S, &A, m.appointment_id, NOW, "+4930000000", &c), TF_OK);
	buf_reset(&out);
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", key, NOW, "termine.example.de", NULL, &nm, &out, etag2), TF_OK);
	ev = vevent_of(out.data, uid);
	T_OK(strstr(ev, "SEQUENCE:2") != NULL);
	T_OK(strstr(ev, "STATUS:CANCELLED") != NULL);
	/* The full-names key shows the name and number. */
	buf_reset(&out);
	T_EQ_INT(calendar_feed(S, &A, "berlin-mitte", full, NOW, "termine.example.de", NULL, &nm, &out, etag2), TF_OK);
	T_OK(strstr(out.data, "Max Müller-Lüdenscheid\\, +491512345678") != NULL);
	/* München's feed does not show Berlin's appointments. */
	char mkey[65];
	T_EQ_INT(calendar_key_create(S, muc, "", false, NOW, mkey, &id), TF_OK);
	buf_reset(&out);
	T_EQ_INT(calendar_feed(S, &A, "muenchen-schwabing", mkey, NOW, NULL, NULL, &nm, &out, etag2), TF_OK);
	T_OK(strstr(out.data, "BEGIN:VEVENT") == NULL);
	buf_free(&out);
}

/* How many of the slots are on that day of December 2026 (local). */
static size_t on_day(const struct schedule_slot *slots, size_t n, int day)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += slots[i].local.date.year == 2026 && slots[i].local.date.month == 12 && slots[i].local.date.day == day;
	return k;
}

static void test_busy_blocks_slots(void)
{
	/* Berlin, Wednesday 2 December: the staff is at a training 14:00-17:30. */
	struct schedule_block b[] = { { 1796216400LL, 1796229000LL } };
	T_EQ_INT(store_caldav_set(S, berlin, "http://127.0.0.1:9/cal/", "studio", "geheim", false, NOW), TF_OK);
	T_EQ_INT(store_caldav_busy_replace(S, berlin, b, 1, NOW, NOW + 300), TF_OK);
	struct schedule_slot slots[20];
	size_t n = 0;
	enum booking_result res;
	struct schedule_wish w = { .has_date = true, .date = { 2026, 12, 2 } };
	T_EQ_INT(booking_find(S, &A, berlin, NOW, &w, slots, 20, &n, &res), TF_OK);
	/* 9-13 and 14-20 would be 10 slots that day; 14, 15, 16 and 17 (which
	 * starts before the training ends) overlap it. */
	T_EQ_INT(on_day(slots, n, 2), 6);
	for (size_t i = 0; i < n; i++)
		T_OK(slots[i].end_utc <= b[0].start_utc || slots[i].start_utc >= b[0].end_utc);
	/* Booking into it is refused like a full slot, with alternatives. */
	int64_t l = lead("+491512340001", "Nina Busch");
	struct booking_outcome o = book(l, berlin, 1796220000LL);  /* 15:00 Berlin */
	T_EQ_INT(o.result, BOOKING_TAKEN);
	T_OK(o.nalternatives > 0);
	o = book(l, berlin, 1796230800LL);                           /* 18:00: after it */
	T_EQ_INT(o.result, BOOKING_OK);
	/* Another studio is not blocked. */
	w.date = (struct civil_date){ 2026, 12, 2 };
	T_EQ_INT(booking_find(S, &A, muc, NOW, &w, slots, 20, &n, &res), TF_OK);
	T_EQ_INT(on_day(slots, n, 2), 14);
	/* A failed read keeps the copy. */
	T_EQ_INT(store_caldav_failed(S, berlin, NOW + 600, NOW + 660, "HTTP 503"), TF_OK);
	struct schedule_block *got;
	size_t ng;
	T_EQ_INT(store_calendar_busy(S, &A, berlin, NOW, NOW + 30 * DAY, &got, &ng), TF_OK);
	T_EQ_INT(ng, 1);
	struct store_caldav *cl;
	size_t ncl;
	T_EQ_INT(store_caldav_list(S, &A, true, &cl, &ncl), TF_OK);
	T_EQ_INT(ncl, 1);
	T_OK(ncl == 1 && cl[0].has_fetched && cl[0].fetched_utc == NOW && strcmp(cl[0].last_error, "HTTP 503") == 0);
	T_OK(ncl == 1 && cl[0].password && strcmp(cl[0].password, "geheim") == 0);
	/* The password is sealed in the file. */
	struct db_stmt *pw = t_sql_prepare(raw, "SELECT password_enc FROM studio_caldav", 0, NULL);
	size_t npw = 0;
	const void *enc = pw && db_step(pw) == DB_ROW ? db_column_blob(pw, 0, &npw) : NULL;
	T_OK(enc != NULL && memmem(enc, npw, "geheim", 6) == NULL);
	db_finalize(pw);
	/* The age metric. */
	struct buf m;
	buf_init(&m, 1 << 16);
	T_EQ_INT(calendar_render_metrics(S, &A, NOW + 4000, &m), TF_OK);
	T_OK(strstr(m.data, "terminfon_caldav_copy_age_seconds{studio=\"berlin-mitte\"} 4000\n") != NULL);
	buf_free(&m);
	T_EQ_INT(store_caldav_remove(S, berlin), TF_OK);
	T_EQ_INT(store_caldav_remove(S, berlin), TF_ENOTFOUND);
	T_EQ_INT(store_calendar_busy(S, &A, berlin, NOW, NOW + 30 * DAY, &got, &ng), TF_OK);
	T_EQ_INT(ng, 0);
}

static void test_write_queue(void)
{
	/* Without write_bookings nothing is queued. */
	int64_t l = lead("+491512340002", "Olga Pohl");
	struct booking_outcome o = book(l, berlin, 1796288400LL);   /* Thu 3 Dec 10:00 */
	T_EQ_INT(o.result, BOOKING_OK);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM caldav_writes", 0, NULL), 0);
	T_EQ_INT(store_caldav_set(S, berlin, "http://127.0.0.1:9/cal/", "", NULL, true, NOW), TF_OK);
	/* Turned on, the standing future bookings are queued as well. */
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM caldav_writes WHERE appointment_id = ?1", o.appointment_id, NULL), 1);
	int64_t first = o.appointment_id;
	int64_t l2 = lead("+491512340003", "Paul Quast");
	o = book(l2, berlin, 1796292000LL);
	T_EQ_INT(o.result, BOOKING_OK);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM caldav_writes WHERE appointment_id = ?1 AND status = 'queued'",
	                 o.appointment_id, NULL), 1);
	struct store_caldav_write *due;
	size_t n;
	T_EQ_INT(store_caldav_write_claim(S, &A, NOW, 120, 8, &due, &n), TF_OK);
	/* Nina's from the test before, Olga's and Paul's. */
	T_EQ_INT(n, 3);
	bool has_first = false;
	for (size_t i = 0; i < n; i++)
		has_first |= due[i].appointment_id == first;
	T_OK(has_first);
	/* Claimed rows are not handed out twice within the lease. */
	struct store_caldav_write *again;
	size_t n2;
	T_EQ_INT(store_caldav_write_claim(S, &A, NOW, 120, 8, &again, &n2), TF_OK);
	T_EQ_INT(n2, 0);
	for (size_t i = 0; i < n; i++)
		T_EQ_INT(store_caldav_write_done(S, due[i].id), TF_OK);
	/* Cancelling queues it again (a DELETE this time). */
	struct booking_outcome c;
	T_EQ_INT(booking_cancel(S, &A, o.appointment_id, NOW, "+4930000000", &c), TF_OK);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM caldav_writes WHERE appointment_id = ?1 AND status = 'queued'",
	                 o.appointment_id, NULL), 1);
	struct store_cal_item it;
	T_EQ_INT(store_cal_item_of(S, &A, o.appointment_id, &it), TF_OK);
	T_EQ_STR(it.status, "cancelled");
	T_EQ_STR(it.name, "Paul Quast");
	/* A server that refuses: retried later, not lost. */
	struct calendar_sync_stats st = { 0 };
	T_EQ_INT(calendar_write_due(S, &A, NOW, NULL, 8, &st), TF_OK);
	T_EQ_INT(st.retried, 1);
	T_EQ_INT(t_q_int(raw, "SELECT count(*) FROM caldav_writes WHERE appointment_id = ?1 AND status = 'queued'"
	                      " AND last_error IS NOT NULL", o.appointment_id, NULL), 1);
	long long backlog;
	T_EQ_INT(store_caldav_write_backlog(S, &backlog), TF_OK);
	T_EQ_INT(backlog, 1);
	/* A sync that fails (nothing listens on port 9) keeps nothing and says why. */
	T_EQ_INT(calendar_sync_due(S, &A, NOW, berlin, &st), TF_OK);
	T_EQ_INT(st.failed, 1);
}

int main(void)
{
	if (!fx_open()) {
		fprintf(stderr, "fixture failed\n");
		return 1;
	}
	test_keys();
	test_feed_events();
	test_busy_blocks_slots();
	test_write_queue();
	fx_close();
	return t_done();
}
