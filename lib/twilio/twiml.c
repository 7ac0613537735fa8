/* twiml.c: TwiML Voice documents on mxml: a builder that checks names, nesting and attribute types, and a reader. */
#include "twiml.h"

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "tf_limits.h"
#include "utf8.h"

#include <mxml.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TWIML_MAX_DEPTH 32

/* One element of TwiML Voice. Lists are space-separated words. An attribute
 * word may carry a type: "=i" integer, "=b" true/false, "=e" one word of
 * twiml_enums, "=l" a list of such words; without a type any text goes. */
struct twiml_spec {
	const char *name;
	bool body;             /* takes text content */
	const char *children;  /* elements allowed directly inside */
	const char *attrs;
};

struct twiml_enum {
	const char *element, *attr, *values;
};

/* Derived from test/data/twiml/TwiML.voice.derived.xsd, which is derived from
 * test/data/twiml_voice_attributes.json (from Twilio's SDKs); the unit
 * test checks this table against the JSON. <Sms> is left out: it is not part
 * of TwiML Voice any more. */
static const struct twiml_spec twiml_specs[] = {
	{"Response", false,
	 "Connect Dial Echo Enqueue Gather Hangup Leave Pause Pay Play Prompt Queue Record "
	 "Redirect Refer Reject Say Start Stop",
	 ""},
	{"AiSession", false,
	 "",
	 "aiConnector aiSessionConfiguration"},
	{"Application", true,
	 "ApplicationSid Parameter",
	 "copyParentTo=b customerId method statusCallback statusCallbackEvent=l "
	 "statusCallbackMethod url"},
	{"ApplicationSid", true,
	 "",
	 ""},
	{"Assistant", false,
	 "Language Parameter",
	 "debug dtmfDetection=b elevenlabsTextNormalization hints id intelligenceService "
	 "interruptSensitivity interruptible language partialPrompts=b preemptible=b "
	 "profanityFilter=b reportInputDuringAgentSpeech=b speechModel transcriptionLanguage "
	 "transcriptionProvider ttsLanguage ttsProvider voice welcomeGreeting "
	 "welcomeGreetingInterruptible"},
	{"Autopilot", true,
	 "",
	 ""},
	{"Client", true,
	 "Identity Parameter",
	 "method statusCallback statusCallbackEvent=l statusCallbackMethod url"},
	{"Conference", true,
	 "",
	 "beep=e coach endConferenceOnExit=b eventCallbackUrl jitterBufferSize=e "
	 "maxParticipants=i muted=b participantLabel record=e recordingConfigurationId "
	 "recordingStatusCallback recordingStatusCallbackEvent=l recordingStatusCallbackMethod "
	 "region=e startConferenceOnEnter=b statusCallback statusCallbackEvent=l "
	 "statusCallbackMethod trim=e waitMethod waitUrl"},
	{"Config", false,
	 "",
	 "name value"},
	{"Connect", false,
	 "AiSession Assistant Autopilot Conversation ConversationRelay ConversationRelaySession "
	 "Room Stream VirtualAgent",
	 "action method"},
	{"Conversation", false,
	 "",
	 "inboundAutocreation=b inboundTimeout=i method record=e recordingStatusCallback "
	 "recordingStatusCallbackEvent=l recordingStatusCallbackMethod "
	 "routingAssignmentTimeout=i serviceInstanceSid statusCallback statusCallbackEvent=l "
	 "statusCallbackMethod trim=e url"},
	{"ConversationRelay", false,
	 "Language Parameter",
	 "backgroundnoisereduction debug deepgramsmartformat dtmfDetection=b "
	 "elevenlabsTextNormalization events hints ignorebackchannel intelligenceService "
	 "interruptSensitivity interruptible language partialPrompts=b preemptible=b "
	 "profanityFilter=b reportInputDuringAgentSpeech=b speechModel speechtimeout "
	 "transcriptionLanguage transcriptionProvider ttsLanguage ttsProvider url voice "
	 "welcomeGreeting welcomeGreetingInterruptible"},
	{"ConversationRelaySession", false,
	 "",
	 "connector sessionConfiguration"},
	{"Dial", true,
	 "Application Client Conference Number Queue Sim Sip WhatsApp",
	 "action answerOnBridge=b callerId events=e hangupOnStar=b method record=e "
	 "recordingConfigurationId recordingStatusCallback recordingStatusCallbackEvent=l "
	 "recordingStatusCallbackMethod recordingTrack=e referMethod referUrl ringTone "
	 "sequential=b timeLimit=i timeout=i trim=e"},
	{"Echo", false,
	 "",
	 ""},
	{"Enqueue", true,
	 "Task",
	 "action maxQueueSize=i method waitUrl waitUrlMethod workflowSid"},
	{"Gather", false,
	 "Pause Play Say",
	 "action actionOnEmptyResult=b bargeIn=b debug=b enhanced=b finishOnKey hints input=l "
	 "language maxSpeechTime=i method numDigits=i partialResultCallback "
	 "partialResultCallbackMethod profanityFilter=b speechModel speechTimeout timeout=i"},
	{"Hangup", false,
	 "Parameter",
	 ""},
	{"Header", false,
	 "",
	 "name value"},
	{"Headers", false,
	 "Header",
	 ""},
	{"Identity", true,
	 "",
	 ""},
	{"Language", false,
	 "",
	 "code speechModel transcriptionProvider ttsProvider voice"},
	{"Leave", false,
	 "",
	 ""},
	{"Number", true,
	 "",
	 "amdStatusCallback amdStatusCallbackMethod byoc machineDetection "
	 "machineDetectionSilenceTimeout=i machineDetectionSpeechEndThreshold=i "
	 "machineDetectionSpeechThreshold=i machineDetectionTimeout=i method sendDigits "
	 "statusCallback statusCallbackEvent=l statusCallbackMethod url"},
	{"Parameter", false,
	 "",
	 "name value"},
	{"Pause", false,
	 "",
	 "length=i"},
	{"Pay", false,
	 "Parameter Prompt",
	 "action bankAccountType=e chargeAmount currency description input=e language "
	 "maxAttempts=i minPostalCodeLength=i paymentConnector paymentMethod=e postalCode "
	 "securityCode=b statusCallback statusCallbackMethod=e timeout=i tokenType=e "
	 "validCardTypes=l"},
	{"Play", true,
	 "",
	 "digits loop=i"},
	{"Prompt", false,
	 "Pause Play Say",
	 "attempt cardType=l errorType=l for=e requireMatchingInputs=b"},
	{"Queue", true,
	 "",
	 "method postWorkActivitySid reservationSid url"},
	{"Record", false,
	 "",
	 "action finishOnKey maxLength=i method playBeep=b recordingConfigurationId "
	 "recordingStatusCallback recordingStatusCallbackEvent=l recordingStatusCallbackMethod "
	 "timeout=i transcribe=b transcribeCallback trim=e"},
	{"Recording", false,
	 "",
	 "channels=e recordingConfigurationId recordingStatusCallback "
	 "recordingStatusCallbackEvent=l recordingStatusCallbackMethod=e track=e trim=e"},
	{"Redirect", true,
	 "",
	 "method"},
	{"Refer", false,
	 "Sip",
	 "action method"},
	{"Reject", false,
	 "Parameter",
	 "reason=e"},
	{"Room", true,
	 "",
	 "participantIdentity"},
	{"Say", true,
	 "break emphasis lang p phoneme prosody s say-as sub w",
	 "language loop=i voice"},
	{"Sim", true,
	 "",
	 ""},
	{"Sip", true,
	 "Headers Uri",
	 "amdStatusCallback amdStatusCallbackMethod machineDetection "
	 "machineDetectionSilenceTimeout=i machineDetectionSpeechEndThreshold=i "
	 "machineDetectionSpeechThreshold=i machineDetectionTimeout=i method password "
	 "statusCallback statusCallbackEvent=l statusCallbackMethod url username"},
	{"Siprec", false,
	 "Parameter",
	 "connectorName name statusCallback statusCallbackMethod=e track=e"},
	{"Start", false,
	 "Recording Siprec Stream Transcription",
	 "action method"},
	{"Stop", false,
	 "Siprec Stream Transcription",
	 ""},
	{"Stream", false,
	 "Parameter",
	 "connectorName name statusCallback statusCallbackMethod=e track=e url"},
	{"Task", true,
	 "",
	 "priority=i timeout=i"},
	{"Transcription", false,
	 "Config Parameter",
	 "enableAutomaticPunctuation=b hints inboundTrackLabel intelligenceService languageCode "
	 "name outboundTrackLabel partialResults=b profanityFilter=b speechModel "
	 "statusCallbackMethod=e statusCallbackUrl track=e transcriptionEngine"},
	{"Uri", true,
	 "",
	 "password priority username weight"},
	{"VirtualAgent", false,
	 "Config Parameter",
	 "connectorName language sentimentAnalysis=b statusCallback statusCallbackMethod"},
	{"WhatsApp", true,
	 "",
	 "method statusCallback statusCallbackEvent=l statusCallbackMethod url"},
	{"break", false,
	 "",
	 "strength=e time"},
	{"emphasis", true,
	 "",
	 "level=e"},
	{"lang", true,
	 "",
	 "xml:lang"},
	{"p", true,
	 "",
	 ""},
	{"phoneme", true,
	 "",
	 "alphabet=e ph"},
	{"prosody", true,
	 "",
	 "pitch rate volume"},
	{"s", true,
	 "",
	 ""},
	{"say-as", true,
	 "",
	 "format=e interpret-as"},
	{"sub", true,
	 "",
	 "alias"},
	{"w", true,
	 "",
	 "role"},
};

static const struct twiml_enum twiml_enums[] = {
	{"Application", "statusCallbackEvent",
	 "initiated ringing answered completed"},
	{"Client", "statusCallbackEvent",
	 "initiated ringing answered completed"},
	{"Conference", "beep",
	 "true false onEnter onExit"},
	{"Conference", "jitterBufferSize",
	 "large medium small off"},
	{"Conference", "record",
	 "do-not-record record-from-start"},
	{"Conference", "recordingStatusCallbackEvent",
	 "in-progress completed absent"},
	{"Conference", "region",
	 "us1 us2 ie1 sg1 br1 au1 jp1 de1"},
	{"Conference", "statusCallbackEvent",
	 "start end join leave mute hold modify speaker announcement"},
	{"Conference", "trim",
	 "trim-silence do-not-trim"},
	{"Conversation", "record",
	 "do-not-record record-from-answer record-from-ringing record-from-answer-dual "
	 "record-from-ringing-dual true false"},
	{"Conversation", "recordingStatusCallbackEvent",
	 "in-progress completed absent"},
	{"Conversation", "statusCallbackEvent",
	 "call-initiated call-ringing call-answered call-completed"},
	{"Conversation", "trim",
	 "trim-silence do-not-trim"},
	{"Dial", "events",
	 "call-progress-event"},
	{"Dial", "record",
	 "do-not-record record-from-answer record-from-ringing record-from-answer-dual "
	 "record-from-ringing-dual"},
	{"Dial", "recordingStatusCallbackEvent",
	 "in-progress completed absent"},
	{"Dial", "recordingTrack",
	 "both inbound outbound"},
	{"Dial", "trim",
	 "trim-silence do-not-trim"},
	{"Gather", "input",
	 "dtmf speech"},
	{"Number", "statusCallbackEvent",
	 "initiated ringing answered completed"},
	{"Pay", "bankAccountType",
	 "consumer-checking consumer-savings commercial-checking commercial-savings"},
	{"Pay", "input",
	 "dtmf"},
	{"Pay", "paymentMethod",
	 "ach-debit credit-card"},
	{"Pay", "statusCallbackMethod",
	 "GET POST"},
	{"Pay", "tokenType",
	 "one-time reusable payment-method"},
	{"Pay", "validCardTypes",
	 "visa mastercard amex maestro discover optima jcb diners-club enroute"},
	{"Prompt", "cardType",
	 "visa mastercard amex maestro discover optima jcb diners-club enroute"},
	{"Prompt", "errorType",
	 "timeout invalid-card-number invalid-card-type invalid-date invalid-security-code "
	 "internal-error input-matching-failed"},
	{"Prompt", "for",
	 "payment-card-number expiration-date security-code postal-code payment-processing "
	 "bank-account-number bank-routing-number"},
	{"Record", "recordingStatusCallbackEvent",
	 "in-progress completed absent"},
	{"Record", "trim",
	 "trim-silence do-not-trim"},
	{"Recording", "channels",
	 "mono dual"},
	{"Recording", "recordingStatusCallbackEvent",
	 "in-progress completed absent"},
	{"Recording", "recordingStatusCallbackMethod",
	 "GET POST"},
	{"Recording", "track",
	 "inbound outbound both"},
	{"Recording", "trim",
	 "trim-silence do-not-trim"},
	{"Reject", "reason",
	 "rejected busy"},
	{"Sip", "statusCallbackEvent",
	 "initiated ringing answered completed"},
	{"Siprec", "statusCallbackMethod",
	 "GET POST"},
	{"Siprec", "track",
	 "inbound_track outbound_track both_tracks"},
	{"Stream", "statusCallbackMethod",
	 "GET POST"},
	{"Stream", "track",
	 "inbound_track outbound_track both_tracks"},
	{"Transcription", "statusCallbackMethod",
	 "GET POST"},
	{"Transcription", "track",
	 "inbound_track outbound_track both_tracks"},
	{"WhatsApp", "statusCallbackEvent",
	 "initiated ringing answered completed"},
	{"break", "strength",
	 "none x-weak weak medium strong x-strong"},
	{"emphasis", "level",
	 "strong moderate reduced"},
	{"phoneme", "alphabet",
	 "ipa x-sampa x-amazon-jyutping x-amazon-pinyin x-amazon-pron-kana x-amazon-yomigana"},
	{"say-as", "format",
	 "mdy dmy ymd md dm ym my d m y yyyymmdd"},
};

struct twiml_el {
	struct twiml_el *next;  /* every element handed out, for twiml_free */
	struct twiml *doc;
	mxml_node_t *node;      /* NULL once removed after a failed shorthand */
	const struct twiml_spec *spec;
};

struct twiml {
	mxml_node_t *decl;      /* the <?xml ...?> node; <Response> is its child */
	struct twiml_el root;
	struct twiml_el *els;
};

static const char twiml_fallback[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<Response><Say voice=\"Polly.Vicki-Neural\" language=\"de-DE\">"
	"Entschuldigung, bei uns gibt es gerade ein technisches Problem. "
	"Bitte rufen Sie später noch einmal an. Vielen Dank und auf Wiederhören!"
	"</Say><Hangup /></Response>\n";

const char *twiml_fallback_xml(void)
{
	return twiml_fallback;
}

/* ---- the table ---- */

static const struct twiml_spec *twiml_spec_find(const char *name)
{
	for (size_t i = 0; i < sizeof(twiml_specs) / sizeof(twiml_specs[0]); i++)
		if (strcmp(twiml_specs[i].name, name) == 0)
			return &twiml_specs[i];
	return NULL;
}

/* Finds `word` in a space-separated list whose words may carry "=t"; returns
 * the type letter (or ' ' for none), or 0 when absent. */
static char twiml_list_find(const char *list, const char *word, size_t wlen)
{
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, " ");
		size_t nlen = strcspn(p, "= ");
		if (nlen == wlen && memcmp(p, word, wlen) == 0)
			return nlen < n ? p[nlen + 1] : ' ';
		p += n;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static char twiml_attr_type(const struct twiml_spec *s, const char *attr)
{
	if (attr[0] == '\0' || strchr(attr, ' ') != NULL || strchr(attr, '=') != NULL)
		return 0;
	return twiml_list_find(s->attrs, attr, strlen(attr));
}

static bool twiml_child_ok(const struct twiml_spec *parent, const char *child)
{
	if (child[0] == '\0' || strchr(child, ' ') != NULL || strchr(child, '=') != NULL)
		return false;
	return twiml_list_find(parent->children, child, strlen(child)) != 0;
}

bool twiml_known_attr(const char *element, const char *attr)
{
	const struct twiml_spec *s = element && attr ? twiml_spec_find(element) : NULL;
	return s != NULL && twiml_attr_type(s, attr) != 0;
}

bool twiml_allowed_child(const char *parent, const char *child)
{
	const struct twiml_spec *s = parent && child ? twiml_spec_find(parent) : NULL;
	return s != NULL && twiml_spec_find(child) != NULL && twiml_child_ok(s, child);
}

static const char *twiml_enum_values(const char *element, const char *attr)
{
	for (size_t i = 0; i < sizeof(twiml_enums) / sizeof(twiml_enums[0]); i++)
		if (strcmp(twiml_enums[i].element, element) == 0 &&
		    strcmp(twiml_enums[i].attr, attr) == 0)
			return twiml_enums[i].values;
	return NULL;
}

static bool twiml_value_ok(const char *element, const char *attr, char type, const char *v)
{
	switch (type) {
	case 'i': {
		const char *p = v;
		if (*p == '-' || *p == '+')
			p++;
		if (*p == '\0')
			return false;
		for (; *p; p++)
			if (*p < '0' || *p > '9')
				return false;
		return true;
	}
	case 'b':
		return strcmp(v, "true") == 0 || strcmp(v, "false") == 0;
	case 'e':
	case 'l': {
		const char *values = twiml_enum_values(element, attr);
		if (values == NULL)
			return true;
		size_t words = 0;
		for (const char *p = v; *p;) {
			if (*p == ' ') {
				p++;
				continue;
			}
			size_t n = strcspn(p, " ");
			if (twiml_list_find(values, p, n) == 0)
				return false;
			words++;
			p += n;
		}
		return type == 'e' ? words == 1 && strchr(v, ' ') == NULL : words >= 1;
	}
	default:
		return true;
	}
}

/* ---- cleaning text for XML ---- */

/* A malloc'd copy of s that XML can carry: control characters other than tab,
 * CR and LF become spaces; each byte of invalid UTF-8, and U+FFFE and U+FFFF
 * (no XML characters), become U+FFFD. NULL on ENOMEM. */
static char *twiml_clean(const char *s)
{
	size_t len = strlen(s);
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	char *out = malloc(len * 3 + 1), *o = out;
	if (out == NULL)
		return NULL;
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (*p) {
		size_t n = utf8_seq_len(p, (size_t)(end - p));
		if (n == 0 || (n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe)) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			p += n ? n : 1;
		} else if (n == 1 && *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
			*o++ = ' ';
			p++;
		} else {
			memcpy(o, p, n);
			o += n;
			p += n;
		}
	}
	*o = '\0';
	return out;
}

/* ---- building ---- */

struct twiml *twiml_new(void)
{
	struct twiml *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->decl = mxmlNewElement(MXML_NO_PARENT, "?xml version=\"1.0\" encoding=\"UTF-8\"?");
	if (t->decl == NULL)
		goto fail;
	t->root.doc = t;
	t->root.spec = twiml_spec_find("Response");
	t->root.node = mxmlNewElement(t->decl, "Response");
	if (t->root.node == NULL)
		goto fail;
	return t;
fail:
	if (t->decl != NULL)
		mxmlDelete(t->decl);
	free(t);
	return NULL;
}

void twiml_free(struct twiml *t)
{
	if (t == NULL)
		return;
	struct twiml_el *e = t->els;
	while (e != NULL) {
		struct twiml_el *next = e->next;
		free(e);
		e = next;
	}
	mxmlDelete(t->decl);
	free(t);
}

struct twiml_el *twiml_root(struct twiml *t)
{
	return t ? &t->root : NULL;
}

static int twiml_add_text(mxml_node_t *node, const char *text)
{
	char *clean = twiml_clean(text);
	if (clean == NULL)
		return TF_ENOMEM;
	mxml_node_t *n = mxmlNewOpaque(node, clean);
	free(clean);
	return n ? TF_OK : TF_ENOMEM;
}

struct twiml_el *twiml_add(struct twiml_el *parent, const char *name, const char *text)
{
	if (parent == NULL || parent->node == NULL || name == NULL)
		return NULL;
	const struct twiml_spec *s = twiml_spec_find(name);
	if (s == NULL || !twiml_child_ok(parent->spec, name) || (text != NULL && !s->body))
		return NULL;
	struct twiml_el *el = calloc(1, sizeof(*el));
	if (el == NULL)
		return NULL;
	el->node = mxmlNewElement(parent->node, s->name);
	if (el->node == NULL) {
		free(el);
		return NULL;
	}
	if (text != NULL && twiml_add_text(el->node, text) != TF_OK) {
		mxmlDelete(el->node);
		free(el);
		return NULL;
	}
	el->doc = parent->doc;
	el->spec = s;
	el->next = el->doc->els;
	el->doc->els = el;
	return el;
}

int twiml_append_text(struct twiml_el *el, const char *text)
{
	if (el == NULL || el->node == NULL || text == NULL || !el->spec->body)
		return TF_EINVAL;
	return twiml_add_text(el->node, text);
}

int twiml_set(struct twiml_el *el, const char *attr, const char *value)
{
	if (el == NULL || el->node == NULL || attr == NULL || value == NULL)
		return TF_EINVAL;
	char type = twiml_attr_type(el->spec, attr);
	if (type == 0)
		return TF_EINVAL;
	char *clean = twiml_clean(value);
	if (clean == NULL)
		return TF_ENOMEM;
	int err = TF_EINVAL;
	if (twiml_value_ok(el->spec->name, attr, type, clean)) {
		mxmlElementSetAttr(el->node, attr, clean);
		/* mxml reports no allocation failure here: look whether it took. */
		const char *now = mxmlElementGetAttr(el->node, attr);
		err = now != NULL && strcmp(now, clean) == 0 ? TF_OK : TF_ENOMEM;
	}
	free(clean);
	return err;
}

int twiml_set_int(struct twiml_el *el, const char *attr, long value)
{
	char num[32];
	snprintf(num, sizeof(num), "%ld", value);
	return twiml_set(el, attr, num);
}

/* A line break after the declaration and at the end of the document. */
static const char *twiml_ws(mxml_node_t *node, int where)
{
	const char *name = mxmlGetElement(node);
	if (name == NULL)
		return NULL;
	if (where == MXML_WS_AFTER_OPEN && name[0] == '?')
		return "\n";
	if (where == MXML_WS_AFTER_CLOSE && strcmp(name, "Response") == 0)
		return "\n";
	return NULL;
}

int twiml_render(const struct twiml *t, char **out, size_t *len)
{
	*out = NULL;
	if (len != NULL)
		*len = 0;
	if (t == NULL)
		return TF_EINVAL;
	mxmlSetWrapMargin(0);
	char *s = mxmlSaveAllocString(t->decl, twiml_ws);
	if (s == NULL)
		return TF_ENOMEM;
	*out = s;
	if (len != NULL)
		*len = strlen(s);
	return TF_OK;
}

/* ---- Messaging ---- */

struct twiml *twiml_message(const char *text)
{
	struct twiml *t = twiml_new();
	if (t == NULL || text == NULL)
		goto fail;
	/* Not through twiml_add: the element table is TwiML Voice's. */
	mxml_node_t *m = mxmlNewElement(t->root.node, "Message");
	if (m == NULL || twiml_add_text(m, text) != TF_OK)
		goto fail;
	return t;
fail:
	twiml_free(t);
	return NULL;
}

/* ---- shorthands ---- */

/* Takes a freshly added element out again after a later step failed. */
static struct twiml_el *twiml_undo(struct twiml_el *el)
{
	if (el != NULL && el->node != NULL) {
		mxmlDelete(el->node);
		el->node = NULL;
	}
	return NULL;
}

static int twiml_set_opt(struct twiml_el *el, const char *attr, const char *value)
{
	return value != NULL ? twiml_set(el, attr, value) : TF_OK;
}

struct twiml_el *twiml_say(struct twiml_el *parent, const char *text, const char *voice,
			   const char *language)
{
	if (text == NULL)
		return NULL;
	struct twiml_el *el = twiml_add(parent, "Say", text);
	if (el == NULL)
		return NULL;
	if (twiml_set_opt(el, "voice", voice) || twiml_set_opt(el, "language", language))
		return twiml_undo(el);
	return el;
}

struct twiml_el *twiml_gather(struct twiml_el *parent, const char *action_url,
			      const char *language, const char *hints)
{
	struct twiml_el *el = twiml_add(parent, "Gather", NULL);
	if (el == NULL)
		return NULL;
	if (twiml_set(el, "input", "speech dtmf") || twiml_set_opt(el, "action", action_url) ||
	    twiml_set(el, "method", "POST") || twiml_set_opt(el, "language", language) ||
	    twiml_set(el, "speechTimeout", "auto") ||
	    twiml_set(el, "actionOnEmptyResult", "true") || twiml_set_opt(el, "hints", hints))
		return twiml_undo(el);
	return el;
}

struct twiml_el *twiml_dial(struct twiml_el *parent, const char *number, const char *action_url,
			    const char *caller_id, int timeout_s)
{
	if (number == NULL || timeout_s < 0)
		return NULL;
	struct twiml_el *el = twiml_add(parent, "Dial", NULL);
	if (el == NULL)
		return NULL;
	if (twiml_set_opt(el, "action", action_url) ||
	    (action_url != NULL && twiml_set(el, "method", "POST")) ||
	    twiml_set_opt(el, "callerId", caller_id) ||
	    (timeout_s > 0 && twiml_set_int(el, "timeout", timeout_s)) ||
	    twiml_add(el, "Number", number) == NULL)
		return twiml_undo(el);
	return el;
}

struct twiml_el *twiml_redirect(struct twiml_el *parent, const char *url)
{
	if (url == NULL)
		return NULL;
	struct twiml_el *el = twiml_add(parent, "Redirect", url);
	if (el != NULL && twiml_set(el, "method", "POST"))
		return twiml_undo(el);
	return el;
}

struct twiml_el *twiml_hangup(struct twiml_el *parent)
{
	return twiml_add(parent, "Hangup", NULL);
}

struct twiml_el *twiml_pause(struct twiml_el *parent, int seconds)
{
	if (seconds < 0)
		return NULL;
	struct twiml_el *el = twiml_add(parent, "Pause", NULL);
	if (el != NULL && twiml_set_int(el, "length", seconds))
		return twiml_undo(el);
	return el;
}

struct twiml_el *twiml_play(struct twiml_el *parent, const char *url, int loop)
{
	if (url == NULL)
		return NULL;
	struct twiml_el *el = twiml_add(parent, "Play", url);
	if (el != NULL && loop >= 0 && twiml_set_int(el, "loop", loop))
		return twiml_undo(el);
	return el;
}

struct twiml_el *twiml_enqueue(struct twiml_el *parent, const char *queue_name,
			       const char *wait_url)
{
	if (queue_name == NULL)
		return NULL;
	struct twiml_el *el = twiml_add(parent, "Enqueue", queue_name);
	if (el != NULL && wait_url != NULL &&
	    (twiml_set(el, "waitUrl", wait_url) || twiml_set(el, "waitUrlMethod", "POST")))
		return twiml_undo(el);
	return el;
}

struct twiml_el *twiml_record(struct twiml_el *parent, const char *action_url, int max_length_s)
{
	struct twiml_el *el = twiml_add(parent, "Record", NULL);
	if (el == NULL)
		return NULL;
	if (twiml_set_opt(el, "action", action_url) || twiml_set(el, "method", "POST") ||
	    (max_length_s > 0 && twiml_set_int(el, "maxLength", max_length_s)))
		return twiml_undo(el);
	return el;
}

struct twiml_el *twiml_leave(struct twiml_el *parent)
{
	return twiml_add(parent, "Leave", NULL);
}

/* ---- reading ---- */

struct twiml_sax {
	int depth, max_depth;
	bool bad;
};

static bool twiml_blank(const char *s)
{
	for (; s != NULL && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Keeps every node (mxml drops what a SAX callback does not retain) and
 * watches what mxml lets through: unclosed elements at the end, text outside
 * the root, nesting depth. */
static void twiml_sax_cb(mxml_node_t *node, mxml_sax_event_t ev, void *data)
{
	struct twiml_sax *st = data;
	switch (ev) {
	case MXML_SAX_ELEMENT_OPEN:
		if (++st->depth > st->max_depth)
			st->max_depth = st->depth;
		mxmlRetain(node);
		break;
	case MXML_SAX_ELEMENT_CLOSE:
		st->depth--;
		break;
	case MXML_SAX_DATA:
		if (st->depth == 0 && !twiml_blank(mxmlGetOpaque(node)))
			st->bad = true;
		mxmlRetain(node);
		break;
	case MXML_SAX_CDATA:
		if (st->depth == 0)
			st->bad = true;
		mxmlRetain(node);
		break;
	case MXML_SAX_COMMENT:
	case MXML_SAX_DIRECTIVE:
		mxmlRetain(node);
		break;
	}
}

static void twiml_quiet(const char *msg)
{
	(void)msg;
}

/* Comments, declarations and CDATA sections come out of mxml as elements
 * whose names start with '!' or '?'. */
static bool twiml_is_markup(mxml_node_t *n)
{
	const char *name = mxmlGetElement(n);
	return name == NULL || name[0] == '!' || name[0] == '?';
}

static const char *twiml_cdata(mxml_node_t *n)
{
	const char *name = mxmlGetElement(n);
	return name != NULL && strncmp(name, "![CDATA[", 8) == 0 ? name + 8 : NULL;
}

/* Appends s to b with blank runs as one space (a leading blank only when b
 * already has text); *space carries a pending blank across pieces. */
static int twiml_text_put(struct buf *b, const char *s, bool *space)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			*space = true;
			continue;
		}
		if (*space && b->len > 0) {
			int err = buf_putc(b, ' ');
			if (err)
				return err;
		}
		*space = false;
		int err = buf_putc(b, *s);
		if (err)
			return err;
	}
	return TF_OK;
}

static int twiml_text_of(struct arena *a, mxml_node_t *el, const char **out)
{
	struct buf b;
	buf_init(&b, TF_MAX_RESPONSE);
	bool space = false;
	int err = TF_OK;
	for (mxml_node_t *n = mxmlWalkNext(el, el, MXML_DESCEND); n != NULL && !err;
	     n = mxmlWalkNext(n, el, MXML_DESCEND)) {
		const char *piece = NULL;
		if (mxmlGetType(n) == MXML_OPAQUE)
			piece = mxmlGetOpaque(n);
		else if (mxmlGetType(n) == MXML_ELEMENT)
			piece = twiml_cdata(n);
		if (piece != NULL)
			err = twiml_text_put(&b, piece, &space);
	}
	if (!err) {
		char *s = arena_strndup(a, b.data ? b.data : "", b.len);
		if (s == NULL)
			err = TF_ENOMEM;
		*out = s;
	}
	buf_free(&b);
	return err;
}

static int twiml_convert(struct arena *a, mxml_node_t *el, struct twiml_node *out, int depth)
{
	if (depth > TWIML_MAX_DEPTH)
		return TF_EINVAL;
	const char *name = mxmlGetElement(el);
	out->name = arena_strdup(a, name);
	if (out->name == NULL)
		return TF_ENOMEM;

	const struct twiml_spec *s = twiml_spec_find(name);
	if (s != NULL && !s->body) {
		out->text = "";
	} else {
		int err = twiml_text_of(a, el, &out->text);
		if (err)
			return err;
	}

	int na = mxmlElementGetAttrCount(el);
	if (na > 0) {
		out->attr_names = arena_alloc(a, (size_t)na * sizeof(char *));
		out->attr_values = arena_alloc(a, (size_t)na * sizeof(char *));
		if (out->attr_names == NULL || out->attr_values == NULL)
			return TF_ENOMEM;
		for (int i = 0; i < na; i++) {
			const char *an = NULL;
			const char *av = mxmlElementGetAttrByIndex(el, i, &an);
			out->attr_names[i] = arena_strdup(a, an ? an : "");
			out->attr_values[i] = arena_strdup(a, av ? av : "");
			if (out->attr_names[i] == NULL || out->attr_values[i] == NULL)
				return TF_ENOMEM;
		}
		out->nattrs = (size_t)na;
	}

	size_t nc = 0;
	for (mxml_node_t *c = mxmlGetFirstChild(el); c != NULL; c = mxmlGetNextSibling(c))
		if (mxmlGetType(c) == MXML_ELEMENT && !twiml_is_markup(c))
			nc++;
	if (nc > 0) {
		out->children = arena_alloc(a, nc * sizeof(*out->children));
		if (out->children == NULL)
			return TF_ENOMEM;
		size_t i = 0;
		for (mxml_node_t *c = mxmlGetFirstChild(el); c != NULL; c = mxmlGetNextSibling(c)) {
			if (mxmlGetType(c) != MXML_ELEMENT || twiml_is_markup(c))
				continue;
			int err = twiml_convert(a, c, &out->children[i++], depth + 1);
			if (err)
				return err;
		}
		out->nchildren = nc;
	}
	return TF_OK;
}

/* The one real element under the wrapper node (comments, declarations and
 * blank text around it are fine); NULL when there is none or more than one. */
static mxml_node_t *twiml_top(mxml_node_t *wrapper)
{
	mxml_node_t *found = NULL;
	for (mxml_node_t *c = mxmlGetFirstChild(wrapper); c != NULL; c = mxmlGetNextSibling(c)) {
		if (mxmlGetType(c) != MXML_ELEMENT || twiml_is_markup(c))
			continue;
		if (found != NULL)
			return NULL;
		found = c;
	}
	return found;
}

int twiml_parse(struct arena *a, const char *xml, size_t len, struct twiml_node **root)
{
	*root = NULL;
	if (xml == NULL)
		return TF_EINVAL;
	if (len > TF_MAX_RESPONSE)
		return TF_ELIMIT;
	if (memchr(xml, '\0', len) != NULL)
		return TF_EINVAL;
	/* mxml stops reading when the root closes and ignores text after it. */
	size_t end = len;
	while (end > 0 && (xml[end - 1] == ' ' || xml[end - 1] == '\t' || xml[end - 1] == '\n' ||
			   xml[end - 1] == '\r'))
		end--;
	if (end == 0 || xml[end - 1] != '>')
		return TF_EINVAL;
	char *copy = malloc(len + 1);
	if (copy == NULL)
		return TF_ENOMEM;
	memcpy(copy, xml, len);
	copy[len] = '\0';

	/* Everything is read under a wrapper node: mxml 3 leaks a root element
	 * whose attributes fail to parse when it has no parent, and with one it
	 * also reports a missing close tag of the root. */
	mxml_node_t *wrapper = mxmlNewElement(MXML_NO_PARENT, "!wrapper");
	if (wrapper == NULL) {
		free(copy);
		return TF_ENOMEM;
	}
	struct twiml_sax st = { 0, 0, false };
	mxmlSetErrorCallback(twiml_quiet);
	mxml_node_t *tree = mxmlSAXLoadString(wrapper, copy, MXML_OPAQUE_CALLBACK, twiml_sax_cb, &st);
	free(copy);
	int err = TF_EINVAL;
	if (tree == NULL || st.bad || st.depth != 0 || st.max_depth > TWIML_MAX_DEPTH)
		goto out;
	mxml_node_t *top = twiml_top(wrapper);
	if (top == NULL || strcmp(mxmlGetElement(top), "Response") != 0)
		goto out;
	struct twiml_node *r = arena_alloc(a, sizeof(*r));
	if (r == NULL) {
		err = TF_ENOMEM;
		goto out;
	}
	err = twiml_convert(a, top, r, 1);
	if (!err)
		*root = r;
out:
	mxmlDelete(wrapper);
	return err;
}

const char *twiml_node_attr(const struct twiml_node *n, const char *name)
{
	for (size_t i = 0; n != NULL && i < n->nattrs; i++)
		if (strcmp(n->attr_names[i], name) == 0)
			return n->attr_values[i];
	return NULL;
}

const struct twiml_node *twiml_node_child(const struct twiml_node *n, const char *name)
{
	for (size_t i = 0; n != NULL && i < n->nchildren; i++)
		if (strcmp(n->children[i].name, name) == 0)
			return &n->children[i];
	return NULL;
}
