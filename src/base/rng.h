/* The one deterministic random number generator: xoshiro256** (Blackman and
 * Vigna) seeded through splitmix64, with the draws synth and the forecast
 * make. Never rand(): the same seed gives the same numbers on every machine. */
#ifndef CF_BASE_RNG_H
#define CF_BASE_RNG_H

#include <stdint.h>

struct cf_rng {
	uint64_t s[4];
};

/* Seed from a 64-bit value and a stream number, so that each child, worker
 * or simulation run has its own independent stream: the same (seed, stream)
 * always gives the same sequence, whatever else was drawn before. */
void cf_rng_seed(struct cf_rng *r, uint64_t seed, uint64_t stream);

/* Inline: the forecast's simulation draws in its innermost loop. */
static inline uint64_t cf_rng_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t cf_rng_next(struct cf_rng *r)
{
	uint64_t *s = r->s, out = cf_rng_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = cf_rng_rotl(s[3], 45);
	return out;
}

/* [0, 1): 53 random bits. */
static inline double cf_rng_unit(struct cf_rng *r)
{
	return (double)(cf_rng_next(r) >> 11) * 0x1.0p-53;
}

/* (0, 1): the same bits moved half a step up, so log(u) is always finite. */
static inline double cf_rng_unit_open(struct cf_rng *r)
{
	return ((double)(cf_rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

/* 0 .. n-1, by Lemire's multiply-shift (unbiased enough for n far below
 * 2^32); 0 without a draw when n <= 0. */
static inline int cf_rng_below(struct cf_rng *r, int n)
{
	if (n <= 0)
		return 0;
	return (int)(((cf_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int cf_rng_range(struct cf_rng *r, int lo, int hi);     /* lo .. hi inclusive */
int cf_rng_chance(struct cf_rng *r, double p);          /* 1 with probability p */
double cf_rng_exp(struct cf_rng *r, double mean);       /* exponential */
double cf_rng_normal(struct cf_rng *r);                 /* standard normal */
double cf_rng_lognormal(struct cf_rng *r, double median, double sigma);
long cf_rng_poisson(struct cf_rng *r, double mean);     /* 0 when mean <= 0 */
/* Index drawn with probability weights[i] / sum(weights); n >= 1. */
int cf_rng_pick(struct cf_rng *r, const double *weights, int n);

#endif
