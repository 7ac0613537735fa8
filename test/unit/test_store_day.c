/* test_store_day.c: unit tests of lib/store/store_day on a migrated and seeded
 * SQLite file: marking visits (only once begun, never a cancelled one),
 * closing callbacks (once, in the token's studio), the reminded appointment
 * an SMS answer is about, SMS answers recorded once, and names and numbers
 * opened only when asked for (numbers masked). */
#include "arena.h"
#include "crypto.h"
#include "err.h"
#include "store.h"
#include "t.h"
#include "t_db.h"


#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static struct {
	char dir[256], db[300];
	struct crypto crypto;
	struct store *s;
	struct db *raw;
	struct arena a;
	int calls;
} F;

static bool fx_open(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(F.dir, sizeof(F.dir), "%s/test_store_day.XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(F.dir) == NULL)
		return false;
	t_db_target(F.db, sizeof(F.db), F.dir);
	arena_init(&F.a, 16 * 1024 * 1024);
	char msg[200];
	int applied = 0;
	if (crypto_init(&F.crypto, KEY, msg, sizeof(msg)) != TF_OK ||
	    store_open(&F.s, F.db, &F.crypto, 5000) != TF_OK || store_migrate(F.s, &applied) != TF_OK ||
	    store_seed_example(F.s) != TF_OK)
		return false;
	return (F.raw = t_db_open(F.db)) != NULL;
}

static void fx_close(void)
{
	store_close(F.s);
	db_close(F.raw);
	t_db_drop(F.db);
	static const char *const tails[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		char p[320];
		snprintf(p, sizeof(p), "%s%s", F.db, tails[i]);
		unlink(p);
	}
	rmdir(F.dir);
	crypto_free(&F.crypto);
	arena_free(&F.a);
}

static int64_t utc(const char *text)
{
	int64_t t = 0;
	store_parse_utc(text, &t);
	return t;
}

static int64_t new_lead(const char *phone, const char *name)
{
	struct store_lead lead;
	struct store_call call;
	char sid[40];
	snprintf(sid, sizeof(sid), "CA%032d", ++F.calls);
	struct store_call_open in = {
		.call_sid = sid, .from = phone, .to = "+4930901820", .direction = "inbound", .status = "ringing",
		.studio_id = 1,
	};
	if (store_call_open(F.s, &F.a, &in, &lead, &call) != TF_OK)
		return 0;
	if (name)
		store_lead_set_name(F.s, lead.id, name);
	return lead.id;
}

static int64_t appointment(int64_t lead, int64_t studio, const char *starts)
{
	struct store_appointment ap = {
		.lead_id = lead, .studio_id = studio, .start_utc = utc(starts), .end_utc = utc(starts) + 3600,
		.source = "phone",
	};
	int64_t id = 0;
	T_EQ_INT(store_appointment_insert(F.s, &ap, &id), TF_OK);
	return id;
}

static const char *status_of(int64_t id)
{
	static char out[32];
	return t_q_text(F.raw, out, sizeof(out), "SELECT status FROM appointments WHERE id = ?1", id);
}

static void test_attendance(void)
{
	int64_t now = utc("2026-06-02 12:00:00");
	int64_t lead = new_lead("+4915110000001", "Max Müller");
	int64_t past = appointment(lead, 1, "2026-06-02 09:00:00");
	int64_t future = appointment(lead, 1, "2026-06-03 09:00:00");
	T_EQ_INT(store_appointment_attendance(F.s, future, false, "empfang", now), TF_ECONFLICT);
	T_EQ_STR(status_of(future), "booked");
	T_EQ_INT(store_appointment_attendance(F.s, past, false, "empfang", now), TF_OK);
	T_EQ_STR(status_of(past), "no_show");
	/* A mark may be changed. */
	T_EQ_INT(store_appointment_attendance(F.s, past, true, "empfang", now), TF_OK);
	T_EQ_STR(status_of(past), "completed");
	T_EQ_INT(t_q_int(F.raw, "SELECT attendance_marked_by = 'empfang' FROM appointments WHERE id = ?1", past, NULL), 1);
	/* A cancelled one stays cancelled. */
	T_EQ_INT(store_appointment_set_status(F.s, future, "cancelled"), TF_OK);
	T_EQ_INT(store_appointment_attendance(F.s, future, true, "empfang", utc("2026-06-04 12:00:00")), TF_ECONFLICT);
	T_EQ_STR(status_of(future), "cancelled");
	T_EQ_INT(store_appointment_attendance(F.s, 999999, true, "empfang", now), TF_ECONFLICT);
}

static void test_callbacks(void)
{
	int64_t now = utc("2026-06-02 12:00:00");
	int64_t lead = new_lead("+4915110000002", "Erika Schmidt");
	bool created = false;
	T_EQ_INT(store_callback_request(F.s, lead, 1, "CA00000000000000000000000000000abc", "speech", &created), TF_OK);
	T_OK(created);
	int64_t id = t_q_int(F.raw, "SELECT max(id) FROM callback_requests", 0, NULL);
	struct store_day_callback *list;
	size_t n;
	T_EQ_INT(store_day_callbacks(F.s, &F.a, 0, false, false, 10, &list, &n), TF_OK);
	T_EQ_INT(n, 1);
	T_OK(n == 1 && list[0].caller == NULL && list[0].name == NULL);
	T_EQ_INT(store_day_callbacks(F.s, &F.a, 0, true, true, 10, &list, &n), TF_OK);
	T_OK(n == 1 && list[0].caller && strcmp(list[0].caller, "+49151******02") == 0);
	T_OK(n == 1 && list[0].name && strcmp(list[0].name, "Erika Schmidt") == 0);
	T_EQ_INT(store_day_callbacks(F.s, &F.a, 2, true, true, 10, &list, &n), TF_OK);
	T_EQ_INT(n, 0);
	T_EQ_INT(store_callback_handle(F.s, id, 0, "maybe", "empfang", now), TF_EINVAL);
	T_EQ_INT(store_callback_handle(F.s, id, 2, "done", "empfang", now), TF_ENOTFOUND);
	T_EQ_INT(store_callback_handle(F.s, id, 1, "done", "empfang", now), TF_OK);
	T_EQ_INT(store_callback_handle(F.s, id, 1, "unreachable", "empfang", now), TF_ECONFLICT);
	T_EQ_INT(store_callback_handle(F.s, 999999, 0, "done", "empfang", now), TF_ENOTFOUND);
	T_EQ_INT(store_day_callbacks(F.s, &F.a, 0, false, false, 10, &list, &n), TF_OK);
	T_EQ_INT(n, 0);
}

static void test_reminded_and_answers(void)
{
	int64_t now = utc("2026-06-02 12:00:00");
	int64_t lead = new_lead("+4915110000003", NULL);
	int64_t ap = appointment(lead, 1, "2026-06-03 10:00:00");
	struct store_appointment got;
	/* No reminder yet: the SMS is about nothing. */
	T_EQ_INT(store_lead_reminded_appointment(F.s, &F.a, lead, now, &got), TF_ENOTFOUND);
	T_EQ_INT(store_reminder_mark(F.s, ap), TF_OK);
	T_EQ_INT(store_lead_reminded_appointment(F.s, &F.a, lead, now, &got), TF_OK);
	T_EQ_INT(got.id, ap);
	/* Once it began it is no longer what the answer is about. */
	T_EQ_INT(store_lead_reminded_appointment(F.s, &F.a, lead, utc("2026-06-03 10:00:00"), &got), TF_ENOTFOUND);
	T_EQ_INT(store_appointment_confirm(F.s, ap, now), TF_OK);
	T_EQ_INT(store_appointment_confirm(F.s, ap, now + 60), TF_OK);
	T_EQ_INT(t_q_int(F.raw, "SELECT confirmed_at = '2026-06-02 12:00:00' FROM appointments WHERE id = ?1", ap, NULL), 1);

	const char *action;
	int64_t about;
	T_EQ_INT(store_sms_inbound_get(F.s, &F.a, "SM1", &action, &about), TF_ENOTFOUND);
	T_EQ_INT(store_sms_inbound_put(F.s, "SM1", lead, ap, "yes", "confirmed", now), TF_OK);
	T_EQ_INT(store_sms_inbound_put(F.s, "SM1", lead, ap, "no", "cancelled", now), TF_OK);  /* ignored */
	T_EQ_INT(store_sms_inbound_get(F.s, &F.a, "SM1", &action, &about), TF_OK);
	T_EQ_STR(action, "confirmed");
	T_EQ_INT(about, ap);
	T_EQ_INT(store_sms_inbound_put(F.s, "SM2", 0, 0, "other", "unknown_sender", now), TF_OK);
	T_EQ_INT(t_q_int(F.raw, "SELECT count(*) FROM sms_inbound WHERE lead_id IS NULL AND appointment_id IS NULL", 0,
	                 NULL), 1);

	struct store_day_appointment *list;
	size_t n;
	T_EQ_INT(store_day_appointments(F.s, &F.a, 1, utc("2026-06-03 00:00:00"), utc("2026-06-04 00:00:00"), false,
	                                false, &list, &n), TF_OK);
	T_EQ_INT(n, 1);
	T_OK(n == 1 && list[0].confirmed && list[0].caller == NULL && list[0].name == NULL);
	T_EQ_INT(store_day_appointments(F.s, &F.a, 1, utc("2026-06-03 00:00:00"), utc("2026-06-04 00:00:00"), true,
	                                false, &list, &n), TF_OK);
	T_OK(n == 1 && list[0].caller && strcmp(list[0].caller, "+49151******03") == 0 && list[0].name == NULL);
}

static void test_no_show_flag(void)
{
	int64_t now = utc("2026-06-10 12:00:00");
	int64_t lead = new_lead("+4915110000004", "Paul Lang");
	struct store_flagged_lead *list;
	size_t n;
	for (int i = 0; i < 2; i++) {
		T_EQ_INT(store_leads_no_show(F.s, &F.a, 0, 2, false, false, &list, &n), TF_OK);
		T_EQ_INT(n, 0);
		int64_t ap = appointment(lead, 1, i ? "2026-06-08 10:00:00" : "2026-06-09 10:00:00");
		T_EQ_INT(store_appointment_attendance(F.s, ap, false, "empfang", now), TF_OK);
	}
	T_EQ_INT(store_leads_no_show(F.s, &F.a, 0, 2, false, true, &list, &n), TF_OK);
	T_EQ_INT(n, 1);
	T_OK(n == 1 && list[0].lead_id == lead && list[0].no_shows == 2 && list[0].caller == NULL &&
	     list[0].name && strcmp(list[0].name, "Paul Lang") == 0);
	T_EQ_INT(store_leads_no_show(F.s, &F.a, 2, 2, true, true, &list, &n), TF_OK);
	T_EQ_INT(n, 0);
}

int main(void)
{
	if (!fx_open()) {
		fprintf(stderr, "fixture failed\n");
		return 1;
	}
	test_attendance();
	test_callbacks();
	test_reminded_and_answers();
	test_no_show_flag();
	fx_close();
	return t_done();
}
