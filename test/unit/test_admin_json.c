/* test_admin_json.c: unit tests of lib/domain/admin_json (query validation, pagination, JSON
 * shapes, local day ranges) and of the admin lists of lib/store/store_admin on a
 * migrated SQLite file under TMPDIR. */
#include "admin_json.h"
#include "arena.h"
#include "crypto.h"
#include "err.h"
#include "form.h"
#include "store.h"
#include "tz.h"
#include "t.h"
#include "t_db.h"
#include "t_store.h"


#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define KEY_A "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define KEY_B "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"

/* ---- parsing ---- */

static void test_parse_id(void)
{
	static const struct { const char *in; int64_t want; } ok[] = {
		{ "1", 1 }, { "42", 42 }, { "9007199254740992", INT64_C(9007199254740992) },
	};
	static const char *const bad[] = {
		"0", "01", "-1", "+1", " 1", "1 ", "", "1e3", "abc", "1.5", "9007199254740993", "99999999999999999",
		"0x10", "%31",
	};
	struct tf_errmsg e;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t v = 0;
		T_EQ_INT(admin_parse_id(ok[i].in, "lead id", &v, &e), TF_OK);
		T_EQ_INT(v, ok[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t v = 7;
		memset(&e, 0, sizeof(e));
		T_EQ_INT(admin_parse_id(bad[i], "lead id", &v, &e), TF_EINVAL);
		T_EQ_STR(e.text, "lead id must be a positive integer");
		T_EQ_INT(v, 7);
	}
	T_EQ_INT(admin_parse_id(NULL, "x", &(int64_t){ 0 }, &e), TF_EINVAL);
}

static void test_parse_date(void)
{
	struct tf_errmsg e;
	struct civil_date d;
	T_EQ_INT(admin_parse_date("2026-11-25", "from", &d, &e), TF_OK);
	T_OK(d.year == 2026 && d.month == 11 && d.day == 25);
	T_EQ_INT(admin_parse_date("2024-02-29", "from", &d, &e), TF_OK);
	static const char *const bad[] = {
		"2026-02-29", "2026-13-01", "2026-00-10", "26-11-25", "2026-11-25T", "2026-11-5", "1899-12-31",
		"", "25.11.2026", "2026/11/25", "2026-11-25 ",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&e, 0, sizeof(e));
		T_EQ_INT(admin_parse_date(bad[i], "to", &d, &e), TF_EINVAL);
		T_EQ_STR(e.text, "\"to\" must be a date YYYY-MM-DD");
	}
}

static int page(const char *query, int *limit, int64_t *offset, struct tf_errmsg *e)
{
	struct arena a;
	arena_init(&a, 1 << 20);
	struct form f = { 0 };
	int err = form_parse(&a, query, strlen(query), &f);
	if (err == TF_OK)
		err = admin_parse_page(&f, limit, offset, e);
	arena_free(&a);
	return err;
}

static void test_parse_page(void)
{
	static const struct { const char *q; int err, limit; int64_t offset; } rows[] = {
		{ "", TF_OK, ADMIN_DEFAULT_LIMIT, 0 },
		{ "limit=1", TF_OK, 1, 0 },
		{ "limit=200&offset=1000000", TF_OK, 200, 1000000 },
		{ "offset=0", TF_OK, ADMIN_DEFAULT_LIMIT, 0 },
		{ "limit=0", TF_EVALUE, 0, 0 },
		{ "limit=201", TF_EVALUE, 0, 0 },
		{ "limit=999999999", TF_EVALUE, 0, 0 },
		{ "limit=9999999999", TF_EINVAL, 0, 0 },
		{ "limit=abc", TF_EINVAL, 0, 0 },
		{ "limit=-1", TF_EINVAL, 0, 0 },
		{ "limit=", TF_EINVAL, 0, 0 },
		{ "limit=1.5", TF_EINVAL, 0, 0 },
		{ "limit=05", TF_EINVAL, 0, 0 },
		{ "offset=1000001", TF_EVALUE, 0, 0 },
		{ "offset=-3", TF_EINVAL, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int limit = -1;
		int64_t offset = -1;
		struct tf_errmsg e = { "" };
		int err = page(rows[i].q, &limit, &offset, &e);
		T_EQ_INT(err, rows[i].err);
		if (err == TF_OK) {
			T_EQ_INT(limit, rows[i].limit);
			T_EQ_INT(offset, rows[i].offset);
		} else {
			T_OK(e.text[0] != '\0');
		}
		if (err != rows[i].err)
			fprintf(stderr, "  query %s: %s\n", rows[i].q, e.text);
	}
}

static void test_parse_phone(void)
{
	static const struct { const char *in; int err; const char *out; } rows[] = {
		{ "+4915112345678", TF_OK, "+4915112345678" },
		{ " 4915112345678", TF_OK, "+4915112345678" },           /* an unescaped '+' */
		{ "0049 151 1234-5678", TF_OK, "+4915112345678" },
		{ "+49 (30) 901820", TF_OK, "+4930901820" },
		{ "+1234567", TF_OK, "+1234567" },
		{ "(030) 901820", TF_EINVAL, NULL },                   /* national: no country */
		{ "+49abc", TF_EINVAL, NULL },
		{ "anonymous", TF_EINVAL, NULL },
		{ "", TF_EINVAL, NULL },
		{ "+49151+123", TF_EINVAL, NULL },
		{ "+12", TF_EVALUE, NULL },
		{ "+0123456789", TF_EVALUE, NULL },
		{ "+12345678901234567", TF_EVALUE, NULL },
		{ "+4915112345678901234567890123456789", TF_EVALUE, NULL },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char out[TF_MAX_PHONE + 1] = "";
		struct tf_errmsg e = { "" };
		int err = admin_parse_phone(rows[i].in, out, &e);
		T_EQ_INT(err, rows[i].err);
		if (err == TF_OK) {
			T_EQ_STR(out, rows[i].out);
		} else {
			T_OK(strstr(e.text, "\"phone\"") != NULL);
			if (strlen(rows[i].in) > 4)
				T_OK(strstr(e.text, rows[i].in + 3) == NULL);   /* never echoed */
		}
	}
	struct tf_errmsg e;
	char out[TF_MAX_PHONE + 1];
	T_EQ_INT(admin_parse_phone(NULL, out, &e), TF_EINVAL);
}

static void test_test_body(void)
{
	static const struct {
		const char *body;
		int err;
		const char *message, *session;
	} rows[] = {
		{ "{\"message\":\"hallo\"}", TF_OK, "hallo", "default" },
		{ "{\"message\":\"morgen um 14 uhr\",\"session\":\"s1\"}", TF_OK, "morgen um 14 uhr", "s1" },
		{ "{\"message\":\"\"}", TF_OK, "", "default" },
		{ "", TF_EINVAL, NULL, NULL },
		{ "{\"message\":", TF_EINVAL, NULL, NULL },
		{ "nicht json", TF_EINVAL, NULL, NULL },
		{ "[\"hallo\"]", TF_EVALUE, NULL, NULL },
		{ "{}", TF_EVALUE, NULL, NULL },
		{ "{\"message\":42}", TF_EVALUE, NULL, NULL },
		{ "{\"message\":null}", TF_EVALUE, NULL, NULL },
		{ "{\"message\":\"x\",\"session\":\"\"}", TF_EVALUE, NULL, NULL },
		{ "{\"message\":\"x\",\"session\":7}", TF_EVALUE, NULL, NULL },
		{ "{\"message\":\"x\",\"session\":\"12345678901234567890123456789012345678901234567890123456789012345\"}",
		  TF_EVALUE, NULL, NULL },
	};
	struct arena a;
	arena_init(&a, 1 << 16);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *m, *sn;
		struct tf_errmsg e = { "" };
		int err = admin_parse_test_body(&a, rows[i].body, strlen(rows[i].body), &m, &sn, &e);
		T_EQ_INT(err, rows[i].err);
		if (rows[i].err == TF_OK) {
			T_EQ_STR(m, rows[i].message);
			T_EQ_STR(sn, rows[i].session);
		} else {
			T_OK(e.text[0] != '\0');
		}
	}
	/* A message one byte past the limit is refused; at the limit it is taken. */
	char big[TF_MAX_SPEECH + 40];
	const char *m, *sn;
	struct tf_errmsg e;
	int n = snprintf(big, sizeof(big), "{\"message\":\"%0*d\"}", TF_MAX_SPEECH, 0);
	T_EQ_INT(admin_parse_test_body(&a, big, (size_t)n, &m, &sn, &e), TF_OK);
	n = snprintf(big, sizeof(big), "{\"message\":\"%0*d\"}", TF_MAX_SPEECH + 1, 0);
	T_EQ_INT(admin_parse_test_body(&a, big, (size_t)n, &m, &sn, &e), TF_EVALUE);
	arena_free(&a);
}

static void test_enum_and_allowed(void)
{
	static const char *const statuses[] = { "booked", "cancelled", NULL };
	struct tf_errmsg e;
	T_EQ_INT(admin_parse_enum("booked", "status", statuses, &e), TF_OK);
	T_EQ_INT(admin_parse_enum("Booked", "status", statuses, &e), TF_EVALUE);
	T_EQ_STR(e.text, "\"status\" must be one of: booked, cancelled");

	struct arena a;
	arena_init(&a, 1 << 20);
	static const char *const names[] = { "from", "to", NULL };
	struct form f;
	T_EQ_INT(form_parse(&a, "from=1&to=2", 11, &f), TF_OK);
	T_EQ_INT(admin_query_allowed(&f, names, &e), TF_OK);
	T_EQ_INT(form_parse(&a, "from=1&sort=2", 13, &f), TF_OK);
	T_EQ_INT(admin_query_allowed(&f, names, &e), TF_EINVAL);
	T_EQ_STR(e.text, "unknown query parameter \"sort\"");
	T_EQ_INT(form_parse(&a, "from=1&from=2", 13, &f), TF_OK);
	T_EQ_INT(admin_query_allowed(&f, names, &e), TF_EINVAL);
	T_EQ_STR(e.text, "query parameter \"from\" given more than once");
	const char *odd = "%3Cscript%3E=1";
	T_EQ_INT(form_parse(&a, odd, strlen(odd), &f), TF_OK);
	T_EQ_INT(admin_query_allowed(&f, names, &e), TF_EINVAL);
	T_EQ_STR(e.text, "unknown query parameter");
	static const char *const none[] = { NULL };
	T_EQ_INT(form_parse(&a, "", 0, &f), TF_OK);
	T_EQ_INT(admin_query_allowed(&f, none, &e), TF_OK);
	arena_free(&a);
}

static void test_day_range(void)
{
	const struct tz *berlin;
	T_EQ_INT(tz_load("Europe/Berlin", &berlin), TF_OK);
	struct tf_errmsg e;
	int64_t from = 0, to = 0;
	struct civil_date d1 = { 2026, 11, 25 }, d2 = { 2026, 3, 29 }, d3 = { 2026, 11, 24 };
	char text[20];
	T_EQ_INT(admin_day_range(berlin, d1, d1, true, true, &from, &to, &e), TF_OK);
	store_format_utc(from, text);
	T_EQ_STR(text, "2026-11-24 23:00:00");
	store_format_utc(to, text);
	T_EQ_STR(text, "2026-11-25 23:00:00");
	/* The day the clocks go forward has 23 hours. */
	T_EQ_INT(admin_day_range(berlin, d2, d2, true, true, &from, &to, &e), TF_OK);
	T_EQ_INT(to - from, 23 * 3600);
	T_EQ_INT(admin_day_range(berlin, d1, d3, true, true, &from, &to, &e), TF_EVALUE);
	struct civil_date far = { 2037, 1, 1 };
	T_EQ_INT(admin_day_range(berlin, d3, far, true, true, &from, &to, &e), TF_EVALUE);
	/* Open ends are fine, alone. */
	T_EQ_INT(admin_day_range(berlin, d1, d1, false, true, &from, &to, &e), TF_OK);
	T_EQ_INT(admin_day_range(berlin, d3, far, true, false, &from, &to, &e), TF_OK);

	char iso[21];
	T_OK(admin_iso_time("2026-11-25 14:00:00", iso));
	T_EQ_STR(iso, "2026-11-25T14:00:00Z");
	T_OK(!admin_iso_time("2026-11-25", iso));
	T_EQ_STR(iso, "");
	T_OK(!admin_iso_time(NULL, iso));
}

/* ---- JSON ---- */

static char *render(cJSON *j)
{
	char *s = j ? cJSON_PrintUnformatted(j) : NULL;
	cJSON_Delete(j);
	return s;
}

static void test_json_shapes(void)
{
	struct store_lead_info l = {
		.id = 7, .phone = "+4915112345678", .name = NULL, .email = NULL, .studio_id = 0, .status = "new",
		.source = "phone", .call_count = 2, .last_call_at = NULL, .created_at = "2026-11-24 09:00:00",
		.updated_at = "2026-11-24 09:05:00",
	};
	char *s = render(admin_lead_json(&l));
	T_EQ_STR(s, "{\"id\":7,\"phone\":\"+4915112345678\",\"name\":null,\"email\":null,\"studio_id\":null,"
	            "\"status\":\"new\",\"source\":\"phone\",\"sentiment\":null,\"call_count\":2,\"last_call_at\":null,"
	            "\"created_at\":\"2026-11-24T09:00:00Z\",\"updated_at\":\"2026-11-24T09:05:00Z\"}");
	cJSON_free(s);
	l.unreadable = true;
	l.phone = NULL;
	s = render(admin_lead_json(&l));
	T_OK(s && strstr(s, "\"phone\":null") && strstr(s, "\"unreadable\":true"));
	cJSON_free(s);

	struct store_call_info c = {
		.id = 3, .call_sid = "CA1", .lead_id = 7, .studio_id = 1, .direction = "inbound", .to_number = "",
		.status = "completed", .outcome = NULL, .engine = "embedded", .turn = 4, .duration = -1,
		.started_at = "2026-11-24 09:00:00", .state = "{\"step\":\"done\"}",
	};
	s = render(admin_call_json(&c));
	T_OK(s && strstr(s, "\"to\":null") && strstr(s, "\"duration_seconds\":null") &&
	     strstr(s, "\"state\":{\"step\":\"done\"}") && strstr(s, "\"ended_at\":null"));
	cJSON_free(s);
	c.state = "not json";
	s = render(admin_call_json(&c));
	T_OK(s && strstr(s, "\"state\":\"not json\""));
	cJSON_free(s);

	struct store_appointment ap = {
		.id = 9, .lead_id = 7, .studio_id = 1, .start_utc = 1795615200 /* 2026-11-25 14:00Z */,
		.end_utc = 1795618800, .status = "booked", .source = "phone",
	};
	s = render(admin_appointment_json(&ap, NULL));
	T_OK(s && strstr(s, "\"starts_at\":\"2026-11-25T14:00:00Z\"") && !strstr(s, "starts_local") &&
	     strstr(s, "\"call_sid\":null") && strstr(s, "\"rescheduled_from\":null"));
	cJSON_free(s);

	cJSON *items = cJSON_CreateArray();
	s = render(admin_page_json(items, 2, 4, 2, true));
	T_EQ_STR(s, "{\"items\":[],\"limit\":2,\"offset\":4,\"next_offset\":6}");
	cJSON_free(s);
	s = render(admin_page_json(cJSON_CreateArray(), 2, 4, 1, false));
	T_EQ_STR(s, "{\"items\":[],\"limit\":2,\"offset\":4,\"next_offset\":null}");
	cJSON_free(s);
	T_OK(admin_page_json(NULL, 1, 0, 0, false) == NULL);
}

/* ---- the store's admin lists ---- */

/* The fixture: t_store.h. */
static bool fx_open(struct t_store *f, const char *key)
{
	return t_store_open(f, "test_admin", key);
}

static void fx_close(struct t_store *f)
{
	t_store_close(f);
}

static int64_t open_call(struct t_store *f, const char *sid, const char *from, int64_t studio)
{
	struct store_call_open in = { .call_sid = sid, .from = from, .to = "+4930901820", .status = "ringing",
	                              .studio_id = studio };
	struct store_lead lead;
	struct store_call call;
	if (store_call_open(f->s, &f->a, &in, &lead, &call) != TF_OK)
		return -1;
	return lead.id;
}

static long long q_int(struct t_store *f, const char *sql)
{
	return t_q_int(f->raw, sql, 0, NULL);
}

static void test_store_lists(void)
{
	struct t_store f;
	if (!fx_open(&f, KEY_A)) {
		T_OK(!"fixture");
		return;
	}
	int64_t leads[5];
	char sid[40], from[20];
	for (int i = 0; i < 5; i++) {
		snprintf(sid, sizeof(sid), "CA%032d", i);
		snprintf(from, sizeof(from), "+4915100000%03d", i);
		leads[i] = open_call(&f, sid, from, i % 2 ? 2 : 1);
		T_OK(leads[i] > 0);
	}
	T_EQ_INT(store_lead_set_name(f.s, leads[2], "Anna Beispiel"), TF_OK);

	struct store_lead_info l;
	T_EQ_INT(store_admin_lead_by_phone(f.s, &f.a, "+4915100000002", &l), TF_OK);
	T_EQ_INT(l.id, leads[2]);
	T_EQ_STR(l.phone, "+4915100000002");
	T_EQ_STR(l.name, "Anna Beispiel");
	T_EQ_INT(l.call_count, 1);
	T_OK(l.last_call_at != NULL);
	T_EQ_INT(store_admin_lead_by_phone(f.s, &f.a, "+4915100000099", &l), TF_ENOTFOUND);
	T_EQ_INT(store_admin_lead_get(f.s, &f.a, leads[4], &l), TF_OK);
	T_EQ_STR(l.phone, "+4915100000004");
	T_EQ_INT(store_admin_lead_get(f.s, &f.a, 424242, &l), TF_ENOTFOUND);

	/* Pages of two, newest first, every lead once. */
	struct store_lead_info *list;
	size_t n;
	bool more;
	int64_t seen[8];
	size_t nseen = 0;
	for (int64_t offset = 0;; offset += 2) {
		T_EQ_INT(store_admin_leads(f.s, &f.a, NULL, 0, 2, offset, &list, &n, &more), TF_OK);
		for (size_t i = 0; i < n && nseen < 8; i++)
			seen[nseen++] = list[i].id;
		if (!more)
			break;
		T_EQ_INT(n, 2);
	}
	T_EQ_INT(nseen, 5);
	for (size_t i = 0; i < nseen; i++)
		T_EQ_INT(seen[i], leads[4 - i]);
	T_EQ_INT(store_admin_leads(f.s, &f.a, "lost", 0, 10, 0, &list, &n, &more), TF_OK);
	T_EQ_INT(n, 0);
	T_EQ_INT(store_admin_leads(f.s, &f.a, "new", 0, 10, 0, &list, &n, &more), TF_OK);
	T_EQ_INT(n, 5);

	/* Calls: by lead, by studio, by status, by time. */
	struct store_call_info *calls;
	struct store_list_filter cf = { .lead_id = leads[1] };
	T_EQ_INT(store_admin_calls(f.s, &f.a, &cf, 10, 0, &calls, &n, &more), TF_OK);
	T_EQ_INT(n, 1);
	T_EQ_STR(calls[0].call_sid, "CA00000000000000000000000000000001");
	T_EQ_INT(calls[0].studio_id, 2);
	T_OK(calls[0].state == NULL);
	cf = (struct store_list_filter){ .studio_id = 1 };
	T_EQ_INT(store_admin_calls(f.s, &f.a, &cf, 10, 0, &calls, &n, &more), TF_OK);
	T_EQ_INT(n, 3);
	cf = (struct store_list_filter){ .status = "completed" };
	T_EQ_INT(store_admin_calls(f.s, &f.a, &cf, 10, 0, &calls, &n, &more), TF_OK);
	T_EQ_INT(n, 0);
	cf = (struct store_list_filter){ .has_to = true, .to_utc = 86400 };
	T_EQ_INT(store_admin_calls(f.s, &f.a, &cf, 10, 0, &calls, &n, &more), TF_OK);
	T_EQ_INT(n, 0);
	cf = (struct store_list_filter){ .has_from = true, .from_utc = 86400 };
	T_EQ_INT(store_admin_calls(f.s, &f.a, &cf, 3, 0, &calls, &n, &more), TF_OK);
	T_EQ_INT(n, 3);
	T_OK(more);

	/* Appointments by studio, status, lead and time. */
	struct store_appointment ap = { .lead_id = leads[0], .studio_id = 1, .start_utc = 1795615200,
	                                .end_utc = 1795618800, .source = "phone" };
	int64_t a1, a2;
	T_EQ_INT(store_appointment_insert(f.s, &ap, &a1), TF_OK);
	ap.lead_id = leads[1];
	ap.studio_id = 2;
	ap.start_utc += 86400;
	ap.end_utc += 86400;
	T_EQ_INT(store_appointment_insert(f.s, &ap, &a2), TF_OK);
	T_EQ_INT(store_appointment_set_status(f.s, a2, "cancelled"), TF_OK);
	struct store_appointment *appts;
	struct store_list_filter af = { 0 };
	T_EQ_INT(store_admin_appointments(f.s, &f.a, &af, 10, 0, &appts, &n, &more), TF_OK);
	T_EQ_INT(n, 2);
	T_EQ_INT(appts[0].id, a1);
	af.status = "cancelled";
	T_EQ_INT(store_admin_appointments(f.s, &f.a, &af, 10, 0, &appts, &n, &more), TF_OK);
	T_OK(n == 1 && appts[0].id == a2);
	af = (struct store_list_filter){ .studio_id = 1 };
	T_EQ_INT(store_admin_appointments(f.s, &f.a, &af, 10, 0, &appts, &n, &more), TF_OK);
	T_OK(n == 1 && appts[0].id == a1);
	af = (struct store_list_filter){ .has_from = true, .from_utc = 1795615200 + 1 };
	T_EQ_INT(store_admin_appointments(f.s, &f.a, &af, 10, 0, &appts, &n, &more), TF_OK);
	T_OK(n == 1 && appts[0].id == a2);
	af = (struct store_list_filter){ .has_to = true, .to_utc = 1795615200 + 1, .lead_id = leads[0] };
	T_EQ_INT(store_admin_appointments(f.s, &f.a, &af, 10, 0, &appts, &n, &more), TF_OK);
	T_OK(n == 1 && appts[0].id == a1);
	af = (struct store_list_filter){ .lead_id = leads[3] };
	T_EQ_INT(store_admin_appointments(f.s, &f.a, &af, 10, 0, &appts, &n, &more), TF_OK);
	T_EQ_INT(n, 0);

	/* The lead with its calls and appointments. */
	cJSON *detail;
	T_EQ_INT(admin_lead_detail(f.s, &f.a, leads[0], &detail), TF_OK);
	char *s = render(detail);
	T_OK(s && strstr(s, "\"calls\":[{") && strstr(s, "\"starts_local\":\"2026-11-25T15:00:00+01:00\"") &&
	     strstr(s, "\"calls_truncated\":false"));
	cJSON_free(s);
	T_EQ_INT(admin_lead_detail(f.s, &f.a, 424242, &detail), TF_ENOTFOUND);

	/* Audit rows. */
	T_EQ_INT(store_audit(f.s, "ops", "lead.read", "lead:1"), TF_OK);
	T_EQ_INT(store_audit(f.s, "", "lead.read", "lead:1"), TF_EINVAL);
	T_EQ_INT(store_audit(f.s, "ops", NULL, NULL), TF_EINVAL);
	T_EQ_INT(q_int(&f, "SELECT count(*) FROM audit_log WHERE actor = 'ops' AND action = 'lead.read'"), 1);
	fx_close(&f);
}

/* Numbers hashed under an older key are found until the rekey. */
static void test_lookup_during_rotation(void)
{
	struct t_store f;
	if (!fx_open(&f, KEY_A)) {
		T_OK(!"fixture");
		return;
	}
	int64_t lead = open_call(&f, "CA00000000000000000000000000000077", "+4915100000077", 1);
	T_OK(lead > 0);
	struct crypto rotated;
	T_EQ_INT(crypto_init(&rotated, KEY_B "," KEY_A, NULL, 0), TF_OK);
	struct store *s2;
	T_EQ_INT(store_open(&s2, f.db, &rotated, 5000), TF_OK);
	struct store_lead_info l;
	T_EQ_INT(store_admin_lead_by_phone(s2, &f.a, "+4915100000077", &l), TF_OK);
	T_EQ_INT(l.id, lead);
	T_EQ_STR(l.phone, "+4915100000077");
	store_close(s2);
	crypto_free(&rotated);
	/* A store without the old key cannot open the row: it is marked, not an error. */
	struct crypto other;
	T_EQ_INT(crypto_init(&other, KEY_B, NULL, 0), TF_OK);
	T_EQ_INT(store_open(&s2, f.db, &other, 5000), TF_OK);
	T_EQ_INT(store_admin_lead_by_phone(s2, &f.a, "+4915100000077", &l), TF_ENOTFOUND);
	T_EQ_INT(store_admin_lead_get(s2, &f.a, lead, &l), TF_OK);
	T_OK(l.unreadable && l.phone == NULL);
	store_close(s2);
	crypto_free(&other);
	fx_close(&f);
}

int main(void)
{
	test_parse_id();
	test_parse_date();
	test_parse_page();
	test_parse_phone();
	test_test_body();
	test_enum_and_allowed();
	test_day_range();
	test_json_shapes();
	test_store_lists();
	test_lookup_during_rotation();
	return t_done();
}
