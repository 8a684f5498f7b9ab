/* The ONS postcode directory as the store keeps it (migration 0022, the
 * latest directory loaded): for each postcode sector the data uses, its
 * mean grid reference and main district, for distances and areas without
 * the directory. */
#ifndef CF_STORE_POSTCODE_SECTORS_H
#define CF_STORE_POSTCODE_SECTORS_H

#include <stddef.h>

#include "base/error.h"
#include "store/store.h"

struct postcode_sector {
	char sector[10];              /* "LS1 4" */
	int has_grid;                 /* east and north are known */
	double east, north;           /* metres (OSGB) */
	char ltla[16];                /* district code, "" when not given */
};

struct postcode_sectors {
	struct postcode_sector *items;   /* owned, sorted by sector */
	size_t n;
};

/* Read the sectors kept (n = 0 when no directory is loaded). The caller
 * owns *out (postcode_sectors_release, also after a failure). */
int postcode_sectors_read(struct store *st, struct postcode_sectors *out, struct cf_error *err);
void postcode_sectors_release(struct postcode_sectors *p);
/* The sector (as "LS1 4"), or NULL when not kept. */
const struct postcode_sector *postcode_sectors_find(const struct postcode_sectors *p, const char *sector);
/* Straight-line miles between two sectors' grid references; -1 when either has none. */
double postcode_sectors_miles(const struct postcode_sector *a, const struct postcode_sector *b);

#endif
