/* The business case: investment against savings, year by year, as a
 * committee paper prints it (DOMAIN.md §6). All arithmetic is exact
 * (prog_money), so a published case in £000s comes out to the pound. */
#ifndef CF_PROGRAMME_PROGRAMME_BUSINESS_CASE_H
#define CF_PROGRAMME_PROGRAMME_BUSINESS_CASE_H

#include "base/table.h"
#include "formats/programme.h"

struct bc_year {
	prog_money one_off, ongoing;   /* costs */
	prog_money incremental;        /* new savings that year (positive saves) */
	prog_money gross_savings;      /* running total of incremental savings, negative as in the case */
	prog_money net;                /* one_off + ongoing + gross_savings */
	prog_money cumulative;         /* running total of net */
};

struct business_case {
	int nyears;                    /* years 0 .. nyears-1 */
	struct bc_year years[PROG_MAX_YEAR + 1];
	struct bc_year total;          /* cumulative: the final year's */
	int payback_year;              /* first year the cumulative net turns negative; -1 when it never does */
	double roi;                    /* -total net / total costs (NaN without costs) */
	double savings_per_cost;       /* -total gross savings / total costs */
};

/* The whole programme (workstream NULL) or one workstream ("" for the
 * programme-wide costs that name none). */
void business_case_compute(const struct programme *p, const char *workstream, struct business_case *bc);

/* Tables: business_case (by year with a total), business_case_by_workstream,
 * business_case_summary. The caller frees each table. */
int business_case_tables(const struct programme *p, struct cf_table **out, int *nout, struct cf_error *err);

#endif
