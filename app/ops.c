/* ops.c: liveness with a database check, and the Prometheus metrics. */
#include "handlers.h"
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
	if (err == TF_OK)
		err = http_text(req, res, 200, "text/plain; version=0.0.4; charset=utf-8", b.data ? b.data : "", b.len);
	buf_free(&b);
	return err;
}
