/* test_metrics.c: counters and histograms in shared memory add up across
 * forked processes, and render as Prometheus text. */
#include "buf.h"
#include "err.h"
#include "metrics.h"
#include "t.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	static const char *const routes[] = { "POST /api/v1/twilio/voice/webhook", "GET /api/v1/health" };
	T_EQ_INT(metrics_init_shared(routes, 2), TF_OK);
	enum { CHILDREN = 4, EACH = 1000 };
	for (int c = 0; c < CHILDREN; c++) {
		pid_t pid = fork();
		if (pid == 0) {
			for (int i = 0; i < EACH; i++) {
				metrics_inc(M_BOOKINGS);
				metrics_request(0, i % 10 == 0 ? 500 : 200, 800);
			}
			metrics_request(1, 200, 3000000);
			_exit(0);
		}
		T_OK(pid > 0);
	}
	for (int c = 0; c < CHILDREN; c++) {
		int status;
		T_OK(wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	T_EQ_INT(metrics_get(M_BOOKINGS), CHILDREN * EACH);
	metrics_request(-1, 200, 1);                        /* no route: ignored */
	metrics_request(99, 200, 1);

	struct buf b;
	buf_init(&b, 1 << 20);
	T_EQ_INT(metrics_render(&b), TF_OK);
	T_OK(strstr(b.data, "terminfon_bookings_total 4000\n") != NULL);
	T_OK(strstr(b.data, "terminfon_requests_total{route=\"POST /api/v1/twilio/voice/webhook\",code=\"2xx\"} 3600\n") != NULL);
	T_OK(strstr(b.data, "terminfon_requests_total{route=\"POST /api/v1/twilio/voice/webhook\",code=\"5xx\"} 400\n") != NULL);
	/* 800 us falls in the 1 ms bucket; buckets are cumulative. */
	T_OK(strstr(b.data, "terminfon_request_duration_seconds_bucket{route=\"POST /api/v1/twilio/voice/webhook\",le=\"0.0005\"} 0\n") != NULL);
	T_OK(strstr(b.data, "terminfon_request_duration_seconds_bucket{route=\"POST /api/v1/twilio/voice/webhook\",le=\"0.001\"} 4000\n") != NULL);
	T_OK(strstr(b.data, "terminfon_request_duration_seconds_count{route=\"GET /api/v1/health\"} 4\n") != NULL);
	T_OK(strstr(b.data, "terminfon_request_duration_seconds_bucket{route=\"GET /api/v1/health\",le=\"2.5\"} 0\n") != NULL);
	/* 3 s each: past 2.5 s, inside 5 s; the last finite bucket is 10 s
	 * (nginx's limit), so a p99 above 5 s can be seen. */
	T_OK(strstr(b.data, "terminfon_request_duration_seconds_bucket{route=\"GET /api/v1/health\",le=\"5\"} 4\n") != NULL);
	T_OK(strstr(b.data, "terminfon_request_duration_seconds_bucket{route=\"GET /api/v1/health\",le=\"10\"} 4\n") != NULL);
	T_OK(strstr(b.data, "terminfon_call_outcomes_total{outcome=\"booked\"} 0\n") != NULL);
	T_OK(strstr(b.data, "# TYPE terminfon_request_duration_seconds histogram\n") != NULL);
	/* Each HELP line once (a family with several outcomes shares one). */
	const char *first = strstr(b.data, "# HELP terminfon_call_outcomes_total");
	T_OK(first && strstr(first + 1, "# HELP terminfon_call_outcomes_total") == NULL);
	buf_free(&b);

	/* metrics_route_summary: the same numbers, quantiles interpolated in
	 * their bucket the way histogram_quantile does. */
	struct metrics_summary s[4];
	T_EQ_INT(metrics_route_summary(s, 4), 2);
	T_EQ_STR(s[0].route, "POST /api/v1/twilio/voice/webhook");
	T_EQ_INT(s[0].count, 4000);
	T_EQ_INT(s[0].by_class[2], 3600);
	T_EQ_INT(s[0].by_class[5], 400);
	T_OK(s[0].sum_seconds > 3.199 && s[0].sum_seconds < 3.201);
	T_OK(s[0].p50_seconds > 0.000749 && s[0].p50_seconds < 0.000751);    /* 500 us + half of (500, 1000] */
	T_OK(s[0].p99_seconds > 0.000994 && s[0].p99_seconds < 0.000996);
	T_OK(s[1].p50_seconds > 3.749 && s[1].p50_seconds < 3.751);          /* all in (2.5 s, 5 s] */
	metrics_request(1, 200, 12000000);                  /* beyond the last bound */
	T_EQ_INT(metrics_route_summary(s, 1), 1);
	T_EQ_INT(metrics_route_summary(s, 4), 2);
	T_EQ_INT(s[1].count, 5);
	T_OK(s[1].p99_seconds > 9.999 && s[1].p99_seconds < 10.001);         /* the largest finite bound */
	T_OK(s[1].p50_seconds > 4.062 && s[1].p50_seconds < 4.063);
	static const char *const none[] = { "GET /x" };
	T_EQ_INT(metrics_init_shared(none, 1), TF_OK);
	T_EQ_INT(metrics_route_summary(s, 4), 1);
	T_EQ_INT(s[0].count, 0);
	T_OK(s[0].p50_seconds < 0 && s[0].p99_seconds < 0);                  /* no request yet */

	/* Final outcomes by their name in the call log; unknown names count as
	 * "other", so the outcomes always add up to the calls that ended. */
	metrics_call_outcome("queue_abandoned");
	metrics_call_outcome("booked");
	metrics_call_outcome("booked");
	metrics_call_outcome("something_new");
	metrics_call_outcome(NULL);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_QUEUE_ABANDONED), 1);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_BOOKED), 2);
	T_EQ_INT(metrics_get(M_CALL_OUTCOME_OTHER), 1);
	buf_init(&b, 1 << 20);
	T_EQ_INT(metrics_render(&b), TF_OK);
	T_OK(strstr(b.data, "terminfon_call_outcomes_total{outcome=\"queue_abandoned\"} 1\n") != NULL);
	T_OK(strstr(b.data, "terminfon_call_outcomes_total{outcome=\"failed\"} 0\n") != NULL);
	T_OK(strstr(b.data, "terminfon_call_outcomes_total{outcome=\"other\"} 1\n") != NULL);
	buf_free(&b);

	/* The gauges of a scrape, and the build without them (no database). */
	struct metrics_gauges g = { .sms_unsent = 5, .sms_due = 2, .callbacks_open = 3, .callers_waiting = 1 };
	buf_init(&b, 1 << 16);
	T_EQ_INT(metrics_render_gauges(&b, "1.2.3", &g), TF_OK);
	T_OK(strstr(b.data, "# TYPE terminfon_build_info gauge\nterminfon_build_info{version=\"1.2.3\"} 1\n") != NULL);
	T_OK(strstr(b.data, "# TYPE terminfon_sms_unsent gauge\nterminfon_sms_unsent 5\n") != NULL);
	T_OK(strstr(b.data, "\nterminfon_sms_due 2\n") != NULL);
	T_OK(strstr(b.data, "\nterminfon_callbacks_open 3\n") != NULL);
	T_OK(strstr(b.data, "\nterminfon_callers_waiting 1\n") != NULL);
	buf_free(&b);
	buf_init(&b, 1 << 16);
	T_EQ_INT(metrics_render_gauges(&b, "1.2.3", NULL), TF_OK);
	T_OK(strstr(b.data, "terminfon_build_info{version=\"1.2.3\"} 1\n") != NULL);
	T_OK(strstr(b.data, "terminfon_sms_due") == NULL);
	buf_free(&b);
	return t_done();
}
