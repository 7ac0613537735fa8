/* twiml.h: building TwiML Voice documents (escaping and nesting checked here) and reading them back. */
#ifndef TERMINFON_TWIML_H
#define TERMINFON_TWIML_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct twiml;     /* a document: <?xml ...?><Response>...</Response> */
struct twiml_el;  /* an element of a document; owned by the document */

/* A new document holding an empty <Response>; NULL when out of memory.
 * Release it with twiml_free, which also releases every element of it. */
struct twiml *twiml_new(void);
void twiml_free(struct twiml *t);

/* The <Response> element; NULL when t is NULL. */
struct twiml_el *twiml_root(struct twiml *t);

/* Appends a child element `name` to parent, with text content when text is
 * not NULL. Returns NULL when name may not stand under parent (TwiML Voice
 * nesting: Gather holds only Say, Play and Pause, ...), when the element
 * takes no text but text was given, when parent is NULL, or on ENOMEM.
 * Text is copied. Escaping is the builder's job: pass plain text. Control
 * characters other than tab and line breaks become spaces and invalid UTF-8
 * sequences become U+FFFD, so that the document stays well-formed. */
struct twiml_el *twiml_add(struct twiml_el *parent, const char *name, const char *text);

/* Appends more text after the existing content of an element that takes text
 * (Say around SSML children). TF_EINVAL for an element without text content
 * or a NULL argument, TF_ENOMEM. Same cleaning as twiml_add. */
int twiml_append_text(struct twiml_el *el, const char *text);

/* Sets (or replaces) an attribute. TF_EINVAL when the element has no such
 * attribute, when the value does not fit its type (integer, true/false, or
 * one of the listed words for an enumerated attribute, space-separated words
 * for a list), or for a NULL argument; TF_ENOMEM. The value is copied and
 * cleaned like text. */
int twiml_set(struct twiml_el *el, const char *attr, const char *value);
int twiml_set_int(struct twiml_el *el, const char *attr, long value);

/* The document as UTF-8 text starting with
 * <?xml version="1.0" encoding="UTF-8"?> and a line break, ending with a line
 * break. *out is malloc'd and NUL-terminated; the caller frees it. *len (when
 * len is not NULL) gets its length. TF_EINVAL for a NULL document, TF_ENOMEM. */
int twiml_render(const struct twiml *t, char **out, size_t *len);

/* A Messaging TwiML answer to an incoming SMS:
 * <Response><Message>text</Message></Response>; NULL when out of memory or
 * text is NULL. Release with twiml_free. */
struct twiml *twiml_message(const char *text);

/* Shorthands: each appends one verb to parent and returns it, or NULL on any
 * failure (then nothing was appended). Nullable arguments are left out when
 * NULL. */
struct twiml_el *twiml_say(struct twiml_el *parent, const char *text, const char *voice,
			   const char *language);
/* input="speech dtmf" method="POST" speechTimeout="auto"
 * actionOnEmptyResult="true" action=action_url language=language hints=hints */
struct twiml_el *twiml_gather(struct twiml_el *parent, const char *action_url,
			      const char *language, const char *hints);
/* <Dial action callerId timeout><Number>number</Number></Dial>; timeout_s 0 = Twilio's default. */
struct twiml_el *twiml_dial(struct twiml_el *parent, const char *number, const char *action_url,
			    const char *caller_id, int timeout_s);
struct twiml_el *twiml_redirect(struct twiml_el *parent, const char *url);  /* method="POST" */
struct twiml_el *twiml_hangup(struct twiml_el *parent);
struct twiml_el *twiml_pause(struct twiml_el *parent, int seconds);
/* loop < 0 leaves the attribute out (Twilio plays once); 0 loops until the call moves on. */
struct twiml_el *twiml_play(struct twiml_el *parent, const char *url, int loop);
struct twiml_el *twiml_enqueue(struct twiml_el *parent, const char *queue_name,
			       const char *wait_url);
/* method="POST"; max_length_s <= 0 leaves maxLength out. */
struct twiml_el *twiml_record(struct twiml_el *parent, const char *action_url, int max_length_s);
struct twiml_el *twiml_leave(struct twiml_el *parent);

/* The table the builder checks against: whether `attr` is an attribute of
 * `element`, and whether `child` may stand directly in `parent`. */
bool twiml_known_attr(const char *element, const char *attr);
bool twiml_allowed_child(const char *parent, const char *child);

/* A static, valid German apology document (Say, then Hangup) for when the
 * real answer cannot be built; byte-identical to nginx/fallback.xml. */
const char *twiml_fallback_xml(void);

/* ---- reading ---- */

struct twiml_node {
	const char *name;
	/* Character content of the element and of its descendants in document
	 * order, blanks collapsed to one space and trimmed; "" for elements that
	 * take no text (Response, Gather, Pause, ...). Never NULL. */
	const char *text;
	size_t nattrs;
	const char **attr_names;
	const char **attr_values;
	struct twiml_node *children;  /* element children; comments and declarations are skipped */
	size_t nchildren;
};

/* Parses a TwiML document of len bytes (no NUL needed) into a tree in the
 * arena; *root is the <Response> element. TF_EINVAL on malformed XML
 * (mismatched or missing close tags, bad entities, text outside the root,
 * nesting deeper than 32), a NUL byte or a root other than Response;
 * TF_ELIMIT past TF_MAX_RESPONSE bytes; TF_ENOMEM. Parsing is as lax as mxml
 * about the rest (it checks no names or nesting: use xmllint with the schema
 * for that). */
int twiml_parse(struct arena *a, const char *xml, size_t len, struct twiml_node **root);

/* The value of attribute `name`, or NULL. */
const char *twiml_node_attr(const struct twiml_node *n, const char *name);

/* The first child element called `name`, or NULL. */
const struct twiml_node *twiml_node_child(const struct twiml_node *n, const char *name);

#endif
