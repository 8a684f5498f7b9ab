/* The indicator engine's own interface between its counting pass (kpi.c)
 * and the records behind a figure (kpi_records.c): the pass keeps, for one
 * traced indicator, every unit it counts as it counts it, so a figure and
 * its records cannot come from two definitions. */
#ifndef CF_INDICATORS_KPI_INT_H
#define CF_INDICATORS_KPI_INT_H

#include <stddef.h>

#include "indicators/kpi.h"

/* One unit counted (a child, or an event such as a referral) for a traced indicator. */
struct kpi_counted {
	int id;                       /* the traced indicator it belongs to */
	int child;                    /* registry index; -1 for none (workforce) */
	int group;                    /* its group of opt->by (0 when by is "all") */
	cf_date on;                   /* the day it is counted on */
	double num, den;              /* what it adds to the numerator and the denominator */
	struct record_source src;     /* the deciding record's return and row (row 0: not known yet) */
	const struct cla_episode *ep; /* the deciding episode, or NULL */
	unsigned char repeat;         /* 1: the same unit kept again for another group of an overlapping
	                               * breakdown (factor): not listed for the LA */
	const char *who;              /* what a row names when not a registry child (a family's id, a child
				       * the returns do not hold), NULL otherwise; lives as long as the data */
};

/* The indicators traced in one pass, and the units kept for them. */
struct kpi_trace {
	unsigned char traced[K_N];    /* 1: keep this indicator's units */
	unsigned char feeds[K_N];     /* 1: this count is a traced conversion's numerator or denominator */
	struct kpi_counted *units;    /* malloc'd, in counting order */
	size_t n, cap;
	int oom;
};

/* kpi_compute, keeping trace's units (trace NULL: kpi_compute). */
int kpi_compute_traced(const struct kpi_data *d, const struct kpi_period *periods, int nperiods,
		       const struct kpi_options *opt, struct kpi_trace *trace, struct kpi_result **out,
		       struct cf_error *err);

/* 1 when id is a conversion down the funnel (one count over another): *num_id
 * and *den_id are those counts; else 0 and both -1. */
int kpi_flow_parts(int id, int *num_id, int *den_id);

/* The breakdowns by referral source and assessment factor (kpi_groups.c). */
/* The index into d->sources of child's latest referral on or before `on`, -1 none or not recorded. */
int kpi_source_on(const struct kpi_data *d, int child, cf_date on);
/* The factors (bits into d->factors) of child's latest assessment started on
 * or before `on`; *assessed 0 when there is none. */
uint64_t kpi_factors_on(const struct kpi_data *d, int child, cf_date on, int *assessed);
/* The group names of the disability and deprivation breakdowns. */
extern const char *const kpi_disability_groups[3];   /* "disabled", "not disabled", "not recorded" */
extern const char *const kpi_deprivation_groups[11]; /* "1 most deprived", "2" .. "10 least deprived", "unknown" */

#endif
