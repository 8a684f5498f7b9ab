/* The explore room's own helpers for showing results, shared by
 * compare_show.c, drivers_show.c and evaluate_show.c: a table made from
 * column lists, a real cell or null, and a sentence appended to a buffer. */
#ifndef CF_EXPLORE_SHOW_INT_H
#define CF_EXPLORE_SHOW_INT_H

#include <stddef.h>

#include "base/table.h"

/* A new table of n columns (REAL ones shown with decimals[i], or 1 when
 * decimals is NULL); NULL on out of memory. */
struct cf_table *explore_table_new(const char *name, const char *const *cols, const enum cf_cell_type *types,
				   const int *decimals, int n);
/* v when it is a finite number and ok, else null. */
void explore_set_real(struct cf_table *t, size_t row, int col, double v, int ok);
/* printf onto the end of buf (size bytes), cut when full. */
void explore_say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
