/* Reading the deprivation deciles: one per area, the latest load's. */
#include "store/deprivation.h"

#include "store/store_int.h"

static int deprivation_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	return ((int (*)(void *, const char *, int))w->fn)(w->ctx, store_col_text(s, 0), sqlite3_column_int(s, 1));
}

int deprivation_each(struct store *st, int (*fn)(void *ctx, const char *area, int decile), void *ctx,
		     struct cf_error *err)
{
	return store_walk_sql(st,
			      "SELECT area, decile FROM (SELECT area, decile, row_number() OVER "
			      "(PARTITION BY area ORDER BY return_id DESC, row DESC) AS v FROM deprivation) WHERE v = 1",
			      "deprivation", deprivation_row, (void (*)(void))fn, ctx, err);
}
