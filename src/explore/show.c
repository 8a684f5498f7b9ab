/* Helpers the explore room's tables and sentences share (show_int.h). */
#include "explore/show_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct cf_table *explore_table_new(const char *name, const char *const *cols, const enum cf_cell_type *types,
				   const int *decimals, int n)
{
	struct cf_table *t = cf_table_new(name);
	for (int i = 0; t && i < n; i++)
		if (cf_table_add_column(t, cols[i], types[i], decimals ? decimals[i] : types[i] == CF_CELL_REAL) < 0) {
			cf_table_free(t);
			t = NULL;
		}
	return t;
}

void explore_set_real(struct cf_table *t, size_t row, int col, double v, int ok)
{
	if (ok && isfinite(v))
		cf_table_set_real(t, row, col, v);
	else
		cf_table_set_null(t, row, col);
}

void explore_say(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	if (len + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}
