/* test_caldav.c: unit tests of lib/domain/caldav: multistatus answers as Radicale
 * and Nextcloud give them (prefixes, entities, CDATA), empty, garbage and
 * error answers, and which calendar URLs are accepted. Requests against a
 * real server are in test/integration/test_calendars.py (Radicale). */
#include "caldav.h"
#include "err.h"
#include "t.h"

#include <string.h>

/* ---- caldav: multistatus answers ---- */

struct collected {
	int n;
	char last[4096];
};

static int collect(const char *ics, size_t len, void *ctx)
{
	struct collected *c = ctx;
	c->n++;
	snprintf(c->last, sizeof(c->last), "%.*s", (int)len, ics);
	return TF_OK;
}

static void test_multistatus(void)
{
	/* As Radicale answers: prefixes of its own, entities in the data. */
	const char *radicale =
		"<?xml version='1.0' encoding='utf-8'?>\n"
		"<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><response>"
		"<href>/u/cal/a.ics</href><propstat><prop><getetag>\"1\"</getetag>"
		"<C:calendar-data>BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:A &amp; B &lt;x&gt;\r\n"
		"END:VEVENT\r\nEND:VCALENDAR\r\n</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat>"
		"</response><response><href>/u/cal/b.ics</href><propstat><prop>"
		"<C:calendar-data>BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n</C:calendar-data></prop></propstat></response>"
		"</multistatus>";
	struct collected c = { 0 };
	T_EQ_INT(caldav_parse_multistatus(radicale, strlen(radicale), collect, &c), TF_OK);
	T_EQ_INT(c.n, 2);
	/* Nextcloud's prefixes and a CDATA section. */
	const char *nc =
		"<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\">"
		"<d:response><d:href>/remote.php/dav/calendars/u/c/x.ics</d:href><d:propstat><d:prop>"
		"<cal:calendar-data><![CDATA[BEGIN:VCALENDAR\r\nX-A:1<2\r\nEND:VCALENDAR\r\n]]></cal:calendar-data>"
		"</d:prop></d:propstat></d:response></d:multistatus>";
	memset(&c, 0, sizeof(c));
	T_EQ_INT(caldav_parse_multistatus(nc, strlen(nc), collect, &c), TF_OK);
	T_EQ_INT(c.n, 1);
	T_OK(strstr(c.last, "X-A:1<2") != NULL);
	/* An empty calendar. */
	const char *empty = "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\"/>";
	memset(&c, 0, sizeof(c));
	T_EQ_INT(caldav_parse_multistatus(empty, strlen(empty), collect, &c), TF_OK);
	T_EQ_INT(c.n, 0);
	/* Garbage, an HTML error page, a truncated answer. */
	const char *bad[] = { "", "garbage", "<html><body>502 Bad Gateway</body></html>",
	                      "<?xml version=\"1.0\"?><D:error xmlns:D=\"DAV:\"/>" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_EQ_INT(caldav_parse_multistatus(bad[i], strlen(bad[i]), collect, &c), TF_EUPSTREAM);
}

static void test_check_url(void)
{
	T_EQ_INT(caldav_check_url("https://cloud.example.de/remote.php/dav/calendars/studio/termine/"), TF_OK);
	T_EQ_INT(caldav_check_url("http://127.0.0.1:5232/studio/cal/"), TF_OK);
	T_EQ_INT(caldav_check_url("ftp://x/"), TF_EINVAL);
	T_EQ_INT(caldav_check_url("https://user:pw@x/cal/"), TF_EINVAL);
	T_EQ_INT(caldav_check_url("https://x/cal/?a=1"), TF_EINVAL);
	T_EQ_INT(caldav_check_url("not a url"), TF_EINVAL);
	T_EQ_INT(caldav_check_url(NULL), TF_EINVAL);
}

int main(void)
{
	test_multistatus();
	test_check_url();
	return t_done();
}
