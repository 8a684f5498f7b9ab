/* Cost-benefit analysis by the HM Treasury Green Book local-partnership
 * method (DOMAIN.md §6): costs raised by optimism bias, outcomes net of
 * deadweight and attribution, benefits lowered by optimism bias and decayed
 * by drop-off, everything discounted; returns split by agency, and a
 * sensitivity table with switching values. */
#ifndef CF_PROGRAMME_PROGRAMME_CBA_H
#define CF_PROGRAMME_PROGRAMME_CBA_H

#include "base/table.h"
#include "formats/programme.h"

#define CBA_MAX_YEARS (2 * PROG_MAX_YEAR + 2)

/* Multipliers applied to every cost or outcome's assumption (1 = as given);
 * rates are capped at 1 after multiplying. */
enum cba_assumption {
	CBA_COSTS = 0, CBA_COST_OB, CBA_COHORT, CBA_ENGAGEMENT, CBA_IMPACT, CBA_DEADWEIGHT, CBA_ATTRIBUTION,
	CBA_UNIT_VALUE, CBA_DROP_OFF, CBA_BENEFIT_OB, CBA_DISCOUNT_RATE, CBA_NASSUMPTIONS
};
extern const char *const cba_assumption_names[CBA_NASSUMPTIONS];

struct cba_result {
	int nyears;                                  /* years 0 .. nyears-1 */
	double df[CBA_MAX_YEARS];                    /* discount factor 1/(1+r)^t */
	double costs[CBA_MAX_YEARS];                 /* after optimism bias, undiscounted */
	double benefit[3][CBA_MAX_YEARS];            /* by prog_value_type, undiscounted */
	double cashable[CBA_MAX_YEARS];
	double pv_costs, pv_benefit[3], pv_cashable, pv_benefits;
	double financial_roi;      /* PV fiscal / PV costs (NaN without costs) */
	double npbi;               /* net present budget impact: PV fiscal - PV costs */
	double bcr;                /* public value benefit-cost ratio: PV all benefits / PV costs */
	double npv;                /* PV all benefits - PV costs */
	double cashable_share;     /* PV cashable / PV fiscal (NaN without fiscal benefits) */
	int payback_year;          /* first year cumulative PV fiscal >= cumulative PV costs; -1 never */
};

/* Compute for all agencies (agency NULL) or one. mult may be NULL (all 1). */
void cba_compute(const struct prog_cba *cba, const double *mult, const char *agency, struct cba_result *out);

/* One assumption 20% lower and higher, and the multiples of it at which
 * the public value NPV and the budget impact are zero (NaN: not within
 * 0-10 times). */
struct cba_sensitivity {
	double bcr_minus_20pct, bcr, bcr_plus_20pct;
	double npbi_minus_20pct, npbi_plus_20pct;
	double switching_value, switching_change_pct, budget_switching_value;
};
/* out[s] for each enum cba_assumption s. */
void cba_sensitivity_compute(const struct prog_cba *cba, struct cba_sensitivity out[CBA_NASSUMPTIONS]);
/* The whole appraisal: for all agencies, for each agency, and the
 * sensitivity of each assumption. */
#define CBA_MAX_AGENCIES 256
struct cba_analysis {
	double discount_rate;                   /* the appraisal's, as given */
	struct cba_result all;
	int nagencies;                          /* in the order they first appear: costs, then outcomes */
	const char *agencies[CBA_MAX_AGENCIES]; /* in the programme */
	struct cba_result *by_agency;           /* owned; nagencies */
	struct cba_sensitivity sensitivity[CBA_NASSUMPTIONS];
};

/* Appraise cba. out points into cba, which must outlive it; free it with
 * cba_analysis_release. */
int cba_analyse(const struct prog_cba *cba, struct cba_analysis *out, struct cf_error *err);
void cba_analysis_release(struct cba_analysis *a);

/* Tables from an analysis: cba_summary, cba_by_year, cba_by_agency,
 * cba_by_year_agency, cba_sensitivity. The caller frees each table. */
int cba_analysis_tables(const struct cba_analysis *a, struct cf_table **out, int *nout, struct cf_error *err);

/* cba_analyse on p's appraisal, then its tables. */
int cba_tables(const struct programme *p, struct cf_table **out, int *nout, struct cf_error *err);

#endif
