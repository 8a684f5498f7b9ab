/* Benefits realisation: each benefit's planned trajectory from baseline to
 * target, its actuals, variance and RAG month by month, and the financial
 * benefits summed against the business case's savings ("are the savings
 * landing?"). Actuals come from the actuals sheet and, for benefits measured
 * by an indicator, from the store (programme/programme_model.h). */
#ifndef CF_PROGRAMME_PROGRAMME_BENEFITS_H
#define CF_PROGRAMME_PROGRAMME_BENEFITS_H

#include "base/table.h"
#include "formats/programme.h"

/* The planned value on day d: the baseline before the baseline date, the
 * target after the target date, and between them linear or geometric
 * (constant rate of change) in the share of days elapsed. */
double benefit_plan(const struct prog_benefit *b, cf_date d);

enum benefit_rag { BENEFIT_RAG_GREEN = 0, BENEFIT_RAG_AMBER, BENEFIT_RAG_RED };
extern const char *const benefit_rag_names[3];

/* Green on plan or better (better = towards the target); amber worse by no
 * more than tolerance x |target - baseline|; red worse than that, or past
 * the target by more than |target - baseline| (baseline and actual cannot
 * both be right). */
enum benefit_rag benefit_rag(const struct prog_benefit *b, double plan, double actual);

/* One benefit judged on as_of: its latest actual dated on or before then,
 * the plan on that month's end, the variance (actual - plan) and RAG. */
struct benefit_status {
	const struct prog_benefit *benefit;     /* in the programme */
	const char *actuals_from;               /* where its actuals came from, static text */
	int has_actual;                         /* 0: none by as_of; the five below are unset */
	cf_date latest_date;
	double latest_actual, plan_then, variance;
	enum benefit_rag rag;
};

/* A benefit's month, from its baseline's to its target's (or its last actual's). */
struct benefit_month {
	const struct prog_benefit *benefit;     /* in the programme */
	int year, month;
	double plan;                            /* on the month's last day */
	int has_actual;                         /* 0: no actual that month; the four below are unset */
	double actual, variance;                /* the month's latest actual, and actual - plan */
	cf_date actual_date;
	enum benefit_rag rag;
};

/* Are the savings landing? One financial year: the business case's gross
 * savings against the financial benefits' plan and actuals at its end. */
struct savings_landing_year {
	int year;                               /* 0 the programme's first */
	cf_date year_end;
	double business_case_savings, benefits_plan;
	int has_actual;                         /* 0: no financial benefit has an actual that year */
	double benefits_actual, variance;       /* variance = actual - business case savings */
	double landed_pct;                      /* NaN without an actual or without business case savings */
};

struct benefits_result {
	struct benefit_status *benefits;        /* owned; nbenefits, in register order */
	int nbenefits;
	struct benefit_month *months;           /* owned; nmonths, benefit by benefit */
	size_t nmonths;
	int has_landing;                        /* financial benefits, savings and a first_year */
	struct savings_landing_year *landing;   /* owned; nlanding */
	int nlanding;
};

/* Judge p's benefits on as_of. computed[0..ncomputed) are actuals from the
 * store (may be none): where one falls in a month (or, for savings
 * landing, a year) it is used instead of the sheet's. out points into p,
 * which must outlive it; free it with benefits_result_release. */
int benefits_compute(const struct programme *p, const struct prog_actual *computed, int ncomputed, cf_date as_of,
		     struct benefits_result *out, struct cf_error *err);
void benefits_result_release(struct benefits_result *r);

/* Tables from a result: benefits (the register with the latest RAG),
 * benefits_by_month, and savings_landing when it has one. The caller
 * frees each table. */
int benefits_result_tables(const struct benefits_result *r, struct cf_table **out, int *nout,
			   struct cf_error *err);

/* benefits_compute, then its tables. */
int benefits_tables(const struct programme *p, const struct prog_actual *computed, int ncomputed, cf_date as_of,
		    struct cf_table **out, int *nout, struct cf_error *err);

#endif
