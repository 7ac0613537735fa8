/* fuzz_form.c: fuzz target for lib/core/form: any body either fails cleanly or re-encodes to the same fields. */
#include "arena.h"
#include "buf.h"
#include "err.h"
#include "form.h"
#include "tf_limits.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, TF_MAX_REQUEST_ARENA);
	struct form f;
	int err = form_parse(&a, (const char *)data, size, &f);
	if (err != TF_OK) {
		if (f.n != 0 || f.fields != NULL)
			abort();
		goto out;
	}
	if (f.n > TF_MAX_PARAMS)
		abort();

	struct buf b;
	buf_init(&b, size * 3 + 16);
	for (size_t i = 0; i < f.n; i++) {
		if (f.fields[i].name[0] == '\0' || strlen(f.fields[i].name) > TF_MAX_PARAM_NAME ||
		    strlen(f.fields[i].value) != f.fields[i].value_len ||
		    f.fields[i].value_len > TF_MAX_PARAM_VALUE)
			abort();
		if (form_append(&b, f.fields[i].name, f.fields[i].value) != TF_OK)
			abort();
	}
	struct form g;
	if (form_parse(&a, b.data ? b.data : "", b.len, &g) != TF_OK || g.n != f.n)
		abort();
	for (size_t i = 0; i < f.n; i++) {
		if (strcmp(f.fields[i].name, g.fields[i].name) != 0 ||
		    strcmp(f.fields[i].value, g.fields[i].value) != 0)
			abort();
		const char *first = form_get(&f, f.fields[i].name);
		if (first == NULL || form_count(&f, f.fields[i].name) == 0)
			abort();
	}
	buf_free(&b);
out:
	arena_free(&a);
	return 0;
}
