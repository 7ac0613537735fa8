/* softphone.c: `terminfon call`, a terminal softphone that plays Twilio's side of a call against a running stack. */
#include "softphone.h"

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "err.h"
#include "form.h"
#include "routes.h"
#include "tf_limits.h"
#include "twiml.h"
#include "twsig.h"
#include "utf8.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/rand.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CALL_MAX_REQUESTS 300  /* per call: a server that loops cannot keep us here */
#define CALL_MAX_DIALS 16      /* --dial-status values */
#define CALL_MAX_EXTRA 6       /* parameters a verb adds to the standard set */
#define CALL_MAX_PARAMS 40
#define CALL_QUEUE_LOOPS 3
#define CALL_WEBHOOK ROUTE_VOICE_WEBHOOK
#define CALL_STATUS_CB ROUTE_STATUS_CALLBACK
#define CALL_TEST_ACCOUNT "AC0123456789abcdef0123456789abcdef"

enum call_kind { CALL_SPEECH, CALL_DIGITS };

struct call_input {
	enum call_kind kind;
	const char *text;
};

/* The request a verb asks for next. Strings live in an arena. */
struct call_next {
	const char *url;  /* absolute */
	bool get;
	size_t n;
	const char *names[CALL_MAX_EXTRA], *values[CALL_MAX_EXTRA];
};

enum call_step { STEP_NEXT, STEP_CONTINUE, STEP_LEAVE, STEP_END, STEP_FAIL };

struct call {
	const struct config *cfg;
	const char *base;         /* --url without trailing '/' */
	const char *from, *to, *account_sid, *direction;
	const char *dial_statuses[CALL_MAX_DIALS];  /* one per <Dial>, the last repeats */
	size_t ndials, next_dial;
	int talk_s;               /* an answered <Dial> lasts this long */
	int pause_max;            /* cap of each <Pause>, -1: none */
	int play_s;               /* how long a <Play> takes */
	int give_up;              /* hang up after this many hold rounds in a row, 0: never */
	int holds;                /* <Redirect>s since the last <Gather> */
	const char *outbound;     /* answer a call placed through the REST API at this URL */
	const char *not_answered; /* ...or do not answer it: busy, no-answer, failed */
	char call_sid[35];
	struct call_input *inputs;
	size_t ninputs, next_input;
	bool scripted, quiet, insecure, token_warned, answered;
	int requests;
	time_t started;
	CURL *curl;
	struct arena queue_arena; /* wait documents of <Enqueue>, status callbacks */
};

static void call_usage(FILE *f)
{
	fprintf(f,
		"usage: terminfon call [options]\n"
		"Plays Twilio against a running terminfon: posts a signed incoming call,\n"
		"follows the TwiML and prints what the bot says.\n\n"
		"  --url BASE          where terminfon answers (default: the stack scripts/run\n"
		"                      started, from var/run.env; else BASE_URL; else\n"
		"                      http://127.0.0.1:8080)\n"
		"  --from E164         caller (default +4915112345678)\n"
		"  --to E164           called number (default TWILIO_PHONE_NUMBER or +493012345678)\n"
		"  --say TEXT          what the caller says at the next <Gather> (repeatable)\n"
		"  --digits D          keys the caller presses at the next <Gather> (repeatable)\n"
		"  --call-sid CA...    CallSid (default: random)\n"
		"  --dial-status S     DialCallStatus after <Dial> (default completed); repeat it\n"
		"                      for one value per <Dial>, the last one repeats\n"
		"  --talk SECONDS      an answered <Dial> lasts this long (default 0)\n"
		"  --pause-max SECONDS a <Pause> lasts at most this long (default: its length)\n"
		"  --play-seconds S    how long a <Play> takes (default 0)\n"
		"  --give-up N         hang up after N rounds of a hold loop (<Redirect>s in a\n"
		"                      row without a <Gather>)\n"
		"  --outbound URL      answer a call placed through the REST API: the first\n"
		"                      request goes to URL (as given in Calls.json) with\n"
		"                      Direction outbound-api; --from is our number (default\n"
		"                      TWILIO_PHONE_NUMBER), --to the person called\n"
		"  --not-answered S    with --outbound: the call is not answered; only the\n"
		"                      status callbacks are sent, ending with S (busy,\n"
		"                      no-answer, failed)\n"
		"  --insecure          accept a self-signed HTTPS certificate\n"
		"  --quiet             print only the conversation\n\n"
		"Without --say/--digits each <Gather> reads a line from stdin: words are\n"
		"speech, \"#123\" or a line of digits are keys, an empty line is silence,\n"
		"end of input hangs up. With them, the call hangs up when they are used up.\n");
}

/* Prints one line of the conversation with control characters blanked. */
static void call_say(const char *prefix, const char *text)
{
	fputs(prefix, stdout);
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		putchar(*p < 0x20 || *p == 0x7f ? ' ' : *p);
	putchar('\n');
	fflush(stdout);
}

static const char *call_resolve(struct arena *a, const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *full = NULL;
	const char *out = NULL;
	if (u != NULL && curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK)
		out = arena_strdup(a, full);
	curl_free(full);
	curl_url_cleanup(u);
	return out;
}

/* What the server rebuilds: BASE_URL + path and query when BASE_URL is set,
 * else the request URL itself. */
static const char *call_signed_url(struct call *c, struct arena *a, const char *url)
{
	const char *base = c->cfg->base_url;
	if (base == NULL || base[0] == '\0')
		return url;
	const char *auth = strstr(url, "://");
	const char *path = auth ? auth + 3 + strcspn(auth + 3, "/?#") : url;
	size_t blen = strlen(base);
	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	return arena_printf(a, "%.*s%s%s", (int)blen, base, *path == '/' ? "" : "/", path);
}

static size_t call_collect(char *p, size_t size, size_t n, void *ud)
{
	struct buf *b = ud;
	return buf_append(b, p, size * n) == TF_OK ? size * n : 0;
}

static bool call_header(struct curl_slist **list, const char *line)
{
	struct curl_slist *l = curl_slist_append(*list, line);
	if (l == NULL)
		return false;
	*list = l;
	return true;
}

/* One signed request like Twilio's; *status is 0 when no answer came. */
static int call_http(struct call *c, struct arena *a, const char *url, bool get,
		     const struct form *params, long *status, struct buf *resp)
{
	struct buf body;
	buf_init(&body, TF_MAX_BODY);
	int err = TF_OK;
	for (size_t i = 0; i < params->n && !err; i++)
		err = form_append(&body, params->fields[i].name, params->fields[i].value);
	if (err) {
		buf_free(&body);
		return err;
	}
	const char *full = url;
	if (get && body.len > 0)
		full = arena_printf(a, "%s%c%s", url, strchr(url, '?') ? '&' : '?', body.data);
	const char *signed_url = full ? call_signed_url(c, a, full) : NULL;
	if (signed_url == NULL) {
		buf_free(&body);
		return TF_ENOMEM;
	}
	char sig[TWSIG_LEN + 1];
	struct form none = { NULL, 0 };
	bool signed_ok = twsig_sign(c->cfg->twilio_auth_token, signed_url, get ? &none : params,
				    sig) == TF_OK;
	if (!signed_ok && !c->token_warned) {
		fprintf(stderr, "terminfon call: TWILIO_AUTH_TOKEN is not set, requests go unsigned\n");
		c->token_warned = true;
	}
	struct curl_slist *hdr = NULL;
	char sighdr[64];
	snprintf(sighdr, sizeof(sighdr), "X-Twilio-Signature: %s", sig);
	if (!call_header(&hdr, "User-Agent: TwilioProxy/1.1") || !call_header(&hdr, "Accept: */*") ||
	    !call_header(&hdr, "Expect:") ||
	    (!get && !call_header(&hdr, "Content-Type: application/x-www-form-urlencoded")) ||
	    (signed_ok && !call_header(&hdr, sighdr))) {
		curl_slist_free_all(hdr);
		buf_free(&body);
		return TF_ENOMEM;
	}

	CURL *e = c->curl;
	curl_easy_reset(e);
	curl_easy_setopt(e, CURLOPT_URL, full);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, call_collect);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, resp);
	if (!get) {
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)body.len);
		curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, body.data ? body.data : "");
	}
	if (c->insecure) {
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	c->requests++;
	if (!c->quiet)
		fprintf(stderr, "  [%s %s]\n", get ? "GET" : "POST", full);
	CURLcode rc = curl_easy_perform(e);
	*status = 0;
	if (rc == CURLE_OK) {
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, status);
	} else {
		fprintf(stderr, "terminfon call: %s: %s\n", full, curl_easy_strerror(rc));
		err = TF_EIO;
	}
	curl_slist_free_all(hdr);
	buf_free(&body);
	return err;
}

static void call_add(struct form *f, const char *name, const char *value)
{
	if (f->n < CALL_MAX_PARAMS) {
		f->fields[f->n].name = name;
		f->fields[f->n].value = value ? value : "";
		f->fields[f->n].value_len = strlen(f->fields[f->n].value);
		f->n++;
	}
}

/* The parameters Twilio sends on every request of an inbound call. */
static void call_base_params(struct call *c, struct form *f, const char *status)
{
	static const char *const empty[] = { "FromCity", "FromState", "FromZip",
					     "ToCity",   "ToState",   "ToZip" };
	call_add(f, "AccountSid", c->account_sid);
	call_add(f, "ApiVersion", "2010-04-01");
	call_add(f, "CallSid", c->call_sid);
	call_add(f, "CallStatus", status);
	call_add(f, "Direction", c->direction);
	call_add(f, "From", c->from);
	call_add(f, "To", c->to);
	call_add(f, "Caller", c->from);
	call_add(f, "Called", c->to);
	call_add(f, "FromCountry", "DE");
	call_add(f, "ToCountry", "DE");
	call_add(f, "CallerCountry", "DE");
	call_add(f, "CalledCountry", "DE");
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		call_add(f, empty[i], "");
}

/* Fetches a TwiML document; prints status and body and fails on anything
 * but a 200 with valid TwiML. */
static int call_fetch(struct call *c, struct arena *a, const struct call_next *next,
		      const char *status, struct twiml_node **doc)
{
	struct form_field fields[CALL_MAX_PARAMS];
	struct form f = { fields, 0 };
	call_base_params(c, &f, status);
	for (size_t i = 0; i < next->n; i++)
		call_add(&f, next->names[i], next->values[i]);
	struct buf resp;
	buf_init(&resp, TF_MAX_UPSTREAM_BODY);
	long code = 0;
	int err = call_http(c, a, next->url, next->get, &f, &code, &resp);
	if (!err && (code != 200 ||
		     twiml_parse(a, resp.data ? resp.data : "", resp.len, doc) != TF_OK)) {
		fprintf(stderr, "terminfon call: %s answered HTTP %ld%s\n%s\n", next->url, code,
			code == 200 ? " without valid TwiML" : "", resp.data ? resp.data : "");
		err = TF_EUPSTREAM;
	}
	buf_free(&resp);
	return err;
}

static void call_extra(struct call_next *n, const char *name, const char *value)
{
	if (n->n < CALL_MAX_EXTRA) {
		n->names[n->n] = name;
		n->values[n->n] = value;
		n->n++;
	}
}

/* Points next at an action URL (or the document itself when there is none). */
static enum call_step call_goto(struct arena *a, const char *doc_url, const struct twiml_node *v,
				const char *target, struct call_next *next)
{
	const char *method = twiml_node_attr(v, "method");
	next->url = call_resolve(a, doc_url, target && *target ? target : doc_url);
	next->get = method != NULL && strcmp(method, "GET") == 0;
	next->n = 0;
	if (next->url == NULL) {
		fprintf(stderr, "terminfon call: bad URL in <%s>: %s\n", v->name, target);
		return STEP_FAIL;
	}
	return STEP_NEXT;
}

static bool call_is_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if ((*s < '0' || *s > '9') && *s != '*' && *s != '#')
			return false;
	return true;
}

/* The caller's next answer: 1 given, 0 silence, -1 hung up (inputs used up, EOF). */
static int call_listen(struct call *c, struct arena *a, struct call_input *in)
{
	if (c->scripted) {
		if (c->next_input >= c->ninputs)
			return -1;
		*in = c->inputs[c->next_input++];
	} else {
		if (isatty(STDIN_FILENO))
			fputs("Du: ", stdout);
		fflush(stdout);
		/* One whole line, however long; what is said is cut to what
		 * Twilio would send, between two characters. */
		char *line = NULL;
		size_t cap = 0;
		ssize_t got = getline(&line, &cap, stdin);
		if (got < 0) {
			free(line);
			return -1;
		}
		size_t len = strcspn(line, "\r\n");
		line[utf8_cut(line, len, TF_MAX_SPEECH)] = '\0';
		if (line[0] == '\0') {
			free(line);
			return 0;
		}
		in->kind = line[0] == '#' || call_is_digits(line) ? CALL_DIGITS : CALL_SPEECH;
		in->text = arena_strdup(a, line[0] == '#' ? line + 1 : line);
		free(line);
		if (in->text == NULL)
			return -1;
	}
	if (c->scripted || !isatty(STDIN_FILENO))
		call_say(in->kind == CALL_DIGITS ? "Anrufer drückt: " : "Anrufer: ", in->text);
	return 1;
}

/* Sleeps whole seconds (a hold loop must not spin). */
static void call_wait(int seconds)
{
	fflush(stdout);
	if (seconds > 0)
		sleep((unsigned)seconds);
}

static void call_prompt(const struct call *c, const struct twiml_node *v)
{
	if (strcmp(v->name, "Say") == 0) {
		call_say("Bot: ", v->text);
	} else if (strcmp(v->name, "Play") == 0) {
		printf("[Musik: %s]\n", v->text);
		call_wait(c->play_s);
	} else if (strcmp(v->name, "Pause") == 0) {
		const char *len = twiml_node_attr(v, "length");
		printf("[Pause %s s]\n", len ? len : "1");
		char *end = NULL;
		long secs = len ? strtol(len, &end, 10) : 1;
		if (len && (end == len || *end != '\0' || secs < 0 || secs > 600))
			secs = 1;
		call_wait(c->pause_max >= 0 && secs > c->pause_max ? c->pause_max : (int)secs);
	}
}

static enum call_step call_gather(struct call *c, struct arena *a, const char *doc_url,
				  const struct twiml_node *v, struct call_next *next)
{
	for (size_t i = 0; i < v->nchildren; i++)
		call_prompt(c, &v->children[i]);
	c->holds = 0;
	struct call_input in;
	int got = call_listen(c, a, &in);
	if (got < 0) {
		puts("[Anrufer legt auf]");
		return STEP_END;
	}
	const char *empty = twiml_node_attr(v, "actionOnEmptyResult");
	if (got == 0 && (empty == NULL || strcmp(empty, "true") != 0))
		return STEP_CONTINUE;
	enum call_step s = call_goto(a, doc_url, v, twiml_node_attr(v, "action"), next);
	if (s == STEP_NEXT && got > 0 && in.kind == CALL_DIGITS) {
		call_extra(next, "Digits", in.text);
	} else if (s == STEP_NEXT && got > 0) {
		call_extra(next, "SpeechResult", in.text);
		call_extra(next, "Confidence", "0.92");
	}
	return s;
}

static const char *call_random_sid(struct arena *a, const char *prefix)
{
	unsigned char r[16];
	if (RAND_bytes(r, sizeof(r)) != 1)
		return NULL;
	char hex[33];
	for (size_t i = 0; i < sizeof(r); i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	return arena_printf(a, "%s%s", prefix, hex);
}

static enum call_step call_run(struct call *c, struct arena *a, const char *doc_url,
			       const struct twiml_node *doc, bool in_queue, struct call_next *next);

/* <Enqueue>: follows waitUrl up to CALL_QUEUE_LOOPS times, then the caller
 * gives up unless the wait music said <Leave> or moved the call on. */
static enum call_step call_enqueue(struct call *c, struct arena *a, const char *doc_url,
				   const struct twiml_node *v, struct call_next *next)
{
	printf("[Warteschlange %s]\n", v->text);
	const char *wait = twiml_node_attr(v, "waitUrl");
	bool left = false;
	for (int loop = 0; wait != NULL && loop < CALL_QUEUE_LOOPS && !left; loop++) {
		if (c->requests >= CALL_MAX_REQUESTS)
			break;
		arena_reset(&c->queue_arena);
		struct arena *qa = &c->queue_arena;
		struct call_next w = { 0 };
		const char *wm = twiml_node_attr(v, "waitUrlMethod");
		w.url = call_resolve(qa, doc_url, wait);
		w.get = wm != NULL && strcmp(wm, "GET") == 0;
		if (w.url == NULL)
			return STEP_FAIL;
		call_extra(&w, "QueuePosition", "1");
		call_extra(&w, "QueueTime", arena_printf(qa, "%d", loop * 30));
		call_extra(&w, "AvgQueueTime", "60");
		call_extra(&w, "CurrentQueueSize", "1");
		call_extra(&w, "QueueSid", "QU0123456789abcdef0123456789abcdef");
		struct twiml_node *wdoc;
		if (call_fetch(c, qa, &w, "in-progress", &wdoc) != TF_OK)
			return STEP_FAIL;
		enum call_step s = call_run(c, qa, w.url, wdoc, true, next);
		if (s == STEP_LEAVE)
			left = true;
		else if (s != STEP_CONTINUE)
			return s;
	}
	if (!left) {
		puts("[Anrufer legt in der Warteschlange auf]");
		return STEP_END;
	}
	const char *action = twiml_node_attr(v, "action");
	if (action == NULL)
		return STEP_CONTINUE;
	enum call_step s = call_goto(a, doc_url, v, action, next);
	call_extra(next, "QueueResult", "leave");
	call_extra(next, "QueueTime", "60");
	return s;
}

/* Plays one document. STEP_CONTINUE means it ran out of verbs (a wait
 * document then plays again; Twilio hangs up after a call document). */
static enum call_step call_run(struct call *c, struct arena *a, const char *doc_url,
			       const struct twiml_node *doc, bool in_queue, struct call_next *next)
{
	for (size_t i = 0; i < doc->nchildren; i++) {
		const struct twiml_node *v = &doc->children[i];
		enum call_step s = STEP_CONTINUE;
		if (strcmp(v->name, "Say") == 0 || strcmp(v->name, "Play") == 0 ||
		    strcmp(v->name, "Pause") == 0) {
			call_prompt(c, v);
		} else if (strcmp(v->name, "Gather") == 0) {
			s = call_gather(c, a, doc_url, v, next);
		} else if (strcmp(v->name, "Redirect") == 0) {
			if (c->give_up > 0 && ++c->holds > c->give_up) {
				puts("[Anrufer wartet nicht länger und legt auf]");
				return STEP_END;
			}
			s = call_goto(a, doc_url, v, v->text, next);
		} else if (strcmp(v->name, "Dial") == 0) {
			const struct twiml_node *n = twiml_node_child(v, "Number");
			printf("[Verbinde mit %s]\n", n ? n->text : v->text);
			const char *action = twiml_node_attr(v, "action");
			const char *dial_status = c->dial_statuses[c->next_dial];
			if (c->next_dial + 1 < c->ndials)
				c->next_dial++;
			bool ok = strcmp(dial_status, "completed") == 0;
			if (ok && c->talk_s > 0) {
				printf("[Im Gespräch mit %s, %d s]\n", n ? n->text : v->text, c->talk_s);
				call_wait(c->talk_s);
			} else if (!ok) {
				printf("[%s]\n", dial_status);
			}
			c->holds = 0;
			if (action != NULL) {
				s = call_goto(a, doc_url, v, action, next);
				call_extra(next, "DialCallStatus", dial_status);
				call_extra(next, "DialCallDuration", ok ? "42" : "0");
				call_extra(next, "DialCallSid", call_random_sid(a, "CA"));
				call_extra(next, "DialBridged", ok ? "true" : "false");
			}
		} else if (strcmp(v->name, "Enqueue") == 0) {
			s = call_enqueue(c, a, doc_url, v, next);
		} else if (strcmp(v->name, "Record") == 0) {
			const char *max = twiml_node_attr(v, "maxLength");
			printf("[Aufnahme, höchstens %s s]\n", max ? max : "3600");
			/* Without action Twilio posts to the document's own URL. */
			s = call_goto(a, doc_url, v, twiml_node_attr(v, "action"), next);
			const char *sid = call_random_sid(a, "RE");
			call_extra(next, "RecordingSid", sid);
			call_extra(next, "RecordingUrl",
				   arena_printf(a, "https://api.twilio.com/2010-04-01/Accounts/%s"
						   "/Recordings/%s", c->account_sid, sid ? sid : ""));
			call_extra(next, "RecordingDuration", "5");
			call_extra(next, "Digits", "hangup");
		} else if (strcmp(v->name, "Hangup") == 0 || strcmp(v->name, "Reject") == 0) {
			puts(strcmp(v->name, "Hangup") == 0 ? "[Aufgelegt]" : "[Abgewiesen]");
			s = STEP_END;
		} else if (strcmp(v->name, "Leave") == 0) {
			if (in_queue)
				s = STEP_LEAVE;
		} else {
			printf("[<%s> spielt das Telefon nicht nach]\n", v->name);
		}
		if (s != STEP_CONTINUE)
			return s;
	}
	return STEP_CONTINUE;
}

static int call_status_callbacks(struct call *c)
{
	const char *states[] = { "ringing", "in-progress", "completed" };
	if (c->not_answered) {
		states[0] = "initiated";
		states[1] = "ringing";
		states[2] = c->not_answered;
	}
	int rc = 0;
	for (int i = 0; i < 3; i++) {
		arena_reset(&c->queue_arena);
		struct arena *a = &c->queue_arena;
		struct form_field fields[CALL_MAX_PARAMS];
		struct form f = { fields, 0 };
		call_base_params(c, &f, states[i]);
		char stamp[64];
		time_t now = time(NULL);
		struct tm tm;
		strftime(stamp, sizeof(stamp), "%a, %d %b %Y %H:%M:%S +0000", gmtime_r(&now, &tm));
		call_add(&f, "CallbackSource", "call-progress-events");
		call_add(&f, "SequenceNumber", arena_printf(a, "%d", i));
		call_add(&f, "Timestamp", arena_strdup(a, stamp));
		if (i == 2 && !c->not_answered) {
			long secs = (long)(now - c->started);
			call_add(&f, "CallDuration", arena_printf(a, "%ld", secs));
			call_add(&f, "Duration", arena_printf(a, "%ld", (secs + 59) / 60));
		}
		struct buf resp;
		buf_init(&resp, TF_MAX_UPSTREAM_BODY);
		long code = 0;
		const char *url = arena_printf(a, "%s%s", c->base, CALL_STATUS_CB);
		int err = url ? call_http(c, a, url, false, &f, &code, &resp) : TF_ENOMEM;
		if (!err && (code < 200 || code > 299)) {
			fprintf(stderr, "terminfon call: status callback %s answered HTTP %ld\n%s\n",
				states[i], code, resp.data ? resp.data : "");
			err = TF_EUPSTREAM;
		}
		buf_free(&resp);
		if (err)
			rc = 1;
	}
	return rc;
}

/* The value of option `name` at argv[*i] ("--name V" or "--name=V"), or NULL
 * when argv[*i] is another option; *missing when the value is absent. */
static const char *call_opt(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

static int call_bad(const char *msg)
{
	fprintf(stderr, "terminfon call: %s\n", msg);
	return 2;
}

/* Whole seconds 0..3600, or -1. */
static int call_seconds(const char *v)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	return errno || end == v || *end != '\0' || n < 0 || n > 3600 ? -1 : (int)n;
}

/* The local stack that scripts/run started writes its address to
 * var/run.env (HTTP_URL=http://127.0.0.1:PORT), relative to the checkout
 * like var/local.env; scripts/run stop removes it. */
#define CALL_RUN_ENV "var/run.env"

struct call_run_env {
	char url[256];
};

static int call_run_env_set(const char *key, const char *value, void *ctx)
{
	struct call_run_env *r = ctx;
	if (strcmp(key, "HTTP_URL") == 0 && strlen(value) < sizeof(r->url) &&
	    (strncmp(value, "http://", 7) == 0 || strncmp(value, "https://", 8) == 0))
		memcpy(r->url, value, strlen(value) + 1);
	return TF_OK;
}

/* The HTTP address in var/run.env, or NULL when there is none (no stack runs,
 * or the file is unreadable: then the other defaults apply). */
static const char *call_local_stack_url(void)
{
	static struct call_run_env run;
	struct buf text;
	char err[160];
	buf_init(&text, CONFIG_MAX_FILE);
	run.url[0] = '\0';
	if (buf_read_file(&text, CALL_RUN_ENV) == TF_OK)
		(void)config_parse_env(text.data, text.len, CALL_RUN_ENV, call_run_env_set, &run, err, sizeof(err));
	buf_free(&text);
	return run.url[0] ? run.url : NULL;
}

/* Reads the options; 0 to go on, -1 after --help, else the exit code. */
static int call_options(struct call *c, int argc, char **argv)
{
	const struct config *cfg = c->cfg;
	c->base = call_local_stack_url();
	if (c->base == NULL)
		c->base = cfg->base_url && *cfg->base_url ? cfg->base_url : "http://127.0.0.1:8080";
	c->from = "+4915112345678";
	c->to = cfg->twilio_phone_number && *cfg->twilio_phone_number ? cfg->twilio_phone_number
								       : "+493012345678";
	c->account_sid = cfg->twilio_account_sid && *cfg->twilio_account_sid
				 ? cfg->twilio_account_sid : CALL_TEST_ACCOUNT;
	c->direction = "inbound";
	c->pause_max = -1;
	c->inputs = calloc((size_t)argc + 1, sizeof(*c->inputs));
	if (c->inputs == NULL)
		return 1;
	bool from_given = false, to_given = false;
	for (int i = 1; i < argc; i++) {
		const char *v, *opt = argv[i];
		bool missing = false;
		if (strcmp(opt, "--quiet") == 0 || strcmp(opt, "-q") == 0) {
			c->quiet = true;
		} else if (strcmp(opt, "--insecure") == 0 || strcmp(opt, "-k") == 0) {
			c->insecure = true;
		} else if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
			call_usage(stdout);
			return -1;
		} else if ((v = call_opt(argc, argv, &i, "--url", &missing)) != NULL) {
			if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
				return call_bad("--url must start with http:// or https://");
			c->base = v;
		} else if ((v = call_opt(argc, argv, &i, "--from", &missing)) != NULL) {
			c->from = v;
			from_given = true;
		} else if ((v = call_opt(argc, argv, &i, "--to", &missing)) != NULL) {
			c->to = v;
			to_given = true;
		} else if ((v = call_opt(argc, argv, &i, "--say", &missing)) != NULL) {
			c->inputs[c->ninputs++] = (struct call_input){ CALL_SPEECH, v };
		} else if ((v = call_opt(argc, argv, &i, "--digits", &missing)) != NULL) {
			if (!call_is_digits(v))
				return call_bad("--digits takes 0-9, * and #");
			c->inputs[c->ninputs++] = (struct call_input){ CALL_DIGITS, v };
		} else if ((v = call_opt(argc, argv, &i, "--call-sid", &missing)) != NULL) {
			if (strlen(v) != 34 || strncmp(v, "CA", 2) != 0)
				return call_bad("--call-sid must be CA and 32 hex digits");
			snprintf(c->call_sid, sizeof(c->call_sid), "%s", v);
		} else if ((v = call_opt(argc, argv, &i, "--dial-status", &missing)) != NULL) {
			if (c->ndials == CALL_MAX_DIALS)
				return call_bad("too many --dial-status values");
			c->dial_statuses[c->ndials++] = v;
		} else if ((v = call_opt(argc, argv, &i, "--talk", &missing)) != NULL) {
			if ((c->talk_s = call_seconds(v)) < 0)
				return call_bad("--talk takes seconds from 0 to 3600");
		} else if ((v = call_opt(argc, argv, &i, "--pause-max", &missing)) != NULL) {
			if ((c->pause_max = call_seconds(v)) < 0)
				return call_bad("--pause-max takes seconds from 0 to 3600");
		} else if ((v = call_opt(argc, argv, &i, "--play-seconds", &missing)) != NULL) {
			if ((c->play_s = call_seconds(v)) < 0)
				return call_bad("--play-seconds takes seconds from 0 to 3600");
		} else if ((v = call_opt(argc, argv, &i, "--give-up", &missing)) != NULL) {
			if ((c->give_up = call_seconds(v)) <= 0)
				return call_bad("--give-up takes a number of rounds from 1 to 3600");
		} else if ((v = call_opt(argc, argv, &i, "--outbound", &missing)) != NULL) {
			if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
				return call_bad("--outbound takes the absolute URL given to Calls.json");
			c->outbound = v;
		} else if ((v = call_opt(argc, argv, &i, "--not-answered", &missing)) != NULL) {
			if (strcmp(v, "busy") != 0 && strcmp(v, "no-answer") != 0 && strcmp(v, "failed") != 0 &&
			    strcmp(v, "canceled") != 0)
				return call_bad("--not-answered takes busy, no-answer, failed or canceled");
			c->not_answered = v;
		} else {
			fprintf(stderr, "terminfon call: %s '%s'\n\n",
				missing ? "no value for" : "unknown option", opt);
			call_usage(stderr);
			return 2;
		}
	}
	c->scripted = c->ninputs > 0;
	if (c->ndials == 0)
		c->dial_statuses[c->ndials++] = "completed";
	if (c->not_answered && !c->outbound)
		return call_bad("--not-answered needs --outbound");
	if (c->outbound) {
		/* Twilio's requests about a call we placed: From is our number. */
		c->direction = "outbound-api";
		if (!from_given)
			c->from = cfg->twilio_phone_number && *cfg->twilio_phone_number ? cfg->twilio_phone_number
			                                                                : "+493012345678";
		if (!to_given)
			return call_bad("--outbound needs --to, the person called");
	}
	return 0;
}

int call_main(int argc, char **argv, const struct config *cfg)
{
	struct call c;
	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	int rc = call_options(&c, argc, argv);
	if (rc != 0) {
		free(c.inputs);
		return rc < 0 ? 0 : rc;
	}
	/* Documents alternate between two arenas: what a verb asks for next
	 * lives in the one of its document until the next answer is in. */
	struct arena keep, docs[2];
	arena_init(&keep, 64 * 1024);
	arena_init(&docs[0], TF_MAX_REQUEST_ARENA);
	arena_init(&docs[1], TF_MAX_REQUEST_ARENA);
	arena_init(&c.queue_arena, TF_MAX_REQUEST_ARENA);
	size_t blen = strlen(c.base);
	while (blen > 0 && c.base[blen - 1] == '/')
		blen--;
	c.base = arena_strndup(&keep, c.base, blen);
	const char *sid = c.call_sid[0] ? c.call_sid : call_random_sid(&keep, "CA");
	struct call_next next = { 0 };
	next.url = c.outbound ? arena_strdup(&keep, c.outbound)
	          : c.base ? arena_printf(&keep, "%s%s", c.base, CALL_WEBHOOK) : NULL;
	c.curl = curl_easy_init();
	if (next.url == NULL || sid == NULL || c.curl == NULL) {
		fprintf(stderr, "terminfon call: out of memory\n");
		rc = 1;
		goto out;
	}
	if (sid != c.call_sid)
		snprintf(c.call_sid, sizeof(c.call_sid), "%s", sid);
	c.started = time(NULL);
	if (!c.quiet)
		printf("[%s %s von %s an %s über %s]\n", c.outbound ? "Rückruf" : "Anruf", c.call_sid, c.from, c.to,
		       c.base);
	if (c.not_answered) {
		printf("[Rückruf nicht angenommen: %s]\n", c.not_answered);
		rc = call_status_callbacks(&c);
		goto out;
	}

	/* Twilio fetches the Url of a call it placed once the person answered. */
	const char *status = c.outbound ? "in-progress" : "ringing";
	for (unsigned turn = 0;; turn++) {
		if (c.requests >= CALL_MAX_REQUESTS) {
			printf("[%d Anfragen: das Telefon legt auf]\n", CALL_MAX_REQUESTS);
			rc = 1;
			break;
		}
		struct arena *a = &docs[turn % 2];
		arena_reset(a);
		struct twiml_node *doc;
		const char *doc_url = arena_strdup(a, next.url);
		if (doc_url == NULL || call_fetch(&c, a, &next, status, &doc) != TF_OK) {
			rc = 1;
			break;
		}
		status = "in-progress";
		c.answered = true;
		memset(&next, 0, sizeof(next));
		enum call_step s = call_run(&c, a, doc_url, doc, false, &next);
		if (s == STEP_FAIL)
			rc = 1;
		else if (s == STEP_CONTINUE)
			puts("[Keine weiteren Anweisungen: Twilio legt auf]");
		if (s != STEP_NEXT)
			break;
	}
	/* Status callbacks only for a call that was taken. */
	if (c.answered && call_status_callbacks(&c) != 0)
		rc = 1;
	if (!c.quiet)
		printf("[Anruf beendet nach %ld s, %d Anfragen]\n", (long)(time(NULL) - c.started),
		       c.requests);
out:
	curl_easy_cleanup(c.curl);
	arena_free(&docs[0]);
	arena_free(&docs[1]);
	arena_free(&c.queue_arena);
	arena_free(&keep);
	free(c.inputs);
	return rc;
}
