/* The English Indices of Deprivation as the store holds them: each area's
 * IMD decile (1 the most deprived tenth), from the latest load that gives
 * the area (migration 0024). */
#ifndef CF_STORE_DEPRIVATION_H
#define CF_STORE_DEPRIVATION_H

#include "base/error.h"
#include "store/store.h"

/* area is valid only during the callback (an LSOA or ward code, or a
 * postcode sector); a non-zero status from fn stops the walk and is returned. */
int deprivation_each(struct store *st, int (*fn)(void *ctx, const char *area, int decile), void *ctx,
		     struct cf_error *err);

#endif
