/* Reading postcode-sector centroids and measuring distances between them. */
#include "formats/centroids.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

static int cmp_centroid(const void *a, const void *b)
{
	return strcmp(((const struct centroid *)a)->sector, ((const struct centroid *)b)->sector);
}

static int parse_degrees(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (end == s || *end || !isfinite(v) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int centroids_read(const char *path, struct centroids *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	size_t cap = 0;
	int got;
	while ((got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		if (r.nfields < 3) {
			rc = cf_error_at(err, CF_EINPUT, path, r.record, NULL, r.nfields ? r.fields[0] : "",
					 "expected three columns: sector,lat,lon");
			goto fail;
		}
		struct centroid c;
		double lat, lon;
		if (parse_degrees(r.fields[1], -90, 90, &lat) || parse_degrees(r.fields[2], -180, 180, &lon)) {
			if (r.record == 1)
				continue;   /* the header */
			int bad_lat = parse_degrees(r.fields[1], -90, 90, &lat) != 0;
			rc = cf_error_at(err, CF_EINPUT, path, r.record, bad_lat ? "lat" : "lon",
					 bad_lat ? r.fields[1] : r.fields[2], "not a latitude/longitude in degrees");
			goto fail;
		}
		if (postcode_sector(r.fields[0], c.sector) != 0) {
			rc = cf_error_at(err, CF_EINPUT, path, r.record, "sector", r.fields[0], "not a postcode sector");
			goto fail;
		}
		c.lat = lat, c.lon = lon;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 1024;
			struct centroid *n = realloc(out->items, cap * sizeof *n);
			if (!n) {
				rc = cf_error_set(err, CF_EIO, "out of memory reading %s", path);
				goto fail;
			}
			out->items = n;
		}
		out->items[out->n++] = c;
	}
	if (got < 0) {
		rc = err->status ? err->status : CF_EINPUT;
		goto fail;
	}
	csv_reader_close(&r);
	if (out->n)
		qsort(out->items, out->n, sizeof *out->items, cmp_centroid);
	return CF_OK;
fail:
	csv_reader_close(&r);
	centroids_release(out);
	return rc;
}

void centroids_release(struct centroids *c)
{
	free(c->items);
	memset(c, 0, sizeof *c);
}

const struct centroid *centroids_find(const struct centroids *c, const char *sector)
{
	struct centroid key;
	if (!c || !c->n || !sector || postcode_sector(sector, key.sector) != 0)
		return NULL;
	return bsearch(&key, c->items, c->n, sizeof *c->items, cmp_centroid);
}

double centroids_miles(const struct centroid *a, const struct centroid *b)
{
	const double r = 3958.8, rad = M_PI / 180;
	double dlat = (b->lat - a->lat) * rad, dlon = (b->lon - a->lon) * rad;
	double h = sin(dlat / 2) * sin(dlat / 2) + cos(a->lat * rad) * cos(b->lat * rad) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * r * asin(sqrt(h < 1 ? h : 1));
}
