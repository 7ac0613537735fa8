/* test_call.c: the call entry of lib/call on a real store (the example
 * studios, a temporary SQLite file, a fixed clock): a new call is greeted and
 * logged with its studio and, with recording on, the notice; a turn goes to
 * the embedded agent when Dialogflow is not configured; a turn whose call's
 * first webhook never arrived opens the call with its studio; a test session
 * is opened without a studio; and the CallSids of test sessions. */
#include "arena.h"
#include "call.h"
#include "config.h"
#include "crypto.h"
#include "err.h"
#include "handoff.h"
#include "log.h"
#include "store.h"
#include "t.h"
#include "t_db.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define BERLIN_NUMBER "+4930901820"
#define MUENCHEN_NUMBER "+4989901820"

/* Tuesday 24 November 2026, 10:00 in Berlin (both studios open). */
#define T0 ((int64_t)1795510800)

static char dir[256], db[300];
static struct crypto crypto;
static struct store *S;
static struct arena A;
static struct config cfg = { .twilio_phone_number = "+4930555111", .sentiment_transfer = -0.5 };

static struct call_info inbound(const char *sid, const char *from, const char *to)
{
	return (struct call_info){
		.call_sid = sid, .from = from, .to = to, .direction = "inbound", .status = "ringing",
	};
}

static void test_begin_greets_and_logs(void)
{
	struct call_info c = inbound("CA00000000000000000000000000000001", "+4915112345678", MUENCHEN_NUMBER);
	struct call_reply r;
	T_EQ_INT(call_begin(S, &A, &cfg, &c, T0, &r), TF_OK);
	T_EQ_INT(r.agent.action, AGENT_GATHER);
	T_EQ_INT(r.agent.num_digits, 1);
	T_EQ_STR(r.agent.hints, CALL_WELCOME_HINTS);
	T_OK(r.agent.say && strlen(r.agent.say) > 10);
	T_OK(r.agent.say && strstr(r.agent.say, handoff_consent_notice(false)) == NULL);
	struct store_call call;
	struct store_lead lead;
	T_EQ_INT(store_call_get(S, &A, c.call_sid, &call, &lead), TF_OK);
	T_EQ_INT(call.studio_id, 2);
	T_OK(lead.id != 0);
	/* The webhook again (Twilio retries): the same call, greeted again. */
	T_EQ_INT(call_begin(S, &A, &cfg, &c, T0, &r), TF_OK);
	T_EQ_INT(r.agent.action, AGENT_GATHER);

	c.call_sid = "";
	T_EQ_INT(call_begin(S, &A, &cfg, &c, T0, &r), TF_EINVAL);
	c.call_sid = NULL;
	T_EQ_INT(call_begin(S, &A, &cfg, &c, T0, &r), TF_EINVAL);
}

static void test_begin_with_recording_says_the_notice(void)
{
	cfg.record_calls = true;
	struct call_info c = inbound("CA00000000000000000000000000000002", "+4915112345679", BERLIN_NUMBER);
	struct call_reply r;
	T_EQ_INT(call_begin(S, &A, &cfg, &c, T0, &r), TF_OK);
	T_OK(r.agent.say && strstr(r.agent.say, handoff_consent_notice(false)) != NULL);
	/* The answer to the notice is taken before any engine: a refusal is
	 * answered here and the caller asked again. */
	struct agent_input in = { .speech = "nein", .confidence = 0.9 };
	T_EQ_INT(call_turn(S, &A, &cfg, &c, &in, T0 + 10, &r), TF_OK);
	T_EQ_INT(r.agent.action, AGENT_GATHER);
	T_OK(r.agent.say && *r.agent.say);
	cfg.record_calls = false;
}

static void test_turn_without_dialogflow_is_embedded(void)
{
	struct call_info c = inbound("CA00000000000000000000000000000003", "+4915112345670", BERLIN_NUMBER);
	struct call_reply r;
	T_EQ_INT(call_begin(S, &A, &cfg, &c, T0, &r), TF_OK);
	struct agent_input in = { .speech = "Wann haben Sie geöffnet?", .confidence = 0.9 };
	T_EQ_INT(call_turn(S, &A, &cfg, &c, &in, T0 + 10, &r), TF_OK);
	T_EQ_STR(r.engine, "embedded");
	T_OK(r.fallback == NULL);   /* not configured is no fallback */
	T_OK(!r.has_play);
	T_EQ_INT(r.nparts, 0);
	T_EQ_INT(r.agent.action, AGENT_GATHER);
	T_OK(r.agent.say && *r.agent.say);
	struct store_call call;
	struct store_lead lead;
	T_EQ_INT(store_call_get(S, &A, c.call_sid, &call, &lead), TF_OK);
	T_EQ_INT(call.turn, 1);
}

static void test_missed_first_webhook_opens_the_call(void)
{
	struct call_info c = inbound("CA00000000000000000000000000000004", "+4915112345671", MUENCHEN_NUMBER);
	c.status = "in-progress";
	struct store_call call;
	struct store_lead lead;
	T_EQ_INT(store_call_get(S, &A, c.call_sid, &call, &lead), TF_ENOTFOUND);
	struct agent_input in = { .speech = "Ich möchte einen Termin", .confidence = 0.9 };
	struct call_reply r;
	T_EQ_INT(call_turn(S, &A, &cfg, &c, &in, T0, &r), TF_OK);
	T_EQ_STR(r.engine, "embedded");
	T_OK(r.agent.say && *r.agent.say);
	T_EQ_INT(store_call_get(S, &A, c.call_sid, &call, &lead), TF_OK);
	T_EQ_INT(call.studio_id, 2);            /* routed by the number called */
	T_OK(lead.id != 0);
	T_OK(!call.test);

	c.call_sid = NULL;
	T_EQ_INT(call_turn(S, &A, &cfg, &c, &in, T0, &r), TF_EINVAL);
}

static void test_test_session(void)
{
	const char *sid = call_test_sid(&A, "alice", "default");
	T_EQ_STR(sid, "TEST-alice-default");
	const char *odd = call_test_sid(&A, "alice@example.org", "a session with blanks");
	T_OK(odd && strncmp(odd, "TEST-", 5) == 0 && strlen(odd) == 36);
	T_EQ_STR(call_test_sid(&A, "alice@example.org", "a session with blanks"), odd);   /* stable */

	struct call_info c = { .call_sid = sid, .test = true };
	struct agent_input in = { .speech = "Wann haben Sie geöffnet?", .confidence = -1 };
	struct call_reply r;
	T_EQ_INT(call_turn(S, &A, &cfg, &c, &in, T0, &r), TF_OK);
	T_EQ_STR(r.engine, "embedded");
	T_OK(r.agent.say && *r.agent.say);
	struct store_call call;
	struct store_lead lead;
	T_EQ_INT(store_call_get(S, &A, sid, &call, &lead), TF_OK);
	T_OK(call.test);
	T_EQ_INT(lead.id, 0);
	/* The next turn of the same session goes on from its state. */
	T_EQ_INT(call_turn(S, &A, &cfg, &c, &in, T0 + 5, &r), TF_OK);
	T_EQ_INT(store_call_get(S, &A, sid, &call, &lead), TF_OK);
	T_EQ_INT(call.turn, 2);
}

int main(void)
{
	log_set_level(LOG_ERROR);
	arena_init(&A, 64 * 1024 * 1024);
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_call.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	t_db_target(db, sizeof(db), dir);
	char msg[200];
	T_EQ_INT(crypto_init(&crypto, KEY, msg, sizeof(msg)), TF_OK);
	T_EQ_INT(store_open(&S, db, &crypto, 10000), TF_OK);
	T_EQ_INT(store_migrate(S, NULL), TF_OK);
	T_EQ_INT(store_seed_example(S), TF_OK);

	void (*const tests[])(void) = {
		test_begin_greets_and_logs, test_begin_with_recording_says_the_notice,
		test_turn_without_dialogflow_is_embedded, test_missed_first_webhook_opens_the_call, test_test_session,
	};
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		tests[i]();
		arena_reset(&A);
	}

	store_close(S);
	t_db_drop(db);
	crypto_free(&crypto);
	arena_free(&A);
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return t_done();
}
