/* fcgi.h: the FastCGI adapter's entry points (no libfcgi types leak out). */
#ifndef TERMINFON_FCGI_H
#define TERMINFON_FCGI_H

#include <signal.h>

struct app;

/* Once per process before forking workers. */
int fcgi_init(void);
/* Accepts and answers requests on listen_fd until *stop is set; a request in
 * hand is always finished first. */
int fcgi_worker_run(struct app *app, int listen_fd, volatile sig_atomic_t *stop);

#endif
