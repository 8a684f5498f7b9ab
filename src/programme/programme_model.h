/* What a programme takes from the store's data. When it is loaded: a
 * savings line that names a forecast becomes that workstream's savings by
 * financial year (the scenario's cost difference from the base forecast),
 * and a workforce demand that names a forecast or an indicator becomes a
 * monthly series of cases. When it is shown: benefits measured by an
 * indicator get their actuals, month by month, from the indicator engine.
 * docs/programme.md ("Modelled lines") says why the first two are fixed at
 * load and the third is not. */
#ifndef CF_PROGRAMME_PROGRAMME_MODEL_H
#define CF_PROGRAMME_PROGRAMME_MODEL_H

#include "base/table.h"
#include "formats/programme.h"
#include "store/store.h"

struct programme_model_report {
	struct cf_table *savings;       /* modelled_savings: each forecast line's years; NULL when none (caller frees) */
	int demand_months;              /* months in a computed demand series; 0 when none */
	cf_date demand_from, demand_to;
	double demand_min, demand_max;  /* cases */
};

/* Run the forecasts p's savings lines and workforce demand name, and the
 * indicator a demand names, on the store's data, replacing each such line
 * with figures (pending cleared); and check every benefit's measure is
 * `manual` or an indicator id. Errors name the sheet, row and column of
 * the line. rep may be NULL; release it with programme_model_report_release. */
int programme_model_load(struct store *st, struct programme *p, struct programme_model_report *rep,
			 struct cf_error *err);
void programme_model_report_release(struct programme_model_report *rep);

/* The actuals of benefits measured by an indicator: the LA's value for
 * each month the store's data cover, dated the month's end, row 0. *out is
 * malloc'd (free it); none when no benefit names an indicator or the store
 * has no data for it. suppress > 0 leaves out a month whose figure small-
 * number suppression at that threshold hides (*withheld, may be NULL, counts
 * them). notes (may be NULL) gets why an indicator has none. */
int programme_indicator_actuals(struct store *st, const struct programme *p, long suppress, struct prog_actual **out,
				int *nout, int *withheld, char *notes, size_t notes_size, struct cf_error *err);

#endif
