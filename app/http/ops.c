/* ops.c: liveness with a database check, and the Prometheus metrics. */
#include "handlers.h"
#include "calendar.h"
#include "clock.h"
#include "err.h"
#include "tf_limits.h"
#include "metrics.h"

#include <cjson/cJSON.h>

int ops_health(struct app *app, struct http_request *req, struct http_response *res)
{
	int err = store_health(app->store);
	cJSON *j = cJSON_CreateObject();
	if (j == NULL)
		return TF_ENOMEM;
	cJSON_AddStringToObject(j, "status", err ? "error" : "ok");
	cJSON_AddStringToObject(j, "database", err ? tf_strerror(err) : "ok");
	return http_json(req, res, err ? 503 : 200, j);
}

int ops_metrics(struct app *app, struct http_request *req, struct http_response *res)
{
	struct buf b;
	buf_init(&b, TF_MAX_RESPONSE);
	int err = metrics_render(&b);
	/* The gauges read the database; without it the counters still answer. */
	struct store_stats_backlog bl;
	bool have = store_stats_backlog(app->store, clock_now(), &bl) == TF_OK;
	struct metrics_gauges g = {
		.sms_unsent = bl.sms_unsent, .sms_due = bl.sms_due,
		.callbacks_open = bl.callbacks_open, .callers_waiting = bl.callers_waiting,
	};
	if (err == TF_OK)
		err = metrics_render_gauges(&b, TERMINFON_VERSION, have ? &g : NULL);
	/* The CalDAV copies' ages; left out when the database does not answer. */
	if (err == TF_OK && have) {
		size_t len = b.len;
		if (calendar_render_metrics(app->store, req->arena, clock_now(), &b) != TF_OK)
			b.len = len;
	}
	if (err == TF_OK)
		err = http_text(req, res, 200, "text/plain; version=0.0.4; charset=utf-8", b.data ? b.data : "", b.len);
	buf_free(&b);
	return err;
}
