/* A small deterministic random number generator for the synthetic
 * authority: xoshiro256** seeded through splitmix64, with the draws the
 * simulation needs. Never rand(): the same seed gives the same bytes on
 * every machine. */
#ifndef CF_SYNTH_RNG_H
#define CF_SYNTH_RNG_H

#include <stdint.h>

struct syn_rng {
	uint64_t s[4];
};

/* Seed from a 64-bit value and a stream number, so that each child (or
 * each writer) has its own independent stream: the same (seed, stream)
 * always gives the same sequence, whatever else was drawn before. */
void syn_rng_seed(struct syn_rng *r, uint64_t seed, uint64_t stream);

uint64_t syn_rng_next(struct syn_rng *r);
double syn_rng_unit(struct syn_rng *r);                 /* [0, 1) */
int syn_rng_below(struct syn_rng *r, int n);            /* 0 .. n-1; 0 when n <= 0 */
int syn_rng_range(struct syn_rng *r, int lo, int hi);   /* lo .. hi inclusive */
int syn_rng_chance(struct syn_rng *r, double p);        /* 1 with probability p */
double syn_rng_exp(struct syn_rng *r, double mean);     /* exponential */
double syn_rng_normal(struct syn_rng *r);               /* standard normal */
double syn_rng_lognormal(struct syn_rng *r, double median, double sigma);
/* Index drawn with probability weights[i] / sum(weights); n >= 1. */
int syn_rng_pick(struct syn_rng *r, const double *weights, int n);

#endif
