/* token_cli.h: `terminfon token`, minting, listing and revoking admin tokens. */
#ifndef TERMINFON_TOKEN_CLI_H
#define TERMINFON_TOKEN_CLI_H

#include "config.h"

/* terminfon token --scope stats|admin [--studio SLUG] [--ttl DURATION] [--sub NAME] [--json]
 * terminfon token --list
 * terminfon token --revoke ID
 * Exit status 0 done, 1 failed, 2 usage. */
int token_main(int argc, char **argv, const struct config *cfg);

#endif
