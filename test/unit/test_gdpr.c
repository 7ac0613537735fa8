/* test_gdpr.c: unit tests of lib/domain/gdpr and lib/store/store_gdpr on a migrated SQLite
 * file under TMPDIR: the export holds all of a lead, erasure leaves nothing of
 * it (not even in the file), retention, the Twilio deletion queue, and key
 * rotation with the merge of a lead made while the keys rotated. */
#include "arena.h"
#include "crypto.h"
#include "err.h"
#include "gdpr.h"
#include "store.h"
#include "twrest.h"
#include "utf8.h"
#include "t.h"
#include "t_db.h"
#include "t_store.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define KEY_A "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define KEY_B "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"
#define KEY_C "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"

/* The fixture: t_store.h. */
static bool fx_open(struct t_store *f)
{
	return t_store_open(f, "test_gdpr", KEY_A);
}

static void fx_close(struct t_store *f)
{
	t_store_close(f);
}

/* The first column of the first row, with ?1 bound to p1 (when the SQL has
 * it); -1 when the statement fails. */
static long long q_int(struct t_store *f, const char *sql, int64_t p1)
{
	return t_q_int(f->raw, sql, p1, NULL);
}

static bool exec(struct t_store *f, const char *sql)
{
	return t_db_exec(f->raw, sql);
}

/* sql with SQLite's datetime('now'[, '-N days'|'-N hours']) replaced by the
 * text of that time (UTC 'YYYY-MM-DD HH:MM:SS'), which both engines take. */
static const char *times_as_text(char *out, size_t n, const char *sql)
{
	size_t o = 0;
	while (*sql && o + 32 < n) {
		long num = 0;
		char unit[8] = "";
		int used = 0;
		if (sscanf(sql, "datetime('now', '-%ld %7[a-z]')%n", &num, unit, &used) == 2 && used > 0) {
			num *= strcmp(unit, "days") == 0 ? 86400 : 3600;
		} else if (strncmp(sql, "datetime('now')", 15) == 0) {
			used = 15;
		} else {
			out[o++] = *sql++;
			continue;
		}
		time_t t = time(NULL) - num;
		struct tm tm;
		gmtime_r(&t, &tm);
		o += strftime(out + o, n - o, "'%Y-%m-%d %H:%M:%S'", &tm);
		sql += used;
	}
	out[o] = '\0';
	return out;
}

/* Whether needle occurs in the database file or its WAL. */
static bool in_files(struct t_store *f, const char *needle)
{
	static const char *const tails[] = { "", "-wal" };
	size_t nlen = strlen(needle);
	for (size_t t = 0; t < 2; t++) {
		char p[320];
		snprintf(p, sizeof(p), "%s%s", f->db, tails[t]);
		FILE *fp = fopen(p, "rb");
		if (fp == NULL)
			continue;
		static char data[8 << 20];
		size_t n = fread(data, 1, sizeof(data), fp);
		fclose(fp);
		for (size_t i = 0; i + nlen <= n; i++)
			if (memcmp(data + i, needle, nlen) == 0)
				return true;
	}
	return false;
}

/* A lead with one call of every kind of data; returns its id. */
static int64_t full_lead(struct t_store *f, struct store *s, const char *sid, const char *phone, const char *name,
                         const char *speech)
{
	struct store_call_open in = { .call_sid = sid, .from = phone, .to = "+4930901820", .status = "in-progress",
	                              .studio_id = 1 };
	struct store_lead lead;
	struct store_call call;
	if (store_call_open(s, &f->a, &in, &lead, &call) != TF_OK)
		return -1;
	if (name && store_lead_set_name(s, lead.id, name) != TF_OK)
		return -1;
	struct store_turn t = {
		.call_sid = sid, .lead_id = lead.id, .turn = 1, .engine = "embedded", .text = speech,
		.reply = "Gern, wann passt es Ihnen?", .intent = "book", .confidence = 0.9,
		.entities = "{\"name\":\"x\"}", .page = "ask_when", .state = "{\"slots\":{\"name\":\"x\"}}",
	};
	if (store_turn_save(s, &t) != TF_OK)
		return -1;
	return lead.id;
}

static void test_export_and_erase(void)
{
	struct t_store f;
	if (!fx_open(&f)) {
		T_OK(!"fixture");
		return;
	}
	const char *sid = "CA0000000000000000000000000000c0de";
	int64_t lead = full_lead(&f, f.s, sid, "+4915100000001", "Erna Beispiel", "ich möchte einen Termin");
	int64_t other = full_lead(&f, f.s, "CA00000000000000000000000000000002", "+4915100000002", "Otto Anders",
	                          "guten Tag");
	T_OK(lead > 0 && other > 0);
	struct store_appointment ap = { .lead_id = lead, .studio_id = 1, .start_utc = 1795615200,
	                                .end_utc = 1795618800, .source = "phone", .call_sid = sid };
	int64_t apid, apid2;
	T_EQ_INT(store_appointment_insert(f.s, &ap, &apid), TF_OK);
	ap.lead_id = other;
	ap.call_sid = NULL;
	T_EQ_INT(store_appointment_insert(f.s, &ap, &apid2), TF_OK);
	struct store_sms m = { .lead_id = lead, .appointment_id = apid, .kind = "confirmation",
	                       .dedupe_key = "confirmation:1", .to = "+4915100000001", .from = "+4930901820",
	                       .body = "Ihr Termin ist bestaetigt, Erna" };
	bool queued;
	T_EQ_INT(store_sms_enqueue(f.s, &m, &queued), TF_OK);
	bool created;
	T_EQ_INT(store_callback_request(f.s, lead, 1, sid, "dtmf", &created), TF_OK);
	struct store_recording r = { .call_sid = sid, .recording_sid = "RE000000000000000000000000000000aa",
	                             .url = "https://api.twilio.com/r/RE0", .status = "completed", .duration = 42,
	                             .channels = 1 };
	T_EQ_INT(store_recording_upsert(f.s, &r), TF_OK);
	T_OK(exec(&f, "INSERT INTO handoffs (call_sid, number, state, enqueued_at, seen_at, studio_id) VALUES"
	              " ('CA0000000000000000000000000000c0de', '+4930901821', 'ended', '2026-11-24 09:00:00',"
	              " '2026-11-24 09:00:00', 1)"));
	T_OK(exec(&f, "INSERT INTO recording_starts (call_sid, next_attempt_at) VALUES"
	              " ('CA0000000000000000000000000000c0de', '2026-11-24 09:00:00')"));

	cJSON *doc;
	T_EQ_INT(gdpr_export(f.s, &f.a, lead, 1795615200, &doc), TF_OK);
	char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
	T_OK(text != NULL);
	if (text) {
		static const char *const want[] = {
			"\"exported_at\":\"2026-11-25T14:00:00Z\"", "\"phone\":\"+4915100000001\"", "\"name\":\"Erna Beispiel\"",
			"\"call_sid\":\"CA0000000000000000000000000000c0de\"", "\"state\":{\"slots\":{\"name\":\"x\"}}",
			"\"text\":\"ich möchte einen Termin\"", "\"reply\":\"Gern, wann passt es Ihnen?\"",
			"\"entities\":{\"name\":\"x\"}", "\"starts_at\":\"2026-11-25T14:00:00Z\"",
			"\"to\":\"+4915100000001\"", "\"body\":\"Ihr Termin ist bestaetigt, Erna\"", "\"reason\":\"dtmf\"",
			"\"recording_sid\":\"RE000000000000000000000000000000aa\"", "\"duration_seconds\":42",
			"\"number\":\"+4930901821\"",
		};
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			T_OK(strstr(text, want[i]) != NULL);
			if (!strstr(text, want[i]))
				fprintf(stderr, "  missing %s\n", want[i]);
		}
		T_OK(strstr(text, "Otto") == NULL && strstr(text, "guten Tag") == NULL);
		cJSON_free(text);
	}
	cJSON *appts = cJSON_GetObjectItemCaseSensitive(doc, "appointments");
	T_EQ_INT(cJSON_GetArraySize(appts), 1);
	cJSON_Delete(doc);
	T_EQ_INT(gdpr_export(f.s, &f.a, 424242, 0, &doc), TF_ENOTFOUND);
	T_OK(t_db_on_postgres() || in_files(&f, sid));   /* PostgreSQL's files are the server's */

	struct store_erase_counts c;
	T_EQ_INT(store_gdpr_erase_lead(f.s, lead, "ops", &c), TF_OK);
	T_EQ_INT(c.calls, 1);
	T_EQ_INT(c.turns, 1);
	T_EQ_INT(c.appointments, 1);
	T_EQ_INT(c.sms, 1);
	T_EQ_INT(c.callbacks, 1);
	T_EQ_INT(c.handoffs, 1);
	T_EQ_INT(c.recordings_marked, 1);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM leads WHERE id = ?1", lead), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM lead_call_logs WHERE lead_id = ?1", lead), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM dialogflow_conversations WHERE lead_id = ?1", lead), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM appointments WHERE lead_id = ?1", lead), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM sms_outbox WHERE lead_id = ?1", lead), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM callback_requests WHERE lead_id = ?1", lead), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM handoffs", 0), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM recording_starts", 0), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM recordings WHERE call_sid = '' AND url IS NULL"
	                   " AND delete_requested_at IS NOT NULL", 0), 1);
	/* The other lead keeps everything. */
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM dialogflow_conversations WHERE lead_id = ?1", other), 1);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM appointments WHERE lead_id = ?1", other), 1);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM audit_log WHERE actor = 'ops' AND action = 'lead.erase'"
	                   " AND target = 'lead:' || ?1", lead), 1);
	/* Overwritten in the file and gone from the WAL. */
	T_OK(t_db_on_postgres() || !in_files(&f, sid));
	T_OK(t_db_on_postgres() || in_files(&f, "CA00000000000000000000000000000002"));

	T_EQ_INT(store_gdpr_erase_lead(f.s, lead, "ops", &c), TF_ENOTFOUND);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM audit_log WHERE action = 'lead.erase'", 0), 1);
	T_EQ_INT(gdpr_export(f.s, &f.a, lead, 0, &doc), TF_ENOTFOUND);

	/* Twilio's side: due, tried, confirmed; the row of an erased call goes. */
	struct store_recording_due *due;
	size_t n;
	T_EQ_INT(store_gdpr_recordings_due(f.s, &f.a, 10, &due, &n), TF_OK);
	T_EQ_INT(n, 1);
	if (n == 1) {
		T_EQ_STR(due[0].recording_sid, "RE000000000000000000000000000000aa");
		T_EQ_INT(store_gdpr_recording_retry(f.s, due[0].id), TF_OK);
		T_EQ_INT(store_gdpr_recording_deleted(f.s, due[0].id), TF_OK);
	}
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM recordings", 0), 0);
	T_EQ_INT(store_gdpr_recordings_due(f.s, &f.a, 10, &due, &n), TF_OK);
	T_EQ_INT(n, 0);
	T_OK(t_db_on_postgres() || !in_files(&f, "RE000000000000000000000000000000aa"));

	/* By number, as `terminfon erase` does. */
	int64_t id;
	T_EQ_INT(gdpr_erase_phone(f.s, &f.a, "0049 151 0000 0002", "cli", &id, &c), TF_OK);
	T_EQ_INT(id, other);
	T_EQ_INT(c.appointments, 1);
	T_EQ_INT(gdpr_erase_phone(f.s, &f.a, "+4915100000002", "cli", &id, &c), TF_ENOTFOUND);
	T_EQ_INT(gdpr_erase_phone(f.s, &f.a, "Otto", "cli", &id, &c), TF_EINVAL);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM leads", 0), 0);

	/* A new caller never gets the id of an erased one (audit rows name ids). */
	int64_t fresh = full_lead(&f, f.s, "CA00000000000000000000000000000fff", "+4915100000099", NULL, "hallo");
	T_OK(fresh > id && fresh > other);
	fx_close(&f);
}

static void test_purge(void)
{
	struct t_store f;
	if (!fx_open(&f)) {
		T_OK(!"fixture");
		return;
	}
	int64_t old = full_lead(&f, f.s, "CA000000000000000000000000000000a1", "+4915100000011", "Alt", "alter Text");
	int64_t mixed = full_lead(&f, f.s, "CA000000000000000000000000000000b1", "+4915100000012", NULL, "alter Text");
	int64_t fresh = full_lead(&f, f.s, "CA000000000000000000000000000000c1", "+4915100000013", NULL, "neuer Text");
	int64_t booked = full_lead(&f, f.s, "CA000000000000000000000000000000d1", "+4915100000014", NULL, "alt");
	T_OK(old > 0 && mixed > 0 && fresh > 0 && booked > 0);
	/* A second, recent call of the mixed lead. */
	struct store_call_open in = { .call_sid = "CA000000000000000000000000000000b2", .from = "+4915100000012",
	                              .status = "ringing", .studio_id = 1 };
	struct store_lead l;
	struct store_call call;
	T_EQ_INT(store_call_open(f.s, &f.a, &in, &l, &call), TF_OK);
	struct store_turn t = { .call_sid = in.call_sid, .lead_id = mixed, .turn = 1, .engine = "embedded",
	                        .text = "neuer Text", .reply = "ok", .state = "{}" };
	T_EQ_INT(store_turn_save(f.s, &t), TF_OK);
	/* The booked lead is old too, but has an appointment to come. */
	struct store_appointment ap = { .lead_id = booked, .studio_id = 1, .start_utc = time(NULL) + 86400,
	                                .end_utc = time(NULL) + 90000, .source = "phone" };
	int64_t apid;
	T_EQ_INT(store_appointment_insert(f.s, &ap, &apid), TF_OK);
	struct store_sms m = { .lead_id = booked, .kind = "confirmation", .dedupe_key = "c:1", .to = "+4915100000014",
	                       .body = "x" };
	bool queued;
	T_EQ_INT(store_sms_enqueue(f.s, &m, &queued), TF_OK);
	m.dedupe_key = "c:2";
	T_EQ_INT(store_sms_enqueue(f.s, &m, &queued), TF_OK);

	const char *backdate[] = {
		"UPDATE leads SET created_at = datetime('now', '-200 days'), updated_at = datetime('now', '-200 days'),"
		" last_call_at = datetime('now', '-200 days') WHERE phone_hash IS NOT NULL AND id IN"
		" (SELECT lead_id FROM lead_call_logs WHERE call_sid IN ('CA000000000000000000000000000000a1',"
		" 'CA000000000000000000000000000000d1'))",
		"UPDATE lead_call_logs SET created_at = datetime('now', '-200 days'), updated_at = datetime('now', '-200 days'),"
		" started_at = datetime('now', '-200 days') WHERE call_sid IN ('CA000000000000000000000000000000a1',"
		" 'CA000000000000000000000000000000b1', 'CA000000000000000000000000000000d1')",
		"UPDATE dialogflow_conversations SET created_at = datetime('now', '-200 days') WHERE call_sid IN"
		" ('CA000000000000000000000000000000a1', 'CA000000000000000000000000000000b1',"
		" 'CA000000000000000000000000000000d1')",
		"UPDATE sms_outbox SET created_at = datetime('now', '-200 days')",
		"UPDATE sms_outbox SET status = 'delivered' WHERE dedupe_key = 'c:1'",
		"INSERT INTO recordings (call_sid, recording_sid, url, status, created_at) VALUES"
		" ('CA000000000000000000000000000000b1', 'RE00000000000000000000000000000001', 'u1', 'completed',"
		"  datetime('now', '-200 days')),"
		" ('CA000000000000000000000000000000c1', 'RE00000000000000000000000000000002', 'u2', 'completed',"
		"  datetime('now')),"
		" ('CA0000000000000000000000000000dead', 'RE00000000000000000000000000000003', 'u3', 'completed',"
		"  datetime('now', '-2 hours')),"
		" ('CA000000000000000000000000000000b1', NULL, NULL, 'refused', datetime('now', '-200 days'))",
	};
	for (size_t i = 0; i < sizeof(backdate) / sizeof(backdate[0]); i++) {
		char sql[1024];
		T_OK(exec(&f, times_as_text(sql, sizeof(sql), backdate[i])));
	}

	struct gdpr_purge_stats st;
	T_EQ_INT(gdpr_purge(f.s, &f.a, time(NULL), 0, "test", &st), TF_EINVAL);
	T_EQ_INT(gdpr_purge(f.s, &f.a, time(NULL), 180, "test", &st), TF_OK);
	T_EQ_INT(st.leads, 1);
	T_EQ_INT(st.turns, 3);                 /* old, mixed's first call, booked (old's went with it after) */
	T_EQ_INT(st.sms, 1);                   /* the delivered one; the queued one waits */
	T_EQ_INT(st.recordings_marked, 2);     /* the old one and the one without a call */
	T_EQ_INT(st.recordings_removed, 1);    /* the old refusal */
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM leads WHERE id = ?1", old), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM leads WHERE id IN (?1)", mixed), 1);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM leads", 0), 3);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM dialogflow_conversations WHERE call_sid = 'CA000000000000000000000000000000b1'"
	                   " AND text_enc IS NULL AND reply_enc IS NULL AND entities_enc IS NULL", 0), 1);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM dialogflow_conversations WHERE text_enc IS NOT NULL", 0), 2);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM lead_call_logs WHERE state_enc IS NOT NULL", 0), 2);
	T_EQ_INT(q_int(&f, "SELECT delete_requested_at IS NOT NULL FROM recordings"
	                   " WHERE recording_sid = 'RE00000000000000000000000000000001'", 0), 1);
	T_EQ_INT(q_int(&f, "SELECT delete_requested_at IS NULL FROM recordings"
	                   " WHERE recording_sid = 'RE00000000000000000000000000000002'", 0), 1);
	T_EQ_INT(q_int(&f, "SELECT delete_requested_at IS NOT NULL AND url IS NULL FROM recordings"
	                   " WHERE recording_sid = 'RE00000000000000000000000000000003'", 0), 1);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM recordings WHERE recording_sid IS NULL", 0), 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM audit_log WHERE actor = 'retention' AND action = 'lead.erase'", 0), 1);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM audit_log WHERE actor = 'test' AND action = 'retention.purge'", 0), 1);

	/* Nothing more the second time; a shorter retention reaches further. */
	T_EQ_INT(gdpr_purge(f.s, &f.a, time(NULL), 180, "test", &st), TF_OK);
	T_OK(st.leads == 0 && st.turns == 0 && st.states == 0 && st.sms == 0 && st.recordings_marked == 0);
	T_EQ_INT(gdpr_purge(f.s, &f.a, time(NULL) + 400 * 86400, 180, "test", &st), TF_OK);
	T_EQ_INT(st.leads, 3);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM leads", 0), 0);

	/* Twilio unreachable: the recordings stay queued and are tried again later. */
	struct twrest *tw;
	T_EQ_INT(twrest_open(&tw, "http://127.0.0.1:9", "AC00000000000000000000000000000000", "token"), TF_OK);
	struct gdpr_delete_stats ds;
	T_EQ_INT(gdpr_delete_recordings(f.s, tw, &f.a, 10, &ds), TF_OK);
	T_EQ_INT(ds.deleted, 0);
	T_EQ_INT(ds.failed, 3);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM recordings WHERE delete_requested_at IS NOT NULL AND deleted_at IS NULL", 0), 3);
	twrest_close(tw);
	fx_close(&f);
}

/* The key id of every sealed value in the database, compared with want:
 * how many differ. */
static long long not_under(struct t_store *f, const unsigned char *want)
{
	static const char *const sql[] = {
		"SELECT phone_enc, name_enc, email_enc FROM leads",
		"SELECT state_enc FROM lead_call_logs",
		"SELECT text_enc, reply_enc, entities_enc FROM dialogflow_conversations",
		"SELECT to_enc, body_enc FROM sms_outbox",
	};
	long long n = 0;
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		struct db_stmt *st;
		if (db_prepare(f->raw, sql[i], &st) != DB_OK)
			return -1;
		while (db_step(st) == DB_ROW)
			for (int c = 0; c < db_column_count(st); c++) {
				if (db_column_type(st, c) == DB_NULL)
					continue;
				size_t len = 0;
				const unsigned char *b = db_column_blob(st, c, &len);
				if (len < 5 || memcmp(b + 1, want, CRYPTO_KEY_ID_LEN) != 0)
					n++;
			}
		db_finalize(st);
	}
	return n;
}

static void test_rekey(void)
{
	struct t_store f;
	if (!fx_open(&f)) {
		T_OK(!"fixture");
		return;
	}
	int64_t lead = full_lead(&f, f.s, "CA000000000000000000000000000000e1", "+4915100000021", "Rita Rotation",
	                         "Termin bitte");
	struct store_sms m = { .lead_id = lead, .kind = "confirmation", .dedupe_key = "c:9", .to = "+4915100000021",
	                       .body = "Hallo Rita" };
	bool queued;
	T_EQ_INT(store_sms_enqueue(f.s, &m, &queued), TF_OK);
	/* A lead sealed with a key nobody has any more. */
	struct crypto lost;
	struct store *sl;
	T_EQ_INT(crypto_init(&lost, KEY_C, NULL, 0), TF_OK);
	T_EQ_INT(store_open(&sl, f.db, &lost, 5000), TF_OK);
	int64_t gone = full_lead(&f, sl, "CA000000000000000000000000000000e9", "+4915100000029", NULL, "weg");
	T_OK(gone > 0);
	store_close(sl);
	crypto_free(&lost);

	/* Rotation: the new key seals, the old one still opens. A call finds the
	 * lead under the old key's hash and moves it to the new hash at once, so
	 * no second lead appears and rekey has no hash left to change. */
	struct crypto rot;
	struct store *s2;
	T_EQ_INT(crypto_init(&rot, KEY_B "," KEY_A, NULL, 0), TF_OK);
	T_EQ_INT(store_open(&s2, f.db, &rot, 5000), TF_OK);
	long long leads_before = q_int(&f, "SELECT count(*) FROM leads", 0);
	struct store_call_open in = { .call_sid = "CA000000000000000000000000000000e2", .from = "+4915100000021",
	                              .status = "ringing", .studio_id = 1 };
	struct store_lead l;
	struct store_call call;
	T_EQ_INT(store_call_open(s2, &f.a, &in, &l, &call), TF_OK);
	long long duplicate = q_int(&f, "SELECT count(*) FROM leads", 0) - leads_before;
	T_EQ_INT(duplicate, 0);
	T_EQ_INT(l.id, lead);
	T_OK(not_under(&f, rot.keys[0].id) > 0);

	struct store_rekey_stats st;
	T_EQ_INT(gdpr_rekey(s2, 1, NULL, NULL, &st), TF_OK);
	T_EQ_INT(st.merged, duplicate);
	T_EQ_INT(st.unreadable, 5);             /* the lost lead: phone, state, turn text, reply and entities */
	T_EQ_INT(st.resealed, 4);               /* the lead, its call, its turn, its SMS */
	T_EQ_INT(st.rehashed, 0);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM leads", 0), leads_before);
	/* Everything but the lost lead's values is under the new key. */
	T_EQ_INT(not_under(&f, rot.keys[0].id), 5);
	T_EQ_INT(gdpr_rekey(s2, 500, NULL, NULL, &st), TF_OK);
	T_OK(st.resealed == 0 && st.rehashed == 0 && st.merged == 0 && st.scanned > 0);
	store_close(s2);
	crypto_free(&rot);

	/* The new key alone opens and finds everything. */
	struct crypto only_b;
	struct store *s3;
	T_EQ_INT(crypto_init(&only_b, KEY_B, NULL, 0), TF_OK);
	T_EQ_INT(store_open(&s3, f.db, &only_b, 5000), TF_OK);
	struct store_lead_info li;
	T_EQ_INT(store_admin_lead_by_phone(s3, &f.a, "+4915100000021", &li), TF_OK);
	T_EQ_INT(li.id, lead);
	T_EQ_STR(li.name, "Rita Rotation");
	T_EQ_INT(li.call_count, 2);
	T_OK(!li.unreadable);
	struct store_turn_info *turns;
	size_t n;
	T_EQ_INT(store_gdpr_turns(s3, &f.a, lead, &turns, &n), TF_OK);
	T_EQ_INT(n, 1);
	if (n)
		T_EQ_STR(turns[0].text, "Termin bitte");
	struct store_sms_info *sms;
	T_EQ_INT(store_gdpr_sms(s3, &f.a, lead, &sms, &n), TF_OK);
	T_OK(n == 1 && sms[0].body && strcmp(sms[0].body, "Hallo Rita") == 0);
	struct store_list_filter cf = { .lead_id = lead, .with_state = true };
	struct store_call_info *calls;
	bool more;
	T_EQ_INT(store_admin_calls(s3, &f.a, &cf, 10, 0, &calls, &n, &more), TF_OK);
	T_EQ_INT(n, 2);
	T_OK(n >= 1 && calls[0].state && strstr(calls[0].state, "slots"));
	store_close(s3);
	crypto_free(&only_b);

	struct store_rekey_stats bad;
	int64_t last;
	bool done;
	T_EQ_INT(store_rekey_batch(f.s, &f.a, STORE_REKEY__COUNT, 0, 10, &last, &done, &bad), TF_EINVAL);
	T_EQ_INT(store_rekey_batch(f.s, &f.a, STORE_REKEY_LEADS, 0, 0, &last, &done, &bad), TF_EINVAL);
	T_EQ_STR(store_rekey_table_name(STORE_REKEY_TURNS), "dialogflow_conversations");
	fx_close(&f);
}

/* Whatever bytes are stored, the export is well-formed UTF-8 JSON: text cut
 * in the middle of a character (as older versions stored SpeechResult), a
 * name with stray bytes, and a row written directly with invalid bytes. */
static void test_export_repairs_invalid_utf8(void)
{
	struct t_store f;
	if (!fx_open(&f)) {
		T_OK(!"fixture");
		return;
	}
	const char *sid = "CA0000000000000000000000000000bad8";
	int64_t lead = full_lead(&f, f.s, sid, "+4915100000003", "J\xc3\xbcrgen \xff\xfe", "gr\xc3\xbc\xc3");
	T_OK(lead > 0);
	/* PostgreSQL refuses text that is not UTF-8: bytes written directly are SQLite's case. */
	bool raw_bytes = !t_db_on_postgres();
	T_OK(!raw_bytes || exec(&f, "UPDATE dialogflow_conversations SET intent = CAST(X'626f6f6bc3' AS TEXT),"
	                            " page = CAST(X'eda080' AS TEXT) WHERE call_sid = 'CA0000000000000000000000000000bad8'"));
	cJSON *doc = NULL;
	T_EQ_INT(gdpr_export(f.s, &f.a, lead, 1795615200, &doc), TF_OK);
	char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
	T_OK(text != NULL);
	if (text) {
		T_OK(utf8_valid(text, strlen(text)));
		T_OK(strstr(text, "\"name\":\"J\xc3\xbcrgen \xef\xbf\xbd\xef\xbf\xbd\"") != NULL);
		T_OK(strstr(text, "\"text\":\"gr\xc3\xbc\xef\xbf\xbd\"") != NULL);
		T_OK(!raw_bytes || strstr(text, "\"intent\":\"book\xef\xbf\xbd\"") != NULL);
		T_OK(!raw_bytes || strstr(text, "\"page\":\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"") != NULL);
		cJSON *back = cJSON_Parse(text);
		T_OK(back != NULL);
		cJSON_Delete(back);
		cJSON_free(text);
	}
	cJSON_Delete(doc);
	fx_close(&f);
}

int main(void)
{
	test_export_and_erase();
	test_export_repairs_invalid_utf8();
	test_purge();
	test_rekey();
	return t_done();
}
