/* metrics.c: lock-free counters in shared memory (atomic adds), so the numbers
 * add up across workers and survive a worker's restart. */
#include "metrics.h"
#include "err.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* Up to 10 s, where nginx gives up and answers the fallback: a p99 above
 * 5 s (TerminfonWebhookVerySlow) must be measurable. */
static const long long metrics_buckets_us[] = {
	500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000,
};
#define NBUCKETS (sizeof(metrics_buckets_us) / sizeof(metrics_buckets_us[0]))

struct metrics_hist {
	uint64_t buckets[NBUCKETS + 1]; /* last = +Inf */
	uint64_t count;
	uint64_t sum_us;
};

struct metrics_route {
	char name[METRICS_ROUTE_NAME];
	uint64_t status[6];             /* 1xx..5xx by first digit, [0] = other */
	struct metrics_hist latency;
};

struct metrics_shm {
	uint64_t counters[M__COUNT];
	int nroutes;
	struct metrics_route routes[METRICS_MAX_ROUTES];
	struct metrics_hist dialogflow;
};

static struct metrics_shm metrics_local;
static struct metrics_shm *metrics = &metrics_local;

static const struct {
	const char *name, *label, *help;
} metrics_names[M__COUNT] = {
	[M_CALLS_STARTED] = { "terminfon_calls_started_total", NULL, "Calls answered by the voice webhook." },
	[M_CALL_OUTCOME_BOOKED] = { "terminfon_call_outcomes_total", "booked", "Ended calls by their final outcome (lead_call_logs.outcome), counted once when the call ends." },
	[M_CALL_OUTCOME_TRANSFERRED] = { "terminfon_call_outcomes_total", "transferred", NULL },
	[M_CALL_OUTCOME_CALLBACK] = { "terminfon_call_outcomes_total", "callback", NULL },
	[M_CALL_OUTCOME_INFO] = { "terminfon_call_outcomes_total", "info", NULL },
	[M_CALL_OUTCOME_ABANDONED] = { "terminfon_call_outcomes_total", "abandoned", NULL },
	[M_CALL_OUTCOME_FAILED] = { "terminfon_call_outcomes_total", "failed", NULL },
	[M_CALL_OUTCOME_RESCHEDULED] = { "terminfon_call_outcomes_total", "rescheduled", NULL },
	[M_CALL_OUTCOME_CANCELLED] = { "terminfon_call_outcomes_total", "cancelled", NULL },
	[M_CALL_OUTCOME_TRANSFER_FAILED] = { "terminfon_call_outcomes_total", "transfer_failed", NULL },
	[M_CALL_OUTCOME_QUEUE_TIMEOUT] = { "terminfon_call_outcomes_total", "queue_timeout", NULL },
	[M_CALL_OUTCOME_QUEUE_ABANDONED] = { "terminfon_call_outcomes_total", "queue_abandoned", NULL },
	[M_CALL_OUTCOME_OTHER] = { "terminfon_call_outcomes_total", "other", NULL },
	[M_LEADS_CREATED] = { "terminfon_leads_created_total", NULL, "New leads created from calls." },
	[M_BOOKINGS] = { "terminfon_bookings_total", NULL, "Appointments booked." },
	[M_BOOKINGS_REJECTED] = { "terminfon_bookings_rejected_total", NULL, "Booking attempts refused (taken, closed, too soon...)." },
	[M_CANCELLATIONS] = { "terminfon_cancellations_total", NULL, "Appointments cancelled." },
	[M_SMS_SENT] = { "terminfon_sms_sent_total", NULL, "SMS accepted by Twilio." },
	[M_SMS_FAILED] = { "terminfon_sms_failed_total", NULL, "SMS attempts that failed." },
	[M_DF_REQUESTS] = { "terminfon_dialogflow_requests_total", NULL, "detectIntent requests." },
	[M_DF_ERRORS] = { "terminfon_dialogflow_errors_total", NULL, "detectIntent errors (any kind)." },
	[M_DF_429] = { "terminfon_dialogflow_quota_errors_total", NULL, "detectIntent answers with HTTP 429." },
	[M_DF_TIMEOUTS] = { "terminfon_dialogflow_timeouts_total", NULL, "detectIntent calls past the time budget." },
	[M_DF_FALLBACKS] = { "terminfon_dialogflow_fallbacks_total", NULL, "Turns answered by the embedded agent after a Dialogflow failure." },
	[M_OAUTH_FETCHES] = { "terminfon_oauth_token_fetches_total", NULL, "OAuth access tokens fetched." },
	[M_DB_BUSY] = { "terminfon_db_busy_total", NULL, "Database operations that hit the busy timeout." },
	[M_DB_ERRORS] = { "terminfon_db_errors_total", NULL, "Database errors." },
	[M_DB_WORKER_CHECKPOINTS] = { "terminfon_db_worker_checkpoints_total", NULL, "Checkpoints a worker ran itself: the WAL outgrew what the background process keeps up with." },
	[M_WORKER_RESTARTS] = { "terminfon_worker_restarts_total", NULL, "Workers respawned after dying." },
	[M_FALLBACK_TWIML] = { "terminfon_fallback_twiml_total", NULL, "Twilio requests answered with the fallback TwiML after an internal failure." },
	[M_SIGNATURE_REJECTED] = { "terminfon_signature_rejected_total", NULL, "Twilio requests refused for a bad signature." },
};

int metrics_init_shared(const char *const *route_names, int nroutes)
{
	void *p = mmap(NULL, sizeof(struct metrics_shm), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return TF_ENOMEM;
	metrics = p;
	memset(metrics, 0, sizeof(*metrics));
	if (nroutes > METRICS_MAX_ROUTES)
		nroutes = METRICS_MAX_ROUTES;
	for (int i = 0; i < nroutes; i++) {
		strncpy(metrics->routes[i].name, route_names[i], sizeof(metrics->routes[i].name) - 1);
	}
	metrics->nroutes = nroutes;
	return TF_OK;
}

void metrics_add(enum metric_counter m, long long n)
{
	if ((unsigned)m < M__COUNT)
		__atomic_fetch_add(&metrics->counters[m], (uint64_t)n, __ATOMIC_RELAXED);
}

void metrics_inc(enum metric_counter m)
{
	metrics_add(m, 1);
}

long long metrics_get(enum metric_counter m)
{
	return (unsigned)m < M__COUNT ? (long long)__atomic_load_n(&metrics->counters[m], __ATOMIC_RELAXED) : 0;
}

void metrics_call_outcome(const char *outcome)
{
	if (outcome == NULL)
		return;
	for (int m = M_CALL_OUTCOME_BOOKED; m <= M_CALL_OUTCOME_OTHER; m++)
		if (m != M_CALL_OUTCOME_OTHER && strcmp(metrics_names[m].label, outcome) == 0) {
			metrics_inc((enum metric_counter)m);
			return;
		}
	metrics_inc(M_CALL_OUTCOME_OTHER);
}

static void metrics_observe(struct metrics_hist *h, long long us)
{
	size_t i = 0;
	while (i < NBUCKETS && us > metrics_buckets_us[i])
		i++;
	__atomic_fetch_add(&h->buckets[i], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&h->count, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&h->sum_us, (uint64_t)(us > 0 ? us : 0), __ATOMIC_RELAXED);
}

void metrics_request(int route, int status, long long us)
{
	if (route < 0 || route >= metrics->nroutes)
		return;
	struct metrics_route *r = &metrics->routes[route];
	int cls = status / 100;
	__atomic_fetch_add(&r->status[cls >= 1 && cls <= 5 ? cls : 0], 1, __ATOMIC_RELAXED);
	metrics_observe(&r->latency, us);
}

void metrics_dialogflow_latency(long long us)
{
	metrics_observe(&metrics->dialogflow, us);
}

static int metrics_render_hist(struct buf *out, const char *name, const char *labels, const struct metrics_hist *h)
{
	int err = 0;
	uint64_t cum = 0;
	const char *sep = *labels ? "," : "";
	for (size_t i = 0; i <= NBUCKETS && !err; i++) {
		cum += __atomic_load_n(&h->buckets[i], __ATOMIC_RELAXED);
		if (i < NBUCKETS)
			err = buf_printf(out, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, labels, sep,
			                 (double)metrics_buckets_us[i] / 1e6, (unsigned long long)cum);
		else
			err = buf_printf(out, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name, labels, sep, (unsigned long long)cum);
	}
	char lb[128] = "";
	if (*labels)
		snprintf(lb, sizeof(lb), "{%s}", labels);
	if (!err)
		err = buf_printf(out, "%s_sum%s %.6f\n%s_count%s %llu\n", name, lb,
		                 (double)__atomic_load_n(&h->sum_us, __ATOMIC_RELAXED) / 1e6, name, lb,
		                 (unsigned long long)__atomic_load_n(&h->count, __ATOMIC_RELAXED));
	return err;
}

int metrics_render(struct buf *out)
{
	int err = 0;
	for (int m = 0; m < M__COUNT && !err; m++) {
		unsigned long long v = (unsigned long long)metrics_get((enum metric_counter)m);
		if (metrics_names[m].help)
			err = buf_printf(out, "# HELP %s %s\n# TYPE %s counter\n", metrics_names[m].name,
			                 metrics_names[m].help, metrics_names[m].name);
		if (err)
			break;
		if (metrics_names[m].label)
			err = buf_printf(out, "%s{outcome=\"%s\"} %llu\n", metrics_names[m].name, metrics_names[m].label, v);
		else
			err = buf_printf(out, "%s %llu\n", metrics_names[m].name, v);
	}
	if (!err)
		err = buf_puts(out, "# HELP terminfon_requests_total Requests by route and status class.\n"
		                    "# TYPE terminfon_requests_total counter\n");
	for (int i = 0; i < metrics->nroutes && !err; i++) {
		const struct metrics_route *r = &metrics->routes[i];
		for (int c = 1; c <= 5 && !err; c++) {
			unsigned long long v = __atomic_load_n(&r->status[c], __ATOMIC_RELAXED);
			err = buf_printf(out, "terminfon_requests_total{route=\"%s\",code=\"%dxx\"} %llu\n", r->name, c, v);
		}
	}
	if (!err)
		err = buf_puts(out, "# HELP terminfon_request_duration_seconds Time from request to response, by route.\n"
		                    "# TYPE terminfon_request_duration_seconds histogram\n");
	for (int i = 0; i < metrics->nroutes && !err; i++) {
		char labels[METRICS_ROUTE_NAME + 16];
		snprintf(labels, sizeof(labels), "route=\"%s\"", metrics->routes[i].name);
		err = metrics_render_hist(out, "terminfon_request_duration_seconds", labels, &metrics->routes[i].latency);
	}
	if (!err)
		err = buf_puts(out, "# HELP terminfon_dialogflow_duration_seconds detectIntent round trips.\n"
		                    "# TYPE terminfon_dialogflow_duration_seconds histogram\n");
	if (!err)
		err = metrics_render_hist(out, "terminfon_dialogflow_duration_seconds", "", &metrics->dialogflow);
	return err;
}

int metrics_render_gauges(struct buf *out, const char *version, const struct metrics_gauges *g)
{
	int err = buf_puts(out, "# HELP terminfon_build_info The running build; the value is always 1.\n"
	                        "# TYPE terminfon_build_info gauge\n");
	if (!err)
		err = buf_printf(out, "terminfon_build_info{version=\"%s\"} 1\n", version);
	if (err || g == NULL)
		return err;
	const struct {
		const char *name, *help;
		long long v;
	} gauges[] = {
		{ "terminfon_sms_unsent", "Confirmation and reminder SMS not yet accepted by Twilio.", g->sms_unsent },
		{ "terminfon_sms_due", "Unsent SMS due now: a backlog that stays above 0 means the background process does not send.", g->sms_due },
		{ "terminfon_callbacks_open", "Callback requests pending or being placed.", g->callbacks_open },
		{ "terminfon_callers_waiting", "Callers in a waiting line for a person.", g->callers_waiting },
	};
	for (size_t i = 0; i < sizeof(gauges) / sizeof(gauges[0]) && !err; i++)
		err = buf_printf(out, "# HELP %s %s\n# TYPE %s gauge\n%s %lld\n", gauges[i].name, gauges[i].help,
		                 gauges[i].name, gauges[i].name, gauges[i].v);
	return err;
}

/* The q-quantile of h in seconds, interpolated inside its bucket; -1 for an
 * empty histogram. */
static double metrics_quantile(const struct metrics_hist *h, double q)
{
	uint64_t b[NBUCKETS + 1], total = 0;
	for (size_t i = 0; i <= NBUCKETS; i++) {
		b[i] = __atomic_load_n(&h->buckets[i], __ATOMIC_RELAXED);
		total += b[i];
	}
	if (total == 0)
		return -1;
	double rank = q * (double)total;
	uint64_t cum = 0;
	for (size_t i = 0; i < NBUCKETS; i++) {
		if (b[i] > 0 && (double)(cum + b[i]) >= rank) {
			double lo = i ? (double)metrics_buckets_us[i - 1] : 0.0;
			double hi = (double)metrics_buckets_us[i];
			double frac = (rank - (double)cum) / (double)b[i];
			if (frac < 0)
				frac = 0;
			return (lo + (hi - lo) * frac) / 1e6;
		}
		cum += b[i];
	}
	return (double)metrics_buckets_us[NBUCKETS - 1] / 1e6;
}

int metrics_route_summary(struct metrics_summary *out, int max)
{
	int n = 0;
	for (int i = 0; i < metrics->nroutes && n < max; i++, n++) {
		const struct metrics_route *r = &metrics->routes[i];
		struct metrics_summary *s = &out[n];
		memset(s, 0, sizeof(*s));
		s->route = r->name;
		for (int c = 0; c < 6; c++)
			s->by_class[c] = __atomic_load_n(&r->status[c], __ATOMIC_RELAXED);
		s->count = __atomic_load_n(&r->latency.count, __ATOMIC_RELAXED);
		s->sum_seconds = (double)__atomic_load_n(&r->latency.sum_us, __ATOMIC_RELAXED) / 1e6;
		s->p50_seconds = metrics_quantile(&r->latency, 0.50);
		s->p99_seconds = metrics_quantile(&r->latency, 0.99);
	}
	return n;
}
