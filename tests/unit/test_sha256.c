/* SHA-256 against the FIPS 180-2 example vectors, whole and in pieces. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sha256.h"

static void hash(const void *data, size_t len, char hex[65])
{
	struct sha256 s;
	unsigned char dg[32];
	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, dg);
	sha256_hex(dg, hex);
}

static const char abc448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char abc896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
			     "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

static void test_fips_vectors(void **state)
{
	char hex[65];
	hash("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hash("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hash(abc448, strlen(abc448), hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	hash(abc896, strlen(abc896), hex);
	assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a_in_pieces(void **state)
{
	/* one million 'a', fed in uneven pieces that cross block boundaries */
	char chunk[997];
	memset(chunk, 'a', sizeof chunk);
	struct sha256 s;
	unsigned char dg[32];
	char hex[65];
	sha256_init(&s);
	size_t left = 1000000, step = 1;
	while (left) {
		size_t n = step < left ? step : left;
		sha256_update(&s, chunk, n);
		left -= n;
		step = step * 7 % sizeof chunk + 1;
	}
	sha256_final(&s, dg);
	sha256_hex(dg, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_padding_edges(void **state)
{
	/* 55, 56 and 64 bytes put the length in the same or the next block:
	 * byte-at-a-time must agree with one update */
	char buf[130];
	memset(buf, 'x', sizeof buf);
	for (size_t len = 50; len <= 130; len++) {
		char one[65], bytes[65];
		hash(buf, len, one);
		struct sha256 s;
		unsigned char dg[32];
		sha256_init(&s);
		for (size_t i = 0; i < len; i++)
			sha256_update(&s, buf + i, 1);
		sha256_final(&s, dg);
		sha256_hex(dg, bytes);
		assert_string_equal(one, bytes);
	}
}

static void test_file(void **state)
{
	char path[] = "/tmp/caseflow-sha-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	char hex[65];
	long long size = -1;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(sha256_file(path, hex, &size, &err), CF_OK);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(size, 3);
	unlink(path);
	assert_int_equal(sha256_file(path, hex, &size, &err), CF_EIO);
	assert_string_equal(err.file, path);
}

/* The CPU's SHA instructions and the portable rounds agree on every
 * length from 0 to 700 bytes of varied data, fed whole and in pieces; the
 * FIPS vectors hold in both. (Without the instructions both runs are the
 * portable code and the test still checks the vectors.) */
static void test_accel_matches_portable(void **state)
{
	unsigned char buf[700];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof buf; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(x >> 16);
	}
	for (size_t len = 0; len <= sizeof buf; len++) {
		char fast[65], slow[65], pieces[65];
		sha256_set_accel(1);
		hash(buf, len, fast);
		struct sha256 s;
		unsigned char dg[32];
		sha256_init(&s);
		for (size_t i = 0; i < len; i += 37)
			sha256_update(&s, buf + i, len - i < 37 ? len - i : 37);
		sha256_final(&s, dg);
		sha256_hex(dg, pieces);
		sha256_set_accel(0);
		hash(buf, len, slow);
		assert_string_equal(fast, slow);
		assert_string_equal(pieces, slow);
	}
	for (int on = 0; on <= 1; on++) {
		sha256_set_accel(on);
		test_fips_vectors(state);
		test_million_a_in_pieces(state);
	}
	sha256_set_accel(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_vectors),
		cmocka_unit_test(test_million_a_in_pieces),
		cmocka_unit_test(test_padding_edges),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_accel_matches_portable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
