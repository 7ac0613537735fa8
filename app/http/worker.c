/* worker.c: what each worker process sets up for itself after the fork. */
#include "app.h"
#include "dialogflow.h"
#include "err.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

int app_worker_init(struct app *app, const struct config *cfg)
{
	char err_line[256];
	memset(app, 0, sizeof(*app));
	app->cfg = cfg;
	/* With Dialogflow configured, a bad key file stops start-up here with one line. */
	if (dialogflow_init(cfg) != TF_OK)
		return TF_ECONFIG;
	int err = crypto_init(&app->crypto, cfg->data_key, err_line, sizeof(err_line));
	if (err) {
		log_error("cannot set up keys", "error", err_line);
		return err;
	}
	err = store_open(&app->store, config_db_target(cfg), &app->crypto, cfg->busy_timeout_ms);
	if (err)
		crypto_free(&app->crypto);
	return err;
}

int app_cli_open(struct app *app, const struct config *cfg)
{
	if (app_worker_init(app, cfg) != TF_OK) {
		char label[512];
		config_db_label(cfg, label, sizeof(label));
		fprintf(stderr, "terminfon: cannot open %s\n", label);
		return 1;
	}
	return 0;
}

void app_worker_close(struct app *app)
{
	store_close(app->store);
	app->store = NULL;
	crypto_free(&app->crypto);
}
