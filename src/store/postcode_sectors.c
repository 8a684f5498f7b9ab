/* Reading the postcode sectors kept from the ONS directory (store/postcode_sectors.h). */
#include "store/postcode_sectors.h"
#include "store/store_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int postcode_sectors_read(struct store *st, struct postcode_sectors *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT sector, east, north, ltla FROM postcode_sectors_current ORDER BY sector", &s,
			       err);
	if (rc)
		return rc;
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			struct postcode_sector *g = realloc(out->items, nc * sizeof *g);
			if (!g) {
				sqlite3_finalize(s);
				return cf_error_set(err, CF_EIO, "out of memory");
			}
			out->items = g;
			cap = nc;
		}
		struct postcode_sector *p = &out->items[out->n++];
		const char *sector = (const char *)sqlite3_column_text(s, 0), *la = (const char *)sqlite3_column_text(s, 3);
		snprintf(p->sector, sizeof p->sector, "%s", sector ? sector : "");
		snprintf(p->ltla, sizeof p->ltla, "%s", la ? la : "");
		p->has_grid = sqlite3_column_type(s, 1) != SQLITE_NULL && sqlite3_column_type(s, 2) != SQLITE_NULL;
		p->east = sqlite3_column_double(s, 1);
		p->north = sqlite3_column_double(s, 2);
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the postcode sectors");
}

void postcode_sectors_release(struct postcode_sectors *p)
{
	free(p->items);
	memset(p, 0, sizeof *p);
}

static int cmp_sector(const void *key, const void *elem)
{
	return strcmp(key, ((const struct postcode_sector *)elem)->sector);
}

const struct postcode_sector *postcode_sectors_find(const struct postcode_sectors *p, const char *sector)
{
	return sector && p->n ? bsearch(sector, p->items, p->n, sizeof *p->items, cmp_sector) : NULL;
}

double postcode_sectors_miles(const struct postcode_sector *a, const struct postcode_sector *b)
{
	if (!a || !b || !a->has_grid || !b->has_grid)
		return -1;
	return hypot(a->east - b->east, a->north - b->north) / 1609.344;
}
