/* crypto.h: personal data at rest (AES-256-GCM sealed values, keyed phone hashes) with key rotation. */
#ifndef TERMINFON_CRYPTO_H
#define TERMINFON_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

#define CRYPTO_MAX_KEYS    8
#define CRYPTO_KEY_BYTES   32
#define CRYPTO_KEY_ID_LEN  4
#define CRYPTO_NONCE_LEN   12
#define CRYPTO_TAG_LEN     16
#define CRYPTO_VERSION     1
/* version | key id | nonce | ciphertext | tag */
#define CRYPTO_OVERHEAD    (1 + CRYPTO_KEY_ID_LEN + CRYPTO_NONCE_LEN + CRYPTO_TAG_LEN)

/* Keys derived from one master key; the master itself is not kept. */
struct crypto_key {
	unsigned char enc[CRYPTO_KEY_BYTES];   /* AES-256-GCM key */
	unsigned char hash[CRYPTO_KEY_BYTES];  /* HMAC-SHA256 key for lookup hashes */
	unsigned char id[CRYPTO_KEY_ID_LEN];   /* names the master key inside each blob */
};

struct crypto {
	size_t nkeys;
	struct crypto_key keys[CRYPTO_MAX_KEYS];  /* keys[0] is current */
};

/* Reads a key spec (the value of TERMINFON_DATA_KEY): one or more master keys
 * separated by commas, each 64 hex digits or base64 of 32 bytes; blanks around
 * a key are ignored. The first key seals; the others only open (rotation).
 * For each master key it derives with HKDF-SHA256 an encryption key, a hash
 * key and a 4-byte key id. *c needs no preparation; release it with
 * crypto_free. On an empty or malformed spec (or more than CRYPTO_MAX_KEYS
 * keys, or the same key twice) returns TF_ECONFIG and writes one line into
 * err that names the variable and the problem but no key material; *c is
 * wiped then. TF_EINTERNAL when OpenSSL fails. */
int crypto_init(struct crypto *c, const char *key_spec, char *err, size_t errlen);

/* Wipes all key material (OPENSSL_cleanse). Safe on a wiped struct. */
void crypto_free(struct crypto *c);

size_t crypto_key_count(const struct crypto *c);

/* Encrypts pt[0..n) with the current key and appends the blob
 * (CRYPTO_OVERHEAD + n bytes: version 1 | key id | random nonce | ciphertext
 * | GCM tag) to out. aad names the column, e.g. "leads.phone": a blob opens
 * only with the same aad, so values cannot be moved between columns (NULL
 * counts as ""). TF_ELIMIT/TF_ENOMEM from the buf, TF_EINTERNAL when OpenSSL
 * fails; out keeps its earlier content on failure. */
int crypto_seal(const struct crypto *c, const void *pt, size_t n, const char *aad, struct buf *out);

/* Decrypts a blob of crypto_seal and appends the plain text to out (which
 * must not hold the blob itself). TF_EINVAL on a blob too short or of an
 * unknown version, TF_EAUTH on an unknown key id, a wrong aad or any changed
 * byte. On failure out keeps its earlier content and no plain text is left
 * in it. */
int crypto_open(const struct crypto *c, const void *blob, size_t n, const char *aad, struct buf *out);

/* True when the blob is a version 1 blob sealed with the current key, false
 * for old keys and garbage (a rekey job re-seals blobs that answer false). */
bool crypto_is_current(const struct crypto *c, const void *blob, size_t n);

/* Normalises a phone number for hashing: drops blanks, '-', '/', '(' and ')',
 * turns a leading "00" into "+" ("0049..." becomes "+49..."). Strings that
 * are not made of digits, a leading '+' and those separators ("anonymous",
 * "client:anna", ...) are copied unchanged. TF_EINVAL on an empty result,
 * TF_ELIMIT when out (outlen bytes, NUL included) is too small. */
int crypto_phone_normalize(const char *in, char *out, size_t outlen);

/* Writes the lower-case hex HMAC-SHA256 of the normalised number under the
 * current key's hash key (64 digits and a NUL) into out: the lookup column of
 * a lead. Errors as crypto_phone_normalize. */
int crypto_hash_phone(const struct crypto *c, const char *e164, char out[65]);

/* The same under key number key_index (0 = current) for rekeying.
 * TF_EINVAL when key_index is out of range. */
int crypto_hash_phone_with(const struct crypto *c, size_t key_index, const char *e164, char out[65]);

/* Writes a fresh random 32-byte key as 64 lower-case hex digits and a NUL
 * (for `terminfon keygen`). TF_EINTERNAL when the random generator fails. */
int crypto_random_key(char out[65]);

/* HMAC-SHA256 of data[0..n) under key[0..keylen) into out. TF_EINTERNAL when
 * OpenSSL fails. */
int crypto_hmac_sha256(const void *key, size_t keylen, const void *data, size_t n, unsigned char out[32]);

#endif
