/* serve.h: the supervisor subcommand. */
#ifndef TERMINFON_SERVE_H
#define TERMINFON_SERVE_H

#include "config.h"

int serve_main(int argc, char **argv, const struct config *cfg);

#endif
