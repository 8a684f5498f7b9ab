/* Reading population estimates: the latest load of each year and area. */
#include "store/population_records.h"

#include "store/store_int.h"

static int population_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct population_record r = {
		.year = sqlite3_column_int(s, 0), .area = store_col_text(s, 1),
		.has_age = !store_col_null(s, 2), .age = sqlite3_column_int(s, 2), .age_band = store_col_text(s, 3),
		.sex = store_col_text(s, 4), .count = sqlite3_column_double(s, 5),
	};
	return ((int (*)(void *, const struct population_record *))w->fn)(w->ctx, &r);
}

int population_records_each(struct store *st, int (*fn)(void *ctx, const struct population_record *r), void *ctx,
			    struct cf_error *err)
{
	return store_walk_sql(st,
			      "SELECT p.year, p.area, p.age, p.age_band, p.sex, p.count FROM population p "
			      "JOIN (SELECT year AS y, area AS a, max(return_id) AS latest FROM population GROUP BY year, area) l "
			      "ON l.y = p.year AND l.a = p.area AND l.latest = p.return_id",
			      "population", population_row, (void (*)(void))fn, ctx, err);
}
