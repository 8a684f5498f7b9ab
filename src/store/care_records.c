/* Reading missing incidents and OC3 rows. */
#include "store/care_records.h"

#include "store/store_int.h"

static int missing_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct missing_record r = { store_col_text(s, 0), { sqlite3_column_int(s, 3), sqlite3_column_int(s, 4) },
				     store_col_date(s, 1), store_col_text(s, 2) };
	return ((int (*)(void *, const struct missing_record *))w->fn)(w->ctx, &r);
}

int missing_records_each(struct store *st, int (*fn)(void *ctx, const struct missing_record *r), void *ctx,
			 struct cf_error *err)
{
	return store_walk_sql(st, "SELECT child, mis_start, missing, return_id, row FROM ssda903_missing WHERE child IS NOT NULL",
			      "missing incidents", missing_row, (void (*)(void))fn, ctx, err);
}

static int oc3_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct oc3_record r = { store_col_text(s, 0), { sqlite3_column_int(s, 5), sqlite3_column_int(s, 6) },
				sqlite3_column_int(s, 1), store_col_date(s, 2),
				store_col_text(s, 3), store_col_text(s, 4) };
	return ((int (*)(void *, const struct oc3_record *))w->fn)(w->ctx, &r);
}

int oc3_records_each(struct store *st, int (*fn)(void *ctx, const struct oc3_record *r), void *ctx,
		     struct cf_error *err)
{
	return store_walk_sql(st,
			      "SELECT child, collection_year, dob, in_touch, activ, return_id, row FROM ("
			      " SELECT o.child, r.collection_year, o.dob, o.in_touch, o.activ, o.return_id, o.row,"
			      "  row_number() OVER (PARTITION BY o.child, r.collection_year ORDER BY o.return_id DESC, o.row DESC) AS v"
			      " FROM ssda903_oc3 o JOIN returns r ON r.id = o.return_id"
			      " WHERE o.child IS NOT NULL AND r.collection_year IS NOT NULL) WHERE v = 1",
			      "OC3", oc3_row, (void (*)(void))fn, ctx, err);
}
