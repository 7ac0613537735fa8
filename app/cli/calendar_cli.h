/* calendar_cli.h: `terminfon calendar-key` and `terminfon caldav`. */
#ifndef TERMINFON_CALENDAR_CLI_H
#define TERMINFON_CALENDAR_CLI_H

#include "config.h"

int calendar_key_main(int argc, char **argv, const struct config *cfg);
int caldav_main(int argc, char **argv, const struct config *cfg);

#endif
