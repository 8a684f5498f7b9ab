/* xoshiro256** (Blackman and Vigna, public domain algorithm) seeded with
 * splitmix64, and the distributions the simulation draws from. */
#include "synth/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void syn_rng_seed(struct syn_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL) ^ 0x6a09e667f3bcc908ULL;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
		r->s[0] = 1;   /* the all-zero state is the one fixed point */
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t syn_rng_next(struct syn_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double syn_rng_unit(struct syn_rng *r)
{
	return (double)(syn_rng_next(r) >> 11) * 0x1.0p-53;
}

int syn_rng_below(struct syn_rng *r, int n)
{
	if (n <= 0)
		return 0;
	/* Lemire's multiply-shift: unbiased enough for n far below 2^32 */
	return (int)(((syn_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int syn_rng_range(struct syn_rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + syn_rng_below(r, hi - lo + 1);
}

int syn_rng_chance(struct syn_rng *r, double p)
{
	return syn_rng_unit(r) < p;
}

double syn_rng_exp(struct syn_rng *r, double mean)
{
	return -mean * log(1.0 - syn_rng_unit(r));
}

double syn_rng_normal(struct syn_rng *r)
{
	/* Box–Muller; one of the pair is dropped so each call is self-contained */
	double u = 1.0 - syn_rng_unit(r), v = syn_rng_unit(r);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

double syn_rng_lognormal(struct syn_rng *r, double median, double sigma)
{
	return median * exp(sigma * syn_rng_normal(r));
}

int syn_rng_pick(struct syn_rng *r, const double *weights, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += weights[i];
	double x = syn_rng_unit(r) * sum;
	for (int i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}
