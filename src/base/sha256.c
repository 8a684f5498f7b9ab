/* SHA-256, straight from FIPS 180-4. */
#include "base/sha256.h"

#include <stdio.h>
#include <string.h>

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* The portable rounds, block by block. */
static void compress_portable(uint32_t st[8], const unsigned char *p, size_t nblocks)
{
	for (; nblocks--; p += 64) {
		uint32_t w[64], a, b, c, d, e, f, g, h;
		for (int i = 0; i < 16; i++)
			w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
			       p[4 * i + 3];
		for (int i = 16; i < 64; i++) {
			uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
			uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
			w[i] = w[i - 16] + s0 + w[i - 7] + s1;
		}
		a = st[0], b = st[1], c = st[2], d = st[3];
		e = st[4], f = st[5], g = st[6], h = st[7];
		for (int i = 0; i < 64; i++) {
			uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
			uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
			h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
		}
		st[0] += a, st[1] += b, st[2] += c, st[3] += d;
		st[4] += e, st[5] += f, st[6] += g, st[7] += h;
	}
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1

/* The x86 SHA extensions (most x86-64 CPUs since 2017): about ten times
 * the portable code, which matters because every loaded file is hashed.
 * The state is kept as ABEF/CDGH, as sha256rnds2 wants it. */
__attribute__((target("sha,ssse3,sse4.1"))) static void compress_shani(uint32_t st[8], const unsigned char *p,
									size_t nblocks)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[0]), 0xB1);  /* CDAB */
	__m128i s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[4]), 0x1B);   /* EFGH */
	__m128i s0 = _mm_alignr_epi8(tmp, s1, 8);                                          /* ABEF */
	s1 = _mm_blend_epi16(s1, tmp, 0xF0);                                               /* CDGH */
	for (; nblocks--; p += 64) {
		__m128i abef = s0, cdgh = s1, w[4];
		for (int j = 0; j < 4; j++)
			w[j] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * j)), bswap);
		/* 16 groups of 4 rounds; w[j & 3] holds words 4j..4j+3 of the schedule */
		for (int j = 0; j < 16; j++) {
			if (j >= 4) {
				__m128i x = _mm_sha256msg1_epu32(w[j & 3], w[(j + 1) & 3]);
				x = _mm_add_epi32(x, _mm_alignr_epi8(w[(j + 3) & 3], w[(j + 2) & 3], 4));
				w[j & 3] = _mm_sha256msg2_epu32(x, w[(j + 3) & 3]);
			}
			__m128i m = _mm_add_epi32(w[j & 3], _mm_loadu_si128((const __m128i *)&K[4 * j]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, m);
			s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	tmp = _mm_shuffle_epi32(s0, 0x1B);                                                 /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);                                                  /* DCHG */
	_mm_storeu_si128((__m128i *)&st[0], _mm_blend_epi16(tmp, s1, 0xF0));              /* DCBA */
	_mm_storeu_si128((__m128i *)&st[4], _mm_alignr_epi8(s1, tmp, 8));                 /* HGFE */
}

static int cpu_has_sha(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & bit_SHA) != 0;
}
#endif

/* -1 until the CPU has been asked; then 1 when the SHA extensions are used. */
static int use_accel = -1;

int sha256_set_accel(int on)
{
#ifdef HAVE_SHA_NI
	use_accel = on && cpu_has_sha();
#else
	(void)on;
	use_accel = 0;
#endif
	return use_accel;
}

static void compress(uint32_t st[8], const unsigned char *p, size_t nblocks)
{
	if (use_accel < 0)
		sha256_set_accel(1);
#ifdef HAVE_SHA_NI
	if (use_accel) {
		compress_shani(st, p, nblocks);
		return;
	}
#endif
	compress_portable(st, p, nblocks);
}

void sha256_init(struct sha256 *s)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memcpy(s->h, iv, sizeof iv);
	s->total = 0;
	s->fill = 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->total += len;
	if (s->fill && len) {
		size_t k = 64 - s->fill < len ? 64 - s->fill : len;
		memcpy(s->block + s->fill, p, k);
		s->fill += k, p += k, len -= k;
		if (s->fill < 64)
			return;
		compress(s->h, s->block, 1);
		s->fill = 0;
	}
	/* whole blocks straight from the caller's buffer */
	if (len >= 64) {
		compress(s->h, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
	}
	if (len)
		memcpy(s->block, p, len);
	s->fill = len;
}

void sha256_final(struct sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->total * 8;
	unsigned char pad = 0x80, zero = 0, len[8];
	sha256_update(s, &pad, 1);
	while (s->fill != 56)
		sha256_update(s, &zero, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, len, 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void sha256_hex(const unsigned char d[32], char out[65])
{
	static const char hx[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hx[d[i] >> 4];
		out[2 * i + 1] = hx[d[i] & 15];
	}
	out[64] = '\0';
}

int sha256_file(const char *path, char out[65], long long *size, struct cf_error *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot open file");
	struct sha256 s;
	unsigned char buf[65536], dg[32];
	size_t n;
	long long total = 0;
	sha256_init(&s);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		sha256_update(&s, buf, n);
		total += (long long)n;
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "read error");
	sha256_final(&s, dg);
	sha256_hex(dg, out);
	if (size)
		*size = total;
	return CF_OK;
}
