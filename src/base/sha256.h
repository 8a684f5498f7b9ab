/* SHA-256 (FIPS 180-4), used to fingerprint every loaded return so a file
 * loaded twice is recognised. libsodium has a portable SHA-256 only; this
 * one uses the CPU's SHA instructions where present (sha256_set_accel). */
#ifndef CF_BASE_SHA256_H
#define CF_BASE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

struct sha256 {
	uint32_t h[8];
	uint64_t total;
	unsigned char block[64];
	size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, unsigned char out[32]);
void sha256_hex(const unsigned char digest[32], char out[65]);
/* Use the CPU's SHA instructions when it has them (on = 1, the default) or
 * always the portable code (on = 0, for tests comparing the two). Returns
 * 1 when the instructions are in use. Not thread-safe: call before hashing. */
int sha256_set_accel(int on);
/* Hash a whole file into hex. Returns CF_OK or CF_EIO with err set. */
int sha256_file(const char *path, char out[65], long long *size, struct cf_error *err);

#endif
