/* Scenarios: adjustments an analyst writes in a plain-text file (multiply or
 * add to entry, exit or move rates for chosen age bands and placements,
 * from a date, optionally phased in), applied to estimated rates with the
 * sum of the rates out of a state kept within 1. Format: docs/forecast.md. */
#ifndef CF_FORECAST_FORECAST_SCENARIO_H
#define CF_FORECAST_FORECAST_SCENARIO_H

#include "forecast/forecast_rates.h"

enum fc_adj_target { FC_ADJ_ENTRY, FC_ADJ_EXIT, FC_ADJ_MOVE };

struct fc_adjustment {
	int multiply;                 /* 1: rate × value; 0: rate + value (never below 0) */
	enum fc_adj_target target;
	double value;                 /* factor, or amount per day */
	unsigned bands, places;       /* bit masks of the states adjusted (entry: entered) */
	unsigned to_places;           /* move: destination placements */
	cf_date from;                 /* first day it applies; CF_DATE_NONE: from the start */
	int phase_months;             /* 0: in full at once; n: 1/n more each month */
	long line;                    /* where it was written */
};

struct fc_scenario {
	struct fc_adjustment *adj;    /* owned */
	int n;
};

/* Parse scenario text (name is used in messages). */
int fc_scenario_parse(const char *text, const char *name, struct fc_scenario *out, struct cf_error *err);
int fc_scenario_load(const char *path, struct fc_scenario *out, struct cf_error *err);
void fc_scenario_release(struct fc_scenario *s);

/* How much of adjustment a applies on day d, 0..1. */
double fc_adjustment_strength(const struct fc_adjustment *a, cf_date d);
/* Days (ascending, deduplicated, within [lo, hi]) on which some
 * adjustment's strength changes; returns how many were written (≤ cap). */
int fc_scenario_change_days(const struct fc_scenario *s, cf_date lo, cf_date hi, cf_date *days, int cap);
/* out = base adjusted as on day d; rates out of a state that would sum
 * past 1 are scaled back, the adjusted ones kept first (docs/forecast.md).
 * Returns how many rate states had to be scaled back. */
int fc_scenario_apply(const struct fc_scenario *s, const struct fc_rates *base, cf_date d, struct fc_rates *out);

#endif
