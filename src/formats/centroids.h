/* Postcode-sector centroids (a CSV of sector,lat,lon, with or without a
 * header) for straight-line placement distances. Sectors are compared in
 * one form: upper case, outward code, one space, the sector digit
 * ("LS1 4"); a full postcode in the file is cut to its sector. */
#ifndef CF_FORMATS_CENTROIDS_H
#define CF_FORMATS_CENTROIDS_H

#include <stddef.h>

#include "base/error.h"
#include "formats/postcode.h"

struct centroid {
	char sector[10];
	double lat, lon;          /* degrees */
};

struct centroids {
	struct centroid *items;   /* owned, sorted by sector */
	size_t n;
};

/* Read path. A row whose latitude or longitude is not a number is an
 * error naming the file, row and value (a header row is allowed first). */
int centroids_read(const char *path, struct centroids *out, struct cf_error *err);
void centroids_release(struct centroids *c);

/* The centroid of a sector (any form postcode_sector accepts), or NULL. */
const struct centroid *centroids_find(const struct centroids *c, const char *sector);

/* Great-circle distance in miles between two centroids. */
double centroids_miles(const struct centroid *a, const struct centroid *b);

#endif
