/* callbacks.h: `terminfon callbacks` (place due callbacks, for cron or a
 * systemd timer; --list shows the requests), `terminfon recordings`,
 * `terminfon queue` (staff lines and the waiting line), and the step of the
 * supervisor's background process that does the same work continuously. */
#ifndef TERMINFON_CALLBACKS_H
#define TERMINFON_CALLBACKS_H

#include <time.h>

#include "app.h"
#include "config.h"

struct twrest;

/* The REST client of the configured Twilio account into *t (close it with
 * twrest_close), for every job that talks to Twilio. TF_ECONFIG when the
 * account SID or auth token is not set (*t NULL); twrest_open's errors. */
int callbacks_open_twilio(const struct config *cfg, struct twrest **t);

int callbacks_main(int argc, char **argv, const struct config *cfg);
int recordings_main(int argc, char **argv, const struct config *cfg);
int queue_main(int argc, char **argv, const struct config *cfg);

/* What the background step remembers between rounds (zero it once). */
struct callbacks_background {
	time_t next_callbacks, next_purge;
	bool warned;                /* BASE_URL missing: said once */
};

/* One step of the background loop: queued recording starts every time, due
 * callbacks every few seconds, old transfer rows once an hour. Failures are
 * logged and tried again next time. t NULL: nothing goes to Twilio. */
void callbacks_background_step(struct app *app, struct twrest *t, struct arena *a, struct callbacks_background *st);

#endif
