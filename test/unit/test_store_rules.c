/* test_store_rules.c: unit tests of the decisions the store takes in C, not
 * in SQL, so that every database backend makes them alike: the outcome a
 * call's final status settles, which callback requests are due, and the
 * merge of one caller's two leads. */
#include "store.h"
#include "t.h"

#include <stdbool.h>

static void test_final_outcome(void)
{
	/* None yet: a completed call was abandoned, or served when the last turn
	 * answered an information question (in any case), else it failed. */
	T_EQ_STR(store_call_final_outcome(NULL, "completed", NULL), "abandoned");
	T_EQ_STR(store_call_final_outcome(NULL, "completed", "book"), "abandoned");
	T_EQ_STR(store_call_final_outcome(NULL, "completed", "info_hours"), "info");
	T_EQ_STR(store_call_final_outcome(NULL, "completed", "INFO_address"), "info");
	T_EQ_STR(store_call_final_outcome(NULL, "completed", "inf"), "abandoned");
	T_EQ_STR(store_call_final_outcome(NULL, "busy", "info_hours"), "failed");
	T_EQ_STR(store_call_final_outcome(NULL, "no-answer", NULL), "failed");
	T_EQ_STR(store_call_final_outcome(NULL, "canceled", NULL), "failed");
	/* One still waiting for a person left the line; a settled outcome stays. */
	T_EQ_STR(store_call_final_outcome("waiting", "completed", NULL), "queue_abandoned");
	T_EQ_STR(store_call_final_outcome("booked", "completed", "info_hours"), "booked");
	T_EQ_STR(store_call_final_outcome("transferred", "failed", NULL), "transferred");
}

static void test_lead_merge(void)
{
	struct store_lead_facts keep = { .has_name = true, .has_email = false, .studio_id = 3, .status = "booked",
	                                 .call_count = 4, .last_call_at = "2026-11-20 10:00:00" };
	struct store_lead_facts drop = { .has_name = false, .has_email = true, .studio_id = 5, .status = "new",
	                                 .call_count = 2, .last_call_at = "2026-11-23 08:30:00" };
	struct store_lead_merged m;
	store_lead_merge(&keep, &drop, &m);
	T_OK(!m.name_from_drop);                /* the dropped lead has no name */
	T_OK(m.email_from_drop);
	T_OK(m.facts.has_name && m.facts.has_email);
	T_EQ_INT(m.facts.studio_id, 3);         /* the kept studio stays */
	T_EQ_STR(m.facts.status, "booked");     /* 'new' tells nothing */
	T_EQ_INT(m.facts.call_count, 6);
	T_EQ_STR(m.facts.last_call_at, "2026-11-23 08:30:00");

	/* The other way round: the dropped lead's news win, an older last call
	 * does not, a kept lead without studio takes the other's. */
	keep = (struct store_lead_facts){ .has_name = true, .studio_id = 0, .status = "contacted", .call_count = 1,
	                                  .last_call_at = "2026-11-24 09:00:00" };
	drop = (struct store_lead_facts){ .has_name = true, .studio_id = 7, .status = "lost", .call_count = 0,
	                                  .last_call_at = "2026-11-01 09:00:00" };
	store_lead_merge(&keep, &drop, &m);
	T_OK(m.name_from_drop);
	T_OK(!m.email_from_drop && !m.facts.has_email);
	T_EQ_INT(m.facts.studio_id, 7);
	T_EQ_STR(m.facts.status, "lost");
	T_EQ_INT(m.facts.call_count, 1);
	T_EQ_STR(m.facts.last_call_at, "2026-11-24 09:00:00");

	/* Never called: the other's last call, or none at all. */
	keep.last_call_at = NULL;
	store_lead_merge(&keep, &drop, &m);
	T_EQ_STR(m.facts.last_call_at, "2026-11-01 09:00:00");
	drop.last_call_at = NULL;
	store_lead_merge(&keep, &drop, &m);
	T_OK(m.facts.last_call_at == NULL);
}

static void test_callback_due(void)
{
	const int64_t now = 1795510800;
	struct store_callback c = { .status = "pending", .last_result = NULL, .next_utc = now + 600 };
	T_OK(store_callback_due(&c, now));          /* never looked at: at once */
	c.last_result = "busy";
	T_OK(!store_callback_due(&c, now));         /* tried: at its next attempt */
	c.next_utc = now;
	T_OK(store_callback_due(&c, now));
	c.status = "calling";
	c.last_result = "placing";
	c.next_utc = now + 1;
	T_OK(!store_callback_due(&c, now));         /* a lease still running */
	c.next_utc = now - 1;
	T_OK(store_callback_due(&c, now));
	c.status = "done";
	T_OK(!store_callback_due(&c, now));
	c.status = "failed";
	c.last_result = NULL;
	T_OK(!store_callback_due(&c, now));
}

int main(void)
{
	test_callback_due();
	test_final_outcome();
	test_lead_merge();
	return t_done();
}
