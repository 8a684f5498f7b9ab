/* The explore room's own pieces of a comparison, shared by compare.c (an
 * indicator's groups) and drivers.c (conversion by referral source): a
 * row's figure and interval from counts, one row against a reference, and
 * every group tested with Holm's adjustment. */
#ifndef CF_EXPLORE_COMPARE_INT_H
#define CF_EXPLORE_COMPARE_INT_H

#include "explore/explore.h"

/* num of den as a figure scaled by `scale` (100: percent; 10,000: per
 * 10,000) with its 95% interval; den <= 0 leaves the row without a value. */
void compare_row_fill(struct compare_row *row, const char *name, double num, double den, enum compare_kind kind,
		      double scale);

/* The row against x2 of n2: its ratio with Katz's interval and the
 * chi-square test's p. */
void compare_row_against(struct compare_row *row, double x2, double n2, enum compare_kind kind);

/* rows[0] is the whole; each other row with a value is tested against
 * rows[base] (base > 0) or the rest of the whole (base 0), with p_holm
 * across them, and all together by one chi-square (*chi2 on *df, *p_all). */
int compare_rows_test(struct compare_row *rows, int nrows, int base, enum compare_kind kind, double *chi2, int *df,
		      double *p_all, struct cf_error *err);

#endif
