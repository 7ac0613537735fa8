/* b64.h: base64 (RFC 4648 section 4, padded) and base64url (section 5, unpadded) encoding and strict decoding. */
#ifndef TERMINFON_B64_H
#define TERMINFON_B64_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* Length of the encoding of n bytes, without the terminating NUL. */
size_t b64_encoded_len(size_t n, bool url);
/* Upper bound of the bytes that decoding n characters yields. */
size_t b64_decoded_max(size_t n);

/* Append the padded base64 / unpadded base64url text of in[0..n) to out.
 * Fails with the buf's TF_ELIMIT or TF_ENOMEM; out keeps its earlier content then. */
int b64_encode(const void *in, size_t n, struct buf *out);
int b64url_encode(const void *in, size_t n, struct buf *out);

/* Append the bytes that in[0..n) encodes to out. Strict: TF_EINVAL on any
 * character outside the alphabet (whitespace included), on a length that no
 * encoding has, on misplaced padding and on non-zero trailing bits, so that
 * every byte string has exactly one accepted text. b64_decode accepts the
 * text with or without its '=' padding; b64url_decode rejects padding.
 * On failure out keeps its earlier content. */
int b64_decode(const char *in, size_t n, struct buf *out);
int b64url_decode(const char *in, size_t n, struct buf *out);

/* The same into a caller buffer of cap bytes: *outlen gets the byte count.
 * TF_ELIMIT when cap is too small; b64_encode_mem also writes a NUL, so it
 * needs b64_encoded_len(n, url) + 1 bytes. After a failure the content of
 * out is unspecified. */
int b64_encode_mem(const void *in, size_t n, bool url, char *out, size_t cap, size_t *outlen);
int b64_decode_mem(const char *in, size_t n, bool url, void *out, size_t cap, size_t *outlen);

#endif
