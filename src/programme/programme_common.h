/* What the programme analyses share: building result tables from a short
 * column spec, and how the programme's money is labelled. */
#ifndef CF_PROGRAMME_PROGRAMME_COMMON_H
#define CF_PROGRAMME_PROGRAMME_COMMON_H

#include "base/date.h"
#include "base/error.h"
#include "base/table.h"
#include "formats/programme.h"

/* A table whose columns are given as "name:T" with T one of t (text),
 * i (int), b (bool) or rN (real shown with N decimals), separated by
 * spaces: "year:t one_off_costs:r0 payback:i". NULL (err set) on OOM. */
struct cf_table *ptable_new(const char *name, const char *spec, struct cf_error *err);

/* Append a row; returns its index, or -1 on OOM. */
long ptable_row(struct cf_table *t);

/* Set a text cell to the date as yyyy-mm-dd, left empty for CF_DATE_NONE;
 * -1 on OOM. */
int ptable_set_date(struct cf_table *t, long row, int col, cf_date d);

/* The last year index (0 the first) with costs or agreed savings, or -1
 * when the programme has none. */
int programme_last_year(const struct programme *p);

/* Decimals to show the business case's money with: the fewest (0 to 4)
 * that show every amount exactly, so £000s modelled to the pound show 3. */
int programme_money_decimals(const struct programme *p);

/* "£000" or "£". */
const char *programme_unit_label(const struct programme *p);

/* Free tables[0..n) and set n to 0. */
void ptables_free(struct cf_table **tables, int *n);

#endif
