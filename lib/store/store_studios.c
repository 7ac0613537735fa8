/* store_studios.c: studios with their hours, caller prefixes and closed days,
 * cached per connection until studio data changes. */
#include "store_int.h"
#include "err.h"

#include <stdlib.h>
#include <string.h>

struct store_studio_cache {
	int64_t version;
	struct arena arena;             /* holds every string and array of the list */
	struct store_studios all;
};

enum {
	ST_VERSION, ST_LIST, ST_HOURS, ST_PREFIXES, ST_CLOSED, ST__N
};
static const char *const studios_sql[ST__N] = {
	[ST_VERSION] = "SELECT version FROM studio_data_version WHERE id = 1",
	[ST_LIST] = "SELECT id, slug, name, city, address, region, timezone, coalesce(twilio_number, ''),"
	            " coalesce(transfer_number, ''), slot_minutes, capacity, lead_minutes, horizon_days,"
	            " staff_lines, max_wait_seconds, coalesce(overflow_studio_id, 0), is_default,"
	            " coalesce(sms_sender, '')"
	            " FROM studios WHERE active = 1 ORDER BY id",
	[ST_HOURS] = "SELECT studio_id, weekday, opens, closes FROM opening_hours ORDER BY studio_id, weekday, opens",
	[ST_PREFIXES] = "SELECT studio_id, prefix FROM studio_area_codes ORDER BY studio_id, length(prefix) DESC",
	/* Own closures and those of the studio's region and of the whole country. */
	[ST_CLOSED] = "SELECT DISTINCT day FROM closures"
	              " WHERE studio_id = ?1 OR region = ?2 OR region = 'DE'"
	              "    OR (lower(?2) LIKE lower(region) || '-%' AND region <> '')"
	              " ORDER BY day",
};

void store_studios_free(struct store *s)
{
	if (s->studios) {
		arena_free(&s->studios->arena);
		free(s->studios);
		s->studios = NULL;
	}
}

static int hhmm(const char *t)
{
	if (t == NULL || strlen(t) != 5 || t[2] != ':')
		return -1;
	int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
	return (h >= 0 && h <= 24 && m >= 0 && m < 60) ? h * 60 + m : -1;
}

static struct store_studio *find(struct store_studio *list, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].id == id)
			return &list[i];
	return NULL;
}

static int store_studios_load(struct store *s, struct store_studio_cache *c)
{
	struct arena *a = &c->arena;
	struct db_stmt *st = store_stmt(s, STORE_MOD_STUDIOS, ST_LIST, studios_sql);
	if (st == NULL)
		return TF_EDB;
	size_t cap = 0, n = 0;
	struct store_studio *list = NULL;
	int rc = DB_DONE, err = TF_OK;
	bool oom = false;
	while ((rc = db_step(st)) == DB_ROW) {
		if ((list = store_grow(a, list, n, &cap, sizeof(*list))) == NULL) {
			oom = true;
			break;
		}
		struct store_studio *x = &list[n++];
		x->id = db_column_int64(st, 0);
		x->slug = store_col_text(a, st, 1);
		x->name = store_col_text(a, st, 2);
		x->city = store_col_text(a, st, 3);
		x->address = store_col_text(a, st, 4);
		x->region = store_col_text(a, st, 5);
		x->timezone = store_col_text(a, st, 6);
		x->twilio_number = store_col_text(a, st, 7);
		x->transfer_number = store_col_text(a, st, 8);
		x->slot_minutes = db_column_int(st, 9);
		x->capacity = db_column_int(st, 10);
		x->lead_minutes = db_column_int(st, 11);
		x->horizon_days = db_column_int(st, 12);
		x->staff_lines = db_column_int(st, 13);
		x->max_wait_seconds = db_column_int(st, 14);
		x->overflow_studio_id = db_column_int64(st, 15);
		x->is_default = db_column_int(st, 16) != 0;
		x->sms_sender = store_col_text(a, st, 17);
		if (!x->slug || !x->name || !x->city || !x->address || !x->region || !x->timezone ||
		    !x->twilio_number || !x->transfer_number || !x->sms_sender) {
			oom = true;
			break;
		}
	}
	db_reset(st);
	if (oom)
		return TF_ENOMEM;
	if (rc != DB_DONE)
		return store_rc(s, rc);

	st = store_stmt(s, STORE_MOD_STUDIOS, ST_HOURS, studios_sql);
	if (st == NULL)
		return TF_EDB;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_studio *x = find(list, n, db_column_int64(st, 0));
		int wd = db_column_int(st, 1);
		int o = hhmm(db_column_text(st, 2)), cl = hhmm(db_column_text(st, 3));
		if (x == NULL || wd < 0 || wd > 6 || o < 0 || cl <= o || x->nranges[wd] >= STORE_MAX_RANGES)
			continue;
		x->hours[wd][x->nranges[wd]].opens = o;
		x->hours[wd][x->nranges[wd]].closes = cl;
		x->nranges[wd]++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return store_rc(s, rc);

	st = store_stmt(s, STORE_MOD_STUDIOS, ST_PREFIXES, studios_sql);
	if (st == NULL)
		return TF_EDB;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_studio *x = find(list, n, db_column_int64(st, 0));
		if (x == NULL || x->nprefixes >= STORE_MAX_PREFIXES)
			continue;
		if ((x->prefixes[x->nprefixes] = store_col_text(a, st, 1)) == NULL)
			err = TF_ENOMEM;
		x->nprefixes++;
	}
	db_reset(st);
	if (err)
		return err;
	if (rc != DB_DONE)
		return store_rc(s, rc);

	for (size_t i = 0; i < n; i++) {
		st = store_stmt(s, STORE_MOD_STUDIOS, ST_CLOSED, studios_sql);
		if (st == NULL)
			return TF_EDB;
		db_bind_int64(st, 1, list[i].id);
		store_bind_text(st, 2, list[i].region);
		size_t ccap = 0, cn = 0;
		struct civil_date *days = NULL;
		while ((rc = db_step(st)) == DB_ROW) {
			struct civil_date d;
			if (!civil_parse_date(db_column_text(st, 0), &d))
				continue;
			if ((days = store_grow(a, days, cn, &ccap, sizeof(*days))) == NULL) {
				oom = true;
				break;
			}
			days[cn++] = d;
		}
		db_reset(st);
		if (oom)
			return TF_ENOMEM;
		if (rc != DB_DONE)
			return store_rc(s, rc);
		list[i].closed = days;
		list[i].nclosed = cn;
	}
	c->all.list = list;
	c->all.n = n;
	return TF_OK;
}

int store_studios(struct store *s, const struct store_studios **out)
{
	struct db_stmt *st = store_stmt(s, STORE_MOD_STUDIOS, ST_VERSION, studios_sql);
	if (st == NULL)
		return TF_EDB;
	int rc = db_step(st);
	int64_t version = rc == DB_ROW ? db_column_int64(st, 0) : -1;
	db_reset(st);
	if (rc != DB_ROW)
		return store_rc(s, rc == DB_DONE ? DB_ERROR : rc);
	if (s->studios && s->studios->version == version) {
		*out = &s->studios->all;
		return TF_OK;
	}
	store_studios_free(s);
	struct store_studio_cache *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return TF_ENOMEM;
	arena_init(&c->arena, 16 * 1024 * 1024);
	int err = store_studios_load(s, c);
	if (err) {
		arena_free(&c->arena);
		free(c);
		return err;
	}
	c->version = version;
	s->studios = c;
	*out = &c->all;
	return TF_OK;
}

const struct store_studio *store_studio_by_id(const struct store_studios *all, int64_t id)
{
	for (size_t i = 0; i < all->n; i++)
		if (all->list[i].id == id)
			return &all->list[i];
	return NULL;
}
