/* Reading children's characteristics, localities and areas. */
#include "store/child_records.h"

#include "store/store_int.h"

static int child_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct child_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_date(s, 2), store_col_text(s, 3),
				   store_col_text(s, 4) };
	if (!r.child)
		return CF_OK;
	return ((int (*)(void *, const struct child_record *))w->fn)(w->ctx, &r);
}

int child_records_each(struct store *st, enum child_source source,
		       int (*fn)(void *ctx, const struct child_record *r), void *ctx, struct cf_error *err)
{
	const char *sql = source == CHILDREN_LINKED
		? "SELECT child, sex, dob, ethnicity, NULL FROM children"
		: "SELECT child, sex, dob, ethnicity, disabilities FROM cin_children WHERE child IS NOT NULL ORDER BY return_id DESC";
	return store_walk_sql(st, sql, "children", child_row, (void (*)(void))fn, ctx, err);
}

static int locality_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct locality_record r = { store_col_text(s, 0), store_col_text(s, 1), sqlite3_column_int64(s, 2) };
	return ((int (*)(void *, const struct locality_record *))w->fn)(w->ctx, &r);
}

int locality_records_each(struct store *st, int (*fn)(void *ctx, const struct locality_record *r), void *ctx,
			  struct cf_error *err)
{
	return store_walk_sql(st, "SELECT area, locality, return_id FROM localities WHERE area IS NOT NULL "
			      "AND locality IS NOT NULL AND locality <> ''",
			      "localities", locality_row, (void (*)(void))fn, ctx, err);
}

static int area_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct child_area_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
				       sqlite3_column_int64(s, 3) };
	return ((int (*)(void *, const struct child_area_record *))w->fn)(w->ctx, &r);
}

int child_area_records_each(struct store *st, int (*fn)(void *ctx, const struct child_area_record *r), void *ctx,
			    struct cf_error *err)
{
	return store_walk_sql(st,
			      "SELECT child, area, coalesce(from_date, '0000-00-00'), return_id FROM child_areas "
			      "WHERE child IS NOT NULL AND area IS NOT NULL "
			      "UNION ALL SELECT child, home_post, decom, return_id FROM ssda903_episodes "
			      "WHERE child IS NOT NULL AND decom IS NOT NULL AND home_post IS NOT NULL",
			      "child areas", area_row, (void (*)(void))fn, ctx, err);
}
