/* b64.c: base64 and base64url on top of OpenSSL's EVP_EncodeBlock/EVP_DecodeBlock, with strict input checks. */
#include "b64.h"
#include "buf.h"
#include "err.h"

#include <openssl/evp.h>
#include <string.h>

/* Work in chunks so that EVP's int lengths never overflow. Multiples of 3 and 4. */
#define B64_RAW_CHUNK 192
#define B64_TXT_CHUNK 256

/* Where decoded or encoded bytes go: a struct buf, or caller memory. */
struct b64_sink {
	struct buf *b;
	size_t b_start;
	unsigned char *mem;
	size_t cap, len;
};

static int b64_sink_put(struct b64_sink *s, const void *p, size_t n)
{
	if (s->b)
		return buf_append(s->b, p, n);
	if (n > s->cap - s->len)
		return TF_ELIMIT;
	memcpy(s->mem + s->len, p, n);
	s->len += n;
	return TF_OK;
}

/* Undo a partial write so that a failure leaves the output as it was. */
static void b64_sink_rollback(struct b64_sink *s)
{
	if (s->b && s->b->data) {
		s->b->len = s->b_start;
		s->b->data[s->b_start] = '\0';
	}
}

size_t b64_encoded_len(size_t n, bool url)
{
	size_t full = n / 3 * 4;
	size_t rem = n % 3;
	if (rem == 0)
		return full;
	return full + (url ? rem + 1 : 4);
}

size_t b64_decoded_max(size_t n)
{
	return n / 4 * 3 + 3;
}

static int b64_encode_sink(const unsigned char *in, size_t n, bool url, struct b64_sink *s)
{
	unsigned char txt[B64_TXT_CHUNK + 1];
	while (n > 0) {
		size_t take = n < B64_RAW_CHUNK ? n : B64_RAW_CHUNK;
		int w = EVP_EncodeBlock(txt, in, (int)take);
		if (w < 0)
			return TF_EINTERNAL;
		size_t len = (size_t)w;
		if (url) {
			for (size_t i = 0; i < len; i++) {
				if (txt[i] == '+')
					txt[i] = '-';
				else if (txt[i] == '/')
					txt[i] = '_';
			}
			while (len > 0 && txt[len - 1] == '=')
				len--;
		}
		int err = b64_sink_put(s, txt, len);
		if (err)
			return err;
		in += take;
		n -= take;
	}
	return TF_OK;
}

/* The 6-bit value of c in the chosen alphabet, or -1. */
static int b64_value(unsigned char c, bool url)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == (url ? '-' : '+'))
		return 62;
	if (c == (url ? '_' : '/'))
		return 63;
	return -1;
}

static int b64_decode_sink(const char *in, size_t n, bool url, struct b64_sink *s)
{
	size_t pad = 0;
	if (!url) {
		while (pad < 2 && n > 0 && in[n - 1] == '=') {
			n--;
			pad++;
		}
	}
	size_t rem = n % 4;
	if (rem == 1)
		return TF_EINVAL;
	if (pad > 0 && (rem == 0 || pad != 4 - rem))
		return TF_EINVAL;
	for (size_t i = 0; i < n; i++) {
		if (b64_value((unsigned char)in[i], url) < 0)
			return TF_EINVAL;
	}
	/* Bits past the last whole byte must be zero, or two texts would decode the same. */
	if (rem == 2 && (b64_value((unsigned char)in[n - 1], url) & 0x0f) != 0)
		return TF_EINVAL;
	if (rem == 3 && (b64_value((unsigned char)in[n - 1], url) & 0x03) != 0)
		return TF_EINVAL;

	unsigned char txt[B64_TXT_CHUNK];
	unsigned char raw[B64_TXT_CHUNK / 4 * 3];
	while (n > 0) {
		size_t take = n < B64_TXT_CHUNK ? n : B64_TXT_CHUNK;
		memcpy(txt, in, take);
		if (url) {
			for (size_t i = 0; i < take; i++) {
				if (txt[i] == '-')
					txt[i] = '+';
				else if (txt[i] == '_')
					txt[i] = '/';
			}
		}
		size_t fill = (4 - take % 4) % 4;  /* only the last chunk can be partial */
		for (size_t i = 0; i < fill; i++)
			txt[take + i] = '=';
		int w = EVP_DecodeBlock(raw, txt, (int)(take + fill));
		if (w < 0 || (size_t)w < fill)
			return TF_EINVAL;
		int err = b64_sink_put(s, raw, (size_t)w - fill);
		if (err)
			return err;
		in += take;
		n -= take;
	}
	return TF_OK;
}

static int b64_to_buf(const void *in, size_t n, bool url, bool enc, struct buf *out)
{
	struct b64_sink s = { .b = out, .b_start = out->len };
	int err = enc ? b64_encode_sink(in, n, url, &s) : b64_decode_sink(in, n, url, &s);
	if (err)
		b64_sink_rollback(&s);
	return err;
}

int b64_encode(const void *in, size_t n, struct buf *out)
{
	return b64_to_buf(in, n, false, true, out);
}

int b64url_encode(const void *in, size_t n, struct buf *out)
{
	return b64_to_buf(in, n, true, true, out);
}

int b64_decode(const char *in, size_t n, struct buf *out)
{
	return b64_to_buf(in, n, false, false, out);
}

int b64url_decode(const char *in, size_t n, struct buf *out)
{
	return b64_to_buf(in, n, true, false, out);
}

int b64_encode_mem(const void *in, size_t n, bool url, char *out, size_t cap, size_t *outlen)
{
	if (cap == 0 || b64_encoded_len(n, url) > cap - 1)
		return TF_ELIMIT;
	struct b64_sink s = { .mem = (unsigned char *)out, .cap = cap - 1 };
	int err = b64_encode_sink(in, n, url, &s);
	if (err)
		return err;
	out[s.len] = '\0';
	if (outlen)
		*outlen = s.len;
	return TF_OK;
}

int b64_decode_mem(const char *in, size_t n, bool url, void *out, size_t cap, size_t *outlen)
{
	struct b64_sink s = { .mem = out, .cap = cap };
	int err = b64_decode_sink(in, n, url, &s);
	if (err)
		return err;
	if (outlen)
		*outlen = s.len;
	return TF_OK;
}
