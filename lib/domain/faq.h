/* faq.h: a studio's answers to what callers commonly ask (prices, what to
 * bring, parking, how long a session takes) as data: which row answers a
 * caller's question, and the rows as the admin API reads and writes them. */
#ifndef TERMINFON_FAQ_H
#define TERMINFON_FAQ_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "admin_json.h"
#include "arena.h"
#include "store.h"

#define FAQ_MAX_TOPIC 80
#define FAQ_MAX_KEYWORDS 1000
#define FAQ_MAX_ANSWER 1000

/* Which of n rows answers what a caller said (raw speech, any bytes, at most
 * TF_MAX_SPEECH read): both sides are folded by lib/lang/nlu's normalisation
 * (umlauts, case, spellings), function words are left out, and a keyword
 * (one or more words) counts when each of its words meets a word of the
 * question: the same word, another form of it ("kostet", "kosten") or a
 * compound that holds it ("Kundenparkplatz"). The row whose keywords cover
 * the most words wins, the first of equals. *best is its index, -1 when no
 * row matches; *score how many words matched (0 for none). TF_OK, TF_EINVAL
 * for NULL arguments, TF_ENOMEM when the arena is full. */
int faq_match(struct arena *a, const char *text, size_t len, const struct store_faq *list, size_t n, int *best,
              int *score);

/* The JSON body of POST (partial = false: "topic", "keywords" and "answer"
 * all required) or PUT (partial = true: any of them, merged into *f) of
 * /api/v1/studios/{slug}/faq: strings of 1..FAQ_MAX_* bytes of valid UTF-8
 * without control characters; no other fields. The strings are copied into
 * the arena. Not JSON: TF_EINVAL; a field missing, of the wrong type or
 * size, or unknown: TF_EVALUE (with the sentence in *e); TF_ENOMEM. */
int faq_parse_body(struct arena *a, const char *body, size_t len, bool partial, struct store_faq *f,
                   struct tf_errmsg *e);

/* {"id":1,"studio":"berlin-mitte","topic":"preise","keywords":"...","answer":"...",
 * "created_at":"...Z","updated_at":"...Z"}; NULL when out of memory. The caller owns it. */
cJSON *faq_json(const struct store_faq *f, const char *studio_slug);

#endif
