/* jobs.h: background jobs and their cron subcommands. */
#ifndef TERMINFON_JOBS_H
#define TERMINFON_JOBS_H

#include "config.h"

/* The supervisor's background process: loops until SIGTERM. */
int jobs_background_main(const struct config *cfg);
int jobs_send_sms_main(int argc, char **argv, const struct config *cfg);
int jobs_remind_main(int argc, char **argv, const struct config *cfg);

#endif
