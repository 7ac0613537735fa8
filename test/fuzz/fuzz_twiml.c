/* fuzz_twiml.c: fuzz target for lib/twilio/twiml: whatever parses rebuilds through the builder into a document that parses again. */
#include "arena.h"
#include "err.h"
#include "tf_limits.h"
#include "twiml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void rebuild(struct twiml_el *parent, const struct twiml_node *n)
{
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct twiml_node *c = &n->children[i];
		struct twiml_el *el = twiml_add(parent, c->name, NULL);
		if (el == NULL)
			el = twiml_add(parent, c->name, c->text);
		if (el == NULL)
			continue;
		for (size_t k = 0; k < c->nattrs; k++)
			(void)twiml_set(el, c->attr_names[k], c->attr_values[k]);
		if (c->text[0] != '\0')
			(void)twiml_append_text(el, c->text);
		rebuild(el, c);
	}
}

static void reparse(struct arena *a, struct twiml *t)
{
	char *out = NULL;
	size_t len = 0;
	if (twiml_render(t, &out, &len) != TF_OK)
		abort();
	struct twiml_node *again;
	if (twiml_parse(a, out, len, &again) != TF_OK)
		abort();
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64 * 1024 * 1024);
	struct twiml_node *root = NULL;
	int err = twiml_parse(&a, (const char *)data, size, &root);
	if (err == TF_OK) {
		if (root == NULL || strcmp(root->name, "Response") != 0)
			abort();
		struct twiml *t = twiml_new();
		if (t != NULL) {
			rebuild(twiml_root(t), root);
			reparse(&a, t);
			twiml_free(t);
		}
	} else if (root != NULL) {
		abort();
	}

	/* The input as text and attribute values: escaping and cleaning must
	 * always give a well-formed document. */
	char *text = size <= TF_MAX_PARAM_VALUE ? arena_strndup(&a, (const char *)data, size) : NULL;
	if (text != NULL) {
		struct twiml *t = twiml_new();
		if (t != NULL) {
			struct twiml_el *g = twiml_gather(twiml_root(t), text, "de-DE", text);
			if (g == NULL || twiml_say(g, text, text, NULL) == NULL ||
			    twiml_redirect(twiml_root(t), text) == NULL)
				abort();
			reparse(&a, t);
			twiml_free(t);
		}
	}
	arena_free(&a);
	return 0;
}
