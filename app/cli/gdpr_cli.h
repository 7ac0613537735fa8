/* gdpr_cli.h: the GDPR subcommands: erase a person, purge by retention, rekey. */
#ifndef TERMINFON_GDPR_CLI_H
#define TERMINFON_GDPR_CLI_H

#include "config.h"

/* `terminfon erase --phone NUMBER [--actor NAME]` */
int gdpr_erase_main(int argc, char **argv, const struct config *cfg);
/* `terminfon purge [--days N] [--no-twilio]` */
int gdpr_purge_main(int argc, char **argv, const struct config *cfg);
/* `terminfon rekey [--batch N]` */
int gdpr_rekey_main(int argc, char **argv, const struct config *cfg);

#endif
