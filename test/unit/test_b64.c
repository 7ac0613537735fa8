/* test_b64.c: unit tests of lib/core/b64 (RFC 4648 vectors, strict decoding, caller buffers). */
#include "b64.h"
#include "buf.h"
#include "err.h"
#include "t.h"

#include <stdbool.h>

struct b64_row {
	const char *raw, *std, *url;
};

/* RFC 4648 section 10, plus bytes that differ between the two alphabets. */
static const struct b64_row rows[] = {
	{ "", "", "" },
	{ "f", "Zg==", "Zg" },
	{ "fo", "Zm8=", "Zm8" },
	{ "foo", "Zm9v", "Zm9v" },
	{ "foob", "Zm9vYg==", "Zm9vYg" },
	{ "fooba", "Zm9vYmE=", "Zm9vYmE" },
	{ "foobar", "Zm9vYmFy", "Zm9vYmFy" },
	{ "\xfb\xff\xbf", "+/+/", "-_-_" },
	{ "\xff\xfe", "//4=", "__4" },
};

static void test_vectors(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct b64_row *r = &rows[i];
		size_t n = strlen(r->raw);
		struct buf b;
		buf_init(&b, 1024);
		T_EQ_INT(b64_encode(r->raw, n, &b), TF_OK);
		T_EQ_STR(b.data ? b.data : "", r->std);
		T_EQ_INT(b64_encoded_len(n, false), strlen(r->std));
		buf_reset(&b);
		T_EQ_INT(b64url_encode(r->raw, n, &b), TF_OK);
		T_EQ_STR(b.data ? b.data : "", r->url);
		T_EQ_INT(b64_encoded_len(n, true), strlen(r->url));
		buf_reset(&b);
		T_EQ_INT(b64_decode(r->std, strlen(r->std), &b), TF_OK);
		T_EQ_INT(b.len, n);
		T_OK(n == 0 || memcmp(b.data, r->raw, n) == 0);
		buf_reset(&b);
		T_EQ_INT(b64url_decode(r->url, strlen(r->url), &b), TF_OK);
		T_EQ_INT(b.len, n);
		T_OK(n == 0 || memcmp(b.data, r->raw, n) == 0);
		buf_free(&b);
	}
}

static void test_long_round_trip(void)
{
	unsigned char raw[1000];
	for (size_t i = 0; i < sizeof(raw); i++)
		raw[i] = (unsigned char)(i * 7 + 3);
	for (int url = 0; url < 2; url++) {
		struct buf t, r;
		buf_init(&t, 4096);
		buf_init(&r, 4096);
		T_EQ_INT(url ? b64url_encode(raw, sizeof(raw), &t) : b64_encode(raw, sizeof(raw), &t), TF_OK);
		T_EQ_INT(t.len, b64_encoded_len(sizeof(raw), url));
		T_EQ_INT(url ? b64url_decode(t.data, t.len, &r) : b64_decode(t.data, t.len, &r), TF_OK);
		T_EQ_INT(r.len, sizeof(raw));
		T_OK(memcmp(r.data, raw, sizeof(raw)) == 0);
		buf_free(&t);
		buf_free(&r);
	}
}

static void test_unpadded_std_accepted(void)
{
	struct buf b;
	buf_init(&b, 64);
	T_EQ_INT(b64_decode("Zm9vYg", 6, &b), TF_OK);
	T_EQ_STR(b.data, "foob");
	buf_free(&b);
}

static void test_rejects(void)
{
	static const char *bad_std[] = {
		"Zm9v!", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "Zg=", "Zg===", "Z===", "Zm9v=",
		"Zm=v", "=Zg", "Zh==", "Zm9=", "-_-_", "Zg==Zg==",
	};
	static const char *bad_url[] = {
		"Zg==", "Zg=", "+/+/", "Zm9v!", "Z", "Zh", "Zm9", " Zg", "Zg\t",
	};
	for (size_t i = 0; i < sizeof(bad_std) / sizeof(bad_std[0]); i++) {
		struct buf b;
		buf_init(&b, 64);
		buf_puts(&b, "keep");
		int err = b64_decode(bad_std[i], strlen(bad_std[i]), &b);
		if (err != TF_EINVAL)
			fprintf(stderr, "std accepted: \"%s\"\n", bad_std[i]);
		T_EQ_INT(err, TF_EINVAL);
		T_EQ_STR(b.data, "keep");
		buf_free(&b);
	}
	for (size_t i = 0; i < sizeof(bad_url) / sizeof(bad_url[0]); i++) {
		struct buf b;
		buf_init(&b, 64);
		int err = b64url_decode(bad_url[i], strlen(bad_url[i]), &b);
		if (err != TF_EINVAL)
			fprintf(stderr, "url accepted: \"%s\"\n", bad_url[i]);
		T_EQ_INT(err, TF_EINVAL);
		buf_free(&b);
	}
	/* A NUL inside the counted text is a bad character, not an end. */
	struct buf b;
	buf_init(&b, 64);
	T_EQ_INT(b64url_decode("Zm\0v", 4, &b), TF_EINVAL);
	buf_free(&b);
}

static void test_limits(void)
{
	struct buf b;
	buf_init(&b, 5);
	T_EQ_INT(b64_encode("foobar", 6, &b), TF_ELIMIT);
	T_EQ_INT(b.len, 0);
	T_EQ_INT(b64_decode("Zm9vYmFy", 8, &b), TF_ELIMIT);
	T_EQ_INT(b.len, 0);
	buf_free(&b);
}

static void test_mem(void)
{
	char txt[16];
	unsigned char raw[8];
	size_t n = 0;
	T_EQ_INT(b64_encode_mem("foob", 4, false, txt, sizeof(txt), &n), TF_OK);
	T_EQ_STR(txt, "Zm9vYg==");
	T_EQ_INT(n, 8);
	T_EQ_INT(b64_encode_mem("foob", 4, true, txt, sizeof(txt), &n), TF_OK);
	T_EQ_STR(txt, "Zm9vYg");
	T_EQ_INT(b64_encode_mem("foob", 4, false, txt, 8, &n), TF_ELIMIT);  /* no room for the NUL */
	T_EQ_INT(b64_encode_mem("foob", 4, false, txt, 9, &n), TF_OK);
	T_EQ_INT(b64_decode_mem("Zm9vYmFy", 8, false, raw, sizeof(raw), &n), TF_OK);
	T_EQ_INT(n, 6);
	T_OK(memcmp(raw, "foobar", 6) == 0);
	T_EQ_INT(b64_decode_mem("Zm9vYmFy", 8, false, raw, 5, &n), TF_ELIMIT);
	T_EQ_INT(b64_decode_mem("Zm9vYg", 6, true, raw, 4, &n), TF_OK);
	T_EQ_INT(n, 4);
	T_EQ_INT(b64_decode_mem("Zm9v_g", 6, false, raw, sizeof(raw), &n), TF_EINVAL);
	T_OK(b64_decoded_max(8) >= 6);
}

int main(void)
{
	test_vectors();
	test_long_round_trip();
	test_unpadded_std_accepted();
	test_rejects();
	test_limits();
	test_mem();
	return t_done();
}
