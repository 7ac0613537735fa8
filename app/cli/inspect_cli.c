/* inspect_cli.c: subcommands for people and scripts: `nlu` and `parse-date` print the
 * German understanding as JSON, `appointments` lists what is booked. */
#include "inspect_cli.h"
#include "app.h"
#include "clock.h"
#include "err.h"
#include "faq.h"
#include "nlu.h"
#include "sayde.h"
#include "studio.h"
#include "tf_limits.h"
#include "tz.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "2026-11-24T10:00:00+01:00", "...Z" or a local "2026-11-24T10:00:00": the
 * wall clock of zone z at that instant. */
static bool parse_now(const char *s, const struct tz *z, struct civil_time *out)
{
	struct civil_time t;
	char rest[16] = "";
	int n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &t.date.year, &t.date.month, &t.date.day, &t.hour, &t.minute,
	           &t.second, &n) != 6 || !civil_valid(t.date) || t.hour > 23 || t.minute > 59 || t.second > 59)
		return false;
	snprintf(rest, sizeof(rest), "%s", s + n);
	if (rest[0] == '\0') {
		*out = t;
		return true;
	}
	int offset = 0;
	if (strcmp(rest, "Z") != 0) {
		int oh, om;
		if (strlen(rest) != 6 || (rest[0] != '+' && rest[0] != '-') || sscanf(rest + 1, "%2d:%2d", &oh, &om) != 2)
			return false;
		offset = (oh * 60 + om) * 60 * (rest[0] == '-' ? -1 : 1);
	}
	*out = tz_to_local(z, civil_to_seconds(t) - offset, NULL);
	return true;
}

static int print_json(cJSON *j)
{
	char *text = j ? cJSON_Print(j) : NULL;
	cJSON_Delete(j);
	if (text == NULL)
		return 1;
	puts(text);
	cJSON_free(text);
	return 0;
}

struct understand_args {
	const char *text;
	const struct tz *zone;
	struct civil_time now;
	enum nlu_expect expect;
	const char *studio;   /* --studio SLUG: also match that studio's FAQ (opens the database) */
};

static int understand_args(int argc, char **argv, const struct config *cfg, struct understand_args *u)
{
	const char *zone = cfg->timezone, *now = NULL;
	memset(u, 0, sizeof(*u));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--now") == 0 && i + 1 < argc)
			now = argv[++i];
		else if (strcmp(argv[i], "--tz") == 0 && i + 1 < argc)
			zone = argv[++i];
		else if (strcmp(argv[i], "--expect") == 0 && i + 1 < argc) {
			const char *e = argv[++i];
			u->expect = !strcmp(e, "name") ? NLU_EXPECT_NAME : !strcmp(e, "date") ? NLU_EXPECT_DATE :
			            !strcmp(e, "yesno") ? NLU_EXPECT_YESNO : !strcmp(e, "choice") ? NLU_EXPECT_CHOICE :
			            !strcmp(e, "phone") ? NLU_EXPECT_PHONE : NLU_EXPECT_NONE;
		} else if (strcmp(argv[i], "--studio") == 0 && i + 1 < argc)
			u->studio = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return -1;
		else if (u->text == NULL)
			u->text = argv[i];
		else
			return -1;
	}
	if (u->text == NULL)
		return -1;
	if (tz_load(zone, &u->zone) != TF_OK) {
		fprintf(stderr, "terminfon: unknown time zone '%s'\n", zone);
		return 1;
	}
	if (now == NULL)
		u->now = tz_to_local(u->zone, clock_now(), NULL);
	else if (!parse_now(now, u->zone, &u->now)) {
		fprintf(stderr, "terminfon: --now must look like 2026-11-24T10:00:00+01:00\n");
		return 1;
	}
	return 0;
}

static const char *const cli_cities[] = { "Berlin", "München", "Hamburg", "Köln", "Frankfurt", "Stuttgart" };

/* "faq": the studio's row that answers the text ({"topic", "answer", "words"}),
 * null when none does; what the agent says when the caller asks it. */
static int nlu_faq_json(struct app *app, struct arena *a, const char *slug, const char *text, cJSON *j)
{
	const struct store_studios *studios;
	int err = store_studios(app->store, &studios);
	const struct store_studio *st = NULL;
	for (size_t i = 0; err == TF_OK && i < studios->n; i++)
		if (strcmp(studios->list[i].slug, slug) == 0)
			st = &studios->list[i];
	if (err)
		return err;
	if (st == NULL) {
		fprintf(stderr, "terminfon: no active studio '%s'\n", slug);
		return TF_ENOTFOUND;
	}
	struct store_faq *list;
	size_t n;
	int best = -1, score = 0;
	err = store_faq_list(app->store, a, st->id, &list, &n);
	if (err == TF_OK && n)
		err = faq_match(a, text, strlen(text), list, n, &best, &score);
	if (err)
		return err;
	cJSON *f = best < 0 ? cJSON_CreateNull() : cJSON_CreateObject();
	if (best >= 0 && f) {
		cJSON_AddStringToObject(f, "topic", list[best].topic);
		cJSON_AddStringToObject(f, "answer", list[best].answer);
		cJSON_AddNumberToObject(f, "words", score);
	}
	return f && cJSON_AddItemToObject(j, "faq", f) ? TF_OK : TF_ENOMEM;
}

int cli_nlu_main(int argc, char **argv, const struct config *cfg)
{
	struct understand_args u;
	int rc = understand_args(argc, argv, cfg, &u);
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "usage: terminfon nlu [--now ISO8601] [--tz ZONE] "
			                "[--expect name|date|yesno|choice|phone] [--studio SLUG] \"TEXT\"\n");
		return rc < 0 ? 2 : rc;
	}
	struct app app;
	if (u.studio && app_worker_init(&app, cfg) != TF_OK)
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct nlu_context ctx = { .now = u.now, .cities = cli_cities, .ncities = 6, .expect = u.expect };
	struct nlu_result r;
	cJSON *j = NULL;
	int err = nlu_parse(&a, u.text, strlen(u.text), &ctx, &r);
	if (err == TF_OK)
		err = nlu_result_json(&r, &j);
	if (err == TF_OK && u.studio)
		err = nlu_faq_json(&app, &a, u.studio, u.text, j);
	if (err)
		cJSON_Delete(j);
	rc = err ? 1 : print_json(j);
	arena_free(&a);
	if (u.studio)
		app_worker_close(&app);
	return rc;
}

int cli_parse_date_main(int argc, char **argv, const struct config *cfg)
{
	struct understand_args u;
	int rc = understand_args(argc, argv, cfg, &u);
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "usage: terminfon parse-date --now ISO8601 [--tz ZONE] \"TEXT\"\n");
		return rc < 0 ? 2 : rc;
	}
	struct nlu_context ctx = { .now = u.now, .expect = NLU_EXPECT_DATE };
	struct when w;
	cJSON *j = NULL;
	int err = when_parse(u.text, strlen(u.text), &ctx, &w);
	if (err == TF_OK)
		err = when_json(&w, &j);
	return err ? 1 : print_json(j);
}

int cli_appointments_main(int argc, char **argv, const struct config *cfg)
{
	struct app app;
	if (app_worker_init(&app, cfg) != TF_OK)
		return 1;
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	const struct store_studios *studios;
	int err = store_studios(app.store, &studios);
	int64_t now = clock_now();
	printf("%-6s %-22s %-28s %-12s %s\n", "id", "studio", "when (local)", "status", "lead");
	for (size_t i = 0; err == TF_OK && i < studios->n; i++) {
		const struct store_studio *st = &studios->list[i];
		struct schedule_studio cal;
		if (studio_calendar(st, &cal) != TF_OK)
			continue;
		struct store_appointment *list;
		size_t n;
		err = store_appointments_list(app.store, &a, st->id, now - 86400, now + 400L * 86400, &list, &n);
		for (size_t k = 0; err == TF_OK && k < n; k++) {
			char when[64];
			sayde_sms_datetime(when, sizeof(when), tz_to_local(cal.tz, list[k].start_utc, NULL));
			printf("%-6lld %-22s %-28s %-12s %lld\n", (long long)list[k].id, st->slug, when, list[k].status,
			       (long long)list[k].lead_id);
		}
	}
	arena_free(&a);
	app_worker_close(&app);
	if (err) {
		fprintf(stderr, "terminfon: %s\n", tf_strerror(err));
		return 1;
	}
	return 0;
}
