/* xoshiro256** seeding and the distributions drawn from it (base/rng.h). */
#include "base/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void cf_rng_seed(struct cf_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
		r->s[0] = 1;   /* the all-zero state is the one fixed point */
}

int cf_rng_range(struct cf_rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + cf_rng_below(r, hi - lo + 1);
}

int cf_rng_chance(struct cf_rng *r, double p)
{
	return cf_rng_unit(r) < p;
}

double cf_rng_exp(struct cf_rng *r, double mean)
{
	return -mean * log(1.0 - cf_rng_unit(r));
}

double cf_rng_normal(struct cf_rng *r)
{
	/* Box–Muller; one of the pair is dropped so each call is self-contained */
	double u = 1.0 - cf_rng_unit(r), v = cf_rng_unit(r);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

double cf_rng_lognormal(struct cf_rng *r, double median, double sigma)
{
	return median * exp(sigma * cf_rng_normal(r));
}

long cf_rng_poisson(struct cf_rng *r, double mean)
{
	if (mean <= 0)
		return 0;
	if (mean < 30) {   /* inversion: a handful of steps at these means */
		double p = exp(-mean), s = p, u = cf_rng_unit_open(r);
		long x = 0;
		while (u > s && x < 1000) {
			x++;
			p *= mean / (double)x;
			s += p;
		}
		return x;
	}
	/* large means: normal approximation (Box–Muller on the open interval), rounded */
	double z = sqrt(-2 * log(cf_rng_unit_open(r))) * cos(2 * M_PI * cf_rng_unit_open(r));
	double x = floor(mean + sqrt(mean) * z + 0.5);
	return x < 0 ? 0 : (long)x;
}

int cf_rng_pick(struct cf_rng *r, const double *weights, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += weights[i];
	double x = cf_rng_unit(r) * sum;
	for (int i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}
