/* test_twiml.c: unit tests of lib/twilio/twiml: building, escaping, nesting, parsing, and schema validity via xmllint. */
#include "arena.h"
#include "buf.h"
#include "err.h"
#include "tf_limits.h"
#include "t.h"
#include "twiml.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define SCHEMA "test/data/twiml/TwiML.voice.derived.xsd"
#define SAMPLES "test/data/twiml/samples"
#define ATTRIBUTES "test/data/twiml_voice_attributes.json"
#define FALLBACK "nginx/fallback.xml"

static struct arena arena;
static bool have_xmllint;

/* 0 when xmllint accepts the file against the schema, its exit status otherwise. */
static int xmllint_file(const char *path)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "xmllint --noout --schema '%s' '%s' >/dev/null 2>&1", SCHEMA,
		 path);
	int rc = system(cmd);
	if (rc == -1 || !WIFEXITED(rc))
		return -1;
	return WEXITSTATUS(rc);
}

static int xmllint_text(const char *xml, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/terminfon-twiml-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, xml, len);
	close(fd);
	int rc = w == (ssize_t)len ? xmllint_file(path) : -1;
	unlink(path);
	return rc;
}

static char *render(struct twiml *t)
{
	char *out = NULL;
	size_t len = 0;
	T_EQ_INT(twiml_render(t, &out, &len), TF_OK);
	T_OK(out != NULL && strlen(out) == len);
	return out;
}

/* Renders, checks the schema and hands back the text (caller frees). */
static char *render_valid(struct twiml *t)
{
	char *out = render(t);
	if (out != NULL && have_xmllint) {
		int rc = xmllint_text(out, strlen(out));
		T_EQ_INT(rc, 0);
		if (rc != 0)
			fprintf(stderr, "  not valid:\n%s\n", out);
	}
	return out;
}

static struct twiml_node *parse_ok(const char *xml)
{
	struct twiml_node *root = NULL;
	int err = twiml_parse(&arena, xml, strlen(xml), &root);
	T_EQ_INT(err, TF_OK);
	T_OK(root != NULL);
	return root;
}

static void test_empty_document(void)
{
	struct twiml *t = twiml_new();
	T_OK(t != NULL);
	char *out = render_valid(t);
	T_EQ_STR(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response />\n");
	free(out);
	twiml_free(t);
	twiml_free(NULL);
	T_OK(twiml_root(NULL) == NULL);
	T_EQ_INT(twiml_render(NULL, &out, NULL), TF_EINVAL);
}

static void test_shorthands(void)
{
	struct twiml *t = twiml_new();
	struct twiml_el *r = twiml_root(t);
	struct twiml_el *g = twiml_gather(r, "/api/v1/twilio/voice/gather?turn=1", "de-DE",
					  "Termin, absagen, verschieben");
	T_OK(g != NULL);
	T_OK(twiml_say(g, "Guten Tag! Wie kann ich helfen?", "Polly.Vicki-Neural", "de-DE") != NULL);
	T_OK(twiml_pause(g, 1) != NULL);
	T_OK(twiml_play(g, "https://example.org/gong.mp3", 1) != NULL);
	T_OK(twiml_say(r, "Ich habe Sie leider nicht verstanden.", NULL, "de-DE") != NULL);
	T_OK(twiml_dial(r, "+493012345678", "/api/v1/twilio/voice/dial-status", "+4930123456", 20) !=
	     NULL);
	T_OK(twiml_dial(r, "+493099999999", NULL, NULL, 0) != NULL);
	T_OK(twiml_enqueue(r, "berlin-mitte", "/api/v1/twilio/voice/queue-check") != NULL);
	T_OK(twiml_enqueue(r, "muenchen", NULL) != NULL);
	T_OK(twiml_record(r, "/api/v1/twilio/recording/done", 120) != NULL);
	T_OK(twiml_record(r, NULL, 0) != NULL);
	T_OK(twiml_play(r, "https://example.org/musik.mp3", 0) != NULL);
	T_OK(twiml_play(r, "https://example.org/ansage.mp3", -1) != NULL);
	T_OK(twiml_redirect(r, "/api/v1/twilio/voice/webhook?retry=1") != NULL);
	T_OK(twiml_leave(r) != NULL);
	T_OK(twiml_hangup(r) != NULL);
	char *out = render_valid(t);
	T_OK(strstr(out, "<Gather input=\"speech dtmf\" action=\"/api/v1/twilio/voice/gather?turn=1\" "
			 "method=\"POST\" language=\"de-DE\" speechTimeout=\"auto\" "
			 "actionOnEmptyResult=\"true\" hints=\"Termin, absagen, verschieben\">") != NULL);
	T_OK(strstr(out, "<Dial action=\"/api/v1/twilio/voice/dial-status\" method=\"POST\" "
			 "callerId=\"+4930123456\" timeout=\"20\"><Number>+493012345678</Number></Dial>") !=
	     NULL);
	T_OK(strstr(out, "<Dial><Number>+493099999999</Number></Dial>") != NULL);
	T_OK(strstr(out, "<Enqueue waitUrl=\"/api/v1/twilio/voice/queue-check\" waitUrlMethod=\"POST\">"
			 "berlin-mitte</Enqueue>") != NULL);
	T_OK(strstr(out, "<Enqueue>muenchen</Enqueue>") != NULL);
	T_OK(strstr(out, "<Record action=\"/api/v1/twilio/recording/done\" method=\"POST\" "
			 "maxLength=\"120\" />") != NULL);
	T_OK(strstr(out, "<Play loop=\"0\">https://example.org/musik.mp3</Play>") != NULL);
	T_OK(strstr(out, "<Play>https://example.org/ansage.mp3</Play>") != NULL);
	T_OK(strstr(out, "<Redirect method=\"POST\">/api/v1/twilio/voice/webhook?retry=1</Redirect>") !=
	     NULL);
	T_OK(strstr(out, "<Pause length=\"1\" />") != NULL);
	T_OK(strstr(out, "<Leave /><Hangup /></Response>\n") != NULL);

	/* Round trip through the reader. */
	struct twiml_node *root = parse_ok(out);
	T_EQ_STR(root->name, "Response");
	T_EQ_INT(root->nchildren, 13);
	T_EQ_STR(root->text, "");
	const struct twiml_node *gn = &root->children[0];
	T_EQ_STR(gn->name, "Gather");
	T_EQ_STR(twiml_node_attr(gn, "input"), "speech dtmf");
	T_EQ_STR(twiml_node_attr(gn, "action"), "/api/v1/twilio/voice/gather?turn=1");
	T_EQ_STR(twiml_node_attr(gn, "actionOnEmptyResult"), "true");
	T_OK(twiml_node_attr(gn, "timeout") == NULL);
	T_EQ_INT(gn->nchildren, 3);
	T_EQ_STR(gn->children[0].text, "Guten Tag! Wie kann ich helfen?");
	T_EQ_STR(twiml_node_attr(&gn->children[0], "voice"), "Polly.Vicki-Neural");
	T_EQ_STR(twiml_node_attr(&gn->children[1], "length"), "1");
	const struct twiml_node *dial = &root->children[2];
	T_EQ_STR(dial->name, "Dial");
	T_EQ_STR(twiml_node_child(dial, "Number")->text, "+493012345678");
	T_OK(twiml_node_child(dial, "Client") == NULL);
	T_EQ_STR(root->children[12].name, "Hangup");
	free(out);
	twiml_free(t);
}

static void test_escaping(void)
{
	static const char text[] = "Preise & <Angebote> \"Grüße\" 'Tschüß' – ÄÖÜ äöü ß €";
	static const char attr[] = "a\"b'c<d>e&f äöü";
	struct twiml *t = twiml_new();
	struct twiml_el *r = twiml_root(t);
	struct twiml_el *g = twiml_gather(r, "/g?a=1&b=2", "de-DE", attr);
	T_OK(g != NULL);
	T_OK(twiml_say(g, text, NULL, "de-DE") != NULL);
	T_OK(twiml_redirect(r, "/x?a=1&b=<2>") != NULL);
	char *out = render_valid(t);
	T_OK(strstr(out, "Preise &amp; &lt;Angebote&gt;") != NULL);
	T_OK(strstr(out, "hints=\"a&quot;b'c&lt;d&gt;e&amp;f äöü\"") != NULL);
	T_OK(strstr(out, "action=\"/g?a=1&amp;b=2\"") != NULL);
	T_OK(strstr(out, "/x?a=1&amp;b=&lt;2&gt;</Redirect>") != NULL);
	T_OK(strstr(out, "<Angebote>") == NULL);
	T_OK(strstr(out, "ÄÖÜ äöü ß €") != NULL);
	struct twiml_node *root = parse_ok(out);
	T_EQ_STR(root->children[0].children[0].text, text);
	T_EQ_STR(twiml_node_attr(&root->children[0], "hints"), attr);
	T_EQ_STR(twiml_node_attr(&root->children[0], "action"), "/g?a=1&b=2");
	T_EQ_STR(root->children[1].text, "/x?a=1&b=<2>");
	free(out);
	twiml_free(t);
}

static void test_cleaning(void)
{
	struct twiml *t = twiml_new();
	struct twiml_el *r = twiml_root(t);
	/* Control characters and broken UTF-8 cannot go into XML as they are. */
	T_OK(twiml_say(r, "a\x01" "b\x1f" "c\td\ne", NULL, NULL) != NULL);
	T_OK(twiml_say(r, "x\xff" "y\xc3" "z\xed\xa0\x80" "w\xef\xbf\xbf", NULL, NULL) != NULL);
	T_OK(twiml_say(r, "\xf0\x9f\x93\x9e ok", NULL, NULL) != NULL);
	struct twiml_el *s = twiml_say(r, "v", NULL, NULL);
	T_EQ_INT(twiml_set(s, "voice", "bad\x02voice\x80"), TF_OK);
	char *out = render_valid(t);
	struct twiml_node *root = parse_ok(out);
	T_EQ_STR(root->children[0].text, "a b c d e");
	T_EQ_STR(root->children[1].text,
		 "x\xef\xbf\xbdy\xef\xbf\xbdz\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdw\xef\xbf\xbd");
	T_EQ_STR(root->children[2].text, "\xf0\x9f\x93\x9e ok");
	T_EQ_STR(twiml_node_attr(&root->children[3], "voice"), "bad voice\xef\xbf\xbd");
	free(out);
	twiml_free(t);
}

static void test_rejects(void)
{
	struct twiml *t = twiml_new();
	struct twiml_el *r = twiml_root(t);
	struct twiml_el *g = twiml_gather(r, "/g", "de-DE", NULL);
	struct twiml_el *say = twiml_say(r, "x", NULL, NULL);
	T_OK(g != NULL && say != NULL);

	/* Nesting */
	T_OK(twiml_add(g, "Gather", NULL) == NULL);
	T_OK(twiml_gather(g, "/g", "de-DE", NULL) == NULL);
	T_OK(twiml_add(g, "Dial", NULL) == NULL);
	T_OK(twiml_dial(g, "+4930", NULL, NULL, 0) == NULL);
	T_OK(twiml_redirect(g, "/x") == NULL);
	T_OK(twiml_hangup(g) == NULL);
	T_OK(twiml_add(r, "Number", "+4930") == NULL);
	T_OK(twiml_add(r, "Response", NULL) == NULL);
	T_OK(twiml_add(r, "Sms", "hallo") == NULL);
	T_OK(twiml_add(r, "Foo", NULL) == NULL);
	T_OK(twiml_add(r, "say", "x") == NULL);
	T_OK(twiml_add(r, "", NULL) == NULL);
	T_OK(twiml_add(r, "Say Play", NULL) == NULL);
	T_OK(twiml_add(r, NULL, NULL) == NULL);
	T_OK(twiml_add(NULL, "Say", NULL) == NULL);
	T_OK(twiml_add(say, "Say", "x") == NULL);
	/* Text where the element takes none */
	T_OK(twiml_add(r, "Hangup", "bye") == NULL);
	T_OK(twiml_add(r, "Gather", "x") == NULL);
	T_EQ_INT(twiml_append_text(g, "x"), TF_EINVAL);
	T_EQ_INT(twiml_append_text(NULL, "x"), TF_EINVAL);
	T_OK(twiml_say(r, NULL, NULL, NULL) == NULL);

	/* Attributes */
	T_EQ_INT(twiml_set(g, "speechtimeout", "auto"), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "voice", "Polly.Vicki"), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "", "x"), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "timeout:i", "5"), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "timeout", "abc"), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "timeout", ""), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "timeout", "5s"), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "timeout", "5"), TF_OK);
	T_EQ_INT(twiml_set_int(g, "numDigits", 4), TF_OK);
	T_EQ_INT(twiml_set_int(g, "hints", 4), TF_OK);
	T_EQ_INT(twiml_set(g, "actionOnEmptyResult", "yes"), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "profanityFilter", "false"), TF_OK);
	T_EQ_INT(twiml_set(g, "input", "voice"), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "input", ""), TF_EINVAL);
	T_EQ_INT(twiml_set(g, "input", "dtmf"), TF_OK);
	T_EQ_INT(twiml_set(g, "input", "dtmf speech"), TF_OK);
	T_EQ_INT(twiml_set(g, "input", NULL), TF_EINVAL);
	T_EQ_INT(twiml_set(NULL, "input", "dtmf"), TF_EINVAL);
	T_EQ_INT(twiml_set(say, "loop", "2"), TF_OK);
	T_EQ_INT(twiml_set(say, "voice", "any voice name goes"), TF_OK);
	struct twiml_el *d = twiml_dial(r, "+493012345678", NULL, NULL, 0);
	T_EQ_INT(twiml_set(d, "record", "record-from-answer"), TF_OK);
	T_EQ_INT(twiml_set(d, "record", "record-from-answer do-not-record"), TF_EINVAL);
	T_EQ_INT(twiml_set(d, "record", "everything"), TF_EINVAL);
	T_EQ_INT(twiml_set(d, "trim", "trim-silence"), TF_OK);
	struct twiml_el *rej = twiml_add(r, "Reject", NULL);
	T_EQ_INT(twiml_set(rej, "reason", "busy"), TF_OK);
	T_EQ_INT(twiml_set(rej, "reason", "maybe"), TF_EINVAL);
	T_OK(twiml_pause(r, -1) == NULL);
	T_OK(twiml_dial(r, "+4930", NULL, NULL, -5) == NULL);

	char *out = render_valid(t);
	T_OK(strstr(out, "Sms") == NULL);
	T_OK(strstr(out, "bye") == NULL);
	T_OK(strstr(out, "speechtimeout") == NULL);
	T_OK(strstr(out, "<Gather input=\"dtmf speech\" action=\"/g\"") != NULL);
	T_OK(strstr(out, "timeout=\"5\" numDigits=\"4\" hints=\"4\" profanityFilter=\"false\"") != NULL);
	T_OK(strstr(out, "<Reject reason=\"busy\" />") != NULL);
	free(out);
	twiml_free(t);
}

static void test_ssml(void)
{
	struct twiml *t = twiml_new();
	struct twiml_el *say = twiml_say(twiml_root(t), "Ihr Termin ist am ", "Polly.Vicki", "de-DE");
	struct twiml_el *sa = twiml_add(say, "say-as", "14.02.2025");
	T_EQ_INT(twiml_set(sa, "interpret-as", "date"), TF_OK);
	T_EQ_INT(twiml_set(sa, "format", "dmy"), TF_OK);
	T_EQ_INT(twiml_set(sa, "format", "german"), TF_EINVAL);
	T_EQ_INT(twiml_append_text(say, " um "), TF_OK);
	struct twiml_el *p = twiml_add(say, "prosody", "15 Uhr");
	T_EQ_INT(twiml_set(p, "rate", "90%"), TF_OK);
	T_EQ_INT(twiml_append_text(say, "."), TF_OK);
	struct twiml_el *br = twiml_add(say, "break", NULL);
	T_EQ_INT(twiml_set(br, "time", "500ms"), TF_OK);
	T_OK(twiml_add(br, "p", "x") == NULL);
	T_EQ_INT(twiml_append_text(say, " Auf Wiederhören!"), TF_OK);
	char *out = render_valid(t);
	struct twiml_node *root = parse_ok(out);
	T_EQ_STR(root->children[0].text, "Ihr Termin ist am 14.02.2025 um 15 Uhr. Auf Wiederhören!");
	T_EQ_INT(root->children[0].nchildren, 3);
	T_EQ_STR(root->children[0].children[0].name, "say-as");
	free(out);
	twiml_free(t);
}

static void test_fallback(void)
{
	const char *fb = twiml_fallback_xml();
	size_t len = 0;
	char *file = t_read_file(FALLBACK, &len);
	T_OK(file != NULL);
	if (file != NULL) {
		T_EQ_INT(len, strlen(fb));
		T_OK(len == strlen(fb) && memcmp(file, fb, len) == 0);
	}
	free(file);
	if (have_xmllint)
		T_EQ_INT(xmllint_file(FALLBACK), 0);
	struct twiml_node *root = parse_ok(fb);
	T_EQ_INT(root->nchildren, 2);
	T_EQ_STR(root->children[0].name, "Say");
	T_EQ_STR(twiml_node_attr(&root->children[0], "language"), "de-DE");
	T_OK(strstr(root->children[0].text, "technisches Problem") != NULL);
	T_OK(strstr(root->children[0].text, "später") != NULL);
	T_EQ_STR(root->children[1].name, "Hangup");

	/* The builder writes the very same bytes. */
	struct twiml *t = twiml_new();
	T_OK(twiml_say(twiml_root(t), root->children[0].text,
		       twiml_node_attr(&root->children[0], "voice"), "de-DE") != NULL);
	T_OK(twiml_hangup(twiml_root(t)) != NULL);
	char *out = render(t);
	T_EQ_STR(out, fb);
	free(out);
	twiml_free(t);
}

static void test_parse_errors(void)
{
	static const char *const bad[] = {
		"",
		"   ",
		"not xml",
		"<Response>",
		"<Response><Say>x</Say>",
		"<Response><Say>x</Response>",
		"<Response><Say>x</Say></Response>trailing",
		"<Response/><Response/>",
		"<response><Say>x</Say></response>",
		"<?xml version=\"1.0\"?><Say>x</Say>",
		"<Response>&bogus;</Response>",
		"<Response>a & b</Response>",
		"<Response><Say a=\"1\" a=\"2\">x</Say></Response>",
		"junk<Response/>",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct twiml_node *root = (struct twiml_node *)&arena;
		int err = twiml_parse(&arena, bad[i], strlen(bad[i]), &root);
		T_EQ_INT(err, TF_EINVAL);
		T_OK(root == NULL);
		if (err != TF_EINVAL)
			fprintf(stderr, "  accepted: %s\n", bad[i]);
	}
	struct twiml_node *root;
	T_EQ_INT(twiml_parse(&arena, "<Response>\0</Response>", 22, &root), TF_EINVAL);
	T_EQ_INT(twiml_parse(&arena, NULL, 0, &root), TF_EINVAL);

	/* Too deep */
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, "<Response><Say>");
	for (int i = 0; i < 40; i++)
		buf_puts(&b, "<p>");
	for (int i = 0; i < 40; i++)
		buf_puts(&b, "</p>");
	buf_puts(&b, "</Say></Response>");
	T_EQ_INT(twiml_parse(&arena, b.data, b.len, &root), TF_EINVAL);
	/* Too big */
	buf_reset(&b);
	buf_puts(&b, "<Response><Say>");
	while (b.len <= TF_MAX_RESPONSE)
		buf_puts(&b, "Hallo ");
	buf_puts(&b, "</Say></Response>");
	T_EQ_INT(twiml_parse(&arena, b.data, b.len, &root), TF_ELIMIT);
	buf_free(&b);

	/* Lax but well-formed things pass: declaration, comments, CDATA, entities. */
	root = parse_ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c -->\n<Response>"
			"<!-- inner --><Say>a &amp; b &#228; <![CDATA[<c>]]></Say></Response>\n<!-- t -->");
	T_EQ_INT(root->nchildren, 1);
	T_EQ_STR(root->children[0].text, "a & b ä <c>");
	root = parse_ok("<Response/>");
	T_EQ_INT(root->nchildren, 0);
	T_EQ_INT(root->nattrs, 0);
}

static void test_samples(void)
{
	DIR *d = opendir(SAMPLES);
	T_OK(d != NULL);
	if (d == NULL)
		return;
	int valid = 0, invalid = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", SAMPLES, e->d_name);
		bool want_valid = strncmp(e->d_name, "valid_", 6) == 0;
		if (have_xmllint) {
			int rc = xmllint_file(path);
			T_OK(want_valid ? rc == 0 : rc > 0);
			if (want_valid ? rc != 0 : rc <= 0)
				fprintf(stderr, "  xmllint %d on %s\n", rc, path);
		}
		size_t len;
		char *xml = t_read_file(path, &len);
		struct twiml_node *root;
		int err = twiml_parse(&arena, xml, len, &root);
		/* Every sample is well-formed; only the one with the wrong root is no TwiML. */
		T_EQ_INT(err, strstr(e->d_name, "root") ? TF_EINVAL : TF_OK);
		free(xml);
		if (want_valid)
			valid++;
		else
			invalid++;
	}
	closedir(d);
	printf("samples: %d valid, %d invalid\n", valid, invalid);
	T_OK(valid >= 4 && invalid >= 5);

	size_t len;
	char *xml = t_read_file(SAMPLES "/valid_gather_speech.xml", &len);
	struct twiml_node *root;
	T_EQ_INT(twiml_parse(&arena, xml, len, &root), TF_OK);
	free(xml);
	T_EQ_INT(root->nchildren, 3);
	T_EQ_STR(root->children[0].name, "Gather");
	T_EQ_STR(twiml_node_attr(&root->children[0], "hints"), "Termin, absagen, verschieben");
	T_EQ_STR(root->children[0].children[0].text,
		 "Guten Tag! Möchten Sie einen Termin buchen, verschieben oder absagen?");
	T_EQ_STR(root->children[2].text, "/twilio/voice?retry=1");
	T_EQ_STR(twiml_node_attr(&root->children[2], "method"), "POST");
}

/* The compiled table agrees with the attribute list taken from Twilio's SDKs. */
static void test_table_matches_json(void)
{
	char *text = t_read_file(ATTRIBUTES, NULL);
	T_OK(text != NULL);
	cJSON *doc = cJSON_Parse(text);
	free(text);
	T_OK(doc != NULL);
	int elements = 0, attrs = 0, children = 0, missing = 0;
	const cJSON *el;
	cJSON_ArrayForEach(el, cJSON_GetObjectItemCaseSensitive(doc, "elements")) {
		if (strcmp(el->string, "Sms") == 0)
			continue;
		elements++;
		const cJSON *a;
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(el, "attributes")) {
			attrs++;
			if (!twiml_known_attr(el->string, a->string)) {
				missing++;
				fprintf(stderr, "  missing attribute %s.%s\n", el->string, a->string);
			}
		}
		const cJSON *c;
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(el, "children")) {
			children++;
			if (!twiml_allowed_child(el->string, c->valuestring)) {
				missing++;
				fprintf(stderr, "  missing child %s in %s\n", c->valuestring, el->string);
			}
		}
		T_OK(!twiml_known_attr(el->string, "noSuchAttribute"));
		T_OK(!twiml_allowed_child(el->string, "Response"));
	}
	const cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "response_children")) {
		if (strcmp(c->valuestring, "Sms") == 0)
			continue;
		children++;
		if (!twiml_allowed_child("Response", c->valuestring)) {
			missing++;
			fprintf(stderr, "  missing child %s in Response\n", c->valuestring);
		}
	}
	cJSON_Delete(doc);
	T_EQ_INT(missing, 0);
	T_OK(elements >= 50 && attrs > 250 && children > 60);
	printf("table: %d elements, %d attributes, %d child rules checked\n", elements, attrs,
	       children);

	T_OK(twiml_allowed_child("Gather", "Say"));
	T_OK(!twiml_allowed_child("Gather", "Gather"));
	T_OK(!twiml_allowed_child("Gather", "Dial"));
	T_OK(!twiml_allowed_child("Response", "Sms"));
	T_OK(!twiml_allowed_child("Nope", "Say"));
	T_OK(!twiml_allowed_child(NULL, "Say"));
	T_OK(!twiml_known_attr("Say", NULL));
	T_OK(!twiml_known_attr("Say", "voic"));
	T_OK(!twiml_known_attr("Say", "voice "));
	T_OK(twiml_known_attr("say-as", "interpret-as"));
}

int main(void)
{
	arena_init(&arena, 64 * 1024 * 1024);
	have_xmllint = system("xmllint --version >/dev/null 2>&1") == 0;
	if (!have_xmllint)
		fprintf(stderr, "xmllint not found (Debian: libxml2-utils): schema checks fail\n");
	T_OK(have_xmllint);
	test_empty_document();
	test_shorthands();
	test_escaping();
	test_cleaning();
	test_rejects();
	test_ssml();
	test_fallback();
	test_parse_errors();
	test_samples();
	test_table_matches_json();
	arena_free(&arena);
	return t_done();
}
