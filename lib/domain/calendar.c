/* calendar.c: the studio's own calendar: the iCalendar feed behind a key,
 * the CalDAV busy times read into the store, and bookings written to CalDAV
 * from their queue. */
#include "calendar.h"
#include "caldav.h"
#include "civil.h"
#include "crypto.h"
#include "err.h"
#include "ical.h"
#include "log.h"
#include "outbox.h"
#include "store_calendar.h"

#include <curl/curl.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool calendar_is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return false;
	}
	return s[n] == '\0';
}

static void calendar_hex(const unsigned char *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

int calendar_key_hash(const char *key, char out[65])
{
	out[0] = '\0';
	if (key == NULL || strlen(key) != CALENDAR_KEY_LEN || !calendar_is_hex(key, CALENDAR_KEY_LEN))
		return TF_EINVAL;
	char lower[CALENDAR_KEY_LEN + 1];
	for (size_t i = 0; i <= CALENDAR_KEY_LEN; i++)
		lower[i] = (char)(key[i] >= 'A' && key[i] <= 'F' ? key[i] - 'A' + 'a' : key[i]);
	unsigned char d[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)lower, CALENDAR_KEY_LEN, d);
	calendar_hex(d, sizeof(d), out);
	return TF_OK;
}

int calendar_key_create(struct store *s, int64_t studio_id, const char *label, bool full_names, int64_t now_utc,
                        char key[65], int64_t *id)
{
	char hash[65];
	int err = crypto_random_key(key);
	if (err == TF_OK)
		err = calendar_key_hash(key, hash);
	if (err == TF_OK)
		err = store_calkey_add(s, studio_id, hash, label, full_names, now_utc, id);
	if (err)
		key[0] = '\0';
	return err;
}

static const struct store_studio *calendar_studio_by_slug(const struct store_studios *all, const char *slug)
{
	for (size_t i = 0; slug && i < all->n; i++)
		if (strcmp(all->list[i].slug, slug) == 0)
			return &all->list[i];
	return NULL;
}

const char *calendar_uid_host(struct arena *a, const char *base_url)
{
	if (base_url == NULL || *base_url == '\0')
		return NULL;
	CURLU *u = curl_url();
	char *host = NULL;
	const char *out = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, base_url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		out = arena_strdup(a, host);
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

static const char *calendar_where(const char *source)
{
	if (source && strcmp(source, "admin") == 0)
		return "Gebucht über die Verwaltung (terminfon)";
	return "Gebucht am Telefon (terminfon)";
}

/* One item as an event: uid "terminfon-<slug>-<first id>@<host>". */
static int calendar_event(struct arena *a, const struct store_studio *studio, const struct store_cal_item *it,
                          bool full_names, const char *uid_host, struct ical_event *ev)
{
	char summary[256];
	ical_summary(it->name, it->phone, full_names, summary, sizeof(summary));
	memset(ev, 0, sizeof(*ev));
	ev->uid = arena_printf(a, "terminfon-%s-%lld@%s", studio->slug, (long long)it->uid_id,
	                       uid_host ? uid_host : "terminfon");
	ev->summary = arena_strdup(a, summary);
	ev->sequence = it->sequence;
	ev->cancelled = strcmp(it->status, "cancelled") == 0;
	ev->start_utc = it->start_utc;
	ev->end_utc = it->end_utc;
	ev->stamp_utc = it->changed_utc;
	ev->description = calendar_where(it->source);
	ev->location = studio->address && *studio->address ? studio->address : NULL;
	return ev->uid && ev->summary ? TF_OK : TF_ENOMEM;
}

/* The VTIMEZONE starts on 1 January of last year, so the feed's text (and its
 * ETag) stays the same from one day to the next. */
static int64_t calendar_tz_from(int64_t now_utc)
{
	struct civil_date d = civil_from_days(now_utc / 86400);
	struct civil_date jan1 = { d.year - 1, 1, 1 };
	return civil_to_days(jan1) * 86400;
}

/* Does If-None-Match name this ETag (or "*")? Weak forms count too. */
static bool calendar_etag_matches(const char *if_none_match, const char *etag)
{
	if (if_none_match == NULL || *etag == '\0')
		return false;
	return strcmp(if_none_match, "*") == 0 || strstr(if_none_match, etag) != NULL;
}

int calendar_feed(struct store *s, struct arena *a, const char *slug, const char *key, int64_t now_utc,
                  const char *uid_host, const char *if_none_match, bool *not_modified, struct buf *out,
                  char etag[CALENDAR_ETAG_LEN])
{
	etag[0] = '\0';
	*not_modified = false;
	const struct store_studios *all;
	int err = store_studios(s, &all);
	if (err)
		return err;
	const struct store_studio *studio = calendar_studio_by_slug(all, slug);
	if (studio == NULL)
		return TF_ENOTFOUND;
	char hash[65];
	if (calendar_key_hash(key, hash) != TF_OK)
		return TF_EAUTH;
	struct store_calkey k;
	err = store_calkey_use(s, a, hash, now_utc, &k);
	if (err == TF_ENOTFOUND)
		return TF_EAUTH;
	if (err)
		return err;
	if (k.revoked || k.studio_id != studio->id)
		return TF_EAUTH;
	/* The window starts at a whole (UTC) day, so the text changes only with
	 * the version or the day, as the ETag does. */
	int64_t from = (now_utc - CALENDAR_FEED_PAST_DAYS * 86400LL) / 86400 * 86400;
	int64_t version;
	if ((err = store_calendar_version(s, studio->id, &version)) != TF_OK)
		return err;
	char *what = arena_printf(a, "%lld|%lld|%lld|%lld|%d|%s|%s|%s|%s", (long long)studio->id, (long long)version,
	                          (long long)from, (long long)calendar_tz_from(now_utc), k.full_names ? 1 : 0,
	                          studio->name, studio->address ? studio->address : "", studio->timezone,
	                          uid_host ? uid_host : "");
	if (what == NULL)
		return TF_ENOMEM;
	unsigned char d[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)what, strlen(what), d);
	char hex[65];
	calendar_hex(d, sizeof(d), hex);
	snprintf(etag, CALENDAR_ETAG_LEN, "\"%.32s\"", hex);
	if (calendar_etag_matches(if_none_match, etag)) {
		*not_modified = true;
		return TF_OK;
	}
	struct store_cal_item *items;
	size_t n;
	err = store_cal_items(s, a, studio->id, from, &items, &n);
	if (err)
		return err;
	struct ical_event *ev = n ? arena_alloc(a, n * sizeof(*ev)) : NULL;
	if (n && ev == NULL)
		return TF_ENOMEM;
	for (size_t i = 0; i < n && err == TF_OK; i++)
		err = calendar_event(a, studio, &items[i], k.full_names, uid_host, &ev[i]);
	char *name = arena_printf(a, "Termine %s", studio->name);
	if (err == TF_OK && name == NULL)
		err = TF_ENOMEM;
	if (err == TF_OK)
		err = ical_build(name, studio->timezone, ev, n, calendar_tz_from(now_utc), out);
	return err;
}

/* ---- CalDAV: reading busy times ---- */

static int calendar_sync_one(struct store *s, const struct store_studio *studio, const struct store_caldav *c,
                             int64_t now_utc, struct calendar_sync_stats *st)
{
	char why[160] = "";
	const struct tz *zone;
	int err;
	struct ical_busy_list busy = { 0 };
	if (tz_load(studio->timezone, &zone) != TF_OK) {
		snprintf(why, sizeof(why), "unknown time zone");
		err = TF_ECONFIG;
	} else if (c->password_unreadable) {
		/* Sealed under a key no longer configured. */
		snprintf(why, sizeof(why), "password unreadable: set it again");
		err = TF_ECONFIG;
	} else {
		struct caldav_account acc = { c->url, c->username, c->password };
		int64_t to = now_utc + ((int64_t)studio->horizon_days + 3) * 86400;
		/* The bookings written there are appointments already, not busy times. */
		char own[160];
		snprintf(own, sizeof(own), "terminfon-%s-", studio->slug);
		err = caldav_fetch_busy(&acc, zone, now_utc - 86400, to, own, &busy, why, sizeof(why));
		if (err == TF_OK && busy.truncated) {
			snprintf(why, sizeof(why), "more than %d busy times", ICAL_MAX_BUSY);
			err = TF_ELIMIT;
		}
	}
	if (err == TF_OK) {
		/* ical_busy and schedule_block have the same two fields. */
		struct schedule_block *b = busy.n ? malloc(busy.n * sizeof(*b)) : NULL;
		if (busy.n && b == NULL)
			err = TF_ENOMEM;
		for (size_t i = 0; b && i < busy.n; i++) {
			b[i].start_utc = busy.v[i].start_utc;
			b[i].end_utc = busy.v[i].end_utc;
		}
		if (err == TF_OK)
			err = store_caldav_busy_replace(s, studio->id, b, busy.n, now_utc, now_utc + CALENDAR_SYNC_INTERVAL_S);
		free(b);
		char count[24];
		snprintf(count, sizeof(count), "%zu", busy.n);
		ical_busy_free(&busy);
		/* The server answers again: bookings waiting for it go now. */
		if (err == TF_OK)
			err = store_caldav_writes_release(s, studio->id);
		if (err == TF_OK) {
			st->read++;
			log_info("caldav busy times read", "studio", studio->slug, "busy", count);
		}
		return err;
	}
	ical_busy_free(&busy);
	st->failed++;
	log_warn("caldav read failed, keeping the last good copy", "studio", studio->slug, "error", why);
	return store_caldav_failed(s, studio->id, now_utc, now_utc + CALENDAR_SYNC_RETRY_S, why);
}

int calendar_sync_due(struct store *s, struct arena *a, int64_t now_utc, int64_t studio_id,
                      struct calendar_sync_stats *st)
{
	struct store_caldav *list;
	size_t n;
	const struct store_studios *all;
	int err = store_caldav_list(s, a, true, &list, &n);
	if (err == TF_OK && n > 0)
		err = store_studios(s, &all);
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		if (studio_id ? list[i].studio_id != studio_id : list[i].next_sync_utc > now_utc)
			continue;
		const struct store_studio *studio = store_studio_by_id(all, list[i].studio_id);
		if (studio == NULL)
			continue;       /* an inactive studio: nobody books there */
		err = calendar_sync_one(s, studio, &list[i], now_utc, st);
	}
	return err;
}

/* ---- CalDAV: writing bookings ---- */

static const struct store_caldav *calendar_caldav_of(const struct store_caldav *list, size_t n, int64_t studio_id)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].studio_id == studio_id)
			return &list[i];
	return NULL;
}

static int calendar_write_one(struct store *s, struct arena *a, const struct store_caldav_write *w,
                              const struct store_caldav *c, const struct store_studio *studio, const char *uid_host,
                              char *why, size_t whylen)
{
	struct store_cal_item it;
	int err = store_cal_item_of(s, a, w->appointment_id, &it);
	if (err)
		return err;
	struct caldav_account acc = { c->url, c->username, c->password };
	char *name = arena_printf(a, "terminfon-%s-%lld", studio->slug, (long long)it.uid_id);
	if (name == NULL)
		return TF_ENOMEM;
	if (strcmp(it.status, "cancelled") == 0 || strcmp(it.status, "rescheduled") == 0)
		return caldav_delete(&acc, name, why, whylen);
	struct ical_event ev;
	if ((err = calendar_event(a, studio, &it, false, uid_host, &ev)) != TF_OK)
		return err;
	struct buf text;
	buf_init(&text, 1u << 20);
	err = ical_build(NULL, studio->timezone, &ev, 1, calendar_tz_from(it.start_utc), &text);
	if (err == TF_OK)
		err = caldav_put(&acc, name, text.data, text.len, why, whylen);
	buf_free(&text);
	return err;
}

/* Events of erased bookings: deleted from the calendar; a deletion that
 * keeps failing is given up after CALENDAR_WRITE_MAX_ATTEMPTS tries. */
static int calendar_erase_due(struct store *s, struct arena *a, int64_t now_utc, const struct store_caldav *list,
                              size_t nlist, const struct store_studios *all, size_t max, struct calendar_sync_stats *st)
{
	struct store_caldav_delete *due;
	size_t n;
	int err = store_caldav_deletes_due(s, a, now_utc, max, &due, &n);
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		const struct store_caldav *c = calendar_caldav_of(list, nlist, due[i].studio_id);
		const struct store_studio *studio = store_studio_by_id(all, due[i].studio_id);
		char why[160] = "";
		int rc = TF_OK;
		if (c && studio && !(c->password_unreadable)) {
			struct caldav_account acc = { c->url, c->username, c->password };
			char *name = arena_printf(a, "terminfon-%s-%lld", studio->slug, (long long)due[i].uid_id);
			rc = name ? caldav_delete(&acc, name, why, sizeof(why)) : TF_ENOMEM;
		}
		if (rc == TF_OK || due[i].attempts >= CALENDAR_WRITE_MAX_ATTEMPTS) {
			if (rc == TF_OK)
				st->written++;
			else
				st->given_up++;
			err = store_caldav_delete_done(s, due[i].id);
		} else {
			st->retried++;
			err = store_caldav_delete_retry(s, due[i].id, now_utc + outbox_backoff(due[i].attempts + 1, 0));
			log_warn("deleting an erased booking from caldav failed, will retry", "error", *why ? why : tf_strerror(rc));
		}
	}
	return err;
}

int calendar_write_due(struct store *s, struct arena *a, int64_t now_utc, const char *uid_host, size_t max,
                       struct calendar_sync_stats *st)
{
	struct store_caldav_write *due;
	size_t n;
	struct store_caldav *list;
	size_t nlist;
	const struct store_studios *all;
	int err = store_caldav_list(s, a, true, &list, &nlist);
	if (err == TF_OK && nlist == 0)
		return TF_OK;       /* no studio has one: nothing to write, nothing to claim */
	if (err == TF_OK)
		err = store_studios(s, &all);
	if (err == TF_OK)
		err = calendar_erase_due(s, a, now_utc, list, nlist, all, max, st);
	if (err == TF_OK)
		err = store_caldav_write_claim(s, a, now_utc, CALENDAR_WRITE_LEASE_S, max, &due, &n);
	if (err || n == 0)
		return err;
	for (size_t i = 0; i < n && err == TF_OK; i++) {
		const struct store_caldav *c = calendar_caldav_of(list, nlist, due[i].studio_id);
		const struct store_studio *studio = store_studio_by_id(all, due[i].studio_id);
		if (c == NULL || !c->write_bookings || studio == NULL) {
			err = store_caldav_write_done(s, due[i].id);     /* nobody wants it written any more */
			continue;
		}
		char why[160] = "";
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)due[i].appointment_id);
		int rc = c->password_unreadable
		                 ? (snprintf(why, sizeof(why), "password unreadable"), TF_ECONFIG)
		                 : calendar_write_one(s, a, &due[i], c, studio, uid_host, why, sizeof(why));
		if (rc == TF_OK) {
			st->written++;
			err = store_caldav_write_done(s, due[i].id);
			log_info("booking written to caldav", "studio", studio->slug, "appointment", id);
		} else if (rc == TF_ENOTFOUND || due[i].attempts >= CALENDAR_WRITE_MAX_ATTEMPTS) {
			st->given_up++;
			err = store_caldav_write_failed(s, due[i].id, *why ? why : tf_strerror(rc));
			log_warn("writing a booking to caldav failed for good", "studio", studio->slug, "appointment", id,
			         "error", *why ? why : tf_strerror(rc));
		} else {
			st->retried++;
			err = store_caldav_write_retry(s, due[i].id, now_utc + outbox_backoff(due[i].attempts + 1, 0),
			                               *why ? why : tf_strerror(rc));
			log_warn("writing a booking to caldav failed, will retry", "studio", studio->slug, "appointment", id,
			         "error", *why ? why : tf_strerror(rc));
		}
	}
	return err;
}

/* ---- metrics ---- */

int calendar_render_metrics(struct store *s, struct arena *a, int64_t now_utc, struct buf *out)
{
	struct store_caldav *list;
	size_t n;
	const struct store_studios *all;
	int err = store_caldav_list(s, a, false, &list, &n);
	if (err == TF_OK)
		err = store_studios(s, &all);
	if (err)
		return err;
	err = buf_puts(out, "# HELP terminfon_caldav_copy_age_seconds Age of the last good copy of a studio's CalDAV "
	                    "busy times (since it was set, when there is none yet).\n"
	                    "# TYPE terminfon_caldav_copy_age_seconds gauge\n");
	for (size_t i = 0; err == TF_OK && i < n; i++) {
		const struct store_studio *studio = store_studio_by_id(all, list[i].studio_id);
		if (studio == NULL)
			continue;
		int64_t since = list[i].has_fetched ? list[i].fetched_utc : list[i].created_utc;
		int64_t age = now_utc > since ? now_utc - since : 0;
		err = buf_printf(out, "terminfon_caldav_copy_age_seconds{studio=\"%s\"} %lld\n", studio->slug, (long long)age);
	}
	long long backlog = 0;
	if (err == TF_OK && store_caldav_write_backlog(s, &backlog) == TF_OK)
		err = buf_printf(out, "# HELP terminfon_caldav_writes_pending Bookings waiting to be written to a CalDAV "
		                      "calendar.\n# TYPE terminfon_caldav_writes_pending gauge\n"
		                      "terminfon_caldav_writes_pending %lld\n", backlog);
	return err;
}
