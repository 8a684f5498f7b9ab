/* The region room: figures across a regional hub's councils, computed from
 * children rather than from published tables (docs/hub.md "Analyses on the
 * pool"). Each council's figures come from its own rows, by the same
 * indicators engine as `caseflow kpi`, for any indicator and any period it
 * computes, including months and quarters. The region's
 * numerator and denominator are the councils' sums: children are counted
 * one by one and never shared between councils, so that is the pool's. */
#ifndef CF_REGION_REGION_H
#define CF_REGION_REGION_H

#include "base/error.h"
#include "base/table.h"
#include "indicators/indicators.h"

struct region_kpi_request {
	const char *uri;            /* the hub */
	const char *periods;        /* as kpi --period; NULL: the pooled data's latest complete year */
	const unsigned char *want;  /* K_N flags, NULL: every indicator */
	long suppress;              /* hide counts below this in the table (0: none) */
};

/* The figures: [place][period][indicator] cells, place 0..ncouncils-1 the
 * councils in code order and place ncouncils the region. */
struct region_kpi {
	int ncouncils;
	char (*la)[8];              /* owned: council codes */
	int nperiods;
	struct kpi_period *periods; /* owned */
	struct kpi_cell *cells;     /* owned */
	unsigned char omitted[K_N]; /* 1: not computed for the region (no data) or not wanted */
	/* each council's statistical neighbours (DfE's 2025 groupings, as built
	 * into caseflow) that are in the hub: indexes into la, -1 ended */
	int (*neighbours)[11];
};

/* Compute; the connecting role must be able to read every council's rows
 * (the hub's admin role). *out is the caller's (region_kpi_free). */
int region_kpi(const struct region_kpi_request *q, struct region_kpi **out, struct cf_error *err);
void region_kpi_free(struct region_kpi *r);
const struct kpi_cell *region_kpi_cell(const struct region_kpi *r, int place, int period, int id);

/* Rows: indicator, period, la ("region" for the pool), numerator,
 * denominator, value, unit, region_value, rank (1 the best of the councils
 * by the indicator's polarity; the highest for a neutral one), ranked (how
 * many councils had a value), sn_median (the median value of the council's
 * statistical neighbours that are in the region), sn_in_region (how many
 * of them had a value), suppressed. */
int region_kpi_table(const struct region_kpi *r, long suppress, struct cf_table **out, struct cf_error *err);

/* Replace the hub's table of figures with r's (hub.figures), which the
 * regional role reads through hub.region_figures, small numbers suppressed. */
int region_kpi_publish(const char *uri, const struct region_kpi *r, struct cf_error *err);

#endif
