/* DfE's published tables as loaded: the tidy figures (published), the
 * statistical-neighbour groupings (sn_groups) and the ONS LTLA-UTLA lookup
 * (la_lookup). indicators/benchmark.c reads them through these walks. */
#ifndef CF_STORE_PUBLISHED_H
#define CF_STORE_PUBLISHED_H

#include "base/error.h"
#include "store/store.h"

/* One published figure. Strings are NULL when the cell is empty and live
 * until the callback returns. */
struct published_figure {
	int time_period;            /* as DfE writes it: 2024, or 202324 */
	const char *level;          /* geographic_level: "National", "Regional", "Local authority" ... */
	const char *la_code;        /* DfE's three-digit number */
	const char *ons_code;
	const char *la_name;
	const char *region_code;
	const char *region_name;
	double value;               /* NAN when suppressed or not given */
};

/* Every figure of one measure and breakdown from tables whose source starts
 * with source_prefix, in load order (file, then row). fn returning non-zero
 * stops the walk and returns that. */
int published_figures(struct store *st, const char *measure, const char *breakdown, const char *source_prefix,
		      int (*fn)(void *ctx, const struct published_figure *f, struct cf_error *err), void *ctx,
		      struct cf_error *err);

/* The neighbours of each LA in grouping `model` ("2025", "2021") as last
 * loaded: (la_code, neighbour_code) by la_code then rank. *nrows is how
 * many there were. */
int published_neighbours(struct store *st, const char *model,
			 int (*fn)(void *ctx, const char *la_code, const char *neighbour_code, struct cf_error *err),
			 void *ctx, long *nrows, struct cf_error *err);

/* The LTLA-UTLA lookup as last loaded, one pair at a time ("" for an empty
 * code). */
int published_la_lookup(struct store *st, int (*fn)(void *ctx, const char *ltla, const char *utla, struct cf_error *err),
			void *ctx, struct cf_error *err);

#endif
