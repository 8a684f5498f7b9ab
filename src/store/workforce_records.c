/* Reading the workforce census: LA rows, worker rows, FTE in post by role. */
#include "store/workforce_records.h"

#include "store/store_int.h"

static int la_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct workforce_la_record r = { store_col_date(s, 0), !store_col_null(s, 1), !store_col_null(s, 2),
					 sqlite3_column_double(s, 1), sqlite3_column_double(s, 2) };
	return ((int (*)(void *, const struct workforce_la_record *))w->fn)(w->ctx, &r);
}

int workforce_la_records_each(struct store *st, int (*fn)(void *ctx, const struct workforce_la_record *r),
			      void *ctx, struct cf_error *err)
{
	return store_walk_sql(st, "SELECT census_date, vacancies_fte, agency_fte FROM workforce_la "
			      "WHERE census_date IS NOT NULL ORDER BY return_id",
			      "workforce_la", la_row, (void (*)(void))fn, ctx, err);
}

static int worker_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct workforce_worker_record r = {
		.census_date = store_col_date(s, 0), .agency = sqlite3_column_int(s, 1) == 1,
		.fte = sqlite3_column_double(s, 2), .leaver_fte = sqlite3_column_double(s, 3),
		.start = store_col_date(s, 4), .end = store_col_date(s, 5), .cases = sqlite3_column_double(s, 6),
	};
	return ((int (*)(void *, const struct workforce_worker_record *))w->fn)(w->ctx, &r);
}

int workforce_worker_records_each(struct store *st, int (*fn)(void *ctx, const struct workforce_worker_record *r),
				  void *ctx, struct cf_error *err)
{
	return store_walk_sql(st,
			      "SELECT w.census_date, w.agency, coalesce(w.fte, w.fte30), coalesce(nullif(w.fte30, 0), w.fte), "
			      "w.start_date, w.end_date, w.cases "
			      "FROM workforce_workers w JOIN (SELECT census_date AS d, max(return_id) AS latest "
			      "FROM workforce_workers GROUP BY census_date) l ON l.d = w.census_date AND l.latest = w.return_id",
			      "workforce_workers", worker_row, (void (*)(void))fn, ctx, err);
}

static int fte_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct workforce_fte_record r = { store_col_text(s, 0), store_col_text(s, 1), sqlite3_column_int(s, 2) == 1,
					  sqlite3_column_double(s, 3) };
	return ((int (*)(void *, const struct workforce_fte_record *))w->fn)(w->ctx, &r);
}

int workforce_fte_records_each(struct store *st, int (*fn)(void *ctx, const struct workforce_fte_record *r),
			       void *ctx, struct cf_error *err)
{
	return store_walk_sql(st,
			      "WITH latest AS (SELECT census_date AS d, max(return_id) AS rid FROM workforce_workers "
			      "  WHERE census_date = (SELECT max(census_date) FROM workforce_workers)) "
			      "SELECT l.d, w.role, w.agency, sum(w.fte) FROM workforce_workers w JOIN latest l "
			      "  ON w.return_id = l.rid AND w.census_date = l.d "
			      "WHERE w.fte > 0 AND (w.start_date IS NULL OR w.start_date <= l.d) "
			      "  AND (w.end_date IS NULL OR w.end_date > l.d) "
			      "GROUP BY w.role, w.agency",
			      "the workforce census", fte_row, (void (*)(void))fn, ctx, err);
}
