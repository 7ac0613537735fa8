/* test_crypto.c: unit tests of lib/core/crypto (sealing, rotation, phone hashes, key specs). */
#include "buf.h"
#include "crypto.h"
#include "err.h"
#include "t.h"

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#define KEY_A "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define KEY_B "F0E1D2C3B4A5968778695A4B3C2D1E0F00112233445566778899AABBCCDDEEFF"
/* base64 of the 32 bytes of KEY_A */
#define KEY_A_B64 "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

static void seal(const struct crypto *c, const char *pt, const char *aad, struct buf *out)
{
	buf_init(out, 4096);
	T_EQ_INT(crypto_seal(c, pt, strlen(pt), aad, out), TF_OK);
	T_EQ_INT(out->len, strlen(pt) + CRYPTO_OVERHEAD);
}

static void test_round_trip(void)
{
	struct crypto c;
	char err[200];
	T_EQ_INT(crypto_init(&c, KEY_A, err, sizeof(err)), TF_OK);
	T_EQ_INT(crypto_key_count(&c), 1);
	static const char *texts[] = { "+4915112345678", "", "Jürgen Müller", "a longer transcript: ich möchte einen Termin" };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct buf blob, pt;
		seal(&c, texts[i], "leads.phone", &blob);
		T_EQ_INT((unsigned char)blob.data[0], 1);
		T_OK(crypto_is_current(&c, blob.data, blob.len));
		buf_init(&pt, 4096);
		T_EQ_INT(crypto_open(&c, blob.data, blob.len, "leads.phone", &pt), TF_OK);
		T_EQ_STR(pt.data ? pt.data : "", texts[i]);
		T_EQ_INT(pt.len, strlen(texts[i]));
		buf_free(&blob);
		buf_free(&pt);
	}
	/* Appends after what the buffer already holds. */
	struct buf blob, pt;
	seal(&c, "Anna", NULL, &blob);
	buf_init(&pt, 4096);
	buf_puts(&pt, "name=");
	T_EQ_INT(crypto_open(&c, blob.data, blob.len, "", &pt), TF_OK);
	T_EQ_STR(pt.data, "name=Anna");
	buf_free(&blob);
	buf_free(&pt);
	crypto_free(&c);
	T_EQ_INT(crypto_key_count(&c), 0);
}

static void test_wrong_aad_and_tamper(void)
{
	struct crypto c;
	T_EQ_INT(crypto_init(&c, KEY_A, NULL, 0), TF_OK);
	struct buf blob, pt;
	seal(&c, "+4915112345678", "leads.phone", &blob);
	buf_init(&pt, 4096);
	buf_puts(&pt, "x");
	T_EQ_INT(crypto_open(&c, blob.data, blob.len, "leads.name", &pt), TF_EAUTH);
	T_EQ_INT(crypto_open(&c, blob.data, blob.len, NULL, &pt), TF_EAUTH);
	T_EQ_STR(pt.data, "x");  /* nothing of the failed open stays behind */
	/* Every single changed byte is caught: header, nonce, cipher text, tag. */
	int caught = 0;
	for (size_t i = 0; i < blob.len; i++) {
		blob.data[i] ^= 0x01;
		int err = crypto_open(&c, blob.data, blob.len, "leads.phone", &pt);
		if (err == TF_EAUTH || err == TF_EINVAL)
			caught++;
		blob.data[i] ^= 0x01;
	}
	T_EQ_INT(caught, blob.len);
	T_EQ_STR(pt.data, "x");
	T_EQ_INT(crypto_open(&c, blob.data, blob.len, "leads.phone", &pt), TF_OK);
	T_EQ_STR(pt.data, "x+4915112345678");
	/* Short and garbled blobs. */
	T_EQ_INT(crypto_open(&c, blob.data, CRYPTO_OVERHEAD - 1, "leads.phone", &pt), TF_EINVAL);
	T_EQ_INT(crypto_open(&c, blob.data, 0, "leads.phone", &pt), TF_EINVAL);
	T_EQ_INT(crypto_open(&c, blob.data, blob.len - 1, "leads.phone", &pt), TF_EAUTH);
	blob.data[0] = 2;
	T_EQ_INT(crypto_open(&c, blob.data, blob.len, "leads.phone", &pt), TF_EINVAL);
	T_OK(!crypto_is_current(&c, blob.data, blob.len));
	T_OK(!crypto_is_current(&c, blob.data, 3));
	buf_free(&blob);
	buf_free(&pt);
	crypto_free(&c);
}

static void test_nonce_differs(void)
{
	struct crypto c;
	T_EQ_INT(crypto_init(&c, KEY_A, NULL, 0), TF_OK);
	struct buf a, b;
	seal(&c, "same text", "leads.name", &a);
	seal(&c, "same text", "leads.name", &b);
	T_EQ_INT(a.len, b.len);
	T_OK(memcmp(a.data, b.data, a.len) != 0);
	T_OK(memcmp(a.data + 5, b.data + 5, CRYPTO_NONCE_LEN) != 0);
	/* Same key id in both. */
	T_OK(memcmp(a.data, b.data, 5) == 0);
	buf_free(&a);
	buf_free(&b);
	crypto_free(&c);
}

static void test_rotation(void)
{
	struct crypto a, ba, b;
	T_EQ_INT(crypto_init(&a, KEY_A, NULL, 0), TF_OK);
	T_EQ_INT(crypto_init(&ba, KEY_B "," KEY_A, NULL, 0), TF_OK);
	T_EQ_INT(crypto_init(&b, " " KEY_B " ", NULL, 0), TF_OK);
	T_EQ_INT(crypto_key_count(&ba), 2);

	struct buf old, pt, fresh;
	seal(&a, "Erika Mustermann", "leads.name", &old);
	buf_init(&pt, 4096);
	T_EQ_INT(crypto_open(&ba, old.data, old.len, "leads.name", &pt), TF_OK);
	T_EQ_STR(pt.data, "Erika Mustermann");
	T_OK(!crypto_is_current(&ba, old.data, old.len));
	T_OK(crypto_is_current(&a, old.data, old.len));
	/* Without the old key the blob is unreadable. */
	buf_reset(&pt);
	T_EQ_INT(crypto_open(&b, old.data, old.len, "leads.name", &pt), TF_EAUTH);
	T_EQ_INT(pt.len, 0);

	/* Re-sealed under the new current key, the new key alone opens it. */
	seal(&ba, "Erika Mustermann", "leads.name", &fresh);
	T_OK(crypto_is_current(&ba, fresh.data, fresh.len));
	T_OK(crypto_is_current(&b, fresh.data, fresh.len));
	T_EQ_INT(crypto_open(&b, fresh.data, fresh.len, "leads.name", &pt), TF_OK);
	T_EQ_STR(pt.data, "Erika Mustermann");

	/* Phone hashes: current key of "B,A" is B; index 1 is A. */
	char h_a[65], h_b[65], h_ba0[65], h_ba1[65];
	T_EQ_INT(crypto_hash_phone(&a, "+4915112345678", h_a), TF_OK);
	T_EQ_INT(crypto_hash_phone(&b, "+4915112345678", h_b), TF_OK);
	T_EQ_INT(crypto_hash_phone(&ba, "+4915112345678", h_ba0), TF_OK);
	T_EQ_INT(crypto_hash_phone_with(&ba, 1, "+4915112345678", h_ba1), TF_OK);
	T_EQ_STR(h_ba0, h_b);
	T_EQ_STR(h_ba1, h_a);
	T_OK(strcmp(h_a, h_b) != 0);
	T_EQ_INT(crypto_hash_phone_with(&ba, 2, "+4915112345678", h_ba1), TF_EINVAL);

	buf_free(&old);
	buf_free(&fresh);
	buf_free(&pt);
	crypto_free(&a);
	crypto_free(&ba);
	crypto_free(&b);
}

static void test_base64_spec(void)
{
	struct crypto hex, b64;
	T_EQ_INT(crypto_init(&hex, KEY_A, NULL, 0), TF_OK);
	T_EQ_INT(crypto_init(&b64, KEY_A_B64, NULL, 0), TF_OK);
	T_OK(memcmp(hex.keys[0].id, b64.keys[0].id, CRYPTO_KEY_ID_LEN) == 0);
	T_OK(memcmp(hex.keys[0].enc, b64.keys[0].enc, CRYPTO_KEY_BYTES) == 0);
	/* Encryption and hash keys are distinct derivations. */
	T_OK(memcmp(hex.keys[0].enc, hex.keys[0].hash, CRYPTO_KEY_BYTES) != 0);
	crypto_free(&hex);
	crypto_free(&b64);
}

static void test_phone(void)
{
	struct crypto c;
	T_EQ_INT(crypto_init(&c, KEY_A, NULL, 0), TF_OK);
	char h1[65], h2[65], h3[65], h4[65];
	T_EQ_INT(crypto_hash_phone(&c, "+49 151 1234-5678", h1), TF_OK);
	T_EQ_INT(crypto_hash_phone(&c, "0049151 12345678", h2), TF_OK);
	T_EQ_INT(crypto_hash_phone(&c, "+4915112345678", h3), TF_OK);
	T_EQ_INT(crypto_hash_phone(&c, "+49 (0)151 / 123 456 78", h4), TF_OK);
	T_EQ_STR(h1, h2);
	T_EQ_STR(h1, h3);
	T_EQ_STR(h1, h4);
	T_EQ_INT(strlen(h1), 64);
	bool lower_hex = true;
	for (size_t i = 0; i < 64; i++)
		lower_hex &= (h1[i] >= '0' && h1[i] <= '9') || (h1[i] >= 'a' && h1[i] <= 'f');
	T_OK(lower_hex);
	char h5[65];
	T_EQ_INT(crypto_hash_phone(&c, "+4915112345679", h5), TF_OK);
	T_OK(strcmp(h1, h5) != 0);

	struct norm_row {
		const char *in, *out;
	} rows[] = {
		{ "+49 151 1234-5678", "+4915112345678" },
		{ "0049151 12345678", "+4915112345678" },
		{ "(030) 123/456", "030123456" },
		{ "+49 (0)30 1234", "+49301234" },
		{ "0043 1 234", "+431234" },
		{ "anonymous", "anonymous" },
		{ "client:anna", "client:anna" },
		{ "+49 151 abc", "+49 151 abc" },
		{ "+266696687", "+266696687" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char out[64];
		T_EQ_INT(crypto_phone_normalize(rows[i].in, out, sizeof(out)), TF_OK);
		T_EQ_STR(out, rows[i].out);
	}
	char small[5];
	T_EQ_INT(crypto_phone_normalize("+4915112345678", small, sizeof(small)), TF_ELIMIT);
	T_EQ_INT(crypto_phone_normalize("", small, sizeof(small)), TF_EINVAL);
	T_EQ_INT(crypto_phone_normalize(" - ", small, sizeof(small)), TF_EINVAL);
	T_EQ_INT(crypto_hash_phone(&c, "", h5), TF_EINVAL);
	char anon1[65], anon2[65];
	T_EQ_INT(crypto_hash_phone(&c, "anonymous", anon1), TF_OK);
	T_EQ_INT(crypto_hash_phone(&c, "Anonymous", anon2), TF_OK);
	T_OK(strcmp(anon1, anon2) != 0);
	crypto_free(&c);
}

static void test_bad_specs(void)
{
	static const char *bad[] = {
		"", "   ", ",", KEY_A ",", "," KEY_A, KEY_A ",," KEY_B,
		"00010203",                               /* too short */
		KEY_A "00",                               /* too long */
		"zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",  /* not hex */
		"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd",  /* base64 of 30 bytes */
		"0000000000000000000000000000000000000000000000000000000000000000",
		KEY_A "," KEY_A,                          /* the same key twice */
		KEY_A "," KEY_B "," KEY_A,
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct crypto c;
		char err[200] = "unset";
		T_EQ_INT(crypto_init(&c, bad[i], err, sizeof(err)), TF_ECONFIG);
		T_OK(strncmp(err, "TERMINFON_DATA_KEY", 18) == 0);
		T_OK(strchr(err, '\n') == NULL);
		/* The message never echoes key material. */
		T_OK(strstr(err, "0001020304") == NULL && strstr(err, "zz01") == NULL && strstr(err, "AAEC") == NULL);
		T_EQ_INT(crypto_key_count(&c), 0);
		crypto_free(&c);
	}
	struct crypto c;
	T_EQ_INT(crypto_init(&c, NULL, NULL, 0), TF_ECONFIG);
	/* Nine keys are too many. */
	char spec[9 * 66];
	size_t off = 0;
	for (int i = 0; i < 9; i++) {
		int w = snprintf(spec + off, sizeof(spec) - off, "%s%02x%s", i ? "," : "", i + 1,
		                 "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
		T_OK(w > 0);
		off += (size_t)w;
	}
	char err[200];
	T_EQ_INT(crypto_init(&c, spec, err, sizeof(err)), TF_ECONFIG);
	T_OK(strstr(err, "more than") != NULL);
	/* Errors fit into a tiny message buffer too. */
	char tiny[8];
	T_EQ_INT(crypto_init(&c, "nope", tiny, sizeof(tiny)), TF_ECONFIG);
	T_EQ_INT(strlen(tiny), 7);
	/* A sealed blob cannot be made without a key. */
	struct buf out;
	buf_init(&out, 100);
	T_EQ_INT(crypto_seal(&c, "x", 1, "a", &out), TF_EINVAL);
	buf_free(&out);
}

static void test_random_key(void)
{
	char k1[65], k2[65];
	T_EQ_INT(crypto_random_key(k1), TF_OK);
	T_EQ_INT(crypto_random_key(k2), TF_OK);
	T_EQ_INT(strlen(k1), 64);
	T_OK(strcmp(k1, k2) != 0);
	struct crypto c;
	T_EQ_INT(crypto_init(&c, k1, NULL, 0), TF_OK);
	crypto_free(&c);
}

static void test_hmac_vector(void)
{
	/* RFC 4231 test case 2. */
	unsigned char mac[32];
	T_EQ_INT(crypto_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac), TF_OK);
	static const unsigned char want[32] = {
		0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
		0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
	};
	T_OK(memcmp(mac, want, 32) == 0);
}

/* What personal data at rest costs a webhook, printed (never asserted: timing
 * belongs to benchmarks). A voice webhook of a known caller computes one
 * phone hash and opens the name; a new caller's seals the number instead. A
 * gather turn opens the state and seals text, reply, entities and state. */
static double per_op_us(int kind, int rounds)
{
	struct crypto c;
	char err[128];
	struct buf b, o;
	buf_init(&b, 4096);
	buf_init(&o, 4096);
	crypto_init(&c, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", err, sizeof(err));
	static const char state[] = "{\"step\":\"offer\",\"goal\":\"book\",\"offers\":[1795600800,1795604400,1795608000]}";
	crypto_seal(&c, state, sizeof(state) - 1, "lead_call_logs.state", &b);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < rounds; i++) {
		char hash[65];
		buf_reset(&o);
		if (kind == 0) {
			crypto_hash_phone(&c, "+4915112345678", hash);
			static const char phone[] = "+4915112345678";
			crypto_seal(&c, phone, sizeof(phone) - 1, "leads.phone", &o);
		} else if (kind == 1) {
			crypto_hash_phone(&c, "+4915112345678", hash);
			crypto_open(&c, b.data, b.len, "lead_call_logs.state", &o);
		} else {
			crypto_open(&c, b.data, b.len, "lead_call_logs.state", &o);
			buf_reset(&o);
			static const char text[] = "ich hätte gern einen termin morgen um 15 uhr";
			static const char reply[] = "Morgen um 15 Uhr ist noch ein Termin frei. Soll ich ihn für Sie eintragen?";
			static const char entities[] = "{\"date\":\"2026-11-25\",\"time\":\"15:00\"}";
			crypto_seal(&c, text, sizeof(text) - 1, "t", &o);
			crypto_seal(&c, reply, sizeof(reply) - 1, "r", &o);
			crypto_seal(&c, entities, sizeof(entities) - 1, "e", &o);
			crypto_seal(&c, state, sizeof(state) - 1, "s", &o);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	crypto_free(&c);
	buf_free(&b);
	buf_free(&o);
	return ((t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3) / rounds;
}

static void bench_webhook_cost(void)
{
	printf("encryption per request: voice webhook, new caller %.2f us; known caller %.2f us; gather turn %.2f us\n",
	       per_op_us(0, 20000), per_op_us(1, 20000), per_op_us(2, 20000));
}

int main(void)
{
	bench_webhook_cost();
	test_round_trip();
	test_wrong_aad_and_tamper();
	test_nonce_differs();
	test_rotation();
	test_base64_spec();
	test_phone();
	test_bad_specs();
	test_random_key();
	test_hmac_vector();
	return t_done();
}
