/* metrics.h: counters and latency histograms in memory shared by the
 * supervisor and all workers, rendered as Prometheus text by any worker. */
#ifndef TERMINFON_METRICS_H
#define TERMINFON_METRICS_H

#include "buf.h"

enum metric_counter {
	M_CALLS_STARTED,
	M_CALL_OUTCOME_BOOKED,
	M_CALL_OUTCOME_TRANSFERRED,
	M_CALL_OUTCOME_CALLBACK,
	M_CALL_OUTCOME_INFO,
	M_CALL_OUTCOME_ABANDONED,
	M_CALL_OUTCOME_FAILED,
	M_CALL_OUTCOME_RESCHEDULED,
	M_CALL_OUTCOME_CANCELLED,
	M_CALL_OUTCOME_TRANSFER_FAILED,
	M_CALL_OUTCOME_QUEUE_TIMEOUT,
	M_CALL_OUTCOME_QUEUE_ABANDONED,
	M_CALL_OUTCOME_OTHER,
	M_LEADS_CREATED,
	M_BOOKINGS,
	M_BOOKINGS_REJECTED,
	M_CANCELLATIONS,
	M_SMS_SENT,
	M_SMS_FAILED,
	M_DF_REQUESTS,
	M_DF_ERRORS,
	M_DF_429,
	M_DF_TIMEOUTS,
	M_DF_FALLBACKS,
	M_OAUTH_FETCHES,
	M_DB_BUSY,
	M_DB_ERRORS,
	M_DB_WORKER_CHECKPOINTS,
	M_WORKER_RESTARTS,
	M_FALLBACK_TWIML,
	M_SIGNATURE_REJECTED,
	M__COUNT
};

#define METRICS_MAX_ROUTES 48
#define METRICS_ROUTE_NAME 64       /* "METHOD path", cut to fit */

/* Maps shared memory (MAP_SHARED | MAP_ANONYMOUS) before the supervisor forks.
 * Without it, metrics are counted in process-local memory (CLI subcommands).
 * route_names: the router's table, copied; at most METRICS_MAX_ROUTES. */
int metrics_init_shared(const char *const *route_names, int nroutes);
void metrics_inc(enum metric_counter m);
void metrics_add(enum metric_counter m, long long n);
long long metrics_get(enum metric_counter m);
/* Counts one call's final outcome (lead_call_logs.outcome when the call
 * ended) under its label; a value the table does not know counts as
 * "other". Called once per call, by the request that made the call final. */
void metrics_call_outcome(const char *outcome);
/* One request on route index `route` (-1: no route) with its status and duration. */
void metrics_request(int route, int status, long long us);
/* One Dialogflow detectIntent round trip. */
void metrics_dialogflow_latency(long long us);
/* Appends the Prometheus text exposition; TF_ELIMIT if out is too small. */
int metrics_render(struct buf *out);

/* What the database says at the time of a scrape (every worker reads the
 * same rows, so these need no shared memory). */
struct metrics_gauges {
	long long sms_unsent;       /* confirmation and reminder SMS not yet accepted by Twilio */
	long long sms_due;          /* of those, the ones due now */
	long long callbacks_open;   /* callback requests pending or being placed */
	long long callers_waiting;  /* callers in a waiting line for a person */
};
/* Appends terminfon_build_info{version} and, when g is not NULL (the
 * database answered), the gauges of g. TF_ELIMIT if out is too small. */
int metrics_render_gauges(struct buf *out, const char *version, const struct metrics_gauges *g);

/* What the request histogram of one route says, for the stats API (no
 * Prometheus needed). Quantiles are estimated from the buckets the way
 * Prometheus' histogram_quantile does (linear inside a bucket); -1 when the
 * route has seen no request. A quantile beyond the largest bucket bound
 * reports that bound. */
struct metrics_summary {
	const char *route;              /* the route's metrics name; points into the shared table */
	unsigned long long count;
	unsigned long long by_class[6]; /* [2] = 2xx ... [5] = 5xx, [0] = other */
	double sum_seconds;
	double p50_seconds, p99_seconds;
};
/* Fills out[0..max) with the routes in router order; returns how many. */
int metrics_route_summary(struct metrics_summary *out, int max);

#endif
