/* softphone.h: `terminfon call`, a terminal softphone that plays Twilio against a running stack. */
#ifndef TERMINFON_SOFTPHONE_H
#define TERMINFON_SOFTPHONE_H

struct config;

/* Runs one simulated call; argv[0] is "call", the options follow (see
 * `terminfon call --help`). Reads cfg only (base_url, twilio_account_sid,
 * twilio_auth_token, twilio_phone_number); everything it allocates is freed
 * before it returns. Returns the process exit code: 0 after a normal call,
 * 1 when the server could not be reached, answered with an error or with
 * something that is not TwiML, or kept the call going past 50 requests;
 * 2 on bad options. */
int call_main(int argc, char **argv, const struct config *cfg);

#endif
