/* Placement costs: weekly unit costs per placement type and provider (a
 * CSV, or the built-in illustrative set), turned into a cost per child-day
 * for each placement category by the mix of types and providers seen in
 * the reference window, raised by annual inflation from a date. */
#ifndef CF_FORECAST_FORECAST_COSTS_H
#define CF_FORECAST_FORECAST_COSTS_H

#include "forecast/forecast_states.h"

enum { FC_PROVIDER_ANY = -1, FC_PLACE_CATEGORY = -1 };

struct fc_cost_row {
	char label[64];
	int place_code;       /* fc_place_code, or FC_PLACE_CATEGORY for a whole category */
	int category;         /* enum fc_place (the code's, or the one named) */
	int provider;         /* enum fc_provider or FC_PROVIDER_ANY */
	double gbp_week;
	double child_days;    /* set by fc_costs_weight: reference-window days priced by this row */
};

struct fc_costs {
	struct fc_cost_row *rows;   /* owned */
	int n;
	double inflation;           /* annual rate, 0.03 for 3% */
	cf_date inflation_from;     /* costs are at this day's prices; +1 step each anniversary */
	double gbp_day[FC_NPLACE];  /* set by fc_costs_weight */
	char source[160];           /* where the costs come from, for the inputs table */
};

/* The built-in set (the same as data/forecast/unit_costs.csv). */
int fc_costs_default(struct fc_costs *c, const struct fc_placemap *m, struct cf_error *err);
/* CSV with columns label,place,provider,cost_gbp_week: place is a PLACE
 * code or a category name; provider in_house, external or any. Every
 * category must be priced for both providers. */
int fc_costs_load(struct fc_costs *c, const char *path, const struct fc_placemap *m, struct cf_error *err);
void fc_costs_release(struct fc_costs *c);
/* Add a row: PLACE code or category `place`, provider in_house, external or
 * any, £ a week (a council's own unit cost). A row for an exact code and
 * provider beats the category rows already there (fc_costs_match). */
int fc_costs_add(struct fc_costs *c, const struct fc_placemap *m, const char *label, const char *place,
		 const char *provider, double gbp_week, struct cf_error *err);

/* The row that prices PLACE code `place_code` (category cat) with provider
 * prov: an exact code beats a category, a named provider beats any. */
const struct fc_cost_row *fc_costs_match(const struct fc_costs *c, int place_code, int cat, int prov);
/* Cost per child-day of each category: the window's child-days by row. */
void fc_costs_weight(struct fc_costs *c, const struct fc_history *h, cf_date ref_start, cf_date ref_end);
/* Inflation factor on day d. */
double fc_costs_inflation(const struct fc_costs *c, cf_date d);

#endif
