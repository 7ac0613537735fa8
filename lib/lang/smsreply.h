/* smsreply.h: what a caller's SMS answer to a reminder means: yes (keeps and
 * confirms the appointment), no (cancels it) or something else. */
#ifndef TERMINFON_SMSREPLY_H
#define TERMINFON_SMSREPLY_H

#include <stddef.h>

#include "arena.h"

enum smsreply_answer { SMSREPLY_OTHER, SMSREPLY_YES, SMSREPLY_NO };

/* "yes", "no" or "other". */
const char *smsreply_name(enum smsreply_answer a);

/* Reads an SMS body (untrusted bytes, need not be NUL-terminated; only the
 * first 320 bytes count). Understands the short forms people text ("JA",
 * "Ja!", "jep", "ok", a thumbs up; "NEIN", "nee", "absagen", "storno", "komme
 * nicht", a thumbs down) and, for longer sentences, the German yes/no
 * understanding of the voice agent. A message that says both, or neither, is
 * SMSREPLY_OTHER. The arena (may be NULL: short forms only) holds scratch
 * memory. */
enum smsreply_answer smsreply_classify(struct arena *a, const char *body, size_t len);

#endif
