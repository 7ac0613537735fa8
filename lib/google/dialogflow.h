/* dialogflow.h: Dialogflow CX as the agent's brain: detectIntent over REST
 * for a caller's turn (mapped to the same reply the embedded agent gives),
 * the fulfillment webhook's business answers, and the failure policy that
 * hands turns to the embedded agent when Google is slow, over quota or down. */
#ifndef TERMINFON_DIALOGFLOW_H
#define TERMINFON_DIALOGFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "agent.h"
#include "arena.h"
#include "civil.h"
#include "config.h"
#include "store.h"

struct buf;

#define DIALOGFLOW_SESSION_MAX      36     /* CX refuses longer session ids */
#define DIALOGFLOW_TEXT_MAX         256    /* characters of text input CX takes */
#define DIALOGFLOW_MAX_PARTS        16     /* messages of one answer that are played */
#define DIALOGFLOW_SAY_MAX          4096   /* bytes of words one answer may say */
#define DIALOGFLOW_MAX_FAILURES     2      /* failed turns after which a call stays on the embedded engine */
#define DIALOGFLOW_BREAKER_FAILURES 5      /* failures in a row, across all calls, that open the breaker */
#define DIALOGFLOW_BREAKER_OPEN_MS  30000  /* while open, turns go to the embedded engine at once */
#define DIALOGFLOW_MAX_OFFERS       3

/* Dialogflow is on when DIALOGFLOW_PROJECT_ID is set. */
bool dialogflow_configured(const struct config *cfg);

/* Checks what dialogflow_init checks (ids, the key file) without keeping
 * anything: TF_OK when Dialogflow is not configured or all is well, else
 * TF_ECONFIG (TF_ENOMEM) with one line naming the variable in err. For
 * `terminfon check-config`. */
int dialogflow_check_config(const struct config *cfg, char *err, size_t errlen);

/* Called by every process at start (app_worker_init). When Dialogflow is
 * configured: checks the project, location and agent ids and the key file of
 * GOOGLE_APPLICATION_CREDENTIALS, and keeps the key for this process. On a
 * problem it logs one error line naming the variable and returns TF_ECONFIG.
 * Without Dialogflow it does nothing. Safe to call again (after fork): the
 * previous state of the process is released first. */
int dialogflow_init(const struct config *cfg);

/* Maps the OAuth token cache and the breaker into memory that the processes
 * forked afterwards share; the supervisor calls it once before forking.
 * Without it every process keeps its own. Logs and returns the error of
 * mmap; the process-local state keeps working then. */
int dialogflow_init_shared(void);

/* Releases what dialogflow_init and the turns of this process hold. */
void dialogflow_shutdown(void);

/* ---- a caller's turn ---- */

enum dialogflow_part_kind { DIALOGFLOW_SAY, DIALOGFLOW_PLAY };

struct dialogflow_part {
	enum dialogflow_part_kind kind;
	const char *text;          /* words for <Say>, or a URL for <Play>; arena */
};

/* What a detectIntent answer says, in terminfon's terms. */
struct dialogflow_answer {
	struct dialogflow_part parts[DIALOGFLOW_MAX_PARTS];   /* in the order CX gave them */
	size_t nparts;
	const char *say;           /* every text part joined by blanks; "" when none */
	bool has_play;
	bool live_agent;           /* liveAgentHandoff */
	bool end_interaction;      /* endInteraction */
	const char *transfer_number;  /* telephonyTransferCall.phoneNumber when E.164, else NULL */
	const char *intent;        /* match.intent.displayName, intent.displayName, match.event or the match type */
	double confidence;         /* match.confidence, intentDetectionConfidence, else 0 */
	const char *match_type;    /* "INTENT", "NO_MATCH", ... or NULL */
	const char *page;          /* currentPage.displayName or NULL */
	bool has_sentiment;
	double sentiment;          /* sentimentAnalysisResult.score */
	const char *parameters;    /* queryResult.parameters as JSON, or NULL */
	const char *outcome;       /* parameters.terminfon_outcome (set by the fulfillment webhook) or NULL */
};

/* Parses a DetectIntentResponse body into *out (strings in the arena). Field
 * names in lowerCamelCase or snake_case; unknown fields ignored. TF_EUPSTREAM
 * when it is not a JSON object with a queryResult, or when it holds nothing to
 * play or do (no text, no audio, no handoff, end or transfer); TF_ENOMEM. */
int dialogflow_parse_response(struct arena *a, const char *body, size_t len, struct dialogflow_answer *out);

/* What terminfon tells the agent about the caller with every turn, as
 * session parameters (see docs/dialogflow-agent.md). NULL fields are left out. */
struct dialogflow_query {
	const char *text;            /* the caller's words, or NULL */
	const char *digits;          /* DTMF digits, or NULL; wins over text */
	const char *language;        /* TERMINFON_LANGUAGE */
	const char *timezone;        /* the studio's IANA zone */
	const char *caller_name;
	bool known_customer;
	const char *appointment_text;   /* "am Montag, den 15. Januar, um 14 Uhr" */
	const char *appointment_start;  /* ISO 8601 with the studio's offset */
	const char *appointment_studio; /* city */
	const char *studio;          /* city of the studio the call is routed to */
	const char *studio_name;
	const char *studio_slug;
	bool studio_open;
};

/* Appends the DetectIntentRequest body (queryInput text, DTMF or the no-input
 * event; queryParams with the time zone, sentiment analysis on and the
 * session parameters) to out. Text past DIALOGFLOW_TEXT_MAX characters is
 * cut at a character boundary. TF_ENOMEM, TF_ELIMIT. */
int dialogflow_request_json(const struct dialogflow_query *q, struct buf *out);

/* Appends the detectIntent URL of a session: DIALOGFLOW_API_BASE_URL, else
 * Google's host for DIALOGFLOW_LOCATION (https://dialogflow.googleapis.com for
 * global, https://<location>-dialogflow.googleapis.com otherwise), then
 * /v3/projects/<p>/locations/<l>/agents/<a>/sessions/<session>:detectIntent.
 * TF_EINVAL when the session id is empty, longer than DIALOGFLOW_SESSION_MAX
 * or holds other characters than letters, digits, '-', '_' and '.'. */
int dialogflow_url(const struct config *cfg, const char *session, struct buf *out);

/* What a CX turn answers: the embedded agent's reply (say joins the words)
 * plus the parts in order, for answers that play audio. */
struct dialogflow_reply {
	struct agent_reply agent;
	struct dialogflow_part parts[DIALOGFLOW_MAX_PARTS];
	size_t nparts;
	bool has_play;
	const char *fallback;      /* why the turn was not answered ("timeout", ...); NULL on success */
};

/* Runs one caller turn through the CX agent, when Dialogflow is configured,
 * the breaker is closed and this call has had fewer than
 * DIALOGFLOW_MAX_FAILURES failed turns: sends the words with the lead's
 * session parameters within DIALOGFLOW_TIMEOUT_MS (token included), maps the
 * answer and logs the turn (engine "dialogflow") with its state in one
 * transaction, as the embedded agent does. TF_OK when CX answered the turn.
 * Any other result leaves the turn to agent_turn(), and out->fallback says
 * why: "not_configured", "stays_embedded", "embedded_question" (the
 * embedded agent asked something, e.g. after a failed transfer, and takes
 * the answer), "breaker_open", "unknown_call" or "bad_session" (nothing
 * counted but the breaker's fallbacks), or a counted failure ("timeout", "quota", "upstream",
 * "auth", "malformed"). Store errors come back as they are. */
int dialogflow_turn(struct store *s, struct arena *a, const struct config *cfg, const char *call_sid, int64_t now_utc,
                    const struct agent_input *in, struct dialogflow_reply *out);

/* ---- the fulfillment webhook ---- */

/* A day, time, window or instant as CX resolved it (@sys.date, @sys.time,
 * @sys.date-time and their periods), in the studio's wall clock unless
 * has_instant. */
struct dialogflow_when {
	bool has_date;
	struct civil_date date;
	bool has_time;
	int minute;                /* of the day */
	int from, to;              /* a window in minutes of the day; 0/0: none */
	bool after_date;           /* a period of several days: from date on */
	bool has_instant;          /* a date-time with an offset: an exact instant */
	int64_t instant_utc;
};

/* A WebhookRequest, read. */
struct dialogflow_webhook_request {
	const char *tag;           /* fulfillmentInfo.tag, lower case, '_' as '-' ("" when none) */
	const char *call_sid;      /* the last part of sessionInfo.session, NULL when it has none */
	const char *text;          /* what the caller said, or NULL */
	struct dialogflow_when when;   /* merged from the date-time, date and time parameters */
	bool has_when;
	const char *name;          /* @sys.person (name, person) or NULL */
	const char *location;      /* a studio the caller named (standort, studio_wunsch) or NULL */
	int choice;                /* 1-based choice among the offered slots (wahl), 0: none */
	int64_t offered[DIALOGFLOW_MAX_OFFERS];   /* offered_slots as instants */
	size_t noffered;
	bool has_slot;
	int64_t slot_utc;          /* the slot parameter as an instant */
};

/* Reads a WebhookRequest: session and intent parameters (resolved values)
 * and form values, in lowerCamelCase or snake_case. TF_EINVAL when the body
 * is not a JSON object; TF_ENOMEM. Never fails on odd parameter values:
 * what cannot be read is left out. */
int dialogflow_webhook_parse(struct arena *a, const char *body, size_t len, struct dialogflow_webhook_request *out);

/* Answers a fulfillment request by its tag (check-availability,
 * book-appointment, reschedule-appointment, cancel-appointment,
 * update-contact, transfer, callback, studio-info) with the business
 * functions the embedded agent uses. *json gets the WebhookResponse
 * (fulfillmentResponse.messages and sessionInfo.parameters; arena) and
 * *status its HTTP status: 200, or 400 for a body that is not a request or an
 * unknown tag (then *json is an error object). Store errors come back as
 * they are. */
int dialogflow_webhook(struct store *s, struct arena *a, const struct config *cfg, int64_t now_utc, const char *body,
                       size_t len, int *status, const char **json);

/* Does the header value equal the configured webhook secret? Constant time;
 * false when no secret is configured. */
bool dialogflow_webhook_authorised(const struct config *cfg, const char *header);

#endif
