/* fuzz_admin_query.c: fuzz target for the admin API's query validation (lib/domain/admin_json): any query string is
 * either refused with a 400 or 422 and a message that never repeats a number, or yields values in range. */
#include "admin_json.h"
#include "arena.h"
#include "err.h"
#include "form.h"
#include "tf_limits.h"
#include "tz.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_error(int err, const struct tf_errmsg *e)
{
	if (err == TF_OK)
		return;
	if ((err != TF_EINVAL && err != TF_EVALUE) || e->text[0] == '\0' ||
	    strnlen(e->text, sizeof(e->text)) == sizeof(e->text))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "from", "to", "studio", "status", "lead", "phone", "limit", "offset", NULL };
	static const char *const statuses[] = { "booked", "cancelled", NULL };
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct form q;
	if (form_parse(&a, (const char *)data, size, &q) != TF_OK)
		goto out;
	struct tf_errmsg e;
	memset(&e, 0, sizeof(e));
	check_error(admin_query_allowed(&q, names, &e), &e);

	int limit;
	int64_t offset;
	int err = admin_parse_page(&q, &limit, &offset, &e);
	check_error(err, &e);
	if (err == TF_OK && (limit < 1 || limit > ADMIN_MAX_LIMIT || offset < 0 || offset > ADMIN_MAX_OFFSET))
		abort();

	const char *v;
	int64_t id;
	if ((v = form_get(&q, "lead"))) {
		err = admin_parse_id(v, "lead", &id, &e);
		check_error(err, &e);
		if (err == TF_OK && (id < 1 || id > (INT64_C(1) << 53)))
			abort();
	}
	if ((v = form_get(&q, "status")))
		check_error(admin_parse_enum(v, "status", statuses, &e), &e);
	if ((v = form_get(&q, "phone"))) {
		char phone[TF_MAX_PHONE + 1];
		err = admin_parse_phone(v, phone, &e);
		check_error(err, &e);
		if (err == TF_OK && (phone[0] != '+' || strlen(phone) < 7 || strlen(phone) > 16))
			abort();
		if (err != TF_OK && strlen(v) >= 6 && strstr(e.text, v))
			abort();      /* the number came back in the message */
	}
	struct civil_date from = { 0 }, to = { 0 };
	bool has_from = false, has_to = false;
	if ((v = form_get(&q, "from"))) {
		err = admin_parse_date(v, "from", &from, &e);
		check_error(err, &e);
		has_from = err == TF_OK;
	}
	if ((v = form_get(&q, "to"))) {
		err = admin_parse_date(v, "to", &to, &e);
		check_error(err, &e);
		has_to = err == TF_OK;
	}
	const struct tz *z;
	if ((has_from || has_to) && tz_load("UTC", &z) == TF_OK) {
		int64_t f = 0, t = 0;
		err = admin_day_range(z, from, to, has_from, has_to, &f, &t, &e);
		check_error(err, &e);
		if (err == TF_OK && has_from && has_to && t <= f)
			abort();
	}
out:
	arena_free(&a);
	return 0;
}
