/* The synthetic authority's random streams: base/rng.h with synth's own
 * seed salt, so that its draws never line up with the forecast's. */
#ifndef CF_SYNTH_RNG_H
#define CF_SYNTH_RNG_H

#include "base/rng.h"

static inline void syn_rng_seed(struct cf_rng *r, uint64_t seed, uint64_t stream)
{
	cf_rng_seed(r, seed ^ 0x6a09e667f3bcc908ULL, stream);
}

#endif
