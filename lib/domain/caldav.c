/* caldav.c: REPORT, PUT and DELETE against a CalDAV calendar collection with
 * libcurl; the multistatus answer is read with mxml, its calendar data with
 * libical (ical.c). */
#include "caldav.h"
#include "buf.h"
#include "err.h"

#include <curl/curl.h>
#include <mxml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- the multistatus document ---- */

/* The local part of an XML name ("C:calendar-data" -> "calendar-data"). */
static const char *caldav_local(const char *name)
{
	const char *c = name ? strrchr(name, ':') : NULL;
	return c ? c + 1 : name ? name : "";
}

/* mxml keeps a CDATA section as an element named "![CDATA[...]]". */
static bool caldav_cdata(const char *name, const char **text, size_t *len)
{
	if (name == NULL || strncmp(name, "![CDATA[", 8) != 0)
		return false;
	*text = name + 8;
	*len = strlen(*text);
	if (*len >= 2 && strcmp(*text + *len - 2, "]]") == 0)
		*len -= 2;
	return true;
}

static int caldav_element_text(mxml_node_t *el, struct buf *out)
{
	int err = TF_OK;
	for (mxml_node_t *n = mxmlGetFirstChild(el); n && !err; n = mxmlGetNextSibling(n)) {
		const char *t;
		size_t len;
		if (mxmlGetType(n) == MXML_OPAQUE && (t = mxmlGetOpaque(n)) != NULL)
			err = buf_puts(out, t);
		else if (mxmlGetType(n) == MXML_ELEMENT && caldav_cdata(mxmlGetElement(n), &t, &len))
			err = buf_append(out, t, len);
	}
	return err;
}

static void caldav_quiet(const char *msg)
{
	(void)msg;
}

int caldav_parse_multistatus(const char *xml, size_t len, caldav_data_fn fn, void *ctx)
{
	char *copy = malloc(len + 1);
	if (copy == NULL)
		return TF_ENOMEM;
	memcpy(copy, xml, len);
	copy[len] = '\0';
	/* Read under a wrapper node: mxml 3 leaks a parentless root whose
	 * attributes fail to parse (see twiml.c). Its messages go nowhere: a bad
	 * answer is reported once, by the caller. */
	mxml_node_t *tree = mxmlNewElement(MXML_NO_PARENT, "!wrapper");
	if (tree == NULL) {
		free(copy);
		return TF_ENOMEM;
	}
	mxmlSetErrorCallback(caldav_quiet);
	mxml_node_t *loaded = mxmlLoadString(tree, copy, MXML_OPAQUE_CALLBACK);
	free(copy);
	if (loaded == NULL) {
		mxmlDelete(tree);
		return TF_EUPSTREAM;
	}
	/* mxml hangs the document under its "?xml" declaration: the root is the
	 * first element that is no declaration. */
	mxml_node_t *root = mxmlWalkNext(tree, tree, MXML_DESCEND);
	while (root && (mxmlGetType(root) != MXML_ELEMENT || mxmlGetElement(root)[0] == '?' ||
	                mxmlGetElement(root)[0] == '!'))
		root = mxmlWalkNext(root, tree, MXML_DESCEND);
	if (root == NULL || strcmp(caldav_local(mxmlGetElement(root)), "multistatus") != 0) {
		mxmlDelete(tree);
		return TF_EUPSTREAM;
	}
	struct buf text;
	buf_init(&text, CALDAV_MAX_RESPONSE);
	int err = TF_OK;
	for (mxml_node_t *n = mxmlWalkNext(root, root, MXML_DESCEND); n && !err; n = mxmlWalkNext(n, root, MXML_DESCEND)) {
		if (mxmlGetType(n) != MXML_ELEMENT || strcmp(caldav_local(mxmlGetElement(n)), "calendar-data") != 0)
			continue;
		buf_reset(&text);
		err = caldav_element_text(n, &text);
		if (!err && text.len > 0)
			err = fn(text.data, text.len, ctx);
	}
	buf_free(&text);
	mxmlDelete(tree);
	return err;
}

/* ---- HTTP ---- */

int caldav_check_url(const char *url)
{
	if (url == NULL || strlen(url) > 1000)
		return TF_EINVAL;
	CURLU *u = curl_url();
	if (u == NULL)
		return TF_ENOMEM;
	int err = TF_EINVAL;
	char *scheme = NULL, *host = NULL, *user = NULL, *query = NULL, *frag = NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0) && *host &&
	    curl_url_get(u, CURLUPART_USER, &user, 0) != CURLUE_OK &&
	    curl_url_get(u, CURLUPART_QUERY, &query, 0) != CURLUE_OK &&
	    curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0) != CURLUE_OK)
		err = TF_OK;
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(query);
	curl_free(frag);
	curl_url_cleanup(u);
	return err;
}

static size_t caldav_write(char *p, size_t size, size_t nmemb, void *ud)
{
	struct buf *b = ud;
	size_t n = size * nmemb;
	return buf_append(b, p, n) == TF_OK ? n : 0;
}

__attribute__((format(printf, 3, 4)))
static void caldav_why(char *why, size_t whylen, const char *fmt, ...)
{
	if (why == NULL || whylen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

/* One request; *status gets the HTTP status (0: none). */
static int caldav_request(const struct caldav_account *acc, const char *method, const char *url,
                          struct curl_slist *headers, const char *body, size_t body_len, struct buf *resp,
                          long *status, char *why, size_t whylen)
{
	*status = 0;
	CURL *c = curl_easy_init();
	if (c == NULL)
		return TF_ENOMEM;
	CURLcode cc = curl_easy_setopt(c, CURLOPT_URL, url);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)CALDAV_CONNECT_TIMEOUT_MS);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)CALDAV_TIMEOUT_MS);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_USERAGENT, "terminfon");
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, caldav_write);
	if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_WRITEDATA, resp);
	if (cc == CURLE_OK && acc->username && *acc->username) {
		cc = curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)(CURLAUTH_BASIC | CURLAUTH_DIGEST));
		if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_USERNAME, acc->username);
		if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_PASSWORD, acc->password ? acc->password : "");
	}
	if (cc == CURLE_OK && body) {
		cc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body_len);
		if (cc == CURLE_OK) cc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	}
	if (cc == CURLE_OK)
		cc = curl_easy_perform(c);
	int err = TF_OK;
	if (cc == CURLE_OPERATION_TIMEDOUT) {
		caldav_why(why, whylen, "timeout");
		err = TF_ETIMEOUT;
	} else if (cc != CURLE_OK) {
		caldav_why(why, whylen, "connection failed (curl %ld)", (long)cc);
		err = TF_EUPSTREAM;
	} else {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	}
	curl_easy_cleanup(c);
	return err;
}

static int caldav_status(long status, char *why, size_t whylen)
{
	if (status >= 200 && status <= 299)
		return TF_OK;
	caldav_why(why, whylen, "HTTP %ld", status);
	return status == 401 || status == 403 ? TF_EAUTH : TF_EUPSTREAM;
}

/* collection + name, with exactly one '/' between. */
static char *caldav_join(const char *base, const char *name)
{
	size_t n = strlen(base);
	bool slash = n > 0 && base[n - 1] == '/';
	size_t need = n + 1 + strlen(name ? name : "") + 5;
	char *out = malloc(need);
	if (out)
		snprintf(out, need, "%s%s%s%s", base, slash || !name ? "" : "/", name ? name : "", name ? ".ics" : "");
	return out;
}

static void caldav_utc_text(int64_t utc, char out[17])
{
	time_t t = (time_t)utc;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

struct caldav_collect {
	const struct tz *local;
	const char *own;
	int64_t from, to;
	struct ical_busy_list *out;
	int bad;
};

static int caldav_collect(const char *ics, size_t len, void *ctx)
{
	struct caldav_collect *c = ctx;
	int err = ical_busy_parse(ics, len, c->local, c->from, c->to, c->own, c->out);
	if (err == TF_EINVAL) {
		c->bad++;
		return TF_OK;
	}
	return err;
}

int caldav_fetch_busy(const struct caldav_account *acc, const struct tz *local, int64_t from_utc, int64_t to_utc,
                      const char *own_uid_prefix, struct ical_busy_list *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof(*out));
	if (why && whylen)
		why[0] = '\0';
	char from[17], to[17];
	caldav_utc_text(from_utc, from);
	caldav_utc_text(to_utc, to);
	char body[768];
	snprintf(body, sizeof(body),
	         "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	         "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\n"
	         " <D:prop><D:getetag/><C:calendar-data/></D:prop>\n"
	         " <C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">\n"
	         "  <C:time-range start=\"%s\" end=\"%s\"/>\n"
	         " </C:comp-filter></C:comp-filter></C:filter>\n"
	         "</C:calendar-query>\n",
	         from, to);
	struct curl_slist *h = curl_slist_append(NULL, "Depth: 1");
	struct curl_slist *h2 = h ? curl_slist_append(h, "Content-Type: application/xml; charset=utf-8") : NULL;
	if (h2 == NULL) {
		curl_slist_free_all(h);
		return TF_ENOMEM;
	}
	struct buf resp;
	buf_init(&resp, CALDAV_MAX_RESPONSE);
	long status;
	int err = caldav_request(acc, "REPORT", acc->url, h2, body, strlen(body), &resp, &status, why, whylen);
	curl_slist_free_all(h2);
	if (err == TF_OK && status != 207) {
		err = caldav_status(status, why, whylen);
		if (err == TF_OK) {
			caldav_why(why, whylen, "HTTP %ld instead of 207", status);
			err = TF_EUPSTREAM;
		}
	}
	if (err == TF_OK) {
		struct caldav_collect c = { local, own_uid_prefix, from_utc, to_utc, out, 0 };
		err = caldav_parse_multistatus(resp.data ? resp.data : "", resp.len, caldav_collect, &c);
		if (err == TF_EUPSTREAM)
			caldav_why(why, whylen, "no multistatus answer");
		else if (err == TF_OK && c.bad) {
			/* A copy with holes would offer slots that are not free. */
			caldav_why(why, whylen, "%ld calendar objects not readable", (long)c.bad);
			err = TF_EUPSTREAM;
		}
	}
	buf_free(&resp);
	if (err)
		ical_busy_free(out);
	else
		ical_busy_normalize(out);
	return err;
}

int caldav_put(const struct caldav_account *acc, const char *name, const char *ics, size_t len, char *why,
               size_t whylen)
{
	char *url = caldav_join(acc->url, name);
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: text/calendar; charset=utf-8");
	if (url == NULL || h == NULL) {
		free(url);
		curl_slist_free_all(h);
		return TF_ENOMEM;
	}
	struct buf resp;
	buf_init(&resp, 1u << 20);
	long status;
	int err = caldav_request(acc, "PUT", url, h, ics, len, &resp, &status, why, whylen);
	if (err == TF_OK)
		err = caldav_status(status, why, whylen);
	buf_free(&resp);
	curl_slist_free_all(h);
	free(url);
	return err;
}

int caldav_delete(const struct caldav_account *acc, const char *name, char *why, size_t whylen)
{
	char *url = caldav_join(acc->url, name);
	if (url == NULL)
		return TF_ENOMEM;
	struct buf resp;
	buf_init(&resp, 1u << 20);
	long status;
	int err = caldav_request(acc, "DELETE", url, NULL, NULL, 0, &resp, &status, why, whylen);
	if (err == TF_OK && status != 404 && status != 410)
		err = caldav_status(status, why, whylen);
	buf_free(&resp);
	free(url);
	return err;
}
