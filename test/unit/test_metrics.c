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
	metrics_request(1, 200, 9000000);                   /* beyond the last bound */
	T_EQ_INT(metrics_route_summary(s, 1), 1);
	T_EQ_INT(metrics_route_summary(s, 4), 2);
	T_EQ_INT(s[1].count, 5);
	T_OK(s[1].p99_seconds > 4.999 && s[1].p99_seconds < 5.001);          /* the largest finite bound */
	T_OK(s[1].p50_seconds > 4.062 && s[1].p50_seconds < 4.063);
	static const char *const none[] = { "GET /x" };
	T_EQ_INT(metrics_init_shared(none, 1), TF_OK);
	T_EQ_INT(metrics_route_summary(s, 4), 1);
	T_EQ_INT(s[0].count, 0);
	T_OK(s[0].p50_seconds < 0 && s[0].p99_seconds < 0);                  /* no request yet */
	return t_done();
}
