/* inspect_cli.h: subcommands that print what terminfon understands or keeps. */
#ifndef TERMINFON_INSPECT_CLI_H
#define TERMINFON_INSPECT_CLI_H

#include "config.h"

int cli_nlu_main(int argc, char **argv, const struct config *cfg);
int cli_parse_date_main(int argc, char **argv, const struct config *cfg);
int cli_appointments_main(int argc, char **argv, const struct config *cfg);

#endif
