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
 * more than tolerance x |target - baseline|; red worse than that. */
enum benefit_rag benefit_rag(const struct prog_benefit *b, double plan, double actual);

/* Tables: benefits (the register with the latest RAG as of as_of),
 * benefits_by_month, and savings_landing when the programme has financial
 * benefits, savings and a first_year. computed[0..ncomputed) are actuals
 * from the store (may be none): where one falls in a month (or, for
 * savings landing, a year) it is used instead of the sheet's. The caller
 * frees each table. */
int benefits_tables(const struct programme *p, const struct prog_actual *computed, int ncomputed, cf_date as_of,
		    struct cf_table **out, int *nout, struct cf_error *err);

#endif
