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
	return t_done();
}
