/* Reading Annex A's visits (annexa_visits.h). */
#include "store/annexa_visits.h"

#include "store/store_int.h"

static int visit_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct annexa_visit_record r = { sqlite3_column_int(s, 0), store_col_text(s, 1), store_col_text(s, 2),
					 store_col_date(s, 3), store_col_date(s, 4), store_col_date(s, 5),
					 store_col_date(s, 6), { sqlite3_column_int(s, 7), sqlite3_column_int(s, 8) } };
	return ((int (*)(void *, const struct annexa_visit_record *))w->fn)(w->ctx, &r);
}

int annexa_visits_each(struct store *st, int (*fn)(void *ctx, const struct annexa_visit_record *r), void *ctx,
		       struct cf_error *err)
{
	return store_walk_sql(st, "SELECT v.list, v.child, v.team, v.start_date, v.end_date, v.visit_date, e.as_at, "
			      "v.return_id, v.row FROM annexa_visits v JOIN annexa_extracts e ON e.return_id = v.return_id "
			      "ORDER BY v.return_id, v.row",
			      "annexa_visits", visit_row, (void (*)(void))fn, ctx, err);
}
