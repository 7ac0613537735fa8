/* gdpr.h: what the GDPR asks of terminfon: a lead's data as one export,
 * erasure of a person, retention (purge), deletion of recordings at Twilio,
 * and re-sealing everything under a new data key. */
#ifndef TERMINFON_GDPR_H
#define TERMINFON_GDPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "store.h"

struct twrest;

/* Everything stored about the lead as one JSON document: the lead, its calls
 * (with dialog state), turns with transcripts, appointments, SMS, callback
 * requests, recordings and transfers to a person; exported_at is now_utc. The arena holds the rows
 * while the document is built; *out is owned by the caller. TF_ENOTFOUND for
 * no such lead, TF_ENOMEM when the arena or cJSON runs out. */
int gdpr_export(struct store *s, struct arena *a, int64_t lead_id, int64_t now_utc, cJSON **out);

/* Erases the lead with this number (any format admin_parse_phone takes)
 * through store_gdpr_erase_lead. *lead_id gets the erased lead's id.
 * TF_EINVAL for a malformed number, TF_ENOTFOUND when no lead has it. */
int gdpr_erase_phone(struct store *s, struct arena *a, const char *phone, const char *actor, int64_t *lead_id,
                     struct store_erase_counts *out);

#define GDPR_BATCH 500                 /* rows per retention or rekey transaction */
#define GDPR_ORPHAN_GRACE_S 3600       /* a recording without a call waits this long for its call */

struct gdpr_purge_stats {
	int turns;                         /* transcripts cleared */
	int states;                        /* dialog states cleared */
	int sms;                           /* old SMS deleted */
	int leads;                         /* inactive leads erased */
	int recordings_marked;             /* recordings Twilio is asked to delete */
	int recordings_removed;            /* rows without a recording deleted */
};

/* Retention: everything older than retention_days before now_utc (compared
 * with the rows' UTC timestamps, written by the database clock, so pass the
 * real time): transcripts and dialog states are cleared, old SMS deleted,
 * recordings marked for deletion at Twilio, and leads without a call, an
 * appointment or a change since then erased as by store_gdpr_erase_lead
 * (actor "retention"). Runs in batches of GDPR_BATCH rows, each its own
 * transaction, so it can be stopped and run again at any point. Writes one
 * audit row (actor, "retention.purge") with the counts. TF_EINVAL for
 * retention_days < 1. */
int gdpr_purge(struct store *s, struct arena *a, int64_t now_utc, int retention_days, const char *actor,
               struct gdpr_purge_stats *out);

struct gdpr_delete_stats {
	int deleted;                       /* Twilio confirmed (or had it no longer) */
	int failed;                        /* to be tried again later */
};

/* Asks Twilio to delete up to max recordings marked for deletion, least
 * recently tried first. A confirmed deletion is recorded; a failure puts the
 * recording at the back of the queue and counts in out->failed (the caller
 * decides when to try again). Returns only database errors. */
int gdpr_delete_recordings(struct store *s, struct twrest *t, struct arena *a, int max, struct gdpr_delete_stats *out);

/* Re-seals every sealed column under the current key and recomputes the
 * phone hashes, table by table in batches of `batch` rows (see
 * store_rekey_batch); progress (may be NULL) is called after each batch.
 * Safe to run again after an interruption or on a rekeyed database. */
int gdpr_rekey(struct store *s, int batch, void (*progress)(const char *table, const struct store_rekey_stats *st, void *ctx),
               void *ctx, struct store_rekey_stats *out);

#endif
